// SPDX-License-Identifier: GPL-2.0
#include "provider.h"

#include <daxctl/libdaxctl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libmount.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../uapi/gup_longterm_test.h"
#include "sizes.h"

#ifndef STATX_ATTR_DAX
#define STATX_ATTR_DAX 0x00200000 /* include/uapi/linux/stat.h, v5.8+ */
#endif
#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif
/* include/uapi/linux/magic.h */
#define EXT4_SUPER_MAGIC 0xEF53
#define XFS_SUPER_MAGIC 0x58465342
#define TMPFS_MAGIC 0x01021994

/*
 * Userspace headers older than v5.14 lack it. Its number is the same on
 * every architecture, as for every system call added since v5.1: 447 in
 * x86-64's arch/x86/entry/syscalls/syscall_64.tbl and in the generic
 * include/uapi/asm-generic/unistd.h that arm64 uses.
 */
#ifndef SYS_memfd_secret
#define SYS_memfd_secret 447
#endif

/* The filesystem a fixture lives on, and whether it must be DAX. */
static const struct {
	const char *fstype;
	long magic;
	int dax;
} fixture_fs[GLT_FIXTURE_COUNT] = {
	[GLT_FIXTURE_PAGECACHE_EXT4] = { "ext4", EXT4_SUPER_MAGIC, 0 },
	[GLT_FIXTURE_PAGECACHE_XFS] = { "xfs", XFS_SUPER_MAGIC, 0 },
	[GLT_FIXTURE_FSDAX_EXT4] = { "ext4", EXT4_SUPER_MAGIC, 1 },
	[GLT_FIXTURE_FSDAX_XFS] = { "xfs", XFS_SUPER_MAGIC, 1 },
	[GLT_FIXTURE_PMEM_NODAX] = { "ext4", EXT4_SUPER_MAGIC, 0 },
};

/* Is path on a mount of fstype, and does that mount have option "dax"? */
static int mount_facts(const char *path, const char *fstype, int *dax,
		       char *err, size_t len)
{
	struct libmnt_table *tb;
	struct libmnt_fs *fs;
	char *value = NULL;
	size_t valsz = 0;
	const char *t;
	int ret = -1;

	tb = mnt_new_table_from_file("/proc/self/mountinfo");
	if (!tb) {
		snprintf(err, len, "cannot parse /proc/self/mountinfo");
		return -1;
	}
	fs = mnt_table_find_mountpoint(tb, path, MNT_ITER_BACKWARD);
	if (!fs) {
		snprintf(err, len, "%s is on no mount in mountinfo", path);
		goto out;
	}
	t = mnt_fs_get_fstype(fs);
	if (!t || strcmp(t, fstype)) {
		snprintf(err, len, "%s is on %s (%s), not %s", path,
			 mnt_fs_get_target(fs), t ? t : "?", fstype);
		goto out;
	}
	/* ext4/xfs show "dax" (v4.x) or "dax=always" (v5.10+). */
	*dax = !mnt_fs_get_option(fs, "dax", &value, &valsz) &&
	       (!value || (valsz == 6 && !strncmp(value, "always", 6)));
	ret = 0;
out:
	mnt_unref_table(tb);
	return ret;
}

/* STATX_ATTR_DAX of the open file fd (path: its name, for messages). */
static int statx_dax(int fd, const char *path, int *dax, char *err, size_t len)
{
	struct statx stx;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx)) {
		snprintf(err, len, "statx %s: %s", path, strerror(errno));
		return -1;
	}
	if (!(stx.stx_attributes_mask & STATX_ATTR_DAX)) {
		snprintf(err, len,
			 "statx on %s does not report STATX_ATTR_DAX (kernel older than v5.8?)",
			 path);
		return -1;
	}
	*dax = !!(stx.stx_attributes & STATX_ATTR_DAX);
	return 0;
}

/* The directory is on the fixture's filesystem, DAX exactly as claimed. */
static int probe_fs_dir(const char *dir, enum glt_fixture fixture, char *why,
			size_t len)
{
	int want_dax = fixture_fs[fixture].dax;
	char file[PATH_MAX];
	struct statfs sfs;
	int mnt_dax, file_dax, fd, ret;

	if (statfs(dir, &sfs)) {
		snprintf(why, len, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (sfs.f_type != fixture_fs[fixture].magic) {
		snprintf(why, len, "%s is not on %s (f_type %#lx)", dir,
			 fixture_fs[fixture].fstype, (unsigned long)sfs.f_type);
		return -1;
	}
	if (mount_facts(dir, fixture_fs[fixture].fstype, &mnt_dax, why, len))
		return -1;
	if (mnt_dax != want_dax) {
		snprintf(why, len, "%s is mounted %s", dir,
			 mnt_dax ? "with dax" : "without dax");
		return -1;
	}
	/*
	 * Only regular files are DAX (fs/ext4/inode.c ext4_should_enable_dax()
	 * is false for directories): prove it on a file made here.
	 */
	snprintf(file, sizeof(file), "%s/glt-probe-XXXXXX", dir);
	fd = mkstemp(file);
	if (fd < 0) {
		snprintf(why, len, "cannot create a file in %s: %s", dir,
			 strerror(errno));
		return -1;
	}
	unlink(file); /* at once: the directory is someone's pmem */
	ret = statx_dax(fd, file, &file_dax, why, len);
	close(fd);
	if (ret)
		return -1;
	if (file_dax != want_dax) {
		snprintf(why, len,
			 "a file in %s has STATX_ATTR_DAX %s although the mount says %s",
			 dir, file_dax ? "set" : "clear",
			 mnt_dax ? "dax" : "no dax");
		return -1;
	}
	return 0;
}

/* Find /dev/<name> among libdaxctl's device-DAX devices; its alignment. */
static int daxctl_find(const char *devpath, unsigned long *align,
		       unsigned long long *size, char *why, size_t len)
{
	const char *base = strrchr(devpath, '/');
	struct daxctl_region *region;
	struct daxctl_ctx *ctx;
	struct daxctl_dev *dev;
	int found = 0;

	base = base ? base + 1 : devpath;
	if (daxctl_new(&ctx)) {
		snprintf(why, len, "libdaxctl: daxctl_new failed");
		return -1;
	}
	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, dev) {
			if (strcmp(daxctl_dev_get_devname(dev), base))
				continue;
			if (!daxctl_dev_is_enabled(dev))
				continue;
			*align = daxctl_dev_get_align(dev);
			*size = daxctl_dev_get_size(dev);
			found = 1;
		}
	daxctl_unref(ctx);
	if (!found) {
		snprintf(why, len,
			 "%s is not an enabled device-DAX device (libdaxctl)",
			 devpath);
		return -1;
	}
	return 0;
}

static const char *tmpfs_dir(void)
{
	static const char *const dirs[] = { "/dev/shm", "/run", "/tmp" };
	struct statfs sfs;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (!statfs(dirs[i], &sfs) && sfs.f_type == TMPFS_MAGIC &&
		    !access(dirs[i], W_OK))
			return dirs[i];
	return NULL;
}

static long meminfo(const char *key)
{
	char line[128];
	size_t klen = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			v = strtol(line + klen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* The lib/test_hmm.c device whose memory the kind lives in. */
static const char *hmm_device(enum glt_need need)
{
	return need == GLT_NEED_HMM_COHERENT ? GLT_HMM_COHERENT_DEVICE :
					       GLT_HMM_PRIVATE_DEVICE;
}

/* What a kind's need asks of the machine beyond the kernel (below). */
static int probe_kind_need(const struct glt_kind_desc *k, char *why,
			   size_t len);

int glt_provider_probe(enum glt_kind kind, const struct glt_fixtures *fx,
		       char *why, size_t len)
{
	const struct glt_kind_desc *k = glt_kind(kind);
	enum glt_fixture f = k->fixture;
	unsigned long long size;
	unsigned long align;
	long free_huge;

	if (k->huge_pages) {
		free_huge = meminfo("HugePages_Free");
		if (free_huge < 1) {
			snprintf(why, len,
				 "no free huge page of the default size, %lu KiB (HugePages_Free %ld): echo 8 > /proc/sys/vm/nr_hugepages",
				 HUGETLB_SZ >> 10, free_huge);
			return GLT_PROVIDER_SKIP;
		}
	}
	if ((k->need == GLT_NEED_HMM_PRIVATE ||
	     k->need == GLT_NEED_HMM_COHERENT) &&
	    access(hmm_device(k->need), R_OK)) {
		snprintf(why, len, "no %s: %s", hmm_device(k->need),
			 k->need == GLT_NEED_HMM_PRIVATE ?
				 "load lib/test_hmm.c (modprobe test_hmm; CONFIG_TEST_HMM)" :
				 "load lib/test_hmm.c with spm_addr_dev0= and spm_addr_dev1= at two free 256 MiB ranges of RAM outside System RAM (boot with memmap=512M$0x20000000, then modprobe test_hmm spm_addr_dev0=0x20000000 spm_addr_dev1=0x30000000)");
		return GLT_PROVIDER_SKIP;
	}
	if (probe_kind_need(k, why, len))
		return GLT_PROVIDER_SKIP;
	if (k->dir == GLT_DIR_TMPFS && !tmpfs_dir()) {
		snprintf(why, len,
			 "no writable tmpfs at /dev/shm, /run or /tmp");
		return GLT_PROVIDER_SKIP;
	}
	if (f == GLT_FIXTURE_NONE)
		return GLT_PROVIDER_OK;
	if (!fx->present[f]) {
		snprintf(why, len,
			 "no %s fixture (none in %s; make one with `glt-fixtures setup`, or pass --fixture %s=PATH)",
			 glt_fixture_name(f),
			 fx->conf[0] ? fx->conf : GLT_FIXTURES_CONF,
			 glt_fixture_name(f));
		return GLT_PROVIDER_SKIP;
	}
	if (glt_kind_need(kind) == GLT_NEED_DEVDAX_MMAP)
		return daxctl_find(fx->path[f], &align, &size, why, len) ?
			       GLT_PROVIDER_SKIP :
			       GLT_PROVIDER_OK;
	return probe_fs_dir(fx->path[f], f, why, len) ? GLT_PROVIDER_SKIP :
							GLT_PROVIDER_OK;
}

/* Reserve len bytes aligned to align, as PROT_NONE, to MAP_FIXED into. */
static void *reserve(struct glt_region *r, size_t len, size_t align)
{
	uintptr_t p;

	r->fd = -1;
	r->len = len + align;
	r->base = mmap(NULL, r->len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		return NULL;
	}
	p = ((uintptr_t)r->base + align - 1) & ~(uintptr_t)(align - 1);
	return (void *)p;
}

static void touch(void *addr, unsigned long pages, bool write)
{
	volatile char *p = addr;
	char sink = 0;

	for (unsigned long i = 0; i < pages; i++) {
		if (write)
			p[i * PAGE_SZ] = (char)(i + 1);
		else
			sink += p[i * PAGE_SZ];
	}
	(void)sink;
}

#define FAIL(...)                                \
	do {                                     \
		snprintf(err, len, __VA_ARGS__); \
		return GLT_PROVIDER_ERROR;       \
	} while (0)

/*
 * Anonymous memory (the anon, anon-zero, anon-forked* and protnone rows):
 * written, only read (the zero page) or untouched, MADV_NOHUGEPAGE unless
 * PROT_NONE.
 */
int glt_setup_anon(const struct glt_kind_desc *k, const char *dir,
		   struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];
	size_t bytes = m->nr_pages * PAGE_SZ;
	size_t span = bytes < PMD_SZ ? PMD_SZ : bytes;
	int prot = k->prot_none ? PROT_NONE : PROT_READ | PROT_WRITE;
	void *at = reserve(r, span, PMD_SZ);

	(void)dir;
	if (!at)
		FAIL("mmap: %s", strerror(errno));
	if (mmap(at, bytes, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		 0) == MAP_FAILED)
		FAIL("mmap anonymous: %s", strerror(errno));
	if (!k->prot_none && madvise(at, span, MADV_NOHUGEPAGE))
		FAIL("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
	if (k->touch != GLT_TOUCH_NONE)
		touch(at, m->nr_pages, k->touch == GLT_TOUCH_WRITE);
	m->addr = at;
	return GLT_PROVIDER_OK;
}

/* A hole: reserved, then unmapped again. */
int glt_setup_unmapped(const struct glt_kind_desc *k, const char *dir,
		       struct glt_mapping *m, char *err, size_t len)
{
	(void)k;
	(void)dir;
	m->addr = reserve(&m->region[0], m->nr_pages * PAGE_SZ, PAGE_SZ);
	if (!m->addr)
		FAIL("mmap: %s", strerror(errno));
	munmap(m->region[0].base, m->region[0].len);
	m->region[0].base = NULL;
	return GLT_PROVIDER_OK;
}

/* The VMA at addr's AnonHugePages in kB (a PMD-mapped THP: a PMD's). */
static int smaps_anon_huge_kb(void *addr)
{
	char line[256];
	uintptr_t lo, hi, a = (uintptr_t)addr;
	int in = 0;
	long kb = -1;
	FILE *f = fopen("/proc/self/smaps", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') &&
		    line[strspn(line, "0123456789abcdef")] == '-') {
			in = a >= lo && a < hi;
			continue;
		}
		if (in && !strncmp(line, "AnonHugePages:", 14)) {
			kb = strtol(line + 14, NULL, 10);
			break;
		}
	}
	fclose(f);
	return (int)kb;
}

/*
 * bytes of private anonymous memory at an align-aligned address, marked
 * MADV_HUGEPAGE, in region r (the THP, thp-pte, mTHP and huge-zero
 * recipes): the address, or NULL with the failing step in err.
 */
static void *map_thp_range(struct glt_region *r, size_t bytes, size_t align,
			   char *err, size_t len)
{
	void *at = reserve(r, bytes, align);

	if (!at) {
		snprintf(err, len, "mmap: %s", strerror(errno));
		return NULL;
	}
	if (mmap(at, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		 0) == MAP_FAILED) {
		snprintf(err, len, "mmap anonymous: %s", strerror(errno));
		return NULL;
	}
	if (madvise(at, bytes, MADV_HUGEPAGE)) {
		snprintf(err, len, "madvise(MADV_HUGEPAGE): %s",
			 strerror(errno));
		return NULL;
	}
	return at;
}

int glt_setup_thp(const struct glt_kind_desc *k, const char *dir,
		  struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];
	FILE *f;
	char mode[128] = "?";
	int kb;
	void *at = map_thp_range(r, PMD_SZ, PMD_SZ, err, len);

	(void)k;
	(void)dir;
	if (!at)
		return GLT_PROVIDER_ERROR;
	touch(at, PMD_SZ / PAGE_SZ, true);
	m->addr = at;
	kb = smaps_anon_huge_kb(at);
	if (kb < 0 || (unsigned long)kb < PMD_SZ >> 10) {
		f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "re");
		if (f) {
			if (!fgets(mode, sizeof(mode), f))
				strcpy(mode, "?");
			mode[strcspn(mode, "\n")] = '\0';
			fclose(f);
		}
		snprintf(err, len,
			 "no PMD-mapped THP (smaps AnonHugePages %d kB; transparent_hugepage/enabled: %s)",
			 kb, mode);
		return GLT_PROVIDER_SKIP;
	}
	return GLT_PROVIDER_OK;
}

/*
 * The kinds of issue 25 that THP, swap and hugetlb page cache make: their
 * page sizes come from the kernel (sysconf(), hpage_pmd_size), not from
 * x86's 4 KiB and 2 MiB.
 */
#define THP_SYSFS "/sys/kernel/mm/transparent_hugepage"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21 /* include/uapi/asm-generic/mman-common.h, v5.4+ */
#endif
/* /proc/self/pagemap (Documentation/admin-guide/mm/pagemap.rst) */
#define PM_PRESENT (1ULL << 63)
#define PM_SWAP (1ULL << 62)
#define PM_PFN_MASK ((1ULL << 55) - 1)
/* /proc/kpageflags: include/uapi/linux/kernel-page-flags.h */
#define KPF_THP 22
#define KPF_ZERO_PAGE 24

static size_t page_bytes(void)
{
	return glt_page_size();
}

static unsigned int order_of_pages(size_t bytes)
{
	unsigned int order = 0;

	for (size_t n = bytes / page_bytes(); n > 1; n >>= 1)
		order++;
	return order;
}

/* An mTHP size's setting (a static buffer). */
static const char *mthp_enabled_path(unsigned int kb)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/hugepages-%ukB/enabled", THP_SYSFS,
		 kb);
	return path;
}

/* The first line of a sysfs or proc file, without its newline. */
static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_line(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	ret = n == (ssize_t)strlen(value) ? 0 : -1;
	close(fd);
	return ret;
}

/* The PMD size THP uses (hpage_pmd_size), 0 without THP. */
static size_t pmd_bytes(void)
{
	char line[32];

	if (read_line(THP_SYSFS "/hpage_pmd_size", line, sizeof(line)))
		return 0;
	return strtoul(line, NULL, 10);
}

/* The selected value of a sysfs choice ("always [madvise] never"). */
static void sysfs_choice(const char *path, char *out, size_t len)
{
	char line[128], *from = line, *close_b;
	size_t n;

	if (read_line(path, line, sizeof(line)))
		snprintf(line, sizeof(line), "?");
	if (strchr(line, '[') && strchr(strchr(line, '['), ']')) {
		from = strchr(line, '[') + 1;
		close_b = strchr(from, ']');
		*close_b = '\0';
	}
	n = strlen(from) < len ? strlen(from) : len - 1;
	memcpy(out, from, n);
	out[n] = '\0';
}

/* /proc/self/pagemap's entry of the page at addr. */
static int pagemap_entry(const void *addr, uint64_t *entry)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	off_t off = (off_t)((uintptr_t)addr / page_bytes() * sizeof(*entry));
	ssize_t n;

	if (fd < 0)
		return -1;
	n = pread(fd, entry, sizeof(*entry), off);
	close(fd);
	return n == (ssize_t)sizeof(*entry) ? 0 : -1;
}

static int kpageflags(uint64_t pfn, uint64_t *flags)
{
	int fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = pread(fd, flags, sizeof(*flags), (off_t)(pfn * sizeof(*flags)));
	close(fd);
	return n == (ssize_t)sizeof(*flags) ? 0 : -1;
}

/*
 * A PMD-sized THP range at a PMD-aligned address (map_thp_range()) in m's
 * first region, for the recipes of a PMD-mapped THP and of the huge zero
 * page: a skip where the kernel has no THP (pmd 0: pmd_bytes()).
 */
static int map_pmd_range(struct glt_mapping *m, size_t pmd, void **at,
			 char *err, size_t len)
{
	if (!pmd) {
		snprintf(err, len, "no THP (%s/hpage_pmd_size is missing)",
			 THP_SYSFS);
		return GLT_PROVIDER_SKIP;
	}
	*at = map_thp_range(&m->region[0], pmd, pmd, err, len);
	return *at ? GLT_PROVIDER_OK : GLT_PROVIDER_ERROR;
}

/*
 * A PMD-sized THP at a PMD-aligned address, every page written: the first
 * write fault of a MADV_HUGEPAGE range makes it (mm/huge_memory.c
 * do_huge_pmd_anonymous_page()), which the last page being mapped at once
 * proves (as the kernel's cow.c does).
 */
static int pmd_thp(struct glt_mapping *m, size_t pmd, char *err, size_t len)
{
	size_t page = page_bytes();
	char mode[32];
	uint64_t last;
	void *at;
	int ret;

	ret = map_pmd_range(m, pmd, &at, err, len);
	if (ret)
		return ret;
	*(volatile char *)at = 1;
	if (pagemap_entry((char *)at + pmd - page, &last))
		FAIL("/proc/self/pagemap: %s", strerror(errno));
	if (!(last & PM_PRESENT)) {
		sysfs_choice(THP_SYSFS "/enabled", mode, sizeof(mode));
		snprintf(err, len,
			 "no PMD-sized THP: a write fault mapped one page only (transparent_hugepage/enabled: %s)",
			 mode);
		return GLT_PROVIDER_SKIP;
	}
	memset(at, 1, pmd);
	m->addr = at;
	m->seg[0].thp_order = order_of_pages(pmd);
	return GLT_PROVIDER_OK;
}

/*
 * thp-pte: the THP, then its last page mprotect()ed read-only and back:
 * mm/mprotect.c change_pmd_range() splits a PMD that the range covers in
 * part (mm/huge_memory.c __split_huge_pmd()) into PTEs of the same folio,
 * writable where the PMD was (v5.10 leaves the last page's PTE read-only
 * after the second mprotect(): outside the pinned range). Then
 * MADV_NOHUGEPAGE: khugepaged may collapse a PMD range of PTEs of a
 * MADV_HUGEPAGE VMA into a new THP at any time (mm/khugepaged.c
 * hpage_collapse_scan_pmd(); seen once on debug-7.3 between the recipe
 * and a fork() row's level check), but scans no VM_NOHUGEPAGE VMA
 * (thp_vma_allowable_order()); the folio itself stays as it is.
 */
int glt_setup_thp_pte(const struct glt_kind_desc *k, const char *dir,
		      struct glt_mapping *m, char *err, size_t len)
{
	size_t pmd = pmd_bytes(), page = page_bytes();
	char *last;
	int ret;

	(void)k;
	(void)dir;
	ret = pmd_thp(m, pmd, err, len);
	if (ret)
		return ret;
	last = (char *)m->addr + pmd - page;
	if (mprotect(last, page, PROT_READ) ||
	    mprotect(last, page, PROT_READ | PROT_WRITE))
		FAIL("mprotect of the THP's last page: %s", strerror(errno));
	if (madvise(m->region[0].base, m->region[0].len, MADV_NOHUGEPAGE))
		FAIL("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
	return GLT_PROVIDER_OK;
}

/* The mTHP sizes' settings, saved to be restored. */
struct thp_sizes {
	unsigned int n;
	char path[16][PATH_MAX];
	char mode[16][16];
};

static int save_thp_sizes(struct thp_sizes *s, char *err, size_t len)
{
	DIR *d = opendir(THP_SYSFS);
	bool unreadable = false;
	struct dirent *e;

	s->n = 0;
	if (!d)
		FAIL("opendir %s: %s", THP_SYSFS, strerror(errno));
	while ((e = readdir(d)) && s->n < 16) {
		if (strncmp(e->d_name, "hugepages-", 10))
			continue;
		snprintf(s->path[s->n], sizeof(s->path[0]), "%s/%s/enabled",
			 THP_SYSFS, e->d_name);
		/* File-only sizes (v6.12's hugepages-8kB) have no enabled. */
		if (access(s->path[s->n], W_OK))
			continue;
		sysfs_choice(s->path[s->n], s->mode[s->n], sizeof(s->mode[0]));
		if (!strcmp(s->mode[s->n], "?")) {
			unreadable = true;
			break;
		}
		s->n++;
	}
	closedir(d);
	if (unreadable)
		FAIL("cannot read %s", s->path[s->n]);
	return GLT_PROVIDER_OK;
}

static int restore_thp_sizes(const struct thp_sizes *s, char *err, size_t len)
{
	for (unsigned int i = 0; i < s->n; i++)
		if (write_line(s->path[i], s->mode[i]))
			FAIL("restoring %s to %s: %s", s->path[i], s->mode[i],
			     strerror(errno));
	return GLT_PROVIDER_OK;
}

/*
 * Only the size `want` on (madvise: for MADV_HUGEPAGE VMAs only), every
 * other size off, so that mm/memory.c alloc_anon_folio() can choose no
 * other order.
 */
static int only_thp_size(const struct thp_sizes *s, const char *want, char *err,
			 size_t len)
{
	for (unsigned int i = 0; i < s->n; i++) {
		const char *mode = strcmp(s->path[i], want) ? "never" :
							      "madvise";

		if (write_line(s->path[i], mode))
			FAIL("echo %s > %s: %s", mode, s->path[i],
			     strerror(errno));
	}
	return GLT_PROVIDER_OK;
}

/*
 * mthp-<size>k: a VMA of whole folios of that size (at least the range),
 * aligned to it, faulted with only that size enabled; the sizes' settings
 * are restored as soon as the folios exist (their order is fixed then).
 */
int glt_setup_mthp(const struct glt_kind_desc *k, const char *dir,
		   struct glt_mapping *m, char *err, size_t len)
{
	static struct thp_sizes saved;
	size_t size = (size_t)k->mthp_kb << 10, page = page_bytes();
	size_t bytes = m->nr_pages * page;
	char want[PATH_MAX];
	void *at;
	int ret, ret2;

	(void)dir;
	bytes = (bytes + size - 1) / size * size;
	snprintf(want, sizeof(want), "%s", mthp_enabled_path(k->mthp_kb));
	at = map_thp_range(&m->region[0], bytes, size, err, len);
	if (!at)
		return GLT_PROVIDER_ERROR;
	ret = save_thp_sizes(&saved, err, len);
	if (ret)
		return ret;
	ret = only_thp_size(&saved, want, err, len);
	if (!ret)
		memset(at, 1, bytes);
	ret2 = restore_thp_sizes(&saved, err, len);
	if (ret || ret2)
		return GLT_PROVIDER_ERROR;
	m->addr = at;
	m->seg[0].thp_order = order_of_pages(size);
	return GLT_PROVIDER_OK;
}

/*
 * huge-zero: a read fault over a PMD-aligned MADV_HUGEPAGE range maps the
 * huge zero page (mm/huge_memory.c do_huge_pmd_anonymous_page(), with
 * transparent_hugepage/use_zero_page on, as by default: turned on for the
 * fault where it is off, and restored). Proven through /proc/kpageflags:
 * the driver cannot tell the huge zero folio (not exported to modules).
 */
int glt_setup_huge_zero(const struct glt_kind_desc *k, const char *dir,
			struct glt_mapping *m, char *err, size_t len)
{
	size_t pmd = pmd_bytes();
	char use[8] = "?", mode[32];
	uint64_t entry, flags;
	bool restore;
	void *at;
	int ret;

	(void)k;
	(void)dir;
	ret = map_pmd_range(m, pmd, &at, err, len);
	if (ret)
		return ret;
	read_line(THP_SYSFS "/use_zero_page", use, sizeof(use));
	restore = !strcmp(use, "0");
	if (restore && write_line(THP_SYSFS "/use_zero_page", "1"))
		FAIL("echo 1 > %s/use_zero_page: %s", THP_SYSFS,
		     strerror(errno));
	touch(at, m->nr_pages, false);
	if (restore && write_line(THP_SYSFS "/use_zero_page", "0"))
		FAIL("echo 0 > %s/use_zero_page: %s", THP_SYSFS,
		     strerror(errno));
	m->addr = at;
	m->seg[0].thp_order = order_of_pages(pmd);
	if (pagemap_entry(at, &entry) || !(entry & PM_PRESENT) ||
	    !(entry & PM_PFN_MASK))
		FAIL("/proc/self/pagemap shows no pfn for the read page (%s)",
		     strerror(errno));
	if (kpageflags(entry & PM_PFN_MASK, &flags))
		FAIL("/proc/kpageflags: %s", strerror(errno));
	if ((flags >> KPF_ZERO_PAGE & 1) && (flags >> KPF_THP & 1))
		return GLT_PROVIDER_OK;
	sysfs_choice(THP_SYSFS "/enabled", mode, sizeof(mode));
	snprintf(err, len,
		 "the read fault mapped pfn %#llx, not the huge zero page (kpageflags %#llx; transparent_hugepage/enabled: %s, use_zero_page: %s)",
		 (unsigned long long)(entry & PM_PFN_MASK),
		 (unsigned long long)flags, mode, use);
	return strcmp(mode, "never") ? GLT_PROVIDER_ERROR : GLT_PROVIDER_SKIP;
}

/*
 * Whether the machine has swap the swapped-out kinds can use: on, and
 * zram's only (/proc/swaps): their swap-in rules are those of a
 * SWP_SYNCHRONOUS_IO device, whose swap-in leaves no swap-cache reference
 * (mm/memory.c do_swap_page()); a disk or file keeps one while swap is
 * less than half full, and writeback timing decides more.
 */
static int probe_swap(char *why, size_t len)
{
	char line[512], dev[256];
	int n = 0;
	FILE *f = fopen("/proc/swaps", "re");

	if (!f) {
		snprintf(why, len, "no /proc/swaps: %s", strerror(errno));
		return GLT_PROVIDER_SKIP;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!n++ || sscanf(line, "%255s", dev) != 1)
			continue;
		if (strncmp(dev, "/dev/zram", 9)) {
			snprintf(why, len,
				 "swap is on %s, not only on zram: the oracle's swap-in rules are a SWP_SYNCHRONOUS_IO device's (zram), whose swap-in takes no swap-cache reference",
				 dev);
			fclose(f);
			return GLT_PROVIDER_SKIP;
		}
	}
	fclose(f);
	if (n > 1)
		return GLT_PROVIDER_OK;
	snprintf(why, len,
		 "no swap is on (/proc/swaps lists none): modprobe zram; echo 256M > /sys/block/zram0/disksize; mkswap /dev/zram0; swapon /dev/zram0");
	return GLT_PROVIDER_SKIP;
}

/* The mTHP kinds' size must be one this kernel offers. */
static int probe_mthp_size(unsigned int kb, char *why, size_t len)
{
	const char *path = mthp_enabled_path(kb);

	if (!access(path, W_OK))
		return GLT_PROVIDER_OK;
	snprintf(why, len,
		 "this kernel offers no %u KiB mTHP size (%s: %s; its page size is %zu bytes)",
		 kb, path, strerror(errno), page_bytes());
	return GLT_PROVIDER_SKIP;
}

static int probe_kind_need(const struct glt_kind_desc *k, char *why, size_t len)
{
	switch (k->need) {
	case GLT_NEED_SWAP:
		return probe_swap(why, len);
	case GLT_NEED_MTHP:
		return probe_mthp_size(k->mthp_kb, why, len);
	default:
		return GLT_PROVIDER_OK;
	}
}

/*
 * anon-swap: anonymous memory, written, then MADV_PAGEOUT
 * (mm/madvise.c madvise_pageout() -> reclaim_pages()) until pagemap shows
 * every page swapped. A page still in a per-CPU LRU batch cannot be
 * isolated for reclaim: the batches are drained before each try.
 */
int glt_setup_anon_swap(const struct glt_kind_desc *k, const char *dir,
			struct glt_mapping *m, char *err, size_t len)
{
	size_t page = page_bytes();
	unsigned long left = m->nr_pages;
	uint64_t entry = 0;
	int ret = glt_setup_anon(k, dir, m, err, len);

	if (ret)
		return ret;
	for (int tries = 0; left && tries < 5; tries++) {
		glt_drain_lru_batches(m->addr, m->nr_pages);
		if (madvise(m->addr, m->nr_pages * page, MADV_PAGEOUT))
			FAIL("madvise(MADV_PAGEOUT): %s", strerror(errno));
		left = 0;
		for (unsigned long i = 0; i < m->nr_pages; i++) {
			if (pagemap_entry((char *)m->addr + i * page, &entry))
				FAIL("/proc/self/pagemap: %s", strerror(errno));
			if (!(entry & PM_SWAP))
				left++;
		}
	}
	if (left)
		FAIL("MADV_PAGEOUT left %lu of %lu pages in memory after 5 tries (pagemap %#llx)",
		     left, m->nr_pages, (unsigned long long)entry);
	return GLT_PROVIDER_OK;
}

/*
 * memfd-hugetlb-private: a huge page in an MFD_HUGETLB memfd's page cache
 * (fallocate()), mapped MAP_PRIVATE and read: the read fault maps the
 * page-cache folio (mm/hugetlb.c hugetlb_no_page() finds it); over a hole
 * it would have allocated an anonymous page instead.
 */
int glt_setup_hugetlb_file_private(const struct glt_kind_desc *k,
				   const char *dir, struct glt_mapping *m,
				   char *err, size_t len)
{
	struct glt_region *r = &m->region[0];
	long huge_kb = meminfo("Hugepagesize");
	size_t bytes = huge_kb > 0 ? (size_t)huge_kb << 10 : 0;

	(void)k;
	(void)dir;
	r->fd = memfd_create("gup-longterm-test", MFD_CLOEXEC | MFD_HUGETLB);
	if (r->fd < 0)
		FAIL("memfd_create(MFD_HUGETLB): %s", strerror(errno));
	if (ftruncate(r->fd, (off_t)bytes))
		FAIL("ftruncate memfd: %s", strerror(errno));
	if (fallocate(r->fd, 0, 0, (off_t)bytes))
		FAIL("fallocate of a huge page into the memfd: %s",
		     strerror(errno));
	r->len = bytes;
	r->base = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE, r->fd,
		       0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		if (errno != ENOMEM)
			FAIL("mmap MAP_PRIVATE of the memfd: %s",
			     strerror(errno));
		/* mm/hugetlb.c hugetlb_reserve_pages() for the COW copy */
		snprintf(err, len,
			 "no second free huge page for the private mapping's reservation (HugePages_Free %ld): echo 8 > /proc/sys/vm/nr_hugepages",
			 meminfo("HugePages_Free"));
		return GLT_PROVIDER_SKIP;
	}
	m->addr = r->base;
	touch(m->addr, m->nr_pages, false);
	return GLT_PROVIDER_OK;
}

/* A read-write mapping of bytes into region r (fd -1: anonymous). */
static int map_region(struct glt_region *r, size_t bytes, int flags, int fd,
		      const char *what, char *err, size_t len)
{
	r->len = bytes;
	r->base = mmap(NULL, bytes, PROT_READ | PROT_WRITE, flags, fd, 0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		FAIL("mmap %s: %s", what, strerror(errno));
	}
	return GLT_PROVIDER_OK;
}

/*
 * map_region() of m's first region at m->addr, its first pages pages
 * written (the hugetlb, device-DAX, pfnmap and secretmem recipes).
 */
static int map_written(struct glt_mapping *m, size_t bytes, int flags, int fd,
		       const char *what, unsigned long pages, char *err,
		       size_t len)
{
	struct glt_region *r = &m->region[0];

	if (map_region(r, bytes, flags, fd, what, err, len))
		return GLT_PROVIDER_ERROR;
	m->addr = r->base;
	touch(m->addr, pages, true);
	return GLT_PROVIDER_OK;
}

/* One hugetlb page of the default size, MAP_PRIVATE, written. */
int glt_setup_hugetlb(const struct glt_kind_desc *k, const char *dir,
		      struct glt_mapping *m, char *err, size_t len)
{
	(void)k;
	(void)dir;
	return map_written(m, HUGETLB_SZ,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1,
			   "MAP_HUGETLB", HUGETLB_SZ / PAGE_SZ, err, len);
}

/* MAP_SHARED | MAP_ANONYMOUS: shmem without a file name. */
int glt_setup_shmem(const struct glt_kind_desc *k, const char *dir,
		    struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];

	(void)k;
	(void)dir;
	if (map_region(r, m->nr_pages * PAGE_SZ, MAP_SHARED | MAP_ANONYMOUS, -1,
		       "shared anonymous", err, len))
		return GLT_PROVIDER_ERROR;
	m->addr = r->base;
	if (madvise(m->addr, r->len, MADV_NOHUGEPAGE))
		FAIL("madvise: %s", strerror(errno));
	touch(m->addr, m->nr_pages, true);
	return GLT_PROVIDER_OK;
}

/* Give the file its blocks, data or hole (enum glt_blocks). */
static int fill_file(struct glt_region *r, size_t bytes, enum glt_blocks blocks,
		     char *err, size_t len)
{
	static char data[64 << 10];

	switch (blocks) {
	case GLT_BLOCKS_HOLE:
		if (ftruncate(r->fd, (off_t)bytes))
			FAIL("ftruncate %s: %s", r->file, strerror(errno));
		return GLT_PROVIDER_OK;
	case GLT_BLOCKS_WRITTEN:
		memset(data, 0x5a, sizeof(data));
		for (size_t off = 0; off < bytes; off += sizeof(data))
			if (pwrite(r->fd, data, sizeof(data), (off_t)off) !=
			    (ssize_t)sizeof(data))
				FAIL("write %s: %s", r->file, strerror(errno));
		if (fsync(r->fd))
			FAIL("fsync %s: %s", r->file, strerror(errno));
		return GLT_PROVIDER_OK;
	default:
		/* Blocks allocated up front: faults need no allocation. */
		if (fallocate(r->fd, 0, 0, (off_t)bytes))
			FAIL("fallocate %s: %s", r->file, strerror(errno));
		return GLT_PROVIDER_OK;
	}
}

/*
 * A file of at least bytes in dir (made with mkstemp), or a memfd. The file
 * is unlinked as soon as it is made, as the kernel's gup_longterm.c does:
 * its fd keeps it alive, and a case that fails or a harness that is killed
 * leaves nothing behind in the fixture directory, which on a real host is
 * someone's persistent memory. r->file keeps the name for messages.
 */
static int make_file(struct glt_region *r, const char *dir, size_t bytes,
		     unsigned int memfd_flags, enum glt_blocks blocks,
		     char *err, size_t len)
{
	if (!dir) {
		r->fd = memfd_create("gup-longterm-test",
				     MFD_CLOEXEC | memfd_flags);
		if (r->fd < 0)
			FAIL("memfd_create: %s", strerror(errno));
		if (ftruncate(r->fd, (off_t)bytes))
			FAIL("ftruncate memfd: %s", strerror(errno));
		return GLT_PROVIDER_OK;
	}
	snprintf(r->file, sizeof(r->file), "%s/glt-%d-XXXXXX", dir,
		 (int)getpid());
	r->fd = mkostemp(r->file, O_CLOEXEC);
	if (r->fd < 0) {
		r->file[0] = '\0';
		FAIL("mkstemp in %s: %s", dir, strerror(errno));
	}
	if (unlink(r->file))
		FAIL("unlink %s: %s", r->file, strerror(errno));
	return fill_file(r, bytes, blocks, err, len);
}

/*
 * nr_pages of a file mapped at at (NULL: anywhere) into region r: shared
 * (written, then written back), private (read-faulted: file pages mapped
 * read-only into a COW mapping), or private and written (pages
 * GLT_PAGES_ANON: every page a COW copy).
 */
static int map_file(struct glt_mapping *m, struct glt_region *r, void *at,
		    const char *dir, unsigned int memfd_flags,
		    enum glt_blocks blocks, bool shared, enum glt_pages pages,
		    unsigned long nr_pages, char *err, size_t len)
{
	int flags = shared ? MAP_SHARED : MAP_PRIVATE;
	int ret = make_file(r, dir,
			    memfd_flags & MFD_HUGETLB ? HUGETLB_SZ : PMD_SZ,
			    memfd_flags, blocks, err, len);

	if (ret)
		return ret;
	if (at)
		flags |= MAP_FIXED;
	at = mmap(at, nr_pages * PAGE_SZ, PROT_READ | PROT_WRITE, flags, r->fd,
		  0);
	if (at == MAP_FAILED)
		FAIL("mmap %s: %s", r->file[0] ? r->file : "memfd",
		     strerror(errno));
	if (!r->base) {
		r->base = at;
		r->len = nr_pages * PAGE_SZ;
	}
	if (!(memfd_flags & MFD_HUGETLB) &&
	    madvise(at, nr_pages * PAGE_SZ, MADV_NOHUGEPAGE))
		FAIL("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
	touch(at, nr_pages, pages == GLT_PAGES_FILE);
	/* Clean pages: no writeback takes references during the test. */
	if (pages == GLT_PAGES_FILE && dir &&
	    msync(at, nr_pages * PAGE_SZ, MS_SYNC))
		FAIL("msync: %s", strerror(errno));
	if (pages == GLT_PAGES_ANON)
		touch(at, nr_pages, true); /* COW every page */
	if (!m->addr)
		m->addr = at;
	return GLT_PROVIDER_OK;
}

/*
 * A file kind: in its fixture directory, a tmpfs or a memfd, mapped as the
 * row's facts say (shared, private, private and written).
 */
int glt_setup_file(const struct glt_kind_desc *k, const char *dir,
		   struct glt_mapping *m, char *err, size_t len)
{
	unsigned int memfd_flags =
		k->dir == GLT_DIR_MEMFD_HUGETLB ? MFD_HUGETLB : 0;
	unsigned long n = memfd_flags & MFD_HUGETLB ? HUGETLB_SZ / PAGE_SZ :
						      m->nr_pages;

	return map_file(m, &m->region[0], NULL, dir, memfd_flags, k->blocks,
			k->facts.shared, k->facts.pages, n, err, len);
}

/*
 * A PMD-mapped DAX file: a PMD-aligned mapping of a PMD-sized file (2 MiB
 * with 4 KiB pages) whose blocks make one PMD-aligned extent, so that the
 * first write fault maps it with one PMD (fs/dax.c dax_iomap_pmd_fault():
 * it falls back to PTEs when the VMA, the file offset or the extent's
 * physical address is not PMD-aligned). glt-fixtures makes its
 * filesystems with a PMD-sized stripe for this (mkfs.ext4 -E
 * stride=,stripe_width= of a PMD's blocks; mkfs.xfs -d su=PMD,sw=1).
 * Whether it worked is proven by the driver's page-table walk (the row's
 * .level), not assumed.
 */
int glt_setup_fsdax_pmd(const struct glt_kind_desc *k, const char *dir,
			struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *file = &m->region[0];
	void *at = reserve(&m->region[1], PMD_SZ, PMD_SZ);
	int ret;

	(void)k;
	if (!at)
		FAIL("mmap: %s", strerror(errno));
	ret = make_file(file, dir, PMD_SZ, 0, GLT_BLOCKS_ALLOCATED, err, len);
	if (ret)
		return ret;
	if (mmap(at, PMD_SZ, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		 file->fd, 0) == MAP_FAILED)
		FAIL("mmap %s: %s", file->file, strerror(errno));
	/* One write fault maps the whole extent; the rest touch nothing. */
	touch(at, m->nr_pages, true);
	if (msync(at, PMD_SZ, MS_SYNC))
		FAIL("msync: %s", strerror(errno));
	m->addr = at;
	return GLT_PROVIDER_OK;
}

int glt_setup_devdax(const struct glt_kind_desc *k, const char *dev,
		     struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];
	unsigned long long size;
	unsigned long align, bytes;

	(void)k;
	if (daxctl_find(dev, &align, &size, err, len))
		return GLT_PROVIDER_ERROR;
	r->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (r->fd < 0)
		FAIL("open %s: %s", dev, strerror(errno));
	/* drivers/dax/device.c check_vma(): the length must be aligned. */
	bytes = align > PAGE_SZ ? align : PMD_SZ;
	if (size < bytes)
		FAIL("%s is smaller (%llu) than %lu", dev, size, bytes);
	if (map_written(m, bytes, MAP_SHARED, r->fd, dev, m->nr_pages, err,
			len))
		return GLT_PROVIDER_ERROR;
	m->seg[0].devdax_align = align;
	return GLT_PROVIDER_OK;
}

/* The driver's own mmap: VM_IO | VM_PFNMAP pages (remap_pfn_range()). */
int glt_setup_pfnmap(const struct glt_kind_desc *k, const char *dir,
		     struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];

	(void)k;
	(void)dir;
	r->fd = open(GLT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (r->fd < 0)
		FAIL("open %s: %s", GLT_DEVICE_PATH, strerror(errno));
	return map_written(m, m->nr_pages * PAGE_SZ, MAP_SHARED, r->fd,
			   GLT_DEVICE_PATH, m->nr_pages, err, len);
}

/*
 * memfd_secret(2): a file whose pages leave the kernel's direct map when
 * faulted in (mm/secretmem.c). Root has CAP_IPC_LOCK, so the mlock limit
 * its mmap checks does not apply.
 */
int glt_setup_secretmem(const struct glt_kind_desc *k, const char *dir,
			struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];

	(void)k;
	(void)dir;
	r->fd = (int)syscall(SYS_memfd_secret, O_CLOEXEC);
	if (r->fd < 0)
		FAIL("memfd_secret: %s", strerror(errno));
	if (ftruncate(r->fd, (off_t)(m->nr_pages * PAGE_SZ)))
		FAIL("ftruncate memfd_secret: %s", strerror(errno));
	return map_written(m, m->nr_pages * PAGE_SZ, MAP_SHARED, r->fd,
			   "memfd_secret", m->nr_pages, err, len);
}

/*
 * lib/test_hmm_uapi.h (ioctl 'H' 0x02): migrate [addr, addr + npages pages)
 * to the device; cpages counts the pages that went, ptr receives a copy.
 */
struct hmm_dmirror_cmd {
	uint64_t addr, ptr, npages, cpages, faults;
};
#define HMM_DMIRROR_MIGRATE_TO_DEV _IOWR('H', 0x02, struct hmm_dmirror_cmd)

/*
 * Anonymous memory, written, then migrated to the device-private or
 * device-coherent memory of lib/test_hmm.c (dmirror_migrate_to_device():
 * migrate_vma_setup() with MIGRATE_VMA_SELECT_SYSTEM): every page must go.
 */
int glt_setup_hmm_device(const struct glt_kind_desc *k, const char *dir,
			 struct glt_mapping *m, char *err, size_t len)
{
	static char *copy;
	struct hmm_dmirror_cmd cmd = { 0 };
	const char *dev = hmm_device(k->need);
	int ret = glt_setup_anon(k, dir, m, err, len);

	if (ret)
		return ret;
	if (!copy)
		copy = malloc(GLT_SPAN_MANY_PAGES * PAGE_SZ);
	if (!copy)
		FAIL("malloc: %s", strerror(errno));
	m->region[1].fd = open(dev, O_RDWR | O_CLOEXEC);
	if (m->region[1].fd < 0)
		FAIL("open %s: %s", dev, strerror(errno));
	cmd.addr = (uintptr_t)m->addr;
	cmd.ptr = (uintptr_t)copy;
	cmd.npages = m->nr_pages;
	if (ioctl(m->region[1].fd, HMM_DMIRROR_MIGRATE_TO_DEV, &cmd))
		FAIL("HMM_DMIRROR_MIGRATE_TO_DEV: %s", strerror(errno));
	if (cmd.cpages != m->nr_pages)
		FAIL("HMM_DMIRROR_MIGRATE_TO_DEV moved %llu of %lu pages to the device",
		     (unsigned long long)cmd.cpages, m->nr_pages);
	return GLT_PROVIDER_OK;
}

/* Private anonymous memory, then a shared fsdax file, in one range. */
int glt_setup_cross_vma(const struct glt_kind_desc *k, const char *dir,
			struct glt_mapping *m, char *err, size_t len)
{
	unsigned long half = m->nr_pages / 2;
	void *at = reserve(&m->region[0], m->nr_pages * PAGE_SZ, PAGE_SZ);
	int ret;

	(void)k;
	if (!at)
		FAIL("mmap: %s", strerror(errno));
	if (mmap(at, half * PAGE_SZ, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		FAIL("mmap anonymous: %s", strerror(errno));
	if (madvise(at, half * PAGE_SZ, MADV_NOHUGEPAGE))
		FAIL("madvise: %s", strerror(errno));
	touch(at, half, true);
	m->addr = at;
	ret = map_file(m, &m->region[1], (char *)at + half * PAGE_SZ, dir, 0,
		       GLT_BLOCKS_ALLOCATED, true, GLT_PAGES_FILE,
		       m->nr_pages - half, err, len);
	if (ret)
		return ret;
	m->region[1].base = NULL; /* inside region[0]'s reservation */
	return GLT_PROVIDER_OK;
}

/*
 * Close every file but stdio and keep_a, keep_b (keep_a < keep_b):
 * close_range(2), v5.9+, so that nothing is allocated in a child that
 * fork() made; a loop where the kernel has none.
 */
static void close_other_files(int keep_a, int keep_b)
{
	if (syscall(SYS_close_range, 3, keep_a - 1, 0) ||
	    syscall(SYS_close_range, keep_a + 1, keep_b - 1, 0) ||
	    syscall(SYS_close_range, keep_b + 1, ~0U, 0))
		for (int fd = 3; fd < 1024; fd++)
			if (fd != keep_a && fd != keep_b)
				close(fd);
}

/*
 * The child of a row's .fork, sharing the pages at m->addr. It dies with
 * the process that forked it: PR_SET_PDEATHSIG kills it when that one
 * exits (a failed ck_assert() included), and the read of wait_fd returns
 * end-of-file once no writer is left. It keeps no other file: the
 * driver's open files it inherited would keep the pins they hold alive
 * until it exits (pins belong to the open file).
 */
static void fork_child_main(const struct glt_mapping *m, enum glt_fork how,
			    pid_t parent, int wait_fd, int ready_fd)
{
	volatile char *p = m->addr;
	char c = 1;
	ssize_t got;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(1);
	if (wait_fd < ready_fd)
		close_other_files(wait_fd, ready_fd);
	else
		close_other_files(ready_fd, wait_fd);
	/* A COW fault in the child: its own copy of every page. */
	if (how == GLT_FORK_CHILD_WROTE)
		for (unsigned long i = 0; i < m->nr_pages; i++)
			p[i * PAGE_SZ] = (char)0xc5;
	if (write(ready_fd, &c, 1) != 1)
		_exit(1);
	if (how == GLT_FORK_CHILD_GONE)
		_exit(0);
	do
		got = read(wait_fd, &c, 1);
	while (got > 0 || (got < 0 && errno == EINTR));
	_exit(0);
}

/*
 * MADV_DONTFORK (dontfork) or MADV_DOFORK over the mapping's first region
 * but its first page at m->addr: a fork() between the two shares that page
 * only (cow.c's "partially shared THP"). The VMA split this makes at the
 * page splits a PMD mapping the THP (mm/madvise.c madvise_update_vma() ->
 * split_vma() -> vma_adjust_trans_huge()); DOFORK merges the VMAs again.
 */
static int all_but_first_page(struct glt_mapping *m, bool dontfork, char *err,
			      size_t len)
{
	const struct glt_region *r = &m->region[0];
	char *first = m->addr, *end = (char *)r->base + r->len;
	int advice = dontfork ? MADV_DONTFORK : MADV_DOFORK;

	if ((first > (char *)r->base &&
	     madvise(r->base, (size_t)(first - (char *)r->base), advice)) ||
	    madvise(first + PAGE_SZ, (size_t)(end - first - PAGE_SZ), advice))
		FAIL("madvise(%s): %s",
		     dontfork ? "MADV_DONTFORK" : "MADV_DOFORK",
		     strerror(errno));
	return GLT_PROVIDER_OK;
}

/*
 * fork() a child that shares the recipe's pages, then let it do its part
 * (enum glt_fork) before the pin: write its copies, or exit and be reaped.
 * A child left alive is m->child, for glt_provider_teardown().
 */
static int fork_child(struct glt_mapping *m, enum glt_fork how, char *err,
		      size_t len)
{
	bool first_page = how == GLT_FORK_FIRST_PAGE_GONE;
	/* The child's part: a partly shared row's child exits at once. */
	enum glt_fork child = first_page ? GLT_FORK_CHILD_GONE : how;
	int wait_pipe[2], ready_pipe[2], status;
	pid_t parent = getpid(), pid;
	ssize_t got;
	char c;

	if (first_page && all_but_first_page(m, true, err, len))
		return GLT_PROVIDER_ERROR;
	if (pipe2(wait_pipe, O_CLOEXEC))
		FAIL("pipe: %s", strerror(errno));
	if (pipe2(ready_pipe, O_CLOEXEC)) {
		close(wait_pipe[0]);
		close(wait_pipe[1]);
		FAIL("pipe: %s", strerror(errno));
	}
	pid = fork();
	if (!pid)
		fork_child_main(m, child, parent, wait_pipe[0], ready_pipe[1]);
	close(wait_pipe[0]);
	close(ready_pipe[1]);
	if (pid < 0) {
		close(wait_pipe[1]);
		close(ready_pipe[0]);
		FAIL("fork: %s", strerror(errno));
	}
	m->child = pid;
	m->child_pipe = wait_pipe[1];
	do
		got = read(ready_pipe[0], &c, 1);
	while (got < 0 && errno == EINTR);
	close(ready_pipe[0]);
	if (got != 1)
		FAIL("the fork()ed child %d died before it was ready",
		     (int)pid);
	if (child != GLT_FORK_CHILD_GONE)
		return GLT_PROVIDER_OK;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			FAIL("waitpid %d: %s", (int)pid, strerror(errno));
	m->child = 0;
	close(m->child_pipe);
	m->child_pipe = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		FAIL("the fork()ed child ended with status %#x", status);
	return first_page ? all_but_first_page(m, false, err, len) :
			    GLT_PROVIDER_OK;
}

/* The page-table level that maps addr, from the driver (uapi ABI 2). */
static int mapping_level(void *addr, unsigned int *level, char *err, size_t len)
{
	struct glt_mapping_level q = { .addr = (uintptr_t)addr };
	int fd = open(GLT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	int ret;

	if (fd < 0)
		FAIL("open %s: %s", GLT_DEVICE_PATH, strerror(errno));
	ret = ioctl(fd, GLT_IOC_MAPPING_LEVEL, &q);
	if (ret)
		snprintf(err, len,
			 "GLT_IOC_MAPPING_LEVEL: %s (a driver older than ABI %d: rebuild and reload gup_longterm_test.ko)",
			 strerror(errno), GLT_ABI_VERSION);
	close(fd);
	*level = q.level;
	return ret ? GLT_PROVIDER_ERROR : GLT_PROVIDER_OK;
}

static const char *level_name(unsigned int level)
{
	static const char *const names[] = { "nothing", "a PTE", "a PMD",
					     "a PUD" };

	return level < 4 ? names[level] : "?";
}

/*
 * A kind that claims a page size proves it at the page table (its row's
 * .level): THP, the fsdax -pmd kinds and device-DAX of a PMD's alignment
 * (2 MiB with 4 KiB pages) are PMD-mapped, the other fsdax kinds (16-page
 * mappings with MADV_NOHUGEPAGE) PTE-mapped. Another level is a skip saying how to fix the fixture where
 * the row has a hint, an error otherwise.
 */
static int check_mapping_level(struct glt_mapping *m, char *err, size_t len)
{
	const struct glt_kind_desc *k = glt_kind(m->kind);
	unsigned int want = k->level, got;
	int ret;

	if (!want)
		return GLT_PROVIDER_OK;
	if (want == GLT_LEVEL_BY_DEVDAX_ALIGN)
		want = m->seg[0].devdax_align >= PMD_SZ ? GLT_LEVEL_PMD :
							  GLT_LEVEL_PTE;
	ret = mapping_level(m->addr, &got, err, len);
	if (ret)
		return ret;
	if (got == want) {
		m->seg[0].pmd_mapped = got == GLT_LEVEL_PMD;
		return GLT_PROVIDER_OK;
	}
	snprintf(err, len, "%s is mapped by %s, not by %s%s%s%s", k->name,
		 level_name(got), level_name(want), k->level_hint ? " (" : "",
		 k->level_hint ? k->level_hint : "", k->level_hint ? ")" : "");
	return k->level_hint ? GLT_PROVIDER_SKIP : GLT_PROVIDER_ERROR;
}

/* The directory a kind's file lives in, NULL for a memfd or none. */
static const char *kind_dir(const struct glt_kind_desc *k,
			    const struct glt_fixtures *fx)
{
	if (k->dir == GLT_DIR_TMPFS)
		return tmpfs_dir();
	if (k->dir != GLT_DIR_FIXTURE || k->fixture == GLT_FIXTURE_NONE)
		return NULL;
	return fx->path[k->fixture];
}

/* An fsdax file proves STATX_ATTR_DAX (include/uapi/linux/stat.h). */
static int check_statx_dax(struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];
	int dax;

	if (!m->seg[0].fsdax || !r->file[0])
		return GLT_PROVIDER_OK;
	if (statx_dax(r->fd, r->file, &dax, err, len))
		return GLT_PROVIDER_ERROR;
	if (!dax) {
		snprintf(err, len, "%s: STATX_ATTR_DAX is clear", r->file);
		return GLT_PROVIDER_ERROR;
	}
	return GLT_PROVIDER_OK;
}

/* The function of each recipe a row names (enum glt_recipe, kind.h). */
static glt_setup_fn *const recipes[GLT_RECIPE_COUNT] = {
	[GLT_RECIPE_ANON] = glt_setup_anon,
	[GLT_RECIPE_UNMAPPED] = glt_setup_unmapped,
	[GLT_RECIPE_THP] = glt_setup_thp,
	[GLT_RECIPE_THP_PTE] = glt_setup_thp_pte,
	[GLT_RECIPE_MTHP] = glt_setup_mthp,
	[GLT_RECIPE_HUGE_ZERO] = glt_setup_huge_zero,
	[GLT_RECIPE_ANON_SWAP] = glt_setup_anon_swap,
	[GLT_RECIPE_HUGETLB_PC] = glt_setup_hugetlb_file_private,
	[GLT_RECIPE_HUGETLB] = glt_setup_hugetlb,
	[GLT_RECIPE_SHMEM] = glt_setup_shmem,
	[GLT_RECIPE_FILE] = glt_setup_file,
	[GLT_RECIPE_FSDAX_PMD] = glt_setup_fsdax_pmd,
	[GLT_RECIPE_DEVDAX] = glt_setup_devdax,
	[GLT_RECIPE_PFNMAP] = glt_setup_pfnmap,
	[GLT_RECIPE_CROSS_VMA] = glt_setup_cross_vma,
	[GLT_RECIPE_SECRETMEM] = glt_setup_secretmem,
	[GLT_RECIPE_HMM_DEVICE] = glt_setup_hmm_device,
};

int glt_provider_setup(enum glt_kind kind, const struct glt_fixtures *fx,
		       unsigned long nr_pages, struct glt_mapping *m, char *err,
		       size_t len)
{
	const struct glt_kind_desc *k = glt_kind(kind);
	int ret;

	memset(m, 0, sizeof(*m));
	for (int i = 0; i < 3; i++)
		m->region[i].fd = -1;
	m->child_pipe = -1;
	m->kind = kind;
	m->nr_pages = nr_pages;
	m->observable = !k->unobservable;
	m->nseg = glt_kind_segments(kind, nr_pages, m->seg);
	/* It proves the fixture's filesystem (probe_fs_dir()) once. */
	ret = glt_provider_probe(kind, fx, err, len);
	if (!ret)
		ret = recipes[k->setup](k, kind_dir(k, fx), m, err, len);
	if (!ret)
		ret = check_statx_dax(m, err, len);
	/* A fork() may split the PMD (a partly shared row): level after it. */
	if (!ret && k->fork)
		ret = fork_child(m, k->fork, err, len);
	if (!ret)
		ret = check_mapping_level(m, err, len);
	/* One VMA in two parts: the part after the first page is the same. */
	for (unsigned int s = 1; !ret && k->fork && s < m->nseg; s++) {
		m->seg[s].thp_order = m->seg[0].thp_order;
		m->seg[s].pmd_mapped = m->seg[0].pmd_mapped;
	}
	if (ret)
		glt_provider_teardown(m);
	else if (m->observable)
		glt_drain_lru_batches(m->addr, m->nr_pages);
	return ret;
}

int glt_provider_after_pin(struct glt_mapping *m, char *err, size_t len)
{
	enum glt_fork how = glt_kind(m->kind)->after_pin;

	return how ? fork_child(m, how, err, len) : GLT_PROVIDER_OK;
}

void glt_provider_teardown(struct glt_mapping *m)
{
	if (m->child > 0) {
		kill(m->child, SIGKILL);
		while (waitpid(m->child, NULL, 0) < 0 && errno == EINTR)
			;
		close(m->child_pipe);
	}
	m->child = 0;
	m->child_pipe = -1;
	for (int i = 2; i >= 0; i--) {
		struct glt_region *r = &m->region[i];

		if (r->base)
			munmap(r->base, r->len);
		r->base = NULL;
		if (r->fd >= 0)
			close(r->fd);
		r->fd = -1;
		r->file[0] = '\0'; /* unlinked when it was made */
	}
}

void glt_drain_lru_batches(void *addr, unsigned long nr_pages)
{
	void *pages[GLT_SPAN_MANY_PAGES];
	int nodes[GLT_SPAN_MANY_PAGES], status[GLT_SPAN_MANY_PAGES];
	unsigned long n = nr_pages < GLT_SPAN_MANY_PAGES ? nr_pages :
							   GLT_SPAN_MANY_PAGES;

	/* Ask where the pages are, then "move" them where they already are. */
	for (unsigned long i = 0; i < n; i++)
		pages[i] = (char *)addr + i * PAGE_SZ;
	if (syscall(SYS_move_pages, 0, n, pages, NULL, status, 0))
		return;
	for (unsigned long i = 0; i < n; i++)
		nodes[i] = status[i] >= 0 ? status[i] : 0;
	/* MPOL_MF_MOVE (1 << 1): include/uapi/linux/mempolicy.h */
	syscall(SYS_move_pages, 0, n, pages, nodes, status, 1 << 1);
}

/* The fixture a kind's absence is proven on. */
static enum glt_fixture absence_fixture(enum glt_kind kind)
{
	switch (glt_kind_need(kind)) {
	case GLT_NEED_DEVDAX_MMAP:
		return glt_kind_fixture(
			kind); /* the node exists without FS_DAX */
	case GLT_NEED_FSDAX_MOUNT:
		return glt_kind_fixture(kind) == GLT_FIXTURE_FSDAX_XFS ?
			       GLT_FIXTURE_FSDAX_XFS_BLOCKDEV :
			       GLT_FIXTURE_FSDAX_EXT4_BLOCKDEV;
	default:
		return GLT_FIXTURE_NONE; /* a system call needs none */
	}
}

/*
 * A pmem region's dax_seed attribute (drivers/nvdimm/region_devs.c): the
 * first region of /sys/bus/nd/devices that has one, into path; 0, or -1
 * when there is none (no pmem region: nfit not loaded, no NVDIMM).
 */
static int dax_seed_path(char *path, size_t len)
{
	for (int i = 0; i < 64; i++) {
		snprintf(path, len, "/sys/bus/nd/devices/region%d/dax_seed", i);
		if (!access(path, R_OK))
			return 0;
	}
	return -1;
}

int glt_provider_probe_unavailable(enum glt_kind kind, enum glt_attempt attempt,
				   const struct glt_fixtures *fx, char *why,
				   size_t len)
{
	enum glt_fixture f = absence_fixture(kind);
	bool chardev = glt_kind_need(kind) == GLT_NEED_DEVDAX_MMAP;
	char seed[96];
	struct stat st;

	if (attempt == GLT_ATTEMPT_DAX_SEED) {
		if (dax_seed_path(seed, sizeof(seed))) {
			snprintf(why, len,
				 "no pmem region to read the dax_seed of (/sys/bus/nd/devices/region*: load nfit; are there NVDIMMs?)");
			return GLT_PROVIDER_SKIP;
		}
		return GLT_PROVIDER_OK;
	}
	if (f == GLT_FIXTURE_NONE)
		return GLT_PROVIDER_OK;
	if (!fx->present[f]) {
		snprintf(why, len,
			 "no %s fixture to prove the refusal on (glt-fixtures setup --allow-no-dax ...)",
			 glt_fixture_name(f));
		return GLT_PROVIDER_SKIP;
	}
	if (stat(fx->path[f], &st) ||
	    !(chardev ? S_ISCHR(st.st_mode) : S_ISBLK(st.st_mode))) {
		snprintf(why, len, "%s is not a %s device", fx->path[f],
			 chardev ? "character" : "block");
		return GLT_PROVIDER_SKIP;
	}
	return GLT_PROVIDER_OK;
}

/* mmap() of the device-DAX node: *got its errno, 0 if it worked. */
static int try_devdax_mmap(const char *dev, int *got, char *err, size_t len)
{
	int fd = open(dev, O_RDWR | O_CLOEXEC);
	void *p;

	if (fd < 0)
		FAIL("open %s: %s", dev, strerror(errno));
	p = mmap(NULL, PMD_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	*got = p == MAP_FAILED ? errno : 0;
	if (p != MAP_FAILED)
		munmap(p, PMD_SZ);
	close(fd);
	return GLT_PROVIDER_OK;
}

/* mount -o dax of the fsdax block device on a scratch directory. */
static int try_dax_mount(const char *dev, bool xfs, int *got, char *err,
			 size_t len)
{
	char dir[] = "/tmp/glt-mnt-XXXXXX";
	int ret;

	if (!mkdtemp(dir))
		FAIL("mkdtemp: %s", strerror(errno));
	if (xfs)
		ret = mount(dev, dir, "xfs", 0, "dax=always");
	else
		ret = mount(dev, dir, "ext4", 0, "dax");
	*got = ret ? errno : 0;
	if (!ret)
		umount2(dir, 0);
	rmdir(dir);
	return GLT_PROVIDER_OK;
}

/* What a call that returns an fd did: its errno, or 0 (and it is closed). */
static int fd_errno(int fd)
{
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * Swapped-out memory's absence: madvise(MADV_PAGEOUT) is -EINVAL before
 * v5.4; after, it succeeds even without swap, and swapon(2) (-ENOSYS
 * without CONFIG_SWAP, else -ENOENT for the empty path) tells.
 */
static int try_swap(int *got, char *err, size_t len)
{
	size_t page = page_bytes();
	void *p = mmap(NULL, page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ret;

	if (p == MAP_FAILED)
		FAIL("mmap: %s", strerror(errno));
	*(volatile char *)p = 1;
	ret = madvise(p, page, MADV_PAGEOUT);
	*got = ret ? errno : 0;
	munmap(p, page);
	if (!ret)
		*got = syscall(SYS_swapon, "", 0) ? errno : 0;
	return GLT_PROVIDER_OK;
}

/*
 * The region's dax_seed: the name of the device-DAX seed that ndctl creates
 * a devdax namespace from, or an empty line where the kernel makes none
 * (nd_dax_create() is a stub without CONFIG_NVDIMM_DAX,
 * drivers/nvdimm/nd.h): *got ENODEV for no device, 0 for one.
 */
static int try_dax_seed(int *got, char *err, size_t len)
{
	char path[96], name[64] = "";
	FILE *f;

	if (dax_seed_path(path, sizeof(path)))
		FAIL("no pmem region has a dax_seed");
	f = fopen(path, "re");
	if (!f)
		FAIL("open %s: %s", path, strerror(errno));
	if (!fgets(name, sizeof(name), f))
		name[0] = '\0';
	fclose(f);
	name[strcspn(name, "\n")] = '\0';
	*got = name[0] ? 0 : ENODEV;
	return GLT_PROVIDER_OK;
}

int glt_provider_try_unavailable(enum glt_kind kind, enum glt_attempt attempt,
				 const struct glt_fixtures *fx, int *got,
				 char *err, size_t len)
{
	int ret = glt_provider_probe_unavailable(kind, attempt, fx, err, len);

	if (ret)
		return ret;
	if (attempt == GLT_ATTEMPT_DAX_SEED)
		return try_dax_seed(got, err, len);
	switch (glt_kind_need(kind)) {
	case GLT_NEED_DEVDAX_MMAP:
		return try_devdax_mmap(fx->path[absence_fixture(kind)], got,
				       err, len);
	case GLT_NEED_FSDAX_MOUNT:
		return try_dax_mount(fx->path[absence_fixture(kind)],
				     glt_kind_fixture(kind) ==
					     GLT_FIXTURE_FSDAX_XFS,
				     got, err, len);
	case GLT_NEED_MEMFD_SECRET:
		*got = fd_errno((int)syscall(SYS_memfd_secret, O_CLOEXEC));
		return GLT_PROVIDER_OK;
	case GLT_NEED_HMM_PRIVATE:
	case GLT_NEED_HMM_COHERENT:
		*got = fd_errno(open(hmm_device(glt_kind_need(kind)),
				     O_RDWR | O_CLOEXEC));
		return GLT_PROVIDER_OK;
	case GLT_NEED_SWAP:
		return try_swap(got, err, len);
	case GLT_NEED_MTHP:
		*got = fd_errno(open(mthp_enabled_path(glt_kind(kind)->mthp_kb),
				     O_RDONLY | O_CLOEXEC));
		return GLT_PROVIDER_OK;
	default:
		FAIL("%s: nothing to try: the kernel needs nothing for it",
		     glt_kind_name(kind));
	}
}
