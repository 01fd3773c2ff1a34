/*
 * History import: a CSV or tab-separated export read with libcsv (quoting,
 * embedded separators and CRLF handled by a maintained parser rather than by
 * hand), in one of two shapes: interval counts (time + count columns) or one
 * row per contact (time, optionally channel, wait, handle, wrap-up, outcome).
 * Rows need not be in time order. The file is fed to libcsv one physical
 * line at a time so every record knows the line it starts on; malformed rows
 * are counted and the first few kept with that line, never dropped silently.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "forecast/fc_internal.h"
#include "util/alloc.h"

/* One imported arrival before the grid exists. */
typedef struct fc_entry {
    long long local_s;           /* local wall-clock seconds */
    double count;                /* contacts */
    int series;                  /* channel index */
} fc_entry;

enum { COL_TIME, COL_DATE, COL_COUNT, COL_CHANNEL, COL_WAIT, COL_HANDLE, COL_WRAP, COL_OUTCOME,
       COL_AGENT, N_COLS };

typedef struct import_ctx {
    const cc_fc_import_options *opt;
    const char *path;
    cc_fc_zone zone;
    /* the record being read */
    char *buf;                   /* field bytes, NUL-separated */
    size_t buf_len, buf_cap;
    size_t *off;                 /* [n_fields] offsets into buf */
    size_t n_fields, off_cap;
    long line;                   /* physical line being fed */
    long rec_line;               /* line the current record started on */
    /* header */
    int have_header;
    size_t n_header;
    int col[N_COLS];             /* field index of each role, -1 when not used */
    /* results */
    cc_fc_history *h;
    fc_entry *entries;
    size_t n_entries, cap_entries;
    size_t cap_contacts, cap_series;
    char **agents;               /* agent names, index = agent id */
    size_t cap_agents;
    long repaired;               /* rows whose fields were split on blanks */
    int stop;                    /* strict mode hit a bad row, or a header problem */
    cc_error *err;
    cc_status status;
} import_ctx;

void cc_fc_import_options_init(cc_fc_import_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->channel = "contacts";
    opt->interval_min = 30;
}

void cc_fc_history_free(cc_fc_history *h)
{
    size_t i;
    if (!h)
        return;
    for (i = 0; i < h->n_series; i++)
        free(h->series[i].y);
    free(h->series);
    free(h->observed);
    free(h->contacts);
    free(h);
}

static void field_cb(void *s, size_t len, void *data)
{
    import_ctx *c = data;
    if (c->n_fields == 0)
        c->rec_line = c->line;
    if (c->n_fields == c->off_cap) {
        c->off_cap = c->off_cap ? 2 * c->off_cap : 32;
        c->off = cc_xrealloc(c->off, c->off_cap * sizeof(size_t));
    }
    if (c->buf_len + len + 1 > c->buf_cap) {
        c->buf_cap = 2 * (c->buf_len + len + 1) + 256;
        c->buf = cc_xrealloc(c->buf, c->buf_cap);
    }
    c->off[c->n_fields++] = c->buf_len;
    if (len)
        memcpy(c->buf + c->buf_len, s, len);
    c->buf_len += len;
    c->buf[c->buf_len++] = '\0';
}

static const char *field(const import_ctx *c, int role)
{
    return c->col[role] < 0 ? NULL : c->buf + c->off[c->col[role]];
}

/* Records a malformed row; returns 1 when the import must stop (strict). */
static int row_error(import_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int row_error(import_ctx *c, const char *fmt, ...)
{
    cc_fc_history *h = c->h;
    va_list ap;
    char msg[160];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    h->rows_bad++;
    if (h->n_errors < CC_FC_MAX_ROW_ERRORS) {
        h->errors[h->n_errors].line = c->rec_line;
        snprintf(h->errors[h->n_errors].message, sizeof(h->errors[0].message), "%s", msg);
        h->n_errors++;
    }
    if (c->opt->strict) {
        c->status = cc_error_set_at(c->err, CC_EINVAL, c->path, (int)c->rec_line, 1,
                                    "%s (--strict stops at the first malformed row)", msg);
        c->stop = 1;
        return 1;
    }
    return 0;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    size_t a = 0;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (isspace((unsigned char)s[a]))
        a++;
    if (a)
        memmove(s, s + a, n - a + 1);
}

static int find_column(import_ctx *c, const char *name, int role, const char *flag)
{
    size_t i;
    char list[400];
    size_t used = 0;
    if (!name)
        return 0;
    for (i = 0; i < c->n_fields; i++)
        if (!strcmp(c->buf + c->off[i], name)) {
            c->col[role] = (int)i;
            return 0;
        }
    list[0] = '\0';
    for (i = 0; i < c->n_fields && used + 4 < sizeof(list); i++) {
        int w = snprintf(list + used, sizeof(list) - used, "%s'%s'", i ? ", " : "",
                         c->buf + c->off[i]);
        if (w < 0 || (size_t)w >= sizeof(list) - used) {
            snprintf(list + used, sizeof(list) - used, ", ...");
            break;
        }
        used += (size_t)w;
    }
    c->status = cc_error_set_at(c->err, CC_EINVAL, c->path, (int)c->rec_line, 1,
                                "--%s: no column '%s' in the header (columns: %s)", flag, name,
                                list);
    c->stop = 1;
    return -1;
}

static void read_header(import_ctx *c)
{
    const cc_fc_import_options *o = c->opt;
    size_t i;
    for (i = 0; i < c->n_fields; i++)
        trim(c->buf + c->off[i]);
    c->n_header = c->n_fields;
    for (i = 0; i < N_COLS; i++)
        c->col[i] = -1;
    if (find_column(c, o->time_column, COL_TIME, "time-column") ||
        find_column(c, o->date_column, COL_DATE, "date-column") ||
        find_column(c, o->count_column, COL_COUNT, "count-column") ||
        find_column(c, o->channel_column, COL_CHANNEL, "channel-column") ||
        find_column(c, o->wait_column, COL_WAIT, "wait-column") ||
        find_column(c, o->handle_column, COL_HANDLE, "handle-column") ||
        find_column(c, o->wrap_column, COL_WRAP, "wrap-column") ||
        find_column(c, o->outcome_column, COL_OUTCOME, "outcome-column") ||
        find_column(c, o->agent_column, COL_AGENT, "agent-column"))
        return;
    c->have_header = 1;
    c->h->has_wait = o->wait_column != NULL;
    c->h->has_handle = o->handle_column != NULL;
    c->h->has_wrap = o->wrap_column != NULL;
    c->h->has_outcome = o->outcome_column != NULL;
    c->h->has_agent = o->agent_column != NULL;
}

/*
 * A tab-separated row with too few fields whose fields hold runs of blanks
 * where a tab belongs (seen in telephone-system exports): split them.
 * Returns 1 when the row then has the header's field count.
 */
static int repair_blanks(import_ctx *c)
{
    size_t i, extra = 0;
    char *nb;
    size_t *no, nlen = 0, nf = 0;
    if (c->opt->delimiter != '\t' && !(c->opt->delimiter == 0))
        return 0;
    for (i = 0; i < c->n_fields; i++) {
        const char *f = c->buf + c->off[i], *p = f;
        int in = 0;
        while (*p == ' ')
            p++;
        for (; *p; p++) {
            if (*p == ' ' && !in) {
                in = 1;
            } else if (*p != ' ' && in) {
                in = 0;
                extra++;
            }
        }
    }
    if (c->n_fields + extra != c->n_header || extra == 0)
        return 0;
    nb = cc_xmalloc(c->buf_len + 1);
    no = cc_xmalloc(c->n_header * sizeof(size_t));
    for (i = 0; i < c->n_fields; i++) {
        char *f = c->buf + c->off[i], *tok, *save = NULL;
        int any = 0;
        for (tok = strtok_r(f, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            no[nf++] = nlen;
            memcpy(nb + nlen, tok, strlen(tok) + 1);
            nlen += strlen(tok) + 1;
            any = 1;
        }
        if (!any) {
            no[nf++] = nlen;
            nb[nlen++] = '\0';
        }
    }
    if (nf != c->n_header) {
        free(nb);
        free(no);
        return 0;
    }
    memcpy(c->buf, nb, nlen);
    memcpy(c->off, no, nf * sizeof(size_t));
    c->buf_len = nlen;
    c->n_fields = nf;
    free(nb);
    free(no);
    return 1;
}

static int series_index(import_ctx *c, const char *name)
{
    cc_fc_history *h = c->h;
    size_t i;
    for (i = 0; i < h->n_series; i++)
        if (!strcmp(h->series[i].name, name))
            return (int)i;
    if (h->n_series == 64)
        return -1;
    if (h->n_series == c->cap_series) {
        c->cap_series = c->cap_series ? 2 * c->cap_series : 4;
        h->series = cc_xrealloc(h->series, c->cap_series * sizeof(cc_fc_series));
    }
    memset(&h->series[h->n_series], 0, sizeof(cc_fc_series));
    snprintf(h->series[h->n_series].name, sizeof(h->series[0].name), "%s", name);
    return (int)h->n_series++;
}

/* Agent id of a name (linear search: a centre has tens to hundreds of agents), -1 for none. */
static int agent_index(import_ctx *c, const char *name)
{
    cc_fc_history *h = c->h;
    int i;
    if (!*name || !strcasecmp(name, "NO_SERVER") || !strcasecmp(name, "none") ||
        !strcmp(name, "0") || !strcmp(name, "-"))
        return -1;
    for (i = h->n_agents - 1; i >= 0; i--)
        if (!strcmp(c->agents[i], name))
            return i;
    if ((size_t)h->n_agents == c->cap_agents) {
        c->cap_agents = c->cap_agents ? 2 * c->cap_agents : 64;
        c->agents = cc_xrealloc(c->agents, c->cap_agents * sizeof(char *));
    }
    c->agents[h->n_agents] = cc_xstrdup(name);
    return h->n_agents++;
}

static int outcome_of(const char *s)
{
    static const char *const served[] = {"agent", "served", "answered", "handled", "completed",
                                         "answer", "connected"};
    static const char *const aband[] = {"hang", "abandoned", "abandon", "hangup", "hung up",
                                        "abandoned in queue"};
    size_t i;
    for (i = 0; i < sizeof(served) / sizeof(served[0]); i++)
        if (!strcasecmp(s, served[i]))
            return CC_FC_SERVED;
    for (i = 0; i < sizeof(aband) / sizeof(aband[0]); i++)
        if (!strcasecmp(s, aband[i]))
            return CC_FC_ABANDONED;
    return CC_FC_OTHER;
}

static int parse_dur_field(import_ctx *c, int role, const char *what, double *out)
{
    const char *f = field(c, role);
    *out = NAN;
    if (!f)
        return 0;
    if (cc_fc_parse_duration(f, out))
        return row_error(c, "bad %s '%.40s' in column '%s' (seconds or H:MM:SS)", what, f,
                         c->buf + c->off[c->col[role]]) ? -1 : 1;
    /* Negative durations are clock slack in some logs: kept as a row, left out of fits. */
    if (*out < 0)
        *out = NAN;
    return 0;
}

static void data_row(import_ctx *c)
{
    const cc_fc_import_options *o = c->opt;
    cc_fc_history *h = c->h;
    cc_fc_stamp st;
    const char *tf, *chan;
    double count = 1;
    long long local;
    int s, need = 0, i;
    fc_entry *e;

    h->rows_read++;
    for (i = 0; i < N_COLS; i++)
        if (c->col[i] + 1 > need)
            need = c->col[i] + 1;
    /* fewer fields than the header: blanks where a separator belongs, or a short row */
    if (c->n_fields < c->n_header && repair_blanks(c)) {
        if (c->repaired < CC_FC_MAX_ROW_ERRORS)
            h->repaired_lines[c->repaired] = c->rec_line;
        c->repaired++;
    }
    if (c->n_fields < (size_t)need) {
        row_error(c, "expected %zu fields, found %zu", c->n_header, c->n_fields);
        return;
    }
    for (i = 0; i < (int)c->n_fields; i++)
        trim(c->buf + c->off[i]);
    tf = field(c, COL_TIME);
    if (c->col[COL_DATE] >= 0) {
        long days;
        double sod;
        int hz, off;
        const char *df = field(c, COL_DATE), *p = cc_fc_parse_date_part(df, o->month_first, &days);
        if (!p || *p) {
            row_error(c, "bad date '%.40s' in column '%s' (YYYY-MM-DD, DD/MM/YYYY, YYYYMMDD or "
                      "YYMMDD)", df, o->date_column);
            return;
        }
        p = cc_fc_parse_time_part(tf, &sod, &hz, &off);
        if (!p || *p) {
            row_error(c, "bad time of day '%.40s' in column '%s' (H:MM or H:MM:SS)", tf,
                      o->time_column);
            return;
        }
        st.local_s = (long long)days * 86400 + (long long)floor(sod);
        st.has_zone = hz;
        st.offset_s = off;
    } else if (o->epoch ? cc_fc_parse_epoch(tf, &st) : cc_fc_parse_stamp(tf, o->month_first, &st)) {
        row_error(c, "bad timestamp '%.40s' in column '%s' (%s)", tf, o->time_column,
                  o->epoch ? "seconds since 1970-01-01 UTC"
                           : "ISO 8601 like 2024-03-31T08:30[:00][Z|+02:00], or DD/MM/YYYY HH:MM");
        return;
    }
    if (c->col[COL_COUNT] >= 0) {
        const char *cf = field(c, COL_COUNT);
        char *end;
        count = strtod(cf, &end);
        if (end == cf || *end || !isfinite(count) || count < 0) {
            row_error(c, "bad count '%.40s' in column '%s' (a number >= 0, '.' decimals)", cf,
                      o->count_column);
            return;
        }
    }
    chan = c->col[COL_CHANNEL] >= 0 ? field(c, COL_CHANNEL) : o->channel;
    if (c->col[COL_CHANNEL] >= 0 && o->channel && strcmp(o->channel, "contacts") &&
        strcmp(chan, o->channel))
        return; /* another channel than the one asked for: not malformed, not ours */
    if (!*chan) {
        row_error(c, "empty channel in column '%s'", o->channel_column);
        return;
    }
    s = series_index(c, chan);
    if (s < 0) {
        row_error(c, "more than 64 channels; '%.40s' is one too many", chan);
        return;
    }
    local = cc_fc_zone_local(&c->zone, &st);
    if (o->count_column == NULL) {
        cc_fc_contact ct;
        int r;
        ct.series = s;
        ct.arrival_s = local;
        ct.agent = c->col[COL_AGENT] >= 0 ? agent_index(c, field(c, COL_AGENT)) : -1;
        ct.outcome = c->col[COL_OUTCOME] >= 0 ? outcome_of(field(c, COL_OUTCOME)) : CC_FC_SERVED;
        if ((r = parse_dur_field(c, COL_WAIT, "wait", &ct.wait_s)) ||
            (r = parse_dur_field(c, COL_HANDLE, "handle time", &ct.handle_s)) ||
            (r = parse_dur_field(c, COL_WRAP, "wrap-up", &ct.wrap_s)))
            return;
        if (h->n_contacts == c->cap_contacts) {
            c->cap_contacts = c->cap_contacts ? 2 * c->cap_contacts : 4096;
            h->contacts = cc_xrealloc(h->contacts, c->cap_contacts * sizeof(cc_fc_contact));
        }
        h->contacts[h->n_contacts++] = ct;
    }
    if (c->n_entries == c->cap_entries) {
        c->cap_entries = c->cap_entries ? 2 * c->cap_entries : 4096;
        c->entries = cc_xrealloc(c->entries, c->cap_entries * sizeof(fc_entry));
    }
    e = &c->entries[c->n_entries++];
    e->local_s = local;
    e->count = count;
    e->series = s;
}

static void record_cb(int ch, void *data)
{
    import_ctx *c = data;
    (void)ch;
    if (c->stop) {
        c->n_fields = 0;
        c->buf_len = 0;
        return;
    }
    if (c->n_fields == 0)
        return;
    if (!c->have_header)
        read_header(c);
    else
        data_row(c);
    c->n_fields = 0;
    c->buf_len = 0;
}

static int only_space(unsigned char ch)
{
    return ch == ' ';
}

static char detect_delimiter(const char *text, size_t len)
{
    size_t i, tabs = 0, commas = 0, semis = 0;
    for (i = 0; i < len && text[i] != '\n'; i++) {
        tabs += text[i] == '\t';
        commas += text[i] == ',';
        semis += text[i] == ';';
    }
    if (tabs >= commas && tabs >= semis && tabs)
        return '\t';
    return semis > commas ? ';' : ',';
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap = 2 * cap + 65536 + 1;
            buf = cc_xrealloc(buf, cap);
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        free(buf);
        errno = e;
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Puts the entries on the grid of whole local days. */
static cc_status build_grid(import_ctx *c)
{
    cc_fc_history *h = c->h;
    long long lo = INT64_MAX, hi = INT64_MIN;
    size_t i, s;
    long day_lo, day_hi;
    for (i = 0; i < c->n_entries; i++) {
        if (c->entries[i].local_s < lo)
            lo = c->entries[i].local_s;
        if (c->entries[i].local_s > hi)
            hi = c->entries[i].local_s;
    }
    day_lo = (long)(lo >= 0 ? lo / 86400 : -((-lo + 86399) / 86400));
    day_hi = (long)(hi >= 0 ? hi / 86400 : -((-hi + 86399) / 86400));
    if (day_hi - day_lo + 1 > 20000)
        return cc_error_set_at(c->err, CC_EINVAL, c->path, 0, 0,
                               "the history spans %ld days; at most 20000 (about 55 years)",
                               day_hi - day_lo + 1);
    if (!h->per_contact) {
        /*
         * Counts on a coarser step than the grid would fill only the first
         * interval of each step: refuse rather than forecast a comb.
         */
        long long g = 0;
        unsigned char seen[1440] = {0};
        int distinct = 0;
        for (i = 0; i < c->n_entries; i++) {
            long long sod = ((c->entries[i].local_s % 86400) + 86400) % 86400, a = g, b = sod;
            if (!seen[sod / 60]) {
                seen[sod / 60] = 1;
                distinct++;
            }
            while (b) {
                long long t = a % b;
                a = b;
                b = t;
            }
            g = a;
        }
        if (g == 0)
            g = 86400;
        /* (with a dozen distinct times of day at least, so sparse files are not misread) */
        if (distinct >= 12 && g % 60 == 0 && g / 60 > h->interval_min && 1440 % (g / 60) == 0)
            return cc_error_set_at(c->err, CC_EINVAL, c->path, 0, 0,
                                   "--interval: the counts are %lld minutes apart, coarser than "
                                   "the %d-minute grid; use --interval %lldm or a multiple",
                                   g / 60, h->interval_min, g / 60);
    }
    h->day0 = day_lo;
    h->n_days = (int)(day_hi - day_lo + 1);
    h->observed = cc_xcalloc((size_t)h->n_days, 1);
    for (s = 0; s < h->n_series; s++)
        h->series[s].y = cc_xcalloc((size_t)h->n_days * (size_t)h->per_day, sizeof(double));
    for (i = 0; i < c->n_entries; i++) {
        const fc_entry *e = &c->entries[i];
        long long rel = e->local_s - (long long)day_lo * 86400;
        long d = (long)(rel / 86400);
        int slot = (int)((rel % 86400) / (h->interval_min * 60));
        h->observed[d] = 1;
        h->series[e->series].y[(size_t)d * (size_t)h->per_day + (size_t)slot] += e->count;
        h->total += e->count;
    }
    return CC_OK;
}

cc_status cc_fc_import(const char *path, const cc_fc_import_options *opt, cc_fc_history **out,
                       cc_error *err)
{
    import_ctx c;
    struct csv_parser p;
    char *text, *env = NULL;
    size_t len = 0, pos = 0;
    cc_fc_import_options o = *opt;
    cc_status st = CC_OK;

    *out = NULL;
    if (!o.time_column)
        return cc_error_setf(err, CC_EINVAL, "--time-column: required (the column with the "
                                             "arrival time or interval start)");
    if (o.interval_min <= 0)
        o.interval_min = 30;
    if (1440 % o.interval_min)
        return cc_error_setf(err, CC_EINVAL, "--interval: %d minutes does not divide a day",
                             o.interval_min);
    if (!o.channel)
        o.channel = "contacts";
    memset(&c, 0, sizeof(c));
    c.opt = &o;
    c.path = path;
    c.err = err;
    if (cc_fc_zone_parse(o.tz, &c.zone))
        return cc_error_setf(err, CC_EINVAL, "--tz: unknown time zone '%s' (allowed: UTC, an "
                                             "offset like +02:00, or a zone like Europe/Berlin)",
                             o.tz);
    text = read_all(path, &len);
    if (!text)
        return cc_error_set_at(err, CC_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    if (len == 0) {
        free(text);
        return cc_error_set_at(err, CC_EINVAL, path, 0, 0, "empty file (a header line and "
                                                           "data rows are expected)");
    }
    if (!o.delimiter)
        o.delimiter = detect_delimiter(text, len);
    c.h = cc_xcalloc(1, sizeof(cc_fc_history));
    c.h->interval_min = o.interval_min;
    c.h->per_day = 1440 / o.interval_min;
    c.h->per_contact = o.count_column == NULL;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        free(text);
        cc_fc_history_free(c.h);
        return cc_error_setf(err, CC_ENOMEM, "csv parser");
    }
    csv_set_delim(&p, (unsigned char)o.delimiter);
    if (o.delimiter == '\t')
        csv_set_space_func(&p, only_space);
    cc_fc_zone_begin(&c.zone, &env);
    /* Skip a UTF-8 byte-order mark. */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        pos = 3;
    c.line = 1;
    while (pos < len && !c.stop) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        if (csv_parse(&p, text + pos, n, field_cb, record_cb, &c) != n) {
            cc_error_set_at(err, CC_EINVAL, path, (int)c.line, 1, "CSV: %s",
                            csv_strerror(csv_error(&p)));
            c.status = CC_EINVAL;
            c.stop = 1;
            break;
        }
        pos += n;
        c.line++;
    }
    if (!c.stop)
        csv_fini(&p, field_cb, record_cb, &c);
    cc_fc_zone_end(&c.zone, env);
    csv_free(&p);
    free(text);
    if (c.stop) {
        st = c.status ? c.status : CC_EINVAL;
    } else if (!c.have_header) {
        st = cc_error_set_at(err, CC_EINVAL, path, 0, 0, "no header line");
    } else if (c.n_entries == 0) {
        st = cc_error_set_at(err, CC_EINVAL, path, 0, 0,
                             "no usable data row (%ld rows, %ld malformed%s%s)",
                             c.h->rows_read, c.h->rows_bad,
                             c.h->n_errors ? "; first: " : "",
                             c.h->n_errors ? c.h->errors[0].message : "");
    } else {
        st = build_grid(&c);
    }
    c.h->rows_repaired = c.repaired;
    free(c.buf);
    free(c.off);
    free(c.entries);
    {
        int a;
        for (a = 0; a < c.h->n_agents; a++)
            free(c.agents[a]);
        free(c.agents);
    }
    if (st != CC_OK) {
        cc_fc_history_free(c.h);
        return st;
    }
    *out = c.h;
    return CC_OK;
}
