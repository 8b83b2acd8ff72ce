/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The extra cases, beyond the matrix of GUP paths x memory kinds: what a
 * case may call (glt_case_note, glt_case_known_bug), struct glt_abi_case,
 * and each file's list of them (abi_cases.c, lifecycle_cases.c,
 * reason_cases.c, migration_cases.c; consumer_cases.c's are made per
 * memory kind), which main.c runs.
 */
#ifndef GLT_EXTRA_CASES_H
#define GLT_EXTRA_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "table.h"

/*
 * From inside an extra case (abi, lifecycle, reason, migration): the text
 * its TAP line carries, and, with skip, that it is skipped for that reason
 * (a fact of the machine, e.g. no movable memory) rather than passed.
 */
void glt_case_note(bool skip, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Skip the running extra case because the oracle knows this kernel gets it
 * wrong in a way that would taint the kernel log (a WARN): a skip even
 * under --fail-on-skip, named after the rule.
 */
struct glt_rule;
void glt_case_known_bug(const struct glt_rule *rule);
extern bool glt_run_known_bugs; /* --run-known-bugs: run them anyway */

struct glt_abi_case {
	const char *name;  /* "abi/<what>" */
	void (*run)(void); /* Check assertions; runs in a forked child */
};

/* reason_cases.c: truncate waits for pinned DAX pages, page cache doesn't. */
GLT_TABLE_DECLARE(struct glt_abi_case, glt_reason_cases);
extern const struct glt_engine_ctx *glt_reason_ctx;

/* consumer_cases.c: the kernel's own long-term pinners, per memory kind. */
struct glt_engine_ctx;
struct glt_consumer_case {
	char name[64]; /* "consumer/<consumer>/<kind>" */
	int kind;      /* enum glt_kind */
	int consumer;  /* index into consumer_cases.c's list */
};

/* io_uring, V4L2, RDMA, get_vaddr_frames(): at most one case per kind each. */
#define GLT_MAX_CONSUMER_CASES (4 * GLT_KIND_COUNT)

/* Fill out[] (at most max) with every consumer case; returns the count. */
unsigned int glt_consumer_cases(struct glt_consumer_case *out,
				unsigned int max);
void glt_consumer_run(const struct glt_engine_ctx *ctx,
		      const struct glt_consumer_case *c, char *detail,
		      size_t len, int *skipped);

/* migration_cases.c: long-term pins move pages out of ZONE_MOVABLE. */
GLT_TABLE_DECLARE(struct glt_abi_case, glt_migration_cases);

/* abi_cases.c: the driver's ABI contract (uapi/gup_longterm_test.h). */
GLT_TABLE_DECLARE(struct glt_abi_case, glt_abi_cases);
/* lifecycle_cases.c: fork, SIGKILL, unmap, rmmod, threads, fuzzing. */
GLT_TABLE_DECLARE(struct glt_abi_case, glt_lifecycle_cases);
extern unsigned long glt_fuzz_iterations; /* --fuzz-iterations */
extern unsigned long glt_fuzz_seed;	  /* --fuzz-seed */

#endif
