/*
 * Result types of a simulation: the raw totals of each replication, their
 * mean with a 95% Student-t confidence interval across replications, the
 * risk of missing a target, per-interval rows, and the one verdict deciding
 * whether a channel meets its target (cc_channel_verdict). Reports, JSON
 * writers and compare read these; the engine and cc_replicate fill them.
 *
 * Definitions: "presented" contacts reached the agents' queue (offered less
 * deflected, contained by the bot, bounced and still in the bot); service
 * level = answered within T / presented; ASA = mean wait of answered
 * contacts (first-response time for email and social); P(abandon) =
 * abandoned / presented. Per-interval rows are by arrival interval, except
 * backlog and team figures, which are by clock interval.
 */
#ifndef CC_RESULTS_H
#define CC_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "cc_sim.h"
#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CC_RESULTS_NAME_MAX 64

/* A mean over replications with its 95% confidence interval. */
typedef struct cc_estimate {
    double mean;        /* mean over the replications where the value is defined */
    double half_width;  /* 95% Student-t half width; 0 when n < 2 */
    long n;             /* replications where the value is defined (e.g. had contacts) */
} cc_estimate;

/* ---- verdicts: does a channel meet its target? --------------------------- */

/*
 * Counts of one channel pooled over a period and over replications: summed,
 * never averaged, so ratios of them are pooled ratios.
 */
typedef struct cc_pooled {
    double presented;          /* contacts that reached the agents' queue */
    double in_target;          /* answered within the target time T */
    double answered;           /* contacts taken by an agent */
    double wait_answered_s;    /* total wait of the answered contacts, seconds */
    double abandoned;          /* contacts that left the queue */
    double excluded;           /* presented contacts the service level leaves out: by the
                                  target's definition, or pending at the end of the run */
} cc_pooled;

/* The outcome of a verdict. */
typedef enum cc_target_status {
    CC_TARGET_NA = 0,          /* nothing presented: no verdict, never "meets" */
    CC_TARGET_MEETS,           /* every goal and cap met */
    CC_TARGET_MISSES           /* a goal or cap broken (see cc_target_verdict.missed) */
} cc_target_status;

/* Bits of cc_target_verdict.missed: which goal or cap was broken. */
#define CC_MISS_SL 1u          /* pooled service level below its goal */
#define CC_MISS_ASA 2u         /* pooled ASA above max_asa */
#define CC_MISS_ABANDON 4u     /* pooled abandonment above max_abandon */
#define CC_MISS_RISK 8u        /* missed in a larger share of replications than max_risk */

/* Whether a channel meets its target over a set of pooled figures, and why not. */
typedef struct cc_target_verdict {
    cc_target_status status;   /* n/a, meets or misses */
    unsigned missed;           /* CC_MISS_* bits; 0 unless status is CC_TARGET_MISSES */
    double service_level;      /* in_target / (presented - excluded), share; NaN when that is
                                  not positive */
    double asa_s;              /* wait_answered_s / answered, seconds; NaN when none answered */
    double abandon;            /* abandoned / presented, share; NaN when nothing presented */
    cc_sim_target target;      /* the goals and caps judged against (0 = none) */
    cc_target_judging judging; /* scope and max_risk of a verdict at a scope
                                  (cc_scope_attainment); zeroed by cc_channel_verdict */
    double risk;               /* share of replications in which the period missed on its own
                                  counts (cc_scope_attainment); NaN from cc_channel_verdict */
} cc_target_verdict;

/*
 * The one rule deciding whether a channel meets its target; run, sweep,
 * plan options, plan verification and the risk figures all go through it.
 *
 * Over the pooled figures `x` of a period (an interval, a block, a day, the
 * horizon; summed over replications when there are several):
 * - service level = in_target / presented must be >= tg->service_level;
 * - ASA = wait_answered_s / answered must be <= tg->max_asa_s (judged only
 *   when something was answered: with nothing answered the ASA is undefined,
 *   and the service level and abandonment carry the verdict);
 * - abandonment = abandoned / presented must be <= tg->max_abandon.
 * A goal or cap of 0 is not a target. Nothing presented (presented <= 0)
 * gives no verdict, CC_TARGET_NA, never "meets".
 *
 * Sampling error: a figure misses only when it is past its goal or cap by
 * more than the sampling spread of a figure that sat exactly on the goal,
 * over the period's pooled contacts: for a share (SL, abandonment)
 * CC_VERDICT_Z x sqrt(goal x (1 - goal) / presented) (cc_share_tolerance),
 * for the ASA CC_VERDICT_Z x cap / sqrt(answered) (cc_wait_tolerance: waits
 * spread about as much as their mean). A period with a few hundred contacts
 * is not failed for a shortfall of noise size; a horizon of a million
 * contacts is judged to a tenth of a point. The plan aims above the goals
 * by its own margin (see the planner), so another seed reaches the same
 * verdict. Reports show the 95% confidence interval beside the verdict, and
 * the risk (the share of replications missing) says how often one
 * replication alone would miss.
 *
 * Returns the verdict; it copies *tg, so it borrows nothing.
 */
cc_target_verdict cc_channel_verdict(const cc_sim_target *tg, const cc_pooled *x);

/*
 * As cc_channel_verdict with no sampling tolerance: every figure on the
 * right side of its goal or cap. For figures taken as exact, and for a
 * planner that must not lean on the tolerance of its own simulation.
 */
cc_target_verdict cc_exact_verdict(const cc_sim_target *tg, const cc_pooled *x);

/* The verdict's z: a two-sided 95% normal quantile. */
#define CC_VERDICT_Z 1.96

/* The tolerance of a share `goal` over n contacts (0 when n <= 0 or goal is 0 or 1). */
double cc_share_tolerance(double goal, double n);

/* The tolerance of an ASA cap over `answered` contacts (0 when none). */
double cc_wait_tolerance(double cap_s, double answered);

/*
 * Writes why the verdict misses into buf (at most cap bytes, NUL-terminated),
 * one clause per broken goal or cap, joined by ", ", in the order SL, ASA,
 * abandonment, risk, e.g. "abandon 6.1% > 5%", "SL 72.4% < 80%, ASA 41.0 s >
 * 30 s" or "risk 40% > 10%". Writes "" when it meets. For CC_TARGET_NA it
 * writes "no contacts presented", or, for a verdict at a scope whose periods
 * all had too little traffic to judge (figures defined, see
 * cc_period_judged), "too few contacts to judge any day (fewer than 20 per
 * replication)". Returns buf.
 */
char *cc_target_reasons(const cc_target_verdict *v, char *buf, size_t cap);

/* "meets", "misses" or "n/a". The string is static. */
const char *cc_target_status_name(cc_target_status status);

/* ---- verdicts at a scope: every interval, day, week or the horizon ------- */

/* "interval", "day", "week" or "horizon" (the YAML names). The string is static. */
const char *cc_target_scope_name(cc_target_scope scope);

/*
 * Sums over replications behind a period's sampling spread: for each ratio
 * of the verdict (y / x), the sums of x^2, y^2 and x*y of the replications'
 * own counts (the sums of x and y are the pooled counts).
 */
typedef struct cc_period_spread {
    double reps;               /* replications with contacts presented in the period */
    double xx, yy, xy;         /* SL: x = presented - excluded, y = in target */
    double pp, zz, pz;         /* abandonment: p = presented, z = abandoned */
    double aa, ww, aw;         /* ASA: a = answered, w = wait of the answered */
} cc_period_spread;

/* One period (an interval, a day, a week, the horizon) of one channel over a run. */
typedef struct cc_period {
    cc_pooled pooled;          /* its counts summed over every replication */
    double missed_reps;        /* replications whose own counts of the period miss
                                  (cc_channel_verdict) */
    cc_period_spread spread;   /* how the replications' own figures spread */
} cc_period;

/* Adds one replication's counts `x` of a period to its spread sums. */
void cc_period_spread_add(cc_period_spread *sp, const cc_pooled *x);

/*
 * The verdict of a period over several replications: cc_channel_verdict on
 * its pooled counts, each figure's tolerance the larger of the binomial one
 * and the 95% half-width of the pooled ratio from the replications' spread
 * (the ratio estimator's delta-method standard error, Student t with
 * reps - 1 degrees of freedom): queue waits make the contacts of one
 * replication move together, so an interval's figures vary between runs
 * more than independent contacts would.
 */
cc_target_verdict cc_period_verdict(const cc_sim_target *tg, const cc_period *p);

/*
 * The 95% half-widths of a period's pooled service level, abandonment and
 * ASA from its replications' spread (0 with fewer than two replications);
 * any pointer may be NULL.
 */
void cc_period_half_widths(const cc_period *p, double *sl, double *abandon, double *asa_s);

/* Contacts presented per replication, on average, that make a period worth judging. */
#define CC_JUDGE_MIN_CONTACTS 20.0

/*
 * The one traffic rule: whether a period is judged at all. A period is
 * judged when, averaged over the `replications`, at least
 * CC_JUDGE_MIN_CONTACTS contacts were presented in it; the only period of
 * its scope (n_periods == 1: the whole horizon) is judged whenever anything
 * was presented. A quiet night interval with three calls says nothing about
 * staffing; the horizon verdict exists for any traffic. Periods not judged
 * count neither as meeting nor as missing. Returns 1 or 0.
 */
int cc_period_judged(const cc_pooled *pooled, long replications, size_t n_periods);

/* A channel's attainment at one scope, and its verdict there. */
typedef struct cc_attainment {
    /*
     * The verdict at this scope: CC_TARGET_NA when no period is judged,
     * CC_TARGET_MISSES when a judged period fails (its pooled verdict
     * misses, or, with max_risk, its risk is above max_risk), else
     * CC_TARGET_MEETS. Figures, missed bits and risk are the worst judged
     * period's (CC_MISS_RISK added when its risk breaks max_risk); without a
     * judged period, the figures of all periods pooled.
     */
    cc_target_verdict verdict;
    long periods;              /* periods at this scope */
    long judged;               /* of which judged (cc_period_judged) */
    long met;                  /* judged periods whose pooled verdict meets */
    long failed;               /* judged periods that fail: pooled verdict misses, or risk
                                  above max_risk */
    double share_met;          /* met / judged: the attainment; NaN when none judged */
    long worst;                /* index of the worst judged period at this scope; -1 none */
} cc_attainment;

/*
 * The one rule for a channel's verdict at a scope, over the `n` periods `p`
 * of that scope from `replications` replications:
 * - each period is judged or not by cc_period_judged;
 * - a judged period's pooled verdict is cc_channel_verdict(tg, &p[k].pooled);
 *   its risk is p[k].missed_reps / replications;
 * - the scope verdict meets when every judged period's pooled verdict meets
 *   and, when j->has_max_risk, every judged period's risk is <= j->max_risk;
 *   without max_risk only the pooled verdicts count. Sampling error: as
 *   cc_channel_verdict's tolerance, on each period's pooled contacts.
 * The worst period is, in order: a failing one before a passing one; one
 * whose pooled verdict misses before one failing on risk alone; the largest
 * shortfall (the most relative excess over a goal or cap: (goal - SL) /
 * goal, (ASA - cap) / cap, (abandonment - cap) / cap; negative when every
 * figure has room); the highest risk; the earliest.
 * The verdict's judging is *j with scope set to `scope`.
 */
cc_attainment cc_scope_attainment(const cc_sim_target *tg, const cc_target_judging *j,
                                  cc_target_scope scope, const cc_period *p, size_t n,
                                  long replications);

/*
 * Names period `index` of a scope into buf (at most cap bytes) and returns
 * buf: "interval 2026-03-03 10:30" (its start), "day 2026-03-03", "week
 * 2026-03-02 to 2026-03-08" (the last week ends with the horizon),
 * "horizon". With s NULL, by 1-based number: "interval 17", "day 3",
 * "week 2". An index < 0 gives "".
 */
char *cc_target_period_name(const cc_scenario *s, cc_target_scope scope, long index, char *buf,
                            size_t cap);

/* One channel across replications. */
typedef struct cc_channel_summary {
    char name[CC_RESULTS_NAME_MAX]; /* channel name */
    cc_estimate offered;       /* contacts */
    cc_estimate deflected;     /* contacts */
    cc_estimate contained;     /* contacts */
    cc_estimate presented;     /* contacts */
    cc_estimate answered;      /* contacts */
    cc_estimate abandoned;     /* contacts */
    cc_estimate waiting_end;   /* contacts */
    cc_estimate service_level; /* share */
    cc_estimate asa_s;         /* seconds */
    cc_estimate mean_wait_s;   /* all answered and abandoned, seconds */
    cc_estimate p_wait;        /* share of presented that queued */
    cc_estimate p_abandon;     /* share of presented */
    cc_estimate aht_s;         /* mean handle time, seconds */
    cc_estimate acw_s;         /* mean wrap-up time, seconds */
    cc_estimate bot_time_s;    /* mean time in the bot of those that left it, seconds */
    cc_estimate containment;   /* contained / bot_entered */
    cc_estimate mean_queue;    /* time-average queue length, contacts */
    cc_estimate max_queue;     /* contacts */
    cc_estimate wait_p50_s;    /* seconds */
    cc_estimate wait_p90_s;    /* seconds */
    cc_estimate wait_p99_s;    /* seconds */
    double risk;               /* share of replications whose horizon missed the target */
    /*
     * Per replication, the share of its intervals (days) with any contact
     * presented that missed on its own counts; the figures of earlier
     * versions, kept as they were for the committed baselines. Verdicts and
     * attainment judge only the periods cc_period_judged admits.
     */
    cc_estimate risk_intervals; /* share of intervals with contacts that missed */
    cc_estimate risk_days;     /* share of days with contacts that missed */
    cc_pooled pooled;          /* horizon counts summed over every replication */
    /*
     * The channel's verdict at the scope of its target (judging.scope):
     * at[judging.scope].verdict. Every "meets target" of run, sweep and the
     * plan options reads this.
     */
    cc_target_verdict verdict;
    cc_target_judging judging; /* the channel's scope and max_risk */
    /*
     * Attainment at every scope, indexed by cc_target_scope (interval, day,
     * week, horizon), each by cc_scope_attainment on the run's periods with
     * the channel's judging (max_risk applies at every scope). Without
     * max_risk, at[CC_SCOPE_HORIZON].verdict has the status and figures of
     * cc_channel_verdict of `pooled`.
     */
    cc_attainment at[CC_SCOPES];
} cc_channel_summary;

/*
 * One line stating a channel's attainment and its verdict at its scope, for
 * terminal tables (the channel name not included), e.g.
 *   "SL 81.7% (horizon)  intervals meeting 71% (340/480)  days meeting 70%
 *    (21/30)  verdict: misses at day scope - day 2026-11-27: SL 20.1% < 80%
 *    (risk 100%)"
 * (with an em dash before the period). A scope is listed when it has more
 * than one period and a judged one; the horizon's SL is the pooled one. A
 * channel that meets names its worst period and that period's risk; one
 * without a verdict says why. s (may be NULL) dates the periods. Writes at
 * most cap bytes into buf and returns buf.
 */
char *cc_target_attainment_line(const cc_scenario *s, const cc_channel_summary *x, char *buf,
                                size_t cap);

/* One team across replications. */
typedef struct cc_team_summary {
    char name[CC_RESULTS_NAME_MAX]; /* team name */
    cc_estimate occupancy;     /* busy / present */
    cc_estimate utilisation;   /* chat sessions / chat session slots, when in chat mode */
    /*
     * Teams serving a chat-like channel with concurrency (n = 0 otherwise):
     * the share of available agents holding at least one chat, and open
     * chats / capacity (available agents x the team's sessions per agent).
     * The plan's session occupancy is the second.
     */
    cc_estimate holding_chat;
    cc_estimate open_chats;
    cc_estimate agent_hours;   /* present agent-hours */
    cc_estimate paid_hours;    /* scheduled agent-hours */
    cc_estimate handled;       /* contacts */
    cc_estimate cost;          /* currency units */
} cc_team_summary;

/* One channel in one interval across replications. */
typedef struct cc_interval_channel {
    cc_estimate offered;       /* contacts arriving in the interval */
    cc_estimate deflected;     /* contacts */
    cc_estimate contained;     /* contacts */
    cc_estimate answered;      /* contacts */
    cc_estimate abandoned;     /* contacts */
    cc_estimate presented;     /* contacts that reached the queue */
    cc_estimate in_target;     /* answered within the target time */
    cc_estimate short_abandoned; /* abandoned within target.short_abandon_s */
    cc_estimate pending;       /* still waiting at the end, target time not passed */
    /*
     * The pooled service level over the replications, sum of in_target /
     * sum of (presented - excluded), with a delta-method 95% interval (n:
     * replications with a positive denominator); not the mean of
     * per-replication ratios, which overstates it where counts are small.
     */
    cc_estimate service_level;
    cc_estimate asa_s;         /* seconds */
    cc_estimate aht_s;         /* seconds */
    cc_estimate p_abandon;     /* share */
    cc_estimate backlog_end;   /* contacts waiting at the interval's end */
    double wait_p50_s;         /* pooled over replications; NaN without answered contacts */
    double wait_p90_s;         /* seconds */
    double wait_p99_s;         /* seconds */
    double risk;               /* share of replications whose interval missed the target */
    cc_pooled pooled;          /* the interval's counts summed over every replication */
} cc_interval_channel;

/* One team in one interval across replications. */
typedef struct cc_interval_team {
    cc_estimate agents;        /* mean agents present over the interval */
    cc_estimate occupancy;     /* busy / present */
    cc_estimate utilisation;   /* chat sessions / slots */
    cc_estimate handled;       /* contacts completed in the interval */
    double paid_hours;         /* scheduled agent-hours */
    cc_estimate cost;          /* currency units */
} cc_interval_team;

/* Everything a run produces. Owned by the caller of cc_replicate. */
typedef struct cc_results {
    size_t n_channels;              /* channels */
    size_t n_teams;                 /* teams */
    size_t n_intervals;             /* horizon intervals */
    double interval_s;              /* interval length, seconds */
    long replications;              /* replications run */
    uint64_t seed;                  /* base seed */
    cc_channel_summary *channels;   /* n_channels */
    cc_team_summary *teams;         /* n_teams */
    cc_rep_channel *rep_channels;   /* [r * n_channels + c], replication r's raw totals */
    cc_rep_team *rep_teams;         /* [r * n_teams + t] */
    cc_interval_channel *intervals; /* [i * n_channels + c]; NULL without interval statistics */
    cc_interval_team *team_intervals; /* [i * n_teams + t]; NULL without interval statistics */
    uint64_t model_events;          /* arrivals + completions + abandonments, all replications */
    size_t n_periods[CC_SCOPES];    /* periods per channel at each scope: intervals, days
                                       (intervals_per_day each), 7-day weeks, 1 horizon */
    cc_period *periods;             /* every channel's periods; see cc_results_periods */
} cc_results;

/* Frees the results and every array in them. Accepts NULL. */
void cc_results_free(cc_results *res);

/*
 * The periods of `channel` at `scope` (res->n_periods[scope] of them, in
 * time order), from which its cc_attainment was computed. Intervals, days
 * and weeks hold the per-interval counts by arrival interval, leaving out
 * intervals that end within the warm-up; the horizon holds the
 * replications' totals. Borrowed from res.
 */
const cc_period *cc_results_periods(const cc_results *res, size_t channel,
                                    cc_target_scope scope);

/*
 * Mean and 95% Student-t confidence interval of values[0..n-1] taken every
 * `stride` doubles, skipping NaN (undefined) values.
 */
cc_estimate cc_estimate_of(const double *values, size_t n, size_t stride);

/* ---- replications ------------------------------------------------------- */

/* Options of cc_replicate. */
typedef struct cc_run_options {
    long replications;        /* >= 1 */
    uint64_t seed;            /* base seed; replication r uses streams keyed by (seed, r) */
    int threads;              /* OpenMP threads; 0 = the runtime's default */
    int interval_stats;       /* per-interval results (cc_results.intervals) */
    int interval_percentiles; /* per-interval wait percentiles (pooled histograms) */
    /*
     * Optional progress report, called once per finished replication in
     * replication order, never concurrently, with the count done so far and
     * the total; NULL = none.
     */
    void (*progress)(void *ctx, long done, long total);
    void *progress_ctx;       /* passed to progress */
    int no_limits;            /* 1: run even beyond the event and memory limits
                                 (cc_run_check_limits); default 0 */
} cc_run_options;

/* 20 replications, seed 1, default threads, per-interval statistics on. */
cc_run_options cc_run_options_default(void);

/* Model events a run may be expected to process, all replications together. */
#define CC_RUN_MAX_EVENTS 1e10

/*
 * The threads cc_replicate uses: opt->threads (0: the OpenMP default), at
 * most the machine's cores and the replications, at least 1.
 */
int cc_run_threads(const cc_run_options *opt);

/* The memory a run may be expected to need: 3/4 of the machine's, bytes. */
double cc_run_memory_limit(void);

/*
 * Whether a run of `model` with `opt` fits before it starts: the events
 * (cc_simmodel_estimate times the replications) at most CC_RUN_MAX_EVENTS
 * and the memory (a workspace per thread, the merged results) at most
 * cc_run_memory_limit(). cc_tasks_run (so cc_replicate) calls it for every
 * point unless opt->no_limits.
 * exceptions: CC_EINVAL (over a limit; the message gives the estimate and
 * the limit).
 */
cc_status cc_run_check_limits(const cc_simmodel *model, const cc_run_options *opt,
                              cc_error *err);

/*
 * What the run's own limits changed, one line each ending in '\n': a drain
 * stopped by model->drain_limit_s, customers who gave up at max_attempts,
 * transfers refused at max_transfers. Returns buf, or NULL when none applied.
 */
char *cc_results_limit_notes(const cc_simmodel *model, const cc_results *res, char *buf,
                             size_t cap);

/*
 * Runs opt->replications independent replications of `model` (borrowed) in
 * parallel and merges them in replication order, so *out is bit-identical
 * for any thread count. *out is owned by the caller: cc_results_free.
 * exceptions: CC_EINVAL (invalid model or options; *out untouched).
 */
cc_status cc_replicate(const cc_simmodel *model, const cc_run_options *opt, cc_results **out,
                       cc_error *err);

#ifdef __cplusplus
}
#endif

#endif
