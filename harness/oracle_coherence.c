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
