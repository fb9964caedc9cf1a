#!/usr/bin/env bash
# Scoring keys in order (issue 13, `matches CREATOR` ≤ 0.1× the scan): cold CLI `matches` on a copy of a 1M
# database against the plain-SQL scan measured in the same run, and the build before the key order (BASE_BIN)
# on its own copy; then the import of a 100k dataset, both builds, alternating.
# Usage: BASE_BIN=/path/to/base/starmatch DB1M=/path/to/1M.sqlite G100=/path/to/100k/csvs Benchmarks/keys-bench.sh
# Environment: NEW_BIN (default: this checkout's release build), WORK (scratch folder, default /tmp/keys-bench;
# the two copies of DB1M are made there unless present), ROUNDS (default 5), CREATOR (default c0000007),
# SKIP_IMPORT=1, SKIP_CHECK=1 (skip `check --scoring` on the migrated copy: minutes).
# Wall time and peak RSS (KiB) by `/usr/bin/time -f "%e %M"`; the 1-minute load beside each number.
set -euo pipefail
cd "$(dirname "$0")/.."
NEW_BIN=${NEW_BIN:-$PWD/.build-release/release/starmatch}
: "${BASE_BIN:?a release starmatch of the base revision}" "${DB1M:?the 1M database (not modified)}"
WORK=${WORK:-/tmp/keys-bench}
ROUNDS=${ROUNDS:-5}
CREATOR=${CREATOR:-c0000007}
export STARMATCH_HOME=$PWD
mkdir -p "$WORK"
TSV=$WORK/results.tsv
printf 'build\tstep\tseconds\trss_kib\texit\tload1\n' > "$TSV"
timed() {
    local build=$1 step=$2; shift 2
    local load rc=0 secs rss
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %M" -o "$WORK/time.tmp" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
    read -r secs rss < <(tail -1 "$WORK/time.tmp")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$build" "$step" "$secs" "$rss" "$rc" "$load" >> "$TSV"
    printf '%-4s %-30s %8s s %9s KiB  exit %s  load %s\n' "$build" "$step" "$secs" "$rss" "$rc" "$load"
    if [ "$rc" != 0 ]; then tail -5 "$WORK/last.err" | sed 's/^/     | /'; fi
}
for b in base new; do [ -f "$WORK/$b.sqlite" ] || cp "$DB1M" "$WORK/$b.sqlite"; done

# The migration (v7-scoring-keys fills the key order from the 1M bounds) runs at the first open.
timed new "migrate (first open)" "$NEW_BIN" campaigns show k000001 --db "$WORK/new.sqlite" --json
for r in $(seq "$ROUNDS"); do
    timed ref "sqlite3 scan" sqlite3 "$WORK/new.sqlite" "SELECT count(*), sum(gmv_minor) FROM sales"
    timed new "matches $CREATOR" "$NEW_BIN" matches "$CREATOR" --db "$WORK/new.sqlite" --json
    cp "$WORK/last.out" "$WORK/matches-new.json"
    timed base "matches $CREATOR" "$BASE_BIN" matches "$CREATOR" --db "$WORK/base.sqlite" --json
    cp "$WORK/last.out" "$WORK/matches-base.json"
done
cmp -s "$WORK/matches-new.json" "$WORK/matches-base.json" && echo "matches: same JSON from both builds" || echo "matches: JSON DIFFERS"
if [ "${SKIP_CHECK:-0}" != 1 ]; then
    timed new "check --scoring" "$NEW_BIN" check --scoring --db "$WORK/new.sqlite"
    tail -2 "$WORK/last.out"
fi

if [ "${SKIP_IMPORT:-0}" != 1 ]; then
    : "${G100:?the 100k dataset folder}"
    for r in 1 2; do
        for b in base new; do
            bin=$BASE_BIN; [ $b = new ] && bin=$NEW_BIN
            rm -f "$WORK/imp-$b.sqlite"*
            start=$(date +%s.%N)
            for kind in categories shops creators campaigns sales content-events violations; do
                timed $b "import $kind ($r)" "$bin" import "$kind" "$G100/${kind/-/_}.csv" --db "$WORK/imp-$b.sqlite" --json
            done
            echo "$b import total ($r): $(echo "$(date +%s.%N) - $start" | bc) s"
        done
    done
    rm -f "$WORK"/imp-*.sqlite*
fi
