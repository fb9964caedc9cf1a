#!/usr/bin/env python3
"""Sales for the API write benchmarks (api-pair.sh, scoring-bench.sh): rows of a generated sales.csv as
`POST /v1/sales` bodies — 10 arrays of 1,000 ("batches") and then SINGLES one-sale bodies ("singles"), their
ids prefixed with PREFIX + "b-" / PREFIX + "s-" so that each run adds new sales.
Usage: api-sales.py SALES_CSV OUT_JSON FIRST_ROW SINGLES PREFIX"""
import csv, json, sys, itertools

sales_csv, out, first, singles, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rows = list(itertools.islice(csv.DictReader(open(sales_csv)), first, first + 10000 + singles))

def sale(r, prefix):
    s = {"id": prefix + r["id"], "creator": r["creator"], "shop": r["shop"], "category": r["category"],
         "orderedAt": r["ordered_at"], "orders": int(r["orders"]), "gmvMinor": int(r["gmv_minor"]), "currency": r["currency"]}
    if r["campaign"]: s["campaign"] = r["campaign"]
    if r["returned_orders"]: s["returnedOrders"] = int(r["returned_orders"])
    return s

json.dump({"batches": [[sale(r, prefix + "b-") for r in rows[i:i + 1000]] for i in range(0, 10000, 1000)],
           "singles": [sale(r, prefix + "s-") for r in rows[10000:]]}, open(out, "w"))
