/*
 * Replications and their statistics: byte-identical results for 1, 2 and
 * 8 threads, Student-t intervals, risk shares, per-interval rows that agree
 * with the totals, and histogram quantiles.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "cc_results.h"
#include "cc_sim.h"
#include "engine/workloads.h"
#include "engine/counters.h"
#include "stats/estimate.h"
#include "test_sim_fixtures.h"
#include "test_util.h"

static cc_results *run(const cc_simmodel *m, long reps, int threads, uint64_t seed)
{
    cc_run_options opt = cc_run_options_default();
    cc_results *res = NULL;
    cc_error err;
    opt.replications = reps;
    opt.threads = threads;
    opt.seed = seed;
    assert_int_equal(cc_replicate(m, &opt, &res, &err), CC_OK);
    assert_non_null(res);
    return res;
}

static void test_thread_count_does_not_matter(void **state)
{
    cc_simmodel *m = rich_model(0);
    cc_results *r1 = run(m, 9, 1, 2024), *r2 = run(m, 9, 2, 2024), *r8 = run(m, 9, 8, 2024);
    (void)state;
    cc_test_assert_results_identical(r1, r2);
    cc_test_assert_results_identical(r1, r8);
    /* replication r is the same workspace run wherever it ran */
    assert_true(r1->rep_channels[0].offered != r1->rep_channels[4].offered);
    cc_results_free(r1);
    cc_results_free(r2);
    cc_results_free(r8);
    cc_simmodel_free(m);
}

/* Replication r of a 9-replication run equals replication r of a 3-replication run. */
static void test_replication_streams_are_by_index(void **state)
{
    cc_simmodel *m = rich_model(1);
    cc_results *a = run(m, 9, 2, 5), *b = run(m, 3, 1, 5);
    (void)state;
    assert_memory_equal(a->rep_channels, b->rep_channels, 3 * 4 * sizeof(cc_rep_channel));
    cc_results_free(a);
    cc_results_free(b);
    cc_simmodel_free(m);
}

static void test_estimate_of(void **state)
{
    const double v[] = {1.0, 2.0, NAN, 4.0, 7.0};
    cc_estimate e;
    (void)state;
    /* mean 3.5, sd sqrt(7) (n - 1 = 3), half width t(0.975, 3) * sd / 2 */
    e = cc_estimate_of(v, 5, 1);
    assert_int_equal(e.n, 4);
    assert_rel_close(e.mean, 3.5, 1e-15);
    assert_rel_close(e.half_width, 3.182446305284263 * sqrt(7.0) / 2.0, 1e-12);
    e = cc_estimate_of(v, 1, 1);
    assert_int_equal(e.n, 1);
    assert_true(e.half_width == 0.0);
    e = cc_estimate_of(v + 2, 1, 1);
    assert_int_equal(e.n, 0);
    /* the stride walks a field of an array of records */
    e = cc_estimate_of(v, 3, 2);
    assert_int_equal(e.n, 2);
    assert_rel_close(e.mean, 0.5 * (1.0 + 7.0), 1e-15);
}

/* The summaries are the estimates of the raw replications. */
static void test_summaries_match_replications(void **state)
{
    cc_simmodel *m = rich_model(1);
    cc_results *res = run(m, 6, 2, 77);
    double v[6];
    long r;
    size_t i, c;
    cc_estimate e;
    int miss = 0;
    (void)state;
    for (r = 0; r < 6; r++) {
        const cc_rep_channel *x = &res->rep_channels[r * 4];
        v[r] = x->answered_in_target / x->presented;
        miss += v[r] < 0.8 || x->wait_answered_s / x->answered > 30.0 ||
                x->abandoned / x->presented > 0.05;
    }
    e = cc_estimate_of(v, 6, 1);
    assert_true(memcmp(&e, &res->channels[0].service_level, sizeof e) == 0);
    assert_rel_close(res->channels[0].risk, miss / 6.0, 1e-15);
    assert_true(res->channels[0].service_level.half_width > 0);
    assert_string_equal(res->channels[1].name, m->channels[1].name);
    /* the interval rows' means add up to the mean totals (no warm-up) */
    for (c = 0; c < 4; c++) {
        double off = 0, ans = 0;
        for (i = 0; i < 48; i++) {
            off += res->intervals[i * 4 + c].offered.mean;
            ans += res->intervals[i * 4 + c].answered.mean;
        }
        assert_rel_close(off, res->channels[c].offered.mean, 1e-9);
        assert_rel_close(ans, res->channels[c].answered.mean, 1e-9);
    }
    /* paid hours per interval are the schedule: team 2 has 10 agents, 0.5 h */
    assert_rel_close(res->team_intervals[5 * 3 + 2].paid_hours, 5.0, 1e-12);
    assert_true(res->model_events > 0);
    cc_results_free(res);
    cc_simmodel_free(m);
}

/*
 * Interval percentiles pool the replications' histograms: the pooled p90 of
 * an interval lies within the spread of per-replication totals for a
 * single-interval model.
 */
static void test_interval_percentiles(void **state)
{
    cc_simmodel *m = cc_simmodel_workload(1, 20000);
    cc_results *res = run(m, 4, 2, 3);
    double p90 = res->intervals[0].wait_p90_s, lo = INFINITY, hi = 0;
    long r;
    (void)state;
    for (r = 0; r < 4; r++) {
        lo = fmin(lo, res->rep_channels[r].wait_p90_s);
        hi = fmax(hi, res->rep_channels[r].wait_p90_s);
    }
    /* 25%-wide bins, interpolated: within 15% of the span of the fine ones */
    assert_true(p90 > 0.85 * lo && p90 < 1.15 * hi);
    assert_true(res->intervals[0].wait_p50_s == 0.0); /* most calls wait 0 */
    cc_results_free(res);
    cc_simmodel_free(m);
}

static void test_replicate_rejects_bad_options(void **state)
{
    cc_simmodel *m = cc_simmodel_workload(1, 100);
    cc_run_options opt = cc_run_options_default();
    cc_results *res = NULL;
    cc_error err;
    (void)state;
    opt.replications = 0;
    assert_int_equal(cc_replicate(m, &opt, &res, &err), CC_EINVAL);
    assert_null(res);
    opt.replications = 2;
    opt.threads = -1;
    assert_int_equal(cc_replicate(m, &opt, &res, &err), CC_EINVAL);
    m->channels[0].handle.mean_s = -1;
    opt.threads = 1;
    assert_int_equal(cc_replicate(m, &opt, &res, &err), CC_EINVAL);
    assert_null(res);
    cc_simmodel_free(m);
    cc_results_free(NULL);
}

/* ---- histogram quantiles ------------------------------------------------ */

static void test_hist_bins_and_edges(void **state)
{
    unsigned j;
    (void)state;
    assert_int_equal(cc_hist_bin(0.0, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS), 0);
    assert_int_equal(cc_hist_bin(-1.0, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS), 0);
    assert_int_equal(cc_hist_bin(1e-9, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS), 1);
    assert_int_equal(cc_hist_bin(1e30, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS), CC_HT_BINS - 1);
    assert_int_equal(cc_hist_bin(INFINITY, CC_HI_SUB, CC_HI_EMIN, CC_HI_BINS), CC_HI_BINS - 1);
    /* every bin's lower edge falls in that bin, just below it in the one before */
    for (j = 2; j < CC_HT_BINS; j++) {
        double e = cc_hist_edge(j, CC_HT_SUB, CC_HT_EMIN);
        assert_int_equal(cc_hist_bin(e, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS), j);
        assert_int_equal(cc_hist_bin(nextafter(e, 0), CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS), j - 1);
    }
    /* 20 s: 2^4 * 1.25, the 5th of 16 sub-bins of octave 4 */
    assert_rel_close(cc_hist_edge(cc_hist_bin(20.0, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS),
                                  CC_HT_SUB, CC_HT_EMIN), 20.0, 1e-15);
}

static void test_hist_quantile(void **state)
{
    uint32_t h[CC_HT_BINS];
    int i;
    double q;
    (void)state;
    memset(h, 0, sizeof h);
    assert_true(isnan(cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.5)));
    /* 60 zeros and 40 waits uniform on [16, 32) (one octave, 16 bins) */
    h[0] = 60;
    for (i = 0; i < 40; i++) {
        double w = 16.0 + 16.0 * (i + 0.5) / 40.0;
        h[cc_hist_bin(w, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS)]++;
    }
    assert_true(cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.5) == 0.0);
    /* rank 90 of 100: the 30th of the 40 uniform waits: 16 + 16 * 30/40 = 28 */
    q = cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.9);
    assert_rel_close(q, 28.0, 0.01);
}

/* The quantile of exponential waits from the engine's fine histogram. */
static void test_wait_percentiles_exponential(void **state)
{
    uint32_t h[CC_HT_BINS];
    uint64_t x = 88172645463325252ULL;
    int i;
    (void)state;
    memset(h, 0, sizeof h);
    for (i = 0; i < 200000; i++) {
        double u;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        u = ((double)(x >> 11) + 0.5) / 9007199254740992.0;
        h[cc_hist_bin(-100.0 * log(u), CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS)]++;
    }
    /* Exp(mean 100): p50 = 69.31, p90 = 230.26, p99 = 460.52 */
    assert_rel_close(cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.5), 69.315, 0.01);
    assert_rel_close(cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.9), 230.26, 0.01);
    assert_rel_close(cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.99), 460.52, 0.03);
}

static void test_t_quantiles(void **state)
{
    double *tq = cc_tquantile_table(30);
    (void)state;
    /* Student t 0.975 quantiles (standard tables) */
    assert_rel_close(tq[2], 12.706204736174707, 1e-9);
    assert_rel_close(tq[20], 2.093024054408263, 1e-9);
    assert_rel_close(tq[30], 2.045229642132703, 1e-9);
    assert_true(tq[1] == 0.0);
    free(tq);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thread_count_does_not_matter),
        cmocka_unit_test(test_replication_streams_are_by_index),
        cmocka_unit_test(test_estimate_of),
        cmocka_unit_test(test_summaries_match_replications),
        cmocka_unit_test(test_interval_percentiles),
        cmocka_unit_test(test_replicate_rejects_bad_options),
        cmocka_unit_test(test_hist_bins_and_edges),
        cmocka_unit_test(test_hist_quantile),
        cmocka_unit_test(test_wait_percentiles_exponential),
        cmocka_unit_test(test_t_quantiles),
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
