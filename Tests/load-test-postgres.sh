#!/usr/bin/env bash
# Scale-out (issue 19): two `starmatch serve` instances on one PostgreSQL database under the mixed load of
# Tests/load/load.py (reads of creators and shortlists, writes of sales and content events, spread over both),
# while weekly batches run through both instances and from the CLI. Halfway through, one instance is killed with
# SIGKILL during the writes; the load moves to the other, as a load balancer would.
# Passes when no request fails with a 5xx, every write answered 201 (by either instance, the killed one included)
# is stored, no weekly batch run is stored twice (one run per week, inputs and data version), and the batch runs
# that answered all succeeded or were the documented conflict (data changed while the run was computed: under
# constant writes most runs are). After the load, three rounds run a batch through the surviving instance and from the
# CLI at once: both answer with the same run, and at most one of them stored it.
# Usage: Tests/load-test-postgres.sh [SECONDS]   (default 20). Needs $STARMATCH_TEST_POSTGRES (a server URL whose
# user may create databases; Tests/postgres-cluster.sh start makes one). Uses $STARMATCH_BIN if set, else the
# debug build. Prints requests per second for the run (one instance for the second half). INSTANCES=1 runs the same
# load on one instance, nothing killed (the reference for Benchmarks/README.md's one-against-two numbers); KILL=0 keeps
# both instances to the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_LOAD=${1:-20}
INSTANCES=${INSTANCES:-2}
KILL=${KILL:-1}  # KILL=0: both instances serve to the end (throughput of two)
: "${STARMATCH_TEST_POSTGRES:?names no PostgreSQL server (Tests/postgres-cluster.sh start DIR PORT prints one)}"
if [ -z "${STARMATCH_BIN:-}" ]; then
    swift build --product starmatch >/dev/null
    STARMATCH_BIN=$(swift build --show-bin-path)/starmatch
fi
WORK=$(mktemp -d)
NAME=sm_load_$(date +%s)_$$
psql "$STARMATCH_TEST_POSTGRES" -q -c "CREATE DATABASE $NAME"
URL=${STARMATCH_TEST_POSTGRES%/*}/$NAME
export STARMATCH_DATABASE=$URL
"$STARMATCH_BIN" seed --json >/dev/null
KEY=$("$STARMATCH_BIN" keys create --role manager --label load --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
"$STARMATCH_BIN" creators list --limit 10000 --json | python3 -c 'import json,sys; [print(c["id"]) for c in json.load(sys.stdin)]' > "$WORK/ids.txt"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT_A=$(port); PORT_B=$(port)
# The demo's reference instant (Seeds/README.md): the servers and batches take it as now, so the load meets running
# campaigns and the batches fill week 2026-W48 whatever the wall clock says.
AT=2026-11-25T18:00:00Z
"$STARMATCH_BIN" serve --at "$AT" --port "$PORT_A" --log-level error 2>"$WORK/serve-a.log" &
SERVER_A=$!
SERVER_B=""
if [ "$INSTANCES" = 2 ]; then
    "$STARMATCH_BIN" serve --at "$AT" --port "$PORT_B" --log-level error 2>"$WORK/serve-b.log" &
    SERVER_B=$!
fi
cleanup() {
    kill $SERVER_A $SERVER_B 2>/dev/null || true
    wait $SERVER_A $SERVER_B 2>/dev/null || true
    psql "$STARMATCH_TEST_POSTGRES" -q -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" || true
    rm -rf "$WORK"
}
trap cleanup EXIT
SERVERS=$PORT_A; [ "$INSTANCES" = 2 ] && SERVERS="$PORT_A $PORT_B"
for p in $SERVERS; do
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/readyz" >/dev/null && break; sleep 0.1; done
done

BASES=http://127.0.0.1:$PORT_A; [ "$INSTANCES" = 2 ] && BASES="$BASES,http://127.0.0.1:$PORT_B"
python3 Tests/load/load.py "$BASES" "$KEY" "$SECONDS_LOAD" "$WORK/ids.txt" cp-glowlab-black-friday > "$WORK/result.json" &
LOAD=$!
batches=0; batch_failures=0; killed=0
start=$(date +%s)
end=$(( start + SECONDS_LOAD - 2 ))
while [ "$(date +%s)" -lt "$end" ]; do
    if [ "$INSTANCES" = 2 ] && [ "$KILL" = 1 ] && [ $killed -eq 0 ] && [ "$(date +%s)" -ge $(( start + SECONDS_LOAD / 2 )) ]; then
        kill -9 $SERVER_B; killed=1  # SIGKILL mid-load: no shutdown, requests in flight cut off
    fi
    # A creator's audience changes between rounds, so the batch's inputs change and each round stores a run.
    batches_round=$((batches + 1000))
    curl -s -o /dev/null -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        -d "{\"followers\": $batches_round}" "http://127.0.0.1:$PORT_A/v1/creators/cr-0001" || true
    for p in $SERVERS; do
        [ $killed -eq 1 ] && [ "$p" = "$PORT_B" ] && continue
        code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
            -d '{"week":"2026-W48"}' "http://127.0.0.1:$p/v1/batches" || echo 000)
        case "$code" in 200|201|202|409) ;; *) batch_failures=$((batch_failures + 1)); echo "POST /v1/batches on :$p: $code";; esac
        batches=$((batches + 1))
    done
    "$STARMATCH_BIN" batch run --week 2026-W48 --at "$AT" --json >/dev/null 2>"$WORK/batch.err" || grep -q "changed while the batch" "$WORK/batch.err" \
        || { batch_failures=$((batch_failures + 1)); cat "$WORK/batch.err"; }
    batches=$((batches + 1))
done
wait $LOAD
# After the load, with no other writes: rounds of a batch through the surviving instance and one from the CLI at
# the same instant, after a change of inputs (cr-0001's audience 20,000 followers larger each round, which changes
# its batch weights; one more follower did not, and both sides returned the last run); the batch lock lets one store
# the run and the other return it.
for round in 1 2 3; do
    curl -s -o /dev/null -X PATCH -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        -d "{\"followers\": $((round * 20000))}" "http://127.0.0.1:$PORT_A/v1/creators/cr-0001"
    curl -s -o "$WORK/api-run.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        -d '{"week":"2026-W48"}' "http://127.0.0.1:$PORT_A/v1/batches" > "$WORK/api-code.txt" &
    API=$!
    "$STARMATCH_BIN" batch run --week 2026-W48 --at "$AT" --json > "$WORK/cli-run.json" 2>"$WORK/batch.err" || { batch_failures=$((batch_failures + 1)); cat "$WORK/batch.err"; }
    wait $API
    case "$(cat "$WORK/api-code.txt")" in 200|201) ;; *) batch_failures=$((batch_failures + 1)); echo "POST /v1/batches (quiet round $round): $(cat "$WORK/api-code.txt")";; esac
    # Both answered with the same run; at most one of them stored it.
    python3 - "$WORK/api-run.json" "$WORK/cli-run.json" <<'PY' >> "$WORK/rounds.txt" || batch_failures=$((batch_failures + 1))
import json, sys
api, cli = (json.load(open(f)) for f in sys.argv[1:3])
same = api["run"]["id"] == cli["run"]["id"]
print(f"round: run {api['run']['id']} (API reused {api['reused']}) and {cli['run']['id']} (CLI reused {cli['reused']})")
sys.exit(0 if same and api["reused"] != cli["reused"] else 1)  # the inputs changed: exactly one of them stored the run
PY
    batches=$((batches + 2))
done
psql "$URL" -At -c "SELECT id FROM sales WHERE id LIKE 'sa-load-%'" > "$WORK/sales.txt"
psql "$URL" -At -c "SELECT id FROM content_events WHERE id LIKE 'ev-load-%'" > "$WORK/events.txt"
psql "$URL" -At -c "SELECT COUNT(*) FROM (SELECT week, inputs_hash, data_version FROM batch_runs GROUP BY 1, 2, 3 HAVING COUNT(*) > 1) twice" > "$WORK/twice.txt"
psql "$URL" -At -c "SELECT COUNT(*) FROM (SELECT week FROM batch_runs WHERE superseded_by IS NULL GROUP BY week HAVING COUNT(*) > 1) current" >> "$WORK/twice.txt"
psql "$URL" -At -c "SELECT COUNT(*) FROM batch_runs" >> "$WORK/twice.txt"
python3 - "$WORK" "$batches" "$batch_failures" "$INSTANCES" "$killed" <<'PY'
import json, sys
work, batches, batch_failures, instances, killed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
r = json.load(open(f"{work}/result.json"))
stored = {"sales": set(open(f"{work}/sales.txt").read().split()), "content-events": set(open(f"{work}/events.txt").read().split())}
twice, two_current, runs = [int(x) for x in open(f"{work}/twice.txt").read().split()]
sent = sum(sum(v.values()) for v in r["counts"].values())
missing = {kind: len([i for i in ids if i not in stored[kind]]) for kind, ids in r["ids"].items()}
print(f"load-test (PostgreSQL, {'one instance' if instances == 1 else 'two instances, one killed with SIGKILL halfway' if killed else 'two instances'}): {sent:,} requests in {r['seconds']:.0f} s "
      f"({sent / r['seconds']:.0f}/s; {json.dumps(r['counts'])}); writes acknowledged {r['written']}, missing {missing}; "
      f"cut off by the kill {r['dropped']}; {batches} batch runs alongside, {batch_failures} failed, {runs} stored, "
      f"{twice} stored twice, {two_current} weeks with two current runs; {len(r['failures'])} failed requests")
for f in r["failures"][:5]: print("  ", f)
print(open(f"{work}/rounds.txt").read().rstrip())
ok = not r["failures"] and all(v == 0 for v in missing.values()) and batch_failures == 0 and twice == 0 and two_current == 0 and sent > 0 and runs >= 1
sys.exit(0 if ok else 1)
PY
