#!/bin/sh
# What-ifs and honest headlines: the run's first lines say which channels
# miss and on how many days; units read (80% in 4 h, ASA in s/min/h);
# overload is named with the number still waiting; --scale multiplies volume
# and handle time (offered x1.3 within its CI); --set creates missing parent
# sections; run --option simulates a plan option; compare starts with a
# decision summary whose directions fit a what-if and whose Markdown, JSON
# and JUnit parse; a baseline lacking the compared metrics exits 2.
set -u
. tests/cli/lib.sh

# A week of calls (4 erlangs on 7 agents) with one busy day (6 erlangs) that
# misses at day scope while the week meets at horizon scope, and an email
# queue (deferred, 4 h window).
S=$tmp/shop.yaml
cat >"$S" <<'EOF'
version: 1
name: shop
horizon: {start: 2026-03-02, days: 7, interval: 60m}
channels:
  calls:
    kind: voice
    volume: {per_hour: 60}
    handle_time: {dist: exponential, mean: 240s}
    patience: {dist: exponential, mean: 300s}
    target: {answer_within: 20s, service_level: 80%, scope: horizon}
  mail:
    kind: email
    volume: 240
    handle_time: {dist: exponential, mean: 5m}
    target: {answer_within: 4h, service_level: 80%}
seasons:
  - {name: spike, date: 2026-03-04, multiplier: 1.5}
teams:
  agents: {skills: [calls], agents: 7}
  office: {skills: [mail], agents: 2}
simulation: {replications: 4, seed: 3}
plan:
  options:
    - {name: more agents, set: {teams.agents.agents: 9}}
EOF

# ---- headlines ------------------------------------------------------------------
run run "$S" --out "$tmp/base"
check "run exits 0" [ "$rc" -eq 0 ]
head -n 3 "$out" >"$tmp/first"
text=$(cat "$tmp/first")
check "first lines: the verdict across channels" has "$text" "Verdict: "
check "first lines: the days that miss, although the horizon meets" \
    has "$text" "Days missing the target: calls 1 of 7"
check "table: a days-met column and the target in units that read" \
    eval 'grep -q "days met" "$out" && grep "^mail " "$out" | grep -q "80% in 4 h"'
check "table: deflected and bot-contained columns" \
    eval 'grep -q "deflected bot-cont." "$out"'
check "risk defined under the table" has "$(cat "$out")" "(risk = share of replications whose whole-horizon figures miss the target"
check "costs say per horizon and per week" has "$(cat "$out")" "cost/horizon"
check "report.html: the same verdict and missed days before the cards" \
    eval 'grep -q "<p class=\"headline miss\">Days missing the target: calls 1 of 7" "$tmp/base/report.html" && grep -q "Risk = share of replications whose whole-horizon" "$tmp/base/report.html"'
check "report.html: the cards show attainment at every scope and the target in units that read" \
    eval 'grep -q "meeting it: intervals [0-9]*% · days 86% · weeks" "$tmp/base/report.html" && grep -q "target 80% in 4 h" "$tmp/base/report.html"'
cp "$tmp/base/summary.json" "$out"
jcheck "summary.json: calls meets at horizon scope, as the table says" \
    '.channels.calls.meets_target == true and .channels.calls.scope_verdict.attainment.days < 1'
jcheck "summary.json: pooled SL with an interval and per-replication values" \
    '.channels.calls.service_level_pooled | (.mean | num) > 0 and .half_width > 0 and (.per_replication | length) == 4'
jcheck "summary.json: paid FTE of the staffing" '(.totals.fte_paid | num) > 0'
jflush

# Three times the email an office of two can answer: the backlog grows.
run run "$S" --set channels.mail.volume=2400 --out "$tmp/over"
check "overload: exit code unchanged (0)" [ "$rc" -eq 0 ]
check "overload named in the first lines" eval 'head -n 4 "$out" | grep -q "^Overload on mail: the queue grows without bound; [0-9]* contacts still waiting"'
waiting=$(sed -n 's/^Overload on mail: the queue grows without bound; \([0-9]*\) contacts.*/\1/p' "$out")
cp "$tmp/over/summary.json" "$out"
jcheck "overload: the number waiting is summary.json's waiting_end" \
    "(.channels.mail.waiting_end.mean - ${waiting:-0} | abs) < 1"
jcheck "summary.json: overloaded, with the age of the oldest waiting" \
    '.channels.mail.overloaded == true and (.channels.mail.oldest_waiting_s | num) > 86400 and .channels.calls.overloaded == false'
jflush
run run "$S" --out "$tmp/base2"
check "no overload without one" eval '! grep -q "Overload" "$out"'

# ---- --scale ----------------------------------------------------------------------
run run "$S" --scale volume=1.3 --out "$tmp/v13"
check "--scale volume=1.3 runs" [ "$rc" -eq 0 ]
cp "$tmp/v13/summary.json" "$out"
b=$(jq '.channels.calls.offered.mean' "$tmp/base/summary.json")
bh=$(jq '.channels.calls.offered.half_width' "$tmp/base/summary.json")
jcheck "offered x1.3 within the combined CI" \
    "(.channels.calls.offered.mean - 1.3 * $b | abs) <= (.channels.calls.offered.half_width + 1.3 * $bh)"
jcheck "the resolved scenario in summary.json holds the scaled volume (240 x 1.3)" \
    '[.scenario.resolved.channels[] | select(.name == "mail") | .volume.per_day] == [312]'
jflush
run run "$S" --scale aht=0.9 --replications 2 --out "$tmp/aht"
cp "$tmp/aht/summary.json" "$out"
a=$(jq '.channels.calls.aht_s.mean' "$tmp/base/summary.json")
jcheck "--scale aht=0.9: handle time x0.9 (within 5%)" \
    "(.channels.calls.aht_s.mean / (0.9 * $a) - 1 | abs) < 0.05"
jflush
run run "$S" --scale mail.volume=2 --replications 2 --out "$tmp/mail2"
cp "$tmp/mail2/summary.json" "$out"
m=$(jq '.channels.mail.offered.mean' "$tmp/base/summary.json")
jcheck "--scale mail.volume=2 doubles mail (within 10%) and leaves calls alone" \
    "(.channels.mail.offered.mean / (2 * $m) - 1 | abs) < 0.1 and (.channels.calls.offered.mean / $b - 1 | abs) < 0.1"
jflush
run run "$S" --scale bogus=2
usage_error "--scale of something else is refused" "--scale"
run run "$S" --scale volume=fast
usage_error "--scale with no factor is refused" "--scale"
run run "$S" --scale cals.volume=2 --out "$tmp/bad"
check "--scale of an unknown channel names it and suggests" \
    eval '[ "$rc" -eq 2 ] && grep -q "no channel .cals. to scale (did you mean .calls.?)" "$err"'

run sweep "$S" --vary 'channels.*.volume=*1,*1.3' --replications 2 --out "$tmp/sw"
check "a scale as a sweep axis: at 1.3 times the volume the calls' service level falls" \
    eval '[ "$rc" -eq 0 ] && jq -e ".points[1].set[\"channels.*.volume\"] == \"*1.3\" and .points[1].channels.calls.service_level < .points[0].channels.calls.service_level - 0.05" "$tmp/sw/sweep.json" >/dev/null'

# ---- --set parents, --option --------------------------------------------------------
grep -v '^plan:\|^  options:\|^    - {name: more' "$S" >"$tmp/noplan.yaml"
run validate "$tmp/noplan.yaml" --set plan.method=erlang-c
check "--set creates a missing parent section" eval '[ "$rc" -eq 0 ] && grep -q "plan: erlang-c" "$out"'
run validate "$S" --set plam.method=erlang-c
check "--set near an existing key is a typo, named once" \
    eval '[ "$rc" -eq 2 ] && grep -q "override: .plam.method.: the scenario has no .plam. here (did you mean .plan.?)" "$err"'
run run "$S" --option "more agents" --replications 2 --out "$tmp/opt"
check "run --option simulates the option" \
    eval '[ "$rc" -eq 0 ] && [ "$(jq ".scenario.resolved.teams[] | select(.name == \"agents\") | .agents" "$tmp/opt/summary.json")" = 9 ]'
run run "$S" --option "fewer agents"
check "run --option with an unknown name lists the options" \
    eval '[ "$rc" -eq 2 ] && grep -q "allowed: .more agents." "$err"'

# ---- compare: the decision summary ----------------------------------------------------
run compare "$tmp/v13" "$tmp/base"
check "compare of +30% volume against the base exits 1 (worse beyond tolerance)" [ "$rc" -eq 1 ]
check "the summary comes first" eval 'head -n 1 "$out" | grep -q "^What-if summary: run of shop"'
check "summary: calls SL worse, with its interval" eval 'grep "^calls " "$out" | head -n 1 | grep -q "± [0-9.]*, -[0-9.]* pp worse"'
check "summary: FTE, cost per week and per contact" \
    eval 'grep -q "^FTE (paid, per week)" "$out" && grep -q "^total cost per week" "$out" && grep -q "^cost per contact" "$out"'
run compare "$tmp/v13" "$tmp/base" --summary
check "--summary prints the summary alone, at most 15 lines" \
    eval '[ "$rc" -eq 1 ] && [ "$(wc -l <"$out")" -le 15 ] && ! grep -q "^metric " "$out"'
run compare "$tmp/v13" "$tmp/base"
check "the detail lists only what moved beyond its tolerance; --all the rest too" \
    eval '[ "$(sed -n "/^metric /,\$p" "$out" | grep -c " ok (")" -eq 0 ] && "$CCSIM" compare --all "$tmp/v13" "$tmp/base" 2>/dev/null | grep -q " ok ("'
check "counts that follow the volume are no regression" \
    eval '"$CCSIM" compare "$tmp/v13" "$tmp/base" 2>/dev/null | grep "^channels.calls.offered " | grep -q changed'

run compare --format markdown "$tmp/v13" "$tmp/base"
check "markdown: every table row has its header's cells, no nan, bold closed" python3 - "$out" <<'EOF'
import sys
lines = open(sys.argv[1]).read().splitlines()
cols = None
for line in lines:
    if line.startswith("|"):
        cells = line.count("|")
        if cols is None:
            cols = cells
        assert cells == cols, line
        assert "nan" not in line and line.count("**") % 2 == 0, line
    else:
        cols = None
assert any(l.startswith("| channel |") for l in lines)
EOF
run compare --format junit "$tmp/v13" "$tmp/base"
check "junit: parses; failures counted as written" python3 - "$out" <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
total = 0
for suite in root:
    fails = len(suite.findall("testcase/failure"))
    assert int(suite.get("failures")) == fails
    assert int(suite.get("tests")) == len(suite.findall("testcase"))
    total += fails
assert total > 0 and int(root.get("failures")) == total
EOF
run compare --format json "$tmp/v13" "$tmp/base"
jcheck "json: summary with FTE, cost and each channel's decision" \
    '(.summary.cost_per_week.new | num) >= 0 and (.summary.fte.new | num) > 0 and .summary.channels.calls.service_level.decision == "worse" and .regressions > 0'
jflush
run compare "$tmp/base2" "$tmp/base"
check "the same run again: exit 0" [ "$rc" -eq 0 ]

# A crafted what-if: the bot contains more, so agents answer fewer; the
# service level holds. Fewer answered is no regression.
cat >"$tmp/b.json" <<'EOF'
{"kind": "run", "scenario": {"name": "x"}, "seed": 1,
 "channels": {"chat": {"answered": {"mean": 1000, "ci_low": 990, "ci_high": 1010},
                       "contained": {"mean": 200, "ci_low": 195, "ci_high": 205},
                       "containment": {"mean": 0.2, "ci_low": 0.19, "ci_high": 0.21},
                       "service_level": {"mean": 0.8, "ci_low": 0.79, "ci_high": 0.81},
                       "p_abandon": {"mean": 0, "ci_low": 0, "ci_high": 0.002}}},
 "totals": {"cost_per_week": 1000}}
EOF
sed 's/"mean": 1000, "ci_low": 990, "ci_high": 1010/"mean": 800, "ci_low": 790, "ci_high": 810/;
     s/"mean": 200, "ci_low": 195, "ci_high": 205/"mean": 400, "ci_low": 395, "ci_high": 405/;
     s/"mean": 0.2, "ci_low": 0.19/"mean": 0.4, "ci_low": 0.39/; s/"ci_high": 0.21/"ci_high": 0.41/;
     s/"mean": 0, "ci_low": 0, "ci_high": 0.002/"mean": 0.001, "ci_low": 0, "ci_high": 0.002/;
     s/"cost_per_week": 1000/"cost_per_week": 1005/' "$tmp/b.json" >"$tmp/n.json"
run compare --all "$tmp/n.json" "$tmp/b.json"
check "containment up: exit 0, fewer answered is a change, not a regression" \
    eval '[ "$rc" -eq 0 ] && grep "^channels.chat.answered " "$out" | grep -q changed && grep "^channels.chat.containment " "$out" | grep -q better'
check "a zero baseline under noise is no regression" eval 'grep "^channels.chat.p_abandon " "$out" | grep -q " ok "'
check "a figure without interval gets 1%: +0.5% cost is within" eval 'grep "^totals.cost_per_week " "$out" | grep -q "ok (rel 0.01)"'
run compare --all --tolerance rel:5% "$tmp/n.json" "$tmp/b.json"
check "rel against a zero baseline uses the interval" eval 'grep "^channels.chat.p_abandon " "$out" | grep -q " ok "'
printf '{"kind": "run", "scenario": {"name": "x"}, "channels": {"chat": {"answered": {"mean": 1000, "ci_low": 990, "ci_high": 1010}}}, "totals": {"answered": 1000}}\n' >"$tmp/thin.json"
run compare "$tmp/n.json" "$tmp/thin.json"
check "a baseline lacking the compared metrics exits 2 naming them" \
    eval '[ "$rc" -eq 2 ] && grep -q "lacks 3 of the compared metrics the new result has: .channels.chat.p_abandon., .channels.chat.service_level., .totals.cost_per_week." "$err"'
printf '{"scenario": {"name": "x"}}\n' >"$tmp/empty.json"
run compare --exact "$tmp/n.json" "$tmp/empty.json"
check "an empty baseline exits 2" [ "$rc" -eq 2 ]
finish
