#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""`make report`: what every kernel did, as one page and as Markdown.

    scripts/report.py [-r RESULTS-DIR] [-b BASE-DIR] [-o OUT-DIR] [-R RULES]

  -r  the results of `make run` / `make check`: one directory per kernel,
      RESULTS-DIR/NAME/results/results.tap (default build/results)
  -b  an earlier results directory: cells whose outcome or verdict differ
      from it are marked and listed first (a patch's before and after)
  -o  writes OUT-DIR/index.html and OUT-DIR/report.md (default build/report)
  -R  docs/expectations.md (default: its oracle-rules block is read) or
      the output of `gup-longterm-test --rules`

Each cell of the grid (memory kind x kernel, one grid per GUP path) shows
what the kernel did - pinned, refused with its errno, partial, a new page
(COW, unshare, migrated, faulted back, hole filled), or that the memory
cannot be made there - coloured by that outcome, and separately marked
passed (the oracle agreed), FAILED or skipped. A kind whose outcome differs
between kernels is marked too, and those differences are listed first.

A kernel whose NAME/results directory does not exist was not run and is
left out; one whose results.tap has no final "N passed, N failed, N
skipped" line is an incomplete run. Exit status: 0 written, 1 no results,
2 usage. Needs only python3's standard library.
"""
import argparse
import html
import os
import re
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APIS = ["pin-longterm", "pin-longterm-fast", "pin-transient",
        "pin-transient-fast", "get-transient", "get-transient-fast",
        "get-longterm", "get-longterm-fast"]
# What the outcome rules name the new page, in a word.
NEW_PAGE = {"write-breaks-cow": "COW", "longterm-ro-unshare": "unshare",
            "device-coherent-migrates": "migrated",
            "device-private-faults-back": "faulted back",
            "write-fills-dax-hole": "hole filled"}
MATRIX = re.compile(r"^([a-z-]+)/([a-z0-9-]+)/(read|write)(/1page)?$")
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed, (\d+) skipped$")


def vkey(s):
    """Version-aware sort key: debian-6.1 before debian-6.12."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


class Case:
    def __init__(self, name, verdict, reason, detail):
        self.name, self.verdict, self.reason = name, verdict, reason
        self.detail = detail
        self.rule = ""
        for d in detail:
            m = re.search(r"\(([a-z0-9-]+): ", d)
            if m:
                self.rule = m.group(1)
                break
        self.cls, self.word = outcome(self)


def outcome(c):
    """What the kernel did: (class, word). For a passing case the
    expectation it met; for a failing one what it returned."""
    if c.verdict == "skip":
        return "skip", "skipped"
    line = next((d for d in c.detail if " expect " in d or
                 d.startswith("expect ")), "")
    exp, _, got = line.partition("; got ")
    if c.verdict == "fail" and got:
        m = re.match(r"(-E[A-Z]+)", got)
        if m:
            return "refused", m.group(1)
        m = re.match(r"(\d+) pinned", got)
        if m:
            want = re.search(r"of (\d+) pages", exp)
            if want and m.group(1) != want.group(1):
                return "partial", "%s of %s" % (m.group(1), want.group(1))
            return "pinned", "pinned"
        return "other", got.split(":")[0][:24]
    m = re.search(r"expect .* to fail with (-E[A-Z]+)", exp)
    if m:
        return "absent", "cannot be made (%s)" % m.group(1)
    m = re.search(r"expect (-E[A-Z]+)", exp)
    if m:
        return "refused", m.group(1)
    m = re.search(r"expect (\d+) of (\d+) pages pinned", exp)
    if m and m.group(1) != m.group(2):
        if m.group(1) == "0":
            return "refused", "0 pinned"
        return "partial", "%s of %s" % (m.group(1), m.group(2))
    m = re.search(r"new pages: ([a-z0-9-]+)", exp)
    if m:
        return "new", "new page: " + NEW_PAGE.get(m.group(1), m.group(1))
    return ("pinned", "pinned") if "pinned" in exp else ("other", "")


class Run:
    """One kernel's results directory."""

    def __init__(self, name, d):
        self.name, self.cases, self.header = name, {}, ""
        self.status = ""
        self.summary = None
        self.planned = 0
        sf = os.path.join(d, "status")
        if os.path.isfile(sf):
            with open(sf, errors="replace") as f:
                self.status = f.readline().strip()
        tap = os.path.join(d, "results.tap")
        lines = []
        if os.path.isfile(tap):
            with open(tap, errors="replace") as f:
                lines = f.read().splitlines()
        pend = []
        for ln in lines:
            if ln.startswith("1..") and not self.planned:
                self.planned = int(ln[3:] or 0)
            elif ln.startswith("# gup-longterm-test: kernel ") and \
                    not self.header:
                self.header = ln[len("# gup-longterm-test: kernel "):]
            elif ln.startswith("# "):
                pend.append(ln[2:])
            elif re.match(r"^(not )?ok \d+ ", ln):
                self.add(ln, pend)
                pend = []
            elif SUMMARY.match(ln):
                self.summary = tuple(int(x) for x in SUMMARY.match(ln).groups())
        self.last = list(self.cases)[-1] if self.cases else ""
        v = re.match(r"(\d+)\.(\d+)", self.header)
        self.version = "%s.%s" % v.groups() if v else ""

    def add(self, ln, pend):
        verdict = "fail" if ln.startswith("not ") else "ok"
        rest = re.sub(r"^(not )?ok \d+ ", "", ln)
        name, _, directive = rest.partition(" # ")
        reason = ""
        if directive[:4].upper() == "SKIP":
            verdict, reason = "skip", directive[4:].strip()
        detail = [p[len(name) + 2:] if p.startswith(name + ": ") else p
                  for p in pend if p.startswith(name + ":")
                  or p.startswith(name + " ")]
        self.cases[name] = Case(name, verdict, reason, detail)

    def counts(self):
        v = [c.verdict for c in self.cases.values()]
        return v.count("ok"), v.count("fail"), v.count("skip")

    def complete(self):
        return self.summary is not None

    def state(self):
        if not self.cases and not self.summary:
            return "incomplete: no results (see console.log)"
        if not self.complete():
            return "incomplete: %d of %d results, no final summary; last: %s" \
                % (len(self.cases), self.planned, self.last)
        return "complete"


def load_runs(d):
    runs = []
    if not os.path.isdir(d):
        return runs
    for name in os.listdir(d):
        rd = os.path.join(d, name, "results")
        if os.path.isdir(rd):
            runs.append(Run(name, rd))
    # Oldest kernel first, so that neighbours read as "what changed"; a run
    # without a header goes by the version in its name.
    return sorted(runs, key=lambda r: (vkey(r.version or re.sub(
        r"^[^0-9]*", "", r.name)), vkey(r.name)))


def md_table_rows(block):
    """The rows of the Markdown tables in block: lists of cell texts."""
    rows = []
    for ln in block.splitlines():
        if not ln.startswith("| ") or re.match(r"^\| -", ln):
            continue
        cells = re.split(r"(?<!\\)\|", ln.strip()[1:-1])
        rows.append([c.strip().replace("\\|", "|") for c in cells])
    return rows


def read_rules(path):
    """{id: (when, verdict, source, kernels)}, in the tables' order."""
    rules = {}
    if not os.path.isfile(path):
        print("report: warning: no rule tables in %s: the cells' rule links "
              "have no target" % path, file=sys.stderr)
        return rules
    with open(path, errors="replace") as f:
        text = f.read()

    def section(tag):
        m = re.search(r"<!-- %s:begin -->(.*?)<!-- %s:end -->" % (tag, tag),
                      text, re.S)
        return m.group(1) if m else None

    block = section("oracle-rules")
    for r in md_table_rows(text if block is None else block):
        m = re.match(r"^`([a-z0-9-]+)`$", r[0]) if r else None
        if m and len(r) >= 5:
            rules[m.group(1)] = tuple(r[1:5])
    return rules


def elixir(source, versions):
    """The kernel files and functions a rule's source names, linked to
    Elixir for each kernel version of the run."""
    out, seen = [], set()
    for m in re.finditer(r"\b((?:[a-z0-9_]+/)+[a-z0-9_.-]+\.[ch])"
                         r"(?: ([a-z_][a-z0-9_]*)\(\))?", source):
        f, fn = m.group(1), m.group(2)
        if (f, fn) in seen:
            continue
        seen.add((f, fn))
        links = " ".join(
            '<a href="https://elixir.bootlin.com/linux/v%s/%s">%s</a>' % (
                v, ("A/ident/" + fn) if fn else ("source/" + f), v)
            for v in versions)
        out.append("<code>%s%s</code> %s" % (
            html.escape(f), (" " + html.escape(fn) + "()") if fn else "",
            links))
    return "<br>".join(out)


class Grid:
    """Matrix cases keyed (api, kind, access) per kernel: the cells."""

    def __init__(self, runs):
        self.kinds, self.cells = [], {}
        for r in runs:
            for name, c in r.cases.items():
                m = MATRIX.match(name)
                if not m or m.group(1) not in APIS:
                    continue
                api, kind, acc, one = m.groups()
                if kind not in self.kinds:
                    self.kinds.append(kind)
                self.cells.setdefault((r.name, api, kind), []).append(c)

    def cell(self, kernel, api, kind):
        return self.cells.get((kernel, api, kind), [])

    def differs(self, runs, api, kind):
        """Whether the kernels that ran this kind did different things."""
        return len({label(cs) for cs in (self.cell(r.name, api, kind)
                                         for r in runs)
                    if cs and verdict(cs) != "skip"}) > 1


def parts(cases):
    """A cell's parts, (prefix, outcome class, words): one when read and
    write (and the one-page spans) agree, else one per access."""
    by = {}
    for c in cases:
        acc = "W" if "/write" in c.name else "R"
        words, classes = by.setdefault(acc, ([], []))
        if c.word not in words:
            words.append(c.word)
            classes.append(c.cls)
    out = [(a, cl[0] if len(set(cl)) == 1 else "mixed", " / ".join(w))
           for a, (w, cl) in sorted(by.items())]
    if len({(c, w) for _, c, w in out}) == 1:
        return [("", out[0][1], out[0][2])]
    return out


def label(cases):
    """A cell's words, read and write apart when they differ."""
    return "; ".join(("%s: %s" % (a, w)) if a else w
                     for a, _, w in parts(cases))


def verdict(cases):
    v = [c.verdict for c in cases]
    return "fail" if "fail" in v else "skip" if "skip" in v else "ok"


def kernel_changes(runs, grid):
    """What changed between consecutive kernels: (a, b, [(kind, x, y,
    [api...])]), the GUP paths with the same change in one entry."""
    out = []
    for a, b in zip(runs, runs[1:]):
        diffs = {}
        for kind in grid.kinds:
            for api in APIS:
                ca = grid.cell(a.name, api, kind)
                cb = grid.cell(b.name, api, kind)
                if not ca or not cb or verdict(ca) == "skip" or \
                        verdict(cb) == "skip" or label(ca) == label(cb):
                    continue
                x, y = label(ca), label(cb)
                # Memory that one kernel cannot make: one entry per kind.
                if x.startswith("cannot") or y.startswith("cannot"):
                    x = x if x.startswith("cannot") else "exists"
                    y = y if y.startswith("cannot") else "exists"
                diffs.setdefault((kind, x, y), []).append(api)
        out.append((a, b, [k + (["every GUP path"] if len(v) == len(APIS)
                                else v,) for k, v in diffs.items()]))
    return out


def base_changes(runs, grid, base_runs, base_grid):
    """Cells that differ from BASE: (kernel, api, kind, before, after)."""
    if base_runs is None:
        return []
    names = {r.name for r in base_runs}
    out = []
    for r in runs:
        if r.name not in names:
            continue
        for api in APIS:
            for kind in grid.kinds:
                now, was = grid.cell(r.name, api, kind), \
                    base_grid.cell(r.name, api, kind)
                if not now or not was:
                    continue
                a = "%s (%s)" % (label(was), verdict(was))
                b = "%s (%s)" % (label(now), verdict(now))
                if a != b:
                    out.append((r.name, api, kind, a, b))
    return out


def rule_history(runs, rules):
    """[(rule id, [cell per run])]: a rule is named by a case when its id
    is a whole word of the case's lines (ids are words joined by '-')."""
    out = []
    for rid in rules:
        word = re.compile(r"(?<![a-z0-9-])%s(?![a-z0-9-])" % re.escape(rid))
        cells = []
        for r in runs:
            n = f = sk = 0
            for c in r.cases.values():
                if word.search(" ".join(c.detail) + " " + c.reason):
                    n += 1
                    f += c.verdict == "fail"
                    sk += c.verdict == "skip"
            cells.append("\u00b7" if not n else "\u2717 %d/%d" % (f, n)
                         if f else "skip" if sk == n else
                         "\u2713 %d" % (n - sk))
        out.append((rid, cells))
    return out


MARK = {"ok": "\u2713", "fail": "\u2717 FAIL", "skip": "\u2298 skip"}
CSS = """
body { font: 13px/1.35 sans-serif; margin: 1em; color: #111; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 2px 5px; vertical-align: top; }
th { background: #eee; text-align: left; }
td.cell { min-width: 7em; padding: 0; }
td.cell a { color: inherit; text-decoration: none; display: flex; }
td.cell span { display: block; flex: 1; padding: 2px 4px; }
td.cell span.mark { flex: 0 0 auto; }
.pinned { background: #d9f2d9; } .new { background: #d6e6fa; }
.refused { background: #fbe3c4; } .partial { background: #eadcf5; }
.absent { background: repeating-linear-gradient(45deg, #eee, #eee 4px,
  #ddd 4px, #ddd 8px); } .mixed { background: #fff7c0; }
.skip, .other { background: #fff; }
td.fail { border: 3px solid #c00; } td.skipped { border: 2px dashed #777; }
td.differs { border-left: 5px solid #333; }
td.changed { outline: 4px solid #e0f; outline-offset: -4px; }
.mark { font-weight: bold; } .fail .mark { color: #c00; }
.legend span { padding: 1px 6px; margin-right: 4px; border: 1px solid #bbb; }
li.change { margin: 2px 0; }
li.run { border-left: 6px solid #e0f; padding-left: 4px; list-style: none; }
table.mini { display: inline-table; margin: 0 0 0 1em; } .bad { color: #c00; font-weight: bold; }
@media print { td.changed { outline-color: #000; } }
"""


def e(s):
    return html.escape(str(s), quote=True)


def cell_html(kernel, api, kind, cs, differs, was, rules, with_id):
    """One cell: its outcome words, its marks, its cases in the tooltip
    and a link to its rule. was: the earlier run's words, if changed."""
    cid = ' id="%s"' % e("c-%s-%s-%s" % (kernel, api, kind)) if with_id \
        else ""
    if not cs:
        return '<td%s class="cell none">not run</td>' % cid
    v = verdict(cs)
    cls = ["cell", {"fail": "fail", "skip": "skipped"}.get(v, "passed")]
    mark = MARK[v]
    if differs and v != "skip":
        cls.append("differs")
        mark += " \u0394"
    if v != "skip" and len(parts(cs)) == 1:
        cls.append(parts(cs)[0][1])
    tip = []
    if was is not None:
        cls.append("changed")
        tip.append("was: %s" % was)
    for c in cs:
        tip.append("%s: %s%s" % (
            c.name, {"ok": "ok", "fail": "FAIL",
                     "skip": "SKIP " + c.reason}[c.verdict],
            "".join("\n    " + d for d in c.detail)))
    rule = next((c.rule for c in cs if c.verdict == "fail" and c.rule),
                cs[0].rule)
    words = "".join('<span class="%s">%s</span>' % (
        c, e(("%s: %s" % (a, w)) if a else w)) for a, c, w in parts(cs)) \
        if v != "skip" else \
        '<span class="skip">skipped: %s</span>' % e(cs[0].reason)
    return '<td%s class="%s"><a href="%s" title="%s"><span class="mark">' \
        '%s</span>%s</a></td>' % (
            cid, " ".join(cls), ("#rule-" + e(rule)) if rule in rules
            else "#", e("\n".join(tip)), mark, words)


def html_head(runs, args):
    """The title, what was run, and the legend."""
    p = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
         '<title>gup-longterm-test report</title><style>%s</style></head>'
         '<body><h1>gup-longterm-test: what each kernel did</h1>' % CSS,
         '<p>%d kernel(s) from %s, generated %s.%s</p>' % (
             len(runs), e(args.results), e(args.generated),
             (" Compared with the earlier run in %s." % e(args.base))
             if args.base else "")]
    p.append('<p class="legend">Outcome: <span class="pinned">pinned</span>'
             '<span class="new">new page (COW, unshare, migrated, ...)</span>'
             '<span class="refused">refused: errno</span>'
             '<span class="partial">partial: k of n</span>'
             '<span class="absent">cannot be made here</span>'
             '<span class="mixed">mixed</span>. Verdict: \u2713 the oracle '
             'agreed; <b>\u2717 FAIL</b> (red border); \u2298 skip (dashed '
             'border). \u0394 and a bar on the left: the outcome differs '
             'between kernels. A magenta frame: changed since the earlier run. Hover'
             ' a cell for its cases; click it for its rule.</p>')
    return p


def html_kernels(runs):
    """The kernels: how each run went."""
    p = []
    p.append('<h2 id="kernels">Kernels</h2><table><tr><th>kernel</th>'
             '<th>run</th><th>passed</th><th>failed</th><th>skipped</th>'
             '<th>test-bed</th><th>kernel that ran</th></tr>')
    for r in runs:
        ok, bad, sk = r.counts()
        st = r.state()
        p.append('<tr id="k-%s"><th>%s</th><td class="%s">%s</td>'
                 '<td>%d</td><td class="%s">%d</td><td>%d</td>'
                 '<td class="%s">%s</td><td>%s</td></tr>' % (
                     e(r.name), e(r.name),
                     "good" if st == "complete" else "bad", e(st), ok,
                     "bad" if bad else "", bad, sk,
                     "" if r.status in ("", "ok") else "bad",
                     e(r.status or "-"), e(r.header)))
    p.append('</table>')
    return p


def html_changes(grid, rules, kch, bch, args):
    """What changed: since BASE first, then between kernels."""
    p = []
    if args.base:
        p.append('<h2 id="changed">Changed since %s: %d cell(s)</h2><ul>' %
                 (e(args.base), len(bch)))
        for k, a, kind, was, now in bch:
            p.append('<li class="change run"><a href="#c-%s-%s-%s">%s %s/%s</a>:'
                     ' %s \u2192 <b>%s</b><table class="mini"><tr>%s</tr>'
                     '</table></li>' % (
                         e(k), e(a), e(kind), e(k), e(a), e(kind), e(was),
                         e(now), cell_html(k, a, kind, grid.cell(k, a, kind),
                                           False, was, rules, False)))
        p.append('</ul>')
    p.append('<h2 id="differences">What changed between kernels</h2>')
    for a, b, diffs in kch:
        p.append('<h3>%s \u2192 %s: %d difference(s)</h3><ul>' % (
            e(a.name), e(b.name), len(diffs)))
        for kind, x, y, apis in diffs:
            p.append('<li class="change"><b>%s</b>: %s \u2192 <b>%s</b> '
                     '<small>(%s)</small></li>' % (
                         e(kind), e(x), e(y), e(", ".join(apis))))
        p.append('</ul>')
    return p


def html_grids(runs, grid, rules, bch):
    """The grids, one per GUP path."""
    changed = {(k, a, kind): (was, now)
               for k, a, kind, was, now in bch}
    p = []
    for api in APIS:
        p.append('<h2 id="api-%s">%s</h2><table class="grid"><tr>'
                 '<th>memory kind</th>' % (e(api), e(api)))
        p += ['<th class="kernel" title="%s">%s%s</th>' % (
            e(r.header), e(r.name), "" if r.complete() else " (incomplete)")
            for r in runs]
        p.append('</tr>')
        for kind in grid.kinds:
            differs = grid.differs(runs, api, kind)
            p.append('<tr><th>%s</th>' % e(kind))
            for r in runs:
                p.append(cell_html(r.name, api, kind, grid.cell(
                    r.name, api, kind), differs,
                    (changed.get((r.name, api, kind)) or (None,))[0], rules,
                    True))
            p.append('</tr>')
        p.append('</table>')
    return p


def html_other(runs):
    """The other cases, failures only and counts."""
    p = []
    p.append('<h2 id="other">Other cases (abi, lifecycle, reason, consumer,'
             ' migration)</h2><table><tr><th>kernel</th><th>passed</th>'
             '<th>failed</th><th>skipped</th><th>failed or skipped</th></tr>')
    for r in runs:
        other = [c for n, c in r.cases.items() if not MATRIX.match(n)]
        bad = [c for c in other if c.verdict != "ok"]
        p.append('<tr><th>%s</th><td>%d</td><td>%d</td><td>%d</td><td>%s'
                 '</td></tr>' % (
                     e(r.name), sum(c.verdict == "ok" for c in other),
                     sum(c.verdict == "fail" for c in other),
                     sum(c.verdict == "skip" for c in other),
                     "<br>".join('<span id="f-%s-%s" title="%s" class="%s">'
                                 '%s %s</span>' % (
                                     e(r.name), e(c.name.replace("/", "_")),
                                     e("\n".join(c.detail)),
                                     "bad" if c.verdict == "fail" else "",
                                     MARK[c.verdict], e(c.name))
                                 for c in bad)))
    p.append('</table>')
    return p


def html_rules(runs, rules):
    """The rules, with their sources in each kernel version of the run."""
    versions = sorted({r.version for r in runs if r.version}, key=vkey)
    p = []
    p.append('<h2 id="rules">The oracle\'s rules</h2><table><tr><th>rule</th>'
             '<th>when</th><th>verdict</th><th>source (Elixir, per kernel of'
             ' this run)</th><th>kernels</th></tr>')
    for rid, (when, ver, src, kern) in rules.items():
        p.append('<tr id="rule-%s"><td><code>%s</code></td><td>%s</td>'
                 '<td>%s</td><td>%s<br>%s</td><td>%s</td></tr>' % (
                     e(rid), e(rid), e(when), e(ver), e(src),
                     elixir(src, versions), e(kern)))
    p.append('</table>')
    return p


def html_history(runs, rules):
    """Rule history: each rule on each kernel of this run."""
    p = []
    p.append('<h2 id="history">Rule history: each rule on each kernel of '
             'this run</h2><p>\u2713 N: N cases named the rule and passed; '
             '\u2717 F/N: F of them failed; skip; \u00b7 no case named it '
             '(the rule did not apply there).</p><table><tr><th>rule</th>'
             '<th>claimed for</th>%s<th>source</th></tr>' % "".join(
                 '<th>%s (%s)</th>' % (e(r.name), e(r.version)) for r in runs))
    for rid, cells in rule_history(runs, rules):
        src = rules[rid][2]
        p.append('<tr><td><a href="#rule-%s"><code>%s</code></a></td>'
                 '<td>%s</td>%s<td>%s</td></tr>' % (
                     e(rid), e(rid), e(rules[rid][3]), "".join(
                         '<td class="%s">%s</td>' % (
                             "bad" if c.startswith("\u2717") else "", e(c))
                         for c in cells), e(src.split(":")[0][:80])))
    p.append('</table>')
    return p


def render_html(runs, grid, rules, kch, bch, args):
    p = (html_head(runs, args) + html_kernels(runs) +
         html_changes(grid, rules, kch, bch, args) +
         html_grids(runs, grid, rules, bch) + html_other(runs) +
         html_rules(runs, rules) + html_history(runs, rules))
    p.append('</body></html>\n')
    return "\n".join(p)


MD_MARK = {"ok": "\u2705", "fail": "\u274c FAIL", "skip": "\u23ed\ufe0f skip"}


def md(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def render_md(runs, grid, rules, kch, bch, args):
    p = ["# gup-longterm-test: what each kernel did", "",
         "%d kernel(s) from %s, generated %s." % (
             len(runs), args.results, args.generated), "",
         "| kernel | run | passed | failed | skipped | test-bed |",
         "| --- | --- | --- | --- | --- | --- |"]
    for r in runs:
        ok, bad, sk = r.counts()
        p.append("| %s | %s%s | %d | %s%d | %d | %s |" % (
            r.name, "" if r.complete() else "\U0001f534 ", md(r.state()), ok,
            "\U0001f534 " if bad else "", bad, sk, md(r.status or "-")))
    if args.base:
        p += ["", "## Changed since %s: %d cell(s)" % (args.base, len(bch)),
              ""]
        p += ["- **%s** %s/%s: %s \u2192 **%s**" % (k, a, kind, was, now)
              for k, a, kind, was, now in bch]
    p += ["", "## What changed between kernels"]
    for a, b, diffs in kch:
        p += ["", "### %s \u2192 %s: %d difference(s)" % (a.name, b.name,
                                                         len(diffs)), ""]
        p += ["- **%s**: %s \u2192 **%s** (%s)" % (kind, x, y, ", ".join(apis))
              for kind, x, y, apis in diffs]
    changed = {(k, a, kind) for k, a, kind, _, _ in bch}
    for api in APIS:
        p += ["", "## %s" % api, "",
              "| memory kind | " + " | ".join(
                  r.name + ("" if r.complete() else " (incomplete)")
                  for r in runs) + " |",
              "| --- |" + " --- |" * len(runs)]
        for kind in grid.kinds:
            differs = grid.differs(runs, api, kind)
            row = []
            for r in runs:
                cs = grid.cell(r.name, api, kind)
                if not cs:
                    row.append("not run")
                    continue
                v = verdict(cs)
                row.append("%s%s%s %s" % (
                    "\U0001f7e3 changed " if (r.name, api, kind) in changed
                    else "", "\u0394 " if differs and v != "skip"
                    else "", MD_MARK[v], md(label(cs) if v != "skip" else
                                           cs[0].reason)))
            p.append("| %s | %s |" % (kind, " | ".join(row)))
    p += ["", "\u2705 the oracle agreed, \u274c FAIL, \u23ed\ufe0f skip; "
          "\u0394 the outcome differs between kernels; \U0001f7e3 changed "
          "since the earlier run. The rules: docs/expectations.md."]
    p += ["", "## Rule history", "",
          "| rule | claimed for | " + " | ".join(
              "%s (%s)" % (r.name, r.version) for r in runs) + " |",
          "| --- | --- |" + " --- |" * len(runs)]
    p += ["| `%s` | %s | %s |" % (rid, md(rules[rid][3]), " | ".join(cells))
          for rid, cells in rule_history(runs, rules)]
    for r in runs:
        bad = [c for c in r.cases.values() if c.verdict == "fail"]
        if bad:
            p += ["", "## Failures on %s" % r.name, ""]
            p += ["- `%s`: %s" % (c.name, md(" / ".join(c.detail)))
                  for c in bad]
    return "\n".join(p) + "\n"


def main():
    ap = argparse.ArgumentParser(
        usage=__doc__.split("\n\n")[1].strip(), description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-r", dest="results", metavar="RESULTS-DIR",
                    default=os.path.join(TOP, "build/results"))
    ap.add_argument("-b", dest="base", metavar="BASE-DIR")
    ap.add_argument("-o", dest="out", metavar="OUT-DIR",
                    default=os.path.join(TOP, "build/report"))
    ap.add_argument("-R", dest="rules", metavar="RULES",
                    default=os.path.join(TOP, "docs/expectations.md"))
    args = ap.parse_args()
    args.generated = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    runs = load_runs(args.results)
    if not runs:
        print("report: no results in %s: run `make run` or `make check` "
              "first" % args.results, file=sys.stderr)
        return 1
    base_runs = base_grid = None
    if args.base:
        base_runs = load_runs(args.base)
        if not base_runs:
            print("report: no results in the base %s" % args.base,
                  file=sys.stderr)
            return 1
        base_grid = Grid(base_runs)
    rules = read_rules(args.rules)
    grid = Grid(runs)
    kch = kernel_changes(runs, grid)
    bch = base_changes(runs, grid, base_runs, base_grid)
    os.makedirs(args.out, exist_ok=True)
    for fname, text in (("index.html", render_html(runs, grid, rules, kch,
                                                   bch, args)),
                        ("report.md", render_md(runs, grid, rules, kch, bch,
                                                args))):
        # Written under a temporary name and renamed: a viewer never sees
        # half a page.
        path = os.path.join(args.out, fname)
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
    for r in runs:
        ok, bad, sk = r.counts()
        print("%-14s %-10s %5d passed, %d failed, %d skipped%s" % (
            r.name, "complete" if r.complete() else "incomplete", ok, bad,
            sk, "" if r.status in ("", "ok") else
            "  (test-bed: %s)" % r.status))
    if args.base:
        print("report: %d cell(s) changed since %s" % (len(bch), args.base))
    print("report: %s" % os.path.join(args.out, "index.html"))
    print("report: %s" % os.path.join(args.out, "report.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
