#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/expectations.md carries the oracle's rule tables, the table of
# memory kinds and the tables of verdicts on Debian's kernels between
# markers; they must be exactly what `gup-longterm-test --rules`,
# `--kinds-markdown`, `--verdicts-markdown` and `--consumers-markdown` (on
# the kernels of ci/kernel-facts.sh) print, and every kind the doc's notes
# name (a backquoted name at the start of a bullet) must be a kind.
set -euo pipefail
bin=${1:?usage: ci/test-expectations-doc.sh PATH-TO-gup-longterm-test}
doc=$(dirname "$0")/../docs/expectations.md
want=$(mktemp); have=$(mktemp); facts=$(mktemp)
trap 'rm -f "$want" "$have" "$facts"' EXIT
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
nkinds=$(grep -c '^| `' "$want")
"$(dirname "$0")/kernel-facts.sh" >"$facts"
for table in verdicts consumers; do
	"$bin" --$table-markdown "$facts" >"$want"
	"$(dirname "$0")/../scripts/doc-section.sh" get $table "$doc" >"$have"
	if ! diff -u "$have" "$want"; then
		echo "docs/expectations.md's $table on Debian's kernels and the oracle disagree (diff above: - doc, + oracle on the kernels of ci/kernel-facts.sh)."
		echo "Update the doc with: make expectations-doc"
		exit 1
	fi
done
kinds=$("$bin" --kinds | awk '{ print $1 }')
for named in $(sed -n 's/^- `\([a-z0-9-]*\)`.*/\1/p' "$doc"); do
	grep -qx -- "$named" <<<"$kinds" || {
		echo "docs/expectations.md has a note on '$named', which is no memory kind (renamed? see gup-longterm-test --kinds)"
		exit 1
	}
done
echo "docs/expectations.md matches the oracle ($rules rules, the verdicts on $(grep -c '^kernel ' "$facts") kernels) and kinds.def ($nkinds kinds)"
