/*
 * Replication driver and task farm: the only file with OpenMP pragmas. A
 * task is one replication of one point (cc_tasks.h). Each thread owns one
 * workspace, re-made when it moves to another point; replication r of a
 * point is seeded from (seed, r), packed into a record and folded in an
 * ordered section in task order, so the results are bit-identical for any
 * number of threads, processes or shards.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

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

static cc_status job_validate(const cc_task_job *job, cc_error *err)
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

/* ---- the task farm on one machine ------------------------------------------ */

/* One thread's workspace, kept while it works on the same point. */
struct worker {
    cc_sim *sim;
    size_t point;               /* the point sim was made for */
    unsigned char *rec;         /* record buffer */
    size_t rec_cap;
};

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

/* Records finished ahead of their turn, waiting for the tasks before them. */
struct early {
    long task;
    unsigned char *rec;
    size_t size;
};

struct handover {
    cc_record_sink sink;
    void *ctx;
    long next;                  /* the next task to hand over */
    struct early *early;
    size_t n_early, cap_early;
    _Atomic int failed;         /* a cc_status; CC_OK while all is well */
    cc_error err;               /* the first failure's message */
    omp_lock_t lock;            /* held while handing over */
};

/* Records a failure; other threads read the flag outside the lock to skip their tasks. */
static void set_failed(struct handover *h, int status)
{
    atomic_store_explicit(&h->failed, status, memory_order_relaxed);
}

static void give(struct handover *h, long t, const unsigned char *rec, size_t size)
{
    cc_status st = h->sink(h->ctx, t, rec, size, &h->err);
    if (st != CC_OK)
        set_failed(h, (int)st);
    h->next++;
}

/*
 * Hands task t's record over in task order (under the caller's lock): at
 * once when it is the next one, then every early record that follows it;
 * otherwise a copy waits its turn. A thread never waits for a slower one,
 * so one descheduled thread does not stall the others.
 */
static void hand_over(struct handover *h, long t, const unsigned char *rec, size_t size,
                      int status, const cc_error *err)
{
    size_t i;
    if (h->failed != CC_OK)
        return;
    if (status != CC_OK) {
        h->err = *err;
        set_failed(h, status);
        return;
    }
    if (t != h->next) {
        if (h->n_early == h->cap_early) {
            h->cap_early = h->cap_early ? 2 * h->cap_early : 8;
            h->early = cc_xrealloc(h->early, h->cap_early * sizeof(*h->early));
        }
        h->early[h->n_early].task = t;
        h->early[h->n_early].rec = cc_xmalloc(size ? size : 1);
        memcpy(h->early[h->n_early].rec, rec, size);
        h->early[h->n_early++].size = size;
        return;
    }
    give(h, t, rec, size);
    while (h->failed == CC_OK) {
        struct early e;
        for (i = 0; i < h->n_early && h->early[i].task != h->next; i++)
            ;
        if (i == h->n_early)
            return;
        e = h->early[i];
        h->early[i] = h->early[--h->n_early];
        give(h, e.task, e.rec, e.size);
        free(e.rec);
    }
}

cc_status cc_tasks_compute(const cc_task_job *job, long first, long end, cc_record_sink sink,
                           void *ctx, cc_error *err)
{
    struct worker *w;
    struct handover h;
    cc_status st;
    int nth, i;
    size_t k;
    long t;

    if ((st = job_validate(job, err)) != CC_OK)
        return st;
    if (first < 0 || end > cc_task_count(job) || first > end)
        return cc_error_setf(err, CC_EINVAL, "tasks %ld to %ld are outside the job's %ld", first,
                             end, cc_task_count(job));
    if (first == end)
        return CC_OK;
    nth = job->opt.threads > 0 ? job->opt.threads : omp_get_max_threads();
    if (nth > end - first)
        nth = (int)(end - first);
    if (nth < 1)
        nth = 1;
    w = cc_xcalloc((size_t)nth, sizeof(*w));
    memset(&h, 0, sizeof h);
    h.sink = sink;
    h.ctx = ctx;
    h.next = first;
    atomic_init(&h.failed, CC_OK);
    omp_init_lock(&h.lock);

    /*
     * Dynamic scheduling, one task at a time: points differ in cost. Records
     * are handed over in task order under a lock (hand_over); once a task
     * failed the others are skipped (an OpenMP loop cannot be left early).
     */
#pragma omp parallel for schedule(dynamic, 1) num_threads(nth)
    for (t = first; t < end; t++) {
        struct worker *me = &w[omp_get_thread_num()];
        size_t size = cc_task_record_size(job, t);
        int my = CC_OK, skip;
        cc_error my_err;
        skip = atomic_load_explicit(&h.failed, memory_order_relaxed);
        if (skip)
            continue;
        if (size > me->rec_cap) {
            free(me->rec);
            me->rec = cc_xmalloc(size);
            me->rec_cap = size;
        }
        my = (int)cc_task_run_one(job, t, &me->sim, &me->point, me->rec, &my_err);
        omp_set_lock(&h.lock);
        hand_over(&h, t, me->rec, size, my, &my_err);
        omp_unset_lock(&h.lock);
    }

    for (i = 0; i < nth; i++) {
        cc_sim_free(w[i].sim);
        free(w[i].rec);
    }
    free(w);
    omp_destroy_lock(&h.lock);
    for (k = 0; k < h.n_early; k++)
        free(h.early[k].rec);
    free(h.early);
    if (h.failed != CC_OK && err)
        *err = h.err;
    return (cc_status)h.failed;
}

static cc_status fold_sink(void *ctx, long task, const void *rec, size_t size, cc_error *err)
{
    return cc_task_merge_add(ctx, task, rec, size, err);
}

cc_status cc_tasks_run(const cc_task_job *job, cc_point_sink sink, void *ctx, cc_error *err)
{
    cc_task_merge *tm;
    cc_status st;

    if ((st = job_validate(job, err)) != CC_OK)
        return st;
    tm = cc_task_merge_new(job, sink, ctx);
    if (cc_mpi_ranks() > 1)
        st = cc_task_mpi_run(job, tm, err);
    else
        st = cc_tasks_compute(job, 0, cc_task_count(job), fold_sink, tm, err);
    cc_task_merge_free(tm);
    return st;
}

/* ---- one point ---------------------------------------------------------------- */

static cc_status keep_results(void *ctx, size_t point, cc_results *res, cc_error *err)
{
    (void)point;
    (void)err;
    *(cc_results **)ctx = res;
    return CC_OK;
}

cc_status cc_replicate(const cc_simmodel *model, const cc_run_options *opt, cc_results **out,
                       cc_error *err)
{
    cc_task_job job;
    cc_results *res = NULL;
    cc_status st;

    if ((st = cc_simmodel_validate(model, err)) != CC_OK)
        return st;
    job.models = &model;
    job.n_points = 1;
    job.opt = *opt;
    st = cc_tasks_run(&job, keep_results, &res, err);
    if (st != CC_OK) {
        cc_results_free(res);
        return st;
    }
    *out = res;
    return CC_OK;
}
