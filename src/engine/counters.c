/*
 * Histogram edges and quantiles (see counters.h). Quantiles walk the
 * cumulative counts and interpolate linearly inside the bin that holds the
 * requested rank.
 */
#include <math.h>

#include "util/alloc.h"
#include "engine/counters.h"

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
