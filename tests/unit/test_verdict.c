/*
 * The one verdict rule (cc_channel_verdict): service level, ASA and
 * abandonment on pooled counts, each goal or cap named when it breaks; no
 * traffic is no verdict; the wording reports use; and the places that judge
 * (replication summaries, plan options) agreeing with it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cc_plan.h"
#include "cc_report.h"
#include "cc_results.h"
#include "test_sim_fixtures.h"
#include "test_util.h"

/* 30 s answer time, 80% service level, 20 s ASA cap, 5% abandonment cap. */
static const cc_sim_target voice = {30.0, 0.80, 20.0, 0.05};

static void test_sl_met_but_abandon_over_cap(void **state)
{
    /* 1000 presented: 850 in target (85%), 61 abandoned (6.1%), ASA 12 s. */
    cc_pooled x = {1000.0, 850.0, 939.0, 939.0 * 12.0, 61.0};
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
    cc_pooled none = {0.0, 0.0, 0.0, 0.0, 0.0};
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
        cc_sim_target nothing = {20.0, 0.0, 0.0, 0.0};
        assert_int_equal(cc_channel_verdict(&nothing, &none).status, CC_TARGET_NA);
    }
}

static void test_asa_cap(void **state)
{
    cc_pooled x = {500.0, 450.0, 500.0, 500.0 * 20.5, 0.0};
    cc_target_verdict v;
    char why[160];
    (void)state;

    v = cc_channel_verdict(&voice, &x);
    assert_int_equal(v.status, CC_TARGET_MISSES);
    assert_int_equal(v.missed, CC_MISS_ASA);
    assert_string_equal(cc_target_reasons(&v, why, sizeof why), "ASA 20.5 s > 20 s");
    /* Exactly at the cap meets it. */
    x.wait_answered_s = 500.0 * 20.0;
    assert_int_equal(cc_channel_verdict(&voice, &x).status, CC_TARGET_MEETS);
    /* Nothing answered: the ASA is undefined and not judged; the SL carries it. */
    {
        cc_sim_target asa_only = {30.0, 0.0, 20.0, 0.0};
        cc_pooled unanswered = {10.0, 0.0, 0.0, 0.0, 0.0};
        v = cc_channel_verdict(&asa_only, &unanswered);
        assert_int_equal(v.status, CC_TARGET_MEETS);
        assert_true(isnan(v.asa_s));
        v = cc_channel_verdict(&voice, &unanswered);
        assert_int_equal(v.missed, CC_MISS_SL);
    }
}

static void test_service_level_and_several_reasons(void **state)
{
    cc_pooled x = {1000.0, 800.0, 1000.0, 1000.0 * 10.0, 0.0};
    cc_target_verdict v;
    char why[160], small[12];
    (void)state;

    /* Exactly the goal meets it; one contact fewer in target misses it. */
    assert_int_equal(cc_channel_verdict(&voice, &x).status, CC_TARGET_MEETS);
    x.in_target = 799.0;
    v = cc_channel_verdict(&voice, &x);
    assert_int_equal(v.missed, CC_MISS_SL);
    assert_string_equal(cc_target_reasons(&v, why, sizeof why), "SL 79.9% < 80%");

    /* Every goal broken: the reasons come in the order SL, ASA, abandonment. */
    x = (cc_pooled){1000.0, 724.0, 900.0, 900.0 * 41.0, 100.0};
    v = cc_channel_verdict(&voice, &x);
    assert_int_equal(v.missed, CC_MISS_SL | CC_MISS_ASA | CC_MISS_ABANDON);
    assert_string_equal(cc_target_reasons(&v, why, sizeof why),
                        "SL 72.4% < 80%, ASA 41.0 s > 20 s, abandon 10.0% > 5%");
    /* A short buffer keeps whole clauses only and is always terminated. */
    assert_string_equal(cc_target_reasons(&v, small, sizeof small), "");
    assert_string_equal(cc_target_reasons(&v, why, 20), "SL 72.4% < 80%");

    /* A NaN figure never passes. */
    x = (cc_pooled){100.0, NAN, 100.0, 100.0, 0.0};
    assert_int_equal(cc_channel_verdict(&voice, &x).missed, CC_MISS_SL);
}

static void test_pooled_not_mean_of_ratios(void **state)
{
    /*
     * Two periods: 90 of 100 and 1 of 10 in target. Pooled, 91 / 110 = 82.7%
     * meets 80%; the mean of the two ratios (50%) would not. The verdict is
     * on the pooled counts its caller sums.
     */
    cc_pooled a = {100.0, 90.0, 100.0, 500.0, 0.0}, b = {10.0, 1.0, 10.0, 50.0, 0.0}, sum;
    cc_sim_target sl_only = {30.0, 0.8, 0.0, 0.0};
    (void)state;

    sum = (cc_pooled){a.presented + b.presented, a.in_target + b.in_target,
                      a.answered + b.answered, a.wait_answered_s + b.wait_answered_s,
                      a.abandoned + b.abandoned};
    assert_int_equal(cc_channel_verdict(&sl_only, &sum).status, CC_TARGET_MEETS);
    assert_int_equal(cc_channel_verdict(&sl_only, &b).status, CC_TARGET_MISSES);
}

static void test_terminal_note(void **state)
{
    cc_pooled ab = {1000.0, 850.0, 939.0, 939.0 * 12.0, 61.0};
    cc_pooled sl_ab = {1000.0, 700.0, 939.0, 939.0 * 12.0, 61.0};
    cc_pooled sl = {1000.0, 700.0, 1000.0, 1000.0 * 12.0, 0.0};
    cc_pooled none = {0};
    cc_pooled ok = {1000.0, 900.0, 1000.0, 1000.0 * 5.0, 10.0};
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
                             x->wait_answered_s, x->abandoned};
            sum.presented += one.presented;
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
        {"voice", 0.85, 0.80, 12.0, 20.0, 0.061, 0.05},
        {"quiet", NAN, 0.80, 0.0, 0.0, 0.0, 0.0},
    };
    cc_plan_option opt = {"in-house", team, 1, ch, 2, 1.0, 2.5};
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
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
