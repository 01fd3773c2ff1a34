/*
 * Writing result files from the commands: every file goes through a
 * temporary name and a rename, so an error leaves the previous file (or
 * none) rather than half a file.
 */
#include <stdio.h>

#include "cc_atomic.h"
#include "cli.h"

int cli_write_atomic(const char *dir, const char *name, cli_writer fn, const void *ctx)
{
    char path[4200];
    cc_atomic_file f;
    cc_error err;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (cc_atomic_open(&f, path, &err) != CC_OK) {
        cli_print_error(&err);
        return CLI_IO;
    }
    if (fn(f.fp, ctx, &err) != CC_OK) {
        cc_atomic_abort(&f);
        cli_print_error(&err);
        return CLI_IO;
    }
    if (cc_atomic_commit(&f, &err) != CC_OK) {
        cli_print_error(&err);
        return CLI_IO;
    }
    return CLI_OK;
}
