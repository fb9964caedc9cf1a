#!/usr/bin/env python3
"""Mixed load on a running StarMatch server (issue 7): readers of creators and shortlists, writers of sales and
content events, for SECONDS, while the caller runs weekly batches. Prints a JSON summary: requests by
route and status, and every id the writers got a 201 for (to be counted in the database afterwards).
BASE_URL may list several servers, comma-separated (instances behind a load balancer, issue 19): worker n starts on
server n mod N; when its server stops answering (killed), its request counts as `dropped` (not acknowledged, so
not checked) and it moves to the next server, as a load balancer would.
Usage: load.py BASE_URL[,BASE_URL…] KEY SECONDS CREATOR_IDS_FILE CAMPAIGN"""
import http.client, json, random, sys, threading, time, urllib.parse

base, key, seconds, ids_file, campaign = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
urls = [urllib.parse.urlparse(b) for b in base.split(",")]
creators = [line.strip() for line in open(ids_file) if line.strip()]
lock = threading.Lock()
counts, written, failures, dropped = {}, {"sales": [], "content-events": []}, [], {}
deadline = time.time() + seconds

def request(conn, method, path, body=None):
    headers = {"Authorization": f"Bearer {key}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data

def worker(kind, n):
    server = n % len(urls)
    conn = http.client.HTTPConnection(urls[server].hostname, urls[server].port, timeout=60)
    rnd = random.Random(n)
    i = 0
    while time.time() < deadline:
        i += 1
        creator = rnd.choice(creators)
        try:
            route, status, data = one(conn, kind, n, i, creator)
        except (ConnectionError, http.client.HTTPException, OSError):
            with lock: dropped[urls[server].netloc] = dropped.get(urls[server].netloc, 0) + 1
            conn.close()
            if len(urls) == 1: time.sleep(0.05)
            server = (server + 1) % len(urls)
            conn = http.client.HTTPConnection(urls[server].hostname, urls[server].port, timeout=60)
            continue
        with lock:
            counts.setdefault(route, {}).setdefault(str(status), 0)
            counts[route][str(status)] += 1
            if status >= 500 or (status >= 400 and (b"locked" in data or b"busy" in data)):
                failures.append({"route": route, "status": status, "body": data[:300].decode("utf-8", "replace")})

def one(conn, kind, n, i, creator):
        if kind == "creator":
            route, (status, data) = "GET /v1/creators/{id}", request(conn, "GET", f"/v1/creators/{creator}")
        elif kind == "shortlist":
            route, (status, data) = "GET /v1/campaigns/{id}/shortlist", request(conn, "GET", f"/v1/campaigns/{campaign}/shortlist?limit=10")
        elif kind == "sales":
            sid = f"sa-load-{n}-{i}"
            route, (status, data) = "POST /v1/sales", request(conn, "POST", "/v1/sales", {
                "id": sid, "creator": creator, "shop": "sh-glowlab", "category": "beauty/skincare",
                "orderedAt": "2026-11-24T10:00:00Z", "orders": 1, "gmvMinor": 1999})
            if status == 201:
                with lock: written["sales"].append(sid)
        else:
            eid = f"ev-load-{n}-{i}"
            route, (status, data) = "POST /v1/content-events", request(conn, "POST", "/v1/content-events", {
                "id": eid, "creator": creator, "content": f"{creator}:load{n}-{i}", "medium": "video", "action": "published",
                "at": "2026-11-24T10:00:00Z", "durationSeconds": 30, "isPrivate": False, "shoppable": True})
            if status == 201:
                with lock: written["content-events"].append(eid)
        return route, status, data

threads = [threading.Thread(target=worker, args=(kind, n)) for n, kind in enumerate(["creator", "creator", "shortlist", "sales", "sales", "events"])]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"counts": counts, "written": {k: len(v) for k, v in written.items()}, "failures": failures, "dropped": dropped,
                  "seconds": seconds, "ids": written}))
