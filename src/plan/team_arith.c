/*
 * Team arithmetic the planner's stages share: what one team agent is worth
 * to a channel, grossing up for shrinkage, and a team's agents on duty.
 * Kept apart from planner.c so the stages that use them (verification, the
 * least-cost search) do not call back into the planner's driver.
 */
#include "plan/planner_internal.h"

/* Team agents per channel agent: slower teams and lower concurrency need more. */
double cc_plan_team_factor(const cc_scenario *s, int c, int t)
{
    const cc_team *tm = &s->teams[t];
    const cc_channel *ch = &s->channels[c];
    double prof = tm->proficiency[c] > 0 ? tm->proficiency[c] : 1.0;
    int k = ch->concurrency > 0 ? ch->concurrency : 1;
    int kt = tm->max_concurrency[c] > 0 ? tm->max_concurrency[c] : k;
    return prof * (double)k / (double)kt;
}

double cc_plan_gross_up(const cc_scenario *s, double net, double shrinkage)
{
    return s->plan.shrinkage_method == CC_SHRINK_MULTIPLICATIVE ? net * (1.0 + shrinkage)
                                                                 : net / (1.0 - shrinkage);
}

/* Agents on duty of team t in interval i: the roster, else the staffing. */
long cc_plan_on_duty(const cc_planner_team *pt, size_t i)
{
    return pt->shifts ? pt->shifts->coverage[i] : pt->staffing[i];
}
