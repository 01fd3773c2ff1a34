/*
 * Plans: a scenario turned into interval requirements per channel with an
 * explainable chain (workload -> Erlang -> occupancy cap -> shrinkage ->
 * scheduled -> FTE), allocated to teams, checked by simulation when asked,
 * rostered by integer programming, summed into weekly FTE and hiring, and
 * repeated for every plan option (cc_planner, at the end of this header).
 * The building blocks come first; their inputs are plain structs
 * independent of the scenario, so any program can map onto them.
 */
#ifndef CC_PLAN_H
#define CC_PLAN_H

#include <stddef.h>
#include <stdio.h>

#include <stdint.h>

#include "cc_erlang.h"
#include "cc_results.h"
#include "cc_scenario.h"
#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================== */
/* Interval requirements                                                    */
/* ======================================================================== */

/*
 * How a channel's contacts are served.
 * Immediate channels (voice, chat, messaging) queue and are staffed with
 * Erlang C or Erlang A per interval. Deferred channels (email, social) are
 * staffed so that the work arriving over the response window is done within
 * that window (the rolling-window rule, see cc_plan_requirement_new).
 */
typedef enum cc_plan_kind {
    CC_PLAN_IMMEDIATE = 0,      /* queued contacts, Erlang staffing */
    CC_PLAN_DEFERRED,           /* backlog work, rolling response window */
} cc_plan_kind;

/* Queueing model for immediate channels. */
typedef enum cc_plan_method {
    CC_PLAN_ERLANG_C = 0,       /* no abandonment (patience ignored) */
    CC_PLAN_ERLANG_A,           /* exponential patience patience_s; Erlang C when it is 0 */
} cc_plan_method;

/* How shrinkage turns net agents into scheduled (gross) agents (README.md, "Shrinkage: both formulas"). */
typedef enum cc_shrinkage_formula {
    CC_SHRINKAGE_DIVISIVE = 0,       /* gross = net / (1 - s), the industry's formula (default) */
    CC_SHRINKAGE_MULTIPLICATIVE,     /* gross = net x (1 + s), the guide's formula */
} cc_shrinkage_formula;

/* Largest concurrency (parallel sessions per agent) accepted. */
#define CC_PLAN_MAX_CONCURRENCY 32

/*
 * One channel over a horizon of equal intervals. Arrays are borrowed for the
 * call and hold n_intervals values; the *_by_interval arrays are optional
 * (NULL = use the scalar for every interval). Interval 0 starts at 00:00 of
 * day 0 of the horizon. Initialise with cc_plan_channel_init, then set fields.
 */
typedef struct cc_plan_channel {
    const char *name;               /* channel name for explain text, may be NULL */
    cc_plan_kind kind;              /* immediate or deferred */
    cc_plan_method method;          /* immediate only: Erlang C or Erlang A */
    size_t n_intervals;             /* intervals in the horizon, >= 1 */
    double interval_s;              /* interval length, seconds (900, 1800, 3600, ...) */
    const double *contacts;         /* contacts reaching agents (after deflection and bot) */
    const double *deflected;        /* contacts deflected (self-service), or NULL */
    const double *contained;        /* contacts resolved by the bot, per interval, or NULL */
    double initial_backlog;         /* deferred: contacts open at the start (interval 0) */
    double aht_s;                   /* mean handle (talk) time, seconds, > 0 */
    const double *aht_s_by_interval;    /* per-interval AHT, seconds, or NULL */
    double wrap_s;                  /* after-contact work per contact, seconds, >= 0 */
    const double *wrap_s_by_interval;   /* per-interval wrap-up, seconds, or NULL */
    double patience_s;              /* mean exponential patience, seconds; 0 = none */
    double answer_within_s;         /* threshold T; deferred: response window, seconds */
    double service_level;           /* immediate: share answered within T, (0, 1]; 0 = no SL target */
    double max_asa_s;               /* immediate: maximum ASA, seconds; 0 = no target */
    double max_abandon;             /* immediate, Erlang A: maximum P(abandon), (0, 1]; 0 = no target */
    double max_occupancy;           /* occupancy cap, (0, 1]; 0 = no cap */
    cc_sl_definition sl_definition; /* how the service level is counted */
    int concurrency;                /* sessions an agent holds at once, k >= 1 */
    const double *stretch;          /* k AHT multipliers, [j-1] with j sessions open, or NULL */
    double concurrency_overhead;    /* no stretch: AHT x (1 + overhead x (k - 1)), share */
    double shrinkage;               /* total shrinkage share, [0, 1) */
    const double *shrinkage_by_interval; /* per-interval shrinkage share, or NULL */
    cc_shrinkage_formula shrinkage_formula; /* formula used for gross agents */
    double hours_per_fte_week;      /* paid hours of one FTE per week, hours, > 0 */
} cc_plan_channel;

/* Bits of cc_plan_interval.flags. */
#define CC_PLAN_F_ZERO        0x1u  /* no work (under 1e-6 contacts per hour): agents 0, no solve */
#define CC_PLAN_F_CAP_BINDING 0x2u  /* the occupancy cap raised the Erlang requirement */
#define CC_PLAN_F_CACHED      0x4u  /* Erlang figures reused from an identical earlier interval */

/*
 * One interval's chain. Every rounded figure is the ceiling of the fractional
 * figure beside it (less 1e-9, so 20.0000000001 stays 20), and rounding never
 * feeds the next stage: gross = net_agents / (1 - s), not ceil(net) / (1 - s).
 */
typedef struct cc_plan_interval {
    double contacts;                /* contacts reaching agents */
    double deflected;               /* contacts deflected before arriving */
    double contained;               /* contacts resolved by the bot */
    double aht_s;                   /* handle (talk) time before stretch, seconds */
    double wrap_s;                  /* wrap-up, seconds */
    double stretch;                 /* handle-time multiplier at full concurrency (1 when k = 1) */
    double handle_s;                /* aht_s x stretch + wrap_s, seconds */
    double workload_erlangs;        /* contacts x handle_s / interval_s: sessions busy on average */
    double window_erlangs;          /* deferred: work of the last window / window, erlangs */
    long erlang_servers;            /* immediate: Erlang requirement (agents, or sessions when k > 1) */
    cc_erlang_result erlang;        /* immediate: figures at erlang_servers */
    long capped_servers;            /* immediate: servers after the occupancy cap */
    cc_erlang_result capped;        /* immediate: figures at capped_servers */
    double net_agents;              /* capped_servers / k; deferred: window_erlangs / cap; agents */
    long net_agents_rounded;        /* ceil(net_agents) */
    double shrinkage;               /* shrinkage share used in this interval */
    double gross_divisive;          /* net_agents / (1 - shrinkage), agents */
    double gross_multiplicative;    /* net_agents x (1 + shrinkage), agents */
    double gross_agents;            /* the one of the two the channel names, agents */
    long scheduled_agents;          /* ceil(gross_agents) */
    double fte_net;                 /* net_agents x interval hours / hours_per_fte_week, FTE-weeks */
    double fte_gross;               /* gross_agents x interval hours / hours_per_fte_week, FTE-weeks */
    double fte_scheduled;           /* scheduled_agents x interval h / FTE week h, FTE-weeks */
    unsigned flags;                 /* CC_PLAN_F_* */
} cc_plan_interval;

/* Sums over the horizon. */
typedef struct cc_plan_totals {
    double contacts;                /* contacts reaching agents */
    double deflected;               /* contacts deflected */
    double contained;               /* contacts resolved by the bot */
    double workload_hours;          /* sum of workload_erlangs x interval hours, hours */
    double net_agent_hours;         /* sum of net_agents x interval hours, hours */
    double gross_agent_hours;       /* sum of gross_agents x interval hours, hours */
    double scheduled_agent_hours;   /* sum of scheduled_agents x interval hours, hours */
    double fte_net;                 /* net_agent_hours / hours_per_fte_week, FTE-weeks */
    double fte_gross;               /* gross_agent_hours / hours_per_fte_week, FTE-weeks */
    double fte_scheduled;           /* scheduled_agent_hours / hours_per_fte_week, FTE-weeks */
    long peak_scheduled;            /* largest scheduled_agents of any interval */
    size_t n_solves;                /* Erlang staffing searches run */
    size_t n_cached;                /* intervals that reused an earlier identical search */
    size_t n_cap_binding;           /* intervals where the occupancy cap bound */
} cc_plan_totals;

/*
 * The requirement of one channel: rows plus a copy of the settings the
 * explain text quotes. Owned by the caller; free with cc_plan_requirement_free.
 */
typedef struct cc_plan_requirement {
    char *name;                     /* channel name ("" when none was given) */
    cc_plan_kind kind;              /* as given */
    cc_plan_method method;          /* as given */
    double interval_s;              /* interval length, seconds */
    size_t n_intervals;             /* rows in `intervals` */
    cc_plan_interval *intervals;    /* one row per interval */
    cc_plan_totals totals;          /* sums over the rows */
    int concurrency;                /* k */
    double answer_within_s;         /* T or the response window, seconds */
    double service_level;           /* SL target, 0 = none */
    double max_asa_s;               /* ASA target, seconds, 0 = none */
    double max_abandon;             /* abandonment target, 0 = none */
    double max_occupancy;           /* occupancy cap, 0 = none */
    double patience_s;              /* mean patience used, seconds (0 under Erlang C) */
    cc_sl_definition sl_definition; /* how the service level is counted */
    double initial_backlog;         /* deferred: contacts open at the start, counted in interval 0 */
    cc_shrinkage_formula shrinkage_formula; /* formula used for gross agents */
    double hours_per_fte_week;      /* FTE basis, hours */
} cc_plan_requirement;

/*
 * Sets defaults: immediate, Erlang C, 1800 s intervals, concurrency 1, no
 * stretch, SL 0.8 within 20 s, no cap, no shrinkage (divisive),
 * 40 hours per FTE week. Array pointers are NULL; n_intervals is 0.
 */
void cc_plan_channel_init(cc_plan_channel *ch);

/*
 * Computes the requirement chain of every interval of `ch`.
 *
 * Immediate channels: the workload of interval i is A = contacts x handle_s /
 * interval_s, with handle_s = aht_s x stretch + wrap_s. With concurrency k the
 * handle time is stretched as if every session ran at full concurrency
 * (stretch[k-1], or 1 + concurrency_overhead x (k - 1)): a conservative
 * choice, since agents below k open sessions work faster. cc_staff_solve
 * finds the fewest servers meeting the SL, ASA and abandonment targets
 * (servers are sessions when k > 1); if the occupancy there exceeds the cap,
 * cc_staff_solve is run again with the cap as a target (so under concurrency
 * the cap limits session occupancy). Then net agents = servers / k, rounded
 * up. Identical inputs (rate and handle time) are solved once per channel;
 * intervals without work (under 1e-6 contacts per hour) are 0 without a solve.
 *
 * Deferred channels: every contact's work is spread evenly over the W =
 * answer_within_s seconds that start with its arrival interval, so interval
 * i needs window_erlangs = (work arriving in the W seconds ending at the end
 * of interval i) / W agents, the oldest interval counted pro rata when W is
 * not a whole number of intervals (W shorter than an interval counts only
 * interval i, giving its own workload). Example: W = 4 h, 30-min intervals:
 * agents(i) = sum of contacts x handle_s over intervals i-7..i / 14400 s.
 * The initial backlog counts as work arriving in interval 0. The occupancy
 * cap then divides: net = window_erlangs / cap. Service-level targets are not
 * used (the window is the target).
 *
 * Both shrinkage formulas are reported; the channel's formula gives gross.
 *
 * On success *out owns a new requirement (free with cc_plan_requirement_free).
 * exceptions: CC_EINVAL (an input out of range, naming the field and the
 *             interval), CC_EINFEASIBLE (no staffing meets the targets in
 *             some interval; the message names it).
 */
cc_status cc_plan_requirement_new(const cc_plan_channel *ch, cc_plan_requirement **out,
                                  cc_error *err);

/* Frees a requirement and everything it owns. Accepts NULL. */
void cc_plan_requirement_free(cc_plan_requirement *req);

/*
 * Writes the chain of interval `index` as text to `out`, one stage a line,
 * each with the arithmetic that produced it (for `--explain INTERVAL`). The
 * Erlang stage also shows the figures one server fewer would give and which
 * target they miss, so the binding target is visible.
 * Numbers are printed with fixed precision: contacts and erlangs with 3
 * decimals, agents with 3 decimals (fractional) or as integers (rounded),
 * seconds with 1 decimal, shares with 4 decimals.
 * exceptions: CC_EINVAL (index out of range), CC_EIO (write failed).
 */
cc_status cc_plan_requirement_explain(const cc_plan_requirement *req, size_t index, FILE *out,
                                      cc_error *err);

/*
 * As cc_plan_requirement_explain, returning the text in a new string the
 * caller frees with free(). Returns NULL on error (err filled).
 */
char *cc_plan_requirement_explain_string(const cc_plan_requirement *req, size_t index,
                                         cc_error *err);

/* ======================================================================== */
/* Weekly aggregation                                                       */
/* ======================================================================== */

/*
 * One week of the horizon (weeks count from the horizon start, 7 days each;
 * the last may be partial). The sums accumulate over channels; the FTE
 * fields are derived: agent hours / (hours_per_fte_week x days / 7), so a
 * partial week is prorated.
 */
typedef struct cc_plan_week {
    double days;                    /* days of the horizon in this week, (0, 7] */
    double hours_per_fte_week;      /* FTE basis, hours */
    double contacts;                /* contacts reaching agents */
    double workload_hours;          /* workload agent-hours (chat sessions / concurrency) */
    double net_agent_hours;         /* net agent-hours */
    double gross_agent_hours;       /* gross agent-hours (fractional, with shrinkage) */
    double scheduled_agent_hours;   /* rounded scheduled agent-hours */
    double fte_net;                 /* required FTE without shrinkage */
    double fte_gross;               /* required FTE with shrinkage (fractional) */
    double fte_scheduled;           /* FTE from rounded scheduled agents */
    double occupancy;               /* workload_hours / net_agent_hours, 0 when no agents */
} cc_plan_week;

/* Number of weeks a horizon of n_intervals x interval_s spans (ceil of days / 7). */
size_t cc_plan_week_count(size_t n_intervals, double interval_s);

/*
 * Adds one channel's requirement into weeks[0..n_weeks) (zero the array
 * first), then recomputes the derived fields. Every requirement added to the
 * same array must share hours_per_fte_week.
 * exceptions: CC_EINVAL (n_weeks too small, or a different FTE basis).
 */
cc_status cc_plan_weeks_add(const cc_plan_requirement *req, cc_plan_week *weeks, size_t n_weeks,
                            cc_error *err);

/* ======================================================================== */
/* Shift plan (integer programme, GLPK)                                     */
/* ======================================================================== */

/*
 * A family of shift templates: starts every start_step_s from first_start_s
 * to last_start_s (seconds after midnight), each length_s long, or of every
 * length from length_s to max_length_s in steps of length_step_s (a shift may
 * cross midnight), with breaks inside. All times must be whole multiples of
 * the interval length.
 *
 * Breaks: either the legacy single unpaid break (break_s at break_offset_s)
 * or up to CC_SHIFT_MAX_BREAKS entries of `breaks`, each with a window of
 * starts in which the programme places it (on the interval grid). The
 * windows of breaks that apply to the same shift must not overlap (a break
 * ends, at its latest, no later than the next one may start), and every
 * window must leave work before and after the break.
 */
#define CC_SHIFT_MAX_BREAKS CC_MAX_SHIFT_BREAKS /* breaks per shift rule (4) */

/* A break a rule places inside its shifts. */
typedef struct cc_shift_break {
    double length_s;                /* break length, seconds, > 0 */
    int paid;                       /* nonzero: paid (in the paid hours) but off the phones */
    double earliest_s;              /* earliest start, seconds after the shift start, > 0 */
    double latest_s;                /* latest start, seconds after the shift start, >= earliest_s;
                                       equal: a fixed start */
    double shifts_over_s;           /* applies to shifts longer than this, seconds; 0 = all */
} cc_shift_break;

typedef struct cc_shift_rule {
    const char *name;               /* rule name for reports, may be NULL */
    double first_start_s;           /* earliest start, seconds after midnight, [0, 86400) */
    double last_start_s;            /* latest start, seconds after midnight, >= first_start_s */
    double start_step_s;            /* spacing of starts, seconds; 0 = only first_start_s */
    double length_s;                /* time on site (the shortest when a range), seconds, > 0 */
    double max_length_s;            /* longest time on site, seconds; 0 = only length_s */
    double length_step_s;           /* spacing of lengths, seconds; 0 = start_step_s, else
                                       the interval */
    double break_offset_s;          /* legacy unpaid break start, seconds after the shift start */
    double break_s;                 /* legacy unpaid break length, seconds; 0 = none */
    double paid_s;                  /* paid time, seconds; 0 = time on site minus unpaid breaks;
                                       > 0 only with a single length */
    int n_breaks;                   /* entries of `breaks`; > 0 excludes the legacy break */
    cc_shift_break breaks[CC_SHIFT_MAX_BREAKS]; /* breaks placed by the programme */
    unsigned days_mask;             /* bit d set = may start on weekday d (0 = Monday); 0 = every day */
    long min_agents;                /* at least this many start at every allowed start and day
                                       (all lengths of the start together) */
    long max_agents;                /* at most this many per start and day; 0 = no limit */
} cc_shift_rule;

/*
 * A service row of a least-cost roster (see cc_shift_service): over
 * intervals first..last, the agents above the floor must add at least
 * `need` to figure `measure`; each unit short costs `penalty` paid hours.
 */
typedef struct cc_service_row {
    size_t first, last;             /* intervals, inclusive */
    size_t measure;                 /* index of the gain table */
    double need;                    /* what the agents above the floor must add, > 0 */
    double penalty;                 /* paid hours per unit short; 0 = the row is hard */
} cc_service_row;

/*
 * Service rows instead of a fixed requirement: `required` becomes a floor,
 * and agents above it count towards the rows. With z[i][k] in [0, 1] the
 * (k+1)-th agent above the floor on duty in interval i, every row asks
 * sum over its intervals and k of gain[(measure * n_intervals + i) * steps + k]
 * x z[i][k] >= need. Gains must not increase with k (concave figures), so
 * the agents are counted in order; the programme is then exact for them.
 * Rows count in the block holding all their intervals (with block_days 7,
 * rows must not cross a week from day 0). The plan's `needed` becomes the
 * floor plus the agents above it the rows used.
 */
typedef struct cc_shift_service {
    size_t steps;                   /* agents above the floor an interval may count */
    size_t n_measures;              /* gain tables */
    const double *gain;             /* [n_measures][n_intervals][steps] */
    const cc_service_row *rows;     /* the rows */
    size_t n_rows;
} cc_shift_service;

/* The covering problem. */
typedef struct cc_shift_problem {
    size_t n_intervals;             /* intervals in the horizon; a whole number of days */
    double interval_s;              /* interval length, seconds */
    const double *required;         /* agents needed per interval (ceil is covered) */
    int first_weekday;              /* weekday of day 0, 0 = Monday .. 6 = Sunday */
    const cc_shift_rule *rules;     /* allowed shift rules */
    size_t n_rules;                 /* number of rules, >= 1 */
    int soft_coverage;              /* nonzero: under-coverage allowed at under_penalty */
    double under_penalty;           /* cost of one agent-hour short, in paid hours; 0 = 100 */
    double time_limit_s;            /* per block; 0 = none. The best plan found so far is kept */
    double mip_gap;                 /* relative gap accepted as optimal; 0 = proven optimal */
    int block_days;                 /* 0 = one programme for the horizon; 7 = week by week */
    double part_time_below_s;       /* shifts shorter than this (time on site) are part-time,
                                       seconds; 0 = no part-time limit */
    double part_time_max_share;     /* at most this share of the shifts starting in each 7-day
                                       week (from day 0) are part-time, [0, 1] */
    const cc_shift_service *service; /* NULL: cover `required`; else `required` is a floor and
                                        the service rows ask for more (least_cost.c) */
    int heuristic_only;             /* 1: keep the dive and local re-solves' plan, no
                                       branch-and-cut: the same plan on any machine when
                                       time_limit_s is 0 */
} cc_shift_problem;

/* A break as placed in one shift. */
typedef struct cc_shift_break_at {
    double offset_s;                /* start, seconds after the shift start */
    double length_s;                /* seconds */
    int paid;                       /* nonzero: paid break */
} cc_shift_break_at;

/* Agents starting on one template on one day with the same breaks. */
typedef struct cc_shift_start {
    long day;                       /* day of the horizon, 0-based; < 0 = before it (night shifts) */
    size_t rule;                    /* index into problem->rules */
    double start_s;                 /* start, seconds after midnight */
    long agents;                    /* agents starting, >= 1 */
    double length_s;                /* time on site, seconds */
    double paid_s;                  /* paid time of one shift, seconds */
    int n_breaks;                   /* entries of `breaks` (the legacy break included) */
    cc_shift_break_at breaks[CC_SHIFT_MAX_BREAKS]; /* by start */
} cc_shift_start;

/* The plan. Owned by the caller; free with cc_plan_shifts_free. */
typedef struct cc_shift_plan {
    size_t n_intervals;             /* rows in the arrays below */
    long *needed;                   /* ceil(required) per interval, agents */
    long *coverage;                 /* agents on duty (not on break) per interval */
    size_t n_starts;                /* entries in `starts` */
    cc_shift_start *starts;         /* nonzero starts, by day then rule, start time and length */
    long n_shifts;                  /* sum of agents over starts */
    double paid_hours;              /* sum of paid hours of every shift, hours */
    double over_agent_hours;        /* sum of max(0, coverage - needed) x interval hours */
    double under_agent_hours;       /* sum of max(0, needed - coverage) x interval hours */
    size_t n_under_intervals;       /* intervals with coverage below needed */
    size_t n_blocks;                /* programmes solved */
    size_t n_blocks_optimal;        /* of which proven optimal (within mip_gap) */
    int optimal;                    /* nonzero when every block is proven optimal */
    size_t n_variables;             /* integer shift variables over all blocks */
    size_t n_break_variables;       /* integer break variables over all blocks */
    size_t n_rows;                  /* constraints over all blocks */
    long n_part_time;               /* shifts shorter than part_time_below_s (0 without it) */
} cc_shift_plan;

/*
 * Chooses how many agents start on each allowed template on each day so that
 * coverage >= ceil(required) in every interval at the fewest paid hours
 * (with soft coverage: paid hours + under_penalty x short agent-hours).
 * Agents on a break (paid or unpaid) do not cover. Solved with GLPK: the
 * relaxation (its cost bounds the plan), a rounding dive and RINS
 * neighbourhoods for a plan, and branch-and-cut (glp_intopt) from that plan
 * only when it is not within mip_gap of the bound. The time limit covers
 * all of them.
 *
 * Breaks with a window are placed implicitly: the programme chooses how
 * many breaks of each kind start in each interval, and linking rows make
 * sure the breaks can be handed out one per shift inside each shift's
 * window; the hand-out (first window first) is done after the solve, and
 * the starts list one entry per distinct set of break times.
 *
 * With block_days > 0 the horizon is solved as a rolling horizon: each block
 * is solved together with a look-ahead of the following days that its
 * shifts can reach (so a Sunday night shift is weighed against Monday's
 * morning need), only the block's own starts are kept, and their coverage
 * past the block's end is fixed coverage for the next block. Night shifts
 * may start before day 0 (day -1) when they reach into the horizon; minimum
 * agents and the part-time share do not apply to them. Every shift's paid
 * hours count in full, even the part outside the horizon.
 *
 * GLPK's terminal output is silenced per call (message level off) and its
 * terminal switch is turned off and restored around the call; GLPK keeps
 * that switch per thread, so concurrent calls from different threads are safe.
 * GLPK also keeps a small environment per thread; a worker thread that is
 * about to exit may release it with glp_free_env().
 *
 * exceptions: CC_EINVAL (bad rule or problem), CC_EINFEASIBLE (hard coverage,
 *             minimum agents or the part-time share cannot be met; the
 *             message names the first block), CC_ENOCONV (time limit reached
 *             before any plan), CC_ENUMERIC (GLPK failed).
 */
cc_status cc_plan_shifts_solve(const cc_shift_problem *p, cc_shift_plan **out, cc_error *err);

/* Frees a shift plan. Accepts NULL. */
void cc_plan_shifts_free(cc_shift_plan *plan);

/* ======================================================================== */
/* Headcount and hiring plan                                                */
/* ======================================================================== */

/* When to hire. */
typedef enum cc_hire_policy {
    CC_HIRE_TO_REQUIRED = 0,        /* hire so productive FTE >= required every week it can */
    CC_HIRE_BEYOND_OVERTIME,        /* hire only beyond overtime: FTE x (1 + cap) >= required */
} cc_hire_policy;

/*
 * Weekly supply against demand. Week 0 is the current week; a hire decided
 * in week d starts in week d + lead_weeks and is productive from week
 * d + lead_weeks + training_weeks. Headcount is counted in FTE.
 */
typedef struct cc_headcount_input {
    size_t n_weeks;                 /* weeks in the plan, >= 1 */
    const double *required_fte;     /* required FTE with shrinkage (gross), per week */
    const double *required_fte_net; /* required FTE without shrinkage, or NULL (echoed) */
    double hours_per_fte_week;      /* paid hours of one FTE per week, hours, > 0 */
    double headcount;               /* productive FTE at the start of week 0 */
    double attrition_monthly;       /* share leaving per month, [0, 1) */
    int lead_weeks;                 /* weeks from decision to start, >= 0 */
    int training_weeks;             /* weeks from start to productive, >= 0 */
    double overtime_cap;            /* overtime hours allowed, share of available hours, >= 0 */
    cc_hire_policy policy;          /* when to hire */
    double cost_per_paid_hour;      /* in-house loaded cost per paid hour (trainees included) */
    double overtime_cost_per_hour;  /* cost per overtime hour */
    double vendor_cost_per_hour;    /* cost per vendor hour */
    double cost_per_hire;           /* one-off cost per hire, charged in the start week */
} cc_headcount_input;

/* One week of the plan. */
typedef struct cc_headcount_week {
    double required_fte;            /* required FTE with shrinkage */
    double required_fte_net;        /* required FTE without shrinkage (0 when not given) */
    double available_fte;           /* productive FTE during the week */
    double trainees;                /* hires in training during the week, FTE */
    double leavers;                 /* productive FTE leaving during the week */
    long hires_decided;             /* hires to decide this week (they start lead_weeks later) */
    long hires_starting;            /* hires starting this week */
    double gap_fte;                 /* required - available; negative = surplus */
    double gap_pct;                 /* gap_fte / required_fte (0 when nothing is required) */
    double overtime_hours;          /* gap hours covered by overtime */
    double vendor_hours;            /* gap hours left to a vendor */
    double cost_inhouse;            /* (available + trainees) x hours x cost_per_paid_hour */
    double cost_overtime;           /* overtime_hours x overtime_cost_per_hour */
    double cost_vendor;             /* vendor_hours x vendor_cost_per_hour */
    double cost_hiring;             /* hires_starting x cost_per_hire */
    double cost_total;              /* sum of the four costs */
} cc_headcount_week;

/* Sums over the plan. */
typedef struct cc_headcount_totals {
    double weekly_attrition;        /* 1 - (1 - attrition_monthly)^(12/52) */
    long hires;                     /* hires over the plan */
    size_t first_hire_week;         /* first week a hire can be productive (lead + training) */
    size_t weeks_short;             /* weeks with available < required */
    double overtime_hours;          /* hours */
    double vendor_hours;            /* hours */
    double cost_total;              /* sum of weekly totals */
} cc_headcount_totals;

/*
 * Builds the hiring plan.
 *
 * Attrition: weekly rate a = 1 - (1 - attrition_monthly)^(12/52) (the monthly
 * rate compounded over 52/12 weeks). Productive FTE evolves as
 * available[w+1] = available[w] x (1 - a) + hires_starting[w+1-training];
 * leavers[w] = available[w] x a; trainees do not leave during training.
 *
 * Hiring: weeks are visited in order; from week lead + training on, when
 * available[w] falls short of the target (required, or required / (1 + cap)
 * under CC_HIRE_BEYOND_OVERTIME), ceil(target - available) hires start in
 * week w - training, decided in week w - training - lead. Hiring as late as
 * possible keeps hires to the minimum: earlier hires would only lose more
 * to attrition. Nobody is let go when requirement falls.
 *
 * Gap cover: gap hours = max(0, required - available) x hours_per_fte_week;
 * overtime = min(gap hours, overtime_cap x available x hours_per_fte_week);
 * the vendor takes the rest.
 *
 * Fills weeks[0..n_weeks) and *totals (may be NULL).
 * exceptions: CC_EINVAL (an input out of range).
 */
cc_status cc_plan_headcount(const cc_headcount_input *in, cc_headcount_week *weeks,
                             cc_headcount_totals *totals, cc_error *err);

/* ======================================================================== */
/* Option costing and comparison                                            */
/* ======================================================================== */

/* One team (in-house or vendor) within an option, over the horizon. */
typedef struct cc_option_team {
    const char *name;               /* team name, may be NULL */
    double paid_hours;              /* paid hours over the horizon */
    double handled_contacts;        /* contacts the team handles over the horizon */
    double cost_per_paid_hour;      /* cost per paid hour (loaded), 0 = none */
    double cost_per_contact;        /* vendor price per handled contact, 0 = none */
    double fixed_cost;              /* fixed fee over the horizon */
} cc_option_team;

/*
 * Attained service of one channel under an option, as pooled ratios (the
 * figures of cc_channel_verdict); a target of 0 is not a target.
 */
typedef struct cc_option_channel {
    const char *name;               /* channel name, may be NULL */
    double service_level;           /* attained service level, [0, 1]; NaN when nothing
                                       was presented (no verdict) */
    double service_level_target;    /* required service level */
    double asa_s;                   /* attained ASA, seconds */
    double max_asa_s;               /* ASA target, seconds */
    double abandon;                 /* attained abandonment share */
    double max_abandon;             /* abandonment target */
    int scope_judged;               /* 1: scope_missed holds the verdict at the target's scope
                                       (cc_scope_attainment), which then decides instead of
                                       the figures above */
    unsigned scope_missed;          /* CC_MISS_* of that verdict (0 when it meets) */
} cc_option_channel;

/* One staffing option (in-house only, outsourced, hybrid overflow, ...). */
typedef struct cc_plan_option {
    const char *name;               /* option name */
    const cc_option_team *teams;    /* teams of the option */
    size_t n_teams;                 /* number of teams */
    const cc_option_channel *channels; /* attained service per channel */
    size_t n_channels;              /* number of channels */
    double weeks;                   /* horizon length, weeks, > 0 */
    double fte;                     /* FTE of the option (echoed) */
    double total_cost;              /* when > 0: the option's cost over the horizon, all parts
                                       (a planned roster with gap cover and hires); the teams'
                                       figures then give hours and contacts only */
    double offered_contacts;        /* when > 0: cost per contact is over these (every offered
                                       contact, bot-contained included); else over handled */
} cc_plan_option;

/* Costs and verdict of one option. */
typedef struct cc_option_result {
    double paid_hours;              /* sum over teams, hours */
    double handled_contacts;        /* sum over teams */
    double cost_total;              /* total_cost when given, else hours x rate + contacts x
                                       price + fixed, over the horizon */
    double cost_per_week;           /* cost_total / weeks */
    double cost_per_contact;        /* cost_total / offered_contacts when given, else /
                                       handled_contacts (0 when none) */
    int meets_targets;              /* nonzero when no channel misses and one has a verdict */
    size_t n_targets_missed;        /* goals and caps missed, summed over channels */
    double worst_sl_margin;         /* min over channels with an SL target of attained - target */
    int cheapest;                   /* nonzero on the cheapest option meeting every target */
    double delta_cost_per_week;     /* cost_per_week - option 0's */
    double delta_cost_per_contact;  /* cost_per_contact - option 0's */
} cc_option_result;

/*
 * Costs one option: for every team, paid_hours x cost_per_paid_hour +
 * handled_contacts x cost_per_contact + fixed_cost; then per week and per
 * handled contact; and whether every channel meets its targets, judged by
 * cc_channel_verdict on the attained figures (SL >= target, ASA <= max,
 * abandonment <= max). The option meets its targets when no channel misses
 * and at least one channel has a verdict (a NaN service level has none).
 * Deltas are left 0.
 * exceptions: CC_EINVAL (negative figures, weeks <= 0).
 */
cc_status cc_plan_option_cost(const cc_plan_option *opt, cc_option_result *res, cc_error *err);

/*
 * Costs every option into results[0..n), fills the deltas against option 0
 * (the baseline) and marks the option with the lowest cost per week among
 * those meeting every target (ties go to the earlier option). *best (may be
 * NULL) receives its index, or -1 when no option meets every target.
 * exceptions: CC_EINVAL (n == 0, or as cc_plan_option_cost).
 */
cc_status cc_plan_options_compare(const cc_plan_option *opts, size_t n,
                                  cc_option_result *results, long *best, cc_error *err);

/* ======================================================================== */
/* Agent lines                                                              */
/* ======================================================================== */

/* Daily rest of the EU working-time directive (2003/88/EC, art. 3): 11 hours, in seconds. */
#define CC_PLAN_MIN_REST_S 39600.0

/*
 * Individual agents' lines of one team's roster: which rostered shift each
 * agent starts on each day. Agent a is the team's agent number a + 1
 * (reports name it TEAM-001, TEAM-002, ...). Weeks count from day 0 of the
 * horizon, 7 days each; the last one may be partial. Per agent and day
 * arrays are indexed [a * n_days + d], per agent and week [a * n_weeks + w].
 * Owned by the caller; free with cc_plan_agent_lines_free.
 */
typedef struct cc_agent_lines {
    size_t n_agents;            /* agents (lines) */
    size_t n_days;              /* days of the horizon */
    size_t n_weeks;             /* ceil(n_days / 7) */
    int first_weekday;          /* weekday of day 0, 0 = Monday .. 6 = Sunday */
    double min_rest_s;          /* least rest between two shifts of an agent, seconds */
    long *shift;                /* [a * n_days + d] index into the roster's starts of the
                                   shift agent a starts on day d; -1 = off */
    long *eve;                  /* [a] index of the day -1 start (the evening before the
                                   horizon) agent a works; -1 = none */
    unsigned *off_mask;         /* [a * n_weeks + w] agent a's days-off pattern in week w
                                   (at least week_days_off[w] days): bit i = day 7w + i;
                                   every day of the week when a has no pattern that week */
    int *days_worked;           /* [a * n_weeks + w] shifts agent a starts in week w */
    double *paid_h;             /* [a * n_weeks + w] paid hours of those shifts, hours */
    int *week_days;             /* [w] days of week w in the horizon, 1..7 */
    int *week_days_off;         /* [w] days off per agent in week w (prorated when partial) */
    long *headcount;            /* [w] agents starting at least one shift in week w */
    long *min_headcount;        /* [w] fewest agents the days-off rule allows for week w's
                                   shifts (rest not considered): a lower bound of headcount */
    long *extra;                /* [w] agents given a pattern in week w beyond min_headcount
                                   for rest: planned by the rest bound of neighbouring days,
                                   or added while shifts were given out (see below) */
} cc_agent_lines;

/*
 * Splits one team's roster `plan` (starts on days -1 .. n_days - 1, each
 * with its length_s and paid_s, or when those are 0 its rule's length_s and
 * paid_s, else length_s - break_s; rules has n_rules entries) into agents'
 * lines such that every rostered shift is worked by exactly one agent and
 * every agent:
 *  - works at most one shift per day (a shift belongs to the day it starts);
 *  - in each week of L days, works at most L - k days, k = rule->days_off
 *    in a full week and, in a partial last week (L < 7), days_off x L / 7
 *    rounded half up, at most L - 1 (2 days off: 1 in a week of 2 to 5
 *    days, 2 in one of 6);
 *  - with rule->consecutive, has a pattern (off_mask) of k or more
 *    consecutive days on which it starts no shift, counted round the week
 *    from its last day to its first in a full week (Sunday to Monday when
 *    day 0 is a Monday) and within the days in a partial one; an agent
 *    working fewer than L - k days gets a longer run rather than scattered
 *    days off. Only when the roster leaves a day with more agents planned
 *    than shifts (agents work whole days, so the days-off runs cannot
 *    always match the shifts exactly) does an agent get a day off apart
 *    from its run, preferably next to it; without rule->consecutive the
 *    pattern is any k days;
 *  - rests at least min_rest_s between the end of a shift and the start of
 *    its next one, whatever the days between (start + length, on the
 *    scenario clock). A night shift starting at 22:00 for 8 h ends at 06:00
 *    the next day, so with 11 h of rest the agent's next shift starts at
 *    17:00 or later; its day off after it starts at that 06:00.
 * Headcount: per week integer programmes (GLPK) choose how many agents take
 * each pattern, each keeping the optimum of the ones before: the fewest
 * agents (min_headcount: every day's shifts need as many agents working
 * that day); the fewest with the rest bound of each pair of neighbouring
 * days in the week added (agents working one or both days >= the two
 * days' shifts less the most shift pairs one agent could work with its
 * rest); the fewest working days planned beyond the shifts (so that
 * agents' days without work fall into their runs); the fewest runs split
 * by days nobody works; from the second full week on, the fewest changes
 * of pattern counts. Agents keep their pattern and id from week to week as
 * far as the counts allow (then move to the nearest pattern); agents not
 * needed in a week have no pattern and are off.
 * Rest: day by day, each day's shifts by start time go to the agents
 * working that day, each to an agent rested by its start. Agents keep
 * their previous start time as far as possible; when the next 4 days,
 * simulated, would then lack rested agents, the agents whose run of
 * working days ends soonest take the late shifts instead (and, failing
 * that, agents with long runs are the ones left without a shift). Since an
 * agent rested at time t is rested at any later t, a day is covered
 * whenever any assignment of that day could cover it. When none can, an
 * agent whose days-off run is longer than k and ends or starts that day
 * works it (its run shrinks by one day), and only then are agents added
 * (`extra`: an agent without a pattern that week, else a new one), so
 * headcount may exceed min_headcount. The day -1 starts (night shifts
 * reaching into the horizon) go to week 0's agents, first to those off
 * on day 0; they count in no week. first_weekday only labels days. The
 * result depends only on the inputs (no randomness).
 * rule NULL = 2 consecutive days off; min_rest_s, seconds, in [0, 7 days]
 * (CC_PLAN_MIN_REST_S: 11 h). On success *out owns the lines (free with
 * cc_plan_agent_lines_free); on failure *out is untouched.
 * exceptions: CC_EINVAL (a start outside the horizon or naming no rule, a
 *             bad rule, days_off outside 0..6, more than 1,000,000 shifts;
 *             the message names it), CC_ENUMERIC (GLPK failed).
 */
cc_status cc_plan_agent_lines(const cc_shift_plan *plan, const cc_shift_rule *rules,
                              size_t n_rules, size_t n_days, int first_weekday,
                              const cc_days_off_rule *rule, double min_rest_s,
                              cc_agent_lines **out, cc_error *err);

/* Frees agent lines. Accepts NULL. */
void cc_plan_agent_lines_free(cc_agent_lines *lines);

/* ======================================================================== */
/* The planner                                                              */
/* ======================================================================== */

/* ---- options ------------------------------------------------------------ */

/*
 * What to compute. The shift window applies to teams without
 * plan.shift_rules; overtime, vendor and hiring costs come from the
 * scenario's plan settings. Both are echoed in the plan's assumptions.
 */
typedef struct cc_planner_options {
    int verify;                 /* 0: as plan.method says (verified under simulation);
                                   1: verify under any method; -1: never verify */
    int shifts;                 /* 1: roster each team with the shift integer programme */
    int simulate;               /* 1: simulate the planned staffing */
    int least_cost;             /* 1 (with shifts and simulate): search for the least-cost
                                   roster meeting the targets at their scope (least_cost.c);
                                   0: roster the analytic (or verified) staffing */
    int options;                /* 1: plan and simulate every plan option of the scenario */
    long replications;          /* replications per simulation; 0 = the scenario's */
    int has_seed;               /* 1: use `seed` instead of the scenario's */
    uint64_t seed;              /* base seed of every simulation (common random numbers) */
    int threads;                /* OpenMP threads for simulations; 0 = runtime default */
    int verify_max_rounds;      /* simulation rounds of the verification, >= 1 */
    double shift_window_s;      /* shift starts allowed within +- this of a scenario shift, seconds */
    double shift_time_limit_s;  /* safety limit per weekly programme, seconds; 0 = none */
    double shift_mip_gap;       /* relative optimality gap accepted by the programme */
    int no_limits;              /* 1: simulate even beyond the event and memory limits
                                   (cc_run_check_limits); default 0 */
} cc_planner_options;

/*
 * Defaults: shifts, simulation and options on, verification as the scenario's
 * method says, the scenario's replications and seed, 16 verification rounds,
 * starts within +-2 h of the scenario's shifts (teams without
 * plan.shift_rules), a 0.5% optimality gap and a 120 s safety limit per week.
 */
cc_planner_options cc_planner_options_default(void);

/* ---- results ------------------------------------------------------------ */

/*
 * One channel's plan. Per-interval arrays have the scenario's n_intervals
 * entries and are owned by the planner.
 */
typedef struct cc_planner_channel {
    int index;                  /* channel index in the scenario */
    int deferred;               /* 1 for email and social (rolling response window) */
    double *forecast;           /* fresh contacts forecast, before deflection */
    double *deflected;          /* of which deflected by self-service */
    double *contained;          /* of which resolved by the bot */
    double *bounced;            /* of which left the bot to come back later */
    double *inbound;            /* contacts arriving from elsewhere: transfers in, bounce-backs,
                                   and the initial backlog of a live channel in interval 0 */
    double *contacts;           /* reaching agents: forecast - deflected - contained - bounced
                                   + inbound */
    double *aht_s;              /* mean handle (talk) time of those contacts, seconds */
    double *shrinkage;          /* shrinkage share used by the chain: the serving teams' shares
                                   weighted by their part of the channel */
    double *share;              /* [t * n_intervals + i]: part of the channel team t takes */
    cc_plan_requirement *req;   /* the chain, owned */
    double *rostered;           /* agents of the roster (or of the staffing without one)
                                   apportioned to this channel, channel-equivalent, gross */
    double *erlang_plan_sl;     /* Erlang service level at the rostered agents; NAN where not
                                   defined (deferred, no contacts); NULL without a roster */
    int abandon_unsized;        /* 1 when the target has max_abandon but the requirement is
                                   Erlang C (method erlang-c, or no patience), which has no
                                   abandonment: the cap is judged only on simulations */
} cc_planner_channel;

/* One team's plan. */
typedef struct cc_planner_team {
    int index;                  /* team index in the scenario */
    int outsourced;             /* 1 for a vendor team: no hiring plan */
    int fixed;                  /* 1: the plan gives the team no work (an overflow-only team);
                                   it keeps the scenario's staffing and is not rostered */
    double *required;           /* [n] gross agents allocated to the team (fractional) */
    double *required_net;       /* [n] net agents allocated (fractional) */
    long *analytic;             /* [n] ceil(required): the analytic staffing */
    long *verified;             /* [n] simulation-verified staffing, NULL when not verified */
    long *staffing;             /* [n] the staffing rostered: verified if present, else analytic */
    cc_shift_rule *rules;       /* shift rules (plan.shift_rules, else derived from the
                                   team's shifts) on the scenario clock, owned */
    int rules_given;            /* 1: from plan.shift_rules; 0: derived */
    char **rule_names;          /* [n_rules] owned rule names */
    size_t n_rules;             /* number of rules */
    cc_shift_plan *shifts;      /* the roster, NULL when not solved or nothing to roster */
    cc_agent_lines *agents;     /* the roster as agents' weekly lines, NULL without a roster */
    double required_hours;      /* sum of required x interval hours, agent-hours */
    double required_net_hours;  /* sum of required_net x interval hours, agent-hours */
    double analytic_hours;      /* sum of analytic x interval hours, agent-hours */
    double verified_hours;      /* sum of verified x interval hours (0 when not verified) */
    double rostered_hours;      /* paid hours of the roster, hours */
    double staffed_hours;       /* sum of staffing x interval hours: what the roster covers */
    double *staffed_week_h;     /* [n_weeks] staffing agent-hours per week */
    double *paid_week_h;        /* [n_weeks] paid roster hours per week (by shift start) */
    double headcount;           /* FTE employed at the start of the plan */
    int headcount_from_shifts;  /* 1: not given in plan.headcount, taken from the scenario's
                                   shifts of the first week */
    double vendor_cost_per_hour; /* cost of an hour of vendor cover for this team's gap */
    cc_headcount_week *hiring;  /* [n_weeks] hiring plan; NULL for vendor teams */
    cc_headcount_totals hiring_totals; /* sums of the hiring plan */
    double *fte_required;       /* [n_weeks] FTE with shrinkage (fractional) */
    double *fte_required_net;   /* [n_weeks] FTE without shrinkage */
    double *fte_rostered;       /* [n_weeks] FTE of the roster's paid hours (0 without one) */
} cc_planner_team;

/* One week of the plan, summed over channels and teams. */
typedef struct cc_planner_week {
    char start_date[11];        /* ISO date of the week's first day */
    cc_plan_week req;           /* requirement sums over channels (contacts, FTE net/gross...) */
    double occupancy;           /* agent-hours busy / net agent-hours on channels without
                                   concurrency (0 when none) */
    double open_chats;          /* open chats / capacity on channels with concurrency k > 1:
                                   sessions / (net agents x k), as the simulation's
                                   open_chats_per_capacity; NaN when none */
    double fte_rostered;        /* FTE of the rosters' paid hours */
    double fte_inhouse;         /* FTE in-house teams need: roster if solved, else gross */
    double fte_vendor;          /* FTE of vendor teams in the plan */
    double available_fte;       /* in-house headcount less attrition, before new hires */
    double gap_fte;             /* fte_inhouse - available_fte; negative = surplus */
    double gap_pct;             /* gap_fte / fte_inhouse, 0 when nothing is needed */
    long hires_decided;         /* hires to request this week */
    long hires_starting;        /* hires starting this week */
    double available_after_hires; /* productive in-house FTE with the hires */
    double overtime_hours;      /* gap hours covered by overtime */
    double vendor_hours;        /* gap hours left to a vendor */
} cc_planner_week;

/* The simulation-verified staffing. */
typedef struct cc_planner_verify {
    int ran;                    /* 1 when verification ran */
    int rounds;                 /* simulation rounds used */
    int met_targets;            /* 1: the verified staffing met every judged block; otherwise
                                   it is the round's staffing with the fewest blocks missed */
    int converged;              /* 1: met targets and nothing more could be removed */
    size_t n_blocks;            /* judged blocks (channel x run of intervals, or x day) */
    size_t analytic_missed;     /* blocks the analytic staffing missed */
    size_t verified_missed;     /* blocks the verified staffing missed */
    size_t n_days;              /* channel-days judged (the coarser, day-level check) */
    size_t analytic_days_missed; /* channel-days the analytic staffing missed */
    size_t verified_days_missed; /* channel-days the verified staffing missed */
    double *analytic_sl;        /* [n_channels] simulated SL with the analytic staffing */
    double *verified_sl;        /* [n_channels] simulated SL with the verified staffing */
} cc_planner_verify;

/*
 * What the plan costs per week, in the scenario's currency, in four parts
 * that add up to total_per_week (README.md "ccsim plan", "Cost"):
 * - inhouse: roster hours the in-house headcount works at its regular rate;
 * - overtime: gap hours worked as overtime, at rate x plan.overtime.cost_multiplier;
 * - vendor: gap hours bought from an agency at the vendor rate, plus the
 *   outsourced teams (hours at their rate, contacts at their price: simulated
 *   when the plan was simulated);
 * - hiring: cost_per_hire for every hire starting, plus trainees' pay.
 * Headcount beyond what the roster needs is not charged (it is the hiring
 * plan's surplus, shown there). Partial weeks count for their days.
 */
typedef struct cc_plan_cost {
    double inhouse;             /* per week */
    double overtime;            /* per week */
    double vendor;              /* per week */
    double hiring;              /* per week */
    double total_per_week;      /* the sum of the four */
    double offered;             /* contacts offered over the horizon, bot-contained included
                                   (simulated mean, else the forecast) */
    double per_contact;         /* total over the horizon / offered, 0 when none */
} cc_plan_cost;

/* Rounds the least-cost search keeps figures of. */
#define CC_PLAN_SEARCH_MAX_ROUNDS 24

/*
 * The least-cost search (README.md "ccsim plan", "Least cost"): rosters
 * solved against service rows per channel and period of the target's scope,
 * simulated on the plan's seed, corrected round by round.
 */
typedef struct cc_planner_search {
    int ran;                    /* 1 when the search ran */
    int rounds;                 /* programme + simulation rounds */
    int met;                    /* 1: a roster met every judged period on the search's seed */
    int converged;              /* 1: met, no round found it cheaper, and the check agreed */
    int stopped;                /* 1: a round's programme found no roster; the search kept
                                   what it had */
    size_t n_periods;           /* judged periods (channel x period of its scope) */
    uint64_t check_seed;        /* seed of the independent check */
    size_t check_missed;        /* periods the check seed found missed (plain targets) */
    size_t unreachable_periods; /* periods no roster the shift rules allow can meet (too many
                                   contacts arrive where no serving team can be on duty
                                   within their answer time); left out of the search */
    size_t unreachable_channel; /* the first of them: its channel, */
    cc_target_scope unreachable_scope; /* the kind of period */
    size_t unreachable_index;   /* and its index among those of the horizon */
    double cost;                /* paid cost of the rosters kept (paid hours x team rate) */
    double analytic_paid_hours; /* paid hours of rosters covering the analytic staffing */
    double written_paid_hours;  /* paid hours of rosters covering the staffing as written */
    double written_cost;        /* their paid cost (as `cost`) */
    int written_met;            /* 1: they met on the search's seed and on the check seed */
    int from_written;           /* 1: they were cheaper and are the plan */
    int held_from;              /* round from which the roster was held and only cut (no
                                   roster accepted by then), 0 = never */
    double round_cost[CC_PLAN_SEARCH_MAX_ROUNDS];       /* per round */
    double round_paid_hours[CC_PLAN_SEARCH_MAX_ROUNDS]; /* per round */
    size_t round_missed[CC_PLAN_SEARCH_MAX_ROUNDS];     /* periods missed (with margins) */
} cc_planner_search;

/* One plan option, planned and simulated, and simulated as written. */
typedef struct cc_planner_option {
    char *name;                 /* option name, owned */
    char *description;          /* owned, "" when none */
    char *error;                /* why the option could not be planned, owned; NULL when fine */
    double fte_net;             /* required FTE without shrinkage, per week */
    double fte_gross;           /* required FTE with shrinkage, per week */
    double fte_rostered;        /* FTE of the planned roster, per week */
    double written_fte;         /* FTE paid as written (scenario shifts), per week */
    cc_option_result planned;   /* cost and verdict of the planned roster, simulated */
    cc_option_result written;   /* cost and verdict of the staffing as written, simulated */
    cc_plan_cost planned_cost;  /* the planned roster's cost parts */
    double *planned_sl;         /* [n_channels] simulated SL of the planned roster */
    double *planned_risk;       /* [n_channels] share of replications missing the target */
    double *written_sl;         /* [n_channels] simulated SL as written */
    double *written_risk;       /* [n_channels] */
} cc_planner_option;

/* A whole plan. Owned by the caller; free with cc_planner_free. */
typedef struct cc_planner {
    const cc_scenario *s;       /* the scenario, borrowed: it must outlive the plan */
    cc_planner_options opt;     /* options used */
    long replications;          /* replications of every simulation */
    uint64_t seed;              /* base seed of every simulation */
    int verified;               /* 1 when the roster covers simulation-verified staffing */
    size_t n_intervals;         /* scenario intervals */
    double interval_h;          /* interval length, hours */
    double fte_week_h;          /* FTE basis, hours */
    size_t n_channels;          /* scenario channels */
    cc_planner_channel *channels; /* [n_channels] */
    size_t n_teams;             /* scenario teams */
    cc_planner_team *teams;     /* [n_teams] */
    size_t n_weeks;             /* weeks of the horizon (the last may be partial) */
    cc_planner_week *weeks;     /* [n_weeks] */
    int hiring_policy;          /* cc_hire_policy used */
    int lead_weeks;             /* hiring lead time, whole weeks (rounded up) */
    int training_weeks;         /* training time, whole weeks (rounded up) */
    cc_planner_verify verify;   /* verification summary */
    cc_planner_search search;   /* least-cost search summary */
    cc_results *sim;            /* simulation of the rostered staffing, NULL when not run */
    cc_plan_cost cost;          /* total cost per week and its parts */
    double staffed_hours;       /* agent-hours the rosters cover (rostered teams' staffing) */
    double paid_hours;          /* paid hours of those rosters */
    double schedule_efficiency; /* staffed_hours / paid_hours; NAN without a roster */
    cc_results *written;        /* the scenario's staffing as written, simulated on the
                                   plan's seed (explains the plan); NULL when not run */
    double written_paid_hours;  /* paid hours of that staffing, per week */
    double written_roster_cost; /* its cost per week: in-house paid hours x rate plus
                                   outsourced teams as billed */
    double roster_cost;         /* the plan's cost per week on the same basis */
    int written_meets;          /* 1: every channel meets its target at its scope as written */
    size_t n_options;           /* plan options evaluated (0 when not asked) */
    cc_planner_option *options; /* [n_options] */
    long best_planned;          /* cheapest option meeting every target, planned; -1 = none */
    long best_written;          /* the same for the staffing as written; -1 = none */
} cc_planner;

/* ---- planning ----------------------------------------------------------- */

/*
 * Plans scenario `s` (borrowed for the life of the plan) with `opt` (NULL =
 * defaults). Stages, each documented in README.md "ccsim plan":
 *  1. contacts per channel and interval: forecast less deflection, bot
 *     containment and bounce-backs, plus transfers and bounce-backs arriving
 *     (lagged by the mean handle or bounce delay) and a live channel's
 *     initial backlog;
 *  2. the chain of cc_plan_requirement_new per channel with the scenario's
 *     method (simulation starts from Erlang A), occupancy cap, concurrency
 *     and shrinkage formula;
 *  3. allocation to teams: a channel's agents go to the teams of its routing
 *     list in proportion to the agents the scenario has on duty in the
 *     interval (all to the first team when none is); overflow teams take
 *     none. A team gets the sum over its channels, scaled by its proficiency
 *     and concurrency, grossed up with its own shrinkage;
 *  4. with verification, staffing per team and interval adjusted by
 *     simulation rounds on common random numbers until every channel meets
 *     its targets in every judged block, then trimmed where it has surplus;
 *  5. the shift programme per team covering its staffing;
 *  6. weekly FTE and the hiring plan per in-house team;
 *  7. the simulation of the rostered staffing;
 *  8. every plan option planned (Erlang methods) and simulated, and
 *     simulated as written, on the same seed.
 * On success *out owns the plan (free with cc_planner_free).
 * exceptions: CC_EINVAL (the scenario cannot be planned; the message says
 *             why), CC_EINFEASIBLE (a target cannot be met in some interval;
 *             the message names channel and interval), CC_ENUMERIC (GLPK).
 */
cc_status cc_planner_new(const cc_scenario *s, const cc_planner_options *opt, cc_planner **out,
                         cc_error *err);

/* Frees a plan and everything it owns (not the scenario). Accepts NULL. */
void cc_planner_free(cc_planner *p);

/*
 * Finds the interval starting at `when`, "YYYY-MM-DD HH:MM" (or with a 'T')
 * on the scenario clock, and stores its index in *interval.
 * exceptions: CC_EINVAL (malformed, outside the horizon, or not an interval
 *             start; the message gives the nearest interval start).
 */
cc_status cc_planner_interval_at(const cc_scenario *s, const char *when, long *interval,
                                 cc_error *err);

/*
 * Writes the chain of channel `channel` (-1 = every channel) in interval
 * `interval` so a planner can redo each number by hand: the contacts
 * (forecast, deflection, bot, inbound), the requirement chain, and the
 * allocation to teams with each team's total for the interval and, when a
 * roster exists, its agents on duty.
 * exceptions: CC_EINVAL (index out of range), CC_EIO.
 */
cc_status cc_planner_explain(const cc_planner *p, int channel, long interval, FILE *out,
                             cc_error *err);

#ifdef __cplusplus
}
#endif

#endif
