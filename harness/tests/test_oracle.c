// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the oracle and the case model: no kernel, no driver.
 * The kernel facts are those of Debian's 6.1 and 6.12, of a 6.12 built
 * with CONFIG_FS_DAX=n, and of the 5.10 and 7.3 built here; the invariants
 * run on every measured series and every end of a rule's range. The memory
 * facts are the kind rows' (kinds.def), never copied here.
 */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../case.h"
#include "../facts.h"
#include "../fixtures.h"
#include "../oracle.h"
#include "../verdicts_doc.h"
#include "measured_kernels.h"
#include "../row_facts.h"
#include "run_suite.h"

/*
 * Check records every assertion that passes (ck_assert*() ->
 * _mark_point(): one write(2) to the test's message pipe, for the "last
 * point reached" of a crash). The invariant loops below ask the oracle
 * millions of questions, every case on every kernel range: they report a
 * failure only (9.7 million writes, and most of make check's valgrind
 * step, before).
 */
#define expect_msg(expr, ...)                      \
	do {                                       \
		if (!(expr))                       \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

/*
 * The page-table geometry of x86-64 and of arm64 with 4 KiB pages, as the
 * running kernel's facts give it (facts.c, sizes.h): 4 KiB pages, 2 MiB
 * PMDs and hugetlb pages.
 */
#define GEOMETRY_4K .page_shift = 12, .pmd_order = 9, .hugetlb_order = 9

/*
 * The facts of Debian's amd64 kernels and of the ones built here with DAX
 * (CONFIG_FS_DAX=y, CONFIG_DEV_DAX=m), of release r and version v.
 */
#define DAX_KERNEL(r, v)                                                 \
	GEOMETRY_4K, .release = r, .version = v, .fs_dax = GLT_CONFIG_Y, \
		     .dev_dax = GLT_CONFIG_M

static const struct glt_kernel_facts k61 = { DAX_KERNEL("6.1.0-56-amd64",
							GLT_KV(6, 1)) };
static const struct glt_kernel_facts k612 = { DAX_KERNEL("6.12.117+deb12-amd64",
							 GLT_KV(6, 12)) };
static const struct glt_kernel_facts k510 = { DAX_KERNEL("5.10.223",
							 GLT_KV(5, 10)) };
static const struct glt_kernel_facts k73 = { DAX_KERNEL("7.3.4",
							GLT_KV(7, 3)) };
/* The four, oldest first: the tests' "on every kernel". */
#define NR_DAX_KERNELS 4
static const struct glt_kernel_facts *const dax_kernels[NR_DAX_KERNELS] = {
	&k510, &k61, &k612, &k73
};
/*
 * Debian 12's arm64 6.1 (6.1.0-NN-arm64): no CONFIG_ZONE_DEVICE, hence no
 * CONFIG_FS_DAX line in its config at all (read as n) and no device-DAX
 * of pmem; 4 KiB pages.
 */
static const struct glt_kernel_facts k61_arm64 = {
	GEOMETRY_4K,
	.release = "6.1.0-57-arm64",
	.version = GLT_KV(6, 1),
	.fs_dax = GLT_CONFIG_N,
	.dev_dax = GLT_CONFIG_M,
	.zone_device = GLT_CONFIG_N,
	.machine = "aarch64",
};
static const struct glt_kernel_facts k612_nodax = {
	GEOMETRY_4K,
	.release = "6.12.117",
	.version = GLT_KV(6, 12),
	.fs_dax = GLT_CONFIG_N,
	.dev_dax = GLT_CONFIG_Y,
};

/*
 * The memory facts of a kind: its row of kinds.def, as the provider claims
 * it for GLT_SPAN_MANY_PAGES pages (row_facts.h). No facts are
 * written here: a row that changes changes what these tests see.
 */
static struct glt_mem_facts rows[GLT_KIND_COUNT][GLT_MAX_SEGMENTS];
static unsigned int row_segs[GLT_KIND_COUNT];

static const struct glt_mem_facts *row(enum glt_kind kind)
{
	if (!row_segs[kind])
		row_segs[kind] = glt_test_row_facts(kind, GLT_SPAN_MANY_PAGES,
						    rows[kind]);
	return rows[kind];
}

static struct glt_expect expect(const struct glt_kernel_facts *kf,
				enum glt_kind kind, enum glt_api api,
				enum glt_access access,
				const struct glt_mem_facts *mem)
{
	struct glt_case c;
	struct glt_expect e;

	glt_case_init(&c, kind, api, access, GLT_SPAN_MANY);
	e = glt_oracle_pin(kf, &c, mem, 1);
	ck_assert_ptr_nonnull(e.rule);
	ck_assert_ptr_nonnull(e.rule->cite);
	return e;
}

/*
 * Whether a device holding kind's pin (one page, mem's facts) sees what
 * view asks after the pin: *id is the deciding rule's.
 */
static bool coherent(const struct glt_kernel_facts *kf, enum glt_kind kind,
		     enum glt_api api, enum glt_access access,
		     const struct glt_mem_facts *mem,
		     enum glt_coherence_view view, const char **id)
{
	struct glt_case c;
	struct glt_expect e;
	bool same;

	glt_case_init(&c, kind, api, access, GLT_SPAN_ONE);
	e = glt_oracle_pin(kf, &c, mem, 1);
	ck_assert_int_eq(e.error, 0);
	*id = glt_oracle_coherence(kf, &c, mem, e.outcome[0], view, &same)->id;
	return same;
}

/*
 * The question a row of checks asks the oracle, of the row's kernel, kind
 * and (for a pin) GUP path and access, with the kind row's memory facts
 * unless the row gives its own (.mem); .want is the answer.
 */
enum ask {
	PIN,	       /* glt_oracle_pin(): the errno */
	OUTCOME,       /* ... a pin of every page: its first VMA's outcome */
	AVAILABLE,     /* glt_oracle_available(): the errno (.step) */
	ATTEMPT,       /* ... enum glt_attempt */
	ORDER,	       /* glt_oracle_folio_order() of the .out pages */
	ZONE_DEVICE,   /* glt_oracle_zone_device() of the .out pages */
	ANON,	       /* glt_oracle_anon() of the .out pages */
	ZERO_PAGE,     /* ... whether they are a zero page */
	COWED_AWAY,    /* glt_oracle_cowed_away_delta() */
	FRESH,	       /* glt_oracle_fresh_page_refcount() of the .out pages */
	PROCESS_WRITE, /* coherent(): the device sees the process's write */
	DEVICE_WRITE,  /* coherent(): the process sees the device's write */
};

#define ANY LONG_MIN /* .want: not asserted */

struct check {
	enum ask ask;
	const struct glt_kernel_facts *kf;
	enum glt_kind kind;
	enum glt_api api;
	enum glt_access access;
	long want;
	const char *rule; /* the deciding rule's id; NULL: not asserted */
	enum glt_outcome_pages out;
	const struct glt_mem_facts *mem;
	const char *step; /* AVAILABLE: the step that fails */
	/* The deciding rule's citation for the kernel has / lacks this. */
	const char *cite, *not_cite;
	/*
	 * The row asked of each GUP path of this set (API_BIT()s) instead of
	 * .api, and of each access instead of .access if every_access.
	 */
	unsigned int paths;
	bool every_access;
};

#define API_BIT(api) (1u << (api))
#define LONGTERM_PINS \
	(API_BIT(GLT_API_PIN_LONGTERM) | API_BIT(GLT_API_PIN_LONGTERM_FAST))
/*
 * A long-term GET never reaches GUP: the driver refuses it with -EINVAL
 * (driver/gup_longterm_test.c glt_pin_check()), as the kernel WARNs on
 * FOLL_LONGTERM with FOLL_GET (v6.1 is_valid_gup_flags(), v6.12
 * is_valid_gup_args(), mm/gup.c).
 */
#define LONGTERM_GETS \
	(API_BIT(GLT_API_GET_LONGTERM) | API_BIT(GLT_API_GET_LONGTERM_FAST))
#define GUP_PATHS ((API_BIT(GLT_API_COUNT) - 1) & ~LONGTERM_GETS)
#define TRANSIENT_PATHS (GUP_PATHS & ~LONGTERM_PINS)
#define PIN_PATHS                                         \
	(LONGTERM_PINS | API_BIT(GLT_API_PIN_TRANSIENT) | \
	 API_BIT(GLT_API_PIN_TRANSIENT_FAST))
#define TRANSIENT_GETS (GUP_PATHS & ~PIN_PATHS)

#define CHECK(table) check(table, sizeof(table) / sizeof((table)[0]))

static const char *const ask_names[] = {
	"pin",	      "outcome",     "available",     "attempt",
	"order",      "zone-device", "anon",	      "zero-page",
	"cowed-away", "fresh",	     "process-write", "device-write",
};

/* Row c's question in words, for a failure's message. */
static const char *question(const struct check *c, char *buf, size_t len)
{
	if (c->ask == PIN || c->ask == OUTCOME || c->ask >= PROCESS_WRITE)
		snprintf(buf, len, "%s of %s/%s/%s", ask_names[c->ask],
			 glt_api_name(c->api), glt_kind_name(c->kind),
			 glt_access_name(c->access));
	else
		snprintf(buf, len, "%s of %s (pages: outcome %d)",
			 ask_names[c->ask], glt_kind_name(c->kind), c->out);
	return buf;
}

/* Row i's question asked, and its answer asserted. */
static void check_one(const struct check *c, size_t i)
{
	const struct glt_mem_facts *mem = c->mem ? c->mem : row(c->kind);
	const struct glt_rule *r = NULL;
	const char *id = NULL;
	struct glt_availability a;
	struct glt_expect e;
	char buf[128];
	bool zero;
	long got;

	switch (c->ask) {
	case PIN:
	case OUTCOME:
		e = expect(c->kf, c->kind, c->api, c->access, mem);
		if (c->ask == OUTCOME)
			ck_assert_int_eq(e.error, 0);
		if (!e.error)
			ck_assert_uint_eq(e.nr_pinned, mem->nr_pages);
		got = c->ask == PIN ? e.error : (long)e.outcome[0];
		r = c->ask == PIN ? e.rule : e.outcome_rule[0];
		break;
	case AVAILABLE:
	case ATTEMPT:
		a = glt_oracle_available(c->kf, c->kind);
		got = c->ask == AVAILABLE ? a.error : (long)a.attempt;
		r = a.rule;
		if (c->step)
			ck_assert_str_eq(a.step, c->step);
		break;
	case ORDER:
		got = glt_oracle_folio_order(c->kf, mem, c->out, &r);
		break;
	case ZONE_DEVICE:
		got = glt_oracle_zone_device(mem, c->out, &r);
		break;
	case ANON:
	case ZERO_PAGE:
		got = glt_oracle_anon(mem, c->out, &zero, &r);
		if (c->ask == ZERO_PAGE)
			got = zero;
		break;
	case COWED_AWAY:
		got = glt_oracle_cowed_away_delta(c->kf, mem, &r);
		break;
	case FRESH:
		got = glt_oracle_fresh_page_refcount(mem, c->out, &r);
		break;
	default:
		got = coherent(c->kf, c->kind, c->api, c->access, mem,
			       c->ask == PROCESS_WRITE ?
				       GLT_VIEW_PROCESS_WRITE :
				       GLT_VIEW_DEVICE_WRITE,
			       &id);
		break;
	}
	if (r)
		id = r->id;
	if (c->want != ANY)
		ck_assert_msg(got == c->want,
			      "row %zu: %s on %s: %ld, expected %ld (%s)", i,
			      question(c, buf, sizeof(buf)),
			      c->kf ? c->kf->release : "any kernel", got,
			      c->want, id ? id : "no rule");
	if (c->rule)
		ck_assert_str_eq(id, c->rule);
	if (c->cite)
		ck_assert_ptr_nonnull(
			strstr(glt_rule_cite(r, c->kf->version), c->cite));
	if (c->not_cite)
		ck_assert_ptr_null(
			strstr(glt_rule_cite(r, c->kf->version), c->not_cite));
}

/* Every row asked of each of its GUP paths and accesses. */
static void check(const struct check *checks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct check c = checks[i];

		if (!c.paths) {
			check_one(&c, i);
			continue;
		}
		for (int api = 0; api < GLT_API_COUNT; api++)
			for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
				if (!(c.paths & API_BIT(api)) ||
				    (!c.every_access &&
				     x != (int)checks[i].access))
					continue;
				c.api = (enum glt_api)api;
				c.access = (enum glt_access)x;
				check_one(&c, i);
			}
	}
}

START_TEST(fsdax_longterm_refused_every_path)
{
	/* PTE- and PMD-mapped: GUP-fast falls back for both, then refuses */
	static const enum glt_kind kinds[] = {
		GLT_KIND_FSDAX_EXT4,
		GLT_KIND_FSDAX_XFS,
		GLT_KIND_FSDAX_EXT4_PMD,
		GLT_KIND_FSDAX_XFS_PMD,
	};
	const struct glt_kernel_facts *kernels[] = { &k61, &k612 };

	for (int k = 0; k < 2; k++)
		for (int m = 0; m < 4; m++) {
			const struct check checks[] = {
				{ PIN, kernels[k], kinds[m],
				  .paths = LONGTERM_PINS, .every_access = true,
				  .want = EOPNOTSUPP,
				  .rule = "fsdax-longterm" },
			};

			CHECK(checks);
		}
}
END_TEST

START_TEST(fsdax_transient_allowed)
{
	static const struct check checks[] = {
		{ PIN, &k61, GLT_KIND_FSDAX_EXT4, GLT_API_PIN_TRANSIENT,
		  GLT_ACCESS_WRITE, .want = 0 },
		{ PIN, &k612, GLT_KIND_FSDAX_EXT4, GLT_API_GET_TRANSIENT_FAST,
		  GLT_ACCESS_READ, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

START_TEST(devdax_longterm_allowed)
{
	static const struct check checks[] = {
		{ PIN, &k61, GLT_KIND_DEVDAX,
		  .paths = API_BIT(GLT_API_PIN_LONGTERM), .every_access = true,
		  .want = 0 },
		/* No dirty tracking on device-DAX: v6.5's rule spares it. */
		{ PIN, &k612, GLT_KIND_DEVDAX,
		  .paths = API_BIT(GLT_API_PIN_LONGTERM_FAST),
		  .every_access = true, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

START_TEST(anon_everything_but_longterm_get)
{
	static const struct check checks[] = {
		{ PIN, &k61, GLT_KIND_ANON, .paths = GUP_PATHS,
		  .every_access = true, .want = 0 },
		{ PIN, &k61, GLT_KIND_ANON, .paths = LONGTERM_GETS,
		  .every_access = true, .want = EINVAL },
		{ PIN, &k612, GLT_KIND_ANON, .paths = GUP_PATHS,
		  .every_access = true, .want = 0 },
		{ PIN, &k612, GLT_KIND_ANON, .paths = LONGTERM_GETS,
		  .every_access = true, .want = EINVAL },
	};

	CHECK(checks);
}
END_TEST

START_TEST(longterm_get_refused_by_driver_first)
{
	static const struct check checks[] = {
		/* Before the fsdax rule: the driver never calls GUP. */
		{ PIN, &k61, GLT_KIND_FSDAX_EXT4, GLT_API_GET_LONGTERM,
		  GLT_ACCESS_READ, .want = EINVAL,
		  .rule = "longterm-get-refused" },
		{ PIN, &k612, GLT_KIND_DEVDAX, GLT_API_GET_LONGTERM_FAST,
		  GLT_ACCESS_WRITE, .want = EINVAL },
	};

	CHECK(checks);
}
END_TEST

START_TEST(pagecache_write_longterm_by_version)
{
	static const struct check checks[] = {
		/* 6.1 predates writable_file_mapping_allowed() (v6.5). */
		{ PIN, &k61, GLT_KIND_PAGECACHE_EXT4, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_WRITE, .want = 0 },
		{ PIN, &k612, GLT_KIND_PAGECACHE_EXT4, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_WRITE, .want = EFAULT,
		  .rule = "file-write-longterm" },
		{ PIN, &k612, GLT_KIND_PAGECACHE_EXT4,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE, .want = EFAULT },
		/* Read, transient and GET stay allowed on 6.12. */
		{ PIN, &k612, GLT_KIND_PAGECACHE_EXT4, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = 0 },
		{ PIN, &k612, GLT_KIND_PAGECACHE_EXT4, GLT_API_PIN_TRANSIENT,
		  GLT_ACCESS_WRITE, .want = 0 },
		{ PIN, &k612, GLT_KIND_PAGECACHE_EXT4, GLT_API_GET_TRANSIENT,
		  GLT_ACCESS_WRITE, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

START_TEST(nodax_kernel_has_no_fsdax_refusal)
{
	/*
	 * With CONFIG_FS_DAX=n no file reports STATX_ATTR_DAX, so a file on a
	 * pmem device is page cache and the page-cache rules apply.
	 */
	static const struct check checks[] = {
		{ PIN, &k612_nodax, GLT_KIND_PAGECACHE_EXT4,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 0 },
		{ PIN, &k612_nodax, GLT_KIND_PAGECACHE_EXT4,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE, .want = EFAULT },
	};

	CHECK(checks);
}
END_TEST

/*
 * A kernel without ZONE_DEVICE (Debian's arm64 6.1) can make no device-DAX
 * of pmem at all: its absence is proven at the region's dax_seed, not at
 * an mmap of a node that does not exist; fsdax is refused at the mount as
 * on any FS_DAX=n kernel, and pmem without DAX is page cache as anywhere.
 */
START_TEST(no_zone_device_kernel_has_no_dax)
{
	static const struct check checks[] = {
		{ AVAILABLE, &k61_arm64, GLT_KIND_FSDAX_EXT4, .want = EINVAL,
		  .rule = "nodax-ext4-mount" },
		{ ATTEMPT, &k61_arm64, GLT_KIND_FSDAX_EXT4,
		  .want = GLT_ATTEMPT_BY_NEED },
		{ AVAILABLE, &k61_arm64, GLT_KIND_FSDAX_XFS_PMD, .want = ANY,
		  .rule = "nodax-xfs-mount" },
		{ AVAILABLE, &k61_arm64, GLT_KIND_PMEM_NODAX, .want = 0 },
		{ AVAILABLE, &k61_arm64, GLT_KIND_ANON, .want = 0 },
	};
	const enum glt_kind devdax[] = { GLT_KIND_DEVDAX, GLT_KIND_DEVDAX_4K };

	for (unsigned int i = 0; i < 2; i++) {
		const struct check per_kind[] = {
			{ AVAILABLE, &k61_arm64, devdax[i], .want = ENODEV,
			  .rule = "devdax-no-zone-device" },
			{ ATTEMPT, &k61_arm64, devdax[i],
			  .want = GLT_ATTEMPT_DAX_SEED },
			/* Where ZONE_DEVICE is there, the node exists (mmap). */
			{ ATTEMPT, &k612_nodax, devdax[i],
			  .want = GLT_ATTEMPT_BY_NEED,
			  .rule = "nodax-devdax-mmap" },
		};

		CHECK(per_kind);
	}
	CHECK(checks);
}
END_TEST

/*
 * Folio orders are counted in the running kernel's pages: with arm64's
 * 64 KiB pages a PMD maps 512 MiB (order 13), and so does a THP, the
 * default hugetlb page and a device-DAX of that alignment.
 */
START_TEST(folio_orders_follow_the_page_size)
{
	struct glt_kernel_facts k64k = k612;
	struct glt_mem_facts devdax_512m = row(GLT_KIND_DEVDAX)[0];
	struct glt_mem_facts devdax_64k = devdax_512m, devdax_2m = devdax_512m;
	struct glt_mem_facts pmd = row(GLT_KIND_FSDAX_EXT4_PMD)[0];
	const struct check checks[] = {
		{ ORDER, &k64k, GLT_KIND_THP, .want = 13, .rule = "thp-pmd" },
		{ ORDER, &k64k, GLT_KIND_HUGETLB, .want = 13 },
		{ ORDER, &k64k, GLT_KIND_DEVDAX, .mem = &devdax_512m,
		  .want = 13, .rule = "devdax-compound" },
		/* A device-DAX of one 64 KiB page's alignment is order 0. */
		{ ORDER, &k64k, GLT_KIND_DEVDAX, .mem = &devdax_64k, .want = 0,
		  .rule = "devdax-pages" },
		/* 4 KiB pages: the same rules, x86-64's and arm64's orders. */
		{ ORDER, &k61_arm64, GLT_KIND_DEVDAX, .mem = &devdax_2m,
		  .want = 9 },
		{ ORDER, &k64k, GLT_KIND_FSDAX_EXT4_PMD, .mem = &pmd,
		  .want = k64k.version >= GLT_KV(6, 15) ? 13 : 0 },
	};

	k64k.page_shift = 16;
	k64k.pmd_order = k64k.hugetlb_order = 13;
	devdax_512m.devdax_align = 512UL << 20;
	devdax_64k.devdax_align = 64UL << 10;
	devdax_2m.devdax_align = 2UL << 20;
	pmd.pmd_mapped = true;
	CHECK(checks);
}
END_TEST

START_TEST(nodax_kernel_cannot_make_dax_memory)
{
	static const struct check checks[] = {
		{ AVAILABLE, &k612_nodax, GLT_KIND_FSDAX_EXT4, .want = EINVAL,
		  .rule = "nodax-ext4-mount" },
		{ AVAILABLE, &k612_nodax, GLT_KIND_FSDAX_XFS, .want = ANY,
		  .rule = "nodax-xfs-mount" },
		{ AVAILABLE, &k612_nodax, GLT_KIND_FSDAX_EXT4_PMD, .want = ANY,
		  .rule = "nodax-ext4-mount" },
		{ AVAILABLE, &k612_nodax, GLT_KIND_FSDAX_XFS_PMD, .want = ANY,
		  .rule = "nodax-xfs-mount" },
		{ AVAILABLE, &k612_nodax, GLT_KIND_CROSS_VMA, .want = EINVAL },
		{ AVAILABLE, &k612_nodax, GLT_KIND_DEVDAX, .want = EINVAL,
		  .step = "mmap" },
		{ AVAILABLE, &k612_nodax, GLT_KIND_PMEM_NODAX, .want = 0 },
		{ AVAILABLE, &k612, GLT_KIND_DEVDAX, .want = 0 },
		{ AVAILABLE, &k61, GLT_KIND_FSDAX_EXT4, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

START_TEST(movable_pages_migrate_for_longterm_pins)
{
	bool migrates, bug;
	const struct glt_rule *r;

	r = glt_oracle_movable(&k612, true, false, &migrates, &bug);
	ck_assert(migrates && !bug);
	ck_assert_str_eq(r->id, "longterm-migrates-movable");
	r = glt_oracle_movable(&k61, false, true, &migrates, &bug);
	ck_assert(!migrates && !bug);
	ck_assert_str_eq(r->id, "transient-pins-in-place");
	/* v6.1 follow_hugetlb_page() WARNs instead of migrating */
	r = glt_oracle_movable(&k61, true, true, &migrates, &bug);
	ck_assert(bug);
	ck_assert_str_eq(r->id, "hugetlb-movable-longterm-warns");
	glt_oracle_movable(&k612, true, true, &migrates, &bug);
	ck_assert(migrates && !bug);
}
END_TEST

START_TEST(accounting_rules)
{
	struct glt_accounting a;

	a = glt_oracle_accounting(&k61, true, false, false);
	ck_assert_int_eq(a.ref_delta, 1);
	ck_assert_int_eq(a.vmstat_pins, 0);
	ck_assert(!a.dma_pinned);
	a = glt_oracle_accounting(&k61, false, false, false);
	ck_assert_int_eq(a.ref_delta, GLT_PIN_COUNTING_BIAS);
	ck_assert_int_eq(a.pincount_delta, 0);
	ck_assert_int_eq(a.vmstat_pins, 1);
	ck_assert(a.dma_pinned);
	a = glt_oracle_accounting(&k612, false, true, false);
	ck_assert_int_eq(a.ref_delta, 1);
	ck_assert_int_eq(a.pincount_delta, 1);
	ck_assert_int_eq(a.vmstat_pins, 1);
	ck_assert(a.dma_pinned);
	a = glt_oracle_accounting(&k612, false, false, true);
	ck_assert_int_eq(a.ref_delta, 0);
	ck_assert_int_eq(a.vmstat_pins, 0);
	ck_assert_str_eq(a.rule->id, "pin-zero-page");
}
END_TEST

START_TEST(memory_rules)
{
	static const struct check checks[] = {
		{ ORDER, &k61, GLT_KIND_DEVDAX, .want = 9,
		  .rule = "devdax-compound" },
		{ ORDER, &k612, GLT_KIND_FSDAX_EXT4, .want = 0 },
		{ ORDER, &k612, GLT_KIND_ANON, .want = 0 },
		{ ORDER, &k612, GLT_KIND_PAGECACHE_EXT4, .want = 0 },
		{ ZONE_DEVICE, NULL, GLT_KIND_DEVDAX, .want = 1 },
		{ ZONE_DEVICE, NULL, GLT_KIND_FSDAX_EXT4, .want = 1 },
		{ ZONE_DEVICE, NULL, GLT_KIND_FSDAX_EXT4_COW, .want = 0 },
		{ ZONE_DEVICE, NULL, GLT_KIND_ANON, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

/* The anonymous and zero-page flags the engine checks on a pinned page. */
START_TEST(anon_and_zero_pages)
{
	static const struct check checks[] = {
		{ ANON, NULL, GLT_KIND_ANON, .want = 1, .rule = "anon-pages" },
		{ ZERO_PAGE, NULL, GLT_KIND_ANON, .want = 0 },
		{ ANON, NULL, GLT_KIND_ANON_ZERO, .want = 0,
		  .rule = "zero-page" },
		{ ZERO_PAGE, NULL, GLT_KIND_ANON_ZERO, .want = 1 },
		{ ANON, NULL, GLT_KIND_ANON_ZERO, .out = GLT_OUT_NEW_ANON,
		  .want = 1, .rule = "new-pages-anon" },
		{ ZERO_PAGE, NULL, GLT_KIND_ANON_ZERO, .out = GLT_OUT_NEW_ANON,
		  .want = 0 },
		{ ANON, NULL, GLT_KIND_FSDAX_EXT4_HOLE, .out = GLT_OUT_NEW_FILE,
		  .want = 0, .rule = "file-pages-not-anon" },
		{ ZERO_PAGE, NULL, GLT_KIND_FSDAX_EXT4_HOLE,
		  .out = GLT_OUT_NEW_FILE, .want = 0 },
		{ ANON, NULL, GLT_KIND_PAGECACHE_EXT4, .want = 0,
		  .rule = "file-pages-not-anon" },
		{ ZERO_PAGE, NULL, GLT_KIND_PAGECACHE_EXT4, .want = 0 },
		{ ANON, NULL, GLT_KIND_PAGECACHE_EXT4_COW, .want = 1,
		  .rule = "anon-pages" },
		{ ZERO_PAGE, NULL, GLT_KIND_PAGECACHE_EXT4_COW, .want = 0 },
		{ ANON, NULL, GLT_KIND_DEVICE_COHERENT, .want = 1,
		  .rule = "device-coherent-zone-device" },
		{ ZERO_PAGE, NULL, GLT_KIND_DEVICE_COHERENT, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

/*
 * A table's general rule, listed first, holds only where no rule below it
 * does: the order --rules prints is the order the oracle evaluates.
 */
START_TEST(general_rules_yield_to_the_rules_below)
{
	static const struct check checks[] = {
		{ OUTCOME, &k73, GLT_KIND_DEVICE_PRIVATE, GLT_API_PIN_TRANSIENT,
		  GLT_ACCESS_READ, .want = ANY,
		  .rule = "device-private-faults-back" },
		{ OUTCOME, &k73, GLT_KIND_ANON, GLT_API_PIN_TRANSIENT,
		  GLT_ACCESS_READ, .want = ANY, .rule = "pins-mapped-pages" },
		{ ORDER, &k73, GLT_KIND_DEVICE_COHERENT, .want = 0,
		  .rule = "device-coherent-zone-device" },
	};
	const struct glt_rule *r;
	bool mig, bug;

	ck_assert_str_eq(glt_rule_tables[1].rules[0].id, "pins-mapped-pages");
	CHECK(checks);
	r = glt_oracle_movable(&k61, true, true, &mig, &bug);
	ck_assert_str_eq(r->id, "hugetlb-movable-longterm-warns");
	ck_assert(mig && bug);
	r = glt_oracle_movable(&k61, true, false, &mig, &bug);
	ck_assert_str_eq(r->id, "longterm-migrates-movable");
	ck_assert(mig && !bug);
}
END_TEST

START_TEST(no_struct_page_memory)
{
	static const struct check checks[] = {
		{ PIN, &k61, GLT_KIND_PFNMAP, GLT_API_PIN_TRANSIENT,
		  GLT_ACCESS_READ, .want = EFAULT, .rule = "pfnmap-efault" },
		{ PIN, &k612, GLT_KIND_PROTNONE, GLT_API_GET_TRANSIENT_FAST,
		  GLT_ACCESS_WRITE, .want = EFAULT,
		  .rule = "no-access-efault" },
	};

	CHECK(checks);
}
END_TEST

START_TEST(fsdax_cow_still_refused)
{
	static const struct check checks[] = {
		/* vma_is_fsdax() looks at the VMA, not at the (anonymous) pages. */
		{ PIN, &k612, GLT_KIND_FSDAX_EXT4_COW, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = EOPNOTSUPP },
		{ PIN, &k61, GLT_KIND_FSDAX_EXT4_COW, GLT_API_PIN_TRANSIENT,
		  GLT_ACCESS_WRITE, .want = 0 },
		/* ... but GUP-fast never looks at the VMA of anonymous pages. */
		{ PIN, &k612, GLT_KIND_FSDAX_EXT4_COW,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

START_TEST(shmem_exempt_from_write_rule)
{
	static const struct check checks[] = {
		{ PIN, &k612, GLT_KIND_SHMEM, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_WRITE, .want = 0 },
	};

	CHECK(checks);
}
END_TEST

START_TEST(ro_longterm_unshare_since_6_2)
{
	static const struct check checks[] = {
		/* v6.1 pins the zero page / the page cache page itself ... */
		{ OUTCOME, &k61, GLT_KIND_ANON_ZERO, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = GLT_OUT_SAME },
		{ OUTCOME, &k61, GLT_KIND_PAGECACHE_EXT4_PRIVATE,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ,
		  .want = GLT_OUT_SAME },
		/* ... v6.2+ unshares first (gup_must_unshare()). */
		{ OUTCOME, &k612, GLT_KIND_ANON_ZERO, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = GLT_OUT_NEW_ANON,
		  .rule = "longterm-ro-unshare" },
		{ OUTCOME, &k612, GLT_KIND_PAGECACHE_EXT4_PRIVATE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
		  .want = GLT_OUT_NEW_ANON },
		/* Transient pins and GETs never unshare; writes always COW. */
		{ OUTCOME, &k612, GLT_KIND_ANON_ZERO, GLT_API_PIN_TRANSIENT,
		  GLT_ACCESS_READ, .want = GLT_OUT_SAME },
		{ OUTCOME, &k61, GLT_KIND_ANON_ZERO, GLT_API_GET_TRANSIENT,
		  GLT_ACCESS_WRITE, .want = GLT_OUT_NEW_ANON,
		  .rule = "write-breaks-cow" },
	};

	CHECK(checks);
}
END_TEST

/*
 * A pin of the zero page or of a file page in a private mapping loses the
 * process's later writes (its COW fault maps a new page), unless the pin
 * itself replaced the page: FOLL_WRITE always, a R/O long-term pin since
 * v6.2 (longterm-ro-unshare). A shared fsdax hole's zero page is left
 * behind by the write that fills the hole. Everything else is coherent.
 */
START_TEST(coherence_follows_the_pinned_page)
{
	static const enum glt_kind cow_kinds[] = {
		GLT_KIND_ANON_ZERO, GLT_KIND_PAGECACHE_EXT4_PRIVATE,
		GLT_KIND_PAGECACHE_TMPFS_PRIVATE, GLT_KIND_FSDAX_EXT4_PRIVATE
	};
	static const struct check checks[] = {
		/* The R/O long-term pin: only since the unshare at pin time. */
		{ PROCESS_WRITE, &k61, GLT_KIND_ANON_ZERO, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = 0 },
		{ PROCESS_WRITE, &k612, GLT_KIND_ANON_ZERO,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 1 },
		{ PROCESS_WRITE, &k510, GLT_KIND_PAGECACHE_XFS_PRIVATE,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ, .want = 0 },
		{ PROCESS_WRITE, &k73, GLT_KIND_PAGECACHE_XFS_PRIVATE,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ, .want = 1 },
		/* A shared fsdax hole: the transient R/O pin keeps the zero page. */
		{ PROCESS_WRITE, &k612, GLT_KIND_FSDAX_EXT4_HOLE,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ, .want = 0,
		  .rule = "process-write-fills-hole-away" },
		{ PROCESS_WRITE, &k612, GLT_KIND_FSDAX_EXT4_HOLE,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE, .want = 1 },
		/* Exclusive anonymous pages and shared mappings: always. */
		{ PROCESS_WRITE, &k510, GLT_KIND_ANON, GLT_API_GET_TRANSIENT,
		  GLT_ACCESS_READ, .want = 1 },
		{ PROCESS_WRITE, &k510, GLT_KIND_SHMEM, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = 1 },
		{ PROCESS_WRITE, &k612, GLT_KIND_DEVDAX, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_WRITE, .want = 1 },
	};

	for (size_t i = 0; i < sizeof(cow_kinds) / sizeof(cow_kinds[0]); i++) {
		const struct check per_kind[] = {
			{ PROCESS_WRITE, &k61, cow_kinds[i],
			  GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ, .want = 0,
			  .rule = "process-write-cows-away" },
			{ PROCESS_WRITE, &k612, cow_kinds[i],
			  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .want = 0 },
			{ PROCESS_WRITE, &k612, cow_kinds[i],
			  GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE, .want = 1,
			  .rule = "process-writes-seen-through-pin" },
		};

		CHECK(per_kind);
	}
	CHECK(checks);
}
END_TEST

/* Anonymous memory a fork() shared: the child idle, writing, or gone. */
#define NR_FORKED 3
static const enum glt_kind forked[NR_FORKED] = {
	GLT_KIND_ANON_FORKED,
	GLT_KIND_ANON_FORKED_CHILD_WROTE,
	GLT_KIND_ANON_FORKED_CHILD_GONE,
};

/*
 * Anonymous pages a fork() shared: FOLL_GET reads pin them where they are;
 * FOLL_WRITE copies them on every kernel (the child maps them, or the
 * observer holds them); a R/O FOLL_PIN pins the shared page itself before
 * v5.19 and unshares it (a copy) since. Without the observer's reference a
 * page the child no longer maps is reused, not copied.
 */
START_TEST(fork_shared_anon_by_kernel)
{
	/* The citation follows the code that decides. */
	static const struct check cites[] = {
		{ OUTCOME, &k510, GLT_KIND_ANON_FORKED, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_WRITE, .want = ANY, .cite = "page_count()" },
		{ OUTCOME, &k61, GLT_KIND_ANON_FORKED, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = ANY,
		  .cite = "include/linux/mm.h gup_must_unshare()" },
	};

	for (int k = 0; k < NR_DAX_KERNELS; k++)
		for (int m = 0; m < NR_FORKED; m++) {
			bool old = dax_kernels[k]->version < GLT_KV(5, 19);
			const struct check checks[] = {
				{ OUTCOME, dax_kernels[k], forked[m],
				  .access = GLT_ACCESS_WRITE,
				  .paths = GUP_PATHS, .want = GLT_OUT_NEW_ANON,
				  .rule = "write-copies-fork-shared-anon" },
				{ OUTCOME, dax_kernels[k], forked[m],
				  .access = GLT_ACCESS_READ,
				  .paths = TRANSIENT_GETS, .want = GLT_OUT_SAME,
				  .rule = "pins-mapped-pages" },
				{ OUTCOME, dax_kernels[k], forked[m],
				  .access = GLT_ACCESS_READ, .paths = PIN_PATHS,
				  .want = old ? GLT_OUT_SAME : GLT_OUT_NEW_ANON,
				  .rule = old ? "ro-pin-holds-fork-shared-anon" :
						"ro-pin-unshares-fork-shared-anon" },
			};

			CHECK(checks);
		}
	CHECK(cites);
}
END_TEST

/* Without the observer's reference: reused once the child let go. */
START_TEST(fork_shared_anon_unobserved)
{
	struct glt_mem_facts was = *row(GLT_KIND_ANON_FORKED_CHILD_GONE);
	struct glt_mem_facts shared = *row(GLT_KIND_ANON_FORKED);

	ck_assert(was.observed && shared.observed);
	was.observed = shared.observed = false;
	for (int k = 0; k < NR_DAX_KERNELS; k++) {
		bool old = dax_kernels[k]->version < GLT_KV(5, 19);
		const struct check checks[] = {
			{ OUTCOME, dax_kernels[k],
			  GLT_KIND_ANON_FORKED_CHILD_GONE,
			  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE,
			  .mem = &was, .want = GLT_OUT_SAME,
			  .rule = "fork-shared-anon-reused" },
			{ OUTCOME, dax_kernels[k],
			  GLT_KIND_ANON_FORKED_CHILD_GONE, GLT_API_PIN_LONGTERM,
			  GLT_ACCESS_READ, .mem = &was, .want = GLT_OUT_SAME,
			  .rule = old ? "ro-pin-holds-fork-shared-anon" :
					"fork-shared-anon-reused" },
			/* The child still maps them: copied either way. */
			{ OUTCOME, dax_kernels[k], GLT_KIND_ANON_FORKED,
			  GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
			  .mem = &shared, .want = GLT_OUT_NEW_ANON,
			  .rule = "write-copies-fork-shared-anon" },
			{ OUTCOME, dax_kernels[k], GLT_KIND_ANON_FORKED,
			  GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_READ,
			  .mem = &shared,
			  .want = old ? GLT_OUT_SAME : GLT_OUT_NEW_ANON,
			  .rule = old ? "ro-pin-holds-fork-shared-anon" :
					"ro-pin-unshares-fork-shared-anon" },
		};

		CHECK(checks);
	}
}
END_TEST

/* What the pinned page and the page it replaced must look like. */
START_TEST(fork_shared_anon_pages)
{
	static const struct check checks[] = {
		{ ANON, NULL, GLT_KIND_ANON_FORKED, .want = 1,
		  .rule = "fork-shared-anon-pages" },
		{ ZERO_PAGE, NULL, GLT_KIND_ANON_FORKED, .want = 0 },
		{ ANON, NULL, GLT_KIND_ANON_FORKED_CHILD_GONE,
		  .out = GLT_OUT_NEW_ANON, .want = 1,
		  .rule = "new-pages-anon" },
		{ ORDER, &k73, GLT_KIND_ANON_FORKED_CHILD_WROTE, .want = 0 },
		{ COWED_AWAY, &k510, GLT_KIND_ANON_FORKED, .want = -1,
		  .rule = "cow-fork-shared-anon-unmapped" },
		{ COWED_AWAY, &k73, GLT_KIND_ANON_FORKED_CHILD_WROTE,
		  .want = -1, .rule = "cow-fork-shared-anon-unmapped" },
	};

	CHECK(checks);
}
END_TEST

/*
 * Pinned after fork(): a R/O FOLL_PIN loses the process's next write
 * before v5.19 and keeps it since (the unshare at pin time); a FOLL_GET
 * read always loses it; a write pin never does. The coherence phase's pin
 * has no observer.
 */
START_TEST(coherence_of_fork_shared_anon)
{
	for (int k = 0; k < NR_DAX_KERNELS; k++)
		for (int m = 0; m < NR_FORKED; m++) {
			bool old = dax_kernels[k]->version < GLT_KV(5, 19);
			struct glt_mem_facts mem = *row(forked[m]);
			const struct check checks[] = {
				{ PROCESS_WRITE, dax_kernels[k], forked[m],
				  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				  .mem = &mem, .want = !old,
				  .rule = old ? "process-write-copies-fork-shared-pin" :
						"process-writes-seen-through-pin" },
				{ PROCESS_WRITE, dax_kernels[k], forked[m],
				  GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_READ,
				  .mem = &mem, .want = 0,
				  .rule = "process-write-copies-fork-shared-get" },
				{ PROCESS_WRITE, dax_kernels[k], forked[m],
				  GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				  .mem = &mem, .want = 1 },
				{ DEVICE_WRITE, dax_kernels[k], forked[m],
				  GLT_API_GET_TRANSIENT, GLT_ACCESS_WRITE,
				  .mem = &mem, .want = 1 },
			};

			mem.observed = false;
			CHECK(checks);
		}
}
END_TEST

/*
 * A THP, PMD- or PTE-mapped, or an mTHP, that fork() shared: an unshare
 * or write fault splits this process's PMD first and copies 4 KiB pages;
 * once the child let go, a PMD-mapped THP is reused by mapcount before
 * v5.19 and by refcount since, a PTE-mapped one never before v6.15.
 */
START_TEST(fork_shared_large_folios)
{
	struct glt_mem_facts pte_once =
		*row(GLT_KIND_THP_PTE_FORKED_CHILD_GONE);
	struct glt_mem_facts pmd_once = *row(GLT_KIND_THP_FORKED_CHILD_GONE);
	const struct glt_rule *r;

	pte_once.observed = pmd_once.observed = false;
	const struct check checks[] = {
		{ OUTCOME, &k73, GLT_KIND_THP_FORKED, .access = GLT_ACCESS_READ,
		  .paths = PIN_PATHS, .want = GLT_OUT_NEW_ANON,
		  .rule = "ro-pin-unshares-fork-shared-anon" },
		{ OUTCOME, &k510, GLT_KIND_THP_FORKED,
		  .access = GLT_ACCESS_READ, .paths = PIN_PATHS,
		  .want = GLT_OUT_SAME,
		  .rule = "ro-pin-holds-fork-shared-anon" },
		{ OUTCOME, &k510, GLT_KIND_THP_FORKED_CHILD_GONE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE, .want = GLT_OUT_SAME,
		  .rule = "fork-shared-thp-reused-by-mapcount" },
		{ OUTCOME, &k61, GLT_KIND_THP_FORKED_CHILD_GONE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "write-copies-fork-shared-anon" },
		{ OUTCOME, &k61, GLT_KIND_THP_FORKED_CHILD_GONE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE, .mem = &pmd_once,
		  .want = GLT_OUT_SAME, .rule = "fork-shared-anon-reused" },
		{ OUTCOME, &k612, GLT_KIND_THP_PTE_FORKED_CHILD_GONE,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ, .mem = &pte_once,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "fork-shared-large-folio-copied" },
		{ OUTCOME, &k73, GLT_KIND_THP_PTE_FORKED_CHILD_GONE,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ, .mem = &pte_once,
		  .want = GLT_OUT_SAME, .rule = "fork-shared-anon-reused" },
		{ OUTCOME, &k73, GLT_KIND_MTHP_64K_FORKED_CHILD_GONE,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "write-copies-fork-shared-anon" },
		{ ORDER, &k73, GLT_KIND_THP_FORKED, .out = GLT_OUT_NEW_ANON,
		  .want = 0, .rule = "large-folio-copies-small" },
		{ ORDER, &k73, GLT_KIND_MTHP_64K_FORKED,
		  .out = GLT_OUT_NEW_ANON, .want = 0,
		  .rule = "large-folio-copies-small" },
		{ ORDER, &k73, GLT_KIND_THP_FORKED, .want = 9,
		  .rule = "thp-pmd" },
		{ ORDER, &k73, GLT_KIND_MTHP_64K_FORKED, .want = 4,
		  .rule = "mthp-folios" },
		{ ANON, &k73, GLT_KIND_THP_PTE_FORKED, .want = 1,
		  .rule = "fork-shared-anon-pages" },
		{ COWED_AWAY, &k61, GLT_KIND_THP_FORKED, .want = -1,
		  .rule = "cow-fork-shared-thp-splits-pmd" },
		{ COWED_AWAY, &k61, GLT_KIND_THP_PTE_FORKED, .want = -1,
		  .rule = "cow-fork-shared-anon-unmapped" },
		{ PROCESS_WRITE, &k510, GLT_KIND_THP_FORKED_CHILD_GONE,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .mem = &pmd_once,
		  .want = 1, .rule = "process-write-reuses-once-shared-thp" },
		{ PROCESS_WRITE, &k61, GLT_KIND_THP_FORKED_CHILD_GONE,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .mem = &pmd_once,
		  .want = 0, .rule = "process-write-copies-fork-shared-get" },
		{ PROCESS_WRITE, &k73, GLT_KIND_MTHP_16K_FORKED,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 1,
		  .rule = "process-writes-seen-through-pin" },
	};

	CHECK(checks);
	glt_oracle_cowed_away_delta(&k73, row(GLT_KIND_THP_FORKED), &r);
	ck_assert(r->split_pmd && !r->per_folio);
	glt_oracle_cowed_away_delta(&k73, row(GLT_KIND_THP_PTE_FORKED), &r);
	ck_assert(!r->split_pmd);
}
END_TEST

/*
 * A THP whose first page alone was once shared: that page is copied by a
 * R/O pin (v5.19+) or a write, the others are pinned where they are.
 */
START_TEST(partly_shared_thp)
{
	struct glt_mem_facts seg[GLT_MAX_SEGMENTS];
	const struct glt_case c = { .api = GLT_API_PIN_LONGTERM,
				    .access = GLT_ACCESS_READ };
	static const struct check checks[] = {
		{ OUTCOME, &k612, GLT_KIND_THP_PARTLY_SHARED,
		  .access = GLT_ACCESS_READ, .paths = PIN_PATHS,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "fork-shared-large-folio-copied" },
		{ OUTCOME, &k73, GLT_KIND_THP_PARTLY_SHARED,
		  .access = GLT_ACCESS_READ, .paths = PIN_PATHS,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "ro-pin-unshares-fork-shared-anon" },
		{ OUTCOME, &k510, GLT_KIND_MTHP_16K_PARTLY_SHARED,
		  .access = GLT_ACCESS_WRITE, .paths = GUP_PATHS,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "fork-shared-large-folio-copied" },
		{ OUTCOME, &k73, GLT_KIND_MTHP_16K_PARTLY_SHARED,
		  .access = GLT_ACCESS_READ, .paths = TRANSIENT_GETS,
		  .want = GLT_OUT_SAME, .rule = "pins-mapped-pages" },
	};
	unsigned int n =
		glt_test_row_facts(GLT_KIND_THP_PARTLY_SHARED, 16, seg);
	struct glt_expect e;

	ck_assert_uint_eq(n, 2);
	ck_assert(seg[0].nr_pages == 1 && seg[1].nr_pages == 15);
	ck_assert(seg[0].forked == GLT_FORK_SHARE_ONCE &&
		  seg[1].forked == GLT_FORK_SHARE_NONE);
	ck_assert(seg[0].thp_order == 9 && seg[1].thp_order == 9);
	ck_assert_uint_eq(glt_test_row_facts(GLT_KIND_THP_PARTLY_SHARED, 1,
					     seg),
			  1);
	n = glt_test_row_facts(GLT_KIND_THP_PARTLY_SHARED, 16, seg);
	e = glt_oracle_pin(&k73, &c, seg, n);
	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, 16);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	ck_assert_int_eq(e.outcome[1], GLT_OUT_SAME);
	CHECK(checks);
}
END_TEST

/* hugetlb reuses a page mapped once whatever references it. */
START_TEST(fork_shared_hugetlb)
{
	const struct glt_rule *r;
	static const struct check checks[] = {
		{ OUTCOME, &k61, GLT_KIND_HUGETLB_FORKED_CHILD_GONE,
		  .access = GLT_ACCESS_WRITE, .paths = GUP_PATHS,
		  .want = GLT_OUT_SAME, .rule = "fork-shared-hugetlb-reused" },
		{ OUTCOME, &k73, GLT_KIND_HUGETLB_FORKED_CHILD_GONE,
		  .access = GLT_ACCESS_READ, .paths = PIN_PATHS,
		  .want = GLT_OUT_SAME, .rule = "fork-shared-hugetlb-reused" },
		{ OUTCOME, &k73, GLT_KIND_HUGETLB_FORKED,
		  .access = GLT_ACCESS_READ, .paths = PIN_PATHS,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "ro-pin-unshares-fork-shared-anon" },
		{ ORDER, &k73, GLT_KIND_HUGETLB_FORKED, .out = GLT_OUT_NEW_ANON,
		  .want = 9, .rule = "hugetlb-2m" },
		{ COWED_AWAY, &k510, GLT_KIND_HUGETLB_FORKED, .want = -1,
		  .rule = "cow-hugetlb-drops-mapping-ref" },
		{ PROCESS_WRITE, &k73, GLT_KIND_HUGETLB_FORKED_CHILD_GONE,
		  GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_READ, .want = 1,
		  .rule = "process-write-reuses-once-shared-hugetlb" },
		{ PROCESS_WRITE, &k73, GLT_KIND_HUGETLB_FORKED,
		  GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_READ, .want = 0,
		  .rule = "process-write-copies-fork-shared-get" },
		{ PROCESS_WRITE, &k510, GLT_KIND_HUGETLB_FORKED,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 0,
		  .rule = "process-write-copies-fork-shared-pin" },
	};

	CHECK(checks);
	glt_oracle_cowed_away_delta(&k73, row(GLT_KIND_HUGETLB_FORKED), &r);
	ck_assert(r->per_folio);
}
END_TEST

/*
 * Swapped out, then fork(): every path swaps the pages in; a live child's
 * swap entry keeps the page in the swap cache and not exclusive, so a R/O
 * pin (v5.19+) or a write copies it, and a GET loses the process's write.
 * Once the child is gone, v7.0's swap cache makes the swapped-in page not
 * exclusive either: a GET loses the write there, not on v6.x.
 */
START_TEST(fork_shared_swapped_out)
{
	static const struct check checks[] = {
		{ OUTCOME, &k73, GLT_KIND_ANON_SWAP_FORKED_CHILD_GONE,
		  .paths = GUP_PATHS, .every_access = true,
		  .want = GLT_OUT_SWAPIN, .rule = "swapped-out-faults-in" },
		{ OUTCOME, &k510, GLT_KIND_ANON_SWAP_FORKED,
		  .access = GLT_ACCESS_READ, .paths = GUP_PATHS,
		  .want = GLT_OUT_SWAPIN, .rule = "swapped-out-faults-in" },
		{ OUTCOME, &k612, GLT_KIND_ANON_SWAP_FORKED,
		  .access = GLT_ACCESS_READ, .paths = PIN_PATHS,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "ro-pin-unshares-fork-shared-anon" },
		{ OUTCOME, &k612, GLT_KIND_ANON_SWAP_FORKED,
		  .access = GLT_ACCESS_READ, .paths = TRANSIENT_GETS,
		  .want = GLT_OUT_SWAPIN, .rule = "swapped-out-faults-in" },
		{ OUTCOME, &k510, GLT_KIND_ANON_SWAP_FORKED,
		  .access = GLT_ACCESS_WRITE, .paths = GUP_PATHS,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "write-copies-fork-shared-anon" },
		{ FRESH, &k73, GLT_KIND_ANON_SWAP_FORKED, .out = GLT_OUT_SWAPIN,
		  .want = 2, .rule = "swapped-in-page-in-swap-cache" },
		{ FRESH, &k73, GLT_KIND_ANON_SWAP_FORKED_CHILD_GONE,
		  .out = GLT_OUT_SWAPIN, .want = 1, .rule = "swapped-in-page" },
		{ PROCESS_WRITE, &k612, GLT_KIND_ANON_SWAP_FORKED,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .want = 0,
		  .rule = "process-write-copies-swapped-in-shared" },
		{ PROCESS_WRITE, &k73, GLT_KIND_ANON_SWAP_FORKED_CHILD_GONE,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .want = 0,
		  .rule = "process-write-copies-once-shared-swapped-in-get" },
		{ PROCESS_WRITE, &k612, GLT_KIND_ANON_SWAP_FORKED_CHILD_GONE,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .want = 1,
		  .rule = "process-writes-seen-through-pin" },
		{ PROCESS_WRITE, &k73, GLT_KIND_ANON_SWAP_FORKED_CHILD_GONE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 1,
		  .rule = "process-writes-seen-through-pin" },
	};

	CHECK(checks);
}
END_TEST

/*
 * Pinned before fork(): fork() copies a FOLL_PIN'ed page for the child
 * (v5.9+), so both views stay on it; a FOLL_GET'ed page is shared and the
 * process's write copies it away from the device.
 */
START_TEST(coherence_of_fork_after_pin)
{
	static const enum glt_kind kinds[] = {
		GLT_KIND_ANON_FORK_AFTER_PIN,
		GLT_KIND_ANON_FORK_AFTER_PIN_CHILD_WROTE,
		GLT_KIND_ANON_FORK_AFTER_PIN_CHILD_GONE,
	};
	struct glt_mem_facts pinned = *row(GLT_KIND_ANON_FORK_AFTER_PIN);
	struct glt_mem_facts gone =
		*row(GLT_KIND_ANON_FORK_AFTER_PIN_CHILD_GONE);
	const struct check checks[] = {
		{ DEVICE_WRITE, &k510, GLT_KIND_ANON_FORK_AFTER_PIN,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE, .mem = &pinned,
		  .want = 1, .rule = "fork-after-pin-copies-for-child" },
		{ DEVICE_WRITE, &k73, GLT_KIND_ANON_FORK_AFTER_PIN_CHILD_GONE,
		  GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_WRITE, .mem = &gone,
		  .want = 0, .rule = "fork-after-get-shares-page" },
		/* At pin time they are plain exclusive anonymous pages. */
		{ OUTCOME, &k73, GLT_KIND_ANON_FORK_AFTER_PIN,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = GLT_OUT_SAME },
	};

	for (int k = 0; k < NR_DAX_KERNELS; k++)
		for (int m = 0; m < 3; m++) {
			struct glt_mem_facts mem = *row(kinds[m]);
			const struct check per_kind[] = {
				{ PROCESS_WRITE, dax_kernels[k], kinds[m],
				  .paths = API_BIT(GLT_API_PIN_LONGTERM_FAST),
				  .every_access = true, .mem = &mem, .want = 1,
				  .rule = "fork-after-pin-copies-for-child" },
				{ PROCESS_WRITE, dax_kernels[k], kinds[m],
				  .paths = API_BIT(GLT_API_GET_TRANSIENT),
				  .every_access = true, .mem = &mem, .want = 0,
				  .rule = "fork-after-get-shares-page" },
			};

			mem.observed = false;
			CHECK(per_kind);
		}
	pinned.observed = gone.observed = false;
	CHECK(checks);
}
END_TEST

/*
 * Swapped-out anonymous memory (zram): every GUP path swaps it in first,
 * a page with no swap-cache reference. A R/O pin loses the process's
 * later write on v5.10 only: the page is mapped read-only and do_wp_page()
 * copies it for its raised count; from v5.19 it is mapped exclusive.
 */
START_TEST(swapped_out_pages_swap_in)
{
	struct glt_kernel_facts old = k510, noswap = k612;
	const struct check checks[] = {
		{ OUTCOME, &k510, GLT_KIND_ANON_SWAP, .paths = GUP_PATHS,
		  .every_access = true, .want = GLT_OUT_SWAPIN,
		  .rule = "swapped-out-faults-in" },
		{ OUTCOME, &k61, GLT_KIND_ANON_SWAP, .paths = GUP_PATHS,
		  .every_access = true, .want = GLT_OUT_SWAPIN,
		  .rule = "swapped-out-faults-in" },
		{ OUTCOME, &k612, GLT_KIND_ANON_SWAP, .paths = GUP_PATHS,
		  .every_access = true, .want = GLT_OUT_SWAPIN,
		  .rule = "swapped-out-faults-in" },
		{ OUTCOME, &k73, GLT_KIND_ANON_SWAP, .paths = GUP_PATHS,
		  .every_access = true, .want = GLT_OUT_SWAPIN,
		  .rule = "swapped-out-faults-in" },
		{ FRESH, NULL, GLT_KIND_ANON_SWAP, .out = GLT_OUT_SWAPIN,
		  .want = 1, .rule = "swapped-in-page" },
		{ ANON, NULL, GLT_KIND_ANON_SWAP, .out = GLT_OUT_SWAPIN,
		  .want = 1 },
		{ ZERO_PAGE, NULL, GLT_KIND_ANON_SWAP, .out = GLT_OUT_SWAPIN,
		  .want = 0 },
		{ ORDER, &k73, GLT_KIND_ANON_SWAP, .out = GLT_OUT_SWAPIN,
		  .want = 0 },
		/* Coherence: v5.10's read pins lose the write, write pins keep it. */
		{ PROCESS_WRITE, &k510, GLT_KIND_ANON_SWAP,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 0,
		  .rule = "swapped-in-ro-pin-copied-on-write" },
		{ PROCESS_WRITE, &k510, GLT_KIND_ANON_SWAP,
		  GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_READ, .want = 0 },
		{ PROCESS_WRITE, &k510, GLT_KIND_ANON_SWAP,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE, .want = 1 },
		{ PROCESS_WRITE, &k61, GLT_KIND_ANON_SWAP, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = 1,
		  .rule = "process-writes-seen-through-pin" },
		{ PROCESS_WRITE, &k73, GLT_KIND_ANON_SWAP,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ, .want = 1 },
		/* No MADV_PAGEOUT before v5.4; no swapon(2) without CONFIG_SWAP. */
		{ AVAILABLE, &old, GLT_KIND_ANON_SWAP, .want = EINVAL,
		  .rule = "pageout-absent" },
		{ AVAILABLE, &noswap, GLT_KIND_ANON_SWAP, .want = ENOSYS,
		  .step = "swapon" },
		{ AVAILABLE, &k510, GLT_KIND_ANON_SWAP, .want = 0 },
	};

	old.version = GLT_KV(5, 3);
	noswap.swap = GLT_CONFIG_N;
	CHECK(checks);
}
END_TEST

/*
 * A PMD-sized THP mapped by PTEs and the mTHP sizes (v6.8+): their own
 * exclusive pages are pinned where they are, in folios of their order,
 * and the process's writes stay visible.
 */
START_TEST(thp_by_ptes_and_mthp)
{
	static const struct check checks[] = {
		{ OUTCOME, &k510, GLT_KIND_THP_PTE, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = GLT_OUT_SAME },
		{ ORDER, &k510, GLT_KIND_THP_PTE, .want = 9,
		  .rule = "thp-pte-mapped" },
		{ PROCESS_WRITE, &k510, GLT_KIND_THP_PTE,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ, .want = 1 },
		/* mTHP: absent before v6.8 (no hugepages-<size>kB). */
		{ AVAILABLE, &k61, GLT_KIND_MTHP_64K, .want = ENOENT,
		  .rule = "mthp-absent" },
		{ AVAILABLE, &k510, GLT_KIND_MTHP_16K, .want = ENOENT },
		{ AVAILABLE, &k612, GLT_KIND_MTHP_16K, .want = 0 },
		{ ORDER, &k612, GLT_KIND_MTHP_16K, .want = 2,
		  .rule = "mthp-folios" },
		{ ORDER, &k73, GLT_KIND_MTHP_1024K, .want = 8 },
		{ OUTCOME, &k73, GLT_KIND_MTHP_64K, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = GLT_OUT_SAME },
		{ PROCESS_WRITE, &k612, GLT_KIND_MTHP_32K,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .want = 1 },
	};

	CHECK(checks);
}
END_TEST

/*
 * The huge zero page: transient and GET pins hold it (a large folio, not
 * the 4 KiB zero page), and lose the process's later write; FOLL_WRITE
 * replaces it with 4 KiB copies, a THP since v6.13; a R/O long-term pin
 * holds it up to v6.1 and unshares it since v6.2.
 */
START_TEST(huge_zero_page)
{
	static const struct check checks[] = {
		{ OUTCOME, &k612, GLT_KIND_HUGE_ZERO,
		  GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_READ,
		  .want = GLT_OUT_SAME },
		{ ORDER, &k612, GLT_KIND_HUGE_ZERO, .want = 9,
		  .rule = "huge-zero-page" },
		{ ANON, NULL, GLT_KIND_HUGE_ZERO, .want = 0,
		  .rule = "huge-zero-page" },
		{ ZERO_PAGE, NULL, GLT_KIND_HUGE_ZERO, .want = 0 },
		{ PROCESS_WRITE, &k73, GLT_KIND_HUGE_ZERO,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_READ, .want = 0,
		  .rule = "process-write-cows-huge-zero-away" },
		/* R/O long-term: held before v6.2, unshared after. */
		{ OUTCOME, &k61, GLT_KIND_HUGE_ZERO, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = GLT_OUT_SAME },
		{ PROCESS_WRITE, &k510, GLT_KIND_HUGE_ZERO,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 0 },
		{ OUTCOME, &k612, GLT_KIND_HUGE_ZERO, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_READ, .want = GLT_OUT_NEW_ANON,
		  .rule = "longterm-ro-unshares-huge-zero" },
		{ ORDER, &k612, GLT_KIND_HUGE_ZERO, .out = GLT_OUT_NEW_ANON,
		  .want = 0, .rule = "huge-zero-copies-small" },
		{ ORDER, &k73, GLT_KIND_HUGE_ZERO, .out = GLT_OUT_NEW_ANON,
		  .want = 9, .rule = "huge-zero-copies-thp" },
		{ PROCESS_WRITE, &k612, GLT_KIND_HUGE_ZERO,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 1 },
		/* FOLL_WRITE: a COW on every kernel; the huge zero page untouched. */
		{ OUTCOME, &k510, GLT_KIND_HUGE_ZERO,
		  GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_WRITE,
		  .want = GLT_OUT_NEW_ANON, .rule = "write-breaks-huge-zero" },
		{ COWED_AWAY, &k510, GLT_KIND_HUGE_ZERO, .want = 0,
		  .rule = "cow-huge-zero-page-untouched" },
		{ ANON, NULL, GLT_KIND_HUGE_ZERO, .out = GLT_OUT_NEW_ANON,
		  .want = 1 },
	};

	CHECK(checks);
}
END_TEST

/*
 * Hugetlb page cache in a MAP_PRIVATE mapping, only read: FOLL_WRITE
 * copies it (hugetlb_wp()), a R/O long-term pin unshares it since v6.2;
 * the page-cache folio loses one reference for its one huge PTE.
 */
START_TEST(hugetlb_page_cache_private)
{
	static const struct check checks[] = {
		{ OUTCOME, &k61, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = GLT_OUT_SAME },
		{ ANON, NULL, GLT_KIND_MEMFD_HUGETLB_PRIVATE, .want = 0 },
		{ ORDER, &k61, GLT_KIND_MEMFD_HUGETLB_PRIVATE, .want = 9 },
		{ PROCESS_WRITE, &k61, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 0,
		  .rule = "process-write-cows-hugetlb-away" },
		{ OUTCOME, &k612, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "hugetlb-longterm-ro-unshare" },
		{ PROCESS_WRITE, &k73, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, .want = 1 },
		{ PROCESS_WRITE, &k73, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ, .want = 0 },
		{ OUTCOME, &k510, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  GLT_API_GET_TRANSIENT, GLT_ACCESS_WRITE,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "hugetlb-write-breaks-cow" },
		{ COWED_AWAY, &k510, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  .want = -1 },
		{ ANON, NULL, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  .out = GLT_OUT_NEW_ANON, .want = 1 },
		{ ORDER, &k73, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		  .out = GLT_OUT_NEW_ANON, .want = 9 },
	};
	const struct glt_rule *r;

	CHECK(checks);
	/* The reference is the folio's, for its one huge PTE. */
	glt_oracle_cowed_away_delta(&k510, row(GLT_KIND_MEMFD_HUGETLB_PRIVATE),
				    &r);
	ck_assert(r->per_folio);
}
END_TEST

/*
 * The range of the cross-vma kind as these tests make it: 8 pages of
 * anonymous memory, then 8 of an fsdax file, the facts of those rows.
 */
static void anon_then_fsdax(struct glt_mem_facts segs[2])
{
	segs[0] = *row(GLT_KIND_ANON);
	segs[1] = *row(GLT_KIND_FSDAX_EXT4);
	segs[0].nr_pages = 8;
	segs[1].nr_pages = 8;
}

/* The pin by api for access of the two VMAs of segs. */
static struct glt_expect pin_range(const struct glt_kernel_facts *kf,
				   enum glt_api api, enum glt_access access,
				   const struct glt_mem_facts segs[2])
{
	struct glt_case c;

	glt_case_init(&c, GLT_KIND_CROSS_VMA, api, access, GLT_SPAN_MANY);
	return glt_oracle_pin(kf, &c, segs, 2);
}

START_TEST(cross_vma_partial)
{
	struct glt_mem_facts segs[2];
	struct glt_expect e;

	anon_then_fsdax(segs);
	e = pin_range(&k61, GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, segs);
	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, 8);
	ck_assert_str_eq(e.rule->id, "partial-pin");
	e = pin_range(&k612, GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_WRITE,
		      segs);
	ck_assert_uint_eq(e.nr_pinned, 16);
	/* fsdax first: nothing pinned, the error itself. */
	segs[0] = *row(GLT_KIND_FSDAX_EXT4);
	segs[1] = *row(GLT_KIND_ANON);
	e = pin_range(&k612, GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, segs);
	ck_assert_int_eq(e.error, EOPNOTSUPP);
}
END_TEST

/* v5.10 checks the pinned VMAs for fsdax after the walk: no partial pin. */
START_TEST(v5_10_fsdax_refused_after_the_pin)
{
	struct glt_mem_facts segs[2];
	/* A private fsdax mapping's COW copies: refused slow, pinned fast. */
	static const struct check cow_copies[] = {
		{ PIN, &k510, GLT_KIND_FSDAX_EXT4_COW, GLT_API_PIN_LONGTERM,
		  GLT_ACCESS_WRITE, .want = EOPNOTSUPP },
		{ PIN, &k510, GLT_KIND_FSDAX_EXT4_COW,
		  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE, .want = 0 },
	};
	struct glt_expect e;

	anon_then_fsdax(segs);
	e = pin_range(&k510, GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, segs);
	ck_assert_int_eq(e.error, EOPNOTSUPP);
	ck_assert_str_eq(e.rule->id, "fsdax-longterm-after-pin");
	/* GUP-fast pins the anonymous part before the slow path refuses. */
	e = pin_range(&k510, GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ, segs);
	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, 8);
	CHECK(cow_copies);
	/* io_uring reports GUP's errno, not a partial pin's -EFAULT. */
	ck_assert_int_eq(glt_oracle_io_uring(&k510, segs, 2).error, EOPNOTSUPP);
	ck_assert_int_eq(glt_oracle_io_uring(&k61, segs, 2).error, EFAULT);
}
END_TEST

START_TEST(v5_10_zero_page_movable_and_frame_vector)
{
	struct glt_mem_facts segs[2];
	struct glt_accounting a;
	struct glt_expect e;
	bool migrates, bug;

	a = glt_oracle_accounting(&k510, false, false, true);
	ck_assert_int_eq(a.ref_delta, GLT_PIN_COUNTING_BIAS);
	ck_assert_int_eq(a.vmstat_pins, 1);
	ck_assert(a.dma_pinned);
	ck_assert_str_eq(a.rule->id, "pin-zero-page-counted");
	glt_oracle_movable(&k510, true, true, &migrates, &bug);
	ck_assert(!migrates && !bug);
	ck_assert_str_eq(glt_oracle_movable(&k510, true, false, &migrates, &bug)
				 ->id,
			 "longterm-pins-movable-in-place");
	glt_oracle_movable(&k73, true, true, &migrates, &bug);
	ck_assert(migrates && !bug);

	/* get_vaddr_frames() checks only the first VMA, and pins transiently. */
	anon_then_fsdax(segs);
	e = glt_oracle_frame_vector(&k510, segs, 2);
	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, 16);
	ck_assert_str_eq(e.rule->id, "frame-vector-transient");
	ck_assert_int_eq(glt_oracle_v4l2_userptr(&k510, segs, 2).error, 0);
	ck_assert_int_eq(glt_oracle_v4l2_userptr(&k61, segs, 2).error, EFAULT);
	e = glt_oracle_frame_vector(&k510, row(GLT_KIND_FSDAX_EXT4_COW), 1);
	ck_assert_int_eq(e.error, EOPNOTSUPP);
	ck_assert_str_eq(e.rule->id, "frame-vector-fsdax-first-vma");
	ck_assert_int_eq(glt_oracle_frame_vector(&k612,
						 row(GLT_KIND_FSDAX_EXT4_COW),
						 1)
				 .error,
			 0);
}
END_TEST

/* v6.15+: an fsdax folio has the order of the entry that maps it. */
START_TEST(v7_3_fsdax_folio_order)
{
	static const struct check checks[] = {
		{ ORDER, &k73, GLT_KIND_FSDAX_EXT4_PMD, .want = 9,
		  .rule = "fsdax-folios" },
		{ ORDER, &k73, GLT_KIND_FSDAX_EXT4, .want = 0 },
		{ ORDER, &k612, GLT_KIND_FSDAX_EXT4_PMD, .want = 0,
		  .rule = "fsdax-pages" },
		/* The citation follows the kernel's code. */
		{ PIN, &k612, GLT_KIND_FSDAX_EXT4, GLT_API_PIN_LONGTERM_FAST,
		  GLT_ACCESS_READ, .want = ANY, .cite = "pte_devmap" },
		{ PIN, &k73, GLT_KIND_FSDAX_EXT4, GLT_API_PIN_LONGTERM_FAST,
		  GLT_ACCESS_READ, .want = ANY, .not_cite = "devmap" },
	};

	ck_assert(row(GLT_KIND_FSDAX_EXT4_PMD)->pmd_mapped);
	CHECK(checks);
}
END_TEST

/*
 * The kernel ranges the invariants run on: the measured series, and each
 * end of every rule's range (since, until and the code citations' until)
 * with the series just before it, from the oldest measured series on (the
 * accounting rules start at v5.7: older kernels are no range of the
 * oracle's); each with and without FS_DAX, and with the HMM test driver
 * and secretmem or without.
 */
static unsigned int kernel_ranges(unsigned int *out, unsigned int max)
{
	static const unsigned int measured[] = { GLT_MEASURED_KERNELS };
	unsigned int n = 0, oldest = measured[0];

	for (unsigned int i = 0; measured[i]; i++)
		if (measured[i] < oldest)
			oldest = measured[i];
#define ADD(v)                                          \
	do {                                            \
		unsigned int v_ = (v), j_ = 0;          \
		while (j_ < n && out[j_] != v_)         \
			j_++;                           \
		if (v_ >= oldest && j_ == n && n < max) \
			out[n++] = v_;                  \
	} while (0)
	for (unsigned int i = 0; measured[i]; i++)
		ADD(measured[i]);
	for (unsigned int t = 0; t < glt_rule_tables_count; t++)
		for (unsigned int i = 0; i < glt_rule_tables[t].count; i++) {
			const struct glt_rule *r = &glt_rule_tables[t].rules[i];

			ADD(r->since);
			ADD(r->since - 1);
			ADD(r->until);
			ADD(r->until - 1);
			for (unsigned int o = 0; o < GLT_RULE_MAX_OLDER; o++) {
				ADD(r->older[o].until);
				ADD(r->older[o].until - 1);
			}
		}
#undef ADD
	return n;
}

static void kernel_of(struct glt_kernel_facts *kf, unsigned int v,
		      unsigned int variant)
{
	memset(kf, 0, sizeof(*kf));
	snprintf(kf->release, sizeof(kf->release), "%u.%u", v >> 8, v & 0xff);
	kf->version = v;
	kf->fs_dax = variant & 1 ? GLT_CONFIG_N : GLT_CONFIG_Y;
	kf->dev_dax = GLT_CONFIG_M;
	kf->device_private = kf->test_hmm = variant & 2 ? GLT_CONFIG_Y :
							  GLT_CONFIG_N;
	kf->secretmem_enable = variant & 2 ? GLT_CONFIG_Y : GLT_CONFIG_UNKNOWN;
	kf->page_shift = 12;
	kf->pmd_order = kf->hugetlb_order = 9;
	/* No ZONE_DEVICE: no FS_DAX either (fs/Kconfig depends on it). */
	kf->zone_device = variant & 4 ? GLT_CONFIG_N : GLT_CONFIG_Y;
	if (variant & 4)
		kf->fs_dax = GLT_CONFIG_N;
}

/* A rule was returned for kernel v: it exists, is cited and applies. */
static void assert_rule(const struct glt_rule *r, unsigned int v,
			const char *what, const char *name)
{
	expect_msg(r, "%s: %s: no rule on %u.%u", name, what, v >> 8, v & 0xff);
	expect_msg(r->cite && *r->cite && *glt_rule_cite(r, v),
		   "%s: %s: rule %s cites nothing", name, what, r->id);
	expect_msg(glt_rule_applies(r, v),
		   "%s: %s: rule %s returned for %u.%u, outside its range",
		   name, what, r->id, v >> 8, v & 0xff);
}

/* What the engine asks the oracle of one pinned VMA. */
static void assert_pinned_segment(const struct glt_kernel_facts *kf,
				  const struct glt_case *c,
				  const struct glt_expect *e,
				  const struct glt_mem_facts *s, unsigned int i)
{
	unsigned int v = kf->version;
	const struct glt_rule *r;
	bool zero;

	assert_rule(e->outcome_rule[i], v, "outcome", c->name);
	glt_oracle_folio_order(kf, s, e->outcome[i], &r);
	assert_rule(r, v, "folio order", c->name);
	glt_oracle_zone_device(s, e->outcome[i], &r);
	assert_rule(r, v, "ZONE_DEVICE", c->name);
	glt_oracle_anon(s, e->outcome[i], &zero, &r);
	assert_rule(r, v, "anonymous or zero page", c->name);
	for (int large = 0; large < 2; large++)
		assert_rule(glt_oracle_accounting(kf, glt_api_is_get(c->api),
						  large, zero)
				    .rule,
			    v, "accounting", c->name);
	for (int view = GLT_VIEW_AT_PIN; view <= GLT_VIEW_DEVICE_WRITE;
	     view++) {
		bool same;

		assert_rule(glt_oracle_coherence(kf, c, s, e->outcome[i],
						 (enum glt_coherence_view)view,
						 &same),
			    v, "coherence", c->name);
	}
	if (e->outcome[i] == GLT_OUT_SAME)
		return;
	glt_oracle_cowed_away_delta(kf, s, &r);
	assert_rule(r, v, "cowed-away page", c->name);
	glt_oracle_fresh_page_refcount(s, e->outcome[i], &r);
	assert_rule(r, v, "fresh page", c->name);
}

/* Every question the harness asks the oracle about one case. */
static void assert_case_decided(const struct glt_kernel_facts *kf,
				const struct glt_case *c)
{
	struct glt_availability av = glt_oracle_available(kf, c->kind);
	struct glt_mem_facts seg[GLT_MAX_SEGMENTS];
	unsigned int nseg =
		glt_test_row_facts(c->kind, glt_span_pages(c->span), seg);
	unsigned long total;
	struct glt_expect e;

	if (av.error) {
		assert_rule(av.rule, kf->version, "availability", c->name);
		expect_msg(av.step,
			   "%s: absent without the step that proves it",
			   c->name);
		return;
	}
	expect_msg(!av.rule, "%s: available, yet with the rule %s", c->name,
		   av.rule ? av.rule->id : "");
	e = glt_oracle_pin(kf, c, seg, nseg);
	assert_rule(e.rule, kf->version, "pin verdict", c->name);
	if (e.error)
		return;
	total = glt_mem_pages(seg, nseg);
	expect_msg(e.nr_pinned > 0 && e.nr_pinned <= total,
		   "%s: %lu of %lu pinned", c->name, e.nr_pinned, total);
	for (unsigned long done = 0, i = 0; i < nseg && done < e.nr_pinned;
	     done += seg[i++].nr_pages)
		assert_pinned_segment(kf, c, &e, &seg[i], (unsigned int)i);
	if (c->span != GLT_SPAN_MANY)
		return;
	assert_rule(glt_oracle_io_uring(kf, seg, nseg).rule, kf->version,
		    "io_uring", c->name);
	assert_rule(glt_oracle_v4l2_userptr(kf, seg, nseg).rule, kf->version,
		    "V4L2", c->name);
	assert_rule(glt_oracle_frame_vector(kf, seg, nseg).rule, kf->version,
		    "get_vaddr_frames()", c->name);
	assert_rule(glt_oracle_rdma_reg_mr(kf, seg, nseg).rule, kf->version,
		    "RDMA", c->name);
}

/*
 * Every case of every kind row, on every kernel range: the oracle decides
 * it with a rule that is cited and applies to that kernel, and so does
 * every question the engine and the consumers ask about it.
 */
START_TEST(every_row_decided_on_every_kernel)
{
	static struct glt_case cs[GLT_MAX_CASES];
	size_t n = glt_cases_generate(cs, GLT_MAX_CASES);
	unsigned int vs[128], nv = kernel_ranges(vs, 128);

	ck_assert_uint_gt(nv, 8);
	for (unsigned int k = 0; k < nv; k++)
		for (unsigned int variant = 0; variant < 8; variant++) {
			struct glt_kernel_facts kf;

			kernel_of(&kf, vs[k], variant);
			for (size_t i = 0; i < n; i++)
				assert_case_decided(&kf, &cs[i]);
			for (int lt = 0; lt < 2; lt++)
				for (int h = 0; h < 2; h++) {
					bool mig, bug;

					assert_rule(glt_oracle_movable(&kf, lt,
								       h, &mig,
								       &bug),
						    vs[k], "movable",
						    "migration");
				}
		}
}
END_TEST

/* Every row is a case of every GUP path, access and (but cross-vma) span. */
START_TEST(every_row_has_every_path)
{
	static struct glt_case cs[GLT_MAX_CASES];
	size_t n = glt_cases_generate(cs, GLT_MAX_CASES);
	unsigned int per_kind[GLT_KIND_COUNT] = { 0 };

	for (size_t i = 0; i < n; i++)
		per_kind[cs[i].kind]++;
	for (int k = 0; k < GLT_KIND_COUNT; k++)
		ck_assert_uint_eq(per_kind[k],
				  GLT_API_COUNT * GLT_ACCESS_COUNT *
					  (glt_kind((enum glt_kind)k)
							   ->many_pages_only ?
						   1 :
						   GLT_SPAN_COUNT));
}
END_TEST

/*
 * memfd_secret() memory: absent before v5.14, without CONFIG_SECRETMEM and
 * while secretmem.enable is off (v6.1's default); where it exists, every
 * GUP path refuses it with -EFAULT.
 */
START_TEST(secretmem_refused_or_absent)
{
	struct glt_kernel_facts k61_on = k61, k612_off = k612, k612_n = k612;
	const struct check checks[] = {
		{ AVAILABLE, &k510, GLT_KIND_SECRETMEM, .want = ENOSYS,
		  .rule = "secretmem-absent" },
		{ AVAILABLE, &k61, GLT_KIND_SECRETMEM, .want = ENOSYS },
		{ AVAILABLE, &k61_on, GLT_KIND_SECRETMEM, .want = 0 },
		{ AVAILABLE, &k612_off, GLT_KIND_SECRETMEM, .want = ENOSYS },
		{ AVAILABLE, &k612_n, GLT_KIND_SECRETMEM, .want = ENOSYS },
		{ AVAILABLE, &k612, GLT_KIND_SECRETMEM, .want = 0 },
		{ AVAILABLE, &k73, GLT_KIND_SECRETMEM, .want = 0 },
		/* Nothing else needs secretmem. */
		{ AVAILABLE, &k510, GLT_KIND_SHMEM, .want = 0 },
		{ PIN, &k73, GLT_KIND_SECRETMEM, .paths = GUP_PATHS,
		  .every_access = true, .want = EFAULT,
		  .rule = "secretmem-efault" },
		{ PIN, &k73, GLT_KIND_SECRETMEM, .paths = LONGTERM_GETS,
		  .every_access = true, .want = EINVAL,
		  .rule = "longterm-get-refused" },
		/* GUP-fast's secretmem test moved: the citation follows it. */
		{ PIN, &k61_on, GLT_KIND_SECRETMEM, GLT_API_PIN_TRANSIENT_FAST,
		  GLT_ACCESS_READ, .want = ANY, .cite = "page_is_secretmem" },
	};

	k61_on.secretmem_enable = GLT_CONFIG_Y;
	k612_off.secretmem_enable = GLT_CONFIG_N;
	k612_n.secretmem = GLT_CONFIG_N;
	CHECK(checks);
}
END_TEST

/*
 * A private fsdax mapping that was only read: long-term pins are refused
 * as for a shared one (the VMA is fsdax); a transient read pins the pmem
 * page (or the zero page over a hole); a transient write pins a new
 * anonymous copy, and the pmem page it leaves loses no reference before
 * v6.15 (a devmap PTE held none) and one since.
 */
START_TEST(fsdax_private_read_only)
{
	const struct glt_mem_facts *mems[] = {
		row(GLT_KIND_FSDAX_EXT4_PRIVATE),
		row(GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE)
	};
	static const struct check checks[] = {
		{ ZONE_DEVICE, NULL, GLT_KIND_FSDAX_EXT4_PRIVATE, .want = 1 },
		{ ZONE_DEVICE, NULL, GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE,
		  .want = 0 },
		{ COWED_AWAY, &k612, GLT_KIND_FSDAX_EXT4_PRIVATE, .want = 0,
		  .rule = "cow-fsdax-page-unreferenced" },
		{ COWED_AWAY, &k510, GLT_KIND_FSDAX_EXT4_PRIVATE, .want = 0 },
		{ COWED_AWAY, &k73, GLT_KIND_FSDAX_EXT4_PRIVATE, .want = -1,
		  .rule = "cow-drops-mapping-ref" },
		{ COWED_AWAY, &k612, GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE,
		  .want = 0, .rule = "cow-zero-page-untouched" },
		{ COWED_AWAY, &k73, GLT_KIND_PAGECACHE_EXT4_PRIVATE,
		  .want = -1 },
	};

	for (unsigned int k = 0; k < NR_DAX_KERNELS; k++)
		for (unsigned int m = 0; m < 2; m++) {
			const struct check per_mapping[] = {
				{ PIN, dax_kernels[k],
				  GLT_KIND_FSDAX_EXT4_PRIVATE,
				  .paths = LONGTERM_PINS, .every_access = true,
				  .mem = mems[m], .want = EOPNOTSUPP,
				  .rule = k == 0 ? "fsdax-longterm-after-pin" :
						   "fsdax-longterm" },
				{ OUTCOME, dax_kernels[k],
				  GLT_KIND_FSDAX_EXT4_PRIVATE,
				  GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_READ,
				  .mem = mems[m], .want = GLT_OUT_SAME },
				{ OUTCOME, dax_kernels[k],
				  GLT_KIND_FSDAX_EXT4_PRIVATE,
				  GLT_API_GET_TRANSIENT, GLT_ACCESS_WRITE,
				  .mem = mems[m], .want = GLT_OUT_NEW_ANON },
			};

			CHECK(per_mapping);
		}
	CHECK(checks);
}
END_TEST

/*
 * A shared fsdax mapping read over a hole maps the zero page; a transient
 * read pins it, a transient write fills the hole and pins the new pmem
 * page (ZONE_DEVICE, refcount 1 before the pin on every kernel), and a
 * long-term pin is refused as for any fsdax VMA.
 */
START_TEST(fsdax_shared_hole)
{
	static const struct check checks[] = {
		{ ZONE_DEVICE, NULL, GLT_KIND_FSDAX_EXT4_HOLE,
		  .out = GLT_OUT_NEW_FILE, .want = 1 },
		{ ZONE_DEVICE, NULL, GLT_KIND_FSDAX_EXT4_HOLE, .want = 0 },
		/* A private mapping's hole is COWed, not filled. */
		{ OUTCOME, &k612, GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE,
		  GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
		  .want = GLT_OUT_NEW_ANON },
	};
	const struct glt_rule *r;

	for (unsigned int k = 0; k < NR_DAX_KERNELS; k++) {
		const struct check per_kernel[] = {
			{ PIN, dax_kernels[k], GLT_KIND_FSDAX_EXT4_HOLE,
			  GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE,
			  .want = EOPNOTSUPP },
			{ OUTCOME, dax_kernels[k], GLT_KIND_FSDAX_EXT4_HOLE,
			  GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ,
			  .want = GLT_OUT_SAME },
			{ OUTCOME, dax_kernels[k], GLT_KIND_FSDAX_EXT4_HOLE,
			  GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_WRITE,
			  .want = GLT_OUT_NEW_FILE,
			  .rule = "write-fills-dax-hole" },
			{ FRESH, NULL, GLT_KIND_FSDAX_EXT4_HOLE,
			  .out = GLT_OUT_NEW_FILE, .want = 1,
			  .rule = "fresh-dax-page" },
			{ ORDER, dax_kernels[k], GLT_KIND_FSDAX_EXT4_HOLE,
			  .out = GLT_OUT_NEW_FILE, .want = 0 },
		};

		CHECK(per_kernel);
		/* fsdax-pages or fsdax-folios, as the kernel's version says. */
		glt_oracle_folio_order(dax_kernels[k],
				       row(GLT_KIND_FSDAX_EXT4_HOLE),
				       GLT_OUT_NEW_FILE, &r);
		ck_assert_ptr_nonnull(strstr(r->id, "fsdax"));
	}
	CHECK(checks);
}
END_TEST

/*
 * device-DAX of 4 KiB alignment: pinned on every path, long-term too, in
 * order-0 pages on every kernel (a compound devmap needs an alignment
 * above the page size), and ZONE_DEVICE.
 */
START_TEST(devdax_4k_pages)
{
	static const struct check checks[] = {
		{ ZONE_DEVICE, NULL, GLT_KIND_DEVDAX_4K, .want = 1 },
		{ AVAILABLE, &k612_nodax, GLT_KIND_DEVDAX_4K, .want = EINVAL },
	};

	for (unsigned int k = 0; k < NR_DAX_KERNELS; k++) {
		const struct check per_kernel[] = {
			{ PIN, dax_kernels[k], GLT_KIND_DEVDAX_4K,
			  .access = GLT_ACCESS_WRITE, .paths = GUP_PATHS,
			  .want = 0 },
			{ PIN, dax_kernels[k], GLT_KIND_DEVDAX_4K,
			  .access = GLT_ACCESS_WRITE, .paths = LONGTERM_GETS,
			  .want = EINVAL },
			{ ORDER, dax_kernels[k], GLT_KIND_DEVDAX_4K, .want = 0,
			  .rule = "devdax-pages" },
		};

		CHECK(per_kernel);
	}
	CHECK(checks);
}
END_TEST

/*
 * Device-private memory (lib/test_hmm.c): absent without DEVICE_PRIVATE or
 * TEST_HMM; where it exists, every GUP path faults the pages back into
 * system RAM and pins the new anonymous pages.
 */
START_TEST(device_private_faults_back)
{
	struct glt_kernel_facts k612_n = k612, k73_hmm = k73, k73_nohmm = k73;
	const struct check checks[] = {
		{ AVAILABLE, &k612_n, GLT_KIND_DEVICE_PRIVATE, .want = ENOENT,
		  .rule = "device-private-absent" },
		{ AVAILABLE, &k73_nohmm, GLT_KIND_DEVICE_PRIVATE,
		  .want = ENOENT },
		{ AVAILABLE, &k73_hmm, GLT_KIND_DEVICE_PRIVATE, .want = 0 },
		{ OUTCOME, &k73_hmm, GLT_KIND_DEVICE_PRIVATE,
		  .paths = GUP_PATHS, .every_access = true,
		  .want = GLT_OUT_NEW_ANON,
		  .rule = "device-private-faults-back" },
	};

	k612_n.device_private = GLT_CONFIG_N;
	k73_hmm.device_private = GLT_CONFIG_Y;
	k73_hmm.test_hmm = GLT_CONFIG_M;
	k73_nohmm.device_private = GLT_CONFIG_Y;
	k73_nohmm.test_hmm = GLT_CONFIG_N;
	CHECK(checks);
}
END_TEST

/*
 * Device-coherent memory (lib/test_hmm.c, v6.0+): a long-term pin migrates
 * it to system RAM first; a transient pin holds the ZONE_DEVICE page.
 */
START_TEST(device_coherent_migrates_when_longterm)
{
	struct glt_kernel_facts k73_hmm = k73, k510_hmm = k510, k612_n = k612;
	const struct check checks[] = {
		{ AVAILABLE, &k73_hmm, GLT_KIND_DEVICE_COHERENT, .want = 0 },
		/* 5.10's test_hmm has no device-coherent devices. */
		{ AVAILABLE, &k510_hmm, GLT_KIND_DEVICE_COHERENT, .want = ANY,
		  .rule = "device-coherent-absent" },
		{ AVAILABLE, &k612_n, GLT_KIND_DEVICE_COHERENT,
		  .want = ENOENT },
		{ OUTCOME, &k73_hmm, GLT_KIND_DEVICE_COHERENT,
		  .paths = LONGTERM_PINS, .every_access = true,
		  .want = GLT_OUT_NEW_ANON },
		{ ZONE_DEVICE, NULL, GLT_KIND_DEVICE_COHERENT,
		  .paths = LONGTERM_PINS, .every_access = true,
		  .out = GLT_OUT_NEW_ANON, .want = 0 },
		{ OUTCOME, &k73_hmm, GLT_KIND_DEVICE_COHERENT,
		  .paths = TRANSIENT_PATHS, .every_access = true,
		  .want = GLT_OUT_SAME },
		{ ZONE_DEVICE, NULL, GLT_KIND_DEVICE_COHERENT,
		  .paths = TRANSIENT_PATHS, .every_access = true, .want = 1 },
	};

	k612_n.device_private = GLT_CONFIG_N;
	k73_hmm.device_private = k510_hmm.device_private = GLT_CONFIG_Y;
	k73_hmm.test_hmm = k510_hmm.test_hmm = GLT_CONFIG_M;
	CHECK(checks);
}
END_TEST

START_TEST(every_rule_is_cited)
{
	for (unsigned int t = 0; t < glt_rule_tables_count; t++)
		for (unsigned int i = 0; i < glt_rule_tables[t].count; i++) {
			const struct glt_rule *r = &glt_rule_tables[t].rules[i];

			ck_assert_ptr_nonnull(r->id);
			ck_assert_ptr_nonnull(r->cite);
			ck_assert_ptr_nonnull(r->when);
			ck_assert_ptr_nonnull(r->verdict);
			/* A range is numbers: the note adds, never repeats. */
			ck_assert_msg(!r->note || !strstr(r->note, "measured"),
				      "rule %s lists measured kernels", r->id);
			/* A citation names a kernel source file. */
			ck_assert_msg(r->source && strchr(r->source, '/'),
				      "rule %s cites no source file", r->id);
		}
}
END_TEST

START_TEST(case_names_unique_and_shaped)
{
	static struct glt_case cs[GLT_MAX_CASES];
	size_t n = glt_cases_generate(cs, GLT_MAX_CASES);

	/* Every combination but single-page cross-VMA ranges. */
	ck_assert_uint_eq(n, GLT_MAX_CASES - GLT_API_COUNT * GLT_ACCESS_COUNT);
	for (size_t i = 0; i < n; i++) {
		const char *s1 = strchr(cs[i].name, '/');

		expect_msg(s1 && strchr(s1 + 1, '/'),
			   "%s: not GUP-PATH/KIND/ACCESS", cs[i].name);
		expect_msg(!strchr(cs[i].name, ' '), "'%s': a space",
			   cs[i].name);
		for (size_t j = 0; j < i; j++)
			expect_msg(strcmp(cs[i].name, cs[j].name),
				   "%s: twice (cases %zu and %zu)", cs[i].name,
				   j, i);
	}
	ck_assert_str_eq(cs[0].name, "pin-longterm/anon/read");
}
END_TEST

START_TEST(release_and_config_parsing)
{
	const char *cfg = "CONFIG_A=y\n# CONFIG_FS_DAX is not set\n"
			  "CONFIG_DEV_DAX=m\nCONFIG_FS_DAX_PMD=y\n";

	ck_assert_uint_eq(glt_parse_release("6.12.117+deb12-amd64"),
			  GLT_KV(6, 12));
	ck_assert_uint_eq(glt_parse_release("6.1.0-56-amd64"), GLT_KV(6, 1));
	ck_assert_uint_eq(glt_parse_release("garbage"), 0);
	ck_assert_int_eq(glt_config_lookup(cfg, "FS_DAX"), GLT_CONFIG_N);
	ck_assert_int_eq(glt_config_lookup(cfg, "DEV_DAX"), GLT_CONFIG_M);
	ck_assert_int_eq(glt_config_lookup(cfg, "A"), GLT_CONFIG_Y);
	ck_assert_int_eq(glt_config_lookup(cfg, "FS_DAX_PM"),
			 GLT_CONFIG_UNKNOWN);
	ck_assert_int_eq(glt_config_lookup("", "A"), GLT_CONFIG_UNKNOWN);
}
END_TEST

/* A kernel outside the measured series is named, with the nearest one. */
START_TEST(unmeasured_kernel_is_reported)
{
	struct glt_kernel_facts k75 = k612, k66 = k612;
	unsigned int near;
	char list[128];

	ck_assert(glt_oracle_measured(&k612, &near, list, sizeof(list)));
	ck_assert_uint_eq(near, GLT_KV(6, 12));
	ck_assert_ptr_nonnull(strstr(list, "6.12"));
	ck_assert(glt_oracle_measured(&k61, &near, NULL, 0));
	k75.version = GLT_KV(7, 5);
	ck_assert(!glt_oracle_measured(&k75, &near, list, sizeof(list)));
	ck_assert_uint_eq(near, GLT_KV(7, 3));
	k66.version = GLT_KV(6, 6);
	ck_assert(!glt_oracle_measured(&k66, &near, list, sizeof(list)));
	ck_assert_uint_eq(near, GLT_KV(6, 1));
}
END_TEST

START_TEST(fixture_arguments)
{
	static struct glt_fixtures fx;

	ck_assert_int_eq(glt_fixtures_set(&fx, "devdax=/dev/dax1.0"), 0);
	ck_assert(fx.present[GLT_FIXTURE_DEVDAX]);
	ck_assert_str_eq(fx.path[GLT_FIXTURE_DEVDAX], "/dev/dax1.0");
	ck_assert_int_eq(glt_fixtures_set(&fx, "anon=/x"), -1);
	ck_assert_int_eq(glt_fixtures_set(&fx, "nonsense=/x"), -1);
	ck_assert_int_eq(glt_fixtures_set(&fx, "devdax"), -1);
	ck_assert_int_eq(glt_fixtures_set(&fx, "fsdax-ext4="), -1);
}
END_TEST

/*
 * The summary tables of docs/expectations.md (verdicts_doc.c): the facts
 * text of ci/kernel-facts.sh, read as the running kernel's config is.
 */
static const char debian_facts[] =
	"# a comment\n"
	"kernel debian-6.1 6.1\n"
	"CONFIG_FS_DAX=y\nCONFIG_DEV_DAX=m\nCONFIG_SECRETMEM=y\n"
	"# CONFIG_DEVICE_PRIVATE is not set\nCONFIG_ZONE_DEVICE=y\n"
	"CONFIG_SWAP=y\n"
	"kernel debian-6.12 6.12\n"
	"CONFIG_FS_DAX=y\nCONFIG_DEV_DAX=m\nCONFIG_SECRETMEM=y\n"
	"# CONFIG_DEVICE_PRIVATE is not set\nCONFIG_ZONE_DEVICE=y\n"
	"CONFIG_SWAP=y\n";

static unsigned int doc_kernels(const char *text, struct glt_doc_kernel *k)
{
	char err[256] = "";
	int n = glt_doc_kernels_parse(text, k, GLT_DOC_MAX_KERNELS, err,
				      sizeof(err));

	ck_assert_msg(n > 0, "%s", err);
	return (unsigned int)n;
}

/*
 * The consumers as the table sees them (the harness's own, consumer_*.c,
 * need their libraries): which kinds they have a case for, and the
 * oracle's verdict.
 */
static bool doc_wants_mapped(enum glt_kind kind)
{
	return !glt_kind(kind)->facts.unmapped;
}

static bool doc_wants_readable(enum glt_kind kind)
{
	return doc_wants_mapped(kind) && glt_kind(kind)->facts.readable;
}

static const struct glt_consumer doc_con[] = {
	{ .name = "io-uring",
	  .call = "IORING_REGISTER_BUFFERS",
	  .wants = doc_wants_mapped,
	  .expect = glt_oracle_io_uring },
	{ .name = "v4l2-userptr",
	  .call = "VIDIOC_QBUF",
	  .wants = doc_wants_readable,
	  .expect = glt_oracle_v4l2_userptr },
	{ .name = "rdma-reg-mr",
	  .call = "ibv_reg_mr",
	  .wants = doc_wants_mapped,
	  .expect = glt_oracle_rdma_reg_mr },
	{ .name = "frame-vector",
	  .call = "get_vaddr_frames",
	  .wants = doc_wants_readable,
	  .expect = glt_oracle_frame_vector },
};

/* A table as text; the caller frees it. */
static char *doc_table(const char *facts, bool consumers)
{
	static const struct glt_consumer *const con[] = {
		&doc_con[0],
		&doc_con[1],
		&doc_con[2],
		&doc_con[3],
	};
	struct glt_doc_kernel k[GLT_DOC_MAX_KERNELS];
	unsigned int n = doc_kernels(facts, k);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	if (consumers)
		glt_consumers_print_markdown(f, k, n, con, 4);
	else
		glt_verdicts_print_markdown(f, k, n);
	fclose(f);
	return text;
}

/* The table's row that names the kind (its first column), or NULL. */
static char *doc_row(const char *table, const char *kind, char *buf, size_t len)
{
	char name[80];
	const char *p;

	snprintf(name, sizeof(name), "`%s`", kind);
	for (p = table; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		size_t n = strcspn(p, "\n");
		const char *cells = strstr(p, " | ");
		const char *hit = strstr(p, name);

		if (hit && cells && hit < cells && hit < p + n &&
		    (hit[strlen(name)] == ',' || hit[strlen(name)] == ' ')) {
			snprintf(buf, len, "%.*s", (int)n, p);
			return buf;
		}
	}
	return NULL;
}

START_TEST(doc_kernels_from_facts_text)
{
	struct glt_doc_kernel k[GLT_DOC_MAX_KERNELS];
	char err[256];

	ck_assert_uint_eq(doc_kernels(debian_facts, k), 2);
	ck_assert_str_eq(k[0].name, "debian-6.1");
	ck_assert_str_eq(k[0].label, "6.1");
	ck_assert_uint_eq(k[1].kf.version, GLT_KV(6, 12));
	ck_assert_int_eq(k[1].kf.fs_dax, GLT_CONFIG_Y);
	ck_assert_int_eq(k[1].kf.dev_dax, GLT_CONFIG_M);
	/* not named: n, as in a config that was read */
	ck_assert_int_eq(k[1].kf.test_hmm, GLT_CONFIG_N);
	ck_assert_int_eq(k[1].kf.device_private, GLT_CONFIG_N);
	ck_assert_int_eq(k[1].kf.secretmem_enable, GLT_CONFIG_UNKNOWN);
	ck_assert_uint_eq(k[1].kf.pmd_order, 9);
	/* two of one version: their names tell them apart */
	ck_assert_uint_eq(doc_kernels("kernel a 6.12\nkernel b 6.12\n"
				      "# CONFIG_FS_DAX is not set\n",
				      k),
			  2);
	ck_assert_str_eq(k[0].label, "a");
	ck_assert_int_eq(k[0].kf.fs_dax, GLT_CONFIG_N);
	ck_assert_int_eq(k[1].kf.fs_dax, GLT_CONFIG_N);
	ck_assert_int_eq(glt_doc_kernels_parse("CONFIG_FS_DAX=y\n", k, 8, err,
					       sizeof(err)),
			 -1);
	ck_assert_ptr_nonnull(strstr(err, "before the first"));
	ck_assert_int_eq(glt_doc_kernels_parse("kernel x\n", k, 8, err,
					       sizeof(err)),
			 -1);
	ck_assert_int_eq(glt_doc_kernels_parse("kernel x 6.x\n", k, 8, err,
					       sizeof(err)),
			 -1);
	ck_assert_int_eq(glt_doc_kernels_parse("", k, 8, err, sizeof(err)), -1);
	ck_assert_int_eq(glt_doc_kernels_parse("kernel a 6.1\nkernel b 6.2\n",
					       k, 1, err, sizeof(err)),
			 -1);
}
END_TEST

/* Every row of kinds.def is in exactly one row of both tables. */
START_TEST(doc_tables_name_every_kind_once)
{
	for (int t = 0; t < 2; t++) {
		char *table = doc_table(debian_facts, t);
		char row[8192];

		ck_assert_ptr_nonnull(
			strstr(table, t ? "| memory kind | `io-uring`: " :
					  "| memory kind | pin-longterm | "));
		for (int k = 0; k < GLT_KIND_COUNT; k++) {
			const char *name = glt_kind_name((enum glt_kind)k);
			char *r = doc_row(table, name, row, sizeof(row));

			ck_assert_msg(r, "%s: no row", name);
			/* once: not in a later row */
			ck_assert_ptr_null(doc_row(strstr(table, r) + strlen(r),
						   name, row, sizeof(row)));
		}
		free(table);
	}
}
END_TEST

/* A cell names the kernels where they differ, and only there. */
START_TEST(doc_cells_say_the_kernel_where_they_differ)
{
	char *both = doc_table(debian_facts, false);
	char *one =
		doc_table(strstr(debian_facts, "kernel debian-6.12"), false);
	char *con = doc_table(debian_facts, true);
	char row[8192];

	ck_assert_ptr_nonnull(doc_row(both, "secretmem", row, sizeof(row)));
	ck_assert_msg(strstr(row,
			     "| 6.1: absent (`memfd_secret`: -ENOSYS); 6.12: -EFAULT |"),
		      "%s", row);
	ck_assert_ptr_nonnull(doc_row(one, "secretmem", row, sizeof(row)));
	ck_assert_msg(!strstr(row, "6.12") && strstr(row, "| -EFAULT |"), "%s",
		      row);
	/* pagecache-ext4: by access, then by kernel */
	ck_assert_ptr_nonnull(
		doc_row(both, "pagecache-ext4", row, sizeof(row)));
	ck_assert_msg(strstr(row,
			     "| read: pinned; write (6.1: pinned; 6.12: -EFAULT) |"),
		      "%s", row);
	/* the same verdicts share a row; others do not */
	ck_assert_ptr_nonnull(doc_row(both, "mthp-16k", row, sizeof(row)));
	ck_assert_ptr_nonnull(strstr(row, "`mthp-1024k`"));
	ck_assert_ptr_null(strstr(row, "`anon`"));
	ck_assert_ptr_nonnull(doc_row(both, "anon-forked", row, sizeof(row)));
	ck_assert_msg(strstr(row,
			     "pin-transient, pin-transient-fast: new page; get-transient, get-transient-fast (read: pinned; write: new page)"),
		      "%s", row);
	/* consumers: what is not run, and a partial pin given back */
	ck_assert_ptr_nonnull(doc_row(con, "protnone", row, sizeof(row)));
	ck_assert_msg(strstr(row, "| -EFAULT | not run | -EFAULT | not run |"),
		      "%s", row);
	ck_assert_ptr_nonnull(doc_row(con, "cross-vma", row, sizeof(row)));
	ck_assert_msg(strstr(row, "-EFAULT (GUP pinned 8 of 16 pages)"), "%s",
		      row);
	free(both);
	free(one);
	free(con);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("oracle");
	TCase *tc = tcase_create("host");
	const TTest *const tests[] = {
		fsdax_longterm_refused_every_path,
		fsdax_transient_allowed,
		devdax_longterm_allowed,
		anon_everything_but_longterm_get,
		longterm_get_refused_by_driver_first,
		pagecache_write_longterm_by_version,
		nodax_kernel_has_no_fsdax_refusal,
		nodax_kernel_cannot_make_dax_memory,
		no_zone_device_kernel_has_no_dax,
		folio_orders_follow_the_page_size,
		accounting_rules,
		memory_rules,
		anon_and_zero_pages,
		general_rules_yield_to_the_rules_below,
		no_struct_page_memory,
		fsdax_cow_still_refused,
		shmem_exempt_from_write_rule,
		ro_longterm_unshare_since_6_2,
		coherence_follows_the_pinned_page,
		swapped_out_pages_swap_in,
		thp_by_ptes_and_mthp,
		huge_zero_page,
		hugetlb_page_cache_private,
		cross_vma_partial,
		fork_shared_anon_by_kernel,
		fork_shared_anon_unobserved,
		fork_shared_anon_pages,
		coherence_of_fork_shared_anon,
		fork_shared_large_folios,
		fork_shared_hugetlb,
		fork_shared_swapped_out,
		partly_shared_thp,
		coherence_of_fork_after_pin,
		secretmem_refused_or_absent,
		fsdax_private_read_only,
		fsdax_shared_hole,
		devdax_4k_pages,
		device_private_faults_back,
		device_coherent_migrates_when_longterm,
		every_rule_is_cited,
		case_names_unique_and_shaped,
		release_and_config_parsing,
		fixture_arguments,
		unmeasured_kernel_is_reported,
		v5_10_fsdax_refused_after_the_pin,
		v5_10_zero_page_movable_and_frame_vector,
		v7_3_fsdax_folio_order,
		every_row_decided_on_every_kernel,
		every_row_has_every_path,
		movable_pages_migrate_for_longterm_pins,
		doc_kernels_from_facts_text,
		doc_tables_name_every_kind_once,
		doc_cells_say_the_kernel_where_they_differ
	};

	/* every_row_decided_on_every_kernel asks ~10^6 questions: under
	 * ASan that is seconds, past Check's default of 4.
	 */
	tcase_set_timeout(tc, 60);
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return glt_run_suite(s);
}
