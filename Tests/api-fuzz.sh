#!/usr/bin/env bash
# API robustness (issue 5): starts the real server on loopback over the demo data, installs schemathesis
# from PyPI into a virtual environment, and runs it against the served OpenAPI document
# (Sources/StarMatchAPI/Resources/openapi.json, checked to be what the binary serves) with a manager key:
# no 5xx, and every response must match the document (status, content type, headers, body schema).
# Usage: Tests/api-fuzz.sh [MAX_EXAMPLES_PER_OPERATION]   (default 60). Exits non-zero on any failure.
# Uses $STARMATCH_BIN if set, else builds the debug product.
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-60}
WORK=$(mktemp -d)
VENV=${API_FUZZ_VENV:-.build/api-fuzz-venv}

if [ -z "${STARMATCH_BIN:-}" ]; then
    swift build --product starmatch >/dev/null
    STARMATCH_BIN=$(swift build --show-bin-path)/starmatch
fi
if [ ! -x "$VENV/bin/st" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "schemathesis>=4,<5"
fi

DB=$WORK/fuzz.sqlite
"$STARMATCH_BIN" seed --db "$DB" --json >/dev/null
KEY=$("$STARMATCH_BIN" keys create --role manager --label api-fuzz --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# The demo's reference instant (Seeds/README.md): the server takes it as now, so the fuzzed answers do not
# depend on the wall clock.
AT=2026-11-25T18:00:00Z
"$STARMATCH_BIN" serve --at "$AT" --db "$DB" --port "$PORT" --log-level error 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
# The built binary serves the checked-in document byte for byte (its resource bundle sits beside it).
if ! curl -sf "http://127.0.0.1:$PORT/openapi.json" | cmp -s - Sources/StarMatchAPI/Resources/openapi.json; then
    echo "api-fuzz: /openapi.json is not Sources/StarMatchAPI/Resources/openapi.json"; exit 1
fi

set +e
# One worker: CPython 3.11.7's ast.parse is not safe across threads ("AST constructor recursion depth mismatch",
# fixed in 3.11.8), and hypothesis parses its filters' sources to describe them — two workers can crash the tool.
"$VENV/bin/st" run "http://127.0.0.1:$PORT/openapi.json" \
    --header "Authorization: Bearer $KEY" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" --seed 48 --workers 1 --request-timeout 30 \
    --suppress-health-check all --report ndjson --report-ndjson-path "$WORK/events.ndjson" --output-truncate true \
    | tee "$WORK/st.log"
status=${PIPESTATUS[0]}
set -e
requests=$(grep -c '"ScenarioFinished"\|"http_interaction"\|"request"' "$WORK/events.ndjson" 2>/dev/null || true)
echo "api-fuzz: schemathesis $("$VENV/bin/st" --version | awk '{print $NF}'), exit $status; server errors logged: $(grep -c ' error ' "$WORK/serve.log" || true)"
if ! kill -0 $SERVER 2>/dev/null; then echo "api-fuzz: the server died"; exit 1; fi
exit $status
