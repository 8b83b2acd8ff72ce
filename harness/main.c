// SPDX-License-Identifier: GPL-2.0
/*
 * gup-longterm-test: pins every kind of memory through /dev/gup_longterm_test
 * with every GUP path and checks each verdict and every counter against the
 * oracle. Each case runs as its own Check test in a forked child.
 */
#include <check.h>
#include <stdarg.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <fnmatch.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "extra_cases.h"
#include "case.h"
#include "consumer.h"
#include "device.h"
#include "engine.h"
#include "facts.h"
#include "fixtures.h"
#include "kind.h"
#include "oracle.h"
#include "provider.h"
#include "report.h"
#include "verdicts_doc.h"

#define MAX_CASES GLT_MAX_CASES
#define MAX_FILTERS 32

enum { EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_NOT_READY = 3 };

static struct glt_case cases[MAX_CASES];
static struct glt_case_slot *slots; /* shared with the forked children */
static struct glt_engine_ctx engine_ctx;

/* Outcomes per (memory kind, GUP API), over accesses and spans. */
static unsigned int grid[GLT_KIND_COUNT][GLT_API_COUNT][3];

static void grid_add(const struct glt_case *c, enum glt_outcome o)
{
	grid[c->kind][c->api][o]++;
}

/* The summary grid, memory kind x GUP API: ok / FAIL / skip. */
static void grid_print(struct glt_report *rep)
{
	char line[256];
	int len;

	len = snprintf(line, sizeof(line), "%-24s", "kind \\ api");
	for (int a = 0; a < GLT_API_COUNT; a++)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " %-8s",
				glt_api_short_name((enum glt_api)a));
	glt_report_diag(rep, "%s", line);
	for (int k = 0; k < GLT_KIND_COUNT; k++) {
		unsigned int any = 0;

		for (int a = 0; a < GLT_API_COUNT; a++)
			any += grid[k][a][GLT_PASS] + grid[k][a][GLT_FAIL] +
			       grid[k][a][GLT_SKIP];
		if (!any)
			continue;
		len = snprintf(line, sizeof(line), "%-24s",
			       glt_kind_name((enum glt_kind)k));
		for (int a = 0; a < GLT_API_COUNT; a++) {
			const unsigned int *g = grid[k][a];
			const char *cell = g[GLT_FAIL] ? "FAIL" :
					   g[GLT_PASS] && g[GLT_SKIP] ?
							 "ok+skip" :
					   g[GLT_PASS] ? "ok" :
					   g[GLT_SKIP] ? "skip" :
							 "-";

			len += snprintf(line + len, sizeof(line) - (size_t)len,
					" %-8s", cell);
		}
		glt_report_diag(rep, "%s", line);
	}
}

/* --kinds: the rows of kinds.def. */
static void print_kinds(void)
{
	for (int k = 0; k < GLT_KIND_COUNT; k++) {
		const struct glt_kind_desc *d = glt_kind((enum glt_kind)k);

		printf("%-24s %-16s %s\n", d->name,
		       d->fixture	       ? glt_fixture_name(d->fixture) :
		       d->dir == GLT_DIR_TMPFS ? "(tmpfs)" :
		       d->dir == GLT_DIR_FIXTURE ? "(made here)" :
						   "(memfd)",
		       d->what);
	}
}

static void usage(FILE *out, const char *prog)
{
	fprintf(out,
		"Usage: %s [OPTION]...\n"
		"Pin every kind of memory through " GLT_DEVICE_PATH
		" with every GUP path and\n"
		"check the kernel's verdicts and page accounting against the oracle.\n"
		"\n"
		"  -f, --filter GLOB     run only cases whose name matches GLOB (repeatable;\n"
		"                        e.g. 'pin-longterm*/fsdax-*/*'); CK_RUN_CASE=NAME too\n"
		"      --fixtures FILE   fixture list (default " GLT_FIXTURES_CONF
		"),\n"
		"                        written by `glt-fixtures setup`\n"
		"      --fixture NAME=PATH  use PATH for fixture NAME: a directory for\n"
		"                        pagecache-ext4, pagecache-xfs, fsdax-ext4, fsdax-xfs,\n"
		"                        pmem-nodax; a /dev/daxX.Y for devdax\n"
		"      --tap FILE        also write the KTAP output to FILE\n"
		"      --junit FILE      write JUnit XML to FILE\n"
		"      --fail-on-skip    count a skipped case as a failure (test-beds)\n"
		"      --progress        print '# running N/TOTAL NAME' to stderr before\n"
		"                        each case (N: its KTAP number), so that whoever\n"
		"                        stops a run knows the case it stopped in\n"
		"      --timeout SEC     per-case timeout (default 120)\n"
		"      --fuzz-iterations N  ioctls of lifecycle/fuzz-ioctls (default 20000)\n"
		"      --fuzz-seed S     its seed (default: the time; printed, to rerun)\n"
		"      --run-known-bugs  also run the cases the oracle knows this kernel gets\n"
		"                        wrong with a WARN (they taint the kernel log)\n"
		"  -l, --list            list the case names and exit\n"
		"      --kinds           list the memory kinds (name, fixture, what) and exit\n"
		"      --kinds-markdown  print them as the Markdown table of docs/expectations.md\n"
		"      --rules           print the oracle's rules as Markdown and exit\n"
		"      --verdicts-markdown FILE  print the oracle's verdicts per memory kind\n"
		"                        and GUP path on the kernels of FILE ('-': standard\n"
		"                        input; ci/kernel-facts.sh writes it) as the Markdown\n"
		"                        table of docs/expectations.md, and exit\n"
		"      --consumers-markdown FILE  the same per memory kind and consumer\n"
		"  -h, --help            this text\n"
		"\n"
		"Needs root and the gup_longterm_test module loaded (insmod gup_longterm_test.ko).\n"
		"Exit status: 0 all passed, 1 a case failed, 2 bad usage, 3 not ready to run.\n",
		prog);
}

/*
 * Every test of a run, whatever its type (the matrix, abi/, lifecycle/,
 * reason/, migration/, consumer/), is one entry of one list: its name, the
 * matrix case it is (for the grid and the kind probes) or NULL, and the
 * function that runs it in a forked child. Each reports its detail and its
 * skip through the one slot it is given.
 */
struct glt_test {
	const char *name;
	const struct glt_case *matrix;
	void (*run)(const struct glt_test *t, struct glt_case_slot *slot);
	const void *arg;
};

static struct glt_test *tests;
static unsigned int nr_tests;
static struct glt_case_slot *running_slot; /* the running test's */
bool glt_run_known_bugs;		   /* --run-known-bugs */

void glt_case_note(bool skip, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(running_slot->detail, sizeof(running_slot->detail), fmt, ap);
	va_end(ap);
	running_slot->skipped = skip;
}

void glt_case_known_bug(const struct glt_rule *rule)
{
	char kernels[512];

	snprintf(running_slot->detail, sizeof(running_slot->detail),
		 "known kernel bug, not run: %s (%s: %s; %s)", rule->verdict,
		 rule->id, glt_rule_cite(rule, glt_reason_ctx->kf->version),
		 glt_rule_kernels(rule, kernels, sizeof(kernels)));
	running_slot->skipped = GLT_SKIP_KNOWN_BUG;
}

static void run_matrix(const struct glt_test *t, struct glt_case_slot *slot)
{
	glt_engine_run_case(&engine_ctx, t->matrix, slot);
}

static void run_extra(const struct glt_test *t, struct glt_case_slot *slot)
{
	(void)slot;
	((const struct glt_abi_case *)t->arg)->run();
}

static void run_consumer(const struct glt_test *t, struct glt_case_slot *slot)
{
	glt_consumer_run(&engine_ctx, t->arg, slot->detail,
			 sizeof(slot->detail), &slot->skipped);
}

START_TEST(test_case)
{
	running_slot = &slots[_i];
	tests[_i].run(&tests[_i], &slots[_i]);
}
END_TEST

static struct glt_consumer_case consumers[GLT_MAX_CONSUMER_CASES];

static void add_test(const char *name, const struct glt_case *matrix,
		     void (*run)(const struct glt_test *,
				 struct glt_case_slot *),
		     const void *arg)
{
	tests[nr_tests++] = (struct glt_test){ name, matrix, run, arg };
}

/* Every test, in running order: the matrix, the extra cases, consumers. */
static int make_tests(void)
{
	static const struct {
		const struct glt_abi_case *cases;
		const unsigned int *count;
	} extras[] = {
		{ glt_abi_cases, &glt_abi_cases_count },
		{ glt_lifecycle_cases, &glt_lifecycle_cases_count },
		{ glt_reason_cases, &glt_reason_cases_count },
		{ glt_migration_cases, &glt_migration_cases_count },
	};
	size_t ncases = glt_cases_generate(cases, MAX_CASES);
	unsigned int ncons =
		glt_consumer_cases(consumers, GLT_MAX_CONSUMER_CASES);
	size_t total = ncases + ncons;

	for (size_t e = 0; e < sizeof(extras) / sizeof(extras[0]); e++)
		total += *extras[e].count;
	tests = calloc(total, sizeof(*tests));
	if (!tests)
		return -1;
	for (size_t i = 0; i < ncases; i++)
		add_test(cases[i].name, &cases[i], run_matrix, NULL);
	for (size_t e = 0; e < sizeof(extras) / sizeof(extras[0]); e++)
		for (unsigned int i = 0; i < *extras[e].count; i++)
			add_test(extras[e].cases[i].name, NULL, run_extra,
				 &extras[e].cases[i]);
	for (unsigned int i = 0; i < ncons; i++)
		add_test(consumers[i].name, NULL, run_consumer, &consumers[i]);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run test idx in its own SRunner so results stream as they come. */
static void run_one(unsigned int idx, int timeout, struct glt_result *res)
{
	Suite *s = suite_create("gup-longterm-test");
	TCase *tc = tcase_create(res->name);
	SRunner *sr;
	TestResult **tr;
	double t0 = now_s();

	tcase_set_timeout(tc, timeout);
	tcase_add_loop_test(tc, test_case, (int)idx, (int)idx + 1);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_SILENT);
	res->seconds = now_s() - t0;
	tr = srunner_results(sr);
	snprintf(res->detail, sizeof(res->detail), "%s", slots[idx].detail);
	if (srunner_ntests_run(sr) != 1) {
		res->outcome = GLT_FAIL;
		snprintf(res->message, sizeof(res->message),
			 "Check ran %d tests for this case (is CK_RUN_SUITE/CK_RUN_CASE excluding it?)",
			 srunner_ntests_run(sr));
	} else if (tr_rtype(tr[0]) == CK_PASS) {
		res->outcome = slots[idx].skipped ? GLT_SKIP : GLT_PASS;
		if (res->outcome == GLT_SKIP)
			snprintf(res->message, sizeof(res->message), "%s",
				 slots[idx].detail);
	} else {
		res->outcome = GLT_FAIL;
		snprintf(res->message, sizeof(res->message), "%s%s (%s:%d)",
			 tr_rtype(tr[0]) == CK_ERROR ? "error: " : "",
			 tr_msg(tr[0]), tr_lfile(tr[0]) ? tr_lfile(tr[0]) : "?",
			 tr_lno(tr[0]));
	}
	free(tr);
	srunner_free(sr);
}

static const char *case_name(unsigned int idx)
{
	return tests[idx].name;
}

static int selected(const char *name, const char *only, char *const *filters,
		    int nfilters)
{
	if (only && *only && strcmp(only, name))
		return 0;
	if (!nfilters)
		return 1;
	for (int i = 0; i < nfilters; i++)
		if (!fnmatch(filters[i], name, 0))
			return 1;
	return 0;
}

/*
 * One harness at a time on a machine: every case checks the system's own
 * pin counters (nr_foll_pin_acquired == released in /proc/vmstat), which a
 * second run's pins would move. The lock is an abstract UNIX socket name,
 * bound for the run's life (its forked cases hold it too) and released by
 * the kernel however the run ends; it needs no file locking, which a lean
 * kernel may lack (CONFIG_FILE_LOCKING=n: flock() is -ENOSYS on dax-5.10).
 */
static int take_run_lock(const char *prog)
{
	static const char name[] = "gup-longterm-test.run";
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		fprintf(stderr, "%s: socket(AF_UNIX): %s\n", prog,
			strerror(errno));
		return -1;
	}
	memcpy(a.sun_path + 1, name, sizeof(name) - 1);
	if (bind(fd, (struct sockaddr *)&a,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			     sizeof(name) - 1))) {
		if (errno == EADDRINUSE)
			fprintf(stderr,
				"%s: another gup-longterm-test is running on this machine (it holds the abstract socket @%s): two runs would each see the other's pins in the system's pin counters. Wait for it to finish.\n",
				prog, name);
		else
			fprintf(stderr, "%s: bind @%s: %s\n", prog, name,
				strerror(errno));
		close(fd);
		return -1;
	}
	return 0; /* fd stays open: the name is ours until the run ends */
}

/* Is this process able to run the cases at all? Say what is missing. */
static int check_ready(const char *prog)
{
	struct glt_status st;
	int fd;

	if (geteuid() != 0) {
		fprintf(stderr,
			"%s: must run as root: the driver refuses callers without CAP_IPC_LOCK and QUERY gives pfns only to CAP_SYS_ADMIN.\n"
			"Run: sudo %s\n",
			prog, prog);
		return -1;
	}
	fd = glt_dev_open();
	if (fd < 0) {
		int err = errno;

		fprintf(stderr, "%s: cannot open %s: %s\n", prog,
			GLT_DEVICE_PATH, strerror(err));
		if (err == ENOENT)
			fprintf(stderr,
				"The gup_longterm_test module is not loaded. Load it with\n"
				"  sudo insmod build/driver/$(uname -r)/gup_longterm_test.ko\n"
				"after `make module`, or run the whole test-bed in QEMU with `make run`.\n");
		return -1;
	}
	if (glt_dev_status(fd, &st)) {
		fprintf(stderr, "%s: GLT_IOC_STATUS failed: %s\n", prog,
			strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (take_run_lock(prog))
		return -1;
	if (st.abi_version != GLT_ABI_VERSION) {
		fprintf(stderr,
			"%s: the loaded module speaks ABI %u, this harness ABI %u: rebuild both from one tree\n",
			prog, st.abi_version, (unsigned int)GLT_ABI_VERSION);
		return -1;
	}
	return 0;
}

/*
 * --verdicts-markdown FILE, --consumers-markdown FILE: the kernels of the
 * facts text FILE ('-': standard input), then the table. 0, or the exit
 * status of bad usage.
 */
static int print_doc_table(const char *prog, int opt, const char *path)
{
	static struct glt_doc_kernel k[GLT_DOC_MAX_KERNELS];
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	char *text = NULL, err[256];
	size_t cap = 0;
	ssize_t got;
	int n = -1;

	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return EXIT_USAGE;
	}
	got = getdelim(&text, &cap, '\0', f);
	if (got < 0 && ferror(f))
		snprintf(err, sizeof(err), "%s", strerror(errno));
	else
		n = glt_doc_kernels_parse(got < 0 ? "" : text, k,
					  GLT_DOC_MAX_KERNELS, err,
					  sizeof(err));
	if (f != stdin)
		fclose(f);
	free(text);
	if (n < 0) {
		fprintf(stderr, "%s: %s: %s (ci/kernel-facts.sh prints one)\n",
			prog, path, err);
		return EXIT_USAGE;
	}
	if (opt == 'V') {
		glt_verdicts_print_markdown(stdout, k, (unsigned int)n);
	} else {
		unsigned int ncon;
		const struct glt_consumer *const *con = glt_consumers(&ncon);

		glt_consumers_print_markdown(stdout, k, (unsigned int)n, con,
					     ncon);
	}
	return 0;
}

/* What the command line asks for. */
struct options {
	const char *conf, *tap_path, *junit_path;
	char *filters[MAX_FILTERS];
	int nfilters, fail_on_skip, list, timeout, seed_given, progress;
};

static struct glt_fixtures fx;
static struct glt_kernel_facts kf;
static char why[GLT_KIND_COUNT][512]; /* why a kind cannot run */
static int kind_ok[GLT_KIND_COUNT];
static unsigned int *idx, planned; /* the selected tests, in order */

static int bad_fixture(const char *prog, const char *arg)
{
	fprintf(stderr,
		"%s: bad --fixture '%s': expected NAME=PATH with NAME one of:",
		prog, arg);
	for (int f = GLT_FIXTURE_NONE + 1; f < GLT_FIXTURE_COUNT; f++)
		fprintf(stderr, " %s", glt_fixture_name((enum glt_fixture)f));
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* --fuzz-iterations N / --fuzz-seed S. */
static int fuzz_option(const char *prog, int opt, const char *arg,
		       struct options *o)
{
	unsigned long num;
	char *end;

	errno = 0;
	num = strtoul(arg, &end, 0);
	if (errno || !*arg || *end || (opt == 'I' && !num)) {
		fprintf(stderr, "%s: bad --fuzz-%s '%s'\n", prog,
			opt == 'I' ? "iterations" : "seed", arg);
		return EXIT_USAGE;
	}
	if (opt == 'I') {
		glt_fuzz_iterations = num;
	} else {
		glt_fuzz_seed = num;
		o->seed_given = 1;
	}
	return -1;
}

/* One option: -1 to go on, or the exit status. */
static int parse_option(const char *prog, int opt, struct options *o)
{
	switch (opt) {
	case 'f':
		if (o->nfilters == MAX_FILTERS) {
			fprintf(stderr, "%s: at most %d filters\n", prog,
				MAX_FILTERS);
			return EXIT_USAGE;
		}
		o->filters[o->nfilters++] = optarg;
		return -1;
	case 'F':
		o->conf = optarg;
		return -1;
	case 'x':
		return glt_fixtures_set(&fx, optarg) ?
			       bad_fixture(prog, optarg) :
			       -1;
	case 't':
		o->tap_path = optarg;
		return -1;
	case 'j':
		o->junit_path = optarg;
		return -1;
	case 's':
		o->fail_on_skip = 1;
		return -1;
	case 'p':
		o->progress = 1;
		return -1;
	case 'T':
		o->timeout = atoi(optarg);
		if (o->timeout > 0)
			return -1;
		fprintf(stderr, "%s: bad --timeout '%s'\n", prog, optarg);
		return EXIT_USAGE;
	case 'K':
		glt_run_known_bugs = true;
		return -1;
	case 'I':
	case 'S':
		return fuzz_option(prog, opt, optarg, o);
	case 'l':
		o->list = 1;
		return -1;
	case 'r':
		glt_rules_print_markdown(stdout);
		return 0;
	case 'k':
		print_kinds();
		return 0;
	case 'M':
		glt_kinds_print_markdown(stdout);
		return 0;
	case 'V':
	case 'U':
		return print_doc_table(prog, opt, optarg);
	case 'h':
		usage(stdout, prog);
		return 0;
	default:
		usage(stderr, prog);
		return EXIT_USAGE;
	}
}

/* The command line: -1 to go on, or the exit status. */
static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{ "filter", required_argument, NULL, 'f' },
		{ "fixtures", required_argument, NULL, 'F' },
		{ "fixture", required_argument, NULL, 'x' },
		{ "tap", required_argument, NULL, 't' },
		{ "junit", required_argument, NULL, 'j' },
		{ "fail-on-skip", no_argument, NULL, 's' },
		{ "progress", no_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "fuzz-iterations", required_argument, NULL, 'I' },
		{ "fuzz-seed", required_argument, NULL, 'S' },
		{ "run-known-bugs", no_argument, NULL, 'K' },
		{ "list", no_argument, NULL, 'l' },
		{ "kinds", no_argument, NULL, 'k' },
		{ "kinds-markdown", no_argument, NULL, 'M' },
		{ "rules", no_argument, NULL, 'r' },
		{ "verdicts-markdown", required_argument, NULL, 'V' },
		{ "consumers-markdown", required_argument, NULL, 'U' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "f:lh", opts, NULL)) != -1)
		if ((ret = parse_option(argv[0], opt, o)) >= 0)
			return ret;
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0],
			argv[optind]);
		usage(stderr, argv[0]);
		return EXIT_USAGE;
	}
	return -1;
}

/*
 * A --filter GLOB or CK_RUN_CASE NAME as typed, with every '/'-separated
 * part that is a kind's former name (glt_kind_renamed()) spelled the new
 * way, and a note on stderr; a copy to free, or NULL (no memory).
 */
static char *unalias(const char *prog, const char *arg)
{
	char *out = NULL;
	size_t size;
	FILE *f = open_memstream(&out, &size);

	if (!f)
		return NULL;
	for (const char *p = arg;; p++) {
		size_t len = strcspn(p, "/");
		const char *is = glt_kind_renamed(p, len);

		if (is)
			fprintf(stderr, "%s: %.*s is now %s\n", prog, (int)len,
				p, is);
		fprintf(f, "%s%.*s", p == arg ? "" : "/",
			(int)(is ? strlen(is) : len), is ? is : p);
		p += len;
		if (!*p)
			break;
	}
	if (fclose(f)) {
		free(out);
		return NULL;
	}
	return out;
}

/* The tests the filters select, in running order. 0, or -1 (no memory). */
static int plan_cases(const char *prog, const struct options *o)
{
	const char *env = getenv("CK_RUN_CASE");
	char *filters[MAX_FILTERS], *only = NULL;
	int n = 0, ret = -1;

	if (make_tests())
		return -1;
	idx = calloc(nr_tests ? nr_tests : 1, sizeof(*idx));
	if (!idx || (env && !(only = unalias(prog, env))))
		goto out;
	for (; n < o->nfilters; n++)
		if (!(filters[n] = unalias(prog, o->filters[n])))
			goto out;
	for (unsigned int i = 0; i < nr_tests; i++)
		if (selected(tests[i].name, only, filters, n))
			idx[planned++] = i;
	ret = 0;
out:
	while (n--)
		free(filters[n]);
	free(only);
	return ret;
}

static FILE *open_output(const char *prog, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fprintf(stderr, "%s: cannot write %s: %s\n", prog, path,
			strerror(errno));
	return f;
}

/*
 * Everything a run needs before its first case: the module, the kernel's
 * facts, the fixtures, the outputs and the slots the forked children write.
 * 0, or the exit status.
 */
static int prepare(const char *prog, const struct options *o,
		   struct glt_report *rep)
{
	char err[512];

	if (check_ready(prog))
		return EXIT_NOT_READY;
	if (glt_kernel_facts_read(&kf)) {
		fprintf(stderr, "%s: uname: %s\n", prog, strerror(errno));
		return EXIT_NOT_READY;
	}
	if (glt_fixtures_load(&fx, o->conf, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return EXIT_NOT_READY;
	}
	if (o->tap_path && !(rep->tap = open_output(prog, o->tap_path)))
		return EXIT_NOT_READY;
	if (o->junit_path && !(rep->junit = open_output(prog, o->junit_path)))
		return EXIT_NOT_READY;
	slots = mmap(NULL, sizeof(*slots) * (nr_tests ? nr_tests : 1),
		     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED) {
		fprintf(stderr, "%s: mmap: %s\n", prog, strerror(errno));
		return EXIT_NOT_READY;
	}
	engine_ctx.kf = &kf;
	engine_ctx.fx = &fx;
	glt_reason_ctx = &engine_ctx;
	return 0;
}

/* Which kinds can run here; memory the kernel cannot make is proven absent. */
static void probe_kinds(void)
{
	for (int k = 0; k < GLT_KIND_COUNT; k++) {
		enum glt_kind kind = (enum glt_kind)k;
		struct glt_availability av = glt_oracle_available(&kf, kind);

		if (av.error)
			kind_ok[k] =
				glt_provider_probe_unavailable(kind, av.attempt,
							       &fx, why[k],
							       sizeof(why[k])) ==
				GLT_PROVIDER_OK;
		else
			kind_ok[k] = glt_provider_probe(kind, &fx, why[k],
							sizeof(why[k])) ==
				     GLT_PROVIDER_OK;
	}
}

/* The diagnostics before the first case: kernel, series, seed, fixtures. */
static void print_header(struct glt_report *rep)
{
	unsigned int near;
	char series[128], header[512];

	snprintf(header, sizeof(header),
		 "gup-longterm-test: kernel %s, CONFIG_FS_DAX=%s, CONFIG_DEV_DAX=%s (config: %s)",
		 kf.release, glt_config_name(kf.fs_dax),
		 glt_config_name(kf.dev_dax),
		 kf.config_source[0] ? kf.config_source : "not found");
	glt_report_begin(rep, planned, header);
	if (glt_oracle_measured(&kf, &near, series, sizeof(series)))
		glt_report_diag(rep,
				"kernel series %u.%u: measured (the rules were measured on %s)",
				kf.version >> 8, kf.version & 0xff, series);
	else
		glt_report_diag(rep,
				"WARNING: kernel series %u.%u is outside every measured range (measured: %s); the nearest measured kernel is %u.%u. Its verdicts are the rules' extrapolation, not a measurement: where it disagrees, read its source before blaming either side",
				kf.version >> 8, kf.version & 0xff, series,
				near >> 8, near & 0xff);
	glt_report_diag(rep,
			"fuzz seed %lu, %lu ioctls (rerun: --fuzz-seed %lu)",
			glt_fuzz_seed, glt_fuzz_iterations, glt_fuzz_seed);
	for (int f = GLT_FIXTURE_NONE + 1; f < GLT_FIXTURE_COUNT; f++)
		glt_report_diag(rep, "fixture %s: %s",
				glt_fixture_name((enum glt_fixture)f),
				fx.present[f] ? fx.path[f] : "none");
	for (int k = 0; k < GLT_KIND_COUNT; k++)
		if (!kind_ok[k])
			glt_report_diag(rep, "kind %s cannot run: %s",
					glt_kind_name((enum glt_kind)k),
					why[k]);
}

/* Planned case i: run it, or report why its kind cannot run. */
static void run_planned(unsigned int i, const struct options *o,
			struct glt_report *rep)
{
	const struct glt_case *c = tests[idx[i]].matrix;
	struct glt_result res = { .name = case_name(idx[i]) };

	/*
	 * --progress: the case about to run, on stderr (never in the KTAP):
	 * a run killed in this case (a test-bed's time limit, a hang) can
	 * still be told where it stopped. Planned case i gets KTAP number
	 * i + 1: each planned case reports exactly one result, in order.
	 */
	if (o->progress) {
		fprintf(stderr, "# running %u/%u %s\n", i + 1, planned,
			res.name);
		fflush(stderr);
	}
	if (c && !kind_ok[c->kind]) {
		res.outcome = o->fail_on_skip ? GLT_FAIL : GLT_SKIP;
		snprintf(res.message, sizeof(res.message), "%s%s",
			 o->fail_on_skip ? "skipped under --fail-on-skip: " :
					   "",
			 why[c->kind]);
	} else {
		run_one(idx[i], o->timeout, &res);
		/*
		 * A known kernel bug is a fact of this kernel, not a gap in
		 * the test-bed: --fail-on-skip lets it pass as the skip it is.
		 */
		if (res.outcome == GLT_SKIP && o->fail_on_skip &&
		    slots[idx[i]].skipped != GLT_SKIP_KNOWN_BUG) {
			res.outcome = GLT_FAIL;
			snprintf(res.message, sizeof(res.message),
				 "skipped under --fail-on-skip: %s",
				 slots[idx[i]].detail);
		}
	}
	glt_report_result(rep, &res);
	if (c)
		grid_add(c, res.outcome);
}

int main(int argc, char **argv)
{
	struct options o = { .conf = GLT_FIXTURES_CONF, .timeout = 120 };
	struct glt_report rep = { 0 };
	unsigned int failed;
	int ret;

	ret = parse_options(argc, argv, &o);
	if (ret >= 0)
		return ret;
	if (plan_cases(argv[0], &o)) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		return EXIT_NOT_READY;
	}
	if (o.list) {
		for (unsigned int i = 0; i < planned; i++)
			printf("%s\n", case_name(idx[i]));
		return 0;
	}
	if (!planned) {
		fprintf(stderr, "%s: no case matches the filter; see --list\n",
			argv[0]);
		return EXIT_USAGE;
	}
	ret = prepare(argv[0], &o, &rep);
	if (ret)
		return ret;
	probe_kinds();
	if (!o.seed_given)
		glt_fuzz_seed = (unsigned long)time(NULL);
	print_header(&rep);
	for (unsigned int i = 0; i < planned; i++)
		run_planned(i, &o, &rep);
	grid_print(&rep);
	failed = glt_report_end(&rep, "gup-longterm-test", kf.release);
	if (rep.tap)
		fclose(rep.tap);
	if (rep.junit)
		fclose(rep.junit);
	return failed ? EXIT_FAILED : 0;
}
