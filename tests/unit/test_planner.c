/*
 * Tests of the planner on scenarios: a single channel plans exactly what
 * cc_staff_solve gives interval by interval; both shrinkage formulas carry
 * through the chain to teams and weekly FTE; concurrency and deferred
 * requirements match hand-computed figures; teams share a channel by the
 * agents the scenario has on duty; the explain text and the interval lookup;
 * the holiday-season plan hires and buys vendor cover in its peak weeks; and
 * plan.shift_rules and the hiring prices of the scenario reach the plan.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "cc_report.h"
#include "test_util.h"

static cc_scenario *load(const char *yaml, const cc_override *ov, size_t n_ov)
{
    cc_scenario *s = NULL;
    cc_error err;
    cc_status st = cc_scenario_load_with_overrides(yaml, strlen(yaml), "test.yaml", ov, n_ov,
                                                   &s, NULL, &err);
    if (st != CC_OK)
        print_error("load: %s (line %d)\n", err.message, err.line);
    assert_int_equal(st, CC_OK);
    return s;
}

static cc_planner *plan_analytic(const cc_scenario *s)
{
    cc_planner_options o = cc_planner_options_default();
    cc_planner *p = NULL;
    cc_error err;
    cc_status st;
    o.shifts = 0;
    o.simulate = 0;
    o.options = 0;
    o.verify = -1;
    st = cc_planner_new(s, &o, &p, &err);
    if (st != CC_OK)
        print_error("plan: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    return p;
}

/* One voice queue with a peaked day and high-entropy inputs. */
static const char *const single_yaml =
    "version: 1\n"
    "name: single\n"
    "horizon: {start: 2026-03-02, days: 2, interval: 30m}\n"
    "profiles:\n"
    "  day: {hourly: [0, 0, 0, 0, 0, 0, 0, 0.4, 5, 9, 11, 11, 10, 9, 9, 9, 8, 7, 7, 5, 2.5,"
    " 0, 0, 0]}\n"
    "channels:\n"
    "  calls:\n"
    "    kind: voice\n"
    "    volume: 2385\n"
    "    weekday: {tue: 0.83}\n"
    "    profile: day\n"
    "    handle_time: {dist: exponential, mean: 283s}\n"
    "    target: {answer_within: 20s, service_level: 80%}\n"
    "teams:\n"
    "  agents:\n"
    "    skills: [calls]\n"
    "    agents: 60\n"
    "    shrinkage: 30%\n"
    "plan:\n"
    "  method: erlang-c\n"
    "  max_occupancy: 85%\n"
    "  fte_week: 37.5h\n";

static void test_single_channel_equals_staff_solve(void **state)
{
    cc_scenario *s = load(single_yaml, NULL, 0);
    cc_planner *p = plan_analytic(s);
    const cc_plan_requirement *req = p->channels[0].req;
    size_t solved = 0;
    (void)state;

    assert_int_equal(req->n_intervals, 96);
    for (size_t i = 0; i < req->n_intervals; i++) {
        double rate = cc_scenario_channel_rate(s, 0, (int)i) * 3600.0;
        const cc_plan_interval *row = &req->intervals[i];
        cc_erlang_input in = {0};
        cc_staff_targets tg = {0};
        cc_staff_result r;
        if (rate < 1e-6) {
            assert_int_equal(row->net_agents_rounded, 0);
            continue;
        }
        in.arrivals_per_hour = rate;
        in.aht_s = 283.0;
        in.target_s = 20.0;
        tg.service_level = 0.8;
        tg.max_occupancy = 0.85;
        assert_int_equal(cc_staff_solve(&in, &tg, &r, NULL), CC_OK);
        assert_int_equal(row->capped_servers, r.agents);
        assert_int_equal(row->net_agents_rounded, r.agents);
        /* One team takes all of it: the team's staffing is the channel's scheduled. */
        assert_int_equal(p->teams[0].analytic[i], row->scheduled_agents);
        solved++;
    }
    assert_true(solved > 20);
    cc_planner_free(p);
    cc_scenario_free(s);
}

static void check_shrinkage(const cc_scenario *s, int multiplicative)
{
    cc_planner *p = plan_analytic(s);
    const cc_plan_requirement *req = p->channels[0].req;
    double week_gross = 0.0, week_net = 0.0;

    for (size_t i = 0; i < req->n_intervals; i++) {
        const cc_plan_interval *row = &req->intervals[i];
        double net = row->net_agents;
        /* 30% shrinkage: x 1/0.7 = 1.4286 (divisive) or x 1.3 (the guide's formula). */
        double div = net / 0.7, mul = net * 1.3, want = multiplicative ? mul : div;
        assert_rel_close(row->shrinkage, 0.3, 1e-12);
        assert_rel_close(row->gross_divisive, div, 1e-12);
        assert_rel_close(row->gross_multiplicative, mul, 1e-12);
        assert_rel_close(row->gross_agents, want, 1e-12);
        assert_int_equal(row->scheduled_agents, (long)ceil(want - 1e-9));
        /* FTE-weeks of one half-hour: agents x 0.5 h / 37.5 h. */
        assert_rel_close(row->fte_gross, want * 0.5 / 37.5, 1e-12);
        /* The team is grossed up with its own 30%: the same figure. */
        assert_rel_close(p->teams[0].required[i], want, 1e-12);
        assert_rel_close(p->teams[0].required_net[i], net, 1e-12);
        week_gross += want * 0.5;
        week_net += net * 0.5;
    }
    /* Two days are 2/7 of a week: FTE = hours / (37.5 x 2/7). */
    assert_int_equal(p->n_weeks, 1);
    assert_rel_close(p->weeks[0].req.fte_gross, week_gross / (37.5 * 2.0 / 7.0), 1e-9);
    assert_rel_close(p->weeks[0].req.fte_net, week_net / (37.5 * 2.0 / 7.0), 1e-9);
    assert_rel_close(p->teams[0].fte_required[0], week_gross / (37.5 * 2.0 / 7.0), 1e-9);
    cc_planner_free(p);
}

static void test_shrinkage_both_formulas(void **state)
{
    cc_override ov = {(char *)"plan.shrinkage_method", (char *)"multiplicative"};
    cc_scenario *div = load(single_yaml, NULL, 0), *mul = load(single_yaml, &ov, 1);
    (void)state;
    assert_int_equal(div->plan.shrinkage_method, CC_SHRINK_DIVISIVE);
    assert_int_equal(mul->plan.shrinkage_method, CC_SHRINK_MULTIPLICATIVE);
    check_shrinkage(div, 0);
    check_shrinkage(mul, 1);
    cc_scenario_free(div);
    cc_scenario_free(mul);
}

/* Chat with concurrency 3 and e-mail with a 2 h window, flat volumes. */
static const char *const mixed_yaml =
    "version: 1\n"
    "name: mixed\n"
    "horizon: {start: 2026-03-02, days: 1, interval: 30m}\n"
    "channels:\n"
    "  chat:\n"
    "    kind: chat\n"
    "    volume: {per_hour: 120}\n"
    "    handle_time: {dist: deterministic, mean: 300s}\n"
    "    concurrency: 3\n"
    "    stretch: {per_extra_session: 10%}\n"
    "    target: {answer_within: 60s, service_level: 80%}\n"
    "  email:\n"
    "    kind: email\n"
    "    volume: {per_hour: 96}\n"
    "    backlog: 96\n"
    "    handle_time: {dist: deterministic, mean: 300s}\n"
    "    target: {answer_within: 2h, service_level: 80%}\n"
    "teams:\n"
    "  chatters:\n"
    "    skills: [chat]\n"
    "    agents: 10\n"
    "    shrinkage: 20%\n"
    "  writers:\n"
    "    skills: [email]\n"
    "    agents: 10\n"
    "plan:\n"
    "  method: erlang-c\n"
    "  max_occupancy: 80%\n";

static void test_concurrency_and_deferred(void **state)
{
    cc_scenario *s = load(mixed_yaml, NULL, 0);
    cc_planner *p = plan_analytic(s);
    const cc_plan_requirement *chat = p->channels[0].req, *mail = p->channels[1].req;
    cc_erlang_input in = {0};
    cc_erlang_result r14, r15;
    (void)state;

    /*
     * Chat: 60 contacts a half-hour; three sessions stretch handle time to
     * 300 x (1 + 0.1 x 2) = 360 s, so A = 60 x 360 / 1800 = 12 erlangs of
     * sessions. Erlang C at T = 60 s (B recurrence, C = N B / (N - A(1 - B)),
     * SL = 1 - C exp(-(N - A) T / AHT), by hand in Python): 14 sessions give
     * SL 0.654843 (< 0.8), 15 give 0.806401; occupancy 12/15 = 0.80 is within
     * the 80% cap. Agents =
     * 15 sessions / 3 = 5.0, team gross 5.0 / (1 - 0.2) = 6.25.
     */
    in.arrivals_per_hour = 120.0;
    in.aht_s = 360.0;
    in.target_s = 60.0;
    in.agents = 14;
    assert_int_equal(cc_erlang_eval(&in, &r14, NULL), CC_OK);
    in.agents = 15;
    assert_int_equal(cc_erlang_eval(&in, &r15, NULL), CC_OK);
    assert_rel_close(r14.service_level, 0.654843, 1e-5);
    assert_rel_close(r15.service_level, 0.806401, 1e-5);
    for (size_t i = 0; i < chat->n_intervals; i++) {
        assert_rel_close(chat->intervals[i].contacts, 60.0, 1e-9);
        assert_rel_close(chat->intervals[i].handle_s, 360.0, 1e-12);
        assert_rel_close(chat->intervals[i].workload_erlangs, 12.0, 1e-9);
        assert_int_equal(chat->intervals[i].capped_servers, 15);
        assert_rel_close(chat->intervals[i].net_agents, 5.0, 1e-12);
        assert_rel_close(p->teams[0].required[i], 6.25, 1e-12);
        assert_int_equal(p->teams[0].analytic[i], 7);
    }

    /*
     * E-mail: 48 a half-hour, 300 s each, a 2 h (4-interval) window and a
     * backlog of 96 counted in interval 0. Window work / 7200 s, then / 0.8:
     *   i = 0: (96 + 48) x 300 / 7200 = 6 erlangs -> 7.5 agents
     *   i = 1: (144 + 48) x 300 / 7200 = 8 -> 10
     *   i = 2: (144 + 96) x 300 / 7200 = 10 -> 12.5
     *   i = 3: (144 + 144) x 300 / 7200 = 12 -> 15
     *   i = 4: 4 x 48 x 300 / 7200 = 8 -> 10, and so on.
     */
    {
        static const double want[5] = {7.5, 10.0, 12.5, 15.0, 10.0};
        for (size_t i = 0; i < 5; i++) {
            assert_rel_close(mail->intervals[i].net_agents, want[i], 1e-9);
            assert_rel_close(p->teams[1].required[i], want[i], 1e-9);
        }
        assert_rel_close(mail->intervals[30].net_agents, 10.0, 1e-9);
    }
    /* Each team carries only its own channel. */
    assert_true(p->channels[0].share[0 * 48 + 5] == 1.0 && p->channels[0].share[1 * 48 + 5] == 0);
    cc_planner_free(p);
    cc_scenario_free(s);
}

/* Two teams on one channel, on duty at different hours. */
static const char *const split_yaml =
    "version: 1\n"
    "name: split\n"
    "horizon: {start: 2026-03-02, days: 1, interval: 60m}\n"
    "channels:\n"
    "  calls:\n"
    "    kind: voice\n"
    "    volume: {per_hour: 200}\n"
    "    handle_time: 240s\n"
    "    target: {answer_within: 20s, service_level: 80%}\n"
    "teams:\n"
    "  home:\n"
    "    skills: [calls]\n"
    "    shifts:\n"
    "      - {days: daily, start: \"08:00\", end: \"16:00\", agents: 30}\n"
    "    shrinkage: 25%\n"
    "  away:\n"
    "    skills: {calls: 1.25}\n"
    "    shifts:\n"
    "      - {days: daily, start: \"12:00\", end: \"20:00\", agents: 10}\n"
    "plan:\n"
    "  method: erlang-c\n";

static void test_allocation_by_agents_on_duty(void **state)
{
    cc_scenario *s = load(split_yaml, NULL, 0);
    cc_planner *p = plan_analytic(s);
    const cc_plan_requirement *req = p->channels[0].req;
    const double *share = p->channels[0].share;
    double net = req->intervals[13].net_agents;
    (void)state;

    /* 10:00: only 'home' is on duty. 13:00: 30 and 10 agents, so 3/4 and 1/4. */
    assert_rel_close(share[0 * 24 + 10], 1.0, 1e-12);
    assert_rel_close(share[1 * 24 + 10], 0.0, 1e-12);
    assert_rel_close(share[0 * 24 + 13], 0.75, 1e-12);
    assert_rel_close(share[1 * 24 + 13], 0.25, 1e-12);
    /* 03:00: nobody on duty; everything goes to the first team of the routing list. */
    assert_rel_close(share[0 * 24 + 3], 1.0, 1e-12);
    /* Team figures: share x net x proficiency, grossed up with the team's own shrinkage. */
    assert_rel_close(p->teams[0].required[13], 0.75 * net / 0.75, 1e-12);
    assert_rel_close(p->teams[1].required[13], 0.25 * net * 1.25, 1e-12);
    /* The channel's chain uses the share-weighted shrinkage: 0.75 x 25% + 0.25 x 0%. */
    assert_rel_close(req->intervals[13].shrinkage, 0.1875, 1e-12);
    cc_planner_free(p);
    cc_scenario_free(s);
}

static void test_explain_and_interval_lookup(void **state)
{
    cc_scenario *s = load(single_yaml, NULL, 0);
    cc_planner *p = plan_analytic(s);
    char *text = NULL, line[160];
    size_t len = 0;
    long idx = -1;
    cc_error err;
    FILE *mem;
    const cc_plan_interval *row;
    (void)state;

    assert_int_equal(cc_planner_interval_at(s, "2026-03-03 10:30", &idx, &err), CC_OK);
    assert_int_equal(idx, 48 + 21);
    assert_int_equal(cc_planner_interval_at(s, "2026-03-03T10:30", &idx, &err), CC_OK);
    assert_int_equal(cc_planner_interval_at(s, "2026-03-05 10:30", &idx, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "outside the horizon"));
    assert_int_equal(cc_planner_interval_at(s, "2026-03-03 10:15", &idx, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "10:00"));
    assert_int_equal(cc_planner_interval_at(s, "2026-03-03 25:00", &idx, &err), CC_EINVAL);
    assert_int_equal(cc_planner_interval_at(s, "tomorrow", &idx, &err), CC_EINVAL);

    mem = open_memstream(&text, &len);
    assert_int_equal(cc_planner_explain(p, 0, 48 + 21, mem, &err), CC_OK);
    fclose(mem);
    row = &p->channels[0].req->intervals[48 + 21];
    assert_non_null(strstr(text, "2026-03-03 10:30"));
    snprintf(line, sizeof line, "= %.3f contacts", row->contacts);
    assert_non_null(strstr(text, line));
    snprintf(line, sizeof line, "scheduled      : ceil(%.3f) = %ld agents", row->gross_agents,
             row->scheduled_agents);
    assert_non_null(strstr(text, line));
    assert_non_null(strstr(text, "divisive"));
    assert_non_null(strstr(text, "team totals"));
    free(text);
    assert_int_equal(cc_planner_explain(p, 3, 0, stdout, &err), CC_EINVAL);
    assert_int_equal(cc_planner_explain(p, 0, 96, stdout, &err), CC_EINVAL);
    cc_planner_free(p);
    cc_scenario_free(s);
}

static void test_holiday_hires_and_vendor_cover(void **state)
{
    cc_scenario *s = NULL;
    cc_planner *p;
    cc_error err;
    long hires = 0;
    double peak_vendor = 0.0, other_vendor = 0.0;
    (void)state;

    assert_int_equal(cc_scenario_load_file("scenarios/holiday-season.yaml", &s, NULL, &err),
                     CC_OK);
    p = plan_analytic(s);
    assert_int_equal(p->n_weeks, 10);
    /* 28 days of lead time and 14 of training: hires are productive from week 6. */
    assert_int_equal(p->lead_weeks, 4);
    assert_int_equal(p->training_weeks, 2);
    /*
     * Week 2 starts 2025-11-10; the six weeks before Christmas start on 13
     * November and Black Friday week (x2.4) is week 4, 2025-11-24.
     */
    assert_string_equal(p->weeks[4].start_date, "2025-11-24");
    for (size_t w = 0; w < p->n_weeks; w++) {
        if (w >= 2 && w <= 5)
            peak_vendor += p->weeks[w].vendor_hours;
        else
            other_vendor += p->weeks[w].vendor_hours;
        hires += p->weeks[w].hires_starting;
    }
    /* Black Friday week needs the most, far beyond the headcount. */
    for (size_t w = 0; w < p->n_weeks; w++)
        assert_true(p->weeks[4].req.fte_gross >= p->weeks[w].req.fte_gross);
    assert_true(p->weeks[4].gap_fte > 50.0);
    assert_true(p->weeks[0].gap_fte < 0.0);
    /* Before hires can be productive the peak is covered by a vendor, not after it. */
    assert_true(peak_vendor > 1000.0);
    assert_true(p->weeks[4].vendor_hours > 0.0);
    assert_true(other_vendor < peak_vendor / 10.0);
    /* Hires start in time for the peak weeks 6-8 and are decided 4 weeks earlier. */
    assert_true(hires > 0);
    for (size_t w = 0; w < p->n_weeks; w++) {
        if (p->weeks[w].hires_starting > 0)
            assert_true(w >= 4 && w <= 8);
        if (p->weeks[w].hires_decided > 0)
            assert_true(w <= 4);
    }
    /* The seasonal team starts from zero headcount and only works the peak. */
    {
        int t = cc_scenario_team_index(s, "seasonal");
        assert_true(t >= 0);
        assert_true(p->teams[t].hiring_totals.hires > 0);
        assert_rel_close(p->teams[t].fte_required[0], 0.0, 1e-12);
        assert_true(p->teams[t].fte_required[4] > 10.0);
    }
    cc_planner_free(p);
    cc_scenario_free(s);
}

/*
 * plan.shift_rules replace the derived rules: the roster uses only the
 * written templates, moved from the team's clock (+02:00) onto the scenario
 * clock (+01:00), with unpaid breaks out of the paid hours. plan.overtime,
 * plan.vendor_cost_per_hour and plan.cost_per_hire price the hiring plan.
 */
static const char *const rules_yaml =
    "version: 1\n"
    "name: rules\n"
    "horizon: {start: 2026-03-02, days: 14, interval: 30m, utc_offset: \"+01:00\"}\n"
    "profiles:\n"
    "  day: {hourly: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]}\n"
    "channels:\n"
    "  phone: {kind: voice, volume: 2000, profile: day, handle_time: 240s,\n"
    "          target: {answer_within: 20s, service_level: 80%}}\n"
    "teams:\n"
    "  t:\n"
    "    skills: [phone]\n"
    "    utc_offset: \"+02:00\"\n"
    "    shifts: [{days: daily, start: \"09:00\", end: \"17:00\", agents: 10}]\n"
    "    cost: 20\n"
    "plan:\n"
    "  headcount: {t: 4}\n"
    "  hiring_lead_time: 7d\n"
    "  shift_rules:\n"
    "    t:\n"
    "      - {name: early, start: \"08:00-10:00\", step: 1h, length: 9h, unpaid_break: 1h}\n"
    "      - {name: late, start: \"14:00-15:00\", length: 6h}\n"
    "  overtime: {max_share: 20%, cost_multiplier: 2}\n"
    "  vendor_cost_per_hour: 50\n"
    "  cost_per_hire: 1000\n";

static void test_shift_rules_and_hiring_costs(void **state)
{
    cc_scenario *s = load(rules_yaml, NULL, 0);
    cc_planner_options o = cc_planner_options_default();
    cc_planner *p = NULL;
    const cc_planner_team *pt;
    cc_error err;
    double paid = 0.0, vendor = 0.0, hires = 0.0, overtime = 0.0;
    (void)state;

    o.simulate = 0;
    o.options = 0;
    o.verify = -1;
    assert_int_equal(cc_planner_new(s, &o, &p, &err), CC_OK);
    pt = &p->teams[0];
    assert_true(pt->rules_given);
    assert_int_equal(pt->n_rules, 2);
    assert_string_equal(pt->rules[0].name, "early");
    assert_string_equal(pt->rules[1].name, "late");
    /* 08:00-10:00 at +02:00 is 07:00-09:00 at +01:00; 9 h on site, 8 h paid */
    assert_abs_close(pt->rules[0].first_start_s, 7 * 3600.0, 0);
    assert_abs_close(pt->rules[0].last_start_s, 9 * 3600.0, 0);
    assert_abs_close(pt->rules[0].paid_s, 8 * 3600.0, 0);
    assert_abs_close(pt->rules[0].break_s, 3600.0, 0);
    assert_non_null(pt->shifts);
    assert_true(pt->shifts->n_starts > 0);
    for (size_t k = 0; k < pt->shifts->n_starts; k++) {
        const cc_shift_start *st = &pt->shifts->starts[k];
        const cc_shift_rule *r = &pt->rules[st->rule];
        double from = st->rule == 0 ? 7 * 3600.0 : 13 * 3600.0;
        double to = st->rule == 0 ? 9 * 3600.0 : 14 * 3600.0;
        double step = st->rule == 0 ? 3600.0 : 1800.0;
        assert_true(st->start_s >= from && st->start_s <= to);
        assert_abs_close(fmod(st->start_s - from, step), 0.0, 0);
        paid += (double)st->agents * r->paid_s / 3600.0;
    }
    assert_abs_close(pt->shifts->paid_hours, paid, 1e-9);
    assert_abs_close(pt->rostered_hours, paid, 1e-9);
    /* the hiring plan uses the scenario's prices, week by week */
    assert_non_null(pt->hiring);
    assert_abs_close(pt->vendor_cost_per_hour, 50.0, 0);
    for (size_t w = 0; w < p->n_weeks; w++) {
        const cc_headcount_week *hw = &pt->hiring[w];
        assert_true(hw->overtime_hours <= 0.2 * hw->available_fte * p->fte_week_h + 1e-9);
        assert_abs_close(hw->cost_vendor, hw->vendor_hours * 50.0, 1e-9);
        assert_abs_close(hw->cost_overtime, hw->overtime_hours * 20.0 * 2.0, 1e-9);
        assert_abs_close(hw->cost_hiring, (double)hw->hires_starting * 1000.0, 1e-9);
        vendor += hw->vendor_hours;
        overtime += hw->overtime_hours;
        hires += (double)hw->hires_starting;
    }
    /* 4 people against a roster of well over 10 FTE: every lever is pulled */
    assert_true(overtime > 0.0 && vendor > 0.0 && hires > 0.0);
    cc_planner_free(p);
    cc_scenario_free(s);
}

/*
 * roster.csv round trip: the rows, read back and laid out on the horizon
 * (start, end, break), give exactly the roster's coverage per interval and
 * its paid hours.
 */
static void test_roster_csv_reproduces_coverage(void **state)
{
    cc_scenario *s = load(rules_yaml, NULL, 0);
    cc_planner_options o = cc_planner_options_default();
    cc_planner *p = NULL;
    const cc_shift_plan *sp;
    cc_error err;
    char *text = NULL, *line, *save = NULL;
    size_t size = 0, i, rows = 0;
    long *cover;
    double paid = 0.0;
    FILE *f;
    (void)state;

    o.simulate = 0;
    o.options = 0;
    o.verify = -1;
    assert_int_equal(cc_planner_new(s, &o, &p, &err), CC_OK);
    sp = p->teams[0].shifts;
    assert_non_null(sp);
    f = open_memstream(&text, &size);
    assert_int_equal(cc_report_roster_csv(f, p, &err), CC_OK);
    fclose(f);
    cover = calloc((size_t)s->n_intervals, sizeof(*cover));
    line = strtok_r(text, "\n", &save);
    assert_string_equal(line, "date,team,shift_start,shift_end,agents,ends_next_day,paid_h,"
                              "breaks,rule");
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char date[16], team[32], rule[32], breaks[128] = "";
        int h0, m0, h1, m1, next, day = -2, d, used = 0;
        long agents;
        double paid_h, start, end;
        double brk[8][2];
        int n_brk = 0;
        int n = sscanf(line, "%10[^,],%31[^,],%d:%d,%d:%d,%ld,%d,%lf,%n", date, team, &h0, &m0,
                       &h1, &m1, &agents, &next, &paid_h, &used);
        const char *rest;
        assert_int_equal(n, 9);
        rest = line + used;
        if (*rest != ',') {
            assert_int_equal(sscanf(rest, "%127[^,],%31s", breaks, rule), 2);
        } else {
            assert_int_equal(sscanf(rest, ",%31s", rule), 1);
        }
        assert_string_equal(team, "t");
        for (d = -1; d <= s->days; d++) {
            char iso[16];
            cc_scenario_date(s, d, iso);
            if (!strcmp(iso, date))
                day = d;
        }
        assert_true(day >= -1);
        start = day * 86400.0 + h0 * 3600.0 + m0 * 60.0;
        end = day * 86400.0 + (next ? 86400.0 : 0.0) + h1 * 3600.0 + m1 * 60.0;
        for (char *b = breaks, *sv2 = NULL, *tok; (tok = strtok_r(b, ";", &sv2)) != NULL;
             b = NULL) {
            int bh0, bm0, bh1, bm1;
            assert_int_equal(sscanf(tok, "%d:%d-%d:%d", &bh0, &bm0, &bh1, &bm1), 4);
            assert_true(n_brk < 8);
            brk[n_brk][0] = day * 86400.0 + bh0 * 3600.0 + bm0 * 60.0;
            if (brk[n_brk][0] < start)
                brk[n_brk][0] += 86400.0;
            brk[n_brk][1] =
                brk[n_brk][0] + ((bh1 * 60 + bm1) - (bh0 * 60 + bm0) + 1440) % 1440 * 60.0;
            n_brk++;
        }
        for (i = 0; i < (size_t)s->n_intervals; i++) {
            double t = (double)i * s->interval_s;
            int on_break = 0;
            for (int b = 0; b < n_brk; b++)
                on_break |= t >= brk[b][0] && t < brk[b][1];
            if (t >= start && t < end && !on_break)
                cover[i] += agents;
        }
        paid += (double)agents * paid_h;
        rows++;
    }
    assert_int_equal(rows, sp->n_starts);
    for (i = 0; i < (size_t)s->n_intervals; i++)
        assert_int_equal(cover[i], sp->coverage[i]);
    assert_abs_close(paid, sp->paid_hours, 1e-6);
    free(cover);
    free(text);
    cc_planner_free(p);
    cc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_channel_equals_staff_solve),
        cmocka_unit_test(test_shrinkage_both_formulas),
        cmocka_unit_test(test_concurrency_and_deferred),
        cmocka_unit_test(test_allocation_by_agents_on_duty),
        cmocka_unit_test(test_explain_and_interval_lookup),
        cmocka_unit_test(test_holiday_hires_and_vendor_cover),
        cmocka_unit_test(test_shift_rules_and_hiring_costs),
        cmocka_unit_test(test_roster_csv_reproduces_coverage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
