// SPDX-License-Identifier: GPL-2.0
/*
 * Why the long-term rule exists: a filesystem-DAX file's blocks are the
 * memory itself, so truncate (and hole punch) must wait until nobody holds
 * its pages (ext4_break_layouts() / xfs_break_dax_layouts() ->
 * dax_layout_busy_page()). A transient pin makes truncate wait until UNPIN;
 * a long-term pin would make it wait for as long as userspace likes. Page
 * cache has no such wait: truncate drops the pages from the file and the pin
 * keeps its own copy alive.
 */
#include "extra_cases.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "device.h"
#include "engine.h"
#include "oracle.h"
#include "provider.h"
#include "vmstat.h"

const struct glt_engine_ctx *glt_reason_ctx;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait up to secs for pid; 1 if it exited, 0 if it is still running. */
static int exited_within(pid_t pid, double secs, int *status)
{
	double end = now_s() + secs;

	do {
		pid_t r = waitpid(pid, status, WNOHANG);

		ck_assert(r >= 0);
		if (r == pid)
			return 1;
		usleep(20000);
	} while (now_s() < end);
	return 0;
}

/*
 * Pin the first page of kind's file transiently, truncate the file from a
 * child, and see whether the truncate waits for the UNPIN.
 */
static void truncate_vs_pin(enum glt_kind kind, int must_wait)
{
	const struct glt_engine_ctx *ctx = glt_reason_ctx;
	long long pins0 = glt_vmstat_pins_held();
	struct glt_availability av = glt_oracle_available(ctx->kf, kind);
	struct glt_mapping m;
	struct glt_pin p;
	char err[512];
	int fd, status, ret;
	pid_t pid;

	if (av.error) {
		int got = -1;

		/* No DAX file can exist here: prove that instead. */
		ret = glt_provider_try_unavailable(kind, av.attempt, ctx->fx,
						   &got, err, sizeof(err));
		if (ret ==
		    GLT_PROVIDER_SKIP) { /* no fixture: a skip, not a failure */
			glt_case_note(true, "%s: %s", glt_kind_name(kind), err);
			return;
		}
		ck_assert_msg(!ret, "%s: %s", glt_kind_name(kind), err);
		ck_assert_msg(got == av.error, "%s: expected -%s (%s), got %d",
			      av.step, strerrorname_np(av.error), av.rule->id,
			      got);
		return;
	}
	ret = glt_provider_setup(kind, ctx->fx, 1, &m, err, sizeof(err));
	if (ret == GLT_PROVIDER_SKIP) { /* e.g. a host without this fixture */
		glt_case_note(true, "%s: %s", glt_kind_name(kind), err);
		return;
	}
	ck_assert_msg(!ret, "%s provider: %s", glt_kind_name(kind), err);
	fd = glt_dev_open();
	ck_assert(fd >= 0);
	ck_assert_msg(!glt_dev_pin(fd, 0, m.addr, 1, GLT_PIN_WRITE, &p),
		      "transient pin: %s", strerror(errno));
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0)
		_exit(ftruncate(m.region[0].fd, 0) ? 10 : 0);
	if (must_wait) {
		ck_assert_msg(!exited_within(pid, 1.5, &status),
			      "truncate of a DAX file finished while one of its pages was pinned (fs/dax.c dax_layout_busy_page() must make it wait)");
		ck_assert(!glt_dev_unpin(fd, p.handle));
		ck_assert_msg(exited_within(pid, 10, &status),
			      "truncate still waits 10 s after UNPIN");
	} else {
		ck_assert_msg(exited_within(pid, 10, &status),
			      "truncate of a page-cache file waited for a pin");
		ck_assert(!glt_dev_unpin(fd, p.handle));
	}
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "ftruncate failed in the child");
	close(fd);
	glt_provider_teardown(&m);
	ck_assert_msg(glt_vmstat_pins_held() == pins0, "pins do not balance");
}

static void reason_truncate_fsdax_ext4(void)
{
	truncate_vs_pin(GLT_KIND_FSDAX_EXT4, 1);
}

static void reason_truncate_fsdax_xfs(void)
{
	truncate_vs_pin(GLT_KIND_FSDAX_XFS, 1);
}

static void reason_truncate_pagecache(void)
{
	truncate_vs_pin(GLT_KIND_PAGECACHE_EXT4, 0);
}

const struct glt_abi_case glt_reason_cases[] = {
	{ "reason/truncate-waits-for-pinned-fsdax-ext4",
	  reason_truncate_fsdax_ext4 },
	{ "reason/truncate-waits-for-pinned-fsdax-xfs",
	  reason_truncate_fsdax_xfs },
	{ "reason/truncate-pagecache-ext4-does-not-wait",
	  reason_truncate_pagecache },
};
GLT_TABLE_COUNT(glt_reason_cases);
