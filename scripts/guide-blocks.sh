#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The command blocks of a guide that are marked to run in a test-bed lane,
# as one shell script on stdout, so that the guide cannot drift from what
# works: each indented (4-space) code block right after a line
# "<!-- glt-run: LANE -->", in order, with the paths of a source tree and
# sudo replaced by what the test-bed guest has (glt-fixtures and the
# harness installed by make install, found on PATH; root already).
#
#   scripts/guide-blocks.sh GUIDE.md LANE > script.sh
#
# Exit status: 0, or 1 when no block is marked for LANE (a renamed or
# dropped marker must not pass for an empty guide), 2 on usage errors.
set -eu
if [ $# -ne 2 ] || [ ! -r "${1:-}" ]; then echo "usage: scripts/guide-blocks.sh GUIDE.md LANE" >&2; exit 2; fi
blocks=$(awk -v lane="$2" '
	$0 == "<!-- glt-run: " lane " -->" { want = 1; inblock = 0; n++; next }
	want && /^    / { inblock = 1; sub(/^    /, ""); print; next }
	want && inblock { want = 0; inblock = 0 }
	END { if (!n) exit 1 }' "$1") || {
	echo "guide-blocks: no block of $1 is marked <!-- glt-run: $2 -->" >&2
	exit 1
}
printf '%s\n' "$blocks" |
	sed -e 's/^sudo //' -e 's/ sudo / /g' \
		-e 's|fixtures/glt-fixtures|glt-fixtures|g' \
		-e 's|build/harness/gup-longterm-test|gup-longterm-test|g'
