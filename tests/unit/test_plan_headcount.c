/*
 * Tests of the weekly headcount plan on hand-computed cases: hires and their
 * decision weeks with lead and training time, attrition compounding, the
 * overtime and vendor cover of gaps, both hiring policies, costs and errors.
 */
#include <math.h>
#include <string.h>

#include "cc_plan.h"
#include "test_util.h"

static void base_input(cc_headcount_input *in, const double *req, size_t n)
{
    memset(in, 0, sizeof *in);
    in->n_weeks = n;
    in->required_fte = req;
    in->hours_per_fte_week = 40.0;
}

static void test_lead_and_training(void **state)
{
    /*
     * No attrition, 10 FTE, lead 1 week, training 1 week: the first week a
     * hire can help is 2. Week 2 needs 12: 2 hires start in week 1 (decided
     * in week 0), in training during week 1. Week 4 needs 15: 3 more start in
     * week 3, decided in week 2.
     */
    static const double req[6] = {10, 10, 12, 12, 15, 15};
    cc_headcount_input in;
    cc_headcount_week w[6];
    cc_headcount_totals t;
    (void)state;

    base_input(&in, req, 6);
    in.headcount = 10;
    in.lead_weeks = 1;
    in.training_weeks = 1;
    in.cost_per_paid_hour = 30.0;
    in.cost_per_hire = 2500.0;
    assert_int_equal(cc_plan_headcount(&in, w, &t, NULL), CC_OK);
    assert_int_equal(t.first_hire_week, 2);
    assert_int_equal(t.hires, 5);
    assert_int_equal(w[0].hires_decided, 2);
    assert_int_equal(w[1].hires_starting, 2);
    assert_int_equal(w[2].hires_decided, 3);
    assert_int_equal(w[3].hires_starting, 3);
    assert_int_equal(w[1].hires_decided + w[3].hires_decided + w[4].hires_decided, 0);
    assert_rel_close(w[1].trainees, 2.0, 0);
    assert_rel_close(w[2].trainees, 0.0, 0);
    assert_rel_close(w[3].trainees, 3.0, 0);
    assert_rel_close(w[1].available_fte, 10.0, 0);
    assert_rel_close(w[2].available_fte, 12.0, 0);
    assert_rel_close(w[4].available_fte, 15.0, 0);
    assert_int_equal(t.weeks_short, 0);
    /* Week 1: (10 productive + 2 trainees) x 40 h x 30 = 14400, plus 2 x 2500 hiring. */
    assert_rel_close(w[1].cost_inhouse, 14400.0, 1e-12);
    assert_rel_close(w[1].cost_hiring, 5000.0, 1e-12);
    assert_rel_close(w[1].cost_total, 19400.0, 1e-12);
    assert_rel_close(w[0].cost_total, 12000.0, 1e-12);
}

static void test_attrition(void **state)
{
    /*
     * Monthly attrition 4%: weekly a = 1 - 0.96^(12/52) = 0.0093762267470531
     * (Python). 100 FTE: week 1 has 100 (1 - a) = 99.062377325; week 2
     * 98.133546013 < 106, so ceil(7.866454) = 8 hires start in week 1
     * (lead 1, training 1, decided in week 0) and week 2 has 106.133546013.
     * Week 1 is 0.937623 FTE short = 37.505 h, within the overtime cap of
     * 5% x 99.062 x 40 = 198.1 h, so no vendor hours.
     */
    static const double req[5] = {100, 100, 106, 100, 100};
    cc_headcount_input in;
    cc_headcount_week w[5];
    cc_headcount_totals t;
    (void)state;

    base_input(&in, req, 5);
    in.headcount = 100;
    in.attrition_monthly = 0.04;
    in.lead_weeks = 1;
    in.training_weeks = 1;
    in.overtime_cap = 0.05;
    in.overtime_cost_per_hour = 45.0;
    assert_int_equal(cc_plan_headcount(&in, w, &t, NULL), CC_OK);
    assert_rel_close(t.weekly_attrition, 0.009376226747053074, 1e-12);
    assert_rel_close(w[0].leavers, 0.9376226747053074, 1e-12);
    assert_rel_close(w[1].available_fte, 99.06237732529469, 1e-12);
    assert_int_equal(w[0].hires_decided, 8);
    assert_int_equal(w[1].hires_starting, 8);
    assert_rel_close(w[2].available_fte, 106.1335460133906, 1e-12);
    assert_rel_close(w[3].available_fte, 105.13841382050026, 1e-12);
    assert_rel_close(w[1].gap_fte, 0.9376226747053096, 1e-9);
    assert_rel_close(w[1].gap_pct, 0.9376226747053096 / 100.0, 1e-9);
    assert_rel_close(w[1].overtime_hours, 37.50490698821238, 1e-9);
    assert_rel_close(w[1].vendor_hours, 0.0, 0);
    assert_rel_close(w[1].cost_overtime, 37.50490698821238 * 45.0, 1e-9);
    /* Surplus weeks are negative gaps with no cover. */
    assert_true(w[3].gap_fte < 0);
    assert_rel_close(w[3].overtime_hours, 0.0, 0);
    assert_int_equal(t.hires, 8);
    assert_int_equal(t.weeks_short, 1);
}

static void test_overtime_then_vendor(void **state)
{
    /*
     * 100 FTE, no attrition, lead 2 + training 2: weeks 0-3 cannot be helped
     * by hiring. Week 0 needs 120: 20 FTE x 40 h = 800 gap hours; overtime
     * cap 10% x 100 x 40 = 400 h; the vendor takes the other 400 h. Week 4
     * needs 130: 30 hires start in week 2, decided in week 0.
     */
    static const double req[5] = {120, 120, 100, 100, 130};
    static const double net[5] = {90, 90, 75, 75, 97.5};
    cc_headcount_input in;
    cc_headcount_week w[5];
    cc_headcount_totals t;
    (void)state;

    base_input(&in, req, 5);
    in.required_fte_net = net;
    in.headcount = 100;
    in.lead_weeks = 2;
    in.training_weeks = 2;
    in.overtime_cap = 0.10;
    in.overtime_cost_per_hour = 45.0;
    in.vendor_cost_per_hour = 38.0;
    assert_int_equal(cc_plan_headcount(&in, w, &t, NULL), CC_OK);
    assert_rel_close(w[0].overtime_hours, 400.0, 1e-12);
    assert_rel_close(w[0].vendor_hours, 400.0, 1e-12);
    assert_rel_close(w[0].cost_vendor, 400.0 * 38.0, 1e-12);
    assert_rel_close(w[0].cost_total, 400.0 * 45.0 + 400.0 * 38.0, 1e-12);
    assert_rel_close(w[0].gap_pct, 20.0 / 120.0, 1e-12);
    assert_rel_close(w[0].required_fte_net, 90.0, 0);
    assert_int_equal(w[0].hires_decided, 30);
    assert_int_equal(w[2].hires_starting, 30);
    assert_rel_close(w[2].trainees, 30.0, 0);
    assert_rel_close(w[3].trainees, 30.0, 0);
    assert_rel_close(w[4].trainees, 0.0, 0);
    assert_rel_close(w[4].available_fte, 130.0, 0);
    assert_rel_close(t.overtime_hours, 800.0, 1e-12);
    assert_rel_close(t.vendor_hours, 800.0, 1e-12);
    assert_int_equal(t.weeks_short, 2);

    /*
     * Hiring only beyond overtime: week 4's target is 130 / 1.1 = 118.18, so
     * 19 hires; 11 FTE x 40 = 440 h short, within 10% x 119 x 40 = 476 h.
     */
    in.policy = CC_HIRE_BEYOND_OVERTIME;
    assert_int_equal(cc_plan_headcount(&in, w, &t, NULL), CC_OK);
    assert_int_equal(w[2].hires_starting, 19);
    assert_rel_close(w[4].available_fte, 119.0, 0);
    assert_rel_close(w[4].overtime_hours, 440.0, 1e-12);
    assert_rel_close(w[4].vendor_hours, 0.0, 0);
}

static void test_no_hire_without_lead_time(void **state)
{
    /* The plan is shorter than lead + training: nobody can be hired in time. */
    static const double req[3] = {50, 60, 70};
    cc_headcount_input in;
    cc_headcount_week w[3];
    cc_headcount_totals t;
    (void)state;

    base_input(&in, req, 3);
    in.headcount = 50;
    in.lead_weeks = 4;
    in.training_weeks = 2;
    assert_int_equal(cc_plan_headcount(&in, w, &t, NULL), CC_OK);
    assert_int_equal(t.hires, 0);
    assert_rel_close(w[2].gap_fte, 20.0, 0);
    assert_rel_close(w[2].vendor_hours, 800.0, 1e-12); /* no overtime allowed */
    assert_int_equal(t.weeks_short, 2);
}

static void test_errors(void **state)
{
    double req[2] = {10, -1};
    cc_headcount_input in;
    cc_headcount_week w[2];
    cc_error err;
    (void)state;

    base_input(&in, req, 2);
    in.headcount = 10;
    assert_int_equal(cc_plan_headcount(&in, w, NULL, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "week 1"));
    req[1] = 10;
    in.attrition_monthly = 1.0;
    assert_int_equal(cc_plan_headcount(&in, w, NULL, &err), CC_EINVAL);
    in.attrition_monthly = 0.02;
    in.hours_per_fte_week = 0;
    assert_int_equal(cc_plan_headcount(&in, w, NULL, &err), CC_EINVAL);
    in.hours_per_fte_week = 37.5;
    in.lead_weeks = -1;
    assert_int_equal(cc_plan_headcount(&in, w, NULL, &err), CC_EINVAL);
    in.lead_weeks = 0;
    in.vendor_cost_per_hour = -3;
    assert_int_equal(cc_plan_headcount(&in, w, NULL, &err), CC_EINVAL);
    in.vendor_cost_per_hour = 0;
    in.n_weeks = 0;
    assert_int_equal(cc_plan_headcount(&in, w, NULL, &err), CC_EINVAL);
    in.n_weeks = 2;
    assert_int_equal(cc_plan_headcount(&in, w, NULL, &err), CC_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lead_and_training),
        cmocka_unit_test(test_attrition),
        cmocka_unit_test(test_overtime_then_vendor),
        cmocka_unit_test(test_no_hire_without_lead_time),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
