/* SPDX-License-Identifier: GPL-2.0 */
/* The driver's ABI contract (uapi/gup_longterm_test.h), as Check cases. */
#ifndef GLT_ABI_CASES_H
#define GLT_ABI_CASES_H

struct glt_abi_case {
	const char *name;	/* "abi/<what>" */
	void (*run)(void);	/* Check assertions; runs in a forked child */
};

extern const struct glt_abi_case glt_abi_cases[];
extern const unsigned int glt_abi_cases_count;
/* lifecycle_cases.c: fork, SIGKILL, unmap, rmmod, threads, fuzzing. */
extern const struct glt_abi_case glt_lifecycle_cases[];
extern const unsigned int glt_lifecycle_cases_count;
extern unsigned long glt_fuzz_iterations;	/* --fuzz-iterations */
extern unsigned long glt_fuzz_seed;		/* --fuzz-seed */

#endif
