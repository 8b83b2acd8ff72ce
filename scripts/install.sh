#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install and uninstall gup-longterm-test; the top-level Makefile's
# install, uninstall and install-module targets call this.
#
#   scripts/install.sh install   PREFIX [DESTDIR]   (make install)
#   scripts/install.sh uninstall PREFIX [DESTDIR]   (make uninstall)
#   scripts/install.sh module KDIR OUT              (make install-module)
#
# install copies, below $DESTDIR$PREFIX:
#   bin/gup-longterm-test                 build/harness/gup-longterm-test
#   sbin/glt-fixtures                     fixtures/glt-fixtures
#   share/man/man1/gup-longterm-test.1    man/
#   share/man/man8/glt-fixtures.8         man/
#   include/gup-longterm-test/gup_longterm_test.h   uapi/
#   share/doc/gup-longterm-test/          README.md, CONTRIBUTING.md, docs/*.md
#   share/gup-longterm-test/installed     what install made, for uninstall
# uninstall removes those files and the directories install made (never a
# directory that existed before, nor one that is not empty). The list holds
# the paths without DESTDIR, as they are after a package manager copied a
# staged tree to /.
#
# The header goes to include/gup-longterm-test/, not include/linux/: it is
# this project's ABI, not the kernel's, and include/linux/ of a system is
# the kernel's uapi (Debian: linux-libc-dev), which a file of ours in
# /usr/local/include/linux/ would shadow for every compiler run. Use it as
# #include <gup-longterm-test/gup_longterm_test.h>; it needs only
# <linux/types.h>, <linux/ioctl.h> and <linux/const.h>.
#
# module builds driver/ against KDIR in OUT and installs it with kbuild's
# modules_install to $INSTALL_MOD_PATH/lib/modules/KVER/extra/, then runs
# depmod. KVER is the kernel's UTS_RELEASE (KVER=... overrides it).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }
bad() { echo "install: $*" >&2; usage >&2; exit 2; }

cmd=${1:-}
case "$cmd" in
-h | --help) usage; exit 0 ;;
install | uninstall)
	if [ $# -lt 2 ] || [ $# -gt 3 ]; then bad "$cmd needs PREFIX [DESTDIR]"; fi
	prefix=$2 destdir=${3:-}
	case "$prefix" in /*) ;; *) bad "PREFIX must be an absolute path, got '$prefix'" ;; esac
	case "$destdir" in "" | /*) ;; *) bad "DESTDIR must be empty or an absolute path, got '$destdir'" ;; esac
	root=$destdir${prefix%/}
	manifest=$root/share/gup-longterm-test/installed ;;
module)
	[ $# -eq 3 ] || bad "module needs KDIR OUT" ;;
*) bad "unknown command '$cmd'" ;;
esac

# mkdirs DIR: make DIR and its missing parents, and record each one made
# (parents first) in $made_dirs.
made_dirs=()
mkdirs() {
	local d=$1 missing=()
	while [ ! -d "$d" ]; do
		missing=("$d" "${missing[@]}")
		d=$(dirname "$d")
	done
	for d in "${missing[@]}"; do
		install -d -m 0755 "$d"
		made_dirs+=("$d")
	done
}

# The files install puts below $root: "MODE SOURCE DEST-DIR".
files() {
	echo "0755 $top/build/harness/gup-longterm-test bin"
	echo "0755 $top/fixtures/glt-fixtures sbin"
	echo "0644 $top/man/gup-longterm-test.1 share/man/man1"
	echo "0644 $top/man/glt-fixtures.8 share/man/man8"
	echo "0644 $top/uapi/gup_longterm_test.h include/gup-longterm-test"
	for doc in "$top/README.md" "$top/CONTRIBUTING.md" "$top"/docs/*.md; do
		[ ! -f "$doc" ] || echo "0644 $doc share/doc/gup-longterm-test"
	done
}

do_install() {
	local harness=$top/build/harness/gup-longterm-test mode src dir
	[ -x "$harness" ] || { echo "install: $harness is missing: run 'make harness' first (make install does)" >&2; exit 1; }
	echo "install: into $root"
	local list=() old=()
	# Over an earlier install: keep what it made, for uninstall.
	[ ! -f "$manifest" ] || mapfile -t old <"$manifest"
	while read -r mode src dir; do
		mkdirs "$root/$dir"
		install -m "$mode" "$src" "$root/$dir/"
		list+=("file ${root#"$destdir"}/$dir/$(basename "$src")")
		echo "  $root/$dir/$(basename "$src")"
	done < <(files)
	mkdirs "$(dirname "$manifest")"
	{
		printf '%s\n' "${list[@]}" "file ${manifest#"$destdir"}"
		for d in "${made_dirs[@]}"; do echo "dir ${d#"$destdir"}"; done
		for line in "${old[@]}"; do
			case "$line" in "dir "* | "file "*) echo "$line" ;; esac
		done
	} | sort -u >"$manifest.new"
	mv "$manifest.new" "$manifest"
	chmod 0644 "$manifest"
}

do_uninstall() {
	local what path
	if [ ! -f "$manifest" ]; then
		echo "install: nothing installed in $root (no $manifest)"
		return 0
	fi
	echo "uninstall: from $root"
	# Read it whole first: it is one of the files removed. Files first,
	# then the directories install made, deepest first.
	mapfile -t lines <"$manifest"
	for line in "${lines[@]}"; do
		what=${line%% *} path=${line#* }
		[ "$what" != file ] || { rm -f -- "$destdir$path" && echo "  removed $destdir$path"; }
	done
	printf '%s\n' "${lines[@]}" | sed -n 's/^dir //p' | awk '{ print gsub("/", "/"), $0 }' |
		sort -rn | cut -d' ' -f2- | while read -r path; do
		path=$destdir$path
		if rmdir -- "$path" 2>/dev/null; then
			echo "  removed $path/"
		elif [ -d "$path" ]; then
			echo "  kept $path/ (not empty)"
		fi
	done
}

do_module() {
	local kdir=$1 out=$2 kver
	[ -f "$kdir/Makefile" ] || { echo "install-module: no kernel build tree at $kdir: install the headers (Debian: apt-get install linux-headers-\$(uname -r)) or pass KDIR=" >&2; exit 1; }
	kver=${KVER:-$(sed -n 's/.*UTS_RELEASE "\(.*\)".*/\1/p' "$kdir/include/generated/utsrelease.h" 2>/dev/null || true)}
	[ -n "$kver" ] || { echo "install-module: cannot read UTS_RELEASE from $kdir/include/generated/utsrelease.h: pass KVER=" >&2; exit 1; }
	case "$out" in */) out=${out%/} ;; esac
	out=$out/$kver
	make -C "$top/driver" KDIR="$kdir" OUT="$out"
	# KERNELRELEASE: Debian's 6.1 headers answer `make kernelrelease`
	# with the upstream version (6.1.NNN), not the directory under
	# /lib/modules; UTS_RELEASE is what the kernel reports.
	# Signing (CONFIG_MODULE_SIG_ALL) needs the kernel's private key;
	# without it kbuild prints sign-file's error and goes on (for
	# external modules), and the module is installed unsigned.
	make -C "$kdir" M="$out" KERNELRELEASE="$kver" INSTALL_MOD_DIR=extra modules_install
	# kbuild's depmod.sh skips depmod without System.map, which headers
	# packages do not ship.
	depmod ${INSTALL_MOD_PATH:+-b "$INSTALL_MOD_PATH"} "$kver"
	echo "install-module: installed into ${INSTALL_MOD_PATH:-}/lib/modules/$kver/extra/; load it with: modprobe gup_longterm_test"
	echo "install-module: undo: rm ${INSTALL_MOD_PATH:-}/lib/modules/$kver/extra/gup_longterm_test.ko* && depmod ${INSTALL_MOD_PATH:+-b $INSTALL_MOD_PATH }$kver"
}

case "$cmd" in
install) do_install ;;
uninstall) do_uninstall ;;
module) do_module "$2" "$3" ;;
esac
