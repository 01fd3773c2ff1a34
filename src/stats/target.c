/*
 * The one rule deciding whether a period misses a channel's target (see
 * target.h); every judgment of the statistics stage goes through it.
 */
#include "stats/target.h"

int cc_target_missed(const cc_sim_target *tg, double presented, double in_target,
                     double answered, double wait_answered_s, double abandoned)
{
    if (presented <= 0.0)
        return 0;
    if (tg->service_level > 0.0 && in_target / presented < tg->service_level)
        return 1;
    if (tg->max_asa_s > 0.0 && answered > 0.0 && wait_answered_s / answered > tg->max_asa_s)
        return 1;
    if (tg->max_abandon > 0.0 && abandoned / presented > tg->max_abandon)
        return 1;
    return 0;
}
