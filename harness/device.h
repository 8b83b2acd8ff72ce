/* SPDX-License-Identifier: GPL-2.0 */
/* Thin wrappers around the driver's ioctls (uapi/gup_longterm_test.h). */
#ifndef GLT_DEVICE_H
#define GLT_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "../uapi/gup_longterm_test.h"

int glt_dev_open(void); /* open(GLT_DEVICE_PATH): fd, or -1 with errno */

/*
 * PIN_LONGTERM (longterm) or PIN_TRANSIENT with GLT_PIN_* flags.
 * Returns 0 and fills *pin, or -1 with errno (the kernel's errno).
 */
int glt_dev_pin(int fd, int longterm, void *addr, uint64_t nr_pages,
		unsigned int flags, struct glt_pin *pin);
int glt_dev_unpin(int fd, uint32_t handle);
/* QUERY pages [first, first + count) of a pin; returns entries or -1. */
long glt_dev_query(int fd, uint32_t handle, uint64_t first, uint64_t count,
		   struct glt_page_info *info);
int glt_dev_status(int fd, struct glt_status *st);
/*
 * DMA_WRITE (write) or DMA_READ through pin handle: length bytes at offset
 * of the pinned pages from or to buf. 0, or -1 with errno.
 */
int glt_dev_dma(int fd, int write, uint32_t handle, uint64_t offset,
		uint64_t length, void *buf);

#endif
