/*
 * libFuzzer harness that loads a scenario and, when it loads, runs it: the
 * model is built, checked against the run limits, cut to at most one day and
 * 2,000 fresh arrivals (drain limited to an hour) so an input cannot make one
 * execution slow, simulated for two replications on one thread, and every
 * run output (summary.json, intervals.csv, report.html) written to
 * /dev/null. Any crash, hang, leak or sanitizer report is a bug in the
 * engine, the statistics or the writers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cc_report.h"
#include "cc_results.h"
#include "cc_scenario.h"
#include "cc_sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_simmodel *m = NULL;
    cc_results *r = NULL;
    cc_error err;

    cc_diag_list_init(&d);
    if (cc_scenario_load_string((const char *)data, size, "fuzz.yaml", &s, &d, &err) != CC_OK)
        goto out;
    if (cc_simmodel_from_scenario(s, &m, &err) != CC_OK)
        goto out;
    if (m->n_intervals > m->intervals_per_day)
        m->n_intervals = m->intervals_per_day; /* the arrays keep their size; the run is shorter */
    if (m->max_arrivals == 0 || m->max_arrivals > 2000)
        m->max_arrivals = 2000;
    if (m->drain_limit_s == 0.0 || m->drain_limit_s > 3600.0)
        m->drain_limit_s = 3600.0;
    if (m->warmup_s >= (double)m->n_intervals * m->interval_s)
        m->warmup_s = 0.0;
    {
        cc_run_options opt = cc_run_options_default();
        opt.replications = 2;
        opt.threads = 1;
        opt.seed = size;
        if (cc_replicate(m, &opt, &r, &err) == CC_OK) {
            FILE *null = fopen("/dev/null", "w");
            char notes[512];
            (void)cc_results_limit_notes(m, r, notes, sizeof notes);
            if (null) {
                (void)cc_report_summary_json(null, s, r, NULL, NULL, &err);
                (void)cc_report_intervals_csv(null, s, r, &err);
                (void)cc_report_html(null, s, r, NULL, &err);
                fclose(null);
            }
        }
    }
out:
    cc_results_free(r);
    cc_simmodel_free(m);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
    return 0;
}
