/*
 * ccsim plan SCENARIO: the headcount plan. Prints the requirement per
 * channel, the weekly FTE plan, shifts, hiring, the simulation of the roster
 * and the option comparison, and writes plan.csv, plan_teams.csv, roster.csv,
 * summary.json (with the plan section), intervals.csv and report.html under
 * results/<scenario>/plan/ (or --out DIR), each atomically. --explain prints the
 * chain of one interval instead and writes nothing.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic_write.h"
#include "cc_plan.h"
#include "cc_report.h"
#include "cc_scenario.h"
#include "cli.h"
#include "cc_units.h"
#include "options.h"
#include "result_set.h"
#include "tasks_cli.h"

#define MAX_SETS 64

static void plan_help(void)
{
    printf("usage: ccsim plan SCENARIO.yaml [options]\n"
           "\n"
           "Plans the scenario: agents per channel and interval (workload -> Erlang or\n"
           "simulation requirement -> occupancy cap -> shrinkage -> scheduled -> FTE), the\n"
           "agents per team, then the least-cost roster per team whose simulation meets every\n"
           "target at its scope (integer programme + simulation on common random numbers,\n"
           "checked on an independent seed), weekly FTE against the headcount with hires,\n"
           "overtime and vendor cover, why the plan differs from the staffing written in the\n"
           "scenario, and the scenario's plan options side by side. Writes plan.csv,\n"
           "plan_teams.csv, roster.csv (shifts per day and team), agents.csv (weekly agent\n"
           "lines), planned.yaml (the scenario with the planned roster), summary.json,\n"
           "intervals.csv and report.html to results/<scenario>/plan/ (or --out).\n"
           "\n"
           "options:\n"
           "  --explain 'YYYY-MM-DD HH:MM'  print the chain of that interval, write nothing\n"
           "  --channel NAME     with --explain: only this channel\n"
           "  --verify           simulation-verified staffing under an Erlang method too\n"
           "  --analytic         roster the analytic (or verified) staffing; no least-cost\n"
           "                     search by simulation\n"
           "  --replications K   replications per simulation (default: the scenario's)\n"
           "  --seed S           base seed, 0..2^63 (default: the scenario's)\n"
           "  --threads T        worker threads (default: all cores)\n"
           "  --fractional       show agents before rounding in the tables\n"
           "  --out DIR          output folder (default: results/<scenario name>/plan)\n"
           "  --set KEY=VALUE    override a scenario key (YAML value; missing parent\n"
           "                     sections are created), repeatable\n"
           "  --scale WHAT=F     multiply the scenario's volume or handle time: volume=1.3,\n"
           "                     aht=0.9, chat.volume=1.5 (one channel), repeatable\n"
           "  --json             print summary.json on stdout instead of the tables\n"
           "  --meta             add run facts (time, host, wall time, threads) to summary.json\n"
           "  --no-limits        simulate even when the estimate exceeds the event or memory\n"
           "                     limit (otherwise exit 2 before planning)\n"
           "  --help             show this help\n"
           "\n"
           "Service level = answered within the target time / contacts presented to agents\n"
           "(abandoned count as missed); ASA = mean wait of answered contacts. A target is\n"
           "judged at its scope (target.scope: every interval by default, day, week or\n"
           "horizon) on counts pooled over the period and the replications; a period misses\n"
           "when a figure is past its goal by more than 1.96 x its binomial spread at the\n"
           "goal. Total cost per week = in-house + overtime + vendor + hiring. The shrinkage\n"
           "formula is plan.shrinkage_method: divisive, scheduled = required / (1 - s), or\n"
           "multiplicative, required x (1 + s); plan.csv has both. FTE = paid hours /\n"
           "plan.fte_week. Exit codes: 0 ok, 1 a target cannot be met, 2 usage or scenario\n"
           "error, 3 I/O error.\n");
}

/* ---- terminal tables ------------------------------------------------------- */

static void print_header(const cc_planner *p)
{
    const cc_scenario *s = p->s;
    char *note;
    printf("%s: plan by %s%s; shrinkage %s; FTE = %.1f paid hours a week\n", s->name,
           cc_scenario_method_name(s->plan.method),
           p->verified ? " (simulation-verified staffing)" : "",
           s->plan.shrinkage_method == CC_SHRINK_MULTIPLICATIVE
               ? "multiplicative: scheduled = required x (1 + s)"
               : "divisive: scheduled = required / (1 - s)",
           p->fte_week_h);
    printf("%d days of %g-minute intervals from %s; simulations: %ld replications, seed %llu\n",
           s->days, s->interval_s / 60.0, s->start_date, p->replications,
           (unsigned long long)p->seed);
    note = cc_report_plan_abandon_note(p);
    if (note)
        printf("note: %s\n", note);
    free(note);
    putchar('\n');
}

static void print_channels(const cc_planner *p, int fractional)
{
    double weeks = (double)p->s->days / 7.0;
    printf("Requirement per channel (agent-hours over the horizon; FTE per week)\n");
    printf("%-12s %-9s %11s %11s %11s %11s %10s %8s %9s %11s\n", "channel", "kind", "contacts",
           "workload h", "net agt-h", fractional ? "gross agt-h" : "sched agt-h",
           fractional ? "peak gross" : "peak sched", "FTE net", "FTE gross", "occ-cap int");
    for (size_t c = 0; c < p->n_channels; c++) {
        const cc_plan_requirement *req = p->channels[c].req;
        const cc_plan_totals *t = &req->totals;
        double peak = 0.0;
        for (size_t i = 0; i < req->n_intervals; i++)
            peak = fmax(peak, req->intervals[i].gross_agents);
        printf("%-12s %-9s %11.0f %11.1f %11.1f %11.1f ", p->s->channels[c].name,
               cc_channel_kind_name(p->s->channels[c].kind), t->contacts, t->workload_hours,
               t->net_agent_hours, fractional ? t->gross_agent_hours : t->scheduled_agent_hours);
        if (fractional)
            printf("%10.2f", peak);
        else
            printf("%10ld", t->peak_scheduled);
        printf(" %8.1f %9.1f %11zu\n", t->net_agent_hours / p->fte_week_h / weeks,
               t->gross_agent_hours / p->fte_week_h / weeks, t->n_cap_binding);
    }
    printf("(peak %s = most agents %s in one interval; occ-cap int = intervals where the "
           "occupancy cap raised the requirement)\n\n",
           fractional ? "gross" : "sched", fractional ? "needed, gross," : "scheduled");
}

static void print_days(const cc_planner *p, int fractional)
{
    size_t ipd = (size_t)p->s->intervals_per_day;
    if (p->s->days > 31)
        return;
    printf("Daily requirement (agent-hours, all channels)\n");
    printf("%-10s %11s %11s %11s %11s\n", "date", "contacts", "net agt-h",
           fractional ? "gross agt-h" : "sched agt-h", "rostered h");
    for (int d = 0; d < p->s->days; d++) {
        char date[11];
        double contacts = 0, net = 0, gross = 0, rost = 0;
        for (size_t i = (size_t)d * ipd; i < (size_t)(d + 1) * ipd; i++) {
            for (size_t c = 0; c < p->n_channels; c++) {
                const cc_plan_interval *row = &p->channels[c].req->intervals[i];
                contacts += row->contacts;
                net += row->net_agents * p->interval_h;
                gross += (fractional ? row->gross_agents : (double)row->scheduled_agents) *
                         p->interval_h;
            }
            for (size_t t = 0; t < p->n_teams; t++) {
                const cc_planner_team *pt = &p->teams[t];
                rost += (double)(pt->shifts ? pt->shifts->coverage[i] : pt->staffing[i]) *
                        p->interval_h;
            }
        }
        cc_scenario_date(p->s, d, date);
        printf("%-10s %11.0f %11.1f %11.1f %11.1f\n", date, contacts, net, gross, rost);
    }
    putchar('\n');
}

static void print_weeks(const cc_planner *p, int fractional)
{
    printf("Weekly FTE plan (in-house need = rostered FTE of in-house teams; available = "
           "headcount less attrition, before and after the planned hires; short = need less "
           "available after hires, covered by overtime and vendor hours; occ = busy agents ÷ "
           "agents on channels of one contact at a time, chats = open chats ÷ capacity on "
           "channels with concurrency)\n");
    printf("%-10s %10s %8s %9s %9s %6s %6s %9s %9s %11s %8s %6s %6s %9s %9s\n", "week",
           "contacts", "FTE net", fractional ? "FTE gross" : "FTE sched", "rostered", "occ",
           "chats", "in-house",
           "available", "after hires", "short", "hire", "start", "overtime h", "vendor h");
    for (size_t w = 0; w < p->n_weeks; w++) {
        const cc_planner_week *pw = &p->weeks[w];
        double short_fte = pw->fte_inhouse - pw->available_after_hires;
        char shortage[16] = "-";
        /* A gap the planned hires cover is no shortfall. */
        if (short_fte > 0.05)
            snprintf(shortage, sizeof shortage, "%.1f", short_fte);
        char open[16] = "-";
        if (isfinite(pw->open_chats))
            snprintf(open, sizeof open, "%.1f%%", 100.0 * pw->open_chats);
        printf("%-10s %10.0f %8.1f %9.1f %9.1f %5.1f%% %6s %9.1f %9.1f %11.1f %8s %6ld %6ld "
               "%10.0f %9.0f\n",
               pw->start_date, pw->req.contacts, pw->req.fte_net,
               fractional ? pw->req.fte_gross : pw->req.fte_scheduled, pw->fte_rostered,
               100.0 * pw->occupancy, open, pw->fte_inhouse, pw->available_fte,
               pw->available_after_hires, shortage, pw->hires_decided, pw->hires_starting,
               pw->overtime_hours, pw->vendor_hours);
    }
    putchar('\n');
}

static void print_teams(const cc_planner *p)
{
    printf("Teams and shifts\n");
    printf("%-12s %12s %12s", "team", "required h", "analytic h");
    if (p->verify.ran)
        printf(" %12s", "verified h");
    printf(" %9s %11s %9s %9s %8s\n", "shifts", "paid h", "over h", "under h", "optimal");
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        char ver[32] = "-";
        if (pt->verified)
            snprintf(ver, sizeof ver, "%.1f", pt->verified_hours);
        printf("%-12s %12.1f %12.1f ", p->s->teams[t].name, pt->required_hours,
               pt->analytic_hours);
        if (p->verify.ran)
            printf("%12s ", ver);
        if (pt->shifts)
            printf("%9ld %11.1f %9.1f %9.1f %8s\n", pt->shifts->n_shifts, pt->shifts->paid_hours,
                   pt->shifts->over_agent_hours, pt->shifts->under_agent_hours,
                   pt->shifts->optimal ? "yes" : "no, gap");
        else
            printf("%9s %11s %9s %9s %8s\n", "-", "-", "-", "-", "-");
    }
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        if (!pt->shifts)
            continue;
        printf("  %s:", p->s->teams[t].name);
        for (size_t k = 0; k < pt->n_rules; k++) {
            long n = 0;
            for (size_t j = 0; j < pt->shifts->n_starts; j++)
                if (pt->shifts->starts[j].rule == k)
                    n += pt->shifts->starts[j].agents;
            if (n > 0)
                printf(" %s x%ld (%.1f h);", pt->rule_names[k], n, pt->rules[k].length_s / 3600);
        }
        putchar('\n');
    }
    if (p->verify.ran) {
        printf("Simulation-verified staffing: %d rounds, %zu blocks judged; analytic staffing "
               "missed %zu, verified %zu%s\n",
               p->verify.rounds, p->verify.n_blocks, p->verify.analytic_missed,
               p->verify.verified_missed,
               p->verify.converged ? " (converged)"
                                   : p->verify.met_targets ? " (met; trimming stopped at the "
                                                             "round limit)"
                                                           : " (fewest missed within the round "
                                                             "limit)");
        printf("  by channel-day: %zu judged; analytic missed %zu, verified %zu\n",
               p->verify.n_days, p->verify.analytic_days_missed, p->verify.verified_days_missed);
        for (size_t t = 0; t < p->n_teams; t++) {
            const cc_planner_team *pt = &p->teams[t];
            printf("  %-12s verified - analytic = %+.1f agent-hours (%+.1f%%)\n",
                   p->s->teams[t].name, pt->verified_hours - pt->analytic_hours,
                   pt->analytic_hours > 0
                       ? 100.0 * (pt->verified_hours - pt->analytic_hours) / pt->analytic_hours
                       : 0.0);
        }
    }
    putchar('\n');
}

static void print_hiring(const cc_planner *p)
{
    printf("Hiring (lead %d weeks, training %d weeks, attrition %.1f%%/month, overtime up to "
           "%.0f%% at %.2gx, cost per hire %.0f)\n",
           p->lead_weeks, p->training_weeks, 100.0 * p->s->plan.attrition_per_month,
           100.0 * p->s->plan.overtime_share, p->s->plan.overtime_multiplier,
           p->s->plan.cost_per_hire);
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        int any = 0;
        if (!pt->hiring) {
            printf("  %-12s vendor team: bought by the hour\n", p->s->teams[t].name);
            continue;
        }
        printf("  %-12s headcount %.1f%s; hires %ld; weeks short %zu; overtime %.0f h; vendor "
               "cover %.0f h\n",
               p->s->teams[t].name, pt->headcount,
               pt->headcount_from_shifts ? " (from the scenario's shifts)" : "",
               pt->hiring_totals.hires, pt->hiring_totals.weeks_short,
               pt->hiring_totals.overtime_hours, pt->hiring_totals.vendor_hours);
        for (size_t w = 0; w < p->n_weeks; w++) {
            const cc_headcount_week *hw = &pt->hiring[w];
            if (hw->hires_decided == 0 && hw->hires_starting == 0 && hw->vendor_hours <= 0.5 &&
                hw->overtime_hours <= 0.5)
                continue;
            if (!any)
                printf("    %-10s %7s %7s %9s %9s %9s\n", "week", "decide", "start", "available",
                       "overtime", "vendor h");
            any = 1;
            printf("    %-10s %7ld %7ld %9.1f %9.0f %9.0f\n", p->weeks[w].start_date,
                   hw->hires_decided, hw->hires_starting, hw->available_fte, hw->overtime_hours,
                   hw->vendor_hours);
        }
    }
    putchar('\n');
}

static void print_sim(const cc_planner *p)
{
    const cc_results *r = p->sim;
    if (!r)
        return;
    printf("Simulation of the roster\n");
    printf("%-12s %16s %13s %10s %9s %8s %6s\n", "channel", "SL", "target", "ASA", "abandon",
           "days met", "risk");
    for (size_t c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *x = &r->channels[c];
        const cc_channel *ch = &p->s->channels[c];
        char sl[40] = "-", asa[24] = "-", note[200], tgt[48];
        if (x->service_level.n > 0)
            snprintf(sl, sizeof sl, "%.1f%% ± %.1f", 100.0 * x->service_level.mean,
                     100.0 * x->service_level.half_width);
        if (x->asa_s.n > 0)
            cc_format_duration(x->asa_s.mean, asa, sizeof asa);
        const cc_attainment *d = &x->at[CC_SCOPE_DAY];
        char days[16] = "-";
        if (d->judged > 0)
            snprintf(days, sizeof days, "%.0f%%", 100.0 * d->share_met);
        printf("%-12s %16s %13s %10s %8.1f%% %8s %5.0f%%%s\n", ch->name, sl,
               cc_format_target(ch->target.service_level, ch->target.answer_within_s, tgt,
                                sizeof tgt),
               asa,
               x->p_abandon.n > 0 ? 100.0 * x->p_abandon.mean : 0.0, days, 100.0 * x->risk,
               cc_report_verdict_note(&x->verdict, note, sizeof note));
    }
    printf("(days met = share of judged days whose pooled figures meet the target; risk = share "
           "of replications whose whole-horizon figures miss it)\n\n");
}

static void print_cost(const cc_planner *p)
{
    const cc_plan_cost *k = &p->cost;
    const char *cur = p->s->currency[0] ? p->s->currency : "";
    printf("Cost per week%s%s: total %.0f = in-house %.0f + overtime %.0f + vendor %.0f + "
           "hiring %.0f; %.2f per offered contact (%.0f offered%s)\n",
           cur[0] ? " in " : "", cur, k->total_per_week, k->inhouse, k->overtime, k->vendor,
           k->hiring, k->per_contact, k->offered, p->sim ? ", simulated" : ", forecast");
    if (isfinite(p->schedule_efficiency))
        printf("Schedule efficiency %.1f%%: %.0f agent-hours to cover, %.0f paid in the "
               "rosters\n\n",
               100.0 * p->schedule_efficiency, p->staffed_hours, p->paid_hours);
    else
        printf("\n");
}

static void print_options(const cc_planner *p)
{
    if (p->n_options == 0) {
        printf("Options: none in the scenario (plan.options)\n\n");
        return;
    }
    printf("Options (same seed; planned = staffed to the targets and rostered; as written = "
           "the option's own shifts)\n");
    printf("%-24s %-10s", "option", "basis");
    for (size_t c = 0; c < p->n_channels; c++)
        printf(" %12.12s", p->s->channels[c].name);
    printf(" %8s %11s %10s %11s %8s  %s\n", "FTE", "cost/week", "delta", "per contact", "delta",
           "verdict");
    for (size_t k = 0; k < p->n_options; k++) {
        const cc_planner_option *po = &p->options[k];
        if (po->error) {
            printf("%-24.24s failed: %s\n", po->name, po->error);
            continue;
        }
        for (int side = 0; side < 2; side++) {
            const cc_option_result *r = side ? &po->written : &po->planned;
            const double *sl = side ? po->written_sl : po->planned_sl;
            const double *risk = side ? po->written_risk : po->planned_risk;
            long best = side ? p->best_written : p->best_planned;
            printf("%-24.24s %-10s", side ? "" : po->name, side ? "as written" : "planned");
            for (size_t c = 0; c < p->n_channels; c++) {
                char cellbuf[24] = "n/a";
                if (isfinite(sl[c]))
                    snprintf(cellbuf, sizeof cellbuf, "%.1f%%/%.0f%%", 100.0 * sl[c],
                             100.0 * risk[c]);
                printf(" %12s", cellbuf);
            }
            printf(" %8.1f %11.0f %+10.0f %11.2f %+8.2f  %s%s\n",
                   side ? po->written_fte : po->fte_rostered, r->cost_per_week,
                   r->delta_cost_per_week, r->cost_per_contact, r->delta_cost_per_contact,
                   r->meets_targets ? "meets targets" : "misses targets",
                   best == (long)k ? ", cheapest" : "");
        }
    }
    printf("(channel cells: simulated SL / risk of missing the target)\n");
    if (p->best_planned >= 0)
        printf("cheapest option meeting every target, planned: %s\n",
               p->options[p->best_planned].name);
    else
        printf("no option meets every target when planned\n");
    if (p->best_written >= 0)
        printf("cheapest option meeting every target, as written: %s\n",
               p->options[p->best_written].name);
    else
        printf("no option meets every target as written\n");
    putchar('\n');
}

/* ---- files ------------------------------------------------------------------ */

struct plan_ctx {
    const cc_planner *p;
    const char *plan_json;
    const char *plan_html;
    const cc_run_meta *meta;
};

static cc_status w_plan(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    return cc_report_plan_csv(out, c->p, err);
}

static cc_status w_teams(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    return cc_report_plan_teams_csv(out, c->p, err);
}

static cc_status w_agents(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    const cc_planner *p = c->p;
    const cc_agent_lines **lines = calloc(p->n_teams ? p->n_teams : 1, sizeof *lines);
    cc_status st;
    if (!lines)
        return cc_error_setf(err, CC_ENOMEM, "out of memory");
    for (size_t t = 0; t < p->n_teams; t++)
        lines[t] = p->teams[t].agents;
    st = cc_report_agents_csv(out, p, lines, err);
    free(lines);
    return st;
}

static cc_status w_planned(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    return cc_report_planned_yaml(out, c->p, err);
}

static cc_status w_roster(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    return cc_report_roster_csv(out, c->p, err);
}

static cc_status w_summary(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    return cc_report_summary_json(out, c->p->s, c->p->sim, c->plan_json, c->meta, err);
}

static cc_status w_intervals(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    return cc_report_intervals_csv(out, c->p->s, c->p->sim, err);
}

static cc_status w_html(FILE *out, const void *ctx, cc_error *err)
{
    const struct plan_ctx *c = ctx;
    return cc_report_html(out, c->p->s, c->p->sim, c->plan_html, err);
}

/*
 * The plan's simulations against the event and memory limits before any
 * work: the scenario's own model on the plan's replications, with the
 * per-interval percentiles the plan's simulations keep. The planned staffing
 * changes only the agents, a small share of the memory; the planner's own
 * simulations check again.
 */
static int check_limits(const cc_scenario *s, const cc_planner_options *opt)
{
    cc_run_options ro = cc_run_options_default();
    cc_simmodel *m = NULL;
    cc_error err;
    int rc;

    if (opt->no_limits)
        return CLI_OK;
    if (cc_simmodel_from_scenario(s, &m, &err) != CC_OK) {
        cli_print_error(&err);
        return CLI_USAGE;
    }
    ro.replications = opt->replications > 0 ? opt->replications : s->simulation.replications;
    ro.threads = opt->threads;
    ro.interval_stats = 1;
    ro.interval_percentiles = 1;
    rc = cli_check_limits(m, &ro);
    cc_simmodel_free(m);
    return rc;
}

/* ---- the command -------------------------------------------------------------- */

int cmd_plan(int argc, char **argv)
{
    enum { OPT_EXPLAIN = CLI_OPT_BASE, OPT_CHANNEL, OPT_VERIFY, OPT_ANALYTIC, OPT_REPS, OPT_SEED, OPT_THREADS,
           OPT_FRACTIONAL, OPT_OUT, OPT_SET, OPT_SCALE, OPT_JSON, OPT_META, OPT_NO_LIMITS, OPT_HELP };
    static const struct option longopts[] = {
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"channel", required_argument, NULL, OPT_CHANNEL},
        {"verify", no_argument, NULL, OPT_VERIFY},
        {"analytic", no_argument, NULL, OPT_ANALYTIC},
        {"replications", required_argument, NULL, OPT_REPS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"fractional", no_argument, NULL, OPT_FRACTIONAL},
        {"out", required_argument, NULL, OPT_OUT},
        {"set", required_argument, NULL, OPT_SET},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"json", no_argument, NULL, OPT_JSON},
        {"meta", no_argument, NULL, OPT_META},
        {"no-limits", no_argument, NULL, OPT_NO_LIMITS},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    cc_override sets[MAX_SETS];
    struct cli_scale_text scale_text[MAX_SETS];
    struct cli_parser parser;
    size_t n_sets = 0, n_scales = 0;
    long reps = 0, seed = -1, threads = 0, when = -1;
    const char *out_dir = NULL, *explain = NULL, *channel_name = NULL;
    int json = 0, with_meta = 0, fractional = 0, verify = 0, c, rc, channel = -1;
    cc_scenario *s = NULL;
    cc_planner *p = NULL;
    cc_planner_options opt = cc_planner_options_default();
    cc_error err;
    struct cli_results out_set = {.lock_fd = -1};
    const char *dir = out_set.dir;
    struct cli_meta_buf meta_buf;
    char *plan_json = NULL, *plan_html = NULL;
    struct timespec t0, t1;
    cc_run_meta meta;
    struct plan_ctx ctx;
    cc_status st;

    cli_parser_init(&parser, "plan", longopts, argc, argv);
    cli_parser_repeatable(&parser, OPT_SET);
    cli_parser_repeatable(&parser, OPT_SCALE);
    cli_parser_positional(&parser, 1);
    while ((c = cli_parser_next(&parser)) != -1) {
        const char *optval = parser.value;
        switch (c) {
        case OPT_EXPLAIN: explain = optval; break;
        case OPT_CHANNEL: channel_name = optval; break;
        case OPT_VERIFY: verify = 1; break;
        case OPT_ANALYTIC: opt.least_cost = 0; break;
        case OPT_REPS:
            if ((rc = cli_parse_count("replications", optval, 1, 100000, &reps)))
                return rc;
            break;
        case OPT_SEED:
            if ((rc = cli_parse_count("seed", optval, 0, 0x7fffffffffffffffL, &seed)))
                return rc;
            break;
        case OPT_THREADS:
            if ((rc = cli_parse_count("threads", optval, 1, 1024, &threads)))
                return rc;
            break;
        case OPT_FRACTIONAL: fractional = 1; break;
        case OPT_OUT: out_dir = optval; break;
        case OPT_JSON: json = 1; break;
        case OPT_META: with_meta = 1; break;
        case OPT_NO_LIMITS: opt.no_limits = 1; break;
        case OPT_SET:
            if ((rc = cli_parse_set((char *)optval, sets, &n_sets, MAX_SETS)))
                return rc;
            break;
        case OPT_SCALE:
            if (n_sets == MAX_SETS)
                return cli_flag_errorf("scale", "at most %d overrides and scales", MAX_SETS);
            if ((rc = cli_parse_scale(optval, &scale_text[n_scales++], &sets[n_sets++])))
                return rc;
            break;
        case OPT_HELP: plan_help(); return cli_finish_stdout();
        default: return CLI_USAGE; /* the parser printed the problem */
        }
    }
    if (argc - parser.first_positional != 1) {
        cli_errorf("expected one scenario file; run 'ccsim plan --help'");
        return CLI_USAGE;
    }
    if (channel_name && !explain)
        return cli_flag_errorf("channel", "only applies with --explain");
    if (explain && (json || out_dir))
        return cli_flag_errorf("explain", "prints the chain and writes nothing; it cannot be "
                                          "combined with --json or --out");
    if ((rc = cli_load_scenario(argv[parser.first_positional], sets, n_sets, &s)))
        return rc;
    if (explain) {
        if (cc_planner_interval_at(s, explain, &when, &err) != CC_OK) {
            rc = cli_flag_errorf("explain", "%s", err.message);
            goto out;
        }
        if (channel_name && (channel = cc_scenario_channel_index(s, channel_name)) < 0) {
            char list[1024] = "";
            for (int k = 0; k < s->n_channels; k++) {
                size_t used = strlen(list);
                snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "",
                         s->channels[k].name);
            }
            rc = cli_flag_errorf("channel", "no channel '%s' in the scenario; allowed: %s",
                                 channel_name, list);
            goto out;
        }
        opt.shifts = 0;
        opt.simulate = 0;
        opt.options = 0;
        opt.verify = verify ? 1 : -1;
    } else if (verify) {
        opt.verify = 1;
    }
    opt.replications = reps;
    opt.has_seed = seed >= 0;
    opt.seed = seed >= 0 ? (uint64_t)seed : 0;
    opt.threads = (int)threads;
    if (opt.simulate && (rc = check_limits(s, &opt)))
        goto out;
    if (!explain && (rc = cli_results_begin(&out_set, out_dir, s->name, "plan")))
        goto out;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = cc_planner_new(s, &opt, &p, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (st != CC_OK) {
        cli_print_error(&err);
        rc = cli_exit_for(st);
        goto out;
    }
    if (explain) {
        if (cc_planner_explain(p, channel, when, stdout, &err) != CC_OK) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto out;
        }
        rc = cli_finish_stdout();
        goto out;
    }

    cli_meta_fill(&meta_buf, &meta, &t0, &t1, opt.threads);
    plan_json = cc_report_plan_json(p);
    plan_html = cc_report_plan_html(p);
    ctx.p = p;
    ctx.plan_json = plan_json;
    ctx.plan_html = plan_html;
    ctx.meta = with_meta ? &meta : NULL;
    if ((rc = cli_results_write(&out_set, "plan.csv", w_plan, &ctx)) ||
        (rc = cli_results_write(&out_set, "plan_teams.csv", w_teams, &ctx)) ||
        (rc = cli_results_write(&out_set, "roster.csv", w_roster, &ctx)) ||
        (rc = cli_results_write(&out_set, "agents.csv", w_agents, &ctx)) ||
        (rc = cli_results_write(&out_set, "planned.yaml", w_planned, &ctx)) ||
        (rc = cli_results_write(&out_set, "summary.json", w_summary, &ctx)) ||
        (rc = cli_results_write(&out_set, "intervals.csv", w_intervals, &ctx)) ||
        (rc = cli_results_write(&out_set, "report.html", w_html, &ctx)) ||
        (rc = cli_results_commit(&out_set)))
        goto out;
    if (json) {
        if (cc_report_summary_json(stdout, s, p->sim, plan_json, ctx.meta, &err) != CC_OK) {
            cli_print_error(&err);
            rc = CLI_IO;
            goto out;
        }
    } else {
        print_header(p);
        print_channels(p, fractional);
        print_days(p, fractional);
        print_weeks(p, fractional);
        print_teams(p);
        print_hiring(p);
        print_sim(p);
        print_cost(p);
        if (cc_report_plan_why(stdout, p, &err) != CC_OK) {
            cli_print_error(&err);
            rc = CLI_IO;
            goto out;
        }
        print_options(p);
        printf("wrote %s/plan.csv, plan_teams.csv, roster.csv, agents.csv, planned.yaml, "
               "summary.json, intervals.csv and report.html\n",
               dir);
    }
    rc = cli_finish_stdout();
out:
    cli_results_abort(&out_set);
    free(plan_json);
    free(plan_html);
    cc_planner_free(p);
    cc_scenario_free(s);
    return rc;
}
