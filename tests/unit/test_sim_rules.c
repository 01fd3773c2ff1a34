/*
 * Engine semantics on small deterministic scenarios, stepped event by event
 * and checked against hand-worked timelines: FIFO service, abandonment,
 * chat concurrency with stretch, priorities and the rule that an agent
 * holding chats takes no new chat while a more urgent queue waits, overflow
 * after its threshold, an agent finishing its contact at shift end, and the
 * shrinkage carry.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cc_sim.h"
#include "engine/engine_view.h"
#include "test_util.h"

/* Installs a trace of fresh arrival times on channel c. */
static void set_trace(cc_simmodel *m, int c, const double *t, size_t n)
{
    cc_sim_channel *ch = &m->channels[c];
    free(ch->arrival_times_s);
    ch->arrival_times_s = malloc(n * sizeof(double));
    memcpy(ch->arrival_times_s, t, n * sizeof(double));
    ch->n_arrival_times = n;
}

static void set_det(cc_dist *d, double v)
{
    d->kind = CC_DIST_DETERMINISTIC;
    d->mean_s = v;
}

/* One channel of `kind`, one team of `agents`, deterministic handle time. */
static cc_simmodel *tiny(cc_channel_kind kind, int agents, double handle_s)
{
    cc_simmodel *m = cc_simmodel_new(1, 1, 1);
    m->interval_s = 1000.0;
    m->intervals_per_day = 1;
    m->drain = 1;
    m->channels[0].kind = kind;
    set_det(&m->channels[0].handle, handle_s);
    m->channels[0].target.answer_within_s = 10.0;
    m->teams[0].agents[0] = agents;
    m->teams[0].skills[0].proficiency = 1.0;
    return m;
}

static cc_sim *start(const cc_simmodel *m)
{
    cc_sim *s = NULL;
    cc_error err;
    cc_sim_options o = {1};
    assert_int_equal(cc_sim_new(m, &o, &s, &err), CC_OK);
    cc_sim_reset(s, 1, 0);
    return s;
}

/* Steps once and checks kind, time and (when >= 0) the wait. */
static void expect(cc_sim *s, cc_sim_event_kind kind, double t, double wait)
{
    cc_sim_event ev;
    assert_int_equal(cc_sim_step(s, &ev), 1);
    if (ev.kind != kind || fabs(ev.time_s - t) > 1e-9 || (wait >= 0 && fabs(ev.wait_s - wait) > 1e-9)) {
        print_error("event kind %d at %g wait %g; want kind %d at %g wait %g\n", ev.kind,
                    ev.time_s, ev.wait_s, kind, t, wait);
        fail();
    }
}

static void expect_end(cc_sim *s)
{
    cc_sim_event ev;
    assert_int_equal(cc_sim_step(s, &ev), 0);
    assert_int_equal(ev.kind, CC_EV_NONE);
}

static void test_fifo_single_agent(void **state)
{
    const double t[] = {0.0, 1.0, 2.0};
    cc_simmodel *m = tiny(CC_CHANNEL_VOICE, 1, 10.0);
    cc_sim *s;
    const cc_rep_channel *r;
    (void)state;
    set_trace(m, 0, t, 3);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 0.0, 0.0);  /* answered at once */
    expect(s, CC_EV_ARRIVAL, 1.0, -1);   /* queues */
    assert_int_equal(cc_sim_queue_length(s, 0), 1);
    expect(s, CC_EV_ARRIVAL, 2.0, -1);
    assert_int_equal(cc_sim_queue_length(s, 0), 2);
    expect(s, CC_EV_COMPLETE, 10.0, 9.0); /* the oldest is taken first */
    expect(s, CC_EV_COMPLETE, 20.0, 18.0);
    expect(s, CC_EV_COMPLETE, 30.0, -1);
    expect_end(s);
    r = cc_sim_rep_channels(s);
    assert_true(r->answered == 3 && r->queued == 2 && r->abandoned == 0);
    assert_true(r->answered_in_target == 2); /* waits 0 and 9 <= 10, 18 > 10 */
    assert_rel_close(r->wait_answered_s, 27.0, 1e-12);
    assert_rel_close(r->handle_s, 30.0, 1e-12);
    /* integral of the queue length equals the sum of waits */
    assert_rel_close(r->queue_area_s, 27.0, 1e-12);
    assert_int_equal(cc_sim_model_events(s), 6);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

static void test_abandonment_and_stale_timers(void **state)
{
    const double t[] = {0.0, 1.0, 2.0, 3.0};
    cc_simmodel *m = tiny(CC_CHANNEL_VOICE, 1, 10.0);
    cc_sim *s;
    const cc_rep_channel *r;
    (void)state;
    set_trace(m, 0, t, 4);
    set_det(&m->channels[0].patience, 8.5);
    set_det(&m->channels[0].handle, 8.0);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 0.0, 0.0);
    expect(s, CC_EV_ARRIVAL, 1.0, -1);   /* patience until 9.5 */
    expect(s, CC_EV_ARRIVAL, 2.0, -1);   /* until 10.5 */
    expect(s, CC_EV_ARRIVAL, 3.0, -1);   /* until 11.5 */
    expect(s, CC_EV_COMPLETE, 8.0, 7.0); /* the one from t=1 is answered */
    expect(s, CC_EV_STALE, 9.5, -1);     /* its abandonment timer no longer applies */
    expect(s, CC_EV_ABANDON, 10.5, 8.5);
    expect(s, CC_EV_ABANDON, 11.5, 8.5);
    expect(s, CC_EV_COMPLETE, 16.0, -1);
    expect_end(s);
    r = cc_sim_rep_channels(s);
    assert_true(r->answered == 2 && r->abandoned == 2 && r->presented == 4);
    assert_rel_close(r->wait_abandoned_s, 17.0, 1e-12);
    assert_rel_close(r->queue_area_s, r->wait_answered_s + r->wait_abandoned_s, 1e-12);
    /* model events: 4 arrivals, 2 completions, 2 abandonments (not the stale timer) */
    assert_int_equal(cc_sim_model_events(s), 8);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

static void test_chat_concurrency_and_stretch(void **state)
{
    const double t[] = {0.0, 1.0, 2.0};
    cc_simmodel *m = tiny(CC_CHANNEL_CHAT, 1, 10.0);
    cc_sim *s;
    cc_sim_team_state ts;
    (void)state;
    m->channels[0].concurrency = 2;
    m->channels[0].stretch[2] = 1.5; /* a second open chat takes 50% longer */
    set_trace(m, 0, t, 3);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 0.0, 0.0); /* 1 session, ends at 10 */
    expect(s, CC_EV_ARRIVAL, 1.0, 0.0); /* 2 sessions, 15 s, ends at 16 */
    cc_sim_team_state_get(s, 0, &ts);
    assert_int_equal(ts.sessions, 2);
    assert_int_equal(ts.busy, 1);
    expect(s, CC_EV_ARRIVAL, 2.0, -1); /* the agent is full: queue */
    assert_int_equal(cc_sim_queue_length(s, 0), 1);
    expect(s, CC_EV_COMPLETE, 10.0, 8.0); /* a slot frees: refill, stretched to 15 s */
    expect(s, CC_EV_COMPLETE, 16.0, -1);
    expect(s, CC_EV_COMPLETE, 25.0, -1);
    expect_end(s);
    assert_rel_close(cc_sim_rep_channels(s)->handle_s, 40.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * One agent skilled for phone (priority 2) and chat (1, concurrency 3).
 * While it holds a chat, a phone call must wait (voice needs a free agent)
 * and, the phone queue being non-empty, a new chat is not added either. When
 * the chat ends the agent takes the phone call first.
 */
static void test_priority_and_chat_blocking(void **state)
{
    const double tchat[] = {0.0, 2.0}, tphone[] = {1.0};
    cc_simmodel *m = cc_simmodel_new(1, 2, 1);
    cc_sim *s;
    int c;
    (void)state;
    m->interval_s = 1000.0;
    m->intervals_per_day = 1;
    m->drain = 1;
    for (c = 0; c < 2; c++) {
        set_det(&m->channels[c].handle, 10.0);
        m->teams[0].skills[c].proficiency = 1.0;
    }
    m->channels[0].kind = CC_CHANNEL_VOICE;
    m->channels[0].priority = 2;
    m->channels[1].kind = CC_CHANNEL_CHAT;
    m->channels[1].priority = 1;
    m->channels[1].concurrency = 3;
    m->teams[0].agents[0] = 1;
    set_trace(m, 0, tphone, 1);
    set_trace(m, 1, tchat, 2);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 0.0, 0.0); /* chat: the agent takes it */
    expect(s, CC_EV_ARRIVAL, 1.0, -1);  /* phone: queues behind the open chat */
    expect(s, CC_EV_ARRIVAL, 2.0, -1);  /* chat: blocked by the phone queue */
    assert_int_equal(cc_sim_queue_length(s, 0), 1);
    assert_int_equal(cc_sim_queue_length(s, 1), 1);
    expect(s, CC_EV_COMPLETE, 10.0, 9.0); /* free again: phone first */
    assert_int_equal(cc_sim_queue_length(s, 0), 0);
    expect(s, CC_EV_COMPLETE, 20.0, 18.0); /* then the chat */
    expect(s, CC_EV_COMPLETE, 30.0, -1);
    expect_end(s);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * An agent with open chats refills at a chat's end only while no more
 * urgent queue waits: with a phone call queued it drains its chats and then
 * takes the call (the W3 rule).
 */
static void test_refill_blocked_by_urgent_queue(void **state)
{
    const double tchat[] = {0.0, 1.0, 3.0}, tphone[] = {2.0};
    cc_simmodel *m = cc_simmodel_new(1, 2, 1);
    cc_sim *s;
    int c;
    (void)state;
    m->interval_s = 1000.0;
    m->intervals_per_day = 1;
    m->drain = 1;
    for (c = 0; c < 2; c++) {
        set_det(&m->channels[c].handle, 10.0);
        m->teams[0].skills[c].proficiency = 1.0;
    }
    m->channels[0].priority = 2;
    m->channels[1].kind = CC_CHANNEL_CHAT;
    m->channels[1].priority = 1;
    m->channels[1].concurrency = 3;
    m->teams[0].agents[0] = 1;
    set_trace(m, 0, tphone, 1);
    set_trace(m, 1, tchat, 3);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 0.0, 0.0); /* chat, until 10 */
    expect(s, CC_EV_ARRIVAL, 1.0, 0.0); /* second chat on the same agent, until 11 */
    expect(s, CC_EV_ARRIVAL, 2.0, -1);  /* phone queues */
    expect(s, CC_EV_ARRIVAL, 3.0, -1);  /* chat queues: a phone call is waiting */
    expect(s, CC_EV_COMPLETE, 10.0, -1); /* one chat ends: no refill */
    assert_int_equal(cc_sim_queue_length(s, 1), 1);
    expect(s, CC_EV_COMPLETE, 11.0, 9.0); /* the last one ends: the phone call */
    expect(s, CC_EV_COMPLETE, 21.0, 18.0); /* then the chat */
    expect(s, CC_EV_COMPLETE, 31.0, -1);
    expect_end(s);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * strict_priority on and off, one agent skilled for phone (priority 2) and
 * chat (1, concurrency 2), handle times 10 s; chats at 0, 2, 3, a call at 1.
 * Strict: the chats at 2 and 3 are held back while the call waits, the
 * agent drains its chat and takes the call at 10 (wait 9), then both chats
 * at 20 (waits 18 and 17). Not strict: the chat at 2 is added at once, the
 * one at 3 waits for a slot and is refilled at 10 (wait 7) although the call
 * still waits; the call gets the agent when its last chat ends at 20 (wait 19).
 */
static void test_strict_priority_on_and_off(void **state)
{
    const double tchat[] = {0.0, 2.0, 3.0}, tphone[] = {1.0};
    int strict;
    (void)state;
    for (strict = 1; strict >= 0; strict--) {
        cc_simmodel *m = cc_simmodel_new(1, 2, 1);
        const cc_rep_channel *r;
        cc_sim *s;
        int c;
        m->interval_s = 1000.0;
        m->intervals_per_day = 1;
        m->drain = 1;
        m->strict_priority = strict;
        for (c = 0; c < 2; c++) {
            set_det(&m->channels[c].handle, 10.0);
            m->teams[0].skills[c].proficiency = 1.0;
        }
        m->channels[0].kind = CC_CHANNEL_VOICE;
        m->channels[0].priority = 2;
        m->channels[1].kind = CC_CHANNEL_CHAT;
        m->channels[1].priority = 1;
        m->channels[1].concurrency = 2;
        m->teams[0].agents[0] = 1;
        set_trace(m, 0, tphone, 1);
        set_trace(m, 1, tchat, 3);
        s = start(m);
        expect(s, CC_EV_ARRIVAL, 0.0, 0.0); /* chat: the agent takes it */
        expect(s, CC_EV_ARRIVAL, 1.0, -1);  /* phone: queues behind the open chat */
        if (strict) {
            expect(s, CC_EV_ARRIVAL, 2.0, -1); /* chat: held back by the phone queue */
            expect(s, CC_EV_ARRIVAL, 3.0, -1);
            assert_int_equal(cc_sim_queue_length(s, 1), 2);
            expect(s, CC_EV_COMPLETE, 10.0, 9.0);  /* free: the call first */
            assert_int_equal(cc_sim_queue_length(s, 0), 0);
            expect(s, CC_EV_COMPLETE, 20.0, 17.0); /* both chats, the last waited 17 */
            assert_int_equal(cc_sim_queue_length(s, 1), 0);
            expect(s, CC_EV_COMPLETE, 30.0, -1);
            expect(s, CC_EV_COMPLETE, 30.0, -1);
        } else {
            expect(s, CC_EV_ARRIVAL, 2.0, 0.0); /* chat: second session at once */
            expect(s, CC_EV_ARRIVAL, 3.0, -1);  /* chat: no slot left */
            assert_int_equal(cc_sim_queue_length(s, 0), 1);
            assert_int_equal(cc_sim_queue_length(s, 1), 1);
            expect(s, CC_EV_COMPLETE, 10.0, 7.0); /* refilled while the call waits */
            assert_int_equal(cc_sim_queue_length(s, 0), 1);
            expect(s, CC_EV_COMPLETE, 12.0, -1);
            assert_int_equal(cc_sim_queue_length(s, 0), 1);
            expect(s, CC_EV_COMPLETE, 20.0, 19.0); /* last chat over: the call */
            expect(s, CC_EV_COMPLETE, 30.0, -1);
        }
        expect_end(s);
        r = cc_sim_rep_channels(s);
        assert_rel_close(r[0].wait_answered_s, strict ? 9.0 : 19.0, 1e-12);
        assert_rel_close(r[1].wait_answered_s, strict ? 35.0 : 7.0, 1e-12);
        cc_sim_free(s);
        cc_simmodel_free(m);
    }
}

/*
 * Per-team session limits on a chat channel of concurrency 3: team 0 (rank
 * 0, one agent) may hold one chat, team 1 (rank 1, one agent) the channel's
 * three. Chats at 0..4, 10 s each (stretch 1): team 0 takes the first and no
 * more; team 1 the next three; the fifth waits for team 0's agent (wait 6).
 */
static void test_team_session_limit(void **state)
{
    const double t[] = {0.0, 1.0, 2.0, 3.0, 4.0};
    cc_simmodel *m = cc_simmodel_new(1, 1, 2);
    cc_sim_team_state ts0, ts1;
    const cc_rep_team *rt;
    cc_sim *s;
    (void)state;
    m->interval_s = 1000.0;
    m->intervals_per_day = 1;
    m->drain = 1;
    m->channels[0].kind = CC_CHANNEL_CHAT;
    m->channels[0].concurrency = 3;
    set_det(&m->channels[0].handle, 10.0);
    m->teams[0].agents[0] = 1;
    m->teams[0].skills[0] = (cc_sim_skill){1.0, 0, 0.0, 1};
    m->teams[1].agents[0] = 1;
    m->teams[1].skills[0] = (cc_sim_skill){1.0, 1, 0.0, 0};
    set_trace(m, 0, t, 5);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 0.0, 0.0);
    expect(s, CC_EV_ARRIVAL, 1.0, 0.0);
    expect(s, CC_EV_ARRIVAL, 2.0, 0.0);
    expect(s, CC_EV_ARRIVAL, 3.0, 0.0);
    cc_sim_team_state_get(s, 0, &ts0);
    cc_sim_team_state_get(s, 1, &ts1);
    assert_int_equal(ts0.sessions, 1);
    assert_int_equal(ts1.sessions, 3);
    expect(s, CC_EV_ARRIVAL, 4.0, -1); /* both agents at their limits */
    assert_int_equal(cc_sim_queue_length(s, 0), 1);
    expect(s, CC_EV_COMPLETE, 10.0, 6.0); /* team 0's chat ends: it takes the fifth */
    cc_sim_team_state_get(s, 0, &ts0);
    assert_int_equal(ts0.sessions, 1);
    expect(s, CC_EV_COMPLETE, 11.0, -1);
    expect(s, CC_EV_COMPLETE, 12.0, -1);
    expect(s, CC_EV_COMPLETE, 13.0, -1);
    expect(s, CC_EV_COMPLETE, 20.0, -1);
    expect_end(s);
    /* capacity counts each team's own limit: 1 x 20 s, and 3 x 12 s (from 1 to 13) */
    rt = cc_sim_rep_teams(s);
    assert_rel_close(rt[0].chat_capacity_s, 20.0, 1e-12);
    assert_rel_close(rt[0].chat_session_s, 20.0, 1e-12);
    assert_rel_close(rt[1].chat_capacity_s, 36.0, 1e-12);
    assert_rel_close(rt[1].chat_session_s, 30.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * Chat policies with two agents and concurrency 2: fill puts the second
 * chat on the agent already chatting (keeping the other free for calls);
 * spread gives it to the idle agent.
 */
static void test_chat_fill_and_spread(void **state)
{
    const double t[] = {0.0, 1.0};
    int policy;
    (void)state;
    for (policy = 0; policy < 2; policy++) {
        cc_simmodel *m = tiny(CC_CHANNEL_CHAT, 2, 10.0);
        cc_sim *s;
        cc_sim_event ev1, ev2;
        m->channels[0].concurrency = 2;
        m->chat_policy = policy ? CC_CHAT_SPREAD : CC_CHAT_FILL;
        set_trace(m, 0, t, 2);
        s = start(m);
        assert_int_equal(cc_sim_step(s, &ev1), 1);
        assert_int_equal(cc_sim_step(s, &ev2), 1);
        assert_int_equal(ev1.team, 0);
        assert_int_equal(ev2.team, 0);
        if (policy == 0)
            assert_int_equal(ev2.agent, ev1.agent);
        else
            assert_int_not_equal(ev2.agent, ev1.agent);
        cc_sim_free(s);
        cc_simmodel_free(m);
    }
}

/* Team B (rank 1) is eligible only after a 30 s wait. */
static void test_overflow_after_threshold(void **state)
{
    const double t[] = {0.0, 1.0, 2.0};
    cc_simmodel *m = cc_simmodel_new(1, 1, 2);
    cc_sim *s;
    cc_sim_event ev;
    (void)state;
    m->interval_s = 1000.0;
    m->intervals_per_day = 1;
    m->drain = 1;
    set_det(&m->channels[0].handle, 100.0);
    m->teams[0].agents[0] = 1;
    m->teams[0].skills[0].proficiency = 1.0;
    m->teams[1].agents[0] = 1;
    m->teams[1].skills[0].proficiency = 1.0;
    m->teams[1].skills[0].rank = 1;
    m->teams[1].skills[0].overflow_s = 30.0;
    set_trace(m, 0, t, 3);
    s = start(m);
    assert_int_equal(cc_sim_step(s, &ev), 1);
    assert_true(ev.kind == CC_EV_ARRIVAL && ev.team == 0);
    expect(s, CC_EV_ARRIVAL, 1.0, -1); /* B idle but not yet eligible */
    expect(s, CC_EV_ARRIVAL, 2.0, -1);
    assert_int_equal(cc_sim_queue_length(s, 0), 2);
    assert_int_equal(cc_sim_step(s, &ev), 1);
    assert_true(ev.kind == CC_EV_OVERFLOW && ev.time_s == 31.0 && ev.team == 1);
    assert_rel_close(ev.wait_s, 30.0, 1e-12);
    /* the contact from t = 2 reaches 30 s with B busy: stays queued */
    expect(s, CC_EV_OVERFLOW, 32.0, -1);
    assert_int_equal(cc_sim_queue_length(s, 0), 1);
    assert_int_equal(cc_sim_step(s, &ev), 1); /* A frees at 100 and takes it */
    assert_true(ev.kind == CC_EV_COMPLETE && ev.time_s == 100.0 && ev.team == 0);
    assert_rel_close(ev.wait_s, 98.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * A freed overflow agent does not take a contact that has not waited its
 * threshold; it takes it when the threshold is reached.
 */
static void test_overflow_agent_waits_for_threshold(void **state)
{
    const double t[] = {0.0, 1.0, 50.0, 80.0};
    cc_simmodel *m = cc_simmodel_new(1, 1, 2);
    cc_sim *s;
    cc_sim_event ev;
    cc_sim_team_state ts;
    (void)state;
    m->interval_s = 1000.0;
    m->intervals_per_day = 1;
    m->drain = 1;
    set_det(&m->channels[0].handle, 60.0);
    m->teams[0].agents[0] = 1;
    m->teams[0].skills[0].proficiency = 1.0;
    m->teams[1].agents[0] = 1;
    m->teams[1].skills[0].proficiency = 1.0;
    m->teams[1].skills[0].rank = 1;
    m->teams[1].skills[0].overflow_s = 30.0;
    set_trace(m, 0, t, 4);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 0.0, 0.0);    /* A until 60 */
    expect(s, CC_EV_ARRIVAL, 1.0, -1);
    expect(s, CC_EV_OVERFLOW, 31.0, 30.0); /* B until 91 */
    expect(s, CC_EV_ARRIVAL, 50.0, -1);
    assert_int_equal(cc_sim_step(s, &ev), 1); /* A frees and takes it: no threshold */
    assert_true(ev.kind == CC_EV_COMPLETE && ev.time_s == 60.0 && ev.team == 0);
    assert_rel_close(ev.wait_s, 10.0, 1e-12);
    expect(s, CC_EV_ARRIVAL, 80.0, -1);
    expect(s, CC_EV_STALE, 80.0, -1);      /* the overflow timer of the one answered at 60 */
    expect(s, CC_EV_COMPLETE, 91.0, -1);   /* B frees; the contact waited 11 s only */
    cc_sim_team_state_get(s, 1, &ts);
    assert_int_equal(ts.idle, 1);
    assert_int_equal(cc_sim_queue_length(s, 0), 1);
    assert_int_equal(cc_sim_step(s, &ev), 1);
    assert_true(ev.kind == CC_EV_OVERFLOW && ev.time_s == 110.0 && ev.team == 1);
    assert_rel_close(ev.wait_s, 30.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * Two intervals of 100 s with 1 then 0 agents: the agent busy at the
 * boundary finishes its contact (handle 130 s, until 180) and leaves; the
 * contact arriving at 120 is never answered.
 */
static void test_shift_end_finishes_contact(void **state)
{
    const double t[] = {50.0, 120.0};
    cc_simmodel *m = cc_simmodel_new(2, 1, 1);
    cc_sim *s;
    cc_sim_team_state ts;
    const cc_rep_channel *r;
    const cc_rep_team *rt;
    (void)state;
    m->interval_s = 100.0;
    m->intervals_per_day = 2;
    set_det(&m->channels[0].handle, 130.0);
    m->teams[0].agents[0] = 1;
    m->teams[0].agents[1] = 0;
    m->teams[0].skills[0].proficiency = 1.0;
    m->teams[0].cost_per_hour = 36.0;
    set_trace(m, 0, t, 2);
    s = start(m);
    expect(s, CC_EV_ARRIVAL, 50.0, 0.0);
    expect(s, CC_EV_INTERVAL, 100.0, -1);
    cc_sim_team_state_get(s, 0, &ts);
    assert_int_equal(ts.present, 1);
    assert_int_equal(ts.leaving, 1);
    expect(s, CC_EV_ARRIVAL, 120.0, -1);
    expect(s, CC_EV_COMPLETE, 180.0, -1);
    cc_sim_team_state_get(s, 0, &ts);
    assert_int_equal(ts.present, 0);
    assert_int_equal(cc_sim_queue_length(s, 0), 1);
    expect(s, CC_EV_INTERVAL, 200.0, -1); /* horizon end, no drain */
    expect_end(s);
    r = cc_sim_rep_channels(s);
    assert_true(r->answered == 1 && r->waiting_end == 1 && r->presented == 2);
    rt = cc_sim_rep_teams(s);
    assert_rel_close(rt->present_s, 180.0, 1e-12); /* on duty from 0 until it leaves at 180 */
    assert_rel_close(rt->busy_s, 130.0, 1e-12);
    assert_rel_close(rt->paid_s, 100.0, 1e-12);    /* scheduled: one agent for 100 s */
    assert_rel_close(rt->cost, 1.0, 1e-12);        /* 100 s at 36 per hour */
    assert_true(rt->handled == 1);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/* 10 agents with 25% shrinkage: 7.5 available, as 7, 8, 7, 8 by the carry. */
static void test_shrinkage_carry(void **state)
{
    cc_simmodel *m = cc_simmodel_new(4, 1, 1);
    cc_sim *s;
    const cc_ival_team *iv;
    int i;
    (void)state;
    m->interval_s = 100.0;
    set_det(&m->channels[0].handle, 1.0);
    for (i = 0; i < 4; i++) {
        m->teams[0].agents[i] = 10;
        m->teams[0].shrinkage[i] = 0.25;
    }
    m->teams[0].skills[0].proficiency = 1.0;
    s = start(m);
    cc_sim_run(s);
    iv = cc_sim_ival_teams(s);
    assert_rel_close(iv[0].present_s, 700.0, 1e-12);
    assert_rel_close(iv[1].present_s, 800.0, 1e-12);
    assert_rel_close(iv[2].present_s, 700.0, 1e-12);
    assert_rel_close(iv[3].present_s, 800.0, 1e-12);
    assert_rel_close(iv[0].paid_s, 1000.0, 1e-12);
    assert_rel_close(cc_sim_rep_teams(s)->present_s, 3000.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/* Contacts waiting at time 0 are served first come, first served, outside the SL. */
static void test_initial_backlog(void **state)
{
    cc_simmodel *m = tiny(CC_CHANNEL_EMAIL, 2, 100.0);
    cc_sim *s;
    const cc_rep_channel *r;
    (void)state;
    m->channels[0].initial_backlog = 5;
    m->drain = 1;
    s = start(m);
    assert_int_equal(cc_sim_queue_length(s, 0), 3); /* 2 taken at time 0 */
    cc_sim_run(s);
    r = cc_sim_rep_channels(s);
    assert_true(r->offered == 5 && r->answered == 5);
    /* waits 0, 0, 100, 100, 200 */
    assert_rel_close(r->wait_answered_s, 400.0, 1e-12);
    /*
     * Carried in from before the horizon: their service level belongs to an
     * earlier period, so all five stay out of it (numerator and denominator).
     */
    assert_true(r->answered_in_target == 0 && r->sl_excluded == 5);
    assert_rel_close(cc_sim_now(s), 300.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

static void test_validation(void **state)
{
    cc_simmodel *m = tiny(CC_CHANNEL_EMAIL, 1, 10.0);
    cc_sim *s = NULL;
    cc_error err;
    (void)state;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_OK);
    set_det(&m->channels[0].patience, 5.0); /* deferred work has no patience */
    assert_int_equal(cc_sim_new(m, NULL, &s, &err), CC_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.message, "patience"));
    m->channels[0].patience.kind = CC_DIST_NONE;
    m->channels[0].concurrency = 2; /* only chat and messaging */
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->channels[0].concurrency = 1;
    m->channels[0].arrival_rate[0] = -1.0;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "arrival rate"));
    m->channels[0].arrival_rate[0] = NAN;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->channels[0].arrival_rate[0] = 0.1;
    m->teams[0].shrinkage[0] = 1.0;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->teams[0].shrinkage[0] = 0.0;
    m->channels[0].n_transfers = 1;
    m->channels[0].transfers[0].share = 0.5;
    m->channels[0].transfers[0].channel = 3;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->channels[0].transfers[0].channel = 0;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_OK);
    m->channels[0].n_transfers = 2; /* 0.5 + 0.6 > 1 */
    m->channels[0].transfers[1].share = 0.6;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "add up"));
    m->channels[0].n_transfers = CC_SIM_MAX_TRANSFERS + 1;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->channels[0].n_transfers = 0;
    m->teams[0].skills[0].max_concurrency = 2; /* email: one at a time */
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "max concurrency"));
    m->teams[0].skills[0].max_concurrency = CC_SIM_MAX_CONCURRENCY + 1;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->teams[0].skills[0].max_concurrency = 1;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_OK);
    m->strict_priority = 2;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->strict_priority = 0;
    m->channels[0].handle.kind = CC_DIST_LOGNORMAL;
    m->channels[0].handle.cv = 0.0;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    m->channels[0].handle.kind = CC_DIST_EMPIRICAL;
    assert_int_equal(cc_simmodel_validate(m, &err), CC_EINVAL);
    assert_int_equal(cc_simmodel_validate(NULL, &err), CC_EINVAL);
    cc_simmodel_free(m);
    cc_simmodel_free(NULL);
    cc_sim_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fifo_single_agent),
        cmocka_unit_test(test_abandonment_and_stale_timers),
        cmocka_unit_test(test_chat_concurrency_and_stretch),
        cmocka_unit_test(test_priority_and_chat_blocking),
        cmocka_unit_test(test_refill_blocked_by_urgent_queue),
        cmocka_unit_test(test_chat_fill_and_spread),
        cmocka_unit_test(test_strict_priority_on_and_off),
        cmocka_unit_test(test_team_session_limit),
        cmocka_unit_test(test_overflow_after_threshold),
        cmocka_unit_test(test_overflow_agent_waits_for_threshold),
        cmocka_unit_test(test_shift_end_finishes_contact),
        cmocka_unit_test(test_shrinkage_carry),
        cmocka_unit_test(test_initial_backlog),
        cmocka_unit_test(test_validation),
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
