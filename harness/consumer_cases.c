// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own long-term pinners on every memory kind: io_uring fixed
 * buffers, V4L2 USERPTR buffers (get_vaddr_frames()) and RDMA memory
 * registration (ib_umem_get()). Each consumer (consumer_*.c) takes a buffer
 * its own way; this file gives it the memory, asks the oracle what the
 * consumer must answer, and checks that every pin it took is given back.
 */
#include "extra_cases.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "consumer.h"
#include "engine.h"
#include "oracle.h"
#include "provider.h"
#include "sizes.h"
#include "vmstat.h"

static const struct glt_consumer *const consumers[] = {
	&glt_consumer_io_uring,
	&glt_consumer_v4l2,
	&glt_consumer_rdma,
	&glt_consumer_frame_vector,
};
#define NR_CONSUMERS (sizeof(consumers) / sizeof(consumers[0]))

const struct glt_consumer *const *glt_consumers(unsigned int *n)
{
	*n = NR_CONSUMERS;
	return consumers;
}

unsigned int glt_consumer_cases(struct glt_consumer_case *out, unsigned int max)
{
	unsigned int n = 0;

	for (unsigned int c = 0; c < NR_CONSUMERS; c++)
		for (int k = 0; k < GLT_KIND_COUNT && n < max; k++) {
			if (!consumers[c]->wants((enum glt_kind)k))
				continue;
			snprintf(out[n].name, sizeof(out[n].name),
				 "consumer/%s/%s", consumers[c]->name,
				 glt_kind_name((enum glt_kind)k));
			out[n].kind = k;
			out[n++].consumer = (int)c;
		}
	return n;
}

static const char *errname(int err)
{
	const char *n = err ? strerrorname_np(err) : NULL;

	return n ? n : "?";
}

/* The memory facts of the first bytes of the mapping only. */
static unsigned int clamp_segments(const struct glt_mapping *m, size_t bytes,
				   struct glt_mem_facts *seg)
{
	unsigned long left = (bytes + PAGE_SZ - 1) / PAGE_SZ;
	unsigned int n = 0;

	for (unsigned int i = 0; i < m->nseg && left; i++) {
		seg[n] = m->seg[i];
		if (seg[n].nr_pages > left)
			seg[n].nr_pages = left;
		left -= seg[n++].nr_pages;
	}
	return n;
}

/*
 * The consumer takes the buffer: its errno, or its page count and pins
 * that move; then it gives the buffer back. Returns its errno.
 */
static int take_and_give_back(const struct glt_engine_ctx *ctx,
			      const struct glt_consumer *con, void *state,
			      const struct glt_mapping *m, size_t bytes,
			      const struct glt_expect *exp,
			      unsigned long *taken)
{
	long long pins0 = glt_vmstat_pins_held();
	int got, ret;

	*taken = (bytes + PAGE_SZ - 1) / PAGE_SZ;
	got = con->take(state, m->addr, bytes, taken);
	ck_assert_msg(got == exp->error, "%s: expected %s%s (%s: %s), got %s%s",
		      con->call, exp->error ? "-" : "success",
		      exp->error ? errname(exp->error) : "", exp->rule->id,
		      glt_rule_cite(exp->rule, ctx->kf->version),
		      got ? "-" : "success", got ? errname(got) : "");
	if (got)
		return got;
	ck_assert_msg(*taken == exp->nr_pinned,
		      "%s took %lu pages, expected %lu (%s)", con->call, *taken,
		      exp->nr_pinned, exp->rule->id);
	/* A write pin never holds the zero page: pins must move. */
	ck_assert_msg(glt_vmstat_pins_held() > pins0,
		      "%s succeeded, but nr_foll_pin_acquired did not move",
		      con->call);
	ret = con->give_back(state);
	ck_assert_msg(!ret, "%s: giving the buffer back: %s", con->name,
		      strerror(ret));
	return 0;
}

void glt_consumer_run(const struct glt_engine_ctx *ctx,
		      const struct glt_consumer_case *cc, char *detail,
		      size_t len, int *skipped)
{
	const struct glt_consumer *con = consumers[cc->consumer];
	enum glt_kind kind = (enum glt_kind)cc->kind;
	struct glt_mem_facts seg[GLT_MAX_SEGMENTS];
	struct glt_mapping m;
	struct glt_expect exp;
	unsigned int nseg;
	long long pins0;
	void *state = NULL;
	size_t bytes;
	char err[512];
	unsigned long taken = 0;
	int ret, got;

	if (glt_engine_prove_absent(ctx, kind, con->call, detail, len, skipped))
		return;
	ret = con->open(&state, err, sizeof(err));
	if (ret == GLT_PROVIDER_SKIP) {
		*skipped = 1;
		snprintf(detail, len, "%s", err);
		return;
	}
	ck_assert_msg(!ret, "%s: %s", con->name, err);
	ret = glt_provider_setup(kind, ctx->fx, GLT_SPAN_MANY_PAGES, &m, err,
				 sizeof(err));
	if (ret == GLT_PROVIDER_SKIP) {
		*skipped = 1;
		snprintf(detail, len, "%s", err);
		con->close(state);
		return;
	}
	ck_assert_msg(!ret, "%s provider: %s", glt_kind_name(kind), err);
	bytes = con->buffer_bytes ?
			con->buffer_bytes(state, m.nr_pages * PAGE_SZ) :
			m.nr_pages * PAGE_SZ;
	ck_assert_msg(bytes && bytes <= m.nr_pages * PAGE_SZ,
		      "%s wants %zu bytes, the %s mapping has %lu", con->call,
		      bytes, glt_kind_name(kind), m.nr_pages * PAGE_SZ);
	nseg = clamp_segments(&m, bytes, seg);
	exp = con->expect(ctx->kf, seg, nseg);
	if (exp.error)
		snprintf(detail, len, "expect %s of %zu bytes -%s (%s: %s)",
			 con->call, bytes, errname(exp.error), exp.rule->id,
			 glt_rule_cite(exp.rule, ctx->kf->version));
	else
		snprintf(detail, len,
			 "expect %s of %zu bytes to take %lu pages (%s: %s)",
			 con->call, bytes, exp.nr_pinned, exp.rule->id,
			 glt_rule_cite(exp.rule, ctx->kf->version));

	pins0 = glt_vmstat_pins_held();
	got = take_and_give_back(ctx, con, state, &m, bytes, &exp, &taken);
	con->close(state);
	ck_assert_msg(glt_vmstat_pins_held() == pins0,
		      "%s left pins behind: nr_foll_pin_acquired-released moved by %lld",
		      con->name, glt_vmstat_pins_held() - pins0);
	if (got)
		snprintf(detail + strlen(detail), len - strlen(detail),
			 "; got -%s", errname(got));
	else
		snprintf(detail + strlen(detail), len - strlen(detail),
			 "; got %lu pages", taken);
	glt_provider_teardown(&m);
}
