/*
 * Result folders written as one set (see result_set.h): a staging folder
 * beside the target, renamed over it with renameat2(RENAME_EXCHANGE) so the
 * target is never missing nor mixed, and a lock file taken with flock so a
 * second writer is refused instead of interleaving its files.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "options.h"
#include "result_set.h"

/* A name that can be one folder under results/: no separators, dots-only or controls. */
static int safe_folder_name(const char *name)
{
    const unsigned char *p;
    if (!name[0] || !strcmp(name, ".") || !strcmp(name, ".."))
        return 0;
    for (p = (const unsigned char *)name; *p; p++)
        if (*p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* Splits `path` into its parent folder and last component (trailing slashes dropped). */
static void split_path(const char *path, char *parent, size_t pcap, char *base, size_t bcap)
{
    char buf[4096];
    char *slash;
    size_t n;
    snprintf(buf, sizeof(buf), "%s", path);
    n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    slash = strrchr(buf, '/');
    if (!slash) {
        snprintf(parent, pcap, ".");
        snprintf(base, bcap, "%s", buf);
    } else if (slash == buf) {
        snprintf(parent, pcap, "/");
        snprintf(base, bcap, "%s", slash + 1);
    } else {
        *slash = '\0';
        snprintf(parent, pcap, "%s", buf);
        snprintf(base, bcap, "%s", slash + 1);
    }
}

/* Removes a folder holding only files. Returns 0, or -1 with errno set. */
static int remove_flat_dir(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char file[4400];
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
        unlink(file);
    }
    closedir(d);
    return rmdir(path);
}

/*
 * Whether an existing folder may be replaced by results: empty, or holding
 * files only, one of which is ccsim's marker or a summary ccsim wrote.
 * Sets *why for the message otherwise.
 */
static int replaceable(const char *dir, const char **why)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int files = 0, ours = 0;
    char path[4400];
    struct stat st;
    if (!d) {
        *why = "cannot be read";
        return 0;
    }
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            closedir(d);
            *why = "holds folders or other entries that are not result files";
            return 0;
        }
        files++;
        if (!strcmp(e->d_name, ".ccsim-results") || !strcmp(e->d_name, "summary.json") ||
            !strcmp(e->d_name, "sweep.json"))
            ours = 1;
    }
    closedir(d);
    if (files > 0 && !ours) {
        *why = "holds files that are not ccsim results";
        return 0;
    }
    return 1;
}

/* Removes staging folders of `base` left in `parent` by runs that died. */
static void remove_stale_stages(const char *parent, const char *base)
{
    DIR *d = opendir(parent);
    struct dirent *e;
    char prefix[4200], path[8400];
    size_t plen;
    if (!d)
        return;
    snprintf(prefix, sizeof(prefix), ".%s.partial-", base);
    plen = strlen(prefix);
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, plen) != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", parent, e->d_name);
        remove_flat_dir(path);
    }
    closedir(d);
}

static cc_status write_marker(FILE *out, const void *ctx, cc_error *err)
{
    (void)ctx;
    (void)err;
    fputs("ccsim results: this folder is replaced as a whole by the next command writing it\n",
          out);
    return CC_OK;
}

int cli_results_begin(struct cli_results *rs, const char *out_dir, const char *scenario_name,
                      const char *kind)
{
    char parent[4096], base[4096];
    struct stat st;
    const char *why;
    cc_error err;
    int n;

    memset(rs, 0, sizeof(*rs));
    rs->lock_fd = -1;
    if (out_dir) {
        if (strlen(out_dir) >= sizeof(rs->dir) - 64)
            return cli_flag_errorf("out", "path is %zu bytes long; at most %zu are allowed",
                                   strlen(out_dir), sizeof(rs->dir) - 65);
        if (!out_dir[0])
            return cli_flag_errorf("out", "needs a folder name");
        for (const unsigned char *p = (const unsigned char *)out_dir; *p; p++)
            if (*p < 0x20 || *p == 0x7f)
                return cli_flag_errorf("out", "'%s' holds a control character; name a folder "
                                              "without them",
                                       out_dir);
        snprintf(rs->dir, sizeof(rs->dir), "%s", out_dir);
    } else {
        if (!safe_folder_name(scenario_name) || strlen(scenario_name) > 200) {
            cli_errorf("scenario name cannot be a folder under results/ (it must be one path "
                       "component without control characters); give --out DIR");
            return CLI_USAGE;
        }
        snprintf(rs->dir, sizeof(rs->dir), "results/%s/%s", scenario_name, kind);
    }
    split_path(rs->dir, parent, sizeof(parent), base, sizeof(base));
    if (!strcmp(base, ".") || !strcmp(base, "..") || !strcmp(base, "/") || !base[0])
        return cli_flag_errorf("out", "'%s' cannot be replaced by a result folder; name a new "
                                      "or empty folder",
                               rs->dir);
    if (cc_mkdir_p(parent, &err) != CC_OK) {
        cli_print_error(&err);
        return CLI_IO;
    }
    if (lstat(rs->dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return cli_flag_errorf("out", "'%s' exists and is not a folder", rs->dir);
        if (!replaceable(rs->dir, &why))
            return cli_flag_errorf("out", "'%s' %s; name a new or empty folder", rs->dir, why);
    }
    n = snprintf(rs->lock, sizeof(rs->lock), "%s/.%s.lock", parent, base);
    if (n < 0 || (size_t)n >= sizeof(rs->lock))
        return cli_flag_errorf("out", "path too long");
    rs->lock_fd = open(rs->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (rs->lock_fd < 0) {
        cli_errorf("cannot create '%s': %s", rs->lock, strerror(errno));
        return CLI_IO;
    }
    if (flock(rs->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        close(rs->lock_fd);
        rs->lock_fd = -1;
        cli_errorf("another ccsim is writing '%s'; wait for it or choose another --out",
                   rs->dir);
        return CLI_IO;
    }
    remove_stale_stages(parent, base);
    n = snprintf(rs->stage, sizeof(rs->stage), "%s/.%s.partial-XXXXXX", parent, base);
    if (n < 0 || (size_t)n >= sizeof(rs->stage)) {
        rs->stage[0] = '\0';
        cli_results_abort(rs);
        return cli_flag_errorf("out", "path too long");
    }
    if (!mkdtemp(rs->stage)) {
        cli_errorf("cannot create a folder in '%s': %s", parent, strerror(errno));
        rs->stage[0] = '\0';
        cli_results_abort(rs);
        return CLI_IO;
    }
    /* mkdtemp makes 0700; results are as readable as any file the user creates. */
    {
        mode_t mask = umask(0);
        umask(mask);
        chmod(rs->stage, 0777 & ~mask);
    }
    return CLI_OK;
}

int cli_results_write(struct cli_results *rs, const char *name, cli_writer fn, const void *ctx)
{
    int rc = cli_write_atomic(rs->stage, name, fn, ctx);
    if (rc == CLI_OK)
        rs->files++;
    return rc;
}

int cli_results_commit(struct cli_results *rs)
{
    struct stat st;
    int rc = cli_write_atomic(rs->stage, ".ccsim-results", write_marker, NULL);
    if (rc != CLI_OK) {
        cli_results_abort(rs);
        return rc;
    }
    if (lstat(rs->dir, &st) == 0) {
        if (renameat2(AT_FDCWD, rs->stage, AT_FDCWD, rs->dir, RENAME_EXCHANGE) != 0) {
            /* A filesystem without exchange: move the old set aside, then in. */
            char aside[8400];
            snprintf(aside, sizeof(aside), "%s.old", rs->stage);
            if (rename(rs->dir, aside) != 0 || rename(rs->stage, rs->dir) != 0) {
                cli_errorf("cannot put the results in '%s': %s", rs->dir, strerror(errno));
                rename(aside, rs->dir);
                cli_results_abort(rs);
                return CLI_IO;
            }
            remove_flat_dir(aside);
        } else {
            remove_flat_dir(rs->stage); /* now the previous set */
        }
    } else if (rename(rs->stage, rs->dir) != 0) {
        cli_errorf("cannot put the results in '%s': %s", rs->dir, strerror(errno));
        cli_results_abort(rs);
        return CLI_IO;
    }
    rs->stage[0] = '\0';
    cli_results_abort(rs);
    return CLI_OK;
}

void cli_results_abort(struct cli_results *rs)
{
    if (rs->stage[0]) {
        remove_flat_dir(rs->stage);
        rs->stage[0] = '\0';
    }
    if (rs->lock_fd >= 0) {
        close(rs->lock_fd); /* releases the flock */
        rs->lock_fd = -1;
    }
}
