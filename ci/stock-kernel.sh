#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Debian's binary kernel NAME of ci/kernels.list, fetched, never installed:
#   ci/stock-kernel.sh NAME
# The image metapackage of NAME's row (e.g. linux-image-amd64) is resolved
# in the row's suites at run time to the versioned image it depends on
# (linux-image-6.1.0-NN-amd64: an update replaces NN, so it is never
# written down), and that image, its headers and what the headers build
# with (the -common headers and linux-kbuild) are downloaded with
# 'apt-get download' under the private apt state of ci/debian-apt.sh and
# unpacked with dpkg-deb into the kernel cache. The host's /boot,
# /lib/modules and dpkg database stay as they were; no root is needed.
# Prints the shell assignments of ci/testbed/kernel.sh: KVER, KERNEL_IMAGE,
# MODULES_DIR, KDIR, KCONFIG. Progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: ci/stock-kernel.sh NAME (a stock kernel of ci/kernels.list)}
[ "$("$here/kernels.sh" get "$name" from)" = stock ] || {
	echo "stock-kernel: $name is not a stock kernel of ci/kernels.list (stock: $("$here/kernels.sh" names "" stock | tr '\n' ' '))" >&2; exit 2; }
say() { echo "[stock-kernel $name] $*" >&2; }
. "$here/debian-apt.sh"

suites=$("$here/kernels.sh" get "$name" suite)
meta=$("$here/kernels.sh" get "$name" package)
glt_apt_init "$suites"
metaver=$(glt_apt_version "$meta")
[ -n "$metaver" ] || { echo "stock-kernel: $suites has no $meta" >&2; exit 1; }
# The versioned image: the first linux-image-* the metapackage depends on.
deps() { glt_apt_field "$1" Depends | tr ',|' '\n\n' | sed -n 's/^ *\([^ ]*\).*/\1/p'; }
image=$(deps "$meta=$metaver" | grep -m1 '^linux-image-') || {
	echo "stock-kernel: $meta $metaver names no linux-image package" >&2; exit 1; }
kver=${image#linux-image-}
headers=linux-headers-$kver
# What the headers build with: their -common part and the kbuild tools.
pkgs=("$image=$metaver" "$headers=$metaver")
for p in $(deps "$headers=$metaver" | grep -E '^linux-(headers|kbuild)-'); do
	v=$(glt_apt_version "$p")
	[ -n "$v" ] || { echo "stock-kernel: $headers needs $p, which $suites does not have" >&2; exit 1; }
	pkgs+=("$p=$v")
done

dir=$glt_cache_root/stock-$name-$kver
root=$dir/root
if [ ! -f "$dir/done" ]; then
	glt_apt_fetch "$dir" "${pkgs[@]}"
	rm -f "$dir/done"
	# Debian 13's packages put modules under /usr/lib/modules
	# (merged /usr); Debian 12's under /lib/modules.
	if [ ! -e "$root/lib" ] && [ -d "$root/usr/lib/modules" ]; then
		ln -s usr/lib "$root/lib"
	fi
	# The package's postinst runs depmod; here it runs on the copy.
	say "depmod -b $root $kver"
	/sbin/depmod -b "$root" "$kver" 2>/dev/null || depmod -b "$root" "$kver"
	# The headers name each other by absolute path (/usr/src/..., the
	# build link in /lib/modules, kbuild under /usr/lib): point them into
	# the copy.
	ln -sfn "$root/usr/src/$headers" "$root/lib/modules/$kver/build"
	find "$root/usr/src" -type l | while read -r l; do
		t=$(readlink "$l")
		case "$t" in /*) ln -sfn "$root$t" "$l" ;; esac
	done
	grep -rlE '(^| )/usr/(src|lib)/linux-' "$root/usr/src/$headers/Makefile" "$root"/usr/src/linux-headers-*-common/Makefile 2>/dev/null |
		while read -r f; do
			sed -i -E "s#(^|[ =])/usr/(src|lib)/linux-#\1$root/usr/\2/linux-#g" "$f"
		done || true
	touch "$dir/done"
fi
kdir=$root/usr/src/$headers
# The headers' kbuild tools were linked against their suite's glibc: a
# suite newer than the host's does not run here (e.g. trixie's on a
# Debian 12 host). The row's suite must then be one as old as the host's.
fixdep_out=$("$kdir/scripts/basic/fixdep" 2>&1 </dev/null) || true
case "$fixdep_out" in
Usage:*) ;;
*)
	echo "stock-kernel: the kbuild tools of $headers ($suites) do not run on this host: $fixdep_out" >&2
	echo "stock-kernel: they need a glibc as new as their suite's; run a host of that Debian release or newer, or build the kernel from its linux-source (a 'built' row of ci/kernels.list), or run your own kernel (make run KERNEL_IMAGE=... KDIR=...)" >&2
	exit 1 ;;
esac
# The compiler the headers name (Debian builds each kernel with one gcc
# version, e.g. gcc-12 for Debian 12's; the module must be built with it).
cc=$(sed -n 's/^CC = .*\(gcc-[0-9][0-9]*\) *$/\1/p' "$kdir/.kernelvariables" 2>/dev/null)
if [ -n "$cc" ] && ! command -v "$cc" >/dev/null; then
	echo "stock-kernel: $kver's headers build modules with $cc, which is not installed: make deps installs it (apt-get install $cc)" >&2
	exit 1
fi
say "Debian's $kver ($meta $metaver from $suites), unpacked in $root"
printf 'KVER=%q\nKERNEL_IMAGE=%q\nMODULES_DIR=%q\nKDIR=%q\nKCONFIG=%q\n' \
	"$kver" "$root/boot/vmlinuz-$kver" "$root/lib/modules/$kver" \
	"$root/usr/src/$headers" "$root/boot/config-$kver"
