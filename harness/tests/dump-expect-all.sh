#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every expectation of the oracle on every kernel series from 5.0 to 7.5
# (the measured ones and every rule's since/until among them), with and
# without FS_DAX, the HMM test driver and secretmem: compare two builds'
# output to prove a change kept the oracle's verdicts.
#   harness/tests/dump-expect-all.sh PATH-TO-dump-expect >FILE
set -euo pipefail
bin=${1:?usage: harness/tests/dump-expect-all.sh PATH-TO-dump-expect}
for major in 5 6 7; do
	last=19; [ "$major" = 7 ] && last=5
	for minor in $(seq 0 "$last"); do
		for facts in "y n u" "n y y" "y y n"; do
			# shellcheck disable=SC2086 # three words on purpose
			"$bin" "$major.$minor" $facts
		done
	done
done
