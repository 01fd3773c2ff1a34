/*
 * The planner's simulations: a scenario's model with the staffing the plan
 * chose, run on the plan's seed and replications so that every simulation
 * of one plan shares common random numbers.
 */
#include "cc_results.h"
#include "cc_sim.h"
#include "plan/planner_internal.h"

cc_status cc_plan_model(const cc_scenario *s, long *const *staffing, cc_simmodel **out,
                       cc_error *err)
{
    cc_simmodel *m;
    cc_status st = cc_simmodel_from_scenario(s, &m, err);
    if (st != CC_OK)
        return st;
    if (staffing) {
        for (int t = 0; t < s->n_teams; t++) {
            if (!staffing[t])
                continue;
            for (int i = 0; i < s->n_intervals; i++)
                m->teams[t].agents[i] = (int)staffing[t][i];
        }
    }
    *out = m;
    return CC_OK;
}

/* The plan's replications of `m` on base seed `seed`, with or without percentiles. */
static cc_status replicate_on(const cc_planner *p, const cc_simmodel *m, uint64_t seed,
                              int percentiles, cc_results **out, cc_error *err)
{
    cc_run_options ro = cc_run_options_default();
    ro.replications = p->replications;
    ro.seed = seed;
    ro.threads = p->opt.threads;
    ro.interval_stats = 1;
    ro.interval_percentiles = percentiles;
    ro.no_limits = p->opt.no_limits;
    return cc_replicate(m, &ro, out, err);
}

cc_status cc_plan_replicate(const cc_planner *p, const cc_simmodel *m, int percentiles,
                           cc_results **out, cc_error *err)
{
    return replicate_on(p, m, p->seed, percentiles, out, err);
}

cc_status cc_plan_replicate_seed(const cc_planner *p, const cc_simmodel *m, uint64_t seed,
                                 cc_results **out, cc_error *err)
{
    return replicate_on(p, m, seed, 0, out, err);
}
