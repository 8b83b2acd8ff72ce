#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What decides how this host boots, and which kernels its package manager
# holds, as text to compare before and after a run:
#   ci/host-boot-state.sh > before; make run; ci/host-boot-state.sh | diff before -
# /boot and /lib/modules (names, sizes and times of what is there) and the
# installed linux-image/-headers/-kbuild/-source packages (where dpkg is).
# make check runs it around everything it does: a test tool never
# installs kernels, headers or sources into its host (ci/stock-kernel.sh
# and ci/kernel-source.sh fetch them into the kernel cache instead).
set -euo pipefail
for d in /boot /lib/modules /usr/lib/modules; do
	[ -d "$d" ] || continue
	echo "== $d"
	find "$d" -maxdepth 2 -printf '%p %y %s %TY-%Tm-%Td %TH:%TM\n' 2>/dev/null | sort
done
if command -v dpkg-query >/dev/null; then
	echo "== dpkg"
	dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' \
		'linux-image*' 'linux-headers*' 'linux-kbuild*' 'linux-source*' 2>/dev/null | sort || true
fi
