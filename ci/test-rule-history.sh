#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/rule-history.sh on results made up here: a rule named by passing
# cases is "✓ N", by a failing one "✗ F/N", by skipped cases only "skip",
# by none "·"; a rule id inside a longer id is not a mention; kernels come
# in ci/kernels.list's order, whatever order the directories have.
#   ci/test-rule-history.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A harness stand-in: only --rules is asked of it.
cat >"$tmp/harness" <<'RULES'
#!/bin/sh
cat <<'T'
### Pin verdicts (first match wins)

| rule | when | verdict | decided by | kernels |
| --- | --- | --- | --- | --- |
| `pinned` | anything | pinned | x | all |
| `fsdax-longterm` | fsdax | -EOPNOTSUPP | y | v5.17+ |
| `fsdax-longterm-after-pin` | fsdax | -EOPNOTSUPP | z | v5.10 |
| `never-named` | - | - | - | all |
T
RULES
chmod +x "$tmp/harness"
tap() { mkdir -p "$tmp/r/$1/results"; cat >"$tmp/r/$1/results/results.tap"; }
tap dax-7.3 <<'T'
KTAP version 1
1..3
# a/x: expect 1 (pinned: mm/gup.c); got 1
ok 1 a/x
# b/x: expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c); got -EOPNOTSUPP
ok 2 b/x
# c/x: expect -EOPNOTSUPP (fsdax-longterm: mm/gup.c); got 0
not ok 3 c/x
3 passed, 1 failed, 0 skipped
T
tap dax-5.10 <<'T'
KTAP version 1
1..2
# b/x: expect -EOPNOTSUPP (fsdax-longterm-after-pin: mm/gup.c); got -EOPNOTSUPP
ok 1 b/x
ok 2 d/x # SKIP no fixture (pinned: mm/gup.c)
2 passed, 0 failed, 0 skipped
T
"$top/scripts/rule-history.sh" -r "$tmp/r" -b "$tmp/harness" >"$tmp/out"
cat >"$tmp/want" <<'T'
| rule | claimed for | dax-5.10 (5.10) | dax-7.3 (7.3) |
| --- | --- | --- | --- |
| `pinned` | all | skip | ✓ 1 |
| `fsdax-longterm` | v5.17+ | · | ✗ 1/2 |
| `fsdax-longterm-after-pin` | v5.10 | ✓ 1 | · |
| `never-named` | all | · | · |
T
if ! diff -u "$tmp/want" "$tmp/out"; then
	echo "test-rule-history: scripts/rule-history.sh wrote the table above (- expected, + written)"
	exit 1
fi
echo "rule-history: pass, fail, skip, unnamed and kernel order as expected"
