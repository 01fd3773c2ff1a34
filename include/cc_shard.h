/*
 * Shard files: the partial result of `ccsim run|sweep --shard K/N`, for
 * batch systems such as Slurm job arrays. A shard holds a header (what job
 * it belongs to: the command's arguments, the scenario file's SHA-256, the
 * seed, the replications, K, N and its range of tasks) and the records of
 * its tasks in task order (cc_tasks.h); `ccsim merge` checks the shards
 * belong together and folds them into the results a single process writes.
 *
 * Layout: the line "ccsim-shard 1", one line of JSON (the header), then per
 * task an 8-byte task index, an 8-byte size and the record, then an 8-byte
 * -1 and the 8-byte record count. Records are in the writer's byte order,
 * which the header states; a shard is read back by the same ccsim build on
 * the same kind of machine.
 */
#ifndef CC_SHARD_H
#define CC_SHARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most shards a job may be split into. */
#define CC_SHARD_MAX 100000L

/* What a shard belongs to and which tasks it holds. */
typedef struct cc_shard_header {
    char kind[16];             /* the command: "run" or "sweep" */
    char version[32];          /* ccsim version that wrote it */
    char sha256[65];           /* SHA-256 of the scenario file's bytes, hex */
    uint64_t seed;             /* base seed */
    long replications;         /* per point */
    long k, n;                 /* shard k of n, 1 <= k <= n */
    long n_tasks;              /* tasks of the whole job */
    long first, end;           /* this shard's tasks [first, end) */
    int argc;                  /* the command's arguments without --shard */
    char **argv;               /* argc strings, owned */
} cc_shard_header;

/* SHA-256 of n bytes as 64 hex digits and a NUL. */
void cc_shard_sha256(const void *data, size_t n, char hex[65]);

/* Writes the header. exceptions: CC_EIO. */
cc_status cc_shard_write_header(FILE *out, const cc_shard_header *h, cc_error *err);

/* Writes one task's record. exceptions: CC_EIO. */
cc_status cc_shard_write_record(FILE *out, long task, const void *rec, size_t size,
                                cc_error *err);

/* Writes the end marker after `count` records. exceptions: CC_EIO. */
cc_status cc_shard_write_end(FILE *out, long count, cc_error *err);

/*
 * Reads the header of shard file `path` (opened as `in`) into *h, leaving
 * `in` at the first record. The caller releases *h with
 * cc_shard_header_release. exceptions: CC_EINVAL (not a shard, another
 * format version or byte order, a damaged header; the message names path).
 */
cc_status cc_shard_read_header(FILE *in, const char *path, cc_shard_header *h, cc_error *err);

/*
 * Reads the next record into *buf (grown to *cap as needed, caller frees):
 * returns 1 with *task and *size set, 0 at the end marker (after checking
 * the count against `read_so_far`), or -1 with *err set (a truncated or
 * damaged file; the message names path).
 */
int cc_shard_read_record(FILE *in, const char *path, long read_so_far, long *task,
                         unsigned char **buf, size_t *cap, size_t *size, cc_error *err);

/* Frees what a header owns and zeroes it. Accepts NULL. */
void cc_shard_header_release(cc_shard_header *h);

#ifdef __cplusplus
}
#endif

#endif
