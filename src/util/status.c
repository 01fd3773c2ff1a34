/*
 * Status names and the cc_error helpers. Messages are formatted into the
 * caller's fixed buffer, so reporting an error never allocates.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cc_status.h"

const char *cc_strerror(cc_status code)
{
    switch (code) {
    case CC_OK: return "ok";
    case CC_ENOMEM: return "out of memory";
    case CC_EIO: return "input/output error";
    case CC_ESYNTAX: return "syntax error";
    case CC_ESCHEMA: return "schema error";
    case CC_EINVAL: return "invalid value";
    case CC_EUNSTABLE: return "unstable queue";
    case CC_ENOCONV: return "no convergence";
    case CC_ENUMERIC: return "numerical failure";
    case CC_EINFEASIBLE: return "infeasible target";
    }
    return "unknown status";
}

void cc_error_clear(cc_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof(*err));
}

static void error_vset(cc_error *err, cc_status code, const char *path, int line,
                       int col, const char *fmt, va_list ap)
{
    err->code = code;
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
    err->line = line;
    err->col = col;
}

cc_status cc_error_setf(cc_error *err, cc_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        error_vset(err, code, NULL, 0, 0, fmt, ap);
        va_end(ap);
    }
    return code;
}

cc_status cc_error_set_at(cc_error *err, cc_status code, const char *path, int line,
                          int col, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        error_vset(err, code, path, line, col, fmt, ap);
        va_end(ap);
    }
    return code;
}
