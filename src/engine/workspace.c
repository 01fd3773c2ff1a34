/*
 * The engine workspace's lifecycle: building a cc_sim for a model, resetting
 * it for a replication, freeing it, and the read-only views of a finished
 * replication. The event loop itself is in engine.c.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "engine/engine_internal.h"
#include "engine/engine_view.h"
#include "util/alloc.h"

/* ---- lifecycle ---------------------------------------------------------- */

/* Preference order of teams a and b for channel c: by rank, then by index. */
static int team_after(int a, int b, const cc_simmodel *m, size_t c)
{
    int ra = m->teams[a].skills[c].rank, rb = m->teams[b].skills[c].rank;
    return ra != rb ? ra > rb : a > b;
}

/* Insertion sorts: the lists are short and the order must be stable. */
static void sort_teams(int *v, int n, const cc_simmodel *m, size_t c)
{
    int i, j;
    for (i = 1; i < n; i++) {
        int x = v[i];
        for (j = i; j > 0 && team_after(v[j - 1], x, m, c); j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static void sort_by_priority(int *v, int n, const cc_simmodel *m)
{
    int i, j;
    for (i = 1; i < n; i++) {
        int x = v[i];
        for (j = i; j > 0 && m->channels[v[j - 1]].priority < m->channels[x].priority; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static void setup_channel(cc_sim *s, size_t c)
{
    const cc_simmodel *m = s->m;
    const cc_sim_channel *mc = &m->channels[c];
    chan_rt *ch = &s->ch[c];
    size_t t, i;
    int n = 0;

    /* Session mode when any skilled team may hold more than one session. */
    ch->limit = 0;
    for (t = 0; t < m->n_teams; t++) {
        const cc_sim_skill *sk = &m->teams[t].skills[c];
        int lim = sk->max_concurrency > 0 ? sk->max_concurrency : mc->concurrency;
        if (sk->proficiency > 0.0 && lim > ch->limit)
            ch->limit = lim;
    }
    if (ch->limit == 0)
        ch->limit = mc->concurrency;
    ch->sessions = ch->limit > 1;
    ch->order = cc_xcalloc(m->n_teams + 1, sizeof(int));
    ch->order_thr = cc_xcalloc(m->n_teams + 1, sizeof(double));
    ch->levels = cc_xcalloc(m->n_teams + 1, sizeof(double));
    ch->rate_eff = cc_xcalloc(m->n_intervals, sizeof(double));
    for (t = 0; t < m->n_teams; t++)
        if (m->teams[t].skills[c].proficiency > 0.0)
            ch->order[n++] = (int)t;
    sort_teams(ch->order, n, m, c);
    ch->n_order = n;
    for (i = 0; i < (size_t)n; i++) {
        double thr = m->teams[ch->order[i]].skills[c].overflow_s;
        int j, k;
        ch->order_thr[i] = thr;
        if (thr <= 0.0)
            continue;
        for (j = 0; j < ch->n_levels && ch->levels[j] < thr; j++)
            ;
        if (j < ch->n_levels && ch->levels[j] == thr)
            continue;
        for (k = ch->n_levels; k > j; k--)
            ch->levels[k] = ch->levels[k - 1];
        ch->levels[j] = thr;
        ch->n_levels++;
    }
    ch->has_patience = mc->patience.kind != CC_DIST_NONE;
    for (i = 0; i < m->n_intervals; i++)
        if (mc->deflection[i] > 0.0)
            ch->has_deflection = 1;
    ch->has_bot = mc->bot.enabled;
    ch->has_retrial = mc->retrial.share > 0.0;
    ch->has_transfer = 0;
    for (i = 0; i < (size_t)mc->n_transfers; i++)
        if (mc->transfers[i].share > 0.0)
            ch->has_transfer = 1;
    ch->target_s = mc->target.answer_within_s;
    ch->sl_def = mc->target.sl_definition;
    ch->dyn = mc->stretch_dynamic != 0;
    ch->short_s = mc->target.short_abandon_s;
    for (i = 0; i <= CC_SIM_MAX_CONCURRENCY; i++)
        ch->stretch[i] = mc->stretch[i] > 0.0 ? mc->stretch[i] : 1.0;
    cc_sampler_init(&ch->handle, &mc->handle);
    cc_sampler_init(&ch->wrap, &mc->wrapup);
    cc_sampler_init(&ch->patience, &mc->patience);
    cc_sampler_init(&ch->bot_time, &mc->bot.time);
    cc_sampler_init(&ch->bounce_delay, &mc->bot.bounce.delay);
    cc_sampler_init(&ch->retrial_delay, &mc->retrial.delay);
    for (i = 0; i < (size_t)mc->n_transfers; i++)
        cc_sampler_init(&ch->transfer_delay[i], &mc->transfers[i].delay);
}

static void setup_team(cc_sim *s, size_t t, int32_t first)
{
    const cc_simmodel *m = s->m;
    const cc_sim_team *mt = &m->teams[t];
    team_rt *g = &s->tm[t];
    size_t i, c;
    int n = 0, j, pos = 0;

    g->first_agent = first;
    for (i = 0; i < m->n_intervals; i++)
        if (mt->agents[i] > g->cap)
            g->cap = mt->agents[i];
    g->off = cc_xcalloc((size_t)g->cap + 1, sizeof(int32_t));
    g->bucket = cc_xmalloc(m->n_channels * (CC_SIM_MAX_CONCURRENCY + 1) * sizeof(int32_t));
    g->prof = cc_xcalloc(m->n_channels, sizeof(double));
    g->ovf = cc_xcalloc(m->n_channels, sizeof(double));
    g->limit = cc_xcalloc(m->n_channels, sizeof(int));
    g->prio_ch = cc_xcalloc(m->n_channels, sizeof(int));
    g->grp_end = cc_xcalloc(m->n_channels, sizeof(int));
    g->hi_off = cc_xcalloc(m->n_channels + 1, sizeof(int));
    g->hi_list = cc_xcalloc(m->n_channels * m->n_channels + 1, sizeof(int));
    for (c = 0; c < m->n_channels; c++) {
        double p = mt->skills[c].proficiency;
        g->prof[c] = p;
        g->ovf[c] = mt->skills[c].overflow_s;
        g->limit[c] = mt->skills[c].max_concurrency > 0 ? mt->skills[c].max_concurrency
                                                        : m->channels[c].concurrency;
        if (p > 0.0)
            g->prio_ch[n++] = (int)c;
    }
    sort_by_priority(g->prio_ch, n, m);
    g->n_prio = n;
    for (j = 0; j < n;) {
        int k = j;
        while (k < n && m->channels[g->prio_ch[k]].priority ==
                            m->channels[g->prio_ch[j]].priority)
            k++;
        for (; j < k; j++)
            g->grp_end[j] = k;
    }
    for (c = 0; c < m->n_channels; c++) {
        g->hi_off[c] = pos;
        for (j = 0; j < n && m->strict_priority; j++)
            if (m->channels[g->prio_ch[j]].priority > m->channels[c].priority)
                g->hi_list[pos++] = g->prio_ch[j];
    }
    g->hi_off[m->n_channels] = pos;
}

cc_status cc_sim_new(const cc_simmodel *model, const cc_sim_options *opt, cc_sim **out,
                     cc_error *err)
{
    cc_sim *s;
    size_t c, t, n_streams;
    int32_t first = 0;
    cc_status st = cc_simmodel_validate(model, err);

    if (st != CC_OK)
        return st;
    s = cc_xcalloc(1, sizeof(*s));
    s->m = model;
    if (opt)
        s->opt = *opt;
    s->nc = model->n_channels;
    s->nt = model->n_teams;
    s->ni = model->n_intervals;
    cc_zig_init(&s->zig);
    n_streams = s->nc * S_PER_CHANNEL + 1;
    s->streams = cc_xcalloc(n_streams, sizeof(*s->streams));
    for (c = 0; c < n_streams; c++)
        cc_stream_init(&s->streams[c]);
    cc_calendar_init(&s->cal, 256);
    cc_calendar_init(&s->acal, s->nc);
    s->ch = cc_xcalloc(s->nc, sizeof(*s->ch));
    s->tm = cc_xcalloc(s->nt ? s->nt : 1, sizeof(*s->tm));
    for (c = 0; c < s->nc; c++)
        setup_channel(s, c);
    for (t = 0; t < s->nt; t++) {
        setup_team(s, t, first);
        first += s->tm[t].cap;
    }
    s->n_agents = (size_t)first;
    /* A team's chat capacity per agent: its most sessions on a session-mode channel. */
    for (t = 0; t < s->nt; t++)
        for (c = 0; c < s->nc; c++)
            if (s->ch[c].sessions && s->tm[t].prof[c] > 0.0 &&
                s->tm[t].limit[c] > s->tm[t].chat_limit)
                s->tm[t].chat_limit = s->tm[t].limit[c];
    s->ag = cc_xcalloc(s->n_agents ? s->n_agents : 1, sizeof(*s->ag));
    for (c = 0; c < s->nc; c++)
        if (model->channels[c].stretch_dynamic && !s->ag_slots)
            s->ag_slots = cc_xcalloc((s->n_agents ? s->n_agents : 1) * CC_SIM_MAX_CONCURRENCY,
                                     sizeof(uint32_t));
    for (t = 0; t < s->nt; t++) {
        int32_t a;
        for (a = s->tm[t].first_agent; a < s->tm[t].first_agent + s->tm[t].cap; a++)
            s->ag[a].team = (uint16_t)t;
    }
    s->n_days = (s->ni + model->intervals_per_day - 1) / model->intervals_per_day;
    s->day_mult = cc_xcalloc(s->nc * s->n_days, sizeof(double));
    s->iv = cc_xcalloc(s->ni * s->nc, sizeof(*s->iv));
    s->ivt = cc_xcalloc(s->ni * (s->nt ? s->nt : 1), sizeof(*s->ivt));
    if (s->opt.interval_percentiles) {
        s->hist_iv_stride = CC_HI_BINS;
        s->hist_iv = cc_xcalloc(s->ni * s->nc * CC_HI_BINS, sizeof(uint32_t));
    } else {
        s->hist_iv_stride = 0;
        s->hist_iv = cc_xcalloc(CC_HI_BINS, sizeof(uint32_t));
    }
    s->hist_tot = cc_xcalloc(s->nc * CC_HT_BINS, sizeof(uint32_t));
    s->tot = cc_xcalloc(s->nc, sizeof(*s->tot));
    s->rep_ch = cc_xcalloc(s->nc, sizeof(*s->rep_ch));
    s->rep_tm = cc_xcalloc(s->nt ? s->nt : 1, sizeof(*s->rep_tm));
    s->ct_free = -1;
    cc_eng_grow_contacts(s);
    cc_sim_reset(s, 1, 0);
    *out = s;
    return CC_OK;
}

/* Stream key: purpose p of channel c is stream c * S_PER_CHANNEL + p. */
static void seed_streams(cc_sim *s, uint64_t seed, uint64_t rep)
{
    size_t i, n = s->nc * S_PER_CHANNEL + 1;
    for (i = 0; i < n; i++)
        cc_stream_seed(&s->streams[i], cc_rng_stream_key(seed, rep, (uint64_t)i));
}

/*
 * One day's volume multiplier with mean 1 and coefficient of variation cv:
 * Gamma(1/cv^2, cv^2), or lognormal with sigma^2 = ln(1 + cv^2) and
 * mu = -sigma^2 / 2. Below CC_DIST_MIN_CV the multiplier is 1 (the gamma
 * shape would overflow).
 */
static double day_multiplier(const cc_sim_channel *mc, cc_stream *fs)
{
    double cv = mc->forecast_cv;
    if (!(cv >= CC_DIST_MIN_CV))
        return 1.0;
    if (mc->forecast_dist == CC_DIST_LOGNORMAL) {
        double s2 = log1p(cv * cv);
        return exp(-0.5 * s2 + sqrt(s2) * gsl_ran_gaussian_ziggurat(fs->rng, 1.0));
    }
    return gsl_ran_gamma(fs->rng, 1.0 / (cv * cv), cv * cv);
}

/* Day-level volume multipliers per channel and day (day_multiplier). */
static void draw_forecast(cc_sim *s)
{
    cc_stream *fs = &s->streams[s->nc * S_PER_CHANNEL];
    size_t c, d, i;
    for (c = 0; c < s->nc; c++) {
        const cc_sim_channel *mc = &s->m->channels[c];
        for (d = 0; d < s->n_days; d++)
            s->day_mult[c * s->n_days + d] = day_multiplier(mc, fs);
        for (i = 0; i < s->ni; i++)
            s->ch[c].rate_eff[i] =
                mc->arrival_rate[i] * s->day_mult[c * s->n_days + i / s->m->intervals_per_day];
    }
}

void cc_sim_reset(cc_sim *s, uint64_t seed, uint64_t replication)
{
    size_t c, t, i;

    seed_streams(s, seed, replication);
    cc_calendar_clear(&s->cal);
    cc_calendar_clear(&s->acal);
    s->now = 0.0;
    s->top_live = 0;
    s->arr_live = 0;
    s->stop = 0;
    s->drain_cut = 0;
    s->meas_done = 0;
    s->meas_end = 0.0;
    s->finished = 0;
    s->arrivals_done = 0;
    s->arrivals_end = (double)s->ni * s->m->interval_s;
    s->fresh = 0;
    s->model_events = 0;
    s->cur_ival = 0;
    s->warm = 0;
    s->evp = NULL;
    /* pools */
    for (i = 0; i < s->ct_cap; i++) {
        s->ct[i].state = ST_FREE;
        s->ct[i].next = i + 1 < s->ct_cap ? (int32_t)(i + 1) : -1;
    }
    s->ct_free = s->ct_cap ? 0 : -1;
    s->live = 0;
    memset(s->iv, 0, s->ni * s->nc * sizeof(*s->iv));
    memset(s->ivt, 0, s->ni * s->nt * sizeof(*s->ivt));
    memset(s->hist_iv, 0,
           (s->hist_iv_stride ? s->ni * s->nc * CC_HI_BINS : CC_HI_BINS) * sizeof(uint32_t));
    memset(s->hist_tot, 0, s->nc * CC_HT_BINS * sizeof(uint32_t));
    memset(s->tot, 0, s->nc * sizeof(*s->tot));
    memset(s->rep_ch, 0, s->nc * sizeof(*s->rep_ch));
    memset(s->rep_tm, 0, s->nt * sizeof(*s->rep_tm));
    draw_forecast(s);
    for (t = 0; t < s->nt; t++) {
        team_rt *g = &s->tm[t];
        int32_t a;
        g->idle_head = g->idle_tail = NO_AGENT;
        g->present = g->busy = g->sessions = g->chat_cap = g->chat_sess = g->leaving = 0;
        g->chat_agents = 0;
        g->carry = 0.0;
        g->last_t = 0.0;
        g->a_present = g->a_busy = g->a_sessions = g->a_chat_cap = g->a_chat_sess = 0.0;
        g->a_chat_agents = 0.0;
        g->m_present = g->m_busy = g->m_chat_cap = g->m_chat_sess = 0.0;
        g->w.present = g->w.busy = g->w.sessions = g->w.chat_cap = g->w.chat_sess = 0.0;
        g->w.chat_agents = 0.0;
        g->handled_iv = 0;
        g->handled_tot = 0;
        for (i = 0; i < s->nc * (CC_SIM_MAX_CONCURRENCY + 1); i++)
            g->bucket[i] = NO_AGENT;
        g->n_off = 0;
        for (a = g->first_agent + g->cap - 1; a >= g->first_agent; a--) {
            s->ag[a].mode = AG_OFF;
            s->ag[a].leaving = 0;
            s->ag[a].n = 0;
            g->off[g->n_off++] = a;
        }
    }
    s->n_generators = 0;
    for (c = 0; c < s->nc; c++) {
        chan_rt *ch = &s->ch[c];
        ch->q_head = ch->q_tail = -1;
        ch->q_len = ch->q_max = 0;
        ch->q_last = 0.0;
        ch->q_area = ch->q_area_mark = 0.0;
        ch->trace_pos = 0;
        ch->arr_t = 0.0;
        ch->arr_ival = 0;
        ch->arr_end = s->m->interval_s;
        ch->arr_rate = ch->rate_eff[0];
        ch->arr_active = 1;
        s->n_generators++;
    }
    /* Staffing and the warm-up come before any contact. */
    for (t = 0; t < s->nt; t++)
        cc_eng_set_staff(s, (unsigned)t, cc_eng_staff_target(s, (unsigned)t, 0));
    if (s->m->warmup_s > 0.0)
        cc_calendar_push(&s->cal, s->m->warmup_s, CC_EV_WARMUP, 0, 0);
    else
        cc_eng_on_warmup(s);
    cc_calendar_push(&s->cal, s->m->interval_s, CC_EV_INTERVAL, 0, 0);
    for (c = 0; c < s->nc; c++)
        cc_eng_next_arrival(s, (unsigned)c);
    if (s->n_generators == 0)
        s->arrivals_done = 1;
    /* The initial backlog waits from time 0, in channel order. */
    for (c = 0; c < s->nc; c++) {
        const cc_sim_channel *mc = &s->m->channels[c];
        long b;
        for (b = 0; b < mc->initial_backlog; b++) {
            uint32_t slot = cc_eng_new_contact(s, (unsigned)c);
            contact *k = &s->ct[slot];
            k->t_arrive = 0.0;
            k->ival = 0;
            cc_eng_draw_work(s, (unsigned)c, k);
            k->flags |= F_CARRIED;
            if (k->flags & F_COUNTED) { /* warm-up contacts are in no output */
                s->iv[c].offered++;
                s->tot[c].offered++;
            }
            cc_eng_present_initial(s, slot);
        }
    }
}

void cc_sim_free(cc_sim *s)
{
    size_t c, t;
    if (!s)
        return;
    for (c = 0; c < s->nc * S_PER_CHANNEL + 1; c++)
        cc_stream_release(&s->streams[c]);
    free(s->streams);
    cc_calendar_release(&s->cal);
    cc_calendar_release(&s->acal);
    for (c = 0; c < s->nc; c++) {
        free(s->ch[c].order);
        free(s->ch[c].order_thr);
        free(s->ch[c].levels);
        free(s->ch[c].rate_eff);
    }
    for (t = 0; t < s->nt; t++) {
        team_rt *g = &s->tm[t];
        free(g->off);
        free(g->bucket);
        free(g->prof);
        free(g->ovf);
        free(g->limit);
        free(g->prio_ch);
        free(g->grp_end);
        free(g->hi_off);
        free(g->hi_list);
    }
    free(s->ch);
    free(s->tm);
    free(s->ag);
    free(s->ag_slots);
    free(s->ct);
    free(s->day_mult);
    free(s->iv);
    free(s->ivt);
    free(s->hist_iv);
    free(s->hist_tot);
    free(s->tot);
    free(s->rep_ch);
    free(s->rep_tm);
    free(s);
}

/* ---- accessors ---------------------------------------------------------- */

double cc_sim_now(const cc_sim *sim)
{
    return sim->now;
}

long cc_sim_queue_length(const cc_sim *sim, int channel)
{
    assert(channel >= 0 && (size_t)channel < sim->nc);
    return sim->ch[channel].q_len;
}

void cc_sim_team_state_get(const cc_sim *sim, int team, cc_sim_team_state *out)
{
    const team_rt *g;
    int32_t a;
    assert(team >= 0 && (size_t)team < sim->nt);
    g = &sim->tm[team];
    out->present = g->present;
    out->busy = g->busy;
    out->sessions = g->sessions;
    out->leaving = g->leaving;
    out->idle = 0;
    for (a = g->idle_head; a >= 0; a = sim->ag[a].next)
        out->idle++;
}

const cc_rep_channel *cc_sim_rep_channels(const cc_sim *sim)
{
    return sim->rep_ch;
}

const cc_rep_team *cc_sim_rep_teams(const cc_sim *sim)
{
    return sim->rep_tm;
}

uint64_t cc_sim_model_events(const cc_sim *sim)
{
    return sim->model_events;
}

const cc_ival_ch *cc_sim_ival_channels(const cc_sim *sim)
{
    return sim->iv;
}

const cc_ival_team *cc_sim_ival_teams(const cc_sim *sim)
{
    return sim->ivt;
}

const uint32_t *cc_sim_ival_hist(const cc_sim *sim)
{
    return sim->hist_iv_stride ? sim->hist_iv : NULL;
}

const uint32_t *cc_sim_total_hist(const cc_sim *sim, int c)
{
    return &sim->hist_tot[(size_t)c * CC_HT_BINS];
}

/* ---- size of a run, before running it ------------------------------------ */

/*
 * Events: every contact costs about four (arrival, start or abandon timer,
 * completion, wrap-up), more with repeats; contacts are the expected fresh
 * arrivals (rate x interval, day multipliers have mean 1) plus the backlog,
 * scaled up by the repeat shares. Memory: the per-interval tables and
 * histograms, the agents, and a contact pool as large as the busiest day's
 * contacts (a queue can hold a whole day when nobody serves it).
 */
void cc_simmodel_estimate(const cc_simmodel *m, int interval_percentiles, double *events,
                          double *bytes)
{
    double contacts = 0.0, busiest = 0.0, agents = 0.0, repeat = 1.0;
    size_t c, t, i, d;
    size_t ipd = m->intervals_per_day ? m->intervals_per_day : 1;

    for (c = 0; c < m->n_channels; c++) {
        const cc_sim_channel *ch = &m->channels[c];
        double share = ch->retrial.share;
        int j;
        if (ch->n_arrival_times > 0) {
            contacts += (double)ch->n_arrival_times;
            if ((double)ch->n_arrival_times > busiest)
                busiest = (double)ch->n_arrival_times;
        }
        for (d = 0; d * ipd < m->n_intervals; d++) {
            double day = 0.0;
            for (i = d * ipd; i < (d + 1) * ipd && i < m->n_intervals; i++)
                day += ch->arrival_rate[i] > 0.0 ? ch->arrival_rate[i] * m->interval_s : 0.0;
            contacts += day;
            if (day > busiest)
                busiest = day;
        }
        contacts += (double)ch->initial_backlog;
        for (j = 0; j < ch->n_transfers; j++)
            share += ch->transfers[j].share;
        share += ch->bot.bounce.share;
        if (1.0 + share > repeat)
            repeat = 1.0 + share;
    }
    if (m->max_arrivals > 0 && (double)m->max_arrivals < contacts)
        contacts = (double)m->max_arrivals;
    for (t = 0; t < m->n_teams; t++) {
        double most = 0.0;
        for (i = 0; i < m->n_intervals; i++)
            if ((double)m->teams[t].agents[i] > most)
                most = (double)m->teams[t].agents[i];
        agents += most;
    }
    if (busiest > contacts)
        busiest = contacts;
    *events = 4.0 * repeat * contacts + (double)m->n_intervals;
    *bytes = (double)m->n_intervals * (double)m->n_channels *
                 ((double)sizeof(cc_ival_ch) + (double)sizeof(double) +
                  (interval_percentiles ? CC_HI_BINS * sizeof(uint32_t) : 0.0)) +
             (double)m->n_intervals * (double)(m->n_teams ? m->n_teams : 1) * sizeof(cc_ival_team) +
             agents * (sizeof(agent) + sizeof(int32_t)) +
             repeat * (busiest + 1024.0) * (sizeof(contact) + 2.0 * sizeof(cc_event));
}
