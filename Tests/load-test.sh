#!/usr/bin/env bash
# Concurrency (issue 7): the real server under a mixed load — reads of creators and shortlists, writes of sales
# and content events — while weekly batches write, through the API and from a second process (the CLI).
# Passes when no request fails with a 5xx or a database-busy error and every write answered 201 is stored.
# Usage: Tests/load-test.sh [SECONDS]   (default 20). Uses $STARMATCH_BIN if set, else the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_LOAD=${1:-20}
if [ -z "${STARMATCH_BIN:-}" ]; then
    swift build --product starmatch >/dev/null
    STARMATCH_BIN=$(swift build --show-bin-path)/starmatch
fi
WORK=$(mktemp -d)
DB=$WORK/load.sqlite
"$STARMATCH_BIN" seed --db "$DB" --json >/dev/null
KEY=$("$STARMATCH_BIN" keys create --role manager --label load --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
"$STARMATCH_BIN" creators list --limit 10000 --json --db "$DB" | python3 -c 'import json,sys; [print(c["id"]) for c in json.load(sys.stdin)]' > "$WORK/ids.txt"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# The demo's reference instant (Seeds/README.md): the servers and batches take it as now, so the load meets running
# campaigns and the batches fill week 2026-W48 whatever the wall clock says.
AT=2026-11-25T18:00:00Z
"$STARMATCH_BIN" serve --at "$AT" --db "$DB" --port "$PORT" --log-level error 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done

python3 Tests/load/load.py "http://127.0.0.1:$PORT" "$KEY" "$SECONDS_LOAD" "$WORK/ids.txt" cp-glowlab-black-friday > "$WORK/result.json" &
LOAD=$!
batches=0; batch_failures=0
end=$(( $(date +%s) + SECONDS_LOAD - 2 ))
while [ "$(date +%s)" -lt "$end" ]; do
    # A batch through the API and one from another process; new sales keep changing the inputs, so both write.
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        -d '{"week":"2026-W48"}' "http://127.0.0.1:$PORT/v1/batches")
    case "$code" in 200|201|202|409) ;; *) batch_failures=$((batch_failures + 1)); echo "POST /v1/batches: $code";; esac
    # 409 is the documented "the data changed while the batch was computed; run it again" (a conflict, DomainError.conflict).
    "$STARMATCH_BIN" batch run --week 2026-W48 --at "$AT" --db "$DB" --json >/dev/null 2>"$WORK/batch.err" || grep -q "changed while the batch" "$WORK/batch.err" \
        || { batch_failures=$((batch_failures + 1)); cat "$WORK/batch.err"; }
    batches=$((batches + 2))
done
wait $LOAD
python3 - "$WORK/result.json" "$DB" "$batches" "$batch_failures" <<'PY'
import json, sqlite3, sys
r = json.load(open(sys.argv[1])); db = sqlite3.connect(sys.argv[2])
batches, batch_failures = int(sys.argv[3]), int(sys.argv[4])
sent = sum(sum(v.values()) for v in r["counts"].values())
missing = {}
for table, kind in [("sales", "sales"), ("content_events", "content-events")]:
    ids = r["ids"][kind]
    stored = 0
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        stored += db.execute(f"SELECT COUNT(*) FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchone()[0]
    missing[kind] = len(ids) - stored
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
print(f"load-test: {sent:,} requests ({json.dumps(r['counts'])}); writes acknowledged {r['written']}, missing {missing}; dropped {r['dropped']}; "
      f"{batches} batch runs alongside, {batch_failures} failed; {len(r['failures'])} failed requests; integrity {integrity}")
for f in r["failures"][:5]: print("  ", f)
ok = not r["failures"] and not r["dropped"] and all(v == 0 for v in missing.values()) and batch_failures == 0 and integrity == "ok" and sent > 0
sys.exit(0 if ok else 1)
PY
