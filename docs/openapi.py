#!/usr/bin/env python3
"""The StarMatch OpenAPI 3.1 document, by hand: writes Sources/StarMatchAPI/OpenAPIDocument.swift.
Run from the repository root: python3 docs/openapi.py"""
import json, sys
S = lambda **kw: dict(type="string", **kw)
I = lambda **kw: dict(type="integer", **kw)
N = lambda **kw: dict(type="number", **kw)
B = {"type": "boolean"}
ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
arr = lambda x, **kw: dict(type="array", items=x, **kw)
DT = S(format="date-time", description="ISO 8601 UTC instant, e.g. 2026-11-25T18:00:00Z")
ID = S(pattern="^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", description="1–64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit")
REGION = S(pattern="^[A-Z]{2}$", description="ISO 3166-1 alpha-2 region code")
PATH = S(description="category path, e.g. beauty/skincare")
def obj(props, required, additional=None, **kw):
    o = {"type": "object", "properties": props, "required": required}
    if additional is not None: o["additionalProperties"] = additional
    o.update(kw); return o

creator_kinds = ["standard", "affiliate", "officialShop", "marketing"]
creator_props = {
    "id": ID, "handle": S(), "kind": S(enum=creator_kinds), "followers": I(minimum=0), "region": REGION,
    "birthDate": S(format="date"), "registeredAt": DT, "ageConfirmedAt": DT, "identityVerified": B,
    "identityDocument": S(), "gpppa": B, "ecommerceRevoked": B, "linkedToSeriousViolator": B, "policiesAccepted": B,
    "boundShop": ID, "niches": arr(PATH), "pilotStartedAt": DT, "quizPassedAt": DT,
}
creator_out_req = ["id", "handle", "kind", "followers", "region", "birthDate", "registeredAt", "identityVerified", "gpppa",
                   "ecommerceRevoked", "linkedToSeriousViolator", "policiesAccepted", "niches"]
creator_in_req = ["id", "handle", "kind", "followers", "region", "birthDate", "registeredAt", "identityVerified"]
shop_props = {"id": ID, "name": S(), "region": REGION, "score": N(minimum=0, maximum=100), "categories": arr(PATH)}
campaign_props = {"id": ID, "shop": ID, "name": S(), "kind": S(enum=["sample", "discount"]), "categories": arr(PATH),
                  "slots": I(minimum=0), "startsAt": DT, "endsAt": DT, "commissionPercent": N(minimum=0, maximum=100),
                  "minFollowers": I(minimum=0), "regions": arr(REGION)}
campaign_out_req = ["id", "shop", "name", "kind", "categories", "slots", "startsAt", "endsAt", "commissionPercent", "regions"]
campaign_in_req = ["id", "shop", "name", "kind", "categories", "slots", "startsAt", "endsAt", "commissionPercent"]
sale_props = {"id": ID, "creator": ID, "shop": ID, "campaign": ID, "category": PATH, "orderedAt": DT, "orders": I(minimum=0),
              "returnedOrders": I(minimum=0), "gmvMinor": I(minimum=0), "currency": S(pattern="^[A-Z]{3}$")}
event_props = {"id": ID, "creator": ID, "content": ID, "medium": S(enum=["video", "live"]),
               "action": S(enum=["published", "scheduled", "linkAdded", "deleted", "removed"]), "at": DT,
               "durationSeconds": I(minimum=0), "isPrivate": B, "shoppable": B}
violation_kinds = ["misleadingClaims", "prohibitedProduct", "counterfeit", "offPlatformTransaction", "harassment",
                   "intellectualProperty", "minorSafety", "spam", "evasionStitch", "evasionOverlay", "evasionFastCuts", "evasionDisguisedRepost"]
violation_props = {"id": ID, "creator": ID, "kind": S(enum=violation_kinds), "points": I(minimum=1), "at": DT}
match_states = ["proposed", "accepted", "declined", "expired", "sampleShipped", "contentPosted", "completed", "cancelled"]
component = obj({"name": S(), "input": S(), "value": N(), "weight": N(), "contribution": N()}, ["name", "input", "value", "weight", "contribution"])
components_map = {"type": "object", "additionalProperties": N()}

schemas = {
    "Problem": obj({"type": S(), "title": S(), "status": I(), "detail": S(), "errors": arr(ref("FieldError"))},
                   ["type", "title", "status", "detail"], description="RFC 9457 problem details"),
    "FieldError": obj({"pointer": S(description="JSON pointer into the request body"), "parameter": S(description="the bad query parameter"),
                       "rule": S(description="the DOMAIN.md rule broken, e.g. E-BIND"), "detail": S()}, ["detail"]),
    "Status": obj({"status": S()}, ["status"]),
    "Creator": obj(creator_props, creator_out_req),
    "CreatorInput": obj(creator_props, creator_in_req, False),
    "CreatorPatch": obj(creator_props, [], False),
    "Shop": obj(shop_props, list(shop_props)),
    "ShopInput": obj(shop_props, list(shop_props), False),
    "ShopPatch": obj(shop_props, [], False),
    "Campaign": obj(campaign_props, campaign_out_req),
    "CampaignInput": obj(campaign_props, campaign_in_req, False),
    "CampaignPatch": obj(campaign_props, [], False),
    "SaleInput": obj(sale_props, ["id", "creator", "shop", "category", "orderedAt", "orders", "gmvMinor"], False),
    "ContentEventInput": obj(event_props, ["id", "creator", "content", "medium", "action", "at"], False),
    "ViolationInput": obj(violation_props, list(violation_props), False),
    "Created": obj({"created": I(), "ids": arr(S())}, ["created", "ids"]),
    "CreatorPage": obj({"items": arr(ref("Creator")), "nextCursor": S()}, ["items"]),
    "ShopPage": obj({"items": arr(ref("Shop")), "nextCursor": S()}, ["items"]),
    "CampaignPage": obj({"items": arr(ref("Campaign")), "nextCursor": S()}, ["items"]),
    "Check": obj({"rule": S(), "outcome": S(enum=["pass", "refuse", "note"]), "message": S()}, ["rule", "outcome", "message"]),
    "Eligibility": obj({"creator": S(), "subject": S(), "at": DT, "eligible": B, "refusedBy": arr(S()), "checks": arr(ref("Check"))},
                       ["creator", "subject", "at", "eligible", "refusedBy", "checks"]),
    "Component": component,
    "RankedCreator": obj({"rank": I(), "creator": S(), "handle": S(), "kind": S(), "followers": I(), "region": S(), "score": N(),
                          "components": components_map, "explanation": arr(ref("Component"))},
                         ["rank", "creator", "handle", "kind", "followers", "region", "score", "components"]),
    "Shortlist": obj({"campaign": S(), "shop": S(), "at": DT, "profile": S(), "salesReference": N(), "creators": arr(ref("RankedCreator"))},
                     ["campaign", "shop", "at", "profile", "salesReference", "creators"]),
    "RankedCampaign": obj({"rank": I(), "campaign": S(), "shop": S(), "kind": S(), "score": N(), "components": components_map,
                           "explanation": arr(ref("Component"))}, ["rank", "campaign", "shop", "kind", "score", "components"]),
    "Matches": obj({"creator": S(), "at": DT, "profile": S(), "campaigns": arr(ref("RankedCampaign"))}, ["creator", "at", "profile", "campaigns"]),
    "BatchRun": obj({"id": I(), "week": S(), "inputsHash": S(), "profile": S(), "objective": N(), "assignments": I(), "creatorsUsed": I(),
                     "campaigns": I(), "candidates": I(), "durationMs": I(), "createdAt": DT, "supersededBy": I()},
                    ["id", "week", "inputsHash", "profile", "objective", "assignments", "creatorsUsed", "campaigns", "candidates", "durationMs", "createdAt"]),
    "CampaignFill": obj({"campaign": S(), "slots": I(), "filled": I(), "candidates": I(), "bound": S()}, ["campaign", "slots", "filled", "candidates", "bound"]),
    "BatchMatch": obj({"creator": S(), "campaign": S(), "score": N(), "state": S(enum=["proposed", "superseded"])}, ["creator", "campaign", "score", "state"]),
    "Batch": obj({"run": ref("BatchRun"), "reused": B, "dryRun": B, "campaigns": arr(ref("CampaignFill")), "assignments": arr(ref("BatchMatch"))},
                 ["run", "reused", "dryRun", "campaigns", "assignments"]),
    "BatchRequest": obj({"week": S(pattern="^[0-9]{4}-W[0-9]{2}$", description="ISO week, e.g. 2026-W48"), "dryRun": B, "profile": S()}, ["week"], False),
    "Job": obj({"job": S(), "status": S(enum=["running"])}, ["job", "status"]),
    "Match": obj({"id": I(), "creator": S(), "campaign": S(), "shop": S(), "state": S(enum=match_states), "source": S(enum=["batch", "manual"]),
                  "runID": I(), "score": N(), "weekStart": DT, "createdAt": DT, "expiresAt": DT, "updatedAt": DT},
                 ["id", "creator", "campaign", "shop", "state", "source", "weekStart", "createdAt", "expiresAt", "updatedAt"]),
    "MatchEvent": obj({"from": S(enum=match_states), "to": S(enum=match_states), "at": DT, "actor": S(), "note": S()}, ["to", "at", "actor"]),
    "MatchWithHistory": obj({"match": ref("Match"), "history": arr(ref("MatchEvent"))}, ["match", "history"]),
    "MatchPage": obj({"items": arr(ref("Match")), "nextCursor": S()}, ["items"]),
    "MatchInput": obj({"creator": ID, "campaign": ID}, ["creator", "campaign"], False),
}

def problem(desc): return {"description": desc, "content": {"application/problem+json": {"schema": ref("Problem")}}}
def ok(schema, desc="OK", headers=None):
    r = {"description": desc, "content": {"application/json": {"schema": schema}}}
    if headers: r["headers"] = headers
    return r
LOC = {"Location": {"schema": S(), "description": "the new object's URL"}}
P401 = problem("no, an unknown or a revoked API key")
P404 = problem("not found, or not visible to this key (brands see only their own shop)")
P400 = problem("a bad query parameter or malformed JSON")
P422 = problem("valid JSON with bad values: one entry per bad field, with a JSON pointer")
P413 = problem("the body is larger than 1 MiB")
P409 = problem("the id exists already")
def q(name, schema, desc):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}
def pathp(name="id"):
    return {"name": name, "in": "path", "required": True, "schema": S()}
LIMIT = q("limit", I(minimum=1, maximum=1000, default=50), "page size")
CURSOR = q("cursor", S(), "nextCursor of the previous page")
AT = q("at", S(), "the instant to answer for: ISO 8601 with Z or an offset, or YYYY-MM-DD (default: now, to the minute)")
PROFILE = q("profile", S(pattern="^[A-Za-z0-9_-]{1,64}$"), "scoring profile (Scoring/NAME.json; default: default)")
EXPLAIN = q("explain", S(enum=["true", "false", "1", "0"]), "include every component's input")

def body(schema, desc=None):
    b = {"required": True, "content": {"application/json": {"schema": schema}}}
    if desc: b["description"] = desc
    return b

def resource(name, plural, tag, list_params, manager_only):
    base = f"/v1/{plural}"
    page = ref(f"{name}Page")
    return {
        base: {
            "get": {"tags": [tag], "summary": f"List {plural} by id (cursor pages)", "operationId": f"list{name}s", "parameters": list_params + [LIMIT, CURSOR],
                    "responses": {"200": ok(page), "400": P400, "401": P401, "404": P404}},
            "post": {"tags": [tag], "summary": f"Create a {name.lower()} (the import's validation)", "operationId": f"create{name}",
                     "requestBody": body(ref(f"{name}Input")),
                     "responses": {"201": ok(ref(name), "Created", LOC), "400": P400, "401": P401, "404": P404, "409": P409, "413": P413, "422": P422}},
        },
        base + "/{id}": {
            "parameters": [pathp()],
            "get": {"tags": [tag], "summary": f"Read a {name.lower()}", "operationId": f"get{name}", "responses": {"200": ok(ref(name)), "401": P401, "404": P404}},
            "patch": {"tags": [tag], "summary": f"Change members of a {name.lower()} (the whole is revalidated)", "operationId": f"update{name}",
                      "requestBody": body(ref(f"{name}Patch")),
                      "responses": {"200": ok(ref(name)), "400": P400, "401": P401, "404": P404, "413": P413, "422": P422}},
        },
    }

paths = {
    "/healthz": {"get": {"tags": ["probes"], "summary": "Process up", "operationId": "healthz", "security": [], "responses": {"200": ok(ref("Status"))}}},
    "/readyz": {"get": {"tags": ["probes"], "summary": "Database reachable", "operationId": "readyz", "security": [],
                        "responses": {"200": ok(ref("Status")), "503": problem("the database is not reachable")}}},
    "/openapi.json": {"get": {"tags": ["probes"], "summary": "This document", "operationId": "openapi", "security": [],
                              "responses": {"200": ok({"type": "object"})}}},
    "/metrics": {"get": {"tags": ["probes"], "summary": "Prometheus metrics (manager keys)", "operationId": "metrics",
                         "responses": {"200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": S()}}}, "401": P401, "404": P404}}},
}
paths.update(resource("Creator", "creators", "creators", [
    q("kind", S(enum=creator_kinds), "only this kind"), q("region", REGION, "only this region"),
    q("niche", PATH, "only creators with this niche or one below it"), q("minFollowers", I(minimum=0, maximum=2147483647), "at least this many followers")], True))
paths.update(resource("Shop", "shops", "shops", [q("region", REGION, "only this region")], True))
paths.update(resource("Campaign", "campaigns", "campaigns", [q("shop", S(), "only this shop's"), q("openAt", S(), "only campaigns open at this instant")], False))
paths["/v1/creators/{id}/eligibility"] = {"parameters": [pathp()], "get": {"tags": ["scoring"], "summary": "Every rule that applies, with its id (marketplace, a sample match with a shop, or a campaign)",
    "operationId": "eligibility", "parameters": [q("campaign", S(), "judge this campaign"), q("shop", S(), "judge a free-sample match with this shop"), AT],
    "responses": {"200": ok(ref("Eligibility")), "400": P400, "401": P401, "404": P404}}}
paths["/v1/creators/{id}/matches"] = {"parameters": [pathp()], "get": {"tags": ["scoring"], "summary": "The campaigns that fit a creator best",
    "operationId": "matches", "parameters": [q("limit", I(minimum=1, maximum=1000, default=10), "how many"), EXPLAIN, PROFILE, AT],
    "responses": {"200": ok(ref("Matches")), "400": P400, "401": P401, "404": P404}}}
paths["/v1/campaigns/{id}/shortlist"] = {"parameters": [pathp()], "get": {"tags": ["scoring"], "summary": "The campaign's shortlist of eligible creators, best first",
    "operationId": "shortlist", "parameters": [q("limit", I(minimum=1, maximum=1000, default=20), "how many"), EXPLAIN,
        q("region", REGION, "only creators in this region"), q("minFollowers", I(minimum=0, maximum=2147483647), "at least this many followers"), PROFILE, AT],
    "responses": {"200": ok(ref("Shortlist")), "400": P400, "401": P401, "404": P404}}}
paths["/v1/batches"] = {
    "get": {"tags": ["batches"], "summary": "Stored weekly runs", "operationId": "listBatches", "responses": {"200": ok(arr(ref("BatchRun"))), "401": P401, "404": P404}},
    "post": {"tags": ["batches"], "summary": "Run the weekly batch (M-WEEKLY)", "operationId": "runBatch", "requestBody": body(ref("BatchRequest")),
             "responses": {"200": ok(ref("Batch"), "unchanged inputs (the week's run, reused) or a dry run"),
                           "201": ok(ref("Batch"), "a new run, stored with its proposals", LOC),
                           "202": ok(ref("Job"), "still running after 10 s: poll the Location", LOC),
                           "400": P400, "401": P401, "404": P404, "413": P413, "422": P422}}}
paths["/v1/batches/{id}"] = {"parameters": [pathp()], "get": {"tags": ["batches"], "summary": "A stored run by number, or a job started by POST /v1/batches",
    "operationId": "getBatch", "responses": {"200": ok(ref("Batch")), "202": ok(ref("Job"), "the job is still running"), "401": P401, "404": P404, "422": P422}}}
for path, schema, title in [("sales", "SaleInput", "Sales"), ("content-events", "ContentEventInput", "Content events"), ("violations", "ViolationInput", "Violations")]:
    paths[f"/v1/{path}"] = {"post": {"tags": ["activity"], "summary": f"{title}: one object or an array of up to 10,000, stored all or nothing",
        "operationId": "record" + title.replace(" ", ""),
        "requestBody": body({"oneOf": [ref(schema), arr(ref(schema), minItems=1, maxItems=10000)]}),
        "responses": {"201": ok(ref("Created"), "Created"), "400": P400, "401": P401, "404": P404, "409": P409, "413": P413, "422": P422}}}

paths["/v1/matches"] = {
    "get": {"tags": ["matches"], "summary": "Matches by id (a brand sees its own campaigns' only); proposals past their window show as expired",
            "operationId": "listMatches", "parameters": [q("creator", S(), "only this creator's"), q("campaign", S(), "only this campaign's"),
                q("state", S(enum=match_states), "only in this state"), LIMIT, CURSOR],
            "responses": {"200": ok(ref("MatchPage")), "400": P400, "401": P401}},
    "post": {"tags": ["matches"], "summary": "Propose a match by hand (managers; the creator must be eligible: M-ELIGIBLE)", "operationId": "createMatch",
             "requestBody": body(ref("MatchInput")),
             "responses": {"201": ok(ref("Match"), "Created", LOC), "400": P400, "401": P401, "404": P404, "413": P413, "422": P422}}}
paths["/v1/matches/{id}"] = {"parameters": [pathp()], "get": {"tags": ["matches"], "summary": "A match with its append-only history",
    "operationId": "getMatch", "responses": {"200": ok(ref("MatchWithHistory")), "401": P401, "404": P404}}}
paths["/v1/matches/{id}/{action}"] = {"parameters": [pathp(), {"name": "action", "in": "path", "required": True,
        "schema": S(enum=["accept", "decline", "ship", "posted", "complete", "cancel"])}],
    "post": {"tags": ["matches"], "summary": "Move a match on; a brand may ship, complete or cancel, never accept, decline or post for a creator",
             "operationId": "actOnMatch",
             "responses": {"200": ok(ref("Match")), "401": P401, "403": problem("a brand may not take this action"), "404": P404,
                           "409": problem("the match's current state does not allow the action (the detail names the state)")}}}

doc = {"openapi": "3.1.0",
       "info": {"title": "StarMatch API", "version": "1.0.0",
                "description": "Creator–brand matching by the Star Creator rules. Keys: `starmatch keys create`; send `Authorization: Bearer KEY`. A manager key sees everything; a brand key only its shop, its campaigns and their shortlists (anything else is 404)."},
       "servers": [{"url": "/"}],
       "security": [{"bearer": []}],
       "paths": paths,
       "components": {"schemas": schemas, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}
text = json.dumps(doc, indent=1, sort_keys=False)
open(sys.argv[1] if len(sys.argv) > 1 else "Sources/StarMatchAPI/OpenAPIDocument.swift", "w").write(
    "/// The OpenAPI 3.1 document served at `GET /openapi.json`. Written by hand in `docs/openapi.py` (edit there, then\n"
    "/// `python3 docs/openapi.py`); `Tests/api-fuzz.sh` (run by CI) proves the server keeps it: schemathesis sends\n"
    "/// generated requests to every route and checks every response against it.\n"
    "let openAPIDocument = #\"\"\"\n" + text + "\n\"\"\"#\n")
print(len(text), len(paths))
