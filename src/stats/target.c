/*
 * The one rule deciding whether a channel meets its target over pooled
 * figures (cc_channel_verdict, documented in cc_results.h), the one traffic
 * rule deciding which periods are judged (cc_period_judged), the verdict at
 * a scope built from them (cc_scope_attainment), and the wording of why it
 * misses. Every verdict of run, sweep, plan and the risk figures comes from
 * here, so they cannot disagree.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "stats/estimate.h"
#include "stats/target.h"
#include "util/clocale.h"

/*
 * SL = in_target / (presented - excluded) >= goal, where excluded are the
 * contacts the target's definition leaves out and those pending at the end
 * (no SL figure and no SL miss when nothing is left); ASA = wait_answered_s /
 * answered <= cap (only when something was answered); abandonment =
 * abandoned / presented <= cap; each with its sampling tolerance
 * (cc_share_tolerance, cc_wait_tolerance). The
 * comparisons are written so that a NaN figure misses rather than passes.
 */
double cc_share_tolerance(double goal, double n)
{
    if (!(n > 0.0) || !(goal > 0.0) || !(goal < 1.0))
        return 0.0;
    return CC_VERDICT_Z * sqrt(goal * (1.0 - goal) / n);
}

double cc_wait_tolerance(double cap_s, double answered)
{
    if (!(answered > 0.0) || !(cap_s > 0.0))
        return 0.0;
    return CC_VERDICT_Z * cap_s / sqrt(answered);
}

static cc_target_verdict verdict_with(const cc_sim_target *tg, const cc_pooled *x,
                                      double tol_sl, double tol_abandon, double tol_asa_s);

cc_target_verdict cc_channel_verdict(const cc_sim_target *tg, const cc_pooled *x)
{
    return verdict_with(tg, x, -1.0, -1.0, -1.0);
}

cc_target_verdict cc_exact_verdict(const cc_sim_target *tg, const cc_pooled *x)
{
    return verdict_with(tg, x, 0.0, 0.0, 0.0);
}

void cc_period_spread_add(cc_period_spread *sp, const cc_pooled *x)
{
    double n = x->presented - x->excluded;
    if (!(x->presented > 0.0))
        return;
    sp->reps += 1.0;
    sp->xx += n * n;
    sp->yy += x->in_target * x->in_target;
    sp->xy += n * x->in_target;
    sp->pp += x->presented * x->presented;
    sp->zz += x->abandoned * x->abandoned;
    sp->pz += x->presented * x->abandoned;
    sp->aa += x->answered * x->answered;
    sp->ww += x->wait_answered_s * x->wait_answered_s;
    sp->aw += x->answered * x->wait_answered_s;
}

/*
 * 95% half-width of the pooled ratio sy / sx over `reps` replications: the
 * delta method, s^2 = sum (y - R x)^2 / (reps - 1), se = sqrt(s^2 / reps) / mean x.
 */
static double ratio_half_width(double reps, double sx, double sy, double sxx, double syy,
                               double sxy)
{
    double r, s2;
    if (reps < 2.0 || !(sx > 0.0))
        return 0.0;
    r = sy / sx;
    s2 = (syy - 2.0 * r * sxy + r * r * sxx) / (reps - 1.0);
    if (!(s2 > 0.0))
        return 0.0;
    return cc_t975((long)reps - 1) * sqrt(s2 / reps) / (sx / reps);
}

void cc_period_half_widths(const cc_period *p, double *sl, double *abandon, double *asa_s)
{
    const cc_pooled *x = &p->pooled;
    const cc_period_spread *sp = &p->spread;
    if (sl)
        *sl = ratio_half_width(sp->reps, x->presented - x->excluded, x->in_target, sp->xx, sp->yy,
                               sp->xy);
    if (abandon)
        *abandon = ratio_half_width(sp->reps, x->presented, x->abandoned, sp->pp, sp->zz, sp->pz);
    if (asa_s)
        *asa_s = ratio_half_width(sp->reps, x->answered, x->wait_answered_s, sp->aa, sp->ww,
                                  sp->aw);
}

cc_target_verdict cc_period_verdict(const cc_sim_target *tg, const cc_period *p)
{
    const cc_pooled *x = &p->pooled;
    const cc_period_spread *sp = &p->spread;
    double n = x->presented - x->excluded;
    double sl = fmax(cc_share_tolerance(tg->service_level, n),
                     ratio_half_width(sp->reps, n, x->in_target, sp->xx, sp->yy, sp->xy));
    double ab = fmax(cc_share_tolerance(tg->max_abandon, x->presented),
                     ratio_half_width(sp->reps, x->presented, x->abandoned, sp->pp, sp->zz,
                                      sp->pz));
    double asa = fmax(cc_wait_tolerance(tg->max_asa_s, x->answered),
                      ratio_half_width(sp->reps, x->answered, x->wait_answered_s, sp->aa,
                                       sp->ww, sp->aw));
    return verdict_with(tg, x, sl, ab, asa);
}

/* The verdict with the given tolerances (negative: the binomial ones of cc_channel_verdict). */
static cc_target_verdict verdict_with(const cc_sim_target *tg, const cc_pooled *x,
                                      double tol_sl, double tol_abandon, double tol_asa_s)
{
    cc_target_verdict v;

    memset(&v, 0, sizeof v);
    v.target = *tg;
    v.service_level = v.asa_s = v.abandon = v.risk = NAN;
    v.status = CC_TARGET_NA;
    if (!(x->presented > 0.0))
        return v;
    if (x->presented - x->excluded > 0.0)
        v.service_level = x->in_target / (x->presented - x->excluded);
    v.abandon = x->abandoned / x->presented;
    if (x->answered > 0.0)
        v.asa_s = x->wait_answered_s / x->answered;
    if (tol_sl < 0.0)
        tol_sl = cc_share_tolerance(tg->service_level, x->presented - x->excluded);
    if (tol_abandon < 0.0)
        tol_abandon = cc_share_tolerance(tg->max_abandon, x->presented);
    if (tol_asa_s < 0.0)
        tol_asa_s = cc_wait_tolerance(tg->max_asa_s, x->answered);
    if (tg->service_level > 0.0 && x->presented - x->excluded > 0.0 &&
        !(v.service_level >= tg->service_level - tol_sl))
        v.missed |= CC_MISS_SL;
    if (tg->max_asa_s > 0.0 && x->answered > 0.0 && !(v.asa_s <= tg->max_asa_s + tol_asa_s))
        v.missed |= CC_MISS_ASA;
    if (tg->max_abandon > 0.0 && !(v.abandon <= tg->max_abandon + tol_abandon))
        v.missed |= CC_MISS_ABANDON;
    v.status = v.missed ? CC_TARGET_MISSES : CC_TARGET_MEETS;
    return v;
}

static char *target_reasons(const cc_target_verdict *v, char *buf, size_t cap)
{
    char part[4][64];
    size_t n = 0, used = 0;

    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (v->status == CC_TARGET_NA) {
        if (isnan(v->service_level))
            snprintf(buf, cap, "no contacts presented");
        else
            snprintf(buf, cap, "too few contacts to judge any %s (fewer than %g per replication)",
                     cc_target_scope_name(v->judging.scope), CC_JUDGE_MIN_CONTACTS);
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
    if (v->missed & CC_MISS_RISK)
        snprintf(part[n++], sizeof part[0], "risk %.4g%% > %.4g%%", 100.0 * v->risk,
                 100.0 * v->judging.max_risk);
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

/* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
char *cc_target_reasons(const cc_target_verdict *v, char *buf, size_t cap)
{
    locale_t prev = cc_locale_enter();
    char *r = target_reasons(v, buf, cap);
    cc_locale_leave(prev);
    return r;
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

int cc_target_missed(const cc_sim_target *tg, const cc_pooled *x)
{
    return cc_channel_verdict(tg, x).status == CC_TARGET_MISSES;
}

void cc_pooled_add(cc_pooled *sum, const cc_pooled *x)
{
    sum->presented += x->presented;
    sum->in_target += x->in_target;
    sum->answered += x->answered;
    sum->wait_answered_s += x->wait_answered_s;
    sum->abandoned += x->abandoned;
    sum->excluded += x->excluded;
}

/* ---- verdicts at a scope ------------------------------------------------ */

const char *cc_target_scope_name(cc_target_scope scope)
{
    switch (scope) {
    case CC_SCOPE_INTERVAL: return "interval";
    case CC_SCOPE_DAY: return "day";
    case CC_SCOPE_WEEK: return "week";
    case CC_SCOPE_HORIZON: return "horizon";
    }
    return "?";
}

int cc_period_judged(const cc_pooled *pooled, long replications, size_t n_periods)
{
    if (!(pooled->presented > 0.0) || replications < 1)
        return 0;
    return n_periods == 1 || pooled->presented / (double)replications >= CC_JUDGE_MIN_CONTACTS;
}

/*
 * How far a verdict's figures are past their goals and caps: the largest
 * relative excess, positive when a goal or cap is broken, negative when
 * every judged figure has room; -INFINITY when nothing is judged.
 */
static double shortfall(const cc_target_verdict *v)
{
    const cc_sim_target *tg = &v->target;
    double s = -INFINITY;

    if (tg->service_level > 0.0 && !isnan(v->service_level))
        s = fmax(s, (tg->service_level - v->service_level) / tg->service_level);
    if (tg->max_asa_s > 0.0 && !isnan(v->asa_s))
        s = fmax(s, (v->asa_s - tg->max_asa_s) / tg->max_asa_s);
    if (tg->max_abandon > 0.0 && !isnan(v->abandon))
        s = fmax(s, (v->abandon - tg->max_abandon) / tg->max_abandon);
    return s;
}

/* What ranks one judged period against another for "worst". */
typedef struct rank {
    int fails;                 /* fails the scope verdict (pooled miss or risk) */
    int pooled_miss;           /* its pooled verdict misses */
    double shortfall;          /* see shortfall() */
    double risk;               /* share of replications missing */
} rank;

/* 1 when a is strictly worse than b (ties keep the earlier period). */
static int worse(const rank *a, const rank *b)
{
    if (a->fails != b->fails)
        return a->fails > b->fails;
    if (a->pooled_miss != b->pooled_miss)
        return a->pooled_miss > b->pooled_miss;
    if (a->shortfall != b->shortfall)
        return a->shortfall > b->shortfall;
    return a->risk > b->risk;
}

cc_attainment cc_scope_attainment(const cc_sim_target *tg, const cc_target_judging *j,
                                  cc_target_scope scope, const cc_period *p, size_t n,
                                  long replications)
{
    cc_attainment a;
    cc_target_verdict worst_v;
    cc_pooled all;
    rank worst_r = {0, 0, -INFINITY, 0.0};
    size_t k;

    memset(&a, 0, sizeof a);
    memset(&all, 0, sizeof all);
    memset(&worst_v, 0, sizeof worst_v);
    a.periods = (long)n;
    a.worst = -1;
    a.share_met = NAN;
    for (k = 0; k < n; k++) {
        const cc_pooled *x = &p[k].pooled;
        cc_target_verdict v;
        rank r;

        cc_pooled_add(&all, x);
        if (!cc_period_judged(x, replications, n))
            continue;
        a.judged++;
        v = cc_period_verdict(tg, &p[k]);
        v.risk = p[k].missed_reps / (double)replications;
        if (j->has_max_risk && !(v.risk <= j->max_risk))
            v.missed |= CC_MISS_RISK;
        r.pooled_miss = v.status == CC_TARGET_MISSES;
        r.fails = v.missed != 0;
        r.shortfall = shortfall(&v);
        r.risk = v.risk;
        a.met += !r.pooled_miss;
        a.failed += r.fails;
        if (a.worst < 0 || worse(&r, &worst_r)) {
            a.worst = (long)k;
            worst_r = r;
            worst_v = v;
        }
    }
    if (a.judged == 0) {
        a.verdict = cc_channel_verdict(tg, &all);
        a.verdict.status = CC_TARGET_NA;
        a.verdict.missed = 0;
    } else {
        a.verdict = worst_v;
        a.verdict.status = a.failed ? CC_TARGET_MISSES : CC_TARGET_MEETS;
        a.share_met = (double)a.met / (double)a.judged;
    }
    a.verdict.judging = *j;
    a.verdict.judging.scope = scope;
    return a;
}

char *cc_target_period_name(const cc_scenario *s, cc_target_scope scope, long index, char *buf,
                            size_t cap)
{
    char d0[16], d1[16];

    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (index < 0)
        return buf;
    if (scope == CC_SCOPE_HORIZON) {
        snprintf(buf, cap, "horizon");
        return buf;
    }
    if (!s) {
        snprintf(buf, cap, "%s %ld", cc_target_scope_name(scope), index + 1);
        return buf;
    }
    switch (scope) {
    case CC_SCOPE_INTERVAL: {
        int ipd = s->intervals_per_day > 0 ? s->intervals_per_day : 1;
        long minute = (long)lround((double)(index % ipd) * s->interval_s / 60.0);
        cc_scenario_date(s, (int)(index / ipd), d0);
        snprintf(buf, cap, "interval %s %02ld:%02ld", d0, minute / 60, minute % 60);
        break;
    }
    case CC_SCOPE_DAY:
        cc_scenario_date(s, (int)index, d0);
        snprintf(buf, cap, "day %s", d0);
        break;
    case CC_SCOPE_WEEK: {
        long last = 7 * index + 6;
        if (last > s->days - 1)
            last = s->days - 1;
        cc_scenario_date(s, (int)(7 * index), d0);
        cc_scenario_date(s, (int)last, d1);
        snprintf(buf, cap, "week %s to %s", d0, d1);
        break;
    }
    case CC_SCOPE_HORIZON: break;
    }
    return buf;
}

/* Appends to buf[*used..cap), keeping it terminated; stops quietly when full. */
__attribute__((format(printf, 4, 5))) static void put(char *buf, size_t cap, size_t *used,
                                                      const char *fmt, ...)
{
    va_list ap;
    int w;

    if (*used + 1 >= cap)
        return;
    va_start(ap, fmt);
    w = vsnprintf(buf + *used, cap - *used, fmt, ap);
    va_end(ap);
    if (w > 0)
        *used = *used + (size_t)w < cap ? *used + (size_t)w : cap - 1;
}

static char *attainment_line(const cc_scenario *s, const cc_channel_summary *x, char *buf,
                              size_t cap)
{
    static const cc_target_scope listed[] = {CC_SCOPE_INTERVAL, CC_SCOPE_DAY, CC_SCOPE_WEEK};
    static const char *const plural[] = {"intervals", "days", "weeks"};
    const cc_target_verdict *h = &x->at[CC_SCOPE_HORIZON].verdict;
    const cc_attainment *a = &x->at[x->judging.scope];
    char why[200], name[64];
    size_t used = 0, k;

    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (isnan(h->service_level))
        put(buf, cap, &used, "SL - (horizon)");
    else
        put(buf, cap, &used, "SL %.1f%% (horizon)", 100.0 * h->service_level);
    for (k = 0; k < sizeof listed / sizeof listed[0]; k++) {
        const cc_attainment *t = &x->at[listed[k]];
        if (t->periods > 1 && t->judged > 0)
            put(buf, cap, &used, "  %s meeting %.0f%% (%ld/%ld)", plural[k],
                floor(100.0 * (double)t->met / (double)t->judged), t->met, t->judged);
    }
    put(buf, cap, &used, "  verdict: %s at %s scope", cc_target_status_name(a->verdict.status),
        cc_target_scope_name(x->judging.scope));
    cc_target_reasons(&a->verdict, why, sizeof why);
    cc_target_period_name(s, x->judging.scope, a->worst, name, sizeof name);
    if (a->verdict.status == CC_TARGET_NA)
        put(buf, cap, &used, " \u2014 %s", why);
    else if (a->verdict.status == CC_TARGET_MISSES && (a->verdict.missed & CC_MISS_RISK))
        put(buf, cap, &used, " \u2014 %s: %s", name, why);
    else if (a->verdict.status == CC_TARGET_MISSES)
        put(buf, cap, &used, " \u2014 %s: %s (risk %.4g%%)", name, why, 100.0 * a->verdict.risk);
    else if (x->judging.scope == CC_SCOPE_HORIZON)
        put(buf, cap, &used, " (risk %.4g%%)", 100.0 * a->verdict.risk);
    else
        put(buf, cap, &used, " (worst %s: risk %.4g%%)", name, 100.0 * a->verdict.risk);
    return buf;
}

/* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
char *cc_target_attainment_line(const cc_scenario *s, const cc_channel_summary *x, char *buf,
                                size_t cap)
{
    locale_t prev = cc_locale_enter();
    char *r = attainment_line(s, x, buf, cap);
    cc_locale_leave(prev);
    return r;
}
