// SPDX-License-Identifier: GPL-2.0
/*
 * get_vaddr_frames() called directly, through the companion module
 * gup_longterm_test_fv.ko (uapi GLT_FV_*): the frame-vector helper of
 * videobuf2 without a V4L2 device around it, so that its own answer - a
 * frame count that may be partial, or GUP's errno - is what is checked.
 */
#include "consumer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../uapi/gup_longterm_test.h"
#include "kind.h"
#include "provider.h"
#include "sizes.h"

struct fv {
	int fd;
};

/* As V4L2: v6.1's FOLL_FORCE makes PROT_NONE a path the oracle lacks. */
static bool fv_wants(enum glt_kind kind)
{
	return !glt_kind(kind)->facts.unmapped &&
	       glt_kind(kind)->facts.readable;
}

static int fv_open(void **state, char *why, size_t len)
{
	struct fv *f;
	int fd = open(GLT_FV_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		snprintf(why, len,
			 "%s: %s (load gup_longterm_test_fv.ko; it is built where the kernel has videobuf2, CONFIG_VIDEOBUF2_CORE)",
			 GLT_FV_DEVICE_PATH, strerror(errno));
		return errno == ENOENT ? GLT_PROVIDER_SKIP : GLT_PROVIDER_ERROR;
	}
	f = calloc(1, sizeof(*f));
	if (!f) {
		close(fd);
		snprintf(why, len, "out of memory");
		return GLT_PROVIDER_ERROR;
	}
	f->fd = fd;
	*state = f;
	return GLT_PROVIDER_OK;
}

static int fv_take(void *state, void *addr, size_t bytes, unsigned long *pages)
{
	struct fv *f = state;
	struct glt_frame_vector v = {
		.addr = (uintptr_t)addr,
		.nr_frames = (uint32_t)((bytes + PAGE_SZ - 1) / PAGE_SZ),
		.flags = GLT_FV_WRITE,
	};

	if (ioctl(f->fd, GLT_FV_IOC_GET, &v))
		return errno; /* the ABI refused the arguments */
	if (v.result < 0)
		return -v.result;
	*pages = (unsigned long)v.result;
	return 0;
}

static int fv_give_back(void *state)
{
	struct fv *f = state;

	return ioctl(f->fd, GLT_FV_IOC_PUT) ? errno : 0;
}

static void fv_close(void *state)
{
	struct fv *f = state;

	close(f->fd);
	free(f);
}

const struct glt_consumer glt_consumer_frame_vector = {
	.name = "frame-vector",
	.call = "get_vaddr_frames(write)",
	.wants = fv_wants,
	.expect = glt_oracle_frame_vector,
	.open = fv_open,
	.take = fv_take,
	.give_back = fv_give_back,
	.close = fv_close,
};
