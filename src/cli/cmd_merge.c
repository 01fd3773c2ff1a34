/*
 * ccsim merge OUT SHARD...: checks that the shard files of one `run` or
 * `sweep --shard K/N` job belong together (same command and arguments,
 * scenario SHA-256, seed, replications and N; every shard once), then runs
 * that command with its tasks read back from the shards (tasks_cli.c), so it
 * writes the results and table a single process writes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cc_shard.h"
#include "cc_version.h"
#include "cli.h"
#include "tasks_cli.h"

static void merge_help(void)
{
    printf("usage: ccsim merge OUT PART...\n"
           "\n"
           "Merges the shard files written by 'ccsim run|sweep ... --shard K/N' into the\n"
           "results a single process writes, in folder OUT: the same files, identical\n"
           "outside 'meta'. Every shard 1/N..N/N must be given exactly once, all from\n"
           "the same command, scenario (SHA-256), seed and N. The scenario file must\n"
           "still be at the path the shards name, unchanged.\n"
           "\n"
           "Exit codes: 0 ok, 2 a shard missing, given twice, from another job or\n"
           "damaged (the message names it), 3 I/O error.\n");
}

/* Which field makes b foreign to a, or NULL when they belong to one job. */
static const char *differs(const cc_shard_header *a, const cc_shard_header *b)
{
    int i;
    if (strcmp(a->kind, b->kind))
        return "command";
    if (strcmp(a->sha256, b->sha256))
        return "scenario SHA-256";
    if (a->seed != b->seed)
        return "seed";
    if (a->replications != b->replications)
        return "replications";
    if (a->n != b->n)
        return "shard count N";
    if (a->n_tasks != b->n_tasks)
        return "task count";
    if (strcmp(a->version, b->version))
        return "ccsim version";
    if (a->argc != b->argc)
        return "arguments";
    for (i = 0; i < a->argc; i++)
        if (strcmp(a->argv[i], b->argv[i]))
            return "arguments";
    return NULL;
}

int cmd_merge(int argc, char **argv)
{
    long n_parts, i, n = 0;
    FILE **files = NULL;
    cc_shard_header *hdr = NULL, *sorted = NULL;
    const char **sorted_paths = NULL;
    FILE **sorted_files = NULL;
    long *slot = NULL;
    cc_error err;
    int rc = CLI_USAGE;

    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        merge_help();
        return CLI_OK;
    }
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            cli_errorf("unknown option '%s'; run 'ccsim merge --help'", argv[i]);
            return CLI_USAGE;
        }
    }
    if (argc < 3) {
        cli_errorf("expected an output folder and at least one shard; run 'ccsim merge --help'");
        return CLI_USAGE;
    }
    n_parts = argc - 2;
    files = calloc((size_t)n_parts, sizeof(*files));
    hdr = calloc((size_t)n_parts, sizeof(*hdr));
    if (!files || !hdr) {
        cli_errorf("out of memory");
        rc = CLI_BUG;
        goto out;
    }
    for (i = 0; i < n_parts; i++) {
        const char *path = argv[i + 2];
        files[i] = fopen(path, "rb");
        if (!files[i]) {
            cli_errorf("cannot read shard '%s': %s", path, strerror(errno));
            goto out;
        }
        if (cc_shard_read_header(files[i], path, &hdr[i], &err) != CC_OK) {
            cli_print_error(&err);
            goto out;
        }
        if (strcmp(hdr[i].version, cc_version())) {
            cli_errorf("'%s' was written by ccsim %s, this is %s", path, hdr[i].version,
                       cc_version());
            goto out;
        }
        if (i > 0 && differs(&hdr[0], &hdr[i])) {
            cli_errorf("'%s' belongs to another job than '%s' (different %s)", path, argv[2],
                       differs(&hdr[0], &hdr[i]));
            goto out;
        }
    }
    n = hdr[0].n;
    slot = malloc((size_t)n * sizeof(*slot));
    if (!slot) {
        cli_errorf("out of memory");
        rc = CLI_BUG;
        goto out;
    }
    for (i = 0; i < n; i++)
        slot[i] = -1;
    for (i = 0; i < n_parts; i++) {
        long k = hdr[i].k, first, end;
        if (slot[k - 1] >= 0) {
            cli_errorf("'%s' and '%s' are both shard %ld/%ld", argv[slot[k - 1] + 2],
                       argv[i + 2], k, n);
            goto out;
        }
        cc_task_shard(hdr[i].n_tasks, k, n, &first, &end);
        if (hdr[i].first != first || hdr[i].end != end) {
            cli_errorf("'%s' holds tasks %ld to %ld, but shard %ld/%ld is tasks %ld to %ld",
                       argv[i + 2], hdr[i].first, hdr[i].end - 1, k, n, first, end - 1);
            goto out;
        }
        slot[k - 1] = i;
    }
    for (i = 0; i < n; i++) {
        if (slot[i] < 0) {
            cli_errorf("shard %ld/%ld is missing (%ld of %ld given)", i + 1, n, n_parts, n);
            goto out;
        }
    }
    sorted = calloc((size_t)n, sizeof(*sorted));
    sorted_paths = calloc((size_t)n, sizeof(*sorted_paths));
    sorted_files = calloc((size_t)n, sizeof(*sorted_files));
    if (!sorted || !sorted_paths || !sorted_files) {
        cli_errorf("out of memory");
        rc = CLI_BUG;
        goto out;
    }
    for (i = 0; i < n; i++) {
        sorted[i] = hdr[slot[i]];
        sorted_paths[i] = argv[slot[i] + 2];
        sorted_files[i] = files[slot[i]];
    }
    cli_merge_set(argv[1], n, sorted_files, sorted_paths, sorted);
    if (hdr[0].argc < 1) {
        cli_errorf("'%s' names no command", argv[2]);
    } else if (!strcmp(hdr[0].kind, "run") && !strcmp(hdr[0].argv[0], "run")) {
        rc = cmd_run(hdr[0].argc, hdr[0].argv);
    } else if (!strcmp(hdr[0].kind, "sweep") && !strcmp(hdr[0].argv[0], "sweep")) {
        rc = cmd_sweep(hdr[0].argc, hdr[0].argv);
    } else {
        cli_errorf("'%s' is a shard of an unknown command '%s'", argv[2], hdr[0].kind);
    }
    cli_merge_clear();
out:
    for (i = 0; i < n_parts; i++) {
        if (files && files[i])
            fclose(files[i]);
        if (hdr)
            cc_shard_header_release(&hdr[i]);
    }
    free(files);
    free(hdr);
    free(slot);
    free(sorted);
    free(sorted_paths);
    free(sorted_files);
    return rc;
}
