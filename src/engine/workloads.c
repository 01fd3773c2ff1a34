/*
 * Ready-made models: the single queue of Erlang C / Erlang A and the three
 * reference workloads of bench/WORKLOADS.md, built exactly as defined there
 * so that the benchmark, `ccsim verify` and the tests share one definition.
 */
#include <stdio.h>

#include "cc_sim.h"
#include "engine/workloads.h"

cc_simmodel *cc_simmodel_single_queue(double arrivals_per_s, double aht_s, long agents,
                                      double patience_mean_s, double target_s,
                                      double horizon_s, long max_arrivals)
{
    cc_simmodel *m = cc_simmodel_new(1, 1, 1);
    cc_sim_channel *ch = &m->channels[0];
    cc_sim_team *tm = &m->teams[0];

    m->interval_s = horizon_s;
    m->intervals_per_day = 1;
    m->max_arrivals = max_arrivals;
    m->drain = max_arrivals > 0;
    snprintf(ch->name, sizeof ch->name, "voice");
    ch->kind = CC_CHANNEL_VOICE;
    ch->arrival_rate[0] = arrivals_per_s;
    ch->handle.kind = CC_DIST_EXPONENTIAL;
    ch->handle.mean_s = aht_s;
    if (patience_mean_s > 0.0) {
        ch->patience.kind = CC_DIST_EXPONENTIAL;
        ch->patience.mean_s = patience_mean_s;
    }
    ch->target.answer_within_s = target_s;
    snprintf(tm->name, sizeof tm->name, "agents");
    tm->agents[0] = (int)agents;
    tm->skills[0].proficiency = 1.0;
    return m;
}

static void w3_channel(cc_sim_channel *ch, const char *name, cc_channel_kind kind,
                       double per_hour, double aht_s, int priority, double target_s)
{
    snprintf(ch->name, sizeof ch->name, "%s", name);
    ch->kind = kind;
    ch->arrival_rate[0] = per_hour / 3600.0;
    ch->handle.kind = CC_DIST_EXPONENTIAL;
    ch->handle.mean_s = aht_s;
    ch->priority = priority;
    ch->target.answer_within_s = target_s;
}

cc_simmodel *cc_simmodel_workload(int which, long n_arrivals)
{
    cc_simmodel *m;
    if (which == 1 || which == 2) {
        /* W1: lambda 0.3/s, c = 100, AHT 300 s; W2 adds Exp(120 s) patience. */
        return cc_simmodel_single_queue(0.3, 300.0, 100, which == 2 ? 120.0 : 0.0, 20.0, 1e12,
                                        n_arrivals);
    }
    if (which != 3)
        return NULL;
    /*
     * W3: phone > chat > email. G1 (60) serves phone and chat, G2 (30) chat
     * and email; chat goes to G2 before G1, and to agents with open chats
     * (most first) before idle ones (the fill policy); an agent with open
     * chats takes no new one while a more urgent queue (phone, for G1)
     * waits. One detail differs from WORKLOADS.md: when a chat arrives while
     * older chats wait (possible only after a G1 agent was held back by the
     * phone queue), the agent takes the oldest chat and the newcomer queues,
     * where W3's rules serve the newcomer; the counts are the same and the
     * case is rare (chat P(wait) < 1%).
     */
    m = cc_simmodel_new(1, 3, 2);
    m->interval_s = 1e12;
    m->intervals_per_day = 1;
    m->max_arrivals = n_arrivals;
    m->drain = 1;
    m->chat_policy = CC_CHAT_FILL;
    w3_channel(&m->channels[0], "phone", CC_CHANNEL_VOICE, 600.0, 300.0, 3, 20.0);
    w3_channel(&m->channels[1], "chat", CC_CHANNEL_CHAT, 180.0, 600.0, 2, 60.0);
    w3_channel(&m->channels[2], "email", CC_CHANNEL_EMAIL, 120.0, 480.0, 1, 3600.0);
    m->channels[1].concurrency = 3;
    snprintf(m->teams[0].name, sizeof m->teams[0].name, "G1");
    m->teams[0].agents[0] = 60;
    m->teams[0].skills[0].proficiency = 1.0;
    m->teams[0].skills[1].proficiency = 1.0;
    m->teams[0].skills[1].rank = 1;
    snprintf(m->teams[1].name, sizeof m->teams[1].name, "G2");
    m->teams[1].agents[0] = 30;
    m->teams[1].skills[1].proficiency = 1.0;
    m->teams[1].skills[1].rank = 0;
    m->teams[1].skills[2].proficiency = 1.0;
    return m;
}
