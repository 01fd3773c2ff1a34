/*
 * Double-seasonal exponential smoothing for intraday arrivals, after
 * J. W. Taylor (2003), "Short-term electricity demand forecasting using
 * double seasonal exponential smoothing", J. Oper. Res. Soc. 54:799-805,
 * and its use for call-centre arrivals in Taylor (2008), Management Science
 * 54(2):253-265. Additive form without trend (zero-count night intervals rule
 * out the multiplicative one), a daily (per_day) and a weekly (7 x per_day)
 * seasonal, and Taylor's AR(1) adjustment of the one-step error:
 *
 *   base_t = l_{t-1} + d_{t-s1} + w_{t-s2},   yhat_t = base_t + phi (y_{t-1} - base_{t-1})
 *   l_t = alpha (y_t - d_{t-s1} - w_{t-s2}) + (1 - alpha) l_{t-1}
 *   d_t = delta (y_t - l_t - w_{t-s2}) + (1 - delta) d_{t-s1}
 *   w_t = omega (y_t - l_t - d_{t-s1}) + (1 - omega) w_{t-s2}
 *
 * alpha, delta, omega, phi in (0, 1) minimise the in-sample sum of squared
 * one-step errors (GSL's Nelder-Mead simplex on logit-transformed values) on
 * the last FIT_WEEKS weeks. Missing days advance the state without update.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>

#include "forecast/fc_internal.h"
#include "util/alloc.h"

/* Weeks the parameters are fitted on (the first two also initialise the state). */
#define FIT_WEEKS 10
#define INIT_WEEKS 2

typedef struct hw_data {
    const double *y;             /* series, days x per_day */
    const unsigned char *obs;    /* observed days */
    int start;                   /* first day of the window */
    int n_train;                 /* days in the training data */
    int per_day;                 /* s1 */
    double level0;               /* initial level */
    const double *d0;            /* [per_day] initial daily seasonal */
    const double *w0;            /* [7 per_day] initial weekly seasonal */
    double *d, *w;               /* working state */
    double level;                /* final level after a run */
    double resid;                /* final raw residual after a run */
} hw_data;

static double logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* Runs the filter over the window; returns the one-step SSE after the first INIT_WEEKS. */
static double hw_run(hw_data *m, double alpha, double delta, double omega, double phi)
{
    int s1 = m->per_day, s2 = 7 * s1, d, i;
    double l = m->level0, r = 0, sse = 0;
    memcpy(m->d, m->d0, (size_t)s1 * sizeof(double));
    memcpy(m->w, m->w0, (size_t)s2 * sizeof(double));
    for (d = m->start; d < m->n_train; d++) {
        int wk = ((d - m->start) % 7) * s1;
        if (!m->obs[d]) {
            r = 0;
            continue;
        }
        for (i = 0; i < s1; i++) {
            double yt = m->y[(size_t)d * s1 + i];
            double *dp = &m->d[i], *wp = &m->w[wk + i];
            double base = l + *dp + *wp, e = yt - (base + phi * r), ln;
            if (d - m->start >= 7 * INIT_WEEKS)
                sse += e * e;
            ln = alpha * (yt - *dp - *wp) + (1 - alpha) * l;
            {
                double dold = *dp;
                *dp = delta * (yt - ln - *wp) + (1 - delta) * dold;
                *wp = omega * (yt - ln - dold) + (1 - omega) * *wp;
            }
            l = ln;
            r = yt - base;
        }
    }
    m->level = l;
    m->resid = r;
    return sse;
}

static double hw_objective(const gsl_vector *v, void *params)
{
    return hw_run(params, logistic(gsl_vector_get(v, 0)), logistic(gsl_vector_get(v, 1)),
                  logistic(gsl_vector_get(v, 2)), logistic(gsl_vector_get(v, 3)));
}

/* Initial state from the first INIT_WEEKS weeks of the window (observed days only). */
static void hw_init(hw_data *m, double *d0, double *w0)
{
    int s1 = m->per_day, d, i, n_days = 0;
    double sum = 0, *wsum = cc_xcalloc((size_t)7 * s1, sizeof(double));
    int wn[7] = {0};
    memset(d0, 0, (size_t)s1 * sizeof(double));
    for (d = m->start; d < m->start + 7 * INIT_WEEKS && d < m->n_train; d++) {
        int wd = (d - m->start) % 7;
        if (!m->obs[d])
            continue;
        n_days++;
        wn[wd]++;
        for (i = 0; i < s1; i++) {
            double yt = m->y[(size_t)d * s1 + i];
            sum += yt;
            d0[i] += yt;
            wsum[wd * s1 + i] += yt;
        }
    }
    m->level0 = n_days ? sum / ((double)n_days * s1) : 0;
    for (i = 0; i < s1; i++)
        d0[i] = n_days ? d0[i] / n_days - m->level0 : 0;
    for (d = 0; d < 7; d++)
        for (i = 0; i < s1; i++)
            w0[d * s1 + i] = wn[d] ? wsum[d * s1 + i] / wn[d] - m->level0 - d0[i] : 0;
    free(wsum);
}

int cc_fc_holt_winters(const double *y, const unsigned char *observed, int n_train, int per_day,
                       int h, double *out)
{
    int s1 = per_day, s2 = 7 * per_day, weeks = n_train / 7, j, i;
    hw_data m;
    double *d0, *w0, x[4] = {-3.0, -2.0, -2.0, 0.0}; /* alpha .05, delta/omega .12, phi .5 */
    gsl_multimin_fminimizer *mn;
    gsl_multimin_function fn;
    gsl_vector *start, *step;
    double best[4];

    if (weeks > FIT_WEEKS)
        weeks = FIT_WEEKS;
    if (weeks < INIT_WEEKS + 1)
        return -1; /* too short to initialise two seasonal cycles and fit */
    memset(&m, 0, sizeof(m));
    m.y = y;
    m.obs = observed;
    m.n_train = n_train;
    m.start = n_train - 7 * weeks;
    m.per_day = per_day;
    d0 = cc_xmalloc((size_t)s1 * sizeof(double));
    w0 = cc_xmalloc((size_t)s2 * sizeof(double));
    m.d = cc_xmalloc((size_t)s1 * sizeof(double));
    m.w = cc_xmalloc((size_t)s2 * sizeof(double));
    hw_init(&m, d0, w0);
    m.d0 = d0;
    m.w0 = w0;

    fn.n = 4;
    fn.f = hw_objective;
    fn.params = &m;
    start = gsl_vector_alloc(4);
    step = gsl_vector_alloc(4);
    for (i = 0; i < 4; i++) {
        gsl_vector_set(start, i, x[i]);
        gsl_vector_set(step, i, 1.0);
    }
    mn = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 4);
    gsl_multimin_fminimizer_set(mn, &fn, start, step);
    for (j = 0; j < 300; j++) {
        if (gsl_multimin_fminimizer_iterate(mn))
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(mn), 1e-3) == GSL_SUCCESS)
            break;
    }
    for (i = 0; i < 4; i++)
        best[i] = logistic(gsl_vector_get(mn->x, i));
    gsl_multimin_fminimizer_free(mn);
    gsl_vector_free(start);
    gsl_vector_free(step);

    hw_run(&m, best[0], best[1], best[2], best[3]);
    {
        double ar = m.resid;
        for (j = 0; j < h; j++) {
            int day = n_train + j, wk = ((day - m.start) % 7) * s1;
            for (i = 0; i < s1; i++) {
                double f;
                ar *= best[3];
                f = m.level + m.d[i] + m.w[wk + i] + ar;
                out[(size_t)j * s1 + i] = f > 0 ? f : 0;
            }
        }
    }
    free(d0);
    free(w0);
    free(m.d);
    free(m.w);
    return 0;
}
