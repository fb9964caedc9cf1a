#!/usr/bin/env python3
"""Desk pages against the API calls that carry the same data (issue 18: each page ≤ 1.2× those calls).

Against a running `starmatch serve` (release build, e.g. on the 1M dataset), signed in once as a manager through the
desk's form, each round times every page and then the same data through the API (the calls in sequence, on one
keep-alive connection each), alternating, and prints per page the median, min and max over the rounds and the
ratio of medians.

Usage: desk-bench.py BASE_URL MANAGER_KEY CREATOR CAMPAIGN [ROUNDS]
"""
import http.client
import re
import statistics
import sys
import time
import urllib.parse

base, key, creator, campaign = sys.argv[1:5]
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 15
host = urllib.parse.urlparse(base)


def connection():
    return http.client.HTTPConnection(host.hostname, host.port, timeout=600)


def request(conn, method, path, headers=None, body=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response, data


# Sign in as the desk's form does.
conn = connection()
response, page = request(conn, "GET", "/desk/sign-in")
signin_cookie = response.getheader("Set-Cookie").split(";")[0]
token = re.search(rb'name="csrf" value="([0-9a-f]+)"', page).group(1).decode()
response, _ = request(conn, "POST", "/desk/sign-in", {"Cookie": signin_cookie, "Content-Type": "application/x-www-form-urlencoded"},
                      urllib.parse.urlencode({"csrf": token, "key": key}))
assert response.status == 303, response.status
session = [c for c in response.headers.get_all("Set-Cookie") if c.startswith("sm_session=")][0].split(";")[0]

api = {"Authorization": f"Bearer {key}"}
c, k = urllib.parse.quote(creator), urllib.parse.quote(campaign)
# page → the API calls that carry its data.
cases = [
    ("campaign", f"/desk/campaigns/{k}", [f"/v1/campaigns/{k}", f"/v1/campaigns/{k}/shortlist?limit=20&explain=true",
                                          f"/v1/matches?campaign={k}&limit=100", f"/v1/campaigns/{k}/performance"]),
    ("campaign + why", f"/desk/campaigns/{k}?why={c}", [f"/v1/campaigns/{k}", f"/v1/campaigns/{k}/shortlist?limit=20&explain=true",
                                                        f"/v1/matches?campaign={k}&limit=100", f"/v1/campaigns/{k}/performance",
                                                        f"/v1/creators/{c}/eligibility?campaign={k}"]),
    ("creator", f"/desk/creators/{c}", [f"/v1/creators/{c}/status", f"/v1/creators/{c}/matches?limit=10&explain=true",
                                        f"/v1/creators/{c}/tips?limit=5", f"/v1/matches?creator={c}&limit=100", f"/v1/commissions?creator={c}"]),
    ("creators search", "/desk/creators?region=US&minFollowers=100000", ["/v1/creators?region=US&minFollowers=100000&limit=50"]),
    ("matches board", "/desk/matches?state=proposed", ["/v1/matches?state=proposed&limit=100"]),
    ("campaigns", "/desk/campaigns", [f"/v1/campaigns?openAt={urllib.parse.quote(time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))}&limit=50"]),
]

desk_conn, api_conn = connection(), connection()


def timed(conn, paths, headers):
    start = time.perf_counter()
    for path in paths:
        response, body = request(conn, "GET", path, headers)
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
    return time.perf_counter() - start


print(f"{'page':<18} {'desk median':>12} {'API median':>11} {'ratio':>6}   desk min/max      API min/max     (rounds: {rounds})")
for name, page_path, api_paths in cases:
    timed(desk_conn, [page_path], {"Cookie": session})  # warm both once: the first request of a kind fills caches
    timed(api_conn, api_paths, api)
    desk, apis = [], []
    for _ in range(rounds):
        desk.append(timed(desk_conn, [page_path], {"Cookie": session}))
        apis.append(timed(api_conn, api_paths, api))
    d, a = statistics.median(desk), statistics.median(apis)
    print(f"{name:<18} {d * 1000:>10.1f}ms {a * 1000:>9.1f}ms {d / a:>6.2f}   "
          f"{min(desk) * 1000:6.1f}/{max(desk) * 1000:6.1f}ms  {min(apis) * 1000:6.1f}/{max(apis) * 1000:6.1f}ms")
