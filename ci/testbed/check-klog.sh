#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fail when a kernel log holds a splat: WARN, BUG, Oops, panic, KASAN, UBSAN,
# lockdep, RCU, kmemleak, hung tasks, or a stray call trace.
#   ci/testbed/check-klog.sh LOG...
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: ci/testbed/check-klog.sh LOG..." >&2; exit 2; }
patterns='WARNING:|BUG:|Oops|Kernel panic|KASAN|UBSAN|possible circular locking dependency|possible recursive locking|inconsistent lock state|suspicious RCU usage|unreferenced object|general protection fault|Call Trace:|blocked for more than|hung_task|kernel BUG at|list_add corruption|list_del corruption|refcount_t:|Bad page state|page dumped because'
status=0
for log in "$@"; do
	[ -r "$log" ] || { echo "check-klog: cannot read $log"; status=1; continue; }
	hits=$(tr -d '\r' <"$log" | grep -nE "$patterns")
	if [ -n "$hits" ]; then
		echo "check-klog: kernel log splat in $log:"
		tr -d '\r' <"$log" | grep -nE -B2 -A12 "$patterns" | head -n 80
		status=1
	fi
done
exit $status
