#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of run-guest.sh's judging of runs that hit a time limit, without
# a guest (run-guest.sh --collect-only on made-up run directories):
#  * QEMU killed at --timeout in the middle of the harness, no results on
#    ttyS1: the harness's KTAP lines are salvaged from the console (with
#    CRLF line ends, kernel messages and guest-init's stage lines between
#    them, KTAP-like lines printed before and after the harness) into
#    results/results.tap, the running case is named, the run fails;
#  * killed after the harness had exited: every case salvaged, none running;
#  * no harness on the console at all: nothing salvaged, said so;
#  * the guest's own limit cut the harness short and the results shipped:
#    the guest's /results/timeout line is printed, the shipped results.tap
#    is kept as it is, the run fails.
#   ci/testbed/test-run-guest-salvage.sh     exits 1 on any miss (host only, < 1 s)
set -euo pipefail
case "${1:-}" in -h | --help) awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
notok() { echo "not ok: $*"; fail=1; }
# expect_line NAME FILE LINE: FILE holds LINE, exactly.
expect_line() {
	if grep -qxF -- "$3" "$2"; then ok "$1"; else
		notok "$1: no line '$3' in $2:"; sed 's/^/  | /' "$2"
	fi
}
# collect DIR: run-guest.sh --collect-only on DIR; output in DIR.out, exit
# status in rc.
collect() {
	rc=0
	"$here/run-guest.sh" --collect-only --out "$1" >"$1.out" 2>&1 || rc=$?
}

# The console of a guest that the host killed in case 4 of 6 (the lines as
# the test-bed prints them: the console's CRLF, the kernel's messages
# between the harness's, the harness's stderr "# running" lines through
# tee, sometimes after the result of their case).
console_until_case4() {
	cat <<'EOF'
[    0.000000] Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org)
[guest 3.95s] kernel 6.1.0-57-amd64 up
[guest 4.10s] loading the pmem and filesystem modules
[guest 9.20s] making fixtures
ok 1 a line of fixtures.log, before the harness: not the harness's
# nor this one
[guest 17.30s] loading /payload/gup_longterm_test.ko (and its get_vaddr_frames() companion); harness: /payload/gup-longterm-test; glt-fixtures: /usr/sbin/glt-fixtures
[guest 17.60s] running the harness (until 45 s of uptime; glt.timeout=150 s)
KTAP version 1
# gup-longterm-test: kernel 6.1.0-57-amd64, CONFIG_FS_DAX=y, CONFIG_DEV_DAX=m (config: /boot/config-6.1.0-57-amd64)
1..6
# fixture fsdax-ext4: /run/gup-longterm-test/mnt/fsdax-ext4
# running 1/6 pin-longterm/anon/read
# pin-longterm/anon/read: expect pinned (anon-longterm: mm/gup.c); got 16 pages pinned
ok 1 pin-longterm/anon/read
# running 2/6 pin-longterm/anon/write
[   20.123456] EXT4-fs (pmem0): mounted filesystem with ordered data mode. Quota mode: none.
# pin-longterm/anon/write: expect pinned (anon-longterm: mm/gup.c); got 16 pages pinned
ok 2 pin-longterm/anon/write
# pin-longterm/fsdax-xfs/read: expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c check_vma_flags() vma_is_fsdax()); got 0
# pin-longterm/fsdax-xfs/read: refcount of page 0: want 1, got 2
not ok 3 pin-longterm/fsdax-xfs/read
# running 3/6 pin-longterm/fsdax-xfs/read
# running 4/6 pin-longterm/fsdax-xfs/write
EOF
}
# The ttyS1 of a guest that shipped DIR: the markers with the size and md5
# of the gzipped tar, as guest-init's ship() writes them.
ship() {
	tar c -C "$1" . | gzip >"$tmp/ship.tar"
	set -- "$(wc -c <"$tmp/ship.tar")" "$(md5sum <"$tmp/ship.tar" | cut -d' ' -f1)"
	echo "==GLT-RESULTS-BEGIN== $1 $2"
	base64 <"$tmp/ship.tar"
	echo "==GLT-RESULTS-END== $1 $2"
}

# 1. The host killed QEMU (timeout's 124) during case 4: nothing shipped.
d=$tmp/killed
mkdir -p "$d"
console_until_case4 | sed 's/$/\r/' >"$d/console.log"
: >"$d/ttyS1.log"
: >"$d/qemu.stderr"
echo "124 100 101" >"$d/qemu.status"
collect "$d"
[ "$rc" = 1 ] && ok "killed: the run fails" || notok "killed: exit $rc, want 1"
expect_line "killed: the timeout is named with what finished and what ran" "$d.out" \
	"run-guest: TIMEOUT: the guest did not finish within 100 s (--timeout), and its results did not ship: 3 of 6 cases finished (salvaged from the console into results/results.tap); running: pin-longterm/fsdax-xfs/write (case 4)"
grep -q '^run-guest: FAILED: .*results missing' "$d.out" && ok "killed: FAILED names the missing results" ||
	notok "killed: no FAILED line naming the missing results: $(tail -n 1 "$d.out")"
tap=$d/results/results.tap
cat >"$tmp/want.tap" <<'EOF'
KTAP version 1
# salvaged by run-guest.sh from console.log: the guest's results never arrived on ttyS1 (results missing), so this is what the harness printed on the console: 3 of 6 cases finished; running: pin-longterm/fsdax-xfs/write (case 4)
# gup-longterm-test: kernel 6.1.0-57-amd64, CONFIG_FS_DAX=y, CONFIG_DEV_DAX=m (config: /boot/config-6.1.0-57-amd64)
1..6
# fixture fsdax-ext4: /run/gup-longterm-test/mnt/fsdax-ext4
# pin-longterm/anon/read: expect pinned (anon-longterm: mm/gup.c); got 16 pages pinned
ok 1 pin-longterm/anon/read
# pin-longterm/anon/write: expect pinned (anon-longterm: mm/gup.c); got 16 pages pinned
ok 2 pin-longterm/anon/write
# pin-longterm/fsdax-xfs/read: expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c check_vma_flags() vma_is_fsdax()); got 0
# pin-longterm/fsdax-xfs/read: refcount of page 0: want 1, got 2
not ok 3 pin-longterm/fsdax-xfs/read
EOF
if cmp -s "$tmp/want.tap" "$tap"; then
	ok "killed: results.tap holds the harness's KTAP lines and only them, after a line that says they are salvaged"
else
	notok "killed: results.tap is not what the harness printed:"
	diff -u "$tmp/want.tap" "$tap" | sed 's/^/  | /' || true
fi

# 2. Killed after the harness had exited (in the ASan/UBSan stage, whose
# line also says "running the harness"): every case is salvaged, with the
# closing count, and no case was running; what the stages after it print is
# not the harness's.
d=$tmp/after
mkdir -p "$d"
{
	console_until_case4
	cat <<'EOF'
# pin-longterm/fsdax-xfs/write: expect -EOPNOTSUPP (fsdax-longterm); got -EOPNOTSUPP
ok 4 pin-longterm/fsdax-xfs/write
# running 5/6 abi/capabilities
ok 5 abi/capabilities
# running 6/6 lifecycle/fork
ok 6 lifecycle/fork # SKIP no fork here
# kind \ api               pin-lt   pin-lt-f
5 passed, 1 failed, 0 skipped
[guest 60.00s] harness exited with 1
[guest 60.10s] failing and killed runs leave the fixture directories as they were
ok 1 a line that a failing stage after the harness printed: not the harness's
[guest 80.00s] running the harness under ASan/UBSan (abi, lifecycle, anon, thp, fsdax-ext4, devdax, cross-vma)
EOF
} >"$d/console.log"
echo "124 100 101" >"$d/qemu.status"
: >"$d/qemu.stderr"
collect "$d"
[ "$rc" = 1 ] && ok "after: the run fails" || notok "after: exit $rc, want 1"
expect_line "after: every case finished, none running" "$d.out" \
	"run-guest: TIMEOUT: the guest did not finish within 100 s (--timeout), and its results did not ship: 6 of 6 cases finished (salvaged from the console into results/results.tap); running: none (the harness had exited)"
tap=$d/results/results.tap
if [ "$(tail -n 1 "$tap")" = "5 passed, 1 failed, 0 skipped" ] && [ "$(grep -cE '^(not )?ok ' "$tap")" = 6 ] &&
	! grep -q 'not the harness' "$tap"; then
	ok "after: results.tap ends with the harness's count, 6 results, nothing printed after the harness"
else
	notok "after: results.tap:"; sed 's/^/  | /' "$tap"
fi

# 3. The guest died before the harness (and an old run directory: no
# qemu.status): nothing to salvage, and no results.tap made up.
d=$tmp/early
mkdir -p "$d"
printf '%s\n' "[    0.000000] Linux version 6.1.0-57-amd64" "[guest 3.95s] kernel 6.1.0-57-amd64 up" \
	"[guest 9.20s] making fixtures" >"$d/console.log"
collect "$d"
[ "$rc" = 1 ] && ok "early: the run fails" || notok "early: exit $rc, want 1"
expect_line "early: nothing to salvage, said so" "$d.out" \
	'run-guest: results missing: the harness never started (no "running the harness" line on the console): nothing to salvage'
[ ! -e "$d/results/results.tap" ] && ok "early: no results.tap" || notok "early: a results.tap was made up"

# 4. The guest's own limit stopped the harness in case 4; the results
# shipped, /results/timeout with them.
d=$tmp/shipped
mkdir -p "$d" "$tmp/guest-results"
line="harness: time limit (glt.timeout=150 s; the harness's share ends at 45 s of uptime) reached during case 4/6 pin-longterm/fsdax-xfs/write; 3 cases finished, their results ship. Give the guest more time: run-guest.sh --timeout SEC, GUEST_TIMEOUT=SEC ci/run-kernel.sh"
console_until_case4 | sed -n '/^KTAP version 1$/,$p' | grep -v '^# running ' >"$tmp/guest-results/results.tap"
echo "$line" >"$tmp/guest-results/timeout"
printf 'failed\nfailed: %s\n' "$line" >"$tmp/guest-results/status"
echo 124 >"$tmp/guest-results/harness.rc"
printf 'boot ok 3.9\nharness rc=124 27.4\nleftovers no-time 0\n' >"$tmp/guest-results/stages"
{ console_until_case4; echo "[guest 46.00s] ==GLT-GUEST-DONE=="; } >"$d/console.log"
ship "$tmp/guest-results" >"$d/ttyS1.log"
echo "0 150 80" >"$d/qemu.status"
: >"$d/qemu.stderr"
collect "$d"
[ "$rc" = 1 ] && ok "shipped: the run fails" || notok "shipped: exit $rc, want 1"
expect_line "shipped: the guest's timeout line is printed" "$d.out" "run-guest: TIMEOUT: $line"
grep -q '; results: complete; ' "$d.out" && ok "shipped: the results are complete" ||
	notok "shipped: results not complete: $(grep '^run-guest: [0-9]*s in QEMU' "$d.out")"
if cmp -s "$tmp/guest-results/results.tap" "$d/results/results.tap"; then
	ok "shipped: results.tap is the one shipped, not salvaged"
else
	notok "shipped: results.tap differs from the one shipped"
fi

if [ "$fail" -ne 0 ]; then
	for f in "$tmp"/*.out; do echo "== run-guest.sh output for $(basename "$f" .out):"; sed 's/^/  | /' "$f"; done
fi
exit $fail
