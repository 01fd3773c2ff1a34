/*
 * Forecast benchmark: accuracy on the shared real data sets at a one-week
 * lead (issue 12, item 4) and the speed of import, backtest and fit.
 *
 *   bench_forecast [DATA-DIR]     (default ../shared/data; skipped when absent)
 *
 * Cases: (a) the US bank's last four weeks of 2003, (b) each week of
 * November-December 1999 of the Israeli bank's 6-minute counts, (c) the last
 * week of January 1999 from its per-call log. Each target week is forecast
 * from everything before it; ccsim's pick (method chosen by its own
 * rolling-origin backtest) is scored beside the seasonal-naive and
 * mean-of-last-4-same-weekdays baselines computed in the same run. WAPE =
 * sum |actual - forecast| / sum actual, over the days the data hold, daily
 * totals and 30-minute intervals.
 *
 * Case (b) reads the year's Israeli holidays from
 * bench/data/israel-1999-holidays.csv (BENCH_CALENDAR overrides the path),
 * written from the Hebrew calendar alone. BENCH_DEV=1 scores development
 * weeks instead (the US bank's August weeks, every week of July-October 1999,
 * the last week of the February 1999 log): settings of the methods are
 * chosen there, never on the held-out weeks above. BENCH_VERBOSE=1 prints
 * every method's held-out and backtest WAPE per target week.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cc_forecast.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, const cc_error *err)
{
    fprintf(stderr, "bench_forecast: %s: %s%s%s\n", what, err->path, err->path[0] ? ": " : "",
            err->message);
    exit(1);
}

/* Absolute errors and actuals summed over scored cells. */
typedef struct score {
    double abs_d, abs_i, act;
} score;

static void add_score(score *s, const cc_fc_history *h, long from, int days, const double *f)
{
    int d, i, P = h->per_day;
    const double *y = h->series[0].y;
    for (d = 0; d < days; d++) {
        long k = from - h->day0 + d;
        double A = 0, F = 0;
        if (k < 0 || k >= h->n_days || !h->observed[k])
            continue;
        for (i = 0; i < P; i++) {
            double a = y[(size_t)k * P + i], fv = f[(size_t)d * P + i];
            s->abs_i += fabs(a - fv);
            A += a;
            F += fv;
        }
        s->abs_d += fabs(A - F);
        s->act += A;
    }
}

/* One case: target weeks starting at from[0..n-1], each of days[] days. */
static void run_case(const char *label, const cc_fc_history *h, const long *from, const int *days,
                     int n, const long *special, const int *closed, int n_special, int verbose)
{
    score pick = {0}, sn = {0}, mk = {0};
    int w, picks[CC_FC_N_METHODS] = {0}, m;
    for (w = 0; w < n; w++) {
        cc_fc_options opt;
        cc_fc_result *r;
        cc_error err;
        int n_train = (int)(from[w] - h->day0);
        double *f = malloc((size_t)days[w] * h->per_day * sizeof(double));
        cc_fc_options_init(&opt);
        opt.from_day = from[w];
        opt.days = days[w];
        opt.special_days = special;
        opt.special_closed = closed;
        opt.n_special = (size_t)n_special;
        if (cc_fc_forecast(h, &opt, &r, &err))
            die(label, &err);
        add_score(&pick, h, from[w], days[w], r->channels[0].mean);
        picks[r->channels[0].chosen]++;
        if (verbose) {
            int y, mo, d;
            cc_fc_civil_from_days(from[w], &y, &mo, &d);
            printf("#   %04d-%02d-%02d: %s\n", y, mo, d,
                   cc_fc_method_name((cc_fc_method)r->channels[0].chosen));
        }
        if (verbose) {
            for (m = 0; m < CC_FC_N_METHODS; m++) {
                score one = {0};
                cc_fc_method_forecast((cc_fc_method)m, h->series[0].y, h->observed, NULL, n_train,
                                      h->per_day, h->day0, days[w], 4, f);
                add_score(&one, h, from[w], days[w], f);
                printf("#     %-16s held-out %5.1f%% %5.1f%%  backtest %5.1f%% %5.1f%%\n",
                       cc_fc_method_name((cc_fc_method)m), 100 * one.abs_d / one.act,
                       100 * one.abs_i / one.act, 100 * r->channels[0].wape_daily[m],
                       100 * r->channels[0].wape_interval[m]);
            }
        }
        cc_fc_method_forecast(CC_FC_SNAIVE, h->series[0].y, h->observed, NULL, n_train, h->per_day,
                              h->day0, days[w], 4, f);
        add_score(&sn, h, from[w], days[w], f);
        cc_fc_method_forecast(CC_FC_MEANK, h->series[0].y, h->observed, NULL, n_train, h->per_day,
                              h->day0, days[w], 4, f);
        add_score(&mk, h, from[w], days[w], f);
        free(f);
        cc_fc_result_free(r);
    }
    {
        double bd = fmin(sn.abs_d, mk.abs_d) / sn.act, bi = fmin(sn.abs_i, mk.abs_i) / sn.act;
        double pd = pick.abs_d / pick.act, pi = pick.abs_i / pick.act;
        printf("| %-34s | %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%% | %+5.1f%% | "
               "%+5.1f%% | ",
               label, 100 * sn.abs_d / sn.act, 100 * mk.abs_d / mk.act, 100 * pd,
               100 * sn.abs_i / sn.act, 100 * mk.abs_i / mk.act, 100 * pi, 100 * (pd / bd - 1),
               100 * (pi / bi - 1));
        for (m = 0; m < CC_FC_N_METHODS; m++)
            if (picks[m])
                printf("%s x%d ", cc_fc_method_name((cc_fc_method)m), picks[m]);
        printf("|\n");
    }
}

/*
 * Calibration of the bands: forecasts of `weeks` weeks from each origin, and
 * per lead week the share of 30-minute cells (forecast at least 1 contact)
 * whose actual lies within contacts_p10..contacts_p90 (80% when calibrated).
 */
#define MAX_LEAD 4
static void band_coverage(const char *label, const cc_fc_history *h, const long *from, int n,
                          int weeks, const long *special, const int *closed, int n_special)
{
    double in[MAX_LEAD] = {0}, all[MAX_LEAD] = {0}, below[MAX_LEAD] = {0};
    int w, d, i, P = h->per_day;
    const double *y = h->series[0].y;
    for (w = 0; w < n; w++) {
        cc_fc_options opt;
        cc_fc_result *r;
        cc_error err;
        cc_fc_options_init(&opt);
        opt.from_day = from[w];
        opt.days = 7 * weeks;
        opt.special_days = special;
        opt.special_closed = closed;
        opt.n_special = (size_t)n_special;
        if (cc_fc_forecast(h, &opt, &r, &err))
            die(label, &err);
        for (d = 0; d < opt.days; d++) {
            long k = from[w] - h->day0 + d;
            if (k >= h->n_days || !h->observed[k])
                continue;
            for (i = 0; i < P; i++) {
                size_t c = (size_t)d * P + i;
                double a = y[(size_t)k * P + i];
                if (r->channels[0].mean[c] < 1)
                    continue;
                all[d / 7] += 1;
                in[d / 7] += a >= r->channels[0].p10[c] && a <= r->channels[0].p90[c];
                below[d / 7] += a < r->channels[0].p10[c];
            }
        }
        cc_fc_result_free(r);
    }
    printf("| %-34s |", label);
    for (w = 0; w < weeks; w++)
        printf(" %5.1f%% (%4.1f%% below) |", all[w] ? 100 * in[w] / all[w] : NAN,
               all[w] ? 100 * below[w] / all[w] : NAN);
    printf(" %d origins |\n", n);
}

static cc_fc_history *load(const char *path, cc_fc_import_options *o, double *secs)
{
    cc_fc_history *h;
    cc_error err;
    double t0 = now_s();
    if (cc_fc_import(path, o, &h, &err))
        die(path, &err);
    *secs = now_s() - t0;
    return h;
}

/* The weekdays the US bank was closed in 2003 (its file has no rows for them). */
static void us_bank_closed(long closed[6])
{
    closed[0] = cc_fc_days_from_civil(2003, 4, 4);
    closed[1] = cc_fc_days_from_civil(2003, 4, 7);
    closed[2] = cc_fc_days_from_civil(2003, 5, 26);
    closed[3] = cc_fc_days_from_civil(2003, 7, 4);
    closed[4] = cc_fc_days_from_civil(2003, 9, 1);
    closed[5] = cc_fc_days_from_civil(2003, 10, 14);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/data";
    char path[1024];
    struct stat sb;
    cc_fc_import_options o;
    cc_fc_history *h;
    double t_imp, t0;
    long from[32], *cal = NULL;
    int days[32], n, verbose = getenv("BENCH_VERBOSE") != NULL, dev = getenv("BENCH_DEV") != NULL;
    int *cal_closed = NULL;
    size_t n_cal = 0;
    const char *cal_path = getenv("BENCH_CALENDAR") ? getenv("BENCH_CALENDAR")
                                                    : "bench/data/israel-1999-holidays.csv";
    cc_error cerr;

    if (stat(dir, &sb) != 0) {
        printf("bench_forecast: skipped (no data folder %s)\n", dir);
        return 0;
    }
    printf("Forecast accuracy at a one-week lead (WAPE; sn = seasonal naive, mk = mean of last 4 "
           "same weekdays; change = ccsim vs the better baseline)\n\n");
    printf("| case                               | sn day | mk day | ccsim day | sn 30m | mk 30m "
           "| ccsim 30m | day chg | 30m chg | ccsim's picks |\n");
    printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");

    /* (a) US bank 2003: the last four weeks, Monday to Friday. */
    snprintf(path, sizeof(path), "%s/us-bank-2003/bank_calls.csv", dir);
    cc_fc_import_options_init(&o);
    o.time_column = "DateTime";
    o.count_column = "Calls";
    h = load(path, &o, &t_imp);
    for (n = 0; n < 4; n++) {
        from[n] = cc_fc_days_from_civil(2003, dev ? 8 : 9, dev ? 4 : 29) + 7 * n;
        days[n] = 7;
    }
    {
        /* The weekdays the bank was closed (the file has no rows for them). */
        static const int ones[6] = {1, 1, 1, 1, 1, 1};
        long closed[6];
        us_bank_closed(closed);
        run_case(dev ? "(a) dev: US bank 2003, Aug weeks" : "(a) US bank 2003, last 4 weeks", h,
                 from, days, 4, closed, ones, 6, verbose);
    }
    cc_fc_history_free(h);

    /* (b) Israeli bank 1999, each week of November-December. */
    snprintf(path, sizeof(path), "%s/anonymous-bank-1999/counts-6min-1999.csv", dir);
    cc_fc_import_options_init(&o);
    o.time_column = "start";
    o.count_column = "contacts";
    t0 = now_s();
    h = load(path, &o, &t_imp);
    /* The year's holidays, from the Hebrew calendar (bench/data): special days. */
    if (access(cal_path, R_OK) == 0 && cc_fc_read_calendar(cal_path, &cal, &cal_closed, &n_cal, &cerr))
        die(cal_path, &cerr);
    if (dev) {
        /* development weeks: every Monday-to-Sunday week of July-October */
        for (n = 0; n < 17; n++) {
            from[n] = cc_fc_days_from_civil(1999, 7, 5) + 7 * n;
            days[n] = 7;
        }
        run_case("(b) dev: 1999 counts, Jul-Oct weeks", h, from, days, 17, cal, cal_closed,
                 (int)n_cal, verbose);
    } else {
        for (n = 0; n < 9; n++) {
            from[n] = cc_fc_days_from_civil(1999, 11, 1) + 7 * n;
            days[n] = n < 8 ? 7 : 5;
        }
        run_case("(b) 1999 counts, Nov-Dec weeks", h, from, days, 9, cal, cal_closed, (int)n_cal,
                 verbose);
    }
    free(cal);
    free(cal_closed);
    cal = NULL;
    cal_closed = NULL;
    n_cal = 0;
    {
        double t_all = now_s() - t0;
        cc_fc_history_free(h);
        printf("\n(b) took %.2f s for import (%.2f s) and the forecasts with their backtests\n",
               t_all, t_imp);
    }

    /* (c) January 1999 per-call log: the last week from the 24 days before. */
    snprintf(path, sizeof(path), "%s/anonymous-bank-1999/%s.txt", dir, dev ? "february" : "january");
    cc_fc_import_options_init(&o);
    o.time_column = "vru_entry";
    o.date_column = "date";
    h = load(path, &o, &t_imp);
    from[0] = dev ? cc_fc_days_from_civil(1999, 2, 22) : cc_fc_days_from_civil(1999, 1, 25);
    days[0] = 7;
    printf("\n");
    run_case(dev ? "(c) dev: Feb 1999 log, last week" : "(c) Jan 1999 log, last week", h, from,
             days, 1, NULL, NULL, 0, verbose);
    cc_fc_history_free(h);

    printf("\nBand calibration: share of 30-minute cells (forecast >= 1) within "
           "contacts_p10..contacts_p90 by lead week (80%% when calibrated; 10%% should fall "
           "below)\n\n| case | week 1 | week 2 | week 3 | week 4 | origins |\n"
           "|---|---:|---:|---:|---:|---|\n");
    {
        static const int ones[6] = {1, 1, 1, 1, 1, 1};
        long closed[6];
        snprintf(path, sizeof(path), "%s/us-bank-2003/bank_calls.csv", dir);
        cc_fc_import_options_init(&o);
        o.time_column = "DateTime";
        o.count_column = "Calls";
        h = load(path, &o, &t_imp);
        us_bank_closed(closed);
        /* four-week forecasts from every Monday whose four weeks the data hold */
        for (n = 0; n < 5; n++)
            from[n] = cc_fc_days_from_civil(2003, 8, 25) + 7 * n;
        band_coverage("(a) US bank 2003, Aug-Sep origins", h, from, 5, 4, closed, ones, 6);
        cc_fc_history_free(h);
        snprintf(path, sizeof(path), "%s/anonymous-bank-1999/counts-6min-1999.csv", dir);
        cc_fc_import_options_init(&o);
        o.time_column = "start";
        o.count_column = "contacts";
        h = load(path, &o, &t_imp);
        if (access(cal_path, R_OK) == 0 &&
            cc_fc_read_calendar(cal_path, &cal, &cal_closed, &n_cal, &cerr))
            die(cal_path, &cerr);
        for (n = 0; n < 6; n++)
            from[n] = cc_fc_days_from_civil(1999, 11, 1) + 7 * n;
        band_coverage("(b) 1999 counts, Nov-Dec origins", h, from, 6, 4, cal, cal_closed,
                      (int)n_cal);
        free(cal);
        free(cal_closed);
        cc_fc_history_free(h);
    }

    printf("\nSpeed (targets: under 5 s each)\n\n| task | seconds |\n|---|---:|\n");
    {
        /* A year of 6-minute counts on the 6-minute grid: import, backtest, forecast. */
        cc_fc_options fo;
        cc_fc_result *r;
        cc_error err;
        double t_total;
        snprintf(path, sizeof(path), "%s/anonymous-bank-1999/counts-6min-1999.csv", dir);
        cc_fc_import_options_init(&o);
        o.time_column = "start";
        o.count_column = "contacts";
        o.interval_min = 6;
        t0 = now_s();
        h = load(path, &o, &t_imp);
        cc_fc_options_init(&fo);
        fo.from_day = cc_fc_days_from_civil(1999, 12, 25);
        fo.days = 7;
        if (cc_fc_forecast(h, &fo, &r, &err))
            die("forecast", &err);
        t_total = now_s() - t0;
        printf("| a year of 6-minute counts (87,600 rows): import, backtest of %d methods x %d "
               "origins, forecast (6-minute grid) | %.2f |\n",
               CC_FC_N_METHODS, r->channels[0].n_origins, t_total);
        cc_fc_result_free(r);
        cc_fc_history_free(h);
    }
    {
        /* A million-row per-contact log: import and fit. */
        char big[] = "/tmp/ccsim-bench-log-XXXXXX";
        int fd = mkstemp(big), i;
        FILE *f = fdopen(fd, "w");
        cc_fc_fit_options fo;
        cc_fc_fit *fit;
        cc_error err;
        double t_total;
        unsigned long x = 88172645463325252UL;
        fputs("arrival,wait,talk,outcome\n", f);
        for (i = 0; i < 1000000; i++) {
            int day = i / 11000, sec = 7 * 3600 + (i % 11000) * 5;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            fprintf(f, "2024-%02d-%02dT%02d:%02d:%02d,%lu,%lu,%s\n", 1 + day / 28, 1 + day % 28,
                    sec / 3600, sec / 60 % 60, sec % 60, x % 120, 30 + (x >> 8) % 600,
                    (x >> 20) % 9 ? "AGENT" : "HANG");
        }
        fclose(f);
        cc_fc_import_options_init(&o);
        o.time_column = "arrival";
        o.wait_column = "wait";
        o.handle_column = "talk";
        o.outcome_column = "outcome";
        t0 = now_s();
        h = load(big, &o, &t_imp);
        cc_fc_fit_options_init(&fo);
        if (cc_fc_fit_history(h, &fo, &fit, &err))
            die("fit", &err);
        t_total = now_s() - t0;
        unlink(big);
        printf("| a 1,000,000-row per-contact log: import (%.2f s) and fit | %.2f |\n", t_imp,
               t_total);
        cc_fc_fit_free(fit);
        cc_fc_history_free(h);
    }
    return 0;
}
