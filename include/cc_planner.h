/*
 * The headcount planner: a scenario turned into interval requirements per
 * channel (the chain of cc_plan.h), allocated to teams, checked by
 * simulation when asked, rostered by integer programming, summed into weekly
 * FTE and hiring, and repeated for every plan option. `ccsim plan` is a thin
 * layer over it; the writers of plan.csv, JSON and HTML are here too.
 */
#ifndef CC_PLANNER_H
#define CC_PLANNER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cc_plan.h"
#include "cc_results.h"
#include "cc_scenario.h"
#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

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
    int options;                /* 1: plan and simulate every plan option of the scenario */
    long replications;          /* replications per simulation; 0 = the scenario's */
    int has_seed;               /* 1: use `seed` instead of the scenario's */
    uint64_t seed;              /* base seed of every simulation (common random numbers) */
    int threads;                /* OpenMP threads for simulations; 0 = runtime default */
    int verify_max_rounds;      /* simulation rounds of the verification, >= 1 */
    double shift_window_s;      /* shift starts allowed within +- this of a scenario shift, seconds */
    double shift_time_limit_s;  /* safety limit per weekly programme, seconds; 0 = none */
    double shift_mip_gap;       /* relative optimality gap accepted by the programme */
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
    double required_hours;      /* sum of required x interval hours, agent-hours */
    double required_net_hours;  /* sum of required_net x interval hours, agent-hours */
    double analytic_hours;      /* sum of analytic x interval hours, agent-hours */
    double verified_hours;      /* sum of verified x interval hours (0 when not verified) */
    double rostered_hours;      /* paid hours of the roster, hours */
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
    double occupancy;           /* agent-hours busy / net agent-hours, sessions divided by
                                   concurrency */
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
    cc_results *sim;            /* simulation of the rostered staffing, NULL when not run */
    double cost_per_week;       /* cost of the plan per week (simulated when simulated) */
    double cost_per_contact;    /* cost per handled contact (0 when not simulated) */
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

/* ---- writers (report_plan.c) --------------------------------------------- */

/*
 * plan.csv: one row per date x interval x channel, in time order, with the
 * whole chain, the rostered agents, the Erlang figures at the requirement
 * and at the roster, the simulated figures when simulated, and the flags
 * below_target (simulated, else Erlang at the roster, SL under target) and
 * occupancy_above_90. '.' decimals; an empty cell is "not defined".
 * exceptions: CC_EIO.
 */
cc_status cc_planner_write_csv(FILE *out, const cc_planner *p, cc_error *err);

/*
 * plan_teams.csv: one row per date x interval x team: required agents (net,
 * gross, rounded), verified, rostered, net staffing.
 * exceptions: CC_EIO.
 */
cc_status cc_planner_write_teams_csv(FILE *out, const cc_planner *p, cc_error *err);

/*
 * The compact JSON of the plan for summary.json's "plan" key: settings and
 * assumptions, totals per channel and team, weeks, hiring, shifts,
 * verification and options. Deterministic for a given plan. The caller
 * frees the text with free().
 */
char *cc_planner_json(const cc_planner *p);

/*
 * The plan's HTML fragment for report.html: definitions, required vs
 * rostered agents per team (step lines), Erlang next to simulation per
 * channel, weekly FTE (net, gross, roster) against available with the gap,
 * a week x time-of-day heatmap of net staffing, hiring, shifts and the
 * option comparison with deltas. The caller frees it with free().
 */
char *cc_planner_html(const cc_planner *p);

#ifdef __cplusplus
}
#endif

#endif
