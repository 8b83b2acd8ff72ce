/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place where kernel versions differ for this driver. Everything
 * else in driver/ is written against the newest API.
 */
#ifndef GLT_COMPAT_H
#define GLT_COMPAT_H

#include <linux/mm.h>
#include <linux/version.h>

/* page_folio(), folio_maybe_dma_pinned() and friends as the driver uses them */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "gup_longterm_test needs Linux 6.1 or later"
#endif

/*
 * get_user_pages() and pin_user_pages() lost their vmas argument in v6.5
 * ("mm/gup: remove unused vmas parameter from get_user_pages()" and
 * "... from pin_user_pages()").
 */
static inline long glt_get_user_pages(unsigned long start,
				      unsigned long nr_pages,
				      unsigned int gup_flags,
				      struct page **pages)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
	return get_user_pages(start, nr_pages, gup_flags, pages, NULL);
#else
	return get_user_pages(start, nr_pages, gup_flags, pages);
#endif
}

static inline long glt_pin_user_pages(unsigned long start,
				      unsigned long nr_pages,
				      unsigned int gup_flags,
				      struct page **pages)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
	return pin_user_pages(start, nr_pages, gup_flags, pages, NULL);
#else
	return pin_user_pages(start, nr_pages, gup_flags, pages);
#endif
}

/*
 * The exact pincount of a large folio. Until v6.3 ("mm: remove
 * folio_pincount_ptr() and head_compound_pincount()") it was reached through
 * folio_pincount_ptr() (include/linux/mm.h), the first tail page's
 * compound_pincount; since then it is folio->_pincount. Both name the same
 * word (v6.1 include/linux/mm_types.h:
 * FOLIO_MATCH(compound_pincount, _pincount)), so this only picks each
 * version's own accessor. No exported helper returns the count itself:
 * folio_maybe_dma_pinned() only says whether it is non-zero.
 */
static inline int glt_large_folio_pincount(struct folio *folio)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
	return atomic_read(folio_pincount_ptr(folio));
#else
	return atomic_read(&folio->_pincount);
#endif
}

/*
 * get_vaddr_frames() took no write argument in v6.1 and always pinned with
 * FOLL_FORCE | FOLL_WRITE | FOLL_LONGTERM; by v6.12 the caller says whether
 * it writes (drivers/media/common/videobuf2/frame_vector.c of each).
 * Only for the companion module, which includes <media/frame_vector.h>.
 */
#ifdef _MEDIA_FRAME_VECTOR_H
static inline int glt_get_vaddr_frames(unsigned long start,
				       unsigned int nr_frames, bool write,
				       struct frame_vector *vec)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
	return get_vaddr_frames(start, nr_frames, vec);
#else
	return get_vaddr_frames(start, nr_frames, write, vec);
#endif
}
#endif

#endif /* GLT_COMPAT_H */
