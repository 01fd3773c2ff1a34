/*
 * Replication driver and task farm: the only file with OpenMP pragmas. A
 * task is one replication of one point (cc_tasks.h). Each thread owns one
 * workspace, re-made when it moves to another point; replication r of a
 * point is seeded from (seed, r), packed into a record and handed over in
 * task order, so the results are bit-identical for any number of threads,
 * processes or shards. Under mpirun the tasks go to task_mpi.c instead.
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

/* ---- the task farm on one machine ------------------------------------------ */

/* One thread's workspace, kept while it works on the same point. */
struct worker {
    cc_sim *sim;
    size_t point;               /* the point sim was made for */
    unsigned char *rec;         /* record buffer */
    size_t rec_cap;
};

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
    cc_run_options lim;
    cc_status st;
    int nth, i;
    size_t k;
    long t;

    if ((st = cc_task_job_validate(job, err)) != CC_OK)
        return st;
    if (first < 0 || end > cc_task_count(job) || first > end)
        return cc_error_setf(err, CC_EINVAL, "tasks %ld to %ld are outside the job's %ld", first,
                             end, cc_task_count(job));
    if (first == end)
        return CC_OK;
    /* At most the machine's cores and the tasks (cc_run_threads). */
    lim = job->opt;
    lim.replications = end - first;
    nth = cc_run_threads(&lim);
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

    if ((st = cc_task_job_validate(job, err)) != CC_OK)
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
