# SPDX-License-Identifier: GPL-2.0
# One kernel's results.tap (the KTAP that harness/report.c writes) -> flat
# records for render.awk. Run once per kernel by scripts/report.sh:
#
#   awk -f ktap.awk -v kernel=NAME -v status="$(cat results/status)" results.tap
#
# Output, one record a line, fields separated by a tab; inside a field the
# lines of a multi-line text are joined with \036 (ASCII RS), which cannot
# occur in a KTAP line we keep (see clean()):
#
#   C  kernel  case  ok|fail|skip  rule  detail  skip-reason
#   K  kernel  complete|incomplete  passed  failed  skipped  planned  seen
#      header  status  last-case
#
# harness/report.c prints every diagnostic of a case as "# CASE: text" lines
# just before its "ok"/"not ok" line; the first "(RULE: citation)" in them is
# the oracle rule that decided the expectation. Cases without one (abi/...,
# lifecycle/..., reason/...) get an empty rule.
#
# Only POSIX awk: the CI machine may have just mawk or busybox awk.

BEGIN {
	SEP = "\036"
	npend = 0
	planned = 0
	seen = 0
	passed = failed = skipped = 0
	summary = 0
	header = ""
	last = ""
}

# Tabs would split our fields and RS would split our lines: neither means
# anything in a diagnostic, so they become spaces.
function clean(s) {
	gsub(/[\t\r\036]/, " ", s)
	return s
}

# The plan. Only the first: a nested KTAP subtest would have its own,
# indented, and the harness prints none.
/^1\.\.[0-9]+/ && !planned {
	planned = substr($0, 4) + 0
	next
}

# The harness's own header ("gup-longterm-test: kernel 6.1.0-..., CONFIG_FS_DAX=y, ...")
# says which kernel really ran, which the directory name only promises.
/^# gup-longterm-test: kernel / && header == "" {
	header = clean(substr($0, 22))
	next
}

# Diagnostics are kept until the next result line claims the ones with its
# name; fixture lines, the fuzz seed and the final text grid never match a
# case name and are dropped there.
/^# / {
	pend[npend++] = clean(substr($0, 3))
	next
}

/^(not )?ok [0-9]+ / {
	res = ($1 == "not") ? "fail" : "ok"
	line = $0
	sub(/^(not )?ok [0-9]+ /, "", line)
	name = line
	reason = ""
	# A KTAP directive follows " # ": SKIP (skips are counted apart, never
	# as passes, whether the line says "ok" or "not ok").
	d = index(line, " # ")
	if (d > 0) {
		name = substr(line, 1, d - 1)
		directive = substr(line, d + 3)
		if (toupper(substr(directive, 1, 4)) == "SKIP") {
			res = "skip"
			reason = directive
			sub(/^[Ss][Kk][Ii][Pp][ \t]*/, "", reason)
		}
	}
	name = clean(name)

	detail = ""
	prefix = name ": "
	for (i = 0; i < npend; i++) {
		if (index(pend[i], prefix) == 1)
			detail = detail (detail == "" ? "" : SEP) substr(pend[i], length(prefix) + 1)
	}
	npend = 0

	rule = ""
	if (match(detail, /\([a-z0-9][a-z0-9-]*: /))
		rule = substr(detail, RSTART + 1, RLENGTH - 3)

	if (res == "ok")
		passed++
	else if (res == "fail")
		failed++
	else
		skipped++
	seen++
	last = name
	printf "C\t%s\t%s\t%s\t%s\t%s\t%s\n", kernel, name, res, rule, detail, clean(reason)
	next
}

# The harness's last line. A run that the guest's crash, a timeout or a
# panic cut short never gets here: that is what makes a run incomplete.
/^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped/ {
	summary = 1
	next
}

END {
	# A summary with fewer results than planned is cut short too (Check
	# lost a child without a verdict).
	state = (summary && seen >= planned) ? "complete" : "incomplete"
	printf "K\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", kernel, state,
	    passed, failed, skipped, planned, seen, header, clean(status), last
}
