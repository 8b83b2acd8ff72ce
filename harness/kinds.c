// SPDX-License-Identifier: GPL-2.0
/* The memory kinds' table, from kinds.def. */
#include "kind.h"

#include "../uapi/gup_longterm_test.h"
#include "provider.h"

#define GLT_KIND(id, kname, ...) \
	[GLT_KIND_##id] = { .name = kname, __VA_ARGS__ },
static const struct glt_kind_desc kinds[GLT_KIND_COUNT] = {
#include "kinds.def"
};
#undef GLT_KIND

const struct glt_kind_desc *glt_kind(enum glt_kind kind)
{
	return kind < GLT_KIND_COUNT ? &kinds[kind] : NULL;
}

enum glt_need glt_kind_need(enum glt_kind kind)
{
	if (glt_kind(kind)->need)
		return glt_kind(kind)->need;
	switch (glt_kind_fixture(kind)) {
	case GLT_FIXTURE_FSDAX_EXT4:
	case GLT_FIXTURE_FSDAX_XFS:
		return GLT_NEED_FSDAX_MOUNT;
	case GLT_FIXTURE_DEVDAX:
	case GLT_FIXTURE_DEVDAX_4K:
		return GLT_NEED_DEVDAX_MMAP;
	default:
		return GLT_NEED_NOTHING;
	}
}
