#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Resolve a kernel name of the matrix to its files, as shell assignments:
#   eval "$(ci/testbed/kernel.sh debian-6.1)"
# prints KVER, KERNEL_IMAGE, MODULES_DIR, KDIR and KCONFIG.
# Stock kernels are fetched by ci/stock-kernel.sh, resolved through
# Debian's metapackages at run time, so an update that replaces
# linux-image-6.1.0-NN-amd64 changes nothing here; built kernels come from
# ci/build-kernel.sh. KERNEL_IMAGE and KDIR in the environment select a
# user's own kernel: nothing is fetched for it.
set -euo pipefail

name=${1:-}
case "$name" in
-h | --help | "")
	echo "usage: ci/testbed/kernel.sh NAME   (a kernel of ci/kernels.list: $("$(dirname "$0")/../kernels.sh" names | tr '\n' ' '))"
	echo "  or:  KERNEL_IMAGE=/path/bzImage KDIR=/path/to/build [MODULES_DIR=/path/lib/modules/KVER] ci/testbed/kernel.sh NAME"
	[ -n "$name" ]; exit ;;
esac

if [ -n "${KERNEL_IMAGE:-}" ] || [ -n "${KDIR:-}" ]; then
	: "${KERNEL_IMAGE:?set KERNEL_IMAGE=/path/to/bzImage together with KDIR}"
	: "${KDIR:?set KDIR=/path/to/kernel/build together with KERNEL_IMAGE}"
	user_kernel=1
	kver=${KVER:-$(make -s -C "$KDIR" kernelrelease 2>/dev/null)} || {
		echo "kernel.sh: cannot read the release of $KDIR (make kernelrelease)" >&2; exit 1; }
	# Its modules: installed with make modules_install INSTALL_MOD_PATH=...
	modules=${MODULES_DIR:-/lib/modules/$kver}
	config=$KDIR/.config
else
	from=$("$(dirname "$0")/../kernels.sh" get "$name" from) || exit 2
	# Debian's binary kernels are fetched into the kernel cache, never
	# installed; the others are built here from Debian's linux-source.
	case "$from" in
	stock) exec "$(dirname "$0")/../stock-kernel.sh" "$name" ;;
	*) exec "$(dirname "$0")/../build-kernel.sh" "$name" ;;
	esac
fi
# What the test-bed needs from a kernel (y or m); a user's own kernel is
# checked so that a missing option is named, not discovered in the guest.
if [ -n "${user_kernel:-}" ] && [ -r "$config" ]; then
	missing=
	for opt in BLK_DEV_INITRD DEVTMPFS SERIAL_8250_CONSOLE ACPI ACPI_NFIT \
		LIBNVDIMM BLK_DEV_PMEM NVDIMM_PFN NVDIMM_DAX ZONE_DEVICE DAX DEV_DAX \
		DEV_DAX_PMEM EXT4_FS XFS_FS BLK_DEV_LOOP NUMA MIGRATION \
		TRANSPARENT_HUGEPAGE HUGETLBFS MEMFD_CREATE MODULE_UNLOAD \
		IO_URING VIDEO_VIVID INFINIBAND_USER_ACCESS RDMA_RXE DUMMY; do
		grep -qE "^CONFIG_$opt=(y|m)" "$config" || missing="$missing CONFIG_$opt"
	done
	if [ -n "$missing" ]; then
		echo "kernel.sh: $config lacks what the test-bed needs:$missing" >&2
		echo "kernel.sh: enable them (y or m), rebuild, and install the modules into $modules" >&2
		exit 1
	fi
fi
for f in "$KERNEL_IMAGE" "$KDIR/Makefile" "$modules/modules.dep" "$config"; do
	[ ! -e "$f" ] || continue
	fix="build and install the kernel (make modules_install INSTALL_MOD_PATH=...), or set MODULES_DIR"
	echo "kernel.sh: $name: $f is missing: $fix" >&2
	exit 1
done
printf 'KVER=%q\nKERNEL_IMAGE=%q\nMODULES_DIR=%q\nKDIR=%q\nKCONFIG=%q\n' \
	"$kver" "$KERNEL_IMAGE" "$modules" "$KDIR" "$config"
