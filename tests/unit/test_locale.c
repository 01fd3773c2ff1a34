/*
 * The library under a comma-decimal locale: a program that calls
 * setlocale(LC_ALL, "de_DE.UTF-8") loads the same scenario (with `1.9`-style
 * numbers), simulates it and writes summary.json, intervals.csv and
 * report.html byte for byte as under "C". The locale is compiled with
 * localedef into $BUILD/locale when the system does not have it; the test is
 * skipped when that is impossible. Also: CSV text cells a spreadsheet would
 * run as formulas are quoted with a leading apostrophe.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_util.h"
#include "cc_plan.h"
#include "cc_report.h"
#include "cc_sim.h"
#include "util/textout.h"

static const char scenario[] =
    "version: 1\n"
    "name: locale-check\n"
    "horizon: {start: 2026-01-05, days: 1, interval: 30m}\n"
    "channels:\n"
    "  calls:\n"
    "    kind: voice\n"
    "    volume: 1234.5\n"
    "    uncertainty: {cv: 0.05}\n"
    "    handle_time: {dist: lognormal, mean: 4.5m, cv: 0.7}\n"
    "    patience: {dist: exponential, mean: 1.9m}\n"
    "    target: {answer_within: 20s, service_level: 80.5%}\n"
    "  short:\n" /* understaffed: its verdict's reasons print decimals */
    "    kind: voice\n"
    "    volume: 900.5\n"
    "    handle_time: {dist: gamma, mean: 4.5m, cv: 0.5}\n"
    "    patience: {dist: exponential, mean: 1.5m}\n"
    "    target: {answer_within: 20s, service_level: 99.5%, max_abandon: 0.5%}\n"
    "teams:\n"
    "  a: {skills: [calls], agents: 25, shrinkage: {breaks: 2.5%}}\n"
    "  b: {skills: [short], agents: 2}\n"
    "simulation: {replications: 2, seed: 3}\n";

/* Loads, simulates and writes the three files into one buffer. */
static char *outputs(size_t *len)
{
    cc_scenario *s = NULL;
    cc_simmodel *m = NULL;
    cc_results *r = NULL;
    cc_run_options opt = cc_run_options_default();
    cc_error err;
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);

    assert_non_null(out);
    if (cc_scenario_load_string(scenario, strlen(scenario), "locale.yaml", &s, NULL, &err) !=
        CC_OK)
        fail_msg("load: %s", err.message);
    assert_int_equal(cc_simmodel_from_scenario(s, &m, &err), CC_OK);
    opt.replications = 2;
    opt.seed = 3;
    opt.threads = 1;
    assert_int_equal(cc_replicate(m, &opt, &r, &err), CC_OK);
    assert_int_equal(cc_report_summary_json(out, s, r, NULL, NULL, &err), CC_OK);
    assert_int_equal(cc_report_intervals_csv(out, s, r, &err), CC_OK);
    assert_int_equal(cc_report_html(out, s, r, NULL, &err), CC_OK);
    /* The plan's writers too: an analytic plan of the same scenario, simulated. */
    {
        cc_planner_options po = cc_planner_options_default();
        cc_planner *p = NULL;
        char *text;
        po.least_cost = 0;
        po.options = 0;
        po.threads = 1;
        assert_int_equal(cc_planner_new(s, &po, &p, &err), CC_OK);
        assert_int_equal(cc_report_plan_csv(out, p, &err), CC_OK);
        assert_int_equal(cc_report_plan_teams_csv(out, p, &err), CC_OK);
        assert_int_equal(cc_report_roster_csv(out, p, &err), CC_OK);
        assert_int_equal(cc_report_planned_yaml(out, p, &err), CC_OK);
        assert_int_equal(cc_report_plan_why(out, p, &err), CC_OK);
        text = cc_report_plan_json(p);
        fputs(text, out);
        free(text);
        text = cc_report_plan_html(p);
        fputs(text, out);
        free(text);
        cc_planner_free(p);
    }
    fclose(out);
    cc_results_free(r);
    cc_simmodel_free(m);
    cc_scenario_free(s);
    return buf;
}

/* Makes de_DE.UTF-8 available (system or compiled under $BUILD/locale); 1 on success. */
static int comma_locale(void)
{
    const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
    char dir[512], probe[600], cmd[1400];
    struct stat st;

    if (setlocale(LC_ALL, "de_DE.UTF-8"))
        return 1;
    snprintf(dir, sizeof(dir), "%s/locale", build);
    snprintf(probe, sizeof(probe), "%s/de_DE.UTF-8/LC_NUMERIC", dir);
    if (stat(probe, &st) != 0) {
        snprintf(cmd, sizeof(cmd),
                 "mkdir -p '%s' && localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' "
                 ">/dev/null 2>&1",
                 dir, dir);
        if (system(cmd) != 0 && stat(probe, &st) != 0)
            return 0;
    }
    setenv("LOCPATH", dir, 1);
    return setlocale(LC_ALL, "de_DE.UTF-8") != NULL;
}

static void test_same_bytes_under_comma_locale(void **state)
{
    size_t n_c, n_de;
    char *in_c, *in_de, probe[16];

    (void)state;
    setlocale(LC_ALL, "C");
    in_c = outputs(&n_c);
    if (!comma_locale()) {
        free(in_c);
        print_message("de_DE.UTF-8 unavailable (no locale, localedef failed): skipped\n");
        skip();
    }
    assert_non_null(strstr(in_c, "% < 99.5%")); /* a verdict's reasons are in the files */
    snprintf(probe, sizeof(probe), "%.1f", 1.5);
    assert_string_equal(probe, "1,5"); /* the locale is really in force */
    in_de = outputs(&n_de);
    setlocale(LC_ALL, "C");
    assert_int_equal(n_de, n_c);
    assert_memory_equal(in_de, in_c, n_c);
    free(in_c);
    free(in_de);
}

/* One CSV field as cc_csv_field writes it. */
static void csv_is(const char *text, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    cc_csv_field(out, text);
    fclose(out);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_csv_formula_cells(void **state)
{
    (void)state;
    csv_is("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
    csv_is("-chat", "\"'-chat\"");
    csv_is("+1+1", "\"'+1+1\"");
    csv_is("@SUM(A1)", "\"'@SUM(A1)\"");
    csv_is("\t=1", "\"'\t=1\"");
    csv_is("-1.5", "-1.5");      /* a number stays a number */
    csv_is("+3", "+3");
    csv_is("phone", "phone");
    csv_is("a,b", "\"a,b\"");
    csv_is("", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_under_comma_locale),
        cmocka_unit_test(test_csv_formula_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
