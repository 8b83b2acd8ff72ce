/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A provider per memory kind: it makes a mapping of that kind, proves the
 * mapping is what it claims (statx STATX_ATTR_DAX, the filesystem type and
 * mount options in mountinfo, AnonHugePages in smaps, the device-DAX device
 * through libdaxctl) and tears it down. It reports what it proved as one
 * struct glt_mem_facts per VMA of the range.
 */
#ifndef GLT_PROVIDER_H
#define GLT_PROVIDER_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "case.h"
#include "facts.h"
#include "fixtures.h"
#include "kind.h"

struct glt_region {
	void *base; /* munmap(base, len) */
	size_t len;
	int fd;		     /* -1 if none */
	char file[PATH_MAX]; /* its name, unlinked when made; "" if none */
};

struct glt_mapping {
	enum glt_kind kind;
	void *addr;		/* start of the pinned range */
	unsigned long nr_pages; /* pages to pin from addr */
	bool observable;	/* a transient read GET of the range works */
	unsigned int nseg;	/* VMAs the range covers, in order */
	struct glt_mem_facts seg[GLT_MAX_SEGMENTS];
	struct glt_region region[3];
	/*
	 * The child a row's .fork left alive (0: none), and the write end of
	 * the pipe it waits on (-1: none): teardown kills and reaps it.
	 */
	pid_t child;
	int child_pipe;
};

/* The VMA (index into m->seg) that page i of the range lies in. */
static inline unsigned int glt_mapping_segment(const struct glt_mapping *m,
					       unsigned long i)
{
	unsigned long end = 0;

	for (unsigned int s = 0; s < m->nseg; s++) {
		end += m->seg[s].nr_pages;
		if (i < end)
			return s;
	}
	return m->nseg - 1;
}

enum { GLT_PROVIDER_OK = 0, GLT_PROVIDER_ERROR = -1, GLT_PROVIDER_SKIP = 1 };

/*
 * The recipes the rows of kinds.def name (enum glt_recipe, kind.h). Each maps
 * m->nr_pages pages at m->addr, faulted in, and returns GLT_PROVIDER_OK,
 * GLT_PROVIDER_SKIP (a fact of the machine) or GLT_PROVIDER_ERROR, with a
 * message in err. m->seg[0] holds the row's facts already; a recipe adds
 * what only it can know (device-DAX alignment, a second VMA).
 */
/* A recipe: map m->nr_pages pages of kind k (dir: its fixture or tmpfs). */
typedef int glt_setup_fn(const struct glt_kind_desc *k, const char *dir,
			 struct glt_mapping *m, char *err, size_t len);
glt_setup_fn glt_setup_anon, glt_setup_unmapped, glt_setup_thp,
	glt_setup_hugetlb, glt_setup_shmem, glt_setup_file, glt_setup_fsdax_pmd,
	glt_setup_devdax, glt_setup_pfnmap, glt_setup_cross_vma,
	glt_setup_secretmem, glt_setup_hmm_device, glt_setup_thp_pte,
	glt_setup_mthp, glt_setup_huge_zero, glt_setup_anon_swap,
	glt_setup_hugetlb_file_private;

/*
 * lib/test_hmm.c's devices: hmm_dmirror0 and 1 have device-private memory;
 * hmm_dmirror2 and 3 device-coherent memory, if the module was loaded with
 * spm_addr_dev0 and spm_addr_dev1 (hmm_dmirror_init(), v6.0+).
 */
#define GLT_HMM_PRIVATE_DEVICE "/dev/hmm_dmirror0"
#define GLT_HMM_COHERENT_DEVICE "/dev/hmm_dmirror2"

/*
 * Check, without mapping anything, that what kind needs exists and is what
 * it claims. Returns GLT_PROVIDER_OK, or GLT_PROVIDER_SKIP with the reason.
 */
int glt_provider_probe(enum glt_kind kind, const struct glt_fixtures *fx,
		       char *why, size_t len);

/*
 * Map nr_pages pages of kind, populated, and prove what they are.
 * Returns GLT_PROVIDER_OK, GLT_PROVIDER_SKIP (a fact of this machine, e.g.
 * no free huge pages) or GLT_PROVIDER_ERROR, with a message in err.
 */
int glt_provider_setup(enum glt_kind kind, const struct glt_fixtures *fx,
		       unsigned long nr_pages, struct glt_mapping *m, char *err,
		       size_t len);
void glt_provider_teardown(struct glt_mapping *m);
/*
 * What a row's .after_pin makes happen once the range is pinned: a
 * fork(), and the child's part (enum glt_fork). GLT_PROVIDER_OK (also for
 * a row without one) or GLT_PROVIDER_ERROR with a message in err.
 */
int glt_provider_after_pin(struct glt_mapping *m, char *err, size_t len);

/*
 * For memory the oracle says this kernel cannot make (a->error != 0): is
 * what the attempt needs there (the fsdax block device, the device-DAX
 * node)? GLT_PROVIDER_OK or GLT_PROVIDER_SKIP with the reason.
 */
int glt_provider_probe_unavailable(enum glt_kind kind, enum glt_attempt attempt,
				   const struct glt_fixtures *fx, char *why,
				   size_t len);
/*
 * Make the attempt the oracle names (mount -o dax of the fsdax block device
 * on a scratch directory, or mmap of the device-DAX node) and report its
 * errno in *got (0: it worked, and was undone). Returns GLT_PROVIDER_OK,
 * or GLT_PROVIDER_ERROR/SKIP with a message when it could not try.
 */
int glt_provider_try_unavailable(enum glt_kind kind, enum glt_attempt attempt,
				 const struct glt_fixtures *fx, int *got,
				 char *err, size_t len);

/*
 * Drain the per-CPU LRU batches, which hold a transient reference on
 * freshly faulted or activated pages and would otherwise move refcounts
 * under the test: move_pages(2) to the node the pages are on calls
 * lru_cache_disable() (mm/migrate.c do_pages_move()), which drains every
 * CPU.
 */
void glt_drain_lru_batches(void *addr, unsigned long nr_pages);

#endif
