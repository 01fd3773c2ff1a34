/*
 * The table-driven part of the loader: a section's table says which keys
 * exist, what each holds and where it goes, and the functions here check
 * the keys, store defaults, parse each value by its kind and limits, and
 * report missing required keys. Distributions live here too: every section
 * has some, and they are a small schema of their own whose rules (cv by
 * family, empirical values) are code below their table.
 */
#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_units.h"
#include "scenario/loader.h"
#include "scenario/scenario_internal.h"

#define DAY 86400.0

/* ---- fields -------------------------------------------------------------------- */

const cc_field *cc_schema_field(const cc_schema *t, const char *key)
{
    int i;
    for (i = 0; i < t->n_fields; i++)
        if (!strcmp(t->fields[i].key, key))
            return &t->fields[i];
    assert(!"no such key in the schema");
    return NULL;
}

void *cc_field_ptr(const cc_field *f, void *obj)
{
    assert(f->at);
    return (char *)obj + f->at - 1;
}

/* A bound given as a double, as a long (LONG_MAX for "no bound"). */
static long bound_long(double x)
{
    if (x >= (double)LONG_MAX)
        return LONG_MAX;
    if (x <= (double)LONG_MIN)
        return LONG_MIN;
    return (long)x;
}

static int enum_value(const cc_field *f, int index)
{
    return f->values ? f->values[index] : index;
}

static void store_default(const cc_field *f, void *obj)
{
    void *p;

    if (f->kind == CC_VK_MAP) {
        if (f->sub)
            cc_schema_defaults(f->sub, f->at ? cc_field_ptr(f, obj) : obj);
        return;
    }
    if (!f->at)
        return;
    p = cc_field_ptr(f, obj);
    switch (f->kind) {
    case CC_VK_INT:
    case CC_VK_BOOL:
    case CC_VK_CHANNEL:
    case CC_VK_TEAM: *(int *)p = (int)f->def; break;
    case CC_VK_ENUM: *(int *)p = enum_value(f, (int)f->def); break;
    case CC_VK_LONG: *(long *)p = bound_long(f->def); break;
    case CC_VK_U64: *(uint64_t *)p = (uint64_t)f->def; break;
    case CC_VK_NUMBER:
    case CC_VK_DURATION:
    case CC_VK_SHARE:
    case CC_VK_TIME:
    case CC_VK_UTC: *(double *)p = f->def; break;
    case CC_VK_DAYS: *(unsigned *)p = (unsigned)f->def; break;
    default: break; /* text, dates, distributions: zero or set by code */
    }
}

void cc_schema_defaults(const cc_schema *t, void *obj)
{
    int i;
    for (i = 0; i < t->n_fields; i++)
        store_default(&t->fields[i], obj);
}

int cc_schema_keys(cc_loader *L, const cc_schema *t, yaml_node_t *n, const char *path)
{
    const char *keys[64];
    int i;

    assert(t->n_fields <= 64);
    for (i = 0; i < t->n_fields; i++)
        keys[i] = t->fields[i].key;
    return cc_yw_check_keys(&L->w, n, path, keys, t->n_fields);
}

yaml_node_t *cc_field_node(cc_loader *L, const cc_field *f, yaml_node_t *map,
                           const char *parent, char *path)
{
    cc_yw_join(path, parent, f->key);
    return cc_yw_map_get(&L->w, map, f->key);
}

/* ---- values by kind ------------------------------------------------------------- */

int cc_field_parse(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *dst)
{
    cc_yw *w = &L->w;
    int i;

    switch (f->kind) {
    case CC_VK_NOTE: return 1;
    case CC_VK_TEXT: {
        char *t = cc_yw_string(w, v, path);
        if (!t)
            return 0;
        free(*(char **)dst);
        *(char **)dst = t;
        return 1;
    }
    case CC_VK_INT: return cc_yw_int(w, v, path, (int)f->lo, (int)f->hi, dst);
    case CC_VK_LONG: return cc_yw_long(w, v, path, bound_long(f->lo), bound_long(f->hi), dst);
    case CC_VK_U64: {
        long x;
        if (!cc_yw_long(w, v, path, bound_long(f->lo), bound_long(f->hi), &x))
            return 0;
        *(uint64_t *)dst = (uint64_t)x;
        return 1;
    }
    case CC_VK_NUMBER: return cc_yw_number(w, v, path, f->lo, f->hi, dst);
    case CC_VK_DURATION:
        return cc_yw_duration(w, v, path, f->lo == CC_LIMIT_INTERVAL ? L->s->interval_s : f->lo,
                              f->hi, dst);
    case CC_VK_SHARE: return cc_yw_share(w, v, path, f->hi, dst);
    case CC_VK_BOOL: return cc_yw_bool(w, v, path, dst);
    case CC_VK_ENUM:
        i = cc_yw_enum(w, v, path, f->names);
        if (i < 0)
            return 0;
        *(int *)dst = enum_value(f, i);
        return 1;
    case CC_VK_DATE: return cc_yw_date(w, v, path, dst);
    case CC_VK_TIME: return cc_yw_time_of_day(w, v, path, f->hi >= DAY, dst);
    case CC_VK_UTC: return cc_yw_utc_offset(w, v, path, dst);
    case CC_VK_DAYS: return cc_yw_days(w, v, path, dst);
    case CC_VK_DIST: return cc_load_dist(L, v, path, (f->flags & CC_F_NONE) != 0, dst);
    case CC_VK_CHANNEL:
    case CC_VK_TEAM:
        i = f->kind == CC_VK_CHANNEL
                ? cc_yw_ref(w, v, path, "channel", L->ch_names, L->s->n_channels)
                : cc_yw_ref(w, v, path, "team", L->team_names, L->s->n_teams);
        if (i < 0)
            return 0;
        *(int *)dst = i;
        return 1;
    case CC_VK_MAP: {
        int ok;
        if (f->shorthand && v->type == YAML_SCALAR_NODE)
            return cc_field_load(L, cc_schema_field(f->sub, f->shorthand), v, path, dst);
        return cc_schema_load(L, f->sub, v, path, NULL, dst, &ok) && ok;
    }
    case CC_VK_NAMES:
    case CC_VK_LIST:
    case CC_VK_CUSTOM: break;
    }
    assert(!"a field of this kind needs a load hook");
    return 0;
}

int cc_field_value(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *obj)
{
    union {
        char *text;
        cc_dist dist;
        double x;
        long l;
        uint64_t u;
    } scratch;
    int ok;

    if (f->at || f->kind == CC_VK_MAP)
        return cc_field_parse(L, f, v, path, f->at ? cc_field_ptr(f, obj) : obj);
    /* validated, not kept */
    memset(&scratch, 0, sizeof(scratch));
    ok = cc_field_parse(L, f, v, path, &scratch);
    if (f->kind == CC_VK_TEXT)
        free(scratch.text);
    else if (f->kind == CC_VK_DIST)
        cc_dist_release(&scratch.dist);
    return ok;
}

int cc_field_load(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *obj)
{
    if (f->load)
        return f->load(L, f, v, path, obj);
    return cc_field_value(L, f, v, path, obj) && (!f->check || f->check(L, f, v, path, obj));
}

/* ---- sections ---------------------------------------------------------------------- */

static int pass_of(const cc_field *f)
{
    return f->flags & CC_F_EARLY ? 0 : f->flags & CC_F_LATE ? 2 : 1;
}

int cc_schema_load(cc_loader *L, const cc_schema *t, yaml_node_t *n, const char *path,
                   yaml_node_t *owner, void *obj, int *all_ok)
{
    int ok = 1, pass, i;

    if (all_ok)
        *all_ok = 0;
    if (!cc_schema_keys(L, t, n, path))
        return 0;
    for (pass = 0; pass < 3; pass++) {
        for (i = 0; i < t->n_fields; i++) {
            const cc_field *f = &t->fields[i];
            char p[CC_YW_PATH_MAX];
            yaml_node_t *v;

            if (pass_of(f) != pass || f->kind == CC_VK_NOTE)
                continue;
            v = cc_field_node(L, f, n, path, p);
            if (v) {
                ok &= cc_field_load(L, f, v, p, obj);
                continue;
            }
            if (f->flags & CC_F_REQUIRED) {
                if (f->missing)
                    cc_yw_error(&L->w, CC_ESCHEMA, owner ? owner : n, path, "missing '%s' (%s)",
                                f->key, f->missing);
                else
                    cc_yw_error(&L->w, CC_ESCHEMA, owner ? owner : n, path, "missing '%s'",
                                f->key);
                ok = 0;
            }
            if (f->flags & CC_F_ALWAYS)
                ok &= f->load(L, f, NULL, p, obj);
        }
    }
    if (all_ok)
        *all_ok = ok;
    return 1;
}

/* ---- distributions ------------------------------------------------------------------ */

enum { D_DIST, D_MEAN, D_CV, D_SD, D_VALUES };

static const char *const dist_names[] = {"exponential", "lognormal", "gamma", "deterministic",
                                         "empirical", NULL};
static const int dist_kinds[] = {CC_DIST_EXPONENTIAL, CC_DIST_LOGNORMAL, CC_DIST_GAMMA,
                                 CC_DIST_DETERMINISTIC, CC_DIST_EMPIRICAL};

static const cc_field dist_fields[] = {
    [D_DIST] = {"dist", CC_VK_ENUM, .names = dist_names, .values = dist_kinds,
                .help = "the family"},
    [D_MEAN] = {"mean", CC_VK_DURATION, .lo = 1e-3, .hi = 365 * DAY,
                .missing = "a duration such as 5m",
                .doc_default = "required (not for `empirical`)", .help = "the mean"},
    [D_CV] = {"cv", CC_VK_NUMBER, .lo = 0, .hi = 10,
              .doc_default = "1 for `exponential`, 0 for `deterministic`; required for "
                             "`lognormal` and `gamma` (or `sd`)",
              .help = "coefficient of variation: standard deviation / mean; at least 0.001 for "
                      "`lognormal` and `gamma`"},
    [D_SD] = {"sd", CC_VK_DURATION, .lo = 0, .hi = 3650 * DAY,
              .doc_default = "none",
              .help = "standard deviation, instead of `cv` (at most 10 times the mean)"},
    [D_VALUES] = {"values", CC_VK_CUSTOM, .lo = 0, .hi = 365 * DAY, .item = CC_VK_DURATION,
                  .doc_type = "list of durations",
                  .doc_allowed = "1 to " CC_STR(CC_MAX_EMPIRICAL) " values",
                  .doc_default = "required for `empirical`, else not allowed",
                  .help = "`empirical`: observed durations, drawn uniformly; mean and cv come "
                          "from them"},
};

const cc_schema cc_schema_dist = CC_SCHEMA("distribution", dist_fields);

/* An empirical distribution's `values`: 1 to CC_MAX_EMPIRICAL durations. */
static int load_empirical(cc_loader *L, yaml_node_t *n, const char *path, cc_dist *d)
{
    const cc_field *f = &dist_fields[D_VALUES];
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v = cc_field_node(L, f, n, path, p);
    yaml_node_item_t *it;
    double sum = 0.0, sum2 = 0.0;
    int i = 0;

    if (!v) {
        cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                    "empirical distribution needs 'values' (a list of durations)");
        return 0;
    }
    if (cc_yw_map_get(&L->w, n, "mean") || cc_yw_map_get(&L->w, n, "cv") ||
        cc_yw_map_get(&L->w, n, "sd")) {
        cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                    "an empirical distribution takes only 'values' (mean and spread come "
                    "from them)");
        return 0;
    }
    if (!cc_yw_expect(&L->w, v, YAML_SEQUENCE_NODE, p, "a list of durations"))
        return 0;
    if (cc_yw_seq_len(v) == 0 || cc_yw_seq_len(v) > CC_MAX_EMPIRICAL) {
        cc_yw_error(&L->w, CC_EINVAL, v, p, "must hold 1 to %d values, got %zu", CC_MAX_EMPIRICAL,
                    cc_yw_seq_len(v));
        return 0;
    }
    d->values_s = cc_xcalloc(cc_yw_seq_len(v), sizeof(double));
    for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        cc_yw_index(ip, p, i);
        if (!x || !cc_yw_duration(&L->w, x, ip, f->lo, f->hi, &d->values_s[i])) {
            free(d->values_s);
            return 0;
        }
        sum += d->values_s[i];
    }
    d->n_values = (size_t)i;
    d->mean_s = sum / i;
    for (i = 0; (size_t)i < d->n_values; i++)
        sum2 += (d->values_s[i] - d->mean_s) * (d->values_s[i] - d->mean_s);
    d->cv = d->mean_s > 0 ? sqrt(sum2 / d->n_values) / d->mean_s : 0.0;
    if (d->mean_s <= 0.0) {
        cc_yw_error(&L->w, CC_EINVAL, v, p, "values are all zero; use 'none' for no time");
        free(d->values_s);
        return 0;
    }
    return 1;
}

/* The spread of a parametric distribution: cv, or sd over the mean; checked by family. */
static int load_spread(cc_loader *L, yaml_node_t *n, const char *path, cc_dist *d)
{
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v;

    if ((v = cc_field_node(L, &dist_fields[D_CV], n, path, p)) != NULL) {
        double cv;
        if (!cc_field_parse(L, &dist_fields[D_CV], v, p, &cv))
            return 0;
        if (cc_yw_map_get(&L->w, n, "sd")) {
            cc_yw_error(&L->w, CC_ESCHEMA, v, p, "give either 'cv' or 'sd', not both");
            return 0;
        }
        if (d->kind == CC_DIST_EXPONENTIAL && fabs(cv - 1.0) > 1e-9) {
            cc_yw_error(&L->w, CC_EINVAL, v, p,
                        "an exponential distribution has cv 1; use lognormal or gamma for cv %g",
                        cv);
            return 0;
        }
        if (d->kind == CC_DIST_DETERMINISTIC && cv != 0.0) {
            cc_yw_error(&L->w, CC_EINVAL, v, p, "a deterministic duration has cv 0");
            return 0;
        }
        d->cv = cv;
    } else if ((v = cc_field_node(L, &dist_fields[D_SD], n, path, p)) != NULL) {
        double sd;
        if (!cc_field_parse(L, &dist_fields[D_SD], v, p, &sd))
            return 0;
        if (d->kind == CC_DIST_EXPONENTIAL || d->kind == CC_DIST_DETERMINISTIC) {
            cc_yw_error(&L->w, CC_EINVAL, v, p, "%s distributions take no spread",
                        cc_dist_name(d->kind));
            return 0;
        }
        d->cv = sd / d->mean_s;
        if (d->cv > 10.0) {
            cc_yw_error(&L->w, CC_EINVAL, v, p, "sd is more than 10 times the mean");
            return 0;
        }
    }
    if (d->cv < 0.0) {
        cc_yw_error(&L->w, CC_ESCHEMA, n, path, "a %s distribution needs 'cv' (or 'sd')",
                    cc_dist_name(d->kind));
        return 0;
    }
    if ((d->kind == CC_DIST_LOGNORMAL || d->kind == CC_DIST_GAMMA) && d->cv <= 0.0) {
        const char *key = cc_yw_map_get(&L->w, n, "cv") ? "cv" : "sd";
        cc_yw_join(p, path, key);
        cc_yw_error(&L->w, CC_EINVAL, cc_yw_map_get(&L->w, n, key), p,
                    "must be above 0 for a %s distribution (use deterministic for no spread)",
                    cc_dist_name(d->kind));
        return 0;
    }
    if ((d->kind == CC_DIST_LOGNORMAL || d->kind == CC_DIST_GAMMA) && d->cv < CC_DIST_MIN_CV) {
        /* The gamma sampler's shape 1/cv^2 overflows well before cv reaches 0. */
        const char *key = cc_yw_map_get(&L->w, n, "cv") ? "cv" : "sd";
        cc_yw_join(p, path, key);
        cc_yw_error(&L->w, CC_EINVAL, cc_yw_map_get(&L->w, n, key), p,
                    "gives a cv of %g; a %s distribution needs a cv of at least %g (use "
                    "deterministic for less spread)",
                    d->cv, cc_dist_name(d->kind), CC_DIST_MIN_CV);
        return 0;
    }
    return 1;
}

int cc_load_dist(cc_loader *L, yaml_node_t *n, const char *path, int allow_none, cc_dist *out)
{
    char p[CC_YW_PATH_MAX];
    cc_dist d;
    yaml_node_t *v;
    int ok = 1, kind = CC_DIST_EXPONENTIAL;

    memset(&d, 0, sizeof(d));
    if (n->type == YAML_SCALAR_NODE) {
        if (allow_none && (cc_yw_is_null(n) || !strcmp(cc_yw_scalar(n), "none"))) {
            *out = d;
            return 1;
        }
        if (!cc_yw_is_null(n) && cc_parse_duration(cc_yw_scalar(n), &d.mean_s) != CC_OK) {
            char shown[64];
            cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                        "expected a distribution {dist: ..., mean: ...} or a duration%s, got '%s'",
                        allow_none ? " or 'none'" : "", cc_yw_show(n, shown, sizeof(shown)));
            return 0;
        }
        if (!cc_field_parse(L, &dist_fields[D_MEAN], n, path, &d.mean_s))
            return 0;
        d.kind = CC_DIST_EXPONENTIAL;
        d.cv = 1.0;
        *out = d;
        return 1;
    }
    if (!cc_schema_keys(L, &cc_schema_dist, n, path))
        return 0;
    if ((v = cc_field_node(L, &dist_fields[D_DIST], n, path, p)) &&
        !cc_field_parse(L, &dist_fields[D_DIST], v, p, &kind))
        return 0;
    d.kind = (cc_dist_kind)kind;
    if (d.kind == CC_DIST_EMPIRICAL) {
        if (!load_empirical(L, n, path, &d))
            return 0;
        *out = d;
        return 1;
    }
    if ((v = cc_field_node(L, &dist_fields[D_VALUES], n, path, p))) {
        cc_yw_error(&L->w, CC_ESCHEMA, v, p, "only an empirical distribution takes 'values'");
        ok = 0;
    }
    if (!(v = cc_field_node(L, &dist_fields[D_MEAN], n, path, p))) {
        cc_yw_error(&L->w, CC_ESCHEMA, n, path, "missing 'mean' (%s)", dist_fields[D_MEAN].missing);
        return 0;
    }
    if (!cc_field_parse(L, &dist_fields[D_MEAN], v, p, &d.mean_s))
        return 0;
    d.cv = d.kind == CC_DIST_EXPONENTIAL ? 1.0 : d.kind == CC_DIST_DETERMINISTIC ? 0.0 : -1.0;
    if (!load_spread(L, n, path, &d) || !ok)
        return 0;
    *out = d;
    return 1;
}
