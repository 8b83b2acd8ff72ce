// SPDX-License-Identifier: GPL-2.0
/*
 * Compile-time check of gup_test_uapi.h against a kernel's own
 * mm/gup_test.h (make -C bench check-uapi KSRC=/path/to/linux): the same
 * size, the same field offsets, the same ioctl numbers.
 */
#include <linux/ioctl.h>
#include <stddef.h>
#include <stdio.h>

#define gup_test kernel_gup_test
#include GUP_TEST_H
static const unsigned long k_cmd[] = { GUP_FAST_BENCHMARK, PIN_FAST_BENCHMARK,
				       PIN_LONGTERM_BENCHMARK, GUP_BASIC_TEST,
				       PIN_BASIC_TEST };
#undef gup_test
#undef GUP_FAST_BENCHMARK
#undef PIN_FAST_BENCHMARK
#undef PIN_LONGTERM_BENCHMARK
#undef GUP_BASIC_TEST
#undef PIN_BASIC_TEST
#undef GUP_TEST_MAX_PAGES_TO_DUMP
#include "gup_test_uapi.h"

#define SAME(f)                                               \
	_Static_assert(offsetof(struct kernel_gup_test, f) == \
			       offsetof(struct gup_test, f),  \
		       #f)
SAME(get_delta_usec);
SAME(put_delta_usec);
SAME(addr);
SAME(size);
SAME(nr_pages_per_call);
SAME(gup_flags);
SAME(test_flags);
SAME(which_pages);
_Static_assert(sizeof(struct kernel_gup_test) == sizeof(struct gup_test),
	       "size");

int main(void)
{
	static const unsigned long u_cmd[] = { GUP_FAST_BENCHMARK,
					       PIN_FAST_BENCHMARK,
					       PIN_LONGTERM_BENCHMARK,
					       GUP_BASIC_TEST, PIN_BASIC_TEST };

	for (size_t i = 0; i < sizeof(u_cmd) / sizeof(u_cmd[0]); i++)
		if (u_cmd[i] != k_cmd[i]) {
			printf("ioctl %zu differs: %#lx != %#lx\n", i, u_cmd[i],
			       k_cmd[i]);
			return 1;
		}
	printf("gup_test_uapi.h matches %s\n", GUP_TEST_H);
	return 0;
}
