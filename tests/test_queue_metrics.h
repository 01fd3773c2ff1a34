/*
 * The single-queue figures the statistical tests read off one replication's
 * channel totals, each defined as bench/WORKLOADS.md and Erlang C/A define
 * it: P(wait > 0), service level, ASA, P(abandon) and the mean wait of all
 * presented contacts (abandoned ones up to their abandonment).
 */
#ifndef CC_TEST_QUEUE_METRICS_H
#define CC_TEST_QUEUE_METRICS_H

#include "cc_sim.h"

typedef double (*metric)(const cc_rep_channel *x);

static inline double m_p_wait(const cc_rep_channel *x) { return x->queued / x->presented; }
static inline double m_sl(const cc_rep_channel *x) { return x->answered_in_target / x->presented; }
static inline double m_asa(const cc_rep_channel *x) { return x->wait_answered_s / x->answered; }
static inline double m_p_ab(const cc_rep_channel *x) { return x->abandoned / x->presented; }
static inline double m_mean_wait(const cc_rep_channel *x)
{
    return (x->wait_answered_s + x->wait_abandoned_s) / x->presented;
}

#endif
