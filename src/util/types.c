/*
 * The shared leaf types: names of channel kinds and distribution families as
 * written in scenarios and reports, and small helpers on distributions.
 */
#include <stdlib.h>
#include <string.h>

#include "cc_types.h"
#include "util/alloc.h"

const char *cc_channel_kind_name(cc_channel_kind kind)
{
    switch (kind) {
    case CC_CHANNEL_VOICE: return "voice";
    case CC_CHANNEL_CHAT: return "chat";
    case CC_CHANNEL_MESSAGING: return "messaging";
    case CC_CHANNEL_EMAIL: return "email";
    case CC_CHANNEL_SOCIAL: return "social";
    }
    return "?";
}

int cc_channel_kind_deferred(cc_channel_kind kind)
{
    return kind == CC_CHANNEL_EMAIL || kind == CC_CHANNEL_SOCIAL;
}

const char *cc_dist_name(cc_dist_kind kind)
{
    switch (kind) {
    case CC_DIST_NONE: return "none";
    case CC_DIST_EXPONENTIAL: return "exponential";
    case CC_DIST_LOGNORMAL: return "lognormal";
    case CC_DIST_GAMMA: return "gamma";
    case CC_DIST_DETERMINISTIC: return "deterministic";
    case CC_DIST_EMPIRICAL: return "empirical";
    }
    return "?";
}

double cc_dist_mean(const cc_dist *d)
{
    return d->kind == CC_DIST_NONE ? 0.0 : d->mean_s;
}

void cc_dist_copy(cc_dist *dst, const cc_dist *src)
{
    *dst = *src;
    dst->values_s = NULL;
    if (src->kind == CC_DIST_EMPIRICAL && src->n_values > 0) {
        dst->values_s = cc_xmalloc(src->n_values * sizeof(double));
        memcpy(dst->values_s, src->values_s, src->n_values * sizeof(double));
    }
}
