/*
 * Metric-by-metric comparison of two summary.json documents. Both documents
 * are flattened into (dotted path, mean, interval) lists, the lists are
 * matched by path, and each pair gets a verdict from its direction and
 * tolerance. Paired intervals over replications are used when both runs share
 * a seed and carry per-replication values (common random numbers).
 */
#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_cdf.h>
#include <jansson.h>
#include <yaml.h>

#include "scenario/yaml_walk.h"
#include "util/alloc.h"
#include "cc_compare.h"
#include "cc_units.h"

/* One metric found in a summary. */
typedef struct flat_metric {
    char *path;                 /* dotted path, owned */
    double mean;                /* value or mean over replications */
    double half_width;          /* half of the 95% CI, 0 if none */
    int has_ci;                 /* a CI was present */
    const json_t *per_rep;      /* per-replication values, borrowed from the document */
    size_t order;               /* position in document order */
} flat_metric;

typedef struct flat_list {
    flat_metric *items;
    size_t n, cap;
} flat_list;

/* ---- flattening ------------------------------------------------------------ */

static void flat_push(flat_list *list, const char *path, double mean, double hw, int has_ci,
                      const json_t *per_rep)
{
    flat_metric *m;
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 64;
        list->items = cc_xrealloc(list->items, list->cap * sizeof(*list->items));
    }
    m = &list->items[list->n];
    m->path = cc_xstrdup(path);
    m->mean = mean;
    m->half_width = hw;
    m->has_ci = has_ci;
    m->per_rep = per_rep;
    m->order = list->n;
    list->n++;
}

static void flat_release(flat_list *list)
{
    size_t i;
    for (i = 0; i < list->n; i++)
        free(list->items[i].path);
    free(list->items);
    list->items = NULL;
    list->n = list->cap = 0;
}

static int skipped_top_key(const char *key)
{
    static const char *const skip[] = {"meta", "kind", "scenario", "schema_version", "ccsim_version",
                                       "tool", "seed", "replications"};
    size_t i;
    for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
        if (!strcmp(key, skip[i]))
            return 1;
    return 0;
}

static void join_path(char *out, size_t cap, const char *prefix, const char *key)
{
    if (prefix[0])
        snprintf(out, cap, "%s.%s", prefix, key);
    else
        snprintf(out, cap, "%s", key);
}

static void flatten(const json_t *node, const char *path, int depth, flat_list *list)
{
    char child[1024];

    if (depth > 64)
        return;
    if (json_is_number(node)) {
        flat_push(list, path, json_number_value(node), 0.0, 0, NULL);
    } else if (json_is_object(node)) {
        const json_t *mean = json_object_get(node, "mean");
        const char *key;
        json_t *value;
        if (json_is_number(mean)) {
            const json_t *lo = json_object_get(node, "ci_low");
            const json_t *hi = json_object_get(node, "ci_high");
            const json_t *reps = json_object_get(node, "per_replication");
            int has_ci = json_is_number(lo) && json_is_number(hi);
            double hw = has_ci ? 0.5 * (json_number_value(hi) - json_number_value(lo)) : 0.0;
            flat_push(list, path, json_number_value(mean), fabs(hw), has_ci,
                      json_is_array(reps) ? reps : NULL);
            return;
        }
        json_object_foreach((json_t *)node, key, value) {
            if (depth == 0 && skipped_top_key(key))
                continue;
            join_path(child, sizeof(child), path, key);
            flatten(value, child, depth + 1, list);
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *value;
        json_array_foreach(node, i, value) {
            const json_t *name = json_is_object(value) ? json_object_get(value, "name") : NULL;
            char idx[32];
            if (json_is_string(name))
                join_path(child, sizeof(child), path, json_string_value(name));
            else {
                snprintf(idx, sizeof(idx), "%zu", i);
                join_path(child, sizeof(child), path, idx);
            }
            flatten(value, child, depth + 1, list);
        }
    }
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const flat_metric *)a)->path, ((const flat_metric *)b)->path);
}

/* ---- loading ---------------------------------------------------------------- */

/* What produced a summary: "run", "plan" or "sweep" ("run" when unsaid, as before kinds). */
static const char *result_kind(const json_t *doc)
{
    const json_t *v = json_object_get(doc, "kind");
    return json_is_string(v) ? json_string_value(v) : "run";
}

/* The currency the costs are in: the plan's, else the run totals', else "". */
static const char *result_currency(const json_t *doc)
{
    const json_t *v = json_object_get(json_object_get(json_object_get(doc, "plan"), "cost"),
                                      "currency");
    if (!json_is_string(v))
        v = json_object_get(json_object_get(doc, "totals"), "currency");
    return json_is_string(v) ? json_string_value(v) : "";
}

static cc_status load_summary(const char *path, json_t **out, cc_error *err)
{
    char file[4096];
    struct stat st;
    json_error_t jerr;
    json_t *doc;
    const json_t *scenario;

    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(file, sizeof(file), "%s/summary.json", path);
    else
        snprintf(file, sizeof(file), "%s", path);
    doc = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc) {
        if (jerr.line <= 0 || stat(file, &st) != 0)
            return cc_error_set_at(err, CC_EIO, file, 0, 0, "cannot read: %s", jerr.text);
        return cc_error_set_at(err, CC_ESYNTAX, file, jerr.line, jerr.column, "%s", jerr.text);
    }
    if (json_is_object(doc) && !strcmp(result_kind(doc), "sweep")) {
        json_decref(doc);
        return cc_error_set_at(err, CC_EINVAL, file, 0, 0,
                               "the summary of a sweep; compare takes the summary.json of a run "
                               "or of a plan");
    }
    scenario = json_object_get(doc, "scenario");
    if (!json_is_object(doc) || !json_is_string(json_object_get(scenario, "name"))) {
        json_decref(doc);
        return cc_error_set_at(err, CC_ESCHEMA, file, 0, 0,
                               "not a ccsim summary: no 'scenario.name'");
    }
    *out = doc;
    return CC_OK;
}

static const char *scenario_field(const json_t *doc, const char *key)
{
    const json_t *v = json_object_get(json_object_get(doc, "scenario"), key);
    return json_is_string(v) ? json_string_value(v) : "";
}

/* ---- verdicts ---------------------------------------------------------------- */

static const cc_tolerance *tolerance_for(const cc_compare_options *opt, const char *path)
{
    const cc_tolerance *tol = &opt->default_tolerance;
    size_t i;
    for (i = 0; i < opt->n_rules; i++)
        if (fnmatch(opt->rules[i].pattern, path, 0) == 0)
            tol = &opt->rules[i].tolerance;
    return tol;
}

/*
 * Half-width of the 95% interval of new - base: paired over replications when
 * both sides carry equally long per-replication values from the same seeds,
 * otherwise from the two intervals combined as independent.
 */
static double difference_half_width(const flat_metric *n, const flat_metric *b, int same_seed,
                                    int *paired)
{
    *paired = 0;
    if (same_seed && n->per_rep && b->per_rep && json_array_size(n->per_rep) >= 2 &&
        json_array_size(n->per_rep) == json_array_size(b->per_rep)) {
        size_t k = json_array_size(n->per_rep), i;
        double mean = 0.0, ss = 0.0;
        for (i = 0; i < k; i++) {
            double d = json_number_value(json_array_get(n->per_rep, i)) -
                       json_number_value(json_array_get(b->per_rep, i));
            double delta = d - mean;
            mean += delta / (double)(i + 1);
            ss += delta * (d - mean);
        }
        *paired = 1;
        return gsl_cdf_tdist_Pinv(0.975, (double)(k - 1)) * sqrt(ss / (double)(k - 1)) /
               sqrt((double)k);
    }
    return sqrt(n->half_width * n->half_width + b->half_width * b->half_width);
}

/* A relative tolerance: against a zero baseline a share of it allows nothing, so the
   interval decides when there is one, else the same number in the metric's unit. */
static double relative_allowed(double value, const cc_compare_row *row, const flat_metric *n,
                               const flat_metric *b, int same_seed)
{
    int paired;
    if (row->base_value != 0.0)
        return value * fabs(row->base_value);
    if (n->has_ci && b->has_ci) {
        double hw = difference_half_width(n, b, same_seed, &paired);
        if (hw > 0.0)
            return hw;
    }
    return value;
}

static void judge(cc_compare_row *row, const flat_metric *n, const flat_metric *b,
                  int same_seed)
{
    double worse, scale = fmax(fabs(row->new_value), fabs(row->base_value));

    row->delta = row->new_value - row->base_value;
    row->has_ci = n->has_ci && b->has_ci;
    row->new_half_width = n->half_width;
    row->base_half_width = b->half_width;
    if (row->tolerance.kind == CC_TOL_AUTO) {
        /* Resolved per metric; the row then carries the tolerance that applied. */
        /*
         * Sampled figures vary between replications (an interval of some
         * width on either side); a figure whose intervals have no width
         * (a fixed staffing's cost) is as deterministic as one without.
         */
        if (strstr(row->metric, ".attainment."))
            row->tolerance = (cc_tolerance){CC_TOL_ABSOLUTE, 0.10};
        else if (row->has_ci && (n->half_width > 0.0 || b->half_width > 0.0))
            row->tolerance = (cc_tolerance){CC_TOL_STATISTICAL, 0.0};
        else
            row->tolerance = (cc_tolerance){CC_TOL_RELATIVE, 0.01};
    }
    switch (row->tolerance.kind) {
    case CC_TOL_AUTO: /* resolved above */
    case CC_TOL_STATISTICAL:
        row->allowed = difference_half_width(n, b, same_seed, &row->paired);
        /* Values with no interval are deterministic: only rounding noise is allowed. */
        row->allowed += 1e-12 * scale;
        break;
    case CC_TOL_ABSOLUTE: row->allowed = row->tolerance.value; break;
    case CC_TOL_RELATIVE:
        row->allowed = relative_allowed(row->tolerance.value, row, n, b, same_seed);
        break;
    case CC_TOL_EXACT: row->allowed = 0.0; break;
    }
    if (row->new_value == row->base_value) {
        row->verdict = CC_VERDICT_SAME;
        return;
    }
    if (row->tolerance.kind == CC_TOL_EXACT) {
        row->verdict = CC_VERDICT_REGRESSED;
        return;
    }
    if (row->direction == CC_DIR_NEUTRAL) {
        row->verdict = fabs(row->delta) > row->allowed ? CC_VERDICT_CHANGED : CC_VERDICT_WITHIN;
        return;
    }
    worse = row->direction == CC_DIR_LOWER_BETTER ? row->delta : -row->delta;
    if (worse > row->allowed)
        row->verdict = CC_VERDICT_REGRESSED;
    else if (-worse > row->allowed)
        row->verdict = CC_VERDICT_IMPROVED;
    else
        row->verdict = CC_VERDICT_WITHIN;
}

cc_metric_direction cc_metric_direction_of(const char *path)
{
    /*
     * Counts that follow the volume are neutral, matched as whole last
     * components; then words inside the last component, most specific first.
     */
    static const char *const volume_counts[] = {
        "offered", "deflected", "contained", "presented", "answered", "abandoned", "handled",
        "within", "in_target", "contacts", "offered_contacts", "model_events", "periods",
        "periods_judged", "agent_hours",
        /* a time read off interval boundaries, without an interval: reported, not judged */
        "oldest_waiting_s",
    };
    static const struct {
        const char *word;
        cc_metric_direction dir;
    } words[] = {
        {"occupancy", CC_DIR_NEUTRAL},     {"utilisation", CC_DIR_NEUTRAL},
        {"handle", CC_DIR_NEUTRAL},        {"aht", CC_DIR_NEUTRAL},
        {"acw", CC_DIR_NEUTRAL},           {"bot_time", CC_DIR_NEUTRAL},
        {"available", CC_DIR_NEUTRAL},     {"efficiency", CC_DIR_HIGHER_BETTER},
        {"service_level", CC_DIR_HIGHER_BETTER}, {"sl_", CC_DIR_HIGHER_BETTER},
        {"attain", CC_DIR_HIGHER_BETTER},  {"containment", CC_DIR_HIGHER_BETTER},
        {"abandon", CC_DIR_LOWER_BETTER},  {"asa", CC_DIR_LOWER_BETTER},
        {"wait", CC_DIR_LOWER_BETTER},     {"response", CC_DIR_LOWER_BETTER},
        {"queue", CC_DIR_LOWER_BETTER},    {"missed", CC_DIR_LOWER_BETTER},
        {"cost", CC_DIR_LOWER_BETTER},     {"fte", CC_DIR_LOWER_BETTER},
        {"agents", CC_DIR_LOWER_BETTER},   {"hires", CC_DIR_LOWER_BETTER},
        {"risk", CC_DIR_LOWER_BETTER},     {"backlog", CC_DIR_LOWER_BETTER},
        {"paid_hours", CC_DIR_LOWER_BETTER}, {"overtime", CC_DIR_LOWER_BETTER},
        {"vendor", CC_DIR_LOWER_BETTER},   {"gap", CC_DIR_LOWER_BETTER},
        {"under", CC_DIR_LOWER_BETTER},
    };
    const char *leaf = strrchr(path, '.');
    size_t i;

    leaf = leaf ? leaf + 1 : path;
    /* A path inside a target describes input, not outcome. */
    if (strstr(path, ".target.") || strstr(path, ".targets."))
        return CC_DIR_NEUTRAL;
    /* The attainment shares of a scope verdict: share of periods meeting the target. */
    if (strstr(path, ".attainment."))
        return CC_DIR_HIGHER_BETTER;
    /*
     * The rest of a scope verdict (periods missed, the worst period's risk) is
     * a count or a share of a few replications without an interval; the
     * attainment shares above judge it, with their tolerance.
     */
    if (strstr(path, ".scope_verdict."))
        return CC_DIR_NEUTRAL;
    if (!strcmp(leaf, "service_level") || !strcmp(leaf, "sl"))
        return CC_DIR_HIGHER_BETTER;
    for (i = 0; i < sizeof(volume_counts) / sizeof(volume_counts[0]); i++)
        if (!strcmp(leaf, volume_counts[i]))
            return CC_DIR_NEUTRAL;
    /* Inside a cost block (plan.cost.total_per_week, .per_contact): money, lower is better. */
    if (strstr(path, ".cost."))
        return CC_DIR_LOWER_BETTER;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(leaf, words[i].word))
            return words[i].dir;
    return CC_DIR_NEUTRAL;
}

const char *cc_verdict_name(cc_verdict verdict)
{
    switch (verdict) {
    case CC_VERDICT_SAME: return "same";
    case CC_VERDICT_WITHIN: return "ok";
    case CC_VERDICT_IMPROVED: return "better";
    case CC_VERDICT_CHANGED: return "changed";
    case CC_VERDICT_REGRESSED: return "REGRESSION";
    case CC_VERDICT_MISSING: return "MISSING";
    case CC_VERDICT_ADDED: return "added";
    }
    return "?";
}

/* ---- comparison -------------------------------------------------------------- */

static cc_compare_row *new_row(cc_compare_report *r, size_t *cap, const char *path)
{
    cc_compare_row *row;
    if (r->n_rows == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        r->rows = cc_xrealloc(r->rows, *cap * sizeof(*r->rows));
    }
    row = &r->rows[r->n_rows++];
    memset(row, 0, sizeof(*row));
    row->metric = cc_xstrdup(path);
    row->direction = cc_metric_direction_of(path);
    row->new_value = NAN;
    row->base_value = NAN;
    row->delta = NAN;
    return row;
}

/* Length of the first segment of a dotted metric path ("channels" of "channels.chat.x"). */
static size_t section_length(const char *path)
{
    const char *dot = strchr(path, '.');
    return dot ? (size_t)(dot - path) : strlen(path);
}

/*
 * A baseline must hold every section of metrics the new result has (its
 * channels, teams, plan...): without them nothing would be compared and a
 * comparison would pass vacuously. Flattening keeps a section's metrics
 * together, so the first metric of each run of paths names the section.
 */
static cc_status check_sections(const flat_list *nl, const flat_list *bl, const char *base_path,
                                cc_error *err)
{
    size_t i, j;
    for (i = 0; i < nl->n; i++) {
        const char *p = nl->items[i].path;
        size_t len = section_length(p);
        int found = 0;
        if (i > 0 && section_length(nl->items[i - 1].path) == len &&
            strncmp(nl->items[i - 1].path, p, len) == 0)
            continue; /* same section as the previous metric */
        for (j = 0; j < bl->n && !found; j++)
            found = section_length(bl->items[j].path) == len &&
                    strncmp(bl->items[j].path, p, len) == 0;
        if (!found)
            return cc_error_setf(err, CC_EINVAL,
                                 "baseline '%s' has no '%.*s' metrics to compare against",
                                 base_path, (int)len, p);
    }
    return CC_OK;
}

/*
 * The figures a decision rests on (those of the summary): a baseline that
 * lacks one the new result has would let the comparison pass without
 * comparing it.
 */
static int summary_metric(const char *path)
{
    static const char *const leaves[] = {".service_level", ".asa_s", ".p_abandon"};
    static const char *const totals[] = {"totals.cost_per_week", "totals.cost_per_contact",
                                         "plan.fte_rostered", "plan.cost.total_per_week",
                                         "plan.cost.per_contact"};
    size_t i, len = strlen(path);
    for (i = 0; i < sizeof(totals) / sizeof(totals[0]); i++)
        if (!strcmp(path, totals[i]))
            return 1;
    /* channels.NAME.LEAF only: a channel's own figure, not one nested deeper. */
    if (strncmp(path, "channels.", 9) != 0 || strchr(path + 9, '.') != strrchr(path, '.'))
        return 0;
    for (i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
        size_t l = strlen(leaves[i]);
        if (len > l && !strcmp(path + len - l, leaves[i]))
            return 1;
    }
    return 0;
}

static cc_status check_summary_metrics(const cc_compare_report *r, const char *base_path,
                                       cc_error *err)
{
    char names[600] = "";
    size_t i, n = 0, used = 0;
    for (i = 0; i < r->n_rows; i++) {
        const cc_compare_row *row = &r->rows[i];
        if (row->verdict != CC_VERDICT_ADDED || !summary_metric(row->metric))
            continue;
        if (n < 4 && used < sizeof(names)) {
            int w = snprintf(names + used, sizeof(names) - used, "%s'%s'", n ? ", " : "",
                             row->metric);
            if (w > 0)
                used += (size_t)w;
        }
        n++;
    }
    if (n == 0)
        return CC_OK;
    return cc_error_setf(err, CC_ESCHEMA,
                         "baseline '%s' lacks %zu of the compared metrics the new result has: "
                         "%s%s", base_path, n, names, n > 4 ? ", ..." : "");
}

cc_status cc_compare_files(const char *new_path, const char *base_path,
                           const cc_compare_options *options, cc_compare_report **out,
                           cc_error *err)
{
    cc_compare_options defaults = {{CC_TOL_AUTO, 0.0}, NULL, 0};
    json_t *new_doc = NULL, *base_doc = NULL;
    flat_list nl = {0}, bl = {0};
    cc_compare_report *r;
    size_t cap = 0, i;
    char *seen;
    int same_seed;
    cc_status st;

    if (!options)
        options = &defaults;
    st = load_summary(new_path, &new_doc, err);
    if (st != CC_OK)
        return st;
    st = load_summary(base_path, &base_doc, err);
    if (st != CC_OK) {
        json_decref(new_doc);
        return st;
    }
    if (strcmp(result_kind(new_doc), result_kind(base_doc)) != 0) {
        st = cc_error_setf(err, CC_EINVAL,
                           "different kinds of result: a %s in '%s' but a %s in the baseline "
                           "'%s'; compare a run with a run, a plan with a plan",
                           result_kind(new_doc), new_path, result_kind(base_doc), base_path);
        goto out_free_docs;
    }
    if (strcmp(scenario_field(new_doc, "name"), scenario_field(base_doc, "name")) != 0) {
        st = cc_error_setf(err, CC_EINVAL,
                           "different scenarios: '%s' in '%s' but '%s' in the baseline '%s'",
                           scenario_field(new_doc, "name"), new_path,
                           scenario_field(base_doc, "name"), base_path);
        goto out_free_docs;
    }

    r = cc_xcalloc(1, sizeof(*r));
    snprintf(r->scenario_new, sizeof(r->scenario_new), "%s", scenario_field(new_doc, "name"));
    snprintf(r->scenario_base, sizeof(r->scenario_base), "%s",
             scenario_field(base_doc, "name"));
    r->scenario_changed =
        strcmp(scenario_field(new_doc, "sha256"), scenario_field(base_doc, "sha256")) != 0;
    snprintf(r->kind, sizeof(r->kind), "%s", result_kind(new_doc));
    snprintf(r->currency, sizeof(r->currency), "%s", result_currency(new_doc));
    same_seed = json_equal(json_object_get(new_doc, "seed"), json_object_get(base_doc, "seed"));
    r->seeds_differ = !same_seed;

    flatten(new_doc, "", 0, &nl);
    flatten(base_doc, "", 0, &bl);
    if (bl.n == 0 || nl.n == 0) {
        st = cc_error_setf(err, CC_EINVAL,
                           "'%s' holds no metrics to compare (no channel, team or plan figures)",
                           bl.n == 0 ? base_path : new_path);
        goto out_free_lists;
    }
    if ((st = check_sections(&nl, &bl, base_path, err)) != CC_OK)
        goto out_free_lists;
    if (nl.n > 1) /* qsort and bsearch with NULL and 0 are undefined; n >= 1 here */
        qsort(nl.items, nl.n, sizeof(*nl.items), by_path);
    seen = cc_xcalloc(nl.n, 1);

    for (i = 0; i < bl.n; i++) {
        const flat_metric *b = &bl.items[i];
        const flat_metric *n = bsearch(b, nl.items, nl.n, sizeof(*nl.items), by_path);
        cc_compare_row *row = new_row(r, &cap, b->path);
        row->base_value = b->mean;
        row->tolerance = *tolerance_for(options, b->path);
        if (!n) {
            row->verdict = CC_VERDICT_MISSING;
            r->n_missing++;
            continue;
        }
        seen[n - nl.items] = 1;
        row->new_value = n->mean;
        judge(row, n, b, same_seed);
        if (row->verdict == CC_VERDICT_REGRESSED)
            r->n_regressed++;
        else if (row->verdict == CC_VERDICT_IMPROVED)
            r->n_improved++;
    }
    for (i = 0; i < nl.n; i++) {
        if (!seen[i]) {
            cc_compare_row *row = new_row(r, &cap, nl.items[i].path);
            row->new_value = nl.items[i].mean;
            row->tolerance = *tolerance_for(options, nl.items[i].path);
            row->verdict = CC_VERDICT_ADDED;
        }
    }
    free(seen);
    flat_release(&nl);
    flat_release(&bl);
    if ((st = check_summary_metrics(r, base_path, err)) != CC_OK) {
        cc_compare_report_free(r);
        goto out_free_docs;
    }
    *out = r;
    st = CC_OK;
    goto out_free_docs;

out_free_lists:
    flat_release(&nl);
    flat_release(&bl);
    cc_compare_report_free(r);
out_free_docs:
    json_decref(new_doc);
    json_decref(base_doc);
    return st;
}

const cc_compare_row *cc_compare_find(const cc_compare_report *report, const char *metric)
{
    size_t i;
    for (i = 0; i < report->n_rows; i++)
        if (!strcmp(report->rows[i].metric, metric))
            return &report->rows[i];
    return NULL;
}

/* A row both sides have, or NULL. */
static const cc_compare_row *both_sides(const cc_compare_report *r, const char *metric)
{
    const cc_compare_row *row = cc_compare_find(r, metric);
    return row && row->verdict != CC_VERDICT_ADDED && row->verdict != CC_VERDICT_MISSING ? row
                                                                                         : NULL;
}

cc_compare_summary *cc_compare_summarise(const cc_compare_report *r)
{
    static const char *const scopes[3] = {"intervals", "days", "weeks"};
    cc_compare_summary *sum = cc_xcalloc(1, sizeof(*sum));
    char path[600];
    size_t i, k;

    for (i = 0; i < r->n_rows; i++) {
        const char *m = r->rows[i].metric, *dot;
        cc_compare_summary_channel *ch;
        size_t len;
        /* A channel is named by its channels.NAME.service_level row. */
        if (strncmp(m, "channels.", 9) != 0 || !(dot = strchr(m + 9, '.')) ||
            strcmp(dot, ".service_level") != 0)
            continue;
        len = (size_t)(dot - (m + 9));
        sum->channels = cc_xrealloc(sum->channels, (sum->n_channels + 1) * sizeof(*sum->channels));
        ch = &sum->channels[sum->n_channels++];
        memset(ch, 0, sizeof(*ch));
        ch->name = cc_xcalloc(len + 1, 1);
        memcpy(ch->name, m + 9, len);
        ch->sl_ci = both_sides(r, m);
        snprintf(path, sizeof(path), "channels.%s.service_level_pooled", ch->name);
        /* The pooled figure carries its own (linearised) interval: it decides when present. */
        if (both_sides(r, path))
            ch->sl_ci = both_sides(r, path);
        ch->sl = ch->sl_ci;
        snprintf(path, sizeof(path), "channels.%s.asa_s", ch->name);
        ch->asa = both_sides(r, path);
        snprintf(path, sizeof(path), "channels.%s.p_abandon", ch->name);
        ch->abandon = both_sides(r, path);
        for (k = 0; k < 3; k++) {
            snprintf(path, sizeof(path), "channels.%s.scope_verdict.attainment.%s", ch->name,
                     scopes[k]);
            ch->attain[k] = both_sides(r, path);
        }
    }
    if (!strcmp(r->kind, "plan")) {
        sum->fte = both_sides(r, "plan.fte_rostered");
        sum->cost_week = both_sides(r, "plan.cost.total_per_week");
        sum->cost_contact = both_sides(r, "plan.cost.per_contact");
    } else {
        sum->fte = both_sides(r, "totals.fte_paid");
        sum->cost_week = both_sides(r, "totals.cost_per_week");
        sum->cost_contact = both_sides(r, "totals.cost_per_contact");
    }
    return sum;
}

void cc_compare_summary_free(cc_compare_summary *summary)
{
    size_t i;
    if (!summary)
        return;
    for (i = 0; i < summary->n_channels; i++)
        free(summary->channels[i].name);
    free(summary->channels);
    free(summary);
}

void cc_compare_report_free(cc_compare_report *report)
{
    size_t i;
    if (!report)
        return;
    for (i = 0; i < report->n_rows; i++)
        free(report->rows[i].metric);
    free(report->rows);
    free(report);
}

/* ---- tolerances -------------------------------------------------------------- */

cc_status cc_tolerance_parse(const char *text, cc_tolerance *out)
{
    const char *colon = strchr(text, ':');
    double v;
    size_t klen;

    if (!strcmp(text, "auto")) {
        out->kind = CC_TOL_AUTO;
        out->value = 0.0;
        return CC_OK;
    }
    if (!strcmp(text, "statistical") || !strcmp(text, "ci")) {
        out->kind = CC_TOL_STATISTICAL;
        out->value = 0.0;
        return CC_OK;
    }
    if (!strcmp(text, "exact")) {
        out->kind = CC_TOL_EXACT;
        out->value = 0.0;
        return CC_OK;
    }
    if (!colon)
        return CC_EINVAL;
    klen = (size_t)(colon - text);
    if (cc_parse_share(colon + 1, &v) != CC_OK)
        return CC_EINVAL;
    if ((klen == 3 && !strncmp(text, "abs", 3)) || (klen == 8 && !strncmp(text, "absolute", 8)))
        out->kind = CC_TOL_ABSOLUTE;
    else if ((klen == 3 && !strncmp(text, "rel", 3)) ||
             (klen == 8 && !strncmp(text, "relative", 8)))
        out->kind = CC_TOL_RELATIVE;
    else
        return CC_EINVAL;
    out->value = v;
    return CC_OK;
}

void cc_compare_options_add_rule(cc_compare_options *options, const char *pattern,
                                 cc_tolerance tolerance)
{
    options->rules =
        cc_xrealloc(options->rules, (options->n_rules + 1) * sizeof(*options->rules));
    options->rules[options->n_rules].pattern = cc_xstrdup(pattern);
    options->rules[options->n_rules].tolerance = tolerance;
    options->n_rules++;
}

void cc_compare_options_release(cc_compare_options *options)
{
    size_t i;
    for (i = 0; i < options->n_rules; i++)
        free(options->rules[i].pattern);
    free(options->rules);
    memset(options, 0, sizeof(*options));
}

static cc_status yaml_scalar_tolerance(const char *path, const yaml_node_t *node,
                                       cc_tolerance *tol, cc_error *err)
{
    if (node->type != YAML_SCALAR_NODE ||
        cc_tolerance_parse((const char *)node->data.scalar.value, tol) != CC_OK)
        return cc_error_set_at(err, CC_EINVAL, path, (int)node->start_mark.line + 1,
                               (int)node->start_mark.column + 1,
                               "invalid tolerance; allowed: auto, statistical, exact, abs:X, rel:X");
    return CC_OK;
}

cc_status cc_compare_options_load(cc_compare_options *options, const char *path, cc_error *err)
{
    FILE *fp = fopen(path, "rb");
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_node_t *root;
    yaml_node_pair_t *pair;
    cc_status st = CC_OK;

    if (!fp)
        return cc_error_set_at(err, CC_EIO, path, 0, 0, "cannot open tolerance file");
    {
        /* libyaml is quadratic in nesting depth: refuse deep files before loading. */
        int dl, dc;
        if (!cc_yw_depth_ok_file(fp, CC_YW_MAX_DEPTH, &dl, &dc)) {
            fclose(fp);
            return cc_error_set_at(err, CC_ESYNTAX, path, dl, dc,
                                   "lists and mappings nest more than %d deep", CC_YW_MAX_DEPTH);
        }
    }
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, fp);
    if (!yaml_parser_load(&parser, &doc)) {
        st = cc_error_set_at(err, CC_ESYNTAX, path, (int)parser.problem_mark.line + 1,
                             (int)parser.problem_mark.column + 1, "%s",
                             parser.problem ? parser.problem : "invalid YAML");
        goto out_free_parser;
    }
    root = yaml_document_get_root_node(&doc);
    if (!root) {
        st = cc_error_set_at(err, CC_ESCHEMA, path, 0, 0, "empty tolerance file");
        goto out_free_doc;
    }
    if (root->type != YAML_MAPPING_NODE) {
        st = cc_error_set_at(err, CC_ESCHEMA, path, (int)root->start_mark.line + 1,
                             (int)root->start_mark.column + 1,
                             "expected a mapping with 'default' and 'metrics'");
        goto out_free_doc;
    }
    for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(&doc, pair->key);
        yaml_node_t *value = yaml_document_get_node(&doc, pair->value);
        const char *k = key->type == YAML_SCALAR_NODE ? (const char *)key->data.scalar.value : "";
        if (!strcmp(k, "default")) {
            st = yaml_scalar_tolerance(path, value, &options->default_tolerance, err);
        } else if (!strcmp(k, "metrics") && value->type == YAML_MAPPING_NODE) {
            yaml_node_pair_t *m;
            for (m = value->data.mapping.pairs.start; m < value->data.mapping.pairs.top; m++) {
                yaml_node_t *mk = yaml_document_get_node(&doc, m->key);
                yaml_node_t *mv = yaml_document_get_node(&doc, m->value);
                cc_tolerance tol;
                if (mk->type != YAML_SCALAR_NODE) {
                    st = cc_error_set_at(err, CC_ESCHEMA, path, (int)mk->start_mark.line + 1,
                                         (int)mk->start_mark.column + 1,
                                         "a metric pattern must be a string");
                    break;
                }
                st = yaml_scalar_tolerance(path, mv, &tol, err);
                if (st != CC_OK)
                    break;
                cc_compare_options_add_rule(options, (const char *)mk->data.scalar.value, tol);
            }
        } else {
            st = cc_error_set_at(err, CC_ESCHEMA, path, (int)key->start_mark.line + 1,
                                 (int)key->start_mark.column + 1,
                                 "unknown key '%s'; allowed: default, metrics (a mapping)", k);
        }
        if (st != CC_OK)
            break;
    }
out_free_doc:
    yaml_document_delete(&doc);
out_free_parser:
    yaml_parser_delete(&parser);
    fclose(fp);
    return st;
}
