#!/bin/sh
# ccsim verify: the simulator, through the scenario loader, against exact
# theory (Erlang C and A, Pollaczek-Khinchine, Cobham's priority classes, a
# containing chatbot, Erlang Chat in both stretch modes, a shift change).
# Every check
# agrees at the default seed and at another one, the JSON is well formed and
# complete, the output does not depend on the number of threads, and usage
# errors exit 2.
set -u
. tests/cli/lib.sh

run verify
check "default run: exit 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$err"
check "default run: every check agrees" grep -q '^every check agrees with theory$' "$out"
check "default run: no check disagrees" sh -c '! grep -q DISAGREES "$1"' _ "$out"
check "default run: five Erlang C and A cases" \
    sh -c 'test "$(grep -c "^W1: Erlang C\|^W2: Erlang A\|^Erlang [CA][ ,]" "$1")" -eq 5' _ "$out"
check "default run: M/D/1 and M/G/1, priorities, a chatbot" \
    sh -c 'grep -q "^M/D/1" "$1" && grep -q "^M/G/1" "$1" && grep -q "^Two priority classes" "$1" &&
           grep -q "^Chatbot containing" "$1" && grep -q "ASA (s), class 2" "$1" &&
           grep -q "^Erlang Chat, 1 agent, 3 chats, dynamic stretch" "$1"' _ "$out"
check "default run: chat with the stretch fixed at the start, exact chain P(wait) 0.57738" \
    sh -c 'grep -q "^Chat, 1 agent, 3 chats, stretch 1/1.25/1.6 fixed at the start" "$1" &&
           grep -A 2 "fixed at the start" "$1" | grep -q "P(wait) .* 0\.57738 *ok"' _ "$out"
check "default run: a shift change judged per half day (Erlang C 12 then 10 agents)" \
    sh -c 'grep -q "^Shift change at 12:00, N = 12 then 10" "$1" &&
           grep -q "service level, 03-11 h .* 0\.89289 *ok" "$1" &&
           grep -q "service level, 15-23 h .* 0\.6419 *ok" "$1"' _ "$out"
check "default run: Little's law and conservation per case" \
    sh -c 'test "$(grep -c "Little.s law.* ok$" "$1")" -eq 12 &&
           test "$(grep -c "conservation .*exact in 20 of 20 replications ok$" "$1")" -eq 12' _ "$out"
# The W1 line shows the exact Erlang C P(wait) of bench/WORKLOADS.md.
check "default run: W1 theory P(wait) 0.21694" grep -q 'P(wait) .* 0\.21694 ' "$out"
cp "$out" "$tmp/table1"

run verify --threads 1
check "one thread: byte-identical table" cmp -s "$out" "$tmp/table1"

run verify --json --seed 7 --replications 10
check "json: exit 0" test "$rc" -eq 0
jcheck "json: fields and ok" \
    'keys_unsorted == ["replications", "seed", "family_confidence", "comparisons", "offset_agents", "cases", "ok"] and .ok == true'
jcheck "json: 12 cases, 39 comparisons, all ok" \
    '(.cases | length) == 12 and .comparisons == 39 and ([.cases[].checks | length] | add) == 39 and all(.cases[].checks[]; .ok == true)'
jcheck "json: Pollaczek-Khinchine M/D/1 ASA 240 s" \
    '.cases[5].checks[1].metric == "asa_seconds" and (.cases[5].checks[1].theory - 240 | abs) < 1e-9'
jcheck "json: each theory value within its interval" \
    'all(.cases[].checks[]; (.simulated - .theory | abs) <= .half_width)'
jcheck "json: Erlang A cases report p_abandon" \
    '[.cases[3].checks[].metric] == ["p_wait", "service_level", "asa_seconds", "mean_wait_seconds", "p_abandon"]'
jcheck "json: W2 theory P(abandon) 0.01235" \
    '(.cases[3].checks[4].theory - 0.01235 | abs) < 5e-6'
jcheck "json: Little and conservation hold" \
    'all(.cases[]; .little_ok == true and .conservation_ok == true)'
jcheck "json: the shift checks name their hours and staffing" \
    '[.cases[11].checks[] | [.hours, .agents]] == [["03:00-11:00", 12], ["03:00-11:00", 12], ["15:00-23:00", 10], ["15:00-23:00", 10]]'


# A model one agent short must be caught: exit 1, DISAGREES lines.
run verify --offset-agents -1
check "one agent short: exit 1" test "$rc" -eq 1
check "one agent short: disagreements reported" grep -q 'check(s) disagree with theory$' "$out"
# (Little's law may disagree too where one agent short is unstable: its queue
# grows over the measured window and drains after it.) Every comparison but
# the bot's containment, which no staffing changes, disagrees.
check "one agent short: all 38 staffing comparisons disagree" \
    sh -c 'test "$(grep DISAGREES "$1" | grep -vc "Little")" -eq 38 &&
           grep -q "containment .* ok$" "$1"' _ "$out"
run verify --offset-agents 1 --json
jcheck "one agent more: all 38 staffing comparisons disagree" \
    '[.cases[].checks[] | select(.ok | not)] | length == 38'
jcheck "  the six of the fixed-at-start chat and the shift change among them" \
    '[.cases[10:][].checks[] | select(.ok | not)] | length == 6'

run verify --replications 1
usage_error "one replication is a usage error" "replications"
run verify --threads -2
usage_error "negative threads is a usage error" "threads"
run verify --offset-agents 1.5
usage_error "fractional agent offset is a usage error" "offset-agents"
run verify --bogus
usage_error "unknown option is a usage error" "bogus"
run verify --help
check "--help: exit 0 and usage on stdout" sh -c 'test "$2" -eq 0 && grep -q "^usage: ccsim verify" "$1"' _ "$out" "$rc"

finish
