#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# No function over 80 lines (issue 27): every C function of harness/,
# bench/, driver/ and fixtures/, and every Python and shell function of
# those and of scripts/ and ci/ (a file without an extension by its
# shebang: ci/testbed/guest-init, fixtures/glt-fixtures), Check's
# START_TEST bodies too. A function's lines run from its name to its last
# line, less comment-only lines (Python: and its docstring); the counter is
# ci/function-length.py, which says why it is not ctags.
#   ci/lint-function-length.sh [--max N] [--all]
#       --all lists every function with its length
# Exit status: 0 none too long, 1 some (listed), 2 a file it cannot read
# as its language, or python3 missing.
set -euo pipefail
case "${1:-}" in -h | --help) awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
command -v python3 >/dev/null || { echo "lint-function-length: python3 is missing: apt-get install python3" >&2; exit 2; }
max=80 show=()
while [ $# -gt 0 ]; do
	case "$1" in
	--max) max=${2:?--max N}; shift ;;
	--all) show=(--all) ;;
	*) echo "lint-function-length: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

dirs=(harness bench driver fixtures scripts ci)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	mapfile -t all < <(git ls-files -- "${dirs[@]}")
else # a tarball
	mapfile -t all < <(find "${dirs[@]}" -type f | sort)
fi
files=()
for f in "${all[@]}"; do
	[ -f "$f" ] || continue
	case "$f" in
	*.c | *.h | *.py | *.sh) files+=("$f") ;;
	*) head -n 1 "$f" | grep -qE '^#!.*[/ ](python3?|sh|bash|dash)$' && files+=("$f") ;;
	esac
done
echo "function length: ${#files[@]} files of ${dirs[*]}, at most $max lines a function"
rc=0
ci/function-length.py --max "$max" "${show[@]}" "${files[@]}" || rc=$?
case "$rc" in
0) echo "function length: none over $max lines" ;;
1) echo "function length: the functions above are over $max lines: split them by what they do" ;;
esac
exit "$rc"
