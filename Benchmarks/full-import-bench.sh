#!/usr/bin/env bash
# The full import against the build before the scoring state (issue 13: "the full import of the 1M dataset
# ≤ 1.3× today's time"). Every file of a generated dataset, in order, into a fresh database, with this build and
# with the reference build (126c8bc, the last one without a scoring state), alternating, ROUNDS rounds.
# The reference does not know products, quizzes or violations' `appealed_at`, so both builds import the same
# files without them (the `products` column of campaigns and sales and `appealed_at` dropped, no products or
# quizzes files). Each round also loads the same files with one `seed --seeds` (one transaction) with each build.
#
# Usage: Benchmarks/full-import-bench.sh GENERATED_DIR [ROUNDS]
#   GENERATED_DIR: the output of `starmatch generate --creators 1000000 --shops 2000 --campaigns 1000 --seed 42`.
#   REF_BIN / REF_HOME: the reference binary and its checkout (default: built from 126c8bc in Benchmarks/out/ref126).
#   NEW_BIN: this build's binary (default: built here, release).
set -euo pipefail
cd "$(dirname "$0")/.."
GEN=${1:?usage: Benchmarks/full-import-bench.sh GENERATED_DIR [ROUNDS]}
ROUNDS=${2:-1}
OUT=Benchmarks/out/full-import
mkdir -p "$OUT"
if [ -z "${NEW_BIN:-}" ]; then
    swift build -c release --product starmatch --scratch-path .build-release >/dev/null
    NEW_BIN=$PWD/.build-release/release/starmatch
fi
if [ -z "${REF_BIN:-}" ]; then
    REF_HOME=$PWD/Benchmarks/out/ref126
    [ -d "$REF_HOME" ] || git worktree add -f "$REF_HOME" 126c8bc >/dev/null
    (cd "$REF_HOME" && swift build -c release --product starmatch --scratch-path .build-release >/dev/null)
    REF_BIN=$REF_HOME/.build-release/release/starmatch
fi
REF_HOME=${REF_HOME:-$(dirname "$REF_BIN")/../../..}

# The files both builds know.
FILES="$OUT/files"
mkdir -p "$FILES"
for f in categories shops creators content_events; do cp "$GEN/$f.csv" "$FILES/"; done
for f in campaigns sales violations; do sed 's/,[^,]*$//' "$GEN/$f.csv" > "$FILES/$f.csv"; done  # the last column

now() { date +%s.%N; }
run() {  # label binary home db
    local label=$1 bin=$2 home=$3 db=$4 total=0
    rm -f "$db" "$db-wal" "$db-shm"
    for pair in categories:categories shops:shops campaigns:campaigns creators:creators sales:sales \
                content-events:content_events violations:violations; do
        local kind=${pair%%:*} file=${pair##*:} t0 t1
        t0=$(now)
        STARMATCH_HOME=$home "$bin" import "$kind" "$FILES/$file.csv" --db "$db" --json >/dev/null
        t1=$(now)
        printf '%s\t%s\t%.2f\n' "$label" "$kind" "$(python3 -c "print($t1 - $t0)")" | tee -a "$OUT/times.tsv"
    done
}
seed() {  # label binary home db: the same files as one `seed --seeds` (one transaction)
    local label=$1 bin=$2 home=$3 db=$4 t0 t1
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    t0=$(now)
    STARMATCH_HOME=$home "$bin" seed --seeds "$FILES" --db "$db" --json >/dev/null
    t1=$(now)
    printf '%s\t%s\t%.2f\n' "$label" seed "$(python3 -c "print($t1 - $t0)")" | tee -a "$OUT/times.tsv"
}
: > "$OUT/times.tsv"
for round in $(seq 1 "$ROUNDS"); do
    run reference "$REF_BIN" "$REF_HOME" "$OUT/ref.sqlite"
    run this "$NEW_BIN" "$PWD" "$OUT/this.sqlite"
    seed reference "$REF_BIN" "$REF_HOME" "$OUT/ref.sqlite"
    seed this "$NEW_BIN" "$PWD" "$OUT/this.sqlite"
done
python3 - "$OUT/times.tsv" <<'PY'
import sys, statistics, collections
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, kind, s = line.split("\t"); t[(label, kind)].append(float(s))
kinds = ["categories", "shops", "campaigns", "creators", "sales", "content-events", "violations"]
print(f"{'file':16}{'reference':>11}{'this':>9}{'ratio':>8}   (medians)")
tot = {"reference": 0.0, "this": 0.0}
for k in kinds:
    r, o = statistics.median(t[("reference", k)]), statistics.median(t[("this", k)])
    tot["reference"] += r; tot["this"] += o
    print(f"{k:16}{r:10.2f}s{o:8.2f}s{o / r:7.2f}x")
print(f"{'total':16}{tot['reference']:10.2f}s{tot['this']:8.2f}s{tot['this'] / tot['reference']:7.2f}x   (goal <= 1.3x)")
r, o = statistics.median(t[("reference", "seed")]), statistics.median(t[("this", "seed")])
print(f"{'seed (one go)':16}{r:10.2f}s{o:8.2f}s{o / r:7.2f}x   (every file in one transaction: seed --seeds)")
PY
