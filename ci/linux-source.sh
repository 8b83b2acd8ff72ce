#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Files of Debian's linux-source-VERSION, into DEST/linux-source-VERSION/:
#   ci/linux-source.sh VERSION DEST PATH...   (PATH: file or directory)
# From the tree ci/build-kernel.sh already extracted for this very package
# version when there is one (a copy: seconds saved per call), otherwise from
# the linux-source-VERSION.tar.xz that ci/kernel-source.sh finds or fetches
# (xz reads the whole tarball: ~10 s).
set -euo pipefail

ver=${1:?usage: ci/linux-source.sh VERSION DEST PATH...}
dest=${2:?usage: ci/linux-source.sh VERSION DEST PATH...}
shift 2
[ $# -gt 0 ] || { echo "linux-source: no PATH given" >&2; exit 2; }
assignments=$("$(dirname "$0")/kernel-source.sh" "$ver") || exit 1
eval "$assignments"
tarball=$TARBALL srcver=$SRCVER
tree=${GLT_KERNEL_CACHE:-$HOME/.cache/gup-longterm-test/kernels}/src-$ver-$srcver
out=$dest/linux-source-$ver
mkdir -p "$out"
if [ -f "$tree/Makefile" ]; then
	(cd "$tree" && cp -a --parents "$@" "$out/")
else
	tar xf "$tarball" -C "$dest" "${@/#/linux-source-$ver/}"
fi
