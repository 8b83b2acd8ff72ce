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
# A kernel of another architecture than the host's (ci/kernels.list's arch
# column: an arm64 kernel on an x86 host) is fetched for its architecture,
# and its modules are cross-built: linux-kbuild's host tools (fixdep,
# modpost, ...) are binaries of that architecture, so they are replaced
# by the host's own build of the same version of linux-kbuild where it runs
# here, or else built here from that very kernel's linux-source.
# Prints the shell assignments of ci/testbed/kernel.sh: KVER, KERNEL_IMAGE,
# MODULES_DIR, KDIR, KCONFIG, KARCH and KMAKE (what make needs to build a
# module against KDIR: ARCH=, CROSS_COMPILE=, CC= for a cross build).
# Progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: ci/stock-kernel.sh NAME (a stock kernel of ci/kernels.list)}
[ "$("$here/kernels.sh" get "$name" from)" = stock ] || {
	echo "stock-kernel: $name is not a stock kernel of ci/kernels.list (stock: $("$here/kernels.sh" names "" stock | tr '\n' ' '))" >&2; exit 2; }
say() { echo "[stock-kernel $name] $*" >&2; }
. "$here/debian-apt.sh"
. "$here/kernel-cache.sh"
. "$here/testbed/guest-arch.sh"

suites=$("$here/kernels.sh" get "$name" suite)
meta=$("$here/kernels.sh" get "$name" package)
arch=$("$here/kernels.sh" get "$name" arch)
glt_arch "$arch" || { echo "stock-kernel: $name: unknown arch '$arch' in ci/kernels.list (amd64, arm64)" >&2; exit 2; }
host_arch=$(glt_host_arch)
glt_apt_init "$suites" "$arch"
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
	case "$p" in linux-kbuild-*) kbuild=$p kbuild_ver=$v ;; esac
done
version=$("$here/kernels.sh" get "$name" version)

# runs FILE: whether the program FILE runs on this host: neither the kernel
# (another architecture: status 126) nor the dynamic loader (a newer
# glibc, a missing library) refuses it. fixdep and modpost, called without
# arguments, print their usage or nothing.
runs() {
	local out rc=0
	out=$("$1" 2>&1 </dev/null) || rc=$?
	[ "$rc" -ne 126 ] && [ "$rc" -ne 127 ] &&
		[[ $out != *"version \`GLIBC"* && $out != *"error while loading shared libraries"* ]]
}

is_elf() { [ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; }

# all_run DIR: whether every ELF program under DIR runs here (Debian's
# modpost is a wrapper that runs modpost.real-lsb-64 and its kin only when
# given a module: each is tried itself).
all_run() {
	local f
	while IFS= read -r -d '' f; do
		is_elf "$f" || continue
		runs "$f" || { say "$f does not run here"; return 1; }
	done < <(find "$1" -type f -perm /111 -print0)
}

# host_kbuild_tools: a foreign kernel's linux-kbuild, $kbuild, holds
# binaries of its architecture. Its Makefiles and scripts stay; its binaries
# become the host's: those of the host architecture's build of the same
# linux-kbuild version, when the suite has it and it runs here (a suite's
# kbuild links its own glibc: trixie's does not run on Debian 12), else
# built here from the kernel's own source, configured with its .config
# (make modules_prepare builds fixdep, modpost, genksyms and, where the
# config has BTF, resolve_btfids).
host_kbuild_tools() {
	local kbuild_dir=$root/usr/lib/$kbuild hroot=$dir/kbuild-$host_arch obj=$dir/kbuild-tools
	local src f rel n=0 v gone
	v=$( (glt_apt_init "$suites" "$host_arch" >/dev/null && glt_apt_version "$kbuild") 2>/dev/null || true)
	if [ "$v" = "$kbuild_ver" ] &&
		(glt_apt_init "$suites" "$host_arch" && glt_apt_fetch "$hroot" "$kbuild=$v") >&2 &&
		all_run "$hroot/root/usr/lib/$kbuild"; then
		say "kbuild's host tools: Debian's $host_arch $kbuild $v"
		cp -a "$hroot/root/usr/lib/$kbuild/." "$kbuild_dir/"
		rm -rf "$hroot"
		return
	fi
	rm -rf "$hroot"
	say "kbuild's host tools: $host_arch's $kbuild ${v:-(not in $suites)} $([ "$v" = "$kbuild_ver" ] && echo "does not run here" || echo "is not $kbuild_ver"): building them from linux-source-$version"
	eval "$("$here/kernel-source.sh" "$version" "$suites")"
	[ "$SRCVER" = "$metaver" ] || {
		echo "stock-kernel: $suites serve linux-source-$version $SRCVER, not $metaver, the version of $image: no source to build its kbuild tools from" >&2; exit 1; }
	src=$glt_cache_root/src-$version-$SRCVER
	glt_kernel_src_tree "$src" "$TARBALL"
	rm -rf "$obj"
	mkdir -p "$obj"
	cp "$root/usr/src/$headers/.config" "$obj/.config"
	say "make modules_prepare ARCH=$arch_kbuild (the host tools of $kver, log: $obj/build.log)"
	{ make -C "$src" O="$obj" ARCH="$arch_kbuild" CROSS_COMPILE="$arch_gnu-" olddefconfig &&
		make -C "$src" O="$obj" ARCH="$arch_kbuild" CROSS_COMPILE="$arch_gnu-" -j"$(nproc)" modules_prepare; } \
		>"$obj/build.log" 2>&1 || { tail -n 30 "$obj/build.log" >&2; echo "stock-kernel: building $kver's kbuild host tools failed ($obj/build.log)" >&2; exit 1; }
	# Each program of the package that the build made replaces it; the
	# others (Debian's modpost.real-* behind its modpost wrapper, which the
	# real modpost replaced; objtool of other architectures) are removed,
	# so that nothing of another architecture is left to be run.
	gone=
	while IFS= read -r -d '' f; do
		is_elf "$f" || continue
		rel=${f#"$kbuild_dir"/}
		if [ -x "$obj/$rel" ]; then
			cp "$obj/$rel" "$f"
			n=$((n + 1))
		else
			rm -f "$f"
			gone="$gone $rel"
		fi
	done < <(find "$kbuild_dir" -type f -print0)
	say "kbuild's host tools: $n built from linux-source-$version $SRCVER; not built for a module, removed:$gone"
	rm -rf "$obj"
}

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
	[ "$arch" = "$host_arch" ] || host_kbuild_tools
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
kmake=
if [ "$arch" = "$host_arch" ]; then
	if [ -n "$cc" ] && ! command -v "$cc" >/dev/null; then
		echo "stock-kernel: $kver's headers build modules with $cc, which is not installed: make deps installs it (apt-get install $cc)" >&2
		exit 1
	fi
else
	all_run "$root/usr/lib/$kbuild" || {
		echo "stock-kernel: $kdir/scripts/mod/modpost does not run here: remove $dir to fetch and build $kver's kbuild tools again" >&2; exit 1; }
	# The cross compiler the headers name (.kernelvariables: CROSS_COMPILE
	# and gcc-N), or the host's own cross gcc of that architecture (a
	# Debian 12 host has aarch64-linux-gnu-gcc-12 for trixie's gcc-14
	# kernel; its headers set DEBIAN_KERNEL_NO_CC_VERSION_CHECK, so kbuild
	# takes another version).
	xcc=$arch_gnu-${cc:-gcc}
	if ! command -v "$xcc" >/dev/null; then
		command -v "$arch_gnu-gcc" >/dev/null || {
			echo "stock-kernel: $kver is cross-built with $xcc or $arch_gnu-gcc, and neither is installed: make deps KERNEL=$name installs it ($(. "$here/testbed/host-tools.sh" && glt_pkg_hint aarch64-gcc))" >&2; exit 1; }
		xcc=$arch_gnu-gcc
		say "building modules with $xcc ($($xcc -dumpfullversion)); $kver was built with $arch_gnu-${cc:-gcc}"
	fi
	kmake="ARCH=$arch_kbuild CROSS_COMPILE=$arch_gnu- CC=$xcc"
	# The config's cc-option probes were made with the kernel's own gcc:
	# an option only a newer gcc knows is dropped for an older one, as its
	# own Kconfig probe would have (CONFIG_X empty on make's command line
	# wins over include/config/auto.conf). gcc 14's
	# -fmin-function-alignment: the top Makefile falls back to
	# -falign-functions without CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT.
	while read -r opt flag; do
		grep -q "^CONFIG_$opt=y" "$kdir/.config" || continue
		echo 'int x;' | "$xcc" -Werror "$flag" -x c -c -o /dev/null - 2>/dev/null && continue
		kmake="$kmake CONFIG_$opt="
		say "$xcc lacks $flag: building with CONFIG_$opt unset"
	done <<'EOF_PROBES'
CC_HAS_MIN_FUNCTION_ALIGNMENT -fmin-function-alignment=8
EOF_PROBES
fi
# A module's BTF is made with the host's pahole, with the flags kbuild picks
# for the pahole the kernel was built with (CONFIG_PAHOLE_VERSION,
# scripts/Makefile.btf): an older one on the host refuses them (bookworm's
# 1.24 has no --btf_features, trixie's kernels ask for it). The module
# then has no BTF, which nothing here reads (BPF's view of its types).
kpahole=$(sed -n 's/^CONFIG_PAHOLE_VERSION=//p' "$kdir/.config")
if [ "${kpahole:-0}" -gt 0 ] && grep -q '^CONFIG_DEBUG_INFO_BTF_MODULES=y' "$kdir/.config"; then
	hpahole=$(pahole --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\.\([0-9]*\).*/\1\2/p')
	if [ "${hpahole:-0}" -lt "$kpahole" ]; then
		kmake="${kmake:+$kmake }CONFIG_DEBUG_INFO_BTF_MODULES="
		say "the host's pahole (${hpahole:-none}) is older than $kver's ($kpahole): its modules are built without BTF"
	fi
fi
say "Debian's $kver ($meta $metaver from $suites, $arch), unpacked in $root"
printf 'KVER=%q\nKERNEL_IMAGE=%q\nMODULES_DIR=%q\nKDIR=%q\nKCONFIG=%q\nKARCH=%q\nKMAKE=%q\n' \
	"$kver" "$root/boot/vmlinuz-$kver" "$root/lib/modules/$kver" \
	"$root/usr/src/$headers" "$root/boot/config-$kver" "$arch" "$kmake"
