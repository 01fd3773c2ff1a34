/*
 * YAML scenario loader: libyaml's document API builds a node tree; a schema-
 * driven walker turns it into a cc_scenario (units converted once, nothing
 * pointing into the document), collecting every problem of the file with the
 * 1-based line:col of the node at fault: unknown keys with did-you-mean, wrong
 * types, ranges, cross references. A visit budget and size caps keep alias
 * bombs and huge lists from hanging the load.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/alloc.h"
#include "cc_units.h"
#include "scenario/scenario_internal.h"

#define MAX_INPUT_BYTES (16L << 20)   /* largest scenario file accepted */
#define MAX_VISITS 4000000L           /* node visits per load (aliases share nodes) */
#define MAX_PROFILES 256              /* named profiles */
#define MAX_CHATBOTS 64               /* chatbots */
#define MAX_TOTAL_SHIFTS 4096         /* shifts over all teams */
#define MAX_OVERRIDE_NODES 10000      /* nodes copied from one override value */
#define MAX_VALUE_TEXT 2048           /* bytes of an option value kept as text */
#define NO_LINE ((size_t)-1)          /* mark of nodes added by overrides */
#define PATH_MAX_LEN 256

/* ---- loader state ----------------------------------------------------------- */

typedef struct loader {
    yaml_document_t doc;          /* the parsed document, owned */
    cc_diag_list d;               /* this load's diagnostics */
    cc_scenario *s;               /* the scenario being built, owned until handed out */
    long visits;                  /* node visits so far */
    int budget_blown;             /* 1 once the visit budget ran out (reported once) */
    int horizon_ok;               /* 1 when days and interval are known to be valid */
    int derived;                  /* 1 when loading a plan option variant */
    const char **ch_names;        /* [n_channels] names for lookups (borrowed) */
    const char **team_names;      /* [n_teams] */
    const char **bot_names;       /* [n_chatbots] */
    const char **profile_names;   /* [n_profiles] */
    int skills_failed;            /* 1 when some team's skills had errors */
    int *route_given;             /* [n_channels] 1 when routing.channels.X.teams is given */
} loader;

static const char *const weekday_names[CC_WEEKDAYS] = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

/* ---- positions and diagnostics ----------------------------------------------- */

static void node_pos(const yaml_node_t *n, int *line, int *col)
{
    if (!n || n->start_mark.line == NO_LINE) {
        *line = 0;
        *col = 0;
        return;
    }
    *line = n->start_mark.line >= INT_MAX ? INT_MAX : (int)n->start_mark.line + 1;
    *col = n->start_mark.column >= INT_MAX ? INT_MAX : (int)n->start_mark.column + 1;
}

static void vreport(loader *L, cc_diag_level level, cc_status code, const yaml_node_t *n,
                    const char *path, const char *fmt, va_list ap)
{
    char msg[768];
    int line, col;

    vsnprintf(msg, sizeof(msg), fmt, ap);
    node_pos(n, &line, &col);
    if (path && path[0])
        cc_diag_add(&L->d, level, code, line, col, "%s: %s", path, msg);
    else
        cc_diag_add(&L->d, level, code, line, col, "%s", msg);
}

__attribute__((format(printf, 5, 6))) static void error_at(loader *L, cc_status code,
                                                            const yaml_node_t *n,
                                                            const char *path,
                                                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, CC_DIAG_ERROR, code, n, path, fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 4, 5))) static void warn_at(loader *L, const yaml_node_t *n,
                                                           const char *path,
                                                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, CC_DIAG_WARNING, CC_OK, n, path, fmt, ap);
    va_end(ap);
}

/* Fetches a node by id, charging one visit; NULL once the budget is spent. */
static yaml_node_t *get_node(loader *L, int id)
{
    yaml_node_t *n;

    if (L->visits >= MAX_VISITS) {
        if (!L->budget_blown) {
            L->budget_blown = 1;
            cc_diag_add(&L->d, CC_DIAG_ERROR, CC_EINVAL, 0, 0,
                        "document too complex: more than %ld nodes visited (aliases "
                        "repeating large parts?)",
                        MAX_VISITS);
        }
        return NULL;
    }
    L->visits++;
    n = yaml_document_get_node(&L->doc, id);
    return n;
}

/* Copies `text` at out[*used], truncating at PATH_MAX_LEN - 1 bytes. */
static void path_put(char *out, size_t *used, const char *text)
{
    while (*text && *used + 1 < PATH_MAX_LEN)
        out[(*used)++] = *text++;
    out[*used] = '\0';
}

/* out = parent.key (or key at the top); `out` may not alias `parent`. */
static void join_path(char *out, const char *parent, const char *key)
{
    size_t used = 0;
    out[0] = '\0';
    if (parent && parent[0]) {
        path_put(out, &used, parent);
        path_put(out, &used, ".");
    }
    path_put(out, &used, key);
}

/* out = parent[i] */
static void index_path(char *out, const char *parent, long i)
{
    char num[32];
    size_t used = 0;
    snprintf(num, sizeof(num), "[%ld]", i);
    out[0] = '\0';
    path_put(out, &used, parent);
    path_put(out, &used, num);
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* Copies a scalar for quoting in a message: at most 40 bytes, control characters as '?'. */
static const char *show(const yaml_node_t *n, char *buf, size_t size)
{
    const char *v;
    size_t i, len;

    if (!n || n->type != YAML_SCALAR_NODE) {
        snprintf(buf, size, "%s", !n ? "?" : n->type == YAML_SEQUENCE_NODE ? "[...]" : "{...}");
        return buf;
    }
    v = scalar(n);
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
static int has_nul(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && strlen(scalar(n)) != n->data.scalar.length;
}

static const char *type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a value";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

static int is_null(const yaml_node_t *n)
{
    const char *v;
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    v = scalar(n);
    return !v[0] || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
           !strcmp(v, "NULL");
}

/* ---- did you mean ------------------------------------------------------------ */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[65];

    if (la > 64 || lb > 64)
        return (size_t)-1;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t best = prev + (tolower((unsigned char)a[i - 1]) !=
                                  tolower((unsigned char)b[j - 1]));
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

/* The candidate closest to `word` within a third of its length (at least 2), or NULL. */
static const char *suggest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, limit = strlen(word) / 3;
    int i;

    if (limit < 2)
        limit = 2;
    for (i = 0; i < n; i++) {
        size_t dist;
        if (!cands[i])
            continue;
        dist = edit_distance(word, cands[i]);
        if (dist < best_d) {
            best_d = dist;
            best = cands[i];
        }
    }
    return best_d <= limit && best_d < strlen(word) ? best : NULL;
}

static int count_list(const char *const *list)
{
    int n = 0;
    while (list[n])
        n++;
    return n;
}

/* Writes "a, b or c" into buf, skipping NULL entries. */
static const char *join_names(const char *const *names, int n, char *buf, size_t size)
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

/* ---- mapping helpers --------------------------------------------------------- */

static int expect_type(loader *L, yaml_node_t *n, yaml_node_type_t type, const char *path,
                       const char *what)
{
    if (n->type == type)
        return 1;
    error_at(L, CC_ESCHEMA, n, path, "expected %s, got %s", what, type_name(n));
    return 0;
}

/*
 * Checks that `map` is a mapping whose keys are scalars from `keys`
 * (NULL-terminated), each at most once. Unknown keys get a did-you-mean.
 * Returns 1 when `map` is a mapping (even with bad keys), 0 otherwise.
 */
static int check_keys(loader *L, yaml_node_t *map, const char *path, const char *const *keys)
{
    yaml_node_pair_t *p;
    int nkeys = count_list(keys);
    yaml_node_t *seen[64] = {0};

    if (!expect_type(L, map, YAML_MAPPING_NODE, path, "a mapping"))
        return 0;
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = get_node(L, p->key);
        const char *hint;
        char shown[64];
        int i;

        if (!k)
            return 1;
        if (k->type != YAML_SCALAR_NODE || has_nul(k)) {
            error_at(L, CC_ESCHEMA, k, path, "keys must be names, got %s",
                     has_nul(k) ? "text with a NUL byte" : type_name(k));
            continue;
        }
        for (i = 0; i < nkeys; i++)
            if (!strcmp(scalar(k), keys[i]))
                break;
        if (i < nkeys && i < 64) {
            if (seen[i]) {
                int line, col;
                node_pos(seen[i], &line, &col);
                error_at(L, CC_ESCHEMA, k, path, "duplicate key '%s' (first at line %d)",
                         keys[i], line);
            } else {
                seen[i] = k;
            }
            continue;
        }
        if (!strcmp(scalar(k), "<<")) {
            error_at(L, CC_ESCHEMA, k, path,
                     "merge keys ('<<') are not supported; write the keys out or use a named "
                     "profile");
            continue;
        }
        hint = L->d.n < CC_DIAG_MAX ? suggest(scalar(k), keys, nkeys) : NULL;
        if (hint)
            error_at(L, CC_ESCHEMA, k, path, "unknown key '%s' (did you mean '%s'?)",
                     show(k, shown, sizeof(shown)), hint);
        else {
            char allowed[512];
            error_at(L, CC_ESCHEMA, k, path, "unknown key '%s' (allowed: %s)",
                     show(k, shown, sizeof(shown)), join_names(keys, nkeys, allowed,
                                                               sizeof(allowed)));
        }
    }
    return 1;
}

/* The value of `key` in mapping `map` (first occurrence), or NULL. */
static yaml_node_t *map_get(loader *L, yaml_node_t *map, const char *key)
{
    yaml_node_pair_t *p;

    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = get_node(L, p->key);
        if (!k)
            return NULL;
        if (k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), key))
            return get_node(L, p->value);
    }
    return NULL;
}

static size_t map_len(const yaml_node_t *map)
{
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

static size_t seq_len(const yaml_node_t *seq)
{
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

static int valid_name(const char *v)
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
static const char *entry_name(loader *L, const yaml_node_pair_t *p)
{
    yaml_node_t *k = get_node(L, p->key);
    return k && k->type == YAML_SCALAR_NODE && valid_name(scalar(k)) && !has_nul(k) ? scalar(k)
                                                                                     : "";
}

/*
 * Checks a mapping of user-chosen names (channels, teams...): keys must be
 * names of letters, digits, '_' and '-', unique, at most `max` of them.
 * Returns the number of entries to load (0 on a type error).
 */
static int check_name_map(loader *L, yaml_node_t *map, const char *path, int max,
                          const char *what)
{
    yaml_node_pair_t *p, *q;

    if (!expect_type(L, map, YAML_MAPPING_NODE, path, "a mapping of names"))
        return 0;
    if (map_len(map) > (size_t)max) {
        error_at(L, CC_EINVAL, map, path, "%zu %s defined; at most %d are allowed", map_len(map),
                 what, max);
        return 0;
    }
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = get_node(L, p->key);
        char shown[64];
        if (!k)
            return 0;
        if (k->type != YAML_SCALAR_NODE || !valid_name(scalar(k)) || has_nul(k)) {
            error_at(L, CC_ESCHEMA, k, path,
                     "'%s' is not a valid name (1 to %d letters, digits, '_' or '-')",
                     show(k, shown, sizeof(shown)), CC_MAX_NAME);
            continue;
        }
        for (q = map->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *k2 = get_node(L, q->key);
            if (!k2)
                return 0;
            if (k2->type == YAML_SCALAR_NODE && !strcmp(scalar(k2), scalar(k))) {
                int line, col;
                node_pos(k2, &line, &col);
                error_at(L, CC_EINVAL, k, path, "duplicate name '%s' (first at line %d)",
                         scalar(k), line);
                break;
            }
        }
    }
    return (int)map_len(map);
}

/* ---- scalar getters ------------------------------------------------------------ */

/* Returns the scalar text of `n`, or NULL after reporting what was expected. */
static const char *get_text(loader *L, yaml_node_t *n, const char *path, const char *what)
{
    if (n->type != YAML_SCALAR_NODE) {
        error_at(L, CC_ESCHEMA, n, path, "expected %s, got %s", what, type_name(n));
        return NULL;
    }
    if (is_null(n)) {
        error_at(L, CC_ESCHEMA, n, path, "missing value (expected %s)", what);
        return NULL;
    }
    if (has_nul(n)) {
        error_at(L, CC_ESCHEMA, n, path, "contains a NUL byte (expected %s)", what);
        return NULL;
    }
    return scalar(n);
}

static int get_number(loader *L, yaml_node_t *n, const char *path, double lo, double hi,
                      double *out)
{
    const char *t = get_text(L, n, path, "a number");
    char shown[64];
    double v;

    if (!t)
        return 0;
    if (cc_parse_number(t, &v) != CC_OK) {
        error_at(L, CC_ESCHEMA, n, path, "expected a number, got '%s'", show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v < lo && lo == 0.0) {
        error_at(L, CC_EINVAL, n, path, "must not be negative, got %.15g", v);
        return 0;
    }
    if (v < lo || v > hi) {
        error_at(L, CC_EINVAL, n, path, "must be between %.15g and %.15g, got %.15g", lo, hi, v);
        return 0;
    }
    *out = v;
    return 1;
}

static int get_long(loader *L, yaml_node_t *n, const char *path, long lo, long hi, long *out)
{
    const char *t = get_text(L, n, path, "a whole number");
    char shown[64];
    long v;
    double dv;

    if (!t)
        return 0;
    if (cc_parse_count(t, LONG_MAX, &v) != CC_OK) {
        if (cc_parse_number(t, &dv) == CC_OK && dv < 0)
            error_at(L, CC_EINVAL, n, path, "must be a whole number from %ld to %ld, got '%s'",
                     lo, hi, show(n, shown, sizeof(shown)));
        else
            error_at(L, CC_ESCHEMA, n, path, "expected a whole number, got '%s'",
                     show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v < lo || v > hi) {
        error_at(L, CC_EINVAL, n, path, "must be a whole number from %ld to %ld, got %ld", lo, hi,
                 v);
        return 0;
    }
    *out = v;
    return 1;
}

static int get_int(loader *L, yaml_node_t *n, const char *path, int lo, int hi, int *out)
{
    long v;
    if (!get_long(L, n, path, lo, hi, &v))
        return 0;
    *out = (int)v;
    return 1;
}

static void format_duration(double s, char *buf, size_t size)
{
    if (s >= 86400 && fmod(s, 86400) == 0)
        snprintf(buf, size, "%gd", s / 86400);
    else if (s >= 3600 && fmod(s, 3600) == 0)
        snprintf(buf, size, "%gh", s / 3600);
    else if (s >= 60 && fmod(s, 60) == 0)
        snprintf(buf, size, "%gm", s / 60);
    else
        snprintf(buf, size, "%gs", s);
}

static int get_duration(loader *L, yaml_node_t *n, const char *path, double lo, double hi,
                        double *out)
{
    const char *t = get_text(L, n, path, "a duration");
    char shown[64], a[32], b[32];
    double v;

    if (!t)
        return 0;
    if (cc_parse_duration(t, &v) != CC_OK) {
        while (isspace((unsigned char)*t))
            t++;
        if (*t == '-' && cc_parse_duration(t + 1, &v) == CC_OK)
            error_at(L, CC_EINVAL, n, path, "must not be negative, got '%s'",
                     show(n, shown, sizeof(shown)));
        else
            error_at(L, CC_ESCHEMA, n, path,
                     "expected a duration (seconds, or 30s, 5m, 4h, 2d), got '%s'",
                     show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v < lo || v > hi) {
        format_duration(lo, a, sizeof(a));
        format_duration(hi, b, sizeof(b));
        error_at(L, CC_EINVAL, n, path, "must be between %s and %s, got '%s'", a, b,
                 show(n, shown, sizeof(shown)));
        return 0;
    }
    *out = v;
    return 1;
}

/* A share: 0.35 or 35%, at most `hi` (1 = 100%). */
static int get_share(loader *L, yaml_node_t *n, const char *path, double hi, double *out)
{
    const char *t = get_text(L, n, path, "a share");
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
            error_at(L, CC_EINVAL, n, path, "must not be negative, got '%s'",
                     show(n, shown, sizeof(shown)));
        else
            error_at(L, CC_ESCHEMA, n, path, "expected a share like 0.35 or 35%%, got '%s'",
                     show(n, shown, sizeof(shown)));
        return 0;
    }
    if (v > hi) {
        error_at(L, CC_EINVAL, n, path, "must be at most %g%%, got '%s'", hi * 100.0,
                 show(n, shown, sizeof(shown)));
        return 0;
    }
    *out = v;
    return 1;
}

static int get_bool(loader *L, yaml_node_t *n, const char *path, int *out)
{
    const char *t = get_text(L, n, path, "true or false");
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
    error_at(L, CC_ESCHEMA, n, path, "expected true or false, got '%s'%s",
             show(n, shown, sizeof(shown)),
             (!strcasecmp(t, "yes") || !strcasecmp(t, "no") || !strcasecmp(t, "on") ||
              !strcasecmp(t, "off"))
                 ? " (YAML 1.1 words like yes/no/on/off are not accepted)"
                 : "");
    return 0;
}

/* Picks one of `names` (NULL-terminated); returns its index or -1 after reporting. */
static int get_enum(loader *L, yaml_node_t *n, const char *path, const char *const *names)
{
    const char *t = get_text(L, n, path, "a name");
    char shown[64], allowed[256];
    const char *hint;
    int i, count = count_list(names);

    if (!t)
        return -1;
    for (i = 0; i < count; i++)
        if (!strcmp(t, names[i]))
            return i;
    hint = L->d.n < CC_DIAG_MAX ? suggest(t, names, count) : NULL;
    if (hint)
        error_at(L, CC_EINVAL, n, path, "unknown value '%s' (did you mean '%s'?)",
                 show(n, shown, sizeof(shown)), hint);
    else
        error_at(L, CC_EINVAL, n, path, "unknown value '%s' (allowed: %s)",
                 show(n, shown, sizeof(shown)), join_names(names, count, allowed,
                                                          sizeof(allowed)));
    return -1;
}

/* Copies a free-text scalar. */
static char *get_string(loader *L, yaml_node_t *n, const char *path)
{
    if (n->type != YAML_SCALAR_NODE || has_nul(n)) {
        error_at(L, CC_ESCHEMA, n, path, "expected text, got %s",
                 has_nul(n) ? "text with a NUL byte" : type_name(n));
        return NULL;
    }
    return cc_xstrdup(is_null(n) ? "" : scalar(n));
}

/* Resolves a name among `names`; returns its index or -1 after reporting. */
static int get_ref(loader *L, yaml_node_t *n, const char *path, const char *what,
                   const char **names, int count)
{
    const char *t = get_text(L, n, path, what);
    const char *hint;
    char shown[64];
    int i, defined;

    if (!t)
        return -1;
    for (i = 0; i < count; i++)
        if (names[i] && !strcmp(names[i], t))
            return i;
    hint = L->d.n < CC_DIAG_MAX ? suggest(t, (const char *const *)names, count) : NULL;
    for (i = 0, defined = 0; i < count; i++)
        defined += names[i] != NULL;
    if (hint)
        error_at(L, CC_EINVAL, n, path, "unknown %s '%s' (did you mean '%s'?)", what,
                 show(n, shown, sizeof(shown)), hint);
    else if (defined == 0)
        error_at(L, CC_EINVAL, n, path, "unknown %s '%s' (none is defined)", what,
                 show(n, shown, sizeof(shown)));
    else {
        char allowed[512];
        error_at(L, CC_EINVAL, n, path, "unknown %s '%s' (defined: %s)", what,
                 show(n, shown, sizeof(shown)),
                 join_names((const char *const *)names, count, allowed, sizeof(allowed)));
    }
    return -1;
}

/* ---- domain scalars ------------------------------------------------------------ */

/* "HH:MM" (00:00..23:59, or 24:00 when allow_24) into seconds after midnight. */
static int get_time_of_day(loader *L, yaml_node_t *n, const char *path, int allow_24,
                           double *out)
{
    const char *t = get_text(L, n, path, "a time of day 'HH:MM'");
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
        error_at(L, CC_ESCHEMA, n, path, "expected a time of day 'HH:MM', got '%s'",
                 show(n, shown, sizeof(shown)));
        return 0;
    }
    m = (t[i + 1] - '0') * 10 + (t[i + 2] - '0');
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24))) {
        error_at(L, CC_EINVAL, n, path, "'%s' is not a time of day (00:00 to %s)",
                 show(n, shown, sizeof(shown)), allow_24 ? "24:00" : "23:59");
        return 0;
    }
    *out = h * 3600.0 + m * 60.0;
    return 1;
}

/* "+08:00", "-5h", "+330m", "UTC+1", "0" into seconds (|offset| <= 14 h). */
static int get_utc_offset(loader *L, yaml_node_t *n, const char *path, double *out)
{
    const char *t = get_text(L, n, path, "a UTC offset like '+01:00' or '-5h'");
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
            !isdigit((unsigned char)t[k + 2]) || t[k + 3] || (m = (t[k + 1] - '0') * 10 +
                                                                   (t[k + 2] - '0')) > 59)
            goto bad;
        v = h * 3600.0 + m * 60.0;
    } else {
        size_t len = strlen(t);
        if (len == 0 || cc_parse_duration(t, &v) != CC_OK)
            goto bad;
        if (v != 0.0 && isdigit((unsigned char)t[len - 1])) {
            error_at(L, CC_EINVAL, n, path,
                     "'%s' has no unit; write hours as '+8h' or '+08:00'",
                     show(n, shown, sizeof(shown)));
            return 0;
        }
    }
    v *= sign;
    if (fabs(v) > 14 * 3600.0) {
        error_at(L, CC_EINVAL, n, path, "must be between -14h and +14h, got '%s'",
                 show(n, shown, sizeof(shown)));
        return 0;
    }
    *out = v;
    return 1;
bad:
    error_at(L, CC_ESCHEMA, n, path, "expected a UTC offset like '+01:00' or '-5h', got '%s'",
             show(n, shown, sizeof(shown)));
    return 0;
}

static int get_date(loader *L, yaml_node_t *n, const char *path, long *days)
{
    const char *t = get_text(L, n, path, "a date YYYY-MM-DD");
    char shown[64];

    if (!t)
        return 0;
    if (cc_parse_iso_date(t, days) != 0) {
        error_at(L, CC_EINVAL, n, path, "expected a date YYYY-MM-DD (years 1900-2999), got '%s'",
                 show(n, shown, sizeof(shown)));
        return 0;
    }
    return 1;
}

static int day_index(const char *w, size_t len)
{
    static const char *const full[CC_WEEKDAYS] = {"monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday", "sunday"};
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
static int get_days(loader *L, yaml_node_t *n, const char *path, unsigned *out)
{
    unsigned mask = 0;
    char shown[64];

    if (n->type == YAML_SEQUENCE_NODE) {
        yaml_node_item_t *it;
        for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            yaml_node_t *d = get_node(L, *it);
            const char *t;
            if (!d)
                return 0;
            t = get_text(L, d, path, "a day of the week");
            if (!t)
                return 0;
            if (!parse_day_text(t, &mask)) {
                error_at(L, CC_EINVAL, d, path,
                         "'%s' is not a day or range of days (mon..sun, mon-fri, daily, "
                         "weekdays, weekend)",
                         show(d, shown, sizeof(shown)));
                return 0;
            }
        }
    } else {
        const char *t = get_text(L, n, path, "days of the week");
        if (!t)
            return 0;
        if (!parse_day_text(t, &mask)) {
            error_at(L, CC_EINVAL, n, path,
                     "'%s' is not a day or range of days (mon..sun, mon-fri, daily, weekdays, "
                     "weekend)",
                     show(n, shown, sizeof(shown)));
            return 0;
        }
    }
    if (!mask) {
        error_at(L, CC_EINVAL, n, path, "names no day of the week");
        return 0;
    }
    *out = mask;
    return 1;
}

/* ---- distributions ------------------------------------------------------------- */

static const char *const dist_keys[] = {"dist", "mean", "cv", "sd", "values", NULL};
static const char *const dist_names[] = {"exponential", "lognormal", "gamma", "deterministic",
                                         "empirical", NULL};

/*
 * A duration distribution: a bare duration (exponential with that mean),
 * `none` when allowed, or {dist, mean, cv | sd, values}. Returns 1 when
 * valid; *out is filled (and owns its values) only then.
 */
static int get_dist(loader *L, yaml_node_t *n, const char *path, int allow_none, cc_dist *out)
{
    char p[PATH_MAX_LEN];
    cc_dist d;
    yaml_node_t *v;
    int ok = 1, kind;

    memset(&d, 0, sizeof(d));
    if (n->type == YAML_SCALAR_NODE) {
        if (allow_none && (is_null(n) || !strcmp(scalar(n), "none"))) {
            *out = d;
            return 1;
        }
        if (!is_null(n) && cc_parse_duration(scalar(n), &d.mean_s) != CC_OK) {
            char shown[64];
            error_at(L, CC_ESCHEMA, n, path,
                     "expected a distribution {dist: ..., mean: ...} or a duration%s, got '%s'",
                     allow_none ? " or 'none'" : "", show(n, shown, sizeof(shown)));
            return 0;
        }
        if (!get_duration(L, n, path, 1e-3, 365 * 86400.0, &d.mean_s))
            return 0;
        d.kind = CC_DIST_EXPONENTIAL;
        d.cv = 1.0;
        *out = d;
        return 1;
    }
    if (!check_keys(L, n, path, dist_keys))
        return 0;
    v = map_get(L, n, "dist");
    kind = CC_DIST_EXPONENTIAL;
    if (v) {
        join_path(p, path, "dist");
        kind = get_enum(L, v, p, dist_names);
        if (kind < 0)
            return 0;
        kind += CC_DIST_EXPONENTIAL;
    }
    d.kind = (cc_dist_kind)kind;
    if (d.kind == CC_DIST_EMPIRICAL) {
        yaml_node_item_t *it;
        double sum = 0.0, sum2 = 0.0;
        int i = 0;
        v = map_get(L, n, "values");
        join_path(p, path, "values");
        if (!v) {
            error_at(L, CC_ESCHEMA, n, path, "empirical distribution needs 'values' (a list of "
                                             "durations)");
            return 0;
        }
        if (map_get(L, n, "mean") || map_get(L, n, "cv") || map_get(L, n, "sd")) {
            error_at(L, CC_ESCHEMA, n, path,
                     "an empirical distribution takes only 'values' (mean and spread come "
                     "from them)");
            return 0;
        }
        if (!expect_type(L, v, YAML_SEQUENCE_NODE, p, "a list of durations"))
            return 0;
        if (seq_len(v) == 0 || seq_len(v) > CC_MAX_EMPIRICAL) {
            error_at(L, CC_EINVAL, v, p, "must hold 1 to %d values, got %zu", CC_MAX_EMPIRICAL,
                     seq_len(v));
            return 0;
        }
        d.values_s = cc_xcalloc(seq_len(v), sizeof(double));
        for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
            char ip[PATH_MAX_LEN];
            yaml_node_t *x = get_node(L, *it);
            index_path(ip, p, i);
            if (!x || !get_duration(L, x, ip, 0.0, 365 * 86400.0, &d.values_s[i])) {
                free(d.values_s);
                return 0;
            }
            sum += d.values_s[i];
        }
        d.n_values = (size_t)i;
        d.mean_s = sum / i;
        for (i = 0; (size_t)i < d.n_values; i++)
            sum2 += (d.values_s[i] - d.mean_s) * (d.values_s[i] - d.mean_s);
        d.cv = d.mean_s > 0 ? sqrt(sum2 / d.n_values) / d.mean_s : 0.0;
        if (d.mean_s <= 0.0) {
            error_at(L, CC_EINVAL, v, p, "values are all zero; use 'none' for no time");
            free(d.values_s);
            return 0;
        }
        *out = d;
        return 1;
    }
    if (map_get(L, n, "values")) {
        join_path(p, path, "values");
        error_at(L, CC_ESCHEMA, map_get(L, n, "values"), p,
                 "only an empirical distribution takes 'values'");
        ok = 0;
    }
    v = map_get(L, n, "mean");
    if (!v) {
        error_at(L, CC_ESCHEMA, n, path, "missing 'mean' (a duration such as 5m)");
        return 0;
    }
    join_path(p, path, "mean");
    if (!get_duration(L, v, p, 1e-3, 365 * 86400.0, &d.mean_s))
        return 0;
    d.cv = d.kind == CC_DIST_EXPONENTIAL ? 1.0 : d.kind == CC_DIST_DETERMINISTIC ? 0.0 : -1.0;
    if ((v = map_get(L, n, "cv")) != NULL) {
        double cv;
        join_path(p, path, "cv");
        if (!get_number(L, v, p, 0.0, 10.0, &cv))
            return 0;
        if (map_get(L, n, "sd")) {
            error_at(L, CC_ESCHEMA, v, p, "give either 'cv' or 'sd', not both");
            return 0;
        }
        if (d.kind == CC_DIST_EXPONENTIAL && fabs(cv - 1.0) > 1e-9) {
            error_at(L, CC_EINVAL, v, p,
                     "an exponential distribution has cv 1; use lognormal or gamma for cv %g",
                     cv);
            return 0;
        }
        if (d.kind == CC_DIST_DETERMINISTIC && cv != 0.0) {
            error_at(L, CC_EINVAL, v, p, "a deterministic duration has cv 0");
            return 0;
        }
        d.cv = cv;
    } else if ((v = map_get(L, n, "sd")) != NULL) {
        double sd;
        join_path(p, path, "sd");
        if (!get_duration(L, v, p, 0.0, 3650 * 86400.0, &sd))
            return 0;
        if (d.kind == CC_DIST_EXPONENTIAL || d.kind == CC_DIST_DETERMINISTIC) {
            error_at(L, CC_EINVAL, v, p, "%s distributions take no spread",
                     cc_dist_name(d.kind));
            return 0;
        }
        d.cv = sd / d.mean_s;
        if (d.cv > 10.0) {
            error_at(L, CC_EINVAL, v, p, "sd is more than 10 times the mean");
            return 0;
        }
    }
    if (d.cv < 0.0) {
        error_at(L, CC_ESCHEMA, n, path, "a %s distribution needs 'cv' (or 'sd')",
                 cc_dist_name(d.kind));
        return 0;
    }
    if ((d.kind == CC_DIST_LOGNORMAL || d.kind == CC_DIST_GAMMA) && d.cv <= 0.0) {
        join_path(p, path, map_get(L, n, "cv") ? "cv" : "sd");
        error_at(L, CC_EINVAL, map_get(L, n, map_get(L, n, "cv") ? "cv" : "sd"), p,
                 "must be above 0 for a %s distribution (use deterministic for no spread)",
                 cc_dist_name(d.kind));
        return 0;
    }
    if (!ok)
        return 0;
    *out = d;
    return 1;
}

/* ---- horizon ------------------------------------------------------------------- */

static const char *const horizon_keys[] = {"start", "days", "interval", "utc_offset", NULL};

static void load_horizon(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *h = map_get(L, root, "horizon"), *v;
    long start = 0;
    int ok = 1;

    s->days = 7;
    s->interval_s = 1800.0;
    if (!h) {
        error_at(L, CC_ESCHEMA, root, "", "missing 'horizon' (start date, days, interval)");
        return;
    }
    if (!check_keys(L, h, "horizon", horizon_keys))
        return;
    if (!(v = map_get(L, h, "start"))) {
        error_at(L, CC_ESCHEMA, h, "horizon", "missing 'start' (a date YYYY-MM-DD)");
        ok = 0;
    } else if (get_date(L, v, "horizon.start", &start)) {
        cc_format_iso_date(start, s->start_date);
        s->start_weekday = cc_weekday_of_days(start);
    } else {
        ok = 0;
    }
    if ((v = map_get(L, h, "days")) && !get_int(L, v, "horizon.days", 1, CC_MAX_DAYS, &s->days))
        ok = 0;
    if ((v = map_get(L, h, "interval"))) {
        double iv;
        if (!get_duration(L, v, "horizon.interval", 0, 1e9, &iv)) {
            ok = 0;
        } else if (iv != 900.0 && iv != 1800.0 && iv != 3600.0) {
            char shown[64];
            error_at(L, CC_EINVAL, v, "horizon.interval", "must be 15m, 30m or 60m, got '%s'",
                     show(v, shown, sizeof(shown)));
            ok = 0;
        } else {
            s->interval_s = iv;
        }
    }
    if ((v = map_get(L, h, "utc_offset")) && !get_utc_offset(L, v, "horizon.utc_offset",
                                                             &s->utc_offset_s))
        ok = 0;
    if (!ok) {
        s->days = 7;
        s->interval_s = 1800.0;
    }
    s->intervals_per_day = (int)(86400.0 / s->interval_s);
    s->n_intervals = s->days * s->intervals_per_day;
    s->horizon_s = s->days * 86400.0;
    L->horizon_ok = ok;
}

/* Horizon day index of an absolute day count. */
static long horizon_day(const cc_scenario *s, long abs_days)
{
    long start = 0;
    cc_parse_iso_date(s->start_date, &start);
    return abs_days - start;
}

/* ---- profiles -------------------------------------------------------------------- */

static const char *const profile_keys[] = {"weights", "hourly", "description", NULL};

/* Reads the weights of a profile body into a new array of intervals_per_day shares. */
static double *load_profile_body(loader *L, yaml_node_t *n, const char *path)
{
    cc_scenario *s = L->s;
    yaml_node_t *w = map_get(L, n, "weights"), *hr = map_get(L, n, "hourly"), *list;
    yaml_node_item_t *it;
    char p[PATH_MAX_LEN];
    double *raw, *out, sum = 0.0;
    size_t want, i = 0;
    int ok = 1, hourly;

    if (!check_keys(L, n, path, profile_keys))
        return NULL;
    if ((w != NULL) == (hr != NULL)) {
        error_at(L, CC_ESCHEMA, n, path,
                 w ? "give either 'weights' or 'hourly', not both"
                   : "missing 'weights' (one per interval of the day) or 'hourly' (24 values)");
        return NULL;
    }
    hourly = hr != NULL;
    list = hourly ? hr : w;
    join_path(p, path, hourly ? "hourly" : "weights");
    if (!expect_type(L, list, YAML_SEQUENCE_NODE, p, "a list of weights"))
        return NULL;
    want = hourly ? 24 : (size_t)s->intervals_per_day;
    if (!L->horizon_ok)
        return NULL;
    if (seq_len(list) != want) {
        if (hourly)
            error_at(L, CC_EINVAL, list, p, "must hold 24 values (one per hour), got %zu",
                     seq_len(list));
        else
            error_at(L, CC_EINVAL, list, p,
                     "must hold %zu values (one per %g-minute interval of the day), got %zu%s",
                     want, s->interval_s / 60.0, seq_len(list),
                     seq_len(list) == 24 ? "; use 'hourly' for 24 hourly weights" : "");
        return NULL;
    }
    raw = cc_xcalloc(want, sizeof(double));
    for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++, i++) {
        char ip[PATH_MAX_LEN];
        yaml_node_t *x = get_node(L, *it);
        index_path(ip, p, (long)i);
        if (!x || !get_share(L, x, ip, 1e12, &raw[i]))
            ok = 0;
        else
            sum += raw[i];
    }
    if (!ok) {
        free(raw);
        return NULL;
    }
    if (sum <= 0.0) {
        error_at(L, CC_EINVAL, list, p, "weights are all zero; a profile needs some volume");
        free(raw);
        return NULL;
    }
    if (fabs(sum - 1.0) > 1e-3 && fabs(sum - 100.0) > 0.1)
        warn_at(L, list, p, "weights sum to %g, not 1 (or 100%%); normalised to sum 1", sum);
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
    node_pos(n, &s->profiles[i].line, &s->profiles[i].col);
    return i;
}

static void refresh_profile_names(loader *L)
{
    int i;
    L->profile_names = cc_xrealloc(L->profile_names,
                                   (size_t)(L->s->n_profiles + 1) * sizeof(char *));
    for (i = 0; i < L->s->n_profiles; i++)
        L->profile_names[i] = L->s->profiles[i].name;
}

static void load_profiles(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *m = map_get(L, root, "profiles");
    yaml_node_pair_t *p;
    double *flat = cc_xcalloc((size_t)s->intervals_per_day, sizeof(double));
    int i;

    for (i = 0; i < s->intervals_per_day; i++)
        flat[i] = 1.0 / s->intervals_per_day;
    add_profile(s, "flat", flat, NULL);
    if (m && check_name_map(L, m, "profiles", MAX_PROFILES, "profiles")) {
        for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
            yaml_node_t *k = get_node(L, p->key), *v = get_node(L, p->value);
            char path[PATH_MAX_LEN];
            double *w;
            if (!k || !v)
                break;
            if (k->type != YAML_SCALAR_NODE || !valid_name(scalar(k)) || has_nul(k))
                continue;
            join_path(path, "profiles", scalar(k));
            if (!strcmp(scalar(k), "flat")) {
                error_at(L, CC_EINVAL, k, "profiles",
                         "'flat' is built in (equal weights); choose another name");
                continue;
            }
            if (cc_scenario_profile_index(s, scalar(k)) >= 0)
                continue; /* duplicate, reported */
            w = load_profile_body(L, v, path);
            if (w)
                add_profile(s, scalar(k), w, k);
            else
                add_profile(s, scalar(k), NULL, k); /* keeps references resolvable */
        }
    }
    refresh_profile_names(L);
}

/* ---- channels -------------------------------------------------------------------- */

static const char *const channel_keys[] = {
    "kind", "description", "volume", "profile", "weekday", "uncertainty", "backlog",
    "deflection", "handle_time", "wrap_up", "patience", "target", "concurrency", "stretch",
    "retry", "transfer", NULL};
static const char *const kind_names[] = {"voice", "chat", "messaging", "email", "social", NULL};
static const char *const volume_keys[] = {"per_day", "per_week", "per_hour", NULL};
static const char *const target_keys[] = {"answer_within", "service_level", "max_asa",
                                          "max_abandon", "definition", "short_abandon", NULL};
/* The same names as the --sl-definition flag of ccsim erlang and staff. */
static const char *const sl_names[] = {"offered", "answered", "exclude-short", "virtual", NULL};
static const char *const uncertainty_keys[] = {"cv", "dist", NULL};
static const char *const uncertainty_dists[] = {"gamma", "lognormal", NULL};
static const char *const stretch_keys[] = {"per_extra_session", "multipliers", NULL};
static const char *const retry_keys[] = {"share", "delay", "channel", NULL};
static const char *const transfer_keys[] = {"share", "channel", NULL};
static const char *const weekday_keys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                           NULL};
static const char *const profile_day_keys[] = {"default", "weekdays", "weekend", "mon", "tue",
                                               "wed", "thu", "fri", "sat", "sun", NULL};

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

/* Resolves a profile given by name or inline body; returns its index or -1. */
static int profile_ref(loader *L, yaml_node_t *v, const char *path, const char *inline_name)
{
    if (v->type == YAML_SCALAR_NODE) {
        int i = get_ref(L, v, path, "profile", L->profile_names, L->s->n_profiles);
        if (i >= 0 && !L->s->profiles[i].weights)
            return -1; /* defined with errors, already reported */
        return i;
    } else {
        double *w = load_profile_body(L, v, path);
        int i;
        if (!w)
            return -1;
        i = add_profile(L->s, inline_name, w, v);
        refresh_profile_names(L);
        return i;
    }
}

static int load_channel_profile(loader *L, cc_channel *c, yaml_node_t *v, const char *path)
{
    char p[PATH_MAX_LEN];
    int d, ok = 1;

    if (v->type == YAML_MAPPING_NODE && !map_get(L, v, "weights") && !map_get(L, v, "hourly") &&
        map_len(v) > 0) {
        int def = -1, wd = -1, we = -1, set[CC_WEEKDAYS];
        size_t errors_before = L->d.n_errors;
        yaml_node_t *x;
        if (!check_keys(L, v, path, profile_day_keys) || L->d.n_errors != errors_before)
            return 0;
        for (d = 0; d < CC_WEEKDAYS; d++)
            set[d] = -2;
        if ((x = map_get(L, v, "default"))) {
            join_path(p, path, "default");
            def = profile_ref(L, x, p, p);
            ok &= def >= 0;
        }
        if ((x = map_get(L, v, "weekdays"))) {
            join_path(p, path, "weekdays");
            wd = profile_ref(L, x, p, p);
            ok &= wd >= 0;
        }
        if ((x = map_get(L, v, "weekend"))) {
            join_path(p, path, "weekend");
            we = profile_ref(L, x, p, p);
            ok &= we >= 0;
        }
        for (d = 0; d < CC_WEEKDAYS; d++) {
            if ((x = map_get(L, v, weekday_names[d]))) {
                join_path(p, path, weekday_names[d]);
                set[d] = profile_ref(L, x, p, p);
                ok &= set[d] >= 0;
            } else {
                set[d] = d < 5 && wd >= 0 ? wd : d >= 5 && we >= 0 ? we : def;
            }
        }
        if (!ok)
            return 0;
        for (d = 0; d < CC_WEEKDAYS; d++) {
            if (set[d] < 0) {
                error_at(L, CC_ESCHEMA, v, path,
                         "no profile for '%s'; add 'default' (or 'weekdays'/'weekend')",
                         weekday_names[d]);
                return 0;
            }
            c->profile_of_weekday[d] = set[d];
        }
        return 1;
    }
    d = profile_ref(L, v, path, path);
    if (d < 0)
        return 0;
    for (ok = 0; ok < CC_WEEKDAYS; ok++)
        c->profile_of_weekday[ok] = d;
    return 1;
}

static void load_target(loader *L, cc_channel *c, yaml_node_t *t, const char *path, int kind_ok)
{
    char p[PATH_MAX_LEN];
    yaml_node_t *v;
    int e;

    if (!check_keys(L, t, path, target_keys))
        return;
    if ((v = map_get(L, t, "answer_within"))) {
        join_path(p, path, "answer_within");
        get_duration(L, v, p, 0.0, 30 * 86400.0, &c->target.answer_within_s);
    }
    if ((v = map_get(L, t, "service_level"))) {
        join_path(p, path, "service_level");
        get_share(L, v, p, 1.0, &c->target.service_level);
    }
    if ((v = map_get(L, t, "max_asa"))) {
        join_path(p, path, "max_asa");
        c->target.has_max_asa = get_duration(L, v, p, 0.0, 30 * 86400.0, &c->target.max_asa_s);
    }
    if ((v = map_get(L, t, "max_abandon"))) {
        join_path(p, path, "max_abandon");
        if (kind_ok && cc_channel_kind_deferred(c->kind))
            error_at(L, CC_EINVAL, v, p, "%s contacts do not abandon; remove 'max_abandon'",
                     cc_channel_kind_name(c->kind));
        else
            c->target.has_max_abandon = get_share(L, v, p, 1.0, &c->target.max_abandon);
    }
    if ((v = map_get(L, t, "definition"))) {
        join_path(p, path, "definition");
        e = get_enum(L, v, p, sl_names);
        if (e >= 0)
            c->target.sl_definition = (cc_sl_definition)e;
    }
    if ((v = map_get(L, t, "short_abandon"))) {
        join_path(p, path, "short_abandon");
        get_duration(L, v, p, 0.0, 3600.0, &c->target.short_abandon_s);
    }
}

static void load_stretch(loader *L, cc_channel *c, yaml_node_t *v, const char *path)
{
    char p[PATH_MAX_LEN];
    yaml_node_t *list = NULL, *f = NULL;

    if (v->type == YAML_SCALAR_NODE) {
        f = v;
        snprintf(p, sizeof(p), "%s", path);
    } else if (v->type == YAML_SEQUENCE_NODE) {
        list = v;
    } else {
        if (!check_keys(L, v, path, stretch_keys))
            return;
        f = map_get(L, v, "per_extra_session");
        list = map_get(L, v, "multipliers");
        if ((f != NULL) == (list != NULL)) {
            error_at(L, CC_ESCHEMA, v, path,
                     f ? "give either 'per_extra_session' or 'multipliers', not both"
                       : "missing 'per_extra_session' (a share) or 'multipliers' (a list)");
            return;
        }
        join_path(p, path, f ? "per_extra_session" : "multipliers");
    }
    if (f) {
        get_share(L, f, p, 10.0, &c->stretch_per_session);
        return;
    }
    if (list == v)
        snprintf(p, sizeof(p), "%s", path);
    if (!expect_type(L, list, YAML_SEQUENCE_NODE, p, "a list of multipliers"))
        return;
    if (seq_len(list) == 0 || seq_len(list) > CC_MAX_CONCURRENCY) {
        error_at(L, CC_EINVAL, list, p, "must hold 1 to %d multipliers (one per number of open "
                                        "sessions), got %zu",
                 CC_MAX_CONCURRENCY, seq_len(list));
        return;
    }
    {
        yaml_node_item_t *it;
        double *m = cc_xcalloc(seq_len(list), sizeof(double));
        int i = 0, ok = 1;
        for (it = list->data.sequence.items.start; it < list->data.sequence.items.top;
             it++, i++) {
            char ip[PATH_MAX_LEN];
            yaml_node_t *x = get_node(L, *it);
            index_path(ip, p, i);
            if (!x || !get_number(L, x, ip, 0.1, 10.0, &m[i]))
                ok = 0;
        }
        if (!ok) {
            free(m);
            return;
        }
        c->stretch = m;
        c->n_stretch = i;
    }
}

static void load_transfer_one(loader *L, cc_channel *c, int self, yaml_node_t *v,
                              const char *path)
{
    char p[PATH_MAX_LEN];
    yaml_node_t *x;
    cc_transfer t = {0.0, -1};
    int ok = 1;

    if (!check_keys(L, v, path, transfer_keys))
        return;
    if (!(x = map_get(L, v, "share"))) {
        error_at(L, CC_ESCHEMA, v, path, "missing 'share' (share of handled contacts)");
        ok = 0;
    } else {
        join_path(p, path, "share");
        ok &= get_share(L, x, p, 1.0, &t.share);
    }
    if (!(x = map_get(L, v, "channel"))) {
        error_at(L, CC_ESCHEMA, v, path, "missing 'channel' (where the contact continues)");
        ok = 0;
    } else {
        join_path(p, path, "channel");
        t.channel = get_ref(L, x, p, "channel", L->ch_names, L->s->n_channels);
        if (t.channel == self) {
            error_at(L, CC_EINVAL, x, p, "a channel cannot transfer to itself");
            t.channel = -1;
        }
        ok &= t.channel >= 0;
    }
    if (!ok)
        return;
    c->transfers = cc_xrealloc(c->transfers, (size_t)(c->n_transfers + 1) * sizeof(t));
    c->transfers[c->n_transfers++] = t;
}

static void load_channel(loader *L, int idx, yaml_node_t *key, yaml_node_t *n)
{
    cc_scenario *s = L->s;
    cc_channel *c = &s->channels[idx];
    char path[PATH_MAX_LEN], p[PATH_MAX_LEN];
    yaml_node_t *v;
    int kind_ok = 0, d, e;

    join_path(path, "channels", c->name);
    node_pos(key, &c->line, &c->col);
    c->chatbot = -1;
    c->retry_channel = idx;
    c->concurrency = 1;
    c->uncertainty_dist = CC_DIST_GAMMA;
    for (d = 0; d < CC_WEEKDAYS; d++)
        c->weekday[d] = 1.0;
    c->target.service_level = 0.8;
    c->target.short_abandon_s = 5.0;
    if (!check_keys(L, n, path, channel_keys))
        return;

    if (!(v = map_get(L, n, "kind"))) {
        error_at(L, CC_ESCHEMA, key, path,
                 "missing 'kind' (one of voice, chat, messaging, email, social)");
    } else {
        join_path(p, path, "kind");
        e = get_enum(L, v, p, kind_names);
        if (e >= 0) {
            c->kind = (cc_channel_kind)e;
            kind_ok = 1;
        }
    }
    c->target.answer_within_s = default_answer_within(c->kind);

    /* weekday first: a per_week volume divides by the weekday multipliers */
    if ((v = map_get(L, n, "weekday"))) {
        join_path(p, path, "weekday");
        if (check_keys(L, v, p, weekday_keys)) {
            double sum = 0.0;
            int ok = 1;
            for (d = 0; d < CC_WEEKDAYS; d++) {
                yaml_node_t *x = map_get(L, v, weekday_names[d]);
                char dp[PATH_MAX_LEN];
                if (!x)
                    continue;
                join_path(dp, p, weekday_names[d]);
                ok &= get_number(L, x, dp, 0.0, 100.0, &c->weekday[d]);
            }
            for (d = 0; d < CC_WEEKDAYS; d++)
                sum += c->weekday[d];
            if (ok && sum <= 0.0)
                error_at(L, CC_EINVAL, v, p, "all weekday multipliers are zero");
        }
    }
    if (!(v = map_get(L, n, "volume"))) {
        error_at(L, CC_ESCHEMA, key, path, "missing 'volume' (contacts per day; 0 for a "
                                           "channel fed only by transfers)");
    } else {
        join_path(p, path, "volume");
        if (v->type == YAML_SCALAR_NODE) {
            get_number(L, v, p, 0.0, 1e9, &c->volume_per_day);
        } else if (v->type == YAML_SEQUENCE_NODE) {
            error_at(L, CC_ESCHEMA, v, p, "expected contacts per day (a number) or "
                                          "{per_day | per_week | per_hour: N}, got a list");
        } else if (check_keys(L, v, p, volume_keys)) {
            yaml_node_t *pd = map_get(L, v, "per_day"), *pw = map_get(L, v, "per_week"),
                        *ph = map_get(L, v, "per_hour");
            char vp[PATH_MAX_LEN];
            double x;
            if ((pd != NULL) + (pw != NULL) + (ph != NULL) != 1) {
                error_at(L, CC_ESCHEMA, v, p, "give exactly one of 'per_day', 'per_week' or "
                                              "'per_hour'");
            } else if (pd) {
                join_path(vp, p, "per_day");
                get_number(L, pd, vp, 0.0, 1e9, &c->volume_per_day);
            } else if (ph) {
                join_path(vp, p, "per_hour");
                if (get_number(L, ph, vp, 0.0, 1e8, &x))
                    c->volume_per_day = x * 24.0;
            } else {
                double sum = 0.0;
                join_path(vp, p, "per_week");
                for (d = 0; d < CC_WEEKDAYS; d++)
                    sum += c->weekday[d];
                if (get_number(L, pw, vp, 0.0, 7e9, &x) && sum > 0.0)
                    c->volume_per_day = x / sum;
            }
        }
    }
    if ((v = map_get(L, n, "profile"))) {
        join_path(p, path, "profile");
        load_channel_profile(L, c, v, p);
    }
    if ((v = map_get(L, n, "uncertainty"))) {
        join_path(p, path, "uncertainty");
        if (v->type == YAML_SCALAR_NODE) {
            get_number(L, v, p, 0.0, 2.0, &c->uncertainty_cv);
        } else if (check_keys(L, v, p, uncertainty_keys)) {
            yaml_node_t *x;
            char up[PATH_MAX_LEN];
            if (!(x = map_get(L, v, "cv"))) {
                error_at(L, CC_ESCHEMA, v, p, "missing 'cv' (coefficient of variation of the "
                                              "day volume, e.g. 0.1)");
            } else {
                join_path(up, p, "cv");
                get_number(L, x, up, 0.0, 2.0, &c->uncertainty_cv);
            }
            if ((x = map_get(L, v, "dist"))) {
                join_path(up, p, "dist");
                e = get_enum(L, x, up, uncertainty_dists);
                if (e >= 0)
                    c->uncertainty_dist = e == 0 ? CC_DIST_GAMMA : CC_DIST_LOGNORMAL;
            }
        }
    }
    if ((v = map_get(L, n, "backlog"))) {
        join_path(p, path, "backlog");
        get_long(L, v, p, 0, 100000000L, &c->backlog);
    }
    if ((v = map_get(L, n, "deflection"))) {
        join_path(p, path, "deflection");
        get_share(L, v, p, 1.0, &c->deflection);
    }
    if (!(v = map_get(L, n, "handle_time"))) {
        error_at(L, CC_ESCHEMA, key, path,
                 "missing 'handle_time' (e.g. {dist: lognormal, mean: 6m, cv: 0.7})");
    } else {
        join_path(p, path, "handle_time");
        get_dist(L, v, p, 0, &c->handle_time);
    }
    if ((v = map_get(L, n, "wrap_up"))) {
        join_path(p, path, "wrap_up");
        get_dist(L, v, p, 1, &c->wrap_up);
    }
    if ((v = map_get(L, n, "patience"))) {
        join_path(p, path, "patience");
        if (kind_ok && cc_channel_kind_deferred(c->kind) &&
            !(v->type == YAML_SCALAR_NODE && (is_null(v) || !strcmp(scalar(v), "none"))))
            error_at(L, CC_EINVAL, v, p,
                     "%s contacts do not abandon; remove 'patience' (or write 'none')",
                     cc_channel_kind_name(c->kind));
        else
            get_dist(L, v, p, 1, &c->patience);
    }
    if ((v = map_get(L, n, "target"))) {
        join_path(p, path, "target");
        load_target(L, c, v, p, kind_ok);
    }
    if ((v = map_get(L, n, "concurrency"))) {
        join_path(p, path, "concurrency");
        if (get_int(L, v, p, 1, CC_MAX_CONCURRENCY, &c->concurrency) && kind_ok &&
            c->concurrency > 1 && c->kind != CC_CHANNEL_CHAT && c->kind != CC_CHANNEL_MESSAGING) {
            error_at(L, CC_EINVAL, v, p,
                     "%s handles one contact at a time; must be 1 (only chat and messaging "
                     "take concurrent sessions)",
                     cc_channel_kind_name(c->kind));
            c->concurrency = 1;
        }
    }
    if ((v = map_get(L, n, "stretch"))) {
        join_path(p, path, "stretch");
        if (kind_ok && c->kind != CC_CHANNEL_CHAT && c->kind != CC_CHANNEL_MESSAGING)
            error_at(L, CC_EINVAL, v, p, "only chat and messaging channels stretch handle time "
                                         "with concurrency");
        else {
            load_stretch(L, c, v, p);
            if (c->n_stretch > 0 && c->n_stretch < c->concurrency)
                error_at(L, CC_EINVAL, v, p,
                         "has %d multipliers but concurrency is %d; give one per number of "
                         "open sessions",
                         c->n_stretch, c->concurrency);
        }
    }
    if ((v = map_get(L, n, "retry"))) {
        yaml_node_t *x;
        join_path(p, path, "retry");
        if (kind_ok && cc_channel_kind_deferred(c->kind)) {
            error_at(L, CC_EINVAL, v, p, "%s contacts do not abandon, so they do not retry",
                     cc_channel_kind_name(c->kind));
        } else if (check_keys(L, v, p, retry_keys)) {
            char rp[PATH_MAX_LEN];
            if (!(x = map_get(L, v, "share"))) {
                error_at(L, CC_ESCHEMA, v, p, "missing 'share' (share of abandoned contacts "
                                              "that try again)");
            } else {
                join_path(rp, p, "share");
                get_share(L, x, rp, 1.0, &c->retry_share);
            }
            if (!(x = map_get(L, v, "delay"))) {
                error_at(L, CC_ESCHEMA, v, p, "missing 'delay' (time before the retry, e.g. "
                                              "{dist: exponential, mean: 15m})");
            } else {
                join_path(rp, p, "delay");
                get_dist(L, x, rp, 0, &c->retry_delay);
            }
            if ((x = map_get(L, v, "channel"))) {
                join_path(rp, p, "channel");
                e = get_ref(L, x, rp, "channel", L->ch_names, s->n_channels);
                if (e >= 0)
                    c->retry_channel = e;
            }
        }
    }
    if ((v = map_get(L, n, "transfer"))) {
        join_path(p, path, "transfer");
        if (v->type == YAML_SEQUENCE_NODE) {
            yaml_node_item_t *it;
            double sum = 0.0;
            int i = 0;
            if (seq_len(v) > (size_t)CC_MAX_CHANNELS) {
                error_at(L, CC_EINVAL, v, p, "at most %d transfer targets", CC_MAX_CHANNELS);
            } else {
                for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
                     it++, i++) {
                    char ip[PATH_MAX_LEN];
                    yaml_node_t *x = get_node(L, *it);
                    if (!x)
                        break;
                    index_path(ip, p, i);
                    load_transfer_one(L, c, idx, x, ip);
                }
                for (i = 0; i < c->n_transfers; i++)
                    sum += c->transfers[i].share;
                if (sum > 1.0 + 1e-9)
                    error_at(L, CC_EINVAL, v, p, "transfer shares add up to %g%%; at most 100%%",
                             sum * 100.0);
            }
        } else {
            load_transfer_one(L, c, idx, v, p);
        }
    }
}

static void load_channels(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *m = map_get(L, root, "channels");
    yaml_node_pair_t *p;
    int i = 0, n;

    if (!m) {
        error_at(L, CC_ESCHEMA, root, "", "missing 'channels' (at least one channel)");
        return;
    }
    n = check_name_map(L, m, "channels", CC_MAX_CHANNELS, "channels");
    if (n == 0) {
        if (m->type == YAML_MAPPING_NODE)
            error_at(L, CC_EINVAL, m, "channels", "no channel defined; at least one is needed");
        return;
    }
    s->channels = cc_xcalloc((size_t)n, sizeof(*s->channels));
    L->ch_names = cc_xcalloc((size_t)n, sizeof(char *));
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        const char *name = entry_name(L, p);
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
    for (i = 0; i < s->n_channels; i++)
        for (int d = 0; d < CC_WEEKDAYS; d++)
            s->channels[i].profile_of_weekday[d] = 0;
    i = 0;
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        yaml_node_t *k = get_node(L, p->key), *v = get_node(L, p->value);
        if (!k || !v)
            break;
        if (!L->ch_names[i])
            continue;
        load_channel(L, i, k, v);
    }
}

/* ---- seasons ----------------------------------------------------------------------- */

static const char *const season_keys[] = {"name", "from", "to", "date", "multiplier",
                                          "channels", "deflection", "combine", NULL};
static const char *const combine_names[] = {"replace", "multiply", NULL};

static void load_season(loader *L, int idx, yaml_node_t *n, const char *path)
{
    cc_scenario *s = L->s;
    cc_season *se = &s->seasons[idx];
    char p[PATH_MAX_LEN];
    yaml_node_t *v, *from = map_get(L, n, "from"), *to = map_get(L, n, "to"),
                    *date = map_get(L, n, "date");
    long a = 0, b = 0;
    int ch, ok = 1, effect = 0;
    double all = -1.0;

    node_pos(n, &se->line, &se->col);
    se->multiplier = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(double));
    se->deflection = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(double));
    for (ch = 0; ch < s->n_channels; ch++) {
        se->multiplier[ch] = -1.0;
        se->deflection[ch] = -1.0;
    }
    if (!check_keys(L, n, path, season_keys))
        return;
    if ((v = map_get(L, n, "name"))) {
        join_path(p, path, "name");
        se->name = get_string(L, v, p);
    }
    if (!se->name) {
        char label[32];
        snprintf(label, sizeof(label), "season %d", idx + 1);
        se->name = cc_xstrdup(label);
    }
    if (date) {
        if (from || to) {
            error_at(L, CC_ESCHEMA, date, path, "give either 'date' or 'from'/'to', not both");
            return;
        }
        join_path(p, path, "date");
        if (!get_date(L, date, p, &a))
            return;
        b = a;
    } else {
        if (!from || !to) {
            error_at(L, CC_ESCHEMA, n, path, "missing '%s' (a date YYYY-MM-DD; or 'date' for "
                                             "a single day)",
                     from ? "to" : "from");
            return;
        }
        join_path(p, path, "from");
        ok &= get_date(L, from, p, &a);
        join_path(p, path, "to");
        ok &= get_date(L, to, p, &b);
        if (!ok)
            return;
        if (b < a) {
            error_at(L, CC_EINVAL, to, p, "ends before it starts ('%s' is before '%s')",
                     scalar(to), scalar(from));
            return;
        }
    }
    cc_format_iso_date(a, se->from);
    cc_format_iso_date(b, se->to);
    if (L->horizon_ok) {
        long fa = horizon_day(s, a), fb = horizon_day(s, b);
        if (fb < 0 || fa >= s->days) {
            char last[11];
            cc_scenario_date(s, s->days - 1, last);
            error_at(L, CC_EINVAL, date ? date : from, path,
                     "%s..%s lies outside the horizon %s..%s", se->from, se->to, s->start_date,
                     last);
            return;
        }
        se->first_day = (int)(fa < 0 ? 0 : fa);
        se->last_day = (int)(fb >= s->days ? s->days - 1 : fb);
    }
    if ((v = map_get(L, n, "multiplier"))) {
        join_path(p, path, "multiplier");
        if (get_number(L, v, p, 0.0, 1000.0, &all))
            effect = 1;
    }
    for (ch = 0; ch < s->n_channels; ch++)
        se->multiplier[ch] = all;
    if ((v = map_get(L, n, "channels"))) {
        yaml_node_pair_t *q;
        join_path(p, path, "channels");
        if (expect_type(L, v, YAML_MAPPING_NODE, p, "a mapping of channel: multiplier")) {
            for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
                yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
                char cp[PATH_MAX_LEN];
                double mv;
                if (!k || !x)
                    break;
                ch = get_ref(L, k, p, "channel", L->ch_names, s->n_channels);
                if (ch < 0)
                    continue;
                join_path(cp, p, scalar(k));
                if (get_number(L, x, cp, 0.0, 1000.0, &mv)) {
                    se->multiplier[ch] = mv;
                    effect = 1;
                }
            }
        }
    }
    if ((v = map_get(L, n, "deflection"))) {
        join_path(p, path, "deflection");
        if (v->type == YAML_SCALAR_NODE) {
            double dv;
            if (get_share(L, v, p, 1.0, &dv)) {
                for (ch = 0; ch < s->n_channels; ch++)
                    se->deflection[ch] = dv;
                effect = 1;
            }
        } else if (expect_type(L, v, YAML_MAPPING_NODE, p,
                               "a share or a mapping of channel: share")) {
            yaml_node_pair_t *q;
            for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
                yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
                char cp[PATH_MAX_LEN];
                double dv;
                if (!k || !x)
                    break;
                ch = get_ref(L, k, p, "channel", L->ch_names, s->n_channels);
                if (ch < 0)
                    continue;
                join_path(cp, p, scalar(k));
                if (get_share(L, x, cp, 1.0, &dv)) {
                    se->deflection[ch] = dv;
                    effect = 1;
                }
            }
        }
    }
    if ((v = map_get(L, n, "combine"))) {
        int e;
        join_path(p, path, "combine");
        e = get_enum(L, v, p, combine_names);
        if (e >= 0)
            se->combine = (cc_season_combine)e;
    }
    if (!effect && !map_get(L, n, "multiplier") && !map_get(L, n, "channels") &&
        !map_get(L, n, "deflection"))
        error_at(L, CC_ESCHEMA, n, path,
                 "has no effect: give 'multiplier', 'channels' or 'deflection'");
}

static void load_seasons(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *m = map_get(L, root, "seasons");
    yaml_node_item_t *it;
    int i = 0;

    if (!m || !expect_type(L, m, YAML_SEQUENCE_NODE, "seasons", "a list of date ranges"))
        return;
    if (seq_len(m) > CC_MAX_SEASONS) {
        error_at(L, CC_EINVAL, m, "seasons", "%zu entries; at most %d", seq_len(m),
                 CC_MAX_SEASONS);
        return;
    }
    s->seasons = cc_xcalloc(seq_len(m) ? seq_len(m) : 1, sizeof(*s->seasons));
    for (it = m->data.sequence.items.start; it < m->data.sequence.items.top; it++, i++) {
        char path[PATH_MAX_LEN];
        yaml_node_t *x = get_node(L, *it);
        if (!x)
            break;
        s->n_seasons = i + 1;
        index_path(path, "seasons", i);
        load_season(L, i, x, path);
    }
}

/* ---- chatbots ---------------------------------------------------------------------- */

static const char *const bot_keys[] = {"fronts", "time_in_bot", "containment", "escalation",
                                       "bounce_back", "description", NULL};
static const char *const ramp_keys[] = {"from", "to", "start", "over", NULL};
static const char *const escalation_keys[] = {"handle_time_uplift", "patience_factor", NULL};
static const char *const bounce_keys[] = {"share", "delay", "channel", NULL};

static void load_bot_fronts(loader *L, int idx, yaml_node_t *v, const char *path)
{
    cc_scenario *s = L->s;
    cc_chatbot *b = &s->chatbots[idx];
    yaml_node_t *one[1];
    yaml_node_t **items = one;
    size_t n = 1, i;

    if (v->type == YAML_SEQUENCE_NODE) {
        n = seq_len(v);
        if (n == 0 || n > (size_t)CC_MAX_CHANNELS) {
            error_at(L, CC_EINVAL, v, path, "must name 1 to %d channels", CC_MAX_CHANNELS);
            return;
        }
        items = cc_xcalloc(n, sizeof(*items));
        for (i = 0; i < n; i++)
            if (!(items[i] = get_node(L, v->data.sequence.items.start[i]))) {
                free(items);
                return;
            }
    } else {
        one[0] = v;
    }
    b->fronts = cc_xcalloc(n, sizeof(int));
    for (i = 0; i < n; i++) {
        char ip[PATH_MAX_LEN];
        int ch;
        if (v->type == YAML_SEQUENCE_NODE)
            index_path(ip, path, (long)i);
        else
            snprintf(ip, sizeof(ip), "%s", path);
        ch = get_ref(L, items[i], ip, "channel", L->ch_names, s->n_channels);
        if (ch < 0)
            continue;
        if (s->channels[ch].chatbot >= 0) {
            error_at(L, CC_EINVAL, items[i], ip, "channel '%s' is already fronted by chatbot '%s'",
                     s->channels[ch].name, s->chatbots[s->channels[ch].chatbot].name);
            continue;
        }
        s->channels[ch].chatbot = idx;
        b->fronts[b->n_fronts++] = ch;
    }
    if (items != one)
        free(items);
}

static void load_chatbot(loader *L, int idx, yaml_node_t *key, yaml_node_t *n)
{
    cc_scenario *s = L->s;
    cc_chatbot *b = &s->chatbots[idx];
    char path[PATH_MAX_LEN], p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    yaml_node_t *v, *x;

    join_path(path, "chatbots", b->name);
    node_pos(key, &b->line, &b->col);
    b->escalation_patience_factor = 1.0;
    b->bounce_channel = -1;
    if (!check_keys(L, n, path, bot_keys))
        return;
    if (!(v = map_get(L, n, "fronts"))) {
        error_at(L, CC_ESCHEMA, key, path, "missing 'fronts' (the channels the bot answers "
                                           "first)");
    } else {
        join_path(p, path, "fronts");
        load_bot_fronts(L, idx, v, p);
    }
    if (!(v = map_get(L, n, "time_in_bot"))) {
        error_at(L, CC_ESCHEMA, key, path, "missing 'time_in_bot' (e.g. {dist: lognormal, "
                                           "mean: 2m, cv: 0.8})");
    } else {
        join_path(p, path, "time_in_bot");
        get_dist(L, v, p, 0, &b->time_in_bot);
    }
    if (!(v = map_get(L, n, "containment"))) {
        error_at(L, CC_ESCHEMA, key, path,
                 "missing 'containment' (share resolved by the bot, or {from, to, over})");
    } else {
        join_path(p, path, "containment");
        if (v->type == YAML_SCALAR_NODE) {
            if (get_share(L, v, p, 1.0, &b->containment_from))
                b->containment_to = b->containment_from;
        } else if (check_keys(L, v, p, ramp_keys)) {
            int ok = 1;
            if (!(x = map_get(L, v, "from")) || !map_get(L, v, "to") ||
                !map_get(L, v, "over")) {
                error_at(L, CC_ESCHEMA, v, p, "a containment ramp needs 'from', 'to' and "
                                              "'over' (and optionally 'start')");
                ok = 0;
            } else {
                join_path(q, p, "from");
                ok &= get_share(L, x, q, 1.0, &b->containment_from);
                join_path(q, p, "to");
                ok &= get_share(L, map_get(L, v, "to"), q, 1.0, &b->containment_to);
                join_path(q, p, "over");
                ok &= get_duration(L, map_get(L, v, "over"), q, 0.0, 3650 * 86400.0,
                                   &b->ramp_length_s);
            }
            if ((x = map_get(L, v, "start"))) {
                long day;
                join_path(q, p, "start");
                if (get_date(L, x, q, &day) && L->horizon_ok) {
                    long hd = horizon_day(s, day);
                    if (hd < 0 || hd >= s->days) {
                        char last[11];
                        cc_scenario_date(s, s->days - 1, last);
                        error_at(L, CC_EINVAL, x, q, "'%s' is outside the horizon %s..%s",
                                 scalar(x), s->start_date, last);
                    } else {
                        b->ramp_start_s = hd * 86400.0;
                    }
                }
            }
            (void)ok;
        }
    }
    if ((v = map_get(L, n, "escalation"))) {
        join_path(p, path, "escalation");
        if (check_keys(L, v, p, escalation_keys)) {
            if ((x = map_get(L, v, "handle_time_uplift"))) {
                join_path(q, p, "handle_time_uplift");
                get_share(L, x, q, 5.0, &b->escalation_aht_uplift);
            }
            if ((x = map_get(L, v, "patience_factor"))) {
                join_path(q, p, "patience_factor");
                get_number(L, x, q, 0.01, 10.0, &b->escalation_patience_factor);
            }
        }
    }
    if ((v = map_get(L, n, "bounce_back"))) {
        join_path(p, path, "bounce_back");
        if (check_keys(L, v, p, bounce_keys)) {
            if (!(x = map_get(L, v, "share"))) {
                error_at(L, CC_ESCHEMA, v, p, "missing 'share' (of the contacts not contained)");
            } else {
                join_path(q, p, "share");
                get_share(L, x, q, 1.0, &b->bounce_share);
            }
            if (!(x = map_get(L, v, "delay"))) {
                error_at(L, CC_ESCHEMA, v, p, "missing 'delay' (time before the customer comes "
                                              "back)");
            } else {
                join_path(q, p, "delay");
                get_dist(L, x, q, 0, &b->bounce_delay);
            }
            if ((x = map_get(L, v, "channel"))) {
                join_path(q, p, "channel");
                b->bounce_channel = get_ref(L, x, q, "channel", L->ch_names, s->n_channels);
            }
        }
    }
}

static void load_chatbots(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *m = map_get(L, root, "chatbots");
    yaml_node_pair_t *p;
    int n, i = 0;

    if (!m)
        return;
    n = check_name_map(L, m, "chatbots", MAX_CHATBOTS, "chatbots");
    if (n == 0)
        return;
    s->chatbots = cc_xcalloc((size_t)n, sizeof(*s->chatbots));
    L->bot_names = cc_xcalloc((size_t)n, sizeof(char *));
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        const char *name = entry_name(L, p);
        s->chatbots[i].name = cc_xstrdup(name);
        s->chatbots[i].bounce_channel = -1;
        s->chatbots[i].escalation_patience_factor = 1.0;
        L->bot_names[i] = s->chatbots[i].name;
    }
    s->n_chatbots = n;
    i = 0;
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        yaml_node_t *k = get_node(L, p->key), *v = get_node(L, p->value);
        int j, dup = 0;
        if (!k || !v)
            break;
        for (j = 0; j < i; j++)
            if (!strcmp(s->chatbots[j].name, s->chatbots[i].name))
                dup = 1;
        if (!s->chatbots[i].name[0] || dup)
            continue;
        load_chatbot(L, i, k, v);
    }
}

/* ---- teams ------------------------------------------------------------------------- */

static const char *const team_keys[] = {"description", "skills", "shifts", "agents",
                                        "utc_offset", "shrinkage", "cost", "outsourced",
                                        "max_concurrency", NULL};
static const char *const shift_keys[] = {"name", "days", "start", "end", "agents", "overnight",
                                         "from", "to", NULL};
static const char *const cost_keys[] = {"per_hour", "per_contact", NULL};
static const char *const shrink_combine_names[] = {"additive", "multiplicative", NULL};

static void load_skills(loader *L, cc_team *t, yaml_node_t *v, const char *path)
{
    cc_scenario *s = L->s;
    int any = 0;

    if (v->type == YAML_SEQUENCE_NODE) {
        yaml_node_item_t *it;
        int i = 0;
        if (seq_len(v) > (size_t)CC_MAX_CHANNELS) {
            error_at(L, CC_EINVAL, v, path, "at most %d skills", CC_MAX_CHANNELS);
            return;
        }
        for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
            char ip[PATH_MAX_LEN];
            yaml_node_t *x = get_node(L, *it);
            int ch;
            if (!x)
                return;
            index_path(ip, path, i);
            ch = get_ref(L, x, ip, "channel", L->ch_names, s->n_channels);
            if (ch < 0)
                continue;
            if (t->proficiency[ch] > 0.0) {
                error_at(L, CC_EINVAL, x, ip, "channel '%s' is listed twice", s->channels[ch].name);
                continue;
            }
            t->proficiency[ch] = 1.0;
            any = 1;
        }
    } else if (v->type == YAML_MAPPING_NODE) {
        yaml_node_pair_t *p, *q;
        if (map_len(v) > (size_t)CC_MAX_CHANNELS) {
            error_at(L, CC_EINVAL, v, path, "at most %d skills", CC_MAX_CHANNELS);
            return;
        }
        for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
            yaml_node_t *k = get_node(L, p->key), *x = get_node(L, p->value);
            char kp[PATH_MAX_LEN];
            int ch, dup = 0;
            double prof;
            if (!k || !x)
                return;
            ch = get_ref(L, k, path, "channel", L->ch_names, s->n_channels);
            if (ch < 0)
                continue;
            for (q = v->data.mapping.pairs.start; q < p; q++) {
                yaml_node_t *k2 = get_node(L, q->key);
                if (k2 && k2->type == YAML_SCALAR_NODE && !strcmp(scalar(k2), scalar(k)))
                    dup = 1;
            }
            if (dup) {
                error_at(L, CC_EINVAL, k, path, "duplicate skill '%s'", scalar(k));
                continue;
            }
            join_path(kp, path, scalar(k));
            if (get_number(L, x, kp, 0.1, 10.0, &prof)) {
                t->proficiency[ch] = prof;
                any = 1;
            }
        }
    } else {
        error_at(L, CC_ESCHEMA, v, path,
                 "expected a list of channels or a mapping channel: proficiency");
        return;
    }
    if (!any && ((v->type == YAML_SEQUENCE_NODE && seq_len(v) == 0) ||
                 (v->type == YAML_MAPPING_NODE && map_len(v) == 0)))
        error_at(L, CC_EINVAL, v, path, "a team needs at least one skill");
}

static void load_shift(loader *L, cc_team *t, int idx, yaml_node_t *n, const char *path)
{
    cc_shift *sh = &t->shifts[idx];
    char p[PATH_MAX_LEN];
    yaml_node_t *v, *start = NULL, *end = NULL;
    double end_s = 0.0;
    int ok = 1;

    node_pos(n, &sh->line, &sh->col);
    sh->days = 0x7f;
    sh->first_day = -3; /* occurrences from before the horizon may run into it */
    sh->last_day = L->s->days + 2;
    if (!check_keys(L, n, path, shift_keys))
        return;
    if ((v = map_get(L, n, "name"))) {
        join_path(p, path, "name");
        sh->name = get_string(L, v, p);
    }
    if (!sh->name) {
        char label[32];
        snprintf(label, sizeof(label), "shift %d", idx + 1);
        sh->name = cc_xstrdup(label);
    }
    if ((v = map_get(L, n, "days"))) {
        join_path(p, path, "days");
        ok &= get_days(L, v, p, &sh->days);
    }
    if (!(start = map_get(L, n, "start"))) {
        error_at(L, CC_ESCHEMA, n, path, "missing 'start' (time of day 'HH:MM')");
        ok = 0;
    } else {
        join_path(p, path, "start");
        ok &= get_time_of_day(L, start, p, 0, &sh->start_s);
    }
    if (!(end = map_get(L, n, "end"))) {
        error_at(L, CC_ESCHEMA, n, path, "missing 'end' (time of day 'HH:MM')");
        ok = 0;
    } else {
        join_path(p, path, "end");
        ok &= get_time_of_day(L, end, p, 1, &end_s);
    }
    if ((v = map_get(L, n, "overnight"))) {
        join_path(p, path, "overnight");
        ok &= get_bool(L, v, p, &sh->overnight);
    }
    if (!(v = map_get(L, n, "agents"))) {
        error_at(L, CC_ESCHEMA, n, path, "missing 'agents' (agents working this shift)");
        ok = 0;
    } else {
        join_path(p, path, "agents");
        ok &= get_int(L, v, p, 0, CC_MAX_AGENTS, &sh->agents);
    }
    if ((v = map_get(L, n, "from"))) {
        long day;
        join_path(p, path, "from");
        if (get_date(L, v, p, &day) && L->horizon_ok) {
            long hd = horizon_day(L->s, day);
            if (hd >= L->s->days) {
                error_at(L, CC_EINVAL, v, p, "'%s' is after the horizon", scalar(v));
                ok = 0;
            } else {
                sh->first_day = (int)(hd < -3 ? -3 : hd);
            }
        }
    }
    if ((v = map_get(L, n, "to"))) {
        long day;
        join_path(p, path, "to");
        if (get_date(L, v, p, &day) && L->horizon_ok) {
            long hd = horizon_day(L->s, day);
            if (hd < 0) {
                error_at(L, CC_EINVAL, v, p, "'%s' is before the horizon", scalar(v));
                ok = 0;
            } else if (hd < sh->first_day) {
                error_at(L, CC_EINVAL, v, p, "'%s' is before 'from'", scalar(v));
                ok = 0;
            } else {
                sh->last_day = (int)(hd > L->s->days + 2 ? L->s->days + 2 : hd);
            }
        }
    }
    if (!ok)
        return;
    join_path(p, path, "end");
    if (sh->overnight) {
        if (end_s > sh->start_s) {
            error_at(L, CC_EINVAL, end, p,
                     "an overnight shift ends the next day, so 'end' (%s) must be at or before "
                     "'start' (%s)",
                     scalar(end), scalar(start));
            return;
        }
        sh->length_s = end_s + 86400.0 - sh->start_s;
    } else {
        if (end_s <= sh->start_s) {
            error_at(L, CC_EINVAL, end, p,
                     "ends at %s, not after the start %s; add 'overnight: true' for a shift "
                     "that ends the next day",
                     scalar(end), scalar(start));
            return;
        }
        sh->length_s = end_s - sh->start_s;
    }
}

static void load_shrinkage(loader *L, cc_team *t, yaml_node_t *v, const char *path)
{
    char p[PATH_MAX_LEN];
    yaml_node_pair_t *q;
    double total;
    int i;

    if (v->type == YAML_SCALAR_NODE) {
        double x;
        if (!get_share(L, v, path, 1.0, &x))
            return;
        t->shrinkage_names = cc_xcalloc(1, sizeof(char *));
        t->shrinkage_values = cc_xcalloc(1, sizeof(double));
        t->shrinkage_names[0] = cc_xstrdup("shrinkage");
        t->shrinkage_values[0] = x;
        t->n_shrinkage = 1;
    } else {
        if (!expect_type(L, v, YAML_MAPPING_NODE, path,
                         "a share or a mapping of components (breaks: 8%, ...)"))
            return;
        if (map_len(v) > 64) {
            error_at(L, CC_EINVAL, v, path, "at most 64 components");
            return;
        }
        t->shrinkage_names = cc_xcalloc(map_len(v) + 1, sizeof(char *));
        t->shrinkage_values = cc_xcalloc(map_len(v) + 1, sizeof(double));
        for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
            yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
            char shown[64];
            int dup = 0;
            if (!k || !x)
                return;
            if (k->type != YAML_SCALAR_NODE || !valid_name(scalar(k)) || has_nul(k)) {
                error_at(L, CC_ESCHEMA, k, path, "'%s' is not a valid component name",
                         show(k, shown, sizeof(shown)));
                continue;
            }
            join_path(p, path, scalar(k));
            if (!strcmp(scalar(k), "combine")) {
                int e = get_enum(L, x, p, shrink_combine_names);
                if (e >= 0)
                    t->shrinkage_combine = (cc_shrinkage_combine)e;
                continue;
            }
            for (i = 0; i < t->n_shrinkage; i++)
                if (!strcmp(t->shrinkage_names[i], scalar(k)))
                    dup = 1;
            if (dup) {
                error_at(L, CC_EINVAL, k, path, "duplicate component '%s'", scalar(k));
                continue;
            }
            if (get_share(L, x, p, 1.0, &t->shrinkage_values[t->n_shrinkage])) {
                t->shrinkage_names[t->n_shrinkage] = cc_xstrdup(scalar(k));
                t->n_shrinkage++;
            }
        }
    }
    if (t->shrinkage_combine == CC_COMBINE_ADDITIVE) {
        total = 0.0;
        for (i = 0; i < t->n_shrinkage; i++)
            total += t->shrinkage_values[i];
    } else {
        double keep = 1.0;
        for (i = 0; i < t->n_shrinkage; i++)
            keep *= 1.0 - t->shrinkage_values[i];
        total = 1.0 - keep;
    }
    if (total >= 1.0 - 1e-12) {
        error_at(L, CC_EINVAL, v, path,
                 "adds up to %g%%; shrinkage must stay below 100%% of paid time", total * 100.0);
        return;
    }
    t->shrinkage = total;
}

static void load_team(loader *L, int idx, yaml_node_t *key, yaml_node_t *n, int *total_shifts)
{
    cc_scenario *s = L->s;
    cc_team *t = &s->teams[idx];
    char path[PATH_MAX_LEN], p[PATH_MAX_LEN];
    yaml_node_t *v, *shifts, *agents;
    int ch;

    join_path(path, "teams", t->name);
    node_pos(key, &t->line, &t->col);
    if (!check_keys(L, n, path, team_keys))
        return;
    if (!(v = map_get(L, n, "skills"))) {
        error_at(L, CC_ESCHEMA, key, path, "missing 'skills' (the channels this team serves)");
    } else {
        size_t errors_before = L->d.n_errors;
        join_path(p, path, "skills");
        load_skills(L, t, v, p);
        if (L->d.n_errors != errors_before)
            L->skills_failed = 1; /* "no team can serve" would only repeat it */
    }
    for (ch = 0; ch < s->n_channels; ch++)
        t->max_concurrency[ch] = t->proficiency[ch] > 0.0 ? s->channels[ch].concurrency : 0;
    if ((v = map_get(L, n, "max_concurrency"))) {
        yaml_node_pair_t *q;
        join_path(p, path, "max_concurrency");
        if (expect_type(L, v, YAML_MAPPING_NODE, p, "a mapping of channel: sessions")) {
            for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
                yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
                char kp[PATH_MAX_LEN];
                int mc;
                if (!k || !x)
                    break;
                ch = get_ref(L, k, p, "channel", L->ch_names, s->n_channels);
                if (ch < 0)
                    continue;
                join_path(kp, p, scalar(k));
                if (!get_int(L, x, kp, 1, CC_MAX_CONCURRENCY, &mc))
                    continue;
                if (t->proficiency[ch] <= 0.0) {
                    error_at(L, CC_EINVAL, k, kp, "team '%s' has no skill for '%s'", t->name,
                             s->channels[ch].name);
                } else if (mc > 1 && s->channels[ch].kind != CC_CHANNEL_CHAT &&
                           s->channels[ch].kind != CC_CHANNEL_MESSAGING) {
                    error_at(L, CC_EINVAL, x, kp, "%s handles one contact at a time; must be 1",
                             cc_channel_kind_name(s->channels[ch].kind));
                } else if (s->channels[ch].n_stretch > 0 && mc > s->channels[ch].n_stretch) {
                    error_at(L, CC_EINVAL, x, kp,
                             "exceeds the %d stretch multipliers of channel '%s'",
                             s->channels[ch].n_stretch, s->channels[ch].name);
                } else {
                    t->max_concurrency[ch] = mc;
                }
            }
        }
    }
    shifts = map_get(L, n, "shifts");
    agents = map_get(L, n, "agents");
    if (shifts && agents) {
        error_at(L, CC_ESCHEMA, agents, path,
                 "give either 'shifts' or 'agents' (a flat headcount), not both");
    } else if (!shifts && !agents) {
        error_at(L, CC_ESCHEMA, key, path,
                 "missing staffing: give 'shifts' or 'agents' (a flat headcount)");
    } else if (agents) {
        join_path(p, path, "agents");
        t->staffing = CC_STAFF_FLAT;
        get_int(L, agents, p, 0, CC_MAX_AGENTS, &t->flat_agents);
    } else {
        join_path(p, path, "shifts");
        t->staffing = CC_STAFF_SHIFTS;
        if (expect_type(L, shifts, YAML_SEQUENCE_NODE, p, "a list of shifts")) {
            size_t n_sh = seq_len(shifts);
            if (n_sh > CC_MAX_SHIFTS || *total_shifts + (int)n_sh > MAX_TOTAL_SHIFTS) {
                error_at(L, CC_EINVAL, shifts, p,
                         "too many shifts (at most %d per team and %d in all)", CC_MAX_SHIFTS,
                         MAX_TOTAL_SHIFTS);
            } else {
                yaml_node_item_t *it;
                int i = 0;
                *total_shifts += (int)n_sh;
                t->shifts = cc_xcalloc(n_sh ? n_sh : 1, sizeof(*t->shifts));
                for (it = shifts->data.sequence.items.start; it < shifts->data.sequence.items.top;
                     it++, i++) {
                    char ip[PATH_MAX_LEN];
                    yaml_node_t *x = get_node(L, *it);
                    if (!x)
                        break;
                    t->n_shifts = i + 1;
                    index_path(ip, p, i);
                    load_shift(L, t, i, x, ip);
                }
            }
        }
    }
    if ((v = map_get(L, n, "utc_offset"))) {
        join_path(p, path, "utc_offset");
        get_utc_offset(L, v, p, &t->utc_offset_s);
    } else {
        t->utc_offset_s = s->utc_offset_s;
    }
    if ((v = map_get(L, n, "shrinkage"))) {
        join_path(p, path, "shrinkage");
        load_shrinkage(L, t, v, p);
    }
    if ((v = map_get(L, n, "cost"))) {
        join_path(p, path, "cost");
        if (v->type == YAML_SCALAR_NODE) {
            get_number(L, v, p, 0.0, 1e6, &t->cost_per_hour);
        } else if (check_keys(L, v, p, cost_keys)) {
            yaml_node_t *x;
            char cp[PATH_MAX_LEN];
            if ((x = map_get(L, v, "per_hour"))) {
                join_path(cp, p, "per_hour");
                get_number(L, x, cp, 0.0, 1e6, &t->cost_per_hour);
            }
            if ((x = map_get(L, v, "per_contact"))) {
                join_path(cp, p, "per_contact");
                get_number(L, x, cp, 0.0, 1e6, &t->cost_per_contact);
            }
        }
    }
    if ((v = map_get(L, n, "outsourced"))) {
        join_path(p, path, "outsourced");
        get_bool(L, v, p, &t->outsourced);
    }
}

static void load_teams(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *m = map_get(L, root, "teams");
    yaml_node_pair_t *p;
    int n, i = 0, total_shifts = 0;

    if (!m) {
        error_at(L, CC_ESCHEMA, root, "", "missing 'teams' (at least one team of agents)");
        return;
    }
    n = check_name_map(L, m, "teams", CC_MAX_TEAMS, "teams");
    if (n == 0) {
        if (m->type == YAML_MAPPING_NODE)
            error_at(L, CC_EINVAL, m, "teams", "no team defined; at least one is needed");
        return;
    }
    s->teams = cc_xcalloc((size_t)n, sizeof(*s->teams));
    L->team_names = cc_xcalloc((size_t)n, sizeof(char *));
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        const char *name = entry_name(L, p);
        int j, dup = 0;
        for (j = 0; j < i; j++)
            if (!strcmp(s->teams[j].name, name))
                dup = 1;
        s->teams[i].name = cc_xstrdup(name);
        s->teams[i].proficiency = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1),
                                             sizeof(double));
        s->teams[i].max_concurrency = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1),
                                                 sizeof(int));
        L->team_names[i] = name[0] && !dup ? s->teams[i].name : NULL;
    }
    s->n_teams = n;
    i = 0;
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        yaml_node_t *k = get_node(L, p->key), *v = get_node(L, p->value);
        if (!k || !v)
            break;
        if (!L->team_names[i])
            continue;
        load_team(L, i, k, v, &total_shifts);
    }
}

/* ---- routing ----------------------------------------------------------------------- */

static const char *const routing_keys[] = {"priority", "chat_assignment", "strict_priority",
                                           "channels", NULL};
static const char *const route_keys[] = {"teams", "overflow", NULL};
static const char *const overflow_keys[] = {"team", "after", NULL};
static const char *const chat_policy_names[] = {"fill", "spread", NULL};

static int kind_rank(cc_channel_kind k)
{
    switch (k) {
    case CC_CHANNEL_VOICE: return 0;
    case CC_CHANNEL_CHAT: return 1;
    case CC_CHANNEL_MESSAGING: return 2;
    case CC_CHANNEL_SOCIAL: return 3;
    case CC_CHANNEL_EMAIL: return 4;
    }
    return 5;
}

static void add_overflow(cc_channel *c, int team, double after)
{
    c->overflow_teams = cc_xrealloc(c->overflow_teams, (size_t)(c->n_overflow + 1) * sizeof(int));
    c->overflow_after_s = cc_xrealloc(c->overflow_after_s,
                                      (size_t)(c->n_overflow + 1) * sizeof(double));
    c->overflow_teams[c->n_overflow] = team;
    c->overflow_after_s[c->n_overflow] = after;
    c->n_overflow++;
}

static int team_listed(const int *list, int n, int team)
{
    int i;
    for (i = 0; i < n; i++)
        if (list[i] == team)
            return 1;
    return 0;
}

static void load_overflow_one(loader *L, cc_channel *c, yaml_node_t *v, const char *path)
{
    cc_scenario *s = L->s;
    char p[PATH_MAX_LEN];
    yaml_node_t *x;
    int team = -1;
    double after = 0.0;
    int ok = 1;

    if (!check_keys(L, v, path, overflow_keys))
        return;
    if (!(x = map_get(L, v, "team"))) {
        error_at(L, CC_ESCHEMA, v, path, "missing 'team' (the team that takes the overflow)");
        ok = 0;
    } else {
        join_path(p, path, "team");
        team = get_ref(L, x, p, "team", L->team_names, s->n_teams);
        if (team >= 0 && s->teams[team].proficiency[c - s->channels] <= 0.0) {
            error_at(L, CC_EINVAL, x, p,
                     "team '%s' has no skill for '%s'; add it to teams.%s.skills", s->teams[team].name,
                     c->name, s->teams[team].name);
            team = -1;
        } else if (team >= 0 && team_listed(c->overflow_teams, c->n_overflow, team)) {
            error_at(L, CC_EINVAL, x, p, "team '%s' is listed twice", s->teams[team].name);
            team = -1;
        }
        ok &= team >= 0;
    }
    if (!(x = map_get(L, v, "after"))) {
        error_at(L, CC_ESCHEMA, v, path, "missing 'after' (the wait before overflowing, e.g. "
                                         "60s)");
        ok = 0;
    } else {
        join_path(p, path, "after");
        ok &= get_duration(L, x, p, 0.0, 30 * 86400.0, &after);
    }
    if (ok)
        add_overflow(c, team, after);
}

static void load_route(loader *L, int ch, yaml_node_t *v, const char *path)
{
    cc_scenario *s = L->s;
    cc_channel *c = &s->channels[ch];
    char p[PATH_MAX_LEN];
    yaml_node_t *x;

    if (!check_keys(L, v, path, route_keys))
        return;
    if ((x = map_get(L, v, "overflow"))) {
        join_path(p, path, "overflow");
        if (x->type == YAML_SEQUENCE_NODE) {
            yaml_node_item_t *it;
            int i = 0;
            if (seq_len(x) > (size_t)CC_MAX_TEAMS) {
                error_at(L, CC_EINVAL, x, p, "at most %d overflow teams", CC_MAX_TEAMS);
            } else {
                for (it = x->data.sequence.items.start; it < x->data.sequence.items.top;
                     it++, i++) {
                    char ip[PATH_MAX_LEN];
                    yaml_node_t *o = get_node(L, *it);
                    if (!o)
                        break;
                    index_path(ip, p, i);
                    load_overflow_one(L, c, o, ip);
                }
            }
        } else {
            load_overflow_one(L, c, x, p);
        }
    }
    if ((x = map_get(L, v, "teams"))) {
        yaml_node_item_t *it;
        int i = 0;
        join_path(p, path, "teams");
        L->route_given[ch] = 1;
        if (!expect_type(L, x, YAML_SEQUENCE_NODE, p, "a list of teams in preference order"))
            return;
        if (seq_len(x) > (size_t)CC_MAX_TEAMS) {
            error_at(L, CC_EINVAL, x, p, "at most %d teams", CC_MAX_TEAMS);
            return;
        }
        c->route_teams = cc_xcalloc(seq_len(x) ? seq_len(x) : 1, sizeof(int));
        for (it = x->data.sequence.items.start; it < x->data.sequence.items.top; it++, i++) {
            char ip[PATH_MAX_LEN];
            yaml_node_t *o = get_node(L, *it);
            int team;
            if (!o)
                break;
            index_path(ip, p, i);
            team = get_ref(L, o, ip, "team", L->team_names, s->n_teams);
            if (team < 0)
                continue;
            if (s->teams[team].proficiency[ch] <= 0.0) {
                error_at(L, CC_EINVAL, o, ip,
                         "team '%s' has no skill for '%s'; add it to teams.%s.skills",
                         s->teams[team].name, c->name, s->teams[team].name);
                continue;
            }
            if (team_listed(c->route_teams, c->n_route_teams, team)) {
                error_at(L, CC_EINVAL, o, ip, "team '%s' is listed twice", s->teams[team].name);
                continue;
            }
            if (team_listed(c->overflow_teams, c->n_overflow, team)) {
                error_at(L, CC_EINVAL, o, ip,
                         "team '%s' is also an overflow team of '%s'; list it in one place",
                         s->teams[team].name, c->name);
                continue;
            }
            c->route_teams[c->n_route_teams++] = team;
        }
    }
}

static void load_routing(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *r = map_get(L, root, "routing"), *v;
    int ch, t, rank = 0;
    int *given_rank = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(int));

    s->strict_priority = 1;
    L->route_given = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(int));
    for (ch = 0; ch < s->n_channels; ch++)
        given_rank[ch] = -1;
    if (r && check_keys(L, r, "routing", routing_keys)) {
        if ((v = map_get(L, r, "priority"))) {
            if (expect_type(L, v, YAML_SEQUENCE_NODE, "routing.priority",
                            "a list of channels, highest priority first")) {
                yaml_node_item_t *it;
                int i = 0;
                for (it = v->data.sequence.items.start;
                     it < v->data.sequence.items.top && i < 4 * CC_MAX_CHANNELS; it++, i++) {
                    char ip[PATH_MAX_LEN];
                    yaml_node_t *x = get_node(L, *it);
                    if (!x)
                        break;
                    index_path(ip, "routing.priority", i);
                    ch = get_ref(L, x, ip, "channel", L->ch_names, s->n_channels);
                    if (ch < 0)
                        continue;
                    if (given_rank[ch] >= 0) {
                        error_at(L, CC_EINVAL, x, ip, "channel '%s' is listed twice",
                                 s->channels[ch].name);
                        continue;
                    }
                    given_rank[ch] = rank++;
                }
            }
        }
        if ((v = map_get(L, r, "chat_assignment"))) {
            int e = get_enum(L, v, "routing.chat_assignment", chat_policy_names);
            if (e >= 0)
                s->chat_assignment = (cc_chat_policy)e;
        }
        if ((v = map_get(L, r, "strict_priority")))
            get_bool(L, v, "routing.strict_priority", &s->strict_priority);
        if ((v = map_get(L, r, "channels"))) {
            yaml_node_pair_t *q;
            if (expect_type(L, v, YAML_MAPPING_NODE, "routing.channels",
                            "a mapping of channel: {teams, overflow}")) {
                for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
                    yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
                    char p[PATH_MAX_LEN];
                    yaml_node_pair_t *q2;
                    int dup = 0;
                    if (!k || !x)
                        break;
                    ch = get_ref(L, k, "routing.channels", "channel", L->ch_names, s->n_channels);
                    if (ch < 0)
                        continue;
                    for (q2 = v->data.mapping.pairs.start; q2 < q; q2++) {
                        yaml_node_t *k2 = get_node(L, q2->key);
                        if (k2 && k2->type == YAML_SCALAR_NODE && !strcmp(scalar(k2), scalar(k)))
                            dup = 1;
                    }
                    if (dup) {
                        error_at(L, CC_EINVAL, k, "routing.channels", "duplicate channel '%s'",
                                 scalar(k));
                        continue;
                    }
                    join_path(p, "routing.channels", scalar(k));
                    load_route(L, ch, x, p);
                }
            }
        }
    }
    /* Channels not named in routing.priority follow, by kind then file order. */
    for (int kr = 0; kr <= 5; kr++)
        for (ch = 0; ch < s->n_channels; ch++)
            if (given_rank[ch] < 0 && kind_rank(s->channels[ch].kind) == kr)
                given_rank[ch] = rank++;
    for (ch = 0; ch < s->n_channels; ch++)
        s->channels[ch].priority = given_rank[ch];
    free(given_rank);

    /* Default routes: every skilled team not used as overflow, in file order. */
    for (ch = 0; ch < s->n_channels; ch++) {
        cc_channel *c = &s->channels[ch];
        if (!L->route_given[ch]) {
            free(c->route_teams);
            c->route_teams = cc_xcalloc((size_t)(s->n_teams ? s->n_teams : 1), sizeof(int));
            c->n_route_teams = 0;
            for (t = 0; t < s->n_teams; t++)
                if (s->teams[t].proficiency[ch] > 0.0 &&
                    !team_listed(c->overflow_teams, c->n_overflow, t))
                    c->route_teams[c->n_route_teams++] = t;
        }
    }
}

/* ---- simulation and plan ------------------------------------------------------------ */

static const char *const sim_keys[] = {"replications", "seed", "warmup", "max_arrivals",
                                       "drain", NULL};
static const char *const plan_keys[] = {"method", "shrinkage_method", "fte_week",
                                        "max_occupancy", "headcount", "attrition",
                                        "hiring_lead_time", "training_time", "options",
                                        "shift_rules", "overtime", "vendor_cost_per_hour",
                                        "cost_per_hire", NULL};
static const char *const shift_rule_keys[] = {"name",        "start",      "step",
                                              "length",      "days",       "unpaid_break",
                                              "break_after", "min_agents", "max_agents",
                                              NULL};
static const char *const overtime_keys[] = {"max_share", "cost_multiplier", NULL};
static const char *const method_names[] = {"erlang-c", "erlang-a", "simulation", NULL};
static const char *const shrink_method_names[] = {"divisive", "multiplicative", NULL};
static const char *const option_keys[] = {"name", "description", "set", NULL};

static void load_simulation(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    yaml_node_t *m = map_get(L, root, "simulation"), *v;

    s->simulation.replications = 10;
    s->simulation.seed = 1;
    if (!m || !check_keys(L, m, "simulation", sim_keys))
        return;
    if ((v = map_get(L, m, "replications")))
        get_int(L, v, "simulation.replications", 1, 100000, &s->simulation.replications);
    if ((v = map_get(L, m, "seed"))) {
        long seed;
        if (get_long(L, v, "simulation.seed", 0, LONG_MAX, &seed))
            s->simulation.seed = (uint64_t)seed;
    }
    if ((v = map_get(L, m, "warmup"))) {
        if (get_duration(L, v, "simulation.warmup", 0.0, 366 * 86400.0, &s->simulation.warmup_s) &&
            L->horizon_ok && s->simulation.warmup_s >= s->horizon_s)
            error_at(L, CC_EINVAL, v, "simulation.warmup",
                     "is as long as the horizon (%d days); nothing would be measured", s->days);
    }
    if ((v = map_get(L, m, "max_arrivals")))
        get_long(L, v, "simulation.max_arrivals", 0, 1000000000000L, &s->simulation.max_arrivals);
    if ((v = map_get(L, m, "drain")))
        get_bool(L, v, "simulation.drain", &s->simulation.drain);
}

/* Writes a node as YAML flow text (bounded depth and length). */
static void flow_text(loader *L, yaml_node_t *n, char *buf, size_t size, size_t *used, int depth)
{
#define PUT(str)                                                                                 \
    do {                                                                                         \
        const char *put_s = (str);                                                               \
        while (*put_s && *used + 4 < size)                                                       \
            buf[(*used)++] = *put_s++;                                                           \
        buf[*used] = '\0';                                                                       \
    } while (0)
    if (!n || depth > 16) {
        PUT("...");
        return;
    }
    if (n->type == YAML_SCALAR_NODE) {
        const char *v = scalar(n);
        int plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && v[0] &&
                    !strpbrk(v, ",[]{}:#\"'\n");
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
            flow_text(L, get_node(L, *it), buf, size, used, depth + 1);
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
            flow_text(L, get_node(L, p->key), buf, size, used, depth + 1);
            PUT(": ");
            flow_text(L, get_node(L, p->value), buf, size, used, depth + 1);
            if (*used + 8 >= size)
                break;
        }
        PUT("}");
    }
#undef PUT
}

static void load_option(loader *L, cc_option *o, yaml_node_t *n, const char *path)
{
    char p[PATH_MAX_LEN];
    yaml_node_t *v;

    node_pos(n, &o->line, &o->col);
    o->description = cc_xstrdup("");
    if (!check_keys(L, n, path, option_keys))
        return;
    if (!(v = map_get(L, n, "name"))) {
        error_at(L, CC_ESCHEMA, n, path, "missing 'name'");
    } else {
        join_path(p, path, "name");
        o->name = get_string(L, v, p);
    }
    if ((v = map_get(L, n, "description"))) {
        join_path(p, path, "description");
        free(o->description);
        o->description = get_string(L, v, p);
        if (!o->description)
            o->description = cc_xstrdup("");
    }
    if (!(v = map_get(L, n, "set"))) {
        error_at(L, CC_ESCHEMA, n, path,
                 "missing 'set' (a mapping of key paths to new values, e.g. "
                 "{teams.vendor.agents: 0})");
        return;
    }
    join_path(p, path, "set");
    if (!expect_type(L, v, YAML_MAPPING_NODE, p, "a mapping of key path: value"))
        return;
    if (map_len(v) > 256) {
        error_at(L, CC_EINVAL, v, p, "at most 256 overrides per option");
        return;
    }
    o->set = cc_xcalloc(map_len(v) + 1, sizeof(*o->set));
    {
        yaml_node_pair_t *q;
        for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
            yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
            char text[MAX_VALUE_TEXT];
            size_t used = 0;
            if (!k || !x)
                break;
            if (k->type != YAML_SCALAR_NODE || is_null(k) || has_nul(k)) {
                error_at(L, CC_ESCHEMA, k, p, "keys must be key paths such as "
                                              "'teams.vendor.agents'");
                continue;
            }
            if (!strncmp(scalar(k), "plan.options", 12)) {
                error_at(L, CC_EINVAL, k, p, "an option cannot change plan options");
                continue;
            }
            text[0] = '\0';
            flow_text(L, x, text, sizeof(text), &used, 0);
            o->set[o->n_set].path = cc_xstrdup(scalar(k));
            o->set[o->n_set].value = cc_xstrdup(text);
            o->n_set++;
        }
    }
}

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
static int get_start_window(loader *L, yaml_node_t *n, const char *path, double *first,
                            double *last)
{
    const char *t = get_text(L, n, path, "a start time 'HH:MM', a window 'HH:MM-HH:MM' or 'any'");
    const char *dash;
    char shown[64];

    if (!t)
        return 0;
    if (!strcmp(t, "any")) {
        *first = 0.0;
        *last = 86400.0 - L->s->interval_s;
        return 1;
    }
    dash = strchr(t, '-');
    if (dash ? parse_clock(t, (size_t)(dash - t), first) &&
                   parse_clock(dash + 1, strlen(dash + 1), last)
             : parse_clock(t, strlen(t), first) && (*last = *first, 1)) {
        if (*last < *first) {
            error_at(L, CC_EINVAL, n, path,
                     "'%s' ends before it starts; a window of starts runs within one day "
                     "(split one crossing midnight into two rules)",
                     show(n, shown, sizeof(shown)));
            return 0;
        }
        return 1;
    }
    error_at(L, CC_ESCHEMA, n, path,
             "expected a start time 'HH:MM', a window 'HH:MM-HH:MM' (00:00 to 23:59) or 'any', "
             "got '%s'",
             show(n, shown, sizeof(shown)));
    return 0;
}

/*
 * 1 when `x` seconds is a whole number of intervals; else reports at `n`,
 * showing `x` as a time of day when `clock` is set.
 */
static int whole_intervals_at(loader *L, yaml_node_t *n, const char *path, double x, int clock)
{
    double q = x / L->s->interval_s;
    char buf[32];

    if (fabs(q - nearbyint(q)) < 1e-9)
        return 1;
    if (clock)
        snprintf(buf, sizeof buf, "%02d:%02d", (int)(x / 3600.0), (int)fmod(x / 60.0, 60.0));
    else
        format_duration(x, buf, sizeof(buf));
    error_at(L, CC_EINVAL, n, path,
             clock ? "%s is not on the grid of %g-minute intervals"
                   : "%s is not a whole number of %g-minute intervals",
             buf, L->s->interval_s / 60.0);
    return 0;
}

/* One item of plan.shift_rules.TEAM; returns 1 when valid (then *r owns its name). */
static int load_shift_rule(loader *L, cc_plan_shift_rule *r, int idx, yaml_node_t *n,
                           const char *path)
{
    char p[PATH_MAX_LEN];
    yaml_node_t *v, *sv, *lv, *bv = NULL, *av = NULL;
    double dt = L->s->interval_s;
    int ok = 1, line, col;

    memset(r, 0, sizeof *r);
    r->days = 0x7fu;
    r->step_s = dt;
    node_pos(n, &line, &col);
    r->line = line;
    r->col = col;
    if (!expect_type(L, n, YAML_MAPPING_NODE, path,
                     "a shift rule {start, length, step, days, unpaid_break, ...}"))
        return 0;
    {
        size_t before = L->d.n; /* a misspelt key is the one error, not "missing" too */
        if (!check_keys(L, n, path, shift_rule_keys) || L->d.n != before)
            return 0;
    }
    sv = map_get(L, n, "start");
    lv = map_get(L, n, "length");
    if (!sv || !lv) {
        error_at(L, CC_ESCHEMA, n, path, "missing '%s' (%s)", sv ? "length" : "start",
                 sv ? "time on site, e.g. 8h" : "first start or window, e.g. \"06:00-10:00\"");
        return 0;
    }
    join_path(p, path, "start");
    ok &= get_start_window(L, sv, p, &r->first_start_s, &r->last_start_s) &&
          whole_intervals_at(L, sv, p, r->first_start_s, 1) &&
          whole_intervals_at(L, sv, p, r->last_start_s, 1);
    join_path(p, path, "length");
    ok &= get_duration(L, lv, p, dt, 86400.0, &r->length_s) &&
          whole_intervals_at(L, lv, p, r->length_s, 0);
    if ((v = map_get(L, n, "step"))) {
        join_path(p, path, "step");
        ok &= get_duration(L, v, p, dt, 86400.0, &r->step_s) &&
              whole_intervals_at(L, v, p, r->step_s, 0);
    }
    if ((v = map_get(L, n, "days"))) {
        join_path(p, path, "days");
        ok &= get_days(L, v, p, &r->days);
    }
    if ((bv = map_get(L, n, "unpaid_break"))) {
        join_path(p, path, "unpaid_break");
        ok &= get_duration(L, bv, p, 0.0, 86400.0, &r->break_s) &&
              whole_intervals_at(L, bv, p, r->break_s, 0);
    }
    if ((av = map_get(L, n, "break_after"))) {
        join_path(p, path, "break_after");
        ok &= get_duration(L, av, p, dt, 86400.0, &r->break_after_s) &&
              whole_intervals_at(L, av, p, r->break_after_s, 0);
        if (ok && !bv) {
            error_at(L, CC_EINVAL, av, p, "there is no 'unpaid_break' to place");
            ok = 0;
        }
    }
    if ((v = map_get(L, n, "min_agents"))) {
        join_path(p, path, "min_agents");
        ok &= get_long(L, v, p, 0, CC_MAX_AGENTS, &r->min_agents);
    }
    if ((v = map_get(L, n, "max_agents"))) {
        join_path(p, path, "max_agents");
        ok &= get_long(L, v, p, 0, CC_MAX_AGENTS, &r->max_agents);
        if (ok && r->max_agents > 0 && r->max_agents < r->min_agents) {
            error_at(L, CC_EINVAL, v, p, "%ld is below min_agents %ld (0 = no limit)",
                     r->max_agents, r->min_agents);
            ok = 0;
        }
    }
    if (!ok)
        return 0;
    if (r->break_s > 0) {
        if (!av) /* the middle of the shift, on the interval grid */
            r->break_after_s = floor((r->length_s - r->break_s) / 2.0 / dt) * dt;
        if (!(r->break_after_s > 0) || !(r->break_after_s + r->break_s < r->length_s)) {
            char b[32], l[32];
            format_duration(r->break_s, b, sizeof(b));
            format_duration(r->length_s, l, sizeof(l));
            join_path(p, path, av ? "break_after" : "unpaid_break");
            error_at(L, CC_EINVAL, av ? av : bv, p,
                     "a %s break must fall inside the %s shift, with work before and after it",
                     b, l);
            return 0;
        }
    }
    if ((v = map_get(L, n, "name"))) {
        join_path(p, path, "name");
        r->name = get_string(L, v, p);
        if (!r->name)
            return 0;
    } else {
        char nm[32];
        snprintf(nm, sizeof nm, "rule %d", idx + 1);
        r->name = cc_xstrdup(nm);
    }
    return 1;
}

/* plan.shift_rules: {team: [rule, ...]}; teams left out keep the derived rules. */
static void load_shift_rules(loader *L, yaml_node_t *v)
{
    cc_scenario *s = L->s;
    cc_plan_settings *pl = &s->plan;
    yaml_node_pair_t *q;

    if (!expect_type(L, v, YAML_MAPPING_NODE, "plan.shift_rules",
                     "a mapping of team: [shift rule, ...]"))
        return;
    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
        char p[PATH_MAX_LEN];
        yaml_node_item_t *it;
        int t, i = 0;
        if (!k || !x)
            break;
        t = get_ref(L, k, "plan.shift_rules", "team", L->team_names, s->n_teams);
        if (t < 0)
            continue;
        join_path(p, "plan.shift_rules", scalar(k));
        if (!expect_type(L, x, YAML_SEQUENCE_NODE, p, "a list of shift rules"))
            continue;
        if (seq_len(x) == 0 || seq_len(x) > CC_MAX_SHIFT_RULES) {
            error_at(L, CC_EINVAL, x, p, "give 1 to %d shift rules", CC_MAX_SHIFT_RULES);
            continue;
        }
        if (pl->shift_rules[t]) {
            error_at(L, CC_EINVAL, k, p, "shift rules for team '%s' are given twice", scalar(k));
            continue;
        }
        pl->shift_rules[t] = cc_xcalloc(seq_len(x), sizeof(cc_plan_shift_rule));
        for (it = x->data.sequence.items.start; it < x->data.sequence.items.top; it++, i++) {
            char ip[PATH_MAX_LEN];
            yaml_node_t *r = get_node(L, *it);
            if (!r)
                break;
            index_path(ip, p, i);
            if (load_shift_rule(L, &pl->shift_rules[t][pl->n_shift_rules[t]], i, r, ip))
                pl->n_shift_rules[t]++;
        }
    }
}

/* plan.overtime: {max_share, cost_multiplier}, or a bare share for max_share. */
static void load_overtime(loader *L, yaml_node_t *v)
{
    cc_plan_settings *pl = &L->s->plan;
    yaml_node_t *x;

    if (v->type == YAML_SCALAR_NODE) {
        get_share(L, v, "plan.overtime", 1.0, &pl->overtime_share);
        return;
    }
    if (!check_keys(L, v, "plan.overtime", overtime_keys))
        return;
    if ((x = map_get(L, v, "max_share")))
        get_share(L, x, "plan.overtime.max_share", 1.0, &pl->overtime_share);
    if ((x = map_get(L, v, "cost_multiplier")))
        get_number(L, x, "plan.overtime.cost_multiplier", 0.0, 100.0, &pl->overtime_multiplier);
}

static void load_plan(loader *L, yaml_node_t *root)
{
    cc_scenario *s = L->s;
    cc_plan_settings *pl = &s->plan;
    yaml_node_t *m = map_get(L, root, "plan"), *v;
    int t, e;

    pl->fte_week_s = 37.5 * 3600.0;
    pl->max_occupancy = 0.85;
    pl->headcount = cc_xcalloc((size_t)(s->n_teams ? s->n_teams : 1), sizeof(int));
    for (t = 0; t < s->n_teams; t++)
        pl->headcount[t] = -1;
    pl->shift_rules = cc_xcalloc((size_t)(s->n_teams ? s->n_teams : 1), sizeof(*pl->shift_rules));
    pl->n_shift_rules = cc_xcalloc((size_t)(s->n_teams ? s->n_teams : 1), sizeof(int));
    pl->overtime_share = 0.10;
    pl->overtime_multiplier = 1.5;
    pl->vendor_cost_per_hour = -1.0;
    if (!m || !check_keys(L, m, "plan", plan_keys))
        return;
    if ((v = map_get(L, m, "method")) && (e = get_enum(L, v, "plan.method", method_names)) >= 0)
        pl->method = (cc_scenario_method)e;
    if ((v = map_get(L, m, "shrinkage_method")) &&
        (e = get_enum(L, v, "plan.shrinkage_method", shrink_method_names)) >= 0)
        pl->shrinkage_method = (cc_shrinkage_method)e;
    if ((v = map_get(L, m, "fte_week"))) {
        double x;
        const char *txt = v->type == YAML_SCALAR_NODE ? scalar(v) : "";
        if (v->type == YAML_SCALAR_NODE && cc_parse_duration(txt, &x) == CC_OK && x < 3600.0 &&
            isdigit((unsigned char)txt[strlen(txt) ? strlen(txt) - 1 : 0]))
            error_at(L, CC_EINVAL, v, "plan.fte_week",
                     "'%s' would mean %g seconds; write hours with a unit, e.g. '%gh'", txt, x, x);
        else if (get_duration(L, v, "plan.fte_week", 3600.0, 168 * 3600.0, &x))
            pl->fte_week_s = x;
    }
    if ((v = map_get(L, m, "max_occupancy"))) {
        double x;
        if (get_share(L, v, "plan.max_occupancy", 1.0, &x)) {
            if (x <= 0.0)
                error_at(L, CC_EINVAL, v, "plan.max_occupancy", "must be above 0%%");
            else
                pl->max_occupancy = x;
        }
    }
    if ((v = map_get(L, m, "headcount"))) {
        yaml_node_pair_t *q;
        if (expect_type(L, v, YAML_MAPPING_NODE, "plan.headcount", "a mapping of team: people")) {
            for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
                yaml_node_t *k = get_node(L, q->key), *x = get_node(L, q->value);
                char p[PATH_MAX_LEN];
                if (!k || !x)
                    break;
                t = get_ref(L, k, "plan.headcount", "team", L->team_names, s->n_teams);
                if (t < 0)
                    continue;
                join_path(p, "plan.headcount", scalar(k));
                get_int(L, x, p, 0, CC_MAX_AGENTS, &pl->headcount[t]);
            }
        }
    }
    if ((v = map_get(L, m, "attrition")))
        get_share(L, v, "plan.attrition", 1.0, &pl->attrition_per_month);
    if ((v = map_get(L, m, "hiring_lead_time")))
        get_duration(L, v, "plan.hiring_lead_time", 0.0, 3 * 366 * 86400.0, &pl->hiring_lead_s);
    if ((v = map_get(L, m, "training_time")))
        get_duration(L, v, "plan.training_time", 0.0, 3 * 366 * 86400.0, &pl->training_s);
    if ((v = map_get(L, m, "shift_rules")))
        load_shift_rules(L, v);
    if ((v = map_get(L, m, "overtime")))
        load_overtime(L, v);
    if ((v = map_get(L, m, "vendor_cost_per_hour")))
        get_number(L, v, "plan.vendor_cost_per_hour", 0.0, 1e6, &pl->vendor_cost_per_hour);
    if ((v = map_get(L, m, "cost_per_hire")))
        get_number(L, v, "plan.cost_per_hire", 0.0, 1e9, &pl->cost_per_hire);
    if ((v = map_get(L, m, "options"))) {
        if (expect_type(L, v, YAML_SEQUENCE_NODE, "plan.options", "a list of options")) {
            yaml_node_item_t *it;
            int i = 0;
            if (seq_len(v) > CC_MAX_OPTIONS) {
                error_at(L, CC_EINVAL, v, "plan.options", "at most %d options", CC_MAX_OPTIONS);
                return;
            }
            pl->options = cc_xcalloc(seq_len(v) ? seq_len(v) : 1, sizeof(*pl->options));
            for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
                char ip[PATH_MAX_LEN];
                yaml_node_t *x = get_node(L, *it);
                int j;
                if (!x)
                    break;
                pl->n_options = i + 1;
                index_path(ip, "plan.options", i);
                load_option(L, &pl->options[i], x, ip);
                for (j = 0; j < i && pl->options[i].name; j++)
                    if (pl->options[j].name && !strcmp(pl->options[j].name, pl->options[i].name))
                        error_at(L, CC_EINVAL, map_get(L, x, "name"), ip,
                                 "duplicate option name '%s'", pl->options[i].name);
            }
        }
    }
}

/* ---- cross checks ------------------------------------------------------------------ */

static void cross_checks(loader *L)
{
    cc_scenario *s = L->s;
    int ch, t;

    for (ch = 0; ch < s->n_channels; ch++) {
        cc_channel *c = &s->channels[ch];
        int skilled = 0;
        if (!L->ch_names || !L->ch_names[ch])
            continue;
        for (t = 0; t < s->n_teams; t++)
            if (s->teams[t].proficiency[ch] > 0.0)
                skilled = 1;
        if (!skilled && s->n_teams > 0 && !L->skills_failed) {
            cc_diag_add(&L->d, CC_DIAG_ERROR, CC_EINVAL, c->line, c->col,
                        "channels.%s: no team can serve this channel; add '%s' to a team's "
                        "skills",
                        c->name, c->name);
            continue;
        }
        if (L->route_given && L->route_given[ch]) {
            for (t = 0; t < s->n_teams; t++)
                if (s->teams[t].proficiency[ch] > 0.0 &&
                    !team_listed(c->route_teams, c->n_route_teams, t) &&
                    !team_listed(c->overflow_teams, c->n_overflow, t))
                    cc_diag_add(&L->d, CC_DIAG_WARNING, CC_OK, s->teams[t].line, s->teams[t].col,
                                "teams.%s: skilled for '%s' but not listed in "
                                "routing.channels.%s; it takes no '%s' contacts",
                                s->teams[t].name, c->name, c->name, c->name);
            if (c->n_route_teams == 0 && c->n_overflow == 0)
                cc_diag_add(&L->d, CC_DIAG_ERROR, CC_EINVAL, c->line, c->col,
                            "channels.%s: routing lists no team for this channel", c->name);
        }
    }
}

/* ---- overrides ---------------------------------------------------------------------- */

/* Copies node `id` of `src` (and its children) into L->doc; returns the new id or 0. */
static int copy_node(loader *L, yaml_document_t *src, int id, int depth, long *budget)
{
    yaml_node_t *n = yaml_document_get_node(src, id);
    int nid = 0;

    if (!n || depth > 32 || --*budget < 0)
        return 0;
    if (n->type == YAML_SCALAR_NODE) {
        nid = yaml_document_add_scalar(&L->doc, NULL, n->data.scalar.value,
                                       (int)n->data.scalar.length, n->data.scalar.style);
    } else if (n->type == YAML_SEQUENCE_NODE) {
        size_t i, len = seq_len(n);
        nid = yaml_document_add_sequence(&L->doc, NULL, YAML_FLOW_SEQUENCE_STYLE);
        for (i = 0; nid && i < len; i++) {
            int c = copy_node(L, src, n->data.sequence.items.start[i], depth + 1, budget);
            n = yaml_document_get_node(src, id);
            if (!c || !yaml_document_append_sequence_item(&L->doc, nid, c))
                return 0;
        }
    } else if (n->type == YAML_MAPPING_NODE) {
        size_t i, len = map_len(n);
        nid = yaml_document_add_mapping(&L->doc, NULL, YAML_FLOW_MAPPING_STYLE);
        for (i = 0; nid && i < len; i++) {
            int k, v;
            n = yaml_document_get_node(src, id);
            k = copy_node(L, src, n->data.mapping.pairs.start[i].key, depth + 1, budget);
            n = yaml_document_get_node(src, id);
            v = copy_node(L, src, n->data.mapping.pairs.start[i].value, depth + 1, budget);
            if (!k || !v || !yaml_document_append_mapping_pair(&L->doc, nid, k, v))
                return 0;
        }
    }
    if (nid) {
        yaml_node_t *m = yaml_document_get_node(&L->doc, nid);
        m->start_mark.line = NO_LINE;
        m->end_mark.line = NO_LINE;
    }
    return nid;
}

/* Splits "a.b[2].c" into components; returns the count or -1. */
static int split_path(const char *path, char comps[][CC_MAX_NAME + 1], int max)
{
    int n = 0;
    const char *p = path;

    while (*p) {
        size_t len = 0;
        if (n == max)
            return -1;
        if (*p == '[') {
            p++;
            while (*p && *p != ']' && len < CC_MAX_NAME)
                comps[n][len++] = *p++;
            if (*p != ']')
                return -1;
            p++;
        } else {
            while (*p && *p != '.' && *p != '[' && len < CC_MAX_NAME)
                comps[n][len++] = *p++;
        }
        comps[n][len] = '\0';
        if (len == 0)
            return -1;
        n++;
        if (*p == '.') {
            p++;
            if (!*p)
                return -1;
        } else if (*p && *p != '[') {
            return -1;
        }
    }
    return n;
}

/*
 * Scalar shorthands with an equivalent mapping: `volume: 2500` is
 * `volume: {per_day: 2500}`, a bare duration is `{mean: ...}` (exponential),
 * and so on. An override reaching below one of them rewrites the scalar into
 * its mapping first. `exclusive`: the mapping's keys are alternatives, so
 * setting another key drops the shorthand's value instead of keeping both.
 */
typedef struct shorthand {
    const char *at[3];            /* path pattern; "*" matches any name */
    const char *key;              /* key the scalar stands for */
    int exclusive;                /* 1: keys are alternatives (give exactly one) */
} shorthand;

static const shorthand shorthands[] = {
    {{"channels", "*", "volume"}, "per_day", 1},
    {{"channels", "*", "handle_time"}, "mean", 0},
    {{"channels", "*", "wrap_up"}, "mean", 0},
    {{"channels", "*", "patience"}, "mean", 0},
    {{"channels", "*", "uncertainty"}, "cv", 0},
    {{"channels", "*", "stretch"}, "per_extra_session", 1},
    {{"chatbots", "*", "time_in_bot"}, "mean", 0},
    {{"teams", "*", "cost"}, "per_hour", 0},
    {{"teams", "*", "shrinkage"}, "shrinkage", 0},
    {{"plan", "overtime", NULL}, "max_share", 0},
};

/* The shorthand for the scalar at comps[0..n-1] holding `text`, or NULL. */
static const shorthand *find_shorthand(char comps[][CC_MAX_NAME + 1], int n, const char *text)
{
    static const shorthand nested[] = {
        {{"channels", "*", "retry"}, "mean", 0},      /* channels.X.retry.delay */
        {{"chatbots", "*", "bounce_back"}, "mean", 0}, /* chatbots.X.bounce_back.delay */
    };
    size_t k;
    int j;

    if (!strcmp(text, "none") || !strcmp(text, "~") || !strcmp(text, "null") || !text[0])
        return NULL; /* "no patience" has no mapping form */
    for (k = 0; k < sizeof shorthands / sizeof shorthands[0]; k++) {
        const shorthand *h = &shorthands[k];
        int len = h->at[2] ? 3 : 2;
        if (n != len)
            continue;
        for (j = 0; j < len && (!strcmp(h->at[j], "*") || !strcmp(h->at[j], comps[j])); j++)
            ;
        if (j == len)
            return h;
    }
    for (k = 0; n == 4 && !strcmp(comps[3], "delay") && k < sizeof nested / sizeof nested[0];
         k++)
        if (!strcmp(nested[k].at[0], comps[0]) && !strcmp(nested[k].at[2], comps[2]))
            return &nested[k];
    return NULL;
}

/*
 * Rewrites scalar node `id` (the value at comps[0..n-1]) into its mapping
 * form for setting key `next`; returns the mapping's id, or 0 when the
 * scalar is no shorthand.
 */
static int expand_shorthand(loader *L, char comps[][CC_MAX_NAME + 1], int n, int id,
                            const char *next)
{
    yaml_node_t *sn = yaml_document_get_node(&L->doc, id);
    const shorthand *h = find_shorthand(comps, n, scalar(sn));
    yaml_mark_t mark = sn->start_mark;
    int mid, kid;

    if (!h)
        return 0;
    mid = yaml_document_add_mapping(&L->doc, NULL, YAML_FLOW_MAPPING_STYLE);
    if (!mid)
        return 0;
    yaml_document_get_node(&L->doc, mid)->start_mark = mark;
    if (h->exclusive && strcmp(next, h->key))
        return mid;
    kid = yaml_document_add_scalar(&L->doc, NULL, (const yaml_char_t *)h->key, -1,
                                   YAML_PLAIN_SCALAR_STYLE);
    if (!kid || !yaml_document_append_mapping_pair(&L->doc, mid, kid, id))
        return 0;
    yaml_document_get_node(&L->doc, kid)->start_mark = mark;
    return mid;
}

/*
 * Replaces the value at dotted `path` by node `value_id` (adding the last
 * key when its mapping lacks it). `at` locates error messages.
 */
static int apply_override(loader *L, const char *path, int value_id, yaml_node_t *at,
                          const char *label)
{
    char comps[16][CC_MAX_NAME + 1];
    int n = split_path(path, comps, 16), i, cur = 1;

    if (n <= 0) {
        error_at(L, CC_EINVAL, at, label, "'%s' is not a key path like 'teams.vendor.agents'",
                 path);
        return 0;
    }
    if (!yaml_document_get_root_node(&L->doc)) {
        error_at(L, CC_EINVAL, at, label, "the scenario is empty");
        return 0;
    }
    for (i = 0; i < n; i++) {
        yaml_node_t *node = yaml_document_get_node(&L->doc, cur);
        int last = i == n - 1;
        if (node->type == YAML_MAPPING_NODE) {
            yaml_node_pair_t *p;
            int found = 0;
            const char *cands[64];
            int nc = 0;
            for (p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
                yaml_node_t *k = yaml_document_get_node(&L->doc, p->key);
                if (k && k->type == YAML_SCALAR_NODE) {
                    if (!strcmp(scalar(k), comps[i])) {
                        yaml_node_t *val = yaml_document_get_node(&L->doc, p->value);
                        found = 1;
                        if (last) {
                            p->value = value_id;
                        } else if (val && val->type == YAML_SCALAR_NODE) {
                            /* adding nodes may move the node array: find the pair again */
                            size_t pi = (size_t)(p - node->data.mapping.pairs.start);
                            int mid = expand_shorthand(L, comps, i + 1, p->value, comps[i + 1]);
                            node = yaml_document_get_node(&L->doc, cur);
                            if (mid)
                                node->data.mapping.pairs.start[pi].value = mid;
                            cur = node->data.mapping.pairs.start[pi].value;
                        } else {
                            cur = p->value;
                        }
                        break;
                    }
                    if (nc < 64)
                        cands[nc++] = scalar(k);
                }
            }
            if (found)
                continue;
            if (last) {
                int kid = yaml_document_add_scalar(&L->doc, NULL, (const yaml_char_t *)comps[i],
                                                   -1, YAML_PLAIN_SCALAR_STYLE);
                yaml_node_t *vn, *kn;
                if (!kid || !yaml_document_append_mapping_pair(&L->doc, cur, kid, value_id)) {
                    error_at(L, CC_EINVAL, at, label, "cannot set '%s'", path);
                    return 0;
                }
                kn = yaml_document_get_node(&L->doc, kid);
                vn = yaml_document_get_node(&L->doc, value_id);
                kn->start_mark = vn->start_mark;
                continue;
            }
            {
                const char *hint = suggest(comps[i], cands, nc);
                if (hint)
                    error_at(L, CC_EINVAL, at, label,
                             "'%s': the scenario has no '%s' here (did you mean '%s'?)", path,
                             comps[i], hint);
                else
                    error_at(L, CC_EINVAL, at, label, "'%s': the scenario has no '%s' here", path,
                             comps[i]);
            }
            return 0;
        } else if (node->type == YAML_SEQUENCE_NODE) {
            long idx;
            if (cc_parse_count(comps[i], LONG_MAX, &idx) != CC_OK || (size_t)idx >= seq_len(node)) {
                error_at(L, CC_EINVAL, at, label, "'%s': '%s' is not an index of a list of %zu",
                         path, comps[i], seq_len(node));
                return 0;
            }
            if (last) {
                node->data.sequence.items.start[idx] = value_id;
            } else {
                yaml_node_t *val = yaml_document_get_node(&L->doc, node->data.sequence.items.start[idx]);
                int mid = val && val->type == YAML_SCALAR_NODE
                              ? expand_shorthand(L, comps, i + 1, node->data.sequence.items.start[idx],
                                                 comps[i + 1])
                              : 0;
                node = yaml_document_get_node(&L->doc, cur);
                if (mid)
                    node->data.sequence.items.start[idx] = mid;
                cur = node->data.sequence.items.start[idx];
            }
        } else {
            error_at(L, CC_EINVAL, at, label,
                     "'%s': '%s' is a value with no mapping form, it has no '%s'; set '%s' "
                     "itself",
                     path, i ? comps[i - 1] : "", comps[i], i ? comps[i - 1] : "");
            return 0;
        }
    }
    return 1;
}

static int apply_text_override(loader *L, const cc_override *ov)
{
    yaml_parser_t parser;
    yaml_document_t vdoc;
    char label[PATH_MAX_LEN];
    int id = 0, ok = 0;
    long budget = MAX_OVERRIDE_NODES;
    const char *value = ov->value ? ov->value : "";

    snprintf(label, sizeof(label), "override '%s'", ov->path ? ov->path : "");
    if (!ov->path) {
        error_at(L, CC_EINVAL, NULL, label, "no key path");
        return 0;
    }
    if (!yaml_parser_initialize(&parser))
        return 0;
    yaml_parser_set_input_string(&parser, (const unsigned char *)value, strlen(value));
    if (!yaml_parser_load(&parser, &vdoc)) {
        error_at(L, CC_ESYNTAX, NULL, label, "value '%s' is not valid YAML: %s", value,
                 parser.problem ? parser.problem : "parse error");
        yaml_parser_delete(&parser);
        return 0;
    }
    if (yaml_document_get_root_node(&vdoc))
        id = copy_node(L, &vdoc, 1, 0, &budget);
    else
        id = yaml_document_add_scalar(&L->doc, NULL, (const yaml_char_t *)"", 0,
                                      YAML_PLAIN_SCALAR_STYLE);
    if (id) {
        yaml_node_t *n = yaml_document_get_node(&L->doc, id);
        n->start_mark.line = NO_LINE;
        ok = apply_override(L, ov->path, id, NULL, label);
    } else {
        error_at(L, CC_EINVAL, NULL, label, "value too large");
    }
    yaml_document_delete(&vdoc);
    yaml_parser_delete(&parser);
    return ok;
}

/* Applies plan.options[option].set of the document itself. */
static int apply_option(loader *L, int option)
{
    yaml_node_t *root = yaml_document_get_root_node(&L->doc), *plan, *opts, *o, *set;
    yaml_node_pair_t *p;
    int n, i, ok = 1;
    int *paths, *values;

    plan = map_get(L, root, "plan");
    opts = map_get(L, plan, "options");
    if (!opts || opts->type != YAML_SEQUENCE_NODE || option < 0 ||
        (size_t)option >= seq_len(opts)) {
        error_at(L, CC_EINVAL, NULL, "plan.options", "no option %d", option);
        return 0;
    }
    o = get_node(L, opts->data.sequence.items.start[option]);
    set = map_get(L, o, "set");
    if (!set || set->type != YAML_MAPPING_NODE)
        return 0;
    /* Collect first: applying may add nodes and move the pair arrays. */
    n = (int)map_len(set);
    paths = cc_xcalloc((size_t)n + 1, sizeof(int));
    values = cc_xcalloc((size_t)n + 1, sizeof(int));
    for (i = 0, p = set->data.mapping.pairs.start; i < n; i++, p++) {
        paths[i] = p->key;
        values[i] = p->value;
    }
    for (i = 0; i < n; i++) {
        yaml_node_t *k = yaml_document_get_node(&L->doc, paths[i]);
        char path[PATH_MAX_LEN];
        if (!k || k->type != YAML_SCALAR_NODE)
            continue;
        snprintf(path, sizeof(path), "%s", scalar(k));
        if (!strncmp(path, "plan.options", 12))
            continue;
        ok &= apply_override(L, path, values[i], k, "set");
    }
    free(paths);
    free(values);
    return ok;
}

/* ---- entry points -------------------------------------------------------------------- */

static void line_col_of_offset(const char *text, size_t len, size_t off, int *line, int *col)
{
    size_t i;
    *line = 1;
    *col = 1;
    for (i = 0; i < off && i < len; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static void syntax_error(loader *L, yaml_parser_t *parser, const char *text, size_t len)
{
    int line = (int)(parser->problem_mark.line + 1), col = (int)(parser->problem_mark.column + 1);
    const char *problem = parser->problem ? parser->problem : "invalid YAML";

    if (parser->error == YAML_READER_ERROR) {
        line_col_of_offset(text, len, parser->problem_offset, &line, &col);
        cc_diag_add(&L->d, CC_DIAG_ERROR, CC_ESYNTAX, line, col, "syntax error: %s", problem);
    } else if (parser->error == YAML_MEMORY_ERROR) {
        cc_diag_add(&L->d, CC_DIAG_ERROR, CC_ENOMEM, 0, 0, "out of memory while parsing");
    } else if (parser->context) {
        cc_diag_add(&L->d, CC_DIAG_ERROR, CC_ESYNTAX, line, col, "syntax error: %s (%s at %d:%d)",
                    problem, parser->context, (int)parser->context_mark.line + 1,
                    (int)parser->context_mark.column + 1);
    } else {
        cc_diag_add(&L->d, CC_DIAG_ERROR, CC_ESYNTAX, line, col, "syntax error: %s", problem);
    }
}

static const char *const top_keys[] = {"version", "name", "description", "currency", "horizon",
                                       "profiles", "channels", "seasons", "chatbots", "teams",
                                       "routing", "simulation", "plan", NULL};

static char *default_name(const char *label)
{
    const char *base = strrchr(label, '/');
    char *name = cc_xstrdup(base ? base + 1 : label);
    char *dot = strrchr(name, '.');
    if (dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml")))
        *dot = '\0';
    return name;
}

static void walk(loader *L, yaml_node_t *root, const char *label)
{
    cc_scenario *s = L->s;
    yaml_node_t *v;

    if (!check_keys(L, root, "", top_keys))
        return;
    if ((v = map_get(L, root, "version"))) {
        int ver;
        if (get_int(L, v, "version", 0, INT_MAX, &ver) && ver != 1)
            error_at(L, CC_EINVAL, v, "version", "only version 1 is supported, got %d", ver);
    }
    if ((v = map_get(L, root, "name")))
        s->name = get_string(L, v, "name");
    if (!s->name || !s->name[0]) {
        free(s->name);
        s->name = default_name(label);
    }
    if ((v = map_get(L, root, "description")))
        s->description = get_string(L, v, "description");
    if ((v = map_get(L, root, "currency")))
        s->currency = get_string(L, v, "currency");
    load_horizon(L, root);
    load_profiles(L, root);
    load_channels(L, root);
    load_seasons(L, root);
    load_chatbots(L, root);
    load_teams(L, root);
    load_routing(L, root);
    load_simulation(L, root);
    load_plan(L, root);
    cross_checks(L);
}

static void loader_release(loader *L)
{
    free(L->ch_names);
    free(L->team_names);
    free(L->bot_names);
    free(L->profile_names);
    free(L->route_given);
    cc_diag_list_release(&L->d);
}

/* Appends `src` to `dst` with a message prefix; identical warnings are skipped. */
static void merge_diags(cc_diag_list *dst, const cc_diag_list *src, const char *prefix,
                        const cc_diag_list *skip_same)
{
    size_t i, j;
    if (!dst)
        return;
    for (i = 0; i < src->n; i++) {
        const cc_diag *d = &src->items[i];
        int dup = 0;
        if (skip_same && d->level == CC_DIAG_WARNING)
            for (j = 0; j < skip_same->n && !dup; j++)
                dup = skip_same->items[j].line == d->line && skip_same->items[j].col == d->col &&
                      !strcmp(skip_same->items[j].message, d->message);
        if (!dup)
            cc_diag_add(dst, d->level, d->code, d->line, d->col, "%s%s", prefix, d->message);
    }
    /* Problems the source counted but did not keep still count. */
    if (src->dropped) {
        size_t kept_errors = 0, kept_warnings = 0;
        for (i = 0; i < src->n; i++) {
            if (src->items[i].level == CC_DIAG_ERROR)
                kept_errors++;
            else
                kept_warnings++;
        }
        dst->n_errors += src->n_errors - kept_errors;
        dst->n_warnings += src->n_warnings - kept_warnings;
        dst->dropped += src->dropped;
    }
}

static cc_status first_error(const cc_diag_list *d, cc_error *err)
{
    size_t i;
    for (i = 0; i < d->n; i++)
        if (d->items[i].level == CC_DIAG_ERROR) {
            const cc_diag *x = &d->items[i];
            cc_error_set_at(err, x->code, d->path ? d->path : "", x->line, x->col, "%s",
                            x->message);
            return x->code;
        }
    if (d->n_errors) {
        cc_error_set_at(err, CC_EINVAL, d->path ? d->path : "", 0, 0, "invalid scenario");
        return CC_EINVAL;
    }
    return CC_OK;
}

static cc_status load_internal(const char *text, size_t len, const char *label,
                               const cc_override *ov, size_t n_ov, int option,
                               cc_scenario **out, cc_diag_list *diags, cc_error *err);

static void validate_options(const cc_scenario *s, cc_diag_list *dst, const cc_diag_list *base)
{
    int i;
    for (i = 0; i < s->plan.n_options; i++) {
        cc_diag_list od;
        cc_scenario *v = NULL;
        char prefix[160];
        cc_diag_list_init(&od);
        load_internal(s->source_text, s->source_len, s->source_path, s->overrides,
                      (size_t)s->n_overrides, i, &v, &od, NULL);
        snprintf(prefix, sizeof(prefix), "in option '%.100s': ",
                 s->plan.options[i].name ? s->plan.options[i].name : "?");
        merge_diags(dst, &od, prefix, base);
        cc_scenario_free(v);
        cc_diag_list_release(&od);
    }
}

static cc_status load_internal(const char *text, size_t len, const char *label,
                               const cc_override *ov, size_t n_ov, int option,
                               cc_scenario **out, cc_diag_list *diags, cc_error *err)
{
    loader L;
    yaml_parser_t parser;
    yaml_node_t *root;
    cc_status st;
    size_t i;

    memset(&L, 0, sizeof(L));
    cc_diag_list_init(&L.d);
    cc_diag_list_set_path(&L.d, label);
    L.derived = option >= 0;
    cc_error_clear(err);

    if (len > (size_t)MAX_INPUT_BYTES) {
        cc_diag_add(&L.d, CC_DIAG_ERROR, CC_EINVAL, 0, 0, "scenario too large (%zu bytes; at most "
                                                          "%ld)",
                    len, MAX_INPUT_BYTES);
        goto out_report;
    }
    if (!yaml_parser_initialize(&parser)) {
        cc_diag_add(&L.d, CC_DIAG_ERROR, CC_ENOMEM, 0, 0, "out of memory");
        goto out_report;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &L.doc)) {
        syntax_error(&L, &parser, text, len);
        yaml_parser_delete(&parser);
        goto out_report;
    }
    {
        yaml_document_t extra;
        if (yaml_document_get_root_node(&L.doc)) {
            if (!yaml_parser_load(&parser, &extra)) {
                syntax_error(&L, &parser, text, len);
            } else {
                yaml_node_t *r2 = yaml_document_get_root_node(&extra);
                if (r2)
                    cc_diag_add(&L.d, CC_DIAG_ERROR, CC_ESYNTAX, (int)r2->start_mark.line + 1,
                                (int)r2->start_mark.column + 1,
                                "a scenario file holds one YAML document; found a second one");
                yaml_document_delete(&extra);
            }
        }
    }
    yaml_parser_delete(&parser);
    if (L.d.n_errors)
        goto out_doc;

    root = yaml_document_get_root_node(&L.doc);
    if (!root || is_null(root)) {
        cc_diag_add(&L.d, CC_DIAG_ERROR, CC_ESCHEMA, 1, 1,
                    "empty scenario: expected a mapping with 'horizon', 'channels' and 'teams'");
        goto out_doc;
    }
    for (i = 0; i < n_ov; i++)
        apply_text_override(&L, &ov[i]);
    if (option >= 0)
        apply_option(&L, option);
    if (L.d.n_errors)
        goto out_doc;
    root = yaml_document_get_root_node(&L.doc);
    if (root->type != YAML_MAPPING_NODE) {
        error_at(&L, CC_ESCHEMA, root, "", "expected a mapping with 'horizon', 'channels' and "
                                           "'teams' at the top, got %s",
                 type_name(root));
        goto out_doc;
    }
    L.s = cc_xcalloc(1, sizeof(cc_scenario));
    L.s->option_index = option;
    if (n_ov > 0) {
        L.s->overrides = cc_xcalloc(n_ov, sizeof(*L.s->overrides));
        for (i = 0; i < n_ov; i++) {
            L.s->overrides[i].path = cc_xstrdup(ov[i].path ? ov[i].path : "");
            L.s->overrides[i].value = cc_xstrdup(ov[i].value ? ov[i].value : "");
        }
        L.s->n_overrides = (int)n_ov;
    }
    L.s->source_path = cc_xstrdup(label);
    L.s->source_text = cc_xmalloc(len + 1);
    memcpy(L.s->source_text, text, len);
    L.s->source_text[len] = '\0';
    L.s->source_len = len;
    walk(&L, root, label);
    if (!L.s->description)
        L.s->description = cc_xstrdup("");
    if (!L.s->currency)
        L.s->currency = cc_xstrdup("");
    if (!L.d.n_errors)
        cc_scenario_finalize(L.s, &L.d);

out_doc:
    yaml_document_delete(&L.doc);
out_report:
    cc_diag_list_sort(&L.d);
    if (!L.d.n_errors && L.s && option < 0 && L.s->plan.n_options > 0)
        validate_options(L.s, &L.d, &L.d);
    st = first_error(&L.d, err);
    if (diags) {
        if (!diags->path)
            cc_diag_list_set_path(diags, label);
        merge_diags(diags, &L.d, "", NULL);
    }
    if (st == CC_OK) {
        *out = L.s;
    } else {
        cc_scenario_free(L.s);
    }
    L.s = NULL;
    loader_release(&L);
    return st;
}

cc_status cc_scenario_load_string(const char *text, size_t len, const char *name,
                                  cc_scenario **out, cc_diag_list *diags, cc_error *err)
{
    return load_internal(text ? text : "", text ? len : 0, name ? name : "<string>", NULL, 0, -1,
                         out, diags, err);
}

cc_status cc_scenario_load_with_overrides(const char *text, size_t len, const char *name,
                                          const cc_override *ov, size_t n, cc_scenario **out,
                                          cc_diag_list *diags, cc_error *err)
{
    return load_internal(text ? text : "", text ? len : 0, name ? name : "<string>", ov, n, -1,
                         out, diags, err);
}

cc_status cc_scenario_derive_option(const cc_scenario *base, int option, cc_scenario **out,
                                    cc_diag_list *diags, cc_error *err)
{
    if (!base || option < 0 || option >= base->plan.n_options)
        return cc_error_setf(err, CC_EINVAL, "no plan option %d (the scenario has %d)", option,
                             base ? base->plan.n_options : 0);
    return load_internal(base->source_text, base->source_len, base->source_path, base->overrides,
                         (size_t)base->n_overrides, option, out, diags, err);
}

cc_status cc_scenario_load_file_with_overrides(const char *path, const cc_override *ov,
                                               size_t n, cc_scenario **out,
                                               cc_diag_list *diags, cc_error *err)
{
    FILE *f;
    char *buf;
    size_t len = 0, cap = 65536;
    cc_status st;
    int e;

    f = fopen(path, "rb");
    if (!f) {
        e = errno;
        goto out_io;
    }
    buf = cc_xmalloc(cap);
    for (;;) {
        size_t got;
        if (len == cap) {
            if (cap > (size_t)MAX_INPUT_BYTES)
                break; /* load_internal rejects the oversized text */
            cap *= 2;
            buf = cc_xrealloc(buf, cap);
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        e = errno;
        fclose(f);
        free(buf);
        goto out_io;
    }
    fclose(f);
    st = load_internal(buf, len, path, ov, n, -1, out, diags, err);
    free(buf);
    return st;

out_io:
    if (diags) {
        if (!diags->path)
            cc_diag_list_set_path(diags, path);
        cc_diag_add(diags, CC_DIAG_ERROR, CC_EIO, 0, 0, "cannot read: %s", strerror(e));
    }
    return cc_error_set_at(err, CC_EIO, path, 0, 0, "cannot read: %s", strerror(e));
}

cc_status cc_scenario_load_file(const char *path, cc_scenario **out, cc_diag_list *diags,
                                cc_error *err)
{
    return cc_scenario_load_file_with_overrides(path, NULL, 0, out, diags, err);
}
