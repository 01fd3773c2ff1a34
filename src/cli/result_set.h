/*
 * A command's result files as one set: they are written into a staging
 * folder beside the target and the folder replaces the target in one
 * rename, so readers see the whole previous set or the whole new one, never
 * a mix, whatever happens to the process (disk full, kill -9). A lock file
 * keeps two commands from writing the same folder at once, and staging
 * folders left by a killed run are removed by the next writer.
 */
#ifndef CC_CLI_RESULT_SET_H
#define CC_CLI_RESULT_SET_H

#include "cli.h"

/* A result folder being written. */
struct cli_results {
    char dir[4096];            /* the folder the results end up in */
    char stage[8320];          /* the staging folder while writing */
    char lock[8320];           /* the lock file beside the folder */
    int lock_fd;               /* open lock file; -1 when not held */
    int files;                 /* files written into the staging folder */
};

/*
 * Chooses the folder (--out DIR when given, else results/<scenario>/<kind>),
 * checks it can hold results (a new folder, an empty one or earlier ccsim
 * results, no sub-folders), creates its parents, takes the lock, removes
 * stale staging folders and creates the staging folder. Call it before the
 * long computation so a bad --out fails at once. `kind` is "run", "plan" or
 * "sweep". Prints the error and returns CLI_USAGE or CLI_IO, else CLI_OK.
 */
int cli_results_begin(struct cli_results *rs, const char *out_dir, const char *scenario_name,
                      const char *kind);

/* Writes NAME into the staging folder with `fn`. Prints and returns CLI_IO on failure. */
int cli_results_write(struct cli_results *rs, const char *name, cli_writer fn, const void *ctx);

/*
 * Puts the staging folder in place of the target (atomically exchanged when
 * the target exists), removes the previous set and releases the lock.
 * Prints and returns CLI_IO on failure, leaving the previous set in place.
 */
int cli_results_commit(struct cli_results *rs);

/* Removes the staging folder and releases the lock; the target is untouched. */
void cli_results_abort(struct cli_results *rs);

#endif
