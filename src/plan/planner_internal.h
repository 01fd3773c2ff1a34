/*
 * Internals shared by the planner's files: building the simulation model of
 * a plan with chosen team staffing, running it with the plan's seed and
 * replications, and the simulation-verified staffing search.
 */
#ifndef CC_PLAN_PLANNER_INTERNAL_H
#define CC_PLAN_PLANNER_INTERNAL_H

#include "cc_plan.h"
#include "cc_sim.h"

/*
 * Builds the simulation model of scenario `s` with team t's agents per
 * interval taken from staffing[t] (a NULL entry, or staffing NULL, keeps the
 * scenario's shifts). The caller frees *out with cc_simmodel_free.
 * exceptions: those of cc_simmodel_from_scenario.
 */
cc_status cc_plan_model(const cc_scenario *s, long *const *staffing, cc_simmodel **out,
                       cc_error *err);

/*
 * Runs the plan's replications of `m` on the plan's seed and threads. With
 * `percentiles` the per-interval wait percentiles are kept (for reports).
 * The caller frees *out with cc_results_free.
 */
cc_status cc_plan_replicate(const cc_planner *p, const cc_simmodel *m, int percentiles,
                           cc_results **out, cc_error *err);

/*
 * Simulates the scenario's staffing as written on the plan's seed into
 * p->written, with its paid hours and roster cost per week beside the
 * plan's (explain.c).
 */
cc_status cc_plan_explain_written(cc_planner *p, cc_error *err);

/* As cc_plan_replicate, on base seed `seed` (an independent check), without percentiles. */
cc_status cc_plan_replicate_seed(const cc_planner *p, const cc_simmodel *m, uint64_t seed,
                                 cc_results **out, cc_error *err);

/*
 * The least-cost rosters: for every team with shift rules, the roster of
 * fewest paid hours whose simulation meets every channel's target at its
 * scope, by rounds of programme and simulation (least_cost.c). Sets each
 * searched team's shifts and rostered_hours and fills p->search.
 * exceptions: those of the roster programme and the simulation.
 */
cc_status cc_plan_least_cost(cc_planner *p, cc_error *err);

/*
 * The simulation-verified staffing: starts from each team's analytic
 * staffing, raises it where a channel misses a target and trims it where
 * every channel the team serves has room, round by round on common random
 * numbers. Fills p->teams[t].verified and p->verify.
 * exceptions: those of the simulation.
 */
cc_status cc_plan_verify(cc_planner *p, cc_error *err);

/*
 * Agents of channel c that one agent of team t is worth: the team's
 * proficiency times the channel's concurrency over the team's session limit.
 */
double cc_plan_team_factor(const cc_scenario *s, int c, int t);

/* Net agents grossed up for shrinkage by the scenario's shrinkage method. */
double cc_plan_gross_up(const cc_scenario *s, double net, double shrinkage);

/* Team agents on duty in interval i: the roster's coverage, else the staffing. */
long cc_plan_on_duty(const cc_planner_team *pt, size_t i);

/*
 * Sets reach[i] (p->n_intervals bytes) to 1 where some shift the rules of
 * problem p allow may have an agent on duty (some placement of its breaks),
 * night shifts starting before the horizon included, else 0. Only the
 * rules, the intervals and the first weekday of p are read.
 */
void cc_plan_shifts_reach(const cc_shift_problem *p, unsigned char *reach);

#endif
