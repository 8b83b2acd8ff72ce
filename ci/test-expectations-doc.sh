#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/expectations.md carries the oracle's rule tables and the table of
# memory kinds between markers; they must be exactly what
# `gup-longterm-test --rules` and `--kinds-markdown` print, and every kind
# the doc's notes name (a backquoted name at the start of a bullet) must be
# a kind.
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
rules=$(grep -c '^| `' "$want")
"$bin" --kinds-markdown >"$want"
"$(dirname "$0")/../scripts/doc-section.sh" get memory-kinds "$doc" >"$have"
if ! diff -u "$have" "$want"; then
	echo "docs/expectations.md's memory kinds and kinds.def disagree (diff above: - doc, + rows)."
	echo "Update the doc with: make expectations-doc"
	exit 1
fi
kinds=$("$bin" --kinds | awk '{ print $1 }')
for named in $(sed -n 's/^- `\([a-z0-9-]*\)`.*/\1/p' "$doc"); do
	grep -qx -- "$named" <<<"$kinds" || {
		echo "docs/expectations.md has a note on '$named', which is no memory kind (renamed? see gup-longterm-test --kinds)"
		exit 1
	}
done
echo "docs/expectations.md matches the oracle ($rules rules) and kinds.def ($(grep -c '^| `' "$want") kinds)"
