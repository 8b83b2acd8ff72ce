#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run fixtures/test-glt-fixtures (the fixture tool's self-test: refusals,
# cleanup after failures and signals, teardown retries) in a test-bed guest
# with 4 fresh emulated NVDIMMs, on one kernel of the matrix.
#
#   ci/testbed/test-fixtures.sh [KERNEL-NAME (debian-6.1)] [OUT-DIR]
#
# Exit 0 when every check passed and the guest run was clean. ~1 min (TCG).
set -euo pipefail
case "${1:-}" in -h | --help) awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
name=${1:-debian-6.1}
out=${2:-$top/build/fixtures-selftest/$name}
assignments=$("$here/kernel.sh" "$name") || exit 1
eval "$assignments"
# The guest's architecture and userspace (an arm64 kernel's: Debian's arm64
# packages and its UEFI firmware, ci/testbed/guest-root.sh).
. "$here/guest-arch.sh"
KARCH=${KARCH:-$(glt_host_arch)}
eval "$("$here/guest-root.sh" "$KARCH")"
rm -rf "$out"
mkdir -p "$out/payload"
"$here/mkinitramfs.sh" --kver "$KVER" --modules-dir "$MODULES_DIR" --kconfig "$KCONFIG" \
	--payload "$out/payload" --root "$GUEST_ROOT" --out "$out/initramfs.cpio.gz"
rc=0
"$here/run-guest.sh" --kernel-image "$KERNEL_IMAGE" --initrd "$out/initramfs.cpio.gz" \
	--out "$out" --nvdimms 4 --timeout "${GUEST_TIMEOUT:-600}" --append glt.mode=fixtures-selftest \
	--arch "$KARCH" ${GUEST_FIRMWARE:+--firmware "$GUEST_FIRMWARE"} || rc=$?
tap=$out/results/fixtures-selftest.tap
if [ "$rc" -ne 0 ] || [ "$(cat "$out/results/harness.rc" 2>/dev/null)" != 0 ]; then
	echo "test-fixtures: FAILED on $name: $(grep -c '^not ok' "$tap" 2>/dev/null || echo '?') failed checks (see $tap and $out/console.log)"
	grep '^not ok' "$tap" 2>/dev/null || true
	exit 1
fi
echo "test-fixtures: $name: $(tail -n 1 "$tap" | sed 's/^# //')"
