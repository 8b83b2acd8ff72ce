// SPDX-License-Identifier: GPL-2.0
/*
 * io_uring fixed buffers: IORING_REGISTER_BUFFERS pins with FOLL_WRITE |
 * FOLL_LONGTERM (io_uring/rsrc.c io_sqe_buffer_register()). The syscalls
 * are made directly: the kernel path is the one liburing takes.
 */
#include "consumer.h"

#include <errno.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "kind.h"
#include "provider.h"

struct uring {
	int fd;
};

/* A hole has no buffer to register; PROT_NONE and PFNMAP do. */
static bool uring_wants(enum glt_kind kind)
{
	return !glt_kind(kind)->facts.unmapped;
}

static int uring_open(void **state, char *why, size_t len)
{
	struct io_uring_params params;
	struct uring *u = calloc(1, sizeof(*u));

	if (!u) {
		snprintf(why, len, "out of memory");
		return GLT_PROVIDER_ERROR;
	}
	memset(&params, 0, sizeof(params));
	u->fd = (int)syscall(SYS_io_uring_setup, 4, &params);
	if (u->fd < 0) {
		int err = errno;

		free(u);
		snprintf(why, len, "io_uring_setup: %s%s", strerror(err),
			 err == ENOSYS || err == EPERM ?
				 " (io_uring is not available: CONFIG_IO_URING, kernel.io_uring_disabled)" :
				 "");
		return err == ENOSYS || err == EPERM ? GLT_PROVIDER_SKIP :
						       GLT_PROVIDER_ERROR;
	}
	*state = u;
	return GLT_PROVIDER_OK;
}

static int uring_take(void *state, void *addr, size_t bytes,
		      unsigned long *pages)
{
	(void)pages; /* all or nothing */
	struct uring *u = state;
	struct iovec iov = { .iov_base = addr, .iov_len = bytes };

	if (syscall(SYS_io_uring_register, u->fd, IORING_REGISTER_BUFFERS, &iov,
		    1))
		return errno;
	return 0;
}

static int uring_give_back(void *state)
{
	struct uring *u = state;

	if (syscall(SYS_io_uring_register, u->fd, IORING_UNREGISTER_BUFFERS,
		    NULL, 0))
		return errno;
	return 0;
}

static void uring_close(void *state)
{
	struct uring *u = state;

	close(u->fd);
	free(u);
}

const struct glt_consumer glt_consumer_io_uring = {
	.name = "io-uring",
	.call = "IORING_REGISTER_BUFFERS",
	.wants = uring_wants,
	.expect = glt_oracle_io_uring,
	.open = uring_open,
	.take = uring_take,
	.give_back = uring_give_back,
	.close = uring_close,
};
