/*
 * The scenario model: everything a YAML scenario describes, as plain structs
 * with units converted once at load time (time in seconds, shares in [0, 1],
 * names resolved to indices). The loader fills derived per-day and
 * per-interval arrays so the simulator and the planner never reparse units.
 * A loaded scenario is immutable and may be shared read-only across threads.
 * The key-by-key reference of the YAML format is scenarios/README.md.
 */
#ifndef CC_SCENARIO_H
#define CC_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "cc_diag.h"
#include "cc_status.h"
#include "cc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Example:
 *     cc_diag_list d;
 *     cc_scenario *s;
 *     cc_diag_list_init(&d);
 *     if (cc_scenario_load_file("shop.yaml", &s, &d, NULL) == CC_OK) {
 *         double per_s = cc_scenario_channel_rate(s, 0, 20);   arrivals/s, day 0 10:00
 *         double on_duty = cc_scenario_team_agents(s, 0, 20);  scheduled agents
 *         cc_scenario_free(s);
 *     }
 *     for (size_t i = 0; i < d.n; i++) ... cc_diag_format(&d, i, buf, sizeof buf) ...
 *     cc_diag_list_release(&d);
 *
 * Indices: channels, teams, profiles and chatbots are numbered in file order;
 * horizon day d covers [d x 86400, (d + 1) x 86400) seconds and horizon
 * interval i covers [i x interval_s, (i + 1) x interval_s), on the scenario
 * clock (utc_offset_s).
 */

/* ---- limits (inputs beyond them are rejected with a message) ------------ */

#define CC_MAX_DAYS 366              /* horizon length, days */
#define CC_MAX_CHANNELS 64           /* channels per scenario */
#define CC_MAX_TEAMS 256             /* teams per scenario */
#define CC_MAX_SHIFTS 4096           /* shifts per team (a planned season's dated shifts) */
#define CC_MAX_AGENTS 1000000        /* agents in one shift or flat team */
#define CC_MAX_EMPIRICAL 100000      /* values in an empirical distribution */
#define CC_MAX_SEASONS 1024          /* seasonal calendar entries */
#define CC_MAX_OPTIONS 64            /* plan options */
#define CC_MAX_SHIFT_RULES 64        /* plan.shift_rules per team */
#define CC_MAX_NAME 64               /* bytes in a channel, team, profile... name */

/* ---- enumerations --------------------------------------------------------- */

/* Weekday indices: 0 = Monday ... 6 = Sunday (ISO order). */
#define CC_WEEKDAYS 7

/*
 * Shared with the engine (cc_sim.h): cc_channel_kind (CC_CHANNEL_VOICE, _CHAT,
 * _MESSAGING, _EMAIL, _SOCIAL), cc_dist_kind (CC_DIST_NONE, _EXPONENTIAL,
 * _LOGNORMAL, _GAMMA, _DETERMINISTIC, _EMPIRICAL), cc_dist and
 * cc_chat_policy (CC_CHAT_FILL, CC_CHAT_SPREAD).
 */

typedef enum cc_shrinkage_combine {
    CC_COMBINE_ADDITIVE = 0,    /* total = sum of components (WFM norm) */
    CC_COMBINE_MULTIPLICATIVE,  /* total = 1 - prod(1 - component) */
} cc_shrinkage_combine;

typedef enum cc_scenario_method {
    CC_METHOD_ERLANG_C = 0,   /* Erlang C per interval */
    CC_METHOD_ERLANG_A,       /* Erlang A per interval (uses patience) */
    CC_METHOD_SIMULATION,     /* simulation-verified requirement */
} cc_scenario_method;

typedef enum cc_shrinkage_method {
    CC_SHRINK_DIVISIVE = 0,   /* scheduled = required / (1 - shrinkage) (default) */
    CC_SHRINK_MULTIPLICATIVE, /* scheduled = required x (1 + shrinkage), the guide's formula */
} cc_shrinkage_method;

typedef enum cc_season_combine {
    CC_SEASON_REPLACE = 0,    /* this entry's multiplier replaces earlier entries on its days */
    CC_SEASON_MULTIPLY,       /* this entry's multiplier multiplies earlier entries */
} cc_season_combine;

typedef enum cc_staffing_kind {
    CC_STAFF_SHIFTS = 0,      /* agents follow the team's shifts */
    CC_STAFF_FLAT,            /* a flat number of agents on duty around the clock */
} cc_staffing_kind;

/* ---- building blocks ------------------------------------------------------ */

/*
 * Random durations (handle time, wrap-up, patience, delays, time in bot) are
 * cc_dist from cc_sim.h: kind, mean_s, cv (1 for exponential, 0 for
 * deterministic, derived from the values for empirical), values_s and
 * n_values (empirical only, owned by the scenario). Samplers take mean and
 * cv: lognormal sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2; gamma
 * shape = 1 / cv^2, scale = mean x cv^2.
 */

/* A named intraday profile: the share of a day's volume in each interval. */
typedef struct cc_profile {
    char *name;             /* profile name ("channels.X.profile" for inline ones) */
    double *weights;        /* [intervals_per_day], >= 0, normalised to sum 1 */
    int line, col;          /* where it is defined (1-based) */
} cc_profile;

/* Service target of a channel (first response for email and social). */
typedef struct cc_target {
    double answer_within_s;         /* T, seconds */
    double service_level;           /* share that must be answered within T */
    int has_max_asa;                /* 1 when max_asa_s applies */
    double max_asa_s;               /* upper limit of ASA, seconds */
    int has_max_abandon;            /* 1 when max_abandon applies */
    double max_abandon;             /* upper limit of the abandon share */
    cc_sl_definition sl_definition; /* how the service level is counted */
    double short_abandon_s;         /* abandons within this are ignored (CC_SL_EXCLUDE_SHORT), seconds */
    cc_target_scope scope;          /* the period judged: the horizon (default), every
                                       interval, day or 7-day week */
    int has_max_risk;               /* 1 when max_risk applies */
    double max_risk;                /* largest share of replications in which a judged period may
                                       miss, [0, 1] */
} cc_target;

/* A share of handled contacts that continue on another channel (tier 2...). */
typedef struct cc_transfer {
    double share;           /* share of handled contacts transferred */
    int channel;            /* target channel index */
} cc_transfer;

/* ---- channels ------------------------------------------------------------- */

typedef struct cc_channel {
    char *name;                   /* unique channel name */
    cc_channel_kind kind;         /* voice, chat, messaging, email, social */
    int line, col;                /* where the channel is defined (1-based) */

    /* volume */
    double volume_per_day;        /* base contacts per day, before weekday and season */
    double weekday[CC_WEEKDAYS];  /* multiplier per weekday, 0 = Monday */
    int profile_of_weekday[CC_WEEKDAYS]; /* index into cc_scenario.profiles per weekday */
    double uncertainty_cv;        /* cv of the day-volume multiplier (mean 1), 0 = none */
    cc_dist_kind uncertainty_dist; /* CC_DIST_GAMMA (default) or CC_DIST_LOGNORMAL */
    double deflection;            /* share of volume that never arrives (self-service) */
    long backlog;                 /* contacts already waiting at the start */
    double *forecast_volume;      /* [n_intervals] contacts per horizon interval read from
                                     volume.forecast (before season, multiplier and deflection),
                                     owned; NULL when the volume is per day, week or hour */
    char *forecast_path;          /* that file as opened (relative to the working directory),
                                     owned; NULL without a forecast */
    double forecast_multiplier;   /* volume.multiplier: scales the forecast's contacts (1) */
    double forecast_band_cv;      /* day-level cv beyond Poisson that the file's contacts_p10 and
                                     contacts_p90 imply (`uncertainty: bands`); NAN without them */

    /* derived per horizon day (arrays of cc_scenario.days) */
    double *day_volume;           /* expected offered contacts that day, after weekday x season,
                                     before deflection */
    double *day_deflection;       /* deflected share that day (season override or deflection) */
    double *day_multiplier;       /* weekday x season multiplier that day (with a forecast:
                                     season x volume.multiplier; the forecast has the weekdays) */

    /* work */
    cc_dist handle_time;          /* talk/handle time of one contact at proficiency 1, seconds */
    cc_dist wrap_up;              /* after-contact work, seconds (NONE = no wrap-up) */
    cc_dist patience;             /* time before abandoning; NONE = waits forever (always NONE
                                     for email and social) */
    cc_target target;             /* service target (defaults by kind) */

    /* concurrency (chat and messaging; 1 for the other kinds) */
    int concurrency;              /* maximum open sessions per agent */
    double stretch_per_session;   /* handle-time factor per extra session: k sessions give
                                     1 + stretch_per_session x (k - 1); used when
                                     n_stretch == 0 */
    double *stretch;              /* explicit multipliers, stretch[k-1] for k open sessions, owned;
                                     NULL when given as a factor */
    int n_stretch;                /* length of stretch (>= every concurrency in use) */
    int stretch_dynamic;          /* 1: stretch.mode dynamic (Erlang Chat: every open session's
                                     rate follows the open sessions now); 0: at_start */

    /* chatbot, repeats, transfers */
    int chatbot;                  /* index into cc_scenario.chatbots, or -1 */
    double retry_share;           /* share of abandoned contacts that retry */
    cc_dist retry_delay;          /* delay before the retry, seconds */
    int retry_channel;            /* channel index of the retry (this channel by default) */
    cc_transfer *transfers;       /* owned array */
    int n_transfers;              /* number of transfer targets; shares sum to <= 1 */

    /* routing (resolved) */
    int priority;                 /* rank, 0 = highest priority */
    int *route_teams;             /* team indices in preference order, owned */
    int n_route_teams;            /* length of route_teams */
    int *overflow_teams;          /* team indices that take this channel after a wait, owned */
    double *overflow_after_s;     /* wait before overflow to overflow_teams[i], seconds, owned */
    int n_overflow;               /* length of overflow_teams / overflow_after_s */
} cc_channel;

/* ---- seasonal calendar ---------------------------------------------------- */

typedef struct cc_season {
    char *name;                   /* label shown in summaries */
    char from[11];                /* first date, ISO YYYY-MM-DD */
    char to[11];                  /* last date (inclusive), ISO */
    int first_day;                /* first horizon day index covered (clipped to the horizon) */
    int last_day;                 /* last horizon day index covered, inclusive */
    double *multiplier;           /* [n_channels] volume multiplier per channel; < 0 = this
                                     entry leaves the channel's volume alone; owned */
    double *deflection;           /* [n_channels] deflection override, < 0 = none, owned */
    cc_season_combine combine;    /* replace (default) or multiply overlapping entries */
    int line, col;                /* where the entry is defined */
} cc_season;

/* ---- chatbots ------------------------------------------------------------- */

/*
 * A bot in front of channels. Each contact on a fronted channel first spends
 * time_in_bot, then: contained (resolved, done) with the containment share at
 * that time; otherwise bounce_share of the rest leave and come back as a new
 * contact on bounce_channel after bounce_delay; the remainder escalate to the
 * agent queue with handle time x (1 + escalation_aht_uplift) and patience x
 * escalation_patience_factor.
 */
typedef struct cc_chatbot {
    char *name;                       /* bot name */
    int *fronts;                      /* channel indices it fronts, owned */
    int n_fronts;                     /* length of fronts */
    cc_dist time_in_bot;              /* seconds a contact spends with the bot */
    double containment_from;          /* containment share at the ramp start */
    double containment_to;            /* containment share at and after the ramp end */
    double ramp_start_s;              /* ramp start, seconds from horizon start */
    double ramp_length_s;             /* ramp length, seconds (0 = constant containment_from) */
    double escalation_aht_uplift;     /* extra handle time after the bot, share (0.25 = +25%) */
    double escalation_patience_factor;/* patience multiplier after the bot (1 = unchanged) */
    double bounce_share;              /* share of non-contained contacts that come back later */
    cc_dist bounce_delay;             /* delay before the bounce-back contact, seconds */
    int bounce_channel;               /* channel of the bounce-back, or -1 = same channel */
    int line, col;                    /* where it is defined (1-based) */
} cc_chatbot;

/* ---- teams ---------------------------------------------------------------- */

typedef struct cc_shift {
    char *name;                   /* shift label ("shift N" when unnamed) */
    unsigned days;                /* bit d set = the shift starts on weekday d (0 = Monday),
                                     in the team's local time */
    double start_s;               /* start, seconds after local midnight */
    double length_s;              /* duration, seconds (overnight shifts run past midnight) */
    int overnight;                /* 1 when the shift ends the next day */
    int agents;                   /* agents working this shift */
    int first_day;                /* first horizon day (team-local date) it may start on;
                                     -3 when unlimited (shifts from before the horizon may
                                     run into it) */
    int last_day;                 /* last horizon day it may start on, inclusive; days + 2
                                     when unlimited */
    int line, col;                    /* where it is defined (1-based) */
} cc_shift;

/* One continuous presence of agents, in scenario seconds from the horizon start. */
typedef struct cc_span {
    double start_s;               /* seconds from horizon start (>= 0) */
    double end_s;                 /* seconds from horizon start (<= horizon_s) */
    int agents;                   /* agents present during [start_s, end_s) */
    int shift;                    /* index into team shifts, -1 for flat staffing */
} cc_span;

typedef struct cc_team {
    char *name;                   /* unique team name */
    int line, col;                    /* where it is defined (1-based) */

    double *proficiency;          /* [n_channels] handle-time multiplier, 0 = not skilled */
    int *max_concurrency;         /* [n_channels] sessions per agent for this team (channel
                                     concurrency unless overridden), 0 = not skilled */

    cc_staffing_kind staffing;    /* shifts or flat */
    int flat_agents;              /* CC_STAFF_FLAT: agents on duty at every moment */
    cc_shift *shifts;             /* CC_STAFF_SHIFTS: owned array */
    int n_shifts;
    double utc_offset_s;          /* team local time minus UTC, seconds */
    cc_span *spans;               /* every shift occurrence in the horizon, sorted by start_s,
                                     in scenario time (time zones applied), owned */
    int n_spans;
    double *agents_per_interval;  /* [n_intervals] time-averaged scheduled agents on duty
                                     (before shrinkage), owned */

    char **shrinkage_names;       /* component names (breaks, meetings...), owned */
    double *shrinkage_values;     /* component shares, owned */
    int n_shrinkage;
    cc_shrinkage_combine shrinkage_combine; /* how the components add up */
    double shrinkage;             /* total share of paid time not available for contacts */

    double cost_per_hour;         /* cost per paid (scheduled) agent hour, currency */
    double cost_per_contact;      /* cost per handled contact (vendors), currency */
    int outsourced;               /* 1 for a vendor team */
} cc_team;

/* ---- simulation and plan settings ---------------------------------------- */

typedef struct cc_sim_settings {
    int replications;             /* independent replications (default 10) */
    uint64_t seed;                /* base seed (default 1) */
    double warmup_s;              /* statistics ignore arrivals before this, seconds */
    long max_arrivals;            /* stop generating after this many arrivals, 0 = no limit */
    int drain;                    /* 1: after arrivals stop, run until every contact has left */
    double drain_limit_s;         /* the drain stops this long after the horizon end, seconds */
    int max_attempts;             /* tries per customer: first, retrials, bounce-backs */
    int max_transfers;            /* transfers per contact */
} cc_sim_settings;

/* One override of a plan option: the value at `path` replaced. */
typedef struct cc_override {
    char *path;                   /* dotted key path, e.g. "teams.vendor.agents" */
    char *value;                  /* the new value as YAML text (flow style) */
} cc_override;

/* A named alternative to compare (see cc_scenario_derive_option). */
typedef struct cc_option {
    char *name;                   /* option name */
    char *description;            /* free text, "" when none */
    cc_override *set;             /* overrides, owned */
    int n_set;
    int line, col;                    /* where it is defined (1-based) */
} cc_option;

#define CC_MAX_SHIFT_BREAKS 4        /* breaks per shift rule */

/* A break of a shift rule; the roster places its start inside the window. */
typedef struct cc_plan_break {
    double length_s;              /* break length, seconds, > 0 */
    int paid;                     /* 1: paid but off the phones; 0: unpaid */
    double after_min_s;           /* earliest start after the shift start, seconds, > 0 */
    double after_max_s;           /* latest start after the shift start, seconds (= after_min_s:
                                     a fixed start) */
    double shifts_over_s;         /* only in shifts longer than this, seconds; 0 = every shift */
} cc_plan_break;

/*
 * One allowed shift template of plan.shift_rules, on the team's own clock
 * (like its shifts); the planner moves it onto the scenario clock. Times are
 * whole multiples of the interval length. A rule with a range of lengths
 * gives one template per length from length_s to max_length_s.
 */
typedef struct cc_plan_shift_rule {
    char *name;                   /* label ("rule N" when unnamed) */
    double first_start_s;         /* earliest start, seconds after midnight, [0, 86400) */
    double last_start_s;          /* latest start, seconds after midnight, >= first_start_s */
    double step_s;                /* spacing of starts, seconds (default: the interval) */
    double length_s;              /* time on site (the shortest of a range), seconds, (0, 86400] */
    double max_length_s;          /* the longest of a range, seconds; = length_s for one length */
    double length_step_s;         /* spacing of lengths in a range, seconds (default: step_s) */
    double break_s;               /* `unpaid_break` as written, seconds; 0 = none (in breaks) */
    double break_after_s;         /* its earliest start after the shift start, seconds */
    int n_breaks;                 /* entries of breaks: unpaid_break, paid_break or `breaks` */
    cc_plan_break breaks[CC_MAX_SHIFT_BREAKS]; /* every break of the rule, by earliest start */
    unsigned days;                /* bit d set = may start on weekday d (0 = Monday) */
    long min_agents;              /* at least this many at every start and day, agents */
    long max_agents;              /* at most this many per start and day, agents; 0 = no limit */
    int line, col;                /* where it is defined (1-based) */
} cc_plan_shift_rule;

/*
 * Days-off rule of the weekly agent lines (plan.days_off): every agent has
 * `days_off` days off in each 7-day week of the horizon, consecutive
 * (wrapping from Sunday to Monday) when `consecutive` is 1.
 */
typedef struct cc_days_off_rule {
    int days_off;                 /* days off per 7-day week, 0..6 (default 2) */
    int consecutive;              /* 1: the week's days off are consecutive (default 1) */
} cc_days_off_rule;

typedef struct cc_plan_settings {
    cc_scenario_method method;            /* requirement method (default erlang-c) */
    cc_shrinkage_method shrinkage_method; /* divisive (default) or multiplicative */
    double fte_week_s;                    /* paid time of one FTE per week, seconds (37.5 h) */
    double max_occupancy;                 /* occupancy cap, share (default 0.85) */
    int *headcount;                       /* [n_teams] current headcount (people), -1 = unknown */
    double attrition_per_month;           /* share of headcount leaving per month */
    double hiring_lead_s;                 /* from decision to start date, seconds */
    double training_s;                    /* from start date to productive, seconds */
    cc_plan_shift_rule **shift_rules;     /* [n_teams] allowed shifts, owned; NULL = derived
                                             from the team's shifts */
    int *n_shift_rules;                   /* [n_teams] entries in shift_rules[t] */
    double overtime_share;                /* overtime allowed, share of available hours (0.10) */
    double overtime_multiplier;           /* overtime cost / regular cost per hour (1.5) */
    double vendor_cost_per_hour;          /* vendor cover of a gap, currency per hour;
                                             < 0 = the rate of a vendor team (default) */
    double cost_per_hire;                 /* one-off cost of a hire, currency (0) */
    cc_days_off_rule days_off;            /* days off of the agent lines (2, consecutive) */
    double part_time_max_share;           /* plan.part_time: at most this share of a team's
                                             shifts starting in a week are part-time (1 = no
                                             limit) */
    double part_time_below_s;             /* shifts shorter than this are part-time, seconds (6 h) */
    cc_option *options;                   /* options to compare, owned */
    int n_options;
} cc_plan_settings;

/* ---- the scenario --------------------------------------------------------- */

typedef struct cc_scenario {
    char *name;                   /* scenario name (file base name by default) */
    char *description;            /* free text, "" when none */
    char *currency;               /* currency label for costs, "" when none */
    char *source_path;            /* file it was loaded from, "<string>" for text */
    char *source_text;            /* the YAML text, kept to derive options */
    size_t source_len;            /* bytes in source_text */
    int option_index;             /* -1 for the base scenario, else the applied plan option */
    cc_override *overrides;       /* key overrides applied at load (sweep), re-applied when
                                     deriving options, owned */
    int n_overrides;

    /* horizon: time 0 is the start date at 00:00 on the scenario clock */
    char start_date[11];          /* ISO YYYY-MM-DD */
    int start_weekday;            /* weekday of day 0 (0 = Monday) */
    int days;                     /* horizon length, days (1..366) */
    double interval_s;            /* interval length, seconds (900, 1800 or 3600) */
    int intervals_per_day;        /* 86400 / interval_s */
    int n_intervals;              /* days x intervals_per_day */
    double horizon_s;             /* days x 86400 */
    double utc_offset_s;          /* scenario clock minus UTC, seconds */

    cc_profile *profiles;         /* named and inline intraday profiles, owned */
    int n_profiles;
    cc_channel *channels;         /* owned */
    int n_channels;
    cc_season *seasons;           /* in file order (later entries win on overlap), owned */
    int n_seasons;
    cc_chatbot *chatbots;         /* owned */
    int n_chatbots;
    cc_team *teams;               /* owned */
    int n_teams;

    /* routing */
    int *priority_order;          /* [n_channels] channel indices, highest priority first */
    cc_chat_policy chat_assignment; /* fill (default) or spread */
    int strict_priority;          /* 1 (default): an agent skilled for a higher-priority
                                     channel that has contacts waiting takes no new
                                     lower-priority sessions */

    cc_sim_settings simulation;
    cc_plan_settings plan;
} cc_scenario;

/* ---- loading -------------------------------------------------------------- */

/*
 * Loads and validates the scenario in file `path`. Every problem found is
 * appended to `diags` (may be NULL): all errors of the file in one pass, plus
 * warnings. On success returns CC_OK and sets *out to a scenario the caller
 * frees with cc_scenario_free; warnings do not fail the load. On failure
 * returns the code of the first error (also copied into `err`, may be NULL)
 * and leaves *out untouched.
 * exceptions: CC_EIO, CC_ESYNTAX, CC_ESCHEMA, CC_EINVAL
 */
cc_status cc_scenario_load_file(const char *path, cc_scenario **out, cc_diag_list *diags,
                                cc_error *err);

/*
 * As cc_scenario_load_file, from `len` bytes of YAML text. `name` labels
 * diagnostics and gives the default scenario name (NULL for "<string>").
 */
cc_status cc_scenario_load_string(const char *text, size_t len, const char *name,
                                  cc_scenario **out, cc_diag_list *diags, cc_error *err);

/*
 * As cc_scenario_load_string, with `n` overrides applied to the YAML tree
 * before validation: each replaces (or adds) the value at a dotted key path
 * ("channels.chat.concurrency", "teams.tier1.shifts.0.agents") by the value
 * parsed from its YAML text ("3", "45%", "[tier1, vendor]"). Used by
 * `ccsim sweep` and by plan options.
 */
cc_status cc_scenario_load_with_overrides(const char *text, size_t len, const char *name,
                                          const cc_override *ov, size_t n, cc_scenario **out,
                                          cc_diag_list *diags, cc_error *err);

/* As cc_scenario_load_with_overrides, reading the YAML from file `path`. */
cc_status cc_scenario_load_file_with_overrides(const char *path, const cc_override *ov,
                                               size_t n, cc_scenario **out,
                                               cc_diag_list *diags, cc_error *err);

/*
 * Builds the variant of `base` described by plan option `option` (0-based):
 * the base YAML with that option's overrides applied, validated again. The
 * result has option_index = option; free it with cc_scenario_free.
 * exceptions: CC_EINVAL (no such option), and those of loading
 */
cc_status cc_scenario_derive_option(const cc_scenario *base, int option, cc_scenario **out,
                                    cc_diag_list *diags, cc_error *err);

/* Frees the scenario and everything it owns. Accepts NULL. */
void cc_scenario_free(cc_scenario *s);

/* ---- queries -------------------------------------------------------------- */

/* Index of the channel / team / profile named `name`, or -1. */
int cc_scenario_channel_index(const cc_scenario *s, const char *name);
int cc_scenario_team_index(const cc_scenario *s, const char *name);
int cc_scenario_profile_index(const cc_scenario *s, const char *name);

/* Weekday (0 = Monday) of horizon day `day` (may be outside the horizon). */
int cc_scenario_weekday(const cc_scenario *s, int day);

/* Writes the ISO date of horizon day `day` into buf (at least 11 bytes). */
void cc_scenario_date(const cc_scenario *s, int day, char *buf);

/*
 * Expected arrivals per second of channel `ch` in horizon interval
 * `interval` (0 .. n_intervals-1): day volume x weekday x season x intraday
 * weight / interval length. _gross is before deflection, _rate after it
 * (the contacts that actually arrive). 0 outside the horizon.
 */
double cc_scenario_channel_rate(const cc_scenario *s, int ch, int interval);
double cc_scenario_channel_rate_gross(const cc_scenario *s, int ch, int interval);

/* Expected arriving contacts (after deflection) of channel `ch` in one interval. */
double cc_scenario_channel_volume(const cc_scenario *s, int ch, int interval);

/*
 * Scheduled agents of team `team` on duty in horizon interval `interval`,
 * time-averaged over the interval (a shift starting half-way counts half),
 * before shrinkage; shifts, overnight shifts and time zones applied.
 */
double cc_scenario_team_agents(const cc_scenario *s, int team, int interval);

/* Total shrinkage share of team `team` (its components combined). */
double cc_scenario_team_shrinkage(const cc_scenario *s, int team);

/* Paid agent hours of team `team` over the whole horizon. */
double cc_scenario_team_paid_hours(const cc_scenario *s, int team);

/* 1 when team `team` may serve channel `ch` (skilled and routed or overflowed to it). */
int cc_scenario_team_serves(const cc_scenario *s, int team, int ch);

/* Containment share of chatbot `bot` at time t_s (seconds from horizon start). */
double cc_scenario_containment(const cc_scenario *s, int bot, double t_s);

/*
 * Handle-time multiplier of channel `ch` when an agent has `sessions` open
 * sessions (1 = no stretch), per stretch_per_session or the stretch list.
 */
double cc_scenario_stretch(const cc_scenario *s, int ch, int sessions);

/* Name of a plan method as written in YAML ("erlang-a"). */
const char *cc_scenario_method_name(cc_scenario_method m);

#ifdef __cplusplus
}
#endif

#endif
