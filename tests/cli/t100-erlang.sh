#!/bin/sh
# ccsim erlang: reference figures for Erlang C and Erlang A, the JSON contract
# (field names and order), units on the command line, the service-level
# definitions, the unstable-queue exit, --help and --version.
set -u
. tests/cli/lib.sh

# ---- golden case: 200 calls/h, AHT 180 s, 14 agents, T = 20 s -------------
# A = 10 erlangs. Reference values from an independent computation (Python,
# float64): Erlang B recurrence B(k) = A B(k-1) / (k + A B(k-1)),
# C = N B / (N - A (1 - B)) = 0.17413193, SL = 1 - C exp(-(N - A) T / AHT)
# = 0.88835002, ASA = C AHT / (N - A) = 7.8359370 s.
run erlang --calls-per-hour 200 --aht 180 --agents 14 --target-seconds 20 --json
check "golden: exit 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$err"
jcheck "golden: stdout is valid JSON" true
jcheck "golden: fields in the documented order" \
    'keys_unsorted == ["model", "sl_definition", "traffic_erlangs", "agents", "p_wait", "service_level", "target_seconds", "asa_seconds", "mean_wait_seconds", "occupancy"]'
jcheck "golden: model erlang-c, sl_definition offered" \
    '.model == "erlang-c" and .sl_definition == "offered"'
jcheck "golden: traffic 10 erlangs, 14 agents (an integer)" \
    '.traffic_erlangs == 10 and .agents == 14 and int_literal("agents")'
jcheck "golden: service level 0.88835" '(.service_level - 0.88835 | abs) < 5e-6'
jcheck "golden: p_wait 0.1741319" '(.p_wait - 0.1741319 | abs) < 5e-8'
jcheck "golden: ASA 7.836 s" '(.asa_seconds - 7.836 | abs) < 5e-4'
jcheck "golden: mean wait equals ASA under Erlang C" \
    '(.mean_wait_seconds - .asa_seconds | abs) <= 1e-12 * .asa_seconds'
jcheck "golden: occupancy A/N = 10/14" '(.occupancy - 10 / 14 | abs) < 1e-12'
jcheck "golden: target_seconds echoed" '.target_seconds == 20'
jcheck "golden: no p_abandon without patience" 'has("p_abandon") | not'

# The human table carries the same figures.
run erlang --calls-per-hour 200 --aht 180 --agents 14 --target-seconds 20
check "table: exit 0" test "$rc" -eq 0
check "table: service level 0.88835" grep -Eq '^ *service level +0\.88835 ' "$out"
check "table: P(wait) 0.17413" grep -Eq '^ *P\(wait\) +0\.17413 ' "$out"
check "table: ASA 7.836 s" grep -Eq '^ *ASA +7\.836 +s' "$out"
check "table: names the model" grep -q 'Erlang C' "$out"

# T defaults to 20 s; durations with units mean the same seconds.
run erlang --calls-per-hour 200 --aht 3m --agents 14 --json
jcheck "default T is 20 s and 3m = 180 s" \
    '.target_seconds == 20 and (.service_level - 0.88835 | abs) < 5e-6'
run erlang --calls-per-hour=200 --aht=0.05h --agents=14 --target-seconds=20s --json
jcheck "--flag=value form, 0.05h and 20s" '(.service_level - 0.88835 | abs) < 5e-6'

# Service level grows with T and with agents (the other figures do not depend on T).
run erlang --calls-per-hour 200 --aht 180 --agents 14 --target-seconds 0 --json
jcheck "T = 0: service level = 1 - P(wait)" '(.service_level - (1 - .p_wait) | abs) < 1e-12'
run erlang --calls-per-hour 200 --aht 180 --agents 15 --json
jcheck "15 agents: higher service level than 14" '.service_level > 0.8884'

# ---- W1 of bench/WORKLOADS.md: M/M/100, 1080 calls/h, AHT 300 s -------------
# Exact values from WORKLOADS.md (erlang.py): P(wait) 0.21694, ASA 6.5082 s,
# SL20 0.88862.
run erlang --calls-per-hour 1080 --aht 300 --agents 100 --json
check "W1: exit 0" test "$rc" -eq 0
jcheck "W1: traffic 90 erlangs" '(.traffic_erlangs - 90 | abs) < 1e-9'
jcheck "W1: P(wait) 0.21694" '(.p_wait - 0.21694 | abs) < 5e-6'
jcheck "W1: ASA 6.5082 s" '(.asa_seconds - 6.5082 | abs) < 5e-5'
jcheck "W1: SL20 0.88862" '(.service_level - 0.88862 | abs) < 5e-6'

# ---- W2: W1 plus exponential patience, mean 120 s (Erlang A) ------------------
# Exact values from WORKLOADS.md (birth-death chain, erlang.py): P(wait)
# 0.12988, P(abandon) 0.01235, mean wait 1.4824 s, SL20 0.96685.
run erlang --calls-per-hour 1080 --aht 300 --agents 100 --patience 120 --json
check "W2: exit 0" test "$rc" -eq 0
jcheck "W2: fields in order, p_abandon last" \
    'keys_unsorted == ["model", "sl_definition", "traffic_erlangs", "agents", "p_wait", "service_level", "target_seconds", "asa_seconds", "mean_wait_seconds", "occupancy", "p_abandon"]'
jcheck "W2: model erlang-a" '.model == "erlang-a"'
jcheck "W2: P(wait) 0.12988" '(.p_wait - 0.12988 | abs) < 5e-6'
jcheck "W2: P(abandon) 0.01235" '(.p_abandon - 0.01235 | abs) < 5e-6'
jcheck "W2: mean wait 1.4824 s" '(.mean_wait_seconds - 1.4824 | abs) < 5e-5'
jcheck "W2: SL20 0.96685" '(.service_level - 0.96685 | abs) < 5e-6'
# Occupancy under Erlang A is carried load / N: abandoned contacts bring no work.
jcheck "W2: occupancy below A/N (abandons carry no work)" '(.occupancy | num) < 0.9'
jcheck "W2: carried load = offered x (1 - P(abandon))" \
    '(.occupancy * 100 - 90 * (1 - .p_abandon) | abs) < 1e-6'

# Service-level definitions. With patience: answered-only >= excluding short
# abandons >= over all offered (the denominators shrink in that order). The
# offered SL is W2's, still in $out.
sl_offered=$(jget service_level) || sl_offered=-1
run erlang --calls-per-hour 1080 --aht 300 --agents 100 --patience 120 --sl-definition answered --json
jcheck "answered definition named in JSON" '.sl_definition == "answered"'
sl_answered=$(jget service_level) || sl_answered=-1
run erlang --calls-per-hour 1080 --aht 300 --agents 100 --patience 120 \
    --sl-definition exclude-short --short-abandon 5s --json
jcheck "exclude-short definition names its threshold" \
    '.sl_definition == "exclude-short" and .short_abandon_seconds == 5'
sl_short=$(jget service_level) || sl_short=-1
check "SL offered < SL excluding short abandons" awk -v a="$sl_offered" -v b="$sl_short" 'BEGIN { exit !(a < b) }'
check "SL excluding short abandons < SL answered" awk -v a="$sl_short" -v b="$sl_answered" 'BEGIN { exit !(a < b) }'
run erlang --calls-per-hour 1080 --aht 300 --agents 100 --patience 120 --sl-definition virtual --json
# P(V <= T) lies between them: answered within T is {V <= T, patience >= V},
# and conditioning on being answered favours short V.
jcheck "virtual definition: between the offered and answered-only SL" \
    '.sl_definition == "virtual" and '"$sl_offered"' < (.service_level | num) and (.service_level | num) < '"$sl_answered"
# Without patience every definition is the same number.
for def in answered virtual; do
    run erlang --calls-per-hour 200 --aht 180 --agents 14 --sl-definition $def --json
    jcheck "Erlang C: $def SL equals the offered SL" '(.service_level - 0.88835002 | abs) < 1e-7'
done

# ---- unstable queue ------------------------------------------------------------
run erlang --calls-per-hour 200 --aht 180 --agents 10
check "load = agents: exit 1, nothing on stdout" test "$rc" -eq 1 -a ! -s "$out"
check "load = agents: one line saying unstable, load and agents" \
    sh -c 'test "$(wc -l <"$1")" -eq 1 && grep -q "unstable" "$1" && grep -q "10 erlangs" "$1" && grep -q "10 agents" "$1"' _ "$err"
run erlang --calls-per-hour 190 --aht 180 --agents 9 --json
check "load 9.5 > 9 agents: exit 1 suggesting 11 agents or --patience" \
    sh -c 'test "$2" -eq 1 && test ! -s "$3" && grep -q "at least 11 agents" "$1" && grep -q -- "--patience" "$1"' _ "$err" "$rc" "$out"
run erlang --calls-per-hour 200 --aht 180 --agents 10 --patience 60 --json
check "overload with patience is not unstable: exit 0" test "$rc" -eq 0
jcheck "overload with patience: finite figures, some abandon" \
    'all(.[] | numbers; isinfinite or isnan | not) and (.p_abandon | num | 0 < . and . < 1)'

# ---- scale ----------------------------------------------------------------------
# 100,000 agents at 99% load: exact, finite, and answers well within the timeout.
run erlang --calls-per-hour 1980000 --aht 180 --agents 100000 --json
check "100,000 agents: exit 0" test "$rc" -eq 0
jcheck "100,000 agents: probabilities in [0, 1]" \
    '(.p_wait | num | 0 <= . and . <= 1) and (.service_level | num | 0 <= . and . <= 1) and .occupancy == 0.99'


# ---- help, version, output errors ---------------------------------------------
run erlang --help
check "--help: exit 0, usage on stdout, nothing on stderr" \
    sh -c 'test "$2" -eq 0 && test ! -s "$3" && grep -q "^usage: ccsim erlang" "$1"' _ "$out" "$rc" "$err"
help=$(cat "$out")
for word in "answered within T / all contacts offered" "mean wait of answered contacts" \
    "mean time in queue over all offered" "busy agent time / agent time" \
    --calls-per-hour --aht --agents --target-seconds --patience --sl-definition --json; do
    check "--help mentions '$word'" has "$help" "$word"
done
run --version
check "ccsim --version: exit 0, prints the version" \
    sh -c 'test "$2" -eq 0 && grep -Eq "^ccsim [0-9]+\.[0-9]+\.[0-9]+" "$1"' _ "$out" "$rc"
if [ -w /dev/full ]; then
    timeout 20 "$CCSIM" erlang --calls-per-hour 200 --aht 180 --agents 14 >/dev/full 2>"$err"
    rc=$?
    check "write error on stdout: exit 3 with a message" \
        sh -c 'test "$2" -eq 3 && grep -q "cannot write" "$1"' _ "$err" "$rc"
fi

finish
