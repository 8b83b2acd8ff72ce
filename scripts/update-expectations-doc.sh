#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rewrite the oracle's tables in docs/expectations.md from the oracle itself.
set -euo pipefail
bin=${1:?usage: scripts/update-expectations-doc.sh PATH-TO-gup-longterm-test}
here=$(dirname "$0")
"$bin" --rules | "$here/doc-section.sh" set oracle-rules "$here/../docs/expectations.md"
"$bin" --kinds-markdown | "$here/doc-section.sh" set memory-kinds "$here/../docs/expectations.md"
