// SPDX-License-Identifier: GPL-2.0
/*
 * Every expectation of the harness comes from a rule of the oracle; every
 * rule names the kernel code that decides it. This file holds what the
 * rules share: the one evaluator every table is chosen by
 * (glt_rule_first()), the texts of a rule's range and citation, and the
 * list of the tables in the order of docs/expectations.md
 * (glt_rule_tables[]). The rules themselves are in oracle_pin.c,
 * oracle_pages.c, oracle_consumers.c, oracle_availability.c and
 * oracle_coherence.c, by what
 * they decide. Read mm/gup.c of the version you test when you change one,
 * and update docs/expectations.md (make check fails when the two
 * disagree).
 */
#include <stdlib.h>
#include <string.h>

#include "measured_kernels.h"
#include "oracle_rules.h"

/* Whether rules[i] holds for q (struct glt_rule's condition). */
static bool rule_holds(const struct glt_rule *rules, unsigned int n,
		       unsigned int i, const struct glt_query *q)
{
	const struct glt_rule *r = &rules[i];

	if (r->asks && !(r->asks & q->ask))
		return false;
	if (!r->any_kernel && !glt_rule_applies(r, q->kf ? q->kf->version : 0))
		return false;
	if (r->match && !r->match(q))
		return false;
	if (!r->general)
		return r->match != NULL;
	/* A general rule yields to every rule below it. */
	for (unsigned int j = i + 1; j < n; j++)
		if (rule_holds(rules, n, j, q))
			return false;
	return true;
}

const struct glt_rule *glt_rule_first(const struct glt_rule *rules,
				      unsigned int n, const struct glt_query *q)
{
	for (unsigned int i = 0; i < n; i++)
		if (rule_holds(rules, n, i, q))
			return &rules[i];
	return NULL;
}

const char *glt_rule_cite(const struct glt_rule *rule, unsigned int v)
{
	for (unsigned int i = 0; i < GLT_RULE_MAX_OLDER && rule->older[i].until;
	     i++)
		if (v < rule->older[i].until)
			return rule->older[i].cite;
	return rule->cite;
}

bool glt_rule_applies(const struct glt_rule *rule, unsigned int v)
{
	return (!rule->since || v >= rule->since) &&
	       (!rule->until || v < rule->until);
}

/* A Markdown table cell: '|' would end the cell. */
static void cell(FILE *out, const char *text)
{
	fputs(" ", out);
	for (; *text; text++) {
		if (*text == '|')
			fputc('\\', out);
		fputc(*text, out);
	}
	fputs(" |", out);
}

static void print_kv(FILE *out, unsigned int v)
{
	fprintf(out, "v%u.%u", v >> 8, v & 0xff);
}

/* A range of versions: "all", "v6.5+", "before v6.15", "v5.13-v6.12 (excl.)". */
static void range_text(char *buf, size_t len, unsigned int since,
		       unsigned int until)
{
	if (since && until)
		snprintf(buf, len, "v%u.%u-v%u.%u (excl.)", since >> 8,
			 since & 0xff, until >> 8, until & 0xff);
	else if (since)
		snprintf(buf, len, "v%u.%u+", since >> 8, since & 0xff);
	else if (until)
		snprintf(buf, len, "before v%u.%u", until >> 8, until & 0xff);
	else
		snprintf(buf, len, "all");
}

const char *glt_rule_kernels(const struct glt_rule *rule, char *buf, size_t len)
{
	size_t n;

	range_text(buf, len, rule->since, rule->until);
	n = strlen(buf);
	if (rule->note && n < len)
		snprintf(buf + n, len - n, "; %s", rule->note);
	return buf;
}

/* Each version range's code: "before v6.17: ...; v6.17+: ...". */
static void sources_cell(FILE *out, const struct glt_rule *r)
{
	unsigned int from = 0, i;

	if (!r->older[0].until) {
		cell(out, r->source);
		return;
	}
	fputs(" ", out);
	for (i = 0; i < GLT_RULE_MAX_OLDER && r->older[i].until; i++) {
		if (from) {
			print_kv(out, from);
			fputs("-", out);
		} else {
			fputs("before ", out);
		}
		print_kv(out, r->older[i].until);
		fputs(from ? " (excl.): " : ": ", out);
		for (const char *t = r->older[i].source; *t; t++) {
			if (*t == '|')
				fputc('\\', out);
			fputc(*t, out);
		}
		fputs("; ", out);
		from = r->older[i].until;
	}
	print_kv(out, from);
	fputs("+: ", out);
	for (const char *t = r->source; *t; t++) {
		if (*t == '|')
			fputc('\\', out);
		fputc(*t, out);
	}
	fputs(" |", out);
}

static void print_table(FILE *out, const char *title,
			const struct glt_rule *rules, unsigned int n)
{
	char kernels[512];

	fprintf(out, "### %s\n\n", title);
	fprintf(out, "| rule | when | verdict | decided by | kernels |\n");
	fprintf(out, "| --- | --- | --- | --- | --- |\n");
	for (unsigned int i = 0; i < n; i++) {
		fprintf(out, "| `%s` |", rules[i].id);
		cell(out, rules[i].when);
		cell(out, rules[i].verdict);
		sources_cell(out, &rules[i]);
		cell(out,
		     glt_rule_kernels(&rules[i], kernels, sizeof(kernels)));
		fputc('\n', out);
	}
	fprintf(out, "\n");
}

const struct glt_rule_table glt_rule_tables[] = {
	{ "Pin verdicts (first match wins)", glt_pin_rules, N(glt_pin_rules) },
	{ "Which pages a successful pin holds", glt_outcome_rules,
	  N(glt_outcome_rules) },
	{ "What a device sees through the pin", glt_coherence_rules,
	  N(glt_coherence_rules) },
	{ "Memory a kernel cannot make", glt_availability_rules,
	  N(glt_availability_rules) },
	{ "Consumer: io_uring fixed buffers", glt_io_uring_rules,
	  N(glt_io_uring_rules) },
	{ "Consumer: V4L2 USERPTR buffers (get_vaddr_frames())", glt_v4l2_rules,
	  N(glt_v4l2_rules) },
	{ "Consumer: get_vaddr_frames() called directly",
	  glt_frame_vector_rules, N(glt_frame_vector_rules) },
	{ "Consumer: RDMA memory registration (ib_umem_get())", glt_rdma_rules,
	  N(glt_rdma_rules) },
	{ "Pins of movable memory", glt_migration_rules,
	  N(glt_migration_rules) },
	{ "Accounting per pinned page", glt_accounting_rules,
	  N(glt_accounting_rules) },
	{ "What the memory must be", glt_memory_rules, N(glt_memory_rules) },
};
const unsigned int glt_rule_tables_count = N(glt_rule_tables);

void glt_rules_print_markdown(FILE *out)
{
	for (unsigned int t = 0; t < glt_rule_tables_count; t++)
		print_table(out, glt_rule_tables[t].title,
			    glt_rule_tables[t].rules, glt_rule_tables[t].count);
}

bool glt_oracle_measured(const struct glt_kernel_facts *kf,
			 unsigned int *nearest, char *list, size_t len)
{
	static const unsigned int measured[] = { GLT_MEASURED_KERNELS };
	unsigned int best = 0;
	size_t used = 0;
	bool found = false;

	if (list && len)
		list[0] = '\0';
	for (unsigned int i = 0; measured[i]; i++) {
		unsigned int v = measured[i];

		if (v == kf->version)
			found = true;
		if (!best || abs((int)v - (int)kf->version) <
				     abs((int)best - (int)kf->version))
			best = v;
		if (list && used < len)
			used += (size_t)snprintf(list + used, len - used,
						 "%s%u.%u", i ? " " : "",
						 v >> 8, v & 0xff);
	}
	*nearest = found ? kf->version : best;
	return found;
}
