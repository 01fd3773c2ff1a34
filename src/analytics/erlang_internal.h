/*
 * Pieces shared by the Erlang C, Erlang A and staffing code: input checking,
 * the offered load, and the sum of the stationary weights below N agents that
 * both models start from.
 */
#ifndef CC_ERLANG_INTERNAL_H
#define CC_ERLANG_INTERNAL_H

#include "cc_erlang.h"

/* Offered load A = arrivals per hour x AHT / 3600, erlangs. */
double cc_erlang_traffic(const cc_erlang_input *in);

/*
 * Checks every field of *in against the documented ranges; `check_agents`
 * is 0 for the staffing search, which chooses the agents itself.
 * exceptions: CC_EINVAL, naming the field.
 */
cc_status cc_erlang_check_input(const cc_erlang_input *in, int check_agents, cc_error *err);

/*
 * y = sum over k < N of A^k/k! divided by A^N/N!, the weight of the states
 * with a free agent relative to the state with N busy (1/B(N, A) - 1).
 * Returns 0 and sets *y, or returns 1 when y exceeds DBL_MAX (B underflows;
 * the states with N or more busy then carry no probability in double).
 */
int cc_erlang_lower_ratio(double traffic, long agents, double *y);

/*
 * Erlang A figures for a checked input with patience_mean_s > 0; *out is
 * written only on success.
 */
cc_status cc_erlang_a_eval(const cc_erlang_input *in, cc_erlang_result *out, cc_error *err);

#endif
