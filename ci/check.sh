#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: every test of the project, host first, then one guest boot
# per kernel. Prints a table and, last, "N passed, N failed, N skipped".
#   KERNELS="debian-6.1 debian-6.12" ci/check.sh   (default: the check set of ci/kernels.list)
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
kernels=${KERNELS-$(ci/kernels.sh names check)}
logs=$top/build/check
mkdir -p "$logs"

# How the host boots, before anything runs (host-boot-unchanged, at the
# end): make check takes it before it installs the host tools.
if [ -n "${GLT_BOOT_STATE_BEFORE:-}" ] && [ -f "$GLT_BOOT_STATE_BEFORE" ]; then
	cp "$GLT_BOOT_STATE_BEFORE" "$logs/host-boot-state.before"
else
	ci/host-boot-state.sh >"$logs/host-boot-state.before" 2>&1
fi

passed=0 failed=0 skipped=0
rows=()
failed_kernels=

# record STEP PASSED FAILED SKIPPED SECONDS
record() {
	passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + $4))
	rows+=("$(printf '%-34s %7s %7s %7s %7ss' "$1" "$2" "$3" "$4" "$5")")
	if [ "$3" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1 (log: $logs/$1.log)"; fi
}

# step NAME COMMAND...: one test that passes when COMMAND exits 0.
step() {
	local name=$1 t0=$SECONDS
	shift
	echo "== $name"
	if "$@" >"$logs/$name.log" 2>&1; then
		record "$name" 1 0 0 $((SECONDS - t0))
	else
		tail -n 40 "$logs/$name.log"
		record "$name" 0 1 0 $((SECONDS - t0))
	fi
}

# step_or_skip NAME COMMAND...: like step, but exit status 77 is a skip
# (the command says why), as in automake's test protocol.
step_or_skip() {
	local name=$1 t0=$SECONDS rc=0
	shift
	echo "== $name"
	"$@" >"$logs/$name.log" 2>&1 || rc=$?
	case $rc in
	0) record "$name" 1 0 0 $((SECONDS - t0)) ;;
	77) cat "$logs/$name.log"; record "$name" 0 0 1 $((SECONDS - t0)) ;;
	*) tail -n 40 "$logs/$name.log"; record "$name" 0 1 0 $((SECONDS - t0)) ;;
	esac
}

# checks NAME COMMAND...: a Check program; count its checks.
checks() {
	local name=$1 t0=$SECONDS line total fails
	shift
	echo "== $name"
	"$@" >"$logs/$name.log" 2>&1
	local rc=$?
	cat "$logs/$name.log"
	line=$(grep -E '^[0-9]+%: Checks: ' "$logs/$name.log" | tail -n 1)
	if [ -z "$line" ]; then
		record "$name" 0 1 0 $((SECONDS - t0))
		return
	fi
	total=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
	fails=$(sed -E 's/.*Failures: ([0-9]+), Errors: ([0-9]+).*/\1+\2/' <<<"$line")
	fails=$((fails))
	[ "$rc" -ne 0 ] && [ "$fails" -eq 0 ] && fails=1
	record "$name" $((total - fails)) "$fails" 0 $((SECONDS - t0))
}

step build-harness make -s -C harness OUT="$top/build/harness"
checks oracle-unit build/harness/test-oracle
step build-harness-asan-ubsan make -s -C harness OUT="$top/build/harness-san" SAN=1
checks oracle-unit-asan-ubsan build/harness-san/test-oracle
step oracle-unit-valgrind env CK_FORK=no valgrind -q --error-exitcode=1 \
	--leak-check=full --errors-for-leak-kinds=definite build/harness/test-oracle
step harness-cli-valgrind sh -c 'for a in --help --list --rules "--filter abi/* --list"; do valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite build/harness/gup-longterm-test $a >/dev/null || exit 1; done'
# A kind added by its row alone is in docs/expectations.md's tables
# (harness/tests/test_doc_rows.c: the pure layers built again with two
# rows more), and the tables' generator is clean under valgrind.
step build-doc-rows-test make -s -C harness OUT="$top/build/harness" "$top/build/harness/test-doc-rows"
checks doc-rows-unit build/harness/test-doc-rows
step doc-tables-valgrind sh -c 'ci/kernel-facts.sh >"$1" && for t in verdicts consumers; do valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite build/harness/gup-longterm-test --$t-markdown "$1" >/dev/null || exit 1; done' - "$logs/kernel-facts.txt"
step harness-cli ci/test-harness-cli.sh build/harness/gup-longterm-test
step harness-cli-asan-ubsan ci/test-harness-cli.sh build/harness-san/gup-longterm-test
step expectations-doc-matches-oracle ci/test-expectations-doc.sh build/harness/gup-longterm-test
step klog-check-selftest ci/testbed/test-check-klog.sh
step run-guest-salvage-selftest ci/testbed/test-run-guest-salvage.sh
step guest-init-stages-selftest ci/testbed/test-guest-init.sh
step userspace-lint ci/lint-userspace.sh
step function-length-selftest ci/test-lint-function-length.sh
step report-selftest ci/test-report.py
step upstream-compare-selftest ci/test-upstream-compare.py
step rule-history-selftest ci/test-rule-history.sh
# make bench's programs (a smoke run of glt-bench is in the guests with
# gup_test), and its copy of gup_test's uapi against both kernels' sources.
step build-bench make -s -C bench OUT="$top/build/bench"
step bench-cli-valgrind ci/test-bench-cli.sh build/bench/glt-bench
step bench-uapi-matches-kernels ci/test-bench-uapi.sh

# Kernels run in lanes, one guest per lane at a time: a TCG guest keeps
# about one host core busy (the harness is mostly one thread), so on two
# cores two lanes take the wall time of the longest lane, not of the sum.
# GLT_LANES=N sets the number of lanes; 1 runs them one after the other,
# output unprefixed.
# Longest first, each onto the lane with the least work so far; the weights
# are the guest times measured in a warm make check (the secs column of
# ci/kernels.list: debug-7.3 ~870 s, the others 130-210 s), plus the build
# time (its build column) of a built kernel that is not cached yet: cold,
# the builds are most of the work, and three builds in one lane would
# make it ~20 min longer than the other.
# At most one lane per core and per 3 GiB of available memory (a guest has
# 1 GiB of RAM and 2 GiB of NVDIMMs in files, which fill the page cache).
mem_lanes=$(awk '/^MemAvailable:/ { print int($2 / (3 * 1024 * 1024)) }' /proc/meminfo)
lanes=${GLT_LANES:-$(nproc)}
[ -n "${GLT_LANES:-}" ] || [ "${mem_lanes:-1}" -ge "$lanes" ] || lanes=${mem_lanes:-1}
# The guest runs: each kernel, and the memmap lane (ci/kernels.list's
# memmap set, when make check runs that kernel) as run K-memmap right
# after K in K's lane (one build, never two runs of a kernel at once): the
# pmem is memmap= ranges of the guest's RAM, label-less regions that
# glt-fixtures takes with --destroy-label-less, the tool installed with
# make install, and docs/hardware.md's blocks marked for it run as written.
memmap_set=" $(ci/kernels.sh names memmap | xargs) "
runs=
for k in $kernels; do
	runs="$runs $k"
	case "$memmap_set" in *" $k "*) runs="$runs $k-memmap" ;; esac
done
nk=$(wc -w <<<"$kernels")
[ "$lanes" -ge 1 ] 2>/dev/null || lanes=1
[ "$lanes" -le "$nk" ] || lanes=$nk
# A kernel's measured guest time (ci/kernels.list; 100 s for one not
# there), plus its build time if it is built here and not cached (1500 s
# for one not measured).
# A kernel with a memmap run counts that too: its guest time and ~100 s
# more (the guide's blocks run the harness again: debian-6.12 300 s
# measured against 189 s).
weight() {
	local secs build
	secs=$(ci/kernels.sh get "$1" secs 2>/dev/null) || secs=100
	case "$memmap_set" in *" $1 "*) secs=$((secs * 2 + 100)) ;; esac
	if [ "$(ci/kernels.sh get "$1" from 2>/dev/null)" = built ] &&
		! ci/build-kernel.sh --cached "$1"; then
		build=$(ci/kernels.sh get "$1" build)
		[ "$build" != - ] || build=1500
		secs=$((secs + build))
	fi
	echo "$secs"
}
declare -A lane_of=()
if [ "$lanes" -gt 1 ]; then
	declare -a load=()
	for ((l = 0; l < lanes; l++)); do load[l]=0; done
	while read -r w k; do
		best=0
		for ((l = 1; l < lanes; l++)); do [ "${load[l]}" -ge "${load[best]}" ] || best=$l; done
		lane_of[$k]=$best
		load[best]=$((load[best] + w))
	done < <(for k in $kernels; do echo "$(weight "$k") $k"; done | sort -k1,1nr -s)
fi

# run_kernel K: one kernel, its log in $logs/kernel-K.log, its wall time in
# $logs/kernel-K.time.
run_kernel() {
	local k=$1 t0=$SECONDS pmem=nvdimm
	case "$k" in *-memmap) pmem=memmap ;; esac
	echo "== kernel $k"
	# The log exists before tail opens it (tail -f gives up on a missing
	# file, and the background job may not have created it yet).
	: >"$logs/kernel-$k.log"
	PMEM=$pmem ci/run-kernel.sh "${k%-memmap}" >>"$logs/kernel-$k.log" 2>&1 &
	local pid=$!
	tail -n +1 --pid=$pid -f "$logs/kernel-$k.log" 2>/dev/null
	wait "$pid"
	echo $((SECONDS - t0)) >"$logs/kernel-$k.time"
}
if [ "$lanes" -le 1 ]; then
	for k in $runs; do run_kernel "$k"; done
else
	echo "== kernels in $lanes lanes (GLT_LANES):"
	for ((l = 0; l < lanes; l++)); do
		list=
		for k in $runs; do [ "${lane_of[${k%-memmap}]}" != "$l" ] || list="$list $k"; done
		echo "   lane $((l + 1)):$list (~$(((load[l] + 30) / 60)) min by the plan)"
		# Each line of a kernel's output prefixed with its name.
		( for k in $list; do run_kernel "$k" | sed -u "s/^/$k | /"; done ) &
	done
	wait
fi
for k in $runs; do
	tap=build/results/$k/results/results.tap
	last=$(tail -n 1 "$tap" 2>/dev/null)
	if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
		p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[3]}
		# A guest that failed around a clean harness (a kernel log
		# splat, a failed teardown) is one more failure.
		grep -q "^\[${k%-memmap}\] passed:" "$logs/kernel-$k.log" || [ "$f" -ne 0 ] || f=1
	else
		p=0 f=1 s=0
	fi
	case "$k" in
	*-memmap) record "memmap-lane-${k%-memmap}" "$p" "$f" "$s" "$(cat "$logs/kernel-$k.time" 2>/dev/null || echo 0)" ;;
	*) record "kernel-$k" "$p" "$f" "$s" "$(cat "$logs/kernel-$k.time" 2>/dev/null || echo 0)" ;;
	esac
	[ "$f" -eq 0 ] || failed_kernels="$failed_kernels $k"
done

# The driver against every kernel's headers: after the runs, which built
# (or found cached) every kernel of the matrix; without kernels (KERNELS=),
# against the stock kernels', which need no build.
# shellcheck disable=SC2086 # one argument per kernel
step driver-lint ci/lint-driver.sh ${kernels:-$(ci/kernels.sh names check stock)}
# A host without apt-get and dpkg (Fedora, Arch), faked with a PATH of
# everything else: install-deps.sh names the packages instead, and make
# run KERNEL_IMAGE= KDIR= on dax-5.10's build (cached by the runs above)
# gets to the boot (a skip when that kernel is not built here).
step_or_skip non-apt-host ci/test-non-apt-host.sh

# The grid of what every kernel did (build/report/), and the page as a
# browser shows it.
if [ -n "$kernels" ]; then
	step ktap-parses ci/test-ktap.sh "$top/build/results"
	# The doc's rule history is checked against a run of the whole matrix.
	# A kernel that did not finish says nothing of its rules: that is its
	# own failure, above, not a second one here.
	if [ -n "$failed_kernels" ]; then
		echo "== rule-history-doc-matches-runs"
		echo "skip: rule-history-doc-matches-runs: kernel(s)$failed_kernels failed, so the matrix's rules are not all known"
		record rule-history-doc-matches-runs 0 0 1 0
	elif [ "$(xargs <<<"$kernels")" = "$(ci/kernels.sh names check | xargs)" ]; then
		step rule-history-doc-matches-runs ci/test-rule-history-doc.sh build/harness/gup-longterm-test
		step upstream-doc-matches-runs ci/test-upstream-doc.sh
	fi
	step report scripts/report.py -r "$top/build/results" -o "$top/build/report"
	step_or_skip report-screenshot scripts/report-screenshot.sh
fi

# Nothing of all this installed a kernel, headers or sources into the host
# or touched its /boot (Debian's kernels are fetched into the kernel cache).
step host-boot-unchanged sh -c 'ci/host-boot-state.sh | diff -u "$1" -' - "$logs/host-boot-state.before"

# Why each failed kernel failed, here at the end where a CI log's tail
# shows it (the lanes' output above is interleaved).
for k in $failed_kernels; do
	echo
	echo "== why kernel-$k failed: the end of $logs/kernel-$k.log"
	tail -n 25 "$logs/kernel-$k.log" | sed 's/^/  | /'
done

# The kernel's own selftests beside the harness (scripts/upstream_compare.py),
# one line per kernel and test, then its details ("#   ": an upstream skip
# and its reason, a run repeated, an unexplained disagreement); an
# unexplained disagreement failed its kernel.
if [ -n "$kernels" ]; then
	echo
	for k in $kernels; do
		sed -n "s/^\[$k\] \(# upstream .*\|#   .*\)/$k: \1/p" "$logs/kernel-$k.log" 2>/dev/null
	done
fi

echo
printf '%-34s %7s %7s %7s %8s\n' step passed failed skipped time
for r in "${rows[@]}"; do echo "$r"; done

# Where each guest's time went (ci/testbed/guest-init's stages, seconds):
# boot to init, modules + consumers + fixtures, the harness, the rest.
if [ -n "$kernels" ]; then
	echo
	printf '%-16s %8s %9s %8s %8s %8s\n' kernel boot fixtures harness asan other
	for k in $kernels; do
		f=build/results/$k/results/stages
		[ -f "$f" ] || { printf '%-16s %s\n' "$k" "(no stages: the guest did not report)"; continue; }
		awk -v k="$k" '
			{ t[$1] += $3; all += $3 }
			END {
				fx = t["modules"] + t["consumers"] + t["fixtures"]
				printf "%-16s %7.1fs %8.1fs %7.1fs %7.1fs %7.1fs\n", k, t["boot"], fx,
					t["harness"], t["asan"], all - t["boot"] - fx - t["harness"] - t["asan"]
			}' "$f"
	done
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
