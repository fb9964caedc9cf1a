#!/usr/bin/env python3
"""Builds the StarMatch demo dataset in Seeds/ (standard library only, deterministic).

    python3 Seeds/build_demo.py

rewrites categories.csv, shops.csv, creators.csv, campaigns.csv, sales.csv, content_events.csv,
violations.csv and products.csv byte for byte identically on every run (fixed seed, no set iteration, no clock).

The demo's reference instant is 2026-11-25T18:00:00Z (a Wednesday, ISO week 2026-W48; the P-WEEK quota week
runs from Monday 2026-11-23 00:00 America/Los_Angeles = 2026-11-23T08:00:00Z). Hand-made showcase creators
(`cr-age-unconfirmed`, `cr-pilot-quota-full`, ...) make every E-, H- and P- rule of docs/rules.md fire at
that instant; see Seeds/README.md for the table and Seeds/check_demo.py for the independent check.
Everything else is random but realistic: power-law followers and GMV, mostly eligible US/GB affiliates.
"""

import csv
import os
from datetime import date, datetime, timedelta, timezone
import random

SEED = 20261125
UTC = timezone.utc
REF = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # the demo's "now"
WEEK_START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 00:00 PST of the quota week holding REF
OUT = os.path.dirname(os.path.abspath(__file__))

rng = random.Random(SEED)


def t(s):
    """'2026-11-23T08:00' or '2026-11-23' (UTC) to an aware datetime."""
    if len(s) == 10:
        return datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=UTC)
    fmt = "%Y-%m-%dT%H:%M:%S" if len(s) == 19 else "%Y-%m-%dT%H:%M"
    return datetime.strptime(s, fmt).replace(tzinfo=UTC)


def iso(dt):
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if dt else ""


def b(v):
    return "true" if v else "false"


def num(x):
    """95.0 -> '95', 94.9 -> '94.9', 12.5 -> '12.5'."""
    return str(int(x)) if float(x) == int(x) else repr(round(float(x), 2))


def write(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])
    return len(rows)


# ---------------------------------------------------------------------------------------------- taxonomy

TAXONOMY = [
    ("beauty", "Beauty", [("skincare", "Skincare"), ("makeup", "Makeup"), ("haircare", "Haircare"),
        ("fragrance", "Fragrance"), ("nail-care", "Nail Care"), ("beauty-tools", "Beauty Tools"),
        ("mens-grooming", "Men's Grooming")]),
    ("fashion", "Fashion", [("womens-clothing", "Women's Clothing"), ("mens-clothing", "Men's Clothing"),
        ("shoes", "Shoes"), ("bags", "Bags"), ("accessories", "Accessories"), ("activewear", "Activewear"),
        ("lingerie", "Lingerie")]),
    ("home", "Home", [("decor", "Decor"), ("bedding", "Bedding"), ("lighting", "Lighting"),
        ("storage", "Storage & Organisation"), ("cleaning", "Cleaning"), ("bath", "Bath")]),
    ("electronics", "Electronics", [("audio", "Audio"), ("cameras", "Cameras"), ("wearables", "Wearables"),
        ("smart-home", "Smart Home"), ("tv-video", "TV & Video"), ("chargers-cables", "Chargers & Cables")]),
    ("sports", "Sports", [("fitness-equipment", "Fitness Equipment"), ("cycling", "Cycling"),
        ("team-sports", "Team Sports"), ("yoga", "Yoga"), ("swimming", "Swimming"), ("racket-sports", "Racket Sports")]),
    ("toys", "Toys", [("building-sets", "Building Sets"), ("dolls", "Dolls"), ("educational", "Educational Toys"),
        ("outdoor-play", "Outdoor Play"), ("puzzles", "Puzzles"), ("rc-toys", "RC Toys")]),
    ("food", "Food & Drink", [("snacks", "Snacks"), ("beverages", "Beverages"), ("coffee-tea", "Coffee & Tea"),
        ("pantry", "Pantry"), ("sweets", "Sweets")]),
    ("health", "Health", [("supplements", "Supplements"), ("personal-care", "Personal Care"),
        ("medical-supplies", "Medical Supplies"), ("wellness", "Wellness"), ("oral-care", "Oral Care")]),
    ("pets", "Pets", [("dog-supplies", "Dog Supplies"), ("cat-supplies", "Cat Supplies"), ("pet-food", "Pet Food"),
        ("aquarium", "Aquarium"), ("small-pets", "Small Pets")]),
    ("baby", "Baby", [("diapering", "Diapering"), ("feeding", "Feeding"), ("nursery", "Nursery"),
        ("baby-clothing", "Baby Clothing"), ("strollers", "Strollers & Car Seats")]),
    ("automotive", "Automotive", [("car-electronics", "Car Electronics"), ("car-care", "Car Care"),
        ("interior-accessories", "Interior Accessories"), ("car-tools", "Car Tools"), ("motorcycle", "Motorcycle")]),
    ("books", "Books", [("fiction", "Fiction"), ("non-fiction", "Non-Fiction"), ("childrens-books", "Children's Books"),
        ("comics-manga", "Comics & Manga"), ("cookbooks", "Cookbooks")]),
    ("jewelry", "Jewelry", [("necklaces", "Necklaces"), ("earrings", "Earrings"), ("rings", "Rings"),
        ("bracelets", "Bracelets"), ("watches", "Watches")]),
    ("tools", "Tools", [("power-tools", "Power Tools"), ("hand-tools", "Hand Tools"), ("hardware", "Hardware"),
        ("measuring", "Measuring & Layout")]),
    ("kitchen", "Kitchen", [("cookware", "Cookware"), ("small-appliances", "Small Appliances"),
        ("utensils", "Utensils"), ("bakeware", "Bakeware"), ("drinkware", "Drinkware")]),
    ("garden", "Garden", [("plants-seeds", "Plants & Seeds"), ("garden-tools", "Garden Tools"),
        ("outdoor-furniture", "Outdoor Furniture"), ("watering", "Watering")]),
    ("office", "Office", [("stationery", "Stationery"), ("desk-organization", "Desk Organisation"),
        ("office-furniture", "Office Furniture"), ("printing", "Printing")]),
    ("luggage", "Luggage", [("suitcases", "Suitcases"), ("backpacks", "Backpacks"),
        ("travel-accessories", "Travel Accessories")]),
    ("computers", "Computers", [("laptops", "Laptops"), ("monitors", "Monitors"), ("keyboards-mice", "Keyboards & Mice"),
        ("components", "Components"), ("storage", "Storage")]),
    ("phones", "Phones", [("smartphones", "Smartphones"), ("cases", "Cases"), ("chargers", "Chargers"),
        ("screen-protectors", "Screen Protectors"), ("mounts-holders", "Mounts & Holders")]),
    ("gaming", "Gaming", [("consoles", "Consoles"), ("video-games", "Video Games"), ("controllers", "Controllers"),
        ("gaming-chairs", "Gaming Chairs"), ("pc-gaming", "PC Gaming")]),
    ("outdoor", "Outdoor", [("camping", "Camping"), ("hiking", "Hiking"), ("fishing", "Fishing"),
        ("climbing", "Climbing"), ("water-sports", "Water Sports")]),
    ("crafts", "Arts & Crafts", [("sewing", "Sewing"), ("knitting", "Knitting"), ("painting", "Painting"),
        ("scrapbooking", "Scrapbooking"), ("diy-kits", "DIY Kits")]),
    ("music", "Music", [("instruments", "Instruments"), ("audio-recording", "Audio Recording"), ("vinyl", "Vinyl"),
        ("sheet-music", "Sheet Music")]),
    ("collectibles", "Collectibles", [("trading-cards", "Trading Cards"), ("figures", "Figures"),
        ("coins-stamps", "Coins & Stamps"), ("memorabilia", "Memorabilia")]),
]
TOPS = [top for top, _, _ in TAXONOMY]
LEAVES = [f"{top}/{leaf}" for top, _, leaves in TAXONOMY for leaf, _ in leaves]
PATHS = set(TOPS) | set(LEAVES)

# Typical unit price in USD per top-level category (GMV = orders x price x noise).
PRICE = {"beauty": 24, "fashion": 38, "home": 32, "electronics": 79, "sports": 45, "toys": 27, "food": 14,
         "health": 29, "pets": 22, "baby": 31, "automotive": 36, "books": 16, "jewelry": 48, "tools": 55,
         "kitchen": 35, "garden": 29, "office": 18, "luggage": 89, "computers": 129, "phones": 26, "gaming": 59,
         "outdoor": 52, "crafts": 19, "music": 64, "collectibles": 33}


def within(path, other):
    return path == other or path.startswith(other + "/")


def leaves_of(paths):
    out = []
    for p in paths:
        for leaf in (LEAVES if "/" not in p else [p]):
            if within(leaf, p) and leaf not in out:
                out.append(leaf)
    return out


# ---------------------------------------------------------------------------------------------- shops

# (id, name, region, score or None for random, categories)
SHOPS_SPEC = [
    ("sh-glowlab", "GlowLab Skincare", "US", 95.0, ["beauty/skincare", "beauty/makeup", "health/wellness"]),
    ("sh-nearly-there", "Nearly There Cosmetics", "US", 94.9, ["beauty/makeup", "beauty/nail-care"]),
    ("sh-topnotch-home", "TopNotch Home", "US", 99.5, ["home", "kitchen"]),
    ("sh-bargain-bin", "Bargain Bin Gadgets", "US", 48.5, ["electronics", "phones/cases"]),
    ("sh-perfect-paws", "Perfect Paws", "US", 100.0, ["pets"]),
    ("sh-london-threads", "London Threads", "GB", 96.2, ["fashion/womens-clothing", "fashion/mens-clothing", "fashion/accessories"]),
    ("sh-thames-beauty", "Thames Beauty", "GB", 94.99, ["beauty/haircare", "beauty/fragrance", "beauty/skincare"]),
    ("sh-peak-outdoor", "Peak Outdoor Co.", "US", None, ["outdoor", "sports/cycling"]),
    ("sh-byte-bazaar", "Byte Bazaar", "US", None, ["computers", "electronics/audio"]),
    ("sh-pocket-power", "Pocket Power", "US", None, ["phones"]),
    ("sh-level-up-games", "Level Up Games", "US", None, ["gaming"]),
    ("sh-little-sprout", "Little Sprout Baby", "US", None, ["baby"]),
    ("sh-crunch-snacks", "Crunch Snack Co.", "US", None, ["food/snacks", "food/beverages"]),
    ("sh-bean-there", "Bean There Coffee", "US", None, ["food/coffee-tea", "kitchen/drinkware"]),
    ("sh-vital-daily", "Vital Daily", "US", None, ["health/supplements", "health/wellness"]),
    ("sh-iron-forge", "Iron Forge Fitness", "US", None, ["sports/fitness-equipment", "fashion/activewear", "sports/yoga"]),
    ("sh-brick-lane-toys", "Brick Lane Toys", "GB", None, ["toys"]),
    ("sh-garage-pro", "Garage Pro Auto", "US", None, ["automotive", "tools/power-tools"]),
    ("sh-page-turner", "Page Turner Books", "US", None, ["books"]),
    ("sh-sparkle-co", "Sparkle & Co.", "US", None, ["jewelry"]),
    ("sh-handy-hardware", "Handy Hardware", "US", None, ["tools"]),
    ("sh-chefs-corner", "Chef's Corner", "US", None, ["kitchen/cookware", "kitchen/small-appliances", "kitchen/bakeware", "books/cookbooks"]),
    ("sh-green-thumb", "Green Thumb Garden", "GB", None, ["garden"]),
    ("sh-desk-hero", "Desk Hero", "US", None, ["office", "computers/monitors"]),
    ("sh-wander-bags", "Wander Bags", "GB", None, ["luggage", "fashion/bags"]),
    ("sh-crafty-corner", "Crafty Corner", "US", None, ["crafts"]),
    ("sh-riff-music", "Riff Music Supply", "US", None, ["music"]),
    ("sh-card-vault", "Card Vault Collectibles", "US", None, ["collectibles", "gaming/video-games"]),
    ("sh-highland-knits", "Highland Knits", "GB", None, ["crafts/knitting", "fashion/accessories"]),
    ("sh-brew-britannia", "Brew Britannia", "GB", None, ["food/coffee-tea", "food/sweets"]),
    ("sh-cosy-cottage", "Cosy Cottage Home", "GB", None, ["home/decor", "home/bedding", "home/lighting"]),
    ("sh-pitch-side", "Pitch Side Sports", "GB", None, ["sports/team-sports", "fashion/shoes"]),
    ("sh-urban-sole", "Urban Sole", "US", None, ["fashion/shoes", "fashion/activewear"]),
    ("sh-smart-nest", "Smart Nest", "US", None, ["electronics/smart-home", "home/lighting"]),
    ("sh-whisker-world", "Whisker World", "GB", None, ["pets/cat-supplies", "pets/pet-food"]),
    ("sh-tiny-tots", "Tiny Tots", "GB", None, ["baby/baby-clothing", "baby/nursery", "toys/educational", "books/childrens-books"]),
    ("sh-mane-street", "Mane Street Hair", "US", None, ["beauty/haircare", "beauty/beauty-tools"]),
    ("sh-scent-story", "Scent Story", "US", None, ["beauty/fragrance"]),
    ("sh-trailblazer", "Trailblazer Camping", "US", None, ["outdoor/camping", "outdoor/hiking", "luggage/backpacks"]),
    ("sh-glamour-gb", "Glamour Box UK", "GB", None, ["beauty/makeup", "beauty/nail-care", "jewelry/earrings"]),
]

shops = []
for sid, name, region, score, cats in SHOPS_SPEC:
    if score is None:
        # about 40 % of shops are pilot-grade (>= 95); the rest spread from 72 to just under 95
        score = round(rng.uniform(95.0, 99.9), 1) if rng.random() < 0.4 else round(rng.uniform(72.0, 94.8), 1)
    shops.append({"id": sid, "name": name, "region": region, "score": score, "categories": cats})
SHOP = {s["id"]: s for s in shops}
CURRENCY = {"US": "USD", "GB": "GBP"}
FX = {"USD": 1.0, "GBP": 0.79}

# ---------------------------------------------------------------------------------------------- campaigns

campaigns = []


def campaign(cid, shop, name, kind, cats, slots, start, end, pct, min_followers=None, regions=None):
    campaigns.append({"id": cid, "shop": shop, "name": name, "kind": kind, "categories": cats, "slots": slots,
                      "starts_at": t(start), "ends_at": t(end), "commission_pct": pct,
                      "min_followers": min_followers, "regions": regions or []})


# Showcase campaigns (P-SHOPS, P-CAMPAIGNS, K-OPEN, K-FOLLOWERS, K-REGION).
campaign("cp-glowlab-samples", "sh-glowlab", "GlowLab Winter Skin Samples", "sample", ["beauty/skincare"], 25,
         "2026-11-01T08:00", "2027-01-31T08:00", 15)
campaign("cp-glowlab-black-friday", "sh-glowlab", "GlowLab Black Friday 30% Off", "discount", ["beauty/skincare", "beauty/makeup"], 40,
         "2026-11-20T08:00", "2026-12-02T08:00", 20)
campaign("cp-nearly-there-samples", "sh-nearly-there", "Nearly There Lip Kit Samples", "sample", ["beauty/makeup"], 15,
         "2026-11-09T08:00", "2026-12-20T08:00", 12.5)
campaign("cp-perfect-paws-holiday", "sh-perfect-paws", "Perfect Paws Holiday Treats", "discount", ["pets/dog-supplies", "pets/pet-food"], 30,
         "2026-11-16T08:00", "2027-01-04T08:00", 18, min_followers=10000)
campaign("cp-topnotch-gift-guide", "sh-topnotch-home", "TopNotch Gift Guide", "discount", ["home", "kitchen"], 60,
         "2026-11-02T08:00", "2027-01-02T08:00", 10, min_followers=50000, regions=["US"])
campaign("cp-london-threads-winter", "sh-london-threads", "London Threads Winter Edit", "sample", ["fashion/womens-clothing", "fashion/accessories"], 20,
         "2026-11-10T00:00", "2027-02-14T00:00", 14, regions=["GB"])
campaign("cp-glowlab-summer-glow", "sh-glowlab", "GlowLab Summer Glow", "discount", ["beauty/skincare"], 50,
         "2026-06-01T07:00", "2026-09-30T07:00", 22.5)
campaign("cp-iron-forge-back-to-gym", "sh-iron-forge", "Iron Forge Back to the Gym", "discount", ["sports/fitness-equipment"], 35,
         "2026-08-15T07:00", "2026-10-15T07:00", 16)
campaign("cp-scent-story-flash", "sh-scent-story", "Scent Story 58-Hour Flash Sale", "discount", ["beauty/fragrance"], 10,
         "2026-11-23T08:00", "2026-11-25T18:00", 25)
campaign("cp-level-up-new-year", "sh-level-up-games", "Level Up New Year Drops", "sample", ["gaming/controllers", "gaming/video-games"], 12,
         "2026-12-28T08:00", "2027-02-15T08:00", 8)

THEMES = [("holiday-gifting", "Holiday Gifting", "discount"), ("cyber-week", "Cyber Week", "discount"),
          ("winter-samples", "Winter Samples", "sample"), ("new-year-reset", "New Year Reset", "discount"),
          ("creator-seeding", "Creator Seeding", "sample"), ("valentines", "Valentine's Picks", "discount"),
          ("january-sale", "January Sale", "discount"), ("launch-samples", "Launch Samples", "sample")]
PCTS = [5, 6, 7.5, 8, 10, 12, 12.5, 15, 18, 20, 22.5, 25, 30]
theme_starts = {"holiday-gifting": (1, 20), "cyber-week": (27, 30), "winter-samples": (5, 40), "new-year-reset": (55, 62),
                "creator-seeding": (0, 75), "valentines": (85, 95), "january-sale": (60, 65), "launch-samples": (10, 70)}
other_shops = [s["id"] for s in shops if s["id"] not in ("sh-glowlab", "sh-nearly-there")]
rng.shuffle(other_shops)
for i in range(20):
    sid = other_shops[i]
    slug, title, kind = THEMES[i % len(THEMES)]
    lo, hi = theme_starts[slug]
    start = t("2026-11-01T08:00") + timedelta(days=rng.randint(lo, hi))
    end = start + timedelta(days=rng.choice([14, 21, 28, 35, 42, 60, 75]))
    shop = SHOP[sid]
    cats = sorted(rng.sample(shop["categories"], rng.randint(1, len(shop["categories"]))))
    minf = rng.choice([5000, 10000, 25000, 50000, 100000]) if rng.random() < 0.3 else None
    regions = [shop["region"]] if rng.random() < 0.3 else []
    campaigns.append({"id": f"cp-{sid[3:]}-{slug}", "shop": sid, "name": f"{shop['name']} {title}", "kind": kind,
                      "categories": cats, "slots": rng.randint(3, 20) if kind == "sample" else rng.randint(10, 120),
                      "starts_at": start, "ends_at": end, "commission_pct": rng.choice(PCTS),
                      "min_followers": minf, "regions": regions})
CAMPAIGNS_OF = {}
for c in campaigns:
    CAMPAIGNS_OF.setdefault(c["shop"], []).append(c)

# ---------------------------------------------------------------------------------------------- creators

creators = []
SALES_PLAN = {}  # creator id -> number of random sale rows (showcase creators set theirs explicitly)


def creator(cid, handle, *, kind="affiliate", followers=25000, region="US", birth="1996-04-12",
            registered="2025-03-01T10:00", confirmed="+3d", verified=True, doc="auto", gpppa=False,
            revoked=False, linked=False, policies=True, bound=None, niches=("beauty/skincare",),
            pilot=None, quiz=None, sales=0):
    reg = t(registered)
    conf = reg + timedelta(days=3, hours=5) if confirmed == "+3d" else (t(confirmed) if confirmed else None)
    if doc == "auto":
        doc = f"idd-{cid[3:]}" if verified else None
    creators.append({"id": cid, "handle": handle, "kind": kind, "followers": followers, "region": region,
                     "birth_date": birth, "registered_at": reg, "age_confirmed_at": conf, "identity_verified": verified,
                     "identity_document": doc, "gpppa": gpppa, "ecommerce_revoked": revoked,
                     "linked_serious_violator": linked, "policies_accepted": policies, "bound_shop": bound,
                     "niches": list(niches), "pilot_started_at": t(pilot) if pilot else None,
                     "quiz_passed_at": t(quiz) if quiz else None, "showcase": True})
    SALES_PLAN[cid] = sales


# E-AGE
creator("cr-age-under18", "lil.mae.makeup", followers=48200, birth="2008-11-26", registered="2026-10-20T16:00",
        niches=["beauty/makeup"])
creator("cr-age-18-today", "birthday.brooke", followers=12900, birth="2008-11-25", registered="2026-11-01T15:00",
        confirmed="2026-11-25T09:00", niches=["fashion/womens-clothing", "beauty/makeup"])
creator("cr-age-unconfirmed", "kai.kicks", followers=31500, birth="1999-02-17", registered="2026-08-15T12:00",
        confirmed=None, niches=["fashion/shoes"], sales=3)
creator("cr-age-confirmed-late", "patty.pantry", followers=8700, region="GB", birth="1988-07-03",
        registered="2026-06-10T09:00", confirmed="2026-08-12T14:00", niches=["food/pantry", "kitchen"], sales=4)
creator("cr-age-confirmed-on-deadline", "just.in.time.jo", followers=15400, birth="1994-10-30",
        registered="2026-08-20T12:00", confirmed="2026-10-20T12:00", niches=["home/decor"], sales=5)
creator("cr-age-pending", "newbie.nina", followers=6100, birth="2001-05-09", registered="2026-10-05T10:00",
        confirmed=None, niches=["beauty/haircare"], sales=2)
creator("cr-age-deadline-passed", "one.hour.late", followers=22800, region="GB", birth="1997-12-01",
        registered="2026-09-25T17:00", confirmed=None, niches=["electronics/audio"])
# E-FOLLOWERS
creator("cr-followers-999", "almost.there.amy", followers=999, birth="2000-01-21", registered="2025-11-02T18:00",
        niches=["home/cleaning"], sales=3)
creator("cr-followers-1000", "exactly.a.thousand", followers=1000, birth="1992-06-14", registered="2025-09-12T13:00",
        niches=["home/cleaning", "kitchen/utensils"], sales=5)
creator("cr-official-zero", "glowlab.official", kind="officialShop", followers=0, birth="1985-03-03",
        registered="2025-01-15T17:00", bound="sh-glowlab", niches=["beauty/skincare", "beauty/makeup"], sales=30)
creator("cr-marketing-low", "london.threads.team", kind="marketing", followers=450, region="GB", birth="1993-08-19",
        registered="2025-05-20T10:00", bound="sh-london-threads", niches=["fashion/womens-clothing"], sales=12)
# E-REGION, E-GPPPA, E-REVOKED, E-POLICY, E-IDENTITY, E-STANDARD
creator("cr-region-de", "müller.macht.makeup", followers=41000, region="DE", birth="1995-11-11",
        registered="2025-04-04T09:00", niches=["beauty/makeup"])
creator("cr-gpppa", "cityhall.updates", followers=183000, birth="1970-01-05", registered="2024-02-01T15:00",
        gpppa=True, niches=["books/non-fiction"])
creator("cr-revoked", "flash.deals.frank", followers=96000, birth="1989-09-09", registered="2024-06-01T16:00",
        revoked=True, niches=["electronics", "phones"], sales=25)
creator("cr-serious-violator", "knockoff.kings", followers=57000, birth="1991-04-22", registered="2024-09-10T14:00",
        revoked=True, niches=["fashion/bags", "jewelry/watches"], sales=10)
creator("cr-linked-violator", "kings.backup.acct", followers=12000, birth="1991-04-22", registered="2025-07-07T14:00",
        linked=True, niches=["fashion/bags"], sales=6)
creator("cr-policy-missing", "skipped.the.terms", followers=27000, birth="1998-03-27", registered="2025-10-10T10:00",
        policies=False, niches=["sports/yoga"])
creator("cr-identity-unverified", "who.am.i.wes", followers=64000, birth="1990-12-12", registered="2026-07-01T19:00",
        verified=False, niches=["gaming/video-games"])
creator("cr-standard", "just.vibes.val", kind="standard", followers=740000, birth="1996-06-06",
        registered="2023-03-03T20:00", niches=["music/instruments"])
# E-IDDOC: six accounts on one document; cr-iddoc-5 and cr-iddoc-6 registered at the same instant, so the id breaks the tie.
for n, (reg, fol) in enumerate([("2024-01-10T10:00", 8200), ("2024-05-02T11:00", 3400), ("2024-11-20T12:00", 15800),
                                 ("2025-06-15T13:00", 2300), ("2026-02-01T14:00", 5100), ("2026-02-01T14:00", 6700)], 1):
    creator(f"cr-iddoc-{n}", f"multi.acct.{['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'][n - 1]}",
            followers=fol, region="GB", birth="1987-02-14", registered=reg, doc="idd-shared-passport-0001",
            niches=["home/storage", "home/cleaning"], sales=4)
# H-FLOOR / H-EVASION / H-POINTS
creator("cr-chr-150", "fast.cuts.fiona", followers=88000, birth="1993-01-30", registered="2024-08-08T08:00",
        niches=["beauty/makeup", "beauty/nail-care"], sales=20)
creator("cr-chr-151", "overlay.olly", followers=71000, region="GB", birth="1994-05-05", registered="2024-10-10T10:00",
        niches=["health/supplements"], sales=15)
creator("cr-evasion", "stitch.and.repost", followers=134000, birth="1990-10-10", registered="2024-03-15T15:00",
        niches=["health/supplements", "health/wellness"], sales=12)
# Pilot program (all otherwise eligible; US pilots sell through sh-glowlab, GB ones through sh-london-threads)
creator("cr-pilot-active", "fresh.face.fran", followers=4999, birth="2002-02-02", registered="2026-10-20T17:00",
        pilot="2026-11-09T17:00", niches=["beauty/skincare", "beauty/makeup"])
creator("cr-pilot-quota-full", "busy.bee.bella", followers=1000, birth="2003-03-03", registered="2026-10-25T18:00",
        pilot="2026-11-02T20:00", niches=["beauty/skincare"])
creator("cr-pilot-videos-full", "five.clips.finn", followers=1850, birth="2000-07-07", registered="2026-10-30T16:00",
        pilot="2026-11-12T18:00", niches=["beauty/makeup"])
creator("cr-pilot-deleted", "delete.dana", followers=3100, birth="1999-09-19", registered="2026-11-01T15:00",
        pilot="2026-11-16T19:00", niches=["beauty/skincare", "health/wellness"])
creator("cr-pilot-grad-videos", "clip.queen.quinn", followers=2600, birth="2001-01-11", registered="2026-08-30T16:00",
        pilot="2026-09-14T16:00", niches=["beauty/skincare"])
creator("cr-pilot-grad-live", "live.with.leo", followers=3900, region="GB", birth="1998-08-08", registered="2026-09-05T15:30",
        pilot="2026-09-21T15:30", niches=["fashion/womens-clothing", "fashion/accessories"])
creator("cr-pilot-grad-orders", "order.up.olivia", followers=1400, birth="1997-07-17", registered="2026-09-20T17:00",
        pilot="2026-10-01T17:00", niches=["beauty/makeup", "beauty/skincare"])
creator("cr-pilot-stay", "nearly.nate", followers=2200, birth="2000-10-20", registered="2026-08-10T14:00",
        pilot="2026-08-24T14:00", niches=["beauty/skincare"])
creator("cr-pilot-stay-chr", "strike.one.sky", followers=4100, birth="1996-11-16", registered="2026-08-25T18:00",
        pilot="2026-09-07T18:00", niches=["beauty/skincare", "health/wellness"])
creator("cr-pilot-day30", "day.thirty.dex", followers=3300, region="GB", birth="1995-03-25", registered="2026-10-20T18:00",
        pilot="2026-10-26T18:00", niches=["fashion/mens-clothing"])
creator("cr-pilot-graduated", "grad.gabby", followers=3200, birth="1999-04-04", registered="2026-05-20T16:00",
        pilot="2026-06-01T16:00", quiz="2026-07-20T19:00", niches=["beauty/skincare", "beauty/makeup"])
creator("cr-pilot-lifted", "five.k.kira", followers=5000, birth="2002-12-24", registered="2026-10-28T16:00",
        pilot="2026-11-04T16:00", niches=["beauty/makeup"])

SHOWCASE_IDS = [c["id"] for c in creators]

# Ordinary creators --------------------------------------------------------------------------------------

FIRST = ["ava", "mia", "liam", "noah", "emma", "olivia", "lucas", "sofia", "ethan", "isla", "harper", "jack",
         "amelia", "leo", "grace", "mason", "chloe", "oscar", "lily", "henry", "ruby", "theo", "ella", "archie",
         "zara", "max", "ivy", "finn", "nora", "eli", "maya", "jude", "hazel", "kian", "priya", "omar", "aisha",
         "mateo", "yuki", "ines", "tariq", "leah", "caleb", "freya", "reggie", "tess", "marcus", "skye", "devon",
         "jasmine", "ben", "nadia", "owen", "rosie", "sam", "tara", "vince", "willa", "xander", "yara", "zane",
         "bella", "cole", "daisy", "evan", "fatima", "gus", "holly", "ian", "jada", "kofi", "luna", "milo"]
TOPIC = {"beauty": ["beauty", "glow", "glam", "skin"], "fashion": ["style", "fits", "closet", "threads"],
         "home": ["home", "nest", "living"], "electronics": ["tech", "gadgets", "unboxed"],
         "sports": ["fit", "moves", "gains"], "toys": ["toybox", "playtime"], "food": ["eats", "snacks", "bites"],
         "health": ["wellness", "healthy"], "pets": ["pets", "pawprints", "woofs"], "baby": ["mama", "littles"],
         "automotive": ["garage", "rides"], "books": ["reads", "booktok"], "jewelry": ["sparkle", "jewels"],
         "tools": ["diy", "fixit"], "kitchen": ["kitchen", "cooks"], "garden": ["garden", "grows"],
         "office": ["desk", "studygram"], "luggage": ["travels", "packs"], "computers": ["setup", "builds"],
         "phones": ["mobile", "cases"], "gaming": ["games", "plays"], "outdoor": ["outdoors", "trails"],
         "crafts": ["crafts", "makes"], "music": ["music", "beats"], "collectibles": ["collects", "cards"]}
# (handle, region, niches): UTF-8 handles, one with a comma and one with a quote (RFC 4180 quoting), a few
# creators outside the program regions (E-REGION).
SPECIAL = [("zoë_beauty", "GB", ["beauty/skincare", "beauty/makeup"]), ("chloé.skin", "US", ["beauty/skincare"]),
           ("renée_reviews", "US", ["electronics", "home"]), ("josé.cocina", "US", ["kitchen", "food"]),
           ("nguyễn_eats", "US", ["food/snacks", "food/sweets"]), ("美妆_lily", "US", ["beauty/makeup"]),
           ("søren.outdoors", "GB", ["outdoor/hiking", "outdoor/camping"]), ("deals,daily_dan", "US", ["home/cleaning", "kitchen/utensils"]),
           ('sam_"the_saver"_j', "GB", ["food/pantry", "home"]), ("élodie_mode", "FR", ["fashion/womens-clothing"]),
           ("camille.cuisine", "FR", ["kitchen/cookware"]), ("jonas_technik", "DE", ["electronics/audio"]),
           ("giulia.bellezza", "IT", ["beauty"]), ("maple.mia", "CA", ["outdoor"]), ("siobhán.styles", "GB", ["fashion"])]

used_handles = {c["handle"] for c in creators}
used_docs = set()


def pareto_followers(lo, hi, alpha):
    """Truncated Pareto on [lo, hi] (inverse CDF)."""
    u = rng.random()
    ratio = (lo / hi) ** alpha
    return int(lo / (1 - u * (1 - ratio)) ** (1 / alpha))


def new_doc():
    while True:
        d = f"idd-{rng.getrandbits(40):010x}"
        if d not in used_docs:
            used_docs.add(d)
            return d


def random_niches():
    n = rng.choice([1, 1, 2, 2, 2, 3])
    tops = rng.sample(TOPS, 1)
    if n > 1 and rng.random() < 0.7:  # related niches: mostly within one top-level category
        pool = [l for l in LEAVES if l.startswith(tops[0] + "/")]
        picks = rng.sample(pool, min(n, len(pool)))
    else:
        picks = []
        for top in rng.sample(TOPS, n):
            leaves = [l for l in LEAVES if l.startswith(top + "/")]
            picks.append(top if rng.random() < 0.3 else rng.choice(leaves))
    return sorted(picks)


def make_handle(niches):
    top = niches[0].split("/")[0]
    for _ in range(100):
        h = f"{rng.choice(FIRST)}{rng.choice(['.', '_', '', '.the.'])}{rng.choice(TOPIC[top])}"
        if rng.random() < 0.25:
            h += str(rng.randint(1, 99))
        if h not in used_handles:
            used_handles.add(h)
            return h
    raise RuntimeError("handle space exhausted")


def ordinary(n, kind, region=None, followers=None, handle=None, niches=None, bound=None, pilot=None, quiz=None):
    cid = f"cr-{n:04d}"
    niches = niches or random_niches()
    if handle is None:
        handle = make_handle(niches)
    elif handle in used_handles:
        raise RuntimeError(f"duplicate handle {handle}")
    else:
        used_handles.add(handle)
    region = region or ("US" if rng.random() < 0.68 else "GB")
    if followers is None:
        followers = pareto_followers(1000, 5_000_000, 0.55)
    age_days = int(rng.uniform(18.6, 52) * 365.25)
    birth = (REF.date() - timedelta(days=age_days)).isoformat()
    if pilot:
        reg = pilot - timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 12))
    else:
        reg = t("2021-03-01") + timedelta(seconds=rng.randint(0, int((t("2026-10-31") - t("2021-03-01")).total_seconds())))
        reg = reg.replace(second=0)
    conf = reg + timedelta(days=rng.choice([0, 0, 1, 2, 3, 5, 8, 14, 21, 35]), hours=rng.randint(1, 20), minutes=rng.randint(0, 59))
    if conf > REF - timedelta(hours=1):
        conf = None  # still within the 2-month window: eligible, age not yet confirmed
    creators.append({"id": cid, "handle": handle, "kind": kind, "followers": followers, "region": region,
                     "birth_date": birth, "registered_at": reg, "age_confirmed_at": conf, "identity_verified": True,
                     "identity_document": new_doc(), "gpppa": False, "ecommerce_revoked": False,
                     "linked_serious_violator": False, "policies_accepted": True, "bound_shop": bound, "niches": niches,
                     "pilot_started_at": pilot, "quiz_passed_at": quiz, "showcase": False})
    return creators[-1]


n = 0
for handle, region, niches in SPECIAL:
    n += 1
    ordinary(n, "affiliate", region=region, handle=handle, niches=niches)
for _ in range(190):
    n += 1
    ordinary(n, "affiliate")
# ordinary pilot creators: active pilots (1,000-4,999 followers), and a few who graduated earlier
for _ in range(8):
    n += 1
    start = (REF - timedelta(days=rng.randint(2, 28), hours=rng.randint(0, 23))).replace(minute=0)
    ordinary(n, "affiliate", followers=rng.randint(1000, 4999), pilot=start)
for _ in range(5):
    n += 1
    start = t("2026-03-02T17:00") + timedelta(days=rng.randint(0, 150))
    ordinary(n, "affiliate", followers=rng.randint(1200, 4999), pilot=start,
             quiz=start + timedelta(days=rng.randint(31, 50), hours=rng.randint(0, 8)))
# officialShop creators: one per shop for 20 shops; marketing creators for random shops
official_shops = [s["id"] for s in shops if s["id"] != "sh-glowlab"]  # sh-glowlab has cr-official-zero
rng.shuffle(official_shops)
for sid in sorted(official_shops[:20]):
    n += 1
    shop = SHOP[sid]
    fol = rng.randint(0, 999) if rng.random() < 0.2 else pareto_followers(1000, 2_000_000, 0.6)
    ordinary(n, "officialShop", region=shop["region"], followers=fol, handle=f"{sid[3:].replace('-', '')}.official",
             niches=sorted(shop["categories"])[:3], bound=sid)
for i in range(15):
    n += 1
    sid = rng.choice(official_shops)
    shop = SHOP[sid]
    fol = rng.randint(0, 999) if rng.random() < 0.3 else pareto_followers(1000, 400_000, 0.7)
    ordinary(n, "marketing", region=shop["region"], followers=fol, handle=f"{sid[3:].replace('-', '')}.team{i + 1}",
             niches=sorted(shop["categories"])[:2], bound=sid)
for _ in range(18):
    n += 1
    ordinary(n, "standard", followers=pareto_followers(200, 3_000_000, 0.5))

CREATOR = {c["id"]: c for c in creators}

# ---------------------------------------------------------------------------------------------- sales

sales = []  # without ids; sorted and numbered at the end


def add_sale(cid, sid, cat, when, orders, returned, currency, campaign=None, gmv=None):
    if gmv is None:
        price = PRICE[cat.split("/")[0]] * FX[currency] * rng.lognormvariate(0, 0.35)
        gmv = int(round(orders * price * 100))
    sales.append({"creator": cid, "shop": sid, "campaign": campaign, "category": cat, "ordered_at": when,
                  "orders": orders, "returned_orders": returned, "gmv_minor": gmv, "currency": currency})


def in_pilot_limits(c):
    """Whether pilot limits may apply to the creator's sales at some point (keep their shops pilot-grade)."""
    return c["pilot_started_at"] is not None and c["followers"] < 5000


def shops_for(c):
    if c["bound_shop"]:
        return [c["bound_shop"]]
    pool = [s for s in shops if s["region"] == c["region"]]
    if in_pilot_limits(c):
        pool = [s for s in pool if s["score"] >= 95]
    fit = [s for s in pool if any(within(l, n) or within(n, l) for n in c["niches"] for l in s["categories"])]
    k = rng.randint(1, 4)
    picks = fit[:]
    rng.shuffle(picks)
    picks = picks[:k]
    others = [s for s in pool if s not in picks]
    while len(picks) < k and others:  # creators also promote outside their niches now and then
        picks.append(others.pop(rng.randrange(len(others))))
    return [s["id"] for s in picks]


def sale_category(c, sid):
    cands = leaves_of(SHOP[sid]["categories"])
    fit = [l for l in cands if any(within(l, n) or within(n, l) for n in c["niches"])]
    return rng.choice(fit or cands)


# Rows per creator: heavier for bigger creators, lognormal activity noise; about 15 % inactive.
sellers = [c for c in creators if c["kind"] != "standard" and c["region"] in CURRENCY]
for c in sellers:
    if c["showcase"]:
        continue
    if rng.random() < 0.15:
        SALES_PLAN[c["id"]] = 0
        continue
    w = (max(c["followers"], 300) / 1000) ** 0.42 * rng.lognormvariate(0, 0.55)
    SALES_PLAN[c["id"]] = max(1, min(120, int(round(w * 5.5))))

YEAR_START = t("2026-01-01")
for c in sellers:
    rows = SALES_PLAN.get(c["id"], 0)
    if rows == 0:
        continue
    cid = c["id"]
    my_shops = shops_for(c)
    if not my_shops:
        continue
    begin = max(YEAR_START, c["registered_at"], c["pilot_started_at"] or YEAR_START) + timedelta(hours=1)
    end = REF - timedelta(minutes=30)
    if c["ecommerce_revoked"]:
        end = t("2026-06-30T23:00")  # no sales since the permission was revoked
    scale = max(1.0, (c["followers"] / 8000) ** 0.5)
    for _ in range(rows):
        sid = rng.choice(my_shops)
        span = (end - begin).total_seconds()
        when = begin + timedelta(seconds=int(span * rng.random() ** 0.7))  # skewed towards recent months
        when = when.replace(second=0)
        cat = sale_category(c, sid)
        orders = max(1, min(25000, int(rng.paretovariate(1.35) * scale * 0.9)))
        rate = rng.choice([0.0, 0.0, 0.03, 0.06, 0.1, 0.18])  # per-order return rate of this day's products
        if orders <= 60:
            returned = sum(1 for _ in range(orders) if rng.random() < rate)
        else:
            returned = min(orders, int(round(orders * rate * rng.uniform(0.7, 1.3))))
        open_campaigns = [k for k in CAMPAIGNS_OF.get(sid, []) if k["starts_at"] <= when < k["ends_at"]
                          and not (in_pilot_limits(c) and k["kind"] == "discount")]
        camp = open_campaigns[0]["id"] if open_campaigns and rng.random() < 0.6 else None
        add_sale(cid, sid, cat, when, orders, returned, CURRENCY[SHOP[sid]["region"]], campaign=camp)

# Hand-made pilot sales (P-GRADUATE's order criterion counts kept orders since pilot start).
PILOT_SALES = {
    "cr-pilot-grad-videos": [("sh-glowlab", "beauty/skincare", "2026-09-29T21:10", 2, 0)],
    "cr-pilot-grad-orders": [("sh-glowlab", "beauty/makeup", "2026-10-06T19:30", 5, 1),
                             ("sh-glowlab", "beauty/skincare", "2026-10-12T22:05", 4, 0),
                             ("sh-glowlab", "beauty/makeup", "2026-10-24T18:45", 2, 0)],            # 10 kept
    "cr-pilot-stay": [("sh-glowlab", "beauty/skincare", "2026-09-03T20:00", 6, 1),
                      ("sh-glowlab", "beauty/skincare", "2026-11-19T17:40", 4, 0)],                 # 9 kept
    "cr-pilot-stay-chr": [("sh-glowlab", "beauty/skincare", "2026-09-20T16:00", 9, 0),
                          ("sh-glowlab", "health/wellness", "2026-10-04T16:00", 6, 0)],             # 15 kept
    "cr-pilot-active": [("sh-glowlab", "beauty/skincare", "2026-11-21T02:15", 3, 0)],
    "cr-pilot-graduated": [("sh-glowlab", "beauty/skincare", "2026-07-03T18:00", 7, 0),
                           ("sh-glowlab", "beauty/makeup", "2026-08-28T18:00", 12, 1),
                           ("sh-glowlab", "beauty/skincare", "2026-10-15T18:00", 21, 2),
                           ("sh-glowlab", "beauty/skincare", "2026-11-24T03:00", 9, 0)],
}
for cid, rows in PILOT_SALES.items():
    for sid, cat, when, orders, returned in rows:
        add_sale(cid, sid, cat, t(when), orders, returned, CURRENCY[SHOP[sid]["region"]])

sales.sort(key=lambda s: (s["ordered_at"], s["creator"], s["shop"]))
for i, s in enumerate(sales, 1):
    s["id"] = f"sa-{i:06d}"

# ---------------------------------------------------------------------------------------------- content events

events = []
content_seq = {}


def content(cid, medium):
    key = (cid, medium)
    content_seq[key] = content_seq.get(key, 0) + 1
    return f"{cid}:{'v' if medium == 'video' else 'l'}{content_seq[key]:03d}"


def ev(cid, content_id, medium, action, at, duration=None, private=False, shoppable=True):
    events.append({"creator": cid, "content": content_id, "medium": medium, "action": action, "at": at,
                   "duration_seconds": duration, "private": private, "shoppable": shoppable})


def post(cid, medium, at, duration, **kw):
    """A published piece of content; returns its content id."""
    k = content(cid, medium)
    ev(cid, k, medium, "published", t(at) if isinstance(at, str) else at, duration, **kw)
    return k


# cr-pilot-quota-full: 5 shoppable videos (one private, one scheduled then published, one link added later)
# and 3 LIVEs in the quota week starting 2026-11-23T08:00:00Z -> P-QUOTA refuses.
C = "cr-pilot-quota-full"
post(C, "video", "2026-11-16T19:00", 24)                          # last week
post(C, "video", "2026-11-23T07:30", 18)                          # Sunday 23:30 PST: last week (P-WEEK)
post(C, "video", "2026-11-23T08:00", 21)                          # Monday 00:00 PST: this week (1)
post(C, "video", "2026-11-23T19:15", 33, private=True)            # private counts too (2)
k = content(C, "video")
ev(C, k, "video", "scheduled", t("2026-11-24T02:00"), 27)         # counts when scheduled (3) ...
ev(C, k, "video", "published", t("2026-11-25T01:00"), 27)         # ... not again when it goes out
k = content(C, "video")
ev(C, k, "video", "published", t("2026-11-20T18:00"), 15, shoppable=False)  # plain video last week
ev(C, k, "video", "linkAdded", t("2026-11-24T16:30"))             # adding a product link counts (4)
post(C, "video", "2026-11-25T15:00", 41)                          # (5)
post(C, "video", "2026-11-25T16:00", 12, shoppable=False)         # no product link: does not count
post(C, "live", "2026-11-23T20:00", 2700)                         # LIVEs 1..3
post(C, "live", "2026-11-24T20:00", 3600)
post(C, "live", "2026-11-25T02:00", 1800)

# cr-pilot-videos-full: 5 videos but only 2 LIVEs -> P-QUOTA passes (refused only when both are used up).
C = "cr-pilot-videos-full"
for at, d in [("2026-11-23T17:00", 19), ("2026-11-23T23:00", 25), ("2026-11-24T17:30", 14), ("2026-11-24T23:45", 36),
              ("2026-11-25T16:20", 22)]:
    post(C, "video", at, d)
post(C, "live", "2026-11-23T21:00", 2400)
post(C, "live", "2026-11-25T01:30", 3000)

# cr-pilot-deleted: 5 videos + 3 LIVEs this week; one video deleted, one removed for a violation -> nothing
# is given back (P-COUNT), still refused.
C = "cr-pilot-deleted"
vids = [post(C, "video", at, d) for at, d in [("2026-11-23T16:00", 17), ("2026-11-23T22:10", 28), ("2026-11-24T18:00", 9),
                                              ("2026-11-24T21:30", 31), ("2026-11-25T14:00", 20)]]
ev(C, vids[1], "video", "deleted", t("2026-11-24T08:00"))
ev(C, vids[2], "video", "removed", t("2026-11-25T10:00"))
for at, d in [("2026-11-23T18:00", 1500), ("2026-11-24T19:00", 2100), ("2026-11-25T03:00", 2600)]:
    post(C, "live", at, d)

# cr-pilot-active: heavy last week, light this week; a video scheduled last week and published this week counts
# last week only -> 2/5 videos, 1/3 LIVEs this week.
C = "cr-pilot-active"
for at in ["2026-11-16T17:00", "2026-11-17T17:00", "2026-11-18T17:00", "2026-11-19T17:00"]:
    post(C, "video", at, 20)
post(C, "live", "2026-11-20T02:00", 1900)
k = content(C, "video")
ev(C, k, "video", "scheduled", t("2026-11-21T18:00"), 26)
ev(C, k, "video", "published", t("2026-11-23T17:00"), 26)
post(C, "video", "2026-11-24T17:00", 23)
post(C, "video", "2026-11-25T17:59", 16)
post(C, "live", "2026-11-24T03:00", 2200)

# P-GRADUATE / P-STAY: content within the pilot (durations decide what qualifies).
C = "cr-pilot-grad-videos"       # 6 videos >= 8 s (one exactly 8 s) plus one of 7 s; no LIVE; 2 orders
for i, d in enumerate([8, 15, 22, 31, 45, 60, 7]):
    post(C, "video", t("2026-09-15T17:00") + timedelta(days=3 * i), d)
C = "cr-pilot-grad-live"         # one LIVE of exactly 300 s; 2 videos; no orders
post(C, "video", "2026-09-23T18:00", 19)
post(C, "live", "2026-09-27T19:00", 120)
post(C, "live", "2026-10-04T19:00", 300)
post(C, "video", "2026-10-09T18:00", 26)
C = "cr-pilot-grad-orders"       # 10 kept orders; 3 videos; a 240 s LIVE
for i, d in enumerate([14, 21, 30]):
    post(C, "video", t("2026-10-03T20:00") + timedelta(days=5 * i), d)
post(C, "live", "2026-10-18T01:00", 240)
C = "cr-pilot-stay"              # near misses everywhere: 5 videos >= 8 s + one of 7 s, a 299 s LIVE, 9 kept orders
for i, d in enumerate([12, 18, 9, 25, 40, 7]):
    post(C, "video", t("2026-08-26T16:00") + timedelta(days=4 * i), d)
post(C, "live", "2026-09-12T02:00", 299)
C = "cr-pilot-stay-chr"          # every criterion met, but CHR 199 (not in good standing, H-GOOD)
for i, d in enumerate([11, 14, 19, 23, 29, 35, 50]):
    post(C, "video", t("2026-09-08T18:00") + timedelta(days=3 * i), d)
post(C, "live", "2026-09-25T01:00", 900)
C = "cr-pilot-day30"             # pilot ends exactly at the demo instant; 6 qualifying videos -> quiz invited
for i, d in enumerate([10, 12, 16, 20, 24, 28]):
    post(C, "video", t("2026-10-27T19:00") + timedelta(days=4 * i), d)

# Graduated and lifted pilot creators post above the quota this week: no P- limits apply to them.
for C in ["cr-pilot-graduated", "cr-pilot-lifted"]:
    for i in range(6 if C == "cr-pilot-graduated" else 5):
        post(C, "video", t("2026-11-23T16:00") + timedelta(hours=9 * i), 15 + 4 * i)
    for i in range(3):
        post(C, "live", t("2026-11-23T20:00") + timedelta(hours=20 * i), 1800 + 300 * i)

# Ordinary creators: a few months of videos and LIVEs.
PERIOD_START = t("2026-08-01")
for c in creators:
    if c["showcase"] or c["region"] not in CURRENCY or rng.random() < 0.4:
        continue
    cid = c["id"]
    active_pilot = in_pilot_limits(c) and c["quiz_passed_at"] is None
    start = max(PERIOD_START, c["registered_at"], c["pilot_started_at"] or PERIOD_START) + timedelta(hours=2)
    span = int((REF - timedelta(minutes=5) - start).total_seconds())
    if span <= 0:
        continue
    n_videos = rng.randint(1, 3) if active_pilot else rng.randint(1, 10)
    n_lives = rng.randint(0, 1) if active_pilot else rng.choice([0, 0, 0, 1, 1, 2, 3])
    shoppable_kind = c["kind"] != "standard"
    for medium, count in (("video", n_videos), ("live", n_lives)):
        for _ in range(count):
            at = (start + timedelta(seconds=rng.randint(0, span))).replace(second=0)
            duration = rng.randint(6, 180) if medium == "video" else rng.randint(600, 7200)
            k = content(cid, medium)
            r = rng.random()
            if not shoppable_kind:
                ev(cid, k, medium, "published", at, duration, shoppable=False)
            elif medium == "video" and r < 0.12:
                ev(cid, k, medium, "scheduled", at, duration)
                go = at + timedelta(hours=rng.randint(2, 40))
                if go < REF:
                    ev(cid, k, medium, "published", go, duration)
            elif medium == "video" and r < 0.22:
                ev(cid, k, medium, "published", at, duration, shoppable=False)
                later = at + timedelta(hours=rng.randint(1, 72))
                if later < REF:
                    ev(cid, k, medium, "linkAdded", later)
            else:
                ev(cid, k, medium, "published", at, duration, private=medium == "video" and rng.random() < 0.05)
            r2 = rng.random()
            if medium == "video" and r2 < 0.06:
                gone = at + timedelta(days=rng.randint(1, 20))
                if gone < REF:
                    ev(cid, k, medium, "deleted" if r2 < 0.045 else "removed", gone)

events.sort(key=lambda e: (e["at"], e["creator"], e["content"], e["action"]))
for i, e in enumerate(events, 1):
    e["id"] = f"ev-{i:06d}"

# ---------------------------------------------------------------------------------------------- violations

violations = []


def violation(cid, kind, points, at):
    violations.append({"creator": cid, "kind": kind, "points": points, "at": t(at)})


# H-POINTS moves both ways: validated kept orders earn 1 point each, at most 10 a quota week, so each showcase CHR is
# 200 - violation points + points earned by the reference instant (check_demo.py walks it).
violation("cr-chr-150", "evasionFastCuts", 35, "2026-05-14T20:00")      # 200 - (35 + 83) + 68 earned = 150: refused
violation("cr-chr-150", "misleadingClaims", 83, "2026-10-02T18:30")
violation("cr-chr-151", "evasionOverlay", 40, "2026-07-21T12:00")       # 200 - (40 + 60) + 51 earned = 151: passes
violation("cr-chr-151", "spam", 60, "2026-11-03T09:15")
violation("cr-evasion", "evasionStitch", 45, "2026-08-30T22:00")        # 200 - (45 + 124) + 64 earned = 95
violation("cr-evasion", "evasionDisguisedRepost", 124, "2026-11-12T04:40")
violation("cr-serious-violator", "counterfeit", 120, "2026-05-02T16:00")  # 260 points -> CHR 0 (never below 0), 10 by the reference instant with earnings
violation("cr-serious-violator", "prohibitedProduct", 100, "2026-06-18T16:00")
violation("cr-serious-violator", "evasionDisguisedRepost", 40, "2026-07-01T16:00")
violation("cr-revoked", "offPlatformTransaction", 30, "2026-06-25T13:00")
violation("cr-pilot-stay-chr", "spam", 16, "2026-10-01T12:00")          # 200 - 16 + 15 earned = CHR 199: below good standing (200)

# Ordinary creators: about 15 % with a minor strike or two, never more than 40 points (CHR stays >= 160).
MINOR = [("spam", (3, 10)), ("misleadingClaims", (8, 20)), ("intellectualProperty", (10, 20)),
         ("offPlatformTransaction", (10, 25)), ("harassment", (10, 20)), ("evasionOverlay", (15, 20)),
         ("evasionFastCuts", (15, 20))]
for c in creators:
    if c["showcase"] or rng.random() > 0.15:
        continue
    budget = 40
    for _ in range(rng.choice([1, 1, 1, 2])):
        kind, (lo, hi) = rng.choice(MINOR)
        pts = min(budget, rng.randint(lo, hi))
        if pts <= 0:
            break
        budget -= pts
        lo_t = max(c["registered_at"], t("2025-06-01"))
        at = (lo_t + timedelta(seconds=rng.randint(0, int((REF - timedelta(hours=2) - lo_t).total_seconds())))).replace(second=0)
        violations.append({"creator": c["id"], "kind": kind, "points": pts, "at": at})

violations.sort(key=lambda v: (v["at"], v["creator"]))
for i, v in enumerate(violations, 1):
    v["id"] = f"vi-{i:05d}"

# ---------------------------------------------------------------------------------------------- write

counts = {}
counts["categories.csv"] = write("categories.csv", ["path", "name"],
    [row for top, name, leaves in TAXONOMY
     for row in [{"path": top, "name": name}] + [{"path": f"{top}/{l}", "name": ln} for l, ln in leaves]])
counts["shops.csv"] = write("shops.csv", ["id", "name", "region", "score", "categories"],
    [{**s, "score": num(s["score"]), "categories": ";".join(s["categories"])} for s in shops])
counts["creators.csv"] = write("creators.csv",
    ["id", "handle", "kind", "followers", "region", "birth_date", "registered_at", "age_confirmed_at",
     "identity_verified", "identity_document", "gpppa", "ecommerce_revoked", "linked_serious_violator",
     "policies_accepted", "bound_shop", "niches", "pilot_started_at", "quiz_passed_at"],
    [{**c, "registered_at": iso(c["registered_at"]), "age_confirmed_at": iso(c["age_confirmed_at"]),
      "identity_verified": b(c["identity_verified"]), "identity_document": c["identity_document"] or "",
      "gpppa": b(c["gpppa"]), "ecommerce_revoked": b(c["ecommerce_revoked"]),
      "linked_serious_violator": b(c["linked_serious_violator"]), "policies_accepted": b(c["policies_accepted"]),
      "bound_shop": c["bound_shop"] or "", "niches": ";".join(c["niches"]),
      "pilot_started_at": iso(c["pilot_started_at"]), "quiz_passed_at": iso(c["quiz_passed_at"])} for c in creators])
counts["campaigns.csv"] = write("campaigns.csv",
    ["id", "shop", "name", "kind", "categories", "slots", "starts_at", "ends_at", "commission_pct", "min_followers", "regions"],
    [{**c, "categories": ";".join(c["categories"]), "starts_at": iso(c["starts_at"]), "ends_at": iso(c["ends_at"]),
      "commission_pct": num(c["commission_pct"]), "min_followers": c["min_followers"] or "",
      "regions": ";".join(c["regions"])} for c in campaigns])
counts["sales.csv"] = write("sales.csv",
    ["id", "creator", "shop", "campaign", "category", "ordered_at", "orders", "returned_orders", "gmv_minor", "currency"],
    [{**s, "campaign": s["campaign"] or "", "ordered_at": iso(s["ordered_at"])} for s in sales])
counts["content_events.csv"] = write("content_events.csv",
    ["id", "creator", "content", "medium", "action", "at", "duration_seconds", "private", "shoppable"],
    [{**e, "at": iso(e["at"]), "duration_seconds": "" if e["duration_seconds"] is None else e["duration_seconds"],
      "private": b(e["private"]), "shoppable": b(e["shoppable"])} for e in events])
counts["violations.csv"] = write("violations.csv", ["id", "creator", "kind", "points", "at"],
    [{**v, "at": iso(v["at"])} for v in violations])

# ---------------------------------------------------------------------------------------------- products

# Three products per shop in its categories (C-RATE: each with its seller's commission), from a generator of their
# own so that the files above stay as they were. Prices near the category's typical unit price, in the shop's
# currency; commissions 5-25 %; shops that run sample campaigns offer free samples.
prng = random.Random(SEED + 17)
sampling = {c["shop"] for c in campaigns if c["kind"] == "sample"}
products = []
for s in shops:
    leaves = leaves_of(s["categories"])
    for n in range(1, 4):
        cat = leaves[prng.randrange(len(leaves))]
        top = cat.split("/")[0]
        currency = CURRENCY[s["region"]]
        price = round(PRICE[top] * prng.uniform(0.6, 1.6) * FX[currency], 2)
        label = cat.split("/")[-1].replace("-", " ")
        products.append({"id": f"pr-{s['id'][3:]}-{n}", "shop": s["id"], "name": f"{s['name']} {label} {n}", "category": cat,
                         "price_minor": int(round(price * 100)), "currency": currency,
                         "commission_pct": num(prng.choice([5, 8, 10, 12, 15, 18, 20, 25])),
                         "free_sample": b(s["id"] in sampling and n == 1)})
counts["products.csv"] = write("products.csv",
    ["id", "shop", "name", "category", "price_minor", "currency", "commission_pct", "free_sample"], products)

# Each campaign features up to two of its shop's products in its categories (the first listed).
for c in campaigns:
    c["products"] = ";".join([p["id"] for p in products if p["shop"] == c["shop"]
                              and any(p["category"] == k or p["category"].startswith(k + "/") for k in c["categories"])][:2])
counts["campaigns.csv"] = write("campaigns.csv",
    ["id", "shop", "name", "kind", "categories", "slots", "starts_at", "ends_at", "commission_pct", "min_followers", "regions", "products"],
    [{**c, "categories": ";".join(c["categories"]), "starts_at": iso(c["starts_at"]), "ends_at": iso(c["ends_at"]),
      "commission_pct": num(c["commission_pct"]), "min_followers": c["min_followers"] or "",
      "regions": ";".join(c["regions"])} for c in campaigns])

# Sales lines sold without a campaign name their product when the shop sells one in the line's category and currency
# (its shop and category are then the product's), from a third generator: every other column stays as it was.
srng = random.Random(SEED + 23)
by_shop_category = {}
for p in products:
    by_shop_category.setdefault((p["shop"], p["category"], p["currency"]), []).append(p["id"])
for s_ in sales:
    choices = by_shop_category.get((s_["shop"], s_["category"], s_["currency"]))
    if not s_["campaign"] and choices and srng.random() < 0.8:
        s_["product"] = choices[srng.randrange(len(choices))]
counts["sales.csv"] = write("sales.csv",
    ["id", "creator", "shop", "campaign", "category", "ordered_at", "orders", "returned_orders", "gmv_minor", "currency", "product"],
    [{**s_, "campaign": s_["campaign"] or "", "ordered_at": iso(s_["ordered_at"])} for s_ in sales])

if __name__ == "__main__":
    for name, count in counts.items():
        print(f"{name:22} {count:6} rows")
