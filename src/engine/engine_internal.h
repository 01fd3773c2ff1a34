/*
 * The engine's internal records (contacts, agents, queues, the workspace)
 * and the engine functions the workspace lifecycle also calls, shared by
 * engine.c (the event loop) and workspace.c (new, reset, free, views).
 */
#ifndef CC_ENGINE_INTERNAL_H
#define CC_ENGINE_INTERNAL_H

#include <stdint.h>

#include "cc_sim.h"
#include "engine/counters.h"
#include "engine/event_heap.h"
#include "engine/rng.h"

/* ---- internal records --------------------------------------------------- */

/*
 * Random streams of each channel, one per purpose, so that a change to one
 * (say, staffing, which reorders answers) leaves the others' sequences as
 * they were; seed_streams keys them by (seed, replication, stream index).
 */
enum { S_ARRIVAL, S_HANDLE, S_PATIENCE, S_DECISION, S_REPEAT, S_PER_CHANNEL };

enum contact_state { ST_FREE, ST_BOT, ST_WAIT, ST_SERVICE, ST_WRAP, ST_DELAY };
enum agent_mode { AG_OFF, AG_IDLE, AG_FREE, AG_SINGLE, AG_SESSIONS };
/*
 * F_COUNTED: arrived after the warm-up, so in the outputs. F_CARRIED: part of
 * the initial backlog, work carried in from before the horizon: its service
 * level belongs to a period outside the horizon, so it is left out of the
 * service level (numerator and denominator), as contacts still open at the
 * end are, while its work and waits count like any other.
 */
enum contact_flag { F_COUNTED = 1, F_CARRIED = 2 };

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
    uint16_t tries;        /* tries before this one (retrials, bounce-backs) */
    uint16_t transfers;    /* transfers this contact went through */
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
    double q_area_end;         /* q_area at the end of the measured window */
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
    int dyn;                   /* stretch follows the open sessions (Erlang Chat) */
    double target_s;           /* answer-within, seconds */
    cc_sl_definition sl_def;   /* which contacts the service level counts */
    double short_s;            /* short-abandon threshold, seconds */
    double stretch[CC_SIM_MAX_CONCURRENCY + 1]; /* handle multiplier by open sessions */
    cc_sampler handle, wrap, patience, bot_time;  /* the channel's distributions */
    cc_sampler bounce_delay, retrial_delay;
    cc_sampler transfer_delay[CC_SIM_MAX_TRANSFERS]; /* per transfer target */
} chan_rt;

/* A team's integrals as they stood at one moment: the warm-up's end or the measured end. */
typedef struct team_mark {
    double present, busy, sessions, chat_cap, chat_sess, chat_agents;
} team_mark;

typedef struct team_rt {
    int32_t idle_head, idle_tail; /* idle agents, longest idle at the head */
    int32_t first_agent;       /* agents [first_agent, first_agent + cap) */
    int32_t cap;               /* most agents ever on duty */
    int32_t *off;              /* stack of off-duty agents */
    int32_t n_off;
    int32_t *bucket;           /* [channel * (MAX + 1) + k]: agents with k sessions */
    long present, busy, sessions, chat_cap, chat_sess, leaving;
    long chat_agents;          /* agents holding at least one chat (session mode) */
    double carry;              /* fractional available agent carried (shrinkage) */
    double last_t;             /* time of the last area update */
    double a_present, a_busy, a_sessions, a_chat_cap, a_chat_sess; /* integrals */
    double a_chat_agents;
    double m_present, m_busy, m_chat_cap, m_chat_sess;             /* at the last interval end */
    team_mark w;               /* at warm-up */
    team_mark e;               /* at the measured end */
    uint32_t handled_iv;       /* completions in the current clock interval */
    uint64_t handled_tot;      /* completions since warm-up */
    double *prof;              /* per channel handle-time multiplier */
    double *ovf;               /* per channel overflow threshold, seconds */
    int *limit;                /* per channel sessions per agent (skill's, else channel's) */
    int chat_limit;            /* most sessions per agent over the skilled session-mode
                                  channels: an available agent's chat capacity; 0 = none */
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
        answered, in_target, abandoned, retried, transferred, gave_up, transfer_capped,
        short_abandoned, sl_excluded, pending;
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
    int drain_cut;             /* the drain limit ended the run */
    int finished;              /* statistics are final */
    int arrivals_done;
    double arrivals_end;       /* where arrivals stop: the horizon end, or the arrival that
                                  reached max_arrivals; the drain limit counts from here */
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
    cc_ival_ch iv_void;        /* where warm-up contacts' interval counts go (never read) */
    double meas_end;           /* end of the measured window: horizon end or arrivals' stop */
    int meas_done;             /* 1 once meas_end is set and the m_end_* marks taken */
    uint32_t *ag_slots;        /* dynamic stretch: [agent * MAX + j] the agent's sessions */
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

void cc_eng_grow_contacts(cc_sim *s);
uint32_t cc_eng_new_contact(cc_sim *s, unsigned c);
void cc_eng_draw_work(cc_sim *s, unsigned c, contact *k);
void cc_eng_next_arrival(cc_sim *s, unsigned c);
void cc_eng_on_warmup(cc_sim *s);
void cc_eng_measure_end(cc_sim *s);
void cc_eng_set_staff(cc_sim *s, unsigned gi, long target);
long cc_eng_staff_target(cc_sim *s, unsigned gi, size_t i);
cc_stream *cc_eng_stream(cc_sim *s, size_t c, int purpose);
void cc_eng_present_initial(cc_sim *s, uint32_t slot);

#endif
