#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernels whose verdicts docs/expectations.md's summary tables show: the
# kernels of ci/kernels.list (in its order) that have a file
# ci/kernel-facts/NAME.config, the options of their config the oracle reads
# (harness/facts.c glt_kernel_facts_config()). Their version is
# ci/kernels.list's; nothing else is written down.
#   ci/kernel-facts.sh                  the facts text that gup-longterm-test
#                                       --verdicts-markdown and
#                                       --consumers-markdown read: per kernel
#                                       "kernel NAME VERSION", then its options
#   ci/kernel-facts.sh names            the kernels, one per line
#   ci/kernel-facts.sh check NAME CONFIG
#                                       CONFIG (a fetched kernel's config)
#                                       says what NAME's file says
set -euo pipefail

here=$(dirname "$0")
dir=$here/kernel-facts
usage() { sed -n '8,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# The options harness/facts.c reads from a config: each file names them all,
# so that no verdict rests on an option left out.
options() {
	sed -n '/^void glt_kernel_facts_config(/,/^}/s/.*config_of(text, "\([A-Z0-9_]*\)").*/\1/p' \
		"$here/../harness/facts.c"
}

names() {
	local f n
	for f in "$dir"/*.config; do
		n=$(basename "$f" .config)
		"$here/kernels.sh" get "$n" version >/dev/null ||
			{ echo "kernel-facts: $f is no kernel of ci/kernels.list" >&2; exit 1; }
	done
	for n in $("$here/kernels.sh" names); do
		[ ! -f "$dir/$n.config" ] || echo "$n"
	done
}

# value FILE OPTION: y, m or n (not set, or not named), as the harness reads it.
value() {
	local v
	v=$(sed -n "s/^CONFIG_$2=\\([ym]\\)\$/\\1/p" "$1" | head -n 1)
	echo "${v:-n}"
}

facts() {
	local n o
	for n in $(names); do
		echo "kernel $n $("$here/kernels.sh" get "$n" version)"
		for o in $(options); do
			grep -qE "^(# )?CONFIG_${o}[= ]" "$dir/$n.config" || {
				echo "kernel-facts: $dir/$n.config does not name CONFIG_$o, which the harness reads (harness/facts.c): add its line from $n's config" >&2
				exit 1; }
		done
		grep -E '^(# )?CONFIG_' "$dir/$n.config"
	done
}

check() {
	local name=$1 config=$2 o want have bad=0
	[ -f "$dir/$name.config" ] || { echo "kernel-facts: no $dir/$name.config" >&2; exit 2; }
	[ -r "$config" ] || { echo "kernel-facts: cannot read $config" >&2; exit 2; }
	for o in $(options); do
		want=$(value "$dir/$name.config" "$o")
		have=$(value "$config" "$o")
		[ "$want" = "$have" ] && continue
		echo "kernel-facts: $name: $config has CONFIG_$o=$have, $dir/$name.config says $want" >&2
		bad=1
	done
	[ "$bad" = 0 ] || {
		echo "kernel-facts: docs/expectations.md's verdicts for $name assume the config above: update $dir/$name.config, then make expectations-doc" >&2
		exit 1; }
	echo "kernel-facts: $name: $config agrees with $dir/$name.config ($(options | paste -sd ' '))"
}

case "${1:-}" in
"") facts ;;
names) names ;;
check) [ $# -eq 3 ] || usage; check "$2" "$3" ;;
*) usage ;;
esac
