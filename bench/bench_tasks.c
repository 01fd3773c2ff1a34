/*
 * Task farm benchmark: the 48-point x 10-replication sweep of
 * scenarios/ecommerce-week.yaml (480 tasks) run through cc_tasks_compute
 * with one thread, timing in CPU time (immune to other load on the machine)
 * the whole job and the part done in task order under the farm's lock (the
 * fold of each record into its point's results). That part is the only
 * serial work, so Amdahl's law bounds the speed-up on 2 cores; the wall-clock
 * figures at 1 and 2 threads follow for comparison (they need a quiet
 * machine; see make bench-scale for the command-line version).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_scenario.h"
#include "cc_sim.h"
#include "cc_tasks.h"

#define N_AGENTS 12
#define N_VOLUME 4
#define N_POINTS (N_AGENTS * N_VOLUME)

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double wall_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The fold, timed: the serial part of the farm. */
struct timed_merge {
    cc_task_merge *tm;
    double cpu;
};

static cc_status drop(void *ctx, size_t point, cc_results *res, cc_error *err)
{
    (void)ctx;
    (void)point;
    (void)err;
    cc_results_free(res);
    return CC_OK;
}

static cc_status timed_fold(void *ctx, long task, const void *rec, size_t size, cc_error *err)
{
    struct timed_merge *m = ctx;
    double t0 = cpu_now();
    cc_status st = cc_task_merge_add(m->tm, task, rec, size, err);
    m->cpu += cpu_now() - t0;
    return st;
}

static double run(const cc_task_job *job, double *fold_cpu, double *cpu)
{
    struct timed_merge m = {cc_task_merge_new(job, drop, NULL), 0.0};
    cc_error err;
    double w0 = wall_now(), c0 = cpu_now();
    if (cc_tasks_compute(job, 0, cc_task_count(job), timed_fold, &m, &err) != CC_OK) {
        fprintf(stderr, "bench_tasks: %s\n", err.message);
        exit(1);
    }
    *cpu = cpu_now() - c0;
    *fold_cpu = m.cpu;
    cc_task_merge_free(m.tm);
    return wall_now() - w0;
}

int main(void)
{
    static char agents[N_AGENTS][4] = {"24", "26", "28", "30", "32", "34",
                                       "36", "38", "40", "42", "44", "46"};
    static char volume[N_VOLUME][8] = {"2000", "2400", "2800", "3200"};
    static char key_agents[] = "teams.tier1.shifts[0].agents";
    static char key_volume[] = "channels.chat.volume.per_day";
    cc_simmodel *models[N_POINTS];
    cc_scenario *s;
    cc_task_job job;
    cc_diag_list diags;
    cc_error err;
    double fold, cpu, wall1, wall2, f, tasks;
    int a, v, p;

    for (a = 0; a < N_AGENTS; a++) {
        for (v = 0; v < N_VOLUME; v++) {
            cc_override ov[2] = {{key_agents, agents[a]}, {key_volume, volume[v]}};
            cc_diag_list_init(&diags);
            if (cc_scenario_load_file_with_overrides("scenarios/ecommerce-week.yaml", ov, 2, &s,
                                                     &diags, &err) != CC_OK ||
                cc_simmodel_from_scenario(s, &models[a * N_VOLUME + v], &err) != CC_OK) {
                fprintf(stderr, "bench_tasks: scenarios/ecommerce-week.yaml: %s\n", err.message);
                return 1;
            }
            cc_diag_list_release(&diags);
            cc_scenario_free(s);
        }
    }
    job.models = (const cc_simmodel *const *)models;
    job.n_points = N_POINTS;
    job.opt = cc_run_options_default();
    job.opt.replications = 10;
    job.opt.seed = 20260302;
    job.opt.interval_stats = 0;
    tasks = (double)cc_task_count(&job);

    job.opt.threads = 1;
    wall1 = run(&job, &fold, &cpu);
    f = fold / cpu;
    job.opt.threads = 2;
    wall2 = run(&job, &fold, &cpu);
    printf("task farm: 48 points x 10 replications of ecommerce-week (%.0f tasks)\n", tasks);
    printf("  CPU per task, 1 thread          %8.2f ms\n", 1000.0 * cpu / tasks);
    printf("  of which in task order (fold)   %8.3f ms (%.2f%%)\n", 1000.0 * f * cpu / tasks,
           100.0 * f);
    printf("  Amdahl bound on 2 cores         %8.2fx\n", 1.0 / (f + (1.0 - f) / 2.0));
    printf("  wall, 1 thread / 2 threads      %8.2f s / %.2f s = %.2fx (needs a quiet machine)\n",
           wall1, wall2, wall1 / wall2);
    for (p = 0; p < N_POINTS; p++)
        cc_simmodel_free(models[p]);
    return 0;
}
