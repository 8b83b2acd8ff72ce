/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The end of a host test program's main(): run the suite, and exit with a
 * failure if any of its tests failed.
 */
#ifndef GLT_TESTS_RUN_SUITE_H
#define GLT_TESTS_RUN_SUITE_H

#include <check.h>
#include <stdlib.h>

static inline int glt_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
