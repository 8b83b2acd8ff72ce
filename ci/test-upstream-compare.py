#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/upstream_compare.py on made-up runs: both kselftest
output formats (v6.12, v7.x), an agreeing case, an explained and an
unexplained disagreement, an upstream skip, a case without counterpart, a
fixture without an agreeing case, a cow run repeated after it skipped, and
the exit status. TAP on stdout."""
import io
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'scripts'))
import upstream_compare as uc  # noqa: E402

n = 0
failed = 0


def check(cond, what):
    global n, failed
    n += 1
    print('%s %d %s' % ('ok' if cond else 'not ok', n, what))
    failed += not cond


def harness_line(case, expect, ok=True):
    return '# %s: expect %s; got x\n%s 1 %s\n' % (case, expect, 'ok' if ok else 'not ok', case)


PINNED = '1 of 1 pages pinned (pinned: mm/gup.c __get_user_pages())'
SEEN = '; got 1 pinned; coherence, mapped bytes seen (pin-holds-mapped-bytes), process write seen (process-writes-seen-through-pin)'
LOST = '; got 1 pinned; coherence, mapped bytes seen (pin-holds-mapped-bytes), process write lost (process-write-cows-away)'
EFAULT = '-EFAULT (file-write-longterm: mm/gup.c check_vma_flags())'
EOPNOTSUPP = '-EOPNOTSUPP (fsdax-longterm: mm/gup.c check_vma_flags() vma_is_fsdax())'


def run(files, harness):
    d = tempfile.mkdtemp()
    os.makedirs(os.path.join(d, 'upstream'))
    for name, text in files.items():
        with open(os.path.join(d, 'upstream', name), 'w') as f:
            f.write(text)
    with open(os.path.join(d, 'results.tap'), 'w') as f:
        f.write(harness)
    out = io.StringIO()
    bad = uc.compare(d, 'test-kernel', out)
    rows = open(os.path.join(d, 'upstream.tsv')).read().splitlines()
    head = rows[0].split('\t')
    return bad, out.getvalue(), [dict(zip(head, r.split('\t'))) for r in rows[1:]]


# v6.12 format: an ext4 shared R/W pin that the kernel refuses as the test
# expects (agree), an R/O one; v7.x format on fsdax: a refusal the test
# does not expect (explained), a GUP-fast private pin (agree).
v612 = """TAP version 13
1..2
# [RUN] R/W longterm GUP pin in MAP_SHARED file mapping ... with local tmpfile
ok 1 Should have failed
# [RUN] R/O longterm GUP pin in MAP_SHARED file mapping ... with local tmpfile
ok 2 Should have worked
"""
v7x_fsdax = """TAP version 13
1..3
# [RUN] R/O longterm GUP pin in MAP_SHARED file mapping ... with local tmpfile
# PIN_LONGTERM_TEST_START failed (Operation not supported)
not ok 1 R/O longterm GUP pin in MAP_SHARED file mapping ... with local tmpfile
# [RUN] R/W longterm GUP-fast pin in MAP_PRIVATE file mapping ... with local tmpfile
ok 2 R/W longterm GUP-fast pin in MAP_PRIVATE file mapping ... with local tmpfile
# [RUN] io_uring fixed buffer with MAP_SHARED file mapping ... with local tmpfile
# io_uring_register_buffers() failed (Operation not supported)
ok 3 # SKIP io_uring fixed buffer with MAP_SHARED file mapping ... with local tmpfile
"""
harness = (harness_line('pin-longterm/pagecache-ext4/write/1page', EFAULT) +
           harness_line('pin-longterm/pagecache-ext4/read/1page', PINNED) +
           harness_line('pin-longterm/fsdax-ext4/read/1page', EOPNOTSUPP) +
           harness_line('pin-longterm-fast/fsdax-ext4-cow/write/1page', PINNED) +
           '# consumer/io-uring/fsdax-ext4: expect IORING_REGISTER_BUFFERS of 4096 bytes -EOPNOTSUPP (x); got y\n'
           'ok 9 consumer/io-uring/fsdax-ext4\n')
bad, out, rows = run({'gup_longterm.runs': 'pagecache-ext4 /mnt/a 0\nfsdax-ext4 /mnt/b 1\n',
                      'gup_longterm@pagecache-ext4.tap': v612,
                      'gup_longterm@fsdax-ext4.tap': v7x_fsdax}, harness)
cls = [(r['fixture'], r['case'][:30], r['class'], r['why']) for r in rows]
check(bad == 0, 'known runs: no failure (%s)' % out.strip().replace('\n', ' | '))
check('# upstream gup_longterm: 3 agree, 2 disagree-explained, 0 disagree-unexplained, 0 no-counterpart' in out,
      'the summary line counts each class')
check(rows[0]['class'] == 'agree' and rows[0]['expects'] == 'False' and rows[0]['verdict'] == '-EFAULT',
      'v6.12 "Should have failed" on ext4 shared R/W: agree, both expect the refusal')
check(rows[2]['class'] == 'disagree-explained' and rows[2]['why'] == 'gup_longterm-no-fsdax',
      'v7.x fsdax R/O refusal: explained by gup_longterm-no-fsdax (%s)' % (cls[2],))
check(rows[3]['class'] == 'agree' and rows[3]['counterpart'] == 'pin-longterm-fast/fsdax-ext4-cow/write/1page',
      'GUP-fast in a private fsdax mapping: agree, the counterpart is fsdax-ext4-cow')
check(rows[4]['class'] == 'disagree-explained' and rows[4]['why'] == 'gup_longterm-io_uring-errno',
      'an io_uring refusal skipped for errno: explained by gup_longterm-io_uring-errno')

# An upstream failure that nothing explains, on a fixture whose only case
# is it: unexplained, and the fixture has no agreeing case.
v612_bad = """# [RUN] R/O longterm GUP pin in MAP_SHARED file mapping ... with local tmpfile
not ok 1 PIN_LONGTERM_TEST_START failed
"""
bad, out, rows = run({'gup_longterm.runs': 'pagecache-xfs /mnt/c 1\n', 'gup_longterm@pagecache-xfs.tap': v612_bad},
                     harness_line('pin-longterm/pagecache-xfs/read/1page', PINNED))
check(bad == 2 and rows[0]['class'] == 'disagree-unexplained', 'an unexplained failure is one (exit 1)')
check('NO AGREEING CASE on the pagecache-xfs fixture' in out, 'a fixture without an agreeing case is reported')

# The harness case is missing: unexplained, never an agreement.
bad, out, rows = run({'gup_longterm.runs': 'tmpfs /tmp/x 0\n', 'gup_longterm@tmpfs.tap': v612.replace(
    'local tmpfile', 'memfd')}, '')
check(bad > 0 and all(r['class'] == 'disagree-unexplained' for r in rows), 'a missing harness case is unexplained')

# Private on fsdax-xfs: its own kind; a 1 GiB hugetlb skip; a plain skip.
v7x_misc = """# [RUN] R/O longterm GUP pin in MAP_PRIVATE file mapping ... with local tmpfile
# PIN_LONGTERM_TEST_START failed (Operation not supported)
not ok 1 R/O longterm GUP pin in MAP_PRIVATE file mapping ... with local tmpfile
# [RUN] R/O longterm GUP pin in MAP_SHARED file mapping ... with local tmpfile
# PIN_LONGTERM_TEST_START failed (Operation not supported)
not ok 2 R/O longterm GUP pin in MAP_SHARED file mapping ... with local tmpfile
"""
v7x_tmpfs = """# [RUN] R/O longterm GUP pin in MAP_SHARED file mapping ... with memfd hugetlb (1048576 kB)
# need more free huge pages
ok 1 # SKIP R/O longterm GUP pin in MAP_SHARED file mapping ... with memfd hugetlb (1048576 kB)
# [RUN] R/O longterm GUP pin in MAP_SHARED file mapping ... with memfd
# gup_test not available
ok 2 # SKIP R/O longterm GUP pin in MAP_SHARED file mapping ... with memfd
"""
bad, out, rows = run({'gup_longterm.runs': 'tmpfs /tmp/x 0\nfsdax-xfs /mnt/d 1\n',
                      'gup_longterm@tmpfs.tap': v7x_tmpfs, 'gup_longterm@fsdax-xfs.tap': v7x_misc},
                     harness_line('pin-longterm/memfd/read/1page', PINNED) +
                     harness_line('pin-longterm/fsdax-xfs-cow/read/1page', EOPNOTSUPP) +
                     harness_line('pin-longterm/fsdax-xfs/read/1page', EOPNOTSUPP))
by = {(r['fixture'], r['backing'], r['case'][:20]): r for r in rows}
check(by[('memfd hugetlb', 'memfd hugetlb (1048576 kB)', 'R/O longterm GUP pin')]['class'] == 'no-counterpart',
      '1 GiB hugetlb: no counterpart')
check(by[('memfd', 'memfd', 'R/O longterm GUP pin')]['class'] == 'skipped', 'an upstream skip is a skip')
check('1 skipped by gup_longterm itself: gup_test not available' in out, 'the skip reason is printed')
check(rows[2]['counterpart'] == 'pin-longterm/fsdax-xfs-cow/read/1page' and
      rows[2]['class'] == 'disagree-explained',
      'MAP_PRIVATE on fsdax-xfs: fsdax-xfs-cow, explained')

# cow and gup_test.
cow = """# [RUN] R/O GUP pin on R/O-mapped exclusive page ... with base page
ok 1 Longterm R/O pin is reliable
# [RUN] R/O GUP pin on R/O-mapped shared page ... with base page
ok 2 Longterm R/O pin is reliable
# [RUN] Basic COW after fork() ... with base page
ok 3 No leak from parent into child
# [RUN] R/O GUP-fast pin on R/O-mapped previously-shared page ... with base page
ok 4 Longterm R/O pin is reliable
# [RUN] R/O GUP pin on R/O-mapped shared page ... with THP (2048 kB)
ok 5 Longterm R/O pin is reliable
# [RUN] R/O GUP pin on R/O-mapped shared page ... with huge zeropage
ok 6 Longterm R/O pin is reliable
# [RUN] R/O GUP-fast pin on R/O-mapped previously-shared page ... with swapped out base page
ok 7 Longterm R/O pin is reliable
"""
bad, out, rows = run({'cow.tap': cow, 'gup_test.runs': '1 0 -u -n 1\n2 1 -a\n', 'gup_test.1.tap': 'ok 1\n',
                      'gup_test.2.tap': 'not ok 1\n'},
                     harness_line('pin-longterm/anon/read/1page', PINNED + SEEN) +
                     harness_line('pin-longterm/anon-forked/read/1page', PINNED + SEEN) +
                     harness_line('pin-longterm-fast/anon-forked-child-gone/read/1page', PINNED + SEEN) +
                     harness_line('pin-longterm/thp-forked/read/1page', PINNED + SEEN) +
                     harness_line('get-transient-fast/anon/write', '16 of 16 pages pinned (x)') +
                     harness_line('pin-transient-fast/anon/write', '16 of 16 pages pinned (x)'))
cows = [r for r in rows if r['test'] == 'cow']
check([r['class'] for r in cows] == ['agree', 'agree', 'agree', 'agree', 'no-counterpart', 'disagree-unexplained'],
      "cow: the R/O long-term pin cases only, pages shared with a child compared; a counterpart that did not run is unexplained")
check([r['counterpart'] for r in cows[:4]] == ['pin-longterm/anon/read/1page', 'pin-longterm/anon-forked/read/1page',
                                                'pin-longterm-fast/anon-forked-child-gone/read/1page',
                                                'pin-longterm/thp-forked/read/1page'],
      'cow: a shared page is <kind>-forked, a previously-shared one <kind>-forked-child-gone')
check(cows[4]['why'] == 'the harness has no fork()ed variant of huge-zero',
      'cow: a backing without a fork() variant says why')
check(cows[5]['counterpart'] == 'pin-longterm-fast/anon-swap-forked-child-gone/read/1page',
      'cow: a previously-shared swapped-out page is anon-swap-forked-child-gone')
check([r['class'] for r in rows if r['test'] == 'gup_test'] == ['agree', 'disagree-unexplained'],
      'gup_test: a passing run agrees, a failing one is unexplained')

# cow's "later write seen through the pin" is compared with the harness's
# coherence phase: a pin the oracle expects to lose the write disagrees
# with a passing cow case (unexplained), and explains a failing one.
cow_zero = """# [RUN] R/O longterm GUP pin ... with shared zeropage
ok 1 Longterm R/O pin is reliable
"""
bad, out, rows = run({'cow.tap': cow_zero}, harness_line('pin-longterm/anon-zero/read/1page', PINNED + LOST))
check(rows[0]['class'] == 'disagree-unexplained' and 'process write lost' in rows[0]['verdict'],
      'cow: a passing case whose pin the oracle says loses the write is unexplained')
bad, out, rows = run({'cow.tap': cow_zero.replace('ok 1', 'not ok 1')},
                     harness_line('pin-longterm/anon-zero/read/1page', PINNED + LOST))
check(rows[0]['class'] == 'disagree-explained' and rows[0]['why'] == 'cow-write-lost-by-rule',
      'cow: a failing case whose pin the oracle says loses the write is explained by the rule')
bad, out, rows = run({'cow.tap': cow_zero}, harness_line('pin-longterm/anon-zero/read/1page', PINNED))
check(rows[0]['class'] == 'disagree-unexplained',
      'cow: a harness case without a coherence verdict does not agree')

# cow ran twice (ci/testbed/guest-init upstream_run()): the first run's
# skips are reported, the second run's rows compared.
cow_thp = """# [RUN] R/O GUP pin on R/O-mapped shared page ... with THP (2048 kB)
# Did not get a THP populated
ok 1 # SKIP R/O GUP pin on R/O-mapped shared page ... with THP (2048 kB)
"""
bad, out, rows = run({'cow.first-run.tap': cow_thp, 'cow.tap': cow_thp.replace(
    '# Did not get a THP populated\nok 1 # SKIP R/O GUP pin on R/O-mapped shared page ... with THP (2048 kB)',
    'ok 1 Longterm R/O pin is reliable')}, harness_line('pin-longterm/thp-forked/read/1page', PINNED + SEEN))
check(bad == 0 and [r['class'] for r in rows] == ['agree'], 'cow ran twice: the second run is compared')
check('cow ran twice: its first run skipped 1 itself (Did not get a THP populated (1))' in out,
      "cow ran twice: the first run's skip and its reason are printed")

print('1..%d' % n)
sys.exit(1 if failed else 0)
