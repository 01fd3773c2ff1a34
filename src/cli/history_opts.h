/*
 * What `ccsim forecast` and `ccsim fit` share around the import: the
 * column names, time zone, date order, delimiter, strictness, interval and
 * YAML column mapping; the output folder and the holiday calendar; the one
 * history file; and the import summary both print.
 */
#ifndef CCSIM_HISTORY_OPTS_H
#define CCSIM_HISTORY_OPTS_H

#include <getopt.h>

#include "cc_forecast.h"

/* Option values of the shared flags, clear of each command's own. */
enum {
    HOPT_TIME = 512, HOPT_DATE, HOPT_COUNT, HOPT_CHANNEL_COL, HOPT_CHANNEL, HOPT_WAIT,
    HOPT_HANDLE, HOPT_WRAP, HOPT_OUTCOME, HOPT_TZ, HOPT_DATES, HOPT_EPOCH, HOPT_DELIM,
    HOPT_STRICT, HOPT_INTERVAL, HOPT_COLUMNS, HOPT_AGENT, HOPT_OUT, HOPT_HOLIDAYS
};

/*
 * getopt_long entries of --out and --holidays, which each command lists among
 * its own flags (ahead of HISTORY_LONGOPTS).
 */
#define HISTORY_OUT_LONGOPT {"out", required_argument, NULL, HOPT_OUT}
#define HISTORY_HOLIDAYS_LONGOPT {"holidays", required_argument, NULL, HOPT_HOLIDAYS}

/* getopt_long entries of the shared flags (a list to put in a command's table). */
#define HISTORY_LONGOPTS                                                             \
    {"time-column", required_argument, NULL, HOPT_TIME},                            \
    {"date-column", required_argument, NULL, HOPT_DATE},                            \
    {"count-column", required_argument, NULL, HOPT_COUNT},                          \
    {"channel-column", required_argument, NULL, HOPT_CHANNEL_COL},                  \
    {"channel", required_argument, NULL, HOPT_CHANNEL},                             \
    {"wait-column", required_argument, NULL, HOPT_WAIT},                            \
    {"handle-column", required_argument, NULL, HOPT_HANDLE},                        \
    {"wrap-column", required_argument, NULL, HOPT_WRAP},                            \
    {"outcome-column", required_argument, NULL, HOPT_OUTCOME},                      \
    {"tz", required_argument, NULL, HOPT_TZ},                                       \
    {"dates", required_argument, NULL, HOPT_DATES},                                 \
    {"epoch", no_argument, NULL, HOPT_EPOCH},                                       \
    {"delimiter", required_argument, NULL, HOPT_DELIM},                             \
    {"strict", no_argument, NULL, HOPT_STRICT},                                     \
    {"interval", required_argument, NULL, HOPT_INTERVAL},                           \
    {"columns", required_argument, NULL, HOPT_COLUMNS},                            \
    {"agent-column", required_argument, NULL, HOPT_AGENT}

/* Help text of the shared flags. */
#define HISTORY_HELP                                                                 \
    "input (CSV or tab-separated; one header line):\n"                               \
    "  --time-column NAME     arrival time, or interval start with --count-column\n"  \
    "                         (ISO 8601 2024-03-31T08:30[:00][Z|+02:00], DD/MM/YYYY\n" \
    "                         HH:MM, or seconds since 1970 with --epoch)\n"           \
    "  --date-column NAME     the date in its own column (YYYY-MM-DD, DD/MM/YYYY,\n"  \
    "                         YYYYMMDD, YYMMDD); --time-column then holds H:MM[:SS]\n" \
    "  --count-column NAME    interval counts; without it each row is one contact\n"  \
    "  --channel-column NAME  channel of each row (one series per channel)\n"        \
    "  --channel NAME         name of the single channel (or the one channel kept)\n" \
    "  --wait-column NAME     queue wait (seconds or H:MM:SS)\n"                       \
    "  --handle-column NAME   handle (talk) time\n"                                    \
    "  --wrap-column NAME     after-contact work\n"                                    \
    "  --outcome-column NAME  served (agent, answered...) or abandoned (hang...)\n"   \
    "  --agent-column NAME    agent who served (fit: staffing by weekday and hour)\n" \
    "  --tz ZONE              stated zone: UTC, +02:00 or Europe/Berlin; times with an\n" \
    "                         offset (or epoch seconds) are moved to it; default: the\n" \
    "                         clock as written\n"                                      \
    "  --dates dmy|mdy        order of slash dates (default dmy)\n"                    \
    "  --epoch                the time column holds seconds since 1970-01-01 UTC\n"   \
    "  --delimiter C          field separator: , ; or tab (default: from the header)\n" \
    "  --strict               stop at the first malformed row (default: count, report\n" \
    "                         the first ones with their line, and go on)\n"           \
    "  --interval D           interval of the grid: 5m, 6m, 10m, 15m, 30m, 60m (30m)\n" \
    "  --columns FILE         the same settings as a YAML mapping (flags win)\n"

/*
 * Import settings being collected from the command line, and then what they
 * load: the calendar and the history, owned here until cli_history_release.
 */
struct cli_history {
    const char *command;         /* "forecast" or "fit": named in usage errors */
    cc_fc_import_options opt;    /* the import options */
    const char *columns_file;    /* --columns FILE, or NULL */
    cc_fc_strings strings;       /* strings read from the mapping */
    const char *out_dir;         /* --out DIR, or the command's default */
    const char *holidays;        /* --holidays FILE, or NULL */
    const char *path;            /* the history file (the one argument) */
    long *hol_days;              /* the calendar's days, n_hol of them */
    int *hol_closed;             /* whether each is closed */
    size_t n_hol;
    cc_fc_history *history;      /* the imported history, or NULL */
};

void cli_history_init(struct cli_history *h, const char *command, const char *default_out);

/*
 * Handles what getopt_long returned (`c`, with optarg) when it is none of
 * the command's own flags: a shared flag, a missing value (':') or an
 * unknown option. Returns 0 when handled, or the exit code after printing
 * one line.
 */
int cli_history_other(struct cli_history *h, int c, char **argv);

/*
 * Takes the one history file left after the options (optind on); returns 0
 * or CLI_USAGE after printing one line.
 */
int cli_history_path(struct cli_history *h, int argc, char **argv);

/*
 * Reads the --holidays calendar if given, then imports the history file with
 * the collected settings, printing the summary (malformed rows with their
 * lines) to stderr. Returns 0 or the exit code.
 */
int cli_history_load(struct cli_history *h);

/* Creates the output folder; returns 0 or CLI_IO after printing one line. */
int cli_history_make_out_dir(struct cli_history *h);

/* Prints the "read N rows of FILE" line of the imported history to stdout. */
void cli_history_print_read(const struct cli_history *h);

/* Frees what the settings hold and what they loaded. */
void cli_history_release(struct cli_history *h);

#endif
