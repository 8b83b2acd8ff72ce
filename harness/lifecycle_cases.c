// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle and robustness: pins belong to the open file (not the process),
 * survive munmap/mremap/MADV_DONTNEED until UNPIN, die with a SIGKILLed
 * holder, keep the module loaded while open, and a seeded fuzzer throws
 * random ioctls at the driver. Every case ends with the system's pins in
 * balance (nr_foll_pin_acquired == released).
 */
#include "extra_cases.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "device.h"
#include "sizes.h"
#include "vmstat.h"

unsigned long glt_fuzz_iterations = 20000;
unsigned long glt_fuzz_seed;

static char *anon_pages(unsigned long n)
{
	char *p = mmap(NULL, n * PAGE_SZ, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert(p != MAP_FAILED);
	memset(p, 1, n * PAGE_SZ);
	return p;
}

static int open_dev(void)
{
	int fd = glt_dev_open();

	ck_assert_msg(fd >= 0, "open %s: %s", GLT_DEVICE_PATH, strerror(errno));
	return fd;
}

static void pins_balance(long long pins0, const char *when)
{
	long long now = glt_vmstat_pins_held();

	ck_assert_msg(now == pins0,
		      "%s: nr_foll_pin_acquired - released is %lld, was %lld",
		      when, now, pins0);
}

/* fork(): the child shares the open file, and may unpin the parent's pin. */
static void lifecycle_fork(void)
{
	long long pins0 = glt_vmstat_pins_held();
	char *buf = anon_pages(8);
	struct glt_status st;
	struct glt_pin p;
	int fd = open_dev(), status;
	pid_t pid;

	ck_assert(!glt_dev_pin(fd, 1, buf, 8, 0, &p));
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		/* Same file: the handle is valid here. */
		_exit(glt_dev_unpin(fd, p.handle) ? 10 : 0);
	}
	ck_assert(waitpid(pid, &status, 0) == pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "the child could not unpin the parent's handle");
	ck_assert(!glt_dev_status(fd, &st));
	ck_assert_uint_eq(st.nr_pins, 0);
	ck_assert_msg(glt_dev_unpin(fd, p.handle) == -1 && errno == EINVAL,
		      "the handle the child released is still there");
	close(fd);
	pins_balance(pins0, "after fork and unpin by the child");
}

/*
 * Forks a child that runs body(ready_fd), which writes one byte to
 * ready_fd once it is ready and never returns (it _exit()s or is killed).
 * Returns the child's pid once that byte has arrived; the case fails with
 * what if the child died first.
 */
static pid_t spawn_ready(void (*body)(int ready_fd), const char *what)
{
	int ready[2];
	pid_t pid;
	char c;

	ck_assert(!pipe(ready));
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		body(ready[1]);
		_exit(13);
	}
	close(ready[1]);
	ck_assert_msg(read(ready[0], &c, 1) == 1, "%s", what);
	close(ready[0]);
	return pid;
}

/* SIGKILLs a child of spawn_ready() and reaps it: it must die of the signal. */
static void kill_and_reap(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	ck_assert(waitpid(pid, &status, 0) == pid);
	ck_assert(WIFSIGNALED(status));
}

/* Pins 64 ranges, says so, and waits to be killed. */
static void hold_64_pins(int ready_fd)
{
	char *buf = anon_pages(512);
	struct glt_pin p;
	int fd = glt_dev_open();

	for (int i = 0; fd >= 0 && i < 64; i++)
		if (glt_dev_pin(fd, i & 1, buf + (i % 64) * 8 * PAGE_SZ, 8,
				(unsigned int)(i & 2), &p))
			_exit(10);
	if (write(ready_fd, "r", 1) != 1)
		_exit(11);
	pause();
	_exit(12);
}

/* A process killed while holding pins leaks none of them. */
static void lifecycle_sigkill(void)
{
	long long pins0 = glt_vmstat_pins_held();
	pid_t pid =
		spawn_ready(hold_64_pins, "the child could not pin 64 ranges");

	ck_assert_msg(glt_vmstat_pins_held() > pins0,
		      "the child's pins are not visible in vmstat");
	kill_and_reap(pid);
	pins_balance(pins0, "after SIGKILL of a process holding 64 pins");
}

/*
 * Says it has started, then pins and unpins GLT_MAX_PAGES_PER_PIN pages in
 * a loop (long-term and transient, fast and slow) until it is killed.
 */
static void pin_unpin_forever(int ready_fd)
{
	char *buf = anon_pages(GLT_MAX_PAGES_PER_PIN);
	int fd = glt_dev_open();
	struct glt_pin p;

	if (fd < 0 || write(ready_fd, "r", 1) != 1)
		_exit(10);
	for (unsigned int n = 0;; n++) {
		/* Long-term or not; then write and fast, never GET. */
		if (!glt_dev_pin(fd, n & 1, buf, GLT_MAX_PAGES_PER_PIN,
				 (n >> 1) & (GLT_PIN_WRITE | GLT_PIN_FAST), &p))
			glt_dev_unpin(fd, p.handle);
	}
}

/*
 * SIGKILL while the process is inside a PIN or UNPIN call: children pin and
 * unpin GLT_MAX_PAGES_PER_PIN pages in a loop, long-term and transient,
 * fast and slow, and die at a different moment each time. Whatever call
 * the signal interrupts (GUP faulting pages in, the page array being
 * filled, the pin table being updated), release() must free it all.
 */
static void lifecycle_killed_during_pin(void)
{
	long long pins0 = glt_vmstat_pins_held();
	unsigned int delays_us[] = { 0,	   300,	  1000,	 2500,	5000,
				     9000, 15000, 25000, 40000, 70000 };

	for (unsigned int i = 0; i < sizeof(delays_us) / sizeof(delays_us[0]);
	     i++) {
		pid_t pid = spawn_ready(pin_unpin_forever,
					"the child could not start");

		usleep(delays_us[i]);
		kill_and_reap(pid);
	}
	pins_balance(pins0, "after 10 children were killed inside PIN/UNPIN");
	glt_case_note(false,
		      "10 processes killed while pinning and unpinning %d pages; pins balance",
		      GLT_MAX_PAGES_PER_PIN);
}

/*
 * munmap, MADV_DONTNEED and mremap of a pinned range: the pinned pages stay
 * referenced (QUERY still sees them pinned) until UNPIN.
 */
static void lifecycle_unmap_while_pinned(void)
{
	long long pins0 = glt_vmstat_pins_held();
	struct glt_page_info info[8];
	int fd = open_dev();

	for (int how = 0; how < 3; how++) {
		char *buf = anon_pages(8), *moved;
		struct glt_pin p;

		ck_assert(!glt_dev_pin(fd, 1, buf, 8, GLT_PIN_WRITE, &p));
		switch (how) {
		case 0:
			ck_assert(!munmap(buf, 8 * PAGE_SZ));
			break;
		case 1:
			ck_assert(!madvise(buf, 8 * PAGE_SZ, MADV_DONTNEED));
			munmap(buf, 8 * PAGE_SZ);
			break;
		default:
			moved = mremap(buf, 8 * PAGE_SZ, 16 * PAGE_SZ,
				       MREMAP_MAYMOVE);
			ck_assert(moved != MAP_FAILED);
			munmap(moved, 16 * PAGE_SZ);
		}
		ck_assert_int_eq(glt_dev_query(fd, p.handle, 0, 8, info), 8);
		for (int i = 0; i < 8; i++)
			ck_assert_msg(info[i].flags & GLT_PAGE_MAYBE_DMA_PINNED,
				      "page %d lost its pin when the mapping went (%d)",
				      i, how);
		ck_assert(!glt_dev_unpin(fd, p.handle));
	}
	close(fd);
	pins_balance(pins0, "after unpinning unmapped pages");
}

/* The module cannot be unloaded while a file is open (kernel/module). */
static void lifecycle_rmmod_refused(void)
{
	int fd = open_dev();
	long ret = syscall(SYS_delete_module, "gup_longterm_test", O_NONBLOCK);

	ck_assert_msg(ret == -1 && (errno == EWOULDBLOCK || errno == EBUSY),
		      "delete_module() while open: %s",
		      ret ? strerrorname_np(errno) : "succeeded");
	ck_assert_msg(!access(GLT_DEVICE_PATH, F_OK), "the device disappeared");
	close(fd);
}

struct thread_arg {
	int fd;
	char *buf;
	unsigned int seed;
	unsigned long ops;
	int bad;
};

static void *hammer(void *v)
{
	struct thread_arg *a = v;
	struct glt_page_info info[4];
	unsigned char *dma = malloc(PAGE_SZ);
	uint32_t mine[32];
	unsigned int held = 0;

	if (!dma) {
		a->bad++;
		return NULL;
	}
	memset(dma, (int)a->seed, PAGE_SZ);
	for (unsigned long i = 0; i < a->ops; i++) {
		unsigned int r = (unsigned int)rand_r(&a->seed);
		struct glt_status st;
		struct glt_pin p;

		switch (r % 6) {
		case 0:
			if (held < 32 &&
			    !glt_dev_pin(a->fd, r & 8,
					 a->buf + (r % 8) * PAGE_SZ, 4,
					 (r & 16 ? GLT_PIN_FAST : 0) |
						 (r & 32 ? GLT_PIN_WRITE : 0),
					 &p))
				mine[held++] = p.handle;
			break;
		case 1:
			if (held && glt_dev_unpin(a->fd, mine[--held]))
				a->bad++;
			break;
		case 2:
			/* Another thread's handle may vanish: EINVAL is fine. */
			if (glt_dev_query(a->fd, (r >> 8) % 64 + 1, 0, 4,
					  info) < 0 &&
			    errno != EINVAL)
				a->bad++;
			break;
		case 3:
			if (glt_dev_status(a->fd, &st))
				a->bad++;
			break;
		default:
			/*
			 * DMA through any handle, racing with the other
			 * threads' UNPINs: gone (EINVAL) or a read pin
			 * (EPERM, for a write) are fine. Within 4 pages.
			 */
			if (glt_dev_dma(a->fd, r % 6 == 5, (r >> 8) % 64 + 1,
					(r >> 14) % (3 * PAGE_SZ),
					(r >> 4) % PAGE_SZ + 1, dma) &&
			    errno != EINVAL && !(errno == EPERM && r % 6 == 5))
				a->bad++;
		}
	}
	while (held)
		if (glt_dev_unpin(a->fd, mine[--held]))
			a->bad++;
	free(dma);
	return NULL;
}

/*
 * Four threads PIN/UNPIN/QUERY/STATUS/DMA_READ/DMA_WRITE on one file, then
 * it is closed.
 */
static void lifecycle_concurrency(void)
{
	long long pins0 = glt_vmstat_pins_held();
	struct thread_arg args[4];
	pthread_t t[4];
	char *buf = anon_pages(16);
	struct glt_status st;
	int fd = open_dev();

	for (int i = 0; i < 4; i++) {
		args[i] = (struct thread_arg){ .fd = fd,
					       .buf = buf,
					       .seed = (unsigned int)i + 1,
					       .ops = 5000 };
		ck_assert(!pthread_create(&t[i], NULL, hammer, &args[i]));
	}
	for (int i = 0; i < 4; i++) {
		ck_assert(!pthread_join(t[i], NULL));
		ck_assert_msg(!args[i].bad, "thread %d: %d unexpected errors",
			      i, args[i].bad);
	}
	ck_assert(!glt_dev_status(fd, &st));
	ck_assert_uint_eq(st.nr_pins, 0);
	close(fd);
	pins_balance(pins0, "after four threads");
}

/* Interesting values for the fuzzer. */
static uint64_t fuzz_addr(unsigned int r, char *buf)
{
	static const uint64_t odd[] = {
		0,
		1,
		4096,
		0x7ffffffff000ULL,
		0x800000000000ULL,
		0xffff800000000000ULL,
		0xffffffff81000000ULL,
		0xfffffffffffff000ULL,
		UINT64_MAX,
	};

	if (r % 3)
		return (uint64_t)(uintptr_t)buf + (r % 32) * PAGE_SZ +
		       (r & 0x100 ? 8 : 0);
	return odd[(r >> 4) % (sizeof(odd) / sizeof(odd[0]))];
}

/*
 * Seeded, reproducible: random commands, flags, sizes, reserved fields and
 * handles. Every answer is a success or one of the errnos the ABI and GUP
 * give; the driver must never crash, and nothing may stay pinned.
 */
/* The argument of a fuzzed ioctl: any of the uapi's, or raw bytes. */
union fuzz_arg {
	struct glt_pin pin;
	struct glt_unpin unpin;
	struct glt_query query;
	struct glt_status status;
	struct glt_mapping_level level;
	struct glt_dma dma;
	unsigned char raw[128];
};

/* Where a fuzzed DMA copies to or from: as large as the fuzzer's pins. */
#define FUZZ_PAGES 32

/* A DMA_READ or DMA_WRITE: mostly in bounds of a small handle, or not. */
static unsigned long fuzz_dma(unsigned int r, unsigned int r2, char *buf,
			      unsigned char *scratch, struct glt_dma *d)
{
	const uint64_t odd[] = {
		0,	    1,
		PAGE_SZ,    FUZZ_PAGES * PAGE_SZ,
		UINT64_MAX, UINT64_MAX - PAGE_SZ + 1,
		1ULL << 63,
	};
	const unsigned int nodd = sizeof(odd) / sizeof(odd[0]);

	/* Handles from 1 up are the ones most likely held. */
	d->handle = r2 & 0x400 ? r2 % 1100 : (r2 >> 3) % 8 + 1;
	d->flags = r2 & 0x7f ? 0 : r;
	d->reserved[(r2 >> 26) & 1] = !((r2 >> 20) & 0x3f);
	/* Mostly within the first 4 pages, which most pins hold. */
	d->offset = r2 & 0x800 ? odd[(r >> 8) % nodd] :
				 (r >> 4) % (2 * PAGE_SZ);
	d->length = r2 & 0x1000 ? odd[(r >> 12) % nodd] :
				  (r2 >> 14) % (2 * PAGE_SZ) + 1;
	d->buf = r2 & 0x2000 ? fuzz_addr(r, buf) : (uint64_t)(uintptr_t)scratch;
	return r & 0x40 ? GLT_IOC_DMA_WRITE : GLT_IOC_DMA_READ;
}

/* A command and its argument from the random words r and r2. */
static unsigned long fuzz_ioctl(unsigned int r, unsigned int r2, char *buf,
				union fuzz_arg *u, struct glt_page_info *info,
				unsigned char *scratch)
{
	memset(u, 0, sizeof(*u));
	switch (r % 7) {
	case 0:
	case 1:
		u->pin.addr = fuzz_addr(r2, buf);
		u->pin.nr_pages = r2 & 0x1000 ? r2 % 5000 : r2 % 9;
		/* Mostly valid flags; sometimes any bits at all. */
		u->pin.flags = r2 & 0x2000 ? r2 >> 16 :
					     (r >> 8) & GLT_PIN_FLAGS_ALL;
		if (!(r2 & 0x7f))
			u->pin.reserved[r2 % 4] = r;
		return r & 8 ? GLT_IOC_PIN_LONGTERM : GLT_IOC_PIN_TRANSIENT;
	case 2:
		u->unpin.handle = r2 % 1100;
		u->unpin.reserved = !(r2 & 0x3f);
		return GLT_IOC_UNPIN;
	case 3:
		u->query.handle = r2 % 1100;
		u->query.first = r2 & 0x100 ? r2 % 4100 : 0;
		u->query.count = r2 % 12;
		u->query.info = r2 & 0x200 ? fuzz_addr(r, buf) :
					     (uint64_t)(uintptr_t)info;
		u->query.reserved[0] = !(r2 & 0x7f);
		return GLT_IOC_QUERY;
	case 4:
		return GLT_IOC_STATUS;
	case 5:
		return fuzz_dma(r, r2, buf, scratch, &u->dma);
	default:
		if (r2 & 1) {
			u->level.addr = fuzz_addr(r, buf);
			u->level.level = r;
			u->level.reserved0 = !(r2 & 0x7e);
			return GLT_IOC_MAPPING_LEVEL;
		}
		/* A random command: wrong size, number or direction. */
		return _IOC(r2 & 3, r & 1 ? GLT_IOC_MAGIC : r2 >> 24, r2 % 16,
			    (r >> 4) % sizeof(*u));
	}
}

/*
 * Count an answer: counts[0] success, [1] a refusal the uapi documents,
 * [2] ENOTTY, and [3] the DMA calls among the successes. Anything else
 * fails the case.
 */
static void fuzz_count(int err, unsigned long i, unsigned long cmd,
		       unsigned long *counts)
{
	bool dma = cmd == GLT_IOC_DMA_READ || cmd == GLT_IOC_DMA_WRITE;

	switch (err) {
	case 0:
		counts[0]++;
		counts[3] += dma;
		break;
	case EPERM: /* DMA_WRITE through a pin without GLT_PIN_WRITE */
		if (cmd != GLT_IOC_DMA_WRITE)
			ck_abort_msg("seed %lu, ioctl %lu: cmd %#lx answered -EPERM",
				     glt_fuzz_seed, i, cmd);
		counts[1]++;
		break;
	case EINVAL:
	case EFAULT:
	case E2BIG:
	case ENOSPC:
	case ENOTTY:
	case ENOMEM:
	case EOPNOTSUPP:
		counts[err == ENOTTY ? 2 : 1]++;
		break;
	default:
		ck_abort_msg("seed %lu, ioctl %lu: cmd %#lx answered -%s",
			     glt_fuzz_seed, i, cmd, strerrorname_np(err));
	}
}

static void lifecycle_fuzz(void)
{
	long long pins0 = glt_vmstat_pins_held();
	unsigned int seed = (unsigned int)glt_fuzz_seed;
	char *buf = anon_pages(FUZZ_PAGES);
	unsigned char *scratch = (unsigned char *)anon_pages(FUZZ_PAGES);
	unsigned long counts[4] = { 0 };
	int fd = open_dev();

	for (unsigned long i = 0; i < glt_fuzz_iterations; i++) {
		unsigned int r = (unsigned int)rand_r(&seed);
		unsigned int r2 = (unsigned int)rand_r(&seed);
		struct glt_page_info info[16]; /* count is at most 11 */
		union fuzz_arg u;
		unsigned long cmd = fuzz_ioctl(r, r2, buf, &u, info, scratch);
		int ret = ioctl(fd, cmd, r2 % 97 ? (void *)&u : NULL);
		int err = ret ? errno : 0;

		fuzz_count(err, i, cmd, counts);
		/* Keep the pin table from filling up. */
		if (!err &&
		    (cmd == GLT_IOC_PIN_LONGTERM ||
		     cmd == GLT_IOC_PIN_TRANSIENT) &&
		    u.pin.handle && (r & 0x30))
			glt_dev_unpin(fd, u.pin.handle);
	}
	close(fd);
	pins_balance(pins0, "after the fuzzer closed its file");
	glt_case_note(false,
		      "fuzz: seed %lu: %lu ioctls, %lu ok (%lu DMA), %lu refused, %lu ENOTTY; pins balance after close",
		      glt_fuzz_seed, glt_fuzz_iterations, counts[0], counts[3],
		      counts[1], counts[2]);
}

const struct glt_abi_case glt_lifecycle_cases[] = {
	{ "lifecycle/fork-shares-pins", lifecycle_fork },
	{ "lifecycle/sigkill-releases-pins", lifecycle_sigkill },
	{ "lifecycle/killed-during-pin", lifecycle_killed_during_pin },
	{ "lifecycle/unmap-while-pinned", lifecycle_unmap_while_pinned },
	{ "lifecycle/rmmod-refused-while-open", lifecycle_rmmod_refused },
	{ "lifecycle/concurrent-threads", lifecycle_concurrency },
	{ "lifecycle/fuzz-ioctls", lifecycle_fuzz },
};
GLT_TABLE_COUNT(glt_lifecycle_cases);
