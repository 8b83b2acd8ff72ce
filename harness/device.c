// SPDX-License-Identifier: GPL-2.0
#include "device.h"

#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>

int glt_dev_open(void)
{
	return open(GLT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
}

int glt_dev_pin(int fd, int longterm, void *addr, uint64_t nr_pages,
		unsigned int flags, struct glt_pin *pin)
{
	memset(pin, 0, sizeof(*pin));
	pin->addr = (uint64_t)(uintptr_t)addr;
	pin->nr_pages = nr_pages;
	pin->flags = flags;
	return ioctl(fd,
		     longterm ? GLT_IOC_PIN_LONGTERM : GLT_IOC_PIN_TRANSIENT,
		     pin);
}

int glt_dev_unpin(int fd, uint32_t handle)
{
	struct glt_unpin u = { .handle = handle };

	return ioctl(fd, GLT_IOC_UNPIN, &u);
}

long glt_dev_query(int fd, uint32_t handle, uint64_t first, uint64_t count,
		   struct glt_page_info *info)
{
	struct glt_query q = {
		.handle = handle,
		.first = first,
		.count = count,
		.info = (uint64_t)(uintptr_t)info,
	};

	if (ioctl(fd, GLT_IOC_QUERY, &q))
		return -1;
	return (long)q.count;
}

int glt_dev_status(int fd, struct glt_status *st)
{
	memset(st, 0, sizeof(*st));
	return ioctl(fd, GLT_IOC_STATUS, st);
}

int glt_dev_dma(int fd, int write, uint32_t handle, uint64_t offset,
		uint64_t length, void *buf)
{
	struct glt_dma d = {
		.handle = handle,
		.offset = offset,
		.length = length,
		.buf = (uint64_t)(uintptr_t)buf,
	};

	return ioctl(fd, write ? GLT_IOC_DMA_WRITE : GLT_IOC_DMA_READ, &d);
}
