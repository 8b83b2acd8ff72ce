#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Kernel-side lint: checkpatch --strict on driver/ and uapi/, and W=1 + sparse
# builds against every kernel's headers, failing on any warning.
#   ci/lint-driver.sh [KERNEL-NAME...]   (default: the check set of
#                                        ci/kernels.list; a built kernel
#                                        is built first if not cached)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tools=$top/build/tools/checkpatch
# checkpatch.pl and the files it reads, from linux-source-6.12 (fetched
# under the private apt state, never installed). Not the newest series: 7.x's
# checkpatch asks for kzalloc_obj() (ALLOC_WITH_SIZEOF), which the older
# kernels of the matrix do not have.
if [ ! -f "$tools/scripts/checkpatch.pl" ]; then
	ver=6.12
	rm -rf "$tools.tmp"
	"$top/ci/linux-source.sh" "$ver" "$tools.tmp" scripts/checkpatch.pl \
		scripts/spelling.txt scripts/const_structs.checkpatch
	mkdir -p "$(dirname "$tools")"
	rm -rf "$tools"
	mv "$tools.tmp/linux-source-$ver" "$tools"
	rm -rf "$tools.tmp"
fi
echo "checkpatch --strict (from $tools)"
# Any ERROR, WARNING or CHECK fails: checkpatch itself exits 0 on CHECKs.
checkpatch() {
	local out
	out=$(perl "$tools/scripts/checkpatch.pl" --strict --no-tree --terse --show-types "$@") || true
	echo "$out"
	! grep -qE ': (ERROR|WARNING|CHECK):' <<<"$out"
}
checkpatch -f "$top"/driver/gup_longterm_test.c "$top"/driver/gup_longterm_test_fv.c \
	"$top"/uapi/gup_longterm_test.h
# driver/compat.h is the one file whose job is LINUX_VERSION_CODE tests.
checkpatch --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f "$top"/driver/compat.h

names=("$@")
[ ${#names[@]} -gt 0 ] || mapfile -t names < <("$top/ci/kernels.sh" names check)
for name in "${names[@]}"; do
	assignments=$("$top/ci/testbed/kernel.sh" "$name") || exit 1
	eval "$assignments"
	out=$top/build/lint/$name
	mkdir -p "$top/build/lint"
	rm -rf "$out"
	echo "W=1 C=1 build against $KDIR${KMAKE:+ ($KMAKE)}"
	# KMAKE: what another architecture's headers need (ARCH=,
	# CROSS_COMPILE=, CC=: ci/stock-kernel.sh), as the module's own build.
	# shellcheck disable=SC2086 # KMAKE is a list of make assignments
	make -C "$top/driver" KDIR="$KDIR" OUT="$out" W=1 C=1 ${KMAKE:-} >"$out.log" 2>&1 || { cat "$out.log"; exit 1; }
	if grep -E 'warning:|error:' "$out.log"; then
		echo "warnings in the W=1/sparse build against $name ($KVER)"
		exit 1
	fi
done
echo "driver lint clean"
