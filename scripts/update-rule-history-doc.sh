#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rewrite the rule history in docs/expectations.md from the results of the
# last make check (build/results/), never by hand.
#   scripts/update-rule-history-doc.sh PATH-TO-gup-longterm-test [RESULTS-DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: scripts/update-rule-history-doc.sh PATH-TO-gup-longterm-test [RESULTS-DIR]}
"$top/scripts/rule-history.sh" -r "${2:-$top/build/results}" -b "$bin" |
	"$top/scripts/doc-section.sh" set rule-history "$top/docs/expectations.md"
