/*
 * Random streams and samplers of the engine (see rng.h). The generator is
 * GSL's taus2 (L'Ecuyer 1999, period 2^88, 24 bytes of state, about 2 ns a
 * draw); its three 32-bit state words are written from splitmix64 because
 * gsl_rng_set keeps only 32 bits of the seed.
 */
#include <assert.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "util/alloc.h"
#include "engine/rng.h"

/* ---- seeding ------------------------------------------------------------ */

/* splitmix64 (Steele, Lea and Flood 2014; constants from Vigna's reference). */
uint64_t cc_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t cc_rng_stream_key(uint64_t seed, uint64_t replication, uint64_t stream)
{
    uint64_t s = seed;
    uint64_t k = cc_splitmix64(&s);
    s = k ^ (replication * 0xd1b54a32d192ed03ULL);
    k = cc_splitmix64(&s);
    s = k ^ (stream * 0x8cb92ba72f3d8dd7ULL);
    return cc_splitmix64(&s);
}

/* GSL's taus2 state (gsl/rng/taus.c): three unsigned longs, 32 bits used. */
typedef struct taus_words {
    unsigned long s1, s2, s3;
} taus_words;

void cc_stream_init(cc_stream *s)
{
    s->rng = gsl_rng_alloc(gsl_rng_taus2);
    if (!s->rng)
        cc_xmalloc((size_t)-1); /* reports out of memory and aborts */
    /* The samplers assume a full 32-bit range. */
    assert(gsl_rng_min(s->rng) == 0 && gsl_rng_max(s->rng) == 0xffffffffUL);
    s->get = s->rng->type->get;
    s->state = s->rng->state;
}

void cc_stream_release(cc_stream *s)
{
    if (!s)
        return;
    gsl_rng_free(s->rng);
    s->rng = NULL;
    s->get = NULL;
    s->state = NULL;
}

void cc_stream_seed(cc_stream *s, uint64_t key)
{
    uint64_t st = key;
    int i;

    if (gsl_rng_size(s->rng) == sizeof(taus_words)) {
        taus_words *w = (taus_words *)s->state;
        /* taus2 needs s1 >= 2, s2 >= 8, s3 >= 16 (the bits its shifts drop). */
        w->s1 = (unsigned long)(cc_splitmix64(&st) & 0xffffffffULL);
        w->s2 = (unsigned long)(cc_splitmix64(&st) & 0xffffffffULL);
        w->s3 = (unsigned long)(cc_splitmix64(&st) & 0xffffffffULL);
        if (w->s1 < 2)
            w->s1 += 2;
        if (w->s2 < 8)
            w->s2 += 8;
        if (w->s3 < 16)
            w->s3 += 16;
    } else {
        gsl_rng_set(s->rng, (unsigned long)cc_splitmix64(&st));
    }
    /* As gsl_rng_set does: a few outputs to leave the seeding's structure. */
    for (i = 0; i < 8; i++)
        (void)s->get(s->state);
}

/* ---- samplers ----------------------------------------------------------- */

/*
 * Exponential ziggurat tables for 24-bit positions: layer i covers x in
 * [0, w[i] * 2^24); a position j < k[i] is inside the layer's rectangle that
 * lies under exp(-x). Constants r = 7.697117470131487 (the base layer's edge)
 * and v = 3.949659822581572e-3 (each layer's area) are Marsaglia and Tsang's.
 */
void cc_zig_init(cc_zig *z)
{
    const double m = 16777216.0; /* 2^24 */
    const double v = 3.949659822581572e-3;
    double de = 7.697117470131487;
    double te = de;
    double q = v / exp(-de);
    int i;

    z->k[0] = (uint32_t)((de / q) * m);
    z->k[1] = 0;
    z->w[0] = q / m;
    z->w[255] = de / m;
    z->f[0] = 1.0;
    z->f[255] = exp(-de);
    for (i = 254; i >= 1; i--) {
        de = -log(v / de + exp(-de));
        z->k[i + 1] = (uint32_t)((de / te) * m);
        te = de;
        z->f[i] = exp(-de);
        z->w[i] = de / m;
    }
}

double cc_stream_exp1_slow(cc_stream *s, const cc_zig *z, uint32_t u)
{
    for (;;) {
        uint32_t j = u >> 8;
        uint32_t i = u & 255u;
        double x;
        if (j < z->k[i])
            return (double)j * z->w[i];
        if (i == 0) /* the tail beyond r is r + Exp(1) */
            return 7.697117470131487 - log(cc_stream_uniform(s));
        x = (double)j * z->w[i];
        if (z->f[i] + cc_stream_uniform(s) * (z->f[i - 1] - z->f[i]) < exp(-x))
            return x;
        u = cc_stream_u32(s);
    }
}

void cc_sampler_init(cc_sampler *sp, const cc_dist *d)
{
    sp->kind = d->kind;
    sp->mean_s = d->mean_s;
    sp->a = sp->b = 0.0;
    sp->values_s = d->values_s;
    sp->n_values = d->n_values;
    /* The loader rejects a smaller spread; a model built in code gets the mean. */
    if ((d->kind == CC_DIST_LOGNORMAL || d->kind == CC_DIST_GAMMA) && !(d->cv >= CC_DIST_MIN_CV))
        sp->kind = CC_DIST_DETERMINISTIC;
    if (sp->kind == CC_DIST_LOGNORMAL) {
        /* sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2 give the mean and cv. */
        double s2 = log1p(d->cv * d->cv);
        sp->a = log(d->mean_s) - 0.5 * s2;
        sp->b = sqrt(s2);
    } else if (sp->kind == CC_DIST_GAMMA) {
        sp->a = 1.0 / (d->cv * d->cv);
        sp->b = d->mean_s / sp->a;
    }
}

double cc_sampler_draw_slow(const cc_sampler *sp, cc_stream *s, const cc_zig *z)
{
    switch (sp->kind) {
    case CC_DIST_NONE:
        return 0.0;
    case CC_DIST_EXPONENTIAL:
        return sp->mean_s * cc_stream_exp1(s, z);
    case CC_DIST_DETERMINISTIC:
        return sp->mean_s;
    case CC_DIST_LOGNORMAL:
        return exp(sp->a + sp->b * gsl_ran_gaussian_ziggurat(s->rng, 1.0));
    case CC_DIST_GAMMA:
        return gsl_ran_gamma(s->rng, sp->a, sp->b);
    case CC_DIST_EMPIRICAL:
        return sp->values_s[gsl_rng_uniform_int(s->rng, sp->n_values)];
    }
    return 0.0;
}

double cc_dist_sample(const cc_dist *d, cc_stream *s, const cc_zig *z)
{
    cc_sampler sp;
    cc_sampler_init(&sp, d);
    return cc_sampler_draw(&sp, s, z);
}
