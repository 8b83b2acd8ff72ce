/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The summary tables of docs/expectations.md, made from the oracle: what
 * each memory kind gets from each GUP path (--verdicts-markdown) and from
 * each consumer (--consumers-markdown) on the kernels the doc names, given
 * as their version and config (ci/kernel-facts.sh). A row of kinds.def is
 * a row of these tables with nothing written by hand.
 */
#ifndef GLT_VERDICTS_DOC_H
#define GLT_VERDICTS_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "consumer.h"
#include "facts.h"

#define GLT_DOC_MAX_KERNELS 8

struct glt_doc_kernel {
	char name[32];
	/* what a cell calls it: its version, or its name where two share one */
	char label[32];
	struct glt_kernel_facts kf;
};

/*
 * The kernels of a facts text (ci/kernel-facts.sh prints it): per kernel a
 * line "kernel NAME MAJOR.MINOR", then its config's lines ("CONFIG_X=y",
 * "# CONFIG_X is not set"), read as the harness reads the running
 * kernel's config (glt_kernel_facts_config(): an option not named is n).
 * The page-table geometry is that of 4 KiB pages (x86-64's, arm64's with
 * 4 KiB pages); secretmem.enable is the version's default. Returns how
 * many kernels, or -1 with a message in err.
 */
int glt_doc_kernels_parse(const char *text, struct glt_doc_kernel *k,
			  unsigned int max, char *err, size_t len);

/*
 * Kind x GUP path: one row per group of kinds whose cells are all equal,
 * each cell the oracle's verdict, saying the access, the span or the
 * kernel where they differ.
 */
void glt_verdicts_print_markdown(FILE *out, const struct glt_doc_kernel *k,
				 unsigned int n);

/* Kind x consumer, the same way: what each consumer makes of the kind. */
void glt_consumers_print_markdown(FILE *out, const struct glt_doc_kernel *k,
				  unsigned int n,
				  const struct glt_consumer *const *con,
				  unsigned int ncon);

#endif
