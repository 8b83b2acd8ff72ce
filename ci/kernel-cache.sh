# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# The kernel cache's two shared pieces, for ci/build-kernel.sh (kernel
# builds, O= outside the source tree) and ci/build-selftests.sh (the mm
# selftests, copied out of it): the extracted tree of a kernel source
# package, and the lock of one cached build. Sourced; uses the caller's
# say(). Nothing may write into the tree once it is extracted: kernels of
# one version (make check runs kernels in parallel lanes) and their
# selftests all read it.

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

# glt_cache_lock CACHE-DIR WHAT: hold CACHE-DIR.lock until the script exits:
# one build of CACHE-DIR at a time, a second caller waits for the first
# one's build instead of wiping it.
glt_cache_lock() {
	local lock
	exec {lock}>"$1.lock"
	if ! flock -n "$lock"; then
		say "another build of $2 is running ($1): waiting for it"
		flock "$lock"
	fi
}
