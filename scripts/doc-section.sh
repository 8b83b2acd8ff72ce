#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A generated section of a Markdown doc, between "<!-- NAME:begin -->" and
# "<!-- NAME:end -->":
#   scripts/doc-section.sh get NAME DOC   prints it
#   scripts/doc-section.sh set NAME DOC   replaces it with standard input
set -euo pipefail
mode=${1:-} name=${2:-} doc=${3:-}
[ -n "$name" ] && [ -f "$doc" ] && { [ "$mode" = get ] || [ "$mode" = set ]; } || {
	echo "usage: scripts/doc-section.sh get|set NAME DOC" >&2; exit 2; }
grep -qx "<!-- $name:begin -->" "$doc" && grep -qx "<!-- $name:end -->" "$doc" ||
	{ echo "doc-section: $doc has no '<!-- $name:begin -->' ... '<!-- $name:end -->' markers" >&2; exit 1; }
if [ "$mode" = get ]; then
	sed -n "/^<!-- $name:begin -->\$/,/^<!-- $name:end -->\$/p" "$doc" | sed '1d;$d'
	exit 0
fi
body=$(mktemp)
trap 'rm -f "$body" "$doc.new"' EXIT
cat >"$body"
awk -v body="$body" -v b="<!-- $name:begin -->" -v e="<!-- $name:end -->" '
	$0 == b { print; while ((getline l < body) > 0) print l; skip = 1; next }
	$0 == e { skip = 0 }
	!skip { print }
' "$doc" >"$doc.new"
mv "$doc.new" "$doc"
