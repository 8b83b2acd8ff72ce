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
#include <stdlib.h>
#include <string.h>

#include "../case.h"
#include "../facts.h"
#include "../fixtures.h"
#include "../oracle.h"
#include "../verdicts_doc.h"
#include "measured_kernels.h"
#include "../row_facts.h"

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

static const struct glt_kernel_facts k61 = {
	GEOMETRY_4K,
	.release = "6.1.0-56-amd64",
	.version = GLT_KV(6, 1),
	.fs_dax = GLT_CONFIG_Y,
	.dev_dax = GLT_CONFIG_M,
};
static const struct glt_kernel_facts k612 = {
	GEOMETRY_4K,
	.release = "6.12.117+deb12-amd64",
	.version = GLT_KV(6, 12),
	.fs_dax = GLT_CONFIG_Y,
	.dev_dax = GLT_CONFIG_M,
};
static const struct glt_kernel_facts k510 = {
	GEOMETRY_4K,
	.release = "5.10.223",
	.version = GLT_KV(5, 10),
	.fs_dax = GLT_CONFIG_Y,
	.dev_dax = GLT_CONFIG_M,
};
static const struct glt_kernel_facts k73 = {
	GEOMETRY_4K,
	.release = "7.3.4",
	.version = GLT_KV(7, 3),
	.fs_dax = GLT_CONFIG_Y,
	.dev_dax = GLT_CONFIG_M,
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

static int verdict(const struct glt_kernel_facts *kf, enum glt_kind kind,
		   enum glt_api api, enum glt_access access,
		   const struct glt_mem_facts *mem, const char **rule)
{
	struct glt_expect e = expect(kf, kind, api, access, mem);

	if (rule)
		*rule = e.rule->id;
	if (!e.error)
		ck_assert_uint_eq(e.nr_pinned, mem->nr_pages);
	return e.error;
}

/* The citation, for kernel version v, of the rule that decides a read. */
static const char *read_cite(const struct glt_kernel_facts *kf,
			     enum glt_kind kind, enum glt_api api,
			     const struct glt_mem_facts *mem, unsigned int v)
{
	return glt_rule_cite(expect(kf, kind, api, GLT_ACCESS_READ, mem).rule,
			     v);
}

START_TEST(fsdax_longterm_refused_every_path)
{
	static const enum glt_api longterm_pins[] = {
		GLT_API_PIN_LONGTERM,
		GLT_API_PIN_LONGTERM_FAST,
	};
	/* PTE- and PMD-mapped: GUP-fast falls back for both, then refuses */
	static const enum glt_kind kinds[] = {
		GLT_KIND_FSDAX_EXT4,
		GLT_KIND_FSDAX_XFS,
		GLT_KIND_FSDAX_EXT4_PMD,
		GLT_KIND_FSDAX_XFS_PMD,
	};
	const struct glt_kernel_facts *kernels[] = { &k61, &k612 };

	for (int k = 0; k < 2; k++)
		for (int a = 0; a < 2; a++)
			for (int x = 0; x < GLT_ACCESS_COUNT; x++)
				for (int m = 0; m < 4; m++) {
					const char *rule;

					ck_assert_int_eq(verdict(kernels[k],
								 kinds[m],
								 longterm_pins[a],
								 x,
								 row(kinds[m]),
								 &rule),
							 EOPNOTSUPP);
					ck_assert_str_eq(rule,
							 "fsdax-longterm");
				}
}
END_TEST

START_TEST(fsdax_transient_allowed)
{
	ck_assert_int_eq(verdict(&k61, GLT_KIND_FSDAX_EXT4,
				 GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				 row(GLT_KIND_FSDAX_EXT4), NULL),
			 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_FSDAX_EXT4,
				 GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_READ,
				 row(GLT_KIND_FSDAX_EXT4), NULL),
			 0);
}
END_TEST

START_TEST(devdax_longterm_allowed)
{
	for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
		ck_assert_int_eq(verdict(&k61, GLT_KIND_DEVDAX,
					 GLT_API_PIN_LONGTERM, x,
					 row(GLT_KIND_DEVDAX), NULL),
				 0);
		/* No dirty tracking on device-DAX: v6.5's rule spares it. */
		ck_assert_int_eq(verdict(&k612, GLT_KIND_DEVDAX,
					 GLT_API_PIN_LONGTERM_FAST, x,
					 row(GLT_KIND_DEVDAX), NULL),
				 0);
	}
}
END_TEST

START_TEST(anon_everything_but_longterm_get)
{
	for (int a = 0; a < GLT_API_COUNT; a++)
		for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
			int want = glt_api_is_get(a) && glt_api_is_longterm(a) ?
					   EINVAL :
					   0;

			ck_assert_int_eq(verdict(&k61, GLT_KIND_ANON, a, x,
						 row(GLT_KIND_ANON), NULL),
					 want);
			ck_assert_int_eq(verdict(&k612, GLT_KIND_ANON, a, x,
						 row(GLT_KIND_ANON), NULL),
					 want);
		}
}
END_TEST

START_TEST(longterm_get_refused_by_driver_first)
{
	const char *rule;

	/* Before the fsdax rule: the driver never calls GUP. */
	ck_assert_int_eq(verdict(&k61, GLT_KIND_FSDAX_EXT4,
				 GLT_API_GET_LONGTERM, GLT_ACCESS_READ,
				 row(GLT_KIND_FSDAX_EXT4), &rule),
			 EINVAL);
	ck_assert_str_eq(rule, "longterm-get-refused");
	ck_assert_int_eq(verdict(&k612, GLT_KIND_DEVDAX,
				 GLT_API_GET_LONGTERM_FAST, GLT_ACCESS_WRITE,
				 row(GLT_KIND_DEVDAX), NULL),
			 EINVAL);
}
END_TEST

START_TEST(pagecache_write_longterm_by_version)
{
	const char *rule;

	/* 6.1 predates writable_file_mapping_allowed() (v6.5). */
	ck_assert_int_eq(verdict(&k61, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				 row(GLT_KIND_PAGECACHE_EXT4), NULL),
			 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				 row(GLT_KIND_PAGECACHE_EXT4), &rule),
			 EFAULT);
	ck_assert_str_eq(rule, "file-write-longterm");
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE,
				 row(GLT_KIND_PAGECACHE_EXT4), NULL),
			 EFAULT);
	/* Read, transient and GET stay allowed on 6.12. */
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				 row(GLT_KIND_PAGECACHE_EXT4), NULL),
			 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				 row(GLT_KIND_PAGECACHE_EXT4), NULL),
			 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_GET_TRANSIENT, GLT_ACCESS_WRITE,
				 row(GLT_KIND_PAGECACHE_EXT4), NULL),
			 0);
}
END_TEST

START_TEST(nodax_kernel_has_no_fsdax_refusal)
{
	/*
	 * With CONFIG_FS_DAX=n no file reports STATX_ATTR_DAX, so a file on a
	 * pmem device is page cache and the page-cache rules apply.
	 */
	ck_assert_int_eq(verdict(&k612_nodax, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				 row(GLT_KIND_PAGECACHE_EXT4), NULL),
			 0);
	ck_assert_int_eq(verdict(&k612_nodax, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				 row(GLT_KIND_PAGECACHE_EXT4), NULL),
			 EFAULT);
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
	struct glt_availability a;
	const enum glt_kind devdax[] = { GLT_KIND_DEVDAX, GLT_KIND_DEVDAX_4K };

	for (unsigned int i = 0; i < 2; i++) {
		a = glt_oracle_available(&k61_arm64, devdax[i]);
		ck_assert_int_eq(a.error, ENODEV);
		ck_assert_str_eq(a.rule->id, "devdax-no-zone-device");
		ck_assert_int_eq(a.attempt, GLT_ATTEMPT_DAX_SEED);
		/* Where ZONE_DEVICE is there, the node exists (mmap). */
		a = glt_oracle_available(&k612_nodax, devdax[i]);
		ck_assert_int_eq(a.attempt, GLT_ATTEMPT_BY_NEED);
		ck_assert_str_eq(a.rule->id, "nodax-devdax-mmap");
	}
	a = glt_oracle_available(&k61_arm64, GLT_KIND_FSDAX_EXT4);
	ck_assert_int_eq(a.error, EINVAL);
	ck_assert_str_eq(a.rule->id, "nodax-ext4-mount");
	ck_assert_int_eq(a.attempt, GLT_ATTEMPT_BY_NEED);
	a = glt_oracle_available(&k61_arm64, GLT_KIND_FSDAX_XFS_PMD);
	ck_assert_str_eq(a.rule->id, "nodax-xfs-mount");
	ck_assert_int_eq(glt_oracle_available(&k61_arm64, GLT_KIND_PMEM_NODAX)
				 .error,
			 0);
	ck_assert_int_eq(glt_oracle_available(&k61_arm64, GLT_KIND_ANON).error,
			 0);
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
	struct glt_mem_facts devdax = row(GLT_KIND_DEVDAX)[0];
	struct glt_mem_facts pmd = row(GLT_KIND_FSDAX_EXT4_PMD)[0];
	const struct glt_rule *r;

	k64k.page_shift = 16;
	k64k.pmd_order = k64k.hugetlb_order = 13;
	ck_assert_int_eq(glt_oracle_folio_order(&k64k, row(GLT_KIND_THP),
						GLT_OUT_SAME, &r),
			 13);
	ck_assert_str_eq(r->id, "thp-pmd");
	ck_assert_int_eq(glt_oracle_folio_order(&k64k, row(GLT_KIND_HUGETLB),
						GLT_OUT_SAME, &r),
			 13);
	devdax.devdax_align = 512UL << 20;
	ck_assert_int_eq(glt_oracle_folio_order(&k64k, &devdax, GLT_OUT_SAME,
						&r),
			 13);
	ck_assert_str_eq(r->id, "devdax-compound");
	/* A device-DAX of one 64 KiB page's alignment is order 0. */
	devdax.devdax_align = 64UL << 10;
	ck_assert_int_eq(glt_oracle_folio_order(&k64k, &devdax, GLT_OUT_SAME,
						&r),
			 0);
	ck_assert_str_eq(r->id, "devdax-pages");
	/* 4 KiB pages: the same rules, x86-64's and arm64's orders. */
	devdax.devdax_align = 2UL << 20;
	ck_assert_int_eq(glt_oracle_folio_order(&k61_arm64, &devdax,
						GLT_OUT_SAME, &r),
			 9);
	pmd.pmd_mapped = true;
	ck_assert_int_eq(glt_oracle_folio_order(&k64k, &pmd, GLT_OUT_SAME, &r),
			 k64k.version >= GLT_KV(6, 15) ? 13 : 0);
}
END_TEST

START_TEST(nodax_kernel_cannot_make_dax_memory)
{
	struct glt_availability a;

	a = glt_oracle_available(&k612_nodax, GLT_KIND_FSDAX_EXT4);
	ck_assert_int_eq(a.error, EINVAL);
	ck_assert_str_eq(a.rule->id, "nodax-ext4-mount");
	a = glt_oracle_available(&k612_nodax, GLT_KIND_FSDAX_XFS);
	ck_assert_str_eq(a.rule->id, "nodax-xfs-mount");
	a = glt_oracle_available(&k612_nodax, GLT_KIND_FSDAX_EXT4_PMD);
	ck_assert_str_eq(a.rule->id, "nodax-ext4-mount");
	a = glt_oracle_available(&k612_nodax, GLT_KIND_FSDAX_XFS_PMD);
	ck_assert_str_eq(a.rule->id, "nodax-xfs-mount");
	a = glt_oracle_available(&k612_nodax, GLT_KIND_CROSS_VMA);
	ck_assert_int_eq(a.error, EINVAL);
	a = glt_oracle_available(&k612_nodax, GLT_KIND_DEVDAX);
	ck_assert_int_eq(a.error, EINVAL);
	ck_assert_str_eq(a.step, "mmap");
	a = glt_oracle_available(&k612_nodax, GLT_KIND_PMEM_NODAX);
	ck_assert_int_eq(a.error, 0);
	a = glt_oracle_available(&k612, GLT_KIND_DEVDAX);
	ck_assert_int_eq(a.error, 0);
	a = glt_oracle_available(&k61, GLT_KIND_FSDAX_EXT4);
	ck_assert_int_eq(a.error, 0);
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
	const struct glt_rule *r;

	ck_assert_int_eq(glt_oracle_folio_order(&k61, row(GLT_KIND_DEVDAX),
						GLT_OUT_SAME, &r),
			 9);
	ck_assert_str_eq(r->id, "devdax-compound");
	ck_assert_int_eq(glt_oracle_folio_order(&k612, row(GLT_KIND_FSDAX_EXT4),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_int_eq(glt_oracle_folio_order(&k612, row(GLT_KIND_ANON),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_int_eq(glt_oracle_folio_order(&k612,
						row(GLT_KIND_PAGECACHE_EXT4),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_DEVDAX),
						GLT_OUT_SAME, &r),
			 1);
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_FSDAX_EXT4),
						GLT_OUT_SAME, &r),
			 1);
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_FSDAX_PRIVATE_COW),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_ANON),
						GLT_OUT_SAME, &r),
			 0);
}
END_TEST

/* The anonymous and zero-page flags the engine checks on a pinned page. */
static const char *anon_rule(enum glt_kind kind, enum glt_outcome_pages out,
			     bool want_anon, bool want_zero)
{
	const struct glt_rule *r;
	bool zero, anon = glt_oracle_anon(row(kind), out, &zero, &r);

	ck_assert_int_eq(anon, want_anon);
	ck_assert_int_eq(zero, want_zero);
	return r->id;
}

START_TEST(anon_and_zero_pages)
{
	ck_assert_str_eq(anon_rule(GLT_KIND_ANON, GLT_OUT_SAME, true, false),
			 "anon-pages");
	ck_assert_str_eq(anon_rule(GLT_KIND_ANON_ZERO, GLT_OUT_SAME, false,
				   true),
			 "zero-page");
	ck_assert_str_eq(anon_rule(GLT_KIND_ANON_ZERO, GLT_OUT_NEW_ANON, true,
				   false),
			 "new-pages-anon");
	ck_assert_str_eq(anon_rule(GLT_KIND_FSDAX_EXT4_HOLE, GLT_OUT_NEW_FILE,
				   false, false),
			 "file-pages-not-anon");
	ck_assert_str_eq(anon_rule(GLT_KIND_PAGECACHE_EXT4, GLT_OUT_SAME, false,
				   false),
			 "file-pages-not-anon");
	ck_assert_str_eq(anon_rule(GLT_KIND_PAGECACHE_EXT4_COW, GLT_OUT_SAME,
				   true, false),
			 "anon-pages");
	ck_assert_str_eq(anon_rule(GLT_KIND_DEVICE_COHERENT, GLT_OUT_SAME, true,
				   false),
			 "device-coherent-zone-device");
}
END_TEST

/*
 * A table's general rule, listed first, holds only where no rule below it
 * does: the order --rules prints is the order the oracle evaluates.
 */
START_TEST(general_rules_yield_to_the_rules_below)
{
	struct glt_case c;
	struct glt_expect e;
	const struct glt_rule *r;
	bool mig, bug;

	glt_case_init(&c, GLT_KIND_DEVICE_PRIVATE, GLT_API_PIN_TRANSIENT,
		      GLT_ACCESS_READ, GLT_SPAN_MANY);
	e = glt_oracle_pin(&k73, &c, row(GLT_KIND_DEVICE_PRIVATE), 1);
	ck_assert_str_eq(glt_rule_tables[1].rules[0].id, "pins-mapped-pages");
	ck_assert_str_eq(e.outcome_rule[0]->id, "device-private-faults-back");
	glt_case_init(&c, GLT_KIND_ANON, GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ,
		      GLT_SPAN_MANY);
	e = glt_oracle_pin(&k73, &c, row(GLT_KIND_ANON), 1);
	ck_assert_str_eq(e.outcome_rule[0]->id, "pins-mapped-pages");
	r = glt_oracle_movable(&k61, true, true, &mig, &bug);
	ck_assert_str_eq(r->id, "hugetlb-movable-longterm-warns");
	ck_assert(mig && bug);
	r = glt_oracle_movable(&k61, true, false, &mig, &bug);
	ck_assert_str_eq(r->id, "longterm-migrates-movable");
	ck_assert(mig && !bug);
	ck_assert_int_eq(glt_oracle_folio_order(&k73,
						row(GLT_KIND_DEVICE_COHERENT),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_str_eq(r->id, "device-coherent-zone-device");
}
END_TEST

START_TEST(no_struct_page_memory)
{
	const char *rule;

	ck_assert_int_eq(verdict(&k61, GLT_KIND_PFNMAP, GLT_API_PIN_TRANSIENT,
				 GLT_ACCESS_READ, row(GLT_KIND_PFNMAP), &rule),
			 EFAULT);
	ck_assert_str_eq(rule, "pfnmap-efault");
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PROTNONE,
				 GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_WRITE,
				 row(GLT_KIND_PROTNONE), &rule),
			 EFAULT);
	ck_assert_str_eq(rule, "no-access-efault");
}
END_TEST

START_TEST(fsdax_private_cow_still_refused)
{
	/* vma_is_fsdax() looks at the VMA, not at the (anonymous) pages. */
	ck_assert_int_eq(verdict(&k612, GLT_KIND_FSDAX_PRIVATE_COW,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				 row(GLT_KIND_FSDAX_PRIVATE_COW), NULL),
			 EOPNOTSUPP);
	ck_assert_int_eq(verdict(&k61, GLT_KIND_FSDAX_PRIVATE_COW,
				 GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				 row(GLT_KIND_FSDAX_PRIVATE_COW), NULL),
			 0);
	/* ... but GUP-fast never looks at the VMA of anonymous pages. */
	ck_assert_int_eq(verdict(&k612, GLT_KIND_FSDAX_PRIVATE_COW,
				 GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ,
				 row(GLT_KIND_FSDAX_PRIVATE_COW), NULL),
			 0);
}
END_TEST

START_TEST(shmem_exempt_from_write_rule)
{
	ck_assert_int_eq(verdict(&k612, GLT_KIND_SHMEM, GLT_API_PIN_LONGTERM,
				 GLT_ACCESS_WRITE, row(GLT_KIND_SHMEM), NULL),
			 0);
}
END_TEST

START_TEST(ro_longterm_unshare_since_6_2)
{
	struct glt_expect e;

	/* v6.1 pins the zero page / the page cache page itself ... */
	e = expect(&k61, GLT_KIND_ANON_ZERO, GLT_API_PIN_LONGTERM,
		   GLT_ACCESS_READ, row(GLT_KIND_ANON_ZERO));
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	e = expect(&k61, GLT_KIND_PAGECACHE_EXT4_PRIVATE,
		   GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ,
		   row(GLT_KIND_PAGECACHE_EXT4_PRIVATE));
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	/* ... v6.2+ unshares first (gup_must_unshare()). */
	e = expect(&k612, GLT_KIND_ANON_ZERO, GLT_API_PIN_LONGTERM,
		   GLT_ACCESS_READ, row(GLT_KIND_ANON_ZERO));
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	ck_assert_str_eq(e.outcome_rule[0]->id, "longterm-ro-unshare");
	e = expect(&k612, GLT_KIND_PAGECACHE_EXT4_PRIVATE, GLT_API_PIN_LONGTERM,
		   GLT_ACCESS_READ, row(GLT_KIND_PAGECACHE_EXT4_PRIVATE));
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	/* Transient pins and GETs never unshare; writes always COW. */
	e = expect(&k612, GLT_KIND_ANON_ZERO, GLT_API_PIN_TRANSIENT,
		   GLT_ACCESS_READ, row(GLT_KIND_ANON_ZERO));
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	e = expect(&k61, GLT_KIND_ANON_ZERO, GLT_API_GET_TRANSIENT,
		   GLT_ACCESS_WRITE, row(GLT_KIND_ANON_ZERO));
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	ck_assert_str_eq(e.outcome_rule[0]->id, "write-breaks-cow");
}
END_TEST

/* Whether a device reading kind's case c->kind sees the process's write. */
static bool process_write_seen(const struct glt_kernel_facts *kf,
			       enum glt_kind kind, enum glt_api api,
			       enum glt_access access, const char **id)
{
	struct glt_case c;
	struct glt_expect e;
	bool same;

	glt_case_init(&c, kind, api, access, GLT_SPAN_ONE);
	e = glt_oracle_pin(kf, &c, row(kind), 1);
	ck_assert_int_eq(e.error, 0);
	*id = glt_oracle_coherence(kf, &c, row(kind), e.outcome[0],
				   GLT_VIEW_PROCESS_WRITE, &same)
		      ->id;
	return same;
}

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
	const char *id;

	for (size_t i = 0; i < sizeof(cow_kinds) / sizeof(cow_kinds[0]); i++) {
		enum glt_kind k = cow_kinds[i];

		ck_assert(!process_write_seen(&k61, k, GLT_API_PIN_TRANSIENT,
					      GLT_ACCESS_READ, &id));
		ck_assert_str_eq(id, "process-write-cows-away");
		ck_assert(!process_write_seen(&k612, k, GLT_API_GET_TRANSIENT,
					      GLT_ACCESS_READ, &id));
		ck_assert(process_write_seen(&k612, k, GLT_API_PIN_TRANSIENT,
					     GLT_ACCESS_WRITE, &id));
		ck_assert_str_eq(id, "process-writes-seen-through-pin");
	}
	/* The R/O long-term pin: only since the unshare at pin time. */
	ck_assert(!process_write_seen(&k61, GLT_KIND_ANON_ZERO,
				      GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				      &id));
	ck_assert(process_write_seen(&k612, GLT_KIND_ANON_ZERO,
				     GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				     &id));
	ck_assert(!process_write_seen(&k510, GLT_KIND_PAGECACHE_XFS_PRIVATE,
				      GLT_API_PIN_LONGTERM_FAST,
				      GLT_ACCESS_READ, &id));
	ck_assert(process_write_seen(&k73, GLT_KIND_PAGECACHE_XFS_PRIVATE,
				     GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ,
				     &id));
	/* A shared fsdax hole: the transient R/O pin keeps the zero page. */
	ck_assert(!process_write_seen(&k612, GLT_KIND_FSDAX_EXT4_HOLE,
				      GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ,
				      &id));
	ck_assert_str_eq(id, "process-write-fills-hole-away");
	ck_assert(process_write_seen(&k612, GLT_KIND_FSDAX_EXT4_HOLE,
				     GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				     &id));
	/* Exclusive anonymous pages and shared mappings: always. */
	ck_assert(process_write_seen(&k510, GLT_KIND_ANON,
				     GLT_API_GET_TRANSIENT, GLT_ACCESS_READ,
				     &id));
	ck_assert(process_write_seen(&k510, GLT_KIND_SHMEM,
				     GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				     &id));
	ck_assert(process_write_seen(&k612, GLT_KIND_DEVDAX,
				     GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				     &id));
}
END_TEST

/*
 * Anonymous pages a fork() shared: FOLL_GET reads pin them where they are;
 * FOLL_WRITE copies them on every kernel (the child maps them, or the
 * observer holds them); a R/O FOLL_PIN pins the shared page itself before
 * v5.19 and unshares it (a copy) since. Without the observer's reference a
 * page the child no longer maps is reused, not copied.
 */
static void assert_fork_outcome(const struct glt_kernel_facts *kf,
				enum glt_kind kind, enum glt_api api,
				enum glt_access access,
				const struct glt_mem_facts *mem,
				enum glt_outcome_pages want, const char *rule)
{
	struct glt_expect e = expect(kf, kind, api, access, mem);

	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, mem->nr_pages);
	ck_assert_msg(e.outcome[0] == want &&
			      !strcmp(e.outcome_rule[0]->id, rule),
		      "%s %s %s on %s: outcome %d (%s), expected %d (%s)",
		      glt_kind_name(kind), glt_api_name(api),
		      glt_access_name(access), kf->release, e.outcome[0],
		      e.outcome_rule[0]->id, want, rule);
}

START_TEST(fork_shared_anon_by_kernel)
{
	static const enum glt_kind kinds[] = {
		GLT_KIND_ANON_FORKED,
		GLT_KIND_ANON_FORKED_CHILD_WROTE,
		GLT_KIND_ANON_FORKED_CHILD_GONE,
	};
	const struct glt_kernel_facts *kernels[] = { &k510, &k61, &k612, &k73 };

	for (int k = 0; k < 4; k++)
		for (int m = 0; m < 3; m++)
			for (int a = 0; a < GLT_API_COUNT; a++) {
				enum glt_api api = (enum glt_api)a;
				bool old = kernels[k]->version < GLT_KV(5, 19);

				if (glt_api_is_get(api) &&
				    glt_api_is_longterm(api))
					continue;
				assert_fork_outcome(kernels[k], kinds[m], api,
						    GLT_ACCESS_WRITE,
						    row(kinds[m]),
						    GLT_OUT_NEW_ANON,
						    "write-copies-fork-shared-anon");
				if (glt_api_is_get(api))
					assert_fork_outcome(kernels[k],
							    kinds[m], api,
							    GLT_ACCESS_READ,
							    row(kinds[m]),
							    GLT_OUT_SAME,
							    "pins-mapped-pages");
				else
					assert_fork_outcome(kernels[k],
							    kinds[m], api,
							    GLT_ACCESS_READ,
							    row(kinds[m]),
							    old ? GLT_OUT_SAME :
								  GLT_OUT_NEW_ANON,
							    old ? "ro-pin-holds-fork-shared-anon" :
								  "ro-pin-unshares-fork-shared-anon");
			}
	/* The citation follows the code that decides. */
	ck_assert_ptr_nonnull(
		strstr(glt_rule_cite(expect(&k510, GLT_KIND_ANON_FORKED,
					    GLT_API_PIN_LONGTERM,
					    GLT_ACCESS_WRITE,
					    row(GLT_KIND_ANON_FORKED))
					     .outcome_rule[0],
				     GLT_KV(5, 10)),
		       "page_count()"));
	ck_assert_ptr_nonnull(
		strstr(glt_rule_cite(expect(&k61, GLT_KIND_ANON_FORKED,
					    GLT_API_PIN_LONGTERM,
					    GLT_ACCESS_READ,
					    row(GLT_KIND_ANON_FORKED))
					     .outcome_rule[0],
				     GLT_KV(6, 1)),
		       "include/linux/mm.h gup_must_unshare()"));
}
END_TEST

/* Without the observer's reference: reused once the child let go. */
START_TEST(fork_shared_anon_unobserved)
{
	struct glt_mem_facts was = *row(GLT_KIND_ANON_FORKED_CHILD_GONE);
	struct glt_mem_facts shared = *row(GLT_KIND_ANON_FORKED);
	const struct glt_kernel_facts *kernels[] = { &k510, &k61, &k612, &k73 };

	ck_assert(was.observed && shared.observed);
	was.observed = shared.observed = false;
	for (int k = 0; k < 4; k++) {
		bool old = kernels[k]->version < GLT_KV(5, 19);

		assert_fork_outcome(kernels[k], GLT_KIND_ANON_FORKED_CHILD_GONE,
				    GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE,
				    &was, GLT_OUT_SAME,
				    "fork-shared-anon-reused");
		assert_fork_outcome(kernels[k], GLT_KIND_ANON_FORKED_CHILD_GONE,
				    GLT_API_PIN_LONGTERM, GLT_ACCESS_READ, &was,
				    GLT_OUT_SAME,
				    old ? "ro-pin-holds-fork-shared-anon" :
					  "fork-shared-anon-reused");
		/* The child still maps them: copied either way. */
		assert_fork_outcome(kernels[k], GLT_KIND_ANON_FORKED,
				    GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				    &shared, GLT_OUT_NEW_ANON,
				    "write-copies-fork-shared-anon");
		assert_fork_outcome(kernels[k], GLT_KIND_ANON_FORKED,
				    GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_READ,
				    &shared,
				    old ? GLT_OUT_SAME : GLT_OUT_NEW_ANON,
				    old ? "ro-pin-holds-fork-shared-anon" :
					  "ro-pin-unshares-fork-shared-anon");
	}
}
END_TEST

/* What the pinned page and the page it replaced must look like. */
START_TEST(fork_shared_anon_pages)
{
	const struct glt_rule *r;
	bool zero;

	ck_assert(glt_oracle_anon(row(GLT_KIND_ANON_FORKED), GLT_OUT_SAME,
				  &zero, &r));
	ck_assert(!zero);
	ck_assert_str_eq(r->id, "fork-shared-anon-pages");
	ck_assert(glt_oracle_anon(row(GLT_KIND_ANON_FORKED_CHILD_GONE),
				  GLT_OUT_NEW_ANON, &zero, &r));
	ck_assert_str_eq(r->id, "new-pages-anon");
	ck_assert_int_eq(glt_oracle_folio_order(&k73,
						row(GLT_KIND_ANON_FORKED_CHILD_WROTE),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k510,
						     row(GLT_KIND_ANON_FORKED),
						     &r),
			 -1);
	ck_assert_str_eq(r->id, "cow-fork-shared-anon-unmapped");
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k73,
						     row(GLT_KIND_ANON_FORKED_CHILD_WROTE),
						     &r),
			 -1);
	ck_assert_str_eq(r->id, "cow-fork-shared-anon-unmapped");
}
END_TEST

/*
 * What the coherence phase's pin (no observer) of fork()-shared memory
 * shows a device: view v of kind's case, its rule's id in *id.
 */
static bool fork_view_same(const struct glt_kernel_facts *kf,
			   enum glt_kind kind, enum glt_api api,
			   enum glt_access access, enum glt_coherence_view view,
			   const char **id)
{
	struct glt_mem_facts m = *row(kind);
	struct glt_case c;
	struct glt_expect e;
	bool same;

	m.observed = false;
	glt_case_init(&c, kind, api, access, GLT_SPAN_ONE);
	e = glt_oracle_pin(kf, &c, &m, 1);
	ck_assert_int_eq(e.error, 0);
	*id = glt_oracle_coherence(kf, &c, &m, e.outcome[0], view, &same)->id;
	return same;
}

/*
 * Pinned after fork(): a R/O FOLL_PIN loses the process's next write
 * before v5.19 and keeps it since (the unshare at pin time); a FOLL_GET
 * read always loses it; a write pin never does.
 */
START_TEST(coherence_of_fork_shared_anon)
{
	static const enum glt_kind kinds[] = {
		GLT_KIND_ANON_FORKED,
		GLT_KIND_ANON_FORKED_CHILD_WROTE,
		GLT_KIND_ANON_FORKED_CHILD_GONE,
	};
	const struct glt_kernel_facts *kernels[] = { &k510, &k61, &k612, &k73 };
	const char *id;

	for (int k = 0; k < 4; k++)
		for (int m = 0; m < 3; m++) {
			bool old = kernels[k]->version < GLT_KV(5, 19);

			ck_assert(fork_view_same(kernels[k], kinds[m],
						 GLT_API_PIN_LONGTERM,
						 GLT_ACCESS_READ,
						 GLT_VIEW_PROCESS_WRITE,
						 &id) == !old);
			ck_assert_str_eq(id,
					 old ? "process-write-copies-fork-shared-pin" :
					       "process-writes-seen-through-pin");
			ck_assert(!fork_view_same(kernels[k], kinds[m],
						  GLT_API_GET_TRANSIENT_FAST,
						  GLT_ACCESS_READ,
						  GLT_VIEW_PROCESS_WRITE, &id));
			ck_assert_str_eq(id,
					 "process-write-copies-fork-shared-get");
			ck_assert(fork_view_same(kernels[k], kinds[m],
						 GLT_API_PIN_TRANSIENT,
						 GLT_ACCESS_WRITE,
						 GLT_VIEW_PROCESS_WRITE, &id));
			ck_assert(fork_view_same(kernels[k], kinds[m],
						 GLT_API_GET_TRANSIENT,
						 GLT_ACCESS_WRITE,
						 GLT_VIEW_DEVICE_WRITE, &id));
		}
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
	const struct glt_kernel_facts *kernels[] = { &k510, &k61, &k612, &k73 };
	const char *id;

	for (int k = 0; k < 4; k++)
		for (int m = 0; m < 3; m++)
			for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
				ck_assert(
					fork_view_same(kernels[k], kinds[m],
						       GLT_API_PIN_LONGTERM_FAST,
						       x,
						       GLT_VIEW_PROCESS_WRITE,
						       &id));
				ck_assert_str_eq(id,
						 "fork-after-pin-copies-for-child");
				ck_assert(
					!fork_view_same(kernels[k], kinds[m],
							GLT_API_GET_TRANSIENT,
							x,
							GLT_VIEW_PROCESS_WRITE,
							&id));
				ck_assert_str_eq(id,
						 "fork-after-get-shares-page");
			}
	ck_assert(fork_view_same(&k510, GLT_KIND_ANON_FORK_AFTER_PIN,
				 GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				 GLT_VIEW_DEVICE_WRITE, &id));
	ck_assert_str_eq(id, "fork-after-pin-copies-for-child");
	ck_assert(!fork_view_same(&k73, GLT_KIND_ANON_FORK_AFTER_PIN_CHILD_GONE,
				  GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_WRITE,
				  GLT_VIEW_DEVICE_WRITE, &id));
	ck_assert_str_eq(id, "fork-after-get-shares-page");
	/* At pin time they are plain exclusive anonymous pages. */
	ck_assert_int_eq(expect(&k73, GLT_KIND_ANON_FORK_AFTER_PIN,
				GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				row(GLT_KIND_ANON_FORK_AFTER_PIN))
				 .outcome[0],
			 GLT_OUT_SAME);
}
END_TEST

/* The outcome of one case of kind (its row's facts), all 16 pages. */
static struct glt_expect case_of(const struct glt_kernel_facts *kf,
				 enum glt_kind kind, enum glt_api api,
				 enum glt_access access)
{
	struct glt_expect e = expect(kf, kind, api, access, row(kind));

	ck_assert_int_eq(e.error, 0);
	return e;
}

/*
 * Swapped-out anonymous memory (zram): every GUP path swaps it in first,
 * a page with no swap-cache reference. A R/O pin loses the process's
 * later write on v5.10 only: the page is mapped read-only and do_wp_page()
 * copies it for its raised count; from v5.19 it is mapped exclusive.
 */
START_TEST(swapped_out_pages_swap_in)
{
	const struct glt_kernel_facts *kfs[] = { &k510, &k61, &k612, &k73 };
	struct glt_kernel_facts old = k510, noswap = k612;
	const struct glt_rule *r;
	struct glt_availability a;
	const char *id;
	bool zero;

	for (size_t k = 0; k < 4; k++)
		for (int api = 0; api < GLT_API_COUNT; api++)
			for (int acc = 0; acc < GLT_ACCESS_COUNT; acc++) {
				struct glt_expect e;

				if (glt_api_is_get((enum glt_api)api) &&
				    glt_api_is_longterm((enum glt_api)api))
					continue;
				e = case_of(kfs[k], GLT_KIND_ANON_SWAP,
					    (enum glt_api)api,
					    (enum glt_access)acc);
				ck_assert_int_eq(e.outcome[0], GLT_OUT_SWAPIN);
				ck_assert_str_eq(e.outcome_rule[0]->id,
						 "swapped-out-faults-in");
			}
	ck_assert_int_eq(glt_oracle_fresh_page_refcount(GLT_OUT_SWAPIN, &r), 1);
	ck_assert_str_eq(r->id, "swapped-in-page");
	ck_assert(glt_oracle_anon(row(GLT_KIND_ANON_SWAP), GLT_OUT_SWAPIN,
				  &zero, &r));
	ck_assert(!zero);
	ck_assert_int_eq(glt_oracle_folio_order(&k73, row(GLT_KIND_ANON_SWAP),
						GLT_OUT_SWAPIN, &r),
			 0);
	/* Coherence: v5.10's read pins lose the write, write pins keep it. */
	ck_assert(!process_write_seen(&k510, GLT_KIND_ANON_SWAP,
				      GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				      &id));
	ck_assert_str_eq(id, "swapped-in-ro-pin-copied-on-write");
	ck_assert(!process_write_seen(&k510, GLT_KIND_ANON_SWAP,
				      GLT_API_GET_TRANSIENT_FAST,
				      GLT_ACCESS_READ, &id));
	ck_assert(process_write_seen(&k510, GLT_KIND_ANON_SWAP,
				     GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				     &id));
	ck_assert(process_write_seen(&k61, GLT_KIND_ANON_SWAP,
				     GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				     &id));
	ck_assert_str_eq(id, "process-writes-seen-through-pin");
	ck_assert(process_write_seen(&k73, GLT_KIND_ANON_SWAP,
				     GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ,
				     &id));
	/* No MADV_PAGEOUT before v5.4; no swapon(2) without CONFIG_SWAP. */
	old.version = GLT_KV(5, 3);
	a = glt_oracle_available(&old, GLT_KIND_ANON_SWAP);
	ck_assert_int_eq(a.error, EINVAL);
	ck_assert_str_eq(a.rule->id, "pageout-absent");
	noswap.swap = GLT_CONFIG_N;
	a = glt_oracle_available(&noswap, GLT_KIND_ANON_SWAP);
	ck_assert_int_eq(a.error, ENOSYS);
	ck_assert_str_eq(a.step, "swapon");
	ck_assert_int_eq(glt_oracle_available(&k510, GLT_KIND_ANON_SWAP).error,
			 0);
}
END_TEST

/*
 * A PMD-sized THP mapped by PTEs and the mTHP sizes (v6.8+): their own
 * exclusive pages are pinned where they are, in folios of their order,
 * and the process's writes stay visible.
 */
START_TEST(thp_by_ptes_and_mthp)
{
	const struct glt_rule *r;
	struct glt_availability a;
	struct glt_expect e;
	const char *id;

	e = case_of(&k510, GLT_KIND_THP_PTE, GLT_API_PIN_LONGTERM,
		    GLT_ACCESS_READ);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	ck_assert_int_eq(glt_oracle_folio_order(&k510, row(GLT_KIND_THP_PTE),
						GLT_OUT_SAME, &r),
			 9);
	ck_assert_str_eq(r->id, "thp-pte-mapped");
	ck_assert(process_write_seen(&k510, GLT_KIND_THP_PTE,
				     GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ,
				     &id));
	/* mTHP: absent before v6.8 (no hugepages-<size>kB). */
	a = glt_oracle_available(&k61, GLT_KIND_MTHP_64K);
	ck_assert_int_eq(a.error, ENOENT);
	ck_assert_str_eq(a.rule->id, "mthp-absent");
	ck_assert_int_eq(glt_oracle_available(&k510, GLT_KIND_MTHP_16K).error,
			 ENOENT);
	ck_assert_int_eq(glt_oracle_available(&k612, GLT_KIND_MTHP_16K).error,
			 0);
	ck_assert_int_eq(glt_oracle_folio_order(&k612, row(GLT_KIND_MTHP_16K),
						GLT_OUT_SAME, &r),
			 2);
	ck_assert_str_eq(r->id, "mthp-folios");
	ck_assert_int_eq(glt_oracle_folio_order(&k73, row(GLT_KIND_MTHP_1024K),
						GLT_OUT_SAME, &r),
			 8);
	e = case_of(&k73, GLT_KIND_MTHP_64K, GLT_API_PIN_LONGTERM,
		    GLT_ACCESS_READ);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	ck_assert(process_write_seen(&k612, GLT_KIND_MTHP_32K,
				     GLT_API_GET_TRANSIENT, GLT_ACCESS_READ,
				     &id));
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
	const struct glt_mem_facts *hz = row(GLT_KIND_HUGE_ZERO);
	const struct glt_rule *r;
	struct glt_expect e;
	const char *id;
	bool zero;

	e = case_of(&k612, GLT_KIND_HUGE_ZERO, GLT_API_PIN_TRANSIENT_FAST,
		    GLT_ACCESS_READ);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	ck_assert_int_eq(glt_oracle_folio_order(&k612, hz, GLT_OUT_SAME, &r),
			 9);
	ck_assert_str_eq(r->id, "huge-zero-page");
	ck_assert(!glt_oracle_anon(hz, GLT_OUT_SAME, &zero, &r));
	ck_assert(!zero);
	ck_assert_str_eq(r->id, "huge-zero-page");
	ck_assert(!process_write_seen(&k73, GLT_KIND_HUGE_ZERO,
				      GLT_API_GET_TRANSIENT, GLT_ACCESS_READ,
				      &id));
	ck_assert_str_eq(id, "process-write-cows-huge-zero-away");
	/* R/O long-term: held before v6.2, unshared after. */
	e = case_of(&k61, GLT_KIND_HUGE_ZERO, GLT_API_PIN_LONGTERM,
		    GLT_ACCESS_READ);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	ck_assert(!process_write_seen(&k510, GLT_KIND_HUGE_ZERO,
				      GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				      &id));
	e = case_of(&k612, GLT_KIND_HUGE_ZERO, GLT_API_PIN_LONGTERM,
		    GLT_ACCESS_READ);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	ck_assert_str_eq(e.outcome_rule[0]->id,
			 "longterm-ro-unshares-huge-zero");
	ck_assert_int_eq(glt_oracle_folio_order(&k612, hz, GLT_OUT_NEW_ANON,
						&r),
			 0);
	ck_assert_str_eq(r->id, "huge-zero-copies-small");
	ck_assert_int_eq(glt_oracle_folio_order(&k73, hz, GLT_OUT_NEW_ANON, &r),
			 9);
	ck_assert_str_eq(r->id, "huge-zero-copies-thp");
	ck_assert(process_write_seen(&k612, GLT_KIND_HUGE_ZERO,
				     GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				     &id));
	/* FOLL_WRITE: a COW on every kernel; the huge zero page untouched. */
	e = case_of(&k510, GLT_KIND_HUGE_ZERO, GLT_API_GET_TRANSIENT_FAST,
		    GLT_ACCESS_WRITE);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	ck_assert_str_eq(e.outcome_rule[0]->id, "write-breaks-huge-zero");
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k510, hz, &r), 0);
	ck_assert_str_eq(r->id, "cow-huge-zero-page-untouched");
	ck_assert(glt_oracle_anon(hz, GLT_OUT_NEW_ANON, &zero, &r));
}
END_TEST

/*
 * Hugetlb page cache in a MAP_PRIVATE mapping, only read: FOLL_WRITE
 * copies it (hugetlb_wp()), a R/O long-term pin unshares it since v6.2;
 * the page-cache folio loses one reference for its one huge PTE.
 */
START_TEST(hugetlb_page_cache_private)
{
	const struct glt_mem_facts *h = row(GLT_KIND_MEMFD_HUGETLB_PRIVATE);
	const struct glt_rule *r;
	struct glt_expect e;
	const char *id;
	bool zero;

	e = case_of(&k61, GLT_KIND_MEMFD_HUGETLB_PRIVATE, GLT_API_PIN_LONGTERM,
		    GLT_ACCESS_READ);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
	ck_assert(!glt_oracle_anon(h, GLT_OUT_SAME, &zero, &r));
	ck_assert_int_eq(glt_oracle_folio_order(&k61, h, GLT_OUT_SAME, &r), 9);
	ck_assert(!process_write_seen(&k61, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
				      GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				      &id));
	ck_assert_str_eq(id, "process-write-cows-hugetlb-away");
	e = case_of(&k612, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		    GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_READ);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	ck_assert_str_eq(e.outcome_rule[0]->id, "hugetlb-longterm-ro-unshare");
	ck_assert(process_write_seen(&k73, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
				     GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				     &id));
	ck_assert(!process_write_seen(&k73, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
				      GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ,
				      &id));
	e = case_of(&k510, GLT_KIND_MEMFD_HUGETLB_PRIVATE,
		    GLT_API_GET_TRANSIENT, GLT_ACCESS_WRITE);
	ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
	ck_assert_str_eq(e.outcome_rule[0]->id, "hugetlb-write-breaks-cow");
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k510, h, &r), -1);
	ck_assert(r->per_folio);
	ck_assert(glt_oracle_anon(h, GLT_OUT_NEW_ANON, &zero, &r));
	ck_assert_int_eq(glt_oracle_folio_order(&k73, h, GLT_OUT_NEW_ANON, &r),
			 9);
}
END_TEST

START_TEST(cross_vma_partial)
{
	struct glt_mem_facts segs[2] = { *row(GLT_KIND_ANON),
					 *row(GLT_KIND_FSDAX_EXT4) };
	struct glt_case c;
	struct glt_expect e;

	segs[0].nr_pages = 8;
	segs[1].nr_pages = 8;
	glt_case_init(&c, GLT_KIND_CROSS_VMA, GLT_API_PIN_LONGTERM,
		      GLT_ACCESS_READ, GLT_SPAN_MANY);
	e = glt_oracle_pin(&k61, &c, segs, 2);
	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, 8);
	ck_assert_str_eq(e.rule->id, "partial-pin");
	glt_case_init(&c, GLT_KIND_CROSS_VMA, GLT_API_PIN_TRANSIENT_FAST,
		      GLT_ACCESS_WRITE, GLT_SPAN_MANY);
	e = glt_oracle_pin(&k612, &c, segs, 2);
	ck_assert_uint_eq(e.nr_pinned, 16);
	/* fsdax first: nothing pinned, the error itself. */
	segs[0] = *row(GLT_KIND_FSDAX_EXT4);
	segs[1] = *row(GLT_KIND_ANON);
	glt_case_init(&c, GLT_KIND_CROSS_VMA, GLT_API_PIN_LONGTERM,
		      GLT_ACCESS_READ, GLT_SPAN_MANY);
	e = glt_oracle_pin(&k612, &c, segs, 2);
	ck_assert_int_eq(e.error, EOPNOTSUPP);
}
END_TEST

/* v5.10 checks the pinned VMAs for fsdax after the walk: no partial pin. */
START_TEST(v5_10_fsdax_refused_after_the_pin)
{
	struct glt_mem_facts segs[2] = { *row(GLT_KIND_ANON),
					 *row(GLT_KIND_FSDAX_EXT4) };
	struct glt_case c;
	struct glt_expect e;

	segs[0].nr_pages = 8;
	segs[1].nr_pages = 8;
	glt_case_init(&c, GLT_KIND_CROSS_VMA, GLT_API_PIN_LONGTERM,
		      GLT_ACCESS_READ, GLT_SPAN_MANY);
	e = glt_oracle_pin(&k510, &c, segs, 2);
	ck_assert_int_eq(e.error, EOPNOTSUPP);
	ck_assert_str_eq(e.rule->id, "fsdax-longterm-after-pin");
	/* GUP-fast pins the anonymous part before the slow path refuses. */
	glt_case_init(&c, GLT_KIND_CROSS_VMA, GLT_API_PIN_LONGTERM_FAST,
		      GLT_ACCESS_READ, GLT_SPAN_MANY);
	e = glt_oracle_pin(&k510, &c, segs, 2);
	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, 8);
	/* A private fsdax mapping's COW copies: refused slow, pinned fast. */
	ck_assert_int_eq(verdict(&k510, GLT_KIND_FSDAX_PRIVATE_COW,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				 row(GLT_KIND_FSDAX_PRIVATE_COW), NULL),
			 EOPNOTSUPP);
	ck_assert_int_eq(verdict(&k510, GLT_KIND_FSDAX_PRIVATE_COW,
				 GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE,
				 row(GLT_KIND_FSDAX_PRIVATE_COW), NULL),
			 0);
	/* io_uring reports GUP's errno, not a partial pin's -EFAULT. */
	ck_assert_int_eq(glt_oracle_io_uring(&k510, segs, 2).error, EOPNOTSUPP);
	ck_assert_int_eq(glt_oracle_io_uring(&k61, segs, 2).error, EFAULT);
}
END_TEST

START_TEST(v5_10_zero_page_movable_and_frame_vector)
{
	struct glt_mem_facts segs[2] = { *row(GLT_KIND_ANON),
					 *row(GLT_KIND_FSDAX_EXT4) };
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
	segs[0].nr_pages = 8;
	segs[1].nr_pages = 8;
	e = glt_oracle_frame_vector(&k510, segs, 2);
	ck_assert_int_eq(e.error, 0);
	ck_assert_uint_eq(e.nr_pinned, 16);
	ck_assert_str_eq(e.rule->id, "frame-vector-transient");
	ck_assert_int_eq(glt_oracle_v4l2_userptr(&k510, segs, 2).error, 0);
	ck_assert_int_eq(glt_oracle_v4l2_userptr(&k61, segs, 2).error, EFAULT);
	e = glt_oracle_frame_vector(&k510, row(GLT_KIND_FSDAX_PRIVATE_COW), 1);
	ck_assert_int_eq(e.error, EOPNOTSUPP);
	ck_assert_str_eq(e.rule->id, "frame-vector-fsdax-first-vma");
	ck_assert_int_eq(glt_oracle_frame_vector(&k612,
						 row(GLT_KIND_FSDAX_PRIVATE_COW),
						 1)
				 .error,
			 0);
}
END_TEST

/* v6.15+: an fsdax folio has the order of the entry that maps it. */
START_TEST(v7_3_fsdax_folio_order)
{
	const struct glt_mem_facts *pmd = row(GLT_KIND_FSDAX_EXT4_PMD);
	const struct glt_rule *r;

	ck_assert(pmd->pmd_mapped);
	ck_assert_int_eq(glt_oracle_folio_order(&k73, pmd, GLT_OUT_SAME, &r),
			 9);
	ck_assert_str_eq(r->id, "fsdax-folios");
	ck_assert_int_eq(glt_oracle_folio_order(&k73, row(GLT_KIND_FSDAX_EXT4),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_int_eq(glt_oracle_folio_order(&k612, pmd, GLT_OUT_SAME, &r),
			 0);
	ck_assert_str_eq(r->id, "fsdax-pages");
	/* The citation follows the kernel's code. */
	ck_assert_ptr_nonnull(
		strstr(read_cite(&k612, GLT_KIND_FSDAX_EXT4,
				 GLT_API_PIN_LONGTERM_FAST,
				 row(GLT_KIND_FSDAX_EXT4), GLT_KV(6, 12)),
		       "pte_devmap"));
	ck_assert_ptr_null(
		strstr(read_cite(&k73, GLT_KIND_FSDAX_EXT4,
				 GLT_API_PIN_LONGTERM_FAST,
				 row(GLT_KIND_FSDAX_EXT4), GLT_KV(7, 3)),
		       "devmap"));
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
	glt_oracle_fresh_page_refcount(e->outcome[i], &r);
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
	unsigned long total = 0;
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
	for (unsigned int i = 0; i < nseg; i++)
		total += seg[i].nr_pages;
	if (e.error)
		return;
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
	struct glt_availability a;

	k61_on.secretmem_enable = GLT_CONFIG_Y;
	k612_off.secretmem_enable = GLT_CONFIG_N;
	k612_n.secretmem = GLT_CONFIG_N;
	a = glt_oracle_available(&k510, GLT_KIND_SECRETMEM);
	ck_assert_int_eq(a.error, ENOSYS);
	ck_assert_str_eq(a.rule->id, "secretmem-absent");
	ck_assert_int_eq(glt_oracle_available(&k61, GLT_KIND_SECRETMEM).error,
			 ENOSYS);
	ck_assert_int_eq(glt_oracle_available(&k61_on, GLT_KIND_SECRETMEM).error,
			 0);
	ck_assert_int_eq(glt_oracle_available(&k612_off, GLT_KIND_SECRETMEM)
				 .error,
			 ENOSYS);
	ck_assert_int_eq(glt_oracle_available(&k612_n, GLT_KIND_SECRETMEM).error,
			 ENOSYS);
	ck_assert_int_eq(glt_oracle_available(&k612, GLT_KIND_SECRETMEM).error,
			 0);
	ck_assert_int_eq(glt_oracle_available(&k73, GLT_KIND_SECRETMEM).error,
			 0);
	/* Nothing else needs secretmem. */
	ck_assert_int_eq(glt_oracle_available(&k510, GLT_KIND_SHMEM).error, 0);
	for (int api = 0; api < GLT_API_COUNT; api++)
		for (int acc = 0; acc < GLT_ACCESS_COUNT; acc++) {
			bool bad = glt_api_is_get((enum glt_api)api) &&
				   glt_api_is_longterm((enum glt_api)api);
			const char *rule;

			ck_assert_int_eq(verdict(&k73, GLT_KIND_SECRETMEM,
						 (enum glt_api)api,
						 (enum glt_access)acc,
						 row(GLT_KIND_SECRETMEM),
						 &rule),
					 bad ? EINVAL : EFAULT);
			ck_assert_str_eq(rule, bad ? "longterm-get-refused" :
						     "secretmem-efault");
		}
	/* GUP-fast's secretmem test moved: the citation follows it. */
	ck_assert_ptr_nonnull(
		strstr(read_cite(&k61_on, GLT_KIND_SECRETMEM,
				 GLT_API_PIN_TRANSIENT_FAST,
				 row(GLT_KIND_SECRETMEM), GLT_KV(6, 1)),
		       "page_is_secretmem"));
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
	const struct glt_kernel_facts *kernels[] = { &k510, &k61, &k612, &k73 };
	const struct glt_mem_facts *mems[] = {
		row(GLT_KIND_FSDAX_EXT4_PRIVATE),
		row(GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE)
	};
	const struct glt_rule *r;

	for (unsigned int k = 0; k < 4; k++)
		for (unsigned int m = 0; m < 2; m++) {
			const struct glt_kernel_facts *kf = kernels[k];
			struct glt_expect e;
			const char *rule;

			for (int a = GLT_API_PIN_LONGTERM;
			     a <= GLT_API_PIN_LONGTERM_FAST; a++)
				for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
					ck_assert_int_eq(verdict(kf,
								 GLT_KIND_FSDAX_EXT4_PRIVATE,
								 (enum glt_api)a,
								 (enum glt_access)
									 x,
								 mems[m],
								 &rule),
							 EOPNOTSUPP);
					ck_assert_str_eq(rule,
							 k == 0 ?
								 "fsdax-longterm-after-pin" :
								 "fsdax-longterm");
				}
			e = expect(kf, GLT_KIND_FSDAX_EXT4_PRIVATE,
				   GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_READ,
				   mems[m]);
			ck_assert_int_eq(e.error, 0);
			ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
			e = expect(kf, GLT_KIND_FSDAX_EXT4_PRIVATE,
				   GLT_API_GET_TRANSIENT, GLT_ACCESS_WRITE,
				   mems[m]);
			ck_assert_int_eq(e.error, 0);
			ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
		}
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_FSDAX_EXT4_PRIVATE),
						GLT_OUT_SAME, &r),
			 1);
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE),
						GLT_OUT_SAME, &r),
			 0);
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k612,
						     row(GLT_KIND_FSDAX_EXT4_PRIVATE),
						     &r),
			 0);
	ck_assert_str_eq(r->id, "cow-fsdax-page-unreferenced");
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k510,
						     row(GLT_KIND_FSDAX_EXT4_PRIVATE),
						     &r),
			 0);
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k73,
						     row(GLT_KIND_FSDAX_EXT4_PRIVATE),
						     &r),
			 -1);
	ck_assert_str_eq(r->id, "cow-drops-mapping-ref");
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k612,
						     row(GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE),
						     &r),
			 0);
	ck_assert_str_eq(r->id, "cow-zero-page-untouched");
	ck_assert_int_eq(glt_oracle_cowed_away_delta(&k73,
						     row(GLT_KIND_PAGECACHE_EXT4_PRIVATE),
						     &r),
			 -1);
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
	const struct glt_kernel_facts *kernels[] = { &k510, &k61, &k612, &k73 };
	const struct glt_rule *r;

	for (unsigned int k = 0; k < 4; k++) {
		struct glt_expect e;

		ck_assert_int_eq(verdict(kernels[k], GLT_KIND_FSDAX_EXT4_HOLE,
					 GLT_API_PIN_LONGTERM_FAST,
					 GLT_ACCESS_WRITE,
					 row(GLT_KIND_FSDAX_EXT4_HOLE), NULL),
				 EOPNOTSUPP);
		e = expect(kernels[k], GLT_KIND_FSDAX_EXT4_HOLE,
			   GLT_API_PIN_TRANSIENT, GLT_ACCESS_READ,
			   row(GLT_KIND_FSDAX_EXT4_HOLE));
		ck_assert_int_eq(e.outcome[0], GLT_OUT_SAME);
		e = expect(kernels[k], GLT_KIND_FSDAX_EXT4_HOLE,
			   GLT_API_PIN_TRANSIENT_FAST, GLT_ACCESS_WRITE,
			   row(GLT_KIND_FSDAX_EXT4_HOLE));
		ck_assert_int_eq(e.error, 0);
		ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_FILE);
		ck_assert_str_eq(e.outcome_rule[0]->id, "write-fills-dax-hole");
		ck_assert_int_eq(glt_oracle_fresh_page_refcount(GLT_OUT_NEW_FILE,
								&r),
				 1);
		ck_assert_str_eq(r->id, "fresh-dax-page");
		ck_assert_int_eq(glt_oracle_folio_order(kernels[k],
							row(GLT_KIND_FSDAX_EXT4_HOLE),
							GLT_OUT_NEW_FILE, &r),
				 0);
		ck_assert_ptr_nonnull(strstr(r->id, "fsdax"));
	}
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_FSDAX_EXT4_HOLE),
						GLT_OUT_NEW_FILE, &r),
			 1);
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_FSDAX_EXT4_HOLE),
						GLT_OUT_SAME, &r),
			 0);
	/* A private mapping's hole is COWed, not filled. */
	ck_assert_int_eq(expect(&k612, GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE,
				GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				row(GLT_KIND_FSDAX_EXT4_PRIVATE_HOLE))
				 .outcome[0],
			 GLT_OUT_NEW_ANON);
}
END_TEST

/*
 * device-DAX of 4 KiB alignment: pinned on every path, long-term too, in
 * order-0 pages on every kernel (a compound devmap needs an alignment
 * above the page size), and ZONE_DEVICE.
 */
START_TEST(devdax_4k_pages)
{
	const struct glt_kernel_facts *kernels[] = { &k510, &k61, &k612, &k73 };
	const struct glt_rule *r;

	for (unsigned int k = 0; k < 4; k++) {
		for (int a = 0; a < GLT_API_COUNT; a++) {
			bool bad = glt_api_is_get((enum glt_api)a) &&
				   glt_api_is_longterm((enum glt_api)a);

			ck_assert_int_eq(verdict(kernels[k], GLT_KIND_DEVDAX_4K,
						 (enum glt_api)a,
						 GLT_ACCESS_WRITE,
						 row(GLT_KIND_DEVDAX_4K), NULL),
					 bad ? EINVAL : 0);
		}
		ck_assert_int_eq(glt_oracle_folio_order(kernels[k],
							row(GLT_KIND_DEVDAX_4K),
							GLT_OUT_SAME, &r),
				 0);
		ck_assert_str_eq(r->id, "devdax-pages");
	}
	ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_DEVDAX_4K),
						GLT_OUT_SAME, &r),
			 1);
	ck_assert_int_eq(glt_oracle_available(&k612_nodax, GLT_KIND_DEVDAX_4K)
				 .error,
			 EINVAL);
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
	struct glt_availability a;

	k612_n.device_private = GLT_CONFIG_N;
	k73_hmm.device_private = GLT_CONFIG_Y;
	k73_hmm.test_hmm = GLT_CONFIG_M;
	k73_nohmm.device_private = GLT_CONFIG_Y;
	k73_nohmm.test_hmm = GLT_CONFIG_N;
	a = glt_oracle_available(&k612_n, GLT_KIND_DEVICE_PRIVATE);
	ck_assert_int_eq(a.error, ENOENT);
	ck_assert_str_eq(a.rule->id, "device-private-absent");
	ck_assert_int_eq(glt_oracle_available(&k73_nohmm,
					      GLT_KIND_DEVICE_PRIVATE)
				 .error,
			 ENOENT);
	ck_assert_int_eq(glt_oracle_available(&k73_hmm, GLT_KIND_DEVICE_PRIVATE)
				 .error,
			 0);
	for (int api = 0; api < GLT_API_COUNT; api++)
		for (int acc = 0; acc < GLT_ACCESS_COUNT; acc++) {
			struct glt_expect e;

			if (glt_api_is_get((enum glt_api)api) &&
			    glt_api_is_longterm((enum glt_api)api))
				continue;
			e = expect(&k73_hmm, GLT_KIND_DEVICE_PRIVATE,
				   (enum glt_api)api, (enum glt_access)acc,
				   row(GLT_KIND_DEVICE_PRIVATE));
			ck_assert_int_eq(e.error, 0);
			ck_assert_int_eq(e.outcome[0], GLT_OUT_NEW_ANON);
			ck_assert_str_eq(e.outcome_rule[0]->id,
					 "device-private-faults-back");
		}
}
END_TEST

/*
 * Device-coherent memory (lib/test_hmm.c, v6.0+): a long-term pin migrates
 * it to system RAM first; a transient pin holds the ZONE_DEVICE page.
 */
START_TEST(device_coherent_migrates_when_longterm)
{
	struct glt_kernel_facts k73_hmm = k73, k510_hmm = k510, k612_n = k612;
	const struct glt_rule *r;

	k612_n.device_private = GLT_CONFIG_N;
	k73_hmm.device_private = k510_hmm.device_private = GLT_CONFIG_Y;
	k73_hmm.test_hmm = k510_hmm.test_hmm = GLT_CONFIG_M;
	ck_assert_int_eq(glt_oracle_available(&k73_hmm,
					      GLT_KIND_DEVICE_COHERENT)
				 .error,
			 0);
	/* 5.10's test_hmm has no device-coherent devices. */
	ck_assert_str_eq(glt_oracle_available(&k510_hmm,
					      GLT_KIND_DEVICE_COHERENT)
				 .rule->id,
			 "device-coherent-absent");
	ck_assert_int_eq(glt_oracle_available(&k612_n, GLT_KIND_DEVICE_COHERENT)
				 .error,
			 ENOENT);
	for (int api = 0; api < GLT_API_COUNT; api++)
		for (int acc = 0; acc < GLT_ACCESS_COUNT; acc++) {
			bool lt = glt_api_is_longterm((enum glt_api)api);
			struct glt_expect e;

			if (glt_api_is_get((enum glt_api)api) && lt)
				continue;
			e = expect(&k73_hmm, GLT_KIND_DEVICE_COHERENT,
				   (enum glt_api)api, (enum glt_access)acc,
				   row(GLT_KIND_DEVICE_COHERENT));
			ck_assert_int_eq(e.error, 0);
			ck_assert_int_eq(e.outcome[0],
					 lt ? GLT_OUT_NEW_ANON : GLT_OUT_SAME);
			ck_assert_int_eq(glt_oracle_zone_device(row(GLT_KIND_DEVICE_COHERENT),
								e.outcome[0],
								&r),
					 !lt);
		}
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
	SRunner *sr;
	int failed;

	/* every_row_decided_on_every_kernel asks ~10^6 questions: under
	 * ASan that is seconds, past Check's default of 4.
	 */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, fsdax_longterm_refused_every_path);
	tcase_add_test(tc, fsdax_transient_allowed);
	tcase_add_test(tc, devdax_longterm_allowed);
	tcase_add_test(tc, anon_everything_but_longterm_get);
	tcase_add_test(tc, longterm_get_refused_by_driver_first);
	tcase_add_test(tc, pagecache_write_longterm_by_version);
	tcase_add_test(tc, nodax_kernel_has_no_fsdax_refusal);
	tcase_add_test(tc, nodax_kernel_cannot_make_dax_memory);
	tcase_add_test(tc, no_zone_device_kernel_has_no_dax);
	tcase_add_test(tc, folio_orders_follow_the_page_size);
	tcase_add_test(tc, accounting_rules);
	tcase_add_test(tc, memory_rules);
	tcase_add_test(tc, anon_and_zero_pages);
	tcase_add_test(tc, general_rules_yield_to_the_rules_below);
	tcase_add_test(tc, no_struct_page_memory);
	tcase_add_test(tc, fsdax_private_cow_still_refused);
	tcase_add_test(tc, shmem_exempt_from_write_rule);
	tcase_add_test(tc, ro_longterm_unshare_since_6_2);
	tcase_add_test(tc, coherence_follows_the_pinned_page);
	tcase_add_test(tc, swapped_out_pages_swap_in);
	tcase_add_test(tc, thp_by_ptes_and_mthp);
	tcase_add_test(tc, huge_zero_page);
	tcase_add_test(tc, hugetlb_page_cache_private);
	tcase_add_test(tc, cross_vma_partial);
	tcase_add_test(tc, fork_shared_anon_by_kernel);
	tcase_add_test(tc, fork_shared_anon_unobserved);
	tcase_add_test(tc, fork_shared_anon_pages);
	tcase_add_test(tc, coherence_of_fork_shared_anon);
	tcase_add_test(tc, coherence_of_fork_after_pin);
	tcase_add_test(tc, secretmem_refused_or_absent);
	tcase_add_test(tc, fsdax_private_read_only);
	tcase_add_test(tc, fsdax_shared_hole);
	tcase_add_test(tc, devdax_4k_pages);
	tcase_add_test(tc, device_private_faults_back);
	tcase_add_test(tc, device_coherent_migrates_when_longterm);
	tcase_add_test(tc, every_rule_is_cited);
	tcase_add_test(tc, case_names_unique_and_shaped);
	tcase_add_test(tc, release_and_config_parsing);
	tcase_add_test(tc, fixture_arguments);
	tcase_add_test(tc, unmeasured_kernel_is_reported);
	tcase_add_test(tc, v5_10_fsdax_refused_after_the_pin);
	tcase_add_test(tc, v5_10_zero_page_movable_and_frame_vector);
	tcase_add_test(tc, v7_3_fsdax_folio_order);
	tcase_add_test(tc, every_row_decided_on_every_kernel);
	tcase_add_test(tc, every_row_has_every_path);
	tcase_add_test(tc, movable_pages_migrate_for_longterm_pins);
	tcase_add_test(tc, doc_kernels_from_facts_text);
	tcase_add_test(tc, doc_tables_name_every_kind_once);
	tcase_add_test(tc, doc_cells_say_the_kernel_where_they_differ);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
