/*
 * Status codes and the error record that carries a message from the library
 * up to the CLI. The library never prints; it fills a cc_error and returns the
 * code, and only the CLI decides what to print and which exit code to use.
 */
#ifndef CC_STATUS_H
#define CC_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cc_status {
    CC_OK = 0,        /* success */
    CC_ENOMEM,        /* allocation failed (normally aborts instead) */
    CC_EIO,           /* file open, read or write failed */
    CC_ESYNTAX,       /* YAML syntax error reported by libyaml */
    CC_ESCHEMA,       /* well-formed input with an unknown key or a wrong type */
    CC_EINVAL,        /* value out of range, or an inconsistent scenario */
    CC_EUNSTABLE,     /* offered load >= agents: no steady state exists */
    CC_ENOCONV,       /* no answer within bounds: a target the planner cannot meet, or
                         Erlang A integrals that do not converge at extreme loads */
    CC_ENUMERIC,      /* a numerical method failed */
    CC_EINFEASIBLE,   /* a target cannot be met by any staffing */
} cc_status;

/*
 * Detail for a failed call. Functions take a `cc_error *err` as their last
 * parameter; it may be NULL when the caller only wants the code. `line` and
 * `col` are 1-based and 0 when the error is not tied to an input position.
 */
typedef struct cc_error {
    cc_status code;      /* the status the function returned */
    char message[512];   /* lower-case, no trailing period, subject in quotes */
    char path[256];      /* input file, or "" */
    int line;            /* 1-based line in `path`, 0 if none */
    int col;             /* 1-based column in `path`, 0 if none */
} cc_error;

/* Returns a static, human-readable name for `code`. */
const char *cc_strerror(cc_status code);

/*
 * Fills `err` (when not NULL) with `code` and a printf-style message and
 * returns `code`, so that call sites read `return cc_error_setf(err, ...)`.
 * The position fields are cleared.
 */
cc_status cc_error_setf(cc_error *err, cc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As cc_error_setf, also recording the file and 1-based line and column. */
cc_status cc_error_set_at(cc_error *err, cc_status code, const char *path, int line,
                          int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Resets `err` to "no error". Accepts NULL. */
void cc_error_clear(cc_error *err);

#ifdef __cplusplus
}
#endif

#endif
