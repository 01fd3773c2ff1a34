/*
 * ccsim compare NEW BASELINE: every metric side by side with its change and a
 * verdict, as text, Markdown, JSON or JUnit XML. Exit 0 when nothing
 * regressed, 1 on a regression, 2 when the two cannot be compared.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cc_compare.h"
#include "cli.h"

enum compare_format { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_JSON, FORMAT_JUNIT };

static void compare_usage(FILE *out)
{
    fputs("usage: ccsim compare NEW BASELINE [options]\n"
          "\n"
          "Compares two results (summary.json files or result folders) metric by metric.\n"
          "A metric regresses when it moves the wrong way by more than its tolerance:\n"
          "by default, beyond the 95% confidence interval of the difference (paired over\n"
          "replications when both runs used the same seed).\n"
          "\n"
          "options:\n"
          "  --tolerance T          default tolerance: statistical, exact, abs:X, rel:X\n"
          "  --metric PATTERN=T     tolerance for metrics matching a glob, e.g.\n"
          "                         'channels.*.service_level=abs:0.01' (repeatable)\n"
          "  --tolerance-file FILE  YAML with 'default:' and 'metrics: {PATTERN: T}'\n"
          "  --exact                any difference is a regression (same as --tolerance exact)\n"
          "  --format F             text (default), markdown, json, junit\n"
          "  --all                  list unchanged metrics too\n"
          "\n"
          "Exit codes: 0 no regression, 1 regression, 2 cannot compare (different\n"
          "scenarios, missing metrics, unreadable input).\n",
          out);
}

static const char *tolerance_text(const cc_tolerance *t, char *buf, size_t cap)
{
    switch (t->kind) {
    case CC_TOL_STATISTICAL: return "ci95";
    case CC_TOL_EXACT: return "exact";
    case CC_TOL_ABSOLUTE: snprintf(buf, cap, "abs %.6g", t->value); return buf;
    case CC_TOL_RELATIVE: snprintf(buf, cap, "rel %.6g", t->value); return buf;
    }
    return "?";
}

static int row_shown(const cc_compare_row *row, int all)
{
    return all || row->verdict != CC_VERDICT_SAME;
}

static void print_number(FILE *out, double v)
{
    if (isnan(v))
        fprintf(out, "%14s", "-");
    else
        fprintf(out, "%14.6g", v);
}

static void print_text(FILE *out, const cc_compare_report *r, int all)
{
    size_t i, width = 6;
    char buf[64];

    for (i = 0; i < r->n_rows; i++)
        if (row_shown(&r->rows[i], all) && strlen(r->rows[i].metric) > width)
            width = strlen(r->rows[i].metric);
    fprintf(out, "%-*s %14s %14s %14s %14s  %s\n", (int)width, "metric", "new", "baseline",
            "change", "allowed", "verdict");
    for (i = 0; i < r->n_rows; i++) {
        const cc_compare_row *row = &r->rows[i];
        if (!row_shown(row, all))
            continue;
        fprintf(out, "%-*s ", (int)width, row->metric);
        print_number(out, row->new_value);
        putc(' ', out);
        print_number(out, row->base_value);
        putc(' ', out);
        print_number(out, row->delta);
        putc(' ', out);
        print_number(out, row->allowed);
        {
            int bad = row->verdict == CC_VERDICT_REGRESSED || row->verdict == CC_VERDICT_MISSING;
            int good = row->verdict == CC_VERDICT_IMPROVED;
            fprintf(out, "  %s%s%s (%s%s)\n",
                    bad ? cli_colour(out, CLI_COLOUR_BAD)
                        : good ? cli_colour(out, CLI_COLOUR_GOOD) : "",
                    cc_verdict_name(row->verdict),
                    bad || good ? cli_colour(out, CLI_COLOUR_RESET) : "",
                    tolerance_text(&row->tolerance, buf, sizeof(buf)),
                    row->paired ? ", paired" : "");
        }
    }
}

static void print_markdown(FILE *out, const cc_compare_report *r, int all)
{
    size_t i;
    char buf[64];

    fprintf(out, "### ccsim compare: %s\n\n", r->scenario_new);
    fputs("| metric | new | baseline | change | allowed | verdict |\n"
          "|---|---:|---:|---:|---:|---|\n",
          out);
    for (i = 0; i < r->n_rows; i++) {
        const cc_compare_row *row = &r->rows[i];
        if (!row_shown(row, all))
            continue;
        fprintf(out, "| `%s` | %.6g | %.6g | %+.6g | %.6g | %s%s (%s) |\n", row->metric,
                row->new_value, row->base_value, row->delta, row->allowed,
                row->verdict == CC_VERDICT_REGRESSED ? "**" : "", cc_verdict_name(row->verdict),
                tolerance_text(&row->tolerance, buf, sizeof(buf)));
    }
    fputc('\n', out);
}

static json_t *number_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static void print_json(FILE *out, const cc_compare_report *r, int all)
{
    json_t *doc = json_object(), *rows = json_array();
    size_t i;
    char buf[64];

    json_object_set_new(doc, "scenario", json_string(r->scenario_new));
    json_object_set_new(doc, "scenario_changed", json_boolean(r->scenario_changed));
    json_object_set_new(doc, "regressions", json_integer((json_int_t)r->n_regressed));
    json_object_set_new(doc, "missing", json_integer((json_int_t)r->n_missing));
    json_object_set_new(doc, "improvements", json_integer((json_int_t)r->n_improved));
    for (i = 0; i < r->n_rows; i++) {
        const cc_compare_row *row = &r->rows[i];
        json_t *o;
        if (!row_shown(row, all))
            continue;
        o = json_object();
        json_object_set_new(o, "metric", json_string(row->metric));
        json_object_set_new(o, "new", number_or_null(row->new_value));
        json_object_set_new(o, "baseline", number_or_null(row->base_value));
        json_object_set_new(o, "change", number_or_null(row->delta));
        json_object_set_new(o, "allowed", number_or_null(row->allowed));
        json_object_set_new(o, "tolerance",
                            json_string(tolerance_text(&row->tolerance, buf, sizeof(buf))));
        json_object_set_new(o, "paired", json_boolean(row->paired));
        json_object_set_new(o, "verdict", json_string(cc_verdict_name(row->verdict)));
        json_array_append_new(rows, o);
    }
    json_object_set_new(doc, "metrics", rows);
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    fputc('\n', out);
    json_decref(doc);
}

static void xml_escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

static void print_junit(FILE *out, const cc_compare_report *r)
{
    size_t i, failures = r->n_regressed + r->n_missing;

    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    fprintf(out, "  <testsuite name=\"ccsim compare ");
    xml_escaped(out, r->scenario_new);
    fprintf(out, "\" tests=\"%zu\" failures=\"%zu\">\n", r->n_rows, failures);
    for (i = 0; i < r->n_rows; i++) {
        const cc_compare_row *row = &r->rows[i];
        fputs("    <testcase classname=\"", out);
        xml_escaped(out, r->scenario_new);
        fputs("\" name=\"", out);
        xml_escaped(out, row->metric);
        fputs("\"", out);
        if (row->verdict == CC_VERDICT_REGRESSED || row->verdict == CC_VERDICT_MISSING)
            fprintf(out, ">\n      <failure message=\"%s: new %.6g, baseline %.6g, change %+.6g, "
                         "allowed %.6g\"/>\n    </testcase>\n",
                    cc_verdict_name(row->verdict), row->new_value, row->base_value, row->delta,
                    row->allowed);
        else
            fputs("/>\n", out);
    }
    fputs("  </testsuite>\n</testsuites>\n", out);
}

static int parse_format(const char *s, enum compare_format *f)
{
    if (!strcmp(s, "text")) *f = FORMAT_TEXT;
    else if (!strcmp(s, "markdown")) *f = FORMAT_MARKDOWN;
    else if (!strcmp(s, "json")) *f = FORMAT_JSON;
    else if (!strcmp(s, "junit")) *f = FORMAT_JUNIT;
    else return 0;
    return 1;
}

int cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"tolerance", required_argument, NULL, 't'},
        {"metric", required_argument, NULL, 'm'},
        {"tolerance-file", required_argument, NULL, 'f'},
        {"exact", no_argument, NULL, 'x'},
        {"format", required_argument, NULL, 'F'},
        {"all", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cc_compare_options options = {{CC_TOL_STATISTICAL, 0.0}, NULL, 0};
    enum compare_format format = FORMAT_TEXT;
    cc_compare_report *report = NULL;
    cc_error err;
    int all = 0, c, rc = CLI_USAGE;
    size_t i;

    opterr = 0;
    optind = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (cc_tolerance_parse(optarg, &options.default_tolerance) != CC_OK) {
                cli_errorf("--tolerance: invalid value '%s'; allowed: statistical, exact, "
                           "abs:X, rel:X", optarg);
                goto out;
            }
            break;
        case 'm': {
            char *eq = strrchr(optarg, '=');
            cc_tolerance tol;
            if (!eq || eq == optarg || cc_tolerance_parse(eq + 1, &tol) != CC_OK) {
                cli_errorf("--metric: invalid value '%s'; expected PATTERN=TOLERANCE, e.g. "
                           "'channels.*.service_level=abs:0.01'", optarg);
                goto out;
            }
            *eq = '\0';
            cc_compare_options_add_rule(&options, optarg, tol);
            *eq = '=';
            break;
        }
        case 'f':
            if (cc_compare_options_load(&options, optarg, &err) != CC_OK) {
                cli_print_error(&err);
                goto out;
            }
            break;
        case 'x': options.default_tolerance.kind = CC_TOL_EXACT; break;
        case 'F':
            if (!parse_format(optarg, &format)) {
                cli_errorf("--format: invalid value '%s'; allowed: text, markdown, json, junit",
                           optarg);
                goto out;
            }
            break;
        case 'a': all = 1; break;
        case 'h':
            compare_usage(stdout);
            rc = CLI_OK;
            goto out;
        case ':':
            cli_errorf("%s: missing value; run 'ccsim compare --help'", argv[optind - 1]);
            goto out;
        default:
            cli_errorf("unknown option '%s'; run 'ccsim compare --help'", argv[optind - 1]);
            goto out;
        }
    }
    if (argc - optind != 2) {
        cli_errorf("expected two results, NEW and BASELINE; run 'ccsim compare --help'");
        goto out;
    }
    if (cc_compare_files(argv[optind], argv[optind + 1], &options, &report, &err) != CC_OK) {
        cli_print_error(&err);
        goto out;
    }
    switch (format) {
    case FORMAT_TEXT: print_text(stdout, report, all); break;
    case FORMAT_MARKDOWN: print_markdown(stdout, report, all); break;
    case FORMAT_JSON: print_json(stdout, report, all); break;
    case FORMAT_JUNIT: print_junit(stdout, report); break;
    }
    if (report->scenario_changed)
        fprintf(stderr, "ccsim: note: the scenario '%s' differs from the baseline's (sha256)\n",
                report->scenario_new);
    if (report->n_missing) {
        for (i = 0; i < report->n_rows; i++)
            if (report->rows[i].verdict == CC_VERDICT_MISSING)
                cli_errorf("metric '%s' is in the baseline but missing from '%s'",
                           report->rows[i].metric, argv[optind]);
        rc = CLI_USAGE;
        goto out;
    }
    if (format == FORMAT_TEXT)
        printf("%zu metrics compared, %zu regressed, %zu improved\n", report->n_rows,
               report->n_regressed, report->n_improved);
    rc = report->n_regressed ? CLI_CHECK : CLI_OK;
out:
    cc_compare_report_free(report);
    cc_compare_options_release(&options);
    return rc;
}
