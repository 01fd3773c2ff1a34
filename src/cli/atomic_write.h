/*
 * Atomic output files: results are written to a temporary file in the target
 * directory and renamed over the final name only once complete, so a failed
 * or interrupted run never leaves a half-written file behind.
 */
#ifndef CC_ATOMIC_H
#define CC_ATOMIC_H

#include <stdio.h>

#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An output file being written. */
typedef struct cc_atomic_file {
    FILE *fp;               /* write here */
    char final_path[4096];  /* name the file gets on commit */
    char temp_path[4096];   /* the temporary name while writing */
} cc_atomic_file;

/*
 * Creates a temporary file next to `path` and opens it for writing in *file.
 * exceptions: CC_EIO (directory missing or not writable; message names it).
 */
cc_status cc_atomic_open(cc_atomic_file *file, const char *path, cc_error *err);

/*
 * Flushes, syncs and closes the temporary file and renames it to its final
 * name. On failure the temporary file is removed and the final path is left
 * as it was. exceptions: CC_EIO.
 */
cc_status cc_atomic_commit(cc_atomic_file *file, cc_error *err);

/* Closes and removes the temporary file; the final path is untouched. */
void cc_atomic_abort(cc_atomic_file *file);

/*
 * Creates directory `path` and any missing parents (mode 0777 less umask).
 * exceptions: CC_EIO.
 */
cc_status cc_mkdir_p(const char *path, cc_error *err);

#ifdef __cplusplus
}
#endif

#endif
