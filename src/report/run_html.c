/*
 * report.html: one self-contained page (inline CSS and SVG, no network) with
 * summary cards per channel, charts of volume, service level with its
 * confidence band against the target, team occupancy and staffing, a
 * weekday x time-of-day service-level heatmap, the tables behind them and the
 * definitions used. Long horizons are drawn per day so that a year stays a
 * readable, small file. A few lines of script only mark, for automated
 * checks, how many charts the browser laid out.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/clocale.h"
#include "util/alloc.h"
#include "cc_report.h"
#include "cc_units.h"
#include "cc_version.h"
#include "report/html_page.h"
#include "report/svg_chart.h"

/* Horizons longer than this many intervals are charted per day. */
#define MAX_POINTS_PER_INTERVAL 1008

static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
#define PALETTE_N (sizeof(palette) / sizeof(palette[0]))

/* The run page's own rules: the summary cards, headlines and verdict cells. */
static const char *const own_rules =
    ".cards{display:flex;flex-wrap:wrap;gap:12px}\n"
    ".card{background:#fff;border-radius:8px;padding:12px 16px;min-width:190px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12);border-top:4px solid #2ca02c}\n"
    ".card.miss{border-top-color:#d62728}.card h3{margin:0 0 6px;font-size:15px}\n"
    ".card .big{font-size:26px;font-weight:600}.card .sub{color:#555;font-size:13px}\n"
    ".card .sub.verdict{color:#b2182b;font-weight:600}.note{color:#555;font-size:13px}\n"
    ".headline{font-size:15px;margin:6px 0}.headline.miss{color:#b2182b;font-weight:600}\n";
static const char *const own_table_rules =
    "td.miss{color:#b00020;font-weight:600}td.ok{color:#1b7a1b}\n";

/* Marks in the page how many charts have been laid out with a non-empty box. */
static const char *const check_script =
    "<script>\n"
    "window.addEventListener('load',function(){var all=document.querySelectorAll('svg.chart'),"
    "n=0;for(var i=0;i<all.length;i++){var b=all[i].getBBox();"
    "if(b.width>0&&b.height>0&&all[i].querySelector('path,rect,polygon'))n++;}"
    "document.body.setAttribute('data-charts-total',all.length);"
    "document.body.setAttribute('data-charts-drawn',n);});\n"
    "</script>\n";

typedef struct series_buf {
    double *y, *lo, *hi;
} series_buf;

static void series_alloc(series_buf *b, size_t n)
{
    b->y = cc_xcalloc(n ? n : 1, sizeof(double));
    b->lo = cc_xcalloc(n ? n : 1, sizeof(double));
    b->hi = cc_xcalloc(n ? n : 1, sizeof(double));
}

static void series_free(series_buf *b)
{
    free(b->y);
    free(b->lo);
    free(b->hi);
}

/* Labels of the chart points: "Mon 08:30" per interval, or ISO dates per day. */
static char **point_labels(const cc_scenario *s, size_t n_points, int per_day)
{
    static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    char **labels = cc_xcalloc(n_points ? n_points : 1, sizeof(char *));
    size_t i;
    for (i = 0; i < n_points; i++) {
        char buf[64], date[16];
        if (per_day) {
            cc_scenario_date(s, (int)i, date);
            snprintf(buf, sizeof(buf), "%s %s", wd[cc_scenario_weekday(s, (int)i)], date);
        } else {
            int day = (int)i / s->intervals_per_day;
            int minute = (int)lround(fmod((double)i * s->interval_s, 86400.0) / 60.0);
            cc_scenario_date(s, day, date);
            snprintf(buf, sizeof(buf), "%s %s %02d:%02d", wd[cc_scenario_weekday(s, day)],
                     date + 5, minute / 60, minute % 60);
        }
        labels[i] = cc_xstrdup(buf);
    }
    return labels;
}

static void labels_free(char **labels, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
}

static double est_or_nan(const cc_estimate *e)
{
    return e->n > 0 ? e->mean : NAN;
}

/*
 * Fills per-point offered volume and service level (with band) for channel
 * c: per interval, or per day with the service level weighted by the
 * interval's answered and abandoned contacts.
 */
static void channel_points(const cc_scenario *s, const cc_results *r, size_t c, int per_day,
                           size_t n_points, series_buf *vol, series_buf *sl)
{
    size_t p, i, ipd = (size_t)s->intervals_per_day;
    for (p = 0; p < n_points; p++) {
        if (!per_day) {
            const cc_interval_channel *x = &r->intervals[p * r->n_channels + c];
            vol->y[p] = est_or_nan(&x->offered);
            sl->y[p] = est_or_nan(&x->service_level);
            sl->lo[p] = x->service_level.n > 1 ? x->service_level.mean - x->service_level.half_width
                                               : NAN;
            sl->hi[p] = x->service_level.n > 1 ? x->service_level.mean + x->service_level.half_width
                                               : NAN;
        } else {
            double off = 0, w = 0, acc = 0;
            for (i = p * ipd; i < (p + 1) * ipd && i < r->n_intervals; i++) {
                const cc_interval_channel *x = &r->intervals[i * r->n_channels + c];
                double weight = (x->answered.n > 0 ? x->answered.mean : 0) +
                                (x->abandoned.n > 0 ? x->abandoned.mean : 0);
                off += x->offered.n > 0 ? x->offered.mean : 0;
                if (x->service_level.n > 0 && weight > 0) {
                    acc += weight * x->service_level.mean;
                    w += weight;
                }
            }
            vol->y[p] = off;
            sl->y[p] = w > 0 ? acc / w : NAN;
            sl->lo[p] = sl->hi[p] = NAN;
        }
    }
}

static void team_points(const cc_scenario *s, const cc_results *r, size_t t, int per_day,
                        size_t n_points, double *agents, double *occ)
{
    size_t p, i, ipd = (size_t)s->intervals_per_day;
    for (p = 0; p < n_points; p++) {
        if (!per_day) {
            const cc_interval_team *x = &r->team_intervals[p * r->n_teams + t];
            agents[p] = est_or_nan(&x->agents);
            occ[p] = x->occupancy.n > 0 ? 100.0 * x->occupancy.mean : NAN;
        } else {
            double a = 0, busy = 0;
            size_t k = 0;
            for (i = p * ipd; i < (p + 1) * ipd && i < r->n_intervals; i++, k++) {
                const cc_interval_team *x = &r->team_intervals[i * r->n_teams + t];
                double ag = x->agents.n > 0 ? x->agents.mean : 0;
                a += ag;
                if (x->occupancy.n > 0)
                    busy += ag * x->occupancy.mean;
            }
            agents[p] = k ? a / (double)k : NAN;
            occ[p] = a > 0 ? 100.0 * busy / a : NAN;
        }
    }
}

/* Formats v with `format` into buf, or "n/a" when it is undefined. */
static const char *num(char buf[48], const char *format, double v)
{
    if (!isfinite(v))
        return "n/a";
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(buf, 48, format, v);
#pragma GCC diagnostic pop
    return buf;
}

/* An estimate's mean scaled by `scale`, or NaN when no replication defined it. */
static double mean_of(const cc_estimate *e, double scale)
{
    return e->n > 0 ? scale * e->mean : NAN;
}

/*
 * The verdict in words before any card, as the terminal's first lines: how
 * many channels meet every target and cap at their scope, which miss, the
 * days that miss even where the horizon meets, any queue growing without
 * bound.
 */
static void write_headline(FILE *out, const cc_scenario *s, const cc_results *r)
{
    size_t c, meets = 0, misses = 0, day_miss = 0;
    const char *sep = "";

    for (c = 0; c < r->n_channels; c++) {
        const cc_attainment *d = &r->channels[c].at[CC_SCOPE_DAY];
        meets += r->channels[c].verdict.status == CC_TARGET_MEETS;
        misses += r->channels[c].verdict.status == CC_TARGET_MISSES;
        day_miss += d->judged > d->met;
    }
    fprintf(out, "<p class=\"headline%s\">%zu of %zu channels meet every target and cap at "
                 "their scope", misses ? " miss" : "", meets, r->n_channels);
    if (misses) {
        fprintf(out, "; %zu miss:", misses);
        for (c = 0; c < r->n_channels; c++)
            if (r->channels[c].verdict.status == CC_TARGET_MISSES) {
                fputc(' ', out);
                cc_chart_escape(out, s->channels[c].name);
            }
    }
    fputs(".</p>\n", out);
    if (day_miss) {
        fputs("<p class=\"headline miss\">Days missing the target:", out);
        for (c = 0; c < r->n_channels; c++) {
            const cc_attainment *d = &r->channels[c].at[CC_SCOPE_DAY];
            if (d->judged <= d->met)
                continue;
            fprintf(out, "%s ", sep);
            cc_chart_escape(out, s->channels[c].name);
            fprintf(out, " %ld of %ld (%.0f%%)", d->judged - d->met, d->judged,
                    100.0 * (double)(d->judged - d->met) / (double)d->judged);
            sep = ",";
        }
        fputs(".</p>\n", out);
    }
    for (c = 0; c < r->n_channels; c++) {
        cc_backlog_end b;
        cc_report_backlog_end(r, c, &b);
        if (!b.overloaded)
            continue;
        fputs("<p class=\"headline miss\">Overload on ", out);
        cc_chart_escape(out, s->channels[c].name);
        fprintf(out, ": the queue grows without bound; %.0f contacts still waiting at the "
                     "end.</p>\n", b.waiting);
    }
}

static void write_cards(FILE *out, const cc_scenario *s, const cc_results *r)
{
    char a[48], b[48], c3[48];
    size_t c;
    fputs("<section class=\"cards\">\n", out);
    for (c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *x = &r->channels[c];
        const cc_channel *ch = &s->channels[c];
        int miss = x->verdict.status == CC_TARGET_MISSES;
        fprintf(out, "<div class=\"card%s\"><h3>", miss ? " miss" : "");
        cc_chart_escape(out, ch->name);
        fprintf(out, " <small>(%s)</small></h3>", cc_channel_kind_name(ch->kind));
        fprintf(out, "<div class=\"big\">%s</div>",
                num(a, "%.1f%%", mean_of(&x->service_level, 100.0)));
        {
            char tgt[48], asa[32], sh[3][16];
            const cc_attainment *at = x->at;
            cc_backlog_end bl;
            int k;
            static const cc_target_scope scopes[3] = {CC_SCOPE_INTERVAL, CC_SCOPE_DAY,
                                                      CC_SCOPE_WEEK};
            for (k = 0; k < 3; k++) {
                if (at[scopes[k]].judged > 0)
                    snprintf(sh[k], sizeof sh[k], "%.0f%%", 100.0 * at[scopes[k]].share_met);
                else
                    snprintf(sh[k], sizeof sh[k], "–");
            }
            fprintf(out, "<div class=\"sub\">horizon service level ± %s, target %s</div>",
                    num(a, "%.1f", 100.0 * x->service_level.half_width),
                    cc_format_target(ch->target.service_level, ch->target.answer_within_s, tgt,
                                     sizeof tgt));
            fprintf(out, "<div class=\"sub%s\">meeting it: intervals %s · days %s · weeks %s"
                         "</div>",
                    at[CC_SCOPE_DAY].judged > at[CC_SCOPE_DAY].met ? " verdict" : "", sh[0], sh[1],
                    sh[2]);
            fprintf(out, "<div class=\"sub\">ASA %s · abandoned %s · risk %.0f%%</div>",
                    x->asa_s.n > 0 ? cc_format_duration(x->asa_s.mean, asa, sizeof asa) : "–",
                    num(b, "%.1f%%", mean_of(&x->p_abandon, 100.0)), 100.0 * x->risk);
            fprintf(out, "<div class=\"sub\">offered %s · deflected %s · bot-contained %s</div>",
                    num(a, "%.0f", mean_of(&x->offered, 1.0)),
                    num(b, "%.0f", mean_of(&x->deflected, 1.0)),
                    num(c3, "%.0f", mean_of(&x->contained, 1.0)));
            cc_report_backlog_end(r, c, &bl);
            if (bl.waiting >= 0.5) {
                fprintf(out, "<div class=\"sub%s\">%s%.0f waiting at the end",
                        bl.overloaded ? " verdict" : "",
                        bl.overloaded ? "overload: the queue grows without bound; " : "",
                        bl.waiting);
                if (isfinite(bl.oldest_s))
                    fprintf(out, ", oldest %s old", cc_format_duration(bl.oldest_s, asa, sizeof asa));
                fputs("</div>", out);
            }
            fprintf(out, "<div class=\"sub\">verdict at %s scope: %s</div>",
                    cc_target_scope_name(x->judging.scope),
                    cc_target_status_name(x->verdict.status));
        }
        if (x->verdict.status != CC_TARGET_MEETS) {
            char why[160];
            fprintf(out, "<div class=\"sub verdict\">%s: ", cc_target_status_name(x->verdict.status));
            cc_chart_escape(out, cc_target_reasons(&x->verdict, why, sizeof why));
            fputs("</div>", out);
        }
        fputs("</div>\n", out);
    }
    for (c = 0; c < r->n_teams; c++) {
        const cc_team_summary *x = &r->teams[c];
        fputs("<div class=\"card\"><h3>", out);
        cc_chart_escape(out, s->teams[c].name);
        fprintf(out, "%s</h3><div class=\"big\">%s</div><div class=\"sub\">occupancy</div>"
                     "<div class=\"sub\">%s paid hours · cost %s over the horizon ",
                s->teams[c].outsourced ? " <small>(vendor)</small>" : "",
                num(a, "%.1f%%", mean_of(&x->occupancy, 100.0)),
                num(b, "%.0f", mean_of(&x->paid_hours, 1.0)),
                num(c3, "%.0f", mean_of(&x->cost, 1.0)));
        cc_chart_escape(out, s->currency ? s->currency : "");
        fputs("</div></div>\n", out);
    }
    fputs("</section>\n<p class=\"note\">Risk = share of replications whose whole-horizon "
          "figures miss the target; meeting it = share of judged intervals, days and weeks "
          "whose pooled figures meet every goal and cap; the verdict judges every target and "
          "cap at the channel's scope (target.scope).</p>\n", out);
}

static void write_tables(FILE *out, const cc_scenario *s, const cc_results *r)
{
    char b[12][48];
    size_t c;
    fputs("<h2>Channels</h2>\n<table><tr><th>channel</th><th>offered</th><th>deflected</th>"
          "<th>contained</th><th>answered</th><th>abandoned</th><th>service level (95% CI)</th>"
          "<th>target</th><th>ASA</th><th>wait p90</th><th>abandon</th>"
          "<th>risk of missing</th></tr>\n", out);
    for (c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *x = &r->channels[c];
        const cc_channel *ch = &s->channels[c];
        unsigned missed = x->verdict.missed;
        fputs("<tr><td>", out);
        cc_chart_escape(out, ch->name);
        fprintf(out, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                     "<td class=\"%s\">%s ± %s</td><td>%s</td><td%s>%s</td>"
                     "<td>%s</td><td%s>%s</td><td>%.0f%%</td></tr>\n",
                num(b[0], "%.0f", mean_of(&x->offered, 1.0)),
                num(b[1], "%.0f", mean_of(&x->deflected, 1.0)),
                num(b[2], "%.0f", mean_of(&x->contained, 1.0)),
                num(b[3], "%.0f", mean_of(&x->answered, 1.0)),
                num(b[4], "%.0f", mean_of(&x->abandoned, 1.0)),
                missed & CC_MISS_SL ? "miss" : "ok",
                num(b[5], "%.1f%%", mean_of(&x->service_level, 100.0)),
                num(b[6], "%.1f", 100.0 * x->service_level.half_width),
                cc_format_target(ch->target.service_level, ch->target.answer_within_s, b[10],
                                 sizeof b[10]),
                missed & CC_MISS_ASA ? " class=\"miss\"" : "",
                x->asa_s.n > 0 ? cc_format_duration(x->asa_s.mean, b[7], sizeof b[7]) : "–",
                x->wait_p90_s.n > 0 ? cc_format_duration(x->wait_p90_s.mean, b[8], sizeof b[8])
                                    : "–",
                missed & CC_MISS_ABANDON ? " class=\"miss\"" : "",
                num(b[9], "%.1f%%", mean_of(&x->p_abandon, 100.0)), 100.0 * x->risk);
    }
    fputs("</table>\n<h2>Teams</h2>\n<table><tr><th>team</th><th>occupancy (95% CI)</th>"
          "<th>agents holding ≥ 1 chat</th><th>open chats ÷ capacity</th>"
          "<th>available hours</th><th>paid hours</th>"
          "<th>handled</th><th>cost over the horizon</th></tr>\n", out);
    for (c = 0; c < r->n_teams; c++) {
        const cc_team_summary *x = &r->teams[c];
        fputs("<tr><td>", out);
        cc_chart_escape(out, s->teams[c].name);
        fprintf(out, "</td><td>%s ± %s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                     "<td>%s</td><td>%s</td></tr>\n",
                num(b[0], "%.1f%%", mean_of(&x->occupancy, 100.0)),
                num(b[1], "%.1f", 100.0 * x->occupancy.half_width),
                num(b[2], "%.1f%%", mean_of(&x->holding_chat, 100.0)),
                num(b[10], "%.1f%%", mean_of(&x->open_chats, 100.0)),
                num(b[3], "%.0f", mean_of(&x->agent_hours, 1.0)),
                num(b[4], "%.0f", mean_of(&x->paid_hours, 1.0)),
                num(b[5], "%.0f", mean_of(&x->handled, 1.0)),
                num(b[6], "%.0f", mean_of(&x->cost, 1.0)));
    }
    fputs("</table>\n", out);
}

/* Service level by weekday (rows) and time of day (columns), offered-weighted. */
static void write_heatmap(FILE *out, const cc_scenario *s, const cc_results *r, size_t c)
{
    static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    size_t ipd = (size_t)s->intervals_per_day, i, k;
    double *acc = cc_xcalloc(7 * ipd, sizeof(double)), *w = cc_xcalloc(7 * ipd, sizeof(double));
    char **cols = cc_xcalloc(ipd, sizeof(char *)), id[64], title[160];

    for (i = 0; i < r->n_intervals; i++) {
        const cc_interval_channel *x = &r->intervals[i * r->n_channels + c];
        size_t day = i / ipd, slot = i % ipd;
        size_t row = (size_t)cc_scenario_weekday(s, (int)day);
        double weight = (x->answered.n > 0 ? x->answered.mean : 0) +
                        (x->abandoned.n > 0 ? x->abandoned.mean : 0);
        if (x->service_level.n > 0 && weight > 0) {
            acc[row * ipd + slot] += weight * 100.0 * x->service_level.mean;
            w[row * ipd + slot] += weight;
        }
    }
    for (k = 0; k < 7 * ipd; k++)
        acc[k] = w[k] > 0 ? acc[k] / w[k] : NAN;
    for (k = 0; k < ipd; k++) {
        char buf[24];
        int minute = (int)lround((double)k * s->interval_s / 60.0);
        snprintf(buf, sizeof(buf), "%02d:%02d", minute / 60, minute % 60);
        cols[k] = cc_xstrdup(buf);
    }
    snprintf(id, sizeof(id), "heat-%zu", c);
    snprintf(title, sizeof(title), "%s: service level %% by weekday and time of day "
             "(target %.0f%%; red below, blue above)", s->channels[c].name,
             100.0 * s->channels[c].target.service_level);
    fputs("<div class=\"chartbox\">", out);
    cc_chart_heatmap(out, id, title, wd, 7, (const char *const *)cols, ipd, acc, 1,
                  100.0 * s->channels[c].target.service_level, "%.1f%%");
    fputs("</div>\n", out);
    for (k = 0; k < ipd; k++)
        free(cols[k]);
    free(cols);
    free(acc);
    free(w);
}

static void write_definitions(FILE *out, const cc_scenario *s, const cc_results *r)
{
    fprintf(out,
            "<h2>Definitions</h2>\n<dl>\n"
            "<dt>Service level (SL)</dt><dd>Contacts answered within the channel's target time "
            "÷ contacts presented to agents (offered less deflected and bot-contained). "
            "Abandoned contacts count as missed; contacts still waiting at the end whose target "
            "time has not passed (pending) and the initial backlog (work carried in from "
            "before the horizon) are left out. For email and social the time is the first "
            "response.</dd>\n"
            "<dt>ASA</dt><dd>Average speed of answer: mean wait of answered contacts.</dd>\n"
            "<dt>Abandonment</dt><dd>Abandoned ÷ presented.</dd>\n"
            "<dt>Occupancy</dt><dd>Time agents spend with contacts or in wrap-up ÷ time "
            "available (scheduled less shrinkage).</dd>\n"
            "<dt>Agents holding ≥ 1 chat</dt><dd>For teams serving chat with concurrency: "
            "agents holding at least one chat ÷ agents available.</dd>\n"
            "<dt>Open chats ÷ capacity</dt><dd>Open chats ÷ (agents available × chats per "
            "agent): the plan's occupancy of chat sessions.</dd>\n"
            "<dt>Shrinkage</dt><dd>Share of paid time not available for contacts; simulated as "
            "unavailable agents. Plans use %s: %s.</dd>\n"
            "<dt>FTE</dt><dd>%.1f paid hours per week.</dd>\n"
            "<dt>Intervals</dt><dd>%g minutes; %d days from %s; statistics by arrival "
            "interval.</dd>\n"
            "<dt>Model</dt><dd>Discrete-event simulation, %ld replications from seed %llu; "
            "± values are 95%% Student-t confidence half-widths across replications; risk = "
            "share of replications missing the target.</dd>\n"
            "</dl>\n",
            s->plan.shrinkage_method == CC_SHRINK_DIVISIVE ? "the divisive formula"
                                                           : "the guide's formula",
            s->plan.shrinkage_method == CC_SHRINK_DIVISIVE
                ? "scheduled = required ÷ (1 − shrinkage)"
                : "agents = required × (1 + shrinkage)",
            s->plan.fte_week_s / 3600.0, s->interval_s / 60.0, s->days, s->start_date,
            r->replications, (unsigned long long)r->seed);
}

static cc_status write_html(FILE *out, const cc_scenario *s, const cc_results *r,
                            const char *extra_html, cc_error *err);

cc_status cc_report_html(FILE *out, const cc_scenario *s, const cc_results *r,
                         const char *extra_html, cc_error *err)
{
    /* '.' decimals in the SVG coordinates whatever LC_NUMERIC the program set. */
    locale_t prev = cc_locale_enter();
    cc_status st = write_html(out, s, r, extra_html, err);
    cc_locale_leave(prev);
    return st;
}

static cc_status write_html(FILE *out, const cc_scenario *s, const cc_results *r,
                            const char *extra_html, cc_error *err)
{
    int per_day;
    size_t n_points, c, t;
    char **labels;
    series_buf *vol, *sl;
    cc_chart_series *lines;
    double *agents, *occ;

    if (!r->intervals || !r->team_intervals)
        return cc_error_setf(err, CC_EINVAL, "the run kept no per-interval statistics");
    per_day = r->n_intervals > MAX_POINTS_PER_INTERVAL;
    n_points = per_day ? (size_t)s->days : r->n_intervals;
    labels = point_labels(s, n_points, per_day);
    vol = cc_xcalloc(r->n_channels ? r->n_channels : 1, sizeof(*vol));
    sl = cc_xcalloc(r->n_channels ? r->n_channels : 1, sizeof(*sl));
    lines = cc_xcalloc((r->n_channels + r->n_teams) * 2 + 1, sizeof(*lines));
    agents = cc_xcalloc((r->n_teams ? r->n_teams : 1) * n_points, sizeof(double));
    occ = cc_xcalloc((r->n_teams ? r->n_teams : 1) * n_points, sizeof(double));

    cc_html_page_head(out, 1, "ccsim: ", s->name, own_rules, own_table_rules);
    cc_chart_escape(out, s->name);
    fputs("</h1><p>", out);
    cc_chart_escape(out, s->description ? s->description : "");
    fprintf(out, "</p><p>%d days from %s, %g-minute intervals · %ld replications · seed %llu · "
                 "ccsim %s</p></header>\n<main>\n<h2>Summary</h2>\n",
            s->days, s->start_date, s->interval_s / 60.0, r->replications,
            (unsigned long long)r->seed, cc_version());
    write_headline(out, s, r);
    write_cards(out, s, r);
    if (extra_html)
        fputs(extra_html, out);

    for (c = 0; c < r->n_channels; c++) {
        series_alloc(&vol[c], n_points);
        series_alloc(&sl[c], n_points);
        channel_points(s, r, c, per_day, n_points, &vol[c], &sl[c]);
    }

    /* Offered volume per channel and agents on duty per team. */
    {
        cc_chart_frame f = {"volume", per_day ? "Offered contacts per day" :
                         "Offered contacts per interval", "contacts",
                         (const char *const *)labels, n_points, 0.0, NAN, NAN, NULL, 0, 0,
                         "%.1f"};
        for (c = 0; c < r->n_channels; c++) {
            lines[c] = (cc_chart_series){s->channels[c].name, vol[c].y, NULL, NULL,
                                      palette[c % PALETTE_N], !per_day, 0};
        }
        fputs("<h2>Volume and staffing</h2>\n", out);
        cc_chart_lines_boxed(out, &f, lines, r->n_channels);
    }
    for (t = 0; t < r->n_teams; t++)
        team_points(s, r, t, per_day, n_points, agents + t * n_points, occ + t * n_points);
    {
        cc_chart_frame f = {"staffing", per_day ? "Agents available (mean over the day)" :
                         "Agents available by interval (after shrinkage)", "agents",
                         (const char *const *)labels, n_points, 0.0, NAN, NAN, NULL, 0, 0,
                         "%.1f"};
        for (t = 0; t < r->n_teams; t++)
            lines[t] = (cc_chart_series){s->teams[t].name, agents + t * n_points, NULL, NULL,
                                      palette[t % PALETTE_N], !per_day, 0};
        cc_chart_lines_boxed(out, &f, lines, r->n_teams);
    }

    /* Service level per channel against its target, with the 95% band. */
    fputs("<h2>Service level</h2>\n", out);
    for (c = 0; c < r->n_channels; c++) {
        char id[32], title[200];
        cc_chart_frame f = {id, title, "service level %", (const char *const *)labels, n_points,
                         0.0, 100.0, 100.0 * s->channels[c].target.service_level, "target", 0,
                         0, "%.1f"};
        size_t p;
        for (p = 0; p < n_points; p++) {
            sl[c].y[p] *= 100.0;
            sl[c].lo[p] *= 100.0;
            sl[c].hi[p] *= 100.0;
        }
        snprintf(id, sizeof(id), "sl-%zu", c);
        {
            char tgt[48];
            snprintf(title, sizeof(title), "%s: service level %s (95%% band), target %s",
                     s->channels[c].name, per_day ? "per day" : "by interval",
                     cc_format_target(s->channels[c].target.service_level,
                                      s->channels[c].target.answer_within_s, tgt, sizeof tgt));
        }
        lines[0] = (cc_chart_series){"simulated SL", sl[c].y, per_day ? NULL : sl[c].lo,
                                  per_day ? NULL : sl[c].hi, palette[c % PALETTE_N], 0, 0};
        cc_chart_lines_boxed(out, &f, lines, 1);
    }
    fputs("<h2>Service level by weekday and time of day</h2>\n", out);
    for (c = 0; c < r->n_channels; c++)
        write_heatmap(out, s, r, c);

    /* Team occupancy. */
    {
        cc_chart_frame f = {"occupancy", per_day ? "Occupancy per day" : "Occupancy by interval",
                         "occupancy %", (const char *const *)labels, n_points, 0.0, 100.0,
                         NAN, NULL, 0, 0, "%.1f"};
        for (t = 0; t < r->n_teams; t++)
            lines[t] = (cc_chart_series){s->teams[t].name, occ + t * n_points, NULL, NULL,
                                      palette[t % PALETTE_N], 0, 0};
        fputs("<h2>Occupancy</h2>\n", out);
        cc_chart_lines_boxed(out, &f, lines, r->n_teams);
    }

    write_tables(out, s, r);
    write_definitions(out, s, r);
    fputs("</main>\n", out);
    fputs(check_script, out);
    fputs("</body>\n</html>\n", out);

    for (c = 0; c < r->n_channels; c++) {
        series_free(&vol[c]);
        series_free(&sl[c]);
    }
    free(vol);
    free(sl);
    free(lines);
    free(agents);
    free(occ);
    labels_free(labels, n_points);
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write the report");
    return CC_OK;
}
