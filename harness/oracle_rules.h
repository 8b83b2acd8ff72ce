/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the oracle: the question a rule's condition reads, the one
 * evaluator every table is chosen by, and the tables and rows that one
 * part of the oracle reads from another. The oracle is split by what it
 * decides: oracle_pin.c (pin verdicts, which pages a pin holds, movable
 * memory), oracle_pages.c (accounting, folio order, zone, anonymous and
 * zero pages), oracle_consumers.c (io_uring, V4L2, get_vaddr_frames(),
 * RDMA), oracle_availability.c (memory a kernel cannot make),
 * oracle_coherence.c (what a device sees through the pin); oracle.c
 * holds the evaluator and the tables' list.
 */
#ifndef GLT_ORACLE_RULES_H
#define GLT_ORACLE_RULES_H

#include "oracle.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The questions of a table that answers several (struct glt_rule asks). */
enum glt_ask {
	GLT_ASK_ACCOUNTING = 1, /* what a pinned page adds to its counters */
	GLT_ASK_FRESH = 2,	/* a new page's refcount before the pin */
	GLT_ASK_COWED_AWAY = 4, /* a replaced page's refcount change */
	GLT_ASK_ORDER = 8,	/* the folio order */
	GLT_ASK_ZONE = 16,	/* ZONE_DEVICE or not */
	GLT_ASK_ANON = 32,	/* anonymous, the zero page */
	GLT_ASK_AT_PIN = 64,	/* coherence: the bytes right after the pin */
	GLT_ASK_PROCESS_WRITE = 128, /* coherence: a later process write */
	GLT_ASK_DEVICE_WRITE = 256,  /* coherence: a device write */
};

/*
 * What a rule's condition is asked about: every question's inputs, each
 * table reading its own.
 */
struct glt_query {
	const struct glt_kernel_facts *kf; /* NULL: no kernel (any range) */
	unsigned int ask;		   /* enum glt_ask, for such a table */
	const struct glt_case *c;	   /* pin verdicts and outcomes */
	const struct glt_mem_facts *m;	   /* one VMA of the range */
	const struct glt_mem_facts *seg;   /* consumers: the range's VMAs */
	unsigned int nseg;
	enum glt_outcome_pages outcome; /* the pages questions */
	enum glt_kind kind;		/* availability */
	bool get, large, zero;		/* accounting */
	bool longterm, hugetlb;		/* movable memory */
	const struct glt_expect *gup;	/* consumers: their GUP call's */
};

/*
 * The first of the n rules, in order, that holds for q (struct glt_rule's
 * condition), or NULL.
 */
const struct glt_rule *glt_rule_first(const struct glt_rule *rules,
				      unsigned int n,
				      const struct glt_query *q);

/* The pin rules, in the order in which the kernel decides. */
enum {
	RULE_DRIVER_LONGTERM_GET,
	RULE_UNMAPPED,
	RULE_PFNMAP,
	RULE_FAST_SKIPS_VMA,
	RULE_FSDAX_LONGTERM,
	RULE_FSDAX_LONGTERM_AFTER_PIN,
	RULE_SECRETMEM,
	RULE_FILE_WRITE_LONGTERM,
	RULE_NO_ACCESS,
	RULE_PARTIAL,
	RULE_PINNED,
	RULE_COUNT
};
extern const struct glt_rule glt_pin_rules[RULE_COUNT];

/* Which pages a successful pin holds (oracle_pin.c). */
enum {
	OUT_SAME,
	OUT_HUGETLB_WRITE_COW,
	OUT_HUGETLB_UNSHARE,
	OUT_WRITE_COW,
	OUT_LONGTERM_UNSHARE,
	OUT_SHARED_ANON_RO_PIN,
	OUT_SHARED_HUGETLB_REUSED,
	OUT_SHARED_THP_PMD_REUSED,
	OUT_SHARED_LARGE_COPIED,
	OUT_SHARED_ANON_REUSED,
	OUT_SHARED_ANON_UNSHARE,
	OUT_SHARED_ANON_WRITE_COW,
	OUT_HUGE_ZERO_WRITE_COW,
	OUT_HUGE_ZERO_UNSHARE,
	OUT_SWAP_IN,
	OUT_FILL_HOLE,
	OUT_DEVICE_PRIVATE,
	OUT_DEVICE_COHERENT_MIGRATES,
	OUT_COUNT
};
extern const struct glt_rule glt_outcome_rules[OUT_COUNT];

/*
 * The rows of the other tables of docs/expectations.md, each table in its
 * part, in the order of the table.
 */
enum {
	MIGRATE_LONGTERM,
	MIGRATE_TRANSIENT,
	MIGRATE_HUGETLB_WARNS,
	MIGRATE_CMA_ONLY,
	MIGRATE_COUNT
};
extern const struct glt_rule glt_migration_rules[MIGRATE_COUNT];

enum {
	AVAIL_FSDAX_EXT4,
	AVAIL_FSDAX_XFS,
	AVAIL_DEVDAX_NO_ZONE_DEVICE,
	AVAIL_DEVDAX,
	AVAIL_SECRETMEM,
	AVAIL_HMM,
	AVAIL_HMM_COHERENT,
	AVAIL_NO_PAGEOUT,
	AVAIL_NO_SWAP,
	AVAIL_NO_MTHP,
	AVAIL_SECRETMEM_DEFAULT,
	AVAIL_COUNT
};
extern const struct glt_rule glt_availability_rules[AVAIL_COUNT];

enum {
	URING_REGISTERED,
	URING_GUP_ERROR,
	URING_PARTIAL,
	URING_FILE_BACKED,
	URING_PINS_FAST,
	URING_COUNT
};
extern const struct glt_rule glt_io_uring_rules[URING_COUNT];

enum { V4L2_QUEUED, V4L2_GUP_ERROR, V4L2_PARTIAL, V4L2_COUNT };
extern const struct glt_rule glt_v4l2_rules[V4L2_COUNT];

enum { FV_PINNED, FV_FSDAX_FIRST_VMA, FV_GUP_ERROR, FV_TRANSIENT, FV_COUNT };
extern const struct glt_rule glt_frame_vector_rules[FV_COUNT];

enum { RDMA_REGISTERED, RDMA_GUP_ERROR, RDMA_REFUSED_LATER, RDMA_COUNT };
extern const struct glt_rule glt_rdma_rules[RDMA_COUNT];

/* What a device sees through a held pin (oracle_coherence.c). */
enum {
	COH_AT_PIN,
	COH_PROCESS_WRITE_SEEN,
	COH_SWAPPED_IN_RO_COPIED,
	COH_HUGE_ZERO_COWS,
	COH_HUGETLB_FILE_COWS,
	COH_PROCESS_WRITE_COWS,
	COH_PROCESS_WRITE_FILLS_HOLE,
	COH_FORK_SHARED_HUGETLB_REUSED,
	COH_FORK_SHARED_THP_PMD_REUSED,
	COH_FORK_SHARED_PIN_LOSES,
	COH_FORK_SHARED_GET_LOSES,
	COH_FORK_SHARED_SWAPPED_IN_LOSES,
	COH_ONCE_SHARED_SWAPPED_IN_LOSES,
	COH_FORK_AFTER_PIN_COPIES_FOR_CHILD,
	COH_FORK_AFTER_GET_SHARES,
	COH_DEVICE_WRITE_SEEN,
	COH_COUNT
};
extern const struct glt_rule glt_coherence_rules[COH_COUNT];

enum {
	ACCT_GET,
	ACCT_PIN_SMALL,
	ACCT_PIN_LARGE,
	ACCT_PIN_ZERO,
	ACCT_PIN_ZERO_COUNTED,
	ACCT_FRESH_PAGE,
	ACCT_FRESH_DAX_PAGE,
	ACCT_FRESH_SWAPIN_SHARED,
	ACCT_FRESH_SWAPIN,
	ACCT_COWED_AWAY,
	ACCT_COWED_AWAY_ZERO,
	ACCT_COWED_AWAY_HUGE_ZERO,
	ACCT_COWED_AWAY_FSDAX,
	ACCT_COWED_AWAY_HUGETLB,
	ACCT_COWED_AWAY_THP_SPLIT,
	ACCT_COWED_AWAY_SHARED_ANON,
	ACCT_COUNT
};
extern const struct glt_rule glt_accounting_rules[ACCT_COUNT];

enum {
	MEM_SMALL,
	MEM_HUGE_ZERO,
	MEM_HUGE_ZERO_COW_SMALL,
	MEM_HUGE_ZERO_COW_THP,
	MEM_ANON_COW_SMALL,
	MEM_THP_PTE,
	MEM_MTHP,
	MEM_THP,
	MEM_HUGETLB,
	MEM_EXT4_SMALL,
	MEM_EXT4_ANY,
	MEM_XFS_SMALL,
	MEM_XFS_ANY,
	MEM_FSDAX_SMALL,
	MEM_FSDAX_FOLIOS,
	MEM_DEVDAX_COMPOUND,
	MEM_DEVDAX_PAGES,
	MEM_ZONE_DEVICE,
	MEM_DEVICE_COHERENT,
	MEM_NOT_ZONE_DEVICE,
	MEM_NOT_ANON,
	MEM_ANON,
	MEM_SHARED_ANON,
	MEM_NEW_ANON,
	MEM_SWAPPED_IN,
	MEM_ZERO,
	MEM_COUNT
};
extern const struct glt_rule glt_memory_rules[MEM_COUNT];

#endif
