/*
 * Agent lines: one team's roster (how many agents start each shift on each
 * day) split into individual agents' weekly lines. Per week small integer
 * programmes (GLPK) pick how many agents take each days-off pattern: fewest
 * agents (with a rest bound for each pair of neighbouring days), then
 * fewest working days planned beyond the roster's shifts (so that days off
 * stay in one run), then the least change from last week.
 * Agents keep their pattern from week to week where the counts allow. Each
 * day's shifts then go, in start order, to the agents the patterns have
 * working that day, a shift only to an agent rested since its last one.
 * Eligibility is nested (an agent rested at t is rested at any later t), so
 * this greedy covers a day whenever any assignment can; when none can, a day
 * is taken from the edge of a long days-off run, and only then is an agent
 * added.
 */
#include <assert.h>
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_plan.h"

#define DAY_S 86400.0
#define TIME_EPS 1e-6        /* seconds: rest compared with this slack */
#define MAX_PATTERNS 43      /* most days-off patterns of a week: 1 + 7 x 6 runs */
#define MAX_NZ (20 * MAX_PATTERNS) /* matrix entries of a weekly programme: 7 days, 6 day
                                      pairs, 3 fixed rows, 4 deviation entries per pattern */
#define MAX_SHIFTS 1000000L  /* shifts (agents summed over starts) accepted */
#define MAX_DAYS 100000      /* horizon days accepted */
#define UNKNOWN_HOME 1e18    /* sort key of an agent that has worked no shift yet */

/*
 * How agents are laid out on one day's shifts, least disruptive first (see
 * choose_day): in start order the shifts go to agents ordered by their last
 * start time (MODE_STABLE), or first by the run of working days ahead of
 * them, runs shorter than the mode's horizon going to the later shifts so
 * that agents about to have days off take the late ones and the others
 * stay free for early starts the next day.
 */
enum day_mode {
    MODE_STABLE = 0,    /* each agent near its last start time; idle days next to days off */
    MODE_RUN1,          /* agents off tomorrow take the latest shifts */
    MODE_RUN2,          /* ... then those off the day after */
    MODE_RUN4,          /* ... up to runs of 4 days */
    MODE_RUN,           /* fully by run: the shorter the run, the later the shift */
    MODE_RUN_SURPLUS,   /* as MODE_RUN, and agents with the longest runs are the ones idle */
    N_MODES
};

#define LOOKAHEAD_DAYS 4     /* days simulated to judge a day's layout */
#define MAX_RUN 14           /* working days counted ahead */
#define VIRTUAL ((size_t)-1) /* agent of a simulated stand-in */

/* ---- data ---------------------------------------------------------------- */

/* One week of the horizon: its days-off patterns and how many agents take each. */
typedef struct week_plan {
    size_t first_day;               /* day of position 0 */
    int len;                        /* days in the week, 1..7 */
    int off;                        /* days off per agent (prorated when len < 7) */
    int n_pat;                      /* patterns */
    unsigned mask[MAX_PATTERNS];    /* bit i set = position i is a day off */
    long count[MAX_PATTERNS];       /* agents on each pattern (the programme's answer) */
    long need[7];                   /* shifts starting on each position */
    long pair_need[6];              /* agents needed on position i or i + 1 for rest: need_i +
                                       need_i+1 - most shift pairs one agent can work */
    long min_headcount;             /* fewest agents under the days-off rule alone */
    long planned_extra;             /* agents the rest bound adds to min_headcount */
} week_plan;

/* One shift: one agent's worth of a roster start. */
typedef struct shift_ref {
    long start;                     /* index into plan->starts */
    double t0;                      /* start, seconds after 00:00 of day 0 */
    double t1;                      /* end, seconds after 00:00 of day 0 */
} shift_ref;

/* The agents; per-agent arrays grow together. */
typedef struct pool {
    size_t n, cap;                  /* agents, capacity */
    size_t n_days, n_weeks;         /* strides */
    double *avail;                  /* [a] earliest start of a's next shift (end + rest), s */
    double *home;                   /* [a] time of day of a's last start, s; -1 = none yet */
    int *pat;                       /* [a * n_weeks + w] pattern in week w, -1 = none */
    long *line;                     /* [a * n_days + d] start index worked on day d, -1 = off */
    long *eve;                      /* [a] start index worked on day -1, -1 = none */
} pool;

typedef struct ctx {
    const cc_shift_plan *plan;
    const cc_shift_rule *rules;
    size_t n_days, n_weeks;
    double min_rest;                /* seconds */
    week_plan *weeks;               /* [n_weeks] */
    shift_ref *shifts;              /* every shift, by day, start, end */
    size_t *day_first;              /* [n_days + 2]: day d's shifts are [day_first[d + 1],
                                       day_first[d + 2]), d = -1 .. n_days - 1 */
    long *extra;                    /* [n_weeks] agents added while shifts were given out */
    size_t max_day_shifts;          /* most shifts of one day */
    pool P;
} ctx;

/* One candidate for a day's shifts. */
typedef struct cand {
    size_t agent;
    double avail;                   /* as pool.avail */
    double home;                    /* as pool.home, UNKNOWN_HOME when none */
    int run;                        /* days its patterns have it working from this day on */
    int edge;                       /* 1 = a day without shift joins its days-off block */
    int worked;                     /* shifts it started earlier in the week */
} cand;

/* A sort key: ascending k1, k2, k3. */
typedef struct sort_key {
    double k1, k2, k3;
    size_t idx;
} sort_key;

static int cmp_key(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2)
        return a->k2 < b->k2 ? -1 : 1;
    if (a->k3 != b->k3)
        return a->k3 < b->k3 ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_shift(const void *pa, const void *pb)
{
    const shift_ref *a = pa, *b = pb;
    if (a->t0 != b->t0)
        return a->t0 < b->t0 ? -1 : 1;
    if (a->t1 != b->t1)
        return a->t1 < b->t1 ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Time on site of a start: its own, else (starts built by hand) its rule's. */
static double length_of(const cc_shift_start *st, const cc_shift_rule *r)
{
    return st->length_s > 0 ? st->length_s : r->length_s;
}

/* Paid time of one shift of a start: its own, else its rule's (less the legacy break). */
static double paid_of(const cc_shift_start *st, const cc_shift_rule *r)
{
    if (st->paid_s > 0)
        return st->paid_s;
    return r->paid_s > 0 ? r->paid_s : length_of(st, r) - r->break_s;
}

/* ---- input checks ---------------------------------------------------------- */

static cc_status check_input(const cc_shift_plan *plan, const cc_shift_rule *rules,
                             size_t n_rules, size_t n_days, int first_weekday,
                             const cc_days_off_rule *rule, double min_rest_s, long *n_shifts,
                             cc_error *err)
{
    long total = 0;

    if (plan == NULL || (plan->n_starts > 0 && plan->starts == NULL))
        return cc_error_setf(err, CC_EINVAL, "agent lines need a roster");
    if (rules == NULL || n_rules == 0)
        return cc_error_setf(err, CC_EINVAL, "agent lines need the roster's shift rules");
    if (n_days == 0 || n_days > MAX_DAYS)
        return cc_error_setf(err, CC_EINVAL, "horizon of %zu days; allowed: 1 to %d", n_days,
                             MAX_DAYS);
    if (first_weekday < 0 || first_weekday > 6)
        return cc_error_setf(err, CC_EINVAL,
                             "'first_weekday' is %d; allowed: 0 (Monday) to 6 (Sunday)",
                             first_weekday);
    if (rule->days_off < 0 || rule->days_off > 6)
        return cc_error_setf(err, CC_EINVAL, "'days_off' is %d; allowed: 0 to 6 per week",
                             rule->days_off);
    if (rule->consecutive != 0 && rule->consecutive != 1)
        return cc_error_setf(err, CC_EINVAL, "'consecutive' is %d; allowed: 0 or 1",
                             rule->consecutive);
    if (!isfinite(min_rest_s) || min_rest_s < 0 || min_rest_s > 7 * DAY_S)
        return cc_error_setf(err, CC_EINVAL,
                             "minimum rest of %g s; allowed: 0 to 604800 s (7 days)", min_rest_s);
    for (size_t j = 0; j < plan->n_starts; j++) {
        const cc_shift_start *st = &plan->starts[j];
        const cc_shift_rule *r;
        if (st->rule >= n_rules)
            return cc_error_setf(err, CC_EINVAL,
                                 "start %zu names shift rule %zu; the roster has %zu rules", j,
                                 st->rule, n_rules);
        r = &rules[st->rule];
        if (st->day < -1 || st->day >= (long)n_days)
            return cc_error_setf(err, CC_EINVAL,
                                 "start %zu is on day %ld; allowed: -1 (the evening before) to "
                                 "%zu",
                                 j, st->day, n_days - 1);
        if (!(st->start_s >= 0 && st->start_s < DAY_S))
            return cc_error_setf(err, CC_EINVAL,
                                 "start %zu begins at %g s; allowed: 0 <= start < 86400", j,
                                 st->start_s);
        if (st->agents < 0 || st->agents > MAX_SHIFTS)
            return cc_error_setf(err, CC_EINVAL, "start %zu has %ld agents; allowed: 0 to %ld",
                                 j, st->agents, MAX_SHIFTS);
        if (!(length_of(st, r) > 0 && length_of(st, r) <= 7 * DAY_S))
            return cc_error_setf(err, CC_EINVAL,
                                 "start %zu (rule %zu '%s') is %g s long; allowed: (0, 7 days]", j,
                                 st->rule, r->name ? r->name : "", length_of(st, r));
        if (!(paid_of(st, r) >= 0) || !isfinite(paid_of(st, r)))
            return cc_error_setf(err, CC_EINVAL,
                                 "start %zu (rule %zu '%s') pays %g s; allowed: >= 0", j,
                                 st->rule, r->name ? r->name : "", paid_of(st, r));
        total += st->agents;
        if (total > MAX_SHIFTS)
            return cc_error_setf(err, CC_EINVAL,
                                 "the roster has more than %ld shifts; agent lines are limited to "
                                 "that many",
                                 MAX_SHIFTS);
    }
    *n_shifts = total;
    return CC_OK;
}

/* ---- days-off patterns ------------------------------------------------------ */

/*
 * Days off in a week of `len` days: days_off in a full week; in a partial
 * one days_off x len / 7 rounded half up, at most len - 1 so that an agent
 * can work at least one day.
 */
static int prorated_off(int days_off, int len)
{
    int k;
    if (len >= 7)
        return days_off;
    k = (int)floor(days_off * len / 7.0 + 0.5);
    return k > len - 1 ? len - 1 : k;
}

/*
 * The patterns of a week: every set of `off` days, or with `consecutive`
 * every run of `off` to len - 1 days (wrapping from the last day to the
 * first in a full week, not in a partial one, which has no following day in
 * the week), shortest runs first.
 */
static void make_patterns(week_plan *wk, int consecutive)
{
    int len = wk->len, k = wk->off;

    wk->n_pat = 0;
    if (consecutive) {
        /* runs of b >= k days: an agent working fewer days keeps its days off together */
        for (int b = k; b <= len - 1; b++) {
            int n_first = b == 0 ? 1 : len == 7 ? 7 : len - b + 1;
            for (int s = 0; s < n_first; s++) {
                unsigned m = 0;
                for (int i = 0; i < b; i++)
                    m |= 1u << ((s + i) % len);
                wk->mask[wk->n_pat++] = m;
            }
        }
        return;
    }
    for (unsigned m = 0; m < (1u << len); m++)
        if (__builtin_popcount(m) == k)
            wk->mask[wk->n_pat++] = m;
}

/* ---- the weekly programme ------------------------------------------------- */

/* Runs GLPK's branch-and-cut silently; returns 0 when it found the optimum. */
static int run_intopt(glp_prob *lp)
{
    glp_iocp parm;
    int ret, prev_term;

    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    prev_term = glp_term_out(GLP_OFF);
    ret = glp_intopt(lp, &parm);
    glp_term_out(prev_term);
    if (ret != 0 || glp_mip_status(lp) != GLP_OPT)
        return -1;
    return 0;
}

/* Maximal runs of set bits in the low `len` bits of m, wrapping round when len == 7. */
static int count_runs(unsigned m, int len)
{
    int runs = 0;
    m &= (1u << len) - 1u;
    if (m == (1u << len) - 1u)
        return 1;
    for (int i = 0; i < len; i++) {
        int prev = i > 0 ? (int)(m >> (i - 1) & 1u) : len == 7 ? (int)(m >> 6 & 1u) : 0;
        if ((m >> i & 1u) && !prev)
            runs++;
    }
    return runs;
}

/*
 * One programme over x_p (agents on pattern p), GLPK integer variables:
 * every day i with need_i > 0 covered, with `pairs` the rest bound of every
 * pair of days too, sum of c_p x_p minimised, where c = `obj`; rows
 * fix[k] . x = fix_val[k] for k < n_fix; with `prev`, variables
 * u_p >= |x_p - prev_p| are added and sum u_p is minimised instead.
 * Returns 0 and x in wk->count, or -1 when GLPK fails.
 */
static int solve_phase(week_plan *wk, const double *obj, int pairs,
                       const double (*fix)[MAX_PATTERNS], const double *fix_val, int n_fix,
                       const week_plan *prev)
{
    int np = wk->n_pat, nz = 0, row, ret = 0;
    int ia[1 + MAX_NZ], ja[1 + MAX_NZ];
    double ar[1 + MAX_NZ];
    glp_prob *lp = glp_create_prob();

    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, prev != NULL ? 2 * np : np);
    for (int p = 0; p < np; p++) {
        glp_set_col_kind(lp, p + 1, GLP_IV);
        glp_set_col_bnds(lp, p + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, p + 1, prev != NULL ? 0.0 : obj[p]);
    }
    for (int i = 0; i < wk->len; i++) {
        if (wk->need[i] == 0)
            continue;
        row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, GLP_LO, (double)wk->need[i], 0.0);
        for (int p = 0; p < np; p++)
            if (!(wk->mask[p] >> i & 1u))
                ++nz, ia[nz] = row, ja[nz] = p + 1, ar[nz] = 1.0;
    }
    for (int i = 0; pairs && i + 1 < wk->len; i++) {
        unsigned both = 3u << i;
        if (wk->pair_need[i] <= 0)
            continue;
        row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, GLP_LO, (double)wk->pair_need[i], 0.0);
        for (int p = 0; p < np; p++)
            if ((wk->mask[p] & both) != both)
                ++nz, ia[nz] = row, ja[nz] = p + 1, ar[nz] = 1.0;
    }
    for (int k = 0; k < n_fix; k++) {
        row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, GLP_FX, fix_val[k], fix_val[k]);
        for (int p = 0; p < np; p++)
            if (fix[k][p] != 0.0)
                ++nz, ia[nz] = row, ja[nz] = p + 1, ar[nz] = fix[k][p];
    }
    if (prev != NULL)
        for (int p = 0; p < np; p++) {
            int u = np + p + 1;
            glp_set_col_bnds(lp, u, GLP_LO, 0.0, 0.0);
            glp_set_obj_coef(lp, u, 1.0);
            row = glp_add_rows(lp, 2);
            glp_set_row_bnds(lp, row, GLP_UP, 0.0, (double)prev->count[p]);
            ++nz, ia[nz] = row, ja[nz] = p + 1, ar[nz] = 1.0;
            ++nz, ia[nz] = row, ja[nz] = u, ar[nz] = -1.0;
            glp_set_row_bnds(lp, row + 1, GLP_LO, (double)prev->count[p], 0.0);
            ++nz, ia[nz] = row + 1, ja[nz] = p + 1, ar[nz] = 1.0;
            ++nz, ia[nz] = row + 1, ja[nz] = u, ar[nz] = 1.0;
        }
    assert(nz <= MAX_NZ);
    glp_load_matrix(lp, nz, ia, ja, ar);
    if (run_intopt(lp) != 0)
        ret = -1;
    else
        for (int p = 0; p < np; p++)
            wk->count[p] = lround(glp_mip_col_val(lp, p + 1));
    glp_delete_prob(lp);
    return ret;
}

/*
 * x_p agents on pattern p, in a row of programmes, each keeping the
 * optimum of the ones before:
 *  1. minimise sum x_p subject to, on every day i, the agents whose pattern
 *     works i >= need_i: min_headcount;
 *  2. the same with the rest bound of every pair of days i, i + 1 (agents
 *     working i or i + 1 >= pair_need_i, see pair_rest_need): the headcount;
 *  3. the fewest working days planned beyond the shifts (with runs of days
 *     off longer than days_off, an agent working fewer days keeps its days
 *     off together);
 *  4. with consecutive days off and days nobody works, the fewest runs of
 *     days off split by those days;
 *  5. with `prev` (the previous week, same patterns), the fewest changes
 *     sum |x_p - prev_p|, so that most agents keep their pattern.
 */
static cc_status solve_week(week_plan *wk, const week_plan *prev, int consecutive, size_t w,
                            cc_error *err)
{
    int np = wk->n_pat, n_fix = 0;
    double ones[MAX_PATTERNS] = {0}, work[MAX_PATTERNS] = {0}, scatter[MAX_PATTERNS] = {0};
    double fix[3][MAX_PATTERNS], fix_val[3];
    const double *phase_obj[2];
    unsigned idle = 0;
    long any = 0;
    int pairs = 0;

    for (int i = 0; i < wk->len; i++) {
        any += wk->need[i];
        if (wk->need[i] == 0)
            idle |= 1u << i;
    }
    memset(wk->count, 0, sizeof wk->count);
    wk->min_headcount = 0;
    wk->planned_extra = 0;
    if (any == 0)
        return CC_OK;
    for (int p = 0; p < np; p++) {
        ones[p] = 1.0;
        work[p] = wk->len - __builtin_popcount(wk->mask[p]);
        scatter[p] = consecutive ? count_runs(wk->mask[p] | idle, wk->len) - 1 : 0;
    }

    if (solve_phase(wk, ones, 0, NULL, NULL, 0, NULL) != 0)
        goto fail;
    for (int p = 0; p < np; p++)
        wk->min_headcount += wk->count[p];
    for (int i = 0; i + 1 < wk->len; i++)
        if (wk->pair_need[i] > 0)
            pairs = 1;
    if (pairs) {
        long h = 0;
        if (solve_phase(wk, ones, 1, NULL, NULL, 0, NULL) != 0)
            goto fail;
        for (int p = 0; p < np; p++)
            h += wk->count[p];
        wk->planned_extra = h - wk->min_headcount;
    }
    memcpy(fix[n_fix], ones, sizeof ones);
    fix_val[n_fix++] = (double)(wk->min_headcount + wk->planned_extra);
    /* then the fewest working days planned beyond the shifts, then the fewest scattered */
    phase_obj[0] = work;
    phase_obj[1] = scatter;
    for (int ph = 0; ph < 2; ph++) {
        double value = 0, best;
        const double *c = phase_obj[ph];
        for (int p = 0; p < np; p++)
            value += c[p] * (double)wk->count[p];
        if (ph == 1 && value == 0)
            continue;
        if (solve_phase(wk, c, pairs, (const double (*)[MAX_PATTERNS])fix, fix_val, n_fix,
                        NULL) != 0)
            goto fail;
        best = 0;
        for (int p = 0; p < np; p++)
            best += c[p] * (double)wk->count[p];
        memcpy(fix[n_fix], c, sizeof ones);
        fix_val[n_fix++] = best;
    }
    if (prev != NULL && solve_phase(wk, NULL, pairs, (const double (*)[MAX_PATTERNS])fix,
                                    fix_val, n_fix, prev) != 0)
        goto fail;
    return CC_OK;

fail:
    return cc_error_setf(err, CC_ENUMERIC, "GLPK found no days-off plan for week %zu", w + 1);
}

/* ---- the agent pool --------------------------------------------------------- */

static size_t pool_add(pool *P)
{
    size_t a = P->n, nw = P->n_weeks, nd = P->n_days;
    if (P->n == P->cap) {
        size_t cap = P->cap ? 2 * P->cap : 32;
        P->avail = cc_xrealloc(P->avail, cap * sizeof *P->avail);
        P->home = cc_xrealloc(P->home, cap * sizeof *P->home);
        P->pat = cc_xrealloc(P->pat, cap * nw * sizeof *P->pat);
        P->line = cc_xrealloc(P->line, cap * nd * sizeof *P->line);
        P->eve = cc_xrealloc(P->eve, cap * sizeof *P->eve);
        P->cap = cap;
    }
    P->avail[a] = -INFINITY;
    P->home[a] = -1.0;
    for (size_t w = 0; w < nw; w++)
        P->pat[a * nw + w] = -1;
    for (size_t d = 0; d < nd; d++)
        P->line[a * nd + d] = -1;
    P->eve[a] = -1;
    P->n++;
    return a;
}

static void pool_release(pool *P)
{
    free(P->avail);
    free(P->home);
    free(P->pat);
    free(P->line);
    free(P->eve);
}

static int pattern_of(const ctx *c, size_t a, size_t w)
{
    return c->P.pat[a * c->n_weeks + w];
}

/* 1 when agent a's pattern has it working day d (0 <= d < n_days). */
static int works(const ctx *c, size_t a, size_t d)
{
    size_t w = d / 7;
    int p = pattern_of(c, a, w);
    return p >= 0 && !(c->weeks[w].mask[p] >> (d % 7) & 1u);
}

/* ---- keeping patterns from week to week ------------------------------------------ */

/* Working days from position `from` on while not off in mask (direction +1 or -1). */
static int run_of_work(unsigned mask, int len, int from, int dir)
{
    int n = 0;
    for (int i = from; i >= 0 && i < len && !(mask >> i & 1u); i += dir)
        n++;
    return n;
}

/*
 * Cost of moving an agent from pattern mp (a full week) to mq (the next week,
 * `len` days): 4 per day off that moves, plus every working day beyond a full
 * week's (7 - days_off) in the run of working days across the two weeks.
 */
static int move_cost(unsigned mp, unsigned mq, int len, int days_off)
{
    unsigned keep = mp & ((1u << len) - 1u);
    int run = run_of_work(mp, 7, 6, -1) + run_of_work(mq, len, 0, +1);
    int over = run - (7 - days_off);
    return 4 * __builtin_popcount(keep ^ mq) + (over > 0 ? over : 0);
}

typedef struct move {
    int cost, p, q;
} move;

static int cmp_move(const void *pa, const void *pb)
{
    const move *a = pa, *b = pb;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    if (a->p != b->p)
        return a->p < b->p ? -1 : 1;
    return a->q < b->q ? -1 : a->q > b->q;
}

/*
 * Gives week w's patterns to agents: those of week w - 1 first, cheapest
 * moves first (staying on one's pattern costs nothing), then agents who had
 * no pattern in week w - 1, then new agents. Agents left over have no
 * pattern in week w. Lower ids go first within a class.
 */
static void map_week(ctx *c, size_t w, int days_off)
{
    const week_plan *wk = &c->weeks[w];
    pool *P = &c->P;
    long demand[MAX_PATTERNS];
    long supply[MAX_PATTERNS + 1] = {0};
    long alloc[MAX_PATTERNS + 1][MAX_PATTERNS];
    move moves[(MAX_PATTERNS + 1) * MAX_PATTERNS];
    int n_moves = 0, np = wk->n_pat, npp, idle;
    const week_plan *pw = w > 0 ? &c->weeks[w - 1] : NULL;

    memcpy(demand, wk->count, sizeof demand);
    memset(alloc, 0, sizeof alloc);
    npp = pw != NULL ? pw->n_pat : 0;
    idle = npp;
    for (size_t a = 0; a < P->n; a++) {
        int p = pw != NULL ? pattern_of(c, a, w - 1) : -1;
        supply[p >= 0 ? p : idle]++;
    }
    for (int p = 0; p <= npp; p++)
        for (int q = 0; q < np; q++) {
            move *m = &moves[n_moves++];
            m->p = p;
            m->q = q;
            m->cost = p == idle ? 1000 : move_cost(pw->mask[p], wk->mask[q], wk->len, days_off);
        }
    qsort(moves, (size_t)n_moves, sizeof *moves, cmp_move);
    for (int k = 0; k < n_moves; k++) {
        const move *m = &moves[k];
        long t = supply[m->p] < demand[m->q] ? supply[m->p] : demand[m->q];
        alloc[m->p][m->q] += t;
        supply[m->p] -= t;
        demand[m->q] -= t;
    }
    /* agents of each class in id order, over their moves in cost order */
    for (size_t a = 0; a < P->n; a++) {
        int p = pw != NULL ? pattern_of(c, a, w - 1) : -1, cls = p >= 0 ? p : idle;
        for (int k = 0; k < n_moves; k++) {
            const move *m = &moves[k];
            if (m->p == cls && alloc[cls][m->q] > 0) {
                alloc[cls][m->q]--;
                P->pat[a * c->n_weeks + w] = m->q;
                break;
            }
        }
    }
    for (int q = 0; q < np; q++)
        for (long k = 0; k < demand[q]; k++) {
            size_t a = pool_add(P);
            P->pat[a * c->n_weeks + w] = q;
        }
}

/* ---- one day's shifts ------------------------------------------------------------- */

/* 2 = off by its pattern, 1 = off (no shift, a day already laid out), 0 = working. */
static int off_state(const ctx *c, size_t a, size_t w, int i, long today)
{
    const week_plan *wk = &c->weeks[w];
    int p = pattern_of(c, a, w);
    long d = (long)wk->first_day + i;
    if (wk->mask[p] >> i & 1u)
        return 2;
    if (d < today)
        return c->P.line[a * c->n_days + (size_t)d] < 0;
    return 0;
}

/* 1 when leaving agent a without a shift on day `day` lengthens its days-off block. */
static int is_edge(const ctx *c, size_t a, long day)
{
    size_t w = (size_t)day / 7;
    const week_plan *wk = &c->weeks[w];
    int i = (int)((size_t)day % 7), len = wk->len;

    if (wk->off == 0)
        return 0;
    for (int dir = -1; dir <= 1; dir += 2)
        for (int step = 1; step < len; step++) {
            int j = i + dir * step, s;
            if (j < 0 || j >= len) {
                if (len < 7)
                    break;
                j = (j + 7) % 7;
            }
            s = off_state(c, a, w, j, day);
            if (s == 2)
                return 1;
            if (s == 0)
                break;
        }
    return 0;
}

/* Days agent a works by its patterns from day d on (day 0 for d = -1), at most MAX_RUN. */
static int run_from(const ctx *c, size_t a, long d)
{
    int n = 0;
    for (size_t j = d < 0 ? 0 : (size_t)d; j < c->n_days && n < MAX_RUN && works(c, a, j); j++)
        n++;
    return n;
}

/*
 * The largest shortfall max_i (i + 1 - #{agents free by shift i's start})
 * over shifts S (by start) and agents' free times `avail` (ascending), the
 * agents of `skip` (may be NULL) left out. Eligibility is nested, so by
 * Hall's theorem every shift gets its own agent exactly when this is 0.
 */
static long shortfall(const double *avail, const unsigned char *skip, size_t m,
                      const shift_ref *S, size_t n)
{
    size_t j = 0, free_agents = 0;
    long worst = 0;
    for (size_t i = 0; i < n; i++) {
        while (j < m && avail[j] <= S[i].t0 + TIME_EPS) {
            if (skip == NULL || !skip[j])
                free_agents++;
            j++;
        }
        if ((long)(i + 1) - (long)free_agents > worst)
            worst = (long)(i + 1) - (long)free_agents;
    }
    return worst;
}

static long cand_shortfall(const cand *cd, size_t m, const shift_ref *S, size_t n, double *avs)
{
    for (size_t k = 0; k < m; k++)
        avs[k] = cd[k].avail;
    qsort(avs, m, sizeof *avs, cmp_double);
    return shortfall(avs, NULL, m, S, n);
}

/* Shifts of day `day` (-1 .. n_days - 1). */
static const shift_ref *day_shifts(const ctx *c, long day, size_t *n)
{
    size_t k = (size_t)(day + 1);
    *n = c->day_first[k + 1] - c->day_first[k];
    return c->shifts + c->day_first[k];
}

/* Scratch space of one day's layouts. */
typedef struct scratch {
    cand *cd;                       /* candidates of a simulated day */
    long *asg;                      /* their shifts */
    sort_key *keys;
    double *avs;
    unsigned char *skip;
    size_t *rank_of;
    double *avail, *home;           /* simulated agents' state, [P.n] */
} scratch;

static void scratch_init(scratch *W, size_t cap, size_t n_agents)
{
    W->cd = cc_xmalloc(cap * sizeof *W->cd);
    W->asg = cc_xmalloc(cap * sizeof *W->asg);
    W->keys = cc_xmalloc(cap * sizeof *W->keys);
    W->avs = cc_xmalloc(cap * sizeof *W->avs);
    W->skip = cc_xmalloc(cap);
    W->rank_of = cc_xmalloc(cap * sizeof *W->rank_of);
    W->avail = cc_xmalloc((n_agents + 1) * sizeof *W->avail);
    W->home = cc_xmalloc((n_agents + 1) * sizeof *W->home);
}

static void scratch_release(scratch *W)
{
    free(W->cd);
    free(W->asg);
    free(W->keys);
    free(W->avs);
    free(W->skip);
    free(W->rank_of);
    free(W->avail);
    free(W->home);
}

/*
 * The candidates of day `day` in state avail/home: agents whose pattern has
 * them working (day -1: every agent of week 0). `real` adds what only the
 * day actually laid out needs (edges, days worked).
 */
static size_t candidates(const ctx *c, long day, const double *avail, const double *home,
                         int real, cand *cd)
{
    const pool *P = &c->P;
    size_t m = 0, w = day < 0 ? 0 : (size_t)day / 7;
    for (size_t a = 0; a < P->n; a++) {
        cand *k;
        if (!(day < 0 ? pattern_of(c, a, 0) >= 0 : works(c, a, (size_t)day)))
            continue;
        k = &cd[m++];
        k->agent = a;
        k->avail = avail[a];
        k->home = home[a] >= 0 ? home[a] : UNKNOWN_HOME;
        k->run = run_from(c, a, day);
        k->edge = real && day >= 0 && is_edge(c, a, day);
        k->worked = 0;
        if (real && day >= 0)
            for (size_t d = c->weeks[w].first_day; d < (size_t)day; d++)
                k->worked += P->line[a * c->n_days + d] >= 0;
    }
    return m;
}

/* Runs of working days a mode tells apart (longer ones count as equal). */
static int run_horizon(int mode)
{
    switch (mode) {
    case MODE_STABLE: return 0;
    case MODE_RUN1: return 1;
    case MODE_RUN2: return 2;
    case MODE_RUN4: return 4;
    default: return MAX_RUN;
    }
}

/*
 * Lays out one mode: leaves m - n candidates idle (the mode's preference
 * first, each only while the rest can still cover the day), then gives each
 * shift, in start order, to the first free candidate in the mode's order.
 * Any free candidate keeps the rest coverable (nested eligibility), so
 * every shift is given. asg[k] = the shift of candidate k, or -1.
 */
static void lay_out(const cand *cd, size_t m, const shift_ref *S, size_t n, int mode,
                    long *asg, scratch *W)
{
    sort_key *keys = W->keys;
    size_t removed = 0, r = m - n;

    assert(m >= n);
    /* candidates by free time, for the shortfall checks */
    for (size_t k = 0; k < m; k++) {
        keys[k].k1 = cd[k].avail;
        keys[k].k2 = 0;
        keys[k].k3 = (double)cd[k].agent;
        keys[k].idx = k;
    }
    qsort(keys, m, sizeof *keys, cmp_key);
    for (size_t j = 0; j < m; j++) {
        W->avs[j] = keys[j].k1;
        W->rank_of[keys[j].idx] = j;
        W->skip[j] = 0;
    }
    /* who stays idle */
    for (size_t k = 0; k < m; k++) {
        keys[k].k1 = mode == MODE_RUN_SURPLUS ? -cd[k].run : -cd[k].edge;
        keys[k].k2 = mode == MODE_RUN_SURPLUS ? -cd[k].edge : -cd[k].worked;
        keys[k].k3 = -(double)cd[k].agent;
        keys[k].idx = k;
    }
    qsort(keys, m, sizeof *keys, cmp_key);
    for (size_t j = 0; j < m && removed < r; j++) {
        size_t rk = W->rank_of[keys[j].idx];
        W->skip[rk] = 1;
        if (shortfall(W->avs, W->skip, m, S, n) > 0)
            W->skip[rk] = 0;
        else
            removed++;
    }
    assert(removed == r);
    /* who takes which shift */
    for (size_t k = 0; k < m; k++) {
        int horizon = run_horizon(mode);
        keys[k].k1 = -(cd[k].run < horizon + 1 ? cd[k].run : horizon + 1);
        keys[k].k2 = cd[k].home;
        keys[k].k3 = (double)cd[k].agent;
        keys[k].idx = k;
        asg[k] = W->skip[W->rank_of[k]] ? -2 : -1;
    }
    qsort(keys, m, sizeof *keys, cmp_key);
    for (size_t i = 0; i < n; i++) {
        size_t j;
        for (j = 0; j < m; j++) {
            size_t k = keys[j].idx;
            if (asg[k] == -1 && cd[k].avail <= S[i].t0 + TIME_EPS) {
                asg[k] = (long)i;
                break;
            }
        }
        assert(j < m);
    }
    for (size_t k = 0; k < m; k++)
        if (asg[k] == -2)
            asg[k] = -1;
}

/* Moves the agents of a layout on: rested from the end of their shift plus the rest. */
static void apply(const ctx *c, const cand *cd, size_t m, const long *asg, const shift_ref *S,
                  double *avail, double *home)
{
    for (size_t k = 0; k < m; k++) {
        const shift_ref *s;
        if (asg[k] < 0 || cd[k].agent == VIRTUAL)
            continue;
        s = &S[asg[k]];
        avail[cd[k].agent] = s->t1 + c->min_rest;
        home[cd[k].agent] = c->plan->starts[s->start].start_s;
    }
}

/*
 * Agents the next LOOKAHEAD_DAYS days would lack after layout asg of day
 * `day`: those days simulated with MODE_RUN, fresh virtual agents standing
 * in wherever the patterns' agents cannot cover a day.
 */
static long look_ahead(const ctx *c, long day, const cand *cd, size_t m, const long *asg,
                       const shift_ref *S, scratch *W)
{
    const pool *P = &c->P;
    long total = 0;

    memcpy(W->avail, P->avail, P->n * sizeof *W->avail);
    memcpy(W->home, P->home, P->n * sizeof *W->home);
    apply(c, cd, m, asg, S, W->avail, W->home);
    for (long d = day + 1; d <= day + LOOKAHEAD_DAYS && d < (long)c->n_days; d++) {
        size_t n, m2;
        const shift_ref *S2 = day_shifts(c, d, &n);
        long lack;
        if (n == 0)
            continue;
        m2 = candidates(c, d, W->avail, W->home, 0, W->cd);
        lack = cand_shortfall(W->cd, m2, S2, n, W->avs);
        for (long v = 0; v < lack; v++) {
            cand *k = &W->cd[m2++];
            memset(k, 0, sizeof *k);
            k->agent = VIRTUAL;
            k->avail = -INFINITY;
            k->home = UNKNOWN_HOME;
        }
        total += lack;
        lay_out(W->cd, m2, S2, n, MODE_RUN, W->asg, W);
        apply(c, W->cd, m2, W->asg, S2, W->avail, W->home);
    }
    return total;
}

/*
 * The pattern an agent added on day `day` of week w takes: one working that
 * day with the most working days after it (day -1: one off on day 0).
 */
static int added_pattern(const week_plan *wk, long day)
{
    int best = 0, best_score = -1;
    for (int p = 0; p < wk->n_pat; p++) {
        int score;
        if (day < 0)
            score = (int)(wk->mask[p] & 1u) * 8 + run_of_work(wk->mask[p], wk->len, 1, +1);
        else {
            int i = (int)((size_t)day - wk->first_day);
            if (wk->mask[p] >> i & 1u)
                continue;
            score = 0;
            for (int j = i; j < wk->len; j++)
                score += !(wk->mask[p] >> j & 1u);
        }
        if (score > best_score)
            best = p, best_score = score;
    }
    return best;
}

/* Index of the pattern with mask m in week wk, -1 when none. */
static int find_pattern(const week_plan *wk, unsigned m)
{
    for (int p = 0; p < wk->n_pat; p++)
        if (wk->mask[p] == m)
            return p;
    return -1;
}

/*
 * Finds an agent rested by t0 whose days-off run is longer than the week's
 * days off and has day `day` at one of its ends, and makes that day a
 * working day of its pattern (the run stays one run of at least days_off
 * days). Longest runs first. Returns 1 when one was found.
 */
static int borrow_agent(ctx *c, long day, double t0)
{
    size_t w = (size_t)day / 7, best = 0;
    const week_plan *wk = &c->weeks[w];
    int i = (int)((size_t)day - wk->first_day), len = wk->len, best_len = -1, best_p = -1;

    for (size_t a = 0; a < c->P.n; a++) {
        int p = pattern_of(c, a, w), left, right, q;
        unsigned m;
        if (p < 0 || c->P.avail[a] > t0 + TIME_EPS)
            continue;
        m = wk->mask[p];
        if (!(m >> i & 1u) || __builtin_popcount(m) <= wk->off)
            continue;
        left = i > 0 ? (int)(m >> (i - 1) & 1u) : len == 7 ? (int)(m >> 6 & 1u) : 0;
        right = i < len - 1 ? (int)(m >> (i + 1) & 1u) : len == 7 ? (int)(m & 1u) : 0;
        if (left && right)
            continue; /* inside the run: working it would split the run */
        q = find_pattern(wk, m & ~(1u << i));
        if (q < 0 || __builtin_popcount(m) <= best_len)
            continue;
        best = a, best_len = __builtin_popcount(m), best_p = q;
    }
    if (best_p < 0)
        return 0;
    c->P.pat[best * c->n_weeks + w] = best_p;
    return 1;
}

/*
 * Adds one agent to week w for day `day`: an agent without a pattern that
 * week and rested by t0, or a new one.
 */
static void add_agent(ctx *c, size_t w, long day, double t0)
{
    pool *P = &c->P;
    size_t a;
    for (a = 0; a < P->n; a++)
        if (pattern_of(c, a, w) < 0 && P->avail[a] <= t0 + TIME_EPS)
            break;
    if (a == P->n)
        a = pool_add(P);
    P->pat[a * c->n_weeks + w] = added_pattern(&c->weeks[w], day);
    c->extra[w]++;
}

/*
 * Gives day `day`'s shifts to agents. If the candidates cannot cover the
 * day, agents are added. Each mode is laid out in turn until one leaves the
 * next days coverable (as far as the look-ahead sees); when none does, the
 * one that leaves the fewest agents lacking.
 */
static void choose_day(ctx *c, long day)
{
    size_t n, m, cap, w = day < 0 ? 0 : (size_t)day / 7;
    const shift_ref *S = day_shifts(c, day, &n);
    pool *P = &c->P;
    scratch W;
    cand *cd;
    long *asg, *best_asg, best_lack = -1;

    if (n == 0)
        return;
    /* agents until the day can be covered */
    for (;;) {
        long lack;
        double *avs = cc_xmalloc((P->n + 1) * sizeof *avs);
        cd = cc_xmalloc((P->n + 1) * sizeof *cd);
        m = candidates(c, day, P->avail, P->home, 0, cd);
        lack = cand_shortfall(cd, m, S, n, avs);
        free(cd);
        free(avs);
        if (lack == 0)
            break;
        /* first agents whose days off can give one, then added agents */
        for (long k = 0; k < lack; k++)
            if (day < 0 || !borrow_agent(c, day, S[0].t0))
                add_agent(c, w, day, S[0].t0);
    }

    cap = P->n + c->max_day_shifts + 1;
    scratch_init(&W, cap, P->n);
    cd = cc_xmalloc(cap * sizeof *cd);
    asg = cc_xmalloc(cap * sizeof *asg);
    best_asg = cc_xmalloc(cap * sizeof *best_asg);
    m = candidates(c, day, P->avail, P->home, 1, cd);

    /* day -1: agents off on day 0 (the shortest runs) first */
    for (int mode = day >= 0 ? MODE_STABLE : MODE_RUN_SURPLUS; mode < N_MODES; mode++) {
        long lack;
        lay_out(cd, m, S, n, mode, asg, &W);
        lack = look_ahead(c, day, cd, m, asg, S, &W);
        if (best_lack < 0 || lack < best_lack) {
            best_lack = lack;
            memcpy(best_asg, asg, m * sizeof *asg);
        }
        if (lack == 0)
            break;
    }

    for (size_t k = 0; k < m; k++) {
        if (best_asg[k] < 0)
            continue;
        if (day < 0)
            P->eve[cd[k].agent] = S[best_asg[k]].start;
        else
            P->line[cd[k].agent * c->n_days + (size_t)day] = S[best_asg[k]].start;
    }
    apply(c, cd, m, best_asg, S, P->avail, P->home);

    scratch_release(&W);
    free(cd);
    free(asg);
    free(best_asg);
}

/*
 * Agents day `day` and the next need between them for rest: n_d + n_d+1 - c,
 * c = the most pairs (a shift of day d, a later one of day d + 1 starting
 * min_rest after it ends) without a shift in two pairs; one agent works at
 * most one such pair, every other agent one shift. c by the greedy for
 * nested eligibility: the next day's shifts by start, each paired with any
 * unpaired shift ending early enough. 0 when the bound adds nothing to the
 * days' own needs (c >= the smaller day).
 */
static long pair_rest_need(const ctx *c, size_t day)
{
    size_t na, nb, j = 0, open_ends = 0, pairs = 0;
    const shift_ref *A = day_shifts(c, (long)day, &na), *B = day_shifts(c, (long)day + 1, &nb);
    double *ends;

    if (na == 0 || nb == 0)
        return 0;
    ends = cc_xmalloc(na * sizeof *ends);
    for (size_t i = 0; i < na; i++)
        ends[i] = A[i].t1 + c->min_rest;
    qsort(ends, na, sizeof *ends, cmp_double);
    for (size_t i = 0; i < nb; i++) {
        while (j < na && ends[j] <= B[i].t0 + TIME_EPS)
            j++, open_ends++;
        if (open_ends > 0)
            open_ends--, pairs++;
    }
    free(ends);
    if (pairs >= (na < nb ? na : nb))
        return 0;
    return (long)(na + nb - pairs);
}

/* ---- building blocks of the result ---------------------------------------------------- */

/* Every shift, one per agent of each start, sorted by day, start and end. */
static void expand_shifts(ctx *c, long n_shifts)
{
    const cc_shift_plan *plan = c->plan;
    size_t k = 0;

    c->shifts = cc_xmalloc(((size_t)n_shifts + 1) * sizeof *c->shifts);
    c->day_first = cc_xcalloc(c->n_days + 2, sizeof *c->day_first);
    for (size_t j = 0; j < plan->n_starts; j++) {
        const cc_shift_start *st = &plan->starts[j];
        double t0 = (double)st->day * DAY_S + st->start_s;
        double t1 = t0 + length_of(st, &c->rules[st->rule]);
        for (long r = 0; r < st->agents; r++) {
            c->shifts[k].start = (long)j;
            c->shifts[k].t0 = t0;
            c->shifts[k].t1 = t1;
            k++;
        }
    }
    qsort(c->shifts, k, sizeof *c->shifts, cmp_shift);
    /* day_first[d + 1] = first shift of day d; shifts are sorted by day */
    for (size_t i = 0; i < k; i++) {
        long day = c->plan->starts[c->shifts[i].start].day;
        c->day_first[(size_t)(day + 1) + 1]++;
    }
    for (size_t d = 1; d < c->n_days + 2; d++)
        c->day_first[d] += c->day_first[d - 1];
    for (size_t d = 0; d + 1 < c->n_days + 2; d++)
        if (c->day_first[d + 1] - c->day_first[d] > c->max_day_shifts)
            c->max_day_shifts = c->day_first[d + 1] - c->day_first[d];
}

static cc_agent_lines *build_result(const ctx *c, int first_weekday)
{
    const pool *P = &c->P;
    size_t na = P->n, nd = c->n_days, nw = c->n_weeks;
    cc_agent_lines *L = cc_xcalloc(1, sizeof *L);

    L->n_agents = na;
    L->n_days = nd;
    L->n_weeks = nw;
    L->first_weekday = first_weekday;
    L->min_rest_s = c->min_rest;
    L->shift = cc_xmalloc((na * nd + 1) * sizeof *L->shift);
    L->eve = cc_xmalloc((na + 1) * sizeof *L->eve);
    L->off_mask = cc_xmalloc((na * nw + 1) * sizeof *L->off_mask);
    L->days_worked = cc_xcalloc(na * nw + 1, sizeof *L->days_worked);
    L->paid_h = cc_xcalloc(na * nw + 1, sizeof *L->paid_h);
    L->week_days = cc_xmalloc(nw * sizeof *L->week_days);
    L->week_days_off = cc_xmalloc(nw * sizeof *L->week_days_off);
    L->headcount = cc_xcalloc(nw, sizeof *L->headcount);
    L->min_headcount = cc_xmalloc(nw * sizeof *L->min_headcount);
    L->extra = cc_xmalloc(nw * sizeof *L->extra);
    if (na > 0) {
        memcpy(L->shift, P->line, na * nd * sizeof *L->shift);
        memcpy(L->eve, P->eve, na * sizeof *L->eve);
    }
    for (size_t w = 0; w < nw; w++) {
        const week_plan *wk = &c->weeks[w];
        L->week_days[w] = wk->len;
        L->week_days_off[w] = wk->off;
        L->min_headcount[w] = wk->min_headcount;
        L->extra[w] = wk->planned_extra + c->extra[w];
        for (size_t a = 0; a < na; a++) {
            int p = P->pat[a * nw + w];
            size_t aw = a * nw + w;
            L->off_mask[aw] = p >= 0 ? wk->mask[p] : (1u << wk->len) - 1u;
            for (int i = 0; i < wk->len; i++) {
                long j = P->line[a * nd + wk->first_day + (size_t)i];
                if (j < 0)
                    continue;
                L->days_worked[aw]++;
                const cc_shift_start *st = &c->plan->starts[j];
                L->paid_h[aw] += paid_of(st, &c->rules[st->rule]) / 3600.0;
            }
            if (L->days_worked[aw] > 0)
                L->headcount[w]++;
        }
    }
    return L;
}

/* ---- public ------------------------------------------------------------------------ */

cc_status cc_plan_agent_lines(const cc_shift_plan *plan, const cc_shift_rule *rules,
                              size_t n_rules, size_t n_days, int first_weekday,
                              const cc_days_off_rule *rule, double min_rest_s,
                              cc_agent_lines **out, cc_error *err)
{
    cc_days_off_rule dflt = {2, 1};
    ctx c;
    long n_shifts = 0;
    cc_status st;

    if (out == NULL)
        return cc_error_setf(err, CC_EINVAL, "agent lines need somewhere to put the result");
    if (rule == NULL)
        rule = &dflt;
    st = check_input(plan, rules, n_rules, n_days, first_weekday, rule, min_rest_s, &n_shifts,
                     err);
    if (st != CC_OK)
        return st;

    memset(&c, 0, sizeof c);
    c.plan = plan;
    c.rules = rules;
    c.n_days = n_days;
    c.n_weeks = (n_days + 6) / 7;
    c.min_rest = min_rest_s;
    c.P.n_days = n_days;
    c.P.n_weeks = c.n_weeks;
    c.weeks = cc_xcalloc(c.n_weeks, sizeof *c.weeks);
    c.extra = cc_xcalloc(c.n_weeks, sizeof *c.extra);
    expand_shifts(&c, n_shifts);

    /* days-off patterns and the programme, week by week */
    for (size_t w = 0; w < c.n_weeks; w++) {
        week_plan *wk = &c.weeks[w];
        const week_plan *prev = w > 0 ? &c.weeks[w - 1] : NULL;
        wk->first_day = 7 * w;
        wk->len = (int)(n_days - 7 * w < 7 ? n_days - 7 * w : 7);
        wk->off = prorated_off(rule->days_off, wk->len);
        make_patterns(wk, rule->consecutive);
        for (int i = 0; i < wk->len; i++) {
            size_t n;
            (void)day_shifts(&c, (long)(wk->first_day + (size_t)i), &n);
            wk->need[i] = (long)n;
            if (i + 1 < wk->len)
                wk->pair_need[i] = pair_rest_need(&c, wk->first_day + (size_t)i);
        }
        if (prev != NULL && (prev->len != wk->len || prev->min_headcount == 0))
            prev = NULL;
        if ((st = solve_week(wk, prev, rule->consecutive, w, err)) != CC_OK)
            goto out_free;
        map_week(&c, w, rule->days_off);
    }

    /* shifts to agents, day by day (the evening before the horizon first) */
    for (long d = -1; d < (long)n_days; d++)
        choose_day(&c, d);

    *out = build_result(&c, first_weekday);
    st = CC_OK;

out_free:
    pool_release(&c.P);
    free(c.shifts);
    free(c.day_first);
    free(c.weeks);
    free(c.extra);
    return st;
}

void cc_plan_agent_lines_free(cc_agent_lines *lines)
{
    if (lines == NULL)
        return;
    free(lines->shift);
    free(lines->eve);
    free(lines->off_mask);
    free(lines->days_worked);
    free(lines->paid_h);
    free(lines->week_days);
    free(lines->week_days_off);
    free(lines->headcount);
    free(lines->min_headcount);
    free(lines->extra);
    free(lines);
}
