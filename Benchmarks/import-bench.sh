#!/usr/bin/env bash
# Import benchmark (issue 2): `starmatch import creators` of N generated creators against the sqlite3
# shell's `.import` of the same CSV into a bare table, measured in the same run, alternating, 3 rounds.
# Usage: Benchmarks/import-bench.sh [CREATORS]   (default 1,000,000). Needs sqlite3 (apt-get install sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
OUT=Benchmarks/out
mkdir -p "$OUT"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }

swift build -c release --product starmatch --scratch-path .build-release >/dev/null
BIN=.build-release/release/starmatch

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

echo "generating $N creators (10 sales rows each on average)…"
t0=$(now)
/usr/bin/env time -f "%M" -o "$OUT/generate.rss" "$BIN" generate --creators "$N" --shops 2000 --campaigns 1000 --seed 42 --out "$OUT/gen" --json >/dev/null 2>&1 \
  || "$BIN" generate --creators "$N" --shops 2000 --campaigns 1000 --seed 42 --out "$OUT/gen" --json >/dev/null
t1=$(now)
echo "generate: $(elapsed "$t0" "$t1") s, peak RSS $(cat "$OUT/generate.rss" 2>/dev/null || echo '?') KiB"
wc -l "$OUT"/gen/*.csv | sed 's/^/  /'

ours=()
ref=()
for round in 1 2 3; do
    rm -f "$OUT"/ref.sqlite* "$OUT"/ours.sqlite*
    t0=$(now)
    sqlite3 "$OUT/ref.sqlite" ".import --csv $OUT/gen/creators.csv creators"
    t1=$(now)
    ref+=("$(elapsed "$t0" "$t1")")

    "$BIN" import categories "$OUT/gen/categories.csv" --db "$OUT/ours.sqlite" --json >/dev/null
    "$BIN" import shops "$OUT/gen/shops.csv" --db "$OUT/ours.sqlite" --json >/dev/null
    t0=$(now)
    "$BIN" import creators "$OUT/gen/creators.csv" --db "$OUT/ours.sqlite" --json >/dev/null
    t1=$(now)
    ours+=("$(elapsed "$t0" "$t1")")
    echo "round $round: sqlite3 .import ${ref[-1]} s, starmatch import ${ours[-1]} s"
done
python3 - "${ref[@]}" "${ours[@]}" <<'PY'
import sys, statistics
v = list(map(float, sys.argv[1:])); ref, ours = v[:3], v[3:]
r, o = statistics.median(ref), statistics.median(ours)
print(f"median: sqlite3 .import {r:.2f} s, starmatch import {o:.2f} s, ratio {o/r:.2f}x (goal <= 2.0x)")
PY
rows=$(sqlite3 "$OUT/ours.sqlite" "SELECT COUNT(*) FROM creators")
echo "rows stored: $rows"
