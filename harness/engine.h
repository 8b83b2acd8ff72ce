/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine runs one case inside a Check test (a forked child): the
 * provider makes the memory, the driver pins it, the oracle says what must
 * happen, and the accounting (refcount, pincount, vmstat) is checked at
 * every step. Failures are Check assertions.
 */
#ifndef GLT_ENGINE_H
#define GLT_ENGINE_H

#include "case.h"
#include "facts.h"
#include "fixtures.h"

/* Filled in by the child, read by the runner: shared memory. */
/* glt_case_slot.skipped: 1, or this for a known kernel bug's skip. */
#define GLT_SKIP_KNOWN_BUG 2

/*
 * Memory the oracle says this kernel cannot make (mount -o dax without
 * FS_DAX, memfd_secret() without secretmem, ...): make the attempt it names
 * and check the errno, for use (a GUP path, a consumer) in the detail.
 * Returns 0 when the kind exists here (nothing done), 1 when the case is
 * done: the absence proven, or *skipped with the reason in detail.
 */
struct glt_engine_ctx;
int glt_engine_prove_absent(const struct glt_engine_ctx *ctx,
			    enum glt_kind kind, const char *use, char *detail,
			    size_t len, int *skipped);

struct glt_case_slot {
	int skipped;	  /* the case could not run: detail says why */
	char detail[768]; /* expectation and outcome, for the report */
};

struct glt_engine_ctx {
	const struct glt_kernel_facts *kf;
	const struct glt_fixtures *fx;
};

void glt_engine_run_case(const struct glt_engine_ctx *ctx,
			 const struct glt_case *c, struct glt_case_slot *slot);

#endif
