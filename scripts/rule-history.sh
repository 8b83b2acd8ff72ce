#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The rule history: each oracle rule x each kernel that ran, every cell taken
# from that kernel's results.tap, none written by hand. A Markdown table:
#
#   scripts/rule-history.sh [-r RESULTS-DIR] -b HARNESS-BINARY
#
#   -r  one directory per kernel, RESULTS-DIR/NAME/results/results.tap
#       (default build/results); kernels in the order of ci/kernels.list
#   -b  the harness, whose --rules output lists every rule and the range
#       of kernels it claims
#
# A cell is "✓ N" when N cases named the rule in their verdict lines and all
# passed, "✗ F/N" when F of them failed, "skip" when all were skipped, and
# "·" when no case of that kernel named it (the rule did not apply there).
# Exit status: 0 written, 1 no results, 2 usage.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
results=$top/build/results
bin=

usage() {
	sed -n '6,11p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
while getopts r:b:h opt; do
	case $opt in
	r) results=$OPTARG ;;
	b) bin=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] && [ -n "$bin" ] || usage

kernels=()
for name in $("$top/ci/kernels.sh" names); do
	[ -f "$results/$name/results/results.tap" ] && kernels+=("$name")
done
if [ ${#kernels[@]} -eq 0 ]; then
	echo "rule-history: no results in $results: run \`make check\` first" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The rules, "id<TAB>kernels claimed", in the order --rules prints them.
"$bin" --rules | awk -F' [|] ' '/^[|] `/ {
	id = $1; sub(/^[|] `/, "", id); sub(/`$/, "", id)
	k = $NF; sub(/ [|]$/, "", k)
	print id "\t" k }' >"$work/rules"
[ -s "$work/rules" ] || { echo "rule-history: $bin --rules printed no rule" >&2; exit 1; }
for name in "${kernels[@]}"; do
	awk -f "$top/scripts/report/ktap.awk" -v kernel="$name" -v status= \
		"$results/$name/results/results.tap" >>"$work/records"
done

{
	printf '| rule | claimed for |'
	for name in "${kernels[@]}"; do printf ' %s (%s) |' "$name" "$("$top/ci/kernels.sh" get "$name" version)"; done
	printf '\n| --- | --- |'
	for _ in "${kernels[@]}"; do printf ' --- |'; done
	printf '\n'
} >"$work/head"

# A rule is named by a case when its id appears in the case's verdict lines
# as a whole word (ids are lowercase words joined by '-').
awk -F'\t' -v kernels="${kernels[*]}" '
	FILENAME == ARGV[1] { ids[++nids] = $1; claim[$1] = $2; next }
	$1 == "C" {
		text = " " $5 " " $6 " " $7 " "
		for (i = 1; i <= nids; i++) {
			id = ids[i]
			p = index(text, id)
			while (p > 0) {
				before = substr(text, p - 1, 1)
				after = substr(text, p + length(id), 1)
				if (before !~ /[a-z0-9-]/ && after !~ /[a-z0-9-]/) {
					key = id SUBSEP $2
					n[key]++
					if ($4 == "fail") f[key]++
					if ($4 == "skip") s[key]++
					break
				}
				q = index(substr(text, p + 1), id)
				p = q ? p + q : 0
			}
		}
	}
	END {
		nk = split(kernels, k, " ")
		for (i = 1; i <= nids; i++) {
			id = ids[i]
			line = "| `" id "` | " claim[id] " |"
			for (j = 1; j <= nk; j++) {
				key = id SUBSEP k[j]
				if (!(key in n)) cell = "·"
				else if (f[key]) cell = "✗ " f[key] "/" n[key]
				else if (s[key] == n[key]) cell = "skip"
				else cell = "✓ " (n[key] - s[key])
				line = line " " cell " |"
			}
			print line
		}
	}' "$work/rules" "$work/records" >"$work/body"
cat "$work/head" "$work/body"
