/*
 * Calendar arithmetic and timestamp parsing for history imports. Dates are
 * proleptic Gregorian day numbers (days since 1970-01-01, Hinnant's
 * days_from_civil), times are local wall-clock seconds. A stated zone moves
 * timestamps that carry an offset (or epoch seconds) onto its wall clock;
 * zones of the system database go through localtime_r with TZ set for the
 * duration of one import, so daylight-saving days get 23 or 25 hours.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "forecast/fc_internal.h"

/* ---- calendar ---- */

long cc_fc_days_from_civil(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void cc_fc_civil_from_days(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp, yy;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int cc_fc_weekday(long days)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int valid_date(int y, int m, int d)
{
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Reads exactly n digits. */
static const char *digits(const char *s, int n, int *v)
{
    int i;
    *v = 0;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return NULL;
        *v = *v * 10 + (s[i] - '0');
    }
    return s + n;
}

/* Reads 1 to max digits. */
static const char *some_digits(const char *s, int max, int *v)
{
    int i = 0;
    *v = 0;
    while (i < max && isdigit((unsigned char)s[i])) {
        *v = *v * 10 + (s[i] - '0');
        i++;
    }
    return i ? s + i : NULL;
}

const char *cc_fc_parse_date_part(const char *s, int month_first, long *days)
{
    int y, m, d, a, b;
    const char *p;
    size_t run = 0;

    while (isdigit((unsigned char)s[run]))
        run++;
    if (run == 4 && (s[4] == '-' || s[4] == '/')) { /* YYYY-MM-DD, YYYY/MM/DD */
        char sep = s[4];
        digits(s, 4, &y);
        p = some_digits(s + 5, 2, &m);
        if (!p || *p != sep || !(p = some_digits(p + 1, 2, &d)))
            return NULL;
    } else if ((run == 1 || run == 2) && (s[run] == '/' || s[run] == '.' || s[run] == '-')) {
        char sep = s[run];
        some_digits(s, 2, &a);
        p = some_digits(s + run + 1, 2, &b);
        if (!p || *p != sep || !(p = digits(p + 1, 4, &y)))
            return NULL;
        if (month_first && sep == '/') {
            m = a;
            d = b;
        } else {
            d = a;
            m = b;
        }
    } else if (run == 8) { /* YYYYMMDD */
        digits(s, 4, &y);
        digits(s + 4, 2, &m);
        p = digits(s + 6, 2, &d);
    } else if (run == 6) { /* YYMMDD, as telephone-system logs write it */
        digits(s, 2, &y);
        digits(s + 2, 2, &m);
        p = digits(s + 4, 2, &d);
        y += y >= 70 ? 1900 : 2000;
    } else {
        return NULL;
    }
    if (!valid_date(y, m, d))
        return NULL;
    *days = cc_fc_days_from_civil(y, m, d);
    return p;
}

int cc_fc_parse_date(const char *text, long *days)
{
    int y, m, d;
    const char *p = digits(text, 4, &y);
    if (!p || *p != '-' || !(p = digits(p + 1, 2, &m)) || *p != '-' ||
        !(p = digits(p + 1, 2, &d)) || *p || !valid_date(y, m, d))
        return -1;
    *days = cc_fc_days_from_civil(y, m, d);
    return 0;
}

static const char *parse_zone(const char *s, int *has_zone, int *offset_s)
{
    int hh, mm = 0, sign;
    const char *p;
    *has_zone = 0;
    *offset_s = 0;
    if (*s == 'Z' || *s == 'z') {
        *has_zone = 1;
        return s + 1;
    }
    if (*s != '+' && *s != '-')
        return s;
    sign = *s == '-' ? -1 : 1;
    if (!(p = digits(s + 1, 2, &hh)))
        return NULL;
    if (*p == ':') {
        if (!(p = digits(p + 1, 2, &mm)))
            return NULL;
    } else if (isdigit((unsigned char)*p)) {
        if (!(p = digits(p, 2, &mm)))
            return NULL;
    }
    if (hh > 14 || mm > 59)
        return NULL;
    *has_zone = 1;
    *offset_s = sign * (hh * 3600 + mm * 60);
    return p;
}

const char *cc_fc_parse_time_part(const char *s, double *sec_of_day, int *has_zone, int *offset_s)
{
    int h, m, sec = 0;
    double frac = 0;
    const char *p = some_digits(s, 2, &h);
    if (!p || *p != ':' || !(p = digits(p + 1, 2, &m)))
        return NULL;
    if (*p == ':') {
        if (!(p = digits(p + 1, 2, &sec)))
            return NULL;
        if (*p == '.' || *p == ',') {
            double scale = 0.1;
            p++;
            if (!isdigit((unsigned char)*p))
                return NULL;
            while (isdigit((unsigned char)*p)) {
                frac += (*p - '0') * scale;
                scale /= 10;
                p++;
            }
        }
    }
    /* 24:00 closes a day in some exports; leap seconds are not worth a row error. */
    if (h > 24 || m > 59 || sec > 60 || (h == 24 && (m || sec || frac > 0)))
        return NULL;
    *sec_of_day = h * 3600.0 + m * 60.0 + sec + frac;
    if (*p == ' ' && (p[1] == 'Z' || p[1] == '+' || p[1] == '-'))
        p++;
    return parse_zone(p, has_zone, offset_s);
}

int cc_fc_parse_stamp(const char *s, int month_first, cc_fc_stamp *out)
{
    long days;
    double sod = 0;
    int has_zone = 0, off = 0;
    const char *p = cc_fc_parse_date_part(s, month_first, &days);
    if (!p)
        return -1;
    if (*p == 'T' || *p == ' ') {
        while (*p == ' ')
            p++;
        if (*p == 'T')
            p++;
        if (*p && !(p = cc_fc_parse_time_part(p, &sod, &has_zone, &off)))
            return -1;
    }
    while (*p == ' ')
        p++;
    if (*p)
        return -1;
    out->local_s = (long long)days * 86400 + (long long)floor(sod);
    out->has_zone = has_zone;
    out->offset_s = off;
    return 0;
}

int cc_fc_parse_epoch(const char *s, cc_fc_stamp *out)
{
    char *end;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end || !isfinite(v) || v < -2.2e9 || v > 7.3e9)
        return -1;
    out->local_s = (long long)floor(v);
    out->has_zone = 1;
    out->offset_s = 0;
    return 0;
}

int cc_fc_parse_duration(const char *s, double *out)
{
    char *end;
    double v;
    while (*s == ' ')
        s++;
    if (!*s) {
        *out = NAN;
        return 0;
    }
    if (strchr(s, ':')) {
        int a, b, c = 0, n3;
        const char *p = some_digits(s, 6, &a);
        if (!p || *p != ':' || !(p = digits(p + 1, 2, &b)))
            return -1;
        n3 = *p == ':';
        if (n3 && !(p = digits(p + 1, 2, &c)))
            return -1;
        if (*p)
            return -1;
        *out = n3 ? a * 3600.0 + b * 60.0 + c : a * 60.0 + b;
        return 0;
    }
    v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* ---- zones ---- */

int cc_fc_zone_parse(const char *text, cc_fc_zone *z)
{
    int has, off;
    const char *p;
    char path[300];

    memset(z, 0, sizeof(*z));
    if (!text || !*text)
        return 0;
    z->set = 1;
    if (!strcmp(text, "UTC") || !strcmp(text, "GMT") || !strcmp(text, "Z")) {
        z->fixed = 1;
        return 0;
    }
    p = parse_zone(text, &has, &off);
    if (p && has && !*p) {
        z->fixed = 1;
        z->offset_s = off;
        return 0;
    }
    if (strlen(text) >= sizeof(z->name) || strstr(text, "..") || text[0] == '/')
        return -1;
    snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", text);
    if (access(path, R_OK) != 0)
        return -1;
    snprintf(z->name, sizeof(z->name), "%s", text);
    return 0;
}

void cc_fc_zone_begin(const cc_fc_zone *z, char **env_saved)
{
    const char *old;
    *env_saved = NULL;
    if (!z->set || z->fixed)
        return;
    old = getenv("TZ");
    if (old)
        *env_saved = strdup(old);
    setenv("TZ", z->name, 1);
    tzset();
}

void cc_fc_zone_end(const cc_fc_zone *z, char *env_saved)
{
    if (!z->set || z->fixed)
        return;
    if (env_saved) {
        setenv("TZ", env_saved, 1);
        free(env_saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

long long cc_fc_zone_local(const cc_fc_zone *z, const cc_fc_stamp *st)
{
    long long utc;
    if (!z->set || !st->has_zone)
        return st->local_s;
    utc = st->local_s - st->offset_s;
    if (z->fixed)
        return utc + z->offset_s;
    {
        time_t t = (time_t)utc;
        struct tm tm;
        if (!localtime_r(&t, &tm))
            return utc;
        return utc + tm.tm_gmtoff;
    }
}

/* ---- numeric helpers ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double cc_fc_quantile(double *x, size_t n, double q)
{
    double pos, fr;
    size_t i;
    if (n == 0)
        return NAN;
    qsort(x, n, sizeof(double), cmp_double);
    pos = q * (double)(n - 1);
    i = (size_t)floor(pos);
    fr = pos - (double)i;
    return i + 1 < n ? x[i] * (1 - fr) + x[i + 1] * fr : x[n - 1];
}

double cc_fc_median(double *x, size_t n)
{
    return cc_fc_quantile(x, n, 0.5);
}
