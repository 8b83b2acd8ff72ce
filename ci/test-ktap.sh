#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness's KTAP, read by the kernel's own KTAP parser
# (tools/testing/kunit/kunit.py parse, from Debian's linux-source-6.12):
# every results.tap under build/results must parse without a parser error,
# with the test count and the passed/failed/skipped split the harness
# printed itself.
#   ci/test-ktap.sh [RESULTS-DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
results=${1:-$top/build/results}
tools=$top/build/tools/kunit
command -v python3 >/dev/null || { echo "test-ktap: python3 is missing: apt-get install python3" >&2; exit 1; }
if [ ! -f "$tools/tools/testing/kunit/kunit.py" ]; then
	rm -rf "$tools.tmp"
	"$top/ci/linux-source.sh" 6.12 "$tools.tmp" tools/testing/kunit
	rm -rf "$tools"
	mv "$tools.tmp/linux-source-6.12" "$tools"
	rmdir "$tools.tmp"
fi
n=0 fail=0
for tap in "$results"/*/results/results.tap; do
	[ -f "$tap" ] || continue
	n=$((n + 1))
	want=$(tail -n 1 "$tap")
	out=$(cd "$tools/tools/testing/kunit" && python3 kunit.py parse "$tap" 2>&1) || true
	got=$(grep -o 'Testing complete. Ran .*' <<<"$out" | tail -n 1)
	if [[ $want =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
		p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[3]}
	else
		echo "not ok $tap: no summary line"; fail=1; continue
	fi
	exp="Ran $((p + f + s)) tests: passed: $p"
	[ "$f" -eq 0 ] || exp="$exp, failed: $f"
	[ "$s" -eq 0 ] || exp="$exp, skipped: $s"
	if grep -qiE '\[ERROR\]|parser error|could not find' <<<"$out" || [ "$got" != "Testing complete. $exp" ]; then
		echo "not ok $tap: kunit.py says '$got', want '$exp'"
		grep -iE 'error' <<<"$out" | head -n 5
		fail=1
	else
		echo "ok $tap: $exp"
	fi
done
[ "$n" -gt 0 ] || { echo "test-ktap: no results.tap under $results: run make run or make check first" >&2; exit 1; }
exit $fail
