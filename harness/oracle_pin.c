// SPDX-License-Identifier: GPL-2.0
/*
 * The oracle's pins: the pin verdict of every GUP path on every VMA
 * (glt_pin_rules[], in the order in which mm/gup.c decides), which pages a
 * successful pin holds (glt_outcome_rules[]) and what a pin does to pages
 * of ZONE_MOVABLE (glt_migration_rules[]). Read mm/gup.c of the version
 * you test when you change one, and update docs/expectations.md (make
 * check fails when the two disagree).
 */
#include <errno.h>
#include <string.h>

#include "oracle_rules.h"

/*
 * The conditions of the pin rules, one per rule (struct glt_rule match()).
 * Each reads only the case and the facts a provider proved about one VMA.
 */
static bool match_longterm_get(const struct glt_query *q)
{
	return glt_api_is_get(q->c->api) && glt_api_is_longterm(q->c->api);
}

static bool match_no_vma(const struct glt_query *q)
{
	return q->m->unmapped;
}

/* check_vma_flags(): VM_IO | VM_PFNMAP; GUP-fast skips pte_special(). */
static bool match_pfnmap(const struct glt_query *q)
{
	return q->m->pfnmap;
}

/* GUP-fast never looks at the VMA: only fsdax's own pages fall back. */
static bool match_fast_longterm_anon_in_fsdax(const struct glt_query *q)
{
	return glt_api_is_longterm(q->c->api) && glt_api_is_fast(q->c->api) &&
	       q->m->fsdax && q->m->pages == GLT_PAGES_ANON;
}

static bool match_longterm_fsdax(const struct glt_query *q)
{
	return glt_api_is_longterm(q->c->api) && q->m->fsdax;
}

/*
 * v5.10: GUP-fast bails out of fsdax into a slow path that refuses the
 * range after pinning it; the slow path itself pins (glt_oracle_pin()
 * refuses it once the walk is done).
 */
static bool match_fast_longterm_fsdax(const struct glt_query *q)
{
	return glt_api_is_fast(q->c->api) && match_longterm_fsdax(q);
}

static bool match_secretmem(const struct glt_query *q)
{
	return q->m->secretmem;
}

/*
 * vma_needs_dirty_tracking(): shared writable mappings whose vm_ops have
 * page_mkwrite/pfn_mkwrite or whose mapping can write back. shmem,
 * hugetlbfs and device-DAX have neither.
 */
static bool match_longterm_write_dirty_tracked(const struct glt_query *q)
{
	return glt_api_is_longterm(q->c->api) && !glt_api_is_get(q->c->api) &&
	       q->c->access == GLT_ACCESS_WRITE && !q->m->anon &&
	       q->m->shared && q->m->writable && q->m->fs_writeback;
}

static bool match_no_access(const struct glt_query *q)
{
	bool write = q->c->access == GLT_ACCESS_WRITE;

	return (write && !q->m->writable) || (!write && !q->m->readable);
}

static bool match_anything(const struct glt_query *q)
{
	(void)q;
	return true;
}

const struct glt_rule glt_pin_rules[] = {
	[RULE_DRIVER_LONGTERM_GET] = {
		.id = "longterm-get-refused",
		.when = "get_user_pages*() with FOLL_LONGTERM (a long-term GET)",
		.verdict = "-EINVAL (from the driver, before any GUP call)",
		.cite = "mm/gup.c is_valid_gup_flags()/is_valid_gup_args()",
		.source = "mm/gup.c is_valid_gup_flags() (v6.1) / is_valid_gup_args() (v6.3+): FOLL_LONGTERM without FOLL_PIN is a WARN_ON_ONCE and a failure; driver/gup_longterm_test.c refuses it first",

		.match = match_longterm_get,
		.error = EINVAL,
	},
	[RULE_UNMAPPED] = {
		.id = "unmapped-efault",
		.when = "no VMA at the address",
		.verdict = "-EFAULT",
		.cite = "mm/gup.c __get_user_pages() no vma",
		.source = "mm/gup.c __get_user_pages(): find_extend_vma() (v6.1) / gup_vma_lookup() (v6.5+) finds no VMA; GUP-fast finds no PTE and falls back",

		.match = match_no_vma,
		.error = EFAULT,
	},
	[RULE_PFNMAP] = {
		.id = "pfnmap-efault",
		.when = "a VM_IO | VM_PFNMAP mapping (no struct page to pin)",
		.verdict = "-EFAULT",
		.cite = "mm/gup.c check_vma_flags() VM_IO|VM_PFNMAP",
		.source = "mm/gup.c check_vma_flags(): vm_flags & (VM_IO | VM_PFNMAP); GUP-fast skips pte_special() entries and falls back",

		.match = match_pfnmap,
		.error = EFAULT,
	},
	[RULE_FAST_SKIPS_VMA] = {
		.id = "fast-longterm-anon-in-fsdax-vma",
		.when = "pin_user_pages_fast(FOLL_LONGTERM) of anonymous COW copies in a private fsdax mapping",
		.verdict = "every page pinned: GUP-fast never looks at the VMA, and only devmap PTEs (fsdax's own pages) make it fall back to the slow path where check_vma_flags() would refuse",
		.cite = "mm/gup.c GUP-fast never looks at the VMA; anonymous folios are long-term pinnable",
		.source = "mm/gup.c gup_fast_pte_range() -> try_grab_folio_fast(): only a folio that !folio_is_longterm_pinnable() (fsdax's own, ZONE_MOVABLE, CMA) makes a FOLL_LONGTERM pin fall back; an anonymous COW copy passes it and gup_fast_folio_allowed()",
		.note = "GUP-fast with FOLL_LONGTERM: v5.2+",
		.older = {
			{ GLT_KV(6, 15), "mm/gup.c gup_fast pte_devmap() && FOLL_LONGTERM fallback",
			  "mm/gup.c gup_pte_range() (v5.10, v6.1) / gup_fast_pte_range() (v6.12): only pte_devmap() && FOLL_LONGTERM bails out; anonymous folios pass gup_fast_folio_allowed()" },
		},

		.match = match_fast_longterm_anon_in_fsdax,
		.error = 0,
	},
	[RULE_FSDAX_LONGTERM] = {
		.id = "fsdax-longterm",
		.when = "FOLL_LONGTERM on a filesystem-DAX VMA (file has STATX_ATTR_DAX), read or write, slow or fast, shared or private (even over anonymous COW copies)",
		.verdict = "-EOPNOTSUPP",
		.cite = "mm/gup.c check_vma_flags() vma_is_fsdax(); GUP-fast folio_is_longterm_pinnable()",
		.source = "mm/gup.c check_vma_flags(): FOLL_LONGTERM && vma_is_fsdax() (include/linux/fs.h); GUP-fast refuses fsdax folios long-term through folio_is_longterm_pinnable() (include/linux/mm.h, \"fs/dax: properly refcount fs dax pages\", v6.15) and falls back to the slow path",
		.note = "for the slow path (fsdax-longterm-after-pin before); GUP-fast v5.2+",
		.since = GLT_KV(5, 17),
		.older = {
			{ GLT_KV(6, 15), "mm/gup.c check_vma_flags() vma_is_fsdax(); GUP-fast pte_devmap() && FOLL_LONGTERM",
			  "mm/gup.c check_vma_flags(): FOLL_LONGTERM && vma_is_fsdax() (include/linux/fs.h); GUP-fast never pins devmap pages long-term (gup_pte_range()/gup_huge_pmd() before v6.9, gup_fast_pte_range()/gup_fast_pmd_leaf() after) and falls back to the slow path" },
		},

		.match = match_longterm_fsdax,
		.error = EOPNOTSUPP,
	},
	[RULE_FSDAX_LONGTERM_AFTER_PIN] = {
		.id = "fsdax-longterm-after-pin",
		.when = "FOLL_LONGTERM on a filesystem-DAX VMA, on a kernel whose slow path checks the VMAs only after pinning the range (GUP-fast bails out of fsdax's devmap PTEs into that slow path)",
		.verdict = "-EOPNOTSUPP; for pin_user_pages() of a range whose leading VMAs could be pinned, still -EOPNOTSUPP for the whole range (every page is unpinned again, no partial count); pin_user_pages_fast() keeps what GUP-fast pinned before the fsdax VMA (a partial count)",
		.cite = "mm/gup.c __gup_longterm_locked() check_dax_vmas()",
		.source = "v5.10 mm/gup.c __gup_longterm_locked(): __get_user_pages_locked() pins the range with its vmas, then \"if (check_dax_vmas(vmas_tmp, rc)) { ... unpin_user_pages(pages, rc); ... rc = -EOPNOTSUPP;\"; check_vma_flags() has no fsdax test there. GUP-fast bails out of devmap PTEs (gup_pte_range()) and sends the rest here too",
		.note = "moved into check_vma_flags() by \"mm/gup: remove the vma allocation from gup_longterm_locked()\"",
		.until = GLT_KV(5, 17),

		.match = match_fast_longterm_fsdax,
		.error = EOPNOTSUPP,
	},
	[RULE_SECRETMEM] = {
		.id = "secretmem-efault",
		.when = "a memfd_secret(2) mapping (its pages are off the kernel's direct map), any GUP path",
		.verdict = "-EFAULT",
		.cite = "mm/gup.c check_vma_flags() vma_is_secretmem(); GUP-fast gup_fast_folio_allowed() secretmem_mapping()",
		.source = "mm/gup.c check_vma_flags(): \"if (vma_is_secretmem(vma)) return -EFAULT;\" (include/linux/secretmem.h); GUP-fast refuses secretmem folios in gup_fast_folio_allowed() (v6.9+ name; v6.12, v7.3 read) and falls back to the slow path, which refuses the VMA",
		.note = "memfd_secret() added, \"mm: introduce memfd_secret system call to create secret memory areas\"",
		.since = GLT_KV(5, 14),
		.older = {
			{ GLT_KV(6, 9), "mm/gup.c check_vma_flags() vma_is_secretmem(); GUP-fast gup_pte_range() page_is_secretmem()",
			  "mm/gup.c check_vma_flags(): vma_is_secretmem() -> -EFAULT; GUP-fast gup_pte_range(): \"if (unlikely(page_is_secretmem(page))) goto pte_unmap\" (v6.1 read) falls back to the slow path" },
		},

		.match = match_secretmem,
		.error = EFAULT,
	},
	[RULE_FILE_WRITE_LONGTERM] = {
		.id = "file-write-longterm",
		.when = "FOLL_PIN|FOLL_LONGTERM|FOLL_WRITE on a shared file mapping that needs dirty tracking (page cache of ext4, xfs; not shmem, hugetlbfs or device-DAX)",
		.verdict = "-EFAULT",
		.cite = "mm/gup.c check_vma_flags() writable_file_mapping_allowed()",
		.source = "mm/gup.c check_vma_flags() -> writable_file_mapping_allowed() -> vma_needs_dirty_tracking() (mm/mmap.c v6.5-v6.10, mm/vma.c v6.11+); GUP-fast bails out in folio_fast_pin_allowed()/gup_fast_folio_allowed()",
		.note = "allowed before",
		.since = GLT_KV(6, 5),

		.match = match_longterm_write_dirty_tracked,
		.error = EFAULT,
	},
	[RULE_NO_ACCESS] = {
		.id = "no-access-efault",
		.when = "read of a VMA without VM_READ, or write of one without VM_WRITE (PROT_NONE), no FOLL_FORCE",
		.verdict = "-EFAULT",
		.cite = "mm/gup.c check_vma_flags() VM_READ/VM_WRITE",
		.source = "mm/gup.c check_vma_flags(); GUP-fast refuses pte_protnone() and falls back",

		.match = match_no_access,
		.error = EFAULT,
	},
	[RULE_PARTIAL] = {
		.id = "partial-pin",
		.when = "a range whose first VMA can be pinned and a later one is refused",
		.verdict = "success with the pages of the leading VMAs only",
		.cite = "mm/gup.c __get_user_pages() returns the count pinned so far",
		.source = "mm/gup.c __get_user_pages(): \"return i ? i : ret\"; __gup_longterm_locked() and gup_fast_fallback() keep the pages already pinned",
	},
	[RULE_PINNED] = {
		.id = "pinned",
		.when = "anything else",
		.verdict = "every page pinned",
		.cite = "mm/gup.c __get_user_pages()",
		.source = "mm/gup.c __get_user_pages() / gup_fast(); device-DAX is not vma_is_fsdax(), and its MEMORY_DEVICE_GENERIC folios are long-term pinnable",

		.match = match_anything,
		.error = 0,
	},
};
const unsigned int glt_pin_rules_count = N(glt_pin_rules);

/*
 * The conditions of the outcome rules. A COW fault replaces the zero page
 * or a file page mapped read-only into a private mapping.
 */
static bool cow_shared(const struct glt_mem_facts *m)
{
	return m->pages == GLT_PAGES_ZERO || m->pages == GLT_PAGES_FILE_COW;
}

static bool longterm_pin(const struct glt_case *c)
{
	return glt_api_is_longterm(c->api) && !glt_api_is_get(c->api);
}

/* A shared mapping has no COW: a write fills its hole instead. */
static bool match_write_cow(const struct glt_query *q)
{
	return q->c->access == GLT_ACCESS_WRITE &&
	       (q->m->pages == GLT_PAGES_FILE_COW ||
		(q->m->pages == GLT_PAGES_ZERO && !q->m->shared));
}

static bool match_longterm_ro_unshare(const struct glt_query *q)
{
	return cow_shared(q->m) && q->c->access == GLT_ACCESS_READ &&
	       q->m->cow_mapping && longterm_pin(q->c);
}

/*
 * Anonymous pages that fork() shared, and whether a fault here can reuse
 * them: not while the child maps them too, nor while another reference
 * (the engine's observer) holds them; yes once they are mapped only here
 * and referenced only by that mapping.
 */
static bool fork_shared(const struct glt_mem_facts *m)
{
	return m->forked != GLT_FORK_SHARE_NONE;
}

static bool fork_shared_reusable(const struct glt_mem_facts *m)
{
	return m->forked == GLT_FORK_SHARE_ONCE && !m->observed;
}

/* FOLL_PIN without FOLL_WRITE: the pins gup_must_unshare() looks at. */
static bool ro_pin(const struct glt_case *c)
{
	return !glt_api_is_get(c->api) && c->access == GLT_ACCESS_READ;
}

/*
 * Swapped-out pages that fork() shared come back through a swap-in fault
 * (swapped-out-faults-in) where these rules would keep the mapped page.
 */
static bool match_ro_pin_fork_shared(const struct glt_query *q)
{
	return fork_shared(q->m) && ro_pin(q->c) &&
	       q->m->pages != GLT_PAGES_SWAPPED;
}

/* A write fault, or the unshare fault of a R/O pin. */
static bool faults_for_write_or_unshare(const struct glt_case *c)
{
	return c->access == GLT_ACCESS_WRITE || ro_pin(c);
}

static bool match_fork_shared_reused(const struct glt_query *q)
{
	return fork_shared_reusable(q->m) &&
	       faults_for_write_or_unshare(q->c) &&
	       q->m->pages != GLT_PAGES_SWAPPED;
}

/* hugetlb reuses by mapcount alone: the observer's references do not count. */
static bool match_once_shared_hugetlb(const struct glt_query *q)
{
	return q->m->forked == GLT_FORK_SHARE_ONCE &&
	       q->m->backing == GLT_BACKING_HUGETLB &&
	       faults_for_write_or_unshare(q->c);
}

static bool match_once_shared_thp_pmd_write(const struct glt_query *q)
{
	return q->m->forked == GLT_FORK_SHARE_ONCE &&
	       q->m->backing == GLT_BACKING_THP && q->m->pmd_mapped &&
	       q->c->access == GLT_ACCESS_WRITE;
}

/* A THP or mTHP that PTEs map: a fault here sees a large folio. */
static bool match_once_shared_large_pte(const struct glt_query *q)
{
	return q->m->forked == GLT_FORK_SHARE_ONCE &&
	       q->m->backing == GLT_BACKING_THP && !q->m->pmd_mapped &&
	       q->m->thp_order && faults_for_write_or_unshare(q->c);
}

static bool match_ro_pin_fork_shared_copied(const struct glt_query *q)
{
	return fork_shared(q->m) && !fork_shared_reusable(q->m) && ro_pin(q->c);
}

static bool match_write_fork_shared_copied(const struct glt_query *q)
{
	return fork_shared(q->m) && !fork_shared_reusable(q->m) &&
	       q->c->access == GLT_ACCESS_WRITE;
}

static bool match_write_fills_hole(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_ZERO && q->m->shared &&
	       q->c->access == GLT_ACCESS_WRITE;
}

/* Hugetlb page cache mapped read-only into a private mapping. */
static bool hugetlb_file_cow(const struct glt_mem_facts *m)
{
	return m->pages == GLT_PAGES_FILE_COW &&
	       m->backing == GLT_BACKING_HUGETLB;
}

static bool match_hugetlb_write_cow(const struct glt_query *q)
{
	return q->c->access == GLT_ACCESS_WRITE && hugetlb_file_cow(q->m);
}

static bool match_hugetlb_unshare(const struct glt_query *q)
{
	return hugetlb_file_cow(q->m) && match_longterm_ro_unshare(q);
}

static bool match_huge_zero_write(const struct glt_query *q)
{
	return q->c->access == GLT_ACCESS_WRITE &&
	       q->m->pages == GLT_PAGES_HUGE_ZERO;
}

static bool match_huge_zero_unshare(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_HUGE_ZERO &&
	       q->c->access == GLT_ACCESS_READ && q->m->cow_mapping &&
	       longterm_pin(q->c);
}

static bool match_swapped_out(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_SWAPPED;
}

static bool match_device_private(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_DEVICE_PRIVATE;
}

/*
 * A long-term FOLL_PIN migrates device-coherent pages to RAM first; a
 * transient pin holds them where they are (pins-mapped-pages).
 */
static bool match_device_coherent_longterm(const struct glt_query *q)
{
	return q->m->pages == GLT_PAGES_DEVICE_COHERENT && longterm_pin(q->c);
}

/*
 * Rules about which pages end up pinned; listed with the pin rules.
 * pins-mapped-pages is the general rule: the ones below it are its
 * exceptions, a fault that makes or brings in another page first.
 */
const struct glt_rule glt_outcome_rules[] = {
	[OUT_SAME] = {
		.id = "pins-mapped-pages",
		.when = "a successful pin of pages that need no COW",
		.verdict = "the pages that were mapped are pinned",
		.cite = "mm/gup.c follow_page_mask()",
		.source = "mm/gup.c follow_page_mask() / gup_fast_pte_range()",

		.general = true,
		.value = GLT_OUT_SAME,
	},
	[OUT_HUGETLB_WRITE_COW] = {
		.id = "hugetlb-write-breaks-cow",
		.when = "FOLL_WRITE on hugetlb page cache mapped read-only in a private mapping (a MAP_PRIVATE hugetlbfs file or MFD_HUGETLB memfd, only read)",
		.verdict = "a hugetlb COW fault first: a new anonymous huge page is pinned",
		.cite = "mm/hugetlb.c hugetlb_wp() copies: the page-cache folio is not anonymous",
		.source = "mm/gup.c follow_huge_pmd(): !can_follow_write_pmd() -> faultin_page() -> mm/hugetlb.c hugetlb_fault() -> hugetlb_wp(): only an anonymous folio mapped once is reused; the page-cache folio is copied into alloc_hugetlb_folio()'s new folio, hugetlb_add_new_anon_rmap(); GUP-fast refuses the read-only PMD (pmd_access_permitted()) and falls back",
		.older = {
			{ GLT_KV(6, 0), "mm/hugetlb.c follow_hugetlb_page() -> hugetlb_cow()",
			  "mm/hugetlb.c follow_hugetlb_page(): FOLL_WRITE && !huge_pte_write() -> hugetlb_fault(FAULT_FLAG_WRITE) -> hugetlb_cow(): the page-cache page is not PageAnon, so it is copied into a new page (alloc_huge_page(), hugepage_add_new_anon_rmap()) (v5.10 read)" },
			{ GLT_KV(6, 9), "mm/hugetlb.c follow_hugetlb_page() -> hugetlb_wp()",
			  "mm/hugetlb.c follow_hugetlb_page(): FOLL_WRITE && !huge_pte_write() -> hugetlb_fault() -> hugetlb_wp(): the page-cache folio is not anonymous, so it is copied into a new anonymous folio (v6.1 read)" },
		},

		.match = match_hugetlb_write_cow,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_HUGETLB_UNSHARE] = {
		.id = "hugetlb-longterm-ro-unshare",
		.when = "R/O FOLL_PIN|FOLL_LONGTERM of hugetlb page cache mapped read-only in a private mapping",
		.verdict = "an unshare fault first: a new anonymous huge page is pinned",
		.cite = "mm/gup.c follow_huge_pmd() gup_must_unshare() -> mm/hugetlb.c hugetlb_wp(FAULT_FLAG_UNSHARE)",
		.source = "mm/gup.c follow_huge_pmd(): !pmd_write() && gup_must_unshare() (mm/internal.h: not anonymous, FOLL_LONGTERM, is_cow_mapping()) -> -EMLINK -> faultin_page(FAULT_FLAG_UNSHARE) -> mm/hugetlb.c hugetlb_fault() -> hugetlb_wp(): copies into a new anonymous folio, mapped read-only (make_huge_pte(..., !unshare)); GUP-fast gup_fast_pmd_leaf() asks gup_must_unshare() too and falls back. v6.1's gup_must_unshare() looks at anonymous pages only: the page-cache page itself is pinned",
		.note = "\"mm/gup: reliable R/O long-term pinning in COW mappings\"",
		.since = GLT_KV(6, 2),
		.older = {
			{ GLT_KV(6, 9), "mm/hugetlb.c follow_hugetlb_page() gup_must_unshare() -> hugetlb_wp(FAULT_FLAG_UNSHARE)",
			  "mm/hugetlb.c follow_hugetlb_page(): !huge_pte_write() && gup_must_unshare(vma, flags, page) -> hugetlb_fault(FAULT_FLAG_UNSHARE) -> hugetlb_wp()" },
		},

		.match = match_hugetlb_unshare,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_WRITE_COW] = {
		.id = "write-breaks-cow",
		.when = "FOLL_WRITE on the zero page or on a file page mapped read-only in a private mapping",
		.verdict = "a COW fault first: a new anonymous page is pinned",
		.cite = "mm/memory.c do_wp_page() wp_page_copy()",
		.source = "mm/gup.c faultin_page() -> handle_mm_fault(FAULT_FLAG_WRITE) -> mm/memory.c do_wp_page() / wp_page_copy()",

		.match = match_write_cow,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_LONGTERM_UNSHARE] = {
		.id = "longterm-ro-unshare",
		.when = "R/O FOLL_PIN|FOLL_LONGTERM of a non-anonymous page (zero page, file page) in a private writable (COW) mapping",
		.verdict = "an unshare fault first: a new anonymous page is pinned",
		.cite = "mm/internal.h gup_must_unshare() (v6.2+)",
		.source = "mm/gup.c follow_page_pte() -> gup_must_unshare() (include/linux/mm.h v6.2-v6.4, mm/internal.h v6.5+), \"mm/gup: reliable R/O long-term pinning in COW mappings\"; v6.1 pins the shared page itself",
		.since = GLT_KV(6, 2),

		.match = match_longterm_ro_unshare,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_SHARED_ANON_RO_PIN] = {
		.id = "ro-pin-holds-fork-shared-anon",
		.when = "R/O FOLL_PIN (long-term or transient, slow or fast) of anonymous pages that fork() shared, with the child or once, on a kernel without unsharing",
		.verdict = "the shared page itself is pinned; a later write by the process copies it (do_wp_page() sees the pin's references), and the pin no longer sees the process's page (CVE-2020-29374)",
		.cite = "mm/gup.c follow_page_pte(): no unshare fault for R/O pins",
		.source = "v5.10 mm/gup.c follow_page_pte(): a present PTE without FOLL_WRITE is taken as it is (try_grab_page()); gup_pte_range() likewise; mm/memory.c do_wp_page(): \"page_count(page) != 1\" -> copy",
		.note = "until \"mm/gup: trigger FAULT_FLAG_UNSHARE when R/O-pinning a possibly shared anonymous page\"",
		.until = GLT_KV(5, 19),

		.match = match_ro_pin_fork_shared,
		.value = GLT_OUT_SAME,
	},
	[OUT_SHARED_HUGETLB_REUSED] = {
		.id = "fork-shared-hugetlb-reused",
		.when = "FOLL_WRITE, or R/O FOLL_PIN (its unshare fault), of private hugetlb pages fork() once shared, now mapped only here, whatever else references them",
		.verdict = "hugetlb's fault reuses the page (mapped once, anonymous): the mapped page is pinned",
		.cite = "mm/hugetlb.c hugetlb_wp(): folio_mapcount(old_folio) == 1 && folio_test_anon(old_folio) -> reuse",
		.source = "mm/hugetlb.c hugetlb_wp(): \"if (folio_mapcount(old_folio) == 1 && folio_test_anon(old_folio))\" -> folio_move_anon_rmap(), set_huge_ptep_writable() (for unshare: SetPageAnonExclusive() only); the folio's reference count is not looked at. v5.10: hugetlb_cow() \"if (page_mapcount(old_page) == 1 && PageAnon(old_page))\"",

		.match = match_once_shared_hugetlb,
		.value = GLT_OUT_SAME,
	},
	[OUT_SHARED_THP_PMD_REUSED] = {
		.id = "fork-shared-thp-reused-by-mapcount",
		.when = "FOLL_WRITE on a PMD-mapped THP fork() once shared, now mapped only here, on a kernel whose THP write fault counts mappings, not references",
		.verdict = "the fault reuses the whole THP, whatever else references it (the engine's observer): the mapped page is pinned",
		.cite = "mm/huge_memory.c do_huge_pmd_wp_page() reuse_swap_page(): mapcount + swapcount <= 1",
		.source = "v5.10 mm/huge_memory.c do_huge_pmd_wp_page(): \"if (reuse_swap_page(page, NULL))\" -> maybe_pmd_mkwrite(): mm/swapfile.c reuse_swap_page() -> page_trans_huge_map_swapcount() counts the THP's mappings and swap entries only. Since \"mm/huge_memory: streamline COW logic in do_huge_pmd_wp_page()\" the fault reuses only a folio_ref_count() of 1 (v6.1 read); v5.19 is the boundary assumed from that series, measured on 5.10 and 6.1 only",
		.until = GLT_KV(5, 19),

		.match = match_once_shared_thp_pmd_write,
		.value = GLT_OUT_SAME,
	},
	[OUT_SHARED_LARGE_COPIED] = {
		.id = "fork-shared-large-folio-copied",
		.when = "FOLL_WRITE, or R/O FOLL_PIN (its unshare fault), of a PTE-mapped THP or mTHP fork() once shared, now mapped only here, on a kernel that never reuses part of a large folio",
		.verdict = "the fault copies the page: a new order-0 anonymous page is pinned, and the process maps it",
		.cite = "mm/memory.c wp_can_reuse_anon_folio(): folio_test_large() -> false",
		.source = "v6.12 mm/memory.c wp_can_reuse_anon_folio(): \"if (folio_test_large(folio)) return false;\"; v6.1 do_wp_page(): \"folio_ref_count(folio) > 3\" (a large folio holds a reference per mapped page) -> copy; v5.10 do_wp_page(): \"page_count(page) != 1\" -> copy. From \"mm: Copy-on-Write (COW) reuse support for PTE-mapped THP\" (v6.15, posted 2025-03-03) __wp_can_reuse_large_anon_folio() reuses a folio mapped only by this mm with no other references (fork-shared-anon-reused)",
		.until = GLT_KV(6, 15),

		.match = match_once_shared_large_pte,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_SHARED_ANON_REUSED] = {
		.id = "fork-shared-anon-reused",
		.when = "FOLL_WRITE, or R/O FOLL_PIN (its unshare fault), of anonymous pages fork() once shared, now mapped only here and referenced by nothing but that mapping (no observer)",
		.verdict = "the fault reuses the page (marks it exclusive): the mapped page is pinned",
		.cite = "mm/memory.c do_wp_page() wp_can_reuse_anon_folio()",
		.source = "mm/memory.c do_wp_page(): !PageAnonExclusive() -> wp_can_reuse_anon_folio(): folio_ref_count() == 1 -> SetPageAnonExclusive(), and for FAULT_FLAG_UNSHARE nothing more; wp_page_reuse() for a write. A PTE-mapped large folio (v6.15+): __wp_can_reuse_large_anon_folio(), mapped by this mm only (folio->_mm_ids' shared bit, cleared when the child's mappings went) and folio_large_mapcount() == folio_ref_count(); a PMD-mapped THP: mm/huge_memory.c do_huge_pmd_wp_page() folio_ref_count() == 1",
		.older = {
			{ GLT_KV(5, 19), "mm/memory.c do_wp_page() page_count() == 1 && page_mapcount() == 1",
			  "v5.10 mm/memory.c do_wp_page(): PageAnon() with page_count(page) == 1 and page_mapcount(page) == 1 under the page lock -> wp_page_reuse()" },
			{ GLT_KV(6, 7), "mm/memory.c do_wp_page() folio_ref_count() == 1 -> reuse",
			  "v6.1 mm/memory.c do_wp_page(): !PageAnonExclusive() -> folio_ref_count(folio) > 1 + folio_test_swapcache() goes to copy, else SetPageAnonExclusive() and reuse (moved into wp_can_reuse_anon_folio() in v6.7)" },
		},

		.match = match_fork_shared_reused,
		.value = GLT_OUT_SAME,
	},
	[OUT_SHARED_ANON_UNSHARE] = {
		.id = "ro-pin-unshares-fork-shared-anon",
		.when = "R/O FOLL_PIN (long-term or transient, slow or fast) of anonymous pages that fork() shared: mapped by the child too, or once shared and held by another reference (the engine's observer)",
		.verdict = "an unshare fault first: do_wp_page() cannot reuse the page and copies it; a new anonymous page is pinned, and the process maps it",
		.cite = "mm/internal.h gup_must_unshare() !PageAnonExclusive -> mm/memory.c do_wp_page() FAULT_FLAG_UNSHARE -> wp_page_copy()",
		.source = "mm/gup.c follow_page_pte(): !pte_write() && gup_must_unshare() -> -EMLINK -> faultin_page(unshare) -> FAULT_FLAG_UNSHARE -> mm/memory.c do_wp_page(): !PageAnonExclusive() and wp_can_reuse_anon_folio() false (refcount > 1) -> wp_page_copy(); gup_fast_pte_range() gives up on it and falls back",
		.note = "\"mm/gup: trigger FAULT_FLAG_UNSHARE when R/O-pinning a possibly shared anonymous page\"",
		.since = GLT_KV(5, 19),
		.older = {
			{ GLT_KV(6, 5), "include/linux/mm.h gup_must_unshare() !PageAnonExclusive -> mm/memory.c do_wp_page() FAULT_FLAG_UNSHARE -> wp_page_copy()",
			  "v6.1 mm/gup.c follow_page_pte() / gup_pte_range(): !pte_write() && gup_must_unshare() (include/linux/mm.h) -> mm/memory.c do_wp_page(): !PageAnonExclusive(), folio_ref_count() > 1 -> copy -> wp_page_copy()" },
		},

		.match = match_ro_pin_fork_shared_copied,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_SHARED_ANON_WRITE_COW] = {
		.id = "write-copies-fork-shared-anon",
		.when = "FOLL_WRITE on anonymous pages that fork() shared: mapped by the child too, or once shared and held by another reference (the engine's observer)",
		.verdict = "a COW fault first: do_wp_page() cannot reuse the page; a new anonymous page is pinned, and the process maps it",
		.cite = "mm/memory.c do_wp_page() wp_can_reuse_anon_folio() false -> wp_page_copy()",
		.source = "mm/gup.c follow_page_pte(): FOLL_WRITE on a write-protected PTE -> faultin_page(FAULT_FLAG_WRITE) -> mm/memory.c do_wp_page(): !PageAnonExclusive() and wp_can_reuse_anon_folio() false (refcount > 1) -> wp_page_copy(); GUP-fast needs pte_write() and falls back",
		.older = {
			{ GLT_KV(5, 19), "mm/memory.c do_wp_page() page_count() != 1 -> wp_page_copy()",
			  "v5.10 mm/memory.c do_wp_page(): PageAnon() with \"PageKsm(page) || page_count(page) != 1\" -> copy -> wp_page_copy()" },
			{ GLT_KV(6, 7), "mm/memory.c do_wp_page() folio_ref_count() > 1 -> wp_page_copy()",
			  "v6.1 mm/memory.c do_wp_page(): !PageAnonExclusive(), \"folio_ref_count(folio) > 1 + folio_test_swapcache(folio)\" -> copy -> wp_page_copy()" },
		},

		.match = match_write_fork_shared_copied,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_HUGE_ZERO_WRITE_COW] = {
		.id = "write-breaks-huge-zero",
		.when = "FOLL_WRITE on the huge zero page (a read-faulted MADV_HUGEPAGE range)",
		.verdict = "a COW fault first: a new anonymous page is pinned (a PMD-sized THP since v6.13; before, the PMD is split into zero-page PTEs and a 4 KiB page made per page)",
		.cite = "mm/huge_memory.c do_huge_pmd_wp_page() -> do_huge_zero_wp_pmd()",
		.source = "mm/gup.c follow_huge_pmd(): !can_follow_write_pmd() -> faultin_page(FAULT_FLAG_WRITE) -> mm/memory.c wp_huge_pmd() -> mm/huge_memory.c do_huge_pmd_wp_page(): is_huge_zero_pmd() -> do_huge_zero_wp_pmd(): vma_alloc_anon_folio_pmd(), map_anon_folio_pmd_pf() (a writable PMD); GUP-fast refuses the read-only (v7.3: pmd_special()) PMD and falls back",
		.note = "a THP for the write since \"mm: Allocate THP on hugezeropage wp-fault\" (read in v7.3; v6.12 splits)",
		.older = {
			{ GLT_KV(6, 13), "mm/huge_memory.c do_huge_pmd_wp_page() is_huge_zero_pmd() -> split; mm/memory.c do_wp_page() wp_page_copy()",
			  "mm/huge_memory.c do_huge_pmd_wp_page(): \"if (is_huge_zero_pmd(orig_pmd)) goto fallback;\" -> __split_huge_pmd() (__split_huge_zero_page_pmd(): 4 KiB zero-page PTEs), VM_FAULT_FALLBACK -> mm/memory.c handle_pte_fault() -> do_wp_page() -> wp_page_copy(): a new zeroed 4 KiB page per page GUP faults (v5.10, v6.1, v6.12 read); GUP slow path mm/huge_memory.c follow_trans_huge_pmd() (v5.10, v6.1) / mm/gup.c follow_huge_pmd() (v6.12)" },
		},

		.match = match_huge_zero_write,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_HUGE_ZERO_UNSHARE] = {
		.id = "longterm-ro-unshares-huge-zero",
		.when = "R/O FOLL_PIN|FOLL_LONGTERM of the huge zero page in a private writable (COW) mapping",
		.verdict = "an unshare fault first: a new anonymous page is pinned (a PMD-sized THP since v6.13, 4 KiB pages before)",
		.cite = "mm/gup.c follow_huge_pmd() gup_must_unshare() -> mm/huge_memory.c do_huge_pmd_wp_page(FAULT_FLAG_UNSHARE)",
		.source = "mm/gup.c follow_huge_pmd(): !pmd_write() && gup_must_unshare() (the huge zero page is not anonymous: FOLL_LONGTERM in a COW mapping) -> -EMLINK -> faultin_page(FAULT_FLAG_UNSHARE) -> mm/memory.c wp_huge_pmd() -> mm/huge_memory.c do_huge_pmd_wp_page() -> do_huge_zero_wp_pmd(); GUP-fast gup_fast_pmd_leaf() falls back (pmd_special() in v7.3, gup_must_unshare() before). v6.1's gup_must_unshare() looks at anonymous pages only: the huge zero page itself is pinned (huge-zero-page)",
		.note = "\"mm/gup: reliable R/O long-term pinning in COW mappings\"; a THP since \"mm: Allocate THP on hugezeropage wp-fault\"",
		.since = GLT_KV(6, 2),
		.older = {
			{ GLT_KV(6, 13), "mm/gup.c follow_huge_pmd() gup_must_unshare(); do_huge_pmd_wp_page() splits the huge zero PMD",
			  "mm/gup.c follow_huge_pmd() (mm/huge_memory.c follow_trans_huge_pmd() before v6.9): gup_must_unshare() -> -EMLINK -> faultin_page(FAULT_FLAG_UNSHARE) -> mm/huge_memory.c do_huge_pmd_wp_page(): is_huge_zero_pmd() -> __split_huge_pmd(), VM_FAULT_FALLBACK -> mm/memory.c do_wp_page() -> wp_page_copy(): a new 4 KiB page, mapped read-only (unshare) (v6.12 read)" },
		},

		.match = match_huge_zero_unshare,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_SWAP_IN] = {
		.id = "swapped-out-faults-in",
		.when = "any GUP of anonymous pages swapped out to zram (a swap PTE: GUP-fast falls back)",
		.verdict = "a swap-in fault first: a new anonymous page, read back from swap, is pinned",
		.cite = "mm/memory.c do_swap_page() swapin_sync()",
		.source = "mm/gup.c follow_page_pte() finds no present PTE (GUP-fast too: pte_present() fails, it falls back) -> faultin_page() -> mm/memory.c handle_pte_fault() -> do_swap_page(): SWP_SYNCHRONOUS_IO (zram) -> mm/swap_state.c swapin_sync() reads it into a new folio (order 0 in a VM_NOHUGEPAGE VMA: thp_swapin_suitable_orders()) added to the swap cache, maps it exclusive (pte_swp_exclusive()) with an anonymous rmap, then should_try_to_free_swap() (SWP_SYNCHRONOUS_IO: always) drops the swap cache",
		.note = "MADV_PAGEOUT since v5.4; the swap cache used for zram since the swap table's \"mm, swap: use swap cache as the swap in synchronize layer\" (read in v7.3)",
		.older = {
			{ GLT_KV(7, 0), "mm/memory.c do_swap_page() SWP_SYNCHRONOUS_IO: skip swapcache",
			  "mm/memory.c do_swap_page(): \"if (data_race(si->flags & SWP_SYNCHRONOUS_IO) && __swap_count(entry) == 1) { /* skip swapcache */\": a new page (alloc_page_vma() v5.10, alloc_swap_folio() v6.12) read synchronously (swap_readpage()/swap_read_folio()), never in the swap cache, mapped with do_page_add_anon_rmap() (v5.10) / folio_add_new_anon_rmap() (v6.1+, RMAP_EXCLUSIVE)" },
		},

		.match = match_swapped_out,
		.value = GLT_OUT_SWAPIN,
	},
	[OUT_DEVICE_PRIVATE] = {
		.id = "device-private-faults-back",
		.when = "any GUP of pages that live in device-private memory (not CPU-mapped: a device-private swap entry)",
		.verdict = "a fault first migrates each page back to system RAM: a new anonymous page is pinned",
		.cite = "mm/memory.c do_swap_page() is_device_private_entry() -> migrate_to_ram()",
		.source = "mm/gup.c follow_page_pte() finds no present PTE (GUP-fast too, and falls back) -> faultin_page() -> mm/memory.c do_swap_page(): is_device_private_entry() -> pgmap->ops->migrate_to_ram() (lib/test_hmm.c dmirror_devmem_fault()) copies the page into a new system page",
		.note = "with CONFIG_DEVICE_PRIVATE",

		.match = match_device_private,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_DEVICE_COHERENT_MIGRATES] = {
		.id = "device-coherent-migrates",
		.when = "FOLL_PIN | FOLL_LONGTERM of pages that live in device-coherent memory (GUP-fast too: it drops them and falls back)",
		.verdict = "each page is migrated to system RAM first: a new anonymous page, not ZONE_DEVICE, is pinned",
		.cite = "mm/gup.c migrate_longterm_unpinnable_folios() -> migrate_device_coherent_folio()",
		.source = "include/linux/mm.h folio_is_longterm_pinnable(): \"Coherent device memory must always allow eviction\" -> false; mm/gup.c check_and_migrate_movable_pages() -> migrate_longterm_unpinnable_folios(): the pin becomes a reference, mm/migrate_device.c migrate_device_coherent_folio() moves the page, -EAGAIN retries the pin (\"mm/gup: migrate device coherent pages when pinning instead of failing\", v6.0); gup_fast_pte_range() gives up on a !folio_is_longterm_pinnable() folio",
		.note = "MEMORY_DEVICE_COHERENT",
		.since = GLT_KV(6, 0),

		.match = match_device_coherent_longterm,
		.any_kernel = true,
		.value = GLT_OUT_NEW_ANON,
	},
	[OUT_FILL_HOLE] = {
		.id = "write-fills-dax-hole",
		.when = "FOLL_WRITE on the zero page that a shared fsdax mapping maps over a hole",
		.verdict = "a write fault first: the filesystem allocates the block and its pmem page is pinned",
		.cite = "mm/memory.c do_wp_page() wp_pfn_shared() -> fs/dax.c dax_iomap_pte_fault()",
		.source = "mm/memory.c do_wp_page(): vm_normal_page() is NULL for the zero pfn, and a shared writable VMA goes to wp_pfn_shared() -> vm_ops->pfn_mkwrite (fs/ext4/file.c ext4_dax_pfn_mkwrite()) -> fs/dax.c dax_iomap_pte_fault(): the hole's zero-page entry is unmapped and replaced by the new block's pfn (dax_insert_entry())",

		.match = match_write_fills_hole,
		.value = GLT_OUT_NEW_FILE,
	},
};

/* The conditions of the rules of movable memory. */
static bool match_longterm(const struct glt_query *q)
{
	return q->longterm;
}

static bool match_transient(const struct glt_query *q)
{
	return !q->longterm;
}

static bool match_longterm_hugetlb(const struct glt_query *q)
{
	return q->longterm && q->hugetlb;
}

const struct glt_rule glt_migration_rules[] = {
	[MIGRATE_LONGTERM] = {
		.id = "longterm-migrates-movable",
		.when = "a long-term pin (slow or fast) of pages in ZONE_MOVABLE",
		.verdict = "migrated first: the pin holds new pages outside ZONE_MOVABLE (other pfns, same data), and the mapping now points at them",
		.cite = "mm/gup.c check_and_migrate_movable_pages()",
		.source = "mm/gup.c __gup_longterm_locked() -> check_and_migrate_movable_pages(): folio_is_longterm_pinnable() (include/linux/mm.h) is false for ZONE_MOVABLE, so the pages are unpinned, migrated (MR_LONGTERM_PIN, allocated under memalloc_pin_save(): no __GFP_MOVABLE) and GUP retried; GUP-fast refuses such folios and falls back",
		.note = "\"mm/gup: migrate pinned pages out of movable zone\"",
		.since = GLT_KV(5, 13),

		.match = match_longterm,
		.general = true,
		.value = 1,
	},
	[MIGRATE_TRANSIENT] = {
		.id = "transient-pins-in-place",
		.when = "a transient pin of pages in ZONE_MOVABLE",
		.verdict = "pinned where they are: same pfns, still ZONE_MOVABLE",
		.cite = "mm/gup.c: only FOLL_LONGTERM calls check_and_migrate_movable_pages()",
		.source = "mm/gup.c __gup_longterm_locked(): without FOLL_LONGTERM it is a plain __get_user_pages_locked()",

		.match = match_transient,
		.value = 0,
	},
	[MIGRATE_HUGETLB_WARNS] = {
		.id = "hugetlb-movable-longterm-warns",
		.when = "a long-term pin of a hugetlb page in ZONE_MOVABLE, on a kernel whose slow path takes hugetlb pages with follow_hugetlb_page()",
		.verdict = "WARN_ON_ONCE and -ENOMEM instead of a migration",
		.cite = "mm/hugetlb.c follow_hugetlb_page() WARN_ON_ONCE(!try_grab_folio())",
		.source = "v6.1 mm/hugetlb.c follow_hugetlb_page(): \"try_grab_folio() should always succeed here\", but v6.1 mm/gup.c try_grab_folio() returns NULL for FOLL_PIN | FOLL_LONGTERM of a page that is not is_longterm_pinnable_page(); so the page is never migrated. Seen in this test-bed on Debian's 6.1.192",
		.note = "seen on v6.1; the rest of the range assumed (migration out of ZONE_MOVABLE starts with it), unverified",
		.since = GLT_KV(5, 13),
		.until = GLT_KV(6, 12),

		.match = match_longterm_hugetlb,
		.value = 1,
		.kernel_bug = true,
	},
	[MIGRATE_CMA_ONLY] = {
		.id = "longterm-pins-movable-in-place",
		.when = "a long-term pin of pages in ZONE_MOVABLE, on a kernel that migrates only CMA pages before a long-term pin",
		.verdict = "pinned where they are: same pfns, still ZONE_MOVABLE, no WARN (hugetlb too)",
		.cite = "mm/gup.c check_and_migrate_cma_pages(): CMA only",
		.source = "v5.10 mm/gup.c __gup_longterm_locked() -> check_and_migrate_cma_pages(): only is_migrate_cma_page() pages move (a stub without CONFIG_CMA); try_grab_page() and follow_hugetlb_page() have no ZONE_MOVABLE test",
		.until = GLT_KV(5, 13),

		.match = match_longterm,
		.value = 0,
	},
};

/*
 * Whether the slow path checks for fsdax only after pinning the whole range
 * (v5.10 __gup_longterm_locked() check_dax_vmas()), instead of refusing the
 * VMA in check_vma_flags() as it walks.
 */
static bool fsdax_checked_after_pin(const struct glt_kernel_facts *kf,
				    const struct glt_case *c)
{
	return glt_api_is_longterm(c->api) && !glt_api_is_fast(c->api) &&
	       glt_rule_applies(&glt_pin_rules[RULE_FSDAX_LONGTERM_AFTER_PIN],
				kf->version);
}

/*
 * One VMA's verdict: 0 (pinned) or an errno; *rule the index of the rule
 * that decided it, the first of glt_pin_rules[] that holds.
 */
static int segment_verdict(const struct glt_kernel_facts *kf,
			   const struct glt_case *c,
			   const struct glt_mem_facts *m, int *rule)
{
	struct glt_query q = { .kf = kf, .c = c, .m = m };
	const struct glt_rule *r =
		glt_rule_first(glt_pin_rules, glt_pin_rules_count, &q);

	/* pinned's match() always holds */
	*rule = (int)(r - glt_pin_rules);
	return r->error;
}

/* Which pages a pin of one VMA holds: the first outcome rule that holds. */
static enum glt_outcome_pages segment_outcome(const struct glt_kernel_facts *kf,
					      const struct glt_case *c,
					      const struct glt_mem_facts *m,
					      const struct glt_rule **rule)
{
	struct glt_query q = { .kf = kf, .c = c, .m = m };

	/* pins-mapped-pages, the general rule, holds where no other does */
	*rule = glt_rule_first(glt_outcome_rules, N(glt_outcome_rules), &q);
	return (enum glt_outcome_pages)(*rule)->value;
}

/* The range's verdict once GUP refused a VMA (rule) after pinned pages. */
static struct glt_expect refused(struct glt_expect e, unsigned long pinned,
				 int err, int rule)
{
	if (pinned && rule != RULE_DRIVER_LONGTERM_GET) {
		e.nr_pinned = pinned;
		e.rule = &glt_pin_rules[RULE_PARTIAL];
		return e;
	}
	e.error = err;
	e.rule = &glt_pin_rules[rule];
	return e;
}

struct glt_expect glt_oracle_pin(const struct glt_kernel_facts *kf,
				 const struct glt_case *c,
				 const struct glt_mem_facts *seg,
				 unsigned int nseg)
{
	struct glt_expect e = { 0 };
	unsigned long pinned = 0;
	bool fsdax_pinned = false;
	int rule;

	for (unsigned int i = 0; i < nseg && i < GLT_MAX_SEGMENTS; i++) {
		int err = segment_verdict(kf, c, &seg[i], &rule);

		/* v5.10: the pinned VMAs are checked once the walk stops. */
		if (fsdax_pinned && err && rule != RULE_DRIVER_LONGTERM_GET) {
			e.error = EOPNOTSUPP;
			e.rule = &glt_pin_rules[RULE_FSDAX_LONGTERM_AFTER_PIN];
			return e;
		}
		if (err)
			return refused(e, pinned, err, rule);
		e.outcome[i] =
			segment_outcome(kf, c, &seg[i], &e.outcome_rule[i]);
		pinned += seg[i].nr_pages;
		if (rule != RULE_PINNED)
			e.rule = &glt_pin_rules[rule];
		if (seg[i].fsdax && fsdax_checked_after_pin(kf, c))
			fsdax_pinned = true;
	}
	if (fsdax_pinned) {
		memset(&e, 0, sizeof(e));
		e.error = EOPNOTSUPP;
		e.rule = &glt_pin_rules[RULE_FSDAX_LONGTERM_AFTER_PIN];
		return e;
	}
	e.nr_pinned = pinned;
	if (!e.rule)
		e.rule = &glt_pin_rules[RULE_PINNED];
	return e;
}

const struct glt_rule *glt_oracle_movable(const struct glt_kernel_facts *kf,
					  bool longterm, bool hugetlb,
					  bool *migrates, bool *kernel_bug)
{
	struct glt_query q = { .kf = kf,
			       .longterm = longterm,
			       .hugetlb = hugetlb };
	const struct glt_rule *r =
		glt_rule_first(glt_migration_rules, N(glt_migration_rules), &q);

	/* One rule holds for each of them on every kernel. */
	*migrates = r->value;
	*kernel_bug = r->kernel_bug;
	return r;
}
