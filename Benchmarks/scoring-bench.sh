#!/usr/bin/env bash
# Scoring-state benchmark (issue 13): what users wait for on the 1M dataset, old build (before the scoring
# state, 126c8bc) against this checkout, with a plain-SQL reference measured in the same run:
#   1. the full import of the generated dataset (each file and the total), each build into its own database;
#   2. the reference: `sqlite3 DB "SELECT count(*), sum(gmv_minor) FROM sales"` (twice per database: cold-ish, warm);
#   3. a cold CLI process `starmatch matches CREATOR` (time, peak RSS);
#   4. cold CLI `starmatch shortlist CAMPAIGN --limit 50` for 3 campaigns open now;
#   5. this checkout only: `starmatch check --scoring`, then one write (`import sales` of a 1-row CSV) and the
#      next cold shortlist;
#   6. (unless SKIP_API=1) 10,000 sales POSTed through `starmatch serve` (10 arrays of 1,000) and API_SINGLES
#      (default 1,000) more POSTed one object per request, old vs new.
# Usage: Benchmarks/scoring-bench.sh
# Environment: OLD_BIN (a release starmatch of the old revision; otherwise OLD_REV, default 126c8bc, is checked
# out in a worktree under Benchmarks/out and built), NEW_BIN (default: this checkout's release build),
# SKIP_API=1, API_SINGLES=N, KEEP=1 (keep the databases; by default they are deleted at the end: ≈ 3 GB each).
# Wall time and peak RSS (KiB) by `/usr/bin/time -f "%e %M"`; `uptime`'s 1-minute load beside each number.
# Results: Benchmarks/out/scoring/results.tsv and a summary table at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/Benchmarks/out
GEN=${GEN:-$OUT/gen}   # the generated 1M dataset (GEN=DIR: another dataset, for a quick try)
RES=$OUT/scoring
mkdir -p "$RES"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

NEW_BIN=${NEW_BIN:-}
if [ -z "$NEW_BIN" ]; then
    swift build -c release --product starmatch --scratch-path .build-release >/dev/null
    NEW_BIN=$ROOT/.build-release/release/starmatch
fi
OLD_REV=${OLD_REV:-126c8bc}
OLD_BIN=${OLD_BIN:-}
if [ -z "$OLD_BIN" ]; then
    [ -d "$OUT/old-src" ] || git worktree add --detach "$OUT/old-src" "$OLD_REV" >/dev/null
    (cd "$OUT/old-src" && swift build -c release --product starmatch --scratch-path .build-release >/dev/null)
    OLD_BIN=$OUT/old-src/.build-release/release/starmatch
fi
export STARMATCH_HOME=$ROOT   # both builds read the same Scoring/ and Seeds/ (unchanged by issue 13)

if [ ! -f "$GEN/violations.csv" ]; then
    echo "generating the 1M dataset…"
    "$NEW_BIN" generate --creators 1000000 --shops 2000 --campaigns 1000 --seed 42 --out "$GEN" --json >/dev/null
fi

TSV=$RES/results.tsv
printf 'build\tstep\tseconds\trss_kib\texit\tload1\n' > "$TSV"
load1() { cut -d' ' -f1 /proc/loadavg; }
# timed BUILD STEP CMD…: runs CMD (output to $RES/last.out/.err), records wall time, peak RSS, exit status, load.
timed() {
    local build=$1 step=$2; shift 2
    local load rc=0
    load=$(load1)
    /usr/bin/time -f "%e %M" -o "$RES/time.tmp" "$@" >"$RES/last.out" 2>"$RES/last.err" || rc=$?
    local secs rss
    read -r secs rss < <(tail -1 "$RES/time.tmp")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$build" "$step" "$secs" "$rss" "$rc" "$load" >> "$TSV"
    printf '%-4s %-34s %8s s %9s KiB  exit %s  load %s\n' "$build" "$step" "$secs" "$rss" "$rc" "$load"
    if [ "$rc" != 0 ]; then sed 's/^/     | /' "$RES/last.err" | tail -5; fi
}
bin() { case $1 in old) echo "$OLD_BIN";; new) echo "$NEW_BIN";; esac; }
db() { echo "$OUT/scoring-$1.sqlite"; }

echo "old: $OLD_BIN ($OLD_REV)"; echo "new: $NEW_BIN ($(git rev-parse --short HEAD))"
uptime

# 1. Full import, each build into its own fresh database; 2. the scan reference on each right after.
for b in old new; do
    rm -f "$(db $b)"*
    # Products (issue 17) exist for the new build only; the old one never heard of them.
    kinds="categories shops creators campaigns sales content-events violations"
    [ $b = new ] && [ -f "$GEN/products.csv" ] && kinds="categories shops products creators campaigns sales content-events violations"
    for kind in $kinds; do
        timed $b "import $kind" "$(bin $b)" import "$kind" "$GEN/${kind/-/_}.csv" --db "$(db $b)" --json
    done
    for i in 1 2; do
        timed $b "sqlite3 scan $i" sqlite3 "$(db $b)" "SELECT count(*), sum(gmv_minor) FROM sales"
    done
    echo "     scan result: $(cat "$RES/last.out")"
done
ls -l "$OUT"/scoring-*.sqlite*

# 3, 4. Cold CLI processes, alternating old/new.
CREATOR=$(sed -n 2p "$GEN/sales.csv" | cut -d, -f2)   # a creator with sales (c0000001 at 1M)
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mapfile -t CAMPAIGNS < <(python3 - "$GEN/campaigns.csv" "$NOW" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["starts_at"] <= sys.argv[2] < r["ends_at"]]
for r in rows[:3]: print(r["id"])
PY
)
echo "creator $CREATOR, campaigns open now: ${CAMPAIGNS[*]}"
for b in old new; do timed $b "matches $CREATOR" "$(bin $b)" matches "$CREATOR" --db "$(db $b)"; done
head -5 "$RES/last.out" | sed 's/^/     | /'
for c in "${CAMPAIGNS[@]}"; do
    for b in old new; do timed $b "shortlist $c" "$(bin $b)" shortlist "$c" --limit 50 --db "$(db $b)"; done
done
head -5 "$RES/last.out" | sed 's/^/     | /'

# 5. New build: the scoring state's own check, then one write and the next cold shortlist.
timed new "check --scoring" "$NEW_BIN" check --scoring --db "$(db new)"
sed 's/^/     | /' "$RES/last.out" | tail -3
{ head -1 "$GEN/sales.csv"; sed -n 2p "$GEN/sales.csv" | sed 's/^[^,]*,/bench-write-1,/'; } > "$RES/one-sale.csv"
timed new "import sales (1 row)" "$NEW_BIN" import sales "$RES/one-sale.csv" --db "$(db new)" --json
timed new "shortlist ${CAMPAIGNS[0]} after write" "$NEW_BIN" shortlist "${CAMPAIGNS[0]}" --limit 50 --db "$(db new)"
timed new "shortlist ${CAMPAIGNS[0]} again" "$NEW_BIN" shortlist "${CAMPAIGNS[0]}" --limit 50 --db "$(db new)"

# 6. Sales POSTed through the API.
if [ "${SKIP_API:-0}" != 1 ]; then
    SINGLES=${API_SINGLES:-1000}
    python3 Benchmarks/api-sales.py "$GEN/sales.csv" "$RES/api-sales.json" 0 "$SINGLES" api-
    port=18090
    for b in old new; do
        port=$((port + 1))
        key=$("$(bin $b)" keys create --role manager --label scoring-bench --db "$(db $b)" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
        /usr/bin/time -f "%e %M" -o "$RES/serve-$b.time" "$(bin $b)" serve --db "$(db $b)" --port $port --log-level warning \
            >"$RES/serve-$b.log" 2>&1 & timepid=$!
        for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
        load=$(load1)
        python3 - "$RES/api-sales.json" "$port" "$key" "$b" "$load" "$TSV" <<'PY'
import http.client, json, sys, time, statistics
data = json.load(open(sys.argv[1])); port, key, build, load, tsv = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
conn = http.client.HTTPConnection("127.0.0.1", port)
hdr = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
def post(body):
    t = time.perf_counter(); conn.request("POST", "/v1/sales", body=json.dumps(body), headers=hdr)
    r = conn.getresponse(); text = r.read(); dt = time.perf_counter() - t
    if r.status != 201: print(f"  {build}: POST /v1/sales -> {r.status}: {text[:300]!r}")
    return dt, r.status
def record(step, secs, rc):
    with open(tsv, "a") as f: f.write(f"{build}\t{step}\t{secs:.3f}\t\t{rc}\t{load}\n")
    print(f"{build:4} {step:34} {secs:8.3f} s  status {rc}  load {load}")
for name, items in (("batches", data["batches"]), ("singles", data["singles"])):
    t0 = time.perf_counter(); res = [post(x) for x in items]; total = time.perf_counter() - t0
    bad = sum(s != 201 for _, s in res); times = sorted(d for d, _ in res)
    n = 10000 if name == "batches" else len(items)
    record(f"POST {n} sales, {name}", total, bad)
    record(f"  per request median ({name})", statistics.median(times), 0)
    record(f"  per request max ({name})", times[-1], 0)
PY
        kill "$(pgrep -P $timepid)" 2>/dev/null || true
        wait $timepid || true
        read -r secs rss < "$RES/serve-$b.time" || true
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$b" "serve (whole run)" "$secs" "$rss" 0 "$(load1)" >> "$TSV"
        echo "$b   serve peak RSS ${rss:-?} KiB"
        grep -i -m3 "error\|fatal" "$RES/serve-$b.log" || true
    done
fi

uptime
python3 - "$TSV" <<'PY'
import csv, sys, statistics
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
scan = [float(r["seconds"]) for r in rows if r["step"].startswith("sqlite3 scan")]
ref = statistics.median(scan)
imp = {b: sum(float(r["seconds"]) for r in rows if r["build"] == b and r["step"].startswith("import") and "1 row" not in r["step"]) for b in ("old", "new")}
print(f"\nscan reference: {', '.join(f'{s:.2f}' for s in scan)} s, median {ref:.2f} s")
print(f"import total: old {imp['old']:.1f} s, new {imp['new']:.1f} s, new/old {imp['new']/imp['old']:.2f}x (goal <= 1.3x)")
print("\n| build | step | time (s) | × scan | peak RSS (MiB) | exit | load |\n|---|---|---:|---:|---:|---:|---:|")
for r in rows:
    s = float(r["seconds"]); rss = f"{int(r['rss_kib'])/1024:.0f}" if r["rss_kib"] else ""
    print(f"| {r['build']} | {r['step']} | {s:.2f} | {s/ref:.2f} | {rss} | {r['exit']} | {r['load1']} |")
PY

if [ "${KEEP:-0}" != 1 ]; then rm -f "$OUT"/scoring-old.sqlite* "$OUT"/scoring-new.sqlite*; fi
