// SPDX-License-Identifier: GPL-2.0
/*
 * gup_longterm_test: a test driver that pins user memory through the
 * kernel's real GUP paths, so that userspace can check which pins the kernel
 * allows (FOLL_LONGTERM on fsdax, device-DAX, page cache, anonymous memory)
 * and how the pages' counters move.
 *
 * ABI: uapi/gup_longterm_test.h. Pins belong to the open file and are all
 * released by release(), so a harness that dies leaks nothing.
 */

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include <gup_longterm_test.h>

#include "compat.h"

/* One pin: the pages GUP returned, and how they were taken. */
struct glt_pinned {
	struct page **pages;
	unsigned long nr_pages;
	bool get;		/* FOLL_GET: released with put_page() */
};

/* Per open file. */
struct glt_file {
	struct mutex lock;	/* protects pins, nr_pins, nr_pages */
	struct xarray pins;	/* handle -> struct glt_pinned */
	unsigned int nr_pins;
	unsigned long nr_pages;
};

static void glt_release_pinned(struct glt_pinned *p)
{
	unsigned long i;

	/*
	 * Plain unpin_user_pages(), not unpin_user_pages_dirty_lock(): this
	 * driver never writes through its pins, so it must not dirty the
	 * pages (a write pin marks nothing dirty that the CPU did not).
	 */
	if (p->get) {
		for (i = 0; i < p->nr_pages; i++)
			put_page(p->pages[i]);
	} else {
		unpin_user_pages(p->pages, p->nr_pages);
	}
	kvfree(p->pages);
	kfree(p);
}

static int glt_open(struct inode *inode, struct file *file)
{
	struct glt_file *f;

	/* Pinning memory is what CAP_IPC_LOCK governs (cf. mlock). */
	if (!capable(CAP_IPC_LOCK))
		return -EPERM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	xa_init_flags(&f->pins, XA_FLAGS_ALLOC1);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

static int glt_release(struct inode *inode, struct file *file)
{
	struct glt_file *f = file->private_data;
	struct glt_pinned *p;
	unsigned long id;

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
	if (get)
		ret = glt_get_user_pages(addr, nr_pages, gup_flags, pages);
	else
		ret = glt_pin_user_pages(addr, nr_pages, gup_flags, pages);
	mmap_read_unlock(mm);
	return ret;
}

static long glt_ioctl_pin(struct glt_file *f, struct glt_pin __user *uarg,
			  bool longterm)
{
	unsigned int gup_flags = 0;
	struct glt_pinned *p;
	struct glt_pin arg;
	unsigned long end;
	bool get, fast;
	long ret;
	u32 id;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.flags & ~GLT_PIN_FLAGS_ALL)
		return -EINVAL;
	if (arg.handle || arg.nr_pinned ||
	    !glt_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)))
		return -EINVAL;
	if (!PAGE_ALIGNED(arg.addr) || !arg.nr_pages)
		return -EINVAL;
	if (arg.nr_pages > GLT_MAX_PAGES_PER_PIN)
		return -E2BIG;
	if (arg.addr > ULONG_MAX ||
	    check_add_overflow((unsigned long)arg.addr,
			       (unsigned long)arg.nr_pages << PAGE_SHIFT, &end))
		return -EINVAL;

	get = arg.flags & GLT_PIN_GET;
	fast = arg.flags & GLT_PIN_FAST;
	/*
	 * FOLL_LONGTERM is only valid with FOLL_PIN: get_user_pages*() with it
	 * hits WARN_ON_ONCE() and fails (mm/gup.c is_valid_gup_flags() in
	 * v6.1, is_valid_gup_args() "LONGTERM can only be specified when
	 * pinning" since v6.3). Refuse it here, before any GUP call.
	 */
	if (longterm && get)
		return -EINVAL;
	if (arg.flags & GLT_PIN_WRITE)
		gup_flags |= FOLL_WRITE;
	if (longterm)
		gup_flags |= FOLL_LONGTERM;

	mutex_lock(&f->lock);
	ret = f->nr_pins >= GLT_MAX_PINS_PER_FILE ? -ENOSPC : 0;
	mutex_unlock(&f->lock);
	if (ret)
		return ret;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->get = get;
	p->pages = kvmalloc_array(arg.nr_pages, sizeof(*p->pages),
				  GFP_KERNEL);
	if (!p->pages) {
		kfree(p);
		return -ENOMEM;
	}

	/* No lock of ours is held across GUP, which takes mmap_lock. */
	ret = glt_do_gup(arg.addr, arg.nr_pages, gup_flags, fast, get,
			 p->pages);
	if (ret <= 0) {
		kvfree(p->pages);
		kfree(p);
		if (ret < 0)
			return ret;	/* the kernel's errno, unchanged */
		/* GUP pinned nothing and said so with 0: no handle. */
		arg.handle = GLT_HANDLE_NONE;
		arg.nr_pinned = 0;
		return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
	}
	/* A partial pin owns exactly the pages GUP returned. */
	p->nr_pages = ret;

	mutex_lock(&f->lock);
	if (f->nr_pins >= GLT_MAX_PINS_PER_FILE) {
		ret = -ENOSPC;
	} else {
		ret = xa_alloc(&f->pins, &id, p, xa_limit_32b, GFP_KERNEL);
		if (!ret) {
			f->nr_pins++;
			f->nr_pages += p->nr_pages;
		}
	}
	mutex_unlock(&f->lock);
	if (ret) {
		glt_release_pinned(p);
		return ret;
	}

	arg.handle = id;
	arg.nr_pinned = p->nr_pages;
	if (copy_to_user(uarg, &arg, sizeof(arg))) {
		/* Undo, unless another thread already unpinned this handle. */
		mutex_lock(&f->lock);
		p = xa_erase(&f->pins, id);
		if (p) {
			f->nr_pins--;
			f->nr_pages -= p->nr_pages;
		}
		mutex_unlock(&f->lock);
		if (p)
			glt_release_pinned(p);
		return -EFAULT;
	}
	return 0;
}

static long glt_ioctl_unpin(struct glt_file *f, struct glt_unpin __user *uarg)
{
	struct glt_pinned *p;
	struct glt_unpin arg;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved || arg.handle == GLT_HANDLE_NONE)
		return -EINVAL;
	mutex_lock(&f->lock);
	p = xa_erase(&f->pins, arg.handle);
	if (p) {
		f->nr_pins--;
		f->nr_pages -= p->nr_pages;
	}
	mutex_unlock(&f->lock);
	if (!p)
		return -EINVAL;	/* no such pin in this open file */
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

static void glt_page_info(struct page *page, bool show_pfn,
			  struct glt_page_info *info)
{
	struct folio *folio = page_folio(page);

	memset(info, 0, sizeof(*info));
	info->folio_refcount = folio_ref_count(folio);
	info->folio_pincount = folio_test_large(folio) ?
			       glt_large_folio_pincount(folio) : -1;
	info->folio_order = folio_order(folio);
	info->zone = glt_zone(page);
	if (folio_maybe_dma_pinned(folio))
		info->flags |= GLT_PAGE_MAYBE_DMA_PINNED;
	if (is_zone_device_page(page))
		info->flags |= GLT_PAGE_ZONE_DEVICE;
	if (folio_test_large(folio))
		info->flags |= GLT_PAGE_LARGE;
	/* The huge zero page is not exported to modules: 4 KiB only. */
	if (is_zero_pfn(page_to_pfn(page)))
		info->flags |= GLT_PAGE_ZERO;
	if (folio_test_anon(folio))
		info->flags |= GLT_PAGE_ANON;
	if (show_pfn) {
		info->pfn = page_to_pfn(page);
		info->flags |= GLT_PAGE_PFN_VALID;
	}
}

#define GLT_QUERY_CHUNK 16

static long glt_ioctl_query(struct glt_file *f, struct glt_query __user *uarg)
{
	struct glt_page_info info[GLT_QUERY_CHUNK];
	struct glt_page_info __user *out;
	bool show_pfn = capable(CAP_SYS_ADMIN);
	struct glt_query arg;
	struct glt_pinned *p;
	u64 i, n, done = 0;
	long ret = 0;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved0 ||
	    !glt_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)))
		return -EINVAL;
	/* count == 0 asks for nothing: refuse it rather than guess. */
	if (!arg.count || !arg.info)
		return -EINVAL;
	out = u64_to_user_ptr(arg.info);

	/*
	 * The lock keeps the pin alive while its pages are read. Copying to
	 * userspace under it may fault and take mmap_lock; that order
	 * (f->lock, then mmap_lock) is the only one: PIN never holds f->lock
	 * across GUP.
	 */
	mutex_lock(&f->lock);
	p = xa_load(&f->pins, arg.handle);
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

static long glt_ioctl_status(struct glt_file *f, struct glt_status __user *uarg)
{
	struct glt_status st;

	memset(&st, 0, sizeof(st));
	st.abi_version = GLT_ABI_VERSION;
	st.max_pages_per_pin = GLT_MAX_PAGES_PER_PIN;
	st.max_pins_per_file = GLT_MAX_PINS_PER_FILE;
	mutex_lock(&f->lock);
	st.nr_pins = f->nr_pins;
	st.nr_pages = f->nr_pages;
	mutex_unlock(&f->lock);
	return copy_to_user(uarg, &st, sizeof(st)) ? -EFAULT : 0;
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
	default:
		return -ENOTTY;
	}
}

static const struct file_operations glt_fops = {
	.owner = THIS_MODULE,
	.open = glt_open,
	.release = glt_release,
	.unlocked_ioctl = glt_ioctl,
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
