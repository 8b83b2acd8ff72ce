// SPDX-License-Identifier: GPL-2.0
/*
 * The oracle's consumers: the kernel's own long-term pinners over a range
 * (io_uring fixed buffers, V4L2 USERPTR buffers, get_vaddr_frames() called
 * directly, RDMA memory registration). Each makes its GUP call, which the
 * pin rules judge (oracle_pin.c), and its table says what it makes of the
 * result.
 */
#include <errno.h>
#include <string.h>

#include "oracle_rules.h"

/* The conditions of the consumers' rules: their GUP call's result. */
static bool match_gup_error(const struct glt_query *q)
{
	return q->gup->error != 0;
}

static bool match_gup_pinned(const struct glt_query *q)
{
	return !q->gup->error;
}

/* GUP pinned the leading VMAs only (after an error: none). */
static bool match_partial(const struct glt_query *q)
{
	return q->gup->nr_pinned < glt_mem_pages(q->seg, q->nseg);
}

/* io_uring before v6.5: only anonymous memory, shmem and hugetlbfs. */
static bool match_file_backed(const struct glt_query *q)
{
	for (unsigned int i = 0; i < q->nseg; i++)
		if (q->seg[i].backing != GLT_BACKING_ANON &&
		    q->seg[i].backing != GLT_BACKING_THP &&
		    q->seg[i].backing != GLT_BACKING_SHMEM &&
		    q->seg[i].backing != GLT_BACKING_HUGETLB)
			return true;
	return false;
}

static bool match_first_vma_fsdax(const struct glt_query *q)
{
	return q->nseg && q->seg[0].fsdax;
}

/*
 * The consumer's verdict: the first of its rules that holds, over the
 * pages its GUP calls ended with (nothing, for a verdict before any GUP
 * call), with the rule's errno or GUP's.
 */
static struct glt_expect consumer_verdict(const struct glt_rule *rules,
					  unsigned int n,
					  const struct glt_query *q,
					  const struct glt_expect *result)
{
	const struct glt_rule *r = glt_rule_first(rules, n, q);
	struct glt_expect e = *result;

	/* every table has a general rule: one always holds */
	if (r->before_gup)
		memset(&e, 0, sizeof(e));
	if (r->error != GLT_ERRNO_OF_GUP)
		e.error = r->error;
	e.rule = r;
	return e;
}

/* What pin_user_pages*(FOLL_WRITE | FOLL_LONGTERM) does with the range. */
static struct glt_expect longterm_write(const struct glt_kernel_facts *kf,
					enum glt_api api,
					const struct glt_mem_facts *seg,
					unsigned int nseg)
{
	struct glt_case c;

	glt_case_init(&c, GLT_KIND_ANON, api, GLT_ACCESS_WRITE, GLT_SPAN_MANY);
	return glt_oracle_pin(kf, &c, seg, nseg);
}

const struct glt_rule glt_io_uring_rules[] = {
	[URING_REGISTERED] = {
		.id = "io-uring-registered",
		.when = "IORING_REGISTER_BUFFERS of memory every rule below allows",
		.verdict = "registered",
		.cite = "io_uring/rsrc.c io_sqe_buffer_register()",
		.source = "io_uring/rsrc.c io_sqe_buffer_register() -> io_pin_pages(): FOLL_WRITE | FOLL_LONGTERM",

		.general = true,
	},
	[URING_GUP_ERROR] = {
		.id = "io-uring-gup-error",
		.when = "the long-term write pin fails in GUP (fsdax, a page-cache write on v6.5+, PFNMAP, ...)",
		.verdict = "GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "io_uring/rsrc.c io_pin_pages() returns GUP's errno",
		.source = "io_pin_pages(): pin_user_pages() (io_uring/rsrc.c, v6.1) / pin_user_pages_fast() (io_uring/memmap.c, v6.10+) with FOLL_WRITE | FOLL_LONGTERM",

		.match = match_gup_error,
		.error = GLT_ERRNO_OF_GUP,
	},
	[URING_PARTIAL] = {
		.id = "io-uring-partial",
		.when = "GUP pins only part of the buffer (a later VMA refused)",
		.verdict = "-EFAULT",
		.cite = "io_uring io_pin_pages(): partial pin -> -EFAULT",
		.source = "io_pin_pages(): \"ret = pret < 0 ? pret : -EFAULT\" (v6.1) / \"partial map ... ret = -EFAULT\" (io_uring/memmap.c, v6.10+)",

		.match = match_partial,
		.error = EFAULT,
	},
	[URING_FILE_BACKED] = {
		.id = "io-uring-file-backed",
		.when = "a buffer in a file-backed VMA other than shmem or hugetlbfs (page cache, device-DAX, private file mappings), v6.1",
		.verdict = "-EOPNOTSUPP (\"don't support file backed memory\")",
		.cite = "io_uring/rsrc.c io_pin_pages() vm_file check (before v6.5)",
		.source = "io_uring/rsrc.c io_pin_pages(): !vma_is_shmem() && !is_file_hugepages() -> -EOPNOTSUPP; removed in v6.5 when GUP itself refused dirty-tracked file pins (\"io_uring: rsrc: delegate VMA file-backed check to GUP\")",
		.until = GLT_KV(6, 5),

		.match = match_file_backed,
		.error = EOPNOTSUPP,
	},
	[URING_PINS_FAST] = {
		.id = "io-uring-pins-fast",
		.when = "the GUP call of io_pin_pages(), which the rules above judge",
		.verdict = "pin_user_pages_fast(FOLL_WRITE | FOLL_LONGTERM) (before: pin_user_pages(), the slow path)",
		.cite = "io_uring/memmap.c io_pin_pages() pin_user_pages_fast()",
		.source = "io_uring/memmap.c io_pin_pages(): pin_user_pages_fast(uaddr, nr_pages, FOLL_WRITE | FOLL_LONGTERM, pages); io_uring/rsrc.c io_pin_pages() called pin_user_pages() under mmap_read_lock() before",
		.since = GLT_KV(6, 10),
	},
};

const struct glt_rule glt_frame_vector_rules[] = {
	[FV_PINNED] = {
		.id = "frame-vector-pinned",
		.when = "get_vaddr_frames(write) of memory the long-term write pin allows, up to the first VMA it refuses",
		.verdict = "the number of frames pinned: all, or those of the leading VMAs (a partial count, not an error)",
		.cite = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames()",
		.source = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames(): ret = pin_user_pages_fast(FOLL_FORCE | FOLL_WRITE | FOLL_LONGTERM) on v6.1, (FOLL_LONGTERM | FOLL_WRITE) on v6.12; \"if (likely(ret > 0)) return ret\"",

		.general = true,
	},
	[FV_FSDAX_FIRST_VMA] = {
		.id = "frame-vector-fsdax-first-vma",
		.when = "get_vaddr_frames() whose first VMA is filesystem-DAX (private COW copies too), on a kernel that checks the VMA itself",
		.verdict = "-EOPNOTSUPP before any pin",
		.cite = "mm/frame_vector.c get_vaddr_frames() vma_is_fsdax()",
		.source = "v5.10 mm/frame_vector.c get_vaddr_frames(): vma = find_vma_intersection(mm, start, start + 1); \"if (vma_is_fsdax(vma)) { ret = -EOPNOTSUPP;\"",
		.until = GLT_KV(5, 11),

		.match = match_first_vma_fsdax,
		.error = EOPNOTSUPP,
		.before_gup = true,
	},
	[FV_GUP_ERROR] = {
		.id = "frame-vector-gup-error",
		.when = "the long-term write pin of the first page fails in GUP",
		.verdict = "GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "frame_vector.c get_vaddr_frames(): \"return ret ? ret : -EFAULT\"",
		.source = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames(): a negative pin_user_pages_fast() result is returned as is, 0 pages as -EFAULT",

		.match = match_gup_error,
		.error = GLT_ERRNO_OF_GUP,
	},
	[FV_TRANSIENT] = {
		.id = "frame-vector-transient",
		.when = "get_vaddr_frames() on a kernel where it pins with the caller's flags, which videobuf2 gives as FOLL_FORCE | FOLL_WRITE: no FOLL_LONGTERM",
		.verdict = "what a transient write pin of the range gives: every VMA pinned, fsdax pages of a later VMA too (only the first VMA is checked for fsdax)",
		.cite = "mm/frame_vector.c get_vaddr_frames() pin_user_pages_locked(gup_flags)",
		.source = "v5.10 mm/frame_vector.c get_vaddr_frames(): \"ret = pin_user_pages_locked(start, nr_frames, gup_flags, ...)\"; videobuf2-memops.c vb2_create_framevec(): \"unsigned int flags = FOLL_FORCE | FOLL_WRITE\"",
		.note = "FOLL_LONGTERM from \"mm/frame-vector: Use FOLL_LONGTERM\" on",
		.until = GLT_KV(5, 11),

		.match = match_gup_pinned,
	},
};

const struct glt_rule glt_v4l2_rules[] = {
	[V4L2_QUEUED] = {
		.id = "v4l2-userptr-queued",
		.when = "VIDIOC_QBUF of a V4L2_MEMORY_USERPTR capture buffer (vivid, videobuf2-vmalloc) in memory the long-term write pin allows",
		.verdict = "queued",
		.cite = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames()",
		.source = "drivers/media/common/videobuf2/videobuf2-vmalloc.c vb2_vmalloc_get_userptr() -> videobuf2-memops.c vb2_create_framevec() -> frame_vector.c get_vaddr_frames(): pin_user_pages_fast(FOLL_FORCE | FOLL_WRITE | FOLL_LONGTERM) on v6.1; on v6.12 pin_user_pages_fast(FOLL_LONGTERM), with FOLL_WRITE for a capture buffer (get_vaddr_frames() grew its write argument in between)",

		.general = true,
	},
	[V4L2_GUP_ERROR] = {
		.id = "v4l2-userptr-gup-error",
		.when = "the long-term write pin of the buffer's first page fails in GUP (fsdax, a page-cache write on v6.5+, PFNMAP)",
		.verdict = "VIDIOC_QBUF fails with GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "videobuf2-core.c __prepare_userptr(): PTR_ERR(get_userptr())",
		.source = "drivers/media/common/videobuf2/frame_vector.c get_vaddr_frames() returns GUP's errno; videobuf2-core.c __prepare_userptr(): \"failed acquiring userspace memory\", ret = PTR_ERR(mem_priv), returned by VIDIOC_QBUF",

		.match = match_gup_error,
		.error = GLT_ERRNO_OF_GUP,
	},
	[V4L2_PARTIAL] = {
		.id = "v4l2-userptr-partial",
		.when = "GUP pins only the leading part of the buffer (a later VMA refused)",
		.verdict = "-EFAULT",
		.cite = "videobuf2-memops.c vb2_create_framevec(): only a complete set",
		.source = "drivers/media/common/videobuf2/videobuf2-memops.c vb2_create_framevec(): \"We accept only complete set of PFNs\": ret != nr -> put_vaddr_frames(), -EFAULT",

		.match = match_partial,
		.error = EFAULT,
	},
};

const struct glt_rule glt_rdma_rules[] = {
	[RDMA_REGISTERED] = {
		.id = "rdma-reg-mr-registered",
		.when = "ibv_reg_mr(IBV_ACCESS_LOCAL_WRITE) of memory the long-term write pin allows",
		.verdict = "registered",
		.cite = "drivers/infiniband/core/umem.c __ib_umem_get_va()",
		.source = "drivers/infiniband/core/umem.c __ib_umem_get_va() (rxe: rxe_mr.c -> ib_umem_get_va()): pin_user_pages_fast(FOLL_LONGTERM | FOLL_WRITE for a writable region), in chunks of PAGE_SIZE / sizeof(struct page *) pages",
		.older = {
			{ GLT_KV(7, 0), "drivers/infiniband/core/umem.c ib_umem_get()",
			  "drivers/infiniband/core/umem.c ib_umem_get(): pin_user_pages_fast(FOLL_LONGTERM | FOLL_WRITE), in chunks of PAGE_SIZE / sizeof(struct page *) pages (v5.10, v6.1: FOLL_WRITE always, FOLL_FORCE when not writable)" },
		},

		.general = true,
	},
	[RDMA_GUP_ERROR] = {
		.id = "rdma-reg-mr-gup-error",
		.when = "the long-term write pin of the region's first page fails in GUP (fsdax, a page-cache write on v6.5+, PFNMAP)",
		.verdict = "ibv_reg_mr fails with GUP's errno (-EOPNOTSUPP for fsdax)",
		.cite = "drivers/infiniband/core/umem.c ib_umem_get() / __ib_umem_get_va(): ret = pinned",
		.source = "drivers/infiniband/core/umem.c ib_umem_get(): \"if (pinned < 0) { ret = pinned; goto umem_release; }\", returned through the uverbs REG_MR command",

		.match = match_gup_error,
		.error = GLT_ERRNO_OF_GUP,
	},
	[RDMA_REFUSED_LATER] = {
		.id = "rdma-reg-mr-refused-later",
		.when = "GUP pins the leading VMAs of the region and refuses a later one",
		.verdict = "the later VMA's errno: ib_umem_get() pins on from where the short pin stopped",
		.cite = "drivers/infiniband/core/umem.c ib_umem_get() / __ib_umem_get_va() pin loop",
		.source = "drivers/infiniband/core/umem.c ib_umem_get(): cur_base += pinned * PAGE_SIZE, so the next pin_user_pages_fast() starts in the refused VMA and returns its error; umem_release unpins everything",

		.match = match_partial,
		.error = GLT_ERRNO_OF_GUP,
	},
};

struct glt_expect glt_oracle_io_uring(const struct glt_kernel_facts *kf,
				      const struct glt_mem_facts *seg,
				      unsigned int nseg)
{
	bool fast = glt_rule_applies(&glt_io_uring_rules[URING_PINS_FAST],
				     kf->version);
	struct glt_expect g = longterm_write(kf,
					     fast ? GLT_API_PIN_LONGTERM_FAST :
						    GLT_API_PIN_LONGTERM,
					     seg, nseg);
	struct glt_query q = { .kf = kf, .seg = seg, .nseg = nseg, .gup = &g };

	return consumer_verdict(glt_io_uring_rules, N(glt_io_uring_rules), &q,
				&g);
}

/*
 * get_vaddr_frames(), for V4L2 USERPTR and the direct calls: its GUP call
 * is a long-term write pin (GUP-fast), or, where frame-vector-transient
 * holds, a transient FOLL_FORCE | FOLL_WRITE pin through the slow path.
 */
struct glt_expect glt_oracle_frame_vector(const struct glt_kernel_facts *kf,
					  const struct glt_mem_facts *seg,
					  unsigned int nseg)
{
	bool transient = glt_rule_applies(&glt_frame_vector_rules[FV_TRANSIENT],
					  kf->version);
	struct glt_expect g = longterm_write(kf,
					     transient ?
						     GLT_API_PIN_TRANSIENT :
						     GLT_API_PIN_LONGTERM_FAST,
					     seg, nseg);
	struct glt_query q = { .kf = kf, .seg = seg, .nseg = nseg, .gup = &g };

	return consumer_verdict(glt_frame_vector_rules,
				N(glt_frame_vector_rules), &q, &g);
}

/*
 * VIDIOC_QBUF calls get_vaddr_frames(): a verdict it gives before any GUP
 * call is the ioctl's; the V4L2 rules judge what its GUP call gave.
 */
struct glt_expect glt_oracle_v4l2_userptr(const struct glt_kernel_facts *kf,
					  const struct glt_mem_facts *seg,
					  unsigned int nseg)
{
	struct glt_expect fv = glt_oracle_frame_vector(kf, seg, nseg);
	struct glt_query q = { .kf = kf, .seg = seg, .nseg = nseg, .gup = &fv };

	if (fv.rule->before_gup)
		return fv;
	return consumer_verdict(glt_v4l2_rules, N(glt_v4l2_rules), &q, &fv);
}

/*
 * ib_umem_get()'s pin loop: pin_user_pages_fast(FOLL_LONGTERM |
 * FOLL_WRITE) of the region, and after a short pin, from where it
 * stopped: GUP stops at a VMA boundary, so the next call starts in the VMA
 * it refused and returns its errno.
 */
static struct glt_expect rdma_pin_loop(const struct glt_kernel_facts *kf,
				       const struct glt_mem_facts *seg,
				       unsigned int nseg,
				       const struct glt_expect *first)
{
	struct glt_expect e = *first;
	unsigned long done = 0;
	unsigned int i = 0;

	if (e.error || e.nr_pinned == glt_mem_pages(seg, nseg))
		return e;
	while (i < nseg && done + seg[i].nr_pages <= e.nr_pinned)
		done += seg[i++].nr_pages;
	e = longterm_write(kf, GLT_API_PIN_LONGTERM_FAST, seg + i, nseg - i);
	if (!e.error) /* cannot happen: GUP refused that VMA just before */
		e.error = EFAULT;
	return e;
}

struct glt_expect glt_oracle_rdma_reg_mr(const struct glt_kernel_facts *kf,
					 const struct glt_mem_facts *seg,
					 unsigned int nseg)
{
	struct glt_expect first =
		longterm_write(kf, GLT_API_PIN_LONGTERM_FAST, seg, nseg);
	struct glt_expect loop = rdma_pin_loop(kf, seg, nseg, &first);
	struct glt_query q = {
		.kf = kf, .seg = seg, .nseg = nseg, .gup = &first
	};

	/* The rules judge the first call; the loop's last gives the errno. */
	return consumer_verdict(glt_rdma_rules, N(glt_rdma_rules), &q, &loop);
}
