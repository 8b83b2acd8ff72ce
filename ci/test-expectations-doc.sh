#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/expectations.md carries the oracle's rule tables between two markers;
# they must be exactly what `gup-longterm-test --rules` prints.
set -euo pipefail
bin=${1:?usage: ci/test-expectations-doc.sh PATH-TO-gup-longterm-test}
doc=$(dirname "$0")/../docs/expectations.md
want=$(mktemp); have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
"$bin" --rules >"$want"
"$(dirname "$0")/../scripts/doc-section.sh" get oracle-rules "$doc" >"$have"
if ! diff -u "$have" "$want"; then
	echo "docs/expectations.md and the oracle disagree (diff above: - doc, + oracle)."
	echo "Update the doc with: make expectations-doc"
	exit 1
fi
echo "docs/expectations.md matches the oracle ($(grep -c '^| `' "$want") rules)"
