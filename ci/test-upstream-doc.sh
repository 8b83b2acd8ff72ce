#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/upstream-selftests.md's table of disagreements between the kernel's
# own selftests and the harness must be what the runs in RESULTS-DIR show
# (scripts/upstream_compare.py --doc), for the kernels of make check, and
# its explanations those of the script (--explanations).
#   ci/test-upstream-doc.sh [RESULTS-DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
results=${1:-$top/build/results}
doc=$top/docs/upstream-selftests.md
want=$(mktemp); have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
"$top/scripts/upstream_compare.py" --doc "$results" --kernels "$("$top/ci/kernels.sh" names check | xargs)" >"$want"
"$top/scripts/doc-section.sh" get upstream-disagreements "$doc" >"$have"
"$top/scripts/upstream_compare.py" --explanations >>"$want"
"$top/scripts/doc-section.sh" get upstream-explanations "$doc" >>"$have"
if ! diff -u "$have" "$want"; then
	echo "docs/upstream-selftests.md's disagreements and the runs in $results differ (diff above: - doc, + runs)."
	echo "After a full make check, update the doc with: make upstream-doc"
	exit 1
fi
echo "docs/upstream-selftests.md's disagreements match the runs ($(grep -c '^| [a-z]' "$want") rows)"
