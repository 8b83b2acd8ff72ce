// SPDX-License-Identifier: GPL-2.0
#include "provider.h"

#include <daxctl/libdaxctl.h>
#include <errno.h>
#include <fcntl.h>
#include <libmount.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#ifndef STATX_ATTR_DAX
#define STATX_ATTR_DAX 0x00200000	/* include/uapi/linux/stat.h, v5.8+ */
#endif
#define EXT4_SUPER_MAGIC 0xEF53		/* include/uapi/linux/magic.h */

#define PAGE_SZ 4096UL
#define HUGE_SZ (2UL << 20)

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

static int statx_dax(const char *path, int *dax, char *err, size_t len)
{
	struct statx stx;

	if (statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx)) {
		snprintf(err, len, "statx %s: %s", path, strerror(errno));
		return -1;
	}
	if (!(stx.stx_attributes_mask & STATX_ATTR_DAX)) {
		/* The kernel does not report the attribute (before v5.8). */
		snprintf(err, len,
			 "statx on %s does not report STATX_ATTR_DAX (kernel older than v5.8?)",
			 path);
		return -1;
	}
	*dax = !!(stx.stx_attributes & STATX_ATTR_DAX);
	return 0;
}

static int probe_ext4_dir(const char *dir, int want_dax, char *why,
			  size_t len)
{
	char file[PATH_MAX];
	struct statfs sfs;
	int mnt_dax, file_dax, fd, ret;

	if (statfs(dir, &sfs)) {
		snprintf(why, len, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (sfs.f_type != EXT4_SUPER_MAGIC) {
		snprintf(why, len, "%s is not on ext4 (f_type %#lx)", dir,
			 (unsigned long)sfs.f_type);
		return -1;
	}
	if (mount_facts(dir, "ext4", &mnt_dax, why, len))
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
	close(fd);
	ret = statx_dax(file, &file_dax, why, len);
	unlink(file);
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

int glt_provider_probe(enum glt_kind kind, const struct glt_fixtures *fx,
		       char *why, size_t len)
{
	unsigned long align;
	unsigned long long size;
	const char *path = fx->path[kind];

	if (!glt_kind_needs_fixture(kind))
		return 0;
	if (!fx->present[kind]) {
		snprintf(why, len,
			 "no %s fixture (none in %s; create one with `glt-fixtures setup`, or pass --fixture %s=PATH)",
			 glt_kind_name(kind),
			 fx->conf[0] ? fx->conf : GLT_FIXTURES_CONF,
			 glt_kind_name(kind));
		return -1;
	}
	switch (kind) {
	case GLT_KIND_PAGECACHE_EXT4:
		return probe_ext4_dir(path, 0, why, len);
	case GLT_KIND_FSDAX_EXT4:
		return probe_ext4_dir(path, 1, why, len);
	case GLT_KIND_DEVDAX:
		return daxctl_find(path, &align, &size, why, len);
	default:
		snprintf(why, len, "no provider for %s", glt_kind_name(kind));
		return -1;
	}
}

static void touch(struct glt_mapping *m)
{
	volatile char *p = m->addr;

	for (unsigned long i = 0; i < m->nr_pages; i++)
		p[i * PAGE_SZ] = (char)i;
}

static int setup_anon(struct glt_mapping *m, char *err, size_t len)
{
	m->map_len = m->nr_pages * PAGE_SZ;
	m->addr = mmap(NULL, m->map_len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m->addr == MAP_FAILED) {
		m->addr = NULL;
		snprintf(err, len, "mmap anon: %s", strerror(errno));
		return -1;
	}
	/* Small folios on every THP setting: see oracle rule anon-small. */
	if (madvise(m->addr, m->map_len, MADV_NOHUGEPAGE)) {
		snprintf(err, len, "madvise(MADV_NOHUGEPAGE): %s",
			 strerror(errno));
		return -1;
	}
	touch(m);
	m->facts.anon = true;
	return 0;
}

static int setup_file(struct glt_mapping *m, const char *dir, int dax,
		      char *err, size_t len)
{
	int file_dax;

	if (probe_ext4_dir(dir, dax, err, len))
		return -1;
	snprintf(m->file, sizeof(m->file), "%s/glt-%d-XXXXXX", dir,
		 (int)getpid());
	m->fd = mkstemp(m->file);
	if (m->fd < 0) {
		snprintf(err, len, "mkstemp in %s: %s", dir, strerror(errno));
		m->file[0] = '\0';
		return -1;
	}
	/*
	 * A 2 MiB file, allocated up front so that faults need no block
	 * allocation; the pinned range is its first GLT_CASE_PAGES pages.
	 */
	m->map_len = HUGE_SZ;
	if (fallocate(m->fd, 0, 0, (off_t)m->map_len)) {
		snprintf(err, len, "fallocate %s: %s", m->file,
			 strerror(errno));
		return -1;
	}
	if (statx_dax(m->file, &file_dax, err, len))
		return -1;
	if (file_dax != dax) {
		snprintf(err, len, "%s: STATX_ATTR_DAX is %s, expected %s",
			 m->file, file_dax ? "set" : "clear",
			 dax ? "set" : "clear");
		return -1;
	}
	m->addr = mmap(NULL, m->map_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		       m->fd, 0);
	if (m->addr == MAP_FAILED) {
		m->addr = NULL;
		snprintf(err, len, "mmap %s: %s", m->file, strerror(errno));
		return -1;
	}
	touch(m);
	/* Clean pages: no writeback takes references during the test. */
	if (msync(m->addr, m->map_len, MS_SYNC)) {
		snprintf(err, len, "msync %s: %s", m->file, strerror(errno));
		return -1;
	}
	m->facts.shared = true;
	m->facts.fsdax = dax;
	/* ext4 has page_mkwrite and writes back: vma_needs_dirty_tracking() */
	m->facts.fs_writeback = !dax;
	return 0;
}

static int setup_devdax(struct glt_mapping *m, const char *dev, char *err,
			size_t len)
{
	unsigned long long size;
	unsigned long align;

	if (daxctl_find(dev, &align, &size, err, len))
		return -1;
	m->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (m->fd < 0) {
		snprintf(err, len, "open %s: %s", dev, strerror(errno));
		return -1;
	}
	/* drivers/dax/device.c check_vma(): the length must be aligned. */
	m->map_len = align > PAGE_SZ ? align : HUGE_SZ;
	if (size < m->map_len) {
		snprintf(err, len, "%s is smaller (%llu) than %zu", dev, size,
			 m->map_len);
		return -1;
	}
	m->addr = mmap(NULL, m->map_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		       m->fd, 0);
	if (m->addr == MAP_FAILED) {
		m->addr = NULL;
		snprintf(err, len, "mmap %s: %s", dev, strerror(errno));
		return -1;
	}
	touch(m);
	m->facts.shared = true;
	m->facts.devdax = true;
	m->facts.devdax_align = align;
	return 0;
}

int glt_provider_setup(enum glt_kind kind, const struct glt_fixtures *fx,
		       struct glt_mapping *m, char *err, size_t len)
{
	int ret;

	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->fd = -1;
	m->nr_pages = GLT_CASE_PAGES;
	switch (kind) {
	case GLT_KIND_ANON:
		ret = setup_anon(m, err, len);
		break;
	case GLT_KIND_PAGECACHE_EXT4:
		ret = setup_file(m, fx->path[kind], 0, err, len);
		break;
	case GLT_KIND_FSDAX_EXT4:
		ret = setup_file(m, fx->path[kind], 1, err, len);
		break;
	case GLT_KIND_DEVDAX:
		ret = setup_devdax(m, fx->path[kind], err, len);
		break;
	default:
		snprintf(err, len, "no provider for kind %d", (int)kind);
		ret = -1;
	}
	if (ret)
		glt_provider_teardown(m);
	else
		glt_drain_lru_batches(m->addr, m->nr_pages);
	return ret;
}

void glt_provider_teardown(struct glt_mapping *m)
{
	if (m->addr)
		munmap(m->addr, m->map_len);
	m->addr = NULL;
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	if (m->file[0])
		unlink(m->file);
	m->file[0] = '\0';
}

void glt_drain_lru_batches(void *addr, unsigned long nr_pages)
{
	void *pages[GLT_CASE_PAGES];
	int nodes[GLT_CASE_PAGES], status[GLT_CASE_PAGES];
	unsigned long n = nr_pages < GLT_CASE_PAGES ? nr_pages : GLT_CASE_PAGES;

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
