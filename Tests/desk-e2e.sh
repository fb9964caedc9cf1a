#!/usr/bin/env bash
# The web desk (issue 18) in a real headless Chromium (Debian's chromium + chromium-driver) through Selenium, with
# axe-core accessibility checks and screenshots at 1280 and 375 px (Tests/desk/desk_e2e.py). Installs what is
# missing. Uses $STARMATCH_BIN if set, else the debug build. Screenshots go to $DESK_SHOTS (default: a temporary
# folder, removed afterwards). DESK_BACKEND=postgres runs the same on a fresh database of the PostgreSQL server named by
# $STARMATCH_TEST_POSTGRES (issue 19; Tests/postgres-cluster.sh start makes one), dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }
fi
VENV=${DESK_E2E_VENV:-.build/desk-e2e-venv}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import selenium, axe_selenium_python" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "selenium>=4.20,<5" "axe-selenium-python==2.1.6"
fi
if [ -z "${STARMATCH_BIN:-}" ]; then
    swift build --product starmatch >/dev/null
    STARMATCH_BIN=$(swift build --show-bin-path)/starmatch
fi
WORK=$(mktemp -d)
SHOTS=${DESK_SHOTS:-$WORK/shots}
PID=
PGNAME=
# Every step runs whatever the one before gave (under `set -e` a failing last command of an `&&` list, such as a
# server's non-zero exit status from `wait`, would end the cleanup early and become the script's status).
cleanup() {
    if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    if [ -n "$PGNAME" ]; then psql "$STARMATCH_TEST_POSTGRES" -q -c "DROP DATABASE IF EXISTS $PGNAME WITH (FORCE)" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export STARMATCH_HOME=$PWD
case "${DESK_BACKEND:-sqlite}" in
sqlite) STORE=(--db "$WORK/desk.sqlite") ;;
postgres)
    : "${STARMATCH_TEST_POSTGRES:?DESK_BACKEND=postgres needs a server URL (Tests/postgres-cluster.sh start DIR PORT prints one)}"
    PGNAME=sm_desk_$(date +%s)_$$
    psql "$STARMATCH_TEST_POSTGRES" -q -c "CREATE DATABASE $PGNAME"
    STORE=(--database "${STARMATCH_TEST_POSTGRES%/*}/$PGNAME") ;;
*) echo "DESK_BACKEND is sqlite or postgres" >&2; exit 2 ;;
esac
echo "desk e2e on ${DESK_BACKEND:-sqlite}"
# The demo's reference instant (Seeds/README.md): the batch and the server take it as now, so the flows meet the
# campaigns the seeds have running then, whatever the date of the run.
AT=2026-11-25T18:00:00Z
"$STARMATCH_BIN" seed "${STORE[@]}" --json >/dev/null
"$STARMATCH_BIN" batch run --week 2026-W48 --at "$AT" "${STORE[@]}" --json >/dev/null
key() { "$STARMATCH_BIN" keys create "${STORE[@]}" --json "$@" | python3 -c "import json,sys; print(json.load(sys.stdin)['secret'])"; }
MANAGER=$(key --role manager --label desk-e2e)
BRAND=$(key --role brand --shop sh-glowlab --label desk-e2e)
PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"$STARMATCH_BIN" serve "${STORE[@]}" --at "$AT" --port "$PORT" --log-level warning >"$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
"$VENV/bin/python" Tests/desk/desk_e2e.py "http://127.0.0.1:$PORT" "$MANAGER" "$BRAND" "$SHOTS" || { echo "--- server log"; tail -50 "$WORK/serve.log"; exit 1; }
