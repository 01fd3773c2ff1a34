/*
 * Tests of the shift plan integer programme: the optimum of a small instance
 * against brute-force enumeration, unpaid breaks, minimum agents, infeasible
 * rules with and without soft coverage, night shifts across block and
 * horizon boundaries, and input errors; ranges of lengths and windowed
 * breaks against explicit enumeration, breaks off the phones (paid and
 * unpaid), the part-time share, min/max over lengths, schedule efficiency
 * on a bimodal day; the scenario keys (plan.days_off, plan.part_time, the
 * new shift rule keys) and the planner's mapping of the rules.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "cc_scenario.h"
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

/* ---- lengths, breaks, part-time share ------------------------------------ */

/*
 * Checks a plan against itself: every start's breaks lie in the rule's
 * windows on the interval grid, inside the shift and apart; laying the
 * starts out (duty minus breaks) gives the plan's coverage; the paid hours
 * are time on site minus unpaid breaks.
 */
static void check_starts(const cc_shift_problem *p, const cc_shift_plan *plan)
{
    long *cov = calloc(p->n_intervals, sizeof *cov);
    size_t per_day = (size_t)(86400.0 / p->interval_s);
    double paid = 0.0;
    long shifts = 0;

    for (size_t s = 0; s < plan->n_starts; s++) {
        const cc_shift_start *st = &plan->starts[s];
        const cc_shift_rule *r = &p->rules[st->rule];
        double unpaid = 0.0;
        long base = st->day * (long)per_day + lround(st->start_s / p->interval_s);
        int nb = 0;
        assert_true(st->agents > 0);
        assert_true(st->length_s >= r->length_s - 1e-9);
        assert_true(st->length_s <= (r->max_length_s > 0 ? r->max_length_s : r->length_s) + 1e-9);
        for (int k = 0; k < r->n_breaks; k++)
            nb += st->length_s > r->breaks[k].shifts_over_s;
        assert_int_equal(st->n_breaks, r->n_breaks > 0 ? nb : (r->break_s > 0));
        for (int b = 0; b < st->n_breaks; b++) {
            const cc_shift_break_at *x = &st->breaks[b];
            int in_window = r->n_breaks == 0;
            for (int k = 0; k < r->n_breaks; k++)
                in_window |= x->length_s == r->breaks[k].length_s &&
                             x->paid == r->breaks[k].paid &&
                             x->offset_s >= r->breaks[k].earliest_s - 1e-9 &&
                             x->offset_s <= r->breaks[k].latest_s + 1e-9;
            assert_true(in_window);
            assert_abs_close(fmod(x->offset_s, p->interval_s), 0.0, 1e-9);
            assert_true(x->offset_s + x->length_s < st->length_s);
            if (b > 0)
                assert_true(st->breaks[b - 1].offset_s + st->breaks[b - 1].length_s <=
                            x->offset_s);
            if (!x->paid)
                unpaid += x->length_s;
        }
        assert_abs_close(st->paid_s, st->length_s - unpaid, 1e-9);
        for (long k = 0; k < lround(st->length_s / p->interval_s); k++) {
            double at = (double)k * p->interval_s;
            int off = 0;
            for (int b = 0; b < st->n_breaks; b++)
                off |= at >= st->breaks[b].offset_s - 1e-9 &&
                       at < st->breaks[b].offset_s + st->breaks[b].length_s - 1e-9;
            if (!off && base + k >= 0 && base + k < (long)p->n_intervals)
                cov[base + k] += st->agents;
        }
        paid += (double)st->agents * st->paid_s / 3600.0;
        shifts += st->agents;
    }
    for (size_t i = 0; i < p->n_intervals; i++)
        assert_int_equal(cov[i], plan->coverage[i]);
    assert_rel_close(plan->paid_hours, paid, 1e-12);
    assert_int_equal(plan->n_shifts, shifts);
    free(cov);
}

/* Least paid hours over explicit templates (start, length, break hour or -1, paid hours). */
typedef struct explicit_tmpl {
    int start, length, brk, paid;
} explicit_tmpl;

static int brute_force(const explicit_tmpl *t, int n, const double need[24], int max_each)
{
    int best = INT_MAX, x[16] = {0};
    for (;;) {
        int paid = 0, cov[24] = {0}, ok = 1, k;
        for (k = 0; k < n; k++)
            paid += x[k] * t[k].paid;
        if (paid < best) {
            for (k = 0; k < n; k++)
                for (int h = 0; h < t[k].length; h++)
                    if (h != t[k].brk)
                        cov[t[k].start + h] += x[k];
            for (int i = 0; i < 24 && ok; i++)
                ok = cov[i] >= need[i];
            if (ok)
                best = paid;
        }
        for (k = 0; k < n && ++x[k] > max_each; k++)
            x[k] = 0;
        if (k == n)
            return best;
    }
}

static void test_length_range_optimum(void **state)
{
    /*
     * Starts 08:00, 10:00, 12:00, lengths 2h to 4h: 9 templates. The need
     * (15 agent-hours) cannot be met without 2 idle hours: 09:00 needs 2
     * agents who can only have started at 08:00 (needing 1), and likewise
     * at the close. Enumeration of 0..3 agents per template (here and in
     * Python) gives 17 paid hours.
     */
    double need[24] = {0};
    static const double day[8] = {1, 2, 2, 3, 3, 2, 1, 1};
    explicit_tmpl t[9];
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    int n = 0, best;
    (void)state;

    for (int h = 0; h < 8; h++)
        need[8 + h] = day[h];
    for (int s = 8; s <= 12; s += 2)
        for (int len = 2; len <= 4; len++)
            t[n++] = (explicit_tmpl){s, len, -1, len};
    best = brute_force(t, n, need, 3);
    assert_int_equal(best, 17);

    memset(&rule, 0, sizeof rule);
    rule.first_start_s = 8 * H;
    rule.last_start_s = 12 * H;
    rule.start_step_s = 2 * H;
    rule.length_s = 2 * H;
    rule.max_length_s = 4 * H;
    rule.length_step_s = 1 * H;
    memset(&p, 0, sizeof p);
    p.n_intervals = 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    plan = solve_ok(&p);
    assert_true(plan->optimal);
    assert_rel_close(plan->paid_hours, 17.0, 1e-12);
    check_starts(&p, plan);
    for (size_t i = 0; i < 24; i++)
        assert_true(plan->coverage[i] >= plan->needed[i]);
    cc_plan_shifts_free(plan);

    /* Lengths 2h to 4h in 2h steps leave out the 3h ones: enumeration gives 18. */
    rule.length_step_s = 2 * H;
    n = 0;
    for (int s = 8; s <= 12; s += 2)
        for (int len = 2; len <= 4; len += 2)
            t[n++] = (explicit_tmpl){s, len, -1, len};
    best = brute_force(t, n, need, 3);
    plan = solve_ok(&p);
    assert_rel_close(plan->paid_hours, (double)best, 1e-12);
    assert_true(best > 17);
    for (size_t s = 0; s < plan->n_starts; s++)
        assert_true(plan->starts[s].length_s != 3 * H);
    cc_plan_shifts_free(plan);
}

static void test_break_windows_optimum(void **state)
{
    /*
     * Starts 08:00-10:00 hourly, 5 h or 6 h long; the 6 h shifts (over 5 h)
     * take a 1 h unpaid break 2 h to 3 h after the start. The implicit
     * break model must reach the optimum of the explicit one (a template
     * per start, length and break hour), found here by enumeration: 20 paid
     * hours (Python agrees), with breaks that differ between agents.
     */
    double need[24] = {0};
    static const double day[8] = {2, 3, 3, 2, 3, 3, 2, 1};
    explicit_tmpl t[9];
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    int n = 0, best, on_break_at_11 = 0;
    (void)state;

    for (int h = 0; h < 8; h++)
        need[8 + h] = day[h];
    for (int s = 8; s <= 10; s++) {
        t[n++] = (explicit_tmpl){s, 5, -1, 5};
        t[n++] = (explicit_tmpl){s, 6, 2, 5};
        t[n++] = (explicit_tmpl){s, 6, 3, 5};
    }
    best = brute_force(t, n, need, 3);
    assert_int_equal(best, 20);

    memset(&rule, 0, sizeof rule);
    rule.first_start_s = 8 * H;
    rule.last_start_s = 10 * H;
    rule.start_step_s = H;
    rule.length_s = 5 * H;
    rule.max_length_s = 6 * H;
    rule.length_step_s = H;
    rule.n_breaks = 1;
    rule.breaks[0].length_s = H;
    rule.breaks[0].earliest_s = 2 * H;
    rule.breaks[0].latest_s = 3 * H;
    rule.breaks[0].shifts_over_s = 5 * H;
    memset(&p, 0, sizeof p);
    p.n_intervals = 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    plan = solve_ok(&p);
    assert_true(plan->optimal);
    assert_rel_close(plan->paid_hours, 20.0, 1e-12);
    assert_true(plan->n_break_variables > 0);
    check_starts(&p, plan);
    for (size_t i = 0; i < 24; i++)
        assert_true(plan->coverage[i] >= plan->needed[i]);
    for (size_t s = 0; s < plan->n_starts; s++)
        for (int b = 0; b < plan->starts[s].n_breaks; b++)
            if (plan->starts[s].start_s + plan->starts[s].breaks[b].offset_s == 11 * H)
                on_break_at_11 += (int)plan->starts[s].agents;
    /* Agents present at 11:00 minus those on a break there. */
    {
        long present = 0;
        for (size_t s = 0; s < plan->n_starts; s++)
            if (plan->starts[s].start_s <= 11 * H &&
                plan->starts[s].start_s + plan->starts[s].length_s > 11 * H)
                present += plan->starts[s].agents;
        assert_int_equal(plan->coverage[11], present - on_break_at_11);
    }
    cc_plan_shifts_free(plan);
}

/* One agent needed 08:00-17:00; only a 9 h shift from 08:00 with a 1 h break 3 h-5 h in. */
static void one_start_with_break(cc_shift_rule *rule, cc_shift_problem *p, double need[24],
                                 int paid)
{
    memset(need, 0, 24 * sizeof *need);
    for (int h = 8; h < 17; h++)
        need[h] = 1;
    memset(rule, 0, sizeof *rule);
    rule->first_start_s = rule->last_start_s = 8 * H;
    rule->length_s = 9 * H;
    rule->n_breaks = 1;
    rule->breaks[0].length_s = H;
    rule->breaks[0].paid = paid;
    rule->breaks[0].earliest_s = 3 * H;
    rule->breaks[0].latest_s = 5 * H;
    memset(p, 0, sizeof *p);
    p->n_intervals = 24;
    p->interval_s = H;
    p->required = need;
    p->rules = rule;
    p->n_rules = 1;
}

static void test_breaks_leave_the_phones(void **state)
{
    /*
     * An agent on a break does not cover: one agent would leave a hole, so
     * two start, with breaks at different hours, each hour 11:00-13:00
     * covered by at least one. Unpaid: 2 x 8 h paid. Paid: 2 x 9 h, and
     * the coverage is the same.
     */
    double need[24];
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    (void)state;

    for (int paid = 0; paid <= 1; paid++) {
        double b0 = -1;
        long on_duty = 0;
        one_start_with_break(&rule, &p, need, paid);
        plan = solve_ok(&p);
        assert_true(plan->optimal);
        assert_int_equal(plan->n_shifts, 2);
        assert_rel_close(plan->paid_hours, paid ? 18.0 : 16.0, 1e-12);
        check_starts(&p, plan);
        for (size_t s = 0; s < plan->n_starts; s++) {
            const cc_shift_start *st = &plan->starts[s];
            assert_int_equal(st->n_breaks, 1);
            assert_int_equal(st->breaks[0].paid, paid);
            assert_true(st->breaks[0].offset_s >= 3 * H && st->breaks[0].offset_s <= 5 * H);
            assert_abs_close(st->paid_s, paid ? 9 * H : 8 * H, 0);
            if (b0 >= 0)
                assert_true(st->breaks[0].offset_s != b0); /* staggered */
            b0 = st->breaks[0].offset_s;
            assert_int_equal(st->agents, plan->n_starts == 1 ? 2 : 1);
        }
        assert_int_equal(plan->n_starts, 2);
        for (int h = 8; h < 17; h++) {
            assert_true(plan->coverage[h] >= 1);
            on_duty += plan->coverage[h];
        }
        assert_int_equal(on_duty, 2 * 9 - 2); /* two agent-hours on a break */
        cc_plan_shifts_free(plan);
    }
}

static void test_two_breaks_per_shift(void **state)
{
    /*
     * An 8 h shift from 08:00 with a paid 1 h break 1 h-2 h in and an
     * unpaid 1 h break 4 h-5 h in; one agent needed all day: two agents,
     * 7 paid hours each, their breaks apart and never both off at once.
     */
    double need[24] = {0};
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    (void)state;

    for (int h = 8; h < 16; h++)
        need[h] = 1;
    memset(&rule, 0, sizeof rule);
    rule.first_start_s = rule.last_start_s = 8 * H;
    rule.length_s = 8 * H;
    rule.n_breaks = 2;
    rule.breaks[0] = (cc_shift_break){.length_s = H, .paid = 0, .earliest_s = 4 * H,
                                      .latest_s = 5 * H};
    rule.breaks[1] = (cc_shift_break){.length_s = H, .paid = 1, .earliest_s = 1 * H,
                                      .latest_s = 2 * H};
    memset(&p, 0, sizeof p);
    p.n_intervals = 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    plan = solve_ok(&p);
    assert_int_equal(plan->n_shifts, 2);
    assert_rel_close(plan->paid_hours, 14.0, 1e-12);
    check_starts(&p, plan);
    for (size_t s = 0; s < plan->n_starts; s++) {
        assert_int_equal(plan->starts[s].n_breaks, 2);
        assert_int_equal(plan->starts[s].breaks[0].paid, 1); /* the earlier one */
        assert_int_equal(plan->starts[s].breaks[1].paid, 0);
    }
    for (int h = 8; h < 16; h++)
        assert_true(plan->coverage[h] >= 1);
    cc_plan_shifts_free(plan);

    /* Windows that may overlap are refused. */
    rule.breaks[1].latest_s = 4 * H;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, NULL), CC_EINVAL);
}

/*
 * Two weeks of a need with short peaks (a morning and an evening one), so
 * that short shifts are cheapest; lengths 4h-8h from 06:00 to 18:00.
 */
static void peaky_problem(cc_shift_rule *rule, cc_shift_problem *p, double *need, size_t days)
{
    for (size_t i = 0; i < days * 48; i++) {
        double h = (double)(i % 48) / 2.0 + 0.25;
        double open = h > 7 && h < 21 ? 1.0 : 0.0;
        need[i] = open * (2.0 + 12.0 * exp(-(h - 10) * (h - 10) / 2.0) +
                          10.0 * exp(-(h - 18) * (h - 18) / 2.0));
    }
    memset(rule, 0, sizeof *rule);
    rule->first_start_s = 6 * H;
    rule->last_start_s = 18 * H;
    rule->start_step_s = 1800;
    rule->length_s = 4 * H;
    rule->max_length_s = 8 * H;
    rule->length_step_s = H;
    memset(p, 0, sizeof *p);
    p->n_intervals = days * 48;
    p->interval_s = 1800;
    p->required = need;
    p->rules = rule;
    p->n_rules = 1;
    p->mip_gap = 0.005;
    p->block_days = 7;
}

/* Part-time (< 6 h) shifts per 7-day week, and all shifts. */
static void week_counts(const cc_shift_plan *plan, long pt[2], long all[2])
{
    memset(pt, 0, 2 * sizeof *pt);
    memset(all, 0, 2 * sizeof *all);
    for (size_t s = 0; s < plan->n_starts; s++) {
        long w = plan->starts[s].day < 0 ? 0 : plan->starts[s].day / 7;
        all[w] += plan->starts[s].agents;
        if (plan->starts[s].length_s < 6 * H)
            pt[w] += plan->starts[s].agents;
    }
}

static void test_part_time_share(void **state)
{
    double need[14 * 48];
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *free_plan, *capped;
    long pt[2], all[2];
    (void)state;

    peaky_problem(&rule, &p, need, 14);
    free_plan = solve_ok(&p);
    week_counts(free_plan, pt, all);
    assert_true(pt[0] > 0.5 * (double)all[0]); /* left alone, most shifts are short */
    assert_int_equal(free_plan->n_part_time, 0); /* no threshold: nothing counts */

    /* At most 25% under 6 h, per week, also with blocks that split the weeks. */
    p.part_time_below_s = 6 * H;
    p.part_time_max_share = 0.25;
    for (int block = 7; block >= 3; block -= 4) {
        p.block_days = block;
        capped = solve_ok(&p);
        week_counts(capped, pt, all);
        for (int w = 0; w < 2; w++)
            assert_true((double)pt[w] <= 0.25 * (double)all[w] + 1e-9);
        assert_int_equal(capped->n_part_time, pt[0] + pt[1]);
        assert_true(capped->n_part_time > 0);
        assert_true(capped->paid_hours >= free_plan->paid_hours * (1 - 0.01));
        check_starts(&p, capped);
        for (size_t i = 0; i < p.n_intervals; i++)
            assert_true(capped->coverage[i] >= capped->needed[i]);
        cc_plan_shifts_free(capped);
    }
    /* None allowed: no short shift at all. */
    p.part_time_max_share = 0.0;
    capped = solve_ok(&p);
    assert_int_equal(capped->n_part_time, 0);
    for (size_t s = 0; s < capped->n_starts; s++)
        assert_true(capped->starts[s].length_s >= 6 * H);
    cc_plan_shifts_free(capped);
    cc_plan_shifts_free(free_plan);
}

static void test_min_max_over_lengths(void **state)
{
    /* min_agents and max_agents count every length of a start together. */
    double need[24] = {0};
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan = NULL;
    (void)state;

    memset(&rule, 0, sizeof rule);
    rule.first_start_s = 8 * H;
    rule.last_start_s = 10 * H;
    rule.start_step_s = H;
    rule.length_s = 4 * H;
    rule.max_length_s = 6 * H;
    rule.min_agents = 1;
    memset(&p, 0, sizeof p);
    p.n_intervals = 24;
    p.interval_s = H;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    plan = solve_ok(&p); /* nothing needed: one 4 h shift per start */
    assert_int_equal(plan->n_shifts, 3);
    assert_rel_close(plan->paid_hours, 12.0, 1e-12);
    for (size_t s = 0; s < plan->n_starts; s++)
        assert_abs_close(plan->starts[s].length_s, 4 * H, 0);
    cc_plan_shifts_free(plan);

    /* 3 agents 08:00-12:00, at most 2 per start (any length): hard fails, soft is 1 short. */
    for (int h = 8; h < 12; h++)
        need[h] = 3;
    rule.first_start_s = rule.last_start_s = 8 * H;
    rule.min_agents = 0;
    rule.max_agents = 2;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, NULL), CC_EINFEASIBLE);
    p.soft_coverage = 1;
    plan = solve_ok(&p);
    assert_int_equal(plan->n_shifts, 2);
    assert_rel_close(plan->under_agent_hours, 4.0, 1e-12);
    cc_plan_shifts_free(plan);
}

static void test_schedule_efficiency(void **state)
{
    /*
     * A smooth bimodal day (peaks of about 38 agents at 11:00 and 30 at
     * 17:00, open 07:00-22:00), a week of half hours, the rules people use:
     * starts every 30 min 05:00-22:00, lengths 4h-9h every 30 min, a 30 min
     * unpaid break 3h-5h in for shifts over 6h. Schedule efficiency =
     * required agent-hours / paid agent-hours must reach 85%.
     */
    double need[7 * 48], required_h = 0.0, eff;
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan;
    (void)state;

    for (size_t i = 0; i < 7 * 48; i++) {
        double h = (double)(i % 48) / 2.0 + 0.25, open = h > 7 && h < 22 ? 1.0 : 0.0;
        double weekday = (i / 48) % 7 < 5 ? 1.0 : 0.7;
        need[i] = open * weekday *
                  (4.0 + 34.0 * exp(-(h - 11) * (h - 11) / 4.5) +
                   26.0 * exp(-(h - 17) * (h - 17) / 6.0));
        required_h += need[i] * 0.5;
    }
    memset(&rule, 0, sizeof rule);
    rule.first_start_s = 5 * H;
    rule.last_start_s = 22 * H;
    rule.start_step_s = 1800;
    rule.length_s = 4 * H;
    rule.max_length_s = 9 * H;
    rule.length_step_s = 1800;
    rule.n_breaks = 1;
    rule.breaks[0] = (cc_shift_break){.length_s = 1800, .earliest_s = 3 * H,
                                      .latest_s = 5 * H, .shifts_over_s = 6 * H};
    memset(&p, 0, sizeof p);
    p.n_intervals = 7 * 48;
    p.interval_s = 1800;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    p.mip_gap = 0.005;
    p.block_days = 7;
    plan = solve_ok(&p);
    assert_true(plan->optimal);
    check_starts(&p, plan);
    for (size_t i = 0; i < p.n_intervals; i++)
        assert_true(plan->coverage[i] >= plan->needed[i]);
    eff = required_h / plan->paid_hours;
    print_message("schedule efficiency %.1f%% (%.1f required / %.1f paid agent-hours)\n",
                  100 * eff, required_h, plan->paid_hours);
    assert_true(eff >= 0.85);

    /* Fixed 9 h shifts from the same starts fall well short: the test can fail. */
    rule.max_length_s = 0;
    rule.length_s = 9 * H;
    plan->paid_hours = 0;
    cc_plan_shifts_free(plan);
    plan = solve_ok(&p);
    assert_true(required_h / plan->paid_hours < 0.85);
    cc_plan_shifts_free(plan);
}

static void test_rule_errors(void **state)
{
    double need[48] = {0};
    cc_shift_rule rule;
    cc_shift_problem p;
    cc_shift_plan *plan = NULL;
    cc_error err;
    (void)state;

    memset(&rule, 0, sizeof rule);
    rule.first_start_s = rule.last_start_s = 7 * H;
    rule.length_s = 4 * H;
    rule.max_length_s = 9 * H;
    rule.length_step_s = 1800;
    memset(&p, 0, sizeof p);
    p.n_intervals = 48;
    p.interval_s = 1800;
    p.required = need;
    p.rules = &rule;
    p.n_rules = 1;
    plan = solve_ok(&p);
    cc_plan_shifts_free(plan);

    rule.length_step_s = 2 * H; /* 4h + whole 2h steps never reaches 9h */
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "whole steps"));
    rule.length_step_s = 1800;

    rule.n_breaks = 1; /* a 3h-5h window does not fit a 4h shift */
    rule.breaks[0] = (cc_shift_break){.length_s = 1800, .earliest_s = 3 * H, .latest_s = 5 * H};
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "does not fit"));
    rule.breaks[0].shifts_over_s = 6 * H; /* only in the longer shifts: fine */
    plan = solve_ok(&p);
    cc_plan_shifts_free(plan);

    rule.paid_s = 7 * H; /* a fixed pay with several lengths */
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    rule.paid_s = 0;

    rule.break_s = 1800; /* the legacy break beside `breaks` */
    rule.break_offset_s = 2 * H;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    rule.break_s = 0;

    p.part_time_below_s = 6 * H;
    p.part_time_max_share = 1.5;
    plan = NULL;
    assert_int_equal(cc_plan_shifts_solve(&p, &plan, &err), CC_EINVAL);
    assert_null(plan);
}

/* ---- the scenario keys ---------------------------------------------------- */

static cc_scenario *load_plan_text(const char *plan_yaml, cc_diag_list *d, cc_status *st)
{
    static const char head[] =
        "horizon: {start: 2026-03-02, days: 7, interval: 30m}\n"
        "channels:\n"
        "  c: {kind: chat, volume: 2000, handle_time: 5m}\n"
        "teams:\n"
        "  t: {skills: [c], shifts: [{start: \"08:00\", end: \"16:00\", agents: 1}]}\n";
    char text[4096];
    cc_scenario *s = NULL;

    snprintf(text, sizeof text, "%s%s", head, plan_yaml);
    cc_diag_list_init(d);
    *st = cc_scenario_load_string(text, strlen(text), "test.yaml", &s, d, NULL);
    return s;
}

static void test_days_off_keys(void **state)
{
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    char line[512];
    (void)state;

    s = load_plan_text("", &d, &st); /* no plan section: 2 consecutive days */
    assert_int_equal(st, CC_OK);
    assert_int_equal(s->plan.days_off.days_off, 2);
    assert_int_equal(s->plan.days_off.consecutive, 1);
    assert_rel_close(s->plan.part_time_max_share, 1.0, 0);
    cc_scenario_free(s);
    cc_diag_list_release(&d);

    s = load_plan_text("plan: {method: erlang-c}\n", &d, &st); /* plan without the key */
    assert_int_equal(st, CC_OK);
    assert_int_equal(s->plan.days_off.days_off, 2);
    assert_int_equal(s->plan.days_off.consecutive, 1);
    cc_scenario_free(s);
    cc_diag_list_release(&d);

    s = load_plan_text("plan:\n  days_off: {per_week: 1, consecutive: false}\n", &d, &st);
    assert_int_equal(st, CC_OK);
    assert_int_equal(s->plan.days_off.days_off, 1);
    assert_int_equal(s->plan.days_off.consecutive, 0);
    cc_scenario_free(s);
    cc_diag_list_release(&d);

    s = load_plan_text("plan: {days_off: 3}\n", &d, &st); /* a bare number is per_week */
    assert_int_equal(st, CC_OK);
    assert_int_equal(s->plan.days_off.days_off, 3);
    assert_int_equal(s->plan.days_off.consecutive, 1);
    cc_scenario_free(s);
    cc_diag_list_release(&d);

    s = load_plan_text("plan:\n  days_off: {per_week: 7}\n", &d, &st);
    assert_int_equal(st, CC_EINVAL);
    assert_null(s);
    assert_int_equal(d.n_errors, 1);
    assert_string_equal(cc_diag_format(&d, 0, line, sizeof line),
                        "test.yaml:7:24: error: plan.days_off.per_week: must be a whole number "
                        "from 0 to 6, got 7");
    cc_diag_list_release(&d);
}

static void test_shift_rule_keys(void **state)
{
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    const cc_plan_shift_rule *r;
    char line[512];
    (void)state;

    s = load_plan_text(
        "plan:\n"
        "  part_time: {max_share: 30%, below: 5h}\n"
        "  shift_rules:\n"
        "    t:\n"
        "      - {start: \"05:00-22:00\", length: \"4h-9h\",\n"
        "         breaks: [{length: 30m, after: \"3h-5h\", shifts_over: 6h},\n"
        "                  {length: 30m, paid: true, after: \"1h-2h\"}]}\n"
        "      - {start: \"06:00\", length: 8h, unpaid_break: 1h, break_after: \"3h-4h\",\n"
        "         paid_break: 30m, paid_break_after: 1h30m}\n"
        "      - {start: \"06:00\", step: 1h, length: \"6h-8h\"}\n",
        &d, &st);
    assert_int_equal(st, CC_OK);
    assert_rel_close(s->plan.part_time_max_share, 0.30, 1e-12);
    assert_rel_close(s->plan.part_time_below_s, 5 * H, 0);
    r = &s->plan.shift_rules[0][0];
    assert_rel_close(r->length_s, 4 * H, 0);
    assert_rel_close(r->max_length_s, 9 * H, 0);
    assert_rel_close(r->length_step_s, 1800, 0); /* the step: the interval */
    assert_int_equal(r->n_breaks, 2);
    assert_int_equal(r->breaks[0].paid, 1);      /* sorted by earliest start */
    assert_rel_close(r->breaks[0].after_min_s, 1 * H, 0);
    assert_rel_close(r->breaks[0].after_max_s, 2 * H, 0);
    assert_int_equal(r->breaks[1].paid, 0);
    assert_rel_close(r->breaks[1].after_min_s, 3 * H, 0);
    assert_rel_close(r->breaks[1].after_max_s, 5 * H, 0);
    assert_rel_close(r->breaks[1].shifts_over_s, 6 * H, 0);
    assert_rel_close(r->break_s, 0, 0);
    r = &s->plan.shift_rules[0][1];
    assert_int_equal(r->n_breaks, 2);
    assert_rel_close(r->break_s, H, 0);         /* the shorthand as written */
    assert_rel_close(r->break_after_s, 3 * H, 0);
    assert_int_equal(r->breaks[0].paid, 1);
    assert_rel_close(r->breaks[0].after_min_s, 1.5 * H, 0);
    assert_rel_close(r->breaks[1].after_max_s, 4 * H, 0);
    r = &s->plan.shift_rules[0][2];
    assert_rel_close(r->length_step_s, H, 0);   /* default: the rule's step */
    assert_int_equal(r->n_breaks, 0);
    cc_scenario_free(s);
    cc_diag_list_release(&d);

    /* A break window that does not fit the shortest shift, with its position. */
    s = load_plan_text("plan:\n"
                       "  shift_rules:\n"
                       "    t: [{start: \"06:00\", length: \"4h-9h\", unpaid_break: 30m, "
                       "break_after: \"3h-5h\"}]\n",
                       &d, &st);
    assert_int_equal(st, CC_EINVAL);
    assert_null(s);
    assert_non_null(strstr(cc_diag_format(&d, 0, line, sizeof line),
                           "test.yaml:8:75: error: plan.shift_rules.t[0].break_after: a 30m "
                           "break must fall inside the 4h shift"));
    cc_diag_list_release(&d);

    /* Windows of one shift's breaks that may overlap. */
    s = load_plan_text("plan:\n"
                       "  shift_rules:\n"
                       "    t: [{start: \"06:00\", length: 8h, breaks: [{length: 1h, after: "
                       "\"2h-4h\"}, {length: 30m, paid: true, after: 4h30m}]}]\n",
                       &d, &st);
    assert_int_equal(st, CC_EINVAL);
    assert_non_null(strstr(d.items[0].message, "windows apart"));
    cc_diag_list_release(&d);
}

static void test_planner_maps_rules(void **state)
{
    /*
     * The planner hands a rule with a range of lengths and a windowed break
     * to the programme as written; the roster's shifts have lengths in the
     * range and breaks in the window.
     */
    cc_diag_list d;
    cc_status st;
    cc_scenario *s = load_plan_text(
        "plan:\n"
        "  shift_rules:\n"
        "    t:\n"
        "      - {name: flex, start: \"06:00-14:00\", step: 1h, length: \"4h-8h\", "
        "length_step: 2h,\n"
        "         breaks: [{length: 30m, after: \"2h-3h\", shifts_over: 4h}]}\n",
        &d, &st);
    cc_planner_options o = cc_planner_options_default();
    cc_planner *p = NULL;
    const cc_planner_team *pt;
    cc_error err;
    (void)state;

    assert_int_equal(st, CC_OK);
    o.simulate = 0;
    o.options = 0;
    o.verify = -1;
    assert_int_equal(cc_planner_new(s, &o, &p, &err), CC_OK);
    pt = &p->teams[0];
    assert_int_equal(pt->n_rules, 1);
    assert_rel_close(pt->rules[0].length_s, 4 * H, 0);
    assert_rel_close(pt->rules[0].max_length_s, 8 * H, 0);
    assert_rel_close(pt->rules[0].length_step_s, 2 * H, 0);
    assert_int_equal(pt->rules[0].n_breaks, 1);
    assert_rel_close(pt->rules[0].breaks[0].earliest_s, 2 * H, 0);
    assert_rel_close(pt->rules[0].breaks[0].latest_s, 3 * H, 0);
    assert_non_null(pt->shifts);
    assert_true(pt->shifts->n_starts > 0);
    for (size_t k = 0; k < pt->shifts->n_starts; k++) {
        const cc_shift_start *sh = &pt->shifts->starts[k];
        assert_true(sh->length_s == 4 * H || sh->length_s == 6 * H || sh->length_s == 8 * H);
        assert_int_equal(sh->n_breaks, sh->length_s > 4 * H);
        if (sh->n_breaks)
            assert_true(sh->breaks[0].offset_s >= 2 * H && sh->breaks[0].offset_s <= 3 * H);
    }
    cc_planner_free(p);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
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
        cmocka_unit_test(test_length_range_optimum),
        cmocka_unit_test(test_break_windows_optimum),
        cmocka_unit_test(test_breaks_leave_the_phones),
        cmocka_unit_test(test_two_breaks_per_shift),
        cmocka_unit_test(test_part_time_share),
        cmocka_unit_test(test_min_max_over_lengths),
        cmocka_unit_test(test_schedule_efficiency),
        cmocka_unit_test(test_rule_errors),
        cmocka_unit_test(test_days_off_keys),
        cmocka_unit_test(test_shift_rule_keys),
        cmocka_unit_test(test_planner_maps_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
