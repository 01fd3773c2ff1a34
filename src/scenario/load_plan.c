/*
 * The simulation and plan sections: replications and seed; the planner's
 * method, FTE and occupancy, headcount and hiring, the shifts a roster may
 * use (shift rules, on the interval grid of the horizon), overtime and
 * vendor cost, and the options to compare. An option's `set` is kept as
 * flow text here and applied to the document by override.c.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_units.h"
#include "scenario/loader.h"

#define DAY 86400.0
#define MAX_SETS 256          /* overrides in one option */
#define MAX_VALUE_TEXT 2048   /* bytes of an option value kept as text */

/* ---- simulation ---------------------------------------------------------------------- */

static int check_warmup(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                        void *obj)
{
    const cc_sim_settings *sim = obj;

    (void)f;
    if (!L->horizon_ok || sim->warmup_s < L->s->horizon_s)
        return 1;
    cc_yw_error(&L->w, CC_EINVAL, v, path,
                "is as long as the horizon (%d days); nothing would be measured", L->s->days);
    return 0;
}

static const cc_field simulation_fields[] = {
    {"replications", CC_VK_INT, .lo = 1, .hi = 100000, .def = 10,
     .at = CC_AT(cc_sim_settings, replications),
     .help = "independent replications; results give mean and 95% CI"},
    {"seed", CC_VK_U64, .lo = 0, .hi = (double)LONG_MAX, .def = 1,
     .at = CC_AT(cc_sim_settings, seed),
     .help = "base seed; replication r uses a stream derived from (seed, r)"},
    {"warmup", CC_VK_DURATION, .lo = 0, .hi = 366 * DAY, .at = CC_AT(cc_sim_settings, warmup_s),
     .check = check_warmup, .doc_allowed = "shorter than the horizon",
     .help = "arrivals before this are left out of the statistics"},
    {"max_arrivals", CC_VK_LONG, .lo = 0, .hi = 1e12,
     .at = CC_AT(cc_sim_settings, max_arrivals),
     .help = "stop generating arrivals after this many (all channels); 0 = no limit"},
    {"drain", CC_VK_BOOL, .at = CC_AT(cc_sim_settings, drain),
     .help = "after arrivals stop, run until every contact has left"},
};

const cc_schema cc_schema_simulation = CC_SCHEMA("simulation", simulation_fields);

int cc_load_simulation(cc_loader *L, const cc_field *f, yaml_node_t *m, const char *path,
                       void *obj)
{
    cc_scenario *s = obj;

    (void)f;
    cc_schema_defaults(&cc_schema_simulation, &s->simulation);
    return !m || cc_schema_load(L, &cc_schema_simulation, m, path, NULL, &s->simulation, NULL);
}

/* ---- shift rules ----------------------------------------------------------------------- */

enum { R_NAME, R_START, R_STEP, R_LENGTH, R_DAYS, R_BREAK, R_BREAK_AFTER, R_MIN, R_MAX };

static const cc_field shift_rule_fields[] = {
    [R_NAME] = {"name", CC_VK_TEXT, .doc_default = "`rule N`", .help = "label in the plan"},
    [R_START] = {"start", CC_VK_CUSTOM, CC_F_REQUIRED, .doc_type = "start time or window",
                 .doc_allowed = "`HH:MM`, `\"HH:MM-HH:MM\"` within one day, or `any` (every "
                                "interval); on the interval grid",
                 .missing = "first start or window, e.g. \"06:00-10:00\"",
                 .help = "first start, or a window of starts, on the team's clock "
                         "(`utc_offset`) like its shifts"},
    [R_STEP] = {"step", CC_VK_DURATION, .lo = CC_LIMIT_INTERVAL, .hi = DAY,
                .doc_allowed = "whole intervals", .doc_default = "the interval",
                .help = "spacing of starts within the window"},
    [R_LENGTH] = {"length", CC_VK_DURATION, CC_F_REQUIRED, .lo = CC_LIMIT_INTERVAL, .hi = DAY,
                  .missing = "time on site, e.g. 8h", .doc_allowed = "whole intervals",
                  .help = "time on site, breaks included; may run past midnight"},
    [R_DAYS] = {"days", CC_VK_DAYS, .def = 0x7f, .help = "weekdays a shift may start"},
    [R_BREAK] = {"unpaid_break", CC_VK_DURATION, .lo = 0, .hi = DAY,
                 .doc_allowed = "whole intervals, inside the shift with work before and after "
                                "it",
                 .doc_default = "none",
                 .help = "unpaid break, off the phones and off the paid hours"},
    [R_BREAK_AFTER] = {"break_after", CC_VK_DURATION, .lo = CC_LIMIT_INTERVAL, .hi = DAY,
                       .doc_allowed = "whole intervals; needs `unpaid_break`",
                       .doc_default = "mid-shift, on the interval grid",
                       .help = "break start after the shift start"},
    [R_MIN] = {"min_agents", CC_VK_LONG, .lo = 0, .hi = CC_MAX_AGENTS,
               .help = "at least this many start at every allowed start and day"},
    [R_MAX] = {"max_agents", CC_VK_LONG, .lo = 0, .hi = CC_MAX_AGENTS,
               .doc_allowed = "at least `min_agents`; 0 = no limit",
               .help = "at most this many per start and day"},
};

const cc_schema cc_schema_shift_rule = CC_SCHEMA("plan.shift_rules.TEAM[N]", shift_rule_fields);

/* "HH:MM" of exactly `len` bytes into seconds after midnight (00:00 to 23:59). */
static int parse_clock(const char *t, size_t len, double *out)
{
    size_t i = 0;
    int h = 0, m;

    while (i < len && i < 2 && isdigit((unsigned char)t[i]))
        h = h * 10 + (t[i++] - '0');
    if (i == 0 || i + 3 != len || t[i] != ':' || !isdigit((unsigned char)t[i + 1]) ||
        !isdigit((unsigned char)t[i + 2]))
        return 0;
    m = (t[i + 1] - '0') * 10 + (t[i + 2] - '0');
    if (h > 23 || m > 59)
        return 0;
    *out = h * 3600.0 + m * 60.0;
    return 1;
}

/* A start window: "06:00", "06:00-10:00" or "any" (every interval of the day). */
static int get_start_window(cc_loader *L, yaml_node_t *n, const char *path, double *first,
                            double *last)
{
    const char *t =
        cc_yw_text(&L->w, n, path, "a start time 'HH:MM', a window 'HH:MM-HH:MM' or 'any'");
    const char *dash;
    char shown[64];

    if (!t)
        return 0;
    if (!strcmp(t, "any")) {
        *first = 0.0;
        *last = DAY - L->s->interval_s;
        return 1;
    }
    dash = strchr(t, '-');
    if (dash ? parse_clock(t, (size_t)(dash - t), first) &&
                   parse_clock(dash + 1, strlen(dash + 1), last)
             : parse_clock(t, strlen(t), first) && (*last = *first, 1)) {
        if (*last < *first) {
            cc_yw_error(&L->w, CC_EINVAL, n, path,
                        "'%s' ends before it starts; a window of starts runs within one day "
                        "(split one crossing midnight into two rules)",
                        cc_yw_show(n, shown, sizeof(shown)));
            return 0;
        }
        return 1;
    }
    cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                "expected a start time 'HH:MM', a window 'HH:MM-HH:MM' (00:00 to 23:59) or "
                "'any', got '%s'",
                cc_yw_show(n, shown, sizeof(shown)));
    return 0;
}

/*
 * 1 when `x` seconds is a whole number of intervals; else reports at `n`,
 * showing `x` as a time of day when `clock` is set.
 */
static int whole_intervals_at(cc_loader *L, yaml_node_t *n, const char *path, double x,
                              int clock)
{
    double q = x / L->s->interval_s;
    char buf[32];

    if (fabs(q - nearbyint(q)) < 1e-9)
        return 1;
    if (clock)
        snprintf(buf, sizeof buf, "%02d:%02d", (int)(x / 3600.0), (int)fmod(x / 60.0, 60.0));
    else
        cc_yw_format_duration(x, buf, sizeof(buf));
    cc_yw_error(&L->w, CC_EINVAL, n, path,
                clock ? "%s is not on the grid of %g-minute intervals"
                      : "%s is not a whole number of %g-minute intervals",
                buf, L->s->interval_s / 60.0);
    return 0;
}

/* A duration field of a rule on the interval grid: 1 when present, valid and whole. */
static int rule_duration(cc_loader *L, int key, yaml_node_t *n, const char *path, double *out,
                         yaml_node_t **at)
{
    const cc_field *f = &shift_rule_fields[key];
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v = cc_field_node(L, f, n, path, p);

    if (at)
        *at = v;
    if (!v)
        return 1;
    return cc_field_parse(L, f, v, p, out) && whole_intervals_at(L, v, p, *out, 0);
}

/* Where the break goes: after `break_after`, or mid-shift on the interval grid. */
static int place_break(cc_loader *L, cc_plan_shift_rule *r, yaml_node_t *bv, yaml_node_t *av,
                       const char *path)
{
    double dt = L->s->interval_s;
    char p[CC_YW_PATH_MAX], b[32], l[32];

    if (!av) /* the middle of the shift, on the interval grid */
        r->break_after_s = floor((r->length_s - r->break_s) / 2.0 / dt) * dt;
    if (r->break_after_s > 0 && r->break_after_s + r->break_s < r->length_s)
        return 1;
    cc_yw_format_duration(r->break_s, b, sizeof(b));
    cc_yw_format_duration(r->length_s, l, sizeof(l));
    cc_yw_join(p, path, av ? "break_after" : "unpaid_break");
    cc_yw_error(&L->w, CC_EINVAL, av ? av : bv, p,
                "a %s break must fall inside the %s shift, with work before and after it", b, l);
    return 0;
}

/* One item of plan.shift_rules.TEAM; returns 1 when valid (then *r owns its name). */
static int load_shift_rule(cc_loader *L, cc_plan_shift_rule *r, int idx, yaml_node_t *n,
                           const char *path)
{
    const cc_field *F = shift_rule_fields;
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v, *sv, *lv, *bv, *av;
    int ok = 1;

    memset(r, 0, sizeof *r);
    r->days = (unsigned)F[R_DAYS].def;
    r->step_s = L->s->interval_s;
    cc_yw_pos(n, &r->line, &r->col);
    if (!cc_yw_expect(&L->w, n, YAML_MAPPING_NODE, path,
                      "a shift rule {start, length, step, days, unpaid_break, ...}"))
        return 0;
    {
        size_t before = L->w.d.n; /* a misspelt key is the one error, not "missing" too */
        if (!cc_schema_keys(L, &cc_schema_shift_rule, n, path) || L->w.d.n != before)
            return 0;
    }
    sv = cc_yw_map_get(&L->w, n, F[R_START].key);
    lv = cc_yw_map_get(&L->w, n, F[R_LENGTH].key);
    if (!sv || !lv) {
        const cc_field *missing = &F[sv ? R_LENGTH : R_START];
        cc_yw_error(&L->w, CC_ESCHEMA, n, path, "missing '%s' (%s)", missing->key,
                    missing->missing);
        return 0;
    }
    cc_yw_join(p, path, F[R_START].key);
    ok &= get_start_window(L, sv, p, &r->first_start_s, &r->last_start_s) &&
          whole_intervals_at(L, sv, p, r->first_start_s, 1) &&
          whole_intervals_at(L, sv, p, r->last_start_s, 1);
    ok &= rule_duration(L, R_LENGTH, n, path, &r->length_s, NULL);
    ok &= rule_duration(L, R_STEP, n, path, &r->step_s, NULL);
    if ((v = cc_field_node(L, &F[R_DAYS], n, path, p)))
        ok &= cc_field_parse(L, &F[R_DAYS], v, p, &r->days);
    ok &= rule_duration(L, R_BREAK, n, path, &r->break_s, &bv);
    if (!rule_duration(L, R_BREAK_AFTER, n, path, &r->break_after_s, &av)) {
        ok = 0;
    } else if (av && ok && !bv) {
        cc_yw_join(p, path, F[R_BREAK_AFTER].key);
        cc_yw_error(&L->w, CC_EINVAL, av, p, "there is no 'unpaid_break' to place");
        ok = 0;
    }
    if ((v = cc_field_node(L, &F[R_MIN], n, path, p)))
        ok &= cc_field_parse(L, &F[R_MIN], v, p, &r->min_agents);
    if ((v = cc_field_node(L, &F[R_MAX], n, path, p))) {
        ok &= cc_field_parse(L, &F[R_MAX], v, p, &r->max_agents);
        if (ok && r->max_agents > 0 && r->max_agents < r->min_agents) {
            cc_yw_error(&L->w, CC_EINVAL, v, p, "%ld is below min_agents %ld (0 = no limit)",
                        r->max_agents, r->min_agents);
            ok = 0;
        }
    }
    if (!ok || (r->break_s > 0 && !place_break(L, r, bv, av, path)))
        return 0;
    if ((v = cc_field_node(L, &F[R_NAME], n, path, p)))
        return cc_field_parse(L, &F[R_NAME], v, p, &r->name);
    {
        char nm[32];
        snprintf(nm, sizeof nm, "rule %d", idx + 1);
        r->name = cc_xstrdup(nm);
    }
    return 1;
}

/* `shift_rules`: {team: [rule, ...]}; teams left out keep the derived rules. */
static int load_shift_rules(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                            void *obj)
{
    cc_scenario *s = L->s;
    cc_plan_settings *pl = obj;
    yaml_node_pair_t *q;

    (void)f;
    if (!cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, path, "a mapping of team: [shift rule, ...]"))
        return 0;
    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = cc_yw_node(&L->w, q->key), *x = cc_yw_node(&L->w, q->value);
        char p[CC_YW_PATH_MAX];
        yaml_node_item_t *it;
        int t, i = 0;
        if (!k || !x)
            break;
        t = cc_yw_ref(&L->w, k, path, "team", L->team_names, s->n_teams);
        if (t < 0)
            continue;
        cc_yw_join(p, path, cc_yw_scalar(k));
        if (!cc_yw_expect(&L->w, x, YAML_SEQUENCE_NODE, p, "a list of shift rules"))
            continue;
        if (cc_yw_seq_len(x) == 0 || cc_yw_seq_len(x) > CC_MAX_SHIFT_RULES) {
            cc_yw_error(&L->w, CC_EINVAL, x, p, "give 1 to %d shift rules", CC_MAX_SHIFT_RULES);
            continue;
        }
        if (pl->shift_rules[t]) {
            cc_yw_error(&L->w, CC_EINVAL, k, p, "shift rules for team '%s' are given twice",
                        cc_yw_scalar(k));
            continue;
        }
        pl->shift_rules[t] = cc_xcalloc(cc_yw_seq_len(x), sizeof(cc_plan_shift_rule));
        for (it = x->data.sequence.items.start; it < x->data.sequence.items.top; it++, i++) {
            char ip[CC_YW_PATH_MAX];
            yaml_node_t *r = cc_yw_node(&L->w, *it);
            if (!r)
                break;
            cc_yw_index(ip, p, i);
            if (load_shift_rule(L, &pl->shift_rules[t][pl->n_shift_rules[t]], i, r, ip))
                pl->n_shift_rules[t]++;
        }
    }
    return 1;
}

/* ---- options --------------------------------------------------------------------------- */

/* `set`: {key path: value}, each value kept as YAML flow text. */
static int load_sets(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                     void *obj)
{
    cc_option *o = obj;
    yaml_node_pair_t *q;

    (void)f;
    if (!cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, path, "a mapping of key path: value"))
        return 0;
    if (cc_yw_map_len(v) > MAX_SETS) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "at most %d overrides per option", MAX_SETS);
        return 0;
    }
    o->set = cc_xcalloc(cc_yw_map_len(v) + 1, sizeof(*o->set));
    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = cc_yw_node(&L->w, q->key), *x = cc_yw_node(&L->w, q->value);
        char text[MAX_VALUE_TEXT];
        size_t used = 0;
        if (!k || !x)
            break;
        if (k->type != YAML_SCALAR_NODE || cc_yw_is_null(k) || cc_yw_has_nul(k)) {
            cc_yw_error(&L->w, CC_ESCHEMA, k, path,
                        "keys must be key paths such as 'teams.vendor.agents'");
            continue;
        }
        if (!strncmp(cc_yw_scalar(k), "plan.options", 12)) {
            cc_yw_error(&L->w, CC_EINVAL, k, path, "an option cannot change plan options");
            continue;
        }
        text[0] = '\0';
        cc_yw_flow_text(&L->w, x, text, sizeof(text), &used, 0);
        o->set[o->n_set].path = cc_xstrdup(cc_yw_scalar(k));
        o->set[o->n_set].value = cc_xstrdup(text);
        o->n_set++;
    }
    return 1;
}

static const cc_field option_fields[] = {
    {"name", CC_VK_TEXT, CC_F_REQUIRED, .at = CC_AT(cc_option, name),
     .doc_allowed = "unique among the options", .help = "the option's name in plans and reports"},
    {"description", CC_VK_TEXT, .at = CC_AT(cc_option, description), .help = "free text"},
    {"set", CC_VK_CUSTOM, CC_F_REQUIRED, .load = load_sets,
     .missing = "a mapping of key paths to new values, e.g. {teams.vendor.agents: 0}",
     .doc_type = "mapping key path: value",
     .doc_allowed = "at most " CC_STR(MAX_SETS) "; not `plan.options`",
     .help = "the changes: each key path's value replaced (or added)"},
};

const cc_schema cc_schema_option = CC_SCHEMA("plan.options[N]", option_fields);

/* `options`: a list of named alternatives, names unique. */
static int load_options(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                        void *obj)
{
    cc_plan_settings *pl = obj;
    yaml_node_item_t *it;
    int i = 0;

    (void)f;
    if (!cc_yw_expect(&L->w, v, YAML_SEQUENCE_NODE, path, "a list of options"))
        return 0;
    if (cc_yw_seq_len(v) > CC_MAX_OPTIONS) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "at most %d options", CC_MAX_OPTIONS);
        return 0;
    }
    pl->options = cc_xcalloc(cc_yw_seq_len(v) ? cc_yw_seq_len(v) : 1, sizeof(*pl->options));
    for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        cc_option *o = &pl->options[i];
        int j;
        if (!x)
            break;
        pl->n_options = i + 1;
        cc_yw_index(ip, path, i);
        cc_yw_pos(x, &o->line, &o->col);
        o->description = cc_xstrdup("");
        cc_schema_load(L, &cc_schema_option, x, ip, NULL, o, NULL);
        for (j = 0; j < i && o->name; j++)
            if (pl->options[j].name && !strcmp(pl->options[j].name, o->name))
                cc_yw_error(&L->w, CC_EINVAL, cc_yw_map_get(&L->w, x, "name"), ip,
                            "duplicate option name '%s'", o->name);
    }
    return 1;
}

/* ---- plan -------------------------------------------------------------------------------- */

static const char *const method_names[] = {"erlang-c", "erlang-a", "simulation", NULL};
static const char *const shrink_method_names[] = {"divisive", "multiplicative", NULL};

/* `fte_week`: a bare number would be seconds, so one below an hour is refused as a slip. */
static int load_fte_week(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                         void *obj)
{
    const char *txt = v->type == YAML_SCALAR_NODE ? cc_yw_scalar(v) : "";
    double x;

    if (v->type == YAML_SCALAR_NODE && cc_parse_duration(txt, &x) == CC_OK && x < 3600.0 &&
        isdigit((unsigned char)txt[strlen(txt) ? strlen(txt) - 1 : 0])) {
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "'%s' would mean %g seconds; write hours with a unit, e.g. '%gh'", txt, x, x);
        return 0;
    }
    return cc_field_value(L, f, v, path, obj);
}

static int load_max_occupancy(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                              void *obj)
{
    double x;

    if (!cc_field_parse(L, f, v, path, &x))
        return 0;
    if (x <= 0.0) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "must be above 0%%");
        return 0;
    }
    *(double *)cc_field_ptr(f, obj) = x;
    return 1;
}

/* `headcount`: {team: people}. */
static int load_headcount(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                          void *obj)
{
    cc_plan_settings *pl = obj;
    yaml_node_pair_t *q;

    if (!cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, path, "a mapping of team: people"))
        return 0;
    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = cc_yw_node(&L->w, q->key), *x = cc_yw_node(&L->w, q->value);
        char p[CC_YW_PATH_MAX];
        int t;
        if (!k || !x)
            break;
        t = cc_yw_ref(&L->w, k, path, "team", L->team_names, L->s->n_teams);
        if (t < 0)
            continue;
        cc_yw_join(p, path, cc_yw_scalar(k));
        cc_yw_int(&L->w, x, p, (int)f->lo, (int)f->hi, &pl->headcount[t]);
    }
    return 1;
}

static const cc_field overtime_fields[] = {
    {"max_share", CC_VK_SHARE, .hi = 1, .def = 0.10,
     .at = CC_AT(cc_plan_settings, overtime_share),
     .help = "share of the hours the headcount works that overtime may add"},
    {"cost_multiplier", CC_VK_NUMBER, .lo = 0, .hi = 100, .def = 1.5,
     .at = CC_AT(cc_plan_settings, overtime_multiplier),
     .help = "overtime cost / regular cost per hour"},
};

static const cc_schema overtime_schema = CC_SCHEMA("plan.overtime", overtime_fields);

static const cc_field plan_fields[] = {
    {"method", CC_VK_ENUM, .names = method_names, .at = CC_AT(cc_plan_settings, method),
     .help = "staffing requirement per interval"},
    {"shrinkage_method", CC_VK_ENUM, .names = shrink_method_names,
     .at = CC_AT(cc_plan_settings, shrinkage_method),
     .help = "`divisive`: scheduled = required / (1 - shrinkage); `multiplicative`: scheduled = "
             "required x (1 + shrinkage)"},
    {"fte_week", CC_VK_DURATION, .lo = 3600, .hi = 168 * 3600, .def = 37.5 * 3600,
     .at = CC_AT(cc_plan_settings, fte_week_s), .load = load_fte_week,
     .doc_allowed = "with a unit (`37.5h`: a bare number would be seconds)",
     .help = "paid hours of one FTE per week"},
    {"max_occupancy", CC_VK_SHARE, .hi = 1, .def = 0.85,
     .at = CC_AT(cc_plan_settings, max_occupancy), .load = load_max_occupancy,
     .doc_allowed = "above 0", .help = "occupancy cap"},
    {"headcount", CC_VK_CUSTOM, .lo = 0, .hi = CC_MAX_AGENTS, .item = CC_VK_INT,
     .load = load_headcount, .doc_type = "mapping team: people",
     .doc_default = "unknown", .help = "people employed today per team: `{tier1: 150}`"},
    {"attrition", CC_VK_SHARE, .hi = 1, .at = CC_AT(cc_plan_settings, attrition_per_month),
     .help = "share of headcount leaving per month"},
    {"hiring_lead_time", CC_VK_DURATION, .lo = 0, .hi = 3 * 366 * DAY,
     .at = CC_AT(cc_plan_settings, hiring_lead_s), .help = "from requisition to first day"},
    {"training_time", CC_VK_DURATION, .lo = 0, .hi = 3 * 366 * DAY,
     .at = CC_AT(cc_plan_settings, training_s), .help = "from first day to taking contacts"},
    {"options", CC_VK_LIST, CC_F_LATE, .hi = CC_MAX_OPTIONS, .sub = &cc_schema_option,
     .load = load_options, .doc_type = "list of options", .doc_default = "none",
     .help = "alternatives to compare (below)"},
    {"shift_rules", CC_VK_CUSTOM, .sub = &cc_schema_shift_rule, .load = load_shift_rules,
     .doc_type = "mapping team: list of rules",
     .doc_allowed = "1 to " CC_STR(CC_MAX_SHIFT_RULES) " rules per team",
     .doc_default = "derived from each team's shifts",
     .help = "shifts the roster may use, per team (below)"},
    {"overtime", CC_VK_MAP, CC_F_INLINE, .sub = &overtime_schema, .shorthand = "max_share",
     .help = "how much of a gap overtime covers before a vendor; a bare share is `max_share`"},
    {"vendor_cost_per_hour", CC_VK_NUMBER, .lo = 0, .hi = 1e6, .def = -1,
     .at = CC_AT(cc_plan_settings, vendor_cost_per_hour),
     .doc_default = "the cheapest vendor team (`outsourced: true`, `cost.per_hour`) serving the "
                    "same channels, else any vendor team, else the team's own rate",
     .help = "cost of an hour of vendor cover for a gap the headcount and overtime leave"},
    {"cost_per_hire", CC_VK_NUMBER, .lo = 0, .hi = 1e9,
     .at = CC_AT(cc_plan_settings, cost_per_hire),
     .help = "one-off cost of a hire (recruiting, onboarding), charged in the week the hire "
             "starts"},
};

const cc_schema cc_schema_plan = CC_SCHEMA("plan", plan_fields);

int cc_load_plan(cc_loader *L, const cc_field *f, yaml_node_t *m, const char *path, void *obj)
{
    cc_scenario *s = obj;
    cc_plan_settings *pl = &s->plan;
    size_t teams = (size_t)(s->n_teams ? s->n_teams : 1);
    int t;

    (void)f;
    cc_schema_defaults(&cc_schema_plan, pl);
    pl->headcount = cc_xcalloc(teams, sizeof(int));
    for (t = 0; t < s->n_teams; t++)
        pl->headcount[t] = -1;
    pl->shift_rules = cc_xcalloc(teams, sizeof(*pl->shift_rules));
    pl->n_shift_rules = cc_xcalloc(teams, sizeof(int));
    return !m || cc_schema_load(L, &cc_schema_plan, m, path, NULL, pl, NULL);
}
