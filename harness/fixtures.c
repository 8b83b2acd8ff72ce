// SPDX-License-Identifier: GPL-2.0
#include "fixtures.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int fixture_from_name(const char *name, size_t len)
{
	for (int k = GLT_FIXTURE_NONE + 1; k < GLT_FIXTURE_COUNT; k++) {
		const char *n = glt_fixture_name((enum glt_fixture)k);

		if (strlen(n) == len && !strncmp(n, name, len))
			return k;
	}
	return -1;
}

static int set_path(struct glt_fixtures *fx, int kind, const char *path)
{
	if (kind <= GLT_FIXTURE_NONE || !*path || strlen(path) >= PATH_MAX)
		return -1;
	fx->present[kind] = true;
	strcpy(fx->path[kind], path);
	return 0;
}

int glt_fixtures_set(struct glt_fixtures *fx, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (!eq)
		return -1;
	return set_path(fx, fixture_from_name(arg, (size_t)(eq - arg)), eq + 1);
}

int glt_fixtures_load(struct glt_fixtures *fx, const char *conf, char *err,
		      size_t errlen)
{
	char line[PATH_MAX + 64];
	unsigned int lineno = 0;
	FILE *f = fopen(conf, "r");

	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read %s: %s", conf,
			 strerror(errno));
		return -1;
	}
	snprintf(fx->conf, sizeof(fx->conf), "%s", conf);
	while (fgets(line, sizeof(line), f)) {
		char *sp, *end;
		int kind;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		sp = strchr(line, ' ');
		if (!sp)
			goto bad;
		end = sp + 1;
		kind = fixture_from_name(line, (size_t)(sp - line));
		/* Fixtures this harness does not know yet are ignored. */
		if (kind < 0)
			continue;
		if (fx->present[kind])
			continue; /* the command line wins */
		if (set_path(fx, kind, end))
			goto bad;
	}
	fclose(f);
	return 0;
bad:
	snprintf(err, errlen, "%s:%u: expected \"<fixture> <path>\"", conf,
		 lineno);
	fclose(f);
	return -1;
}
