#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's own mm selftests beside the harness, case by case.

The guest of a kernel with gup_test runs that kernel's gup_longterm (once
with its working directory on each fixture), cow and the gup_test command
lines of run_vmtests.sh (ci/testbed/guest-init, results/upstream/). This
puts each upstream case next to the harness case that asks the same question
(same memory, GUP path, R/O or R/W, shared or private) in the same run, with
the oracle's verdict, and classifies it:

  agree                  the upstream test passed, the harness case passed,
                         and both expect the same (pinned, or refused)
  disagree-explained     they differ, and a row of EXPLANATIONS says why,
                         with the source that decides it
  disagree-unexplained   they differ and nothing explains it: a failure
  no-counterpart         no harness case asks that question (the reason is
                         in the mapping tables below)
  skipped                the upstream test skipped itself (its reason kept)

  scripts/upstream_compare.py --results DIR --kernel NAME
      prints, per test, "# upstream TEST: N agree, N disagree-explained,
      N disagree-unexplained, N no-counterpart" (and the skips), writes
      DIR/upstream.tsv; exit 1 on any unexplained disagreement or a
      fixture without an agreeing gup_longterm case, 0 otherwise.
  scripts/upstream_compare.py --doc RESULTS-ROOT --kernels "K1 K2..."
      the generated part of docs/upstream-selftests.md (each kernel's
      counts, then every disagreement with its explanation) on stdout.

Standard library only. The tables are data: a new backing is a row of a
mapping table, a new explanation a row of EXPLANATIONS.
"""
import argparse
import collections
import os
import re
import sys

# ---------------------------------------------------------------- mapping
# The fixture each gup_longterm run had as its working directory -> the
# filesystem type gup_longterm's fstatfs() sees there, and the harness kinds
# of a file made there: (MAP_SHARED kind, MAP_PRIVATE kind). gup_longterm
# writes the page before it pins (memset()), so a private mapping holds an
# anonymous COW copy: the -cow kinds. The fixtures with a directory are
# those of ci/testbed/fixtures.list with a filesystem (its FS, SHARED and
# PRIVATE columns); guest-init runs gup_longterm on each of them, and on
# tmpfs, a directory on the guest's /tmp tmpfs.
FIXTURES_LIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'ci', 'testbed', 'fixtures.list')


def local_fixtures(path=FIXTURES_LIST):
    fixtures = {'tmpfs': ('tmpfs', 'pagecache-tmpfs', 'pagecache-tmpfs-cow')}
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not fields or fields[0].startswith('#'):
                continue
            name, _on, _memmap, fs, shared, private = fields
            if fs != '-':
                fixtures[name] = (fs, shared, private)
    return fixtures


LOCAL_FIXTURES = local_fixtures()

# gup_longterm's backings that do not depend on the working directory:
# (filesystem type, MAP_SHARED kind, MAP_PRIVATE kind). They are counted
# once, from the tmpfs run. memfd and tmpfile (on the guest's /tmp tmpfs)
# are shmem files; a private written shmem page is the harness's
# pagecache-tmpfs-cow. A private hugetlbfs page is anonymous
# (hugetlb_add_new_anon_rmap()), as the harness's MAP_HUGETLB hugetlb kind.
FIXED_BACKINGS = {
    'memfd': ('tmpfs', 'memfd', 'pagecache-tmpfs-cow'),
    'tmpfile': ('tmpfs', 'pagecache-tmpfs', 'pagecache-tmpfs-cow'),
    'memfd hugetlb (2048 kB)': ('hugetlbfs', 'memfd-hugetlb', 'hugetlb'),
}
FIXED_NO_COUNTERPART = [
    (r'memfd hugetlb \((?!2048 kB)', 'the harness has 2 MiB huge pages only (the test-bed CPU has no 1 GiB pages)'),
]

# gup_longterm's test descriptions -> (harness GUP path, access, shared).
# R/O: gup_longterm mprotect()s the page R/O first; the pin asks the same
# (no FOLL_WRITE). The harness's 1page case pins one page, as gup_longterm
# does (a hugetlb page is pinned whole there: the same rule decides).
GUP_LONGTERM_CASES = [
    (r'^R/W longterm GUP pin in MAP_SHARED', 'pin-longterm', 'write', True),
    (r'^R/W longterm GUP-fast pin in MAP_SHARED', 'pin-longterm-fast', 'write', True),
    (r'^R/O longterm GUP pin in MAP_SHARED', 'pin-longterm', 'read', True),
    (r'^R/O longterm GUP-fast pin in MAP_SHARED', 'pin-longterm-fast', 'read', True),
    (r'^R/W longterm GUP pin in MAP_PRIVATE', 'pin-longterm', 'write', False),
    (r'^R/W longterm GUP-fast pin in MAP_PRIVATE', 'pin-longterm-fast', 'write', False),
    (r'^R/O longterm GUP pin in MAP_PRIVATE', 'pin-longterm', 'read', False),
    (r'^R/O longterm GUP-fast pin in MAP_PRIVATE', 'pin-longterm-fast', 'read', False),
    (r'^io_uring fixed buffer with MAP_SHARED', 'consumer/io-uring', None, True),
    (r'^io_uring fixed buffer with MAP_PRIVATE', 'consumer/io-uring', None, False),
]


def gup_longterm_expects(fs, path, access, shared):
    """What gup_longterm.c do_test() expects: True = the pin works.

    "R/O pinning or pinning in a private mapping is always expected to
    work. Otherwise, we expect long-term R/W pinning to only succeed for
    special filesystems" (fs_supports_writable_longterm_pinning(): tmpfs,
    hugetlbfs); io_uring always pins writable.
    """
    writable_ok = fs in ('tmpfs', 'hugetlbfs')
    if path == 'consumer/io-uring':
        return not shared or writable_ok
    return not shared or access == 'read' or writable_ok


# cow.c: only its R/O long-term pin cases. Anonymous ones pin a page that
# is exclusive, shared with a child, or was shared; the others are its
# "non-anon" cases. cow expects every one of these pins to work (and a
# later write to be seen through the pin). The fourth column says which of
# the backing's kinds asks it: '' the backing's own (COW_BACKINGS), or a
# fork() variant of it (FORKED_KINDS). cow.c do_test_ro_pin(): "shared"
# forks a child that waits, alive, while the parent pins
# (RO_PIN_TEST_SHARED); "previously-shared" lets it exit and reaps it first
# (RO_PIN_TEST_PREVIOUSLY_SHARED).
COW_CASES = [
    (r'^R/O GUP pin on R/O-mapped exclusive page', 'pin-longterm', 'read', ''),
    (r'^R/O GUP-fast pin on R/O-mapped exclusive page', 'pin-longterm-fast', 'read', ''),
    (r'^R/O longterm GUP pin', 'pin-longterm', 'read', ''),
    (r'^R/O longterm GUP-fast pin', 'pin-longterm-fast', 'read', ''),
    (r'^R/O GUP pin on R/O-mapped shared page', 'pin-longterm', 'read', 'forked'),
    (r'^R/O GUP-fast pin on R/O-mapped shared page', 'pin-longterm-fast', 'read', 'forked'),
    (r'^R/O GUP pin on R/O-mapped previously-shared page', 'pin-longterm', 'read', 'forked-child-gone'),
    (r'^R/O GUP-fast pin on R/O-mapped previously-shared page', 'pin-longterm-fast', 'read', 'forked-child-gone'),
]
# The kinds with fork() variants (kinds.def's anon-forked rows): the kind
# -> its variant of each COW_CASES fourth column. A backing whose kind has
# none has no counterpart for the fork() cases.
MTHP_SIZES_KB = (16, 32, 64, 128, 256, 512, 1024)
FORKED_KINDS = {
    base: {'forked': base + '-forked', 'forked-child-gone': base + '-forked-child-gone'}
    for base in ['anon', 'thp', 'thp-pte', 'anon-swap', 'hugetlb'] + ['mthp-%dk' % kb for kb in MTHP_SIZES_KB]
}
# A partially shared THP that cow.c then fork()s again for its shared and
# previously-shared cases: that fork() shares every page of it, so the
# memory pinned is the PTE-mapped THP (or mTHP) shared with a child, the
# once-shared first page no different from the others.
FORKED_KINDS['thp-partly-shared'] = FORKED_KINDS['thp-pte']
for _kb in MTHP_SIZES_KB:
    FORKED_KINDS['mthp-%dk-partly-shared' % _kb] = FORKED_KINDS['mthp-%dk' % _kb]
# cow.c's backings -> harness kind (a match template: \\1 is the regular
# expression's first group), or None with the reason.
COW_BACKINGS = [
    (r'^base page$', 'anon'),
    (r'^THP \(2048 kB\)$', 'thp'),
    (r'^hugetlb \(2048 kB\)$', 'hugetlb'),
    (r'^shared zeropage$', 'anon-zero'),
    # MAP_PRIVATE, only read: page cache in a COW mapping (cow.c
    # run_with_memfd(), run_with_tmpfile(); /tmp is tmpfs in the guest).
    (r'^memfd$', 'pagecache-tmpfs-private'),
    (r'^tmpfile$', 'pagecache-tmpfs-private'),
    # Swapped out (MADV_PAGEOUT) to the guest's zram, then swapped in by the
    # pin: whether the page is exclusive, which decides a R/O pin and the
    # later write, is kept page by page in the swap PTE (pte_swp_exclusive(),
    # v5.19+) whatever the folio was; swap-in brings back small folios
    # (large ones only for mTHP sizes the VMA has on, v6.12+).
    (r'^swapped out base page$', 'anon-swap'),
    (r'^(swapped-out THP|swapped-out, PTE-mapped THP|single PTE of swapped-out THP) \(\d+ kB\)$', 'anon-swap'),
    # A PMD-sized THP, or an mTHP (v6.8+, always PTE-mapped), of which the
    # pin holds exclusive pages that PTEs map: cow.c maps them by PTEs with
    # mprotect() (PTE-mapped), leaves one PTE (single PTE, MADV_DONTNEED of
    # the rest) or moves half of the THP away (partially mremap()'ed); the
    # other pages' mappings play no part in gup_must_unshare(), which asks
    # the pinned page's PageAnonExclusive.
    (r'^(PTE-mapped|single PTE of|partially mremap\(\)\'ed) THP \(2048 kB\)$', 'thp-pte'),
    (r'^(?:PTE-mapped|single PTE of|partially mremap\(\)\'ed) THP \((\d+) kB\)$', r'mthp-\1k'),
    # A THP (PTE-mapped by the VMA split of cow.c's MADV_DONTFORK) or an
    # mTHP folio whose first page alone was shared with a child now gone.
    (r'^partially shared THP \(2048 kB\)$', 'thp-partly-shared'),
    (r'^partially shared THP \((\d+) kB\)$', r'mthp-\1k-partly-shared'),
    (r'^THP \(', None, 'the harness has PMD-sized THP only, no mTHP sizes'),
    (r'^huge zeropage$', 'huge-zero'),
    (r'^memfd hugetlb \(2048 kB\)$', 'memfd-hugetlb-private'),
    (r'^memfd hugetlb', None, 'the harness has 2 MiB huge pages only'),
    (r'^hugetlb \(', None, 'the harness has 2 MiB huge pages only'),
]

# gup_test's command lines (run_vmtests.sh): default memory is private
# anonymous, written (gup_test.c: write = 1); -t asks MADV_HUGEPAGE; -c
# DUMP_USER_PAGES_TEST, with -F 0x1 through pin_user_pages(); -u
# GUP_FAST_BENCHMARK (get_user_pages_fast()); -a PIN_FAST_BENCHMARK.
GUP_TEST_CASES = [
    (r'^-u\b', 'get-transient-fast', 'anon'),
    (r'^-a\b', 'pin-transient-fast', 'anon'),
    (r'^-ct -F 0x1\b', 'pin-transient', 'thp'),
]

# ------------------------------------------------------------ explanations
# Every disagreement must match one row. 'when' is a conjunction over the
# fields of a compared case (a tuple is "one of"; a string starting with
# '~' is a regular expression searched in the field). category: the issue's
# three: upstream test wrong for this memory, oracle bug, kernel bug.
EXPLANATIONS = [
    {
        'id': 'cow-write-lost-by-rule',
        'category': 'kernel behaviour of its range: the upstream test expects what a later kernel does',
        'when': {'test': 'cow', 'status': 'fail', 'verdict': '~process write lost', 'harness': 'ok'},
        'why': 'cow expects every R/O long-term pin to see the process\'s later writes. The oracle says this '
               'pin holds a page the process\'s next write fault replaces (its coherence rule, cited in the '
               'harness case\'s detail), and the harness measured the loss through the pin.',
        'cite': 'harness/oracle_coherence.c glt_coherence_rules[]; tools/testing/selftests/mm/cow.c '
                'do_test_ro_pin()',
    },
    {
        'id': 'gup_longterm-no-fsdax',
        'category': 'upstream test wrong for this memory',
        'when': {'test': 'gup_longterm', 'fixture': ('fsdax-ext4', 'fsdax-xfs'),
                 'status': 'fail', 'verdict': '-EOPNOTSUPP', 'harness': 'ok'},
        'why': 'gup_longterm has no notion of DAX. It expects R/O and MAP_PRIVATE long-term pins of a file '
               'to work, and takes only EFAULT as a refusal. The kernel refuses every long-term pin in an '
               'fsdax VMA with EOPNOTSUPP, before the writable-file check; gup_longterm reports '
               '"PIN_LONGTERM_TEST_START failed" and fails.',
        'cite': 'mm/gup.c check_vma_flags(): vma_is_fsdax() -> -EOPNOTSUPP; '
                'tools/testing/selftests/mm/gup_longterm.c do_test()',
        'patch': 'docs/upstream/0002-selftests-mm-gup_longterm-expect-fsdax-refusal.patch',
    },
    {
        'id': 'gup_longterm-io_uring-errno',
        'category': 'upstream test wrong (a bug of the test)',
        'when': {'test': 'gup_longterm', 'path': 'consumer/io-uring', 'status': 'skip',
                 'message': r'~io_uring_register_buffers\(\) failed', 'verdict': '~^-E', 'harness': 'ok'},
        'why': 'io_uring_register_buffers() returns -errno, and liburing makes its system calls itself '
               'without setting errno. gup_longterm looks at errno, so the kernel\'s refusal (which the '
               'test expects) is taken for "no io_uring support" and skipped, or passes only when an '
               'earlier call left a matching errno behind.',
        'cite': 'liburing io_uring_register_buffers() (Debian\'s liburing.a 2.3 on x86-64: a raw syscall '
                'instruction, no reference to __errno_location); '
                'tools/testing/selftests/mm/gup_longterm.c do_test() TEST_TYPE_IOURING',
        'patch': 'docs/upstream/0001-selftests-mm-gup_longterm-io_uring-return-value.patch',
    },
]


# ----------------------------------------------------------------- parsing
def parse_ksft(text):
    """[(description, status ok|fail|skip, message)] of a kselftest TAP.

    Both formats: v6.12 prints "# [RUN] DESC" and "ok N Should have worked";
    v7.x prints "# [RUN] DESC", diagnostics, "ok N DESC" (log_test_result()).
    """
    out, desc, msgs = [], None, []
    for line in text.splitlines():
        m = re.match(r'^# \[RUN\] (.*)$', line)
        if m:
            desc, msgs = m.group(1).strip(), []
            continue
        m = re.match(r'^(not ok|ok) \d+ ?(.*)$', line)
        if m and desc is not None:
            rest = m.group(2)
            status = 'fail' if m.group(1) == 'not ok' else 'ok'
            if re.search(r'#\s*SKIP', rest, re.I):
                status = 'skip'
            # v7.x repeats the description on the result line: not news.
            rest = re.sub(r'^#\s*SKIP\s*', '', rest, flags=re.I).strip()
            if rest != desc:
                msgs.append(rest)
            out.append((desc, status, '; '.join(x for x in msgs if x)))
            desc, msgs = None, []
            continue
        if desc is not None and line.startswith('# '):
            msgs.append(line[2:].strip())
    return out


def parse_harness(text):
    """{case: (ok, expect, process write)} of the harness's results.tap.

    process write: what the case's coherence phase says of a process write
    after the pin ('seen', 'lost', or None where no pin held), from its
    "coherence, ..., process write seen (RULE)" (harness/coherence.c).
    """
    res, expect, write = {}, {}, {}
    for line in text.splitlines():
        m = re.match(r'^# (\S+): expect (.*?); got ', line) or re.match(r'^# (\S+): expect (.*)$', line)
        if m:
            expect[m.group(1)] = m.group(2)
            w = re.search(r'; coherence,.*? process write (seen|lost) \(', line)
            lost = re.search(r'; coherence,.*? process write [^;]*\blost \(', line)
            write[m.group(1)] = 'lost' if lost else (w.group(1) if w else None)
            continue
        m = re.match(r'^(not ok|ok) \d+ (\S+)', line)
        if m:
            res[m.group(2)] = (m.group(1) == 'ok', expect.get(m.group(2), ''), write.get(m.group(2)))
    return res


def verdict_of(expect):
    """The oracle's verdict in a harness expect text: 'pinned' or -EXXX."""
    if re.match(r'^(\d+) of \1 pages', expect) or re.search(r' to take \d+ pages', expect):
        return 'pinned'
    m = re.search(r'(-E[A-Z0-9]+)', expect)
    return m.group(1) if m else 'other: ' + expect


def split_desc(desc):
    m = re.match(r'^(.*) \.\.\. with (.*)$', desc)
    return (m.group(1), m.group(2)) if m else (desc, '')


# ---------------------------------------------------------------- compare
def classify(row, harness):
    """Fill row['class'] (and 'why'): the comparison of one upstream case."""
    if row.get('counterpart') is None:
        row['class'] = 'no-counterpart'
        return
    got = harness.get(row['counterpart'])
    if got is None:
        row['class'], row['why'] = 'disagree-unexplained', 'the harness did not run ' + row['counterpart']
        return
    row['harness'] = 'ok' if got[0] else 'fail'
    row['verdict'] = verdict_of(got[1])
    oracle_pins = row['verdict'] == 'pinned'
    if row['test'] == 'cow':
        # cow's case passes when the pin works and the process's later
        # write is seen through it: the harness's coherence phase asks
        # the same (harness/coherence.c, oracle_coherence.c).
        row['verdict'] += ', process write ' + (got[2] or 'not checked')
        oracle_pins = oracle_pins and got[2] == 'seen'
    if row['status'] == 'ok' and got[0] and oracle_pins == row['expects']:
        row['class'] = 'agree'
        return
    for ex in EXPLANATIONS:
        if all(matches(row.get(k, ''), v) for k, v in ex['when'].items()):
            row['class'], row['why'] = 'disagree-explained', ex['id']
            return
    if row['status'] == 'skip':
        row['class'] = 'skipped'
        return
    row['class'] = 'disagree-unexplained'
    row['why'] = ('upstream %s (%s) expecting %s; oracle %s, harness %s' %
                  (row['status'], row['message'], 'pinned' if row['expects'] else 'refused',
                   row['verdict'], row['harness']))


def matches(value, want):
    if isinstance(want, tuple):
        return value in want
    if want.startswith('~'):
        return re.search(want[1:], str(value)) is not None
    return str(value) == want


def gup_longterm_rows(updir):
    runs = [line.split()[0] for line in read(updir, 'gup_longterm.runs').splitlines() if line.strip()]
    rows = []
    for fixture in runs:
        tap = read(updir, 'gup_longterm@%s.tap' % fixture)
        for desc, status, message in parse_ksft(tap):
            case, backing = split_desc(desc)
            spec = next((c for c in GUP_LONGTERM_CASES if re.search(c[0], case)), None)
            row = {'test': 'gup_longterm', 'fixture': fixture, 'case': case, 'backing': backing,
                   'status': status, 'message': message}
            if spec is None:
                row['counterpart'], row['why'] = None, 'a gup_longterm case this comparison does not know'
                row['class'] = 'disagree-unexplained'
                rows.append(row)
                continue
            _, gpath, access, shared = spec
            row['path'] = gpath
            if backing == 'local tmpfile':
                fs, skind, pkind = LOCAL_FIXTURES[fixture]
                kind, reason = (skind if shared else pkind), None
            else:
                if fixture != 'tmpfs':
                    continue  # the same case again: counted from the tmpfs run
                row['fixture'] = backing.split(' (')[0]
                fixed = FIXED_BACKINGS.get(backing)
                reason = next((r for p, r in FIXED_NO_COUNTERPART if re.search(p, backing)), None)
                fs, kind = (fixed[0], fixed[1] if shared else fixed[2]) if fixed else (None, None)
                if fixed is None and reason is None:
                    reason = 'a gup_longterm backing this comparison does not know'
            row['expects'] = gup_longterm_expects(fs, gpath, access, shared)
            if kind is None:
                row['counterpart'], row['why'] = None, reason
            elif gpath == 'consumer/io-uring':
                row['counterpart'] = 'consumer/io-uring/' + kind
            else:
                row['counterpart'] = '%s/%s/%s/1page' % (gpath, kind, access)
            rows.append(row)
    return rows


def read(updir, name):
    """A file the guest shipped in upstream/, '' when it ran no such thing."""
    path = os.path.join(updir, name)
    return open(path, errors='replace').read() if os.path.exists(path) else ''


def cow_rows(updir):
    rows = []
    for desc, status, message in parse_ksft(read(updir, 'cow.tap')):
        case, backing = split_desc(desc)
        spec = next((c for c in COW_CASES if re.search(c[0], case)), None)
        if spec is None:
            continue  # not an R/O long-term pin case
        row = {'test': 'cow', 'fixture': backing,
               'case': case, 'backing': backing, 'status': status, 'message': message, 'expects': True}
        _, gpath, access, variant = spec
        b = next((x for x in COW_BACKINGS if re.search(x[0], backing)), None)
        kind = re.search(b[0], backing).expand(b[1]) if b and b[1] else None
        if kind is not None and variant:
            base, kind = kind, FORKED_KINDS.get(kind, {}).get(variant)
            if kind is None:
                row['counterpart'] = None
                row['why'] = 'the harness has no fork()ed variant of %s' % base
                rows.append(row)
                continue
        if kind is None:
            row['counterpart'] = None
            row['why'] = b[2] if b else 'a cow backing this comparison does not know'
        else:
            row['counterpart'] = '%s/%s/%s/1page' % (gpath, kind, access)
            row['path'] = gpath
        rows.append(row)
    return rows


def gup_test_rows(updir):
    rows = []
    for line in read(updir, 'gup_test.runs').splitlines():
        n, rc, args = (line.split(' ', 2) + [''])[:3]
        tap = read(updir, 'gup_test.%s.tap' % n)
        status = 'ok' if rc == '0' else 'fail'
        if re.search(r'^ok \d+ # SKIP', tap, re.M) or rc == '4':
            status = 'skip'
        spec = next((c for c in GUP_TEST_CASES if re.search(c[0], args)), None)
        row = {'test': 'gup_test', 'fixture': '-', 'case': 'gup_test ' + args, 'backing': '',
               'status': status, 'message': 'exit %s' % rc, 'expects': True}
        if spec is None:
            row['counterpart'], row['why'] = None, 'a gup_test command line this comparison does not know'
            row['class'] = 'disagree-unexplained'
        else:
            row['counterpart'] = '%s/%s/write' % (spec[1], spec[2])
            row['path'] = spec[1]
        rows.append(row)
    return rows


def tally(reasons):
    """"REASON (N); ..." of the reasons, each once with its count, sorted."""
    return '; '.join('%s (%d)' % kv for kv in sorted(collections.Counter(reasons).items()))


CLASSES = ['agree', 'disagree-explained', 'disagree-unexplained', 'no-counterpart']
FIELDS = ['test', 'fixture', 'case', 'backing', 'status', 'message', 'expects', 'counterpart',
          'verdict', 'harness', 'class', 'why']


def compare(results, kernel, out=sys.stdout):
    updir = os.path.join(results, 'upstream')
    harness = parse_harness(open(os.path.join(results, 'results.tap'), errors='replace').read())
    rows = gup_longterm_rows(updir) + cow_rows(updir) + gup_test_rows(updir)
    for row in rows:
        if 'class' not in row:
            classify(row, harness)
    bad = 0
    for test in ('gup_longterm', 'cow', 'gup_test'):
        mine = [r for r in rows if r['test'] == test]
        counts = {c: sum(1 for r in mine if r['class'] == c) for c in CLASSES + ['skipped']}
        out.write('# upstream %s: %s\n' % (test, ', '.join('%d %s' % (counts[c], c) for c in CLASSES)))
        if counts['skipped']:
            out.write('#   %d skipped by %s itself: %s\n' % (
                counts['skipped'], test, tally(r['message'] for r in mine if r['class'] == 'skipped')))
        for r in mine:
            if r['class'] == 'disagree-unexplained':
                bad += 1
                out.write('#   UNEXPLAINED %s [%s] %s ... with %s: %s\n' % (
                    test, r['fixture'], r['case'], r['backing'], r.get('why', '')))
    # ci/testbed/guest-init upstream_run(): a run that skipped for want
    # of a resource ran once more; the rows are the second run's.
    for name in sorted(f for f in os.listdir(updir) if f.endswith('.first-run.tap')):
        skips = [message for _, status, message in parse_ksft(read(updir, name)) if status == 'skip']
        out.write('#   %s ran twice: its first run skipped %d itself (%s); compared: the second run\n' % (
            name[:-len('.first-run.tap')], len(skips), tally(skips)))
    # gup_longterm with docs/upstream/'s patch drafts: it must pass on
    # every fixture (its changelog's evidence is this run's).
    patched = sorted(f for f in os.listdir(updir) if f.startswith('gup_longterm-patched@')
                     and not f.endswith('.first-run.tap'))
    if patched:
        counts = {'ok': 0, 'fail': 0, 'skip': 0}
        for name in patched:
            for desc, status, message in parse_ksft(read(updir, name)):
                counts[status] += 1
                if status == 'fail':
                    bad += 1
                    out.write('#   PATCHED gup_longterm FAILS [%s] %s: %s\n' % (
                        name[len('gup_longterm-patched@'):-len('.tap')], desc, message))
        out.write('# upstream gup_longterm with docs/upstream/ patches: %d ok, %d fail, %d skip on %d fixtures\n' % (
            counts['ok'], counts['fail'], counts['skip'], len(patched)))
    elif read(updir, 'PATCHED'):
        out.write('# upstream gup_longterm with docs/upstream/ patches: %s\n' % read(updir, 'PATCHED').strip())
    # Every fixture gup_longterm ran on has at least one agreeing case.
    for fixture in sorted({r['fixture'] for r in rows if r['test'] == 'gup_longterm'
                           and r['backing'] == 'local tmpfile'}):
        if not any(r['class'] == 'agree' for r in rows if r['test'] == 'gup_longterm'
                   and r['fixture'] == fixture and r['backing'] == 'local tmpfile'):
            bad += 1
            out.write('#   NO AGREEING CASE on the %s fixture\n' % fixture)
    with open(os.path.join(results, 'upstream.tsv'), 'w') as f:
        f.write('kernel\t' + '\t'.join(FIELDS) + '\n')
        for r in rows:
            f.write(kernel + '\t' + '\t'.join(str(r.get(k, '')).replace('\t', ' ') for k in FIELDS) + '\n')
    return bad


def doc(root, kernels, out=sys.stdout):
    """The counts and the disagreements of each kernel, for the docs."""
    by_id = {e['id']: e for e in EXPLANATIONS}
    rows = []
    out.write('| kernel | test | %s | skipped |\n|---|---|%s---|\n' % (' | '.join(CLASSES), '---|' * len(CLASSES)))
    for name in kernels:
        path = os.path.join(root, name, 'results', 'upstream.tsv')
        if not os.path.exists(path):
            why = os.path.join(root, name, 'results', 'upstream-absent')
            why = open(why).read().strip() if os.path.exists(why) else 'no results'
            out.write('| %s | - | not run: %s |%s\n' % (name, why.replace('|', '/'), ' |' * len(CLASSES)))
            continue
        lines = open(path).read().splitlines()
        head = lines[0].split('\t')
        mine = [dict(zip(head, line.split('\t'))) for line in lines[1:]]
        for test in ('gup_longterm', 'cow', 'gup_test'):
            out.write('| %s | %s | %s |\n' % (name, test, ' | '.join(
                str(sum(1 for r in mine if r['test'] == test and r['class'] == c)) for c in CLASSES + ['skipped'])))
        rows += mine
    out.write('\n')
    out.write('| kernel | test | fixture | upstream case | upstream | harness case | oracle | explanation |\n')
    out.write('|---|---|---|---|---|---|---|---|\n')
    for r in rows:
        if not r['class'].startswith('disagree'):
            continue
        ex = by_id.get(r['why'])
        explanation = ('[%s](#%s)' % (ex['id'], ex['id'])) if ex else 'UNEXPLAINED: ' + r['why']
        out.write('| %s | %s | %s | %s ... with %s | %s: %s | `%s` | %s | %s |\n' % (
            r['kernel'], r['test'], r['fixture'], r['case'], r['backing'], r['status'],
            r['message'].replace('|', '/'), r['counterpart'], r['verdict'], explanation))
    if not any(r['class'].startswith('disagree') for r in rows):
        out.write('| (none) | | | | | | | |\n')
    # The cases without counterpart, by reason, summed over the kernels.
    reasons = {}
    for r in rows:
        if r['class'] == 'no-counterpart':
            key = (r['test'], r['why'])
            reasons[key] = reasons.get(key, 0) + 1
    out.write('\n| test | no counterpart, because | cases (all kernels) |\n|---|---|---|\n')
    for (test, why), count in sorted(reasons.items()):
        out.write('| %s | %s | %d |\n' % (test, why, count))


def explanations_doc(out=sys.stdout):
    for e in EXPLANATIONS:
        out.write('<a id="%s"></a>\n### %s\n\n' % (e['id'], e['id']))
        out.write('*%s.* %s\n\nDecided by: %s.\n\n' % (e['category'], e['why'], e['cite']))
        if e.get('patch'):
            out.write('Upstream patch draft: [%s](%s).\n\n' % (
                os.path.basename(e['patch']), os.path.relpath(e['patch'], 'docs')))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--results', help="a kernel's results directory (with results.tap and upstream/)")
    ap.add_argument('--kernel', help='its name, for upstream.tsv')
    ap.add_argument('--doc', metavar='RESULTS-ROOT', help='print the counts and disagreements of the --kernels')
    ap.add_argument('--kernels', default='', help='with --doc: the kernels, in order (space-separated)')
    ap.add_argument('--explanations', action='store_true', help='print the explanations, for the docs')
    a = ap.parse_args()
    if a.explanations:
        explanations_doc()
        return 0
    if a.doc:
        doc(a.doc, a.kernels.split())
        return 0
    if not a.results or not a.kernel:
        ap.error('give --results DIR --kernel NAME, --doc RESULTS-ROOT or --explanations')
    if not os.path.isdir(os.path.join(a.results, 'upstream')):
        sys.stderr.write('upstream_compare: %s has no upstream/ (the guest ran no selftests)\n' % a.results)
        return 2
    return 1 if compare(a.results, a.kernel) else 0


if __name__ == '__main__':
    sys.exit(main())
