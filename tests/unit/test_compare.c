/*
 * Tests of result comparison: verdicts for crafted pairs of summaries
 * (identical, noise inside the interval, a real regression, an improvement,
 * a paired drop that unpaired intervals would hide, a missing metric, another
 * scenario) and the tolerance parsers.
 */
#include <string.h>

#include "test_util.h"
#include "cc_compare.h"

#define DATA "tests/data/compare/"

static const cc_compare_row *find_row(const cc_compare_report *r, const char *metric)
{
    size_t i;
    for (i = 0; i < r->n_rows; i++)
        if (!strcmp(r->rows[i].metric, metric))
            return &r->rows[i];
    fail_msg("metric '%s' not in report", metric);
    return NULL;
}

static cc_compare_report *compare(const char *a, const char *b, const cc_compare_options *o)
{
    cc_compare_report *r = NULL;
    cc_error err;
    assert_int_equal(cc_compare_files(a, b, o, &r, &err), CC_OK);
    return r;
}

static void test_identical_results_are_same_and_meta_ignored(void **state)
{
    cc_compare_report *r = compare(DATA "same.json", DATA "base.json", NULL);
    size_t i;
    (void)state;
    assert_int_equal(r->n_regressed, 0);
    assert_int_equal(r->n_missing, 0);
    for (i = 0; i < r->n_rows; i++) {
        assert_int_equal(r->rows[i].verdict, CC_VERDICT_SAME);
        assert_null(strstr(r->rows[i].metric, "meta"));
    }
    /* 2 phone metrics + target, 2 chat, 2 plan, phone offered = 8 */
    assert_int_equal(r->n_rows, 8);
    cc_compare_report_free(r);
}

static void test_noise_inside_interval_passes(void **state)
{
    cc_compare_report *r = compare(DATA "noise.json", DATA "base.json", NULL);
    const cc_compare_row *row = find_row(r, "channels.phone.service_level");
    (void)state;
    assert_int_equal(row->verdict, CC_VERDICT_WITHIN);
    /* Combined half-width sqrt(0.02^2 + 0.02^2). */
    assert_rel_close(row->allowed, sqrt(0.0008), 1e-9);
    assert_int_equal(r->n_regressed, 0);
    cc_compare_report_free(r);
}

static void test_drop_beyond_interval_regresses(void **state)
{
    cc_compare_report *r = compare(DATA "regressed.json", DATA "base.json", NULL);
    const cc_compare_row *row = find_row(r, "channels.phone.service_level");
    (void)state;
    assert_int_equal(row->verdict, CC_VERDICT_REGRESSED);
    assert_rel_close(row->delta, -0.10, 1e-9);
    assert_int_equal(r->n_regressed, 1);
    cc_compare_report_free(r);
}

static void test_lower_wait_is_improvement(void **state)
{
    cc_compare_report *r = compare(DATA "improved.json", DATA "base.json", NULL);
    (void)state;
    assert_int_equal(find_row(r, "channels.phone.asa_s")->verdict, CC_VERDICT_IMPROVED);
    assert_int_equal(r->n_regressed, 0);
    assert_int_equal(r->n_improved, 1);
    /* The reverse comparison is a regression. */
    cc_compare_report_free(r);
    r = compare(DATA "base.json", DATA "improved.json", NULL);
    assert_int_equal(find_row(r, "channels.phone.asa_s")->verdict, CC_VERDICT_REGRESSED);
    cc_compare_report_free(r);
}

static void test_paired_replications_detect_consistent_drop(void **state)
{
    cc_compare_report *r = compare(DATA "paired-drop.json", DATA "base.json", NULL);
    const cc_compare_row *row = find_row(r, "channels.phone.service_level");
    (void)state;
    /* Every replication lost 0.01: the paired interval has zero width. */
    assert_true(row->paired);
    assert_int_equal(row->verdict, CC_VERDICT_REGRESSED);
    cc_compare_report_free(r);
}

static void test_deterministic_value_and_tolerances(void **state)
{
    cc_compare_options o = {{CC_TOL_STATISTICAL, 0.0}, NULL, 0};
    cc_compare_report *r = compare(DATA "fte-up.json", DATA "base.json", NULL);
    cc_error err;
    (void)state;
    /* No interval: by default (auto) 1% of the baseline; 42.5 -> 43 is beyond it. */
    assert_int_equal(find_row(r, "plan.fte_gross")->verdict, CC_VERDICT_REGRESSED);
    assert_int_equal(find_row(r, "plan.fte_gross")->tolerance.kind, CC_TOL_RELATIVE);
    assert_rel_close(find_row(r, "plan.fte_gross")->allowed, 0.425, 1e-12);
    cc_compare_report_free(r);
    /* Under the strict statistical tolerance only rounding noise is allowed. */
    o.default_tolerance.kind = CC_TOL_STATISTICAL;
    r = compare(DATA "fte-up.json", DATA "base.json", &o);
    assert_true(find_row(r, "plan.fte_gross")->allowed < 1e-9);
    cc_compare_report_free(r);

    assert_int_equal(cc_compare_options_load(&o, DATA "tolerance.yaml", &err), CC_OK);
    assert_int_equal(o.n_rules, 2);
    r = compare(DATA "fte-up.json", DATA "base.json", &o);
    assert_int_equal(find_row(r, "plan.fte_gross")->verdict, CC_VERDICT_WITHIN);
    assert_rel_close(find_row(r, "plan.fte_gross")->allowed, 1.0, 1e-12);
    cc_compare_report_free(r);
    r = compare(DATA "regressed.json", DATA "base.json", &o);
    assert_int_equal(find_row(r, "channels.phone.service_level")->verdict, CC_VERDICT_WITHIN);
    cc_compare_report_free(r);
    cc_compare_options_release(&o);

    o.default_tolerance.kind = CC_TOL_EXACT;
    r = compare(DATA "noise.json", DATA "base.json", &o);
    assert_int_equal(find_row(r, "channels.phone.service_level")->verdict,
                     CC_VERDICT_REGRESSED);
    cc_compare_report_free(r);
}

static void test_missing_metric_and_other_scenario(void **state)
{
    cc_compare_report *r = compare(DATA "missing.json", DATA "base.json", NULL);
    cc_error err;
    (void)state;
    assert_int_equal(r->n_missing, 1);
    assert_int_equal(find_row(r, "channels.chat.abandon_rate")->verdict, CC_VERDICT_MISSING);
    cc_compare_report_free(r);
    r = NULL;
    assert_int_equal(cc_compare_files(DATA "other-scenario.json", DATA "base.json", NULL, &r, &err),
                     CC_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "'other'"));
    assert_non_null(strstr(err.message, "'shop'"));
}

/* A baseline without metrics, or without a section the result has, cannot pass vacuously. */
static void test_baseline_without_metrics_refused(void **state)
{
    cc_compare_report *r = NULL;
    cc_error err;
    (void)state;
    assert_int_equal(cc_compare_files(DATA "base.json", DATA "empty.json", NULL, &r, &err),
                     CC_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "empty.json' holds no metrics"));
    assert_int_equal(cc_compare_files(DATA "empty.json", DATA "base.json", NULL, &r, &err),
                     CC_EINVAL);
    assert_null(r);
    assert_int_equal(cc_compare_files(DATA "base.json", DATA "no-plan.json", NULL, &r, &err),
                     CC_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "no 'plan' metrics"));
    /* A result lacking what the baseline has lists those metrics as missing. */
    assert_int_equal(cc_compare_files(DATA "no-plan.json", DATA "base.json", NULL, &r, &err),
                     CC_OK);
    assert_true(r->n_missing > 0);
    cc_compare_report_free(r);
}

static void test_unusable_inputs(void **state)
{
    cc_compare_report *r = NULL;
    cc_compare_options o = {{CC_TOL_STATISTICAL, 0.0}, NULL, 0};
    cc_error err;
    (void)state;
    assert_int_equal(cc_compare_files(DATA "nope.json", DATA "base.json", NULL, &r, &err), CC_EIO);
    assert_int_equal(cc_compare_files(DATA "not-summary.json", DATA "base.json", NULL, &r, &err),
                     CC_ESCHEMA);
    assert_int_equal(cc_compare_files(DATA "broken.json", DATA "base.json", NULL, &r, &err),
                     CC_ESYNTAX);
    assert_true(err.line > 0);
    assert_int_equal(cc_compare_options_load(&o, DATA "bad-tolerance.yaml", &err), CC_EINVAL);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 21);
    cc_compare_options_release(&o);
    assert_null(r);
}

static void test_tolerance_parse_and_direction(void **state)
{
    cc_tolerance t;
    (void)state;
    assert_int_equal(cc_tolerance_parse("rel:2%", &t), CC_OK);
    assert_int_equal(t.kind, CC_TOL_RELATIVE);
    assert_rel_close(t.value, 0.02, 1e-15);
    assert_int_equal(cc_tolerance_parse("abs:0.5", &t), CC_OK);
    assert_int_equal(t.kind, CC_TOL_ABSOLUTE);
    assert_int_equal(cc_tolerance_parse("exact", &t), CC_OK);
    assert_int_equal(t.kind, CC_TOL_EXACT);
    assert_int_equal(cc_tolerance_parse("abs:", &t), CC_EINVAL);
    assert_int_equal(cc_tolerance_parse("abs:nan", &t), CC_EINVAL);
    assert_int_equal(cc_tolerance_parse("fuzzy:1", &t), CC_EINVAL);
    assert_int_equal(cc_metric_direction_of("channels.phone.service_level"), CC_DIR_HIGHER_BETTER);
    /* Counts follow the volume: no direction; their rates carry it. */
    assert_int_equal(cc_metric_direction_of("channels.phone.answered_within_target"),
                     CC_DIR_NEUTRAL);
    assert_int_equal(cc_metric_direction_of("channels.phone.abandoned"), CC_DIR_NEUTRAL);
    assert_int_equal(cc_metric_direction_of("channels.chat.answered"), CC_DIR_NEUTRAL);
    assert_int_equal(cc_metric_direction_of("channels.chat.contained"), CC_DIR_NEUTRAL);
    assert_int_equal(cc_metric_direction_of("channels.phone.p_abandon"), CC_DIR_LOWER_BETTER);
    assert_int_equal(cc_metric_direction_of("channels.chat.containment"), CC_DIR_HIGHER_BETTER);
    assert_int_equal(cc_metric_direction_of("channels.chat.scope_verdict.attainment.days"),
                     CC_DIR_HIGHER_BETTER);
    assert_int_equal(cc_metric_direction_of("channels.mail.waiting_end"), CC_DIR_LOWER_BETTER);
    assert_int_equal(cc_metric_direction_of("channels.mail.oldest_waiting_s"), CC_DIR_NEUTRAL);
    assert_int_equal(cc_metric_direction_of("plan.fte_rostered"), CC_DIR_LOWER_BETTER);
    assert_int_equal(cc_metric_direction_of("plan.cost.total_per_week"), CC_DIR_LOWER_BETTER);
    assert_int_equal(cc_metric_direction_of("plan.cost.offered_contacts"), CC_DIR_NEUTRAL);
    assert_int_equal(cc_metric_direction_of("teams.t1.cost_per_week"), CC_DIR_LOWER_BETTER);
    assert_int_equal(cc_metric_direction_of("channels.phone.offered"), CC_DIR_NEUTRAL);
    assert_int_equal(cc_metric_direction_of("channels.phone.target.service_level"),
                     CC_DIR_NEUTRAL);
}

/* A relative tolerance against a zero baseline: the interval decides, else the number itself. */
static void test_zero_baseline_and_summary(void **state)
{
    cc_compare_options o = {{CC_TOL_RELATIVE, 0.02}, NULL, 0};
    cc_compare_report *r = compare(DATA "zero-new.json", DATA "zero-base.json", &o);
    cc_compare_summary *sum;
    const cc_compare_row *row;
    (void)state;
    row = find_row(r, "channels.chat.p_abandon"); /* 0 -> 0.001, intervals +-0.002 */
    assert_int_equal(row->verdict, CC_VERDICT_WITHIN);
    assert_rel_close(row->allowed, sqrt(0.002 * 0.002 + 0.002 * 0.002), 1e-9);
    row = find_row(r, "totals.fte_paid"); /* 0 -> 0.01 without interval: allowed 0.02 */
    assert_int_equal(row->verdict, CC_VERDICT_WITHIN);
    assert_rel_close(row->allowed, 0.02, 1e-12);
    sum = cc_compare_summarise(r);
    assert_int_equal(sum->n_channels, 1);
    assert_string_equal(sum->channels[0].name, "chat");
    /* The pooled figure is the summary's service level when both sides have it. */
    assert_string_equal(sum->channels[0].sl->metric, "channels.chat.service_level_pooled");
    assert_string_equal(sum->channels[0].attain[1]->metric,
                        "channels.chat.scope_verdict.attainment.days");
    assert_null(sum->channels[0].attain[2]); /* no weeks on either side */
    assert_string_equal(sum->fte->metric, "totals.fte_paid");
    assert_string_equal(sum->cost_week->metric, "totals.cost_per_week");
    assert_null(sum->cost_contact);
    cc_compare_summary_free(sum);
    cc_compare_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_results_are_same_and_meta_ignored),
        cmocka_unit_test(test_noise_inside_interval_passes),
        cmocka_unit_test(test_drop_beyond_interval_regresses),
        cmocka_unit_test(test_lower_wait_is_improvement),
        cmocka_unit_test(test_paired_replications_detect_consistent_drop),
        cmocka_unit_test(test_deterministic_value_and_tolerances),
        cmocka_unit_test(test_missing_metric_and_other_scenario),
        cmocka_unit_test(test_baseline_without_metrics_refused),
        cmocka_unit_test(test_unusable_inputs),
        cmocka_unit_test(test_tolerance_parse_and_direction),
        cmocka_unit_test(test_zero_baseline_and_summary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
