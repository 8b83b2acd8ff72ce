#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the test-bed guest's initramfs: busybox (with its applet links),
# ndctl, mkfs.ext4, mkfs.xfs and kmod with the shared libraries ldd names,
# the pmem/DAX/filesystem modules of one kernel with their dependencies, the
# kernel's config at /boot/config-KVER (the harness reads it), the fixture
# tool at /usr/sbin/glt-fixtures (its self-test as glt-fixtures-selftest),
# ci/testbed/guest-init as /init with the fixture list it reads
# (ci/testbed/fixtures.list, at /etc/glt-fixtures.list) and the modules
# this kernel's config leaves out (/etc/glt-absent-modules: "MODULE
# CONFIG_OPTION" lines), and a payload directory (the module under test,
# the harness) at /payload.
#
#   ci/testbed/mkinitramfs.sh --kver KVER --modules-dir DIR --kconfig FILE \
#       --payload DIR [--install-root DIR] [--root DIR] --out FILE.cpio.gz
#
# --root is where the guest's userspace comes from: / (the default) is
# the host's own tools and libraries; another directory is a root of
# another architecture's Debian packages (ci/testbed/guest-root.sh: an
# arm64 guest on an x86 host), whose tools, and the libraries their ELF
# headers name (read with readelf, resolved inside that root), go in
# instead. Every ELF executable of the payload gets its libraries from
# the same root.
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
kver='' modules_dir='' kconfig='' payload='' install_root='' out='' root=/
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }
die() { echo "mkinitramfs: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case "$1" in
	--kver | --modules-dir | --kconfig | --payload | --install-root | --root | --out)
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
root=${root%/}
[ -z "$root" ] || [ -d "$root" ] || die "the guest's root $root does not exist (ci/testbed/guest-root.sh ARCH makes it)"
# The root's multiarch directory (usr/lib/TRIPLET), where its libraries are.
gnu=
if [ -n "$root" ]; then
	gnu=$(cd "$root/usr/lib" 2>/dev/null && ls -d ./*-linux-gnu* 2>/dev/null | head -n 1)
	gnu=${gnu#./}
	[ -n "$gnu" ] || die "$root/usr/lib has no multiarch directory (*-linux-gnu): not a Debian root"
fi

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
# Each module with the option that builds it: a kernel whose config does
# not set that option lacks the module by design (Debian's arm64 6.1 has
# no ZONE_DEVICE, hence no DEV_DAX_PMEM and no dax_pmem), which the
# guest reports as not present and the harness proves from the config
# (harness/oracle_availability.c); an option set (y or m) whose module is
# missing is an error here.
modules="nfit:ACPI_NFIT nd_pmem:BLK_DEV_PMEM dax_pmem:DEV_DAX_PMEM device_dax:DEV_DAX
	ext4:EXT4_FS xfs:XFS_FS loop:BLK_DEV_LOOP vivid:VIDEO_VIVID rdma_rxe:RDMA_RXE
	ib_uverbs:INFINIBAND_USER_ACCESS dummy:DUMMY"
# virtio_pci and virtio_console: an arm64 guest ships its results over a
# virtio console (ci/testbed/guest-arch.sh), modules in Debian's arm64 6.1.
optional_modules="crc32_generic test_hmm nd_e820 zram virtio_pci virtio_console"
# The host's own tools, wherever its distribution puts them (Debian,
# Fedora, Arch: ci/testbed/host-tools.sh), each copied to the guest path
# that guest-init uses.
. "$here/host-tools.sh"
# missing WHAT PIECE: what is missing, and the packages that bring it.
missing() {
	die "$1 is missing ($(glt_pkg_hint "$2")); 'make deps' (scripts/install-deps.sh) lists what this host lacks"
}
# in_root PATH: PATH inside the guest's root, its symbolic links resolved
# there (an absolute link target is the root's, not the host's).
in_root() {
	local p=$root$1 t n=0
	while [ -L "$p" ] && [ $n -lt 40 ]; do
		t=$(readlink "$p")
		case "$t" in /*) p=$root$t ;; *) p=$(dirname "$p")/$t ;; esac
		n=$((n + 1))
	done
	echo "$p"
}
# guest_tool NAME: the guest's NAME: the host's own (glt_tool), or the
# root's, looked for in the same directories.
guest_tool() {
	local d p
	[ -n "$root" ] || { glt_tool "$1"; return; }
	for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
		p=$(in_root "$d/$1")
		[ -f "$p" ] && [ -x "$p" ] && { echo "$p"; return 0; }
	done
	return 1
}
declare -A tool=()
# The host's tools, which run here: kmod's modprobe and depmod read the
# guest kernel's modules.dep and modules whatever their architecture.
host_tools="modprobe depmod cpio"
if [ -n "$root" ]; then host_tools="$host_tools readelf"; else host_tools="$host_tools ldd"; fi
for t in $host_tools; do
	case "$t" in modprobe | depmod) piece=kmod ;; readelf) piece=binutils ;; *) piece=$t ;; esac
	tool[$t]=$(glt_tool "$t") || missing "$t" "$piece"
done
# The guest's.
for t in ndctl jq kmod mke2fs mkfs.xfs ip rdma; do
	tool[$t]=$(guest_tool "$t") || { [ -z "$root" ] || die "$root has no $t: ci/testbed/guest-root.sh fetches it"; missing "$t" "$t"; }
done
if [ -n "$root" ]; then
	busybox=$(guest_tool busybox) || die "$root has no busybox: ci/testbed/guest-root.sh fetches busybox-static"
	! "${tool[readelf]}" -l "$busybox" | grep -q 'program interpreter' ||
		die "$busybox is not statically linked: the guest needs busybox-static"
	rxe_driver=$root/etc/libibverbs.d/rxe.driver
	provider=$(ls "$root"/usr/lib/*-linux-gnu/libibverbs/librxe-rdmav*.so 2>/dev/null | head -n 1)
	[ -e "$rxe_driver" ] && [ -n "$provider" ] || die "$root has no libibverbs rxe provider: ci/testbed/guest-root.sh fetches ibverbs-providers"
	mke2fs_conf=$root/etc/mke2fs.conf
else
	busybox=$(glt_static_busybox) || {
		b=$(glt_tool busybox) || missing busybox busybox
		die "$b is not statically linked: the guest needs a static busybox ($(glt_pkg_hint busybox))"
	}
	rxe_driver=/etc/libibverbs.d/rxe.driver
	[ -e "$rxe_driver" ] || missing /etc/libibverbs.d/rxe.driver rxe
	provider=$(glt_rxe_provider) || missing "libibverbs' rxe provider (librxe-rdmav*.so)" rxe
	mke2fs_conf=/etc/mke2fs.conf
fi

initrd=$(mktemp -d)
trap 'rm -rf "$initrd"' EXIT
mkdir -p "$initrd"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,run,mnt,results,payload,boot,etc}

# An ELF file and the shared libraries (and the loader) it needs.
copy_elf() {
	local src=$1 dst=$2 lib libs
	[ "$src" -ef "$initrd/$dst" ] || cp -L "$src" "$initrd/$dst"
	if [ -n "$root" ]; then
		copy_root_libs "$src"
		return
	fi
	libs=$("${tool[ldd]}" "$src" 2>&1) || return 0 # static: nothing to add
	if grep -q 'not found' <<<"$libs"; then
		die "$src needs libraries this machine lacks: $(grep 'not found' <<<"$libs" | tr -s ' \t' ' ')"
	fi
	for lib in $(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$libs"); do
		[ -e "$initrd$lib" ] || cp -L --parents "$lib" "$initrd"
	done
}
# copy_root_libs ELF: what ELF's dynamic section needs (DT_NEEDED), and
# what those need, from the guest's root, where its dynamic loader will
# look (Debian's multiarch directories, then /lib and /usr/lib), and the
# loader its program header names. ldd cannot do it: it runs the loader,
# which cannot run an ELF file of another architecture.
copy_root_libs() {
	local todo=("$1") f lib d p interp
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		interp=$("${tool[readelf]}" -l "$f" 2>/dev/null | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p')
		if [ -n "$interp" ] && [ ! -e "$initrd$interp" ]; then
			p=$(in_root "$interp")
			[ -f "$p" ] || die "$f: its loader $interp is not in $root"
			mkdir -p "$initrd$(dirname "$interp")"
			cp "$p" "$initrd$interp"
		fi
		for lib in $("${tool[readelf]}" -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			for d in /lib/$gnu /usr/lib/$gnu /lib /usr/lib; do
				p=$(in_root "$d/$lib")
				[ -f "$p" ] || continue
				if [ ! -e "$initrd$d/$lib" ]; then
					mkdir -p "$initrd$d"
					cp "$p" "$initrd$d/$lib"
					todo+=("$p")
				fi
				continue 2
			done
			die "$f needs $lib, which $root does not have (ci/testbed/guest-root.sh: add the package that has it)"
		done
	done
}
is_elf() { [ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; }

cp "$busybox" "$initrd/bin/busybox"
# Its applet links: busybox --list names them, where it runs here; a
# busybox of another architecture makes them itself (guest-init runs
# busybox --install when it finds no /bin/mount).
if [ -n "$root" ]; then
	ln -s busybox "$initrd/bin/sh"
else
	for applet in $("$initrd/bin/busybox" --list); do
		[ "$applet" = busybox ] || ln -s busybox "$initrd/bin/$applet"
	done
fi
copy_elf "${tool[ndctl]}" usr/bin/ndctl
copy_elf "${tool[jq]}" usr/bin/jq
copy_elf "${tool[kmod]}" usr/bin/kmod
for m in modprobe insmod rmmod lsmod depmod modinfo; do
	rm -f "$initrd/bin/$m"
	ln -s ../usr/bin/kmod "$initrd/sbin/$m"
done
copy_elf "${tool[mke2fs]}" usr/sbin/mke2fs
ln -s mke2fs "$initrd/usr/sbin/mkfs.ext4"
copy_elf "${tool[mkfs.xfs]}" usr/sbin/mkfs.xfs
copy_elf "${tool[ip]}" usr/sbin/ip
copy_elf "${tool[rdma]}" usr/bin/rdma
mkdir -p "$initrd/etc/libibverbs.d"
cp "$rxe_driver" "$initrd/etc/libibverbs.d/"
provider_at=${provider#"$root"}
mkdir -p "$initrd$(dirname "$provider_at")"
copy_elf "$provider" "${provider_at#/}"
# mke2fs reads its defaults from here.
[ -f "$mke2fs_conf" ] && cp "$mke2fs_conf" "$initrd/etc/"

# Kernel modules with their dependencies, against this kernel's
# modules.dep. -C /dev/null: ignore modprobe.d, where Debian's ndctl ships
# an "install libnvdimm" hook that hides libnvdimm.ko from --show-depends
# (--ignore-install covers only the named module, not its dependencies).
basedir=()
[ "$modules_dir" = "/lib/modules/$kver" ] || basedir=(-d "${modules_dir%/lib/modules/"$kver"}")
kos=()
: >"$initrd/etc/glt-absent-modules"
for mo in $modules; do
	m=${mo%%:*} opt=CONFIG_${mo#*:}
	if ! grep -qE "^$opt=(y|m)" "$kconfig"; then
		echo "$m $opt" >>"$initrd/etc/glt-absent-modules"
		continue
	fi
	deps=$("${tool[modprobe]}" -C /dev/null --ignore-install "${basedir[@]}" -S "$kver" --show-depends "$m" 2>&1) ||
		die "module $m of $kver not found under $modules_dir, although $kconfig sets $opt: $deps"
	while read -r ko; do kos+=("$ko"); done < <(awk '$1 == "insmod" { print $2 }' <<<"$deps")
done
for m in $optional_modules; do
	deps=$("${tool[modprobe]}" -C /dev/null --ignore-install "${basedir[@]}" -S "$kver" --show-depends "$m" 2>/dev/null) || continue
	while read -r ko; do kos+=("$ko"); done < <(awk '$1 == "insmod" { print $2 }' <<<"$deps")
done
# Compressed modules (Debian's 6.12 ships .ko.xz) are stored decompressed:
# kmod 30 hands them to a CONFIG_MODULE_DECOMPRESS kernel in a way that logs
# "Invalid ELF header magic: != ELF" per module, and loading is faster.
mkdir -p "$initrd/lib/modules/$kver"
for ko in $(printf '%s\n' "${kos[@]}" | sort -u); do
	rel=${ko#"$modules_dir"/}
	dst=$initrd/lib/modules/$kver/$rel
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
			mkdir -p "$initrd/$(dirname "$ko")"
			cp "$install_root/$ko" "$initrd/$ko"
		done
fi
for f in modules.order modules.builtin modules.builtin.modinfo; do
	if [ -f "$modules_dir/$f" ]; then cp "$modules_dir/$f" "$initrd/lib/modules/$kver/"; fi
done
"${tool[depmod]}" -b "$initrd" "$kver"

cp "$kconfig" "$initrd/boot/config-$kver"
install -m 755 "$here/guest-init" "$initrd/init"
install -m 644 "$here/fixtures.list" "$initrd/etc/glt-fixtures.list"
# The rest of --install-root (the harness, glt-fixtures, man pages, ...),
# with the libraries of its executables.
if [ -n "$install_root" ]; then
	(cd "$install_root" && find . -path ./lib/modules -prune -o -type f -print0) |
		while IFS= read -r -d '' f; do
			mkdir -p "$initrd/$(dirname "$f")"
			if is_elf "$install_root/$f"; then copy_elf "$install_root/$f" "${f#./}"; else cp -p "$install_root/$f" "$initrd/$f"; fi
		done
fi
[ -e "$initrd/usr/local/sbin/glt-fixtures" ] || install -m 755 "$top/fixtures/glt-fixtures" "$initrd/usr/sbin/glt-fixtures"
install -m 755 "$top/fixtures/test-glt-fixtures" "$initrd/usr/sbin/glt-fixtures-selftest"

# The payload, with the libraries of every ELF executable in it.
cp -a "$payload/." "$initrd/payload/"
while IFS= read -r -d '' f; do
	if is_elf "$f"; then copy_elf "$f" "${f#"$initrd"/}"; fi
done < <(find "$initrd/payload" -type f -perm /111 -print0)

# Reproducible: fixed owner, times and order; gzip without name or time.
mkdir -p "$(dirname "$out")"
find "$initrd" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} +
(cd "$initrd" && find . -mindepth 1 | LC_ALL=C sort |
	"${tool[cpio]}" -o -H newc --quiet --reproducible -R 0:0) | gzip -n -1 >"$out.tmp"
mv "$out.tmp" "$out"
echo "mkinitramfs: $out ($(du -h "$out" | cut -f1)) for $kver: $(find "$initrd/lib/modules" -name '*.ko*' | wc -l) modules, payload: $(ls -A "$initrd/payload" | tr '\n' ' ')"
