/*
 * SHA-256 (FIPS 180-4), used to fingerprint the resolved scenario in result
 * summaries so that compare can tell whether two runs used the same input.
 */
#ifndef CC_SHA256_H
#define CC_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct cc_sha256_ctx {
    uint32_t state[8];      /* chaining value */
    uint64_t length;        /* bytes hashed so far */
    unsigned char block[64];/* pending input */
    size_t used;            /* bytes in block */
} cc_sha256_ctx;

void cc_sha256_init(cc_sha256_ctx *ctx);
void cc_sha256_update(cc_sha256_ctx *ctx, const void *data, size_t len);
void cc_sha256_final(cc_sha256_ctx *ctx, unsigned char digest[32]);

/* Writes the 64-character lower-case hex digest of data into hex[65]. */
void cc_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
