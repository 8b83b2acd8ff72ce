// SPDX-License-Identifier: GPL-2.0
#include "report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void both(struct glt_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void both(struct glt_report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (r->tap) {
		va_start(ap, fmt);
		vfprintf(r->tap, fmt, ap);
		va_end(ap);
		/* Check forks each case: a child must not inherit (and flush
		 * again) what is still buffered here.
		 */
		fflush(r->tap);
	}
	fflush(stdout);
}

void glt_report_begin(struct glt_report *r, unsigned int planned,
		      const char *header)
{
	r->planned = planned;
	r->results = calloc(planned ? planned : 1, sizeof(*r->results));
	both(r, "KTAP version 1\n");
	if (header && *header)
		both(r, "# %s\n", header);
	both(r, "1..%u\n", planned);
}

void glt_report_diag(struct glt_report *r, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	both(r, "# %s\n", buf);
}

/* One line per message: KTAP diagnostics may not span lines. */
static void diag_lines(struct glt_report *r, const char *name, const char *text)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		both(r, "# %s: %.*s\n", name, len, p);
		p = nl ? nl + 1 : NULL;
	}
}

void glt_report_result(struct glt_report *r, const struct glt_result *res)
{
	unsigned int n = r->passed + r->failed + r->skipped + 1;

	if (res->detail[0])
		diag_lines(r, res->name, res->detail);
	switch (res->outcome) {
	case GLT_PASS:
		r->passed++;
		both(r, "ok %u %s\n", n, res->name);
		break;
	case GLT_FAIL:
		r->failed++;
		diag_lines(r, res->name, res->message);
		both(r, "not ok %u %s\n", n, res->name);
		break;
	case GLT_SKIP:
		r->skipped++;
		both(r, "ok %u %s # SKIP %s\n", n, res->name, res->message);
		break;
	}
	if (r->results && r->nr_results < r->planned)
		r->results[r->nr_results++] = *res;
}

static void xml_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\n' &&
			    *s != '\t')
				fputc('?', f);
			else
				fputc(*s, f);
		}
	}
}

static void write_junit(struct glt_report *r, const char *suite,
			const char *kernel)
{
	FILE *f = r->junit;
	double total = 0;

	for (unsigned int i = 0; i < r->nr_results; i++)
		total += r->results[i].seconds;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f,
		"<testsuites tests=\"%u\" failures=\"%u\" skipped=\"%u\" time=\"%.3f\">\n",
		r->nr_results, r->failed, r->skipped, total);
	fprintf(f, "  <testsuite name=\"");
	xml_escaped(f, suite);
	fprintf(f,
		"\" tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"%u\" time=\"%.3f\">\n",
		r->nr_results, r->failed, r->skipped, total);
	fprintf(f, "    <properties><property name=\"kernel\" value=\"");
	xml_escaped(f, kernel);
	fprintf(f, "\"/></properties>\n");
	for (unsigned int i = 0; i < r->nr_results; i++) {
		const struct glt_result *res = &r->results[i];

		fprintf(f, "    <testcase classname=\"");
		xml_escaped(f, suite);
		fprintf(f, "\" name=\"");
		xml_escaped(f, res->name);
		fprintf(f, "\" time=\"%.3f\">\n", res->seconds);
		if (res->outcome == GLT_FAIL) {
			fprintf(f, "      <failure message=\"");
			xml_escaped(f, res->message);
			fprintf(f, "\"/>\n");
		} else if (res->outcome == GLT_SKIP) {
			fprintf(f, "      <skipped message=\"");
			xml_escaped(f, res->message);
			fprintf(f, "\"/>\n");
		}
		if (res->detail[0]) {
			fprintf(f, "      <system-out>");
			xml_escaped(f, res->detail);
			fprintf(f, "</system-out>\n");
		}
		fprintf(f, "    </testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
}

unsigned int glt_report_end(struct glt_report *r, const char *suite,
			    const char *kernel)
{
	if (r->junit)
		write_junit(r, suite, kernel);
	both(r, "# %s: %u passed, %u failed, %u skipped\n", suite, r->passed,
	     r->failed, r->skipped);
	both(r, "%u passed, %u failed, %u skipped\n", r->passed, r->failed,
	     r->skipped);
	free(r->results);
	r->results = NULL;
	return r->failed;
}
