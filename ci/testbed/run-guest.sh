#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a test-bed guest under QEMU with emulated NVDIMMs and collect what it
# ships back.
#
#   ci/testbed/run-guest.sh --kernel-image FILE --initrd FILE --out DIR
#       [--timeout SEC (600)] [--nvdimms N (one per region fixture: 5)]
#       [--mem SIZE (1G)] [--append ARGS]
#       [--pmem nvdimm|memmap (nvdimm)]
#       [--arch amd64|arm64 (the host's)] [--firmware CODE,VARS]
#   ci/testbed/run-guest.sh --collect-only --out DIR
#       (no boot: decode and judge what an earlier run left in DIR; its
#       QEMU exit status, limit and time are in DIR/qemu.status)
#
# The guest (ci/testbed/guest-init) makes one pmem fixture per NVDIMM, the
# region fixtures of ci/testbed/fixtures.list in its order (fsdax-ext4,
# devdax, fsdax-xfs, pmem-nodax, devdax-4k); with fewer DIMMs the rest are
# reported "not present". Each DIMM is a fresh sparse 512 MiB + 128 KiB
# file in OUT, removed at the end.
# --pmem memmap: no NVDIMMs; instead one range of the guest's RAM per
# region fixture, of its MEMMAP size in fixtures.list, set aside with
# memmap=SIZE!OFFSET (e820 type 12, nd_e820): label-less regions as a host
# without NVDIMMs has them, in the same fixture order.
# --arch: the guest's Debian architecture (ci/testbed/guest-arch.sh): amd64
# is QEMU's PC; arm64 is its virt machine, booted through UEFI (--firmware:
# the AAVMF code and variable store images, the variable store copied into
# OUT), whose ACPI tables carry the NFIT of the NVDIMMs and the NUMA nodes.
# The console streams to the terminal and to OUT/console.log; results arrive
# on the PC's second serial port, or an arm64 guest's virtio console (both
# into OUT/ttyS1.log) and are unpacked into
# OUT/results/ (status, stages, fixtures.log, dmesg.txt, harness.rc,
# results.tap, junit.xml). TCG is the default (KVM hangs on the project's
# build machines); GLT_ACCEL=kvm opts in.
# Exit 0 only when the guest finished, its results arrived complete, no
# stage failed and the kernel log is clean; 1 otherwise; 2 on usage errors.
# QEMU's own exit status says nothing (it is 0 after a guest panic too).
# The harness's verdict is OUT/results/harness.rc.
# When no complete results arrive (QEMU killed at --timeout, a hang, a
# panic), what the harness printed on the console is salvaged into
# OUT/results/results.tap (its first diagnostic line says so), and the case
# it was running is named; the run still fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# region_fixtures: "NAME MEMMAP-MIB" of each region fixture, in region order.
region_fixtures() { awk '$1 !~ /^#/ && NF && $2 == "region" { print $1, $3 }' "$here/fixtures.list"; }
kernel='' initrd='' out='' timeout=600 mem=1G append='' collect_only=0 pmem=nvdimm arch='' firmware=''
nvdimms=$(region_fixtures | wc -l)
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }
die() { echo "run-guest: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel-image | --initrd | --out | --timeout | --nvdimms | --mem | --append | --pmem | --arch | --firmware)
		[ $# -ge 2 ] || { echo "run-guest: $1 needs a value" >&2; exit 2; }
		case "$1" in
		--kernel-image) kernel=$2 ;; --initrd) initrd=$2 ;; --out) out=$2 ;;
		--timeout) timeout=$2 ;; --nvdimms) nvdimms=$2 ;; --mem) mem=$2 ;; --pmem) pmem=$2 ;;
		--append) append=$2 ;; --arch) arch=$2 ;; --firmware) firmware=$2 ;;
		esac
		shift 2 ;;
	--collect-only) collect_only=1; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "run-guest: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
done
required="kernel initrd out"
[ "$collect_only" = 0 ] || required=out
for v in $required; do
	[ -n "${!v}" ] || { echo "run-guest: --${v/kernel/kernel-image} is required" >&2; usage >&2; exit 2; }
done
[[ $timeout =~ ^[1-9][0-9]*$ ]] || { echo "run-guest: --timeout wants seconds, not '$timeout'" >&2; exit 2; }
[[ $nvdimms =~ ^[0-9]+$ ]] && [ "$nvdimms" -le 16 ] || { echo "run-guest: --nvdimms wants 0..16, not '$nvdimms'" >&2; exit 2; }
case "$pmem" in nvdimm) ;; memmap) nvdimms=0 ;; *) echo "run-guest: --pmem wants nvdimm or memmap, not '$pmem'" >&2; exit 2 ;; esac
. "$here/guest-arch.sh"
arch=${arch:-$(glt_host_arch)}
glt_arch "$arch" || { echo "run-guest: --arch wants amd64 or arm64, not '$arch'" >&2; exit 2; }
# memmap= is the PC's (arch/x86/kernel/e820.c); arm64 has no such option.
[ "$pmem" != memmap ] || [ "$arch" = amd64 ] || { echo "run-guest: --pmem memmap is x86's memmap= (e820): an $arch guest has NVDIMMs only" >&2; exit 2; }
fw_code=${firmware%%,*} fw_vars=${firmware#*,}
if [ -n "$arch_firmware" ] && [ "$collect_only" = 0 ]; then
	if [ ! -r "$fw_code" ] || [ ! -r "$fw_vars" ] || [ "$fw_code" = "$fw_vars" ]; then
		echo "run-guest: an $arch guest boots through UEFI: --firmware CODE,VARS (its AAVMF images: ci/testbed/guest-root.sh $arch fetches them)" >&2
		exit 2
	fi
fi
[[ $mem =~ ^([0-9]+)([MG])$ ]] || { echo "run-guest: --mem wants NNNM or NG, not '$mem'" >&2; exit 2; }
mem_mib=${BASH_REMATCH[1]}
[ "${BASH_REMATCH[2]}" = M ] || mem_mib=$((mem_mib * 1024))
if [ "$collect_only" = 1 ]; then
	[ -f "$out/console.log" ] || die "--collect-only: no $out/console.log"
fi
[ "$collect_only" = 1 ] || [ -r "$kernel" ] || die "cannot read the kernel image $kernel (ci/testbed/kernel.sh NAME prints it)"
[ "$collect_only" = 1 ] || [ -r "$initrd" ] || die "cannot read the initramfs $initrd (ci/testbed/mkinitramfs.sh makes it)"
[ "$collect_only" = 1 ] || command -v "$arch_qemu" >/dev/null || die "$arch_qemu is missing: run make deps (or apt-get install $(. "$here/host-tools.sh" && glt_pkg "$arch_qemu" debian))"

accel=tcg
if [ "${GLT_ACCEL:-}" = kvm ]; then
	[ -w /dev/kvm ] || die "GLT_ACCEL=kvm, but /dev/kvm is not usable here: unset GLT_ACCEL to use TCG"
	accel=kvm
fi

accel_used=$accel
qemu_rc=0 elapsed=0
qemu_pid='' tail_pid=''
dimms=()
cleanup() {
	[ -z "$qemu_pid" ] || kill "$qemu_pid" 2>/dev/null || true
	[ -z "$tail_pid" ] || kill "$tail_pid" 2>/dev/null || true
	[ ${#dimms[@]} -eq 0 ] || rm -f "${dimms[@]}"
}
trap cleanup EXIT
trap 'echo "run-guest: interrupted" >&2; exit 130' INT
trap 'echo "run-guest: terminated" >&2; exit 143' TERM

# NVDIMM backing files: 512 MiB + 128 KiB each. A region is the backend
# minus its label area and regions sit back to back: with plain 512 MiB
# the second region is not 16 MiB aligned and devdax creation fails
# ("misaligned"). Sets dimms (the files) and nv_args.
make_dimms() {
	local i img dimm_size=$((512 * 1024 * 1024 + 128 * 1024))
	nv_args=()
	for ((i = 0; i < nvdimms; i++)); do
		img=$out/nvdimm$i.img
		rm -f "$img"
		truncate -s "$dimm_size" "$img" || die "cannot create $img (disk full? $out must hold $nvdimms sparse files)"
		dimms+=("$img")
		nv_args+=(-object "memory-backend-file,id=mem$i,share=on,mem-path=$img,size=$dimm_size"
			-device "nvdimm,id=nv$i,memdev=mem$i,label-size=128K")
	done
}

# memmap_pmem FROM-MIB: --pmem memmap's ranges of node 0's RAM, above
# everything else there (FROM-MIB): one per region fixture of
# fixtures.list, of its MEMMAP MiB, in region order (memmap=SIZE!OFFSET),
# 16 MiB-aligned, 16 MiB apart (adjacent ranges of one type would merge
# into one region). Sets pmem_mib (what they span) and pmem_args.
memmap_pmem() {
	local at sz
	at=$((($1 + 15) / 16 * 16))
	pmem_args=''
	for sz in $(region_fixtures | awk '{ print $2 }'); do
		pmem_args="$pmem_args memmap=${sz}M!${at}M"
		at=$((at + sz + 16))
	done
	pmem_mib=$((at - $1))
}

# memory_layout: the guest's RAM, NUMA nodes and reserved ranges. Sets
# ram_mib (-m), numa_args, slots, maxmem_mib and mem_args (what the guest's
# command line says about this memory).
# Two NUMA nodes. Node 0 has the CPUs and the RAM the matrix runs in.
# Node 1 has 64 MiB of RAM and a 256 MiB ACPI pc-dimm that the guest
# kernel onlines into ZONE_MOVABLE (memhp_default_state=online_movable,
# mm/memory_hotplug.c): the movable pages of the migration cases, which
# bind their memory to node 1. Nothing else allocates there: node 0 is
# every CPU's local node, and huge pages are reserved on node 0.
# arm64 (layout_arm64) gets its ZONE_MOVABLE another way.
memory_layout() {
	local node1_mib=64 movable_mib=256 spm_mib=0
	mem_args='' pmem_mib=0 pmem_args=''
	[ "$arch" = amd64 ] || { layout_arm64; return; }
	# Device-coherent memory for lib/test_hmm.c (the device-coherent
	# kind): two 256 MiB ranges of RAM that the kernel must not take as
	# System RAM (mm/memremap.c pagemap_range() refuses them otherwise),
	# 128 MiB-aligned (a memory section). Node 0 gets 512 MiB more RAM,
	# and memmap=512M$512M marks [512 MiB, 1 GiB) reserved in the e820
	# map; guest-init passes the two ranges to test_hmm (glt.spm=).
	if [ $((mem_mib - node1_mib)) -ge 512 ]; then
		spm_mib=512
		mem_args='memmap=512M$0x20000000 glt.spm=0x20000000,0x30000000'
	fi
	if [ "$pmem" = memmap ]; then
		memmap_pmem $((mem_mib - node1_mib + spm_mib))
		# nokaslr: the boot code's KASLR avoids at most four memmap=
		# ranges (arch/x86/boot/compressed/kaslr.c MAX_MEMMAP_REGIONS);
		# with six it placed the kernel inside one ("e820: remove").
		mem_args="$mem_args nokaslr glt.pmem=memmap$pmem_args"
	fi
	ram_mib=$((mem_mib + spm_mib + pmem_mib))
	numa_args=(-object "memory-backend-ram,id=ram0,size=$((ram_mib - node1_mib))M"
		-numa "node,nodeid=0,cpus=0-1,memdev=ram0"
		-object "memory-backend-ram,id=ram1,size=${node1_mib}M"
		-numa "node,nodeid=1,memdev=ram1"
		-object "memory-backend-ram,id=movable0,size=${movable_mib}M"
		-device "pc-dimm,id=movable0,memdev=movable0,node=1")
	# Hot-pluggable memory: a slot per DIMM, room for them above the RAM.
	slots=$((nvdimms + 1 > 4 ? nvdimms + 1 : 4))
	maxmem_mib=$((ram_mib + movable_mib + slots * 1024))
	[ "$maxmem_mib" -ge 4096 ] || maxmem_mib=4096
}

# layout_arm64: the same two nodes on QEMU's virt machine. Debian's arm64
# kernels have no CONFIG_ACPI_HOTPLUG_MEMORY, so a pc-dimm is never added
# (drivers/acpi/acpi_memhotplug.c adds the ACPI memory devices, the only
# way it reaches an arm64 kernel). ZONE_MOVABLE comes from kernelcore=
# instead: mm/mm_init.c find_zone_movable_pfns_for_nodes() spreads the
# kernelcore pages evenly over the nodes, lowest pages first, and the rest
# of each node becomes ZONE_MOVABLE; so node 1 is node 0's size plus
# 256 MiB, and kernelcore= twice node 0's size leaves node 0 without
# ZONE_MOVABLE and node 1 with its top 256 MiB movable. No memmap=
# (x86's e820), and so no reserved ranges for test_hmm (which Debian's
# arm64 kernels do not build: no CONFIG_DEVICE_PRIVATE).
layout_arm64() {
	local node0_mib=$((mem_mib - node1_mib))
	ram_mib=$((2 * node0_mib + movable_mib))
	numa_args=(-object "memory-backend-ram,id=ram0,size=${node0_mib}M"
		-numa "node,nodeid=0,cpus=0-1,memdev=ram0"
		-object "memory-backend-ram,id=ram1,size=$((node0_mib + movable_mib))M"
		-numa "node,nodeid=1,memdev=ram1")
	mem_args="kernelcore=$((2 * node0_mib))M"
	slots=$((nvdimms + 1 > 4 ? nvdimms + 1 : 4))
	maxmem_mib=$((ram_mib + slots * 1024))
}

# machine: the machine, its CPU, its firmware, the console and the
# results channel, and the kernel's console= and glt.results=. Sets
# machine_args and console_args.
# shellcheck disable=SC2054 # QEMU's options have commas of their own
machine() {
	case "$arch" in
	amd64)
		# the two serial ports are the guest's console (ttyS0) and
		# its results channel (ttyS1).
		machine_args=(-machine pc,nvdimm=on -cpu qemu64,+rdrand
			-serial "file:$out/console.log" -serial "file:$out/ttyS1.log")
		console_args="console=$arch_console memhp_default_state=online_movable" ;;
	arm64)
		# UEFI (AAVMF) from two flash drives, its variable store a
		# copy; -cpu max,pauth-impdef=on: the pointer authentication of
		# max, with QEMU's own cheap algorithm instead of QARMA (which
		# TCG spends most of its time in). One PL011 UART is the
		# console; the results go over a virtio console.
		cp "$fw_vars" "$out/efivars.fd"
		machine_args=(-machine virt,nvdimm=on -cpu max,pauth-impdef=on
			-drive "if=pflash,format=raw,readonly=on,file=$fw_code"
			-drive "if=pflash,format=raw,file=$out/efivars.fd"
			-serial "file:$out/console.log"
			-device virtio-serial-pci -chardev "file,id=results,path=$out/ttyS1.log"
			-device virtconsole,chardev=results)
		console_args="console=$arch_console glt.results=$arch_results" ;;
	esac
}

# run_qemu: QEMU under the hard time limit, the console streaming to the
# terminal; sets qemu_rc and elapsed, and writes OUT/qemu.status.
run_qemu() {
	local start
	: >"$out/console.log"
	tail -n +1 -f "$out/console.log" &
	tail_pid=$!
	start=$SECONDS
	# -nodefaults: no NIC, VGA, floppy or CD-ROM to probe.
	machine
	timeout -k 10 "$timeout" "$arch_qemu" -accel "$accel" -nodefaults \
		"${machine_args[@]}" -smp 2 \
		-m "${ram_mib}M,slots=$slots,maxmem=${maxmem_mib}M" "${numa_args[@]}" \
		"${nv_args[@]}" \
		-display none -monitor none -no-reboot \
		-kernel "$kernel" -initrd "$initrd" \
		-append "$console_args panic=-1 loglevel=4 glt.timeout=$timeout $mem_args $append" \
		</dev/null 2>"$out/qemu.stderr" &
	qemu_pid=$!
	wait "$qemu_pid" || qemu_rc=$?
	qemu_pid=''
	elapsed=$((SECONDS - start))
	# For --collect-only: QEMU's exit status, the limit and the time.
	echo "$qemu_rc $timeout $elapsed" >"$out/qemu.status"
	sleep 0.3 # let tail print the last lines
	kill "$tail_pid" 2>/dev/null || true
	wait "$tail_pid" 2>/dev/null || true
	tail_pid=''
}

# Boot the guest; sets qemu_rc and elapsed.
boot() {
	mkdir -p "$out"
	rm -rf "$out/results" "$out/console.log" "$out/ttyS1.log" "$out/results.tar" "$out/qemu.stderr" "$out/qemu.status"
	make_dimms
	memory_layout
	run_qemu
	rm -f "${dimms[@]}" "$out/efivars.fd"
	dimms=()
}
if [ "$collect_only" = 1 ]; then
	accel_used="--collect-only"
	rm -rf "$out/results"
	[ ! -f "$out/qemu.status" ] || read -r qemu_rc timeout elapsed <"$out/qemu.status"
else
	boot
fi

problems=()
if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
	echo "run-guest: TIMEOUT: the guest did not finish within $timeout s (--timeout); console tail:"
	tail -n 40 "$out/console.log" | sed 's/^/  | /'
	problems+=("timed out after ${timeout}s")
elif [ "$qemu_rc" -ne 0 ]; then
	echo "run-guest: $arch_qemu failed (exit $qemu_rc):"
	sed 's/^/  | /' "$out/qemu.stderr"
	problems+=("QEMU exit $qemu_rc")
fi
[ ! -s "$out/qemu.stderr" ] || [ "$qemu_rc" -ne 0 ] || sed 's/^/run-guest: qemu: /' "$out/qemu.stderr"
finished=1
if ! grep -q '==GLT-GUEST-DONE==' "$out/console.log"; then
	finished=0
	problems+=("the guest never reached its final stage")
	if grep -q 'Kernel panic' "$out/console.log"; then
		echo "run-guest: the guest kernel panicked; console tail:"
	else
		echo "run-guest: the guest never reached its final stage (hang, crash or timeout); console tail:"
	fi
	[ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ] || tail -n 40 "$out/console.log" | sed 's/^/  | /'
fi

# Results: base64 of a tar between markers that carry its size and md5.
mkdir -p "$out/results"
results=missing
if [ -f "$out/ttyS1.log" ] && tr -d '\r' <"$out/ttyS1.log" | awk '
	/^==GLT-RESULTS-BEGIN== / { body = 1; size = $2; sum = $3; next }
	/^==GLT-RESULTS-END== / { if (body && $2 == size && $3 == sum) { print size, sum > "/dev/stderr"; end = 1 } exit }
	body { print }
	END { exit !end }' 2>"$out/results.meta" | base64 -d >"$out/results.tar" 2>/dev/null; then
	read -r want_size want_sum <"$out/results.meta"
	got_size=$(wc -c <"$out/results.tar")
	got_sum=$(md5sum <"$out/results.tar" | cut -d' ' -f1)
	if [ "$got_size" = "$want_size" ] && [ "$got_sum" = "$want_sum" ] &&
		tar x --no-overwrite-dir -C "$out/results" -f "$out/results.tar"; then
		results=complete
		rm -f "$out/results.tar"
	else
		results=corrupt
		echo "run-guest: the results on ttyS1 are corrupt (size $got_size/$want_size, md5 $got_sum/$want_sum)"
		problems+=("results corrupt")
	fi
else
	if grep -q '^==GLT-RESULTS-BEGIN==' "$out/ttyS1.log" 2>/dev/null; then
		results=truncated
		echo "run-guest: the results on ttyS1 are truncated (no end marker): see $out/ttyS1.log"
	else
		echo "run-guest: no results arrived on ttyS1 ($out/ttyS1.log)"
	fi
	problems+=("results $results")
	rm -f "$out/results.tar"
fi
rm -f "$out/results.meta"

# No complete results: keep what the harness printed on the console. Its
# lines are those between guest-init's "running the harness" and "harness
# exited" stage lines (the last run, if the console holds more) that are
# KTAP: the version line, the plan, "# " diagnostics, "ok"/"not ok" result
# lines, the closing count. Kernel messages and guest-init's "[guest ...]"
# lines are not; the harness's "# running N/TOTAL NAME" lines (--progress,
# its stderr) are not either, but the last of them with no result line is
# the case it was running. Progress lines and results alternate, so only
# the last one started can lack its result.
salvage() {
	tr -d '\r' <"$out/console.log" | awk -v tap="$out/results/results.tap" -v why="$1" '
		function reset() { n = 0; split("", line); split("", result); plan = ""; last = ""; lastn = ""; exited = 0 }
		BEGIN { reset() }
		# Not "running the harness under ASan/UBSan", a later stage.
		/^\[guest [0-9.]+s\] running the harness( \(until .*)?$/ { reset(); inrun = 1; seen = 1; next }
		inrun && /^\[guest [0-9.]+s\] harness exited with / { inrun = 0; exited = 1; next }
		!inrun { next }
		/^# running [0-9]+\/[0-9]+ [^ ]+$/ {
			split($3, a, "/"); lastn = a[1]; last = $4; plan = a[2]; next
		}
		/^1\.\.[0-9]+$/ { plan = substr($0, 4) }
		/^(not )?ok [0-9]+ / { result[$1 == "not" ? $3 : $2] = 1 }
		/^KTAP version 1$/ || /^1\.\.[0-9]+$/ || /^# / || /^(not )?ok [0-9]+ / ||
		/^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$/ { line[++n] = $0 }
		END {
			if (!seen) { print "none"; exit }
			done = 0
			for (r in result) done++
			running = (last != "" && !(lastn in result)) ? last " (case " lastn ")" : \
				exited ? "none (the harness had exited)" : "none (between two cases)"
			if (n) {
				print "KTAP version 1" >tap
				printf "# salvaged by run-guest.sh from console.log: the guest'"'"'s results never arrived on ttyS1 (%s), so this is what the harness printed on the console: %d of %s cases finished; running: %s\n", why, done, plan == "" ? "?" : plan, running >tap
				for (i = 1; i <= n; i++)
					if (line[i] != "KTAP version 1")
						print line[i] >tap
			}
			printf "%d\t%s\t%s\t%d\n", done, plan == "" ? "?" : plan, running, n
		}'
}
if [ "$results" != complete ]; then
	IFS=$'\t' read -r s_done s_plan s_running s_lines < <(salvage "results $results")
	if [ "$s_done" = none ]; then
		what="the harness never started (no \"running the harness\" line on the console): nothing to salvage"
	elif [ "$s_lines" -eq 0 ]; then
		what="the harness printed nothing on the console: nothing to salvage"
	else
		what="$s_done of $s_plan cases finished (salvaged from the console into results/results.tap); running: $s_running"
	fi
	if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
		echo "run-guest: TIMEOUT: the guest did not finish within $timeout s (--timeout), and its results did not ship: $what"
	else
		echo "run-guest: results $results: $what"
	fi
elif [ -s "$out/results/timeout" ]; then
	# The guest's own limit cut the harness short; the results shipped.
	echo "run-guest: TIMEOUT: $(cat "$out/results/timeout")"
fi

# The kernel log: dmesg from the guest, and the console for what came
# after it (or instead of it, when the guest died).
logs=("$out/console.log")
[ ! -f "$out/results/dmesg.txt" ] || logs+=("$out/results/dmesg.txt")
klog=clean
"$here/check-klog.sh" "${logs[@]}" || { klog=SPLAT; problems+=("kernel log splat"); }

status=$(head -n 1 "$out/results/status" 2>/dev/null || echo missing)
[ "$status" = ok ] || [ "$results" != complete ] || problems+=("a guest stage failed")
if [ -f "$out/results/status" ]; then
	sed -n '2,$s/^/run-guest: guest: /p' "$out/results/status"
fi
stages=$(awk '{ printf "%s%s %s%s", sep, $1, $2, ($3 != "0" ? " " $3 "s" : ""); sep = ", " }' \
	"$out/results/stages" 2>/dev/null || true)
echo "run-guest: stages: ${stages:-none reported}"
echo "run-guest: ${elapsed}s in QEMU ($accel_used); guest finished: $([ $finished = 1 ] && echo yes || echo NO);" \
	"results: $results; status: $status; kernel log: $klog;" \
	"harness exit: $(cat "$out/results/harness.rc" 2>/dev/null || echo none)"
if [ ${#problems[@]} -gt 0 ]; then
	echo "run-guest: FAILED: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g') (console: $out/console.log)"
	exit 1
fi
