/*
 * The calendar sections: horizon (the period and its interval), profiles
 * (intraday shares of a day's volume) and seasons (date ranges that scale
 * volume). The horizon comes first because everything after it counts in
 * its days and intervals; when it is invalid, the rest is checked against
 * a default week of 30-minute intervals and checks that need it are skipped.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "scenario/loader.h"
#include "scenario/scenario_internal.h"

#define DAY 86400.0

/* ---- horizon ------------------------------------------------------------------------ */

enum { H_START, H_DAYS, H_INTERVAL, H_UTC_OFFSET };

static int load_start(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                      void *obj)
{
    cc_scenario *s = obj;
    long start;

    if (!cc_field_parse(L, f, v, path, &start))
        return 0;
    cc_format_iso_date(start, s->start_date);
    s->start_weekday = cc_weekday_of_days(start);
    return 1;
}

static int check_interval(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                          void *obj)
{
    double iv = ((cc_scenario *)obj)->interval_s;
    char shown[64];

    (void)f;
    if (iv == 900.0 || iv == 1800.0 || iv == 3600.0)
        return 1;
    cc_yw_error(&L->w, CC_EINVAL, v, path, "must be 15m, 30m or 60m, got '%s'",
                cc_yw_show(v, shown, sizeof(shown)));
    return 0;
}

static const cc_field horizon_fields[] = {
    [H_START] = {"start", CC_VK_DATE, CC_F_REQUIRED, .load = load_start,
                 .missing = "a date YYYY-MM-DD",
                 .help = "first day; time 0 is its 00:00 on the scenario clock"},
    [H_DAYS] = {"days", CC_VK_INT, .lo = 1, .hi = CC_MAX_DAYS, .def = 7,
                .at = CC_AT(cc_scenario, days), .help = "length of the horizon"},
    [H_INTERVAL] = {"interval", CC_VK_DURATION, .lo = 0, .hi = 1e9, .def = 1800,
                    .at = CC_AT(cc_scenario, interval_s), .check = check_interval,
                    .flags = CC_F_OWN_DOC, .doc_allowed = "`15m`, `30m` or `60m`",
                    .help = "statistics and planning interval"},
    [H_UTC_OFFSET] = {"utc_offset", CC_VK_UTC, .at = CC_AT(cc_scenario, utc_offset_s),
                      .help = "the scenario clock: profiles and volumes are on it"},
};

const cc_schema cc_schema_horizon = CC_SCHEMA("horizon", horizon_fields);

int cc_load_horizon(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *obj)
{
    cc_scenario *s = obj;
    int ok;

    (void)f;
    cc_schema_defaults(&cc_schema_horizon, s);
    if (!v || !cc_schema_load(L, &cc_schema_horizon, v, path, NULL, s, &ok))
        return 0;
    if (!ok) {
        /* check the rest against the default week */
        s->days = (int)horizon_fields[H_DAYS].def;
        s->interval_s = horizon_fields[H_INTERVAL].def;
    }
    s->intervals_per_day = (int)(DAY / s->interval_s);
    s->n_intervals = s->days * s->intervals_per_day;
    s->horizon_s = s->days * DAY;
    L->horizon_ok = ok;
    return ok;
}

long cc_horizon_day(const cc_scenario *s, long abs_days)
{
    long start = 0;
    cc_parse_iso_date(s->start_date, &start);
    return abs_days - start;
}

/* ---- profiles ----------------------------------------------------------------------- */

enum { P_WEIGHTS, P_HOURLY, P_DESCRIPTION };

static const cc_field profile_fields[] = {
    [P_WEIGHTS] = {"weights", CC_VK_CUSTOM, .hi = 1e12, .item = CC_VK_SHARE,
                   .doc_type = "list of shares",
                   .doc_allowed = "one per interval of the day (96, 48 or 24)",
                   .doc_default = "one of `weights`, `hourly`",
                   .help = "weight of each interval of the day, from 00:00"},
    [P_HOURLY] = {"hourly", CC_VK_CUSTOM, .hi = 1e12, .item = CC_VK_SHARE,
                  .doc_type = "list of shares", .doc_allowed = "24 values",
                  .doc_default = "one of `weights`, `hourly`",
                  .help = "weight of each hour, spread evenly over its intervals"},
    [P_DESCRIPTION] = {"description", CC_VK_NOTE, .help = "free text"},
};

const cc_schema cc_schema_profile = CC_SCHEMA("profiles.NAME", profile_fields);

/* Reads the weights of a profile body into a new array of intervals_per_day shares. */
static double *load_profile_body(cc_loader *L, yaml_node_t *n, const char *path)
{
    cc_scenario *s = L->s;
    yaml_node_t *w = cc_yw_map_get(&L->w, n, "weights"), *hr = cc_yw_map_get(&L->w, n, "hourly");
    yaml_node_t *list;
    yaml_node_item_t *it;
    const cc_field *f;
    char p[CC_YW_PATH_MAX];
    double *raw, *out, sum = 0.0;
    size_t want, i = 0;
    int ok = 1, hourly;

    if (!cc_schema_keys(L, &cc_schema_profile, n, path))
        return NULL;
    if ((w != NULL) == (hr != NULL)) {
        cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                    w ? "give either 'weights' or 'hourly', not both"
                      : "missing 'weights' (one per interval of the day) or 'hourly' (24 values)");
        return NULL;
    }
    hourly = hr != NULL;
    list = hourly ? hr : w;
    f = &profile_fields[hourly ? P_HOURLY : P_WEIGHTS];
    cc_yw_join(p, path, f->key);
    if (!cc_yw_expect(&L->w, list, YAML_SEQUENCE_NODE, p, "a list of weights"))
        return NULL;
    want = hourly ? 24 : (size_t)s->intervals_per_day;
    if (!L->horizon_ok)
        return NULL;
    if (cc_yw_seq_len(list) != want) {
        if (hourly)
            cc_yw_error(&L->w, CC_EINVAL, list, p, "must hold 24 values (one per hour), got %zu",
                        cc_yw_seq_len(list));
        else
            cc_yw_error(&L->w, CC_EINVAL, list, p,
                        "must hold %zu values (one per %g-minute interval of the day), got %zu%s",
                        want, s->interval_s / 60.0, cc_yw_seq_len(list),
                        cc_yw_seq_len(list) == 24 ? "; use 'hourly' for 24 hourly weights" : "");
        return NULL;
    }
    raw = cc_xcalloc(want, sizeof(double));
    for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        cc_yw_index(ip, p, (long)i);
        if (!x || !cc_yw_share(&L->w, x, ip, f->hi, &raw[i]))
            ok = 0;
        else
            sum += raw[i];
    }
    if (!ok) {
        free(raw);
        return NULL;
    }
    if (sum <= 0.0) {
        cc_yw_error(&L->w, CC_EINVAL, list, p, "weights are all zero; a profile needs some volume");
        free(raw);
        return NULL;
    }
    if (fabs(sum - 1.0) > 1e-3 && fabs(sum - 100.0) > 0.1)
        cc_yw_warn(&L->w, list, p, "weights sum to %g, not 1 (or 100%%); normalised to sum 1",
                   sum);
    out = cc_xcalloc((size_t)s->intervals_per_day, sizeof(double));
    if (hourly) {
        int per_hour = s->intervals_per_day / 24, h, k;
        for (h = 0; h < 24; h++)
            for (k = 0; k < per_hour; k++)
                out[h * per_hour + k] = raw[h] / sum / per_hour;
    } else {
        for (i = 0; i < want; i++)
            out[i] = raw[i] / sum;
    }
    free(raw);
    return out;
}

static int add_profile(cc_scenario *s, const char *name, double *weights, const yaml_node_t *n)
{
    int i = s->n_profiles++;
    s->profiles = cc_xrealloc(s->profiles, (size_t)s->n_profiles * sizeof(*s->profiles));
    s->profiles[i].name = cc_xstrdup(name);
    s->profiles[i].weights = weights;
    cc_yw_pos(n, &s->profiles[i].line, &s->profiles[i].col);
    return i;
}

static void refresh_profile_names(cc_loader *L)
{
    int i;
    L->profile_names = cc_xrealloc(L->profile_names,
                                   (size_t)(L->s->n_profiles + 1) * sizeof(char *));
    for (i = 0; i < L->s->n_profiles; i++)
        L->profile_names[i] = L->s->profiles[i].name;
}

int cc_load_profiles(cc_loader *L, const cc_field *f, yaml_node_t *m, const char *path,
                     void *obj)
{
    cc_scenario *s = obj;
    yaml_node_pair_t *p;
    double *flat = cc_xcalloc((size_t)s->intervals_per_day, sizeof(double));
    int i;

    (void)f;
    for (i = 0; i < s->intervals_per_day; i++)
        flat[i] = 1.0 / s->intervals_per_day;
    add_profile(s, "flat", flat, NULL);
    if (m && cc_yw_check_name_map(&L->w, m, path, CC_MAX_PROFILES, "profiles")) {
        for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
            yaml_node_t *k = cc_yw_node(&L->w, p->key), *v = cc_yw_node(&L->w, p->value);
            char kp[CC_YW_PATH_MAX];
            double *w;
            if (!k || !v)
                break;
            if (k->type != YAML_SCALAR_NODE || !cc_yw_valid_name(cc_yw_scalar(k)) ||
                cc_yw_has_nul(k))
                continue;
            cc_yw_join(kp, path, cc_yw_scalar(k));
            if (!strcmp(cc_yw_scalar(k), "flat")) {
                cc_yw_error(&L->w, CC_EINVAL, k, path,
                            "'flat' is built in (equal weights); choose another name");
                continue;
            }
            if (cc_scenario_profile_index(s, cc_yw_scalar(k)) >= 0)
                continue; /* duplicate, reported */
            w = load_profile_body(L, v, kp);
            /* one that failed is added without weights, so references to it resolve */
            add_profile(s, cc_yw_scalar(k), w, k);
        }
    }
    refresh_profile_names(L);
    return 1;
}

int cc_load_profile_ref(cc_loader *L, yaml_node_t *v, const char *path, const char *inline_name)
{
    double *w;
    int i;

    if (v->type == YAML_SCALAR_NODE) {
        i = cc_yw_ref(&L->w, v, path, "profile", L->profile_names, L->s->n_profiles);
        if (i >= 0 && !L->s->profiles[i].weights)
            return -1; /* defined with errors, already reported */
        return i;
    }
    w = load_profile_body(L, v, path);
    if (!w)
        return -1;
    i = add_profile(L->s, inline_name, w, v);
    refresh_profile_names(L);
    return i;
}

/* ---- seasons ----------------------------------------------------------------------- */

enum { SE_NAME, SE_FROM, SE_TO, SE_DATE, SE_MULTIPLIER, SE_CHANNELS, SE_DEFLECTION, SE_COMBINE };

static const char *const combine_names[] = {"replace", "multiply", NULL};

static const cc_field season_fields[] = {
    [SE_NAME] = {"name", CC_VK_TEXT, .at = CC_AT(cc_season, name), .doc_default = "`season N`",
                 .help = "label"},
    [SE_FROM] = {"from", CC_VK_DATE, .doc_default = "required (or `date`)",
                 .help = "first day"},
    [SE_TO] = {"to", CC_VK_DATE, .doc_allowed = "on or after `from`",
               .doc_default = "required (or `date`)", .help = "last day, inclusive"},
    [SE_DATE] = {"date", CC_VK_DATE, .doc_default = "none",
                 .help = "a single day, instead of `from` and `to`"},
    [SE_MULTIPLIER] = {"multiplier", CC_VK_NUMBER, .lo = 0, .hi = 1000, .doc_default = "none",
                       .help = "volume multiplier for every channel not listed in `channels`"},
    [SE_CHANNELS] = {"channels", CC_VK_CUSTOM, .lo = 0, .hi = 1000, .item = CC_VK_NUMBER,
                     .doc_type = "mapping channel: number",
                     .doc_default = "none", .help = "multiplier per channel: `{email: 1.8}`"},
    [SE_DEFLECTION] = {"deflection", CC_VK_CUSTOM, .hi = 1, .item = CC_VK_SHARE,
                       .doc_type = "share, or mapping channel: share", .doc_default = "none",
                       .help = "deflection on these days: one share for every channel, or "
                               "`{phone: 12%}`"},
    [SE_COMBINE] = {"combine", CC_VK_ENUM, .names = combine_names,
                    .at = CC_AT(cc_season, combine),
                    .help = "where entries overlap: `replace` (this entry's multiplier replaces "
                            "earlier ones on its days) or `multiply`"},
};

const cc_schema cc_schema_season = CC_SCHEMA("seasons[N]", season_fields);

/* The days of a season: `date`, or `from` and `to`, clipped to the horizon. */
static int load_season_days(cc_loader *L, cc_season *se, yaml_node_t *n, const char *path)
{
    cc_scenario *s = L->s;
    yaml_node_t *from = cc_yw_map_get(&L->w, n, "from"), *to = cc_yw_map_get(&L->w, n, "to"),
                *date = cc_yw_map_get(&L->w, n, "date");
    char p[CC_YW_PATH_MAX];
    long a = 0, b = 0;
    int ok = 1;

    if (date) {
        if (from || to) {
            cc_yw_error(&L->w, CC_ESCHEMA, date, path,
                        "give either 'date' or 'from'/'to', not both");
            return 0;
        }
        cc_yw_join(p, path, "date");
        if (!cc_field_parse(L, &season_fields[SE_DATE], date, p, &a))
            return 0;
        b = a;
    } else {
        if (!from || !to) {
            cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                        "missing '%s' (a date YYYY-MM-DD; or 'date' for a single day)",
                        from ? "to" : "from");
            return 0;
        }
        cc_yw_join(p, path, "from");
        ok &= cc_field_parse(L, &season_fields[SE_FROM], from, p, &a);
        cc_yw_join(p, path, "to");
        ok &= cc_field_parse(L, &season_fields[SE_TO], to, p, &b);
        if (!ok)
            return 0;
        if (b < a) {
            cc_yw_error(&L->w, CC_EINVAL, to, p, "ends before it starts ('%s' is before '%s')",
                        cc_yw_scalar(to), cc_yw_scalar(from));
            return 0;
        }
    }
    cc_format_iso_date(a, se->from);
    cc_format_iso_date(b, se->to);
    if (L->horizon_ok) {
        long fa = cc_horizon_day(s, a), fb = cc_horizon_day(s, b);
        if (fb < 0 || fa >= s->days) {
            char last[11];
            cc_scenario_date(s, s->days - 1, last);
            cc_yw_error(&L->w, CC_EINVAL, date ? date : from, path,
                        "%s..%s lies outside the horizon %s..%s", se->from, se->to, s->start_date,
                        last);
            return 0;
        }
        se->first_day = (int)(fa < 0 ? 0 : fa);
        se->last_day = (int)(fb >= s->days ? s->days - 1 : fb);
    }
    return 1;
}

/*
 * A mapping channel: value at `path` for field `f` of a season (a share for
 * deflection, a number within the limits of `f` for channels) into
 * per_channel[channel]; returns 1 when any value was stored.
 */
static int load_per_channel(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                            double *per_channel)
{
    int share = f == &season_fields[SE_DEFLECTION];
    yaml_node_pair_t *q;
    int any = 0;

    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = cc_yw_node(&L->w, q->key), *x = cc_yw_node(&L->w, q->value);
        char cp[CC_YW_PATH_MAX];
        double value;
        int ch;
        if (!k || !x)
            break;
        ch = cc_yw_ref(&L->w, k, path, "channel", L->ch_names, L->s->n_channels);
        if (ch < 0)
            continue;
        cc_yw_join(cp, path, cc_yw_scalar(k));
        if (share ? cc_yw_share(&L->w, x, cp, f->hi, &value)
                  : cc_yw_number(&L->w, x, cp, f->lo, f->hi, &value)) {
            per_channel[ch] = value;
            any = 1;
        }
    }
    return any;
}

static void load_season(cc_loader *L, int idx, yaml_node_t *n, const char *path)
{
    cc_scenario *s = L->s;
    cc_season *se = &s->seasons[idx];
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v;
    int ch, effect = 0;
    double all = -1.0;

    cc_yw_pos(n, &se->line, &se->col);
    se->multiplier = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(double));
    se->deflection = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(double));
    for (ch = 0; ch < s->n_channels; ch++) {
        se->multiplier[ch] = -1.0;
        se->deflection[ch] = -1.0;
    }
    if (!cc_schema_keys(L, &cc_schema_season, n, path))
        return;
    if ((v = cc_field_node(L, &season_fields[SE_NAME], n, path, p)))
        cc_field_value(L, &season_fields[SE_NAME], v, p, se);
    if (!se->name) {
        char label[32];
        snprintf(label, sizeof(label), "season %d", idx + 1);
        se->name = cc_xstrdup(label);
    }
    if (!load_season_days(L, se, n, path))
        return;
    if ((v = cc_field_node(L, &season_fields[SE_MULTIPLIER], n, path, p)) &&
        cc_field_parse(L, &season_fields[SE_MULTIPLIER], v, p, &all))
        effect = 1;
    for (ch = 0; ch < s->n_channels; ch++)
        se->multiplier[ch] = all;
    if ((v = cc_field_node(L, &season_fields[SE_CHANNELS], n, path, p)) &&
        cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, p, "a mapping of channel: multiplier"))
        effect |= load_per_channel(L, &season_fields[SE_CHANNELS], v, p, se->multiplier);
    if ((v = cc_field_node(L, &season_fields[SE_DEFLECTION], n, path, p))) {
        if (v->type == YAML_SCALAR_NODE) {
            double dv;
            if (cc_yw_share(&L->w, v, p, season_fields[SE_DEFLECTION].hi, &dv)) {
                for (ch = 0; ch < s->n_channels; ch++)
                    se->deflection[ch] = dv;
                effect = 1;
            }
        } else if (cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, p,
                                "a share or a mapping of channel: share")) {
            effect |= load_per_channel(L, &season_fields[SE_DEFLECTION], v, p, se->deflection);
        }
    }
    if ((v = cc_field_node(L, &season_fields[SE_COMBINE], n, path, p)))
        cc_field_value(L, &season_fields[SE_COMBINE], v, p, se);
    if (!effect && !cc_yw_map_get(&L->w, n, "multiplier") &&
        !cc_yw_map_get(&L->w, n, "channels") && !cc_yw_map_get(&L->w, n, "deflection"))
        cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                    "has no effect: give 'multiplier', 'channels' or 'deflection'");
}

int cc_load_seasons(cc_loader *L, const cc_field *f, yaml_node_t *m, const char *path, void *obj)
{
    cc_scenario *s = obj;
    yaml_node_item_t *it;
    int i = 0;

    (void)f;
    if (!cc_yw_expect(&L->w, m, YAML_SEQUENCE_NODE, path, "a list of date ranges"))
        return 0;
    if (cc_yw_seq_len(m) > CC_MAX_SEASONS) {
        cc_yw_error(&L->w, CC_EINVAL, m, path, "%zu entries; at most %d", cc_yw_seq_len(m),
                    CC_MAX_SEASONS);
        return 0;
    }
    s->seasons = cc_xcalloc(cc_yw_seq_len(m) ? cc_yw_seq_len(m) : 1, sizeof(*s->seasons));
    for (it = m->data.sequence.items.start; it < m->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        if (!x)
            break;
        s->n_seasons = i + 1;
        cc_yw_index(ip, path, i);
        load_season(L, i, x, ip);
    }
    return 1;
}
