// SPDX-License-Identifier: GPL-2.0
#include "engine.h"

#include <check.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "device.h"
#include "oracle.h"
#include "provider.h"
#include "vmstat.h"

#define MAXP GLT_CASE_PAGES

static const char *errname(int err)
{
	const char *n = err ? strerrorname_np(err) : NULL;

	return n ? n : "?";
}

static void slot_printf(struct glt_case_slot *slot, const char *fmt, ...)
{
	size_t used = strlen(slot->detail);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(slot->detail + used, sizeof(slot->detail) - used, fmt, ap);
	va_end(ap);
}

/*
 * Read the counters of the n pages at addr through a pin's handle. First
 * drain the per-CPU LRU batches: GUP's FOLL_TOUCH marks pages accessed, and
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

/* The folio of page i must look as it did at baseline. */
static void assert_at_baseline(const struct glt_page_info *now,
			       const struct glt_page_info *base,
			       unsigned long n, const char *when)
{
	for (unsigned long i = 0; i < n; i++) {
		ck_assert_msg(now[i].pfn == base[i].pfn,
			      "%s: page %lu moved from pfn %#llx to %#llx",
			      when, i, (unsigned long long)base[i].pfn,
			      (unsigned long long)now[i].pfn);
		ck_assert_msg(now[i].folio_refcount == base[i].folio_refcount,
			      "%s: page %lu folio refcount %lld, baseline %lld",
			      when, i, (long long)now[i].folio_refcount,
			      (long long)base[i].folio_refcount);
		ck_assert_msg(now[i].folio_pincount == base[i].folio_pincount,
			      "%s: page %lu folio pincount %lld, baseline %lld",
			      when, i, (long long)now[i].folio_pincount,
			      (long long)base[i].folio_pincount);
		ck_assert_msg((now[i].flags & GLT_PAGE_MAYBE_DMA_PINNED) ==
			      (base[i].flags & GLT_PAGE_MAYBE_DMA_PINNED),
			      "%s: page %lu maybe_dma_pinned changed to %d",
			      when, i,
			      !!(now[i].flags & GLT_PAGE_MAYBE_DMA_PINNED));
	}
}

/* Pages of the range that share page i's folio. */
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

/* The memory is what the oracle says this kind must be on this kernel. */
static void assert_memory(const struct glt_engine_ctx *ctx,
			  const struct glt_mapping *m,
			  const struct glt_page_info *base)
{
	const struct glt_rule *order_rule, *zone_rule;
	int order = glt_oracle_folio_order(ctx->kf, m->kind, &m->facts,
					   &order_rule);
	int zone_device = glt_oracle_zone_device(m->kind, &zone_rule);

	for (unsigned long i = 0; i < m->nr_pages; i++) {
		if (order >= 0)
			ck_assert_msg(base[i].folio_order == (unsigned int)order,
				      "page %lu: folio order %u, expected %d (%s)",
				      i, base[i].folio_order, order,
				      order_rule->cite);
		ck_assert_msg(!!(base[i].flags & GLT_PAGE_ZONE_DEVICE) ==
			      zone_device,
			      "page %lu: ZONE_DEVICE is %d, expected %d (%s)",
			      i, !!(base[i].flags & GLT_PAGE_ZONE_DEVICE),
			      zone_device, zone_rule->cite);
		ck_assert_msg(!!(base[i].flags & GLT_PAGE_ANON) == m->facts.anon,
			      "page %lu: anon is %d, the provider made %s memory",
			      i, !!(base[i].flags & GLT_PAGE_ANON),
			      m->facts.anon ? "anonymous" : "file or device");
		ck_assert_msg(!(base[i].flags & GLT_PAGE_MAYBE_DMA_PINNED),
			      "page %lu is already maybe_dma_pinned before the test pins it",
			      i);
	}
}

/* After a successful pin: every folio moved by exactly the oracle's delta. */
static void assert_pinned(const struct glt_engine_ctx *ctx,
			  const struct glt_case *c,
			  const struct glt_page_info *now,
			  const struct glt_page_info *base,
			  const struct glt_page_info *held, unsigned long n,
			  const char *when)
{
	bool get = glt_api_is_get(c->api);

	for (unsigned long i = 0; i < n; i++) {
		bool large = base[i].folio_order > 0;
		bool zero = base[i].flags & GLT_PAGE_ZERO;
		struct glt_accounting a =
			glt_oracle_accounting(ctx->kf, get, large, zero);
		long share = pages_in_folio(base, n, i);
		long long want_ref = base[i].folio_refcount +
				     a.ref_delta * share;

		ck_assert_msg(held[i].pfn == base[i].pfn,
			      "%s: the pin holds pfn %#llx at page %lu, the observer %#llx",
			      when, (unsigned long long)held[i].pfn, i,
			      (unsigned long long)base[i].pfn);
		ck_assert_msg(now[i].folio_refcount == want_ref,
			      "%s: page %lu folio refcount %lld, expected %lld = baseline %lld + %ld x %ld (%s: %s)",
			      when, i, (long long)now[i].folio_refcount,
			      want_ref, (long long)base[i].folio_refcount,
			      a.ref_delta, share, a.rule->id, a.rule->cite);
		if (large) {
			long long want_pin = base[i].folio_pincount +
					     a.pincount_delta * share;

			ck_assert_msg(now[i].folio_pincount == want_pin,
				      "%s: page %lu folio pincount %lld, expected %lld (%s: %s)",
				      when, i,
				      (long long)now[i].folio_pincount,
				      want_pin, a.rule->id, a.rule->cite);
		}
		ck_assert_msg(!!(now[i].flags & GLT_PAGE_MAYBE_DMA_PINNED) ==
			      a.dma_pinned,
			      "%s: page %lu maybe_dma_pinned is %d, expected %d (%s)",
			      when, i,
			      !!(now[i].flags & GLT_PAGE_MAYBE_DMA_PINNED),
			      a.dma_pinned, a.rule->id);
	}
}

static long expected_vmstat(const struct glt_engine_ctx *ctx,
			    const struct glt_case *c,
			    const struct glt_page_info *base, unsigned long n)
{
	long sum = 0;

	for (unsigned long i = 0; i < n; i++)
		sum += glt_oracle_accounting(ctx->kf, glt_api_is_get(c->api),
					     base[i].folio_order > 0,
					     base[i].flags & GLT_PAGE_ZERO)
			       .vmstat_pins;
	return sum;
}

void glt_engine_run_case(const struct glt_engine_ctx *ctx,
			 const struct glt_case *c, struct glt_case_slot *slot)
{
	struct glt_page_info base[MAXP], now[MAXP], held[MAXP];
	struct glt_pin observer, pin;
	struct glt_mapping m;
	struct glt_expect exp;
	long long pins0, pins;
	char err[512];
	int fd, fd2, ret;
	unsigned long n;
	long want_pins;

	fd = glt_dev_open();
	ck_assert_msg(fd >= 0, "open %s: %s", GLT_DEVICE_PATH, strerror(errno));
	ck_assert_msg(!glt_provider_setup(c->kind, ctx->fx, &m, err, sizeof(err)),
		      "%s provider: %s", glt_kind_name(c->kind), err);
	n = m.nr_pages;
	exp = glt_oracle_pin(ctx->kf, c, &m.facts);
	if (exp.error)
		snprintf(slot->detail, sizeof(slot->detail),
			 "expect -%s (%s: %s)", errname(exp.error),
			 exp.rule->id, exp.rule->cite);
	else
		snprintf(slot->detail, sizeof(slot->detail),
			 "expect %lu pages pinned (%s: %s)", n, exp.rule->id,
			 exp.rule->cite);

	/*
	 * The observer: a transient GET of the same pages, the instrument
	 * through which QUERY reads their counters before, during and after
	 * the pin under test. Its own +1 is part of the baseline.
	 */
	ret = glt_dev_pin(fd, 0, m.addr, n, GLT_PIN_GET, &observer);
	ck_assert_msg(!ret && observer.nr_pinned == n,
		      "observer get_user_pages() of %lu pages: %s (%llu pinned)",
		      n, ret ? strerror(errno) : "partial",
		      (unsigned long long)observer.nr_pinned);
	query_all(fd, observer.handle, m.addr, n, base, "baseline");
	assert_memory(ctx, &m, base);
	pins0 = pins_held();

	ret = glt_dev_pin(fd, glt_api_is_longterm(c->api), m.addr, n,
			  glt_case_pin_flags(c), &pin);
	if (exp.error) {
		int got = ret ? errno : 0;

		ck_assert_msg(ret && got == exp.error,
			      "expected -%s (%s: %s), got %s%s (%llu pages pinned)",
			      errname(exp.error), exp.rule->id, exp.rule->cite,
			      ret ? "-" : "success",
			      ret ? errname(got) : "",
			      (unsigned long long)pin.nr_pinned);
		slot_printf(slot, "; got -%s", errname(got));
		query_all(fd, observer.handle, m.addr, n, now, "after the refused pin");
		assert_at_baseline(now, base, n, "after the refused pin");
		pins = pins_held();
		ck_assert_msg(pins == pins0,
			      "a refused pin moved nr_foll_pin_acquired-released by %lld",
			      pins - pins0);
		goto out;
	}

	ck_assert_msg(!ret, "expected %lu pages pinned (%s: %s), got -%s",
		      n, exp.rule->id, exp.rule->cite, errname(errno));
	ck_assert_msg(pin.nr_pinned == n && pin.handle != GLT_HANDLE_NONE,
		      "expected %lu pages pinned, got %llu (handle %u)", n,
		      (unsigned long long)pin.nr_pinned, pin.handle);
	slot_printf(slot, "; got %lu pinned", n);
	query_all(fd, observer.handle, m.addr, n, now, "pinned");
	query_all(fd, pin.handle, m.addr, n, held, "the pin itself");
	assert_pinned(ctx, c, now, base, held, n, "pinned");
	slot_printf(slot, "; accounting %s",
		    glt_oracle_accounting(ctx->kf, glt_api_is_get(c->api),
					  base[0].folio_order > 0,
					  base[0].flags & GLT_PAGE_ZERO)
			    .rule->id);
	want_pins = expected_vmstat(ctx, c, base, n);
	pins = pins_held();
	ck_assert_msg(pins - pins0 == want_pins,
		      "pinned: nr_foll_pin_acquired-released moved by %lld, expected %ld",
		      pins - pins0, want_pins);

	ck_assert_msg(!glt_dev_unpin(fd, pin.handle), "UNPIN: %s",
		      strerror(errno));
	query_all(fd, observer.handle, m.addr, n, now, "after UNPIN");
	assert_at_baseline(now, base, n, "after UNPIN");
	ck_assert_msg(pins_held() == pins0,
		      "after UNPIN: nr_foll_pin_acquired-released does not balance");

	/* Pins belong to the open file: close() must release them. */
	fd2 = glt_dev_open();
	ck_assert_msg(fd2 >= 0, "second open: %s", strerror(errno));
	ret = glt_dev_pin(fd2, glt_api_is_longterm(c->api), m.addr, n,
			  glt_case_pin_flags(c), &pin);
	ck_assert_msg(!ret && pin.nr_pinned == n,
		      "the same pin on a second open file failed: %s",
		      ret ? strerror(errno) : "partial");
	query_all(fd, observer.handle, m.addr, n, now, "pinned through a second file");
	assert_pinned(ctx, c, now, base, now, n, "second file");
	close(fd2);
	query_all(fd, observer.handle, m.addr, n, now, "after close");
	assert_at_baseline(now, base, n, "after close of a file holding a pin");
	ck_assert_msg(pins_held() == pins0,
		      "after close: nr_foll_pin_acquired-released does not balance");
	slot_printf(slot, "; back to baseline after UNPIN and close");
out:
	ck_assert_msg(!glt_dev_unpin(fd, observer.handle), "UNPIN observer: %s",
		      strerror(errno));
	close(fd);
	glt_provider_teardown(&m);
}
