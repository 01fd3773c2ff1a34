/*
 * Building a cc_results from replications: a merge state collects each
 * replication's totals in its own slot (any order, any thread) and folds its
 * per-interval figures into Welford accumulators and pooled histograms,
 * which must happen in replication order for bit-identical output.
 */
#ifndef CC_RESULTS_PRIV_H
#define CC_RESULTS_PRIV_H

#include "cc_results.h"
#include "cc_sim.h"

typedef struct cc_merge cc_merge;

/* Allocates the results for `replications` replications of model m. */
cc_merge *cc_merge_new(const cc_simmodel *m, const cc_run_options *opt);

/*
 * Copies replication r's totals from the finished workspace into slot r.
 * Safe to call concurrently for different r.
 */
void cc_merge_totals(cc_merge *mg, const cc_sim *sim, long r);

/*
 * Folds replication r's per-interval figures into the accumulators. Must be
 * called for r = 0, 1, 2, ... in order, from one thread at a time.
 */
void cc_merge_intervals(cc_merge *mg, const cc_sim *sim, long r);

/* Computes the summaries, frees the merge state and returns the results. */
cc_results *cc_merge_finish(cc_merge *mg);

/*
 * Replication records: one finished replication as plain bytes, so that it
 * can be merged in another thread, process or machine. The size depends on
 * the model and on opt->interval_stats and opt->interval_percentiles only.
 */
size_t cc_merge_record_size(const cc_simmodel *m, const cc_run_options *opt);

/*
 * Writes the finished workspace's replication into rec (of
 * cc_merge_record_size bytes), with the figures the statistics stage
 * derives. Safe to call concurrently.
 */
void cc_merge_record_pack(const cc_simmodel *m, const cc_run_options *opt, const cc_sim *sim,
                          void *rec);

/*
 * Folds a record as replication r: cc_merge_totals and cc_merge_intervals
 * in one. Must be called for r = 0, 1, 2, ... in order, from one thread at a
 * time; the merge must have been made with the options the record was.
 */
void cc_merge_record_fold(cc_merge *mg, const void *rec, long r);

/* Frees a merge state without producing results (error paths). NULL-safe. */
void cc_merge_free(cc_merge *mg);

#endif
