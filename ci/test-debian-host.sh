#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A new user's first command on a fresh Debian host, as that user runs it:
#   ci/test-debian-host.sh [--own-kernel] [--user] SUITE   (trixie, bookworm)
# makes a clean root of SUITE with mmdebstrap (--variant=apt, with only git,
# make and ca-certificates), clones this repository's HEAD into it, and
# runs the README's `make run` there as root (it installs the host tools
# with apt-get itself). Then it checks that the root's /boot and
# /lib/modules are still empty and its dpkg database holds no
# linux-image, -headers, -kbuild or -source package: Debian's kernels are
# fetched into the kernel cache, never installed.
#   --user        then, the packages being installed, a user who is not
#                 root clones and runs `make run` (kernels cached under
#                 that user's ~/.cache)
#   --own-kernel  then the user installs SUITE-backports' kernel in the
#                 root (apt-get install -t SUITE-backports linux-image-amd64
#                 linux-headers-amd64) and runs `make run KERNEL_IMAGE=...
#                 KDIR=... MODULES_DIR=...`: it must pass under its own
#                 release's name, not a matrix kernel's
# Each step prints its wall time; the last line is "N passed, N failed".
# Needs root (mmdebstrap, chroot, bind mounts) and the network to the
# Debian archive (GLT_DEBIAN_ARCHIVE names a mirror). The root is made in
# GLT_HOST_ROOT (default build/hosts/SUITE) and removed at the end unless
# GLT_KEEP_ROOT=1.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
user=0 own=0
while [ $# -gt 0 ]; do
	case "$1" in
	--user) user=1; shift ;;
	--own-kernel) own=1; shift ;;
	-h | --help) sed -n '3,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "test-debian-host: unknown option '$1'" >&2; exit 2 ;;
	*) break ;;
	esac
done
suite=${1:?usage: ci/test-debian-host.sh [--own-kernel] [--user] SUITE (e.g. trixie)}
[ "$(id -u)" -eq 0 ] || { echo "test-debian-host: needs root (mmdebstrap, chroot and bind mounts): run it with sudo" >&2; exit 2; }
command -v mmdebstrap >/dev/null || { echo "test-debian-host: mmdebstrap is missing: apt-get install mmdebstrap" >&2; exit 2; }
root=${GLT_HOST_ROOT:-$top/build/hosts/$suite}
mirror=${GLT_DEBIAN_ARCHIVE:-http://deb.debian.org/debian}
passed=0 failed=0
say() { echo "[host $suite] $*"; }
ok() { passed=$((passed + 1)); say "ok: $*"; }
bad() { failed=$((failed + 1)); say "FAILED: $*"; }

mounts=()
# remove_root: never through a mount: a /dev or /proc still bound into the
# root (a run killed before its cleanup) is unmounted first, and rm stays
# on the root's own filesystem.
remove_root() {
	local m
	[ -e "$root" ] || return 0
	awk -v r="$(readlink -f "$root")/" 'index($2 "/", r) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m"; done
	if awk -v r="$(readlink -f "$root")/" 'index($2 "/", r) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
		echo "test-debian-host: something is still mounted under $root: not removing it" >&2
		return 1
	fi
	rm -rf --one-file-system "$root"
}
cleanup() {
	local m
	for ((m = ${#mounts[@]} - 1; m >= 0; m--)); do umount -l "${mounts[m]}" 2>/dev/null || true; done
	[ "${GLT_KEEP_ROOT:-0}" = 1 ] || remove_root
}
trap cleanup EXIT
# in_root [--as USER] COMMAND: a login shell in the root, its output
# prefixed; returns the command's status.
in_root() {
	local as=root
	[ "$1" != --as ] || { as=$2; shift 2; }
	chroot "$root" /usr/sbin/runuser -l "$as" -c "$1" 2>&1 | sed -u "s/^/[host $suite] | /"
	return "${PIPESTATUS[0]}"
}
timed() {
	local t0=$SECONDS what=$1 rc=0
	shift
	"$@" || rc=$?
	say "$what: $((SECONDS - t0)) s (exit $rc)"
	return $rc
}

remove_root || exit 1
mkdir -p "$(dirname "$root")"
timed "mmdebstrap $suite" mmdebstrap --quiet --variant=apt --include=git,make,ca-certificates \
	"$suite" "$root" "deb $mirror $suite main" || { bad "mmdebstrap $suite"; echo "$passed passed, $failed failed"; exit 1; }
for m in proc sys dev dev/pts; do
	mount --bind "/$m" "$root/$m"
	mounts+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# The clone a new user makes, of what is committed here.
git clone -q "$top" "$root/root/gup-longterm-test"

# What must stay as it was: the root's boot state and its kernel packages,
# as make check's host-boot-unchanged reads them (ci/host-boot-state.sh).
boot_state() { chroot "$root" /root/gup-longterm-test/ci/host-boot-state.sh; }
before=$(boot_state)

if timed "make run (root, cold: host tools, kernel fetch, guest)" in_root "cd /root/gup-longterm-test && make run"; then
	ok "make run in a fresh $suite root"
else
	bad "make run in a fresh $suite root"
fi
after=$(boot_state)
if [ "$before" = "$after" ] && ! grep -q '^ii ' <<<"$after"; then
	ok "the root's /boot, /lib/modules and linux-* packages are as they were (none installed)"
else
	bad "make run changed the root's boot state: $(diff <(echo "$before") <(echo "$after") | tail -n +2 | tr '\n' ' ')"
fi
if timed "make run again (root, warm)" in_root "cd /root/gup-longterm-test && make run"; then
	ok "make run, warm"
else
	bad "make run, warm"
fi

if [ "$user" = 1 ]; then
	chroot "$root" useradd -m glt-user
	# The user's own clone (made here, then given to the user: git refuses
	# to clone a repository another user owns).
	git clone -q "$top" "$root/home/glt-user/gup-longterm-test"
	chroot "$root" chown -R glt-user: /home/glt-user/gup-longterm-test
	for cache in cold warm; do
		if timed "make run as a user who is not root ($cache kernel cache)" \
			in_root --as glt-user "cd gup-longterm-test && make run"; then
			ok "make run as a user who is not root, $cache"
		else
			bad "make run as a user who is not root, $cache"
		fi
	done
fi

if [ "$own" = 1 ]; then
	echo "deb $mirror $suite-backports main" >"$root/etc/apt/sources.list.d/backports.list"
	if timed "apt-get install -t $suite-backports linux-image-amd64 linux-headers-amd64 (the user's own choice)" \
		in_root "apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -t $suite-backports linux-image-amd64 linux-headers-amd64 >/dev/null"; then
		kver=$(chroot "$root" dpkg-query -W -f='${Depends}' linux-image-amd64 | tr ',|' '\n\n' |
			sed -n 's/^ *linux-image-\([^ ]*\).*/\1/p' | head -n 1)
		for pass in first again; do
			if timed "make run KERNEL_IMAGE=/boot/vmlinuz-$kver (own kernel, $pass)" in_root "cd /root/gup-longterm-test &&
				make run KERNEL_IMAGE=/boot/vmlinuz-$kver KDIR=/lib/modules/$kver/build MODULES_DIR=/lib/modules/$kver" &&
				[ -f "$root/root/gup-longterm-test/build/results/$kver/results/results.tap" ]; then
				ok "make run on $suite-backports' $kver ($pass), stored under its own name (build/results/$kver)"
			else
				bad "make run on $suite-backports' $kver ($pass)"
			fi
		done
	else
		bad "installing $suite-backports' kernel in the root"
	fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
