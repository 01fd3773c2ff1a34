/*
 * Scenario to simulation model. Everything that depends on the calendar
 * (weekday, season, intraday profile, deflection, containment ramps, shifts
 * and time zones) is resolved here into per-interval arrays, so the engine
 * only ever sees numbers per interval. Routing settings (priorities, team
 * ranks and overflow, per-team session limits, strict priority, transfer
 * targets) map one to one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_sim.h"

/* The most sessions any team serving channel c may hold at once. */
static int widest_concurrency(const cc_scenario *s, int c)
{
    int t, most = s->channels[c].concurrency;
    for (t = 0; t < s->n_teams; t++)
        if (s->teams[t].proficiency[c] > 0.0 && s->teams[t].max_concurrency[c] > most)
            most = s->teams[t].max_concurrency[c];
    return most;
}

static cc_status map_channel(const cc_scenario *s, int c, cc_sim_channel *out, cc_error *err)
{
    const cc_channel *ch = &s->channels[c];
    int i, k, widest = widest_concurrency(s, c);

    snprintf(out->name, sizeof(out->name), "%s", ch->name);
    out->kind = ch->kind;
    for (i = 0; i < s->n_intervals; i++) {
        out->arrival_rate[i] = cc_scenario_channel_rate_gross(s, c, i);
        out->deflection[i] = ch->day_deflection[i / s->intervals_per_day];
    }
    out->forecast_cv = ch->uncertainty_cv;
    out->forecast_dist = ch->uncertainty_dist;
    out->initial_backlog = ch->backlog;
    cc_dist_copy(&out->handle, &ch->handle_time);
    cc_dist_copy(&out->wrapup, &ch->wrap_up);
    cc_dist_copy(&out->patience, &ch->patience);
    out->concurrency = ch->concurrency;
    /* A team allowed more sessions than the channel needs the stretch beyond it too. */
    for (k = 1; k <= widest && k <= CC_SIM_MAX_CONCURRENCY; k++)
        out->stretch[k] = cc_scenario_stretch(s, c, k);
    /* The scenario ranks 0 = most urgent; the engine wants higher = more urgent. */
    out->priority = s->n_channels - ch->priority;
    out->target.answer_within_s = ch->target.answer_within_s;
    out->target.service_level = ch->target.service_level;
    out->target.max_asa_s = ch->target.has_max_asa ? ch->target.max_asa_s : 0.0;
    out->target.max_abandon = ch->target.has_max_abandon ? ch->target.max_abandon : 0.0;
    out->stretch_dynamic = ch->stretch_dynamic;
    out->target.sl_definition = ch->target.sl_definition;
    out->target.short_abandon_s = ch->target.short_abandon_s;
    out->judging.scope = ch->target.scope;
    out->judging.has_max_risk = ch->target.has_max_risk;
    out->judging.max_risk = ch->target.has_max_risk ? ch->target.max_risk : 0.0;

    if (ch->chatbot >= 0) {
        const cc_chatbot *bot = &s->chatbots[ch->chatbot];
        out->bot.enabled = 1;
        cc_dist_copy(&out->bot.time, &bot->time_in_bot);
        for (i = 0; i < s->n_intervals; i++)
            out->bot.containment[i] =
                cc_scenario_containment(s, ch->chatbot, ((double)i + 0.5) * s->interval_s);
        out->bot.handle_factor = 1.0 + bot->escalation_aht_uplift;
        out->bot.patience_factor = bot->escalation_patience_factor;
        out->bot.bounce.share = bot->bounce_share;
        cc_dist_copy(&out->bot.bounce.delay, &bot->bounce_delay);
        out->bot.bounce.channel = bot->bounce_channel >= 0 ? bot->bounce_channel : c;
    }
    out->retrial.share = ch->retry_share;
    cc_dist_copy(&out->retrial.delay, &ch->retry_delay);
    out->retrial.channel = ch->retry_channel >= 0 ? ch->retry_channel : c;
    if (ch->n_transfers > CC_SIM_MAX_TRANSFERS)
        return cc_error_setf(err, CC_EINVAL,
                             "channel '%s' has %d transfer targets; the simulator takes at "
                             "most %d", ch->name, ch->n_transfers, CC_SIM_MAX_TRANSFERS);
    /* The scenario has no transfer delay: transferred contacts enter at once. */
    for (k = 0; k < ch->n_transfers; k++) {
        out->transfers[k].share = ch->transfers[k].share;
        out->transfers[k].channel = ch->transfers[k].channel;
    }
    out->n_transfers = ch->n_transfers;
    return CC_OK;
}

static void map_team(const cc_scenario *s, int t, cc_sim_team *out)
{
    const cc_team *team = &s->teams[t];
    int i, c, k;

    snprintf(out->name, sizeof(out->name), "%s", team->name);
    for (i = 0; i < s->n_intervals; i++) {
        out->agents[i] = (int)lround(cc_scenario_team_agents(s, t, i));
        out->shrinkage[i] = team->shrinkage;
    }
    for (c = 0; c < s->n_channels; c++) {
        const cc_channel *ch = &s->channels[c];
        cc_sim_skill *skill = &out->skills[c];
        skill->proficiency = 0.0;
        if (!(team->proficiency[c] > 0.0))
            continue;
        for (k = 0; k < ch->n_route_teams; k++) {
            if (ch->route_teams[k] == t) {
                skill->proficiency = team->proficiency[c];
                skill->rank = k;
                skill->overflow_s = 0.0;
                skill->max_concurrency = team->max_concurrency[c];
                break;
            }
        }
        if (skill->proficiency > 0.0)
            continue;
        for (k = 0; k < ch->n_overflow; k++) {
            if (ch->overflow_teams[k] == t) {
                skill->proficiency = team->proficiency[c];
                skill->rank = ch->n_route_teams + k;
                skill->overflow_s = ch->overflow_after_s[k];
                skill->max_concurrency = team->max_concurrency[c];
                break;
            }
        }
    }
    out->cost_per_hour = team->cost_per_hour;
    out->cost_per_contact = team->cost_per_contact;
    out->outsourced = team->outsourced;
}

cc_status cc_simmodel_from_scenario(const cc_scenario *s, cc_simmodel **out, cc_error *err)
{
    cc_simmodel *m = cc_simmodel_new((size_t)s->n_intervals, (size_t)s->n_channels,
                                     (size_t)s->n_teams);
    cc_status st;
    int c, t;

    m->interval_s = s->interval_s;
    m->intervals_per_day = (size_t)s->intervals_per_day;
    m->warmup_s = s->simulation.warmup_s;
    m->max_arrivals = s->simulation.max_arrivals;
    m->drain = s->simulation.drain;
    m->drain_limit_s = s->simulation.drain_limit_s;
    m->max_attempts = s->simulation.max_attempts;
    m->max_transfers = s->simulation.max_transfers;
    m->chat_policy = s->chat_assignment;
    m->strict_priority = s->strict_priority ? 1 : 0;
    st = CC_OK;
    for (c = 0; c < s->n_channels && st == CC_OK; c++)
        st = map_channel(s, c, &m->channels[c], err);
    for (t = 0; t < s->n_teams; t++)
        map_team(s, t, &m->teams[t]);
    if (st == CC_OK)
        st = cc_simmodel_validate(m, err);
    if (st != CC_OK) {
        cc_simmodel_free(m);
        return st;
    }
    *out = m;
    return CC_OK;
}
