// SPDX-License-Identifier: GPL-2.0
/*
 * The other half of the long-term rule: pages a long-term pin would hold
 * for an unbounded time must not sit where the kernel needs to move memory
 * (ZONE_MOVABLE, CMA), so GUP migrates them out before pinning them
 * (mm/gup.c check_and_migrate_movable_pages()); a transient pin pins them
 * in place. The cases bind anonymous memory (4 KiB pages, a THP and a
 * hugetlb page) to the NUMA node whose memory is ZONE_MOVABLE - in the
 * test-bed, the pc-dimm of node 1 that the guest onlines movable - and read
 * pfn and zone through QUERY (pfns need CAP_SYS_ADMIN).
 */
#include "extra_cases.h"

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../uapi/gup_longterm_test.h"
#include "device.h"
#include "engine.h"
#include "oracle.h"
#include "sizes.h"
#include "vmstat.h"

#define NR_PAGES 16
#define MPOL_BIND 2 /* include/uapi/linux/mempolicy.h */
#define MPOL_MF_STRICT 1

/*
 * The first NUMA node with at least min_free free pages in ZONE_MOVABLE
 * (/proc/zoneinfo), or -1.
 */
static int movable_node(long min_free)
{
	FILE *f = fopen("/proc/zoneinfo", "re");
	char line[256], zone[32];
	int node = -1, cur = -1, in_movable = 0;
	long n;

	if (!f)
		return -1;
	while (node < 0 && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %31s", &cur, zone) == 2)
			in_movable = !strcmp(zone, "Movable");
		else if (in_movable &&
			 sscanf(line, " pages free %ld", &n) == 1 &&
			 n >= min_free)
			node = cur;
	}
	fclose(f);
	return node;
}

enum mem { MEM_PAGES, MEM_THP, MEM_HUGETLB };

static const char *const mem_names[] = {
	[MEM_PAGES] = "pages",
	[MEM_THP] = "THP subpages",
	[MEM_HUGETLB] = "hugetlb subpages",
};

/*
 * bytes of private anonymous memory (base pages, a THP, or a hugetlb
 * page) bound to node, written; MAP_FAILED on error.
 */
static char *bound_anon(size_t bytes, int node, enum mem mem)
{
	unsigned long mask = 1UL << node;
	size_t len = mem == MEM_THP ? 2 * PMD_SZ : bytes;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	char *raw, *p;

	if (mem == MEM_HUGETLB)
		flags |= MAP_HUGETLB;
	raw = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (raw == MAP_FAILED)
		return raw;
	p = mem == MEM_THP ?
		    (char *)(((uintptr_t)raw + PMD_SZ - 1) & ~(PMD_SZ - 1)) :
		    raw;
	ck_assert_msg(!syscall(SYS_mbind, p, bytes, MPOL_BIND, &mask,
			       sizeof(mask) * 8, MPOL_MF_STRICT),
		      "mbind to node %d: %s", node, strerror(errno));
	if (mem != MEM_HUGETLB)
		ck_assert(!madvise(p, bytes,
				   mem == MEM_THP ? MADV_HUGEPAGE :
						    MADV_NOHUGEPAGE));
	for (size_t off = 0; off < bytes; off += PAGE_SZ)
		p[off] = (char)(off / PAGE_SZ + 1);
	return p;
}

/*
 * Free huge pages of the default size on node (its hugetlb pool in sysfs),
 * or -1.
 */
static long free_huge_pages(int node)
{
	char path[128];
	long n = -1;
	FILE *f;

	snprintf(path, sizeof(path),
		 "/sys/devices/system/node/node%d/hugepages/hugepages-%lukB/free_hugepages",
		 node, HUGETLB_SZ >> 10);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

/* Pin, QUERY, UNPIN: each page's pfn and zone while pinned. */
static void pin_and_read(int fd, bool longterm, unsigned int flags, char *p,
			 unsigned long n, struct glt_page_info *info)
{
	struct glt_pin pin;

	ck_assert_msg(!glt_dev_pin(fd, longterm, p, n, flags, &pin),
		      "%s pin: %s", longterm ? "long-term" : "transient",
		      strerror(errno));
	ck_assert_uint_eq(pin.nr_pinned, n);
	ck_assert_int_eq(glt_dev_query(fd, pin.handle, 0, n, info), (long)n);
	ck_assert(!glt_dev_unpin(fd, pin.handle));
	for (unsigned long i = 0; i < n; i++)
		ck_assert_msg(info[i].flags & GLT_PAGE_PFN_VALID,
			      "QUERY hid the pfn: the harness needs CAP_SYS_ADMIN");
}

static const char *zone_name(unsigned int zone)
{
	static const char *const names[] = { "other",  "DMA",	  "DMA32",
					     "Normal", "Movable", "Device" };

	return zone < 6 ? names[zone] : "?";
}

/*
 * Bind memory to the movable node, prove it is there with a transient pin,
 * then pin it the way the case says and compare.
 */
/*
 * A node with free ZONE_MOVABLE memory for mem (and, for hugetlb, a free
 * pool page there and on node 0), or -1 after a skip note saying why not.
 */
static int movable_node_for(enum mem mem)
{
	/* Room for the pages and a THP: two PMDs' worth of free pages. */
	int node = movable_node((long)(2 * PMD_SZ / PAGE_SZ));

	if (node < 0) {
		glt_case_note(true,
			      "no NUMA node with free ZONE_MOVABLE memory (boot with movablecore=, or online a memory block with online_movable)");
		return -1;
	}
	/*
	 * A hugetlb page in ZONE_MOVABLE needs one in node 1's pool, and its
	 * migration a free pool page outside ZONE_MOVABLE to go to (mm/gup.c
	 * migrates through alloc_migration_target() ->
	 * alloc_hugetlb_folio_nodemask(), which takes pool pages only).
	 */
	if (mem == MEM_HUGETLB &&
	    (free_huge_pages(node) < 1 || free_huge_pages(0) < 1)) {
		glt_case_note(true,
			      "no free %lu KiB huge page on node %d and on node 0 (echo 2 > /sys/devices/system/node/node%d/hugepages/hugepages-%lukB/nr_hugepages)",
			      HUGETLB_SZ >> 10, node, node, HUGETLB_SZ >> 10);
		return -1;
	}
	return node;
}

/* --run-known-bugs: the failure the rule describes, and no pin. */
static void expect_known_bug(int fd, bool longterm, unsigned int flags, char *p,
			     const struct glt_rule *rule, long long pins0)
{
	const char *cite = glt_rule_cite(rule, glt_reason_ctx->kf->version);
	struct glt_pin pin;

	ck_assert_msg(glt_dev_pin(fd, longterm, p, NR_PAGES, flags, &pin) ==
				      -1 &&
			      errno == ENOMEM,
		      "expected -ENOMEM (%s: %s), got %s", rule->id, cite,
		      strerror(errno));
	close(fd);
	ck_assert_msg(glt_vmstat_pins_held() == pins0, "pins do not balance");
	glt_case_note(false, "-ENOMEM as the known bug says (%s: %s)", rule->id,
		      cite);
}

/* The pinned pages moved out of ZONE_MOVABLE, or stayed, as the rule says. */
static void check_moved(const struct glt_rule *rule, bool migrates,
			bool longterm, const struct glt_page_info *before,
			const struct glt_page_info *after, const char *p)
{
	const char *cite = glt_rule_cite(rule, glt_reason_ctx->kf->version);

	for (unsigned long i = 0; i < NR_PAGES; i++) {
		if (migrates)
			ck_assert_msg(after[i].zone != GLT_ZONE_MOVABLE &&
					      after[i].pfn != before[i].pfn,
				      "page %lu: %s: expected a migrated page (%s: %s), got pfn %#llx zone %s (before: %#llx)",
				      i, longterm ? "long-term" : "transient",
				      rule->id, cite,
				      (unsigned long long)after[i].pfn,
				      zone_name(after[i].zone),
				      (unsigned long long)before[i].pfn);
		else
			ck_assert_msg(after[i].pfn == before[i].pfn,
				      "page %lu moved under a transient pin (%s)",
				      i, rule->id);
		ck_assert_msg(p[i * PAGE_SZ] == (char)(i + 1),
			      "page %lu lost its data", i);
	}
}

static void migration_case(bool longterm, unsigned int flags, enum mem mem)
{
	const struct glt_engine_ctx *ctx = glt_reason_ctx;
	size_t bytes = mem == MEM_PAGES ? NR_PAGES * PAGE_SZ :
		       mem == MEM_THP	? PMD_SZ :
					  HUGETLB_SZ;
	unsigned long n = NR_PAGES;
	struct glt_page_info before[NR_PAGES], after[NR_PAGES], again[NR_PAGES];
	long long pins0 = glt_vmstat_pins_held();
	const struct glt_rule *rule;
	bool migrates, kernel_bug;
	int node = movable_node_for(mem), fd;
	char *p;

	if (node < 0)
		return;
	rule = glt_oracle_movable(ctx->kf, longterm, mem == MEM_HUGETLB,
				  &migrates, &kernel_bug);
	if (kernel_bug && !glt_run_known_bugs) {
		glt_case_known_bug(rule);
		return;
	}
	fd = glt_dev_open();
	ck_assert(fd >= 0);
	p = bound_anon(bytes, node, mem);
	ck_assert_msg(p != MAP_FAILED, "mmap: %s", strerror(errno));

	pin_and_read(fd, false, 0, p, n, before);
	for (unsigned long i = 0; i < n; i++)
		ck_assert_msg(before[i].zone == GLT_ZONE_MOVABLE,
			      "page %lu bound to node %d is in zone %s, not Movable",
			      i, node, zone_name(before[i].zone));
	if (mem != MEM_PAGES)
		ck_assert_msg(before[0].flags & GLT_PAGE_LARGE,
			      "no huge page on node %d (a %zu KiB %s range)",
			      node, bytes >> 10,
			      mem == MEM_THP ? "MADV_HUGEPAGE" : "MAP_HUGETLB");
	if (kernel_bug) {
		expect_known_bug(fd, longterm, flags, p, rule, pins0);
		return;
	}
	pin_and_read(fd, longterm, flags, p, n, after);
	check_moved(rule, migrates, longterm, before, after, p);
	/* The mapping follows the migration: a new pin finds the new page. */
	pin_and_read(fd, false, 0, p, n, again);
	for (unsigned long i = 0; i < n; i++)
		ck_assert_msg(again[i].pfn == after[i].pfn,
			      "page %lu: mapped pfn %#llx is not the pinned %#llx",
			      i, (unsigned long long)again[i].pfn,
			      (unsigned long long)after[i].pfn);
	close(fd);
	ck_assert_msg(glt_vmstat_pins_held() == pins0, "pins do not balance");
	glt_case_note(false,
		      "%lu %s on node %d ZONE_MOVABLE, %s pin: %s (%s: %s); first page %#llx -> %#llx (zone %s)",
		      n, mem_names[mem], node,
		      longterm ? "long-term" : "transient",
		      migrates ? "migrated" : "pinned in place", rule->id,
		      glt_rule_cite(rule, ctx->kf->version),
		      (unsigned long long)before[0].pfn,
		      (unsigned long long)after[0].pfn,
		      zone_name(after[0].zone));
}

static void migration_anon_longterm(void)
{
	migration_case(true, GLT_PIN_WRITE, MEM_PAGES);
}

static void migration_anon_longterm_fast(void)
{
	migration_case(true, GLT_PIN_WRITE | GLT_PIN_FAST, MEM_PAGES);
}

static void migration_anon_longterm_read(void)
{
	migration_case(true, 0, MEM_PAGES);
}

static void migration_anon_transient(void)
{
	migration_case(false, GLT_PIN_WRITE, MEM_PAGES);
}

static void migration_thp_longterm(void)
{
	migration_case(true, GLT_PIN_WRITE, MEM_THP);
}

static void migration_thp_transient(void)
{
	migration_case(false, GLT_PIN_WRITE, MEM_THP);
}

static void migration_hugetlb_longterm(void)
{
	migration_case(true, GLT_PIN_WRITE, MEM_HUGETLB);
}

static void migration_hugetlb_transient(void)
{
	migration_case(false, GLT_PIN_WRITE, MEM_HUGETLB);
}

const struct glt_abi_case glt_migration_cases[] = {
	{ "migration/anon-longterm", migration_anon_longterm },
	{ "migration/anon-longterm-fast", migration_anon_longterm_fast },
	{ "migration/anon-longterm-read", migration_anon_longterm_read },
	{ "migration/anon-transient", migration_anon_transient },
	{ "migration/thp-longterm", migration_thp_longterm },
	{ "migration/thp-transient", migration_thp_transient },
	{ "migration/hugetlb-longterm", migration_hugetlb_longterm },
	{ "migration/hugetlb-transient", migration_hugetlb_transient },
};
GLT_TABLE_COUNT(glt_migration_cases);
