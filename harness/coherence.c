// SPDX-License-Identifier: GPL-2.0
/*
 * What a DMA device sees through a pin, against what the process sees
 * through its mapping: the last phase of every matrix case whose pin
 * succeeds. The driver plays the device (GLT_IOC_DMA_READ / _WRITE copy
 * the pinned pages' bytes through kernel mappings of those pages, never
 * through the process's page tables). The oracle's coherence rules
 * (oracle_coherence.c) say, per VMA of the range, whether the two views
 * must agree; a divergence it does not expect, or an agreement where it
 * expects the device to keep the old page, fails the case with both byte
 * ranges.
 *
 * The phase runs on memory made afresh and pinned afresh with the same
 * request: the case's counters were checked on the first mapping, and a
 * process write that moves the mapping to a new page would change what
 * the observer there reads. The same kind, GUP path, access and span give
 * the same verdict (glt_oracle_pin()); the pages pinned are the oracle's
 * for memory that no observer holds, which differs where fork() once
 * shared them (seg[].observed). A row's .after_pin fork()s between the pin
 * and the process's write.
 */
#include "coherence.h"

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "device.h"
#include "oracle.h"
#include "provider.h"

struct views {
	const struct glt_engine_ctx *ctx;
	const struct glt_case *c;
	const struct glt_expect *exp;
	struct glt_expect fresh; /* the oracle's, for this phase's memory */
	struct glt_mapping m;
	struct glt_pin pin;
	int fd;
	size_t page, len;		  /* page size; bytes pinned */
	uint8_t *old, *dev, *want, *mine; /* len bytes each */
};

/* A pattern that differs from avoid in every page (seeded per case). */
static void make_pattern(uint8_t *buf, const uint8_t *avoid, size_t len,
			 size_t page, unsigned int seed)
{
	for (unsigned int tries = 0;; tries++, seed += 0x9e3779b9u) {
		bool differs = true;

		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)((seed >> (8 * (i % 4))) + i * 131 +
					   (i >> 12) * 7);
		for (size_t p = 0; p < len && differs; p += page)
			differs = memcmp(buf + p, avoid + p, page) != 0;
		if (differs || tries == 8)
			return;
	}
}

static void hex16(char *out, size_t outlen, const uint8_t *b, size_t n)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && used + 3 < outlen; i++)
		used += (size_t)snprintf(out + used, outlen - used, "%s%02x",
					 i ? " " : "", b[i]);
}

/*
 * got (what reader read) against each page's expectation: want (what
 * want_is says) where the rule of that page's VMA says the views agree,
 * else other (other_is). Fails with the first differing bytes of both.
 */
static void compare(struct views *v, enum glt_coherence_view view,
		    const uint8_t *got, const char *reader, const uint8_t *want,
		    const char *want_is, const uint8_t *other,
		    const char *other_is)
{
	for (size_t pg = 0; pg * v->page < v->len; pg++) {
		unsigned int s = glt_mapping_segment(&v->m, pg);
		size_t at = pg * v->page, off, n;
		bool same;
		const struct glt_rule *rule =
			glt_oracle_coherence(v->ctx->kf, v->c, &v->m.seg[s],
					     v->exp->outcome[s], view, &same);
		const uint8_t *exp = same ? want : other;
		char g[64], w[64];

		if (!memcmp(got + at, exp + at, v->page))
			continue;
		for (off = 0; got[at + off] == exp[at + off]; off++)
			;
		n = v->page - off < 16 ? v->page - off : 16;
		hex16(g, sizeof(g), got + at + off, n);
		hex16(w, sizeof(w), exp + at + off, n);
		ck_abort_msg("coherence: page %zu bytes %#zx-%#zx: the %s read [%s], expected %s [%s] (%s: %s)",
			     pg, off, off + n - 1, reader, g,
			     same ? want_is : other_is, w, rule->id,
			     glt_rule_cite(rule, v->ctx->kf->version));
	}
}

static void dma(struct views *v, int write, uint8_t *buf, const char *what)
{
	ck_assert_msg(!glt_dev_dma(v->fd, write, v->pin.handle, 0, v->len, buf),
		      "coherence: %s of %zu bytes through the pin: %s", what,
		      v->len, strerror(errno));
}

/*
 * A view's verdict over the pinned VMAs, for the case's detail:
 * "process write seen (RULE)", "lost" where the device keeps a page the
 * process no longer maps; one entry per distinct rule.
 */
static void append_view(char *detail, size_t len, const struct views *v,
			enum glt_coherence_view view, const char *what)
{
	const struct glt_rule *prev = NULL;
	unsigned long pinned = 0;

	for (unsigned int s = 0; s < v->m.nseg && pinned < v->exp->nr_pinned;
	     s++) {
		size_t used = strlen(detail);
		bool same;
		const struct glt_rule *r =
			glt_oracle_coherence(v->ctx->kf, v->c, &v->m.seg[s],
					     v->exp->outcome[s], view, &same);

		pinned += v->m.seg[s].nr_pages;
		if (r != prev)
			snprintf(detail + used, len - used, "%s%s %s (%s)",
				 prev ? " + " : ", ", prev ? "" : what,
				 same ? "seen" : "lost", r->id);
		prev = r;
	}
}

static void setup_and_pin(struct views *v)
{
	char err[512];
	int ret = glt_provider_setup(v->c->kind, v->ctx->fx,
				     glt_span_pages(v->c->span), &v->m, err,
				     sizeof(err));

	ck_assert_msg(ret == GLT_PROVIDER_OK, "coherence: %s made afresh: %s",
		      glt_kind_name(v->c->kind), err);
	/*
	 * No observer holds these pages: a page fork() once shared may now
	 * be reused where the matrix's pin copied it (seg[].observed).
	 */
	v->fresh = glt_oracle_pin(v->ctx->kf, v->c, v->m.seg, v->m.nseg);
	ck_assert_msg(!v->fresh.error &&
			      v->fresh.nr_pinned == v->exp->nr_pinned,
		      "coherence: the oracle's verdict on memory made afresh differs from the case's");
	v->exp = &v->fresh;
	v->fd = glt_dev_open();
	ck_assert_msg(v->fd >= 0, "open %s: %s", GLT_DEVICE_PATH,
		      strerror(errno));
	ret = glt_dev_pin(v->fd, glt_api_is_longterm(v->c->api), v->m.addr,
			  v->m.nr_pages, glt_case_pin_flags(v->c), &v->pin);
	ck_assert_msg(!ret && v->pin.nr_pinned == v->exp->nr_pinned,
		      "coherence: the same pin on memory made afresh: %s (%llu pinned, expected %lu)",
		      ret ? strerror(errno) : "ok",
		      (unsigned long long)v->pin.nr_pinned, v->exp->nr_pinned);
	v->page = (size_t)sysconf(_SC_PAGESIZE);
	v->len = v->exp->nr_pinned * v->page;
	v->old = malloc(v->len);
	v->dev = malloc(v->len);
	v->want = malloc(v->len);
	v->mine = malloc(v->len);
	ck_assert_msg(v->old && v->dev && v->want && v->mine,
		      "coherence: out of memory");
}

void glt_coherence_check(const struct glt_engine_ctx *ctx,
			 const struct glt_case *c, const struct glt_expect *exp,
			 char *detail, size_t len)
{
	static struct views v; /* one case per forked child */
	char err[512];
	unsigned int seed = (unsigned int)getpid() * 2654435761u ^
			    (unsigned int)time(NULL);
	size_t used;
	memset(&v, 0, sizeof(v));
	v.ctx = ctx;
	v.c = c;
	v.exp = exp;
	setup_and_pin(&v);

	/* Right after the pin: the device reads what the process reads. */
	memcpy(v.old, v.m.addr, v.len);
	dma(&v, 0, v.dev, "DMA_READ after the pin");
	compare(&v, GLT_VIEW_AT_PIN, v.dev, "device", v.old,
		"what the process reads", v.old, "what the process reads");

	/* A fork() after the pin (a row's .after_pin), before the write. */
	ck_assert_msg(glt_provider_after_pin(&v.m, err, sizeof(err)) ==
			      GLT_PROVIDER_OK,
		      "coherence: after the pin: %s", err);

	/* The process writes its mapping; the device reads through the pin. */
	make_pattern(v.want, v.old, v.len, v.page, seed);
	memcpy(v.m.addr, v.want, v.len);
	dma(&v, 0, v.dev, "DMA_READ after the process wrote");
	compare(&v, GLT_VIEW_PROCESS_WRITE, v.dev, "device", v.want,
		"what the process wrote", v.old,
		"the old bytes, the process's write going to a new page");
	used = strlen(detail);
	snprintf(detail + used, len - used, "; coherence");
	append_view(detail, len, &v, GLT_VIEW_AT_PIN, "mapped bytes");
	append_view(detail, len, &v, GLT_VIEW_PROCESS_WRITE, "process write");

	/* The device writes through a write pin; the process reads. */
	if (glt_case_pin_flags(c) & GLT_PIN_WRITE) {
		make_pattern(v.dev, v.want, v.len, v.page, seed ^ 0x5a5a5a5au);
		dma(&v, 1, v.dev, "DMA_WRITE");
		memcpy(v.mine, v.m.addr, v.len);
		compare(&v, GLT_VIEW_DEVICE_WRITE, v.mine, "process", v.dev,
			"what the device wrote", v.want,
			"its own bytes, the device writing another page");
		append_view(detail, len, &v, GLT_VIEW_DEVICE_WRITE,
			    "device write");
	}

	ck_assert_msg(!glt_dev_unpin(v.fd, v.pin.handle), "UNPIN: %s",
		      strerror(errno));
	close(v.fd);
	glt_provider_teardown(&v.m);
	free(v.old);
	free(v.dev);
	free(v.want);
	free(v.mine);
}
