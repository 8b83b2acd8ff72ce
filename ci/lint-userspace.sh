#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Userspace lint of the harness (harness/, harness/tests/) and of the
# benchmark (bench/, make bench): clang-format
# with the top-level .clang-format, and cppcheck. The driver and uapi/ are
# ci/lint-driver.sh's (checkpatch --strict, sparse, W=1). fixtures/ holds
# shell scripts only, no C. Then, in every mode, the length of every
# function of harness/, bench/, driver/, fixtures/, scripts/ and ci/, in C,
# Python and shell: none over 80 lines (ci/lint-function-length.sh).
#
#   ci/lint-userspace.sh              clang-format on every file but the legacy
#                                     ones listed in this script, and cppcheck
#                                     on all of harness/
#   ci/lint-userspace.sh --all        clang-format on every file, legacy too
#   ci/lint-userspace.sh --changed [REV]
#                                     clang-format on the lines changed since
#                                     REV (default HEAD), every file: run it
#                                     before a commit that edits a legacy file
#
# Exit status: 0 clean, 1 findings, 2 usage or cannot run (a tool missing).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# Files written by hand before .clang-format existed were checked only with
# --all and --changed until a format-only commit (clang-format -i) made them
# clean; none is left. A file is never added here: it must be clang-format
# clean.
legacy=()

usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }
mode=default rev=HEAD
case "${1:-}" in
"") ;;
--all) mode=all ;;
--changed)
	mode=changed
	if [ $# -ge 2 ]; then rev=$2; shift; fi ;;
-h | --help) usage; exit 0 ;;
*) echo "lint-userspace: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
esac
[ $# -le 1 ] || { echo "lint-userspace: too many arguments" >&2; usage >&2; exit 2; }

for tool in clang-format:clang-format cppcheck:cppcheck pkg-config:pkg-config python3:python3; do
	command -v "${tool%%:*}" >/dev/null ||
		{ echo "lint-userspace: ${tool%%:*} is missing: apt-get install ${tool#*:}" >&2; exit 2; }
done

rc=0
version=$(clang-format --version | sed -n 's/.*version \([0-9.]*\).*/\1/p')

# --- clang-format ----------------------------------------------------------
# show_fix FILE [--lines=A:B...]: what clang-format wants instead.
show_fix() {
	local f=$1
	shift
	clang-format --style=file "$@" "$f" | diff -u --label "$f" --label "$f (clang-format)" "$f" - || true
}
is_legacy() {
	local l
	for l in "${legacy[@]}"; do [ "$l" != "$1" ] || return 0; done
	return 1
}

files=()
for f in harness/*.c harness/*.h harness/tests/*.c bench/*.c bench/*.h; do
	[ -f "$f" ] || continue
	if [ "$mode" = default ] && is_legacy "$f"; then continue; fi
	files+=("$f")
done

case "$mode" in
default | all)
	echo "clang-format $version: ${#files[@]} file(s), every line"
	for f in "${files[@]}"; do
		if ! clang-format --style=file --dry-run --Werror "$f" 2>/dev/null; then
			show_fix "$f"
			rc=1
		fi
	done ;;
changed)
	git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
		{ echo "lint-userspace: --changed needs a git checkout" >&2; exit 2; }
	git rev-parse --verify -q "$rev^{commit}" >/dev/null ||
		{ echo "lint-userspace: '$rev' is not a commit" >&2; exit 2; }
	echo "clang-format $version: lines changed since $(git rev-parse --short "$rev")"
	for f in "${files[@]}"; do
		if ! git cat-file -e "$rev:$f" 2>/dev/null; then
			lines=() # new since REV: all of it
		else
			# "@@ -a,b +c,d @@": d lines from c; d = 0 is a deletion.
			mapfile -t lines < <(git diff -U0 --no-color --no-ext-diff "$rev" -- "$f" |
				sed -n 's/^@@ -[0-9,]* +\([0-9]*\)\(,\([0-9]*\)\)\{0,1\} @@.*/\1 \3/p' |
				awk '{ n = ($2 == "") ? 1 : $2; if (n > 0) printf "--lines=%d:%d\n", $1, $1 + n - 1 }')
			[ ${#lines[@]} -gt 0 ] || continue
		fi
		if ! clang-format --style=file --dry-run --Werror "${lines[@]}" "$f" 2>/dev/null; then
			show_fix "$f" "${lines[@]}"
			rc=1
		fi
	done ;;
esac

# --- cppcheck --------------------------------------------------------------
# The include paths of harness/Makefile. libdaxctl.h is force-included so
# that cppcheck knows its daxctl_*_foreach() macros (a for loop it cannot
# see otherwise is a syntax error to it).
# Enabled: warning, portability, performance. Not enabled: style, whose
# checks in cppcheck 2.10 are about taste (variable scope, rand_r() and
# usleep() "obsolescent"), and --library=posix, whose posix.cfg wants an
# mmap() fd >= 0 and so flags every MAP_ANONYMOUS mmap(..., -1, 0).
# Suppressed, each with its reason:
#   arrayIndexOutOfBoundsCond:harness/fixtures.c
#       set_path() gets its index from fixture_from_name(), which returns
#       -1 or a value below GLT_FIXTURE_COUNT; cppcheck takes the loop's
#       end value GLT_FIXTURE_COUNT for a possible return value.
daxctl_inc=$(pkg-config --variable=includedir libdaxctl 2>/dev/null || true)
[ -f "$daxctl_inc/daxctl/libdaxctl.h" ] ||
	{ echo "lint-userspace: libdaxctl.h not found: apt-get install libdaxctl-dev" >&2; exit 2; }
pkg_inc=$(pkg-config --cflags-only-I check mount libdaxctl) ||
	{ echo "lint-userspace: pkg-config check mount libdaxctl failed: apt-get install check libmount-dev libdaxctl-dev" >&2; exit 2; }
read -r -a pkg_inc <<<"$pkg_inc"
echo "cppcheck $(cppcheck --version | sed 's/^Cppcheck //'): harness/ bench/"
if ! cppcheck --enable=warning,portability,performance --error-exitcode=1 \
	--inline-suppr -q --std=c11 -D_GNU_SOURCE -Iharness -Iuapi "${pkg_inc[@]}" \
	--include="$daxctl_inc/daxctl/libdaxctl.h" \
	--suppress=arrayIndexOutOfBoundsCond:harness/fixtures.c \
	harness/ bench/; then
	rc=1
fi

# --- function length -------------------------------------------------------
# Issue 27: no function over about 80 lines, comments aside. Every file, in
# every mode: a function grows by lines that --changed would not show whole.
ci/lint-function-length.sh || rc=1

if [ "$rc" = 0 ]; then echo "userspace lint clean"; else echo "userspace lint: findings above"; fi
exit "$rc"
