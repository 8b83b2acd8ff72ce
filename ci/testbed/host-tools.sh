# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# Where the test-bed finds the host's own tools, and which package brings
# each one on Debian/Ubuntu, Fedora and Arch. Sourced by
# ci/testbed/mkinitramfs.sh (which copies the tools into the guest) and
# scripts/install-deps.sh (which says what is missing on a host without
# apt-get). Nothing here installs anything.

# glt_tool NAME: the path of command NAME, or nothing (status 1). The
# caller's PATH first, then the sbin directories, which a user's PATH
# lacks on Debian (modprobe, depmod, mke2fs, mkfs.xfs and ip live there)
# but which need no root to run these tools from.
glt_tool() {
	PATH="${PATH:+$PATH:}/usr/local/sbin:/usr/sbin:/sbin" command -v "$1"
}

# glt_static_busybox: the path of a statically linked busybox (the guest's
# /bin/busybox: its shell and applets run before any library is there), or
# nothing (status 1). Debian's busybox-static is /bin/busybox, Fedora's
# busybox /usr/sbin/busybox (both static); a dynamically linked one (Debian's
# plain busybox package) does not count.
glt_static_busybox() {
	local b
	b=$(glt_tool busybox) || return 1
	[[ $(ldd "$b" 2>&1 || true) == *"not a dynamic"* ]] || return 1
	echo "$b"
}

# glt_rxe_provider: libibverbs' rxe provider, which libibverbs dlopen()s
# from its own directory: /usr/lib/<triplet>/libibverbs/ on Debian/Ubuntu,
# /usr/lib64/libibverbs/ on Fedora, /usr/lib/libibverbs/ on Arch.
glt_rxe_provider() {
	local p
	for p in /usr/lib/*-linux-gnu/libibverbs/librxe-rdmav*.so \
		/usr/lib64/libibverbs/librxe-rdmav*.so /usr/lib/libibverbs/librxe-rdmav*.so; do
		[ -e "$p" ] && { echo "$p"; return 0; }
	done
	return 1
}

# The packages that bring each piece, as "Debian/Ubuntu|Fedora|Arch", by
# the name of the piece. Fedora's and Arch's names are from their package
# databases as known when this was written (no such host was at hand):
# where a name is less certain, its comment says so.
declare -A glt_pkgs=(
	[cc]="build-essential|gcc|gcc"
	[make]="make|make|make"
	[pkg-config]="pkg-config|pkgconf-pkg-config|pkgconf"
	# The Check unit test library and its check.pc.
	[check]="check|check-devel|check"
	# libsubunit, where the distribution's check.pc links it (Debian's
	# does). Arch: subunit may be in the AUR only (not certain).
	[subunit]="libsubunit-dev|subunit-devel|subunit"
	# mount.pc: Arch ships libmount's headers in util-linux-libs.
	[libmount]="libmount-dev|libmount-devel|util-linux-libs"
	# libdaxctl.pc: Fedora's daxctl-devel (ndctl's own rhel spec splits
	# ndctl-devel, daxctl-devel and cxl-devel); Arch's ndctl has the
	# libraries, headers and tools in one package.
	[libdaxctl]="libdaxctl-dev|daxctl-devel|ndctl"
	# libibverbs.pc and infiniband/verbs.h: rdma-core's -devel package on
	# Fedora; Arch's rdma-core has everything.
	[libibverbs]="libibverbs-dev|rdma-core-devel|rdma-core"
	# The kernel's UAPI headers (linux/io_uring.h, linux/videodev2.h).
	[uapi-headers]="linux-libc-dev|kernel-headers|linux-api-headers"
	[qemu-system-x86_64]="qemu-system-x86|qemu-system-x86-core|qemu-system-x86"
	# The arm64 guests (ci/testbed/guest-arch.sh): QEMU's aarch64
	# emulator, its UEFI firmware (AAVMF; Fedora's and Arch's names are
	# believed, not certain) and the cross compiler of the module and the
	# harness.
	[qemu-system-aarch64]="qemu-system-arm|qemu-system-aarch64-core|qemu-system-aarch64"
	[aavmf]="qemu-efi-aarch64|edk2-aarch64|edk2-armvirt"
	[aarch64-gcc]="gcc-aarch64-linux-gnu|gcc-aarch64-linux-gnu|aarch64-linux-gnu-gcc"
	# Arch's busybox is believed to be statically linked (not certain:
	# the check above says so if it is not).
	[busybox]="busybox-static|busybox|busybox"
	[cpio]="cpio|cpio|cpio"
	[gzip]="gzip|gzip|gzip"
	[xz]="xz-utils|xz|xz"
	[kmod]="kmod|kmod|kmod"
	# ldd: Fedora's glibc-common, as far as known (not certain).
	[ldd]="libc-bin|glibc-common|glibc"
	[ndctl]="ndctl|ndctl|ndctl"
	[jq]="jq|jq|jq"
	[mke2fs]="e2fsprogs|e2fsprogs|e2fsprogs"
	[mkfs.xfs]="xfsprogs|xfsprogs|xfsprogs"
	# iproute2's ip and rdma: Fedora's package is iproute (rdma in the
	# main package, not in iproute-tc: believed, not certain).
	[ip]="iproute2|iproute|iproute2"
	[rdma]="iproute2|iproute|iproute2"
	# The rxe provider and /etc/libibverbs.d/rxe.driver: Fedora's
	# libibverbs package (rdma-core's spec puts every provider there).
	[rxe]="ibverbs-providers|libibverbs|rdma-core"
	[python3]="python3|python3|python"
	[flock]="util-linux|util-linux|util-linux"
	[timeout]="coreutils|coreutils|coreutils"
	[awk]="mawk|gawk|gawk"
	[find]="findutils|findutils|findutils"
	[tar]="tar|tar|tar"
	# make check's own host checks.
	[valgrind]="valgrind|valgrind|valgrind"
	[sparse]="sparse|sparse|sparse"
	# Fedora: clang-format is in clang-tools-extra; Arch: in clang.
	[clang-format]="clang-format|clang-tools-extra|clang"
	[cppcheck]="cppcheck|cppcheck|cppcheck"
	# Building the kernels of the matrix (ci/build-kernel.sh).
	[flex]="flex|flex|flex"
	[bison]="bison|bison|bison"
	[bc]="bc|bc|bc"
	[libelf]="libelf-dev|elfutils-libelf-devel|libelf"
	[openssl-headers]="libssl-dev|openssl-devel|openssl"
	[pahole]="dwarves|dwarves|pahole"
)

# glt_pkg PIECE FAMILY: the package of PIECE on FAMILY (debian, fedora,
# arch).
glt_pkg() {
	local all=${glt_pkgs[$1]:-}
	[ -n "$all" ] || return 1
	case "$2" in
	debian) echo "${all%%|*}" ;;
	fedora) all=${all#*|}; echo "${all%%|*}" ;;
	arch) echo "${all##*|}" ;;
	*) return 1 ;;
	esac
}

# glt_pkg_hint PIECE: "Debian/Ubuntu: X, Fedora: Y, Arch: Z", for messages.
glt_pkg_hint() {
	echo "Debian/Ubuntu: $(glt_pkg "$1" debian), Fedora: $(glt_pkg "$1" fedora), Arch: $(glt_pkg "$1" arch)"
}
