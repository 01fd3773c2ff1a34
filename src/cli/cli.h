/*
 * Shared declarations of the ccsim command line: exit codes, the subcommands
 * and the helpers that print diagnostics. Only files in src/cli print or exit.
 */
#ifndef CCSIM_CLI_H
#define CCSIM_CLI_H

#include <stdio.h>
#include <time.h>

#include "cc.h"

/* Exit codes, as README.md documents them. */
enum cli_exit {
    CLI_OK = 0,        /* success */
    CLI_CHECK = 1,     /* a check failed: regression, infeasible target, unstable queue */
    CLI_USAGE = 2,     /* usage, input or scenario error */
    CLI_IO = 3,        /* input/output error */
    CLI_BUG = 70,      /* internal error */
};

/* One subcommand: its name, its entry point and a one-line summary. */
struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

int cmd_erlang(int argc, char **argv);
int cmd_staff(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_fit(int argc, char **argv);

struct cc_scenario;
struct cc_override;

/*
 * Loads a scenario file with `n_sets` key overrides applied, printing every
 * problem (errors and warnings) to stderr. Returns 0, or the exit code.
 */
int cli_load_scenario(const char *path, const struct cc_override *sets, size_t n_sets,
                      struct cc_scenario **out);

/*
 * Adds a --set KEY=VALUE argument to `sets` (splitting `arg` in place).
 * Returns 0, or prints one line naming --set and returns CLI_USAGE.
 */
int cli_parse_set(char *arg, struct cc_override *sets, size_t *n_sets, size_t max);

/*
 * Reads a whole file into a NUL-terminated buffer the caller frees; *len is
 * its length. Returns NULL (errno set) when it cannot be read.
 */
char *cli_read_file(const char *path, size_t *len);

struct cc_diag_list;

/* Prints every kept diagnostic as FILE:LINE:COL: error|warning: MESSAGE. */
void cli_print_diags(const struct cc_diag_list *diags);

/* Writes the content of one result file to `out`; `ctx` is the writer's data. */
typedef cc_status (*cli_writer)(FILE *out, const void *ctx, cc_error *err);

/*
 * Writes DIR/NAME atomically with `fn`. Prints the error and returns CLI_IO
 * on failure, CLI_OK on success.
 */
int cli_write_atomic(const char *dir, const char *name, cli_writer fn, const void *ctx);

/*
 * A progress bar on stderr, drawn only when stderr is a terminal and the
 * work has taken longer than CCSIM_PROGRESS_DELAY seconds (default 1).
 */
struct cli_progress {
    const char *what;          /* unit counted, e.g. "replications" */
    struct timespec start;     /* when the work began */
    double delay_s;            /* no bar before this much time, seconds */
    int active;                /* stderr is a terminal */
    int shown;                 /* the bar has been drawn */
};

void cli_progress_init(struct cli_progress *p, const char *what);

/* Matches cc_run_options.progress: `ctx` is a struct cli_progress. */
void cli_progress_update(void *ctx, long done, long total);

/* Erases the bar if it was drawn. */
void cli_progress_done(struct cli_progress *p);

/* Storage for the strings of a cc_run_meta. */
struct cli_meta_buf {
    char stamp[32];            /* ISO 8601 UTC time */
    char host[256];            /* machine name */
};

struct cc_run_meta;

/* Fills run facts (time, host, wall time between t0 and t1, threads). */
void cli_meta_fill(struct cli_meta_buf *buf, struct cc_run_meta *meta, const struct timespec *t0,
                   const struct timespec *t1, int threads);

/*
 * Colour for emphasis on a terminal only: never when `stream` is not a
 * terminal, when NO_COLOR is set to anything, or when TERM is "dumb". The
 * words always carry the meaning; colour only repeats it.
 */
enum cli_colour_kind { CLI_COLOUR_BAD, CLI_COLOUR_GOOD, CLI_COLOUR_RESET };
int cli_use_colour(FILE *stream);
const char *cli_colour(FILE *stream, enum cli_colour_kind kind);

/* Prints "ccsim: error: MESSAGE" to stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a library error, with FILE:LINE:COL when it has a position. */
void cli_print_error(const cc_error *err);

/* Maps a library status to the process exit code. */
int cli_exit_for(cc_status code);

#endif
