/*
 * Private view of a finished replication for the replication driver: the
 * per-interval counters and histograms a cc_sim collected, read in place so
 * that merging needs no copy.
 */
#ifndef CC_ENGINE_H
#define CC_ENGINE_H

#include <stdint.h>

#include "cc_sim.h"
#include "engine/counters.h"

/* Per-interval channel counters, [interval * n_channels + channel]. */
const cc_ival_ch *cc_sim_ival_channels(const cc_sim *sim);

/* Per-interval team figures, [interval * n_teams + team]. */
const cc_ival_team *cc_sim_ival_teams(const cc_sim *sim);

/*
 * Per-interval wait histograms, CC_HI_BINS counts per [interval * n_channels
 * + channel]; NULL when the workspace was created without them.
 */
const uint32_t *cc_sim_ival_hist(const cc_sim *sim);

/* Whole-run wait histogram of channel c (CC_HT_BINS counts, totals only). */
const uint32_t *cc_sim_total_hist(const cc_sim *sim, int c);

#endif
