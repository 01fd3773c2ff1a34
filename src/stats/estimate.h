/*
 * Estimates across replications: Welford accumulators folded in replication
 * order (so the result does not depend on threads) and Student-t quantiles
 * for the 95% confidence intervals.
 */
#ifndef CC_STATS_ESTIMATE_H
#define CC_STATS_ESTIMATE_H

#include <math.h>

#include "cc_results.h"

/* ---- Welford accumulators, stored in a cc_estimate until finalised ---- */

/*
 * Adds x to the running mean (in e->mean) and sum of squared deviations (in
 * e->half_width); n counts the values. Called in replication order.
 */
static inline void cc_welford_add(cc_estimate *e, double x)
{
    double d = x - e->mean;
    e->n++;
    e->mean += d / (double)e->n;
    e->half_width += d * (x - e->mean);
}

/*
 * Turns a Welford accumulator into mean and 95% half width. tq[n] must hold
 * the 0.975 quantile of Student's t with n - 1 degrees of freedom.
 */
static inline void cc_welford_finish(cc_estimate *e, const double *tq)
{
    double m2 = e->half_width;
    if (e->n < 2) {
        e->half_width = 0.0;
        if (e->n == 0)
            e->mean = 0.0;
        return;
    }
    e->half_width = tq[e->n] * sqrt(m2 / (double)(e->n - 1) / (double)e->n);
}

/* tq[n] = t_{0.975, n-1} for n = 2..max_n (tq[0], tq[1] = 0); caller frees. */
double *cc_tquantile_table(long max_n);

/* 0.975 quantile of Student's t with `dof` degrees of freedom. */
double cc_t975(long dof);

#endif
