// SPDX-License-Identifier: GPL-2.0
/*
 * RDMA memory registration: ibv_reg_mr() through libibverbs on the first
 * RDMA device (soft-RoCE, rdma_rxe, in the test-bed). The uverbs REG_MR
 * command reaches ib_umem_get() (drivers/infiniband/core/umem.c), the
 * consumer whose long-term pins the fsdax rule was made for.
 */
#include "consumer.h"

#include <errno.h>
#include <infiniband/verbs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"
#include "provider.h"

struct rdma {
	struct ibv_device **list;
	struct ibv_context *ctx;
	struct ibv_pd *pd;
	struct ibv_mr *mr;
};

/* Every kind with a VMA: ib_umem_get() asks for FOLL_WRITE, no FOLL_FORCE. */
static bool rdma_wants(enum glt_kind kind)
{
	return !glt_kind(kind)->facts.unmapped;
}

static void rdma_close(void *state)
{
	struct rdma *r = state;

	if (r->mr)
		ibv_dereg_mr(r->mr);
	if (r->pd)
		ibv_dealloc_pd(r->pd);
	if (r->ctx)
		ibv_close_device(r->ctx);
	if (r->list)
		ibv_free_device_list(r->list);
	free(r);
}

static int rdma_open(void **state, char *why, size_t len)
{
	struct rdma *r = calloc(1, sizeof(*r));
	int n = 0;

	if (!r) {
		snprintf(why, len, "out of memory");
		return GLT_PROVIDER_ERROR;
	}
	r->list = ibv_get_device_list(&n);
	if (!r->list || n == 0) {
		rdma_close(r);
		snprintf(why, len,
			 "no RDMA device (CONFIG_RDMA_RXE; rdma link add rxe0 type rxe netdev IFACE; libibverbs needs ibverbs-providers)");
		return GLT_PROVIDER_SKIP;
	}
	r->ctx = ibv_open_device(r->list[0]);
	if (!r->ctx) {
		snprintf(why, len, "ibv_open_device %s: %s",
			 ibv_get_device_name(r->list[0]), strerror(errno));
		rdma_close(r);
		return GLT_PROVIDER_ERROR;
	}
	r->pd = ibv_alloc_pd(r->ctx);
	if (!r->pd) {
		snprintf(why, len, "ibv_alloc_pd on %s: %s",
			 ibv_get_device_name(r->list[0]), strerror(errno));
		rdma_close(r);
		return GLT_PROVIDER_ERROR;
	}
	*state = r;
	return GLT_PROVIDER_OK;
}

static int rdma_take(void *state, void *addr, size_t bytes,
		     unsigned long *pages)
{
	struct rdma *r = state;

	(void)pages; /* all or nothing */

	errno = 0;
	r->mr = ibv_reg_mr(r->pd, addr, bytes, IBV_ACCESS_LOCAL_WRITE);
	if (r->mr)
		return 0;
	return errno ? errno : EIO;
}

static int rdma_give_back(void *state)
{
	struct rdma *r = state;
	int ret = ibv_dereg_mr(r->mr);

	r->mr = NULL;
	return ret;
}

const struct glt_consumer glt_consumer_rdma = {
	.name = "rdma-reg-mr",
	.call = "ibv_reg_mr(IBV_ACCESS_LOCAL_WRITE)",
	.wants = rdma_wants,
	.expect = glt_oracle_rdma_reg_mr,
	.open = rdma_open,
	.take = rdma_take,
	.give_back = rdma_give_back,
	.close = rdma_close,
};
