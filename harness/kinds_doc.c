// SPDX-License-Identifier: GPL-2.0
/*
 * The memory kinds as docs/expectations.md shows them, made from the rows
 * of kinds.def (gup-longterm-test --kinds-markdown; make expectations-doc
 * writes it, make check compares): a new row is a new line of the table,
 * with nothing written by hand. What a recipe proves is said once per
 * recipe, what a fixture or a need means once per value.
 */
#include <stdio.h>

#include "kind.h"

#include "../uapi/gup_longterm_test.h"

/* What each recipe maps and proves beyond the row's fixture. */
static const char *const recipe_proof[GLT_RECIPE_COUNT] = {
	[GLT_RECIPE_ANON] =
		"mmap(MAP_PRIVATE | MAP_ANONYMOUS), MADV_NOHUGEPAGE",
	[GLT_RECIPE_UNMAPPED] = "a range with no VMA (mapped, then munmap())",
	[GLT_RECIPE_THP] =
		"a PMD-aligned range, MADV_HUGEPAGE, written; AnonHugePages in smaps (else a skip)",
	[GLT_RECIPE_HUGETLB] =
		"mmap(MAP_HUGETLB) of a free huge page (else a skip)",
	[GLT_RECIPE_SHMEM] = "mmap(MAP_SHARED | MAP_ANONYMOUS), written",
	[GLT_RECIPE_FILE] =
		"a file made and unlinked, mapped as the row says; its directory's filesystem (statfs, mountinfo) and STATX_ATTR_DAX as the row claims",
	[GLT_RECIPE_FSDAX_PMD] =
		"a PMD-sized file (2 MiB with 4 KiB pages) in one aligned extent at an aligned address; STATX_ATTR_DAX",
	[GLT_RECIPE_DEVDAX] =
		"mmap of an enabled device-DAX node found through libdaxctl, in units of its alignment",
	[GLT_RECIPE_PFNMAP] =
		"mmap of /dev/gup_longterm_test: remap_pfn_range()",
	[GLT_RECIPE_CROSS_VMA] = "two adjacent mappings, one range",
	[GLT_RECIPE_SECRETMEM] = "memfd_secret(2), mmap(MAP_SHARED), written",
	[GLT_RECIPE_HMM_DEVICE] =
		"written anonymous memory that lib/test_hmm.c migrates to its device (HMM_DMIRROR_MIGRATE_TO_DEV): every page must go",
	[GLT_RECIPE_THP_PTE] =
		"a PMD-sized THP (hpage_pmd_size: the last page mapped by the first write fault, else a skip), its last page mprotect()ed read-only and back",
	[GLT_RECIPE_MTHP] =
		"a VMA of whole folios of the size, aligned to it, MADV_HUGEPAGE, written while the size is the only one enabled (hugepages-*kB/enabled, restored at once); a size the kernel does not offer is a skip",
	[GLT_RECIPE_HUGE_ZERO] =
		"a PMD-aligned range, MADV_HUGEPAGE, read (use_zero_page on for the fault); its pfn is the huge zero page (/proc/self/pagemap, /proc/kpageflags KPF_ZERO_PAGE and KPF_THP)",
	[GLT_RECIPE_ANON_SWAP] =
		"as anon, then MADV_PAGEOUT until /proc/self/pagemap shows every page swapped; swap on zram only (/proc/swaps, else a skip)",
	[GLT_RECIPE_HUGETLB_PC] =
		"memfd_create(MFD_HUGETLB), fallocate() of a huge page, mmap(MAP_PRIVATE), read; a second free huge page for the mapping's reservation (else a skip)",
};

/* A row's fork() after its recipe (.fork), and after the pin (.after_pin). */
static const char *const fork_text[] = {
	[GLT_FORK_NONE] = "",
	[GLT_FORK_CHILD_IDLE] =
		"; then fork(): the child maps the pages too and waits, idle",
	[GLT_FORK_CHILD_WROTE] =
		"; then fork(): the child writes its copy of every page and waits",
	[GLT_FORK_CHILD_GONE] = "; then fork(): the child exits and is reaped",
	[GLT_FORK_FIRST_PAGE_GONE] =
		"; then MADV_DONTFORK on all but the first page, fork(): the child exits and is reaped, MADV_DOFORK",
};

static const char *const after_pin_text[] = {
	[GLT_FORK_NONE] = "",
	[GLT_FORK_CHILD_IDLE] =
		"; written; the coherence phase fork()s after its pin, the child idle",
	[GLT_FORK_CHILD_WROTE] =
		"; written; the coherence phase fork()s after its pin, the child writing every page",
	[GLT_FORK_CHILD_GONE] =
		"; written; the coherence phase fork()s after its pin, the child exiting",
	[GLT_FORK_FIRST_PAGE_GONE] = "",
};

static const char *const need_text[] = {
	[GLT_NEED_NOTHING] = "-",
	[GLT_NEED_FSDAX_MOUNT] = "CONFIG_FS_DAX (mount -o dax)",
	[GLT_NEED_DEVDAX_MMAP] = "CONFIG_FS_DAX (mmap of a device-DAX node)",
	[GLT_NEED_MEMFD_SECRET] = "v5.14+, CONFIG_SECRETMEM, secretmem.enable",
	[GLT_NEED_HMM_PRIVATE] = "CONFIG_DEVICE_PRIVATE, CONFIG_TEST_HMM",
	[GLT_NEED_HMM_COHERENT] =
		"v6.0+, CONFIG_TEST_HMM loaded with spm_addr_dev0/1",
	[GLT_NEED_SWAP] = "v5.4+ (MADV_PAGEOUT), CONFIG_SWAP, swap on zram",
	[GLT_NEED_MTHP] =
		"v6.8+ (transparent_hugepage/hugepages-<size>kB), that size",
};

static const char *where(const struct glt_kind_desc *d)
{
	switch (d->dir) {
	case GLT_DIR_TMPFS:
		return "a tmpfs (/dev/shm, /run or /tmp)";
	case GLT_DIR_MEMFD:
		return "memfd_create()";
	case GLT_DIR_MEMFD_HUGETLB:
		return "memfd_create(MFD_HUGETLB), a free huge page";
	case GLT_DIR_FIXTURE:
		break;
	}
	return d->fixture ? NULL : "the harness";
}

static const char *level_text(unsigned int level)
{
	switch (level) {
	case GLT_LEVEL_PTE:
		return "; mapped by PTEs (GLT_IOC_MAPPING_LEVEL)";
	case GLT_LEVEL_PMD:
		return "; mapped by a PMD (GLT_IOC_MAPPING_LEVEL)";
	case GLT_LEVEL_BY_DEVDAX_ALIGN:
		return "; a PMD at a PMD's alignment, else PTEs (GLT_IOC_MAPPING_LEVEL)";
	default:
		return "";
	}
}

/* Text for a Markdown table cell: a '|' would end the cell. */
static void put_cell(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == '|')
			fputc('\\', out);
		fputc(*text, out);
	}
}

void glt_kinds_print_markdown(FILE *out)
{
	fputs("| kind | what | lives in | the provider maps and proves | the kernel needs |\n"
	      "| --- | --- | --- | --- | --- |\n",
	      out);
	for (int k = 0; k < GLT_KIND_COUNT; k++) {
		const struct glt_kind_desc *d = glt_kind((enum glt_kind)k);
		const char *w = where(d);

		fprintf(out, "| `%s` | ", d->name);
		put_cell(out, d->what);
		fputs(" | ", out);
		if (w)
			fputs(w, out);
		else
			fprintf(out, "the `%s` fixture (glt-fixtures)",
				glt_fixture_name(d->fixture));
		fputs(" | ", out);
		put_cell(out, recipe_proof[d->setup]);
		fputs(fork_text[d->fork], out);
		fputs(after_pin_text[d->after_pin], out);
		fprintf(out, "%s%s | %s |\n", level_text(d->level),
			d->many_pages_only ? "; 16-page cases only" : "",
			need_text[glt_kind_need((enum glt_kind)k)]);
	}
}
