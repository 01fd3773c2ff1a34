/*
 * ccsim: contact-center capacity simulator and planner, public API.
 *
 * Conventions for every cc_* function:
 * - Errors travel as a cc_status return value; detail goes into a caller-
 *   provided `cc_error *err` (last parameter, may be NULL). The library never
 *   prints, never exits and never reads the environment. The one exception is
 *   running out of memory, which prints one line and aborts.
 * - `const T *` parameters are borrowed for the duration of the call.
 * - Every pointer a function returns states who frees it and with what; every
 *   cc_*_free accepts NULL.
 * - Time is in seconds (double) everywhere; shares are fractions in [0, 1].
 * - GSL's default error handler aborts: call gsl_set_error_handler_off() once
 *   before using the library (the library checks every GSL status itself).
 *
 * Simulating a scenario:
 *
 *     cc_scenario *s;
 *     cc_simmodel *m;
 *     cc_results *r;
 *     cc_run_options opt = cc_run_options_default();
 *     cc_error err;
 *
 *     if (cc_scenario_load_file("scenarios/ecommerce-week.yaml", &s, NULL, &err) != CC_OK)
 *         return fail(&err);
 *     if (cc_simmodel_from_scenario(s, &m, &err) == CC_OK &&
 *         cc_replicate(m, &opt, &r, &err) == CC_OK) {
 *         cc_report_summary_json(stdout, s, r, NULL, NULL, &err);
 *         cc_results_free(r);
 *     }
 *     cc_simmodel_free(m);
 *     cc_scenario_free(s);
 *
 * One queue without a scenario: cc_erlang_eval and cc_staff_solve
 * (cc_erlang.h). Plans: cc_plan.h; what-if grids: cc_sweep.h; result comparison:
 * cc_compare.h.
 */
#ifndef CC_H
#define CC_H

#include "cc_compare.h"
#include "cc_diag.h"
#include "cc_erlang.h"
#include "cc_forecast.h"
#include "cc_plan.h"
#include "cc_report.h"
#include "cc_results.h"
#include "cc_scenario.h"
#include "cc_shard.h"
#include "cc_sim.h"
#include "cc_status.h"
#include "cc_sweep.h"
#include "cc_tasks.h"
#include "cc_types.h"
#include "cc_units.h"
#include "cc_version.h"

#endif
