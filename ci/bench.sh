#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: what the driver costs next to the kernel's own gup_test.
# Boot the bench-6.12 kernel (base.config +
# bench.config: FS_DAX, CONFIG_GUP_TEST, no debugging) in a QEMU guest, make
# the fixtures, load the driver and run bench/glt-bench, which measures the
# driver's pin+unpin throughput against the kernel's gup_test on the same
# pages (docs/performance.md). Then, on the host: the CSV/JSON and two SVG
# plots in build/bench/, and a summary.
#
#   ci/bench.sh [KERNEL-NAME (bench-6.12)] [-- glt-bench options]
#   e.g. ci/bench.sh bench-6.12 -- --max-reps 11 --budget-ms 300
#
# Guest results: build/results/NAME/ (console.log, results/bench.csv,
# bench.json, migration.csv). Host copies and plots: build/bench/ (bench.csv,
# bench.json, migration.csv, bench-ns.svg, bench-ratio.svg, summary.txt).
# Exit 0 when the guest ran every cell; 1 otherwise. The 0.95 goal is
# reported, not enforced: TCG timing noise must not fail a build.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
name=$(ci/kernels.sh names bench)
if [ $# -gt 0 ] && [ "$1" != -- ]; then name=$1; shift; fi
[ "${1:-}" != -- ] || shift
bench_args=("$@")
timeout=${GUEST_TIMEOUT:-900}
say() { printf '[bench %s] %s\n' "$name" "$*"; }

assignments=$("$top/ci/testbed/kernel.sh" "$name") || exit 1
eval "$assignments"
. "$top/ci/testbed/guest-steps.sh"
: "${KVER:?}" "${KERNEL_IMAGE:?}" "${MODULES_DIR:?}" "${KDIR:?}" "${KCONFIG:?}"
grep -q '^CONFIG_GUP_TEST=y' "$KCONFIG" || {
	say "$KCONFIG has no CONFIG_GUP_TEST=y: gup_test, the reference, is missing (use bench-6.12)"; exit 1; }

out=$top/build/results/$name
payload=$top/build/payload/$name-bench
initrd=$top/build/initramfs/$name-bench.cpio.gz
host=$top/build/bench
rm -rf "$out" "$payload"
# No results of an earlier run may pass for this run's.
rm -f "$host"/{bench.csv,bench.json,migration.csv,hugetlb-spread.csv,bench-ns.svg,bench-ratio.svg,summary.txt}
mkdir -p "$out" "$payload" "$host" "$(dirname "$initrd")"

t0=$SECONDS
glt_build_module
say "building glt-bench and glt-bench-plot"
make -s -C "$top/bench" OUT="$host" >"$out/bench-build.log" 2>&1 || {
	cat "$out/bench-build.log"; say "bench build failed"; exit 1; }
"$host/glt-bench" "${bench_args[@]}" --check-args || {
	say "glt-bench refuses the options after -- (see above); nothing booted"; exit 2; }
cp "$top/build/driver/$name/gup_longterm_test.ko" "$host/glt-bench" "$payload/"
printf '%s\n' "${bench_args[@]}" >"$payload/glt-bench.args"

glt_build_initramfs "$payload" "$initrd"
say "built in $((SECONDS - t0)) s; booting $KERNEL_IMAGE under QEMU (timeout ${timeout} s); the guest prints one line per cell"

glt_boot "$initrd" "$timeout" glt.mode=bench

res=$out/results
for f in bench.csv bench.json migration.csv hugetlb-spread.csv; do
	[ ! -f "$res/$f" ] || cp "$res/$f" "$host/"
done
if [ ! -s "$host/bench.csv" ] || [ "$(wc -l <"$host/bench.csv")" -lt 2 ]; then
	say "FAILED: no measurements arrived (see $out/console.log)"
	exit 1
fi
"$host/glt-bench-plot" "$host/bench.csv" >"$host/bench-ns.svg"
"$host/glt-bench-plot" --ratio "$host/bench.csv" >"$host/bench-ratio.svg"

# csv_awk PROGRAM FILE: awk over one of glt-bench's CSV files, its header
# line skipped; in PROGRAM, $col("NAME") is the column the header names
# NAME (a name it lacks stops awk with status 2).
csv_awk() {
	awk -F, 'function col(name) {
			if (!(name in c)) { print FILENAME ": no column " name >"/dev/stderr"; bad = 1; exit 2 }
			return c[name]
		}
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		END { if (bad) exit 2 }
		'"$1" "$2"
}

# Summary: the worst cells, and per GUP path the worst ratio.
{
	echo "kernel $KVER ($name); ratio = driver / gup_test throughput, wall clock, same syscalls per batch"
	csv_awk '{ n++; if ($col("ratio") < 0.95) low++ } END { printf "%d cells, %d below 0.95\n", n, low }' "$host/bench.csv"
	echo "worst cells (kind api batch ratio; kernel-view ratio):"
	csv_awk '{ printf "  %-9s %-11s %4d  %.3f  %.3f\n", $col("kind"), $col("api"), $col("batch"), $col("ratio"), $col("kernel_ratio") }' \
		"$host/bench.csv" | sort -k4,4n | awk 'NR <= 8'
	echo "worst ratio per GUP path:"
	csv_awk '{ a = $col("api"); r = $col("ratio") }
		!(a in w) || r < w[a] { w[a] = r; at[a] = $col("kind") " b=" $col("batch") }
		END { for (a in w) printf "  %-11s %.3f (%s)\n", a, w[a], at[a] }' "$host/bench.csv" | sort
	if [ -s "$host/migration.csv" ]; then
		echo "long-term pin of ZONE_MOVABLE pages (migration cost per page = first pin - second pin):"
		csv_awk '{ printf "  %-4s %-11s b=%-3d first %9.1f ns/page, again %8.1f, migration %9.1f ns/page, ratio %.3f\n",
			$col("kind"), $col("api"), $col("batch"), $col("driver_migrate_ns_per_page"),
			$col("driver_resident_ns_per_page"), $col("migration_cost_ns_per_page"), $col("ratio_migrate") }' "$host/migration.csv"
	fi
	if [ -s "$host/hugetlb-spread.csv" ]; then
		echo "the same 512-page GET and PIN on each free 2 MiB hugetlb page (gup_test's kernel view, ns/page):"
		csv_awk '{ printf "  page %s pfn %-9s GET %6.1f  PIN %6.1f  (wall GET: driver %6.1f, gup_test %6.1f)\n",
			$col("page"), $col("pfn"), $col("gup_test_get_kernel_ns_per_page"), $col("gup_test_pin_kernel_ns_per_page"),
			$col("driver_get_ns_per_page"), $col("gup_test_get_ns_per_page") }' "$host/hugetlb-spread.csv"
	fi
} | tee "$host/summary.txt"
say "results: $host/{bench.csv,bench.json,migration.csv,hugetlb-spread.csv,bench-ns.svg,bench-ratio.svg,summary.txt}"

bench_rc=$(cat "$res/harness.rc" 2>/dev/null || echo missing)
if [ "$guest_rc" -ne 0 ] || [ "$bench_rc" != 0 ]; then
	say "FAILED: guest exit $guest_rc, glt-bench exit '$bench_rc': see $out/console.log"
	exit 1
fi
say "done"
