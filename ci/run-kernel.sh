#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build, boot and test one kernel in a QEMU guest: the module against the
# kernel's headers, the harness, an initramfs with both, one guest boot that
# makes the pmem fixtures and runs every case. Results land in
# build/results/<name>/ (console.log, results/{results.tap,junit.xml,dmesg.txt}).
#
#   ci/run-kernel.sh debian-6.1
#   KERNEL_IMAGE=/path/bzImage KDIR=/path/to/build [KERNEL_NAME=NAME] ci/run-kernel.sh
#   PMEM=memmap ci/run-kernel.sh debian-6.12
#   GUEST_TIMEOUT=SEC ci/run-kernel.sh NAME   (the guest's time limit;
#                     default: ci/testbed/guest-timeout.sh's, scaled to
#                     the kernel and the machine)
# A user's own kernel runs under KERNEL_NAME, or its release, never under
# a name of ci/kernels.list.
#
# PMEM=memmap: the pmem is RAM set aside with memmap= (label-less regions,
# as on a host without NVDIMMs) instead of emulated NVDIMMs; the results
# land in build/results/<name>-memmap/.
#
# Exit status: 0 when the guest ran every case and all passed and the kernel
# log is clean; 1 otherwise.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
name=${1:-}
say() { printf '[%s] %s\n' "${name:-kernel}" "$*"; }

# A user's own kernel (KERNEL_IMAGE and KDIR): nothing is fetched for it,
# and it runs and is stored under a name of its own, KERNEL_NAME or its
# release, never under a matrix kernel's (whose results it would replace).
if [ -n "${KERNEL_IMAGE:-}${KDIR:-}" ]; then
	files=$("$top/ci/testbed/kernel.sh" own) || exit 1
	eval "$files"
	name=${name:-${KERNEL_NAME:-$KVER}}
	if "$top/ci/kernels.sh" get "$name" from >/dev/null 2>&1; then
		say "'$name' is a kernel of ci/kernels.list: your own kernel needs a name of its own (KERNEL_NAME=..., or leave it out for its release, $KVER)"
		exit 2
	fi
	case "$name" in
	*/* | .* | '') say "KERNEL_NAME='$name': a name is one path component (letters, digits, . - _ +)"; exit 2 ;;
	esac
else
	[ -n "$name" ] || { echo "usage: ci/run-kernel.sh KERNEL-NAME (e.g. debian-6.1), or KERNEL_IMAGE=... KDIR=... ci/run-kernel.sh [NAME]" >&2; exit 2; }
	files=$("$top/ci/testbed/kernel.sh" "$name") || { say "no kernel files (above: why)"; exit 1; }
	eval "$files"
fi
. "$top/ci/testbed/guest-steps.sh"
: "${KVER:?}" "${KERNEL_IMAGE:?}" "${MODULES_DIR:?}" "${KDIR:?}" "${KCONFIG:?}"
# docs/expectations.md's verdicts on this kernel are the oracle's for the
# config options of ci/kernel-facts/NAME.config: a fetched config that says
# otherwise (a Debian update) makes them wrong. The guest still runs (the
# harness reads the real config); the run fails at its end.
facts_rc=0
if [ -f "$top/ci/kernel-facts/$name.config" ]; then
	"$top/ci/kernel-facts.sh" check "$name" "$KCONFIG" | sed "s/^/[$name] /" || facts_rc=$?
fi
# The guest's architecture (ci/kernels.list's arch column): another one
# than the host's runs Debian's packages of it, and the harness is
# cross-built against them (ci/testbed/guest-root.sh).
glt_guest_arch
[ "$GUEST_ROOT" = / ] || say "guest: $KARCH, its userspace Debian $GUEST_SUITE's ($GUEST_ROOT)"
[ "${PMEM:-nvdimm}" = nvdimm ] || [ "$KARCH" = amd64 ] || {
	say "PMEM=${PMEM}: memmap= pmem is x86's (e820); an $KARCH guest has NVDIMMs only"; exit 2; }

# A debug kernel (KASAN, lockdep, kmemleak) runs several times slower under
# TCG, and is where the fuzzer earns its keep: 100000 ioctls there.
# Its kmemleak and KASAN also judge 100 module unload/load cycles; the
# other kernels do 10 (43 s of TCG time saved per kernel): GLT_RELOAD=N.
if glt_debug_kernel "$KCONFIG"; then
	append="glt.fuzz=${GLT_FUZZ:-100000} glt.reload=${GLT_RELOAD:-100}"
else
	append="glt.reload=${GLT_RELOAD:-10}${GLT_FUZZ:+ glt.fuzz=$GLT_FUZZ}"
fi
timeout=$("$top/ci/testbed/guest-timeout.sh" "$name" "$KCONFIG")
say "guest time limit: $timeout"
timeout=${timeout%% *}

pmem=${PMEM:-nvdimm}
case "$pmem" in
nvdimm) run_name=$name ;;
memmap) run_name=$name-memmap ;;
*) say "PMEM=$pmem: give nvdimm (emulated NVDIMMs, the default) or memmap (memmap= ranges)"; exit 2 ;;
esac
export GLT_PMEM=$pmem
out=$top/build/results/$run_name
payload=$top/build/payload/$run_name
initrd=$top/build/initramfs/$run_name.cpio.gz
rm -rf "$out" "$payload"
mkdir -p "$out" "$payload" "$(dirname "$initrd")"

t0=$SECONDS
# (The memmap lane's module is built and installed by make install-module,
# in a directory of its own.)
[ "$pmem" = memmap ] || glt_build_module
# The harness for the guest: build/harness, or build/harness-ARCH cross-built.
harness_out=$top/build/harness
[ ${#cross[@]} -eq 0 ] || harness_out=$top/build/harness-$KARCH
say "building the harness${cross[*]:+ (${cross[*]})}"
make -s -C "$top/harness" OUT="$harness_out" "${cross[@]}" >"$out/harness-build.log" 2>&1 || {
	cat "$out/harness-build.log"; say "harness build failed"; exit 1; }
# The harness under ASan/UBSan checks the harness (userspace), not the
# kernel: the kernels of ci/kernels.list's asan set (an old and a new one,
# with and without FS_DAX) cover its code paths, and a kernel that is not
# in the list (a user's own) gets it too. The debug kernel, ~5x slower
# under TCG, spends its time on the kernel's own checks.
asan=
if ! "$top/ci/kernels.sh" get "$name" from >/dev/null 2>&1 ||
	"$top/ci/kernels.sh" names asan | grep -qx "$name"; then
	asan=1
	make -s -C "$top/harness" OUT="$top/build/harness-san${cross[*]:+-$KARCH}" SAN=1 "${cross[@]}" >>"$out/harness-build.log" 2>&1 || {
		cat "$out/harness-build.log"; say "ASan/UBSan harness build failed"; exit 1; }
fi
install_root=
if [ "$pmem" = memmap ]; then
	# The memmap lane is a host user's: the harness, glt-fixtures and the
	# module installed as docs/hardware.md says (make install, make
	# install-module), staged into the guest's root; the guest loads the
	# module with modprobe from /lib/modules/KVER/extra/.
	install_root=$top/build/payload/$run_name-root
	rm -rf "$install_root"
	say "make install DESTDIR=$install_root; make install-module INSTALL_MOD_PATH=$install_root"
	{ make -s -C "$top" install DESTDIR="$install_root" &&
		INSTALL_MOD_PATH=$install_root make -s -C "$top" install-module KDIR="$KDIR" BUILD="$top/build/install-module/$name"; } \
		>"$out/install.log" 2>&1 || { cat "$out/install.log"; say "make install / install-module failed"; exit 1; }
	# docs/hardware.md's blocks marked for this lane, run as written
	# (guest-init, after its own fixtures are torn down).
	"$top/scripts/guide-blocks.sh" "$top/docs/hardware.md" memmap >"$payload/hardware-guide.sh" ||
		{ say "no docs/hardware.md block is marked for the memmap lane"; exit 1; }
else
	cp "$top/build/driver/$name/gup_longterm_test.ko" "$harness_out/gup-longterm-test" "$payload/"
	# The get_vaddr_frames() companion exists where the kernel has videobuf2.
	if [ -f "$top/build/driver/$name/gup_longterm_test_fv.ko" ]; then
		cp "$top/build/driver/$name/gup_longterm_test_fv.ko" "$payload/"
	fi
fi
if [ -n "$asan" ]; then
	cp "$top/build/harness-san${cross[*]:+-$KARCH}/gup-longterm-test" "$payload/gup-longterm-test-asan"
else
	say "ASan/UBSan harness run: not on this kernel (the asan set of ci/kernels.list covers the harness)"
fi
# make bench's program, for a smoke run where the kernel has gup_test.
if grep -q '^CONFIG_GUP_TEST=y' "$KCONFIG" && [ ${#cross[@]} -gt 0 ]; then
	say "glt-bench smoke run: skipped: glt-bench is built for the host's architecture only (bench/Makefile), and this guest is $KARCH"
elif grep -q '^CONFIG_GUP_TEST=y' "$KCONFIG"; then
	make -s -C "$top/bench" OUT="$top/build/bench" >>"$out/harness-build.log" 2>&1 || {
		cat "$out/harness-build.log"; say "glt-bench build failed"; exit 1; }
	cp "$top/build/bench/glt-bench" "$payload/"
elif grep -q '^CONFIG_GUP_BENCHMARK=y' "$KCONFIG"; then
	say "glt-bench smoke run: skipped: this kernel has CONFIG_GUP_BENCHMARK (before v5.11), whose ABI glt-bench does not speak"
else
	say "glt-bench smoke run: skipped: no CONFIG_GUP_TEST in $KCONFIG"
fi

# The kernel's own gup_longterm, cow and gup_test, from its own source,
# beside the harness (scripts/upstream_compare.py): where the kernel has
# gup_test and its source has the three.
upstream_absent=
if ! grep -q '^CONFIG_GUP_TEST=y' "$KCONFIG"; then
	upstream_absent="no CONFIG_GUP_TEST in this kernel"
elif ! "$top/ci/kernels.sh" get "$name" version >/dev/null 2>&1; then
	upstream_absent="$name is not a kernel of ci/kernels.list: no source to build them from"
else
	rc=0
	selftests=$("$top/ci/build-selftests.sh" "$name" 2>"$out/selftests-build.log") || rc=$?
	case $rc in
	0) mkdir -p "$payload/selftests" && cp "$selftests"/* "$payload/selftests/" ;;
	3) upstream_absent=$(tail -n 1 "$out/selftests-build.log") ;;
	*) cat "$out/selftests-build.log"; say "building the kernel's selftests failed"; exit 1 ;;
	esac
fi

glt_build_initramfs "$payload" "$initrd" "$install_root"
say "built in $((SECONDS - t0)) s; booting $KERNEL_IMAGE under QEMU (timeout ${timeout} s)"

glt_boot "$initrd" "$timeout" "$append"

# The reliability figures of this run, from what the guest reported.
tap=$out/results/results.tap
# (A guest that shipped no results.tap or figures still gets its FAILED
# line below: a missing file must not end this script, set -e and pipefail.)
fuzz=$({ sed -n 's/^# lifecycle\/fuzz-ioctls: fuzz: seed \([0-9]*\): \([0-9]*\) ioctls.*/\2 ioctls fuzzed (seed \1)/p' "$tap" 2>/dev/null || true; } | head -n 1)
faults=$(grep -cE '^ok [0-9]+ lifecycle/' "$tap" 2>/dev/null || true)
leaked=$(awk '$1 == "leaked_pins" { print $2 }' "$out/results/figures" 2>/dev/null || true)
kmemleak=$(awk '$1 == "kmemleak_reports" { print $2 }' "$out/results/figures" 2>/dev/null || true)
say "figures: ${fuzz:-no fuzzer run}; ${faults:-0} lifecycle fault cases survived; kernel log: $(grep -q 'kernel log: clean' "$out/run-guest.log" 2>/dev/null && echo '0 splats' || echo 'not clean (see run-guest.log)'); leaked pins: ${leaked:-not measured}${kmemleak:+; kmemleak reports: $kmemleak}"

harness_rc=$(cat "$out/results/harness.rc" 2>/dev/null || echo missing)
upstream_rc=0
if [ -n "$upstream_absent" ]; then
	say "# upstream gup_longterm: not run: $upstream_absent"
	[ ! -d "$out/results" ] || echo "$upstream_absent" >"$out/results/upstream-absent"
elif [ -d "$out/results/upstream" ]; then
	"$top/scripts/upstream_compare.py" --results "$out/results" --kernel "$name" |
		sed "s/^/[$name] /" || upstream_rc=$?
else
	say "# upstream gup_longterm: the guest ran no selftests (see console.log)"
	upstream_rc=1
fi
if [ "$guest_rc" -ne 0 ]; then
	say "FAILED: the guest run failed (exit $guest_rc): see $out/console.log"
	exit 1
fi
if [ "$harness_rc" != 0 ]; then
	say "FAILED: the harness exited with '$harness_rc': see $out/results/results.tap"
	exit 1
fi
if [ "$upstream_rc" -ne 0 ]; then
	say "FAILED: the kernel's own selftests disagree with the harness where nothing explains it: see $out/results/upstream.tsv"
	exit 1
fi
if [ "$facts_rc" -ne 0 ]; then
	say "FAILED: its config is not the one docs/expectations.md's verdicts assume (above): update ci/kernel-facts/$name.config, then make expectations-doc"
	exit 1
fi
say "passed: $(tail -n 1 "$out/results/results.tap")"
