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

void cli_merge_set(const char *out, long n, FILE **files, const char **paths,
                   struct cc_shard_header *headers)
{
    g_merge.out = out;
    g_merge.n = n;
    g_merge.files = files;
    g_merge.paths = paths;
    g_merge.headers = headers;
}

void cli_merge_clear(void)
{
    memset(&g_merge, 0, sizeof g_merge);
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
        /* An invalid job here is one over the event or memory limit (the options were checked). */
        if (st == CC_EINVAL && !job->opt.no_limits)
            fprintf(stderr, "ccsim: note: --no-limits runs past the event and memory limits\n");
        return cli_exit_for(st);
    }
    return CLI_OK;
}

int cli_check_limits(const cc_simmodel *model, const cc_run_options *opt)
{
    cc_error err;

    if (opt->no_limits || cc_run_check_limits(model, opt, &err) == CC_OK)
        return CLI_OK;
    cli_print_error(&err);
    fprintf(stderr, "ccsim: note: --no-limits runs past the event and memory limits\n");
    return CLI_USAGE;
}
