#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of ci/function-length.py on made-up files: in C, Python and
# shell (one known by its shebang alone) a function of 81 lines fails and
# one of 80 passes; comment-only lines (and a Python docstring) do not count,
# a line of code with a comment does; Check's START_TEST counts; braces in
# strings, character literals, macros, ${ }, quotes and here-documents are
# not the code's; a file whose braces do not balance is an error (2).
#   ci/test-lint-function-length.sh     exits 1 on any miss
set -euo pipefail
case "${1:-}" in -h | --help) awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;; esac
counter=$(cd "$(dirname "$0")" && pwd)/function-length.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0

# repeat N LINE: LINE, N times.
repeat() { local i; for ((i = 0; i < $1; i++)); do printf '%s\n' "$2"; done; }
# expect NAME WANT-RC WANT-OUTPUT FILE...: the counter's exit status and
# its whole output (stdout and stderr).
expect() {
	local name=$1 want_rc=$2 want=$3 out rc=0
	shift 3
	out=$("$counter" "$@" 2>&1) || rc=$?
	if [ "$rc" = "$want_rc" ] && [ "$out" = "$want" ]; then
		echo "ok $name"
	else
		echo "not ok $name: exit $rc (want $want_rc), output:"
		printf '%s\n' "$out" | head -n 10
		echo "want:"
		printf '%s\n' "$want"
		fail=1
	fi
}

# C: header + "{" + body + "}" = 80 or 81 lines; comments aside.
c_function() { # NAME BODY-LINES
	printf 'static int %s(void)\n{\n' "$1"
	repeat "$2" '	glt_x++; /* code with a comment counts */'
	printf '}\n'
}
{
	printf '#define GLT_OPEN {\n/* { a comment'"'"'s brace */\nstatic int glt_x;\n'
	c_function c80 77
	printf 'static const char *s = "}{";\nstatic char c = '"'"'}'"'"';\n'
	printf 'static int commented(void)\n{\n'
	repeat 40 '	glt_x++;'
	printf '	/*\n'
	repeat 30 '	 * a comment-only line does not count'
	printf '	 */\n'
	repeat 10 '	// nor does this one'
	repeat 37 '	glt_x++;'
	printf '}\n'
} >ok.c
expect c-80-lines-pass 0 "" ok.c
expect c-every-function 0 "ok.c:4: c80: 80 lines
ok.c:86: commented: 80 lines" --all ok.c
{
	printf 'struct s { int a; };\nstatic const int t[] = { 1, 2 };\n'
	c_function c81 78
	printf 'START_TEST(check_test)\n{\n'
	repeat 78 '	ck_assert(1);'
	printf '}\nEND_TEST\n'
} >long.c
expect c-81-lines-fail 1 "long.c:3: c81: 81 lines
long.c:84: START_TEST(check_test): 81 lines" long.c
printf 'static int f(void)\n{\n#if X\n\tif (a) {\n#else\n\tif (b) {\n#endif\n\t}\n}\n' >unbalanced.c
expect c-unbalanced-is-an-error 2 'unbalanced.c: cannot measure: line 2: "{" never closed' unbalanced.c

# Python: the def line to the last statement; comments and docstring aside.
{
	printf 'def p80():\n'
	repeat 79 '    x = 1'
	printf '\n\ndef p81():\n    """A docstring\n    of two lines."""\n'
	repeat 20 '    # a comment'
	repeat 80 '    x = 1  # with a comment'
	printf '\n\nclass C:\n    def method(self):\n        def inner():\n            return 1\n        return inner\n'
} >p.py
expect python-81-lines-fail 1 "p.py:83: p81: 81 lines" p.py
expect python-every-function 1 "p.py:1: p80: 80 lines
p.py:83: p81: 81 lines
p.py:189: C.method: 4 lines
p.py:190: C.method/inner: 2 lines" --all p.py

# Shell, known by its shebang: braces of ${ }, quotes, awk and here-documents
# are not the function's.
# shellcheck disable=SC2016 # shell text, written as it is
{
	printf '#!/bin/sh\ns80() {\n'
	repeat 78 '	echo "${x}" '"'"'}'"'"' "{" # a comment after code'
	printf '}\ns81() {\n'
	printf '	awk '"'"'\n}\n{ print }'"'"'\n'
	printf '	cat <<EOF\n}\nEOF\n'
	printf '	y=${x:-$(echo })}\n'
	repeat 20 '	# a comment-only line'
	repeat 72 '	: $((1 << 2))'
	printf '}\n'
} >tool
expect shell-81-lines-fail 1 "tool:82: s81: 81 lines" tool
printf '#!/bin/bash\nf() {\n\techo "\n' >open-quote
expect shell-open-quote-is-an-error 2 "open-quote: cannot measure: a quote or here-document never closed" open-quote
printf 'data\n' >data
expect neither-language-is-an-error 2 "data: cannot measure: neither C, Python nor shell" data
expect max-option 1 "ok.c:4: c80: 80 lines
ok.c:86: commented: 80 lines" --max 79 ok.c
exit $fail
