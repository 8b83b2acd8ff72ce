#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install what building and running the test-bed needs: host tools only
# (compiler, QEMU, busybox-static, ndctl, ...), never a kernel or a
# linux-source package (ci/stock-kernel.sh and ci/kernel-source.sh fetch
# those into the kernel cache). Does nothing when everything is there.
#   scripts/install-deps.sh           what make run needs
#   scripts/install-deps.sh --kernels "NAME..."
#                                     and what those kernels of
#                                     ci/kernels.list need beyond it: an
#                                     arm64 kernel's QEMU and cross compiler
#                                     (ci/testbed/guest-arch.sh), installed
#                                     only when such a kernel is asked for
#   scripts/install-deps.sh --check   and what only make check's own checks
#                                     need (Chromium, for the report's
#                                     screenshot; liburing-dev, for the
#                                     kernel's mm selftests; elsewhere the
#                                     lint tools, and what building the
#                                     kernels of the matrix needs)
# On a host with apt-get and dpkg (Debian, Ubuntu) it installs the missing
# packages with apt-get as root, and prints the command to run otherwise.
# On a host without them (Fedora, Arch, ...) it installs nothing: it looks
# for each tool, library and file itself, and names the Fedora (dnf) and
# Arch (pacman) packages of what is missing. There only a user's own
# kernel runs (make run KERNEL_IMAGE=... KDIR=...): Debian's kernels, the
# default of make run and the matrix of make check, are fetched with
# apt-get. Exit status: 0 when everything is there (or was installed), 1
# when something is missing, 2 on a usage error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
check= kernels=
while [ $# -gt 0 ]; do
	case "$1" in
	--check) check=1; shift ;;
	--kernels) [ $# -ge 2 ] || { echo "install-deps: --kernels needs the kernels' names" >&2; exit 2; }
		kernels=$2; shift 2 ;;
	*) echo "usage: scripts/install-deps.sh [--check] [--kernels \"NAME...\"]" >&2; exit 2 ;;
	esac
done
. "$here/../ci/testbed/guest-arch.sh"
. "$here/../ci/testbed/host-tools.sh"
# The host tools of the guests of another architecture that the kernels
# asked for need (ci/kernels.list's arch column): pieces of host-tools.sh.
# A name that is not in the list (a user's own kernel) runs on the host's.
arch_pieces_wanted=
# shellcheck disable=SC2086 # one name per word
for a in $([ -z "$kernels" ] || "$here/../ci/kernels.sh" arches $kernels); do
	[ "$a" != "$(glt_host_arch)" ] || continue
	glt_arch "$a" || continue
	arch_pieces_wanted="$arch_pieces_wanted $arch_pieces"
done

# Debian, Ubuntu: the packages, by name.
debian_host() {
	local packages=(
		build-essential pkg-config bc bison flex libelf-dev libssl-dev dwarves
		check libsubunit-dev libmount-dev libndctl-dev libdaxctl-dev
		qemu-system-x86 busybox-static cpio kmod ndctl jq e2fsprogs xfsprogs
		sparse valgrind util-linux debian-archive-keyring
		clang-format cppcheck
		libibverbs-dev ibverbs-providers iproute2 python3
		gcc-12
	)
	# gcc-12: the compiler of Debian 12's kernels (debian-6.1, debian-6.12),
	# whose headers build modules with it (ci/stock-kernel.sh); a Debian 13
	# host's default is gcc-14, and it packages gcc-12 beside it.
	# liburing-dev: ci/build-selftests.sh links the kernel's gup_longterm
	# and cow statically with its liburing.a, without which they skip
	# their io_uring cases.
	[ -z "$check" ] || packages+=(chromium liburing-dev)
	# An arm64 guest's QEMU and cross compiler (its firmware and its
	# userspace are fetched into the kernel cache: ci/testbed/guest-root.sh).
	for p in $arch_pieces_wanted; do packages+=("$(glt_pkg "$p" debian)"); done

	local missing=() p status
	for p in "${packages[@]}"; do
		status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ "$status" = installed ] || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && exit 0

	echo "install-deps: missing packages: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-deps: not root. Run:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends "${missing[@]}"
}

if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
	debian_host
	exit 0
fi

# Any other host: each piece is looked for where the test-bed's scripts
# look for it (ci/testbed/host-tools.sh: PATH, then the sbin directories).

missing=() # each "PIECE|what is missing"
# need PIECE WHAT: WHAT (a description) is missing; PIECE names its packages.
need() { missing+=("$1|$2"); }
have() { glt_tool "$1" >/dev/null; }
# cmds PIECE CMD...: every CMD must be a command.
cmds() {
	local piece=$1 c
	shift
	for c; do have "$c" || need "$piece" "$c"; done
}

# Building the module and the harness (harness/Makefile: pkg-config's
# check, mount, libdaxctl, libibverbs; nothing links libndctl, which the
# Debian list above still names).
cmds cc cc
cmds make make
cmds pkg-config pkg-config
if ! have pkg-config; then
	echo "install-deps: the libraries (check, mount, libdaxctl, libibverbs) are looked for with pkg-config, once it is there" >&2
else
	for pc in check:check mount:libmount libdaxctl:libdaxctl libibverbs:libibverbs; do
		err=$(pkg-config --print-errors --exists "${pc%%:*}" 2>&1) && continue
		# Debian's check.pc requires libsubunit.pc.
		if [[ $err == *"libsubunit"*"required by"* ]]; then
			need subunit "libsubunit.pc (check.pc requires it)"
		else
			need "${pc#*:}" "${pc%%:*}.pc (pkg-config)"
		fi
	done
fi
# The kernel's UAPI headers and, where the distribution's check.pc links
# it, libsubunit: a compiler's own answer.
if have cc; then
	probe=$(mktemp -d)
	printf '#include <linux/io_uring.h>\n#include <linux/videodev2.h>\nint main(void) { return 0; }\n' >"$probe/uapi.c"
	cc -o "$probe/uapi" "$probe/uapi.c" >/dev/null 2>&1 ||
		need uapi-headers "the kernel's UAPI headers (linux/io_uring.h, linux/videodev2.h)"
	if have pkg-config && pkg-config --exists check; then
		printf '#include <check.h>\nint main(void) { SRunner *r = srunner_create(suite_create("s")); srunner_free(r); return 0; }\n' >"$probe/check.c"
		# shellcheck disable=SC2046 # pkg-config's flags are words
		if ! cc -o "$probe/check" "$probe/check.c" $(pkg-config --cflags --libs check) >"$probe/check.log" 2>&1; then
			if grep -q subunit "$probe/check.log"; then
				need subunit "libsubunit (check.pc links it)"
			else
				need check "a Check library that links ($(head -n 1 "$probe/check.log"))"
			fi
		fi
	fi
	rm -rf "$probe"
fi
# The guest: QEMU, and what ci/testbed/mkinitramfs.sh copies into it.
cmds qemu-system-x86_64 qemu-system-x86_64
for p in $arch_pieces_wanted; do
	case "$p" in
	aarch64-gcc) cmds "$p" aarch64-linux-gnu-gcc ;;
	*) cmds "$p" "$p" ;;
	esac
done
if ! glt_static_busybox >/dev/null; then
	if have busybox; then
		need busybox "a statically linked busybox ($(glt_tool busybox) is dynamically linked)"
	else
		need busybox "busybox (statically linked)"
	fi
fi
cmds cpio cpio
cmds gzip gzip
cmds xz xz
cmds kmod kmod modprobe depmod
cmds ldd ldd
cmds ndctl ndctl
cmds jq jq
cmds mke2fs mke2fs
cmds mkfs.xfs mkfs.xfs
cmds ip ip
cmds rdma rdma
[ -e /etc/libibverbs.d/rxe.driver ] || need rxe /etc/libibverbs.d/rxe.driver
glt_rxe_provider >/dev/null || need rxe "libibverbs' rxe provider (librxe-rdmav*.so)"
# The scripts around it.
cmds python3 python3
cmds flock flock
cmds timeout timeout truncate base64 md5sum
cmds awk awk
cmds find find
cmds tar tar
if [ -n "$check" ]; then
	# make check's own host checks (lint, valgrind).
	cmds valgrind valgrind
	cmds sparse sparse
	cmds clang-format clang-format
	cmds cppcheck cppcheck
	# Only for the kernels built here (ci/build-kernel.sh), whose source
	# is Debian's linux-source, fetched with apt-get: not needed for a
	# user's own kernel.
	kbuild_missing=${#missing[@]}
	cmds flex flex
	cmds bison bison
	cmds bc bc
	cmds pahole pahole
	if have cc; then
		echo '#include <gelf.h>' | cc -E -x c - -o /dev/null >/dev/null 2>&1 ||
			need libelf "libelf's headers (gelf.h)"
		echo '#include <openssl/opensslv.h>' | cc -E -x c - -o /dev/null >/dev/null 2>&1 ||
			need openssl-headers "OpenSSL's headers (openssl/opensslv.h)"
	fi
fi

[ ${#missing[@]} -eq 0 ] && exit 0

# once WORD...: each word once, in order.
once() {
	local -A seen=()
	local w out=()
	for w; do
		[ -n "${seen[$w]:-}" ] || { seen[$w]=1; out+=("$w"); }
	done
	echo "${out[*]}"
}
{
	echo "install-deps: this host has no apt-get and dpkg (not Debian or Ubuntu): nothing is installed here."
	echo "install-deps: missing (packages: Fedora | Arch):"
	i=0
	fedora=() arch=()
	for m in "${missing[@]}"; do
		piece=${m%%|*} what=${m#*|}
		if [ -n "$check" ] && [ "$i" -eq "${kbuild_missing:--1}" ]; then
			echo "  only for the kernels built here (ci/build-kernel.sh, make check's matrix):"
		fi
		i=$((i + 1))
		printf '  %-44s %s | %s\n' "$what" "$(glt_pkg "$piece" fedora)" "$(glt_pkg "$piece" arch)"
		fedora+=("$(glt_pkg "$piece" fedora)") arch+=("$(glt_pkg "$piece" arch)")
	done
	echo "install-deps: Fedora: sudo dnf install $(once "${fedora[@]}")"
	echo "install-deps: Arch:   sudo pacman -S --needed $(once "${arch[@]}")"
	echo "install-deps: on such a host only your own kernel runs: make run KERNEL_IMAGE=/path/to/bzImage KDIR=/path/to/build [MODULES_DIR=.../lib/modules/KVER] [KERNEL_NAME=...]."
	echo "install-deps: Debian's kernels (make run's default, make check's matrix) are fetched with apt-get, which this host lacks."
} >&2
exit 1
