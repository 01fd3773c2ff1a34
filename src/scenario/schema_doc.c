/*
 * The key reference of scenarios/README.md, printed from the schema: one
 * Markdown table per section, a row per key giving its type, allowed
 * values, default and meaning. A unit test compares the README with these
 * tables, so the documentation cannot drift from what the loader accepts.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "scenario/loader.h"

#define DAY 86400.0

const cc_schema *const cc_schema_documented[] = {
    &cc_schema_top,      &cc_schema_horizon,    &cc_schema_profile,      &cc_schema_channel,
    &cc_schema_profile_days, &cc_schema_target, &cc_schema_dist,         &cc_schema_season,
    &cc_schema_chatbot,  &cc_schema_team,       &cc_schema_shift,        &cc_schema_routing,
    &cc_schema_route,    &cc_schema_simulation, &cc_schema_plan,         &cc_schema_shift_rule,
    &cc_schema_option,   NULL,
};

const cc_schema *cc_schema_find(const char *name)
{
    int i;
    for (i = 0; cc_schema_documented[i]; i++)
        if (!strcmp(cc_schema_documented[i]->name, name))
            return cc_schema_documented[i];
    return NULL;
}

/* ---- text ----------------------------------------------------------------------------- */

/* A growing string. */
typedef struct text {
    char *s;                      /* NUL-terminated, owned */
    size_t len, cap;              /* bytes used (without the NUL) and allocated */
} text;

__attribute__((format(printf, 2, 3))) static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < t->cap - t->len)
            break;
        t->cap = 2 * t->cap + (n > 0 ? (size_t)n : 0);
        t->s = cc_xrealloc(t->s, t->cap);
    }
    t->len += (size_t)n;
}

/* Cell text: '|' escaped so it stays in its column. */
static void put_cell(text *t, const char *s)
{
    for (; *s; s++)
        put(t, *s == '|' ? "\\|" : "%c", *s);
}

/* A number as a scenario would write it, with thousands separators from 10,000. */
static void format_number(double x, char *buf, size_t size)
{
    char digits[64], *p;
    size_t n, i, o = 0;

    if (x != floor(x) || fabs(x) < 10000 || fabs(x) >= 1e15) {
        snprintf(buf, size, "%g", x);
        return;
    }
    snprintf(digits, sizeof(digits), "%.0f", fabs(x));
    n = strlen(digits);
    p = buf;
    if (x < 0 && o + 1 < size)
        p[o++] = '-';
    for (i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            p[o++] = ',';
        p[o++] = digits[i];
    }
    p[o] = '\0';
}

static void format_share(double x, char *buf, size_t size)
{
    snprintf(buf, size, "%g%%", x * 100.0);
}

/* A duration in the largest unit that writes it with at most one decimal: 37.5h, 30m, 30d. */
static void format_duration(double s, char *buf, size_t size)
{
    static const struct {
        double unit;              /* seconds */
        char suffix;              /* as written in a scenario */
        double from;              /* used from this many units */
    } units[] = {{DAY, 'd', 10}, {3600, 'h', 1}, {60, 'm', 1}};
    size_t i;

    for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        double v = s / units[i].unit;
        if (v >= units[i].from && v * 10 == floor(v * 10)) {
            snprintf(buf, size, "%g%c", v, units[i].suffix);
            return;
        }
    }
    snprintf(buf, size, "%gs", s);
}

static void format_bound(const cc_field *f, double x, char *buf, size_t size)
{
    if (f->kind == CC_VK_DURATION && x == CC_LIMIT_INTERVAL)
        snprintf(buf, size, "the interval");
    else if (f->kind == CC_VK_DURATION)
        format_duration(x, buf, size);
    else
        format_number(x, buf, size);
}

/* ---- columns -------------------------------------------------------------------------- */

static const char *kind_type(const cc_field *f, char *buf, size_t size)
{
    static const char *const names[] = {
        [CC_VK_NOTE] = "text",        [CC_VK_TEXT] = "text",
        [CC_VK_INT] = "whole number", [CC_VK_LONG] = "whole number",
        [CC_VK_U64] = "whole number", [CC_VK_NUMBER] = "number",
        [CC_VK_DURATION] = "duration", [CC_VK_SHARE] = "share",
        [CC_VK_BOOL] = "boolean",     [CC_VK_ENUM] = "name",
        [CC_VK_DATE] = "date",        [CC_VK_TIME] = "time of day",
        [CC_VK_UTC] = "UTC offset",   [CC_VK_DAYS] = "days of the week",
        [CC_VK_DIST] = "distribution", [CC_VK_CHANNEL] = "channel",
        [CC_VK_TEAM] = "team",        [CC_VK_MAP] = "mapping",
        [CC_VK_NAMES] = "mapping of names", [CC_VK_LIST] = "list",
        [CC_VK_CUSTOM] = "",
    };

    if (f->doc_type)
        return f->doc_type;
    if (f->kind == CC_VK_MAP && f->shorthand) {
        snprintf(buf, size, "%s or mapping", kind_type(cc_schema_field(f->sub, f->shorthand),
                                                       buf, size));
        return buf;
    }
    return names[f->kind];
}

/* The allowed values the kind and limits of `f` give (nothing for mappings and lists). */
static void put_range(text *t, const cc_field *f)
{
    char lo[48], hi[48];
    int i;

    switch (f->kind) {
    case CC_VK_INT:
    case CC_VK_LONG:
    case CC_VK_U64:
    case CC_VK_NUMBER:
    case CC_VK_DURATION:
        format_bound(f, f->lo, lo, sizeof(lo));
        format_bound(f, f->hi, hi, sizeof(hi));
        if (f->hi >= (double)LONG_MAX)
            put(t, "%s or more", lo);
        else
            put(t, "%s to %s", lo, hi);
        break;
    case CC_VK_SHARE:
        format_share(f->hi, hi, sizeof(hi));
        put(t, f->hi >= 1e6 ? "0 or more" : "0 to %s", hi);
        break;
    case CC_VK_BOOL: put(t, "`true`, `false`"); break;
    case CC_VK_ENUM:
        for (i = 0; f->names[i]; i++)
            put(t, "%s`%s`", i ? ", " : "", f->names[i]);
        break;
    case CC_VK_DATE: put(t, "`YYYY-MM-DD`"); break;
    case CC_VK_TIME: put(t, "`00:00` to `%s`", f->hi >= DAY ? "24:00" : "23:59"); break;
    case CC_VK_UTC: put(t, "`-14h` to `+14h`"); break;
    case CC_VK_DAYS:
        put(t, "`mon`..`sun`, a range `mon-fri`, `daily`, `weekdays`, `weekend`, or a list");
        break;
    case CC_VK_DIST:
        put(t, f->flags & CC_F_NONE ? "see Distributions; or `none`" : "see Distributions");
        break;
    case CC_VK_CHANNEL: put(t, "a channel of `channels`"); break;
    case CC_VK_TEAM: put(t, "a team of `teams`"); break;
    case CC_VK_NAMES:
    case CC_VK_LIST:
        format_number(f->lo, lo, sizeof(lo));
        format_number(f->hi, hi, sizeof(hi));
        if (f->hi > 0 && f->lo > 0)
            put(t, "%s to %s", lo, hi);
        else if (f->hi > 0)
            put(t, "at most %s", hi);
        break;
    case CC_VK_CUSTOM:
        if (f->item != CC_VK_NOTE) {
            cc_field each = *f;
            each.kind = f->item;
            put(t, "each ");
            put_range(t, &each);
        }
        break;
    default: break;
    }
}

static void put_allowed(text *t, const cc_field *f)
{
    size_t before = t->len;

    if (!(f->flags & CC_F_OWN_DOC))
        put_range(t, f);
    if (f->doc_allowed) {
        if (t->len > before)
            put(t, "; ");
        put_cell(t, f->doc_allowed);
    }
}

static void put_default(text *t, const cc_field *f)
{
    char buf[48];

    if (f->doc_default) {
        put_cell(t, f->doc_default);
        return;
    }
    if (f->flags & CC_F_REQUIRED) {
        put(t, "required");
        return;
    }
    switch (f->kind) {
    case CC_VK_NOTE:
    case CC_VK_TEXT: put(t, "`\"\"`"); break;
    case CC_VK_INT:
    case CC_VK_LONG:
    case CC_VK_U64:
    case CC_VK_NUMBER:
        format_number(f->def, buf, sizeof(buf));
        put(t, "`%s`", buf);
        break;
    case CC_VK_DURATION:
        format_duration(f->def, buf, sizeof(buf));
        put(t, "`%s`", buf);
        break;
    case CC_VK_SHARE:
        format_share(f->def, buf, sizeof(buf));
        put(t, "`%s`", buf);
        break;
    case CC_VK_BOOL: put(t, "`%s`", f->def != 0 ? "true" : "false"); break;
    case CC_VK_ENUM: put(t, "`%s`", f->names[(int)f->def]); break;
    case CC_VK_UTC: put(t, "`+00:00`"); break;
    case CC_VK_DAYS: put(t, (unsigned)f->def == 0x7fu ? "every day" : "none"); break;
    case CC_VK_MAP: break; /* its keys say */
    default: put(t, "none"); break;
    }
}

static void put_rows(text *t, const cc_schema *s, const char *prefix)
{
    int i;

    for (i = 0; i < s->n_fields; i++) {
        const cc_field *f = &s->fields[i];
        char type[96], key[CC_YW_PATH_MAX];

        snprintf(key, sizeof(key), "%s%s", prefix, f->key);
        put(t, "| `%s` | ", key);
        put_cell(t, kind_type(f, type, sizeof(type)));
        put(t, " | ");
        put_allowed(t, f);
        put(t, " | ");
        put_default(t, f);
        put(t, " | ");
        put_cell(t, f->help ? f->help : "");
        put(t, " |\n");
        if ((f->flags & CC_F_INLINE) && f->sub) {
            char sub[CC_YW_PATH_MAX + 2];
            snprintf(sub, sizeof(sub), "%s.", key);
            put_rows(t, f->sub, sub);
        }
    }
}

char *cc_schema_markdown(const cc_schema *s)
{
    text t = {cc_xmalloc(1024), 0, 1024};

    t.s[0] = '\0';
    put(&t, "| key | type | allowed | default | meaning |\n");
    put(&t, "|---|---|---|---|---|\n");
    put_rows(&t, s, "");
    return t.s;
}
