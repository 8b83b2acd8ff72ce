/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The oracle: a pure function from (kernel facts, case, memory facts) to the
 * verdict the running kernel must give, with the kernel source that decides
 * it. No I/O, no driver: tests/test_oracle.c runs it on the host with the
 * facts of several kernels. docs/expectations.md is the same table for
 * people; `gup-longterm-test --rules` prints it and `make check` compares.
 */
#ifndef GLT_ORACLE_H
#define GLT_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "case.h"
#include "facts.h"
#include "kind.h"
#include "table.h"

/* GUP_PIN_COUNTING_BIAS, include/linux/mm.h (since v5.7). */
#define GLT_PIN_COUNTING_BIAS 1024

/*
 * The code that decided a rule on kernels older than 'until', where it
 * differs from the rule's own (newest) cite and source: the same verdict
 * from code that has since moved or been rewritten.
 */
struct glt_rule_code {
	unsigned int until; /* GLT_KV: for versions before this one */
	const char *cite;
	const char *source;
};

#define GLT_RULE_MAX_OLDER 3

/* What a rule's condition is asked about (oracle_rules.h). */
struct glt_query;

struct glt_rule {
	const char *id;	     /* stable, e.g. "fsdax-longterm" */
	const char *when;    /* the condition, for people */
	const char *verdict; /* e.g. "-EOPNOTSUPP" or "pinned" */
	const char *cite;    /* short citation for one output line */
	const char *source;  /* kernel function and file that decide it */
	/*
	 * The versions it holds for and the oracle applies it to, GLT_KV,
	 * since <= v < until; 0 leaves that end open. They are the one place
	 * of a rule's range: every text that says it is made from them
	 * (glt_rule_kernels()). tests/test_oracle.c checks that the oracle
	 * never returns a rule for a kernel outside its range.
	 */
	unsigned int since, until;
	/*
	 * What the range alone does not say (the commit that moved or began
	 * it, a config it needs, where it was seen), or NULL. Never a range
	 * or a list of the measured kernels: docs/expectations.md's rule
	 * history, made from the runs, says where each rule decided cases.
	 */
	const char *note;
	/* Older code, ascending 'until'; unused entries have until == 0. */
	struct glt_rule_code older[GLT_RULE_MAX_OLDER];
	/*
	 * The condition. Every table is evaluated alike (glt_rule_first(),
	 * oracle.c): the first rule, in table order, that answers the
	 * question asked (asks: GLT_ASK_* bits of a table that answers several,
	 * 0 for its table's one), whose range holds the kernel (unless
	 * any_kernel) and whose match() holds. A rule without match() never
	 * holds by itself (partial-pin, decided over the whole range by
	 * glt_oracle_pin(); a rule whose range another rule reads); a general
	 * rule holds where no rule below it holds (and its match(), if any):
	 * the table's rule that the ones below it make exceptions to, listed
	 * first. So a table's order is the evaluated one and the documented
	 * one.
	 */
	bool (*match)(const struct glt_query *q);
	unsigned int asks;
	bool general;
	/*
	 * The range says when the kernel gained what the rule is about
	 * (FOLL_PIN in v5.7, MEMORY_DEVICE_COHERENT in v6.0), and no other
	 * rule answers before it: the rule is taken on any kernel.
	 */
	bool any_kernel;
	/* The verdict, as the oracle returns it: each table reads its own. */
	int error;	  /* an errno (0: none); GLT_ERRNO_OF_GUP: GUP's */
	const char *step; /* availability: the step that fails */
	int value; /* outcome, folio order, refcount (change), migrates */
	bool zone_device, anon, zero;
	bool before_gup; /* consumers: decided before any GUP call */
	bool kernel_bug; /* movable: the kernel WARNs; the case must not run */
	/*
	 * accounting: value is the whole folio's change, not one pinned
	 * page's (a PMD mapping holds one reference for the folio)
	 */
	bool per_folio;
	/*
	 * accounting: the fault split the folio's PMD into PTEs first, each
	 * of which holds a reference: the folio gains PMD pages - 1, then
	 * value per page copied away (mm/huge_memory.c
	 * __split_huge_pmd_locked(): folio_ref_add(HPAGE_PMD_NR - 1))
	 */
	bool split_pmd;
	struct {
		long ref, pincount, vmstat;
		bool dma_pinned;
	} counts; /* accounting: per pinned page */
};

/* A consumer's verdict that is the errno of its GUP call. */
#define GLT_ERRNO_OF_GUP (-1)

/* The rule's short citation for the code of kernel version v (GLT_KV). */
const char *glt_rule_cite(const struct glt_rule *rule, unsigned int v);
/*
 * The kernels the rule holds for, in words made from since/until, then
 * its note: "v5.17+", "before v6.15; ...", "all". Written into buf.
 */
const char *glt_rule_kernels(const struct glt_rule *rule, char *buf,
			     size_t len);
/* Whether the rule applies to kernel version v (its since/until). */
bool glt_rule_applies(const struct glt_rule *rule, unsigned int v);

/* What becomes of the pages at the range when the pin succeeds. */
enum glt_outcome_pages {
	GLT_OUT_SAME,	  /* the pages that were mapped are pinned */
	GLT_OUT_NEW_ANON, /* a COW/unshare fault replaces them first */
	GLT_OUT_NEW_FILE, /* a write fault fills the file's hole first */
	GLT_OUT_SWAPIN,	  /* a swap-in fault reads them back first */
};

struct glt_expect {
	int error;		     /* 0: nr_pinned pages pinned; else errno */
	unsigned long nr_pinned;     /* may be fewer than asked: partial */
	const struct glt_rule *rule; /* the rule that decided */
	/* Per VMA of the range, for the pages pinned there. */
	enum glt_outcome_pages outcome[GLT_MAX_SEGMENTS];
	const struct glt_rule *outcome_rule[GLT_MAX_SEGMENTS];
};

/* The pin verdict rules, first match wins. */
GLT_TABLE_DECLARE(struct glt_rule, glt_pin_rules);
/* The accounting rules (refcount / pincount / vmstat per pinned page). */
GLT_TABLE_DECLARE(struct glt_rule, glt_accounting_rules);
/* The memory rules (what a provider's pages must look like). */
GLT_TABLE_DECLARE(struct glt_rule, glt_memory_rules);

/*
 * The range covers nseg VMAs, in order; seg[i].nr_pages pages of each.
 * GUP walks them in order and stops at the first it refuses.
 */
struct glt_expect glt_oracle_pin(const struct glt_kernel_facts *kf,
				 const struct glt_case *c,
				 const struct glt_mem_facts *seg,
				 unsigned int nseg);

/*
 * Whether this kernel can make memory of a kind at all. When it cannot
 * (error != 0), the step named must fail with that errno: the case proves
 * the absence instead of pinning.
 */
struct glt_availability {
	int error;
	const char *step;	  /* "mount -o dax", "mmap" */
	enum glt_attempt attempt; /* what the provider tries */
	const struct glt_rule *rule;
};

struct glt_availability glt_oracle_available(const struct glt_kernel_facts *kf,
					     enum glt_kind kind);
/* Kinds whose memory lives in an fsdax VMA (and needs CONFIG_FS_DAX). */
bool glt_kind_uses_fsdax(enum glt_kind kind);

/*
 * io_uring fixed buffers (IORING_REGISTER_BUFFERS) over the range: 0 or
 * the errno io_uring_register() must fail with.
 */
struct glt_expect glt_oracle_io_uring(const struct glt_kernel_facts *kf,
				      const struct glt_mem_facts *seg,
				      unsigned int nseg);

/*
 * V4L2 USERPTR (VIDIOC_QBUF of a videobuf2-vmalloc capture buffer) and RDMA
 * memory registration (ibv_reg_mr) over the range: 0 or the errno.
 */
struct glt_expect glt_oracle_v4l2_userptr(const struct glt_kernel_facts *kf,
					  const struct glt_mem_facts *seg,
					  unsigned int nseg);
struct glt_expect glt_oracle_frame_vector(const struct glt_kernel_facts *kf,
					  const struct glt_mem_facts *seg,
					  unsigned int nseg);
struct glt_expect glt_oracle_rdma_reg_mr(const struct glt_kernel_facts *kf,
					 const struct glt_mem_facts *seg,
					 unsigned int nseg);

/*
 * A pin of pages in ZONE_MOVABLE: whether the kernel migrates them out
 * first (*migrates), or gets it wrong with a WARN (*kernel_bug: the case
 * must not run), and the rule that says so.
 */
const struct glt_rule *glt_oracle_movable(const struct glt_kernel_facts *kf,
					  bool longterm, bool hugetlb,
					  bool *migrates, bool *kernel_bug);

/* What one pinned page must add to its folio's counters. */
struct glt_accounting {
	long ref_delta;	     /* folio_ref_count() change per page */
	long pincount_delta; /* large folios: folio pincount change per page */
	long vmstat_pins;    /* nr_foll_pin_acquired - released, per page */
	bool dma_pinned;     /* folio_maybe_dma_pinned() while held */
	const struct glt_rule *rule;
};

struct glt_accounting glt_oracle_accounting(const struct glt_kernel_facts *kf,
					    bool get, bool large_folio,
					    bool zero_page);

/*
 * A page that a fault just made for the pin in a VMA of seg's facts (a
 * COW or unshare copy, a hole's block, a page swapped in): its refcount
 * before the pin (after the LRU batches are drained).
 */
long glt_oracle_fresh_page_refcount(const struct glt_mem_facts *seg,
				    enum glt_outcome_pages outcome,
				    const struct glt_rule **rule);
/* The refcount change of a file page whose mapping COW replaced. */
long glt_oracle_cowed_away_delta(const struct glt_kernel_facts *kf,
				 const struct glt_mem_facts *seg,
				 const struct glt_rule **rule);

/*
 * The folio order the pages of a VMA must have on this kernel, or -1 where
 * the kernel may choose (the accounting rules then follow the order QUERY
 * reports). *rule says why.
 */
int glt_oracle_folio_order(const struct glt_kernel_facts *kf,
			   const struct glt_mem_facts *seg,
			   enum glt_outcome_pages outcome,
			   const struct glt_rule **rule);

/* Whether the pages must be ZONE_DEVICE pages: 1 yes, 0 no. */
int glt_oracle_zone_device(const struct glt_mem_facts *seg,
			   enum glt_outcome_pages outcome,
			   const struct glt_rule **rule);

/*
 * Whether the pinned pages must be anonymous (PageAnon), and (*zero)
 * whether they must be the shared zero page.
 */
bool glt_oracle_anon(const struct glt_mem_facts *seg,
		     enum glt_outcome_pages outcome, bool *zero,
		     const struct glt_rule **rule);

/*
 * What a device sees through a held pin (GLT_IOC_DMA_READ/WRITE) against
 * what the process sees through its mapping, per VMA of the range, for
 * the pages whose outcome the pin verdict gave: right after the pin
 * (GLT_VIEW_AT_PIN), after the process writes its mapping
 * (GLT_VIEW_PROCESS_WRITE), after the device writes through a FOLL_WRITE
 * pin (GLT_VIEW_DEVICE_WRITE). *same: the two views agree; else the device
 * keeps the page the process no longer maps. Returns the deciding rule.
 */
enum glt_coherence_view {
	GLT_VIEW_AT_PIN,
	GLT_VIEW_PROCESS_WRITE,
	GLT_VIEW_DEVICE_WRITE,
};
GLT_TABLE_DECLARE(struct glt_rule, glt_coherence_rules);
const struct glt_rule *glt_oracle_coherence(const struct glt_kernel_facts *kf,
					    const struct glt_case *c,
					    const struct glt_mem_facts *m,
					    enum glt_outcome_pages outcome,
					    enum glt_coherence_view view,
					    bool *same);

/*
 * Whether the running kernel's series is one the rules were measured on
 * (the series of ci/kernels.list, built in as GLT_MEASURED_KERNELS). If
 * not, *nearest is the measured series closest to it, and *list (if not
 * NULL) the measured series, e.g. "5.10 6.1 6.12 7.3". The verdicts for
 * such a kernel are the rules' extrapolation, and the run says so.
 */
bool glt_oracle_measured(const struct glt_kernel_facts *kf,
			 unsigned int *nearest, char *list, size_t len);

/* Every table of rules, in the order of docs/expectations.md. */
struct glt_rule_table {
	const char *title;
	const struct glt_rule *rules;
	unsigned int count;
};
GLT_TABLE_DECLARE(struct glt_rule_table, glt_rule_tables);

/* Print every rule as the Markdown table of docs/expectations.md. */
void glt_rules_print_markdown(FILE *out);

#endif
