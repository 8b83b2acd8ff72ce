// SPDX-License-Identifier: GPL-2.0
/*
 * gup_longterm_test: a test driver that pins user memory through the
 * kernel's real GUP entry points, so that userspace can check which pins the
 * kernel allows (FOLL_LONGTERM on fsdax, device-DAX, page cache, anonymous
 * memory) and how the pages' counters move.
 *
 * ABI: uapi/gup_longterm_test.h. Pins belong to the open file and are all
 * released by release(), so a harness that dies leaks nothing.
 *
 * Locking: each open file has one mutex, glt_file.lock, protecting its pin
 * table and counters. It is never held across a GUP call, so the only order
 * in which it meets mmap_lock is "glt_file.lock, then mmap_lock" (a page
 * fault in QUERY's or DMA's user copies). See glt_ioctl_query(). mmap() of
 * the device does not touch the pin table and takes no lock of ours.
 */

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include <gup_longterm_test.h>

#include "compat.h"

/*
 * One pin: the pages GUP returned, and how they were taken. One allocation
 * with its page array (a pin and an UNPIN cost one allocation and one free,
 * not two: see docs/performance.md).
 */
struct glt_pinned {
	unsigned long nr_pages;
	bool get;		/* FOLL_GET: released with put_page() */
	bool write;		/* FOLL_WRITE: DMA_WRITE may write the pages */
	/*
	 * Set once PIN has reported the handle to userspace. Until then UNPIN
	 * and QUERY treat the handle as unknown, so that a failed report can
	 * always take back exactly this entry (see glt_ioctl_pin()). Set
	 * once, with smp_store_release(), without f->lock; read under it.
	 */
	bool live;
	struct page *pages[];
};

/*
 * Per open file. A handle is its pin's index in pins plus one: indices
 * start at 0 because an xarray keeps a lone entry at index 0 in its head,
 * so a file holding one pin at a time (the common case) allocates and
 * RCU-frees no xa_node per PIN/UNPIN, as XA_FLAGS_ALLOC1 (index 1) would.
 */
struct glt_file {
	struct mutex lock;	/* protects pins, nr_pins, nr_pages */
	struct xarray pins;	/* handle - 1 -> struct glt_pinned */
	unsigned int nr_pins;	/* PIN also reads it unlocked, as a hint */
	unsigned long nr_pages;
};

static void glt_release_pinned(struct glt_pinned *p)
{
	unsigned long i;

	if (p->get) {
		for (i = 0; i < p->nr_pages; i++)
			put_page(p->pages[i]);
	} else {
		/*
		 * Plain unpin_user_pages(), not unpin_user_pages_dirty_lock():
		 * the driver writes to the pages only in DMA_WRITE, which marks
		 * what it wrote dirty right then (glt_ioctl_dma()); dirtying
		 * every page again here would change what the test observes
		 * (writeback of fsdax and page-cache pages) for pins no
		 * DMA_WRITE went through, and a page a DMA_WRITE dirtied and
		 * writeback cleaned since holds no newer byte.
		 */
		unpin_user_pages(p->pages, p->nr_pages);
	}
	kvfree(p);
}

/* Takes the entry out of the table; the caller holds f->lock. */
static void glt_remove_locked(struct glt_file *f, u32 id, struct glt_pinned *p)
{
	xa_erase(&f->pins, id - 1);
	WRITE_ONCE(f->nr_pins, f->nr_pins - 1);
	f->nr_pages -= p->nr_pages;
}

static int glt_open(struct inode *inode, struct file *file)
{
	struct glt_file *f;

	/*
	 * Pinning memory is what CAP_IPC_LOCK governs (mlock(), and the
	 * RLIMIT_MEMLOCK bypass of RDMA and io_uring pins). Checked here, not
	 * only through the device node's mode, so that an unprivileged opener
	 * is refused even if the node is made world accessible.
	 */
	if (!capable(CAP_IPC_LOCK))
		return -EPERM;
	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	xa_init_flags(&f->pins, XA_FLAGS_ALLOC);	/* handle = index + 1 */
	file->private_data = f;
	return nonseekable_open(inode, file);
}

static int glt_release(struct inode *inode, struct file *file)
{
	struct glt_file *f = file->private_data;
	struct glt_pinned *p;
	unsigned long id;

	/* The last reference to the file: no ioctl can be running. */
	xa_for_each(&f->pins, id, p)
		glt_release_pinned(p);
	xa_destroy(&f->pins);
	mutex_destroy(&f->lock);
	kfree(f);
	return 0;
}

static bool glt_reserved_zero(const __u64 *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (r[i])
			return false;
	return true;
}

/*
 * Checks a PIN request in the order the ABI documents and translates it into
 * gup_flags. Nothing here touches the pages.
 */
static int glt_pin_check(const struct glt_pin *arg, bool longterm,
			 unsigned int *gup_flags)
{
	unsigned long addr = arg->addr, len, end;

	if (arg->flags & ~GLT_PIN_FLAGS_ALL)
		return -EINVAL;
	/* handle and nr_pinned are outputs: their input values are ignored. */
	if (!glt_reserved_zero(arg->reserved, ARRAY_SIZE(arg->reserved)))
		return -EINVAL;
	if (!PAGE_ALIGNED(arg->addr))
		return -EINVAL;
	if (!arg->nr_pages)
		return -EINVAL;
	if (arg->nr_pages > GLT_MAX_PAGES_PER_PIN)
		return -E2BIG;
	/*
	 * The range must not wrap. (addr != arg->addr: a 32-bit kernel cannot
	 * hold the address.) Caught here because the GUP-fast entry points
	 * treat it inconsistently: mm/gup.c internal_get_user_pages_fast()
	 * returns 0 pages in v6.1, gup_fast_fallback() -EOVERFLOW in v6.12.
	 */
	if (addr != arg->addr ||
	    check_mul_overflow((unsigned long)arg->nr_pages, PAGE_SIZE, &len) ||
	    check_add_overflow(addr, len, &end))
		return -EINVAL;
	/*
	 * FOLL_LONGTERM is only valid with FOLL_PIN: get_user_pages() and
	 * get_user_pages_fast() with it hit WARN_ON_ONCE() and fail with
	 * -EINVAL (mm/gup.c is_valid_gup_flags() in v6.1; is_valid_gup_args(),
	 * "LONGTERM can only be specified when pinning", in v6.12). Refuse it
	 * here, before any GUP call, so that a test never splats.
	 *
	 * No other combination this ABI can produce WARNs, in either version:
	 * we pass only FOLL_WRITE and FOLL_LONGTERM (the entry points add
	 * FOLL_PIN or FOLL_GET themselves), always a pages array and never a
	 * "locked" argument. That satisfies pin_user_pages() and
	 * pin_user_pages_fast() (v6.1: FOLL_GET, !pages),
	 * internal_get_user_pages_fast() (v6.1) and gup_fast_fallback()
	 * (v6.12): flags outside an allowed set, and is_valid_gup_args()
	 * (v6.12): internal flags, PIN with GET, !pages, *locked != 1,
	 * LONGTERM with PCI_P2PDMA. The v6.1 WARN on FOLL_LONGTERM in
	 * get_user_pages_unlocked() (the one pin_user_pages_unlocked() hits)
	 * is not reachable: we do not call the _unlocked variants, and the
	 * slow path of pin_user_pages_fast(), __gup_longterm_unlocked(), sends
	 * FOLL_LONGTERM to __gup_longterm_locked() instead.
	 */
	if (longterm && (arg->flags & GLT_PIN_GET))
		return -EINVAL;

	*gup_flags = 0;
	if (arg->flags & GLT_PIN_WRITE)
		*gup_flags |= FOLL_WRITE;
	if (longterm)
		*gup_flags |= FOLL_LONGTERM;
	return 0;
}

static long glt_do_gup(unsigned long addr, unsigned long nr_pages,
		       unsigned int gup_flags, bool fast, bool get,
		       struct page **pages)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (fast) {
		/* int nr_pages: bounded by GLT_MAX_PAGES_PER_PIN. */
		if (get)
			return get_user_pages_fast(addr, (int)nr_pages,
						   gup_flags, pages);
		return pin_user_pages_fast(addr, (int)nr_pages, gup_flags,
					   pages);
	}
	mmap_read_lock(mm);
	ret = glt_gup_locked(get, addr, nr_pages, gup_flags, pages);
	mmap_read_unlock(mm);
	return ret;
}

static bool glt_table_full(struct glt_file *f)
{
	lockdep_assert_held(&f->lock);
	return f->nr_pins >= GLT_MAX_PINS_PER_FILE;
}

/*
 * Enters p, not yet live, in the table: *id is its handle, never
 * GLT_HANDLE_NONE (index id - 1), and fits a u32.
 */
static int glt_table_add(struct glt_file *f, struct glt_pinned *p, u32 *id)
{
	int ret;

	if (mutex_lock_killable(&f->lock))
		return -EINTR;
	if (glt_table_full(f)) {
		ret = -ENOSPC;
	} else {
		ret = xa_alloc(&f->pins, id, p, XA_LIMIT(0, U32_MAX - 1),
			       GFP_KERNEL_ACCOUNT);
		if (!ret) {
			(*id)++;
			WRITE_ONCE(f->nr_pins, f->nr_pins + 1);
			f->nr_pages += p->nr_pages;
		}
	}
	mutex_unlock(&f->lock);
	return ret;
}

static long glt_ioctl_pin(struct glt_file *f, struct glt_pin __user *uarg,
			  bool longterm)
{
	unsigned int gup_flags;
	struct glt_pinned *p;
	struct glt_pin arg;
	unsigned long nr;
	long ret;
	u32 id;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	ret = glt_pin_check(&arg, longterm, &gup_flags);
	if (ret)
		return ret;

	/*
	 * Fail early rather than pin and unpin. A lockless hint: the check
	 * under f->lock below is the one that counts. A probe never enters
	 * the table.
	 */
	if (!(arg.flags & GLT_PIN_PROBE) &&
	    READ_ONCE(f->nr_pins) >= GLT_MAX_PINS_PER_FILE)
		return -ENOSPC;

	/* nr_pages <= GLT_MAX_PAGES_PER_PIN: struct_size() cannot overflow. */
	p = kvmalloc(struct_size(p, pages, arg.nr_pages), GFP_KERNEL_ACCOUNT);
	if (!p)
		return -ENOMEM;
	p->nr_pages = 0;
	p->get = arg.flags & GLT_PIN_GET;
	p->write = arg.flags & GLT_PIN_WRITE;
	p->live = false;

	/* No lock of ours is held across GUP, which takes mmap_lock. */
	ret = glt_do_gup(arg.addr, arg.nr_pages, gup_flags,
			 arg.flags & GLT_PIN_FAST, p->get, p->pages);
	if (ret <= 0) {
		kvfree(p);
		if (ret < 0)
			return ret;	/* the kernel's errno, unchanged */
		/* GUP pinned nothing and said so with 0: no handle. */
		arg.handle = GLT_HANDLE_NONE;
		arg.nr_pinned = 0;
		return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
	}
	/* A partial pin owns exactly the pages GUP returned. */
	nr = ret;
	p->nr_pages = nr;
	if (arg.flags & GLT_PIN_PROBE) {
		/* Released while nothing else can have seen them. */
		glt_release_pinned(p);
		arg.handle = GLT_HANDLE_NONE;
		arg.nr_pinned = nr;
		return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
	}

	ret = glt_table_add(f, p, &id);
	if (ret) {
		glt_release_pinned(p);
		return ret;
	}

	/*
	 * p is in the table but not live: UNPIN and QUERY of other threads
	 * cannot find it, so it stays ours, and valid, whether or not the
	 * report below reaches userspace. (Were it live already, a thread
	 * guessing the handle could free it, or free it and have its id
	 * reused by another pin, before the undo below.)
	 */
	arg.handle = id;
	arg.nr_pinned = nr;
	if (copy_to_user(uarg, &arg, sizeof(arg))) {
		mutex_lock(&f->lock);
		glt_remove_locked(f, id, p);
		mutex_unlock(&f->lock);
		glt_release_pinned(p);
		return -EFAULT;
	}
	/*
	 * Without f->lock: until now no other thread can reach p (it is not
	 * live), and from here on this thread no longer touches it. The
	 * release orders the fields above before the flag for a lookup that
	 * sees it.
	 */
	smp_store_release(&p->live, true);
	return 0;
}

/* Looks up a handle of this open file; the caller holds f->lock. */
static struct glt_pinned *glt_lookup_locked(struct glt_file *f, u32 handle)
{
	struct glt_pinned *p;

	lockdep_assert_held(&f->lock);
	if (handle == GLT_HANDLE_NONE)
		return NULL;
	p = xa_load(&f->pins, handle - 1);
	/* Pairs with the smp_store_release() at the end of glt_ioctl_pin(). */
	return p && smp_load_acquire(&p->live) ? p : NULL;
}

static long glt_ioctl_unpin(struct glt_file *f, struct glt_unpin __user *uarg)
{
	struct glt_pinned *p;
	struct glt_unpin arg;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved)
		return -EINVAL;
	if (mutex_lock_killable(&f->lock))
		return -EINTR;
	p = glt_lookup_locked(f, arg.handle);
	if (p)
		glt_remove_locked(f, arg.handle, p);
	mutex_unlock(&f->lock);
	if (!p)
		return -EINVAL;	/* no such pin in this open file */
	/* Out of the table, so no QUERY can be reading it any more. */
	glt_release_pinned(p);
	return 0;
}

static u32 glt_zone(struct page *page)
{
	switch (page_zonenum(page)) {
#ifdef CONFIG_ZONE_DMA
	case ZONE_DMA:
		return GLT_ZONE_DMA;
#endif
#ifdef CONFIG_ZONE_DMA32
	case ZONE_DMA32:
		return GLT_ZONE_DMA32;
#endif
	case ZONE_NORMAL:
		return GLT_ZONE_NORMAL;
	case ZONE_MOVABLE:
		return GLT_ZONE_MOVABLE;
#ifdef CONFIG_ZONE_DEVICE
	case ZONE_DEVICE:
		return GLT_ZONE_DEVICE;
#endif
	default:
		return GLT_ZONE_OTHER;
	}
}

/* Facts about one page; the pin holding it keeps its folio from changing. */
static void glt_page_info(struct page *page, bool show_pfn,
			  struct glt_page_info *info)
{
	bool large = glt_folio_test_large(page);

	memset(info, 0, sizeof(*info));
	info->folio_refcount = glt_folio_ref_count(page);
	/*
	 * Only large folios count pins exactly; a small folio's pins are
	 * folded into its refcount as GUP_PIN_COUNTING_BIAS (mm/gup.c
	 * try_grab_folio() in v6.1 and v6.12, try_grab_page() in v5.10).
	 */
	info->folio_pincount = glt_folio_pincount(page);
	info->folio_order = glt_folio_order(page);
	info->zone = glt_zone(page);
	if (glt_folio_maybe_dma_pinned(page))
		info->flags |= GLT_PAGE_MAYBE_DMA_PINNED;
	if (is_zone_device_page(page))
		info->flags |= GLT_PAGE_ZONE_DEVICE;
	if (large)
		info->flags |= GLT_PAGE_LARGE;
	/*
	 * The 4 KiB zero page only, as the ABI says. The huge zero folio
	 * cannot be recognised from a module: is_huge_zero_page() (v6.1) and
	 * is_huge_zero_folio() (v6.12), include/linux/huge_mm.h, read
	 * huge_zero_page / huge_zero_folio, which mm/huge_memory.c does not
	 * export. zero_pfn, behind is_zero_pfn(), is exported by mm/memory.c.
	 */
	if (is_zero_pfn(page_to_pfn(page)))
		info->flags |= GLT_PAGE_ZERO;
	if (glt_folio_test_anon(page))
		info->flags |= GLT_PAGE_ANON;
	if (show_pfn) {
		info->pfn = page_to_pfn(page);
		info->flags |= GLT_PAGE_PFN_VALID;
	}
}

/* Entries per copy_to_user() of QUERY: a bounded stack buffer. */
#define GLT_QUERY_CHUNK 16

static long glt_ioctl_query(struct glt_file *f, struct glt_query __user *uarg)
{
	struct glt_page_info info[GLT_QUERY_CHUNK];
	struct glt_page_info __user *out;
	struct glt_query arg;
	struct glt_pinned *p;
	u64 i, n, done = 0;
	bool show_pfn;
	long ret = 0;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved0 ||
	    !glt_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)))
		return -EINVAL;
	/*
	 * count == 0 asks for nothing; it is refused rather than answered
	 * with an empty success, so that a caller's bug (an unset count) is
	 * not mistaken for a pin with no pages. A bad info pointer is not
	 * special-cased: copy_to_user() fails and QUERY returns -EFAULT.
	 */
	if (!arg.count)
		return -EINVAL;
	out = u64_to_user_ptr(arg.info);
	/* Asked at query time, so that a dropped capability is honoured. */
	show_pfn = capable(CAP_SYS_ADMIN);

	/*
	 * f->lock keeps the pin alive while its pages are read, and is held
	 * across copy_to_user(): a fault there takes mmap_lock, giving the
	 * order f->lock -> mmap_lock. That is the only order: PIN drops
	 * f->lock before GUP, and nothing runs under mmap_lock that takes
	 * f->lock (this device has no mmap or fault handler). Holding the
	 * lock, rather than a reference count on the pin, also means that an
	 * UNPIN racing with this QUERY returns only once the pages are
	 * released, which is what a test measuring refcounts after UNPIN
	 * needs. A fault that blocks (userfaultfd) stalls this file's other
	 * ioctls, which wait killably.
	 */
	if (mutex_lock_killable(&f->lock))
		return -EINTR;
	p = glt_lookup_locked(f, arg.handle);
	if (!p || arg.first >= p->nr_pages) {
		ret = -EINVAL;
		goto out;
	}
	n = min_t(u64, arg.count, p->nr_pages - arg.first);
	while (done < n) {
		u64 chunk = min_t(u64, n - done, GLT_QUERY_CHUNK);

		for (i = 0; i < chunk; i++)
			glt_page_info(p->pages[arg.first + done + i], show_pfn,
				      &info[i]);
		if (copy_to_user(out + done, info, chunk * sizeof(info[0]))) {
			ret = -EFAULT;
			goto out;
		}
		done += chunk;
	}
out:
	mutex_unlock(&f->lock);
	if (ret)
		return ret;
	arg.count = done;
	return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/*
 * A page whose bytes the CPU cannot reach through a kernel mapping:
 * device-private memory has struct pages but no linear mapping
 * (mm/memremap.c pagemap_range() calls add_pages(), not arch_add_memory(),
 * for MEMORY_DEVICE_PRIVATE), and PCI P2PDMA memory is a device's BAR. GUP
 * as this driver calls it returns neither: it faults device-private pages
 * back to system RAM (mm/memory.c do_swap_page() -> migrate_to_ram()) and
 * refuses P2PDMA pages without FOLL_PCI_P2PDMA (mm/gup.c try_grab_folio()),
 * which the driver never passes. Checked all the same, before any byte is
 * copied, so that a kernel that changes this fails a call, not a test.
 */
static bool glt_page_unreachable(struct page *page)
{
	return is_device_private_page(page) || is_pci_p2pdma_page(page);
}

/*
 * DMA_READ and DMA_WRITE. The driver plays a device that reads or writes the
 * pinned pages, page by page, through a kernel mapping of each page:
 * memcpy_from_page() and memcpy_to_page() (include/linux/highmem.h), which
 * map it with kmap_local_page() in v6.1 and later and with kmap_atomic() in
 * v5.10, before kmap_local_page() existed, so no shim is needed. bounce is
 * the device's own memory, one page. No user copy runs while a pinned page
 * is mapped (a kmap_atomic() mapping may not fault): a user buffer that
 * faults, or is the pinned range itself, never meets the mapping, and a
 * partly unreadable buf cannot make copy_from_user() zero-fill the pinned
 * page (it pads the part of its destination it could not fill).
 */
static long glt_dma_copy(struct glt_pinned *p, u64 offset, u64 length,
			 u8 __user *buf, bool write, char *bounce)
{
	unsigned long copied, i;
	size_t off, n;
	long ret = 0;

	while (length) {
		i = offset >> PAGE_SHIFT;
		off = offset & ~PAGE_MASK;
		n = min_t(u64, length, PAGE_SIZE - off);
		if (write) {
			copied = n - copy_from_user(bounce, buf, n);
			if (copied) {
				memcpy_to_page(p->pages[i], off, bounce,
					       copied);
				/*
				 * The bytes reached the page behind the page
				 * tables' back: mark it dirty so that writeback
				 * sees them, with the folio locked against
				 * truncation (mm/page-writeback.c, above
				 * folio_mark_dirty_lock()). Now, once the
				 * "device" is done, not at UNPIN as
				 * unpin_user_pages_dirty_lock() would: a long-term
				 * pin outlives writebacks, and each must see the
				 * writes made before it.
				 */
				set_page_dirty_lock(p->pages[i]);
			}
		} else {
			memcpy_from_page(bounce, p->pages[i], off, n);
			copied = n - copy_to_user(buf, bounce, n);
		}
		if (copied < n) {
			ret = -EFAULT;
			break;
		}
		offset += n;
		length -= n;
		buf += n;
		cond_resched();
	}
	return ret;
}

static long glt_ioctl_dma(struct glt_file *f, struct glt_dma __user *uarg,
			  bool write)
{
	unsigned long first, last, i;
	struct glt_pinned *p;
	struct glt_dma arg;
	char *bounce;
	long ret;
	u64 end;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.flags ||
	    !glt_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)))
		return -EINVAL;
	/* As QUERY's count == 0: a caller's unset length is not a success. */
	if (!arg.length)
		return -EINVAL;
	bounce = kmalloc(PAGE_SIZE, GFP_KERNEL_ACCOUNT);
	if (!bounce)
		return -ENOMEM;

	/*
	 * f->lock keeps the pin alive across the copy, as in QUERY, and is
	 * held across the user copies: the same f->lock -> mmap_lock order,
	 * and an UNPIN racing with a DMA returns only once the DMA is done,
	 * so that no byte moves after UNPIN.
	 */
	if (mutex_lock_killable(&f->lock)) {
		kfree(bounce);
		return -EINTR;
	}
	p = glt_lookup_locked(f, arg.handle);
	if (!p) {
		ret = -EINVAL;
		goto out;
	}
	if (write && !p->write) {
		ret = -EPERM;
		goto out;
	}
	/* p->nr_pages <= GLT_MAX_PAGES_PER_PIN: the product cannot wrap. */
	if (check_add_overflow(arg.offset, arg.length, &end) ||
	    end > (u64)p->nr_pages << PAGE_SHIFT) {
		ret = -EINVAL;
		goto out;
	}
	first = arg.offset >> PAGE_SHIFT;
	last = (end - 1) >> PAGE_SHIFT;
	for (i = first; i <= last; i++) {
		if (glt_page_unreachable(p->pages[i])) {
			ret = -EOPNOTSUPP;
			goto out;
		}
	}
	ret = glt_dma_copy(p, arg.offset, arg.length, u64_to_user_ptr(arg.buf),
			   write, bounce);
out:
	mutex_unlock(&f->lock);
	kfree(bounce);
	return ret;
}

static long glt_ioctl_status(struct glt_file *f, struct glt_status __user *uarg)
{
	struct glt_status st;

	memset(&st, 0, sizeof(st));
	st.abi_version = GLT_ABI_VERSION;
	st.max_pages_per_pin = GLT_MAX_PAGES_PER_PIN;
	st.max_pins_per_file = GLT_MAX_PINS_PER_FILE;
	if (mutex_lock_killable(&f->lock))
		return -EINTR;
	st.nr_pins = f->nr_pins;
	st.nr_pages = f->nr_pages;
	mutex_unlock(&f->lock);
	return copy_to_user(uarg, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * The page-table level that maps addr in the caller's mm. mmap_lock held
 * for read keeps the tables from being freed (mm/memory.c free_pgtables()
 * runs under the write lock), but not their entries from changing: each is
 * read once with READ_ONCE(), as mm/gup.c's GUP-fast does, and a changing
 * entry can only make the answer stale, never unsafe. No PTE is read: a
 * module cannot map a PTE table the same way on every kernel of the matrix
 * (pte_offset_map() became a call to the unexported __pte_offset_map() in
 * v6.5), and the harness needs only to tell PTE- from PMD-mapped memory.
 */
static enum glt_level glt_mapping_level(struct mm_struct *mm,
					unsigned long addr)
{
	pgd_t *pgdp, pgd;
	p4d_t *p4dp, p4d;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;

	if (!glt_vma_lookup(mm, addr))
		return GLT_LEVEL_NONE;
	pgdp = pgd_offset(mm, addr);
	pgd = READ_ONCE(*pgdp);
	if (pgd_none(pgd) || pgd_bad(pgd))
		return GLT_LEVEL_NONE;
	p4dp = p4d_offset(pgdp, addr);
	p4d = READ_ONCE(*p4dp);
	if (p4d_none(p4d) || p4d_bad(p4d))
		return GLT_LEVEL_NONE;
	pudp = pud_offset(p4dp, addr);
	pud = READ_ONCE(*pudp);
	if (pud_none(pud))
		return GLT_LEVEL_NONE;
	if (pud_leaf(pud))
		return GLT_LEVEL_PUD;
	if (pud_bad(pud))
		return GLT_LEVEL_NONE;
	pmdp = pmd_offset(pudp, addr);
	pmd = READ_ONCE(*pmdp);
	if (pmd_none(pmd))
		return GLT_LEVEL_NONE;
	if (pmd_leaf(pmd))
		return GLT_LEVEL_PMD;
	return pmd_bad(pmd) ? GLT_LEVEL_NONE : GLT_LEVEL_PTE;
}

static long glt_ioctl_mapping_level(struct glt_mapping_level __user *uarg)
{
	struct mm_struct *mm = current->mm;
	struct glt_mapping_level arg;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved0 || arg.reserved[0] || arg.reserved[1] ||
	    arg.addr >= TASK_SIZE)
		return -EINVAL;
	if (!mm)
		return -EINVAL;
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	arg.level = glt_mapping_level(mm, arg.addr);
	mmap_read_unlock(mm);
	return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long glt_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct glt_file *f = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case GLT_IOC_PIN_LONGTERM:
		return glt_ioctl_pin(f, uarg, true);
	case GLT_IOC_PIN_TRANSIENT:
		return glt_ioctl_pin(f, uarg, false);
	case GLT_IOC_UNPIN:
		return glt_ioctl_unpin(f, uarg);
	case GLT_IOC_QUERY:
		return glt_ioctl_query(f, uarg);
	case GLT_IOC_STATUS:
		return glt_ioctl_status(f, uarg);
	case GLT_IOC_MAPPING_LEVEL:
		return glt_ioctl_mapping_level(uarg);
	case GLT_IOC_DMA_READ:
		return glt_ioctl_dma(f, uarg, false);
	case GLT_IOC_DMA_WRITE:
		return glt_ioctl_dma(f, uarg, true);
	default:
		return -ENOTTY;
	}
}

/*
 * mmap(): zeroed kernel pages behind a VM_IO | VM_PFNMAP mapping, the memory
 * kind that GUP must refuse (mm/gup.c check_vma_flags(); GUP-fast meets only
 * pte_special() entries there and falls back to it). The pages are shared by
 * every VMA that fork() or mremap() copies from the first one, and freed
 * when the last of them goes.
 */
struct glt_mmap {
	struct kref ref;
	unsigned long nr_pages;
	struct page *pages[GLT_MAX_MMAP_PAGES];
};

static void glt_mmap_free(struct kref *ref)
{
	struct glt_mmap *m = container_of(ref, struct glt_mmap, ref);
	unsigned long i;

	for (i = 0; i < m->nr_pages; i++)
		__free_page(m->pages[i]);
	kfree(m);
}

static void glt_vm_open(struct vm_area_struct *vma)
{
	struct glt_mmap *m = vma->vm_private_data;

	kref_get(&m->ref);
}

/*
 * Called from remove_vma() (mm/mmap.c in v6.1, mm/vma.c in v6.12) after the
 * VMA's page tables were torn down (unmap_region() / vms_clear_ptes()), so no
 * PTE maps the pages when they are freed.
 */
static void glt_vm_close(struct vm_area_struct *vma)
{
	struct glt_mmap *m = vma->vm_private_data;

	kref_put(&m->ref, glt_mmap_free);
}

/*
 * The ABI promises -EINVAL for munmap() (or mprotect(), mremap()) of part of
 * the mapping: every VMA maps all of its glt_mmap's pages from its start, so
 * a split would need per-VMA offsets for no test's benefit.
 */
static int glt_vm_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return -EINVAL;
}

static const struct vm_operations_struct glt_vm_ops = {
	.open = glt_vm_open,
	.close = glt_vm_close,
	GLT_VM_OPS_MAY_SPLIT(glt_vm_may_split),
};

static int glt_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long i, nr = vma_pages(vma);
	struct glt_mmap *m;
	int ret;

	/*
	 * MAP_SHARED: VM_MAYSHARE, as VM_SHARED is dropped for a read-only
	 * shared mapping of a file opened without write access
	 * (mm/mmap.c do_mmap()).
	 */
	if (!(vma->vm_flags & VM_MAYSHARE) || vma->vm_pgoff ||
	    nr > GLT_MAX_MMAP_PAGES)
		return -EINVAL;

	m = kzalloc(sizeof(*m), GFP_KERNEL_ACCOUNT);
	if (!m)
		return -ENOMEM;
	kref_init(&m->ref);
	for (i = 0; i < nr; i++) {
		m->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
		if (!m->pages[i]) {
			ret = -ENOMEM;
			goto err;
		}
		m->nr_pages++;
	}
	/*
	 * remap_pfn_range() sets VM_IO | VM_PFNMAP | VM_DONTEXPAND |
	 * VM_DONTDUMP and maps special PTEs, which take no page references:
	 * m keeps the pages. One page at a time, so the pages need not be
	 * physically contiguous.
	 */
	for (i = 0; i < nr; i++) {
		ret = remap_pfn_range(vma, vma->vm_start + i * PAGE_SIZE,
				      page_to_pfn(m->pages[i]), PAGE_SIZE,
				      vma->vm_page_prot);
		if (ret)
			goto err;
	}
	/*
	 * Only now: if ->mmap() fails, mmap_region() (mm/mmap.c) zaps what was
	 * mapped but calls no ->close(), so m is freed below, not there. Nor
	 * can the VMA be merged away without ->close() after success
	 * (mmap_region()'s second merge attempt): VM_SPECIAL mappings never
	 * merge.
	 */
	vma->vm_private_data = m;
	vma->vm_ops = &glt_vm_ops;
	return 0;

err:
	glt_mmap_free(&m->ref);
	return ret;
}

static const struct file_operations glt_fops = {
	.owner = THIS_MODULE,
	.open = glt_open,
	.release = glt_release,
	.unlocked_ioctl = glt_ioctl,
	.mmap = glt_mmap,
	/* Every ABI struct has the same layout for 32-bit callers. */
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice glt_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = GLT_DEVICE_NAME,
	.fops = &glt_fops,
	.mode = 0600,
};

module_misc_device(glt_misc);

MODULE_DESCRIPTION("Pins user memory through GUP to test FOLL_LONGTERM rules");
MODULE_AUTHOR("gup-longterm-test developers");
MODULE_LICENSE("GPL");
