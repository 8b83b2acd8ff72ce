# SPDX-License-Identifier: GPL-2.0
# The steps around one guest boot, shared by ci/run-kernel.sh (the tests)
# and ci/bench.sh (make bench). Sourced after eval "$(ci/testbed/kernel.sh
# NAME)"; uses top, name, out (the results directory) and say().

# glt_debug_kernel KCONFIG: whether the kernel is a debug one (KASAN,
# kmemleak or lockdep), which runs several times slower under TCG.
glt_debug_kernel() {
	grep -qE '^CONFIG_(KASAN|DEBUG_KMEMLEAK|PROVE_LOCKING)=y' "$1" 2>/dev/null
}

# glt_guest_arch: the guest's architecture and what it runs on: KARCH (from
# ci/testbed/kernel.sh; the host's for a kernel that does not say), and,
# from ci/testbed/guest-root.sh, GUEST_ROOT (/, or a root of KARCH's Debian
# packages when it is not the host's) and GUEST_FIRMWARE (its UEFI
# images, or nothing). Sets cross (the harness's make arguments for a
# cross build, or nothing).
glt_guest_arch() {
	local roots
	. "$top/ci/testbed/guest-arch.sh"
	KARCH=${KARCH:-$(glt_host_arch)}
	glt_arch "$KARCH" || { say "unknown guest architecture '$KARCH'"; exit 1; }
	roots=$("$top/ci/testbed/guest-root.sh" "$KARCH") || { say "no $KARCH userspace for the guest (above: why)"; exit 1; }
	eval "$roots"
	cross=()
	[ "$GUEST_ROOT" = / ] || cross=(CROSS_COMPILE="$arch_gnu-" SYSROOT="$GUEST_ROOT")
}

# glt_build_module: the module against $KDIR, in build/driver/NAME (test-bed
# kernel names are unique; releases are not: nodax-6.12 and debug-6.12),
# with what kernel.sh says the build needs (KMAKE: ARCH=, CROSS_COMPILE=
# and CC= of a cross build).
glt_build_module() {
	say "building the module against $KDIR${KMAKE:+ ($KMAKE)}"
	# shellcheck disable=SC2086 # make's VAR=VALUE words
	make -s -C "$top/driver" KDIR="$KDIR" OUT="$top/build/driver/$name" ${KMAKE:-} >"$out/module-build.log" 2>&1 || {
		cat "$out/module-build.log"; say "module build failed"; exit 1; }
}

# glt_build_initramfs PAYLOAD-DIR INITRD [INSTALL-ROOT]: busybox, tools,
# modules, payload, and what make install staged in INSTALL-ROOT.
glt_build_initramfs() {
	say "building the initramfs for $KVER"
	"$top/ci/testbed/mkinitramfs.sh" --kver "$KVER" --modules-dir "$MODULES_DIR" \
		--kconfig "$KCONFIG" --payload "$1" ${3:+--install-root "$3"} \
		--root "${GUEST_ROOT:-/}" --out "$2" >"$out/initramfs.log" 2>&1 || {
		cat "$out/initramfs.log"; say "initramfs build failed"; exit 1; }
}

# glt_boot INITRD TIMEOUT [KERNEL-ARGS]: one guest run, its output on
# stdout and in OUT/run-guest.log; sets guest_rc to run-guest.sh's status.
glt_boot() {
	local t1=$SECONDS
	guest_rc=0
	"$top/ci/testbed/run-guest.sh" --kernel-image "$KERNEL_IMAGE" --initrd "$1" \
		--out "$out" --timeout "$2" ${3:+--append "$3"} ${GLT_PMEM:+--pmem "$GLT_PMEM"} \
		${KARCH:+--arch "$KARCH"} ${GUEST_FIRMWARE:+--firmware "$GUEST_FIRMWARE"} 2>&1 |
		tee "$out/run-guest.log" || guest_rc=$?
	say "guest ran for $((SECONDS - t1)) s"
}
