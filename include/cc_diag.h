/*
 * A list of diagnostics (errors and warnings) tied to input positions. The
 * scenario loader reports every problem of a file in one pass into such a
 * list; the CLI prints them as FILE:LINE:COL: error|warning: MESSAGE.
 * The list owns its messages; cc_diag_list_release frees them.
 */
#ifndef CC_DIAG_H
#define CC_DIAG_H

#include <stddef.h>

#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* At most this many diagnostics are kept; later ones are only counted. */
#define CC_DIAG_MAX 200

typedef enum cc_diag_level {
    CC_DIAG_ERROR = 0,   /* the input is rejected */
    CC_DIAG_WARNING,     /* the input is accepted; something looks unintended */
} cc_diag_level;

/* One problem. */
typedef struct cc_diag {
    cc_diag_level level;  /* error or warning */
    cc_status code;       /* CC_ESYNTAX, CC_ESCHEMA or CC_EINVAL for errors; CC_OK for warnings */
    int line;             /* 1-based line, 0 when not tied to a position */
    int col;              /* 1-based column, 0 when not tied to a position */
    char *message;        /* "KEY.PATH: what is wrong (what is allowed)", owned by the list */
} cc_diag;

/* A growable list of diagnostics; embed it and call cc_diag_list_init. */
typedef struct cc_diag_list {
    cc_diag *items;       /* the kept diagnostics, in the order found */
    size_t n;             /* number of kept diagnostics */
    size_t cap;           /* allocated slots */
    size_t n_errors;      /* errors found, including dropped ones */
    size_t n_warnings;    /* warnings found, including dropped ones */
    size_t dropped;       /* diagnostics beyond CC_DIAG_MAX, counted but not kept */
    char *path;           /* input file name for messages ("<string>" for text), owned */
} cc_diag_list;

/* Prepares an empty list (no allocation). */
void cc_diag_list_init(cc_diag_list *list);

/* Frees every message and the path; the list is empty and reusable afterwards. Accepts NULL. */
void cc_diag_list_release(cc_diag_list *list);

/* Sets the file name used when printing; a copy is kept. */
void cc_diag_list_set_path(cc_diag_list *list, const char *path);

/*
 * Appends one diagnostic with a printf-style message. `list` may be NULL
 * (nothing is recorded). Beyond CC_DIAG_MAX entries only the counters move.
 */
void cc_diag_add(cc_diag_list *list, cc_diag_level level, cc_status code, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * Orders the kept diagnostics by line, then column (unpositioned ones
 * first), keeping the order of equal positions.
 */
void cc_diag_list_sort(cc_diag_list *list);

/*
 * Replaces every control character of the NUL-terminated UTF-8 text `s` in
 * place by '?' (C0 including tab and line feed, DEL, and each byte of a C1
 * character U+0080..U+009F), so text from input never sends a terminal an
 * escape sequence or breaks a one-line message. Returns `s`.
 */
char *cc_text_printable(char *s);

/*
 * Formats diagnostic `i` as "PATH:LINE:COL: error: MESSAGE" (or "warning:")
 * into `buf` (always NUL-terminated), control characters replaced
 * (cc_text_printable). Returns `buf`.
 */
char *cc_diag_format(const cc_diag_list *list, size_t i, char *buf, size_t size);

/*
 * Did-you-mean for the command line: the candidate nearest to a misspelt
 * flag (without dashes), or NULL: case matters, a candidate that begins
 * with `word` counts as one edit away, and the distance may be up to a third of the word's length (at
 * least 1). The first of equally near candidates wins; NULL for an empty
 * word. The result points into `cands`.
 */
const char *cc_suggest_flag(const char *word, const char *const *cands, size_t n);

#ifdef __cplusplus
}
#endif

#endif
