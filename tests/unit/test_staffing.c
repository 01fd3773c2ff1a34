/*
 * Unit tests of the staffing search and the shrinkage formulas: published
 * staffing answers, minimality (one agent fewer misses a target), agreement
 * with cc_erlang_eval, monotonicity in the load, and the error paths.
 */
#include <math.h>
#include <string.h>

#include "test_util.h"
#include "cc_erlang.h"

static cc_erlang_input queue(double per_hour, double aht, double target, double patience)
{
    cc_erlang_input in = {0};
    in.arrivals_per_hour = per_hour;
    in.aht_s = aht;
    in.agents = 1;
    in.target_s = target;
    in.patience_mean_s = patience;
    in.sl_definition = CC_SL_OFFERED;
    return in;
}

static int meets(const cc_erlang_input *in, long agents, const cc_staff_targets *t)
{
    cc_erlang_input q = *in;
    cc_erlang_result r;
    q.agents = agents;
    if (cc_erlang_eval(&q, &r, NULL) != CC_OK)
        return 0;
    return (t->service_level == 0 || r.service_level >= t->service_level) &&
           (t->max_asa_s == 0 || r.asa_s <= t->max_asa_s) &&
           (t->max_occupancy == 0 || r.occupancy <= t->max_occupancy) &&
           (t->max_abandon == 0 || r.p_abandon <= t->max_abandon);
}

/* Solves, then checks N meets the targets, N - 1 does not, and the figures. */
static long solve_checked(const cc_erlang_input *in, const cc_staff_targets *t)
{
    cc_staff_result out;
    cc_erlang_input q = *in;
    cc_erlang_result r;
    cc_error err;
    cc_status st = cc_staff_solve(in, t, &out, &err);
    if (st != CC_OK)
        print_error("unexpected status %d: %s\n", st, err.message);
    assert_int_equal(st, CC_OK);
    assert_true(out.agents >= 1);
    assert_true(meets(in, out.agents, t));
    if (out.agents > 1)
        assert_false(meets(in, out.agents - 1, t));
    q.agents = out.agents;
    assert_int_equal(cc_erlang_eval(&q, &r, NULL), CC_OK);
    assert_memory_equal(&r, &out.figures, sizeof(r));
    assert_int_equal(out.figures.agents, out.agents);
    return out.agents;
}

/*
 * pyworkforce README / CRAN ErlangC: 100 calls per 30 minutes, AHT 180 s,
 * 80% answered in 20 s -> 14 agents (SL 0.88835; 13 agents give 0.79559).
 */
static void test_pyworkforce_staffing(void **state)
{
    cc_erlang_input in = queue(200, 180, 20, 0);
    cc_staff_targets t = {.service_level = 0.8};
    (void)state;
    assert_int_equal(solve_checked(&in, &t), 14);
}

/* W1 load (90 erlangs): 100 agents give SL20 0.88862 and ASA 6.51 s. */
static void test_asa_and_sl_targets(void **state)
{
    cc_erlang_input in = queue(1080, 300, 20, 0);
    cc_staff_targets sl = {.service_level = 0.88};
    cc_staff_targets asa = {.max_asa_s = 6.6};
    cc_staff_targets both = {.service_level = 0.5, .max_asa_s = 6.6};
    (void)state;
    assert_int_equal(solve_checked(&in, &sl), 100);
    assert_int_equal(solve_checked(&in, &asa), 100);
    assert_int_equal(solve_checked(&in, &both), 100);
    sl.service_level = 0.89;
    assert_int_equal(solve_checked(&in, &sl), 101);
}

/* Under Erlang C occupancy is A/N, so the answer is ceil(A / max occupancy). */
static void test_occupancy_target(void **state)
{
    const double loads[] = {0.05, 1.0, 10.0, 37.3, 512.0, 9000.5};
    const double caps[] = {0.5, 0.85, 0.9, 1.0};
    (void)state;
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 4; j++) {
            cc_erlang_input in = queue(loads[i] * 3600 / 300, 300, 20, 0);
            cc_staff_targets t = {.max_occupancy = caps[j]};
            double a = loads[i] * 3600 / 300 * 300 / 3600;
            long want = (long)ceil(a / caps[j]);
            if (want <= (long)floor(a)) /* N must exceed A for a steady state */
                want = (long)floor(a) + 1;
            assert_int_equal(solve_checked(&in, &t), want);
        }
}

/* Patience: abandonment target, and a lenient one met below the load. */
static void test_abandon_target(void **state)
{
    cc_erlang_input in = queue(1080, 300, 20, 120);
    cc_staff_targets t = {.max_abandon = 0.05};
    long n;
    (void)state;
    n = solve_checked(&in, &t);
    assert_true(n > 80 && n < 100);
    t.max_abandon = 0.5; /* overloaded staffing is allowed with patience */
    n = solve_checked(&in, &t);
    assert_true(n < 90);
    t.max_abandon = 0.01;
    t.service_level = 0.9;
    t.max_occupancy = 0.95;
    t.max_asa_s = 5;
    n = solve_checked(&in, &t);
    assert_true(n >= 90);
}

/* The answer never falls as volume rises, and never scans from 1. */
static void test_monotone_in_volume(void **state)
{
    const double patience[] = {0, 90};
    (void)state;
    for (int p = 0; p < 2; p++) {
        long prev = 0;
        for (double per_hour = 1; per_hour < 3000; per_hour *= 1.17) {
            cc_erlang_input in = queue(per_hour, 300, 20, patience[p]);
            cc_staff_targets t = {.service_level = 0.8};
            long n = solve_checked(&in, &t);
            assert_true(n >= prev);
            prev = n;
        }
    }
}

/* Large queues solve exactly, and every SL definition is searchable. */
static void test_large_and_definitions(void **state)
{
    cc_erlang_input in = queue(1188000, 300, 20, 0); /* A = 99,000 */
    cc_staff_targets t = {.service_level = 0.95};
    long n;
    (void)state;
    n = solve_checked(&in, &t);
    assert_true(n > 99000 && n < 99400);
    in.patience_mean_s = 300;
    assert_true(solve_checked(&in, &t) <= n);
    in = queue(1500, 240, 30, 60);
    for (int d = CC_SL_OFFERED; d <= CC_SL_VIRTUAL; d++) {
        in.sl_definition = (cc_sl_definition)d;
        in.short_abandon_s = 5;
        solve_checked(&in, &t);
    }
}

static void test_infeasible(void **state)
{
    cc_erlang_input in = queue(12, 300, 20, 0); /* A = 1 */
    cc_staff_targets t = {.max_occupancy = 1e-7};
    cc_staff_result out;
    cc_error err;
    (void)state;
    assert_int_equal(cc_staff_solve(&in, &t, &out, &err), CC_EINFEASIBLE);
    assert_int_equal(err.code, CC_EINFEASIBLE);
    /* Load beyond the largest staffing, without patience. */
    in = queue(2e6 * 3600 / 300, 300, 20, 0);
    t = (cc_staff_targets){.service_level = 0.8};
    assert_int_equal(cc_staff_solve(&in, &t, &out, &err), CC_EINFEASIBLE);
}

static void expect_invalid(const cc_erlang_input *in, const cc_staff_targets *t,
                           const char *field)
{
    cc_staff_result out;
    cc_error err;
    assert_int_equal(cc_staff_solve(in, t, &out, &err), CC_EINVAL);
    if (!strstr(err.message, field))
        print_error("message '%s' does not name '%s'\n", err.message, field);
    assert_non_null(strstr(err.message, field));
}

static void test_invalid(void **state)
{
    cc_erlang_input in = queue(200, 180, 20, 0);
    cc_staff_targets t = {.service_level = 0.8};
    const double bad_share[] = {-0.1, 1.5, NAN, INFINITY};
    (void)state;
    expect_invalid(&in, &(cc_staff_targets){0}, "no target");
    for (int i = 0; i < 4; i++) {
        expect_invalid(&in, &(cc_staff_targets){.service_level = bad_share[i]},
                       "'service_level'");
        expect_invalid(&in, &(cc_staff_targets){.max_occupancy = bad_share[i]},
                       "'max_occupancy'");
        expect_invalid(&in, &(cc_staff_targets){.max_abandon = bad_share[i]}, "'max_abandon'");
    }
    expect_invalid(&in, &(cc_staff_targets){.max_asa_s = -1}, "'max_asa_s'");
    expect_invalid(&in, &(cc_staff_targets){.max_asa_s = NAN}, "'max_asa_s'");
    /* An abandonment target needs patience. */
    expect_invalid(&in, &(cc_staff_targets){.max_abandon = 0.05}, "'max_abandon'");
    in.aht_s = 0;
    expect_invalid(&in, &t, "'aht_s'");
    in = queue(-5, 180, 20, 0);
    expect_invalid(&in, &t, "'arrivals_per_hour'");
    in = queue(200, 180, -20, 0);
    expect_invalid(&in, &t, "'target_s'");
    /* in->agents is ignored by the search. */
    in = queue(200, 180, 20, 0);
    in.agents = -3;
    assert_int_equal(solve_checked(&in, &t), 14);
}

/* 30% shrinkage: x 1/0.7 = 1.4286 (divisive) against x 1.30 (the guide's). */
static void test_shrinkage(void **state)
{
    (void)state;
    assert_rel_close(cc_shrinkage_divisive(14, 0.3), 20.0, 1e-15);
    assert_rel_close(cc_shrinkage_multiplicative(14, 0.3), 18.2, 1e-15);
    assert_rel_close(cc_shrinkage_divisive(10, 0.0), 10.0, 0.0);
    assert_rel_close(cc_shrinkage_multiplicative(10, 0.0), 10.0, 0.0);
    assert_rel_close(cc_shrinkage_divisive(7.25, 0.35), 7.25 / 0.65, 1e-15);
    assert_rel_close(cc_shrinkage_multiplicative(7.25, 0.35), 7.25 * 1.35, 1e-15);
    assert_rel_close(cc_shrinkage_divisive(1, 0.99), 100.0, 1e-13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pyworkforce_staffing),
        cmocka_unit_test(test_asa_and_sl_targets),
        cmocka_unit_test(test_occupancy_target),
        cmocka_unit_test(test_abandon_target),
        cmocka_unit_test(test_monotone_in_volume),
        cmocka_unit_test(test_large_and_definitions),
        cmocka_unit_test(test_infeasible),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_shrinkage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
