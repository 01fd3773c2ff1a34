/*
 * Erlang A (M/M/N+M): Poisson arrivals at rate lambda, N agents with
 * exponential handle time (rate mu), exponential patience (rate theta) while
 * queued, FCFS. Exact figures from the birth-death chain and the tagged-
 * customer chain, with every infinite sum over queue lengths collapsed into
 * one integral over the time since arrival, evaluated by Gauss-Legendre.
 *
 * Derivation. Relative to pi_N, the chain has weights y (states below N, see
 * cc_erlang_lower_ratio) and q_j = prod_{i=1..j} lambda/(N mu + i theta) for
 * state N + j. An arrival that finds N + j (PASTA) sees the j ahead of it
 * leave the queue at rates N mu + k theta, k = j..0; with a = N mu/theta its
 * virtual wait V_j (own patience ignored) satisfies e^{-theta V_j} ~
 * Beta(a, j+1), a product of Beta(a+k, 1) variables. Killing at its own
 * patience multiplies the density of V_j by e^{-theta t}, which turns it into
 * a/(a+j+1) times the density of a wait D_j with e^{-theta D_j} ~ Beta(a+1,
 * j+1). Mixing the Beta densities over j with the weights q_j sums a power
 * series in closed form, e.g. sum_j q_j P(answered in dt | j) =
 * N mu E(N mu + theta, t) dt, with
 *
 *     E(beta, t) = exp(-beta t + (lambda/theta)(1 - e^{-theta t})).
 *
 * Hence (all relative to pi_N, integrals over t from 0 to infinity):
 *     sum_j q_j                 = 1 + lambda int E(N mu + theta)
 *     answered after waiting    = N mu int E(N mu + theta)
 *     answered within T         = N mu int_0^T E(N mu + theta)
 *     wait x 1{answered}        = N mu int t E(N mu + theta)
 *     abandoned                 = int (theta + lambda (1 - e^{-theta t})) E(N mu + theta)
 *     virtual wait <= T         = N mu int_0^T E(N mu)
 *     virtual wait              = N mu int t E(N mu)
 *     abandoned within s        = N mu int E(N mu)(1 - e^{-theta min(t, s)})
 *     abandoned after s         = N mu e^{-theta s} int_s^inf E(N mu)(1 - e^{-theta (t - s)})
 * The first abandonment line follows from integrating d/dt E by parts; each
 * integrand is non-negative, so no figure is a difference of large numbers.
 * As theta -> 0 the first line tends to 1/(1 - rho), the Erlang C limit.
 *
 * Numerics. log E(beta, .) is concave with its peak at t* = ln(lambda/beta)/
 * theta (or 0), so the integrals are computed relative to that peak (the
 * peak value can exceed any floating-point range under overload). Panels are
 * laid out from the peak outwards, each short enough that the log-integrand
 * changes by at most about 9 across it, until it has fallen by 46 (e^-46 ~
 * 1e-20). 16-point Gauss-Legendre on such panels is exact to rounding; the
 * panels could be twice as wide before errors above 1e-13 appear. The cost
 * is a few hundred exponentials whatever N, load or patience.
 */
#include <math.h>

#include "analytics/erlang_internal.h"

#define GL_HALF 8        /* 16-point rule: 8 symmetric node pairs */
#define DROP 46.0        /* log-integrand drop where the integration stops */
#define STEP_SLOPE 6.0   /* max change of the log-integrand from its slope, per panel */
#define STEP_CURVE 2.5   /* max sqrt(|curvature|) x panel width */
#define FLOOR_LOG -800.0 /* e^-800: beneath any double, even times 1e22 */
#define MAX_PANELS 4096  /* far above the ~40 any input needs */

/* Gauss-Legendre nodes in (0, 1) and weights on [-1, 1] (computed in 50 digits). */
static const double gl_node[GL_HALF][2] = {
    {0.0950125098376374401853, 0.189450610455068496285},
    {0.28160355077925891323, 0.182603415044923588867},
    {0.458016777657227386342, 0.169156519395002538189},
    {0.617876244402643748447, 0.149595988816576732082},
    {0.755404408355003033895, 0.124628971255533872052},
    {0.86563120238783174388, 0.0951585116824927848099},
    {0.944575023073232576078, 0.0622535239386478928628},
    {0.989400934991649932596, 0.0271524594117540948518},
};

/* The log-integrand log E(beta, t), shifted so that its maximum is 0. */
typedef struct shape {
    double lambda;      /* arrival rate, 1/s */
    double theta;       /* abandonment rate, 1/s */
    double beta;        /* decay rate, 1/s */
    double tstar;       /* location of the maximum, s */
    double log_peak;    /* log E(beta, tstar) >= 0 */
    int overloaded;     /* lambda > beta: interior maximum */
} shape;

/* Sums of one integrand family over the panels. */
typedef struct sums {
    double below;       /* int_0^c E, c the break point */
    double above;       /* int_c^inf E */
    double first;       /* int t E */
    double aband;       /* int (1 - e^{-theta t}) E */
    double late;        /* int_c^inf (1 - e^{-theta (t - c)}) E */
} sums;

/* (-1)^m / (m + 2)!, m = 0..14: the series of g_fn below. */
static const double g_coef[15] = {
    1.0 / 2, -1.0 / 6, 1.0 / 24, -1.0 / 120, 1.0 / 720, -1.0 / 5040, 1.0 / 40320,
    -1.0 / 362880, 1.0 / 3628800, -1.0 / 39916800, 1.0 / 479001600,
    -1.0 / 6227020800.0, 1.0 / 87178291200.0, -1.0 / 1307674368000.0,
    1.0 / 20922789888000.0,
};

/*
 * e^{-u} - 1 + u >= 0, without cancellation for small |u|: below 0.5 the
 * truncated series errs by less than 3e-18 relative.
 */
static double g_fn(double u)
{
    if (fabs(u) < 0.5) {
        double p = g_coef[14];
        for (int m = 13; m >= 0; m--)
            p = p * u + g_coef[m];
        return u * u * p;
    }
    return expm1(-u) + u;
}

static void shape_init(shape *s, double lambda, double theta, double beta)
{
    s->lambda = lambda;
    s->theta = theta;
    s->beta = beta;
    s->overloaded = lambda > beta;
    if (s->overloaded) {
        double w = log(lambda / beta);
        s->tstar = w / theta;
        /* max = (lambda - beta)/theta - beta w/theta = (beta/theta) g(-w) */
        s->log_peak = beta / theta * g_fn(-w);
    } else {
        s->tstar = 0.0;
        s->log_peak = 0.0;
    }
}

/*
 * log E(beta, t) - log_peak <= 0. Overloaded: -(beta/theta) g(theta (t -
 * t*)); otherwise -(beta - lambda) t - (lambda/theta) g(theta t). Both forms
 * are sums of non-positive terms.
 */
static double shape_f(const shape *s, double t)
{
    if (s->overloaded)
        return -s->beta / s->theta * g_fn(s->theta * (t - s->tstar));
    return -(s->beta - s->lambda) * t - s->lambda / s->theta * g_fn(s->theta * t);
}

/* Panel width from the slope and curvature of the log-integrand at t. */
static double shape_step(const shape *s, double t)
{
    double e = exp(-s->theta * t);
    double slope = fabs(s->lambda * e - s->beta);
    double curve = s->lambda * s->theta * e;
    double h = STEP_CURVE / sqrt(curve);
    if (slope * h > STEP_SLOPE)
        h = STEP_SLOPE / slope;
    return h;
}

/*
 * Adds the panel [a, b], which does not straddle the break point c, to *acc.
 * Per node this costs one exp and one expm1 (or the series of g_fn), plus a
 * second expm1 for the late abandonments when `want_late` is set.
 */
static void panel(const shape *s, double a, double b, double c, int want_late, sums *acc)
{
    double mid = 0.5 * (a + b), half = 0.5 * (b - a);
    int below = b <= c;
    double s0 = 0.0, s1 = 0.0, sab = 0.0, slate = 0.0;

    for (int i = 0; i < GL_HALF; i++) {
        for (int side = -1; side <= 1; side += 2) {
            double t = mid + side * half * gl_node[i][0];
            double u = s->theta * t, f, ab, e;
            if (s->overloaded) {
                f = -s->beta / s->theta * g_fn(s->theta * (t - s->tstar));
                ab = -expm1(-u);
            } else {
                /* 1 - e^{-u} = u - g(u), no cancellation since g(u) <= u/2 */
                double g = g_fn(u);
                f = -(s->beta - s->lambda) * t - s->lambda / s->theta * g;
                ab = u - g;
            }
            e = gl_node[i][1] * exp(f);
            s0 += e;
            s1 += e * t;
            sab += e * ab;
            if (want_late && !below)
                slate += e * -expm1(-s->theta * (t - c));
        }
    }
    s0 *= half;
    if (below) {
        acc->below += s0;
    } else {
        acc->above += s0;
        acc->late += slate * half;
    }
    acc->first += s1 * half;
    acc->aband += sab * half;
}

/*
 * Lays panels leftwards from `from` down to 0 while the log-integrand stays
 * above `floor`. Going left the slope steepens and the curvature grows, so
 * the width is also checked at the panel's far end. With `coarse` set, a
 * panel narrower than the spacing of doubles at t ends the march instead of
 * failing: the figure is then as ill-conditioned as the data allow.
 */
static cc_status march_left(const shape *s, double from, double floor, double c, int want_late,
                            int coarse, int *panels, sums *acc, double *stop)
{
    double t = from;

    while (t > 0.0 && shape_f(s, t) >= floor) {
        double h = shape_step(s, t), h2, a;
        h2 = shape_step(s, t - h > 0.0 ? t - h : 0.0);
        if (h2 < h)
            h = h2;
        a = t - h;
        if (a < 0.0)
            a = 0.0;
        if (t > c && a < c)
            a = c;
        if (!(a < t) && coarse)
            break;
        if (!(a < t) || ++*panels > MAX_PANELS)
            return CC_ENUMERIC;
        panel(s, a, t, c, want_late, acc);
        t = a;
    }
    *stop = t;
    return CC_OK;
}

/*
 * Integrates the family E(beta, .) relative to its peak over [0, inf), split
 * at c. Panels grow outwards from the peak until the log-integrand has
 * dropped by DROP. Going right the slope steepens (checked at the far end)
 * and the curvature falls (checked at the near end). When c lies left of
 * the covered range, [0, c] is added by a march of its own from c, so that a
 * tiny service level under heavy overload keeps its relative accuracy.
 * exceptions: CC_ENUMERIC (a panel budget no valid input reaches).
 */
static cc_status integrate(const shape *s, double c, int want_late, sums *acc, cc_error *err)
{
    double t = s->tstar, stop;
    int panels = 0;

    *acc = (sums){0};
    for (;;) {
        double h = shape_step(s, t), h2, b;
        h2 = shape_step(s, t + h);
        if (h2 < h)
            h = h2;
        b = t + h;
        if (t < c && b > c)
            b = c;
        if (!(b > t) || ++panels > MAX_PANELS)
            goto fail;
        panel(s, t, b, c, want_late, acc);
        t = b;
        if (shape_f(s, t) < -DROP)
            break;
    }
    if (march_left(s, s->tstar, -DROP, c, want_late, 0, &panels, acc, &stop) != CC_OK)
        goto fail;
    /* Below FLOOR_LOG the piece is under the double range, whatever its width. */
    if (c < stop && shape_f(s, c) > FLOOR_LOG &&
        march_left(s, c, shape_f(s, c) - DROP, c, want_late, 1, &panels, acc, &stop) != CC_OK)
        goto fail;
    return CC_OK;
fail:
    /* Only loads far beyond the agents get here; like an unstable queue, a check fails. */
    return cc_error_setf(err, CC_ENOCONV,
                         "erlang a: the integrals did not converge for this load (traffic "
                         "far beyond the agents); no figures");
}

static double clamp01(double v)
{
    return v < 0.0 ? 0.0 : (v > 1.0 ? 1.0 : v);
}

cc_status cc_erlang_a_eval(const cc_erlang_input *in, cc_erlang_result *out, cc_error *err)
{
    double a = cc_erlang_traffic(in), n = (double)in->agents;
    double lambda = in->arrivals_per_hour / 3600.0;
    double theta = 1.0 / in->patience_mean_s;
    double nmu = n / in->aht_s;
    double y, low, s_up, answered, within, wait_ans, aband, z;
    cc_erlang_result r;
    shape sa;
    sums ia;
    cc_status st;

    r.traffic_erlangs = a;
    r.agents = in->agents;
    if (cc_erlang_lower_ratio(a, in->agents, &y)) {
        /* The states with all agents busy carry no probability in double. */
        r.p_wait = 0.0;
        r.service_level = 1.0;
        r.asa_s = 0.0;
        r.mean_wait_s = 0.0;
        r.occupancy = a / n;
        r.p_abandon = 0.0;
        *out = r;
        return CC_OK;
    }

    shape_init(&sa, lambda, theta, nmu + theta);
    st = integrate(&sa, in->target_s, 0, &ia, err);
    if (st != CC_OK)
        return st;
    /* Everything below is relative to pi_N e^{log_peak}. */
    low = y * exp(-sa.log_peak);
    s_up = exp(-sa.log_peak) + lambda * (ia.below + ia.above);
    answered = nmu * (ia.below + ia.above);
    within = nmu * ia.below;
    wait_ans = nmu * ia.first;
    aband = theta * (ia.below + ia.above) + lambda * ia.aband;
    z = low + s_up;

    r.p_wait = s_up / z;
    r.p_abandon = aband / z;
    r.occupancy = clamp01(a * ((low + answered) / z) / n);
    r.mean_wait_s = r.p_abandon * in->patience_mean_s;
    r.asa_s = wait_ans / (low + answered);

    switch (in->sl_definition) {
    case CC_SL_OFFERED:
        r.service_level = clamp01((low + within) / z);
        break;
    case CC_SL_ANSWERED:
        r.service_level = clamp01((low + within) / (low + answered));
        break;
    case CC_SL_EXCLUDE_SHORT:
    case CC_SL_VIRTUAL: {
        /* The virtual-wait family E(N mu, .), rescaled to the peak used above. */
        int virt = in->sl_definition == CC_SL_VIRTUAL;
        shape sb;
        sums ib;
        double f;
        shape_init(&sb, lambda, theta, nmu);
        st = integrate(&sb, virt ? in->target_s : in->short_abandon_s, !virt, &ib, err);
        if (st != CC_OK)
            return st;
        f = nmu * exp(sb.log_peak - sa.log_peak);
        if (virt) {
            r.service_level = clamp01((low + f * ib.below) / z);
            r.asa_s = f * ib.first / z;
        } else {
            /* Offered less abandoned within s = answered + abandoned after s. */
            double late = f * exp(-theta * in->short_abandon_s) * ib.late;
            r.service_level = clamp01((low + within) / (low + answered + late));
        }
        break;
    }
    }
    *out = r;
    return CC_OK;
}
