#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rewrite the rule history in docs/expectations.md from the results of the
# last make check (build/results/), never by hand.
#   scripts/update-rule-history-doc.sh PATH-TO-gup-longterm-test [RESULTS-DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: scripts/update-rule-history-doc.sh PATH-TO-gup-longterm-test [RESULTS-DIR]}
doc=$top/docs/expectations.md
table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$top/scripts/rule-history.sh" -r "${2:-$top/build/results}" -b "$bin" >"$table"
awk -v table="$table" '
	/^<!-- rule-history:begin -->$/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
	/^<!-- rule-history:end -->$/ { skip = 0 }
	!skip { print }
' "$doc" >"$doc.new"
mv "$doc.new" "$doc"
