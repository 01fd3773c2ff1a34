/*
 * Minimum staffing for one queue against service targets, and the two
 * shrinkage formulas that turn a requirement into scheduled agents.
 * Every target is monotone in the number of agents (service level up, ASA,
 * occupancy and abandonment down), so the least feasible N is found by
 * bracketing from a guess near the load and bisecting: a handful of
 * evaluations whatever the size of the queue.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "analytics/erlang_internal.h"

/* Rejects a target outside (0, hi]; 0 means "not a target". */
static cc_status check_target(double v, double hi, const char *name, cc_error *err)
{
    if (v == 0.0 || (v > 0.0 && v <= hi))
        return CC_OK;
    return cc_error_setf(err, CC_EINVAL, "'%s' must be 0 (no target) or in (0, %g]", name, hi);
}

static cc_status check_targets(const cc_erlang_input *in, const cc_staff_targets *t,
                               cc_error *err)
{
    cc_status st;

    if ((st = check_target(t->service_level, 1.0, "service_level", err)) != CC_OK ||
        (st = check_target(t->max_asa_s, CC_ERLANG_MAX_SECONDS, "max_asa_s", err)) != CC_OK ||
        (st = check_target(t->max_occupancy, 1.0, "max_occupancy", err)) != CC_OK ||
        (st = check_target(t->max_abandon, 1.0, "max_abandon", err)) != CC_OK)
        return st;
    if (t->max_abandon > 0.0 && in->patience_mean_s == 0.0)
        return cc_error_setf(err, CC_EINVAL,
                             "'max_abandon' needs a patience: without one nobody abandons");
    if (t->service_level == 0.0 && t->max_asa_s == 0.0 && t->max_occupancy == 0.0 &&
        t->max_abandon == 0.0)
        return cc_error_setf(err, CC_EINVAL, "no target given: set at least one of "
                             "'service_level', 'max_asa_s', 'max_occupancy', 'max_abandon'");
    return CC_OK;
}

/* The search state: the queue and its targets, and the last feasible figures. */
typedef struct search {
    cc_erlang_input queue;       /* in->agents varies */
    const cc_staff_targets *targets;
    cc_erlang_result best;       /* figures at the smallest feasible N seen */
    long best_agents;            /* that N, 0 until one is found */
    cc_status failure;           /* first numerical failure, CC_OK if none */
    cc_error failure_err;        /* its message */
} search;

/* 1 when N agents meet every target (an unstable Erlang C queue meets none). */
static int meets(search *s, long agents)
{
    const cc_staff_targets *t = s->targets;
    cc_erlang_result r;
    cc_status st;

    s->queue.agents = agents;
    st = cc_erlang_eval(&s->queue, &r, &s->failure_err);
    if (st == CC_EUNSTABLE)
        return 0;
    if (st != CC_OK) {
        if (s->failure == CC_OK)
            s->failure = st;
        return 0;
    }
    if (t->service_level > 0.0 && !(r.service_level >= t->service_level))
        return 0;
    if (t->max_asa_s > 0.0 && !(r.asa_s <= t->max_asa_s))
        return 0;
    if (t->max_occupancy > 0.0 && !(r.occupancy <= t->max_occupancy))
        return 0;
    if (t->max_abandon > 0.0 && !(r.p_abandon <= t->max_abandon))
        return 0;
    if (s->best_agents == 0 || agents < s->best_agents) {
        s->best_agents = agents;
        s->best = r;
    }
    return 1;
}

/*
 * The first guess: square-root staffing A + sqrt(A), and at least A / max
 * occupancy (exact under Erlang C, an upper bound under Erlang A). Under
 * Erlang C no N <= A is stable, so the search floor is floor(A).
 */
static long first_guess(double a, const cc_staff_targets *t, long floor_n)
{
    double g = ceil(a + sqrt(a));
    if (t->max_occupancy > 0.0 && a / t->max_occupancy > g)
        g = ceil(a / t->max_occupancy);
    if (g > (double)CC_ERLANG_MAX_AGENTS)
        g = (double)CC_ERLANG_MAX_AGENTS;
    if (g < (double)floor_n + 1.0)
        g = (double)floor_n + 1.0;
    return (long)g;
}

cc_status cc_staff_solve(const cc_erlang_input *in, const cc_staff_targets *targets,
                         cc_staff_result *out, cc_error *err)
{
    search s = {0};
    double a;
    long lo, hi = 0, step, g;
    cc_status st;

    if ((st = cc_erlang_check_input(in, 0, err)) != CC_OK ||
        (st = check_targets(in, targets, err)) != CC_OK)
        return st;
    s.queue = *in;
    s.targets = targets;
    a = cc_erlang_traffic(in);

    /* lo always fails (0 agents trivially), hi always meets the targets. */
    lo = 0;
    if (in->patience_mean_s == 0.0)
        lo = a >= (double)CC_ERLANG_MAX_AGENTS ? CC_ERLANG_MAX_AGENTS : (long)floor(a);
    if (lo >= CC_ERLANG_MAX_AGENTS)
        return cc_error_setf(err, CC_EINFEASIBLE,
                             "no staffing up to %ld agents meets the targets",
                             CC_ERLANG_MAX_AGENTS);
    g = first_guess(a, targets, lo);
    if (meets(&s, g)) {
        hi = g;
        for (step = 1; hi - step > lo; step *= 2) {
            if (!meets(&s, hi - step)) {
                lo = hi - step;
                break;
            }
            hi -= step;
        }
    } else {
        lo = g;
        for (step = 1;; step *= 2) {
            long c = lo + step > CC_ERLANG_MAX_AGENTS ? CC_ERLANG_MAX_AGENTS : lo + step;
            if (meets(&s, c)) {
                hi = c;
                break;
            }
            if (s.failure != CC_OK)
                break;
            lo = c;
            if (c == CC_ERLANG_MAX_AGENTS) {
                return cc_error_setf(err, CC_EINFEASIBLE,
                                     "no staffing up to %ld agents meets the targets",
                                     CC_ERLANG_MAX_AGENTS);
            }
        }
    }
    while (s.failure == CC_OK && hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        if (meets(&s, mid))
            hi = mid;
        else
            lo = mid;
    }
    if (s.failure != CC_OK) {
        if (err)
            *err = s.failure_err;
        return s.failure;
    }
    out->agents = s.best_agents;
    out->figures = s.best;
    return CC_OK;
}

double cc_shrinkage_divisive(double required_agents, double shrinkage)
{
    assert(shrinkage >= 0.0 && shrinkage < 1.0);
    return required_agents / (1.0 - shrinkage);
}

double cc_shrinkage_multiplicative(double required_agents, double shrinkage)
{
    assert(shrinkage >= 0.0 && shrinkage < 1.0);
    return required_agents * (1.0 + shrinkage);
}
