// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the oracle and the case model: no kernel, no driver.
 * The kernel facts are those of Debian's 6.1 and 6.12 and of a 6.12 built
 * with CONFIG_FS_DAX=n.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../case.h"
#include "../facts.h"
#include "../fixtures.h"
#include "../oracle.h"

static const struct glt_kernel_facts k61 = {
	.release = "6.1.0-56-amd64", .version = GLT_KV(6, 1),
	.fs_dax = GLT_CONFIG_Y, .dev_dax = GLT_CONFIG_M,
};
static const struct glt_kernel_facts k612 = {
	.release = "6.12.117+deb12-amd64", .version = GLT_KV(6, 12),
	.fs_dax = GLT_CONFIG_Y, .dev_dax = GLT_CONFIG_M,
};
static const struct glt_kernel_facts k612_nodax = {
	.release = "6.12.117", .version = GLT_KV(6, 12),
	.fs_dax = GLT_CONFIG_N, .dev_dax = GLT_CONFIG_Y,
};

static const struct glt_mem_facts anon = { .anon = true };
static const struct glt_mem_facts pagecache = { .shared = true,
						.fs_writeback = true };
static const struct glt_mem_facts fsdax = { .shared = true, .fsdax = true };
static const struct glt_mem_facts devdax = { .shared = true, .devdax = true,
					     .devdax_align = 2 << 20 };

static int verdict(const struct glt_kernel_facts *kf, enum glt_kind kind,
		   enum glt_api api, enum glt_access access,
		   const struct glt_mem_facts *mem, const char **rule)
{
	struct glt_case c;
	struct glt_expect e;

	glt_case_init(&c, kind, api, access);
	e = glt_oracle_pin(kf, &c, mem);
	ck_assert_ptr_nonnull(e.rule);
	ck_assert_ptr_nonnull(e.rule->cite);
	if (rule)
		*rule = e.rule->id;
	return e.error;
}

START_TEST(fsdax_longterm_refused_every_path)
{
	static const enum glt_api longterm_pins[] = {
		GLT_API_PIN_LONGTERM, GLT_API_PIN_LONGTERM_FAST,
	};
	const struct glt_kernel_facts *kernels[] = { &k61, &k612 };

	for (int k = 0; k < 2; k++)
		for (int a = 0; a < 2; a++)
			for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
				const char *rule;

				ck_assert_int_eq(verdict(kernels[k],
							 GLT_KIND_FSDAX_EXT4,
							 longterm_pins[a], x,
							 &fsdax, &rule),
						 EOPNOTSUPP);
				ck_assert_str_eq(rule, "fsdax-longterm");
			}
}
END_TEST

START_TEST(fsdax_transient_allowed)
{
	ck_assert_int_eq(verdict(&k61, GLT_KIND_FSDAX_EXT4,
				 GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				 &fsdax, NULL), 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_FSDAX_EXT4,
				 GLT_API_GET_TRANSIENT_FAST, GLT_ACCESS_READ,
				 &fsdax, NULL), 0);
}
END_TEST

START_TEST(devdax_longterm_allowed)
{
	for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
		ck_assert_int_eq(verdict(&k61, GLT_KIND_DEVDAX,
					 GLT_API_PIN_LONGTERM, x, &devdax,
					 NULL), 0);
		/* No dirty tracking on device-DAX: v6.5's rule spares it. */
		ck_assert_int_eq(verdict(&k612, GLT_KIND_DEVDAX,
					 GLT_API_PIN_LONGTERM_FAST, x, &devdax,
					 NULL), 0);
	}
}
END_TEST

START_TEST(anon_everything_but_longterm_get)
{
	for (int a = 0; a < GLT_API_COUNT; a++)
		for (int x = 0; x < GLT_ACCESS_COUNT; x++) {
			int want = glt_api_is_get(a) && glt_api_is_longterm(a)
					   ? EINVAL : 0;

			ck_assert_int_eq(verdict(&k61, GLT_KIND_ANON, a, x,
						 &anon, NULL), want);
			ck_assert_int_eq(verdict(&k612, GLT_KIND_ANON, a, x,
						 &anon, NULL), want);
		}
}
END_TEST

START_TEST(longterm_get_refused_by_driver_first)
{
	const char *rule;

	/* Before the fsdax rule: the driver never calls GUP. */
	ck_assert_int_eq(verdict(&k61, GLT_KIND_FSDAX_EXT4,
				 GLT_API_GET_LONGTERM, GLT_ACCESS_READ, &fsdax,
				 &rule), EINVAL);
	ck_assert_str_eq(rule, "longterm-get-refused");
	ck_assert_int_eq(verdict(&k612, GLT_KIND_DEVDAX,
				 GLT_API_GET_LONGTERM_FAST, GLT_ACCESS_WRITE,
				 &devdax, NULL), EINVAL);
}
END_TEST

START_TEST(pagecache_write_longterm_by_version)
{
	const char *rule;

	/* 6.1 predates writable_file_mapping_allowed() (v6.5). */
	ck_assert_int_eq(verdict(&k61, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				 &pagecache, NULL), 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				 &pagecache, &rule), EFAULT);
	ck_assert_str_eq(rule, "file-write-longterm");
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM_FAST, GLT_ACCESS_WRITE,
				 &pagecache, NULL), EFAULT);
	/* Read, transient and GET stay allowed on 6.12. */
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_READ,
				 &pagecache, NULL), 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_TRANSIENT, GLT_ACCESS_WRITE,
				 &pagecache, NULL), 0);
	ck_assert_int_eq(verdict(&k612, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_GET_TRANSIENT, GLT_ACCESS_WRITE,
				 &pagecache, NULL), 0);
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
				 &pagecache, NULL), 0);
	ck_assert_int_eq(verdict(&k612_nodax, GLT_KIND_PAGECACHE_EXT4,
				 GLT_API_PIN_LONGTERM, GLT_ACCESS_WRITE,
				 &pagecache, NULL), EFAULT);
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

	ck_assert_int_eq(glt_oracle_folio_order(&k61, GLT_KIND_DEVDAX, &devdax,
						&r), 9);
	ck_assert_str_eq(r->id, "devdax-compound");
	ck_assert_int_eq(glt_oracle_folio_order(&k612, GLT_KIND_FSDAX_EXT4,
						&fsdax, &r), 0);
	ck_assert_int_eq(glt_oracle_folio_order(&k612, GLT_KIND_ANON, &anon,
						&r), 0);
	ck_assert_int_eq(glt_oracle_folio_order(&k612, GLT_KIND_PAGECACHE_EXT4,
						&pagecache, &r), 0);
	ck_assert_int_eq(glt_oracle_zone_device(GLT_KIND_DEVDAX, &r), 1);
	ck_assert_int_eq(glt_oracle_zone_device(GLT_KIND_FSDAX_EXT4, &r), 1);
	ck_assert_int_eq(glt_oracle_zone_device(GLT_KIND_ANON, &r), 0);
}
END_TEST

START_TEST(every_rule_is_cited)
{
	const struct glt_rule *tables[] = { glt_pin_rules, glt_accounting_rules,
					    glt_memory_rules };
	const unsigned int counts[] = { glt_pin_rules_count,
					glt_accounting_rules_count,
					glt_memory_rules_count };

	for (int t = 0; t < 3; t++)
		for (unsigned int i = 0; i < counts[t]; i++) {
			const struct glt_rule *r = &tables[t][i];

			ck_assert_ptr_nonnull(r->id);
			ck_assert_ptr_nonnull(r->cite);
			ck_assert_ptr_nonnull(r->when);
			ck_assert_ptr_nonnull(r->verdict);
			ck_assert_ptr_nonnull(r->kernels);
			/* A citation names a kernel source file. */
			ck_assert_msg(r->source && strchr(r->source, '/'),
				      "rule %s cites no source file", r->id);
		}
}
END_TEST

START_TEST(case_names_unique_and_shaped)
{
	static struct glt_case cs[GLT_KIND_COUNT * GLT_API_COUNT *
				  GLT_ACCESS_COUNT];
	size_t n = glt_cases_generate(cs, sizeof(cs) / sizeof(cs[0]));

	ck_assert_uint_eq(n, sizeof(cs) / sizeof(cs[0]));
	for (size_t i = 0; i < n; i++) {
		const char *s1 = strchr(cs[i].name, '/');

		ck_assert_ptr_nonnull(s1);
		ck_assert_ptr_nonnull(strchr(s1 + 1, '/'));
		ck_assert_ptr_null(strchr(cs[i].name, ' '));
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(cs[i].name, cs[j].name);
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

START_TEST(fixture_arguments)
{
	static struct glt_fixtures fx;

	ck_assert_int_eq(glt_fixtures_set(&fx, "devdax=/dev/dax1.0"), 0);
	ck_assert(fx.present[GLT_KIND_DEVDAX]);
	ck_assert_str_eq(fx.path[GLT_KIND_DEVDAX], "/dev/dax1.0");
	ck_assert_int_eq(glt_fixtures_set(&fx, "anon=/x"), -1);
	ck_assert_int_eq(glt_fixtures_set(&fx, "nonsense=/x"), -1);
	ck_assert_int_eq(glt_fixtures_set(&fx, "devdax"), -1);
	ck_assert_int_eq(glt_fixtures_set(&fx, "fsdax-ext4="), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("oracle");
	TCase *tc = tcase_create("host");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, fsdax_longterm_refused_every_path);
	tcase_add_test(tc, fsdax_transient_allowed);
	tcase_add_test(tc, devdax_longterm_allowed);
	tcase_add_test(tc, anon_everything_but_longterm_get);
	tcase_add_test(tc, longterm_get_refused_by_driver_first);
	tcase_add_test(tc, pagecache_write_longterm_by_version);
	tcase_add_test(tc, nodax_kernel_has_no_fsdax_refusal);
	tcase_add_test(tc, accounting_rules);
	tcase_add_test(tc, memory_rules);
	tcase_add_test(tc, every_rule_is_cited);
	tcase_add_test(tc, case_names_unique_and_shaped);
	tcase_add_test(tc, release_and_config_parsing);
	tcase_add_test(tc, fixture_arguments);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
