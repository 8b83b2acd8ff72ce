#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build three of the kernel's own mm selftests, gup_longterm, cow and gup_test,
# from Debian's linux-source-X of a kernel of the matrix, statically linked
# (liburing included) so that a busybox guest can run them:
#   ci/build-selftests.sh NAME
# NAME is a kernel of ci/kernels.list; its version picks linux-source-VERSION
# (ci/kernel-source.sh), extracted once and shared with ci/build-kernel.sh
# (ci/kernel-cache.sh), never written to. Cached outside the clone by
# (source version, liburing-dev version, build recipe).
# Progress goes to stderr; stdout gets one line: the directory holding the
# three binaries, gup_test.cmds (the gup_test arguments run_vmtests.sh
# runs, one line each), SOURCE ("linux-source-VERSION SRCVER", then
# "liburing-dev VERSION"), and gup_longterm-patched with PATCHED (whether
# docs/upstream/'s patch drafts applied).
# Exit status: 0 built or cached, 1 the build failed (the log's tail on
# stderr), 2 usage, 3 the source lacks one of the three (5.10, 6.1).
# Needs liburing-dev (make deps-check), without which gup_longterm and cow
# would skip their io_uring cases.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
name=${1:-}
case "$name" in
-h | --help) sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
if [ $# -ne 1 ] || ! ver=$("$here/kernels.sh" get "$name" version 2>/dev/null); then
	echo "build-selftests: usage: ci/build-selftests.sh NAME, NAME one of the kernels of ci/kernels.list:" \
		"$("$here/kernels.sh" names | tr '\n' ' ')" >&2
	exit 2
fi
say() { echo "[build-selftests $name] $*" >&2; }
. "$here/kernel-cache.sh"

assignments=$("$here/kernel-source.sh" "$ver") || exit 1
eval "$assignments"
srcver=${SRCVER:?} tarball=${TARBALL:?}
cache_root=${GLT_KERNEL_CACHE:-$HOME/.cache/gup-longterm-test/kernels}
src=$cache_root/src-$ver-$srcver
glt_kernel_src_tree "$src" "$tarball"

# selftests/vm became selftests/mm in v6.3; linux-source-6.1 has gup_test.c
# only, 5.10 none of the three (gup_benchmark.c).
testdir=tools/testing/selftests/mm
[ -d "$src/$testdir" ] || testdir=tools/testing/selftests/vm
for t in gup_longterm cow gup_test; do
	[ -f "$src/$testdir/$t.c" ] || {
		echo "build-selftests: linux-source-$ver ($srcver) has no $testdir/$t.c" \
			"(linux-source-6.12 is the oldest of the matrix that has all three): no selftests for $name" >&2
		exit 3
	}
done

liburing=$(dpkg-query -W -f='${db:Status-Status} ${Version}' liburing-dev 2>/dev/null || true)
case "$liburing" in
"installed "*) liburing=${liburing#installed } ;;
*)
	echo "build-selftests: liburing-dev is not installed (its liburing.a gives gup_longterm and cow their io_uring cases):" \
		"run 'make deps-check' (apt-get install liburing-dev)" >&2
	exit 1 ;;
esac

# The key covers what makes the binaries: the source, liburing and the
# recipe below the marker line, not the checks and cache lookup above it.
# The upstream patch drafts of docs/upstream/ (gup_longterm-patched).
patches=("$here/../docs/upstream/"0*-selftests-mm-gup_longterm-*.patch)
[ -f "${patches[0]}" ] || patches=()
key=$( { echo "$srcver"; echo "$liburing"; cat "${patches[@]}" /dev/null; sed -n '/^# ---- build recipe/,$p' "$0"; } |
	sha256sum | cut -c1-16)
cache=$cache_root/selftests-$ver-$key
bin=$cache/bin

glt_cache_lock "$cache" "these selftests"
if [ -f "$cache/done" ]; then
	say "cached in $bin"
	echo "$bin"
	exit 0
fi

# ---- build recipe: everything from here on is part of the cache key ----
tests=(gup_longterm cow gup_test)
work=$cache/work log=$cache/build.log
rm -rf "$cache"
mkdir -p "$work/tree" "$work/out" "$bin"
touch "$work/stamp"
fail() {
	tail -n 30 "$log" >&2
	echo "build-selftests: $* (log: $log)" >&2
	exit 1
}
t0=$SECONDS

# The uapi headers of this very kernel (the selftests use what their kernel
# added), made with O= so that the shared source tree stays clean: make
# headers, which leaves them in O/usr/include (headers_install only copies
# them on with rsync).
say "making the uapi headers of linux-source-$ver $srcver"
nice -n 10 make -C "$src" O="$work/obj" -j2 headers >"$log" 2>&1 ||
	fail "make headers failed"

# The upstream Makefile writes local_config.* (check_config.sh: is liburing
# there?) next to the tests: it runs on a copy of what it reads, in the same
# layout (mm/gup_test.h is ../../../../mm/gup_test.h; the x86 dir has the
# compiler probes; tools/include is TOOLS_INCLUDES). Which helpers each test
# links (vm_util.c, thp_settings.c or hugepage_settings.c) is the Makefile's
# business.
(cd "$src" && cp -a --parents mm/gup_test.h tools/include \
	tools/testing/selftests/lib.mk tools/testing/selftests/kselftest*.h \
	tools/testing/selftests/kselftest tools/testing/selftests/x86 \
	"$testdir" "$work/tree") 2>>"$log" || fail "copying the selftests out of $src failed"
say "building ${tests[*]}: static, liburing-dev $liburing, make -j2 at nice 10 (log: $log)"
nice -n 10 make -C "$work/tree/$testdir" -j2 V=1 OUTPUT="$work/out" \
	KHDR_INCLUDES="-isystem $work/obj/usr/include" LDFLAGS=-static \
	"${tests[@]/#/$work/out/}" >>"$log" 2>&1 || fail "the build failed"

grep -qs '^#define LOCAL_CONFIG_HAVE_LIBURING 1' "$work/tree/$testdir"/local_config.h* ||
	fail "check_config.sh found no liburing (no LOCAL_CONFIG_HAVE_LIBURING in local_config.h): gup_longterm and cow would skip their io_uring cases"
# (grep reads all of its input: grep -q would leave readelf and nm a
# SIGPIPE, which pipefail turns into a failure.)
for t in "${tests[@]}"; do
	! readelf -lW "$work/out/$t" | grep 'program interpreter' >/dev/null ||
		fail "$t is linked dynamically: a busybox guest cannot run it"
done
for t in gup_longterm cow; do
	nm "$work/out/$t" | grep ' T io_uring_queue_init$' >/dev/null ||
		fail "$t has no liburing linked in (no io_uring_queue_init)"
done
written=$(find "$src" -newer "$work/stamp" -print -quit)
[ -z "$written" ] || fail "the build wrote into the shared source tree ($written): it must stay clean"

cp "${tests[@]/#/$work/out/}" "$bin/"
# gup_longterm again with the upstream patch drafts of docs/upstream/
# applied, where they apply (they are against the newest source of the
# matrix): what the patched test says on the same kernel and fixtures.
if [ ${#patches[@]} -gt 0 ]; then
	cp -a "$work/tree" "$work/tree-patched"
	rm -f "$work/tree-patched/$testdir"/local_config.*
	if (cd "$work/tree-patched" && for p in "${patches[@]}"; do patch -s -p1 --dry-run <"$p" >/dev/null && patch -s -p1 <"$p" || exit 1; done) >>"$log" 2>&1; then
		mkdir -p "$work/out-patched"
		nice -n 10 make -C "$work/tree-patched/$testdir" -j2 V=1 OUTPUT="$work/out-patched" \
			KHDR_INCLUDES="-isystem $work/obj/usr/include" LDFLAGS=-static \
			"$work/out-patched/gup_longterm" >>"$log" 2>&1 || fail "gup_longterm with docs/upstream/'s patches did not build"
		cp "$work/out-patched/gup_longterm" "$bin/gup_longterm-patched"
		say "gup_longterm-patched: with ${patches[*]##*/}"
		echo "built with ${patches[*]##*/}" >"$bin/PATCHED"
	else
		say "docs/upstream/'s patches do not apply to linux-source-$ver: no gup_longterm-patched"
		echo "not built: docs/upstream/'s patches do not apply to linux-source-$ver $srcver" >"$bin/PATCHED"
	fi
fi
# The gup_test command lines this kernel's run_vmtests.sh runs by default
# (not its -a matrix, which continues over several lines), one per line.
sed -n 's/^ *CATEGORY="gup_test" run_test \.\/gup_test \(.*[^\\]\)$/\1/p' \
	"$src/$testdir/run_vmtests.sh" >"$bin/gup_test.cmds"
[ -s "$bin/gup_test.cmds" ] || fail "no 'run_test ./gup_test ARGS' line in $testdir/run_vmtests.sh"
printf 'linux-source-%s %s\nliburing-dev %s\n' "$ver" "$srcver" "$liburing" >"$bin/SOURCE"
rm -rf "$work"
say "built in $((SECONDS - t0)) s: ${tests[*]} in $bin"
touch "$cache/done"
echo "$bin"
