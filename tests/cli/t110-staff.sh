#!/bin/sh
# ccsim staff: the least staffing meeting each kind of target, checked against
# ccsim erlang one agent below (so minimality is tested, not just feasibility),
# both shrinkage formulas, the JSON contract and the infeasible exit.
set -u
. tests/cli/lib.sh

# agents: prints the agent count of the JSON in $out (0 when missing).
agents() {
    jget agents || echo 0
}

# ---- golden case: 200 calls/h, AHT 180 s, SL 80% within 20 s ------------------
# A = 10 erlangs. Erlang C (independent Python computation, see t100):
# 13 agents give SL 0.7843 < 0.8 and 14 give 0.88835, so 14 is the minimum.
run staff --calls-per-hour 200 --aht 180 --service-level 0.8 --target-seconds 20 --json
check "golden: exit 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$err"
jcheck "golden: stdout is valid JSON" true
jcheck "golden: 14 agents" '.agents == 14 and int_literal("agents")'
jcheck "golden: fields in the documented order" \
    'keys_unsorted == ["model", "sl_definition", "agents", "service_level", "target_seconds", "asa_seconds", "occupancy", "traffic_erlangs", "p_wait", "mean_wait_seconds", "targets"]'
jcheck "golden: figures at 14 agents" \
    '(.service_level - 0.88835 | abs) < 5e-6 and (.asa_seconds - 7.836 | abs) < 5e-4 and (.occupancy - 10 / 14 | abs) < 1e-12 and .traffic_erlangs == 10'
jcheck "golden: targets echoed" '.targets == {"service_level": 0.8, "target_seconds": 20}'
jcheck "golden: no shrinkage fields without --shrinkage" 'has("scheduled_agents") | not'
run erlang --calls-per-hour 200 --aht 180 --agents 13 --json
jcheck "golden: 13 agents miss 80% (so 14 is minimal)" '(.service_level | num) < 0.8'

# Shares as percentages, durations with units.
run staff --calls-per-hour 200 --aht 3m --service-level 80% --target-seconds 20s --json
jcheck "80% and 3m mean 0.8 and 180 s" '.agents == 14'

# ---- shrinkage: both formulas -----------------------------------------------------
# scheduled = 14 / (1 - 0.3) = 20; the guide's formula on the workload:
# 200 x 180 / 3600 x (1 + 0.3) = 13.0.
run staff --calls-per-hour 200 --aht 180 --service-level 0.8 --target-seconds 20 --shrinkage 0.3 --json
check "shrinkage: exit 0" test "$rc" -eq 0
jcheck "shrinkage: fields in order after the figures" \
    'keys_unsorted[-5:] == ["shrinkage", "scheduled_agents", "scheduled_agents_rounded", "workload_formula_agents", "targets"]'
jcheck "shrinkage: 0.3 echoed" '.shrinkage == 0.3'
jcheck "shrinkage: scheduled 14 / 0.7 = 20" '(.scheduled_agents - 20 | abs) < 1e-9'
jcheck "shrinkage: scheduled rounded 20, not 21" '.scheduled_agents_rounded == 20'
jcheck "shrinkage: workload formula 13.0" '(.workload_formula_agents - 13.0 | abs) < 1e-9'
run staff --calls-per-hour 200 --aht 180 --service-level 0.8 --shrinkage 35% --json
jcheck "shrinkage 35%: scheduled 14 / 0.65 = 21.54, rounded 22" \
    '(.scheduled_agents - 14 / 0.65 | abs) < 1e-9 and .scheduled_agents_rounded == 22 and (.workload_formula_agents - 13.5 | abs) < 1e-9'
run staff --calls-per-hour 200 --aht 180 --service-level 0.8 --shrinkage 0 --json
jcheck "shrinkage 0: scheduled = agents, workload formula = load" \
    '.scheduled_agents == 14 and .scheduled_agents_rounded == 14 and .workload_formula_agents == 10'

run staff --calls-per-hour 200 --aht 180 --service-level 0.8 --target-seconds 20 --shrinkage 0.3
check "table: exit 0" test "$rc" -eq 0
check "table: 14 agents required" grep -Eq '^ *agents required +14( |$)' "$out"
check "table: divisive formula labelled, 20 scheduled" \
    sh -c 'grep -Eq "^ *scheduled agents +20\.0000 .*1 - shrinkage" "$1" && grep -Eq "^ *scheduled agents, rounded +20( |$)" "$1"' _ "$out"
check "table: the guide's formula labelled, 13.0" \
    grep -Eq "^ *workload formula agents +13\.0000 .*1 \+ shrinkage.*guide" "$out"

# ---- other targets, each checked for minimality with ccsim erlang -----------------
# ASA <= 10 s.
run staff --calls-per-hour 200 --aht 180 --max-asa 10 --json
check "max ASA: exit 0" test "$rc" -eq 0
jcheck "max ASA: target met" '(.asa_seconds | num) <= 10 and .targets == {"max_asa_seconds": 10}'
k=$(agents)
run erlang --calls-per-hour 200 --aht 180 --agents $((k - 1)) --json
jcheck "max ASA: one agent fewer misses it" '.asa_seconds > 10'

# Occupancy <= 70%: N >= 10 / 0.7 = 14.29, so 15.
run staff --calls-per-hour 200 --aht 180 --max-occupancy 70% --json
jcheck "max occupancy 70%: 15 agents" '.agents == 15 and (.occupancy | num) <= 0.7'

# Every target at once: the binding one decides.
run staff --calls-per-hour 200 --aht 180 --service-level 0.8 --max-asa 10 --max-occupancy 0.7 --json
jcheck "several targets: the strictest (occupancy) decides, 15" '.agents == 15'

# Erlang A: P(abandon) <= 1% with patience 120 s on W1's queue (1080/h, 300 s).
run staff --calls-per-hour 1080 --aht 300 --max-abandon 0.01 --patience 120 --json
check "max abandon: exit 0" test "$rc" -eq 0
jcheck "max abandon: erlang-a with p_abandon and p_wait" \
    '.model == "erlang-a" and has("p_abandon") and has("p_wait") and has("mean_wait_seconds") and (.p_abandon | num) <= 0.01'
k=$(agents)
run erlang --calls-per-hour 1080 --aht 300 --agents $((k - 1)) --patience 120 --json
jcheck "max abandon: one agent fewer misses it" '.p_abandon > 0.01'

# SL with patience: W2 has SL20 0.96685 at 100 agents (WORKLOADS.md), so a
# target of 0.96 needs at most 100.
run staff --calls-per-hour 1080 --aht 300 --service-level 0.96 --target-seconds 20 --patience 120 --json
jcheck "W2 SL 96%: at most 100 agents, target met" '(.agents | num) <= 100 and .service_level >= 0.96'
k=$(agents)
run erlang --calls-per-hour 1080 --aht 300 --agents $((k - 1)) --patience 120 --json
jcheck "W2 SL 96%: one agent fewer misses it" '(.service_level | num) < 0.96'

# ---- infeasible -----------------------------------------------------------------------
# 1e9 calls/h x 1 h = 1e9 erlangs: no staffing up to the largest allowed count.
run staff --calls-per-hour 1e9 --aht 1h --service-level 0.8 --json
check "infeasible: exit 1, nothing on stdout, one line on stderr" \
    sh -c 'test "$2" -eq 1 && test ! -s "$3" && test "$(wc -l <"$1")" -eq 1 && grep -q "^ccsim: error: " "$1"' _ "$err" "$rc" "$out"

# ---- help -------------------------------------------------------------------------------
run staff --help
check "--help: exit 0, usage on stdout" \
    sh -c 'test "$2" -eq 0 && test ! -s "$3" && grep -q "^usage: ccsim staff" "$1"' _ "$out" "$rc" "$err"
help=$(cat "$out")
for word in "agents / (1 - shrinkage)" "(R x AHT / 3600) x (1 + shrinkage)" \
    "answered within T / all contacts offered" --service-level --max-asa --max-occupancy \
    --max-abandon --shrinkage --patience; do
    check "--help mentions '$word'" has "$help" "$word"
done

finish
