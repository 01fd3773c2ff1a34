/*
 * Fitting the scenario's distributions from a per-contact log: handle time
 * and wrap-up by maximum likelihood (lognormal: the mean and sd of log x;
 * gamma: Newton's method on log k - psi(k) = log mean - mean log x, after
 * Minka 2002), each with its Kolmogorov-Smirnov distance; patience from
 * waits with censoring (Brown et al. 2005): an abandonment after a wait is an
 * observed patience, a served wait is a patience censored at that wait. The
 * Kaplan-Meier curve gives the median; the exponential MLE is total exposure
 * over abandonments; the censored lognormal MLE maximises
 * sum_events log f(t) + sum_censored log S(t) with GSL's simplex.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "forecast/fc_internal.h"
#include "util/alloc.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* KS distance of sorted x[n] from a CDF. */
static double ks_distance(const double *x, size_t n, int gamma, double p1, double p2)
{
    double d = 0;
    size_t i;
    double F = 0;
    for (i = 0; i < n; i++) {
        double a, b;
        /* exports round to whole seconds: one CDF per distinct value */
        if (i == 0 || x[i] != x[i - 1])
            F = gamma ? gsl_cdf_gamma_P(x[i], p1, p2) : gsl_cdf_lognormal_P(x[i], p1, p2);
        a = F - (double)i / n;
        b = (double)(i + 1) / n - F;
        if (a > d)
            d = a;
        if (b > d)
            d = b;
    }
    return d;
}

void cc_fc_fit_positive(const double *x_in, size_t n, cc_fc_dist_fit *out)
{
    double *x, s = 0, sl = 0, ss = 0, sll = 0, mean, mlog, k, sdiff;
    size_t i;
    int it;
    memset(out, 0, sizeof(*out));
    out->best = "lognormal";
    out->n = n;
    if (n < 2) {
        out->mean_s = n ? x_in[0] : NAN;
        out->sd_s = out->lognormal_mu = out->lognormal_sigma = NAN;
        out->gamma_shape = out->gamma_scale_s = out->lognormal_ks = out->gamma_ks = NAN;
        return;
    }
    x = cc_xmalloc(n * sizeof(double));
    memcpy(x, x_in, n * sizeof(double));
    qsort(x, n, sizeof(double), cmp_double);
    for (i = 0; i < n; i++) {
        double l = log(x[i]);
        s += x[i];
        ss += x[i] * x[i];
        sl += l;
        sll += l * l;
    }
    mean = s / n;
    mlog = sl / n;
    out->mean_s = mean;
    out->sd_s = sqrt(fmax(0, (ss - n * mean * mean) / (n - 1)));
    out->lognormal_mu = mlog;
    out->lognormal_sigma = sqrt(fmax(1e-12, sll / n - mlog * mlog));
    /* Gamma shape: Minka's start, then Newton on log k - psi(k) = s. */
    sdiff = log(mean) - mlog;
    if (sdiff <= 1e-9)
        sdiff = 1e-9;
    k = (3 - sdiff + sqrt((sdiff - 3) * (sdiff - 3) + 24 * sdiff)) / (12 * sdiff);
    for (it = 0; it < 50; it++) {
        double f = log(k) - gsl_sf_psi(k) - sdiff, fp = 1 / k - gsl_sf_psi_1(k), kn = k - f / fp;
        if (kn <= 0)
            kn = k / 2;
        if (fabs(kn - k) < 1e-10 * k) {
            k = kn;
            break;
        }
        k = kn;
    }
    out->gamma_shape = k;
    out->gamma_scale_s = mean / k;
    out->lognormal_ks = ks_distance(x, n, 0, out->lognormal_mu, out->lognormal_sigma);
    out->gamma_ks = ks_distance(x, n, 1, k, out->gamma_scale_s);
    {
        double ln2pi = log(2 * M_PI), sg = out->lognormal_sigma, llg = 0, lll = 0;
        double lg = gsl_sf_lngamma(k), th = out->gamma_scale_s;
        for (i = 0; i < n; i++) {
            double l = log(x[i]);
            lll += -l - log(sg) - 0.5 * ln2pi - (l - mlog) * (l - mlog) / (2 * sg * sg);
            llg += (k - 1) * l - x[i] / th - lg - k * log(th);
        }
        out->loglik_lognormal = lll;
        out->loglik_gamma = llg;
        out->best = llg > lll ? "gamma" : "lognormal";
    }
    free(x);
}

/* ---- patience ---- */

typedef struct obs_t {
    double t;
    unsigned char event;
} obs_t;

static int cmp_obs(const void *a, const void *b)
{
    const obs_t *x = a, *y = b;
    if (x->t != y->t)
        return (x->t > y->t) - (x->t < y->t);
    /* events before censorings at the same time: the censored were still at risk */
    return (int)y->event - (int)x->event;
}

/* Distinct times with their counts of events and censorings. */
typedef struct cens_data {
    double *t;                   /* [n] distinct times */
    double *ev;                  /* [n] events at t */
    double *cn;                  /* [n] censorings at t */
    size_t n;
} cens_data;

/* Negative censored lognormal log-likelihood at (mu, log sigma). */
static double cens_lognormal_nll(const gsl_vector *v, void *params)
{
    const cens_data *c = params;
    double mu = gsl_vector_get(v, 0), sg = exp(gsl_vector_get(v, 1)), ll = 0;
    size_t i;
    for (i = 0; i < c->n; i++) {
        double l = log(c->t[i]), z = (l - mu) / sg;
        if (c->ev[i] > 0)
            ll += c->ev[i] * (-l - log(sg) - 0.5 * log(2 * M_PI) - 0.5 * z * z);
        if (c->cn[i] > 0) {
            double S = gsl_cdf_ugaussian_Q(z);
            ll += c->cn[i] * log(S > 1e-300 ? S : 1e-300);
        }
    }
    return -ll;
}

void cc_fc_patience_release(cc_fc_patience_fit *p)
{
    if (!p)
        return;
    free(p->km_t);
    free(p->km_s);
    p->km_t = p->km_s = NULL;
    p->n_km = 0;
}

void cc_fc_fit_patience(const double *t, const unsigned char *event, size_t n,
                        cc_fc_patience_fit *out)
{
    obs_t *o = cc_xmalloc((n ? n : 1) * sizeof(obs_t));
    size_t i, m = 0, at_risk;
    double S = 1, exposure = 0;
    memset(out, 0, sizeof(*out));
    out->km_median_s = out->exp_mean_s = NAN;
    out->lognormal_mu = out->lognormal_sigma = out->lognormal_mean_s = NAN;
    for (i = 0; i < n; i++) {
        if (!(t[i] > 0) || !isfinite(t[i]))
            continue;
        o[m].t = t[i];
        o[m].event = event[i] ? 1 : 0;
        exposure += t[i];
        if (o[m].event)
            out->n_abandoned++;
        else
            out->n_censored++;
        m++;
    }
    if (m == 0) {
        free(o);
        return;
    }
    qsort(o, m, sizeof(obs_t), cmp_obs);
    out->km_t = cc_xmalloc(m * sizeof(double));
    out->km_s = cc_xmalloc(m * sizeof(double));
    at_risk = m;
    for (i = 0; i < m;) {
        size_t j = i, d = 0;
        while (j < m && o[j].t == o[i].t) {
            d += o[j].event;
            j++;
        }
        if (d) {
            S *= 1.0 - (double)d / (double)at_risk;
            out->km_t[out->n_km] = o[i].t;
            out->km_s[out->n_km] = S;
            out->n_km++;
            if (isnan(out->km_median_s) && S <= 0.5)
                out->km_median_s = o[i].t;
        }
        at_risk -= j - i;
        i = j;
    }
    if (out->n_abandoned)
        out->exp_mean_s = exposure / (double)out->n_abandoned;
    if (out->n_abandoned >= 2) {
        cens_data cd;
        gsl_multimin_function fn = {cens_lognormal_nll, 2, &cd};
        gsl_vector *x0 = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
        gsl_multimin_fminimizer *mn =
            gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
        int it;
        double ml = 0;
        cd.t = cc_xmalloc(m * sizeof(double));
        cd.ev = cc_xmalloc(m * sizeof(double));
        cd.cn = cc_xmalloc(m * sizeof(double));
        cd.n = 0;
        for (i = 0; i < m; i++) {
            if (cd.n == 0 || o[i].t != cd.t[cd.n - 1]) {
                cd.t[cd.n] = o[i].t;
                cd.ev[cd.n] = cd.cn[cd.n] = 0;
                cd.n++;
            }
            if (o[i].event)
                cd.ev[cd.n - 1] += 1;
            else
                cd.cn[cd.n - 1] += 1;
            ml += log(o[i].t);
        }
        gsl_vector_set(x0, 0, ml / m + 1.0);
        gsl_vector_set(x0, 1, 0.0);
        gsl_vector_set(step, 0, 0.5);
        gsl_vector_set(step, 1, 0.3);
        gsl_multimin_fminimizer_set(mn, &fn, x0, step);
        for (it = 0; it < 500; it++) {
            if (gsl_multimin_fminimizer_iterate(mn))
                break;
            if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(mn), 1e-6) == GSL_SUCCESS)
                break;
        }
        out->lognormal_mu = gsl_vector_get(mn->x, 0);
        out->lognormal_sigma = exp(gsl_vector_get(mn->x, 1));
        out->lognormal_mean_s =
            exp(out->lognormal_mu + 0.5 * out->lognormal_sigma * out->lognormal_sigma);
        gsl_multimin_fminimizer_free(mn);
        gsl_vector_free(x0);
        gsl_vector_free(step);
        free(cd.t);
        free(cd.ev);
        free(cd.cn);
    }
    free(o);
}

/* ---- the fit of a history ---- */

void cc_fc_fit_options_init(cc_fc_fit_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    cc_fc_options_init(&opt->forecast);
}

void cc_fc_fit_free(cc_fc_fit *f)
{
    size_t i;
    if (!f)
        return;
    for (i = 0; i < f->n_channels; i++) {
        free(f->channels[i].profile);
        cc_fc_patience_release(&f->channels[i].patience);
    }
    free(f->channels);
    free(f);
}

/* Weekdays with alike profiles share the first one's (L1 distance below 0.15). */
static void group_profiles(cc_fc_channel_fit *c, int per_day)
{
    int w, v, i;
    for (w = 0; w < 7; w++) {
        c->profile_group[w] = w;
        if (c->weekday_mult[w] <= 0)
            continue;
        for (v = 0; v < w; v++) {
            double d = 0;
            if (c->profile_group[v] != v || c->weekday_mult[v] <= 0)
                continue;
            for (i = 0; i < per_day; i++)
                d += fabs(c->profile[w * per_day + i] - c->profile[v * per_day + i]);
            if (d < 0.15) {
                c->profile_group[w] = v;
                break;
            }
        }
    }
}

static void fit_contacts(const cc_fc_history *h, size_t s, const cc_fc_fit_options *opt,
                         cc_fc_channel_fit *c)
{
    size_t i, nh = 0, nw = 0, np = 0, offered = 0, fast = 0, short_h = 0, all_h = 0;
    double *hv = cc_xmalloc((h->n_contacts ? h->n_contacts : 1) * sizeof(double));
    double *wv = cc_xmalloc((h->n_contacts ? h->n_contacts : 1) * sizeof(double));
    double *pt = cc_xmalloc((h->n_contacts ? h->n_contacts : 1) * sizeof(double));
    unsigned char *pe = cc_xmalloc(h->n_contacts ? h->n_contacts : 1);
    for (i = 0; i < h->n_contacts; i++) {
        const cc_fc_contact *ct = &h->contacts[i];
        if ((size_t)ct->series != s || ct->outcome == CC_FC_OTHER)
            continue;
        if (ct->outcome == CC_FC_SERVED && ct->handle_s > 0) {
            all_h++;
            if (ct->handle_s >= opt->min_handle_s)
                hv[nh++] = ct->handle_s;
            else
                short_h++;
        }
        if (ct->outcome == CC_FC_SERVED && ct->wrap_s > 0)
            wv[nw++] = ct->wrap_s;
        if (h->has_wait && ct->wait_s > 0) {
            pt[np] = ct->wait_s;
            pe[np] = ct->outcome == CC_FC_ABANDONED;
            np++;
        }
        /* offered to the queue: served, or abandoned after a wait (not in the menu) */
        if (h->has_wait && !isnan(ct->wait_s) &&
            (ct->outcome == CC_FC_SERVED || ct->wait_s > 0)) {
            offered++;
            fast += ct->outcome == CC_FC_SERVED && ct->wait_s <= 20;
        }
    }
    if (h->has_handle)
        cc_fc_fit_positive(hv, nh, &c->handle);
    c->handle.short_share = all_h ? (double)short_h / (double)all_h : 0;
    if (h->has_wrap)
        cc_fc_fit_positive(wv, nw, &c->wrap);
    if (h->has_wait && h->has_outcome)
        cc_fc_fit_patience(pt, pe, np, &c->patience);
    else {
        c->patience.km_median_s = c->patience.exp_mean_s = NAN;
        c->patience.lognormal_mu = c->patience.lognormal_sigma = NAN;
        c->patience.lognormal_mean_s = NAN;
    }
    c->served_within_20s = offered && h->has_outcome ? (double)fast / (double)offered : NAN;
    free(hv);
    free(wv);
    free(pt);
    free(pe);
}

/* One agent's services within one hour: the span from the first start to the last end. */
typedef struct agent_hour {
    long long key;               /* hour since the epoch x 2^20 + agent */
    int first_s;                 /* first second of service within the hour, 0..3600 */
    int last_s;                  /* last second of service within the hour */
} agent_hour;

static int cmp_agent_hour(const void *a, const void *b)
{
    const agent_hour *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/*
 * Agents on duty per weekday and hour, as the history shows them: within
 * each hour, an agent is present from the start of their first service to
 * the end of their last (services start at arrival + wait and last the
 * handle time), so an agent serving all hour counts 1 and one who took a
 * single call counts its length. Idle time before the first and after the
 * last call of the hour is not seen, so this undercounts slightly in quiet
 * hours. Averaged over the days the history holds of each weekday.
 */
static void fit_staffing(const cc_fc_history *h, cc_fc_fit *f)
{
    agent_hour *v = NULL;
    size_t n = 0, cap = 0, i, j;
    int days_of[7] = {0}, d, w, hr;
    double sum[7][24];
    memset(sum, 0, sizeof(sum));
    for (i = 0; i < h->n_contacts; i++) {
        const cc_fc_contact *ct = &h->contacts[i];
        long long start, end, hh;
        if (ct->agent < 0 || ct->outcome != CC_FC_SERVED || !(ct->handle_s > 0))
            continue;
        start = ct->arrival_s + (long long)(ct->wait_s > 0 ? ct->wait_s : 0);
        end = start + (long long)ct->handle_s;
        for (hh = start / 3600; hh <= end / 3600; hh++) {
            long long h0 = hh * 3600;
            if (n == cap) {
                cap = cap ? 2 * cap : 65536;
                v = cc_xrealloc(v, cap * sizeof(agent_hour));
            }
            v[n].key = hh * 1048576LL + ct->agent;
            v[n].first_s = (int)(start > h0 ? start - h0 : 0);
            v[n].last_s = (int)(end < h0 + 3600 ? end - h0 : 3600);
            n++;
        }
    }
    if (n == 0) {
        free(v);
        return;
    }
    qsort(v, n, sizeof(agent_hour), cmp_agent_hour);
    for (i = 0; i < n; i = j) {
        long long hh = v[i].key / 1048576LL;
        long day = (long)(hh / 24);
        int lo = v[i].first_s, hi = v[i].last_s;
        for (j = i + 1; j < n && v[j].key == v[i].key; j++) {
            if (v[j].first_s < lo)
                lo = v[j].first_s;
            if (v[j].last_s > hi)
                hi = v[j].last_s;
        }
        if (day < h->day0 || day >= h->day0 + h->n_days)
            continue;
        sum[cc_fc_weekday(day)][hh % 24] += (hi - lo) / 3600.0;
    }
    for (d = 0; d < h->n_days; d++)
        if (h->observed[d])
            days_of[cc_fc_weekday(h->day0 + d)]++;
    for (w = 0; w < 7; w++)
        for (hr = 0; hr < 24; hr++)
            f->staffing[w][hr] = days_of[w] ? sum[w][hr] / days_of[w] : 0;
    f->has_staffing = 1;
    free(v);
}

/* Service level and abandonment of the history, over contacts offered to the queue. */
static void fit_history_service(const cc_fc_history *h, cc_fc_fit *f)
{
    size_t i, offered = 0, fast = 0, aband = 0;
    int d, days = 0;
    for (d = 0; d < h->n_days; d++)
        days += h->observed[d];
    f->history_daily = days ? h->total / days : 0;
    f->history_sl = f->history_abandon = NAN;
    if (!h->has_wait || !h->has_outcome)
        return;
    for (i = 0; i < h->n_contacts; i++) {
        const cc_fc_contact *ct = &h->contacts[i];
        if (isnan(ct->wait_s))
            continue;
        if (ct->outcome == CC_FC_SERVED) {
            offered++;
            fast += ct->wait_s <= 20;
        } else if (ct->outcome == CC_FC_ABANDONED && ct->wait_s > 0) {
            offered++;
            aband++;
        }
    }
    if (offered) {
        f->history_sl = (double)fast / (double)offered;
        f->history_abandon = (double)aband / (double)offered;
    }
}

cc_status cc_fc_fit_history(const cc_fc_history *h, const cc_fc_fit_options *opt, cc_fc_fit **out,
                            cc_error *err)
{
    cc_fc_fit *f;
    cc_fc_options fo = opt->forecast;
    cc_fc_result *r = NULL;
    size_t s;
    cc_status st;
    int per_day = h->per_day;

    *out = NULL;
    fo.from_day = h->day0 + h->n_days;
    fo.days = 7;
    if ((st = cc_fc_forecast(h, &fo, &r, err)) != CC_OK)
        return st;
    f = cc_xcalloc(1, sizeof(*f));
    f->interval_min = h->interval_min;
    f->per_day = per_day;
    f->next_day = fo.from_day;
    f->n_channels = h->n_series;
    f->channels = cc_xcalloc(h->n_series, sizeof(cc_fc_channel_fit));
    for (s = 0; s < h->n_series; s++) {
        cc_fc_channel_fit *c = &f->channels[s];
        const cc_fc_channel *ch = &r->channels[s];
        double tot[7] = {0}, sum = 0, peak = 0;
        int i, w;
        snprintf(c->name, sizeof(c->name), "%s", ch->name);
        /* the recent weeks' mean per weekday (special days left out) set volume and multipliers */
        for (w = 0; w < 7; w++) {
            tot[w] = ch->weekday_mean[w];
            sum += tot[w];
            for (i = 0; i < per_day; i++)
                if (tot[w] * ch->weekday_share[w * per_day + i] > peak)
                    peak = tot[w] * ch->weekday_share[w * per_day + i];
        }
        c->daily_mean = sum / 7;
        for (w = 0; w < 7; w++)
            c->weekday_mult[w] = c->daily_mean > 0 ? tot[w] / c->daily_mean : 0;
        c->profile = cc_xmalloc((size_t)7 * per_day * sizeof(double));
        memcpy(c->profile, ch->weekday_share, (size_t)7 * per_day * sizeof(double));
        group_profiles(c, per_day);
        c->cv = ch->cv_daily;
        c->special_ratio = ch->special_ratio;
        if (h->n_days >= 365) {
            double msum[12] = {0}, all = 0;
            int mcnt[12] = {0}, dd, nd = 0;
            for (dd = 0; dd < h->n_days; dd++) {
                int yy, mm, dm;
                double t = 0;
                if (!h->observed[dd])
                    continue;
                cc_fc_civil_from_days(h->day0 + dd, &yy, &mm, &dm);
                for (i = 0; i < per_day; i++)
                    t += h->series[s].y[(size_t)dd * per_day + i];
                msum[mm - 1] += t;
                mcnt[mm - 1]++;
                all += t;
                nd++;
            }
            f->has_months = 1;
            for (i = 0; i < 12; i++)
                c->month_factor[i] = mcnt[i] && all > 0 ? msum[i] / mcnt[i] / (all / nd) : 0;
        }
        c->method = cc_fc_method_name((cc_fc_method)ch->chosen);
        c->wape_daily = ch->wape_daily[ch->chosen];
        c->peak_per_hour = peak * 60.0 / h->interval_min;
        if (h->per_contact)
            fit_contacts(h, s, opt, c);
        else {
            c->patience.km_median_s = c->patience.exp_mean_s = NAN;
            c->patience.lognormal_mu = c->patience.lognormal_sigma = NAN;
            c->patience.lognormal_mean_s = NAN;
            c->served_within_20s = NAN;
        }
    }
    cc_fc_result_free(r);
    for (s = 0; s < opt->forecast.n_special && f->n_seasons < 7; s++) {
        long k = opt->forecast.special_days[s] - f->next_day;
        if (k >= 0 && k < 7) {
            f->season_day[f->n_seasons] = opt->forecast.special_days[s];
            f->season_closed[f->n_seasons] =
                opt->forecast.special_closed ? opt->forecast.special_closed[s] : 1;
            f->n_seasons++;
        }
    }
    fit_history_service(h, f);
    if (h->has_agent)
        fit_staffing(h, f);
    *out = f;
    return CC_OK;
}
