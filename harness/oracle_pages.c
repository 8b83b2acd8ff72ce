// SPDX-License-Identifier: GPL-2.0
/*
 * The oracle's pages: what one pinned page adds to its folio's counters
 * (glt_accounting_rules[]: the pin's delta, a new page's refcount, the
 * replaced page's), and what the pinned pages must be
 * (glt_memory_rules[]: folio order, ZONE_DEVICE, anonymous or the zero
 * page). Each question is the rows of its table that answer it (asks).
 */
#include "oracle_rules.h"

/*
 * Folio orders beyond a number (struct glt_rule value), counted in the
 * running kernel's pages: its page-table geometry is a kernel fact
 * (struct glt_kernel_facts page_shift, pmd_order, hugetlb_order), never
 * x86's 4 KiB pages and 2 MiB PMDs.
 */
enum {
	ORDER_ANY = -1,		    /* the kernel chooses: -1 to the caller */
	ORDER_OF_DEVDAX_ALIGN = -2, /* log2(device-DAX alignment / PAGE_SIZE) */
	ORDER_OF_MAPPING = -3, /* HPAGE_PMD_ORDER where a PMD maps it, else 0 */
	ORDER_OF_THP = -4,     /* the recipe's THP: the facts' thp_order */
	ORDER_PMD = -5,	       /* HPAGE_PMD_ORDER */
	ORDER_HUGETLB = -6,    /* the default hugetlb page's order */
};

/* The conditions of the accounting rules. */
static bool match_get(const struct glt_query *q)
{
	return q->get;
}

static bool match_pin_small(const struct glt_query *q)
{
	return !q->get && !q->large && !q->zero;
}

static bool match_pin_large(const struct glt_query *q)
{
	return !q->get && q->large && !q->zero;
}

static bool match_pin_zero(const struct glt_query *q)
{
	return !q->get && q->zero;
}

static bool match_new_file_page(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_NEW_FILE;
}

static bool match_zero_page(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_ZERO;
}

static bool match_fsdax_backing(const struct glt_query *q)
{
	return q->m->backing == GLT_BACKING_FSDAX;
}

/*
 * The conditions of the memory rules. Anonymous pages: new ones, the
 * VMA's own, or the zero page a private mapping COWs from.
 */
static bool anon_or_zero(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_NEW_ANON ||
	       q->m->pages == GLT_PAGES_ANON ||
	       (q->m->pages == GLT_PAGES_ZERO &&
		q->outcome != GLT_OUT_NEW_FILE);
}

/* lib/test_hmm.c's device-coherent pages, pinned where they are. */
static bool match_device_coherent(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_DEVICE_COHERENT &&
	       q->outcome == GLT_OUT_SAME;
}

/* The mapping's own pages: its file's, shmem's, pmem's. */
static bool own_pages(const struct glt_query *q)
{
	return !anon_or_zero(q) && !match_device_coherent(q);
}

static bool match_anon_thp(const struct glt_query *q)
{
	return anon_or_zero(q) && q->m->backing == GLT_BACKING_THP;
}

static bool match_hugetlb(const struct glt_query *q)
{
	return q->m->backing == GLT_BACKING_HUGETLB &&
	       !match_device_coherent(q);
}

static bool match_ext4(const struct glt_query *q)
{
	return own_pages(q) && q->m->backing == GLT_BACKING_EXT4;
}

static bool match_xfs(const struct glt_query *q)
{
	return own_pages(q) && q->m->backing == GLT_BACKING_XFS;
}

static bool match_fsdax(const struct glt_query *q)
{
	return own_pages(q) && q->m->backing == GLT_BACKING_FSDAX;
}

static bool match_devdax(const struct glt_query *q)
{
	return own_pages(q) && q->m->backing == GLT_BACKING_DEVDAX;
}

static bool match_devdax_aligned(const struct glt_query *q)
{
	return match_devdax(q) && q->m->devdax_align >> q->kf->page_shift > 1;
}

/*
 * pmem pages: a hole's new block, or the pages a DAX mapping maps (a
 * private DAX mapping maps them read-only too).
 */
static bool match_dax_pages(const struct glt_query *q)
{
	const struct glt_mem_facts *m = q->m;

	if (q->outcome == GLT_OUT_NEW_FILE)
		return m->backing == GLT_BACKING_FSDAX;
	return q->outcome == GLT_OUT_SAME &&
	       (m->pages == GLT_PAGES_FILE || m->pages == GLT_PAGES_FILE_COW) &&
	       (m->backing == GLT_BACKING_FSDAX ||
		m->backing == GLT_BACKING_DEVDAX);
}

static bool match_huge_zero_in_place(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SAME && q->m->pages == GLT_PAGES_HUGE_ZERO;
}

static bool match_huge_zero_copy(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_NEW_ANON &&
	       q->m->pages == GLT_PAGES_HUGE_ZERO;
}

/* thp-pte's THP, mapped by PTEs since, and the mTHP sizes' folios. */
static bool thp_of_recipe(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_ANON && q->outcome == GLT_OUT_SAME &&
	       q->m->backing == GLT_BACKING_THP && q->m->thp_order;
}

static bool match_thp_pte(const struct glt_query *q)
{
	return thp_of_recipe(q) && !q->m->mthp;
}

static bool match_mthp(const struct glt_query *q)
{
	return thp_of_recipe(q) && q->m->mthp;
}

static bool match_swapped_in(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SWAPIN;
}

static bool match_huge_zero(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_HUGE_ZERO;
}

static bool match_hugetlb_backing(const struct glt_query *q)
{
	return q->m->backing == GLT_BACKING_HUGETLB;
}

static bool match_anon_pages(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_ANON &&
	       q->m->forked == GLT_FORK_SHARE_NONE;
}

/* Anonymous pages fork() shared with a child, or once shared. */
static bool match_fork_shared(const struct glt_query *q)
{
	return q->m->forked != GLT_FORK_SHARE_NONE;
}

static bool match_fork_shared_in_place(const struct glt_query *q)
{
	return match_fork_shared(q) && q->outcome == GLT_OUT_SAME;
}

/* A PMD-mapped THP that fork() shared: a fault here splits its PMD. */
static bool match_fork_shared_thp_pmd(const struct glt_query *q)
{
	return match_fork_shared(q) && q->m->backing == GLT_BACKING_THP &&
	       q->m->pmd_mapped;
}

/* A swap entry fork() copied for a child that still has it. */
static bool match_swapped_in_child_swap_entry(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SWAPIN &&
	       q->m->forked == GLT_FORK_SHARE_LIVE;
}

/* An anonymous page a fault copied out of a large folio. */
static bool match_anon_large_copy(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_NEW_ANON &&
	       q->m->backing == GLT_BACKING_THP &&
	       q->m->pages != GLT_PAGES_HUGE_ZERO;
}

static bool match_new_anon_page(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_NEW_ANON;
}

static bool match_zero_page_in_place(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SAME && q->m->pages == GLT_PAGES_ZERO;
}

const struct glt_rule glt_accounting_rules[] = {
	[ACCT_GET] = {
		.id = "get-ref",
		.when = "FOLL_GET of any page",
		.verdict = "folio refcount +1 per page; pincount, maybe_dma_pinned and nr_foll_pin_* unchanged",
		.cite = "mm/gup.c try_grab_folio() FOLL_GET",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): FOLL_GET",

		.match = match_get,
		.asks = GLT_ASK_ACCOUNTING,
		.counts = { .ref = 1 },
	},
	[ACCT_PIN_SMALL] = {
		.id = "pin-small-folio",
		.when = "FOLL_PIN of a page of a small (order-0) folio",
		.verdict = "folio refcount +1024 (GUP_PIN_COUNTING_BIAS) per page; maybe_dma_pinned; nr_foll_pin_acquired +1 per page, released +1 at unpin",
		.cite = "mm/gup.c try_grab_folio() GUP_PIN_COUNTING_BIAS",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(); include/linux/mm.h GUP_PIN_COUNTING_BIAS; Documentation/core-api/pin_user_pages.rst",
		.since = GLT_KV(5, 7),

		.match = match_pin_small,
		.asks = GLT_ASK_ACCOUNTING,
		.any_kernel = true,
		.counts = { .ref = GLT_PIN_COUNTING_BIAS, .vmstat = 1, .dma_pinned = true },
	},
	[ACCT_PIN_LARGE] = {
		.id = "pin-large-folio",
		.when = "FOLL_PIN of a page of a large folio (THP, hugetlb, device-DAX with compound pages)",
		.verdict = "folio refcount +1 and folio pincount +1 per page; maybe_dma_pinned; nr_foll_pin_acquired +1 per page",
		.cite = "mm/gup.c try_grab_folio() large folio pincount",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): folio_test_large() -> folio pincount (folio_pincount_ptr() v6.1, folio->_pincount v6.3+)",
		.since = GLT_KV(5, 7),

		.match = match_pin_large,
		.asks = GLT_ASK_ACCOUNTING,
		.any_kernel = true,
		.counts = { .ref = 1, .pincount = 1, .vmstat = 1, .dma_pinned = true },
	},
	[ACCT_PIN_ZERO] = {
		.id = "pin-zero-page",
		.when = "FOLL_PIN of the shared zero page",
		.verdict = "nothing changes: no reference, no pin, no vmstat",
		.cite = "mm/gup.c try_grab_folio() is_zero_folio()",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): is_zero_page() / is_zero_folio() is not pinned (\"mm: Don't pin ZERO_PAGE in pin_user_pages()\", v6.5, in Debian's 6.1.192 as a stable backport)",
		.note = "upstream from \"mm: Don't pin ZERO_PAGE in pin_user_pages()\" (v6.5), in Debian's 6.1 as a stable backport",
		.since = GLT_KV(6, 1),

		.match = match_pin_zero,
		.asks = GLT_ASK_ACCOUNTING,
	},
	[ACCT_PIN_ZERO_COUNTED] = {
		.id = "pin-zero-page-counted",
		.when = "FOLL_PIN of the shared zero page, on a kernel that pins it like any page",
		.verdict = "as a small folio: refcount +1024 per pin, maybe_dma_pinned, nr_foll_pin_acquired +1",
		.cite = "mm/gup.c try_grab_page() (no zero-page test)",
		.source = "v5.10 mm/gup.c try_grab_page(): \"refs = GUP_PIN_COUNTING_BIAS; page_ref_add(page, refs)\" for any order-0 page; follow_page_pte() returns the zero page (\"if (is_zero_pfn(pte_pfn(pte))) page = pte_page(pte)\")",
		.note = "before \"mm: Don't pin ZERO_PAGE in pin_user_pages()\" (v6.5, backported to 6.1.y)",
		.until = GLT_KV(6, 1),

		.match = match_pin_zero,
		.asks = GLT_ASK_ACCOUNTING,
		.counts = { .ref = GLT_PIN_COUNTING_BIAS, .vmstat = 1, .dma_pinned = true },
	},
	[ACCT_FRESH_PAGE] = {
		.id = "fresh-anon-page",
		.when = "a page that a COW or unshare fault made for the pin",
		.verdict = "refcount 1 (its one mapping) before the pin's own delta",
		.cite = "mm/memory.c wp_page_copy()",
		.source = "mm/memory.c wp_page_copy(): a new folio, mapped once (the LRU batch reference is drained before reading)",

		.asks = GLT_ASK_FRESH,
		.general = true,
		.value = 1,
	},
	[ACCT_FRESH_DAX_PAGE] = {
		.id = "fresh-dax-page",
		.when = "the pmem page a write fault just gave a hole of a shared fsdax file, mapped once",
		.verdict = "refcount 1 before the pin",
		.cite = "fs/dax.c: the mapping's reference (vmf_insert_page_mkwrite())",
		.source = "v6.15+ fs/dax.c dax_insert_pfn() -> vmf_insert_page_mkwrite() -> mm/memory.c insert_page_into_pte_locked(): folio_get() for the mapping, on a folio whose idle count is 0 (dax_page_is_idle(), \"fs/dax: properly refcount fs dax pages\")",
		.older = {
			{ GLT_KV(6, 15), "fs/dax.c dax_busy_page(): an idle DAX page holds 1; the devmap PTE takes none",
			  "fs/dax.c dax_busy_page(): \"if (page_ref_count(page) > 1)\" (an idle ZONE_DEVICE fsdax page holds 1); dax_fault_iter() -> vmf_insert_mixed_mkwrite() inserts a devmap PTE without a page reference (v5.10, v6.1, v6.12)" },
		},

		.match = match_new_file_page,
		.asks = GLT_ASK_FRESH,
		.value = 1,
	},
	[ACCT_FRESH_SWAPIN_SHARED] = {
		.id = "swapped-in-page-in-swap-cache",
		.when = "the page a swap-in fault read back for the pin from a swap entry that fork() copied for a child that still has it",
		.verdict = "refcount 2 before the pin: its mapping and the swap cache, which keeps the page while the child's swap entry refers to it",
		.cite = "mm/memory.c do_swap_page(): the swap count is 2, the folio stays in the swap cache",
		.source = "mm/memory.c copy_nonpresent_pte(): swap_duplicate() makes the entry's count 2; do_swap_page() reads it through the swap cache (v5.10-v6.12: the skip-swapcache path needs __swap_count(entry) == 1), and folio_free_swap() (try_to_free_swap() in v5.10) cannot free a folio whose swap entry is still in use (folio_swapped()): the cache's reference stays",

		.match = match_swapped_in_child_swap_entry,
		.asks = GLT_ASK_FRESH,
		.value = 2,
	},
	[ACCT_FRESH_SWAPIN] = {
		.id = "swapped-in-page",
		.when = "the page a swap-in fault read back from zram (SWP_SYNCHRONOUS_IO) for the pin",
		.verdict = "refcount 1 (its one mapping) before the pin: no swap-cache reference",
		.cite = "mm/memory.c do_swap_page() should_try_to_free_swap() SWP_SYNCHRONOUS_IO",
		.source = "mm/memory.c do_swap_page(): swapin_sync() adds the new folio to the swap cache, and should_try_to_free_swap() is always true for a SWP_SYNCHRONOUS_IO device, so folio_free_swap() drops the cache's reference before the fault returns (v7.3 read)",
		.older = {
			{ GLT_KV(7, 0), "mm/memory.c do_swap_page() SWP_SYNCHRONOUS_IO: skip swapcache",
			  "mm/memory.c do_swap_page(): \"skip swapcache\" when SWP_SYNCHRONOUS_IO && __swap_count(entry) == 1: the new page never enters the swap cache; its allocation's reference becomes the mapping's (v5.10, v6.1, v6.12 read; the LRU batch reference is drained before reading)" },
		},

		.match = match_swapped_in,
		.asks = GLT_ASK_FRESH,
		.value = 1,
	},
	[ACCT_COWED_AWAY] = {
		.id = "cow-drops-mapping-ref",
		.when = "a file page that a COW or unshare fault unmapped from the range",
		.verdict = "refcount -1 (the mapping's reference)",
		.cite = "mm/memory.c wp_page_copy() folio_remove_rmap + folio_put",
		.source = "mm/memory.c wp_page_copy(): page_remove_rmap()/folio_remove_rmap_pte() and the old page's put",

		.asks = GLT_ASK_COWED_AWAY,
		.general = true,
		.value = -1,
	},
	[ACCT_COWED_AWAY_HUGETLB] = {
		.id = "cow-hugetlb-drops-mapping-ref",
		.when = "a hugetlb folio that a COW or unshare fault unmapped from a private mapping: page cache, or anonymous pages fork() shared",
		.verdict = "folio refcount -1 in all: one huge PTE (a PMD) held one reference for the whole folio",
		.cite = "mm/hugetlb.c hugetlb_wp() hugetlb_remove_rmap(), folio_put(old_folio)",
		.source = "mm/hugetlb.c hugetlb_wp(): folio_get(old_folio) before the copy, then huge_ptep_clear_flush(), hugetlb_remove_rmap(old_folio) and two folio_put()s of it (\"Make the old page be freed below\"): the mapping's one reference goes",
		.older = {
			{ GLT_KV(6, 0), "mm/hugetlb.c hugetlb_cow() page_remove_rmap(), put_page(old_page)",
			  "mm/hugetlb.c hugetlb_cow(): get_page(old_page), then huge_ptep_clear_flush(), page_remove_rmap(old_page, true) and put_page() of it twice (new_page = old_page, \"Make the old page be freed below\") (v5.10 read)" },
		},

		.match = match_hugetlb_backing,
		.asks = GLT_ASK_COWED_AWAY,
		.value = -1,
		.per_folio = true,
	},
	[ACCT_COWED_AWAY_FSDAX] = {
		.id = "cow-fsdax-page-unreferenced",
		.when = "an fsdax page that a COW fault unmapped from a private mapping, on a kernel that maps fsdax pages without a page reference",
		.verdict = "refcount unchanged: the mapping held no reference",
		.cite = "fs/dax.c dax_insert_pfn() vmf_insert_mixed(): a devmap PTE, no page reference",
		.source = "fs/dax.c dax_fault_iter(): vmf_insert_mixed()/vmf_insert_mixed_mkwrite() insert a pfn_t_devmap() PTE (mm/memory.c insert_pfn()) and take no page reference, so do_wp_page() (vm_normal_page() NULL for a devmap PTE) -> wp_page_copy() drops none; from v6.15 (\"fs/dax: properly refcount fs dax pages\") vmf_insert_page_mkwrite() takes one and cow-drops-mapping-ref applies",
		.until = GLT_KV(6, 15),

		.match = match_fsdax_backing,
		.asks = GLT_ASK_COWED_AWAY,
		.value = 0,
	},
	[ACCT_COWED_AWAY_THP_SPLIT] = {
		.id = "cow-fork-shared-thp-splits-pmd",
		.when = "a PMD-mapped THP that fork() shared, which a COW or unshare fault here could not reuse",
		.verdict = "the fault splits this process's PMD into PTEs (refcount + PMD pages - 1: one reference per PTE), then copies each faulted page (-1 each); the child's PMD stays",
		.cite = "mm/huge_memory.c do_huge_pmd_wp_page() fallback: __split_huge_pmd(); mm/memory.c wp_page_copy()",
		.source = "mm/huge_memory.c do_huge_pmd_wp_page(): not PageAnonExclusive and not reusable -> \"fallback: __split_huge_pmd(vma, vmf->pmd, vmf->address, false)\" -> __split_huge_pmd_locked(): folio_ref_add(folio, HPAGE_PMD_NR - 1) (page_ref_add() in v5.10) for the PTEs it maps; VM_FAULT_FALLBACK -> mm/memory.c do_wp_page() -> wp_page_copy() per page, each dropping its PTE's reference",

		.match = match_fork_shared_thp_pmd,
		.asks = GLT_ASK_COWED_AWAY,
		.value = -1,
		.split_pmd = true,
	},
	[ACCT_COWED_AWAY_SHARED_ANON] = {
		.id = "cow-fork-shared-anon-unmapped",
		.when = "an anonymous page that fork() shared, which a COW or unshare fault here replaced with a copy",
		.verdict = "refcount -1 (this process's mapping's reference; the child's mapping, or the observer, keeps the page)",
		.cite = "mm/memory.c wp_page_copy() folio_remove_rmap_pte + folio_put",
		.source = "mm/memory.c wp_page_copy(): folio_remove_rmap_pte() of the old folio, then folio_put() of the mapping's reference (the reference do_wp_page() took for the copy is put too); page_remove_rmap() and put_page() in v5.10",

		.match = match_fork_shared,
		.asks = GLT_ASK_COWED_AWAY,
		.value = -1,
	},
	[ACCT_COWED_AWAY_HUGE_ZERO] = {
		.id = "cow-huge-zero-page-untouched",
		.when = "the huge zero page, when a COW or unshare fault replaces its PMD",
		.verdict = "refcount unchanged: the huge zero page's references are its users' mm's, not its mappings'",
		.cite = "mm/huge_memory.c do_huge_zero_wp_pmd() pmdp_huge_clear_flush(), no put",
		.source = "mm/huge_memory.c: mm_get_huge_zero_folio() takes one reference per mm (MMF_HUGE_ZERO_FOLIO), dropped at exit (mm_put_huge_zero_folio()); do_huge_zero_wp_pmd() clears the PMD and maps the new THP without a folio_put() of the huge zero folio",
		.older = {
			{ GLT_KV(6, 13), "mm/huge_memory.c __split_huge_zero_page_pmd(): zero-page PTEs, no put",
			  "mm/huge_memory.c do_huge_pmd_wp_page() -> __split_huge_pmd() -> __split_huge_zero_page_pmd(): the PMD is cleared and replaced by 4 KiB zero-page PTEs without a put of the huge zero page, whose references are per mm (mm_get_huge_zero_page(), MMF_HUGE_ZERO_PAGE) (v5.10, v6.1, v6.12 read)" },
		},

		.match = match_huge_zero,
		.asks = GLT_ASK_COWED_AWAY,
		.value = 0,
	},
	[ACCT_COWED_AWAY_ZERO] = {
		.id = "cow-zero-page-untouched",
		.when = "the zero page, when a fault replaces its mapping: a COW or unshare fault, or a write that fills an fsdax hole",
		.verdict = "refcount unchanged (mapping the zero page takes no reference)",
		.cite = "mm/memory.c do_anonymous_page() special zero-page PTE",
		.source = "mm/memory.c do_anonymous_page(): pte_mkspecial(pfn_pte(my_zero_pfn())) maps the zero page without a reference; fs/dax.c dax_load_hole() maps it special too (vmf_insert_mixed() before v6.15, insert_page_into_pte_locked()'s is_zero_folio() branch since)",

		.match = match_zero_page,
		.asks = GLT_ASK_COWED_AWAY,
		.value = 0,
	},
};
const unsigned int glt_accounting_rules_count = N(glt_accounting_rules);

const struct glt_rule glt_memory_rules[] = {
	[MEM_SMALL] = {
		.id = "small-folios",
		.when = "anonymous memory and shmem mapped with MADV_NOHUGEPAGE, the zero page, COW copies",
		.verdict = "order-0 folios",
		.cite = "MADV_NOHUGEPAGE",
		.source = "mm/memory.c do_anonymous_page(); mm/shmem.c shmem_huge_global_enabled(): VM_NOHUGEPAGE",

		.asks = GLT_ASK_ORDER,
		.general = true,
		.value = 0,
	},
	[MEM_HUGE_ZERO] = {
		.id = "huge-zero-page",
		.when = "the huge zero page that a read fault mapped over a PMD-aligned MADV_HUGEPAGE range, pinned where it is",
		.verdict = "a PMD-sized folio, not anonymous, and not the 4 KiB zero page the driver flags (the provider proved it through /proc/kpageflags KPF_ZERO_PAGE | KPF_THP)",
		.cite = "mm/huge_memory.c do_huge_pmd_anonymous_page() set_huge_zero_folio()",
		.source = "mm/huge_memory.c do_huge_pmd_anonymous_page(): no FAULT_FLAG_WRITE and transparent_hugepage_use_zero_page() -> mm_get_huge_zero_folio() (get_huge_zero_folio(): a zeroed folio of HPAGE_PMD_ORDER with no mapping, so not folio_test_anon()) -> set_huge_zero_folio() (set_huge_zero_page() in v5.10, v6.1); is_zero_pfn() and is_zero_folio() are the 4 KiB zero page only",

		.match = match_huge_zero_in_place,
		.asks = GLT_ASK_ORDER | GLT_ASK_ANON,
		.value = ORDER_OF_THP,
	},
	[MEM_HUGE_ZERO_COW_SMALL] = {
		.id = "huge-zero-copies-small",
		.when = "the pages a COW or unshare fault made in place of the huge zero page, on a kernel that splits its PMD first",
		.verdict = "order-0 folios",
		.cite = "mm/huge_memory.c do_huge_pmd_wp_page() is_huge_zero_pmd(): split; mm/memory.c wp_page_copy()",
		.source = "mm/huge_memory.c do_huge_pmd_wp_page(): \"if (is_huge_zero_pmd(orig_pmd)) goto fallback;\" -> __split_huge_pmd(), then mm/memory.c do_wp_page() -> wp_page_copy() of a 4 KiB zero-page PTE: a new order-0 page per page faulted",
		.until = GLT_KV(6, 13),

		.match = match_huge_zero_copy,
		.asks = GLT_ASK_ORDER,
		.value = 0,
	},
	[MEM_HUGE_ZERO_COW_THP] = {
		.id = "huge-zero-copies-thp",
		.when = "the pages a COW or unshare fault made in place of the huge zero page, on a kernel that allocates a THP for it",
		.verdict = "one PMD-sized folio for the whole range",
		.cite = "mm/huge_memory.c do_huge_zero_wp_pmd() vma_alloc_anon_folio_pmd()",
		.source = "mm/huge_memory.c do_huge_pmd_wp_page(): is_huge_zero_pmd() -> do_huge_zero_wp_pmd(): vma_alloc_anon_folio_pmd() and map_anon_folio_pmd_pf(); only when that allocation fails does it split the PMD as before",
		.note = "\"mm: Allocate THP on hugezeropage wp-fault\" (read in v7.3, absent from v6.12)",
		.since = GLT_KV(6, 13),

		.match = match_huge_zero_copy,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_OF_THP,
	},
	[MEM_ANON_COW_SMALL] = {
		.id = "large-folio-copies-small",
		.when = "the pages a COW or unshare fault copied out of an anonymous large folio (a THP, PMD- or PTE-mapped, an mTHP)",
		.verdict = "order-0 folios: one new page per page faulted",
		.cite = "mm/memory.c wp_page_copy() folio_prealloc(): order 0",
		.source = "mm/memory.c do_wp_page() -> wp_page_copy(): folio_prealloc(mm, vma, addr, false) (alloc_page_vma() in v5.10) allocates one order-0 page for the faulting address; a PMD-mapped THP is first split into PTEs (mm/huge_memory.c do_huge_pmd_wp_page() fallback)",

		.match = match_anon_large_copy,
		.asks = GLT_ASK_ORDER,
		.value = 0,
	},
	[MEM_THP_PTE] = {
		.id = "thp-pte-mapped",
		.when = "a PMD-sized THP whose PMD a partial mprotect() split into PTEs",
		.verdict = "the same PMD-sized folio (order log2(PMD size / page size)), mapped by PTEs",
		.cite = "mm/huge_memory.c __split_huge_pmd(): the mapping, not the folio",
		.source = "mm/mprotect.c change_pmd_range(): a PMD the range covers in part goes through mm/huge_memory.c __split_huge_pmd() -> __split_huge_pmd_locked(), which maps each page of the folio by a PTE and leaves the folio whole (split_huge_page() is another function)",

		.match = match_thp_pte,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_OF_THP,
	},
	[MEM_MTHP] = {
		.id = "mthp-folios",
		.when = "anonymous memory faulted while one mTHP size was the only one enabled",
		.verdict = "folios of that size's order, mapped by PTEs",
		.cite = "mm/memory.c alloc_anon_folio()",
		.source = "mm/memory.c do_anonymous_page() -> alloc_anon_folio(): the highest order of thp_vma_allowable_orders() (the hugepages-<size>kB settings; madvise: VM_HUGEPAGE VMAs) that fits the VMA, is aligned and whose PTEs are all none, then set_ptes() of every page of the folio",
		.note = "\"mm: thp: support allocation of anonymous multi-size THP\"",
		.since = GLT_KV(6, 8),

		.match = match_mthp,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_OF_THP,
	},
	[MEM_THP] = {
		.id = "thp-pmd",
		.when = "a PMD-aligned anonymous range with MADV_HUGEPAGE, written",
		.verdict = "folios of HPAGE_PMD_ORDER, 9 with 4 KiB pages (PMD-mapped, AnonHugePages in smaps)",
		.cite = "mm/huge_memory.c do_huge_pmd_anonymous_page()",
		.source = "mm/huge_memory.c do_huge_pmd_anonymous_page(); include/linux/huge_mm.h HPAGE_PMD_ORDER = PMD_SHIFT - PAGE_SHIFT: 9 on x86-64 and on arm64 with 4 KiB pages (13 with arm64's 64 KiB pages), read from the running kernel's hpage_pmd_size",

		.match = match_anon_thp,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_PMD,
	},
	[MEM_HUGETLB] = {
		.id = "hugetlb-2m",
		.when = "hugetlbfs memory (MAP_HUGETLB, MFD_HUGETLB) of the default size (2 MiB on x86-64 and on arm64 with 4 KiB pages)",
		.verdict = "folios of the default huge page's order (9 for 2 MiB)",
		.cite = "mm/hugetlb.c alloc_hugetlb_folio()",
		.source = "mm/hugetlb.c alloc_hugetlb_folio() (alloc_huge_page() before v6.3): huge_page_order() of the default hstate, read from the running kernel's Hugepagesize",

		.match = match_hugetlb,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_HUGETLB,
	},
	[MEM_EXT4_SMALL] = {
		.id = "pagecache-ext4-small",
		.when = "page cache of an ext4 file",
		.verdict = "order-0 folios",
		.cite = "fs/ext4/inode.c (no large folios before v6.16)",
		.source = "fs/ext4/inode.c: no mapping_set_large_folios() before v6.16",
		.until = GLT_KV(6, 16),

		.match = match_ext4,
		.asks = GLT_ASK_ORDER,
		.value = 0,
	},
	[MEM_EXT4_ANY] = {
		.id = "pagecache-ext4-any",
		.when = "page cache of an ext4 file",
		.verdict = "any folio order (the accounting rule follows the order reported)",
		.cite = "fs/ext4/inode.c ext4_should_enable_large_folio()",
		.source = "fs/ext4/inode.c ext4_should_enable_large_folio()",
		.since = GLT_KV(6, 16),

		.match = match_ext4,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_ANY,
	},
	[MEM_XFS_SMALL] = {
		.id = "pagecache-xfs-small",
		.when = "page cache of an xfs file, on a kernel whose xfs has no large folios",
		.verdict = "order-0 folios",
		.cite = "fs/xfs/xfs_icache.c (no mapping_set_large_folios() before v5.18)",
		.source = "fs/xfs/xfs_icache.c xfs_inode_alloc() / fs/xfs/xfs_iops.c xfs_setup_inode(): no mapping_set_large_folios() before v5.18 (\"xfs: Support large folios\")",
		.until = GLT_KV(5, 18),

		.match = match_xfs,
		.asks = GLT_ASK_ORDER,
		.value = 0,
	},
	[MEM_XFS_ANY] = {
		.id = "pagecache-xfs-any",
		.when = "page cache of an xfs file",
		.verdict = "any folio order (the accounting rule follows the order reported)",
		.cite = "fs/xfs/xfs_icache.c mapping_set_large_folios()",
		.source = "fs/xfs/xfs_icache.c xfs_inode_alloc()/xfs_setup_inode(): mapping_set_large_folios() (v5.18+)",
		.since = GLT_KV(5, 18),

		.match = match_xfs,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_ANY,
	},
	[MEM_FSDAX_SMALL] = {
		.id = "fsdax-pages",
		.when = "pages of a filesystem-DAX file, PTE- or PMD-mapped",
		.verdict = "order-0 ZONE_DEVICE pages",
		.cite = "mm/memremap.c MEMORY_DEVICE_FS_DAX",
		.source = "drivers/nvdimm/pfn_devs.c / mm/memremap.c: MEMORY_DEVICE_FS_DAX pgmap without vmemmap_shift",
		.until = GLT_KV(6, 15),

		.match = match_fsdax,
		.asks = GLT_ASK_ORDER,
		.value = 0,
	},
	[MEM_FSDAX_FOLIOS] = {
		.id = "fsdax-folios",
		.when = "pages of a filesystem-DAX file, on a kernel that makes fsdax folios of the mapping entry's size",
		.verdict = "HPAGE_PMD_ORDER (9 with 4 KiB pages) where a PMD maps the file (the -pmd kinds), order 0 where PTEs do",
		.cite = "fs/dax.c dax_folio_init() dax_entry_order()",
		.source = "fs/dax.c dax_associate_entry() -> dax_folio_init(): the folio is prep_compound_page()d to dax_entry_order() of the DAX entry (PMD_ORDER for a PMD fault, 0 for a PTE fault), \"fs/dax: properly refcount fs dax pages\"",
		.since = GLT_KV(6, 15),

		.match = match_fsdax,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_OF_MAPPING,
	},
	[MEM_DEVDAX_COMPOUND] = {
		.id = "devdax-compound",
		.when = "device-DAX with alignment > PAGE_SIZE",
		.verdict = "folio order log2(align / PAGE_SIZE) (compound devmap)",
		.cite = "drivers/dax/device.c dev_dax_probe() vmemmap_shift",
		.source = "drivers/dax/device.c dev_dax_probe(): pgmap->vmemmap_shift = order_base_2(align >> PAGE_SHIFT)",
		.since = GLT_KV(5, 17),

		.match = match_devdax_aligned,
		.asks = GLT_ASK_ORDER,
		.value = ORDER_OF_DEVDAX_ALIGN,
	},
	[MEM_DEVDAX_PAGES] = {
		.id = "devdax-pages",
		.when = "device-DAX with alignment == PAGE_SIZE, or before v5.17",
		.verdict = "order-0 folios",
		.cite = "drivers/dax/device.c dev_dax_probe()",
		.source = "drivers/dax/device.c dev_dax_probe()",

		.match = match_devdax,
		.asks = GLT_ASK_ORDER,
		.value = 0,
	},
	[MEM_ZONE_DEVICE] = {
		.id = "dax-zone-device",
		.when = "pages of fsdax files (not their COW copies) and of device-DAX",
		.verdict = "ZONE_DEVICE",
		.cite = "mm/memremap.c memremap_pages()",
		.source = "mm/memremap.c memremap_pages() -> move_pfn_range_to_zone(ZONE_DEVICE)",

		.match = match_dax_pages,
		.asks = GLT_ASK_ZONE,
		.zone_device = true,
	},
	[MEM_DEVICE_COHERENT] = {
		.id = "device-coherent-zone-device",
		.when = "pages of lib/test_hmm.c's device-coherent memory, pinned where they are",
		.verdict = "ZONE_DEVICE, anonymous, order 0",
		.cite = "mm/memremap.c memremap_pages(MEMORY_DEVICE_COHERENT)",
		.source = "lib/test_hmm.c dmirror_allocate_chunk(): memremap_pages() of MEMORY_DEVICE_COHERENT -> move_pfn_range_to_zone(ZONE_DEVICE); dmirror_migrate_alloc_and_copy() fills them one page at a time and mm/migrate_device.c migrate_vma_insert_page() maps them with an ordinary PTE and an anonymous rmap",
		.since = GLT_KV(6, 0),

		.match = match_device_coherent,
		.asks = GLT_ASK_ORDER | GLT_ASK_ZONE | GLT_ASK_ANON,
		.any_kernel = true,
		.value = 0,
		.zone_device = true,
		.anon = true,
	},
	[MEM_NOT_ZONE_DEVICE] = {
		.id = "ram-not-zone-device",
		.when = "anonymous memory, shmem, hugetlbfs, page cache, COW copies",
		.verdict = "not ZONE_DEVICE",
		.cite = "mm/page_alloc.c",
		.source = "mm/page_alloc.c: ordinary RAM allocations",

		.asks = GLT_ASK_ZONE,
		.general = true,
	},
	[MEM_NOT_ANON] = {
		.id = "file-pages-not-anon",
		.when = "the pages of a file, shmem, hugetlbfs, pmem or device-DAX mapping, and the pmem block a write gave a hole",
		.verdict = "not anonymous, not the zero page",
		.cite = "include/linux/page-flags.h folio_test_anon()",
		.source = "include/linux/page-flags.h folio_test_anon() / PageAnon(): the anon bit of folio->mapping, which only an anonymous rmap sets; page-cache, shmem, hugetlbfs and fsdax folios point at their file's address_space, device-DAX's too (drivers/dax/device.c dax_set_mapping())",

		.asks = GLT_ASK_ANON,
		.general = true,
	},
	[MEM_ANON] = {
		.id = "anon-pages",
		.when = "exclusive anonymous pages (private anonymous memory, THP, private hugetlb, written; COW copies), pinned where they are",
		.verdict = "anonymous",
		.cite = "mm/memory.c do_anonymous_page() folio_add_new_anon_rmap()",
		.source = "mm/memory.c do_anonymous_page() (a write fault) and wp_page_copy() (a COW copy): folio_add_new_anon_rmap() (page_add_new_anon_rmap() in v5.10); mm/huge_memory.c for a THP, mm/hugetlb.c for private hugetlb pages",

		.match = match_anon_pages,
		.asks = GLT_ASK_ANON,
		.anon = true,
	},
	[MEM_SHARED_ANON] = {
		.id = "fork-shared-anon-pages",
		.when = "anonymous pages that fork() shared with a child (still, or once), pinned where they are",
		.verdict = "anonymous",
		.cite = "mm/rmap.c folio_try_dup_anon_rmap_pte(): the child maps the same anonymous folio",
		.source = "mm/memory.c copy_present_pte() -> folio_try_dup_anon_rmap_pte() (page_try_dup_anon_rmap() in v6.1, page_dup_rmap() in v5.10): the child's PTE maps the parent's anonymous folio, whose anon mapping stays",

		.match = match_fork_shared_in_place,
		.asks = GLT_ASK_ANON,
		.anon = true,
	},
	[MEM_NEW_ANON] = {
		.id = "new-pages-anon",
		.when = "a page that a fault made for the pin: a COW or unshare copy, a device-private page brought back, a device-coherent page migrated to RAM",
		.verdict = "anonymous",
		.cite = "mm/memory.c wp_page_copy() folio_add_new_anon_rmap()",
		.source = "mm/memory.c wp_page_copy(): folio_add_new_anon_rmap() of the copy (page_add_new_anon_rmap() in v5.10); a device-private page comes back through mm/memory.c do_swap_page() -> migrate_to_ram() (lib/test_hmm.c dmirror_devmem_fault()), a device-coherent one through mm/migrate_device.c migrate_device_coherent_folio(): both migrate the anonymous page to a new system page",

		.match = match_new_anon_page,
		.asks = GLT_ASK_ANON,
		.anon = true,
	},
	[MEM_SWAPPED_IN] = {
		.id = "swapped-in-anon",
		.when = "a page that a swap-in fault read back for the pin",
		.verdict = "anonymous",
		.cite = "mm/memory.c do_swap_page() anonymous rmap",
		.source = "mm/memory.c do_swap_page(): folio_add_new_anon_rmap() / folio_add_anon_rmap_ptes() (do_page_add_anon_rmap() in v5.10) of the folio read back from swap",

		.match = match_swapped_in,
		.asks = GLT_ASK_ANON,
		.anon = true,
	},
	[MEM_ZERO] = {
		.id = "zero-page",
		.when = "a read fault of never-written private anonymous memory, or a DAX file's hole, pinned where it is",
		.verdict = "the shared zero page, not anonymous",
		.cite = "mm/memory.c do_anonymous_page() zero pfn",
		.source = "mm/memory.c do_anonymous_page(): without FAULT_FLAG_WRITE, pte_mkspecial(pfn_pte(my_zero_pfn())) (zero_pfn() in v7.3); fs/dax.c dax_load_hole() maps the zero pfn over a hole; the driver flags the 4 KiB zero page only (is_zero_pfn())",

		.match = match_zero_page_in_place,
		.asks = GLT_ASK_ANON,
		.zero = true,
	},
};
const unsigned int glt_memory_rules_count = N(glt_memory_rules);

/* The first rule of a pages table that answers q. */
static const struct glt_rule *accounting_rule(const struct glt_query *q)
{
	return glt_rule_first(glt_accounting_rules, glt_accounting_rules_count,
			      q);
}

static const struct glt_rule *memory_rule(const struct glt_query *q)
{
	return glt_rule_first(glt_memory_rules, glt_memory_rules_count, q);
}

struct glt_accounting glt_oracle_accounting(const struct glt_kernel_facts *kf,
					    bool get, bool large_folio,
					    bool zero_page)
{
	struct glt_query q = { .kf = kf,
			       .ask = GLT_ASK_ACCOUNTING,
			       .get = get,
			       .large = large_folio,
			       .zero = zero_page };
	const struct glt_rule *r = accounting_rule(&q);
	struct glt_accounting a = {
		.ref_delta = r->counts.ref,
		.pincount_delta = r->counts.pincount,
		.vmstat_pins = r->counts.vmstat,
		.dma_pinned = r->counts.dma_pinned,
		.rule = r,
	};

	return a;
}

long glt_oracle_fresh_page_refcount(const struct glt_mem_facts *seg,
				    enum glt_outcome_pages outcome,
				    const struct glt_rule **rule)
{
	struct glt_query q = { .ask = GLT_ASK_FRESH,
			       .m = seg,
			       .outcome = outcome };

	*rule = accounting_rule(&q);
	return (*rule)->value;
}

long glt_oracle_cowed_away_delta(const struct glt_kernel_facts *kf,
				 const struct glt_mem_facts *seg,
				 const struct glt_rule **rule)
{
	struct glt_query q = { .kf = kf, .ask = GLT_ASK_COWED_AWAY, .m = seg };

	*rule = accounting_rule(&q);
	return (*rule)->value;
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
			   const struct glt_mem_facts *seg,
			   enum glt_outcome_pages outcome,
			   const struct glt_rule **rule)
{
	struct glt_query q = {
		.kf = kf, .ask = GLT_ASK_ORDER, .m = seg, .outcome = outcome
	};

	*rule = memory_rule(&q);
	switch ((*rule)->value) {
	case ORDER_OF_DEVDAX_ALIGN:
		return order_of(seg->devdax_align >> kf->page_shift);
	case ORDER_OF_MAPPING:
		return seg->pmd_mapped ? (int)kf->pmd_order : 0;
	case ORDER_OF_THP:
		return (int)seg->thp_order;
	case ORDER_PMD:
		return (int)kf->pmd_order;
	case ORDER_HUGETLB:
		return (int)kf->hugetlb_order;
	default:
		return (*rule)->value;
	}
}

int glt_oracle_zone_device(const struct glt_mem_facts *seg,
			   enum glt_outcome_pages outcome,
			   const struct glt_rule **rule)
{
	struct glt_query q = { .ask = GLT_ASK_ZONE,
			       .m = seg,
			       .outcome = outcome };

	*rule = memory_rule(&q);
	return (*rule)->zone_device;
}

bool glt_oracle_anon(const struct glt_mem_facts *seg,
		     enum glt_outcome_pages outcome, bool *zero,
		     const struct glt_rule **rule)
{
	struct glt_query q = { .ask = GLT_ASK_ANON,
			       .m = seg,
			       .outcome = outcome };

	*rule = memory_rule(&q);
	*zero = (*rule)->zero;
	return (*rule)->anon;
}
