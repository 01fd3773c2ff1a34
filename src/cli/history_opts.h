/*
 * The import flags `ccsim forecast` and `ccsim fit` share: column names,
 * time zone, date order, delimiter, strictness, interval, a YAML column
 * mapping, and the import summary both print.
 */
#ifndef CCSIM_HISTORY_OPTS_H
#define CCSIM_HISTORY_OPTS_H

#include <getopt.h>

#include "cc_forecast.h"

/* Option values of the shared flags, clear of each command's own. */
enum {
    HOPT_TIME = 512, HOPT_DATE, HOPT_COUNT, HOPT_CHANNEL_COL, HOPT_CHANNEL, HOPT_WAIT,
    HOPT_HANDLE, HOPT_WRAP, HOPT_OUTCOME, HOPT_TZ, HOPT_DATES, HOPT_EPOCH, HOPT_DELIM,
    HOPT_STRICT, HOPT_INTERVAL, HOPT_COLUMNS, HOPT_AGENT
};

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

/* Import settings being collected from the command line. */
struct cli_history {
    cc_fc_import_options opt;    /* the import options */
    const char *columns_file;    /* --columns FILE, or NULL */
    cc_fc_strings strings;       /* strings read from the mapping */
};

void cli_history_init(struct cli_history *h);

/*
 * Handles option `c` (value `arg`) when it is one of the shared flags:
 * returns 0 when handled, -1 when not a shared flag, or CLI_USAGE after
 * printing one line.
 */
int cli_history_option(struct cli_history *h, int c, const char *arg);

/*
 * Imports `path` with the collected settings; prints the summary (rows,
 * malformed rows with their lines) to stderr. Returns 0 or the exit code.
 */
int cli_history_import(struct cli_history *h, const char *path, cc_fc_history **out);

/* Frees what the settings hold. */
void cli_history_release(struct cli_history *h);

#endif
