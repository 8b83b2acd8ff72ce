#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness's command line on a host without the module: it must say what
# is missing and what to run, with the documented exit statuses.
set -uo pipefail
bin=${1:?usage: ci/test-harness-cli.sh PATH-TO-gup-longterm-test}
fail=0
expect() { # expect NAME WANT-RC WANT-PATTERN COMMAND...
	local name=$1 want=$2 pattern=$3 out rc
	shift 3
	out=$("$@" 2>&1); rc=$?
	if [ "$rc" -ne "$want" ] || ! grep -qE -- "$pattern" <<<"$out"; then
		echo "not ok $name: exit $rc (want $want), output:"; echo "$out" | head -n 20
		fail=1
	else
		echo "ok $name"
	fi
}
expect help 0 '^Usage: ' "$bin" --help
expect bad-option 2 'Usage: ' "$bin" --no-such-option
expect stray-argument 2 "unexpected argument" "$bin" stray
expect bad-fixture 2 "expected NAME=PATH" "$bin" --fixture anon=/tmp
expect bad-timeout 2 "bad --timeout" "$bin" --timeout 0
expect bad-fuzz-seed 2 "bad --fuzz-seed" "$bin" --fuzz-seed 12x
expect bad-fuzz-iterations 2 "bad --fuzz-iterations" "$bin" --fuzz-iterations 0
expect fuzz-options-parse 0 '^lifecycle/fuzz-ioctls$' "$bin" --fuzz-iterations 100000 --fuzz-seed 7 --run-known-bugs --list
expect filter-matches-nothing 2 "no case matches" "$bin" --filter 'nothing/*'
expect list 0 '^pin-longterm/fsdax-ext4/write$' "$bin" --list
expect list-abi 0 '^abi/pin-arguments$' "$bin" --list --filter 'abi/*'
expect list-one-page 0 '^get-transient-fast/thp/read/1page$' "$bin" --list
expect rules 0 'fsdax-longterm' "$bin" --rules
# A kind's former name (harness/kinds.c kind_aliases[]) selects the renamed
# kind's cases, the same ones as its new name, with a note; only a whole part
# between slashes is a former name.
expect former-name-note 0 'fsdax-private-cow is now fsdax-ext4-cow' \
	"$bin" --list --filter 'pin-longterm/fsdax-private-cow/*'
expect former-name-case 0 '^pin-longterm/fsdax-xfs-cow/write$' \
	env CK_RUN_CASE=pin-longterm/fsdax-xfs-private-cow/write "$bin" --list
expect former-name-part-only 2 'no case matches' "$bin" --filter '*/x-fsdax-private-cow/*'
former=$("$bin" --list --filter '*/fsdax-private-cow/*' --filter 'consumer/*/fsdax-xfs-private-cow' 2>/dev/null)
renamed=$("$bin" --list --filter '*/fsdax-ext4-cow/*' --filter 'consumer/*/fsdax-xfs-cow' 2>/dev/null)
# 36: 8 GUP paths x (read, write) x (16 pages, 1 page), and 4 consumers.
if [ "$(wc -l <<<"$renamed")" -eq 36 ] && [ "$former" = "$renamed" ]; then
	echo "ok former-name-same-cases"
else
	echo "not ok former-name-same-cases: $(wc -l <<<"$former") cases by the former names, $(wc -l <<<"$renamed") by the new ones"
	fail=1
fi
expect kinds 0 '^secretmem +\(memfd\)|^fsdax-ext4 +fsdax-ext4 ' "$bin" --kinds
facts=$(mktemp)
printf 'kernel debian-6.12 6.12\nCONFIG_FS_DAX=y\n' >"$facts"
expect verdicts-markdown 0 '^\| .fsdax-ext4., .* \| -EOPNOTSUPP \| ' "$bin" --verdicts-markdown "$facts"
expect consumers-markdown 0 '^\| .cross-vma. \| -EFAULT ' "$bin" --consumers-markdown - <"$facts"
expect verdicts-markdown-no-kernel 2 "no 'kernel NAME MAJOR.MINOR' line" "$bin" --verdicts-markdown /dev/null
expect verdicts-markdown-no-file 2 'no-such-file: No such file' "$bin" --verdicts-markdown "$facts.no-such-file"
rm -f "$facts"
if [ ! -e /dev/gup_longterm_test ]; then
	expect no-module 3 'module is not loaded.*|insmod' "$bin"
fi
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	# A copy that an unprivileged user can execute, wherever the clone is.
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	chmod 755 "$tmp"
	cp "$bin" "$tmp/gup-longterm-test"
	expect not-root 3 'must run as root' \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/gup-longterm-test"
fi
exit $fail
