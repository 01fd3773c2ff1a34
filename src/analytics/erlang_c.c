/*
 * Erlang C (M/M/N) for one queue, built on the Erlang B recurrence of
 * erlang_b.c, and the dispatch of cc_erlang_eval between Erlang C and
 * Erlang A.
 */
#include <float.h>
#include <math.h>

#include "analytics/erlang_internal.h"

double cc_erlang_c(double traffic, long agents)
{
    double n = (double)agents, y;

    if (agents < 1 || traffic >= n)
        return 1.0;
    if (!(traffic > 0.0))
        return 0.0;
    if (cc_erlang_lower_ratio(traffic, agents, &y))
        return 0.0;
    return (n / y) / ((n - traffic) * (1.0 + 1.0 / y) + traffic / y);
}

/*
 * Erlang C figures. 1 - C (see cc_erlang_c) and SL = (1 - C) + C (1 - e^-x)
 * are sums of non-negative terms, so the service level keeps its relative
 * accuracy even when almost every contact waits.
 */
static cc_status erlang_c_eval(const cc_erlang_input *in, cc_erlang_result *out, cc_error *err)
{
    double a = cc_erlang_traffic(in), n = (double)in->agents;
    double y, c, one_minus_c, gap;

    if (!(a < n))
        return cc_error_setf(err, CC_EUNSTABLE,
                             "unstable queue: the offered load is not below the number of "
                             "agents, so without abandonment the queue grows without bound");
    gap = n - a;
    if (cc_erlang_lower_ratio(a, in->agents, &y)) {
        c = 0.0;
        one_minus_c = 1.0;
    } else {
        double d = gap * (1.0 + 1.0 / y) + a / y;
        c = (n / y) / d;
        one_minus_c = gap / d;
    }
    out->traffic_erlangs = a;
    out->agents = in->agents;
    out->p_wait = c;
    out->service_level = one_minus_c - c * expm1(-gap * in->target_s / in->aht_s);
    if (out->service_level > 1.0)
        out->service_level = 1.0;
    out->asa_s = c * in->aht_s / gap;
    out->mean_wait_s = out->asa_s;
    out->occupancy = a / n;
    out->p_abandon = 0.0;
    return CC_OK;
}

cc_status cc_erlang_eval(const cc_erlang_input *in, cc_erlang_result *out, cc_error *err)
{
    cc_status st = cc_erlang_check_input(in, 1, err);

    if (st != CC_OK)
        return st;
    if (in->patience_mean_s > 0.0)
        return cc_erlang_a_eval(in, out, err);
    return erlang_c_eval(in, out, err);
}
