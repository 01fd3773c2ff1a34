/*
 * Models shared by the engine tests: a day of four channels and three teams
 * that uses every feature of the engine (bot, deflection, retrials,
 * transfers, concurrency, overflow, shifts, shrinkage, forecast noise).
 */
#ifndef CC_TEST_SIM_FIXTURES_H
#define CC_TEST_SIM_FIXTURES_H

#include <math.h>

#include "cc_sim.h"

static inline void set_dist(cc_dist *d, cc_dist_kind kind, double mean, double cv)
{
    d->kind = kind;
    d->mean_s = mean;
    d->cv = cv;
}

/*
 * A day of 48 half-hours: voice (patience, retrials, deflection, transfer
 * to tier 2), chat (bot with ramp, bounce to email, concurrency 3, stretch),
 * email (backlog), tier 2; three teams with shifts, shrinkage, an overflow
 * team and per-team proficiency; forecast noise.
 */
static inline cc_simmodel *rich_model(int drain)
{
    cc_simmodel *m = cc_simmodel_new(48, 4, 3);
    size_t i;
    m->interval_s = 1800.0;
    m->intervals_per_day = 48;
    m->drain = drain;
    m->chat_policy = CC_CHAT_FILL;
    m->channels[0].kind = CC_CHANNEL_VOICE;
    m->channels[1].kind = CC_CHANNEL_CHAT;
    m->channels[2].kind = CC_CHANNEL_EMAIL;
    m->channels[3].kind = CC_CHANNEL_VOICE;
    for (i = 0; i < 48; i++) {
        double shape = sin(M_PI * (double)i / 48.0); /* a daytime hump */
        m->channels[0].arrival_rate[i] = 0.25 * shape;
        m->channels[0].deflection[i] = 0.1;
        m->channels[1].arrival_rate[i] = 0.08 * shape;
        m->channels[1].bot.containment[i] = 0.2 + 0.2 * (double)i / 47.0;
        m->channels[2].arrival_rate[i] = 0.02;
        m->teams[0].agents[i] = i >= 12 && i < 40 ? 60 : 8;
        m->teams[1].agents[i] = i >= 14 && i < 36 ? 12 : 2;
        m->teams[2].agents[i] = 10;
        m->teams[0].shrinkage[i] = 0.15;
        m->teams[1].shrinkage[i] = 0.3;
    }
    set_dist(&m->channels[0].handle, CC_DIST_LOGNORMAL, 280.0, 0.8);
    set_dist(&m->channels[0].wrapup, CC_DIST_GAMMA, 30.0, 0.5);
    set_dist(&m->channels[0].patience, CC_DIST_EXPONENTIAL, 150.0, 0.0);
    m->channels[0].priority = 3;
    m->channels[0].target = (cc_sim_target){20.0, 0.8, 30.0, 0.05, CC_SL_OFFERED, 0.0};
    m->channels[0].retrial = (cc_sim_repeat){0.4, {CC_DIST_EXPONENTIAL, 600.0, 0, NULL, 0}, 0};
    m->channels[0].transfers[0] = (cc_sim_repeat){0.05, {CC_DIST_NONE, 0, 0, NULL, 0}, 3};
    m->channels[0].n_transfers = 1;
    m->channels[0].forecast_cv = 0.1;
    set_dist(&m->channels[1].handle, CC_DIST_EXPONENTIAL, 500.0, 0.0);
    set_dist(&m->channels[1].patience, CC_DIST_EXPONENTIAL, 300.0, 0.0);
    m->channels[1].concurrency = 3;
    m->channels[1].stretch[2] = 1.2;
    m->channels[1].stretch[3] = 1.5;
    m->channels[1].priority = 2;
    m->channels[1].target = (cc_sim_target){60.0, 0.8, 0, 0, CC_SL_OFFERED, 0.0};
    m->channels[1].bot.enabled = 1;
    set_dist(&m->channels[1].bot.time, CC_DIST_EXPONENTIAL, 45.0, 0.0);
    m->channels[1].bot.handle_factor = 1.25;
    m->channels[1].bot.patience_factor = 0.8;
    m->channels[1].bot.bounce = (cc_sim_repeat){0.1, {CC_DIST_EXPONENTIAL, 900.0, 0, NULL, 0}, 2};
    set_dist(&m->channels[2].handle, CC_DIST_GAMMA, 400.0, 0.6);
    m->channels[2].initial_backlog = 40;
    m->channels[2].priority = 1;
    m->channels[2].target = (cc_sim_target){14400.0, 0.9, 0, 0, CC_SL_OFFERED, 0.0};
    set_dist(&m->channels[3].handle, CC_DIST_EXPONENTIAL, 600.0, 0.0);
    set_dist(&m->channels[3].patience, CC_DIST_EXPONENTIAL, 400.0, 0.0);
    m->channels[3].priority = 3;
    m->channels[3].target = (cc_sim_target){60.0, 0.7, 0, 0, CC_SL_OFFERED, 0.0};
    /* team 0: voice + chat; team 1: chat + email + tier 2; team 2: voice overflow after 40 s */
    m->teams[0].skills[0] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[0].skills[1] = (cc_sim_skill){1.1, 1, 0.0, 0};
    m->teams[1].skills[1] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[1].skills[2] = (cc_sim_skill){0.9, 0, 0.0, 0};
    m->teams[1].skills[3] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[2].skills[0] = (cc_sim_skill){1.3, 1, 40.0, 0};
    m->teams[2].skills[3] = (cc_sim_skill){1.0, 1, 120.0, 0};
    m->teams[2].outsourced = 1;
    m->teams[2].cost_per_contact = 4.0;
    m->teams[0].cost_per_hour = 30.0;
    m->teams[1].cost_per_hour = 25.0;
    return m;
}

#endif
