// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's ABI contract, case by case: every bad argument that
 * uapi/gup_longterm_test.h documents gets its errno and changes nothing.
 * These expectations come from the header, not from the kernel.
 */
#include "extra_cases.h"

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/capability.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "device.h"
#include "sizes.h"
#include "vmstat.h"

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

/*
 * A page of the kernel's text: _text in /proc/kallsyms (root reads real
 * addresses), or, where it hides them, the first address of x86-64's
 * kernel half, 0xffff800000000000, which lies above every user address of
 * x86-64 (47 bits) and arm64 (up to 52 bits: arch/arm64/Kconfig
 * ARM64_VA_BITS), far enough below the top that a pin's range does not
 * wrap (a wrapping range is -EINVAL, not the kernel's -EFAULT).
 */
static uint64_t kernel_text(void)
{
	static uint64_t addr;
	char line[256], sym[128], type;
	unsigned long long a;
	FILE *f;

	if (addr)
		return addr;
	f = fopen("/proc/kallsyms", "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %127s", &a, &type, sym) == 3 &&
		    !strcmp(sym, "_text") && a) {
			addr = a;
			break;
		}
	if (f)
		fclose(f);
	if (!addr)
		addr = 0xffff800000000000ULL;
	addr &= ~(uint64_t)(PAGE_SZ - 1);
	return addr;
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
		p.addr = kernel_text();
		p.flags = flags;
		expect_pin_errno(&e, &p, GLT_IOC_PIN_TRANSIENT, EFAULT,
				 "kernel address");
	}
	env_close(&e, pins0);
}

/*
 * MAPPING_LEVEL: a touched page is PTE-mapped, a hole is nothing,
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

/*
 * GLT_IOC_DMA_READ / GLT_IOC_DMA_WRITE: the driver, playing a device, reads
 * and writes the pinned pages; the process sees the same bytes through its
 * own mapping of them (anonymous memory, still mapped: the pinned pages are
 * the mapped ones).
 */
#define DMA_LEN (4 * PAGE_SZ) /* good_pin()'s 4 pages */
#define POISON 0xa5

/* A pattern that differs per byte, per page and per seed. */
static void fill(unsigned char *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 131 + (i >> 12) * 17 + seed * 7 + 1);
}

static unsigned char *anon_map(size_t len)
{
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert(p != MAP_FAILED);
	return p;
}

static const char *dma_name(int write)
{
	return write ? "DMA_WRITE" : "DMA_READ";
}

/* The device reads what the process wrote: all, across pages, the end. */
static void dma_reads_process_bytes(struct abi_env *e, uint32_t handle,
				    unsigned char *out, const char *pin)
{
	memset(out, POISON, DMA_LEN);
	ck_assert_msg(!glt_dev_dma(e->fd, 0, handle, 0, DMA_LEN, out),
		      "DMA_READ of the pin %s: %s", pin,
		      strerrorname_np(errno));
	ck_assert_msg(!memcmp(out, e->buf, DMA_LEN),
		      "DMA_READ through pin %s: not the bytes the process wrote",
		      pin);
	/* Unaligned, across a page boundary, nothing beyond length. */
	memset(out, POISON, DMA_LEN);
	ck_assert(!glt_dev_dma(e->fd, 0, handle, PAGE_SZ - 100, 300, out));
	ck_assert_msg(!memcmp(out, e->buf + PAGE_SZ - 100, 300) &&
			      out[300] == POISON,
		      "DMA_READ of 300 bytes across a page boundary");
	/* The last byte of the pin. */
	memset(out, POISON, 2);
	ck_assert(!glt_dev_dma(e->fd, 0, handle, DMA_LEN - 1, 1, out));
	ck_assert(out[0] == (unsigned char)e->buf[DMA_LEN - 1] &&
		  out[1] == POISON);
}

/*
 * The device writes two pages at an unaligned offset (src); the process
 * reads them, and nothing else changed; the device reads them back.
 */
static void dma_write_seen_by_process(struct abi_env *e, uint32_t handle,
				      const unsigned char *src,
				      unsigned char *before, unsigned char *out,
				      const char *pin)
{
	const size_t at = 100, len = 2 * PAGE_SZ;

	memcpy(before, e->buf, DMA_LEN);
	ck_assert_msg(!glt_dev_dma(e->fd, 1, handle, at, len, (void *)src),
		      "DMA_WRITE through pin %s: %s", pin,
		      strerrorname_np(errno));
	ck_assert_msg(!memcmp(e->buf + at, src, len),
		      "the process does not see the bytes DMA_WRITE wrote (pin %s)",
		      pin);
	ck_assert_msg(!memcmp(e->buf, before, at) &&
			      !memcmp(e->buf + at + len, before + at + len,
				      DMA_LEN - at - len),
		      "DMA_WRITE changed bytes outside its range");
	memset(out, POISON, DMA_LEN);
	ck_assert(!glt_dev_dma(e->fd, 0, handle, 0, DMA_LEN, out));
	ck_assert_msg(!memcmp(out, e->buf, DMA_LEN),
		      "DMA_READ after DMA_WRITE");
}

static void abi_dma_round_trip(void)
{
	static const struct {
		int longterm;
		unsigned int flags;
	} pins[] = {
		{ 1, 0 },
		{ 1, GLT_PIN_WRITE },
		{ 1, GLT_PIN_WRITE | GLT_PIN_FAST },
		{ 0, GLT_PIN_FAST },
		{ 0, GLT_PIN_WRITE },
		{ 0, GLT_PIN_GET },
		{ 0, GLT_PIN_GET | GLT_PIN_FAST | GLT_PIN_WRITE },
	};
	long long pins0 = glt_vmstat_pins_held();
	unsigned char *out = anon_map(DMA_LEN), *src = anon_map(DMA_LEN);
	unsigned char *before = anon_map(DMA_LEN);
	struct abi_env e;
	struct glt_pin p;

	env_open(&e);
	for (unsigned int i = 0; i < sizeof(pins) / sizeof(pins[0]); i++) {
		unsigned int fl = pins[i].flags;
		char pin[32];

		snprintf(pin, sizeof(pin), "%d/%#x", pins[i].longterm, fl);
		/* The process writes; the device reads what it wrote. */
		fill((unsigned char *)e.buf, DMA_LEN, i);
		ck_assert_msg(!glt_dev_pin(e.fd, pins[i].longterm, e.buf, 4, fl,
					   &p) &&
				      p.nr_pinned == 4,
			      "pin %s: %s", pin, strerror(errno));
		dma_reads_process_bytes(&e, p.handle, out, pin);
		if (fl & GLT_PIN_WRITE) {
			fill(src, DMA_LEN, 100 + i);
			dma_write_seen_by_process(&e, p.handle, src, before,
						  out, pin);
		}
		ck_assert(!glt_dev_unpin(e.fd, p.handle));
	}
	munmap(out, DMA_LEN);
	munmap(src, DMA_LEN);
	munmap(before, DMA_LEN);
	env_close(&e, pins0);
	glt_case_note(false,
		      "DMA_READ and DMA_WRITE through %zu kinds of pin of anonymous memory",
		      sizeof(pins) / sizeof(pins[0]));
}

/* The state a refused DMA call must leave as it was. */
struct dma_state {
	struct abi_env *e;
	unsigned char *snapshot; /* the pinned pages' bytes */
	unsigned char *out;	 /* a read's destination, POISON */
	unsigned int nr_pins;
};

static void dma_unchanged(const struct dma_state *st, const char *what)
{
	struct glt_status status;

	ck_assert_msg(!memcmp(st->e->buf, st->snapshot, DMA_LEN),
		      "%s changed the pinned pages", what);
	for (size_t i = 0; i < DMA_LEN; i++)
		ck_assert_msg(st->out[i] == POISON,
			      "%s wrote byte %zu of the buffer", what, i);
	ck_assert(!glt_dev_status(st->e->fd, &status));
	ck_assert_msg(status.nr_pins == st->nr_pins, "%s: %u pins held, not %u",
		      what, status.nr_pins, st->nr_pins);
}

static void expect_dma_errno(const struct dma_state *st, int fd, int write,
			     struct glt_dma *d, int want, const char *what)
{
	int ret = ioctl(fd, write ? GLT_IOC_DMA_WRITE : GLT_IOC_DMA_READ, d);
	char msg[160];

	snprintf(msg, sizeof(msg), "%s %s", dma_name(write), what);
	ck_assert_msg(ret == -1 && errno == want, "%s: expected -%s, got %s%s",
		      msg, strerrorname_np(want), ret ? "-" : "success",
		      ret ? strerrorname_np(errno) : "");
	dma_unchanged(st, msg);
}

/* A write through pins taken without FOLL_WRITE: -EPERM, before the bounds. */
static void dma_through_read_pins(struct dma_state *st,
				  const struct glt_pin *rd)
{
	struct abi_env *e = st->e;
	struct glt_dma d = { .handle = rd->handle,
			     .length = DMA_LEN,
			     .buf = (uintptr_t)st->out };

	expect_dma_errno(st, e->fd, 1, &d, EPERM, "through a read pin");
	d.offset = DMA_LEN; /* -EPERM is checked before the bounds */
	expect_dma_errno(st, e->fd, 1, &d, EPERM,
			 "through a read pin, out of bounds");
	for (unsigned int i = 0; i < 4; i++) {
		static const unsigned int read_paths[] = {
			0, GLT_PIN_FAST, GLT_PIN_GET, GLT_PIN_GET | GLT_PIN_FAST
		};
		struct glt_pin r2;

		ck_assert(
			!glt_dev_pin(e->fd, 0, e->buf, 4, read_paths[i], &r2));
		st->nr_pins++;
		d = (struct glt_dma){ .handle = r2.handle,
				      .length = 1,
				      .buf = (uintptr_t)st->out };
		expect_dma_errno(st, e->fd, 1, &d, EPERM,
				 "through a transient read pin");
		ck_assert(!glt_dev_unpin(e->fd, r2.handle));
		st->nr_pins--;
	}
}

/* Reserved bits and fields, and lengths of 0. */
static void dma_bad_fields(const struct dma_state *st, int w,
			   const struct glt_dma *good)
{
	int fd = st->e->fd;
	struct glt_dma d = *good;

	d.flags = 1;
	expect_dma_errno(st, fd, w, &d, EINVAL, "with flags 1");
	d.flags = 0x80000000U;
	expect_dma_errno(st, fd, w, &d, EINVAL, "with flag bit 31");
	for (int r = 0; r < 2; r++) {
		d = *good;
		d.reserved[r] = 1;
		expect_dma_errno(st, fd, w, &d, EINVAL,
				 "with a reserved field set");
	}
	d = *good;
	d.length = 0;
	expect_dma_errno(st, fd, w, &d, EINVAL, "of 0 bytes");
	d.offset = DMA_LEN; /* not even at the end */
	expect_dma_errno(st, fd, w, &d, EINVAL, "of 0 bytes at the end");
}

/* Ranges past the pin, and offset + length that wraps. */
static void dma_bad_ranges(const struct dma_state *st, int w,
			   const struct glt_dma *good)
{
	int fd = st->e->fd;
	struct glt_dma d = *good;

	d.length = DMA_LEN + 1;
	expect_dma_errno(st, fd, w, &d, EINVAL, "one byte longer than the pin");
	d = *good;
	d.offset = DMA_LEN;
	d.length = 1;
	expect_dma_errno(st, fd, w, &d, EINVAL, "of the byte after the pin");
	d.offset = DMA_LEN - 1;
	d.length = 2;
	expect_dma_errno(st, fd, w, &d, EINVAL, "across the end of the pin");
	d.offset = UINT64_MAX;
	d.length = 2;
	expect_dma_errno(st, fd, w, &d, EINVAL, "whose offset + length wraps");
	d.offset = 1;
	d.length = UINT64_MAX;
	expect_dma_errno(st, fd, w, &d, EINVAL, "of UINT64_MAX bytes");
	d.offset = UINT64_MAX - DMA_LEN + 1;
	d.length = DMA_LEN;
	expect_dma_errno(st, fd, w, &d, EINVAL,
			 "whose offset + length is 0 mod 2^64");
}

/* Handles: 0, unknown, released by UNPIN, another open file's. */
static void dma_bad_handles(const struct dma_state *st, int w,
			    const struct glt_dma *good)
{
	int fd = st->e->fd;
	struct glt_dma d = *good;
	struct glt_pin gone;
	int fd2;

	d.handle = GLT_HANDLE_NONE;
	expect_dma_errno(st, fd, w, &d, EINVAL, "of handle 0");
	d.handle = good->handle + 1000;
	expect_dma_errno(st, fd, w, &d, EINVAL, "of an unknown handle");

	/* No access after UNPIN. */
	ck_assert(!glt_dev_pin(fd, 0, st->e->buf, 4, GLT_PIN_WRITE, &gone));
	ck_assert(!glt_dev_unpin(fd, gone.handle));
	d = *good;
	d.handle = gone.handle;
	expect_dma_errno(st, fd, w, &d, EINVAL, "after UNPIN");

	/* Handles belong to their open file. */
	fd2 = glt_dev_open();
	ck_assert(fd2 >= 0);
	d = *good;
	expect_dma_errno(st, fd2, w, &d, EINVAL, "of another file's handle");
	close(fd2);
}

/* The user buffer: unmapped, kernel, NULL argument. */
static void dma_bad_buffers(const struct dma_state *st, int w,
			    const struct glt_dma *good)
{
	int fd = st->e->fd;
	struct glt_dma d = *good;

	d.buf = 0x10;
	expect_dma_errno(st, fd, w, &d, EFAULT, "with an unmapped buffer");
	d.buf = 0xffffffff81000000ULL;
	expect_dma_errno(st, fd, w, &d, EFAULT,
			 "with a kernel address as buffer");
	ck_assert_msg(ioctl(fd, w ? GLT_IOC_DMA_WRITE : GLT_IOC_DMA_READ,
			    NULL) == -1 &&
			      errno == EFAULT,
		      "%s with a NULL argument: %s", dma_name(w),
		      strerrorname_np(errno));
	dma_unchanged(st, "a NULL argument");
}

/* A read into read-only memory: -EFAULT, and nothing written there. */
static void dma_into_read_only(const struct dma_state *st,
			       const struct glt_pin *wr)
{
	unsigned char *ro = mmap(NULL, DMA_LEN, PROT_READ,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct glt_dma d = { .handle = wr->handle,
			     .length = DMA_LEN,
			     .buf = (uintptr_t)ro };

	ck_assert(ro != MAP_FAILED);
	expect_dma_errno(st, st->e->fd, 0, &d, EFAULT, "into read-only memory");
	for (size_t i = 0; i < DMA_LEN; i++)
		ck_assert_msg(!ro[i], "DMA_READ wrote read-only memory");
	munmap(ro, DMA_LEN);
}

/*
 * Every refusal the header documents, in both directions where it applies,
 * each leaving the pinned pages, the buffer and the pin table as they were.
 */
static void abi_dma_arguments(void)
{
	long long pins0 = glt_vmstat_pins_held();
	unsigned char *snapshot = anon_map(DMA_LEN);
	unsigned char *out = anon_map(DMA_LEN);
	struct glt_pin rd, wr;
	struct dma_state st;
	struct abi_env e;

	env_open(&e);
	fill((unsigned char *)e.buf, DMA_LEN, 3);
	memset(out, POISON, DMA_LEN);
	ck_assert(!glt_dev_pin(e.fd, 1, e.buf, 4, 0, &rd));
	ck_assert(!glt_dev_pin(e.fd, 0, e.buf, 4, GLT_PIN_WRITE, &wr));
	memcpy(snapshot, e.buf, DMA_LEN);
	st = (struct dma_state){
		.e = &e, .snapshot = snapshot, .out = out, .nr_pins = 2
	};

	dma_through_read_pins(&st, &rd);
	for (int w = 0; w < 2; w++) {
		const struct glt_dma good = { .handle = wr.handle,
					      .length = DMA_LEN,
					      .buf = (uintptr_t)out };

		dma_bad_fields(&st, w, &good);
		dma_bad_ranges(&st, w, &good);
		dma_bad_handles(&st, w, &good);
		dma_bad_buffers(&st, w, &good);
	}
	dma_into_read_only(&st, &wr);

	/* The pins still work, and close() releases both. */
	ck_assert(!glt_dev_dma(e.fd, 0, rd.handle, 0, DMA_LEN, out));
	ck_assert(!memcmp(out, e.buf, DMA_LEN));
	close(e.fd);
	e.fd = glt_dev_open();
	ck_assert(e.fd >= 0);
	munmap(snapshot, DMA_LEN);
	munmap(out, DMA_LEN);
	env_close(&e, pins0);
}

/*
 * A buffer whose first page can be copied and whose second cannot: the
 * pinned pages are copied in order, one page's part at a time, so the first
 * page's bytes move and -EFAULT stops the copy before the second. That page
 * keeps its bytes: not zero-filled (copy_from_user() pads what it could not
 * fill), and not written at all.
 */
static void abi_dma_partial_fault(void)
{
	long long pins0 = glt_vmstat_pins_held();
	unsigned char *two = anon_map(2 * PAGE_SZ);
	unsigned char *snapshot = anon_map(DMA_LEN);
	struct abi_env e;
	struct glt_pin p;

	env_open(&e);
	fill((unsigned char *)e.buf, DMA_LEN, 5);
	memcpy(snapshot, e.buf, DMA_LEN);
	ck_assert(!glt_dev_pin(e.fd, 1, e.buf, 4, GLT_PIN_WRITE, &p));

	/* DMA_WRITE from [readable page, PROT_NONE page]. */
	fill(two, PAGE_SZ, 9);
	ck_assert(!mprotect(two + PAGE_SZ, PAGE_SZ, PROT_NONE));
	ck_assert_msg(glt_dev_dma(e.fd, 1, p.handle, PAGE_SZ, 2 * PAGE_SZ,
				  two) == -1 &&
			      errno == EFAULT,
		      "DMA_WRITE from a half-readable buffer: %s",
		      strerrorname_np(errno));
	ck_assert_msg(!memcmp(e.buf + PAGE_SZ, two, PAGE_SZ),
		      "the readable page did not reach the pinned page");
	ck_assert_msg(!memcmp(e.buf, snapshot, PAGE_SZ) &&
			      !memcmp(e.buf + 2 * PAGE_SZ,
				      snapshot + 2 * PAGE_SZ, 2 * PAGE_SZ),
		      "DMA_WRITE changed pinned bytes after the fault (zero-filled?)");

	/* DMA_READ into [writable page, read-only page]. */
	memcpy(snapshot, e.buf, DMA_LEN);
	ck_assert(!mprotect(two + PAGE_SZ, PAGE_SZ, PROT_READ));
	memset(two, POISON, PAGE_SZ);
	ck_assert_msg(glt_dev_dma(e.fd, 0, p.handle, 2 * PAGE_SZ, 2 * PAGE_SZ,
				  two) == -1 &&
			      errno == EFAULT,
		      "DMA_READ into a half-writable buffer: %s",
		      strerrorname_np(errno));
	ck_assert_msg(!memcmp(two, e.buf + 2 * PAGE_SZ, PAGE_SZ),
		      "the writable page did not get the pinned bytes");
	for (size_t i = 0; i < PAGE_SZ; i++)
		ck_assert(!two[PAGE_SZ + i]);
	ck_assert(!memcmp(e.buf, snapshot, DMA_LEN));

	ck_assert(!glt_dev_unpin(e.fd, p.handle));
	munmap(two, 2 * PAGE_SZ);
	munmap(snapshot, DMA_LEN);
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
	{ "abi/dma-round-trip", abi_dma_round_trip },
	{ "abi/dma-arguments", abi_dma_arguments },
	{ "abi/dma-partial-fault", abi_dma_partial_fault },
};
GLT_TABLE_COUNT(glt_abi_cases);
