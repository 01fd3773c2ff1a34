#!/bin/sh
# ccsim run: result files written atomically, byte-identical for any thread
# count at a fixed seed, usable by compare; bad arguments and scenarios fail
# with exit 2 and nothing written.
set -u
CCSIM=${CCSIM:-build/ccsim}
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S=scenarios/ecommerce-week.yaml

check() { # description, expected exit, command...
    desc=$1; want=$2; shift 2
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then echo "ok $n - $desc"; else
        echo "not ok $n - $desc (exit $got, want $want)"; sed 's/^/    /' "$tmp/err" | head -5; failed=1; fi
}
ok() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=1; fi; }

check "run with one thread" 0 "$CCSIM" run $S --replications 3 --seed 7 --threads 1 --out "$tmp/t1"
ok "summary.json and intervals.csv written" "[ -s '$tmp/t1/summary.json' ] && [ -s '$tmp/t1/intervals.csv' ]"
ok "no temporary files left" "! ls -a '$tmp/t1' | grep -q '\.tmp\.'"
ok "report.html written" "[ -s '$tmp/t1/report.html' ]"
ok "terminal table names every channel" "grep -q '^phone ' '$tmp/out' && grep -q '^whatsapp ' '$tmp/out'"
check "run with two threads" 0 "$CCSIM" run $S --replications 3 --seed 7 --threads 2 --out "$tmp/t2"
ok "summary.json byte-identical across thread counts" "cmp -s '$tmp/t1/summary.json' '$tmp/t2/summary.json'"
ok "intervals.csv byte-identical across thread counts" "cmp -s '$tmp/t1/intervals.csv' '$tmp/t2/intervals.csv'"
check "exact compare of the two runs passes" 0 "$CCSIM" compare --exact "$tmp/t2" "$tmp/t1"
check "other seed" 0 "$CCSIM" run $S --replications 3 --seed 8 --out "$tmp/s8"
ok "other seed gives other numbers" "! cmp -s '$tmp/t1/summary.json' '$tmp/s8/summary.json'"
check "statistical compare of two seeds passes" 0 "$CCSIM" compare "$tmp/s8" "$tmp/t1"
check "json on stdout" 0 "$CCSIM" run $S --replications 2 --json --out "$tmp/j"
ok "stdout is the summary document" "jq -n -e --rawfile raw '$tmp/out' \
    '\$raw | fromjson | .replications == 2 and (has(\"meta\") | not)' >/dev/null"

check "meta on request" 0 "$CCSIM" run $S --replications 2 --meta --json --out "$tmp/m"
ok "meta has wall time" "grep -q '\"wall_s\"' '$tmp/out'"
ok "intervals.csv has one row per interval and channel" \
    "[ \$(wc -l < '$tmp/t1/intervals.csv') = \$((7 * 48 * 6 + 1)) ]"
ok "intervals.csv uses dot decimals and HH:MM" "sed -n 2p '$tmp/t1/intervals.csv' | grep -q '^2026-03-02,00:00,'"
check "--set override" 0 "$CCSIM" run $S --replications 2 --set channels.phone.volume.per_week=21000 --out "$tmp/set"
check "zero replications rejected" 2 "$CCSIM" run $S --replications 0 --out "$tmp/bad1"
ok "message names the flag" "grep -q -- '--replications' '$tmp/err'"
ok "nothing written on a usage error" "[ ! -e '$tmp/bad1' ]"
check "negative seed rejected" 2 "$CCSIM" run $S --seed -1 --out "$tmp/bad2"
check "fractional threads rejected" 2 "$CCSIM" run $S --threads 1.5 --out "$tmp/bad3"
check "unknown flag" 2 "$CCSIM" run $S --frobnicate
check "missing scenario" 2 "$CCSIM" run
check "unreadable scenario" 3 "$CCSIM" run "$tmp/none.yaml"
printf 'horizon:\n  start: 2026-01-05\n  days: 0\n' > "$tmp/bad.yaml"
check "invalid scenario" 2 "$CCSIM" run "$tmp/bad.yaml" --out "$tmp/bad4"
ok "problem reported with file, line and column" "grep -q 'bad.yaml:[0-9]*:[0-9]*:' '$tmp/err'"
ok "nothing written for an invalid scenario" "[ ! -e '$tmp/bad4' ]"
: > "$tmp/afile"
check "output folder that is a file" 3 "$CCSIM" run $S --replications 2 --out "$tmp/afile/sub"
ok "no progress bar when stderr is not a terminal" "! grep -q 'replications,' '$tmp/err'"
ok "no colour when stdout is not a terminal" "! grep -q \"\$(printf '\\033')\" '$tmp/out'"
if command -v script >/dev/null 2>&1; then
    CCSIM_PROGRESS_DELAY=0 script -qec "$CCSIM run $S --replications 3 --out '$tmp/tty'" /dev/null \
        > "$tmp/tty.out" 2>&1
    ok "progress bar on a terminal" "grep -q '3/3 replications' '$tmp/tty.out'"
    H=scenarios/holiday-season.yaml
    script -qec "$CCSIM run $H --replications 2 --out '$tmp/col'" /dev/null > "$tmp/col.out" 2>&1
    ok "a missed target is coloured on a terminal" "grep -q \"\$(printf '\\033')\\[31m  misses at interval scope\" '$tmp/col.out'"
    NO_COLOR=1 script -qec "$CCSIM run $H --replications 2 --out '$tmp/col'" /dev/null > "$tmp/nocol.out" 2>&1
    ok "NO_COLOR turns colour off" "grep -q 'misses at interval scope' '$tmp/nocol.out' && ! grep -q \"\$(printf '\\033')\\[31m\" '$tmp/nocol.out'"
fi
check "help" 0 "$CCSIM" run --help
exit $failed
