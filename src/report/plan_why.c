/*
 * Why the plan is what it is: per team what the roster covers against what
 * it pays, beside the staffing written in the scenario; per channel the
 * target that binds and the period where it binds; what the staffing as
 * written misses at the declared scope. The same facts as text (plan
 * command) and as JSON (summary.json plan.why).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc_report.h"
#include "report/plan_why.h"
#include "stats/target.h"
#include "util/textout.h"
#include "util/clocale.h"

static double weeks_of(const cc_planner *p)
{
    return (double)p->s->days / 7.0;
}

static double written_team_hours(const cc_planner *p, size_t t)
{
    const cc_results *w = p->written;
    if (!w || t >= w->n_teams || w->teams[t].paid_hours.n == 0)
        return NAN;
    return w->teams[t].paid_hours.mean / weeks_of(p);
}

/* The goal or cap a verdict's figures are nearest to, as text ("SL 80.4% vs 80%"). */
static void binding_figure(const cc_target_verdict *v, char *buf, size_t cap)
{
    const cc_sim_target *tg = &v->target;
    double best = INFINITY;
    buf[0] = '\0';
    if (tg->service_level > 0 && isfinite(v->service_level)) {
        best = (v->service_level - tg->service_level) / tg->service_level;
        snprintf(buf, cap, "SL %.1f%% (goal %.4g%%)", 100.0 * v->service_level,
                 100.0 * tg->service_level);
    }
    if (tg->max_abandon > 0 && isfinite(v->abandon) &&
        (tg->max_abandon - v->abandon) / tg->max_abandon < best) {
        best = (tg->max_abandon - v->abandon) / tg->max_abandon;
        snprintf(buf, cap, "abandon %.1f%% (cap %.4g%%)", 100.0 * v->abandon,
                 100.0 * tg->max_abandon);
    }
    if (tg->max_asa_s > 0 && isfinite(v->asa_s) &&
        (tg->max_asa_s - v->asa_s) / tg->max_asa_s < best) {
        best = (tg->max_asa_s - v->asa_s) / tg->max_asa_s;
        snprintf(buf, cap, "ASA %.1f s (cap %.4g s)", v->asa_s, tg->max_asa_s);
    }
    /* Past the goal yet met: within the sampling tolerance of the verdict rule. */
    if (best < 0 && strlen(buf) + 40 < cap)
        strcat(buf, ", within the sampling tolerance");
}

/* One line of a channel's verdict at its scope on results r: "meets" or why not. */
static void scope_line(const cc_planner *p, const cc_results *r, size_t c, int binding,
                       char *buf, size_t cap)
{
    const cc_channel_summary *x = &r->channels[c];
    const cc_attainment *a = &x->at[x->judging.scope];
    const char *scope = cc_target_scope_name(x->judging.scope);
    char name[64], fig[96], why[200];

    cc_target_period_name(p->s, x->judging.scope, a->worst, name, sizeof name);
    if (a->verdict.status == CC_TARGET_NA) {
        snprintf(buf, cap, "not judged at %s scope: %s", scope,
                 cc_target_reasons(&a->verdict, why, sizeof why));
    } else if (a->verdict.status == CC_TARGET_MISSES) {
        snprintf(buf, cap, "misses at %s scope: %ld of %ld judged periods fail; worst %s: %s",
                 scope, a->failed, a->judged, name,
                 cc_target_reasons(&a->verdict, why, sizeof why));
    } else {
        char all[48];
        if (a->judged == 1)
            snprintf(all, sizeof all, "in its one judged period");
        else
            snprintf(all, sizeof all, "in all %ld judged periods", a->judged);
        binding_figure(&a->verdict, fig, sizeof fig);
        if (binding)
            snprintf(buf, cap, "meets at %s scope %s; binds at %s: %s", scope, all, name, fig);
        else
            snprintf(buf, cap, "meets at %s scope %s", scope, all);
    }
}

/* 1 when the planned roster's simulation meets every channel's target at its scope. */
static int planned_meets(const cc_planner *p)
{
    for (size_t c = 0; c < p->sim->n_channels; c++) {
        const cc_channel_summary *x = &p->sim->channels[c];
        if (x->at[x->judging.scope].verdict.status == CC_TARGET_MISSES)
            return 0;
    }
    return 1;
}

/* Below this many replications a plan judged by the interval pays for wide margins. */
#define LC_FEW_REPLICATIONS 10

/* 1 when some channel with a target is judged interval by interval. */
static int interval_judged(const cc_planner *p)
{
    for (size_t c = 0; c < p->sim->n_channels; c++)
        if (p->sim->channels[c].judging.scope == CC_SCOPE_INTERVAL &&
            p->sim->channels[c].at[CC_SCOPE_INTERVAL].judged > 0)
            return 1;
    return 0;
}

/* How the least-cost search ended, and the periods no roster of the rules can meet. */
static void search_lines(FILE *out, const cc_planner *p)
{
    const cc_planner_search *ls = &p->search;
    fprintf(out, "Least-cost search: %d rounds; ", ls->rounds);
    if (ls->from_written)
        fprintf(out, "the staffing as written, rostered, met on both seeds for the least cost");
    else if (ls->converged)
        fprintf(out, "met every judged period on its seed and on an independent check seed, and "
                     "no cheaper roster passed (converged)");
    else if (ls->met)
        fprintf(out, "met every judged period on its seed; the check seed found %zu missing "
                     "(not converged)", ls->check_missed);
    else
        fprintf(out, "no roster met every judged period within its rounds; this is the one that "
                     "came closest (not converged)");
    fputs("\n", out);
    if (p->replications < LC_FEW_REPLICATIONS && interval_judged(p))
        fprintf(out,
                "With %ld replications the margins that make another seed agree on every "
                "interval are wide (they narrow as 1/sqrt(replications)): --replications %d or "
                "more gives a cheaper roster that still passes.\n",
                p->replications, LC_FEW_REPLICATIONS);
    if (ls->unreachable_periods > 0) {
        char name[64];
        cc_target_period_name(p->s, ls->unreachable_scope, (long)ls->unreachable_index, name,
                              sizeof name);
        fprintf(out,
                "%zu period%s cannot be met by any roster the shift rules allow: too many of "
                "their contacts arrive when no team serving the channel can be on duty before "
                "their answer time runs out (first: %s, %s). They are left out of the search; "
                "add a shift rule that covers them, or judge the channel by a longer scope.\n",
                ls->unreachable_periods, ls->unreachable_periods == 1 ? "" : "s",
                p->s->channels[ls->unreachable_channel].name, name);
    }
}

static cc_status report_plan_why_in_c_locale(FILE *out, const cc_planner *p, cc_error *err)
{
    const cc_scenario *s = p->s;
    const char *cur = s->currency[0] ? s->currency : "";
    char line[400];

    if (!p->sim || !p->written)
        return CC_OK;
    fprintf(out, "Why this plan (per week; the staffing written in the scenario simulated on the "
                 "same seed)\n");
    fprintf(out, "%-14s %12s %12s %11s %14s\n", "team", "covered h", "paid h", "efficiency",
            "as written h");
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        double wk = weeks_of(p), wh = written_team_hours(p, t);
        char eff[16] = "-", wr[24] = "-";
        if (!pt->shifts)
            continue;
        if (pt->rostered_hours > 0)
            snprintf(eff, sizeof eff, "%.1f%%", 100.0 * pt->staffed_hours / pt->rostered_hours);
        if (isfinite(wh))
            snprintf(wr, sizeof wr, "%.1f", wh);
        fprintf(out, "%-14s %12.1f %12.1f %11s %14s\n", s->teams[t].name,
                pt->staffed_hours / wk, pt->rostered_hours / wk, eff, wr);
    }
    fprintf(out,
            "Roster cost per week%s%s (in-house paid hours x rate, vendors as billed): planned "
            "%.0f, as written %.0f (%+.0f)\n",
            cur[0] ? " in " : "", cur, p->roster_cost, p->written_roster_cost,
            p->roster_cost - p->written_roster_cost);
    fprintf(out, "Planned roster, per channel:\n");
    for (size_t c = 0; c < p->sim->n_channels; c++) {
        scope_line(p, p->sim, c, 1, line, sizeof line);
        fprintf(out, "  %-12s %s\n", s->channels[c].name, line);
    }
    fprintf(out, "As written, per channel:\n");
    for (size_t c = 0; c < p->written->n_channels; c++) {
        scope_line(p, p->written, c, 0, line, sizeof line);
        fprintf(out, "  %-12s %s\n", s->channels[c].name, line);
    }
    if (p->search.ran)
        search_lines(out, p);
    if (!planned_meets(p))
        fprintf(out, "The planned roster misses targets at their scope too (above).\n");
    else if (p->written_meets && p->roster_cost > p->written_roster_cost)
        fprintf(out, "The staffing as written meets every target for less: it is the cheaper "
                     "answer on this seed.\n");
    else if (p->written_meets)
        fprintf(out, "The staffing as written meets every target too, at a higher cost.\n");
    else
        fprintf(out, "The staffing as written misses targets at their scope; the plan fixes "
                     "that.\n");
    fputc('\n', out);
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write the plan's explanation");
    return CC_OK;
}

cc_status cc_report_plan_why(FILE *out, const cc_planner *p, cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = report_plan_why_in_c_locale(out, p, err);
    cc_locale_leave(prev);
    return st;
}

static json_t *scope_json(const cc_planner *p, const cc_results *r)
{
    json_t *arr = json_array();
    for (size_t c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *x = &r->channels[c];
        const cc_attainment *a = &x->at[x->judging.scope];
        json_t *o = json_object();
        char name[64], why[200], fig[96];
        cc_target_period_name(p->s, x->judging.scope, a->worst, name, sizeof name);
        json_object_set_new(o, "channel", json_string(p->s->channels[c].name));
        json_object_set_new(o, "scope", json_string(cc_target_scope_name(x->judging.scope)));
        json_object_set_new(o, "verdict", json_string(cc_target_status_name(a->verdict.status)));
        json_object_set_new(o, "periods_judged", json_integer(a->judged));
        json_object_set_new(o, "periods_failed", json_integer(a->failed));
        json_object_set_new(o, "worst_period", a->worst >= 0 ? json_string(name) : json_null());
        cc_target_reasons(&a->verdict, why, sizeof why);
        binding_figure(&a->verdict, fig, sizeof fig);
        json_object_set_new(o, a->verdict.status == CC_TARGET_MISSES ? "why" : "binding",
                            json_string(a->verdict.status == CC_TARGET_MISSES ? why : fig));
        json_array_append_new(arr, o);
    }
    return arr;
}

json_t *cc_report_plan_why_json(const cc_planner *p)
{
    json_t *o, *teams;
    if (!p->sim || !p->written)
        return NULL;
    o = json_object();
    teams = json_array();
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        json_t *x;
        if (!pt->shifts)
            continue;
        x = json_object();
        json_object_set_new(x, "team", json_string(p->s->teams[t].name));
        json_object_set_new(x, "covered_hours_per_week",
                            cc_json_number(pt->staffed_hours / weeks_of(p)));
        json_object_set_new(x, "paid_hours_per_week",
                            cc_json_number(pt->rostered_hours / weeks_of(p)));
        json_object_set_new(x, "as_written_paid_hours_per_week",
                            isfinite(written_team_hours(p, t))
                                ? cc_json_number(written_team_hours(p, t))
                                : json_null());
        json_array_append_new(teams, x);
    }
    json_object_set_new(o, "teams", teams);
    json_object_set_new(o, "roster_cost_per_week", cc_json_number(p->roster_cost));
    json_object_set_new(o, "as_written_roster_cost_per_week", cc_json_number(p->written_roster_cost));
    json_object_set_new(o, "as_written_meets", json_boolean(p->written_meets));
    json_object_set_new(o, "planned", scope_json(p, p->sim));
    json_object_set_new(o, "as_written", scope_json(p, p->written));
    return o;
}
