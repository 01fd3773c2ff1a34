/*
 * The forecasting methods on a grid of days x intervals: seasonal naive (the
 * same interval one week before), the mean of the last k same weekdays, and
 * the profile model: daily volume = level x weekday x day-of-month factor,
 * the level following a weighted, damped linear trend of the adjusted daily
 * totals and a fading day-level AR(1) correction, spread by each weekday's
 * intraday profile; plus the dispatch to
 * Holt-Winters (fc_holt_winters.c) and the combination. Missing days
 * (observed[d] = 0: no data, holidays, detected special days) are skipped:
 * every method looks further back for the same weekday.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/fc_internal.h"
#include "util/alloc.h"

/* Weeks of history behind the profile model's intraday shapes, and the
 * half-life of their weights in weeks: a longer window with decaying weights
 * follows a drifting shape as well as eight equal weeks with less noise
 * (chosen on July-October 1999 and August 2003 backtests, bench_forecast
 * BENCH_DEV=1). */
#define PROFILE_WEEKS 16
#define PROFILE_HALF_LIFE_W 4.0
/* Days of the month either side pooled by the day-of-month factors. */
#define DOM_SMOOTH_DAYS 2
/* Weeks behind its trend, and the half-life of their weights, days. */
#define TREND_WEEKS 10
#define TREND_HALF_LIFE_D 14.0
/* Per-day damping of the trend beyond the last observed day. */
#define TREND_DAMP 0.97
/* Weekdays below this share of an average day (Fridays, weekends of some
 * centres) are too noisy to estimate the day-of-month factors from. */
#define DOM_MIN_WEEKDAY 0.7

static const char *const method_names[CC_FC_N_METHODS] = {
    "seasonal-naive", "mean-last-k", "profile-trend", "holt-winters", "profile-yearly",
    "combined"};

const char *cc_fc_method_name(cc_fc_method m)
{
    return (unsigned)m < CC_FC_N_METHODS ? method_names[m] : "?";
}

double cc_fc_day_total(const double *y, int d, int per_day)
{
    double s = 0;
    int i;
    for (i = 0; i < per_day; i++)
        s += y[(size_t)d * per_day + i];
    return s;
}

/* Up to `k` observed days before n_train with the weekday of day t, newest first. */
static int same_weekdays(const unsigned char *obs, int n_train, int t, int k, int *days)
{
    int d = t - 7, n = 0;
    while (d >= n_train)
        d -= 7;
    for (; d >= 0 && n < k; d -= 7)
        if (obs[d])
            days[n++] = d;
    return n;
}

static void mean_of_days(const double *y, const int *days, int n, int per_day, double *out)
{
    int i, j;
    for (i = 0; i < per_day; i++) {
        double s = 0;
        for (j = 0; j < n; j++)
            s += y[(size_t)days[j] * per_day + i];
        out[i] = n ? s / n : 0;
    }
}

/*
 * Day-of-month factors with empirical-Bayes shrinkage: the mean ratio m_k
 * of day k, pooled with the days DOM_SMOOTH_DAYS either side by triangular
 * weights (billing and pay-day effects spread over neighbouring days, and a
 * single day of the month has only one observation a month), is pulled
 * towards 1 by tau^2 / (tau^2 + s^2 / n_eff), where s^2 is the day-to-day
 * variance within a day of the month, n_eff the effective number of days
 * pooled and tau^2 the variance of the true factors (the spread of the raw
 * m_k less their sampling variance). Without a within-month pattern every
 * factor stays near 1; a strong one is kept nearly whole.
 */
static void dom_factors(const double *tot, const unsigned char *obs, int n, int wd0, long day0,
                        const double W[7], const double *L, double M[32])
{
    double sm[32] = {0}, nm[32] = {0}, ss[32] = {0}, within = 0, spread = 0, samp = 0, tau2;
    double mean_all = 0, c_all = 0, norm = 0, n_all = 0;
    int d, k, groups = 0;
    for (d = 0; d < n; d++) {
        int yy, mm, dd, wd = (wd0 + d) % 7;
        double r;
        if (!obs[d] || L[d] <= 0 || W[wd] <= DOM_MIN_WEEKDAY)
            continue;
        cc_fc_civil_from_days(day0 + d, &yy, &mm, &dd);
        r = tot[d] / (L[d] * W[wd]);
        sm[dd] += r;
        ss[dd] += r * r;
        nm[dd] += 1;
    }
    for (k = 1; k <= 31; k++)
        M[k] = 1;
    for (k = 1; k <= 31; k++) {
        if (nm[k] < 2)
            continue;
        within += ss[k] - sm[k] * sm[k] / nm[k];
        c_all += nm[k] - 1;
        mean_all += sm[k] / nm[k];
        groups++;
    }
    if (groups < 2 || c_all <= 0)
        return;
    within /= c_all;
    mean_all /= groups;
    for (k = 1; k <= 31; k++)
        if (nm[k] >= 2) {
            double mk = sm[k] / nm[k];
            spread += (mk - mean_all) * (mk - mean_all) / (groups - 1);
            samp += within / nm[k] / groups;
        }
    tau2 = spread - samp > 0 ? spread - samp : 0;
    for (k = 1; k <= 31; k++) {
        double mk, wgt, s_r = 0, s_w = 0, s_w2 = 0, n_eff;
        int j;
        if (nm[k] < 1)
            continue;
        for (j = k - DOM_SMOOTH_DAYS; j <= k + DOM_SMOOTH_DAYS; j++)
            if (j >= 1 && j <= 31) {
                double wj = DOM_SMOOTH_DAYS + 1 - abs(j - k);
                s_r += wj * sm[j];
                s_w += wj * nm[j];
                s_w2 += wj * wj * nm[j];
            }
        mk = s_r / s_w / mean_all;
        n_eff = s_w * s_w / s_w2;
        wgt = tau2 > 0 ? tau2 / (tau2 + within / n_eff) : 0;
        M[k] = 1 + (mk - 1) * wgt;
        norm += M[k] * nm[k];
        n_all += nm[k];
    }
    for (k = 1; k <= 31 && norm > 0; k++)
        M[k] /= norm / n_all;
}

/*
 * Daily volume as level x weekday x day-of-month: D_d = L_d W_wd M_dom,
 * fitted by backfitting on the usable training days. L is a centred
 * triangular moving average (LEVEL_HALF_WIDTH days either side) of
 * D / (W M); W is the mean of D / (L M) per weekday over the last
 * WEEKDAY_WEEKS weeks, normalised to mean 1 over open weekdays; M (the
 * within-month pattern of billing and pay days) is the mean of D / (L W)
 * per day of the month, shrunk towards 1 (dom_factors), and used
 * only with at least DOM_MIN_DAYS days of history. Returns W and M.
 */
#define LEVEL_HALF_WIDTH 14
#define WEEKDAY_WEEKS 12
#define DOM_MIN_DAYS 91

static void daily_factors(const double *tot, const unsigned char *obs, int n, int wd0, long day0,
                          double W[7], double M[32], double *L)
{
    int it, d, e, w;
    int use_dom = n >= DOM_MIN_DAYS;
    for (w = 0; w < 7; w++)
        W[w] = 1;
    for (d = 0; d < 32; d++)
        M[d] = 1;
    for (it = 0; it < 4; it++) {
        double sw[7] = {0}, nw[7] = {0}, mean_w = 0;
        int open = 0;
        /* level */
        for (d = 0; d < n; d++) {
            double s = 0, wt = 0;
            for (e = d - LEVEL_HALF_WIDTH; e <= d + LEVEL_HALF_WIDTH; e++) {
                int yy, mm, dd, we;
                double k;
                if (e < 0 || e >= n || !obs[e])
                    continue;
                we = (wd0 + e) % 7;
                if (W[we] <= 0.05)
                    continue;
                cc_fc_civil_from_days(day0 + e, &yy, &mm, &dd);
                k = LEVEL_HALF_WIDTH + 1 - abs(e - d);
                s += k * tot[e] / (W[we] * M[dd]);
                wt += k;
            }
            L[d] = wt > 0 ? s / wt : 0;
        }
        /* weekday */
        for (d = n - 1; d >= 0 && d >= n - 7 * WEEKDAY_WEEKS; d--) {
            int yy, mm, dd;
            if (!obs[d] || L[d] <= 0)
                continue;
            cc_fc_civil_from_days(day0 + d, &yy, &mm, &dd);
            sw[(wd0 + d) % 7] += tot[d] / (L[d] * M[dd]);
            nw[(wd0 + d) % 7] += 1;
        }
        for (w = 0; w < 7; w++) {
            W[w] = nw[w] > 0 ? sw[w] / nw[w] : 0;
            if (W[w] > 0.05) {
                mean_w += W[w];
                open++;
            }
        }
        for (w = 0; w < 7 && open; w++)
            W[w] /= mean_w / open;
        /* day of month */
        if (!use_dom)
            continue;
        dom_factors(tot, obs, n, wd0, day0, W, L, M);
    }
}

/* Day d was closed: the calendar says so, or (without one) it has no data. */
static int was_closed(const unsigned char *obs, const unsigned char *closed, int d)
{
    return closed ? closed[d] != 0 : !obs[d];
}

/*
 * Contacts held over from a closed day come the next open day: the mean
 * ratio of actual to model volume on days after a closure (a normally open
 * weekday without data) in the history, shrunk towards 1 by one pseudo-day.
 */
static double after_closure_factor(const double *tot, const unsigned char *obs,
                                   const unsigned char *closed, int n, int wd0, long day0,
                                   const double W[7], const double M[32], const double *L)
{
    double s = 1, c = 1;
    int d;
    for (d = 1; d < n; d++) {
        int yy, mm, dd, wd = (wd0 + d) % 7;
        if (!obs[d] || !was_closed(obs, closed, d - 1) || W[(wd0 + d - 1) % 7] <= 0.2 ||
            W[wd] <= 0.2 || L[d] <= 0)
            continue;
        cc_fc_civil_from_days(day0 + d, &yy, &mm, &dd);
        s += tot[d] / (L[d] * W[wd] * M[dd]);
        c += 1;
    }
    return s / c;
}

/*
 * Weekdays with alike intraday shapes (L1 distance below SHAPE_ALIKE) share
 * their data: each shape is blended with the volume-weighted mean shape of
 * its alike weekdays, which halves the sampling noise of a shape estimated
 * from a few weeks without flattening days that differ (Fridays, weekends).
 */
#define SHAPE_ALIKE 0.25
#define SHAPE_POOL_WEIGHT 0.5

static void pool_shapes(double *shape, const double *weight, int per_day)
{
    double *pooled = cc_xcalloc((size_t)7 * per_day, sizeof(double));
    int w, v, i;
    for (w = 0; w < 7; w++) {
        double sw = 0;
        if (weight[w] <= 0)
            continue;
        for (v = 0; v < 7; v++) {
            double dist = 0;
            if (weight[v] <= 0)
                continue;
            for (i = 0; i < per_day; i++)
                dist += fabs(shape[w * per_day + i] - shape[v * per_day + i]);
            if (dist >= SHAPE_ALIKE)
                continue;
            sw += weight[v];
            for (i = 0; i < per_day; i++)
                pooled[w * per_day + i] += weight[v] * shape[v * per_day + i];
        }
        for (i = 0; i < per_day; i++)
            pooled[w * per_day + i] /= sw;
    }
    for (w = 0; w < 7; w++)
        if (weight[w] > 0)
            for (i = 0; i < per_day; i++)
                shape[w * per_day + i] = (1 - SHAPE_POOL_WEIGHT) * shape[w * per_day + i] +
                                         SHAPE_POOL_WEIGHT * pooled[w * per_day + i];
    free(pooled);
}

/*
 * Day-level AR(1) of the profile model's relative residuals, r_d = D_d /
 * ((a + b d) W M) - 1, over the trend's window: volume above the model one
 * day tends to stay above it the next (Taylor's adjustment of the one-step
 * error, J. Oper. Res. Soc. 54:799-805, on days instead of intervals). phi
 * is the least-squares slope of r_d on r_{d-1} over pairs of consecutive
 * open days (at least AR_MIN_PAIRS of them), kept in [0, AR_MAX_PHI]; the
 * forecast k days after the last open day is scaled by 1 + phi^k r_last.
 */
#define AR_MIN_PAIRS 20
#define AR_MAX_PHI 0.9

typedef struct day_ar {
    double phi;                  /* lag-one coefficient per day */
    double last_resid;           /* r of the last open day */
    int last_day;                /* that day, or -1: no adjustment */
} day_ar;

static day_ar level_ar(const double *tot, const unsigned char *obs, int n, int wd0, long day0,
                       const double W[7], const double M[32], double a, double b)
{
    day_ar ar = {0, 0, -1};
    double sxy = 0, sxx = 0, prev = 0;
    int d, prev_day = -2, pairs = 0;
    for (d = n - 7 * TREND_WEEKS > 0 ? n - 7 * TREND_WEEKS : 0; d < n; d++) {
        int wd = (wd0 + d) % 7, yy, mm, dd;
        double fit, r;
        if (!obs[d] || W[wd] <= 0.2)
            continue;
        cc_fc_civil_from_days(day0 + d, &yy, &mm, &dd);
        fit = (a + b * d) * W[wd] * M[dd];
        if (fit <= 0)
            continue;
        r = tot[d] / fit - 1;
        if (prev_day == d - 1) {
            sxy += r * prev;
            sxx += prev * prev;
            pairs++;
        }
        prev = r;
        prev_day = d;
        ar.last_resid = r;
        ar.last_day = d;
    }
    if (pairs < AR_MIN_PAIRS || sxx <= 0) {
        ar.last_day = -1;
        return ar;
    }
    ar.phi = sxy / sxx < 0 ? 0 : sxy / sxx > AR_MAX_PHI ? AR_MAX_PHI : sxy / sxx;
    return ar;
}

static void profile_trend(const double *y, const unsigned char *obs, const unsigned char *closed,
                          int n_train, int per_day, int wd0, long day0, int h, int yearly,
                          double *out)
{
    double shape_sum[7] = {0}, W[7], M[32], after;
    double *L = cc_xmalloc((size_t)(n_train > 0 ? n_train : 1) * sizeof(double));
    double *shape = cc_xcalloc((size_t)7 * per_day, sizeof(double));
    double *tot = cc_xmalloc((size_t)(n_train > 0 ? n_train : 1) * sizeof(double));
    double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0, a, b, x_end;
    int days[PROFILE_WEEKS], w, j, i, d, last_obs = -1;
    day_ar ar;

    for (d = 0; d < n_train; d++)
        tot[d] = obs[d] ? cc_fc_day_total(y, d, per_day) : 0;
    daily_factors(tot, obs, n_train, wd0, day0, W, M, L);
    after = after_closure_factor(tot, obs, closed, n_train, wd0, day0, W, M, L);
    for (w = 0; w < 7; w++) {
        /* the weekday of day t is (wd0 + t) % 7: pick t just past the training end */
        int t = n_train + ((w - (wd0 + n_train) % 7) + 14) % 7;
        int n = same_weekdays(obs, n_train, t, PROFILE_WEEKS, days);
        for (j = 0; j < n; j++) {
            double wt = pow(0.5, j / PROFILE_HALF_LIFE_W);
            shape_sum[w] += wt * tot[days[j]];
            for (i = 0; i < per_day; i++)
                shape[w * per_day + i] += wt * y[(size_t)days[j] * per_day + i];
        }
        if (shape_sum[w] > 0)
            for (i = 0; i < per_day; i++)
                shape[w * per_day + i] /= shape_sum[w];
    }
    pool_shapes(shape, shape_sum, per_day);

    /* Weighted least squares of the adjusted totals on the day number: level and trend. */
    for (d = n_train - 1; d >= 0 && d >= n_train - 7 * TREND_WEEKS; d--) {
        int wd = (wd0 + d) % 7, yy, mm, dd;
        double z, wt;
        if (!obs[d] || W[wd] <= 0.2)
            continue;
        if (last_obs < 0)
            last_obs = d;
        cc_fc_civil_from_days(day0 + d, &yy, &mm, &dd);
        z = tot[d] / (W[wd] * M[dd]);
        wt = pow(0.5, (n_train - 1 - d) / TREND_HALF_LIFE_D);
        sw += wt;
        swx += wt * d;
        swy += wt * z;
        swxx += wt * d * d;
        swxy += wt * d * z;
    }
    if (sw > 0 && swxx * sw - swx * swx > 1e-9 * sw * sw) {
        b = (sw * swxy - swx * swy) / (sw * swxx - swx * swx);
        a = (swy - b * swx) / sw;
    } else {
        b = 0;
        a = sw > 0 ? swy / sw : 0;
    }
    x_end = last_obs >= 0 ? last_obs : n_train - 1;
    ar = level_ar(tot, obs, n_train, wd0, day0, W, M, a, b);
    /* yearly: the level now, moved as last year's smoothed level moved (below) */
    yearly = yearly && n_train >= CC_FC_YEARLY_MIN_DAYS && L[(int)x_end - 364] > 0;
    for (j = 0; j < h; j++) {
        int t = n_train + j, wd = (wd0 + t) % 7, k, yy, mm, dd;
        double damp = 0, lvl, p = 1;
        for (k = 1; k <= t - (int)x_end; k++) {
            p *= TREND_DAMP;
            damp += p;
        }
        lvl = a + b * x_end + b * damp;
        if (yearly) {
            /* L of a year before the target over L of a year before the last day, where L
               is centred (a year back lies at least LEVEL_HALF_WIDTH days inside the history);
               further ahead the last such ratio holds */
            int e = t - 364 < n_train - LEVEL_HALF_WIDTH ? t - 364 : n_train - LEVEL_HALF_WIDTH - 1;
            lvl = (a + b * x_end) * (L[e] > 0 ? L[e] / L[(int)x_end - 364] : 1);
        }
        if (lvl < 0)
            lvl = 0;
        cc_fc_civil_from_days(day0 + t, &yy, &mm, &dd);
        if (W[(wd0 + t - 1) % 7] > 0.2 && t >= 1 &&
            (t - 1 < n_train ? was_closed(obs, closed, t - 1) : closed != NULL && closed[t - 1]))
            lvl *= after;
        /* the last day's departure from the model, fading as phi^days */
        if (ar.last_day >= 0)
            lvl *= 1 + pow(ar.phi, t - ar.last_day) * ar.last_resid;
        for (i = 0; i < per_day; i++)
            out[(size_t)j * per_day + i] = lvl * W[wd] * M[dd] * shape[wd * per_day + i];
    }
    free(shape);
    free(tot);
    free(L);
}

void cc_fc_method_forecast(cc_fc_method m, const double *y, const unsigned char *observed,
                           const unsigned char *closed, int n_train, int per_day, long day0,
                           int h, int k, double *out)
{
    int j, n, *days, wd0 = cc_fc_weekday(day0);
    if (k <= 0)
        k = 4;
    days = cc_xmalloc((size_t)(k > PROFILE_WEEKS ? k : PROFILE_WEEKS) * sizeof(int));
    switch (m) {
    case CC_FC_SNAIVE:
    case CC_FC_MEANK:
        for (j = 0; j < h; j++) {
            n = same_weekdays(observed, n_train, n_train + j, m == CC_FC_SNAIVE ? 1 : k, days);
            mean_of_days(y, days, n, per_day, out + (size_t)j * per_day);
        }
        break;
    case CC_FC_PROFILE:
        profile_trend(y, observed, closed, n_train, per_day, wd0, day0, h, 0, out);
        break;
    case CC_FC_PROFILE_YEARLY:
        /* shorter than a year and four weeks: the trend instead */
        profile_trend(y, observed, closed, n_train, per_day, wd0, day0, h, 1, out);
        break;
    case CC_FC_HOLT_WINTERS:
        /* too short a history for two seasonal cycles: same-weekday means */
        if (cc_fc_holt_winters(y, observed, n_train, per_day, h, out))
            for (j = 0; j < h; j++) {
                n = same_weekdays(observed, n_train, n_train + j, k, days);
                mean_of_days(y, days, n, per_day, out + (size_t)j * per_day);
            }
        break;
    case CC_FC_COMBINED: {
        size_t i, cells = (size_t)h * per_day;
        double *tmp = cc_xmalloc(cells * sizeof(double));
        profile_trend(y, observed, closed, n_train, per_day, wd0, day0, h, 0, out);
        if (cc_fc_holt_winters(y, observed, n_train, per_day, h, tmp) == 0)
            for (i = 0; i < cells; i++)
                out[i] = 0.5 * (out[i] + tmp[i]);
        free(tmp);
        break;
    }
    default:
        memset(out, 0, (size_t)h * per_day * sizeof(double));
    }
    for (j = 0; j < h && closed; j++)
        if (closed[n_train + j])
            memset(out + (size_t)j * per_day, 0, (size_t)per_day * sizeof(double));
    free(days);
}
