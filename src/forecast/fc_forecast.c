/*
 * The forecast of each series: special days set aside, every method
 * backtested from rolling weekly origins (each forecasting the next week
 * from everything before it), the method with the lowest interval WAPE
 * chosen, and prediction intervals from the chosen method's backtest errors.
 *
 * Choice rule: lowest WAPE per interval (sum |actual - forecast| / sum actual
 * over the backtest's interval cells); ties keep the simpler method.
 * Bands: a day-level error CV beyond Poisson, c^2 = mean(((A-F)/F)^2) -
 * mean(1/F) over backtest days, scales each cell's error as
 * sqrt(f + c^2 f^2); the 10% and 90% quantiles of the standardised backtest
 * errors give contacts_p10 and contacts_p90. Both come from BAND_ORIGINS
 * weekly origins, and separately for each lead week up to
 * CC_FC_MAX_LEAD_WEEKS: a day w weeks ahead gets the band of errors w weeks
 * ahead when that is wider than the week before's (errors grow with the
 * lead; a narrower estimate further out is sampling noise).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/fc_internal.h"
#include "util/alloc.h"

/* Days of each backtest window: a one-week lead. */
#define BT_HORIZON 7
/* The least training a backtest origin needs, days. */
#define BT_MIN_TRAIN 14
/* Weekly origins behind the bands at each lead week (more than the choice needs:
 * the 10% and 90% quantiles of errors want more weeks than a ranking of methods). */
#define BAND_ORIGINS 8
/* A day below this share of its weekday's median volume is a special day. */
#define SPECIAL_SHARE 0.6
/* Weeks of recent history behind the reported weekday means and profiles. */
#define RECENT_WEEKS 8

void cc_fc_options_init(cc_fc_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->k = 4;
    opt->backtest_origins = 4;
    opt->method = -1;
}

void cc_fc_result_free(cc_fc_result *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->n_channels; i++) {
        cc_fc_channel *c = &r->channels[i];
        free(c->mean);
        free(c->p10);
        free(c->p90);
        free(c->bt_actual);
        free(c->bt_forecast);
        free(c->weekday_share);
    }
    free(r->channels);
    free(r);
}

/*
 * Marks usable training days: observed, not in the calendar, and not far
 * below the median of the same weekday within four weeks either side.
 */
/* Median volume of the same weekday within four weeks either side of day d (0 if too few). */
static double weekday_median(const double *tot, const unsigned char *observed, int n, int d)
{
    double near[8];
    int m = 0, j;
    for (j = -4; j <= 4; j++) {
        int e = d + 7 * j;
        if (j && e >= 0 && e < n && observed[e])
            near[m++] = tot[e];
    }
    return m >= 2 ? cc_fc_median(near, (size_t)m) : 0;
}

static size_t mark_usable(const double *y, const unsigned char *observed, int n, int per_day,
                          long day0, const cc_fc_options *opt, unsigned char *use,
                          cc_fc_channel *ch)
{
    double *tot = cc_xmalloc((size_t)(n > 0 ? n : 1) * sizeof(double)), rs = 0;
    size_t found = 0, s, rn = 0;
    int d;
    for (d = 0; d < n; d++) {
        use[d] = observed[d];
        tot[d] = observed[d] ? cc_fc_day_total(y, d, per_day) : 0;
    }
    for (s = 0; s < opt->n_special; s++) {
        long k = opt->special_days[s] - day0;
        if (k >= 0 && k < n) {
            use[k] = 0;
            /* an open special day of the history: its volume against its weekday's */
            if (observed[k] && !(opt->special_closed && opt->special_closed[s])) {
                double med = weekday_median(tot, observed, n, (int)k);
                if (med > 0) {
                    rs += tot[k] / med;
                    rn++;
                }
            }
        }
    }
    ch->special_ratio = rn ? rs / (double)rn : 1.0;
    ch->n_special_open = rn;
    for (d = 0; d < n; d++) {
        double med;
        if (!use[d])
            continue;
        med = weekday_median(tot, observed, n, d);
        if (med > 0 && tot[d] < SPECIAL_SHARE * med) {
            use[d] = 0;
            found++;
        }
    }
    free(tot);
    return found;
}

/*
 * The band at lead week w (>= 2): the chosen method forecasts w weeks from
 * origins o = n_train - 7 (w - 1) - 7 j (j = 1..B), so that the scored week,
 * its w-th, falls in the last B weeks before the forecast as week 1's do; the
 * day-level CV beyond Poisson and the standardised error quantiles are
 * worked out on those weeks as for week 1. Returns the origins used (0 when
 * the history is too short: the caller keeps the week before's band).
 */
static int lead_band(int chosen, const double *y, const unsigned char *use,
                     const unsigned char *closed, int n_train, int per_day, long day0, int k,
                     int B, int w, double *cv, double *z10, double *z90)
{
    int hz = 7 * w, j, d, i, n_o = 0;
    size_t nz = 0, nd = 0;
    double s_rel2 = 0, s_inv = 0, c2;
    double *fc = cc_xmalloc((size_t)B * hz * per_day * sizeof(double));
    double *zs = cc_xmalloc((size_t)B * 7 * per_day * sizeof(double));
    for (j = 1; j <= B; j++) {
        int o = n_train - 7 * (w - 1) - 7 * j;
        double *f = fc + (size_t)(j - 1) * hz * per_day;
        if (o < BT_MIN_TRAIN)
            break;
        n_o++;
        cc_fc_method_forecast((cc_fc_method)chosen, y, use, closed, o, per_day, day0, hz, k, f);
        for (d = hz - 7; d < hz; d++) {
            double A = cc_fc_day_total(y, o + d, per_day), F = cc_fc_day_total(f, d, per_day);
            if (!use[o + d] || F <= 0)
                continue;
            s_rel2 += (A - F) / F * ((A - F) / F);
            s_inv += 1.0 / F;
            nd++;
        }
    }
    c2 = nd ? s_rel2 / nd - s_inv / nd : 0;
    *cv = c2 > 0 ? sqrt(c2) : 0;
    c2 = *cv * *cv;
    for (j = 1; j <= n_o; j++) {
        int o = n_train - 7 * (w - 1) - 7 * j;
        const double *f = fc + (size_t)(j - 1) * hz * per_day;
        for (d = hz - 7; d < hz; d++) {
            if (!use[o + d])
                continue;
            for (i = 0; i < per_day; i++) {
                double a = y[(size_t)(o + d) * per_day + i], fv = f[(size_t)d * per_day + i];
                if (fv >= 0.5)
                    zs[nz++] = (a - fv) / sqrt(fv + c2 * fv * fv);
            }
        }
    }
    if (nz >= 20) {
        *z10 = cc_fc_quantile(zs, nz, 0.10);
        *z90 = cc_fc_quantile(zs, nz, 0.90);
    } else {
        n_o = 0;
    }
    free(fc);
    free(zs);
    return n_o;
}

/* Backtest errors of one method: sums for WAPE, and the cells for bands. */
typedef struct bt_sums {
    double abs_i, abs_d, act;     /* sum |a - f| per interval, per day; sum of actuals */
} bt_sums;

static cc_status forecast_series(const cc_fc_history *h, const cc_fc_series *ser,
                                 const cc_fc_options *opt, cc_fc_channel *ch)
{
    int per_day = h->per_day, n_train = (int)(opt->from_day - h->day0), k = opt->k ? opt->k : 4;
    int n_avail = n_train < h->n_days ? n_train : h->n_days, n_orig = 0, j, m, d, i;
    int B = opt->backtest_origins > 0 ? opt->backtest_origins : 4;
    double *y = cc_xcalloc((size_t)n_train * per_day, sizeof(double));
    unsigned char *obs = cc_xcalloc((size_t)n_train, 1), *use = cc_xcalloc((size_t)n_train, 1);
    double *fc = cc_xmalloc((size_t)BT_HORIZON * per_day * sizeof(double));
    double *zs = NULL, *rel2 = NULL, *inv = NULL;
    size_t nz = 0, nd = 0;
    bt_sums sums[CC_FC_N_METHODS];
    int first_origin = n_train;

    unsigned char *closed = cc_xcalloc((size_t)n_train + (size_t)opt->days + BT_HORIZON, 1);
    size_t sp;

    for (sp = 0; sp < opt->n_special; sp++) {
        long k2 = opt->special_days[sp] - h->day0;
        if (opt->special_closed && opt->special_closed[sp] && k2 >= 0 &&
            k2 < (long)n_train + opt->days)
            closed[k2] = 1;
    }
    memcpy(y, ser->y, (size_t)n_avail * per_day * sizeof(double));
    memcpy(obs, h->observed, (size_t)n_avail);
    /* a day of the history without any row counts as closed (special days do not) */
    for (d = 0; d < n_avail; d++)
        if (!obs[d])
            closed[d] = 1;
    ch->n_special_found = mark_usable(y, obs, n_train, per_day, h->day0, opt, use, ch);
    memset(sums, 0, sizeof(sums));
    for (m = 0; m < CC_FC_N_METHODS; m++)
        ch->wape_daily[m] = ch->wape_interval[m] = NAN;

    /* ---- backtest ---- */
    for (j = 1; j <= B; j++) {
        int o = n_train - 7 * j;
        if (o < BT_MIN_TRAIN)
            break;
        n_orig++;
        first_origin = o;
    }
    ch->n_origins = n_orig;
    for (j = 1; j <= n_orig; j++) {
        int o = n_train - 7 * j, hz = BT_HORIZON;
        for (m = 0; m < CC_FC_N_METHODS; m++) {
            /* profile-yearly is scored only when every origin has a year behind it */
            if (m == CC_FC_PROFILE_YEARLY && n_train - 7 * n_orig < CC_FC_YEARLY_MIN_DAYS)
                continue;
            cc_fc_method_forecast((cc_fc_method)m, y, use, closed, o, per_day, h->day0, hz, k, fc);
            for (d = 0; d < hz; d++) {
                double A = 0, F = 0;
                if (!use[o + d])
                    continue;
                for (i = 0; i < per_day; i++) {
                    double a = y[(size_t)(o + d) * per_day + i], f = fc[(size_t)d * per_day + i];
                    sums[m].abs_i += fabs(a - f);
                    A += a;
                    F += f;
                }
                sums[m].abs_d += fabs(A - F);
                sums[m].act += A;
            }
        }
    }
    for (m = 0; m < CC_FC_N_METHODS && n_orig; m++)
        if (sums[m].act > 0) {
            ch->wape_interval[m] = sums[m].abs_i / sums[m].act;
            ch->wape_daily[m] = sums[m].abs_d / sums[m].act;
        }
    ch->chosen = CC_FC_MEANK;
    if (opt->method >= 0) {
        ch->chosen = opt->method;
    } else if (n_orig) {
        double best = INFINITY;
        for (m = 0; m < CC_FC_N_METHODS; m++)
            if (m != CC_FC_COMBINED && !isnan(ch->wape_interval[m]) &&
                ch->wape_interval[m] < best - 1e-12) {
                best = ch->wape_interval[m];
                ch->chosen = m;
            }
    }

    /* ---- the chosen method's backtest errors: bands and the report's chart ---- */
    ch->bt_day0 = h->day0 + first_origin;
    ch->bt_days = n_train - first_origin;
    ch->bt_actual = cc_xmalloc((size_t)(ch->bt_days ? ch->bt_days : 1) * sizeof(double));
    ch->bt_forecast = cc_xmalloc((size_t)(ch->bt_days ? ch->bt_days : 1) * sizeof(double));
    zs = cc_xmalloc((size_t)(ch->bt_days ? ch->bt_days : 1) * per_day * sizeof(double));
    rel2 = cc_xmalloc((size_t)(ch->bt_days ? ch->bt_days : 1) * sizeof(double));
    inv = cc_xmalloc((size_t)(ch->bt_days ? ch->bt_days : 1) * sizeof(double));
    {
        double s_rel2 = 0, s_inv = 0, c2;
        for (j = n_orig; j >= 1; j--) {
            int o = n_train - 7 * j;
            cc_fc_method_forecast((cc_fc_method)ch->chosen, y, use, closed, o, per_day, h->day0, BT_HORIZON,
                                  k, fc);
            for (d = 0; d < BT_HORIZON; d++) {
                int bi = o + d - first_origin;
                double A = cc_fc_day_total(y, o + d, per_day);
                double F = cc_fc_day_total(fc, d, per_day);
                ch->bt_actual[bi] = obs[o + d] ? A : NAN;
                ch->bt_forecast[bi] = F;
                if (use[o + d] && F > 0) {
                    rel2[nd] = (A - F) / F * ((A - F) / F);
                    inv[nd] = 1.0 / F;
                    s_rel2 += rel2[nd];
                    s_inv += inv[nd];
                    nd++;
                }
            }
        }
        c2 = nd ? s_rel2 / nd - s_inv / nd : 0;
        ch->cv_daily = c2 > 0 ? sqrt(c2) : 0;
        c2 = ch->cv_daily * ch->cv_daily;
        for (j = n_orig; j >= 1; j--) {
            int o = n_train - 7 * j;
            cc_fc_method_forecast((cc_fc_method)ch->chosen, y, use, closed, o, per_day, h->day0, BT_HORIZON,
                                  k, fc);
            for (d = 0; d < BT_HORIZON; d++) {
                if (!use[o + d])
                    continue;
                for (i = 0; i < per_day; i++) {
                    double a = y[(size_t)(o + d) * per_day + i], f = fc[(size_t)d * per_day + i];
                    if (f >= 0.5)
                        zs[nz++] = (a - f) / sqrt(f + c2 * f * f);
                }
            }
        }
        if (nz >= 20) {
            ch->z10 = cc_fc_quantile(zs, nz, 0.10);
            ch->z90 = cc_fc_quantile(zs, nz, 0.90);
        } else {
            /* Too few backtest cells: normal quantiles. */
            ch->z10 = -1.2816;
            ch->z90 = 1.2816;
        }
    }

    /* ---- bands further ahead: never narrower than the week before ---- */
    ch->n_lead_weeks = (opt->days + 6) / 7 < CC_FC_MAX_LEAD_WEEKS ? (opt->days + 6) / 7
                                                                : CC_FC_MAX_LEAD_WEEKS;
    ch->cv_lead[0] = ch->cv_daily;
    ch->z10_lead[0] = ch->z10;
    ch->z90_lead[0] = ch->z90;
    ch->lead_origins[0] = n_orig;
    {
        /* the bands rest on more weeks of errors than the choice: BAND_ORIGINS */
        double cv, z10, z90;
        int no = lead_band(ch->chosen, y, use, closed, n_train, per_day, h->day0, k, BAND_ORIGINS,
                           1, &cv, &z10, &z90);
        if (no > n_orig) {
            ch->cv_daily = ch->cv_lead[0] = cv;
            ch->z10 = ch->z10_lead[0] = z10;
            ch->z90 = ch->z90_lead[0] = z90;
            ch->lead_origins[0] = no;
        }
    }
    {
        /* widths are compared at the mean interval volume of the last week */
        double f_ref = 0;
        for (d = n_train - 7; d < n_train; d++)
            if (d >= 0)
                f_ref += cc_fc_day_total(y, d, per_day) / (7.0 * per_day);
        if (f_ref < 1)
            f_ref = 1;
        for (j = 1; j < ch->n_lead_weeks; j++) {
            double cv, z10, z90, c2p = ch->cv_lead[j - 1] * ch->cv_lead[j - 1];
            ch->lead_origins[j] = lead_band(ch->chosen, y, use, closed, n_train, per_day,
                                            h->day0, k, BAND_ORIGINS, j + 1, &cv, &z10, &z90);
            /* this week's own band (its quantiles are of errors scaled by its cv) when it is
               the wider, else the week before's */
            if (ch->lead_origins[j] > 0 &&
                (z90 - z10) * sqrt(f_ref + cv * cv * f_ref * f_ref) >
                    (ch->z90_lead[j - 1] - ch->z10_lead[j - 1]) * sqrt(f_ref + c2p * f_ref * f_ref)) {
                ch->cv_lead[j] = cv;
                ch->z10_lead[j] = z10;
                ch->z90_lead[j] = z90;
            } else {
                ch->cv_lead[j] = ch->cv_lead[j - 1];
                ch->z10_lead[j] = ch->z10_lead[j - 1];
                ch->z90_lead[j] = ch->z90_lead[j - 1];
            }
        }
    }

    /* ---- the forecast ---- */
    {
        size_t cells = (size_t)opt->days * per_day, c;
        ch->mean = cc_xmalloc(cells * sizeof(double));
        ch->p10 = cc_xmalloc(cells * sizeof(double));
        ch->p90 = cc_xmalloc(cells * sizeof(double));
        cc_fc_method_forecast((cc_fc_method)ch->chosen, y, use, closed, n_train, per_day, h->day0, opt->days,
                              k, ch->mean);
        /* open special days of the calendar ahead: the history's ratio of such days */
        for (sp = 0; sp < opt->n_special; sp++) {
            long k2 = opt->special_days[sp] - opt->from_day;
            if (k2 >= 0 && k2 < opt->days && !(opt->special_closed && opt->special_closed[sp]))
                for (i = 0; i < per_day; i++)
                    ch->mean[(size_t)k2 * per_day + i] *= ch->special_ratio;
        }
        for (c = 0; c < cells; c++) {
            int w = (int)(c / per_day) / 7 < ch->n_lead_weeks ? (int)(c / per_day) / 7
                                                               : ch->n_lead_weeks - 1;
            double c2 = ch->cv_lead[w] * ch->cv_lead[w];
            double f = ch->mean[c], sd = sqrt(f + c2 * f * f);
            ch->p10[c] = f + ch->z10_lead[w] * sd > 0 ? f + ch->z10_lead[w] * sd : 0;
            ch->p90[c] = f + ch->z90_lead[w] * sd > f ? f + ch->z90_lead[w] * sd : f;
        }
    }

    /* ---- recent weekday means and intraday shares ---- */
    ch->weekday_share = cc_xcalloc((size_t)7 * per_day, sizeof(double));
    {
        int cnt[7] = {0};
        double tot[7] = {0};
        for (d = n_train - 1; d >= 0 && d >= n_train - 7 * RECENT_WEEKS; d--) {
            int wd = cc_fc_weekday(h->day0 + d);
            if (!use[d])
                continue;
            cnt[wd]++;
            for (i = 0; i < per_day; i++) {
                double v = y[(size_t)d * per_day + i];
                tot[wd] += v;
                ch->weekday_share[wd * per_day + i] += v;
            }
        }
        for (d = 0; d < 7; d++) {
            ch->weekday_mean[d] = cnt[d] ? tot[d] / cnt[d] : 0;
            for (i = 0; i < per_day && tot[d] > 0; i++)
                ch->weekday_share[d * per_day + i] /= tot[d];
        }
    }
    free(y);
    free(obs);
    free(use);
    free(closed);
    free(fc);
    free(zs);
    free(rel2);
    free(inv);
    return CC_OK;
}

cc_status cc_fc_forecast(const cc_fc_history *h, const cc_fc_options *opt, cc_fc_result **out,
                         cc_error *err)
{
    cc_fc_result *r;
    size_t s;
    long n_train = opt->from_day - h->day0;
    *out = NULL;
    if (opt->days < 1 || opt->days > 366)
        return cc_error_setf(err, CC_EINVAL, "--days: %d is out of range (allowed: 1 to 366)",
                             opt->days);
    if (n_train < 7)
        return cc_error_setf(err, CC_EINVAL,
                             "--from: the history holds %ld days before it; at least 7 are "
                             "needed", n_train > 0 ? n_train : 0);
    if (n_train > (long)h->n_days + 366)
        return cc_error_setf(err, CC_EINVAL, "--from: more than a year after the history ends");
    if (opt->method >= CC_FC_N_METHODS)
        return cc_error_setf(err, CC_EINVAL, "--method: unknown method");
    r = cc_xcalloc(1, sizeof(*r));
    r->from_day = opt->from_day;
    r->days = opt->days;
    r->interval_min = h->interval_min;
    r->per_day = h->per_day;
    r->history = h;
    r->n_channels = h->n_series;
    r->channels = cc_xcalloc(h->n_series, sizeof(cc_fc_channel));
    for (s = 0; s < h->n_series; s++) {
        snprintf(r->channels[s].name, sizeof(r->channels[s].name), "%s", h->series[s].name);
        forecast_series(h, &h->series[s], opt, &r->channels[s]);
    }
    *out = r;
    return CC_OK;
}
