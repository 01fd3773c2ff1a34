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
 * share; every transfer target of a channel is kept with its own share (at
 * most CC_SIM_MAX_TRANSFERS, entering its channel at once); a team's routing
 * rank is its position in the channel's preference list, overflow teams
 * following with their wait thresholds; a team's max_concurrency becomes its
 * skill's session limit, and stretch multipliers are filled up to the largest
 * limit of any team; routing.strict_priority becomes the model's flag.
 * exceptions: CC_EINVAL (more transfer targets than the engine takes; the
 * model fails cc_simmodel_validate).
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
