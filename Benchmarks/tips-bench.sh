#!/usr/bin/env bash
# Tips and campaign performance at 1M (issue 17: each ≤ 0.1× one sqlite3 scan of the sales table, same run).
# Generates the 1M dataset with products (unless GEN holds it), seeds a database (unless DB exists), proposes and
# accepts matches of one open campaign, then times whole processes with farm-bench, each paired with the scan.
# Usage: Benchmarks/tips-bench.sh
# Environment: BIN (default: this checkout's release build), WORK (default /tmp/tips-bench), GEN (default
# $WORK/gen), DB (default $WORK/db.sqlite), CREATORS (default "c0000002 c0000007 c0000206"), CAMPAIGN (default
# k000001), MATCHES (default 150: two thirds accepted), RUNS (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-$PWD/.build-release/release/starmatch}
WORK=${WORK:-/tmp/tips-bench}
GEN=${GEN:-$WORK/gen}
DB=${DB:-$WORK/db.sqlite}
CREATORS=${CREATORS:-"c0000002 c0000007 c0000206"}
CAMPAIGN=${CAMPAIGN:-k000001}
MATCHES=${MATCHES:-150}
RUNS=${RUNS:-15}
export STARMATCH_HOME=$PWD
mkdir -p "$WORK"
[ -f "$GEN/products.csv" ] || "$BIN" generate --creators 1000000 --shops 2000 --campaigns 1000 --seed 42 --out "$GEN" --json
if [ ! -f "$DB" ]; then
    /usr/bin/time -f "seed: %e s, %M KiB" "$BIN" seed --seeds "$GEN" --db "$DB" --json > "$WORK/seed.json"
    # Matches of one campaign: the top of its shortlist, proposed by hand, two in three accepted.
    "$BIN" shortlist "$CAMPAIGN" --limit "$MATCHES" --db "$DB" --json > "$WORK/shortlist.json"
    python3 - "$BIN" "$DB" "$CAMPAIGN" "$WORK/shortlist.json" <<'PY'
import json, subprocess, sys
bin, db, campaign, shortlist = sys.argv[1:]
for n, c in enumerate(json.load(open(shortlist))["creators"]):
    made = subprocess.run([bin, "match", "create", c["creator"], campaign, "--db", db, "--json"], capture_output=True, text=True, check=True)
    if n % 3 != 2:
        subprocess.run([bin, "match", "accept", str(json.loads(made.stdout)["id"]), "--db", db], capture_output=True, check=True)
PY
fi
SCAN="sqlite3 $DB 'SELECT count(*), sum(gmv_minor) FROM sales'"
for creator in $CREATORS; do
    echo "== tips $creator (A) against the scan (B)"
    farm-bench -n "$RUNS" --vs "$SCAN" -- "$BIN" tips "$creator" --db "$DB" --limit 10 | grep -E "wall|peak"
done
echo "== campaigns performance $CAMPAIGN (A) against the scan (B)"
farm-bench -n "$RUNS" --vs "$SCAN" -- "$BIN" campaigns performance "$CAMPAIGN" --db "$DB" | grep -E "wall|peak"
echo "== matches ${CREATORS%% *} and a bare process (campaigns show), for scale"
farm-bench -n "$RUNS" --vs "$BIN campaigns show $CAMPAIGN --db $DB" -- "$BIN" matches "${CREATORS%% *}" --db "$DB" --limit 10 | grep -E "wall"
