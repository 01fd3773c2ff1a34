/*
 * Shared import flags of `ccsim forecast` and `ccsim fit`, their output
 * folder, calendar and history file, and the import summary: every
 * malformed row the importer kept is printed with its line, and the count of
 * the others, so nothing is dropped without a word.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "cli.h"
#include "history_opts.h"
#include "options.h"

void cli_history_init(struct cli_history *h, const char *command, const char *default_out)
{
    memset(h, 0, sizeof(*h));
    h->command = command;
    h->out_dir = default_out;
    cc_fc_import_options_init(&h->opt);
    h->opt.interval_min = 0;
}

/* A shared flag: 0 when handled, -1 when not one, or CLI_USAGE after one line. */
static int history_option(struct cli_history *h, int c, const char *arg)
{
    cc_fc_import_options *o = &h->opt;
    switch (c) {
    case HOPT_TIME: o->time_column = arg; return 0;
    case HOPT_DATE: o->date_column = arg; return 0;
    case HOPT_COUNT: o->count_column = arg; return 0;
    case HOPT_CHANNEL_COL: o->channel_column = arg; return 0;
    case HOPT_CHANNEL:
        if (!*arg)
            return cli_flag_errorf("channel", "empty name");
        o->channel = arg;
        return 0;
    case HOPT_WAIT: o->wait_column = arg; return 0;
    case HOPT_HANDLE: o->handle_column = arg; return 0;
    case HOPT_WRAP: o->wrap_column = arg; return 0;
    case HOPT_OUTCOME: o->outcome_column = arg; return 0;
    case HOPT_AGENT: o->agent_column = arg; return 0;
    case HOPT_TZ: o->tz = arg; return 0;
    case HOPT_EPOCH: o->epoch = 1; return 0;
    case HOPT_STRICT: o->strict = 1; return 0;
    case HOPT_COLUMNS: h->columns_file = arg; return 0;
    case HOPT_OUT: h->out_dir = arg; return 0;
    case HOPT_HOLIDAYS: h->holidays = arg; return 0;
    case HOPT_DATES: {
        static const char *const choices[] = {"dmy", "mdy", NULL};
        int k, rc;
        if ((rc = cli_parse_choice("dates", arg, choices, &k)))
            return rc;
        o->month_first = k == 1;
        return 0;
    }
    case HOPT_DELIM:
        if (!strcmp(arg, "tab") || !strcmp(arg, "\\t"))
            o->delimiter = '\t';
        else if (strlen(arg) == 1 && (arg[0] == ',' || arg[0] == ';' || arg[0] == '|' ||
                                      arg[0] == '\t'))
            o->delimiter = arg[0];
        else
            return cli_flag_errorf("delimiter", "'%s' is not a separator; allowed: , ; | tab",
                                   arg);
        return 0;
    case HOPT_INTERVAL: {
        double s;
        int rc;
        struct cli_range r = {60, 86400, 0, 0};
        if ((rc = cli_parse_duration("interval", arg, r, &s)))
            return rc;
        if (fmod(s, 60) != 0 || 1440 % (int)(s / 60) != 0)
            return cli_flag_errorf("interval", "'%s' does not divide a day into whole minutes; "
                                   "allowed: 5m, 6m, 10m, 15m, 30m, 60m, ...", arg);
        o->interval_min = (int)(s / 60);
        return 0;
    }
    default: return -1;
    }
}

int cli_history_other(struct cli_history *h, int c, char **argv)
{
    int rc;
    if (c == ':')
        return cli_flag_errorf(argv[optind - 1] + 2, "missing value");
    rc = history_option(h, c, optarg);
    if (rc == -1) {
        cli_errorf("unknown option '%s'; run 'ccsim %s --help'", argv[optind - 1], h->command);
        return CLI_USAGE;
    }
    return rc;
}

int cli_history_path(struct cli_history *h, int argc, char **argv)
{
    if (argc - optind != 1) {
        cli_errorf("expected one history file; run 'ccsim %s --help'", h->command);
        return CLI_USAGE;
    }
    h->path = argv[optind];
    return 0;
}

/* Imports h->path with the collected settings and prints the summary. */
static int history_import(struct cli_history *h)
{
    const char *path = h->path;
    cc_fc_history **out = &h->history;
    cc_error err;
    size_t i;
    if (h->columns_file && cc_fc_read_mapping(h->columns_file, &h->opt, &h->strings, &err)) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    if (!h->opt.time_column)
        return cli_flag_missing("time-column", "the name of the time column in the header");
    if (h->opt.interval_min == 0)
        h->opt.interval_min = 30;
    if (cc_fc_import(path, &h->opt, out, &err)) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    for (i = 0; i < (*out)->n_errors; i++)
        fprintf(stderr, "ccsim: warning: %s:%ld: %s (row skipped)\n", path,
                (*out)->errors[i].line, (*out)->errors[i].message);
    if ((*out)->rows_bad > (long)(*out)->n_errors)
        fprintf(stderr, "ccsim: warning: %s: %ld more malformed rows skipped\n", path,
                (*out)->rows_bad - (long)(*out)->n_errors);
    for (i = 0; i < (size_t)(*out)->rows_repaired && i < CC_FC_MAX_ROW_ERRORS; i++)
        fprintf(stderr, "ccsim: warning: %s:%ld: blanks where a separator belongs; the fields "
                        "were split on the blanks and the row kept\n",
                path, (*out)->repaired_lines[i]);
    if ((*out)->rows_repaired > CC_FC_MAX_ROW_ERRORS)
        fprintf(stderr, "ccsim: warning: %s: %ld more rows split on blanks\n", path,
                (*out)->rows_repaired - CC_FC_MAX_ROW_ERRORS);
    return 0;
}

int cli_history_load(struct cli_history *h)
{
    cc_error err;
    if (h->holidays &&
        cc_fc_read_calendar(h->holidays, &h->hol_days, &h->hol_closed, &h->n_hol, &err)) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    return history_import(h);
}

int cli_history_make_out_dir(struct cli_history *h)
{
    cc_error err;
    if (cc_mkdir_p(h->out_dir, &err)) {
        cli_print_error(&err);
        return CLI_IO;
    }
    return 0;
}

void cli_history_print_read(const struct cli_history *h)
{
    const cc_fc_history *x = h->history;
    printf("read %ld rows of %s (%ld malformed), %d days, %zu channel%s\n", x->rows_read,
           h->path, x->rows_bad, x->n_days, x->n_series, x->n_series == 1 ? "" : "s");
}

void cli_history_release(struct cli_history *h)
{
    cc_fc_history_free(h->history);
    h->history = NULL;
    free(h->hol_days);
    free(h->hol_closed);
    h->hol_days = NULL;
    h->hol_closed = NULL;
    cc_fc_strings_free(&h->strings);
}
