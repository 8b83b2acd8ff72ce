# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# The extracted tree of a kernel source package, shared by ci/build-kernel.sh
# (kernel builds, O= outside it) and ci/build-selftests.sh (the mm
# selftests, copied out of it). Sourced; uses the caller's say(). Nothing
# may write into the tree once it is extracted: kernels of one version (make
# check runs kernels in parallel lanes) and their selftests all read it.

# glt_kernel_src_tree SRC TARBALL: extract TARBALL into the directory SRC
# once. Two callers for one version do not clash: one extracts under a lock
# on SRC.lock, the other waits for it, then finds the tree there.
glt_kernel_src_tree() {
	local src=$1 tarball=$2 lock
	mkdir -p "$(dirname "$src")"
	exec {lock}>"$src.lock"
	flock "$lock"
	if [ ! -f "$src/Makefile" ]; then
		say "extracting $tarball (once per source version)"
		rm -rf "$src.tmp"
		mkdir -p "$src.tmp"
		tar xf "$tarball" -C "$src.tmp" --strip-components=1
		mv "$src.tmp" "$src"
	fi
	flock -u "$lock"
	exec {lock}>&-
}
