/*
 * Types every stage shares: channel kinds and duration distributions. The
 * scenario, the engine, the planner and the reports all speak of these, so
 * they live in this leaf header, which includes nothing of ccsim.
 */
#ifndef CC_TYPES_H
#define CC_TYPES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The most sessions one agent may hold on a chat or messaging channel. */
#define CC_MAX_CONCURRENCY 16

/*
 * Kinds of channel. Voice, chat and messaging are live: customers may
 * abandon. Chat and messaging agents may hold several sessions. Email and
 * social are deferred: no abandonment, measured by first-response time.
 */
typedef enum cc_channel_kind {
    CC_CHANNEL_VOICE = 0,
    CC_CHANNEL_CHAT,
    CC_CHANNEL_MESSAGING,
    CC_CHANNEL_EMAIL,
    CC_CHANNEL_SOCIAL,
} cc_channel_kind;

/* Families of duration distributions, all parameterised by mean (and cv). */
typedef enum cc_dist_kind {
    CC_DIST_NONE = 0,        /* no duration: zero wrap-up, infinite patience, ... */
    CC_DIST_EXPONENTIAL,     /* mean_s */
    CC_DIST_LOGNORMAL,       /* mean_s and cv */
    CC_DIST_GAMMA,           /* mean_s and cv (shape 1/cv^2) */
    CC_DIST_DETERMINISTIC,   /* always mean_s */
    CC_DIST_EMPIRICAL,       /* one of values_s, each equally likely */
} cc_dist_kind;

/* The smallest cv of a lognormal or gamma distribution: below it the gamma
 * shape 1/cv^2 overflows the sampler; deterministic stands for less spread. */
#define CC_DIST_MIN_CV 1e-3

/* A duration distribution. */
typedef struct cc_dist {
    cc_dist_kind kind;      /* family */
    double mean_s;          /* mean, seconds (not used by empirical) */
    double cv;              /* coefficient of variation sd/mean, > 0 (lognormal, gamma) */
    double *values_s;       /* empirical observations, seconds; malloc'ed, owned by the model */
    size_t n_values;        /* number of values_s */
} cc_dist;

/* Which chat agent receives a new session. */
typedef enum cc_chat_policy {
    CC_CHAT_FILL = 0,   /* agents with open sessions first, most sessions first */
    CC_CHAT_SPREAD,     /* idle agents first, then fewest open sessions first */
} cc_chat_policy;

/* Which contacts the service level counts (README.md, "Definitions"). */
typedef enum cc_sl_definition {
    CC_SL_OFFERED = 0,      /* answered within T / all offered (default) */
    CC_SL_ANSWERED,         /* answered within T / answered */
    CC_SL_EXCLUDE_SHORT,    /* answered within T / (offered - abandoned within short_abandon_s) */
    CC_SL_VIRTUAL,          /* P(V <= T), V the wait of a customer who never abandons;
                               ASA is then E[V] (CCmath Erlang X convention) */
} cc_sl_definition;

/*
 * The period over which a channel's target is judged (target.scope): every
 * judged period of the scope must meet it. Days and weeks count from the
 * horizon start; a partial last week is a week too. Zero is the horizon, the
 * scenario default and the verdict of earlier versions.
 */
typedef enum cc_target_scope {
    CC_SCOPE_HORIZON = 0,   /* the whole horizon as one period */
    CC_SCOPE_INTERVAL,      /* every interval */
    CC_SCOPE_DAY,           /* every day */
    CC_SCOPE_WEEK,          /* every 7-day week from the horizon start */
} cc_target_scope;

#define CC_SCOPES 4         /* number of cc_target_scope values */

/*
 * How a target is judged over periods and replications (target.scope and
 * target.max_risk; cc_scope_attainment in cc_results.h applies it). Zeroed:
 * the horizon, no risk limit.
 */
typedef struct cc_target_judging {
    cc_target_scope scope;  /* the period judged */
    int has_max_risk;       /* 1 when max_risk applies */
    double max_risk;        /* largest share of replications in which a judged period may
                               miss, [0, 1] */
} cc_target_judging;

/* Returns "voice", "chat", ... for a channel kind. */
const char *cc_channel_kind_name(cc_channel_kind kind);

/* Whether a channel kind is deferred work (email, social): 1 or 0. */
int cc_channel_kind_deferred(cc_channel_kind kind);

/* Returns "exponential", "lognormal", ... for a distribution family. */
const char *cc_dist_name(cc_dist_kind kind);

/* Mean of a distribution, seconds: mean_s, or 0 for CC_DIST_NONE. */
double cc_dist_mean(const cc_dist *d);

/*
 * Copies a distribution, duplicating empirical values so that the copy owns
 * its own array.
 */
void cc_dist_copy(cc_dist *dst, const cc_dist *src);

#ifdef __cplusplus
}
#endif

#endif
