#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of guest-init's stage tables on the host (no guest; < 1 s):
# every row of its stages and finish_stages has a function st_NAME, a WHEN
# function, a FAILURE and a TIME it knows; and its run_stages, under
# busybox sh (the guest's shell), on a made-up table: an ok, a failed, an
# absent, a skipped and a timed-out stage, a check, an rc=N result, a
# fatal stage that finishes at once and a last one that finishes after
# it, each as /results/stages and /results/status say.
#   ci/testbed/test-guest-init.sh
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
command -v busybox >/dev/null || { echo "test-guest-init: busybox is missing (apt-get install busybox-static)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # WHAT COMMAND...
	local what=$1
	shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fails=$((fails + 1)); fi
}

# guest-init's definitions (from its stage tables to its main part, which
# mounts and runs), with /results and /tmp/timed-out moved to $tmp.
mkdir -p "$tmp/results"
sed -n '/^# -* the stages$/,/^# -* main$/p' "$here/guest-init" |
	sed "s|/results/|$tmp/results/|g; s|/tmp/timed-out|$tmp/timed-out|g" >"$tmp/lib.sh"
check "guest-init's definitions found" grep -q '^run_stages()' "$tmp/lib.sh"

# The real tables: functions that exist, values the runner knows.
cat >"$tmp/tables.sh" <<'EOF'
. "$1"
bad=0
for table in "$stages" "$finish_stages"; do
	for row in $(printf '%s\n' "$table" | awk -v OFS=: '$1 !~ /^#/ && NF { $1 = $1; print }'); do
		set -- $(echo "$row" | tr : ' ')
		[ $# -eq 5 ] || { echo "row '$row': $# fields, want 5"; bad=1; continue; }
		type "st_$2" >/dev/null 2>&1 || { echo "row $1: no function st_$2"; bad=1; }
		[ "$3" = - ] || type "$3" >/dev/null 2>&1 || { echo "row $1: no WHEN function $3"; bad=1; }
		case "$4" in fatal | go-on | last | check) ;; *) echo "row $1: FAILURE '$4'"; bad=1 ;; esac
		case "$5" in setup | last | after | finish | -) ;; *) echo "row $1: TIME '$5'"; bad=1 ;; esac
	done
done
exit $bad
EOF
check "every row of stages and finish_stages is complete" busybox sh "$tmp/tables.sh" "$tmp/lib.sh"

# A made-up table, under the guest's shell.
cat >"$tmp/run.sh" <<'EOF'
. "$1"
now() { echo 10.0; }
cmdline_arg() { :; }
finish() { echo "finish after $(tail -n 1 "$R/stages")"; exit 0; }
deadline=600 final_reserve=60 ship_reserve=30 post_reserve=150 keep=210
# After the harness (keep = final_reserve) no time is left.
left() { if [ "$keep" -eq "$final_reserve" ]; then echo 0; else echo 100; fi; }
yes() { return 0; }
no() { return 1; }
gone() { absent "the piece"; return 2; }
st_good() { stage "good runs"; }
st_bad() { stage "bad runs"; fail "bad broke"; return 1; }
st_never() { echo "never runs"; }
st_probe() { fail "probe found something (keep=$keep)"; return 1; }
st_rc() { outcome rc=3; }
st_end() { stage "end runs"; return 1; }
table="
# NAME  FUNCTION  WHEN  FAILURE  TIME
good    good      -     go-on    setup
bad     bad       yes   go-on    setup
absent  never     gone  fatal    setup
skip    never     no    fatal    setup
probe   probe     -     check    -
rc      rc        -     go-on    setup
late    never     -     go-on    after
$2
tail    never     -     go-on    setup
"
run_stages "$table"
echo "no finish"
EOF
for how in "fatal   end  -  fatal  setup" "last    end  -  last   last"; do
	: >"$tmp/results/stages"
	: >"$tmp/results/status.lines"
	out=$(R=$tmp/results busybox sh "$tmp/run.sh" "$tmp/lib.sh" "$how" 2>&1)
	name=${how%% *}
	check "$name: finish right after it" [ "$(echo "$out" | tail -n 1)" = "finish after $name failed 0.0" ]
	check "$name: the stages as recorded" [ "$(awk '{ printf "%s %s;", $1, $2 }' "$tmp/results/stages")" = \
		"good ok;bad failed;absent not-present;rc rc=3;late no-time;$name failed;" ]
	check "$name: status lines" [ "$(cut -c1-24 "$tmp/results/status.lines" | tr '\n' ';')" = \
		"failed: bad broke;not present: the piece;failed: probe found some;failed: no time left for;" ]
	check "$name: a check runs with its row's time share (keep unchanged: 210)" grep -q 'keep=210' "$tmp/results/status.lines"
	check "$name: nothing that must not run ran" eval '! echo "$out" | grep -q "never runs\|no finish"'
done
[ "$fails" -eq 0 ] && echo "test-guest-init: all passed"
[ "$fails" -eq 0 ]
