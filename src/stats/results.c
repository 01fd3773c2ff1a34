/*
 * Results of a run: allocation and release, merging of replications (see
 * merge.h) and the across-replication summaries, with each channel's counts
 * pooled over replications for its verdict. Totals keep every
 * replication's raw figures and are summarised by two-pass mean and Student-t
 * intervals; per-interval figures use Welford accumulators so that memory
 * does not grow with the number of replications.
 *
 * Verdicts at a scope: each channel's periods (intervals, days, 7-day weeks,
 * the horizon) pool their counts over replications and count the
 * replications that missed them on their own counts; cc_scope_attainment
 * judges them at every scope.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/counters.h"
#include "engine/engine_view.h"
#include "stats/estimate.h"
#include "stats/merge.h"
#include "stats/target.h"
#include "util/alloc.h"

struct cc_merge {
    cc_results *res;
    const cc_simmodel *m;
    int interval_percentiles;
    uint32_t *pool;            /* pooled per-interval histograms, CC_HI_BINS per cell */
    double *paid_sum;          /* per team interval: sum of paid hours over replications */
    double *risk_count;        /* per channel interval: replications that missed */
    double *sl_moments;        /* per channel interval: sums of in^2, in*den, den^2 over
                                  replications (den = presented - excluded) */
};

/*
 * Where a scope's periods start in a channel's block of periods: intervals,
 * then days, then weeks, then the horizon.
 */
static size_t period_offset(const cc_results *res, cc_target_scope scope)
{
    size_t ni = res->n_periods[CC_SCOPE_INTERVAL], nd = res->n_periods[CC_SCOPE_DAY];
    switch (scope) {
    case CC_SCOPE_INTERVAL: return 0;
    case CC_SCOPE_DAY: return ni;
    case CC_SCOPE_WEEK: return ni + nd;
    case CC_SCOPE_HORIZON: break;
    }
    return ni + nd + res->n_periods[CC_SCOPE_WEEK];
}

static cc_period *periods_of(const cc_results *res, size_t channel, cc_target_scope scope)
{
    size_t per_channel = period_offset(res, CC_SCOPE_HORIZON) + 1;
    return &res->periods[channel * per_channel + period_offset(res, scope)];
}

const cc_period *cc_results_periods(const cc_results *res, size_t channel,
                                    cc_target_scope scope)
{
    return periods_of(res, channel, scope);
}

void cc_results_free(cc_results *res)
{
    if (!res)
        return;
    free(res->channels);
    free(res->teams);
    free(res->rep_channels);
    free(res->rep_teams);
    free(res->intervals);
    free(res->team_intervals);
    free(res->periods);
    free(res);
}

cc_estimate cc_estimate_of(const double *values, size_t n, size_t stride)
{
    cc_estimate e = {0.0, 0.0, 0};
    double sum = 0.0, ss = 0.0, mean;
    size_t i;
    for (i = 0; i < n; i++) {
        double x = values[i * stride];
        if (isnan(x))
            continue;
        sum += x;
        e.n++;
    }
    if (e.n == 0)
        return e;
    mean = sum / (double)e.n;
    for (i = 0; i < n; i++) {
        double x = values[i * stride];
        if (!isnan(x))
            ss += (x - mean) * (x - mean);
    }
    e.mean = mean;
    if (e.n >= 2)
        e.half_width = cc_t975(e.n - 1) * sqrt(ss / (double)(e.n - 1) / (double)e.n);
    return e;
}

/* ---- merging ------------------------------------------------------------ */

cc_merge *cc_merge_new(const cc_simmodel *m, const cc_run_options *opt)
{
    cc_merge *mg = cc_xcalloc(1, sizeof(*mg));
    cc_results *res = cc_xcalloc(1, sizeof(*res));
    size_t nc = m->n_channels, nt = m->n_teams, ni = m->n_intervals, c, t;
    size_t r = (size_t)opt->replications;
    size_t per_day = m->intervals_per_day ? m->intervals_per_day : 1;

    mg->res = res;
    mg->m = m;
    res->n_channels = nc;
    res->n_teams = nt;
    res->n_intervals = ni;
    res->interval_s = m->interval_s;
    res->replications = opt->replications;
    res->seed = opt->seed;
    res->channels = cc_xcalloc(nc, sizeof(*res->channels));
    res->teams = cc_xcalloc(nt ? nt : 1, sizeof(*res->teams));
    res->rep_channels = cc_xcalloc(r * nc, sizeof(*res->rep_channels));
    res->rep_teams = cc_xcalloc(r * (nt ? nt : 1), sizeof(*res->rep_teams));
    for (c = 0; c < nc; c++)
        memcpy(res->channels[c].name, m->channels[c].name, CC_RESULTS_NAME_MAX);
    res->n_periods[CC_SCOPE_INTERVAL] = ni;
    res->n_periods[CC_SCOPE_DAY] = (ni + per_day - 1) / per_day;
    res->n_periods[CC_SCOPE_WEEK] = (res->n_periods[CC_SCOPE_DAY] + 6) / 7;
    res->n_periods[CC_SCOPE_HORIZON] = 1;
    res->periods = cc_xcalloc(nc * (period_offset(res, CC_SCOPE_HORIZON) + 1),
                              sizeof(*res->periods));
    for (t = 0; t < nt; t++)
        memcpy(res->teams[t].name, m->teams[t].name, CC_RESULTS_NAME_MAX);
    if (opt->interval_stats) {
        res->intervals = cc_xcalloc(ni * nc, sizeof(*res->intervals));
        res->team_intervals = cc_xcalloc(ni * (nt ? nt : 1), sizeof(*res->team_intervals));
        mg->paid_sum = cc_xcalloc(ni * (nt ? nt : 1), sizeof(double));
        mg->risk_count = cc_xcalloc(ni * nc, sizeof(double));
        mg->sl_moments = cc_xcalloc(ni * nc * 3, sizeof(double));
        if (opt->interval_percentiles) {
            mg->interval_percentiles = 1;
            mg->pool = cc_xcalloc(ni * nc * CC_HI_BINS, sizeof(uint32_t));
        }
    }
    return mg;
}

/* One interval cell's counts as a verdict sees them. */
static cc_pooled pooled_of(const cc_ival_ch *v)
{
    cc_pooled x = {v->presented, v->in_target, v->answered, v->wait_ans_s, v->abandoned,
                   v->sl_excluded};
    return x;
}

/* A replication's totals as a verdict sees them. */
static cc_pooled pooled_of_rep(const cc_rep_channel *x)
{
    cc_pooled p = {x->presented, x->answered_in_target, x->answered, x->wait_answered_s,
                   x->abandoned, x->sl_excluded};
    return p;
}

/*
 * The figures of one replication that the engine's counters imply: wait
 * percentiles from the whole-run histogram, and how many intervals and days
 * (by arrival interval, after the warm-up) had contacts and missed the
 * target, each period's counts pooled before judging.
 */
static void derive_channel(const cc_simmodel *m, const cc_sim *sim, size_t c, cc_rep_channel *r)
{
    const cc_sim_target *tg = &m->channels[c].target;
    const uint32_t *h = cc_sim_total_hist(sim, (int)c);
    const cc_ival_ch *iv = cc_sim_ival_channels(sim);
    size_t ni = m->n_intervals, nc = m->n_channels, per_day = m->intervals_per_day, d, i;

    r->wait_p50_s = cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.50);
    r->wait_p90_s = cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.90);
    r->wait_p99_s = cc_hist_quantile(h, CC_HT_BINS, CC_HT_SUB, CC_HT_EMIN, 0.99);
    r->intervals_active = r->intervals_missed = 0.0;
    r->days_active = r->days_missed = 0.0;
    for (d = 0; d * per_day < ni; d++) {
        cc_pooled day = {0};
        size_t i0 = d * per_day;
        size_t i1 = i0 + per_day < ni ? i0 + per_day : ni;
        for (i = i0; i < i1; i++) {
            const cc_ival_ch *v = &iv[i * nc + c];
            cc_pooled x = pooled_of(v);
            if ((double)(i + 1) * m->interval_s <= m->warmup_s)
                continue;
            if (v->presented > 0) {
                r->intervals_active++;
                r->intervals_missed += cc_target_missed(tg, &x);
            }
            cc_pooled_add(&day, &x);
        }
        if (day.presented > 0) {
            r->days_active++;
            r->days_missed += cc_target_missed(tg, &day);
        }
    }
}

/* Adds one period of one replication to the run's period: its counts, and whether it missed. */
static void period_add(cc_period *p, const cc_sim_target *tg, const cc_pooled *x)
{
    cc_pooled_add(&p->pooled, x);
    cc_period_spread_add(&p->spread, x);
    p->missed_reps += cc_channel_verdict(tg, x).status == CC_TARGET_MISSES;
}

/*
 * Folds one replication's intervals, days and weeks of every channel (by
 * arrival interval, leaving out intervals that end within the warm-up, as
 * derive_channel does) into the run's periods, each period's counts pooled
 * before judging. The horizon is added from the totals by
 * summarise_channels.
 */
static void merge_periods(cc_merge *mg, const cc_ival_ch *iv)
{
    cc_results *res = mg->res;
    const cc_simmodel *m = mg->m;
    size_t nc = res->n_channels, ni = res->n_intervals, nd = res->n_periods[CC_SCOPE_DAY];
    size_t per_day = m->intervals_per_day ? m->intervals_per_day : 1, c, d, i;

    for (c = 0; c < nc; c++) {
        const cc_sim_target *tg = &m->channels[c].target;
        cc_period *pi = periods_of(res, c, CC_SCOPE_INTERVAL);
        cc_period *pd = periods_of(res, c, CC_SCOPE_DAY);
        cc_period *pw = periods_of(res, c, CC_SCOPE_WEEK);
        cc_pooled day, week;

        memset(&week, 0, sizeof week);
        for (d = 0; d < nd; d++) {
            size_t i1 = (d + 1) * per_day < ni ? (d + 1) * per_day : ni;
            memset(&day, 0, sizeof day);
            for (i = d * per_day; i < i1; i++) {
                cc_pooled x = pooled_of(&iv[i * nc + c]);
                if ((double)(i + 1) * m->interval_s <= m->warmup_s)
                    continue;
                period_add(&pi[i], tg, &x);
                cc_pooled_add(&day, &x);
            }
            period_add(&pd[d], tg, &day);
            cc_pooled_add(&week, &day);
            if (d % 7 == 6 || d + 1 == nd) {
                period_add(&pw[d / 7], tg, &week);
                memset(&week, 0, sizeof week);
            }
        }
    }
}

static void fold_intervals(cc_merge *mg, const cc_ival_ch *iv, const cc_ival_team *ivt,
                           const uint32_t *h);

void cc_merge_totals(cc_merge *mg, const cc_sim *sim, long r)
{
    cc_results *res = mg->res;
    cc_rep_channel *rc = &res->rep_channels[(size_t)r * res->n_channels];
    size_t c;
    memcpy(rc, cc_sim_rep_channels(sim), res->n_channels * sizeof(cc_rep_channel));
    for (c = 0; c < res->n_channels; c++)
        derive_channel(mg->m, sim, c, &rc[c]);
    memcpy(&res->rep_teams[(size_t)r * res->n_teams], cc_sim_rep_teams(sim),
           res->n_teams * sizeof(cc_rep_team));
}

void cc_merge_intervals(cc_merge *mg, const cc_sim *sim, long r)
{
    (void)r;
    fold_intervals(mg, cc_sim_ival_channels(sim), cc_sim_ival_teams(sim), cc_sim_ival_hist(sim));
}

/*
 * Folds one replication's per-interval figures: channel counters iv, team
 * figures ivt (read only with interval statistics) and wait histograms h
 * (NULL without them).
 */
static void fold_intervals(cc_merge *mg, const cc_ival_ch *iv, const cc_ival_team *ivt,
                           const uint32_t *h)
{
    cc_results *res = mg->res;
    const cc_simmodel *m = mg->m;
    size_t nc = res->n_channels, nt = res->n_teams, i, c, t, b;

    merge_periods(mg, iv);
    if (!res->intervals)
        return;
    for (i = 0; i < res->n_intervals; i++) {
        for (c = 0; c < nc; c++) {
            const cc_ival_ch *v = &iv[i * nc + c];
            cc_interval_channel *o = &res->intervals[i * nc + c];
            cc_pooled x = pooled_of(v);
            double den = x.presented - x.excluded;
            double *sq = &mg->sl_moments[(i * nc + c) * 3];
            cc_welford_add(&o->offered, v->offered);
            cc_welford_add(&o->deflected, v->deflected);
            cc_welford_add(&o->contained, v->contained);
            cc_welford_add(&o->answered, v->answered);
            cc_welford_add(&o->abandoned, v->abandoned);
            cc_welford_add(&o->presented, v->presented);
            cc_welford_add(&o->in_target, v->in_target);
            cc_welford_add(&o->short_abandoned, v->short_abandoned);
            cc_welford_add(&o->pending, v->pending);
            cc_welford_add(&o->backlog_end, v->backlog_end);
            /* Second moments of (in_target, denominator) for the pooled SL's interval. */
            sq[0] += x.in_target * x.in_target;
            sq[1] += x.in_target * den;
            sq[2] += den * den;
            if (den > 0.0)
                o->service_level.n++;
            if (v->presented > 0)
                cc_welford_add(&o->p_abandon, (double)v->abandoned / v->presented);
            if (v->answered > 0) {
                cc_welford_add(&o->asa_s, v->wait_ans_s / v->answered);
                cc_welford_add(&o->aht_s, v->handle_s / v->answered);
            }
            mg->risk_count[i * nc + c] += cc_target_missed(&m->channels[c].target, &x);
            cc_pooled_add(&o->pooled, &x);
            if (mg->pool && h) {
                uint32_t *p = &mg->pool[(i * nc + c) * CC_HI_BINS];
                const uint32_t *q = &h[(i * nc + c) * CC_HI_BINS];
                for (b = 0; b < CC_HI_BINS; b++)
                    p[b] = q[b] > UINT32_MAX - p[b] ? UINT32_MAX : p[b] + q[b];
            }
        }
        for (t = 0; t < nt; t++) {
            const cc_ival_team *v = &ivt[i * nt + t];
            const cc_sim_team *mt = &m->teams[t];
            cc_interval_team *o = &res->team_intervals[i * nt + t];
            cc_welford_add(&o->agents, v->present_s / m->interval_s);
            if (v->present_s > 0.0)
                cc_welford_add(&o->occupancy, v->busy_s / v->present_s);
            if (v->chat_cap_s > 0.0)
                cc_welford_add(&o->utilisation, v->chat_sess_s / v->chat_cap_s);
            cc_welford_add(&o->handled, v->handled);
            cc_welford_add(&o->cost, v->paid_s / 3600.0 * mt->cost_per_hour +
                                         (double)v->handled * mt->cost_per_contact);
            mg->paid_sum[i * nt + t] += v->paid_s / 3600.0;
        }
    }
}

/* ---- replication records ------------------------------------------------ */

/*
 * A record is one finished replication as plain bytes, for a merge in
 * another thread, process or machine: its model events, the channel totals with their derived
 * figures, the team totals, the per-interval channel counters and, with
 * interval statistics, the team figures and wait histograms. Offsets are
 * rounded to 8 bytes so every part is aligned in a malloc'ed buffer.
 */
enum { REC_EVENTS, REC_CH, REC_TEAM, REC_IV, REC_IVT, REC_HIST, REC_END };

static size_t round8(size_t n)
{
    return (n + 7u) & ~(size_t)7u;
}

static void record_layout(const cc_simmodel *m, int interval_stats, int percentiles,
                          size_t off[REC_END + 1])
{
    size_t ni = m->n_intervals, nc = m->n_channels, nt = m->n_teams;
    off[REC_EVENTS] = 0;
    off[REC_CH] = sizeof(uint64_t);
    off[REC_TEAM] = off[REC_CH] + round8(nc * sizeof(cc_rep_channel));
    off[REC_IV] = off[REC_TEAM] + round8(nt * sizeof(cc_rep_team));
    off[REC_IVT] = off[REC_IV] + round8(ni * nc * sizeof(cc_ival_ch));
    off[REC_HIST] = off[REC_IVT] + (interval_stats ? round8(ni * nt * sizeof(cc_ival_team)) : 0);
    off[REC_END] = off[REC_HIST] +
                   (interval_stats && percentiles ? round8(ni * nc * CC_HI_BINS * sizeof(uint32_t))
                                                  : 0);
}

size_t cc_merge_record_size(const cc_simmodel *m, const cc_run_options *opt)
{
    size_t off[REC_END + 1];
    record_layout(m, opt->interval_stats, opt->interval_percentiles, off);
    return off[REC_END];
}

void cc_merge_record_pack(const cc_simmodel *m, const cc_run_options *opt, const cc_sim *sim,
                          void *rec)
{
    unsigned char *b = rec;
    size_t off[REC_END + 1], nc = m->n_channels, nt = m->n_teams, ni = m->n_intervals, c;
    cc_rep_channel *rc;

    record_layout(m, opt->interval_stats, opt->interval_percentiles, off);
    rc = (cc_rep_channel *)(void *)(b + off[REC_CH]);
    memset(rec, 0, off[REC_END]);
    {
        uint64_t events = cc_sim_model_events(sim);
        memcpy(b + off[REC_EVENTS], &events, sizeof events);
    }
    memcpy(rc, cc_sim_rep_channels(sim), nc * sizeof(cc_rep_channel));
    for (c = 0; c < nc; c++)
        derive_channel(m, sim, c, &rc[c]);
    memcpy(b + off[REC_TEAM], cc_sim_rep_teams(sim), nt * sizeof(cc_rep_team));
    memcpy(b + off[REC_IV], cc_sim_ival_channels(sim), ni * nc * sizeof(cc_ival_ch));
    if (opt->interval_stats)
        memcpy(b + off[REC_IVT], cc_sim_ival_teams(sim), ni * nt * sizeof(cc_ival_team));
    if (off[REC_END] > off[REC_HIST] && cc_sim_ival_hist(sim))
        memcpy(b + off[REC_HIST], cc_sim_ival_hist(sim),
               ni * nc * CC_HI_BINS * sizeof(uint32_t));
}

void cc_merge_record_fold(cc_merge *mg, const void *rec, long r)
{
    const unsigned char *b = rec;
    cc_results *res = mg->res;
    size_t off[REC_END + 1];
    uint64_t events;

    record_layout(mg->m, res->intervals != NULL, mg->interval_percentiles, off);
    memcpy(&events, b + off[REC_EVENTS], sizeof events);
    res->model_events += events;
    memcpy(&res->rep_channels[(size_t)r * res->n_channels], b + off[REC_CH],
           res->n_channels * sizeof(cc_rep_channel));
    memcpy(&res->rep_teams[(size_t)r * res->n_teams], b + off[REC_TEAM],
           res->n_teams * sizeof(cc_rep_team));
    fold_intervals(mg, (const cc_ival_ch *)(const void *)(b + off[REC_IV]),
                   (const cc_ival_team *)(const void *)(b + off[REC_IVT]),
                   off[REC_END] > off[REC_HIST] ? (const uint32_t *)(const void *)(b + off[REC_HIST])
                                                : NULL);
}

/* ---- summaries ---------------------------------------------------------- */

static double ratio(double a, double b)
{
    return b > 0.0 ? a / b : NAN;
}

/* Per-replication metric of channel c; NaN where undefined. */
typedef double (*rep_metric)(const cc_rep_channel *x);

#define METRIC(name, expr)                                   \
    static double name(const cc_rep_channel *x)              \
    {                                                        \
        return (expr);                                       \
    }
METRIC(m_offered, x->offered)
METRIC(m_deflected, x->deflected)
METRIC(m_contained, x->contained)
METRIC(m_presented, x->presented)
METRIC(m_answered, x->answered)
METRIC(m_abandoned, x->abandoned)
METRIC(m_waiting_end, x->waiting_end)
METRIC(m_sl, ratio(x->answered_in_target, x->presented - x->sl_excluded))
METRIC(m_asa, ratio(x->wait_answered_s, x->answered))
METRIC(m_mean_wait, ratio(x->wait_answered_s + x->wait_abandoned_s, x->answered + x->abandoned))
METRIC(m_p_wait, ratio(x->queued, x->presented))
METRIC(m_p_abandon, ratio(x->abandoned, x->presented))
METRIC(m_aht, ratio(x->handle_s, x->answered))
METRIC(m_acw, ratio(x->wrap_s, x->answered))
METRIC(m_bot_time, ratio(x->bot_s, x->bot_entered - x->in_bot_end))
METRIC(m_containment, ratio(x->contained, x->bot_entered))
METRIC(m_mean_queue, ratio(x->queue_area_s, x->duration_s))
METRIC(m_max_queue, x->max_queue)
METRIC(m_p50, x->wait_p50_s)
METRIC(m_p90, x->wait_p90_s)
METRIC(m_p99, x->wait_p99_s)
METRIC(m_risk_iv, ratio(x->intervals_missed, x->intervals_active))
METRIC(m_risk_day, ratio(x->days_missed, x->days_active))
#undef METRIC

static cc_estimate channel_estimate(const cc_results *res, size_t c, rep_metric f, double *tmp)
{
    long r;
    for (r = 0; r < res->replications; r++)
        tmp[r] = f(&res->rep_channels[(size_t)r * res->n_channels + c]);
    return cc_estimate_of(tmp, (size_t)res->replications, 1);
}

static void summarise_channels(cc_results *res, const cc_simmodel *m, double *tmp)
{
    size_t c;
    long r;
    int sc;
    for (c = 0; c < res->n_channels; c++) {
        cc_channel_summary *o = &res->channels[c];
        const cc_sim_target *tg = &m->channels[c].target;
        cc_period *horizon = periods_of(res, c, CC_SCOPE_HORIZON);
        long miss = 0;
        o->offered = channel_estimate(res, c, m_offered, tmp);
        o->deflected = channel_estimate(res, c, m_deflected, tmp);
        o->contained = channel_estimate(res, c, m_contained, tmp);
        o->presented = channel_estimate(res, c, m_presented, tmp);
        o->answered = channel_estimate(res, c, m_answered, tmp);
        o->abandoned = channel_estimate(res, c, m_abandoned, tmp);
        o->waiting_end = channel_estimate(res, c, m_waiting_end, tmp);
        o->service_level = channel_estimate(res, c, m_sl, tmp);
        o->asa_s = channel_estimate(res, c, m_asa, tmp);
        o->mean_wait_s = channel_estimate(res, c, m_mean_wait, tmp);
        o->p_wait = channel_estimate(res, c, m_p_wait, tmp);
        o->p_abandon = channel_estimate(res, c, m_p_abandon, tmp);
        o->aht_s = channel_estimate(res, c, m_aht, tmp);
        o->acw_s = channel_estimate(res, c, m_acw, tmp);
        o->bot_time_s = channel_estimate(res, c, m_bot_time, tmp);
        o->containment = channel_estimate(res, c, m_containment, tmp);
        o->mean_queue = channel_estimate(res, c, m_mean_queue, tmp);
        o->max_queue = channel_estimate(res, c, m_max_queue, tmp);
        o->wait_p50_s = channel_estimate(res, c, m_p50, tmp);
        o->wait_p90_s = channel_estimate(res, c, m_p90, tmp);
        o->wait_p99_s = channel_estimate(res, c, m_p99, tmp);
        o->risk_intervals = channel_estimate(res, c, m_risk_iv, tmp);
        o->risk_days = channel_estimate(res, c, m_risk_day, tmp);
        memset(&horizon->spread, 0, sizeof horizon->spread);
        for (r = 0; r < res->replications; r++) {
            cc_pooled x = pooled_of_rep(&res->rep_channels[(size_t)r * res->n_channels + c]);
            miss += cc_target_missed(&m->channels[c].target, &x);
            cc_pooled_add(&o->pooled, &x);
            cc_period_spread_add(&horizon->spread, &x);
        }
        o->risk = (double)miss / (double)res->replications;
        horizon->pooled = o->pooled;
        horizon->missed_reps = (double)miss;
        o->judging = m->channels[c].judging;
        for (sc = 0; sc < CC_SCOPES; sc++)
            o->at[sc] = cc_scope_attainment(tg, &o->judging, (cc_target_scope)sc,
                                            cc_results_periods(res, c, (cc_target_scope)sc),
                                            res->n_periods[sc], res->replications);
        o->verdict = o->at[o->judging.scope].verdict;
    }
}

static void summarise_teams(cc_results *res, double *tmp)
{
    size_t t, nt = res->n_teams;
    long r, R = res->replications;
    for (t = 0; t < nt; t++) {
        cc_team_summary *o = &res->teams[t];
        const cc_rep_team *x;
#define TEAM_EST(field, expr)                          \
    for (r = 0; r < R; r++) {                          \
        x = &res->rep_teams[(size_t)r * nt + t];       \
        tmp[r] = (expr);                               \
    }                                                  \
    o->field = cc_estimate_of(tmp, (size_t)R, 1);
        TEAM_EST(occupancy, ratio(x->busy_s, x->present_s))
        TEAM_EST(utilisation, ratio(x->chat_session_s, x->chat_capacity_s))
        TEAM_EST(holding_chat, x->chat_slots_s > 0.0 ? ratio(x->chat_agent_s, x->present_s) : NAN)
        TEAM_EST(open_chats, ratio(x->chat_session_s, x->chat_slots_s))
        TEAM_EST(agent_hours, x->present_s / 3600.0)
        TEAM_EST(paid_hours, x->paid_s / 3600.0)
        TEAM_EST(handled, x->handled)
        TEAM_EST(cost, x->cost)
#undef TEAM_EST
    }
}

/*
 * The pooled service level SL = sum(in) / sum(den) over R replications and
 * its delta-method 95% interval: z_r = in_r - SL den_r has variance s^2, so
 * SL's standard error is s / (sqrt(R) mean(den)). e->n already counts the
 * replications with den > 0; the mean is NaN-free only when some had.
 */
static void pooled_sl(cc_estimate *e, const cc_pooled *p, const double *sq, double R,
                      const double *tq)
{
    double den = p->presented - p->excluded, sl, ss;
    e->mean = 0.0;
    e->half_width = 0.0;
    if (!(den > 0.0) || e->n == 0) {
        e->n = 0;
        return;
    }
    sl = p->in_target / den;
    e->mean = sl;
    if (R < 2.0)
        return;
    ss = sq[0] - 2.0 * sl * sq[1] + sl * sl * sq[2];
    if (ss < 0.0)
        ss = 0.0; /* rounding */
    e->half_width = tq[(long)R] * sqrt(ss / (R - 1.0) / R) / (den / R);
}

static void finish_intervals(cc_merge *mg, const double *tq)
{
    cc_results *res = mg->res;
    size_t nc = res->n_channels, nt = res->n_teams, i, c, t;
    double R = (double)res->replications;
    if (!res->intervals)
        return;
    for (i = 0; i < res->n_intervals; i++) {
        for (c = 0; c < nc; c++) {
            cc_interval_channel *o = &res->intervals[i * nc + c];
            cc_welford_finish(&o->offered, tq);
            cc_welford_finish(&o->deflected, tq);
            cc_welford_finish(&o->contained, tq);
            cc_welford_finish(&o->answered, tq);
            cc_welford_finish(&o->abandoned, tq);
            cc_welford_finish(&o->presented, tq);
            cc_welford_finish(&o->in_target, tq);
            cc_welford_finish(&o->short_abandoned, tq);
            cc_welford_finish(&o->pending, tq);
            pooled_sl(&o->service_level, &o->pooled, &mg->sl_moments[(i * nc + c) * 3], R, tq);
            cc_welford_finish(&o->asa_s, tq);
            cc_welford_finish(&o->aht_s, tq);
            cc_welford_finish(&o->p_abandon, tq);
            cc_welford_finish(&o->backlog_end, tq);
            o->risk = mg->risk_count[i * nc + c] / R;
            if (mg->pool) {
                const uint32_t *p = &mg->pool[(i * nc + c) * CC_HI_BINS];
                o->wait_p50_s = cc_hist_quantile(p, CC_HI_BINS, CC_HI_SUB, CC_HI_EMIN, 0.50);
                o->wait_p90_s = cc_hist_quantile(p, CC_HI_BINS, CC_HI_SUB, CC_HI_EMIN, 0.90);
                o->wait_p99_s = cc_hist_quantile(p, CC_HI_BINS, CC_HI_SUB, CC_HI_EMIN, 0.99);
            } else {
                o->wait_p50_s = o->wait_p90_s = o->wait_p99_s = NAN;
            }
        }
        for (t = 0; t < nt; t++) {
            cc_interval_team *o = &res->team_intervals[i * nt + t];
            cc_welford_finish(&o->agents, tq);
            cc_welford_finish(&o->occupancy, tq);
            cc_welford_finish(&o->utilisation, tq);
            cc_welford_finish(&o->handled, tq);
            cc_welford_finish(&o->cost, tq);
            o->paid_hours = mg->paid_sum[i * nt + t] / R;
        }
    }
}

cc_results *cc_merge_finish(cc_merge *mg)
{
    cc_results *res = mg->res;
    double *tmp = cc_xcalloc((size_t)res->replications + 1, sizeof(double));
    double *tq = cc_tquantile_table(res->replications);
    summarise_channels(res, mg->m, tmp);
    summarise_teams(res, tmp);
    finish_intervals(mg, tq);
    free(tq);
    free(tmp);
    mg->res = NULL;
    cc_merge_free(mg);
    return res;
}

void cc_merge_free(cc_merge *mg)
{
    if (!mg)
        return;
    cc_results_free(mg->res);
    free(mg->pool);
    free(mg->paid_sum);
    free(mg->risk_count);
    free(mg->sl_moments);
    free(mg);
}
