#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The guest's time limit for kernel NAME, in seconds, then why:
#   ci/testbed/guest-timeout.sh NAME KCONFIG
# GUEST_TIMEOUT=SEC in the environment is the plain option and wins.
# Otherwise the limit scales with
#   the kernel: 3x its guest time measured in a warm make check (ci/kernels.list's
#     secs column); a kernel not in the list (a user's own) is taken as the
#     slowest of its kind there: a debug kernel (KASAN, kmemleak or lockdep
#     in KCONFIG) as the slowest debug one, any other as the slowest other;
#   the machine: how much slower one of its cores runs a fixed shell loop
#     than the machine the secs were measured on (2 cores, under TCG), and
#     how many runnable tasks share each core now (the 1-minute load
#     average), each counted only when it is above 1 (and at most 2);
# and is never below 900 s. A run that reaches it still ships the results
# of every case that finished (ci/testbed/guest-init, run-guest.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: ci/testbed/guest-timeout.sh NAME KCONFIG}
kconfig=${2:?usage: ci/testbed/guest-timeout.sh NAME KCONFIG}
if [ -n "${GUEST_TIMEOUT:-}" ]; then
	[[ $GUEST_TIMEOUT =~ ^[1-9][0-9]*$ ]] || {
		echo "guest-timeout: GUEST_TIMEOUT wants seconds, not '$GUEST_TIMEOUT'" >&2; exit 2; }
	echo "$GUEST_TIMEOUT s (GUEST_TIMEOUT)"
	exit 0
fi

. "$here/guest-steps.sh"
debug=0
glt_debug_kernel "$kconfig" && debug=1
if secs=$("$here/../kernels.sh" get "$name" secs 2>/dev/null); then
	why="$name's measured $secs s"
else
	# The slowest measured kernel of the same kind (debug or not).
	secs=0
	for k in $("$here/../kernels.sh" names); do
		case "$k" in debug-*) d=1 ;; *) d=0 ;; esac
		[ "$d" = "$debug" ] || continue
		s=$("$here/../kernels.sh" get "$k" secs)
		[ "$s" -le "$secs" ] || secs=$s
	done
	why="the slowest $([ $debug = 1 ] && echo debug || echo non-debug) kernel's measured $secs s"
fi

# One core's speed: user time of a fixed loop, which other load hardly
# changes, against the 0.90 s it took on the reference machine.
TIMEFORMAT=%U
loop=$( { time (i=0; while [ $i -lt 300000 ]; do i=$((i + 1)); done); } 2>&1)
read -r load _ </proc/loadavg
cores=$(nproc)
limit=$(awk -v s="$secs" -v loop="$loop" -v load="$load" -v cores="$cores" 'BEGIN {
	speed = loop / 0.90; if (speed < 1) speed = 1
	busy = load / cores; if (busy < 1) busy = 1; if (busy > 2) busy = 2
	l = int(3 * s * speed * busy); if (l < 900) l = 900
	printf "%d %.2f %.2f", l, speed, busy }')
read -r limit speed busy <<<"$limit"
echo "$limit s (3 x $why, x $speed for this machine's core speed, x $busy for its load; at least 900 s; GUEST_TIMEOUT=SEC sets it)"
