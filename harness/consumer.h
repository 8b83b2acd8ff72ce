/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's own long-term pinners, as the harness drives them: each
 * consumer takes a user buffer the way its subsystem does (a syscall, an
 * ioctl, a verbs call) and the oracle says what it must answer on each
 * memory kind. consumer_cases.c runs them; one file per consumer.
 */
#ifndef GLT_CONSUMER_H
#define GLT_CONSUMER_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "oracle.h"

struct glt_consumer {
	const char *name; /* case name part: "consumer/<name>/<kind>" */
	const char *call; /* what is called, for messages */
	/* Whether the consumer has a case for this kind, and why not. */
	bool (*wants)(enum glt_kind kind);
	struct glt_expect (*expect)(const struct glt_kernel_facts *kf,
				    const struct glt_mem_facts *seg,
				    unsigned int nseg);
	/*
	 * Set up the consumer (a ring, a device, a protection domain).
	 * GLT_PROVIDER_OK, GLT_PROVIDER_SKIP with the reason (no such
	 * device here) or GLT_PROVIDER_ERROR with a message.
	 */
	int (*open)(void **state, char *why, size_t len);
	/*
	 * The buffer length it takes, given the bytes the mapping has; NULL:
	 * the whole mapping.
	 */
	size_t (*buffer_bytes)(void *state, size_t mapped);
	/*
	 * Take the buffer: 0, or the errno the call failed with. *pages
	 * comes in as every page of the buffer; a consumer that can take
	 * fewer (a partial take) sets it to what it holds.
	 */
	int (*take)(void *state, void *addr, size_t bytes,
		    unsigned long *pages);
	/* Give back a taken buffer; 0 or an errno. */
	int (*give_back)(void *state);
	void (*close)(void *state);
};

/* The consumers, in the order their cases run; *n of them. */
const struct glt_consumer *const *glt_consumers(unsigned int *n);

extern const struct glt_consumer glt_consumer_io_uring;
extern const struct glt_consumer glt_consumer_v4l2;
extern const struct glt_consumer glt_consumer_rdma;
extern const struct glt_consumer glt_consumer_frame_vector;

#endif
