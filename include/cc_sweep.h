/*
 * What-if grids: each `--vary KEY=V1,V2,...` is one axis, the grid is their
 * Cartesian product, and each point is a list of scenario overrides (see
 * cc_scenario_load_with_overrides). The first axis varies slowest.
 */
#ifndef CC_SWEEP_H
#define CC_SWEEP_H

#include <stdint.h>
#include <stdio.h>

#include "cc_results.h"
#include "cc_scenario.h"
#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest grid accepted. */
#define CC_SWEEP_MAX_POINTS 10000L

/* The most keys one grid may vary. */
#define CC_SWEEP_MAX_AXES 32

typedef struct cc_sweep_axis {
    char *key;                  /* dotted scenario key path, owned */
    char **values;              /* YAML texts of the values, owned */
    int n_values;               /* >= 1 */
} cc_sweep_axis;

typedef struct cc_sweep {
    cc_sweep_axis *axes;        /* owned */
    int n_axes;
} cc_sweep;

/*
 * Adds the axis described by `spec`, "KEY=V1,V2,...". Values are separated
 * by commas outside brackets and quotes, so "teams.t1.skills=[chat,email],[chat]"
 * has two values. exceptions: CC_EINVAL (no '=', empty key or value, a key
 * given twice, a grid above CC_SWEEP_MAX_POINTS).
 */
cc_status cc_sweep_add_axis(cc_sweep *sweep, const char *spec, cc_error *err);

/* Number of points of the grid (1 when it has no axis). */
long cc_sweep_n_points(const cc_sweep *sweep);

/*
 * Fills out[0..n_axes-1] with the overrides of point `index`; the strings are
 * borrowed from the sweep and live until cc_sweep_release.
 */
void cc_sweep_point(const cc_sweep *sweep, long index, cc_override *out);

/*
 * Writes a point's label, every varied key in full with its value, e.g.
 * "teams.inhouse.shifts[0].agents=48 chatbots.assistant.containment=35%".
 */
void cc_sweep_point_label(const cc_sweep *sweep, long index, char *buf, size_t cap);

/* Frees the axes and resets *sweep to empty. */
void cc_sweep_release(cc_sweep *sweep);

/* ---- results of a sweep ---------------------------------------------------- */

/* One channel's figures at one grid point. */
typedef struct cc_sweep_channel {
    double service_level;       /* mean over replications, share */
    double service_level_hw;    /* 95% half width */
    double target;              /* the channel's service-level goal at this point */
    double asa_s;               /* mean ASA, seconds */
    double p_abandon;           /* mean abandoned / presented */
    double risk;                /* share of replications missing the target */
    int meets;                  /* 1 when the verdict is "meets", else 0 (misses or n/a) */
    cc_target_verdict verdict;         /* cc_channel_verdict over the point's pooled horizon */
} cc_sweep_channel;

/* Which plan `sweep --plan` makes of every point. */
typedef enum cc_sweep_plan_kind {
    CC_SWEEP_PLAN_NONE = 0,     /* not planned */
    CC_SWEEP_PLAN_ANALYTIC,     /* roster of the analytic (Erlang) staffing, simulated: ~1 s a point */
    CC_SWEEP_PLAN_SEARCH        /* the planner's least-cost search by simulation (as `ccsim
                                   plan`): seconds to tens of seconds a point */
} cc_sweep_plan_kind;

/* "analytic", "least-cost search" or "none". The string is static. */
const char *cc_sweep_plan_kind_name(cc_sweep_plan_kind kind);

/* One grid point's outcome. */
typedef struct cc_sweep_row {
    long index;                 /* point index */
    char label[512];            /* "key=value ..." */
    int n_channels;             /* entries in channels */
    cc_sweep_channel *channels; /* owned */
    double paid_hours_per_week; /* all teams, scheduled hours per week */
    double fte;                 /* paid hours per week / FTE week */
    double cost_per_week;       /* all teams, currency per week */
    double cost_per_contact;    /* cost / answered contacts */
    int meets_all;              /* no channel misses and at least one has a verdict */
    cc_sweep_plan_kind planned; /* the plan made of the point; NONE = not planned */
    double plan_fte;            /* the plan's rostered FTE per week (NaN when it failed) */
    double plan_cost_per_week;  /* the plan's total cost per week (NaN when it failed) */
    double plan_cost_per_contact; /* the plan's cost per offered contact */
    cc_target_status plan_verdict; /* the plan's simulated staffing: every channel meets
                                   (MEETS), one misses (MISSES), not simulated or failed (NA) */
    char plan_note[200];        /* why the plan failed, or the channels that miss; "" */
} cc_sweep_row;

/*
 * Fills *row from a point's scenario and simulation results. The caller
 * releases it with cc_sweep_row_release.
 */
void cc_sweep_row_fill(cc_sweep_row *row, const cc_sweep *sweep, long index,
                       const cc_scenario *s, const cc_results *r);

/*
 * Plans point scenario `s` (the `kind` of plan, on `replications` (0 = the
 * scenario's), `seed` and `threads`; `no_limits` as cc_planner_options'
 * field) with the planner's public API and
 * stores its FTE, cost per week and verdict in *row. A point the planner
 * cannot plan (an infeasible target) is not an error: its figures are NaN
 * and plan_note says why. exceptions: none besides CC_EINVAL for a kind of
 * NONE.
 */
cc_status cc_sweep_plan_point(cc_sweep_row *row, const cc_scenario *s, cc_sweep_plan_kind kind,
                              long replications, uint64_t seed, int threads, int no_limits,
                              cc_error *err);

/* Frees what a row owns. Accepts NULL. */
void cc_sweep_row_release(cc_sweep_row *row);

/*
 * Writers of the comparison: CSV (one row per point and channel), JSON (one
 * document) and a self-contained HTML page with comparison charts. `base`
 * supplies channel names and the currency. exceptions: CC_EIO.
 */
cc_status cc_sweep_write_csv(FILE *out, const cc_sweep *sweep, const cc_sweep_row *rows,
                             long n_rows, const cc_scenario *base, cc_error *err);
cc_status cc_sweep_write_json(FILE *out, const cc_sweep *sweep, const cc_sweep_row *rows,
                              long n_rows, const cc_scenario *base, uint64_t seed,
                              long replications, cc_error *err);
cc_status cc_sweep_write_html(FILE *out, const cc_sweep *sweep, const cc_sweep_row *rows,
                              long n_rows, const cc_scenario *base, cc_error *err);

#ifdef __cplusplus
}
#endif

#endif
