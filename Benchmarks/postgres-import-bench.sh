#!/usr/bin/env bash
# Issue 19: a creators file imported into PostgreSQL by `starmatch import` (COPY into staging tables, upserts, the
# scoring state in the same transaction) against `psql \copy` of the same file into a bare table of text columns —
# the reference, measured in the same run, alternating.
# Usage: Benchmarks/postgres-import-bench.sh BIN GEN_DIR ADMIN_URL [RUNS]
#   BIN: a release build of starmatch; GEN_DIR: `starmatch generate` output (creators.csv, shops.csv, categories
#   from the taxonomy `init` loads); ADMIN_URL: postgres://USER@HOST:PORT/DB whose user may create databases.
set -euo pipefail
BIN=$1; GEN=$2; ADMIN=$3; RUNS=${4:-3}
export STARMATCH_HOME=${STARMATCH_HOME:-$(cd "$(dirname "$0")/.." && pwd)}
base=${ADMIN%/*}
columns=$(head -1 "$GEN/creators.csv" | tr ',' '\n' | sed 's/$/ TEXT/' | paste -sd, -)
rows=$(( $(wc -l < "$GEN/creators.csv") - 1 ))
now() { date +%s.%N; }
for run in $(seq "$RUNS"); do
    psql "$ADMIN" -q -c "DROP DATABASE IF EXISTS sm_bench_import WITH (FORCE)" -c "CREATE DATABASE sm_bench_import" \
        -c "DROP DATABASE IF EXISTS sm_bench_bare WITH (FORCE)" -c "CREATE DATABASE sm_bench_bare"
    "$BIN" init --database "$base/sm_bench_import" >/dev/null
    "$BIN" import shops "$GEN/shops.csv" --database "$base/sm_bench_import" >/dev/null
    psql "$base/sm_bench_bare" -q -c "CREATE TABLE creators ($columns)"
    t0=$(now)
    psql "$base/sm_bench_bare" -q -c "\\copy creators FROM '$GEN/creators.csv' CSV HEADER"
    t1=$(now)
    "$BIN" import creators "$GEN/creators.csv" --database "$base/sm_bench_import" --json >/dev/null
    t2=$(now)
    stored=$(psql "$base/sm_bench_import" -At -c "SELECT (SELECT COUNT(*) FROM creators) || ' creators, ' || (SELECT COUNT(*) FROM scoring_records) || ' records'")
    python3 -c "import sys; c, s = float(sys.argv[2]) - float(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); print(f'run $run: $rows rows; psql \\\\copy {c:.2f} s, starmatch import {s:.2f} s ({s / c:.2f}x); stored: $stored')" "$t0" "$t1" "$t2"
done
psql "$ADMIN" -q -c "DROP DATABASE IF EXISTS sm_bench_import WITH (FORCE)" -c "DROP DATABASE IF EXISTS sm_bench_bare WITH (FORCE)"
