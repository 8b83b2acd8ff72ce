#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Questions about ci/kernels.list, the one list of the matrix's kernels:
#   ci/kernels.sh names [SET [FROM]]   names, in file order (SET: check, run,
#                                      bench, or "" for all; FROM: stock, built)
#   ci/kernels.sh get NAME FIELD       from, arch, version, suite, package, secs or build of NAME
#   ci/kernels.sh suite-of-version V   the suite that serves linux-source-V
#   ci/kernels.sh versions             the kernel series of the matrix
#   ci/kernels.sh arches [NAME...]     the architectures of NAMEs (default: all), once each
set -euo pipefail

table=$(dirname "$0")/kernels.list
rows() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$table"; }
usage() { sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

case "${1:-}" in
names)
	rows | awk -v set="${2:-}" -v from="${3:-}" '(set == "" || index("," $7 ",", "," set ",")) && (from == "" || $2 == from) { print $1 }' ;;
get)
	[ $# -eq 3 ] || usage
	col=$(case $3 in from) echo 2 ;; arch) echo 3 ;; version) echo 4 ;; suite) echo 5 ;; package) echo 6 ;; secs) echo 8 ;; build) echo 9 ;; *) echo 0 ;; esac)
	[ "$col" -gt 0 ] || { echo "kernels.sh: unknown field '$3' (from arch version suite package secs build)" >&2; exit 2; }
	v=$(rows | awk -v n="$2" -v c="$col" '$1 == n { print $c }')
	[ -n "$v" ] || { echo "kernels.sh: no kernel '$2' in ci/kernels.list (known: $(rows | awk '{ printf "%s ", $1 }'))" >&2; exit 2; }
	echo "$v" ;;
suite-of-version)
	[ $# -eq 2 ] || usage
	v=$(rows | awk -v v="$2" '$4 == v { print $5; exit }')
	[ -n "$v" ] || { echo "kernels.sh: no kernel of version '$2' in ci/kernels.list (versions: $(rows | awk '{ print $4 }' | sort -uV | tr '\n' ' '))" >&2; exit 2; }
	echo "$v" ;;
versions)
	rows | awk '{ print $4 }' | sort -uV ;;
arches)
	shift
	rows | awk -v names=" $* " 'names == "  " || index(names, " " $1 " ") { print $3 }' | awk '!seen[$0]++' ;;
*) usage ;;
esac
