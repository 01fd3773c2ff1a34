/*
 * The one rule deciding whether a channel meets its target over pooled
 * figures (cc_channel_verdict, documented in cc_results.h), and the wording
 * of why it misses. Every verdict of run, sweep, plan and the risk figures
 * comes from here, so they cannot disagree.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats/target.h"

/*
 * SL = in_target / presented >= goal; ASA = wait_answered_s / answered <= cap
 * (only when something was answered); abandonment = abandoned / presented
 * <= cap. The comparisons are written so that a NaN figure misses rather
 * than passes.
 */
cc_target_verdict cc_channel_verdict(const cc_sim_target *tg, const cc_pooled *x)
{
    cc_target_verdict v;

    memset(&v, 0, sizeof v);
    v.target = *tg;
    v.service_level = v.asa_s = v.abandon = NAN;
    v.status = CC_TARGET_NA;
    if (!(x->presented > 0.0))
        return v;
    v.service_level = x->in_target / x->presented;
    v.abandon = x->abandoned / x->presented;
    if (x->answered > 0.0)
        v.asa_s = x->wait_answered_s / x->answered;
    if (tg->service_level > 0.0 && !(v.service_level >= tg->service_level))
        v.missed |= CC_MISS_SL;
    if (tg->max_asa_s > 0.0 && x->answered > 0.0 && !(v.asa_s <= tg->max_asa_s))
        v.missed |= CC_MISS_ASA;
    if (tg->max_abandon > 0.0 && !(v.abandon <= tg->max_abandon))
        v.missed |= CC_MISS_ABANDON;
    v.status = v.missed ? CC_TARGET_MISSES : CC_TARGET_MEETS;
    return v;
}

char *cc_target_reasons(const cc_target_verdict *v, char *buf, size_t cap)
{
    char part[3][64];
    size_t n = 0, used = 0;

    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (v->status == CC_TARGET_NA) {
        snprintf(buf, cap, "no contacts presented");
        return buf;
    }
    if (v->missed & CC_MISS_SL)
        snprintf(part[n++], sizeof part[0], "SL %.1f%% < %.4g%%", 100.0 * v->service_level,
                 100.0 * v->target.service_level);
    if (v->missed & CC_MISS_ASA)
        snprintf(part[n++], sizeof part[0], "ASA %.1f s > %.4g s", v->asa_s,
                 v->target.max_asa_s);
    if (v->missed & CC_MISS_ABANDON)
        snprintf(part[n++], sizeof part[0], "abandon %.1f%% > %.4g%%", 100.0 * v->abandon,
                 100.0 * v->target.max_abandon);
    for (size_t k = 0; k < n; k++) {
        const char *sep = k ? ", " : "";
        size_t ls = strlen(sep), lp = strlen(part[k]);
        if (used + ls + lp + 1 > cap)
            break;
        memcpy(buf + used, sep, ls);
        memcpy(buf + used + ls, part[k], lp + 1);
        used += ls + lp;
    }
    return buf;
}

const char *cc_target_status_name(cc_target_status status)
{
    switch (status) {
    case CC_TARGET_MEETS: return "meets";
    case CC_TARGET_MISSES: return "misses";
    case CC_TARGET_NA: break;
    }
    return "n/a";
}

int cc_target_missed(const cc_sim_target *tg, double presented, double in_target,
                     double answered, double wait_answered_s, double abandoned)
{
    cc_pooled x = {presented, in_target, answered, wait_answered_s, abandoned};
    return cc_channel_verdict(tg, &x).status == CC_TARGET_MISSES;
}

void cc_pooled_add(cc_pooled *sum, double presented, double in_target, double answered,
                   double wait_answered_s, double abandoned)
{
    sum->presented += presented;
    sum->in_target += in_target;
    sum->answered += answered;
    sum->wait_answered_s += wait_answered_s;
    sum->abandoned += abandoned;
}
