/*
 * Solving one block's shift programme (roster.c builds it): the relaxation
 * for a bound, a rounding dive for a first plan, RINS around it, and
 * branch-and-cut from the best plan so far, each stage stopping once the
 * plan is within the problem's mip_gap; bounded by the time limit, or by
 * node budgets when the problem asks for heuristic_only without one.
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "plan/roster_solve.h"

/*
 * GLPK's branch-and-cut alone takes seconds a week on the benchmark rules:
 * the relaxation is tight but highly degenerate, and finding a whole plan
 * near it is the hard part. So a block is solved in stages, each stopping
 * once its plan is within mip_gap of the relaxation's bound: a dive for a
 * first plan, RINS around it, RINS over every length of the starts either
 * uses, and branch-and-cut from the best plan so far.
 */
#define DIVE_ROUND_UP 0.5     /* a dive rounds up every shift variable this fractional */
#define DIVE_MAX_ROUNDS 200   /* dive rounds before giving up */
#define RINS_MAX_ROUNDS 4     /* RINS rounds of each kind while they improve */
#define INT_TOL 1e-6          /* distance from an integer still taken as integral */
#define SUB_NODE_LIMIT 200    /* heuristic_only: branch-and-cut nodes of a sub-programme */

/* The problem of a block and the time its solve began (the time limit covers every stage). */
typedef struct budget {
    const cc_shift_problem *p;
    double start_ms;              /* glp_time() at the start */
    double bound;                 /* the relaxation's cost, a bound on the block's plans */
} budget;

static int within_gap(const cc_shift_problem *p, double obj, double bound)
{
    return obj - bound <= p->mip_gap * fabs(obj) + 1e-7;
}

static int out_of_time(const budget *bu)
{
    return bu->p->time_limit_s > 0 &&
           glp_difftime(glp_time(), bu->start_ms) >= bu->p->time_limit_s;
}

static double frac(double v)
{
    return v - floor(v);
}

static int fractional(double v)
{
    return frac(v) > INT_TOL && frac(v) < 1.0 - INT_TOL;
}

/* Re-solves the relaxation from the current basis; 1 when optimal. */
static int resolve(glp_prob *lp, int meth)
{
    glp_smcp sm;

    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = meth;
    if (glp_simplex(lp, &sm) != 0) {
        glp_adv_basis(lp, 0);
        if (glp_simplex(lp, &sm) != 0)
            return 0;
    }
    return glp_get_status(lp) == GLP_OPT;
}

/* Runs GLPK's branch-and-cut with `parm`; returns glp_intopt's code, *status its MIP status. */
static int intopt(const budget *bu, glp_prob *lp, glp_iocp *parm, int *status)
{
    const cc_shift_problem *p = bu->p;
    int ret;

    parm->msg_lev = GLP_MSG_OFF;
    parm->br_tech = GLP_BR_DTH;
    parm->bt_tech = GLP_BT_BLB;
    parm->mir_cuts = GLP_ON;
    parm->gmi_cuts = GLP_ON;
    parm->mip_gap = p->mip_gap;
    if (p->time_limit_s > 0) {
        double left_ms = 1000.0 * (p->time_limit_s - glp_difftime(glp_time(), bu->start_ms));
        parm->tm_lim = left_ms < 1.0 ? 1 : left_ms < (double)INT_MAX ? (int)left_ms : INT_MAX;
    }
    ret = glp_intopt(lp, parm);
    *status = glp_mip_status(lp);
    return ret;
}

/* Column bounds of a programme, kept to be restored after a heuristic changed them. */
typedef struct saved_bounds {
    int n;                        /* columns saved, 1..n */
    int *type;                    /* GLP_LO, GLP_DB, ... */
    double *lb, *ub;
} saved_bounds;

static void save_bounds(glp_prob *lp, int n, saved_bounds *b)
{
    b->n = n;
    b->type = cc_xmalloc(((size_t)n + 1) * sizeof *b->type);
    b->lb = cc_xmalloc(((size_t)n + 1) * sizeof *b->lb);
    b->ub = cc_xmalloc(((size_t)n + 1) * sizeof *b->ub);
    for (int j = 1; j <= n; j++) {
        b->type[j] = glp_get_col_type(lp, j);
        b->lb[j] = glp_get_col_lb(lp, j);
        b->ub[j] = glp_get_col_ub(lp, j);
    }
}

static void restore_bounds(glp_prob *lp, saved_bounds *b)
{
    for (int j = 1; j <= b->n; j++)
        glp_set_col_bnds(lp, j, b->type[j], b->lb[j], b->ub[j]);
    free(b->type);
    free(b->lb);
    free(b->ub);
}

/* Raises the lower bound of integer column j to `lo`, keeping its upper bound. */
static void raise_lower(glp_prob *lp, int j, double lo)
{
    int t = glp_get_col_type(lp, j);
    double hi = glp_get_col_ub(lp, j);

    if (t == GLP_DB || t == GLP_FX)
        glp_set_col_bnds(lp, j, hi > lo ? GLP_DB : GLP_FX, lo, hi > lo ? hi : lo);
    else
        glp_set_col_bnds(lp, j, GLP_LO, lo, 0.0);
}

/* Stops a search as soon as its plan is within mip_gap of the block's bound. */
static void stop_when_good(glp_tree *tree, void *info)
{
    const budget *bu = info;

    if (glp_ios_reason(tree) == GLP_IBINGO &&
        within_gap(bu->p, glp_mip_obj_val(glp_ios_get_prob(tree)), bu->bound))
        glp_ios_terminate(tree);
    /*
     * Without a time limit (heuristic_only) a sub-programme stops after a fixed
     * number of nodes instead: as bounded, and the same on every machine.
     */
    if (bu->p->heuristic_only && bu->p->time_limit_s <= 0) {
        int active, current, total;
        glp_ios_tree_size(tree, &active, &current, &total);
        if (total > SUB_NODE_LIMIT)
            glp_ios_terminate(tree);
    }
}

/*
 * Solves the programme as its bounds now stand, to mip_gap of its own bound
 * or of the block's; 1 with the plan in sol and *obj.
 */
static int solve_sub(const budget *bu, glp_prob *lp, double *sol, double *obj)
{
    glp_iocp parm;
    int status;

    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.cb_func = stop_when_good;
    parm.cb_info = (void *)bu;
    intopt(bu, lp, &parm, &status);
    if (status != GLP_OPT && status != GLP_FEAS)
        return 0;
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        sol[j] = glp_mip_col_val(lp, j);
    *obj = glp_mip_obj_val(lp);
    return 1;
}

/*
 * A dive for a first plan: from the solved relaxation, round up every shift
 * variable (columns 1..n_x) at least DIVE_ROUND_UP fractional (the most
 * fractional one when none is), re-solve, and repeat until the shifts are
 * whole; then the break variables are made whole with the shifts fixed.
 * Rounding a shift up never uncovers an interval, so the dive fails only
 * against max_agents or the part-time share. Restores the column bounds;
 * returns 1 with the plan in sol and its cost in *obj.
 */
static int dive(const budget *bu, glp_prob *lp, int n_x, double *sol, double *obj)
{
    int n_cols = glp_get_num_cols(lp), ok = 1, any_frac = 0;
    saved_bounds saved;

    /*
     * heuristic_only (many programmes in a row, no time limit): a coarser dive,
     * rounding up from a fifth, a fraction of the rounds.
     */
    double up = bu->p->heuristic_only ? 0.2 : DIVE_ROUND_UP;
    int max_rounds = bu->p->heuristic_only ? DIVE_MAX_ROUNDS / 5 : DIVE_MAX_ROUNDS;

    save_bounds(lp, n_cols, &saved);
    for (int round = 0; ok; round++) {
        int best = 0, raised = 0;
        double best_f = 0.0;
        for (int j = 1; j <= n_x; j++) {
            double v = glp_get_col_prim(lp, j);
            if (!fractional(v))
                continue;
            if (frac(v) > best_f) {
                best_f = frac(v);
                best = j;
            }
            if (frac(v) >= up) {
                raise_lower(lp, j, ceil(v));
                raised++;
            }
        }
        if (best == 0)
            break;
        if (raised == 0)
            raise_lower(lp, best, ceil(glp_get_col_prim(lp, best)));
        ok = round < max_rounds && resolve(lp, GLP_DUALP);
    }
    if (ok) {
        for (int j = 1; j <= n_cols; j++) {
            sol[j] = glp_get_col_prim(lp, j);
            any_frac |= glp_get_col_kind(lp, j) == GLP_IV && fractional(sol[j]);
        }
        *obj = glp_get_obj_val(lp);
    }
    if (ok && any_frac) {
        for (int j = 1; j <= n_x; j++)
            glp_set_col_bnds(lp, j, GLP_FX, nearbyint(sol[j]), nearbyint(sol[j]));
        ok = solve_sub(bu, lp, sol, obj);
    }
    restore_bounds(lp, &saved);
    return ok;
}

/*
 * RINS (Danna, Rothberg & Le Pape 2005): the integer columns on which the
 * relaxation `root` and the plan `sol` agree are fixed, the rest solved as
 * a small programme. With `wide`, instead every shift variable starting
 * when a shift of either starts stays free (all its lengths), the others
 * are fixed at 0, and the break variables are free. A better plan replaces
 * sol and *obj; returns 1 when it did. Restores the column bounds.
 */
static int rins(const budget *bu, glp_prob *lp, int n_x, const long *x_at, int wide,
                const double *root, double *sol, double *obj)
{
    int n_cols = glp_get_num_cols(lp), better = 0;
    double *trial = cc_xmalloc(((size_t)n_cols + 1) * sizeof *trial), got;
    long smin = LONG_MAX, smax = LONG_MIN;
    char *used = NULL;
    saved_bounds saved;

    if (wide) {
        for (int j = 1; j <= n_x; j++) {
            smin = x_at[j] < smin ? x_at[j] : smin;
            smax = x_at[j] > smax ? x_at[j] : smax;
        }
        used = cc_xcalloc((size_t)(smax - smin + 1), 1);
        for (int j = 1; j <= n_x; j++)
            if (fabs(root[j]) > INT_TOL || fabs(sol[j]) > INT_TOL)
                used[x_at[j] - smin] = 1;
    }
    save_bounds(lp, n_cols, &saved);
    for (int j = 1; j <= n_cols; j++) {
        int fix;
        if (glp_get_col_kind(lp, j) != GLP_IV)
            continue;
        fix = wide ? j <= n_x && !used[x_at[j] - smin] : fabs(root[j] - sol[j]) < INT_TOL;
        if (fix)
            glp_set_col_bnds(lp, j, GLP_FX, nearbyint(sol[j]), nearbyint(sol[j]));
    }
    if (solve_sub(bu, lp, trial, &got) && got < *obj - 1e-9) {
        memcpy(sol, trial, ((size_t)n_cols + 1) * sizeof *sol);
        *obj = got;
        better = 1;
    }
    restore_bounds(lp, &saved);
    free(used);
    free(trial);
    return better;
}

/* Hands a plan to branch-and-cut as its first incumbent. */
typedef struct incumbent {
    const double *sol;            /* a plan to hand over once, or NULL */
    const budget *bu;
} incumbent;

static void give_incumbent(glp_tree *tree, void *info)
{
    incumbent *in = info;

    if (glp_ios_reason(tree) == GLP_IHEUR && in->sol != NULL) {
        glp_ios_heur_sol(tree, in->sol);
        in->sol = NULL;
    }
    /* heuristic_only without a time limit: a node budget, the same on every machine. */
    if (in->bu->p->heuristic_only && in->bu->p->time_limit_s <= 0) {
        int active, current, total;
        glp_ios_tree_size(tree, &active, &current, &total);
        if (total > 4 * SUB_NODE_LIMIT)
            glp_ios_terminate(tree);
    }
}

/*
 * Solves a block's programme (shift variables in columns 1..n_x, starting
 * at absolute intervals x_at[1..n_x]) into val[1..n_cols]; *proven is 1
 * when the plan is proven within mip_gap.
 */
cc_status cc_roster_solve_programme(const cc_shift_problem *p, glp_prob *lp, int n_x,
                                 const long *x_at, double *val, int *proven, size_t d0,
                                 size_t d1, cc_error *err)
{
    int prev_term = glp_term_out(GLP_OFF), n_cols = glp_get_num_cols(lp), ret = 0, status;
    double *sol = cc_xmalloc(((size_t)n_cols + 1) * sizeof *sol);
    double *root = cc_xmalloc(((size_t)n_cols + 1) * sizeof *root);
    double bound, obj = 0.0;
    incumbent give;
    int have;
    glp_iocp parm;
    budget bu = {p, glp_time(), -HUGE_VAL};
    cc_status st = CC_OK;

    *proven = 0;
    glp_adv_basis(lp, 0);
    if (!resolve(lp, GLP_PRIMAL)) {
        ret = glp_get_status(lp) == GLP_NOFEAS ? GLP_ENOPFS : GLP_EFAIL;
        goto out_fail;
    }
    bound = bu.bound = glp_get_obj_val(lp);
    for (int j = 1; j <= n_cols; j++)
        root[j] = glp_get_col_prim(lp, j);
    have = dive(&bu, lp, n_x, sol, &obj);
    for (int wide = 0; wide <= 1; wide++)
        for (int k = 0; k < RINS_MAX_ROUNDS && have && !within_gap(p, obj, bound); k++)
            if (out_of_time(&bu) || !rins(&bu, lp, n_x, x_at, wide, root, sol, &obj))
                break;
    if (have && (within_gap(p, obj, bound) || out_of_time(&bu) || p->heuristic_only)) {
        memcpy(val, sol, ((size_t)n_cols + 1) * sizeof *val);
        *proven = within_gap(p, obj, bound);
        goto out;
    }
    if (!resolve(lp, GLP_DUALP)) {
        ret = GLP_EFAIL;
        goto out_fail;
    }
    glp_init_iocp(&parm);
    parm.presolve = GLP_OFF; /* the root relaxation is solved, and columns keep their numbers */
    give.sol = have ? sol : NULL;
    give.bu = &bu;
    parm.cb_func = give_incumbent;
    parm.cb_info = (void *)&give;
    ret = intopt(&bu, lp, &parm, &status);
    if (status == GLP_OPT || status == GLP_FEAS) {
        for (int j = 1; j <= n_cols; j++)
            val[j] = glp_mip_col_val(lp, j);
        *proven = (ret == 0 && status == GLP_OPT) || ret == GLP_EMIPGAP;
        goto out;
    }
    if (have) { /* the time limit struck before branch-and-cut took the plan */
        memcpy(val, sol, ((size_t)n_cols + 1) * sizeof *val);
        goto out;
    }

out_fail:
    if (ret == GLP_ETMLIM)
        st = cc_error_setf(err, CC_ENOCONV,
                           "no shift plan found for days %zu-%zu within the %.1f s time limit", d0,
                           d1 - 1, p->time_limit_s);
    else if (ret == GLP_ENOPFS || ret == 0 || glp_mip_status(lp) == GLP_NOFEAS)
        st = cc_error_setf(err, CC_EINFEASIBLE,
                           "the shift rules cannot cover days %zu-%zu (too few agents allowed "
                           "per shift, or minimum agents against the part-time share); allow "
                           "soft coverage or relax 'max_agents', 'min_agents' or the part-time "
                           "share",
                           d0, d1 - 1);
    else
        st = cc_error_setf(err, CC_ENUMERIC,
                           "the integer programme for days %zu-%zu failed (GLPK code %d)", d0,
                           d1 - 1, ret);
out:
    glp_term_out(prev_term);
    free(root);
    free(sol);
    return st;
}
