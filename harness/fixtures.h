/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the memory kinds that need fixtures live. The fixture tool
 * (fixtures/glt-fixtures) writes "<fixture> <path>" lines to
 * /run/gup-longterm-test/fixtures.conf; --fixture NAME=PATH overrides one.
 * Fixture names are those of enum glt_fixture (kind.h, kinds.c).
 */
#ifndef GLT_FIXTURES_H
#define GLT_FIXTURES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "kind.h"

#define GLT_FIXTURES_CONF "/run/gup-longterm-test/fixtures.conf"

struct glt_fixtures {
	char conf[PATH_MAX]; /* the file read, "" if none */
	bool present[GLT_FIXTURE_COUNT];
	char path[GLT_FIXTURE_COUNT][PATH_MAX];
};

/*
 * Read conf (missing file: no fixtures, not an error). Returns 0, or -1 with
 * a message in err for an unreadable or malformed file.
 */
int glt_fixtures_load(struct glt_fixtures *fx, const char *conf, char *err,
		      size_t errlen);
/* Parse "FIXTURE=PATH" from the command line. Returns 0 or -1. */
int glt_fixtures_set(struct glt_fixtures *fx, const char *arg);

#endif
