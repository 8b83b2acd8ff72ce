# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# What differs between the guests' architectures (ci/kernels.list's arch
# column), in one place. Sourced by ci/stock-kernel.sh, ci/run-kernel.sh,
# ci/testbed/run-guest.sh, ci/testbed/guest-root.sh and
# scripts/install-deps.sh.
#
# A guest of the host's own architecture runs the host's own userspace
# (mkinitramfs.sh copies its tools and their libraries); one of another
# architecture runs Debian's packages of that architecture, fetched and
# unpacked under a private apt state (ci/testbed/guest-root.sh), with the
# module and the harness cross-built.

# glt_host_arch: the host's Debian architecture (amd64, arm64, ...).
glt_host_arch() {
	dpkg --print-architecture 2>/dev/null && return
	case "$(uname -m)" in
	x86_64) echo amd64 ;;
	aarch64) echo arm64 ;;
	*) uname -m ;;
	esac
}

# glt_arch ARCH: the facts of a guest of Debian architecture ARCH; status 1
# for an architecture the test-bed does not know. Sets
#   arch_gnu       the GNU triplet: the multiarch directory of its
#                  libraries, the prefix of its cross tools
#   arch_kbuild    kbuild's ARCH=
#   arch_qemu      the QEMU that emulates it
#   arch_console   the guest's console, where the kernel and the harness
#                  print (console=)
#   arch_results   the device guest-init ships the results over
#                  (glt.results=): the second serial port of the PC, a
#                  virtio console on arm64's virt machine, which has one
#                  UART (hw/arm/virt.c: one PL011)
#   arch_firmware  the UEFI firmware: its Debian package, the suite it
#                  is fetched from and its code and variable store images
#                  in the package (ci/testbed/guest-root.sh fetches it), or
#                  nothing (the PC's BIOS boots the kernel directly). An
#                  arm64 guest needs UEFI: ACPI, and with it the NFIT of the
#                  NVDIMMs and the SRAT of the NUMA nodes, reaches the
#                  kernel through it (QEMU's virt machine makes no
#                  memory-hotplug device, hence no NVDIMM, without
#                  firmware: hw/arm/virt.c). Debian 13's AAVMF, not
#                  Debian 12's: edk2 2022.11 (bookworm) reports the
#                  variable store's flash as EFI_MEMORY_WC MMIO, which
#                  Linux adds to memblock as memory (drivers/firmware/efi/
#                  efi-init.c is_memory(), in 6.1 and 6.12 alike); no SRAT
#                  node covers it, so NUMA init fails
#                  (mm/memblock.c memblock_validate_numa_coverage(): "no
#                  nodes coverage for 64MB") and the guest has one node
#                  (measured; trixie's 2025.02 gives it two).
#   arch_pieces    the host tools a guest of ARCH needs (the pieces of
#                  ci/testbed/host-tools.sh's package table)
# shellcheck disable=SC2034 # read by the scripts that source this
glt_arch() {
	case "$1" in
	amd64)
		arch_gnu=x86_64-linux-gnu arch_kbuild=x86
		arch_qemu=qemu-system-x86_64 arch_console=ttyS0
		arch_results=/dev/ttyS1 arch_firmware=
		arch_pieces="qemu-system-x86_64" ;;
	arm64)
		arch_gnu=aarch64-linux-gnu arch_kbuild=arm64
		arch_qemu=qemu-system-aarch64 arch_console=ttyAMA0
		arch_results=/dev/hvc0
		arch_firmware="qemu-efi-aarch64 trixie usr/share/AAVMF/AAVMF_CODE.no-secboot.fd usr/share/AAVMF/AAVMF_VARS.fd"
		arch_pieces="qemu-system-aarch64 aarch64-gcc" ;;
	*) return 1 ;;
	esac
}

# glt_foreign_arch ARCH: whether ARCH is not the host's (its guest then
# runs fetched packages and cross-built programs).
glt_foreign_arch() {
	[ "$1" != "$(glt_host_arch)" ]
}
