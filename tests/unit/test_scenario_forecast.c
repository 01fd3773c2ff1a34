/*
 * A channel's volume from a forecast.csv (`volume: {forecast: FILE}`): the
 * file's contacts become the arrival rate of each horizon interval (30-minute
 * rows summed into 60-minute intervals, hourly rows split over 30-minute
 * ones), resolved next to the scenario file; season and multiplier scale it;
 * `uncertainty: bands` takes the cv its contacts_p10 and contacts_p90 imply;
 * and problems in the file name FILE:LINE:COL.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"
#include "cc_scenario.h"

static char dir[64];
static char scen_path[128];

static void write_file(const char *name, const char *text)
{
    char p[160];
    FILE *f;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Two days from 2026-01-05 of 30-minute rows: interval i of day d holds d * 100 + i. */
static void write_half_hours(const char *name, int extra_channel)
{
    char p[160];
    FILE *f;
    int d, i;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs("date,interval_start,channel,contacts,contacts_p10,contacts_p90\n", f);
    for (d = 0; d < 3; d++)
        for (i = 0; i < 48; i++) {
            fprintf(f, "2026-01-%02d,%02d:%02d,contacts,%d,0,0\n", 5 + d, i / 2, i % 2 * 30,
                    d * 100 + i);
            if (extra_channel)
                fprintf(f, "2026-01-%02d,%02d:%02d,chat,1,0,0\n", 5 + d, i / 2, i % 2 * 30);
        }
    fclose(f);
}

static cc_scenario *load(const char *volume, const char *interval, const char *extra,
                         cc_diag_list *d, cc_status *st)
{
    char text[1200];
    cc_scenario *s = NULL;
    cc_error err;
    snprintf(text, sizeof text,
             "version: 1\n"
             "horizon: {start: 2026-01-05, days: 2, interval: %s}\n"
             "%s"
             "channels:\n"
             "  calls:\n"
             "    kind: voice\n"
             "    volume: %s\n"
             "    handle_time: 5m\n"
             "teams:\n"
             "  a: {skills: [calls], agents: 10}\n",
             interval, extra, volume);
    cc_diag_list_init(d);
    *st = cc_scenario_load_string(text, strlen(text), scen_path, &s, d, &err);
    return s;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ccsim-fcvol-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(scen_path, sizeof scen_path, "%s/s.yaml", dir);
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void test_rates_from_half_hours(void **state)
{
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    (void)state;
    write_half_hours("forecast.csv", 0);
    /* the file's only channel serves a channel of another name */
    s = load("{forecast: forecast.csv}", "60m", "", &d, &st);
    assert_int_equal(st, CC_OK);
    /* day 0, hour 3 = intervals 6 and 7: 6 + 7 contacts */
    assert_abs_close(cc_scenario_channel_volume(s, 0, 3), 13.0, 1e-9);
    /* day 1, hour 0: 100 + 101 */
    assert_abs_close(cc_scenario_channel_volume(s, 0, 24), 201.0, 1e-9);
    assert_abs_close(cc_scenario_channel_rate(s, 0, 24), 201.0 / 3600.0, 1e-12);
    /* the mean day of the horizon: (sum 0..47) + (4800 + sum 0..47), halved */
    assert_abs_close(s->channels[0].volume_per_day, (1128.0 + 5928.0) / 2.0, 1e-9);
    assert_abs_close(s->channels[0].day_volume[1], 5928.0, 1e-9);
    cc_scenario_free(s);
    cc_diag_list_release(&d);

    /* a season and the multiplier scale it; the weekday pattern is the file's */
    s = load("{forecast: forecast.csv, multiplier: 2}", "30m",
             "seasons:\n  - {name: peak, from: 2026-01-06, to: 2026-01-06, multiplier: 1.5}\n",
             &d, &st);
    assert_int_equal(st, CC_OK);
    assert_abs_close(cc_scenario_channel_volume(s, 0, 5), 2.0 * 5.0, 1e-9);
    assert_abs_close(cc_scenario_channel_volume(s, 0, 48 + 5), 2.0 * 1.5 * 105.0, 1e-9);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
}

/*
 * `uncertainty: bands`: a file whose bands are contacts +- 1.2816 sqrt(f +
 * c^2 f^2) with c = 0.1 on the first day and 0.2 on the second gives the
 * root mean square, sqrt((0.01 + 0.04) / 2).
 */
static void test_uncertainty_from_bands(void **state)
{
    char p[160];
    FILE *f;
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    int day, i;
    (void)state;
    snprintf(p, sizeof p, "%s/bands.csv", dir);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs("date,interval_start,channel,contacts,contacts_p10,contacts_p90\n", f);
    for (day = 0; day < 2; day++)
        for (i = 0; i < 48; i++) {
            double c = day ? 0.2 : 0.1, m = i >= 16 && i < 40 ? 40.0 + i : 0.0;
            double sd = sqrt(m + c * c * m * m);
            fprintf(f, "2026-01-%02d,%02d:%02d,calls,%.6f,%.6f,%.6f\n", 5 + day, i / 2, i % 2 * 30,
                    m, m - 1.2815516 * sd, m + 1.2815516 * sd);
        }
    fclose(f);
    s = load("{forecast: bands.csv}\n    uncertainty: bands", "30m", "", &d, &st);
    assert_int_equal(st, CC_OK);
    assert_abs_close(s->channels[0].uncertainty_cv, sqrt((0.01 + 0.04) / 2), 1e-5);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
}

static void test_hourly_rows_split(void **state)
{
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    char text[8192], *p = text;
    int day, h;
    (void)state;
    p += sprintf(p, "date,interval_start,channel,contacts\n");
    for (day = 5; day <= 6; day++)
        for (h = 0; h < 24; h++)
            p += sprintf(p, "2026-01-%02d,%02d:00,phone,%d\n", day, h, 10 * h);
    write_file("hourly.csv", text);
    s = load("{forecast: hourly.csv, channel: phone}", "30m", "", &d, &st);
    assert_int_equal(st, CC_OK);
    /* 09:00-10:00 holds 90: 45 in each half hour */
    assert_abs_close(cc_scenario_channel_volume(s, 0, 18), 45.0, 1e-9);
    assert_abs_close(cc_scenario_channel_volume(s, 0, 19), 45.0, 1e-9);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
}

/* Loads with `volume`; expects failure with a message holding `frag`. */
static void expect_error(const char *volume, const char *frag)
{
    cc_diag_list d;
    cc_status st;
    cc_scenario *s = load(volume, "30m", "", &d, &st);
    size_t i;
    int found = 0;
    assert_int_not_equal(st, CC_OK);
    assert_null(s);
    for (i = 0; i < d.n; i++)
        if (strstr(d.items[i].message, frag))
            found = 1;
    if (!found) {
        for (i = 0; i < d.n; i++)
            print_error("%s\n", d.items[i].message);
        fail_msg("no error holding \"%s\"", frag);
    }
    cc_diag_list_release(&d);
}

static void test_errors(void **state)
{
    (void)state;
    write_half_hours("two.csv", 1);
    expect_error("{forecast: two.csv}", "no rows for channel 'calls' (the file has 'contacts' "
                                        "and others; name one with 'channel')");
    write_file("bad.csv", "date,interval_start,channel,contacts\n"
                          "2026-01-05,00:00,calls,1\n"
                          "2026-01-05,00:30,calls,x1\n");
    expect_error("{forecast: bad.csv}", "bad.csv:3:24: bad contacts 'x1'");
    write_file("quoted.csv", "date,interval_start,channel,contacts\n"
                             "2026-01-05,\"00:00\",calls,1\n"
                             "\"2026-13-05\",00:30,calls,1\n");
    expect_error("{forecast: quoted.csv}", "quoted.csv:3:1: bad date '2026-13-05'");
    write_file("time.csv", "date,interval_start,channel,contacts\n2026-01-05,24:00,calls,1\n");
    expect_error("{forecast: time.csv}", "time.csv:2:12: bad interval_start '24:00'");
    write_file("dup.csv", "date,interval_start,channel,contacts\n"
                          "2026-01-05,00:00,calls,1\n"
                          "2026-01-05,00:00,calls,2\n");
    expect_error("{forecast: dup.csv}", "dup.csv:3:12: a second row for the same date, "
                                        "interval and channel (the first is line 2)");
    write_file("short.csv", "date,interval_start,channel,contacts\n2026-01-05,00:00,calls,1\n");
    expect_error("{forecast: short.csv}", "short.csv: no row for 2026-01-06 00:00 of channel "
                                          "'calls'");
    write_file("head.csv", "date,start,channel,contacts\n");
    expect_error("{forecast: head.csv}", "head.csv:1:1: no column 'interval_start'");
    write_file("empty.csv", "");
    expect_error("{forecast: empty.csv}", "empty.csv: empty file");
    expect_error("{forecast: missing.csv}", "missing.csv: cannot read");
    expect_error("{per_day: 100, channel: x}", "'channel' goes with 'forecast' only");
    expect_error("{per_day: 100}\n    uncertainty: bands",
                 "'bands' takes the cv from a forecast volume's contacts_p10 and contacts_p90");
    write_file("noband.csv", "date,interval_start,channel,contacts\n"
                             "2026-01-05,00:00,calls,1\n2026-01-06,00:00,calls,1\n");
    expect_error("{forecast: noband.csv}\n    uncertainty: bands",
                 "the forecast file has no contacts_p10 and contacts_p90 columns");
    write_file("badband.csv", "date,interval_start,channel,contacts,contacts_p10,contacts_p90\n"
                              "2026-01-05,00:00,calls,1,0.5,lots\n");
    expect_error("{forecast: badband.csv}", "badband.csv:2:30: bad contacts_p90 'lots'");
    expect_error("{per_day: 100, forecast: forecast.csv}",
                 "give exactly one of 'per_day', 'per_week', 'per_hour' or 'forecast'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates_from_half_hours),
        cmocka_unit_test(test_hourly_rows_split),
        cmocka_unit_test(test_uncertainty_from_bands),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
