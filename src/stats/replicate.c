/*
 * Replication driver: the only file with OpenMP pragmas. Each thread owns
 * one workspace; replication r is seeded from (seed, r), writes its totals to
 * slot r and folds its per-interval figures in an ordered section, so the
 * results are bit-identical for any number of threads.
 */
#include <stdlib.h>

#include <omp.h>

#include "util/alloc.h"
#include "cc_sim.h"
#include "stats/merge.h"

cc_run_options cc_run_options_default(void)
{
    cc_run_options o;
    o.replications = 20;
    o.seed = 1;
    o.threads = 0;
    o.interval_stats = 1;
    o.interval_percentiles = 1;
    o.progress = NULL;
    o.progress_ctx = NULL;
    o.no_limits = 0;
    return o;
}

cc_status cc_replicate(const cc_simmodel *model, const cc_run_options *opt, cc_results **out,
                       cc_error *err)
{
    cc_sim_options so;
    cc_sim **sims;
    cc_merge *mg;
    uint64_t *events;
    long r, R;
    int nth, i;
    cc_status st;

    if ((st = cc_simmodel_validate(model, err)) != CC_OK)
        return st;
    if (opt->replications < 1 || opt->replications > 1000000)
        return cc_error_setf(err, CC_EINVAL, "replications must be 1 to 10^6, got %ld",
                             opt->replications);
    if (opt->threads < 0 || opt->threads > 1024)
        return cc_error_setf(err, CC_EINVAL, "threads must be 0 to 1024, got %d", opt->threads);
    if ((st = cc_run_check_limits(model, opt, err)) != CC_OK)
        return st;
    R = opt->replications;
    nth = cc_run_threads(opt);
    so.interval_percentiles = opt->interval_stats && opt->interval_percentiles;
    sims = cc_xcalloc((size_t)nth, sizeof(*sims));
    for (i = 0; i < nth; i++) {
        if ((st = cc_sim_new(model, &so, &sims[i], err)) != CC_OK)
            goto out_free_sims;
    }
    events = cc_xcalloc((size_t)R, sizeof(*events));
    mg = cc_merge_new(model, opt);

#pragma omp parallel for ordered schedule(dynamic, 1) num_threads(nth)
    for (r = 0; r < R; r++) {
        cc_sim *sim = sims[omp_get_thread_num()];
        cc_sim_reset(sim, opt->seed, (uint64_t)r);
        cc_sim_run(sim);
        cc_merge_totals(mg, sim, r);
        events[r] = cc_sim_model_events(sim);
#pragma omp ordered
        {
            cc_merge_intervals(mg, sim, r);
            if (opt->progress)
                opt->progress(opt->progress_ctx, r + 1, R);
        }
    }

    *out = cc_merge_finish(mg);
    for (r = 0; r < R; r++)
        (*out)->model_events += events[r];
    free(events);
    st = CC_OK;
out_free_sims:
    for (i = 0; i < nth; i++)
        cc_sim_free(sims[i]);
    free(sims);
    return st;
}
