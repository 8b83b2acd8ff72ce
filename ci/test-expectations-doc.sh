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
# same SECTION WHAT: the doc's section SECTION is $want, or the diff and
# "docs/expectations.md's WHAT (diff above: ...)" fail the test.
same() {
	"$(dirname "$0")/../scripts/doc-section.sh" get "$1" "$doc" >"$have"
	diff -u "$have" "$want" && return
	echo "docs/expectations.md$2)."
	echo "Update the doc with: make expectations-doc"
	exit 1
}
"$bin" --rules >"$want"
same oracle-rules " and the oracle disagree (diff above: - doc, + oracle"
rules=$(grep -c '^| `' "$want")
"$bin" --kinds-markdown >"$want"
same memory-kinds "'s memory kinds and kinds.def disagree (diff above: - doc, + rows"
nkinds=$(grep -c '^| `' "$want")
"$(dirname "$0")/kernel-facts.sh" >"$facts"
for table in verdicts consumers; do
	"$bin" --$table-markdown "$facts" >"$want"
	same $table "'s $table on Debian's kernels and the oracle disagree (diff above: - doc, + oracle on the kernels of ci/kernel-facts.sh"
done
kinds=$("$bin" --kinds | awk '{ print $1 }')
for named in $(sed -n 's/^- `\([a-z0-9-]*\)`.*/\1/p' "$doc"); do
	grep -qx -- "$named" <<<"$kinds" || {
		echo "docs/expectations.md has a note on '$named', which is no memory kind (renamed? see gup-longterm-test --kinds)"
		exit 1
	}
done
echo "docs/expectations.md matches the oracle ($rules rules, the verdicts on $(grep -c '^kernel ' "$facts") kernels) and kinds.def ($nkinds kinds)"
