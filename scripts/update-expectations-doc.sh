#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rewrite the oracle's tables in docs/expectations.md from the oracle itself.
set -euo pipefail
bin=${1:?usage: scripts/update-expectations-doc.sh PATH-TO-gup-longterm-test}
doc=$(dirname "$0")/../docs/expectations.md
rules=$(mktemp)
trap 'rm -f "$rules"' EXIT
"$bin" --rules >"$rules"
awk -v rules="$rules" '
	/^<!-- oracle-rules:begin -->$/ { print; while ((getline l < rules) > 0) print l; skip = 1; next }
	/^<!-- oracle-rules:end -->$/ { skip = 0 }
	!skip { print }
' "$doc" >"$doc.new"
mv "$doc.new" "$doc"
