/*
 * Unit tests of the forecasting methods on synthetic series with known
 * structure (Poisson counts around a known mean, fixed seeds): weekday
 * levels, intraday profile, linear trend and a day-of-month effect are
 * recovered; double-seasonal Holt-Winters follows a stationary series; the
 * backtest picks the trend model when there is a trend; closed calendar days
 * are forecast 0; forecast.csv has the documented format.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "test_util.h"
#include "cc_forecast.h"

#define P 48

static const double weekday_mult[7] = {1.3, 1.1, 1.0, 1.0, 0.9, 0.45, 0.25};

/* A day's shape: nothing before 07:00 or after 21:00, a late-morning peak. */
static void true_shape(double *shape)
{
    double s = 0;
    int i;
    for (i = 0; i < P; i++) {
        double h = i / 2.0;
        shape[i] = (h >= 7 && h < 21) ? 1.0 + 1.5 * exp(-(h - 11) * (h - 11) / 8.0) : 0;
        s += shape[i];
    }
    for (i = 0; i < P; i++)
        shape[i] /= s;
}

/*
 * Builds a history of n_days from day0 with mean level(d) x weekday x
 * dom(day of month) x shape; lambda (optional) receives the means.
 */
static cc_fc_history *synthetic(long day0, int n_days, double base, double slope, double dom1,
                                unsigned long seed, double *lambda)
{
    cc_fc_history *h = calloc(1, sizeof(*h));
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double shape[P];
    int d, i;
    gsl_rng_set(r, seed);
    true_shape(shape);
    h->interval_min = 30;
    h->per_day = P;
    h->day0 = day0;
    h->n_days = n_days;
    h->observed = malloc((size_t)n_days);
    h->n_series = 1;
    h->series = calloc(1, sizeof(cc_fc_series));
    snprintf(h->series[0].name, sizeof(h->series[0].name), "contacts");
    h->series[0].y = calloc((size_t)n_days * P, sizeof(double));
    for (d = 0; d < n_days; d++) {
        int y, m, dd;
        double lvl = base + slope * d;
        cc_fc_civil_from_days(day0 + d, &y, &m, &dd);
        if (dd <= 3)
            lvl *= dom1;
        h->observed[d] = 1;
        for (i = 0; i < P; i++) {
            double lam = lvl * weekday_mult[cc_fc_weekday(day0 + d)] * shape[i];
            if (lambda)
                lambda[(size_t)d * P + i] = lam;
            h->series[0].y[(size_t)d * P + i] = gsl_ran_poisson(r, lam);
            h->total += h->series[0].y[(size_t)d * P + i];
        }
    }
    gsl_rng_free(r);
    return h;
}

static double day_sum(const double *v, int d)
{
    double s = 0;
    int i;
    for (i = 0; i < P; i++)
        s += v[(size_t)d * P + i];
    return s;
}

static void test_profile_trend_recovered(void **state)
{
    long day0 = cc_fc_days_from_civil(2024, 1, 1); /* a Monday */
    int n = 26 * 7, d, i;
    double *lambda = malloc((size_t)(n + 7) * P * sizeof(double)), shape[P], l1 = 0;
    cc_fc_history *h = synthetic(day0, n + 7, 1000, 2.0, 1.0, 7, lambda);
    cc_fc_options opt;
    cc_fc_result *r;
    cc_error err;
    (void)state;
    cc_fc_options_init(&opt);
    opt.from_day = day0 + n;
    opt.days = 7;
    assert_int_equal(cc_fc_forecast(h, &opt, &r, &err), CC_OK);
    /* with a trend of 0.2% a day the trend model must beat the same-weekday means */
    assert_int_equal(r->channels[0].chosen, CC_FC_PROFILE);
    assert_true(r->channels[0].wape_interval[CC_FC_PROFILE] <
                r->channels[0].wape_interval[CC_FC_MEANK]);
    for (d = 0; d < 7; d++) {
        double want = day_sum(lambda, n + d), got = day_sum(r->channels[0].mean, d);
        assert_rel_close(got, want, 0.04);
    }
    /* the Monday shape against the true one */
    true_shape(shape);
    for (i = 0; i < P; i++)
        l1 += fabs(r->channels[0].weekday_share[i] - shape[i]);
    assert_true(l1 < 0.05);
    /* weekday means over the last 8 weeks: Monday / Wednesday = 1.3 */
    assert_rel_close(r->channels[0].weekday_mean[0] / r->channels[0].weekday_mean[2], 1.3, 0.03);
    /* Poisson data: the day-level CV beyond Poisson is small */
    assert_true(r->channels[0].cv_daily < 0.03);
    /* bands bracket the mean */
    for (i = 0; i < 7 * P; i++)
        assert_true(r->channels[0].p10[i] <= r->channels[0].mean[i] + 1e-9 &&
                    r->channels[0].p90[i] >= r->channels[0].mean[i] - 1e-9);
    cc_fc_result_free(r);
    cc_fc_history_free(h);
    free(lambda);
}

static void test_day_of_month_recovered(void **state)
{
    /* 2024-01-01 .. 2024-06-30 with days 1-3 of each month at 1.4 times */
    long day0 = cc_fc_days_from_civil(2024, 1, 1), from = cc_fc_days_from_civil(2024, 6, 26);
    int n = (int)(from - day0);
    double *lambda = malloc((size_t)(n + 14) * P * sizeof(double)), *f = malloc(14 * P * 8);
    cc_fc_history *h = synthetic(day0, n, 1000, 0, 1.4, 11, NULL);
    int d;
    (void)state;
    free(lambda);
    cc_fc_method_forecast(CC_FC_PROFILE, h->series[0].y, h->observed, NULL, n, P, day0, 14, 4, f);
    /* 2024-07-01 (Monday, day 1) against 2024-07-08 (Monday, day 8) */
    d = (int)(cc_fc_days_from_civil(2024, 7, 1) - from);
    assert_rel_close(day_sum(f, d) / day_sum(f, d + 7), 1.4, 0.08);
    free(f);
    cc_fc_history_free(h);
}

static void test_holt_winters_follows_seasonality(void **state)
{
    long day0 = cc_fc_days_from_civil(2024, 1, 1);
    int n = 10 * 7, i;
    double *lambda = malloc((size_t)(n + 7) * P * sizeof(double)), *f = malloc(7 * P * 8);
    double ae = 0, sum = 0;
    cc_fc_history *h = synthetic(day0, n + 7, 3000, 0, 1.0, 5, lambda);
    (void)state;
    cc_fc_method_forecast(CC_FC_HOLT_WINTERS, h->series[0].y, h->observed, NULL, n, P, day0, 7,
                          4, f);
    for (i = 0; i < 7 * P; i++) {
        ae += fabs(f[i] - lambda[(size_t)n * P + i]);
        sum += lambda[(size_t)n * P + i];
    }
    /* WAPE against the true mean: the noise of 10 weeks of Poisson counts, a few % */
    assert_true(ae / sum < 0.06);
    free(f);
    free(lambda);
    cc_fc_history_free(h);
}

static void test_baselines_and_closed_days(void **state)
{
    long day0 = cc_fc_days_from_civil(2024, 1, 1);
    int n = 28, i;
    double f[7 * P];
    unsigned char closed[35] = {0};
    cc_fc_history *h = synthetic(day0, n, 500, 0, 1.0, 3, NULL);
    (void)state;
    /* seasonal naive repeats the last week */
    cc_fc_method_forecast(CC_FC_SNAIVE, h->series[0].y, h->observed, NULL, n, P, day0, 7, 4, f);
    for (i = 0; i < 7 * P; i++)
        assert_rel_close(f[i], h->series[0].y[(size_t)21 * P + i], 0);
    /* mean of the last 2 Mondays, skipping a missing one */
    h->observed[21] = 0;
    cc_fc_method_forecast(CC_FC_MEANK, h->series[0].y, h->observed, NULL, n, P, day0, 1, 2, f);
    for (i = 0; i < P; i++)
        assert_rel_close(f[i], 0.5 * (h->series[0].y[14 * P + i] + h->series[0].y[7 * P + i]),
                         1e-12);
    /* a closed calendar day is forecast 0 by every method */
    closed[n + 2] = 1;
    for (i = 0; i < CC_FC_N_METHODS; i++) {
        cc_fc_method_forecast((cc_fc_method)i, h->series[0].y, h->observed, closed, n, P, day0, 7,
                              4, f);
        assert_rel_close(day_sum(f, 2), 0, 0);
        assert_true(day_sum(f, 1) > 0);
    }
    cc_fc_history_free(h);
}

/*
 * Open calendar days: two days of the history at half their weekday's volume
 * set the ratio, and an open calendar day ahead is forecast at that ratio of
 * the same day of the following week.
 */
static void test_open_special_days(void **state)
{
    long day0 = cc_fc_days_from_civil(2024, 1, 1);
    cc_fc_history *h = synthetic(day0, 70, 800, 0, 1.0, 21, NULL);
    long days[3] = {day0 + 30, day0 + 44, day0 + 72};
    int closed[3] = {0, 0, 0}, d, i;
    cc_fc_options opt;
    cc_fc_result *r;
    cc_error err;
    (void)state;
    for (d = 30; d <= 44; d += 14)
        for (i = 0; i < P; i++)
            h->series[0].y[(size_t)d * P + i] = floor(0.5 * h->series[0].y[(size_t)d * P + i]);
    cc_fc_options_init(&opt);
    opt.from_day = day0 + 70;
    opt.days = 14;
    opt.special_days = days;
    opt.special_closed = closed;
    opt.n_special = 3;
    assert_int_equal(cc_fc_forecast(h, &opt, &r, &err), CC_OK);
    assert_int_equal(r->channels[0].n_special_open, 2);
    assert_rel_close(r->channels[0].special_ratio, 0.5, 0.05);
    assert_rel_close(day_sum(r->channels[0].mean, 2) / day_sum(r->channels[0].mean, 9), 0.5, 0.08);
    cc_fc_result_free(r);
    cc_fc_history_free(h);
}

/*
 * Day-level departures that persist (AR(1), phi 0.7, 5% a day): a last day
 * 30% above the model lifts the next day's forecast by most of that and the
 * forecast a week later by far less (without the AR term both would move by
 * the same small amount, through the level).
 */
static void test_day_level_ar(void **state)
{
    long day0 = cc_fc_days_from_civil(2024, 1, 1);
    int n = 12 * 7, d, i;
    double dev = 0, base[7 * P], shocked[7 * P], lift1, lift7;
    cc_fc_history *h = synthetic(day0, n, 2000, 0, 1, 11, NULL);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    (void)state;
    gsl_rng_set(r, 9);
    for (d = 0; d < n; d++) {
        dev = 0.7 * dev + gsl_ran_gaussian(r, 0.05);
        for (i = 0; i < P; i++)
            h->series[0].y[(size_t)d * P + i] *= 1 + dev;
    }
    gsl_rng_free(r);
    cc_fc_method_forecast(CC_FC_PROFILE, h->series[0].y, h->observed, NULL, n, P, day0, 7, 4,
                          base);
    for (i = 0; i < P; i++)
        h->series[0].y[(size_t)(n - 1) * P + i] *= 1.3;
    cc_fc_method_forecast(CC_FC_PROFILE, h->series[0].y, h->observed, NULL, n, P, day0, 7, 4,
                          shocked);
    lift1 = day_sum(shocked, 0) / day_sum(base, 0) - 1;
    lift7 = day_sum(shocked, 6) / day_sum(base, 6) - 1;
    if (!(lift1 > 0.12 && lift7 < lift1 / 2))
        fail_msg("lift of the next day %.3f, a week later %.3f", lift1, lift7);
    cc_fc_history_free(h);
}

/*
 * Two years and a quarter of history with a yearly swing of +-25% (period 364
 * days): two weeks past the peak, profile-yearly follows last year's fall, is
 * chosen by the backtest, and its next four weeks are within 3% of the truth,
 * closer than the trend's.
 */
static void test_yearly_seasonality(void **state)
{
    long day0 = cc_fc_days_from_civil(2021, 1, 4);
    int n = 2 * 364 + 91 + 14, d, i, hz = 28;
    cc_fc_history *h = synthetic(day0, n, 2000, 0, 1, 21, NULL);
    double *f = malloc((size_t)hz * P * sizeof(double)), truth = 0, fy = 0, ft = 0;
    cc_fc_options opt;
    cc_fc_result *res;
    cc_error err;
    (void)state;
    for (d = 0; d < n; d++)
        for (i = 0; i < P; i++)
            h->series[0].y[(size_t)d * P + i] *= 1 + 0.25 * sin(2 * M_PI * d / 364.0);
    for (d = n; d < n + hz; d++)
        truth += 2000 * weekday_mult[cc_fc_weekday(day0 + d)] * (1 + 0.25 * sin(2 * M_PI * d / 364.0));
    cc_fc_options_init(&opt);
    opt.from_day = day0 + n;
    opt.days = hz;
    assert_int_equal(cc_fc_forecast(h, &opt, &res, &err), CC_OK);
    assert_int_equal(res->channels[0].chosen, CC_FC_PROFILE_YEARLY);
    for (d = 0; d < hz; d++)
        fy += day_sum(res->channels[0].mean, d);
    cc_fc_result_free(res);
    cc_fc_method_forecast(CC_FC_PROFILE, h->series[0].y, h->observed, NULL, n, P, day0, hz, 4, f);
    for (d = 0; d < hz; d++)
        ft += day_sum(f, d);
    assert_rel_close(fy, truth, 0.03);
    if (!(fabs(fy - truth) < fabs(ft - truth)))
        fail_msg("yearly %.0f, trend %.0f, truth %.0f", fy, ft, truth);
    /* with less than a year and four weeks it is the trend model, and not scored */
    cc_fc_method_forecast(CC_FC_PROFILE_YEARLY, h->series[0].y, h->observed, NULL, 300, P, day0,
                          7, 4, f);
    {
        double g[7 * P];
        cc_fc_method_forecast(CC_FC_PROFILE, h->series[0].y, h->observed, NULL, 300, P, day0, 7, 4,
                              g);
        for (i = 0; i < 7 * P; i++)
            assert_rel_close(f[i], g[i], 1e-12);
    }
    opt.from_day = day0 + 300;
    opt.days = 7;
    assert_int_equal(cc_fc_forecast(h, &opt, &res, &err), CC_OK);
    assert_true(isnan(res->channels[0].wape_interval[CC_FC_PROFILE_YEARLY]));
    cc_fc_result_free(res);
    free(f);
    cc_fc_history_free(h);
}

/*
 * A level that wanders (a multiplicative random walk, 4% a day) makes errors
 * grow with the lead: the band of the fourth week is measured by its own
 * backtest and comes out wider than the first week's; never narrower.
 */
static void test_bands_widen_with_lead(void **state)
{
    long day0 = cc_fc_days_from_civil(2024, 1, 1);
    int n = 26 * 7, d, i, w;
    cc_fc_history *h = synthetic(day0, n, 2000, 0, 1, 77, NULL);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    cc_fc_options opt;
    cc_fc_result *res;
    cc_error err;
    double walk = 0, width[4] = {0};
    (void)state;
    gsl_rng_set(r, 5);
    for (d = 0; d < n; d++) {
        walk += gsl_ran_gaussian(r, 0.04);
        for (i = 0; i < P; i++)
            h->series[0].y[(size_t)d * P + i] *= exp(walk);
    }
    gsl_rng_free(r);
    cc_fc_options_init(&opt);
    opt.from_day = day0 + n;
    opt.days = 28;
    assert_int_equal(cc_fc_forecast(h, &opt, &res, &err), CC_OK);
    assert_int_equal(res->channels[0].n_lead_weeks, 4);
    for (w = 0; w < 4; w++) {
        /* Tuesday 11:00 of each forecast week: the widths of the band */
        size_t c = (size_t)(7 * w + 1) * P + 22;
        assert_true(res->channels[0].lead_origins[w] > 0);
        assert_true(res->channels[0].p10[c] <= res->channels[0].mean[c] &&
                    res->channels[0].mean[c] <= res->channels[0].p90[c]);
        width[w] = (res->channels[0].p90[c] - res->channels[0].p10[c]) / res->channels[0].mean[c];
        if (w > 0)
            assert_true(width[w] >= width[w - 1] - 1e-12);
    }
    if (!(width[3] > 1.3 * width[0]))
        fail_msg("band of week 4 %.3f not wider than week 1's %.3f", width[3], width[0]);
    cc_fc_result_free(res);
    /* three days ahead: one lead week */
    opt.days = 3;
    assert_int_equal(cc_fc_forecast(h, &opt, &res, &err), CC_OK);
    assert_int_equal(res->channels[0].n_lead_weeks, 1);
    cc_fc_result_free(res);
    cc_fc_history_free(h);
}

static void test_forecast_csv(void **state)
{
    long day0 = cc_fc_days_from_civil(2024, 1, 1);
    cc_fc_history *h = synthetic(day0, 35, 500, 0, 1.0, 9, NULL);
    cc_fc_options opt;
    cc_fc_result *r;
    cc_error err;
    char *buf = NULL, *line, *save = NULL;
    size_t len = 0;
    int rows = 0;
    FILE *mem = open_memstream(&buf, &len);
    (void)state;
    cc_fc_options_init(&opt);
    opt.from_day = day0 + 35;
    opt.days = 2;
    assert_int_equal(cc_fc_forecast(h, &opt, &r, &err), CC_OK);
    assert_int_equal(cc_fc_write_csv(mem, r, &err), CC_OK);
    fclose(mem);
    cc_fc_result_free(r);
    line = strtok_r(buf, "\n", &save);
    assert_string_equal(line, "date,interval_start,channel,contacts,contacts_p10,contacts_p90");
    line = strtok_r(NULL, "\n", &save);
    assert_int_equal(strncmp(line, "2024-02-05,00:00,contacts,0.000,0.000,0.000", 43), 0);
    for (rows = 1; (line = strtok_r(NULL, "\n", &save)); rows++) {
        double a, lo, hi;
        char date[16], hm[8];
        assert_int_equal(sscanf(line, "%10[0-9-],%5[0-9:],contacts,%lf,%lf,%lf", date, hm, &a,
                                &lo, &hi), 5);
        assert_true(lo <= a && a <= hi);
        if (rows == 2 * P - 1)
            assert_string_equal(date, "2024-02-06");
    }
    assert_int_equal(rows, 2 * P);
    free(buf);
    /* errors: no history before --from, bad days */
    opt.from_day = day0 + 3;
    assert_int_equal(cc_fc_forecast(h, &opt, &r, &err), CC_EINVAL);
    opt.from_day = day0 + 35;
    opt.days = 0;
    assert_int_equal(cc_fc_forecast(h, &opt, &r, &err), CC_EINVAL);
    cc_fc_result_free(NULL);
    cc_fc_history_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_trend_recovered),
        cmocka_unit_test(test_day_of_month_recovered),
        cmocka_unit_test(test_holt_winters_follows_seasonality),
        cmocka_unit_test(test_baselines_and_closed_days),
        cmocka_unit_test(test_open_special_days),
        cmocka_unit_test(test_day_level_ar),
        cmocka_unit_test(test_yearly_seasonality),
        cmocka_unit_test(test_bands_widen_with_lead),
        cmocka_unit_test(test_forecast_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
