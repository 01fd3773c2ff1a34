/*
 * Helpers shared by the cmocka unit tests. cmocka 1.1.5 (Debian 12) has no
 * double assertion, so relative and absolute tolerance checks live here and
 * print got/want/tolerance when they fail.
 */
#ifndef CC_TEST_UTIL_H
#define CC_TEST_UTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cc_results.h"
#include "cc_scenario.h"

static inline void cc_test_rel_close(double got, double want, double rtol, const char *expr,
                                     const char *file, int line)
{
    double scale = fabs(want) > 0 ? fabs(want) : 1.0;
    if (!(fabs(got - want) <= rtol * scale)) {
        print_error("%s: got %.17g want %.17g rel.err %.3g > %.3g\n", expr, got, want,
                    fabs(got - want) / scale, rtol);
        _fail(file, line);
    }
}

static inline void cc_test_abs_close(double got, double want, double atol, const char *expr,
                                     const char *file, int line)
{
    if (!(fabs(got - want) <= atol)) {
        print_error("%s: got %.17g want %.17g abs.err %.3g > %.3g\n", expr, got, want,
                    fabs(got - want), atol);
        _fail(file, line);
    }
}

/* Fails unless |got - want| <= rtol * |want| (or <= rtol when want is 0). */
#define assert_rel_close(got, want, rtol) \
    cc_test_rel_close((got), (want), (rtol), #got, __FILE__, __LINE__)

/* Fails unless |got - want| <= atol. */
#define assert_abs_close(got, want, atol) \
    cc_test_abs_close((got), (want), (atol), #got, __FILE__, __LINE__)

/* Loads a scenario from YAML text labelled `name`, failing the test (with the message) if it cannot. */
static inline cc_scenario *cc_test_load_text(const char *yaml, const char *name)
{
    cc_scenario *s = NULL;
    cc_error err;
    cc_status st = cc_scenario_load_string(yaml, strlen(yaml), name, &s, NULL, &err);
    if (st != CC_OK)
        print_error("load %s: %s\n", name, err.message);
    assert_int_equal(st, CC_OK);
    return s;
}

/*
 * Fails unless two runs' results are byte-identical: every replication's
 * figures, the summaries, and every interval row (threads, ranks and task
 * order must not change a bit).
 */
static inline void cc_test_assert_results_identical(const cc_results *a, const cc_results *b)
{
    size_t nc = a->n_channels, nt = a->n_teams, ni = a->n_intervals, R = (size_t)a->replications;
    assert_int_equal(a->model_events, b->model_events);
    assert_memory_equal(a->rep_channels, b->rep_channels, R * nc * sizeof(cc_rep_channel));
    assert_memory_equal(a->rep_teams, b->rep_teams, R * nt * sizeof(cc_rep_team));
    assert_memory_equal(a->channels, b->channels, nc * sizeof(cc_channel_summary));
    assert_memory_equal(a->teams, b->teams, nt * sizeof(cc_team_summary));
    assert_memory_equal(a->intervals, b->intervals, ni * nc * sizeof(cc_interval_channel));
    assert_memory_equal(a->team_intervals, b->team_intervals, ni * nt * sizeof(cc_interval_team));
}

#endif
