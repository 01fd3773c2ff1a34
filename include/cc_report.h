/*
 * Result files of a run: summary.json (resolved scenario and its SHA-256,
 * per-channel and per-team totals with 95% confidence intervals, the plan)
 * and intervals.csv (one row per date x interval x channel). Writers take a
 * FILE * supplied by the caller and never open files; output bytes depend
 * only on the scenario, the seed and the replications, so a fixed seed gives
 * identical files whatever the number of threads.
 */
#ifndef CC_REPORT_H
#define CC_REPORT_H

#include <stdio.h>

#include "cc_plan.h"
#include "cc_results.h"
#include "cc_scenario.h"
#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Facts that vary from run to run; kept apart so exact comparison can ignore them. */
typedef struct cc_run_meta {
    const char *timestamp;    /* ISO 8601 UTC time of the run */
    const char *host;         /* machine name */
    double wall_s;            /* wall-clock time of the run, seconds */
    int threads;              /* OpenMP threads used */
} cc_run_meta;

/*
 * Returns the resolved scenario (every default filled in, units in seconds
 * and shares) as compact JSON text. The caller frees it with free().
 */
char *cc_scenario_resolved_json(const cc_scenario *s);

/* Writes the SHA-256 of cc_scenario_resolved_json(s) as 64 hex digits into hex[65]. */
void cc_scenario_fingerprint(const cc_scenario *s, char hex[65]);

/*
 * Writes summary.json for scenario `s` and results `r` to `out`. `meta` may
 * be NULL: the document then holds nothing that varies between runs of the
 * same seed. `plan_json` may be NULL, or compact JSON text of the plan
 * section, inserted under "plan".
 * exceptions: CC_EIO (write failed), CC_EINVAL (plan_json is not JSON).
 */
cc_status cc_report_summary_json(FILE *out, const cc_scenario *s, const cc_results *r,
                                 const char *plan_json, const cc_run_meta *meta,
                                 cc_error *err);

/*
 * Writes intervals.csv: a header row, then one row per date x interval x
 * channel in time order, '.' decimals, ISO dates and HH:MM interval starts
 * on the scenario clock. Needs results with interval statistics.
 * exceptions: CC_EINVAL (no interval statistics), CC_EIO.
 */
cc_status cc_report_intervals_csv(FILE *out, const cc_scenario *s, const cc_results *r,
                                  cc_error *err);

/*
 * Writes report.html: one self-contained page (inline CSS and SVG, no
 * network) with summary cards, charts (volume, staffing, service level with
 * its confidence band against the target, a weekday x time-of-day heatmap,
 * occupancy), tables and definitions. Needs interval statistics.
 * `extra_html` may be NULL, or a ready HTML fragment (e.g. the plan's charts
 * and tables, each chart an <svg class="chart">) placed after the summary
 * cards.
 * exceptions: CC_EINVAL (no interval statistics), CC_EIO.
 */
cc_status cc_report_html(FILE *out, const cc_scenario *s, const cc_results *r,
                         const char *extra_html, cc_error *err);

/*
 * The note a terminal table prints after a channel's row, from its verdict
 * (cc_channel_verdict): "" when it meets; "  below target" when the service
 * level misses (the row shows the figures); "  misses: abandon 6.1% > 5%"
 * for broken caps, after "  below target;" when the service level misses
 * too; "  n/a: no contacts presented" without a verdict. Writes at most cap
 * bytes (NUL included) into buf and returns buf.
 */
char *cc_report_verdict_note(const cc_target_verdict *v, char *buf, size_t cap);

/*
 * What a channel leaves waiting when the horizon ends, from a run's
 * interval statistics: `waiting` is the mean over replications of the
 * contacts still queued or open at the end; `oldest_s` the age at the end
 * of the oldest of them (from the start of the earliest arrival interval
 * with, on average, half a contact or more still open; NaN when none is);
 * `overloaded` is set when the queue grows without bound: at the end more
 * than half a day's presented contacts wait, and half again as many as the
 * largest backlog of the first half of the horizon (at any interval's end),
 * so the daily and weekly backlog of deferred work is not taken for
 * overload.
 */
typedef struct cc_backlog_end {
    double waiting;            /* contacts */
    double oldest_s;           /* seconds, NaN when nothing is open */
    int overloaded;            /* 1 when the queue grows without bound */
} cc_backlog_end;

/* Fills *out for channel c of r (r->intervals may be NULL: then no age, no overload). */
void cc_report_backlog_end(const cc_results *r, size_t c, cc_backlog_end *out);

/* ---- plan outputs ------------------------------------------------------- */

/*
 * plan.csv: one row per date x interval x channel, in time order, with the
 * whole chain, the rostered agents, the Erlang figures at the requirement
 * and at the roster, the simulated figures when simulated, and the flags
 * below_target (simulated, else Erlang at the roster, SL under target) and
 * occupancy_above_90. '.' decimals; an empty cell is "not defined".
 * exceptions: CC_EIO.
 */
cc_status cc_report_plan_csv(FILE *out, const cc_planner *p, cc_error *err);

/*
 * plan_teams.csv: one row per date x interval x team: required agents (net,
 * gross, rounded), verified, rostered, net staffing.
 * exceptions: CC_EIO.
 */
cc_status cc_report_plan_teams_csv(FILE *out, const cc_planner *p, cc_error *err);

/*
 * roster.csv: one row per day x team x shift start of the plan's roster:
 * date (ISO; the day before the horizon for a night shift that reaches
 * into it), team, shift_start and shift_end ("HH:MM" on the scenario
 * clock), agents starting, ends_next_day (1 when the shift ends after
 * midnight), break_start and break_end (empty without an unpaid break),
 * paid_h (paid hours of one such shift) and the shift rule. Only the header
 * when no team was rostered.
 * exceptions: CC_EIO.
 */
cc_status cc_report_roster_csv(FILE *out, const cc_planner *p, cc_error *err);

/*
 * agents.csv: the weekly agent lines of cc_plan_agent_lines, lines[t] for
 * team t of the plan (NULL entries, or lines NULL, are skipped; each must
 * come from that team's roster p->teams[t].shifts). One row per team x week
 * x agent: agent (TEAM-001, ...), team, week (1-based), week_start (ISO date
 * of the week's first day), then mon..sun holding the shift the agent starts
 * that day as "HH:MM-HH:MM" on the scenario clock (the end taken modulo a
 * day, as in roster.csv), "off", or empty for a day outside the horizon
 * (a week that does not start on a Monday spans two calendar weeks: each
 * weekday column holds the week's one day of that weekday), then
 * days_worked and paid_h (paid hours of the week's shifts). An agent who
 * works a night shift starting the day before the horizon gets a week 0
 * row with only that day. Only the header when no lines are given.
 * exceptions: CC_EINVAL (lines that do not fit the team's roster or the
 *             horizon), CC_EIO.
 */
cc_status cc_report_agents_csv(FILE *out, const cc_planner *p,
                               const cc_agent_lines *const *lines, cc_error *err);

/*
 * planned.yaml: the plan's scenario p->s with the roster as its staffing,
 * so that `ccsim run planned.yaml` simulates, with any seed, exactly the
 * agents on duty the roster gives (p->teams[t].shifts->coverage) in every
 * interval. It is the scenario's source text with the overrides of its
 * load (and its plan option) applied, plan.options left out (their
 * overrides name positions in the old shift lists), and each rostered
 * team's `shifts` or `agents` replaced by its roster as scenario shifts on
 * the team's clock: one entry per rule, start and length with its agents
 * over a run of dates (`days` between `from` and `to`); a shift with an
 * unpaid break becomes two, before and after the break; a night shift
 * runs past midnight (`overnight`), one starting before the horizon has a
 * `from` before it. Teams without a roster keep their staffing as
 * written. A comment header says where it comes from; source comments are
 * not kept. Same bytes for the same plan.
 * exceptions: CC_EINVAL (the roster needs more shifts than a scenario
 *             holds, 512 per team and 4096 in all, or starts off the
 *             minute on a team's clock), CC_EIO.
 */
cc_status cc_report_planned_yaml(FILE *out, const cc_planner *p, cc_error *err);

/*
 * What the plan could not size for, in one sentence, or NULL when nothing:
 * today the channels whose max_abandon the requirement ignores because it
 * is Erlang C (method erlang-c, or a channel without patience), which has
 * no abandonment; the verdicts on the plan's simulations still judge the
 * cap. The plan's JSON (assumptions.abandonment) and HTML carry the same
 * text. The caller frees it with free().
 */
/*
 * Writes why the plan is what it is: per team covered and paid hours per
 * week beside the staffing written in the scenario, the roster cost of
 * both, each channel's verdict at its target's scope and where its target
 * binds, and what the staffing as written misses. Writes nothing when the
 * plan was not simulated.
 * exceptions: CC_EIO (the stream failed).
 */
cc_status cc_report_plan_why(FILE *out, const cc_planner *p, cc_error *err);

char *cc_report_plan_abandon_note(const cc_planner *p);

/*
 * The compact JSON of the plan for summary.json's "plan" key: settings and
 * assumptions, totals per channel and team, weeks, hiring, shifts,
 * verification and options. Deterministic for a given plan. The caller
 * frees the text with free().
 */
char *cc_report_plan_json(const cc_planner *p);

/*
 * The plan's HTML fragment for report.html: definitions, required vs
 * rostered agents per team (step lines), Erlang next to simulation per
 * channel, weekly FTE (net, gross, roster) against available with the gap,
 * a week x time-of-day heatmap of net staffing, hiring, shifts and the
 * option comparison with deltas. The caller frees it with free().
 */
char *cc_report_plan_html(const cc_planner *p);

struct cc_fc_result;

/*
 * Writes the report.html of a forecast: per channel the recent history and
 * the forecast with its band, the backtest and the WAPE of every method.
 * `source` names the history file in the heading. exceptions: CC_EIO.
 */
cc_status cc_report_forecast_html(FILE *out, const struct cc_fc_result *r, const char *source,
                                  cc_error *err);

#ifdef __cplusplus
}
#endif

#endif
