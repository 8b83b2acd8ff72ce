/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GLT_VMSTAT_H
#define GLT_VMSTAT_H

/*
 * nr_foll_pin_acquired - nr_foll_pin_released from /proc/vmstat, after
 * folding the per-CPU deltas with /proc/sys/vm/stat_refresh (mm/vmstat.c
 * vmstat_refresh()). -1 with errno if unreadable.
 */
long long glt_vmstat_pins_held(void);

#endif
