#!/bin/sh
# ccsim forecast on small generated histories: forecast.csv format and size,
# the backtest table, report.html, the counts and per-contact shapes, and
# input errors (missing flag or column, bad date, malformed rows reported
# with their line, --strict, empty file) with exit 2 and one clear line.
set -u
. tests/cli/lib.sh

# Six weeks of half-hour counts from 2024-01-01 (a Monday): 07:00-19:00,
# weekday level falling Monday to Sunday, a midday peak, a little growth.
awk 'BEGIN {
    print "start,calls"
    split("31 31 29 31 30 31 30 31 30 31 30 31", ml, " ")
    for (d = 0; d < 42; d++) {
        day = 1 + d; mon = 1
        while (day > ml[mon]) { day -= ml[mon]; mon++ }
        wd = d % 7
        for (i = 14; i < 38; i++) {
            c = int((100 - 8 * wd + d) * (1 + 0.5 * (i > 20 && i < 28)) + 0.5)
            printf "2024-%02d-%02dT%02d:%02d,%d\n", mon, day, int(i / 2), (i % 2) * 30, c
        }
    }
}' >"$tmp/counts.csv"

run forecast "$tmp/counts.csv" --time-column start --count-column calls --from 2024-02-12 \
    --days 7 --out "$tmp/fc"
check "forecast from counts exits 0" [ "$rc" -eq 0 ]
check "backtest table printed with the chosen method" grep -q '<- chosen' "$out"
check "forecast.csv header" [ "$(head -n 1 "$tmp/fc/forecast.csv")" = \
    "date,interval_start,channel,contacts,contacts_p10,contacts_p90" ]
check "one row per date x interval x channel (7 x 48)" [ "$(wc -l <"$tmp/fc/forecast.csv")" -eq 337 ]
check "first and last rows" sh -c "sed -n 2p '$tmp/fc/forecast.csv' | grep -q '^2024-02-12,00:00,contacts,0.000,' &&
    tail -n 1 '$tmp/fc/forecast.csv' | grep -q '^2024-02-18,23:30,contacts,'"
check "p10 <= contacts <= p90 on every row" awk -F, 'NR > 1 && !($5 <= $4 && $4 <= $6) { bad = 1 } END { exit bad }' "$tmp/fc/forecast.csv"
check "Monday 12:00 forecast near the series ((100 + 42) x 1.5 = 213)" awk -F, '$1 == "2024-02-12" && $2 == "12:00" { exit !($4 > 200 && $4 < 230) }' "$tmp/fc/forecast.csv"
check "nothing forecast outside opening hours" awk -F, 'NR > 1 && ($2 < "07:00" || $2 >= "19:00") && $4 != 0 { bad = 1 } END { exit bad }' "$tmp/fc/forecast.csv"
check "report.html has the three charts and the WAPE table" sh -c "[ \$(grep -o '<svg' '$tmp/fc/report.html' | wc -l) -eq 3 ] && grep -q 'WAPE daily' '$tmp/fc/report.html'"

# Forecasting twice gives the same bytes.
run forecast "$tmp/counts.csv" --time-column start --count-column calls --from 2024-02-12 \
    --days 7 --out "$tmp/fc2"
check "same input, same forecast.csv" cmp -s "$tmp/fc/forecast.csv" "$tmp/fc2/forecast.csv"

# A forced method and a calendar closing one day.
printf 'date,kind\n2024-02-14,closed\n' >"$tmp/hol.csv"
run forecast "$tmp/counts.csv" --time-column start --count-column calls --from 2024-02-12 \
    --days 3 --holidays "$tmp/hol.csv" --method mean-last-k --out "$tmp/fc3"
check "closed day forecast 0" awk -F, '$1 == "2024-02-14" && $4 != 0 { bad = 1 } END { exit bad }' "$tmp/fc3/forecast.csv"
check "forced method reported" grep -q 'mean-last-k .*<- chosen' "$out"

# One row per contact, tab-separated, with a channel column and separate date and time.
awk 'BEGIN { printf "date\ttime\tqueue\n"
    for (d = 1; d <= 28; d++) for (k = 0; k < 40; k++)
        printf "%02d/01/2024\t%d:%02d:00\t%s\n", d, 8 + k % 10, k, (k % 3 ? "sales" : "support") }' >"$tmp/log.tsv"
run forecast "$tmp/log.tsv" --date-column date --time-column time --channel-column queue \
    --from 2024-01-29 --days 1 --interval 60m --out "$tmp/fc4"
check "per-contact log with two channels" [ "$rc" -eq 0 ]
check "hourly rows for both channels (24 x 2)" [ "$(wc -l <"$tmp/fc4/forecast.csv")" -eq 49 ]
check "both channels in the table" sh -c "grep -q 'channel sales' '$out' && grep -q 'channel support' '$out'"

# Errors.
run forecast "$tmp/counts.csv" --count-column calls --from 2024-02-12 --out "$tmp/e"
usage_error "missing --time-column" "--time-column"
run forecast "$tmp/counts.csv" --time-column when --from 2024-02-12 --out "$tmp/e"
usage_error "unknown column named with the header's columns" "no column 'when'"
run forecast "$tmp/counts.csv" --time-column start --from 2024-02-30 --out "$tmp/e"
usage_error "bad --from" "--from"
run forecast "$tmp/counts.csv" --time-column start --from 2024-02-12 --days 0 --out "$tmp/e"
usage_error "bad --days" "--days"
run forecast "$tmp/counts.csv" --time-column start --from 2024-01-03 --out "$tmp/e"
usage_error "no history before --from" "--from"
run forecast "$tmp/counts.csv" --time-column start --from 2024-02-12 --interval 7m --out "$tmp/e"
usage_error "interval not dividing a day" "--interval"
: >"$tmp/empty.csv"
run forecast "$tmp/empty.csv" --time-column start --from 2024-02-12 --out "$tmp/e"
usage_error "empty file" "empty file"
run forecast "$tmp/nope.csv" --time-column start --from 2024-02-12 --out "$tmp/e"
check "unreadable file: exit 3" [ "$rc" -eq 3 ]

# Malformed rows: reported with their line and skipped, or fatal with --strict.
{ head -n 500 "$tmp/counts.csv"; echo "2024-01-11T25:00,3"; echo "2024-01-11T12:00,lots";
  tail -n +501 "$tmp/counts.csv"; } >"$tmp/bad.csv"
run forecast "$tmp/bad.csv" --time-column start --count-column calls --from 2024-02-12 --out "$tmp/fc5"
check "malformed rows do not stop the import" [ "$rc" -eq 0 ]
check "first bad row reported with its line" grep -q "bad.csv:501: bad timestamp '2024-01-11T25:00'" "$err"
check "second bad row reported with its line" grep -q "bad.csv:502: bad count 'lots'" "$err"
check "malformed count in the summary" grep -q '(2 malformed)' "$out"
run forecast "$tmp/bad.csv" --time-column start --count-column calls --from 2024-02-12 --strict --out "$tmp/e"
usage_error "--strict stops at the first malformed row with file:line" "bad.csv:501:1:"

# A YAML column mapping instead of flags.
printf 'time-column: start\ncount-column: calls\n' >"$tmp/cols.yaml"
run forecast "$tmp/counts.csv" --columns "$tmp/cols.yaml" --from 2024-02-12 --days 1 --out "$tmp/fc6"
check "column mapping file" [ "$rc" -eq 0 ]
printf 'time-column: start\ncount-colum: calls\n' >"$tmp/cols2.yaml"
run forecast "$tmp/counts.csv" --columns "$tmp/cols2.yaml" --from 2024-02-12 --days 1 --out "$tmp/e"
usage_error "unknown key in the mapping named with line and column" "cols2.yaml:2:"

finish
