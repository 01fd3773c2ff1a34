/*
 * Jobs and their tasks (cc_tasks.h): counting and sharding tasks, running
 * one task into its record, and folding records into each point's results
 * in task order. The farms that spread tasks (replicate.c on threads,
 * task_mpi.c on MPI ranks) build on these.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_sim.h"
#include "cc_tasks.h"
#include "stats/merge.h"
#include "stats/task_mpi.h"

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

/* ---- jobs and shards ------------------------------------------------------ */

long cc_task_count(const cc_task_job *job)
{
    return (long)job->n_points * job->opt.replications;
}

void cc_task_shard(long n_tasks, long k, long n, long *first, long *end)
{
    /*
     * Balanced contiguous ranges, floor(n_tasks * k / n), written so as not
     * to overflow: shard sizes differ by at most one task.
     */
    long q = n_tasks / n, rem = n_tasks % n;
    *first = q * (k - 1) + rem * (k - 1) / n;
    *end = q * k + rem * k / n;
}

size_t cc_task_record_size(const cc_task_job *job, long task)
{
    return cc_merge_record_size(job->models[task / job->opt.replications], &job->opt);
}

cc_status cc_task_job_validate(const cc_task_job *job, cc_error *err)
{
    const cc_run_options *opt = &job->opt;
    size_t p;
    cc_status st;

    if (opt->replications < 1 || opt->replications > 1000000)
        return cc_error_setf(err, CC_EINVAL, "replications must be 1 to 10^6, got %ld",
                             opt->replications);
    if (opt->threads < 0 || opt->threads > 1024)
        return cc_error_setf(err, CC_EINVAL, "threads must be 0 to 1024, got %d", opt->threads);
    if (job->n_points < 1)
        return cc_error_setf(err, CC_EINVAL, "a job needs at least one point");
    for (p = 0; p < job->n_points; p++)
        if ((st = cc_simmodel_validate(job->models[p], err)) != CC_OK)
            return st;
    /* Each point's events and memory, before anything is simulated (unless opt.no_limits). */
    for (p = 0; p < job->n_points; p++)
        if ((st = cc_run_check_limits(job->models[p], opt, err)) != CC_OK)
            return st;
    return CC_OK;
}

/* ---- merging records in task order ---------------------------------------- */

struct cc_task_merge {
    const cc_task_job *job;
    cc_point_sink sink;
    void *ctx;
    cc_merge *mg;               /* the current point's merge; NULL between points */
    long next;                  /* the next task expected */
};

cc_task_merge *cc_task_merge_new(const cc_task_job *job, cc_point_sink sink, void *ctx)
{
    cc_task_merge *tm = cc_xcalloc(1, sizeof(*tm));
    tm->job = job;
    tm->sink = sink;
    tm->ctx = ctx;
    return tm;
}

cc_status cc_task_merge_add(cc_task_merge *tm, long task, const void *rec, size_t size,
                            cc_error *err)
{
    const cc_task_job *job = tm->job;
    long R = job->opt.replications, r = task % R;
    size_t p = (size_t)(task / R);

    if (task != tm->next || task >= cc_task_count(job))
        return cc_error_setf(err, CC_EINVAL, "task %ld arrived where task %ld was expected",
                             task, tm->next);
    if (size != cc_task_record_size(job, task))
        return cc_error_setf(err, CC_EINVAL, "task %ld's record has %zu bytes, expected %zu",
                             task, size, cc_task_record_size(job, task));
    if (!tm->mg)
        tm->mg = cc_merge_new(job->models[p], &job->opt);
    cc_merge_record_fold(tm->mg, rec, r);
    tm->next++;
    if (job->opt.progress)
        job->opt.progress(job->opt.progress_ctx, tm->next, cc_task_count(job));
    if (r == R - 1) {
        cc_results *res = cc_merge_finish(tm->mg);
        tm->mg = NULL;
        return tm->sink(tm->ctx, p, res, err);
    }
    return CC_OK;
}

long cc_task_merge_done(const cc_task_merge *tm)
{
    return tm->next;
}

void cc_task_merge_free(cc_task_merge *tm)
{
    if (!tm)
        return;
    cc_merge_free(tm->mg);
    free(tm);
}

cc_status cc_task_run_one(const cc_task_job *job, long task, cc_sim **sim, size_t *sim_point,
                          void *rec, cc_error *err)
{
    long R = job->opt.replications;
    size_t p = (size_t)(task / R);
    cc_sim_options so;
    cc_status st;

    so.interval_percentiles = job->opt.interval_stats && job->opt.interval_percentiles;
    if (!*sim || *sim_point != p) {
        cc_sim_free(*sim);
        *sim = NULL;
        if ((st = cc_sim_new(job->models[p], &so, sim, err)) != CC_OK)
            return st;
        *sim_point = p;
    }
    cc_sim_reset(*sim, job->opt.seed, (uint64_t)(task % R));
    cc_sim_run(*sim);
    cc_merge_record_pack(job->models[p], &job->opt, *sim, rec);
    return CC_OK;
}

