#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make report`: the last results of every kernel as one grid, kernel x
# memory kind x GUP path, green / red / grey for ok / FAIL / skip, each cell
# linking its oracle rule; as a self-contained HTML page and as Markdown.
#
#   scripts/report.sh [-r RESULTS-DIR] [-o OUT-DIR] [-R RULES]
#
#   -r  where `make run` / `make check` left the results: one directory per
#       kernel, RESULTS-DIR/NAME/results/results.tap (default build/results)
#   -o  writes OUT-DIR/index.html and OUT-DIR/report.md (default build/report)
#   -R  the oracle's rule tables: docs/expectations.md (the default; only
#       the block between its oracle-rules markers is read) or the output
#       of `gup-longterm-test --rules`
#
# A kernel whose NAME/results directory does not exist was not run and is
# left out; one whose results.tap has no final "N passed, N failed, N
# skipped" line (the guest died, timed out, panicked) is an incomplete run,
# shown in red. Exit status: 0 written, 1 no results, 2 usage.
# Needs only bash and a POSIX awk: no network, no python.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
here=$top/scripts/report
results=$top/build/results
out=$top/build/report
rules=$top/docs/expectations.md

usage() {
	sed -n '6,14p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while getopts r:o:R:h opt; do
	case $opt in
	r) results=$OPTARG ;;
	o) out=$OPTARG ;;
	R) rules=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage

# Kernels in version order (debian-6.1 before debian-6.12), whatever the
# locale's collation would say.
kernels=()
if [ -d "$results" ]; then
	while IFS= read -r name; do
		[ -d "$results/$name/results" ] && kernels+=("$name")
	done < <(find "$results" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort -V)
fi
if [ ${#kernels[@]} -eq 0 ]; then
	echo "report: no results in $results: run \`make run\` or \`make check\` first" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for name in "${kernels[@]}"; do
	dir=$results/$name/results
	status=
	[ -f "$dir/status" ] && status=$(head -n 1 "$dir/status")
	tap=$dir/results.tap
	# No results.tap at all is the most incomplete run there is: ktap.awk
	# reads nothing and reports 0 of 0 results without a summary.
	[ -f "$tap" ] || tap=/dev/null
	awk -f "$here/ktap.awk" -v kernel="$name" -v status="$status" "$tap" >>"$work/records"
done

# The generated block of docs/expectations.md, or --rules output as is. A
# missing file leaves the links without a target but still gives a grid.
if [ -f "$rules" ]; then
	if grep -q '^<!-- oracle-rules:begin -->$' "$rules"; then
		sed -n '/^<!-- oracle-rules:begin -->$/,/^<!-- oracle-rules:end -->$/p' "$rules" >"$work/rules"
	else
		cp "$rules" "$work/rules"
	fi
else
	echo "report: warning: no rule tables in $rules: the cells' rule links have no target" >&2
	: >"$work/rules"
fi

mkdir -p "$out"
# Written under temporary names and renamed: a viewer never sees half a page.
awk -f "$here/render.awk" \
	-v html="$out/index.html.tmp" -v md="$out/report.md.tmp" \
	-v generated="$(date -u '+%Y-%m-%d %H:%M UTC')" \
	-v source="${#kernels[@]} kernel(s) from ${results#"$top"/}" \
	phase=rules "$work/rules" phase=records "$work/records"
mv "$out/index.html.tmp" "$out/index.html"
mv "$out/report.md.tmp" "$out/report.md"

# The per-kernel counts on the terminal too, as the grid's first table says.
awk -F '\t' '$1 == "K" {
	printf "%-14s %-10s %5d passed, %d failed, %d skipped%s\n", $2, $3, $4, $5, $6,
	    ($10 != "" && $10 != "ok") ? "  (test-bed: " $10 ")" : ""
}' "$work/records"
echo "report: $out/index.html"
echo "report: $out/report.md"
