#!/bin/sh
# One verdict everywhere: a queue whose service level meets its goal while
# abandonment breaks max_abandon misses its target in run (summary.json and
# the terminal table), in sweep (table, CSV, JSON) and in plan's options, and
# each says why; a channel with no contacts has no verdict; plan by erlang-c
# says that it cannot size for the abandonment cap.
set -u
CCSIM=${CCSIM:-build/ccsim}
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { # description, expected exit, command...
    desc=$1; want=$2; shift 2
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then echo "ok $n - $desc"; else
        echo "not ok $n - $desc (exit $got, want $want)"; sed 's/^/    /' "$tmp/err" | head -5; failed=1; fi
}
ok() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=1; fi; }
# jok DESCRIPTION FILE JQ-EXPRESSION: the expression is true on the JSON in FILE.
jok() { ok "$1" "jq -e '$3' '$2' >/dev/null"; }

# 600 calls an hour of 5 minutes on 50 agents (50 erlangs) with a mean
# patience of one minute: about 92% answered within 60 s against an 80% goal,
# but about 8% hang up against a 2% cap.
S=$tmp/abandon.yaml
cat >"$S" <<'EOF'
version: 1
name: abandon-cap
description: the service level meets its goal while abandonment breaks its cap
horizon:
  start: 2026-01-05
  days: 2
  interval: 60m
channels:
  calls:
    kind: voice
    volume: {per_hour: 600}
    handle_time: {dist: exponential, mean: 300s}
    patience: {dist: exponential, mean: 60s}
    target: {answer_within: 60s, service_level: 80%, max_abandon: 2%, scope: horizon}
teams:
  agents:
    skills: [calls]
    agents: 50
    cost: {per_hour: 30}
simulation:
  replications: 4
  seed: 3
plan:
  method: erlang-c
  options:
    - name: as staffed
      set: {}
    - name: more agents
      set:
        teams.agents.agents: 70
EOF

# ---- run ------------------------------------------------------------------------
check "run" 0 "$CCSIM" run "$S" --out "$tmp/run"
cp "$tmp/out" "$tmp/run.txt"
jok "summary.json: SL meets its goal, abandonment breaks its cap" "$tmp/run/summary.json" \
    '.channels.calls | .service_level.mean >= .target.service_level and .p_abandon.mean > .target.max_abandon'
jok "summary.json: meets_target is false and names max_abandon" "$tmp/run/summary.json" \
    '.channels.calls | .meets_target == false and .misses == ["max_abandon"]'
jok "summary.json: the verdict says why" "$tmp/run/summary.json" \
    '.channels.calls.verdict | test("^misses: abandon [0-9.]+% > 2%$")'
ok "terminal: the row says it misses on abandonment" \
    "grep '^calls ' '$tmp/run.txt' | grep -q '  misses: abandon [0-9.]*% > 2%\$'"
ok "terminal: not blamed on the service level" \
    "grep -q '^calls ' '$tmp/run.txt' && ! grep '^calls ' '$tmp/run.txt' | grep -q 'below target'"
ok "report.html: the card is marked and says why" \
    "grep -q '<div class=\"card miss\"><h3>calls' '$tmp/run/report.html' && \
     grep -q 'misses: abandon [0-9.]*% &gt; 2%' '$tmp/run/report.html'"

check "run with a 10% cap" 0 "$CCSIM" run "$S" --set channels.calls.target.max_abandon=10% --out "$tmp/run10"
jok "within the cap it meets, with no reasons" "$tmp/run10/summary.json" \
    '.channels.calls | .meets_target == true and (has("misses") | not) and (has("verdict") | not)'
ok "terminal: no note on a channel that meets" \
    "grep -q '^calls .*%\$' '$tmp/out' && ! grep '^calls ' '$tmp/out' | grep -q 'misses\\|below'"

# A channel that never gets a contact has no verdict: neither meets nor misses.
sed 's/^teams:/  quiet:\
    kind: chat\
    volume: {per_hour: 0}\
    handle_time: {dist: exponential, mean: 300s}\
    target: {answer_within: 60s, service_level: 80%}\
teams:/; s/skills: \[calls\]/skills: [calls, quiet]/' "$S" >"$tmp/quiet.yaml"
check "run with a channel without contacts" 0 "$CCSIM" run "$tmp/quiet.yaml" --out "$tmp/quiet"
jok "no contacts: meets_target is null, verdict n/a" "$tmp/quiet/summary.json" \
    '.channels.quiet | .meets_target == null and .verdict == "n/a: no contacts presented"'
ok "terminal: n/a for the channel without contacts" \
    "grep '^quiet ' '$tmp/out' | grep -q 'n/a: no contacts presented'"

# ---- sweep ----------------------------------------------------------------------
check "sweep of the headcount" 0 "$CCSIM" sweep "$S" --vary teams.agents.agents=50,70 --out "$tmp/sw"
ok "table: 50 agents marked and missed" "grep ' teams.agents.agents=50 ' '$tmp/out' | grep -q '%!.* missed\$'"
ok "table: 70 agents all met" "grep ' teams.agents.agents=70 ' '$tmp/out' | grep -q 'all met\$'"
ok "csv: meets_target 0 and meets_all 0 at 50 agents, 1 and 1 at 70" \
    "awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[\$i] = i; next }
              { m[\$1] = \$col[\"meets_target\"] \$col[\"meets_all\"] }
              END { exit !(m[0] == \"00\" && m[1] == \"11\") }' '$tmp/sw/sweep.csv'"
jok "json: the 50-agent point misses on max_abandon" "$tmp/sw/sweep.json" \
    '.points[0] | .meets_all_targets == false and .channels.calls.meets_target == false and .channels.calls.misses == ["max_abandon"]'
jok "json: the 70-agent point meets" "$tmp/sw/sweep.json" \
    '.points[1] | .meets_all_targets == true and .channels.calls.meets_target == true'
ok "sweep and run give the same verdict on the same figures" \
    "v=\$(jq -r '.points[0].channels.calls.verdict' '$tmp/sw/sweep.json') && [ -n \"\$v\" ] && \
     [ \"\$v\" = \"\$(jq -r '.channels.calls.verdict' '$tmp/run/summary.json')\" ]"

# ---- plan -----------------------------------------------------------------------
check "plan by erlang-c" 0 "$CCSIM" plan "$S" --out "$tmp/plan"
cp "$tmp/out" "$tmp/plan.txt"
ok "options: 'as staffed' as written misses its targets" \
    "grep -A1 '^as staffed ' '$tmp/plan.txt' | grep 'as written' | grep -q 'misses targets'"
ok "options: 'more agents' as written meets them" \
    "grep -A1 '^more agents ' '$tmp/plan.txt' | grep 'as written' | grep -q 'meets targets'"
jok "plan json: the same verdicts on the options" "$tmp/plan/summary.json" \
    '.plan.options[0].as_written.meets_targets == false and .plan.options[0].as_written.targets_missed == 1 and .plan.options[1].as_written.meets_targets == true'
jok "plan json: the option as written has the run's figures" "$tmp/plan/summary.json" \
    '.plan.options[0].as_written.channels[0].service_level >= 0.8'
ok "plan says erlang-c cannot size for max_abandon" \
    "grep -q \"^note: the requirement of 'calls' is Erlang C.*cannot size for max_abandon\" '$tmp/plan.txt'"
jok "plan json: the same note in the assumptions" "$tmp/plan/summary.json" \
    '.plan.assumptions.abandonment | test("cannot size for max_abandon")'
ok "plan's simulated channel carries the one verdict" \
    "[ \"\$(jq -r '.channels.calls.meets_target' '$tmp/plan/summary.json')\" = \
       \"\$(grep -q '^calls .*misses' '$tmp/plan.txt' && echo false || echo true)\" ]"
check "plan by erlang-a" 0 "$CCSIM" plan "$S" --set plan.method=erlang-a --out "$tmp/plan_a"
ok "erlang-a sizes for the cap: no note" \
    "grep -q '^Options' '$tmp/out' && ! grep -q '^note: ' '$tmp/out'"
jok "erlang-a: no abandonment assumption, the planned option meets" "$tmp/plan_a/summary.json" \
    '(.plan.assumptions | has("abandonment") | not) and .plan.options[0].planned.meets_targets == true'
exit $failed
