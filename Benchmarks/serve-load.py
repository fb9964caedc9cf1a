#!/usr/bin/env python3
"""Server load at scale (issue 13): for SECONDS, READERS threads ask for the shortlists of 20 campaigns in turn at
the default instant (no `at`: now, to the minute) while sales are POSTed at RATE a second (mostly recent orders;
a share ordered 31–60 days ago, validated at once, which move scores and the sales reference). A read-your-writes
probe, every few seconds, POSTs a large validated sale for the listed creator of a campaign's shortlist with the
lowest sales component and asks for that shortlist right away: the creator must be on it with a higher score (or
at the top).
Prints one JSON object: shortlist latency percentiles (ms), counts by route and status, errors, probe results.
Usage: serve-load.py BASE_URL KEY SECONDS CAMPAIGNS_FILE CREATORS_FILE [READERS] [RATE]
CAMPAIGNS_FILE: lines `id|shop|cat1;cat2` ; CREATORS_FILE: one creator id a line. Standard library only."""
import http.client, json, random, sys, threading, time, urllib.parse
from datetime import datetime, timezone

base, key, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
campaigns = [line.strip().split("|") for line in open(sys.argv[4]) if line.strip()]
creators = [line.strip() for line in open(sys.argv[5]) if line.strip()]
readers = int(sys.argv[6]) if len(sys.argv) > 6 else 4
rate = float(sys.argv[7]) if len(sys.argv) > 7 else 50.0
url = urllib.parse.urlparse(base)
lock = threading.Lock()
latencies, counts, errors, probes = [], {}, [], []
start = time.time()
deadline = start + seconds

def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

def request(conn, method, path, body=None):
    headers = {"Authorization": f"Bearer {key}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    t0 = time.perf_counter()
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data, time.perf_counter() - t0

def count(route, status, data):
    with lock:
        counts.setdefault(route, {}).setdefault(str(status), 0)
        counts[route][str(status)] += 1
        if status >= 400:
            errors.append({"route": route, "status": status, "body": data[:300].decode("utf-8", "replace")})

def shortlist(conn, campaign):
    status, data, elapsed = request(conn, "GET", f"/v1/campaigns/{campaign}/shortlist?limit=20")
    count("GET /v1/campaigns/{id}/shortlist", status, data)
    return status, data, elapsed

def reader(n):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    i = n
    while time.time() < deadline:
        campaign = campaigns[i % len(campaigns)][0]
        i += 1
        _, _, elapsed = shortlist(conn, campaign)
        with lock: latencies.append(elapsed)

def post_sale(conn, n, i, creator, shop, category, ordered, gmv):
    sid = f"sa-serve-load-{int(start)}-{n}-{i}"
    status, data, _ = request(conn, "POST", "/v1/sales", {
        "id": sid, "creator": creator, "shop": shop, "category": category, "orderedAt": iso(ordered), "orders": 2, "gmvMinor": gmv})
    count("POST /v1/sales", status, data)
    return status

def writer(n, writers):
    """Sales at rate/writers a second, on an absolute schedule (a slow write does not lower the rate)."""
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    rnd = random.Random(n)
    interval = writers / rate
    i = 0
    next_at = start + n * interval / writers
    while True:
        now = time.time()
        if next_at >= deadline: break
        if next_at > now: time.sleep(next_at - now)
        next_at += interval
        i += 1
        _, shop, categories = rnd.choice(campaigns)
        # 80 %: ordered in the last 5 days (validated in 30 days); 20 %: 31–60 days ago (validated now).
        ago = rnd.uniform(0, 5 * 86_400) if rnd.random() < 0.8 else rnd.uniform(31 * 86_400, 60 * 86_400)
        post_sale(conn, n, i, rnd.choice(creators), shop, rnd.choice(categories.split(";")), time.time() - ago, rnd.randint(1_000, 80_000))

def probe():
    """Read-your-writes: a large validated sale for a listed creator whose sales component is below 1, then that
    shortlist at once: the creator must be on it with a higher score (or at the top)."""
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    k = 0
    time.sleep(3)
    while time.time() < deadline - 2:
        campaign, shop, categories = campaigns[(7 * k + 3) % len(campaigns)]
        k += 1
        status, data, _ = shortlist(conn, campaign)
        ranked = json.loads(data).get("creators", []) if status == 200 else []
        # The listed creator with the lowest sales component (a large validated sale raises it, up to 1).
        candidates = [r for r in ranked if r.get("components", {}).get("sales", 1) < 0.999]
        if candidates:
            last = min(candidates, key=lambda r: r["components"]["sales"])
            creator, before = last["creator"], last["score"]
            post = post_sale(conn, "probe", k, creator, shop, categories.split(";")[0], time.time() - 40 * 86_400, 2_000_000_000)
            status, data, elapsed = shortlist(conn, campaign)
            after = {r["creator"]: (i, r["score"]) for i, r in enumerate(json.loads(data).get("creators", []))} if status == 200 else {}
            seen = creator in after and (after[creator][0] == 0 or after[creator][1] > before)
            with lock:
                probes.append({"campaign": campaign, "creator": creator, "post": post, "scoreBefore": before,
                               "after": after.get(creator), "ok": seen and post == 201, "ms": round(elapsed * 1000, 1)})
        time.sleep(4)

writers = 3
threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
threads += [threading.Thread(target=writer, args=(n, writers)) for n in range(writers)]
threads.append(threading.Thread(target=probe))
for t in threads: t.start()
for t in threads: t.join()
end = time.time()

def pct(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, max(0, int(-(-p * len(values) // 1)) - 1))] * 1000, 1) if values else None

posted = sum(v for s, v in counts.get("POST /v1/sales", {}).items())
print(json.dumps({
    "from": iso(start), "to": iso(end), "minuteBoundaries": int(end // 60) - int(start // 60),
    "readers": readers, "shortlists": len(latencies),
    "shortlistMs": {"p50": pct(latencies, 0.50), "p95": pct(latencies, 0.95), "p99": pct(latencies, 0.99), "max": pct(latencies, 1.0)},
    "salesPosted": posted, "salesPerSecond": round(posted / (end - start), 1),
    "counts": counts, "errors": len(errors), "errorSamples": errors[:5],
    "readYourWrites": {"checks": len(probes), "ok": sum(p["ok"] for p in probes), "probes": probes},
}, indent=1))
