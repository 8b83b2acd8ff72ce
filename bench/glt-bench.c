// SPDX-License-Identifier: GPL-2.0
/*
 * glt-bench: pin+unpin throughput of the gup_longterm_test driver against
 * the kernel's own GUP benchmark (/sys/kernel/debug/gup_test), on the same
 * pages, in the same boot. See docs/performance.md.
 *
 * A cell is (memory kind, GUP path, batch size b). One pass covers the same
 * GLT_BENCH_PAGES pages in batches of b pages:
 *   driver    per batch: one GLT_IOC_PIN_* of b pages with GLT_PIN_PROBE
 *             (one GUP call, then the unpin, in the ioctl): 1 ioctl
 *   gup_test  per batch: one benchmark ioctl (pins b pages with one GUP
 *             call, unpins them): 1 ioctl, as many syscalls as the
 *             driver makes
 * (Before ABI 3 the driver needed PIN and UNPIN, 2 ioctls, and gup_test
 * was given a null ioctl per batch to match: the second syscall cost the
 * driver up to 30 % at one page per call.)
 * Both are wall-clocked from userspace (CLOCK_MONOTONIC around the pass):
 * the "wall" view, the one the 0.95 goal is about. The "kernel" view puts
 * gup_test's own ktime figures (one ioctl over all the pages, b per GUP
 * call, get_delta_usec + put_delta_usec) next to the driver's wall time
 * minus the measured cost of its one syscall per batch (a null ioctl on
 * the device, -ENOTTY, timed in the same repetition).
 * Each repetition measures the driver and gup_test back to back (their
 * order alternates) on the same pages; a cell reports medians over its
 * repetitions, and the ratio is the median of the per-repetition ratios
 * gup_test ns / driver ns (= driver throughput / gup_test throughput).
 *
 * It also measures what a long-term pin costs when it has to migrate the
 * pages out of ZONE_MOVABLE (mm/gup.c check_and_migrate_movable_pages()):
 * fresh pages bound to the movable node each repetition, first pin (with
 * migration) against a second pin of the same, now unmovable, pages.
 *
 * Writes OUT/bench.csv, OUT/bench.json, OUT/migration.csv and prints one
 * progress line per cell on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "../uapi/gup_longterm_test.h"
#include "../harness/provider.h"
#include "../harness/sizes.h"
#include "gup_test_uapi.h"
#define GLT_BENCH_PAGES 512UL /* one 2 MiB THP / hugetlb / devdax extent */
#define MAX_REPS 63
#define NULL_IOCTLS 64 /* null ioctls per repetition and fd */
#define MPOL_BIND 2    /* include/uapi/linux/mempolicy.h */

static const unsigned int batches[] = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512 };
#define NR_BATCHES (sizeof(batches) / sizeof(batches[0]))

/* The driver's GUP paths and the gup_test command that times the same call. */
struct api {
	const char *name;
	bool longterm;
	unsigned int flags; /* GLT_PIN_FAST, GLT_PIN_GET */
	unsigned long gt_cmd;
	bool gt_longterm_flag; /* gup_flags |= FOLL_LONGTERM (not ABI) */
	const char *gt_name;
};

static const struct api apis[] = {
	{ "pin-lt", true, 0, PIN_LONGTERM_BENCHMARK, false,
	  "PIN_LONGTERM_BENCHMARK" },
	{ "pin-lt-fast", true, GLT_PIN_FAST, PIN_FAST_BENCHMARK, true,
	  "PIN_FAST_BENCHMARK+FOLL_LONGTERM" },
	{ "pin-tr", false, 0, PIN_BASIC_TEST, false, "PIN_BASIC_TEST" },
	{ "pin-tr-fast", false, GLT_PIN_FAST, PIN_FAST_BENCHMARK, false,
	  "PIN_FAST_BENCHMARK" },
	{ "get-tr", false, GLT_PIN_GET, GUP_BASIC_TEST, false,
	  "GUP_BASIC_TEST" },
	{ "get-tr-fast", false, GLT_PIN_GET | GLT_PIN_FAST, GUP_FAST_BENCHMARK,
	  false, "GUP_FAST_BENCHMARK" },
};
#define NR_APIS (sizeof(apis) / sizeof(apis[0]))

/*
 * The memory kinds, made and proven by the harness's providers
 * (harness/provider.c). Page cache is pinned for reading: a writable
 * long-term pin of a shared ext4 mapping is refused since v6.5 (mm/gup.c
 * writable_file_mapping_allowed()).
 */
static const struct {
	const char *name;
	enum glt_kind kind;
	bool write;
} kinds[] = {
	{ "anon", GLT_KIND_ANON, true },
	{ "thp", GLT_KIND_THP, true },
	{ "hugetlb", GLT_KIND_HUGETLB, true },
	{ "devdax", GLT_KIND_DEVDAX, true },
	{ "pagecache", GLT_KIND_PAGECACHE_EXT4, false },
};
#define NR_KINDS (sizeof(kinds) / sizeof(kinds[0]))

struct opts {
	const char *out;
	const char *fixtures;
	unsigned int min_reps, max_reps;
	double budget_s; /* per cell, once min_reps are done */
	unsigned int mig_reps;
	const char *only_kind, *only_api;
	bool no_migration, check_args, list_cells;
};

static unsigned int foll_longterm; /* 0: unknown for this kernel */
static int drv_fd = -1, gt_fd = -1;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *v, unsigned int n)
{
	double s[MAX_REPS];

	if (!n)
		return 0;
	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* FOLL_LONGTERM of the running kernel, for gup_test's gup_flags. */
static unsigned int glt_bench_foll_longterm(const char *release)
{
	unsigned int maj = 0, min = 0;

	if (sscanf(release, "%u.%u", &maj, &min) != 2)
		return 0;
	if (maj == 6 && min == 1)
		return GUP_TEST_FOLL_LONGTERM_6_1;
	if (maj == 6 && min == 12)
		return GUP_TEST_FOLL_LONGTERM_6_12;
	if (maj == 7 && min == 3)
		return GUP_TEST_FOLL_LONGTERM_7_3;
	return 0;
}

/* Driver: one probe PIN per batch over the range. Returns ns, or -1. */
static double drv_pass(char *addr, unsigned long pages, unsigned int b,
		       const struct api *a, bool write)
{
	unsigned long cmd = a->longterm ? GLT_IOC_PIN_LONGTERM :
					  GLT_IOC_PIN_TRANSIENT;
	struct glt_pin pin;
	double t0, t1;

	memset(&pin, 0, sizeof(pin));
	pin.flags = a->flags | GLT_PIN_PROBE | (write ? GLT_PIN_WRITE : 0);
	t0 = now_ns();
	for (unsigned long i = 0; i < pages; i += b) {
		pin.addr = (uintptr_t)(addr + i * PAGE_SZ);
		pin.nr_pages = b;
		if (ioctl(drv_fd, cmd, &pin)) {
			fprintf(stderr,
				"glt-bench: driver %s of %u pages: %s\n",
				a->name, b, strerror(errno));
			return -1;
		}
		if (pin.nr_pinned != b) {
			fprintf(stderr,
				"glt-bench: driver %s pinned %llu of %u pages\n",
				a->name, (unsigned long long)pin.nr_pinned, b);
			return -1;
		}
	}
	t1 = now_ns();
	return t1 - t0;
}

static unsigned int gt_flags(const struct api *a, bool write)
{
	return (write ? GUP_TEST_FOLL_WRITE : 0) |
	       (a->gt_longterm_flag ? foll_longterm : 0);
}

/*
 * gup_test, syscall-matched: per batch one benchmark ioctl of b pages (one
 * GUP call, then the unpin). Returns ns, or -1.
 */
static double gt_pass(char *addr, unsigned long pages, unsigned int b,
		      const struct api *a, bool write)
{
	struct gup_test g;
	double t0, t1;

	memset(&g, 0, sizeof(g));
	t0 = now_ns();
	for (unsigned long i = 0; i < pages; i += b) {
		g.addr = (uintptr_t)(addr + i * PAGE_SZ);
		g.size = b * PAGE_SZ;
		g.nr_pages_per_call = b;
		g.gup_flags = gt_flags(a, write);
		if (ioctl(gt_fd, a->gt_cmd, &g) || g.size != b * PAGE_SZ) {
			fprintf(stderr,
				"glt-bench: gup_test %s of %u pages covered %llu bytes (%s)\n",
				a->gt_name, b, (unsigned long long)g.size,
				strerror(errno));
			return -1;
		}
	}
	t1 = now_ns();
	return t1 - t0;
}

/* gup_test's own figure: one ioctl, b pages per GUP call. Returns ns. */
static double gt_kernel(char *addr, unsigned long pages, unsigned int b,
			const struct api *a, bool write)
{
	struct gup_test g;

	memset(&g, 0, sizeof(g));
	g.addr = (uintptr_t)addr;
	g.size = pages * PAGE_SZ;
	g.nr_pages_per_call = b;
	g.gup_flags = gt_flags(a, write);
	if (ioctl(gt_fd, a->gt_cmd, &g) || g.size != pages * PAGE_SZ) {
		fprintf(stderr, "glt-bench: gup_test %s: %s\n", a->gt_name,
			strerror(errno));
		return -1;
	}
	return (double)(g.get_delta_usec + g.put_delta_usec) * 1000.0;
}

/* ns per null ioctl on fd (cmd refused at once). */
static double null_ioctl_ns(int fd, unsigned long cmd)
{
	double t0 = now_ns();

	for (int i = 0; i < NULL_IOCTLS; i++)
		ioctl(fd, cmd, 0);
	return (now_ns() - t0) / NULL_IOCTLS;
}

struct cell {
	const char *kind, *api, *ref;
	bool write;
	unsigned int batch, reps;
	double drv, gt, ratio;	     /* wall, ns/page; median ratio */
	double drv_k, gt_k, ratio_k; /* kernel view */
	double null_drv, null_gt;    /* ns per null ioctl */
};

static int measure_cell(char *addr, const struct api *a, bool write,
			unsigned int b, const struct opts *o, struct cell *c)
{
	double drv[MAX_REPS], gt[MAX_REPS], r[MAX_REPS], drvk[MAX_REPS],
		gtk[MAX_REPS], rk[MAX_REPS], nd[MAX_REPS], ng[MAX_REPS];
	const unsigned long n = GLT_BENCH_PAGES;
	double t_start, d, g, k;
	unsigned int i;

	/* Warm up both paths once, untimed. */
	if (drv_pass(addr, n, b, a, write) < 0 ||
	    gt_pass(addr, n, b, a, write) < 0)
		return -1;
	t_start = now_ns();
	for (i = 0; i < o->max_reps; i++) {
		if (i >= o->min_reps && now_ns() - t_start > o->budget_s * 1e9)
			break;
		if (i % 2) {
			g = gt_pass(addr, n, b, a, write);
			d = drv_pass(addr, n, b, a, write);
		} else {
			d = drv_pass(addr, n, b, a, write);
			g = gt_pass(addr, n, b, a, write);
		}
		k = gt_kernel(addr, n, b, a, write);
		if (d < 0 || g < 0 || k < 0)
			return -1;
		nd[i] = null_ioctl_ns(drv_fd, _IO(GLT_IOC_MAGIC, 0x7f));
		ng[i] = null_ioctl_ns(gt_fd, GUP_TEST_NULL_IOCTL);
		drv[i] = d / n;
		gt[i] = g / n;
		r[i] = g / d;
		/* Minus its syscall per batch: what the driver does inside. */
		drvk[i] = (d - nd[i] * (double)(n / b)) / n;
		gtk[i] = k / n;
		rk[i] = drvk[i] > 0 ? gtk[i] / drvk[i] : 0;
	}
	c->reps = i;
	c->batch = b;
	c->drv = median(drv, i);
	c->gt = median(gt, i);
	c->ratio = median(r, i);
	c->drv_k = median(drvk, i);
	c->gt_k = median(gtk, i);
	c->ratio_k = median(rk, i);
	c->null_drv = median(nd, i);
	c->null_gt = median(ng, i);
	return 0;
}

static FILE *csv, *json;
static bool json_first = true;

static void emit_cell(const struct cell *c)
{
	fprintf(csv,
		"%s,%s,%s,%s,%u,%lu,%u,%.1f,%.1f,%.4f,%.0f,%.0f,%.1f,%.1f,%.4f,%.1f,%.1f\n",
		c->kind, c->api, c->write ? "write" : "read", c->ref, c->batch,
		GLT_BENCH_PAGES, c->reps, c->drv, c->gt, c->ratio, 1e9 / c->drv,
		1e9 / c->gt, c->drv_k, c->gt_k, c->ratio_k, c->null_drv,
		c->null_gt);
	fflush(csv);
	fprintf(json,
		"%s\n    {\"kind\": \"%s\", \"api\": \"%s\", \"access\": \"%s\", \"gup_test\": \"%s\", \"batch\": %u, \"pages\": %lu, \"reps\": %u, "
		"\"driver_ns_per_page\": %.1f, \"gup_test_ns_per_page\": %.1f, \"ratio\": %.4f, "
		"\"driver_pages_per_s\": %.0f, \"gup_test_pages_per_s\": %.0f, "
		"\"driver_kernel_ns_per_page\": %.1f, \"gup_test_kernel_ns_per_page\": %.1f, \"kernel_ratio\": %.4f, "
		"\"null_ioctl_driver_ns\": %.1f, \"null_ioctl_gup_test_ns\": %.1f}",
		json_first ? "" : ",", c->kind, c->api,
		c->write ? "write" : "read", c->ref, c->batch, GLT_BENCH_PAGES,
		c->reps, c->drv, c->gt, c->ratio, 1e9 / c->drv, 1e9 / c->gt,
		c->drv_k, c->gt_k, c->ratio_k, c->null_drv, c->null_gt);
	json_first = false;
	printf("[glt-bench] %-9s %-11s b=%-3u driver %9.1f ns/page  gup_test %9.1f ns/page  ratio %.3f  (kernel view %.3f)  reps %u%s\n",
	       c->kind, c->api, c->batch, c->drv, c->gt, c->ratio, c->ratio_k,
	       c->reps, c->ratio < 0.95 ? "  < 0.95" : "");
	fflush(stdout);
}

/* ---- migration out of ZONE_MOVABLE ---- */

/* The first node with a Movable zone that has >= min_free free pages. */
static int movable_node(long min_free)
{
	FILE *f = fopen("/proc/zoneinfo", "re");
	char line[256], zone[32];
	int cur = -1, in_movable = 0, node = -1;
	long v;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %31s", &cur, zone) == 2)
			in_movable = !strcmp(zone, "Movable");
		else if (in_movable &&
			 sscanf(line, " pages free %ld", &v) == 1 &&
			 v >= min_free) {
			node = cur;
			break;
		}
	}
	fclose(f);
	return node;
}

/* How many of the range's pages are in ZONE_MOVABLE (transient pin, QUERY). */
static long count_movable(char *addr, unsigned long pages)
{
	static struct glt_page_info info[GLT_BENCH_PAGES];
	struct glt_pin pin = { .addr = (uintptr_t)addr, .nr_pages = pages };
	struct glt_query q = { 0 };
	struct glt_unpin un = { 0 };
	long movable = 0;

	if (ioctl(drv_fd, GLT_IOC_PIN_TRANSIENT, &pin) ||
	    pin.nr_pinned != pages)
		return -1;
	q.handle = pin.handle;
	q.count = pages;
	q.info = (uintptr_t)info;
	if (ioctl(drv_fd, GLT_IOC_QUERY, &q))
		movable = -1;
	for (unsigned long i = 0; movable >= 0 && i < q.count; i++)
		movable += info[i].zone == GLT_ZONE_MOVABLE;
	un.handle = pin.handle;
	ioctl(drv_fd, GLT_IOC_UNPIN, &un);
	return movable;
}

/* Fresh pages bound to node, faulted in, all in ZONE_MOVABLE. */
static char *movable_pages(int node, bool thp, void **base)
{
	unsigned long mask = 1UL << node;
	size_t len = GLT_BENCH_PAGES * PAGE_SZ;
	char *p = mmap(NULL, len + PMD_SZ, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *at;

	if (p == MAP_FAILED)
		return NULL;
	*base = p;
	at = (char *)(((uintptr_t)p + PMD_SZ - 1) & ~(PMD_SZ - 1));
	if (madvise(at, len, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE) ||
	    syscall(SYS_mbind, at, len, MPOL_BIND, &mask, sizeof(mask) * 8,
		    0)) {
		fprintf(stderr, "glt-bench: madvise/mbind to node %d: %s\n",
			node, strerror(errno));
		munmap(p, len + PMD_SZ);
		return NULL;
	}
	for (unsigned long i = 0; i < GLT_BENCH_PAGES; i++)
		at[i * PAGE_SZ] = (char)i;
	if (thp) {
		struct glt_mapping_level lv = { .addr = (uintptr_t)at };

		if (ioctl(drv_fd, GLT_IOC_MAPPING_LEVEL, &lv) ||
		    lv.level != GLT_LEVEL_PMD) {
			fprintf(stderr,
				"glt-bench: no PMD-mapped THP on node %d\n",
				node);
			munmap(p, len + PMD_SZ);
			return NULL;
		}
	}
	if (count_movable(at, GLT_BENCH_PAGES) != (long)GLT_BENCH_PAGES) {
		fprintf(stderr,
			"glt-bench: pages bound to node %d are not all in ZONE_MOVABLE\n",
			node);
		munmap(p, len + PMD_SZ);
		return NULL;
	}
	return at;
}

/* The pfn of the page at addr (a transient pin and QUERY), or 0. */
static unsigned long long pfn_of(char *addr)
{
	struct glt_pin pin = { .addr = (uintptr_t)addr, .nr_pages = 1 };
	struct glt_page_info info = { 0 };
	struct glt_query q = { .count = 1, .info = (uintptr_t)&info };
	struct glt_unpin un = { 0 };

	if (ioctl(drv_fd, GLT_IOC_PIN_TRANSIENT, &pin) || !pin.nr_pinned)
		return 0;
	q.handle = un.handle = pin.handle;
	if (ioctl(drv_fd, GLT_IOC_QUERY, &q))
		info.flags = 0;
	ioctl(drv_fd, GLT_IOC_UNPIN, &un);
	return info.flags & GLT_PAGE_PFN_VALID ? info.pfn : 0;
}

/*
 * The same 512-page GET and PIN, on each free 2 MiB hugetlb page in turn:
 * whether a page's place in the guest's memory alone makes GUP slower (the
 * hugetlb dips at 256-512 pages, docs/performance.md). gup_test's own
 * figure (kernel view) and both wall times, medians of SPREAD_REPS.
 */
#define SPREAD_PAGES 8U
#define SPREAD_REPS 9U
static int run_hugetlb_spread(const struct opts *o)
{
	const struct api *get = &apis[4], *pin = &apis[2];
	char path[512], *at[SPREAD_PAGES];
	unsigned int n = 0;
	FILE *out;

	snprintf(path, sizeof(path), "%s/hugetlb-spread.csv", o->out);
	out = fopen(path, "w");
	if (!out)
		return -1;
	fprintf(out,
		"page,pfn,gup_test_get_kernel_ns_per_page,gup_test_pin_kernel_ns_per_page,driver_get_ns_per_page,gup_test_get_ns_per_page\n");
	while (n < SPREAD_PAGES) {
		at[n] = mmap(NULL, HUGETLB_SZ, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
		if (at[n] == MAP_FAILED)
			break;
		memset(at[n++], 1, HUGETLB_SZ);
	}
	printf("[glt-bench] hugetlb spread: %u free 2 MiB pages, 512-page GET and PIN on each, %u repetitions\n",
	       n, SPREAD_REPS);
	for (unsigned int i = 0; i < n; i++) {
		const unsigned long np = GLT_BENCH_PAGES;
		double gk[SPREAD_REPS], pk[SPREAD_REPS], dw[SPREAD_REPS],
			gw[SPREAD_REPS];
		unsigned long long pfn = pfn_of(at[i]);

		for (unsigned int r = 0; r < SPREAD_REPS; r++) {
			gk[r] = gt_kernel(at[i], np, 512, get, true) / np;
			pk[r] = gt_kernel(at[i], np, 512, pin, true) / np;
			dw[r] = drv_pass(at[i], np, 512, get, true) / np;
			gw[r] = gt_pass(at[i], np, 512, get, true) / np;
		}
		fprintf(out, "%u,%#llx,%.1f,%.1f,%.1f,%.1f\n", i, pfn,
			median(gk, SPREAD_REPS), median(pk, SPREAD_REPS),
			median(dw, SPREAD_REPS), median(gw, SPREAD_REPS));
		printf("[glt-bench] hugetlb page %u pfn %#llx: gup_test GET %.1f ns/page, PIN %.1f (kernel view); wall GET driver %.1f, gup_test %.1f\n",
		       i, pfn, median(gk, SPREAD_REPS), median(pk, SPREAD_REPS),
		       median(dw, SPREAD_REPS), median(gw, SPREAD_REPS));
	}
	for (unsigned int i = 0; i < n; i++)
		munmap(at[i], HUGETLB_SZ);
	fclose(out);
	return 0;
}

/* One repetition of a migration cell's figures, in ns per pass. */
struct mig_rep {
	double dm, dr, gm, gr; /* driver, gup_test: migrating, resident */
	long left; /* pages still in ZONE_MOVABLE after the driver's pins */
};

/*
 * One repetition: the driver long-term pins fresh pages twice (the first
 * pin migrates them, the second does not), then gup_test does the same on
 * other fresh pages. -1 when the memory cannot be made or a pass fails.
 */
static int migration_rep(int node, bool thp, const struct api *a,
			 unsigned int b, struct mig_rep *r)
{
	void *base;
	char *at;

	/* Driver: first pin migrates, second does not. */
	at = movable_pages(node, thp, &base);
	if (!at)
		return -1;
	r->dm = drv_pass(at, GLT_BENCH_PAGES, b, a, true);
	r->dr = drv_pass(at, GLT_BENCH_PAGES, b, a, true);
	r->left = count_movable(at, GLT_BENCH_PAGES);
	munmap(base, GLT_BENCH_PAGES * PAGE_SZ + PMD_SZ);
	/* gup_test on other fresh pages. */
	at = movable_pages(node, thp, &base);
	if (!at)
		return -1;
	r->gm = gt_pass(at, GLT_BENCH_PAGES, b, a, true);
	r->gr = gt_pass(at, GLT_BENCH_PAGES, b, a, true);
	munmap(base, GLT_BENCH_PAGES * PAGE_SZ + PMD_SZ);
	if (r->dm < 0 || r->dr < 0 || r->gm < 0 || r->gr < 0 || r->left < 0)
		return -1;
	return 0;
}

/*
 * One migration cell (kind, GUP path a, batch b): o->mig_reps repetitions,
 * their medians written to f and printed. -1 when a repetition fails.
 */
static int migration_cell(const struct opts *o, FILE *f, int node, bool thp,
			  const struct api *a, unsigned int b)
{
	unsigned int reps = o->mig_reps;
	double dm[MAX_REPS], dr[MAX_REPS], gm[MAX_REPS], gr[MAX_REPS],
		rr[MAX_REPS];
	long left = 0;

	if (reps > MAX_REPS)
		reps = MAX_REPS;
	for (unsigned int i = 0; i < reps; i++) {
		struct mig_rep r;

		if (migration_rep(node, thp, a, b, &r))
			return -1;
		left += r.left;
		rr[i] = r.gm / r.dm;
		dm[i] = r.dm / GLT_BENCH_PAGES;
		dr[i] = r.dr / GLT_BENCH_PAGES;
		gm[i] = r.gm / GLT_BENCH_PAGES;
		gr[i] = r.gr / GLT_BENCH_PAGES;
	}
	fprintf(f, "%s,%s,%s,%u,%lu,%u,%.1f,%.1f,%.1f,%.1f,%.1f,%.4f,%ld\n",
		thp ? "thp" : "anon", a->name, a->gt_name, b, GLT_BENCH_PAGES,
		reps, median(dm, reps), median(dr, reps),
		median(dm, reps) - median(dr, reps), median(gm, reps),
		median(gr, reps), median(rr, reps), left);
	fflush(f);
	printf("[glt-bench] migration %-4s %-11s b=%-3u first pin (migrates) %9.1f ns/page, again %8.1f ns/page: migration %9.1f ns/page; gup_test %9.1f ns/page, ratio %.3f%s\n",
	       thp ? "thp" : "anon", a->name, b, median(dm, reps),
	       median(dr, reps), median(dm, reps) - median(dr, reps),
	       median(gm, reps), median(rr, reps),
	       left ? "  (some pages stayed movable!)" : "");
	fflush(stdout);
	return 0;
}

/*
 * The cost of migrating pages out of ZONE_MOVABLE on a long-term pin, to
 * DIR/migration.csv: 4 KiB and THP pages, pin-lt and pin-lt-fast, batches
 * of 1, 16 and 512 pages. Not measured (0) without movable memory.
 */
static int run_migration(const struct opts *o)
{
	static const unsigned int mb[] = { 1, 16, 512 };
	static const struct api *ma[] = { &apis[0], &apis[1] };
	int node = movable_node(4 * (long)GLT_BENCH_PAGES);
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/migration.csv", o->out);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "glt-bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f,
		"kind,api,gup_test,batch,pages,reps,driver_migrate_ns_per_page,driver_resident_ns_per_page,migration_cost_ns_per_page,gup_test_migrate_ns_per_page,gup_test_resident_ns_per_page,ratio_migrate,pages_left_movable\n");
	if (node < 0) {
		printf("[glt-bench] migration: no NUMA node with free ZONE_MOVABLE memory: not measured\n");
		fclose(f);
		return 0;
	}
	printf("[glt-bench] migration: long-term pins of fresh pages bound to node %d (ZONE_MOVABLE), %u repetitions\n",
	       node, o->mig_reps);
	for (int thp = 0; thp < 2; thp++)
		for (size_t ai = 0; ai < sizeof(ma) / sizeof(ma[0]); ai++)
			for (size_t bi = 0; bi < sizeof(mb) / sizeof(mb[0]);
			     bi++) {
				if (ma[ai]->gt_longterm_flag && !foll_longterm)
					continue;
				if (migration_cell(o, f, node, thp, ma[ai],
						   mb[bi]))
					goto fail;
			}
	fclose(f);
	return 0;
fail:
	fclose(f);
	fprintf(stderr, "glt-bench: the migration measurement failed\n");
	return -1;
}

/* A decimal number in [min, max] for option opt, or an error and -1. */
static int parse_uint(const char *opt, const char *arg, unsigned int min,
		      unsigned int max, unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || v < min ||
	    v > max) {
		fprintf(stderr,
			"glt-bench: %s wants a number from %u to %u, not '%s'\n",
			opt, min, max, arg);
		return -1;
	}
	*out = (unsigned int)v;
	return 0;
}

static bool known_kind(const char *name)
{
	for (size_t i = 0; i < NR_KINDS; i++)
		if (!strcmp(kinds[i].name, name))
			return true;
	return false;
}

static bool known_api(const char *name)
{
	for (size_t i = 0; i < NR_APIS; i++)
		if (!strcmp(apis[i].name, name))
			return true;
	return false;
}

/*
 * Whether a run with these options measures kind ki by GUP path a on this
 * kernel: pin-lt-fast needs gup_test's FOLL_LONGTERM, which is not ABI.
 */
static bool cell_wanted(const struct opts *o, size_t ki, const struct api *a)
{
	if (o->only_kind && strcmp(o->only_kind, kinds[ki].name))
		return false;
	if (o->only_api && strcmp(o->only_api, a->name))
		return false;
	return !a->gt_longterm_flag || foll_longterm;
}

/* --list-cells: "KIND API BATCH" per cell a run would measure, in order. */
static void list_cells(const struct opts *o)
{
	for (size_t ki = 0; ki < NR_KINDS; ki++) {
		for (size_t ai = 0; ai < NR_APIS; ai++) {
			if (!cell_wanted(o, ki, &apis[ai]))
				continue;
			for (size_t bi = 0; bi < NR_BATCHES; bi++)
				printf("%s %s %u\n", kinds[ki].name,
				       apis[ai].name, batches[bi]);
		}
	}
}

static void usage(FILE *to)
{
	fprintf(to,
		"usage: glt-bench [--out DIR] [--fixtures FILE] [--min-reps N] [--max-reps N]\n"
		"                 [--budget-ms MS] [--migration-reps N] [--no-migration]\n"
		"                 [--kind NAME] [--api NAME] [--check-args] [--list-cells]\n"
		"Pin+unpin throughput of %s against %s, in the same boot\n"
		"on the same pages (docs/performance.md). Needs the module loaded, CONFIG_GUP_TEST\n"
		"and debugfs, and the fixtures of glt-fixtures (devdax, pagecache-ext4).\n"
		"Writes DIR/bench.csv, DIR/bench.json, DIR/migration.csv (DIR: .).\n"
		"  --min-reps N (11), --max-reps N (63): repetitions per cell; past the\n"
		"      minimum, a cell stops once it has run --budget-ms MS (1000)\n"
		"  --migration-reps N (9): repetitions of the ZONE_MOVABLE migration cells\n"
		"  --kind anon|thp|hugetlb|devdax|pagecache: one memory kind only\n"
		"  --api pin-lt|pin-lt-fast|pin-tr|pin-tr-fast|get-tr|get-tr-fast: one GUP path only\n"
		"  --check-args: check the options and exit (0 when they are valid)\n"
		"  --list-cells: print \"KIND API BATCH\" for each cell a run with these\n"
		"      options measures on this kernel, and exit (no device needed)\n"
		"Exit status: 0 every cell measured, 1 a failure, 2 bad options.\n",
		GLT_DEVICE_PATH, GUP_TEST_PATH);
}

static const struct option long_options[] = {
	{ "out", required_argument, NULL, 'o' },
	{ "fixtures", required_argument, NULL, 'f' },
	{ "min-reps", required_argument, NULL, 'm' },
	{ "max-reps", required_argument, NULL, 'M' },
	{ "budget-ms", required_argument, NULL, 'b' },
	{ "migration-reps", required_argument, NULL, 'r' },
	{ "no-migration", no_argument, NULL, 'n' },
	{ "kind", required_argument, NULL, 'k' },
	{ "api", required_argument, NULL, 'a' },
	{ "check-args", no_argument, NULL, 'c' },
	{ "list-cells", no_argument, NULL, 'L' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/*
 * The options into o. -1: go on; otherwise the exit status (0 after
 * --help, 2 for a bad option, with the message and the usage).
 */
static int parse_options(int argc, char **argv, struct opts *o)
{
	unsigned int budget_ms;
	int c;

	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case 'f':
			o->fixtures = optarg;
			break;
		case 'm':
			if (parse_uint("--min-reps", optarg, 1, MAX_REPS,
				       &o->min_reps))
				return 2;
			break;
		case 'M':
			if (parse_uint("--max-reps", optarg, 1, MAX_REPS,
				       &o->max_reps))
				return 2;
			break;
		case 'b':
			if (parse_uint("--budget-ms", optarg, 0, 3600000,
				       &budget_ms))
				return 2;
			o->budget_s = budget_ms / 1000.0;
			break;
		case 'r':
			if (parse_uint("--migration-reps", optarg, 1, MAX_REPS,
				       &o->mig_reps))
				return 2;
			break;
		case 'n':
			o->no_migration = true;
			break;
		case 'k':
			o->only_kind = optarg;
			break;
		case 'a':
			o->only_api = optarg;
			break;
		case 'c':
			o->check_args = true;
			break;
		case 'L':
			o->list_cells = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "glt-bench: unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		return 2;
	}
	return -1;
}

/* Options that are valid one by one but not together, or unknown names. */
static int check_options(const struct opts *o)
{
	if (o->min_reps > o->max_reps) {
		fprintf(stderr,
			"glt-bench: --min-reps %u is above --max-reps %u\n",
			o->min_reps, o->max_reps);
		return 2;
	}
	if (o->only_kind && !known_kind(o->only_kind)) {
		fprintf(stderr,
			"glt-bench: unknown --kind '%s' (anon, thp, hugetlb, devdax, pagecache)\n",
			o->only_kind);
		return 2;
	}
	if (o->only_api && !known_api(o->only_api)) {
		fprintf(stderr,
			"glt-bench: unknown --api '%s' (pin-lt, pin-lt-fast, pin-tr, pin-tr-fast, get-tr, get-tr-fast)\n",
			o->only_api);
		return 2;
	}
	return 0;
}

/* The fixtures, the driver's device and gup_test's file; 0 or 1. */
static int open_devices(const struct opts *o, struct glt_fixtures *fx)
{
	char err[512];

	memset(fx, 0, sizeof(*fx));
	if (glt_fixtures_load(fx, o->fixtures, err, sizeof(err))) {
		fprintf(stderr, "glt-bench: %s\n", err);
		return 1;
	}
	drv_fd = open(GLT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (drv_fd < 0) {
		fprintf(stderr,
			"glt-bench: open %s: %s (load gup_longterm_test.ko)\n",
			GLT_DEVICE_PATH, strerror(errno));
		return 1;
	}
	gt_fd = open(GUP_TEST_PATH, O_RDWR | O_CLOEXEC);
	if (gt_fd < 0) {
		fprintf(stderr,
			"glt-bench: open %s: %s (CONFIG_GUP_TEST=y and debugfs mounted?)\n",
			GUP_TEST_PATH, strerror(errno));
		return 1;
	}
	return 0;
}

/* DIR/bench.csv and DIR/bench.json with their headers, and the run's. */
static int open_outputs(const struct opts *o, const char *release)
{
	char path[4096];

	mkdir(o->out, 0755);
	snprintf(path, sizeof(path), "%s/bench.csv", o->out);
	csv = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/bench.json", o->out);
	json = fopen(path, "w");
	if (!csv || !json) {
		fprintf(stderr, "glt-bench: cannot write to %s: %s\n", o->out,
			strerror(errno));
		return 1;
	}
	fprintf(csv,
		"kind,api,access,gup_test,batch,pages,reps,driver_ns_per_page,gup_test_ns_per_page,ratio,driver_pages_per_s,gup_test_pages_per_s,driver_kernel_ns_per_page,gup_test_kernel_ns_per_page,kernel_ratio,null_ioctl_driver_ns,null_ioctl_gup_test_ns\n");
	fprintf(json,
		"{\n  \"kernel\": \"%s\",\n  \"pages_per_pass\": %lu,\n  \"foll_longterm\": %u,\n  \"cells\": [",
		release, GLT_BENCH_PAGES, foll_longterm);
	printf("[glt-bench] kernel %s; %lu pages per pass; %zu kinds x %zu GUP paths x %zu batch sizes; %u..%u repetitions per cell (budget %.0f ms)\n",
	       release, GLT_BENCH_PAGES, NR_KINDS, NR_APIS, NR_BATCHES,
	       o->min_reps, o->max_reps, o->budget_s * 1000);
	if (!foll_longterm)
		printf("[glt-bench] FOLL_LONGTERM of %s is not known here: pin-lt-fast has no gup_test reference\n",
		       release);
	return 0;
}

/* The lowest ratio driver/gup_test of the run, and its cell. */
struct worst {
	double ratio;
	const char *where;
	char buf[128];
};

/*
 * Every wanted cell of kind ki, on memory made once for them all: each
 * GUP path, each batch size (a path stops at its first failed cell).
 * Returns the number of failures.
 */
static int run_kind(const struct opts *o, struct glt_fixtures *fx, size_t ki,
		    struct worst *w)
{
	struct glt_mapping m;
	char err[512];
	int failures = 0;

	if (glt_provider_setup(kinds[ki].kind, fx, GLT_BENCH_PAGES, &m, err,
			       sizeof(err))) {
		printf("[glt-bench] %s: cannot make the memory: %s\n",
		       kinds[ki].name, err);
		return 1;
	}
	printf("[glt-bench] %s (%s), %s pins at %p\n", kinds[ki].name,
	       glt_kind_name(kinds[ki].kind),
	       kinds[ki].write ? "write" : "read", m.addr);
	for (size_t ai = 0; ai < NR_APIS; ai++) {
		const struct api *a = &apis[ai];

		if (!cell_wanted(o, ki, a))
			continue;
		for (size_t bi = 0; bi < NR_BATCHES; bi++) {
			struct cell cl = {
				.kind = kinds[ki].name,
				.api = a->name,
				.ref = a->gt_name,
				.write = kinds[ki].write,
			};

			if (measure_cell(m.addr, a, kinds[ki].write,
					 batches[bi], o, &cl)) {
				printf("[glt-bench] %s %s b=%u: FAILED\n",
				       cl.kind, cl.api, batches[bi]);
				failures++;
				break;
			}
			emit_cell(&cl);
			if (cl.ratio < w->ratio) {
				w->ratio = cl.ratio;
				snprintf(w->buf, sizeof(w->buf), "%s %s b=%u",
					 cl.kind, cl.api, cl.batch);
				w->where = w->buf;
			}
		}
	}
	glt_provider_teardown(&m);
	return failures;
}

int main(int argc, char **argv)
{
	struct opts o = {
		.out = ".",
		.fixtures = GLT_FIXTURES_CONF,
		.min_reps = 11,
		.max_reps = 63,
		.budget_s = 1.0,
		.mig_reps = 9,
	};
	struct worst w = { .ratio = 1e9, .where = "none" };
	struct glt_fixtures fx;
	struct utsname u;
	double t_all = now_ns();
	int ret, failures = 0;

	ret = parse_options(argc, argv, &o);
	if (ret >= 0)
		return ret;
	ret = check_options(&o);
	/* ci/bench.sh checks the options on the host before a guest boots. */
	if (ret || o.check_args)
		return ret;
	uname(&u);
	foll_longterm = glt_bench_foll_longterm(u.release);
	if (o.list_cells) {
		list_cells(&o);
		return 0;
	}
	if (open_devices(&o, &fx) || open_outputs(&o, u.release))
		return 1;
	for (size_t ki = 0; ki < NR_KINDS; ki++)
		if (!o.only_kind || !strcmp(o.only_kind, kinds[ki].name))
			failures += run_kind(&o, &fx, ki, &w);
	fprintf(json, "\n  ]\n}\n");
	fclose(json);
	fclose(csv);
	printf("[glt-bench] worst ratio driver/gup_test: %.3f (%s); %.0f s so far\n",
	       w.ratio, w.where, (now_ns() - t_all) / 1e9);
	if (!o.only_kind && run_hugetlb_spread(&o))
		failures++;
	if (!o.no_migration && run_migration(&o))
		failures++;
	printf("[glt-bench] done in %.0f s, %d failures; results in %s\n",
	       (now_ns() - t_all) / 1e9, failures, o.out);
	return failures ? 1 : 0;
}
