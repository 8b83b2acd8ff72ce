#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Render the report (`make report`) in headless Chromium, twice, and check
# what a reader sees:
#   - the page of RESULTS-DIR: the grid shows outcomes (pinned, -EFAULT,
#     ...) and no cell that merely says "ok"; nothing is marked changed;
#   - a diff page of the same results against a copy in which one case was
#     altered on purpose: that difference is highlighted (the magenta of a
#     changed cell and of its entry in the list at the top of the page).
# The screenshots land in OUT-DIR (grid.png, diff.png), for a review or a
# CI run to attach.
#
#   scripts/report-screenshot.sh [RESULTS-DIR [OUT-DIR]]
#
# Defaults: build/results and build/report.
# Exit status: 0 good screenshots, 1 none or a bad one, 2 usage,
# 77 Chromium is not installed (the automake "skip" code).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
results=${1:-$top/build/results}
out=${2:-$top/build/report}
[ $# -le 2 ] || { sed -n '13s/^# */usage: /p' "$0" >&2; exit 2; }
chromium=
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null; then chromium=$c; break; fi
done
if [ -z "$chromium" ]; then
	echo "skip: chromium not installed (apt-get install chromium)"
	exit 77
fi
die() { echo "report-screenshot: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The page, and the diff page against a copy with one case altered: the
# first kernel's first passing pin-longterm/anon/read, which the copy says
# was refused with -EFAULT.
"$top/scripts/report.py" -r "$results" -o "$work/page" >/dev/null ||
	die "scripts/report.py -r $results failed"
cp -r "$results" "$work/base"
tap=$(find "$work/base" -path '*/results/results.tap' | sort | head -n 1)
if [ -z "$tap" ] || ! grep -q '^ok [0-9]* pin-longterm/anon/read$' "$tap"; then
	die "no passing pin-longterm/anon/read in $results to alter"
fi
sed -i 's|^# pin-longterm/anon/read: expect 16 of 16 pages pinned (pinned: [^)]*)|# pin-longterm/anon/read: expect -EFAULT (altered-on-purpose: by scripts/report-screenshot.sh)|' "$tap"
"$top/scripts/report.py" -r "$results" -b "$work/base" -o "$work/diff" >"$work/diff.log" ||
	die "scripts/report.py -b failed: $(cat "$work/diff.log")"
grep -q '^report: 1 cell(s) changed' "$work/diff.log" ||
	die "the altered copy differs in other than one cell: $(cat "$work/diff.log")"

# shot URL PNG: one headless Chromium run with its own throw-away profile
# (no state from or into the user's), no sandbox (it needs user namespaces
# that containers and root often lack) and no GPU (there is none in CI).
# The window: as wide as the grid's kernel columns need, 1400 pixels high
# (the kernels, the lists of differences and the first grid).
kernels=$(grep -o '<th class="kernel"' "$work/page/index.html" | wc -l)
kernels=$((kernels / 8))
width=$((220 + kernels * 170))
[ "$width" -ge 1400 ] || width=1400
shot() {
	rm -f "$2"
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
		--window-size="$width,1400" --screenshot="$2" "$1" \
		>>"$work/chromium.log" 2>&1 || true
	[ -s "$2" ] || die "$chromium wrote no screenshot of $1; its output: $(cat "$work/chromium.log")"
	[ "$(od -An -tx1 -N8 "$2" | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		die "$2 is not a PNG"
}
# png_size FILE: "WIDTH HEIGHT" from the IHDR chunk, which the PNG format
# puts right after the 8-byte signature (bytes 16-23, big-endian).
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{
		printf "%d %d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4,
		    (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}
# "Non-trivial": an empty or broken page is one flat colour, which PNG
# compresses to almost nothing. The blank page at the same size is the
# yardstick; the grid, with its text and hundreds of cells, is many times
# bigger.
shot about:blank "$work/blank.png"
blank=$(stat -c %s "$work/blank.png")
for page in page diff; do
	png=$out/grid.png
	[ "$page" = page ] || png=$out/diff.png
	shot "file://$work/$page/index.html" "$png"
	read -r w h < <(png_size "$png")
	if [ "$w" != "$width" ] || [ "$h" != 1400 ]; then
		die "$png is ${w}x$h, the window was ${width}x1400"
	fi
	bytes=$(stat -c %s "$png")
	[ "$bytes" -ge $((blank * 4)) ] ||
		die "$png has $bytes bytes, a blank page $blank: the page looks empty"
done

# What Chromium parsed: outcome words in the grid, never a bare "ok".
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
	--user-data-dir="$work/profile" --dump-dom "file://$work/page/index.html" \
	>"$work/dom.html" 2>>"$work/chromium.log" || true
cells=$(grep -o '<td id="c-[^"]*" class="cell [^"]*"' "$work/dom.html" | wc -l)
[ "$cells" -gt 0 ] || die "Chromium's DOM has no grid cells"
for word in '>pinned<' '>-EFAULT<' '>-EINVAL<'; do
	grep -q -- "$word" "$work/dom.html" || die "no cell shows $word"
done
! grep -q 'class="mark">✓</span><span[^>]*>ok<' "$work/dom.html" ||
	die "a cell says ok instead of what the kernel did"

# The highlight: the changed cell's colour (#e0f, i.e. #ee00ff, report.py's CSS) is on
# the diff page and nowhere on the page without a base run.
magenta_diff=$("$top/scripts/png-pixels.py" count "$out/diff.png" ee00ff)
magenta_page=$("$top/scripts/png-pixels.py" count "$out/grid.png" ee00ff)
[ "$magenta_page" -eq 0 ] || die "$out/grid.png shows $magenta_page changed-cell pixels without a base run"
[ "$magenta_diff" -ge 200 ] || die "$out/diff.png shows the forced difference in $magenta_diff pixels (want >= 200)"
echo "report-screenshot: $out/grid.png, $out/diff.png (${width}x1400): $cells cells with outcome words; the forced difference highlighted in $magenta_diff pixels, none on the page without it"
