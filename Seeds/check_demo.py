#!/usr/bin/env python3
"""Independent check of the demo dataset in Seeds/ (standard library only).

    python3 Seeds/check_demo.py

1. Formats (docs/import-formats.md): headers, ids, instants, booleans, lists, regions, currencies, ranges.
2. Integrity: unique ids per file, every foreign key resolves, every category is in the taxonomy.
3. Policy: re-implements the E-, H- and P- rules of docs/rules.md (as Sources/StarMatchCore/Policy.swift and
   Standing.swift evaluate them) in Python, and checks each showcase creator of Seeds/README.md against its
   expected outcome at the demo instant 2026-11-25T18:00:00Z; checks that every rule fires at least once and
   that ordinary US/GB creators who are not `standard` are eligible.

Exits non-zero and lists the problems when anything is off.
"""

import csv
import os
import re
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = timezone.utc
REF = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
problems = []


def fail(msg):
    problems.append(msg)


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return header, [dict(zip(header, r)) for r in body if len(r) == len(header) or fail(f"{name}: row width {r}")]


ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SEGMENT = re.compile(r"^[a-z0-9-]{1,48}$")
REGION = re.compile(r"^[A-Z]{2}$")
BOOL = {"true", "false"}


def instant(s, where):
    if not INSTANT.match(s):
        fail(f"{where}: bad instant {s!r}")
        return None
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def opt_instant(s, where):
    return instant(s, where) if s else None


def integer(s, where, lo=None, hi=None):
    try:
        v = int(s)
    except ValueError:
        fail(f"{where}: not an integer {s!r}")
        return 0
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        fail(f"{where}: {v} outside {lo}..{hi}")
    return v


def boolean(s, where):
    if s not in BOOL:
        fail(f"{where}: bad boolean {s!r}")
    return s == "true"


def ids(name, rows, key="id"):
    seen = Counter(r[key] for r in rows)
    for k, n in seen.items():
        if n > 1:
            fail(f"{name}: duplicate id {k}")
        if not ID.match(k):
            fail(f"{name}: bad id {k!r}")
    return {r[key]: r for r in rows}


def header(name, got, required, optional):
    missing = [c for c in required if c not in got]
    unknown = [c for c in got if c not in required + optional]
    if missing or unknown:
        fail(f"{name}: missing columns {missing}, unknown columns {unknown}")


# ------------------------------------------------------------------------------------------ formats + FKs

h, categories = load("categories.csv")
header("categories.csv", h, ["path", "name"], [])
taxonomy = set()
for r in categories:
    p = r["path"]
    segs = p.split("/")
    if not (1 <= len(segs) <= 3) or not all(SEGMENT.match(s) for s in segs):
        fail(f"categories: bad path {p!r}")
    if "/" in p and p.rsplit("/", 1)[0] not in taxonomy:
        fail(f"categories: {p} comes before (or without) its parent")
    if p in taxonomy:
        fail(f"categories: duplicate {p}")
    if not r["name"].strip():
        fail(f"categories: {p} has no name")
    taxonomy.add(p)
tops = [p for p in taxonomy if "/" not in p]
parents = {p.rsplit("/", 1)[0] for p in taxonomy if "/" in p}
leaves = [p for p in taxonomy if p not in parents]
if len(tops) < 25 or len([l for l in leaves if l.count("/") == 1]) < 100:
    fail(f"categories: {len(tops)} top-level, {len(leaves)} leaves (want >= 25 and >= 100)")


def cats(s, where, lo=1, hi=None):
    items = s.split(";") if s else []
    for c in items:
        if c not in taxonomy:
            fail(f"{where}: unknown category {c!r}")
    if len(items) < lo or (hi and len(items) > hi):
        fail(f"{where}: {len(items)} categories")
    return items


h, shop_rows = load("shops.csv")
header("shops.csv", h, ["id", "name", "region", "score", "categories"], [])
shops = ids("shops", shop_rows)
for s in shop_rows:
    w = f"shops {s['id']}"
    s["score"] = float(s["score"])
    if not 0 <= s["score"] <= 100:
        fail(f"{w}: score {s['score']}")
    if not REGION.match(s["region"]):
        fail(f"{w}: region")
    s["categories"] = cats(s["categories"], w, 1, 4)

CREATOR_COLS = ["id", "handle", "kind", "followers", "region", "birth_date", "registered_at", "identity_verified"]
CREATOR_OPT = ["age_confirmed_at", "identity_document", "gpppa", "ecommerce_revoked", "linked_serious_violator",
               "policies_accepted", "bound_shop", "niches", "pilot_started_at", "quiz_passed_at"]
h, creator_rows = load("creators.csv")
header("creators.csv", h, CREATOR_COLS, CREATOR_OPT)
creators = ids("creators", creator_rows)
for handle, count in Counter(c["handle"] for c in creator_rows).items():
    if count > 1 or not handle:
        fail(f"creators: handle {handle!r} used {count} times")
for c in creator_rows:
    w = f"creators {c['id']}"
    if c["kind"] not in ("standard", "affiliate", "officialShop", "marketing"):
        fail(f"{w}: kind {c['kind']}")
    c["followers"] = integer(c["followers"], w, 0)
    if not REGION.match(c["region"]):
        fail(f"{w}: region")
    if not DAY.match(c["birth_date"]):
        fail(f"{w}: birth_date")
    c["birth"] = date.fromisoformat(c["birth_date"])
    c["registered"] = instant(c["registered_at"], w)
    c["confirmed"] = opt_instant(c["age_confirmed_at"], w)
    for k in ("identity_verified", "gpppa", "ecommerce_revoked", "linked_serious_violator", "policies_accepted"):
        c[k] = boolean(c[k], f"{w} {k}")
    if c["identity_verified"] and not c["identity_document"]:
        fail(f"{w}: verified without identity_document")
    bound = c["kind"] in ("officialShop", "marketing")
    if bound != bool(c["bound_shop"]) or (c["bound_shop"] and c["bound_shop"] not in shops):
        fail(f"{w}: bound_shop {c['bound_shop']!r} (E-BIND / FK)")
    c["niches"] = cats(c["niches"], w, 1, 3)
    c["pilot"] = opt_instant(c["pilot_started_at"], w)
    c["quiz"] = opt_instant(c["quiz_passed_at"], w)
    if c["pilot"] and c["kind"] != "affiliate":
        fail(f"{w}: pilot_started_at on a non-affiliate")
    if c["quiz"] and not c["pilot"]:
        fail(f"{w}: quiz_passed_at without pilot_started_at")
    for k in ("registered", "confirmed", "pilot", "quiz"):
        if c[k] and c[k] > REF:
            fail(f"{w}: {k} after the demo instant")

h, campaign_rows = load("campaigns.csv")
header("campaigns.csv", h, ["id", "shop", "name", "kind", "categories", "slots", "starts_at", "ends_at", "commission_pct"],
       ["min_followers", "regions"])
campaigns = ids("campaigns", campaign_rows)
for k in campaign_rows:
    w = f"campaigns {k['id']}"
    if k["shop"] not in shops:
        fail(f"{w}: unknown shop {k['shop']}")
    if k["kind"] not in ("sample", "discount"):
        fail(f"{w}: kind")
    k["categories"] = cats(k["categories"], w)
    integer(k["slots"], w, 1)
    k["start"], k["end"] = instant(k["starts_at"], w), instant(k["ends_at"], w)
    if k["start"] and k["end"] and k["end"] <= k["start"]:
        fail(f"{w}: ends before it starts")
    pct = float(k["commission_pct"])
    if not 5 <= pct <= 30:
        fail(f"{w}: commission_pct {pct} outside 5-30")
    k["min_followers"] = integer(k["min_followers"], w, 0) if k["min_followers"] else None
    k["regions"] = k["regions"].split(";") if k["regions"] else []
    if not all(REGION.match(r) for r in k["regions"]):
        fail(f"{w}: regions")

CURRENCY = {"US": "USD", "GB": "GBP"}
h, sale_rows = load("sales.csv")
header("sales.csv", h, ["id", "creator", "shop", "category", "ordered_at", "orders", "gmv_minor"],
       ["campaign", "returned_orders", "currency"])
ids("sales", sale_rows)
sales_of = defaultdict(list)
for s in sale_rows:
    w = f"sales {s['id']}"
    if s["creator"] not in creators:
        fail(f"{w}: unknown creator")
    if s["shop"] not in shops:
        fail(f"{w}: unknown shop")
    if s["campaign"] and (s["campaign"] not in campaigns or campaigns[s["campaign"]]["shop"] != s["shop"]):
        fail(f"{w}: campaign {s['campaign']} unknown or of another shop")
    if s["category"] not in taxonomy:
        fail(f"{w}: category")
    s["at"] = instant(s["ordered_at"], w)
    if s["at"] and (s["at"] > REF or s["at"].year != 2026):
        fail(f"{w}: ordered_at {s['ordered_at']} outside 2026..demo instant")
    s["orders"] = integer(s["orders"], w, 0)
    s["returned"] = integer(s["returned_orders"] or "0", w, 0, s["orders"])
    integer(s["gmv_minor"], w, 0)
    if s["shop"] in shops and s["currency"] != CURRENCY.get(shops[s["shop"]]["region"]):
        fail(f"{w}: currency {s['currency']} for a {shops[s['shop']]['region']} shop")
    if s["campaign"] in campaigns and not (campaigns[s["campaign"]]["start"] <= s["at"] < campaigns[s["campaign"]]["end"]):
        fail(f"{w}: attributed to campaign {s['campaign']} outside its run")
    sales_of[s["creator"]].append(s)

h, event_rows = load("content_events.csv")
header("content_events.csv", h, ["id", "creator", "content", "medium", "action", "at"],
       ["duration_seconds", "private", "shoppable"])
ids("content_events", event_rows)
events_of = defaultdict(list)
medium_of = {}
for e in event_rows:
    w = f"content_events {e['id']}"
    if e["creator"] not in creators:
        fail(f"{w}: unknown creator")
    if not ID.match(e["content"]):
        fail(f"{w}: content id")
    if medium_of.setdefault(e["content"], (e["medium"], e["creator"])) != (e["medium"], e["creator"]):
        fail(f"{w}: content {e['content']} changes medium or creator")
    if e["medium"] not in ("video", "live") or e["action"] not in ("published", "scheduled", "linkAdded", "deleted", "removed"):
        fail(f"{w}: medium/action")
    e["at"] = instant(e["at"], w)
    if e["at"] and e["at"] > REF:
        fail(f"{w}: after the demo instant")
    e["duration"] = integer(e["duration_seconds"], w, 0) if e["duration_seconds"] else None
    e["private"] = boolean(e["private"], w)
    e["shoppable"] = boolean(e["shoppable"], w)
    events_of[e["creator"]].append(e)

VIOLATION_KINDS = {"misleadingClaims", "prohibitedProduct", "counterfeit", "offPlatformTransaction", "harassment",
                   "intellectualProperty", "minorSafety", "spam", "evasionStitch", "evasionOverlay", "evasionFastCuts",
                   "evasionDisguisedRepost"}
h, violation_rows = load("violations.csv")
header("violations.csv", h, ["id", "creator", "kind", "points", "at"], [])
ids("violations", violation_rows)
violations_of = defaultdict(list)
for v in violation_rows:
    w = f"violations {v['id']}"
    if v["creator"] not in creators:
        fail(f"{w}: unknown creator")
    if v["kind"] not in VIOLATION_KINDS:
        fail(f"{w}: kind")
    v["points"] = integer(v["points"], w, 1, 1000)
    v["at"] = instant(v["at"], w)
    violations_of[v["creator"]].append(v)

# ------------------------------------------------------------------------------------------ policy (Python)

LA = ZoneInfo("America/Los_Angeles")


def quota_week(at):
    local = at.astimezone(LA)
    monday = (local - timedelta(days=local.weekday())).date()
    start = datetime(monday.year, monday.month, monday.day, tzinfo=LA)
    end_day = monday + timedelta(days=7)
    return start.astimezone(UTC), datetime(end_day.year, end_day.month, end_day.day, tzinfo=LA).astimezone(UTC)


def add_months(dt, months):
    y, m = divmod(dt.month - 1 + months, 12)
    y, m = dt.year + y, m + 1
    last = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.replace(year=y, month=m, day=min(dt.day, last))


def age(birth, on):
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


doc_rank = {}
by_doc = defaultdict(list)
for c in creator_rows:
    if c["identity_document"]:
        by_doc[c["identity_document"]].append(c)
for doc, accounts in by_doc.items():
    for i, c in enumerate(sorted(accounts, key=lambda c: (c["registered"], c["id"])), 1):
        doc_rank[c["id"]] = i


def first_counting(events, until):
    first = {}
    for e in events:
        counts = e["shoppable"] if e["action"] in ("published", "scheduled") else e["action"] == "linkAdded"
        if counts and e["at"] <= until and (e["content"] not in first or e["at"] < first[e["content"]][1]):
            first[e["content"]] = (e["medium"], e["at"])
    return first


def chr_at(cid, at):
    """H-POINTS both ways: from 200, violations subtract their points and the kept orders validated (30-day return
    window) within a quota week earn 1 point each, at most 10, at that week's end; within 0-1000 after each step."""
    steps = [(v["at"], 0, v["id"], -v["points"]) for v in violations_of[cid] if v["at"] <= at]
    weeks = defaultdict(int)
    for s in sales_of[cid]:
        if s["orders"] - s["returned"] > 0:
            weeks[quota_week(s["at"] + timedelta(days=30))[1]] += s["orders"] - s["returned"]
    steps += [(end, 1, "", min(10, n)) for end, n in weeks.items() if end <= at]
    chr_ = 200
    for _, _, _, delta in sorted(steps, key=lambda x: (x[0], x[1], x[2])):
        chr_ = min(1000, max(0, chr_ + delta))
    return chr_


def standing(c, at=REF):
    chr_ = chr_at(c["id"], at)
    ws, we = quota_week(at)
    first = first_counting(events_of[c["id"]], at)
    videos = sum(1 for m, t in first.values() if m == "video" and ws <= t < we)
    lives = sum(1 for m, t in first.values() if m == "live" and ws <= t < we)
    since = c["pilot"] or c["registered"]
    longest = defaultdict(int)
    for e in events_of[c["id"]]:
        if e["at"] <= at and e["duration"] is not None:
            longest[e["content"]] = max(longest[e["content"]], e["duration"])
    qv = sum(1 for k, (m, t) in first.items() if t >= since and m == "video" and longest[k] >= 8)
    ql = sum(1 for k, (m, t) in first.items() if t >= since and m == "live" and longest[k] >= 300)
    orders = sum(s["orders"] - s["returned"] for s in sales_of[c["id"]] if since <= s["at"] <= at)
    met = [n for n, ok in (("videos", qv >= 6), ("live", ql >= 1), ("orders", orders >= 10)) if ok]
    if c["kind"] != "affiliate" or not c["pilot"] or c["pilot"] > at:
        pilot = "none"
    elif c["followers"] >= 5000:
        pilot = "lifted"
    elif c["quiz"] and c["quiz"] <= at:
        pilot = "graduated"
    elif at < c["pilot"] + timedelta(days=30):
        pilot = "active"
    elif chr_ >= 200 and met:
        pilot = "quizInvited"
    else:
        pilot = "staying"
    return {"chr": chr_, "pilot": pilot, "videos": videos, "lives": lives, "met": met}


def refusals(c, st, shop=None, campaign=None, at=REF):
    """The refused rule ids (and pilot notes) for the marketplace, a sample match with `shop`, or `campaign`."""
    out = set()
    if campaign:
        shop = shops[campaign["shop"]]
    if c["kind"] == "standard":
        out.add("E-STANDARD")
    a = age(c["birth"], at.date())
    deadline = add_months(c["registered"], 2)
    if a < 18:
        out.add("E-AGE")
    elif c["confirmed"] and c["confirmed"] <= at:
        if c["confirmed"] > deadline:
            out.add("E-AGE")
    elif at > deadline:
        out.add("E-AGE")
    own = c["bound_shop"] and (shop is None or shop["id"] == c["bound_shop"])
    if not own and c["followers"] < 1000:
        out.add("E-FOLLOWERS")
    if c["region"] not in ("US", "GB"):
        out.add("E-REGION")
    if c["gpppa"]:
        out.add("E-GPPPA")
    if c["ecommerce_revoked"] or c["linked_serious_violator"]:
        out.add("E-REVOKED")
    if not c["policies_accepted"]:
        out.add("E-POLICY")
    if not c["identity_verified"]:
        out.add("E-IDENTITY")
    if doc_rank.get(c["id"], 0) > 5:
        out.add("E-IDDOC")
    if st["chr"] <= 150:
        out.add("H-FLOOR")
    limits = st["pilot"] in ("active", "quizInvited", "staying")
    if limits and campaign and campaign["kind"] == "discount":
        out.add("P-CAMPAIGNS")
    if limits and shop:
        if shop["score"] < 95:
            out.add("P-SHOPS")
        if st["videos"] >= 5 and st["lives"] >= 3:
            out.add("P-QUOTA")
    if campaign:
        if not (campaign["start"] <= at < campaign["end"]):
            out.add("K-OPEN")
        if campaign["min_followers"] is not None and c["followers"] < campaign["min_followers"]:
            out.add("K-FOLLOWERS")
        if campaign["regions"] and c["region"] not in campaign["regions"]:
            out.add("K-REGION")
    return out


# Expected outcomes of the showcase creators (Seeds/README.md). Subjects: "market" = the marketplace,
# "sample:<shop>" = a sample match with the shop, "campaign:<id>" = a campaign.
E = set()
PILOT_SUBJECTS = lambda extra=(): {"sample:sh-glowlab": set(extra), "sample:sh-nearly-there": {"P-SHOPS", *extra},
                                   "campaign:cp-glowlab-black-friday": {"P-CAMPAIGNS", *extra},
                                   "campaign:cp-glowlab-samples": set(extra)}
EXPECT = {
    "cr-age-under18": {"market": {"E-AGE"}},
    "cr-age-18-today": {"market": E},
    "cr-age-unconfirmed": {"market": {"E-AGE"}},
    "cr-age-confirmed-late": {"market": {"E-AGE"}},
    "cr-age-confirmed-on-deadline": {"market": E},
    "cr-age-pending": {"market": E},
    "cr-age-deadline-passed": {"market": {"E-AGE"}},
    "cr-followers-999": {"market": {"E-FOLLOWERS"}},
    "cr-followers-1000": {"market": E, "campaign:cp-topnotch-gift-guide": {"K-FOLLOWERS"},
                          "campaign:cp-london-threads-winter": {"K-REGION"}},
    "cr-official-zero": {"market": E, "sample:sh-glowlab": E, "campaign:cp-glowlab-black-friday": E,
                         "sample:sh-topnotch-home": {"E-FOLLOWERS"}},
    "cr-marketing-low": {"market": E, "campaign:cp-london-threads-winter": E, "sample:sh-glowlab": {"E-FOLLOWERS"}},
    "cr-region-de": {"market": {"E-REGION"}},
    "cr-gpppa": {"market": {"E-GPPPA"}},
    "cr-revoked": {"market": {"E-REVOKED"}, "chr": 299},
    "cr-serious-violator": {"market": {"E-REVOKED", "H-FLOOR"}, "chr": 10},
    "cr-linked-violator": {"market": {"E-REVOKED"}},
    "cr-policy-missing": {"market": {"E-POLICY"}},
    "cr-identity-unverified": {"market": {"E-IDENTITY"}},
    "cr-standard": {"market": {"E-STANDARD"}},
    **{f"cr-iddoc-{i}": {"market": E} for i in range(1, 6)},
    "cr-iddoc-6": {"market": {"E-IDDOC"}},
    "cr-chr-150": {"market": {"H-FLOOR"}, "chr": 150},
    "cr-chr-151": {"market": E, "chr": 151},
    "cr-evasion": {"market": {"H-FLOOR"}, "chr": 95},
    "cr-pilot-active": {"market": E, "pilot": "active", "quota": (2, 1), **PILOT_SUBJECTS()},
    "cr-pilot-quota-full": {"market": E, "pilot": "active", "quota": (5, 3), **PILOT_SUBJECTS({"P-QUOTA"})},
    "cr-pilot-videos-full": {"market": E, "pilot": "active", "quota": (5, 2), **PILOT_SUBJECTS()},
    "cr-pilot-deleted": {"market": E, "pilot": "active", "quota": (5, 3), **PILOT_SUBJECTS({"P-QUOTA"})},
    "cr-pilot-grad-videos": {"market": E, "pilot": "quizInvited", "met": ["videos"], **PILOT_SUBJECTS()},
    "cr-pilot-grad-live": {"market": E, "pilot": "quizInvited", "met": ["live"], **PILOT_SUBJECTS()},
    "cr-pilot-grad-orders": {"market": E, "pilot": "quizInvited", "met": ["orders"], **PILOT_SUBJECTS()},
    "cr-pilot-day30": {"market": E, "pilot": "quizInvited", "met": ["videos"]},
    "cr-pilot-stay": {"market": E, "pilot": "staying", "met": [], **PILOT_SUBJECTS()},
    "cr-pilot-stay-chr": {"market": E, "pilot": "staying", "met": ["videos", "live", "orders"], "chr": 199, **PILOT_SUBJECTS()},
    "cr-pilot-graduated": {"market": E, "pilot": "graduated", "quota": (6, 3), "sample:sh-nearly-there": E,
                           "campaign:cp-glowlab-black-friday": E},
    "cr-pilot-lifted": {"market": E, "pilot": "lifted", "quota": (5, 3), "sample:sh-nearly-there": E,
                        "campaign:cp-glowlab-black-friday": E},
}
# Campaign-level terms, for any eligible creator.
CAMPAIGN_EXPECT = {"cp-scent-story-flash": "K-OPEN", "cp-glowlab-summer-glow": "K-OPEN", "cp-level-up-new-year": "K-OPEN"}

fired = set()
for cid, want in EXPECT.items():
    c = creators.get(cid)
    if not c:
        fail(f"showcase creator {cid} missing")
        continue
    st = standing(c)
    if st["pilot"] != "none":
        fired.add({"active": "P-ENTER", "quizInvited": "P-GRADUATE", "staying": "P-STAY", "graduated": "P-GRADUATE",
                   "lifted": "P-FOLLOWERS"}[st["pilot"]])
    for key, expected in want.items():
        if key == "chr":
            got = st["chr"]
        elif key == "pilot":
            got = st["pilot"]
        elif key == "quota":
            got, expected = (st["videos"], st["lives"]), tuple(expected)
        elif key == "met":
            got = st["met"]
        elif key == "market":
            got = refusals(c, st)
        elif key.startswith("sample:"):
            got = refusals(c, st, shop=shops[key[7:]])
        else:
            got = refusals(c, st, campaign=campaigns[key[9:]])
        if isinstance(got, set):
            fired |= got
        if got != expected:
            fail(f"{cid} {key}: expected {expected or '{}'}, got {got or '{}'}")
    if any(v["kind"].startswith("evasion") for v in violations_of[cid]) and st["chr"] <= 150:
        fired.add("H-EVASION")
for kid, rule in CAMPAIGN_EXPECT.items():
    got = refusals(creators["cr-followers-1000"], standing(creators["cr-followers-1000"]), campaign=campaigns[kid])
    if rule not in got:
        fail(f"{kid}: expected {rule} for an eligible creator, got {got}")
    fired |= got

ALL = {"E-AGE", "E-FOLLOWERS", "E-REGION", "E-GPPPA", "E-REVOKED", "E-POLICY", "E-IDENTITY", "E-IDDOC", "E-STANDARD",
       "H-FLOOR", "H-EVASION", "P-ENTER", "P-SHOPS", "P-QUOTA", "P-CAMPAIGNS", "P-GRADUATE", "P-FOLLOWERS", "P-STAY",
       "K-OPEN", "K-FOLLOWERS", "K-REGION"}
if ALL - fired:
    fail(f"rules that never fire: {sorted(ALL - fired)}")

# Ordinary creators: every US/GB one who is not `standard` is eligible for the marketplace.
ordinary = [c for c in creator_rows if c["id"] not in EXPECT]
eligible = 0
for c in ordinary:
    st = standing(c)
    got = refusals(c, st)
    expected = set()
    if c["kind"] == "standard":
        expected.add("E-STANDARD")
        if c["followers"] < 1000:
            expected.add("E-FOLLOWERS")  # small personal accounts; never matched anyway
    if c["region"] not in ("US", "GB"):
        expected.add("E-REGION")
    if got != expected:
        fail(f"ordinary {c['id']}: refusals {got}, expected {expected or '{}'}")
    if st["pilot"] in ("active", "quizInvited", "staying") and st["videos"] >= 5 and st["lives"] >= 3:
        fail(f"ordinary pilot {c['id']} has used up its quota")
    eligible += not got
if eligible < 0.8 * len(ordinary):
    fail(f"only {eligible} of {len(ordinary)} ordinary creators eligible")
if not any(REF - timedelta(days=30) < s["at"] <= REF for s in sale_rows):
    fail("no sale inside the 30-day return window (C-VALIDATE)")
if not any(any(ord(ch) > 127 for ch in c["handle"]) for c in creator_rows) or not any("," in c["handle"] for c in creator_rows):
    fail("no non-ASCII handle or no handle with a comma")

ws, we = quota_week(REF)
print(f"quota week at {REF:%Y-%m-%dT%H:%M:%SZ}: {ws:%Y-%m-%dT%H:%M:%SZ} ..< {we:%Y-%m-%dT%H:%M:%SZ}")
for name, rows in [("categories", categories), ("shops", shop_rows), ("creators", creator_rows), ("campaigns", campaign_rows),
                   ("sales", sale_rows), ("content_events", event_rows), ("violations", violation_rows)]:
    print(f"{name:15} {len(rows):6} rows")
print(f"showcase creators {len(EXPECT)}, ordinary {len(ordinary)} ({eligible} eligible for the marketplace)")
print(f"rules fired: {', '.join(sorted(fired))}")
if problems:
    print(f"\n{len(problems)} problem(s):")
    for p in problems[:100]:
        print("  " + p)
    sys.exit(1)
print("OK")
