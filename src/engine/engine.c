/*
 * The discrete-event engine: one workspace (cc_sim) per replication, an
 * event loop over the calendar with a switch on the event kind, and the
 * contact-center semantics documented in include/cc_sim.h (bot, queues, abandonment, routing
 * with priorities, concurrency and overflow, shifts, repeats). Everything on
 * the per-event path lives in this file so the compiler can inline it;
 * contacts and agents are indices into pools that grow only with the number
 * of contacts in the system.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "util/alloc.h"
#include "engine/event_heap.h"
#include "cc_sim.h"
#include "engine/engine_view.h"
#include "engine/rng.h"
#include "engine/counters.h"

#include "engine/engine_internal.h"

/* ---- small helpers ------------------------------------------------------ */

cc_stream *cc_eng_stream(cc_sim *s, size_t c, int purpose)
{
    return &s->streams[c * S_PER_CHANNEL + (size_t)purpose];
}

static inline void sched(cc_sim *s, double t, unsigned kind, uint32_t idx, uint32_t gen)
{
    if (s->top_live) {
        s->top_live = 0;
        cc_calendar_replace_top(&s->cal, t, kind, idx, gen);
    } else {
        cc_calendar_push(&s->cal, t, kind, idx, gen);
    }
}

/*
 * Fresh arrivals have their own small calendar: an arrival then never
 * sifts through the main heap. The shared sequence counter keeps the global
 * insertion order for ties.
 */
static inline void sched_arrival(cc_sim *s, double t, unsigned c)
{
    uint64_t key = cc_event_key(s->cal.seq++, CC_EV_ARRIVAL);
    if (s->arr_live) {
        s->arr_live = 0;
        cc_calendar_replace_top_key(&s->acal, t, key, c, 0);
    } else {
        cc_calendar_push_key(&s->acal, t, key, c, 0);
    }
}

static inline void team_touch(cc_sim *s, team_rt *g)
{
    double dt = s->now - g->last_t;
    if (dt > 0.0) {
        g->a_present += dt * (double)g->present;
        g->a_busy += dt * (double)g->busy;
        g->a_sessions += dt * (double)g->sessions;
        g->a_chat_cap += dt * (double)g->chat_cap;
        g->a_chat_sess += dt * (double)g->chat_sess;
        g->a_chat_agents += dt * (double)g->chat_agents;
        g->last_t = s->now;
    }
}

static inline void queue_touch(cc_sim *s, chan_rt *ch)
{
    ch->q_area += (double)ch->q_len * (s->now - ch->q_last);
    ch->q_last = s->now;
}

/* A contact's interval counters; warm-up contacts are in no output (cell or totals). */
static inline cc_ival_ch *cell(cc_sim *s, const contact *k)
{
    if (!(k->flags & F_COUNTED))
        return &s->iv_void;
    return &s->iv[(size_t)k->ival * s->nc + k->channel];
}

static inline size_t clock_ival(const cc_sim *s)
{
    return s->cur_ival < s->ni ? s->cur_ival : s->ni - 1;
}

/* ---- contact pool ------------------------------------------------------- */

void cc_eng_grow_contacts(cc_sim *s)
{
    size_t old = s->ct_cap, i;
    s->ct_cap = old ? 2 * old : 1024;
    s->ct = cc_xrealloc(s->ct, s->ct_cap * sizeof(*s->ct));
    memset(s->ct + old, 0, (s->ct_cap - old) * sizeof(*s->ct));
    for (i = old; i < s->ct_cap; i++) {
        s->ct[i].state = ST_FREE;
        s->ct[i].next = i + 1 < s->ct_cap ? (int32_t)(i + 1) : s->ct_free;
    }
    s->ct_free = (int32_t)old;
}

/* Draws a new contact's handle time, wrap-up and patience, in that order. */
void cc_eng_draw_work(cc_sim *s, unsigned c, contact *k)
{
    const chan_rt *ch = &s->ch[c];
    k->handle_s = cc_sampler_draw(&ch->handle, cc_eng_stream(s, c, S_HANDLE), &s->zig);
    k->wrap_s = ch->wrap.kind != CC_DIST_NONE
                    ? cc_sampler_draw(&ch->wrap, cc_eng_stream(s, c, S_HANDLE), &s->zig)
                    : 0.0;
    k->patience_s = ch->has_patience
                        ? cc_sampler_draw(&ch->patience, cc_eng_stream(s, c, S_PATIENCE), &s->zig)
                        : INFINITY;
}

uint32_t cc_eng_new_contact(cc_sim *s, unsigned c)
{
    uint32_t slot;
    contact *k;
    if (s->ct_free < 0)
        cc_eng_grow_contacts(s);
    slot = (uint32_t)s->ct_free;
    k = &s->ct[slot];
    s->ct_free = k->next;
    k->channel = (uint16_t)c;
    k->flags = s->now >= s->m->warmup_s ? F_COUNTED : 0;
    k->agent = NO_AGENT;
    k->level = 0;
    k->tries = 0;
    k->transfers = 0;
    s->live++;
    return slot;
}

static inline void free_contact(cc_sim *s, uint32_t slot)
{
    contact *k = &s->ct[slot];
    k->state = ST_FREE;
    k->gen++;
    k->next = s->ct_free;
    s->ct_free = (int32_t)slot;
    s->live--;
}

/* ---- agent lists -------------------------------------------------------- */

static inline void idle_push(cc_sim *s, team_rt *g, int32_t a)
{
    agent *x = &s->ag[a];
    x->mode = AG_IDLE;
    x->next = NO_AGENT;
    x->prev = g->idle_tail;
    if (g->idle_tail >= 0)
        s->ag[g->idle_tail].next = a;
    else
        g->idle_head = a;
    g->idle_tail = a;
}

static inline void idle_remove(cc_sim *s, team_rt *g, int32_t a)
{
    agent *x = &s->ag[a];
    if (x->prev >= 0)
        s->ag[x->prev].next = x->next;
    else
        g->idle_head = x->next;
    if (x->next >= 0)
        s->ag[x->next].prev = x->prev;
    else
        g->idle_tail = x->prev;
}

static inline void bucket_insert(cc_sim *s, team_rt *g, unsigned c, unsigned k, int32_t a)
{
    agent *x = &s->ag[a];
    int32_t h = BUCKET(g, c, k);
    x->prev = NO_AGENT;
    x->next = h;
    if (h >= 0)
        s->ag[h].prev = a;
    BUCKET(g, c, k) = a;
}

static inline void bucket_remove(cc_sim *s, team_rt *g, unsigned c, unsigned k, int32_t a)
{
    agent *x = &s->ag[a];
    if (x->prev >= 0)
        s->ag[x->prev].next = x->next;
    else
        BUCKET(g, c, k) = x->next;
    if (x->next >= 0)
        s->ag[x->next].prev = x->prev;
}

/* An agent in sessions mode sits in a bucket iff it may take more sessions. */
static inline int in_bucket(const agent *x)
{
    return x->mode == AG_SESSIONS && !x->leaving && x->n >= 1 && x->n < x->limit;
}

/* ---- queues ------------------------------------------------------------- */

static inline void queue_unlink(cc_sim *s, chan_rt *ch, uint32_t slot)
{
    contact *k = &s->ct[slot];
    queue_touch(s, ch);
    if (k->prev >= 0)
        s->ct[k->prev].next = k->next;
    else
        ch->q_head = k->next;
    if (k->next >= 0)
        s->ct[k->next].prev = k->prev;
    else
        ch->q_tail = k->prev;
    ch->q_len--;
    k->gen++; /* its abandonment and overflow timers are stale from now on */
}

static inline uint32_t queue_pop(cc_sim *s, unsigned c)
{
    uint32_t slot = (uint32_t)s->ch[c].q_head;
    queue_unlink(s, &s->ch[c], slot);
    return slot;
}

static void enqueue(cc_sim *s, uint32_t slot)
{
    contact *k = &s->ct[slot];
    chan_rt *ch = &s->ch[k->channel];
    queue_touch(s, ch);
    k->state = ST_WAIT;
    k->next = NO_AGENT;
    k->prev = ch->q_tail;
    if (ch->q_tail >= 0)
        s->ct[ch->q_tail].next = (int32_t)slot;
    else
        ch->q_head = (int32_t)slot;
    ch->q_tail = (int32_t)slot;
    ch->q_len++;
    if (ch->q_len > ch->q_max)
        ch->q_max = ch->q_len;
    cell(s, k)->queued++;
    if (k->flags & F_COUNTED)
        s->tot[k->channel].queued++;
    if (k->patience_s < INFINITY)
        sched(s, k->t_enq + k->patience_s, CC_EV_ABANDON, slot, k->gen);
    if (ch->n_levels > 0)
        sched(s, k->t_enq + ch->levels[0], CC_EV_OVERFLOW, slot, k->gen);
}

/* ---- routing ------------------------------------------------------------ */

/*
 * Whether team g must not take a new session of channel c now: it is skilled
 * for a more urgent channel whose queue holds a contact eligible for it.
 * Without strict priority the lists are empty and this is always 0.
 */
static inline int blocked(cc_sim *s, const team_rt *g, unsigned c)
{
    int i;
    for (i = g->hi_off[c]; i < g->hi_off[c + 1]; i++) {
        const chan_rt *h = &s->ch[g->hi_list[i]];
        if (h->q_len > 0 && s->now - s->ct[h->q_head].t_enq >= g->ovf[g->hi_list[i]])
            return 1;
    }
    return 0;
}

/*
 * The agent a contact of channel c that has waited `wait` seconds goes to,
 * or NO_AGENT. Single-contact channels: the longest-idle agent of the first
 * eligible team in preference order. Session channels: by the chat policy,
 * over eligible teams in preference order, never to a blocked team's agent.
 */
HOT int32_t find_agent(cc_sim *s, unsigned c, double wait)
{
    const chan_rt *ch = &s->ch[c];
    int i, k;

    if (!ch->sessions) {
        for (i = 0; i < ch->n_order; i++)
            if (ch->order_thr[i] <= wait && s->tm[ch->order[i]].idle_head >= 0)
                return s->tm[ch->order[i]].idle_head;
        return NO_AGENT;
    }
    if (s->m->chat_policy == CC_CHAT_FILL) {
        for (i = 0; i < ch->n_order; i++) {
            team_rt *g = &s->tm[ch->order[i]];
            if (ch->order_thr[i] > wait || blocked(s, g, c))
                continue;
            for (k = ch->limit - 1; k >= 1; k--)
                if (BUCKET(g, c, k) >= 0)
                    return BUCKET(g, c, k);
        }
        for (i = 0; i < ch->n_order; i++)
            if (ch->order_thr[i] <= wait && s->tm[ch->order[i]].idle_head >= 0)
                return s->tm[ch->order[i]].idle_head;
        return NO_AGENT;
    }
    for (i = 0; i < ch->n_order; i++)
        if (ch->order_thr[i] <= wait && s->tm[ch->order[i]].idle_head >= 0)
            return s->tm[ch->order[i]].idle_head;
    for (i = 0; i < ch->n_order; i++) {
        team_rt *g = &s->tm[ch->order[i]];
        if (ch->order_thr[i] > wait || blocked(s, g, c))
            continue;
        for (k = 1; k < ch->limit; k++)
            if (BUCKET(g, c, k) >= 0)
                return BUCKET(g, c, k);
    }
    return NO_AGENT;
}

/* Statistics of an answer with wait w and (effective) handle time h. */
static inline void count_answer(cc_sim *s, const contact *k, double w, double h)
{
    cc_ival_ch *cl = cell(s, k);
    const chan_rt *ch = &s->ch[k->channel];
    unsigned carried = (k->flags & F_CARRIED) != 0;
    unsigned in = !carried && w <= ch->target_s;
    size_t ci = (size_t)k->ival * s->nc + k->channel;
    cl->answered++;
    cl->in_target += in;
    cl->sl_excluded += carried;
    cl->wait_ans_s += w;
    cl->handle_s += h;
    if (k->flags & F_COUNTED) {
        s->hist_iv[ci * s->hist_iv_stride + cc_hist_bin(w, CC_HI_SUB, CC_HI_EMIN, CC_HI_BINS)]++;
        tot_ch *t = &s->tot[k->channel];
        t->answered++;
        t->in_target += in;
        t->sl_excluded += carried;
        t->wait_ans += w;
        t->handle += h;
        t->wrap += k->wrap_s;
        s->hist_tot[(size_t)k->channel * CC_HT_BINS +
                    cc_hist_bin(w, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS)]++;
    }
}

/* ---- dynamic stretch (Erlang Chat) ------------------------------------------ */

/*
 * In dynamic mode a session in service holds its remaining work in handle_s
 * (seconds at stretch 1) and the time it was last brought up to date in
 * t_enq (free once answered); t_arrive holds its service start.
 */

/* Brings agent a's sessions in service up to now at the rate of n open sessions. */
static void dyn_advance(cc_sim *s, int32_t a, unsigned n)
{
    const agent *x = &s->ag[a];
    const uint32_t *sl = &s->ag_slots[(size_t)a * CC_SIM_MAX_CONCURRENCY];
    unsigned j;
    for (j = 0; j < x->n; j++) {
        contact *k = &s->ct[sl[j]];
        if (k->state != ST_SERVICE)
            continue;
        k->handle_s -= (s->now - k->t_enq) / s->ch[k->channel].stretch[n];
        if (k->handle_s < 0.0)
            k->handle_s = 0.0;
        k->t_enq = s->now;
    }
}

/* Moves the completions of agent a's sessions in service to its open sessions now. */
static void dyn_reschedule(cc_sim *s, int32_t a)
{
    const agent *x = &s->ag[a];
    const uint32_t *sl = &s->ag_slots[(size_t)a * CC_SIM_MAX_CONCURRENCY];
    unsigned j;
    for (j = 0; j < x->n; j++) {
        contact *k = &s->ct[sl[j]];
        if (k->state != ST_SERVICE)
            continue;
        k->gen++; /* the completion scheduled before is stale */
        sched(s, s->now + k->handle_s * s->ch[k->channel].stretch[x->n], CC_EV_COMPLETE, sl[j],
              k->gen);
    }
}

/* Removes session `slot` from agent a's list. */
static void dyn_drop(cc_sim *s, int32_t a, uint32_t slot)
{
    uint32_t *sl = &s->ag_slots[(size_t)a * CC_SIM_MAX_CONCURRENCY];
    unsigned j, n = s->ag[a].n;
    for (j = 0; j < n; j++)
        if (sl[j] == slot) {
            sl[j] = sl[n - 1];
            return;
        }
}

/* Agent a starts serving contact `slot` (already out of any queue). */
HOT void assign(cc_sim *s, int32_t a, uint32_t slot)
{
    contact *k = &s->ct[slot];
    agent *x = &s->ag[a];
    team_rt *g = &s->tm[x->team];
    unsigned c = k->channel;
    const chan_rt *ch = &s->ch[c];
    double w = s->now - k->t_enq;
    double h = k->handle_s * g->prof[c];

    team_touch(s, g);
    if (x->mode == AG_IDLE)
        idle_remove(s, g, a);
    if (x->n == 0)
        g->busy++;
    if (ch->sessions) {
        if (x->mode == AG_SESSIONS) {
            if (in_bucket(x))
                bucket_remove(s, g, c, x->n, a);
        } else {
            x->mode = AG_SESSIONS;
            x->channel = (uint16_t)c;
            x->limit = (uint8_t)g->limit[c];
            g->chat_cap += x->limit;
            g->chat_agents++;
        }
        if (ch->dyn) {
            dyn_advance(s, a, x->n);
            s->ag_slots[(size_t)a * CC_SIM_MAX_CONCURRENCY + x->n] = slot;
        }
        x->n++;
        g->chat_sess++;
        if (!ch->dyn)
            h *= ch->stretch[x->n];
        if (in_bucket(x))
            bucket_insert(s, g, c, x->n, a);
    } else {
        x->mode = AG_SINGLE;
        x->n = 1;
    }
    g->sessions++;
    k->state = ST_SERVICE;
    k->agent = a;
    if (ch->dyn) {
        /* The handle time is counted when it ends; the agent's sessions all re-time. */
        count_answer(s, k, w, 0.0);
        k->handle_s = h;
        k->t_enq = s->now;
        k->t_arrive = s->now;
        dyn_reschedule(s, a);
    } else {
        count_answer(s, k, w, h);
        sched(s, s->now + h, CC_EV_COMPLETE, slot, 0);
    }
    if (s->evp) {
        s->evp->team = x->team;
        s->evp->agent = a - g->first_agent;
        s->evp->wait_s = w;
    }
}

/* A session agent takes more contacts of its channel while it may. */
static void refill(cc_sim *s, int32_t a)
{
    agent *x = &s->ag[a];
    team_rt *g = &s->tm[x->team];
    unsigned c = x->channel;
    chan_rt *ch = &s->ch[c];
    if (x->leaving || ch->q_len == 0 || blocked(s, g, c))
        return;
    while (x->n < x->limit && ch->q_len > 0 &&
           s->now - s->ct[ch->q_head].t_enq >= g->ovf[c])
        assign(s, a, queue_pop(s, c));
}

/*
 * A free agent takes the most urgent waiting contact it is skilled and
 * eligible for, the oldest among equally urgent channels. Returns 1 if it did.
 */
HOT int take_work(cc_sim *s, int32_t a)
{
    team_rt *g = &s->tm[s->ag[a].team];
    int i = 0;
    while (i < g->n_prio) {
        int end = g->grp_end[i], best = -1, j;
        double best_t = INFINITY;
        for (j = i; j < end; j++) {
            int c = g->prio_ch[j];
            const chan_rt *ch = &s->ch[c];
            double t_enq;
            if (ch->q_len == 0)
                continue;
            t_enq = s->ct[ch->q_head].t_enq;
            if (s->now - t_enq >= g->ovf[c] && t_enq < best_t) {
                best = c;
                best_t = t_enq;
            }
        }
        if (best >= 0) {
            assign(s, a, queue_pop(s, (unsigned)best));
            if (s->ch[best].sessions)
                refill(s, a);
            return 1;
        }
        i = end;
    }
    return 0;
}

/* Agent a has nothing in hand: off duty if leaving, else work or idle. */
HOT void agent_free(cc_sim *s, int32_t a)
{
    agent *x = &s->ag[a];
    team_rt *g = &s->tm[x->team];
    x->n = 0;
    if (x->leaving) {
        team_touch(s, g);
        x->leaving = 0;
        g->leaving--;
        x->mode = AG_OFF;
        g->present--;
        g->off[g->n_off++] = a;
        return;
    }
    x->mode = AG_FREE;
    if (!take_work(s, a))
        idle_push(s, g, a);
}

/* Contact `slot` reaches the agents (after the bot, or at arrival). */
HOT void present(cc_sim *s, uint32_t slot)
{
    contact *k = &s->ct[slot];
    unsigned c = k->channel;
    chan_rt *ch = &s->ch[c];
    int32_t a;

    k->t_enq = s->now;
    cell(s, k)->presented++;
    if (k->flags & F_COUNTED)
        s->tot[c].presented++;
    a = find_agent(s, c, 0.0);
    if (a == NO_AGENT) {
        enqueue(s, slot);
        return;
    }
    if (ch->q_len > 0) {
        /* Older contacts wait (an agent just became eligible): serve the oldest. */
        enqueue(s, slot);
        slot = queue_pop(s, c);
    }
    assign(s, a, slot);
    if (ch->sessions)
        refill(s, a);
}

/* A session of agent a ends (after handle time and wrap-up). */
HOT void release(cc_sim *s, uint32_t slot)
{
    contact *k = &s->ct[slot];
    int32_t a = k->agent;
    agent *x = &s->ag[a];
    team_rt *g = &s->tm[x->team];

    free_contact(s, slot);
    team_touch(s, g);
    g->sessions--;
    if (x->mode == AG_SESSIONS) {
        unsigned c = x->channel;
        int dyn = s->ch[c].dyn;
        if (in_bucket(x))
            bucket_remove(s, g, c, x->n, a);
        if (dyn) {
            dyn_advance(s, a, x->n);
            dyn_drop(s, a, slot);
        }
        x->n--;
        g->chat_sess--;
        if (dyn)
            dyn_reschedule(s, a);
        if (x->n > 0) {
            if (in_bucket(x)) {
                bucket_insert(s, g, c, x->n, a);
                refill(s, a);
            }
            return;
        }
        g->chat_cap -= x->limit;
        g->chat_agents--;
    }
    g->busy--;
    agent_free(s, a);
}

/* ---- repeats (retrials, transfers, bounce-backs) ------------------------ */

/* Contact `slot` comes back as a new contact on its channel now. */
COLD void enter_repeat(cc_sim *s, uint32_t slot)
{
    contact *k = &s->ct[slot];
    unsigned c = k->channel;
    const chan_rt *ch = &s->ch[c];
    cc_stream *rs = cc_eng_stream(s, c, S_REPEAT);

    k->t_arrive = s->now;
    k->ival = (uint32_t)clock_ival(s);
    k->flags = s->now >= s->m->warmup_s ? F_COUNTED : 0;
    k->handle_s = cc_sampler_draw(&ch->handle, rs, &s->zig);
    k->wrap_s = ch->wrap.kind != CC_DIST_NONE ? cc_sampler_draw(&ch->wrap, rs, &s->zig) : 0.0;
    k->patience_s = ch->has_patience ? cc_sampler_draw(&ch->patience, rs, &s->zig) : INFINITY;
    cell(s, k)->offered++;
    if (k->flags & F_COUNTED) {
        s->tot[c].offered++;
        s->tot[c].repeats++;
    }
    s->model_events++;
    present(s, slot);
}

/* Whether the customer of contact k may try once more (simulation.max_attempts). */
static inline int may_try_again(const cc_sim *s, const contact *k)
{
    return s->m->max_attempts <= 0 || (int)k->tries + 1 < s->m->max_attempts;
}

/* Sends contact `slot` to r->channel after a delay drawn from `delay`. */
COLD void schedule_repeat(cc_sim *s, uint32_t slot, const cc_sim_repeat *r,
                          const cc_sampler *delay, cc_stream *rs)
{
    contact *k = &s->ct[slot];
    double d = delay->kind != CC_DIST_NONE ? cc_sampler_draw(delay, rs, &s->zig) : 0.0;
    if (k->tries < UINT16_MAX)
        k->tries++;
    k->state = ST_DELAY;
    k->channel = (uint16_t)r->channel;
    if (d <= 0.0) {
        enter_repeat(s, slot);
        return;
    }
    sched(s, s->now + d, CC_EV_REPEAT, slot, 0);
}

/* ---- arrivals ----------------------------------------------------------- */

/* Draws the next fresh arrival of channel c and schedules it, if any. */
void cc_eng_next_arrival(cc_sim *s, unsigned c)
{
    chan_rt *ch = &s->ch[c];
    const cc_sim_channel *mc = &s->m->channels[c];
    double e;

    if (mc->n_arrival_times > 0) {
        if (ch->trace_pos < mc->n_arrival_times) {
            double t = mc->arrival_times_s[ch->trace_pos++];
            ch->arr_t = t;
            ch->arr_ival = (size_t)(t / s->m->interval_s);
            if (ch->arr_ival < s->ni && t >= s->now) {
                sched_arrival(s, t, c);
                return;
            }
        }
        ch->arr_active = 0;
        s->n_generators--;
        return;
    }
    /* Piecewise-constant rate: spend one Exp(1) of integrated rate. */
    e = cc_stream_exp1(cc_eng_stream(s, c, S_ARRIVAL), &s->zig);
    for (;;) {
        if (ch->arr_rate > 0.0) {
            double dt = e / ch->arr_rate;
            if (ch->arr_t + dt < ch->arr_end) {
                ch->arr_t += dt;
                sched_arrival(s, ch->arr_t, c);
                return;
            }
            e -= ch->arr_rate * (ch->arr_end - ch->arr_t);
            if (e < 0.0)
                e = 0.0;
        }
        if (++ch->arr_ival >= s->ni) {
            ch->arr_active = 0;
            s->n_generators--;
            return;
        }
        ch->arr_t = ch->arr_end;
        ch->arr_end = (double)(ch->arr_ival + 1) * s->m->interval_s;
        ch->arr_rate = ch->rate_eff[ch->arr_ival];
    }
}

HOT void on_arrival(cc_sim *s, unsigned c)
{
    chan_rt *ch = &s->ch[c];
    const cc_sim_channel *mc = &s->m->channels[c];
    size_t ival = ch->arr_ival;
    uint32_t slot;
    contact *k;
    cc_ival_ch *cl;
    int counted = s->now >= s->m->warmup_s;

    if (s->arrivals_done) { /* the arrival limit was reached on another channel */
        if (s->evp)
            s->evp->kind = CC_EV_STALE;
        return;
    }
    s->model_events++;
    if (s->m->max_arrivals > 0 && ++s->fresh >= s->m->max_arrivals) {
        s->arrivals_done = 1; /* other channels' pending arrivals become stale */
        s->arrivals_end = s->now;
        cc_eng_measure_end(s);
    } else
        cc_eng_next_arrival(s, c);
    if (s->n_generators == 0)
        s->arrivals_done = 1;

    cl = counted ? &s->iv[ival * s->nc + c] : &s->iv_void;
    cl->offered++;
    if (counted)
        s->tot[c].offered++;
    if (ch->has_deflection &&
        cc_stream_uniform(cc_eng_stream(s, c, S_DECISION)) < mc->deflection[ival]) {
        cl->deflected++;
        if (counted)
            s->tot[c].deflected++;
        return;
    }
    slot = cc_eng_new_contact(s, c);
    k = &s->ct[slot];
    k->t_arrive = s->now;
    k->ival = (uint32_t)ival;
    cc_eng_draw_work(s, c, k);
    if (ch->has_bot) {
        double bt = cc_sampler_draw(&ch->bot_time, cc_eng_stream(s, c, S_DECISION), &s->zig);
        if (counted)
            s->tot[c].bot_entered++;
        k->state = ST_BOT;
        sched(s, s->now + bt, CC_EV_BOT_END, slot, 0);
        return;
    }
    present(s, slot);
}

static void on_bot_end(cc_sim *s, uint32_t slot)
{
    contact *k = &s->ct[slot];
    unsigned c = k->channel;
    const cc_sim_channel *mc = &s->m->channels[c];
    cc_stream *ds = cc_eng_stream(s, c, S_DECISION);
    cc_ival_ch *cl = cell(s, k);
    int counted = k->flags & F_COUNTED;

    if (counted)
        s->tot[c].bot += s->now - k->t_arrive;
    if (cc_stream_uniform(ds) < mc->bot.containment[k->ival]) {
        cl->contained++;
        if (counted)
            s->tot[c].contained++;
        free_contact(s, slot);
        return;
    }
    if (mc->bot.bounce.share > 0.0 && cc_stream_uniform(ds) < mc->bot.bounce.share) {
        if (!may_try_again(s, k)) {
            if (counted)
                s->tot[c].gave_up++;
            free_contact(s, slot);
            return;
        }
        cl->bounced++;
        if (counted)
            s->tot[c].bounced++;
        schedule_repeat(s, slot, &mc->bot.bounce, &s->ch[c].bounce_delay, ds);
        return;
    }
    k->handle_s *= mc->bot.handle_factor;
    k->patience_s *= mc->bot.patience_factor;
    present(s, slot);
}

/* ---- completions and abandonment ---------------------------------------- */

HOT void on_complete(cc_sim *s, uint32_t slot, uint32_t gen)
{
    contact *k = &s->ct[slot];
    unsigned c = k->channel;
    const chan_rt *ch = &s->ch[c];
    team_rt *g;

    if (ch->dyn) {
        if (k->gen != gen || k->state != ST_SERVICE) { /* re-timed since */
            if (s->evp)
                s->evp->kind = CC_EV_STALE;
            return;
        }
        if (k->flags & F_COUNTED) { /* the handle time it really took */
            cell(s, k)->handle_s += s->now - k->t_arrive;
            s->tot[c].handle += s->now - k->t_arrive;
        }
    }
    g = &s->tm[s->ag[k->agent].team];
    s->model_events++;
    g->handled_iv++;
    g->handled_tot += (uint64_t)s->warm;
    if (s->evp) {
        s->evp->channel = (int)c;
        s->evp->team = s->ag[k->agent].team;
        s->evp->agent = k->agent - g->first_agent;
    }
    if (ch->has_transfer) {
        /* One draw per completion picks at most one target by cumulative share. */
        const cc_sim_channel *mc = &s->m->channels[c];
        cc_stream *rs = cc_eng_stream(s, c, S_REPEAT);
        double u = cc_stream_uniform(rs), cum = 0.0;
        int j;
        for (j = 0; j < mc->n_transfers; j++) {
            const cc_sim_repeat *tr = &mc->transfers[j];
            cum += tr->share;
            if (u < cum) {
                uint32_t t;
                if (s->m->max_transfers > 0 && k->transfers >= s->m->max_transfers) {
                    if (k->flags & F_COUNTED)
                        s->tot[c].transfer_capped++;
                    break;
                }
                t = cc_eng_new_contact(s, (unsigned)tr->channel);
                k = &s->ct[slot]; /* the pool may have moved */
                s->ct[t].transfers = (uint16_t)(k->transfers + 1);
                s->ct[t].tries = k->tries;
                if (k->flags & F_COUNTED)
                    s->tot[c].transferred++;
                schedule_repeat(s, t, tr, &ch->transfer_delay[j], rs);
                break;
            }
        }
    }
    k = &s->ct[slot];
    if (k->wrap_s > 0.0) {
        k->state = ST_WRAP;
        sched(s, s->now + k->wrap_s, CC_EV_WRAP_END, slot, 0);
        return;
    }
    release(s, slot);
}

static void on_abandon(cc_sim *s, uint32_t slot, uint32_t gen)
{
    contact *k = &s->ct[slot];
    unsigned c;
    double w;
    cc_ival_ch *cl;

    if (k->gen != gen || k->state != ST_WAIT) {
        if (s->evp)
            s->evp->kind = CC_EV_STALE;
        return;
    }
    c = k->channel;
    s->model_events++;
    queue_unlink(s, &s->ch[c], slot);
    w = s->now - k->t_enq;
    cl = cell(s, k);
    {
        const chan_rt *ch = &s->ch[c];
        unsigned is_short = ch->short_s > 0.0 && w <= ch->short_s;
        /* The service level's denominator leaves out what target.definition says. */
        unsigned out = (k->flags & F_CARRIED) || ch->sl_def == CC_SL_ANSWERED ||
                       (ch->sl_def == CC_SL_EXCLUDE_SHORT && is_short) ||
                       (ch->sl_def == CC_SL_VIRTUAL && w < ch->target_s);
        cl->abandoned++;
        cl->wait_ab_s += w;
        cl->short_abandoned += is_short;
        cl->sl_excluded += out;
        if (k->flags & F_COUNTED) {
            s->tot[c].abandoned++;
            s->tot[c].wait_ab += w;
            s->tot[c].short_abandoned += is_short;
            s->tot[c].sl_excluded += out;
        }
    }
    if (s->evp) {
        s->evp->channel = (int)c;
        s->evp->wait_s = w;
    }
    if (s->ch[c].has_retrial) {
        const cc_sim_repeat *r = &s->m->channels[c].retrial;
        cc_stream *rs = cc_eng_stream(s, c, S_REPEAT);
        if (cc_stream_uniform(rs) < r->share) {
            if (may_try_again(s, k)) {
                if (k->flags & F_COUNTED)
                    s->tot[c].retried++;
                schedule_repeat(s, slot, r, &s->ch[c].retrial_delay, rs);
                return;
            }
            if (k->flags & F_COUNTED)
                s->tot[c].gave_up++;
        }
    }
    free_contact(s, slot);
}

static void on_overflow(cc_sim *s, uint32_t slot, uint32_t gen)
{
    contact *k = &s->ct[slot];
    unsigned c;
    chan_rt *ch;
    double w;
    int32_t a;

    if (k->gen != gen || k->state != ST_WAIT) {
        if (s->evp)
            s->evp->kind = CC_EV_STALE;
        return;
    }
    c = k->channel;
    ch = &s->ch[c];
    w = s->now - k->t_enq;
    a = find_agent(s, c, w);
    if (a != NO_AGENT) {
        uint32_t head = queue_pop(s, c); /* the oldest is eligible too */
        assign(s, a, head);
        if (ch->sessions)
            refill(s, a);
    }
    k = &s->ct[slot];
    if (k->state == ST_WAIT && k->gen == gen && ++k->level < ch->n_levels)
        sched(s, k->t_enq + ch->levels[k->level], CC_EV_OVERFLOW, slot, k->gen);
}

/* ---- staffing and interval boundaries ----------------------------------- */

/* Brings team g to `target` available agents (interval start). */
void cc_eng_set_staff(cc_sim *s, unsigned gi, long target)
{
    team_rt *g = &s->tm[gi];
    long eff = g->present - g->leaving;
    int32_t a;

    team_touch(s, g);
    if (target > eff) {
        long need = target - eff;
        /* Agents still finishing work simply stay on. */
        for (a = g->first_agent; a < g->first_agent + g->cap && need > 0 && g->leaving > 0; a++) {
            agent *x = &s->ag[a];
            if (x->mode == AG_OFF || !x->leaving)
                continue;
            x->leaving = 0;
            g->leaving--;
            need--;
            if (in_bucket(x)) {
                bucket_insert(s, g, x->channel, x->n, a);
                refill(s, a);
            }
        }
        while (need > 0 && g->n_off > 0) {
            a = g->off[--g->n_off];
            s->ag[a].leaving = 0;
            g->present++;
            need--;
            agent_free(s, a);
        }
    } else if (target < eff) {
        long excess = eff - target;
        while (excess > 0 && g->idle_tail >= 0) {
            a = g->idle_tail;
            idle_remove(s, g, a);
            s->ag[a].mode = AG_OFF;
            g->present--;
            g->off[g->n_off++] = a;
            excess--;
        }
        /* The rest finish the contacts in hand, then go. */
        for (a = g->first_agent + g->cap - 1; a >= g->first_agent && excess > 0; a--) {
            agent *x = &s->ag[a];
            if (x->mode == AG_OFF || x->leaving)
                continue;
            if (in_bucket(x))
                bucket_remove(s, g, x->channel, x->n, a);
            x->leaving = 1;
            g->leaving++;
            excess--;
        }
    }
}

/* Available agents of team gi in interval i, with the shrinkage carry. */
long cc_eng_staff_target(cc_sim *s, unsigned gi, size_t i)
{
    const cc_sim_team *mt = &s->m->teams[gi];
    team_rt *g = &s->tm[gi];
    double avail = (double)mt->agents[i] * (1.0 - mt->shrinkage[i]) + g->carry;
    /* A tiny allowance so 10 x 0.7 = 6.9999999999999991 still gives 7. */
    double n = floor(avail + 1e-9);
    if (n > (double)mt->agents[i])
        n = (double)mt->agents[i];
    g->carry = avail - n;
    if (g->carry < 0.0)
        g->carry = 0.0;
    return (long)n;
}

/* Closes clock interval cur_ival's rows: backlog and team figures. */
COLD void close_interval(cc_sim *s)
{
    size_t i = s->cur_ival, c, t;
    if (i >= s->ni)
        return;
    for (c = 0; c < s->nc; c++)
        s->iv[i * s->nc + c].backlog_end = (uint32_t)s->ch[c].q_len;
    for (t = 0; t < s->nt; t++) {
        team_rt *g = &s->tm[t];
        cc_ival_team *r = &s->ivt[i * s->nt + t];
        double start = (double)i * s->m->interval_s;
        team_touch(s, g);
        r->present_s = g->a_present - g->m_present;
        r->busy_s = g->a_busy - g->m_busy;
        r->chat_cap_s = g->a_chat_cap - g->m_chat_cap;
        r->chat_sess_s = g->a_chat_sess - g->m_chat_sess;
        r->paid_s = (double)s->m->teams[t].agents[i] * (s->now - start);
        r->handled = g->handled_iv;
        g->m_present = g->a_present;
        g->m_busy = g->a_busy;
        g->m_chat_cap = g->a_chat_cap;
        g->m_chat_sess = g->a_chat_sess;
        g->handled_iv = 0;
    }
}

/* Brings a team's integrals up to now and keeps them in `m` (g->w or g->e). */
static void mark_team(cc_sim *s, team_rt *g, team_mark *m)
{
    team_touch(s, g);
    m->present = g->a_present;
    m->busy = g->a_busy;
    m->sessions = g->a_sessions;
    m->chat_cap = g->a_chat_cap;
    m->chat_sess = g->a_chat_sess;
    m->chat_agents = g->a_chat_agents;
}

/*
 * The measured window ends where arrivals stop: the horizon end, or the
 * arrival that reached max_arrivals. Time averages (occupancy, queue) and paid
 * time stop there; a drain after it only finishes the contacts that arrived.
 */
void cc_eng_measure_end(cc_sim *s)
{
    size_t c, t;
    if (s->meas_done || !s->warm)
        return; /* before the warm-up ends nothing is measured */
    s->meas_done = 1;
    s->meas_end = s->now;
    for (c = 0; c < s->nc; c++) {
        queue_touch(s, &s->ch[c]);
        s->ch[c].q_area_end = s->ch[c].q_area;
    }
    for (t = 0; t < s->nt; t++)
        mark_team(s, &s->tm[t], &s->tm[t].e);
}

COLD void on_interval(cc_sim *s)
{
    size_t t;
    close_interval(s);
    s->cur_ival++;
    if (s->cur_ival >= s->ni) {
        cc_eng_measure_end(s);
        s->arrivals_done = 1;
        s->stop = !s->m->drain;
        return;
    }
    for (t = 0; t < s->nt; t++)
        cc_eng_set_staff(s, (unsigned)t, cc_eng_staff_target(s, (unsigned)t, s->cur_ival));
    sched(s, (double)(s->cur_ival + 1) * s->m->interval_s, CC_EV_INTERVAL,
          (uint32_t)s->cur_ival, 0);
}

void cc_eng_on_warmup(cc_sim *s)
{
    size_t c, t;
    s->warm = 1;
    for (c = 0; c < s->nc; c++) {
        queue_touch(s, &s->ch[c]);
        s->ch[c].q_area_mark = s->ch[c].q_area;
        s->ch[c].q_max = s->ch[c].q_len;
    }
    for (t = 0; t < s->nt; t++)
        mark_team(s, &s->tm[t], &s->tm[t].w);
}

/* ---- end of a replication ------------------------------------------------ */

COLD void finish(cc_sim *s)
{
    size_t c, t, i;
    double t_end = s->now, m_end;
    double w0 = s->m->warmup_s < t_end ? s->m->warmup_s : t_end;

    if (!s->warm)
        cc_eng_on_warmup(s); /* the run ended inside the warm-up: empty totals */
    close_interval(s);
    cc_eng_measure_end(s); /* a run stopped before the horizon end (stepping, drain limit) */
    m_end = s->meas_end;
    /*
     * Contacts still waiting at the end whose target time has not passed are
     * pending: neither met nor missed, out of the service level's denominator;
     * so is a carried-in contact still waiting (its period is not this one).
     */
    for (i = 0; i < s->ct_cap; i++) {
        const contact *k = &s->ct[i];
        if (k->state == ST_WAIT && (k->flags & F_COUNTED) &&
            ((k->flags & F_CARRIED) || k->t_enq + s->ch[k->channel].target_s > t_end)) {
            cc_ival_ch *cl = cell(s, k);
            cl->pending++;
            cl->sl_excluded++;
            s->tot[k->channel].pending++;
            s->tot[k->channel].sl_excluded++;
        }
    }
    for (c = 0; c < s->nc; c++) {
        cc_rep_channel *r = &s->rep_ch[c];
        const tot_ch *o = &s->tot[c];
        memset(r, 0, sizeof(*r));
        queue_touch(s, &s->ch[c]);
        r->offered = (double)o->offered;
        r->repeats = (double)o->repeats;
        r->deflected = (double)o->deflected;
        r->bot_entered = (double)o->bot_entered;
        r->contained = (double)o->contained;
        r->bounced = (double)o->bounced;
        r->presented = (double)o->presented;
        r->queued = (double)o->queued;
        r->answered = (double)o->answered;
        r->answered_in_target = (double)o->in_target;
        r->abandoned = (double)o->abandoned;
        r->retried = (double)o->retried;
        r->transferred = (double)o->transferred;
        r->wait_answered_s = o->wait_ans;
        r->wait_abandoned_s = o->wait_ab;
        r->handle_s = o->handle;
        r->wrap_s = o->wrap;
        r->bot_s = o->bot;
        r->queue_area_s = s->ch[c].q_area_end - s->ch[c].q_area_mark;
        r->max_queue = (double)s->ch[c].q_max;
        r->duration_s = m_end - w0;
        r->short_abandoned = (double)o->short_abandoned;
        r->sl_excluded = (double)o->sl_excluded;
        r->pending_end = (double)o->pending;
        r->drain_limited = s->drain_cut;
        r->gave_up = (double)o->gave_up;
        r->transfer_capped = (double)o->transfer_capped;
    }
    /* Contacts still in the system at the end. */
    for (i = 0; i < s->ct_cap; i++) {
        const contact *k = &s->ct[i];
        if (k->state == ST_FREE || !(k->flags & F_COUNTED))
            continue;
        if (k->state == ST_WAIT)
            s->rep_ch[k->channel].waiting_end++;
        else if (k->state == ST_BOT)
            s->rep_ch[k->channel].in_bot_end++;
    }
    for (t = 0; t < s->nt; t++) {
        cc_rep_team *r = &s->rep_tm[t];
        team_rt *g = &s->tm[t];
        const cc_sim_team *mt = &s->m->teams[t];
        double paid = 0.0;
        for (i = 0; i < s->ni; i++) {
            double a0 = (double)i * s->m->interval_s, a1 = a0 + s->m->interval_s;
            if (a0 < w0)
                a0 = w0;
            if (a1 > m_end)
                a1 = m_end;
            if (a1 > a0)
                paid += (double)mt->agents[i] * (a1 - a0);
            if ((double)i * s->m->interval_s >= m_end)
                break;
        }
        r->present_s = g->e.present - g->w.present;
        r->busy_s = g->e.busy - g->w.busy;
        r->session_s = g->e.sessions - g->w.sessions;
        r->chat_capacity_s = g->e.chat_cap - g->w.chat_cap;
        r->chat_session_s = g->e.chat_sess - g->w.chat_sess;
        r->chat_agent_s = g->e.chat_agents - g->w.chat_agents;
        r->chat_slots_s = r->present_s * (double)g->chat_limit;
        r->paid_s = paid;
        r->handled = (double)g->handled_tot;
        r->cost = paid / 3600.0 * mt->cost_per_hour + r->handled * mt->cost_per_contact;
    }
    s->finished = 1;
}

/* ---- the event loop ----------------------------------------------------- */

static inline int step_one(cc_sim *s)
{
    cc_event e;
    int arrival = 0;
    if (s->finished)
        return 0;
    if (s->acal.n > 0 && (s->cal.n == 0 || cc_event_before(&s->acal.heap[0], &s->cal.heap[0]))) {
        e = s->acal.heap[0];
        s->arr_live = 1;
        arrival = 1;
    } else if (s->cal.n > 0) {
        e = s->cal.heap[0];
        s->top_live = 1;
    } else {
        finish(s);
        return 0;
    }
    if (s->arrivals_done && s->m->drain && s->m->drain_limit_s > 0.0) {
        /*
         * A drain that would outlast its limit stops there (cc_rep_channel.drain_limited),
         * counted from where arrivals stopped: a run ended by max_arrivals drains from
         * that arrival, not from a horizon that may be far away.
         */
        double end = s->arrivals_end + s->m->drain_limit_s;
        if (e.t > end) {
            s->now = end > s->now ? end : s->now;
            s->drain_cut = 1;
            s->top_live = s->arr_live = 0;
            finish(s);
            return 0;
        }
    }
    s->now = e.t;
    if (s->evp) {
        s->evp->kind = (cc_sim_event_kind)CC_EVENT_KIND(&e);
        s->evp->time_s = e.t;
        s->evp->channel = -1;
        s->evp->team = -1;
        s->evp->agent = -1;
        s->evp->wait_s = 0.0;
    }
    /* Arrivals alternate with the rest: a direct test predicts better than the table. */
    if (arrival) {
        if (s->evp)
            s->evp->channel = (int)e.idx;
        on_arrival(s, e.idx);
    } else switch (CC_EVENT_KIND(&e)) {
    case CC_EV_COMPLETE:
        on_complete(s, e.idx, e.gen);
        break;
    case CC_EV_ABANDON:
        on_abandon(s, e.idx, e.gen);
        break;
    case CC_EV_WRAP_END:
        release(s, e.idx);
        break;
    case CC_EV_BOT_END:
        if (s->evp)
            s->evp->channel = s->ct[e.idx].channel;
        on_bot_end(s, e.idx);
        break;
    case CC_EV_REPEAT:
        if (s->evp)
            s->evp->channel = s->ct[e.idx].channel;
        enter_repeat(s, e.idx);
        break;
    case CC_EV_OVERFLOW:
        on_overflow(s, e.idx, e.gen);
        break;
    case CC_EV_INTERVAL:
        on_interval(s);
        break;
    case CC_EV_WARMUP:
        cc_eng_on_warmup(s);
        break;
    default:
        assert(0 && "unknown event kind");
        break;
    }
    if (s->top_live) {
        s->top_live = 0;
        cc_calendar_pop(&s->cal);
    }
    if (s->arr_live) {
        s->arr_live = 0;
        cc_calendar_pop(&s->acal);
    }
    if (s->stop || (s->arrivals_done && s->m->drain && s->live == 0))
        finish(s);
    return 1;
}

int cc_sim_step(cc_sim *sim, cc_sim_event *ev)
{
    int r;
    cc_sim_event dummy;
    sim->evp = ev ? ev : &dummy;
    r = step_one(sim);
    if (!r)
        sim->evp->kind = CC_EV_NONE;
    sim->evp = NULL;
    return r;
}

void cc_sim_run(cc_sim *sim)
{
    sim->evp = NULL;
    while (step_one(sim))
        ;
}

/* The initial backlog enters the queues through the same path as arrivals. */
void cc_eng_present_initial(cc_sim *s, uint32_t slot)
{
    present(s, slot);
}
