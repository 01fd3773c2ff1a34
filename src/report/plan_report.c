/*
 * Writers of a plan: plan.csv (the chain per date x interval x channel),
 * plan_teams.csv (per team), the compact JSON section of summary.json and
 * the HTML fragment of report.html. Every number is printed with a fixed
 * format, so a plan gives the same bytes every time. Horizons too long to
 * chart interval by interval show their peak week at interval resolution.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/alloc.h"
#include "util/textout.h"
#include "cc_plan.h"
#include "cc_report.h"
#include "report/plan_why.h"
#include "report/svg_chart.h"
#include "util/clocale.h"

/* Horizons longer than this many intervals are charted for their peak week only. */
#define MAX_CHART_POINTS 1008

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                      "#8c564b", "#e377c2", "#7f7f7f"};

/* ---- small formatting helpers --------------------------------------------- */

static void interval_stamp(const cc_planner *p, size_t i, char date[11], char hhmm[6])
{
    size_t ipd = (size_t)p->s->intervals_per_day;
    unsigned sec = (unsigned)((double)(i % ipd) * p->s->interval_s) % 86400u;
    cc_scenario_date(p->s, (int)(i / ipd), date);
    snprintf(hhmm, 6, "%02u:%02u", (sec / 3600u) % 24u, (sec / 60u) % 60u);
}

/* A CSV number, or an empty cell when it is not defined. */
static void cell(FILE *out, const char *fmt, double v)
{
    fputc(',', out);
    if (isfinite(v)) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        fprintf(out, fmt, v);
#pragma GCC diagnostic pop
    }
}

static void csv_name(FILE *out, const char *name)
{
    cc_csv_field(out, name);
}

static const char *method_label(const cc_planner *p)
{
    switch (p->s->plan.method) {
    case CC_METHOD_ERLANG_C: return "erlang-c";
    case CC_METHOD_ERLANG_A: return "erlang-a";
    case CC_METHOD_SIMULATION: return "simulation";
    }
    return "?";
}

static const char *shrink_label(const cc_planner *p)
{
    return p->s->plan.shrinkage_method == CC_SHRINK_MULTIPLICATIVE ? "multiplicative"
                                                                    : "divisive";
}

static const char *shrink_formula(const cc_planner *p)
{
    return p->s->plan.shrinkage_method == CC_SHRINK_MULTIPLICATIVE
               ? "scheduled = required x (1 + shrinkage)"
               : "scheduled = required / (1 - shrinkage)";
}

char *cc_report_plan_abandon_note(const cc_planner *p)
{
    size_t n = 0, len = 0, cap = 512;
    char *text;

    for (size_t c = 0; c < p->n_channels; c++)
        n += (size_t)p->channels[c].abandon_unsized;
    if (n == 0)
        return NULL;
    for (size_t c = 0; c < p->n_channels; c++)
        cap += strlen(p->s->channels[c].name) + 4;
    text = cc_xmalloc(cap);
    len += (size_t)snprintf(text + len, cap - len, "the requirement of ");
    for (size_t c = 0, k = 0; c < p->n_channels; c++) {
        if (!p->channels[c].abandon_unsized)
            continue;
        len += (size_t)snprintf(text + len, cap - len, "%s'%s'",
                                k == 0 ? "" : k + 1 == n ? " and " : ", ",
                                p->s->channels[c].name);
        k++;
    }
    snprintf(text + len, cap - len,
             " is Erlang C (method erlang-c, or no patience), which has no abandonment, so it "
             "cannot size for max_abandon; the cap is judged only on the plan's simulations "
             "(the roster, the options, --verify); method erlang-a with a patience, or "
             "simulation, sizes for it");
    return text;
}

/* The team with the largest share of channel c in interval i. */
static size_t main_team(const cc_planner *p, size_t c, size_t i)
{
    size_t best = 0, n = p->n_intervals;
    for (size_t t = 1; t < p->n_teams; t++)
        if (p->channels[c].share[t * n + i] > p->channels[c].share[best * n + i])
            best = t;
    return best;
}

static long rostered_at(const cc_planner_team *pt, size_t i)
{
    return pt->shifts ? pt->shifts->coverage[i] : pt->staffing[i];
}

/* ---- plan.csv -------------------------------------------------------------- */

static cc_status report_plan_csv_in_c_locale(FILE *out, const cc_planner *p, cc_error *err)
{
    size_t n = p->n_intervals, nc = p->n_channels, nt = p->n_teams;

    fputs("date,interval_start,channel,kind,forecast_contacts,deflected_contacts,"
          "contained_contacts,bounced_contacts,inbound_contacts,contacts_to_agents,aht_s,wrap_s,"
          "stretch,handle_s,workload_erlangs,window_erlangs,erlang_servers,erlang_sl_frac,"
          "capped_servers,occupancy_cap_binding,net_agents,net_agents_rounded,shrinkage_frac,"
          "gross_divisive_agents,gross_multiplicative_agents,gross_agents,scheduled_agents,"
          "fte_net,fte_gross,fte_scheduled,expected_sl_frac,expected_asa_s,"
          "expected_abandon_frac,expected_occupancy_frac,expected_open_chats_per_capacity,"
          "rostered_agents,net_staffing_agents,"
          "erlang_rostered_sl_frac,sim_sl_frac,sim_sl_ci_frac,sim_asa_s,sim_abandon_frac,"
          "below_target,occupancy_above_90\n",
          out);
    for (size_t i = 0; i < n; i++) {
        char date[11], hhmm[6];
        interval_stamp(p, i, date, hhmm);
        for (size_t c = 0; c < nc; c++) {
            const cc_planner_channel *pc = &p->channels[c];
            const cc_plan_interval *row = &pc->req->intervals[i];
            const cc_channel *ch = &p->s->channels[c];
            int live = !pc->deferred, zero = (row->flags & CC_PLAN_F_ZERO) != 0;
            double sim_sl = NAN, sim_ci = NAN, sim_asa = NAN, sim_ab = NAN, occ = NAN;
            double plan_sl = pc->erlang_plan_sl ? pc->erlang_plan_sl[i] : NAN;
            int below = 0, busy = 0;

            fprintf(out, "%s,%s,", date, hhmm);
            csv_name(out, ch->name);
            fprintf(out, ",%s", cc_channel_kind_name(ch->kind));
            cell(out, "%.4f", pc->forecast[i]);
            cell(out, "%.4f", pc->deflected[i]);
            cell(out, "%.4f", pc->contained[i]);
            cell(out, "%.4f", pc->bounced[i]);
            cell(out, "%.4f", pc->inbound[i]);
            cell(out, "%.4f", row->contacts);
            cell(out, "%.2f", row->aht_s);
            cell(out, "%.2f", row->wrap_s);
            cell(out, "%.4f", row->stretch);
            cell(out, "%.2f", row->handle_s);
            cell(out, "%.4f", row->workload_erlangs);
            cell(out, "%.4f", live ? NAN : row->window_erlangs);
            cell(out, "%.0f", live ? (double)row->erlang_servers : NAN);
            cell(out, "%.6f", live && !zero ? row->erlang.service_level : NAN);
            cell(out, "%.0f", live ? (double)row->capped_servers : NAN);
            fprintf(out, ",%d", (row->flags & CC_PLAN_F_CAP_BINDING) ? 1 : 0);
            cell(out, "%.4f", row->net_agents);
            fprintf(out, ",%ld", row->net_agents_rounded);
            cell(out, "%.6f", row->shrinkage);
            cell(out, "%.4f", row->gross_divisive);
            cell(out, "%.4f", row->gross_multiplicative);
            cell(out, "%.4f", row->gross_agents);
            fprintf(out, ",%ld", row->scheduled_agents);
            cell(out, "%.6f", row->fte_net);
            cell(out, "%.6f", row->fte_gross);
            cell(out, "%.6f", row->fte_scheduled);
            cell(out, "%.6f", live && !zero ? row->capped.service_level : NAN);
            cell(out, "%.2f", live && !zero ? row->capped.asa_s : NAN);
            cell(out, "%.6f", live && !zero ? row->capped.p_abandon : NAN);
            if (live && !zero)
                occ = row->capped.occupancy;
            else if (!live && row->net_agents > 0)
                occ = row->window_erlangs / row->net_agents;
            /* Under concurrency the Erlang servers are sessions: open chats / capacity. */
            cell(out, "%.6f", pc->req->concurrency > 1 ? NAN : occ);
            cell(out, "%.6f", pc->req->concurrency > 1 ? occ : NAN);
            cell(out, "%.4f", pc->rostered ? pc->rostered[i] : NAN);
            cell(out, "%.4f", pc->rostered ? pc->rostered[i] - row->gross_agents : NAN);
            cell(out, "%.6f", plan_sl);
            if (p->sim) {
                const cc_interval_channel *x = &p->sim->intervals[i * nc + c];
                const cc_interval_team *y = &p->sim->team_intervals[i * nt + main_team(p, c, i)];
                if (x->service_level.n > 0) {
                    sim_sl = x->service_level.mean;
                    sim_ci = x->service_level.half_width;
                }
                if (x->asa_s.n > 0)
                    sim_asa = x->asa_s.mean;
                if (x->p_abandon.n > 0)
                    sim_ab = x->p_abandon.mean;
                if (row->contacts > 0 && y->occupancy.n > 0 && y->occupancy.mean > 0.9)
                    busy = 1;
            }
            cell(out, "%.6f", sim_sl);
            cell(out, "%.6f", sim_ci);
            cell(out, "%.2f", sim_asa);
            cell(out, "%.6f", sim_ab);
            if (isfinite(sim_sl))
                below = sim_sl < ch->target.service_level;
            else if (isfinite(plan_sl))
                below = plan_sl < ch->target.service_level;
            if (isfinite(occ) && occ > 0.9)
                busy = 1;
            fprintf(out, ",%d,%d\n", below, busy);
        }
    }
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write plan.csv");
    return CC_OK;
}

cc_status cc_report_plan_csv(FILE *out, const cc_planner *p, cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = report_plan_csv_in_c_locale(out, p, err);
    cc_locale_leave(prev);
    return st;
}

static cc_status report_plan_teams_csv_in_c_locale(FILE *out, const cc_planner *p, cc_error *err)
{
    size_t n = p->n_intervals, nt = p->n_teams;

    fputs("date,interval_start,team,required_net_agents,required_agents,analytic_agents,"
          "verified_agents,rostered_agents,net_staffing_agents,sim_agents_present,"
          "sim_occupancy_frac\n",
          out);
    for (size_t i = 0; i < n; i++) {
        char date[11], hhmm[6];
        interval_stamp(p, i, date, hhmm);
        for (size_t t = 0; t < nt; t++) {
            const cc_planner_team *pt = &p->teams[t];
            long ros = rostered_at(pt, i);
            fprintf(out, "%s,%s,", date, hhmm);
            csv_name(out, p->s->teams[t].name);
            cell(out, "%.4f", pt->required_net[i]);
            cell(out, "%.4f", pt->required[i]);
            fprintf(out, ",%ld", pt->analytic[i]);
            cell(out, "%.0f", pt->verified ? (double)pt->verified[i] : NAN);
            fprintf(out, ",%ld", ros);
            cell(out, "%.4f", (double)ros - pt->required[i]);
            if (p->sim) {
                const cc_interval_team *y = &p->sim->team_intervals[i * nt + t];
                cell(out, "%.4f", y->agents.n > 0 ? y->agents.mean : NAN);
                cell(out, "%.6f", y->occupancy.n > 0 ? y->occupancy.mean : NAN);
            } else {
                fputs(",,", out);
            }
            fputc('\n', out);
        }
    }
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write plan_teams.csv");
    return CC_OK;
}

cc_status cc_report_plan_teams_csv(FILE *out, const cc_planner *p, cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = report_plan_teams_csv_in_c_locale(out, p, err);
    cc_locale_leave(prev);
    return st;
}

/* ---- JSON ------------------------------------------------------------------ */


static double weeks_of(const cc_planner *p)
{
    return (double)p->s->days / 7.0;
}

static json_t *channels_json(const cc_planner *p)
{
    json_t *arr = json_array();
    for (size_t c = 0; c < p->n_channels; c++) {
        const cc_planner_channel *pc = &p->channels[c];
        const cc_plan_totals *tt = &pc->req->totals;
        const cc_channel *ch = &p->s->channels[c];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(ch->name));
        json_object_set_new(o, "kind", json_string(cc_channel_kind_name(ch->kind)));
        json_object_set_new(o, "contacts", cc_json_number(tt->contacts));
        json_object_set_new(o, "deflected", cc_json_number(tt->deflected));
        json_object_set_new(o, "contained", cc_json_number(tt->contained));
        json_object_set_new(o, "workload_hours", cc_json_number(tt->workload_hours));
        json_object_set_new(o, "net_agent_hours", cc_json_number(tt->net_agent_hours));
        json_object_set_new(o, "gross_agent_hours", cc_json_number(tt->gross_agent_hours));
        json_object_set_new(o, "scheduled_agent_hours", cc_json_number(tt->scheduled_agent_hours));
        json_object_set_new(o, "fte_net", cc_json_number(tt->net_agent_hours / p->fte_week_h / weeks_of(p)));
        json_object_set_new(o, "fte_gross", cc_json_number(tt->gross_agent_hours / p->fte_week_h / weeks_of(p)));
        json_object_set_new(o, "peak_scheduled_agents", json_integer(tt->peak_scheduled));
        json_object_set_new(o, "intervals_cap_binding", json_integer((json_int_t)tt->n_cap_binding));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* Paid hours of the starts of rule k: each start's own paid time (lengths may vary). */
static double rule_paid_hours(const cc_planner_team *pt, size_t k)
{
    double paid = 0.0;
    for (size_t j = 0; j < pt->shifts->n_starts; j++) {
        const cc_shift_start *st = &pt->shifts->starts[j];
        if (st->rule == k)
            paid += (double)st->agents * (st->paid_s > 0 ? st->paid_s : pt->rules[k].paid_s);
    }
    return paid / 3600.0;
}

static json_t *shifts_json(const cc_planner_team *pt)
{
    json_t *o = json_object(), *rules = json_array();
    const cc_shift_plan *sp = pt->shifts;
    json_object_set_new(o, "shifts", json_integer(sp->n_shifts));
    json_object_set_new(o, "paid_hours", cc_json_number(sp->paid_hours));
    json_object_set_new(o, "over_agent_hours", cc_json_number(sp->over_agent_hours));
    json_object_set_new(o, "under_agent_hours", cc_json_number(sp->under_agent_hours));
    json_object_set_new(o, "under_intervals", json_integer((json_int_t)sp->n_under_intervals));
    json_object_set_new(o, "optimal", json_boolean(sp->optimal));
    for (size_t k = 0; k < pt->n_rules; k++) {
        json_t *r = json_object();
        long agents = 0;
        for (size_t j = 0; j < sp->n_starts; j++)
            if (sp->starts[j].rule == k)
                agents += sp->starts[j].agents;
        json_object_set_new(r, "name", json_string(pt->rule_names[k]));
        json_object_set_new(r, "length_hours", cc_json_number(pt->rules[k].length_s / 3600.0));
        json_object_set_new(r, "shifts", json_integer(agents));
        json_object_set_new(r, "paid_hours", cc_json_number(rule_paid_hours(pt, k)));
        json_array_append_new(rules, r);
    }
    json_object_set_new(o, "by_rule", rules);
    return o;
}

static json_t *teams_json(const cc_planner *p)
{
    json_t *arr = json_array();
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(p->s->teams[t].name));
        json_object_set_new(o, "outsourced", json_boolean(pt->outsourced));
        json_object_set_new(o, "required_net_agent_hours", cc_json_number(pt->required_net_hours));
        json_object_set_new(o, "required_agent_hours", cc_json_number(pt->required_hours));
        json_object_set_new(o, "analytic_agent_hours", cc_json_number(pt->analytic_hours));
        if (pt->verified) {
            json_object_set_new(o, "verified_agent_hours", cc_json_number(pt->verified_hours));
            json_object_set_new(o, "verified_change_agent_hours", cc_json_number(pt->verified_hours - pt->analytic_hours));
        }
        json_object_set_new(o, "rostered_paid_hours", cc_json_number(pt->rostered_hours));
        if (pt->shifts) {
            json_t *eff = json_array();
            json_object_set_new(o, "roster", shifts_json(pt));
            json_object_set_new(o, "staffed_agent_hours", cc_json_number(pt->staffed_hours));
            json_object_set_new(o, "schedule_efficiency",
                                cc_json_number(pt->rostered_hours > 0
                                                   ? pt->staffed_hours / pt->rostered_hours
                                                   : NAN));
            for (size_t w = 0; w < p->n_weeks; w++)
                json_array_append_new(eff, cc_json_number(pt->paid_week_h[w] > 0
                                                              ? pt->staffed_week_h[w] /
                                                                    pt->paid_week_h[w]
                                                              : NAN));
            json_object_set_new(o, "schedule_efficiency_by_week", eff);
        }
        json_object_set_new(o, "headcount", cc_json_number(pt->headcount));
        json_object_set_new(o, "headcount_source", json_string(pt->headcount_from_shifts ? "scenario shifts"
                                                                         : "plan.headcount"));
        if (pt->hiring) {
            json_object_set_new(o, "hires", json_integer(pt->hiring_totals.hires));
            json_object_set_new(o, "weeks_short", json_integer((json_int_t)pt->hiring_totals.weeks_short));
            json_object_set_new(o, "overtime_hours", cc_json_number(pt->hiring_totals.overtime_hours));
            json_object_set_new(o, "vendor_hours", cc_json_number(pt->hiring_totals.vendor_hours));
            json_object_set_new(o, "vendor_cost_per_hour", cc_json_number(pt->vendor_cost_per_hour));
            json_object_set_new(o, "hiring_plan_cost", cc_json_number(pt->hiring_totals.cost_total));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *weeks_json(const cc_planner *p)
{
    json_t *arr = json_array();
    for (size_t w = 0; w < p->n_weeks; w++) {
        const cc_planner_week *pw = &p->weeks[w];
        json_t *o = json_object();
        json_object_set_new(o, "start", json_string(pw->start_date));
        json_object_set_new(o, "days", cc_json_number(pw->req.days));
        json_object_set_new(o, "contacts", cc_json_number(pw->req.contacts));
        json_object_set_new(o, "fte_net", cc_json_number(pw->req.fte_net));
        json_object_set_new(o, "fte_gross", cc_json_number(pw->req.fte_gross));
        json_object_set_new(o, "fte_scheduled", cc_json_number(pw->req.fte_scheduled));
        json_object_set_new(o, "fte_rostered", cc_json_number(pw->fte_rostered));
        json_object_set_new(o, "occupancy", cc_json_number(pw->occupancy));
        if (isfinite(pw->open_chats))
            json_object_set_new(o, "open_chats_per_capacity", cc_json_number(pw->open_chats));
        json_object_set_new(o, "fte_inhouse", cc_json_number(pw->fte_inhouse));
        json_object_set_new(o, "fte_vendor_teams", cc_json_number(pw->fte_vendor));
        json_object_set_new(o, "available_fte", cc_json_number(pw->available_fte));
        json_object_set_new(o, "gap_fte", cc_json_number(pw->gap_fte));
        json_object_set_new(o, "gap_pct", cc_json_number(pw->gap_pct));
        json_object_set_new(o, "hires_decided", json_integer(pw->hires_decided));
        json_object_set_new(o, "hires_starting", json_integer(pw->hires_starting));
        json_object_set_new(o, "available_after_hires", cc_json_number(pw->available_after_hires));
        json_object_set_new(o, "overtime_hours", cc_json_number(pw->overtime_hours));
        json_object_set_new(o, "vendor_hours", cc_json_number(pw->vendor_hours));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *verify_json(const cc_planner *p)
{
    json_t *o = json_object(), *chs = json_array();
    json_object_set_new(o, "rounds", json_integer(p->verify.rounds));
    json_object_set_new(o, "met_targets", json_boolean(p->verify.met_targets));
    json_object_set_new(o, "converged", json_boolean(p->verify.converged));
    json_object_set_new(o, "blocks", json_integer((json_int_t)p->verify.n_blocks));
    json_object_set_new(o, "analytic_blocks_missed", json_integer((json_int_t)p->verify.analytic_missed));
    json_object_set_new(o, "verified_blocks_missed", json_integer((json_int_t)p->verify.verified_missed));
    json_object_set_new(o, "channel_days", json_integer((json_int_t)p->verify.n_days));
    json_object_set_new(o, "analytic_days_missed", json_integer((json_int_t)p->verify.analytic_days_missed));
    json_object_set_new(o, "verified_days_missed", json_integer((json_int_t)p->verify.verified_days_missed));
    for (size_t c = 0; c < p->n_channels; c++) {
        json_t *x = json_object();
        json_object_set_new(x, "name", json_string(p->s->channels[c].name));
        json_object_set_new(x, "analytic_sl", cc_json_number(p->verify.analytic_sl[c]));
        json_object_set_new(x, "verified_sl", cc_json_number(p->verify.verified_sl[c]));
        json_array_append_new(chs, x);
    }
    json_object_set_new(o, "channels", chs);
    return o;
}

static json_t *option_side_json(const cc_planner *p, const cc_option_result *r, const double *sl,
                                const double *risk, double fte)
{
    json_t *o = json_object(), *chs = json_array();
    json_object_set_new(o, "fte_paid", cc_json_number(fte));
    json_object_set_new(o, "cost_per_week", cc_json_number(r->cost_per_week));
    json_object_set_new(o, "cost_per_contact", cc_json_number(r->cost_per_contact));
    json_object_set_new(o, "delta_cost_per_week", cc_json_number(r->delta_cost_per_week));
    json_object_set_new(o, "delta_cost_per_contact", cc_json_number(r->delta_cost_per_contact));
    json_object_set_new(o, "meets_targets", json_boolean(r->meets_targets));
    json_object_set_new(o, "targets_missed", json_integer((json_int_t)r->n_targets_missed));
    json_object_set_new(o, "cheapest_meeting_targets", json_boolean(r->cheapest));
    for (size_t c = 0; c < p->n_channels; c++) {
        json_t *x = json_object();
        json_object_set_new(x, "name", json_string(p->s->channels[c].name));
        json_object_set_new(x, "service_level", cc_json_number(sl[c]));
        json_object_set_new(x, "risk", cc_json_number(risk[c]));
        json_array_append_new(chs, x);
    }
    json_object_set_new(o, "channels", chs);
    return o;
}

static json_t *options_json(const cc_planner *p)
{
    json_t *arr = json_array();
    for (size_t k = 0; k < p->n_options; k++) {
        const cc_planner_option *po = &p->options[k];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(po->name));
        json_object_set_new(o, "description", json_string(po->description));
        if (po->error) {
            json_object_set_new(o, "error", json_string(po->error));
            json_array_append_new(arr, o);
            continue;
        }
        json_object_set_new(o, "fte_net", cc_json_number(po->fte_net));
        json_object_set_new(o, "fte_gross", cc_json_number(po->fte_gross));
        json_object_set_new(o, "fte_rostered", cc_json_number(po->fte_rostered));
        json_object_set_new(o, "planned", option_side_json(p, &po->planned, po->planned_sl, po->planned_risk,
                                           po->fte_rostered));
        json_object_set_new(o, "as_written", option_side_json(p, &po->written, po->written_sl, po->written_risk,
                                              po->written_fte));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* Teams whose shift rules come from plan.shift_rules. */
static int rules_given(const cc_planner *p)
{
    int n = 0;
    for (size_t t = 0; t < p->n_teams; t++)
        n += p->teams[t].rules_given;
    return n;
}

static char *report_plan_json_in_c_locale(const cc_planner *p)
{
    json_t *o = json_object(), *as = json_object();
    double net = 0, gross = 0, rostered = 0, vendor = 0, overtime = 0;
    long hires = 0;
    char *text, *note;

    for (size_t c = 0; c < p->n_channels; c++) {
        net += p->channels[c].req->totals.net_agent_hours;
        gross += p->channels[c].req->totals.gross_agent_hours;
    }
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        rostered += pt->shifts ? pt->rostered_hours : 0.0;
        if (pt->hiring) {
            hires += pt->hiring_totals.hires;
            vendor += pt->hiring_totals.vendor_hours;
            overtime += pt->hiring_totals.overtime_hours;
        }
    }
    json_object_set_new(o, "method", json_string(method_label(p)));
    json_object_set_new(o, "verified_by_simulation", json_boolean(p->verified));
    json_object_set_new(o, "shrinkage_method", json_string(shrink_label(p)));
    json_object_set_new(o, "shrinkage_formula", json_string(shrink_formula(p)));
    json_object_set_new(o, "fte_week_hours", cc_json_number(p->fte_week_h));
    json_object_set_new(o, "interval_minutes", cc_json_number(p->s->interval_s / 60.0));
    json_object_set_new(o, "max_occupancy", cc_json_number(p->s->plan.max_occupancy));
    json_object_set_new(as, "allocation",
        json_string("a channel's agents go to the teams of its routing list in proportion to "
                    "the agents the scenario has on duty (all to the first team when none "
                    "is); overflow teams take none; a team serving several channels gets the "
                    "sum, with no pooling credit"));
    json_object_set_new(as, "retrials", json_string("abandoned contacts that retry are not in the Erlang "
                                    "requirement; the simulation includes them"));
    json_object_set_new(as, "shift_rules", json_string(rules_given(p) == (int)p->n_teams
                                           ? "plan.shift_rules"
                                           : rules_given(p) > 0
                                                 ? "plan.shift_rules where given; other teams: "
                                                   "starts within the window of each scenario "
                                                   "shift, same length and days"
                                                 : "starts within the window of each scenario "
                                                   "shift, same length and days; flat teams: "
                                                   "8 h from any interval"));
    json_object_set_new(as, "shift_window_minutes", cc_json_number(p->opt.shift_window_s / 60.0));
    json_object_set_new(as, "overtime_cap", cc_json_number(p->s->plan.overtime_share));
    json_object_set_new(as, "overtime_premium", cc_json_number(p->s->plan.overtime_multiplier));
    json_object_set_new(as, "vendor_cost_per_hour",
        p->s->plan.vendor_cost_per_hour >= 0 ? cc_json_number(p->s->plan.vendor_cost_per_hour)
                                             : json_string("rate of a vendor team serving the "
                                                           "same channels"));
    json_object_set_new(as, "cost_per_hire", cc_json_number(p->s->plan.cost_per_hire));
    json_object_set_new(as, "hiring_policy", json_string(p->hiring_policy == CC_HIRE_BEYOND_OVERTIME
                                             ? "hire beyond what overtime covers"
                                             : "hire to the requirement"));
    json_object_set_new(as, "lead_weeks", json_integer(p->lead_weeks));
    json_object_set_new(as, "training_weeks", json_integer(p->training_weeks));
    json_object_set_new(as, "attrition_per_month", cc_json_number(p->s->plan.attrition_per_month));
    note = cc_report_plan_abandon_note(p);
    if (note)
        json_object_set_new(as, "abandonment", json_string(note));
    free(note);
    json_object_set_new(o, "assumptions", as);
    json_object_set_new(o, "fte_net", cc_json_number(net / p->fte_week_h / weeks_of(p)));
    json_object_set_new(o, "fte_gross", cc_json_number(gross / p->fte_week_h / weeks_of(p)));
    json_object_set_new(o, "fte_rostered", cc_json_number(rostered / p->fte_week_h / weeks_of(p)));
    {
        json_t *k = json_object();
        json_object_set_new(k, "total_per_week", cc_json_number(p->cost.total_per_week));
        json_object_set_new(k, "inhouse", cc_json_number(p->cost.inhouse));
        json_object_set_new(k, "overtime", cc_json_number(p->cost.overtime));
        json_object_set_new(k, "vendor", cc_json_number(p->cost.vendor));
        json_object_set_new(k, "hiring", cc_json_number(p->cost.hiring));
        json_object_set_new(k, "per_contact", cc_json_number(p->cost.per_contact));
        json_object_set_new(k, "offered_contacts", cc_json_number(p->cost.offered));
        json_object_set_new(k, "currency", json_string(p->s->currency));
        json_object_set_new(o, "cost", k);
    }
    json_object_set_new(o, "schedule_efficiency", cc_json_number(p->schedule_efficiency));
    json_object_set_new(o, "staffed_agent_hours", cc_json_number(p->staffed_hours));
    json_object_set_new(o, "paid_agent_hours", cc_json_number(p->paid_hours));
    json_object_set_new(o, "hires", json_integer(hires));
    json_object_set_new(o, "overtime_hours", cc_json_number(overtime));
    json_object_set_new(o, "vendor_hours", cc_json_number(vendor));
    json_object_set_new(o, "channels", channels_json(p));
    json_object_set_new(o, "teams", teams_json(p));
    json_object_set_new(o, "weeks", weeks_json(p));
    if (p->verify.ran)
        json_object_set_new(o, "verification", verify_json(p));
    if (p->search.ran) {
        const cc_planner_search *ls = &p->search;
        json_t *x = json_object(), *rounds = json_array();
        json_object_set_new(x, "rounds", json_integer(ls->rounds));
        json_object_set_new(x, "met", json_boolean(ls->met));
        json_object_set_new(x, "converged", json_boolean(ls->converged));
        json_object_set_new(x, "stopped_by_programme", json_boolean(ls->stopped));
        json_object_set_new(x, "periods_judged", json_integer((json_int_t)ls->n_periods));
        json_object_set_new(x, "check_seed", json_integer((json_int_t)ls->check_seed));
        json_object_set_new(x, "check_periods_missed", json_integer((json_int_t)ls->check_missed));
        json_object_set_new(x, "analytic_paid_hours", cc_json_number(ls->analytic_paid_hours));
        json_object_set_new(x, "held_from_round",
                            ls->held_from > 0 ? json_integer(ls->held_from) : json_null());
        json_object_set_new(x, "unreachable_periods",
                            json_integer((json_int_t)ls->unreachable_periods));
        if (ls->unreachable_periods > 0) {
            char name[64], both[160];
            cc_target_period_name(p->s, ls->unreachable_scope, (long)ls->unreachable_index, name,
                                  sizeof name);
            snprintf(both, sizeof both, "%s %s", p->s->channels[ls->unreachable_channel].name,
                     name);
            json_object_set_new(x, "first_unreachable", json_string(both));
        }
        {
            json_t *w = json_object();
            json_object_set_new(w, "paid_hours", cc_json_number(ls->written_paid_hours));
            json_object_set_new(w, "cost", cc_json_number(ls->written_cost));
            json_object_set_new(w, "met", json_boolean(ls->written_met));
            json_object_set_new(w, "adopted", json_boolean(ls->from_written));
            json_object_set_new(x, "as_written_candidate", w);
        }
        for (int k = 0; k < ls->rounds && k < CC_PLAN_SEARCH_MAX_ROUNDS; k++) {
            json_t *rd = json_object();
            json_object_set_new(rd, "paid_hours", cc_json_number(ls->round_paid_hours[k]));
            json_object_set_new(rd, "cost", cc_json_number(ls->round_cost[k]));
            json_object_set_new(rd, "periods_missed",
                                json_integer((json_int_t)ls->round_missed[k]));
            json_array_append_new(rounds, rd);
        }
        json_object_set_new(x, "by_round", rounds);
        json_object_set_new(o, "least_cost_search", x);
    }
    {
        json_t *why = cc_report_plan_why_json(p);
        if (why)
            json_object_set_new(o, "why", why);
    }
    if (p->n_options > 0) {
        json_object_set_new(o, "options", options_json(p));
        json_object_set_new(o, "cheapest_planned",
            p->best_planned >= 0 ? json_string(p->options[p->best_planned].name) : json_null());
        json_object_set_new(o, "cheapest_as_written",
            p->best_written >= 0 ? json_string(p->options[p->best_written].name) : json_null());
    }
    text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(12));
    json_decref(o);
    if (!text)
        return cc_xstrdup("{}");
    /* jansson allocates with malloc; hand over a copy owned the usual way. */
    {
        char *copy = cc_xstrdup(text);
        free(text);
        return copy;
    }
}

char *cc_report_plan_json(const cc_planner *p)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    char *text = report_plan_json_in_c_locale(p);
    cc_locale_leave(prev);
    return text;
}

/* ---- HTML ------------------------------------------------------------------ */

/* The window of intervals charted: all of them, or the busiest week. */
static void chart_window(const cc_planner *p, size_t *from, size_t *count)
{
    size_t n = p->n_intervals, ipd = (size_t)p->s->intervals_per_day, best = 0;
    double best_sum = -1.0;
    if (n <= MAX_CHART_POINTS) {
        *from = 0;
        *count = n;
        return;
    }
    for (size_t w = 0; w * 7 * ipd < n; w++) {
        double sum = 0.0;
        for (size_t i = w * 7 * ipd; i < (w + 1) * 7 * ipd && i < n; i++)
            for (size_t t = 0; t < p->n_teams; t++)
                sum += p->teams[t].required[i];
        if (sum > best_sum) {
            best_sum = sum;
            best = w;
        }
    }
    *from = best * 7 * ipd;
    *count = *from + 7 * ipd <= n ? 7 * ipd : n - *from;
}

static char **interval_labels(const cc_planner *p, size_t from, size_t count)
{
    char **lab = cc_xcalloc(count ? count : 1, sizeof(char *));
    for (size_t k = 0; k < count; k++) {
        char date[11], hhmm[6], buf[24];
        interval_stamp(p, from + k, date, hhmm);
        snprintf(buf, sizeof buf, "%s %s", date + 5, hhmm);
        lab[k] = cc_xstrdup(buf);
    }
    return lab;
}

static void free_labels(char **lab, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(lab[k]);
    free(lab);
}

static void html_definitions(FILE *out, const cc_planner *p)
{
    char roster_text[256], vendor_text[128], *note;
    int given = rules_given(p);

    if (given == (int)p->n_teams)
        snprintf(roster_text, sizeof roster_text, "Shifts of the scenario's plan.shift_rules");
    else
        snprintf(roster_text, sizeof roster_text,
                 "%sShifts of each team's scenario shift lengths and days, starts within "
                 "&plusmn;%.0f minutes of them",
                 given ? "Shifts of plan.shift_rules where given; other teams: " : "",
                 p->opt.shift_window_s / 60.0);
    if (p->s->plan.vendor_cost_per_hour >= 0)
        snprintf(vendor_text, sizeof vendor_text, "%.2f", p->s->plan.vendor_cost_per_hour);
    else
        snprintf(vendor_text, sizeof vendor_text, "the rate of a vendor team");
    fprintf(out,
            "<h2>Plan</h2>\n<dl>\n"
            "<dt>Requirement</dt><dd>Per channel and interval: workload (contacts x handle "
            "time / interval) &rarr; %s requirement &rarr; occupancy cap %.0f%% &rarr; net "
            "agents (sessions / concurrency) &rarr; shrinkage &rarr; scheduled agents &rarr; "
            "FTE. Deferred channels (email, social) need the work of the last response window "
            "done within the window. %s</dd>\n"
            "<dt>Shrinkage formula</dt><dd>%s: %s (both formulas are in plan.csv).</dd>\n"
            "<dt>FTE</dt><dd>%.1f paid hours per week; a partial week is prorated.</dd>\n"
            "<dt>Teams</dt><dd>A channel's agents go to the teams of its routing list in "
            "proportion to the agents the scenario has on duty in the interval (all to the "
            "first team when none is), scaled by proficiency and concurrency and grossed up "
            "with the team's shrinkage. A team serving several channels gets the sum, which "
            "gives no credit for pooling; simulation shows the surplus.</dd>\n"
            "<dt>Roster</dt><dd>%s, chosen by integer programming (GLPK) to cover "
            "the staffing at the fewest paid hours.</dd>\n"
            "<dt>Hiring</dt><dd>Lead time %d weeks, training %d weeks, attrition %.1f%% a "
            "month; hires only beyond what overtime (up to %.0f%% of hours at %.2gx the hourly "
            "cost) covers; the rest of a gap goes to a vendor at %s an hour; a hire costs "
            "%.0f once.</dd>\n"
            "<dt>Simulation</dt><dd>%ld replications from seed %llu of the rostered staffing; "
            "options use the same seed (common random numbers).</dd>\n"
            "</dl>\n",
            p->s->plan.method == CC_METHOD_ERLANG_C ? "Erlang C" : "Erlang A",
            100.0 * p->s->plan.max_occupancy,
            p->verified ? "The team staffing was then verified and adjusted by simulation."
                        : "",
            shrink_label(p), shrink_formula(p), p->fte_week_h, roster_text,
            p->lead_weeks, p->training_weeks, 100.0 * p->s->plan.attrition_per_month,
            100.0 * p->s->plan.overtime_share, p->s->plan.overtime_multiplier, vendor_text,
            p->s->plan.cost_per_hire, p->replications, (unsigned long long)p->seed);
    note = cc_report_plan_abandon_note(p);
    if (note) {
        fputs("<p class=\"note\">Abandonment: ", out);
        cc_chart_escape(out, note);
        fputs(".</p>\n", out);
        free(note);
    }
}

static void html_team_charts(FILE *out, const cc_planner *p, size_t from, size_t count)
{
    char **lab = interval_labels(p, from, count);
    double *req = cc_xcalloc(count + 1, sizeof(double)), *ros = cc_xcalloc(count + 1, sizeof(double));
    double *ver = cc_xcalloc(count + 1, sizeof(double));
    char id[48], title[200];

    fputs("<h3>Required vs rostered agents</h3>\n", out);
    if (count < p->n_intervals)
        fprintf(out, "<p>The busiest week (%zu of %zu intervals) at interval resolution; "
                     "plan_teams.csv has every interval.</p>\n", count, p->n_intervals);
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        cc_chart_series sr[3];
        cc_chart_frame fr;
        size_t ns = 2;
        double any = 0.0;
        for (size_t k = 0; k < count; k++) {
            req[k] = pt->required[from + k];
            ros[k] = (double)rostered_at(pt, from + k);
            ver[k] = pt->verified ? (double)pt->verified[from + k] : NAN;
            any += req[k] + ros[k];
        }
        if (any <= 0)
            continue;
        memset(sr, 0, sizeof sr);
        sr[0].name = "required (gross)";
        sr[0].y = req;
        sr[0].color = "#222222";
        sr[0].step = 1;
        sr[1].name = pt->shifts ? "rostered" : "staffing";
        sr[1].y = ros;
        sr[1].color = "#d62728";
        sr[1].step = 1;
        if (pt->verified) {
            sr[2].name = "simulation-verified";
            sr[2].y = ver;
            sr[2].color = "#1f77b4";
            sr[2].step = 1;
            sr[2].dashed = 1;
            ns = 3;
        }
        snprintf(id, sizeof id, "plan-team-%zu", t);
        snprintf(title, sizeof title, "%s: required vs rostered agents per interval",
                 p->s->teams[t].name);
        cc_chart_frame_init(&fr, id, title, "agents", (const char *const *)lab, count, "%.1f");
        cc_chart_lines_boxed(out, &fr, sr, ns);
    }
    free(req);
    free(ros);
    free(ver);
    free_labels(lab, count);
}

static void html_erlang_vs_sim(FILE *out, const cc_planner *p, size_t from, size_t count)
{
    char **lab;
    double *erl, *sim, *lo, *hi;
    char id[48], title[240];

    if (!p->sim)
        return;
    lab = interval_labels(p, from, count);
    erl = cc_xcalloc(count + 1, sizeof(double));
    sim = cc_xcalloc(count + 1, sizeof(double));
    lo = cc_xcalloc(count + 1, sizeof(double));
    hi = cc_xcalloc(count + 1, sizeof(double));
    fputs("<h3>Erlang next to simulation</h3>\n<p>Service level per interval with the "
          "rostered agents: the Erlang formula (each channel alone, its share of the roster "
          "less shrinkage) and the simulation (all channels together, 95% band).</p>\n",
          out);
    for (size_t c = 0; c < p->n_channels; c++) {
        const cc_planner_channel *pc = &p->channels[c];
        cc_chart_series sr[2];
        cc_chart_frame fr;
        if (pc->deferred)
            continue;
        for (size_t k = 0; k < count; k++) {
            const cc_interval_channel *x = &p->sim->intervals[(from + k) * p->n_channels + c];
            erl[k] = pc->erlang_plan_sl && isfinite(pc->erlang_plan_sl[from + k])
                         ? 100.0 * pc->erlang_plan_sl[from + k]
                         : NAN;
            sim[k] = x->service_level.n > 0 ? 100.0 * x->service_level.mean : NAN;
            lo[k] = isfinite(sim[k]) ? sim[k] - 100.0 * x->service_level.half_width : NAN;
            hi[k] = isfinite(sim[k]) ? sim[k] + 100.0 * x->service_level.half_width : NAN;
        }
        memset(sr, 0, sizeof sr);
        sr[0].name = "Erlang";
        sr[0].y = erl;
        sr[0].color = "#ff7f0e";
        sr[0].dashed = 1;
        sr[1].name = "simulation";
        sr[1].y = sim;
        sr[1].band_low = lo;
        sr[1].band_high = hi;
        sr[1].color = "#1f77b4";
        snprintf(id, sizeof id, "plan-sl-%zu", c);
        snprintf(title, sizeof title, "%s: service level with the roster, Erlang vs simulation",
                 p->s->channels[c].name);
        cc_chart_frame_init(&fr, id, title, "% within target", (const char *const *)lab, count,
                            "%.1f");
        fr.y_max = 100.0;
        fr.target = 100.0 * p->s->channels[c].target.service_level;
        fr.target_label = "target";
        cc_chart_lines_boxed(out, &fr, sr, 2);
    }
    free(erl);
    free(sim);
    free(lo);
    free(hi);
    free_labels(lab, count);
}

static void html_weeks(FILE *out, const cc_planner *p)
{
    size_t nw = p->n_weeks;
    const char **lab = cc_xcalloc(nw + 1, sizeof(char *));
    double *v[5];
    cc_chart_series sr[5];
    cc_chart_frame fr;
    static const char *const names[5] = {"required net", "required gross", "rostered",
                                         "available", "gap"};

    for (int k = 0; k < 5; k++)
        v[k] = cc_xcalloc(nw + 1, sizeof(double));
    for (size_t w = 0; w < nw; w++) {
        const cc_planner_week *pw = &p->weeks[w];
        lab[w] = pw->start_date;
        v[0][w] = pw->req.fte_net;
        v[1][w] = pw->req.fte_gross;
        v[2][w] = pw->fte_rostered;
        v[3][w] = pw->available_fte;
        v[4][w] = pw->gap_fte;
    }
    memset(sr, 0, sizeof sr);
    for (int k = 0; k < 5; k++) {
        sr[k].name = names[k];
        sr[k].y = v[k];
        sr[k].color = palette[k];
    }
    cc_chart_frame_init(&fr, "plan-weeks",
                        "Weekly FTE: required (net, gross), rostered and available, with the gap",
                        "FTE", lab, nw, "%.1f");
    fr.y_min = NAN;
    fputs("<h3>Weekly FTE</h3>\n<div class=\"chartbox\">", out);
    cc_chart_bars(out, &fr, sr, 5);
    fputs("</div>\n<table><tr><th>week</th><th>contacts</th><th>FTE net</th><th>FTE gross</th>"
          "<th>FTE rostered</th><th>occupancy</th><th>open chats ÷ capacity</th>"
          "<th>in-house need</th><th>available</th>"
          "<th>gap</th><th>gap %</th><th>hires decided</th><th>hires start</th>"
          "<th>overtime h</th><th>vendor h</th></tr>\n",
          out);
    for (size_t w = 0; w < nw; w++) {
        const cc_planner_week *pw = &p->weeks[w];
        char open[16] = "–";
        if (isfinite(pw->open_chats))
            snprintf(open, sizeof open, "%.1f%%", 100.0 * pw->open_chats);
        fprintf(out,
                "<tr><td>%s</td><td>%.0f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td>"
                "<td>%.1f%%</td><td>%s</td><td>%.1f</td><td>%.1f</td><td class=\"%s\">%+.1f</td>"
                "<td>%.1f%%</td><td>%ld</td><td>%ld</td><td>%.0f</td><td>%.0f</td></tr>\n",
                pw->start_date, pw->req.contacts, pw->req.fte_net, pw->req.fte_gross,
                pw->fte_rostered, 100.0 * pw->occupancy, open, pw->fte_inhouse, pw->available_fte,
                pw->gap_fte > 0.05 ? "miss" : "ok", pw->gap_fte, 100.0 * pw->gap_pct,
                pw->hires_decided, pw->hires_starting, pw->overtime_hours, pw->vendor_hours);
    }
    fputs("</table>\n", out);
    for (int k = 0; k < 5; k++)
        free(v[k]);
    free(lab);
}

static void html_heatmap(FILE *out, const cc_planner *p)
{
    size_t ipd = (size_t)p->s->intervals_per_day, nw = p->n_weeks, n = p->n_intervals;
    double *val = cc_xcalloc(nw * ipd + 1, sizeof(double));
    double *cnt = cc_xcalloc(nw * ipd + 1, sizeof(double));
    const char **rows = cc_xcalloc(nw + 1, sizeof(char *));
    char **cols = cc_xcalloc(ipd + 1, sizeof(char *));

    for (size_t i = 0; i < n; i++) {
        size_t w = i / ipd / 7, k = i % ipd;
        double net = 0.0;
        for (size_t t = 0; t < p->n_teams; t++)
            net += (double)rostered_at(&p->teams[t], i) - p->teams[t].required[i];
        val[w * ipd + k] += net;
        cnt[w * ipd + k] += 1.0;
    }
    for (size_t j = 0; j < nw * ipd; j++)
        val[j] = cnt[j] > 0 ? val[j] / cnt[j] : NAN;
    for (size_t w = 0; w < nw; w++)
        rows[w] = p->weeks[w].start_date;
    for (size_t k = 0; k < ipd; k++) {
        char buf[8];
        long sec = (long)((double)k * p->s->interval_s);
        snprintf(buf, sizeof buf, "%02ld:%02ld", (sec / 3600) % 100, (sec / 60) % 60);
        cols[k] = cc_xstrdup(buf);
    }
    fputs("<h3>Net staffing by week and time of day</h3>\n<div class=\"chartbox\">", out);
    cc_chart_heatmap(out, "plan-heat",
                  "Net staffing: rostered - required agents, all teams, mean over the week's days "
                  "(red short, blue over)",
                  rows, nw, (const char *const *)cols, ipd, val, 1, 0.0, "%+.1f");
    fputs("</div>\n", out);
    for (size_t k = 0; k < ipd; k++)
        free(cols[k]);
    free(cols);
    free(rows);
    free(val);
    free(cnt);
}

static void html_hiring_and_shifts(FILE *out, const cc_planner *p)
{
    fputs("<h3>Hiring</h3>\n<table><tr><th>team</th><th>headcount</th><th>hires</th>"
          "<th>first productive week</th><th>weeks short</th><th>overtime h</th>"
          "<th>vendor h</th><th>plan cost</th></tr>\n",
          out);
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        fputs("<tr><td>", out);
        cc_chart_escape(out, p->s->teams[t].name);
        if (!pt->hiring) {
            fputs(" (vendor)</td><td colspan=\"7\">bought by the hour, no hiring</td></tr>\n",
                  out);
            continue;
        }
        fprintf(out,
                "</td><td>%.1f%s</td><td>%ld</td><td>%zu</td><td>%zu</td><td>%.0f</td>"
                "<td>%.0f</td><td>%.0f</td></tr>\n",
                pt->headcount, pt->headcount_from_shifts ? " (from shifts)" : "",
                pt->hiring_totals.hires, pt->hiring_totals.first_hire_week,
                pt->hiring_totals.weeks_short, pt->hiring_totals.overtime_hours,
                pt->hiring_totals.vendor_hours, pt->hiring_totals.cost_total);
    }
    fputs("</table>\n<h3>Shifts</h3>\n<table><tr><th>team</th><th>rule</th><th>length h</th>"
          "<th>shifts</th><th>paid h</th></tr>\n",
          out);
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        if (!pt->shifts)
            continue;
        for (size_t k = 0; k < pt->n_rules; k++) {
            long agents = 0;
            for (size_t j = 0; j < pt->shifts->n_starts; j++)
                if (pt->shifts->starts[j].rule == k)
                    agents += pt->shifts->starts[j].agents;
            fputs("<tr><td>", out);
            cc_chart_escape(out, p->s->teams[t].name);
            fputs("</td><td>", out);
            cc_chart_escape(out, pt->rule_names[k]);
            fprintf(out, "</td><td>%.1f</td><td>%ld</td><td>%.0f</td></tr>\n",
                    pt->rules[k].length_s / 3600.0, agents, rule_paid_hours(pt, k));
        }
        fputs("<tr><td>", out);
        cc_chart_escape(out, p->s->teams[t].name);
        fprintf(out,
                "</td><td>coverage</td><td></td><td>%ld</td><td>%.0f paid; over %.0f, under "
                "%.0f agent-h in %zu intervals%s</td></tr>\n",
                pt->shifts->n_shifts, pt->shifts->paid_hours, pt->shifts->over_agent_hours,
                pt->shifts->under_agent_hours, pt->shifts->n_under_intervals,
                pt->shifts->optimal ? "" : " (not proven optimal)");
    }
    fputs("</table>\n", out);
}

static void html_verification(FILE *out, const cc_planner *p)
{
    if (!p->verify.ran)
        return;
    fprintf(out,
            "<h3>Simulation-verified staffing</h3>\n<p>%d rounds on common random numbers; "
            "%zu judged blocks (a day's intervals in runs of at least 20 contacts; deferred "
            "channels by day): the analytic staffing missed %zu, the verified one %zu%s. By "
            "channel-day (%zu judged): %zu and %zu missed.</p>\n<table><tr><th>team</th>"
            "<th>analytic agent-h</th><th>verified agent-h</th><th>change</th></tr>\n",
            p->verify.rounds, p->verify.n_blocks, p->verify.analytic_missed,
            p->verify.verified_missed, p->verify.converged ? " (converged)" : "",
            p->verify.n_days, p->verify.analytic_days_missed, p->verify.verified_days_missed);
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        fputs("<tr><td>", out);
        cc_chart_escape(out, p->s->teams[t].name);
        fprintf(out, "</td><td>%.1f</td><td>%.1f</td><td>%+.1f</td></tr>\n", pt->analytic_hours,
                pt->verified_hours, pt->verified_hours - pt->analytic_hours);
    }
    fputs("</table>\n", out);
}

static void html_options(FILE *out, const cc_planner *p)
{
    size_t no = p->n_options;
    const char **lab;
    double *v[2];
    cc_chart_series sr[2];
    cc_chart_frame fr;

    if (no == 0)
        return;
    lab = cc_xcalloc(no + 1, sizeof(char *));
    v[0] = cc_xcalloc(no + 1, sizeof(double));
    v[1] = cc_xcalloc(no + 1, sizeof(double));
    for (size_t k = 0; k < no; k++) {
        lab[k] = p->options[k].name;
        v[0][k] = p->options[k].error ? NAN : p->options[k].planned.cost_per_week;
        v[1][k] = p->options[k].error ? NAN : p->options[k].written.cost_per_week;
    }
    memset(sr, 0, sizeof sr);
    sr[0].name = "planned (staffed to target)";
    sr[0].y = v[0];
    sr[0].color = palette[0];
    sr[1].name = "as written";
    sr[1].y = v[1];
    sr[1].color = palette[3];
    cc_chart_frame_init(&fr, "plan-options", "Options: cost per week",
                        p->s->currency && p->s->currency[0] ? p->s->currency : "cost", lab, no,
                        "%.0f");
    fputs("<h3>Options</h3>\n<p>Each option planned (requirement, roster) and simulated, and "
          "simulated with its staffing as written; all on the same random numbers. Deltas are "
          "against the first option.</p>\n<div class=\"chartbox\">",
          out);
    cc_chart_bars(out, &fr, sr, 2);
    fputs("</div>\n<table><tr><th>option</th><th>basis</th>", out);
    for (size_t c = 0; c < p->n_channels; c++) {
        fputs("<th>", out);
        cc_chart_escape(out, p->s->channels[c].name);
        fputs(" SL (risk)</th>", out);
    }
    fputs("<th>FTE</th><th>cost/week</th><th>&Delta;</th><th>cost/contact</th><th>&Delta;</th>"
          "<th>verdict</th></tr>\n",
          out);
    for (size_t k = 0; k < no; k++) {
        const cc_planner_option *po = &p->options[k];
        for (int side = 0; side < 2; side++) {
            const cc_option_result *r = side ? &po->written : &po->planned;
            const double *sl = side ? po->written_sl : po->planned_sl;
            const double *risk = side ? po->written_risk : po->planned_risk;
            int best = (long)k == (side ? p->best_written : p->best_planned);
            fputs("<tr><td>", out);
            cc_chart_escape(out, po->name);
            fprintf(out, "</td><td>%s</td>", side ? "as written" : "planned");
            if (po->error) {
                fprintf(out, "<td colspan=\"%zu\">", p->n_channels + 6);
                cc_chart_escape(out, po->error);
                fputs("</td></tr>\n", out);
                break;
            }
            for (size_t c = 0; c < p->n_channels; c++) {
                const cc_channel *ch = &p->s->channels[c];
                int miss = isfinite(sl[c]) && sl[c] < ch->target.service_level;
                if (isfinite(sl[c]))
                    fprintf(out, "<td class=\"%s\">%.1f%% (%.0f%%)</td>", miss ? "miss" : "ok",
                            100.0 * sl[c], 100.0 * risk[c]);
                else
                    fputs("<td>n/a</td>", out);
            }
            fprintf(out,
                    "<td>%.1f</td><td>%.0f</td><td>%+.0f</td><td>%.2f</td><td>%+.2f</td>"
                    "<td class=\"%s\">%s%s</td></tr>\n",
                    side ? po->written_fte : po->fte_rostered, r->cost_per_week,
                    r->delta_cost_per_week, r->cost_per_contact, r->delta_cost_per_contact,
                    r->meets_targets ? "ok" : "miss",
                    r->meets_targets ? "meets targets" : "misses targets",
                    best ? " &#9733; cheapest" : "");
        }
    }
    fputs("</table>\n", out);
    free(v[0]);
    free(v[1]);
    free(lab);
}

static char *report_plan_html_in_c_locale(const cc_planner *p)
{
    char *buf = NULL;
    size_t len = 0, from, count;
    FILE *out = open_memstream(&buf, &len);

    if (!out)
        return cc_xstrdup("");
    chart_window(p, &from, &count);
    fputs("<section class=\"plan\">\n", out);
    html_definitions(out, p);
    html_team_charts(out, p, from, count);
    html_erlang_vs_sim(out, p, from, count);
    html_weeks(out, p);
    html_heatmap(out, p);
    html_verification(out, p);
    html_hiring_and_shifts(out, p);
    html_options(out, p);
    fputs("</section>\n", out);
    fclose(out);
    return buf ? buf : cc_xstrdup("");
}

char *cc_report_plan_html(const cc_planner *p)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    char *text = report_plan_html_in_c_locale(p);
    cc_locale_leave(prev);
    return text;
}
