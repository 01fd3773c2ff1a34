#!/bin/sh
# Targets as the business measures them: one busy day among quiet ones
# meets its target over the horizon but misses it at day scope, in run
# (summary.json, terminal) and sweep alike; summary.json carries the
# attainment at every scope and names the worst period; max_risk judges each
# replication on its own counts; bad scope and max_risk values are refused.
set -u
. tests/cli/lib.sh

# 60 calls an hour of 4 minutes on 7 agents (4 erlangs) for a week, except
# Wednesday at 1.5 times the volume (6 erlangs): that day's service level
# falls well below 80% while the week, pooled, stays above it.
S=$tmp/spike.yaml
cat >"$S" <<'EOF'
version: 1
name: spike
description: one busy day among quiet ones
horizon: {start: 2026-03-02, days: 7, interval: 60m}
channels:
  calls:
    kind: voice
    volume: {per_hour: 60}
    handle_time: {dist: exponential, mean: 240s}
    patience: {dist: exponential, mean: 300s}
    target: {answer_within: 20s, service_level: 80%, scope: day}
seasons:
  - {name: spike, date: 2026-03-04, multiplier: 1.5}
teams:
  agents: {skills: [calls], agents: 7}
simulation: {replications: 2, seed: 3}
EOF

# ---- scope: day -----------------------------------------------------------------
run run "$S" --out "$tmp/day"
check "run at day scope" [ "$rc" -eq 0 ]
text=$(cat "$out")
check "terminal: misses at day scope, naming the day" \
    has "$text" "verdict: misses at day scope — day 2026-03-04: SL "
check "terminal: attainment by interval and day" \
    has "$text" "days meeting 85% (6/7)"
check "terminal: the row says it misses at day scope" \
    has "$text" "  misses at day scope: SL "
check "terminal: risk defined under the table" \
    has "$text" "risk = share of replications in which the period misses"
cp "$tmp/day/summary.json" "$out"
jcheck "summary.json: the target carries its scope" '.channels.calls.target.scope == "day"'
jcheck "summary.json: meets_target false on the service level" \
    '.channels.calls | .meets_target == false and .misses == ["service_level"]'
jcheck "summary.json: the verdict says at which scope" \
    '.channels.calls.verdict | test("^misses at day scope: SL [0-9.]+% < 80%$")'
jcheck "summary.json: scope_verdict names the worst day" \
    '.channels.calls.scope_verdict | .scope == "day" and .max_risk == null and .status == "misses" and .worst_period == "day 2026-03-04" and (.reasons | test("^SL [0-9.]+% < 80%$"))'
jcheck "summary.json: one of seven judged days missed" \
    '.channels.calls.scope_verdict | .periods == 7 and .periods_judged == 7 and .periods_missed == 1 and .worst_period_risk == 1'
jcheck "summary.json: attainment at every scope" \
    '.channels.calls.scope_verdict.attainment | keys_unsorted == ["intervals", "days", "weeks", "horizon"] and (.intervals | num) > 0 and .intervals < 1 and (.days - 6 / 7 | abs) < 1e-12 and .weeks == 1 and .horizon == "meets"'
jcheck "summary.json: the horizon, pooled, meets its goal" \
    '.channels.calls | (.service_level.mean | num) >= .target.service_level'

# ---- scope: horizon -------------------------------------------------------------
run run "$S" --set channels.calls.target.scope=horizon --out "$tmp/horizon"
check "run at horizon scope" [ "$rc" -eq 0 ]
check "terminal: meets at horizon scope" has "$(cat "$out")" "verdict: meets at horizon scope"
cp "$tmp/horizon/summary.json" "$out"
jcheck "summary.json: the same figures meet at horizon scope" \
    '.channels.calls | .meets_target == true and (has("misses") | not) and (has("verdict") | not)'
jcheck "summary.json: scope_verdict at the horizon" \
    '.channels.calls.scope_verdict | .scope == "horizon" and .status == "meets" and .worst_period == "horizon" and .periods == 1 and .periods_missed == 0 and (.attainment.days - 6 / 7 | abs) < 1e-12'

# ---- max_risk: each replication on its own counts ---------------------------------
# At the horizon with max_risk 0%, it misses exactly when some replication's
# own service level is below the goal; the worst period's risk is their share.
run run "$S" --set channels.calls.target.scope=horizon --set channels.calls.target.max_risk=0% \
    --set channels.calls.target.service_level=86% --replications 4 --out "$tmp/risk"
check "run with max_risk" [ "$rc" -eq 0 ]
cp "$tmp/risk/summary.json" "$out"
jcheck "summary.json: max_risk echoed" \
    '.channels.calls | .target.max_risk == 0 and .scope_verdict.max_risk == 0'
jcheck "summary.json: risk is the share of replications below the goal" \
    '.channels.calls | ([.service_level.per_replication[] | select(. < 0.86)] | length) as $k | .scope_verdict.worst_period_risk == $k / 4 and .scope_verdict.status == (if $k > 0 then "misses" else "meets" end)'
jcheck "summary.json: a miss on risk names max_risk" \
    '.channels.calls | if .scope_verdict.status == "misses" and .scope_verdict.attainment.horizon == "meets" then .misses == ["max_risk"] else true end'

# ---- sweep ------------------------------------------------------------------------
run sweep "$S" --vary channels.calls.target.scope=day,horizon --out "$tmp/sw"
check "sweep of the scope" [ "$rc" -eq 0 ]
check "sweep table: day marked and missed, horizon met" \
    eval "grep ' channels.calls.target.scope=day ' '$out' | grep -q '%!.* missed\$' &&
          grep ' channels.calls.target.scope=horizon ' '$out' | grep -q 'all met\$'"
cp "$tmp/sw/sweep.json" "$out"
jcheck "sweep.json: misses at day scope, meets at horizon scope" \
    '.points[0].channels.calls.meets_target == false and .points[1].channels.calls.meets_target == true'
jcheck "sweep.json: the same verdict as run" \
    ".points[0].channels.calls.verdict == \"$(jq -r .channels.calls.verdict "$tmp/day/summary.json")\""

# ---- plan: options and the staffing as written judged by the same rule ------------
run plan "$S" --analytic --set 'plan={options: [{name: as staffed, set: {}}]}' --out "$tmp/plan"
check "plan at day scope" [ "$rc" -eq 0 ]
cp "$tmp/plan/summary.json" "$out"
jcheck "plan: the option as written misses at day scope, as run says" \
    '.plan.options[0].as_written.meets_targets == false'
jcheck "plan: plan.why says the staffing as written misses on Wednesday" \
    '.plan.why.as_written[0].verdict == "misses" and .plan.why.as_written[0].worst_period == "day 2026-03-04" and .plan.why.as_written[0].scope == "day"'
jcheck "plan: the planned roster meets at day scope, in its simulation and its why" \
    '.channels.calls.meets_target == true and .plan.why.planned[0].verdict == "meets"'

# ---- bad values ---------------------------------------------------------------------
run run "$S" --set channels.calls.target.scope=month --out "$tmp/bad"
check "an unknown scope is refused, listing the allowed ones" \
    eval '[ "$rc" -ne 0 ] && has "$(cat "$err")" "channels.calls.target.scope: unknown value '"'"'month'"'"' (allowed: horizon, interval, day or week)"'
run run "$S" --set channels.calls.target.max_risk=150% --out "$tmp/bad"
check "max_risk above 100% is refused" \
    eval '[ "$rc" -ne 0 ] && has "$(cat "$err")" "channels.calls.target.max_risk: must be at most 100%"'
finish
