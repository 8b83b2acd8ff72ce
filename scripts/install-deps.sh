#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install what building and running the test-bed needs, from Debian's
# packages. Kernel packages go through their metapackages, never a versioned
# name that an update removes. Does nothing when everything is installed.
#   scripts/install-deps.sh           what make run needs
#   scripts/install-deps.sh --check   and what only make check's own checks
#                                     need (Chromium, for the report's
#                                     screenshot; liburing-dev, for the
#                                     kernel's mm selftests)
set -euo pipefail

packages=(
	build-essential pkg-config bc bison flex libelf-dev libssl-dev dwarves
	check libsubunit-dev libmount-dev libndctl-dev libdaxctl-dev
	qemu-system-x86 busybox-static cpio kmod ndctl jq e2fsprogs xfsprogs
	sparse valgrind util-linux debian-archive-keyring
	clang-format cppcheck
	libibverbs-dev ibverbs-providers iproute2 python3
)
case "${1:-}" in
"") ;;
--check)
	# liburing-dev: ci/build-selftests.sh links the kernel's gup_longterm
	# and cow statically with its liburing.a, without which they skip
	# their io_uring cases.
	packages+=(chromium liburing-dev) ;;
*) echo "usage: scripts/install-deps.sh [--check]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: not root. Run:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
