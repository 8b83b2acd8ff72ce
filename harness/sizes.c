// SPDX-License-Identifier: GPL-2.0
#include "sizes.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

unsigned long glt_page_size(void)
{
	static unsigned long size;

	if (!size) {
		long s = sysconf(_SC_PAGESIZE);

		size = s > 0 ? (unsigned long)s : 4096;
	}
	return size;
}

unsigned int glt_page_shift(void)
{
	unsigned int shift = 0;

	while ((1UL << shift) < glt_page_size())
		shift++;
	return shift;
}

/* The first number in path, or 0. */
static unsigned long read_number(const char *path)
{
	unsigned long v = 0;
	FILE *f = fopen(path, "re");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

unsigned long glt_pmd_size(void)
{
	static unsigned long size;

	if (!size)
		size = read_number(
			"/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
	if (!size)
		size = glt_page_size() * (glt_page_size() / 8);
	return size;
}

unsigned long glt_hugetlb_size(void)
{
	static unsigned long size;
	static int read;
	char line[128];
	FILE *f;

	if (read)
		return size;
	read = 1;
	f = fopen("/proc/meminfo", "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Hugepagesize:", 13)) {
			size = 0;
			if (sscanf(line + 13, "%lu", &size) == 1)
				size <<= 10;
			break;
		}
	fclose(f);
	return size;
}
