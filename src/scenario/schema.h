/*
 * The scenario schema: one table per section of the YAML language, a row
 * per key with its type, unit, limits, default and one line of help. The
 * tables drive the loader (known keys, did-you-mean, parsing, ranges,
 * defaults, missing keys) and print the key reference of scenarios/README.md.
 * Rules across fields are code, in `load` and `check` hooks beside each table.
 */
#ifndef CC_SCENARIO_SCHEMA_H
#define CC_SCENARIO_SCHEMA_H

#include <stddef.h>

#include "scenario/yaml_walk.h"

typedef struct cc_loader cc_loader;
typedef struct cc_field cc_field;
typedef struct cc_schema cc_schema;

/* What a value is, and so how it parses and where it is stored. */
typedef enum cc_vkind {
    CC_VK_NOTE = 0,   /* free text for the reader, not read */
    CC_VK_TEXT,       /* free text, copied: char * (owned) */
    CC_VK_INT,        /* whole number in [lo, hi]: int */
    CC_VK_LONG,       /* whole number in [lo, hi]: long */
    CC_VK_U64,        /* whole number in [lo, hi]: uint64_t */
    CC_VK_NUMBER,     /* number in [lo, hi]: double */
    CC_VK_DURATION,   /* duration in [lo, hi] seconds: double */
    CC_VK_SHARE,      /* share of at most hi (1 = 100%): double */
    CC_VK_BOOL,       /* true or false: int */
    CC_VK_ENUM,       /* one of `names`: int (values[i], or the index i) */
    CC_VK_DATE,       /* date YYYY-MM-DD: long, days since 1970-01-01 */
    CC_VK_TIME,       /* time of day, seconds after midnight: double; hi 86400 allows 24:00 */
    CC_VK_UTC,        /* UTC offset, seconds: double */
    CC_VK_DAYS,       /* days of the week: unsigned mask, bit 0 = Monday */
    CC_VK_DIST,       /* distribution of durations: cc_dist (CC_F_NONE: 'none' allowed) */
    CC_VK_CHANNEL,    /* a defined channel's name: int index */
    CC_VK_TEAM,       /* a defined team's name: int index */
    CC_VK_MAP,        /* a mapping of the keys of `sub`, stored in the struct at `at` */
    CC_VK_NAMES,      /* a mapping of user-chosen names to entries of `sub` (code loads it) */
    CC_VK_LIST,       /* a list of entries of `sub` (code loads it) */
    CC_VK_CUSTOM,     /* anything else; `load` reads it, doc_type says what it is */
} cc_vkind;

/* Field flags. */
#define CC_F_REQUIRED 0x01u /* missing is an error: "missing 'KEY' (`missing`)" */
#define CC_F_EARLY 0x02u    /* loaded before the other fields (others depend on it) */
#define CC_F_LATE 0x04u     /* loaded after the other fields */
#define CC_F_NONE 0x08u     /* CC_VK_DIST: 'none' (no time) is allowed */
#define CC_F_ALWAYS 0x10u   /* `load` runs with v = NULL when the key is absent */
#define CC_F_INLINE 0x20u   /* `sub` is documented as KEY.SUB rows of the parent table */
#define CC_F_OWN_DOC 0x40u  /* doc_allowed replaces the range: the rule is narrower */

/*
 * Loads field `f` from node `v` (NULL only for CC_F_ALWAYS) whose key path
 * is `path`, into `obj`, the struct of the field's table. Returns 1 when the
 * value is valid, 0 after reporting a problem.
 */
typedef int (*cc_field_fn)(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                           void *obj);

/* A lower limit of CC_VK_DURATION that is one interval of the horizon. */
#define CC_LIMIT_INTERVAL (-1.0)

/* Where a field is stored: CC_AT(struct type, member); 0 is "not stored". */
#define CC_AT(type, member) (offsetof(type, member) + 1)
/* Element i of an array of T (the table's struct being the array). */
#define CC_AT_ITEM(T, i) ((i) * sizeof(T) + 1)

/* One key of a section. */
struct cc_field {
    const char *key;              /* the mapping key */
    cc_vkind kind;                /* type, unit and C storage */
    unsigned flags;               /* CC_F_* */
    double lo, hi;                /* allowed range in the stored unit (seconds, fraction);
                                     CC_VK_NAMES, _LIST: of the number of entries; with
                                     `item`: of each value */
    double def;                   /* default stored before loading (ENUM: index into names) */
    size_t at;                    /* CC_AT(...) into the table's struct; 0: not stored (a MAP
                                     then fills the table's struct itself) */
    const char *const *names;     /* CC_VK_ENUM: allowed values, NULL-terminated */
    const int *values;            /* CC_VK_ENUM: value stored for each name (NULL: its index) */
    const cc_schema *sub;         /* CC_VK_MAP, _NAMES, _LIST: the table of the entries (also
                                     for a CUSTOM field, to document its keys) */
    const char *shorthand;        /* CC_VK_MAP: key of `sub` a bare scalar stands for */
    cc_vkind item;                /* CC_VK_CUSTOM holding values of one kind (a list of
                                     numbers, a mapping channel: share...): their kind */
    cc_field_fn load;             /* code that loads the field instead of its kind */
    cc_field_fn check;            /* rule run on a valid value; returns 0 to reject it */
    const char *missing;          /* CC_F_REQUIRED: what the key holds, for the message */
    const char *doc_type;         /* README type, when the kind does not say it */
    const char *doc_allowed;      /* README allowed values: a rule added after the range or
                                     names the kind gives (CC_F_OWN_DOC: instead of them) */
    const char *doc_default;      /* README default, when not `def` */
    const char *help;             /* one line for the README */
};

/* One section: its key path (for the README) and its keys in order. */
struct cc_schema {
    const char *name;             /* "horizon", "channels.NAME.target", ... */
    const cc_field *fields;       /* the keys, in the order messages list them */
    int n_fields;                 /* length of fields */
};

#define CC_SCHEMA(name, fields) {name, fields, (int)(sizeof(fields) / sizeof(fields[0]))}

/* A limit macro as text, for documentation strings: CC_STR(CC_MAX_SHIFTS) is "512". */
#define CC_STR(x) CC_STR_(x)
#define CC_STR_(x) #x

/* The field of `t` named `key`; the key must exist. */
const cc_field *cc_schema_field(const cc_schema *t, const char *key);

/* Stores every default of `t` (and of its MAP fields' tables) into `obj`. */
void cc_schema_defaults(const cc_schema *t, void *obj);

/*
 * Checks the keys of mapping `n` against `t` (unknown keys with
 * did-you-mean, duplicates, merge keys). Returns 1 when `n` is a mapping.
 */
int cc_schema_keys(cc_loader *L, const cc_schema *t, yaml_node_t *n, const char *path);

/*
 * Loads mapping `n` (key path `path`) by table `t` into `obj`: checks its
 * keys, then loads each field that is present, CC_F_EARLY ones first and
 * CC_F_LATE ones last, each group in table order; a missing CC_F_REQUIRED
 * field is reported at `owner` (the entry's key; NULL: `n`). Returns 0 when
 * `n` is not a mapping, else 1; *all_ok (may be NULL) is set to 1 when every
 * field loaded and none was missing.
 */
int cc_schema_load(cc_loader *L, const cc_schema *t, yaml_node_t *n, const char *path,
                   yaml_node_t *owner, void *obj, int *all_ok);

/* Loads one field: its `load` hook, or its kind then its `check` hook. */
int cc_field_load(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *obj);

/* Parses `v` by the kind and limits of `f` into `dst`, of the kind's C type. */
int cc_field_parse(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *dst);

/* Parses `v` by the kind of `f` into its place in `obj` (parsed and dropped when not stored). */
int cc_field_value(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                   void *obj);

/* The place of `f` in `obj`. */
void *cc_field_ptr(const cc_field *f, void *obj);

/*
 * The value of field `f` in mapping `map` at key path `parent`, or NULL;
 * `path` (CC_YW_PATH_MAX bytes) receives parent.KEY.
 */
yaml_node_t *cc_field_node(cc_loader *L, const cc_field *f, yaml_node_t *map,
                           const char *parent, char *path);

/* ---- documentation ---- */

/* The tables documented in scenarios/README.md, NULL-terminated. */
extern const cc_schema *const cc_schema_documented[];

/* The documented table named `name`, or NULL. */
const cc_schema *cc_schema_find(const char *name);

/*
 * The README key table of `t` in Markdown: a header row, a rule and one row
 * per key (CC_F_INLINE maps as KEY.SUB rows): key, type, allowed values,
 * default, meaning. The caller frees the returned string.
 */
char *cc_schema_markdown(const cc_schema *t);

#endif
