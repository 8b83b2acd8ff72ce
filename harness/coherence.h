/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The coherence phase of a matrix case (coherence.c): what a device reads
 * and writes through a pin against what the process reads and writes
 * through its mapping, as the oracle's coherence rules say.
 */
#ifndef GLT_COHERENCE_H
#define GLT_COHERENCE_H

#include <stddef.h>

#include "case.h"
#include "engine.h"
#include "oracle.h"

/*
 * For a case whose pin the oracle expects to succeed (exp): make its
 * memory afresh, take the same pin, compare the two views right after the
 * pin, after the process writes, and (a write pin) after the device
 * writes. Check assertions; appends the deciding rules to detail.
 */
void glt_coherence_check(const struct glt_engine_ctx *ctx,
			 const struct glt_case *c, const struct glt_expect *exp,
			 char *detail, size_t len);

#endif
