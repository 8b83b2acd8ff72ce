// SPDX-License-Identifier: GPL-2.0
#include "engine.h"

#include <check.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coherence.h"
#include "device.h"
#include "oracle.h"
#include "provider.h"
#include "vmstat.h"

#define MAXP GLT_SPAN_MANY_PAGES

static const char *errname(int err)
{
	const char *n = err ? strerrorname_np(err) : NULL;

	return n ? n : "?";
}

static void slot_printf(struct glt_case_slot *slot, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void slot_printf(struct glt_case_slot *slot, const char *fmt, ...)
{
	size_t used = strlen(slot->detail);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(slot->detail + used, sizeof(slot->detail) - used, fmt, ap);
	va_end(ap);
}

/*
 * Read the counters of n pages through a pin's handle. First drain the
 * per-CPU LRU batches: GUP's FOLL_TOUCH marks pages accessed, and
 * folio_mark_accessed() -> folio_activate() parks a reference in a per-CPU
 * batch (mm/swap.c) until it fills up or is drained, which would otherwise
 * show as a stray +1 on whichever page is still in the batch.
 */
static void query_all(int fd, uint32_t handle, void *addr, unsigned long n,
		      struct glt_page_info *info, const char *what)
{
	long got;

	glt_drain_lru_batches(addr, n);
	memset(info, 0xa5, n * sizeof(*info));
	got = glt_dev_query(fd, handle, 0, n, info);
	ck_assert_msg(got == (long)n, "QUERY (%s) returned %ld of %lu: %s",
		      what, got, n, got < 0 ? strerror(errno) : "short");
	for (unsigned long i = 0; i < n; i++)
		ck_assert_msg(info[i].flags & GLT_PAGE_PFN_VALID,
			      "QUERY (%s): no pfn for page %lu; the harness runs as root and needs pfns (CAP_SYS_ADMIN)",
			      what, i);
}

static long long pins_held(void)
{
	long long v = glt_vmstat_pins_held();

	ck_assert_msg(v >= 0, "cannot read nr_foll_pin_* from /proc/vmstat: %s",
		      strerror(errno));
	return v;
}

/* Page i's folio counters must equal want[i]'s. */
static void assert_counters(const struct glt_page_info *now,
			    const struct glt_page_info *want, unsigned long n,
			    const char *when)
{
	for (unsigned long i = 0; i < n; i++) {
		ck_assert_msg(now[i].pfn == want[i].pfn,
			      "%s: page %lu is pfn %#llx, expected %#llx", when,
			      i, (unsigned long long)now[i].pfn,
			      (unsigned long long)want[i].pfn);
		ck_assert_msg(now[i].folio_refcount == want[i].folio_refcount,
			      "%s: page %lu folio refcount %lld, expected %lld",
			      when, i, (long long)now[i].folio_refcount,
			      (long long)want[i].folio_refcount);
		ck_assert_msg(now[i].folio_pincount == want[i].folio_pincount,
			      "%s: page %lu folio pincount %lld, expected %lld",
			      when, i, (long long)now[i].folio_pincount,
			      (long long)want[i].folio_pincount);
		ck_assert_msg((now[i].flags & GLT_PAGE_MAYBE_DMA_PINNED) ==
				      (want[i].flags &
				       GLT_PAGE_MAYBE_DMA_PINNED),
			      "%s: page %lu maybe_dma_pinned is %d, expected %d",
			      when, i,
			      !!(now[i].flags & GLT_PAGE_MAYBE_DMA_PINNED),
			      !!(want[i].flags & GLT_PAGE_MAYBE_DMA_PINNED));
	}
}

/* Pages among the first n that share page i's folio. */
static long pages_in_folio(const struct glt_page_info *info, unsigned long n,
			   unsigned long i)
{
	unsigned int order = info[i].folio_order;
	long count = 0;

	for (unsigned long j = 0; j < n; j++)
		if (info[j].pfn >> order == info[i].pfn >> order)
			count++;
	return count;
}

/* The pages are what the oracle says this memory must be. */
static void assert_memory(const struct glt_engine_ctx *ctx,
			  const struct glt_mapping *m,
			  const struct glt_page_info *info, unsigned long n,
			  const enum glt_outcome_pages *outcome,
			  const char *what)
{
	for (unsigned long i = 0; i < n; i++) {
		const struct glt_mem_facts *s =
			&m->seg[glt_mapping_segment(m, i)];
		enum glt_outcome_pages out = outcome[glt_mapping_segment(m, i)];
		const struct glt_rule *order_rule, *zone_rule, *anon_rule;
		int order =
			glt_oracle_folio_order(ctx->kf, s, out, &order_rule);
		int zone_device = glt_oracle_zone_device(s, out, &zone_rule);
		bool zero, anon = glt_oracle_anon(s, out, &zero, &anon_rule);

		if (order >= 0)
			ck_assert_msg(info[i].folio_order ==
					      (unsigned int)order,
				      "%s page %lu: folio order %u, expected %d (%s)",
				      what, i, info[i].folio_order, order,
				      glt_rule_cite(order_rule,
						    ctx->kf->version));
		ck_assert_msg(!!(info[i].flags & GLT_PAGE_ZONE_DEVICE) ==
				      zone_device,
			      "%s page %lu: ZONE_DEVICE is %d, expected %d (%s)",
			      what, i, !!(info[i].flags & GLT_PAGE_ZONE_DEVICE),
			      zone_device,
			      glt_rule_cite(zone_rule, ctx->kf->version));
		ck_assert_msg(!!(info[i].flags & GLT_PAGE_ANON) == anon,
			      "%s page %lu: anon is %d, expected %d (%s)", what,
			      i, !!(info[i].flags & GLT_PAGE_ANON), anon,
			      glt_rule_cite(anon_rule, ctx->kf->version));
		ck_assert_msg(!!(info[i].flags & GLT_PAGE_ZERO) == zero,
			      "%s page %lu: zero page is %d, expected %d (%s)",
			      what, i, !!(info[i].flags & GLT_PAGE_ZERO), zero,
			      glt_rule_cite(anon_rule, ctx->kf->version));
	}
}

/* What happens to one folio: summed over its pinned pages. */
struct folio_change {
	long ref, pincount, moved_ref;
	bool dma_pinned;
};

/*
 * The change to the folio of page i from the pin of the case's np pages:
 * each page of it pinned in place adds the pin's references; each page
 * whose mapping moved to a new page drops the reference its PTE held (or
 * the folio's one, for a PMD or a huge PTE, once), after the references a
 * split of the folio's PMD added (once). A folio's pages may do both: a
 * partly shared THP copies its first page and pins the others in place.
 */
static struct folio_change folio_change(const struct glt_engine_ctx *ctx,
					const struct glt_case *c,
					const struct glt_mapping *m,
					const struct glt_expect *exp,
					const struct glt_page_info *base,
					unsigned long np, unsigned long i)
{
	unsigned int order = base[i].folio_order;
	bool per_folio_done = false, split_done = false;
	struct folio_change f = { 0 };

	for (unsigned long j = 0; j < np; j++) {
		unsigned int s = glt_mapping_segment(m, j);
		const struct glt_rule *rule;

		if (base[j].pfn >> order != base[i].pfn >> order)
			continue;
		if (exp->outcome[s] != GLT_OUT_SAME) {
			long d = glt_oracle_cowed_away_delta(ctx->kf,
							     &m->seg[s], &rule);

			if (!rule->per_folio || !per_folio_done)
				f.moved_ref += d;
			per_folio_done = per_folio_done || rule->per_folio;
			if (rule->split_pmd && !split_done)
				f.moved_ref += (1L << ctx->kf->pmd_order) - 1;
			split_done = split_done || rule->split_pmd;
		} else {
			struct glt_accounting a =
				glt_oracle_accounting(ctx->kf,
						      glt_api_is_get(c->api),
						      order > 0,
						      base[j].flags &
							      GLT_PAGE_ZERO);

			f.ref += a.ref_delta;
			f.pincount += a.pincount_delta;
			f.dma_pinned = f.dma_pinned || a.dma_pinned;
		}
	}
	return f;
}

/*
 * What the observer must read while the case's np pages are pinned
 * (pinned) and after they are released (after).
 */
static void expected_states(const struct glt_engine_ctx *ctx,
			    const struct glt_case *c,
			    const struct glt_mapping *m,
			    const struct glt_expect *exp,
			    const struct glt_page_info *base, unsigned long n,
			    unsigned long np, struct glt_page_info *pinned,
			    struct glt_page_info *after)
{
	for (unsigned long i = 0; i < n; i++) {
		struct folio_change f;

		pinned[i] = after[i] = base[i];
		if (i >= np)
			continue;
		f = folio_change(ctx, c, m, exp, base, np, i);
		pinned[i].folio_refcount += f.moved_ref + f.ref;
		after[i].folio_refcount += f.moved_ref;
		if (base[i].folio_order > 0)
			pinned[i].folio_pincount += f.pincount;
		if (f.dma_pinned)
			pinned[i].flags |= GLT_PAGE_MAYBE_DMA_PINNED;
	}
}

/* The pin's own pages: the observer's, or fresh anonymous copies. */
static void assert_held(const struct glt_engine_ctx *ctx,
			const struct glt_case *c, const struct glt_mapping *m,
			const struct glt_expect *exp,
			const struct glt_page_info *held,
			const struct glt_page_info *base, unsigned long np)
{
	bool get = glt_api_is_get(c->api);

	assert_memory(ctx, m, held, np, exp->outcome, "pinned");
	for (unsigned long i = 0; i < np; i++) {
		unsigned int s = glt_mapping_segment(m, i);
		const struct glt_rule *fresh_rule;
		struct glt_accounting a;
		long long want;

		if (exp->outcome[s] == GLT_OUT_SAME) {
			if (base)
				ck_assert_msg(held[i].pfn == base[i].pfn,
					      "page %lu: the pin holds pfn %#llx, the mapping had %#llx (%s)",
					      i,
					      (unsigned long long)held[i].pfn,
					      (unsigned long long)base[i].pfn,
					      exp->outcome_rule[s]->id);
			continue;
		}
		if (base)
			ck_assert_msg(held[i].pfn != base[i].pfn,
				      "page %lu: the pin holds the mapped pfn %#llx, expected a new page (%s: %s)",
				      i, (unsigned long long)held[i].pfn,
				      exp->outcome_rule[s]->id,
				      glt_rule_cite(exp->outcome_rule[s],
						    ctx->kf->version));
		a = glt_oracle_accounting(ctx->kf, get, held[i].folio_order > 0,
					  false);
		/*
		 * A new large folio (a THP for the huge zero page) holds
		 * the pin's reference of each of its pinned pages.
		 */
		want = glt_oracle_fresh_page_refcount(&m->seg[s],
						      exp->outcome[s],
						      &fresh_rule) +
		       a.ref_delta * pages_in_folio(held, np, i);
		ck_assert_msg(held[i].folio_refcount == want,
			      "page %lu: new page refcount %lld, expected %lld (%s + %s)",
			      i, (long long)held[i].folio_refcount, want,
			      fresh_rule->id, a.rule->id);
	}
}

static long expected_vmstat(const struct glt_engine_ctx *ctx,
			    const struct glt_case *c,
			    const struct glt_page_info *held, unsigned long np)
{
	long sum = 0;

	for (unsigned long i = 0; i < np; i++)
		sum += glt_oracle_accounting(ctx->kf, glt_api_is_get(c->api),
					     held[i].folio_order > 0,
					     held[i].flags & GLT_PAGE_ZERO)
			       .vmstat_pins;
	return sum;
}

static bool any_new_pages(const struct glt_mapping *m,
			  const struct glt_expect *exp)
{
	for (unsigned int s = 0; s < m->nseg; s++)
		if (exp->outcome[s] != GLT_OUT_SAME)
			return true;
	return false;
}

/* One matrix case as it runs: its memory, expectation and counters. */
struct run {
	const struct glt_engine_ctx *ctx;
	const struct glt_case *c;
	struct glt_case_slot *slot;
	struct glt_mapping m;
	struct glt_expect exp;
	struct glt_pin observer; /* valid when m.observable */
	struct glt_page_info base[MAXP], now[MAXP], held[MAXP];
	struct glt_page_info want_pinned[MAXP], want_after[MAXP];
	long long pins0;  /* nr_foll_pin_acquired - released before the pin */
	unsigned long n;  /* pages of the range */
	unsigned long np; /* pages the pin under test holds */
	unsigned int flags;
	bool longterm;
	int fd;
};

int glt_engine_prove_absent(const struct glt_engine_ctx *ctx,
			    enum glt_kind kind, const char *use, char *detail,
			    size_t len, int *skipped)
{
	struct glt_availability av = glt_oracle_available(ctx->kf, kind);
	const char *cite;
	char err[512];
	int got = -1, ret;

	if (!av.error)
		return 0;
	cite = glt_rule_cite(av.rule, ctx->kf->version);
	ret = glt_provider_try_unavailable(kind, av.attempt, ctx->fx, &got, err,
					   sizeof(err));
	if (ret == GLT_PROVIDER_SKIP) {
		*skipped = 1;
		snprintf(detail, len, "%s", err);
		return 1;
	}
	ck_assert_msg(!ret, "%s: %s", glt_kind_name(kind), err);
	ck_assert_msg(got == av.error, "%s: expected -%s (%s: %s), got %s%s",
		      av.step, errname(av.error), av.rule->id, cite,
		      got ? "-" : "success", got ? errname(got) : "");
	snprintf(detail, len,
		 "expect %s to fail with -%s (%s: %s); got -%s: no %s memory for %s on this kernel",
		 av.step, errname(av.error), av.rule->id, cite, errname(got),
		 glt_kind_name(kind), use);
	return 1;
}

/* The case's detail line starts with what the oracle expects. */
static void describe_expectation(struct run *r)
{
	const struct glt_expect *exp = &r->exp;
	unsigned int v = r->ctx->kf->version;
	unsigned int s = exp->outcome[0] != GLT_OUT_SAME ? 0 : 1;
	const struct glt_rule *left;

	if (exp->error) {
		snprintf(r->slot->detail, sizeof(r->slot->detail),
			 "expect -%s (%s: %s)", errname(exp->error),
			 exp->rule->id, glt_rule_cite(exp->rule, v));
		return;
	}
	snprintf(r->slot->detail, sizeof(r->slot->detail),
		 "expect %lu of %lu pages pinned (%s: %s)", exp->nr_pinned,
		 r->n, exp->rule->id, glt_rule_cite(exp->rule, v));
	/*
	 * Pages pinned where they are by a rule of their own (a fault that
	 * reuses them, or none where a later kernel unshares): named, so
	 * that the rule history counts it as it counts the new pages' rule.
	 */
	for (unsigned int i = 0; i < r->m.nseg; i++)
		if (exp->outcome[i] == GLT_OUT_SAME && exp->outcome_rule[i] &&
		    !exp->outcome_rule[i]->general) {
			slot_printf(r->slot, ", pages in place: %s",
				    exp->outcome_rule[i]->id);
			break;
		}
	if (!any_new_pages(&r->m, exp))
		return;
	slot_printf(r->slot, ", new pages: %s", exp->outcome_rule[s]->id);
	/* What becomes of the page the new one replaces, where it is seen. */
	if (r->m.observable) {
		glt_oracle_cowed_away_delta(r->ctx->kf, &r->m.seg[s], &left);
		slot_printf(r->slot, ", the page left behind: %s", left->id);
	}
}

/*
 * The baseline, once it holds still. I/O that just completed can hold a
 * page reference a moment longer than the syscall that waited for it: the
 * writeback of msync(MS_SYNC) ends in end_page_writeback(), which takes a
 * reference, clears PG_writeback, wakes the waiter and only then puts the
 * reference (v5.10 mm/filemap.c), so the woken harness can read one too
 * many (measured on dax-5.10 under load, twice: a baseline 1 above the
 * steady count, a failed pagecache-ext4 case). Such a reference is not
 * the test's. Memory the provider wrote back (fs_writeback) is read until
 * three readings 10 ms apart agree (at most 1 s); other memory once.
 */
static void settled_baseline(struct run *r)
{
	struct glt_page_info again[MAXP];
	int agreed = 0;

	query_all(r->fd, r->observer.handle, r->m.addr, r->n, r->base,
		  "baseline");
	for (int tries = 0;
	     r->m.seg[0].fs_writeback && agreed < 2 && tries < 100; tries++) {
		bool same = true;

		usleep(10000);
		query_all(r->fd, r->observer.handle, r->m.addr, r->n, again,
			  "baseline");
		for (unsigned long i = 0; i < r->n; i++)
			same = same && again[i].folio_refcount ==
					       r->base[i].folio_refcount;
		agreed = same ? agreed + 1 : 0;
		memcpy(r->base, again, r->n * sizeof(again[0]));
	}
}

/*
 * The observer: a transient GET of the same pages, the instrument through
 * which QUERY reads their counters before, during and after the pin under
 * test. Its own +1 is part of the baseline. Memory that GUP cannot return
 * (a hole, PROT_NONE, PFNMAP, secretmem) has none.
 */
static void observe_baseline(struct run *r)
{
	enum glt_outcome_pages same[GLT_MAX_SEGMENTS] = { GLT_OUT_SAME,
							  GLT_OUT_SAME };
	int ret;

	if (!r->m.observable)
		return;
	ret = glt_dev_pin(r->fd, 0, r->m.addr, r->n, GLT_PIN_GET, &r->observer);
	ck_assert_msg(!ret && r->observer.nr_pinned == r->n,
		      "observer get_user_pages() of %lu pages: %s (%llu pinned)",
		      r->n, ret ? strerror(errno) : "partial",
		      (unsigned long long)r->observer.nr_pinned);
	settled_baseline(r);
	assert_memory(r->ctx, &r->m, r->base, r->n, same, "mapped");
	for (unsigned long i = 0; i < r->n; i++)
		ck_assert_msg(!(r->base[i].flags & GLT_PAGE_MAYBE_DMA_PINNED) ||
				      (r->base[i].flags & GLT_PAGE_ZERO),
			      "page %lu is maybe_dma_pinned before the test pins it",
			      i);
}

/* A refused pin: its errno, and no counter moved. */
static void check_refused(struct run *r, int ret, const struct glt_pin *pin)
{
	const struct glt_expect *exp = &r->exp;
	int got = ret ? errno : 0;
	long long pins;

	ck_assert_msg(ret && got == exp->error,
		      "expected -%s (%s: %s), got %s%s (%llu pages pinned)",
		      errname(exp->error), exp->rule->id,
		      glt_rule_cite(exp->rule, r->ctx->kf->version),
		      ret ? "-" : "success", ret ? errname(got) : "",
		      (unsigned long long)pin->nr_pinned);
	slot_printf(r->slot, "; got -%s", errname(got));
	if (r->m.observable) {
		query_all(r->fd, r->observer.handle, r->m.addr, r->n, r->now,
			  "after the refused pin");
		assert_counters(r->now, r->base, r->n, "after the refused pin");
	}
	pins = pins_held();
	ck_assert_msg(pins == r->pins0,
		      "a refused pin moved nr_foll_pin_acquired-released by %lld",
		      pins - r->pins0);
}

/*
 * A pin that succeeded: its page count, the pages it holds and their
 * counters while pinned, the vmstat pin counters, then UNPIN.
 */
static void check_pinned(struct run *r, int ret, const struct glt_pin *pin)
{
	const struct glt_engine_ctx *ctx = r->ctx;
	const struct glt_expect *exp = &r->exp;
	const char *cite = glt_rule_cite(exp->rule, ctx->kf->version);
	const struct glt_rule *order_rule, *zone_rule;
	long long pins;

	r->np = exp->nr_pinned;
	ck_assert_msg(!ret, "expected %lu pages pinned (%s: %s), got -%s",
		      r->np, exp->rule->id, cite, errname(errno));
	ck_assert_msg(pin->nr_pinned == r->np && pin->handle != GLT_HANDLE_NONE,
		      "expected %lu pages pinned (%s: %s), got %llu (handle %u)",
		      r->np, exp->rule->id, cite,
		      (unsigned long long)pin->nr_pinned, pin->handle);
	slot_printf(r->slot, "; got %lu pinned", r->np);
	query_all(r->fd, pin->handle, r->m.addr, r->np, r->held,
		  "the pin itself");
	assert_held(ctx, r->c, &r->m, exp, r->held,
		    r->m.observable ? r->base : NULL, r->np);
	if (r->m.observable) {
		expected_states(ctx, r->c, &r->m, exp, r->base, r->n, r->np,
				r->want_pinned, r->want_after);
		query_all(r->fd, r->observer.handle, r->m.addr, r->n, r->now,
			  "pinned");
		assert_counters(r->now, r->want_pinned, r->n, "while pinned");
	}
	pins = pins_held();
	ck_assert_msg(pins - r->pins0 ==
			      expected_vmstat(ctx, r->c, r->held, r->np),
		      "pinned: nr_foll_pin_acquired-released moved by %lld, expected %ld",
		      pins - r->pins0,
		      expected_vmstat(ctx, r->c, r->held, r->np));
	slot_printf(r->slot, "; accounting %s",
		    glt_oracle_accounting(ctx->kf, glt_api_is_get(r->c->api),
					  r->held[0].folio_order > 0,
					  r->held[0].flags & GLT_PAGE_ZERO)
			    .rule->id);
	/* The memory rules assert_held() checked the first page by. */
	glt_oracle_folio_order(ctx->kf, &r->m.seg[0], exp->outcome[0],
			       &order_rule);
	glt_oracle_zone_device(&r->m.seg[0], exp->outcome[0], &zone_rule);
	slot_printf(r->slot, "; memory %s, %s", order_rule->id, zone_rule->id);

	ck_assert_msg(!glt_dev_unpin(r->fd, pin->handle), "UNPIN: %s",
		      strerror(errno));
	if (r->m.observable) {
		query_all(r->fd, r->observer.handle, r->m.addr, r->n, r->now,
			  "after UNPIN");
		assert_counters(r->now, r->want_after, r->n, "after UNPIN");
	}
	ck_assert_msg(pins_held() == r->pins0,
		      "after UNPIN: nr_foll_pin_acquired-released does not balance");
}

/* Pins belong to the open file: close() must release them. */
static void check_close_releases(struct run *r)
{
	struct glt_pin pin;
	int fd2 = glt_dev_open(), ret;

	ck_assert_msg(fd2 >= 0, "second open: %s", strerror(errno));
	ret = glt_dev_pin(fd2, r->longterm, r->m.addr, r->n, r->flags, &pin);
	ck_assert_msg(!ret && pin.nr_pinned == r->np,
		      "the same pin on a second open file: %s (%llu pinned)",
		      ret ? strerror(errno) : "ok",
		      (unsigned long long)pin.nr_pinned);
	if (r->m.observable && !any_new_pages(&r->m, &r->exp)) {
		query_all(r->fd, r->observer.handle, r->m.addr, r->n, r->now,
			  "pinned through a second file");
		assert_counters(r->now, r->want_pinned, r->n,
				"pinned through a second file");
	}
	close(fd2);
	if (r->m.observable) {
		query_all(r->fd, r->observer.handle, r->m.addr, r->n, r->now,
			  "after close");
		assert_counters(r->now, r->want_after, r->n,
				"after close of a file holding a pin");
	}
	ck_assert_msg(pins_held() == r->pins0,
		      "after close: nr_foll_pin_acquired-released does not balance");
	slot_printf(r->slot, "; released by UNPIN and by close");
}

void glt_engine_run_case(const struct glt_engine_ctx *ctx,
			 const struct glt_case *c, struct glt_case_slot *slot)
{
	static struct run r; /* one case per forked child: not on the stack */
	struct glt_pin pin = { 0 };
	char err[512];
	int ret;

	if (glt_engine_prove_absent(ctx, c->kind, glt_api_name(c->api),
				    slot->detail, sizeof(slot->detail),
				    &slot->skipped))
		return;
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.c = c;
	r.slot = slot;
	r.longterm = glt_api_is_longterm(c->api);
	r.flags = glt_case_pin_flags(c);
	r.fd = glt_dev_open();
	ck_assert_msg(r.fd >= 0, "open %s: %s", GLT_DEVICE_PATH,
		      strerror(errno));
	ret = glt_provider_setup(c->kind, ctx->fx, glt_span_pages(c->span),
				 &r.m, err, sizeof(err));
	if (ret == GLT_PROVIDER_SKIP) {
		slot->skipped = 1;
		snprintf(slot->detail, sizeof(slot->detail), "%s", err);
		close(r.fd);
		return;
	}
	ck_assert_msg(!ret, "%s provider: %s", glt_kind_name(c->kind), err);
	r.n = r.m.nr_pages;
	/* The observer will hold every page when the pin is taken. */
	for (unsigned int s = 0; s < r.m.nseg; s++)
		r.m.seg[s].observed = r.m.observable;
	r.exp = glt_oracle_pin(ctx->kf, c, r.m.seg, r.m.nseg);
	describe_expectation(&r);

	/*
	 * Test hook of the test-bed (ci/testbed/guest-init, stage leftovers):
	 * every case fails here, its memory made and nothing released, to
	 * prove that a failing case leaves its fixture directory as it was.
	 */
	if (getenv("GLT_TEST_FAIL_AFTER_SETUP"))
		ck_abort_msg("GLT_TEST_FAIL_AFTER_SETUP: failed on purpose after setting up %s",
			     glt_kind_name(c->kind));

	observe_baseline(&r);
	r.pins0 = pins_held();
	ret = glt_dev_pin(r.fd, r.longterm, r.m.addr, r.n, r.flags, &pin);
	if (r.exp.error) {
		check_refused(&r, ret, &pin);
	} else {
		check_pinned(&r, ret, &pin);
		check_close_releases(&r);
	}
	if (r.m.observable)
		ck_assert_msg(!glt_dev_unpin(r.fd, r.observer.handle),
			      "UNPIN observer: %s", strerror(errno));
	close(r.fd);
	glt_provider_teardown(&r.m);
	/* What a device sees through the pin, on memory made afresh. */
	if (!r.exp.error)
		glt_coherence_check(ctx, c, &r.exp, slot->detail,
				    sizeof(slot->detail));
}
