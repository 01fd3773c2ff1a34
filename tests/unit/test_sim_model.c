/*
 * Engine features on stochastic models at fixed seeds: conservation of
 * contacts and Little's law on a model using every feature, concurrency-1
 * chat identical to voice, bot containment and deflection shares, repeat
 * contacts, warm-up, common random numbers across staffing, forecast noise,
 * a long overload that grows the queue without failing, transfers to
 * several targets, per-team session limits, and the scenario-to-model
 * mapping of those routing settings.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cc_sim.h"
#include "engine/workloads.h"
#include "engine/engine_view.h"
#include "test_util.h"
#include "test_sim_fixtures.h"

static cc_sim *start(const cc_simmodel *m, uint64_t seed)
{
    cc_sim *s = NULL;
    cc_sim_options o = {1};
    assert_int_equal(cc_sim_new(m, &o, &s, NULL), CC_OK);
    cc_sim_reset(s, seed, 0);
    return s;
}

static void check_conservation(const cc_sim *s, size_t nc, size_t ni)
{
    const cc_rep_channel *r = cc_sim_rep_channels(s);
    const cc_ival_ch *iv = cc_sim_ival_channels(s);
    size_t c, i;
    for (c = 0; c < nc; c++) {
        double off = 0, ans = 0, ab = 0;
        assert_true(r[c].offered ==
                    r[c].deflected + r[c].contained + r[c].bounced + r[c].in_bot_end + r[c].presented);
        assert_true(r[c].presented == r[c].answered + r[c].abandoned + r[c].waiting_end);
        assert_true(r[c].answered_in_target <= r[c].answered);
        assert_true(r[c].queued <= r[c].presented);
        for (i = 0; i < ni; i++) {
            off += iv[i * nc + c].offered;
            ans += iv[i * nc + c].answered;
            ab += iv[i * nc + c].abandoned;
        }
        /* no warm-up: the interval rows add up to the totals */
        assert_true(off == r[c].offered && ans == r[c].answered && ab == r[c].abandoned);
    }
}

static void test_conservation_at_horizon_end(void **state)
{
    cc_simmodel *m = rich_model(0);
    cc_sim *s = start(m, 101);
    const cc_rep_channel *r;
    (void)state;
    cc_sim_run(s);
    check_conservation(s, 4, 48);
    r = cc_sim_rep_channels(s);
    /* every feature was exercised */
    assert_true(r[0].deflected > 0 && r[0].abandoned > 0 && r[0].retried > 0);
    assert_true(r[0].transferred > 0 && r[3].repeats > 0);
    assert_true(r[1].contained > 0 && r[1].bounced > 0 && r[2].repeats > 0);
    assert_rel_close(cc_sim_now(s), 48 * 1800.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * With a drain, nothing is left; the integral of each queue's length over
 * the measured window (up to the horizon end) is at most the sum of the
 * waits spent in it (Little's law as an identity over the whole run), less
 * by the waits of the drain tail.
 */
static void test_conservation_and_little_with_drain(void **state)
{
    cc_simmodel *m = rich_model(1);
    cc_sim *s = start(m, 202);
    const cc_rep_channel *r;
    int c;
    (void)state;
    cc_sim_run(s);
    check_conservation(s, 4, 48);
    r = cc_sim_rep_channels(s);
    for (c = 0; c < 4; c++) {
        assert_true(r[c].waiting_end == 0 && r[c].in_bot_end == 0);
        assert_true(r[c].queue_area_s <=
                    (r[c].wait_answered_s + r[c].wait_abandoned_s) * (1.0 + 1e-9));
        assert_rel_close(r[c].duration_s, 48 * 1800.0, 1e-12);
    }
    assert_true(cc_sim_now(s) > 48 * 1800.0);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

static void test_same_seed_same_run(void **state)
{
    cc_simmodel *m = rich_model(0);
    cc_sim *a = start(m, 7), *b = start(m, 8);
    cc_rep_channel ra[4];
    (void)state;
    cc_sim_run(a);
    memcpy(ra, cc_sim_rep_channels(a), sizeof ra);
    cc_sim_reset(a, 7, 0); /* a reused workspace repeats the run */
    cc_sim_run(a);
    assert_memory_equal(ra, cc_sim_rep_channels(a), sizeof ra);
    cc_sim_run(b);
    assert_true(memcmp(ra, cc_sim_rep_channels(b), sizeof ra) != 0);
    cc_sim_free(a);
    cc_sim_free(b);
    cc_simmodel_free(m);
}

/* Chat with concurrency 1 is voice: identical numbers for the same seed. */
static void test_chat_concurrency_one_equals_voice(void **state)
{
    cc_simmodel *m = cc_simmodel_workload(2, 50000);
    cc_sim *s;
    cc_rep_channel voice, chat;
    cc_rep_team tv, tc;
    (void)state;
    s = start(m, 5);
    cc_sim_run(s);
    voice = *cc_sim_rep_channels(s);
    tv = *cc_sim_rep_teams(s);
    cc_sim_free(s);
    m->channels[0].kind = CC_CHANNEL_CHAT;
    m->channels[0].concurrency = 1;
    s = start(m, 5);
    cc_sim_run(s);
    chat = *cc_sim_rep_channels(s);
    tc = *cc_sim_rep_teams(s);
    assert_memory_equal(&voice, &chat, sizeof voice);
    assert_memory_equal(&tv, &tc, sizeof tv);
    assert_true(voice.abandoned > 0);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * 24 h of a bot-fronted chat with containment 35% and 10% bounce-backs
 * (of the rest), deflection 20%: the shares within 5 sigma; bot time is
 * reported apart from the queue wait (ample agents: no wait at all).
 */
static void test_bot_and_deflection_shares(void **state)
{
    cc_simmodel *m = cc_simmodel_new(1, 2, 1);
    cc_sim *s;
    const cc_rep_channel *r;
    double p, n, sd;
    (void)state;
    m->interval_s = 86400.0;
    m->intervals_per_day = 1;
    m->channels[0].kind = CC_CHANNEL_CHAT;
    m->channels[0].arrival_rate[0] = 0.5;
    m->channels[0].deflection[0] = 0.2;
    set_dist(&m->channels[0].handle, CC_DIST_EXPONENTIAL, 100.0, 0);
    m->channels[0].bot.enabled = 1;
    m->channels[0].bot.containment[0] = 0.35;
    set_dist(&m->channels[0].bot.time, CC_DIST_DETERMINISTIC, 40.0, 0);
    m->channels[0].bot.bounce = (cc_sim_repeat){0.1, {CC_DIST_DETERMINISTIC, 60, 0, NULL, 0}, 1};
    m->channels[0].bot.handle_factor = 1.3;
    m->channels[1].kind = CC_CHANNEL_EMAIL;
    set_dist(&m->channels[1].handle, CC_DIST_EXPONENTIAL, 100.0, 0);
    m->teams[0].agents[0] = 200;
    m->teams[0].skills[0].proficiency = 1.0;
    m->teams[0].skills[1].proficiency = 1.0;
    s = start(m, 9);
    cc_sim_run(s);
    r = cc_sim_rep_channels(s);
    n = r[0].offered;
    assert_true(n > 40000);
    sd = sqrt(0.2 * 0.8 / n);
    assert_abs_close(r[0].deflected / n, 0.2, 5 * sd);
    n = r[0].bot_entered;
    assert_true(n == r[0].offered - r[0].deflected);
    assert_abs_close(r[0].contained / n, 0.35, 5 * sqrt(0.35 * 0.65 / n));
    p = 0.65 * 0.1;
    assert_abs_close(r[0].bounced / n, p, 5 * sqrt(p * (1 - p) / n));
    /* every bounce-back came back on email (none past the horizon end after 60 s) */
    assert_true(r[1].repeats >= r[0].bounced - 10 && r[1].repeats <= r[0].bounced);
    /* bot time counts contacts that left the bot (not those in it at the end) */
    assert_rel_close(r[0].bot_s / (r[0].bot_entered - r[0].in_bot_end), 40.0, 1e-9);
    assert_true(r[0].wait_answered_s == 0.0);
    /* escalated contacts carry the 30% uplift: AHT 130 s within 5 sigma */
    assert_rel_close(r[0].handle_s / r[0].answered, 130.0, 5 * 130.0 / sqrt(r[0].answered));
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/* Containment follows its per-interval ramp (by arrival interval). */
static void test_containment_ramp(void **state)
{
    cc_simmodel *m = cc_simmodel_new(4, 1, 1);
    cc_sim *s;
    const cc_ival_ch *iv;
    int i;
    (void)state;
    m->interval_s = 20000.0;
    m->channels[0].kind = CC_CHANNEL_CHAT;
    set_dist(&m->channels[0].handle, CC_DIST_EXPONENTIAL, 10.0, 0);
    m->channels[0].bot.enabled = 1;
    set_dist(&m->channels[0].bot.time, CC_DIST_EXPONENTIAL, 5.0, 0);
    for (i = 0; i < 4; i++) {
        m->channels[0].arrival_rate[i] = 1.0;
        m->channels[0].bot.containment[i] = 0.2 + 0.2 * i / 3.0;
        m->teams[0].agents[i] = 50;
    }
    m->teams[0].skills[0].proficiency = 1.0;
    s = start(m, 10);
    cc_sim_run(s);
    iv = cc_sim_ival_channels(s);
    for (i = 0; i < 4; i++) {
        double n = iv[i].offered, p = 0.2 + 0.2 * i / 3.0;
        assert_abs_close(iv[i].contained / n, p, 5 * sqrt(p * (1 - p) / n));
    }
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/* Retrials: a share of the abandoned come back on another channel. */
static void test_retrials_to_other_channel(void **state)
{
    cc_simmodel *m = cc_simmodel_new(1, 2, 1);
    cc_sim *s;
    const cc_rep_channel *r;
    double n;
    (void)state;
    /* voice overloaded (A = 150 on 100 agents) with patience: many abandon */
    m->interval_s = 50000.0;
    m->intervals_per_day = 1;
    m->drain = 1;
    m->channels[0].arrival_rate[0] = 0.5;
    set_dist(&m->channels[0].handle, CC_DIST_EXPONENTIAL, 300.0, 0);
    set_dist(&m->channels[0].patience, CC_DIST_EXPONENTIAL, 60.0, 0);
    m->channels[0].priority = 1;
    m->channels[0].retrial = (cc_sim_repeat){0.3, {CC_DIST_EXPONENTIAL, 200.0, 0, NULL, 0}, 1};
    m->channels[1].kind = CC_CHANNEL_EMAIL;
    set_dist(&m->channels[1].handle, CC_DIST_EXPONENTIAL, 200.0, 0);
    m->teams[0].agents[0] = 100;
    m->teams[0].skills[0].proficiency = 1.0;
    m->teams[0].skills[1].proficiency = 1.0;
    s = start(m, 12);
    cc_sim_run(s);
    r = cc_sim_rep_channels(s);
    n = r[0].abandoned;
    assert_true(n > 3000);
    assert_abs_close(r[0].retried / n, 0.3, 5 * sqrt(0.21 / n));
    assert_true(r[1].offered == r[0].retried && r[1].repeats == r[0].retried);
    assert_true(r[1].answered == r[1].offered); /* drained */
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/* Contacts arriving in the warm-up are not in the totals. */
static void test_warmup_excluded(void **state)
{
    const double t[] = {1.0, 2.0, 10.0, 11.0, 12.0};
    cc_simmodel *m = cc_simmodel_new(1, 1, 1);
    cc_sim *s;
    const cc_rep_channel *r;
    (void)state;
    m->interval_s = 100.0;
    m->warmup_s = 5.0;
    m->drain = 1;
    set_dist(&m->channels[0].handle, CC_DIST_DETERMINISTIC, 3.0, 0);
    m->channels[0].arrival_times_s = malloc(sizeof t);
    memcpy(m->channels[0].arrival_times_s, t, sizeof t);
    m->channels[0].n_arrival_times = 5;
    m->teams[0].agents[0] = 1;
    m->teams[0].skills[0].proficiency = 1.0;
    s = start(m, 1);
    cc_sim_run(s);
    r = cc_sim_rep_channels(s);
    assert_true(r->offered == 3 && r->answered == 3);
    assert_rel_close(r->wait_answered_s, 0.0 + 2.0 + 4.0, 1e-12);
    assert_rel_close(r->duration_s, 19.0 - 5.0, 1e-12);
    /* busy 5..7 (the contact from t = 2, served 4..7) and 10..19 */
    assert_rel_close(cc_sim_rep_teams(s)->busy_s, 11.0, 1e-12);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * Common random numbers: changing the staffing leaves the arrivals (and
 * their deflection) unchanged, interval by interval.
 */
static void test_staffing_keeps_arrival_sequence(void **state)
{
    cc_simmodel *m = rich_model(0);
    cc_sim *s;
    cc_ival_ch *a = malloc(48 * 4 * sizeof(*a));
    const cc_ival_ch *b;
    size_t i;
    int diff = 0;
    (void)state;
    m->channels[0].retrial.share = 0.0; /* retrials depend on service */
    s = start(m, 31);
    cc_sim_run(s);
    memcpy(a, cc_sim_ival_channels(s), 48 * 4 * sizeof(*a));
    cc_sim_free(s);
    for (i = 0; i < 48; i++)
        m->teams[0].agents[i] += 7;
    s = start(m, 31);
    cc_sim_run(s);
    b = cc_sim_ival_channels(s);
    for (i = 0; i < 48 * 4; i++) {
        if (i % 4 == 2 || i % 4 == 3)
            continue; /* email and tier 2 also get repeats, which depend on service */
        assert_int_equal(a[i].offered, b[i].offered);
        assert_int_equal(a[i].deflected, b[i].deflected);
        assert_int_equal(a[i].contained, b[i].contained);
        diff += a[i].answered != b[i].answered;
    }
    assert_true(diff > 0); /* the service did change */
    free(a);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * Day-level forecast noise: 400 days at 1000 contacts a day with cv 0.2;
 * the daily counts have variance 1000 + (0.2 * 1000)^2 (Poisson mixed by a
 * gamma of mean 1) and mean 1000.
 */
static void test_forecast_noise(void **state)
{
    cc_simmodel *m = cc_simmodel_new(400, 1, 1);
    cc_sim *s;
    const cc_ival_ch *iv;
    double sum = 0, ss = 0, mean, var;
    int d;
    (void)state;
    m->interval_s = 86400.0;
    m->intervals_per_day = 1;
    m->channels[0].kind = CC_CHANNEL_EMAIL;
    m->channels[0].forecast_cv = 0.2;
    set_dist(&m->channels[0].handle, CC_DIST_EXPONENTIAL, 10.0, 0);
    for (d = 0; d < 400; d++) {
        m->channels[0].arrival_rate[d] = 1000.0 / 86400.0;
        m->teams[0].agents[d] = 1;
    }
    m->teams[0].skills[0].proficiency = 1.0;
    s = start(m, 77);
    cc_sim_run(s);
    iv = cc_sim_ival_channels(s);
    for (d = 0; d < 400; d++)
        sum += iv[d].offered;
    mean = sum / 400;
    for (d = 0; d < 400; d++)
        ss += (iv[d].offered - mean) * (iv[d].offered - mean);
    var = ss / 399;
    /* sd of the mean: sqrt(41000 / 400) = 10.1 */
    assert_abs_close(mean, 1000.0, 5 * 10.1);
    /* the variance is 41 times Poisson's; allow 35% (its sd is about 9%) */
    assert_rel_close(var, 41000.0, 0.35);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * Eight hours at three times capacity without patience: the queue grows to
 * about 2/3 of the arrivals, the run ends at the horizon and every waiting
 * contact is reported.
 */
static void test_overload_grows_queue(void **state)
{
    cc_simmodel *m = cc_simmodel_single_queue(1.0, 300.0, 100, 0.0, 20.0, 28800.0, 0);
    cc_sim *s;
    const cc_rep_channel *r;
    (void)state;
    s = start(m, 3);
    cc_sim_run(s);
    r = cc_sim_rep_channels(s);
    assert_true(r->offered > 28000);
    assert_true(r->presented == r->answered + r->waiting_end);
    assert_rel_close(r->answered, 100 * 28800.0 / 300.0, 0.05);
    assert_true(r->waiting_end > 18000);
    assert_true(cc_sim_queue_length(s, 0) == (long)r->waiting_end);
    assert_true(r->max_queue >= r->waiting_end);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * Channel 0 (voice, 1/s for 4 h, its own team of 150) transfers 20% of its
 * handled contacts to channel 1 and 30% to channel 2, served by a second
 * team. A completion costs one draw u of the repeat stream: u < 0.2 goes to
 * channel 1, 0.2 <= u < 0.5 to channel 2.
 */
static cc_simmodel *transfer_model(int swapped)
{
    cc_simmodel *m = cc_simmodel_new(4, 3, 2);
    size_t i, c;
    m->interval_s = 3600.0;
    m->intervals_per_day = 24;
    m->drain = 1;
    for (i = 0; i < 4; i++) {
        m->channels[0].arrival_rate[i] = 1.0;
        m->teams[0].agents[i] = 150;
        m->teams[1].agents[i] = 80;
    }
    for (c = 0; c < 3; c++) {
        m->channels[c].kind = CC_CHANNEL_VOICE;
        set_dist(&m->channels[c].handle, CC_DIST_EXPONENTIAL, 100.0, 0.0);
        set_dist(&m->channels[c].patience, CC_DIST_EXPONENTIAL, 300.0, 0.0);
        m->teams[c == 0 ? 0 : 1].skills[c].proficiency = 1.0;
    }
    m->channels[0].n_transfers = 2;
    /* swapped: the same 50% split the other way round (30% to 2 first, then 20% to 1) */
    m->channels[0].transfers[0].share = swapped ? 0.3 : 0.2;
    m->channels[0].transfers[0].channel = swapped ? 2 : 1;
    m->channels[0].transfers[1].share = swapped ? 0.2 : 0.3;
    m->channels[0].transfers[1].channel = swapped ? 1 : 2;
    set_dist(&m->channels[0].transfers[1].delay, CC_DIST_DETERMINISTIC, 60.0, 0.0);
    return m;
}

/*
 * Each target receives its share of channel 0's handled contacts, within
 * four binomial standard errors (about 14,400 completions); every transfer
 * arrives on exactly one target, contacts are conserved, and swapping the
 * targets' order leaves channel 0's own history and the set of transferred
 * contacts unchanged (one draw per completion: common random numbers).
 */
static void test_transfers_to_two_targets(void **state)
{
    cc_simmodel *m = transfer_model(0), *ms = transfer_model(1);
    cc_sim *s = start(m, 77), *ss = start(ms, 77);
    const cc_rep_channel *r, *rs;
    double n, p1, p2;
    (void)state;
    cc_sim_run(s);
    cc_sim_run(ss);
    check_conservation(s, 3, 4);
    check_conservation(ss, 3, 4);
    r = cc_sim_rep_channels(s);
    rs = cc_sim_rep_channels(ss);
    n = r[0].answered;
    assert_true(n > 13000 && n < 15500);
    p1 = r[1].offered / n;
    p2 = r[2].offered / n;
    assert_abs_close(p1, 0.2, 4.0 * sqrt(0.2 * 0.8 / n));
    assert_abs_close(p2, 0.3, 4.0 * sqrt(0.3 * 0.7 / n));
    assert_true(r[0].transferred == r[1].repeats + r[2].repeats);
    assert_true(r[1].offered == r[1].repeats && r[2].offered == r[2].repeats);
    assert_true(r[0].repeats == 0 && r[1].transferred == 0);
    assert_true(r[1].answered + r[1].abandoned == r[1].offered); /* drained */
    /* the swapped model: channel 0 unchanged, the same contacts transferred */
    assert_true(rs[0].offered == r[0].offered && rs[0].answered == r[0].answered);
    assert_true(rs[0].wait_answered_s == r[0].wait_answered_s);
    assert_true(rs[0].transferred == r[0].transferred);
    assert_true(rs[1].offered + rs[2].offered == r[1].offered + r[2].offered);
    assert_abs_close(rs[1].offered / n, 0.2, 4.0 * sqrt(0.2 * 0.8 / n));
    cc_sim_free(s);
    cc_sim_free(ss);
    cc_simmodel_free(m);
    cc_simmodel_free(ms);
}

/*
 * An overloaded chat channel (concurrency 3) served by team 0 limited to one
 * chat per agent and team 1 at the channel's three: at every event team 0
 * holds exactly one session per busy agent (no wrap-up), while team 1's
 * agents do hold several; team 0's slot capacity equals its session time.
 */
static void test_team_limit_never_two_chats(void **state)
{
    cc_simmodel *m = cc_simmodel_new(1, 1, 2);
    cc_sim *s;
    cc_sim_event ev;
    cc_sim_team_state a, b;
    const cc_rep_team *rt;
    long most_b = 0, steps = 0;
    (void)state;
    m->interval_s = 7200.0;
    m->intervals_per_day = 12;
    m->channels[0].kind = CC_CHANNEL_CHAT;
    m->channels[0].concurrency = 3;
    m->channels[0].arrival_rate[0] = 0.3;
    set_dist(&m->channels[0].handle, CC_DIST_EXPONENTIAL, 300.0, 0.0);
    set_dist(&m->channels[0].patience, CC_DIST_EXPONENTIAL, 120.0, 0.0);
    m->teams[0].agents[0] = 20;
    m->teams[0].skills[0] = (cc_sim_skill){1.0, 0, 0.0, 1};
    m->teams[1].agents[0] = 20;
    m->teams[1].skills[0] = (cc_sim_skill){1.0, 1, 0.0, 0};
    s = start(m, 5);
    while (cc_sim_step(s, &ev)) {
        cc_sim_team_state_get(s, 0, &a);
        cc_sim_team_state_get(s, 1, &b);
        assert_int_equal(a.sessions, a.busy);
        if (b.sessions - b.busy > most_b)
            most_b = b.sessions - b.busy;
        steps++;
    }
    assert_true(steps > 3000);
    assert_true(most_b >= 20); /* team 1 ran full: 3 sessions on most agents */
    rt = cc_sim_rep_teams(s);
    assert_true(rt[0].chat_session_s > 0.0);
    assert_rel_close(rt[0].chat_capacity_s, rt[0].chat_session_s, 1e-9);
    assert_true(rt[1].chat_capacity_s > 1.5 * rt[1].busy_s);
    cc_sim_free(s);
    cc_simmodel_free(m);
}

/*
 * The bridge keeps every transfer target with its share, maps per-team
 * session limits (stretch filled up to the largest) and strict priority.
 */
static void test_bridge_routing_settings(void **state)
{
    static const char yaml[] =
        "version: 1\n"
        "name: bridge\n"
        "horizon: {start: 2026-03-02, days: 1, interval: 60m}\n"
        "channels:\n"
        "  phone: {kind: voice, volume: 1000, handle_time: 180s,\n"
        "          transfer: [{share: 20%, channel: tier2}, {share: 10%, channel: email}]}\n"
        "  tier2: {kind: voice, volume: 10, handle_time: 300s}\n"
        "  chat: {kind: chat, volume: 500, handle_time: 5m, concurrency: 2, stretch: 10%}\n"
        "  email: {kind: email, volume: 100, handle_time: 10m}\n"
        "teams:\n"
        "  day: {skills: [phone, tier2, chat, email], agents: 20, max_concurrency: {chat: 4}}\n"
        "  night: {skills: [chat], agents: 5, max_concurrency: {chat: 1}}\n";
    int strict;
    (void)state;
    for (strict = 0; strict <= 1; strict++) {
        char text[2048];
        cc_scenario *sc = NULL;
        cc_simmodel *m = NULL;
        cc_error err;
        cc_status st;
        int n = snprintf(text, sizeof text, "%s%s", yaml,
                         strict ? "" : "routing: {strict_priority: false}\n");
        assert_true(n > 0 && (size_t)n < sizeof text);
        st = cc_scenario_load_string(text, strlen(text), "bridge.yaml", &sc, NULL, &err);
        if (st != CC_OK)
            print_error("load: %s\n", err.message);
        assert_int_equal(st, CC_OK);
        assert_int_equal(cc_simmodel_from_scenario(sc, &m, &err), CC_OK);
        assert_int_equal(m->strict_priority, strict); /* default on */
        assert_int_equal(m->channels[0].n_transfers, 2);
        assert_int_equal(m->channels[0].transfers[0].channel, 1);
        assert_abs_close(m->channels[0].transfers[0].share, 0.2, 1e-15);
        assert_int_equal(m->channels[0].transfers[1].channel, 3);
        assert_abs_close(m->channels[0].transfers[1].share, 0.1, 1e-15);
        assert_int_equal(m->channels[1].n_transfers, 0);
        assert_int_equal(m->teams[0].skills[2].max_concurrency, 4);
        assert_int_equal(m->teams[1].skills[2].max_concurrency, 1);
        assert_int_equal(m->teams[0].skills[0].max_concurrency, 1);
        assert_int_equal(m->teams[1].skills[0].max_concurrency, 0); /* not skilled */
        /* stretch 10% per extra session, up to the day team's 4 */
        assert_abs_close(m->channels[2].stretch[2], 1.1, 1e-12);
        assert_abs_close(m->channels[2].stretch[4], 1.3, 1e-12);
        cc_simmodel_free(m);
        cc_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conservation_at_horizon_end),
        cmocka_unit_test(test_conservation_and_little_with_drain),
        cmocka_unit_test(test_same_seed_same_run),
        cmocka_unit_test(test_chat_concurrency_one_equals_voice),
        cmocka_unit_test(test_bot_and_deflection_shares),
        cmocka_unit_test(test_containment_ramp),
        cmocka_unit_test(test_retrials_to_other_channel),
        cmocka_unit_test(test_warmup_excluded),
        cmocka_unit_test(test_staffing_keeps_arrival_sequence),
        cmocka_unit_test(test_forecast_noise),
        cmocka_unit_test(test_overload_grows_queue),
        cmocka_unit_test(test_transfers_to_two_targets),
        cmocka_unit_test(test_team_limit_never_two_chats),
        cmocka_unit_test(test_bridge_routing_settings),
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
