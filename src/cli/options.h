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

#include "cc_scenario.h"

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
    unsigned char repeatable[CLI_OPT_MAX]; /* entries that may be given more than once */
    int max_positional;              /* positional arguments allowed (0 by default) */
    int first_positional;            /* argv index of the first one once -1 is returned */
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
 * Lets the option with value `val` be given more than once (--set, --metric,
 * --scale); every other option may be given once only.
 */
void cli_parser_repeatable(struct cli_parser *p, int val);

/*
 * Allows up to `n` positional arguments (scenario files, results), in any
 * place among the options; once cli_parser_next returns -1 they are
 * argv[first_positional .. argc-1]. The command checks their number.
 */
void cli_parser_positional(struct cli_parser *p, int n);

/*
 * Returns the `val` of the next option (its value in p->value), -1 once all
 * options are read, or CLI_OPT_ERROR after printing one line for an
 * unknown, abbreviated, repeated (unless cli_parser_repeatable) or malformed
 * option, a missing value, or more positional arguments than allowed.
 * This is the one grammar of every subcommand: long options only, written
 * in full, as --name VALUE or --name=VALUE.
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
 * --scale WHAT=F for run, plan and sweep: WHAT is `volume` or `aht` (also
 * `handle_time`) for every channel, or CHANNEL.volume / CHANNEL.aht for one;
 * F a factor (1.3) or a percentage (130%), from 0 to 1000. Fills `text` and
 * makes *out the override that multiplies the scenario's own values
 * ("channels.*.volume" = "*1.3"; see the scenario loader). Returns 0, or
 * prints one line naming --scale and returns CLI_USAGE.
 */
struct cli_scale_text {
    char path[96];      /* channels.NAME.volume */
    char value[48];     /* *F */
};
int cli_parse_scale(const char *arg, struct cli_scale_text *text, cc_override *out);

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
