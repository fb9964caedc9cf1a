#!/usr/bin/env bash
# POST 10,000 sales (10 arrays of 1,000) and 1,000 single sales, old build vs new, each on its own 1M database.
set -u
# Usage: Benchmarks/api-pair.sh OLD_BIN NEW_BIN OLD_DB NEW_DB PREFIX
# (sales rows 40,000-51,000 of ${GEN:-Benchmarks/out/gen}/sales.csv, their ids prefixed with PREFIX so that each run adds new sales)
OLD=$1; NEW=$2; ODB=$3; NDB=$4; PREFIX=$5
python3 "$(dirname "$0")/api-sales.py" "${GEN:-Benchmarks/out/gen}/sales.csv" "${TMPDIR:-/tmp}/api-$PREFIX.json" 40000 1000 "$PREFIX-"
port=18200
for pair in "old $OLD $ODB" "new $NEW $NDB"; do
  set -- $pair; name=$1; bin=$2; db=$3; port=$((port+1))
  key=$($bin keys create --role manager --label pair --db $db --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
  $bin serve --db $db --port $port --log-level warning > /dev/null 2>&1 & pid=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  python3 - "${TMPDIR:-/tmp}/api-$PREFIX.json" $port $key $name <<'PY'
import http.client, json, sys, time, statistics
data = json.load(open(sys.argv[1])); conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[2]))
hdr = {"Authorization": f"Bearer {sys.argv[3]}", "Content-Type": "application/json"}
for kind in ("batches", "singles"):
    times = []
    t0 = time.perf_counter()
    for body in data[kind]:
        t = time.perf_counter(); conn.request("POST", "/v1/sales", body=json.dumps(body), headers=hdr); r = conn.getresponse(); r.read()
        times.append(time.perf_counter() - t)
        assert r.status == 201, (r.status)
    print(f"{sys.argv[4]} {kind}: total {time.perf_counter() - t0:.2f} s, median {statistics.median(times)*1000:.1f} ms, max {max(times)*1000:.1f} ms")
PY
  kill $pid; wait $pid 2>/dev/null
done
