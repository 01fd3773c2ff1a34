/*
 * Shard files (cc_shard.h): a text header a person can read with `head -2`
 * and the tasks' records as raw bytes. The header is JSON through jansson so
 * that arguments with any characters survive; the records are length-
 * prefixed and closed by a counted end marker, so a truncated file is
 * refused rather than merged.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cc_shard.h"
#include "cc_version.h"
#include "util/alloc.h"
#include "util/sha256.h"

#define SHARD_MAGIC "ccsim-shard 1\n"
#define BYTE_ORDER_MARK 0x0102030405060708ULL

void cc_shard_sha256(const void *data, size_t n, char hex[65])
{
    cc_sha256_hex(data, n, hex);
}

cc_status cc_shard_write_header(FILE *out, const cc_shard_header *h, cc_error *err)
{
    json_t *doc = json_object(), *args = json_array();
    char *text;
    int i, bad;

    json_object_set_new(doc, "kind", json_string(h->kind));
    json_object_set_new(doc, "ccsim_version", json_string(cc_version()));
    json_object_set_new(doc, "scenario_sha256", json_string(h->sha256));
    json_object_set_new(doc, "seed", json_integer((json_int_t)h->seed));
    json_object_set_new(doc, "replications", json_integer(h->replications));
    json_object_set_new(doc, "shard", json_integer(h->k));
    json_object_set_new(doc, "shards", json_integer(h->n));
    json_object_set_new(doc, "tasks", json_integer(h->n_tasks));
    json_object_set_new(doc, "first_task", json_integer(h->first));
    json_object_set_new(doc, "end_task", json_integer(h->end));
    json_object_set_new(doc, "byte_order", json_integer((json_int_t)(BYTE_ORDER_MARK >> 1)));
    for (i = 0; i < h->argc; i++)
        json_array_append_new(args, json_string(h->argv[i]));
    json_object_set_new(doc, "arguments", args);
    text = json_dumps(doc, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(doc);
    bad = !text || fputs(SHARD_MAGIC, out) == EOF || fputs(text, out) == EOF ||
          fputc('\n', out) == EOF;
    free(text);
    return bad ? cc_error_setf(err, CC_EIO, "cannot write the shard header") : CC_OK;
}

cc_status cc_shard_write_record(FILE *out, long task, const void *rec, size_t size,
                                cc_error *err)
{
    int64_t t = task;
    uint64_t n = size;
    if (fwrite(&t, sizeof t, 1, out) != 1 || fwrite(&n, sizeof n, 1, out) != 1 ||
        (size && fwrite(rec, size, 1, out) != 1))
        return cc_error_setf(err, CC_EIO, "cannot write task %ld to the shard", task);
    return CC_OK;
}

cc_status cc_shard_write_end(FILE *out, long count, cc_error *err)
{
    int64_t end = -1, n = count;
    if (fwrite(&end, sizeof end, 1, out) != 1 || fwrite(&n, sizeof n, 1, out) != 1)
        return cc_error_setf(err, CC_EIO, "cannot write the shard's end");
    return CC_OK;
}

/* ---- reading ---------------------------------------------------------------- */

static int get_long(json_t *doc, const char *key, long *out)
{
    json_t *v = json_object_get(doc, key);
    if (!json_is_integer(v))
        return -1;
    *out = (long)json_integer_value(v);
    return 0;
}

static int get_text(json_t *doc, const char *key, char *out, size_t cap)
{
    json_t *v = json_object_get(doc, key);
    if (!json_is_string(v) || strlen(json_string_value(v)) >= cap)
        return -1;
    strcpy(out, json_string_value(v));
    return 0;
}

cc_status cc_shard_read_header(FILE *in, const char *path, cc_shard_header *h, cc_error *err)
{
    char magic[sizeof SHARD_MAGIC];
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    json_t *doc, *args;
    long order = 0, seed = 0;
    size_t i;

    memset(h, 0, sizeof(*h));
    if (!fgets(magic, sizeof magic, in) || strcmp(magic, SHARD_MAGIC) != 0)
        return cc_error_setf(err, CC_EINVAL, "'%s' is not a ccsim shard file", path);
    len = getline(&line, &cap, in);
    doc = len > 0 ? json_loads(line, 0, NULL) : NULL;
    free(line);
    if (!doc)
        return cc_error_setf(err, CC_EINVAL, "'%s' has a damaged shard header", path);
    args = json_object_get(doc, "arguments");
    if (get_text(doc, "kind", h->kind, sizeof h->kind) ||
        get_text(doc, "ccsim_version", h->version, sizeof h->version) ||
        get_text(doc, "scenario_sha256", h->sha256, sizeof h->sha256) ||
        get_long(doc, "seed", &seed) || get_long(doc, "replications", &h->replications) ||
        get_long(doc, "shard", &h->k) || get_long(doc, "shards", &h->n) ||
        get_long(doc, "tasks", &h->n_tasks) || get_long(doc, "first_task", &h->first) ||
        get_long(doc, "end_task", &h->end) || get_long(doc, "byte_order", &order) ||
        !json_is_array(args) || h->n < 1 || h->n > CC_SHARD_MAX || h->k < 1 || h->k > h->n ||
        h->first < 0 || h->end < h->first || h->end > h->n_tasks) {
        json_decref(doc);
        return cc_error_setf(err, CC_EINVAL, "'%s' has a damaged shard header", path);
    }
    if ((unsigned long long)order != (BYTE_ORDER_MARK >> 1)) {
        json_decref(doc);
        return cc_error_setf(err, CC_EINVAL, "'%s' was written on a machine of another byte "
                             "order", path);
    }
    h->seed = (uint64_t)seed;
    h->argc = (int)json_array_size(args);
    h->argv = cc_xcalloc((size_t)h->argc + 1, sizeof(char *));
    for (i = 0; i < json_array_size(args); i++) {
        json_t *a = json_array_get(args, i);
        h->argv[i] = cc_xstrdup(json_is_string(a) ? json_string_value(a) : "");
    }
    json_decref(doc);
    return CC_OK;
}

/* Bytes from the current position to the end of the file (a regular file), else INT64_MAX. */
static int64_t bytes_left(FILE *in)
{
    struct stat st;
    off_t pos = ftello(in);
    if (pos < 0 || fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode))
        return INT64_MAX;
    return (int64_t)st.st_size - (int64_t)pos;
}

int cc_shard_read_record(FILE *in, const char *path, long read_so_far, long *task,
                         unsigned char **buf, size_t *cap, size_t *size, cc_error *err)
{
    int64_t t, n;
    if (fread(&t, sizeof t, 1, in) != 1 || fread(&n, sizeof n, 1, in) != 1) {
        cc_error_setf(err, CC_EINVAL, "'%s' is truncated after %ld records", path, read_so_far);
        return -1;
    }
    if (t == -1) {
        if (n != read_so_far) {
            cc_error_setf(err, CC_EINVAL, "'%s' says it holds %lld records but %ld were read",
                          path, (long long)n, read_so_far);
            return -1;
        }
        return 0;
    }
    if (t < 0 || n < 0) {
        cc_error_setf(err, CC_EINVAL, "'%s' is damaged after %ld records", path, read_so_far);
        return -1;
    }
    if (n > bytes_left(in)) {
        cc_error_setf(err, CC_EINVAL, "'%s' is truncated: task %lld's record needs %lld bytes, "
                      "%lld are left", path, (long long)t, (long long)n,
                      (long long)bytes_left(in));
        return -1;
    }
    if ((size_t)n > *cap) {
        free(*buf);
        *buf = cc_xmalloc((size_t)n ? (size_t)n : 1);
        *cap = (size_t)n;
    }
    if (n && fread(*buf, (size_t)n, 1, in) != 1) {
        cc_error_setf(err, CC_EINVAL, "'%s' is truncated in task %lld", path, (long long)t);
        return -1;
    }
    *task = (long)t;
    *size = (size_t)n;
    return 1;
}

void cc_shard_header_release(cc_shard_header *h)
{
    int i;
    if (!h)
        return;
    for (i = 0; i < h->argc; i++)
        free(h->argv[i]);
    free(h->argv);
    memset(h, 0, sizeof(*h));
}
