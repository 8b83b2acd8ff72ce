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
#include <stdio.h>

#include "facts.h"

/*
 * The file of rows: kinds.def; the host tests build the pure layers once
 * more with a copy that has rows of their own (tests/kinds-extra.def).
 */
#ifndef GLT_KINDS_DEF
#define GLT_KINDS_DEF "kinds.def"
#endif

/* The memory kinds: the rows of kinds.def, described below. */
enum glt_kind {
#define GLT_KIND(id, ...) GLT_KIND_##id,
#include GLT_KINDS_DEF
#undef GLT_KIND
	GLT_KIND_COUNT
};

/*
 * Fixtures the environment must provide (fixtures/glt-fixtures writes
 * them); several kinds share one. GLT_FIXTURE_NONE: the harness makes the
 * memory itself.
 */
enum glt_fixture {
	GLT_FIXTURE_NONE,
	GLT_FIXTURE_PAGECACHE_EXT4,
	GLT_FIXTURE_PAGECACHE_XFS,
	GLT_FIXTURE_FSDAX_EXT4,
	GLT_FIXTURE_FSDAX_XFS,
	GLT_FIXTURE_DEVDAX,
	GLT_FIXTURE_DEVDAX_4K, /* a device-DAX node of 4 KiB alignment */
	GLT_FIXTURE_PMEM_NODAX,
	/* The block devices under the fsdax fixtures, kept even when the
	 * kernel refuses the DAX mount (CONFIG_FS_DAX=n) so that the harness
	 * can prove the refusal itself.
	 */
	GLT_FIXTURE_FSDAX_EXT4_BLOCKDEV,
	GLT_FIXTURE_FSDAX_XFS_BLOCKDEV,
	GLT_FIXTURE_COUNT
};

/*
 * The recipe that makes a kind's memory: one glt_setup_<name>() of
 * provider.c each (provider.c maps the value to the function, so that
 * the table of kinds does not depend on the provider).
 */
enum glt_recipe {
	GLT_RECIPE_ANON,       /* glt_setup_anon() */
	GLT_RECIPE_UNMAPPED,   /* glt_setup_unmapped() */
	GLT_RECIPE_THP,	       /* glt_setup_thp() */
	GLT_RECIPE_THP_PTE,    /* glt_setup_thp_pte() */
	GLT_RECIPE_MTHP,       /* glt_setup_mthp() */
	GLT_RECIPE_HUGE_ZERO,  /* glt_setup_huge_zero() */
	GLT_RECIPE_ANON_SWAP,  /* glt_setup_anon_swap() */
	GLT_RECIPE_HUGETLB_PC, /* glt_setup_hugetlb_file_private() */
	GLT_RECIPE_HUGETLB,    /* glt_setup_hugetlb() */
	GLT_RECIPE_SHMEM,      /* glt_setup_shmem() */
	GLT_RECIPE_FILE,       /* glt_setup_file() */
	GLT_RECIPE_FSDAX_PMD,  /* glt_setup_fsdax_pmd() */
	GLT_RECIPE_DEVDAX,     /* glt_setup_devdax() */
	GLT_RECIPE_PFNMAP,     /* glt_setup_pfnmap() */
	GLT_RECIPE_CROSS_VMA,  /* glt_setup_cross_vma() */
	GLT_RECIPE_SECRETMEM,  /* glt_setup_secretmem() */
	GLT_RECIPE_HMM_DEVICE, /* glt_setup_hmm_device() */
	GLT_RECIPE_COUNT
};

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

/*
 * A fork() after the recipe (the anon-forked rows), or after the pin (the
 * anon-fork-after-pin rows, .after_pin): the child shares the written
 * pages with the harness (mm/memory.c copy_present_pte() write-protects
 * them in both, or copies a pinned one for the child), then does as the
 * value says. The child dies with the harness (PR_SET_PDEATHSIG, and a
 * pipe it waits on); glt_provider_teardown() kills and reaps it.
 */
enum glt_fork {
	GLT_FORK_NONE,
	GLT_FORK_CHILD_IDLE,  /* the child lives, idle, until teardown */
	GLT_FORK_CHILD_WROTE, /* it wrote its copy of every page, and lives */
	GLT_FORK_CHILD_GONE,  /* it exited and was reaped */
	/*
	 * The child shared the first page only (MADV_DONTFORK on the rest of
	 * the mapping, cow.c's "partially shared THP"), exited and was
	 * reaped; MADV_DOFORK then merges the VMA again. The first page is
	 * once shared, the others never were: two segments of facts.
	 */
	GLT_FORK_FIRST_PAGE_GONE,
};

/*
 * Beyond uapi's GLT_LEVEL_*: PMD where the device-DAX alignment is a PMD's
 * (2 MiB with 4 KiB pages), else PTE.
 */
#define GLT_LEVEL_BY_DEVDAX_ALIGN 100

#define GLT_PMD_EXTENT_HINT \
	"the DAX file's extent is not PMD-aligned: make the filesystem with glt-fixtures, or with a PMD-sized stripe (with 4 KiB pages: mkfs.ext4 -E stride=512,stripe_width=512 / mkfs.xfs -d su=2m,sw=1) on a namespace of a PMD's alignment"

/* The kernel option or call without which the kind's memory cannot exist. */
enum glt_need {
	GLT_NEED_NOTHING,
	GLT_NEED_FSDAX_MOUNT,  /* ext4 -o dax / xfs -o dax=always: FS_DAX */
	GLT_NEED_DEVDAX_MMAP,  /* mmap of /dev/daxX.Y: vma_is_dax(), FS_DAX */
	GLT_NEED_MEMFD_SECRET, /* memfd_secret(2): v5.14+, SECRETMEM, enabled */
	GLT_NEED_HMM_PRIVATE,  /* lib/test_hmm.c: DEVICE_PRIVATE, TEST_HMM */
	GLT_NEED_HMM_COHERENT, /* and v6.0+, spm_addr_dev0/1 at load time */
	GLT_NEED_SWAP,	       /* MADV_PAGEOUT (v5.4+), CONFIG_SWAP, swap on */
	GLT_NEED_MTHP, /* hugepages-<size>kB of transparent_hugepage (v6.8+) */
};

/*
 * How a kind's absence is proven (an availability rule's value): by the
 * attempt its need names (mount -o dax, mmap of the device-DAX node,
 * memfd_secret(), opening the HMM device), or, where the kernel cannot
 * make the fixture at all, by what shows that: a pmem region's dax_seed
 * naming no device (no device-DAX namespace can be made: no ZONE_DEVICE).
 */
enum glt_attempt {
	GLT_ATTEMPT_BY_NEED,
	GLT_ATTEMPT_DAX_SEED,
};

struct glt_kind_desc {
	const char *name; /* in case names: "<api>/<name>/<access>" */
	const char *what; /* one line for --kinds and the docs */
	enum glt_fixture fixture;
	enum glt_dir dir;
	enum glt_recipe setup;
	enum glt_touch touch;
	enum glt_blocks blocks;
	enum glt_fork fork; /* a fork() after the recipe, and the child's part */
	/*
	 * A fork() that the coherence phase makes between its pin and the
	 * process's write (glt_provider_after_pin()): the pages are pinned
	 * before they are shared.
	 */
	enum glt_fork after_pin;
	bool prot_none;	   /* mapped PROT_NONE */
	bool huge_pages;   /* needs a free hugetlb page of the default size */
	bool unobservable; /* no transient GET can look at the pages */
	/*
	 * An mTHP kind's folio size in KiB (its sysfs directory
	 * transparent_hugepage/hugepages-<mthp_kb>kB), 0 for the others.
	 */
	unsigned int mthp_kb;
	/*
	 * The range spans two VMAs, this row's facts and then second_vma's
	 * (cross-vma): no single-page span.
	 */
	bool many_pages_only;
	enum glt_kind second_vma;
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
const char *glt_kind_name(enum glt_kind kind);
/*
 * The kind whose former name is the len bytes at name, or NULL: a renamed
 * kind's old name still selects it where a user types it.
 */
const char *glt_kind_renamed(const char *name, size_t len);
enum glt_fixture glt_kind_fixture(enum glt_kind kind);
const char *glt_fixture_name(enum glt_fixture fixture);

enum glt_need glt_kind_need(enum glt_kind kind);

/*
 * The facts a row claims for a range of nr_pages pages, one struct per VMA
 * (seg[0], and seg[1] for a two-VMA row), or per part of one VMA whose
 * pages differ (a partly shared row's first page, then the others);
 * returns how many. The provider
 * proves them and adds what only the machine shows (a device-DAX node's
 * alignment, a PMD mapping).
 */
unsigned int glt_kind_segments(enum glt_kind kind, unsigned long nr_pages,
			       struct glt_mem_facts seg[GLT_MAX_SEGMENTS]);

/*
 * The kinds as the Markdown table of docs/expectations.md (kinds_doc.c):
 * gup-longterm-test --kinds-markdown.
 */
void glt_kinds_print_markdown(FILE *out);

#endif
