/*
 * Unit tests of the fitters: lognormal and gamma maximum likelihood on
 * samples with known parameters, Kaplan-Meier against a hand-computed case,
 * patience recovered from exponential patience under censoring by the
 * offered wait, and the fit of a synthetic per-contact log into fit.yaml
 * and fit.json. Fixed seeds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "test_util.h"
#include "cc_forecast.h"

static void test_lognormal_and_gamma(void **state)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t n = 20000, i;
    double *x = malloc(n * sizeof(double));
    cc_fc_dist_fit f;
    (void)state;
    gsl_rng_set(r, 2026);
    for (i = 0; i < n; i++)
        x[i] = gsl_ran_lognormal(r, 5.2, 0.7);
    cc_fc_fit_positive(x, n, &f);
    assert_int_equal(f.n, n);
    /* MLE standard errors: sigma/sqrt(n) = 0.005 for mu, 0.0035 for sigma */
    assert_abs_close(f.lognormal_mu, 5.2, 0.02);
    assert_abs_close(f.lognormal_sigma, 0.7, 0.015);
    assert_rel_close(f.mean_s, exp(5.2 + 0.245), 0.02);
    assert_string_equal(f.best, "lognormal");
    assert_true(f.lognormal_ks < 0.015 && f.gamma_ks > f.lognormal_ks);
    for (i = 0; i < n; i++)
        x[i] = gsl_ran_gamma(r, 2.5, 80.0);
    cc_fc_fit_positive(x, n, &f);
    assert_rel_close(f.gamma_shape, 2.5, 0.04);
    assert_rel_close(f.gamma_scale_s, 80.0, 0.04);
    assert_string_equal(f.best, "gamma");
    free(x);
    gsl_rng_free(r);
}

/*
 * Hand-computed Kaplan-Meier: times 1 2 2+ 3 4+ 5 (+ = censored).
 * S(1) = 5/6; S(2) = 5/6 x 4/5 = 2/3 (the censored 2 still at risk at 2);
 * S(3) = 2/3 x 2/3 = 4/9; S(5) = 0. Median: the first time S <= 0.5, 3.
 * Exponential MLE: exposure 17 over 4 events = 4.25.
 */
static void test_kaplan_meier_by_hand(void **state)
{
    const double t[] = {2, 1, 3, 2, 5, 4};
    const unsigned char ev[] = {0, 1, 1, 1, 1, 0};
    cc_fc_patience_fit p;
    (void)state;
    cc_fc_fit_patience(t, ev, 6, &p);
    assert_int_equal(p.n_abandoned, 4);
    assert_int_equal(p.n_censored, 2);
    assert_int_equal(p.n_km, 4);
    assert_rel_close(p.km_t[0], 1, 0);
    assert_rel_close(p.km_s[0], 5.0 / 6, 1e-12);
    assert_rel_close(p.km_s[1], 2.0 / 3, 1e-12);
    assert_rel_close(p.km_t[2], 3, 0);
    assert_rel_close(p.km_s[2], 4.0 / 9, 1e-12);
    assert_abs_close(p.km_s[3], 0, 1e-12);
    assert_rel_close(p.km_median_s, 3, 0);
    assert_rel_close(p.exp_mean_s, 17.0 / 4, 1e-12);
    cc_fc_patience_release(&p);
}

/* Exponential patience (mean 150 s) censored by exponential offered waits (mean 90 s). */
static void test_patience_under_censoring(void **state)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t n = 30000, i;
    double *t = malloc(n * sizeof(double));
    unsigned char *ev = malloc(n);
    cc_fc_patience_fit p;
    (void)state;
    gsl_rng_set(r, 99);
    for (i = 0; i < n; i++) {
        double pat = gsl_ran_exponential(r, 150), w = gsl_ran_exponential(r, 90);
        ev[i] = pat < w;
        t[i] = pat < w ? pat : w;
    }
    cc_fc_fit_patience(t, ev, n, &p);
    /* about 11,250 abandonments: the MLE's relative error is about 1% */
    assert_rel_close(p.exp_mean_s, 150, 0.04);
    assert_rel_close(p.km_median_s, 150 * log(2.0), 0.05);
    /* the naive mean of the abandoned waits would be far too short */
    assert_true(p.lognormal_mu > 0 && p.lognormal_sigma > 0);
    cc_fc_patience_release(&p);
    free(t);
    free(ev);
    gsl_rng_free(r);
}

/* A four-week per-contact log with known handle times and patience, fitted end to end. */
static void test_fit_history(void **state)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    char path[] = "/tmp/ccsim-fit-XXXXXX";
    int fd = mkstemp(path), d, k;
    FILE *f = fdopen(fd, "w");
    cc_fc_import_options o;
    cc_fc_history *h;
    cc_fc_fit_options fo;
    cc_fc_fit *fit;
    cc_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    (void)state;
    gsl_rng_set(r, 12);
    fputs("arrival,queue_s,talk_s,acw_s,result\n", f);
    for (d = 0; d < 28; d++) {
        int n = (int)gsl_ran_poisson(r, d % 7 == 6 ? 200 : 600);
        for (k = 0; k < n; k++) {
            double sec = 8 * 3600 + gsl_rng_uniform(r) * 10 * 3600;
            double pat = gsl_ran_exponential(r, 200), w = gsl_ran_exponential(r, 60);
            int ab = pat < w;
            fprintf(f, "2024-01-%02d %02d:%02d:%02d,%.0f,%.1f,%.1f,%s\n", 1 + d, (int)sec / 3600,
                    (int)sec / 60 % 60, (int)sec % 60, ab ? pat : w,
                    ab ? 0 : gsl_ran_lognormal(r, 5.5, 0.5), ab ? 0 : gsl_ran_gamma(r, 4, 10),
                    ab ? "abandoned" : "answered");
        }
    }
    fclose(f);
    cc_fc_import_options_init(&o);
    o.time_column = "arrival";
    o.wait_column = "queue_s";
    o.handle_column = "talk_s";
    o.wrap_column = "acw_s";
    o.outcome_column = "result";
    assert_int_equal(cc_fc_import(path, &o, &h, &err), CC_OK);
    unlink(path);
    cc_fc_fit_options_init(&fo);
    assert_int_equal(cc_fc_fit_history(h, &fo, &fit, &err), CC_OK);
    assert_int_equal(fit->n_channels, 1);
    assert_abs_close(fit->channels[0].handle.lognormal_mu, 5.5, 0.02);
    assert_abs_close(fit->channels[0].handle.lognormal_sigma, 0.5, 0.02);
    assert_rel_close(fit->channels[0].wrap.gamma_shape, 4, 0.1);
    assert_rel_close(fit->channels[0].patience.exp_mean_s, 200, 0.1);
    /* Sundays (2024-01-07 is one) at a third of the other days */
    assert_rel_close(fit->channels[0].weekday_mult[6] / fit->channels[0].weekday_mult[0],
                     1.0 / 3, 0.2);
    assert_int_equal(fit->next_day, cc_fc_days_from_civil(2024, 1, 29));
    mem = open_memstream(&buf, &len);
    assert_int_equal(cc_fc_write_fit_yaml(mem, fit, "log", &err), CC_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "handle_time: {dist: lognormal, mean: "));
    assert_non_null(strstr(buf, "wrap_up: {dist: gamma, mean: "));
    assert_non_null(strstr(buf, "patience: {dist: exponential, mean: "));
    assert_non_null(strstr(buf, "start: 2024-01-29"));
    free(buf);
    buf = NULL;
    mem = open_memstream(&buf, &len);
    assert_int_equal(cc_fc_write_fit_json(mem, fit, &err), CC_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "\"km_median_s\""));
    assert_non_null(strstr(buf, "\"lognormal_sigma\""));
    free(buf);
    cc_fc_fit_free(fit);
    cc_fc_history_free(h);
    gsl_rng_free(r);
}

/*
 * Staffing from the agent column: on Monday 2024-01-01 agent A serves back to
 * back from 09:00 to 10:00 and agent B takes one 15-minute call at 09:30, so
 * the 09:00 hour has 1 + 0.25 agents; the history's service level counts the
 * served within 20 s over those offered to the queue (2 of 3 here).
 */
static void test_staffing_and_history_service(void **state)
{
    char path[] = "/tmp/ccsim-staff-XXXXXX";
    int fd = mkstemp(path), k;
    FILE *f = fdopen(fd, "w");
    cc_fc_import_options o;
    cc_fc_history *h;
    cc_fc_fit_options fo;
    cc_fc_fit *fit;
    cc_error err;
    (void)state;
    fputs("t,wait,handle,outcome,agent\n", f);
    for (k = 0; k < 6; k++)
        fprintf(f, "2024-01-01 09:%02d:00,0,600,AGENT,A\n", 10 * k);
    fputs("2024-01-01 09:29:30,30,900,AGENT,B\n", f);
    fputs("2024-01-01 11:00:00,45,0,HANG,NO_SERVER\n", f);
    fputs("2024-01-01 11:00:00,0,0,HANG,NO_SERVER\n", f);
    for (k = 2; k <= 21; k++) /* three more weeks so that the forecast can run */
        fprintf(f, "2024-01-%02d 12:00:00,5,60,AGENT,C\n", k);
    fclose(f);
    cc_fc_import_options_init(&o);
    o.time_column = "t";
    o.wait_column = "wait";
    o.handle_column = "handle";
    o.outcome_column = "outcome";
    o.agent_column = "agent";
    assert_int_equal(cc_fc_import(path, &o, &h, &err), CC_OK);
    unlink(path);
    assert_int_equal(h->n_agents, 3);
    cc_fc_fit_options_init(&fo);
    assert_int_equal(cc_fc_fit_history(h, &fo, &fit, &err), CC_OK);
    assert_true(fit->has_staffing);
    /* three Mondays in the history: the 09:00 hour averages 1.25 / 3 */
    assert_rel_close(fit->staffing[0][9], 1.25 / 3, 1e-9);
    assert_rel_close(fit->staffing[0][10], 0, 0);
    /* offered to the queue: 7 + 20 served and the abandonment after 45 s; 26 within 20 s */
    assert_rel_close(fit->history_sl, 26.0 / 28, 1e-12);
    assert_rel_close(fit->history_abandon, 1.0 / 28, 1e-12);
    cc_fc_fit_free(fit);
    cc_fc_history_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lognormal_and_gamma),
        cmocka_unit_test(test_kaplan_meier_by_hand),
        cmocka_unit_test(test_patience_under_censoring),
        cmocka_unit_test(test_fit_history),
        cmocka_unit_test(test_staffing_and_history_service),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
