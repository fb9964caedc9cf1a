#!/usr/bin/env bash
# Server load at scale (issue 13), in one run on a COPY of a large database:
#   1. the reference: `sqlite3 DB 'SELECT count(*), sum(gmv_minor) FROM sales'` (a scan of the sales), timed
#      three times before and three times after the load (median of all six);
#   2. `starmatch serve` (release) under Benchmarks/serve-load.py for SECONDS: READERS threads asking for the
#      shortlists of 20 campaigns active now at the default instant, 50 sales a second POSTed (20 % ordered 31–60
#      days ago, validated at once), across a minute boundary, and read-your-writes probes;
#   3. the server's RSS (VmRSS, and its peak VmHWM) after the load.
# Usage: Benchmarks/serve-load.sh SOURCE_DB [SECONDS] [READERS]   (defaults 60, 4; SOURCE_DB: an imported 1M database).
# The source database is never written: it is copied to Benchmarks/out/serve-load/ (deleted at the end unless KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:?usage: Benchmarks/serve-load.sh SOURCE_DB [SECONDS] [READERS]}
SECS=${2:-60}
READERS=${3:-4}
OUT=Benchmarks/out/serve-load
mkdir -p "$OUT"
swift build -c release --product starmatch --scratch-path .build-release >/dev/null
BIN=$PWD/.build-release/release/starmatch
DB=$OUT/serve.sqlite
PORT=${PORT:-18090}

rm -f "$DB" "$DB-wal" "$DB-shm"
echo "copying $SRC ($(du -h "$SRC" | cut -f1))…"
cp "$SRC" "$DB"
cleanup() { [ -n "${SERVE:-}" ] && kill "$SERVE" 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -f "$DB" "$DB-wal" "$DB-shm"; }
trap cleanup EXIT
# Opening the store migrates the copy (v8-scoring-seq: the bounds' seq and its index).
KEY=$("$BIN" keys create --role manager --label serve-load --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
NOW=$(date +%s)
sqlite3 "$DB" "SELECT id || '|' || shop_id || '|' || categories FROM campaigns WHERE starts_at <= $NOW AND ends_at > $NOW + 3600 ORDER BY id LIMIT 20" > "$OUT/campaigns.txt"
sqlite3 "$DB" "SELECT id FROM creators ORDER BY random() LIMIT 20000" > "$OUT/creators.txt"
echo "campaigns: $(wc -l < "$OUT/campaigns.txt"), creators sampled: $(wc -l < "$OUT/creators.txt")"

scan() { local t0 t1; t0=$(date +%s.%N); sqlite3 "$DB" 'SELECT count(*), sum(gmv_minor) FROM sales' >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
scans=()
for _ in 1 2 3; do scans+=("$(scan)"); done

"$BIN" serve --db "$DB" --port "$PORT" --log-level warning & SERVE=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
# The first scoring read loads the follower (every bound once).
FIRST=$(head -1 "$OUT/campaigns.txt" | cut -d'|' -f1)
echo "first shortlist (loads the bounds): $(curl -s -o /dev/null -w '%{http_code} %{time_total}s' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/campaigns/$FIRST/shortlist?limit=20")"
echo "second shortlist: $(curl -s -o /dev/null -w '%{http_code} %{time_total}s' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/campaigns/$FIRST/shortlist?limit=20")"
grep -E 'VmRSS|VmHWM' /proc/$SERVE/status | tr -s ' \t' ' ' | sed 's/^/before load: /'

echo "load: $SECS s, $READERS readers, 50 sales/s…"
python3 Benchmarks/serve-load.py "http://127.0.0.1:$PORT" "$KEY" "$SECS" "$OUT/campaigns.txt" "$OUT/creators.txt" "$READERS" 50 > "$OUT/result.json"
RSS=$(grep -E 'VmRSS|VmHWM' /proc/$SERVE/status | tr -s ' \t' ' ' | tr '\n' ' ')
kill "$SERVE"; wait "$SERVE" 2>/dev/null || true; SERVE=
for _ in 1 2 3; do scans+=("$(scan)"); done

python3 - "$OUT/result.json" "$RSS" "${scans[@]}" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1])); rss = sys.argv[2]; scans = [float(x) for x in sys.argv[3:]]
ref = statistics.median(scans) * 1000
s = r["shortlistMs"]
print(json.dumps({k: v for k, v in r.items() if k != "readYourWrites"} | {"readYourWrites": {k: v for k, v in r["readYourWrites"].items() if k != "probes"}}, indent=1))
print("probes:", json.dumps(r["readYourWrites"]["probes"][:3]))
print(f"sales scan (same run, 6×): {', '.join(f'{x:.3f}' for x in scans)} s; median {ref:.0f} ms")
print(f"shortlist p50 {s['p50']} ms, p95 {s['p95']} ms, p99 {s['p99']} ms, max {s['max']} ms over {r['shortlists']} shortlists")
print(f"p99 / scan = {s['p99'] / ref:.3f} (target ≤ 0.1); errors {r['errors']}; sales {r['salesPosted']} ({r['salesPerSecond']}/s); "
      f"read-your-writes {r['readYourWrites']['ok']}/{r['readYourWrites']['checks']}; minute boundaries crossed {r['minuteBoundaries']}")
print(f"server after the load: {rss}")
PY
