/*
 * Tests of the planner's simulation stages: simulation-verified staffing on
 * a multi-skill case (two queues pooled by one team, where the analytic sum
 * of separate Erlang requirements has a surplus the simulation removes), the
 * outsourcing scenario's options ranked by cost at equal service level, and
 * plans that are identical whatever the number of threads. Seeds are fixed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "cc_report.h"
#include "test_util.h"

/* Two voice queues of 180 calls an hour, 180 s each, 08:00-16:00, one team. */
static const char *const pool_yaml =
    "version: 1\n"
    "name: pool\n"
    "horizon: {start: 2026-03-02, days: 1, interval: 60m}\n"
    "profiles:\n"
    "  day: {hourly: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,"
    " 0, 0, 0, 0, 0, 0, 0, 0]}\n"
    "channels:\n"
    "  sales: {kind: voice, volume: 1440, profile: day, handle_time: 180s,\n"
    "          target: {answer_within: 20s, service_level: 80%}}\n"
    "  service: {kind: voice, volume: 1440, profile: day, handle_time: 180s,\n"
    "            target: {answer_within: 20s, service_level: 80%}}\n"
    "teams:\n"
    "  pool: {skills: [sales, service], agents: 30}\n"
    "simulation: {replications: 8, seed: 11}\n"
    "plan: {method: simulation}\n";

static cc_scenario *load_text(const char *yaml)
{
    return cc_test_load_text(yaml, "pool.yaml");
}

static long erlang_c_agents(double per_hour, double aht_s)
{
    cc_erlang_input in = {0};
    cc_staff_targets tg = {0};
    cc_staff_result r;
    in.arrivals_per_hour = per_hour;
    in.aht_s = aht_s;
    in.target_s = 20.0;
    tg.service_level = 0.8;
    tg.max_occupancy = 0.85;
    assert_int_equal(cc_staff_solve(&in, &tg, &r, NULL), CC_OK);
    return r.agents;
}

static void test_verified_staffing_removes_pooling_surplus(void **state)
{
    cc_scenario *s = load_text(pool_yaml);
    cc_planner_options o = cc_planner_options_default();
    cc_planner *p = NULL;
    cc_error err;
    const cc_planner_team *pt;
    long alone = erlang_c_agents(180.0, 180.0), pooled = erlang_c_agents(360.0, 180.0);
    (void)state;

    o.options = 0;
    o.least_cost = 0; /* the roster of the verified staffing itself */
    assert_int_equal(cc_planner_new(s, &o, &p, &err), CC_OK);
    pt = &p->teams[0];
    assert_true(p->verified && p->verify.ran);
    /* Each queue alone needs `alone` agents; the team is planned for twice that. */
    assert_int_equal(pt->analytic[10], 2 * alone);
    assert_true(pooled < 2 * alone);
    /* The analytic answer meets every target: its fault is a surplus. */
    assert_int_equal(p->verify.analytic_missed, 0);
    assert_true(p->verify.n_blocks == 16);
    assert_true(p->verify.met_targets);
    assert_int_equal(p->verify.verified_missed, 0);
    for (size_t c = 0; c < 2; c++) {
        assert_true(p->verify.verified_sl[c] >= 0.8);
        assert_true(p->verify.analytic_sl[c] >= p->verify.verified_sl[c]);
    }
    /*
     * Less than the analytic sum, and no better than one pooled Erlang C queue
     * allows. Most hours lose agents; an hour may keep the analytic count
     * where one agent fewer leaves its pooled service level (answered within
     * 20 s over every replication's calls) just under 80% (seed 11: 13:00,
     * with 12:00 kept with it).
     */
    assert_true(pt->verified_hours < pt->analytic_hours - 4.0);
    {
        int trimmed = 0;
        for (size_t i = 8; i < 16; i++) {
            assert_true(pt->verified[i] <= pt->analytic[i]);
            assert_true(pt->verified[i] >= pooled - 1);
            trimmed += pt->verified[i] < pt->analytic[i];
        }
        assert_true(trimmed >= 6);
    }
    /* The roster covers the verified staffing, not the analytic one. */
    assert_int_equal(pt->staffing[12], pt->verified[12]);
    assert_true(pt->shifts != NULL);
    for (size_t i = 0; i < p->n_intervals; i++)
        assert_true(pt->shifts->coverage[i] >= pt->verified[i]);
    cc_planner_free(p);
    cc_scenario_free(s);
}

/*
 * A shipped scenario planned with `threads`; `least_cost` 0 rosters the
 * analytic staffing (options ranked at equal service level), 1 runs the
 * least-cost search on the base plan only (options off, to stay quick).
 */
static cc_planner *plan_file_with(const char *path, const cc_override *ov, size_t n_ov,
                                  cc_scenario **s, int threads, int least_cost)
{
    cc_planner_options o = cc_planner_options_default();
    cc_planner *p = NULL;
    cc_error err;
    cc_status st;

    assert_int_equal(cc_scenario_load_file_with_overrides(path, ov, n_ov, s, NULL, &err), CC_OK);
    o.replications = least_cost ? 2 : 4;
    o.threads = threads;
    o.least_cost = least_cost;
    o.options = !least_cost;
    st = cc_planner_new(*s, &o, &p, &err);
    if (st != CC_OK)
        print_error("plan: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    return p;
}

static cc_planner *plan_file(const char *path, cc_scenario **s, int threads, int least_cost)
{
    return plan_file_with(path, NULL, 0, s, threads, least_cost);
}

static void test_outsourcing_options_ranked_by_cost(void **state)
{
    /*
     * Judged over the horizon: the analytic rosters staff every interval by
     * Erlang, but shift changes leave a few intervals short in simulation,
     * which only the least-cost search (too slow here) repairs.
     */
    static char keys[3][32] = {"channels.phone.target.scope", "channels.chat.target.scope",
                               "channels.email.target.scope"};
    static char value[] = "horizon";
    cc_override horizon[3] = {{keys[0], value}, {keys[1], value}, {keys[2], value}};
    cc_scenario *s = NULL;
    cc_planner *p = plan_file_with("scenarios/outsourcing.yaml", horizon, 3, &s, 0, 0);
    const cc_planner_option *inh, *nights, *over;
    (void)state;

    assert_int_equal(p->n_options, 3);
    inh = &p->options[0];
    nights = &p->options[1];
    over = &p->options[2];
    assert_string_equal(inh->name, "in-house only");
    assert_string_equal(nights->name, "nights outsourced");
    for (size_t k = 0; k < 3; k++) {
        assert_null(p->options[k].error);
        /* Planned: staffed to the targets, so every option meets them... */
        assert_true(p->options[k].planned.meets_targets);
        /* ...at the same service level within a few points on every channel. */
        for (size_t c = 0; c < p->n_channels; c++)
            assert_true(fabs(p->options[k].planned_sl[c] - inh->planned_sl[c]) < 0.03);
    }
    /* Night hours at the vendor's 21/h instead of 30/h: cheapest at equal SL. */
    assert_int_equal(p->best_planned, 1);
    assert_true(nights->planned.cost_per_week < inh->planned.cost_per_week);
    assert_true(nights->planned.delta_cost_per_week < 0.0);
    assert_rel_close(inh->planned.delta_cost_per_week, 0.0, 1e-12);
    /* An overflow vendor on top of a fully staffed in-house team only adds cost. */
    assert_true(over->planned.cost_per_week >= inh->planned.cost_per_week);
    /*
     * The options as written are simulated and costed too; the one marked is
     * the cheapest of those meeting every target (the scenario's own staffing
     * decides which do).
     */
    for (size_t k = 0; k < 3; k++)
        assert_true(p->options[k].written.cost_per_week > 0.0);
    if (p->best_written >= 0) {
        const cc_option_result *b = &p->options[p->best_written].written;
        assert_true(b->meets_targets && b->cheapest);
        for (size_t k = 0; k < 3; k++)
            if (p->options[k].written.meets_targets)
                assert_true(b->cost_per_week <= p->options[k].written.cost_per_week);
    }
    /* Fewer in-house day agents make the as-written overflow option the cheapest to run. */
    assert_true(over->written.cost_per_week < inh->written.cost_per_week);
    /* The night vendor's cheaper hours show as written as well. */
    assert_true(nights->written.cost_per_week < inh->written.cost_per_week);
    cc_planner_free(p);
    cc_scenario_free(s);
}

static void test_plan_identical_across_threads(void **state)
{
    cc_scenario *s1 = NULL, *s2 = NULL;
    cc_planner *p1 = plan_file("scenarios/ecommerce-week.yaml", &s1, 1, 1);
    cc_planner *p2 = plan_file("scenarios/ecommerce-week.yaml", &s2, 2, 1);
    char *j1 = cc_report_plan_json(p1), *j2 = cc_report_plan_json(p2);
    (void)state;

    /* The least-cost search, programmes and simulations alike, whatever the threads. */
    assert_true(p1->search.ran && p1->search.met);
    assert_true(p1->search.rounds >= 2);
    assert_string_equal(j1, j2);
    free(j1);
    free(j2);
    cc_planner_free(p1);
    cc_planner_free(p2);
    cc_scenario_free(s1);
    cc_scenario_free(s2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verified_staffing_removes_pooling_surplus),
        cmocka_unit_test(test_outsourcing_options_ranked_by_cost),
        cmocka_unit_test(test_plan_identical_across_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
