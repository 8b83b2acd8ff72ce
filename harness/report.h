/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Results: KTAP on stdout (and a copy in --tap FILE), JUnit XML in --junit
 * FILE, and the closing "N passed, N failed, N skipped" line.
 */
#ifndef GLT_REPORT_H
#define GLT_REPORT_H

#include <stdio.h>

enum glt_outcome { GLT_PASS, GLT_FAIL, GLT_SKIP };

struct glt_result {
	const char *name;
	enum glt_outcome outcome;
	char message[1024]; /* failure or skip reason */
	char detail[768];   /* expectation and outcome */
	double seconds;
};

struct glt_report {
	FILE *tap;   /* optional copy of stdout's KTAP */
	FILE *junit; /* optional */
	unsigned int planned, passed, failed, skipped;
	struct glt_result *results; /* kept for JUnit */
	unsigned int nr_results;
};

void glt_report_begin(struct glt_report *r, unsigned int planned,
		      const char *header);
void glt_report_diag(struct glt_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void glt_report_result(struct glt_report *r, const struct glt_result *res);
/* Writes JUnit, prints the closing line; returns the failed count. */
unsigned int glt_report_end(struct glt_report *r, const char *suite,
			    const char *kernel);

#endif
