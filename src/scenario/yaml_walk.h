/*
 * A generic walker over a libyaml document: node access under a visit
 * budget (aliases share nodes, so a small file can name millions of them),
 * diagnostics at 1-based line:col, key paths, mapping checks with
 * did-you-mean, and typed scalars with units. It knows nothing of the
 * scenario language. Every getter reports its own problem and returns 0, -1
 * or NULL; callers only decide what to do next.
 */
#ifndef CC_SCENARIO_YAML_WALK_H
#define CC_SCENARIO_YAML_WALK_H

#include <stddef.h>

#include <yaml.h>

#include "cc_diag.h"

#define CC_YW_MAX_VISITS 4000000L /* node visits per load (aliases share nodes) */
#define CC_YW_PATH_MAX 256        /* bytes of a key path, NUL included */
#define CC_YW_NO_LINE ((size_t)-1) /* mark line of nodes added by overrides */
#define CC_YW_MAX_DEPTH 64        /* nested lists and mappings in one YAML text */

/* One document being walked. */
typedef struct cc_yw {
    yaml_document_t doc;          /* the parsed document, owned */
    cc_diag_list d;               /* diagnostics found so far */
    long visits;                  /* node visits so far */
    int budget_blown;             /* 1 once the visit budget ran out (reported once) */
} cc_yw;

/* ---- positions and diagnostics ---- */

/* 1-based line and column of `n`; 0 and 0 for NULL or a node an override added. */
void cc_yw_pos(const yaml_node_t *n, int *line, int *col);

/*
 * Whether YAML `text` nests lists and mappings at most `max` deep. libyaml
 * spends time proportional to the depth on every token of a flow collection,
 * so 100,000 nested `[` take minutes to load; this event pass stops at the
 * first collection deeper than `max`, keeping loading linear in the input.
 * Returns 1 (also on a syntax error, which the loader reports), or 0 with
 * the 1-based position of the collection that is too deep.
 */
int cc_yw_depth_ok(const char *text, size_t len, int max, int *line, int *col);

/* As cc_yw_depth_ok, reading YAML from `fp`, which it rewinds afterwards. */
int cc_yw_depth_ok_file(FILE *fp, int max, int *line, int *col);

/*
 * The first control character of UTF-8 text `t` other than tab and line
 * feed (C0, DEL, C1), or NULL. Text fields refuse them (cc_yw_string).
 */
const char *cc_yw_control_char(const char *t);

/* Reports an error at `n` as "PATH: MESSAGE" (just MESSAGE when path is empty). */
void cc_yw_error(cc_yw *w, cc_status code, const yaml_node_t *n, const char *path,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Reports a warning at `n`, like cc_yw_error. */
void cc_yw_warn(cc_yw *w, const yaml_node_t *n, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- node access ---- */

/* Node `id`, charging one visit; NULL (reported once) when the budget is spent. */
yaml_node_t *cc_yw_node(cc_yw *w, int id);

/* The value of `key` in mapping `map` (first occurrence), or NULL (also for a non-mapping). */
yaml_node_t *cc_yw_map_get(cc_yw *w, yaml_node_t *map, const char *key);

static inline const char *cc_yw_scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static inline size_t cc_yw_map_len(const yaml_node_t *map)
{
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

static inline size_t cc_yw_seq_len(const yaml_node_t *seq)
{
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

/* 1 for a plain empty, ~ or null scalar. */
int cc_yw_is_null(const yaml_node_t *n);

/* 1 when a scalar holds a NUL byte (YAML allows "\0"), which C strings would cut. */
int cc_yw_has_nul(const yaml_node_t *n);

/* "a value", "a list", "a mapping" or "nothing", for "expected X, got Y". */
const char *cc_yw_type_name(const yaml_node_t *n);

/* A scalar quoted for a message: at most 40 bytes, control characters as '?'. */
const char *cc_yw_show(const yaml_node_t *n, char *buf, size_t size);

/*
 * Writes `n` as YAML flow text into buf (of `size` bytes, *used of them
 * taken), at most 16 levels deep; longer text is cut.
 */
void cc_yw_flow_text(cc_yw *w, yaml_node_t *n, char *buf, size_t size, size_t *used,
                     int depth);

/* ---- key paths ---- */

/* out = parent.key (key alone at the top); `out` may not alias `parent`. */
void cc_yw_join(char *out, const char *parent, const char *key);

/* out = parent[i] */
void cc_yw_index(char *out, const char *parent, long i);

/* ---- mappings and names ---- */

/* Writes "a, b or c" into buf, skipping NULL entries. */
const char *cc_yw_join_names(const char *const *names, int n, char *buf, size_t size);

/* 1 when `n` has `type`; else reports "expected WHAT, got ..." and returns 0. */
int cc_yw_expect(cc_yw *w, yaml_node_t *n, yaml_node_type_t type, const char *path,
                 const char *what);

/*
 * Checks that `map` is a mapping whose keys are scalars among the `nkeys`
 * `keys`, each at most once. Unknown keys get a did-you-mean or the list of
 * allowed keys; merge keys ('<<') are refused. Returns 1 when `map` is a
 * mapping (even with bad keys), 0 otherwise.
 */
int cc_yw_check_keys(cc_yw *w, yaml_node_t *map, const char *path, const char *const *keys,
                     int nkeys);

/* 1 for a name of 1 to CC_MAX_NAME letters, digits, '_' or '-'. */
int cc_yw_valid_name(const char *v);

/*
 * The name of an entry of a name map (channels, bots, teams): its key when
 * that is a valid name, else "" (the problem was reported by
 * cc_yw_check_name_map).
 */
const char *cc_yw_entry_name(cc_yw *w, const yaml_node_pair_t *p);

/*
 * Checks a mapping of user-chosen names (channels, teams...): keys must be
 * valid names, unique, at most `max` of them (`what` names them in the
 * message). Returns the number of entries to load (0 on a type error).
 */
int cc_yw_check_name_map(cc_yw *w, yaml_node_t *map, const char *path, int max,
                         const char *what);

/* ---- typed scalars (each reports its own problem) ---- */

/* The scalar text of `n`, or NULL after reporting that WHAT was expected. */
const char *cc_yw_text(cc_yw *w, yaml_node_t *n, const char *path, const char *what);

/* A number in [lo, hi]. Returns 1 and stores it, or 0. */
int cc_yw_number(cc_yw *w, yaml_node_t *n, const char *path, double lo, double hi,
                 double *out);

/* A whole number in [lo, hi] written in digits. Returns 1 and stores it, or 0. */
int cc_yw_long(cc_yw *w, yaml_node_t *n, const char *path, long lo, long hi, long *out);
int cc_yw_int(cc_yw *w, yaml_node_t *n, const char *path, int lo, int hi, int *out);

/* Writes a duration in seconds the way a scenario would: "30s", "5m", "4h", "2d". */
void cc_yw_format_duration(double s, char *buf, size_t size);

/* A duration (seconds or 30s, 5m, 4h, 2d) in [lo, hi] seconds. Returns 1 and stores it, or 0. */
int cc_yw_duration(cc_yw *w, yaml_node_t *n, const char *path, double lo, double hi,
                   double *out);

/* A share (0.35 or 35%) of at most `hi` (1 = 100%). Returns 1 and stores it, or 0. */
int cc_yw_share(cc_yw *w, yaml_node_t *n, const char *path, double hi, double *out);

/* true or false (YAML 1.1 yes/no/on/off are refused). Returns 1 and stores 1/0, or 0. */
int cc_yw_bool(cc_yw *w, yaml_node_t *n, const char *path, int *out);

/* One of `names` (NULL-terminated): its index, or -1 after reporting (with did-you-mean). */
int cc_yw_enum(cc_yw *w, yaml_node_t *n, const char *path, const char *const *names);

/* A copy of a free-text scalar ("" for null), owned by the caller; NULL after reporting. */
char *cc_yw_string(cc_yw *w, yaml_node_t *n, const char *path);

/*
 * One of the `count` defined `names` of WHAT (NULL entries are names that
 * cannot be referred to): its index, or -1 after reporting.
 */
int cc_yw_ref(cc_yw *w, yaml_node_t *n, const char *path, const char *what, const char **names,
              int count);

/* "HH:MM" (00:00..23:59, or 24:00 when allow_24) into seconds after midnight. */
int cc_yw_time_of_day(cc_yw *w, yaml_node_t *n, const char *path, int allow_24, double *out);

/* "+08:00", "-5h", "+330m", "UTC+1", "0" into seconds (|offset| <= 14 h). */
int cc_yw_utc_offset(cc_yw *w, yaml_node_t *n, const char *path, double *out);

/* A date YYYY-MM-DD (years 1900..2999) into days since 1970-01-01. */
int cc_yw_date(cc_yw *w, yaml_node_t *n, const char *path, long *days);

/*
 * Days of the week: "mon-fri", "mon-fri, sun", "daily", "weekend", or a
 * list of those, into a mask (bit 0 = Monday).
 */
int cc_yw_days(cc_yw *w, yaml_node_t *n, const char *path, unsigned *out);

#endif
