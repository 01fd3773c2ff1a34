/*
 * Simulation-verified staffing: the analytic team staffing is simulated on
 * common random numbers (the same seed gives the same arrivals whatever the
 * staffing), raised where a channel misses a target and trimmed where every
 * channel a team serves has room, round by round (see cc_plan_verify).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "plan/planner_internal.h"
#include "stats/target.h"

/* A judged block holds at least as many contacts as the verdicts judge (cc_period_judged). */
#define MIN_BLOCK_CONTACTS CC_JUDGE_MIN_CONTACTS

typedef struct block {
    size_t channel;           /* channel index */
    size_t a, b;              /* first and last interval, inclusive */
} block;

/* A block's figures in one round. */
typedef struct verdict {
    int pass;                 /* every target met */
    int misses;               /* rounds in a row the block has missed */
    int room;                 /* met with margin: a candidate for trimming */
    double deficit;           /* how far off: SL points short, or a tenth of the relative
                                 excess of abandonment or ASA, whichever is largest */
} verdict;

typedef struct search {
    cc_planner *p;
    const cc_simmodel *m;     /* the model simulated: its channels' targets are judged */
    size_t n, nt, nc;
    block *blocks;            /* judged blocks */
    size_t n_blocks, cap;
    long *block_of;           /* [c * n + i] block index, -1 when not judged */
    long **level;             /* [t][i] agents on duty being searched */
    long *step_down;          /* [t * n + i] next trim */
    long *last_down;          /* [t * n + i] trimmed in the round just simulated */
    long *limit;              /* [t * n + i] most agents a cell may get */
    unsigned char *frozen;    /* [t * n + i] never trimmed again */
    verdict *v;               /* [n_blocks] */
} search;

static double presented(const cc_interval_channel *x)
{
    double a = x->answered.n > 0 ? x->answered.mean : 0.0;
    double b = x->abandoned.n > 0 ? x->abandoned.mean : 0.0;
    return a + b;
}

static void push_block(search *S, size_t c, size_t a, size_t b)
{
    if (S->n_blocks == S->cap) {
        S->cap = S->cap ? 2 * S->cap : 64;
        S->blocks = cc_xrealloc(S->blocks, S->cap * sizeof *S->blocks);
    }
    S->blocks[S->n_blocks].channel = c;
    S->blocks[S->n_blocks].a = a;
    S->blocks[S->n_blocks].b = b;
    S->n_blocks++;
}

/* Cuts each channel's horizon into judged blocks from the first round's volumes. */
static void build_blocks(search *S, const cc_results *r)
{
    const cc_scenario *s = S->p->s;
    size_t ipd = (size_t)s->intervals_per_day, days = (size_t)s->days;

    for (size_t c = 0; c < S->nc; c++) {
        const cc_channel *ch = &s->channels[c];
        int targets = ch->target.service_level > 0 || ch->target.has_max_abandon ||
                      ch->target.has_max_asa;
        if (!targets)
            continue;
        for (size_t d = 0; d < days; d++) {
            size_t first = d * ipd, start = first, day_first_block = S->n_blocks;
            double sum = 0.0, day_sum = 0.0;
            for (size_t i = first; i < first + ipd; i++)
                day_sum += presented(&r->intervals[i * S->nc + c]);
            if (day_sum <= 0)
                continue;
            if (S->p->channels[c].deferred) {
                push_block(S, c, first, first + ipd - 1);
                continue;
            }
            for (size_t i = first; i < first + ipd; i++) {
                sum += presented(&r->intervals[i * S->nc + c]);
                if (sum >= MIN_BLOCK_CONTACTS) {
                    push_block(S, c, start, i);
                    start = i + 1;
                    sum = 0.0;
                }
            }
            if (start < first + ipd) {
                if (S->n_blocks > day_first_block)
                    S->blocks[S->n_blocks - 1].b = first + ipd - 1;
                else
                    push_block(S, c, start, first + ipd - 1);
            }
        }
    }
    for (size_t k = 0; k < S->n_blocks; k++)
        for (size_t i = S->blocks[k].a; i <= S->blocks[k].b; i++)
            S->block_of[S->blocks[k].channel * S->n + i] = (long)k;
}

/* The counts of channel c over intervals a..b, pooled over replications. */
static cc_pooled pooled_over(const search *S, const cc_results *r, size_t c, size_t a, size_t b)
{
    cc_pooled x;
    memset(&x, 0, sizeof x);
    for (size_t i = a; i <= b; i++) {
        cc_pooled_add(&x, &r->intervals[i * S->nc + c].pooled);
    }
    return x;
}

/*
 * Judges every block by cc_channel_verdict on its pooled counts (the rule
 * run, sweep and the options use). Beyond pass or fail, the search wants
 * how far off a block is (the deficit that sizes a raise) and whether it
 * has room to lose an agent (every figure clear of its goal or cap by a
 * margin). Returns the blocks missed.
 */
static size_t judge(search *S, const cc_results *r)
{
    size_t missed = 0;

    for (size_t k = 0; k < S->n_blocks; k++) {
        const block *bk = &S->blocks[k];
        const cc_sim_target *tg = &S->m->channels[bk->channel].target;
        cc_pooled x = pooled_over(S, r, bk->channel, bk->a, bk->b);
        cc_target_verdict vd = cc_channel_verdict(tg, &x);
        double margin = fmax(0.01, 0.1 * (1.0 - tg->service_level));
        verdict *v = &S->v[k];

        v->pass = vd.status != CC_TARGET_MISSES;
        v->room = 1;
        v->deficit = 0.0;
        if (vd.missed & CC_MISS_SL)
            v->deficit = tg->service_level - vd.service_level;
        if (vd.missed & CC_MISS_ABANDON)
            v->deficit = fmax(v->deficit, 0.1 * (vd.abandon - tg->max_abandon) / tg->max_abandon);
        if (vd.missed & CC_MISS_ASA)
            v->deficit = fmax(v->deficit, 0.1 * (vd.asa_s - tg->max_asa_s) / tg->max_asa_s);
        if (tg->service_level > 0 && vd.service_level < tg->service_level + margin)
            v->room = 0;
        if (tg->max_abandon > 0 && vd.abandon > 0.9 * tg->max_abandon)
            v->room = 0;
        if (tg->max_asa_s > 0 && vd.asa_s > 0.9 * tg->max_asa_s)
            v->room = 0;
        if (!v->pass) {
            v->room = 0;
            v->misses++;
            missed++;
        } else {
            v->misses = 0;
        }
    }
    return missed;
}

/* The team carrying most of channel c in interval i. */
static size_t main_team(const search *S, size_t c, size_t i)
{
    const double *share = S->p->channels[c].share;
    size_t best = 0;
    for (size_t t = 1; t < S->nt; t++)
        if (share[t * S->n + i] > share[best * S->n + i])
            best = t;
    return best;
}

/* Puts back trims that may have caused block k to fail; returns how many. */
static size_t restore_trims(search *S, size_t k)
{
    const block *bk = &S->blocks[k];
    const double *share = S->p->channels[bk->channel].share;
    size_t from = bk->a > 0 ? bk->a - 1 : 0, restored = 0;

    for (size_t t = 0; t < S->nt; t++) {
        for (size_t i = from; i <= bk->b; i++) {
            size_t j = t * S->n + i;
            if (S->last_down[j] <= 0 || share[j] <= 0)
                continue;
            S->level[t][i] += S->last_down[j];
            S->last_down[j] = 0;
            S->step_down[j] /= 2;
            if (S->step_down[j] == 0)
                S->frozen[j] = 1;
            restored++;
        }
    }
    return restored;
}

/* Raises the staffing of block k's channel; returns the cells raised. */
static size_t raise_block(search *S, size_t k)
{
    const block *bk = &S->blocks[k];
    const cc_plan_requirement *req = S->p->channels[bk->channel].req;
    size_t raised = 0;
    int any_work = 0;
    double avail;

    for (size_t i = bk->a; i <= bk->b; i++)
        any_work |= req->intervals[i].net_agents > 0;
    for (size_t i = bk->a; i <= bk->b; i++) {
        size_t t, j;
        long step;
        if (any_work && !(req->intervals[i].net_agents > 0))
            continue;
        t = main_team(S, bk->channel, i);
        j = t * S->n + i;
        /*
         * At least one more agent available after shrinkage: the engine removes the
         * shrinkage share of on-duty agents, so +1 on duty may add nobody.
         */
        avail = 1.0 - S->p->s->teams[t].shrinkage;
        step = (long)ceil(fmax(1.0, (double)S->level[t][i] * avail * fmin(0.25, S->v[k].deficit)) /
                          avail - 1e-9);
        /* A block that keeps missing gets larger steps: 1, 2, 4, then 8 times. */
        step <<= S->v[k].misses > 4 ? 3 : S->v[k].misses - 1;
        if (S->level[t][i] + step > S->limit[j])
            step = S->limit[j] - S->level[t][i];
        if (step <= 0)
            continue;
        S->level[t][i] += step;
        S->frozen[j] = 1;
        raised++;
    }
    return raised;
}

/* Trims every cell whose channels all have room; returns the cells trimmed. */
static size_t trim(search *S)
{
    size_t trimmed = 0;
    for (size_t t = 0; t < S->nt; t++) {
        for (size_t i = 0; i < S->n; i++) {
            size_t j = t * S->n + i;
            int room = 1;
            long d;
            if (S->frozen[j] || S->level[t][i] <= 0 || S->step_down[j] <= 0)
                continue;
            for (size_t c = 0; c < S->nc && room; c++) {
                long k = S->block_of[c * S->n + i];
                if (k >= 0 && S->p->channels[c].share[j] > 0 && !S->v[k].room)
                    room = 0;
            }
            if (!room)
                continue;
            d = S->step_down[j] < S->level[t][i] ? S->step_down[j] : S->level[t][i];
            S->level[t][i] -= d;
            S->last_down[j] = d;
            trimmed++;
        }
    }
    return trimmed;
}

static double agent_hours(const search *S, long *const *lv)
{
    double h = 0.0;
    for (size_t t = 0; t < S->nt; t++)
        for (size_t i = 0; i < S->n; i++)
            h += (double)lv[t][i];
    return h * S->p->interval_h;
}

static void channel_sl(const search *S, const cc_results *r, double *out)
{
    for (size_t c = 0; c < S->nc; c++)
        out[c] = r->channels[c].service_level.n > 0 ? r->channels[c].service_level.mean : NAN;
}

/*
 * Channel-days whose pooled figures miss a target (cc_channel_verdict): the
 * day-level check, coarser than the blocks and so less noisy. *judged
 * receives the channel-days with a verdict (something presented).
 */
static size_t days_missed(const search *S, const cc_results *r, size_t *judged)
{
    const cc_scenario *s = S->p->s;
    size_t ipd = (size_t)s->intervals_per_day, missed = 0;

    *judged = 0;
    for (size_t c = 0; c < S->nc; c++) {
        for (size_t d = 0; d < (size_t)s->days; d++) {
            cc_pooled x = pooled_over(S, r, c, d * ipd, (d + 1) * ipd - 1);
            cc_target_verdict vd = cc_channel_verdict(&S->m->channels[c].target, &x);
            if (vd.status == CC_TARGET_NA)
                continue;
            (*judged)++;
            missed += vd.status == CC_TARGET_MISSES;
        }
    }
    return missed;
}

static long **levels_new(size_t nt, size_t n)
{
    long **lv = cc_xcalloc(nt, sizeof(long *));
    for (size_t t = 0; t < nt; t++)
        lv[t] = cc_xcalloc(n ? n : 1, sizeof(long));
    return lv;
}

static void levels_free(long **lv, size_t nt)
{
    for (size_t t = 0; lv && t < nt; t++)
        free(lv[t]);
    free(lv);
}

static void levels_copy(long **dst, long *const *src, size_t nt, size_t n)
{
    for (size_t t = 0; t < nt; t++)
        memcpy(dst[t], src[t], n * sizeof(long));
}

/*
 * The search. Erlang formulas see one queue at a time, while a team serving
 * several channels pools them, priorities starve the lower ones, and
 * retrials and bot bounce-backs add work; the simulation sees all of it.
 *
 * Targets are judged per block: a live channel's intervals of one day in
 * runs of at least MIN_BLOCK_CONTACTS presented contacts (a quiet half-hour
 * with three calls says nothing about staffing), a deferred channel per day
 * (its response window spans intervals). Raising goes to the team carrying
 * most of the channel in the interval; a raised cell is never trimmed again,
 * and a block that keeps missing is raised in growing steps. Trimming starts
 * at an eighth of the agents and halves on every failure it causes until the
 * cell is frozen, so the search ends. Each round simulates the current
 * staffing; the staffing kept is the one with the fewest blocks missed, then
 * the fewest agent-hours, so the answer meets every target whenever any
 * round did.
 */
cc_status cc_plan_verify(cc_planner *p, cc_error *err)
{
    search S;
    cc_simmodel *m = NULL;
    cc_results *r = NULL;
    long **chosen, **evaluated;
    double chosen_hours = HUGE_VAL;
    size_t chosen_missed = (size_t)-1, judged_days = 0;
    int trimming = 0;
    cc_status st;

    memset(&S, 0, sizeof S);
    S.p = p;
    S.n = p->n_intervals;
    S.nt = p->n_teams;
    S.nc = p->n_channels;
    S.level = levels_new(S.nt, S.n);
    evaluated = levels_new(S.nt, S.n);
    chosen = levels_new(S.nt, S.n);
    for (size_t t = 0; t < S.nt; t++)
        memcpy(S.level[t], p->teams[t].analytic, S.n * sizeof(long));
    S.step_down = cc_xcalloc(S.nt * S.n, sizeof(long));
    S.last_down = cc_xcalloc(S.nt * S.n, sizeof(long));
    S.limit = cc_xcalloc(S.nt * S.n, sizeof(long));
    S.frozen = cc_xcalloc(S.nt * S.n, 1);
    S.block_of = cc_xcalloc(S.nc * S.n, sizeof(long));
    for (size_t j = 0; j < S.nc * S.n; j++)
        S.block_of[j] = -1;
    for (size_t t = 0; t < S.nt; t++) {
        for (size_t i = 0; i < S.n; i++) {
            long a = p->teams[t].analytic[i];
            S.step_down[t * S.n + i] = a / 8 > 1 ? a / 8 : 1;
            S.limit[t * S.n + i] = 4 * a + 20;
            S.frozen[t * S.n + i] = (unsigned char)p->teams[t].fixed;
        }
    }
    p->verify.ran = 1;
    p->verify.analytic_sl = cc_xcalloc(S.nc, sizeof(double));
    p->verify.verified_sl = cc_xcalloc(S.nc, sizeof(double));

    if ((st = cc_plan_model(p->s, S.level, &m, err)) != CC_OK)
        goto out;
    S.m = m;
    for (int round = 0; round < p->opt.verify_max_rounds; round++) {
        size_t changed = 0, missed, day_miss;
        double hours;

        for (size_t t = 0; t < S.nt; t++)
            for (size_t i = 0; i < S.n; i++)
                m->teams[t].agents[i] = (int)S.level[t][i];
        levels_copy(evaluated, S.level, S.nt, S.n);
        cc_results_free(r);
        r = NULL;
        if ((st = cc_plan_replicate(p, m, 0, &r, err)) != CC_OK)
            goto out;
        p->verify.rounds = round + 1;
        if (round == 0) {
            build_blocks(&S, r);
            S.v = cc_xcalloc(S.n_blocks + 1, sizeof *S.v);
            p->verify.n_blocks = S.n_blocks;
        }
        missed = judge(&S, r);
        day_miss = days_missed(&S, r, &judged_days);
        hours = agent_hours(&S, evaluated);
        if (round == 0) {
            p->verify.analytic_missed = missed;
            p->verify.analytic_days_missed = day_miss;
            p->verify.n_days = judged_days;
            channel_sl(&S, r, p->verify.analytic_sl);
        }
        if (missed < chosen_missed || (missed == chosen_missed && hours <= chosen_hours)) {
            levels_copy(chosen, evaluated, S.nt, S.n);
            chosen_missed = missed;
            chosen_hours = hours;
            p->verify.verified_days_missed = day_miss;
            channel_sl(&S, r, p->verify.verified_sl);
        }
        if (missed == 0)
            trimming = 1;
        for (size_t k = 0; k < S.n_blocks; k++) {
            if (S.v[k].pass)
                continue;
            if (restore_trims(&S, k) == 0)
                changed += raise_block(&S, k);
            else
                changed++;
        }
        memset(S.last_down, 0, S.nt * S.n * sizeof(long));
        if (trimming)
            changed += trim(&S);
        if (changed == 0) {
            p->verify.converged = missed == 0;
            break;
        }
    }

    p->verify.met_targets = chosen_missed == 0;
    p->verify.verified_missed = chosen_missed;
    for (size_t t = 0; t < S.nt; t++) {
        cc_planner_team *pt = &p->teams[t];
        pt->verified = cc_xcalloc(S.n ? S.n : 1, sizeof(long));
        memcpy(pt->verified, chosen[t], S.n * sizeof(long));
        for (size_t i = 0; i < S.n; i++)
            pt->verified_hours += (double)pt->verified[i] * p->interval_h;
    }
    st = CC_OK;
out:
    cc_results_free(r);
    cc_simmodel_free(m);
    levels_free(S.level, S.nt);
    levels_free(evaluated, S.nt);
    levels_free(chosen, S.nt);
    free(S.step_down);
    free(S.last_down);
    free(S.limit);
    free(S.frozen);
    free(S.block_of);
    free(S.blocks);
    free(S.v);
    return st;
}
