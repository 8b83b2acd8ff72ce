#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# glt-bench's command line on the host (no device needed): every bad option
# is refused with exit status 2 and a message naming it, good ones pass
# --check-args, --list-cells names the cells a run would measure;
# glt-bench-plot (next to it) draws the committed results and refuses a
# file that is not glt-bench's CSV. All of it valgrind clean.
#   ci/test-bench-cli.sh build/bench/glt-bench
set -uo pipefail

bench=${1:?usage: ci/test-bench-cli.sh PATH/TO/glt-bench}
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite)
fails=0

# expect PROGRAM RC WANTED-STDERR-TEXT ARGS... (text "": nothing on stderr)
expect() {
	local prog=$1 want=$2 text=$3 rc
	shift 3
	"${vg[@]}" "$prog" "$@" >/dev/null 2>"$tmp"
	rc=$?
	# No text wanted: stderr must be empty.
	if [ "$rc" != "$want" ] ||
		{ [ -n "$text" ] && ! grep -qF -- "$text" "$tmp"; } ||
		{ [ -z "$text" ] && [ -s "$tmp" ]; }; then
		echo "FAIL: $(basename "$prog") $*: exit $rc (want $want), stderr: $(head -n 1 "$tmp") (want '$text')"
		fails=$((fails + 1))
	else
		echo "ok: $(basename "$prog") $* -> $rc"
	fi
}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

expect "$bench" 0 "" --help
expect "$bench" 0 "" --check-args
expect "$bench" 0 "" --kind thp --api pin-lt-fast --min-reps 3 --max-reps 5 --budget-ms 0 --no-migration --check-args
expect "$bench" 2 "--min-reps wants a number from 1 to 63, not 'abc'" --min-reps abc
expect "$bench" 2 "--min-reps wants a number from 1 to 63, not '0'" --min-reps 0
expect "$bench" 2 "--max-reps wants a number from 1 to 63, not '64'" --max-reps 64
expect "$bench" 2 "--budget-ms wants a number from 0 to 3600000, not '-1'" --budget-ms -1
expect "$bench" 2 "--migration-reps wants a number from 1 to 63, not '9x'" --migration-reps 9x
expect "$bench" 2 "--min-reps 20 is above --max-reps 10" --min-reps 20 --max-reps 10
expect "$bench" 2 "unknown --kind 'foo'" --kind foo
expect "$bench" 2 "unknown --kind 'foo'" --kind foo --list-cells
# --list-cells: one "KIND API BATCH" line per cell, the batch sizes 1..512.
cells=$("$bench" --kind thp --api pin-tr --list-cells | tr '\n' ' ')
if [ "$cells" = "$(for b in 1 2 4 8 16 32 64 128 256 512; do printf 'thp pin-tr %s ' "$b"; done)" ]; then
	echo "ok: glt-bench --kind thp --api pin-tr --list-cells: the 10 batch sizes"
else
	echo "FAIL: glt-bench --kind thp --api pin-tr --list-cells printed '$cells'"; fails=$((fails + 1))
fi
expect "$bench" 0 "" --list-cells
expect "$bench" 2 "unknown --api 'bar'" --api bar
expect "$bench" 2 "unexpected argument 'extra'" extra
expect "$bench" 2 "unrecognized option '--bogus'" --bogus

plot=$(dirname "$bench")/glt-bench-plot
csv=$(cd "$(dirname "$0")/.." && pwd)/bench/results/bench.csv
for mode in "" --ratio; do
	if "${vg[@]}" "$plot" $mode "$csv" >"$tmp" && grep -q '^<svg ' "$tmp" && grep -q '</svg>' "$tmp"; then
		echo "ok: glt-bench-plot $mode bench/results/bench.csv draws an SVG"
	else
		echo "FAIL: glt-bench-plot $mode bench/results/bench.csv"; fails=$((fails + 1))
	fi
done
echo "kind,nothing" >"$tmp.csv"
expect "$plot" 1 "no column" "$tmp.csv"
expect "$plot" 1 "No such file" /nonexistent.csv
expect "$plot" 2 "usage: glt-bench-plot"
rm -f "$tmp.csv"
[ "$fails" -eq 0 ]
