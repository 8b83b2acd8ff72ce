/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's GUP benchmark, /sys/kernel/debug/gup_test (CONFIG_GUP_TEST),
 * as userspace sees it. Its header is not exported to userspace: this is a
 * copy of mm/gup_test.h (GPL-2.0-or-later, as that file), checked against
 * both kernels of the test-bed, which agree on everything used here:
 *   linux-source-6.1  6.1.192-2          mm/gup_test.h
 *   linux-source-6.12 6.12.117-1~deb12u1 mm/gup_test.h
 * (6.12 adds PIN_LONGTERM_TEST_* (7..9), not used here.) The layout is
 * asserted below: 80 bytes, the size the _IOWR() numbers encode.
 *
 * What it times (mm/gup_test.c __gup_test_ioctl(), the same in both): one
 * ioctl allocates pages[] (kvcalloc, untimed), takes mmap_read_lock() once
 * for the non-fast commands (untimed), then times with ktime_get() the loop
 * of GUP calls of nr_pages_per_call pages each over [addr, addr + size)
 * (get_delta_usec), checks every page is dma-pinned (untimed), and times one
 * put_page() loop / unpin_user_pages() of all the pages (put_delta_usec).
 * Both deltas are whole microseconds (ktime_us_delta()). On a GUP error the
 * ioctl still succeeds, with size cut down to what was covered.
 */
#ifndef GLT_BENCH_GUP_TEST_UAPI_H
#define GLT_BENCH_GUP_TEST_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define GUP_TEST_PATH "/sys/kernel/debug/gup_test"

/* get_user_pages_fast() */
#define GUP_FAST_BENCHMARK _IOWR('g', 1, struct gup_test)
/* pin_user_pages_fast() (gup_flags may carry FOLL_LONGTERM) */
#define PIN_FAST_BENCHMARK _IOWR('g', 2, struct gup_test)
/* pin_user_pages(gup_flags | FOLL_LONGTERM) */
#define PIN_LONGTERM_BENCHMARK _IOWR('g', 3, struct gup_test)
/* get_user_pages(), timed by the same loop */
#define GUP_BASIC_TEST _IOWR('g', 4, struct gup_test)
/* pin_user_pages(), timed by the same loop */
#define PIN_BASIC_TEST _IOWR('g', 5, struct gup_test)

#define GUP_TEST_MAX_PAGES_TO_DUMP 8

struct gup_test {
	__u64 get_delta_usec;
	__u64 put_delta_usec;
	__u64 addr;
	__u64 size;
	__u32 nr_pages_per_call;
	__u32 gup_flags; /* the kernel's FOLL_* bits, passed through */
	__u32 test_flags;
	__u32 which_pages[GUP_TEST_MAX_PAGES_TO_DUMP];
};

_Static_assert(sizeof(struct gup_test) == 80,
	       "struct gup_test must match mm/gup_test.h (80 bytes on x86_64)");

/*
 * gup_flags are the kernel's internal FOLL_* values, which are not ABI:
 *   FOLL_WRITE    0x01 in 6.1 (include/linux/mm.h) and 1 << 0 in 6.12
 *                 (include/linux/mm_types.h enum): the same bit;
 *   FOLL_LONGTERM 0x10000 in 6.1 (include/linux/mm.h), 1 << 8 in 6.12 and
 *                 7.3 (include/linux/mm_types.h): only these versions are
 *                 known here (glt_bench_foll_longterm() in glt-bench.c).
 * ci/test-bench-uapi.sh checks each against that version's source. 5.10
 * has no gup_test: its CONFIG_GUP_BENCHMARK (mm/gup_benchmark.c) has
 * another ABI, which glt-bench does not speak.
 */
#define GUP_TEST_FOLL_WRITE 0x01
#define GUP_TEST_FOLL_LONGTERM_6_1 0x10000
#define GUP_TEST_FOLL_LONGTERM_6_12 (1 << 8)
#define GUP_TEST_FOLL_LONGTERM_7_3 (1 << 8)

/* A command gup_test_ioctl() does not know: -EINVAL before any work. */
#define GUP_TEST_NULL_IOCTL _IO('g', 0x7f)

#endif
