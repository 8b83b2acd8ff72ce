// SPDX-License-Identifier: GPL-2.0
#include "case.h"

#include <stdio.h>
#include <sys/ioctl.h>

#include "../uapi/gup_longterm_test.h"

static const char *const kind_names[GLT_KIND_COUNT] = {
	[GLT_KIND_ANON] = "anon",
	[GLT_KIND_PAGECACHE_EXT4] = "pagecache-ext4",
	[GLT_KIND_FSDAX_EXT4] = "fsdax-ext4",
	[GLT_KIND_DEVDAX] = "devdax",
};

static const char *const api_names[GLT_API_COUNT] = {
	[GLT_API_PIN_LONGTERM] = "pin-longterm",
	[GLT_API_PIN_LONGTERM_FAST] = "pin-longterm-fast",
	[GLT_API_PIN_TRANSIENT] = "pin-transient",
	[GLT_API_PIN_TRANSIENT_FAST] = "pin-transient-fast",
	[GLT_API_GET_TRANSIENT] = "get-transient",
	[GLT_API_GET_TRANSIENT_FAST] = "get-transient-fast",
	[GLT_API_GET_LONGTERM] = "get-longterm",
	[GLT_API_GET_LONGTERM_FAST] = "get-longterm-fast",
};

static const char *const access_names[GLT_ACCESS_COUNT] = {
	[GLT_ACCESS_READ] = "read",
	[GLT_ACCESS_WRITE] = "write",
};

const char *glt_kind_name(enum glt_kind kind)
{
	return kind < GLT_KIND_COUNT ? kind_names[kind] : "?";
}

const char *glt_api_name(enum glt_api api)
{
	return api < GLT_API_COUNT ? api_names[api] : "?";
}

const char *glt_access_name(enum glt_access access)
{
	return access < GLT_ACCESS_COUNT ? access_names[access] : "?";
}

bool glt_api_is_longterm(enum glt_api api)
{
	return api == GLT_API_PIN_LONGTERM || api == GLT_API_PIN_LONGTERM_FAST ||
	       api == GLT_API_GET_LONGTERM || api == GLT_API_GET_LONGTERM_FAST;
}

bool glt_api_is_fast(enum glt_api api)
{
	return api == GLT_API_PIN_LONGTERM_FAST ||
	       api == GLT_API_PIN_TRANSIENT_FAST ||
	       api == GLT_API_GET_TRANSIENT_FAST ||
	       api == GLT_API_GET_LONGTERM_FAST;
}

bool glt_api_is_get(enum glt_api api)
{
	return api == GLT_API_GET_TRANSIENT || api == GLT_API_GET_TRANSIENT_FAST ||
	       api == GLT_API_GET_LONGTERM || api == GLT_API_GET_LONGTERM_FAST;
}

unsigned int glt_case_pin_flags(const struct glt_case *c)
{
	unsigned int flags = 0;

	if (c->access == GLT_ACCESS_WRITE)
		flags |= GLT_PIN_WRITE;
	if (glt_api_is_fast(c->api))
		flags |= GLT_PIN_FAST;
	if (glt_api_is_get(c->api))
		flags |= GLT_PIN_GET;
	return flags;
}

unsigned long glt_case_ioctl(const struct glt_case *c)
{
	return glt_api_is_longterm(c->api) ? GLT_IOC_PIN_LONGTERM :
					     GLT_IOC_PIN_TRANSIENT;
}

void glt_case_init(struct glt_case *c, enum glt_kind kind, enum glt_api api,
		   enum glt_access access)
{
	c->kind = kind;
	c->api = api;
	c->access = access;
	snprintf(c->name, sizeof(c->name), "%s/%s/%s", glt_api_name(api),
		 glt_kind_name(kind), glt_access_name(access));
}

size_t glt_cases_generate(struct glt_case *out, size_t max)
{
	size_t n = 0;

	for (int k = 0; k < GLT_KIND_COUNT; k++)
		for (int a = 0; a < GLT_API_COUNT; a++)
			for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
				if (n == max)
					return n;
				glt_case_init(&out[n++], (enum glt_kind)k,
					      (enum glt_api)a,
					      (enum glt_access)x);
			}
	return n;
}
