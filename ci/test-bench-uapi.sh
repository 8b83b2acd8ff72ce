#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench's copy of the kernel's gup_test uapi (bench/gup_test_uapi.h)
# against the real mm/gup_test.h of each linux-source package (struct
# layout and ioctl numbers, compiled by bench/check-uapi.c), and the FOLL_*
# values glt-bench hands to gup_test against the kernel's own definitions
# (FOLL_* are not ABI: include/linux/mm.h in 6.1, mm_types.h in 6.12).
#   ci/test-bench-uapi.sh
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# value_of NAME FILE...: the kernel's value of FOLL_NAME, as a number.
value_of() {
	local name=$1 v
	shift
	v=$(sed -n -E "s/^#define $name[[:space:]]+(0x[0-9a-fA-F]+|[0-9]+).*/\1/p; s/^[[:space:]]*$name = (1 << [0-9]+|0x[0-9a-fA-F]+),.*/\1/p" "$@" | head -n 1)
	[ -n "$v" ] || { echo "test-bench-uapi: $name not found in $*" >&2; return 1; }
	echo $(($v))
}
# ours NAME: the value in bench/gup_test_uapi.h.
ours() {
	local v
	v=$(sed -n -E "s/^#define $1[[:space:]]+([^/]*).*/\1/p" "$top/bench/gup_test_uapi.h" | tr -d '()U' | sed 's/[[:space:]]*$//')
	[ -n "$v" ] || { echo "test-bench-uapi: $1 not in bench/gup_test_uapi.h" >&2; return 1; }
	echo $(($v))
}

rc=0
for ver in $("$top/ci/kernels.sh" versions); do
	# 5.10 has gup_benchmark (another ABI), not gup_test.
	if [ "$ver" = 5.10 ]; then
		echo "linux-source-$ver: no mm/gup_test.h (CONFIG_GUP_BENCHMARK's mm/gup_benchmark.c until v5.11): not compared"
		continue
	fi
	"$top/ci/linux-source.sh" "$ver" "$tmp" mm/gup_test.h include/linux/mm.h \
		include/linux/mm_types.h || exit 1
	src=$tmp/linux-source-$ver
	make -s -C "$top/bench" OUT="$tmp" check-uapi KSRC="$src" || rc=1
	tag=${ver//./_}
	for pair in "FOLL_WRITE GUP_TEST_FOLL_WRITE" "FOLL_LONGTERM GUP_TEST_FOLL_LONGTERM_$tag"; do
		k=$(value_of "${pair% *}" "$src/include/linux/mm.h" "$src/include/linux/mm_types.h")
		o=$(ours "${pair#* }")
		if [ "$k" = "$o" ]; then
			echo "linux-source-$ver: ${pair% *} = $k, as bench/gup_test_uapi.h's ${pair#* }"
		else
			echo "linux-source-$ver: ${pair% *} = $k, but bench/gup_test_uapi.h's ${pair#* } = $o" >&2
			rc=1
		fi
	done
done
exit "$rc"
