// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's ABI contract, case by case: every bad argument that
 * uapi/gup_longterm_test.h documents gets its errno and changes nothing.
 * These expectations come from the header, not from the kernel.
 */
#include "abi_cases.h"

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/capability.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "device.h"
#include "vmstat.h"

#define PAGE_SZ 4096UL

struct abi_env {
	int fd;
	char *buf; /* 4 anonymous pages, written */
};

static void env_open(struct abi_env *e)
{
	e->fd = glt_dev_open();
	ck_assert_msg(e->fd >= 0, "open %s: %s", GLT_DEVICE_PATH,
		      strerror(errno));
	e->buf = mmap(NULL, 4 * PAGE_SZ, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert(e->buf != MAP_FAILED);
	memset(e->buf, 1, 4 * PAGE_SZ);
}

/* Nothing pinned by this file, and the system's pins balance. */
static void env_close(struct abi_env *e, long long pins0)
{
	struct glt_status st;

	ck_assert_msg(!glt_dev_status(e->fd, &st), "STATUS: %s",
		      strerror(errno));
	ck_assert_msg(st.nr_pins == 0 && st.nr_pages == 0,
		      "a refused call left %u pins / %llu pages behind",
		      st.nr_pins, (unsigned long long)st.nr_pages);
	ck_assert_msg(glt_vmstat_pins_held() == pins0,
		      "nr_foll_pin_acquired - released moved");
	close(e->fd);
	munmap(e->buf, 4 * PAGE_SZ);
}

static void expect_pin_errno(struct abi_env *e, struct glt_pin *p,
			     unsigned long cmd, int want, const char *what)
{
	int ret = ioctl(e->fd, cmd, p);

	ck_assert_msg(ret == -1 && errno == want, "%s: expected -%s, got %s%s",
		      what, strerrorname_np(want), ret ? "-" : "success",
		      ret ? strerrorname_np(errno) : "");
}

static struct glt_pin good_pin(struct abi_env *e)
{
	struct glt_pin p = {
		.addr = (uint64_t)(uintptr_t)e->buf,
		.nr_pages = 4,
	};

	return p;
}

static void abi_pin_arguments(void)
{
	static const unsigned long cmds[] = { GLT_IOC_PIN_LONGTERM,
					      GLT_IOC_PIN_TRANSIENT };
	long long pins0 = glt_vmstat_pins_held();
	struct abi_env e;
	struct glt_pin p;

	env_open(&e);
	for (int i = 0; i < 2; i++) {
		p = good_pin(&e);
		p.flags = ~GLT_PIN_FLAGS_ALL & 0xffffffffU;
		expect_pin_errno(&e, &p, cmds[i], EINVAL, "unknown flag bits");
		for (int r = 0; r < 4; r++) {
			p = good_pin(&e);
			p.reserved[r] = 1;
			expect_pin_errno(&e, &p, cmds[i], EINVAL,
					 "non-zero reserved field");
		}
		p = good_pin(&e);
		p.addr += 1;
		expect_pin_errno(&e, &p, cmds[i], EINVAL, "unaligned address");
		p = good_pin(&e);
		p.nr_pages = 0;
		expect_pin_errno(&e, &p, cmds[i], EINVAL, "zero pages");
		p = good_pin(&e);
		p.nr_pages = GLT_MAX_PAGES_PER_PIN + 1;
		expect_pin_errno(&e, &p, cmds[i], E2BIG, "too many pages");
		p = good_pin(&e);
		p.addr = UINT64_MAX & ~(PAGE_SZ - 1);
		expect_pin_errno(&e, &p, cmds[i], EINVAL, "wrapping range");
		ck_assert_msg(ioctl(e.fd, cmds[i], NULL) == -1 &&
				      errno == EFAULT,
			      "NULL argument: expected -EFAULT, got %s",
			      strerrorname_np(errno));
	}
	p = good_pin(&e);
	p.flags = GLT_PIN_GET;
	expect_pin_errno(&e, &p, GLT_IOC_PIN_LONGTERM, EINVAL,
			 "long-term GET (refused before GUP)");
	env_close(&e, pins0);
}

static void abi_unpin_and_query(void)
{
	long long pins0 = glt_vmstat_pins_held();
	struct glt_page_info info[4];
	struct glt_unpin u = { 0 };
	struct glt_query q = { 0 };
	struct abi_env e;
	struct glt_pin p;
	int fd2;

	env_open(&e);
	p = good_pin(&e);
	ck_assert_msg(!ioctl(e.fd, GLT_IOC_PIN_TRANSIENT, &p) &&
			      p.nr_pinned == 4,
		      "pin: %s", strerror(errno));

	u.handle = GLT_HANDLE_NONE;
	ck_assert_msg(ioctl(e.fd, GLT_IOC_UNPIN, &u) == -1 && errno == EINVAL,
		      "UNPIN of handle 0: %s", strerrorname_np(errno));
	u.handle = p.handle + 1000;
	ck_assert_msg(ioctl(e.fd, GLT_IOC_UNPIN, &u) == -1 && errno == EINVAL,
		      "UNPIN of an unknown handle: %s", strerrorname_np(errno));
	u.handle = p.handle;
	u.reserved = 1;
	ck_assert_msg(ioctl(e.fd, GLT_IOC_UNPIN, &u) == -1 && errno == EINVAL,
		      "UNPIN with reserved set: %s", strerrorname_np(errno));

	/* Handles belong to their open file. */
	fd2 = glt_dev_open();
	ck_assert(fd2 >= 0);
	u.reserved = 0;
	ck_assert_msg(ioctl(fd2, GLT_IOC_UNPIN, &u) == -1 && errno == EINVAL,
		      "UNPIN of another file's handle: %s",
		      strerrorname_np(errno));
	ck_assert_msg(glt_dev_query(fd2, p.handle, 0, 4, info) == -1 &&
			      errno == EINVAL,
		      "QUERY of another file's handle");
	close(fd2);

	q.handle = p.handle;
	q.count = 4;
	q.info = (uint64_t)(uintptr_t)info;
	q.first = 4;
	ck_assert_msg(ioctl(e.fd, GLT_IOC_QUERY, &q) == -1 && errno == EINVAL,
		      "QUERY beyond the pin: %s", strerrorname_np(errno));
	q.first = 0;
	q.count = 0;
	ck_assert_msg(ioctl(e.fd, GLT_IOC_QUERY, &q) == -1 && errno == EINVAL,
		      "QUERY of 0 entries: %s", strerrorname_np(errno));
	q.count = 4;
	q.reserved[1] = 1;
	ck_assert_msg(ioctl(e.fd, GLT_IOC_QUERY, &q) == -1 && errno == EINVAL,
		      "QUERY with reserved set: %s", strerrorname_np(errno));
	q.reserved[1] = 0;
	q.info = 0x10; /* unmapped user address */
	ck_assert_msg(ioctl(e.fd, GLT_IOC_QUERY, &q) == -1 && errno == EFAULT,
		      "QUERY into a bad buffer: %s", strerrorname_np(errno));
	/* Clamped: asking for 100 entries from page 2 gives 2. */
	ck_assert_int_eq(glt_dev_query(e.fd, p.handle, 2, 100, info), 2);

	ck_assert_msg(ioctl(e.fd, _IO(GLT_IOC_MAGIC, 99)) == -1 &&
			      errno == ENOTTY,
		      "unknown ioctl: %s", strerrorname_np(errno));

	ck_assert(!glt_dev_unpin(e.fd, p.handle));
	ck_assert_msg(glt_dev_unpin(e.fd, p.handle) == -1 && errno == EINVAL,
		      "double UNPIN: %s", strerrorname_np(errno));
	env_close(&e, pins0);
}

static void abi_limits_and_status(void)
{
	long long pins0 = glt_vmstat_pins_held();
	struct glt_status st;
	struct abi_env e;
	struct glt_pin p;
	unsigned int i;

	env_open(&e);
	ck_assert(!glt_dev_status(e.fd, &st));
	ck_assert_uint_eq(st.abi_version, GLT_ABI_VERSION);
	ck_assert_uint_eq(st.max_pages_per_pin, GLT_MAX_PAGES_PER_PIN);
	ck_assert_uint_eq(st.max_pins_per_file, GLT_MAX_PINS_PER_FILE);
	for (i = 0; i < 4; i++)
		ck_assert(!st.reserved[i]);
	/* Fill the table with one-page pins; the next one is refused. */
	for (i = 0; i < GLT_MAX_PINS_PER_FILE; i++) {
		p = good_pin(&e);
		p.nr_pages = 1;
		ck_assert_msg(!ioctl(e.fd, GLT_IOC_PIN_TRANSIENT, &p),
			      "pin %u of %u: %s", i, GLT_MAX_PINS_PER_FILE,
			      strerror(errno));
	}
	ck_assert(!glt_dev_status(e.fd, &st));
	ck_assert_uint_eq(st.nr_pins, GLT_MAX_PINS_PER_FILE);
	ck_assert_uint_eq(st.nr_pages, GLT_MAX_PINS_PER_FILE);
	p = good_pin(&e);
	p.nr_pages = 1;
	expect_pin_errno(&e, &p, GLT_IOC_PIN_TRANSIENT, ENOSPC, "a full table");
	/* close() releases all of them. */
	close(e.fd);
	ck_assert_msg(glt_vmstat_pins_held() == pins0,
		      "close() of a file with %u pins did not release them",
		      GLT_MAX_PINS_PER_FILE);
	e.fd = glt_dev_open();
	env_close(&e, pins0);
}

/*
 * GLT_PIN_PROBE: every GUP path pins and releases in one ioctl, no handle,
 * nothing held after it (not even with a full table); errors are GUP's or
 * the argument checks' as without it.
 */
static void abi_probe(void)
{
	static const unsigned int paths[] = {
		0,
		GLT_PIN_FAST,
		GLT_PIN_GET,
		GLT_PIN_GET | GLT_PIN_FAST,
		GLT_PIN_WRITE,
		GLT_PIN_WRITE | GLT_PIN_FAST,
	};
	long long pins0 = glt_vmstat_pins_held();
	struct glt_status st;
	struct abi_env e;
	struct glt_pin p;

	env_open(&e);
	for (unsigned int i = 0; i < 2 * sizeof(paths) / sizeof(paths[0]);
	     i++) {
		unsigned long cmd = i % 2 ? GLT_IOC_PIN_LONGTERM :
					    GLT_IOC_PIN_TRANSIENT;

		if (cmd == GLT_IOC_PIN_LONGTERM && (paths[i / 2] & GLT_PIN_GET))
			continue;
		p = good_pin(&e);
		p.flags = paths[i / 2] | GLT_PIN_PROBE;
		p.handle = 77; /* an output: ignored */
		ck_assert_msg(!ioctl(e.fd, cmd, &p), "probe, flags %#x: %s",
			      p.flags, strerror(errno));
		ck_assert_msg(p.nr_pinned == 4 && p.handle == GLT_HANDLE_NONE,
			      "probe, flags %#x: %llu pinned, handle %u",
			      p.flags, (unsigned long long)p.nr_pinned,
			      p.handle);
		ck_assert_msg(glt_vmstat_pins_held() == pins0,
			      "probe, flags %#x: pins still held", p.flags);
		ck_assert(!glt_dev_status(e.fd, &st));
		ck_assert_uint_eq(st.nr_pins, 0);
	}
	/* The argument checks hold as without it. */
	p = good_pin(&e);
	p.flags = GLT_PIN_PROBE | GLT_PIN_GET;
	expect_pin_errno(&e, &p, GLT_IOC_PIN_LONGTERM, EINVAL,
			 "a long-term GET probe");
	p = good_pin(&e);
	p.flags = GLT_PIN_PROBE;
	p.reserved[0] = 1;
	expect_pin_errno(&e, &p, GLT_IOC_PIN_TRANSIENT, EINVAL,
			 "a probe with reserved set");
	p = good_pin(&e);
	p.flags = GLT_PIN_PROBE;
	p.addr = 0x10000; /* no VMA: GUP's -EFAULT */
	expect_pin_errno(&e, &p, GLT_IOC_PIN_TRANSIENT, EFAULT,
			 "a probe of unmapped memory");
	/* A probe needs no room in the table. */
	for (unsigned int i = 0; i < GLT_MAX_PINS_PER_FILE; i++) {
		p = good_pin(&e);
		p.nr_pages = 1;
		ck_assert(!ioctl(e.fd, GLT_IOC_PIN_TRANSIENT, &p));
	}
	p = good_pin(&e);
	p.flags = GLT_PIN_PROBE;
	ck_assert_msg(!ioctl(e.fd, GLT_IOC_PIN_TRANSIENT, &p) &&
			      p.nr_pinned == 4,
		      "a probe with a full table: %s", strerror(errno));
	close(e.fd);
	e.fd = glt_dev_open();
	env_close(&e, pins0);
}

/* A PIN into kernel memory: the kernel's -EFAULT, nothing pinned. */
static void abi_kernel_address(void)
{
	long long pins0 = glt_vmstat_pins_held();
	struct abi_env e;
	struct glt_pin p;

	env_open(&e);
	for (unsigned int flags = 0; flags <= GLT_PIN_FLAGS_ALL; flags++) {
		p = good_pin(&e);
		p.addr = 0xffffffff81000000ULL; /* x86_64 kernel text */
		p.flags = flags;
		expect_pin_errno(&e, &p, GLT_IOC_PIN_TRANSIENT, EFAULT,
				 "kernel address");
	}
	env_close(&e, pins0);
}

/*
 * MAPPING_LEVEL: a touched 4 KiB page is PTE-mapped, a hole is nothing,
 * addresses beyond TASK_SIZE and reserved fields are refused, a bad
 * argument pointer is -EFAULT, and the output field is ignored on input.
 */
static void abi_mapping_level(void)
{
	long long pins0 = glt_vmstat_pins_held();
	struct glt_mapping_level q;
	struct abi_env e;
	char *hole;

	env_open(&e);
	q = (struct glt_mapping_level){ .addr = (uintptr_t)e.buf,
					.level = 0xffff };
	ck_assert_msg(!ioctl(e.fd, GLT_IOC_MAPPING_LEVEL, &q),
		      "MAPPING_LEVEL of a touched page: %s",
		      strerrorname_np(errno));
	ck_assert_uint_eq(q.level, GLT_LEVEL_PTE);

	hole = mmap(NULL, PAGE_SZ, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	ck_assert(hole != MAP_FAILED);
	munmap(hole, PAGE_SZ);
	q = (struct glt_mapping_level){ .addr = (uintptr_t)hole };
	ck_assert(!ioctl(e.fd, GLT_IOC_MAPPING_LEVEL, &q));
	ck_assert_uint_eq(q.level, GLT_LEVEL_NONE);

	q = (struct glt_mapping_level){ .addr = 0xffffffff81000000ULL };
	ck_assert_msg(ioctl(e.fd, GLT_IOC_MAPPING_LEVEL, &q) == -1 &&
			      errno == EINVAL,
		      "kernel address: %s", strerrorname_np(errno));
	q = (struct glt_mapping_level){ .addr = (uintptr_t)e.buf,
					.reserved0 = 1 };
	ck_assert_msg(ioctl(e.fd, GLT_IOC_MAPPING_LEVEL, &q) == -1 &&
			      errno == EINVAL,
		      "reserved0 set: %s", strerrorname_np(errno));
	q = (struct glt_mapping_level){ .addr = (uintptr_t)e.buf,
					.reserved[1] = 1 };
	ck_assert_msg(ioctl(e.fd, GLT_IOC_MAPPING_LEVEL, &q) == -1 &&
			      errno == EINVAL,
		      "reserved[1] set: %s", strerrorname_np(errno));
	ck_assert_msg(ioctl(e.fd, GLT_IOC_MAPPING_LEVEL, NULL) == -1 &&
			      errno == EFAULT,
		      "NULL argument: %s", strerrorname_np(errno));
	env_close(&e, pins0);
}

/* Drop one capability from this process's effective set. */
static int drop_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[cap / 32].effective &= ~(1U << (cap % 32));
	return (int)syscall(SYS_capset, &hdr, data);
}

/*
 * Root without CAP_IPC_LOCK may not open the device, whatever its mode;
 * without CAP_SYS_ADMIN it may pin, but QUERY hides pfns.
 */
static void abi_capabilities(void)
{
	int status;
	pid_t pid = fork();

	ck_assert(pid >= 0);
	if (pid == 0) {
		if (drop_cap(CAP_IPC_LOCK))
			_exit(10);
		_exit(glt_dev_open() == -1 && errno == EPERM ? 0 : 11);
	}
	ck_assert(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
	ck_assert_msg(WEXITSTATUS(status) == 0,
		      "open() without CAP_IPC_LOCK was not refused with -EPERM (child exit %d)",
		      WEXITSTATUS(status));

	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		struct glt_page_info info;
		struct glt_pin p;
		char *buf = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int fd;

		if (buf == MAP_FAILED || drop_cap(CAP_SYS_ADMIN))
			_exit(10);
		buf[0] = 1;
		fd = glt_dev_open();
		if (fd < 0 || glt_dev_pin(fd, 0, buf, 1, 0, &p))
			_exit(11);
		memset(&info, 0xa5, sizeof(info));
		if (glt_dev_query(fd, p.handle, 0, 1, &info) != 1)
			_exit(12);
		_exit(info.pfn == 0 && !(info.flags & GLT_PAGE_PFN_VALID) ? 0 :
									    13);
	}
	ck_assert(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
	ck_assert_msg(WEXITSTATUS(status) == 0,
		      "without CAP_SYS_ADMIN, QUERY must hide the pfn (child exit %d)",
		      WEXITSTATUS(status));
}

/* Everything the driver copies out is fully written: poison, then look. */
static void abi_no_uninitialised_bytes(void)
{
	long long pins0 = glt_vmstat_pins_held();
	struct glt_page_info info[4];
	struct glt_status st;
	struct abi_env e;
	struct glt_pin p;

	env_open(&e);
	p = good_pin(&e);
	ck_assert(!ioctl(e.fd, GLT_IOC_PIN_TRANSIENT, &p));
	memset(info, 0xa5, sizeof(info));
	ck_assert_int_eq(glt_dev_query(e.fd, p.handle, 0, 4, info), 4);
	for (int i = 0; i < 4; i++) {
		ck_assert_uint_eq(info[i].reserved, 0);
		ck_assert_int_eq(info[i].folio_pincount, -1);
		ck_assert_uint_lt(info[i].zone, GLT_ZONE_DEVICE + 1);
		ck_assert_uint_eq(info[i].flags & ~0x3fU, 0);
	}
	memset(&st, 0xa5, sizeof(st));
	ck_assert(!ioctl(e.fd, GLT_IOC_STATUS, &st));
	for (int i = 0; i < 4; i++)
		ck_assert_msg(!st.reserved[i], "STATUS reserved[%d] = %#llx", i,
			      (unsigned long long)st.reserved[i]);
	ck_assert(!glt_dev_unpin(e.fd, p.handle));
	env_close(&e, pins0);
}

const struct glt_abi_case glt_abi_cases[] = {
	{ "abi/capabilities", abi_capabilities },
	{ "abi/no-uninitialised-bytes", abi_no_uninitialised_bytes },
	{ "abi/pin-arguments", abi_pin_arguments },
	{ "abi/unpin-and-query", abi_unpin_and_query },
	{ "abi/limits-and-status", abi_limits_and_status },
	{ "abi/probe", abi_probe },
	{ "abi/kernel-address", abi_kernel_address },
	{ "abi/mapping-level", abi_mapping_level },
};
const unsigned int glt_abi_cases_count =
	sizeof(glt_abi_cases) / sizeof(glt_abi_cases[0]);
