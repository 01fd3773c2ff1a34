/*
 * Option parsing shared by the ccsim subcommands. getopt_long does the
 * scanning with its own messages off; this layer adds what it lacks for a
 * tool driven by scripts: abbreviations and repeated options are rejected
 * (a later release adding --agents-max must not change what --agents-m
 * means, and "--agents 10 --agents 12" is more likely a mistake than an
 * override), and every failure is one line naming the flag and what it allows.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

#define DURATION_FORMS "(180, 180s, 3m, 1h or 2d)"
#define SHARE_FORMS "(0.8 or 80%%)"

/* ---- messages ------------------------------------------------------------ */

void cli_quote(const char *text, char *buf, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    const size_t keep = 40; /* characters of user text shown before "..." */
    size_t used = 0, shown = 0;
    const unsigned char *s = (const unsigned char *)text;

    if (size == 0)
        return;
    for (; *s; s++, shown++) {
        char piece[5];
        size_t n;
        if (shown == keep) {
            if (used + 3 < size) {
                memcpy(buf + used, "...", 3);
                used += 3;
            }
            break;
        }
        if (*s < 0x20 || *s >= 0x7f || *s == '\\') {
            piece[0] = '\\';
            piece[1] = 'x';
            piece[2] = hex[*s >> 4];
            piece[3] = hex[*s & 15];
            n = 4;
        } else {
            piece[0] = (char)*s;
            n = 1;
        }
        if (used + n >= size)
            break;
        memcpy(buf + used, piece, n);
        used += n;
    }
    buf[used] = '\0';
}

int cli_flag_errorf(const char *flag, const char *fmt, ...)
{
    char msg[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, "ccsim: error: --%s: %s\n", flag, cc_text_printable(msg));
    return CLI_USAGE;
}

int cli_flag_missing(const char *flag, const char *allowed)
{
    return cli_flag_errorf(flag, "required but not given; allowed: %s", allowed);
}

void cli_range_describe(struct cli_range r, char *buf, size_t size)
{
    int has_lo = isfinite(r.lo), has_hi = isfinite(r.hi);

    if (has_lo && has_hi)
        snprintf(buf, size, "in %c%g, %g%c", r.lo_open ? '(' : '[', r.lo, r.hi,
                 r.hi_open ? ')' : ']');
    else if (has_lo)
        snprintf(buf, size, "%s %g", r.lo_open ? ">" : ">=", r.lo);
    else if (has_hi)
        snprintf(buf, size, "%s %g", r.hi_open ? "<" : "<=", r.hi);
    else
        snprintf(buf, size, "of any value");
}

static int in_range(double v, struct cli_range r)
{
    if (r.lo_open ? !(v > r.lo) : !(v >= r.lo))
        return 0;
    if (r.hi_open ? !(v < r.hi) : !(v <= r.hi))
        return 0;
    return 1;
}

int cli_parse_scale(const char *arg, struct cli_scale_text *text, cc_override *out)
{
    static const char *const allowed =
        "volume=F, aht=F, CHANNEL.volume=F or CHANNEL.aht=F with F a factor such as 1.3 "
        "or 130%, from 0 to 1000";
    const char *eq = strchr(arg, '='), *dot;
    char what[64], channel[64], q[200];
    double f;
    size_t len;

    cli_quote(arg, q, sizeof(q));
    if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(what))
        return cli_flag_errorf("scale", "'%s' is not WHAT=FACTOR; allowed: %s", q, allowed);
    len = (size_t)(eq - arg);
    memcpy(what, arg, len);
    what[len] = '\0';
    dot = strrchr(what, '.');
    if (dot) {
        snprintf(channel, sizeof(channel), "%.*s", (int)(dot - what), what);
        memmove(what, dot + 1, strlen(dot + 1) + 1);
    } else {
        snprintf(channel, sizeof(channel), "*");
    }
    if (!strcmp(what, "aht"))
        snprintf(what, sizeof(what), "handle_time");
    if (!channel[0] || (strcmp(what, "volume") != 0 && strcmp(what, "handle_time") != 0))
        return cli_flag_errorf("scale", "'%s': cannot scale that; allowed: %s", q, allowed);
    if (cc_parse_share(eq + 1, &f) != CC_OK || f > 1000.0)
        return cli_flag_errorf("scale", "'%s': not a factor; allowed: %s", q, allowed);
    snprintf(text->path, sizeof(text->path), "channels.%.60s.%.12s", channel, what);
    snprintf(text->value, sizeof(text->value), "*%.17g", f);
    out->path = text->path;
    out->value = text->value;
    return 0;
}

/*
 * The text without a leading minus sign, or NULL when there is none: lets a
 * parser that rejects signs say "out of range" for "-3m" instead of "not a
 * duration".
 */
static const char *after_minus(const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    return *text == '-' ? text + 1 : NULL;
}

/* Prints the standard message for a value that does not parse or fit. */
static int bad_value(const char *flag, const char *text, const char *problem,
                     const char *allowed)
{
    char q[200];
    cli_quote(text, q, sizeof(q));
    return cli_flag_errorf(flag, "'%s' %s; allowed: %s", q, problem, allowed);
}

/* ---- value parsers ------------------------------------------------------- */

int cli_parse_count(const char *flag, const char *text, long min, long max, long *out)
{
    char allowed[96];
    long v;
    double d;

    snprintf(allowed, sizeof(allowed), "a whole number from %ld to %ld", min, max);
    if (cc_parse_count(text, max, &v) == CC_OK) {
        if (v < min)
            return bad_value(flag, text, "is out of range", allowed);
        *out = v;
        return 0;
    }
    if (cc_parse_number(text, &d) != CC_OK)
        return bad_value(flag, text, "is not a number", allowed);
    if (d != floor(d))
        return bad_value(flag, text, "is not a whole number", allowed);
    if (d < (double)min || d > (double)max)
        return bad_value(flag, text, "is out of range", allowed);
    return bad_value(flag, text, "is not written in plain digits", allowed);
}

int cli_parse_number(const char *flag, const char *text, struct cli_range range,
                     double *out)
{
    char allowed[96], r[64];
    double v;

    cli_range_describe(range, r, sizeof(r));
    snprintf(allowed, sizeof(allowed), "a finite number %s", r);
    if (cc_parse_number(text, &v) != CC_OK)
        return bad_value(flag, text, "is not a finite number", allowed);
    if (!in_range(v, range))
        return bad_value(flag, text, "is out of range", allowed);
    *out = v;
    return 0;
}

int cli_parse_duration(const char *flag, const char *text, struct cli_range range,
                       double *out_s)
{
    char allowed[128], r[64];
    const char *unsigned_text;
    double v;

    cli_range_describe(range, r, sizeof(r));
    snprintf(allowed, sizeof(allowed), "a duration %s seconds " DURATION_FORMS, r);
    if (cc_parse_duration(text, &v) != CC_OK) {
        unsigned_text = after_minus(text);
        if (unsigned_text && cc_parse_duration(unsigned_text, &v) == CC_OK)
            return bad_value(flag, text, "is negative", allowed);
        return bad_value(flag, text, "is not a finite duration", allowed);
    }
    if (!in_range(v, range))
        return bad_value(flag, text, "is out of range", allowed);
    *out_s = v;
    return 0;
}

int cli_parse_share(const char *flag, const char *text, struct cli_range range,
                    double *out)
{
    char allowed[128], r[64];
    const char *unsigned_text;
    double v;

    cli_range_describe(range, r, sizeof(r));
    snprintf(allowed, sizeof(allowed), "a share %s " SHARE_FORMS, r);
    if (cc_parse_share(text, &v) != CC_OK) {
        unsigned_text = after_minus(text);
        if (unsigned_text && cc_parse_share(unsigned_text, &v) == CC_OK)
            return bad_value(flag, text, "is negative", allowed);
        return bad_value(flag, text, "is not a share", allowed);
    }
    if (!in_range(v, range))
        return bad_value(flag, text, "is out of range", allowed);
    *out = v;
    return 0;
}

int cli_parse_choice(const char *flag, const char *text, const char *const *choices,
                     int *out)
{
    char allowed[256];
    size_t used = 0;
    int i;

    for (i = 0; choices[i]; i++)
        if (!strcmp(text, choices[i])) {
            *out = i;
            return 0;
        }
    allowed[0] = '\0';
    for (i = 0; choices[i]; i++) {
        int n = snprintf(allowed + used, sizeof(allowed) - used, "%s%s", i ? ", " : "",
                         choices[i]);
        if (n < 0 || (size_t)n >= sizeof(allowed) - used)
            break;
        used += (size_t)n;
    }
    return bad_value(flag, text, "is not a known choice", allowed);
}

/* ---- option scanning ----------------------------------------------------- */

/*
 * The closest option name to `typed`, or NULL when none is close (the
 * library's did-you-mean for flags: a name it begins, or one within a third
 * of its length in edits, so "agnets" finds "agents" but "x" finds nothing).
 */
static const char *suggest(const struct option *options, const char *typed)
{
    const char *names[CLI_OPT_MAX];
    size_t n = 0;

    while (options[n].name && n < CLI_OPT_MAX) {
        names[n] = options[n].name;
        n++;
    }
    return cc_suggest_flag(typed, names, n);
}

static const char *name_of(const struct option *options, int val)
{
    size_t i;
    for (i = 0; options[i].name; i++)
        if (options[i].val == val)
            return options[i].name;
    return "?";
}

void cli_parser_init(struct cli_parser *p, const char *command,
                     const struct option *options, int argc, char **argv)
{
    size_t n = 0;

    while (options[n].name)
        n++;
    assert(n <= CLI_OPT_MAX);
    (void)n;
    memset(p, 0, sizeof(*p));
    p->command = command;
    p->options = options;
    p->argc = argc;
    p->argv = argv;
    /* glibc: 0, not 1, re-initialises the scanner, including permutation. */
    optind = 0;
    opterr = 0;
}

/*
 * The argument the user typed for the option getopt_long just returned:
 * "--agents=14" as one argument, or "--agents" followed by "14".
 */
static const char *typed_token(const struct cli_parser *p)
{
    if (optarg && optind >= 2 && optarg == p->argv[optind - 1])
        return p->argv[optind - 2];
    return p->argv[optind - 1];
}

/* Copies the option name of `token` ("--name=value") without "--" or value. */
static void token_name(const char *token, char *buf, size_t size)
{
    char raw[128];
    size_t n = 0;

    if (!strncmp(token, "--", 2))
        token += 2;
    while (token[n] && token[n] != '=' && n + 1 < sizeof(raw)) {
        raw[n] = token[n];
        n++;
    }
    raw[n] = '\0';
    cli_quote(raw, buf, size);
}

static int unknown_option(const struct cli_parser *p)
{
    char name[200];
    const char *near;

    if (optopt > 0 && optopt < CLI_OPT_BASE) {
        /*
         * No command has short options, so the first letter of a single-dash
         * word is the one rejected. getopt has moved past the word only when
         * it was that one letter long.
         */
        const char *tok = NULL, *cand;
        if (optind < p->argc) {
            cand = p->argv[optind];
            if (cand[0] == '-' && cand[1] == optopt && cand[2])
                tok = cand;
        }
        if (!tok)
            tok = p->argv[optind - 1];
        cli_quote(tok, name, sizeof(name));
        near = suggest(p->options, name + 1);
        if (near)
            cli_errorf("%s: unknown option (did you mean --%s?); allowed: long options "
                       "only, as listed by 'ccsim %s --help'", name, near, p->command);
        else
            cli_errorf("%s: unknown option; allowed: long options only, as listed by "
                       "'ccsim %s --help'", name, p->command);
        return CLI_OPT_ERROR;
    }
    token_name(p->argv[optind - 1], name, sizeof(name));
    near = suggest(p->options, name);
    if (near)
        cli_flag_errorf(name, "unknown option (did you mean --%s?); allowed: the options "
                        "listed by 'ccsim %s --help'", near, p->command);
    else
        cli_flag_errorf(name, "unknown option; allowed: the options listed by "
                        "'ccsim %s --help'", p->command);
    return CLI_OPT_ERROR;
}

/* Whether `token` ("--name" or "--name=value") names `name` only by a prefix. */
static int is_abbreviation(const char *token, const char *name)
{
    size_t len = strlen(name);
    return strncmp(token, "--", 2) || strncmp(token + 2, name, len) ||
           (token[2 + len] != '\0' && token[2 + len] != '=');
}

static int abbreviation_error(const char *token, const char *name)
{
    char q[200];
    token_name(token, q, sizeof(q));
    cli_flag_errorf(q, "abbreviated option; allowed: the full name --%s", name);
    return CLI_OPT_ERROR;
}

int cli_parser_next(struct cli_parser *p)
{
    int idx = -1, c;
    const char *tok, *name;
    char q[200];

    c = getopt_long(p->argc, p->argv, ":", p->options, &idx);
    if (c == -1) {
        p->first_positional = optind;
        if (p->argc - optind > p->max_positional) {
            cli_quote(p->argv[optind], q, sizeof(q));
            if (p->max_positional > 0)
                cli_errorf("'%s': unexpected argument; allowed: %d argument%s and the options "
                           "listed by 'ccsim %s --help'", q, p->max_positional,
                           p->max_positional > 1 ? "s" : "", p->command);
            else
                cli_errorf("'%s': unexpected argument; allowed: options only, as listed by "
                           "'ccsim %s --help'", q, p->command);
            return CLI_OPT_ERROR;
        }
        return -1;
    }
    if (c == ':') {
        name = name_of(p->options, optopt);
        if (is_abbreviation(p->argv[optind - 1], name))
            return abbreviation_error(p->argv[optind - 1], name);
        cli_flag_errorf(name, "missing value; allowed: --%s VALUE or --%s=VALUE", name,
                        name);
        return CLI_OPT_ERROR;
    }
    if (c == '?') {
        if (optopt >= CLI_OPT_BASE) {
            name = name_of(p->options, optopt);
            cli_flag_errorf(name, "takes no value; allowed: --%s alone", name);
            return CLI_OPT_ERROR;
        }
        return unknown_option(p);
    }
    assert(idx >= 0 && idx < CLI_OPT_MAX);
    name = p->options[idx].name;
    tok = typed_token(p);
    if (is_abbreviation(tok, name))
        return abbreviation_error(tok, name);
    if (p->seen[idx] && !p->repeatable[idx]) {
        cli_flag_errorf(name, "given more than once; allowed: once");
        return CLI_OPT_ERROR;
    }
    p->seen[idx] = 1;
    p->value = optarg;
    return c;
}

void cli_parser_repeatable(struct cli_parser *p, int val)
{
    size_t i;
    for (i = 0; p->options[i].name && i < CLI_OPT_MAX; i++)
        if (p->options[i].val == val)
            p->repeatable[i] = 1;
}

void cli_parser_positional(struct cli_parser *p, int n)
{
    p->max_positional = n;
}

int cli_parser_given(const struct cli_parser *p, int val)
{
    size_t i;
    for (i = 0; p->options[i].name; i++)
        if (p->options[i].val == val)
            return p->seen[i] != 0;
    return 0;
}

int cli_finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_errorf("cannot write the output: %s", strerror(errno));
        return CLI_IO;
    }
    return CLI_OK;
}
