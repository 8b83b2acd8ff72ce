// SPDX-License-Identifier: GPL-2.0
/*
 * docs/expectations.md's tables of verdicts on Debian's kernels, made from
 * the oracle (gup-longterm-test --verdicts-markdown, --consumers-markdown;
 * make expectations-doc writes them, ci/test-expectations-doc.sh
 * compares): every cell is what the oracle answers for the kind's row
 * (row_facts.h: its facts as the provider claims them on the test-bed) on
 * each kernel of the doc (its version and config), never a result of a run.
 * Kinds whose cells are all equal share a row; a cell says the GUP path,
 * the access, the span or the kernel only where the verdicts differ by it.
 */
#include "verdicts_doc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "kind.h"
#include "oracle.h"
#include "row_facts.h"

#define VERDICT_LEN 160
#define CELL_LEN 1024

/*
 * What a cell's verdicts vary by, outermost first: the GUP paths of its
 * column, the access, the span, the kernel.
 */
enum { DIM_API, DIM_ACCESS, DIM_SPAN, DIM_KERNEL, NR_DIMS };
#define MAX_VALUES GLT_DOC_MAX_KERNELS /* the most values of a dimension */
#define COLUMN_APIS 4

/* The verdicts of one cell, and the names of each dimension's values. */
struct grid {
	unsigned int n[NR_DIMS];
	const char *label[NR_DIMS][MAX_VALUES];
	char verdict[COLUMN_APIS][GLT_ACCESS_COUNT][GLT_SPAN_COUNT]
		    [GLT_DOC_MAX_KERNELS][VERDICT_LEN];
};

static char *at(struct grid *g, const unsigned int *i)
{
	return g->verdict[i[DIM_API]][i[DIM_ACCESS]][i[DIM_SPAN]][i[DIM_KERNEL]];
}

/*
 * Append to a string in a buffer of len bytes. The buffers are sized for
 * many times the longest cell (8 kernels of long verdicts); a text that
 * does not fit is a table this file cannot print whole, never a cut cell.
 */
__attribute__((format(printf, 3, 4))) static void append(char *buf, size_t len,
							 const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len - used) {
		fprintf(stderr, "verdicts_doc: a cell longer than %zu bytes\n",
			len);
		abort();
	}
}

static const char *errname(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "?";
}

/*
 * The cell of the dimensions from d on, the outer ones fixed at idx[]:
 * one verdict where they all agree, else "value: verdict" per group of
 * values that agree ("read: pinned; write: -EFAULT"), an inner split in
 * parentheses ("write (6.1: pinned; 6.12: -EFAULT)").
 */
static void compose(struct grid *g, unsigned int d, unsigned int *idx,
		    char *out, size_t len)
{
	char(*sub)[CELL_LEN];
	bool done[MAX_VALUES] = { false };
	unsigned int n, v, w;

	out[0] = '\0';
	if (d == NR_DIMS) {
		append(out, len, "%s", at(g, idx));
		return;
	}
	n = g->n[d];
	sub = calloc(n, sizeof(*sub));
	if (!sub) {
		append(out, len, "(out of memory)");
		return;
	}
	for (v = 0; v < n; v++) {
		idx[d] = v;
		compose(g, d + 1, idx, sub[v], sizeof(sub[v]));
	}
	for (v = 1; v < n && !strcmp(sub[v], sub[0]); v++)
		;
	if (v == n) {
		append(out, len, "%s", sub[0]);
		free(sub);
		return;
	}
	for (v = 0; v < n; v++) {
		if (done[v])
			continue;
		append(out, len, "%s%s", out[0] ? "; " : "", g->label[d][v]);
		for (w = v + 1; w < n; w++)
			if (!done[w] && !strcmp(sub[w], sub[v])) {
				done[w] = true;
				append(out, len, ", %s", g->label[d][w]);
			}
		append(out, len, strchr(sub[v], ';') ? " (%s)" : ": %s",
		       sub[v]);
	}
	free(sub);
}

/* Append text as a Markdown table cell: a '|' would end the cell. */
static void append_cell(char *buf, size_t len, const char *text)
{
	size_t used = strlen(buf);

	for (; *text && used + 2 < len; text++) {
		if (*text == '|')
			buf[used++] = '\\';
		buf[used++] = *text;
	}
	buf[used] = '\0';
	if (*text) {
		fprintf(stderr, "verdicts_doc: a row longer than %zu bytes\n",
			len);
		abort();
	}
}

/* A kind this kernel cannot make: the step that proves it, and its errno. */
static bool absent(char *buf, size_t len, const struct glt_kernel_facts *kf,
		   enum glt_kind kind)
{
	struct glt_availability av = glt_oracle_available(kf, kind);

	if (!av.error)
		return false;
	snprintf(buf, len, "absent (`%s`: -%s)", av.step, errname(av.error));
	return true;
}

/* What a successful pin holds in one VMA of the range. */
static const char *pages_pinned(const struct glt_mem_facts *seg,
				enum glt_outcome_pages out)
{
	switch (out) {
	case GLT_OUT_NEW_ANON:
		return "new page";
	case GLT_OUT_NEW_FILE:
		return "the hole's new page";
	case GLT_OUT_SWAPIN:
		return "swapped in, then pinned";
	case GLT_OUT_SAME:
		break;
	}
	switch (seg->pages) {
	case GLT_PAGES_ZERO:
		return "the zero page";
	case GLT_PAGES_HUGE_ZERO:
		return "the huge zero page";
	default:
		return "pinned";
	}
}

/* The oracle's verdict for one case: errno, pages, or absent. */
static void pin_verdict(char *buf, size_t len,
			const struct glt_kernel_facts *kf, enum glt_kind kind,
			enum glt_api api, enum glt_access access,
			enum glt_span span)
{
	struct glt_mem_facts seg[GLT_MAX_SEGMENTS];
	unsigned int nseg = glt_test_row_facts(kind, glt_span_pages(span), seg);
	unsigned long total = glt_mem_pages(seg, nseg);
	struct glt_expect e;
	struct glt_case c;

	if (absent(buf, len, kf, kind))
		return;
	glt_case_init(&c, kind, api, access, span);
	e = glt_oracle_pin(kf, &c, seg, nseg);
	buf[0] = '\0';
	if (e.error) {
		append(buf, len, "-%s", errname(e.error));
		return;
	}
	if (e.nr_pinned < total) {
		append(buf, len, "%lu of %lu pinned", e.nr_pinned, total);
		return;
	}
	for (unsigned int i = 0; i < nseg; i++) {
		const char *p = pages_pinned(&seg[i], e.outcome[i]);

		if (i &&
		    !strcmp(p, pages_pinned(&seg[i - 1], e.outcome[i - 1])))
			continue;
		append(buf, len, "%s%s", i ? ", then " : "", p);
	}
}

/* What a consumer makes of the kind's buffer (the 16 pages of its row). */
static void consumer_verdict(char *buf, size_t len,
			     const struct glt_kernel_facts *kf,
			     enum glt_kind kind, const struct glt_consumer *con)
{
	struct glt_mem_facts seg[GLT_MAX_SEGMENTS];
	unsigned int nseg;
	unsigned long total;
	struct glt_expect e;

	if (!con->wants(kind)) {
		snprintf(buf, len, "not run");
		return;
	}
	if (absent(buf, len, kf, kind))
		return;
	nseg = glt_test_row_facts(kind, GLT_SPAN_MANY_PAGES, seg);
	total = glt_mem_pages(seg, nseg);
	e = con->expect(kf, seg, nseg);
	if (e.error && e.nr_pinned && e.nr_pinned < total)
		snprintf(buf, len, "-%s (GUP pinned %lu of %lu pages)",
			 errname(e.error), e.nr_pinned, total);
	else if (e.error)
		snprintf(buf, len, "-%s", errname(e.error));
	else if (e.nr_pinned < total)
		snprintf(buf, len, "%lu of %lu pages taken", e.nr_pinned,
			 total);
	else
		snprintf(buf, len, "taken");
}

static void set_kernels(struct grid *g, const struct glt_doc_kernel *k,
			unsigned int n)
{
	g->n[DIM_KERNEL] = n < GLT_DOC_MAX_KERNELS ? n : GLT_DOC_MAX_KERNELS;
	for (unsigned int i = 0; i < g->n[DIM_KERNEL]; i++)
		g->label[DIM_KERNEL][i] = k[i].label;
}

/* A row's cells, " | "-joined and escaped: rows[kind]. */
#define NR_COLUMNS_MAX 8
#define ROW_LEN (CELL_LEN * NR_COLUMNS_MAX)

/* The row's next cell: the grid's verdicts composed. */
static void add_cell(char *row, struct grid *g, bool first)
{
	unsigned int idx[NR_DIMS] = { 0 };
	char cell[CELL_LEN];

	compose(g, 0, idx, cell, sizeof(cell));
	if (!first)
		append(row, ROW_LEN, " | ");
	append_cell(row, ROW_LEN, cell);
}

/* Print the rows: one per group of kinds whose cells are all equal. */
static void print_rows(FILE *out, char (*rows)[ROW_LEN])
{
	bool done[GLT_KIND_COUNT] = { false };

	for (int k = 0; k < GLT_KIND_COUNT; k++) {
		if (done[k])
			continue;
		fprintf(out, "| `%s`", glt_kind_name((enum glt_kind)k));
		for (int j = k + 1; j < GLT_KIND_COUNT; j++)
			if (!done[j] && !strcmp(rows[j], rows[k])) {
				done[j] = true;
				fprintf(out, ", `%s`",
					glt_kind_name((enum glt_kind)j));
			}
		fprintf(out, " | %s |\n", rows[k]);
	}
}

static void print_head(FILE *out, const char *const *titles, unsigned int n)
{
	fputs("| memory kind", out);
	for (unsigned int i = 0; i < n; i++)
		fprintf(out, " | %s", titles[i]);
	fputs(" |\n| ---", out);
	for (unsigned int i = 0; i < n; i++)
		fputs(" | ---", out);
	fputs(" |\n", out);
}

/*
 * The columns of the verdicts table, by the GUP path's bits: every path
 * is in one (a new bit's paths join the column of their other bits, and
 * its cells name them where they differ).
 */
static const char *const column_title[] = {
	"pin-longterm",
	"pin-longterm-fast",
	"pin/get-transient(-fast)",
	"get-longterm(-fast)",
};
#define NR_COLUMNS (sizeof(column_title) / sizeof(column_title[0]))

static unsigned int column_of(enum glt_api api)
{
	if (!glt_api_is_longterm(api))
		return 2;
	if (glt_api_is_get(api))
		return 3;
	return glt_api_is_fast(api) ? 1 : 0;
}

static const char *const access_label[GLT_ACCESS_COUNT] = { "read", "write" };
static const char *const span_label[GLT_SPAN_COUNT] = { "16 pages", "1 page" };

/* The verdicts of the column's GUP paths on the kind, into the grid. */
static void fill_pin_column(struct grid *g, const struct glt_doc_kernel *k,
			    enum glt_kind kind, unsigned int col)
{
	unsigned int i[NR_DIMS];

	g->n[DIM_API] = 0;
	for (int api = 0; api < GLT_API_COUNT; api++) {
		if (column_of((enum glt_api)api) != col)
			continue;
		i[DIM_API] = g->n[DIM_API]++;
		g->label[DIM_API][i[DIM_API]] = glt_api_name((enum glt_api)api);
		for (i[DIM_ACCESS] = 0; i[DIM_ACCESS] < g->n[DIM_ACCESS];
		     i[DIM_ACCESS]++)
			for (i[DIM_SPAN] = 0; i[DIM_SPAN] < g->n[DIM_SPAN];
			     i[DIM_SPAN]++)
				for (i[DIM_KERNEL] = 0;
				     i[DIM_KERNEL] < g->n[DIM_KERNEL];
				     i[DIM_KERNEL]++)
					pin_verdict(at(g, i), VERDICT_LEN,
						    &k[i[DIM_KERNEL]].kf, kind,
						    (enum glt_api)api,
						    (enum glt_access)
							    i[DIM_ACCESS],
						    (enum glt_span)i[DIM_SPAN]);
	}
}

void glt_verdicts_print_markdown(FILE *out, const struct glt_doc_kernel *k,
				 unsigned int n)
{
	char(*rows)[ROW_LEN] = calloc(GLT_KIND_COUNT, sizeof(*rows));
	struct grid *g = calloc(1, sizeof(*g));

	if (!rows || !g) {
		fputs("(out of memory)\n", out);
		goto out;
	}
	set_kernels(g, k, n);
	g->n[DIM_ACCESS] = GLT_ACCESS_COUNT;
	for (int a = 0; a < GLT_ACCESS_COUNT; a++)
		g->label[DIM_ACCESS][a] = access_label[a];
	for (int s = 0; s < GLT_SPAN_COUNT; s++)
		g->label[DIM_SPAN][s] = span_label[s];
	for (int kind = 0; kind < GLT_KIND_COUNT; kind++) {
		/* A two-VMA row has no single-page span (case.c). */
		g->n[DIM_SPAN] =
			glt_kind((enum glt_kind)kind)->many_pages_only ?
				1 :
				GLT_SPAN_COUNT;
		for (unsigned int col = 0; col < NR_COLUMNS; col++) {
			fill_pin_column(g, k, (enum glt_kind)kind, col);
			add_cell(rows[kind], g, !col);
		}
	}
	print_head(out, column_title, NR_COLUMNS);
	print_rows(out, rows);
out:
	free(g);
	free(rows);
}

void glt_consumers_print_markdown(FILE *out, const struct glt_doc_kernel *k,
				  unsigned int n,
				  const struct glt_consumer *const *con,
				  unsigned int ncon)
{
	char(*rows)[ROW_LEN] = calloc(GLT_KIND_COUNT, sizeof(*rows));
	struct grid *g = calloc(1, sizeof(*g));
	const char *titles[NR_COLUMNS_MAX];
	char title[NR_COLUMNS_MAX][96];
	unsigned int i[NR_DIMS] = { 0 };

	if (!rows || !g) {
		fputs("(out of memory)\n", out);
		goto out;
	}
	if (ncon > NR_COLUMNS_MAX)
		ncon = NR_COLUMNS_MAX;
	set_kernels(g, k, n);
	g->n[DIM_API] = g->n[DIM_ACCESS] = g->n[DIM_SPAN] = 1;
	for (int kind = 0; kind < GLT_KIND_COUNT; kind++)
		for (unsigned int c = 0; c < ncon; c++) {
			for (i[DIM_KERNEL] = 0;
			     i[DIM_KERNEL] < g->n[DIM_KERNEL]; i[DIM_KERNEL]++)
				consumer_verdict(at(g, i), VERDICT_LEN,
						 &k[i[DIM_KERNEL]].kf,
						 (enum glt_kind)kind, con[c]);
			add_cell(rows[kind], g, !c);
		}
	for (unsigned int c = 0; c < ncon; c++) {
		snprintf(title[c], sizeof(title[c]), "`%s`: %s", con[c]->name,
			 con[c]->call);
		titles[c] = title[c];
	}
	print_head(out, titles, ncon);
	print_rows(out, rows);
out:
	free(g);
	free(rows);
}

/* A line of text, without its newline, into buf; returns the next. */
static const char *line_of(const char *p, char *buf, size_t len)
{
	size_t n = strcspn(p, "\n");

	snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), p);
	return p[n] ? p + n + 1 : p + n;
}

/* A kernel's config: the text from its "kernel" line to the next one. */
static int read_config(struct glt_doc_kernel *k, const char *from,
		       const char *to)
{
	char *text = strndup(from, (size_t)(to - from));

	if (!text)
		return -1;
	glt_kernel_facts_config(&k->kf, text);
	free(text);
	return 0;
}

int glt_doc_kernels_parse(const char *text, struct glt_doc_kernel *k,
			  unsigned int max, char *err, size_t len)
{
	char line[256], name[64], version[16], extra[2];
	const char *config = NULL, *next;
	unsigned int n = 0, nr = 0;

	for (const char *p = text; *p; p = next) {
		next = line_of(p, line, sizeof(line));
		nr++;
		if (strncmp(line, "kernel ", 7)) {
			if (!n && line[0] && line[0] != '#') {
				snprintf(err, len,
					 "line %u: '%s' before the first 'kernel NAME MAJOR.MINOR' line",
					 nr, line);
				return -1;
			}
			continue;
		}
		if (sscanf(line, "kernel %63s %15s %1s", name, version,
			   extra) != 2 ||
		    !glt_parse_release(version) ||
		    strlen(name) >= sizeof(k->name)) {
			snprintf(err, len,
				 "line %u: '%s': expected 'kernel NAME MAJOR.MINOR'",
				 nr, line);
			return -1;
		}
		if (n == max) {
			snprintf(err, len, "line %u: more than %u kernels", nr,
				 max);
			return -1;
		}
		if (n && read_config(&k[n - 1], config, p))
			goto nomem;
		config = next;
		memset(&k[n], 0, sizeof(k[n]));
		snprintf(k[n].name, sizeof(k[n].name), "%s", name);
		snprintf(k[n].kf.release, sizeof(k[n].kf.release), "%s",
			 version);
		k[n].kf.version = glt_parse_release(version);
		/* 4 KiB pages, 2 MiB PMDs and hugetlb pages (row_facts.h) */
		k[n].kf.page_shift = 12;
		k[n].kf.pmd_order = k[n].kf.hugetlb_order = 9;
		n++;
	}
	if (!n) {
		snprintf(err, len, "no 'kernel NAME MAJOR.MINOR' line");
		return -1;
	}
	if (read_config(&k[n - 1], config, config + strlen(config)))
		goto nomem;
	for (unsigned int i = 0; i < n; i++) {
		bool shared = false;

		for (unsigned int j = 0; j < n; j++)
			shared |= j != i && k[j].kf.version == k[i].kf.version;
		snprintf(k[i].label, sizeof(k[i].label), "%s",
			 shared ? k[i].name : k[i].kf.release);
	}
	return (int)n;
nomem:
	snprintf(err, len, "out of memory");
	return -1;
}
