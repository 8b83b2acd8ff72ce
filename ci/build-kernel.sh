#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build a lean guest kernel from Debian's linux-source-X package, cached
# outside the clone by (source version, config fragments, build recipe):
#   ci/build-kernel.sh VARIANT-VERSION
# VARIANT is a fragment in ci/kernel-configs/ (nodax, debug, bench) applied
# on top of base.config; VERSION is 6.1 or 6.12 (linux-source-VERSION).
# The kernels of the matrix: nodax-6.1, nodax-6.12, debug-6.12; make bench
# uses bench-6.12. Progress goes to stderr; stdout gets the shell
# assignments of ci/testbed/kernel.sh: KVER, KERNEL_IMAGE, MODULES_DIR, KDIR,
# KCONFIG. The final .config is checked against every option the fragments
# ask for (merge_config.sh drops options whose dependencies are missing).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
name=${1:-}
variant=${name%-*} ver=${name##*-}
case "$name" in
-h | --help) sed -n '3,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
if [ "$variant" = "$name" ] || [ "$variant" = base ] ||
	[ ! -f "$here/kernel-configs/$variant.config" ] ||
	{ [ "$ver" != 6.1 ] && [ "$ver" != 6.12 ]; }; then
	echo "build-kernel: unknown kernel '$name': want VARIANT-VERSION, VARIANT one of:" \
		"$(cd "$here/kernel-configs" && ls ./*.config | sed 's|^./||; s|\.config$||' | grep -vx base | tr '\n' ' ')" \
		"VERSION 6.1 or 6.12 (e.g. nodax-6.12)" >&2
	exit 2
fi
say() { echo "[build-kernel $name] $*" >&2; }

tarball=/usr/src/linux-source-$ver.tar.xz
srcver=$(dpkg-query -W -f='${Version}' "linux-source-$ver" 2>/dev/null) || true
[ -n "$srcver" ] && [ -r "$tarball" ] || {
	echo "build-kernel: linux-source-$ver is not installed: run 'make deps' (apt-get install linux-source-$ver)" >&2; exit 1; }
fragments=("$here/kernel-configs/base.config" "$here/kernel-configs/$variant.config")
# The key covers what makes the kernel: the source, the fragments and the
# recipe below the marker line (configure, build, install), not the name
# checks, cache lookup and extraction above it, so that adding a variant
# does not rebuild the kernels already cached.
key=$( { echo "$srcver"; cat "${fragments[@]}"; sed -n '/^# ---- build recipe/,$p' "$0"; } |
	sha256sum | cut -c1-16)
cache_root=${GLT_KERNEL_CACHE:-$HOME/.cache/gup-longterm-test/kernels}
cache=$cache_root/$name-$key
src=$cache_root/src-$ver-$srcver
build=$cache/build

emit() {
	local kver
	kver=$(cat "$build/include/config/kernel.release")
	printf 'KVER=%q\nKERNEL_IMAGE=%q\nMODULES_DIR=%q\nKDIR=%q\nKCONFIG=%q\n' \
		"$kver" "$build/arch/x86/boot/bzImage" "$cache/staging/lib/modules/$kver" \
		"$build" "$build/.config"
}

if [ -f "$cache/done" ]; then
	say "cached in $cache"
	emit
	exit 0
fi

# Two kernels of one version (make check runs kernels in parallel lanes)
# share the extracted source: one extracts it, the other waits.
mkdir -p "$cache_root"
exec {src_lock}>"$src.lock"
flock "$src_lock"
if [ ! -f "$src/Makefile" ]; then
	say "extracting $tarball (once per source version)"
	rm -rf "$src.tmp"
	mkdir -p "$src.tmp"
	tar xf "$tarball" -C "$src.tmp" --strip-components=1
	mv "$src.tmp" "$src"
fi
flock -u "$src_lock"

# ---- build recipe: everything from here on is part of the cache key ----
rm -rf "$cache"
mkdir -p "$build"
say "configuring: allnoconfig + ${fragments[*]##*/}"
make -s -C "$src" O="$build" allnoconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "${fragments[@]}" >/dev/null
make -s -C "$src" O="$build" olddefconfig >&2

# Every option asked for must be in the final .config as asked.
bad=
while read -r line; do
	case "$line" in
	CONFIG_*=*)
		opt=${line%%=*} want=${line#*=}
		grep -qx "$opt=$want" "$build/.config" || bad="$bad $line" ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# } opt=${opt%% *}
		! grep -qE "^$opt=(y|m)" "$build/.config" || bad="$bad $opt=n" ;;
	esac
done < <(cat "${fragments[@]}")
if [ -n "$bad" ]; then
	echo "build-kernel: the final .config does not have:$bad" >&2
	echo "build-kernel: (their dependencies are missing; see $build/.config)" >&2
	exit 1
fi

say "building bzImage and modules with $(nproc) jobs (log: $cache/build.log)"
t0=$SECONDS
make -C "$src" O="$build" -j"$(nproc)" bzImage modules >"$cache/build.log" 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
	sleep 30
	say "$((SECONDS - t0)) s: $(find "$build" -name '*.o' 2>/dev/null | wc -l) objects, last: $(grep -E '^  (CC|LD|AR)' "$cache/build.log" | tail -n 1 | awk '{print $2}')"
done
if ! wait "$pid"; then
	tail -n 30 "$cache/build.log" >&2
	echo "build-kernel: the build failed (log: $cache/build.log)" >&2
	exit 1
fi
make -s -C "$src" O="$build" INSTALL_MOD_PATH="$cache/staging" modules_install >&2
say "built in $((SECONDS - t0)) s"
touch "$cache/done"
emit
