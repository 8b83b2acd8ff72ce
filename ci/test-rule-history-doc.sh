#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/expectations.md's rule history (each rule x each kernel) must be what
# the runs in RESULTS-DIR show, cell by cell: which rules decided cases on
# which kernel, and that they passed. Counts of cases are not compared (a
# new case changes them, not the history).
#   ci/test-rule-history-doc.sh PATH-TO-gup-longterm-test [RESULTS-DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: ci/test-rule-history-doc.sh PATH-TO-gup-longterm-test [RESULTS-DIR]}
results=${2:-$top/build/results}
doc=$top/docs/expectations.md
want=$(mktemp); have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
shape() { sed -E 's/✓ [0-9]+/✓/g; s/✗ [0-9]+\/[0-9]+/✗/g'; }
"$top/scripts/rule-history.sh" -r "$results" -b "$bin" | shape >"$want"
"$top/scripts/doc-section.sh" get rule-history "$doc" | shape >"$have"
if ! diff -u "$have" "$want"; then
	echo "docs/expectations.md's rule history and the runs in $results disagree (diff above: - doc, + runs)."
	echo "After a full make check, update the doc with: make rule-history-doc"
	exit 1
fi
echo "docs/expectations.md's rule history matches the runs ($(grep -c '^| `' "$want") rules x $(head -n 1 "$want" | grep -o '(' | wc -l) kernels)"
