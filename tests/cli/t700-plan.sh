#!/bin/sh
# ccsim plan: the result files written atomically and byte-identical for any
# thread count at a fixed seed; plan.csv's chain agrees with --explain; the
# holiday season hires and buys vendor cover in its peak weeks; the
# outsourcing options are ranked by cost at equal service level; a period no
# shift rule can reach is reported and left out of the search; usage and
# scenario errors exit 2 with one line naming the flag, and nothing written.
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
    timeout 120 "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then echo "ok $n - $desc"; else
        echo "not ok $n - $desc (exit $got, want $want)"; sed 's/^/    /' "$tmp/err" | head -5; failed=1; fi
}
ok() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=1; fi; }
# usage: the last command printed nothing on stdout and one error line naming $1.
one_line() { [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
    grep -q '^ccsim: error: ' "$tmp/err" && grep -qF -e "$1" "$tmp/err"; }
# jjson FILE EXPRESSION: the JSON document in FILE (exactly one value)
# satisfies the jq EXPRESSION: every output true. `num` passes a number other
# than NaN and fails on anything else, so a missing or NaN field cannot pass a
# comparison (in jq null and NaN sort below every number).
jjson() {
    jq -n -e --rawfile raw "$1" '
        def num: if type == "number" and (isnan | not) then . else error("expected a number, got \(tojson)") end;
        [$raw | fromjson | ('"$2"')] | length > 0 and all(. == true)' >/dev/null
}

# ---- periods no roster can meet ---------------------------------------------
# Calls until 17:00, shifts the rules allow only until 16:00: the 16:00
# interval is reported, left out of the search, and the rest converges.
cat > "$tmp/late.yaml" <<'EOF'
version: 1
name: late-calls
horizon: {start: 2026-03-02, days: 1, interval: 60m}
profiles:
  day: {hourly: [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]}
channels:
  calls: {kind: voice, volume: 1530, profile: day, handle_time: 180s,
          target: {answer_within: 20s, service_level: 80%}}
teams:
  pool: {skills: [calls], agents: 10, cost: {per_hour: 1}}
simulation: {replications: 12, seed: 7}
plan:
  method: erlang-c
  shift_rules:
    pool:
      - {name: am, start: "08:00", length: 4h}
      - {name: pm, start: "12:00", length: 4h}
EOF
check "plan with an interval no shift can reach" 0 "$CCSIM" plan "$tmp/late.yaml" --out "$tmp/late"
ok "the text names the period and says how the search ended" \
    "grep -q '^1 period cannot be met by any roster the shift rules allow.*first: calls, interval 2026-03-02 16:00' '$tmp/out' && grep -q '^Least-cost search: .*(converged)' '$tmp/out'"
ok "summary.json reports it" "jjson '$tmp/late/summary.json' '.plan.least_cost_search | .unreachable_periods == 1, .first_unreachable == \"calls interval 2026-03-02 16:00\", .converged == true'"

# ---- files, determinism ----------------------------------------------------
check "plan with one thread" 0 "$CCSIM" plan $S --replications 2 --seed 5 --threads 1 --out "$tmp/t1"
ok "eight result files and no temporaries" "[ \$(ls '$tmp/t1' | wc -l) = 8 ] && [ -s '$tmp/t1/plan.csv' ] && [ -s '$tmp/t1/plan_teams.csv' ] && [ -s '$tmp/t1/roster.csv' ] && [ -s '$tmp/t1/agents.csv' ] && [ -s '$tmp/t1/planned.yaml' ] && [ -s '$tmp/t1/summary.json' ] && [ -s '$tmp/t1/intervals.csv' ] && [ -s '$tmp/t1/report.html' ]"
ok "terminal shows the weekly plan, shifts, hiring and the simulation" \
    "grep -q '^Weekly FTE plan' '$tmp/out' && grep -q '^Teams and shifts' '$tmp/out' && grep -q '^Hiring' '$tmp/out' && grep -q '^Simulation of the roster' '$tmp/out'"
ok "terminal names the shrinkage formula" "grep -q 'divisive: scheduled = required / (1 - s)' '$tmp/out'"
ok "the least-cost search met every target, the check seed agrees, no dearer than an analytic roster that met" \
    "jjson '$tmp/t1/summary.json' '.plan.least_cost_search as \$x | \$x.met and \$x.converged and \$x.rounds >= 2 and \$x.check_periods_missed == 0 and ((.plan.paid_agent_hours | num) <= \$x.analytic_paid_hours or \$x.by_round[0].periods_missed > 0)'"
ok "  and every channel of its simulation meets its target" \
    "jjson '$tmp/t1/summary.json' 'all(.channels[]; .meets_target != false)'"
check "plan with two threads" 0 "$CCSIM" plan $S --replications 2 --seed 5 --threads 2 --out "$tmp/t2"
for f in plan.csv plan_teams.csv roster.csv agents.csv planned.yaml summary.json intervals.csv report.html; do
    ok "$f byte-identical across thread counts" "cmp -s '$tmp/t1/$f' '$tmp/t2/$f'"
done
# ---- planned.yaml: the roster as a scenario --------------------------------------
check "run planned.yaml with the plan's seed" 0 "$CCSIM" run "$tmp/t1/planned.yaml" --replications 2 --seed 5 --out "$tmp/pr"
ok "it reproduces the plan's simulation of every channel" \
    "jq -n -e --slurpfile a '$tmp/t1/summary.json' --slurpfile b '$tmp/pr/summary.json' '[\$a[0].channels[] | .service_level.mean, .asa_s.mean] == [\$b[0].channels[] | .service_level.mean, .asa_s.mean]' >/dev/null"
ok "  under its own name (its runs do not replace the scenario's)" "grep -q '^name: \".*-planned\"' '$tmp/t1/planned.yaml'"
ok "agents.csv: one line per agent and week, every day a shift, off or outside the horizon" \
    "head -n 1 '$tmp/t1/agents.csv' | grep -qx 'agent,team,week,week_start,mon,tue,wed,thu,fri,sat,sun,days_worked,paid_h' && awk -F, 'NR > 1 && \$3 >= 1 { for (i = 5; i <= 11; i++) if (\$i != \"off\" && \$i != \"\" && \$i !~ /^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]\$/) bad = 1; n++ } END { exit bad || n == 0 }' '$tmp/t1/agents.csv'"
ok "agents.csv: nobody works more than 5 days in a full week, days off consecutive" \
    "awk -F, 'NR > 1 && \$3 >= 1 { full = 1; w = 0; for (i = 5; i <= 11; i++) { if (\$i == \"\") full = 0; if (\$i != \"off\" && \$i != \"\") w++ } if (full && w > 5) bad = 1; if (full) { s = \"\"; for (i = 5; i <= 11; i++) s = s (\$i == \"off\" ? \"o\" : \"w\"); s = s s; if (w <= 5 && s !~ /oo/) bad = 1 } } END { exit bad }' '$tmp/t1/agents.csv'"
check "other seed" 0 "$CCSIM" plan $S --replications 2 --seed 6 --out "$tmp/s6"
ok "other seed changes the simulation, not the requirement" \
    "! cmp -s '$tmp/t1/summary.json' '$tmp/s6/summary.json' && cut -d, -f1-30 '$tmp/t1/plan.csv' > '$tmp/a' && cut -d, -f1-30 '$tmp/s6/plan.csv' > '$tmp/b' && cmp -s '$tmp/a' '$tmp/b'"

# ---- plan.csv and summary.json --------------------------------------------
ok "plan.csv has one row per interval and channel" "[ \$(wc -l < '$tmp/t1/plan.csv') = \$((7 * 48 * 6 + 1)) ]"
ok "plan.csv header carries units" "head -1 '$tmp/t1/plan.csv' | grep -q '^date,interval_start,channel,kind,forecast_contacts,.*,aht_s,.*,workload_erlangs,.*,gross_divisive_agents,gross_multiplicative_agents,gross_agents,scheduled_agents,fte_net,fte_gross,.*below_target,occupancy_above_90$'"
ok "plan.csv uses ISO dates, HH:MM and dot decimals" "sed -n 2p '$tmp/t1/plan.csv' | grep -q '^2026-03-02,00:00,phone,voice,0\.0000,'"
ok "plan_teams.csv has one row per interval and team" "[ \$(wc -l < '$tmp/t1/plan_teams.csv') = \$((7 * 48 * 2 + 1)) ]"
ok "summary.json carries the plan section" \
    "jjson '$tmp/t1/summary.json' '.plan.method == \"erlang-a\" and .plan.shrinkage_method == \"divisive\" and (.plan.weeks | length) == 1 and (.plan.channels | length) == 6 and (.plan.fte_gross | num) > (.plan.fte_net | num) and (.plan.fte_net | num) > 0'"
ok "summary.json simulates the roster" "jjson '$tmp/t1/summary.json' '.replications == 2 and .channels.phone.service_level.mean > 0.8'"
ok "report.html holds the plan charts" "grep -q 'id=\"plan-weeks\"' '$tmp/t1/report.html' && grep -q 'id=\"plan-heat\"' '$tmp/t1/report.html' && grep -q 'id=\"plan-team-0\"' '$tmp/t1/report.html' && grep -q 'id=\"plan-sl-0\"' '$tmp/t1/report.html'"
check "plan is comparable with itself" 0 "$CCSIM" compare --exact "$tmp/t2" "$tmp/t1"

# ---- explain -----------------------------------------------------------------
check "explain one interval of one channel" 0 "$CCSIM" plan $S --explain '2026-03-02 10:00' --channel phone
ok "explain names the interval and channel" "grep -q \"== 2026-03-02 10:00, channel 'phone' (voice) ==\" '$tmp/out'"
ok "explain shows every stage" "grep -q '^workload' '$tmp/out' && grep -q '^occupancy cap' '$tmp/out' && grep -q '^  divisive' '$tmp/out' && grep -q '^  multiplicative' '$tmp/out' && grep -q '^scheduled' '$tmp/out' && grep -q '^FTE' '$tmp/out' && grep -q '^team totals' '$tmp/out'"
row=$(awk -F, '$1=="2026-03-02" && $2=="10:00" && $3=="phone"' "$tmp/t1/plan.csv")
gross=$(echo "$row" | cut -d, -f26)
sched=$(echo "$row" | cut -d, -f27)
want=$(printf 'scheduled      : ceil(%.3f) = %s agents' "$gross" "$sched")
ok "explain and plan.csv agree ($want)" "grep -qF '$want' '$tmp/out'"
mkdir "$tmp/cwd"
abs_ccsim=$(cd "$(dirname "$CCSIM")" && pwd)/$(basename "$CCSIM")
abs_s=$(pwd)/$S
check "explain from another folder" 0 sh -c "cd '$tmp/cwd' && '$abs_ccsim' plan '$abs_s' --explain '2026-03-02 10:00'"
ok "explain writes no files" "[ -z \"\$(ls '$tmp/cwd')\" ] && [ \$(grep -c wrote '$tmp/out') = 0 ]"
check "explain every channel" 0 "$CCSIM" plan $S --explain '2026-03-04T18:30'
ok "every channel explained" "[ \$(grep -c '^== 2026-03-04 18:30' '$tmp/out') = 6 ]"

# ---- schedule efficiency with 30-minute starts and 4-9 h lengths ----------
check "plan with flexible shift rules" 0 "$CCSIM" plan $S --replications 2 --seed 5 --out "$tmp/flex" \
    --set 'plan.shift_rules={tier1: [{name: flex, start: any, step: 30m, length: "4h-9h"}], tier2: [{name: flex, start: any, step: 30m, length: "4h-9h"}]}' \
    --set 'plan.options=[]'
ok "30-minute starts and 4-9 h lengths: schedule efficiency at least 85%, per team too" \
    "jjson '$tmp/flex/summary.json' '(.plan.schedule_efficiency | num) >= 0.85 and all(.plan.teams[]; (.schedule_efficiency | num) >= 0.85)'"

# ---- the shipped scenarios ---------------------------------------------------
check "holiday season" 0 "$CCSIM" plan scenarios/holiday-season.yaml --replications 2 --analytic --json --out "$tmp/hs"
ok "holiday season: vendor cover in the peak weeks, hires starting by the peak" \
    "jjson '$tmp/out' '([.plan.weeks[2:6][].vendor_hours | num] | add) > 1000 and .plan.weeks[4].start == \"2025-11-24\" and .plan.weeks[4].gap_fte > 50 and .plan.hires > 0 and all(.plan.weeks[:4][]; .hires_starting == 0)'"
# Judged over the horizon: the analytic rosters leave a few shift-change
# intervals short in simulation, which only the least-cost search repairs.
check "outsourcing" 0 "$CCSIM" plan scenarios/outsourcing.yaml --replications 3 --analytic --json --out "$tmp/os" \
    --set channels.phone.target.scope=horizon --set channels.chat.target.scope=horizon \
    --set channels.email.target.scope=horizon
ok "outsourcing: options ranked by cost at equal SL, nights outsourced cheapest" \
    "jjson '$tmp/out' '.plan.cheapest_planned == \"nights outsourced\" and (.plan.options | length) == 3 and all(.plan.options[]; .planned.meets_targets == true) and (.plan.options[1].planned.delta_cost_per_week | num) < 0'"
ok "holiday season: cost parts add up to the total and overtime and vendor cover are charged" \
    "jjson '$tmp/hs/summary.json' '.plan.cost as \$k | ((\$k.inhouse + \$k.overtime + \$k.vendor + \$k.hiring - \$k.total_per_week) | fabs) < 1e-6 and \$k.overtime > 0 and \$k.vendor > 0 and \$k.hiring > 0 and \$k.per_contact > 0'"
ok "outsourcing: schedule efficiency reported, per team and week" \
    "jjson '$tmp/os/summary.json' '(.plan.schedule_efficiency | num) > 0.5 and .plan.schedule_efficiency <= 1 and (.plan.teams[0].schedule_efficiency_by_week | length) == 2'"
check "multiplicative shrinkage by --set" 0 "$CCSIM" plan scenarios/single-queue-erlang.yaml --set plan.shrinkage_method=multiplicative --set teams.agents.shrinkage=30% --replications 2 --analytic --out "$tmp/mul"
ok "the plan uses and names the guide's formula" \
    "jjson '$tmp/mul/summary.json' '.plan.shrinkage_method == \"multiplicative\"' && awk -F, 'NR > 1 && \$26 != \$25 { bad = 1 } END { exit bad }' '$tmp/mul/plan.csv'"
ok "gross is net x 1.3 in every row" "awk -F, 'NR > 1 { d = \$21 * 1.3 - \$26; if (d > 0.0001 || d < -0.0001) bad = 1 } END { exit bad }' '$tmp/mul/plan.csv'"

# ---- simulation-verified staffing -----------------------------------------------
cat > "$tmp/pool.yaml" <<'EOF2'
version: 1
name: pool
horizon: {start: 2026-03-02, days: 1, interval: 60m}
profiles:
  day: {hourly: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]}
channels:
  sales: {kind: voice, volume: 1440, profile: day, handle_time: 180s}
  service: {kind: voice, volume: 1440, profile: day, handle_time: 180s}
teams:
  pool: {skills: [sales, service], agents: 30}
simulation: {replications: 6, seed: 3}
plan: {method: erlang-c}
EOF2
check "--verify on two pooled queues, one thread" 0 "$CCSIM" plan "$tmp/pool.yaml" --verify --analytic --threads 1 --out "$tmp/v1"
ok "verification reported with the change per team" "grep -q '^Simulation-verified staffing: ' '$tmp/out' && grep -q 'pool         verified - analytic = -' '$tmp/out'"
ok "verified staffing meets targets with fewer agent-hours" \
    "jjson '$tmp/v1/summary.json' '.plan.verification.met_targets == true and (.plan.teams[0].verified_change_agent_hours | num) < 0 and .plan.verified_by_simulation == true'"

check "--verify, two threads" 0 "$CCSIM" plan "$tmp/pool.yaml" --verify --analytic --threads 2 --out "$tmp/v2"
ok "verified plan byte-identical across thread counts" "cmp -s '$tmp/v1/summary.json' '$tmp/v2/summary.json' && cmp -s '$tmp/v1/plan_teams.csv' '$tmp/v2/plan_teams.csv'"

# ---- errors ----------------------------------------------------------------------
check "explain time not on an interval start" 2 "$CCSIM" plan $S --explain '2026-03-02 10:15'
ok "one line naming --explain and the interval" "one_line '--explain' && grep -q '10:00' '$tmp/err'"
check "explain time outside the horizon" 2 "$CCSIM" plan $S --explain '2027-01-01 10:00'
ok "message says outside the horizon" "one_line 'outside the horizon'"
check "explain time malformed" 2 "$CCSIM" plan $S --explain 'tomorrow 9am'
ok "message gives the format" "one_line 'YYYY-MM-DD HH:MM'"
check "unknown channel" 2 "$CCSIM" plan $S --explain '2026-03-02 10:00' --channel fax
ok "message names the channel and lists the allowed ones" "one_line \"no channel 'fax'\" && grep -q 'phone, tier2_phone' '$tmp/err'"
check "--channel without --explain" 2 "$CCSIM" plan $S --channel phone
ok "message names --channel" "one_line '--channel'"
check "--explain with --json" 2 "$CCSIM" plan $S --explain '2026-03-02 10:00' --json
check "zero replications" 2 "$CCSIM" plan $S --replications 0 --out "$tmp/bad1"
ok "nothing written on a usage error" "[ ! -e '$tmp/bad1' ]"
check "unknown flag" 2 "$CCSIM" plan $S --frobnicate
check "missing scenario" 2 "$CCSIM" plan
check "unreadable scenario" 3 "$CCSIM" plan "$tmp/none.yaml"
printf 'horizon:\n  start: 2026-01-05\n  days: 0\n' > "$tmp/bad.yaml"
check "invalid scenario" 2 "$CCSIM" plan "$tmp/bad.yaml" --out "$tmp/bad2"
ok "nothing written for an invalid scenario" "[ ! -e '$tmp/bad2' ]"
: > "$tmp/afile"
check "output folder that is a file" 3 "$CCSIM" plan $S --replications 2 --out "$tmp/afile/sub"
check "help" 0 "$CCSIM" plan --help
ok "help states the formula and the exit codes" "grep -q 'divisive' '$tmp/out' && grep -q 'Exit codes' '$tmp/out'"
echo "1..$n"
exit $failed
