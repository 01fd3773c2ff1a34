/*
 * Random streams of the simulation engine: GSL taus2 generators whose full
 * 88-bit state is seeded from splitmix64 of (seed, replication, stream), so a
 * replication's streams never depend on the thread that runs it, plus fast
 * samplers (an exponential ziggurat on 32-bit outputs) for the event loop.
 */
#ifndef CC_RNG_H
#define CC_RNG_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "cc_sim.h"

/* Exponential ziggurat tables (Marsaglia and Tsang 2000), 256 layers. */
typedef struct cc_zig {
    uint32_t k[256]; /* acceptance bound for the 24-bit position, per layer */
    double w[256];   /* position-to-x scale per layer, Exp(1) units */
    double f[256];   /* exp(-x) at the layer edges */
} cc_zig;

/*
 * One random stream: a GSL generator plus its `get` function and state cached
 * so the event loop calls the generator through one indirect call.
 */
typedef struct cc_stream {
    unsigned long (*get)(void *state); /* the generator's raw 32-bit output */
    void *state;                       /* the generator's state (owned by rng) */
    gsl_rng *rng;                      /* owner of the state; for GSL samplers */
} cc_stream;

/* Fills the ziggurat tables; deterministic and cheap (about 10 us). */
void cc_zig_init(cc_zig *z);

/* Advances *state by the splitmix64 increment and returns the mixed output. */
uint64_t cc_splitmix64(uint64_t *state);

/*
 * The key of stream `stream` of replication `replication` under `seed`: a
 * splitmix64 hash of the triple. Distinct triples give unrelated keys.
 */
uint64_t cc_rng_stream_key(uint64_t seed, uint64_t replication, uint64_t stream);

/* Allocates a stream's generator (GSL taus2). Free with cc_stream_release. */
void cc_stream_init(cc_stream *s);

/* Frees the generator of a stream initialised by cc_stream_init; NULL-safe. */
void cc_stream_release(cc_stream *s);

/*
 * Seeds the whole generator state from `key` (splitmix64 outputs, respecting
 * taus2's state constraints), so that 2^64 keys give distinct streams rather
 * than the 2^32 that gsl_rng_set distinguishes.
 */
void cc_stream_seed(cc_stream *s, uint64_t key);

static inline uint32_t cc_stream_u32(cc_stream *s)
{
    return (uint32_t)s->get(s->state);
}

/* Uniform on (0, 1), never 0 or 1: (u + 0.5) / 2^32. */
static inline double cc_stream_uniform(cc_stream *s)
{
    return ((double)cc_stream_u32(s) + 0.5) * (1.0 / 4294967296.0);
}

/* The rare ziggurat paths (wedge test and tail); see cc_stream_exp1. */
double cc_stream_exp1_slow(cc_stream *s, const cc_zig *z, uint32_t u);

/*
 * Exp(1) variate: the low 8 bits of one 32-bit output pick the layer and the
 * high 24 bits the position within it, so index and value use disjoint bits.
 * About 99% of draws take the first branch.
 */
static inline double cc_stream_exp1(cc_stream *s, const cc_zig *z)
{
    uint32_t u = cc_stream_u32(s);
    uint32_t j = u >> 8;
    uint32_t i = u & 255u;
    if (j < z->k[i])
        return (double)j * z->w[i];
    return cc_stream_exp1_slow(s, z, u);
}

/*
 * A distribution prepared for sampling: the parameters each draw needs
 * (lognormal mu and sigma, gamma shape and scale) computed once.
 */
typedef struct cc_sampler {
    cc_dist_kind kind;      /* family */
    double mean_s;          /* mean (exponential, deterministic), seconds */
    double a;               /* lognormal mu, gamma shape */
    double b;               /* lognormal sigma, gamma scale (seconds) */
    const double *values_s; /* empirical values (borrowed from the cc_dist) */
    size_t n_values;        /* number of values */
} cc_sampler;

/* Prepares a sampler for d (which must outlive it, for empirical values). */
void cc_sampler_init(cc_sampler *sp, const cc_dist *d);

/* A draw from the families other than exponential. */
double cc_sampler_draw_slow(const cc_sampler *sp, cc_stream *s, const cc_zig *z);

/*
 * One duration, seconds. CC_DIST_NONE yields 0 (the caller decides whether
 * "none" means zero or infinite).
 */
static inline double cc_sampler_draw(const cc_sampler *sp, cc_stream *s, const cc_zig *z)
{
    if (sp->kind == CC_DIST_EXPONENTIAL)
        return sp->mean_s * cc_stream_exp1(s, z);
    return cc_sampler_draw_slow(sp, s, z);
}

/* One duration from d (prepares a sampler on the fly; for tests and cold paths). */
double cc_dist_sample(const cc_dist *d, cc_stream *s, const cc_zig *z);

#endif
