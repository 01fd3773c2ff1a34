#!/bin/sh
# ccsim sweep: a 3x3 what-if grid of the e-commerce scenario gives one table,
# CSV, JSON and a chart page; common random numbers make the points
# comparable; bad keys and values fail before anything runs, naming --vary.
set -u
CCSIM=${CCSIM:-build/ccsim}
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S=scenarios/ecommerce-week.yaml
check() {
    desc=$1; want=$2; shift 2
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then echo "ok $n - $desc"; else
        echo "not ok $n - $desc (exit $got, want $want)"; sed 's/^/    /' "$tmp/err" | head -5; failed=1; fi
}
ok() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=1; fi; }

check "3x3 sweep" 0 "$CCSIM" sweep $S --vary channels.chat.volume=2000,2600,3200 \
    --vary chatbots.assistant.containment=20%,35%,50% --replications 3 --out "$tmp/sw"
ok "no progress bar when stderr is not a terminal" "[ ! -s '$tmp/err' ]"
ok "table has nine points" "[ \$(grep -c 'containment=' '$tmp/out') = 9 ]"
ok "csv, json and html written" "[ -s '$tmp/sw/sweep.csv' ] && [ -s '$tmp/sw/sweep.json' ] && [ -s '$tmp/sw/sweep.html' ]"
ok "csv has one row per point and channel" "[ \$(wc -l < '$tmp/sw/sweep.csv') = \$((9 * 6 + 1)) ]"
# sweep.json lists the points volume-major: point 3 v + k has the v-th chat
# volume and the k-th containment.
ok "more containment never lowers chat service level (same random numbers)" "jq -n -e --rawfile raw '$tmp/sw/sweep.json' '
    def num: if type == \"number\" and (isnan | not) then . else error(\"expected a number, got \(tojson)\") end;
    (\$raw | fromjson | .points) as \$p
    | def sl(\$i): \$p[\$i].channels.chat.service_level | num;
    (\$p | length) == 9
    # at equal volume, more containment: never lower (0.005 of noise allowed)
    and all(range(3) as \$v | [sl(3 * \$v + range(3))]; .[0] <= .[1] + 0.005 and .[1] <= .[2] + 0.005)
    # at equal containment, more chat volume: lower
    and all(range(3) as \$k | [sl(3 * range(3) + \$k)]; .[0] >= .[2])' >/dev/null"
check "same sweep again is byte-identical" 0 "$CCSIM" sweep $S --vary channels.chat.volume=2000,2600,3200 \
    --vary chatbots.assistant.containment=20%,35%,50% --replications 3 --threads 1 --out "$tmp/sw2"
ok "sweep.json identical across thread counts" "cmp -s '$tmp/sw/sweep.json' '$tmp/sw2/sweep.json'"
check "a key below the scalar shorthand 'volume: 2500' (= {per_day: 2500})" 0 "$CCSIM" sweep $S \
    --vary channels.chat.volume.per_day=2000,2600 --replications 2 --out "$tmp/pd"
ok "per_day sweep matches the same sweep on 'volume'" "[ \$(grep -c 'volume.per_day=' '$tmp/out') = 2 ] && \
    \"$CCSIM\" sweep $S --vary channels.chat.volume=2000,2600 --replications 2 --out '$tmp/vol' >/dev/null && \
    jq -n -e --rawfile a '$tmp/pd/sweep.json' --rawfile b '$tmp/vol/sweep.json' \
        '[\$a | fromjson | .points[].channels] == [\$b | fromjson | .points[].channels]' >/dev/null"

check "unknown key fails before running" 2 "$CCSIM" sweep $S --vary channels.chat.volum=1,2 --out "$tmp/bad"
ok "did-you-mean for the key" "grep -q \"did you mean 'volume'\" '$tmp/err'"
ok "the flag is named" "grep -q -- '--vary' '$tmp/err'"
ok "nothing written" "[ ! -e '$tmp/bad' ]"
check "bad value of the last point fails before running" 2 "$CCSIM" sweep $S --vary channels.chat.concurrency=2,3,zero --out "$tmp/bad2"
ok "nothing written for a bad value" "[ ! -e '$tmp/bad2' ]"
check "no --vary" 2 "$CCSIM" sweep $S
check "malformed --vary" 2 "$CCSIM" sweep $S --vary channels.chat.volume
ok "message says what is expected" "grep -q 'KEY=V1,V2' '$tmp/err'"
check "empty value" 2 "$CCSIM" sweep $S --vary channels.chat.volume=1,,2
check "help" 0 "$CCSIM" sweep --help
if command -v script >/dev/null 2>&1; then
    CCSIM_PROGRESS_DELAY=0 script -qec "$CCSIM sweep $S --vary channels.chat.concurrency=2,3 --replications 2 --out '$tmp/p'" \
        /dev/null > "$tmp/tty.out" 2>&1
    ok "progress over the points on a terminal" "grep -q '2/2 points' '$tmp/tty.out'"
fi
if command -v chromium >/dev/null 2>&1 && [ "${CCSIM_SKIP_BROWSER:-0}" != 1 ]; then
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$tmp/profile" --virtual-time-budget=5000 \
        --dump-dom "file://$tmp/sw/sweep.html" >"$tmp/dom.html" 2>/dev/null
    ok "sweep page: all three charts drawn in the browser" \
        "grep -q 'data-charts-drawn=\"3\"' '$tmp/dom.html' && grep -q 'data-charts-total=\"3\"' '$tmp/dom.html'"
fi
exit $failed
