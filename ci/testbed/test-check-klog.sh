#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of check-klog.sh: every sample splat is caught, a clean log with
# the harmless out-of-tree module messages passes.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
clean='[    2.1] gup_longterm_test: loading out-of-tree module taints kernel.
[    2.1] gup_longterm_test: module verification failed: signature and/or required key missing - tainting kernel
[    2.3] EXT4-fs (pmem0): mounted filesystem with ordered data mode. Quota mode: none.'
printf '%s\n' "$clean" >"$tmp/clean"
if ! "$here/check-klog.sh" "$tmp/clean" >/dev/null; then
	echo "not ok: a clean log was flagged"; fail=1
else
	echo "ok: clean log passes"
fi
while IFS= read -r splat; do
	printf '%s\n%s\n' "$clean" "$splat" >"$tmp/splat"
	if "$here/check-klog.sh" "$tmp/splat" >/dev/null; then
		echo "not ok: missed: $splat"; fail=1
	else
		echo "ok: caught: $splat"
	fi
done <<'SPLATS'
[    5.0] WARNING: CPU: 1 PID: 100 at mm/gup.c:2184 get_user_pages+0x50/0x60
[    5.0] BUG: KASAN: use-after-free in glt_ioctl+0x10/0x20
[    5.0] BUG: kernel NULL pointer dereference, address: 0000000000000008
[    5.0] Oops: 0000 [#1] PREEMPT SMP NOPTI
[    5.0] Kernel panic - not syncing: Fatal exception
[    5.0] WARNING: possible circular locking dependency detected
[    5.0] WARNING: suspicious RCU usage
[    5.0] unreferenced object 0xffff888003a1b000 (size 64):
[    5.0] UBSAN: shift-out-of-bounds in drivers/foo.c:12:3
[    5.0] INFO: task gup-longterm-te:123 blocked for more than 120 seconds.
[    5.0] general protection fault, probably for non-canonical address 0xdead000000000100
[    5.0] Call Trace:
[    5.0] refcount_t: underflow; use-after-free.
[    5.0] BUG: Bad page state in process gup-longterm-te  pfn:1234
SPLATS
exit $fail
