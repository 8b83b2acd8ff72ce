#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Where Debian's linux-source-VERSION is, fetched if it must be:
#   ci/kernel-source.sh VERSION [SUITES]
# prints two shell assignments, SRCVER (the package version) and TARBALL
# (linux-source-VERSION.tar.xz). The Debian suite that serves VERSION comes
# from ci/kernels.list, or SUITES (comma-separated pockets) when given: the
# suites of a stock kernel, whose own source ci/stock-kernel.sh builds
# kbuild's host tools from. The package is fetched with 'apt-get download' under
# a private sources list and state directory in the kernel cache
# (ci/debian-apt.sh), then unpacked there: nothing is installed on the host,
# and its apt configuration is never changed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
ver=${1:?usage: ci/kernel-source.sh VERSION [SUITES]}
pkg=linux-source-$ver
suite=${2:-$("$here/kernels.sh" suite-of-version "$ver")} || exit 2
say() { echo "[kernel-source $ver] $*" >&2; }
. "$here/debian-apt.sh"

glt_apt_init "$suite"
srcver=$(glt_apt_version "$pkg")
[ -n "$srcver" ] || { echo "kernel-source: $suite has no $pkg" >&2; exit 1; }
dir=$glt_apt_root/debs/$pkg-$srcver
glt_apt_fetch "$dir" "$pkg=$srcver"
tarball=$(ls "$dir"/root/usr/src/"$pkg".tar.* 2>/dev/null | head -n 1)
[ -r "$tarball" ] || { echo "kernel-source: $pkg $srcver holds no /usr/src/$pkg.tar.*" >&2; exit 1; }
printf 'SRCVER=%q\nTARBALL=%q\n' "$srcver" "$tarball"
