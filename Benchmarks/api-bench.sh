#!/usr/bin/env bash
# API benchmark (issue 5): wrk on loopback against a release build, in one run:
#   1. the reference: `starmatch bench http-baseline`, a bare Hummingbird route returning a constant JSON body;
#   2. `GET /v1/creators/{id}` (authenticated, one indexed read, random ids) on `starmatch serve`;
#   3. `GET /v1/campaigns/{id}/shortlist?limit=20` at 64 connections (warm scoring population), with p99.
# Usage: Benchmarks/api-bench.sh [CREATORS] [SECONDS]   (defaults 100000 creators, 10 s per measurement).
# Needs wrk (apt-get install wrk); installs it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
SECS=${2:-10}
OUT=Benchmarks/out/api
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

swift build -c release --product starmatch --scratch-path .build-release >/dev/null
BIN=$PWD/.build-release/release/starmatch
DB=$OUT/api.sqlite
AT=2026-11-25T00:00:00Z

if [ ! -f "$DB" ] || [ "$(cat "$OUT/creators" 2>/dev/null)" != "$N" ]; then
    echo "generating and importing $N creators…"
    rm -rf "$OUT/gen" "$DB"*
    "$BIN" generate --creators "$N" --shops 500 --campaigns 200 --seed 7 --reference "$AT" --out "$OUT/gen" --json >/dev/null
    for kind in categories shops products creators campaigns sales content-events violations; do
        file=$OUT/gen/${kind/-/_}.csv
        "$BIN" import "$kind" "$file" --db "$DB" --json >/dev/null
    done
    echo "$N" > "$OUT/creators"
fi
KEY=$("$BIN" keys create --role manager --label api-bench --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
cut -d, -f1 "$OUT/gen/creators.csv" | tail -n +2 | shuf -n 5000 --random-source=<(yes) > "$OUT/ids.txt"
CAMPAIGN=$(cut -d, -f1 "$OUT/gen/campaigns.csv" | sed -n 2p)

cat > "$OUT/creators.lua" <<LUA
local ids = {}
for line in io.lines("$OUT/ids.txt") do ids[#ids + 1] = line end
local n = 0
wrk.headers["Authorization"] = "Bearer $KEY"
request = function()
  n = n + 1
  return wrk.format("GET", "/v1/creators/" .. ids[(n % #ids) + 1])
end
LUA

"$BIN" bench http-baseline --port 18081 & BASE=$!
"$BIN" serve --db "$DB" --port 18080 --log-level warning & SERVE=$!
trap 'kill $BASE $SERVE 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:18080/readyz >/dev/null && curl -sf http://127.0.0.1:18081/constant >/dev/null && break; sleep 0.1; done

rps() { sed -n 's/^Requests\/sec: *//p'; }
echo "warming…"
wrk -t2 -c16 -d2s http://127.0.0.1:18081/constant >/dev/null
wrk -t2 -c16 -d2s -s "$OUT/creators.lua" http://127.0.0.1:18080 >/dev/null
echo "warm shortlist: $(curl -s -o /dev/null -w '%{http_code} %{time_total}s' -H "Authorization: Bearer $KEY" "http://127.0.0.1:18080/v1/campaigns/$CAMPAIGN/shortlist?limit=20&at=$AT")"

base=(); ours=()
for round in 1 2 3; do
    base+=("$(wrk -t2 -c64 -d${SECS}s http://127.0.0.1:18081/constant | rps)")
    ours+=("$(wrk -t2 -c64 -d${SECS}s -s "$OUT/creators.lua" http://127.0.0.1:18080 | rps)")
done
wrk -t2 -c64 -d${SECS}s --latency -H "Authorization: Bearer $KEY" "http://127.0.0.1:18080/v1/campaigns/$CAMPAIGN/shortlist?limit=20&at=$AT" > "$OUT/shortlist.txt"
python3 - "$OUT/shortlist.txt" "${base[*]}" "${ours[*]}" <<'PY'
import re, statistics, sys
text = open(sys.argv[1]).read()
base = [float(x) for x in sys.argv[2].split()]
ours = [float(x) for x in sys.argv[3].split()]
mb, mo = statistics.median(base), statistics.median(ours)
print(f"bare Hummingbird GET /constant:      {', '.join(f'{x:,.0f}' for x in base)} req/s (median {mb:,.0f})")
print(f"starmatch GET /v1/creators/{{id}}:     {', '.join(f'{x:,.0f}' for x in ours)} req/s (median {mo:,.0f})")
print(f"ratio: {mo / mb:.2f} of the bare route (goal >= 0.50)")
rps = re.search(r"Requests/sec:\s*([\d.]+)", text).group(1)
lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"shortlist (limit 20) at 64 connections: {float(rps):,.0f} req/s, p50 {lat.get('50')}, p90 {lat.get('90')}, p99 {lat.get('99')}"
      + (f", NON-2xx: {errors.group(1)}" if errors else ""))
PY
