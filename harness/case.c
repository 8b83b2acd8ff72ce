// SPDX-License-Identifier: GPL-2.0
#include "case.h"

#include <stdio.h>

#include "../uapi/gup_longterm_test.h"

static const char *const access_names[GLT_ACCESS_COUNT] = {
	[GLT_ACCESS_READ] = "read",
	[GLT_ACCESS_WRITE] = "write",
};

/* The name of each path, made from its bits once. */
static const char *api_name(enum glt_api api, bool brief)
{
	static char names[2][GLT_API_COUNT][24];

	if (api >= GLT_API_COUNT)
		return "?";
	if (!names[brief][api][0])
		snprintf(names[brief][api], sizeof(names[brief][api]),
			 "%s-%s%s", api & GLT_API_GET ? "get" : "pin",
			 api & GLT_API_TRANSIENT ?
				 (brief ? "tr" : "transient") :
				 (brief ? "lt" : "longterm"),
			 api & GLT_API_FAST ? (brief ? "-f" : "-fast") : "");
	return names[brief][api];
}

const char *glt_api_name(enum glt_api api)
{
	return api_name(api, false);
}

const char *glt_api_short_name(enum glt_api api)
{
	return api_name(api, true);
}
const char *glt_access_name(enum glt_access access)
{
	return access < GLT_ACCESS_COUNT ? access_names[access] : "?";
}

unsigned long glt_span_pages(enum glt_span span)
{
	return span == GLT_SPAN_ONE ? 1 : GLT_SPAN_MANY_PAGES;
}

bool glt_api_is_longterm(enum glt_api api)
{
	return !(api & GLT_API_TRANSIENT);
}

bool glt_api_is_fast(enum glt_api api)
{
	return api & GLT_API_FAST;
}

bool glt_api_is_get(enum glt_api api)
{
	return api & GLT_API_GET;
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

void glt_case_init(struct glt_case *c, enum glt_kind kind, enum glt_api api,
		   enum glt_access access, enum glt_span span)
{
	c->kind = kind;
	c->api = api;
	c->access = access;
	c->span = span;
	snprintf(c->name, sizeof(c->name), "%s/%s/%s%s", glt_api_name(api),
		 glt_kind_name(kind), glt_access_name(access),
		 span == GLT_SPAN_ONE ? "/1page" : "");
}

size_t glt_cases_generate(struct glt_case *out, size_t max)
{
	size_t n = 0;

	for (int k = 0; k < GLT_KIND_COUNT; k++)
		for (int a = 0; a < GLT_API_COUNT; a++)
			for (int x = 0; x < GLT_ACCESS_COUNT; x++)
				for (int s = 0; s < GLT_SPAN_COUNT; s++) {
					/* One page cannot cross two VMAs. */
					if (glt_kind((enum glt_kind)k)
						    ->many_pages_only &&
					    s == GLT_SPAN_ONE)
						continue;
					if (n == max)
						return n;
					glt_case_init(&out[n++],
						      (enum glt_kind)k,
						      (enum glt_api)a,
						      (enum glt_access)x,
						      (enum glt_span)s);
				}
	return n;
}
