#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Put the driver under DKMS: copy driver/ and uapi/gup_longterm_test.h into
# /usr/src/gup-longterm-test-VERSION with the repository's layout (so that
# driver/Kbuild still finds ../uapi) and the filled-in driver/dkms.conf at
# its top, then `dkms add` it.
#
#   scripts/dkms-install.sh [--version V] [--no-add] [--source-root DIR]
#   scripts/dkms-install.sh --remove [--version V] [--source-root DIR]
#
# --version V       the DKMS package version (default: 0.YYYYMMDD.gHASH of
#                   the git HEAD, or 0 outside git)
# --no-add          only copy the tree (e.g. into a package's staging area)
# --source-root DIR where DKMS source trees live (default /usr/src)
# --remove          `dkms remove --all` of that version and delete its tree
#
# Then, per kernel (the headers must be installed):
#   dkms build -m gup-longterm-test -v V -k KVER
#   dkms install -m gup-longterm-test -v V -k KVER
#   modprobe gup_longterm_test        (on the running kernel)
# AUTOINSTALL is off: a test driver is never built for new kernels unasked.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
name=gup-longterm-test
version='' add=1 remove=0 src_root=/usr/src

usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }
die() { echo "dkms-install: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case "$1" in
	--version | --source-root)
		[ $# -ge 2 ] && [ -n "$2" ] || { echo "dkms-install: $1 needs a value" >&2; exit 2; }
		if [ "$1" = --version ]; then version=$2; else src_root=$2; fi
		shift 2 ;;
	--no-add) add=0; shift ;;
	--remove) remove=1; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "dkms-install: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
done

if [ -z "$version" ]; then
	if git -C "$top" rev-parse --verify -q HEAD >/dev/null 2>&1; then
		version=0.$(git -C "$top" log -1 --format=%cd --date=format:%Y%m%d).g$(git -C "$top" rev-parse --short=7 HEAD)
	else
		version=0
	fi
fi
# DKMS uses the version in paths and in its own parsing.
[[ $version =~ ^[A-Za-z0-9][A-Za-z0-9.+~_]*$ ]] || die "bad version '$version' (letters, digits and . + ~ _ only)"
dest=$src_root/$name-$version

if [ "$remove" = 1 ]; then
	if command -v dkms >/dev/null && [ -d "/var/lib/dkms/$name/$version" ]; then
		dkms remove -m "$name" -v "$version" --all
	fi
	rm -rf -- "$dest"
	echo "dkms-install: removed $name $version"
	exit 0
fi

[ "$add" = 0 ] || command -v dkms >/dev/null || die "dkms is not installed (Debian: apt-get install dkms), or pass --no-add"
[ ! -e "$dest" ] || die "$dest exists: remove it first (scripts/dkms-install.sh --remove --version $version)"

mkdir -p "$dest/driver" "$dest/uapi"
# Only the sources: driver/ of a working tree never holds build output
# (driver/Makefile builds in build/driver/KVER), but be sure.
for f in "$top"/driver/Kbuild "$top"/driver/Makefile "$top"/driver/*.c "$top"/driver/*.h; do
	install -m 0644 "$f" "$dest/driver/"
done
install -m 0644 "$top/uapi/gup_longterm_test.h" "$dest/uapi/"
sed "s/@VERSION@/$version/" "$top/driver/dkms.conf" >"$dest/dkms.conf"
chmod 0644 "$dest/dkms.conf"
echo "dkms-install: copied the sources to $dest"

if [ "$add" = 1 ]; then
	dkms add -m "$name" -v "$version"
	echo "dkms-install: next, per kernel KVER (headers installed):"
	echo "  dkms build -m $name -v $version -k KVER"
	echo "  dkms install -m $name -v $version -k KVER"
	echo "  modprobe gup_longterm_test        # on the running kernel"
	echo "  undo: scripts/dkms-install.sh --remove --version $version"
fi
