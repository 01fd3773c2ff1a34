/*
 * Strict parsers for numbers, durations and shares. strtod alone accepts
 * "nan", "inf" and hex floats and reports overflow only through errno, so each
 * parser checks the end pointer, errno and finiteness explicitly.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_units.h"
#include "util/clocale.h"

/* Accepts only [+-]digits[.digits][e[+-]digits]: no hex, no nan/inf words. */
static int looks_decimal(const char *s, const char *end)
{
    int digits = 0;
    if (s < end && (*s == '+' || *s == '-'))
        s++;
    while (s < end && isdigit((unsigned char)*s)) {
        s++;
        digits++;
    }
    if (s < end && *s == '.') {
        s++;
        while (s < end && isdigit((unsigned char)*s)) {
            s++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    if (s < end && (*s == 'e' || *s == 'E')) {
        int exp_digits = 0;
        s++;
        if (s < end && (*s == '+' || *s == '-'))
            s++;
        while (s < end && isdigit((unsigned char)*s)) {
            s++;
            exp_digits++;
        }
        if (!exp_digits)
            return 0;
    }
    return s == end;
}

/* Parses the decimal number in [s, end) exactly; CC_EINVAL unless finite. */
static cc_status parse_span(const char *s, const char *end, double *out)
{
    char buf[128];
    size_t n;
    char *stop;
    double v;

    while (s < end && isspace((unsigned char)*s))
        s++;
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    n = (size_t)(end - s);
    if (n == 0 || n >= sizeof(buf) || !looks_decimal(s, end))
        return CC_EINVAL;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    /* strtod would read the program's LC_NUMERIC: "1.9" is not a number in de_DE. */
    v = cc_c_locale() ? strtod_l(buf, &stop, cc_c_locale()) : strtod(buf, &stop);
    if (errno == ERANGE && fabs(v) > 1.0)
        return CC_EINVAL; /* overflow; underflow to a tiny value is fine */
    if (*stop != '\0' || !isfinite(v))
        return CC_EINVAL;
    *out = v;
    return CC_OK;
}

cc_status cc_parse_number(const char *text, double *out)
{
    if (!text)
        return CC_EINVAL;
    return parse_span(text, text + strlen(text), out);
}

cc_status cc_parse_count(const char *text, long max, long *out)
{
    const char *s = text, *end;
    long v = 0;

    if (!text)
        return CC_EINVAL;
    end = text + strlen(text);
    while (s < end && isspace((unsigned char)*s))
        s++;
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    if (s < end && *s == '+')
        s++;
    if (s == end)
        return CC_EINVAL;
    for (; s < end; s++) {
        if (!isdigit((unsigned char)*s))
            return CC_EINVAL;
        if (v > (LONG_MAX - (*s - '0')) / 10)
            return CC_EINVAL;
        v = v * 10 + (*s - '0');
    }
    if (v > max)
        return CC_EINVAL;
    *out = v;
    return CC_OK;
}

cc_status cc_parse_duration(const char *text, double *out_s)
{
    const char *end;
    double scale = 1.0, v;

    if (!text)
        return CC_EINVAL;
    end = text + strlen(text);
    while (end > text && isspace((unsigned char)end[-1]))
        end--;
    if (end > text) {
        switch (end[-1]) {
        case 's': scale = 1.0; end--; break;
        case 'm': scale = 60.0; end--; break;
        case 'h': scale = 3600.0; end--; break;
        case 'd': scale = 86400.0; end--; break;
        default: break;
        }
    }
    if (parse_span(text, end, &v) != CC_OK || v < 0.0)
        return CC_EINVAL;
    v *= scale;
    if (!isfinite(v))
        return CC_EINVAL;
    *out_s = v;
    return CC_OK;
}

cc_status cc_parse_share(const char *text, double *out)
{
    const char *end;
    double v;
    int percent = 0;

    if (!text)
        return CC_EINVAL;
    end = text + strlen(text);
    while (end > text && isspace((unsigned char)end[-1]))
        end--;
    if (end > text && end[-1] == '%') {
        percent = 1;
        end--;
    }
    if (parse_span(text, end, &v) != CC_OK || v < 0.0)
        return CC_EINVAL;
    *out = percent ? v / 100.0 : v;
    return CC_OK;
}

/* One decimal, dropped when it is zero: 8.3, 30, 12.5. */
static void one_decimal(double v, const char *unit, char *buf, size_t cap)
{
    double r = round(v * 10.0) / 10.0;
    if (r == floor(r))
        snprintf(buf, cap, "%.0f %s", r, unit);
    else
        snprintf(buf, cap, "%.1f %s", r, unit);
}

char *cc_format_duration(double seconds, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    /* The thresholds keep two significant figures where the unit changes. */
    if (!isfinite(seconds) || seconds < 0.0)
        snprintf(buf, cap, "-");
    else if (seconds < 120.0)
        one_decimal(seconds, "s", buf, cap);
    else if (seconds < 3600.0)
        one_decimal(seconds / 60.0, "min", buf, cap);
    else
        one_decimal(seconds / 3600.0, "h", buf, cap);
    return buf;
}

char *cc_format_target(double service_level, double answer_within_s, char *buf, size_t cap)
{
    char d[32];
    double pct = round(service_level * 1000.0) / 10.0;
    if (cap == 0)
        return buf;
    cc_format_duration(answer_within_s, d, sizeof d);
    if (pct == floor(pct))
        snprintf(buf, cap, "%.0f%% in %s", pct, d);
    else
        snprintf(buf, cap, "%.1f%% in %s", pct, d);
    return buf;
}
