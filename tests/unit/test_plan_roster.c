/*
 * Tests of the shift plan integer programme: the optimum of a small instance
 * against brute-force enumeration, unpaid breaks, minimum agents, infeasible
 * rules with and without soft coverage, night shifts across block and
 * horizon boundaries, and input errors.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "test_util.h"

#define H 3600.0

static cc_shift_plan *solve_ok(const cc_shift_problem *p)
{
    cc_shift_plan *plan = NULL;
    cc_error err;
    cc_status st = cc_plan_shifts_solve(p, &plan, &err);
    if (st != CC_OK)
        print_error("cc_plan_shifts_solve: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    assert_non_null(plan);
    return plan;
}

/* The small instance: one day of hourly intervals, need from 06:00 to 18:00. */
static const double small_need[24] = {0, 0, 0, 0, 0, 0, 2, 3, 4, 4, 5, 3,
                                      3, 4, 4, 2, 2, 1, 0, 0, 0, 0, 0, 0};

/* Template k of the small instance: start hour, length, break hour offset (-1 none), paid. */
static const int tmpl_start[7] = {6, 8, 10, 12, 6, 8, 10};
static const int tmpl_len[7] = {4, 4, 4, 4, 8, 8, 8};
static const int tmpl_brk[7] = {-1, -1, -1, -1, 4, 4, 4};
static const double tmpl_paid[7] = {4, 4, 4, 4, 7, 7, 7};

/* Least paid hours covering small_need, by enumerating 0..5 agents per template. */
static double brute_force_small(void)
{
    double best = INFINITY;
    int x[7];
    long combos = 1;
    for (int k = 0; k < 7; k++)
        combos *= 6;
    for (long c = 0; c < combos; c++) {
        long r = c;
        double paid = 0;
        int cov[24] = {0}, ok = 1;
        for (int k = 0; k < 7; k++) {
            x[k] = (int)(r % 6);
            r /= 6;
            paid += x[k] * tmpl_paid[k];
        }
        if (paid >= best)
            continue;
        for (int k = 0; k < 7; k++)
            for (int h = 0; h < tmpl_len[k]; h++)
                if (h != tmpl_brk[k])
                    cov[tmpl_start[k] + h] += x[k];
        for (int i = 0; i < 24 && ok; i++)
            ok = cov[i] >= small_need[i];
        if (ok)
            best = paid;
    }
    return best;
}

static void small_rules(cc_shift_rule rules[2])
{
    memset(rules, 0, 2 * sizeof *rules);
    rules[0].name = "short";
    rules[0].first_start_s = 6 * H;
    rules[0].last_start_s = 12 * H;
    rules[0].start_step_s = 2 * H;
    rules[0].length_s = 4 * H;
    rules[1].name = "long";
    rules[1].first_start_s = 6 * H;
    rules[1].last_start_s = 10 * H;
    rules[1].start_step_s = 2 * H;
    rules[1].length_s = 8 * H;
    rules[1].break_offset_s = 4 * H;
    rules[1].break_s = 1 * H;
}

static void small_problem(cc_shift_problem *p, const cc_shift_rule *rules)
{
    memset(p, 0, sizeof *p);
    p->n_intervals = 24;
    p->interval_s = H;
    p->required = small_need;
    p->rules = rules;
    p->n_rules = 2;
}

static void test_small_optimum(void **state)
{
    cc_shift_rule rules[2];
    cc_shift_problem p;
    cc_shift_plan *plan;
    double best = brute_force_small();
    double paid = 0;
    long shifts = 0;
    (void)state;

    /* Enumeration (here and independently in Python) gives 51 paid hours. */
    assert_rel_close(best, 51.0, 0);
    small_rules(rules);
    small_problem(&p, rules);
    plan = solve_ok(&p);
    assert_true(plan->optimal);
    assert_int_equal(plan->n_blocks, 1);
    assert_rel_close(plan->paid_hours, best, 1e-12);
    for (size_t i = 0; i < 24; i++) {
        assert_true(plan->coverage[i] >= plan->needed[i]);
        assert_int_equal(plan->needed[i], (long)small_need[i]);
    }
    assert_rel_close(plan->under_agent_hours, 0, 0);
    /* The starts list reproduces the paid hours and the coverage. */
    for (size_t s = 0; s < plan->n_starts; s++) {
        const cc_shift_start *st = &plan->starts[s];
        assert_int_equal(st->day, 0);
        assert_true(st->agents > 0);
        paid += (double)st->agents * (st->rule == 0 ? 4.0 : 7.0);
        shifts += st->agents;
    }
    assert_rel_close(paid, best, 1e-12);
    assert_int_equal(shifts, plan->n_shifts);
    /* Over-staffing = coverage - need summed (hourly intervals). */
    {
        double over = 0;
        for (size_t i = 0; i < 24; i++)
            over += (double)(plan->coverage[i] - plan->needed[i]);
        assert_rel_close(plan->over_agent_hours, over, 1e-12);
    }
    cc_plan_shifts_free(plan);
}

static void test_fractional_requirement_is_ceiled(void **state)
{
    /* 2.2 agents need 3; 1.0000000001 stays 1 (rounding slack). */
    double need[24] = {0};
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    (void)state;

    need[9] = 2.2;
    need[10] = 1.0000000001;
    memset(&rule, 0, sizeof rule);
    rule.first_start_s = rule.last_start_s = 9 * H;
    rule.length_s = 1 * H;
    memset(&p, 0, sizeof p);
    p.n_intervals = 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, NULL), CC_EINFEASIBLE);
    rule.length_s = 2 * H;
    plan = solve_ok(&p);
    assert_int_equal(plan->needed[9], 3);
    assert_int_equal(plan->needed[10], 1);
    assert_int_equal(plan->n_shifts, 3);
    assert_rel_close(plan->paid_hours, 6.0, 1e-12);
    cc_plan_shifts_free(plan);
}

static void test_break_and_minimum(void **state)
{
    /* Nothing needed; 2 agents must start at 08:00 Monday-Friday on an 8 h shift with a break. */
    double need[7 * 24] = {0};
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    (void)state;

    memset(&rule, 0, sizeof rule);
    rule.first_start_s = rule.last_start_s = 8 * H;
    rule.length_s = 8 * H;
    rule.break_offset_s = 4 * H;
    rule.break_s = 1 * H;
    rule.days_mask = 0x1f;          /* Monday to Friday */
    rule.min_agents = 2;
    memset(&p, 0, sizeof p);
    p.n_intervals = 7 * 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    p.first_weekday = 2; /* day 0 is a Wednesday: days 3, 4 are the weekend */
    plan = solve_ok(&p);
    assert_int_equal(plan->n_shifts, 10);
    assert_rel_close(plan->paid_hours, 10 * 7.0, 1e-12);
    assert_int_equal(plan->coverage[11], 2);      /* day 0 11:00 */
    assert_int_equal(plan->coverage[12], 0);      /* day 0 12:00: the break */
    assert_int_equal(plan->coverage[15], 2);      /* day 0 15:00 */
    assert_int_equal(plan->coverage[3 * 24 + 9], 0); /* Saturday */
    assert_int_equal(plan->coverage[5 * 24 + 9], 2); /* Monday */
    assert_rel_close(plan->over_agent_hours, 10 * 7.0, 1e-12);
    cc_plan_shifts_free(plan);
}

static void test_infeasible_and_soft(void **state)
{
    /* 3 agents needed 08:00-16:00 but at most 1 may start: hard fails, soft leaves 2 short. */
    double need[24] = {0};
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan = NULL;
    cc_error err;
    (void)state;

    for (int h = 8; h < 16; h++)
        need[h] = 3;
    memset(&rule, 0, sizeof rule);
    rule.first_start_s = rule.last_start_s = 8 * H;
    rule.length_s = 8 * H;
    rule.max_agents = 1;
    memset(&p, 0, sizeof p);
    p.n_intervals = 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINFEASIBLE);
    assert_null(plan);
    assert_non_null(strstr(err.message, "max_agents"));

    p.soft_coverage = 1;
    plan = solve_ok(&p);
    assert_int_equal(plan->n_shifts, 1);
    assert_rel_close(plan->paid_hours, 8.0, 1e-12);
    assert_rel_close(plan->under_agent_hours, 2 * 8.0, 1e-12);
    assert_int_equal(plan->n_under_intervals, 8);
    assert_true(plan->optimal);
    cc_plan_shifts_free(plan);

    /* 20:00 cannot be reached by any shift: hard names it, soft reports it short. */
    need[20] = 1;
    p.soft_coverage = 0;
    rule.max_agents = 0;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINFEASIBLE);
    assert_non_null(strstr(err.message, "interval 20 (day 0 20:00)"));
    p.soft_coverage = 1;
    plan = solve_ok(&p);
    assert_int_equal(plan->coverage[20], 0);
    assert_rel_close(plan->under_agent_hours, 1.0, 1e-12);
    assert_int_equal(plan->n_shifts, 3);
    cc_plan_shifts_free(plan);

    /* A penalty below the shift's cost per covered hour leaves the need uncovered. */
    for (int h = 8; h < 16; h++)
        need[h] = 0;
    need[9] = 1;
    need[20] = 0;
    p.under_penalty = 0.5; /* 0.5 paid hours per short agent-hour < 8 h for one shift */
    plan = solve_ok(&p);
    assert_int_equal(plan->n_shifts, 0);
    assert_rel_close(plan->under_agent_hours, 1.0, 1e-12);
    cc_plan_shifts_free(plan);
}

static void test_night_shifts_across_blocks(void **state)
{
    /*
     * One agent 22:00-06:00 every night for 14 days; only a 22:00 start of
     * 8 h is allowed. The night before day 0 (day -1) covers day 0's early
     * hours, and week 1's Sunday-night shift covers week 2's Monday morning,
     * so 15 shifts = 120 paid hours, whether solved whole or week by week.
     */
    double need[14 * 24];
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    (void)state;

    for (size_t i = 0; i < 14 * 24; i++) {
        size_t h = i % 24;
        need[i] = (h >= 22 || h < 6) ? 1.0 : 0.0;
    }
    memset(&rule, 0, sizeof rule);
    rule.first_start_s = rule.last_start_s = 22 * H;
    rule.length_s = 8 * H;
    memset(&p, 0, sizeof p);
    p.n_intervals = 14 * 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    for (int block = 0; block <= 7; block += 7) {
        p.block_days = block;
        plan = solve_ok(&p);
        assert_int_equal(plan->n_blocks, block == 0 ? 1 : 2);
        assert_true(plan->optimal);
        assert_int_equal(plan->n_shifts, 15);
        assert_rel_close(plan->paid_hours, 120.0, 1e-12);
        assert_rel_close(plan->under_agent_hours, 0.0, 0);
        assert_rel_close(plan->over_agent_hours, 0.0, 0);
        assert_int_equal(plan->starts[0].day, -1);
        assert_int_equal(plan->starts[plan->n_starts - 1].day, 13);
        for (size_t i = 0; i < 14 * 24; i++)
            assert_int_equal(plan->coverage[i], plan->needed[i]);
        cc_plan_shifts_free(plan);
    }
}

static void test_week_by_week_matches_whole(void **state)
{
    /* Two identical weeks of day-time need: blocks are independent, so both solves agree. */
    double need[14 * 48];
    cc_shift_rule rules[2];
    cc_shift_problem p;
    cc_shift_plan *whole, *weekly;
    (void)state;

    for (size_t i = 0; i < 14 * 48; i++) {
        double t = (double)(i % 48) / 2.0; /* hour of day */
        need[i] = (t >= 7 && t < 20) ? 3.0 + 2.5 * sin((t - 7) / 13 * 3.14159) : 0.0;
    }
    memset(rules, 0, sizeof rules);
    rules[0].first_start_s = 7 * H;
    rules[0].last_start_s = 12 * H;
    rules[0].start_step_s = 1800;
    rules[0].length_s = 8 * H;
    rules[0].break_offset_s = 4 * H;
    rules[0].break_s = 1800;
    rules[1].first_start_s = 7 * H;
    rules[1].last_start_s = 16 * H;
    rules[1].start_step_s = 1800;
    rules[1].length_s = 4 * H;
    memset(&p, 0, sizeof p);
    p.n_intervals = 14 * 48;
    p.interval_s = 1800;
    p.required = need;
    p.rules = rules;
    p.n_rules = 2;
    whole = solve_ok(&p);
    p.block_days = 7;
    weekly = solve_ok(&p);
    assert_true(whole->optimal);
    assert_true(weekly->optimal);
    assert_rel_close(weekly->paid_hours, whole->paid_hours, 1e-12);
    assert_int_equal(weekly->n_blocks, 2);
    for (size_t i = 0; i < 14 * 48; i++)
        assert_true(weekly->coverage[i] >= weekly->needed[i]);
    cc_plan_shifts_free(whole);
    cc_plan_shifts_free(weekly);
}

static void test_input_errors(void **state)
{
    double need[48] = {0};
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan = NULL;
    cc_error err;
    (void)state;

    memset(&rule, 0, sizeof rule);
    rule.first_start_s = 7 * H + 900; /* 07:15 with 30-minute intervals */
    rule.last_start_s = rule.first_start_s;
    rule.length_s = 8 * H;
    memset(&p, 0, sizeof p);
    p.n_intervals = 48;
    p.interval_s = 1800;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "whole number"));
    rule.first_start_s = rule.last_start_s = 7 * H;

    p.n_intervals = 47;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "whole days"));
    p.n_intervals = 48;

    rule.break_offset_s = 7 * H;
    rule.break_s = 2 * H; /* runs past the end */
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    rule.break_s = 0;

    rule.min_agents = 3;
    rule.max_agents = 2;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    rule.max_agents = 0;

    need[3] = -1;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    need[3] = 0;
    p.n_rules = 0;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    assert_null(plan);
    cc_plan_shifts_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_optimum),
        cmocka_unit_test(test_fractional_requirement_is_ceiled),
        cmocka_unit_test(test_break_and_minimum),
        cmocka_unit_test(test_infeasible_and_soft),
        cmocka_unit_test(test_night_shifts_across_blocks),
        cmocka_unit_test(test_week_by_week_matches_whole),
        cmocka_unit_test(test_input_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
