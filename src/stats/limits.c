/*
 * The limits a run must fit before it starts: threads no more than the
 * machine's cores, expected events and memory below stated caps. A run the
 * estimate refuses would not finish in reasonable time or would exhaust
 * memory half-way; the caller may lift the caps (cc_run_options.no_limits).
 */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include <omp.h>

#include "cc_results.h"

int cc_run_threads(const cc_run_options *opt)
{
    int nth = opt->threads > 0 ? opt->threads : omp_get_max_threads();
    int cores = omp_get_num_procs();
    /* More threads than cores only add workspaces (memory), never speed. */
    if (cores >= 1 && nth > cores)
        nth = cores;
    if (opt->replications >= 1 && nth > opt->replications)
        nth = (int)opt->replications;
    return nth < 1 ? 1 : nth;
}

double cc_run_memory_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || size <= 0)
        return 8.0 * 1024 * 1024 * 1024; /* unknown: assume 8 GiB */
    return 0.75 * (double)pages * (double)size;
}

/* "12.3 GB", "512 MB". */
static const char *show_bytes(double b, char *buf, size_t cap)
{
    if (b >= 1e9)
        snprintf(buf, cap, "%.1f GB", b / 1e9);
    else
        snprintf(buf, cap, "%.0f MB", ceil(b / 1e6));
    return buf;
}

cc_status cc_run_check_limits(const cc_simmodel *model, const cc_run_options *opt, cc_error *err)
{
    double events, bytes, total_events, total_bytes, mem_limit = cc_run_memory_limit();
    int nth = cc_run_threads(opt);
    char b1[32], b2[32];

    cc_simmodel_estimate(model, opt->interval_stats && opt->interval_percentiles, &events, &bytes);
    total_events = events * (double)opt->replications;
    /* One workspace per thread; the merged results hold every replication's totals too. */
    total_bytes = bytes * nth + (double)opt->replications *
                                    ((double)model->n_channels * sizeof(cc_rep_channel) +
                                     (double)model->n_teams * sizeof(cc_rep_team));
    if (opt->interval_stats)
        total_bytes += (double)model->n_intervals * (double)model->n_channels *
                       (sizeof(cc_interval_channel) + 8.0 * 300);
    if (opt->no_limits)
        return CC_OK;
    if (total_bytes > mem_limit)
        return cc_error_setf(err, CC_EINVAL,
                             "the run would need about %s of memory (%d workspace%s of %s); "
                             "the limit is %s, 3/4 of this machine's memory; lower the volume, "
                             "the horizon or the threads",
                             show_bytes(total_bytes, b1, sizeof(b1)), nth, nth == 1 ? "" : "s",
                             show_bytes(bytes, b2, sizeof(b2)),
                             show_bytes(mem_limit, b2 + 16, sizeof(b2) - 16));
    if (total_events > CC_RUN_MAX_EVENTS)
        return cc_error_setf(err, CC_EINVAL,
                             "the run would process about %.2g events (%ld replications of "
                             "%.2g); the limit is %.0g; lower the volume, the horizon or the "
                             "replications",
                             total_events, opt->replications, events, CC_RUN_MAX_EVENTS);
    return CC_OK;
}

char *cc_results_limit_notes(const cc_simmodel *model, const cc_results *res, char *buf,
                             size_t cap)
{
    long cut = 0, r;
    double left = 0.0, gave_up = 0.0, capped = 0.0;
    size_t c, n = 0;

    buf[0] = '\0';
    for (r = 0; r < res->replications; r++) {
        const cc_rep_channel *rc = &res->rep_channels[(size_t)r * res->n_channels];
        cut += rc[0].drain_limited > 0.0;
        for (c = 0; c < res->n_channels; c++) {
            if (rc[0].drain_limited > 0.0)
                left += rc[c].waiting_end + rc[c].in_bot_end;
            gave_up += rc[c].gave_up;
            capped += rc[c].transfer_capped;
        }
    }
    if (cut > 0)
        n += (size_t)snprintf(buf + n, cap - n,
                              "the drain stopped at its limit (simulation.drain_limit, %.4g h "
                              "after arrivals stopped) in %ld of %ld replications, %.0f contacts "
                              "still waiting on average\n",
                              model->drain_limit_s / 3600.0, cut, res->replications,
                              left / (double)cut);
    if (gave_up > 0.0 && n < cap)
        n += (size_t)snprintf(buf + n, cap - n,
                              "%.0f customers per replication gave up after "
                              "simulation.max_attempts (%d) tries\n",
                              gave_up / (double)res->replications, model->max_attempts);
    if (capped > 0.0 && n < cap)
        snprintf(buf + n, cap - n,
                 "%.0f contacts per replication were not transferred again after "
                 "simulation.max_transfers (%d) transfers\n",
                 capped / (double)res->replications, model->max_transfers);
    return buf[0] ? buf : NULL;
}
