/*
 * The statistics stage's shorthand for the one verdict rule
 * (cc_channel_verdict in cc_results.h) on the raw counts of one period.
 */
#ifndef CC_STATS_TARGET_H
#define CC_STATS_TARGET_H

#include "cc_results.h"

/*
 * Whether figures of one channel, pooled over a period, miss its target:
 * 1 when cc_channel_verdict says CC_TARGET_MISSES, 0 when it meets or has
 * no verdict (nothing presented).
 */
int cc_target_missed(const cc_sim_target *tg, const cc_pooled *x);

/* Adds one set of counts to a pooled sum. */
void cc_pooled_add(cc_pooled *sum, const cc_pooled *x);

#endif
