/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A memory kind is one row of kinds.def: its name, where it lives (a
 * fixture, a tmpfs, a memfd or nowhere), the recipe that makes it, and what
 * it proves about its VMA. Everything that used to ask "which kind is
 * this?" (the provider, the oracle's availability, the consumers' filters)
 * reads the row instead.
 */
#ifndef GLT_KIND_H
#define GLT_KIND_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "facts.h"

struct glt_mapping;
struct glt_kind_desc;

/* A recipe: map m->nr_pages pages of kind k (dir: its fixture or tmpfs). */
typedef int glt_setup_fn(const struct glt_kind_desc *k, const char *dir,
			 struct glt_mapping *m, char *err, size_t len);

/* Where a file kind's file lives when it has no fixture. */
enum glt_dir {
	GLT_DIR_FIXTURE,       /* the row's .fixture directory (or none) */
	GLT_DIR_TMPFS,	       /* a writable tmpfs: /dev/shm, /run or /tmp */
	GLT_DIR_MEMFD,	       /* memfd_create() */
	GLT_DIR_MEMFD_HUGETLB, /* memfd_create(MFD_HUGETLB) */
};

/* What a file kind's file holds before it is mapped. */
enum glt_blocks {
	GLT_BLOCKS_ALLOCATED, /* fallocate(): blocks reserved (unwritten) */
	GLT_BLOCKS_WRITTEN,   /* pwrite() + fsync(): blocks with data */
	GLT_BLOCKS_HOLE,      /* ftruncate() only: a sparse file */
};

/* How the recipe faults the pages in before the pin. */
enum glt_touch { GLT_TOUCH_WRITE, GLT_TOUCH_READ, GLT_TOUCH_NONE };

/* Beyond uapi's GLT_LEVEL_*: PMD at a 2 MiB device-DAX alignment, else PTE. */
#define GLT_LEVEL_BY_DEVDAX_ALIGN 100

#define GLT_PMD_EXTENT_HINT \
	"the DAX file's extent is not 2 MiB-aligned: make the filesystem with glt-fixtures, or mkfs.ext4 -E stride=512,stripe_width=512 / mkfs.xfs -d su=2m,sw=1 on a namespace of 2 MiB alignment"

/* The kernel option or call without which the kind's memory cannot exist. */
enum glt_need {
	GLT_NEED_NOTHING,
	GLT_NEED_FSDAX_MOUNT,  /* ext4 -o dax / xfs -o dax=always: FS_DAX */
	GLT_NEED_DEVDAX_MMAP,  /* mmap of /dev/daxX.Y: vma_is_dax(), FS_DAX */
	GLT_NEED_MEMFD_SECRET, /* memfd_secret(2): v5.14+, SECRETMEM, enabled */
	GLT_NEED_HMM_PRIVATE,  /* lib/test_hmm.c: DEVICE_PRIVATE, TEST_HMM */
	GLT_NEED_HMM_COHERENT, /* and v6.0+, spm_addr_dev0/1 at load time */
};

struct glt_kind_desc {
	const char *name; /* in case names: "<api>/<name>/<access>" */
	const char *what; /* one line for --kinds and the docs */
	enum glt_fixture fixture;
	enum glt_dir dir;
	glt_setup_fn *setup;
	enum glt_touch touch;
	enum glt_blocks blocks;
	bool prot_none;	      /* mapped PROT_NONE */
	bool huge_pages;      /* needs a free 2 MiB hugetlb page */
	bool unobservable;    /* no transient GET can look at the pages */
	bool many_pages_only; /* no single-page span (cross-vma) */
	/*
	 * The page-table level the pinned range must be mapped at (uapi
	 * GLT_LEVEL_*, GLT_LEVEL_BY_DEVDAX_ALIGN), 0 for unchecked. With a
	 * level_hint, another level is a fact of the fixture (a skip saying
	 * how to fix it); without, an error.
	 */
	unsigned int level;
	const char *level_hint;
	/* What the kernel must have, beyond what its fixture implies. */
	enum glt_need need;
	struct glt_mem_facts facts; /* what it proves about its VMA */
};

/* The row of kind (NULL past the end). */
const struct glt_kind_desc *glt_kind(enum glt_kind kind);

enum glt_need glt_kind_need(enum glt_kind kind);

#endif
