/*
 * The one rule that decides whether pooled figures of a period (an interval,
 * a day, the horizon) miss a channel's target: the service level below the
 * goal, the ASA above its cap or the abandonment above its cap.
 */
#ifndef CC_STATS_TARGET_H
#define CC_STATS_TARGET_H

#include "cc_sim.h"

/*
 * Whether figures of one channel, pooled over a period, miss its target:
 * in_target / presented below the goal, wait_answered_s / answered above
 * the ASA cap or abandoned / presented above the abandonment cap. Nothing
 * presented never misses. Returns 1 or 0.
 */
int cc_target_missed(const cc_sim_target *tg, double presented, double in_target,
                     double answered, double wait_answered_s, double abandoned);

#endif
