/*
 * The one verdict rule (cc_channel_verdict): service level, ASA and
 * abandonment on pooled counts, each goal or cap named when it breaks; no
 * traffic is no verdict; the wording reports use; and the places that judge
 * (replication summaries, plan options) agreeing with it. Verdicts at a
 * scope (cc_scope_attainment): every judged interval, day, week or the
 * horizon, the one traffic rule (cc_period_judged), max_risk, the worst
 * period and its name, and a run's periods adding up.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cc_plan.h"
#include "cc_report.h"
#include "cc_results.h"
#include "cc_scenario.h"
#include "stats/target.h"
#include "test_sim_fixtures.h"
#include "test_util.h"

/* 30 s answer time, 80% service level, 20 s ASA cap, 5% abandonment cap. */
static const cc_sim_target voice = {30.0, 0.80, 20.0, 0.05, CC_SL_OFFERED, 0.0};

static void test_sl_met_but_abandon_over_cap(void **state)
{
    /* 100,000 presented: 85% in target, 6.1% abandoned, ASA 12 s. */
    cc_pooled x = {1e5, 85000.0, 93900.0, 93900.0 * 12.0, 6100.0, 0.0};
    cc_target_verdict v = cc_channel_verdict(&voice, &x);
    char why[160];
    (void)state;

    assert_int_equal(v.status, CC_TARGET_MISSES);
    assert_int_equal(v.missed, CC_MISS_ABANDON);
    assert_rel_close(v.service_level, 0.85, 1e-15);
    assert_rel_close(v.abandon, 0.061, 1e-15);
    assert_rel_close(v.asa_s, 12.0, 1e-15);
    assert_string_equal(cc_target_reasons(&v, why, sizeof why), "abandon 6.1% > 5%");
    assert_string_equal(cc_target_status_name(v.status), "misses");

    /* Without the cap the same figures meet the target. */
    {
        cc_sim_target no_cap = voice;
        no_cap.max_abandon = 0.0;
        v = cc_channel_verdict(&no_cap, &x);
        assert_int_equal(v.status, CC_TARGET_MEETS);
        assert_int_equal(v.missed, 0);
        assert_string_equal(cc_target_reasons(&v, why, sizeof why), "");
        assert_string_equal(cc_target_status_name(v.status), "meets");
    }
}

static void test_no_traffic_has_no_verdict(void **state)
{
    cc_pooled none = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    cc_target_verdict v = cc_channel_verdict(&voice, &none);
    char why[160];
    (void)state;

    assert_int_equal(v.status, CC_TARGET_NA);
    assert_int_equal(v.missed, 0);
    assert_true(isnan(v.service_level) && isnan(v.asa_s) && isnan(v.abandon));
    assert_string_equal(cc_target_status_name(v.status), "n/a");
    assert_string_equal(cc_target_reasons(&v, why, sizeof why), "no contacts presented");
    /* Not even a channel without any goal "meets" when nothing was presented. */
    {
        cc_sim_target nothing = {20.0, 0.0, 0.0, 0.0, CC_SL_OFFERED, 0.0};
        assert_int_equal(cc_channel_verdict(&nothing, &none).status, CC_TARGET_NA);
    }
}

static void test_asa_cap(void **state)
{
    cc_pooled x = {50000.0, 45000.0, 50000.0, 50000.0 * 20.5, 0.0, 0.0};
    cc_target_verdict v;
    char why[160];
    (void)state;

    v = cc_channel_verdict(&voice, &x);
    assert_int_equal(v.status, CC_TARGET_MISSES);
    assert_int_equal(v.missed, CC_MISS_ASA);
    assert_string_equal(cc_target_reasons(&v, why, sizeof why), "ASA 20.5 s > 20 s");
    /* Exactly at the cap meets it. */
    x.wait_answered_s = 50000.0 * 20.0;
    assert_int_equal(cc_channel_verdict(&voice, &x).status, CC_TARGET_MEETS);
    /* Nothing answered: the ASA is undefined and not judged; the SL carries it. */
    {
        cc_sim_target asa_only = {30.0, 0.0, 20.0, 0.0, CC_SL_OFFERED, 0.0};
        cc_pooled unanswered = {10.0, 0.0, 0.0, 0.0, 0.0, 0.0};
        v = cc_channel_verdict(&asa_only, &unanswered);
        assert_int_equal(v.status, CC_TARGET_MEETS);
        assert_true(isnan(v.asa_s));
        v = cc_channel_verdict(&voice, &unanswered);
        assert_int_equal(v.missed, CC_MISS_SL);
    }
}

static void test_service_level_and_several_reasons(void **state)
{
    cc_pooled x = {1000.0, 800.0, 1000.0, 1000.0 * 10.0, 0.0, 0.0};
    cc_target_verdict v;
    char why[160], small[12];
    (void)state;

    /*
     * Exactly the goal meets it, and so does a shortfall within the sampling
     * tolerance: 1.96 x sqrt(0.8 x 0.2 / 1000) = 2.48 points, so 77.6%
     * meets and 77.5% misses.
     */
    assert_int_equal(cc_channel_verdict(&voice, &x).status, CC_TARGET_MEETS);
    assert_rel_close(cc_share_tolerance(0.8, 1000.0), 1.96 * sqrt(0.16 / 1000.0), 1e-15);
    x.in_target = 776.0;
    assert_int_equal(cc_channel_verdict(&voice, &x).status, CC_TARGET_MEETS);
    x.in_target = 775.0;
    v = cc_channel_verdict(&voice, &x);
    assert_int_equal(v.missed, CC_MISS_SL);
    assert_string_equal(cc_target_reasons(&v, why, sizeof why), "SL 77.5% < 80%");
    /* A million contacts: the tolerance is 0.08 points. */
    x = (cc_pooled){1e6, 799300.0, 1e6, 1e6 * 10.0, 0.0, 0.0};
    assert_int_equal(cc_channel_verdict(&voice, &x).status, CC_TARGET_MEETS);
    x.in_target = 799000.0;
    assert_int_equal(cc_channel_verdict(&voice, &x).missed, CC_MISS_SL);
    /* The ASA's tolerance: 1.96 x cap / sqrt(answered). */
    assert_rel_close(cc_wait_tolerance(20.0, 400.0), 1.96 * 20.0 / 20.0, 1e-15);

    /* Every goal broken: the reasons come in the order SL, ASA, abandonment. */
    x = (cc_pooled){1000.0, 724.0, 900.0, 900.0 * 41.0, 100.0, 0.0};
    v = cc_channel_verdict(&voice, &x);
    assert_int_equal(v.missed, CC_MISS_SL | CC_MISS_ASA | CC_MISS_ABANDON);
    assert_string_equal(cc_target_reasons(&v, why, sizeof why),
                        "SL 72.4% < 80%, ASA 41.0 s > 20 s, abandon 10.0% > 5%");
    /* A short buffer keeps whole clauses only and is always terminated. */
    assert_string_equal(cc_target_reasons(&v, small, sizeof small), "");
    assert_string_equal(cc_target_reasons(&v, why, 20), "SL 72.4% < 80%");

    /* A NaN figure never passes. */
    x = (cc_pooled){100.0, NAN, 100.0, 100.0, 0.0, 0.0};
    assert_int_equal(cc_channel_verdict(&voice, &x).missed, CC_MISS_SL);
}

static void test_pooled_not_mean_of_ratios(void **state)
{
    /*
     * Two periods: 90 of 100 and 1 of 10 in target. Pooled, 91 / 110 = 82.7%
     * meets 80%; the mean of the two ratios (50%) would not. The verdict is
     * on the pooled counts its caller sums.
     */
    cc_pooled a = {100.0, 90.0, 100.0, 500.0, 0.0, 0.0}, b = {10.0, 1.0, 10.0, 50.0, 0.0, 0.0}, sum;
    cc_sim_target sl_only = {30.0, 0.8, 0.0, 0.0, CC_SL_OFFERED, 0.0};
    (void)state;

    sum = (cc_pooled){a.presented + b.presented, a.in_target + b.in_target,
                      a.answered + b.answered, a.wait_answered_s + b.wait_answered_s,
                      a.abandoned + b.abandoned, 0.0};
    assert_int_equal(cc_channel_verdict(&sl_only, &sum).status, CC_TARGET_MEETS);
    assert_int_equal(cc_channel_verdict(&sl_only, &b).status, CC_TARGET_MISSES);
}

static void test_terminal_note(void **state)
{
    cc_pooled ab = {1e5, 85000.0, 93900.0, 93900.0 * 12.0, 6100.0, 0.0};
    cc_pooled sl_ab = {1e5, 70000.0, 93900.0, 93900.0 * 12.0, 6100.0, 0.0};
    cc_pooled sl = {1e5, 70000.0, 1e5, 1e5 * 12.0, 0.0, 0.0};
    cc_pooled none = {0};
    cc_pooled ok = {1000.0, 900.0, 1000.0, 1000.0 * 5.0, 10.0, 0.0};
    cc_target_verdict v;
    char note[200];
    (void)state;

    v = cc_channel_verdict(&voice, &ab);
    assert_string_equal(cc_report_verdict_note(&v, note, sizeof note),
                        "  misses: abandon 6.1% > 5%");
    v = cc_channel_verdict(&voice, &sl);
    assert_string_equal(cc_report_verdict_note(&v, note, sizeof note), "  below target");
    v = cc_channel_verdict(&voice, &sl_ab);
    assert_string_equal(cc_report_verdict_note(&v, note, sizeof note),
                        "  below target; misses: abandon 6.1% > 5%");
    v = cc_channel_verdict(&voice, &none);
    assert_string_equal(cc_report_verdict_note(&v, note, sizeof note),
                        "  n/a: no contacts presented");
    v = cc_channel_verdict(&voice, &ok);
    assert_string_equal(cc_report_verdict_note(&v, note, sizeof note), "");
}

/*
 * A run's summaries judge through the same rule: the horizon verdict is
 * cc_channel_verdict of the counts summed over replications, the per-interval
 * pooled counts add up to the totals' (the rich model has no warm-up), and
 * the risk is the share of replications whose own verdict misses.
 */
static void test_results_use_the_rule(void **state)
{
    cc_simmodel *m = rich_model(1);
    cc_run_options opt = cc_run_options_default();
    cc_results *r = NULL;
    cc_error err;
    (void)state;

    opt.replications = 5;
    opt.seed = 42;
    assert_int_equal(cc_replicate(m, &opt, &r, &err), CC_OK);
    for (size_t c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *cs = &r->channels[c];
        cc_pooled sum = {0}, by_interval = {0};
        cc_target_verdict want;
        long miss = 0;
        for (long k = 0; k < r->replications; k++) {
            const cc_rep_channel *x = &r->rep_channels[(size_t)k * r->n_channels + c];
            cc_pooled one = {x->presented, x->answered_in_target, x->answered,
                             x->wait_answered_s, x->abandoned, x->sl_excluded};
            sum.presented += one.presented;
            sum.excluded += one.excluded;
            sum.in_target += one.in_target;
            sum.answered += one.answered;
            sum.wait_answered_s += one.wait_answered_s;
            sum.abandoned += one.abandoned;
            miss += cc_channel_verdict(&m->channels[c].target, &one).status == CC_TARGET_MISSES;
        }
        want = cc_channel_verdict(&m->channels[c].target, &sum);
        assert_int_equal(cs->verdict.status, want.status);
        assert_int_equal(cs->verdict.missed, want.missed);
        assert_rel_close(cs->pooled.presented, sum.presented, 0);
        assert_rel_close(cs->verdict.service_level, want.service_level, 0);
        assert_rel_close(cs->risk, (double)miss / (double)r->replications, 0);
        for (size_t i = 0; i < r->n_intervals; i++) {
            const cc_pooled *y = &r->intervals[i * r->n_channels + c].pooled;
            by_interval.presented += y->presented;
            by_interval.in_target += y->in_target;
            by_interval.abandoned += y->abandoned;
        }
        assert_rel_close(by_interval.presented, sum.presented, 1e-12);
        assert_rel_close(by_interval.in_target, sum.in_target, 1e-12);
        assert_rel_close(by_interval.abandoned, sum.abandoned, 1e-12);
    }
    cc_results_free(r);
    cc_simmodel_free(m);
}

/* Plan options judge by the same rule: SL met but abandonment over its cap misses. */
static void test_options_use_the_rule(void **state)
{
    static const cc_option_team team[1] = {{"in-house", 100.0, 1000.0, 30.0, 0.0, 0.0}};
    cc_option_channel ch[2] = {
        {"voice", 0.85, 0.80, 12.0, 20.0, 0.061, 0.05, 0, 0},
        {"quiet", NAN, 0.80, 0.0, 0.0, 0.0, 0.0, 0, 0},
    };
    cc_plan_option opt = {.name = "in-house", .teams = team, .n_teams = 1, .channels = ch,
                          .n_channels = 2, .weeks = 1.0, .fte = 2.5};
    cc_option_result res;
    (void)state;

    assert_int_equal(cc_plan_option_cost(&opt, &res, NULL), CC_OK);
    assert_false(res.meets_targets);
    assert_int_equal(res.n_targets_missed, 1);
    /* Within the cap it meets; the channel without contacts is not judged. */
    ch[0].abandon = 0.05;
    assert_int_equal(cc_plan_option_cost(&opt, &res, NULL), CC_OK);
    assert_true(res.meets_targets);
    assert_int_equal(res.n_targets_missed, 0);
    /* Nothing judged at all: no verdict, so not "meets". */
    opt.channels = &ch[1];
    opt.n_channels = 1;
    assert_int_equal(cc_plan_option_cost(&opt, &res, NULL), CC_OK);
    assert_false(res.meets_targets);
}


/* ---- verdicts at a scope ------------------------------------------------------ */

#define R 10 /* replications behind the hand-built periods */

/* A period of R replications: presented, in target, answered = presented - abandoned. */
static cc_period period(double presented, double in_target, double abandoned, double missed_reps)
{
    cc_period p;
    memset(&p, 0, sizeof p);
    p.pooled.presented = presented;
    p.pooled.in_target = in_target;
    p.pooled.answered = presented - abandoned;
    p.pooled.wait_answered_s = 10.0 * (presented - abandoned);
    p.pooled.abandoned = abandoned;
    p.missed_reps = missed_reps;
    return p;
}

static const cc_sim_target sl80 = {30.0, 0.80, 0.0, 0.0, CC_SL_OFFERED, 0.0};

static void test_traffic_rule(void **state)
{
    cc_pooled x = {0};
    (void)state;

    /* 20 contacts per replication on average: judged; a fraction fewer: not. */
    x.presented = 20.0 * R;
    assert_true(cc_period_judged(&x, R, 48));
    x.presented = 20.0 * R - 0.5;
    assert_false(cc_period_judged(&x, R, 48));
    /* The only period of its scope (the horizon) is judged on any traffic... */
    x.presented = 1.0;
    assert_true(cc_period_judged(&x, R, 1));
    /* ...but never on none. */
    x.presented = 0.0;
    assert_false(cc_period_judged(&x, R, 1));
    assert_false(cc_period_judged(&x, R, 48));
    /* One replication judges on its own counts. */
    x.presented = 20.0;
    assert_true(cc_period_judged(&x, 1, 7));
}

/*
 * Five days, each 1000 contacts over R replications: four at 90% and one at
 * 60%. Pooled over the horizon 4200 / 5000 = 84% meets 80%; judged per day,
 * the bad day misses. The week (the same five days) meets like the horizon.
 */
static void test_one_bad_day(void **state)
{
    cc_period days[5], horizon[1], week[1];
    cc_target_judging by_day = {CC_SCOPE_DAY, 0, 0.0};
    cc_attainment a;
    char why[160], name[64];
    int d;
    (void)state;

    for (d = 0; d < 5; d++)
        days[d] = period(1000.0, d == 3 ? 600.0 : 900.0, 0.0, d == 3 ? R : 1.0);
    horizon[0] = period(5000.0, 4200.0, 0.0, 0.0);
    week[0] = horizon[0];

    a = cc_scope_attainment(&sl80, &by_day, CC_SCOPE_DAY, days, 5, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MISSES);
    assert_int_equal(a.verdict.missed, CC_MISS_SL);
    assert_int_equal(a.periods, 5);
    assert_int_equal(a.judged, 5);
    assert_int_equal(a.met, 4);
    assert_int_equal(a.failed, 1);
    assert_rel_close(a.share_met, 0.8, 1e-15);
    assert_int_equal(a.worst, 3);
    assert_rel_close(a.verdict.service_level, 0.6, 1e-15);
    assert_rel_close(a.verdict.risk, 1.0, 0);
    assert_int_equal(a.verdict.judging.scope, CC_SCOPE_DAY);
    assert_string_equal(cc_target_reasons(&a.verdict, why, sizeof why), "SL 60.0% < 80%");
    assert_string_equal(cc_target_period_name(NULL, CC_SCOPE_DAY, a.worst, name, sizeof name),
                        "day 4");

    a = cc_scope_attainment(&sl80, &by_day, CC_SCOPE_HORIZON, horizon, 1, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MEETS);
    assert_rel_close(a.verdict.service_level, 0.84, 1e-15);
    /* The horizon verdict is cc_channel_verdict of the pooled counts. */
    assert_int_equal(a.verdict.status, cc_channel_verdict(&sl80, &horizon[0].pooled).status);
    a = cc_scope_attainment(&sl80, &by_day, CC_SCOPE_WEEK, week, 1, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MEETS);
    assert_int_equal(a.worst, 0);

    /* With every day good, the worst period is the tightest one (least room). */
    days[3] = period(1000.0, 850.0, 0.0, 2.0);
    a = cc_scope_attainment(&sl80, &by_day, CC_SCOPE_DAY, days, 5, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MEETS);
    assert_int_equal(a.verdict.missed, 0);
    assert_int_equal(a.worst, 3);
    assert_rel_close(a.verdict.risk, 0.2, 1e-15);
    assert_rel_close(a.share_met, 1.0, 0);
}

/*
 * Intervals with too little traffic are not judged: a night interval with 3
 * contacts per replication, none in target, changes nothing, and intervals
 * at different levels show pooled-not-averaged judging.
 */
static void test_quiet_intervals_not_judged(void **state)
{
    cc_period iv[4];
    cc_target_judging by_interval = {CC_SCOPE_INTERVAL, 0, 0.0};
    cc_attainment a;
    char why[200];
    (void)state;

    iv[0] = period(30.0, 0.0, 0.0, R);        /* 3 per replication: not judged */
    iv[1] = period(2000.0, 1700.0, 0.0, 0.0); /* 85% */
    iv[2] = period(200.0, 160.0, 0.0, 4.0);   /* exactly 20 per replication, 80%: judged, meets */
    iv[3] = period(0.0, 0.0, 0.0, 0.0);       /* nothing */
    a = cc_scope_attainment(&sl80, &by_interval, CC_SCOPE_INTERVAL, iv, 4, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MEETS);
    assert_int_equal(a.judged, 2);
    assert_int_equal(a.met, 2);
    assert_int_equal(a.worst, 2);

    /* No interval busy enough: no verdict, and it says why. */
    a = cc_scope_attainment(&sl80, &by_interval, CC_SCOPE_INTERVAL, iv, 1, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MISSES); /* the only period: judged */
    a = cc_scope_attainment(&sl80, &by_interval, CC_SCOPE_INTERVAL, iv, 4, 101);
    assert_int_equal(a.verdict.status, CC_TARGET_NA);
    assert_int_equal(a.judged, 0);
    assert_int_equal(a.worst, -1);
    assert_true(isnan(a.share_met));
    assert_string_equal(cc_target_reasons(&a.verdict, why, sizeof why),
                        "too few contacts to judge any interval (fewer than 20 per replication)");
    a = cc_scope_attainment(&sl80, &by_interval, CC_SCOPE_INTERVAL, &iv[3], 1, R);
    assert_int_equal(a.verdict.status, CC_TARGET_NA);
    assert_string_equal(cc_target_reasons(&a.verdict, why, sizeof why), "no contacts presented");
}

/* max_risk: a period whose pooled figures meet still fails when too many replications miss it. */
static void test_max_risk(void **state)
{
    cc_period d[3];
    cc_target_judging j = {CC_SCOPE_DAY, 1, 0.3};
    cc_attainment a;
    char why[160];
    (void)state;

    d[0] = period(1000.0, 900.0, 0.0, 1.0);
    d[1] = period(1000.0, 830.0, 0.0, 4.0); /* meets pooled, misses in 4 of 10 */
    d[2] = period(1000.0, 880.0, 0.0, 3.0); /* 3 of 10: exactly max_risk */
    a = cc_scope_attainment(&sl80, &j, CC_SCOPE_DAY, d, 3, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MISSES);
    assert_int_equal(a.verdict.missed, CC_MISS_RISK);
    assert_int_equal(a.met, 3); /* attainment: every pooled verdict meets */
    assert_int_equal(a.failed, 1);
    assert_int_equal(a.worst, 1);
    assert_string_equal(cc_target_reasons(&a.verdict, why, sizeof why), "risk 40% > 30%");

    /* At the limit it meets; without max_risk only the pooled figures count. */
    j.max_risk = 0.4;
    assert_int_equal(cc_scope_attainment(&sl80, &j, CC_SCOPE_DAY, d, 3, R).verdict.status,
                     CC_TARGET_MEETS);
    j.has_max_risk = 0;
    j.max_risk = 0.0;
    assert_int_equal(cc_scope_attainment(&sl80, &j, CC_SCOPE_DAY, d, 3, R).verdict.status,
                     CC_TARGET_MEETS);

    /* A pooled miss is worse than a miss on risk alone, whatever the risks. */
    j = (cc_target_judging){CC_SCOPE_DAY, 1, 0.1};
    d[0] = period(1000.0, 760.0, 0.0, 6.0); /* pooled miss, risk 60% */
    d[1] = period(1000.0, 830.0, 0.0, 9.0); /* pooled meets, risk 90% */
    a = cc_scope_attainment(&sl80, &j, CC_SCOPE_DAY, d, 3, R);
    assert_int_equal(a.worst, 0);
    assert_int_equal(a.failed, 3);
    assert_int_equal(a.verdict.missed, CC_MISS_SL | CC_MISS_RISK);
    assert_string_equal(cc_target_reasons(&a.verdict, why, sizeof why),
                        "SL 76.0% < 80%, risk 60% > 10%");
}

/*
 * A period's tolerance grows with how much its replications disagree: ten
 * replications of 100 contacts pooling to 77% in target miss 80% when each
 * replication says 77% (binomial tolerance 2.48 points), but meet it when
 * they alternate between 60% and 94% (the pooled ratio's 95% half-width is
 * about 13 points).
 */
static void test_period_tolerance_from_spread(void **state)
{
    cc_period steady, spread;
    (void)state;

    memset(&steady, 0, sizeof steady);
    memset(&spread, 0, sizeof spread);
    for (int r = 0; r < 10; r++) {
        cc_pooled a = {100.0, 77.0, 100.0, 1000.0, 0.0, 0.0};
        cc_pooled b = {100.0, r % 2 ? 94.0 : 60.0, 100.0, 1000.0, 0.0, 0.0};
        cc_pooled_add(&steady.pooled, &a);
        cc_period_spread_add(&steady.spread, &a);
        cc_pooled_add(&spread.pooled, &b);
        cc_period_spread_add(&spread.spread, &b);
    }
    assert_rel_close(spread.pooled.in_target / spread.pooled.presented, 0.77, 1e-12);
    assert_int_equal(cc_period_verdict(&sl80, &steady).status, CC_TARGET_MISSES);
    assert_int_equal(cc_period_verdict(&sl80, &spread).status, CC_TARGET_MEETS);
    {
        double hw_steady, hw_spread;
        cc_period_half_widths(&steady, &hw_steady, NULL, NULL);
        cc_period_half_widths(&spread, &hw_spread, NULL, NULL);
        assert_true(hw_steady == 0.0);
        assert_true(hw_spread > 0.10 && hw_spread < 0.16);
    }
    /* Pooled alone (no spread known), the same counts miss. */
    assert_int_equal(cc_channel_verdict(&sl80, &spread.pooled).status, CC_TARGET_MISSES);
}

/* A cap broken in one interval only: judged on every cap, the abandonment names it. */
static void test_caps_per_period(void **state)
{
    cc_period iv[3];
    cc_target_judging j = {CC_SCOPE_INTERVAL, 0, 0.0};
    cc_attainment a;
    char why[160], note[200];
    (void)state;

    iv[0] = period(1000.0, 900.0, 10.0, 0.0);
    iv[1] = period(1000.0, 900.0, 70.0, 8.0); /* 7% abandoned > 5% */
    iv[2] = period(1000.0, 900.0, 20.0, 0.0);
    a = cc_scope_attainment(&voice, &j, CC_SCOPE_INTERVAL, iv, 3, R);
    assert_int_equal(a.verdict.status, CC_TARGET_MISSES);
    assert_int_equal(a.verdict.missed, CC_MISS_ABANDON);
    assert_int_equal(a.worst, 1);
    assert_string_equal(cc_target_reasons(&a.verdict, why, sizeof why), "abandon 7.0% > 5%");
    /* The terminal note names the scope: the row's figures are the horizon's. */
    assert_string_equal(cc_report_verdict_note(&a.verdict, note, sizeof note),
                        "  misses at interval scope: abandon 7.0% > 5%");
    iv[1] = period(1000.0, 700.0, 10.0, 8.0);
    a = cc_scope_attainment(&voice, &j, CC_SCOPE_INTERVAL, iv, 3, R);
    assert_string_equal(cc_report_verdict_note(&a.verdict, note, sizeof note),
                        "  misses at interval scope: SL 70.0% < 80%");
    /* At the horizon scope, the note of cc_channel_verdict. */
    j.scope = CC_SCOPE_HORIZON;
    a = cc_scope_attainment(&voice, &j, CC_SCOPE_HORIZON, iv, 1, R);
    assert_string_equal(cc_report_verdict_note(&a.verdict, note, sizeof note), "");
    iv[0] = period(1000.0, 700.0, 10.0, 8.0);
    a = cc_scope_attainment(&voice, &j, CC_SCOPE_HORIZON, iv, 1, R);
    assert_string_equal(cc_report_verdict_note(&a.verdict, note, sizeof note), "  below target");
}

/* The terminal line: horizon SL, attainment by scope, the verdict and its worst period. */
static void test_attainment_line(void **state)
{
    cc_channel_summary x;
    cc_period days[5], iv[10], horizon[1];
    char line[400];
    int k;
    (void)state;

    memset(&x, 0, sizeof x);
    for (k = 0; k < 5; k++)
        days[k] = period(1000.0, k == 3 ? 600.0 : 900.0, 0.0, k == 3 ? R : 1.0);
    for (k = 0; k < 10; k++)
        iv[k] = period(500.0, k == 6 || k == 7 ? 300.0 : 450.0, 0.0, 0.0);
    horizon[0] = period(5000.0, 4200.0, 0.0, 3.0);
    x.judging = (cc_target_judging){CC_SCOPE_DAY, 0, 0.0};
    x.at[CC_SCOPE_INTERVAL] = cc_scope_attainment(&sl80, &x.judging, CC_SCOPE_INTERVAL, iv, 10, R);
    x.at[CC_SCOPE_DAY] = cc_scope_attainment(&sl80, &x.judging, CC_SCOPE_DAY, days, 5, R);
    x.at[CC_SCOPE_WEEK] = cc_scope_attainment(&sl80, &x.judging, CC_SCOPE_WEEK, horizon, 1, R);
    x.at[CC_SCOPE_HORIZON] =
        cc_scope_attainment(&sl80, &x.judging, CC_SCOPE_HORIZON, horizon, 1, R);
    x.verdict = x.at[CC_SCOPE_DAY].verdict;
    assert_string_equal(cc_target_attainment_line(NULL, &x, line, sizeof line),
                        "SL 84.0% (horizon)  intervals meeting 80% (8/10)  days meeting 80% (4/5)"
                        "  verdict: misses at day scope \u2014 day 4: SL 60.0% < 80% (risk 100%)");
    /* At the horizon scope it meets and gives the horizon's risk. */
    x.judging.scope = CC_SCOPE_HORIZON;
    assert_string_equal(cc_target_attainment_line(NULL, &x, line, sizeof line),
                        "SL 84.0% (horizon)  intervals meeting 80% (8/10)  days meeting 80% (4/5)"
                        "  verdict: meets at horizon scope (risk 30%)");
    /* A short buffer is cut, never overrun. */
    assert_int_equal(strlen(cc_target_attainment_line(NULL, &x, line, 12)), 11);
}

/*
 * A scenario with scope and max_risk: the loader and the model carry them,
 * and a run's periods add up (days are their intervals, weeks their days, a
 * partial last week included, the horizon the totals), with the channel's
 * verdict that of its scope, and the periods named by date.
 */
static const char scope_yaml[] =
    "version: 1\n"
    "name: scope\n"
    "horizon: {start: 2026-03-02, days: 9, interval: 60m}\n"
    "channels:\n"
    "  calls: {kind: voice, volume: {per_hour: 60}, handle_time: 240s,\n"
    "          target: {answer_within: 20s, service_level: 80%, scope: day, max_risk: 25%}}\n"
    "  chats: {kind: chat, volume: {per_hour: 30}, handle_time: 300s}\n"
    "teams:\n"
    "  agents: {skills: [calls, chats], agents: 9}\n"
    "simulation: {replications: 3, seed: 5}\n";

static void test_run_periods_add_up(void **state)
{
    cc_scenario *s = NULL;
    cc_simmodel *m = NULL;
    cc_results *r = NULL;
    cc_run_options opt = cc_run_options_default();
    cc_error err;
    char name[64];
    (void)state;

    assert_int_equal(cc_scenario_load_string(scope_yaml, strlen(scope_yaml), "scope.yaml", &s,
                                             NULL, &err),
                     CC_OK);
    assert_int_equal(s->channels[0].target.scope, CC_SCOPE_DAY);
    assert_int_equal(s->channels[0].target.has_max_risk, 1);
    assert_rel_close(s->channels[0].target.max_risk, 0.25, 1e-15);
    /* The default scope is the interval, without a risk limit. */
    assert_int_equal(s->channels[1].target.scope, CC_SCOPE_INTERVAL);
    assert_int_equal(s->channels[1].target.has_max_risk, 0);
    assert_int_equal(cc_simmodel_from_scenario(s, &m, &err), CC_OK);
    assert_int_equal(m->channels[0].judging.scope, CC_SCOPE_DAY);
    assert_int_equal(m->channels[0].judging.has_max_risk, 1);
    assert_rel_close(m->channels[0].judging.max_risk, 0.25, 1e-15);

    opt.replications = 3;
    opt.seed = 5;
    opt.interval_stats = 0; /* verdicts at a scope do not need interval statistics */
    assert_int_equal(cc_replicate(m, &opt, &r, &err), CC_OK);
    assert_int_equal(r->n_periods[CC_SCOPE_INTERVAL], 9 * 24);
    assert_int_equal(r->n_periods[CC_SCOPE_DAY], 9);
    assert_int_equal(r->n_periods[CC_SCOPE_WEEK], 2);
    assert_int_equal(r->n_periods[CC_SCOPE_HORIZON], 1);
    for (size_t c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *x = &r->channels[c];
        const cc_period *iv = cc_results_periods(r, c, CC_SCOPE_INTERVAL);
        const cc_period *dy = cc_results_periods(r, c, CC_SCOPE_DAY);
        const cc_period *wk = cc_results_periods(r, c, CC_SCOPE_WEEK);
        const cc_period *hz = cc_results_periods(r, c, CC_SCOPE_HORIZON);
        double weeks[2] = {0.0, 0.0}, all = 0.0;
        for (size_t d = 0; d < 9; d++) {
            double sum = 0.0;
            for (size_t i = 0; i < 24; i++)
                sum += iv[d * 24 + i].pooled.in_target;
            assert_rel_close(dy[d].pooled.in_target, sum, 1e-12);
            assert_true(dy[d].missed_reps >= 0 && dy[d].missed_reps <= 3);
            weeks[d / 7] += dy[d].pooled.presented;
            all += dy[d].pooled.presented;
        }
        assert_rel_close(wk[0].pooled.presented, weeks[0], 1e-12);
        assert_rel_close(wk[1].pooled.presented, weeks[1], 1e-12); /* two days */
        assert_rel_close(hz[0].pooled.presented, all, 1e-12);      /* no warm-up */
        assert_rel_close(hz[0].pooled.presented, x->pooled.presented, 0);
        assert_rel_close(hz[0].missed_reps, x->risk * 3.0, 1e-12);
        /* The channel's verdict is its scope's; each scope by the one function. */
        for (int sc = 0; sc < CC_SCOPES; sc++) {
            cc_attainment want = cc_scope_attainment(&m->channels[c].target,
                                                     &m->channels[c].judging,
                                                     (cc_target_scope)sc,
                                                     cc_results_periods(r, c, (cc_target_scope)sc),
                                                     r->n_periods[sc], 3);
            assert_int_equal(x->at[sc].verdict.status, want.verdict.status);
            assert_int_equal(x->at[sc].judged, want.judged);
            assert_int_equal(x->at[sc].worst, want.worst);
        }
        assert_int_equal(x->judging.scope, m->channels[c].judging.scope);
        assert_int_equal(x->verdict.status, x->at[x->judging.scope].verdict.status);
        assert_int_equal(x->verdict.missed, x->at[x->judging.scope].verdict.missed);
        /* The horizon's pooled figures are the run's; max_risk applies to it too. */
        assert_int_equal(x->at[CC_SCOPE_HORIZON].met,
                         cc_channel_verdict(&m->channels[c].target, &x->pooled).status ==
                             CC_TARGET_MEETS);
        if (!x->judging.has_max_risk)
            assert_int_equal(x->at[CC_SCOPE_HORIZON].verdict.status,
                             cc_channel_verdict(&m->channels[c].target, &x->pooled).status);
        else
            assert_int_equal(x->at[CC_SCOPE_HORIZON].verdict.status == CC_TARGET_MISSES,
                             x->at[CC_SCOPE_HORIZON].met == 0 || x->risk > 0.25);
    }
    assert_string_equal(cc_target_period_name(s, CC_SCOPE_INTERVAL, 24 + 10, name, sizeof name),
                        "interval 2026-03-03 10:00");
    assert_string_equal(cc_target_period_name(s, CC_SCOPE_DAY, 8, name, sizeof name),
                        "day 2026-03-10");
    assert_string_equal(cc_target_period_name(s, CC_SCOPE_WEEK, 0, name, sizeof name),
                        "week 2026-03-02 to 2026-03-08");
    assert_string_equal(cc_target_period_name(s, CC_SCOPE_WEEK, 1, name, sizeof name),
                        "week 2026-03-09 to 2026-03-10");
    assert_string_equal(cc_target_period_name(s, CC_SCOPE_HORIZON, 0, name, sizeof name),
                        "horizon");
    assert_string_equal(cc_target_period_name(s, CC_SCOPE_DAY, -1, name, sizeof name), "");
    assert_string_equal(cc_target_scope_name(CC_SCOPE_WEEK), "week");
    cc_results_free(r);
    cc_simmodel_free(m);
    cc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sl_met_but_abandon_over_cap),
        cmocka_unit_test(test_no_traffic_has_no_verdict),
        cmocka_unit_test(test_asa_cap),
        cmocka_unit_test(test_service_level_and_several_reasons),
        cmocka_unit_test(test_pooled_not_mean_of_ratios),
        cmocka_unit_test(test_terminal_note),
        cmocka_unit_test(test_results_use_the_rule),
        cmocka_unit_test(test_options_use_the_rule),
        cmocka_unit_test(test_traffic_rule),
        cmocka_unit_test(test_one_bad_day),
        cmocka_unit_test(test_quiet_intervals_not_judged),
        cmocka_unit_test(test_max_risk),
        cmocka_unit_test(test_caps_per_period),
        cmocka_unit_test(test_attainment_line),
        cmocka_unit_test(test_run_periods_add_up),
        cmocka_unit_test(test_period_tolerance_from_spread),
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
