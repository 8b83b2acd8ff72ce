#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of `make report` (scripts/report.sh): small synthetic results
# trees with every state a cell and a run can be in (ok, FAIL, skip, a mix,
# not run; a complete run, a truncated one, one without results.tap, a
# kernel never run), then assertions on the HTML page and on the Markdown.
# Run with every awk found here (mawk, gawk, busybox awk, ...): the report
# must not depend on one. Exits non-zero on any wrong cell.
#
#   ci/test-report.sh
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# ---- the synthetic results ----------------------------------------------

res=$work/build/results
mkdir -p "$res/alpha/results" "$res/beta/results" "$res/gamma/results" "$res/never-run"

# alpha: a complete run with one of everything. A cell's cases: read and
# write (the 1page variants work the same way and are left out).
cat >"$res/alpha/results/results.tap" <<'EOF'
KTAP version 1
# gup-longterm-test: kernel 6.99.0-alpha, CONFIG_FS_DAX=y, CONFIG_DEV_DAX=m
1..19
# fixture devdax: /dev/dax1.0
# pin-longterm/anon/read: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got 16 pinned
ok 1 pin-longterm/anon/read
# pin-longterm/anon/write: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got 16 pinned
ok 2 pin-longterm/anon/write
# pin-longterm/fsdax-ext4/read: expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c check_vma_flags()); got -EOPNOTSUPP
ok 3 pin-longterm/fsdax-ext4/read
# pin-longterm/fsdax-ext4/write: expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c check_vma_flags()); got 16 pinned
# pin-longterm/fsdax-ext4/write: page 0 refcount <"quoted"> & more | piped
not ok 4 pin-longterm/fsdax-ext4/write
ok 5 pin-longterm/devdax/read # SKIP no device-DAX here
ok 6 pin-longterm/devdax/write # SKIP no device-DAX here
# get-transient/anon/read: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got 16 pinned
ok 7 get-transient/anon/read
ok 8 get-transient/anon/write # SKIP no reason at all
# pin-longterm/pagecache-ext4/read: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got 16 pinned
ok 9 pin-longterm/pagecache-ext4/read
# pin-longterm/pagecache-ext4/write: expect -EFAULT (file-write-longterm: mm/gup.c check_vma_flags()); got -EFAULT
ok 10 pin-longterm/pagecache-ext4/write
# get-transient/fsdax-ext4/read: expect 16 of 16 pages pinned (rule-from-the-future: somewhere); got 16 pinned
ok 11 get-transient/fsdax-ext4/read
ok 12 abi/capabilities
# lifecycle/fuzz-ioctls: ioctl 17 returned -ENOMEM
not ok 13 lifecycle/fuzz-ioctls
# consumer/io-uring/anon: expect IORING_REGISTER_BUFFERS to succeed (io-uring-registered: io_uring/rsrc.c); got success
ok 14 consumer/io-uring/anon
ok 15 reason/skipped-one # SKIP not here
# pin-longterm/thp/read: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got -ENOMEM
not ok 16 pin-longterm/thp/read
ok 17 pin-longterm/thp/write # SKIP no THP
# pin-longterm/pagecache-xfs/read: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got 16 pinned
ok 18 pin-longterm/pagecache-xfs/read
# pin-longterm/pagecache-xfs/write: expect -EFAULT (file-write-longterm: mm/gup.c check_vma_flags()); got 16 pinned
not ok 19 pin-longterm/pagecache-xfs/write
# kind \ api               pin-lt   get-tr
# anon                     ok       skip
# gup-longterm-test: 10 passed, 4 failed, 5 skipped
10 passed, 4 failed, 5 skipped
EOF
echo ok >"$res/alpha/results/status"

# beta: the guest died in the middle: no final summary line.
cat >"$res/beta/results/results.tap" <<'EOF'
KTAP version 1
# gup-longterm-test: kernel 6.99.0-beta, CONFIG_FS_DAX=y, CONFIG_DEV_DAX=m
1..15
# pin-longterm/anon/read: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got 16 pinned
ok 1 pin-longterm/anon/read
# pin-longterm/anon/write: expect 16 of 16 pages pinned (pinned: mm/gup.c __get_user_pages()); got 16 pinned
ok 2 pin-longterm/anon/write
ok 3 abi/capabilities
# pin-longterm/fsdax-ext4/read: expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c check_vma_flags()); got -EOP
EOF
echo "failed: guest timed out" >"$res/beta/results/status"

# gamma: a results directory without results.tap (the guest never got to
# the harness). never-run: no results directory at all, i.e. not run: absent.
echo "failed: no results" >"$res/gamma/results/status"
touch "$res/never-run/console.log"

# ---- what to look at ----------------------------------------------------

html=$work/out/index.html
md=$work/out/report.md

# html_cell ID: the class and the main link of one <td id=ID>, as
# "CLASS HREF" (HREF "-" when the cell links nothing).
html_cell() {
	local line cls href
	line=$(grep -o "<td id=\"$1\" [^>]*>.*</td>" "$html" | head -n 1) || true
	[ -n "$line" ] || { echo "absent"; return; }
	cls=$(sed -n 's/^<td id="[^"]*" class="\([a-z]*\).*/\1/p' <<<"$line")
	href=$(sed -n 's/.*<a class="main" href="\([^"]*\)".*/\1/p' <<<"$line")
	echo "$cls ${href:--}"
}

# expect_html ID "CLASS HREF"
expect_html() {
	local got
	got=$(html_cell "$1")
	[ "$got" = "$2" ] || { fail "html cell $1: want '$2', got '$got'"; return 1; }
}

# md_cell KERNEL KIND API: the cell of the Markdown grid of KERNEL, found
# by the column heading (pin-lt for pin-longterm) and the row's kind.
md_cell() {
	awk -F ' \\| ' -v k="$1" -v kind="\`$2\`" -v api="$3" '
		BEGIN { sub(/longterm/, "lt", api); sub(/transient/, "tr", api); sub(/-fast$/, "-f", api) }
		/^### / { in_k = ($0 == "### " k || index($0, "### " k " (") == 1); col = 0; next }
		in_k && /^\| memory kind/ { for (i = 2; i <= NF; i++) { h = $i; sub(/ \|$/, "", h); if (h == api) col = i } next }
		in_k && col && index($0, "| " kind " |") == 1 { c = $col; sub(/ \|$/, "", c); print c; exit }
	' "$md"
}

# expect_md KERNEL KIND API PREFIX: the cell starts with PREFIX.
expect_md() {
	local got
	got=$(md_cell "$1" "$2" "$3")
	case $got in
	"$4"*) ;;
	*) fail "markdown cell $1 $2 $3: want '$4...', got '${got:0:80}'"; return 1 ;;
	esac
}

expect_grep() { # FILE PATTERN WHAT
	grep -qF -- "$2" "$1" || { fail "$3: no '$2' in ${1##*/}"; return 1; }
}
expect_no_grep() { # FILE PATTERN WHAT
	! grep -qF -- "$2" "$1" || { fail "$3: '$2' in ${1##*/}"; return 1; }
}

# ---- the checks, once per awk -------------------------------------------

check_with() {
	local awk_cmd=$1 shim=$work/shim
	rm -rf "$shim" "$work/out"
	mkdir -p "$shim"
	printf '#!/bin/sh\nexec %s "$@"\n' "$awk_cmd" >"$shim/awk"
	chmod +x "$shim/awk"
	echo "== with $awk_cmd"

	if ! PATH=$shim:$PATH "$top/scripts/report.sh" -r "$res" -o "$work/out" >"$work/report.log" 2>&1; then
		fail "report.sh failed with $awk_cmd:"; cat "$work/report.log"; return
	fi

	# The grid: every state a cell can be in.
	expect_html c-alpha-anon-pin-longterm "ok #rule-pinned" || true
	expect_html c-alpha-fsdax-ext4-pin-longterm "fail #rule-fsdax-longterm" || true
	expect_html c-alpha-devdax-pin-longterm "skip -" || true
	expect_html c-alpha-thp-pin-longterm "fail #rule-pinned" || true	# fail + skip
	# A failed cell links the rule of its failed case, not its first one.
	expect_html c-alpha-pagecache-xfs-pin-longterm "fail #rule-file-write-longterm" || true
	expect_html c-alpha-anon-get-transient "skip #rule-pinned" || true	# ok + skip
	expect_html c-alpha-pagecache-ext4-pin-longterm "ok #rule-pinned" || true
	expect_html c-alpha-devdax-get-transient "none -" || true
	expect_html c-alpha-fsdax-ext4-get-transient "ok #rule-rule-from-the-future" || true
	expect_html c-beta-anon-pin-longterm "ok #rule-pinned" || true
	expect_html c-beta-fsdax-ext4-pin-longterm "none -" || true	# cut off before its result
	expect_html c-gamma-anon-pin-longterm "none -" || true
	expect_html c-never-run-anon-pin-longterm "absent" || true
	# The second rule of a cell is a "+" link of its own.
	expect_grep "$html" 'href="#rule-file-write-longterm" title="rule file-write-longterm">+</a>' "second rule" || true
	# The tooltip: the cases, expected and got, and the rule.
	expect_grep "$html" 'pin-longterm/fsdax-ext4/write: FAIL&#10;    expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c check_vma_flags()); got 16 pinned' "fail tooltip" || true
	expect_grep "$html" 'pin-longterm/devdax/read: SKIP no device-DAX here' "skip tooltip" || true
	# Text from the TAP is escaped, never markup.
	expect_grep "$html" 'refcount &lt;&quot;quoted&quot;&gt; &amp; more | piped' "escaping" || true
	expect_no_grep "$html" '<"quoted">' "escaping" || true

	# The other cases.
	expect_html o-alpha-abi_capabilities "ok -" || true
	expect_html o-alpha-lifecycle_fuzz-ioctls "fail -" || true
	expect_html o-alpha-consumer_io-uring_anon "ok #rule-io-uring-registered" || true
	expect_html o-alpha-reason_skipped-one "skip -" || true
	expect_html o-beta-abi_capabilities "ok -" || true
	expect_html o-beta-consumer_io-uring_anon "none -" || true

	# The kernels: counts, incomplete runs in red, the absent one absent.
	expect_grep "$html" '<tr id="k-alpha"><th>alpha</th><td class="good">complete</td><td class="n">10</td><td class="n bad">4</td><td class="n">5</td>' "alpha counts" || true
	expect_grep "$html" '<tr id="k-beta"><th>beta</th><td class="bad">incomplete: 3 of 15 results, no final summary; last: abi/capabilities</td>' "beta incomplete" || true
	expect_grep "$html" '<td class="bad">failed: guest timed out</td>' "beta status" || true
	expect_grep "$html" '<tr id="k-gamma"><th>gamma</th><td class="bad">incomplete: no results (see console.log)</td>' "gamma no results" || true
	expect_grep "$html" '<th class="kernel first incomplete" colspan="2" title="kernel 6.99.0-beta, CONFIG_FS_DAX=y, CONFIG_DEV_DAX=m">beta (incomplete)</th>' "beta grid heading" || true
	expect_no_grep "$html" 'never-run' "a kernel without results" || true
	# The failures, each with its diagnostics.
	expect_grep "$html" 'id="f-alpha-pin-longterm_fsdax-ext4_write"' "failure entry" || true
	expect_grep "$html" 'id="f-alpha-lifecycle_fuzz-ioctls"' "failure entry" || true

	# Every rule link has its target, also for a rule the tables lack.
	local r
	while read -r r; do
		grep -q "<tr id=\"$r\">" "$html" || fail "html: link #$r has no target"
	done < <(grep -o 'href="#rule-[^"]*"' "$html" | sort -u | sed 's/href="#//; s/"//')
	while read -r r; do
		grep -qF "<a id=\"$r\"></a>" "$md" || fail "markdown: link #$r has no target"
	done < <(grep -o '](#rule-[^ )]*' "$md" | sort -u | sed 's/](#//')
	expect_grep "$html" '<tr id="rule-fsdax-longterm"><td><code>fsdax-longterm</code></td>' "rule table" || true

	# The Markdown: the same grid.
	expect_md alpha anon pin-longterm '[🟢 ok](#rule-pinned "pin-longterm/anon/&#10;  read: ok&#10;    expect 16 of 16 pages pinned' || true
	expect_md alpha fsdax-ext4 pin-longterm '[🔴 FAIL](#rule-fsdax-longterm "' || true
	expect_md alpha devdax pin-longterm '⚪ skip' || true
	expect_md alpha pagecache-xfs pin-longterm '[🔴 FAIL](#rule-file-write-longterm "' || true
	expect_md alpha anon get-transient '[⚪ skip](#rule-pinned' || true
	expect_md alpha devdax get-transient '▫️ not run' || true
	expect_md beta anon pin-longterm '[🟢 ok](#rule-pinned' || true
	expect_md beta fsdax-ext4 pin-longterm '▫️ not run' || true
	expect_grep "$md" '### beta (🔴 incomplete run)' "markdown incomplete heading" || true
	expect_grep "$md" '| alpha | 🟢 complete | 10 | 🔴 4 | 5 | ok |' "markdown counts" || true
	expect_grep "$md" '| gamma | 🔴 incomplete: no results (see console.log) |' "markdown gamma" || true
	# shellcheck disable=SC2016 # backquotes of Markdown
	expect_grep "$md" '| `lifecycle/fuzz-ioctls` | 🔴 FAIL | ▫️ not run | ▫️ not run |' "markdown other cases" || true
	expect_grep "$md" 'refcount <\"quoted\"> & more \| piped' "markdown title escaping" || true
	expect_no_grep "$md" 'never-run' "markdown: a kernel without results" || true

	# The checks themselves must see a wrong grid.
	if expect_html c-alpha-fsdax-ext4-pin-longterm "ok #rule-pinned" >/dev/null ||
		expect_md alpha fsdax-ext4 pin-longterm '[🟢 ok]' >/dev/null; then
		fail "the checks accept a wrong cell"
	else
		failures=$((failures - 2))
	fi
}

# Each awk once, by its real path (nawk and awk are often mawk by another
# name; the shim named "awk" must not find itself).
awks=()
for a in mawk gawk original-awk nawk busybox; do
	path=$(command -v "$a" 2>/dev/null) || continue
	path=$(readlink -f "$path")
	cmd=$path
	[ "$a" = busybox ] && cmd="$path awk"
	# shellcheck disable=SC2086 # "busybox awk" is a command and its argument
	$cmd 'BEGIN { exit 0 }' </dev/null 2>/dev/null || continue
	case " ${awks[*]-} " in *" $cmd "*) continue ;; esac
	awks+=("$cmd")
done
[ ${#awks[@]} -gt 0 ] || awks=("$(readlink -f "$(command -v awk)")")
for a in "${awks[@]}"; do
	check_with "$a"
done

# No results at all: a clear message, and a failure, from the script and
# from `make report`.
mkdir -p "$work/empty/results"
if out=$("$top/scripts/report.sh" -r "$work/empty/results" -o "$work/empty/report" 2>&1); then
	fail "report.sh without results succeeded"
fi
grep -q 'make run.*make check' <<<"$out" || fail "report.sh without results says: $out"
if command -v make >/dev/null; then
	if out=$(make -s -C "$top" report BUILD="$work/empty" 2>&1); then
		fail "make report without results succeeded"
	fi
	grep -q 'make run.*make check' <<<"$out" || fail "make report without results says: $out"
	make -s -C "$top" report BUILD="$work/build" >/dev/null 2>&1 ||
		fail "make report BUILD=$work/build failed"
	if [ ! -s "$work/build/report/index.html" ] || [ ! -s "$work/build/report/report.md" ]; then
		fail "make report wrote no build/report/index.html and report.md"
	fi
fi

if [ "$failures" -ne 0 ]; then
	echo "test-report: $failures failure(s)"
	exit 1
fi
echo "test-report: ok (awk: ${awks[*]})"
