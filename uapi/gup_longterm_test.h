/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * gup_longterm_test: the ABI between the test driver and its harness.
 *
 * This header is the only thing the driver (driver/) and the harness
 * (harness/) share. It uses only <linux/types.h> and <linux/ioctl.h>, so it
 * compiles unchanged in the kernel and in userspace.
 *
 * The flag bits below are this ABI's own. Kernel FOLL_* values are not ABI
 * (they were renumbered around v6.2); the driver translates GLT_PIN_* into
 * FOLL_* of the kernel it is built for.
 *
 * Every reserved field and every unknown flag bit must be zero, otherwise the
 * ioctl fails with -EINVAL, so that the ABI can grow without ambiguity.
 */
#ifndef _UAPI_GUP_LONGTERM_TEST_H
#define _UAPI_GUP_LONGTERM_TEST_H

#include <linux/types.h>
#include <linux/ioctl.h>
#include <linux/const.h>

#define GLT_DEVICE_NAME		"gup_longterm_test"
#define GLT_DEVICE_PATH		"/dev/" GLT_DEVICE_NAME
/* 2: GLT_IOC_MAPPING_LEVEL, 3: GLT_PIN_PROBE, 4: GLT_IOC_DMA_READ/WRITE */
#define GLT_ABI_VERSION		4

/* Limits enforced by the driver (see GLT_IOC_STATUS for the live values). */
#define GLT_MAX_PAGES_PER_PIN	4096	/* larger nr_pages: -E2BIG */
#define GLT_MAX_PINS_PER_FILE	1024	/* a fuller pin table: -ENOSPC */

/*
 * mmap() of the device, MAP_SHARED at offset 0 and at most this many pages,
 * maps zeroed kernel pages with remap_pfn_range(): a VM_IO | VM_PFNMAP
 * mapping, memory that GUP must refuse (mm/gup.c check_vma_flags()).
 * Anything else: -EINVAL. Such a mapping cannot be split (munmap of a part:
 * -EINVAL).
 */
#define GLT_MAX_MMAP_PAGES	16

/* struct glt_pin.flags */
#define GLT_PIN_WRITE		_BITUL(0) /* FOLL_WRITE */
#define GLT_PIN_FAST		_BITUL(1) /* the *_fast() variant of the call */
#define GLT_PIN_GET		_BITUL(2) /* get_user_pages*(): FOLL_GET, not FOLL_PIN */
#define GLT_PIN_PROBE		_BITUL(3) /* release before returning: no handle */
#define GLT_PIN_FLAGS_ALL	(GLT_PIN_WRITE | GLT_PIN_FAST | GLT_PIN_GET | \
				 GLT_PIN_PROBE)

/* No pin was recorded (GUP pinned nothing). Valid handles are >= 1. */
#define GLT_HANDLE_NONE		0

/*
 * GLT_IOC_PIN_LONGTERM and GLT_IOC_PIN_TRANSIENT.
 *
 * PIN_LONGTERM adds FOLL_LONGTERM, PIN_TRANSIENT does not. The driver calls
 *   pin_user_pages()      (default),
 *   pin_user_pages_fast() (GLT_PIN_FAST),
 *   get_user_pages()      (GLT_PIN_GET),
 *   get_user_pages_fast() (GLT_PIN_GET | GLT_PIN_FAST).
 *
 * addr must be page aligned, nr_pages in 1..GLT_MAX_PAGES_PER_PIN and the
 * range must not wrap: otherwise -EINVAL (-E2BIG for too many pages).
 * A combination that the kernel rejects with a WARN (a long-term GET) is
 * refused by the driver with -EINVAL before any GUP call.
 *
 * On a GUP error the ioctl fails with the kernel's errno, unchanged.
 * If GUP pins fewer pages than asked (a partial pin), the ioctl succeeds,
 * nr_pinned says how many and the handle owns exactly those pages.
 * If GUP returns 0 pages, the ioctl succeeds with nr_pinned == 0 and
 * handle == GLT_HANDLE_NONE.
 *
 * GLT_PIN_PROBE: the same GUP call, and the pages it returns are released
 * (unpinned, or put for GET) before the ioctl returns: nr_pinned says how
 * many there were, handle is GLT_HANDLE_NONE, and the pin table is neither
 * used nor checked (no -ENOSPC). One syscall does what PIN and UNPIN do in
 * two, as the kernel's gup_test benchmark ioctl does (make bench).
 */
struct glt_pin {
	__u64 addr;		/* in: user virtual address, page aligned */
	__u64 nr_pages;		/* in: number of pages to pin */
	__u32 flags;		/* in: GLT_PIN_* */
	__u32 handle;		/* out: names this pin for UNPIN and QUERY (ignored on input) */
	__u64 nr_pinned;	/* out: pages actually pinned (ignored on input) */
	__u64 reserved[4];	/* in: must be zero */
};

/*
 * GLT_IOC_UNPIN: release every page of one pin of this open file. A handle
 * this open file does not hold (another file's, an already released one,
 * GLT_HANDLE_NONE) or a non-zero reserved field: -EINVAL. Unknown ioctl
 * commands: -ENOTTY.
 */
struct glt_unpin {
	__u32 handle;		/* in: from GLT_IOC_PIN_* of this open file */
	__u32 reserved;		/* in: must be zero */
};

/* struct glt_page_info.flags */
#define GLT_PAGE_MAYBE_DMA_PINNED _BITUL(0) /* folio_maybe_dma_pinned() */
#define GLT_PAGE_ZONE_DEVICE	_BITUL(1) /* is_zone_device_page() */
#define GLT_PAGE_LARGE		_BITUL(2) /* folio_test_large() */
#define GLT_PAGE_ZERO		_BITUL(3) /* the shared 4 KiB zero page */
#define GLT_PAGE_ANON		_BITUL(4) /* folio_test_anon() */
#define GLT_PAGE_PFN_VALID	_BITUL(5) /* pfn was filled in (CAP_SYS_ADMIN) */

/* struct glt_page_info.zone */
enum glt_zone {
	GLT_ZONE_OTHER = 0,
	GLT_ZONE_DMA = 1,
	GLT_ZONE_DMA32 = 2,
	GLT_ZONE_NORMAL = 3,
	GLT_ZONE_MOVABLE = 4,
	GLT_ZONE_DEVICE = 5,
};

/*
 * Facts about one pinned page, read while the pin holds it.
 * folio_refcount is folio_ref_count() of the page's folio: a pin of a small
 * folio adds GUP_PIN_COUNTING_BIAS (1024) to it, a pin of a large folio adds 1
 * and 1 to the pincount (Documentation/core-api/pin_user_pages.rst).
 */
struct glt_page_info {
	__u64 pfn;		/* page_to_pfn(); 0 unless CAP_SYS_ADMIN */
	__s64 folio_refcount;	/* folio_ref_count() */
	__s64 folio_pincount;	/* exact pincount of a large folio, else -1 */
	__u32 folio_order;	/* folio_order() */
	__u32 flags;		/* GLT_PAGE_* */
	__u32 zone;		/* enum glt_zone */
	__u32 reserved;		/* zero */
};

/*
 * GLT_IOC_QUERY: per-page facts of pages first .. first + count - 1 of a pin.
 * count is clamped to the pages the pin holds; on return it says how many
 * entries were written to info. An unknown handle, first beyond the pin,
 * count == 0 or a non-zero reserved field: -EINVAL.
 */
struct glt_query {
	__u32 handle;		/* in */
	__u32 reserved0;	/* in: must be zero */
	__u64 first;		/* in: index of the first page within the pin */
	__u64 count;		/* in: entries in info; out: entries written */
	__u64 info;		/* in: user pointer to struct glt_page_info[count] */
	__u64 reserved[2];	/* in: must be zero */
};

/* GLT_IOC_STATUS: what this open file holds, and the driver's limits. */
struct glt_status {
	__u32 abi_version;	/* GLT_ABI_VERSION of the driver */
	__u32 nr_pins;		/* pins held by this open file */
	__u64 nr_pages;		/* pages held by those pins */
	__u32 max_pages_per_pin;
	__u32 max_pins_per_file;
	__u64 reserved[4];	/* zero */
};

/* struct glt_mapping_level.level */
enum glt_level {
	GLT_LEVEL_NONE = 0,	/* nothing mapped at addr (or no VMA) */
	GLT_LEVEL_PTE = 1,	/* the PMD entry points to a page table */
	GLT_LEVEL_PMD = 2,	/* a PMD leaf (a 2 MiB THP, DAX or hugetlb mapping) */
	GLT_LEVEL_PUD = 3,	/* a PUD leaf (1 GiB) */
};

/*
 * GLT_IOC_MAPPING_LEVEL: at which page-table level the calling process maps
 * addr, read under mmap_lock. It proves what no /proc file shows for every
 * kind of memory: /proc/PID/smaps counts PMD-mapped THP and shmem, but no
 * DAX PMD (fs/proc/task_mmu.c smaps_pmd_entry(): v6.1 passes over
 * zone-device pages, v6.12 gets no page from vm_normal_page_pmd() for a
 * pmd_devmap() entry). GLT_LEVEL_PTE is reported from the PMD entry alone: the page table
 * it points to may still lack a PTE for addr. addr >= TASK_SIZE or a non-zero
 * reserved field: -EINVAL.
 */
struct glt_mapping_level {
	__u64 addr;		/* in: user virtual address */
	__u32 level;		/* out: enum glt_level (ignored on input) */
	__u32 reserved0;	/* in: must be zero */
	__u64 reserved[2];	/* in: must be zero */
};

/*
 * GLT_IOC_DMA_READ and GLT_IOC_DMA_WRITE: what a device would see through a
 * held pin. The driver plays the device: DMA_READ copies length bytes of the
 * pinned pages, from offset, to the user buffer buf; DMA_WRITE copies length
 * bytes from buf into the pinned pages at offset. offset counts bytes from
 * the first byte of the pin's first page (its addr, page aligned), across
 * the pages the pin holds: offset + length <= nr_pinned * page size. Only
 * the pinned pages are touched, each through a kernel mapping of that page
 * (kmap_local_page(), kmap_atomic() before v5.11), never through the
 * process's page tables: after munmap(), fork() or a migration the process
 * may see other pages than the device does, which is what a long-term pin
 * is about.
 *
 * Checked in this order:
 *   flags (no GLT_DMA_* flag is defined yet) or a reserved field non-zero,
 *   or length == 0:                                        -EINVAL;
 *   a handle this open file does not hold (another file's, one released
 *   by UNPIN or close, GLT_HANDLE_NONE), as UNPIN and QUERY: -EINVAL;
 *   DMA_WRITE through a pin taken without GLT_PIN_WRITE (FOLL_WRITE): a
 *   read pin may hold a page the process shares (the zero page, a COW
 *   page shared with a fork, a private file page):        -EPERM;
 *   offset + length beyond the pin, or wrapping:           -EINVAL;
 *   a page in the range that the CPU cannot address (ZONE_DEVICE
 *   device-private or PCI P2PDMA memory; GUP as this driver calls it
 *   never returns such pages):                             -EOPNOTSUPP;
 *   buf not readable (DMA_WRITE) or writable (DMA_READ):   -EFAULT.
 * Every refusal but -EFAULT copies nothing. The copy runs in order, one
 * pinned page's part at a time: on -EFAULT the parts before the one whose
 * buf faulted have been copied, that one may be in part, and no byte after
 * it is written (nor zeroed).
 *
 * Pins of every kind carry both: PIN_LONGTERM and PIN_TRANSIENT, PIN and
 * GET (a driver that holds pages with get_user_pages() does DMA to them
 * too). The pages a DMA_WRITE changed are marked dirty with
 * set_page_dirty_lock() before it returns, as a driver marks the pages a
 * device wrote once the DMA has completed; UNPIN does not dirty them again.
 */
struct glt_dma {
	__u32 handle;		/* in: from GLT_IOC_PIN_* of this open file */
	__u32 flags;		/* in: must be zero */
	__u64 offset;		/* in: byte offset into the pinned pages */
	__u64 length;		/* in: bytes to copy, >= 1 */
	__u64 buf;		/* in: user pointer to length bytes */
	__u64 reserved[2];	/* in: must be zero */
};

/*
 * The companion module gup_longterm_test_fv.ko (built where the kernel has
 * videobuf2, CONFIG_VIDEOBUF2_CORE) has its own device, GLT_FV_DEVICE_PATH,
 * the same access rules, and one ioctl pair: GLT_FV_IOC_GET calls
 * get_vaddr_frames() (drivers/media/common/videobuf2/frame_vector.c) on
 * nr_frames pages from addr, as V4L2's USERPTR buffers do, and keeps the
 * frame vector until GLT_FV_IOC_PUT or close. One vector per open file:
 * a second GET is -EBUSY, a PUT without one -EINVAL. The ioctl succeeds
 * whenever the arguments are valid; result is what get_vaddr_frames()
 * returned (frames pinned, possibly fewer than asked, or -errno).
 */
#define GLT_FV_DEVICE_NAME	"gup_longterm_test_fv"
#define GLT_FV_DEVICE_PATH	"/dev/" GLT_FV_DEVICE_NAME
#define GLT_FV_WRITE		_BITUL(0) /* get_vaddr_frames(..., write) */

struct glt_frame_vector {
	__u64 addr;		/* in: user address */
	__u32 nr_frames;	/* in: 1..GLT_MAX_PAGES_PER_PIN */
	__u32 flags;		/* in: GLT_FV_* */
	__s32 result;		/* out: get_vaddr_frames() (ignored on input) */
	__u32 reserved0;	/* in: must be zero */
	__u64 reserved[2];	/* in: must be zero */
};

#define GLT_IOC_MAGIC		0xB8
#define GLT_IOC_PIN_LONGTERM	_IOWR(GLT_IOC_MAGIC, 1, struct glt_pin)
#define GLT_IOC_PIN_TRANSIENT	_IOWR(GLT_IOC_MAGIC, 2, struct glt_pin)
#define GLT_IOC_UNPIN		_IOW(GLT_IOC_MAGIC, 3, struct glt_unpin)
#define GLT_IOC_QUERY		_IOWR(GLT_IOC_MAGIC, 4, struct glt_query)
#define GLT_IOC_STATUS		_IOR(GLT_IOC_MAGIC, 5, struct glt_status)
#define GLT_IOC_MAPPING_LEVEL	_IOWR(GLT_IOC_MAGIC, 6, struct glt_mapping_level)
#define GLT_IOC_DMA_READ	_IOW(GLT_IOC_MAGIC, 7, struct glt_dma)
#define GLT_IOC_DMA_WRITE	_IOW(GLT_IOC_MAGIC, 8, struct glt_dma)
#define GLT_FV_IOC_GET		_IOWR(GLT_IOC_MAGIC, 16, struct glt_frame_vector)
#define GLT_FV_IOC_PUT		_IO(GLT_IOC_MAGIC, 17)

#endif /* _UAPI_GUP_LONGTERM_TEST_H */
