/*
 * The least-cost search's own types, shared by its two files: least_cost.c
 * (curves, rows, rounds) and least_cost_cuts.c (where teams can be on duty,
 * the periods no roster can meet, and the cuts). Not part of the library's
 * interface.
 */
#ifndef CC_PLAN_LEAST_COST_INTERNAL_H
#define CC_PLAN_LEAST_COST_INTERNAL_H

#include <stddef.h>

#include "cc_results.h"
#include "plan/planner_internal.h"

enum { LC_SL = 0, LC_ABANDON, LC_ASA, LC_WORK };

/* One figure a team's rows constrain: a channel's SL, abandonment or ASA. */
typedef struct measure {
    size_t channel;             /* (LC_WORK: none, the team's whole workload) */
    int kind;                   /* LC_SL, LC_ABANDON, LC_ASA, LC_WORK */
} measure;

/* The curves and rows of one team. */
typedef struct lc_team {
    size_t t;                   /* team index */
    int active;                 /* 1: rostered by this search */
    size_t n_meas;
    measure *meas;
    size_t K;                   /* steps above the floor */
    long *floor;                /* [n] agents at least: deferred work and queue stability */
    double *val;                /* [(m * n + i) * (K + 1) + k]: the figure at floor + k agents */
    double *gain;               /* [(m * n + i) * K + k]: val[k + 1] - val[k], non-increasing */
    double *offset;             /* [m * n + i]: simulation minus curve at the roster */
    double *lambda;             /* [m * n + i]: the team's contacts of the channel */
    double *busy;               /* [n] work of every channel for the team, net agents */
    double *day_cap;            /* [days] occupancy the team's daily workload row allows */
    size_t work_m;              /* index of the LC_WORK measure */
    cc_service_row *rows;
    size_t n_rows, cap_rows;
    long *row_period;           /* [n_rows] index of the period (channel-scope period id) */
    unsigned char *stale;       /* [n] 1: the floor moved (a cut, the hold); curves to rebuild */
    long *need_held;            /* [n] once held (hold_floors): what the held roster was asked
                                   to cover, raised by the cuts since; NULL before */
} lc_team;

/* A judged period of a channel: intervals [a, b]. */
typedef struct period {
    size_t channel;
    size_t a, b;
    double margin_sl;           /* added to the SL goal */
    double margin_abandon;      /* taken off the abandonment cap */
    double margin_asa_s;        /* taken off the ASA cap, seconds */
    double rho_sl;              /* simulated share answered late / the curves' (1 at first) */
    double rho_abandon;         /* simulated abandonment / the curves' (1 at first) */
    int rows;                   /* 1: enough forecast traffic for rows of its own */
    cc_target_scope rscope;     /* the results' periods it is (a horizon: its weeks) */
    size_t rindex;              /* its index among them */
    size_t n_scope;             /* periods of its kind in the horizon (the traffic rule) */
    int unreachable;            /* 1: too many of its contacts come when no shift can be on
                                   duty (reachable); outside the search, reported */
    unsigned missed;            /* CC_MISS_* of the last judgement on the search's seed */
    int ever_missed;            /* it missed in some round: its rho never falls again */
} period;

typedef struct search {
    cc_planner *p;
    cc_simmodel *m;             /* the plan's model; rounds set its teams' agents */
    size_t n, nc, nt;
    lc_team *teams;
    period *periods;
    size_t n_periods, cap_periods;
    size_t judged;              /* periods judged on the search's seed, last round */
    unsigned char *reach;       /* [t * n + i] 1: team t can have agents on duty in i */
    /* Scratch of build_curves: Erlang figures by whole servers, and by step. */
    size_t memo_cap;
    unsigned char *memo_have;   /* [servers] 1: memo_val holds them */
    double *memo_val;           /* [servers * 3]: SL, abandonment, ASA */
    double *step_val;           /* [(K + 1) * 3] the same at floor + k agents */
    size_t step_cap;
    double margin_z;            /* margins in standard errors (build_periods) */
} search;

/* ---- least_cost_cuts.c: helpers least_cost.c shares ------------------------ */

/* Agents of team t on duty in interval i: the round's roster, else the staffing. */
long cc_lc_on_duty(const search *S, cc_shift_plan *const *plans, size_t t, size_t i);

/* Net agents of one gross team agent, by the scenario's shrinkage method. */
double cc_lc_net_of_gross(const cc_scenario *s, double shrinkage);

/* Mean patience of channel c's customers in the queue (0 = none: Erlang C). */
double cc_lc_queue_patience(const cc_scenario *s, size_t c);

/* Fills S->reach: where each team can have agents on duty at all. */
void cc_lc_find_reach(search *S);

/* 1 when no roster the shift rules allow can meet channel c over intervals [a, b]. */
int cc_lc_unreachable(const search *S, size_t c, size_t a, size_t b);

/* Gives every period that missed on `r` (pd->missed) its cut; marks the curves stale. */
void cc_lc_cut_missed(search *S, cc_shift_plan *const *plans, const cc_results *r);

/* Holds the rosters `plans` as the floors (the search's late phase); marks curves stale. */
void cc_lc_hold_floors(search *S, cc_shift_plan *const *plans);

#endif
