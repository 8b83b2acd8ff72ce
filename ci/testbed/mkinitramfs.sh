#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the test-bed guest's initramfs: busybox (with its applet links),
# ndctl, mkfs.ext4, mkfs.xfs and kmod with the shared libraries ldd names,
# the pmem/DAX/filesystem modules of one kernel with their dependencies, the
# kernel's config at /boot/config-KVER (the harness reads it), the fixture
# tool at /usr/sbin/glt-fixtures (its self-test as glt-fixtures-selftest),
# ci/testbed/guest-init as /init with the fixture list it reads
# (ci/testbed/fixtures.list, at /etc/glt-fixtures.list), and a payload
# directory (the module under test, the harness) at /payload.
#
#   ci/testbed/mkinitramfs.sh --kver KVER --modules-dir DIR --kconfig FILE \
#       --payload DIR [--install-root DIR] --out FILE.cpio.gz
#
# --install-root is a tree that 'make install DESTDIR=DIR' and 'make
# install-module INSTALL_MOD_PATH=DIR' staged, as a host user installs the
# tool: it is copied onto the guest's root (the module into
# /lib/modules/KVER/extra/, known to the guest's modprobe), and the guest's
# glt-fixtures is then the installed one, not /usr/sbin's copy.
#
# --modules-dir is /lib/modules/KVER for an installed kernel, or
# ROOT/lib/modules/KVER for one installed with INSTALL_MOD_PATH=ROOT.
# The payload may be empty: the guest then reports the missing pieces.
# Every ELF executable in the payload gets its shared libraries too.
# The archive is reproducible: same inputs, same bytes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
kver='' modules_dir='' kconfig='' payload='' install_root='' out=''
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }
die() { echo "mkinitramfs: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case "$1" in
	--kver | --modules-dir | --kconfig | --payload | --install-root | --out)
		[ $# -ge 2 ] && [ -n "$2" ] || { echo "mkinitramfs: $1 needs a value" >&2; exit 2; }
		v=${1#--}
		printf -v "${v//-/_}" '%s' "$2"
		shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "mkinitramfs: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
done
for v in kver modules_dir kconfig payload out; do
	[ -n "${!v}" ] || { echo "mkinitramfs: --${v//_/-} is required" >&2; usage >&2; exit 2; }
done
modules_dir=${modules_dir%/}
case "$modules_dir" in
*/lib/modules/"$kver") ;;
*) die "--modules-dir $modules_dir must end in /lib/modules/$kver (ROOT/lib/modules/KVER, as make modules_install INSTALL_MOD_PATH=ROOT makes it)" ;;
esac
[ -f "$modules_dir/modules.dep" ] || die "$modules_dir/modules.dep is missing: install the kernel's modules there (make modules_install INSTALL_MOD_PATH=ROOT runs depmod), or run depmod -b ROOT $kver"
[ -r "$kconfig" ] || die "cannot read the kernel config $kconfig"
[ -d "$payload" ] || die "the payload directory $payload does not exist (an empty directory is fine)"
[ -z "$install_root" ] || [ -d "$install_root" ] || die "the install root $install_root does not exist (make install DESTDIR=$install_root makes it)"

# Modules the guest loads (ci/testbed/guest-init), with their dependencies.
# The consumer cases need vivid (V4L2 USERPTR), rdma_rxe over a dummy
# netdev (RDMA memory registration), iproute2's ip and rdma to set it up,
# and libibverbs' rxe provider, which libibverbs dlopen()s (ldd cannot see
# it) as its /etc/libibverbs.d/rxe.driver names it. rxe computes its ICRC
# with the "crc32" shash (drivers/infiniband/sw/rxe/rxe_icrc.c), whose
# module the crypto API would request on demand: it is loaded up front.
# Optional modules go in when the kernel has them: 7.x computes the ICRC
# with the crc32 library and has no crc32_generic (the crc32 rework of
# v6.14-v6.15), and the guest loads the ones present; zram is the guest's
# swap (a module in Debian's kernels, built into the ones built here).
# ib_uverbs (/dev/infiniband/uverbsN, what libibverbs opens) is named:
# rdma_rxe no longer depends on it in 7.x, where ibv_get_device_list()
# found no device without it.
modules="nfit nd_pmem dax_pmem device_dax ext4 xfs loop vivid rdma_rxe ib_uverbs dummy"
optional_modules="crc32_generic test_hmm nd_e820 zram"
# The host's own tools, wherever its distribution puts them (Debian,
# Fedora, Arch: ci/testbed/host-tools.sh), each copied to the guest path
# that guest-init uses.
. "$here/host-tools.sh"
# missing WHAT PIECE: what is missing, and the packages that bring it.
missing() {
	die "$1 is missing ($(glt_pkg_hint "$2")); 'make deps' (scripts/install-deps.sh) lists what this host lacks"
}
declare -A tool=()
for t in ndctl jq kmod modprobe depmod mke2fs mkfs.xfs ip rdma cpio ldd; do
	case "$t" in modprobe | depmod) piece=kmod ;; *) piece=$t ;; esac
	tool[$t]=$(glt_tool "$t") || missing "$t" "$piece"
done
busybox=$(glt_static_busybox) || {
	b=$(glt_tool busybox) || missing busybox busybox
	die "$b is not statically linked: the guest needs a static busybox ($(glt_pkg_hint busybox))"
}
[ -e /etc/libibverbs.d/rxe.driver ] || missing /etc/libibverbs.d/rxe.driver rxe
provider=$(glt_rxe_provider) || missing "libibverbs' rxe provider (librxe-rdmav*.so)" rxe

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,run,mnt,results,payload,boot,etc}

# An ELF file and the shared libraries (and the loader) ldd names for it.
copy_elf() {
	local src=$1 dst=$2 lib libs
	[ "$src" -ef "$root/$dst" ] || cp -L "$src" "$root/$dst"
	libs=$("${tool[ldd]}" "$src" 2>&1) || return 0 # static: nothing to add
	if grep -q 'not found' <<<"$libs"; then
		die "$src needs libraries this machine lacks: $(grep 'not found' <<<"$libs" | tr -s ' \t' ' ')"
	fi
	for lib in $(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$libs"); do
		[ -e "$root$lib" ] || cp -L --parents "$lib" "$root"
	done
}
is_elf() { [ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; }

cp "$busybox" "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
	[ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
copy_elf "${tool[ndctl]}" usr/bin/ndctl
copy_elf "${tool[jq]}" usr/bin/jq
copy_elf "${tool[kmod]}" usr/bin/kmod
for m in modprobe insmod rmmod lsmod depmod modinfo; do
	rm -f "$root/bin/$m"
	ln -s ../usr/bin/kmod "$root/sbin/$m"
done
copy_elf "${tool[mke2fs]}" usr/sbin/mke2fs
ln -s mke2fs "$root/usr/sbin/mkfs.ext4"
copy_elf "${tool[mkfs.xfs]}" usr/sbin/mkfs.xfs
copy_elf "${tool[ip]}" usr/sbin/ip
copy_elf "${tool[rdma]}" usr/bin/rdma
mkdir -p "$root/etc/libibverbs.d"
cp /etc/libibverbs.d/rxe.driver "$root/etc/libibverbs.d/"
mkdir -p "$root$(dirname "$provider")"
copy_elf "$provider" "${provider#/}"
# mke2fs reads its defaults from here.
[ -f /etc/mke2fs.conf ] && cp /etc/mke2fs.conf "$root/etc/"

# Kernel modules with their dependencies, against this kernel's
# modules.dep. -C /dev/null: ignore modprobe.d, where Debian's ndctl ships
# an "install libnvdimm" hook that hides libnvdimm.ko from --show-depends
# (--ignore-install covers only the named module, not its dependencies).
basedir=()
[ "$modules_dir" = "/lib/modules/$kver" ] || basedir=(-d "${modules_dir%/lib/modules/"$kver"}")
kos=()
for m in $modules; do
	deps=$("${tool[modprobe]}" -C /dev/null --ignore-install "${basedir[@]}" -S "$kver" --show-depends "$m" 2>&1) ||
		die "module $m of $kver not found under $modules_dir: $deps (the guest needs CONFIG options for nfit, nd_pmem, dax_pmem, device_dax, ext4, xfs, loop, vivid, rdma_rxe, dummy as y or m)"
	while read -r ko; do kos+=("$ko"); done < <(awk '$1 == "insmod" { print $2 }' <<<"$deps")
done
for m in $optional_modules; do
	deps=$("${tool[modprobe]}" -C /dev/null --ignore-install "${basedir[@]}" -S "$kver" --show-depends "$m" 2>/dev/null) || continue
	while read -r ko; do kos+=("$ko"); done < <(awk '$1 == "insmod" { print $2 }' <<<"$deps")
done
# Compressed modules (Debian's 6.12 ships .ko.xz) are stored decompressed:
# kmod 30 hands them to a CONFIG_MODULE_DECOMPRESS kernel in a way that logs
# "Invalid ELF header magic: != ELF" per module, and loading is faster.
mkdir -p "$root/lib/modules/$kver"
for ko in $(printf '%s\n' "${kos[@]}" | sort -u); do
	rel=${ko#"$modules_dir"/}
	dst=$root/lib/modules/$kver/$rel
	mkdir -p "$(dirname "$dst")"
	case "$ko" in
	*.ko.xz)
		command -v xz >/dev/null || missing "xz (for $ko)" xz
		xz -dc "$ko" >"${dst%.xz}" ;;
	*.ko.gz) gzip -dc "$ko" >"${dst%.gz}" ;;
	*.ko.zst)
		command -v zstd >/dev/null || die "$ko is zstd-compressed: install zstd (Debian/Ubuntu, Fedora, Arch: zstd)"
		zstd -qdc "$ko" >"${dst%.zst}" ;;
	*) cp "$ko" "$dst" ;;
	esac
done
# The installed module(s) of --install-root: install-module's own
# modules.* files are left out, the depmod below indexes all of them.
if [ -n "$install_root" ] && [ -d "$install_root/lib/modules/$kver" ]; then
	(cd "$install_root" && find "lib/modules/$kver" -name '*.ko*' -print0) |
		while IFS= read -r -d '' ko; do
			mkdir -p "$root/$(dirname "$ko")"
			cp "$install_root/$ko" "$root/$ko"
		done
fi
for f in modules.order modules.builtin modules.builtin.modinfo; do
	if [ -f "$modules_dir/$f" ]; then cp "$modules_dir/$f" "$root/lib/modules/$kver/"; fi
done
"${tool[depmod]}" -b "$root" "$kver"

cp "$kconfig" "$root/boot/config-$kver"
install -m 755 "$here/guest-init" "$root/init"
install -m 644 "$here/fixtures.list" "$root/etc/glt-fixtures.list"
# The rest of --install-root (the harness, glt-fixtures, man pages, ...),
# with the libraries of its executables.
if [ -n "$install_root" ]; then
	(cd "$install_root" && find . -path ./lib/modules -prune -o -type f -print0) |
		while IFS= read -r -d '' f; do
			mkdir -p "$root/$(dirname "$f")"
			if is_elf "$install_root/$f"; then copy_elf "$install_root/$f" "${f#./}"; else cp -p "$install_root/$f" "$root/$f"; fi
		done
fi
[ -e "$root/usr/local/sbin/glt-fixtures" ] || install -m 755 "$top/fixtures/glt-fixtures" "$root/usr/sbin/glt-fixtures"
install -m 755 "$top/fixtures/test-glt-fixtures" "$root/usr/sbin/glt-fixtures-selftest"

# The payload, with the libraries of every ELF executable in it.
cp -a "$payload/." "$root/payload/"
while IFS= read -r -d '' f; do
	if is_elf "$f"; then copy_elf "$f" "${f#"$root"/}"; fi
done < <(find "$root/payload" -type f -perm /111 -print0)

# Reproducible: fixed owner, times and order; gzip without name or time.
mkdir -p "$(dirname "$out")"
find "$root" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} +
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
	"${tool[cpio]}" -o -H newc --quiet --reproducible -R 0:0) | gzip -n -1 >"$out.tmp"
mv "$out.tmp" "$out"
echo "mkinitramfs: $out ($(du -h "$out" | cut -f1)) for $kver: $(find "$root/lib/modules" -name '*.ko*' | wc -l) modules, payload: $(ls -A "$root/payload" | tr '\n' ' ')"
