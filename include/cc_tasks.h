/*
 * Tasks: the unit of work of `run`, `sweep` and the planner's simulations is
 * one replication of one scenario point. A job is a list of points (models),
 * each run for the same replications on the same seed; task t is
 * replication t % R of point t / R. Results are merged in task order, so
 * their bytes never depend on where tasks ran: OpenMP threads, MPI ranks or
 * the shards of a batch job (--shard K/N, then `ccsim merge`).
 *
 * A finished task travels as a record (plain bytes, see
 * cc_task_record_size); a shard writes its records, a merge folds them.
 */
#ifndef CC_TASKS_H
#define CC_TASKS_H

#include <stddef.h>

#include "cc_results.h"
#include "cc_sim.h"
#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A job: n_points models (borrowed), each run with opt (replications, seed, ...). */
typedef struct cc_task_job {
    const cc_simmodel *const *models; /* n_points models, borrowed */
    size_t n_points;                  /* >= 1 */
    cc_run_options opt;               /* replications per point, seed, threads, statistics */
} cc_task_job;

/*
 * Receives point `point`'s results, once per point in point order, never
 * concurrently; the callee owns res (cc_results_free). A status other than
 * CC_OK stops the job and is returned by its caller.
 */
typedef cc_status (*cc_point_sink)(void *ctx, size_t point, cc_results *res, cc_error *err);

/*
 * Receives task `task`'s record (size bytes, borrowed for the call), in task
 * order, never concurrently. A status other than CC_OK stops the job.
 */
typedef cc_status (*cc_record_sink)(void *ctx, long task, const void *rec, size_t size,
                                    cc_error *err);

/* Tasks of the job: n_points x opt.replications. */
long cc_task_count(const cc_task_job *job);

/*
 * Shard k of n (1 <= k <= n) of n_tasks tasks: the contiguous range
 * [*first, *end), the ranges of the n shards covering every task once.
 */
void cc_task_shard(long n_tasks, long k, long n, long *first, long *end);

/* Bytes of task `task`'s record (it depends on its point's model). */
size_t cc_task_record_size(const cc_task_job *job, long task);

/*
 * Runs every task of the job and hands each point's merged results to sink,
 * in point order: an OpenMP task farm over (point x replication) capped at
 * opt.threads, or, in a program started by mpirun with more than one rank
 * (cc_mpi_ranks), a manager/worker farm over the ranks. Either way the
 * results are bit-identical.
 * exceptions: CC_EINVAL (an invalid model or option), CC_EIO (an MPI worker
 * failed or died), or the sink's status.
 */
cc_status cc_tasks_run(const cc_task_job *job, cc_point_sink sink, void *ctx, cc_error *err);

/*
 * Runs tasks [first, end) on this machine (OpenMP, opt.threads) and hands
 * their records to sink in task order: the work of one shard.
 * exceptions: CC_EINVAL, or the sink's status.
 */
cc_status cc_tasks_compute(const cc_task_job *job, long first, long end, cc_record_sink sink,
                           void *ctx, cc_error *err);

/* A merge of records into each point's results (opaque). */
typedef struct cc_task_merge cc_task_merge;

/*
 * A merge of the job's records; each point's results go to sink once its
 * last replication is folded. The job (and its models) must outlive it.
 * Free with cc_task_merge_free.
 */
cc_task_merge *cc_task_merge_new(const cc_task_job *job, cc_point_sink sink, void *ctx);

/*
 * Folds the record of the next task: tasks must come as 0, 1, 2, ... in
 * order. exceptions: CC_EINVAL (a task out of order or a record of the wrong
 * size), or the sink's status.
 */
cc_status cc_task_merge_add(cc_task_merge *tm, long task, const void *rec, size_t size,
                            cc_error *err);

/* Tasks folded so far. */
long cc_task_merge_done(const cc_task_merge *tm);

/* Frees the merge and any point's partial results. Accepts NULL. */
void cc_task_merge_free(cc_task_merge *tm);

/* ---- MPI ---------------------------------------------------------------- */

/*
 * Whether this program was built with MPI (make MPI=1): 1 or 0. Without it
 * every other function below is a no-op reporting one rank.
 */
int cc_mpi_built(void);

/*
 * Starts MPI (thread level "funneled") when built with it and returns this
 * process's rank (0 without MPI). Call once, first thing in main.
 */
int cc_mpi_init(int *argc, char ***argv);

/* Ranks of the job: 1 without MPI or outside mpirun. */
int cc_mpi_ranks(void);

/*
 * The loop of a worker rank (rank > 0): receives jobs from rank 0, runs the
 * tasks it is sent and returns each record, until rank 0 says the program
 * is over. Returns 0, or 3 when the job cannot go on (the caller exits with
 * it).
 */
int cc_mpi_serve(void);

/*
 * Fault injection for tests: a worker rank given task `task` fails it (as a
 * worker whose task cannot run) instead of running it; -1 (the default)
 * turns it off. Call before cc_mpi_serve.
 */
void cc_mpi_inject_failure(long task);

/*
 * Ends MPI: rank 0 tells the workers the program is over (status 0) or has
 * failed, then finalises. With a failure (status != 0) the whole job is
 * aborted with that exit status.
 */
void cc_mpi_finish(int status);

#ifdef __cplusplus
}
#endif

#endif
