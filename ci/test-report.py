#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Self-test of `make report` (scripts/report.py) on synthetic results:
two complete kernels that differ, one with a failure and skips, an
incomplete run, one without results.tap, one never run, and an earlier run
to diff against. Asserts what each cell says and how it is marked, the
cross-kernel and the run-to-run differences, the rule links and history,
the Markdown, and the errors. Exits non-zero on any wrong answer.

    ci/test-report.py
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT = os.path.join(TOP, "scripts", "report.py")
failures = []

HEADER = "KTAP version 1\n# gup-longterm-test: kernel %s, CONFIG_FS_DAX=y\n"
PIN = ("# {c}: expect 16 of 16 pages pinned (pinned: mm/gup.c "
       "__get_user_pages()); got 16 pinned\nok {n} {c}\n")
ERR = ("# {c}: expect {e} ({r}: mm/gup.c check_vma_flags()); got {g}\n"
       "{ok} {n} {c}\n")

# alpha (6.1): anon pinned; fsdax-ext4 read refused, write FAILS (pinned);
# devdax skipped; pagecache-ext4 pinned both ways; anon-zero write COW;
# cross-vma partial; secretmem cannot be made; an escaped detail.
# Cases 1-3 of both complete kernels.
COMMON = [
    PIN.format(c="pin-longterm/anon/read", n=1),
    PIN.format(c="pin-longterm/anon/write", n=2),
    ERR.format(c="pin-longterm/fsdax-ext4/read", n=3, e="-EOPNOTSUPP",
               r="fsdax-longterm", g="-EOPNOTSUPP", ok="ok"),
]
ALPHA = COMMON + [
    ERR.format(c="pin-longterm/fsdax-ext4/write", n=4, e="-EOPNOTSUPP",
               r="fsdax-longterm", g="16 pinned", ok="not ok").replace(
        "not ok", "# pin-longterm/fsdax-ext4/write: page 0 refcount "
        "<\"quoted\"> & more | piped\nnot ok"),
    "ok 5 pin-longterm/devdax/read # SKIP no device-DAX here\n",
    "ok 6 pin-longterm/devdax/write # SKIP no device-DAX here\n",
    PIN.format(c="pin-longterm/pagecache-ext4/read", n=7),
    PIN.format(c="pin-longterm/pagecache-ext4/write", n=8),
    "# pin-longterm/anon-zero/write: expect 16 of 16 pages pinned (pinned: "
    "mm/gup.c __get_user_pages()), new pages: write-breaks-cow; got 16 "
    "pinned\nok 9 pin-longterm/anon-zero/write\n",
    "# pin-longterm/cross-vma/read: expect 8 of 16 pages pinned "
    "(partial-pin: mm/gup.c __get_user_pages()); got 8 pinned\n"
    "ok 10 pin-longterm/cross-vma/read\n",
    "# pin-longterm/secretmem/read: expect memfd_secret to fail with -ENOSYS"
    " (secretmem-absent: mm/secretmem.c memfd_secret); got -ENOSYS: no "
    "secretmem memory for pin-longterm on this kernel\n"
    "ok 11 pin-longterm/secretmem/read\n",
    "ok 12 abi/capabilities\n",
    "# lifecycle/fuzz-ioctls: ioctl 17 returned -ENOMEM\n"
    "not ok 13 lifecycle/fuzz-ioctls\n",
]
# delta (6.12): the same, all passing, but a write pin of page cache is
# refused there (a cross-kernel difference) and secretmem exists.
DELTA = COMMON + [
    ERR.format(c="pin-longterm/fsdax-ext4/write", n=4, e="-EOPNOTSUPP",
               r="fsdax-longterm", g="-EOPNOTSUPP", ok="ok"),
    PIN.format(c="pin-longterm/pagecache-ext4/read", n=5),
    ERR.format(c="pin-longterm/pagecache-ext4/write", n=6, e="-EFAULT",
               r="file-write-longterm", g="-EFAULT", ok="ok"),
    ERR.format(c="pin-longterm/secretmem/read", n=7, e="-EFAULT",
               r="secretmem-efault", g="-EFAULT", ok="ok"),
    "ok 8 abi/capabilities\n",
]
RULES = """<!-- oracle-rules:begin -->
| rule | when | verdict | source | kernels |
| --- | --- | --- | --- | --- |
| `pinned` | anything else | pinned | mm/gup.c __get_user_pages() | all |
| `fsdax-longterm` | fsdax | -EOPNOTSUPP | mm/gup.c check_vma_flags() vma_is_fsdax() | all |
| `file-write-longterm` | page cache write | -EFAULT | mm/gup.c check_vma_flags() writable_file_mapping_allowed() | v6.5+ |
| `write-breaks-cow` | COW | new page | mm/memory.c do_wp_page() | all |
| `partial-pin` | later VMA refused | k of n | mm/gup.c __get_user_pages() | all |
| `secretmem-absent` | no secretmem | -ENOSYS | mm/secretmem.c | all |
| `secretmem-efault` | secretmem | -EFAULT | mm/gup.c check_vma_flags() vma_is_secretmem() | v5.14+ |
| `never-named` | nothing here | - | mm/gup.c | all |
<!-- oracle-rules:end -->
"""


def write_run(res, name, version, cases, summary=True, status="ok"):
    d = os.path.join(res, name, "results")
    os.makedirs(d)
    body = HEADER % version + "1..%d\n" % len(cases) + "".join(cases)
    if summary:
        ok = sum(1 for c in cases if re.search(r"^ok ", c, re.M) and
                 "# SKIP" not in c)
        bad = sum(1 for c in cases if re.search(r"^not ok ", c, re.M))
        skip = sum(1 for c in cases if "# SKIP" in c)
        body += "%d passed, %d failed, %d skipped\n" % (ok, bad, skip)
    with open(os.path.join(d, "results.tap"), "w") as f:
        f.write(body)
    with open(os.path.join(d, "status"), "w") as f:
        f.write(status + "\n")


quiet = False


def check(cond, what):
    if not cond:
        failures.append(what)
        if not quiet:
            print("FAIL: " + what)


def report(*args):
    return subprocess.run([sys.executable, REPORT] + list(args),
                          capture_output=True, text=True)


def cell(page, cid):
    """(classes, text, title, href) of the <td id=cid>, or None."""
    m = re.search(r'<td id="%s" class="([^"]*)">(.*?)</td>' % re.escape(cid),
                  page, re.S)
    if not m:
        return None
    a = re.search(r'<a href="([^"]*)" title="([^"]*)">', m.group(2))
    text = re.sub(r"<[^>]+>", " ", m.group(2))
    return (m.group(1).split(), " ".join(text.split()),
            a.group(2) if a else "", a.group(1) if a else "")


def expect_cell(page, cid, classes, words, href=None):
    """Whether the cell has every class and every word; records a failure."""
    c = cell(page, cid)
    ok = c is not None and all(k in c[0] for k in classes) and \
        all(w in c[1] for w in words) and (href is None or c[3] == href)
    check(ok, "cell %s: want classes %s, words %s, link %s; got %s" % (
        cid, classes, words, href, c))
    return ok


def main():
    work = tempfile.mkdtemp()
    try:
        run_checks(work)
    finally:
        shutil.rmtree(work)
    if failures:
        print("test-report: %d failure(s)" % len(failures))
        return 1
    print("test-report: ok")
    return 0


def make_results(work):
    """Writes the synthetic results, the earlier run and the rules; returns
    their paths (results, base, rules)."""
    res, base = os.path.join(work, "results"), os.path.join(work, "base")
    rules = os.path.join(work, "rules.md")
    with open(rules, "w") as f:
        f.write(RULES)
    write_run(res, "alpha", "6.1.0-alpha", ALPHA)
    write_run(res, "delta", "6.12.0-delta", DELTA)
    write_run(res, "beta", "6.99.0-beta", DELTA[:3], summary=False,
              status="failed: guest timed out")
    os.makedirs(os.path.join(res, "gamma", "results"))
    os.makedirs(os.path.join(res, "never-run"))
    # The earlier run: alpha's fsdax write pin was refused there, as it
    # must be; delta is the same.
    fixed = list(ALPHA)
    fixed[3] = ERR.format(c="pin-longterm/fsdax-ext4/write", n=4,
                          e="-EOPNOTSUPP", r="fsdax-longterm",
                          g="-EOPNOTSUPP", ok="ok")
    write_run(base, "alpha", "6.1.0-alpha", fixed)
    write_run(base, "delta", "6.12.0-delta", DELTA)
    return res, base, rules


def check_outcomes(page):
    """Each cell says what the kernel did, coloured by its class, never just
    "ok"."""
    expect_cell(page, "c-alpha-pin-longterm-anon", ["passed", "pinned"],
                ["pinned"], "#rule-pinned")
    expect_cell(page, "c-alpha-pin-longterm-fsdax-ext4", ["fail"],
                ["\u2717 FAIL", "R: -EOPNOTSUPP", "W: pinned"],
                "#rule-fsdax-longterm")
    expect_cell(page, "c-alpha-pin-longterm-devdax", ["skipped"],
                ["skipped: no device-DAX here"])
    expect_cell(page, "c-alpha-pin-longterm-anon-zero", ["passed", "new"],
                ["new page: COW"])
    expect_cell(page, "c-alpha-pin-longterm-cross-vma", ["partial"],
                ["8 of 16"])
    expect_cell(page, "c-alpha-pin-longterm-secretmem", ["absent"],
                ["cannot be made (-ENOSYS)"])
    expect_cell(page, "c-delta-pin-longterm-pagecache-ext4", ["passed"],
                ["R: pinned", "W: -EFAULT"])
    expect_cell(page, "c-delta-get-transient-anon", ["none"], ["not run"])
    check(cell(page, "c-never-run-pin-longterm-anon") is None,
          "a kernel without results has cells")
    # No cell of the grid just says "ok".
    check(not re.search(r'class="mark">\u2713</span><span[^>]*>ok<', page),
          "a cell says ok instead of an outcome")


def check_kernel_differences(page):
    """Cells whose outcome differs between kernels are marked, and the
    differences are listed before the grids."""
    for k in ("alpha", "delta"):
        expect_cell(page, "c-%s-pin-longterm-pagecache-ext4" % k,
                    ["differs"], ["\u0394"])
    expect_cell(page, "c-alpha-pin-longterm-anon", ["passed"], ["pinned"])
    check("differs" not in cell(page, "c-alpha-pin-longterm-anon")[0],
          "a cell that agrees across kernels is marked as differing")
    diffs = page[page.index('id="differences"'):page.index('id="api-')]
    check("alpha \u2192 delta" in diffs and "pagecache-ext4" in diffs and
          "-EFAULT" in diffs, "the alpha -> delta differences")
    check(page.index('id="differences"') < page.index('id="api-'),
          "differences are not listed before the grids")


def check_tooltips(page):
    """The hover lists every case with its lines, escaped."""
    t = cell(page, "c-alpha-pin-longterm-fsdax-ext4")[2]
    check("pin-longterm/fsdax-ext4/write: FAIL" in t and "got 16 pinned" in t,
          "the fail tooltip: %s" % t)
    check("&lt;&quot;quoted&quot;&gt; &amp; more | piped" in page and
          '<"quoted">' not in page, "escaping")


def check_runs(page):
    """Runs complete, incomplete, without results and never run; failures of
    the other cases."""
    check(re.search(r'<tr id="k-beta"><th>beta</th><td class="bad">'
                    r'incomplete: 3 of 3 results', page) is not None,
          "beta is incomplete")
    check("failed: guest timed out" in page, "beta's test-bed status")
    check('incomplete: no results (see console.log)' in page,
          "gamma has no results")
    check("never-run" not in page, "a kernel without results is shown")
    check('id="f-alpha-lifecycle_fuzz-ioctls"' in page,
          "a failure of another case")


def check_rules_and_history(page):
    """Every rule link has its target; a rule cites its sources per kernel
    version; the history counts the cases that named each rule; no cell is
    marked changed without a base run."""
    for rid in set(re.findall(r'href="#rule-([a-z0-9-]+)"', page)):
        check('<tr id="rule-%s">' % rid in page, "link #rule-%s has no "
              "target" % rid)
    check("https://elixir.bootlin.com/linux/v6.1/A/ident/check_vma_flags"
          in page and "https://elixir.bootlin.com/linux/v6.12/A/ident/"
          "check_vma_flags" in page, "Elixir links per kernel version")
    hist = page[page.index('id="history"'):]
    # (gamma, with no header to give its version, comes first.)
    check(re.search(r'fsdax-longterm</code></a></td><td>all</td><td[^>]*>'
                    r'\u00b7</td><td class="bad">\u2717 1/2</td><td[^>]*>'
                    r'\u2713 2</td>', hist) is not None,
          "rule history of fsdax-longterm")
    check(re.search(r'never-named</code></a></td><td>all</td><td[^>]*>'
                    r'\u00b7</td>', hist) is not None,
          "a rule no case named")
    check("changed" not in re.findall(r'<td id="c-[^"]*" class="([^"]*)"',
                                      page).__str__(),
          "a cell marked changed without a base run")


def check_base_diff(work, res, base, rules):
    """The diff of two runs (-b): the changed cell is marked and listed
    first, in HTML and Markdown."""
    outb = os.path.join(work, "outb")
    r = report("-r", res, "-b", base, "-o", outb, "-R", rules)
    check(r.returncode == 0 and "1 cell(s) changed" in r.stdout,
          "report.py -b: %s %s" % (r.stdout, r.stderr))
    pb = open(os.path.join(outb, "index.html")).read()
    expect_cell(pb, "c-alpha-pin-longterm-fsdax-ext4", ["changed", "fail"],
                ["W: pinned"])
    check("was: -EOPNOTSUPP (ok)" in cell(pb, "c-alpha-pin-longterm-"
                                          "fsdax-ext4")[2],
          "the changed cell's tooltip says what it was")
    changed = [c for c in re.findall(r'<td id="(c-[^"]*)" class="[^"]*'
                                     r'changed', pb)]
    check(changed == ["c-alpha-pin-longterm-fsdax-ext4"],
          "changed cells: %s" % changed)
    check(pb.index('id="changed"') < pb.index('id="differences"'),
          "the run's changes are not listed first")
    mdb = open(os.path.join(outb, "report.md")).read()
    check("## Changed since" in mdb and "**alpha** pin-longterm/fsdax-ext4:"
          in mdb and "\U0001f7e3 changed" in mdb, "markdown diff")


def check_markdown(mdtext):
    """The Markdown carries the same cells, differences, runs, history and
    escaping."""
    row = next((ln for ln in mdtext.splitlines()
                if ln.startswith("| fsdax-ext4 |")), "")
    check("\u274c FAIL R: -EOPNOTSUPP; W: pinned" in row and
          "\u2705 -EOPNOTSUPP" in row, "markdown fsdax row: %s" % row)
    row = next((ln for ln in mdtext.splitlines()
                if ln.startswith("| pagecache-ext4 |")), "")
    check(row.count("\u0394") == 2, "markdown difference marks: %s" % row)
    check("### alpha \u2192 delta" in mdtext, "markdown kernel differences")
    check("| beta | \U0001f534 incomplete" in mdtext, "markdown beta")
    check("| `fsdax-longterm` | all | \u00b7 | \u2717 1/2 | \u2713 2 |" in
          mdtext,
          "markdown rule history")
    check("refcount <\"quoted\"> & more \\| piped" in mdtext,
          "markdown escaping")


def check_wrong_cell_fails(page):
    """The checks must see a wrong grid."""
    global quiet
    saved, quiet = list(failures), True
    wrong = expect_cell(page, "c-alpha-pin-longterm-fsdax-ext4", ["passed"],
                        ["pinned"])
    failures[:], quiet = saved, False
    check(not wrong, "the checks accept a wrong cell")


def check_no_results(work, res, base):
    """No results: a clear message and a failure, from the script and make."""
    empty = os.path.join(work, "empty")
    os.makedirs(os.path.join(empty, "results"))
    r = report("-r", os.path.join(empty, "results"), "-o", empty)
    check(r.returncode == 1 and "make run" in r.stderr and "make check" in
          r.stderr, "report.py without results: %d %s" % (r.returncode,
                                                           r.stderr))
    if shutil.which("make"):
        r = subprocess.run(["make", "-s", "-C", TOP, "report",
                            "BUILD=" + empty], capture_output=True, text=True)
        check(r.returncode != 0 and "make run" in r.stderr,
              "make report without results: %s" % r.stderr)
        r = subprocess.run(["make", "-s", "-C", TOP, "report",
                            "BUILD=" + work, "RESULTS=" + res,
                            "BASE=" + base], capture_output=True, text=True)
        check(r.returncode == 0 and os.path.getsize(
            os.path.join(work, "report", "report.md")) > 0,
            "make report RESULTS= BASE=: %s" % r.stderr)


def run_checks(work):
    res, base, rules = make_results(work)
    out = os.path.join(work, "out")
    r = report("-r", res, "-o", out, "-R", rules)
    check(r.returncode == 0, "report.py failed: %s" % r.stderr)
    page = open(os.path.join(out, "index.html")).read()
    mdtext = open(os.path.join(out, "report.md")).read()
    check_outcomes(page)
    check_kernel_differences(page)
    check_tooltips(page)
    check_runs(page)
    check_rules_and_history(page)
    check_base_diff(work, res, base, rules)
    check_markdown(mdtext)
    check_wrong_cell_fails(page)
    check_no_results(work, res, base)


if __name__ == "__main__":
    sys.exit(main())
