// SPDX-License-Identifier: GPL-2.0
/*
 * The oracle's availability: memory that a kernel cannot make at all
 * (glt_availability_rules[]), where a case proves the absence instead of
 * pinning.
 */
#include <errno.h>

#include "oracle_rules.h"

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
	return glt_rule_applies(&glt_availability_rules[AVAIL_SECRETMEM_DEFAULT],
				kf->version);
}

/* Whether the HMM test driver exists: CONFIG_DEVICE_PRIVATE, CONFIG_TEST_HMM. */
static bool test_hmm_built(const struct glt_kernel_facts *kf)
{
	return kf->device_private != GLT_CONFIG_N &&
	       kf->test_hmm != GLT_CONFIG_N;
}

/* The conditions of the availability rules: the kind's need, the kernel. */
static bool match_nodax_ext4(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_FSDAX_MOUNT &&
	       glt_kind_fixture(q->kind) != GLT_FIXTURE_FSDAX_XFS &&
	       q->kf->fs_dax == GLT_CONFIG_N;
}

static bool match_nodax_xfs(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_FSDAX_MOUNT &&
	       glt_kind_fixture(q->kind) == GLT_FIXTURE_FSDAX_XFS &&
	       q->kf->fs_dax == GLT_CONFIG_N;
}

static bool match_no_zone_device_devdax(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_DEVDAX_MMAP &&
	       q->kf->zone_device == GLT_CONFIG_N;
}

static bool match_nodax_devdax(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_DEVDAX_MMAP &&
	       q->kf->fs_dax == GLT_CONFIG_N;
}

static bool match_no_secretmem(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_MEMFD_SECRET &&
	       !secretmem_usable(q->kf);
}

static bool match_no_device_private(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_HMM_PRIVATE &&
	       !test_hmm_built(q->kf);
}

/* Device-coherent memory begins with its migration (v6.0). */
static bool match_no_device_coherent(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_HMM_COHERENT &&
	       !(test_hmm_built(q->kf) &&
		 glt_rule_applies(&glt_outcome_rules
					  [OUT_DEVICE_COHERENT_MIGRATES],
				  q->kf->version));
}

/* Swapped-out memory: MADV_PAGEOUT (v5.4+) and swap (CONFIG_SWAP). */
static bool match_no_pageout(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_SWAP;
}

static bool match_no_swap(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_SWAP &&
	       q->kf->swap == GLT_CONFIG_N;
}

/* The mTHP sizes' sysfs (v6.8+). */
static bool match_no_mthp(const struct glt_query *q)
{
	return glt_kind_need(q->kind) == GLT_NEED_MTHP;
}

/*
 * Memory that a kernel without CONFIG_FS_DAX (or without CONFIG_ZONE_DEVICE,
 * which FS_DAX and device-DAX of pmem depend on) cannot make, and
 * memfd_secret() memory where the kernel has no secretmem.
 */
const struct glt_rule glt_availability_rules[] = {
	[AVAIL_FSDAX_EXT4] = {
		.id = "nodax-ext4-mount",
		.when = "mount -t ext4 -o dax on a kernel with CONFIG_FS_DAX=n",
		.verdict = "-EINVAL (\"dax option not supported\"): no fsdax memory exists",
		.cite = "fs/ext4/super.c \"dax option not supported\"",
		.source = "fs/ext4/super.c ext4_parse_param() (v5.19+; handle_mount_opt() before): #else branch of CONFIG_FS_DAX",

		.match = match_nodax_ext4,
		.error = EINVAL,
		.step = "mount -o dax",
	},
	[AVAIL_FSDAX_XFS] = {
		.id = "nodax-xfs-mount",
		.when = "mount -t xfs -o dax=always on a kernel with CONFIG_FS_DAX=n",
		.verdict = "-EINVAL (\"unknown mount option\"): no fsdax memory exists",
		.cite = "fs/xfs/xfs_super.c xfs_fs_parse_param() Opt_dax under CONFIG_FS_DAX",
		.source = "fs/xfs/xfs_super.c xfs_fs_parse_param(): Opt_dax/Opt_dax_enum only #ifdef CONFIG_FS_DAX, else \"unknown mount option\"",

		.match = match_nodax_xfs,
		.error = EINVAL,
		.step = "mount -o dax",
	},
	[AVAIL_DEVDAX_NO_ZONE_DEVICE] = {
		.id = "devdax-no-zone-device",
		.when = "device-DAX of pmem on a kernel without CONFIG_ZONE_DEVICE (Debian's arm64 6.1): no device-DAX namespace can be made at all, so there is no /dev/daxX.Y to map (x86's FS_DAX=n kernels have the node: nodax-devdax-mmap)",
		.verdict = "-ENODEV: the pmem region's dax_seed names no device",
		.cite = "drivers/nvdimm/nd.h nd_dax_create() without CONFIG_NVDIMM_DAX",
		.source = "mm/Kconfig ZONE_DEVICE (a choice, default n); drivers/nvdimm/Kconfig: NVDIMM_PFN \"depends on ZONE_DEVICE\", NVDIMM_DAX \"depends on NVDIMM_PFN\"; drivers/dax/Kconfig: DEV_DAX_PMEM \"depends on NVDIMM_DAX\"; drivers/nvdimm/nd.h: without CONFIG_NVDIMM_DAX nd_dax_create() returns NULL, so drivers/nvdimm/region_devs.c dax_seed_show() prints an empty line and ndctl has no seed to make a devdax namespace of",
		.note = "a config choice (mm/Kconfig ZONE_DEVICE, default n), not an architecture's",

		.match = match_no_zone_device_devdax,
		.error = ENODEV,
		.step = "read the pmem region's dax_seed",
		.value = GLT_ATTEMPT_DAX_SEED,
	},
	[AVAIL_DEVDAX] = {
		.id = "nodax-devdax-mmap",
		.when = "mmap() of /dev/daxX.Y on a kernel with CONFIG_FS_DAX=n (the device exists: DEV_DAX does not depend on FS_DAX)",
		.verdict = "-EINVAL (\"vma is not DAX capable\")",
		.cite = "drivers/dax/device.c check_vma() vma_is_dax()",
		.source = "drivers/dax/device.c check_vma(): !vma_is_dax(vma) because IS_DAX() is 0 without CONFIG_FS_DAX (include/linux/fs.h)",

		.match = match_nodax_devdax,
		.error = EINVAL,
		.step = "mmap",
	},
	[AVAIL_SECRETMEM] = {
		.id = "secretmem-absent",
		.when = "memfd_secret(2) on a kernel before v5.14, with CONFIG_SECRETMEM=n, or with secretmem disabled (secretmem.enable=0: the default before v6.5, e.g. v6.1)",
		.verdict = "-ENOSYS: no secretmem memory exists",
		.cite = "mm/secretmem.c memfd_secret: !secretmem_enable -> -ENOSYS",
		.source = "mm/secretmem.c SYSCALL_DEFINE1(memfd_secret): \"if (!secretmem_enable || !can_set_direct_map()) return -ENOSYS;\" (secretmem_enable is 0 by default in v6.1, 1 in v6.12 and v7.3, \"mm/secretmem: make it on by default\", v6.5); kernel/sys_ni.c COND_SYSCALL(memfd_secret) without CONFIG_SECRETMEM; no syscall 447 before v5.14",

		.match = match_no_secretmem,
		.error = ENOSYS,
		.step = "memfd_secret",
	},
	[AVAIL_HMM] = {
		.id = "device-private-absent",
		.when = "the HMM test driver's device-private memory on a kernel without CONFIG_DEVICE_PRIVATE or CONFIG_TEST_HMM (Debian's kernels)",
		.verdict = "no /dev/hmm_dmirror0 (-ENOENT): no device-private memory to pin",
		.cite = "lib/Kconfig.debug TEST_HMM depends on DEVICE_PRIVATE",
		.source = "lib/Kconfig.debug: config TEST_HMM \"depends on TRANSPARENT_HUGEPAGE\", \"depends on DEVICE_PRIVATE\" (lib/test_hmm.c hmm_dmirror_init() makes /dev/hmm_dmirror0..3); without it nothing in the kernel makes device-private pages that userspace can reach",

		.match = match_no_device_private,
		.error = ENOENT,
		.step = "open /dev/hmm_dmirror0",
	},
	[AVAIL_HMM_COHERENT] = {
		.id = "device-coherent-absent",
		.when = "the HMM test driver's device-coherent memory on a kernel before v6.0, or without CONFIG_DEVICE_PRIVATE or CONFIG_TEST_HMM (Debian's kernels)",
		.verdict = "no /dev/hmm_dmirror2 (-ENOENT): no device-coherent memory to pin",
		.cite = "lib/test_hmm.c hmm_dmirror_init() spm_addr_dev0/1 (v6.0+)",
		.source = "lib/test_hmm.c hmm_dmirror_init(): devices 2 and 3 (HMM_DMIRROR_MEMORY_DEVICE_COHERENT) exist only when spm_addr_dev0 and spm_addr_dev1 are set, params added in v6.0 (\"lib: add support for device coherent type in test_hmm\"); lib/Kconfig.debug TEST_HMM depends on DEVICE_PRIVATE",

		.match = match_no_device_coherent,
		.error = ENOENT,
		.step = "open /dev/hmm_dmirror2",
	},
	[AVAIL_NO_PAGEOUT] = {
		.id = "pageout-absent",
		.when = "swapped-out memory on a kernel before v5.4, which has no MADV_PAGEOUT to swap a range out with",
		.verdict = "-EINVAL: no way to swap a given range out",
		.cite = "mm/madvise.c madvise_behavior_valid(): no MADV_PAGEOUT",
		.source = "mm/madvise.c madvise_behavior_valid(): MADV_PAGEOUT (21, include/uapi/asm-generic/mman-common.h) is a valid advice since \"mm: introduce MADV_PAGEOUT\"; an unknown advice is -EINVAL",
		.until = GLT_KV(5, 4),

		.match = match_no_pageout,
		.error = EINVAL,
		.step = "madvise(MADV_PAGEOUT)",
	},
	[AVAIL_NO_SWAP] = {
		.id = "swap-absent",
		.when = "swapped-out memory on a kernel without CONFIG_SWAP (MADV_PAGEOUT there succeeds and swaps nothing out)",
		.verdict = "swapon(2) is -ENOSYS: no swap exists",
		.cite = "kernel/sys_ni.c COND_SYSCALL(swapon)",
		.source = "mm/swapfile.c (SYSCALL_DEFINE2(swapon)) is built only with CONFIG_SWAP (mm/Makefile); without it kernel/sys_ni.c COND_SYSCALL(swapon) is sys_ni_syscall(): -ENOSYS. The attempt is madvise(MADV_PAGEOUT), then swapon(\"\", 0)",

		.match = match_no_swap,
		.error = ENOSYS,
		.step = "swapon",
	},
	[AVAIL_NO_MTHP] = {
		.id = "mthp-absent",
		.when = "an mTHP size's folios on a kernel before v6.8, which has PMD-sized THP only",
		.verdict = "no /sys/kernel/mm/transparent_hugepage/hugepages-<size>kB (-ENOENT): no folio of that size to make",
		.cite = "mm/huge_memory.c hugepage_init_sysfs() hugepages-<size>kB (v6.8+)",
		.source = "mm/huge_memory.c hugepage_init_sysfs(): one hugepages-<size>kB directory per order of THP_ORDERS_ALL_ANON, \"mm: thp: introduce multi-size THP sysfs interface\"; anonymous folios of those orders come from mm/memory.c alloc_anon_folio() (\"mm: thp: support allocation of anonymous multi-size THP\"); before, anonymous THP is PMD-sized only",
		.until = GLT_KV(6, 8),

		.match = match_no_mthp,
		.error = ENOENT,
		.step = "open hugepages-<size>kB/enabled",
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

bool glt_kind_uses_fsdax(enum glt_kind kind)
{
	return glt_kind_need(kind) == GLT_NEED_FSDAX_MOUNT;
}

struct glt_availability glt_oracle_available(const struct glt_kernel_facts *kf,
					     enum glt_kind kind)
{
	struct glt_query q = { .kf = kf, .kind = kind };
	const struct glt_rule *r = glt_rule_first(glt_availability_rules,
						  N(glt_availability_rules),
						  &q);
	struct glt_availability a = { 0 };

	if (r) {
		a.error = r->error;
		a.step = r->step;
		a.attempt = (enum glt_attempt)r->value;
		a.rule = r;
	}
	return a;
}
