// SPDX-License-Identifier: GPL-2.0
#include "vmstat.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

long long glt_vmstat_pins_held(void)
{
	long long acquired = -1, released = -1, v;
	char key[64];
	FILE *f;
	int fd;

	/* Root only; without it the counters may lag by per-CPU deltas. */
	fd = open("/proc/sys/vm/stat_refresh", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "1", 1) < 0) {
			/* Counters stay as they are; the reads still work. */
		}
		close(fd);
	}
	f = fopen("/proc/vmstat", "re");
	if (!f)
		return -1;
	while (fscanf(f, "%63s %lld", key, &v) == 2) {
		if (!strcmp(key, "nr_foll_pin_acquired"))
			acquired = v;
		else if (!strcmp(key, "nr_foll_pin_released"))
			released = v;
	}
	fclose(f);
	if (acquired < 0 || released < 0) {
		errno = ENOENT;
		return -1;
	}
	return acquired - released;
}
