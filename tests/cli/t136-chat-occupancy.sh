#!/bin/sh
# Chat occupancy under its two names: for a team serving chat with
# concurrency, run reports "agents holding >= 1 chat" and "open chats /
# capacity" (table, summary.json, report.html), and the plan calls its
# session occupancy (sessions / (agents x k)) by the second name, in
# plan.csv and in the weekly figures.
. "$(dirname "$0")/lib.sh"

# both COND1 COND2: both shell conditions (strings, evaluated) hold.
both() { eval "$1" && eval "$2"; }

cat >"$tmp/chat.yaml" <<'YAML'
version: 1
name: chat-occupancy
horizon: {start: 2026-01-05, days: 1, interval: 60m}
channels:
  chat:
    kind: chat
    volume: {per_hour: 40}
    handle_time: 6m
    concurrency: 3
    target: {answer_within: 60s, service_level: 80%}
  calls:
    kind: voice
    volume: {per_hour: 20}
    handle_time: 5m
    target: {answer_within: 20s, service_level: 80%}
teams:
  chatters: {skills: [chat], agents: 3}
  phones: {skills: [calls], agents: 4}
simulation: {replications: 4, seed: 7}
YAML

run run "$tmp/chat.yaml" --out "$tmp/r"
check "run exits 0" [ "$rc" -eq 0 ]
check "  the table names both figures" both \
    'grep -q "agents holding ≥ 1 chat *open chats ÷ capacity" "$out"' 'grep -q "^chatters " "$out"'
check "  the report names both" both 'grep -q "agents holding ≥ 1 chat" "$tmp/r/report.html"' \
    'grep -q "open chats ÷ capacity" "$tmp/r/report.html"'
cp "$tmp/r/summary.json" "$out"
t='.teams.chatters'
jcheck "summary.json: agents_holding_chat in (0, 1]" \
    "$t.agents_holding_chat.mean | num > 0 and . <= 1"
# With k = 3 chats per agent, open chats / capacity <= agents holding >= 1 chat.
jcheck "  open_chats_per_capacity below it" \
    "($t.open_chats_per_capacity.mean | num) < ($t.agents_holding_chat.mean | num)"
jcheck "  utilisation = open chats / slots of agents holding chats (their ratio)" \
    "(($t.open_chats_per_capacity.mean / $t.agents_holding_chat.mean) - ($t.utilisation.mean | num) | abs) < 0.05"
jcheck "  occupancy kept (baselines)" "$t.occupancy.mean | num > 0"
jcheck "  a voice-only team has neither" \
    '.teams.phones | has("agents_holding_chat") or has("open_chats_per_capacity") | not'
jcheck "  definitions name both" \
    '.definitions | test("agents_holding_chat") and test("open_chats_per_capacity")'

run plan "$tmp/chat.yaml" --analytic --replications 2 --out "$tmp/p"
check "plan exits 0" [ "$rc" -eq 0 ]
check "  the weekly table names occupancy and open chats / capacity" \
    grep -q "occ = busy agents ÷ agents on channels of one contact at a time, chats = open chats ÷ capacity" "$out"
col() { head -1 "$tmp/p/plan.csv" | tr , '\n' | grep -n -x "$1" | cut -d: -f1; }
o=$(col expected_occupancy_frac) c=$(col expected_open_chats_per_capacity)
check "plan.csv: chat rows carry open chats / capacity, not occupancy" awk -F, -v o="$o" -v c="$c" '
    NR > 1 && $3 == "chat" && $c != "" { chat++; if ($o != "") bad++ }
    NR > 1 && $3 == "calls" && $o != "" { calls++; if ($c != "") bad++ }
    END { exit !(chat > 0 && calls > 0 && bad == 0) }' "$tmp/p/plan.csv"
cp "$tmp/p/summary.json" "$out"
jcheck "plan weeks: occupancy of the voice channel and open chats / capacity of chat" \
    '.plan.weeks[0] | (.occupancy | num > 0) and (.open_chats_per_capacity | num > 0)'
finish
