/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A provider per memory kind: it makes a mapping of that kind, proves the
 * mapping is what it claims (statx STATX_ATTR_DAX, the filesystem type and
 * mount options in mountinfo, the device-DAX device through libdaxctl) and
 * tears it down. It reports what it proved as struct glt_mem_facts.
 */
#ifndef GLT_PROVIDER_H
#define GLT_PROVIDER_H

#include <limits.h>
#include <stddef.h>

#include "case.h"
#include "facts.h"
#include "fixtures.h"

/* Pages each case pins; 16 pages = 64 KiB, inside one 2 MiB extent. */
#define GLT_CASE_PAGES 16

struct glt_mapping {
	enum glt_kind kind;
	void *addr;		/* start of the pinned range */
	size_t map_len;		/* bytes mapped at addr */
	unsigned long nr_pages;	/* pages to pin from addr */
	int fd;			/* backing file or device, -1 for anon */
	char file[PATH_MAX];	/* file created by the provider, "" if none */
	struct glt_mem_facts facts;
};

/*
 * Check, without mapping anything, that the fixture for kind exists and is
 * what it claims. Returns 0, or -1 with the reason in why (a skip reason).
 */
int glt_provider_probe(enum glt_kind kind, const struct glt_fixtures *fx,
		       char *why, size_t len);

/*
 * Map GLT_CASE_PAGES pages of kind, populated and written back, and prove
 * what they are. Returns 0, or -1 with a message in err.
 */
int glt_provider_setup(enum glt_kind kind, const struct glt_fixtures *fx,
		       struct glt_mapping *m, char *err, size_t len);
void glt_provider_teardown(struct glt_mapping *m);

/*
 * Drain the per-CPU LRU batches, which hold a transient reference on
 * freshly faulted pages and would otherwise move refcounts under the test:
 * move_pages(2) to the node the pages are on calls lru_cache_disable()
 * (mm/migrate.c do_pages_move()), which drains every CPU.
 */
void glt_drain_lru_batches(void *addr, unsigned long nr_pages);

#endif
