/*
 * The generic YAML walker (yaml_walk.h): node access under a visit budget,
 * diagnostics at 1-based positions, key paths, mapping checks and typed
 * scalars with units. Messages follow one pattern, "PATH: what is wrong
 * (what is allowed)", and quote user text through cc_yw_show so a message
 * stays one printable line.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/clocale.h"
#include "util/alloc.h"
#include "util/suggest.h"
#include "cc_units.h"
#include "scenario/scenario_internal.h"
#include "scenario/yaml_walk.h"

static const char *const weekday_names[CC_WEEKDAYS] = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

static int count_list(const char *const *list)
{
    int n = 0;
    while (list[n])
        n++;
    return n;
}

/* ---- positions and diagnostics ---------------------------------------------- */

/* The event pass of cc_yw_depth_ok over an initialised parser, which it deletes. */
static int depth_pass(yaml_parser_t *pp, int max, int *line, int *col)
{
    yaml_parser_t parser = *pp;
    yaml_event_t ev;
    int depth = 0, ok = 1, done = 0;

    while (!done) {
        if (!yaml_parser_parse(&parser, &ev))
            break; /* a syntax error: the loader's own pass reports it */
        switch (ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > max) {
                *line = (int)ev.start_mark.line + 1;
                *col = (int)ev.start_mark.column + 1;
                ok = 0;
                done = 1;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return ok;
}

int cc_yw_depth_ok(const char *text, size_t len, int max, int *line, int *col)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return 1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    return depth_pass(&parser, max, line, col);
}

int cc_yw_depth_ok_file(FILE *fp, int max, int *line, int *col)
{
    yaml_parser_t parser;
    int ok;
    if (!yaml_parser_initialize(&parser))
        return 1;
    yaml_parser_set_input_file(&parser, fp);
    ok = depth_pass(&parser, max, line, col);
    rewind(fp);
    return ok;
}

void cc_yw_pos(const yaml_node_t *n, int *line, int *col)
{
    if (!n || n->start_mark.line == CC_YW_NO_LINE) {
        *line = 0;
        *col = 0;
        return;
    }
    *line = n->start_mark.line >= INT_MAX ? INT_MAX : (int)n->start_mark.line + 1;
    *col = n->start_mark.column >= INT_MAX ? INT_MAX : (int)n->start_mark.column + 1;
}

static void vreport(cc_yw *w, cc_diag_level level, cc_status code, const yaml_node_t *n,
                    const char *path, const char *fmt, va_list ap)
{
    char msg[768];
    int line, col;

    vsnprintf(msg, sizeof(msg), fmt, ap);
    cc_yw_pos(n, &line, &col);
    if (path && path[0])
        cc_diag_add(&w->d, level, code, line, col, "%s: %s", path, msg);
    else
        cc_diag_add(&w->d, level, code, line, col, "%s", msg);
}

void cc_yw_error(cc_yw *w, cc_status code, const yaml_node_t *n, const char *path, const char *fmt,
                 ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(w, CC_DIAG_ERROR, code, n, path, fmt, ap);
    va_end(ap);
}

void cc_yw_warn(cc_yw *w, const yaml_node_t *n, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(w, CC_DIAG_WARNING, CC_OK, n, path, fmt, ap);
    va_end(ap);
}

/* ---- node access -------------------------------------------------------------- */

yaml_node_t *cc_yw_node(cc_yw *w, int id)
{
    if (w->visits >= CC_YW_MAX_VISITS) {
        if (!w->budget_blown) {
            w->budget_blown = 1;
            cc_diag_add(&w->d, CC_DIAG_ERROR, CC_EINVAL, 0, 0,
                        "document too complex: more than %ld nodes visited (aliases "
                        "repeating large parts?)",
                        CC_YW_MAX_VISITS);
        }
        return NULL;
    }
    w->visits++;
    return yaml_document_get_node(&w->doc, id);
}

/* Copies `text` at out[*used], truncating at CC_YW_PATH_MAX - 1 bytes. */
static void path_put(char *out, size_t *used, const char *text)
{
    while (*text && *used + 1 < CC_YW_PATH_MAX)
        out[(*used)++] = *text++;
    out[*used] = '\0';
}

void cc_yw_join(char *out, const char *parent, const char *key)
{
    size_t used = 0;
    out[0] = '\0';
    if (parent && parent[0]) {
        path_put(out, &used, parent);
        path_put(out, &used, ".");
    }
    path_put(out, &used, key);
}

void cc_yw_index(char *out, const char *parent, long i)
{
    char num[32];
    size_t used = 0;
    snprintf(num, sizeof(num), "[%ld]", i);
    out[0] = '\0';
    path_put(out, &used, parent);
    path_put(out, &used, num);
}

/* Copies a scalar for quoting in a message: at most 40 bytes, control characters as '?'. */
const char *cc_yw_show(const yaml_node_t *n, char *buf, size_t size)
{
    const char *v;
    size_t i, len;

    if (!n || n->type != YAML_SCALAR_NODE) {
        snprintf(buf, size, "%s", !n ? "?" : n->type == YAML_SEQUENCE_NODE ? "[...]" : "{...}");
        return buf;
    }
    v = cc_yw_scalar(n);
    len = strlen(v);
    for (i = 0; i < len && i + 4 < size && i < 40; i++)
        buf[i] = (unsigned char)v[i] < 0x20 || v[i] == 0x7f ? '?' : v[i];
    if (i < len && i + 4 <= size) {
        memcpy(buf + i, "...", 3);
        i += 3;
    }
    buf[i] = '\0';
    return buf;
}

/* 1 when a scalar holds a NUL byte (YAML allows "\0"), which C strings would cut. */
int cc_yw_has_nul(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && strlen(cc_yw_scalar(n)) != n->data.scalar.length;
}

const char *cc_yw_type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a value";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

int cc_yw_is_null(const yaml_node_t *n)
{
    const char *v;
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    v = cc_yw_scalar(n);
    return !v[0] || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
           !strcmp(v, "NULL");
}

/* Writes "a, b or c" into buf, skipping NULL entries. */
const char *cc_yw_join_names(const char *const *names, int n, char *buf, size_t size)
{
    size_t used = 0;
    int i, shown = 0, total = 0;

    for (i = 0; i < n; i++)
        total += names[i] != NULL;
    buf[0] = '\0';
    for (i = 0; i < n && used + 1 < size; i++) {
        int w;
        if (!names[i])
            continue;
        w = snprintf(buf + used, size - used, "%s%s",
                     shown == 0 ? "" : shown == total - 1 ? " or " : ", ", names[i]);
        if (w < 0)
            break;
        shown++;
        used += (size_t)w;
        if (used >= size)
            used = size - 1;
    }
    return buf;
}

int cc_yw_expect(cc_yw *w, yaml_node_t *n, yaml_node_type_t type, const char *path,
                 const char *what)
{
    if (n->type == type)
        return 1;
    cc_yw_error(w, CC_ESCHEMA, n, path, "expected %s, got %s", what, cc_yw_type_name(n));
    return 0;
}

/*
 * Checks that `map` is a mapping whose keys are scalars from `keys`
 * (NULL-terminated), each at most once. Unknown keys get a did-you-mean.
 * Returns 1 when `map` is a mapping (even with bad keys), 0 otherwise.
 */
int cc_yw_check_keys(cc_yw *w, yaml_node_t *map, const char *path, const char *const *keys,
                     int nkeys)
{
    yaml_node_pair_t *p;
    yaml_node_t *seen[64] = {0};

    if (!cc_yw_expect(w, map, YAML_MAPPING_NODE, path, "a mapping"))
        return 0;
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = cc_yw_node(w, p->key);
        const char *hint;
        char shown[64];
        int i;

        if (!k)
            return 1;
        if (k->type != YAML_SCALAR_NODE || cc_yw_has_nul(k)) {
            cc_yw_error(w, CC_ESCHEMA, k, path, "keys must be names, got %s",
                        cc_yw_has_nul(k) ? "text with a NUL byte" : cc_yw_type_name(k));
            continue;
        }
        for (i = 0; i < nkeys; i++)
            if (!strcmp(cc_yw_scalar(k), keys[i]))
                break;
        if (i < nkeys && i < 64) {
            if (seen[i]) {
                int line, col;
                cc_yw_pos(seen[i], &line, &col);
                cc_yw_error(w, CC_ESCHEMA, k, path, "duplicate key '%s' (first at line %d)",
                            keys[i], line);
            } else {
                seen[i] = k;
            }
            continue;
        }
        if (!strcmp(cc_yw_scalar(k), "<<")) {
            cc_yw_error(w, CC_ESCHEMA, k, path,
                        "merge keys ('<<') are not supported; write the keys out or use a named "
                        "profile");
            continue;
        }
        hint = w->d.n < CC_DIAG_MAX ? cc_suggest_key(cc_yw_scalar(k), keys, (size_t)nkeys) : NULL;
        if (hint)
            cc_yw_error(w, CC_ESCHEMA, k, path, "unknown key '%s' (did you mean '%s'?)",
                        cc_yw_show(k, shown, sizeof(shown)), hint);
        else {
            char allowed[512];
            cc_yw_error(w, CC_ESCHEMA, k, path, "unknown key '%s' (allowed: %s)",
                        cc_yw_show(k, shown, sizeof(shown)),
                        cc_yw_join_names(keys, nkeys, allowed, sizeof(allowed)));
        }
    }
    return 1;
}

/* The value of `key` in mapping `map` (first occurrence), or NULL. */
yaml_node_t *cc_yw_map_get(cc_yw *w, yaml_node_t *map, const char *key)
{
    yaml_node_pair_t *p;

    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = cc_yw_node(w, p->key);
        if (!k)
            return NULL;
        if (k->type == YAML_SCALAR_NODE && !strcmp(cc_yw_scalar(k), key))
            return cc_yw_node(w, p->value);
    }
    return NULL;
}

int cc_yw_valid_name(const char *v)
{
    size_t i, len = strlen(v);
    if (len == 0 || len > CC_MAX_NAME)
        return 0;
    for (i = 0; i < len; i++)
        if (!isalnum((unsigned char)v[i]) && v[i] != '_' && v[i] != '-')
            return 0;
    return 1;
}

/*
 * The name of a channel, bot or team entry: its key when that is a valid
 * name, else "" (the problem was reported when the map was checked).
 */
const char *cc_yw_entry_name(cc_yw *w, const yaml_node_pair_t *p)
{
    yaml_node_t *k = cc_yw_node(w, p->key);
    if (!k || k->type != YAML_SCALAR_NODE || cc_yw_has_nul(k) ||
        !cc_yw_valid_name(cc_yw_scalar(k)))
        return "";
    return cc_yw_scalar(k);
}

/*
 * Checks a mapping of user-chosen names (channels, teams...): keys must be
 * names of letters, digits, '_' and '-', unique, at most `max` of them.
 * Returns the number of entries to load (0 on a type error).
 */
int cc_yw_check_name_map(cc_yw *w, yaml_node_t *map, const char *path, int max, const char *what)
{
    yaml_node_pair_t *p, *q;

    if (!cc_yw_expect(w, map, YAML_MAPPING_NODE, path, "a mapping of names"))
        return 0;
    if (cc_yw_map_len(map) > (size_t)max) {
        cc_yw_error(w, CC_EINVAL, map, path, "%zu %s defined; at most %d are allowed",
                    cc_yw_map_len(map), what, max);
        return 0;
    }
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = cc_yw_node(w, p->key);
        char shown[64];
        if (!k)
            return 0;
        if (k->type != YAML_SCALAR_NODE || !cc_yw_valid_name(cc_yw_scalar(k)) || cc_yw_has_nul(k)) {
            cc_yw_error(w, CC_ESCHEMA, k, path,
                        "'%s' is not a valid name (1 to %d letters, digits, '_' or '-')",
                        cc_yw_show(k, shown, sizeof(shown)), CC_MAX_NAME);
            continue;
        }
        for (q = map->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *k2 = cc_yw_node(w, q->key);
            if (!k2)
                return 0;
            if (k2->type == YAML_SCALAR_NODE && !strcmp(cc_yw_scalar(k2), cc_yw_scalar(k))) {
                int line, col;
                cc_yw_pos(k2, &line, &col);
                cc_yw_error(w, CC_EINVAL, k, path, "duplicate name '%s' (first at line %d)",
                            cc_yw_scalar(k), line);
                break;
            }
        }
    }
    return (int)cc_yw_map_len(map);
}

/* ---- scalar getters ------------------------------------------------------------ */

/* Returns the scalar text of `n`, or NULL after reporting what was expected. */
const char *cc_yw_text(cc_yw *w, yaml_node_t *n, const char *path, const char *what)
{
    if (n->type != YAML_SCALAR_NODE) {
        cc_yw_error(w, CC_ESCHEMA, n, path, "expected %s, got %s", what, cc_yw_type_name(n));
        return NULL;
    }
    if (cc_yw_is_null(n)) {
        cc_yw_error(w, CC_ESCHEMA, n, path, "missing value (expected %s)", what);
        return NULL;
    }
    if (cc_yw_has_nul(n)) {
        cc_yw_error(w, CC_ESCHEMA, n, path, "contains a NUL byte (expected %s)", what);
        return NULL;
    }
    return cc_yw_scalar(n);
}

int cc_yw_number(cc_yw *w, yaml_node_t *n, const char *path, double lo, double hi, double *out)
{
    const char *t = cc_yw_text(w, n, path, "a number");
    char shown[64];
    double v;

    if (!t)
        return 0;
    if (cc_parse_number(t, &v) != CC_OK) {
        cc_yw_error(w, CC_ESCHEMA, n, path, "expected a number, got '%s'",
                    cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v < lo && lo == 0.0) {
        cc_yw_error(w, CC_EINVAL, n, path, "must not be negative, got %.15g", v);
        return 0;
    }
    if (v < lo || v > hi) {
        cc_yw_error(w, CC_EINVAL, n, path, "must be between %.15g and %.15g, got %.15g", lo, hi, v);
        return 0;
    }
    *out = v;
    return 1;
}

int cc_yw_long(cc_yw *w, yaml_node_t *n, const char *path, long lo, long hi, long *out)
{
    const char *t = cc_yw_text(w, n, path, "a whole number");
    char shown[64];
    long v;
    double dv;

    if (!t)
        return 0;
    if (cc_parse_count(t, LONG_MAX, &v) != CC_OK) {
        if (cc_parse_number(t, &dv) == CC_OK && dv < 0)
            cc_yw_error(w, CC_EINVAL, n, path, "must be a whole number from %ld to %ld, got '%s'",
                        lo, hi, cc_yw_show(n, shown, sizeof(shown)));
        else
            cc_yw_error(w, CC_ESCHEMA, n, path, "expected a whole number, got '%s'",
                        cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v < lo || v > hi) {
        cc_yw_error(w, CC_EINVAL, n, path, "must be a whole number from %ld to %ld, got %ld", lo,
                    hi, v);
        return 0;
    }
    *out = v;
    return 1;
}

int cc_yw_int(cc_yw *w, yaml_node_t *n, const char *path, int lo, int hi, int *out)
{
    long v;
    if (!cc_yw_long(w, n, path, lo, hi, &v))
        return 0;
    *out = (int)v;
    return 1;
}

void cc_yw_format_duration(double s, char *buf, size_t size)
{
    locale_t prev = cc_locale_enter(); /* '.' decimals whatever LC_NUMERIC says */
    if (s >= 86400 && fmod(s, 86400) == 0)
        snprintf(buf, size, "%gd", s / 86400);
    else if (s >= 3600 && fmod(s, 3600) == 0)
        snprintf(buf, size, "%gh", s / 3600);
    else if (s >= 60 && fmod(s, 60) == 0)
        snprintf(buf, size, "%gm", s / 60);
    else
        snprintf(buf, size, "%gs", s);
    cc_locale_leave(prev);
}

int cc_yw_duration(cc_yw *w, yaml_node_t *n, const char *path, double lo, double hi, double *out)
{
    const char *t = cc_yw_text(w, n, path, "a duration");
    char shown[64], a[32], b[32];
    double v;

    if (!t)
        return 0;
    if (cc_parse_duration(t, &v) != CC_OK) {
        while (isspace((unsigned char)*t))
            t++;
        if (*t == '-' && cc_parse_duration(t + 1, &v) == CC_OK)
            cc_yw_error(w, CC_EINVAL, n, path, "must not be negative, got '%s'",
                        cc_yw_show(n, shown, sizeof(shown)));
        else
            cc_yw_error(w, CC_ESCHEMA, n, path,
                        "expected a duration (seconds, or 30s, 5m, 4h, 2d), got '%s'",
                        cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v < lo || v > hi) {
        cc_yw_format_duration(lo, a, sizeof(a));
        cc_yw_format_duration(hi, b, sizeof(b));
        cc_yw_error(w, CC_EINVAL, n, path, "must be between %s and %s, got '%s'", a, b,
                    cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    *out = v;
    return 1;
}

/* A share: 0.35 or 35%, at most `hi` (1 = 100%). */
int cc_yw_share(cc_yw *w, yaml_node_t *n, const char *path, double hi, double *out)
{
    const char *t = cc_yw_text(w, n, path, "a share");
    char shown[64];
    double v, dv;

    if (!t)
        return 0;
    if (cc_parse_share(t, &v) != CC_OK) {
        char tmp[64];
        size_t len = strlen(t);
        snprintf(tmp, sizeof(tmp), "%s", t);
        if (len > 0 && len < sizeof(tmp) && tmp[len - 1] == '%')
            tmp[len - 1] = '\0';
        if (cc_parse_number(tmp, &dv) == CC_OK && dv < 0)
            cc_yw_error(w, CC_EINVAL, n, path, "must not be negative, got '%s'",
                        cc_yw_show(n, shown, sizeof(shown)));
        else
            cc_yw_error(w, CC_ESCHEMA, n, path, "expected a share like 0.35 or 35%%, got '%s'",
                        cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v > hi) {
        cc_yw_error(w, CC_EINVAL, n, path, "must be at most %g%%, got '%s'", hi * 100.0,
                    cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    *out = v;
    return 1;
}

int cc_yw_bool(cc_yw *w, yaml_node_t *n, const char *path, int *out)
{
    const char *t = cc_yw_text(w, n, path, "true or false");
    char shown[64];

    if (!t)
        return 0;
    if (!strcmp(t, "true") || !strcmp(t, "True") || !strcmp(t, "TRUE")) {
        *out = 1;
        return 1;
    }
    if (!strcmp(t, "false") || !strcmp(t, "False") || !strcmp(t, "FALSE")) {
        *out = 0;
        return 1;
    }
    cc_yw_error(w, CC_ESCHEMA, n, path, "expected true or false, got '%s'%s",
                cc_yw_show(n, shown, sizeof(shown)),
                (!strcasecmp(t, "yes") || !strcasecmp(t, "no") || !strcasecmp(t, "on") ||
                 !strcasecmp(t, "off"))
                    ? " (YAML 1.1 words like yes/no/on/off are not accepted)"
                    : "");
    return 0;
}

/* Picks one of `names` (NULL-terminated); returns its index or -1 after reporting. */
int cc_yw_enum(cc_yw *w, yaml_node_t *n, const char *path, const char *const *names)
{
    const char *t = cc_yw_text(w, n, path, "a name");
    char shown[64], allowed[256];
    const char *hint;
    int i, count = count_list(names);

    if (!t)
        return -1;
    for (i = 0; i < count; i++)
        if (!strcmp(t, names[i]))
            return i;
    hint = w->d.n < CC_DIAG_MAX ? cc_suggest_key(t, names, (size_t)count) : NULL;
    if (hint)
        cc_yw_error(w, CC_EINVAL, n, path, "unknown value '%s' (did you mean '%s'?)",
                    cc_yw_show(n, shown, sizeof(shown)), hint);
    else
        cc_yw_error(w, CC_EINVAL, n, path, "unknown value '%s' (allowed: %s)",
                    cc_yw_show(n, shown, sizeof(shown)),
                    cc_yw_join_names(names, count, allowed, sizeof(allowed)));
    return -1;
}

/* Copies a free-text scalar. */
/*
 * The first control character of UTF-8 text t other than tab and newline
 * (C0, DEL, or C1 as U+0080..U+009F), or NULL. Such bytes would reach
 * terminals and files raw (ESC starts a terminal escape sequence).
 */
const char *cc_yw_control_char(const char *t)
{
    const unsigned char *p;
    for (p = (const unsigned char *)t; *p; p++) {
        if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
            return (const char *)p;
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return (const char *)p;
    }
    return NULL;
}

char *cc_yw_string(cc_yw *w, yaml_node_t *n, const char *path)
{
    const char *bad;
    if (n->type != YAML_SCALAR_NODE || cc_yw_has_nul(n)) {
        cc_yw_error(w, CC_ESCHEMA, n, path, "expected text, got %s",
                    cc_yw_has_nul(n) ? "text with a NUL byte" : cc_yw_type_name(n));
        return NULL;
    }
    if (!cc_yw_is_null(n) && (bad = cc_yw_control_char(cc_yw_scalar(n))) != NULL) {
        unsigned code = (unsigned char)bad[0] == 0xc2 ? (unsigned char)bad[1]
                                                       : (unsigned char)bad[0];
        cc_yw_error(w, CC_EINVAL, n, path,
                    "holds the control character U+%04X at byte %td; text may hold tabs and "
                    "line breaks but no other control characters",
                    code, bad - cc_yw_scalar(n) + 1);
        return NULL;
    }
    return cc_xstrdup(cc_yw_is_null(n) ? "" : cc_yw_scalar(n));
}

/* Resolves a name among `names`; returns its index or -1 after reporting. */
int cc_yw_ref(cc_yw *w, yaml_node_t *n, const char *path, const char *what, const char **names,
              int count)
{
    const char *t = cc_yw_text(w, n, path, what);
    const char *hint;
    char shown[64];
    int i, defined;

    if (!t)
        return -1;
    for (i = 0; i < count; i++)
        if (names[i] && !strcmp(names[i], t))
            return i;
    hint =
        w->d.n < CC_DIAG_MAX ? cc_suggest_key(t, (const char *const *)names, (size_t)count) : NULL;
    for (i = 0, defined = 0; i < count; i++)
        defined += names[i] != NULL;
    if (hint)
        cc_yw_error(w, CC_EINVAL, n, path, "unknown %s '%s' (did you mean '%s'?)", what,
                    cc_yw_show(n, shown, sizeof(shown)), hint);
    else if (defined == 0)
        cc_yw_error(w, CC_EINVAL, n, path, "unknown %s '%s' (none is defined)", what,
                    cc_yw_show(n, shown, sizeof(shown)));
    else {
        char allowed[512];
        cc_yw_error(w, CC_EINVAL, n, path, "unknown %s '%s' (defined: %s)", what,
                    cc_yw_show(n, shown, sizeof(shown)),
                    cc_yw_join_names((const char *const *)names, count, allowed, sizeof(allowed)));
    }
    return -1;
}

/* ---- domain scalars ------------------------------------------------------------ */

/* "HH:MM" (00:00..23:59, or 24:00 when allow_24) into seconds after midnight. */
int cc_yw_time_of_day(cc_yw *w, yaml_node_t *n, const char *path, int allow_24, double *out)
{
    const char *t = cc_yw_text(w, n, path, "a time of day 'HH:MM'");
    char shown[64];
    int h = 0, m = 0, i = 0, digits = 0;

    if (!t)
        return 0;
    while (isdigit((unsigned char)t[i]) && digits < 2) {
        h = h * 10 + (t[i++] - '0');
        digits++;
    }
    if (digits == 0 || t[i] != ':' || !isdigit((unsigned char)t[i + 1]) ||
        !isdigit((unsigned char)t[i + 2]) || t[i + 3] != '\0') {
        cc_yw_error(w, CC_ESCHEMA, n, path, "expected a time of day 'HH:MM', got '%s'",
                    cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    m = (t[i + 1] - '0') * 10 + (t[i + 2] - '0');
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24))) {
        cc_yw_error(w, CC_EINVAL, n, path, "'%s' is not a time of day (00:00 to %s)",
                    cc_yw_show(n, shown, sizeof(shown)), allow_24 ? "24:00" : "23:59");
        return 0;
    }
    *out = h * 3600.0 + m * 60.0;
    return 1;
}

/* "+08:00", "-5h", "+330m", "UTC+1", "0" into seconds (|offset| <= 14 h). */
int cc_yw_utc_offset(cc_yw *w, yaml_node_t *n, const char *path, double *out)
{
    const char *t = cc_yw_text(w, n, path, "a UTC offset like '+01:00' or '-5h'");
    char shown[64];
    double sign = 1.0, v = 0.0;

    if (!t)
        return 0;
    if (!strncmp(t, "UTC", 3) || !strncmp(t, "GMT", 3))
        t += 3;
    if (*t == '+' || *t == '-') {
        sign = *t == '-' ? -1.0 : 1.0;
        t++;
    }
    if (!*t) {
        v = 0.0;
    } else if (strchr(t, ':')) {
        int h = 0, m = 0, k = 0, digits = 0;
        while (isdigit((unsigned char)t[k]) && digits < 2) {
            h = h * 10 + (t[k++] - '0');
            digits++;
        }
        if (!digits || t[k] != ':' || !isdigit((unsigned char)t[k + 1]) ||
            !isdigit((unsigned char)t[k + 2]) || t[k + 3] ||
            (m = (t[k + 1] - '0') * 10 + (t[k + 2] - '0')) > 59)
            goto bad;
        v = h * 3600.0 + m * 60.0;
    } else {
        size_t len = strlen(t);
        if (len == 0 || cc_parse_duration(t, &v) != CC_OK)
            goto bad;
        if (v != 0.0 && isdigit((unsigned char)t[len - 1])) {
            cc_yw_error(w, CC_EINVAL, n, path, "'%s' has no unit; write hours as '+8h' or '+08:00'",
                        cc_yw_show(n, shown, sizeof(shown)));
            return 0;
        }
    }
    v *= sign;
    if (fabs(v) > 14 * 3600.0) {
        cc_yw_error(w, CC_EINVAL, n, path, "must be between -14h and +14h, got '%s'",
                    cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    *out = v;
    return 1;
bad:
    cc_yw_error(w, CC_ESCHEMA, n, path, "expected a UTC offset like '+01:00' or '-5h', got '%s'",
                cc_yw_show(n, shown, sizeof(shown)));
    return 0;
}

int cc_yw_date(cc_yw *w, yaml_node_t *n, const char *path, long *days)
{
    const char *t = cc_yw_text(w, n, path, "a date YYYY-MM-DD");
    char shown[64];

    if (!t)
        return 0;
    if (cc_parse_iso_date(t, days) != 0) {
        cc_yw_error(w, CC_EINVAL, n, path, "expected a date YYYY-MM-DD (years 1900-2999), got '%s'",
                    cc_yw_show(n, shown, sizeof(shown)));
        return 0;
    }
    return 1;
}

static int day_index(const char *w, size_t len)
{
    static const char *const full[CC_WEEKDAYS] = {"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};
    int i;
    for (i = 0; i < CC_WEEKDAYS; i++)
        if ((len == 3 && !strncasecmp(w, weekday_names[i], 3)) ||
            (len == strlen(full[i]) && !strncasecmp(w, full[i], len)))
            return i;
    return -1;
}

/* One token of a days spec: "mon", "mon-fri", "daily", "weekdays", "weekend". */
static int parse_day_token(const char *w, size_t len, unsigned *mask)
{
    const char *dash;
    int a, b, i;

    if ((len == 5 && !strncasecmp(w, "daily", 5)) || (len == 3 && !strncasecmp(w, "all", 3))) {
        *mask |= 0x7f;
        return 1;
    }
    if (len == 8 && !strncasecmp(w, "weekdays", 8)) {
        *mask |= 0x1f;
        return 1;
    }
    if (len == 7 && !strncasecmp(w, "weekend", 7)) {
        *mask |= 0x60;
        return 1;
    }
    dash = memchr(w, '-', len);
    if (!dash) {
        a = day_index(w, len);
        if (a < 0)
            return 0;
        *mask |= 1u << a;
        return 1;
    }
    a = day_index(w, (size_t)(dash - w));
    b = day_index(dash + 1, len - (size_t)(dash - w) - 1);
    if (a < 0 || b < 0)
        return 0;
    for (i = a;; i = (i + 1) % 7) {
        *mask |= 1u << i;
        if (i == b)
            break;
    }
    return 1;
}

static int parse_day_text(const char *t, unsigned *mask)
{
    while (*t) {
        const char *e;
        while (*t == ',' || isspace((unsigned char)*t))
            t++;
        if (!*t)
            break;
        e = t;
        while (*e && *e != ',' && !isspace((unsigned char)*e))
            e++;
        if (!parse_day_token(t, (size_t)(e - t), mask))
            return 0;
        t = e;
    }
    return 1;
}

/* Days of week: "mon-fri", "mon-fri, sun", "daily", "weekend", or a list of those. */
int cc_yw_days(cc_yw *w, yaml_node_t *n, const char *path, unsigned *out)
{
    unsigned mask = 0;
    char shown[64];

    if (n->type == YAML_SEQUENCE_NODE) {
        yaml_node_item_t *it;
        for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            yaml_node_t *d = cc_yw_node(w, *it);
            const char *t;
            if (!d)
                return 0;
            t = cc_yw_text(w, d, path, "a day of the week");
            if (!t)
                return 0;
            if (!parse_day_text(t, &mask)) {
                cc_yw_error(w, CC_EINVAL, d, path,
                            "'%s' is not a day or range of days (mon..sun, mon-fri, daily, "
                            "weekdays, weekend)",
                            cc_yw_show(d, shown, sizeof(shown)));
                return 0;
            }
        }
    } else {
        const char *t = cc_yw_text(w, n, path, "days of the week");
        if (!t)
            return 0;
        if (!parse_day_text(t, &mask)) {
            cc_yw_error(w, CC_EINVAL, n, path,
                        "'%s' is not a day or range of days (mon..sun, mon-fri, daily, weekdays, "
                        "weekend)",
                        cc_yw_show(n, shown, sizeof(shown)));
            return 0;
        }
    }
    if (!mask) {
        cc_yw_error(w, CC_EINVAL, n, path, "names no day of the week");
        return 0;
    }
    *out = mask;
    return 1;
}

/* Writes a node as YAML flow text (bounded depth and length). */
void cc_yw_flow_text(cc_yw *w, yaml_node_t *n, char *buf, size_t size, size_t *used, int depth)
{
#define PUT(str)                                                                                   \
    do {                                                                                           \
        const char *put_s = (str);                                                                 \
        while (*put_s && *used + 4 < size)                                                         \
            buf[(*used)++] = *put_s++;                                                             \
        buf[*used] = '\0';                                                                         \
    } while (0)
    if (!n || depth > 16) {
        PUT("...");
        return;
    }
    if (n->type == YAML_SCALAR_NODE) {
        const char *v = cc_yw_scalar(n);
        int plain =
            n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && v[0] && !strpbrk(v, ",[]{}:#\"'\n");
        if (plain) {
            PUT(v);
        } else {
            char esc[8];
            PUT("\"");
            for (; *v && *used + 8 < size; v++) {
                if (*v == '"' || *v == '\\') {
                    esc[0] = '\\';
                    esc[1] = *v;
                    esc[2] = '\0';
                } else if ((unsigned char)*v < 0x20) {
                    snprintf(esc, sizeof(esc), "\\x%02x", (unsigned char)*v);
                } else {
                    esc[0] = *v;
                    esc[1] = '\0';
                }
                PUT(esc);
            }
            PUT("\"");
        }
    } else if (n->type == YAML_SEQUENCE_NODE) {
        yaml_node_item_t *it;
        PUT("[");
        for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            if (it != n->data.sequence.items.start)
                PUT(", ");
            cc_yw_flow_text(w, cc_yw_node(w, *it), buf, size, used, depth + 1);
            if (*used + 8 >= size)
                break;
        }
        PUT("]");
    } else if (n->type == YAML_MAPPING_NODE) {
        yaml_node_pair_t *p;
        PUT("{");
        for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
            if (p != n->data.mapping.pairs.start)
                PUT(", ");
            cc_yw_flow_text(w, cc_yw_node(w, p->key), buf, size, used, depth + 1);
            PUT(": ");
            cc_yw_flow_text(w, cc_yw_node(w, p->value), buf, size, used, depth + 1);
            if (*used + 8 >= size)
                break;
        }
        PUT("}");
    }
#undef PUT
}
