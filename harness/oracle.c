// SPDX-License-Identifier: GPL-2.0
/*
 * Every expectation of the harness comes from a rule in this file; every rule
 * names the kernel code that decides it. Read mm/gup.c of the version you
 * test when you change one, and update docs/expectations.md (make check
 * fails when the two disagree).
 */
#include "oracle.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"
#include "measured_kernels.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The order in which the kernel decides, and the oracle evaluates. */
enum {
	RULE_DRIVER_LONGTERM_GET,
	RULE_UNMAPPED,
	RULE_PFNMAP,
	RULE_FAST_SKIPS_VMA,
	RULE_FSDAX_LONGTERM,
	RULE_FSDAX_LONGTERM_AFTER_PIN,
	RULE_SECRETMEM,
	RULE_FILE_WRITE_LONGTERM,
	RULE_NO_ACCESS,
	RULE_PARTIAL,
	RULE_PINNED,
};

/*
 * The conditions of the pin rules, one per rule (struct glt_rule match()).
 * Each reads only the case and the facts a provider proved about one VMA.
 */
static bool match_longterm_get(const struct glt_kernel_facts *kf,
			       const struct glt_case *c,
			       const struct glt_mem_facts *m)
{
	(void)kf;
	(void)m;
	return glt_api_is_get(c->api) && glt_api_is_longterm(c->api);
}

static bool match_no_vma(const struct glt_kernel_facts *kf,
			 const struct glt_case *c,
			 const struct glt_mem_facts *m)
{
	(void)kf;
	(void)c;
	return m->unmapped;
}

/* check_vma_flags(): VM_IO | VM_PFNMAP; GUP-fast skips pte_special(). */
static bool match_pfnmap(const struct glt_kernel_facts *kf,
			 const struct glt_case *c,
			 const struct glt_mem_facts *m)
{
	(void)kf;
	(void)c;
	return m->pfnmap;
}

/* GUP-fast never looks at the VMA: only fsdax's own pages fall back. */
static bool match_fast_longterm_anon_in_fsdax(const struct glt_kernel_facts *kf,
					      const struct glt_case *c,
					      const struct glt_mem_facts *m)
{
	(void)kf;
	return glt_api_is_longterm(c->api) && glt_api_is_fast(c->api) &&
	       m->fsdax && m->pages == GLT_PAGES_ANON;
}

static bool match_longterm_fsdax(const struct glt_kernel_facts *kf,
				 const struct glt_case *c,
				 const struct glt_mem_facts *m)
{
	(void)kf;
	return glt_api_is_longterm(c->api) && m->fsdax;
}

/*
 * v5.10: GUP-fast bails out of fsdax into a slow path that refuses the
 * range after pinning it; the slow path itself pins (glt_oracle_pin()
 * refuses it once the walk is done).
 */
static bool match_fast_longterm_fsdax(const struct glt_kernel_facts *kf,
				      const struct glt_case *c,
				      const struct glt_mem_facts *m)
{
	return glt_api_is_fast(c->api) && match_longterm_fsdax(kf, c, m);
}

static bool match_secretmem(const struct glt_kernel_facts *kf,
			    const struct glt_case *c,
			    const struct glt_mem_facts *m)
{
	(void)kf;
	(void)c;
	return m->secretmem;
}

/*
 * vma_needs_dirty_tracking(): shared writable mappings whose vm_ops have
 * page_mkwrite/pfn_mkwrite or whose mapping can write back. shmem,
 * hugetlbfs and device-DAX have neither.
 */
static bool
match_longterm_write_dirty_tracked(const struct glt_kernel_facts *kf,
				   const struct glt_case *c,
				   const struct glt_mem_facts *m)
{
	(void)kf;
	return glt_api_is_longterm(c->api) && !glt_api_is_get(c->api) &&
	       c->access == GLT_ACCESS_WRITE && !m->anon && m->shared &&
	       m->writable && m->fs_writeback;
}

static bool match_no_access(const struct glt_kernel_facts *kf,
			    const struct glt_case *c,
			    const struct glt_mem_facts *m)
{
	bool write = c->access == GLT_ACCESS_WRITE;

	(void)kf;
	return (write && !m->writable) || (!write && !m->readable);
}

static bool match_anything(const struct glt_kernel_facts *kf,
			   const struct glt_case *c,
			   const struct glt_mem_facts *m)
{
	(void)kf;
	(void)c;
	(void)m;
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

enum {
	OUT_SAME,
	OUT_WRITE_COW,
	OUT_LONGTERM_UNSHARE,
	OUT_FILL_HOLE,
	OUT_DEVICE_PRIVATE,
	OUT_DEVICE_COHERENT_MIGRATES,
};

/* Rules about which pages end up pinned; listed with the pin rules. */
static const struct glt_rule outcome_rules[] = {
	[OUT_SAME] = {
		.id = "pins-mapped-pages",
		.when = "a successful pin of pages that need no COW",
		.verdict = "the pages that were mapped are pinned",
		.cite = "mm/gup.c follow_page_mask()",
		.source = "mm/gup.c follow_page_mask() / gup_fast_pte_range()",
	},
	[OUT_WRITE_COW] = {
		.id = "write-breaks-cow",
		.when = "FOLL_WRITE on the zero page or on a file page mapped read-only in a private mapping",
		.verdict = "a COW fault first: a new anonymous page is pinned",
		.cite = "mm/memory.c do_wp_page() wp_page_copy()",
		.source = "mm/gup.c faultin_page() -> handle_mm_fault(FAULT_FLAG_WRITE) -> mm/memory.c do_wp_page() / wp_page_copy()",
	},
	[OUT_LONGTERM_UNSHARE] = {
		.id = "longterm-ro-unshare",
		.when = "R/O FOLL_PIN|FOLL_LONGTERM of a non-anonymous page (zero page, file page) in a private writable (COW) mapping",
		.verdict = "an unshare fault first: a new anonymous page is pinned",
		.cite = "mm/internal.h gup_must_unshare() (v6.2+)",
		.source = "mm/gup.c follow_page_pte() -> gup_must_unshare() (include/linux/mm.h v6.2-v6.4, mm/internal.h v6.5+), \"mm/gup: reliable R/O long-term pinning in COW mappings\"; v6.1 pins the shared page itself",
		.since = GLT_KV(6, 2),
	},
	[OUT_DEVICE_PRIVATE] = {
		.id = "device-private-faults-back",
		.when = "any GUP of pages that live in device-private memory (not CPU-mapped: a device-private swap entry)",
		.verdict = "a fault first migrates each page back to system RAM: a new anonymous page is pinned",
		.cite = "mm/memory.c do_swap_page() is_device_private_entry() -> migrate_to_ram()",
		.source = "mm/gup.c follow_page_pte() finds no present PTE (GUP-fast too, and falls back) -> faultin_page() -> mm/memory.c do_swap_page(): is_device_private_entry() -> pgmap->ops->migrate_to_ram() (lib/test_hmm.c dmirror_devmem_fault()) copies the page into a new system page",
		.note = "with CONFIG_DEVICE_PRIVATE",
	},
	[OUT_DEVICE_COHERENT_MIGRATES] = {
		.id = "device-coherent-migrates",
		.when = "FOLL_PIN | FOLL_LONGTERM of pages that live in device-coherent memory (GUP-fast too: it drops them and falls back)",
		.verdict = "each page is migrated to system RAM first: a new anonymous page, not ZONE_DEVICE, is pinned",
		.cite = "mm/gup.c migrate_longterm_unpinnable_folios() -> migrate_device_coherent_folio()",
		.source = "include/linux/mm.h folio_is_longterm_pinnable(): \"Coherent device memory must always allow eviction\" -> false; mm/gup.c check_and_migrate_movable_pages() -> migrate_longterm_unpinnable_folios(): the pin becomes a reference, mm/migrate_device.c migrate_device_coherent_folio() moves the page, -EAGAIN retries the pin (\"mm/gup: migrate device coherent pages when pinning instead of failing\", v6.0); gup_fast_pte_range() gives up on a !folio_is_longterm_pinnable() folio",
		.note = "MEMORY_DEVICE_COHERENT",
		.since = GLT_KV(6, 0),
	},
	[OUT_FILL_HOLE] = {
		.id = "write-fills-dax-hole",
		.when = "FOLL_WRITE on the zero page that a shared fsdax mapping maps over a hole",
		.verdict = "a write fault first: the filesystem allocates the block and its pmem page is pinned",
		.cite = "mm/memory.c do_wp_page() wp_pfn_shared() -> fs/dax.c dax_iomap_pte_fault()",
		.source = "mm/memory.c do_wp_page(): vm_normal_page() is NULL for the zero pfn, and a shared writable VMA goes to wp_pfn_shared() -> vm_ops->pfn_mkwrite (fs/ext4/file.c ext4_dax_pfn_mkwrite()) -> fs/dax.c dax_iomap_pte_fault(): the hole's zero-page entry is unmapped and replaced by the new block's pfn (dax_insert_entry())",
	},
};

enum {
	AVAIL_FSDAX_EXT4,
	AVAIL_FSDAX_XFS,
	AVAIL_DEVDAX,
	AVAIL_SECRETMEM,
	AVAIL_HMM,
	AVAIL_HMM_COHERENT,
	AVAIL_SECRETMEM_DEFAULT,
};

/*
 * Memory that a kernel without CONFIG_FS_DAX cannot make, and memfd_secret()
 * memory where the kernel has no secretmem.
 */
static const struct glt_rule availability_rules[] = {
	[AVAIL_FSDAX_EXT4] = {
		.id = "nodax-ext4-mount",
		.when = "mount -t ext4 -o dax on a kernel with CONFIG_FS_DAX=n",
		.verdict = "-EINVAL (\"dax option not supported\"): no fsdax memory exists",
		.cite = "fs/ext4/super.c \"dax option not supported\"",
		.source = "fs/ext4/super.c ext4_parse_param() (v5.19+; handle_mount_opt() before): #else branch of CONFIG_FS_DAX",
	},
	[AVAIL_FSDAX_XFS] = {
		.id = "nodax-xfs-mount",
		.when = "mount -t xfs -o dax=always on a kernel with CONFIG_FS_DAX=n",
		.verdict = "-EINVAL (\"unknown mount option\"): no fsdax memory exists",
		.cite = "fs/xfs/xfs_super.c xfs_fs_parse_param() Opt_dax under CONFIG_FS_DAX",
		.source = "fs/xfs/xfs_super.c xfs_fs_parse_param(): Opt_dax/Opt_dax_enum only #ifdef CONFIG_FS_DAX, else \"unknown mount option\"",
	},
	[AVAIL_DEVDAX] = {
		.id = "nodax-devdax-mmap",
		.when = "mmap() of /dev/daxX.Y on a kernel with CONFIG_FS_DAX=n (the device exists: DEV_DAX does not depend on FS_DAX)",
		.verdict = "-EINVAL (\"vma is not DAX capable\")",
		.cite = "drivers/dax/device.c check_vma() vma_is_dax()",
		.source = "drivers/dax/device.c check_vma(): !vma_is_dax(vma) because IS_DAX() is 0 without CONFIG_FS_DAX (include/linux/fs.h)",
	},
	[AVAIL_SECRETMEM] = {
		.id = "secretmem-absent",
		.when = "memfd_secret(2) on a kernel before v5.14, with CONFIG_SECRETMEM=n, or with secretmem disabled (secretmem.enable=0: the default before v6.5, e.g. v6.1)",
		.verdict = "-ENOSYS: no secretmem memory exists",
		.cite = "mm/secretmem.c memfd_secret: !secretmem_enable -> -ENOSYS",
		.source = "mm/secretmem.c SYSCALL_DEFINE1(memfd_secret): \"if (!secretmem_enable || !can_set_direct_map()) return -ENOSYS;\" (secretmem_enable is 0 by default in v6.1, 1 in v6.12 and v7.3, \"mm/secretmem: make it on by default\", v6.5); kernel/sys_ni.c COND_SYSCALL(memfd_secret) without CONFIG_SECRETMEM; no syscall 447 before v5.14",
	},
	[AVAIL_HMM] = {
		.id = "device-private-absent",
		.when = "the HMM test driver's device-private memory on a kernel without CONFIG_DEVICE_PRIVATE or CONFIG_TEST_HMM (Debian's kernels)",
		.verdict = "no /dev/hmm_dmirror0 (-ENOENT): no device-private memory to pin",
		.cite = "lib/Kconfig.debug TEST_HMM depends on DEVICE_PRIVATE",
		.source = "lib/Kconfig.debug: config TEST_HMM \"depends on TRANSPARENT_HUGEPAGE\", \"depends on DEVICE_PRIVATE\" (lib/test_hmm.c hmm_dmirror_init() makes /dev/hmm_dmirror0..3); without it nothing in the kernel makes device-private pages that userspace can reach",
	},
	[AVAIL_HMM_COHERENT] = {
		.id = "device-coherent-absent",
		.when = "the HMM test driver's device-coherent memory on a kernel before v6.0, or without CONFIG_DEVICE_PRIVATE or CONFIG_TEST_HMM (Debian's kernels)",
		.verdict = "no /dev/hmm_dmirror2 (-ENOENT): no device-coherent memory to pin",
		.cite = "lib/test_hmm.c hmm_dmirror_init() spm_addr_dev0/1 (v6.0+)",
		.source = "lib/test_hmm.c hmm_dmirror_init(): devices 2 and 3 (HMM_DMIRROR_MEMORY_DEVICE_COHERENT) exist only when spm_addr_dev0 and spm_addr_dev1 are set, params added in v6.0 (\"lib: add support for device coherent type in test_hmm\"); lib/Kconfig.debug TEST_HMM depends on DEVICE_PRIVATE",
	},
	[AVAIL_SECRETMEM_DEFAULT] = {
		.id = "secretmem-enabled-by-default",
		.when = "memfd_secret(2) on a kernel whose secretmem.enable parameter does not show in sysfs: its default decides",
		.verdict = "enabled (before: disabled, secretmem-absent)",
		.cite = "mm/secretmem.c secretmem_enable = 1",
		.source = "mm/secretmem.c: \"static bool secretmem_enable __ro_after_init = 1;\" (\"mm/secretmem: make it on by default\"; 0 before)",
		.since = GLT_KV(6, 5),
	},
};

/*
 * Whether memfd_secret() works: the syscall (v5.14+), CONFIG_SECRETMEM and
 * the secretmem.enable parameter, read from sysfs where it shows; where it
 * does not, its default (secretmem-enabled-by-default).
 */
static bool secretmem_usable(const struct glt_kernel_facts *kf)
{
	if (!glt_rule_applies(&glt_pin_rules[RULE_SECRETMEM], kf->version) ||
	    kf->secretmem == GLT_CONFIG_N)
		return false;
	if (kf->secretmem_enable != GLT_CONFIG_UNKNOWN)
		return kf->secretmem_enable == GLT_CONFIG_Y;
	return glt_rule_applies(&availability_rules[AVAIL_SECRETMEM_DEFAULT],
				kf->version);
}

bool glt_kind_uses_fsdax(enum glt_kind kind)
{
	return glt_kind_need(kind) == GLT_NEED_FSDAX_MOUNT;
}

struct glt_availability glt_oracle_available(const struct glt_kernel_facts *kf,
					     enum glt_kind kind)
{
	struct glt_availability a = { 0 };

	switch (glt_kind_need(kind)) {
	case GLT_NEED_FSDAX_MOUNT:
		if (kf->fs_dax != GLT_CONFIG_N)
			break;
		a.error = EINVAL;
		a.step = "mount -o dax";
		a.rule =
			&availability_rules[glt_kind_fixture(kind) ==
							    GLT_FIXTURE_FSDAX_XFS ?
						    AVAIL_FSDAX_XFS :
						    AVAIL_FSDAX_EXT4];
		break;
	case GLT_NEED_DEVDAX_MMAP:
		if (kf->fs_dax != GLT_CONFIG_N)
			break;
		a.error = EINVAL;
		a.step = "mmap";
		a.rule = &availability_rules[AVAIL_DEVDAX];
		break;
	case GLT_NEED_HMM_PRIVATE:
		if (kf->device_private != GLT_CONFIG_N &&
		    kf->test_hmm != GLT_CONFIG_N)
			break;
		a.error = ENOENT;
		a.step = "open /dev/hmm_dmirror0";
		a.rule = &availability_rules[AVAIL_HMM];
		break;
	case GLT_NEED_HMM_COHERENT:
		if (kf->device_private != GLT_CONFIG_N &&
		    kf->test_hmm != GLT_CONFIG_N &&
		    glt_rule_applies(&outcome_rules[OUT_DEVICE_COHERENT_MIGRATES],
				     kf->version))
			break;
		a.error = ENOENT;
		a.step = "open /dev/hmm_dmirror2";
		a.rule = &availability_rules[AVAIL_HMM_COHERENT];
		break;
	case GLT_NEED_MEMFD_SECRET:
		if (secretmem_usable(kf))
			break;
		a.error = ENOSYS;
		a.step = "memfd_secret";
		a.rule = &availability_rules[AVAIL_SECRETMEM];
		break;
	case GLT_NEED_NOTHING:
		break;
	}
	return a;
}

enum {
	URING_REGISTERED,
	URING_GUP_ERROR,
	URING_PARTIAL,
	URING_FILE_BACKED,
	URING_PINS_FAST,
};

static const struct glt_rule io_uring_rules[] = {
	[URING_REGISTERED] = {
		.id = "io-uring-registered",
		.when = "IORING_REGISTER_BUFFERS of memory every rule below allows",
		.verdict = "registered",
		.cite = "io_uring/rsrc.c io_sqe_buffer_register()",
		.source = "io_uring/rsrc.c io_sqe_buffer_register() -> io_pin_pages(): FOLL_WRITE | FOLL_LONGTERM",
	},
	[URING_GUP_ERROR] = {
		.id = "io-uring-gup-error",
		.when = "the long-term write pin fails in GUP (fsdax, a page-cache write on v6.5+, PFNMAP, ...)",
		.verdict = "GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "io_uring/rsrc.c io_pin_pages() returns GUP's errno",
		.source = "io_pin_pages(): pin_user_pages() (io_uring/rsrc.c, v6.1) / pin_user_pages_fast() (io_uring/memmap.c, v6.10+) with FOLL_WRITE | FOLL_LONGTERM",
	},
	[URING_PARTIAL] = {
		.id = "io-uring-partial",
		.when = "GUP pins only part of the buffer (a later VMA refused)",
		.verdict = "-EFAULT",
		.cite = "io_uring io_pin_pages(): partial pin -> -EFAULT",
		.source = "io_pin_pages(): \"ret = pret < 0 ? pret : -EFAULT\" (v6.1) / \"partial map ... ret = -EFAULT\" (io_uring/memmap.c, v6.10+)",
	},
	[URING_FILE_BACKED] = {
		.id = "io-uring-file-backed",
		.when = "a buffer in a file-backed VMA other than shmem or hugetlbfs (page cache, device-DAX, private file mappings), v6.1",
		.verdict = "-EOPNOTSUPP (\"don't support file backed memory\")",
		.cite = "io_uring/rsrc.c io_pin_pages() vm_file check (before v6.5)",
		.source = "io_uring/rsrc.c io_pin_pages(): !vma_is_shmem() && !is_file_hugepages() -> -EOPNOTSUPP; removed in v6.5 when GUP itself refused dirty-tracked file pins (\"io_uring: rsrc: delegate VMA file-backed check to GUP\")",
		.until = GLT_KV(6, 5),
	},
	[URING_PINS_FAST] = {
		.id = "io-uring-pins-fast",
		.when = "the GUP call of io_pin_pages(), which the rules above judge",
		.verdict = "pin_user_pages_fast(FOLL_WRITE | FOLL_LONGTERM) (before: pin_user_pages(), the slow path)",
		.cite = "io_uring/memmap.c io_pin_pages() pin_user_pages_fast()",
		.source = "io_uring/memmap.c io_pin_pages(): pin_user_pages_fast(uaddr, nr_pages, FOLL_WRITE | FOLL_LONGTERM, pages); io_uring/rsrc.c io_pin_pages() called pin_user_pages() under mmap_read_lock() before",
		.since = GLT_KV(6, 10),
	},
};

struct glt_expect glt_oracle_io_uring(const struct glt_kernel_facts *kf,
				      const struct glt_mem_facts *seg,
				      unsigned int nseg)
{
	struct glt_case c;
	struct glt_expect e, g;

	/* GUP first: what pin_user_pages*(FOLL_WRITE | FOLL_LONGTERM) does. */
	glt_case_init(&c, GLT_KIND_ANON,
		      glt_rule_applies(&io_uring_rules[URING_PINS_FAST],
				       kf->version) ?
			      GLT_API_PIN_LONGTERM_FAST :
			      GLT_API_PIN_LONGTERM,
		      GLT_ACCESS_WRITE, GLT_SPAN_MANY);
	g = glt_oracle_pin(kf, &c, seg, nseg);
	e = g;
	if (g.error) {
		e.rule = &io_uring_rules[URING_GUP_ERROR];
		return e;
	}
	{
		unsigned long total = 0;

		for (unsigned int i = 0; i < nseg; i++)
			total += seg[i].nr_pages;
		if (g.nr_pinned < total) {
			e.error = EFAULT;
			e.rule = &io_uring_rules[URING_PARTIAL];
			return e;
		}
	}
	if (glt_rule_applies(&io_uring_rules[URING_FILE_BACKED], kf->version))
		for (unsigned int i = 0; i < nseg; i++)
			if (seg[i].backing != GLT_BACKING_ANON &&
			    seg[i].backing != GLT_BACKING_THP &&
			    seg[i].backing != GLT_BACKING_SHMEM &&
			    seg[i].backing != GLT_BACKING_HUGETLB) {
				e.error = EOPNOTSUPP;
				e.rule = &io_uring_rules[URING_FILE_BACKED];
				return e;
			}
	e.rule = &io_uring_rules[URING_REGISTERED];
	return e;
}

/*
 * What pin_user_pages_fast(FOLL_WRITE | FOLL_LONGTERM) does with the range:
 * the GUP call of V4L2's get_vaddr_frames() and RDMA's ib_umem_get().
 */
static struct glt_expect fast_longterm_write(const struct glt_kernel_facts *kf,
					     const struct glt_mem_facts *seg,
					     unsigned int nseg)
{
	struct glt_case c;

	glt_case_init(&c, GLT_KIND_ANON, GLT_API_PIN_LONGTERM_FAST,
		      GLT_ACCESS_WRITE, GLT_SPAN_MANY);
	return glt_oracle_pin(kf, &c, seg, nseg);
}

static unsigned long total_pages(const struct glt_mem_facts *seg,
				 unsigned int nseg)
{
	unsigned long total = 0;

	for (unsigned int i = 0; i < nseg; i++)
		total += seg[i].nr_pages;
	return total;
}

enum {
	FV_PINNED,
	FV_GUP_ERROR,
	FV_TRANSIENT,
	FV_FSDAX_FIRST_VMA,
};

static const struct glt_rule frame_vector_rules[];

/*
 * What get_vaddr_frames() pins of the range, for V4L2 USERPTR and the
 * direct calls: on v5.11+ a long-term write pin (GUP-fast); on v5.10 a
 * refusal if the first VMA is fsdax, else a transient FOLL_FORCE |
 * FOLL_WRITE pin through the slow path. *fv_rule: the frame-vector rule
 * that shapes it (v5.10's first-VMA refusal, or its transient pin when it
 * succeeds), or NULL when GUP alone decides.
 */
static struct glt_expect frame_vector_pin(const struct glt_kernel_facts *kf,
					  const struct glt_mem_facts *seg,
					  unsigned int nseg,
					  const struct glt_rule **fv_rule)
{
	struct glt_expect e = { 0 };
	struct glt_case c;

	*fv_rule = NULL;
	if (!glt_rule_applies(&frame_vector_rules[FV_TRANSIENT], kf->version))
		return fast_longterm_write(kf, seg, nseg);
	if (nseg && seg[0].fsdax) {
		e.error = EOPNOTSUPP;
		*fv_rule = &frame_vector_rules[FV_FSDAX_FIRST_VMA];
		return e;
	}
	glt_case_init(&c, GLT_KIND_ANON, GLT_API_PIN_TRANSIENT,
		      GLT_ACCESS_WRITE, GLT_SPAN_MANY);
	e = glt_oracle_pin(kf, &c, seg, nseg);
	if (!e.error)
		*fv_rule = &frame_vector_rules[FV_TRANSIENT];
	return e;
}

enum {
	V4L2_QUEUED,
	V4L2_GUP_ERROR,
	V4L2_PARTIAL,
};

static const struct glt_rule v4l2_rules[] = {
	[V4L2_QUEUED] = {
		.id = "v4l2-userptr-queued",
		.when = "VIDIOC_QBUF of a V4L2_MEMORY_USERPTR capture buffer (vivid, videobuf2-vmalloc) in memory the long-term write pin allows",
		.verdict = "queued",
		.cite = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames()",
		.source = "drivers/media/common/videobuf2/videobuf2-vmalloc.c vb2_vmalloc_get_userptr() -> videobuf2-memops.c vb2_create_framevec() -> frame_vector.c get_vaddr_frames(): pin_user_pages_fast(FOLL_FORCE | FOLL_WRITE | FOLL_LONGTERM) on v6.1; on v6.12 pin_user_pages_fast(FOLL_LONGTERM), with FOLL_WRITE for a capture buffer (get_vaddr_frames() grew its write argument in between)",
	},
	[V4L2_GUP_ERROR] = {
		.id = "v4l2-userptr-gup-error",
		.when = "the long-term write pin of the buffer's first page fails in GUP (fsdax, a page-cache write on v6.5+, PFNMAP)",
		.verdict = "VIDIOC_QBUF fails with GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "videobuf2-core.c __prepare_userptr(): PTR_ERR(get_userptr())",
		.source = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames() returns GUP's errno; videobuf2-core.c __prepare_userptr(): \"failed acquiring userspace memory\", ret = PTR_ERR(mem_priv), returned by VIDIOC_QBUF",
	},
	[V4L2_PARTIAL] = {
		.id = "v4l2-userptr-partial",
		.when = "GUP pins only the leading part of the buffer (a later VMA refused)",
		.verdict = "-EFAULT",
		.cite = "videobuf2-memops.c vb2_create_framevec(): only a complete set",
		.source = "drivers/media/common/videobuf2/videobuf2-memops.c vb2_create_framevec(): \"We accept only complete set of PFNs\": ret != nr -> put_vaddr_frames(), -EFAULT",
	},
};

struct glt_expect glt_oracle_v4l2_userptr(const struct glt_kernel_facts *kf,
					  const struct glt_mem_facts *seg,
					  unsigned int nseg)
{
	const struct glt_rule *fv_rule;
	struct glt_expect e = frame_vector_pin(kf, seg, nseg, &fv_rule);

	if (e.error)
		e.rule = fv_rule ? fv_rule : &v4l2_rules[V4L2_GUP_ERROR];
	else if (e.nr_pinned < total_pages(seg, nseg)) {
		e.error = EFAULT;
		e.rule = &v4l2_rules[V4L2_PARTIAL];
	} else {
		e.rule = &v4l2_rules[V4L2_QUEUED];
	}
	return e;
}

static const struct glt_rule frame_vector_rules[] = {
	[FV_PINNED] = {
		.id = "frame-vector-pinned",
		.when = "get_vaddr_frames(write) of memory the long-term write pin allows, up to the first VMA it refuses",
		.verdict = "the number of frames pinned: all, or those of the leading VMAs (a partial count, not an error)",
		.cite = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames()",
		.source = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames(): ret = pin_user_pages_fast(FOLL_FORCE | FOLL_WRITE | FOLL_LONGTERM) on v6.1, (FOLL_LONGTERM | FOLL_WRITE) on v6.12; \"if (likely(ret > 0)) return ret\"",
	},
	[FV_GUP_ERROR] = {
		.id = "frame-vector-gup-error",
		.when = "the long-term write pin of the first page fails in GUP",
		.verdict = "GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "frame_vector.c get_vaddr_frames(): \"return ret ? ret : -EFAULT\"",
		.source = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames(): a negative pin_user_pages_fast() result is returned as is, 0 pages as -EFAULT",
	},
	[FV_TRANSIENT] = {
		.id = "frame-vector-transient",
		.when = "get_vaddr_frames() on a kernel where it pins with the caller's flags, which videobuf2 gives as FOLL_FORCE | FOLL_WRITE: no FOLL_LONGTERM",
		.verdict = "what a transient write pin of the range gives: every VMA pinned, fsdax pages of a later VMA too (only the first VMA is checked for fsdax)",
		.cite = "mm/frame_vector.c get_vaddr_frames() pin_user_pages_locked(gup_flags)",
		.source = "v5.10 mm/frame_vector.c get_vaddr_frames(): \"ret = pin_user_pages_locked(start, nr_frames, gup_flags, ...)\"; videobuf2-memops.c vb2_create_framevec(): \"unsigned int flags = FOLL_FORCE | FOLL_WRITE\"",
		.note = "FOLL_LONGTERM from \"mm/frame-vector: Use FOLL_LONGTERM\" on",
		.until = GLT_KV(5, 11),
	},
	[FV_FSDAX_FIRST_VMA] = {
		.id = "frame-vector-fsdax-first-vma",
		.when = "get_vaddr_frames() whose first VMA is filesystem-DAX (private COW copies too), on a kernel that checks the VMA itself",
		.verdict = "-EOPNOTSUPP before any pin",
		.cite = "mm/frame_vector.c get_vaddr_frames() vma_is_fsdax()",
		.source = "v5.10 mm/frame_vector.c get_vaddr_frames(): vma = find_vma_intersection(mm, start, start + 1); \"if (vma_is_fsdax(vma)) { ret = -EOPNOTSUPP;\"",
		.until = GLT_KV(5, 11),
	},
};

struct glt_expect glt_oracle_frame_vector(const struct glt_kernel_facts *kf,
					  const struct glt_mem_facts *seg,
					  unsigned int nseg)
{
	const struct glt_rule *fv_rule;
	struct glt_expect e = frame_vector_pin(kf, seg, nseg, &fv_rule);

	if (fv_rule)
		e.rule = fv_rule;
	else
		e.rule =
			&frame_vector_rules[e.error ? FV_GUP_ERROR : FV_PINNED];
	return e;
}

enum {
	RDMA_REGISTERED,
	RDMA_GUP_ERROR,
	RDMA_REFUSED_LATER,
};

static const struct glt_rule rdma_rules[] = {
	[RDMA_REGISTERED] = {
		.id = "rdma-reg-mr-registered",
		.when = "ibv_reg_mr(IBV_ACCESS_LOCAL_WRITE) of memory the long-term write pin allows",
		.verdict = "registered",
		.cite = "drivers/infiniband/core/umem.c __ib_umem_get_va()",
		.source = "drivers/infiniband/core/umem.c __ib_umem_get_va() (rxe: rxe_mr.c -> ib_umem_get_va()): pin_user_pages_fast(FOLL_LONGTERM | FOLL_WRITE for a writable region), in chunks of PAGE_SIZE / sizeof(struct page *) pages",
		.older = {
			{ GLT_KV(7, 0), "drivers/infiniband/core/umem.c ib_umem_get()",
			  "drivers/infiniband/core/umem.c ib_umem_get(): pin_user_pages_fast(FOLL_LONGTERM | FOLL_WRITE), in chunks of PAGE_SIZE / sizeof(struct page *) pages (v5.10, v6.1: FOLL_WRITE always, FOLL_FORCE when not writable)" },
		},
	},
	[RDMA_GUP_ERROR] = {
		.id = "rdma-reg-mr-gup-error",
		.when = "the long-term write pin of the region's first page fails in GUP (fsdax, a page-cache write on v6.5+, PFNMAP)",
		.verdict = "ibv_reg_mr fails with GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "drivers/infiniband/core/umem.c ib_umem_get() / __ib_umem_get_va(): ret = pinned",
		.source = "drivers/infiniband/core/umem.c ib_umem_get(): \"if (pinned < 0) { ret = pinned; goto umem_release; }\", returned through the uverbs REG_MR command",
	},
	[RDMA_REFUSED_LATER] = {
		.id = "rdma-reg-mr-refused-later",
		.when = "GUP pins the leading VMAs of the region and refuses a later one",
		.verdict = "the later VMA's errno: ib_umem_get() pins on from where the short pin stopped",
		.cite = "drivers/infiniband/core/umem.c ib_umem_get() / __ib_umem_get_va() pin loop",
		.source = "drivers/infiniband/core/umem.c ib_umem_get(): cur_base += pinned * PAGE_SIZE, so the next pin_user_pages_fast() starts in the refused VMA and returns its error; umem_release unpins everything",
	},
};

struct glt_expect glt_oracle_rdma_reg_mr(const struct glt_kernel_facts *kf,
					 const struct glt_mem_facts *seg,
					 unsigned int nseg)
{
	struct glt_expect e = fast_longterm_write(kf, seg, nseg);
	unsigned long done = 0;
	unsigned int i = 0;

	if (e.error) {
		e.rule = &rdma_rules[RDMA_GUP_ERROR];
		return e;
	}
	if (e.nr_pinned == total_pages(seg, nseg)) {
		e.rule = &rdma_rules[RDMA_REGISTERED];
		return e;
	}
	/* GUP stops at a VMA boundary: pin on from the VMA it refused. */
	while (i < nseg && done + seg[i].nr_pages <= e.nr_pinned)
		done += seg[i++].nr_pages;
	e = fast_longterm_write(kf, seg + i, nseg - i);
	if (!e.error) /* cannot happen: GUP refused that VMA just before */
		e.error = EFAULT;
	e.rule = &rdma_rules[RDMA_REFUSED_LATER];
	return e;
}

enum {
	MIGRATE_LONGTERM,
	MIGRATE_TRANSIENT,
	MIGRATE_HUGETLB_WARNS,
	MIGRATE_CMA_ONLY,
};

static const struct glt_rule migration_rules[] = {
	[MIGRATE_LONGTERM] = {
		.id = "longterm-migrates-movable",
		.when = "a long-term pin (slow or fast) of pages in ZONE_MOVABLE",
		.verdict = "migrated first: the pin holds new pages outside ZONE_MOVABLE (other pfns, same data), and the mapping now points at them",
		.cite = "mm/gup.c check_and_migrate_movable_pages()",
		.source = "mm/gup.c __gup_longterm_locked() -> check_and_migrate_movable_pages(): folio_is_longterm_pinnable() (include/linux/mm.h) is false for ZONE_MOVABLE, so the pages are unpinned, migrated (MR_LONGTERM_PIN, allocated under memalloc_pin_save(): no __GFP_MOVABLE) and GUP retried; GUP-fast refuses such folios and falls back",
		.note = "\"mm/gup: migrate pinned pages out of movable zone\"",
		.since = GLT_KV(5, 13),
	},
	[MIGRATE_TRANSIENT] = {
		.id = "transient-pins-in-place",
		.when = "a transient pin of pages in ZONE_MOVABLE",
		.verdict = "pinned where they are: same pfns, still ZONE_MOVABLE",
		.cite = "mm/gup.c: only FOLL_LONGTERM calls check_and_migrate_movable_pages()",
		.source = "mm/gup.c __gup_longterm_locked(): without FOLL_LONGTERM it is a plain __get_user_pages_locked()",
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
	},
	[MIGRATE_CMA_ONLY] = {
		.id = "longterm-pins-movable-in-place",
		.when = "a long-term pin of pages in ZONE_MOVABLE, on a kernel that migrates only CMA pages before a long-term pin",
		.verdict = "pinned where they are: same pfns, still ZONE_MOVABLE, no WARN (hugetlb too)",
		.cite = "mm/gup.c check_and_migrate_cma_pages(): CMA only",
		.source = "v5.10 mm/gup.c __gup_longterm_locked() -> check_and_migrate_cma_pages(): only is_migrate_cma_page() pages move (a stub without CONFIG_CMA); try_grab_page() and follow_hugetlb_page() have no ZONE_MOVABLE test",
		.until = GLT_KV(5, 13),
	},
};

const struct glt_rule *glt_oracle_movable(const struct glt_kernel_facts *kf,
					  bool longterm, bool hugetlb,
					  bool *migrates, bool *kernel_bug)
{
	const struct glt_rule *cma_only = &migration_rules[MIGRATE_CMA_ONLY];

	*kernel_bug = longterm && hugetlb &&
		      glt_rule_applies(&migration_rules[MIGRATE_HUGETLB_WARNS],
				       kf->version);
	*migrates = longterm && !glt_rule_applies(cma_only, kf->version);
	if (*kernel_bug)
		return &migration_rules[MIGRATE_HUGETLB_WARNS];
	if (longterm && !*migrates)
		return cma_only;
	return &migration_rules[longterm ? MIGRATE_LONGTERM : MIGRATE_TRANSIENT];
}

enum {
	ACCT_GET,
	ACCT_PIN_SMALL,
	ACCT_PIN_LARGE,
	ACCT_PIN_ZERO,
	ACCT_PIN_ZERO_COUNTED,
	ACCT_FRESH_PAGE,
	ACCT_FRESH_DAX_PAGE,
	ACCT_COWED_AWAY,
	ACCT_COWED_AWAY_ZERO,
	ACCT_COWED_AWAY_FSDAX,
};

const struct glt_rule glt_accounting_rules[] = {
	[ACCT_GET] = {
		.id = "get-ref",
		.when = "FOLL_GET of any page",
		.verdict = "folio refcount +1 per page; pincount, maybe_dma_pinned and nr_foll_pin_* unchanged",
		.cite = "mm/gup.c try_grab_folio() FOLL_GET",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): FOLL_GET",
	},
	[ACCT_PIN_SMALL] = {
		.id = "pin-small-folio",
		.when = "FOLL_PIN of a page of a small (order-0) folio",
		.verdict = "folio refcount +1024 (GUP_PIN_COUNTING_BIAS) per page; maybe_dma_pinned; nr_foll_pin_acquired +1 per page, released +1 at unpin",
		.cite = "mm/gup.c try_grab_folio() GUP_PIN_COUNTING_BIAS",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(); include/linux/mm.h GUP_PIN_COUNTING_BIAS; Documentation/core-api/pin_user_pages.rst",
		.since = GLT_KV(5, 7),
	},
	[ACCT_PIN_LARGE] = {
		.id = "pin-large-folio",
		.when = "FOLL_PIN of a page of a large folio (THP, hugetlb, device-DAX with compound pages)",
		.verdict = "folio refcount +1 and folio pincount +1 per page; maybe_dma_pinned; nr_foll_pin_acquired +1 per page",
		.cite = "mm/gup.c try_grab_folio() large folio pincount",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): folio_test_large() -> folio pincount (folio_pincount_ptr() v6.1, folio->_pincount v6.3+)",
		.since = GLT_KV(5, 7),
	},
	[ACCT_PIN_ZERO] = {
		.id = "pin-zero-page",
		.when = "FOLL_PIN of the shared zero page",
		.verdict = "nothing changes: no reference, no pin, no vmstat",
		.cite = "mm/gup.c try_grab_folio() is_zero_folio()",
		.source = "mm/gup.c try_grab_folio() / try_grab_page(): is_zero_page() / is_zero_folio() is not pinned (\"mm: Don't pin ZERO_PAGE in pin_user_pages()\", v6.5, in Debian's 6.1.192 as a stable backport)",
		.note = "upstream from \"mm: Don't pin ZERO_PAGE in pin_user_pages()\" (v6.5), in Debian's 6.1 as a stable backport",
		.since = GLT_KV(6, 1),
	},
	[ACCT_PIN_ZERO_COUNTED] = {
		.id = "pin-zero-page-counted",
		.when = "FOLL_PIN of the shared zero page, on a kernel that pins it like any page",
		.verdict = "as a small folio: refcount +1024 per pin, maybe_dma_pinned, nr_foll_pin_acquired +1",
		.cite = "mm/gup.c try_grab_page() (no zero-page test)",
		.source = "v5.10 mm/gup.c try_grab_page(): \"refs = GUP_PIN_COUNTING_BIAS; page_ref_add(page, refs)\" for any order-0 page; follow_page_pte() returns the zero page (\"if (is_zero_pfn(pte_pfn(pte))) page = pte_page(pte)\")",
		.note = "before \"mm: Don't pin ZERO_PAGE in pin_user_pages()\" (v6.5, backported to 6.1.y)",
		.until = GLT_KV(6, 1),
	},
	[ACCT_FRESH_PAGE] = {
		.id = "fresh-anon-page",
		.when = "a page that a COW or unshare fault made for the pin",
		.verdict = "refcount 1 (its one mapping) before the pin's own delta",
		.cite = "mm/memory.c wp_page_copy()",
		.source = "mm/memory.c wp_page_copy(): a new folio, mapped once (the LRU batch reference is drained before reading)",
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
	},
	[ACCT_COWED_AWAY] = {
		.id = "cow-drops-mapping-ref",
		.when = "a file page that a COW or unshare fault unmapped from the range",
		.verdict = "refcount -1 (the mapping's reference)",
		.cite = "mm/memory.c wp_page_copy() folio_remove_rmap + folio_put",
		.source = "mm/memory.c wp_page_copy(): page_remove_rmap()/folio_remove_rmap_pte() and the old page's put",
	},
	[ACCT_COWED_AWAY_FSDAX] = {
		.id = "cow-fsdax-page-unreferenced",
		.when = "an fsdax page that a COW fault unmapped from a private mapping, on a kernel that maps fsdax pages without a page reference",
		.verdict = "refcount unchanged: the mapping held no reference",
		.cite = "fs/dax.c dax_insert_pfn() vmf_insert_mixed(): a devmap PTE, no page reference",
		.source = "fs/dax.c dax_fault_iter(): vmf_insert_mixed()/vmf_insert_mixed_mkwrite() insert a pfn_t_devmap() PTE (mm/memory.c insert_pfn()) and take no page reference, so do_wp_page() (vm_normal_page() NULL for a devmap PTE) -> wp_page_copy() drops none; from v6.15 (\"fs/dax: properly refcount fs dax pages\") vmf_insert_page_mkwrite() takes one and cow-drops-mapping-ref applies",
		.until = GLT_KV(6, 15),
	},
	[ACCT_COWED_AWAY_ZERO] = {
		.id = "cow-zero-page-untouched",
		.when = "the zero page, when a fault replaces its mapping: a COW or unshare fault, or a write that fills an fsdax hole",
		.verdict = "refcount unchanged (mapping the zero page takes no reference)",
		.cite = "mm/memory.c do_anonymous_page() special zero-page PTE",
		.source = "mm/memory.c do_anonymous_page(): pte_mkspecial(pfn_pte(my_zero_pfn())) maps the zero page without a reference; fs/dax.c dax_load_hole() maps it special too (vmf_insert_mixed() before v6.15, insert_page_into_pte_locked()'s is_zero_folio() branch since)",
	},
};
const unsigned int glt_accounting_rules_count = N(glt_accounting_rules);

enum {
	MEM_SMALL,
	MEM_THP,
	MEM_HUGETLB,
	MEM_EXT4_SMALL,
	MEM_EXT4_ANY,
	MEM_XFS_SMALL,
	MEM_XFS_ANY,
	MEM_FSDAX_SMALL,
	MEM_FSDAX_FOLIOS,
	MEM_DEVDAX_COMPOUND,
	MEM_DEVDAX_PAGES,
	MEM_ZONE_DEVICE,
	MEM_DEVICE_COHERENT,
	MEM_NOT_ZONE_DEVICE,
};

const struct glt_rule glt_memory_rules[] = {
	[MEM_SMALL] = {
		.id = "small-folios",
		.when = "anonymous memory and shmem mapped with MADV_NOHUGEPAGE, the zero page, COW copies",
		.verdict = "order-0 folios",
		.cite = "MADV_NOHUGEPAGE",
		.source = "mm/memory.c do_anonymous_page(); mm/shmem.c shmem_huge_global_enabled(): VM_NOHUGEPAGE",
	},
	[MEM_THP] = {
		.id = "thp-pmd",
		.when = "a 2 MiB-aligned anonymous range with MADV_HUGEPAGE, written",
		.verdict = "order-9 folios (PMD-mapped, AnonHugePages in smaps)",
		.cite = "mm/huge_memory.c do_huge_pmd_anonymous_page()",
		.source = "mm/huge_memory.c do_huge_pmd_anonymous_page(); HPAGE_PMD_ORDER = 9 on x86_64",
	},
	[MEM_HUGETLB] = {
		.id = "hugetlb-2m",
		.when = "hugetlbfs memory (MAP_HUGETLB, MFD_HUGETLB) of the default 2 MiB size",
		.verdict = "order-9 folios",
		.cite = "mm/hugetlb.c alloc_hugetlb_folio()",
		.source = "mm/hugetlb.c alloc_hugetlb_folio() (alloc_huge_page() before v6.3)",
	},
	[MEM_EXT4_SMALL] = {
		.id = "pagecache-ext4-small",
		.when = "page cache of an ext4 file",
		.verdict = "order-0 folios",
		.cite = "fs/ext4/inode.c (no large folios before v6.16)",
		.source = "fs/ext4/inode.c: no mapping_set_large_folios() before v6.16",
		.until = GLT_KV(6, 16),
	},
	[MEM_EXT4_ANY] = {
		.id = "pagecache-ext4-any",
		.when = "page cache of an ext4 file",
		.verdict = "any folio order (the accounting rule follows the order reported)",
		.cite = "fs/ext4/inode.c ext4_should_enable_large_folio()",
		.source = "fs/ext4/inode.c ext4_should_enable_large_folio()",
		.since = GLT_KV(6, 16),
	},
	[MEM_XFS_SMALL] = {
		.id = "pagecache-xfs-small",
		.when = "page cache of an xfs file, on a kernel whose xfs has no large folios",
		.verdict = "order-0 folios",
		.cite = "fs/xfs/xfs_icache.c (no mapping_set_large_folios() before v5.18)",
		.source = "fs/xfs/xfs_icache.c xfs_inode_alloc() / fs/xfs/xfs_iops.c xfs_setup_inode(): no mapping_set_large_folios() before v5.18 (\"xfs: Support large folios\")",
		.until = GLT_KV(5, 18),
	},
	[MEM_XFS_ANY] = {
		.id = "pagecache-xfs-any",
		.when = "page cache of an xfs file",
		.verdict = "any folio order (the accounting rule follows the order reported)",
		.cite = "fs/xfs/xfs_icache.c mapping_set_large_folios()",
		.source = "fs/xfs/xfs_icache.c xfs_inode_alloc()/xfs_setup_inode(): mapping_set_large_folios() (v5.18+)",
		.since = GLT_KV(5, 18),
	},
	[MEM_FSDAX_SMALL] = {
		.id = "fsdax-pages",
		.when = "pages of a filesystem-DAX file, PTE- or PMD-mapped",
		.verdict = "order-0 ZONE_DEVICE pages",
		.cite = "mm/memremap.c MEMORY_DEVICE_FS_DAX",
		.source = "drivers/nvdimm/pfn_devs.c / mm/memremap.c: MEMORY_DEVICE_FS_DAX pgmap without vmemmap_shift",
		.until = GLT_KV(6, 15),
	},
	[MEM_FSDAX_FOLIOS] = {
		.id = "fsdax-folios",
		.when = "pages of a filesystem-DAX file, on a kernel that makes fsdax folios of the mapping entry's size",
		.verdict = "order 9 where a PMD maps the file (the -pmd kinds), order 0 where PTEs do",
		.cite = "fs/dax.c dax_folio_init() dax_entry_order()",
		.source = "fs/dax.c dax_associate_entry() -> dax_folio_init(): the folio is prep_compound_page()d to dax_entry_order() of the DAX entry (PMD_ORDER for a PMD fault, 0 for a PTE fault), \"fs/dax: properly refcount fs dax pages\"",
		.since = GLT_KV(6, 15),
	},
	[MEM_DEVDAX_COMPOUND] = {
		.id = "devdax-compound",
		.when = "device-DAX with alignment > PAGE_SIZE",
		.verdict = "folio order log2(align / PAGE_SIZE) (compound devmap)",
		.cite = "drivers/dax/device.c dev_dax_probe() vmemmap_shift",
		.source = "drivers/dax/device.c dev_dax_probe(): pgmap->vmemmap_shift = order_base_2(align >> PAGE_SHIFT)",
		.since = GLT_KV(5, 17),
	},
	[MEM_DEVDAX_PAGES] = {
		.id = "devdax-pages",
		.when = "device-DAX with alignment == PAGE_SIZE, or before v5.17",
		.verdict = "order-0 folios",
		.cite = "drivers/dax/device.c dev_dax_probe()",
		.source = "drivers/dax/device.c dev_dax_probe()",
	},
	[MEM_ZONE_DEVICE] = {
		.id = "dax-zone-device",
		.when = "pages of fsdax files (not their COW copies) and of device-DAX",
		.verdict = "ZONE_DEVICE",
		.cite = "mm/memremap.c memremap_pages()",
		.source = "mm/memremap.c memremap_pages() -> move_pfn_range_to_zone(ZONE_DEVICE)",
	},
	[MEM_DEVICE_COHERENT] = {
		.id = "device-coherent-zone-device",
		.when = "pages of lib/test_hmm.c's device-coherent memory, pinned where they are",
		.verdict = "ZONE_DEVICE, anonymous, order 0",
		.cite = "mm/memremap.c memremap_pages(MEMORY_DEVICE_COHERENT)",
		.source = "lib/test_hmm.c dmirror_allocate_chunk(): memremap_pages() of MEMORY_DEVICE_COHERENT -> move_pfn_range_to_zone(ZONE_DEVICE); dmirror_migrate_alloc_and_copy() fills them one page at a time and mm/migrate_device.c migrate_vma_insert_page() maps them with an ordinary PTE and an anonymous rmap",
		.since = GLT_KV(6, 0),
	},
	[MEM_NOT_ZONE_DEVICE] = {
		.id = "ram-not-zone-device",
		.when = "anonymous memory, shmem, hugetlbfs, page cache, COW copies",
		.verdict = "not ZONE_DEVICE",
		.cite = "mm/page_alloc.c",
		.source = "mm/page_alloc.c: ordinary RAM allocations",
	},
};
const unsigned int glt_memory_rules_count = N(glt_memory_rules);

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
 * that decided it, the first of glt_pin_rules[] whose range holds the
 * kernel and whose condition holds.
 */
static int segment_verdict(const struct glt_kernel_facts *kf,
			   const struct glt_case *c,
			   const struct glt_mem_facts *m, int *rule)
{
	for (unsigned int i = 0; i < glt_pin_rules_count; i++) {
		const struct glt_rule *r = &glt_pin_rules[i];

		if (r->match && glt_rule_applies(r, kf->version) &&
		    r->match(kf, c, m)) {
			*rule = (int)i;
			return r->error;
		}
	}
	*rule = RULE_PINNED; /* unreachable: its match() always holds */
	return 0;
}

static enum glt_outcome_pages segment_outcome(const struct glt_kernel_facts *kf,
					      const struct glt_case *c,
					      const struct glt_mem_facts *m,
					      int *rule)
{
	bool cow_shared = m->pages == GLT_PAGES_ZERO ||
			  m->pages == GLT_PAGES_FILE_COW;

	if (m->pages == GLT_PAGES_DEVICE_PRIVATE) {
		*rule = OUT_DEVICE_PRIVATE;
		return GLT_OUT_NEW_ANON;
	}
	/*
	 * A long-term FOLL_PIN migrates device-coherent pages to RAM first; a
	 * transient pin holds them where they are (OUT_SAME below).
	 */
	if (m->pages == GLT_PAGES_DEVICE_COHERENT &&
	    glt_api_is_longterm(c->api) && !glt_api_is_get(c->api)) {
		*rule = OUT_DEVICE_COHERENT_MIGRATES;
		return GLT_OUT_NEW_ANON;
	}
	/* A shared mapping has no COW: a write fills the hole instead. */
	if (m->pages == GLT_PAGES_ZERO && m->shared &&
	    c->access == GLT_ACCESS_WRITE) {
		*rule = OUT_FILL_HOLE;
		return GLT_OUT_NEW_FILE;
	}

	if (cow_shared && c->access == GLT_ACCESS_WRITE) {
		*rule = OUT_WRITE_COW;
		return GLT_OUT_NEW_ANON;
	}
	if (cow_shared && m->cow_mapping && !glt_api_is_get(c->api) &&
	    glt_api_is_longterm(c->api) &&
	    glt_rule_applies(&outcome_rules[OUT_LONGTERM_UNSHARE],
			     kf->version)) {
		*rule = OUT_LONGTERM_UNSHARE;
		return GLT_OUT_NEW_ANON;
	}
	*rule = OUT_SAME;
	return GLT_OUT_SAME;
}

struct glt_expect glt_oracle_pin(const struct glt_kernel_facts *kf,
				 const struct glt_case *c,
				 const struct glt_mem_facts *seg,
				 unsigned int nseg)
{
	struct glt_expect e = { 0 };
	unsigned long pinned = 0;
	bool fsdax_pinned = false;
	int rule, out;

	for (unsigned int i = 0; i < nseg && i < GLT_MAX_SEGMENTS; i++) {
		int err = segment_verdict(kf, c, &seg[i], &rule);

		/* v5.10: the pinned VMAs are checked once the walk stops. */
		if (fsdax_pinned && err && rule != RULE_DRIVER_LONGTERM_GET) {
			e.error = EOPNOTSUPP;
			e.rule = &glt_pin_rules[RULE_FSDAX_LONGTERM_AFTER_PIN];
			return e;
		}
		if (err) {
			if (pinned && rule != RULE_DRIVER_LONGTERM_GET) {
				e.nr_pinned = pinned;
				e.rule = &glt_pin_rules[RULE_PARTIAL];
				return e;
			}
			e.error = err;
			e.rule = &glt_pin_rules[rule];
			return e;
		}
		e.outcome[i] = segment_outcome(kf, c, &seg[i], &out);
		e.outcome_rule[i] = &outcome_rules[out];
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

struct glt_accounting glt_oracle_accounting(const struct glt_kernel_facts *kf,
					    bool get, bool large_folio,
					    bool zero_page)
{
	struct glt_accounting a = { 0 };

	if (get) {
		a.ref_delta = 1;
		a.rule = &glt_accounting_rules[ACCT_GET];
	} else if (zero_page &&
		   glt_rule_applies(&glt_accounting_rules[ACCT_PIN_ZERO_COUNTED],
				    kf->version)) {
		a.ref_delta = GLT_PIN_COUNTING_BIAS;
		a.vmstat_pins = 1;
		a.dma_pinned = true;
		a.rule = &glt_accounting_rules[ACCT_PIN_ZERO_COUNTED];
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

long glt_oracle_fresh_page_refcount(enum glt_outcome_pages outcome,
				    const struct glt_rule **rule)
{
	/* 1 on every kernel of the matrix, for reasons the rule cites. */
	if (outcome == GLT_OUT_NEW_FILE) {
		*rule = &glt_accounting_rules[ACCT_FRESH_DAX_PAGE];
		return 1;
	}
	*rule = &glt_accounting_rules[ACCT_FRESH_PAGE];
	return 1;
}

long glt_oracle_cowed_away_delta(const struct glt_kernel_facts *kf,
				 const struct glt_mem_facts *seg,
				 const struct glt_rule **rule)
{
	if (seg->pages == GLT_PAGES_ZERO) {
		*rule = &glt_accounting_rules[ACCT_COWED_AWAY_ZERO];
		return 0;
	}
	if (seg->backing == GLT_BACKING_FSDAX &&
	    glt_rule_applies(&glt_accounting_rules[ACCT_COWED_AWAY_FSDAX],
			     kf->version)) {
		*rule = &glt_accounting_rules[ACCT_COWED_AWAY_FSDAX];
		return 0;
	}
	*rule = &glt_accounting_rules[ACCT_COWED_AWAY];
	return -1;
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
	if (seg->pages == GLT_PAGES_DEVICE_COHERENT &&
	    outcome == GLT_OUT_SAME) {
		*rule = &glt_memory_rules[MEM_DEVICE_COHERENT];
		return 0;
	}
	if (outcome == GLT_OUT_NEW_ANON || seg->pages == GLT_PAGES_ANON ||
	    (seg->pages == GLT_PAGES_ZERO && outcome != GLT_OUT_NEW_FILE)) {
		if (seg->backing == GLT_BACKING_THP) {
			*rule = &glt_memory_rules[MEM_THP];
			return 9;
		}
		if (seg->backing == GLT_BACKING_HUGETLB) {
			*rule = &glt_memory_rules[MEM_HUGETLB];
			return 9;
		}
		*rule = &glt_memory_rules[MEM_SMALL];
		return 0;
	}
	switch (seg->backing) {
	case GLT_BACKING_SHMEM:
		*rule = &glt_memory_rules[MEM_SMALL];
		return 0;
	case GLT_BACKING_HUGETLB:
		*rule = &glt_memory_rules[MEM_HUGETLB];
		return 9;
	case GLT_BACKING_EXT4:
		if (glt_rule_applies(&glt_memory_rules[MEM_EXT4_ANY],
				     kf->version)) {
			*rule = &glt_memory_rules[MEM_EXT4_ANY];
			return -1;
		}
		*rule = &glt_memory_rules[MEM_EXT4_SMALL];
		return 0;
	case GLT_BACKING_XFS:
		if (glt_rule_applies(&glt_memory_rules[MEM_XFS_SMALL],
				     kf->version)) {
			*rule = &glt_memory_rules[MEM_XFS_SMALL];
			return 0;
		}
		*rule = &glt_memory_rules[MEM_XFS_ANY];
		return -1;
	case GLT_BACKING_FSDAX:
		if (glt_rule_applies(&glt_memory_rules[MEM_FSDAX_FOLIOS],
				     kf->version)) {
			*rule = &glt_memory_rules[MEM_FSDAX_FOLIOS];
			return seg->pmd_mapped ? 9 : 0;
		}
		*rule = &glt_memory_rules[MEM_FSDAX_SMALL];
		return 0;
	case GLT_BACKING_DEVDAX:
		if (seg->devdax_align > 4096 &&
		    glt_rule_applies(&glt_memory_rules[MEM_DEVDAX_COMPOUND],
				     kf->version)) {
			*rule = &glt_memory_rules[MEM_DEVDAX_COMPOUND];
			return order_of(seg->devdax_align / 4096);
		}
		*rule = &glt_memory_rules[MEM_DEVDAX_PAGES];
		return 0;
	default:
		*rule = &glt_memory_rules[MEM_SMALL];
		return 0;
	}
}

int glt_oracle_zone_device(const struct glt_mem_facts *seg,
			   enum glt_outcome_pages outcome,
			   const struct glt_rule **rule)
{
	if (outcome == GLT_OUT_NEW_FILE && seg->backing == GLT_BACKING_FSDAX) {
		*rule = &glt_memory_rules[MEM_ZONE_DEVICE];
		return 1;
	}
	/* A private DAX mapping maps the pmem pages read-only too. */
	if (outcome == GLT_OUT_SAME &&
	    (seg->pages == GLT_PAGES_FILE ||
	     seg->pages == GLT_PAGES_FILE_COW) &&
	    (seg->backing == GLT_BACKING_FSDAX ||
	     seg->backing == GLT_BACKING_DEVDAX)) {
		*rule = &glt_memory_rules[MEM_ZONE_DEVICE];
		return 1;
	}
	if (outcome == GLT_OUT_SAME &&
	    seg->pages == GLT_PAGES_DEVICE_COHERENT) {
		*rule = &glt_memory_rules[MEM_DEVICE_COHERENT];
		return 1;
	}
	*rule = &glt_memory_rules[MEM_NOT_ZONE_DEVICE];
	return 0;
}

const char *glt_rule_cite(const struct glt_rule *rule, unsigned int v)
{
	for (unsigned int i = 0; i < GLT_RULE_MAX_OLDER && rule->older[i].until;
	     i++)
		if (v < rule->older[i].until)
			return rule->older[i].cite;
	return rule->cite;
}

bool glt_rule_applies(const struct glt_rule *rule, unsigned int v)
{
	return (!rule->since || v >= rule->since) &&
	       (!rule->until || v < rule->until);
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

static void print_kv(FILE *out, unsigned int v)
{
	fprintf(out, "v%u.%u", v >> 8, v & 0xff);
}

/* A range of versions: "all", "v6.5+", "before v6.15", "v5.13-v6.12 (excl.)". */
static void range_text(char *buf, size_t len, unsigned int since,
		       unsigned int until)
{
	if (since && until)
		snprintf(buf, len, "v%u.%u-v%u.%u (excl.)", since >> 8,
			 since & 0xff, until >> 8, until & 0xff);
	else if (since)
		snprintf(buf, len, "v%u.%u+", since >> 8, since & 0xff);
	else if (until)
		snprintf(buf, len, "before v%u.%u", until >> 8, until & 0xff);
	else
		snprintf(buf, len, "all");
}

const char *glt_rule_kernels(const struct glt_rule *rule, char *buf, size_t len)
{
	size_t n;

	range_text(buf, len, rule->since, rule->until);
	n = strlen(buf);
	if (rule->note && n < len)
		snprintf(buf + n, len - n, "; %s", rule->note);
	return buf;
}

/* Each version range's code: "before v6.17: ...; v6.17+: ...". */
static void sources_cell(FILE *out, const struct glt_rule *r)
{
	unsigned int from = 0, i;

	if (!r->older[0].until) {
		cell(out, r->source);
		return;
	}
	fputs(" ", out);
	for (i = 0; i < GLT_RULE_MAX_OLDER && r->older[i].until; i++) {
		if (from) {
			print_kv(out, from);
			fputs("-", out);
		} else {
			fputs("before ", out);
		}
		print_kv(out, r->older[i].until);
		fputs(from ? " (excl.): " : ": ", out);
		for (const char *t = r->older[i].source; *t; t++) {
			if (*t == '|')
				fputc('\\', out);
			fputc(*t, out);
		}
		fputs("; ", out);
		from = r->older[i].until;
	}
	print_kv(out, from);
	fputs("+: ", out);
	for (const char *t = r->source; *t; t++) {
		if (*t == '|')
			fputc('\\', out);
		fputc(*t, out);
	}
	fputs(" |", out);
}

static void print_table(FILE *out, const char *title,
			const struct glt_rule *rules, unsigned int n)
{
	char kernels[512];

	fprintf(out, "### %s\n\n", title);
	fprintf(out, "| rule | when | verdict | decided by | kernels |\n");
	fprintf(out, "| --- | --- | --- | --- | --- |\n");
	for (unsigned int i = 0; i < n; i++) {
		fprintf(out, "| `%s` |", rules[i].id);
		cell(out, rules[i].when);
		cell(out, rules[i].verdict);
		sources_cell(out, &rules[i]);
		cell(out,
		     glt_rule_kernels(&rules[i], kernels, sizeof(kernels)));
		fputc('\n', out);
	}
	fprintf(out, "\n");
}

const struct glt_rule_table glt_rule_tables[] = {
	{ "Pin verdicts (first match wins)", glt_pin_rules, N(glt_pin_rules) },
	{ "Which pages a successful pin holds", outcome_rules,
	  N(outcome_rules) },
	{ "Memory a kernel cannot make", availability_rules,
	  N(availability_rules) },
	{ "Consumer: io_uring fixed buffers", io_uring_rules,
	  N(io_uring_rules) },
	{ "Consumer: V4L2 USERPTR buffers (get_vaddr_frames())", v4l2_rules,
	  N(v4l2_rules) },
	{ "Consumer: get_vaddr_frames() called directly", frame_vector_rules,
	  N(frame_vector_rules) },
	{ "Consumer: RDMA memory registration (ib_umem_get())", rdma_rules,
	  N(rdma_rules) },
	{ "Pins of movable memory", migration_rules, N(migration_rules) },
	{ "Accounting per pinned page", glt_accounting_rules,
	  N(glt_accounting_rules) },
	{ "What the memory must be", glt_memory_rules, N(glt_memory_rules) },
};
const unsigned int glt_rule_tables_count = N(glt_rule_tables);

void glt_rules_print_markdown(FILE *out)
{
	for (unsigned int t = 0; t < glt_rule_tables_count; t++)
		print_table(out, glt_rule_tables[t].title,
			    glt_rule_tables[t].rules, glt_rule_tables[t].count);
}

bool glt_oracle_measured(const struct glt_kernel_facts *kf,
			 unsigned int *nearest, char *list, size_t len)
{
	static const unsigned int measured[] = { GLT_MEASURED_KERNELS };
	unsigned int best = 0;
	size_t used = 0;
	bool found = false;

	if (list && len)
		list[0] = '\0';
	for (unsigned int i = 0; measured[i]; i++) {
		unsigned int v = measured[i];

		if (v == kf->version)
			found = true;
		if (!best || abs((int)v - (int)kf->version) <
				     abs((int)best - (int)kf->version))
			best = v;
		if (list && used < len)
			used += (size_t)snprintf(list + used, len - used,
						 "%s%u.%u", i ? " " : "",
						 v >> 8, v & 0xff);
	}
	*nearest = found ? kf->version : best;
	return found;
}
