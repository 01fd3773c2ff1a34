/*
 * A channel's volume read from a forecast.csv (`volume: {forecast: FILE}`),
 * the file `ccsim forecast` writes: columns date, interval_start, channel
 * and contacts (contacts_p10 and contacts_p90 may follow; they are not
 * used). The rows of one channel set the expected contacts of every
 * interval of the horizon; the file may cover more dates than the horizon,
 * never fewer. Its interval (the greatest step dividing every
 * interval_start) may differ from the horizon's: each row's contacts are
 * spread evenly over the time it covers.
 *
 * With contacts_p10 and contacts_p90 the file also gives the day-level
 * uncertainty beyond Poisson its bands imply: ccsim forecast's band is
 * contacts +- z sqrt(f + c^2 f^2), so with z taken as the normal 1.2816,
 * sd = (p90 - p10) / 2.5631 and per day c^2 = sum(sd^2 - f) / sum(f^2) over
 * its rows of at least one contact; the horizon's value is the root mean
 * square over its days (`uncertainty: bands`).
 *
 * The file is read with libcsv, one byte at a time so that every field
 * knows its column: a problem names FILE:LINE:COL, reported at the
 * scenario's `forecast` key.
 */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_units.h"
#include "scenario/loader.h"
#include "scenario/scenario_internal.h"
#include "util/alloc.h"

#define DAY_S 86400.0
/* Longest file read: a year of 5-minute rows for a few dozen channels. */
#define MAX_FORECAST_BYTES (256L * 1024 * 1024)

enum { F_DATE, F_START, F_CHANNEL, F_CONTACTS, N_NEEDED, F_P10 = N_NEEDED, F_P90, N_COLUMNS };
static const char *const needed[N_COLUMNS] = {"date",     "interval_start", "channel",
                                               "contacts", "contacts_p10",   "contacts_p90"};
/* The normal quantile the band is taken to stand at. */
#define Z90 1.2815516

/* One kept row: its day (days since 1970-01-01), minute of day, contacts. */
typedef struct fc_row {
    long day;
    int minute;
    double contacts;
    double p10, p90;             /* the band, NAN without the columns */
    long line;
    int col;                     /* column of its interval_start, for duplicate reports */
} fc_row;

typedef struct fc_read {
    cc_loader *L;
    yaml_node_t *node;           /* the `forecast` value: where problems are reported */
    const char *path;            /* key path, for messages */
    const char *file;            /* the file as named in the scenario */
    const char *want;            /* channel whose rows are kept, or NULL: see header */
    /* the record being read */
    char **fields;
    int *fcol;                   /* [n_fields] 1-based column where each field starts */
    size_t n_fields, cap_fields;
    long line;                   /* physical line being fed, 1-based */
    int pos;                     /* byte of that line being fed, 0-based */
    int next_col;                /* column where the next field starts */
    int idx[N_COLUMNS];          /* field index of each column, -1 for absent bands */
    int have_header;
    /* rows of the wanted channel; the channels seen */
    fc_row *rows;
    size_t n_rows, cap_rows;
    char first_channel[CC_MAX_NAME + 1];
    int several_channels;        /* 1 when rows name more than one channel */
    fc_row *first_rows;          /* rows of first_channel (kept while want is NULL) */
    size_t n_first, cap_first;
    int failed;                  /* a problem was reported */
} fc_read;

static void problem(fc_read *r, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(fc_read *r, long line, int col, const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    if (r->failed)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (line > 0)
        cc_yw_error(&r->L->w, CC_EINVAL, r->node, r->path, "%s:%ld:%d: %s", r->file, line, col,
                    msg);
    else
        cc_yw_error(&r->L->w, CC_EINVAL, r->node, r->path, "%s: %s", r->file, msg);
    r->failed = 1;
}

static void field_cb(void *s, size_t len, void *data)
{
    fc_read *r = data;
    if (r->n_fields == r->cap_fields) {
        r->cap_fields = r->cap_fields ? 2 * r->cap_fields : 16;
        r->fields = cc_xrealloc(r->fields, r->cap_fields * sizeof(char *));
        r->fcol = cc_xrealloc(r->fcol, r->cap_fields * sizeof(int));
    }
    r->fields[r->n_fields] = cc_xmalloc(len + 1);
    if (len)
        memcpy(r->fields[r->n_fields], s, len);
    r->fields[r->n_fields][len] = '\0';
    r->fcol[r->n_fields] = r->next_col;
    r->n_fields++;
    /* the byte being fed ends this field (a delimiter); the next starts after it */
    r->next_col = r->pos + 2;
}

static void clear_fields(fc_read *r)
{
    size_t i;
    for (i = 0; i < r->n_fields; i++)
        free(r->fields[i]);
    r->n_fields = 0;
}

static void read_header(fc_read *r)
{
    int k;
    size_t i;
    for (k = 0; k < N_COLUMNS; k++) {
        r->idx[k] = -1;
        for (i = 0; i < r->n_fields; i++)
            if (!strcmp(r->fields[i], needed[k]))
                r->idx[k] = (int)i;
        if (r->idx[k] < 0 && k < N_NEEDED) {
            problem(r, r->line, 1,
                    "no column '%s' in the header (a forecast.csv has date, interval_start, "
                    "channel, contacts)", needed[k]);
            return;
        }
    }
    r->have_header = 1;
}

static void keep(fc_row **rows, size_t *n, size_t *cap, const fc_row *row)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 1024;
        *rows = cc_xrealloc(*rows, *cap * sizeof(fc_row));
    }
    (*rows)[(*n)++] = *row;
}

static void read_row(fc_read *r)
{
    fc_row row;
    const char *ch, *st;
    int hh, mm, n = 0;
    double x;

    if (r->n_fields == 1 && !r->fields[0][0])
        return; /* a blank line */
    if (r->n_fields < (size_t)r->idx[F_CONTACTS] + 1 || r->n_fields < (size_t)r->idx[F_CHANNEL] + 1 ||
        r->n_fields < (size_t)r->idx[F_START] + 1 || r->n_fields < (size_t)r->idx[F_DATE] + 1) {
        problem(r, r->line, 1, "%zu fields; the header has more", r->n_fields);
        return;
    }
    ch = r->fields[r->idx[F_CHANNEL]];
    if (cc_parse_iso_date(r->fields[r->idx[F_DATE]], &row.day)) {
        problem(r, r->line, r->fcol[r->idx[F_DATE]], "bad date '%.40s' (YYYY-MM-DD)",
                r->fields[r->idx[F_DATE]]);
        return;
    }
    st = r->fields[r->idx[F_START]];
    if (sscanf(st, "%2d:%2d%n", &hh, &mm, &n) != 2 || st[n] != '\0' || hh < 0 || hh > 23 ||
        mm < 0 || mm > 59) {
        problem(r, r->line, r->fcol[r->idx[F_START]], "bad interval_start '%.40s' (HH:MM)", st);
        return;
    }
    row.minute = hh * 60 + mm;
    row.line = r->line;
    row.col = r->fcol[r->idx[F_START]];
    if (cc_parse_number(r->fields[r->idx[F_CONTACTS]], &x) != CC_OK || !(x >= 0.0) || x > 1e9) {
        problem(r, r->line, r->fcol[r->idx[F_CONTACTS]],
                "bad contacts '%.40s' (a number from 0 to 1e9)", r->fields[r->idx[F_CONTACTS]]);
        return;
    }
    row.contacts = x;
    row.p10 = row.p90 = NAN;
    if (r->idx[F_P10] >= 0 && r->idx[F_P90] >= 0) {
        int k;
        for (k = F_P10; k <= F_P90; k++) {
            const char *t = (size_t)r->idx[k] < r->n_fields ? r->fields[r->idx[k]] : "";
            if (cc_parse_number(t, &x) != CC_OK || !(x >= 0.0) || x > 1e9) {
                problem(r, r->line, (size_t)r->idx[k] < r->n_fields ? r->fcol[r->idx[k]] : 1,
                        "bad %s '%.40s' (a number from 0 to 1e9)", needed[k], t);
                return;
            }
            if (k == F_P10)
                row.p10 = x;
            else
                row.p90 = x;
        }
    }
    if (!r->first_channel[0])
        snprintf(r->first_channel, sizeof(r->first_channel), "%s", ch);
    else if (strcmp(ch, r->first_channel) != 0)
        r->several_channels = 1;
    if (r->want ? !strcmp(ch, r->want) : !strcmp(ch, r->L->s->channels[r->L->entry].name))
        keep(&r->rows, &r->n_rows, &r->cap_rows, &row);
    else if (!r->want && !strcmp(ch, r->first_channel))
        keep(&r->first_rows, &r->n_first, &r->cap_first, &row);
}

static void record_cb(int c, void *data)
{
    fc_read *r = data;
    (void)c;
    if (!r->failed) {
        if (!r->have_header)
            read_header(r);
        else
            read_row(r);
    }
    clear_fields(r);
    r->next_col = r->pos + 2;
}

static long gcd(long a, long b)
{
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Resolves `file` against the folder of the scenario file (label). */
static char *resolve(const char *label, const char *file)
{
    const char *slash = label ? strrchr(label, '/') : NULL;
    char *out;
    size_t n;
    if (file[0] == '/' || !slash || (label && label[0] == '<'))
        return cc_xstrdup(file);
    n = (size_t)(slash - label) + 1 + strlen(file) + 1;
    out = cc_xmalloc(n);
    snprintf(out, n, "%.*s/%s", (int)(slash - label), label, file);
    return out;
}

/* Spreads the rows over the horizon's intervals; checks duplicates and coverage. */
static int place_rows(fc_read *r, cc_channel *c, const fc_row *rows, size_t n_rows,
                      const char *channel)
{
    cc_scenario *s = r->L->s;
    long start = 0, step = 1440, slots, k;
    int d;
    size_t i;
    long *seen;
    double *vol, *band_num, *band_den, c2 = 0.0;
    int band_days = 0, bands = 1;

    cc_parse_iso_date(s->start_date, &start);
    for (i = 0; i < n_rows; i++)
        step = gcd(step, rows[i].minute);
    slots = 1440 / step;
    seen = cc_xcalloc((size_t)s->days * (size_t)slots, sizeof(long));
    vol = cc_xcalloc((size_t)s->n_intervals, sizeof(double));
    band_num = cc_xcalloc((size_t)s->days, sizeof(double));
    band_den = cc_xcalloc((size_t)s->days, sizeof(double));
    for (i = 0; i < n_rows && !r->failed; i++) {
        long hd = rows[i].day - start, cell, first, last, j;
        double a, b;
        if (hd < 0 || hd >= s->days)
            continue;
        cell = hd * slots + rows[i].minute / step;
        if (seen[cell]) {
            problem(r, rows[i].line, rows[i].col,
                    "a second row for the same date, interval and channel (the first is line "
                    "%ld)", seen[cell]);
            break;
        }
        seen[cell] = rows[i].line;
        if (isnan(rows[i].p10))
            bands = 0;
        else if (rows[i].contacts >= 1.0) {
            double sd = (rows[i].p90 - rows[i].p10) / (2.0 * Z90);
            band_num[hd] += sd * sd - rows[i].contacts;
            band_den[hd] += rows[i].contacts * rows[i].contacts;
        }
        /* the row covers [a, b) seconds of the horizon */
        a = (double)hd * DAY_S + rows[i].minute * 60.0;
        b = a + step * 60.0;
        first = (long)(a / s->interval_s);
        last = (long)((b - 1e-6) / s->interval_s);
        for (j = first; j <= last && j < s->n_intervals; j++) {
            double lo = fmax(a, j * s->interval_s), hi = fmin(b, (j + 1) * s->interval_s);
            vol[j] += rows[i].contacts * (hi - lo) / (b - a);
        }
    }
    for (d = 0; d < s->days && !r->failed; d++)
        for (k = 0; k < slots; k++)
            if (!seen[(long)d * slots + k]) {
                char date[11];
                cc_format_iso_date(start + d, date);
                problem(r, 0, 0,
                        "no row for %s %02ld:%02ld of channel '%s' (the file must cover every "
                        "interval of the horizon, %s and %d days)",
                        date, k * step / 60, k * step % 60, channel, s->start_date, s->days);
                break;
            }
    free(seen);
    for (d = 0; d < s->days; d++)
        if (band_den[d] > 0) {
            c2 += band_num[d] > 0 ? band_num[d] / band_den[d] : 0.0;
            band_days++;
        }
    c->forecast_band_cv = bands && band_days ? sqrt(c2 / band_days) : NAN;
    free(band_num);
    free(band_den);
    if (r->failed) {
        free(vol);
        return 0;
    }
    c->forecast_volume = vol;
    return 1;
}

int cc_load_forecast_volume(cc_loader *L, yaml_node_t *v, const char *path, cc_channel *c,
                            const char *file, const char *want)
{
    fc_read r;
    struct csv_parser p;
    char *full;
    FILE *f;
    int ch, ok = 0;
    long bytes = 0;

    if (!L->horizon_ok)
        return 0; /* the horizon's own error was reported */
    memset(&r, 0, sizeof(r));
    r.L = L;
    r.node = v;
    r.path = path;
    r.file = file;
    r.want = want;
    r.line = 1;
    r.next_col = 1;
    full = resolve(L->w.d.path, file);
    f = fopen(full, "rb");
    if (!f) {
        problem(&r, 0, 0, "cannot read %s: %s", full, strerror(errno));
        free(full);
        return 0;
    }
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        fclose(f);
        free(full);
        problem(&r, 0, 0, "out of memory");
        return 0;
    }
    while (!r.failed && (ch = fgetc(f)) != EOF) {
        char b = (char)ch;
        if (++bytes > MAX_FORECAST_BYTES) {
            problem(&r, 0, 0, "larger than %ld MB", MAX_FORECAST_BYTES / (1024 * 1024));
            break;
        }
        if (csv_parse(&p, &b, 1, field_cb, record_cb, &r) != 1) {
            problem(&r, r.line, r.pos + 1, "malformed CSV: %s", csv_strerror(csv_error(&p)));
            break;
        }
        if (b == '\n') {
            r.line++;
            r.pos = 0;
            r.next_col = 1;
        } else {
            r.pos++;
        }
    }
    if (!r.failed)
        csv_fini(&p, field_cb, record_cb, &r);
    csv_free(&p);
    fclose(f);
    clear_fields(&r);
    if (!r.failed) {
        const fc_row *rows = r.rows;
        size_t n = r.n_rows;
        const char *name = want ? want : c->name;
        if (!r.have_header)
            problem(&r, 0, 0, "empty file: expected the header date,interval_start,channel,"
                              "contacts and rows");
        else if (n == 0 && !want && !r.several_channels && r.n_first > 0) {
            /* a file of a single channel serves a channel of another name */
            rows = r.first_rows;
            n = r.n_first;
            name = r.first_channel;
        }
        if (!r.failed && n == 0)
            problem(&r, 0, 0, "no rows for channel '%s'%s%s%s", name,
                    r.first_channel[0] ? " (the file has '" : "",
                    r.first_channel[0] ? r.first_channel : "",
                    r.first_channel[0] ? (r.several_channels ? "' and others; name one with "
                                                               "'channel')"
                                                             : "')")
                                       : "");
        if (!r.failed)
            ok = place_rows(&r, c, rows, n, name);
    }
    if (ok)
        c->forecast_path = full;
    else
        free(full);
    free(r.fields);
    free(r.fcol);
    free(r.rows);
    free(r.first_rows);
    return ok;
}
