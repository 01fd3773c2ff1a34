/*
 * The task farm over MPI ranks (built with make MPI=1; without it a stub of
 * one rank). Rank 0 runs the program; the other ranks sit in cc_mpi_serve.
 * For each job rank 0 sends every worker the job's settings, then hands out
 * tasks dynamically: three in flight per worker, the next one as each record
 * comes back (points differ in cost). A point's model goes with a worker's
 * first task of that point, so a worker holds one model whatever the grid.
 * Rank 0 runs tasks itself while it waits and folds the records in task
 * order, so it alone holds and writes results, identical to one process. A
 * failing worker reports its error and the job ends with CC_EIO (exit 3); a
 * rank that dies makes mpirun end the whole job before anything is written.
 */
#include <stdlib.h>
#include <string.h>

#include "cc_tasks.h"
#include "stats/model_wire.h"
#include "stats/task_mpi.h"
#include "util/alloc.h"

#ifdef CC_WITH_MPI
#include <mpi.h>

/* Message tags. */
enum { TAG_JOB = 1, TAG_MODEL, TAG_TASK, TAG_RESULT, TAG_FAIL, TAG_QUIT };

#define JOB_MAGIC 0x63636a6f62763031ULL /* "ccjobv01" */
#define IN_FLIGHT 3                      /* tasks outstanding per worker */
#define OUT_RING (IN_FLIGHT + 1)         /* a worker's records being sent */

/* Set once by cc_mpi_init, before any thread starts: the process's place in the job. */
static int g_rank, g_ranks = 1, g_started;
static long g_fail_task = -1;

void cc_mpi_inject_failure(long task)
{
    g_fail_task = task;
}

int cc_mpi_built(void)
{
    return 1;
}

int cc_mpi_init(int *argc, char ***argv)
{
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return 0;
    g_started = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g_ranks);
    return g_rank;
}

int cc_mpi_ranks(void)
{
    return g_ranks;
}

/* ---- rank 0: the manager ------------------------------------------------------ */

struct pending {
    long task;
    unsigned char *rec;
    size_t size;
};

struct manager {
    const cc_task_job *job;
    cc_task_merge *tm;
    long *worker_point;         /* [rank] the point whose model the worker holds; -1 none */
    long wire_point;            /* the point serialised in `wire`; -1 none */
    cc_wire wire;               /* [uint64 point][model bytes] of wire_point */
    MPI_Request *sends;         /* model messages in flight */
    unsigned char **send_bufs;  /* their buffers, freed once sent */
    size_t n_sends, cap_sends;
    long next, total;
    struct pending *pend;       /* records waiting for earlier tasks */
    size_t n_pend, cap_pend;
};

/*
 * Sends the worker its next task, preceded by the task's model when the
 * worker holds another point's: tasks go out in order, so a worker needs
 * each point's model once and holds one at a time, whatever the grid's size.
 */
static void send_task(struct manager *mg, int worker)
{
    long long t = mg->next < mg->total ? mg->next++ : -1;
    long p;
    if (t < 0)
        return;
    p = (long)(t / mg->job->opt.replications);
    if (mg->worker_point[worker] != p) {
        if (mg->wire_point != p) {
            uint64_t point = (uint64_t)p;
            mg->wire.len = 0;
            cc_wire_put(&mg->wire, &point, sizeof point);
            cc_simmodel_to_wire(&mg->wire, mg->job->models[p]);
            mg->wire_point = p;
        }
        /*
         * Non-blocking: a blocking send of a large message could wait for a
         * worker that is itself blocked sending its record to us.
         */
        if (mg->n_sends == mg->cap_sends) {
            mg->cap_sends = mg->cap_sends ? 2 * mg->cap_sends : 8;
            mg->sends = cc_xrealloc(mg->sends, mg->cap_sends * sizeof(*mg->sends));
            mg->send_bufs = cc_xrealloc(mg->send_bufs, mg->cap_sends * sizeof(*mg->send_bufs));
        }
        mg->send_bufs[mg->n_sends] = cc_xmalloc(mg->wire.len);
        memcpy(mg->send_bufs[mg->n_sends], mg->wire.data, mg->wire.len);
        MPI_Isend(mg->send_bufs[mg->n_sends], (int)mg->wire.len, MPI_BYTE, worker, TAG_MODEL,
                  MPI_COMM_WORLD, &mg->sends[mg->n_sends]);
        mg->n_sends++;
        mg->worker_point[worker] = p;
    }
    MPI_Send(&t, (int)sizeof t, MPI_BYTE, worker, TAG_TASK, MPI_COMM_WORLD);
}

static void add_pending(struct manager *mg, long task, unsigned char *rec, size_t size)
{
    if (mg->n_pend == mg->cap_pend) {
        mg->cap_pend = mg->cap_pend ? 2 * mg->cap_pend : 16;
        mg->pend = cc_xrealloc(mg->pend, mg->cap_pend * sizeof(*mg->pend));
    }
    mg->pend[mg->n_pend++] = (struct pending){task, rec, size};
}

/* Frees the buffers of model messages that have gone (all of them with `wait`). */
static void reap_sends(struct manager *mg, int wait)
{
    size_t i = 0;
    while (i < mg->n_sends) {
        int done = 1;
        if (wait)
            MPI_Wait(&mg->sends[i], MPI_STATUS_IGNORE);
        else
            MPI_Test(&mg->sends[i], &done, MPI_STATUS_IGNORE);
        if (!done) {
            i++;
            continue;
        }
        free(mg->send_bufs[i]);
        mg->n_sends--;
        mg->sends[i] = mg->sends[mg->n_sends];
        mg->send_bufs[i] = mg->send_bufs[mg->n_sends];
    }
}

/* Folds every waiting record that is next in task order. */
static cc_status fold_ready(struct manager *mg, cc_error *err)
{
    size_t i;
    for (;;) {
        long want = cc_task_merge_done(mg->tm);
        for (i = 0; i < mg->n_pend && mg->pend[i].task != want; i++)
            ;
        if (i == mg->n_pend)
            return CC_OK;
        {
            struct pending p = mg->pend[i];
            cc_status st;
            mg->pend[i] = mg->pend[--mg->n_pend];
            st = cc_task_merge_add(mg->tm, p.task, p.rec, p.size, err);
            free(p.rec);
            if (st != CC_OK)
                return st;
        }
    }
}

/* Receives one message announced by *s: a record (queued) or a failure. */
static cc_status receive(struct manager *mg, MPI_Status *s, cc_error *err)
{
    int n;
    unsigned char *buf;
    long long task;

    MPI_Get_count(s, MPI_BYTE, &n);
    buf = cc_xmalloc(n > 0 ? (size_t)n : 1);
    MPI_Recv(buf, n, MPI_BYTE, s->MPI_SOURCE, s->MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (s->MPI_TAG == TAG_FAIL) {
        cc_status st = cc_error_setf(err, CC_EIO, "MPI rank %d failed: %.*s", s->MPI_SOURCE,
                                     n, (const char *)buf);
        free(buf);
        return st;
    }
    if (s->MPI_TAG != TAG_RESULT || n < (int)sizeof task) {
        free(buf);
        return cc_error_setf(err, CC_EIO, "MPI rank %d sent an unexpected message (tag %d)",
                             s->MPI_SOURCE, s->MPI_TAG);
    }
    memcpy(&task, buf, sizeof task);
    if (task < 0 || task >= mg->total ||
        (size_t)n - sizeof task != cc_task_record_size(mg->job, (long)task)) {
        free(buf);
        return cc_error_setf(err, CC_EIO, "MPI rank %d returned a damaged record",
                             s->MPI_SOURCE);
    }
    memmove(buf, buf + sizeof task, (size_t)n - sizeof task);
    add_pending(mg, (long)task, buf, (size_t)n - sizeof task);
    send_task(mg, s->MPI_SOURCE);
    return CC_OK;
}

static void send_job(const cc_task_job *job)
{
    cc_wire w = {0};
    uint64_t magic = JOB_MAGIC, n_points = job->n_points, seed = job->opt.seed;
    int64_t reps = job->opt.replications;
    int32_t flags[2] = {job->opt.interval_stats, job->opt.interval_percentiles};
    int r;

    cc_wire_put(&w, &magic, sizeof magic);
    cc_wire_put(&w, &n_points, sizeof n_points);
    cc_wire_put(&w, &seed, sizeof seed);
    cc_wire_put(&w, &reps, sizeof reps);
    cc_wire_put(&w, flags, sizeof flags);
    for (r = 1; r < g_ranks; r++)
        MPI_Send(w.data, (int)w.len, MPI_BYTE, r, TAG_JOB, MPI_COMM_WORLD);
    cc_wire_release(&w);
}

cc_status cc_task_mpi_run(const cc_task_job *job, cc_task_merge *tm, cc_error *err)
{
    struct manager mg;
    cc_sim *sim = NULL;
    size_t sim_point = 0, i;
    cc_status st = CC_OK;
    int r, k;

    memset(&mg, 0, sizeof mg);
    mg.job = job;
    mg.tm = tm;
    mg.total = cc_task_count(job);
    mg.wire_point = -1;
    mg.worker_point = cc_xmalloc((size_t)g_ranks * sizeof(long));
    for (r = 0; r < g_ranks; r++)
        mg.worker_point[r] = -1;
    send_job(job);
    for (k = 0; k < IN_FLIGHT; k++)
        for (r = 1; r < g_ranks; r++)
            send_task(&mg, r);
    while (st == CC_OK && cc_task_merge_done(tm) < mg.total) {
        MPI_Status s;
        int flag = 1;
        while (st == CC_OK && flag) {
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &s);
            if (flag)
                st = receive(&mg, &s, err);
        }
        if (st == CC_OK)
            st = fold_ready(&mg, err);
        reap_sends(&mg, 0);
        if (st != CC_OK || cc_task_merge_done(tm) == mg.total)
            break;
        if (mg.next < mg.total) {
            /* Rank 0 works too while the workers are busy. */
            long t = mg.next++;
            size_t size = cc_task_record_size(job, t);
            unsigned char *rec = cc_xmalloc(size);
            if ((st = cc_task_run_one(job, t, &sim, &sim_point, rec, err)) != CC_OK) {
                free(rec);
                break;
            }
            add_pending(&mg, t, rec, size);
        } else {
            MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &s);
            st = receive(&mg, &s, err);
        }
        if (st == CC_OK)
            st = fold_ready(&mg, err);
    }
    if (st == CC_OK) {
        long long end = -1;
        reap_sends(&mg, 1);
        for (r = 1; r < g_ranks; r++)
            MPI_Send(&end, (int)sizeof end, MPI_BYTE, r, TAG_TASK, MPI_COMM_WORLD);
    }
    cc_sim_free(sim);
    for (i = 0; i < mg.n_pend; i++)
        free(mg.pend[i].rec);
    free(mg.pend);
    free(mg.worker_point);
    cc_wire_release(&mg.wire);
    /* after a failure the job is aborted: messages still in flight keep their buffers */
    if (st == CC_OK) {
        free(mg.sends);
        free(mg.send_bufs);
    }
    return st;
}

/* ---- the other ranks: workers ------------------------------------------------- */

struct worker_job {
    cc_task_job job;
    cc_simmodel **models;       /* [n_points]; only the current point's is held */
    size_t n_models;
    long current;               /* the point whose model is held; -1 none */
};

static void worker_job_release(struct worker_job *wj)
{
    if (wj->models && wj->current >= 0)
        cc_simmodel_free(wj->models[wj->current]);
    free(wj->models);
    memset(wj, 0, sizeof(*wj));
    wj->current = -1;
}

static cc_status read_job(const unsigned char *data, size_t len, struct worker_job *wj,
                          cc_error *err)
{
    cc_wire_reader rd = {data, len, 0};
    uint64_t magic, n_points, seed;
    int64_t reps;
    int32_t flags[2];

    memset(wj, 0, sizeof(*wj));
    wj->current = -1;
    if (cc_wire_get(&rd, &magic, sizeof magic) || magic != JOB_MAGIC ||
        cc_wire_get(&rd, &n_points, sizeof n_points) ||
        cc_wire_get(&rd, &seed, sizeof seed) || cc_wire_get(&rd, &reps, sizeof reps) ||
        cc_wire_get(&rd, flags, sizeof flags) || n_points < 1 || n_points > 100000000 ||
        reps < 1)
        return cc_error_setf(err, CC_EINVAL, "the job sent by rank 0 is damaged");
    wj->models = cc_xcalloc((size_t)n_points, sizeof(*wj->models));
    wj->n_models = (size_t)n_points;
    wj->job.models = (const cc_simmodel *const *)wj->models;
    wj->job.n_points = (size_t)n_points;
    wj->job.opt = cc_run_options_default();
    wj->job.opt.seed = seed;
    wj->job.opt.replications = (long)reps;
    wj->job.opt.threads = 1;
    wj->job.opt.interval_stats = flags[0];
    wj->job.opt.interval_percentiles = flags[1];
    return CC_OK;
}

/* Replaces the model held by the one of the point in `data` ([uint64 point][model]). */
static cc_status read_model(const unsigned char *data, size_t len, struct worker_job *wj,
                            cc_error *err)
{
    cc_wire_reader rd = {data, len, 0};
    uint64_t point;
    cc_simmodel *m;
    cc_status st;

    if (cc_wire_get(&rd, &point, sizeof point) || point >= wj->n_models)
        return cc_error_setf(err, CC_EINVAL, "a model sent by rank 0 is damaged");
    if ((st = cc_simmodel_from_wire(&rd, &m, err)) != CC_OK)
        return st;
    if (wj->current >= 0) {
        cc_simmodel_free(wj->models[wj->current]);
        wj->models[wj->current] = NULL;
    }
    wj->models[point] = m;
    wj->current = (long)point;
    return CC_OK;
}

static void send_failure(const cc_error *err)
{
    MPI_Send(err->message, (int)strlen(err->message), MPI_BYTE, 0, TAG_FAIL, MPI_COMM_WORLD);
}

int cc_mpi_serve(void)
{
    struct worker_job wj;
    int have_job = 0, failed = 0;
    cc_sim *sim = NULL;
    size_t sim_point = 0;
    /*
     * Records go out with non-blocking sends from a ring of buffers, so a
     * worker starts its next task while rank 0, busy with a task of its own,
     * has not yet taken the last record.
     */
    struct {
        unsigned char *buf;
        size_t cap;
        MPI_Request req;
        int busy;
    } ring[OUT_RING];
    int slot = 0, k;
    cc_error err;

    memset(ring, 0, sizeof ring);
    memset(&wj, 0, sizeof wj);
    wj.current = -1;
    for (;;) {
        MPI_Status s;
        int n;
        unsigned char *buf;
        MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &s);
        MPI_Get_count(&s, MPI_BYTE, &n);
        buf = cc_xmalloc(n > 0 ? (size_t)n : 1);
        MPI_Recv(buf, n, MPI_BYTE, 0, s.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (s.MPI_TAG == TAG_QUIT) {
            free(buf);
            break;
        }
        if (s.MPI_TAG == TAG_JOB) {
            if (have_job)
                worker_job_release(&wj);
            cc_sim_free(sim);
            sim = NULL;
            failed = read_job(buf, (size_t)n, &wj, &err) != CC_OK;
            have_job = !failed;
            if (failed)
                send_failure(&err);
        } else if (s.MPI_TAG == TAG_MODEL) {
            /* the workspace borrows the model it replaces: free it first */
            cc_sim_free(sim);
            sim = NULL;
            if (have_job && !failed && read_model(buf, (size_t)n, &wj, &err) != CC_OK) {
                failed = 1;
                send_failure(&err);
            }
        } else if (s.MPI_TAG == TAG_TASK && n == (int)sizeof(long long)) {
            long long task;
            memcpy(&task, buf, sizeof task);
            if (task < 0) {
                /* rank 0 took every record before ending the job */
                for (k = 0; k < OUT_RING; k++) {
                    if (ring[k].busy)
                        MPI_Wait(&ring[k].req, MPI_STATUS_IGNORE);
                    ring[k].busy = 0;
                }
                if (have_job)
                    worker_job_release(&wj);
                cc_sim_free(sim);
                sim = NULL;
                have_job = failed = 0;
            } else if (have_job && !failed && task < cc_task_count(&wj.job) &&
                       wj.models[task / wj.job.opt.replications]) {
                size_t size = cc_task_record_size(&wj.job, (long)task) + sizeof task;
                unsigned char *out;
                if (ring[slot].busy) {
                    MPI_Wait(&ring[slot].req, MPI_STATUS_IGNORE);
                    ring[slot].busy = 0;
                }
                if (size > ring[slot].cap) {
                    free(ring[slot].buf);
                    ring[slot].buf = cc_xmalloc(size);
                    ring[slot].cap = size;
                }
                out = ring[slot].buf;
                memcpy(out, &task, sizeof task);
                if (task == g_fail_task) {
                    failed = 1;
                    cc_error_setf(&err, CC_EIO, "task %lld failed (injected failure)", task);
                    send_failure(&err);
                } else if (cc_task_run_one(&wj.job, (long)task, &sim, &sim_point, out + sizeof task,
                                    &err) == CC_OK) {
                    MPI_Isend(out, (int)size, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD,
                              &ring[slot].req);
                    ring[slot].busy = 1;
                    slot = (slot + 1) % OUT_RING;
                } else {
                    failed = 1;
                    send_failure(&err);
                }
            } else if (!failed) {
                failed = 1;
                cc_error_setf(&err, CC_EINVAL, "task %lld arrived without a job", task);
                send_failure(&err);
            }
        }
        free(buf);
    }
    if (have_job)
        worker_job_release(&wj);
    cc_sim_free(sim);
    for (k = 0; k < OUT_RING; k++)
        if (!ring[k].busy)
            free(ring[k].buf);
    return 0;
}

void cc_mpi_finish(int status)
{
    int r;
    if (!g_started)
        return;
    /*
     * After a failure workers may be blocked sending records nobody will
     * receive, so a clean finalise could wait forever: abort the job with
     * the program's exit status instead.
     */
    if (status != 0 && g_ranks > 1)
        MPI_Abort(MPI_COMM_WORLD, status);
    if (g_rank == 0)
        for (r = 1; r < g_ranks; r++)
            MPI_Send(NULL, 0, MPI_BYTE, r, TAG_QUIT, MPI_COMM_WORLD);
    MPI_Finalize();
    g_started = 0;
}

#else /* without MPI: one rank */

int cc_mpi_built(void)
{
    return 0;
}

int cc_mpi_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int cc_mpi_ranks(void)
{
    return 1;
}

int cc_mpi_serve(void)
{
    return 0;
}

void cc_mpi_inject_failure(long task)
{
    (void)task;
}

void cc_mpi_finish(int status)
{
    (void)status;
}

cc_status cc_task_mpi_run(const cc_task_job *job, cc_task_merge *tm, cc_error *err)
{
    (void)job;
    (void)tm;
    return cc_error_setf(err, CC_EINVAL, "this ccsim was built without MPI (make MPI=1)");
}

#endif
