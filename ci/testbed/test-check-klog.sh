#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of check-klog.sh: every sample splat is caught (also with serial
# CRLF line ends), clean logs with the harmless out-of-tree module messages
# and real boot lines pass, --allow works, usage errors exit 2.
#   ci/testbed/test-check-klog.sh     exits 1 on any miss or false alarm
set -euo pipefail
case "${1:-}" in -h | --help) awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
check=$here/check-klog.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
notok() { echo "not ok: $*"; fail=1; }

# Real lines from clean test-bed boots of Debian 6.1 and 6.12 under QEMU,
# with words that a careless pattern would take for a splat.
cat >"$tmp/clean" <<'CLEAN'
[    1.264292] PCI: Using host bridge windows from ACPI; if necessary, use "pci=nocrs" and report a bug
[    2.540594] AMD-Vi: AMD IOMMUv2 functionality not available on this system - This is not a bug.
[    4.635794] RAS: Correctable Errors collector initialized.
[    6.477078] SGI XFS with ACLs, security attributes, realtime, quota, no debug enabled
[   11.851647] XFS (pmem2): DAX enabled. Warning: EXPERIMENTAL, use at your own risk
[   12.100000] gup_longterm_test: loading out-of-tree module taints kernel.
[   12.100001] gup_longterm_test: module verification failed: signature and/or required key missing - tainting kernel
[   12.300000] EXT4-fs (pmem0): mounted filesystem with ordered data mode. Quota mode: none.
[guest 13.83s] running the harness
ok 5 pin-longterm/fsdax-ext4/write
CLEAN
if out=$("$check" "$tmp/clean"); then ok "a clean log passes"; else notok "a clean log was flagged: $out"; fi
sed 's/$/\r/' "$tmp/clean" >"$tmp/clean-crlf"
if "$check" "$tmp/clean-crlf" >/dev/null; then ok "a clean CRLF log passes"; else notok "a clean CRLF log was flagged"; fi

n=0
while IFS= read -r splat; do
	n=$((n + 1))
	{ cat "$tmp/clean"; printf '%s\n' "$splat" "[    5.1] next line"; } >"$tmp/splat$n"
	rc=0
	out=$("$check" "$tmp/splat$n") || rc=$?
	if [ "$rc" = 1 ] && grep -qF -- "$splat" <<<"$out"; then
		ok "caught: $splat"
	else
		notok "missed (exit $rc): $splat"
	fi
	sed 's/$/\r/' "$tmp/splat$n" >"$tmp/splat$n-crlf"
	"$check" "$tmp/splat$n-crlf" >/dev/null && notok "missed with CRLF: $splat"
done <<'SPLATS'
[    5.0] WARNING: CPU: 1 PID: 100 at mm/gup.c:2184 get_user_pages+0x50/0x60
[    5.0] ------------[ cut here ]------------ WARNING: CPU: 0 PID: 1 at lib/refcount.c:28 refcount_warn_saturate+0x90/0xe0
[    5.0] BUG: KASAN: use-after-free in glt_ioctl+0x10/0x20
[    5.0] BUG: kernel NULL pointer dereference, address: 0000000000000008
[    5.0] kernel BUG at mm/gup.c:123!
[    5.0] Oops: 0000 [#1] PREEMPT SMP NOPTI
[    5.0] Kernel panic - not syncing: Fatal exception
[    5.0] ==================================================================  KASAN
[    5.0] UBSAN: shift-out-of-bounds in drivers/foo.c:12:3
[    5.0] WARNING: possible circular locking dependency detected
[    5.0] WARNING: possible recursive locking detected
[    5.0] WARNING: inconsistent lock state
[    5.0] WARNING: suspicious RCU usage
[    5.0] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
[    5.0] rcu: INFO: rcu_sched self-detected stall on CPU
[    5.0] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [gup-longterm-te:99]
[    5.0] unreferenced object 0xffff888003a1b000 (size 64):
[    5.0] INFO: task gup-longterm-te:123 blocked for more than 120 seconds.
[    5.0] hung_task: blocked tasks
[    5.0] general protection fault, probably for non-canonical address 0xdead000000000100
[    5.0] Call Trace:
[    5.0]  <TASK>  Call Trace:
[    5.0] list_add corruption. prev->next should be next (ffffffff), but was 0000.
[    5.0] refcount_t: underflow; use-after-free.
[    5.0] BUG: Bad page state in process gup-longterm-te  pfn:1234
SPLATS

# The context shows the line after the splat too.
out=$("$check" "$tmp/splat1" || true)
if grep -q 'next line' <<<"$out"; then ok "context after the splat is shown"; else notok "no context: $out"; fi
# --allow silences a known line; other splats still count.
if "$check" --allow 'mm/gup.c:2184' "$tmp/splat1" >/dev/null; then ok "--allow ignores a line"; else notok "--allow"; fi
if ! "$check" --allow 'mm/gup.c:2184' "$tmp/splat1" "$tmp/splat4" >/dev/null; then ok "--allow keeps other splats"; else notok "--allow hid another splat"; fi
# Usage errors and unreadable logs are not "clean".
rc=0; "$check" >/dev/null 2>&1 || rc=$?
if [ "$rc" = 2 ]; then ok "no LOG: exit 2"; else notok "no LOG: exit $rc"; fi
rc=0; "$check" "$tmp/does-not-exist" >/dev/null 2>&1 || rc=$?
if [ "$rc" = 2 ]; then ok "unreadable LOG: exit 2"; else notok "unreadable LOG: exit $rc"; fi
if "$check" --help | grep -q 'check-klog.sh'; then ok "--help"; else notok "--help"; fi

if [ "$fail" = 0 ]; then echo "check-klog self-test: all passed"; else echo "check-klog self-test: FAILED"; fi
exit $fail
