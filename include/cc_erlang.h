/*
 * Queueing analytics for one queue: Erlang B, Erlang C (M/M/N) and Erlang A
 * (M/M/N+M, exponential patience), the minimum staffing that meets service
 * targets, and the two shrinkage formulas. All evaluations are exact (no
 * asymptotic approximation) and stable from 1 to 100,000 agents.
 *
 * Definitions (also in README.md and ccsim erlang --help):
 * - traffic A = arrivals per hour x AHT / 3600 erlangs;
 * - service_level = contacts answered within T / all contacts offered
 *   (abandoned contacts count as missed);
 * - asa_s = mean wait of answered contacts;
 * - mean_wait_s = mean time in queue over all offered contacts, abandoned ones
 *   up to their abandonment (equals ASA under Erlang C);
 * - occupancy = busy agent time / agent time (A/N under Erlang C, carried
 *   load / N under Erlang A).
 */
#ifndef CC_ERLANG_H
#define CC_ERLANG_H

#include "cc_status.h"
#include "cc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest agent count the analytics accept. */
#define CC_ERLANG_MAX_AGENTS 1000000L

/*
 * The ranges cc_erlang_eval and cc_staff_solve accept. Within them every
 * figure is finite (no overflow of times or scale factors is possible).
 */
#define CC_ERLANG_MIN_ARRIVALS_PER_HOUR 1e-9   /* contacts per hour */
#define CC_ERLANG_MAX_ARRIVALS_PER_HOUR 1e12   /* contacts per hour */
#define CC_ERLANG_MIN_SECONDS 1e-6             /* smallest AHT or patience mean, seconds */
#define CC_ERLANG_MAX_AHT_S 1e9                /* seconds */
#define CC_ERLANG_MAX_SECONDS 1e12             /* largest patience mean, target or threshold, seconds */

/* One queue and one staffing level to evaluate. */
typedef struct cc_erlang_input {
    double arrivals_per_hour;   /* offered contacts per hour, > 0 */
    double aht_s;               /* mean handle time, seconds, > 0 */
    long agents;                /* agents, >= 1 (ignored by cc_staff_solve) */
    double target_s;            /* answer-within threshold T, seconds, >= 0 */
    double patience_mean_s;     /* mean exponential patience, seconds; 0 = infinite (Erlang C) */
    cc_sl_definition sl_definition; /* how service_level is counted */
    double short_abandon_s;     /* threshold for CC_SL_EXCLUDE_SHORT, seconds */
} cc_erlang_input;

/* The figures for one queue at one staffing level. */
typedef struct cc_erlang_result {
    double traffic_erlangs;     /* offered load A */
    long agents;                /* N */
    double p_wait;              /* probability an arrival has to wait (finds all agents busy) */
    double service_level;       /* per sl_definition, in [0, 1] */
    double asa_s;               /* mean wait of answered contacts, seconds */
    double mean_wait_s;         /* mean wait over all offered contacts, seconds */
    double occupancy;           /* busy agent time / agent time */
    double p_abandon;           /* probability of abandoning (0 under Erlang C) */
} cc_erlang_result;

/*
 * Erlang B blocking probability B(N, A) by the stable recurrence
 * B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)). Requires a > 0, n >= 1.
 */
double cc_erlang_b(double traffic, long agents);

/*
 * Erlang C probability of waiting C(N, A) = N B / (N - A (1 - B)). Requires
 * 0 < a < n; returns 1 when a >= n (every arrival waits in an unstable queue).
 */
double cc_erlang_c(double traffic, long agents);

/*
 * Evaluates one queue: Erlang C when in->patience_mean_s is 0, else Erlang A.
 * Fills *out on success. Erlang A is the exact M/M/N+M steady state (FCFS,
 * a contact answered on arrival never abandons); its figures agree with a
 * direct summation of the birth-death chain to about 1e-13 relative.
 * exceptions: CC_EINVAL (a non-finite or out-of-range input; the message
 *             names the field),
 *             CC_EUNSTABLE (Erlang C with A >= N; *out is left untouched),
 *             CC_ENUMERIC (Erlang A integration failed; no input within the
 *             documented ranges reaches it).
 */
cc_status cc_erlang_eval(const cc_erlang_input *in, cc_erlang_result *out, cc_error *err);

/* Service targets for staffing; a field left at 0 is not a target. */
typedef struct cc_staff_targets {
    double service_level;       /* required service level at in->target_s, (0, 1] */
    double max_asa_s;           /* maximum ASA, seconds */
    double max_occupancy;       /* maximum occupancy, (0, 1] */
    double max_abandon;         /* maximum P(abandon), (0, 1]; needs patience */
} cc_staff_targets;

/* Result of a staffing search. */
typedef struct cc_staff_result {
    long agents;                /* minimum agents meeting every target */
    cc_erlang_result figures;   /* the queue's figures at that staffing */
} cc_staff_result;

/*
 * Finds the minimum integer N meeting every target given in *targets, for the
 * queue in *in (in->agents is ignored). The search starts near the load and
 * steps or bisects; it never scans from 1.
 * exceptions: CC_EINVAL (bad input or no target given; names the field),
 *             CC_EINFEASIBLE (no N up to CC_ERLANG_MAX_AGENTS meets the targets),
 *             CC_ENUMERIC (as for cc_erlang_eval).
 */
cc_status cc_staff_solve(const cc_erlang_input *in, const cc_staff_targets *targets,
                         cc_staff_result *out, cc_error *err);

/* Industry formula: scheduled = required / (1 - shrinkage), shrinkage in [0, 1). */
double cc_shrinkage_divisive(double required_agents, double shrinkage);

/* The guide's formula: agents = required x (1 + shrinkage), shrinkage in [0, 1). */
double cc_shrinkage_multiplicative(double required_agents, double shrinkage);

#ifdef __cplusplus
}
#endif

#endif
