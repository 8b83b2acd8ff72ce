#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Render the report page (`make report`) in headless Chromium and check the
# screenshot: it proves the page renders at all in a real browser, and the
# PNG is something to attach to a review or a CI run.
#
#   scripts/report-screenshot.sh [PAGE.html [OUT.png [WIDTH,HEIGHT]]]
#
# Defaults: build/report/index.html, build/report/grid.png, and a window
# 1400 pixels high (the summary and the grid) and as wide as the grid's
# columns need, at least 1600. Chromium's --screenshot takes the window,
# not the whole page: a taller window shows more of it.
#
# Exit status: 0 a good screenshot, 1 none or a bad one, 2 usage,
# 77 Chromium is not installed (the automake "skip" code).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
page=${1:-$top/build/report/index.html}
png=${2:-$top/build/report/grid.png}
[ $# -le 3 ] || { sed -n '7s/^# */usage: /p' "$0" >&2; exit 2; }
if [ $# -ge 3 ]; then
	size=$3
elif [ -f "$page" ]; then
	# One <th class="api..."> per grid column; at about 46 pixels each, plus
	# the memory-kind column and the margins, the whole grid is in the shot.
	cols=$(grep -o '<th class="api' "$page" | wc -l)
	width=$((240 + cols * 46))
	size=$((width > 1600 ? width : 1600)),1400
else
	size=1600,1400
fi

if ! [[ $size =~ ^([0-9]+),([0-9]+)$ ]]; then
	echo "report-screenshot: size must be WIDTH,HEIGHT, not '$size'" >&2
	exit 2
fi
width=${BASH_REMATCH[1]} height=${BASH_REMATCH[2]}

chromium=
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null; then chromium=$c; break; fi
done
if [ -z "$chromium" ]; then
	echo "skip: chromium not installed (apt-get install chromium)"
	exit 77
fi
if [ ! -f "$page" ]; then
	echo "report-screenshot: no $page: run \`make report\` first" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shot URL PNG: one headless Chromium run, with its own throw-away profile
# (no state from or into the user's), no sandbox (it needs user namespaces
# that containers and root often lack) and no GPU (there is none in CI).
shot() {
	rm -f "$2"
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
		--window-size="$width,$height" --screenshot="$2" "$1" \
		>>"$work/chromium.log" 2>&1 || true
	if [ ! -s "$2" ]; then
		echo "report-screenshot: $chromium wrote no screenshot of $1; its output:" >&2
		cat "$work/chromium.log" >&2
		exit 1
	fi
}

# png_size FILE: "WIDTH HEIGHT" from the IHDR chunk, which the PNG format
# puts right after the 8-byte signature (bytes 16-23, big-endian).
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{
		printf "%d %d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4,
		    (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

page_abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
mkdir -p "$(dirname "$png")"
shot "file://$page_abs" "$png"

if [ "$(od -An -tx1 -N8 "$png" | tr -d ' \n')" != 89504e470d0a1a0a ]; then
	echo "report-screenshot: $png is not a PNG: $(file -b "$png" 2>/dev/null)" >&2
	exit 1
fi
read -r w h < <(png_size "$png")
if [ "$w" != "$width" ] || [ "$h" != "$height" ]; then
	echo "report-screenshot: $png is ${w}x$h, the window was ${width}x$height" >&2
	exit 1
fi

# "Non-trivial": an empty or broken page is one flat colour, which PNG
# compresses to almost nothing. The blank page at the same size is the
# yardstick; the grid, with its text and hundreds of cells, is many times
# bigger.
shot "about:blank" "$work/blank.png"
bytes=$(stat -c %s "$png")
blank=$(stat -c %s "$work/blank.png")
if [ "$bytes" -lt $((blank * 4)) ]; then
	echo "report-screenshot: $png has $bytes bytes, a blank page $blank: the page looks empty" >&2
	exit 1
fi
echo "report-screenshot: $png (${w}x$h, $bytes bytes; a blank page: $blank)"
