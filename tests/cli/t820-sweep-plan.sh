#!/bin/sh
# sweep --plan: every point is planned (analytic plan by default) and the
# table, CSV, JSON and HTML show its FTE, cost per week and verdict; more
# chat volume needs more planned FTE and cost. Labels name the full key;
# the HTML axis of a 24-point sweep carries short point numbers only.
set -u
. tests/cli/lib.sh
S=scenarios/ecommerce-week.yaml

run sweep $S --vary channels.chat.volume.per_day=1500,3000,4500 --plan --replications 2 \
    --seed 4 --out "$tmp/pl"
check "sweep --plan: exit 0" [ "$rc" -eq 0 ]
text=$(cat "$out")
check "table labels name the full key" has "$text" "channels.chat.volume.per_day=3000"
check "table has the plan columns" has "$text" "plan FTE"
check "table says which plan" has "$text" "the analytic"
cp "$tmp/pl/sweep.json" "$out"
jcheck "sweep.json says the analytic plan was used" '.plan == "analytic"'
jcheck "every point has a planned FTE and cost" \
    '[.points[].plan | (.fte | num) > 0 and (.cost_per_week | num) > 0] | all'
jcheck "planned FTE rises with chat volume" \
    '[.points[].plan.fte | num] as $f | $f[0] < $f[1] and $f[1] < $f[2]'
jcheck "planned cost rises with chat volume" \
    '[.points[].plan.cost_per_week | num] as $c | $c[0] < $c[1] and $c[1] < $c[2]'
jcheck "the written staffing's FTE does not move (only the plan re-staffs)" \
    '[.points[].fte] | .[0] == .[2]'
jcheck "every plan has a verdict" '[.points[].plan.verdict | IN("meets", "misses")] | all'
jcheck "points carry their full label" \
    '.points[1].label == "channels.chat.volume.per_day=3000"'
check "CSV has the plan columns" grep -q ',plan,plan_fte,plan_cost_per_week,plan_cost_per_contact,plan_meets_all$' \
    "$tmp/pl/sweep.csv"
check "CSV names the plan on every row" sh -c "[ \$(grep -c ',analytic,' '$tmp/pl/sweep.csv') = 18 ]"
check "HTML has the planned cost chart" grep -q 'id="sweep-plan-cost"' "$tmp/pl/sweep.html"

run sweep $S --vary channels.chat.volume.per_day=1500 --plan=fast
usage_error "--plan=fast: exit 2 naming the flag" "--plan"

# 24 points, two axes: the axis labels are point numbers, the table the keys.
run sweep $S --vary teams.tier1.shifts[0].agents=26,28,30,32,34,36,38,40 \
    --vary teams.tier2.shifts[0].agents=12,14,16 --replications 1 --out "$tmp/big"
check "24-point sweep: exit 0" [ "$rc" -eq 0 ]
ticks=$(grep -o 'class="xtick">[^<]*<' "$tmp/big/sweep.html" | sed 's/.*>//; s/<$//' | sort -u)
check "HTML axis labels are short point numbers" sh -c "printf '%s\n' '$ticks' | grep -qv '^#[0-9]*\$' && exit 1 || exit 0"
check "HTML table gives #24 its full keys" grep -q '<td>#24</td><td>teams.tier1.shifts\[0\].agents=40 teams.tier2.shifts\[0\].agents=16</td>' \
    "$tmp/big/sweep.html"
check "table tells the two shift axes apart" has "$(cat "$out")" "teams.tier2.shifts[0].agents=14"
finish
