/*
 * Comparison of two result summaries (summary.json) metric by metric, for
 * CI pipelines: a metric regresses when it moves the wrong way by more than
 * its tolerance. Tolerances are statistical by default (the change exceeds
 * the 95% confidence interval of the difference), or absolute, relative or
 * exact per metric.
 *
 * A metric is every number in the summary outside its `meta` and `scenario`
 * sections, named by its dotted path (`channels.chat.service_level`); an
 * object with a numeric `mean` is one metric whose interval comes from its
 * `ci_low`/`ci_high` (and `per_replication` for paired differences).
 */
#ifndef CC_COMPARE_H
#define CC_COMPARE_H

#include <stddef.h>

#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cc_tolerance_kind {
    /*
     * The default: statistical for a metric with a confidence interval of
     * some width on either side; for a figure without one (or whose
     * intervals have no width) (plan figures, costs of a fixed
     * staffing, anything computed rather than sampled) a change beyond 1% of
     * the baseline (rel:1%); for the attainment shares of summary.json
     * (scope_verdict.attainment.*: share of intervals, days, weeks meeting
     * the target; judged on pooled counts, they carry no interval) a change
     * beyond 10 percentage points (abs:0.10).
     */
    CC_TOL_AUTO = 0,
    CC_TOL_STATISTICAL,      /* beyond the 95% CI of the difference */
    CC_TOL_ABSOLUTE,         /* beyond `value` in the metric's unit */
    CC_TOL_RELATIVE,         /* beyond `value` x |baseline|; against a zero baseline the
                                statistical interval when the metric has one, else `value`
                                itself in the metric's unit */
    CC_TOL_EXACT,            /* any difference at all */
} cc_tolerance_kind;

typedef struct cc_tolerance {
    cc_tolerance_kind kind;  /* how the allowed change is computed */
    double value;            /* absolute amount or relative share; unused otherwise */
} cc_tolerance;

/* A tolerance for the metrics whose path matches a glob pattern. */
typedef struct cc_tolerance_rule {
    char *pattern;           /* fnmatch(3) glob over the dotted path, owned */
    cc_tolerance tolerance;  /* applied to matching metrics */
} cc_tolerance_rule;

/* Options of a comparison; the last matching rule wins. */
typedef struct cc_compare_options {
    cc_tolerance default_tolerance; /* for metrics no rule matches */
    cc_tolerance_rule *rules;       /* owned; freed by cc_compare_options_release */
    size_t n_rules;                 /* entries in rules */
} cc_compare_options;

/*
 * Which way is better. Counts that follow the volume (offered, deflected,
 * bot-contained, presented, answered, abandoned, handled) are neutral: more
 * answered by agents is not better when the bot contains more, more
 * abandoned not worse when 30% more contacts arrive; their rates carry the
 * judgement (service level, containment, abandonment share).
 */
typedef enum cc_metric_direction {
    CC_DIR_NEUTRAL = 0,      /* a change is reported, never a regression */
    CC_DIR_HIGHER_BETTER,    /* service level, containment, attainment */
    CC_DIR_LOWER_BETTER,     /* waits, abandonment share, cost, FTE, risk, backlog */
} cc_metric_direction;

typedef enum cc_verdict {
    CC_VERDICT_SAME = 0,     /* identical values */
    CC_VERDICT_WITHIN,       /* changed within tolerance */
    CC_VERDICT_IMPROVED,     /* moved the right way beyond tolerance */
    CC_VERDICT_CHANGED,      /* neutral metric moved beyond tolerance */
    CC_VERDICT_REGRESSED,    /* moved the wrong way beyond tolerance */
    CC_VERDICT_MISSING,      /* present in the baseline, absent from the new result */
    CC_VERDICT_ADDED,        /* present only in the new result */
} cc_verdict;

/* One compared metric. */
typedef struct cc_compare_row {
    char *metric;            /* dotted path, owned */
    double new_value;        /* mean in the new result (NAN if missing) */
    double base_value;       /* mean in the baseline (NAN if added) */
    double delta;            /* new - base */
    double allowed;          /* the change tolerated in the bad direction */
    double new_half_width;   /* half-width of the new value's 95% CI, 0 without one */
    double base_half_width;  /* the same for the baseline */
    int has_ci;              /* both sides carried a confidence interval */
    int paired;              /* the interval is a paired one over replications */
    cc_metric_direction direction;
    cc_tolerance tolerance;  /* the tolerance that applied (CC_TOL_AUTO resolved) */
    cc_verdict verdict;
} cc_compare_row;

/* The result of a comparison. */
typedef struct cc_compare_report {
    cc_compare_row *rows;    /* in the baseline's key order, then added ones */
    size_t n_rows;
    size_t n_regressed;      /* rows with CC_VERDICT_REGRESSED */
    size_t n_missing;        /* rows with CC_VERDICT_MISSING */
    size_t n_improved;       /* rows with CC_VERDICT_IMPROVED */
    char scenario_new[256];  /* scenario names as found */
    char scenario_base[256];
    int scenario_changed;    /* same name, different sha256 of the resolved scenario */
    int seeds_differ;        /* different seeds: paired intervals not used */
    char kind[16];           /* "run" or "plan": what produced both */
    char currency[16];       /* currency of the costs, "" when not said */
} cc_compare_report;

/*
 * Compares the summary at `new_path` with the one at `base_path`. Each path
 * may be a summary.json file or a results folder holding one.
 * exceptions: CC_EIO (unreadable), CC_ESCHEMA (not a ccsim summary, or a
 *             baseline without the metrics the decision summary compares
 *             that the new result has: the message names them),
 *             CC_EINVAL (different scenarios or kinds: the message names both).
 * On success *out is a report the caller frees with cc_compare_report_free.
 * Missing metrics are not an error here; the caller decides (see n_missing).
 */
cc_status cc_compare_files(const char *new_path, const char *base_path,
                           const cc_compare_options *options, cc_compare_report **out,
                           cc_error *err);

/* Frees a report. Accepts NULL. */
void cc_compare_report_free(cc_compare_report *report);

/* The row of `metric` (a dotted path), or NULL. */
const cc_compare_row *cc_compare_find(const cc_compare_report *report, const char *metric);

/* One channel of the decision summary; a NULL row is a figure neither side has. */
typedef struct cc_compare_summary_channel {
    char *name;                        /* owned */
    const cc_compare_row *sl;          /* pooled service level when both have it, else the
                                          mean over replications; with its interval */
    const cc_compare_row *sl_ci;       /* the row that decides better or worse (the same) */
    const cc_compare_row *asa;         /* mean wait of answered contacts, s */
    const cc_compare_row *abandon;     /* abandoned / presented */
    const cc_compare_row *attain[3];   /* share of intervals, days, weeks meeting the target */
} cc_compare_summary_channel;

/*
 * The decision summary of a comparison: per channel the service level, ASA,
 * abandonment and attainment by scope; then FTE (paid, per week), total cost
 * per week and per contact. Rows are borrowed from the report, which must
 * outlive the summary.
 */
typedef struct cc_compare_summary {
    cc_compare_summary_channel *channels;
    size_t n_channels;
    const cc_compare_row *fte;          /* plan.fte_rostered or totals.fte_paid */
    const cc_compare_row *cost_week;    /* plan.cost.total_per_week or totals.cost_per_week */
    const cc_compare_row *cost_contact; /* plan.cost.per_contact or totals.cost_per_contact */
} cc_compare_summary;

/* Builds the summary of a report; free it with cc_compare_summary_free. */
cc_compare_summary *cc_compare_summarise(const cc_compare_report *report);

/* Frees a summary. Accepts NULL. */
void cc_compare_summary_free(cc_compare_summary *summary);

/*
 * Parses a tolerance: `auto`, `statistical` (or `ci`), `exact`, `abs:X` / `absolute:X` or
 * `rel:X` / `relative:X` (X a number or a share such as `2%`).
 * exceptions: CC_EINVAL.
 */
cc_status cc_tolerance_parse(const char *text, cc_tolerance *out);

/* Adds a rule (the pattern is copied). */
void cc_compare_options_add_rule(cc_compare_options *options, const char *pattern,
                                 cc_tolerance tolerance);

/*
 * Reads a tolerance file (YAML):
 *   default: statistical            # or exact, abs:0.01, rel:2%
 *   metrics:
 *     "channels.*.service_level": abs:0.01
 * and adds its default and rules to *options.
 * exceptions: CC_EIO, CC_ESYNTAX, CC_ESCHEMA, CC_EINVAL (with line and column).
 */
cc_status cc_compare_options_load(cc_compare_options *options, const char *path,
                                  cc_error *err);

/* Frees the rules of *options and resets it to the statistical default. */
void cc_compare_options_release(cc_compare_options *options);

/* Which way is better for the metric at `path` (by its last components). */
cc_metric_direction cc_metric_direction_of(const char *path);

/* A short word for a verdict: "same", "ok", "better", "changed", "REGRESSION"... */
const char *cc_verdict_name(cc_verdict verdict);

#ifdef __cplusplus
}
#endif

#endif
