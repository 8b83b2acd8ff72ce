// SPDX-License-Identifier: GPL-2.0
/* The memory kinds' table, from kinds.def. */
#include "kind.h"

#include <string.h>

#include "../uapi/gup_longterm_test.h"

#define GLT_KIND(id, kname, ...) \
	[GLT_KIND_##id] = { .name = kname, __VA_ARGS__ },
static const struct glt_kind_desc kinds[GLT_KIND_COUNT] = {
#include GLT_KINDS_DEF
};
#undef GLT_KIND

static const char *const fixture_names[GLT_FIXTURE_COUNT] = {
	[GLT_FIXTURE_NONE] = "none",
	[GLT_FIXTURE_PAGECACHE_EXT4] = "pagecache-ext4",
	[GLT_FIXTURE_PAGECACHE_XFS] = "pagecache-xfs",
	[GLT_FIXTURE_FSDAX_EXT4] = "fsdax-ext4",
	[GLT_FIXTURE_FSDAX_XFS] = "fsdax-xfs",
	[GLT_FIXTURE_DEVDAX] = "devdax",
	[GLT_FIXTURE_DEVDAX_4K] = "devdax-4k",
	[GLT_FIXTURE_PMEM_NODAX] = "pmem-nodax",
	[GLT_FIXTURE_FSDAX_EXT4_BLOCKDEV] = "fsdax-ext4-blockdev",
	[GLT_FIXTURE_FSDAX_XFS_BLOCKDEV] = "fsdax-xfs-blockdev",
};

/*
 * Kinds renamed, by their former names: where a user types a kind's name
 * (--filter, CK_RUN_CASE) the former one still selects it, with a note. The
 * fsdax COW kinds took the pagecache-*-cow pattern (issue 27).
 */
static const struct {
	const char *was, *is;
} kind_aliases[] = {
	{ "fsdax-private-cow", "fsdax-ext4-cow" },
	{ "fsdax-xfs-private-cow", "fsdax-xfs-cow" },
};

const char *glt_kind_renamed(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(kind_aliases) / sizeof(kind_aliases[0]);
	     i++)
		if (strlen(kind_aliases[i].was) == len &&
		    !strncmp(kind_aliases[i].was, name, len))
			return kind_aliases[i].is;
	return NULL;
}

const struct glt_kind_desc *glt_kind(enum glt_kind kind)
{
	return kind < GLT_KIND_COUNT ? &kinds[kind] : NULL;
}

const char *glt_kind_name(enum glt_kind kind)
{
	return kind < GLT_KIND_COUNT ? glt_kind(kind)->name : "?";
}

enum glt_fixture glt_kind_fixture(enum glt_kind kind)
{
	return kind < GLT_KIND_COUNT ? glt_kind(kind)->fixture :
				       GLT_FIXTURE_NONE;
}

const char *glt_fixture_name(enum glt_fixture fixture)
{
	return fixture < GLT_FIXTURE_COUNT ? fixture_names[fixture] : "?";
}

enum glt_need glt_kind_need(enum glt_kind kind)
{
	if (glt_kind(kind)->need)
		return glt_kind(kind)->need;
	switch (glt_kind_fixture(kind)) {
	case GLT_FIXTURE_FSDAX_EXT4:
	case GLT_FIXTURE_FSDAX_XFS:
		return GLT_NEED_FSDAX_MOUNT;
	case GLT_FIXTURE_DEVDAX:
	case GLT_FIXTURE_DEVDAX_4K:
		return GLT_NEED_DEVDAX_MMAP;
	default:
		return GLT_NEED_NOTHING;
	}
}

/*
 * What a row's fork() before the pin leaves (enum glt_fork): a live
 * child's idle or written copy decides whether the child still maps them.
 */
static const enum glt_fork_share fork_share[] = {
	[GLT_FORK_NONE] = GLT_FORK_SHARE_NONE,
	[GLT_FORK_CHILD_IDLE] = GLT_FORK_SHARE_LIVE,
	[GLT_FORK_CHILD_WROTE] = GLT_FORK_SHARE_ONCE,
	[GLT_FORK_CHILD_GONE] = GLT_FORK_SHARE_ONCE,
	[GLT_FORK_FIRST_PAGE_GONE] = GLT_FORK_SHARE_ONCE,
};

unsigned int glt_kind_segments(enum glt_kind kind, unsigned long nr_pages,
			       struct glt_mem_facts seg[GLT_MAX_SEGMENTS])
{
	const struct glt_kind_desc *k = glt_kind(kind);
	unsigned long half = nr_pages / 2;

	seg[0] = k->facts;
	seg[0].nr_pages = nr_pages;
	seg[0].forked = fork_share[k->fork];
	if (k->fork == GLT_FORK_FIRST_PAGE_GONE && nr_pages > 1) {
		/* One VMA: the once-shared first page, then the others. */
		seg[0].nr_pages = 1;
		seg[1] = k->facts;
		seg[1].nr_pages = nr_pages - 1;
		return 2;
	}
	if (!k->many_pages_only)
		return 1;
	seg[0].nr_pages = half;
	seg[1] = glt_kind(k->second_vma)->facts;
	seg[1].nr_pages = nr_pages - half;
	return 2;
}
