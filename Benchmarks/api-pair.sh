#!/usr/bin/env bash
# POST 10,000 sales (10 arrays of 1,000) and 1,000 single sales, old build vs new, each on its own 1M database.
set -u
# Usage: Benchmarks/api-pair.sh OLD_BIN NEW_BIN OLD_DB NEW_DB PREFIX
# (sales rows 40,000-51,000 of ${GEN:-Benchmarks/out/gen}/sales.csv, their ids prefixed with PREFIX so that each run adds new sales)
OLD=$1; NEW=$2; ODB=$3; NDB=$4; PREFIX=$5
python3 - "${GEN:-Benchmarks/out/gen}/sales.csv" "${TMPDIR:-/tmp}/api-$PREFIX.json" $PREFIX <<'PY'
import csv, json, sys, itertools
rows = list(itertools.islice(csv.DictReader(open(sys.argv[1])), 40000, 51000))
p = sys.argv[3]
def sale(r, prefix):
    s = {"id": prefix + r["id"], "creator": r["creator"], "shop": r["shop"], "category": r["category"],
         "orderedAt": r["ordered_at"], "orders": int(r["orders"]), "gmvMinor": int(r["gmv_minor"]), "currency": r["currency"]}
    if r["campaign"]: s["campaign"] = r["campaign"]
    if r["returned_orders"]: s["returnedOrders"] = int(r["returned_orders"])
    return s
json.dump({"batches": [[sale(r, p + "-b-") for r in rows[i:i + 1000]] for i in range(0, 10000, 1000)],
           "singles": [sale(r, p + "-s-") for r in rows[10000:]]}, open(sys.argv[2], "w"))
PY
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
