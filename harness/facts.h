/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Facts the oracle reasons from. Kernel facts are read from the running
 * system (uname, kernel config); memory facts are what a provider proved
 * about the mapping it made (statx STATX_ATTR_DAX, filesystem type, mapping
 * flags). Nothing here is learnt from the driver's answers.
 */
#ifndef GLT_FACTS_H
#define GLT_FACTS_H

#include <stdbool.h>

#define GLT_KV(a, b) \
	(((a) << 8) | (b)) /* major.minor: sublevels don't matter */

enum glt_config {
	GLT_CONFIG_UNKNOWN,
	GLT_CONFIG_N,
	GLT_CONFIG_M,
	GLT_CONFIG_Y,
};

struct glt_kernel_facts {
	char release[65];	   /* uname -r */
	unsigned int version;	   /* GLT_KV(major, minor) */
	char config_source[160];   /* where the config was read, or "" */
	enum glt_config fs_dax;	   /* CONFIG_FS_DAX */
	enum glt_config dev_dax;   /* CONFIG_DEV_DAX */
	enum glt_config secretmem; /* CONFIG_SECRETMEM */
	/*
	 * The secretmem.enable boot parameter (mm/secretmem.c), from
	 * /sys/module/secretmem/parameters/enable: GLT_CONFIG_Y or _N, or
	 * GLT_CONFIG_UNKNOWN where that file is missing (no secretmem, or a
	 * system that hides it).
	 */
	enum glt_config secretmem_enable;
	enum glt_config device_private; /* CONFIG_DEVICE_PRIVATE */
	enum glt_config test_hmm;	/* CONFIG_TEST_HMM: lib/test_hmm.c */
	enum glt_config swap;		/* CONFIG_SWAP: swapon(2) exists */
	/*
	 * CONFIG_ZONE_DEVICE: without it there is no struct page for pmem,
	 * hence no fsdax or device-DAX namespace (drivers/nvdimm/Kconfig:
	 * NVDIMM_PFN depends on ZONE_DEVICE, NVDIMM_DAX on NVDIMM_PFN).
	 * Debian's arm64 6.1 leaves it unset.
	 */
	enum glt_config zone_device;
	/*
	 * The page-table geometry, from the running kernel (sizes.h): what
	 * a folio's order is counted in. PAGE_SHIFT, HPAGE_PMD_ORDER
	 * (PMD_SHIFT - PAGE_SHIFT: 9 with 4 KiB pages on x86-64 and arm64)
	 * and the default hugetlb page's order (0: no hugetlbfs).
	 */
	unsigned int page_shift, pmd_order, hugetlb_order;
	char machine[65]; /* uname -m: x86_64, aarch64 */
};

/* What backs a mapping. */
enum glt_backing {
	GLT_BACKING_ANON,      /* anonymous memory, small folios */
	GLT_BACKING_THP,       /* anonymous memory, PMD-sized THP */
	GLT_BACKING_SHMEM,     /* shmem/tmpfs/memfd, small folios */
	GLT_BACKING_HUGETLB,   /* hugetlbfs, pages of the default size */
	GLT_BACKING_EXT4,      /* ext4 page cache */
	GLT_BACKING_XFS,       /* xfs page cache */
	GLT_BACKING_FSDAX,     /* a DAX file: pmem pages, no page cache */
	GLT_BACKING_DEVDAX,    /* device-DAX */
	GLT_BACKING_PFNMAP,    /* VM_IO | VM_PFNMAP */
	GLT_BACKING_SECRETMEM, /* memfd_secret(2): off the kernel's direct map */
	GLT_BACKING_NONE,      /* no VMA */
};

/* What the pages mapped at the range are when the pin is taken. */
enum glt_pages {
	/*
	 * anonymous pages (incl. COW copies): exclusive, or fork() shared as
	 * the facts' .forked says
	 */
	GLT_PAGES_ANON,
	GLT_PAGES_FILE,	    /* the file's (or shmem's, or pmem's) own pages */
	GLT_PAGES_FILE_COW, /* file pages mapped read-only into a COW mapping */
	GLT_PAGES_ZERO,	    /* the shared zero page */
	/*
	 * the huge zero page, PMD-mapped read-only in a private anonymous
	 * VMA (mm/huge_memory.c do_huge_pmd_anonymous_page() on a read fault)
	 */
	GLT_PAGES_HUGE_ZERO,
	GLT_PAGES_NONE, /* nothing GUP can return (pfnmap, PROT_NONE, hole) */
	/*
	 * exclusive anonymous pages swapped out to zram (SWP_SYNCHRONOUS_IO):
	 * not CPU-mapped, a swap entry
	 */
	GLT_PAGES_SWAPPED,
	/* migrated to device-private memory: not CPU-mapped, a swap entry */
	GLT_PAGES_DEVICE_PRIVATE,
	/* migrated to device-coherent memory: CPU-mapped, ZONE_DEVICE pages */
	GLT_PAGES_DEVICE_COHERENT,
};

/* Whether fork() shared the anonymous pages when they are pinned. */
enum glt_fork_share {
	GLT_FORK_SHARE_NONE, /* never shared: exclusive */
	/*
	 * Shared with a child that still maps them: write-protected in both,
	 * no longer PageAnonExclusive (v5.19+).
	 */
	GLT_FORK_SHARE_LIVE,
	/*
	 * Shared once, mapped only here now (the child wrote its own copies,
	 * or exited): still write-protected, still not PageAnonExclusive,
	 * until a fault here reuses or copies them.
	 */
	GLT_FORK_SHARE_ONCE,
};

/* The VMAs one pinned range may cover. */
#define GLT_MAX_SEGMENTS 2

/* What a provider proved about one VMA of its mapping. */
struct glt_mem_facts {
	enum glt_backing backing;
	enum glt_pages pages;
	bool anon;	   /* vma_is_anonymous(): private anonymous VMA */
	bool shared;	   /* MAP_SHARED */
	bool cow_mapping;  /* is_cow_mapping(): private and may write */
	bool readable;	   /* VM_READ */
	bool writable;	   /* VM_WRITE */
	bool fsdax;	   /* a file with STATX_ATTR_DAX: vma_is_fsdax() */
	bool fs_writeback; /* shared file VMA needing dirty tracking */
	bool pfnmap;	   /* VM_IO | VM_PFNMAP */
	bool secretmem;	   /* vma_is_secretmem(): a memfd_secret() mapping */
	bool unmapped;	   /* no VMA */
	bool pmd_mapped;   /* proved mapped by a PMD (GLT_IOC_MAPPING_LEVEL) */
	enum glt_fork_share forked; /* the pages fork() shared, if any */
	/*
	 * When the pin is taken, the pages hold a reference beyond their
	 * mappings': the engine's observer (a transient GET), which the
	 * engine sets for the matrix's pins of every row that is not
	 * .unobservable (not the coherence phase's pin, which none observes).
	 * It decides whether a fault may reuse an anonymous page that fork()
	 * once shared (mm/memory.c do_wp_page()).
	 */
	bool observed;
	/*
	 * The process fork()s between the pin and its next write (a row's
	 * .after_pin, in the coherence phase): the pages were pinned while
	 * exclusive, then shared, or copied for the child.
	 */
	bool fork_after_pin;
	/*
	 * The order of the THP the recipe made where it is not the one the
	 * thp-pmd rule knows: an mTHP size, or a PMD-sized THP since mapped
	 * by PTEs, or the huge zero page (log2 of its size in pages); 0
	 * otherwise.
	 */
	unsigned int thp_order;
	bool mthp; /* folios of an mTHP size (v6.8+), not PMD-sized ones */
	unsigned long devdax_align; /* device-DAX alignment in bytes */
	unsigned long nr_pages;	    /* pages of the pinned range in this VMA */
};

/* The pages of a range over nseg VMAs (seg[i].nr_pages in each). */
unsigned long glt_mem_pages(const struct glt_mem_facts *seg, unsigned int nseg);

/* Parse "6.12.117+deb12-amd64" into GLT_KV(6, 12); 0 if unparsable. */
unsigned int glt_parse_release(const char *release);

/*
 * Look CONFIG_<name> up in a kernel config text ("CONFIG_X=y",
 * "# CONFIG_X is not set"). Absent: GLT_CONFIG_UNKNOWN.
 */
enum glt_config glt_config_lookup(const char *config_text, const char *name);

/*
 * The facts a kernel config text decides (CONFIG_FS_DAX, DEV_DAX,
 * SECRETMEM, DEVICE_PRIVATE, TEST_HMM, ZONE_DEVICE, SWAP), read as
 * glt_kernel_facts_read() reads the running kernel's config: an option the
 * text does not name is n. The other fields are left as they are.
 */
void glt_kernel_facts_config(struct glt_kernel_facts *kf, const char *text);

/*
 * Read the running kernel's facts: uname, its page-table geometry, then its
 * config from /boot/config-$(uname -r) or /proc/config.gz. Returns 0, or -1
 * with errno if uname fails; a missing config leaves GLT_CONFIG_UNKNOWN
 * values. In a config that was read, an option it does not name is n:
 * Kconfig writes "# CONFIG_X is not set" only for options whose
 * dependencies hold, and none for the others (scripts/kconfig/confdata.c
 * conf_write(): symbols without SYMBOL_WRITE), e.g. CONFIG_FS_DAX in a
 * kernel without ZONE_DEVICE.
 */
int glt_kernel_facts_read(struct glt_kernel_facts *kf);

const char *glt_config_name(enum glt_config c);

#endif
