// SPDX-License-Identifier: GPL-2.0
/*
 * V4L2 USERPTR buffers: VIDIOC_QBUF of a user pointer on a vivid capture
 * device. vivid's default allocator is videobuf2-vmalloc, whose
 * get_userptr() takes the pages with get_vaddr_frames(), the frame-vector
 * code that became a long-term pin together with the fsdax rule
 * (drivers/media/common/videobuf2/frame_vector.c). The pages stay pinned
 * while the buffer belongs to the queue, until VIDIOC_REQBUFS(0).
 */
#include "consumer.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kind.h"
#include "provider.h"

struct v4l2 {
	int fd;
	unsigned int sizeimage;
};

/*
 * Not PROT_NONE: v6.1's get_vaddr_frames() adds FOLL_FORCE, which lets a
 * write pin through check_vma_flags() on a private PROT_NONE mapping (the
 * ptrace rule) - a path the oracle does not model. Not a hole either.
 */
static bool v4l2_wants(enum glt_kind kind)
{
	return !glt_kind(kind)->facts.unmapped &&
	       glt_kind(kind)->facts.readable;
}

/* The first vivid node that captures video and streams. */
static int find_vivid(char *path, size_t len)
{
	for (int i = 0; i < 64; i++) {
		struct v4l2_capability cap;
		unsigned int caps;
		int fd;

		snprintf(path, len, "/dev/video%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		memset(&cap, 0, sizeof(cap));
		if (!ioctl(fd, VIDIOC_QUERYCAP, &cap) &&
		    !strcmp((const char *)cap.driver, "vivid")) {
			caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ?
				       cap.device_caps :
				       cap.capabilities;
			if ((caps & V4L2_CAP_VIDEO_CAPTURE) &&
			    (caps & V4L2_CAP_STREAMING))
				return fd;
		}
		close(fd);
	}
	return -1;
}

#define FAILV(...)                               \
	do {                                     \
		snprintf(why, len, __VA_ARGS__); \
		close(fd);                       \
		return GLT_PROVIDER_ERROR;       \
	} while (0)

static int v4l2_open(void **state, char *why, size_t len)
{
	struct v4l2_requestbuffers req;
	struct v4l2_format fmt;
	struct v4l2 *v;
	char path[32];
	int fd, input = 0;

	fd = find_vivid(path, sizeof(path));
	if (fd < 0) {
		snprintf(why, len,
			 "no vivid video-capture device (CONFIG_VIDEO_VIVID; modprobe vivid node_types=0x1)");
		return GLT_PROVIDER_SKIP;
	}
	/* Input 0 is vivid's webcam: discrete sizes, 320x180 the smallest. */
	if (ioctl(fd, VIDIOC_S_INPUT, &input))
		FAILV("%s: VIDIOC_S_INPUT 0: %s", path, strerror(errno));
	memset(&fmt, 0, sizeof(fmt));
	fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	fmt.fmt.pix.width = 320;
	fmt.fmt.pix.height = 180;
	fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_GREY;
	fmt.fmt.pix.field = V4L2_FIELD_NONE;
	if (ioctl(fd, VIDIOC_S_FMT, &fmt))
		FAILV("%s: VIDIOC_S_FMT 320x180 GREY: %s", path,
		      strerror(errno));
	if (fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_GREY)
		FAILV("%s: vivid chose another format than GREY", path);
	memset(&req, 0, sizeof(req));
	req.count = 1;
	req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	req.memory = V4L2_MEMORY_USERPTR;
	if (ioctl(fd, VIDIOC_REQBUFS, &req))
		FAILV("%s: VIDIOC_REQBUFS USERPTR: %s (vivid allocators=1 has no USERPTR)",
		      path, strerror(errno));
	v = calloc(1, sizeof(*v));
	if (!v)
		FAILV("out of memory");
	v->fd = fd;
	v->sizeimage = fmt.fmt.pix.sizeimage;
	*state = v;
	return GLT_PROVIDER_OK;
}

static size_t v4l2_buffer_bytes(void *state, size_t mapped)
{
	struct v4l2 *v = state;

	(void)mapped;
	return v->sizeimage;
}

static int v4l2_take(void *state, void *addr, size_t bytes,
		     unsigned long *pages)
{
	struct v4l2 *v = state;
	struct v4l2_buffer b;

	(void)pages; /* all or nothing */

	memset(&b, 0, sizeof(b));
	b.index = 0;
	b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	b.memory = V4L2_MEMORY_USERPTR;
	b.m.userptr = (unsigned long)(uintptr_t)addr;
	b.length = (unsigned int)bytes;
	return ioctl(v->fd, VIDIOC_QBUF, &b) ? errno : 0;
}

/* Freeing the queue's buffers drops their user pages (put_userptr). */
static int v4l2_give_back(void *state)
{
	struct v4l2 *v = state;
	struct v4l2_requestbuffers req;

	memset(&req, 0, sizeof(req));
	req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	req.memory = V4L2_MEMORY_USERPTR;
	return ioctl(v->fd, VIDIOC_REQBUFS, &req) ? errno : 0;
}

static void v4l2_close(void *state)
{
	struct v4l2 *v = state;

	close(v->fd);
	free(v);
}

const struct glt_consumer glt_consumer_v4l2 = {
	.name = "v4l2-userptr",
	.call = "VIDIOC_QBUF(V4L2_MEMORY_USERPTR)",
	.wants = v4l2_wants,
	.expect = glt_oracle_v4l2_userptr,
	.open = v4l2_open,
	.buffer_bytes = v4l2_buffer_bytes,
	.take = v4l2_take,
	.give_back = v4l2_give_back,
	.close = v4l2_close,
};
