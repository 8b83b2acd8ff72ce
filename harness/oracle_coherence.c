// SPDX-License-Identifier: GPL-2.0
/*
 * The oracle's part that decides what a device sees through a held pin:
 * whether the bytes a device reads and writes through the pinned pages
 * (GLT_IOC_DMA_READ / GLT_IOC_DMA_WRITE) are the bytes the process reads
 * and writes through its mapping. A long-term pin exists so that a device
 * can use the pages for an unbounded time; a pin that holds a page the
 * process no longer maps makes the two views diverge, silently. Which pages
 * a pin holds is oracle_pin.c's glt_outcome_rules[]; these rules say what
 * happens to the two views after the pin.
 */
#include "oracle_rules.h"

/*
 * The process writes a page that its private mapping maps read-only and
 * that is not an exclusive anonymous page: a COW fault gives the mapping a
 * new page (the zero page, or a file page in a COW mapping, that the pin
 * holds because no fault replaced it at pin time).
 */
static bool match_process_write_cows(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SAME && !q->m->shared &&
	       (q->m->pages == GLT_PAGES_ZERO ||
		q->m->pages == GLT_PAGES_FILE_COW);
}

/*
 * The process writes the zero page that a shared fsdax mapping maps over
 * a hole: the write fault fills the hole with a new block and maps its
 * page in place of the zero page that the pin holds.
 */
static bool match_process_write_fills_hole(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SAME && q->m->shared &&
	       q->m->pages == GLT_PAGES_ZERO;
}

/*
 * Anonymous pages that fork() shared (still, or once) and that the pin
 * holds where they are, without having made them exclusive: a R/O
 * FOLL_PIN before v5.19 (no unshare fault), or a FOLL_GET read (never
 * one). The process's next write finds them !PageAnonExclusive and
 * referenced by the pin: do_wp_page() copies.
 */
static bool fork_shared_pinned_in_place(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SAME && q->c->access == GLT_ACCESS_READ &&
	       q->m->forked != GLT_FORK_SHARE_NONE;
}

static bool match_fork_shared_pin_loses(const struct glt_query *q)
{
	return fork_shared_pinned_in_place(q) && !glt_api_is_get(q->c->api);
}

static bool match_fork_shared_get_loses(const struct glt_query *q)
{
	return fork_shared_pinned_in_place(q) && glt_api_is_get(q->c->api);
}

/*
 * The pin holds once-shared pages in place that the process's write fault
 * will reuse whatever the pin's references: hugetlb's (by mapcount), and
 * a PMD-mapped THP's before v5.19 (by mapcount and swap count).
 */
static bool match_once_shared_hugetlb_pinned(const struct glt_query *q)
{
	return fork_shared_pinned_in_place(q) &&
	       q->m->forked == GLT_FORK_SHARE_ONCE &&
	       q->m->backing == GLT_BACKING_HUGETLB;
}

static bool match_once_shared_thp_pmd_pinned(const struct glt_query *q)
{
	return fork_shared_pinned_in_place(q) &&
	       q->m->forked == GLT_FORK_SHARE_ONCE &&
	       q->m->backing == GLT_BACKING_THP && q->m->pmd_mapped;
}

/*
 * A read swapped the pages in and left them mapped read-only and not
 * exclusive: the child still has the swap entry fork() copied (any
 * kernel), or fork() cleared the entry's exclusive bit and the swap-in
 * went through the swap cache (v7.0+). The pin (a GET, or a R/O FOLL_PIN
 * without unsharing) holds a reference the process's write fault sees.
 */
static bool swapped_in_for_read(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SWAPIN && q->c->access == GLT_ACCESS_READ;
}

static bool match_live_shared_swapped_in(const struct glt_query *q)
{
	return swapped_in_for_read(q) && q->m->forked == GLT_FORK_SHARE_LIVE;
}

static bool match_once_shared_swapped_in_get(const struct glt_query *q)
{
	return swapped_in_for_read(q) && q->m->forked == GLT_FORK_SHARE_ONCE &&
	       glt_api_is_get(q->c->api);
}

/* The process fork()s after the pin (a row's .after_pin). */
static bool match_fork_after_pin(const struct glt_query *q)
{
	return q->m->fork_after_pin && !glt_api_is_get(q->c->api);
}

static bool match_fork_after_get(const struct glt_query *q)
{
	return q->m->fork_after_pin && glt_api_is_get(q->c->api);
}

/*
 * v5.10: a read fault swaps the page in mapped read-only (mm/memory.c
 * do_swap_page() makes it writable for a write fault only), and a later
 * write fault copies any anonymous page whose count the pin raised.
 */
static bool match_swapped_in_read_pin(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SWAPIN && q->c->access == GLT_ACCESS_READ;
}

/* The huge zero page stays pinned; a write fault replaces its PMD. */
static bool match_huge_zero_pinned(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SAME && q->m->pages == GLT_PAGES_HUGE_ZERO;
}

/* Hugetlb page cache pinned in a private mapping: hugetlb's own COW. */
static bool match_hugetlb_file_pinned(const struct glt_query *q)
{
	return q->outcome == GLT_OUT_SAME &&
	       q->m->pages == GLT_PAGES_FILE_COW &&
	       q->m->backing == GLT_BACKING_HUGETLB;
}

/*
 * Asked of every successful pin, per VMA of its range (glt_query: kf, c,
 * m, outcome), three questions: the bytes at pin time (GLT_ASK_AT_PIN), a
 * later write by the process (GLT_ASK_PROCESS_WRITE), and a write by the
 * device through a FOLL_WRITE pin (GLT_ASK_DEVICE_WRITE). value 1: both
 * views see the same bytes; 0: they diverge, the device keeping the old
 * page.
 */
const struct glt_rule glt_coherence_rules[] = {
	[COH_AT_PIN] = {
		.id = "pin-holds-mapped-bytes",
		.when = "the device reads the pinned pages right after a successful pin",
		.verdict = "the bytes the process reads through its mapping: the mapped page itself, or the copy a COW or unshare fault made of it (the zeroes of the zero page or of a filled hole)",
		.cite = "mm/memory.c wp_page_copy() __wp_page_copy_user()",
		.source = "mm/gup.c __get_user_pages() returns the pages the page table maps once any fault is done; mm/memory.c wp_page_copy() copies the old page's bytes into the new one (__wp_page_copy_user(), or zeroes it for the zero page), fs/dax.c zeroes a newly allocated block",

		.asks = GLT_ASK_AT_PIN,
		.general = true,
		.value = 1,
	},
	[COH_PROCESS_WRITE_SEEN] = {
		.id = "process-writes-seen-through-pin",
		.when = "the process writes its mapping after the pin, and its mapping maps the page the pin holds: an exclusive anonymous page (written, or made by the pin's COW or unshare fault), or a page of a shared mapping",
		.verdict = "the device reads the process's bytes: a writable mapping is written in place, and a write fault on an exclusive anonymous page or a shared mapping's page reuses the page",
		.cite = "mm/memory.c do_wp_page() wp_page_reuse() / wp_page_shared()",
		.source = "mm/memory.c do_wp_page(): a PageAnonExclusive page is reused (wp_page_reuse(); v5.10: page_count() == 1 or the PTE already writable), a shared mapping's page keeps its mapping (wp_page_shared() / wp_pfn_shared())",

		.asks = GLT_ASK_PROCESS_WRITE,
		.general = true,
		.value = 1,
	},
	[COH_SWAPPED_IN_RO_COPIED] = {
		.id = "swapped-in-ro-pin-copied-on-write",
		.when = "a pin without FOLL_WRITE swapped the pages in (mapped read-only), and the process then writes them, on a kernel whose write fault copies an anonymous page with a raised count",
		.verdict = "the process's write fault copies the pinned page (its count is the pin's too) and maps the copy; the device keeps reading the old page",
		.cite = "mm/memory.c do_wp_page(): page_count(page) != 1 -> copy",
		.source = "v5.10 mm/memory.c do_swap_page(): only a write fault maps the page writable (\"if ((vmf->flags & FAULT_FLAG_WRITE) && reuse_swap_page(page, NULL))\"); do_wp_page(): \"if (PageKsm(page) || page_count(page) != 1) goto copy;\" (\"mm: do_wp_page() simplification\", v5.9). From v5.19 the swap PTE remembers PG_anon_exclusive (pte_swp_exclusive(), \"mm/swap: remember PG_anon_exclusive via a swp pte bit\"), do_swap_page() maps the page exclusive and do_wp_page() reuses it whatever its count",
		.since = GLT_KV(5, 9),
		.until = GLT_KV(5, 19),

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_swapped_in_read_pin,
		.value = 0,
	},
	[COH_HUGE_ZERO_COWS] = {
		.id = "process-write-cows-huge-zero-away",
		.when = "the pin holds the huge zero page (no fault replaced it at pin time), and the process then writes it",
		.verdict = "the process's write fault replaces the huge zero PMD (by a THP since v6.13, by 4 KiB copies after a split before); the device keeps reading the huge zero page",
		.cite = "mm/huge_memory.c do_huge_pmd_wp_page() is_huge_zero_pmd()",
		.source = "mm/memory.c wp_huge_pmd() -> mm/huge_memory.c do_huge_pmd_wp_page(): is_huge_zero_pmd() -> do_huge_zero_wp_pmd() maps a new THP (v6.13+), or __split_huge_pmd() and mm/memory.c do_wp_page() -> wp_page_copy() of the zero-page PTE (before); the pinned huge zero page is no longer mapped. A R/O long-term pin avoids this since v6.2 (longterm-ro-unshares-huge-zero)",

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_huge_zero_pinned,
		.value = 0,
	},
	[COH_HUGETLB_FILE_COWS] = {
		.id = "process-write-cows-hugetlb-away",
		.when = "the pin holds hugetlb page cache that a private mapping maps read-only, and the process then writes it",
		.verdict = "hugetlb's COW fault maps a new anonymous huge page; the device keeps reading the page-cache page",
		.cite = "mm/hugetlb.c hugetlb_wp(): the page-cache folio is copied",
		.source = "mm/hugetlb.c hugetlb_fault() -> hugetlb_wp() (hugetlb_cow() in v5.10): only an anonymous folio mapped once is reused, so the page-cache folio is copied into a new anonymous one and the huge PTE replaced. A R/O long-term pin avoids this since v6.2 (hugetlb-longterm-ro-unshare)",

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_hugetlb_file_pinned,
		.value = 0,
	},
	[COH_PROCESS_WRITE_COWS] = {
		.id = "process-write-cows-away",
		.when = "the pin holds the zero page or a file page that a private mapping maps read-only (no fault replaced it at pin time), and the process then writes it",
		.verdict = "the process's write fault maps a new anonymous copy; the device keeps reading the old page's bytes",
		.cite = "mm/memory.c do_wp_page() -> wp_page_copy()",
		.source = "mm/memory.c do_wp_page(): the zero page (vm_normal_page() NULL, is_zero_pfn()) or a non-anonymous page in a COW mapping is copied by wp_page_copy(), which replaces the PTE; the pinned page is no longer mapped by the process. A R/O long-term pin avoids this since v6.2 by unsharing at pin time (longterm-ro-unshare)",

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_process_write_cows,
		.value = 0,
	},
	[COH_PROCESS_WRITE_FILLS_HOLE] = {
		.id = "process-write-fills-hole-away",
		.when = "the pin holds the zero page a shared fsdax mapping maps over a hole, and the process then writes it",
		.verdict = "the write fault allocates the block and maps its pmem page; the device keeps reading the zero page",
		.cite = "mm/memory.c wp_pfn_shared() -> fs/dax.c dax_iomap_pte_fault()",
		.source = "mm/memory.c do_wp_page(): vm_normal_page() is NULL for the zero pfn and a shared VMA goes to wp_pfn_shared() -> vm_ops->pfn_mkwrite (fs/ext4/file.c ext4_dax_pfn_mkwrite()) -> fs/dax.c dax_iomap_pte_fault(), which replaces the hole's zero-page entry by the new block's pfn",

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_process_write_fills_hole,
		.value = 0,
	},
	[COH_FORK_SHARED_HUGETLB_REUSED] = {
		.id = "process-write-reuses-once-shared-hugetlb",
		.when = "a R/O pin or GET holds private hugetlb pages fork() once shared (the child gone), and the process then writes them",
		.verdict = "hugetlb's write fault reuses the page, mapped once, whatever the pin's references: the device reads the process's bytes",
		.cite = "mm/hugetlb.c hugetlb_wp(): folio_mapcount(old_folio) == 1 && folio_test_anon(old_folio) -> reuse",
		.source = "mm/hugetlb.c hugetlb_wp() (hugetlb_cow() in v5.10): an anonymous folio mapped once is made writable in place (set_huge_ptep_writable()); its reference count, raised by the pin, is not asked",

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_once_shared_hugetlb_pinned,
		.value = 1,
	},
	[COH_FORK_SHARED_THP_PMD_REUSED] = {
		.id = "process-write-reuses-once-shared-thp",
		.when = "a R/O pin or GET holds a PMD-mapped THP fork() once shared (the child gone), and the process then writes it, on a kernel whose THP write fault counts mappings, not references",
		.verdict = "the write fault reuses the whole THP: the device reads the process's bytes",
		.cite = "mm/huge_memory.c do_huge_pmd_wp_page() reuse_swap_page()",
		.source = "v5.10 mm/huge_memory.c do_huge_pmd_wp_page(): reuse_swap_page() -> page_trans_huge_map_swapcount(): one mapping, no swap entry -> maybe_pmd_mkwrite() in place; the pin's references are not counted. Later kernels reuse only folio_ref_count() == 1 (fork-shared-thp-reused-by-mapcount's boundary)",
		.until = GLT_KV(5, 19),

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_once_shared_thp_pmd_pinned,
		.value = 1,
	},
	[COH_FORK_SHARED_PIN_LOSES] = {
		.id = "process-write-copies-fork-shared-pin",
		.when = "a R/O FOLL_PIN holds an anonymous page fork() shared (with a live child, or once), on a kernel that pins it without unsharing, and the process then writes it",
		.verdict = "the write fault copies the page (its count is raised by the pin) and maps the copy; the device keeps reading the old page: the GUP-after-fork class (CVE-2020-29374)",
		.cite = "mm/memory.c do_wp_page() page_count() != 1 -> wp_page_copy()",
		.source = "v5.10 mm/memory.c do_wp_page(): PageAnon() with \"PageKsm(page) || page_count(page) != 1\" -> copy -> wp_page_copy(), which maps a new page; the R/O pin took the shared page as it was (mm/gup.c follow_page_pte(), no unshare)",
		.note = "until \"mm/gup: trigger FAULT_FLAG_UNSHARE when R/O-pinning a possibly shared anonymous page\" unshares at pin time",
		.until = GLT_KV(5, 19),

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_fork_shared_pin_loses,
		.value = 0,
	},
	[COH_FORK_SHARED_GET_LOSES] = {
		.id = "process-write-copies-fork-shared-get",
		.when = "a FOLL_GET read holds an anonymous page fork() shared (with a live child, or once), and the process then writes it",
		.verdict = "the write fault copies the page (FOLL_GET never unshares, and its reference forbids reuse) and maps the copy; the device keeps reading the old page",
		.cite = "mm/memory.c do_wp_page() wp_can_reuse_anon_folio() false -> wp_page_copy()",
		.source = "mm/internal.h gup_must_unshare() is false without FOLL_PIN, so the page stays !PageAnonExclusive; mm/memory.c do_wp_page() -> wp_can_reuse_anon_folio(): folio_ref_count() > 1 (the GET's reference) -> wp_page_copy()",
		.older = {
			{ GLT_KV(5, 19), "mm/memory.c do_wp_page() page_count() != 1 -> wp_page_copy()",
			  "v5.10 mm/memory.c do_wp_page(): PageAnon() with \"PageKsm(page) || page_count(page) != 1\" -> copy -> wp_page_copy()" },
			{ GLT_KV(6, 7), "mm/memory.c do_wp_page() folio_ref_count() > 1 -> wp_page_copy()",
			  "v6.1 mm/memory.c do_wp_page(): !PageAnonExclusive(), \"folio_ref_count(folio) > 1 + folio_test_swapcache(folio)\" -> copy -> wp_page_copy(); include/linux/mm.h gup_must_unshare() needs FOLL_PIN" },
		},

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_fork_shared_get_loses,
		.value = 0,
	},
	[COH_FORK_SHARED_SWAPPED_IN_LOSES] = {
		.id = "process-write-copies-swapped-in-shared",
		.when = "a read swapped in pages whose swap entry fork() copied for a child that still has it, a GET or a R/O pin without unsharing holds them, and the process then writes them",
		.verdict = "the write fault copies the page (not exclusive, in the swap cache for the child's entry, referenced by the pin) and maps the copy; the device keeps reading the old page",
		.cite = "mm/memory.c do_swap_page() maps it read-only, not exclusive; do_wp_page() -> wp_page_copy()",
		.source = "mm/memory.c do_swap_page(): pte_swp_exclusive() is clear (copy_nonpresent_pte() cleared it at fork()), so the page is mapped read-only without RMAP_EXCLUSIVE; do_wp_page() -> wp_can_reuse_anon_folio(): folio_free_swap() fails while the child's entry is in use and the pin's reference remains -> wp_page_copy(). v5.10: reuse_swap_page() counts the child's swap entry -> copy",

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_live_shared_swapped_in,
		.value = 0,
	},
	[COH_ONCE_SHARED_SWAPPED_IN_LOSES] = {
		.id = "process-write-copies-once-shared-swapped-in-get",
		.when = "a GET read swapped in pages whose swap entry fork() once shared (the child gone), on a kernel that swaps in through the swap cache, and the process then writes them",
		.verdict = "the swap-in maps the page read-only and not exclusive (fork() cleared the entry's exclusive bit); the write fault finds the GET's reference and copies; the device keeps reading the old page",
		.cite = "mm/memory.c do_swap_page(): exclusive = pte_swp_exclusive() (clear), the swap cache always",
		.source = "v7.3 mm/memory.c do_swap_page(): every swap-in goes through the swap cache (swapin_sync()), so only pte_swp_exclusive() can make the page exclusive; copy_nonpresent_pte() cleared it at fork(); do_wp_page() -> wp_can_reuse_anon_folio(): folio_ref_count() > 1 (the GET) -> wp_page_copy(). Before, SWP_SYNCHRONOUS_IO with __swap_count(entry) == 1 skipped the swap cache: \"We have a fresh page that is not exposed to the swapcache -> certainly exclusive\" (v6.1, v6.12), and the write reused it; the boundary is that of swapped-out-faults-in",
		.since = GLT_KV(7, 0),

		.asks = GLT_ASK_PROCESS_WRITE,
		.match = match_once_shared_swapped_in_get,
		.value = 0,
	},
	[COH_FORK_AFTER_PIN_COPIES_FOR_CHILD] = {
		.id = "fork-after-pin-copies-for-child",
		.when = "the process fork()s while a FOLL_PIN holds its exclusive anonymous pages (the child idle, writing, or gone), then writes them, or the device writes through a write pin",
		.verdict = "fork() gives the child a copy of each pinned page and leaves the process's mapping on the pinned page: both views stay on it",
		.cite = "mm/memory.c copy_present_pte() folio_needs_cow_for_dma() -> copy_present_page()",
		.source = "mm/memory.c copy_present_pte(): folio_try_dup_anon_rmap_pte() refuses a PageAnonExclusive folio that folio_maybe_dma_pinned() -> copy_present_page() copies it for the child; the parent's PTE is untouched (MMF_HAS_PINNED, set by FOLL_PIN, gates it: folio_needs_cow_for_dma())",
		.note = "\"mm: Do early cow for pinned pages during fork() for ptes\"",
		.since = GLT_KV(5, 9),
		.older = {
			{ GLT_KV(6, 8), "mm/memory.c copy_present_pte() page_try_dup_anon_rmap() -> copy_present_page()",
			  "v5.10 mm/memory.c copy_present_page(): \"if (likely(!atomic_read(&src_mm->has_pinned))) return 1; if (likely(!page_maybe_dma_pinned(page))) return 1;\" else a copy for the child, the parent's PTE untouched; v6.1 copy_present_pte(): page_try_dup_anon_rmap() fails for a maybe-pinned exclusive page -> copy_present_page()" },
		},

		.asks = GLT_ASK_PROCESS_WRITE | GLT_ASK_DEVICE_WRITE,
		.match = match_fork_after_pin,
		.value = 1,
	},
	[COH_FORK_AFTER_GET_SHARES] = {
		.id = "fork-after-get-shares-page",
		.when = "the process fork()s while a FOLL_GET holds its anonymous pages (the child idle, writing, or gone), then writes them, or the device writes through a write GET",
		.verdict = "fork() shares the page write-protected (a GET does not make it maybe-DMA-pinned); the process's write copies it and maps the copy, so the device reads and writes the old page",
		.cite = "mm/memory.c copy_present_pte() shares a page that is not folio_maybe_dma_pinned(); do_wp_page() copies it",
		.source = "mm/memory.c copy_present_pte(): folio_try_dup_anon_rmap_pte() clears PageAnonExclusive of a folio that !folio_maybe_dma_pinned() (a GET adds 1, not GUP_PIN_COUNTING_BIAS) and both PTEs are write-protected; the process's write: do_wp_page() -> wp_can_reuse_anon_folio() false (the GET's reference, and the child's while it maps it) -> wp_page_copy()",
		.older = {
			{ GLT_KV(6, 8), "mm/memory.c copy_present_pte() page_dup_rmap() / page_try_dup_anon_rmap(); do_wp_page() refcount > 1 -> wp_page_copy()",
			  "v5.10 mm/memory.c copy_present_page(): page_maybe_dma_pinned() false -> copy_present_pte() get_page() + page_dup_rmap(), both PTEs write-protected; do_wp_page(): page_count(page) != 1 -> wp_page_copy(). v6.1: page_try_dup_anon_rmap() shares it; do_wp_page(): folio_ref_count() > 1 -> copy" },
		},

		.asks = GLT_ASK_PROCESS_WRITE | GLT_ASK_DEVICE_WRITE,
		.match = match_fork_after_get,
		.value = 0,
	},
	[COH_DEVICE_WRITE_SEEN] = {
		.id = "device-writes-seen-by-process",
		.when = "the device writes through a FOLL_WRITE pin, and the process then reads its mapping",
		.verdict = "the process reads the device's bytes: FOLL_WRITE broke COW or filled the hole before pinning, so the pin holds the page the process maps",
		.cite = "mm/gup.c faultin_page(FAULT_FLAG_WRITE)",
		.source = "mm/gup.c follow_page_pte() refuses a page the PTE does not map writable for FOLL_WRITE (can_follow_write_pte()), faultin_page() -> handle_mm_fault(FAULT_FLAG_WRITE) breaks COW or fills the hole first; the pinned page is the one mapped writable",

		.asks = GLT_ASK_DEVICE_WRITE,
		.general = true,
		.value = 1,
	},
};
const unsigned int glt_coherence_rules_count = N(glt_coherence_rules);

const struct glt_rule *glt_oracle_coherence(const struct glt_kernel_facts *kf,
					    const struct glt_case *c,
					    const struct glt_mem_facts *m,
					    enum glt_outcome_pages outcome,
					    enum glt_coherence_view view,
					    bool *same)
{
	static const unsigned int asks[] = {
		[GLT_VIEW_AT_PIN] = GLT_ASK_AT_PIN,
		[GLT_VIEW_PROCESS_WRITE] = GLT_ASK_PROCESS_WRITE,
		[GLT_VIEW_DEVICE_WRITE] = GLT_ASK_DEVICE_WRITE,
	};
	struct glt_query q = {
		.kf = kf, .ask = asks[view], .c = c, .m = m, .outcome = outcome
	};
	const struct glt_rule *r =
		glt_rule_first(glt_coherence_rules, N(glt_coherence_rules), &q);

	/* Each question has a general rule: one always holds. */
	*same = r->value;
	return r;
}
