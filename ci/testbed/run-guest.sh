#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a test-bed guest under QEMU with emulated NVDIMMs and collect what it
# ships back.
#
#   ci/testbed/run-guest.sh --kernel-image FILE --initrd FILE --out DIR
#       [--timeout SEC (600)] [--nvdimms N (4)] [--mem SIZE (1G)] [--append ARGS]
#
# The console streams to the terminal and to OUT/console.log; results arrive
# on the second serial port and are unpacked into OUT/results/. TCG is the
# default (KVM hangs on the project's build machines); GLT_ACCEL=kvm opts in.
# Exit 0 only when the guest finished, its results arrived complete and the
# kernel log is clean. QEMU's own exit status says nothing (it is 0 after a
# guest panic too).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kernel= initrd= out= timeout=600 nvdimms=4 mem=1G append=
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel-image) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--nvdimms) nvdimms=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "run-guest: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
done
for v in kernel initrd out; do
	[ -n "${!v}" ] || { echo "run-guest: --${v/kernel/kernel-image} is required" >&2; usage >&2; exit 2; }
done
[ -r "$kernel" ] || { echo "run-guest: cannot read $kernel" >&2; exit 1; }
[ -r "$initrd" ] || { echo "run-guest: cannot read $initrd" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || { echo "run-guest: qemu-system-x86_64 missing: run 'make deps'" >&2; exit 1; }

mkdir -p "$out"
rm -rf "$out/results" "$out/console.log" "$out/ttyS1.log"
# NVDIMM backing files: 512 MiB + 128 KiB each. A region is the backend
# minus its label area and regions sit back to back: with plain 512 MiB
# the second region is not 16 MiB aligned and devdax creation fails
# ("misaligned").
dimms=()
cleanup() { rm -f "${dimms[@]}"; [ -n "${tail_pid:-}" ] && kill "$tail_pid" 2>/dev/null; true; }
trap cleanup EXIT
nv_args=()
for ((i = 0; i < nvdimms; i++)); do
	img=$out/nvdimm$i.img
	rm -f "$img"
	truncate -s $((512 * 1024 * 1024 + 128 * 1024)) "$img"
	dimms+=("$img")
	nv_args+=(-object "memory-backend-file,id=mem$i,share=on,mem-path=$img,size=$((512 * 1024 * 1024 + 128 * 1024))"
		-device "nvdimm,id=nv$i,memdev=mem$i,label-size=128K")
done

accel=tcg
[ "${GLT_ACCEL:-}" = kvm ] && accel=kvm
: >"$out/console.log"
tail -n +1 -f "$out/console.log" &
tail_pid=$!
start=$SECONDS
qemu_rc=0
timeout -k 10 "$timeout" qemu-system-x86_64 -accel "$accel" \
	-machine pc,nvdimm=on -cpu qemu64,+rdrand -smp 2 \
	-m "$mem,slots=4,maxmem=4G" "${nv_args[@]}" \
	-display none -monitor none -no-reboot \
	-serial "file:$out/console.log" -serial "file:$out/ttyS1.log" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 loglevel=4 $append" </dev/null || qemu_rc=$?
sleep 0.5
kill "$tail_pid" 2>/dev/null || true
wait "$tail_pid" 2>/dev/null || true
tail_pid=
elapsed=$((SECONDS - start))

ok=1
if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
	echo "run-guest: the guest did not finish within $timeout s; console tail:"
	tail -n 30 "$out/console.log"
	ok=0
fi
if ! grep -q '==GLT-GUEST-DONE==' "$out/console.log"; then
	echo "run-guest: the guest never reached its final stage (panic, hang or crash): see $out/console.log"
	ok=0
fi

# Results: between the markers on ttyS1, base64 of a tar.
mkdir -p "$out/results"
if grep -q '^==GLT-RESULTS-END==' <(tr -d '\r' <"$out/ttyS1.log"); then
	tr -d '\r' <"$out/ttyS1.log" |
		sed -n '/^==GLT-RESULTS-BEGIN==$/,/^==GLT-RESULTS-END==$/p' | sed '1d;$d' |
		base64 -d | tar x -C "$out/results" || { echo "run-guest: results did not decode"; ok=0; }
else
	echo "run-guest: no complete results arrived on ttyS1"
	ok=0
fi

klog_ok=1
logs=("$out/console.log")
[ -f "$out/results/dmesg.txt" ] && logs+=("$out/results/dmesg.txt")
"$here/check-klog.sh" "${logs[@]}" || klog_ok=0
status=$(cat "$out/results/status" 2>/dev/null || echo "missing")
echo "run-guest: ${elapsed}s; guest status: $status; kernel log: $([ $klog_ok = 1 ] && echo clean || echo SPLAT); harness exit: $(cat "$out/results/harness.rc" 2>/dev/null || echo none)"
[ "$status" = ok ] || ok=0
[ "$klog_ok" = 1 ] || ok=0
[ "$ok" = 1 ]
