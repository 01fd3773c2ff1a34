/*
 * The discrete-event simulation engine and its flat input, cc_simmodel: plain
 * structs in seconds with one value per horizon interval, filled from a
 * scenario by the loader or built directly in C by tests and benchmarks. A
 * cc_sim is the workspace of one replication (new / reset / run / free);
 * cc_replicate runs many replications in parallel with results that do not
 * depend on the number of threads.
 *
 * Example:
 *     cc_simmodel *m = cc_simmodel_new(1, 1, 1);
 *     ... fill m->channels[0], m->teams[0] ...
 *     cc_run_options opt = cc_run_options_default();
 *     cc_results *res;
 *     if (cc_replicate(m, &opt, &res, &err) == CC_OK) { ...; cc_results_free(res); }
 *     cc_simmodel_free(m);
 */
#ifndef CC_SIM_H
#define CC_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "cc_scenario.h"
#include "cc_status.h"
#include "cc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most sessions one agent may hold on a chat or messaging channel. */
#define CC_SIM_MAX_CONCURRENCY CC_MAX_CONCURRENCY

/* The most channels one channel's handled contacts may be transferred to. */
#define CC_SIM_MAX_TRANSFERS 8

/* Longest channel and team name kept, including the terminating NUL. */
#define CC_SIM_NAME_MAX 64

/* One channel's totals in one replication (counts are whole numbers). */
typedef struct cc_rep_channel {
    double offered;            /* contacts that arrived: fresh, repeats, initial backlog */
    double repeats;            /* of which retrials, transfers in and bounce-backs */
    double deflected;          /* removed by self-service before reaching anyone */
    double bot_entered;        /* handled first by the chatbot */
    double contained;          /* resolved by the bot */
    double bounced;            /* left the bot to come back later */
    double presented;          /* reached the agents' queue */
    double queued;             /* presented and not answered at once */
    double answered;           /* taken by an agent */
    double answered_in_target; /* answered with wait <= answer_within_s */
    double abandoned;          /* left the queue when patience ran out */
    double retried;            /* abandoned contacts that will try again */
    double transferred;        /* handled contacts passed on to another channel */
    double waiting_end;        /* still in the queue at the end */
    double in_bot_end;         /* still in the bot at the end */
    double wait_answered_s;    /* sum of waits of answered contacts, seconds */
    double wait_abandoned_s;   /* sum of waits of abandoned contacts, seconds */
    double handle_s;           /* sum of handle times of answered contacts, seconds */
    double wrap_s;             /* sum of wrap-up times of answered contacts, seconds */
    double bot_s;              /* sum of time in the bot of contacts that left it, seconds */
    double queue_area_s;       /* integral of the queue length over time, contact-seconds */
    double max_queue;          /* largest queue length seen */
    /*
     * Derived by the statistics stage (cc_replicate); 0 in the record a
     * single cc_sim returns.
     */
    double wait_p50_s;         /* median wait of answered contacts, seconds */
    double wait_p90_s;         /* 90th percentile, seconds */
    double wait_p99_s;         /* 99th percentile, seconds */
    double intervals_active;   /* intervals with presented contacts */
    double intervals_missed;   /* of which missed the channel's target */
    double days_active;        /* days with presented contacts */
    double days_missed;        /* of which missed the target */
    double duration_s;         /* measured window: from the warm-up's end to where arrivals
                                  stop (the horizon end, or max_arrivals), seconds; time
                                  averages (queue_area_s, team times) cover it, a drain after
                                  it only finishes the contacts */
    double short_abandoned;    /* abandoned within target.short_abandon_s */
    double sl_excluded;        /* presented but left out of the service level's denominator
                                  (target.sl_definition), the carried-in backlog and
                                  pending_end included */
    double pending_end;        /* still waiting at the end with their target time not passed:
                                  neither met nor missed */
    double drain_limited;      /* 1 when the drain limit stopped the run with contacts left */
    double gave_up;            /* abandoned or bounced contacts that would have come back but had
                                  made max_attempts tries */
    double transfer_capped;    /* handled contacts that would have been transferred but had
                                  been through max_transfers transfers */
} cc_rep_channel;

/* One team's totals in one replication. */
typedef struct cc_rep_team {
    double present_s;          /* agent-seconds available (on duty less shrinkage, plus overrun) */
    double busy_s;             /* agent-seconds with at least one contact or wrap-up */
    double session_s;          /* session-seconds (contacts in hand summed over agents) */
    double chat_capacity_s;    /* session slots of agents in chat mode, slot-seconds */
    double chat_session_s;     /* session-seconds of agents in chat mode */
    double chat_agent_s;       /* agent-seconds holding at least one chat */
    double chat_slots_s;       /* chat capacity: present_s x the team's most sessions per
                                  agent on its concurrent (chat-like) channels; 0 = none */
    double paid_s;             /* scheduled agent-seconds (before shrinkage) */
    double handled;            /* contacts completed */
    double cost;               /* paid hours x cost_per_hour + handled x cost_per_contact */
} cc_rep_team;

/* A channel's service target; a goal left at 0 is not a target. */
typedef struct cc_sim_target {
    double answer_within_s; /* T: answered (first response) within T seconds is in target */
    double service_level;   /* goal for answered-within-T / presented, (0, 1]; 0 = none */
    double max_asa_s;       /* goal for ASA, seconds; 0 = none */
    double max_abandon;     /* goal for abandoned / presented, (0, 1]; 0 = none */
    /*
     * Which contacts the service level counts: offered (all presented),
     * answered (abandons left out), exclude-short (abandons within
     * short_abandon_s left out) or virtual (abandons before T left out: their
     * wait had they stayed is unknown). Contacts still waiting at the end of
     * the run with their target time not yet passed are left out always.
     */
    cc_sl_definition sl_definition;
    double short_abandon_s; /* short-abandon threshold for exclude-short, seconds */
} cc_sim_target;

/*
 * A contact that comes back as a new contact later: retrials of abandoned
 * customers, transfers of handled contacts, bot bounce-backs.
 */
typedef struct cc_sim_repeat {
    double share;           /* share of the eligible contacts that come back, [0, 1] */
    cc_dist delay;          /* time until they come back; none = at once */
    int channel;            /* channel index they come back on */
} cc_sim_repeat;

/*
 * A chatbot fronting a channel. A fresh contact spends `time` in the bot;
 * then a share containment[i] (i = its arrival interval) is resolved; of the
 * rest a share bounce.share leaves and returns later on bounce.channel; the
 * others escalate to the queue with handle time x handle_factor and patience
 * x patience_factor. Bot time is not queue wait.
 */
typedef struct cc_sim_bot {
    int enabled;            /* 1 when the bot fronts the channel */
    cc_dist time;           /* time spent in the bot */
    double *containment;    /* per interval share resolved by the bot, [0, 1]; n_intervals values */
    double handle_factor;   /* handle-time multiplier for escalated contacts, > 0 (1.25 = +25%) */
    double patience_factor; /* patience multiplier for escalated contacts, > 0 */
    cc_sim_repeat bounce;   /* bounce-back share (of not contained), delay, channel */
} cc_sim_bot;

/* One channel. */
typedef struct cc_sim_channel {
    char name[CC_SIM_NAME_MAX];   /* for reports */
    cc_channel_kind kind;         /* voice, chat, messaging, email, social */
    double *arrival_rate;         /* per interval, forecast arrivals per second before deflection */
    double *deflection;           /* per interval share of arrivals deflected by self-service */
    double forecast_cv;           /* cv of the day-level volume multiplier (mean 1); 0 = none */
    cc_dist_kind forecast_dist;   /* its family: CC_DIST_LOGNORMAL, else gamma */
    long initial_backlog;         /* contacts waiting at time 0 */
    double *arrival_times_s;      /* optional trace of fresh arrival times (ascending, seconds);
                                     replaces the Poisson process; malloc'ed, owned */
    size_t n_arrival_times;       /* entries of arrival_times_s; 0 = Poisson */
    cc_dist handle;               /* handle (talk) time */
    cc_dist wrapup;               /* after-contact work, keeping the agent (or the chat
                                     session slot) occupied; none = 0 */
    cc_dist patience;             /* live channels; none = customers wait forever */
    int concurrency;              /* sessions per agent, 1..CC_SIM_MAX_CONCURRENCY (chat, messaging) */
    double stretch[CC_SIM_MAX_CONCURRENCY + 1]; /* handle-time multiplier when a new session
                                                   makes k sessions open (index k); 0 = 1 */
    /*
     * 0: a session's handle time is stretched once, by the open sessions when
     * it starts; 1 (Erlang Chat): every open session progresses at rate
     * 1 / stretch[n], n the agent's open sessions now, so its completion moves
     * whenever a session of the same agent starts or ends.
     */
    int stretch_dynamic;
    int priority;                 /* higher is more urgent */
    cc_sim_target target;         /* service target */
    cc_target_judging judging;    /* the period it is judged over and the risk allowed
                                     (zeroed: the horizon, no risk limit) */
    cc_sim_bot bot;               /* chatbot in front of the channel */
    cc_sim_repeat retrial;        /* abandoned customers who try again */
    cc_sim_repeat transfers[CC_SIM_MAX_TRANSFERS]; /* handled contacts passed on (tier 2,
                                     other channels); shares add up to <= 1 */
    int n_transfers;              /* entries of transfers in use, 0..CC_SIM_MAX_TRANSFERS */
} cc_sim_channel;

/*
 * Transfers: when a contact's handle time ends, one uniform draw u from the
 * channel's repeat stream picks at most one target by the cumulative shares
 * (u < share[0]: the first target, u < share[0] + share[1]: the second,
 * ...; otherwise none). Every completion costs exactly one draw whatever the
 * number of targets, so adding or reweighting a target leaves the other
 * streams, and a one-target model's results, as they were.
 */

/*
 * Routing, as the engine applies it:
 * - A contact reaching the agents goes to the first team, in the channel's
 *   preference order (skill rank, then team index), that has a suitable
 *   agent; within a team the longest-idle agent. A team with an overflow
 *   threshold is eligible only once the contact has waited that long (it is
 *   then offered to idle agents of the newly eligible teams).
 * - Voice, email and social need an agent with nothing in hand. Chat and
 *   messaging agents hold up to their team's session limit (the skill's
 *   max_concurrency, else the channel's concurrency) of one channel and
 *   nothing else. With CC_CHAT_FILL a new session goes first to agents with
 *   open sessions (most first, teams in preference order), then to idle
 *   agents; with CC_CHAT_SPREAD idle agents first, then fewest sessions.
 * - Strict priority (cc_simmodel.strict_priority = 1): an agent skilled for
 *   a more urgent channel (higher priority) takes no new session while that
 *   channel's queue holds a contact eligible for it, so it drains its
 *   sessions and becomes free for the urgent work. With 0 there is no
 *   hold-back: an agent with open sessions keeps taking sessions up to its
 *   limit, and urgent single-contact work waits for a wholly free agent.
 *   Either way a free agent picks by priority (next rule). Only session
 *   channels are affected: an agent with nothing in hand never stays idle
 *   while eligible work waits.
 * - A freed agent takes the most urgent waiting contact it is skilled and
 *   eligible for, oldest first among equally urgent channels, and a chat
 *   agent fills up its sessions from that queue; a chat agent whose session
 *   ends refills from its channel's queue (same rule on urgent queues).
 *   Email and social, being the least urgent, are worked only when nothing
 *   more urgent waits for that agent.
 * - Queues are FIFO per channel: if an agent is found for a newcomer while
 *   older contacts of the channel wait, the agent takes the oldest.
 * - A session's handle time is handle x proficiency x stretch[k] (k sessions
 *   open once it starts) x the bot's factor when escalated, fixed when the
 *   session starts.
 */

/* A team's skill for one channel. */
typedef struct cc_sim_skill {
    double proficiency;     /* handle-time multiplier; 0 = not skilled for the channel */
    int rank;               /* preference for the channel: lower ranks are offered contacts first */
    double overflow_s;      /* the team is eligible only for contacts that waited >= this, seconds */
    int max_concurrency;    /* sessions per agent of this team on the channel, sessions;
                               0 = the channel's concurrency; > 1 only on chat and messaging */
} cc_sim_skill;

/*
 * A team (agent group). Shrinkage is simulated as unavailable agents: in
 * interval i the team has floor(agents[i] x (1 - shrinkage[i]) + carry)
 * agents available, the fractional remainder carried to the next interval,
 * so the available agent-hours match the net hours and the run is
 * reproducible. An agent leaving (count going down) finishes the contacts in
 * hand first; paid hours count agents[i] x interval length.
 */
typedef struct cc_sim_team {
    char name[CC_SIM_NAME_MAX];   /* for reports */
    int *agents;                  /* per interval agents on duty (from shifts) */
    double *shrinkage;            /* per interval share of on-duty agents unavailable, [0, 1) */
    cc_sim_skill *skills;         /* one per channel */
    double cost_per_hour;         /* cost per paid agent hour */
    double cost_per_contact;      /* cost per handled contact (vendors) */
    int outsourced;               /* 1 for a vendor team */
} cc_sim_team;

/*
 * The whole input of a simulation. Every pointer inside is owned by the model
 * and released by cc_simmodel_free (arrays the caller installs must come from
 * malloc). Per-interval arrays have n_intervals entries.
 */
typedef struct cc_simmodel {
    size_t n_intervals;           /* horizon length in intervals, >= 1 */
    double interval_s;            /* interval length, seconds */
    size_t intervals_per_day;     /* for day-level forecast noise and daily risk; >= 1 */
    double warmup_s;              /* contacts arriving before this are not in the totals */
    long max_arrivals;            /* stop fresh arrivals after this many (all channels); 0 = none */
    int drain;                    /* 1: after arrivals stop, run until every contact has left */
    double drain_limit_s;         /* with drain: the run stops this long after arrivals stop
                                     (the horizon end, or the arrival reaching max_arrivals)
                                     even with contacts left (cc_rep_channel.drain_limited);
                                     0 = no limit */
    int max_attempts;             /* tries one customer makes: the first, retrials after
                                     abandoning and bot bounce-backs; 0 = no limit */
    int max_transfers;            /* transfers one contact goes through; 0 = no limit */
    cc_chat_policy chat_policy;   /* which chat agent gets a new session */
    int strict_priority;          /* 1 (default): no new sessions while a more urgent queue
                                     the agent serves holds eligible work; 0: no hold-back */
    size_t n_channels;            /* channels */
    cc_sim_channel *channels;     /* n_channels */
    size_t n_teams;               /* teams */
    cc_sim_team *teams;           /* n_teams */
} cc_simmodel;

/*
 * Allocates a model with every per-interval array zeroed, distributions
 * none, concurrency 1, factors 1, no transfers, strict priority on, interval
 * 1800 s and 48 intervals per day.
 * Free with cc_simmodel_free. Aborts on out of memory.
 */
cc_simmodel *cc_simmodel_new(size_t n_intervals, size_t n_channels, size_t n_teams);

/* Frees the model and everything it owns. Accepts NULL. */
void cc_simmodel_free(cc_simmodel *m);

/*
 * Checks every field for range and consistency (channel indices, per-kind
 * rules such as no patience on email, bot shares). Returns CC_OK or
 * CC_EINVAL with a message naming the channel or team and the field.
 */
cc_status cc_simmodel_validate(const cc_simmodel *m, cc_error *err);

/*
 * A single-queue model (M/M/N, or M/M/N+M when patience_mean_s > 0): one
 * voice channel with Poisson arrivals at `arrivals_per_s`, exponential
 * handle time of mean aht_s, exponential patience, `agents` identical agents
 * and answer-within target_s. The horizon is one interval of horizon_s
 * seconds; max_arrivals > 0 stops arrivals after that many and drains.
 * Free with cc_simmodel_free.
 */
cc_simmodel *cc_simmodel_single_queue(double arrivals_per_s, double aht_s, long agents,
                                      double patience_mean_s, double target_s,
                                      double horizon_s, long max_arrivals);

/*
 * The size of one replication of `m` before running it: *events, the model
 * events it is expected to process, and *bytes, the memory of one workspace
 * (per-interval tables, agents, and a contact pool as large as the busiest
 * day's contacts). Rough by design (within a small factor): it exists to
 * refuse runs that cannot finish or fit (cc_run_check_limits).
 */
void cc_simmodel_estimate(const cc_simmodel *m, int interval_percentiles, double *events,
                          double *bytes);

/* ---- from a scenario ----------------------------------------------------- */

/*
 * Builds the simulation model of scenario `s` (borrowed; the model keeps no
 * pointer into it). On success *out is a model the caller frees with
 * cc_simmodel_free.
 *
 * Mapping notes: staffing per interval is the scenario's time-averaged
 * on-duty count rounded to the nearest agent; shrinkage is the team's total
 * share; every transfer target of a channel is kept with its own share (at
 * most CC_SIM_MAX_TRANSFERS, entering its channel at once); a team's routing
 * rank is its position in the channel's preference list, overflow teams
 * following with their wait thresholds; a team's max_concurrency becomes its
 * skill's session limit, and stretch multipliers are filled up to the largest
 * limit of any team; routing.strict_priority becomes the model's flag.
 * exceptions: CC_EINVAL (more transfer targets than the engine takes; the
 * model fails cc_simmodel_validate).
 */
cc_status cc_simmodel_from_scenario(const cc_scenario *s, cc_simmodel **out, cc_error *err);

/* ---- one replication ---------------------------------------------------- */

/* Workspace of one replication (opaque). */
typedef struct cc_sim cc_sim;

/*
 * What a workspace collects besides the totals. Per-interval counters are
 * always kept (about 100 bytes per interval and channel or team).
 */
typedef struct cc_sim_options {
    int interval_percentiles; /* 1: per-interval wait histograms (348 bytes per interval
                                 and channel) */
} cc_sim_options;

/*
 * Allocates a workspace for `model`, which it borrows: the model must
 * outlive the workspace and stay unchanged. Validates the model first.
 * Call cc_sim_reset before running. Free with cc_sim_free.
 * exceptions: CC_EINVAL (invalid model; *out untouched).
 */
cc_status cc_sim_new(const cc_simmodel *model, const cc_sim_options *opt, cc_sim **out,
                     cc_error *err);

/*
 * Returns the workspace to time 0 for replication `replication` of `seed`:
 * empty calendar, fresh streams, initial staffing and backlog, zeroed
 * statistics. Does not allocate unless the model needs more room than a
 * previous replication did.
 */
void cc_sim_reset(cc_sim *sim, uint64_t seed, uint64_t replication);

/* Kinds of event reported by cc_sim_step. */
typedef enum cc_sim_event_kind {
    CC_EV_NONE = 0,       /* no event (the run is over) */
    CC_EV_ARRIVAL,        /* a fresh contact arrives */
    CC_EV_REPEAT,         /* a retrial, transfer or bounce-back enters its channel */
    CC_EV_BOT_END,        /* a contact leaves the bot */
    CC_EV_COMPLETE,       /* a contact's handle time ends */
    CC_EV_WRAP_END,       /* an agent's after-contact work ends */
    CC_EV_ABANDON,        /* a waiting contact's patience runs out */
    CC_EV_OVERFLOW,       /* a waiting contact reaches a team's overflow threshold */
    CC_EV_INTERVAL,       /* an interval boundary: staffing and statistics */
    CC_EV_WARMUP,         /* the end of the warm-up: totals start */
    CC_EV_STALE,          /* a timer of a contact already answered (no state change) */
} cc_sim_event_kind;

/* One processed event, for single-stepped tests. */
typedef struct cc_sim_event {
    cc_sim_event_kind kind;   /* what happened */
    double time_s;            /* simulation clock, seconds */
    int channel;              /* channel of the contact, or -1 */
    int team;                 /* team of the agent involved, or -1 */
    long agent;               /* agent index within the team, or -1 */
    double wait_s;            /* wait of the contact answered or abandoned, or 0 */
} cc_sim_event;

/*
 * Processes the next event and describes it in *ev (may be NULL). Returns 1
 * when an event was processed, 0 when the run is over (the horizon ended, or
 * arrivals stopped, drain was asked and the system is empty); then the
 * replication's statistics are final.
 */
int cc_sim_step(cc_sim *sim, cc_sim_event *ev);

/* Runs the replication to its end (cc_sim_step until it returns 0). */
void cc_sim_run(cc_sim *sim);

/* The simulation clock, seconds. */
double cc_sim_now(const cc_sim *sim);

/* Contacts waiting in channel `channel`'s queue now. */
long cc_sim_queue_length(const cc_sim *sim, int channel);

/* A team's agents now. */
typedef struct cc_sim_team_state {
    long present;     /* agents on duty and available, plus those finishing work */
    long idle;        /* present agents without work */
    long busy;        /* agents with at least one contact or in wrap-up */
    long sessions;    /* contacts being handled by the team */
    long leaving;     /* agents finishing their work before going off duty */
} cc_sim_team_state;

/* Fills *out with team `team`'s state now. */
void cc_sim_team_state_get(const cc_sim *sim, int team, cc_sim_team_state *out);

/*
 * The finished replication's totals: n_channels channel records and n_teams
 * team records, owned by the workspace, valid until the next reset or free.
 */
const cc_rep_channel *cc_sim_rep_channels(const cc_sim *sim);
const cc_rep_team *cc_sim_rep_teams(const cc_sim *sim);

/* Model events (arrivals, repeats, completions, abandonments) processed. */
uint64_t cc_sim_model_events(const cc_sim *sim);

/* Frees the workspace. Accepts NULL. */
void cc_sim_free(cc_sim *sim);

#ifdef __cplusplus
}
#endif

#endif
