/*
 * The small side files of an import: the YAML column mapping (read with
 * libyaml's event parser; a flat mapping of flag names to values) and the
 * holiday calendar (one date a line, closed or open).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "forecast/fc_internal.h"
#include "util/alloc.h"

void cc_fc_strings_free(cc_fc_strings *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->n; i++)
        free(s->items[i]);
    free(s->items);
    s->items = NULL;
    s->n = 0;
}

static const char *keep(cc_fc_strings *s, const char *text)
{
    s->items = cc_xrealloc(s->items, (s->n + 1) * sizeof(char *));
    s->items[s->n] = cc_xstrdup(text);
    return s->items[s->n++];
}

static int is_true(const char *v)
{
    return !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1");
}

static int is_bool(const char *v)
{
    return is_true(v) || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0");
}

/* Applies one key; returns 0, or -1 for an unknown key, -2 for a bad value. */
static int apply_key(cc_fc_import_options *o, cc_fc_strings *s, const char *k, const char *v)
{
    static const char *const names[] = {"time-column", "date-column", "count-column",
                                        "channel-column", "wait-column", "handle-column",
                                        "wrap-column", "outcome-column", "agent-column", "tz"};
    const char **fields[] = {&o->time_column, &o->date_column, &o->count_column,
                             &o->channel_column, &o->wait_column, &o->handle_column,
                             &o->wrap_column, &o->outcome_column, &o->agent_column, &o->tz};
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(k, names[i])) {
            if (!*fields[i])
                *fields[i] = keep(s, v);
            return 0;
        }
    if (!strcmp(k, "channel")) {
        if (!o->channel || !strcmp(o->channel, "contacts"))
            o->channel = keep(s, v);
        return 0;
    }
    if (!strcmp(k, "dates")) {
        if (strcmp(v, "dmy") && strcmp(v, "mdy"))
            return -2;
        if (!o->month_first)
            o->month_first = !strcmp(v, "mdy");
        return 0;
    }
    if (!strcmp(k, "epoch") || !strcmp(k, "strict")) {
        if (!is_bool(v))
            return -2;
        if (!strcmp(k, "epoch"))
            o->epoch = o->epoch || is_true(v);
        else
            o->strict = o->strict || is_true(v);
        return 0;
    }
    if (!strcmp(k, "delimiter")) {
        if (!strcmp(v, "tab"))
            v = "\t";
        if (strlen(v) != 1)
            return -2;
        if (!o->delimiter)
            o->delimiter = v[0];
        return 0;
    }
    return -1;
}

cc_status cc_fc_read_mapping(const char *path, cc_fc_import_options *opt, cc_fc_strings *strings,
                             cc_error *err)
{
    FILE *f = fopen(path, "rb");
    yaml_parser_t p;
    yaml_event_t ev;
    char key[128] = "";
    int depth = 0, have_key = 0, done = 0;
    cc_status st = CC_OK;

    if (!f)
        return cc_error_set_at(err, CC_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    yaml_parser_initialize(&p);
    yaml_parser_set_input_file(&p, f);
    while (!done && st == CC_OK) {
        int line, col;
        if (!yaml_parser_parse(&p, &ev)) {
            st = cc_error_set_at(err, CC_ESYNTAX, path, (int)p.problem_mark.line + 1,
                                 (int)p.problem_mark.column + 1, "YAML: %s",
                                 p.problem ? p.problem : "syntax error");
            break;
        }
        line = (int)ev.start_mark.line + 1;
        col = (int)ev.start_mark.column + 1;
        switch (ev.type) {
        case YAML_MAPPING_START_EVENT:
            if (++depth > 1)
                st = cc_error_set_at(err, CC_ESCHEMA, path, line, col,
                                     "%s: expected a plain value, not a mapping", key);
            break;
        case YAML_SEQUENCE_START_EVENT:
            st = cc_error_set_at(err, CC_ESCHEMA, path, line, col,
                                 "expected 'key: value' lines, not a list");
            break;
        case YAML_MAPPING_END_EVENT: depth--; break;
        case YAML_SCALAR_EVENT: {
            const char *v = (const char *)ev.data.scalar.value;
            if (depth != 1) {
                st = cc_error_set_at(err, CC_ESCHEMA, path, line, col,
                                     "expected a mapping of column names");
            } else if (!have_key) {
                snprintf(key, sizeof(key), "%s", v);
                have_key = 1;
            } else {
                int r = apply_key(opt, strings, key, v);
                have_key = 0;
                if (r == -1)
                    st = cc_error_set_at(err, CC_ESCHEMA, path, line, col,
                                         "unknown key '%s' (allowed: time-column, date-column, "
                                         "count-column, channel-column, channel, wait-column, "
                                         "handle-column, wrap-column, outcome-column, agent-column, tz, dates, "
                                         "epoch, delimiter, strict)", key);
                else if (r == -2)
                    st = cc_error_set_at(err, CC_ESCHEMA, path, line, col,
                                         "%s: bad value '%s'", key, v);
            }
            break;
        }
        case YAML_STREAM_END_EVENT: done = 1; break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    fclose(f);
    return st;
}

cc_status cc_fc_read_calendar(const char *path, long **days, int **closed, size_t *n,
                              cc_error *err)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int ln = 0, first = 1;
    size_t cap = 0;
    *days = NULL;
    *closed = NULL;
    *n = 0;
    if (!f)
        return cc_error_set_at(err, CC_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    while (fgets(line, sizeof(line), f)) {
        char *p = line, *comma, date[16];
        long d;
        int is_closed = 1;
        ln++;
        p[strcspn(p, "\r\n")] = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        /* a header may open the file, after any comments */
        if (first) {
            first = 0;
            if (!strncmp(p, "date", 4))
                continue;
        }
        comma = strchr(p, ',');
        snprintf(date, sizeof(date), "%.*s", comma ? (int)(comma - p) : (int)strlen(p), p);
        if (cc_fc_parse_date(date, &d)) {
            free(*days);
            free(*closed);
            *days = NULL;
            *closed = NULL;
            *n = 0;
            fclose(f);
            return cc_error_set_at(err, CC_EINVAL, path, ln, 1,
                                   "bad date '%s' (YYYY-MM-DD[,closed|open[,name]])", date);
        }
        if (comma) {
            char *kind = comma + 1, *end = strchr(kind, ',');
            size_t kl = end ? (size_t)(end - kind) : strlen(kind);
            if (kl == 4 && !strncmp(kind, "open", 4))
                is_closed = 0;
            else if (!(kl == 6 && !strncmp(kind, "closed", 6)) && kl != 0) {
                free(*days);
                free(*closed);
                *days = NULL;
                *closed = NULL;
                *n = 0;
                fclose(f);
                return cc_error_set_at(err, CC_EINVAL, path, ln, (int)(kind - line) + 1,
                                       "expected 'closed' or 'open' after the date");
            }
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 32;
            *days = cc_xrealloc(*days, cap * sizeof(long));
            *closed = cc_xrealloc(*closed, cap * sizeof(int));
        }
        (*days)[*n] = d;
        (*closed)[*n] = is_closed;
        (*n)++;
    }
    fclose(f);
    return CC_OK;
}
