#!/bin/sh
# Hostile scenarios: names that would be paths or carry terminal escapes,
# runs that would never end (drain with endless retrials, transfer loops,
# retry storms), inputs that aborted (a gamma cv of 1e-200, a volume of 1e9),
# nesting that took minutes to parse. Each exits 2 with one clear message, or
# runs to completion within its stated limits and says so.
. "$(dirname "$0")/lib.sh"

head=$tmp/head.yaml
cat >"$head" <<'EOF'
version: 1
name: hostile
horizon: {start: 2026-01-05, days: 1, interval: 60m}
EOF

# no_esc: no ESC byte in $err.
no_esc() { ! grep -q "$esc" "$err"; }

# both COND1 COND2: both shell conditions (strings, evaluated) hold.
both() { eval "$1" && eval "$2"; }

# scenario FILE BODY: the common head followed by BODY.
scenario() {
    { cat "$head"; printf '%s\n' "$2"; } >"$1"
}

one_queue='channels:
  calls: {kind: voice, volume: 200, handle_time: 5m}
teams:
  a: {skills: [calls], agents: 5}
simulation: {replications: 2, seed: 1}'

# ---- names ----------------------------------------------------------------
for name in "'../../x'" "'..'" "/tmp/abs" '"a\e[31mred"' '"a\u009bb"' "' lead'" "-x"; do
    { sed 's/^name: .*/name: NAME/' "$head"; printf '%s\n' "$one_queue"; } |
        awk -v n="$name" '{ sub(/NAME/, n) } 1' >"$tmp/name.yaml"
    mkdir -p "$tmp/w/d"
    (cd "$tmp/w/d" && timeout 20 "$CCSIM" run ../../name.yaml >"$out" 2>"$err")
    rc=$?
    check "name $name is refused at load (exit 2)" [ "$rc" -eq 2 ]
    check "  with no results written" both '[ ! -e "$tmp/w/d/results" ] && [ ! -e /tmp/abs/run ]' \
        '[ ! -e "$tmp/x" ] && [ ! -e "$tmp/w/x" ]'
    check "  and no control character on stderr" [ -z "$(tr -d '\n\t' <"$err" | tr -d '[:print:]')" ]
done
scenario "$tmp/ok.yaml" "$one_queue"
run run "$tmp/ok.yaml" --set 'name=../evil' --out "$tmp/o1"
check "--set name=../evil is refused (exit 2)" both '[ "$rc" -eq 2 ]' '[ ! -e "$tmp/o1" ]'
run run "$tmp/ok.yaml" --set 'description="x\e[2Jy"' --out "$tmp/o1"
check "a description with ESC is refused" both '[ "$rc" -eq 2 ]' 'grep -q U+001B "$err"'
run validate "$tmp/ok.yaml" --set "$(printf 'k\033[31m')=1"
check "an escape in a --set key is not echoed raw" both '[ "$rc" -eq 2 ]' no_esc
run run "$tmp/ok.yaml" --out "$(printf '%s/\033[31m' "$tmp")"
usage_error "an --out with a control character is refused before simulating" "--out"
check "  and not echoed raw" no_esc
cp "$tmp/ok.yaml" "$tmp/we ird;name.yaml"
sed -i '/^name:/d' "$tmp/we ird;name.yaml"
(cd "$tmp" && timeout 20 "$CCSIM" run --replications 1 "we ird;name.yaml" >"$out" 2>"$err")
check "a file name outside the name rule gives a safe default name" [ -s "$tmp/results/we ird_name/run/summary.json" ]

# ---- termination ------------------------------------------------------------
scenario "$tmp/drain.yaml" 'channels:
  calls:
    kind: voice
    volume: 1000
    handle_time: 5m
    patience: {dist: exponential, mean: 60s}
    retry: {share: 100%, delay: {dist: exponential, mean: 10m}}
teams:
  a:
    skills: [calls]
    shifts: [{start: "08:00", end: "16:00", agents: 10}]
simulation: {replications: 2, seed: 1, drain: true}'
run run "$tmp/drain.yaml" --out "$tmp/o2"
check "drain with 100% retrial and no agents after the shift ends (exit 0)" [ "$rc" -eq 0 ]
check "  and says customers gave up at max_attempts" grep -q 'gave up after simulation.max_attempts (10)' "$err"

scenario "$tmp/loop.yaml" 'channels:
  a: {kind: voice, volume: 100, handle_time: 5m, transfer: {share: 100%, channel: b}}
  b: {kind: voice, volume: 0, handle_time: 5m, transfer: {share: 100%, channel: a}}
teams:
  t: {skills: [a, b], agents: 10}
simulation: {replications: 2, seed: 1, drain: true}'
run run "$tmp/loop.yaml" --out "$tmp/o3"
check "a 100% transfer loop with drain ends (exit 0)" [ "$rc" -eq 0 ]
check "  and says transfers stopped at max_transfers" grep -q 'simulation.max_transfers (10) transfers' "$err"
run run "$tmp/loop.yaml" --set simulation.max_transfers=0 --set simulation.drain_limit=1d --out "$tmp/o3"
check "without max_transfers the drain limit ends it (exit 0)" [ "$rc" -eq 0 ]
check "  and says so" grep -q 'the drain stopped at its limit (simulation.drain_limit, 24 h' "$err"
run validate "$tmp/loop.yaml" --set simulation.max_attempts=0
check "max_attempts 0 is refused" both '[ "$rc" -eq 2 ]' 'grep -q max_attempts "$err"'

scenario "$tmp/storm.yaml" 'channels:
  calls:
    kind: voice
    volume: 2000
    handle_time: 5m
    patience: {dist: deterministic, mean: 0.001s}
    retry: {share: 100%, delay: {dist: deterministic, mean: 0.001s}}
teams:
  a: {skills: [calls], agents: 1}
simulation: {replications: 2, seed: 1}'
run run "$tmp/storm.yaml" --out "$tmp/o4"
check "a retry storm (1 ms patience, 1 ms retry) ends (exit 0)" [ "$rc" -eq 0 ]

# ---- aborts -------------------------------------------------------------------
for spread in "cv: 1e-200" "sd: 1e-300" "cv: 1e-9"; do
    scenario "$tmp/gamma.yaml" "channels:
  calls: {kind: voice, volume: 100, handle_time: {dist: gamma, mean: 5m, $spread}}
teams:
  a: {skills: [calls], agents: 5}"
    run run "$tmp/gamma.yaml" --out "$tmp/o5"
    check "gamma $spread is refused with the cv rule (exit 2)" both '[ "$rc" -eq 2 ]' \
        'grep -q "needs a cv of at least 0.001" "$err"'
done
scenario "$tmp/huge.yaml" 'channels:
  calls: {kind: voice, volume: 1e9, handle_time: 5m}
teams:
  a: {skills: [calls], agents: 10}
simulation: {replications: 1}'
run run "$tmp/huge.yaml" --out "$tmp/o6"
check "volume 1e9 is refused before simulating (exit 2)" both '[ "$rc" -eq 2 ]' '[ ! -e "$tmp/o6" ]'
check "  naming the estimate, the limit and --no-limits" both \
    'grep -q "would need about .* of memory" "$err"' 'grep -q -- --no-limits "$err"'
run run scenarios/single-queue-erlang.yaml --replications 2 --set horizon.days=1 --threads 1024 \
    --out "$tmp/t1024"
check "--threads 1024 runs (capped at the cores)" [ "$rc" -eq 0 ]
run run scenarios/single-queue-erlang.yaml --replications 2 --set horizon.days=1 --threads 1 \
    --out "$tmp/t1"
check "  with the same bytes as one thread" cmp -s "$tmp/t1/intervals.csv" "$tmp/t1024/intervals.csv"

# ---- Erlang Chat stretch mode -------------------------------------------------
chat='channels:
  chat:
    kind: chat
    volume: 300
    handle_time: 6m
    concurrency: 3
    stretch: {multipliers: [1, 1.25, 1.6], mode: MODE}
teams:
  a: {skills: [chat], agents: 3}
simulation: {replications: 2}'
scenario "$tmp/chat.yaml" "$(printf '%s' "$chat" | sed 's/MODE/dynamic/')"
run run "$tmp/chat.yaml" --out "$tmp/o7"
check "stretch.mode dynamic runs (exit 0)" [ "$rc" -eq 0 ]
scenario "$tmp/chat.yaml" "$(printf '%s' "$chat" | sed 's/MODE/later/')"
run validate "$tmp/chat.yaml"
check "an unknown stretch.mode is refused" both '[ "$rc" -eq 2 ]' 'grep -q "stretch.mode" "$err"'

# ---- nesting ------------------------------------------------------------------
awk 'BEGIN { printf "version: 1\nname: x\nfoo: "; for (i = 0; i < 200000; i++) printf "[";
             for (i = 0; i < 200000; i++) printf "]"; print "" }' >"$tmp/deep.yaml"
run validate "$tmp/deep.yaml"
check "200,000 nested lists: exit 2 at once" both '[ "$rc" -eq 2 ]' 'grep -q "nest more than 64 deep" "$err"'
deep=$(awk 'BEGIN { for (i = 0; i < 50000; i++) printf "["; for (i = 0; i < 50000; i++) printf "]" }')
run validate "$tmp/ok.yaml" --set "description=$deep"
check "  also through --set" both '[ "$rc" -eq 2 ]' 'grep -q "nests lists and mappings more than 64" "$err"'
awk 'BEGIN { printf "default: "; for (i = 0; i < 100000; i++) printf "[";
             for (i = 0; i < 100000; i++) printf "]"; print "" }' >"$tmp/tol.yaml"
run compare results/baselines/single-queue-erlang results/baselines/single-queue-erlang \
    --tolerance-file "$tmp/tol.yaml"
check "  also through --tolerance-file" both '[ "$rc" -eq 2 ]' 'grep -q "nest more than 64 deep" "$err"'

finish
