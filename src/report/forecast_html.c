/*
 * report.html of `ccsim forecast`: one self-contained page (inline CSS and
 * SVG, no script, no network) per forecast with, for each channel, the
 * recent daily history followed by the forecast and its 10-90% band, the
 * backtest (actual against the chosen method's one-week-ahead forecasts),
 * the first forecast day by interval, and the backtest WAPE of every method
 * with the choice rule stated.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_forecast.h"
#include "cc_report.h"
#include "cc_version.h"
#include "forecast/fc_internal.h"
#include "report/html_page.h"
#include "report/svg_chart.h"
#include "util/alloc.h"

/* Days of history drawn before the forecast. */
#define HISTORY_DAYS 56

/* The forecast page's own rule: the chosen method's row. */
static const char *const own_table_rules = "tr.chosen td{font-weight:600;background:#eef7ee}\n";

static char *day_label(long day)
{
    char buf[16];
    int y, m, d;
    cc_fc_civil_from_days(day, &y, &m, &d);
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
    return cc_xstrdup(buf);
}

static void free_labels(char **labels, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
}

/* History and forecast, per day, with the forecast's 10-90% band. */
static void chart_days(FILE *out, const cc_fc_result *r, size_t c)
{
    const cc_fc_history *h = r->history;
    const cc_fc_channel *ch = &r->channels[c];
    long first = r->from_day - HISTORY_DAYS;
    size_t n = (size_t)HISTORY_DAYS + (size_t)r->days, i;
    double *hist = cc_xmalloc(n * sizeof(double)), *fc = cc_xmalloc(n * sizeof(double));
    double *lo = cc_xmalloc(n * sizeof(double)), *hi = cc_xmalloc(n * sizeof(double));
    char **labels = cc_xmalloc(n * sizeof(char *)), id[32];
    cc_chart_series s[2];
    cc_chart_frame f;

    for (i = 0; i < n; i++) {
        long day = first + (long)i, k = day - h->day0;
        labels[i] = day_label(day);
        hist[i] = fc[i] = lo[i] = hi[i] = NAN;
        if (day < r->from_day && k >= 0 && k < h->n_days && h->observed[k])
            hist[i] = cc_fc_day_total(h->series[c].y, (int)k, h->per_day);
        if (day >= r->from_day) {
            int lead = (int)(day - r->from_day) / 7;
            /* the day-level CV of the day's lead week */
            double cv = ch->n_lead_weeks > 0
                            ? ch->cv_lead[lead < ch->n_lead_weeks ? lead : ch->n_lead_weeks - 1]
                            : ch->cv_daily;
            double F = cc_fc_day_total(ch->mean, (int)(day - r->from_day), r->per_day);
            double sd = sqrt(F + cv * cv * F * F);
            fc[i] = F;
            lo[i] = F - 1.2816 * sd > 0 ? F - 1.2816 * sd : 0;
            hi[i] = F + 1.2816 * sd;
        }
    }
    memset(s, 0, sizeof(s));
    s[0].name = "history";
    s[0].y = hist;
    s[0].color = "#1f77b4";
    s[1].name = "forecast (10-90% band)";
    s[1].y = fc;
    s[1].band_low = lo;
    s[1].band_high = hi;
    s[1].color = "#ff7f0e";
    snprintf(id, sizeof(id), "days%zu", c);
    cc_chart_frame_init(&f, id, "Contacts per day: history and forecast", "contacts",
                        (const char *const *)labels, n, "%.0f");
    cc_chart_lines_boxed(out, &f, s, 2);
    free_labels(labels, n);
    free(hist);
    free(fc);
    free(lo);
    free(hi);
}

/* The backtest windows: actual against the chosen method's forecasts. */
static void chart_backtest(FILE *out, const cc_fc_result *r, size_t c)
{
    const cc_fc_channel *ch = &r->channels[c];
    size_t n = (size_t)ch->bt_days, i;
    char **labels, id[32];
    cc_chart_series s[2];
    cc_chart_frame f;
    if (n == 0)
        return;
    labels = cc_xmalloc(n * sizeof(char *));
    for (i = 0; i < n; i++)
        labels[i] = day_label(ch->bt_day0 + (long)i);
    memset(s, 0, sizeof(s));
    s[0].name = "actual";
    s[0].y = ch->bt_actual;
    s[0].color = "#1f77b4";
    s[1].name = cc_fc_method_name((cc_fc_method)ch->chosen);
    s[1].y = ch->bt_forecast;
    s[1].color = "#ff7f0e";
    s[1].dashed = 1;
    snprintf(id, sizeof(id), "bt%zu", c);
    cc_chart_frame_init(&f, id, "Backtest: one-week-ahead forecasts from each weekly origin",
                        "contacts per day", (const char *const *)labels, n, "%.0f");
    cc_chart_lines_boxed(out, &f, s, 2);
    free_labels(labels, n);
}

/* The first forecast day by interval, with the band. */
static void chart_intraday(FILE *out, const cc_fc_result *r, size_t c)
{
    const cc_fc_channel *ch = &r->channels[c];
    size_t n = (size_t)r->per_day, i;
    char **labels = cc_xmalloc(n * sizeof(char *)), id[32], title[96], *d0;
    cc_chart_series s;
    cc_chart_frame f;
    for (i = 0; i < n; i++) {
        char buf[16];
        int m = (int)i * r->interval_min;
        snprintf(buf, sizeof(buf), "%02d:%02d", m / 60, m % 60);
        labels[i] = cc_xstrdup(buf);
    }
    d0 = day_label(r->from_day);
    snprintf(title, sizeof(title), "Forecast for %s by interval (10-90%% band)", d0);
    free(d0);
    memset(&s, 0, sizeof(s));
    s.name = "forecast";
    s.y = ch->mean;
    s.band_low = ch->p10;
    s.band_high = ch->p90;
    s.color = "#ff7f0e";
    s.step = 1;
    snprintf(id, sizeof(id), "intra%zu", c);
    cc_chart_frame_init(&f, id, title, "contacts per interval", (const char *const *)labels, n,
                        "%.1f");
    cc_chart_lines_boxed(out, &f, &s, 1);
    free_labels(labels, n);
}

static void wape_table(FILE *out, const cc_fc_channel *ch)
{
    int m;
    fprintf(out, "<table><tr><th>method</th><th>WAPE daily</th><th>WAPE per interval</th>"
                 "</tr>\n");
    for (m = 0; m < CC_FC_N_METHODS; m++) {
        fprintf(out, "<tr%s><td>%s%s</td>", m == ch->chosen ? " class=\"chosen\"" : "",
                cc_fc_method_name((cc_fc_method)m), m == ch->chosen ? " (chosen)" : "");
        if (isnan(ch->wape_daily[m]))
            fputs("<td>-</td><td>-</td></tr>\n", out);
        else
            fprintf(out, "<td>%.1f%%</td><td>%.1f%%</td></tr>\n", 100 * ch->wape_daily[m],
                    100 * ch->wape_interval[m]);
    }
    fputs("</table>\n", out);
}

cc_status cc_report_forecast_html(FILE *out, const cc_fc_result *r, const char *source,
                                  cc_error *err)
{
    size_t c;
    char *from = day_label(r->from_day), *to = day_label(r->from_day + r->days - 1);
    cc_html_page_head(out, 0, "ccsim forecast", NULL, "", own_table_rules);
    fprintf(out, "Forecast %s to %s</h1><p>from ", from, to);
    cc_chart_escape(out, source ? source : "");
    fprintf(out, ", %d-minute intervals, ccsim %s</p>\n<p>%ld rows read, %ld malformed and "
                 "skipped, %ld split on blanks; %d days of history</p></header>\n<main>\n",
            r->interval_min, cc_version(), r->history->rows_read, r->history->rows_bad,
            r->history->rows_repaired, r->history->n_days);
    free(from);
    free(to);
    for (c = 0; c < r->n_channels; c++) {
        const cc_fc_channel *ch = &r->channels[c];
        fputs("<h2>Channel ", out);
        cc_chart_escape(out, ch->name);
        fprintf(out, ": %s</h2>\n", cc_fc_method_name((cc_fc_method)ch->chosen));
        chart_days(out, r, c);
        chart_backtest(out, r, c);
        chart_intraday(out, r, c);
        fprintf(out, "<p>Backtest from %d weekly origin%s (each forecasting the following "
                     "week from the history before it); day-level error CV beyond Poisson "
                     "%.3f; %zu special day%s set aside.</p>\n",
                ch->n_origins, ch->n_origins == 1 ? "" : "s", ch->cv_daily,
                ch->n_special_found, ch->n_special_found == 1 ? "" : "s");
        wape_table(out, ch);
    }
    fputs("<h2>Definitions</h2>\n<dl>\n"
          "<dt>WAPE</dt><dd>sum of |actual - forecast| over sum of actuals, over the backtest's "
          "days (daily totals) or intervals</dd>\n"
          "<dt>Choice rule</dt><dd>the method with the lowest interval WAPE in the rolling-origin "
          "backtest is chosen for each channel</dd>\n"
          "<dt>Bands</dt><dd>contacts_p10 and contacts_p90: the 10% and 90% quantiles of the "
          "chosen method's standardised backtest errors, each interval's error scaled by "
          "sqrt(f + c&sup2; f&sup2;) with c the day-level CV beyond Poisson</dd>\n"
          "<dt>Special days</dt><dd>calendar days and days below 60% of their weekday's median "
          "within four weeks either side are left out of fitting and scoring</dd>\n"
          "</dl>\n</main>\n</body>\n</html>\n",
          out);
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "writing report.html failed");
    return CC_OK;
}
