#!/usr/bin/env bash
# The desk report (issue 6) rendered by headless Chromium (Debian's package) to PNG without errors, for the
# demo seeds. Installs chromium when missing. Uses $STARMATCH_BIN if set, else the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
fi
if [ -z "${STARMATCH_BIN:-}" ]; then
    swift build --product starmatch >/dev/null
    STARMATCH_BIN=$(swift build --show-bin-path)/starmatch
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# At the demo's reference instant (Seeds/README.md), whatever the date of the run: its campaigns are running then.
AT=2026-11-25T18:00:00Z
"$STARMATCH_BIN" seed --db "$WORK/r.sqlite" --json >/dev/null
"$STARMATCH_BIN" batch run --week 2026-W48 --at "$AT" --db "$WORK/r.sqlite" --json >/dev/null
"$STARMATCH_BIN" report --week 2026-W48 --at "$AT" --db "$WORK/r.sqlite" --out "$WORK/report.html"
"$STARMATCH_BIN" report --week 2026-W48 --at "$AT" --db "$WORK/r.sqlite" --json > "$WORK/report.json"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,3000 --enable-logging=stderr --v=0 \
    --screenshot="$WORK/report.png" "file://$WORK/report.html" 2>"$WORK/chromium.log" || { cat "$WORK/chromium.log"; echo "report-render: chromium failed"; exit 1; }
# A PNG, of a real size, and no page error (console errors, failed loads) in Chromium's log.
head -c 8 "$WORK/report.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || { echo "report-render: not a PNG"; exit 1; }
size=$(stat -c %s "$WORK/report.png")
[ "$size" -gt 50000 ] || { echo "report-render: PNG of only $size bytes"; exit 1; }
if grep -E "CONSOLE|Uncaught|net::ERR|Failed to load" "$WORK/chromium.log"; then echo "report-render: page errors"; exit 1; fi
# The page's headline numbers are the JSON's.
python3 - "$WORK/report.json" "$WORK/report.html" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); html = open(sys.argv[2]).read()
b = r["batch"]
assert f"<b>{b['filled']}</b> of <b>{b['slots']}</b> slots filled" in html, "fill headline"
assert all(f">{n}</text>" in html for n in b["scoreHistogram"]), "histogram"
assert all(s["creator"] in html for g in r["shopStars"] for s in g["stars"]), "shop stars"
print(f"report-render: {len(html):,} bytes of HTML match the JSON: {b['filled']}/{b['slots']} slots, {len(r['shopStars'])} star categories")
PY
echo "report-render: PNG $size bytes, no page errors"
