/*
 * From a loaded scenario to the simulation engine's flat model: per-interval
 * arrival rates, deflection, bot containment, staffing and routing ranks.
 * The planner and `ccsim run` both go through this one mapping.
 */
#ifndef CC_BRIDGE_H
#define CC_BRIDGE_H

#include "cc_scenario.h"
#include "cc_sim.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Builds the simulation model of scenario `s` (borrowed; the model keeps no
 * pointer into it). On success *out is a model the caller frees with
 * cc_simmodel_free.
 *
 * Mapping notes: staffing per interval is the scenario's time-averaged
 * on-duty count rounded to the nearest agent; shrinkage is the team's total
 * share; a channel's transfer targets are merged into one (the engine keeps
 * one transfer target: the first, with the shares summed); a team's routing
 * rank is its position in the channel's preference list, overflow teams
 * following with their wait thresholds.
 * exceptions: CC_EINVAL (the model fails cc_simmodel_validate).
 */
cc_status cc_simmodel_from_scenario(const cc_scenario *s, cc_simmodel **out, cc_error *err);

/*
 * Copies a distribution, duplicating empirical values so that the copy owns
 * its own array.
 */
void cc_dist_copy(cc_dist *dst, const cc_dist *src);

#ifdef __cplusplus
}
#endif

#endif
