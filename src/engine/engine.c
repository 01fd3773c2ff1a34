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

/* ---- internal records --------------------------------------------------- */

/*
 * Random streams of each channel, one per purpose, so that a change to one
 * (say, staffing, which reorders answers) leaves the others' sequences as
 * they were; seed_streams keys them by (seed, replication, stream index).
 */
enum { S_ARRIVAL, S_HANDLE, S_PATIENCE, S_DECISION, S_REPEAT, S_PER_CHANNEL };

enum contact_state { ST_FREE, ST_BOT, ST_WAIT, ST_SERVICE, ST_WRAP, ST_DELAY };
enum agent_mode { AG_OFF, AG_IDLE, AG_FREE, AG_SINGLE, AG_SESSIONS };
enum contact_flag { F_COUNTED = 1 };

typedef struct contact {
    double t_arrive;       /* arrival (or re-entry) time, seconds */
    double t_enq;          /* time presented to the agents' queue, seconds */
    double handle_s;       /* base handle time (before proficiency and stretch), seconds */
    double wrap_s;         /* wrap-up time, seconds */
    double patience_s;     /* patience, seconds; INFINITY when none */
    int32_t prev, next;    /* queue links; next also links the free list */
    uint32_t gen;          /* bumped whenever the contact leaves a queue or the pool */
    uint32_t ival;         /* arrival interval (statistics) */
    int32_t agent;         /* serving agent */
    uint16_t channel;      /* current channel (target channel while delayed) */
    uint8_t state;         /* enum contact_state */
    uint8_t flags;         /* enum contact_flag */
    uint16_t level;        /* next overflow threshold index */
} contact;

typedef struct agent {
    int32_t prev, next;    /* idle list or session bucket links */
    uint16_t team;         /* team index */
    uint16_t channel;      /* channel of the sessions in AG_SESSIONS */
    uint8_t mode;          /* enum agent_mode */
    uint8_t leaving;       /* finishing work before going off duty */
    uint8_t n;             /* contacts in hand (including in wrap-up) */
    uint8_t limit;         /* session limit on `channel` in AG_SESSIONS (team's), sessions */
} agent;

typedef struct chan_rt {
    int32_t q_head, q_tail;    /* FIFO queue of waiting contacts */
    long q_len;                /* contacts waiting */
    long q_max;                /* largest q_len since warm-up */
    double q_last;             /* time of the last q_area update, seconds */
    double q_area;             /* integral of q_len, contact-seconds */
    double q_area_mark;        /* q_area at warm-up */
    /* arrival generator */
    int arr_active;            /* more fresh arrivals to come */
    double arr_t;              /* generator position, seconds */
    double arr_end;            /* end of the generator's interval, seconds */
    double arr_rate;           /* effective rate in that interval, per second */
    size_t arr_ival;           /* the generator's interval */
    size_t trace_pos;          /* next entry of the arrival trace */
    double *rate_eff;          /* per interval rate x day multiplier (this replication) */
    /* routing */
    int sessions;              /* 1 when some team's agents hold several sessions */
    int limit;                 /* the largest session limit of the skilled teams */
    int n_order;               /* teams skilled for the channel */
    int *order;                /* by rank, then index */
    double *order_thr;         /* their overflow thresholds, seconds */
    int n_levels;              /* distinct positive thresholds */
    double *levels;            /* ascending, seconds */
    /* flags from the model */
    int has_patience, has_deflection, has_bot, has_retrial, has_transfer;
    double target_s;           /* answer-within, seconds */
    double stretch[CC_SIM_MAX_CONCURRENCY + 1]; /* handle multiplier by open sessions */
    cc_sampler handle, wrap, patience, bot_time;  /* the channel's distributions */
    cc_sampler bounce_delay, retrial_delay;
    cc_sampler transfer_delay[CC_SIM_MAX_TRANSFERS]; /* per transfer target */
} chan_rt;

typedef struct team_rt {
    int32_t idle_head, idle_tail; /* idle agents, longest idle at the head */
    int32_t first_agent;       /* agents [first_agent, first_agent + cap) */
    int32_t cap;               /* most agents ever on duty */
    int32_t *off;              /* stack of off-duty agents */
    int32_t n_off;
    int32_t *bucket;           /* [channel * (MAX + 1) + k]: agents with k sessions */
    long present, busy, sessions, chat_cap, chat_sess, leaving;
    double carry;              /* fractional available agent carried (shrinkage) */
    double last_t;             /* time of the last area update */
    double a_present, a_busy, a_sessions, a_chat_cap, a_chat_sess; /* integrals */
    double m_present, m_busy, m_chat_cap, m_chat_sess;             /* at the last interval end */
    double w_present, w_busy, w_sessions, w_chat_cap, w_chat_sess; /* at warm-up */
    uint32_t handled_iv;       /* completions in the current clock interval */
    uint64_t handled_tot;      /* completions since warm-up */
    double *prof;              /* per channel handle-time multiplier */
    double *ovf;               /* per channel overflow threshold, seconds */
    int *limit;                /* per channel sessions per agent (skill's, else channel's) */
    int n_prio;                /* skilled channels */
    int *prio_ch;              /* by priority, highest first */
    int *grp_end;              /* end of the equal-priority group of each prio_ch entry */
    int *hi_off;               /* [n_channels + 1] offsets into hi_list */
    int *hi_list;              /* per channel: skilled channels of higher priority (empty
                                  without strict priority, which turns blocked() off) */
} team_rt;

/* Whole-run counters of one channel (contacts arriving after warm-up). */
typedef struct tot_ch {
    uint64_t offered, repeats, deflected, bot_entered, contained, bounced, presented, queued,
        answered, in_target, abandoned, retried, transferred;
    double wait_ans, wait_ab, handle, wrap, bot;
} tot_ch;

struct cc_sim {
    const cc_simmodel *m;
    cc_sim_options opt;
    size_t nc, nt, ni;
    double now;
    cc_calendar cal;           /* every event but fresh arrivals */
    cc_calendar acal;          /* next fresh arrival of each channel (shares cal.seq) */
    int top_live;              /* cal.heap[0] is the event being processed */
    int arr_live;              /* acal.heap[0] is the event being processed */
    int stop;                  /* the horizon ended without a drain */
    int finished;              /* statistics are final */
    int arrivals_done;
    int n_generators;          /* channels still generating fresh arrivals */
    long fresh;                /* fresh arrivals so far */
    uint64_t model_events;
    size_t cur_ival;           /* clock interval */
    int warm;                  /* 1 once the warm-up is over */
    cc_sim_event *evp;         /* event description for cc_sim_step, or NULL */
    /* random streams */
    cc_zig zig;
    cc_stream *streams;        /* [channel * S_PER_CHANNEL + purpose], then forecast */
    /* pools */
    contact *ct;
    size_t ct_cap;
    int32_t ct_free;
    long live;                 /* contacts in the system */
    agent *ag;
    size_t n_agents;
    chan_rt *ch;
    team_rt *tm;
    double *day_mult;          /* [channel * n_days + day] */
    size_t n_days;
    /* statistics */
    cc_ival_ch *iv;            /* [interval * nc + channel] */
    cc_ival_team *ivt;         /* [interval * nt + team] */
    uint32_t *hist_iv;         /* [(interval * nc + channel) * CC_HI_BINS + bin] */
    size_t hist_iv_stride;     /* CC_HI_BINS, or 0 into a single dummy row */
    uint32_t *hist_tot;        /* [channel * CC_HT_BINS + bin] */
    tot_ch *tot;
    cc_rep_channel *rep_ch;
    cc_rep_team *rep_tm;
};

/*
 * The per-event path is a handful of small functions; forcing them inline
 * into the loop saves a call frame per step (about a fifth of the time),
 * and keeping the rare paths out of line keeps the loop compact.
 */
#define HOT static inline __attribute__((always_inline))
#define COLD static __attribute__((noinline, cold))

#define NO_AGENT (-1)
#define BUCKET(g, c, k) ((g)->bucket[(size_t)(c) * (CC_SIM_MAX_CONCURRENCY + 1) + (size_t)(k)])

/* ---- small helpers ------------------------------------------------------ */

static inline cc_stream *stream(cc_sim *s, size_t c, int purpose)
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
        g->last_t = s->now;
    }
}

static inline void queue_touch(cc_sim *s, chan_rt *ch)
{
    ch->q_area += (double)ch->q_len * (s->now - ch->q_last);
    ch->q_last = s->now;
}

static inline cc_ival_ch *cell(cc_sim *s, const contact *k)
{
    return &s->iv[(size_t)k->ival * s->nc + k->channel];
}

static inline size_t clock_ival(const cc_sim *s)
{
    return s->cur_ival < s->ni ? s->cur_ival : s->ni - 1;
}

/* ---- contact pool ------------------------------------------------------- */

COLD void grow_contacts(cc_sim *s)
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

static inline uint32_t new_contact(cc_sim *s, unsigned c)
{
    uint32_t slot;
    contact *k;
    if (s->ct_free < 0)
        grow_contacts(s);
    slot = (uint32_t)s->ct_free;
    k = &s->ct[slot];
    s->ct_free = k->next;
    k->channel = (uint16_t)c;
    k->flags = s->now >= s->m->warmup_s ? F_COUNTED : 0;
    k->agent = NO_AGENT;
    k->level = 0;
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
    unsigned in = w <= ch->target_s;
    size_t ci = (size_t)k->ival * s->nc + k->channel;
    cl->answered++;
    cl->in_target += in;
    cl->wait_ans_s += w;
    cl->handle_s += h;
    s->hist_iv[ci * s->hist_iv_stride + cc_hist_bin(w, CC_HI_SUB, CC_HI_EMIN, CC_HI_BINS)]++;
    if (k->flags & F_COUNTED) {
        tot_ch *t = &s->tot[k->channel];
        t->answered++;
        t->in_target += in;
        t->wait_ans += w;
        t->handle += h;
        t->wrap += k->wrap_s;
        s->hist_tot[(size_t)k->channel * CC_HT_BINS +
                    cc_hist_bin(w, CC_HT_SUB, CC_HT_EMIN, CC_HT_BINS)]++;
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
        }
        x->n++;
        g->chat_sess++;
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
    count_answer(s, k, w, h);
    sched(s, s->now + h, CC_EV_COMPLETE, slot, 0);
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
        if (in_bucket(x))
            bucket_remove(s, g, c, x->n, a);
        x->n--;
        g->chat_sess--;
        if (x->n > 0) {
            if (in_bucket(x)) {
                bucket_insert(s, g, c, x->n, a);
                refill(s, a);
            }
            return;
        }
        g->chat_cap -= x->limit;
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
    cc_stream *rs = stream(s, c, S_REPEAT);

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

/* Sends contact `slot` to r->channel after a delay drawn from `delay`. */
COLD void schedule_repeat(cc_sim *s, uint32_t slot, const cc_sim_repeat *r,
                          const cc_sampler *delay, cc_stream *rs)
{
    contact *k = &s->ct[slot];
    double d = delay->kind != CC_DIST_NONE ? cc_sampler_draw(delay, rs, &s->zig) : 0.0;
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
static void next_arrival(cc_sim *s, unsigned c)
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
    e = cc_stream_exp1(stream(s, c, S_ARRIVAL), &s->zig);
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
    if (s->m->max_arrivals > 0 && ++s->fresh >= s->m->max_arrivals)
        s->arrivals_done = 1; /* other channels' pending arrivals become stale */
    else
        next_arrival(s, c);
    if (s->n_generators == 0)
        s->arrivals_done = 1;

    cl = &s->iv[ival * s->nc + c];
    cl->offered++;
    if (counted)
        s->tot[c].offered++;
    if (ch->has_deflection &&
        cc_stream_uniform(stream(s, c, S_DECISION)) < mc->deflection[ival]) {
        cl->deflected++;
        if (counted)
            s->tot[c].deflected++;
        return;
    }
    slot = new_contact(s, c);
    k = &s->ct[slot];
    k->t_arrive = s->now;
    k->ival = (uint32_t)ival;
    k->handle_s = cc_sampler_draw(&ch->handle, stream(s, c, S_HANDLE), &s->zig);
    k->wrap_s = ch->wrap.kind != CC_DIST_NONE
                    ? cc_sampler_draw(&ch->wrap, stream(s, c, S_HANDLE), &s->zig)
                    : 0.0;
    k->patience_s = ch->has_patience
                        ? cc_sampler_draw(&ch->patience, stream(s, c, S_PATIENCE), &s->zig)
                        : INFINITY;
    if (ch->has_bot) {
        double bt = cc_sampler_draw(&ch->bot_time, stream(s, c, S_DECISION), &s->zig);
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
    cc_stream *ds = stream(s, c, S_DECISION);
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

HOT void on_complete(cc_sim *s, uint32_t slot)
{
    contact *k = &s->ct[slot];
    unsigned c = k->channel;
    const chan_rt *ch = &s->ch[c];
    team_rt *g = &s->tm[s->ag[k->agent].team];

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
        cc_stream *rs = stream(s, c, S_REPEAT);
        double u = cc_stream_uniform(rs), cum = 0.0;
        int j;
        for (j = 0; j < mc->n_transfers; j++) {
            const cc_sim_repeat *tr = &mc->transfers[j];
            cum += tr->share;
            if (u < cum) {
                uint32_t t = new_contact(s, (unsigned)tr->channel);
                k = &s->ct[slot]; /* the pool may have moved */
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
    cl->abandoned++;
    cl->wait_ab_s += w;
    if (k->flags & F_COUNTED) {
        s->tot[c].abandoned++;
        s->tot[c].wait_ab += w;
    }
    if (s->evp) {
        s->evp->channel = (int)c;
        s->evp->wait_s = w;
    }
    if (s->ch[c].has_retrial) {
        const cc_sim_repeat *r = &s->m->channels[c].retrial;
        cc_stream *rs = stream(s, c, S_REPEAT);
        if (cc_stream_uniform(rs) < r->share) {
            if (k->flags & F_COUNTED)
                s->tot[c].retried++;
            schedule_repeat(s, slot, r, &s->ch[c].retrial_delay, rs);
            return;
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
COLD void set_staff(cc_sim *s, unsigned gi, long target)
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
static long staff_target(cc_sim *s, unsigned gi, size_t i)
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

COLD void on_interval(cc_sim *s)
{
    size_t t;
    close_interval(s);
    s->cur_ival++;
    if (s->cur_ival >= s->ni) {
        s->arrivals_done = 1;
        s->stop = !s->m->drain;
        return;
    }
    for (t = 0; t < s->nt; t++)
        set_staff(s, (unsigned)t, staff_target(s, (unsigned)t, s->cur_ival));
    sched(s, (double)(s->cur_ival + 1) * s->m->interval_s, CC_EV_INTERVAL,
          (uint32_t)s->cur_ival, 0);
}

COLD void on_warmup(cc_sim *s)
{
    size_t c, t;
    s->warm = 1;
    for (c = 0; c < s->nc; c++) {
        queue_touch(s, &s->ch[c]);
        s->ch[c].q_area_mark = s->ch[c].q_area;
        s->ch[c].q_max = s->ch[c].q_len;
    }
    for (t = 0; t < s->nt; t++) {
        team_rt *g = &s->tm[t];
        team_touch(s, g);
        g->w_present = g->a_present;
        g->w_busy = g->a_busy;
        g->w_sessions = g->a_sessions;
        g->w_chat_cap = g->a_chat_cap;
        g->w_chat_sess = g->a_chat_sess;
    }
}

/* ---- end of a replication ------------------------------------------------ */

COLD void finish(cc_sim *s)
{
    size_t c, t, i;
    double t_end = s->now;
    double w0 = s->m->warmup_s < t_end ? s->m->warmup_s : t_end;

    if (!s->warm)
        on_warmup(s); /* the run ended inside the warm-up: empty totals */
    close_interval(s);
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
        r->queue_area_s = s->ch[c].q_area - s->ch[c].q_area_mark;
        r->max_queue = (double)s->ch[c].q_max;
        r->duration_s = t_end - w0;
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
        team_touch(s, g);
        for (i = 0; i < s->ni; i++) {
            double a0 = (double)i * s->m->interval_s, a1 = a0 + s->m->interval_s;
            if (a0 < w0)
                a0 = w0;
            if (a1 > t_end)
                a1 = t_end;
            if (a1 > a0)
                paid += (double)mt->agents[i] * (a1 - a0);
            if ((double)i * s->m->interval_s >= t_end)
                break;
        }
        r->present_s = g->a_present - g->w_present;
        r->busy_s = g->a_busy - g->w_busy;
        r->session_s = g->a_sessions - g->w_sessions;
        r->chat_capacity_s = g->a_chat_cap - g->w_chat_cap;
        r->chat_session_s = g->a_chat_sess - g->w_chat_sess;
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
        on_complete(s, e.idx);
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
        on_warmup(s);
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
    s->ag = cc_xcalloc(s->n_agents ? s->n_agents : 1, sizeof(*s->ag));
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
    grow_contacts(s);
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

/* Day-level volume multipliers: Gamma(1/cv^2, cv^2), mean 1, per channel and day. */
static void draw_forecast(cc_sim *s)
{
    cc_stream *fs = &s->streams[s->nc * S_PER_CHANNEL];
    size_t c, d, i;
    for (c = 0; c < s->nc; c++) {
        const cc_sim_channel *mc = &s->m->channels[c];
        double cv = mc->forecast_cv;
        for (d = 0; d < s->n_days; d++)
            s->day_mult[c * s->n_days + d] =
                cv > 0.0 ? gsl_ran_gamma(fs->rng, 1.0 / (cv * cv), cv * cv) : 1.0;
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
    s->finished = 0;
    s->arrivals_done = 0;
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
        g->carry = 0.0;
        g->last_t = 0.0;
        g->a_present = g->a_busy = g->a_sessions = g->a_chat_cap = g->a_chat_sess = 0.0;
        g->m_present = g->m_busy = g->m_chat_cap = g->m_chat_sess = 0.0;
        g->w_present = g->w_busy = g->w_sessions = g->w_chat_cap = g->w_chat_sess = 0.0;
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
        set_staff(s, (unsigned)t, staff_target(s, (unsigned)t, 0));
    if (s->m->warmup_s > 0.0)
        cc_calendar_push(&s->cal, s->m->warmup_s, CC_EV_WARMUP, 0, 0);
    else
        on_warmup(s);
    cc_calendar_push(&s->cal, s->m->interval_s, CC_EV_INTERVAL, 0, 0);
    for (c = 0; c < s->nc; c++)
        next_arrival(s, (unsigned)c);
    if (s->n_generators == 0)
        s->arrivals_done = 1;
    /* The initial backlog waits from time 0, in channel order. */
    for (c = 0; c < s->nc; c++) {
        const cc_sim_channel *mc = &s->m->channels[c];
        long b;
        for (b = 0; b < mc->initial_backlog; b++) {
            uint32_t slot = new_contact(s, (unsigned)c);
            contact *k = &s->ct[slot];
            k->t_arrive = 0.0;
            k->ival = 0;
            const chan_rt *ch = &s->ch[c];
            k->handle_s = cc_sampler_draw(&ch->handle, stream(s, c, S_HANDLE), &s->zig);
            k->wrap_s = ch->wrap.kind != CC_DIST_NONE
                            ? cc_sampler_draw(&ch->wrap, stream(s, c, S_HANDLE), &s->zig)
                            : 0.0;
            k->patience_s = ch->has_patience
                                ? cc_sampler_draw(&ch->patience, stream(s, c, S_PATIENCE), &s->zig)
                                : INFINITY;
            s->iv[c].offered++;
            if (k->flags & F_COUNTED)
                s->tot[c].offered++;
            present(s, slot);
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
