#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Where Debian's linux-source-VERSION is, fetched if it must be:
#   ci/kernel-source.sh VERSION
# prints two shell assignments, SRCVER (the package version) and TARBALL
# (linux-source-VERSION.tar.xz). The Debian suite that serves VERSION comes
# from ci/kernels.list. The host's own suite is installed by 'make deps' and read
# from dpkg; another suite's package (bullseye's 5.10, trixie-backports' 7.3)
# is fetched with 'apt-get download' under a private sources list and state
# directory in the kernel cache, then unpacked there with 'dpkg -x'. The
# system's apt configuration is never changed: the private list reuses the
# archive URIs the system's own sources name, with the other suite.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
ver=${1:?usage: ci/kernel-source.sh VERSION}
pkg=linux-source-$ver
suite=$("$here/kernels.sh" suite-of-version "$ver") || exit 2
host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
say() { echo "[kernel-source $ver] $*" >&2; }

if [ "$suite" = "$host_suite" ]; then
	srcver=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) || true
	tarball=/usr/src/$pkg.tar.xz
	[ -n "$srcver" ] && [ -r "$tarball" ] || {
		echo "kernel-source: $pkg is not installed: run 'make deps' (apt-get install $pkg)" >&2; exit 1; }
	printf 'SRCVER=%q\nTARBALL=%q\n' "$srcver" "$tarball"
	exit 0
fi

cache_root=${GLT_KERNEL_CACHE:-$HOME/.cache/gup-longterm-test/kernels}
apt_root=$cache_root/apt-$suite
mkdir -p "$apt_root"
exec {lock}>"$apt_root.lock"
flock "$lock"

# The archive the system already uses for Debian's main component: the
# first URI of a deb822 or one-line source whose suite is the host's.
archive_uri() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk -v s="$host_suite" '
			/^$/ { if (u != "" && ok) { print u; exit } u = ""; ok = 0 }
			/^URIs:/ { u = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
			END { if (u != "" && ok) print u }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		awk -v s="$host_suite" '$1 == "deb" && $3 == s { print $2 }' "$f"
	done
}
uri=$(archive_uri | grep -v -- '-security' | head -n 1)
[ -n "$uri" ] || {
	echo "kernel-source: no Debian archive for '$host_suite' in /etc/apt/sources*: cannot fetch $pkg from $suite" >&2; exit 1; }

mkdir -p "$apt_root/lists/partial" "$apt_root/archives/partial" "$apt_root/debs" "$apt_root/etc/parts"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" >"$apt_root/etc/sources.list"
apt_opts=(-o Dir::Etc::SourceList="$apt_root/etc/sources.list"
	-o Dir::Etc::SourceParts="$apt_root/etc/parts"
	-o Dir::State="$apt_root" -o Dir::State::Lists="$apt_root/lists"
	-o Dir::State::status=/var/lib/dpkg/status
	-o Dir::Cache="$apt_root" -o Dir::Cache::archives="$apt_root/archives"
	-o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
# The index is refreshed once a day at most; a cached index whose package
# has been replaced upstream is refreshed on the download's failure.
stamp=$apt_root/lists/.updated
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
	say "reading the $suite index (private apt state in $apt_root)"
	if apt-get "${apt_opts[@]}" -q update >&2; then
		touch "$stamp"
	elif [ -f "$stamp" ]; then
		# Offline, or the mirror is down: the index of the last refresh
		# still names a source that is cached here.
		say "apt-get update of $suite failed: using the index of $(date -r "$stamp" '+%F %R')"
	else
		echo "kernel-source: apt-get update of $suite failed, and there is no earlier index in $apt_root: check the network and the archive in /etc/apt/sources*" >&2
		exit 1
	fi
fi
srcver=$(apt-cache "${apt_opts[@]}" show "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n 1)
[ -n "$srcver" ] || { echo "kernel-source: $suite has no $pkg" >&2; exit 1; }
dir=$apt_root/debs/$pkg-$srcver
if [ ! -f "$dir/done" ]; then
	say "downloading $pkg $srcver from $suite"
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$dir" && apt-get "${apt_opts[@]}" -q download "$pkg=$srcver") >&2 || {
		echo "kernel-source: apt-get download $pkg=$srcver failed" >&2; exit 1; }
	dpkg -x "$dir"/"$pkg"_*.deb "$dir/root"
	rm -f "$dir"/"$pkg"_*.deb
	touch "$dir/done"
fi
tarball=$(ls "$dir"/root/usr/src/"$pkg".tar.* 2>/dev/null | head -n 1)
[ -r "$tarball" ] || { echo "kernel-source: $pkg $srcver holds no /usr/src/$pkg.tar.*" >&2; exit 1; }
printf 'SRCVER=%q\nTARBALL=%q\n' "$srcver" "$tarball"
