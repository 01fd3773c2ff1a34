/*
 * The engine against queueing theory: M/M/N against Erlang C and M/M/N+M
 * against Erlang A (cc_erlang_eval) at several sizes and loads, including
 * rho = 0.95 and an overloaded queue with abandonment. Each case runs 20
 * replications with a warm-up; arrivals stop at the horizon and the queue
 * drains, so every counted contact has a known fate and the end does not
 * bias waits. The theory value must lie inside the replications' Student-t
 * interval at family confidence 99% (Bonferroni over every comparison in
 * this file), so the fixed seeds stay stable.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "cc_erlang.h"
#include "cc_results.h"
#include "cc_sim.h"
#include "test_queue_metrics.h"
#include "test_util.h"

#define REPS 20
#define COMPARISONS 40 /* upper bound on the comparisons below */

/* Half width of the Bonferroni-adjusted interval for `n` replications. */
static double quantile(long n)
{
    return gsl_cdf_tdist_Pinv(1.0 - 0.01 / (2.0 * COMPARISONS), (double)(n - 1));
}

/* Fails unless `want` is inside the adjusted interval of the replications. */
static void check(const cc_results *res, metric f, double want, const char *what)
{
    double v[REPS], sum = 0.0, ss = 0.0, mean, hw;
    long r, n = res->replications;
    for (r = 0; r < n; r++) {
        v[r] = f(&res->rep_channels[r]);
        sum += v[r];
    }
    mean = sum / n;
    for (r = 0; r < n; r++)
        ss += (v[r] - mean) * (v[r] - mean);
    hw = quantile(n) * sqrt(ss / (n - 1) / n);
    if (fabs(mean - want) > hw) {
        print_error("%s: simulated %.6g +- %.3g, theory %.6g\n", what, mean, hw, want);
        fail();
    }
}

/*
 * Runs the single queue (rate per second, AHT, N, patience mean or 0, T)
 * for `horizon_s` of arrivals after `warmup_s`, and compares every metric.
 */
static void run_case(double rate, double aht, long n, double patience, double target,
                     double horizon_s, double warmup_s, uint64_t seed)
{
    cc_simmodel *m = cc_simmodel_single_queue(rate, aht, n, patience, target,
                                              warmup_s + horizon_s, 0);
    cc_run_options opt = cc_run_options_default();
    cc_erlang_input in = {rate * 3600.0, aht, n, target, patience, CC_SL_OFFERED, 0.0};
    cc_erlang_result th;
    cc_results *res = NULL;
    cc_error err;

    m->drain = 1;
    m->warmup_s = warmup_s;
    opt.replications = REPS;
    opt.seed = seed;
    opt.interval_stats = 0;
    assert_int_equal(cc_erlang_eval(&in, &th, &err), CC_OK);
    assert_int_equal(cc_replicate(m, &opt, &res, &err), CC_OK);
    check(res, m_p_wait, th.p_wait, "P(wait)");
    check(res, m_sl, th.service_level, "service level");
    check(res, m_asa, th.asa_s, "ASA");
    if (patience > 0) {
        check(res, m_p_ab, th.p_abandon, "P(abandon)");
        check(res, m_mean_wait, th.mean_wait_s, "mean wait");
    }
    cc_results_free(res);
    cc_simmodel_free(m);
}

static void test_mm1_rho_05(void **state)
{
    (void)state;
    /* N = 1, A = 0.5: P(wait) = 0.5, ASA = 1, SL(1 s) = 1 - 0.5 e^-0.5 */
    run_case(0.5, 1.0, 1, 0.0, 1.0, 20000.0, 50.0, 11);
}

static void test_mm10_rho_09(void **state)
{
    (void)state;
    /* N = 10, A = 9 (0.15/s, AHT 60 s) */
    run_case(0.15, 60.0, 10, 0.0, 20.0, 400000.0, 6000.0, 12);
}

static void test_mm100_rho_095(void **state)
{
    (void)state;
    /* N = 100, A = 95 (0.31667/s, AHT 300 s): near saturation */
    run_case(95.0 / 300.0, 300.0, 100, 0.0, 20.0, 600000.0, 15000.0, 13);
}

static void test_mmnm_erlang_a(void **state)
{
    (void)state;
    /* N = 10, A = 9, patience mean 60 s (theta = mu) */
    run_case(0.15, 60.0, 10, 60.0, 20.0, 300000.0, 3000.0, 14);
}

static void test_mmnm_w2(void **state)
{
    (void)state;
    /* W2's parameters: N = 100, A = 90, patience mean 120 s */
    run_case(0.3, 300.0, 100, 120.0, 20.0, 150000.0, 6000.0, 15);
}

static void test_mmnm_overloaded(void **state)
{
    (void)state;
    /* N = 50, A = 60 (rho 1.2) with patience 90 s: stable only through abandonment */
    run_case(0.2, 300.0, 50, 90.0, 30.0, 150000.0, 6000.0, 16);
}

/*
 * Occupancy needs a run that stops at the horizon (a drain would add idle
 * time): busy / present over [warm-up, end] against A / N (Erlang C) and
 * carried load / N (Erlang A).
 */
static void check_occupancy(double rate, double aht, long n, double patience, uint64_t seed)
{
    cc_simmodel *m = cc_simmodel_single_queue(rate, aht, n, patience, 20.0, 200000.0, 0);
    cc_run_options opt = cc_run_options_default();
    cc_erlang_input in = {rate * 3600.0, aht, n, 20.0, patience, CC_SL_OFFERED, 0.0};
    cc_erlang_result th;
    cc_results *res = NULL;
    double v[REPS], sum = 0, ss = 0, mean, hw;
    long r;
    m->warmup_s = 10000.0;
    opt.replications = REPS;
    opt.seed = seed;
    opt.interval_stats = 0;
    assert_int_equal(cc_erlang_eval(&in, &th, NULL), CC_OK);
    assert_int_equal(cc_replicate(m, &opt, &res, NULL), CC_OK);
    for (r = 0; r < REPS; r++) {
        v[r] = res->rep_teams[r].busy_s / res->rep_teams[r].present_s;
        sum += v[r];
    }
    mean = sum / REPS;
    for (r = 0; r < REPS; r++)
        ss += (v[r] - mean) * (v[r] - mean);
    hw = quantile(REPS) * sqrt(ss / (REPS - 1) / REPS);
    if (fabs(mean - th.occupancy) > hw) {
        print_error("occupancy: simulated %.6g +- %.3g, theory %.6g\n", mean, hw, th.occupancy);
        fail();
    }
    /* the team summary agrees with the raw replications */
    assert_rel_close(res->teams[0].occupancy.mean, mean, 1e-12);
    cc_results_free(res);
    cc_simmodel_free(m);
}

static void test_occupancy(void **state)
{
    (void)state;
    check_occupancy(0.15, 60.0, 10, 0.0, 21);
    check_occupancy(0.2, 300.0, 50, 90.0, 22);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mm1_rho_05),
        cmocka_unit_test(test_mm10_rho_09),
        cmocka_unit_test(test_mm100_rho_095),
        cmocka_unit_test(test_mmnm_erlang_a),
        cmocka_unit_test(test_mmnm_w2),
        cmocka_unit_test(test_mmnm_overloaded),
        cmocka_unit_test(test_occupancy),
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
