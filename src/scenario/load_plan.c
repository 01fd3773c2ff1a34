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
    {"drain_limit", CC_VK_DURATION, .lo = 1, .hi = 366 * DAY, .def = 7 * DAY,
     .at = CC_AT(cc_sim_settings, drain_limit_s),
     .help = "with `drain`: the run stops this long after arrivals stop (the horizon end, or "
             "max_arrivals) even if contacts are left (run says so)"},
    {"max_attempts", CC_VK_INT, .lo = 1, .hi = 1000, .def = 10,
     .at = CC_AT(cc_sim_settings, max_attempts),
     .help = "tries one customer makes (the first, retries after abandoning, bot "
             "bounce-backs); past it they give up"},
    {"max_transfers", CC_VK_INT, .lo = 0, .hi = 1000, .def = 10,
     .at = CC_AT(cc_sim_settings, max_transfers),
     .help = "transfers one contact goes through; at the limit it is not transferred again"},
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

enum { B_LENGTH, B_PAID, B_AFTER, B_OVER };

static const cc_field break_fields[] = {
    [B_LENGTH] = {"length", CC_VK_DURATION, CC_F_REQUIRED, .lo = CC_LIMIT_INTERVAL, .hi = DAY,
                  .missing = "the break's length, e.g. 30m", .doc_allowed = "whole intervals",
                  .help = "length of the break"},
    [B_PAID] = {"paid", CC_VK_BOOL,
                .help = "`true`: paid (in the paid hours) but off the phones; `false`: unpaid"},
    [B_AFTER] = {"after", CC_VK_CUSTOM, CC_F_REQUIRED, .doc_type = "duration or range",
                 .doc_allowed = "a duration (a fixed start) or a window `\"3h-5h\"`; whole "
                                "intervals, with work before and after the break",
                 .missing = "when the break may start, e.g. \"3h-5h\"",
                 .help = "start after the shift start; the roster chooses it within a window"},
    [B_OVER] = {"shifts_over", CC_VK_DURATION, .lo = 0, .hi = DAY,
                .doc_allowed = "0s = every shift",
                .help = "the break is in shifts longer than this only"},
};

static const cc_schema break_schema = CC_SCHEMA("plan.shift_rules.TEAM[N].breaks[N]",
                                                break_fields);

enum {
    R_NAME, R_START, R_STEP, R_LENGTH, R_LENGTH_STEP, R_DAYS, R_BREAK, R_BREAK_AFTER,
    R_PAID_BREAK, R_PAID_BREAK_AFTER, R_BREAKS, R_MIN, R_MAX
};

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
    [R_LENGTH] = {"length", CC_VK_CUSTOM, CC_F_REQUIRED, .doc_type = "duration or range",
                  .doc_allowed = "the interval to 24h, or a range `\"4h-9h\"`; whole intervals",
                  .missing = "time on site, e.g. 8h or \"4h-9h\"",
                  .help = "time on site, breaks included; may run past midnight; a range "
                          "allows every length in it, `length_step` apart"},
    [R_LENGTH_STEP] = {"length_step", CC_VK_DURATION, .lo = CC_LIMIT_INTERVAL, .hi = DAY,
                       .doc_allowed = "whole intervals; needs a range of lengths, whole steps "
                                      "long",
                       .doc_default = "`step`",
                       .help = "spacing of the lengths of a range"},
    [R_DAYS] = {"days", CC_VK_DAYS, .def = 0x7f, .help = "weekdays a shift may start"},
    [R_BREAK] = {"unpaid_break", CC_VK_DURATION, .lo = 0, .hi = DAY,
                 .doc_allowed = "whole intervals, inside the shift with work before and after "
                                "it",
                 .doc_default = "none",
                 .help = "unpaid break, off the phones and off the paid hours"},
    [R_BREAK_AFTER] = {"break_after", CC_VK_CUSTOM, .doc_type = "duration or range",
                       .doc_allowed = "a duration or a window `\"3h-5h\"`; whole intervals; "
                                      "needs `unpaid_break`",
                       .doc_default = "mid-shift, on the interval grid (one length only)",
                       .help = "unpaid break start after the shift start; the roster chooses "
                               "it within a window"},
    [R_PAID_BREAK] = {"paid_break", CC_VK_DURATION, .lo = 0, .hi = DAY,
                      .doc_allowed = "whole intervals, inside the shift with work before and "
                                     "after it",
                      .doc_default = "none",
                      .help = "paid break, off the phones but in the paid hours"},
    [R_PAID_BREAK_AFTER] = {"paid_break_after", CC_VK_CUSTOM, .doc_type = "duration or range",
                            .doc_allowed = "as `break_after`; needs `paid_break`",
                            .doc_default = "mid-shift, on the interval grid (one length only)",
                            .help = "paid break start after the shift start"},
    [R_BREAKS] = {"breaks", CC_VK_LIST, CC_F_INLINE, .lo = 1, .hi = CC_MAX_SHIFT_BREAKS,
                  .sub = &break_schema, .doc_type = "list of breaks",
                  .doc_allowed = "not with `unpaid_break` or `paid_break`; windows apart",
                  .doc_default = "none",
                  .help = "the breaks of each shift, instead of `unpaid_break` and `paid_break`: "
                          "a list of mappings of the keys below"},
    [R_MIN] = {"min_agents", CC_VK_LONG, .lo = 0, .hi = CC_MAX_AGENTS,
               .help = "at least this many start at every allowed start and day (all lengths "
                       "together)"},
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
static int rule_duration(cc_loader *L, const cc_field *f, yaml_node_t *n, const char *path,
                         double *out, yaml_node_t **at)
{
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v = cc_field_node(L, f, n, path, p);

    if (at)
        *at = v;
    if (!v)
        return 1;
    return cc_field_parse(L, f, v, p, out) && whole_intervals_at(L, v, p, *out, 0);
}

/*
 * A duration that may join units, as written in break windows: "1h30m" is
 * "1h" plus "30m"; each part is read by cc_parse_duration. Returns CC_OK.
 */
static cc_status parse_duration_parts(const char *t, size_t len, double *out)
{
    char part[32];
    size_t i = 0;
    int n = 0;

    *out = 0.0;
    while (i < len) {
        size_t start = i;
        double x;
        while (i < len && (isdigit((unsigned char)t[i]) || t[i] == '.' || t[i] == ' '))
            i++;
        while (i < len && isalpha((unsigned char)t[i]))
            i++;
        if (i == start || i - start >= sizeof part ||
            (i < len && !isalpha((unsigned char)t[i - 1])) ||
            (n > 0 && !isalpha((unsigned char)t[i - 1])))
            return CC_EINVAL; /* a bare number only alone: "1h30" is not 1h30m */
        memcpy(part, t + start, i - start);
        part[i - start] = '\0';
        if (cc_parse_duration(part, &x) != CC_OK)
            return CC_EINVAL;
        *out += x;
        n++;
    }
    return n > 0 ? CC_OK : CC_EINVAL;
}

/*
 * A duration, or a range "A-B" of durations with A <= B, each from `lo` to
 * 24h and a whole number of intervals ("1h30m" joins units). Returns 1
 * with *a and *b set.
 */
static int get_duration_range(cc_loader *L, yaml_node_t *n, const char *path, double lo,
                              double *a, double *b)
{
    const char *t = cc_yw_text(&L->w, n, path, "a duration or a range such as \"3h-5h\"");
    const char *dash;
    char shown[64], lo_text[32];

    if (!t)
        return 0;
    dash = strchr(t + (*t == '-'), '-');
    if (!dash && parse_duration_parts(t, strlen(t), a) != CC_OK) {
        cc_yw_duration(&L->w, n, path, lo, DAY, a); /* its message */
        return 0;
    }
    if (!dash) {
        *b = *a;
    } else if (parse_duration_parts(t, (size_t)(dash - t), a) != CC_OK ||
               parse_duration_parts(dash + 1, strlen(dash + 1), b) != CC_OK) {
        cc_yw_error(&L->w, CC_ESCHEMA, n, path,
                    "expected a duration or a range such as \"3h-5h\", got '%s'",
                    cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    if (*a < lo || *b > DAY || *b < *a) {
        cc_yw_format_duration(lo, lo_text, sizeof(lo_text));
        cc_yw_error(&L->w, CC_EINVAL, n, path,
                    dash ? "'%s': a range runs from a shorter to a longer duration, within %s "
                           "to 24h"
                         : "'%s' is not within %s to 24h",
                    cc_yw_show(n, shown, sizeof(shown)), lo_text);
        return 0;
    }
    return whole_intervals_at(L, n, path, *a, 0) && whole_intervals_at(L, n, path, *b, 0);
}

/* One break as loaded, with where it was written (for messages). */
typedef struct break_at {
    cc_plan_break b;              /* the break */
    yaml_node_t *node;            /* the node messages point at */
    char path[CC_YW_PATH_MAX];    /* its key path */
} break_at;

/* One entry of `breaks`; returns 1 when valid. */
static int load_break_entry(cc_loader *L, yaml_node_t *n, const char *path, break_at *out)
{
    const cc_field *F = break_fields;
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v;
    int ok = 1;

    memset(out, 0, sizeof *out);
    out->node = n;
    snprintf(out->path, sizeof out->path, "%s", path);
    if (!cc_yw_expect(&L->w, n, YAML_MAPPING_NODE, path,
                      "a break {length, paid, after, shifts_over}"))
        return 0;
    {
        size_t before = L->w.d.n;
        if (!cc_schema_keys(L, &break_schema, n, path) || L->w.d.n != before)
            return 0;
    }
    if (!cc_yw_map_get(&L->w, n, F[B_LENGTH].key) || !cc_yw_map_get(&L->w, n, F[B_AFTER].key)) {
        const cc_field *missing = &F[cc_yw_map_get(&L->w, n, F[B_LENGTH].key) ? B_AFTER : B_LENGTH];
        cc_yw_error(&L->w, CC_ESCHEMA, n, path, "missing '%s' (%s)", missing->key,
                    missing->missing);
        return 0;
    }
    ok &= rule_duration(L, &F[B_LENGTH], n, path, &out->b.length_s, NULL);
    if ((v = cc_field_node(L, &F[B_PAID], n, path, p)))
        ok &= cc_field_parse(L, &F[B_PAID], v, p, &out->b.paid);
    if ((v = cc_field_node(L, &F[B_AFTER], n, path, p))) {
        ok &= get_duration_range(L, v, p, L->s->interval_s, &out->b.after_min_s,
                                 &out->b.after_max_s);
        out->node = v;
        snprintf(out->path, sizeof out->path, "%s", p);
    }
    if ((v = cc_field_node(L, &F[B_OVER], n, path, p)))
        ok &= cc_field_parse(L, &F[B_OVER], v, p, &out->b.shifts_over_s);
    return ok;
}

/* `breaks`: a list of 1 to CC_MAX_SHIFT_BREAKS entries. */
static int load_break_list(cc_loader *L, yaml_node_t *v, const char *path, break_at *out,
                           int *n)
{
    yaml_node_item_t *it;
    int ok = 1, i = 0;

    *n = 0;
    if (!cc_yw_expect(&L->w, v, YAML_SEQUENCE_NODE, path, "a list of breaks"))
        return 0;
    if (cc_yw_seq_len(v) == 0 || cc_yw_seq_len(v) > CC_MAX_SHIFT_BREAKS) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "give 1 to %d breaks", CC_MAX_SHIFT_BREAKS);
        return 0;
    }
    for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        if (!x)
            return 0;
        cc_yw_index(ip, path, i);
        ok &= load_break_entry(L, x, ip, &out[*n]);
        (*n)++;
    }
    return ok;
}

/*
 * A shorthand break (`unpaid_break` with `break_after`, or `paid_break`
 * with `paid_break_after`); 1 when valid. Without a start it goes
 * mid-shift on the interval grid, which needs a single length.
 */
static int load_short_break(cc_loader *L, const cc_plan_shift_rule *r, yaml_node_t *n,
                            const char *path, int key, int after_key, int paid, break_at *out,
                            int *n_out)
{
    const cc_field *F = shift_rule_fields;
    char p[CC_YW_PATH_MAX];
    yaml_node_t *bv, *av = cc_field_node(L, &F[after_key], n, path, p);
    double len = 0.0, dt = L->s->interval_s;
    break_at *b = &out[*n_out];

    if (!rule_duration(L, &F[key], n, path, &len, &bv))
        return 0;
    if (av && (!bv || len == 0.0)) {
        cc_yw_error(&L->w, CC_EINVAL, av, p, "there is no '%s' to place", F[key].key);
        return 0;
    }
    if (!bv || len == 0.0)
        return 1;
    memset(b, 0, sizeof *b);
    b->b.length_s = len;
    b->b.paid = paid;
    if (av) {
        if (!get_duration_range(L, av, p, dt, &b->b.after_min_s, &b->b.after_max_s))
            return 0;
        b->node = av;
        snprintf(b->path, sizeof b->path, "%s", p);
    } else {
        cc_yw_join(b->path, path, F[key].key);
        b->node = bv;
        if (r->max_length_s > r->length_s) {
            cc_yw_error(&L->w, CC_EINVAL, bv, b->path,
                        "with a range of lengths, say when the break may start: '%s', e.g. "
                        "\"3h-5h\"",
                        F[after_key].key);
            return 0;
        }
        b->b.after_min_s = b->b.after_max_s = floor((r->length_s - len) / 2.0 / dt) * dt;
    }
    (*n_out)++;
    return 1;
}

/*
 * The breaks of a rule against its lengths: each inside every shift it is
 * in (work before and after it), in some shift at all, and apart from the
 * breaks of the same shifts. Sorts them by earliest start into r->breaks.
 */
static int check_breaks(cc_loader *L, cc_plan_shift_rule *r, break_at *b, int n)
{
    double longest = r->max_length_s, dt = L->s->interval_s;
    char x[32], y[32], z[32], w[32];

    for (int i = 1; i < n; i++) /* insertion sort by earliest start: at most 4 */
        for (int j = i; j > 0 && b[j].b.after_min_s < b[j - 1].b.after_min_s; j--) {
            break_at t = b[j];
            b[j] = b[j - 1];
            b[j - 1] = t;
        }
    for (int i = 0; i < n; i++) {
        const cc_plan_break *k = &b[i].b;
        double shortest = r->length_s;
        if (!(longest > k->shifts_over_s)) {
            cc_yw_format_duration(longest, x, sizeof x);
            cc_yw_error(&L->w, CC_EINVAL, b[i].node, b[i].path,
                        "the break is in no shift: the longest is %s, not over 'shifts_over'",
                        x);
            return 0;
        }
        while (!(shortest > k->shifts_over_s)) /* the shortest length the break is in */
            shortest += r->length_step_s > 0 ? r->length_step_s : dt;
        if (!(k->after_max_s + k->length_s < shortest - 1e-6) || k->after_min_s < dt - 1e-6) {
            cc_yw_format_duration(k->length_s, x, sizeof x);
            cc_yw_format_duration(k->after_min_s, y, sizeof y);
            cc_yw_format_duration(k->after_max_s, z, sizeof z);
            cc_yw_format_duration(shortest, w, sizeof w);
            cc_yw_error(&L->w, CC_EINVAL, b[i].node, b[i].path,
                        "a %s break must fall inside the %s shift, with work before and after "
                        "it (it starts %s%s%s after the start)%s",
                        x, w, y, k->after_max_s > k->after_min_s ? " to " : "",
                        k->after_max_s > k->after_min_s ? z : "",
                        r->max_length_s > r->length_s && k->after_min_s >= dt - 1e-6
                            ? "; leave it out of shorter shifts with `breaks` and "
                              "`shifts_over`"
                            : "");
            return 0;
        }
        if (i > 0 && b[i - 1].b.after_max_s + b[i - 1].b.length_s > k->after_min_s + 1e-6) {
            cc_yw_format_duration(k->after_min_s, x, sizeof x);
            cc_yw_format_duration(b[i - 1].b.after_max_s + b[i - 1].b.length_s, y, sizeof y);
            cc_yw_error(&L->w, CC_EINVAL, b[i].node, b[i].path,
                        "this break may start %s after the start, before the break ahead of it "
                        "may end (%s); give the breaks windows apart",
                        x, y);
            return 0;
        }
        r->breaks[i] = *k;
    }
    r->n_breaks = n;
    return 1;
}

/* `length`: one duration, or a range with `length_step` (default `step`). */
static int load_lengths(cc_loader *L, cc_plan_shift_rule *r, yaml_node_t *n, const char *path,
                        yaml_node_t *lv)
{
    const cc_field *F = shift_rule_fields;
    char p[CC_YW_PATH_MAX], a[32], b[32], c[32];
    yaml_node_t *sv;
    double span;

    cc_yw_join(p, path, F[R_LENGTH].key);
    if (!get_duration_range(L, lv, p, L->s->interval_s, &r->length_s, &r->max_length_s))
        return 0;
    r->length_step_s = r->step_s;
    if (!rule_duration(L, &F[R_LENGTH_STEP], n, path, &r->length_step_s, &sv))
        return 0;
    cc_yw_join(p, path, F[R_LENGTH_STEP].key);
    if (sv && r->max_length_s == r->length_s) {
        cc_yw_error(&L->w, CC_EINVAL, sv, p, "needs a range of lengths, e.g. length: \"4h-9h\"");
        return 0;
    }
    span = (r->max_length_s - r->length_s) / r->length_step_s;
    if (fabs(span - nearbyint(span)) > 1e-9) {
        cc_yw_format_duration(r->length_s, a, sizeof a);
        cc_yw_format_duration(r->max_length_s, b, sizeof b);
        cc_yw_format_duration(r->length_step_s, c, sizeof c);
        cc_yw_error(&L->w, CC_EINVAL, sv ? sv : lv, sv ? p : path,
                    "lengths %s to %s are not whole steps of %s apart", a, b, c);
        return 0;
    }
    return 1;
}

/* The breaks of a rule: `breaks`, or the unpaid_break and paid_break shorthands. */
static int load_rule_breaks(cc_loader *L, cc_plan_shift_rule *r, yaml_node_t *n,
                            const char *path)
{
    const cc_field *F = shift_rule_fields;
    static const int shorthand[] = {R_BREAK, R_BREAK_AFTER, R_PAID_BREAK, R_PAID_BREAK_AFTER};
    char p[CC_YW_PATH_MAX];
    yaml_node_t *lv = cc_field_node(L, &F[R_BREAKS], n, path, p);
    break_at b[CC_MAX_SHIFT_BREAKS];
    int nb = 0;

    if (lv) {
        for (size_t k = 0; k < sizeof shorthand / sizeof shorthand[0]; k++) {
            char q[CC_YW_PATH_MAX];
            yaml_node_t *v = cc_field_node(L, &F[shorthand[k]], n, path, q);
            if (v) {
                cc_yw_error(&L->w, CC_EINVAL, v, q,
                            "give the breaks either as 'breaks' or as "
                            "'unpaid_break'/'paid_break', not both");
                return 0;
            }
        }
        if (!load_break_list(L, lv, p, b, &nb))
            return 0;
    } else {
        if (!load_short_break(L, r, n, path, R_BREAK, R_BREAK_AFTER, 0, b, &nb))
            return 0;
        if (nb == 1) { /* unpaid_break as written, as before */
            r->break_s = b[0].b.length_s;
            r->break_after_s = b[0].b.after_min_s;
        }
        if (!load_short_break(L, r, n, path, R_PAID_BREAK, R_PAID_BREAK_AFTER, 1, b, &nb))
            return 0;
    }
    return check_breaks(L, r, b, nb);
}

/* One item of plan.shift_rules.TEAM; returns 1 when valid (then *r owns its name). */
static int load_shift_rule(cc_loader *L, cc_plan_shift_rule *r, int idx, yaml_node_t *n,
                           const char *path)
{
    const cc_field *F = shift_rule_fields;
    char p[CC_YW_PATH_MAX];
    yaml_node_t *v, *sv, *lv;
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
    ok &= rule_duration(L, &F[R_STEP], n, path, &r->step_s, NULL);
    ok = ok && load_lengths(L, r, n, path, lv);
    if ((v = cc_field_node(L, &F[R_DAYS], n, path, p)))
        ok &= cc_field_parse(L, &F[R_DAYS], v, p, &r->days);
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
    if (!ok || !load_rule_breaks(L, r, n, path))
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

static const cc_field part_time_fields[] = {
    {"max_share", CC_VK_SHARE, .hi = 1, .def = 1,
     .at = CC_AT(cc_plan_settings, part_time_max_share),
     .help = "at most this share of a team's shifts starting in each 7-day week are part-time"},
    {"below", CC_VK_DURATION, .lo = 0, .hi = DAY, .def = 6 * 3600.0,
     .at = CC_AT(cc_plan_settings, part_time_below_s),
     .help = "shifts shorter than this (time on site) are part-time"},
};

static const cc_schema part_time_schema = CC_SCHEMA("plan.part_time", part_time_fields);

static const cc_field days_off_fields[] = {
    {"per_week", CC_VK_INT, .lo = 0, .hi = 6, .def = 2,
     .at = CC_AT(cc_plan_settings, days_off.days_off),
     .help = "days off of every agent line in each 7-day week"},
    {"consecutive", CC_VK_BOOL, .def = 1, .at = CC_AT(cc_plan_settings, days_off.consecutive),
     .help = "a week's days off are consecutive (Sunday to Monday counts)"},
};

static const cc_schema days_off_schema = CC_SCHEMA("plan.days_off", days_off_fields);

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
    {"part_time", CC_VK_MAP, CC_F_INLINE, .sub = &part_time_schema, .shorthand = "max_share",
     .help = "a cap on part-time shifts in each team's roster; a bare share is `max_share`"},
    {"days_off", CC_VK_MAP, CC_F_INLINE, .sub = &days_off_schema, .shorthand = "per_week",
     .help = "days off of the weekly agent lines (`agents.csv`); a bare number is `per_week`"},
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
