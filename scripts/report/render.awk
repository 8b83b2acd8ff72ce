# SPDX-License-Identifier: GPL-2.0
# The records of ktap.awk -> the results grid, as one self-contained HTML
# page and as Markdown. Run by scripts/report.sh:
#
#   awk -f render.awk -v html=OUT.html -v md=OUT.md -v generated=TEXT \
#       -v source=TEXT phase=rules RULES phase=records RECORDS
#
# RULES is the oracle's rule tables as `gup-longterm-test --rules` prints
# them (docs/expectations.md carries a copy, checked by
# ci/test-expectations-doc.sh). Both outputs carry them at the end, each
# row with the anchor "rule-NAME", and every cell links there: the page
# stays whole when it is copied out of the tree as a CI artifact, and a
# rule's link never depends on how a Markdown renderer names headings.
#
# A grid case is <api>/<kind>/<access>[/1page] with an api that starts with
# pin- or get-; a grid cell is (kernel, kind, api) and sums up its cases:
# FAIL if any failed, skip if any was skipped (a skip is never a pass), ok
# only if every case passed, "not run" if none ran (a filtered or cut-short
# run). Everything else (abi/, lifecycle/, reason/, consumer/) goes in a
# second table, kernel x case.
#
# Only POSIX awk (no gawk extensions): the CI machine may have only mawk.

BEGIN {
	FS = "\t"
	SEP = "\036"
	nk = nkind = napi = nother = nfail = nsect = nrule = nused = 0
}

# ---- the rule tables ----------------------------------------------------

phase == "rules" && /^### / {
	sect[++nsect] = substr($0, 5)
	next
}

# A rule row: | `name` | when | verdict | decided by | kernels |
phase == "rules" && /^\| `[^`]+` \|/ {
	t = $0
	gsub(/\\\|/, "\035", t)		# "\|" is a pipe inside a cell
	n = split(t, c, "|")
	for (i = 2; i < n; i++) {
		gsub(/\035/, "|", c[i])
		sub(/^ +/, "", c[i])
		sub(/ +$/, "", c[i])
	}
	name = c[2]
	gsub(/`/, "", name)
	if (name in rulesect)
		next
	rulename[++nrule] = name
	rulesect[name] = nsect
	rulewhen[name] = c[3]
	ruleverdict[name] = c[4]
	ruleby[name] = c[5]
	rulekernels[name] = c[6]
	rulemd[name] = $0
	next
}

phase == "rules" { next }

# ---- the results --------------------------------------------------------

function addkernel(k) {
	if (!(k in kidx)) {
		kidx[k] = ++nk
		kname[nk] = k
	}
}

# Rows and columns in an order every kernel agrees with as far as it can:
# a name that no earlier kernel had goes right after the one this kernel had
# before it (a run filtered with --filter, a kernel with extra cases), not
# at the end.
function place(list, name, after) {
	if (!((list, name) in member)) {
		member[list, name] = 1
		after = (list in lastin) ? lastin[list] : ""
		succ[list, name] = succ[list, after]
		succ[list, after] = name
	}
	lastin[list] = name
}

# The ordered names of LIST into ARR; returns how many.
function order(list, arr, n, x) {
	n = 0
	for (x = succ[list, ""]; x != ""; x = succ[list, x])
		arr[++n] = x
	return n
}

$1 == "K" {
	k = $2
	addkernel(k)
	kstate[k] = $3
	kpass[k] = $4
	kfail[k] = $5
	kskip[k] = $6
	kplan[k] = $7
	kseen[k] = $8
	kheader[k] = $9
	kstatus[k] = $10
	klast[k] = $11
	next
}

$1 == "C" {
	k = $2; name = $3; res = $4; rule = $5; detail = $6; reason = $7
	addkernel(k)
	if (k != curk) {
		curk = k
		split("", lastin)
	}
	if (rule != "" && !(rule in used)) {
		used[rule] = ++nused
		usedname[nused] = rule
	}

	# One case as a tooltip paragraph: its name and verdict, then what
	# the oracle expected and what the kernel did, indented.
	line = name ": " (res == "fail" ? "FAIL" : res == "skip" ? "SKIP " reason : "ok")
	if (detail != "") {
		d = detail
		gsub(SEP, SEP "    ", d)
		line = line SEP "    " d
	}

	if (res == "fail") {
		++nfail
		failk[nfail] = k
		failname[nfail] = name
		failrule[nfail] = rule
		faildetail[nfail] = detail
	}

	np = split(name, p, "/")
	if (np >= 3 && p[1] ~ /^(pin|get)-/) {
		api = p[1]; kind = p[2]
		place("kind", kind)
		place("api", api)
		key = k SUBSEP kind SUBSEP api
		cnt[key, res]++
		ctitle[key] = ctitle[key] SEP line
		# The Markdown tooltip is terser, or the page would outgrow what
		# Markdown viewers render (GitHub stops at 512 KiB): a case is
		# named by its access ("write/1page") under one "api/kind/" line,
		# and its text is repeated only when it says more than a
		# sibling's ("16 of 16" and "1 of 1" pages say the same).
		if (ctitlemd[key] == "")
			ctitlemd[key] = SEP api "/" kind "/"
		mdline = "  " substr(name, length(api "/" kind "/") + 1) ": " \
		    (res == "fail" ? "FAIL" : res == "skip" ? "SKIP " reason : "ok")
		norm = detail
		gsub(/[0-9]+/, "#", norm)
		if (detail != "" && !((key, norm) in cshown)) {
			d = detail
			gsub(SEP, SEP "    ", d)
			mdline = mdline SEP "    " d
		}
		cshown[key, norm] = 1
		ctitlemd[key] = ctitlemd[key] SEP mdline
		if (rule != "" && !((key, rule) in crulehas)) {
			crulehas[key, rule] = 1
			crules[key] = crules[key] (crules[key] == "" ? "" : " ") rule
		}
		if (res == "fail" && cfailrule[key] == "")
			cfailrule[key] = rule
	} else {
		place("other", name)
		key = k SUBSEP name
		ores[key] = res
		orule[key] = rule
		otitle[key] = line
	}
	next
}

# ---- helpers ------------------------------------------------------------

function status(key) {
	if (cnt[key, "fail"]) return "fail"
	if (cnt[key, "skip"]) return "skip"
	if (cnt[key, "ok"]) return "ok"
	return "none"
}

function label(st) {
	return st == "fail" ? "FAIL" : st == "skip" ? "skip" : st == "ok" ? "ok" : "–"
}

function emoji(st) {
	return st == "fail" ? "🔴 FAIL" : st == "skip" ? "⚪ skip" : st == "ok" ? "🟢 ok" : "▫️ not run"
}

# The rule a cell links: a failed case's (that is what to read first), else
# the first one its cases named.
function mainrule(key, r) {
	if (cfailrule[key] != "")
		return cfailrule[key]
	r = crules[key]
	sub(/ .*/, "", r)
	return r
}

# Column headings as in the harness's own text grid: pin-lt-f for
# pin-longterm-fast.
function shortapi(a) {
	sub(/longterm/, "lt", a)
	sub(/transient/, "tr", a)
	sub(/-fast$/, "-f", a)
	return a
}

function ident(s) {
	gsub(/[^A-Za-z0-9._-]/, "_", s)
	return s
}

function esc(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	gsub(/"/, "\\&quot;", s)
	return s
}

# A title attribute: lines become character references, so that every
# cell stays on one line of the page (ci/test-report.sh greps it).
function attr(s) {
	s = esc(s)
	gsub(SEP, "\\&#10;", s)
	return s
}

# The rule tables' cells are Markdown: only `code` spans occur.
function inline(s, out, n, i, part) {
	n = split(s, part, "`")
	out = ""
	for (i = 1; i <= n; i++)
		out = out (i % 2 ? esc(part[i]) : "<code>" esc(part[i]) "</code>")
	return out
}

# Plain text in a Markdown table cell.
function mdtext(s) {
	gsub(/\|/, "\\|", s)
	gsub(/</, "\\&lt;", s)
	gsub(SEP, " ", s)
	return s
}

# A Markdown link title ("..."): quotes and pipes escaped, lines as
# character references (a table row cannot span lines).
function mdtitle(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\|/, "\\|", s)
	gsub(SEP, "\\&#10;", s)
	return s
}

function runtext(k) {
	if (kstate[k] == "complete")
		return "complete"
	if (kseen[k] == 0 && kplan[k] == 0)
		return "incomplete: no results (see console.log)"
	return "incomplete: " kseen[k] " of " kplan[k] " results, no final summary" \
	    (klast[k] != "" ? "; last: " klast[k] : "")
}

function bad_status(k) {
	return kstatus[k] != "" && kstatus[k] != "ok"
}

# ---- HTML ---------------------------------------------------------------

function html_cell(key, id, first, st, r, rest, n, i, more, title) {
	st = status(key)
	title = ctitle[key]
	if (crules[key] != "")
		title = title SEP "rule: " crules[key]
	if (st == "none")
		return "<td id=\"" id "\" class=\"none" first "\" title=\"not run\">–</td>"
	r = mainrule(key)
	if (r == "")
		return "<td id=\"" id "\" class=\"" st first "\" title=\"" attr(substr(title, 2)) "\"><span class=\"main\">" label(st) "</span></td>"
	# Other rules of the cell (a read pinned, a write refused): one small
	# "+" link each.
	more = ""
	n = split(crules[key], rest, " ")
	for (i = 1; i <= n; i++)
		if (rest[i] != r)
			more = more "<a class=\"more\" href=\"#rule-" ident(rest[i]) "\" title=\"rule " esc(rest[i]) "\">+</a>"
	return "<td id=\"" id "\" class=\"" st first "\" title=\"" attr(substr(title, 2)) "\"><a class=\"main\" href=\"#rule-" ident(r) "\">" label(st) "</a>" more "</td>"
}

function write_html(f, i, j, k, key, st, r, n, s, id, title) {
	print "<!DOCTYPE html>" > f
	print "<html lang=\"en\"><head><meta charset=\"utf-8\">" > f
	print "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" > f
	print "<title>gup-longterm-test results</title>" > f
	print "<style>" > f
	print "body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",\"DejaVu Sans\",sans-serif;margin:20px;color:#1f2328;background:#fff}" > f
	print "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}" > f
	print ".meta{color:#57606a;margin:0 0 12px}" > f
	print "code,.mono{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:12px}" > f
	print "table{border-collapse:collapse}" > f
	print ".scroll{overflow-x:auto}" > f
	print ".summary td,.summary th{border:1px solid #d0d7de;padding:4px 10px;text-align:left}.summary td.n{text-align:right;font-variant-numeric:tabular-nums}" > f
	print ".summary td.good{color:#1a7f37;font-weight:600}.summary td.bad{color:#fff;background:#cf222e;font-weight:600}" > f
	print ".grid th,.grid td{border:1px solid #fff;padding:0;text-align:center;font-size:12px}" > f
	print ".grid thead th{background:#f6f8fa;color:#1f2328;padding:3px 4px;font-weight:600;white-space:nowrap}" > f
	print ".grid thead th.api{font-weight:normal;font-size:10.5px;min-width:40px;padding:3px 2px}" > f
	print ".grid thead th.kernel.incomplete{background:#cf222e;color:#fff}" > f
	print ".grid th.row{text-align:left;padding:2px 10px 2px 4px;font-weight:normal;white-space:nowrap;background:#fff;position:sticky;left:0}" > f
	print ".grid .first{border-left:3px solid #57606a}" > f
	print ".grid td{height:21px;min-width:40px}" > f
	print "td.ok{background:#2da44e}td.fail{background:#cf222e}td.skip{background:#8c959f}td.none{background:#f6f8fa;color:#8c959f}" > f
	print "td.ok a,td.fail a,td.skip a,td.ok span,td.fail span,td.skip span{color:#fff;text-decoration:none}" > f
	print "td.fail .main{font-weight:700}a.main,span.main{display:inline-block;padding:2px 4px}" > f
	print "a.more{font-size:10px;vertical-align:super;margin-left:-2px}" > f
	print ".legend span{display:inline-block;padding:1px 8px;margin-right:6px;color:#fff;border-radius:3px}" > f
	print ".legend .ok{background:#2da44e}.legend .fail{background:#cf222e}.legend .skip{background:#8c959f}.legend .none{background:#f6f8fa;color:#8c959f;border:1px solid #d0d7de}" > f
	print ".failure{border-left:4px solid #cf222e;padding:2px 10px;margin:8px 0;background:#fff8f8}" > f
	print ".failure pre{white-space:pre-wrap;margin:4px 0;font-size:12px}" > f
	print "table.rules{width:100%}.rules td,.rules th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px;overflow-wrap:anywhere}" > f
	print ".rules tr:target{background:#fff8c5;outline:2px solid #bf8700}" > f
	print ".rules td:first-child{white-space:nowrap}" > f
	print "</style></head><body>" > f

	print "<h1>gup-longterm-test results</h1>" > f
	print "<p class=\"meta\">" esc(source) " · generated " esc(generated) "</p>" > f
	print "<p class=\"legend\"><span class=\"ok\">ok</span><span class=\"fail\">FAIL</span><span class=\"skip\">skip</span><span class=\"none\">– not run</span>" \
	    " A cell sums up its cases (read and write, 16 pages and 1 page): FAIL if any failed, skip if any was skipped, ok only if all passed." \
	    " Hover a cell for its cases, what the oracle expected and what the kernel did; click it for the oracle rule (a <sup>+</sup> is a second rule of the same cell).</p>" > f

	# Per-kernel counts first: the one thing everybody reads.
	print "<h2>Kernels</h2>" > f
	print "<table class=\"summary\"><thead><tr><th>kernel</th><th>run</th><th>passed</th><th>failed</th><th>skipped</th><th>test-bed status</th><th>kernel under test</th></tr></thead><tbody>" > f
	for (i = 1; i <= nk; i++) {
		k = kname[i]
		printf "<tr id=\"k-%s\"><th>%s</th><td class=\"%s\">%s</td><td class=\"n\">%d</td><td class=\"n%s\">%d</td><td class=\"n\">%d</td><td class=\"%s\">%s</td><td class=\"mono\">%s</td></tr>\n",
		    ident(k), esc(k), kstate[k] == "complete" ? "good" : "bad", esc(runtext(k)),
		    kpass[k], kfail[k] ? " bad" : "", kfail[k], kskip[k],
		    bad_status(k) ? "bad" : "", esc(kstatus[k] == "" ? "–" : kstatus[k]), esc(kheader[k]) > f
	}
	print "</tbody></table>" > f

	if (napi > 0) {
		print "<h2>Kernel × memory kind × GUP path</h2>" > f
		print "<div class=\"scroll\"><table class=\"grid\"><thead><tr><th class=\"row\" rowspan=\"2\">memory kind</th>" > f
		for (i = 1; i <= nk; i++) {
			k = kname[i]
			printf "<th class=\"kernel first%s\" colspan=\"%d\" title=\"%s\">%s%s</th>", \
			    kstate[k] == "complete" ? "" : " incomplete", napi, attr(kheader[k]), esc(k), \
			    kstate[k] == "complete" ? "" : " (incomplete)" > f
		}
		print "</tr><tr>" > f
		for (i = 1; i <= nk; i++)
			for (j = 1; j <= napi; j++)
				printf "<th class=\"api%s\" title=\"%s\">%s</th>", j == 1 ? " first" : "", esc(apiname[j]), esc(shortapi(apiname[j])) > f
		print "</tr></thead><tbody>" > f
		for (r = 1; r <= nkind; r++) {
			printf "<tr><th class=\"row mono\">%s</th>\n", esc(kindname[r]) > f
			for (i = 1; i <= nk; i++)
				for (j = 1; j <= napi; j++) {
					key = kname[i] SUBSEP kindname[r] SUBSEP apiname[j]
					print html_cell(key, "c-" ident(kname[i]) "-" ident(kindname[r]) "-" ident(apiname[j]), j == 1 ? " first" : "") > f
				}
			print "</tr>" > f
		}
		print "</tbody></table></div>" > f
	}

	if (nother > 0) {
		print "<h2>Other cases</h2>" > f
		print "<div class=\"scroll\"><table class=\"grid\"><thead><tr><th class=\"row\">case</th>" > f
		for (i = 1; i <= nk; i++)
			printf "<th class=\"kernel first%s\">%s</th>", kstate[kname[i]] == "complete" ? "" : " incomplete", esc(kname[i]) > f
		print "</tr></thead><tbody>" > f
		for (r = 1; r <= nother; r++) {
			printf "<tr><th class=\"row mono\">%s</th>\n", esc(othername[r]) > f
			for (i = 1; i <= nk; i++) {
				key = kname[i] SUBSEP othername[r]
				id = "o-" ident(kname[i]) "-" ident(othername[r])
				if (!(key in ores)) {
					print "<td id=\"" id "\" class=\"none first\" title=\"not run\">–</td>" > f
					continue
				}
				st = ores[key]
				title = otitle[key] (orule[key] != "" ? SEP "rule: " orule[key] : "")
				if (orule[key] != "")
					print "<td id=\"" id "\" class=\"" st " first\" title=\"" attr(title) "\"><a class=\"main\" href=\"#rule-" ident(orule[key]) "\">" label(st) "</a></td>" > f
				else
					print "<td id=\"" id "\" class=\"" st " first\" title=\"" attr(title) "\"><span class=\"main\">" label(st) "</span></td>" > f
			}
			print "</tr>" > f
		}
		print "</tbody></table></div>" > f
	}

	if (nfail > 0) {
		print "<h2>Failures</h2>" > f
		for (i = 1; i <= nfail; i++) {
			printf "<div class=\"failure\" id=\"f-%s-%s\"><h3>%s: <code>%s</code>%s</h3><pre>%s</pre></div>\n", \
			    ident(failk[i]), ident(failname[i]), esc(failk[i]), esc(failname[i]), \
			    failrule[i] == "" ? "" : " — rule <a href=\"#rule-" ident(failrule[i]) "\"><code>" esc(failrule[i]) "</code></a>", \
			    faildetail[i] == "" ? "(no diagnostics)" : attr_lines(faildetail[i]) > f
		}
	}

	print "<h2>Oracle rules</h2>" > f
	print "<p class=\"meta\">As <code>gup-longterm-test --rules</code> prints them (docs/expectations.md); the first matching pin-verdict rule decides a case.</p>" > f
	for (s = 1; s <= nsect; s++) {
		n = 0
		for (i = 1; i <= nrule; i++)
			if (rulesect[rulename[i]] == s) {
				if (!n++) {
					print "<h3>" esc(sect[s]) "</h3>" > f
					print "<table class=\"rules\"><thead><tr><th>rule</th><th>when</th><th>verdict</th><th>decided by</th><th>kernels</th></tr></thead><tbody>" > f
				}
				r = rulename[i]
				printf "<tr id=\"rule-%s\"><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", \
				    ident(r), esc(r), inline(rulewhen[r]), inline(ruleverdict[r]), inline(ruleby[r]), inline(rulekernels[r]) > f
			}
		if (n)
			print "</tbody></table>" > f
	}
	# Rules the results name that the tables lack (see END).
	if (nunlisted) {
		print "<h3>Rules the results name that these tables lack</h3>" > f
		print "<table class=\"rules\"><tbody>" > f
		for (i = 1; i <= nunlisted; i++) {
			r = unlisted[i]
			printf "<tr id=\"rule-%s\"><td><code>%s</code></td><td>not in the rule tables: the results come from another version of the oracle</td></tr>\n", ident(r), esc(r) > f
		}
		print "</tbody></table>" > f
	}
	print "</body></html>" > f
	close(f)
}

# Diagnostics in a <pre>: one per line.
function attr_lines(s) {
	s = esc(s)
	gsub(SEP, "\n", s)
	return s
}

# ---- Markdown -----------------------------------------------------------

function md_cell(key, st, r, title) {
	st = status(key)
	if (st == "none")
		return emoji(st)
	title = substr(ctitlemd[key], 2) (crules[key] != "" ? SEP "rule: " crules[key] : "")
	r = mainrule(key)
	# A link needs a target; a title alone would be lost, so a cell without
	# a rule stays plain text.
	if (r == "")
		return emoji(st)
	return "[" emoji(st) "](#rule-" ident(r) " \"" mdtitle(title) "\")"
}

# The header row and the separator of a Markdown table: a first column
# named first, then n centred columns named cols[1..n].
function md_head(f, first, cols, n, line, j) {
	line = "| " first " |"
	for (j = 1; j <= n; j++)
		line = line " " cols[j] " |"
	print line > f
	line = "| --- |"
	for (j = 1; j <= n; j++)
		line = line " :---: |"
	print line > f
}

function write_md(f, i, j, k, r, key, st, s, n, line, title, hd) {
	print "# gup-longterm-test results" > f
	print "" > f
	print mdtext(source) " · generated " mdtext(generated) > f
	print "" > f
	print "🟢 ok · 🔴 FAIL · ⚪ skip · ▫️ not run. A cell sums up its cases (read and write, 16 pages and 1 page): FAIL if any failed, skip if any was skipped, ok only if all passed. Each cell links its oracle rule (tables at the end); hover it for its cases, what the oracle expected and what the kernel did." > f
	print "" > f

	print "## Kernels" > f
	print "" > f
	print "| kernel | run | passed | failed | skipped | test-bed status | kernel under test |" > f
	print "| --- | --- | ---: | ---: | ---: | --- | --- |" > f
	for (i = 1; i <= nk; i++) {
		k = kname[i]
		printf "| %s | %s | %d | %s | %d | %s | %s |\n", mdtext(k),
		    (kstate[k] == "complete" ? "🟢 " : "🔴 ") mdtext(runtext(k)),
		    kpass[k], (kfail[k] ? "🔴 " : "") kfail[k], kskip[k],
		    kstatus[k] == "" ? "–" : (bad_status(k) ? "🔴 " : "") mdtext(kstatus[k]),
		    mdtext(kheader[k]) > f
	}
	print "" > f

	# One table per kernel: a Markdown table cannot group columns, and
	# eight columns per kernel side by side would not fit any viewer.
	if (napi > 0) {
		print "## Kernel × memory kind × GUP path" > f
		for (i = 1; i <= nk; i++) {
			k = kname[i]
			print "" > f
			print "### " mdtext(k) (kstate[k] == "complete" ? "" : " (🔴 incomplete run)") > f
			print "" > f
			for (j = 1; j <= napi; j++)
				hd[j] = shortapi(apiname[j])
			md_head(f, "memory kind", hd, napi)
			for (r = 1; r <= nkind; r++) {
				line = "| `" kindname[r] "` |"
				for (j = 1; j <= napi; j++)
					line = line " " md_cell(k SUBSEP kindname[r] SUBSEP apiname[j]) " |"
				print line > f
			}
		}
		print "" > f
		line = "Columns:"
		for (j = 1; j <= napi; j++)
			line = line (j > 1 ? "," : "") " " shortapi(apiname[j]) " = `" apiname[j] "`"
		print line "." > f
		print "" > f
	}

	if (nother > 0) {
		print "## Other cases" > f
		print "" > f
		for (i = 1; i <= nk; i++)
			hd[i] = mdtext(kname[i])
		md_head(f, "case", hd, nk)
		for (r = 1; r <= nother; r++) {
			line = "| `" othername[r] "` |"
			for (i = 1; i <= nk; i++) {
				key = kname[i] SUBSEP othername[r]
				if (!(key in ores)) {
					line = line " " emoji("none") " |"
					continue
				}
				st = ores[key]
				if (orule[key] != "") {
					title = otitle[key] SEP "rule: " orule[key]
					line = line " [" emoji(st) "](#rule-" ident(orule[key]) " \"" mdtitle(title) "\") |"
				} else
					line = line " " emoji(st) " |"
			}
			print line > f
		}
		print "" > f
	}

	if (nfail > 0) {
		print "## Failures" > f
		for (i = 1; i <= nfail; i++) {
			print "" > f
			print "### " mdtext(failk[i]) ": `" failname[i] "`" > f
			print "" > f
			if (failrule[i] != "") {
				print "rule: [`" failrule[i] "`](#rule-" ident(failrule[i]) ")" > f
				print "" > f
			}
			s = faildetail[i] == "" ? "(no diagnostics)" : faildetail[i]
			gsub(SEP, "\n    ", s)
			print "    " s > f
		}
		print "" > f
	}

	print "## Oracle rules" > f
	print "" > f
	print "As `gup-longterm-test --rules` prints them (docs/expectations.md); the first matching pin-verdict rule decides a case." > f
	for (s = 1; s <= nsect; s++) {
		n = 0
		for (i = 1; i <= nrule; i++)
			if (rulesect[rulename[i]] == s) {
				if (!n++) {
					print "" > f
					print "### " sect[s] > f
					print "" > f
					print "| rule | when | verdict | decided by | kernels |" > f
					print "| --- | --- | --- | --- | --- |" > f
				}
				r = rulename[i]
				line = rulemd[r]
				sub(/^\| /, "| <a id=\"rule-" ident(r) "\"></a>", line)
				print line > f
			}
	}
	if (nunlisted) {
		print "" > f
		print "### Rules the results name that these tables lack" > f
		print "" > f
	}
	for (i = 1; i <= nunlisted; i++) {
		r = unlisted[i]
		print "* <a id=\"rule-" ident(r) "\"></a>`" r "`: not in the rule tables: the results come from another version of the oracle" > f
	}
	close(f)
}

END {
	nkind = order("kind", kindname)
	napi = order("api", apiname)
	nother = order("other", othername)
	# A result may name a rule this oracle copy lacks (results of an older
	# or newer harness): its links must still land somewhere that says so.
	# Both pages list these, in the order the results first name them.
	nunlisted = 0
	for (i = 1; i <= nused; i++)
		if (!(usedname[i] in rulesect))
			unlisted[++nunlisted] = usedname[i]
	write_html(html)
	write_md(md)
}
