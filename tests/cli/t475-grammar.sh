#!/bin/sh
# One grammar for the command line: every subcommand that reads options
# (run, plan, compare, validate, erlang, staff, verify) takes long options
# written in full, rejects abbreviations and a repeated single-valued flag
# with one line naming the flag, and lets --set, --scale and --metric repeat.
# Then the calculator's channel kinds: erlang/staff --concurrency (chat
# sessions) and --within (deferred work).
set -u
. tests/cli/lib.sh

S=scenarios/single-queue-erlang.yaml
D=tests/data/compare

# ---- abbreviations ------------------------------------------------------------------
run run "$S" --rep 2 --out "$tmp/r"
usage_error "run: --rep is an abbreviation" "--rep"
run plan "$S" --analytic --rep 2 --out "$tmp/p"
usage_error "plan: --rep is an abbreviation" "--rep"
run compare "$D/base.json" "$D/base.json" --form json
usage_error "compare: --form is an abbreviation" "--form"
run validate "$S" --qui
usage_error "validate: --qui is an abbreviation" "--qui"
run erlang --calls 100 --aht 3m --agents 8
usage_error "erlang: --calls is an abbreviation" "--calls"
run staff --calls-per-hour 100 --aht 3m --service 80%
usage_error "staff: --service is an abbreviation" "--service"

# ---- repeated single-valued flags -----------------------------------------------------
run run "$S" --replications 2 --replications 3 --out "$tmp/r"
usage_error "run: --replications twice" "given more than once"
run plan "$S" --seed 1 --seed 2 --out "$tmp/p"
usage_error "plan: --seed twice" "given more than once"
run compare "$D/base.json" "$D/base.json" --format json --format text
usage_error "compare: --format twice" "given more than once"
run validate "$S" --option a --option b
usage_error "validate: --option twice" "given more than once"
run erlang --calls-per-hour 100 --aht 3m --agents 8 --agents 9
usage_error "erlang: --agents twice" "given more than once"
run staff --calls-per-hour 100 --aht 3m --service-level 80% --service-level 90%
usage_error "staff: --service-level twice" "given more than once"

# ---- repeatable flags -------------------------------------------------------------------
run run "$S" --replications 2 --set teams.agents.agents=101 --set teams.agents.agents=102 \
    --scale volume=1.1 --scale aht=0.95 --out "$tmp/r2"
check "run: --set and --scale repeat" [ "$rc" -eq 0 ]
run compare "$D/regressed.json" "$D/base.json" --metric 'channels.*.service_level=abs:0.2' \
    --metric 'plan.*=abs:100'
check "compare: --metric repeats" [ "$rc" -eq 0 ]
run run --replications 2 "$S" --out "$tmp/r3"
check "run: the scenario may come after or among the options" [ "$rc" -eq 0 ]
run run "$S" "$S"
usage_error "run: one scenario only" "unexpected argument"
run run "$S" --replications=2 --out="$tmp/r4"
check "run: --name=VALUE works as --name VALUE" [ "$rc" -eq 0 ]

# ---- erlang and staff: chat sessions, deferred work ----------------------------------------
# 5 agents x 3 sessions with a 15% stretch per extra session is the M/M/15
# queue of sessions whose handle time is 360 s x 1.3 = 468 s.
run erlang --calls-per-hour 100 --aht 6m --agents 5 --concurrency 3 --stretch 15% --json
jcheck "erlang --concurrency: 15 sessions" '.sessions == 15 and .agents == 5 and .session_handle_seconds == 468'
cp "$out" "$tmp/chat.json"
run erlang --calls-per-hour 100 --aht 468 --agents 15 --json
sl=$(jget service_level)
cp "$tmp/chat.json" "$out"
jcheck "erlang --concurrency: the service level of M/M/15 with the stretched time" \
    "(.service_level - $sl | abs) < 1e-12"
run staff --calls-per-hour 300 --aht 6m --service-level 80% --target-seconds 60 \
    --concurrency 3 --stretch 15% --json
jcheck "staff --concurrency: agents = sessions / 3, rounded up" \
    '.agents == ((.sessions + 2) / 3 | floor) and .sessions > 3 * (.agents - 1)'
sessions=$(jget sessions)
run staff --calls-per-hour 300 --aht 468 --service-level 80% --target-seconds 60 --json
jcheck "staff --concurrency: sessions are the plain Erlang requirement at 468 s" ".agents == $sessions"
run staff --calls-per-hour 40 --aht 10m --within 4h --max-occupancy 85% --json
jcheck "staff --within: workload 6.67 erlangs / 85% = 7.84, so 8 agents" \
    '.model == "deferred" and .agents == 8 and (.agents_fractional - 6.666666666666667 / 0.85 | abs) < 1e-9'
run erlang --calls-per-hour 40 --aht 10m --agents 5 --within 4h
check "erlang --within: 5 agents for 6.67 erlangs of email fall behind (exit 1)" \
    eval '[ "$rc" -eq 1 ] && grep -q "backlog growth *10.0" "$out"'
run erlang --calls-per-hour 40 --aht 10m --agents 8 --within 4h
check "erlang --within: 8 agents answer within the window" \
    eval '[ "$rc" -eq 0 ] && grep -q "answered within the window *yes" "$out"'
run staff --calls-per-hour 40 --aht 10m --within 4h --patience 3m
usage_error "--within refuses live-queue options" "--within"
run erlang --calls-per-hour 40 --aht 10m --agents 8 --stretch 10%
usage_error "--stretch needs --concurrency" "--stretch"
finish
