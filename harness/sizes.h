/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sizes the running kernel's page tables map, read from it once and
 * never assumed: the base page, what one PMD maps (a PMD-mapped THP or DAX
 * extent, a device-DAX alignment that maps by PMDs) and the default
 * hugetlb page. They are 4 KiB, 2 MiB and 2 MiB on x86-64 and on arm64
 * with 4 KiB pages, but arm64 also builds 16 KiB and 64 KiB pages
 * (arch/arm64/Kconfig ARM64_16K_PAGES, ARM64_64K_PAGES), whose PMDs map
 * 32 MiB and 512 MiB.
 */
#ifndef GLT_SIZES_H
#define GLT_SIZES_H

/* sysconf(_SC_PAGESIZE): the kernel's PAGE_SIZE. */
unsigned long glt_page_size(void);
/* log2 of it: PAGE_SHIFT. */
unsigned int glt_page_shift(void);
/*
 * HPAGE_PMD_SIZE, from /sys/kernel/mm/transparent_hugepage/hpage_pmd_size
 * (mm/huge_memory.c, CONFIG_TRANSPARENT_HUGEPAGE); without THP, what a
 * page-table page of 8-byte entries maps: PAGE_SIZE / 8 pages (PTRS_PER_PTE
 * on x86-64 and arm64).
 */
unsigned long glt_pmd_size(void);
/* The default hugetlb page size (/proc/meminfo Hugepagesize), 0 if none. */
unsigned long glt_hugetlb_size(void);

#define PAGE_SZ glt_page_size()
#define PMD_SZ glt_pmd_size()
#define HUGETLB_SZ glt_hugetlb_size()

#endif
