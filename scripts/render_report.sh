#!/usr/bin/env bash
# Render an HTML report to PNG with headless Chromium, to look at it the way an inventor
# would (screen), and optionally to PDF (the A4 print layout).
#
#   scripts/render_report.sh report.html [out.png] [width] [height]
#   PDF=1 scripts/render_report.sh report.html        # also writes report.pdf
#
# Width defaults to 1000 px; height to 3600 px (long enough for a few citations). Needs the
# Debian `chromium` package; installs it with apt-get when missing and run as root.
# No network is used by the page itself: reports are self-contained.
set -euo pipefail

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

html=$(realpath "$1")
png=${2:-${html%.html}.png}
width=${3:-1000}
height=${4:-3600}

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then
        browser=$b
        break
    fi
done
if [[ -z "$browser" ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "installing chromium…" >&2
        apt-get install -y chromium >/dev/null
        browser=chromium
    else
        echo "error: chromium is not installed (Debian: apt-get install -y chromium)" >&2
        exit 1
    fi
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --hide-scrollbars --user-data-dir="$profile")

"$browser" "${flags[@]}" --screenshot="$png" --window-size="$width,$height" \
    "file://$html" 2>/dev/null
echo "wrote $png" >&2

if [[ "${PDF:-0}" == "1" ]]; then
    pdf=${png%.png}.pdf
    "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" \
        "file://$html" 2>/dev/null
    echo "wrote $pdf" >&2
fi
