/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory facts of a kind row for a range of nr_pages pages, as the
 * provider claims them on a machine whose fixtures are as the test-bed
 * makes them: device-DAX of 2 MiB (devdax) and 4 KiB (devdax-4k)
 * alignment, PMD-level rows PMD-mapped (what the provider proves there),
 * and the THP orders of x86-64's 4 KiB pages. The host tests
 * (tests/test_oracle.c, tests/dump_expect.c) and the docs' verdict tables
 * (verdicts_doc.c) ask the oracle about these.
 */
#ifndef GLT_ROW_FACTS_H
#define GLT_ROW_FACTS_H

#include "../uapi/gup_longterm_test.h"
#include "kind.h"
#include "oracle.h"

static inline unsigned int glt_test_row_facts(enum glt_kind kind,
					      unsigned long nr_pages,
					      struct glt_mem_facts *seg)
{
	const struct glt_kind_desc *k = glt_kind(kind);
	unsigned int nseg = glt_kind_segments(kind, nr_pages, seg);

	if (k->fixture == GLT_FIXTURE_DEVDAX)
		seg[0].devdax_align = 2 << 20;
	if (k->fixture == GLT_FIXTURE_DEVDAX_4K)
		seg[0].devdax_align = 4096;
	/* The matrix's pin: the engine's observer holds the pages. */
	for (unsigned int i = 0; i < nseg; i++)
		seg[i].observed = !k->unobservable;
	seg[0].pmd_mapped = k->level == GLT_LEVEL_PMD ||
			    (k->level == GLT_LEVEL_BY_DEVDAX_ALIGN &&
			     seg[0].devdax_align >= 2 << 20);
	/* The THP the recipes make, with 4 KiB pages and 2 MiB PMDs. */
	for (unsigned int i = 0; i < nseg; i++)
		if (k->mthp_kb)
			seg[i].thp_order = __builtin_ctz(k->mthp_kb / 4);
		else if (k->setup == GLT_RECIPE_THP_PTE ||
			 k->setup == GLT_RECIPE_HUGE_ZERO)
			seg[i].thp_order = 9;
	return nseg;
}

#endif
