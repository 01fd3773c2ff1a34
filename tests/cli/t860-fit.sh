#!/bin/sh
# ccsim fit on a generated per-contact log: fit.yaml is a scenario that
# validates and runs, fit.json holds the fitted figures near the generating
# values (lognormal handle time, exponential patience censored by the
# waits), and input errors exit 2.
set -u
. tests/cli/lib.sh

# Four weeks from 2024-01-01, 300 calls a day 08:00-18:00. Handle time
# lognormal(mu 5, sigma 0.6) for the served; patience exponential with
# mean 180 s, censored by an exponential offered wait with mean 60 s.
awk 'BEGIN {
    srand(42); pi = 3.14159265358979
    print "when,wait_s,talk,status"
    for (d = 1; d <= 28; d++) for (k = 0; k < 300; k++) {
        s = 8 * 3600 + int(rand() * 36000)
        p = -180 * log(1 - rand()); w = -60 * log(1 - rand())
        z = sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
        if (p < w) printf "2024-01-%02d %02d:%02d:%02d,%.1f,,HANG\n", d, s / 3600, s / 60 % 60, s % 60, p
        else printf "2024-01-%02d %02d:%02d:%02d,%.1f,%.1f,AGENT\n", d, s / 3600, s / 60 % 60, s % 60, w, exp(5 + 0.6 * z)
    }
}' >"$tmp/log.csv"

run fit "$tmp/log.csv" --time-column when --wait-column wait_s --handle-column talk \
    --outcome-column status --out "$tmp/fit"
check "fit exits 0" [ "$rc" -eq 0 ]
check "fit.yaml and fit.json written" sh -c "[ -s '$tmp/fit/fit.yaml' ] && [ -s '$tmp/fit/fit.json' ]"
run validate "$tmp/fit/fit.yaml"
check "fit.yaml validates as a scenario" [ "$rc" -eq 0 ]
check "about 300 contacts a day in the summary" grep -Eq 'contacts +voice +(20[0-9][0-9]|21[0-9][0-9])' "$out"
run run "$tmp/fit/fit.yaml" --replications 2 --out "$tmp/sim"
check "fit.yaml runs" [ "$rc" -eq 0 ]
run fit "$tmp/log.csv" --time-column when --wait-column wait_s --handle-column talk \
    --outcome-column status --out "$tmp/fit"
cp "$tmp/fit/fit.json" "$out"
jcheck "lognormal sigma near 0.6" '(.channels.contacts.handle_time.lognormal_sigma - 0.6 | abs) < 0.03'
jcheck "lognormal mu near 5" '(.channels.contacts.handle_time.lognormal_mu - 5 | abs) < 0.03'
jcheck "mean handle time near exp(5.18) = 178 s" '(.channels.contacts.handle_time.mean_s - 177.7 | abs) < 9'
jcheck "exponential patience mean near 180 s" '(.channels.contacts.patience.exp_mean_s - 180 | abs) < 15'
jcheck "Kaplan-Meier median near 180 ln 2 = 125 s" '(.channels.contacts.patience.km_median_s - 124.8 | abs) < 12'
jcheck "abandonments and censored waits counted" '.channels.contacts.patience.n_abandoned > 1000 and .channels.contacts.patience.n_censored > 4000'

# A closed day of the calendar within the fitted week becomes a season at 0.
printf '2024-01-30,closed,test\n2024-01-15,open\n' >"$tmp/hol.csv"
run fit "$tmp/log.csv" --time-column when --holidays "$tmp/hol.csv" --out "$tmp/fit2"
check "closed calendar day in the horizon as a season" grep -q '{date: 2024-01-30, channels: {contacts: 0.0000}}' "$tmp/fit2/fit.yaml"
run validate "$tmp/fit2/fit.yaml"
check "fit.yaml with seasons validates" [ "$rc" -eq 0 ]

run fit "$tmp/log.csv" --wait-column wait_s --out "$tmp/e"
usage_error "missing --time-column" "--time-column"
run fit "$tmp/log.csv" --time-column when --handle-column duration --out "$tmp/e"
usage_error "unknown handle column" "--handle-column: no column 'duration'"
run fit "$tmp/log.csv" --time-column when --min-handle -3 --out "$tmp/e"
usage_error "bad --min-handle" "--min-handle"
run fit "$tmp/log.csv" "$tmp/log.csv" --time-column when --out "$tmp/e"
usage_error "two history files" "one history file"

finish
