/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The case model: a case is (memory kind, GUP API, access), and its name is
 * "<api>/<memory kind>/<access>", e.g. "pin-longterm/fsdax-ext4/write".
 * Cases are generated from the short lists below; add a kind or an API here
 * and the engine, the oracle and the report pick it up.
 */
#ifndef GLT_CASE_H
#define GLT_CASE_H

#include <stdbool.h>
#include <stddef.h>

enum glt_kind {
	GLT_KIND_ANON,		/* private anonymous memory, touched */
	GLT_KIND_PAGECACHE_EXT4,	/* MAP_SHARED file on ext4 without DAX */
	GLT_KIND_FSDAX_EXT4,	/* MAP_SHARED file on ext4 mounted -o dax */
	GLT_KIND_DEVDAX,	/* MAP_SHARED mapping of /dev/daxX.Y */
	GLT_KIND_COUNT
};

/* How the pages are taken: the uapi ioctl plus GLT_PIN_GET / GLT_PIN_FAST. */
enum glt_api {
	GLT_API_PIN_LONGTERM,		/* pin_user_pages(FOLL_LONGTERM) */
	GLT_API_PIN_LONGTERM_FAST,	/* pin_user_pages_fast(FOLL_LONGTERM) */
	GLT_API_PIN_TRANSIENT,		/* pin_user_pages() */
	GLT_API_PIN_TRANSIENT_FAST,	/* pin_user_pages_fast() */
	GLT_API_GET_TRANSIENT,		/* get_user_pages() */
	GLT_API_GET_TRANSIENT_FAST,	/* get_user_pages_fast() */
	GLT_API_GET_LONGTERM,		/* get_user_pages(FOLL_LONGTERM): invalid */
	GLT_API_GET_LONGTERM_FAST,	/* get_user_pages_fast(FOLL_LONGTERM): invalid */
	GLT_API_COUNT
};

enum glt_access {
	GLT_ACCESS_READ,
	GLT_ACCESS_WRITE,
	GLT_ACCESS_COUNT
};

struct glt_case {
	enum glt_kind kind;
	enum glt_api api;
	enum glt_access access;
	char name[96];
};

const char *glt_kind_name(enum glt_kind kind);
const char *glt_api_name(enum glt_api api);
const char *glt_access_name(enum glt_access access);

bool glt_api_is_longterm(enum glt_api api);
bool glt_api_is_fast(enum glt_api api);
bool glt_api_is_get(enum glt_api api);
/* GLT_PIN_* flags and the ioctl for a case (uapi/gup_longterm_test.h). */
unsigned int glt_case_pin_flags(const struct glt_case *c);
unsigned long glt_case_ioctl(const struct glt_case *c);

/* Fill c->name from its fields. */
void glt_case_init(struct glt_case *c, enum glt_kind kind, enum glt_api api,
		   enum glt_access access);

/*
 * Every case, in a stable order (kind-major, then API, then access).
 * Returns the number written (at most max).
 */
size_t glt_cases_generate(struct glt_case *out, size_t max);

#endif
