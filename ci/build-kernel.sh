#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build a lean guest kernel from Debian's linux-source-X package, cached
# outside the clone by (source version, config fragments, build recipe):
#   ci/build-kernel.sh NAME
#   ci/build-kernel.sh --cached NAME   exit 0 if NAME is built and cached, 1 if
#                                      not (fetches the source to know its key)
# NAME is a built kernel of ci/kernels.list, VARIANT-VERSION: base.config, then
# the VARIANT fragment (dax, nodax, debug, bench), then version-VERSION.config
# if there is one (what that kernel series names differently). A later
# fragment overrides an earlier one's value of the same option, and the line
# "# glt-drop CONFIG_X" removes CONFIG_X from what is asked (an option the
# series no longer has). ci/kernel-source.sh finds or fetches the source.
# Progress goes to stderr; stdout gets the shell assignments of
# ci/testbed/kernel.sh: KVER, KERNEL_IMAGE, MODULES_DIR, KDIR, KCONFIG.
# The final .config is checked against every option asked for
# (merge_config.sh drops options whose dependencies are missing).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
only_ask_cached=
[ "${1:-}" != --cached ] || { only_ask_cached=1; shift; }
name=${1:-}
variant=${name%-*} ver=${name##*-}
case "$name" in
-h | --help) sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
if [ "$("$here/kernels.sh" get "$name" from 2>/dev/null)" != built ] ||
	[ ! -f "$here/kernel-configs/$variant.config" ] ||
	[ "$("$here/kernels.sh" get "$name" version)" != "$ver" ]; then
	echo "build-kernel: unknown kernel '$name': the kernels built here are" \
		"$("$here/kernels.sh" names "" built | tr '\n' ' ')" \
		"(ci/kernels.list; a new one is a row there and, for a new variant, a fragment in ci/kernel-configs/)" >&2
	exit 2
fi
say() { echo "[build-kernel $name] $*" >&2; }
. "$here/kernel-cache.sh"

assignments=$("$here/kernel-source.sh" "$ver") || exit 1
eval "$assignments"
srcver=$SRCVER tarball=$TARBALL
fragments=("$here/kernel-configs/base.config" "$here/kernel-configs/$variant.config")
[ ! -f "$here/kernel-configs/version-$ver.config" ] ||
	fragments+=("$here/kernel-configs/version-$ver.config")
# The options asked for, one line each, the last fragment's value winning:
# "CONFIG_X=v" or "# CONFIG_X is not set".
wanted=$(cat "${fragments[@]}" | awk '
	/^CONFIG_[A-Za-z0-9_]+=/ { o = $0; sub(/=.*/, "", o); v[o] = $0; if (!(o in seen)) { seen[o] = 1; ord[++n] = o } next }
	/^# CONFIG_[A-Za-z0-9_]+ is not set/ { o = $2; v[o] = $0; if (!(o in seen)) { seen[o] = 1; ord[++n] = o } next }
	/^# glt-drop CONFIG_/ { delete v[$3] }
	END { for (i = 1; i <= n; i++) if (ord[i] in v) print v[ord[i]] }')
# The key covers what makes the kernel: the source, the options and the
# recipe below the marker line (configure, build, install), not the name
# checks, cache lookup and extraction above it, so that adding a variant
# does not rebuild the kernels already cached.
key=$( { echo "$srcver"; echo "$wanted"; sed -n '/^# ---- build recipe/,$p' "$0"; } |
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

if [ -n "$only_ask_cached" ]; then
	[ -f "$cache/done" ]
	exit
fi

# One build of a kernel at a time: a second make run or make check of the
# same kernel waits for the first one's build.
mkdir -p "$cache_root"
glt_cache_lock "$cache" "$name"
if [ -f "$cache/done" ]; then
	say "cached in $cache"
	emit
	exit 0
fi

# Two kernels of one version (make check runs kernels in parallel lanes)
# share the extracted source: one extracts it, the other waits.
glt_kernel_src_tree "$src" "$tarball"

# ---- build recipe: everything from here on is part of the cache key ----
rm -rf "$cache"
mkdir -p "$build"
say "configuring: allnoconfig + ${fragments[*]##*/}"
make -s -C "$src" O="$build" allnoconfig >&2
echo "$wanted" >"$cache/wanted.config"
"$src/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "$cache/wanted.config" >/dev/null
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
done <<<"$wanted"
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
