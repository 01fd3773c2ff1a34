#!/bin/sh
# Partial weeks are prorated in the plan's money: a 10-day horizon (a week
# and 3 days) of a flat day costs the same per week as 7 or 14 days, in
# every part (in-house, overtime, vendor, hiring); a partial week counted
# as whole would add 40% of a week's overtime.
set -u
. tests/cli/lib.sh
S=scenarios/single-queue-erlang.yaml
for d in 7 10 14; do
    run plan $S --analytic --set 'plan.headcount={agents: 300}' \
        --set 'plan.overtime={max_share: 12%, cost_multiplier: 1.5}' \
        --set teams.agents.cost.per_hour=20 --set 'plan.options=[]' --set horizon.days=$d \
        --out "$tmp/p$d"
    check "plan of $d days: exit 0" [ "$rc" -eq 0 ]
done
same() { # part: equal per week across 7, 10 and 14 days (and not zero)
    jq -n -e --slurpfile a "$tmp/p7/summary.json" --slurpfile b "$tmp/p10/summary.json" \
        --slurpfile c "$tmp/p14/summary.json" --arg k "$1" '
        def v(x): x[0].plan.cost[$k];
        def close(x; y): ((x - y) | fabs) <= 1e-6 * (if x < 0 then -x else x end) + 1e-6;
        close(v($a); v($b)) and close(v($a); v($c))' >/dev/null
}
check "overtime is paid: the case tests something" \
    sh -c "jq -e '.plan.cost.overtime > 0' '$tmp/p7/summary.json' >/dev/null"
for part in total_per_week inhouse overtime vendor hiring; do
    check "cost $part per week is the same for 7, 10 and 14 days" same $part
done
finish
