/*
 * Outcome of a what-if grid: per point the service level of every channel,
 * the FTE and the cost, written as CSV, JSON and a self-contained HTML page
 * with comparison charts. All points are simulated with the same seed, so
 * differences between points come from the changed keys, not from noise in
 * the arrivals (common random numbers).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/alloc.h"
#include "util/textout.h"
#include "cc_plan.h"
#include "cc_sweep.h"
#include "report/svg_chart.h"
#include "report/verdict_text.h"

void cc_sweep_row_fill(cc_sweep_row *row, const cc_sweep *sweep, long index,
                       const cc_scenario *s, const cc_results *r)
{
    double weeks = (double)s->days / 7.0, paid = 0.0, cost = 0.0, answered = 0.0;
    size_t c, t;

    memset(row, 0, sizeof(*row));
    row->index = index;
    cc_sweep_point_label(sweep, index, row->label, sizeof(row->label));
    row->n_channels = (int)r->n_channels;
    row->channels = cc_xcalloc(r->n_channels ? r->n_channels : 1, sizeof(*row->channels));
    row->meets_all = 0;
    for (c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *x = &r->channels[c];
        cc_sweep_channel *o = &row->channels[c];
        o->service_level = x->service_level.n > 0 ? x->service_level.mean : NAN;
        o->service_level_hw = x->service_level.half_width;
        o->target = s->channels[c].target.service_level;
        o->asa_s = x->asa_s.n > 0 ? x->asa_s.mean : NAN;
        o->p_abandon = x->p_abandon.n > 0 ? x->p_abandon.mean : NAN;
        o->risk = x->risk;
        o->verdict = x->verdict;
        o->meets = x->verdict.status == CC_TARGET_MEETS;
        answered += x->answered.n > 0 ? x->answered.mean : 0.0;
    }
    for (c = 0; c < r->n_channels; c++) {
        if (row->channels[c].verdict.status == CC_TARGET_MISSES) {
            row->meets_all = 0;
            break;
        }
        if (row->channels[c].verdict.status == CC_TARGET_MEETS)
            row->meets_all = 1;
    }
    for (t = 0; t < r->n_teams; t++) {
        paid += r->teams[t].paid_hours.mean;
        cost += r->teams[t].cost.mean;
    }
    row->paid_hours_per_week = paid / weeks;
    row->fte = s->plan.fte_week_s > 0 ? row->paid_hours_per_week / (s->plan.fte_week_s / 3600.0)
                                      : NAN;
    row->cost_per_week = cost / weeks;
    row->cost_per_contact = answered > 0 ? cost / answered : NAN;
}

/* ---- planning each point ------------------------------------------------- */

const char *cc_sweep_plan_kind_name(cc_sweep_plan_kind kind)
{
    switch (kind) {
    case CC_SWEEP_PLAN_ANALYTIC: return "analytic";
    case CC_SWEEP_PLAN_SEARCH: return "least-cost search";
    case CC_SWEEP_PLAN_NONE: break;
    }
    return "none";
}

cc_status cc_sweep_plan_point(cc_sweep_row *row, const cc_scenario *s, cc_sweep_plan_kind kind,
                              long replications, uint64_t seed, int threads, int no_limits,
                              cc_error *err)
{
    cc_planner_options opt = cc_planner_options_default();
    cc_planner *p = NULL;
    cc_error perr;
    double rostered = 0.0, weeks = (double)s->days / 7.0;
    size_t c, t, used = 0;

    if (kind == CC_SWEEP_PLAN_NONE)
        return cc_error_setf(err, CC_EINVAL, "no plan kind given");
    row->planned = kind;
    row->plan_fte = row->plan_cost_per_week = row->plan_cost_per_contact = NAN;
    row->plan_verdict = CC_TARGET_NA;
    row->plan_note[0] = '\0';
    /*
     * The analytic plan rosters the Erlang staffing and simulates it once;
     * the search is `ccsim plan`'s least-cost search. Plan options are not
     * evaluated: a sweep compares its own points.
     */
    opt.options = 0;
    opt.least_cost = kind == CC_SWEEP_PLAN_SEARCH;
    opt.verify = kind == CC_SWEEP_PLAN_SEARCH ? 0 : -1;
    opt.replications = replications;
    opt.has_seed = 1;
    opt.seed = seed;
    opt.threads = threads;
    opt.no_limits = no_limits;
    if (cc_planner_new(s, &opt, &p, &perr) != CC_OK) {
        snprintf(row->plan_note, sizeof row->plan_note, "not planned: %.180s", perr.message);
        return CC_OK;
    }
    for (t = 0; t < p->n_teams; t++)
        rostered += p->teams[t].shifts ? p->teams[t].rostered_hours : p->teams[t].staffed_hours;
    row->plan_fte = p->fte_week_h > 0 && weeks > 0 ? rostered / p->fte_week_h / weeks : NAN;
    row->plan_cost_per_week = p->cost.total_per_week;
    row->plan_cost_per_contact = p->cost.offered > 0 ? p->cost.per_contact : NAN;
    if (p->sim) {
        int any = 0, missed = 0;
        for (c = 0; c < p->sim->n_channels; c++) {
            const cc_target_verdict *v = &p->sim->channels[c].verdict;
            any |= v->status != CC_TARGET_NA;
            if (v->status == CC_TARGET_MISSES) {
                if (used < sizeof row->plan_note)
                    used += (size_t)snprintf(row->plan_note + used, sizeof row->plan_note - used,
                                             "%s%s", missed ? ", " : "misses: ",
                                             p->sim->channels[c].name);
                missed = 1;
            }
        }
        row->plan_verdict = missed ? CC_TARGET_MISSES : any ? CC_TARGET_MEETS : CC_TARGET_NA;
    }
    cc_planner_free(p);
    return CC_OK;
}

void cc_sweep_row_release(cc_sweep_row *row)
{
    if (!row)
        return;
    free(row->channels);
    row->channels = NULL;
}

static void csv_number(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, ",%.10g", v);
    else
        fputs(",", out);
}

static void csv_text(FILE *out, const char *text)
{
    fputc(',', out);
    cc_csv_field(out, text);
}

cc_status cc_sweep_write_csv(FILE *out, const cc_sweep *sweep, const cc_sweep_row *rows,
                             long n_rows, const cc_scenario *base, cc_error *err)
{
    long i;
    int a, c, planned = n_rows > 0 && rows[0].planned != CC_SWEEP_PLAN_NONE;

    fputs("point", out);
    for (a = 0; a < sweep->n_axes; a++)
        csv_text(out, sweep->axes[a].key);
    fputs(",channel,sl_frac,sl_ci_half_width,target_sl_frac,meets_target,asa_s,abandon_frac,"
          "risk_frac,fte,paid_hours_per_week,cost_per_week,cost_per_contact,meets_all", out);
    if (planned)
        fputs(",plan,plan_fte,plan_cost_per_week,plan_cost_per_contact,plan_meets_all", out);
    fputc('\n', out);
    for (i = 0; i < n_rows; i++) {
        cc_override ov[CC_SWEEP_MAX_AXES];
        cc_sweep_point(sweep, rows[i].index, ov);
        for (c = 0; c < rows[i].n_channels; c++) {
            const cc_sweep_channel *x = &rows[i].channels[c];
            fprintf(out, "%ld", rows[i].index);
            for (a = 0; a < sweep->n_axes; a++)
                csv_text(out, ov[a].value);
            csv_text(out, base->channels[c].name);
            csv_number(out, x->service_level);
            csv_number(out, x->service_level_hw);
            csv_number(out, x->target);
            if (x->verdict.status == CC_TARGET_NA)
                fputs(",", out);
            else
                fprintf(out, ",%d", x->meets);
            csv_number(out, x->asa_s);
            csv_number(out, x->p_abandon);
            csv_number(out, x->risk);
            csv_number(out, rows[i].fte);
            csv_number(out, rows[i].paid_hours_per_week);
            csv_number(out, rows[i].cost_per_week);
            csv_number(out, rows[i].cost_per_contact);
            fprintf(out, ",%d", rows[i].meets_all);
            if (planned) {
                csv_text(out, cc_sweep_plan_kind_name(rows[i].planned));
                csv_number(out, rows[i].plan_fte);
                csv_number(out, rows[i].plan_cost_per_week);
                csv_number(out, rows[i].plan_cost_per_contact);
                if (rows[i].plan_verdict == CC_TARGET_NA)
                    fputs(",", out);
                else
                    fprintf(out, ",%d", rows[i].plan_verdict == CC_TARGET_MEETS);
            }
            fputc('\n', out);
        }
    }
    return ferror(out) ? cc_error_setf(err, CC_EIO, "cannot write the sweep table") : CC_OK;
}


cc_status cc_sweep_write_json(FILE *out, const cc_sweep *sweep, const cc_sweep_row *rows,
                              long n_rows, const cc_scenario *base, uint64_t seed,
                              long replications, cc_error *err)
{
    json_t *doc = json_object(), *axes = json_array(), *points = json_array();
    long i;
    int a, c;
    cc_status st = CC_OK;

    json_object_set_new(doc, "kind", json_string("sweep"));
    json_object_set_new(doc, "scenario", json_string(base->name));
    json_object_set_new(doc, "seed", json_integer((json_int_t)seed));
    json_object_set_new(doc, "replications", json_integer(replications));
    json_object_set_new(doc, "plan", json_string(cc_sweep_plan_kind_name(
                                         n_rows > 0 ? rows[0].planned : CC_SWEEP_PLAN_NONE)));
    for (a = 0; a < sweep->n_axes; a++) {
        json_t *ax = json_object(), *vals = json_array();
        int k;
        json_object_set_new(ax, "key", json_string(sweep->axes[a].key));
        for (k = 0; k < sweep->axes[a].n_values; k++)
            json_array_append_new(vals, json_string(sweep->axes[a].values[k]));
        json_object_set_new(ax, "values", vals);
        json_array_append_new(axes, ax);
    }
    json_object_set_new(doc, "axes", axes);
    for (i = 0; i < n_rows; i++) {
        json_t *p = json_object(), *set = json_object(), *chs = json_object();
        cc_override ov[CC_SWEEP_MAX_AXES];
        cc_sweep_point(sweep, rows[i].index, ov);
        for (a = 0; a < sweep->n_axes; a++)
            json_object_set_new(set, ov[a].path, json_string(ov[a].value));
        json_object_set_new(p, "point", json_integer(rows[i].index));
        json_object_set_new(p, "set", set);
        for (c = 0; c < rows[i].n_channels; c++) {
            const cc_sweep_channel *x = &rows[i].channels[c];
            json_t *o = json_object();
            json_object_set_new(o, "service_level", cc_json_number(x->service_level));
            json_object_set_new(o, "service_level_half_width", cc_json_number(x->service_level_hw));
            json_object_set_new(o, "target", cc_json_number(x->target));
            cc_verdict_json(o, &x->verdict);
            json_object_set_new(o, "asa_s", cc_json_number(x->asa_s));
            json_object_set_new(o, "p_abandon", cc_json_number(x->p_abandon));
            json_object_set_new(o, "risk_miss_target", cc_json_number(x->risk));
            json_object_set_new(chs, base->channels[c].name, o);
        }
        json_object_set_new(p, "channels", chs);
        json_object_set_new(p, "fte", cc_json_number(rows[i].fte));
        json_object_set_new(p, "paid_hours_per_week", cc_json_number(rows[i].paid_hours_per_week));
        json_object_set_new(p, "cost_per_week", cc_json_number(rows[i].cost_per_week));
        json_object_set_new(p, "cost_per_contact", cc_json_number(rows[i].cost_per_contact));
        json_object_set_new(p, "meets_all_targets", json_boolean(rows[i].meets_all));
        json_object_set_new(p, "label", json_string(rows[i].label));
        if (rows[i].planned != CC_SWEEP_PLAN_NONE) {
            json_t *pl = json_object();
            json_object_set_new(pl, "fte", cc_json_number(rows[i].plan_fte));
            json_object_set_new(pl, "cost_per_week", cc_json_number(rows[i].plan_cost_per_week));
            json_object_set_new(pl, "cost_per_contact",
                                cc_json_number(rows[i].plan_cost_per_contact));
            json_object_set_new(pl, "verdict",
                                json_string(cc_target_status_name(rows[i].plan_verdict)));
            json_object_set_new(pl, "note", json_string(rows[i].plan_note));
            json_object_set_new(p, "plan", pl);
        }
        json_array_append_new(points, p);
    }
    json_object_set_new(doc, "points", points);
    if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(17)) != 0 ||
        fputc('\n', out) == EOF)
        st = cc_error_setf(err, CC_EIO, "cannot write the sweep document");
    json_decref(doc);
    return st;
}

static const char *const colors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                     "#8c564b", "#e377c2", "#7f7f7f"};

cc_status cc_sweep_write_html(FILE *out, const cc_sweep *sweep, const cc_sweep_row *rows,
                              long n_rows, const cc_scenario *base, cc_error *err)
{
    const char **labels = cc_xcalloc((size_t)(n_rows ? n_rows : 1), sizeof(char *));
    char (*numbers)[24] = cc_xcalloc((size_t)(n_rows ? n_rows : 1), sizeof(*numbers));
    int planned = n_rows > 0 && rows[0].planned != CC_SWEEP_PLAN_NONE;
    double *plan_cost = cc_xcalloc((size_t)(n_rows ? n_rows : 1), sizeof(double));
    double *plan_fte = cc_xcalloc((size_t)(n_rows ? n_rows : 1), sizeof(double));
    double *cost = cc_xcalloc((size_t)(n_rows ? n_rows : 1), sizeof(double));
    double *fte = cc_xcalloc((size_t)(n_rows ? n_rows : 1), sizeof(double));
    int nc = base->n_channels, c;
    double *sl = cc_xcalloc((size_t)(nc ? nc : 1) * (size_t)(n_rows ? n_rows : 1), sizeof(double));
    cc_chart_series *series = cc_xcalloc((size_t)(nc ? nc : 1), sizeof(*series));
    char pts[32];
    long i;

    for (i = 0; i < n_rows; i++) {
        /*
         * The axis names points by number (#1, #2, ...) so 20+ points stay
         * readable; the table below gives each number's full keys.
         */
        snprintf(numbers[i], sizeof numbers[i], "#%ld", rows[i].index + 1);
        labels[i] = numbers[i];
        plan_cost[i] = rows[i].plan_cost_per_week;
        plan_fte[i] = rows[i].plan_fte;
        cost[i] = rows[i].cost_per_week;
        fte[i] = rows[i].fte;
        for (c = 0; c < nc && c < rows[i].n_channels; c++)
            sl[(size_t)c * (size_t)n_rows + (size_t)i] = 100.0 * rows[i].channels[c].service_level;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ccsim sweep: ",
          out);
    cc_chart_escape(out, base->name);
    fputs("</title>\n<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
          "svg.chart{max-width:100%;height:auto;font-size:11px}svg .ctitle{font-size:14px;"
          "font-weight:600}svg .grid{stroke:#e3e3e3}svg .axis{stroke:#888}svg .ytick{text-anchor:end}"
          "svg .xtick{text-anchor:middle}svg .ylabel{text-anchor:middle}svg .target{stroke:#d62728;"
          "stroke-dasharray:6 4}table{border-collapse:collapse;font-size:13px}th,td{padding:4px 10px;"
          "border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}"
          "td.miss{color:#b00020;font-weight:600}</style>\n</head>\n<body>\n<h1>What-if sweep: ",
          out);
    cc_chart_escape(out, base->name);
    snprintf(pts, sizeof(pts), "%ld", n_rows);
    fprintf(out, "</h1>\n<p>%s points, simulated with the same random numbers; service level = "
                 "answered within target ÷ presented. Varied:", pts);
    for (c = 0; c < sweep->n_axes; c++) {
        fputs(c ? ", <code>" : " <code>", out);
        cc_chart_escape(out, sweep->axes[c].key);
        fputs("</code>", out);
    }
    fputs(". Charts number the points as the table below does.", out);
    if (planned)
        fprintf(out, " Every point is planned (%s plan): FTE, cost per week and verdict of its "
                     "planned roster.", cc_sweep_plan_kind_name(rows[0].planned));
    fputs("</p>\n", out);
    if (planned) {
        cc_chart_series s = {"planned cost per week", plan_cost, NULL, NULL, "#9467bd", 0, 0};
        cc_chart_frame f = {"sweep-plan-cost", "Planned cost per week by point",
                            base->currency[0] ? base->currency : "cost", labels, (size_t)n_rows,
                            0.0, NAN, NAN, NULL, 0, 0, "%.0f"};
        cc_chart_bars(out, &f, &s, 1);
    }
    if (planned) {
        cc_chart_series s = {"planned FTE", plan_fte, NULL, NULL, "#8c564b", 0, 0};
        cc_chart_frame f = {"sweep-plan-fte", "Planned FTE by point", "FTE", labels,
                            (size_t)n_rows, 0.0, NAN, NAN, NULL, 0, 0, "%.1f"};
        cc_chart_bars(out, &f, &s, 1);
    }
    {
        cc_chart_series s = {"cost per week", cost, NULL, NULL, "#1f77b4", 0, 0};
        cc_chart_frame f = {"sweep-cost", "Cost per week by point", base->currency[0] ? base->currency
                                                                                   : "cost",
                         labels, (size_t)n_rows, 0.0, NAN, NAN, NULL, 0, 0, "%.0f"};
        cc_chart_bars(out, &f, &s, 1);
    }
    {
        cc_chart_series s = {"FTE", fte, NULL, NULL, "#2ca02c", 0, 0};
        cc_chart_frame f = {"sweep-fte", "Paid FTE by point", "FTE", labels, (size_t)n_rows, 0.0,
                         NAN, NAN, NULL, 0, 0, "%.1f"};
        cc_chart_bars(out, &f, &s, 1);
    }
    for (c = 0; c < nc; c++)
        series[c] = (cc_chart_series){base->channels[c].name, sl + (size_t)c * (size_t)n_rows, NULL,
                                   NULL, colors[c % 8], 0, 0};
    {
        cc_chart_frame f = {"sweep-sl", "Service level by point and channel", "service level %",
                         labels, (size_t)n_rows, 0.0, 100.0, NAN, NULL, 0, 0, "%.1f"};
        cc_chart_bars(out, &f, series, (size_t)nc);
    }
    fputs("<table><tr><th>#</th><th>point</th>", out);
    for (c = 0; c < nc; c++) {
        fputs("<th>", out);
        cc_chart_escape(out, base->channels[c].name);
        fputs(" SL</th>", out);
    }
    fputs("<th>FTE</th><th>cost per week</th><th>cost per contact</th><th>all targets</th>", out);
    if (planned)
        fputs("<th>planned FTE</th><th>planned cost per week</th><th>plan verdict</th>", out);
    fputs("</tr>\n", out);
    for (i = 0; i < n_rows; i++) {
        fprintf(out, "<tr><td>%s</td><td>", numbers[i]);
        cc_chart_escape(out, rows[i].label);
        fputs("</td>", out);
        for (c = 0; c < rows[i].n_channels; c++) {
            const cc_target_verdict *v = &rows[i].channels[c].verdict;
            fprintf(out, "<td class=\"%s\"", v->status == CC_TARGET_MISSES ? "miss" : "ok");
            if (v->status == CC_TARGET_MISSES) {
                char why[160];
                fputs(" title=\"misses: ", out);
                cc_chart_escape(out, cc_target_reasons(v, why, sizeof why));
                fputc('"', out);
            }
            fprintf(out, ">%.1f%% ± %.1f</td>", 100.0 * rows[i].channels[c].service_level,
                    100.0 * rows[i].channels[c].service_level_hw);
        }
        fprintf(out, "<td>%.1f</td><td>%.0f</td><td>%.2f</td><td>%s</td>", rows[i].fte,
                rows[i].cost_per_week, rows[i].cost_per_contact, rows[i].meets_all ? "yes" : "no");
        if (planned) {
            fprintf(out, "<td>%.1f</td><td>%.0f</td><td class=\"%s\"", rows[i].plan_fte,
                    rows[i].plan_cost_per_week,
                    rows[i].plan_verdict == CC_TARGET_MISSES ? "miss" : "ok");
            if (rows[i].plan_note[0]) {
                fputs(" title=\"", out);
                cc_chart_escape(out, rows[i].plan_note);
                fputc('"', out);
            }
            fprintf(out, ">%s</td>", cc_target_status_name(rows[i].plan_verdict));
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n<script>window.addEventListener('load',function(){var all=document."
          "querySelectorAll('svg.chart'),n=0;for(var i=0;i<all.length;i++){var b=all[i].getBBox();"
          "if(b.width>0&&b.height>0)n++;}document.body.setAttribute('data-charts-total',all.length);"
          "document.body.setAttribute('data-charts-drawn',n);});</script>\n</body>\n</html>\n",
          out);
    free(labels);
    free(numbers);
    free(plan_cost);
    free(plan_fte);
    free(cost);
    free(fte);
    free(sl);
    free(series);
    return ferror(out) ? cc_error_setf(err, CC_EIO, "cannot write the sweep page") : CC_OK;
}
