/*
 * Student-t quantiles for the 95% confidence intervals, from GSL's inverse
 * t distribution, tabulated once per run.
 */
#include <gsl/gsl_cdf.h>

#include "stats/estimate.h"
#include "util/alloc.h"

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
