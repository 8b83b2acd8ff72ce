// SPDX-License-Identifier: GPL-2.0
/*
 * Every expectation the oracle gives for a set of kernel facts, one line
 * per case and question, without a kernel: for comparing the oracle before
 * and after a change that must not change it (a refactoring). Not
 * installed, not documented for users.
 *
 *   dump-expect MAJOR.MINOR FS_DAX(y|n) HMM(y|n) SECRETMEM_ENABLE(y|n|u)
 *
 * The memory facts of each case are its kind row's, as the provider
 * claims them (row_facts.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../case.h"
#include "../facts.h"
#include "../oracle.h"
#include "../row_facts.h"

static unsigned int v;

static const char *cite(const struct glt_rule *r)
{
	return r ? glt_rule_cite(r, v) : "-";
}

static const char *id(const struct glt_rule *r)
{
	return r ? r->id : "-";
}

static void dump_expect(const char *what, struct glt_expect e)
{
	printf("  %s: error %d pinned %lu (%s: %s)\n", what, e.error,
	       e.nr_pinned, id(e.rule), cite(e.rule));
}

static void dump_segment(const struct glt_kernel_facts *kf,
			 const struct glt_case *c, const struct glt_expect *e,
			 const struct glt_mem_facts *s, unsigned int i)
{
	enum glt_outcome_pages out = e->outcome[i];
	const struct glt_rule *r1, *r2, *r3;
	int order = glt_oracle_folio_order(kf, s, out, &r1);
	int zone = glt_oracle_zone_device(s, out, &r2);
	bool zero, anon = glt_oracle_anon(s, out, &zero, &r3);

	printf("  seg %u: outcome %d (%s: %s)\n", i, out,
	       id(e->outcome_rule[i]), cite(e->outcome_rule[i]));
	printf("  seg %u: order %d (%s: %s) zone-device %d (%s: %s)\n", i,
	       order, id(r1), cite(r1), zone, id(r2), cite(r2));
	printf("  seg %u: anon %d zero %d\n", i, anon, zero);
	if (out != GLT_OUT_SAME) {
		long d = glt_oracle_cowed_away_delta(kf, s, &r1);
		long f = glt_oracle_fresh_page_refcount(s, out, &r2);

		printf("  seg %u: cowed-away %ld%s (%s: %s) fresh %ld (%s: %s)\n",
		       i, d, r1->split_pmd ? " after a PMD split" : "", id(r1),
		       cite(r1), f, id(r2), cite(r2));
	}
	for (int view = GLT_VIEW_AT_PIN; view <= GLT_VIEW_DEVICE_WRITE;
	     view++) {
		bool same;
		const struct glt_rule *r =
			glt_oracle_coherence(kf, c, s, out,
					     (enum glt_coherence_view)view,
					     &same);

		printf("  seg %u: coherence view %d same %d (%s: %s)\n", i,
		       view, same, id(r), cite(r));
	}
	for (int large = 0; large < 2; large++) {
		struct glt_accounting a =
			glt_oracle_accounting(kf, glt_api_is_get(c->api), large,
					      zero);

		printf("  seg %u large %d: ref %ld pincount %ld vmstat %ld dma %d (%s: %s)\n",
		       i, large, a.ref_delta, a.pincount_delta, a.vmstat_pins,
		       a.dma_pinned, id(a.rule), cite(a.rule));
	}
}

static void dump_case(const struct glt_kernel_facts *kf,
		      const struct glt_case *c)
{
	struct glt_availability av = glt_oracle_available(kf, c->kind);
	struct glt_mem_facts seg[GLT_MAX_SEGMENTS];
	unsigned int nseg =
		glt_test_row_facts(c->kind, glt_span_pages(c->span), seg);
	struct glt_expect e;

	printf("%s\n  available: error %d step %s (%s: %s)\n", c->name,
	       av.error, av.step ? av.step : "-", id(av.rule), cite(av.rule));
	e = glt_oracle_pin(kf, c, seg, nseg);
	dump_expect("pin", e);
	for (unsigned int i = 0; i < nseg; i++)
		if (!e.error && e.outcome_rule[i])
			dump_segment(kf, c, &e, &seg[i], i);
	if (c->api != GLT_API_PIN_LONGTERM || c->access != GLT_ACCESS_WRITE)
		return;
	dump_expect("io_uring", glt_oracle_io_uring(kf, seg, nseg));
	dump_expect("v4l2", glt_oracle_v4l2_userptr(kf, seg, nseg));
	dump_expect("frame-vector", glt_oracle_frame_vector(kf, seg, nseg));
	dump_expect("rdma", glt_oracle_rdma_reg_mr(kf, seg, nseg));
}

static enum glt_config config(const char *s)
{
	return *s == 'y' ? GLT_CONFIG_Y :
	       *s == 'n' ? GLT_CONFIG_N :
			   GLT_CONFIG_UNKNOWN;
}

int main(int argc, char **argv)
{
	static struct glt_case cs[GLT_MAX_CASES];
	struct glt_kernel_facts kf = { 0 };
	size_t n;

	if (argc != 5) {
		fprintf(stderr,
			"usage: %s MAJOR.MINOR FS_DAX HMM SECRETMEM_ENABLE\n",
			argv[0]);
		return 2;
	}
	snprintf(kf.release, sizeof(kf.release), "%s", argv[1]);
	kf.version = v = glt_parse_release(argv[1]);
	kf.fs_dax = config(argv[2]);
	kf.dev_dax = GLT_CONFIG_M;
	kf.device_private = kf.test_hmm = config(argv[3]);
	kf.secretmem_enable = config(argv[4]);
	/* x86-64's geometry, which tests/dump-expect-all.sh compares. */
	kf.page_shift = 12;
	kf.pmd_order = kf.hugetlb_order = 9;
	printf("kernel %s fs_dax %s hmm %s secretmem.enable %s\n", argv[1],
	       argv[2], argv[3], argv[4]);
	for (int lt = 0; lt < 2; lt++)
		for (int h = 0; h < 2; h++) {
			bool mig, bug;
			const struct glt_rule *r =
				glt_oracle_movable(&kf, lt, h, &mig, &bug);

			printf("movable longterm %d hugetlb %d: migrates %d bug %d (%s: %s; %s)\n",
			       lt, h, mig, bug, id(r), cite(r), r->verdict);
		}
	n = glt_cases_generate(cs, GLT_MAX_CASES);
	for (size_t i = 0; i < n; i++)
		dump_case(&kf, &cs[i]);
	return 0;
}
