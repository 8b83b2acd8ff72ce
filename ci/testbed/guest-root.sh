#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The userspace of a guest of Debian architecture ARCH:
#   ci/testbed/guest-root.sh ARCH
# prints shell assignments: GUEST_ROOT (the root its tools and libraries
# are taken from), GUEST_SUITE (the Debian release they come from) and
# GUEST_FIRMWARE (CODE,VARS: its UEFI firmware's images, where it boots
# through UEFI: ci/testbed/guest-arch.sh's arch_firmware, fetched and
# unpacked into the kernel cache too; empty for the PC).
# For the host's own architecture that is / and the host's own tools
# (ci/testbed/mkinitramfs.sh copies them, as always). For another one
# (an arm64 guest on an x86 host) the host's binaries cannot run in the
# guest: the packages below, with everything they depend on, are fetched
# for ARCH from the host's own Debian release (whose glibc its cross
# compiler was built with; GLT_GUEST_SUITE=SUITE names another) with
# 'apt-get download' under the private apt state of ci/debian-apt.sh, and
# unpacked with dpkg-deb -x into the kernel cache: the guest's tools, and
# the sysroot (libc and the -dev packages) the harness is cross-built
# against. Nothing is installed on the host. Progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
arch=${1:?usage: ci/testbed/guest-root.sh ARCH (amd64, arm64)}
say() { echo "[guest-root $arch] $*" >&2; }
. "$here/guest-arch.sh"
glt_arch "$arch" || { echo "guest-root: unknown architecture '$arch' (amd64, arm64)" >&2; exit 2; }
. "$here/../debian-apt.sh"

firmware=
if [ -n "$arch_firmware" ]; then
	# shellcheck disable=SC2086 # the package, its suite, two paths
	set -- $arch_firmware
	glt_apt_init "$2" "$(glt_host_arch)"
	v=$(glt_apt_version "$1")
	[ -n "$v" ] || { echo "guest-root: $2 has no $1" >&2; exit 1; }
	fw_root=$glt_cache_root/firmware-$1-$v
	glt_apt_fetch "$fw_root" "$1=$v"
	fw_root=$fw_root/root
	[ -r "$fw_root/$3" ] && [ -r "$fw_root/$4" ] || { echo "guest-root: $1 $v has no $3 and $4" >&2; exit 1; }
	firmware=$fw_root/$3,$fw_root/$4
fi
if ! glt_foreign_arch "$arch"; then
	printf 'GUEST_ROOT=/\nGUEST_SUITE=%q\nGUEST_FIRMWARE=%q\n' \
		"$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-host}")" "$firmware"
	exit 0
fi

# What the guest runs (the tools of ci/testbed/mkinitramfs.sh: busybox,
# ndctl, jq, kmod, mke2fs, mkfs.xfs, ip and rdma, libibverbs' rxe
# provider; util-linux for what the fixture tool may call beyond busybox)
# and what the harness links (harness/Makefile's pkg-config packages:
# check, mount, libdaxctl, libibverbs), with libc6-dev for the sysroot.
runtime=(busybox-static ndctl daxctl jq kmod e2fsprogs xfsprogs iproute2
	ibverbs-providers util-linux)
devel=(libc6-dev check libsubunit-dev libmount-dev libdaxctl-dev libibverbs-dev)

suite=${GLT_GUEST_SUITE:-}
if [ -z "$suite" ] && [ -r /etc/os-release ] && [ "$(. /etc/os-release && echo "${ID:-}")" = debian ]; then
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
fi
if [ -z "$suite" ]; then
	echo "guest-root: this host is not Debian: name the Debian release whose $arch packages the guest runs, whose glibc is at least the one of your $arch_gnu cross compiler (GLT_GUEST_SUITE=bookworm, trixie, ...)" >&2
	exit 1
fi
glt_apt_init "$suite" "$arch"
# Everything they need, as apt resolves it from nothing installed (the
# private state's dpkg status is empty): PKG=VERSION lines.
resolve() {
	apt-get "${glt_apt_opts[@]}" -s --no-install-recommends install "${runtime[@]}" "${devel[@]}" 2>&1 |
		awk '/^Inst / { v = $3; gsub(/[()]/, "", v); print $2 "=" v }' | LC_ALL=C sort
}
pkgs=$(resolve)
[ -n "$pkgs" ] || {
	echo "guest-root: apt cannot resolve ${runtime[*]} ${devel[*]} for $arch in $suite:" >&2
	apt-get "${glt_apt_opts[@]}" -s --no-install-recommends install "${runtime[@]}" "${devel[@]}" >&2 || true
	exit 1; }
# A new version of any of them is a new root: the key is the resolved list.
key=$(sha256sum <<<"$pkgs" | cut -c1-16)
dir=$glt_cache_root/guest-$arch-$suite-$key
if [ ! -f "$dir/done" ]; then
	# shellcheck disable=SC2086 # one PKG=VERSION per word
	glt_apt_fetch "$dir" $pkgs
	echo "$pkgs" >"$dir/packages"
fi
say "Debian $suite's $arch userspace ($(wc -l <"$dir/packages") packages) in $dir/root"
printf 'GUEST_ROOT=%q\nGUEST_SUITE=%q\nGUEST_FIRMWARE=%q\n' "$dir/root" "$suite" "$firmware"
