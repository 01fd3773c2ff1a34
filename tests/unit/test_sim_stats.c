/*
 * What the statistics mean: the service level follows target.definition;
 * per-interval service levels are pooled over replications; time averages
 * cover the measured window only (no drain tail, no idle time after
 * max_arrivals); warm-up contacts are left out of the interval rows as of
 * the totals; contacts still waiting at the end before their deadline are
 * pending, neither met nor missed; repeat loops stop at max_attempts and
 * max_transfers; the drain stops at its limit. Each check failed before the
 * rule it checks was written.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "cc_results.h"
#include "cc_sim.h"
#include "engine/workloads.h"
#include "test_sim_fixtures.h"
#include "test_util.h"

static cc_results *run(const cc_simmodel *m, long reps, uint64_t seed)
{
    cc_run_options opt = cc_run_options_default();
    cc_results *res = NULL;
    cc_error err;
    opt.replications = reps;
    opt.threads = 1;
    opt.seed = seed;
    assert_int_equal(cc_replicate(m, &opt, &res, &err), CC_OK);
    return res;
}

/* M/M/20+M at 95% load: many abandons, so the definitions differ widely. */
static cc_simmodel *abandoning_queue(cc_sl_definition def)
{
    cc_simmodel *m = cc_simmodel_single_queue(19.0 / 300.0, 300.0, 20, 120.0, 20.0, 8 * 3600.0,
                                              0);
    m->channels[0].target.service_level = 0.8;
    m->channels[0].target.sl_definition = def;
    m->channels[0].target.short_abandon_s = 5.0;
    return m;
}

static void test_definition_is_honoured(void **state)
{
    cc_sl_definition defs[] = {CC_SL_OFFERED, CC_SL_ANSWERED, CC_SL_EXCLUDE_SHORT};
    double sl[3];
    int k;
    (void)state;
    for (k = 0; k < 3; k++) {
        cc_simmodel *m = abandoning_queue(defs[k]);
        cc_results *r = run(m, 4, 17);
        const cc_channel_summary *cs = &r->channels[0];
        double ab = 0.0, short_ab = 0.0, pend = 0.0;
        long i;
        for (i = 0; i < r->replications; i++) {
            ab += r->rep_channels[i].abandoned;
            short_ab += r->rep_channels[i].short_abandoned;
            pend += r->rep_channels[i].pending_end;
        }
        assert_true(ab > 100.0 && short_ab > 0.0 && short_ab < ab);
        sl[k] = cs->verdict.service_level;
        if (defs[k] == CC_SL_OFFERED)
            assert_rel_close(sl[k], cs->pooled.in_target / (cs->pooled.presented - pend), 1e-12);
        else if (defs[k] == CC_SL_ANSWERED)
            assert_rel_close(sl[k], cs->pooled.in_target / (cs->pooled.presented - ab - pend),
                             1e-12);
        else
            assert_rel_close(sl[k],
                             cs->pooled.in_target / (cs->pooled.presented - short_ab - pend),
                             1e-12);
        cc_results_free(r);
        cc_simmodel_free(m);
    }
    /* the same runs (same seed): answered-only is highest, offered lowest */
    assert_true(sl[1] > sl[2] && sl[2] > sl[0]);
}

static void test_interval_sl_is_pooled(void **state)
{
    cc_simmodel *m = rich_model(0);
    cc_results *r = run(m, 5, 3);
    size_t i, c, differ = 0;
    (void)state;
    for (i = 0; i < r->n_intervals; i++)
        for (c = 0; c < r->n_channels; c++) {
            const cc_interval_channel *x = &r->intervals[i * r->n_channels + c];
            double den = x->pooled.presented - x->pooled.excluded;
            if (!(den > 0.0)) {
                assert_int_equal(x->service_level.n, 0);
                continue;
            }
            assert_rel_close(x->service_level.mean, x->pooled.in_target / den, 1e-12);
            /* the count columns pool it again: means per replication */
            assert_rel_close(x->in_target.mean * (double)r->replications, x->pooled.in_target,
                             1e-9);
            assert_rel_close(x->presented.mean * (double)r->replications, x->pooled.presented,
                             1e-9);
            assert_true(x->service_level.half_width >= 0.0);
            differ += x->service_level.half_width > 0.0;
        }
    assert_true(differ > 0);
    cc_results_free(r);
    cc_simmodel_free(m);
}

/*
 * W1 (M/M/100, 90 erlangs) stopped by max_arrivals after about 3 h: the
 * occupancy is 0.90 (the drain tail of about 20 minutes made it 0.79).
 */
static void test_time_averages_over_measured_window(void **state)
{
    cc_simmodel *m = cc_simmodel_single_queue(0.3, 300.0, 100, 0.0, 20.0, 1e7, 3540);
    cc_results *r;
    long i;
    (void)state;
    m->warmup_s = 1800.0; /* the queue starts empty */
    r = run(m, 16, 5);
    assert_true(fabs(r->teams[0].occupancy.mean - 0.90) < 0.015);
    assert_true(fabs(r->teams[0].occupancy.mean - 0.90) < 2.0 * r->teams[0].occupancy.half_width);
    for (i = 0; i < r->replications; i++) {
        /* the window is the arrivals' span after the warm-up: about 3,000 / 0.3 s */
        assert_true(fabs(r->rep_channels[i].duration_s - 1e4) < 1e3);
        assert_true(r->rep_channels[i].waiting_end == 0.0);
    }
    cc_results_free(r);
    /* without max_arrivals, with a drain: the drain tail is out of the window too */
    cc_simmodel_free(m);
    m = cc_simmodel_single_queue(0.3, 300.0, 100, 0.0, 20.0, 1800.0 + 1e4, 0);
    m->drain = 1;
    m->warmup_s = 1800.0;
    r = run(m, 16, 5);
    assert_true(fabs(r->teams[0].occupancy.mean - 0.90) < 0.015);
    assert_rel_close(r->rep_channels[0].duration_s, 1e4, 1e-12);
    cc_results_free(r);
    cc_simmodel_free(m);
}

static void test_warmup_same_in_intervals_and_totals(void **state)
{
    cc_simmodel *m = rich_model(0);
    cc_results *r;
    size_t i, c;
    (void)state;
    m->warmup_s = 5 * 1800.0 + 600.0;
    r = run(m, 3, 9);
    for (c = 0; c < r->n_channels; c++) {
        double offered = 0.0, answered = 0.0;
        for (i = 0; i < r->n_intervals; i++) {
            offered += r->intervals[i * r->n_channels + c].offered.mean;
            answered += r->intervals[i * r->n_channels + c].answered.mean;
        }
        assert_rel_close(offered, r->channels[c].offered.mean, 1e-9);
        assert_rel_close(answered, r->channels[c].answered.mean, 1e-9);
        /* intervals wholly inside the warm-up are empty */
        assert_true(r->intervals[2 * r->n_channels + c].offered.mean == 0.0);
    }
    cc_results_free(r);
    cc_simmodel_free(m);
}

/*
 * E-mail answered within 4 h, worked 08:00-18:00 only, arriving all day:
 * at midnight those that arrived after 20:00 are pending, not missed; those
 * of 18:00-20:00 have missed.
 */
static void test_deferred_pending_at_end(void **state)
{
    cc_simmodel *m = cc_simmodel_new(24, 1, 1);
    cc_results *r;
    double pend = 0.0, waiting = 0.0;
    size_t i;
    long k;
    (void)state;
    m->interval_s = 3600.0;
    m->intervals_per_day = 24;
    m->channels[0].kind = CC_CHANNEL_EMAIL;
    snprintf(m->channels[0].name, sizeof m->channels[0].name, "email");
    m->channels[0].handle.kind = CC_DIST_EXPONENTIAL;
    m->channels[0].handle.mean_s = 300.0;
    m->channels[0].target = (cc_sim_target){4 * 3600.0, 0.8, 0, 0, CC_SL_OFFERED, 0.0};
    snprintf(m->teams[0].name, sizeof m->teams[0].name, "back office");
    m->teams[0].skills[0].proficiency = 1.0;
    for (i = 0; i < 24; i++) {
        m->channels[0].arrival_rate[i] = 20.0 / 3600.0;
        m->teams[0].agents[i] = i >= 8 && i < 18 ? 5 : 0;
    }
    r = run(m, 4, 1);
    for (k = 0; k < r->replications; k++) {
        pend += r->rep_channels[k].pending_end;
        waiting += r->rep_channels[k].waiting_end;
    }
    /* about 4 h x 20 pending and 2 h x 20 missed per replication */
    assert_true(pend > 4 * 60.0 && pend < 4 * 100.0);
    assert_true(waiting - pend > 4 * 20.0);
    assert_rel_close(r->channels[0].verdict.service_level,
                     r->channels[0].pooled.in_target / (r->channels[0].pooled.presented - pend),
                     1e-12);
    /* the pending ones sit in the last four intervals' rows */
    for (i = 20; i < 24; i++)
        assert_true(r->intervals[i].pending.mean > 0.0 && r->intervals[i].service_level.n == 0);
    assert_true(r->intervals[10].pending.mean == 0.0);
    cc_results_free(r);
    cc_simmodel_free(m);
}

/*
 * Two voice channels that transfer every contact to each other, one team of
 * three agents serving both, ten contacts in the first hour.
 */
static void transfer_loop(cc_simmodel *m)
{
    int c;
    for (c = 0; c < 2; c++) {
        snprintf(m->channels[c].name, sizeof m->channels[c].name, "c%d", c);
        m->channels[c].kind = CC_CHANNEL_VOICE;
        m->channels[c].handle.kind = CC_DIST_EXPONENTIAL;
        m->channels[c].handle.mean_s = 60.0;
        m->channels[c].transfers[0] = (cc_sim_repeat){1.0, {CC_DIST_NONE, 0, 0, NULL, 0}, 1 - c};
        m->channels[c].n_transfers = 1;
        m->teams[0].skills[c].proficiency = 1.0;
    }
    m->channels[0].arrival_rate[0] = 10.0 / 3600.0;
    m->teams[0].agents[0] = 3;
}

/* A 100% transfer loop and a 100% retrial with no agents stop at their limits. */
static void test_repeat_limits(void **state)
{
    cc_simmodel *m = cc_simmodel_new(2, 2, 1);
    cc_results *r;
    (void)state;
    m->interval_s = 3600.0;
    m->intervals_per_day = 24;
    m->drain = 1;
    m->max_transfers = 3;
    m->max_attempts = 4;
    transfer_loop(m);
    m->teams[0].agents[1] = 3;
    r = run(m, 2, 4);
    /* each fresh contact is handled 1 + 3 times */
    assert_rel_close(r->rep_channels[0].answered + r->rep_channels[1].answered,
                     4.0 * (r->rep_channels[0].offered - r->rep_channels[0].repeats), 1e-12);
    assert_true(r->rep_channels[1].transfer_capped + r->rep_channels[0].transfer_capped > 0.0);
    cc_results_free(r);
    cc_simmodel_free(m);

    /* retrials into an empty team: 4 tries each, then they give up */
    m = cc_simmodel_single_queue(10.0 / 3600.0, 60.0, 0, 30.0, 20.0, 3600.0, 0);
    m->drain = 1;
    m->max_attempts = 4;
    m->channels[0].retrial = (cc_sim_repeat){1.0, {CC_DIST_EXPONENTIAL, 60.0, 0, NULL, 0}, 0};
    r = run(m, 2, 4);
    assert_rel_close(r->rep_channels[0].abandoned, 4.0 * r->rep_channels[0].gave_up, 1e-12);
    assert_rel_close(r->rep_channels[0].retried, 3.0 * r->rep_channels[0].gave_up, 1e-12);
    cc_results_free(r);
    cc_simmodel_free(m);

    /* without max_transfers the drain stops at its limit, and says so */
    m = cc_simmodel_new(1, 2, 1);
    m->interval_s = 3600.0;
    m->drain = 1;
    m->drain_limit_s = 7200.0;
    transfer_loop(m);
    r = run(m, 2, 4);
    assert_true(r->rep_channels[0].drain_limited == 1.0 && r->rep_channels[1].drain_limited == 1.0);
    {
        char buf[512];
        assert_non_null(cc_results_limit_notes(m, r, buf, sizeof buf));
        assert_non_null(strstr(buf, "the drain stopped at its limit"));
    }
    cc_results_free(r);
    cc_simmodel_free(m);

    /*
     * The drain limit counts from where arrivals stop. 50 arrivals at 100 an
     * hour (max_arrivals, reached in about half an hour of a 10-day horizon)
     * to one agent with 1 h handle times: a 2 h drain answers a few. Counted
     * from the horizon end it would answer all 50 (about 50 h of work).
     */
    m = cc_simmodel_single_queue(100.0 / 3600.0, 3600.0, 1, 0.0, 20.0, 10 * 86400.0, 50);
    m->drain_limit_s = 7200.0;
    r = run(m, 2, 4);
    for (long k = 0; k < 2; k++) {
        const cc_rep_channel *rc = &r->rep_channels[k];
        assert_true(rc->drain_limited == 1.0);
        assert_true(rc->offered == 50.0 && rc->answered < 10.0);
        assert_true(rc->waiting_end >= 40.0);
    }
    {
        char buf[512];
        assert_non_null(cc_results_limit_notes(m, r, buf, sizeof buf));
        assert_non_null(strstr(buf, "after arrivals stopped"));
    }
    cc_results_free(r);
    cc_simmodel_free(m);
}

/*
 * Erlang Chat (stretch.mode dynamic): one agent holding up to 3 chats with
 * multipliers 1, 1.25, 1.6 and exponential base handle times is the birth-
 * death chain with completion rate n mu / s_n (n <= 3), 3 mu / s_3 beyond.
 * Simulated P(wait), share of time with a chat and mean wait agree with it.
 */
static void test_erlang_chat_dynamic_stretch(void **state)
{
    const double s_n[4] = {1.0, 1.0, 1.25, 1.6}, mu = 1.0 / 300.0, lam = 1.0 / 200.0;
    double w[64], z = 0.0, p_wait = 0.0, busy = 0.0, lq = 0.0, open = 0.0;
    cc_simmodel *m;
    cc_results *r;
    double pw_sim = 0.0, wait_sim = 0.0, n_ans = 0.0;
    long k;
    int n;
    (void)state;
    w[0] = 1.0;
    for (n = 1; n < 64; n++) {
        double rate = n <= 3 ? n * mu / s_n[n] : 3.0 * mu / s_n[3];
        w[n] = w[n - 1] * lam / rate;
    }
    for (n = 0; n < 64; n++)
        z += w[n];
    for (n = 0; n < 64; n++) {
        double pn = w[n] / z;
        p_wait += n >= 3 ? pn : 0.0;
        busy += n >= 1 ? pn : 0.0;
        lq += n > 3 ? (n - 3) * pn : 0.0;
        open += (n < 3 ? n : 3) * pn / 3.0; /* open chats / capacity */
    }
    m = cc_simmodel_new(1, 1, 1);
    m->interval_s = 2.5e6;
    m->warmup_s = 2e4;
    snprintf(m->channels[0].name, sizeof m->channels[0].name, "chat");
    m->channels[0].kind = CC_CHANNEL_CHAT;
    m->channels[0].arrival_rate[0] = lam;
    m->channels[0].handle.kind = CC_DIST_EXPONENTIAL;
    m->channels[0].handle.mean_s = 1.0 / mu;
    m->channels[0].concurrency = 3;
    m->channels[0].stretch[1] = 1.0;
    m->channels[0].stretch[2] = 1.25;
    m->channels[0].stretch[3] = 1.6;
    m->channels[0].stretch_dynamic = 1;
    m->channels[0].target.answer_within_s = 60.0;
    snprintf(m->teams[0].name, sizeof m->teams[0].name, "agent");
    m->teams[0].agents[0] = 1;
    m->teams[0].skills[0].proficiency = 1.0;
    r = run(m, 6, 21);
    for (k = 0; k < r->replications; k++) {
        pw_sim += r->rep_channels[k].queued;
        n_ans += r->rep_channels[k].answered;
        wait_sim += r->rep_channels[k].wait_answered_s;
    }
    pw_sim /= n_ans;
    wait_sim /= n_ans;
    print_message("dynamic: P(wait) %.4f (exact %.4f), busy %.4f (%.4f), wait %.2f (%.2f)\n",
                  pw_sim, p_wait, r->teams[0].occupancy.mean, busy, wait_sim, lq / lam);
    assert_true(fabs(pw_sim - p_wait) < 0.008);
    assert_true(fabs(r->teams[0].occupancy.mean - busy) < 0.006);
    assert_true(fabs(wait_sim - lq / lam) < 0.04 * lq / lam);
    /* chat occupancy under its two names: agents holding >= 1 chat, open chats / capacity */
    print_message("holding >= 1 chat %.4f (exact %.4f), open chats / capacity %.4f (%.4f)\n",
                  r->teams[0].holding_chat.mean, busy, r->teams[0].open_chats.mean, open);
    assert_true(fabs(r->teams[0].holding_chat.mean - busy) < 0.006);
    assert_true(fabs(r->teams[0].open_chats.mean - open) < 0.006);
    assert_true(fabs(open - busy) > 0.1); /* two different figures */
    /* the handle time counted is the one the chats really took: mean > base */
    assert_true(r->channels[0].aht_s.mean > 1.0 / mu);
    cc_results_free(r);
    /* the same queue with the stretch fixed at the start is another model */
    m->channels[0].stretch_dynamic = 0;
    r = run(m, 6, 21);
    pw_sim = 0.0;
    n_ans = 0.0;
    wait_sim = 0.0;
    for (k = 0; k < r->replications; k++) {
        pw_sim += r->rep_channels[k].queued;
        n_ans += r->rep_channels[k].answered;
        wait_sim += r->rep_channels[k].wait_answered_s;
    }
    print_message("at start: P(wait) %.4f, busy %.4f, wait %.2f\n", pw_sim / n_ans,
                  r->teams[0].occupancy.mean, wait_sim / n_ans);
    /* (which the chain does not describe: the checks above would fail) */
    assert_true(fabs(r->teams[0].occupancy.mean - busy) > 0.012);
    assert_true(fabs(wait_sim / n_ans - lq / lam) > 0.06 * lq / lam);
    cc_results_free(r);
    cc_simmodel_free(m);
}

/*
 * uncertainty.dist: the day multiplier is lognormal when asked (it was
 * gamma whatever the setting): with cv 0.6 over 400 replications of one day
 * both have mean 1, and the gamma's heavier lower tail shows in the share
 * of days below 30% of the forecast (gamma shape 2.78: 0.065; lognormal
 * sigma 0.55: 0.028).
 */
static void test_uncertainty_dist_honoured(void **state)
{
    double above[2], mean[2];
    int d;
    (void)state;
    for (d = 0; d < 2; d++) {
        cc_simmodel *m = cc_simmodel_single_queue(2000.0 / 86400.0, 60.0, 50, 0.0, 20.0,
                                                  86400.0, 0);
        cc_results *r;
        long k;
        m->intervals_per_day = 1;
        m->channels[0].forecast_cv = 0.6;
        m->channels[0].forecast_dist = d ? CC_DIST_LOGNORMAL : CC_DIST_GAMMA;
        r = run(m, 400, 8);
        above[d] = mean[d] = 0.0;
        for (k = 0; k < r->replications; k++) {
            mean[d] += r->rep_channels[k].offered / 2000.0 / 400.0;
            above[d] += r->rep_channels[k].offered < 0.3 * 2000.0;
        }
        cc_results_free(r);
        cc_simmodel_free(m);
    }
    print_message("mean multiplier gamma %.3f lognormal %.3f; days below 0.3x: %g vs %g\n",
                  mean[0], mean[1], above[0], above[1]);
    assert_true(fabs(mean[0] - 1.0) < 0.08 && fabs(mean[1] - 1.0) < 0.08);
    assert_true(above[0] > above[1] + 8.0); /* about 26 against 11 */
}

/* Threads beyond the cores are not used; results stay the same. */
static void test_threads_capped(void **state)
{
    cc_run_options opt = cc_run_options_default();
    (void)state;
    opt.replications = 1000;
    opt.threads = 1024;
    assert_true(cc_run_threads(&opt) <= omp_get_num_procs());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_definition_is_honoured),
        cmocka_unit_test(test_interval_sl_is_pooled),
        cmocka_unit_test(test_time_averages_over_measured_window),
        cmocka_unit_test(test_warmup_same_in_intervals_and_totals),
        cmocka_unit_test(test_deferred_pending_at_end),
        cmocka_unit_test(test_repeat_limits),
        cmocka_unit_test(test_threads_capped),
        cmocka_unit_test(test_erlang_chat_dynamic_stretch),
        cmocka_unit_test(test_uncertainty_dist_honoured),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
