// SPDX-License-Identifier: GPL-2.0
#include "provider.h"

#include <daxctl/libdaxctl.h>
#include <errno.h>
#include <fcntl.h>
#include <libmount.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../uapi/gup_longterm_test.h"

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

#define PAGE_SZ 4096UL
#define HUGE_SZ (2UL << 20)

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

static bool is_hugetlb(enum glt_kind kind)
{
	return kind == GLT_KIND_HUGETLB || kind == GLT_KIND_MEMFD_HUGETLB;
}

int glt_provider_probe(enum glt_kind kind, const struct glt_fixtures *fx,
		       char *why, size_t len)
{
	enum glt_fixture f = glt_kind_fixture(kind);
	unsigned long long size;
	unsigned long align;
	long free_huge;

	if (is_hugetlb(kind)) {
		free_huge = meminfo("HugePages_Free");
		if (free_huge < 1 || meminfo("Hugepagesize") != 2048) {
			snprintf(why, len,
				 "no free 2 MiB huge page (HugePages_Free %ld): echo 8 > /proc/sys/vm/nr_hugepages",
				 free_huge);
			return GLT_PROVIDER_SKIP;
		}
	}
	if ((kind == GLT_KIND_PAGECACHE_TMPFS ||
	     kind == GLT_KIND_PAGECACHE_TMPFS_PRIVATE ||
	     kind == GLT_KIND_PAGECACHE_TMPFS_COW) &&
	    !tmpfs_dir()) {
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
	if (f == GLT_FIXTURE_DEVDAX)
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

/* Anonymous memory: touched, untouched (zero page), THP, PROT_NONE. */
static int setup_anon(struct glt_mapping *m, int prot, int advice,
		      bool write_touch, bool read_touch, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];
	size_t bytes = m->nr_pages * PAGE_SZ;
	void *at = reserve(r, bytes < HUGE_SZ ? HUGE_SZ : bytes, HUGE_SZ);

	if (!at)
		FAIL("mmap: %s", strerror(errno));
	if (mmap(at, bytes, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		 0) == MAP_FAILED)
		FAIL("mmap anonymous: %s", strerror(errno));
	if (advice && madvise(at, bytes < HUGE_SZ ? HUGE_SZ : bytes, advice))
		FAIL("madvise(%d): %s", advice, strerror(errno));
	if (write_touch)
		touch(at, m->nr_pages, true);
	else if (read_touch)
		touch(at, m->nr_pages, false);
	m->addr = at;
	return GLT_PROVIDER_OK;
}

/* The VMA at addr has AnonHugePages >= 2048 kB (a PMD-mapped THP). */
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

static int setup_thp(struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];
	FILE *f;
	char mode[128] = "?";
	int kb;

	void *at = reserve(r, HUGE_SZ, HUGE_SZ);

	if (!at)
		FAIL("mmap: %s", strerror(errno));
	if (mmap(at, HUGE_SZ, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		FAIL("mmap anonymous: %s", strerror(errno));
	if (madvise(at, HUGE_SZ, MADV_HUGEPAGE))
		FAIL("madvise(MADV_HUGEPAGE): %s", strerror(errno));
	touch(at, HUGE_SZ / PAGE_SZ, true);
	m->addr = at;
	kb = smaps_anon_huge_kb(at);
	if (kb < 2048) {
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
 * A file of at least bytes in dir (made with mkstemp), or a memfd. The file
 * is unlinked as soon as it is made, as the kernel's gup_longterm.c does:
 * its fd keeps it alive, and a case that fails or a harness that is killed
 * leaves nothing behind in the fixture directory, which on a real host is
 * someone's persistent memory. r->file keeps the name for messages.
 */
static int make_file(struct glt_region *r, const char *dir, size_t bytes,
		     unsigned int memfd_flags, char *err, size_t len)
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
	/* Blocks allocated up front: faults need no allocation. */
	if (fallocate(r->fd, 0, 0, (off_t)bytes))
		FAIL("fallocate %s: %s", r->file, strerror(errno));
	return GLT_PROVIDER_OK;
}

/*
 * A file mapping: shared (touched by writing, then written back), private
 * (read-faulted: file pages mapped read-only into a COW mapping), or
 * private after COW (written: anonymous copies).
 */
static int setup_file(struct glt_mapping *m, struct glt_region *r, void *at,
		      const char *dir, unsigned int memfd_flags,
		      enum glt_pages pages, unsigned long nr_pages, char *err,
		      size_t len)
{
	size_t bytes = HUGE_SZ;
	int flags = (pages == GLT_PAGES_FILE ? MAP_SHARED : MAP_PRIVATE);
	int ret;

	ret = make_file(r, dir, bytes, memfd_flags, err, len);
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
	touch(at, nr_pages, pages != GLT_PAGES_FILE_COW);
	/* Clean pages: no writeback takes references during the test. */
	if (pages == GLT_PAGES_FILE && dir &&
	    msync(at, nr_pages * PAGE_SZ, MS_SYNC))
		FAIL("msync: %s", strerror(errno));
	if (!m->addr)
		m->addr = at;
	return GLT_PROVIDER_OK;
}

static void file_facts(struct glt_mem_facts *s, enum glt_backing backing,
		       enum glt_pages pages, bool dax)
{
	s->backing = dax ? GLT_BACKING_FSDAX : backing;
	s->pages = pages;
	s->shared = pages == GLT_PAGES_FILE;
	s->cow_mapping = !s->shared;
	s->readable = s->writable = true;
	s->fsdax = dax;
	/* ext4/xfs have page_mkwrite and write back; shmem, hugetlbfs don't */
	s->fs_writeback =
		s->shared && !dax &&
		(backing == GLT_BACKING_EXT4 || backing == GLT_BACKING_XFS);
}

/*
 * A PMD-mapped DAX file: a 2 MiB-aligned mapping of a 2 MiB file whose
 * blocks make one 2 MiB-aligned extent, so that the first write fault maps
 * it with one PMD (fs/dax.c dax_iomap_pmd_fault(): it falls back to PTEs
 * when the VMA, the file offset or the extent's physical address is not
 * 2 MiB-aligned). glt-fixtures makes its filesystems with 2 MiB stripe
 * alignment for this (mkfs.ext4 -E stride=512,stripe_width=512; mkfs.xfs -d
 * su=2m,sw=1). Whether it worked is proven by the driver's page-table walk
 * in glt_provider_setup(), not assumed.
 */
static int setup_fsdax_pmd(struct glt_mapping *m, const char *dir, char *err,
			   size_t len)
{
	struct glt_region *file = &m->region[0];
	void *at = reserve(&m->region[1], HUGE_SZ, HUGE_SZ);
	int ret;

	if (!at)
		FAIL("mmap: %s", strerror(errno));
	ret = make_file(file, dir, HUGE_SZ, 0, err, len);
	if (ret)
		return ret;
	if (mmap(at, HUGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		 file->fd, 0) == MAP_FAILED)
		FAIL("mmap %s: %s", file->file, strerror(errno));
	/* One write fault maps the whole extent; the rest touch nothing. */
	touch(at, m->nr_pages, true);
	if (msync(at, HUGE_SZ, MS_SYNC))
		FAIL("msync: %s", strerror(errno));
	m->addr = at;
	return GLT_PROVIDER_OK;
}

static int setup_devdax(struct glt_mapping *m, const char *dev, char *err,
			size_t len)
{
	struct glt_region *r = &m->region[0];
	unsigned long long size;
	unsigned long align;

	if (daxctl_find(dev, &align, &size, err, len))
		return GLT_PROVIDER_ERROR;
	r->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (r->fd < 0)
		FAIL("open %s: %s", dev, strerror(errno));
	/* drivers/dax/device.c check_vma(): the length must be aligned. */
	r->len = align > PAGE_SZ ? align : HUGE_SZ;
	if (size < r->len)
		FAIL("%s is smaller (%llu) than %zu", dev, size, r->len);
	r->base = mmap(NULL, r->len, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		       0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		FAIL("mmap %s: %s", dev, strerror(errno));
	}
	touch(r->base, m->nr_pages, true);
	m->addr = r->base;
	m->seg[0].backing = GLT_BACKING_DEVDAX;
	m->seg[0].pages = GLT_PAGES_FILE;
	m->seg[0].shared = m->seg[0].readable = m->seg[0].writable = true;
	m->seg[0].devdax_align = align;
	return GLT_PROVIDER_OK;
}

/* The driver's own mmap: VM_IO | VM_PFNMAP pages (remap_pfn_range()). */
static int setup_pfnmap(struct glt_mapping *m, char *err, size_t len)
{
	struct glt_region *r = &m->region[0];

	r->fd = open(GLT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (r->fd < 0)
		FAIL("open %s: %s", GLT_DEVICE_PATH, strerror(errno));
	r->len = m->nr_pages * PAGE_SZ;
	r->base = mmap(NULL, r->len, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		       0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		FAIL("mmap %s: %s", GLT_DEVICE_PATH, strerror(errno));
	}
	touch(r->base, m->nr_pages, true);
	m->addr = r->base;
	m->seg[0].backing = GLT_BACKING_PFNMAP;
	m->seg[0].pages = GLT_PAGES_NONE;
	m->seg[0].pfnmap = true;
	m->seg[0].shared = m->seg[0].readable = m->seg[0].writable = true;
	return GLT_PROVIDER_OK;
}

static int setup_cross_vma(struct glt_mapping *m, const char *dir, char *err,
			   size_t len)
{
	unsigned long half = m->nr_pages / 2;
	void *at = reserve(&m->region[0], m->nr_pages * PAGE_SZ, PAGE_SZ);
	int ret;

	if (!at)
		FAIL("mmap: %s", strerror(errno));
	if (mmap(at, half * PAGE_SZ, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		FAIL("mmap anonymous: %s", strerror(errno));
	if (madvise(at, half * PAGE_SZ, MADV_NOHUGEPAGE))
		FAIL("madvise: %s", strerror(errno));
	touch(at, half, true);
	m->addr = at;
	ret = setup_file(m, &m->region[1], (char *)at + half * PAGE_SZ, dir, 0,
			 GLT_PAGES_FILE, m->nr_pages - half, err, len);
	if (ret)
		return ret;
	m->region[1].base = NULL; /* inside region[0]'s reservation */
	m->nseg = 2;
	m->seg[0] = (struct glt_mem_facts){
		.backing = GLT_BACKING_ANON,
		.pages = GLT_PAGES_ANON,
		.anon = true,
		.cow_mapping = true,
		.readable = true,
		.writable = true,
		.nr_pages = half,
	};
	file_facts(&m->seg[1], GLT_BACKING_FSDAX, GLT_PAGES_FILE, true);
	m->seg[1].nr_pages = m->nr_pages - half;
	return GLT_PROVIDER_OK;
}

static int setup_kind(enum glt_kind kind, const struct glt_fixtures *fx,
		      struct glt_mapping *m, char *err, size_t len)
{
	const char *dir = fx->path[glt_kind_fixture(kind)];
	struct glt_mem_facts *s = &m->seg[0];
	const int rw = PROT_READ | PROT_WRITE;
	enum glt_backing backing;
	enum glt_pages pages;
	int ret;

	s->readable = s->writable = true;
	switch (kind) {
	case GLT_KIND_ANON:
	case GLT_KIND_ANON_ZERO:
		s->backing = GLT_BACKING_ANON;
		s->pages = kind == GLT_KIND_ANON ? GLT_PAGES_ANON :
						   GLT_PAGES_ZERO;
		s->anon = s->cow_mapping = true;
		return setup_anon(m, rw, MADV_NOHUGEPAGE, kind == GLT_KIND_ANON,
				  kind == GLT_KIND_ANON_ZERO, err, len);
	case GLT_KIND_PROTNONE:
		s->backing = GLT_BACKING_ANON;
		s->pages = GLT_PAGES_NONE;
		s->anon = true;
		s->readable = s->writable = false;
		m->observable = false;
		return setup_anon(m, PROT_NONE, 0, false, false, err, len);
	case GLT_KIND_UNMAPPED:
		s->backing = GLT_BACKING_NONE;
		s->pages = GLT_PAGES_NONE;
		s->unmapped = true;
		s->readable = s->writable = false;
		m->observable = false;
		/* A hole: reserved, then unmapped again. */
		m->addr =
			reserve(&m->region[0], m->nr_pages * PAGE_SZ, PAGE_SZ);
		if (!m->addr)
			FAIL("mmap: %s", strerror(errno));
		munmap(m->region[0].base, m->region[0].len);
		m->region[0].base = NULL;
		return GLT_PROVIDER_OK;
	case GLT_KIND_THP:
		s->backing = GLT_BACKING_THP;
		s->pages = GLT_PAGES_ANON;
		s->anon = s->cow_mapping = true;
		return setup_thp(m, err, len);
	case GLT_KIND_HUGETLB:
		s->backing = GLT_BACKING_HUGETLB;
		/* Private hugetlb pages are anonymous (hugetlb_add_new_anon_rmap) */
		s->pages = GLT_PAGES_ANON;
		s->cow_mapping = true;
		m->region[0].fd = -1;
		m->region[0].len = HUGE_SZ;
		m->region[0].base =
			mmap(NULL, HUGE_SZ, rw,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
		if (m->region[0].base == MAP_FAILED) {
			m->region[0].base = NULL;
			FAIL("mmap(MAP_HUGETLB): %s", strerror(errno));
		}
		m->addr = m->region[0].base;
		touch(m->addr, HUGE_SZ / PAGE_SZ, true);
		return GLT_PROVIDER_OK;
	case GLT_KIND_SHMEM:
		file_facts(s, GLT_BACKING_SHMEM, GLT_PAGES_FILE, false);
		m->region[0].fd = -1;
		m->region[0].len = m->nr_pages * PAGE_SZ;
		m->region[0].base = mmap(NULL, m->region[0].len, rw,
					 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (m->region[0].base == MAP_FAILED) {
			m->region[0].base = NULL;
			FAIL("mmap shared anonymous: %s", strerror(errno));
		}
		m->addr = m->region[0].base;
		if (madvise(m->addr, m->region[0].len, MADV_NOHUGEPAGE))
			FAIL("madvise: %s", strerror(errno));
		touch(m->addr, m->nr_pages, true);
		return GLT_PROVIDER_OK;
	case GLT_KIND_MEMFD:
	case GLT_KIND_MEMFD_HUGETLB:
		file_facts(s,
			   kind == GLT_KIND_MEMFD ? GLT_BACKING_SHMEM :
						    GLT_BACKING_HUGETLB,
			   GLT_PAGES_FILE, false);
		return setup_file(m, &m->region[0], NULL, NULL,
				  kind == GLT_KIND_MEMFD ? 0 : MFD_HUGETLB,
				  GLT_PAGES_FILE,
				  kind == GLT_KIND_MEMFD ? m->nr_pages :
							   HUGE_SZ / PAGE_SZ,
				  err, len);
	case GLT_KIND_DEVDAX:
		return setup_devdax(m, dir, err, len);
	case GLT_KIND_PFNMAP:
		m->observable = false;
		return setup_pfnmap(m, err, len);
	case GLT_KIND_CROSS_VMA:
		return setup_cross_vma(m, dir, err, len);
	case GLT_KIND_FSDAX_EXT4_PMD:
	case GLT_KIND_FSDAX_XFS_PMD:
		file_facts(s, GLT_BACKING_FSDAX, GLT_PAGES_FILE, true);
		return setup_fsdax_pmd(m, dir, err, len);
	default:
		break;
	}

	/* File kinds: which filesystem, which mapping. */
	switch (kind) {
	case GLT_KIND_PAGECACHE_XFS:
	case GLT_KIND_PAGECACHE_XFS_PRIVATE:
	case GLT_KIND_PAGECACHE_XFS_COW:
	case GLT_KIND_FSDAX_XFS:
		backing = GLT_BACKING_XFS;
		break;
	case GLT_KIND_PAGECACHE_TMPFS:
	case GLT_KIND_PAGECACHE_TMPFS_PRIVATE:
	case GLT_KIND_PAGECACHE_TMPFS_COW:
		backing = GLT_BACKING_SHMEM;
		dir = tmpfs_dir();
		break;
	default:
		backing = GLT_BACKING_EXT4;
	}
	switch (kind) {
	case GLT_KIND_PAGECACHE_EXT4_PRIVATE:
	case GLT_KIND_PAGECACHE_XFS_PRIVATE:
	case GLT_KIND_PAGECACHE_TMPFS_PRIVATE:
		pages = GLT_PAGES_FILE_COW;
		break;
	case GLT_KIND_PAGECACHE_EXT4_COW:
	case GLT_KIND_PAGECACHE_XFS_COW:
	case GLT_KIND_PAGECACHE_TMPFS_COW:
	case GLT_KIND_FSDAX_PRIVATE_COW:
		pages = GLT_PAGES_ANON;
		break;
	default:
		pages = GLT_PAGES_FILE;
	}
	ret = setup_file(m, &m->region[0], NULL, dir, 0,
			 pages == GLT_PAGES_FILE_COW ? GLT_PAGES_FILE_COW :
			 pages == GLT_PAGES_ANON     ? GLT_PAGES_FILE_COW :
						       GLT_PAGES_FILE,
			 m->nr_pages, err, len);
	if (ret)
		return ret;
	if (pages == GLT_PAGES_ANON)
		touch(m->addr, m->nr_pages, true); /* COW every page */
	file_facts(s, backing, pages,
		   kind == GLT_KIND_FSDAX_EXT4 || kind == GLT_KIND_FSDAX_XFS ||
			   kind == GLT_KIND_FSDAX_PRIVATE_COW);
	return GLT_PROVIDER_OK;
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
 * Kinds that claim a page size prove it at the page table: fsdax of the
 * -pmd kinds, device-DAX of 2 MiB alignment and THP are PMD-mapped, the
 * other fsdax kinds (64 KiB mappings with MADV_NOHUGEPAGE) PTE-mapped.
 * A PMD kind that got PTEs is a fact of the filesystem (its extent is not
 * 2 MiB-aligned): a skip saying how to fix it. Anything else is an error.
 */
static int check_mapping_level(struct glt_mapping *m, char *err, size_t len)
{
	unsigned int want, got;
	int ret;

	switch (m->kind) {
	case GLT_KIND_THP:
	case GLT_KIND_FSDAX_EXT4_PMD:
	case GLT_KIND_FSDAX_XFS_PMD:
		want = GLT_LEVEL_PMD;
		break;
	case GLT_KIND_DEVDAX:
		want = m->seg[0].devdax_align >= HUGE_SZ ? GLT_LEVEL_PMD :
							   GLT_LEVEL_PTE;
		break;
	case GLT_KIND_FSDAX_EXT4:
	case GLT_KIND_FSDAX_XFS:
		want = GLT_LEVEL_PTE;
		break;
	default:
		return GLT_PROVIDER_OK;
	}
	ret = mapping_level(m->addr, &got, err, len);
	if (ret)
		return ret;
	if (got == want) {
		m->seg[0].pmd_mapped = got == GLT_LEVEL_PMD;
		return GLT_PROVIDER_OK;
	}
	snprintf(err, len, "%s is mapped by %s, not by %s%s",
		 glt_kind_name(m->kind), level_name(got), level_name(want),
		 m->kind == GLT_KIND_FSDAX_EXT4_PMD ||
				 m->kind == GLT_KIND_FSDAX_XFS_PMD ?
			 " (the DAX file's extent is not 2 MiB-aligned: make the filesystem with glt-fixtures, or mkfs.ext4 -E stride=512,stripe_width=512 / mkfs.xfs -d su=2m,sw=1 on a namespace of 2 MiB alignment)" :
			 "");
	return m->kind == GLT_KIND_FSDAX_EXT4_PMD ||
			       m->kind == GLT_KIND_FSDAX_XFS_PMD ?
		       GLT_PROVIDER_SKIP :
		       GLT_PROVIDER_ERROR;
}

int glt_provider_setup(enum glt_kind kind, const struct glt_fixtures *fx,
		       unsigned long nr_pages, struct glt_mapping *m, char *err,
		       size_t len)
{
	int ret;

	memset(m, 0, sizeof(*m));
	for (int i = 0; i < 3; i++)
		m->region[i].fd = -1;
	m->kind = kind;
	m->nr_pages = nr_pages;
	m->observable = true;
	m->nseg = 1;
	/* It proves the fixture's filesystem (probe_fs_dir()) once. */
	ret = glt_provider_probe(kind, fx, err, len);
	if (!ret)
		ret = setup_kind(kind, fx, m, err, len);
	if (!ret && m->seg[0].fsdax && m->region[0].file[0]) {
		int dax;

		if (statx_dax(m->region[0].fd, m->region[0].file, &dax, err,
			      len))
			ret = GLT_PROVIDER_ERROR;
		else if (!dax) {
			snprintf(err, len, "%s: STATX_ATTR_DAX is clear",
				 m->region[0].file);
			ret = GLT_PROVIDER_ERROR;
		}
	}
	if (!ret)
		ret = check_mapping_level(m, err, len);
	if (m->nseg == 1)
		m->seg[0].nr_pages = nr_pages;
	if (ret)
		glt_provider_teardown(m);
	else if (m->observable)
		glt_drain_lru_batches(m->addr, m->nr_pages);
	return ret;
}

void glt_provider_teardown(struct glt_mapping *m)
{
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

static enum glt_fixture blockdev_fixture(enum glt_kind kind)
{
	return glt_kind_fixture(kind) == GLT_FIXTURE_FSDAX_XFS ?
		       GLT_FIXTURE_FSDAX_XFS_BLOCKDEV :
		       GLT_FIXTURE_FSDAX_EXT4_BLOCKDEV;
}

int glt_provider_probe_unavailable(enum glt_kind kind,
				   const struct glt_fixtures *fx, char *why,
				   size_t len)
{
	enum glt_fixture f = kind == GLT_KIND_DEVDAX ? GLT_FIXTURE_DEVDAX :
						       blockdev_fixture(kind);
	struct stat st;

	if (!fx->present[f]) {
		snprintf(why, len,
			 "no %s fixture to prove the refusal on (glt-fixtures setup --allow-no-dax ...)",
			 glt_fixture_name(f));
		return GLT_PROVIDER_SKIP;
	}
	if (stat(fx->path[f], &st) ||
	    !(kind == GLT_KIND_DEVDAX ? S_ISCHR(st.st_mode) :
					S_ISBLK(st.st_mode))) {
		snprintf(why, len, "%s is not a %s device", fx->path[f],
			 kind == GLT_KIND_DEVDAX ? "character" : "block");
		return GLT_PROVIDER_SKIP;
	}
	return GLT_PROVIDER_OK;
}

int glt_provider_try_unavailable(enum glt_kind kind,
				 const struct glt_fixtures *fx, int *got,
				 char *err, size_t len)
{
	char dir[] = "/tmp/glt-mnt-XXXXXX";
	const char *dev;
	void *p;
	int fd, ret;

	ret = glt_provider_probe_unavailable(kind, fx, err, len);
	if (ret)
		return ret;
	if (kind == GLT_KIND_DEVDAX) {
		dev = fx->path[GLT_FIXTURE_DEVDAX];
		fd = open(dev, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			FAIL("open %s: %s", dev, strerror(errno));
		p = mmap(NULL, HUGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			 0);
		*got = p == MAP_FAILED ? errno : 0;
		if (p != MAP_FAILED)
			munmap(p, HUGE_SZ);
		close(fd);
		return GLT_PROVIDER_OK;
	}
	dev = fx->path[blockdev_fixture(kind)];
	if (!mkdtemp(dir))
		FAIL("mkdtemp: %s", strerror(errno));
	if (glt_kind_fixture(kind) == GLT_FIXTURE_FSDAX_XFS)
		ret = mount(dev, dir, "xfs", 0, "dax=always");
	else
		ret = mount(dev, dir, "ext4", 0, "dax");
	*got = ret ? errno : 0;
	if (!ret)
		umount2(dir, 0);
	rmdir(dir);
	return GLT_PROVIDER_OK;
}
