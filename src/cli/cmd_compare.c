/*
 * ccsim compare NEW BASELINE: a decision summary first (FTE and cost per week
 * and per contact; per channel service level, ASA, abandonment and
 * attainment by scope; each with its change and whether it is better or
 * worse), then every changed metric with its verdict, as text, Markdown,
 * JSON or JUnit XML. Exit 0 when nothing regressed, 1 on a regression, 2 when the two
 * cannot be compared.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cc_compare.h"
#include "cc_units.h"
#include "cli.h"
#include "options.h"

enum compare_format { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_JSON, FORMAT_JUNIT };

static void compare_usage(FILE *out)
{
    fputs("usage: ccsim compare NEW BASELINE [options]\n"
          "\n"
          "Compares two results of the same scenario and kind (two runs or two plans;\n"
          "summary.json files or result folders). It starts with a decision summary: FTE,\n"
          "total cost per week and per contact; then per channel the service level\n"
          "(pooled, with its 95% CI), ASA, abandonment and the share of intervals, days\n"
          "and weeks meeting the target; each with its change and whether it is better or\n"
          "worse beyond its tolerance. Then every metric that moved beyond its tolerance.\n"
          "\n"
          "A metric regresses when it moves the wrong way by more than its tolerance.\n"
          "Counts that follow the volume (offered, answered, abandoned...) have no\n"
          "direction; their rates do. Default tolerance (auto): beyond the 95% confidence\n"
          "interval of the difference (paired over replications when both runs used the\n"
          "same seed); 1% of the baseline for figures without an interval (plan figures,\n"
          "costs); 10 percentage points for the attainment shares.\n"
          "\n"
          "options:\n"
          "  --tolerance T          default tolerance: auto, statistical, exact, abs:X, rel:X\n"
          "                         (rel:X against a zero baseline: the interval, or X)\n"
          "  --metric PATTERN=T     tolerance for metrics matching a glob, e.g.\n"
          "                         'channels.*.service_level=abs:0.01' (repeatable)\n"
          "  --tolerance-file FILE  YAML with 'default:' and 'metrics: {PATTERN: T}'\n"
          "  --exact                any difference is a regression (same as --tolerance exact)\n"
          "  --format F             text (default), markdown, json, junit\n"
          "  --summary              the decision summary alone\n"
          "  --all                  list every metric, also those within tolerance or\n"
          "                         unchanged (by default the detail lists those that\n"
          "                         moved beyond their tolerance)\n"
          "  --help                 show this help\n"
          "\n"
          "Exit codes: 0 no regression, 1 regression, 2 cannot compare (different\n"
          "scenarios or kinds, missing metrics, unreadable input).\n",
          out);
}

static const char *tolerance_text(const cc_tolerance *t, char *buf, size_t cap)
{
    switch (t->kind) {
    case CC_TOL_AUTO: return "auto";
    case CC_TOL_STATISTICAL: return "ci95";
    case CC_TOL_EXACT: return "exact";
    case CC_TOL_ABSOLUTE: snprintf(buf, cap, "abs %.6g", t->value); return buf;
    case CC_TOL_RELATIVE: snprintf(buf, cap, "rel %.6g", t->value); return buf;
    }
    return "?";
}

/*
 * The detail lists what moved beyond its tolerance (better, worse, changed,
 * missing, added); --all adds the metrics within tolerance and unchanged.
 */
static int row_shown(const cc_compare_row *row, int all)
{
    return all || (row->verdict != CC_VERDICT_SAME && row->verdict != CC_VERDICT_WITHIN);
}

/* ---- decision summary: figures in the unit that reads ---------------------- */

enum unit { UNIT_SHARE, UNIT_DURATION, UNIT_FTE, UNIT_MONEY, UNIT_MONEY_CENTS };

/* A decision word for a row: better, worse, within tolerance, same, changed. */
static const char *decision_word(const cc_compare_row *row);

/* The same, short enough for a table cell. */
static const char *short_word(const cc_compare_row *row);

static const char *decision_word(const cc_compare_row *row)
{
    switch (row->verdict) {
    case CC_VERDICT_SAME: return "same";
    case CC_VERDICT_WITHIN: return "within tolerance";
    case CC_VERDICT_IMPROVED: return "better";
    case CC_VERDICT_REGRESSED: return "worse";
    case CC_VERDICT_CHANGED: return "changed";
    case CC_VERDICT_MISSING: return "missing";
    case CC_VERDICT_ADDED: return "added";
    }
    return "?";
}

/* The same, short enough for a table cell. */
static const char *short_word(const cc_compare_row *row)
{
    return row->verdict == CC_VERDICT_WITHIN ? "within tol." : decision_word(row);
}

/* The worse of two verdicts for a combined cell: regressed > improved > within > same. */
static int verdict_rank(cc_verdict v)
{
    switch (v) {
    case CC_VERDICT_REGRESSED: return 4;
    case CC_VERDICT_IMPROVED: return 3;
    case CC_VERDICT_CHANGED: return 2;
    case CC_VERDICT_WITHIN: return 1;
    default: return 0;
    }
}

static void fmt_value(char *buf, size_t cap, double v, enum unit u, const char *cur)
{
    if (!isfinite(v)) {
        snprintf(buf, cap, "n/a");
        return;
    }
    switch (u) {
    case UNIT_SHARE: snprintf(buf, cap, "%.1f%%", 100.0 * v); break;
    case UNIT_DURATION: cc_format_duration(v, buf, cap); break;
    case UNIT_FTE: snprintf(buf, cap, "%.1f", v); break;
    case UNIT_MONEY: snprintf(buf, cap, "%.0f%s%s", v, *cur ? " " : "", cur); break;
    case UNIT_MONEY_CENTS: snprintf(buf, cap, "%.2f%s%s", v, *cur ? " " : "", cur); break;
    }
}

static void fmt_change(char *buf, size_t cap, double d, enum unit u, const char *cur)
{
    char t[32];
    if (!isfinite(d)) {
        snprintf(buf, cap, "n/a");
        return;
    }
    switch (u) {
    case UNIT_SHARE: snprintf(buf, cap, "%+.1f pp", 100.0 * d); break;
    case UNIT_DURATION:
        cc_format_duration(fabs(d), t, sizeof t);
        snprintf(buf, cap, "%c%s", d < 0 ? '-' : '+', t);
        break;
    case UNIT_FTE: snprintf(buf, cap, "%+.1f", d); break;
    case UNIT_MONEY: snprintf(buf, cap, "%+.0f%s%s", d, *cur ? " " : "", cur); break;
    case UNIT_MONEY_CENTS: snprintf(buf, cap, "%+.2f%s%s", d, *cur ? " " : "", cur); break;
    }
}

/* "78.1% ± 0.4, -3.6 pp worse" for one channel figure; "n/a" when either side lacks it. */
static void channel_cell(char *buf, size_t cap, const cc_compare_row *row,
                         const cc_compare_row *ci, enum unit u)
{
    char v[48], d[48], hw[32] = "";
    if (!row) {
        snprintf(buf, cap, "n/a");
        return;
    }
    if (!ci)
        ci = row;
    fmt_value(v, sizeof v, row->new_value, u, "");
    if (ci->has_ci && u == UNIT_SHARE)
        snprintf(hw, sizeof hw, " ± %.1f", 100.0 * ci->new_half_width);
    fmt_change(d, sizeof d, row->new_value - row->base_value, u, "");
    snprintf(buf, cap, "%.40s%.20s, %.40s %.20s", v, hw, d, short_word(ci));
}

/* "61/50/40%, -10/-20/-40 pp worse" for the attainment shares. */
static void attain_cell(char *buf, size_t cap, const cc_compare_row *const a[3])
{
    char v[64] = "", d[64] = "";
    size_t k, lv = 0, ld = 0;
    const cc_compare_row *worst = NULL;
    for (k = 0; k < 3; k++) {
        const char *sep = k ? "/" : "";
        if (a[k]) {
            lv += (size_t)snprintf(v + lv, sizeof v - lv, "%s%.0f", sep, 100.0 * a[k]->new_value);
            ld += (size_t)snprintf(d + ld, sizeof d - ld, "%s%+.0f", sep,
                                   100.0 * (a[k]->new_value - a[k]->base_value));
            if (!worst || verdict_rank(a[k]->verdict) > verdict_rank(worst->verdict))
                worst = a[k];
        } else {
            lv += (size_t)snprintf(v + lv, sizeof v - lv, "%s-", sep);
            ld += (size_t)snprintf(d + ld, sizeof d - ld, "%s-", sep);
        }
        if (lv >= sizeof v || ld >= sizeof d)
            break;
    }
    if (!worst)
        snprintf(buf, cap, "n/a");
    else
        snprintf(buf, cap, "%.60s%%, %.60s pp %.20s", v, d, short_word(worst));
}

/* Prints `text` left-aligned in `width` columns, counting UTF-8 characters, then a space. */
static void cell(FILE *out, const char *text, int width)
{
    int shown = 0;
    const unsigned char *p;
    for (p = (const unsigned char *)text; *p; p++)
        shown += (*p & 0xC0) != 0x80;
    fputs(text, out);
    for (; shown < width; shown++)
        fputc(' ', out);
    fputc(' ', out);
}

struct total_line {
    const char *label;
    const cc_compare_row *row;
    enum unit unit;
};

static void totals_of(const cc_compare_summary *sum, struct total_line t[3])
{
    t[0] = (struct total_line){"FTE (paid, per week)", sum->fte, UNIT_FTE};
    t[1] = (struct total_line){"total cost per week", sum->cost_week, UNIT_MONEY};
    t[2] = (struct total_line){"cost per contact", sum->cost_contact, UNIT_MONEY_CENTS};
}

/* A total's cells, as both summaries show them: new value, baseline, change. */
static void total_cells(const struct total_line *t, const char *currency, char cells[3][160])
{
    fmt_value(cells[0], sizeof cells[0], t->row->new_value, t->unit, currency);
    fmt_value(cells[1], sizeof cells[1], t->row->base_value, t->unit, currency);
    fmt_change(cells[2], sizeof cells[2], t->row->delta, t->unit, currency);
}

/* A channel's cells: service level with its interval, ASA, abandonment, attainment. */
static void channel_cells(const cc_compare_summary_channel *ch, char cells[4][160])
{
    channel_cell(cells[0], sizeof cells[0], ch->sl, ch->sl_ci, UNIT_SHARE);
    channel_cell(cells[1], sizeof cells[1], ch->asa, NULL, UNIT_DURATION);
    channel_cell(cells[2], sizeof cells[2], ch->abandon, NULL, UNIT_SHARE);
    attain_cell(cells[3], sizeof cells[3], ch->attain);
}

static const char *pairing_text(const cc_compare_report *r)
{
    return r->seeds_differ ? "different seeds: independent intervals"
                           : "same seed: paired over replications where both give them";
}

/* Text as typed or read, control bytes shown as '?': they never reach the terminal. */
static void put_printable(FILE *out, const char *text)
{
    for (; *text; text++)
        fputc((unsigned char)*text < 0x20 || *text == 0x7f ? '?' : *text, out);
}

static void print_summary_text(FILE *out, const cc_compare_report *r,
                               const cc_compare_summary *sum, const char *new_path,
                               const char *base_path)
{
    struct total_line t[3];
    char x[4][160];
    size_t i;

    fprintf(out, "What-if summary: %s of ", r->kind);
    put_printable(out, r->scenario_new);
    fputs(", new '", out);
    put_printable(out, new_path);
    fputs("' against baseline '", out);
    put_printable(out, base_path);
    fprintf(out, "' (%s)\n", pairing_text(r));
    /* Staffing and money first: what the decision costs; then what it buys. */
    totals_of(sum, t);
    for (i = 0; i < 3; i++) {
        if (!t[i].row)
            continue;
        total_cells(&t[i], r->currency, x);
        fprintf(out, "%-24s %16s (baseline %s)  %s %s\n", t[i].label, x[0], x[1], x[2],
                decision_word(t[i].row));
    }
    if (sum->n_channels) {
        cell(out, "channel", 12);
        cell(out, "SL (pooled ± 95% CI), change", 32);
        cell(out, "ASA, change", 30);
        cell(out, "abandon, change", 31);
        fputs("meeting target: intervals/days/weeks\n", out);
        for (i = 0; i < sum->n_channels; i++) {
            const cc_compare_summary_channel *ch = &sum->channels[i];
            channel_cells(ch, x);
            cell(out, ch->name, 12);
            cell(out, x[0], 32);
            cell(out, x[1], 30);
            cell(out, x[2], 31);
            fprintf(out, "%s\n", x[3]);
        }
    }

    fprintf(out, "%zu metrics compared: %zu worse beyond tolerance (regressions), %zu better\n",
            r->n_rows, r->n_regressed, r->n_improved);
}

static void print_summary_markdown(FILE *out, const cc_compare_report *r,
                                   const cc_compare_summary *sum)
{
    struct total_line t[3];
    char x[4][160];
    size_t i;

    fprintf(out, "Decision summary (%s of `%s`, %s): %zu worse beyond tolerance, %zu better.\n\n",
            r->kind, r->scenario_new, pairing_text(r), r->n_regressed, r->n_improved);
    totals_of(sum, t);
    if (sum->fte || sum->cost_week || sum->cost_contact) {
        fputs("| total | new | baseline | change | verdict |\n|---|---:|---:|---:|---|\n", out);
        for (i = 0; i < 3; i++) {
            if (!t[i].row)
                continue;
            total_cells(&t[i], r->currency, x);
            fprintf(out, "| %s | %s | %s | %s | %s |\n", t[i].label, x[0], x[1], x[2],
                    decision_word(t[i].row));
        }
        fputc('\n', out);
    }
    if (sum->n_channels) {
        fputs("| channel | SL (pooled ± 95% CI), change | ASA, change | abandon, change | "
              "meeting target: intervals/days/weeks |\n|---|---|---|---|---|\n",
              out);
        for (i = 0; i < sum->n_channels; i++) {
            const cc_compare_summary_channel *ch = &sum->channels[i];
            channel_cells(ch, x);
            fprintf(out, "| %s | %s | %s | %s | %s |\n", ch->name, x[0], x[1], x[2], x[3]);
        }
        fputc('\n', out);
    }
}

/* ---- detail -------------------------------------------------------------- */

static void print_number(FILE *out, double v)
{
    if (!isfinite(v))
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

/* A Markdown table cell number: "–" when not defined, never "nan". */
static void md_number(FILE *out, const char *format, double v)
{
    if (!isfinite(v)) {
        fputs(" – |", out);
        return;
    }
    fputc(' ', out);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    fprintf(out, format, v);
#pragma GCC diagnostic pop
    fputs(" |", out);
}

static void print_markdown(FILE *out, const cc_compare_report *r, int all)
{
    size_t i;
    char buf[64];

    fputs("| metric | new | baseline | change | allowed | verdict |\n"
          "|---|---:|---:|---:|---:|---|\n",
          out);
    for (i = 0; i < r->n_rows; i++) {
        const cc_compare_row *row = &r->rows[i];
        int bold = row->verdict == CC_VERDICT_REGRESSED || row->verdict == CC_VERDICT_MISSING;
        if (!row_shown(row, all))
            continue;
        fprintf(out, "| `%s` |", row->metric);
        md_number(out, "%.6g", row->new_value);
        md_number(out, "%.6g", row->base_value);
        md_number(out, "%+.6g", row->delta);
        md_number(out, "%.6g", row->allowed);
        fprintf(out, " %s%s%s (%s) |\n", bold ? "**" : "", cc_verdict_name(row->verdict),
                bold ? "**" : "", tolerance_text(&row->tolerance, buf, sizeof(buf)));
    }
    fputc('\n', out);
}

/* ---- JSON ----------------------------------------------------------------- */

static json_t *number_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *row_json(const cc_compare_row *row)
{
    json_t *o = json_object();
    char buf[64];
    json_object_set_new(o, "metric", json_string(row->metric));
    json_object_set_new(o, "new", number_or_null(row->new_value));
    json_object_set_new(o, "baseline", number_or_null(row->base_value));
    json_object_set_new(o, "change", number_or_null(row->delta));
    json_object_set_new(o, "new_ci_half_width",
                        row->has_ci ? number_or_null(row->new_half_width) : json_null());
    json_object_set_new(o, "allowed", number_or_null(row->allowed));
    json_object_set_new(o, "tolerance",
                        json_string(tolerance_text(&row->tolerance, buf, sizeof(buf))));
    json_object_set_new(o, "paired", json_boolean(row->paired));
    json_object_set_new(o, "verdict", json_string(cc_verdict_name(row->verdict)));
    json_object_set_new(o, "decision", json_string(decision_word(row)));
    return o;
}

static json_t *maybe_row(const cc_compare_row *row)
{
    return row ? row_json(row) : json_null();
}

static json_t *summary_json(const cc_compare_summary *sum)
{
    static const char *const scopes[3] = {"intervals", "days", "weeks"};
    json_t *o = json_object(), *chs = json_object();
    size_t i, k;
    for (i = 0; i < sum->n_channels; i++) {
        const cc_compare_summary_channel *ch = &sum->channels[i];
        json_t *c = json_object(), *att = json_object();
        json_object_set_new(c, "service_level", maybe_row(ch->sl));
        json_object_set_new(c, "service_level_ci", maybe_row(ch->sl_ci));
        json_object_set_new(c, "asa_s", maybe_row(ch->asa));
        json_object_set_new(c, "p_abandon", maybe_row(ch->abandon));
        for (k = 0; k < 3; k++)
            json_object_set_new(att, scopes[k], maybe_row(ch->attain[k]));
        json_object_set_new(c, "attainment", att);
        json_object_set_new(chs, ch->name, c);
    }
    json_object_set_new(o, "channels", chs);
    json_object_set_new(o, "fte", maybe_row(sum->fte));
    json_object_set_new(o, "cost_per_week", maybe_row(sum->cost_week));
    json_object_set_new(o, "cost_per_contact", maybe_row(sum->cost_contact));
    return o;
}

static void print_json(FILE *out, const cc_compare_report *r, const cc_compare_summary *sum,
                       int all, int summary_only)
{
    json_t *doc = json_object();
    size_t i;

    json_object_set_new(doc, "scenario", json_string(r->scenario_new));
    json_object_set_new(doc, "kind", json_string(r->kind));
    json_object_set_new(doc, "currency", json_string(r->currency));
    json_object_set_new(doc, "scenario_changed", json_boolean(r->scenario_changed));
    json_object_set_new(doc, "paired", json_boolean(!r->seeds_differ));
    json_object_set_new(doc, "compared", json_integer((json_int_t)r->n_rows));
    json_object_set_new(doc, "regressions", json_integer((json_int_t)r->n_regressed));
    json_object_set_new(doc, "missing", json_integer((json_int_t)r->n_missing));
    json_object_set_new(doc, "improvements", json_integer((json_int_t)r->n_improved));
    json_object_set_new(doc, "summary", summary_json(sum));
    if (!summary_only) {
        json_t *rows = json_array();
        for (i = 0; i < r->n_rows; i++)
            if (row_shown(&r->rows[i], all))
                json_array_append_new(rows, row_json(&r->rows[i]));
        json_object_set_new(doc, "metrics", rows);
    }
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    fputc('\n', out);
    json_decref(doc);
}

/* ---- JUnit ---------------------------------------------------------------- */

static void xml_escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default:
            /* XML 1.0 allows no control characters but tab, newline and return. */
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
                fputc('?', out);
            else
                fputc(ch, out);
        }
    }
}

static int row_fails(const cc_compare_row *row)
{
    return row->verdict == CC_VERDICT_REGRESSED || row->verdict == CC_VERDICT_MISSING;
}

static void junit_case(FILE *out, const cc_compare_report *r, const char *suite,
                       const cc_compare_row *row)
{
    char msg[400], a[32], b[32], c[32], d[32];

    fputs("    <testcase classname=\"", out);
    xml_escaped(out, r->scenario_new);
    fprintf(out, ".%s\" name=\"", suite);
    xml_escaped(out, row->metric);
    fputs("\"", out);
    if (!row_fails(row)) {
        fputs("/>\n", out);
        return;
    }
#define NUM(buf, v) (isfinite(v) ? (snprintf(buf, sizeof buf, "%.6g", v), buf) : "n/a")
    snprintf(msg, sizeof msg, "%s: new %s, baseline %s, change %s, allowed %s",
             cc_verdict_name(row->verdict), NUM(a, row->new_value), NUM(b, row->base_value),
             NUM(c, row->delta), NUM(d, row->allowed));
#undef NUM
    fputs(">\n      <failure message=\"", out);
    xml_escaped(out, msg);
    fprintf(out, "\" type=\"%s\"/>\n    </testcase>\n",
            row->verdict == CC_VERDICT_MISSING ? "missing" : "regression");
}

static void junit_suite(FILE *out, const cc_compare_report *r, const char *suite,
                        const cc_compare_row *const *rows, size_t n)
{
    size_t i, failures = 0;
    for (i = 0; i < n; i++)
        failures += row_fails(rows[i]);
    fputs("  <testsuite name=\"ccsim compare ", out);
    xml_escaped(out, r->scenario_new);
    fprintf(out, " %s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n", suite, n,
            failures);
    for (i = 0; i < n; i++)
        junit_case(out, r, suite, rows[i]);
    fputs("  </testsuite>\n", out);
}

static void print_junit(FILE *out, const cc_compare_report *r, const cc_compare_summary *sum,
                        int summary_only)
{
    const cc_compare_row **rows = calloc(r->n_rows + 1, sizeof *rows);
    size_t i, k, n = 0, total_fail = 0, total = 0;

    if (!rows)
        return;
    /* The summary's rows, each once. */
    for (i = 0; i < sum->n_channels; i++) {
        const cc_compare_summary_channel *ch = &sum->channels[i];
        const cc_compare_row *list[6] = {ch->sl_ci, ch->asa, ch->abandon, ch->attain[0],
                                         ch->attain[1], ch->attain[2]};
        for (k = 0; k < 6; k++)
            if (list[k])
                rows[n++] = list[k];
    }
    if (sum->fte) rows[n++] = sum->fte;
    if (sum->cost_week) rows[n++] = sum->cost_week;
    if (sum->cost_contact) rows[n++] = sum->cost_contact;
    total = n;
    for (i = 0; i < n; i++)
        total_fail += row_fails(rows[i]);
    if (!summary_only) {
        total += r->n_rows;
        total_fail += r->n_regressed + r->n_missing;
    }
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"%zu\" "
                 "failures=\"%zu\">\n", total, total_fail);
    junit_suite(out, r, "summary", rows, n);
    if (!summary_only) {
        for (i = 0; i < r->n_rows; i++)
            rows[i] = &r->rows[i];
        junit_suite(out, r, "metrics", rows, r->n_rows);
    }
    fputs("</testsuites>\n", out);
    free(rows);
}

/* ---- command -------------------------------------------------------------- */

int cmd_compare(int argc, char **argv)
{
    enum { OPT_TOL = CLI_OPT_BASE, OPT_METRIC, OPT_TOL_FILE, OPT_EXACT, OPT_FORMAT, OPT_ALL,
           OPT_SUMMARY, OPT_HELP };
    static const struct option longopts[] = {
        {"tolerance", required_argument, NULL, OPT_TOL},
        {"metric", required_argument, NULL, OPT_METRIC},
        {"tolerance-file", required_argument, NULL, OPT_TOL_FILE},
        {"exact", no_argument, NULL, OPT_EXACT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"all", no_argument, NULL, OPT_ALL},
        {"summary", no_argument, NULL, OPT_SUMMARY},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    static const char *const formats[] = {"text", "markdown", "json", "junit", NULL};
    cc_compare_options options = {{CC_TOL_AUTO, 0.0}, NULL, 0};
    cc_compare_report *report = NULL;
    cc_compare_summary *sum = NULL;
    struct cli_parser p;
    cc_error err;
    int all = 0, summary_only = 0, format = FORMAT_TEXT, c, rc = CLI_USAGE;
    const char *new_path, *base_path;
    size_t i;

    cli_parser_init(&p, "compare", longopts, argc, argv);
    cli_parser_repeatable(&p, OPT_METRIC);
    cli_parser_positional(&p, 2);
    while ((c = cli_parser_next(&p)) != -1) {
        switch (c) {
        case OPT_TOL:
            if (cc_tolerance_parse(p.value, &options.default_tolerance) != CC_OK) {
                char q[200];
                cli_quote(p.value, q, sizeof q);
                cli_flag_errorf("tolerance", "invalid value '%s'; allowed: auto, statistical, "
                                "exact, abs:X, rel:X", q);
                goto out;
            }
            break;
        case OPT_METRIC: {
            char *text = strdup(p.value), *eq = text ? strrchr(text, '=') : NULL;
            cc_tolerance tol;
            if (!text) {
                cli_errorf("out of memory");
                goto out;
            }
            if (!eq || eq == text || cc_tolerance_parse(eq + 1, &tol) != CC_OK) {
                char q[200];
                cli_quote(p.value, q, sizeof q);
                cli_flag_errorf("metric", "invalid value '%s'; expected PATTERN=TOLERANCE, e.g. "
                                "'channels.*.service_level=abs:0.01'", q);
                free(text);
                goto out;
            }
            *eq = '\0';
            cc_compare_options_add_rule(&options, text, tol);
            free(text);
            break;
        }
        case OPT_TOL_FILE:
            if (cc_compare_options_load(&options, p.value, &err) != CC_OK) {
                cli_print_error(&err);
                goto out;
            }
            break;
        case OPT_EXACT: options.default_tolerance.kind = CC_TOL_EXACT; break;
        case OPT_FORMAT:
            if ((rc = cli_parse_choice("format", p.value, formats, &format)))
                goto out;
            rc = CLI_USAGE;
            break;
        case OPT_ALL: all = 1; break;
        case OPT_SUMMARY: summary_only = 1; break;
        case OPT_HELP:
            compare_usage(stdout);
            rc = cli_finish_stdout();
            goto out;
        default: goto out; /* CLI_OPT_ERROR: the message is printed */
        }
    }
    if (argc - p.first_positional != 2) {
        cli_errorf("expected two results, NEW and BASELINE; run 'ccsim compare --help'");
        goto out;
    }
    new_path = argv[p.first_positional];
    base_path = argv[p.first_positional + 1];
    if (cc_compare_files(new_path, base_path, &options, &report, &err) != CC_OK) {
        cli_print_error(&err);
        goto out;
    }
    if (report->n_missing) {
        for (i = 0; i < report->n_rows; i++)
            if (report->rows[i].verdict == CC_VERDICT_MISSING)
                cli_errorf("metric '%s' is in the baseline but missing from '%s'",
                           report->rows[i].metric, new_path);
        rc = CLI_USAGE;
        goto out;
    }
    sum = cc_compare_summarise(report);
    switch (format) {
    case FORMAT_TEXT:
        print_summary_text(stdout, report, sum, new_path, base_path);
        if (!summary_only) {
            fputc('\n', stdout);
            print_text(stdout, report, all);
        }
        break;
    case FORMAT_MARKDOWN:
        fprintf(stdout, "### ccsim compare: %s\n\n", report->scenario_new);
        print_summary_markdown(stdout, report, sum);
        if (!summary_only)
            print_markdown(stdout, report, all);
        break;
    case FORMAT_JSON: print_json(stdout, report, sum, all, summary_only); break;
    case FORMAT_JUNIT: print_junit(stdout, report, sum, summary_only); break;
    }
    if (report->scenario_changed)
        fprintf(stderr, "ccsim: note: the scenario '%s' differs from the baseline's (sha256)\n",
                report->scenario_new);
    if (format == FORMAT_TEXT && !summary_only)
        printf("%zu metrics compared, %zu regressed, %zu improved\n", report->n_rows,
               report->n_regressed, report->n_improved);
    rc = cli_finish_stdout();
    if (rc == CLI_OK)
        rc = report->n_regressed ? CLI_CHECK : CLI_OK;
out:
    cc_compare_summary_free(sum);
    cc_compare_report_free(report);
    cc_compare_options_release(&options);
    return rc;
}
