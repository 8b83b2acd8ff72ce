// SPDX-License-Identifier: GPL-2.0
/*
 * glt-bench-plot: bench.csv of glt-bench -> a self-contained SVG, no
 * dependencies (docs/performance.md). One panel per GUP path, batch size on
 * a log2 x axis, one colour per memory kind:
 *   glt-bench-plot bench.csv > ns.svg            ns/page; solid: driver,
 *                                                dashed: gup_test
 *   glt-bench-plot --ratio bench.csv > ratio.svg driver / gup_test
 *                                                throughput, 0.95 marked
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 4096
#define MAX_SET 16

struct row {
	char kind[32], api[32];
	double batch, drv, gt, ratio;
};

static struct row rows[MAX_ROWS];
static int nrows;
static char kinds[MAX_SET][32], apis[MAX_SET][32];
static int nkinds, napis;

static const char *const colours[] = { "#1f77b4", "#d62728", "#2ca02c",
				       "#9467bd", "#ff7f0e", "#8c564b",
				       "#17becf", "#7f7f7f" };

static int intern(char set[][32], int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(set[i], s))
			return i;
	if (*n >= MAX_SET)
		return -1;
	snprintf(set[*n], 32, "%s", s);
	return (*n)++;
}

/* Splits line at commas in place; returns the field count. */
static int split(char *line, char **f, int max)
{
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == ',') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static int column(char **f, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(f[i], name))
			return i;
	fprintf(stderr, "glt-bench-plot: no column '%s' in the CSV header\n",
		name);
	exit(1);
}

static void load(const char *path)
{
	char line[1024], *f[64];
	int n, ck, ca, cb, cd, cg, cr;
	FILE *in = fopen(path, "r");

	if (!in) {
		perror(path);
		exit(1);
	}
	if (!fgets(line, sizeof(line), in)) {
		fprintf(stderr, "glt-bench-plot: %s is empty\n", path);
		exit(1);
	}
	n = split(line, f, 64);
	ck = column(f, n, "kind");
	ca = column(f, n, "api");
	cb = column(f, n, "batch");
	cd = column(f, n, "driver_ns_per_page");
	cg = column(f, n, "gup_test_ns_per_page");
	cr = column(f, n, "ratio");
	while (nrows < MAX_ROWS && fgets(line, sizeof(line), in)) {
		struct row *r = &rows[nrows];

		if (split(line, f, 64) < n)
			continue;
		snprintf(r->kind, sizeof(r->kind), "%s", f[ck]);
		snprintf(r->api, sizeof(r->api), "%s", f[ca]);
		r->batch = atof(f[cb]);
		r->drv = atof(f[cd]);
		r->gt = atof(f[cg]);
		r->ratio = atof(f[cr]);
		if (r->batch <= 0 || r->drv <= 0 || r->gt <= 0 ||
		    intern(kinds, &nkinds, r->kind) < 0 ||
		    intern(apis, &napis, r->api) < 0)
			continue;
		nrows++;
	}
	fclose(in);
	if (!nrows) {
		fprintf(stderr, "glt-bench-plot: no rows in %s\n", path);
		exit(1);
	}
}

/* Panel geometry. */
#define PW 380
#define PH 270
#define ML 62
#define MR 12
#define MT 28
#define MB 40
#define COLS 3

static double xmin = 1, xmax = 512, ymin, ymax;
static bool ratio_mode;

static double sx(int px, double batch)
{
	return px + ML +
	       (log2(batch) - log2(xmin)) / (log2(xmax) - log2(xmin)) *
		       (PW - ML - MR);
}

static double sy(int py, double v)
{
	double t = ratio_mode ? (v - ymin) / (ymax - ymin) :
				(log10(v) - log10(ymin)) /
					(log10(ymax) - log10(ymin));

	return py + PH - MB - t * (PH - MT - MB);
}

static void polyline(int px, int py, const char *kind, const char *api,
		     int which, const char *colour, bool dashed)
{
	bool any = false;

	for (int i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		double v = which == 0 ? r->drv : which == 1 ? r->gt : r->ratio;

		if (strcmp(r->kind, kind) || strcmp(r->api, api))
			continue;
		if (!any)
			printf("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s points=\"",
			       colour,
			       dashed ? " stroke-dasharray=\"5,3\"" : "");
		printf("%.1f,%.1f ", sx(px, r->batch), sy(py, v));
		any = true;
	}
	if (any)
		printf("\"/>\n");
}

static void panel(int px, int py, const char *api)
{
	printf("<g font-family=\"sans-serif\" font-size=\"11\">\n");
	printf("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n",
	       px + ML, py + MT, PW - ML - MR, PH - MT - MB);
	printf("<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
	       px + ML, py + MT - 8, api);
	for (double b = xmin; b <= xmax; b *= 2) {
		double x = sx(px, b);

		printf("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>\n",
		       x, py + MT, x, py + PH - MB);
		printf("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%g</text>\n",
		       x, py + PH - MB + 14, b);
	}
	printf("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">pages per call (batch)</text>\n",
	       px + (ML + PW - MR) / 2, py + PH - 8);
	if (ratio_mode) {
		for (double v = ceil(ymin * 10) / 10; v <= ymax + 1e-9;
		     v += 0.1) {
			double y = sy(py, v);

			printf("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n",
			       px + ML, y, px + PW - MR, y);
			printf("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>\n",
			       px + ML - 4, y + 4, v);
		}
		printf("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"4,3\"/>\n",
		       px + ML, sy(py, 0.95), px + PW - MR, sy(py, 0.95));
		printf("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">0.95</text>\n",
		       px + PW - MR - 2, sy(py, 0.95) + 11);
	} else {
		for (double d = pow(10, floor(log10(ymin))); d <= ymax; d *= 10)
			for (int m = 1; m < 10; m++) {
				double v = d * m, y;

				if (v < ymin || v > ymax)
					continue;
				y = sy(py, v);
				printf("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				       px + ML, y, px + PW - MR, y,
				       m == 1 ? "#d0d0d0" : "#efefef");
				if (m == 1 || m == 2 || m == 5)
					printf("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
					       px + ML - 4, y + 4, v);
			}
	}
	printf("<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
	       px + 14, py + (MT + PH - MB) / 2,
	       ratio_mode ? "driver / gup_test throughput" :
			    "ns per page (pin + unpin)");
	for (int k = 0; k < nkinds; k++) {
		const char *c = colours[k % 8];

		if (ratio_mode) {
			polyline(px, py, kinds[k], api, 2, c, false);
		} else {
			polyline(px, py, kinds[k], api, 1, c, true);
			polyline(px, py, kinds[k], api, 0, c, false);
		}
	}
	printf("</g>\n");
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	int rowsn, w, h;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--ratio"))
			ratio_mode = true;
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: glt-bench-plot [--ratio] bench.csv > plot.svg\n");
			return 0;
		} else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr,
			"usage: glt-bench-plot [--ratio] bench.csv > plot.svg\n");
		return 2;
	}
	load(path);
	ymin = 1e300;
	ymax = 0;
	xmin = 1e300;
	xmax = 0;
	for (int i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		double lo = ratio_mode ? r->ratio : fmin(r->drv, r->gt);
		double hi = ratio_mode ? r->ratio : fmax(r->drv, r->gt);

		ymin = fmin(ymin, lo);
		ymax = fmax(ymax, hi);
		xmin = fmin(xmin, r->batch);
		xmax = fmax(xmax, r->batch);
	}
	if (xmax <= xmin)
		xmax = xmin * 2;
	if (ratio_mode) {
		ymin = fmin(floor(ymin * 10) / 10, 0.9);
		ymax = fmax(ceil(ymax * 10) / 10, 1.1);
	} else {
		ymin = pow(10, floor(log10(ymin)));
		ymax = pow(10, ceil(log10(ymax)));
	}
	rowsn = (napis + COLS - 1) / COLS;
	w = COLS * PW;
	h = rowsn * PH + 40;
	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	printf("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
	       w, h, w, h);
	printf("<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	/* Legend. */
	printf("<g font-family=\"sans-serif\" font-size=\"12\">\n");
	for (int k = 0; k < nkinds; k++) {
		int x = 20 + k * 110;

		printf("<line x1=\"%d\" y1=\"18\" x2=\"%d\" y2=\"18\" stroke=\"%s\" stroke-width=\"3\"/>\n",
		       x, x + 24, colours[k % 8]);
		printf("<text x=\"%d\" y=\"22\">%s</text>\n", x + 30, kinds[k]);
	}
	printf("<text x=\"%d\" y=\"22\">%s</text>\n", 20 + nkinds * 110,
	       ratio_mode ?
		       "(wall clock, same syscalls; dashed: 0.95)" :
		       "solid: driver, dashed: gup_test (wall clock, same syscalls)");
	printf("</g>\n");
	for (int i = 0; i < napis; i++)
		panel((i % COLS) * PW, 40 + (i / COLS) * PH, apis[i]);
	printf("</svg>\n");
	return 0;
}
