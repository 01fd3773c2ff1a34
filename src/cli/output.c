/*
 * Writing result files from the commands: every file goes through a
 * temporary name and a rename, so an error leaves the previous file (or
 * none) rather than half a file. Also the progress bar that long runs show
 * on stderr when it is a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic_write.h"
#include "cc_report.h"
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

void cli_progress_init(struct cli_progress *p, const char *what)
{
    const char *delay = getenv("CCSIM_PROGRESS_DELAY");
    p->what = what;
    p->shown = 0;
    p->active = isatty(STDERR_FILENO);
    p->delay_s = 1.0;
    if (delay && cc_parse_number(delay, &p->delay_s) != CC_OK)
        p->delay_s = 1.0;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
}

void cli_progress_update(void *ctx, long done, long total)
{
    struct cli_progress *p = ctx;
    struct timespec now;
    double elapsed;
    int width = 30, filled;

    if (!p->active || total <= 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    elapsed = (double)(now.tv_sec - p->start.tv_sec) + 1e-9 * (double)(now.tv_nsec - p->start.tv_nsec);
    if (elapsed < p->delay_s && !p->shown)
        return;
    filled = (int)((double)width * (double)done / (double)total);
    fprintf(stderr, "\r[%.*s%*s] %ld/%ld %s, %.0f s", filled,
            "##############################", width - filled, "", done, total, p->what, elapsed);
    fflush(stderr);
    p->shown = 1;
}

void cli_progress_done(struct cli_progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->shown = 0;
}

int cli_use_colour(FILE *stream)
{
    const char *no = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no && no[0])
        return 0;
    if (term && !strcmp(term, "dumb"))
        return 0;
    return isatty(fileno(stream));
}

const char *cli_colour(FILE *stream, enum cli_colour_kind kind)
{
    if (!cli_use_colour(stream))
        return "";
    switch (kind) {
    case CLI_COLOUR_BAD: return "\033[31m";
    case CLI_COLOUR_GOOD: return "\033[32m";
    case CLI_COLOUR_RESET: return "\033[0m";
    }
    return "";
}

void cli_meta_fill(struct cli_meta_buf *buf, cc_run_meta *meta, const struct timespec *t0,
                   const struct timespec *t1, int threads)
{
    time_t now = time(NULL);
    struct tm tmv;

    gmtime_r(&now, &tmv);
    strftime(buf->stamp, sizeof(buf->stamp), "%Y-%m-%dT%H:%M:%SZ", &tmv);
    buf->host[0] = '\0';
    gethostname(buf->host, sizeof(buf->host) - 1);
    buf->host[sizeof(buf->host) - 1] = '\0';
    meta->timestamp = buf->stamp;
    meta->host = buf->host;
    meta->wall_s = (double)(t1->tv_sec - t0->tv_sec) + 1e-9 * (double)(t1->tv_nsec - t0->tv_nsec);
    /* 0 asks the runtime for its default, one thread per online core. */
    meta->threads = threads > 0 ? threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
}
