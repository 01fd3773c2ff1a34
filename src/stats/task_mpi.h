/*
 * The task farm's private parts: what tasks.c gives the one-machine farm
 * (replicate.c) and the MPI manager/worker farm (task_mpi.c), and the MPI
 * farm's entry for cc_tasks_run.
 */
#ifndef CC_STATS_TASK_MPI_H
#define CC_STATS_TASK_MPI_H

#include "cc_tasks.h"

/* Checks the job's options, models and limits (cc_run_check_limits, unless opt.no_limits).
 * exceptions: CC_EINVAL. */
cc_status cc_task_job_validate(const cc_task_job *job, cc_error *err);

/*
 * Runs task `task` of the job into rec (cc_task_record_size bytes) with the
 * workspace *sim, made for point *sim_point; the workspace is re-made when
 * the task belongs to another point. exceptions: CC_EINVAL.
 */
cc_status cc_task_run_one(const cc_task_job *job, long task, cc_sim **sim, size_t *sim_point,
                          void *rec, cc_error *err);

/*
 * Rank 0's side of cc_tasks_run over MPI: sends the job to every worker,
 * hands out tasks one at a time as workers finish (rank 0 runs tasks too
 * while it waits) and folds the records into tm in task order.
 * exceptions: CC_EIO (a worker failed), CC_EINVAL, the sink's status.
 */
cc_status cc_task_mpi_run(const cc_task_job *job, cc_task_merge *tm, cc_error *err);

#endif
