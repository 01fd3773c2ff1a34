/*
 * fit.yaml and fit.json of `ccsim fit`. fit.yaml is a complete scenario
 * (horizon = the week after the history, the fitted channels, one team sized
 * by square-root staffing at the busiest interval) so that `ccsim validate`
 * and `ccsim run` take it as it is; its profiles, channels and uncertainty
 * are the fragment to paste into an existing scenario. fit.json holds the
 * fitted figures with their fit statistics.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cc_version.h"
#include "forecast/fc_internal.h"
#include "util/textout.h"

static const char *const wd_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* A scenario key from a channel name: lower-case letters, digits and '_'. */
static void key_of(const char *name, char *buf, size_t cap)
{
    size_t i, n = 0;
    for (i = 0; name[i] && n + 1 < cap; i++) {
        unsigned char ch = (unsigned char)name[i];
        buf[n++] = isalnum(ch) ? (char)tolower(ch) : '_';
    }
    buf[n] = '\0';
    if (n == 0 || isdigit((unsigned char)buf[0]))
        snprintf(buf, cap, "c_%s", name[0] ? name : "contacts");
}

static void write_dist(FILE *out, const char *key, const cc_fc_dist_fit *d)
{
    double cv;
    if (d->n < 2) {
        fprintf(out, "    # %s: not in the history; set it\n", key);
        if (!strcmp(key, "handle_time"))
            fprintf(out, "    handle_time: {dist: exponential, mean: 300s}\n");
        return;
    }
    if (!strcmp(d->best, "gamma")) {
        cv = 1 / sqrt(d->gamma_shape);
        fprintf(out, "    %s: {dist: gamma, mean: %.1fs, cv: %.4f}\n", key,
                d->gamma_shape * d->gamma_scale_s, cv);
    } else {
        double m = exp(d->lognormal_mu + 0.5 * d->lognormal_sigma * d->lognormal_sigma);
        cv = sqrt(exp(d->lognormal_sigma * d->lognormal_sigma) - 1);
        fprintf(out, "    %s: {dist: lognormal, mean: %.1fs, cv: %.4f}\n", key, m, cv);
    }
    fprintf(out, "    # %s: %zu values, sample mean %.1f s; lognormal mu %.4f sigma %.4f (KS %.3f), "
                 "gamma shape %.4f scale %.1f s (KS %.3f)\n",
            key, d->n, d->mean_s, d->lognormal_mu, d->lognormal_sigma, d->lognormal_ks,
            d->gamma_shape, d->gamma_scale_s, d->gamma_ks);
}

cc_status cc_fc_write_fit_yaml(FILE *out, const cc_fc_fit *f, const char *name, cc_error *err)
{
    size_t c;
    int y, m, d, w, i;
    double load = 0;
    char key[80], nkey[80];
    int interval = f->interval_min, per_day = f->per_day, hourly = 0;

    if (!(interval == 15 || interval == 30 || interval == 60)) {
        hourly = 1;
        interval = 60;
    }
    cc_fc_civil_from_days(f->next_day, &y, &m, &d);
    key_of(name ? name : "history", nkey, sizeof(nkey));
    fprintf(out, "# Scenario fitted from history by `ccsim fit` (ccsim %s).\n"
                 "# The horizon is the week after the history; volumes are the mean of each\n"
                 "# weekday over the history's last eight weeks (special days left out).\n"
                 "# Paste `profiles` and `channels` into a scenario, or run this file as it\n"
                 "# is: the team is the history's staffing when the log names agents, else a\n"
                 "# rough square-root staffing of the busiest interval round the clock.\n\n",
            cc_version());
    fprintf(out, "version: 1\nname: fit-%s\ndescription: Fitted from history\n\n", nkey);
    fprintf(out, "horizon:\n  start: %04d-%02d-%02d\n  days: 7\n  interval: %dm\n\n", y, m, d,
            interval);
    fputs("profiles:\n", out);
    for (c = 0; c < f->n_channels; c++) {
        const cc_fc_channel_fit *ch = &f->channels[c];
        key_of(ch->name, key, sizeof(key));
        for (w = 0; w < 7; w++) {
            const double *p = ch->profile + (size_t)w * per_day;
            double sum = 0;
            if (ch->profile_group[w] != w)
                continue;
            for (i = 0; i < per_day; i++)
                sum += p[i];
            if (sum <= 0)
                continue;
            fprintf(out, "  %s_%s:\n    %s: [", key, wd_keys[w], hourly ? "hourly" : "weights");
            if (hourly) {
                int per_h = per_day / 24, hh;
                for (hh = 0; hh < 24; hh++) {
                    double v = 0;
                    for (i = 0; i < per_h; i++)
                        v += p[hh * per_h + i];
                    fprintf(out, "%s%.6f", hh ? ", " : "", v);
                }
            } else {
                for (i = 0; i < per_day; i++)
                    fprintf(out, "%s%.6f", i ? ", " : "", p[i]);
            }
            fputs("]\n", out);
        }
    }
    fputs("\nchannels:\n", out);
    for (c = 0; c < f->n_channels; c++) {
        const cc_fc_channel_fit *ch = &f->channels[c];
        int first_open = -1;
        double aht;
        key_of(ch->name, key, sizeof(key));
        for (w = 0; w < 7; w++) {
            double sum = 0;
            for (i = 0; i < per_day; i++)
                sum += ch->profile[(size_t)ch->profile_group[w] * per_day + i];
            if (sum > 0 && first_open < 0)
                first_open = ch->profile_group[w];
        }
        fprintf(out, "  %s:\n    kind: voice\n", key);
        fprintf(out, "    # forecast method %s, backtest WAPE daily %.1f%%\n", ch->method,
                100 * ch->wape_daily);
        fprintf(out, "    volume: {per_day: %.1f}\n    weekday: {", ch->daily_mean);
        for (w = 0; w < 7; w++)
            fprintf(out, "%s%s: %.4f", w ? ", " : "", wd_keys[w], ch->weekday_mult[w]);
        fputs("}\n", out);
        if (first_open >= 0) {
            fputs("    profile: {", out);
            for (w = 0; w < 7; w++) {
                int g = ch->profile_group[w];
                double sum = 0;
                for (i = 0; i < per_day; i++)
                    sum += ch->profile[(size_t)g * per_day + i];
                fprintf(out, "%s%s: %s_%s", w ? ", " : "", wd_keys[w], key,
                        wd_keys[sum > 0 ? g : first_open]);
            }
            fputs("}\n", out);
        }
        fprintf(out, "    uncertainty: {cv: %.4f}   # day-level forecast error beyond Poisson\n",
                ch->cv > 2 ? 2 : ch->cv);
        write_dist(out, "handle_time", &ch->handle);
        if (ch->wrap.n >= 2)
            write_dist(out, "wrap_up", &ch->wrap);
        if (!isnan(ch->patience.exp_mean_s)) {
            fprintf(out, "    patience: {dist: exponential, mean: %.1fs}\n", ch->patience.exp_mean_s);
            fprintf(out, "    # patience: %zu abandonments, %zu censored waits; Kaplan-Meier median "
                         "%.1f s; exponential median %.1f s; censored lognormal mu %.4f sigma "
                         "%.4f (mean %.1f s)\n",
                    ch->patience.n_abandoned, ch->patience.n_censored, ch->patience.km_median_s,
                    ch->patience.exp_mean_s * log(2.0), ch->patience.lognormal_mu,
                    ch->patience.lognormal_sigma, ch->patience.lognormal_mean_s);
        } else {
            fputs("    patience: none   # no waits with outcomes in the history\n", out);
        }
        fputs("    target: {answer_within: 20s, service_level: 80%}\n", out);
        if (!isnan(ch->served_within_20s))
            fprintf(out, "    # history: %.1f%% of offered contacts answered within 20 s\n",
                    100 * ch->served_within_20s);
        aht = ch->handle.n >= 2 ? ch->handle.mean_s : 300;
        load += ch->peak_per_hour * aht / 3600.0;
    }
    if (f->n_seasons) {
        size_t k;
        fputs("\n# the holiday calendar's days within the horizon: closed, or open at the\n"
              "# history's ratio of open calendar days to their weekday\nseasons:\n", out);
        for (k = 0; k < f->n_seasons; k++) {
            int sy, sm, sd;
            cc_fc_civil_from_days(f->season_day[k], &sy, &sm, &sd);
            fprintf(out, "  - {date: %04d-%02d-%02d, channels: {", sy, sm, sd);
            for (c = 0; c < f->n_channels; c++) {
                key_of(f->channels[c].name, key, sizeof(key));
                fprintf(out, "%s%s: %.4f", c ? ", " : "", key,
                        f->season_closed[k] ? 0.0 : f->channels[c].special_ratio);
            }
            fputs("}}\n", out);
        }
    }
    if (f->has_months) {
        static const char *const mon[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
        fputs("\n# the history's months against its yearly mean daily volume, for seasons:\n", out);
        for (c = 0; c < f->n_channels; c++) {
            fprintf(out, "#   %s:", f->channels[c].name);
            for (i = 0; i < 12; i++)
                fprintf(out, " %s %.3f", mon[i], f->channels[c].month_factor[i]);
            fputc('\n', out);
        }
    }
    fputs("\nteams:\n  agents:\n    skills: [", out);
    for (c = 0; c < f->n_channels; c++) {
        key_of(f->channels[c].name, key, sizeof(key));
        fprintf(out, "%s%s", c ? ", " : "", key);
    }
    if (f->has_staffing) {
        int hr;
        fputs("]\n    # the agents the history shows serving, per weekday and hour (mean over the\n"
              "    # history's days; within an hour an agent counts from the start of their\n"
              "    # first service to the end of their last)\n    shifts:\n", out);
        for (w = 0; w < 7; w++)
            for (hr = 0; hr < 24; hr++) {
                long a = lround(f->staffing[w][hr]);
                if (a > 0)
                    fprintf(out, "      - {days: %s, start: \"%02d:00\", end: \"%02d:00\", agents: %ld}\n",
                            wd_keys[w], hr, hr + 1, a);
            }
    } else {
        fprintf(out, "]\n    agents: %d   # busiest interval: %.1f erlangs offered\n",
                (int)ceil(load + 1.5 * sqrt(load)) + 1, load);
    }
    fputs("\nsimulation:\n  replications: 10\n  seed: 1\n", out);
    if (!isnan(f->history_sl))
        fprintf(out, "\n# history: %.1f contacts a day; %.1f%% answered within 20 s and %.1f%% "
                     "abandoned of those offered to the queue\n",
                f->history_daily, 100 * f->history_sl, 100 * f->history_abandon);
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "writing fit.yaml failed");
    return CC_OK;
}

static json_t *dist_json(const cc_fc_dist_fit *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "n", json_integer((json_int_t)d->n));
    json_object_set_new(o, "mean_s", cc_json_number(d->mean_s));
    json_object_set_new(o, "sd_s", cc_json_number(d->sd_s));
    json_object_set_new(o, "lognormal_mu", cc_json_number(d->lognormal_mu));
    json_object_set_new(o, "lognormal_sigma", cc_json_number(d->lognormal_sigma));
    json_object_set_new(o, "lognormal_ks", cc_json_number(d->lognormal_ks));
    json_object_set_new(o, "gamma_shape", cc_json_number(d->gamma_shape));
    json_object_set_new(o, "gamma_scale_s", cc_json_number(d->gamma_scale_s));
    json_object_set_new(o, "gamma_ks", cc_json_number(d->gamma_ks));
    json_object_set_new(o, "loglik_lognormal", cc_json_number(d->loglik_lognormal));
    json_object_set_new(o, "loglik_gamma", cc_json_number(d->loglik_gamma));
    json_object_set_new(o, "best", json_string(d->best ? d->best : "lognormal"));
    json_object_set_new(o, "short_share", cc_json_number(d->short_share));
    return o;
}

cc_status cc_fc_write_fit_json(FILE *out, const cc_fc_fit *f, cc_error *err)
{
    json_t *doc = json_object(), *chans = json_object();
    size_t c;
    int w;
    char *text;
    json_object_set_new(doc, "interval_min", json_integer(f->interval_min));
    json_object_set_new(doc, "history_daily", cc_json_number(f->history_daily));
    json_object_set_new(doc, "history_sl_20s", cc_json_number(f->history_sl));
    json_object_set_new(doc, "history_abandon", cc_json_number(f->history_abandon));
    if (f->has_staffing) {
        json_t *st = json_object();
        int hr;
        for (w = 0; w < 7; w++) {
            json_t *row = json_array();
            for (hr = 0; hr < 24; hr++)
                json_array_append_new(row, cc_json_number(f->staffing[w][hr]));
            json_object_set_new(st, wd_keys[w], row);
        }
        json_object_set_new(doc, "staffing_by_hour", st);
    }
    for (c = 0; c < f->n_channels; c++) {
        const cc_fc_channel_fit *ch = &f->channels[c];
        json_t *o = json_object(), *wd = json_object(), *p = json_object();
        json_object_set_new(o, "daily_mean", cc_json_number(ch->daily_mean));
        for (w = 0; w < 7; w++)
            json_object_set_new(wd, wd_keys[w], cc_json_number(ch->weekday_mult[w]));
        json_object_set_new(o, "weekday", wd);
        json_object_set_new(o, "uncertainty_cv", cc_json_number(ch->cv));
        json_object_set_new(o, "method", json_string(ch->method));
        json_object_set_new(o, "wape_daily", cc_json_number(ch->wape_daily));
        json_object_set_new(o, "peak_per_hour", cc_json_number(ch->peak_per_hour));
        json_object_set_new(o, "handle_time", dist_json(&ch->handle));
        if (ch->wrap.n)
            json_object_set_new(o, "wrap_up", dist_json(&ch->wrap));
        json_object_set_new(p, "n_abandoned", json_integer((json_int_t)ch->patience.n_abandoned));
        json_object_set_new(p, "n_censored", json_integer((json_int_t)ch->patience.n_censored));
        json_object_set_new(p, "km_median_s", cc_json_number(ch->patience.km_median_s));
        json_object_set_new(p, "exp_mean_s", cc_json_number(ch->patience.exp_mean_s));
        json_object_set_new(p, "lognormal_mu", cc_json_number(ch->patience.lognormal_mu));
        json_object_set_new(p, "lognormal_sigma", cc_json_number(ch->patience.lognormal_sigma));
        json_object_set_new(p, "lognormal_mean_s", cc_json_number(ch->patience.lognormal_mean_s));
        json_object_set_new(o, "patience", p);
        json_object_set_new(o, "served_within_20s", cc_json_number(ch->served_within_20s));
        json_object_set_new(o, "special_day_ratio", cc_json_number(ch->special_ratio));
        if (f->has_months) {
            json_t *mf = json_array();
            for (w = 0; w < 12; w++)
                json_array_append_new(mf, cc_json_number(ch->month_factor[w]));
            json_object_set_new(o, "month_factor", mf);
        }
        json_object_set_new(chans, ch->name, o);
    }
    json_object_set_new(doc, "channels", chans);
    text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(doc);
    if (!text)
        return cc_error_setf(err, CC_ENOMEM, "fit.json");
    fputs(text, out);
    fputc('\n', out);
    free(text);
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "writing fit.json failed");
    return CC_OK;
}
