/*
 * Option parsing shared by the ccsim subcommands: a getopt_long wrapper that
 * accepts long options only, written in full and at most once, and value
 * parsers for counts, numbers, durations, shares and choices. Every failure
 * prints exactly one line, "ccsim: error: --flag: what is wrong; allowed:
 * ...", so scripts and users always learn which flag to fix.
 */
#ifndef CCSIM_OPTIONS_H
#define CCSIM_OPTIONS_H

#include <getopt.h>
#include <stddef.h>

/* Option values in a command's table start here, clear of short option chars. */
#define CLI_OPT_BASE 256

/* Returned by cli_parser_next after it has printed a usage error. */
#define CLI_OPT_ERROR (-2)

/* The most options one command may declare. */
#define CLI_OPT_MAX 64

/* Parsing state for one command line. */
struct cli_parser {
    const char *command;             /* subcommand name, for hints in messages */
    const struct option *options;    /* getopt_long table, ends with a zero entry */
    int argc;                        /* argument count, argv[0] is the command */
    char **argv;                     /* arguments; getopt may permute them */
    unsigned char seen[CLI_OPT_MAX]; /* how often each table entry was given */
    const char *value;               /* value of the option just returned, or NULL */
};

/*
 * An interval of allowed values. Bounds are inclusive unless the *_open flag
 * is set; lo = -HUGE_VAL or hi = HUGE_VAL leaves that side unbounded.
 */
struct cli_range {
    double lo;          /* lower bound */
    double hi;          /* upper bound */
    int lo_open;        /* 1 when lo itself is not allowed */
    int hi_open;        /* 1 when hi itself is not allowed */
};

/* Prepares `p` for a fresh getopt_long scan of argv[1..argc-1]. */
void cli_parser_init(struct cli_parser *p, const char *command,
                     const struct option *options, int argc, char **argv);

/*
 * Returns the `val` of the next option (its value in p->value), -1 once all
 * options are read and no positional argument is left, or CLI_OPT_ERROR after
 * printing one line for an unknown, abbreviated, repeated or malformed
 * option, a missing value, or a positional argument.
 */
int cli_parser_next(struct cli_parser *p);

/* Whether the option with value `val` was given. */
int cli_parser_given(const struct cli_parser *p, int val);

/*
 * Prints "ccsim: error: --FLAG: MESSAGE" as one line; returns CLI_USAGE.
 * `flag` is the option name without dashes.
 */
int cli_flag_errorf(const char *flag, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports a required option that is missing; returns CLI_USAGE. */
int cli_flag_missing(const char *flag, const char *allowed);

/*
 * Value parsers. Each returns 0 and stores the value, or prints one line
 * naming `flag` and what is allowed and returns CLI_USAGE.
 * - count: a whole number in [min, max];
 * - number: a plain decimal number in `range`;
 * - duration: seconds, plain or with a unit (180, 180s, 3m, 1h, 2d), in `range`;
 * - share: a fraction (0.8) or a percentage (80%), in `range`;
 * - choice: one of the NULL-terminated `choices`, stored as its index.
 */
int cli_parse_count(const char *flag, const char *text, long min, long max, long *out);
int cli_parse_number(const char *flag, const char *text, struct cli_range range,
                     double *out);
int cli_parse_duration(const char *flag, const char *text, struct cli_range range,
                       double *out_s);
int cli_parse_share(const char *flag, const char *text, struct cli_range range,
                    double *out);
int cli_parse_choice(const char *flag, const char *text, const char *const *choices,
                     int *out);

/*
 * Writes `range` in words ("> 0", "in (0, 1]") into buf. Used to build the
 * "allowed:" part of messages and of --help.
 */
void cli_range_describe(struct cli_range range, char *buf, size_t size);

/*
 * Copies `text` into buf for quoting in a message: control and non-ASCII
 * bytes become \xNN and long text is cut with "...", so a message stays one
 * printable line whatever the user typed.
 */
void cli_quote(const char *text, char *buf, size_t size);

/*
 * Flushes stdout; on a write error prints one line and returns CLI_IO, so a
 * full disk or closed pipe is never reported as success.
 */
int cli_finish_stdout(void);

#endif
