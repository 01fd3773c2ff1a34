/*
 * How `run` and `sweep` get their tasks done: all of them here (threads, or
 * MPI ranks under mpirun), one shard of them written to a shard file
 * (--shard K/N), or, inside `ccsim merge`, read back from the shard files.
 * The command builds the same job in all three cases, so the merged results
 * are the ones a single process writes.
 */
#ifndef CCSIM_CLI_TASKS_H
#define CCSIM_CLI_TASKS_H

#include <stdio.h>

#include "cc_tasks.h"

/* A command's request. The strings are borrowed from its argv. */
struct cli_tasks {
    const char *kind;          /* "run" or "sweep" */
    const char *scenario_path; /* the scenario file */
    const char *scenario_name; /* for the default shard path */
    const char *shard;         /* --shard K/N as given, or NULL */
    const char *out;           /* --out as given (the shard file with --shard), or NULL */
    const char *threads;       /* --threads as given, or NULL */
    int argc;                  /* the command's arguments, argv[0] its name */
    char **argv;
};

/*
 * Checks a --shard argument, "K/N" with 1 <= K <= N <= CC_SHARD_MAX.
 * Returns 0, or prints one line naming --shard and returns CLI_USAGE.
 */
int cli_parse_shard(const char *arg, long *k, long *n);

/*
 * Runs the job as the request says. Results go to sink point by point, except
 * with --shard, where the shard file is written and *shard_written set to 1
 * (the command then stops). Prints every error; returns 0 or the exit code.
 */
int cli_tasks_execute(const struct cli_tasks *ct, const cc_task_job *job, cc_point_sink sink,
                      void *ctx, int *shard_written);

/*
 * Whether one simulation of `model` with `opt` fits the event and memory
 * limits (cc_run_check_limits), checked by `plan` and `sweep` before they
 * simulate. Returns 0 (also under opt->no_limits), or prints the estimate
 * and the --no-limits note and returns CLI_USAGE.
 */
int cli_check_limits(const cc_simmodel *model, const cc_run_options *opt);

/* The folder `ccsim merge` writes to while it runs a command, else NULL. */
const char *cli_merge_out(void);

struct cc_shard_header;

/*
 * Puts the process in merge mode (cmd_merge): the n shard files, sorted by
 * shard number, their paths and headers (all borrowed until cli_merge_clear),
 * and the output folder.
 */
void cli_merge_set(const char *out, long n, FILE **files, const char **paths,
                   struct cc_shard_header *headers);

/* Leaves merge mode. */
void cli_merge_clear(void);

/* ccsim merge OUT PART...: checks the shards and runs their command from them. */
int cmd_merge(int argc, char **argv);

#endif
