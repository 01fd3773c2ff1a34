/*
 * Models and records as plain bytes for MPI messages: a growable output
 * buffer, a bounds-checked reader, and a cc_simmodel written and read back
 * with every array it owns.
 */
#ifndef CC_STATS_MODEL_WIRE_H
#define CC_STATS_MODEL_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "cc_sim.h"
#include "cc_status.h"

/* Bytes being written; owns data. Start zeroed, end with cc_wire_release. */
typedef struct cc_wire {
    unsigned char *data;       /* len bytes written, cap allocated */
    size_t len;
    size_t cap;
} cc_wire;

/* Bytes being read (borrowed). */
typedef struct cc_wire_reader {
    const unsigned char *data;
    size_t len;
    size_t pos;                /* next byte to read */
} cc_wire_reader;

/* Appends n bytes. */
void cc_wire_put(cc_wire *w, const void *p, size_t n);

/* Frees the buffer and zeroes *w. */
void cc_wire_release(cc_wire *w);

/* Reads n bytes into p: 0, or -1 when fewer are left. */
int cc_wire_get(cc_wire_reader *r, void *p, size_t n);

/* Appends model m with every array it owns. */
void cc_simmodel_to_wire(cc_wire *w, const cc_simmodel *m);

/*
 * Reads a model written by cc_simmodel_to_wire; *out is owned by the caller
 * (cc_simmodel_free). exceptions: CC_EINVAL (damaged or truncated bytes).
 */
cc_status cc_simmodel_from_wire(cc_wire_reader *r, cc_simmodel **out, cc_error *err);

#endif
