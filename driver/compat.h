/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place where kernel versions differ for this driver. Everything
 * else in driver/ is written against the newest API.
 */
#ifndef GLT_COMPAT_H
#define GLT_COMPAT_H

#include <linux/mm.h>
#include <linux/version.h>

/*
 * FOLL_PIN (pin_user_pages*(), unpin_user_pages(), page_maybe_dma_pinned())
 * came in v5.6-v5.7; the oldest kernel of the matrix is v5.10.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#error "gup_longterm_test needs Linux 5.10 or later"
#endif

/*
 * The facts QUERY reports about a pinned page's folio (its compound page
 * before folios). The driver uses folios from v6.1 on; v5.10 has none
 * (page_folio() came in v5.16), so there the same facts come from the
 * compound head, through the page API of v5.10 include/linux/mm.h. Kernels
 * between v5.11 and v6.0 take the page API too; none of them is measured.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
static inline int glt_folio_ref_count(struct page *page)
{
	return page_ref_count(compound_head(page));
}

static inline bool glt_folio_test_large(struct page *page)
{
	return PageCompound(page);
}

static inline unsigned int glt_folio_order(struct page *page)
{
	return compound_order(compound_head(page));
}

static inline bool glt_folio_maybe_dma_pinned(struct page *page)
{
	return page_maybe_dma_pinned(page);
}

static inline bool glt_folio_test_anon(struct page *page)
{
	return PageAnon(compound_head(page));
}

/*
 * v5.10 counts pins exactly only in compound pages of order > 1
 * (hpage_pincount_available(): the count lives in the third page);
 * others fold them into the refcount. -1: no exact count.
 */
static inline int glt_folio_pincount(struct page *page)
{
	if (!hpage_pincount_available(page))
		return -1;
	return head_compound_pincount(compound_head(page));
}
#else
static inline int glt_folio_ref_count(struct page *page)
{
	return folio_ref_count(page_folio(page));
}

static inline bool glt_folio_test_large(struct page *page)
{
	return folio_test_large(page_folio(page));
}

static inline unsigned int glt_folio_order(struct page *page)
{
	return folio_order(page_folio(page));
}

static inline bool glt_folio_maybe_dma_pinned(struct page *page)
{
	return folio_maybe_dma_pinned(page_folio(page));
}

static inline bool glt_folio_test_anon(struct page *page)
{
	return folio_test_anon(page_folio(page));
}

/*
 * The exact pincount of a large folio, -1 for a small one (its pins are
 * folded into its refcount). Until v6.3 ("mm: remove folio_pincount_ptr()
 * and head_compound_pincount()") it was reached through
 * folio_pincount_ptr() (include/linux/mm.h), the first tail page's
 * compound_pincount; since then it is folio->_pincount. Both name the same
 * word (v6.1 include/linux/mm_types.h:
 * FOLIO_MATCH(compound_pincount, _pincount)), so this only picks each
 * version's own accessor. No exported helper returns the count itself:
 * folio_maybe_dma_pinned() only says whether it is non-zero.
 */
static inline int glt_folio_pincount(struct page *page)
{
	struct folio *folio = page_folio(page);

	if (!folio_test_large(folio))
		return -1;
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
	return atomic_read(folio_pincount_ptr(folio));
#else
	return atomic_read(&folio->_pincount);
#endif
}
#endif

/* vma_lookup() came in v5.14; before it, find_vma() and a bounds check. */
static inline struct vm_area_struct *glt_vma_lookup(struct mm_struct *mm,
						    unsigned long addr)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 14, 0)
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && addr >= vma->vm_start ? vma : NULL;
#else
	return vma_lookup(mm, addr);
#endif
}

/*
 * vm_operations_struct.split became .may_split in v5.11 ("mm: rename
 * 'split' to 'may_split' in vm_operations_struct"); the initializer of a
 * vm_operations_struct names it with this.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 11, 0)
#define GLT_VM_OPS_MAY_SPLIT(fn) .split = (fn)
#else
#define GLT_VM_OPS_MAY_SPLIT(fn) .may_split = (fn)
#endif

/*
 * get_user_pages() (get) or pin_user_pages(), under mmap_lock. Both lost
 * their vmas argument in v6.5 ("mm/gup: remove unused vmas parameter from
 * get_user_pages()" and "... from pin_user_pages()").
 */
static inline long glt_gup_locked(bool get, unsigned long start,
				  unsigned long nr_pages,
				  unsigned int gup_flags, struct page **pages)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
	if (get)
		return get_user_pages(start, nr_pages, gup_flags, pages, NULL);
	return pin_user_pages(start, nr_pages, gup_flags, pages, NULL);
#else
	if (get)
		return get_user_pages(start, nr_pages, gup_flags, pages);
	return pin_user_pages(start, nr_pages, gup_flags, pages);
#endif
}

/*
 * get_vaddr_frames(), for the companion module only (it defines
 * GLT_WANT_FRAME_VECTOR before including this file). Its header is
 * <media/frame_vector.h> since v5.11, when the code moved from
 * mm/frame_vector.c to drivers/media/common/videobuf2/frame_vector.c;
 * v5.10 declares it in <linux/mm.h>. Its arguments changed twice:
 * - v5.10 takes the caller's gup_flags, and pins with
 *   pin_user_pages_locked() and no FOLL_LONGTERM; videobuf2's one caller,
 *   videobuf2-memops.c vb2_create_framevec(), passes FOLL_FORCE |
 *   FOLL_WRITE, and so does this wrapper (FOLL_WRITE when writing);
 * - v5.11-v6.1 take no flags and pin with FOLL_FORCE | FOLL_WRITE |
 *   FOLL_LONGTERM;
 * - v6.2+ take a write argument ("media: videobuf2: Stop using
 *   get_vaddr_frames() for writes unconditionally").
 */
#ifdef GLT_WANT_FRAME_VECTOR
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 11, 0)
#include <media/frame_vector.h>
#endif

static inline int glt_get_vaddr_frames(unsigned long start,
				       unsigned int nr_frames, bool write,
				       struct frame_vector *vec)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 11, 0)
	return get_vaddr_frames(start, nr_frames,
				FOLL_FORCE | (write ? FOLL_WRITE : 0), vec);
#elif LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
	return get_vaddr_frames(start, nr_frames, vec);
#else
	return get_vaddr_frames(start, nr_frames, write, vec);
#endif
}
#endif

#endif /* GLT_COMPAT_H */
