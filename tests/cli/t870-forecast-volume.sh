#!/bin/sh
# A scenario whose volume points at a forecast.csv: `ccsim forecast` writes
# it, validate and run accept it (the run's forecast contacts are the file's,
# summed into hourly intervals; --scale volume multiplies them; plan writes the
# file's absolute path into planned.yaml; `uncertainty: bands` takes the cv
# from its p10/p90), and a bad row of the file is an input error (exit 2)
# naming FILE:LINE:COL.
set -u
. tests/cli/lib.sh

# Five weeks of half-hour counts from 2024-01-01 (a Monday), 08:00-18:00:
# each day's level off by up to 20%, and each count by about its square root
# as Poisson counts are (a fixed pseudo-random sequence, the same in any awk).
awk 'function u() { x = (x * 75 + 74) % 65537; return x / 65537 }
BEGIN {
    print "start,calls"
    x = 7
    for (d = 0; d < 35; d++) {
        day = 1 + d; mon = 1
        if (day > 31) { day -= 31; mon = 2 }
        f = 0.8 + 0.4 * u()
        for (i = 16; i < 36; i++) {
            m = f * (40 + 4 * (d % 7) + (i % 5))
            z = 0
            for (k = 0; k < 12; k++) z += u()
            c = int(m + sqrt(m) * (z - 6) + 0.5)
            printf "2024-%02d-%02dT%02d:%02d,%d\n", mon, day, int(i / 2), (i % 2) * 30, c < 0 ? 0 : c
        }
    }
}' >"$tmp/counts.csv"
mkdir -p "$tmp/scen"
run forecast "$tmp/counts.csv" --time-column start --count-column calls --from 2024-02-05 \
    --days 2 --out "$tmp/scen/fc"
check "forecast exits 0" [ "$rc" -eq 0 ]

cat >"$tmp/scen/s.yaml" <<'YAML'
version: 1
name: from-forecast
horizon: {start: 2024-02-05, days: 2, interval: 60m}
channels:
  phone:
    kind: voice
    volume: {forecast: fc/forecast.csv}
    uncertainty: 0.05
    handle_time: {dist: exponential, mean: 4m}
    patience: 3m
teams:
  agents: {skills: [phone], agents: 12}
simulation: {replications: 1, seed: 3}
YAML
# From another directory: the file is found next to the scenario.
(cd "$tmp" && timeout 20 "$CCSIM" validate scen/s.yaml >"$out" 2>"$err")
check "validate takes a forecast volume (from another folder)" [ $? -eq 0 ]
run run "$tmp/scen/s.yaml" --out "$tmp/r1"
check "run exits 0" [ "$rc" -eq 0 ]
want=$(awk -F, 'NR > 1 { s += $4 } END { printf "%.3f", s }' "$tmp/scen/fc/forecast.csv")
got=$(awk -F, 'NR > 1 { s += $4 } END { printf "%.3f", s }' "$tmp/r1/intervals.csv")
check "the run's forecast contacts are the file's ($got vs $want)" close "$got" "$want" 0.01
got10=$(awk -F, '$1 == "2024-02-05" && $2 == "10:00" { print $4 }' "$tmp/r1/intervals.csv")
want10=$(awk -F, '$1 == "2024-02-05" && ($2 == "10:00" || $2 == "10:30") { s += $4 } END { print s }' "$tmp/scen/fc/forecast.csv")
check "hour 10:00 = the file's 10:00 + 10:30 ($got10 vs $want10)" close "$got10" "$want10" 0.01
run run "$tmp/scen/s.yaml" --scale volume=2 --out "$tmp/r2"
got2=$(awk -F, 'NR > 1 { s += $4 } END { printf "%.3f", s }' "$tmp/r2/intervals.csv")
check "--scale volume=2 doubles it" close "$got2" "$(awk -v w="$want" 'BEGIN { print 2 * w }')" 0.02
run plan "$tmp/scen/s.yaml" --analytic --out "$tmp/p"
check "plan exits 0" [ "$rc" -eq 0 ]
check "planned.yaml names the forecast by absolute path" grep -q "forecast: \"$tmp/scen/fc/forecast.csv\"" "$tmp/p/planned.yaml"
run validate "$tmp/p/planned.yaml"
check "planned.yaml validates" [ "$rc" -eq 0 ]

# uncertainty: bands takes the cv the file's p10/p90 imply (the forecast's own is about 0.15).
sed 's/uncertainty: 0.05/uncertainty: bands/' "$tmp/scen/s.yaml" >"$tmp/scen/bands.yaml"
run run "$tmp/scen/bands.yaml" --out "$tmp/r3"
check "uncertainty: bands runs" [ "$rc" -eq 0 ]
out=$tmp/r3/summary.json
jcheck "its cv comes from the bands (0.02 < cv < 0.5)" '[.. | objects | .uncertainty_cv? // empty | num] | length > 0 and all(. > 0.02 and . < 0.5)'
jflush
out=$tmp/out

# A bad contacts cell: exit 2, FILE:LINE:COL of the cell.
awk -F, 'BEGIN { OFS = "," } NR == 30 { $4 = "many" } { print }' "$tmp/scen/fc/forecast.csv" >"$tmp/scen/bad.csv"
sed 's#fc/forecast.csv#bad.csv#' "$tmp/scen/s.yaml" >"$tmp/scen/b.yaml"
run validate "$tmp/scen/b.yaml"
check "a bad cell is an input error (exit 2)" [ "$rc" -eq 2 ]
check "the message names bad.csv:30:27" grep -q "channels.phone.volume.forecast: bad.csv:30:27: bad contacts 'many'" "$err"
# A horizon the file does not cover.
sed 's/days: 2/days: 3/' "$tmp/scen/s.yaml" >"$tmp/scen/long.yaml"
run validate "$tmp/scen/long.yaml"
check "a horizon beyond the file: exit 2, the first date missing" sh -c "[ $rc -eq 2 ] && grep -q 'no row for 2024-02-07 00:00' '$err'"
finish
