/*
 * Erlang B (M/M/N/N) and what every analytic entry point shares: the input
 * checks and the offered load. Everything rests on the inverse Erlang B
 * recurrence, which adds and multiplies positive numbers only (no A^N, no
 * N!, no cancellation), so it stays accurate from one agent to
 * CC_ERLANG_MAX_AGENTS.
 */
#include <float.h>
#include <math.h>

#include "analytics/erlang_internal.h"

double cc_erlang_traffic(const cc_erlang_input *in)
{
    return in->arrivals_per_hour * in->aht_s / 3600.0;
}

/* Fails unless lo <= v <= hi (NaN fails every comparison). */
static int in_range(double v, double lo, double hi)
{
    return v >= lo && v <= hi;
}

cc_status cc_erlang_check_input(const cc_erlang_input *in, int check_agents, cc_error *err)
{
    if (!in_range(in->arrivals_per_hour, CC_ERLANG_MIN_ARRIVALS_PER_HOUR,
                  CC_ERLANG_MAX_ARRIVALS_PER_HOUR))
        return cc_error_setf(err, CC_EINVAL,
                             "'arrivals_per_hour' must be a number from %g to %g",
                             CC_ERLANG_MIN_ARRIVALS_PER_HOUR, CC_ERLANG_MAX_ARRIVALS_PER_HOUR);
    if (!in_range(in->aht_s, CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_AHT_S))
        return cc_error_setf(err, CC_EINVAL,
                             "'aht_s' must be a number of seconds from %g to %g",
                             CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_AHT_S);
    if (check_agents && (in->agents < 1 || in->agents > CC_ERLANG_MAX_AGENTS))
        return cc_error_setf(err, CC_EINVAL, "'agents' must be an integer from 1 to %ld",
                             CC_ERLANG_MAX_AGENTS);
    if (!in_range(in->target_s, 0.0, CC_ERLANG_MAX_SECONDS))
        return cc_error_setf(err, CC_EINVAL,
                             "'target_s' must be a number of seconds from 0 to %g",
                             CC_ERLANG_MAX_SECONDS);
    if (in->patience_mean_s != 0.0 &&
        !in_range(in->patience_mean_s, CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_SECONDS))
        return cc_error_setf(err, CC_EINVAL,
                             "'patience_mean_s' must be 0 (no abandonment) or a number of "
                             "seconds from %g to %g",
                             CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_SECONDS);
    switch (in->sl_definition) {
    case CC_SL_OFFERED:
    case CC_SL_ANSWERED:
    case CC_SL_EXCLUDE_SHORT:
    case CC_SL_VIRTUAL:
        break;
    default:
        return cc_error_setf(err, CC_EINVAL, "'sl_definition' is not a known definition");
    }
    if (!in_range(in->short_abandon_s, 0.0, CC_ERLANG_MAX_SECONDS))
        return cc_error_setf(err, CC_EINVAL,
                             "'short_abandon_s' must be a number of seconds from 0 to %g",
                             CC_ERLANG_MAX_SECONDS);
    return CC_OK;
}

/*
 * With x_k = sum_{j<=k} p_j / p_k for the Poisson(A) weights p_j, the ratios
 * obey x_k = 1 + (k/A) x_{k-1}: 1/B(k, A) = x_k. The weights below
 * m - 12 sqrt(m) - 10, m = min(A, N), are below e^-72 of the sum up to N (a
 * Chernoff bound on the Poisson lower tail), so the recurrence starts there
 * with x = 1; for A = 99,000 this skips 95% of the work and changes nothing
 * in double precision.
 */
int cc_erlang_lower_ratio(double traffic, long agents, double *y)
{
    double m = traffic < (double)agents ? traffic : (double)agents;
    double start = floor(m - 12.0 * sqrt(m) - 10.0);
    long k0 = start > 0.0 ? (long)start : 0;
    double x = 1.0, yy;

    for (long k = k0 + 1; k < agents; k++) {
        x = 1.0 + ((double)k / traffic) * x;
        if (!(x <= DBL_MAX))
            return 1;
    }
    yy = ((double)agents / traffic) * x;
    if (!(yy <= DBL_MAX))
        return 1;
    *y = yy;
    return 0;
}

double cc_erlang_b(double traffic, long agents)
{
    double y;

    if (agents < 1)
        return 1.0;
    if (!(traffic > 0.0))
        return 0.0;
    if (isinf(traffic))
        return 1.0;
    if (cc_erlang_lower_ratio(traffic, agents, &y))
        return 0.0;
    return 1.0 / (1.0 + y);
}

/*
 * C = N B / (N - A (1 - B)); with B = 1/(1 + y) this is (N/y) / D and
 * 1 - C = (N - A) / D, D = (N - A)(1 + 1/y) + A/y: sums of positive terms for
 * A < N, finite for every finite y (y > N/A > 1 here).
 */
