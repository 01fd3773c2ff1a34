#!/bin/sh
# ccsim validate: every shipped scenario is valid (exit 0, a summary on
# stdout, no warnings); every invalid fixture exits 2 with its problem as
# FILE:LINE:COL: error: ... on stderr at the position its header states; all
# problems of a file come out in one run; warnings do not fail; --set and
# --option work; usage errors exit 2.
set -u
. tests/cli/lib.sh

# ---- shipped scenarios --------------------------------------------------------------
for f in scenarios/*.yaml scenarios/bench/*.yaml; do
    run validate "$f"
    if [ "$rc" -eq 0 ] && [ ! -s "$err" ] && awk '
        /^scenario / { s = 1 } /^channels \(/ { c = 1 } /^teams \(/ { t = 1 }
        END { exit !(s && c && t) }' "$out"; then
        ok "valid: $f"
    else
        not_ok "valid: $f (exit $rc)"
    fi
done

# The summary of the default scenario: weekly volume after deflection of the
# phone line = 10,500 a week x (1 - 5%) = 9,975; tier 1 schedules
# 34 x 8.5 h x 5 + 26 x 8.5 x 5 + 22 x 8.5 x 5 + 20 x 6.5 x 5 + 34 x 8.5 x 2 + 22 x 8.5 x 2
# = 5,087 h a week.
run validate scenarios/ecommerce-week.yaml
check "summary: phone weekly volume 9975" grep -Eq '^  phone +voice +9975 ' "$out"
check "summary: tier1 5087 hours a week" grep -q '5087.0 scheduled hours/week' "$out"
check "summary: chatbot line" grep -q 'assistant .*fronts chat; containment 25%' "$out"
check "summary: target of email" grep -Eq '^  email .*80% first response in 4h' "$out"
run validate scenarios/holiday-season.yaml
check "summary: Black Friday week" grep -Eq 'Black Friday week +2025-11-24..2025-12-01 +x2.4' "$out"

# ---- invalid fixtures -----------------------------------------------------------------
# Each fixture's first line reads: # expect LINE:COL "MESSAGE FRAGMENT" -- why
count=0
for f in tests/data/scenarios/invalid/*.yaml; do
    count=$((count + 1))
    head1=
    IFS= read -r head1 <"$f"
    pos=
    frag=
    case $head1 in
    "# expect "[0-9]*:[0-9]*" \""*"\" -- "*)
        pos=${head1#"# expect "}
        pos=${pos%%" "*}
        frag=${head1#*\"}
        frag=${frag%\"" -- "*}
        ;;
    esac
    run validate "$f"
    # stderr: a line holding FILE:POS: error: FRAG, two ': error: ' lines in
    # all, the last one starting with the count (read by the shell itself:
    # a process per fixture would cost more than the check).
    found=0
    errors=0
    line=
    final=
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in *"$f:$pos: error: $frag"*) found=1 ;; esac
        case $line in *": error: "*) errors=$((errors + 1)) ;; esac
        final=$line
        line=
    done <"$err"
    case $final in "ccsim: error: $f: 1 error"*) ;; *) found=0 ;; esac
    if [ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ -n "$pos" ] && [ "$found" = 1 ] &&
        [ "$errors" -eq 2 ]; then
        ok "invalid: $f at $pos"
    else
        not_ok "invalid: $f at $pos (exit $rc)"
    fi
done
check "at least 40 invalid fixtures" [ "$count" -ge 40 ]

# ---- all problems in one run ----------------------------------------------------------
cat >"$tmp/many.yaml" <<'YAML'
horizon: {start: 2026-03-02, days: 0}
channels:
  phone: {kind: voise, volume: 10, handle_time: 5m}
  chat: {kind: chat, volume: 10, handle_time: 5m, concurrency: 0}
teams:
  t1: {skills: [phone, chat], agents: 3, outsourced: yes}
YAML
run validate "$tmp/many.yaml"
check "many: exit 2" [ "$rc" -eq 2 ]
check "many: days at 1:36" grep -q "many.yaml:1:36: error: horizon.days" "$err"
check "many: kind at 3:17 with a suggestion" grep -q "many.yaml:3:17: error: channels.phone.kind: unknown value 'voise' (did you mean 'voice'?)" "$err"
check "many: concurrency at 4:64" grep -q "many.yaml:4:64: error: channels.chat.concurrency" "$err"
check "many: boolean at 6:54" grep -q "many.yaml:6:54: error: teams.t1.outsourced: expected true or false" "$err"
check "many: count line" grep -q "^ccsim: error: .*many.yaml: 4 errors, 0 warnings" "$err"

# ---- warnings do not fail -------------------------------------------------------------
run validate tests/data/scenarios/warn/coverage-gap.yaml
check "warning: exit 0" [ "$rc" -eq 0 ]
check "warning: on stderr with its position" grep -q "coverage-gap.yaml:4:3: warning: channels.phone: 16 of 24 intervals" "$err"
check "warning: summary still printed" grep -q '^scenario coverage-gap' "$out"

# ---- --set, --option, --quiet ------------------------------------------------------------
run validate --quiet scenarios/ecommerce-week.yaml
check "--quiet prints nothing" [ "$rc" -eq 0 ] && [ ! -s "$out" ]
run validate --set channels.chat.concurrency=0 scenarios/ecommerce-week.yaml
check "--set bad value: exit 2" [ "$rc" -eq 2 ]
check "--set bad value: named" grep -q "channels.chat.concurrency: must be a whole number from 1 to 16, got 0" "$err"
run validate --set teams.tier1.cost.per_hour=30 scenarios/ecommerce-week.yaml
check "--set cost: tier1 5087 h x 30 = 152610 a week" grep -q 'cost 152610 EUR/week' "$out"
run validate --set teams.tier9.agents=1 scenarios/ecommerce-week.yaml
check "--set unknown path: did you mean" grep -q "no 'tier9' here (did you mean 'tier1'?)" "$err"
run validate --option "nights outsourced" scenarios/outsourcing.yaml
check "--option: variant summarised" grep -q "^scenario outsourcing (option 'nights outsourced')" "$out"
check "--option: night vendor 10 x 9 h x 7 = 630 h" grep -q '630.0 scheduled hours/week' "$out"
run validate --option "no such option" scenarios/outsourcing.yaml
check "--option unknown: exit 2" [ "$rc" -eq 2 ]

# ---- --json -------------------------------------------------------------------------------
run validate --json scenarios/ecommerce-week.yaml
check "json: exit 0" [ "$rc" -eq 0 ]
jcheck "json: valid, six channels, phone 9975 a week" \
    '.valid == true and .errors == [] and (.channels | length) == 6 and (.channels[0].weekly_volume - 9975 | abs) < 1e-6'
jcheck "json: tier1 5087 h and 142436 EUR a week" \
    '(.teams[0].hours_per_week - 5087 | abs) < 1e-9 and (.teams[0].cost_per_week - 142436 | abs) < 1e-6'
run validate --json tests/data/scenarios/invalid/negative-volume.yaml
check "json invalid: exit 2" [ "$rc" -eq 2 ]
jcheck "json invalid: the error and its position" \
    '.valid == false and (.errors | length) == 1 and .errors[0].line == 6 and .errors[0].col == 13 and (has("channels") | not)'


# ---- usage and I/O errors ----------------------------------------------------------------
run validate
usage_error "no scenario" "missing SCENARIO.yaml"
run validate --frobnicate scenarios/ecommerce-week.yaml
usage_error "unknown option" "--frobnicate"
run validate scenarios/ecommerce-week.yaml scenarios/outsourcing.yaml
usage_error "two scenarios" "one scenario at a time"
run validate "$tmp/absent.yaml"
check "missing file: exit 3" [ "$rc" -eq 3 ]
check "missing file: named" grep -q "absent.yaml: error: cannot read" "$err"
run validate --help
check "--help: exit 0 and usage" [ "$rc" -eq 0 ] && grep -q '^usage: ccsim validate' "$out"

finish
