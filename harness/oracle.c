// SPDX-License-Identifier: GPL-2.0
/*
 * Every expectation of the harness comes from a rule in this file; every rule
 * names the kernel code that decides it. Read mm/gup.c of the version you
 * test when you change one, and update docs/expectations.md (make check
 * fails when the two disagree).
 */
#include "oracle.h"

#include <errno.h>

enum {
	RULE_DRIVER_LONGTERM_GET,
	RULE_FSDAX_LONGTERM,
	RULE_FILE_WRITE_LONGTERM,
	RULE_PINNED,
};

const struct glt_rule glt_pin_rules[] = {
	[RULE_DRIVER_LONGTERM_GET] = {
		.id = "longterm-get-refused",
		.cite = "mm/gup.c is_valid_gup_flags()/is_valid_gup_args()",
		.when = "get_user_pages*() with FOLL_LONGTERM (a long-term GET)",
		.verdict = "-EINVAL (from the driver, before any GUP call)",
		.source = "mm/gup.c is_valid_gup_flags() (v6.1) / is_valid_gup_args() (v6.3+): FOLL_LONGTERM without FOLL_PIN is a WARN_ON_ONCE and a failure; driver/gup_longterm_test.c refuses it first",
		.kernels = "all",
	},
	[RULE_FSDAX_LONGTERM] = {
		.id = "fsdax-longterm",
		.cite = "mm/gup.c check_vma_flags() vma_is_fsdax()",
		.when = "FOLL_LONGTERM on a filesystem-DAX VMA (file has STATX_ATTR_DAX), read or write, slow or fast",
		.verdict = "-EOPNOTSUPP",
		.source = "mm/gup.c check_vma_flags(): FOLL_LONGTERM && vma_is_fsdax(); GUP-fast never pins devmap pages long-term and falls back to the slow path (mm/gup.c try_grab_folio() / gup_fast_*)",
		.kernels = "v5.2+ (v4.15-v5.1: get_user_pages_longterm())",
	},
	[RULE_FILE_WRITE_LONGTERM] = {
		.id = "file-write-longterm",
		.cite = "mm/gup.c check_vma_flags() writable_file_mapping_allowed()",
		.when = "FOLL_PIN|FOLL_LONGTERM|FOLL_WRITE on a shared file mapping that needs dirty tracking (page cache of ext4, xfs, ...)",
		.verdict = "-EFAULT",
		.source = "mm/gup.c check_vma_flags() -> writable_file_mapping_allowed() -> vma_needs_dirty_tracking() (mm/mmap.c v6.5-v6.10, mm/vma.c v6.11+); GUP-fast bails out in folio_fast_pin_allowed()/gup_fast_folio_allowed()",
		.kernels = "v6.5+ (allowed before)",
	},
	[RULE_PINNED] = {
		.id = "pinned",
		.cite = "mm/gup.c __get_user_pages()",
		.when = "anything else: anon, page cache (transient, read, or before v6.5), device-DAX, transient pins of fsdax",
		.verdict = "all pages pinned",
		.source = "mm/gup.c __get_user_pages() / gup_fast(); device-DAX is a devmap VMA but not vma_is_fsdax() (include/linux/fs.h)",
		.kernels = "all",
	},
};
const unsigned int glt_pin_rules_count =
	sizeof(glt_pin_rules) / sizeof(glt_pin_rules[0]);

enum {
	ACCT_GET,
	ACCT_PIN_SMALL,
	ACCT_PIN_LARGE,
	ACCT_PIN_ZERO,
};

const struct glt_rule glt_accounting_rules[] = {
	[ACCT_GET] = {
		.id = "get-ref",
		.cite = "mm/gup.c try_grab_folio() FOLL_GET",
		.when = "FOLL_GET of any page",
		.verdict = "folio refcount +1 per page; pincount, maybe_dma_pinned and nr_foll_pin_* unchanged",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): FOLL_GET",
		.kernels = "all",
	},
	[ACCT_PIN_SMALL] = {
		.id = "pin-small-folio",
		.cite = "mm/gup.c try_grab_folio() GUP_PIN_COUNTING_BIAS",
		.when = "FOLL_PIN of a page of a small (order-0) folio",
		.verdict = "folio refcount +1024 (GUP_PIN_COUNTING_BIAS) per page; maybe_dma_pinned; nr_foll_pin_acquired +1 per page, released +1 at unpin",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(); include/linux/mm.h GUP_PIN_COUNTING_BIAS; Documentation/core-api/pin_user_pages.rst",
		.kernels = "v5.7+",
	},
	[ACCT_PIN_LARGE] = {
		.id = "pin-large-folio",
		.cite = "mm/gup.c try_grab_folio() large folio pincount",
		.when = "FOLL_PIN of a page of a large folio (THP, hugetlb, device-DAX with compound pages)",
		.verdict = "folio refcount +1 and folio pincount +1 per page; maybe_dma_pinned; nr_foll_pin_acquired +1 per page",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): folio_test_large() -> folio pincount (folio_pincount_ptr() v6.1, folio->_pincount v6.2+)",
		.kernels = "v5.7+",
	},
	[ACCT_PIN_ZERO] = {
		.id = "pin-zero-page",
		.cite = "mm/gup.c try_grab_folio() is_zero_folio()",
		.when = "FOLL_PIN of the shared zero page",
		.verdict = "nothing changes: no reference, no pin, no vmstat",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): is_zero_page() / is_zero_folio() is not pinned",
		.kernels = "v6.0+",
	},
};
const unsigned int glt_accounting_rules_count =
	sizeof(glt_accounting_rules) / sizeof(glt_accounting_rules[0]);

enum {
	MEM_ANON_SMALL,
	MEM_PAGECACHE_EXT4_SMALL,
	MEM_PAGECACHE_EXT4_LARGE,
	MEM_FSDAX_SMALL,
	MEM_FSDAX_FOLIOS,
	MEM_DEVDAX_COMPOUND,
	MEM_DEVDAX_PAGES,
	MEM_ZONE_DEVICE,
	MEM_ZONE_NORMAL,
};

const struct glt_rule glt_memory_rules[] = {
	[MEM_ANON_SMALL] = {
		.id = "anon-small",
		.cite = "MADV_NOHUGEPAGE",
		.when = "anonymous memory with MADV_NOHUGEPAGE",
		.verdict = "order-0 folios",
		.source = "mm/memory.c do_anonymous_page(); mm/huge_memory.c (MADV_NOHUGEPAGE clears THP eligibility)",
		.kernels = "all",
	},
	[MEM_PAGECACHE_EXT4_SMALL] = {
		.id = "pagecache-ext4-small",
		.cite = "fs/ext4/inode.c (no large folios before v6.16)",
		.when = "page cache of an ext4 file",
		.verdict = "order-0 folios",
		.source = "fs/ext4/inode.c: no mapping_set_large_folios() before v6.16",
		.kernels = "before v6.16",
	},
	[MEM_PAGECACHE_EXT4_LARGE] = {
		.id = "pagecache-ext4-any",
		.cite = "fs/ext4/inode.c ext4_should_enable_large_folio()",
		.when = "page cache of an ext4 file",
		.verdict = "any folio order (the accounting rule follows the order reported)",
		.source = "fs/ext4/inode.c ext4_should_enable_large_folio()",
		.kernels = "v6.16+",
	},
	[MEM_FSDAX_SMALL] = {
		.id = "fsdax-pages",
		.cite = "mm/memremap.c MEMORY_DEVICE_FS_DAX",
		.when = "pages of a filesystem-DAX file (PTE-mapped)",
		.verdict = "order-0 ZONE_DEVICE pages",
		.source = "drivers/nvdimm/pfn_devs.c / mm/memremap.c: MEMORY_DEVICE_FS_DAX pgmap without vmemmap_shift",
		.kernels = "before v6.15",
	},
	[MEM_FSDAX_FOLIOS] = {
		.id = "fsdax-folios",
		.cite = "fs/dax.c dax_folio_init()",
		.when = "pages of a filesystem-DAX file",
		.verdict = "any folio order (fs/dax.c refcounts fsdax folios since v6.15)",
		.source = "fs/dax.c dax_folio_init() (\"fs/dax: properly refcount fs dax pages\")",
		.kernels = "v6.15+",
	},
	[MEM_DEVDAX_COMPOUND] = {
		.id = "devdax-compound",
		.cite = "drivers/dax/device.c dev_dax_probe() vmemmap_shift",
		.when = "device-DAX with alignment > PAGE_SIZE",
		.verdict = "folio order log2(align / PAGE_SIZE) (compound devmap)",
		.source = "drivers/dax/device.c dev_dax_probe(): pgmap->vmemmap_shift = order_base_2(align >> PAGE_SHIFT)",
		.kernels = "v5.17+",
	},
	[MEM_DEVDAX_PAGES] = {
		.id = "devdax-pages",
		.cite = "drivers/dax/device.c dev_dax_probe()",
		.when = "device-DAX with alignment == PAGE_SIZE, or before v5.17",
		.verdict = "order-0 folios",
		.source = "drivers/dax/device.c dev_dax_probe()",
		.kernels = "all",
	},
	[MEM_ZONE_DEVICE] = {
		.id = "dax-zone-device",
		.cite = "mm/memremap.c memremap_pages()",
		.when = "pages of fsdax files and of device-DAX",
		.verdict = "ZONE_DEVICE",
		.source = "mm/memremap.c memremap_pages() -> move_pfn_range_to_zone(ZONE_DEVICE)",
		.kernels = "all",
	},
	[MEM_ZONE_NORMAL] = {
		.id = "ram-not-zone-device",
		.cite = "mm/page_alloc.c",
		.when = "anonymous memory and page cache",
		.verdict = "not ZONE_DEVICE",
		.source = "mm/page_alloc.c: ordinary RAM allocations",
		.kernels = "all",
	},
};
const unsigned int glt_memory_rules_count =
	sizeof(glt_memory_rules) / sizeof(glt_memory_rules[0]);

static struct glt_expect decide(int rule, int error)
{
	struct glt_expect e = { .error = error, .rule = &glt_pin_rules[rule] };

	return e;
}

struct glt_expect glt_oracle_pin(const struct glt_kernel_facts *kf,
				 const struct glt_case *c,
				 const struct glt_mem_facts *mem)
{
	bool longterm = glt_api_is_longterm(c->api);
	bool get = glt_api_is_get(c->api);
	bool write = c->access == GLT_ACCESS_WRITE;

	if (get && longterm)
		return decide(RULE_DRIVER_LONGTERM_GET, EINVAL);
	if (longterm && mem->fsdax)
		return decide(RULE_FSDAX_LONGTERM, EOPNOTSUPP);
	/*
	 * vma_needs_dirty_tracking(): shared writable mappings whose
	 * vm_ops have page_mkwrite/pfn_mkwrite or whose mapping can write
	 * back. Device-DAX has neither (noop_backing_dev_info).
	 */
	if (longterm && !get && write && !mem->anon && mem->shared &&
	    mem->fs_writeback && kf->version >= GLT_KV(6, 5))
		return decide(RULE_FILE_WRITE_LONGTERM, EFAULT);
	return decide(RULE_PINNED, 0);
}

struct glt_accounting glt_oracle_accounting(const struct glt_kernel_facts *kf,
					    bool get, bool large_folio,
					    bool zero_page)
{
	struct glt_accounting a = { 0 };

	(void)kf;	/* the same on every kernel this tool supports */
	if (get) {
		a.ref_delta = 1;
		a.rule = &glt_accounting_rules[ACCT_GET];
	} else if (zero_page) {
		a.rule = &glt_accounting_rules[ACCT_PIN_ZERO];
	} else if (large_folio) {
		a.ref_delta = 1;
		a.pincount_delta = 1;
		a.vmstat_pins = 1;
		a.dma_pinned = true;
		a.rule = &glt_accounting_rules[ACCT_PIN_LARGE];
	} else {
		a.ref_delta = GLT_PIN_COUNTING_BIAS;
		a.vmstat_pins = 1;
		a.dma_pinned = true;
		a.rule = &glt_accounting_rules[ACCT_PIN_SMALL];
	}
	return a;
}

static int order_of(unsigned long pages)
{
	int order = 0;

	while (pages > 1) {
		pages >>= 1;
		order++;
	}
	return order;
}

int glt_oracle_folio_order(const struct glt_kernel_facts *kf,
			   enum glt_kind kind, const struct glt_mem_facts *mem,
			   const struct glt_rule **rule)
{
	switch (kind) {
	case GLT_KIND_ANON:
		*rule = &glt_memory_rules[MEM_ANON_SMALL];
		return 0;
	case GLT_KIND_PAGECACHE_EXT4:
		if (kf->version >= GLT_KV(6, 16)) {
			*rule = &glt_memory_rules[MEM_PAGECACHE_EXT4_LARGE];
			return -1;
		}
		*rule = &glt_memory_rules[MEM_PAGECACHE_EXT4_SMALL];
		return 0;
	case GLT_KIND_FSDAX_EXT4:
		if (kf->version >= GLT_KV(6, 15)) {
			*rule = &glt_memory_rules[MEM_FSDAX_FOLIOS];
			return -1;
		}
		*rule = &glt_memory_rules[MEM_FSDAX_SMALL];
		return 0;
	case GLT_KIND_DEVDAX:
		if (mem->devdax_align > 4096 && kf->version >= GLT_KV(5, 17)) {
			*rule = &glt_memory_rules[MEM_DEVDAX_COMPOUND];
			return order_of(mem->devdax_align / 4096);
		}
		*rule = &glt_memory_rules[MEM_DEVDAX_PAGES];
		return 0;
	default:
		*rule = NULL;
		return -1;
	}
}

int glt_oracle_zone_device(enum glt_kind kind, const struct glt_rule **rule)
{
	if (kind == GLT_KIND_FSDAX_EXT4 || kind == GLT_KIND_DEVDAX) {
		*rule = &glt_memory_rules[MEM_ZONE_DEVICE];
		return 1;
	}
	*rule = &glt_memory_rules[MEM_ZONE_NORMAL];
	return 0;
}

/* A Markdown table cell: '|' would end the cell. */
static void cell(FILE *out, const char *text)
{
	fputs(" ", out);
	for (; *text; text++) {
		if (*text == '|')
			fputc('\\', out);
		fputc(*text, out);
	}
	fputs(" |", out);
}

static void print_table(FILE *out, const char *title,
			const struct glt_rule *rules, unsigned int n)
{
	fprintf(out, "### %s\n\n", title);
	fprintf(out, "| rule | when | verdict | decided by | kernels |\n");
	fprintf(out, "| --- | --- | --- | --- | --- |\n");
	for (unsigned int i = 0; i < n; i++) {
		fprintf(out, "| `%s` |", rules[i].id);
		cell(out, rules[i].when);
		cell(out, rules[i].verdict);
		cell(out, rules[i].source);
		cell(out, rules[i].kernels);
		fputc('\n', out);
	}
	fprintf(out, "\n");
}

void glt_rules_print_markdown(FILE *out)
{
	print_table(out, "Pin verdicts (first match wins)", glt_pin_rules,
		    glt_pin_rules_count);
	print_table(out, "Accounting per pinned page", glt_accounting_rules,
		    glt_accounting_rules_count);
	print_table(out, "What the memory must be", glt_memory_rules,
		    glt_memory_rules_count);
}
