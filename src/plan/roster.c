/*
 * Shift plan: how many agents start on each allowed shift template on each
 * day so that coverage meets the requirement at the fewest paid hours, as an
 * integer programme solved by GLPK (branch-and-cut after its presolver).
 * Long horizons are cut into blocks of days solved in order; a shift that
 * runs past the end of a block is fixed coverage for the next one.
 */
#include <assert.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_plan.h"

#define DAY_S 86400.0
#define CEIL_SLACK 1e-9
#define DEFAULT_UNDER_PENALTY 100.0

/* One expanded template: a rule at one start time, in whole intervals. */
typedef struct shift_template {
    size_t rule;        /* index into problem->rules */
    double start_s;     /* start, seconds after midnight */
    size_t start;       /* start offset from midnight, intervals */
    size_t length;      /* length, intervals */
    size_t brk_from;    /* break start, intervals after the shift start */
    size_t brk_len;     /* break length, intervals */
    double paid_h;      /* paid hours */
    unsigned days_mask; /* weekdays allowed, bit 0 = Monday */
    double lo;          /* minimum agents per day */
    double hi;          /* maximum agents per day, 0 = none */
} shift_template;

/* Whole number of intervals in `x` seconds, or -1 when it is not whole. */
static long whole_intervals(double x, double interval_s)
{
    double q = x / interval_s, r = nearbyint(q);
    if (!isfinite(q) || fabs(q - r) > 1e-9 || r < 0)
        return -1;
    return (long)r;
}

static const char *rule_name(const cc_shift_rule *r)
{
    return r->name != NULL ? r->name : "";
}

static cc_status check_rule(const cc_shift_rule *r, size_t k, double interval_s, cc_error *err)
{
    const char *name = rule_name(r);
    double paid = r->paid_s > 0 ? r->paid_s : r->length_s - r->break_s;

    if (!(r->first_start_s >= 0 && r->first_start_s < DAY_S) ||
        !(r->last_start_s >= r->first_start_s && r->last_start_s < DAY_S))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' starts from %g s to %g s; allowed: 0 <= first "
                             "<= last < 86400",
                             k, name, r->first_start_s, r->last_start_s);
    if (!(r->start_step_s >= 0) ||
        (r->start_step_s == 0 && r->last_start_s != r->first_start_s))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has start step %g s; allowed: > 0 when the "
                             "last start differs from the first",
                             k, name, r->start_step_s);
    if (!(r->length_s > 0) || !(r->length_s <= 7 * DAY_S))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' is %g s long; allowed: (0, 7 days]", k, name,
                             r->length_s);
    if (!(r->break_s >= 0) || !(r->break_offset_s >= 0) ||
        (r->break_s > 0 && !(r->break_offset_s + r->break_s < r->length_s)))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has a break of %g s at %g s; allowed: inside "
                             "the shift and shorter than it",
                             k, name, r->break_s, r->break_offset_s);
    if (whole_intervals(r->first_start_s, interval_s) < 0 ||
        whole_intervals(r->last_start_s, interval_s) < 0 ||
        whole_intervals(r->start_step_s, interval_s) < 0 ||
        whole_intervals(r->length_s, interval_s) < 0 ||
        whole_intervals(r->break_offset_s, interval_s) < 0 ||
        whole_intervals(r->break_s, interval_s) < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has a start, step, length or break that is not "
                             "a whole number of %g s intervals",
                             k, name, interval_s);
    if (!isfinite(r->paid_s) || r->paid_s < 0 || !(paid > 0))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' pays %g s; allowed: > 0", k, name, paid);
    if (r->min_agents < 0 || r->max_agents < 0 ||
        (r->max_agents > 0 && r->max_agents < r->min_agents))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' allows %ld to %ld agents; allowed: 0 <= min <= "
                             "max (max 0 = no limit)",
                             k, name, r->min_agents, r->max_agents);
    if (r->days_mask > 0x7fu)
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has days mask 0x%x; allowed: bits 0 (Monday) "
                             "to 6 (Sunday)",
                             k, name, r->days_mask);
    return CC_OK;
}

static cc_status check_problem(const cc_shift_problem *p, cc_error *err)
{
    long per_day;
    cc_status st;

    if (!(p->interval_s > 0) || (per_day = whole_intervals(DAY_S, p->interval_s)) <= 0)
        return cc_error_setf(err, CC_EINVAL,
                             "interval of %g s does not divide a day into whole intervals",
                             p->interval_s);
    if (p->n_intervals == 0 || p->required == NULL || p->n_intervals % (size_t)per_day != 0)
        return cc_error_setf(err, CC_EINVAL,
                             "the shift plan needs whole days of intervals; got %zu intervals of "
                             "%g s",
                             p->n_intervals, p->interval_s);
    for (size_t i = 0; i < p->n_intervals; i++)
        if (!isfinite(p->required[i]) || p->required[i] < 0)
            return cc_error_setf(err, CC_EINVAL,
                                 "requirement of interval %zu is %g; allowed: >= 0", i,
                                 p->required[i]);
    if (p->first_weekday < 0 || p->first_weekday > 6)
        return cc_error_setf(err, CC_EINVAL, "'first_weekday' is %d; allowed: 0 (Monday) to 6",
                             p->first_weekday);
    if (p->n_rules == 0 || p->rules == NULL)
        return cc_error_setf(err, CC_EINVAL, "the shift plan needs at least one shift rule");
    if (!(p->under_penalty >= 0) || !isfinite(p->under_penalty) || !(p->time_limit_s >= 0) ||
        !(p->mip_gap >= 0) || p->block_days < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "under_penalty %g, time_limit_s %g, mip_gap %g and block_days %d "
                             "must not be negative",
                             p->under_penalty, p->time_limit_s, p->mip_gap, p->block_days);
    for (size_t k = 0; k < p->n_rules; k++)
        if ((st = check_rule(&p->rules[k], k, p->interval_s, err)) != CC_OK)
            return st;
    return CC_OK;
}

static size_t expand_templates(const cc_shift_problem *p, shift_template **out)
{
    size_t n = 0, cap = 16;
    shift_template *t = cc_xmalloc(cap * sizeof *t);

    for (size_t k = 0; k < p->n_rules; k++) {
        const cc_shift_rule *r = &p->rules[k];
        double paid = r->paid_s > 0 ? r->paid_s : r->length_s - r->break_s;
        long first = whole_intervals(r->first_start_s, p->interval_s);
        long last = whole_intervals(r->last_start_s, p->interval_s);
        long step = whole_intervals(r->start_step_s, p->interval_s);
        for (long s = first; s <= last; s += step > 0 ? step : 1) {
            if (n == cap) {
                cap *= 2;
                t = cc_xrealloc(t, cap * sizeof *t);
            }
            t[n].rule = k;
            t[n].start = (size_t)s;
            t[n].start_s = (double)s * p->interval_s;
            t[n].length = (size_t)whole_intervals(r->length_s, p->interval_s);
            t[n].brk_from = (size_t)whole_intervals(r->break_offset_s, p->interval_s);
            t[n].brk_len = (size_t)whole_intervals(r->break_s, p->interval_s);
            t[n].paid_h = paid / 3600.0;
            t[n].days_mask = r->days_mask != 0 ? r->days_mask : 0x7fu;
            t[n].lo = (double)r->min_agents;
            t[n].hi = (double)r->max_agents;
            n++;
            if (step <= 0)
                break;
        }
    }
    *out = t;
    return n;
}

static int on_duty(const shift_template *t, size_t k)
{
    return !(t->brk_len > 0 && k >= t->brk_from && k < t->brk_from + t->brk_len);
}

/* ---- one block ---------------------------------------------------------- */

/* A variable of a block: a template on a day. */
typedef struct block_var {
    long day;       /* day of the horizon, negative = before it */
    size_t tmpl;    /* template index */
} block_var;

/* The programme of one block: rows for intervals [i0, i_end), kept starts before day d1. */
typedef struct block_model {
    size_t i0, i_end;       /* intervals with coverage rows (block plus look-ahead) */
    long d1;                /* starts on days < d1 are kept */
    size_t n_vars;          /* shift variables */
    block_var *vars;        /* the shift variables */
    int *row_of;            /* row (1-based) of interval i0 + k, 0 = no row */
    size_t n_rows;          /* coverage rows */
} block_model;

static void add_start(cc_shift_plan *plan, size_t *cap, long day, const shift_template *t,
                      long agents)
{
    if (plan->n_starts == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        plan->starts = cc_xrealloc(plan->starts, *cap * sizeof *plan->starts);
    }
    plan->starts[plan->n_starts].day = day;
    plan->starts[plan->n_starts].rule = t->rule;
    plan->starts[plan->n_starts].start_s = t->start_s;
    plan->starts[plan->n_starts].agents = agents;
    plan->n_starts++;
}

/* First interval of template t on `day`, counted from interval 0 of day 0 (may be negative). */
static long shift_base(size_t per_day, long day, const shift_template *t)
{
    return day * (long)per_day + (long)t->start;
}

/* Adds the duty intervals of `agents` starting on template t on `day` to coverage. */
static void cover(cc_shift_plan *plan, size_t per_day, long day, const shift_template *t,
                  long agents)
{
    long base = shift_base(per_day, day, t);
    for (size_t k = 0; k < t->length; k++) {
        long i = base + (long)k;
        if (i >= 0 && i < (long)plan->n_intervals && on_duty(t, k))
            plan->coverage[i] += agents;
    }
}

static void describe_interval(const cc_shift_problem *p, size_t i, char *buf, size_t len)
{
    double start = (double)i * p->interval_s;
    long day = (long)floor(start / DAY_S), sec = (long)(start - (double)day * DAY_S);
    snprintf(buf, len, "interval %zu (day %ld %02ld:%02ld)", i, day, sec / 3600,
             (sec % 3600) / 60);
}

/* Days a shift can reach past its start day, so the look-ahead a block needs. */
static size_t reach_days(const shift_template *tm, size_t n_tm, size_t per_day)
{
    size_t reach = 0;
    for (size_t t = 0; t < n_tm; t++) {
        size_t r = (tm[t].start + tm[t].length - 1) / per_day;
        if (r > reach)
            reach = r;
    }
    return reach;
}

static void build_model(const cc_shift_problem *p, const shift_template *tm, size_t n_tm,
                        size_t d0, size_t d1, const cc_shift_plan *plan, block_model *m)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    size_t days = p->n_intervals / per_day;
    size_t la = reach_days(tm, n_tm, per_day);
    size_t d_end = d1 + la < days ? d1 + la : days;
    long first_day = d0 == 0 ? -(long)la : (long)d0;

    memset(m, 0, sizeof *m);
    m->i0 = d0 * per_day;
    m->i_end = d_end * per_day;
    m->d1 = (long)d1;
    m->row_of = cc_xcalloc(m->i_end - m->i0, sizeof *m->row_of);
    for (size_t i = m->i0; i < m->i_end; i++)
        if (plan->needed[i] > plan->coverage[i])
            m->row_of[i - m->i0] = (int)++m->n_rows;
    m->vars = cc_xmalloc(((size_t)((long)d_end - first_day) * n_tm + 1) * sizeof *m->vars);
    for (long d = first_day; d < (long)d_end; d++) {
        unsigned wd = (unsigned)(((d + p->first_weekday) % 7 + 7) % 7);
        for (size_t t = 0; t < n_tm; t++) {
            if (!(tm[t].days_mask & (1u << wd)))
                continue;
            /* Days before the horizon only for shifts reaching into it. */
            if (d < 0 && shift_base(per_day, d, &tm[t]) + (long)tm[t].length <= 0)
                continue;
            m->vars[m->n_vars].day = d;
            m->vars[m->n_vars].tmpl = t;
            m->n_vars++;
        }
    }
}

/* Under hard coverage, names the first interval no allowed shift can reach. */
static cc_status check_reachable(const cc_shift_problem *p, const shift_template *tm,
                                 const block_model *m, const cc_shift_plan *plan, cc_error *err)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    char *covered = cc_xcalloc(m->i_end - m->i0, 1);
    cc_status st = CC_OK;

    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &tm[m->vars[v].tmpl];
        long base = shift_base(per_day, m->vars[v].day, t);
        for (size_t k = 0; k < t->length; k++) {
            long i = base + (long)k;
            if (i >= (long)m->i0 && i < (long)m->i_end && on_duty(t, k))
                covered[i - (long)m->i0] = 1;
        }
    }
    for (size_t i = m->i0; i < m->i_end; i++)
        if (m->row_of[i - m->i0] && !covered[i - m->i0]) {
            char where[64];
            describe_interval(p, i, where, sizeof where);
            st = cc_error_setf(err, CC_EINFEASIBLE,
                               "%s needs %ld agents but no allowed shift covers it; allow soft "
                               "coverage or add a shift rule",
                               where, plan->needed[i] - plan->coverage[i]);
            break;
        }
    free(covered);
    return st;
}

static glp_prob *build_lp(const cc_shift_problem *p, const shift_template *tm,
                          const block_model *m, const cc_shift_plan *plan)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    double hours = p->interval_s / 3600.0;
    double penalty = p->under_penalty > 0 ? p->under_penalty : DEFAULT_UNDER_PENALTY;
    glp_prob *lp = glp_create_prob();
    size_t nz = 0, nz_cap = 1 + m->n_rows;
    int n_cols = (int)m->n_vars + (p->soft_coverage ? (int)m->n_rows : 0);
    int *ia, *ja;
    double *ar;

    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, (int)m->n_rows);
    for (size_t i = m->i0; i < m->i_end; i++) {
        int r = m->row_of[i - m->i0];
        if (r)
            glp_set_row_bnds(lp, r, GLP_LO, (double)(plan->needed[i] - plan->coverage[i]), 0.0);
    }
    if (n_cols > 0)
        glp_add_cols(lp, n_cols);
    for (size_t v = 0; v < m->n_vars; v++)
        nz_cap += tm[m->vars[v].tmpl].length;
    ia = cc_xmalloc(nz_cap * sizeof *ia);
    ja = cc_xmalloc(nz_cap * sizeof *ja);
    ar = cc_xmalloc(nz_cap * sizeof *ar);

    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &tm[m->vars[v].tmpl];
        int col = (int)v + 1;
        long base = shift_base(per_day, m->vars[v].day, t);
        /* The minimum applies inside the horizon; carried-in night shifts are optional. */
        double lo = m->vars[v].day < 0 ? 0.0 : t->lo;
        glp_set_col_kind(lp, col, GLP_IV);
        if (t->hi > 0)
            glp_set_col_bnds(lp, col, t->hi > lo ? GLP_DB : GLP_FX, lo, t->hi);
        else
            glp_set_col_bnds(lp, col, GLP_LO, lo, 0.0);
        glp_set_obj_coef(lp, col, t->paid_h);
        for (size_t k = 0; k < t->length; k++) {
            long i = base + (long)k;
            int r;
            if (i < (long)m->i0 || i >= (long)m->i_end || !on_duty(t, k) ||
                (r = m->row_of[i - (long)m->i0]) == 0)
                continue;
            nz++;
            ia[nz] = r;
            ja[nz] = col;
            ar[nz] = 1.0;
        }
    }
    if (p->soft_coverage) {
        for (size_t r = 1; r <= m->n_rows; r++) {
            int col = (int)(m->n_vars + r);
            glp_set_col_bnds(lp, col, GLP_LO, 0.0, 0.0);
            glp_set_obj_coef(lp, col, penalty * hours);
            nz++;
            ia[nz] = (int)r;
            ja[nz] = col;
            ar[nz] = 1.0;
        }
    }
    glp_load_matrix(lp, (int)nz, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    return lp;
}

/* Runs branch-and-cut; returns glp_intopt's code and the MIP status in *status. */
static int run_intopt(const cc_shift_problem *p, glp_prob *lp, int *status)
{
    glp_iocp parm;
    int ret, prev_term;

    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.br_tech = GLP_BR_DTH;
    parm.bt_tech = GLP_BT_BLB;
    parm.mir_cuts = GLP_ON;
    parm.gmi_cuts = GLP_ON;
    parm.mip_gap = p->mip_gap;
    if (p->time_limit_s > 0)
        parm.tm_lim = p->time_limit_s * 1000.0 < (double)INT_MAX
                          ? (int)(p->time_limit_s * 1000.0)
                          : INT_MAX;
    prev_term = glp_term_out(GLP_OFF);
    ret = glp_intopt(lp, &parm);
    glp_term_out(prev_term);
    *status = glp_mip_status(lp);
    return ret;
}

static cc_status solve_block(const cc_shift_problem *p, const shift_template *tm, size_t n_tm,
                             size_t d0, size_t d1, cc_shift_plan *plan, size_t *starts_cap,
                             cc_error *err)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    block_model m;
    glp_prob *lp;
    int ret, status;
    cc_status st = CC_OK;

    build_model(p, tm, n_tm, d0, d1, plan, &m);
    plan->n_variables += m.n_vars;
    plan->n_blocks++;

    if (m.n_rows == 0) {
        /* Nothing to cover: only the forced minimum starts, which is optimal. */
        for (size_t v = 0; v < m.n_vars; v++) {
            const shift_template *t = &tm[m.vars[v].tmpl];
            if (t->lo > 0 && m.vars[v].day >= 0 && m.vars[v].day < m.d1) {
                add_start(plan, starts_cap, m.vars[v].day, t, (long)t->lo);
                cover(plan, per_day, m.vars[v].day, t, (long)t->lo);
            }
        }
        plan->n_blocks_optimal++;
        goto out_free_model;
    }
    if (!p->soft_coverage && (st = check_reachable(p, tm, &m, plan, err)) != CC_OK)
        goto out_free_model;

    lp = build_lp(p, tm, &m, plan);
    ret = run_intopt(p, lp, &status);
    if (status != GLP_OPT && status != GLP_FEAS) {
        if (ret == GLP_ETMLIM)
            st = cc_error_setf(err, CC_ENOCONV,
                               "no shift plan found for days %zu-%zu within the %.1f s time limit",
                               d0, d1 - 1, p->time_limit_s);
        else if (ret == GLP_ENOPFS || status == GLP_NOFEAS || ret == 0)
            st = cc_error_setf(err, CC_EINFEASIBLE,
                               "the shift rules cannot cover days %zu-%zu (too few agents allowed "
                               "per shift); allow soft coverage or relax 'max_agents'",
                               d0, d1 - 1);
        else
            st = cc_error_setf(err, CC_ENUMERIC,
                               "the integer programme for days %zu-%zu failed (GLPK code %d)", d0,
                               d1 - 1, ret);
        goto out_free_lp;
    }
    if ((ret == 0 && status == GLP_OPT) || ret == GLP_EMIPGAP)
        plan->n_blocks_optimal++;
    for (size_t v = 0; v < m.n_vars; v++) {
        long agents = lround(glp_mip_col_val(lp, (int)v + 1));
        if (agents > 0 && m.vars[v].day < m.d1) {
            const shift_template *t = &tm[m.vars[v].tmpl];
            add_start(plan, starts_cap, m.vars[v].day, t, agents);
            cover(plan, per_day, m.vars[v].day, t, agents);
        }
    }

out_free_lp:
    glp_delete_prob(lp);
out_free_model:
    free(m.vars);
    free(m.row_of);
    return st;
}

/* ---- API ---------------------------------------------------------------- */

cc_status cc_plan_shifts_solve(const cc_shift_problem *p, cc_shift_plan **out, cc_error *err)
{
    shift_template *tm = NULL;
    size_t n_tm, per_day, days, block, starts_cap = 0;
    double hours;
    cc_shift_plan *plan;
    cc_status st;

    assert(p != NULL && out != NULL);
    if ((st = check_problem(p, err)) != CC_OK)
        return st;
    per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    days = p->n_intervals / per_day;
    block = p->block_days > 0 ? (size_t)p->block_days : days;
    hours = p->interval_s / 3600.0;

    plan = cc_xcalloc(1, sizeof *plan);
    plan->n_intervals = p->n_intervals;
    plan->needed = cc_xmalloc(p->n_intervals * sizeof *plan->needed);
    plan->coverage = cc_xcalloc(p->n_intervals, sizeof *plan->coverage);
    for (size_t i = 0; i < p->n_intervals; i++) {
        double c = ceil(p->required[i] - CEIL_SLACK);
        plan->needed[i] = c > 0 ? (long)c : 0;
    }
    n_tm = expand_templates(p, &tm);

    for (size_t d0 = 0; d0 < days; d0 += block) {
        size_t d1 = d0 + block < days ? d0 + block : days;
        st = solve_block(p, tm, n_tm, d0, d1, plan, &starts_cap, err);
        if (st != CC_OK)
            goto out_fail;
    }

    for (size_t s = 0; s < plan->n_starts; s++) {
        plan->n_shifts += plan->starts[s].agents;
        for (size_t t = 0; t < n_tm; t++)
            if (tm[t].rule == plan->starts[s].rule && tm[t].start_s == plan->starts[s].start_s) {
                plan->paid_hours += (double)plan->starts[s].agents * tm[t].paid_h;
                break;
            }
    }
    for (size_t i = 0; i < p->n_intervals; i++) {
        long diff = plan->coverage[i] - plan->needed[i];
        if (diff > 0)
            plan->over_agent_hours += (double)diff * hours;
        else if (diff < 0) {
            plan->under_agent_hours += (double)-diff * hours;
            plan->n_under_intervals++;
        }
    }
    plan->optimal = plan->n_blocks_optimal == plan->n_blocks;
    free(tm);
    *out = plan;
    return CC_OK;

out_fail:
    free(tm);
    cc_plan_shifts_free(plan);
    return st;
}

void cc_plan_shifts_free(cc_shift_plan *plan)
{
    if (plan == NULL)
        return;
    free(plan->needed);
    free(plan->coverage);
    free(plan->starts);
    free(plan);
}
