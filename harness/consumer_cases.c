// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own long-term pinners on every memory kind. io_uring fixed
 * buffers (IORING_REGISTER_BUFFERS) pin with FOLL_WRITE | FOLL_LONGTERM, and
 * added rules of their own over the kernel versions (io_uring/rsrc.c). The
 * syscalls are made directly: the kernel path is the one liburing takes.
 */
#include "abi_cases.h"

#include <check.h>
#include <errno.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "engine.h"
#include "oracle.h"
#include "provider.h"
#include "vmstat.h"

#define PAGE_SZ 4096UL

unsigned int glt_consumer_cases(struct glt_consumer_case *out, unsigned int max)
{
	unsigned int n = 0;

	for (int k = 0; k < GLT_KIND_COUNT && n < max; k++) {
		/* A hole has no buffer to register; PROT_NONE and PFNMAP do. */
		if (k == GLT_KIND_UNMAPPED)
			continue;
		snprintf(out[n].name, sizeof(out[n].name), "consumer/io-uring/%s",
			 glt_kind_name((enum glt_kind)k));
		out[n++].kind = k;
	}
	return n;
}

static const char *errname(int err)
{
	const char *n = err ? strerrorname_np(err) : NULL;

	return n ? n : "?";
}

void glt_consumer_run(const struct glt_engine_ctx *ctx,
		      const struct glt_consumer_case *cc, char *detail,
		      size_t len, int *skipped)
{
	enum glt_kind kind = (enum glt_kind)cc->kind;
	struct io_uring_params params;
	struct glt_availability av;
	struct glt_mapping m;
	struct glt_expect exp;
	long long pins0;
	struct iovec iov;
	char err[512];
	int ring, ret, got;

	av = glt_oracle_available(ctx->kf, kind);
	if (av.error) {
		/* No such memory here: prove that instead, as the matrix does. */
		ret = glt_provider_try_unavailable(kind, ctx->fx, &got, err,
						   sizeof(err));
		if (ret == GLT_PROVIDER_SKIP) {
			*skipped = 1;
			snprintf(detail, len, "%s", err);
			return;
		}
		ck_assert_msg(!ret, "%s: %s", glt_kind_name(kind), err);
		ck_assert_msg(got == av.error, "%s: expected -%s (%s), got %s",
			      av.step, errname(av.error), av.rule->id,
			      got ? errname(got) : "success");
		snprintf(detail, len,
			 "no %s memory to register on this kernel: %s fails with -%s (%s)",
			 glt_kind_name(kind), av.step, errname(got), av.rule->id);
		return;
	}
	ret = glt_provider_setup(kind, ctx->fx, GLT_SPAN_MANY_PAGES, &m, err,
				 sizeof(err));
	if (ret == GLT_PROVIDER_SKIP) {
		*skipped = 1;
		snprintf(detail, len, "%s", err);
		return;
	}
	ck_assert_msg(!ret, "%s provider: %s", glt_kind_name(kind), err);
	exp = glt_oracle_io_uring(ctx->kf, m.seg, m.nseg);
	snprintf(detail, len, "expect IORING_REGISTER_BUFFERS %s%s (%s: %s)",
		 exp.error ? "-" : "to succeed", exp.error ? errname(exp.error) : "",
		 exp.rule->id, exp.rule->cite);

	memset(&params, 0, sizeof(params));
	ring = (int)syscall(SYS_io_uring_setup, 4, &params);
	if (ring < 0 && (errno == ENOSYS || errno == EPERM)) {
		*skipped = 1;
		snprintf(detail, len, "io_uring is not available: %s",
			 strerror(errno));
		glt_provider_teardown(&m);
		return;
	}
	ck_assert_msg(ring >= 0, "io_uring_setup: %s", strerror(errno));
	pins0 = glt_vmstat_pins_held();
	iov.iov_base = m.addr;
	iov.iov_len = m.nr_pages * PAGE_SZ;
	ret = (int)syscall(SYS_io_uring_register, ring,
			   IORING_REGISTER_BUFFERS, &iov, 1);
	got = ret ? errno : 0;
	ck_assert_msg(got == exp.error,
		      "IORING_REGISTER_BUFFERS: expected %s%s (%s: %s), got %s%s",
		      exp.error ? "-" : "success",
		      exp.error ? errname(exp.error) : "", exp.rule->id,
		      exp.rule->cite, got ? "-" : "success",
		      got ? errname(got) : "");
	if (!got) {
		ck_assert_msg(glt_vmstat_pins_held() > pins0 ||
			      m.seg[0].pages == GLT_PAGES_ZERO,
			      "registered, but nr_foll_pin_acquired did not move");
		ck_assert_msg(!syscall(SYS_io_uring_register, ring,
				       IORING_UNREGISTER_BUFFERS, NULL, 0),
			      "IORING_UNREGISTER_BUFFERS: %s", strerror(errno));
	}
	close(ring);
	ck_assert_msg(glt_vmstat_pins_held() == pins0,
		      "io_uring left pins behind: nr_foll_pin_acquired-released moved by %lld",
		      glt_vmstat_pins_held() - pins0);
	snprintf(detail + strlen(detail), len - strlen(detail), "; got %s%s",
		 got ? "-" : "success", got ? errname(got) : "");
	glt_provider_teardown(&m);
}
