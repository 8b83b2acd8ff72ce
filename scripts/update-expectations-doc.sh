#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rewrite the oracle's tables in docs/expectations.md from the oracle itself:
# its rules, the memory kinds of kinds.def, and its verdicts per kind on the
# kernels of ci/kernel-facts.sh (GUP paths, consumers).
set -euo pipefail
bin=${1:?usage: scripts/update-expectations-doc.sh PATH-TO-gup-longterm-test}
here=$(dirname "$0")
doc=$here/../docs/expectations.md
facts=$(mktemp)
trap 'rm -f "$facts"' EXIT
"$here/../ci/kernel-facts.sh" >"$facts"
"$bin" --rules | "$here/doc-section.sh" set oracle-rules "$doc"
"$bin" --kinds-markdown | "$here/doc-section.sh" set memory-kinds "$doc"
"$bin" --verdicts-markdown "$facts" | "$here/doc-section.sh" set verdicts "$doc"
"$bin" --consumers-markdown "$facts" | "$here/doc-section.sh" set consumers "$doc"
