#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fail when a kernel log holds a splat: WARN, BUG, Oops, panic, KASAN, UBSAN,
# lockdep, RCU warnings and stalls, kmemleak, soft/hard lockups, hung tasks,
# list or refcount corruption, bad page state, or a stray call trace.
#
#   ci/testbed/check-klog.sh [--allow ERE]... LOG...
#
# Prints each offending line with its context and exits 1; exits 0 when
# every LOG is clean, 2 on a usage error or an unreadable LOG. Carriage
# returns (serial consoles) are ignored. The harmless messages of an
# unsigned out-of-tree module ("loading out-of-tree module taints kernel",
# "module verification failed: signature and/or required key missing -
# tainting kernel") never fail, nor do the page dumps that the kernel's
# gup_test prints when asked to (run_vmtests.sh's "gup_test -ct -F 0x1":
# mm/gup_test.c dump_pages_test() dump_page(page, "gup_test: dump_pages()
# test")); --allow adds lines to ignore.
set -euo pipefail

usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }
allow='loading out-of-tree module taints kernel|module verification failed: signature and/or required key missing - tainting kernel|page dumped because: gup_test: dump_pages\(\) test$'
logs=()
while [ $# -gt 0 ]; do
	case "$1" in
	--allow) [ $# -ge 2 ] || { echo "check-klog: --allow needs an ERE" >&2; exit 2; }
		allow="$allow|$2"; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	--) shift; logs+=("$@"); break ;;
	-*) echo "check-klog: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	*) logs+=("$1"); shift ;;
	esac
done
[ ${#logs[@]} -gt 0 ] || { usage >&2; exit 2; }

splats='WARNING:|BUG:|kernel BUG at|Oops|Kernel panic|KASAN|UBSAN|'\
'possible circular locking dependency|possible recursive locking|inconsistent lock state|'\
'suspicious RCU usage|detected stalls? on CPU|self-detected stall|'\
'soft lockup|hard LOCKUP|unreferenced object|general protection fault|Call Trace:|'\
'blocked for more than|hung_task|list_add corruption|list_del corruption|'\
'refcount_t:|Bad page state|page dumped because'

status=0
for log in "${logs[@]}"; do
	if [ ! -r "$log" ]; then
		echo "check-klog: cannot read $log" >&2
		status=2
		continue
	fi
	# Line numbers of the splats, harmless lines left out.
	hits=$(tr -d '\r' <"$log" | grep -nE "$splats" | grep -vE "$allow" | cut -d: -f1 || true)
	[ -n "$hits" ] || continue
	[ "$status" = 2 ] || status=1
	echo "check-klog: $(wc -l <<<"$hits") kernel log splat line(s) in $log:"
	# Each hit with 3 lines before and 15 after, overlapping ranges merged.
	tr -d '\r' <"$log" | awk -v hits="$(tr '\n' ' ' <<<"$hits")" '
		BEGIN { n = split(hits, h, " "); for (i = 1; i <= n; i++) hit[h[i]] = 1
			for (i = 1; i <= n; i++) for (j = h[i] - 3; j <= h[i] + 15; j++) show[j] = 1 }
		show[NR] { if (last && NR != last + 1) print "  --"
			   printf "  %s%6d: %s\n", (NR in hit) ? ">" : " ", NR, $0; last = NR }' |
		head -n 300
done
exit $status
