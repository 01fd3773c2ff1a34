/*
 * The channels section: one entry per channel, its kind deciding the rules
 * (only chat and messaging hold several sessions and stretch; email and
 * social are deferred work that never abandons). The tables say what each
 * key holds; the hooks below them carry the rules by kind and the forms a
 * table cannot state (volume per day, week or hour; a profile per day type;
 * transfers as one mapping or a list).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "scenario/loader.h"

#define DAY 86400.0

/* The channel being loaded, for the rules of the hooks. */
static cc_channel *current(cc_loader *L)
{
    return &L->s->channels[L->entry];
}

static int takes_sessions(cc_channel_kind k)
{
    return k == CC_CHANNEL_CHAT || k == CC_CHANNEL_MESSAGING;
}

/* ---- volume ------------------------------------------------------------------------- */

enum { V_PER_DAY, V_PER_WEEK, V_PER_HOUR, V_FORECAST, V_CHANNEL, V_MULTIPLIER, N_VOLUME_KEYS };

static const cc_field volume_fields[] = {
    [V_PER_DAY] = {"per_day", CC_VK_NUMBER, .lo = 0, .hi = 1e9,
                   .at = CC_AT(cc_channel, volume_per_day), .help = "contacts per day"},
    [V_PER_WEEK] = {"per_week", CC_VK_NUMBER, .lo = 0, .hi = 7e9,
                    .help = "contacts per week, spread by the weekday multipliers"},
    [V_PER_HOUR] = {"per_hour", CC_VK_NUMBER, .lo = 0, .hi = 1e8,
                    .help = "contacts per hour (x 24 per day)"},
    [V_FORECAST] = {"forecast", CC_VK_CUSTOM, .doc_type = "file",
                    .doc_allowed = "a forecast.csv as `ccsim forecast` writes it, relative to "
                                   "the scenario file",
                    .doc_default = "none",
                    .help = "contacts per interval of every horizon date from the file's "
                            "`contacts` column; weekday multipliers and profiles do not apply"},
    [V_CHANNEL] = {"channel", CC_VK_CUSTOM, .doc_type = "text",
                   .doc_allowed = "a value of the file's `channel` column; with `forecast` only",
                   .doc_default = "this channel's name, or the file's only channel",
                   .help = "whose rows of the forecast to read"},
    [V_MULTIPLIER] = {"multiplier", CC_VK_NUMBER, .lo = 0, .hi = 1000, .def = 1,
                      .at = CC_AT(cc_channel, forecast_multiplier),
                      .doc_allowed = "with `forecast` only",
                      .help = "scales the forecast's contacts (what `--scale volume=F` sets)"},
};

static const cc_schema volume_schema = CC_SCHEMA("channels.NAME.volume", volume_fields);

/*
 * `volume: {forecast: FILE[, channel: NAME][, multiplier: F]}`: per-interval
 * contacts from a forecast.csv. The forecast carries the weekly and intraday
 * pattern, so `weekday` and `profile` beside it are refused rather than
 * silently ignored.
 */
static int load_volume_forecast(cc_loader *L, yaml_node_t *const *given, const char *path,
                                cc_channel *c)
{
    static const char *const not_with[] = {"weekday", "profile"};
    char p[CC_YW_PATH_MAX];
    const char *want = NULL;
    double total = 0.0;
    int i, ok = 1;

    cc_yw_join(p, path, volume_fields[V_FORECAST].key);
    if (given[V_FORECAST]->type != YAML_SCALAR_NODE || !cc_yw_scalar(given[V_FORECAST])[0] ||
        cc_yw_is_null(given[V_FORECAST])) {
        cc_yw_error(&L->w, CC_ESCHEMA, given[V_FORECAST], p,
                    "expected the name of a forecast.csv file");
        return 0;
    }
    if (given[V_CHANNEL]) {
        char cp[CC_YW_PATH_MAX];
        cc_yw_join(cp, path, volume_fields[V_CHANNEL].key);
        if (given[V_CHANNEL]->type != YAML_SCALAR_NODE || !cc_yw_scalar(given[V_CHANNEL])[0]) {
            cc_yw_error(&L->w, CC_ESCHEMA, given[V_CHANNEL], cp,
                        "expected a value of the file's channel column");
            return 0;
        }
        want = cc_yw_scalar(given[V_CHANNEL]);
    }
    if (given[V_MULTIPLIER]) {
        char mp[CC_YW_PATH_MAX];
        cc_yw_join(mp, path, volume_fields[V_MULTIPLIER].key);
        if (!cc_field_value(L, &volume_fields[V_MULTIPLIER], given[V_MULTIPLIER], mp, c))
            ok = 0;
    }
    for (i = 0; i < 2 && L->entry_map; i++) {
        yaml_node_t *k = cc_yw_map_get(&L->w, L->entry_map, not_with[i]);
        if (k) {
            char cp[CC_YW_PATH_MAX], np[CC_YW_PATH_MAX], *dot;
            /* path is channels.NAME.volume: the sibling key */
            snprintf(cp, sizeof(cp), "%s", path);
            dot = strrchr(cp, '.');
            if (dot)
                *dot = '\0';
            cc_yw_join(np, cp, not_with[i]);
            cc_yw_error(&L->w, CC_ESCHEMA, k, np,
                        "not with a forecast volume: the forecast holds the weekly and intraday "
                        "pattern (remove '%s', or give volume per day)",
                        not_with[i]);
            ok = 0;
        }
    }
    if (!ok || !cc_load_forecast_volume(L, given[V_FORECAST], p, c,
                                        cc_yw_scalar(given[V_FORECAST]), want))
        return 0;
    for (i = 0; i < L->s->n_intervals; i++)
        total += c->forecast_volume[i];
    /* the mean day of the horizon stands for the volume in summaries */
    c->volume_per_day = total * c->forecast_multiplier / L->s->days;
    return 1;
}

/* `volume`: contacts per day, or exactly one of {per_day, per_week, per_hour, forecast}. */
static int load_volume(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                       void *obj)
{
    cc_channel *c = obj;
    yaml_node_t *given[N_VOLUME_KEYS];
    char p[CC_YW_PATH_MAX];
    double x, sum = 0.0;
    int i, d;

    if (v->type == YAML_SCALAR_NODE)
        return cc_field_load(L, cc_schema_field(f->sub, f->shorthand), v, path, c);
    if (v->type == YAML_SEQUENCE_NODE) {
        cc_yw_error(&L->w, CC_ESCHEMA, v, path,
                    "expected contacts per day (a number) or {per_day | per_week | per_hour: "
                    "N} or {forecast: FILE}, got a list");
        return 0;
    }
    if (!cc_schema_keys(L, &volume_schema, v, path))
        return 0;
    for (i = 0; i < N_VOLUME_KEYS; i++)
        given[i] = cc_yw_map_get(&L->w, v, volume_fields[i].key);
    if ((given[V_PER_DAY] != NULL) + (given[V_PER_WEEK] != NULL) + (given[V_PER_HOUR] != NULL) +
            (given[V_FORECAST] != NULL) !=
        1) {
        cc_yw_error(&L->w, CC_ESCHEMA, v, path,
                    "give exactly one of 'per_day', 'per_week', 'per_hour' or 'forecast'");
        return 0;
    }
    if (given[V_FORECAST])
        return load_volume_forecast(L, given, path, c);
    for (i = V_CHANNEL; i <= V_MULTIPLIER; i++)
        if (given[i]) {
            char kp[CC_YW_PATH_MAX];
            cc_yw_join(kp, path, volume_fields[i].key);
            cc_yw_error(&L->w, CC_ESCHEMA, given[i], kp, "'%s' goes with 'forecast' only",
                        volume_fields[i].key);
            return 0;
        }
    if (given[V_PER_DAY]) {
        cc_yw_join(p, path, volume_fields[V_PER_DAY].key);
        return cc_field_value(L, &volume_fields[V_PER_DAY], given[V_PER_DAY], p, c);
    }
    if (given[V_PER_HOUR]) {
        cc_yw_join(p, path, volume_fields[V_PER_HOUR].key);
        if (!cc_field_parse(L, &volume_fields[V_PER_HOUR], given[V_PER_HOUR], p, &x))
            return 0;
        c->volume_per_day = x * 24.0;
        return 1;
    }
    cc_yw_join(p, path, volume_fields[V_PER_WEEK].key);
    for (d = 0; d < CC_WEEKDAYS; d++)
        sum += c->weekday[d];
    if (!cc_field_parse(L, &volume_fields[V_PER_WEEK], given[V_PER_WEEK], p, &x))
        return 0;
    if (sum > 0.0)
        c->volume_per_day = x / sum;
    return 1;
}

/* ---- weekday multipliers ------------------------------------------------------------ */

#define WEEKDAY(name, i, day)                                                                    \
    {name, CC_VK_NUMBER, .lo = 0, .hi = 100, .def = 1, .at = CC_AT_ITEM(double, i),           \
     .help = "volume multiplier on " day}

static const cc_field weekday_fields[CC_WEEKDAYS] = {
    WEEKDAY("mon", 0, "Mondays"),  WEEKDAY("tue", 1, "Tuesdays"), WEEKDAY("wed", 2, "Wednesdays"),
    WEEKDAY("thu", 3, "Thursdays"), WEEKDAY("fri", 4, "Fridays"), WEEKDAY("sat", 5, "Saturdays"),
    WEEKDAY("sun", 6, "Sundays"),
};

static const cc_schema weekday_schema = CC_SCHEMA("channels.NAME.weekday", weekday_fields);

static int check_weekday(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                         void *obj)
{
    const cc_channel *c = obj;
    double sum = 0.0;
    int d;

    (void)f;
    for (d = 0; d < CC_WEEKDAYS; d++)
        sum += c->weekday[d];
    if (sum > 0.0)
        return 1;
    cc_yw_error(&L->w, CC_EINVAL, v, path, "all weekday multipliers are zero");
    return 0;
}

/* ---- profile per day type ----------------------------------------------------------- */

enum { PD_DEFAULT, PD_WEEKDAYS, PD_WEEKEND, PD_MON };

#define PROFILE_DAY(name, fallback, day)                                                         \
    {name, CC_VK_CUSTOM, .doc_type = "profile", .doc_default = fallback,                         \
     .help = "the profile of " day}

static const cc_field profile_day_fields[] = {
    [PD_DEFAULT] = {"default", CC_VK_CUSTOM, .doc_type = "profile",
                    .doc_default = "required unless every day has a profile",
                    .help = "the profile of days without their own"},
    [PD_WEEKDAYS] = PROFILE_DAY("weekdays", "`default`", "Monday to Friday"),
    [PD_WEEKEND] = PROFILE_DAY("weekend", "`default`", "Saturday and Sunday"),
    [PD_MON + 0] = PROFILE_DAY("mon", "`weekdays`", "Mondays"),
    [PD_MON + 1] = PROFILE_DAY("tue", "`weekdays`", "Tuesdays"),
    [PD_MON + 2] = PROFILE_DAY("wed", "`weekdays`", "Wednesdays"),
    [PD_MON + 3] = PROFILE_DAY("thu", "`weekdays`", "Thursdays"),
    [PD_MON + 4] = PROFILE_DAY("fri", "`weekdays`", "Fridays"),
    [PD_MON + 5] = PROFILE_DAY("sat", "`weekend`", "Saturdays"),
    [PD_MON + 6] = PROFILE_DAY("sun", "`weekend`", "Sundays"),
};

const cc_schema cc_schema_profile_days = CC_SCHEMA("channels.NAME.profile", profile_day_fields);

/* A profile per day type {default, weekdays, weekend, mon, ...}: 1 when every day has one. */
static int load_profile_days(cc_loader *L, cc_channel *c, yaml_node_t *v, const char *path)
{
    int set[CC_WEEKDAYS], given[PD_MON];
    size_t errors_before = L->w.d.n_errors;
    char p[CC_YW_PATH_MAX];
    yaml_node_t *x;
    int i, d, ok = 1;

    if (!cc_schema_keys(L, &cc_schema_profile_days, v, path) || L->w.d.n_errors != errors_before)
        return 0;
    for (i = PD_DEFAULT; i < PD_MON; i++) {
        given[i] = -1;
        if ((x = cc_field_node(L, &profile_day_fields[i], v, path, p))) {
            given[i] = cc_load_profile_ref(L, x, p, p);
            ok &= given[i] >= 0;
        }
    }
    for (d = 0; d < CC_WEEKDAYS; d++) {
        int fallback = d < 5 ? given[PD_WEEKDAYS] : given[PD_WEEKEND];
        if ((x = cc_field_node(L, &profile_day_fields[PD_MON + d], v, path, p))) {
            set[d] = cc_load_profile_ref(L, x, p, p);
            ok &= set[d] >= 0;
        } else {
            set[d] = fallback >= 0 ? fallback : given[PD_DEFAULT];
        }
    }
    if (!ok)
        return 0;
    for (d = 0; d < CC_WEEKDAYS; d++) {
        if (set[d] < 0) {
            cc_yw_error(&L->w, CC_ESCHEMA, v, path,
                        "no profile for '%s'; add 'default' (or 'weekdays'/'weekend')",
                        profile_day_fields[PD_MON + d].key);
            return 0;
        }
        c->profile_of_weekday[d] = set[d];
    }
    return 1;
}

/* `profile`: a name, an inline profile, or a profile per day type. */
static int load_profile(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                        void *obj)
{
    cc_channel *c = obj;
    int i, d;

    (void)f;
    if (v->type == YAML_MAPPING_NODE && !cc_yw_map_get(&L->w, v, "weights") &&
        !cc_yw_map_get(&L->w, v, "hourly") && cc_yw_map_len(v) > 0)
        return load_profile_days(L, c, v, path);
    i = cc_load_profile_ref(L, v, path, path);
    if (i < 0)
        return 0;
    for (d = 0; d < CC_WEEKDAYS; d++)
        c->profile_of_weekday[d] = i;
    return 1;
}

/* ---- uncertainty -------------------------------------------------------------------- */

static const char *const uncertainty_dists[] = {"gamma", "lognormal", NULL};
static const int uncertainty_kinds[] = {CC_DIST_GAMMA, CC_DIST_LOGNORMAL};

static const cc_field uncertainty_fields[] = {
    {"cv", CC_VK_NUMBER, CC_F_REQUIRED, .lo = 0, .hi = 2, .at = CC_AT(cc_channel, uncertainty_cv),
     .missing = "coefficient of variation of the day volume, e.g. 0.1",
     .doc_default = "required in the mapping form",
     .help = "coefficient of variation of each day's volume multiplier (mean 1); 0 = none "
             "(below 0.001 counts as 0)"},
    {"dist", CC_VK_ENUM, .names = uncertainty_dists, .values = uncertainty_kinds,
     .at = CC_AT(cc_channel, uncertainty_dist), .help = "distribution of the multiplier"},
};

static const cc_schema uncertainty_schema =
    CC_SCHEMA("channels.NAME.uncertainty", uncertainty_fields);

/*
 * `uncertainty: bands`: the cv that a forecast volume's contacts_p10 and
 * contacts_p90 imply (load_forecast.c), with the default gamma multiplier;
 * otherwise a number (cv) or the mapping. The volume is loaded before.
 */
static int load_uncertainty(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                            void *obj)
{
    cc_channel *c = obj;

    if (v->type != YAML_SCALAR_NODE || strcmp(cc_yw_scalar(v), "bands") != 0)
        return cc_field_value(L, f, v, path, obj);
    if (!c->forecast_volume) {
        yaml_node_t *vol = cc_yw_map_get(&L->w, L->entry_map, "volume");
        /* a forecast volume that failed has been reported already */
        if (!vol || vol->type != YAML_MAPPING_NODE || !cc_yw_map_get(&L->w, vol, "forecast"))
            cc_yw_error(&L->w, CC_EINVAL, v, path,
                        "'bands' takes the cv from a forecast volume's contacts_p10 and "
                        "contacts_p90; this channel's volume is not {forecast: FILE}");
        return 0;
    }
    if (isnan(c->forecast_band_cv)) {
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "'bands': the forecast file has no contacts_p10 and contacts_p90 columns; "
                    "give the cv as a number");
        return 0;
    }
    if (c->forecast_band_cv > 2.0) {
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "'bands': the forecast's bands imply a cv of %.3g; at most 2",
                    c->forecast_band_cv);
        return 0;
    }
    c->uncertainty_cv = c->forecast_band_cv;
    return 1;
}

/* ---- target ------------------------------------------------------------------------- */

enum { T_ANSWER_WITHIN, T_SERVICE_LEVEL, T_MAX_ASA, T_MAX_ABANDON, T_DEFINITION, T_SHORT,
       T_SCOPE, T_MAX_RISK };

/* The same names as the --sl-definition flag of ccsim erlang and staff. */
static const char *const sl_names[] = {"offered", "answered", "exclude-short", "virtual", NULL};

/* In cc_target_scope order (cc_target_scope_name gives the same words). */
static const char *const scope_names[] = {"horizon", "interval", "day", "week", NULL};

/* Default answer-within per kind: the seeds' first-response targets. */
static double default_answer_within(cc_channel_kind k)
{
    switch (k) {
    case CC_CHANNEL_VOICE: return 30.0;
    case CC_CHANNEL_CHAT: return 60.0;
    case CC_CHANNEL_MESSAGING: return 300.0;
    case CC_CHANNEL_EMAIL: return 4 * 3600.0;
    case CC_CHANNEL_SOCIAL: return 3600.0;
    }
    return 30.0;
}

static int check_max_asa(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                         void *obj)
{
    (void)L, (void)f, (void)v, (void)path;
    ((cc_target *)obj)->has_max_asa = 1;
    return 1;
}

/* Deferred work (email, social) never abandons, so it has no abandon target. */
static int load_max_abandon(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                            void *obj)
{
    cc_channel *c = current(L);

    if (L->kind_ok && cc_channel_kind_deferred(c->kind)) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "%s contacts do not abandon; remove 'max_abandon'",
                    cc_channel_kind_name(c->kind));
        return 0;
    }
    if (!cc_field_value(L, f, v, path, obj))
        return 0;
    ((cc_target *)obj)->has_max_abandon = 1;
    return 1;
}

static int check_max_risk(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                          void *obj)
{
    (void)L, (void)f, (void)v, (void)path;
    ((cc_target *)obj)->has_max_risk = 1;
    return 1;
}

static const cc_field target_fields[] = {
    [T_ANSWER_WITHIN] = {"answer_within", CC_VK_DURATION, .lo = 0, .hi = 30 * DAY, .def = 30,
                         .at = CC_AT(cc_target, answer_within_s),
                         .doc_default = "voice `30s`, chat `1m`, messaging `5m`, email `4h`, "
                                        "social `1h`",
                         .help = "T: answered (first response for email/social) within T counts "
                                 "as in target"},
    [T_SERVICE_LEVEL] = {"service_level", CC_VK_SHARE, .hi = 1, .def = 0.8,
                         .at = CC_AT(cc_target, service_level),
                         .help = "share that must be answered within T"},
    [T_MAX_ASA] = {"max_asa", CC_VK_DURATION, .lo = 0, .hi = 30 * DAY,
                   .at = CC_AT(cc_target, max_asa_s), .check = check_max_asa,
                   .doc_default = "none", .help = "upper limit on the average speed of answer"},
    [T_MAX_ABANDON] = {"max_abandon", CC_VK_SHARE, .hi = 1, .at = CC_AT(cc_target, max_abandon),
                       .load = load_max_abandon, .doc_default = "none",
                       .help = "upper limit on the abandoned share (not email/social)"},
    [T_DEFINITION] = {"definition", CC_VK_ENUM, .names = sl_names,
                      .at = CC_AT(cc_target, sl_definition),
                      .help = "how the service level is counted: `offered` (answered within T / "
                              "all offered; abandons count as missed), `answered` (over answered "
                              "only), `exclude-short` (abandons within `short_abandon` are not "
                              "counted), `virtual` (P(wait of a customer who never abandons <= "
                              "T), as CCmath's Erlang X)"},
    [T_SHORT] = {"short_abandon", CC_VK_DURATION, .lo = 0, .hi = 3600, .def = 5,
                 .at = CC_AT(cc_target, short_abandon_s),
                 .help = "threshold for `exclude-short`"},
    [T_SCOPE] = {"scope", CC_VK_ENUM, .names = scope_names, .def = CC_SCOPE_INTERVAL,
                 .at = CC_AT(cc_target, scope),
                 .help = "the period judged: every `interval`, every `day`, every 7-day `week` "
                         "from the horizon start, or the whole `horizon`; every judged period "
                         "must meet the target on its pooled counts"},
    [T_MAX_RISK] = {"max_risk", CC_VK_SHARE, .hi = 1, .at = CC_AT(cc_target, max_risk),
                    .check = check_max_risk, .doc_default = "none",
                    .help = "largest share of replications in which any judged period may miss "
                            "the target on its own counts"},
};

const cc_schema cc_schema_target = CC_SCHEMA("channels.NAME.target", target_fields);

/* ---- stretch ------------------------------------------------------------------------ */

enum { S_PER_SESSION, S_MULTIPLIERS, S_MODE };

static const char *const stretch_modes[] = {"at_start", "dynamic", NULL};
static const int stretch_mode_values[] = {0, 1};

static const cc_field stretch_fields[] = {
    [S_PER_SESSION] = {"per_extra_session", CC_VK_SHARE, .hi = 10,
                       .at = CC_AT(cc_channel, stretch_per_session),
                       .help = "k open sessions stretch handle time x(1 + share x (k - 1))"},
    [S_MULTIPLIERS] = {"multipliers", CC_VK_CUSTOM, .lo = 0.1, .hi = 10, .item = CC_VK_NUMBER,
                       .doc_type = "list of numbers",
                       .doc_allowed = "1 to " CC_STR(CC_MAX_CONCURRENCY)
                                      " values, at least `concurrency`",
                       .doc_default = "none",
                       .help = "the multiplier with 1, 2, 3... open sessions, as in Koole's "
                               "Erlang Chat"},
    [S_MODE] = {"mode", CC_VK_ENUM, .names = stretch_modes, .values = stretch_mode_values,
                .at = CC_AT(cc_channel, stretch_dynamic),
                .help = "`at_start`: a chat's handle time is stretched once, by the sessions open "
                        "when it starts; `dynamic` (Erlang Chat): every open chat progresses at "
                        "1 / multiplier of the sessions open now"},
};

static const cc_schema stretch_schema = CC_SCHEMA("channels.NAME.stretch", stretch_fields);

/* The stretch multipliers, one per number of open sessions. */
static void load_multipliers(cc_loader *L, cc_channel *c, yaml_node_t *list, const char *path)
{
    const cc_field *f = &stretch_fields[S_MULTIPLIERS];
    yaml_node_item_t *it;
    double *m;
    int i = 0, ok = 1;

    if (!cc_yw_expect(&L->w, list, YAML_SEQUENCE_NODE, path, "a list of multipliers"))
        return;
    if (cc_yw_seq_len(list) == 0 || cc_yw_seq_len(list) > CC_MAX_CONCURRENCY) {
        cc_yw_error(&L->w, CC_EINVAL, list, path,
                    "must hold 1 to %d multipliers (one per number of open sessions), got %zu",
                    CC_MAX_CONCURRENCY, cc_yw_seq_len(list));
        return;
    }
    m = cc_xcalloc(cc_yw_seq_len(list), sizeof(double));
    for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        cc_yw_index(ip, path, i);
        if (!x || !cc_yw_number(&L->w, x, ip, f->lo, f->hi, &m[i]))
            ok = 0;
    }
    if (!ok) {
        free(m);
        return;
    }
    c->stretch = m;
    c->n_stretch = i;
}

/* `stretch`: a share per extra session, or multipliers (a list, or in a mapping). */
static void load_stretch_forms(cc_loader *L, cc_channel *c, yaml_node_t *v, const char *path)
{
    char p[CC_YW_PATH_MAX];
    yaml_node_t *f, *list;

    if (v->type == YAML_SCALAR_NODE) {
        cc_field_value(L, &stretch_fields[S_PER_SESSION], v, path, c);
        return;
    }
    if (v->type == YAML_SEQUENCE_NODE) {
        load_multipliers(L, c, v, path);
        return;
    }
    if (!cc_schema_keys(L, &stretch_schema, v, path))
        return;
    f = cc_yw_map_get(&L->w, v, stretch_fields[S_PER_SESSION].key);
    list = cc_yw_map_get(&L->w, v, stretch_fields[S_MULTIPLIERS].key);
    if ((f != NULL) == (list != NULL)) {
        cc_yw_error(&L->w, CC_ESCHEMA, v, path,
                    f ? "give either 'per_extra_session' or 'multipliers', not both"
                      : "missing 'per_extra_session' (a share) or 'multipliers' (a list)");
        return;
    }
    cc_yw_join(p, path, stretch_fields[f ? S_PER_SESSION : S_MULTIPLIERS].key);
    if (f)
        cc_field_value(L, &stretch_fields[S_PER_SESSION], f, p, c);
    else
        load_multipliers(L, c, list, p);
    if ((f = cc_yw_map_get(&L->w, v, stretch_fields[S_MODE].key)) != NULL) {
        cc_yw_join(p, path, stretch_fields[S_MODE].key);
        cc_field_value(L, &stretch_fields[S_MODE], f, p, c);
    }
}

static int load_stretch(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                        void *obj)
{
    cc_channel *c = obj;
    size_t errors_before = L->w.d.n_errors;

    (void)f;
    if (L->kind_ok && !takes_sessions(c->kind)) {
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "only chat and messaging channels stretch handle time with concurrency");
        return 0;
    }
    load_stretch_forms(L, c, v, path);
    if (c->n_stretch > 0 && c->n_stretch < c->concurrency)
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "has %d multipliers but concurrency is %d; give one per number of open "
                    "sessions",
                    c->n_stretch, c->concurrency);
    return L->w.d.n_errors == errors_before;
}

/* ---- retry and transfer ------------------------------------------------------------- */

static const cc_field retry_fields[] = {
    {"share", CC_VK_SHARE, CC_F_REQUIRED, .hi = 1, .at = CC_AT(cc_channel, retry_share),
     .missing = "share of abandoned contacts that try again",
     .doc_default = "required with `retry`", .help = "share of abandoned contacts that try again"},
    {"delay", CC_VK_DIST, CC_F_REQUIRED, .at = CC_AT(cc_channel, retry_delay),
     .missing = "time before the retry, e.g. {dist: exponential, mean: 15m}",
     .doc_default = "required with `retry`", .help = "time before the retry"},
    {"channel", CC_VK_CHANNEL, .at = CC_AT(cc_channel, retry_channel),
     .doc_default = "this channel", .help = "channel the retry arrives on"},
};

static const cc_schema retry_schema = CC_SCHEMA("channels.NAME.retry", retry_fields);

static int load_retry(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                      void *obj)
{
    cc_channel *c = obj;

    if (L->kind_ok && cc_channel_kind_deferred(c->kind)) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "%s contacts do not abandon, so they do not retry",
                    cc_channel_kind_name(c->kind));
        return 0;
    }
    return cc_field_value(L, f, v, path, c);
}

static int check_transfer_target(cc_loader *L, const cc_field *f, yaml_node_t *v,
                                 const char *path, void *obj)
{
    cc_transfer *t = obj;

    (void)f;
    if (t->channel != L->entry)
        return 1;
    cc_yw_error(&L->w, CC_EINVAL, v, path, "a channel cannot transfer to itself");
    t->channel = -1;
    return 0;
}

static const cc_field transfer_fields[] = {
    {"share", CC_VK_SHARE, CC_F_REQUIRED, .hi = 1, .at = CC_AT(cc_transfer, share),
     .missing = "share of handled contacts", .doc_default = "required with `transfer`",
     .help = "share of handled contacts that continue on `channel`"},
    {"channel", CC_VK_CHANNEL, CC_F_REQUIRED, .at = CC_AT(cc_transfer, channel),
     .check = check_transfer_target, .missing = "where the contact continues",
     .doc_allowed = "not this channel", .doc_default = "required with `transfer`",
     .help = "where the contact continues"},
};

static const cc_schema transfer_schema = CC_SCHEMA("channels.NAME.transfer", transfer_fields);

static void load_transfer_one(cc_loader *L, cc_channel *c, yaml_node_t *v, const char *path)
{
    cc_transfer t = {0.0, -1};
    int ok;

    if (!cc_schema_load(L, &transfer_schema, v, path, NULL, &t, &ok) || !ok)
        return;
    c->transfers = cc_xrealloc(c->transfers, (size_t)(c->n_transfers + 1) * sizeof(t));
    c->transfers[c->n_transfers++] = t;
}

/* `transfer`: one {share, channel}, or a list of them adding up to at most 100%. */
static int load_transfer(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                         void *obj)
{
    cc_channel *c = obj;
    yaml_node_item_t *it;
    double sum = 0.0;
    int i = 0;

    (void)f;
    if (v->type != YAML_SEQUENCE_NODE) {
        load_transfer_one(L, c, v, path);
        return 1;
    }
    if (cc_yw_seq_len(v) > (size_t)CC_MAX_CHANNELS) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "at most %d transfer targets", CC_MAX_CHANNELS);
        return 0;
    }
    for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        if (!x)
            break;
        cc_yw_index(ip, path, i);
        load_transfer_one(L, c, x, ip);
    }
    for (i = 0; i < c->n_transfers; i++)
        sum += c->transfers[i].share;
    if (sum > 1.0 + 1e-9) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "transfer shares add up to %g%%; at most 100%%",
                    sum * 100.0);
        return 0;
    }
    return 1;
}

/* ---- the channel -------------------------------------------------------------------- */

enum {
    C_KIND, C_DESCRIPTION, C_VOLUME, C_PROFILE, C_WEEKDAY, C_UNCERTAINTY, C_BACKLOG,
    C_DEFLECTION, C_HANDLE_TIME, C_WRAP_UP, C_PATIENCE, C_TARGET, C_CONCURRENCY, C_STRETCH,
    C_RETRY, C_TRANSFER
};

static const char *const kind_names[] = {"voice", "chat", "messaging", "email", "social", NULL};

static int load_kind(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                     void *obj)
{
    cc_channel *c = obj;

    if (!cc_field_value(L, f, v, path, c))
        return 0;
    L->kind_ok = 1;
    c->target.answer_within_s = default_answer_within(c->kind);
    return 1;
}

static int load_patience(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                         void *obj)
{
    cc_channel *c = obj;

    if (L->kind_ok && cc_channel_kind_deferred(c->kind) &&
        !(v->type == YAML_SCALAR_NODE && (cc_yw_is_null(v) || !strcmp(cc_yw_scalar(v), "none")))) {
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "%s contacts do not abandon; remove 'patience' (or write 'none')",
                    cc_channel_kind_name(c->kind));
        return 0;
    }
    return cc_field_value(L, f, v, path, c);
}

static int check_concurrency(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                             void *obj)
{
    cc_channel *c = obj;

    (void)f;
    if (!L->kind_ok || c->concurrency <= 1 || takes_sessions(c->kind))
        return 1;
    cc_yw_error(&L->w, CC_EINVAL, v, path,
                "%s handles one contact at a time; must be 1 (only chat and messaging take "
                "concurrent sessions)",
                cc_channel_kind_name(c->kind));
    c->concurrency = 1;
    return 0;
}

static const cc_field channel_fields[] = {
    [C_KIND] = {"kind", CC_VK_ENUM, CC_F_REQUIRED | CC_F_EARLY, .names = kind_names,
                .at = CC_AT(cc_channel, kind), .load = load_kind,
                .missing = "one of voice, chat, messaging, email, social",
                .help = "decides the rules, see above"},
    [C_DESCRIPTION] = {"description", CC_VK_NOTE, .help = "free text"},
    [C_VOLUME] = {"volume", CC_VK_MAP, CC_F_REQUIRED | CC_F_INLINE, .sub = &volume_schema,
                  .shorthand = "per_day", .load = load_volume,
                  .missing = "contacts per day; 0 for a channel fed only by transfers",
                  .doc_allowed = "exactly one of `per_day`, `per_week`, `per_hour`, `forecast`",
                  .doc_default = "required (0 for a channel fed only by transfers)",
                  .help = "contacts on an average day, before weekday and season; a bare number "
                          "is `per_day`; `forecast` reads every interval from a forecast.csv"},
    [C_PROFILE] = {"profile", CC_VK_CUSTOM, .sub = &cc_schema_profile_days, .load = load_profile,
                   .doc_type = "profile, or mapping by day type",
                   .doc_allowed = "a profile name, an inline `{hourly: [...]}` or `{weights: "
                                  "[...]}`, or `{default: P, weekdays: P, weekend: P, mon: P, "
                                  "...}`",
                   .doc_default = "`flat`", .help = "intraday profile"},
    [C_WEEKDAY] = {"weekday", CC_VK_MAP, CC_F_EARLY | CC_F_INLINE, .sub = &weekday_schema,
                   .at = CC_AT(cc_channel, weekday), .check = check_weekday,
                   .doc_allowed = "not all 0",
                   .help = "volume multiplier per weekday: `{mon: 1.3, ..., sun: 0.4}`"},
    [C_UNCERTAINTY] = {"uncertainty", CC_VK_MAP, CC_F_INLINE, .sub = &uncertainty_schema,
                       .shorthand = "cv", .load = load_uncertainty,
                       .doc_type = "number, `bands` or mapping",
                       .doc_allowed = "`bands` with a forecast volume",
                       .help = "forecast uncertainty: each day's volume is multiplied by a draw "
                               "with mean 1; a bare number is `cv`; `bands`: the cv the "
                               "forecast file's contacts_p10 and contacts_p90 imply"},
    [C_BACKLOG] = {"backlog", CC_VK_LONG, .lo = 0, .hi = 1e8, .at = CC_AT(cc_channel, backlog),
                   .help = "contacts already waiting (open e-mails) at time 0: work carried in, "
                           "outside the service level"},
    [C_DEFLECTION] = {"deflection", CC_VK_SHARE, .hi = 1, .at = CC_AT(cc_channel, deflection),
                      .help = "share of volume that never arrives (self-service, proactive "
                              "notices)"},
    [C_HANDLE_TIME] = {"handle_time", CC_VK_DIST, CC_F_REQUIRED,
                       .at = CC_AT(cc_channel, handle_time),
                       .missing = "e.g. {dist: lognormal, mean: 6m, cv: 0.7}",
                       .help = "talk/handle time of one contact at proficiency 1"},
    [C_WRAP_UP] = {"wrap_up", CC_VK_DIST, CC_F_NONE, .at = CC_AT(cc_channel, wrap_up),
                   .help = "after-contact work, separate from handle time"},
    [C_PATIENCE] = {"patience", CC_VK_DIST, CC_F_NONE, .at = CC_AT(cc_channel, patience),
                    .load = load_patience, .doc_allowed = "only `none` for email and social",
                    .help = "time a customer waits before abandoning; `none` = waits forever"},
    [C_TARGET] = {"target", CC_VK_MAP, .sub = &cc_schema_target, .at = CC_AT(cc_channel, target),
                  .doc_default = "by kind", .help = "service target, see below"},
    [C_CONCURRENCY] = {"concurrency", CC_VK_INT, .lo = 1, .hi = CC_MAX_CONCURRENCY, .def = 1,
                       .at = CC_AT(cc_channel, concurrency), .check = check_concurrency,
                       .doc_allowed = "1 for voice, email, social",
                       .help = "sessions an agent holds at once"},
    [C_STRETCH] = {"stretch", CC_VK_MAP, CC_F_INLINE, .sub = &stretch_schema,
                   .shorthand = "per_extra_session", .load = load_stretch,
                   .doc_allowed = "exactly one of `per_extra_session`, `multipliers`; chat and "
                                  "messaging only",
                   .help = "handle-time stretch with open sessions; a bare share is "
                           "`per_extra_session`, a bare list `multipliers`"},
    [C_RETRY] = {"retry", CC_VK_MAP, CC_F_INLINE, .sub = &retry_schema, .load = load_retry,
                 .doc_allowed = "not for email and social",
                 .help = "abandoned customers who try again"},
    [C_TRANSFER] = {"transfer", CC_VK_CUSTOM, CC_F_INLINE, .sub = &transfer_schema,
                    .load = load_transfer, .doc_type = "mapping or list",
                    .doc_allowed = "one mapping, or a list of them with shares adding up to at "
                                   "most 100%",
                    .help = "handled contacts that continue on another channel (tier 2)"},
};

const cc_schema cc_schema_channel = CC_SCHEMA("channels.NAME", channel_fields);

static void load_channel(cc_loader *L, int idx, yaml_node_t *key, yaml_node_t *n)
{
    cc_channel *c = &L->s->channels[idx];
    char path[CC_YW_PATH_MAX];

    cc_yw_join(path, "channels", c->name);
    cc_yw_pos(key, &c->line, &c->col);
    cc_schema_defaults(&cc_schema_channel, c);
    c->chatbot = -1;
    c->retry_channel = idx;
    c->forecast_multiplier = 1.0;
    c->forecast_band_cv = NAN;
    L->entry = idx;
    L->entry_map = n;
    L->kind_ok = 0;
    cc_schema_load(L, &cc_schema_channel, n, path, key, c, NULL);
}

int cc_load_channels(cc_loader *L, const cc_field *f, yaml_node_t *m, const char *path,
                     void *obj)
{
    cc_scenario *s = obj;
    yaml_node_pair_t *p;
    int i = 0, n;

    (void)f;
    n = cc_yw_check_name_map(&L->w, m, path, CC_MAX_CHANNELS, "channels");
    if (n == 0) {
        if (m->type == YAML_MAPPING_NODE)
            cc_yw_error(&L->w, CC_EINVAL, m, path, "no channel defined; at least one is needed");
        return 0;
    }
    s->channels = cc_xcalloc((size_t)n, sizeof(*s->channels));
    L->ch_names = cc_xcalloc((size_t)n, sizeof(char *));
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        const char *name = cc_yw_entry_name(&L->w, p);
        int j, dup = 0;
        for (j = 0; j < i; j++)
            if (!strcmp(s->channels[j].name, name))
                dup = 1;
        s->channels[i].name = cc_xstrdup(name);
        /* Invalid and duplicate names stay unresolvable; they were reported. */
        L->ch_names[i] = name[0] && !dup ? s->channels[i].name : NULL;
        s->channels[i].chatbot = -1;
    }
    s->n_channels = n;
    i = 0;
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        yaml_node_t *k = cc_yw_node(&L->w, p->key), *v = cc_yw_node(&L->w, p->value);
        if (!k || !v)
            break;
        if (!L->ch_names[i])
            continue;
        load_channel(L, i, k, v);
    }
    return 1;
}
