#!/bin/sh
# ccsim compare on crafted pairs of summaries: verdicts, exit codes (0 no
# regression, 1 regression, 2 cannot compare) and output formats.
set -u
CCSIM=${CCSIM:-build/ccsim}
D=tests/data/compare
n=0
failed=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

check() { # description, expected exit, command...
    desc=$1; want=$2; shift 2
    n=$((n + 1))
    "$@" >"$out" 2>"$err"
    got=$?
    if [ "$got" = "$want" ]; then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc (exit $got, want $want)"; sed 's/^/    /' "$err"; failed=1
    fi
}
contains() { # description, file, text
    n=$((n + 1))
    if grep -q -- "$3" "$2"; then echo "ok $n - $1"; else
        echo "not ok $n - $1: '$3' not in output"; sed 's/^/    /' "$2"; failed=1; fi
}

check "identical results pass" 0 "$CCSIM" compare $D/same.json $D/base.json
contains "summary line" "$out" "0 regressed"
check "noise inside the interval passes" 0 "$CCSIM" compare $D/noise.json $D/base.json
check "drop beyond the interval is a regression" 1 "$CCSIM" compare $D/regressed.json $D/base.json
contains "regression named" "$out" "channels.phone.service_level.*REGRESSION"
check "improvement passes" 0 "$CCSIM" compare $D/improved.json $D/base.json
contains "improvement named" "$out" "channels.phone.asa_s.*better"
check "exact mode fails on noise" 1 "$CCSIM" compare --exact $D/noise.json $D/base.json
check "per-metric tolerance absorbs the drop" 0 "$CCSIM" compare \
    --metric 'channels.*.service_level=abs:0.15' $D/regressed.json $D/base.json
check "tolerance file" 0 "$CCSIM" compare --tolerance-file $D/tolerance.yaml $D/fte-up.json $D/base.json
check "missing metric cannot be compared" 2 "$CCSIM" compare $D/missing.json $D/base.json
contains "missing metric named" "$err" "channels.chat.abandon_rate"
check "different scenarios cannot be compared" 2 "$CCSIM" compare $D/other-scenario.json $D/base.json
contains "both scenarios named" "$err" "'other'.*'shop'"
check "unreadable file" 2 "$CCSIM" compare $D/nope.json $D/base.json
check "not a summary" 2 "$CCSIM" compare $D/not-summary.json $D/base.json
check "broken JSON names line" 2 "$CCSIM" compare $D/broken.json $D/base.json
contains "position in message" "$err" "broken.json:[0-9]*:[0-9]*:"
check "bad tolerance file names line and column" 2 "$CCSIM" compare --tolerance-file $D/bad-tolerance.yaml $D/base.json $D/base.json
contains "tolerance file position" "$err" "bad-tolerance.yaml:3:21:"
check "bad --tolerance" 2 "$CCSIM" compare --tolerance fuzzy $D/base.json $D/base.json
contains "allowed values listed" "$err" "allowed: auto, statistical, exact"
check "bad --format" 2 "$CCSIM" compare --format xml $D/base.json $D/base.json
check "one argument" 2 "$CCSIM" compare $D/base.json
check "unknown flag" 2 "$CCSIM" compare --frobnicate $D/base.json $D/base.json
check "missing flag value" 2 "$CCSIM" compare $D/base.json $D/base.json --format
check "json format" 1 "$CCSIM" compare --format json $D/regressed.json $D/base.json
n=$((n + 1))
if jq -n -e --rawfile raw "$out" '$raw | fromjson | .regressions == 1' >/dev/null; then

    echo "ok $n - json output parses and counts the regression"; else echo "not ok $n - json output"; failed=1; fi
check "markdown format" 1 "$CCSIM" compare --format markdown $D/regressed.json $D/base.json
contains "markdown table" "$out" "^| metric | new"
check "junit format" 1 "$CCSIM" compare --format junit $D/regressed.json $D/base.json
contains "junit failure" "$out" "<failure message=\"REGRESSION"
check "folder holding summary.json" 0 "$CCSIM" compare $D/base.json tests/data/compare/folder
check "help" 0 "$CCSIM" compare --help

# Baselines round trip: a fresh run at the baseline's seed passes against the
# committed baseline; the same run with a third of the early phone shift gone
# is flagged as a regression.
B=results/baselines/ecommerce-week
if [ -f $B/summary.json ]; then
    tmp=$(mktemp -d)
    "$CCSIM" run scenarios/ecommerce-week.yaml --seed 20261122 --replications 10 --out "$tmp/now" >/dev/null 2>&1
    check "fresh run matches the committed baseline" 0 "$CCSIM" compare "$tmp/now" $B
    "$CCSIM" run scenarios/ecommerce-week.yaml --seed 20261122 --replications 10 \
        --set teams.tier1.shifts.0.agents=22 --out "$tmp/cut" >/dev/null 2>&1
    check "a staffing cut regresses against the baseline" 1 "$CCSIM" compare "$tmp/cut" $B
    contains "the service level regression is named" "$out" "channels.phone.service_level.*REGRESSION"
    rm -rf "$tmp"
fi

# Results of different commands never compare: a plan against a run, a sweep.
tmp=$(mktemp -d)
"$CCSIM" run scenarios/single-queue-erlang.yaml --replications 2 --out "$tmp/run" >/dev/null 2>&1
"$CCSIM" plan scenarios/single-queue-erlang.yaml --replications 2 --analytic --out "$tmp/plan" >/dev/null 2>&1
"$CCSIM" sweep scenarios/single-queue-erlang.yaml --vary teams.agents.agents=100,101 --replications 2 --out "$tmp/sweep" >/dev/null 2>&1
check "a plan against a run exits 2" 2 "$CCSIM" compare "$tmp/plan" "$tmp/run"
contains "  with one line naming both kinds" "$err" "different kinds of result: a plan .* but a run"
n=$((n + 1))
if [ "$(wc -l <"$err")" -eq 1 ]; then echo "ok $n -   and only that line"; else
    echo "not ok $n -   and only that line"; failed=1; fi
check "a sweep's summary exits 2" 2 "$CCSIM" compare "$tmp/sweep/sweep.json" "$tmp/run"
contains "  saying compare takes runs and plans" "$err" "the summary of a sweep"
check "a plan against itself compares" 0 "$CCSIM" compare "$tmp/plan" "$tmp/plan"
rm -rf "$tmp"
exit $failed
