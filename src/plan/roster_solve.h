/*
 * The solver stages of the shift programme, private to the plan stage:
 * roster.c builds a block's programme, roster_solve.c finds its plan.
 */
#ifndef CC_PLAN_ROSTER_SOLVE_H
#define CC_PLAN_ROSTER_SOLVE_H

#include <glpk.h>
#include <stddef.h>

#include "cc_plan.h"

/*
 * Solves a block's programme `lp` (shift variables in columns 1..n_x,
 * starting at absolute intervals x_at[1..n_x]; days d0..d1-1 name the block
 * in messages) into val[1..n_cols]; *proven is 1 when the plan is proven
 * within p->mip_gap. GLPK's terminal output is off during the call.
 * exceptions: CC_ENOCONV (time limit before any plan), CC_EINFEASIBLE,
 *             CC_ENUMERIC (GLPK failed).
 */
cc_status cc_roster_solve_programme(const cc_shift_problem *p, glp_prob *lp, int n_x,
                                    const long *x_at, double *val, int *proven, size_t d0,
                                    size_t d1, cc_error *err);

#endif
