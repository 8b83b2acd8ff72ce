#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the guest's initramfs: busybox, ndctl, mkfs.ext4/xfs and kmod with
# their shared libraries, the pmem/DAX/filesystem modules of one kernel, the
# kernel's config (the harness reads it), the fixture tool, and a payload
# directory (the module under test and the harness) at /payload.
#
#   ci/testbed/mkinitramfs.sh --kver KVER --modules-dir DIR --kconfig FILE \
#       --payload DIR --out FILE.cpio.gz
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
kver= modules_dir= kconfig= payload= out=
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
	--kver) kver=$2; shift 2 ;;
	--modules-dir) modules_dir=$2; shift 2 ;;
	--kconfig) kconfig=$2; shift 2 ;;
	--payload) payload=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "mkinitramfs: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
done
for v in kver modules_dir kconfig payload out; do
	[ -n "${!v}" ] || { echo "mkinitramfs: --${v//_/-} is required" >&2; usage >&2; exit 2; }
done

# Modules the guest loads (ci/testbed/guest-init), with their dependencies.
modules="nfit nd_pmem dax_pmem device_dax ext4 xfs loop"
tools="/bin/busybox /usr/bin/ndctl /usr/bin/kmod /usr/sbin/mke2fs /usr/sbin/mkfs.xfs"
for t in $tools; do
	[ -x "$t" ] || { echo "mkinitramfs: $t is missing: run 'make deps'" >&2; exit 1; }
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,run,mnt,results,payload,boot,etc}

# An ELF file and the shared libraries (and loader) ldd names for it.
copy_elf() {
	local src=$1 dst=$2 lib
	[ "$src" -ef "$root/$dst" ] || cp -L "$src" "$root/$dst"
	for lib in $(ldd "$src" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		[ -e "$root$lib" ] || cp -L --parents "$lib" "$root"
	done
}

cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
	[ "$applet" = busybox ] && continue
	ln -sf busybox "$root/bin/$applet"
done
copy_elf /usr/bin/ndctl usr/bin/ndctl
copy_elf /usr/bin/kmod usr/bin/kmod
for m in modprobe insmod rmmod lsmod depmod modinfo; do
	rm -f "$root/bin/$m" "$root/sbin/$m"
	ln -sf ../usr/bin/kmod "$root/sbin/$m"
done
copy_elf /usr/sbin/mke2fs usr/sbin/mke2fs
ln -sf mke2fs "$root/usr/sbin/mkfs.ext4"
copy_elf /usr/sbin/mkfs.xfs usr/sbin/mkfs.xfs
# mke2fs reads its defaults from here.
[ -f /etc/mke2fs.conf ] && cp /etc/mke2fs.conf "$root/etc/"

# Kernel modules: resolve dependencies against this kernel's modules.dep.
# -C /dev/null: ignore modprobe.d, where Debian's ndctl ships an
# "install libnvdimm" hook that hides libnvdimm.ko from --show-depends
# (--ignore-install covers only the named module, not its dependencies).
basedir=()
if [ "$modules_dir" != "/lib/modules/$kver" ]; then
	basedir=(-d "${modules_dir%/lib/modules/$kver}")
fi
for m in $modules; do
	modprobe -C /dev/null "${basedir[@]}" -S "$kver" --show-depends "$m" |
		awk '$1 == "insmod" { print $2 }'
done | sort -u | while read -r ko; do
	rel=${ko#"$modules_dir"/}
	mkdir -p "$root/lib/modules/$kver/$(dirname "$rel")"
	cp "$ko" "$root/lib/modules/$kver/$rel"
done
for f in modules.order modules.builtin modules.builtin.modinfo; do
	[ -f "$modules_dir/$f" ] && cp "$modules_dir/$f" "$root/lib/modules/$kver/"
done
depmod -b "$root" "$kver"

cp "$kconfig" "$root/boot/config-$kver"
cp "$here/guest-init" "$root/init"
chmod 755 "$root/init"
cp "$top/fixtures/glt-fixtures" "$root/usr/sbin/glt-fixtures"
chmod 755 "$root/usr/sbin/glt-fixtures"

# The payload, with the libraries of every ELF executable in it.
cp -a "$payload/." "$root/payload/"
for f in "$root"/payload/*; do
	if [ -f "$f" ] && [ -x "$f" ] && head -c 4 "$f" | grep -q 'ELF'; then
		copy_elf "$f" "payload/$(basename "$f")"
	fi
done

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 >"$out"
echo "mkinitramfs: $out ($(du -h "$out" | cut -f1)) for $kver: $(find "$root/lib/modules" -name '*.ko*' | wc -l) modules"
