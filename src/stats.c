/*
 * Histogram quantiles and Student-t helpers (see stats.h). Quantiles walk the
 * cumulative counts and interpolate linearly inside the bin that holds the
 * requested rank.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "alloc.h"
#include "stats.h"

double cc_hist_edge(unsigned j, int sub, int emin)
{
    unsigned k;
    if (j <= 1)
        return 0.0;
    k = j - 2;
    /* octave emin + k / 2^sub, linear sub-bin k % 2^sub within it */
    return ldexp(1.0 + (double)(k & ((1u << sub) - 1)) / (double)(1u << sub),
                 emin + (int)(k >> sub));
}

double cc_hist_quantile(const uint32_t *h, unsigned bins, int sub, int emin, double p)
{
    double total = 0.0, rank, cum = 0.0;
    unsigned j;
    for (j = 0; j < bins; j++)
        total += (double)h[j];
    if (total <= 0.0)
        return NAN;
    rank = p * total;
    for (j = 0; j < bins; j++) {
        double cnt = (double)h[j];
        if (cnt > 0.0 && cum + cnt >= rank) {
            double lo, hi;
            if (j == 0)
                return 0.0;
            lo = cc_hist_edge(j, sub, emin);
            if (j == bins - 1)
                return lo;
            hi = j == 1 ? ldexp(1.0, emin) : cc_hist_edge(j + 1, sub, emin);
            return lo + (hi - lo) * ((rank - cum) / cnt);
        }
        cum += cnt;
    }
    return cc_hist_edge(bins - 1, sub, emin);
}

int cc_target_missed(const cc_sim_target *tg, double presented, double in_target,
                     double answered, double wait_answered_s, double abandoned)
{
    if (presented <= 0.0)
        return 0;
    if (tg->service_level > 0.0 && in_target / presented < tg->service_level)
        return 1;
    if (tg->max_asa_s > 0.0 && answered > 0.0 && wait_answered_s / answered > tg->max_asa_s)
        return 1;
    if (tg->max_abandon > 0.0 && abandoned / presented > tg->max_abandon)
        return 1;
    return 0;
}

double cc_t975(long dof)
{
    if (dof < 1)
        return 0.0;
    return gsl_cdf_tdist_Pinv(0.975, (double)dof);
}

double *cc_tquantile_table(long max_n)
{
    double *tq;
    long n;
    if (max_n < 2)
        max_n = 2;
    tq = cc_xcalloc((size_t)max_n + 1, sizeof(*tq));
    for (n = 2; n <= max_n; n++)
        tq[n] = cc_t975(n - 1);
    return tq;
}
