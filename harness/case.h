/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The case model: a case is (GUP API, memory kind, access, span) and its
 * name is "<api>/<memory kind>/<access>" for the default span of
 * GLT_SPAN_MANY_PAGES pages, "<api>/<memory kind>/<access>/1page" for a
 * single page. Cases are generated from the short lists below and the
 * rows of kinds.def (kind.h); add a kind or an API and the engine, the oracle and
 * the report pick it up.
 */
#ifndef GLT_CASE_H
#define GLT_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "kind.h"

/*
 * How the pages are taken: a GUP path is three bits, and its name follows
 * from them ("<pin|get>-<longterm|transient>[-fast]"). The uapi ioctl is
 * PIN_LONGTERM or PIN_TRANSIENT, with GLT_PIN_GET / GLT_PIN_FAST.
 */
enum glt_api_bit {
	GLT_API_FAST = 1,      /* *_fast(): GUP-fast, then the slow fallback */
	GLT_API_TRANSIENT = 2, /* no FOLL_LONGTERM */
	GLT_API_GET = 4,       /* FOLL_GET (get_user_pages*()), not FOLL_PIN */
};
enum glt_api {
	GLT_API_PIN_LONGTERM = 0, /* pin_user_pages(FOLL_LONGTERM) */
	GLT_API_PIN_LONGTERM_FAST = GLT_API_FAST,
	GLT_API_PIN_TRANSIENT = GLT_API_TRANSIENT,
	GLT_API_PIN_TRANSIENT_FAST = GLT_API_TRANSIENT | GLT_API_FAST,
	/* get_user_pages*(FOLL_LONGTERM): refused by the driver, -EINVAL */
	GLT_API_GET_LONGTERM = GLT_API_GET,
	GLT_API_GET_LONGTERM_FAST = GLT_API_GET | GLT_API_FAST,
	GLT_API_GET_TRANSIENT = GLT_API_GET | GLT_API_TRANSIENT,
	GLT_API_GET_TRANSIENT_FAST = GLT_API_GET | GLT_API_TRANSIENT |
				     GLT_API_FAST,
	GLT_API_COUNT
};

enum glt_access { GLT_ACCESS_READ, GLT_ACCESS_WRITE, GLT_ACCESS_COUNT };

/* How many pages a case pins. */
enum glt_span {
	GLT_SPAN_MANY, /* GLT_SPAN_MANY_PAGES: part of a huge page */
	GLT_SPAN_ONE,  /* a single page */
	GLT_SPAN_COUNT
};

#define GLT_SPAN_MANY_PAGES 16

struct glt_case {
	enum glt_kind kind;
	enum glt_api api;
	enum glt_access access;
	enum glt_span span;
	char name[96];
};

/* "<pin|get>-<longterm|transient>[-fast]"; short: "pin-lt[-f]" etc. */
const char *glt_api_name(enum glt_api api);
const char *glt_api_short_name(enum glt_api api);
const char *glt_access_name(enum glt_access access);
unsigned long glt_span_pages(enum glt_span span);

bool glt_api_is_longterm(enum glt_api api);
bool glt_api_is_fast(enum glt_api api);
bool glt_api_is_get(enum glt_api api);
/* GLT_PIN_* flags and the ioctl for a case (uapi/gup_longterm_test.h). */
unsigned int glt_case_pin_flags(const struct glt_case *c);

/* Fill c->name from its fields. */
void glt_case_init(struct glt_case *c, enum glt_kind kind, enum glt_api api,
		   enum glt_access access, enum glt_span span);

/*
 * Every case, in a stable order (kind-major, then API, access, span).
 * Returns the number written (at most max).
 */
size_t glt_cases_generate(struct glt_case *out, size_t max);
#define GLT_MAX_CASES \
	(GLT_KIND_COUNT * GLT_API_COUNT * GLT_ACCESS_COUNT * GLT_SPAN_COUNT)

#endif
