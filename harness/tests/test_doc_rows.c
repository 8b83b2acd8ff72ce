// SPDX-License-Identifier: GPL-2.0
/*
 * Issue 27's promise, tested: a kind added as a row of kinds.def, with a
 * recipe that exists, is in every table of docs/expectations.md that names
 * kinds without a hand edit. This program is built with
 * GLT_KINDS_DEF="tests/kinds-extra.def" (kinds.def and two rows more), so
 * its pure layers (kinds, case model, oracle, the tables' generators) know
 * rows that kinds.def does not have.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../consumer.h"
#include "../kind.h"
#include "../oracle.h"
#include "../verdicts_doc.h"
#include "run_suite.h"

static const char facts[] = "kernel debian-6.1 6.1\n"
			    "CONFIG_FS_DAX=y\nCONFIG_SECRETMEM=y\n"
			    "kernel debian-6.12 6.12\n"
			    "CONFIG_FS_DAX=y\nCONFIG_SECRETMEM=y\n";

static bool wants_all(enum glt_kind kind)
{
	(void)kind;
	return true;
}

static const struct glt_consumer io_uring = {
	.name = "io-uring",
	.call = "IORING_REGISTER_BUFFERS",
	.wants = wants_all,
	.expect = glt_oracle_io_uring,
};

enum table { KINDS, VERDICTS, CONSUMERS };

static char *table(enum table t)
{
	static const struct glt_consumer *const con[] = { &io_uring };
	struct glt_doc_kernel k[GLT_DOC_MAX_KERNELS];
	char err[256] = "", *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int n = glt_doc_kernels_parse(facts, k, GLT_DOC_MAX_KERNELS, err,
				      sizeof(err));

	ck_assert_msg(n == 2, "%s", err);
	ck_assert_ptr_nonnull(f);
	if (t == KINDS)
		glt_kinds_print_markdown(f);
	else if (t == VERDICTS)
		glt_verdicts_print_markdown(f, k, 2);
	else
		glt_consumers_print_markdown(f, k, 2, con, 1);
	fclose(f);
	return text;
}

/* The line of the table that names the kind first, or "". */
static const char *line_naming(const char *text, const char *kind, char *buf,
			       size_t len)
{
	char name[80];
	const char *hit;

	snprintf(name, sizeof(name), "`%s`", kind);
	hit = strstr(text, name);
	buf[0] = '\0';
	if (!hit)
		return buf;
	while (hit > text && hit[-1] != '\n')
		hit--;
	snprintf(buf, len, "%.*s", (int)strcspn(hit, "\n"), hit);
	return buf;
}

START_TEST(new_rows_are_in_every_table)
{
	ck_assert_str_eq(glt_kind_name(GLT_KIND_TEST_ANON_NEEDS_SECRETMEM),
			 "test-anon-needs-secretmem");
	for (int t = KINDS; t <= CONSUMERS; t++) {
		char *text = table((enum table)t);
		char twin[4096], new[4096];

		line_naming(text, "test-ext4-private-twin", twin, sizeof(twin));
		line_naming(text, "test-anon-needs-secretmem", new,
			    sizeof(new));
		ck_assert_msg(twin[0] && new[0], "table %d:\n%s", t, text);
		if (t != KINDS) {
			char other[4096];

			/* the twin's verdicts are its model's: one row */
			line_naming(text, "pagecache-ext4-private", other,
				    sizeof(other));
			ck_assert_str_eq(twin, other);
			/* the other is a row of its own, by kernel */
			ck_assert_msg(!strncmp(new,
					       "| `test-anon-needs-secretmem` |",
					       31),
				      "%s", new);
			ck_assert_msg(strstr(new,
					     "| 6.1: absent (`memfd_secret`: -ENOSYS); 6.12: "),
				      "%s", new);
		}
		free(text);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("doc-rows");
	TCase *tc = tcase_create("host");

	tcase_add_test(tc, new_rows_are_in_every_table);
	suite_add_tcase(s, tc);
	return glt_run_suite(s);
}
