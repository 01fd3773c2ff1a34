/*
 * Running a command's tasks here, as one shard, or from merged shards (see
 * tasks_cli.h). A shard file is written atomically; its header keeps the
 * command's arguments without --shard, --out and --threads, which may differ
 * between the shards of one job without changing a result.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "cc_shard.h"
#include "cc_version.h"
#include "cli.h"
#include "options.h"
#include "tasks_cli.h"

/* Set by cmd_merge while it runs the shards' command: the files, sorted by shard. */
static struct {
    const char *out;
    long n;
    FILE **files;
    const char **paths;
    cc_shard_header *headers;
} g_merge;

const char *cli_merge_out(void)
{
    return g_merge.out;
}

int cli_parse_shard(const char *arg, long *k, long *n)
{
    char *end;
    long kk, nn;
    errno = 0;
    kk = strtol(arg, &end, 10);
    if (end == arg || *end != '/' || errno)
        goto bad;
    arg = end + 1;
    nn = strtol(arg, &end, 10);
    if (end == arg || *end || errno || nn < 1 || nn > CC_SHARD_MAX || kk < 1 || kk > nn)
        goto bad;
    *k = kk;
    *n = nn;
    return 0;
bad:
    return cli_flag_errorf("shard", "expected K/N with 1 <= K <= N <= %ld (e.g. 2/8), got '%s'",
                           CC_SHARD_MAX, arg);
}

/* Whether argument `a` carries option value `v` (as "--opt=v" or as the value itself). */
static int holds(const char *a, const char *v)
{
    return v && v > a && v <= a + strlen(a) && v[-1] == '=';
}

/* The arguments that define the job: argv less --shard, --out and --threads. */
static int recipe(const struct cli_tasks *ct, char **out)
{
    const char *drop[3] = {ct->shard, ct->out, ct->threads};
    int i, j, n = 0;
    for (i = 0; i < ct->argc; i++) {
        int skip = 0;
        for (j = 0; j < 3; j++) {
            if (!drop[j])
                continue;
            if (holds(ct->argv[i], drop[j]) || ct->argv[i] == drop[j])
                skip = 1;
            else if (i + 1 < ct->argc && ct->argv[i + 1] == drop[j])
                skip = 1;
        }
        if (!skip)
            out[n++] = ct->argv[i];
    }
    return n;
}

struct shard_out {
    FILE *fp;
    long count;
};

static cc_status write_record(void *ctx, long task, const void *rec, size_t size, cc_error *err)
{
    struct shard_out *so = ctx;
    so->count++;
    return cc_shard_write_record(so->fp, task, rec, size, err);
}

static int write_shard(const struct cli_tasks *ct, const cc_task_job *job)
{
    cc_shard_header h;
    cc_atomic_file af;
    struct shard_out so = {NULL, 0};
    char path[4096], dir[4096];
    char *text;
    size_t len;
    cc_error err;
    cc_status st;

    memset(&h, 0, sizeof h);
    if (cli_parse_shard(ct->shard, &h.k, &h.n))
        return CLI_USAGE;
    text = cli_read_file(ct->scenario_path, &len);
    if (!text) {
        cli_errorf("cannot read '%s'", ct->scenario_path);
        return CLI_IO;
    }
    cc_shard_sha256(text, len, h.sha256);
    free(text);
    snprintf(h.kind, sizeof h.kind, "%s", ct->kind);
    h.seed = job->opt.seed;
    h.replications = job->opt.replications;
    h.n_tasks = cc_task_count(job);
    cc_task_shard(h.n_tasks, h.k, h.n, &h.first, &h.end);
    h.argv = calloc((size_t)ct->argc + 1, sizeof(char *));
    if (!h.argv) {
        cli_errorf("out of memory");
        return CLI_BUG;
    }
    h.argc = recipe(ct, h.argv);
    if (ct->out) {
        char *slash;
        snprintf(path, sizeof path, "%s", ct->out);
        snprintf(dir, sizeof dir, "%s", ct->out);
        slash = strrchr(dir, '/');
        if (slash && slash != dir) {
            *slash = '\0';
            if (cc_mkdir_p(dir, &err) != CC_OK) {
                free(h.argv);
                cli_print_error(&err);
                return CLI_IO;
            }
        }
    } else {
        snprintf(dir, sizeof dir, "results/%.3000s/shards", ct->scenario_name);
        if (cc_mkdir_p(dir, &err) != CC_OK) {
            free(h.argv);
            cli_print_error(&err);
            return CLI_IO;
        }
        if ((size_t)snprintf(path, sizeof path, "%.3900s/%s-%ld-of-%ld.ccshard", dir, ct->kind,
                             h.k, h.n) >= sizeof path) {
            free(h.argv);
            cli_errorf("scenario name too long for a shard path; give --out FILE");
            return CLI_USAGE;
        }
    }
    if ((st = cc_atomic_open(&af, path, &err)) != CC_OK) {
        free(h.argv);
        cli_print_error(&err);
        return CLI_IO;
    }
    so.fp = af.fp;
    st = cc_shard_write_header(af.fp, &h, &err);
    if (st == CC_OK)
        st = cc_tasks_compute(job, h.first, h.end, write_record, &so, &err);
    if (st == CC_OK)
        st = cc_shard_write_end(af.fp, so.count, &err);
    if (st == CC_OK)
        st = cc_atomic_commit(&af, &err);
    else
        cc_atomic_abort(&af);
    free(h.argv);
    if (st != CC_OK) {
        cli_print_error(&err);
        return cli_exit_for(st);
    }
    printf("wrote shard %ld/%ld (tasks %ld to %ld of %ld) to %s\n", h.k, h.n, h.first,
           h.end - 1, h.n_tasks, path);
    return CLI_OK;
}

/* Folds every shard's records in shard order: task order. */
static int merge_shards(const struct cli_tasks *ct, const cc_task_job *job, cc_point_sink sink,
                        void *ctx)
{
    cc_task_merge *tm;
    unsigned char *buf = NULL;
    size_t cap = 0, size, len;
    char sha[65], *text;
    cc_error err;
    long i, task;
    int rc = CLI_OK;

    text = cli_read_file(ct->scenario_path, &len);
    if (!text) {
        cli_errorf("cannot read '%s', the scenario the shards were computed from",
                   ct->scenario_path);
        return CLI_IO;
    }
    cc_shard_sha256(text, len, sha);
    free(text);
    if (strcmp(sha, g_merge.headers[0].sha256) != 0) {
        cli_errorf("scenario '%s' changed since the shards were computed (its SHA-256 differs)",
                   ct->scenario_path);
        return CLI_USAGE;
    }
    if (cc_task_count(job) != g_merge.headers[0].n_tasks) {
        cli_errorf("'%s' holds tasks of a job of %ld tasks, this one has %ld", g_merge.paths[0],
                   g_merge.headers[0].n_tasks, cc_task_count(job));
        return CLI_USAGE;
    }
    tm = cc_task_merge_new(job, sink, ctx);
    for (i = 0; i < g_merge.n && rc == CLI_OK; i++) {
        long count = 0;
        int got;
        while ((got = cc_shard_read_record(g_merge.files[i], g_merge.paths[i], count, &task,
                                           &buf, &cap, &size, &err)) == 1) {
            count++;
            if (task < g_merge.headers[i].first || task >= g_merge.headers[i].end ||
                cc_task_merge_add(tm, task, buf, size, &err) != CC_OK) {
                cli_errorf("'%s': task %ld does not belong there or is damaged",
                           g_merge.paths[i], task);
                rc = CLI_USAGE;
                break;
            }
        }
        if (got < 0) {
            cli_print_error(&err);
            rc = CLI_USAGE;
        } else if (rc == CLI_OK && count != g_merge.headers[i].end - g_merge.headers[i].first) {
            cli_errorf("'%s' holds %ld tasks, shard %ld/%ld needs %ld", g_merge.paths[i], count,
                       g_merge.headers[i].k, g_merge.headers[i].n,
                       g_merge.headers[i].end - g_merge.headers[i].first);
            rc = CLI_USAGE;
        }
    }
    if (rc == CLI_OK && cc_task_merge_done(tm) != cc_task_count(job)) {
        cli_errorf("the shards hold %ld of the job's %ld tasks", cc_task_merge_done(tm),
                   cc_task_count(job));
        rc = CLI_USAGE;
    }
    free(buf);
    cc_task_merge_free(tm);
    return rc;
}

int cli_tasks_execute(const struct cli_tasks *ct, const cc_task_job *job, cc_point_sink sink,
                      void *ctx, int *shard_written)
{
    cc_error err;
    cc_status st;

    *shard_written = 0;
    if (g_merge.out)
        return merge_shards(ct, job, sink, ctx);
    if (ct->shard) {
        int rc = write_shard(ct, job);
        *shard_written = rc == CLI_OK;
        return rc;
    }
    st = cc_tasks_run(job, sink, ctx, &err);
    if (st != CC_OK) {
        cli_print_error(&err);
        return cli_exit_for(st);
    }
    return CLI_OK;
}

/* ---- ccsim merge ------------------------------------------------------------------ */

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
    g_merge.out = argv[1];
    g_merge.n = n;
    g_merge.files = sorted_files;
    g_merge.paths = sorted_paths;
    g_merge.headers = sorted;
    if (hdr[0].argc < 1) {
        cli_errorf("'%s' names no command", argv[2]);
    } else if (!strcmp(hdr[0].kind, "run") && !strcmp(hdr[0].argv[0], "run")) {
        rc = cmd_run(hdr[0].argc, hdr[0].argv);
    } else if (!strcmp(hdr[0].kind, "sweep") && !strcmp(hdr[0].argv[0], "sweep")) {
        rc = cmd_sweep(hdr[0].argc, hdr[0].argv);
    } else {
        cli_errorf("'%s' is a shard of an unknown command '%s'", argv[2], hdr[0].kind);
    }
    memset(&g_merge, 0, sizeof g_merge);
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
