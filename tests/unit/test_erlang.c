/*
 * Unit tests of the Erlang B, C and A analytics: published and independently
 * computed reference values, exact identities, a brute-force uniformization
 * of the Erlang A tagged-customer chain, extreme sizes and loads, and the
 * error paths. Tolerances are relative unless stated.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "test_util.h"
#include "cc_erlang.h"

#define REFERENCE_CSV "tests/data/erlang_reference.csv"

static cc_erlang_input queue(double per_hour, double aht, long agents, double target,
                             double patience)
{
    cc_erlang_input in = {0};
    in.arrivals_per_hour = per_hour;
    in.aht_s = aht;
    in.agents = agents;
    in.target_s = target;
    in.patience_mean_s = patience;
    in.sl_definition = CC_SL_OFFERED;
    return in;
}

static cc_erlang_result eval_ok(const cc_erlang_input *in)
{
    cc_erlang_result r;
    cc_error err;
    cc_status st = cc_erlang_eval(in, &r, &err);
    if (st != CC_OK)
        print_error("unexpected status %d: %s\n", st, err.message);
    assert_int_equal(st, CC_OK);
    return r;
}

/* Every figure finite, probabilities in [0, 1], times non-negative. */
static void assert_sane(const cc_erlang_result *r)
{
    assert_true(isfinite(r->traffic_erlangs) && r->traffic_erlangs > 0.0);
    assert_true(r->p_wait >= 0.0 && r->p_wait <= 1.0);
    assert_true(r->service_level >= 0.0 && r->service_level <= 1.0);
    assert_true(r->occupancy >= 0.0 && r->occupancy <= 1.0);
    assert_true(r->p_abandon >= 0.0 && r->p_abandon <= 1.0);
    assert_true(isfinite(r->asa_s) && r->asa_s >= 0.0);
    assert_true(isfinite(r->mean_wait_s) && r->mean_wait_s >= 0.0);
}

/* Relative check, or absolute 1e-300 where the reference underflows. */
static void check_field(double got, double want, const char *name, int line)
{
    if (fabs(want) < 1e-300) {
        if (!(fabs(got) < 1e-300)) {
            print_error("%s:%d %s: got %.17g want ~0\n", REFERENCE_CSV, line, name, got);
            fail();
        }
        return;
    }
    if (!(fabs(got - want) <= 1e-9 * fabs(want))) {
        print_error("%s:%d %s: got %.17g want %.17g rel.err %.3g\n", REFERENCE_CSV, line, name,
                    got, want, fabs(got - want) / fabs(want));
        fail();
    }
}

/* ---- reference values ---------------------------------------------------- */

/* Every row of the mpmath reference table, to 1e-9 relative. */
static void test_reference_table(void **state)
{
    FILE *f = fopen(REFERENCE_CSV, "r");
    char line[1024];
    int lineno = 0, rows = 0, models[2] = {0, 0};
    (void)state;

    if (!f)
        print_error("cannot open %s (run from the repository root)\n", REFERENCE_CSV);
    assert_non_null(f);
    while (fgets(line, sizeof(line), f)) {
        cc_erlang_input in = {0};
        cc_erlang_result r;
        double agents, def, want[6];
        char model;
        lineno++;
        if (line[0] == '#' || !isupper((unsigned char)line[0]) || strncmp(line, "model", 5) == 0)
            continue;
        assert_int_equal(sscanf(line, "%c,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf",
                                &model, &in.arrivals_per_hour, &in.aht_s, &agents, &in.target_s,
                                &in.patience_mean_s, &def, &in.short_abandon_s, &want[0],
                                &want[1], &want[2], &want[3], &want[4], &want[5]),
                         14);
        in.agents = (long)agents;
        in.sl_definition = (cc_sl_definition)def;
        assert_true(model == 'C' ? in.patience_mean_s == 0.0 : in.patience_mean_s > 0.0);
        models[model == 'A']++;
        r = eval_ok(&in);
        assert_sane(&r);
        check_field(r.p_wait, want[0], "p_wait", lineno);
        check_field(r.service_level, want[1], "service_level", lineno);
        check_field(r.asa_s, want[2], "asa_s", lineno);
        check_field(r.mean_wait_s, want[3], "mean_wait_s", lineno);
        check_field(r.occupancy, want[4], "occupancy", lineno);
        check_field(r.p_abandon, want[5], "p_abandon", lineno);
        if (model == 'C')
            check_field(cc_erlang_c(r.traffic_erlangs, in.agents), want[0], "erlang_c", lineno);
        rows++;
    }
    fclose(f);
    assert_true(models[0] >= 15 && models[1] >= 25);
    assert_int_equal(rows, models[0] + models[1]);
}

/*
 * pyworkforce README and CRAN ErlangC agree on this case, to the digits they
 * print: 100 calls per 30 minutes, AHT 180 s, 80% in 20 s -> 14 agents with
 * SL 0.88835, P(wait) 0.1741319, ASA 7.836 s, occupancy 0.7142857. The
 * table above holds the same case to 20 digits.
 */
static void test_pyworkforce_golden(void **state)
{
    cc_erlang_input in = queue(200, 180, 14, 20, 0);
    cc_erlang_result r = eval_ok(&in);
    (void)state;
    assert_rel_close(r.traffic_erlangs, 10.0, 1e-15);
    assert_abs_close(r.service_level, 0.88835, 5e-6);
    assert_abs_close(r.p_wait, 0.1741319, 5e-8);
    assert_abs_close(r.asa_s, 7.836, 5e-4);
    assert_abs_close(r.occupancy, 0.7142857, 5e-8);
}

/* bench/WORKLOADS.md W1: lambda 0.3/s, AHT 300 s, 100 agents (Erlang C). */
static void test_workload_w1(void **state)
{
    cc_erlang_input in = queue(1080, 300, 100, 20, 0);
    cc_erlang_result r = eval_ok(&in);
    (void)state;
    assert_abs_close(r.p_wait, 0.21694, 5e-6);
    assert_abs_close(r.asa_s, 6.5082, 5e-5);
    assert_abs_close(r.service_level, 0.88862, 5e-6);
    assert_rel_close(r.mean_wait_s, r.asa_s, 0.0);
    assert_rel_close(r.occupancy, 0.9, 1e-15);
    assert_true(r.p_abandon == 0.0);
}

/*
 * W2: W1 plus exponential patience of mean 120 s. Its SL20 counts answered
 * within 20 s over all arrivals, the CC_SL_OFFERED definition.
 */
static void test_workload_w2(void **state)
{
    cc_erlang_input in = queue(1080, 300, 100, 20, 120);
    cc_erlang_result r = eval_ok(&in);
    (void)state;
    assert_abs_close(r.p_wait, 0.12988, 5e-6);
    assert_abs_close(r.p_abandon, 0.01235, 5e-6);
    assert_abs_close(r.mean_wait_s, 1.4824, 5e-5);
    assert_abs_close(r.service_level, 0.96685, 5e-6);
    /* Little's law: mean wait over all = E[Q]/lambda = P(abandon) x patience. */
    assert_rel_close(r.mean_wait_s, r.p_abandon * 120.0, 1e-14);
}

/* Closed forms of M/M/2 (rho = 3/4): C = 2 rho^2/(1 + rho) = 9/14. */
static void test_mm2_closed_form(void **state)
{
    cc_erlang_input in = queue(1.5 * 3600 / 10, 10, 2, 5, 0); /* A = 1.5 */
    cc_erlang_result r = eval_ok(&in);
    (void)state;
    assert_rel_close(r.p_wait, 9.0 / 14.0, 1e-15);
    assert_rel_close(cc_erlang_b(1.5, 2), 1.125 / (1 + 1.5 + 1.125), 1e-15);
    assert_rel_close(r.asa_s, 9.0 / 14.0 * 10 / 0.5, 1e-14);
    assert_rel_close(r.service_level, 1 - 9.0 / 14.0 * exp(-0.5 * 5 / 10.0), 1e-15);
}

/* ---- identities ------------------------------------------------------------ */

/* Erlang B against A^N/N! / sum_k A^k/k! summed in long double. */
static void test_erlang_b_closed_form(void **state)
{
    const double loads[] = {0.05, 0.7, 3.3, 12.5, 39.9, 170.25};
    (void)state;
    for (size_t i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
        long double term = 1.0L, sum = 1.0L;
        for (long n = 1; n <= 170; n++) {
            term *= (long double)loads[i] / (long double)n;
            sum += term;
            double want = (double)(term / sum);
            if (want > 1e-300)
                assert_rel_close(cc_erlang_b(loads[i], n), want, 1e-13);
            else /* below the normal range: denormal or 0 */
                assert_true(cc_erlang_b(loads[i], n) <= 1e-300);
        }
    }
    assert_true(cc_erlang_b(5.0, 0) == 1.0);
    assert_true(cc_erlang_b(0.0, 3) == 0.0);
}

/* Forward recurrence B_k = A B_{k-1}/(k + A B_{k-1}) in long double, from k = 0. */
static long double erlang_c_long(double a, long n)
{
    long double b = 1.0L;
    for (long k = 1; k <= n; k++)
        b = (long double)a * b / ((long double)k + (long double)a * b);
    return (long double)n * b / ((long double)n - (long double)a * (1.0L - b));
}

/* Erlang C from 1 to 100,000 agents, fractional and near-saturated loads. */
static void test_erlang_c_wide_range(void **state)
{
    const long sizes[] = {1, 2, 7, 100, 1000, 10000, 100000};
    (void)state;
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        double n = (double)sizes[i];
        const double loads[] = {0.05, 0.5 * n, 0.9 * n, n - 1.0 / 3.0, n - 1e-6, 8765.4};
        for (size_t j = 0; j < sizeof(loads) / sizeof(loads[0]); j++) {
            double a = loads[j];
            long double want;
            if (!(a > 0.0 && a < n))
                continue;
            want = erlang_c_long(a, sizes[i]);
            if (want < 1e-300L)
                assert_true(cc_erlang_c(a, sizes[i]) < 1e-300);
            else
                assert_rel_close(cc_erlang_c(a, sizes[i]), (double)want, 1e-9);
        }
    }
    assert_true(cc_erlang_c(10.0, 10) == 1.0);
    assert_true(cc_erlang_c(11.0, 10) == 1.0);
}

/* T = 0: the service level is exactly the share that does not wait. */
static void test_zero_target(void **state)
{
    const double patience[] = {0, 0.5, 60, 1e6};
    (void)state;
    for (size_t i = 0; i < 4; i++) {
        cc_erlang_input in = queue(1000, 300, 90, 0, patience[i]);
        cc_erlang_result r = eval_ok(&in);
        assert_rel_close(r.service_level, 1.0 - r.p_wait, 1e-14);
        in.agents = 70; /* overloaded when patience is given */
        if (patience[i] > 0) {
            r = eval_ok(&in);
            assert_rel_close(r.service_level, 1.0 - r.p_wait, 1e-12);
        }
    }
}

/* M/M/1: C = rho, SL = 1 - rho e^{-(mu - lambda) T}, ASA = rho/(mu - lambda). */
static void test_mm1_closed_forms(void **state)
{
    const double rho[] = {0.05, 0.3, 0.75, 0.99, 0.999999};
    (void)state;
    for (size_t i = 0; i < 5; i++) {
        double aht = 240, mu = 1 / aht, lambda = rho[i] * mu;
        cc_erlang_input in = queue(lambda * 3600, aht, 1, 30, 0);
        cc_erlang_result r = eval_ok(&in);
        double a = r.traffic_erlangs; /* rho as rounded from the inputs */
        assert_rel_close(a, rho[i], 1e-15);
        assert_rel_close(r.p_wait, a, 1e-15);
        /* 1 - a e^{-x} = (1 - a) - a (e^{-x} - 1), without cancellation */
        assert_rel_close(r.service_level, (1 - a) - a * expm1(-(1 - a) * 30 / aht), 1e-14);
        assert_rel_close(r.asa_s, a * aht / (1 - a), 1e-14);
        assert_rel_close(r.occupancy, a, 1e-15);
    }
}

/* Patience 1e12 s is Erlang C to within its O(theta) effect. */
static void test_long_patience_limit(void **state)
{
    const long agents[] = {1, 14, 100, 10000};
    const double per_hour[] = {10, 150, 1080, 118800};
    (void)state;
    for (size_t i = 0; i < 4; i++) {
        cc_erlang_input c = queue(per_hour[i], 300, agents[i], 20, 0);
        cc_erlang_input a = queue(per_hour[i], 300, agents[i], 20, 1e12);
        cc_erlang_result rc = eval_ok(&c), ra = eval_ok(&a);
        assert_rel_close(ra.p_wait, rc.p_wait, 1e-7);
        assert_rel_close(ra.service_level, rc.service_level, 1e-7);
        assert_rel_close(ra.asa_s, rc.asa_s, 1e-7);
        assert_rel_close(ra.occupancy, rc.occupancy, 1e-7);
        assert_true(ra.p_abandon < 1e-7);
    }
}

/*
 * theta = mu: every state k empties at rate k mu, so the number in system is
 * Poisson(A): P(wait) = P(X >= N), P(abandon) = E[(X - N)+]/A and occupancy
 * = E[min(X, N)]/N, all from GSL's Poisson tails.
 */
static void test_patience_equals_aht(void **state)
{
    const long agents[] = {1, 3, 20, 100, 1000};
    const double loads[] = {0.4, 2.5, 25.0, 92.0, 1010.0};
    (void)state;
    for (size_t i = 0; i < 5; i++) {
        double aht = 180, a = loads[i];
        long n = agents[i];
        cc_erlang_input in = queue(a * 3600 / aht, aht, n, 15, aht);
        cc_erlang_result r = eval_ok(&in);
        /*
         * E[(X - N)+] = E[X 1{X > N}] - N P(X > N) = A P(X >= N) - N P(X > N),
         * with GSL's Poisson tails, accurate in double (a direct sum of the
         * Poisson terms underflows at A = 1010 without extended precision).
         */
        double excess = a * gsl_cdf_poisson_Q((unsigned)(n - 1), a) -
                        (double)n * gsl_cdf_poisson_Q((unsigned)n, a);
        assert_rel_close(r.p_wait, gsl_cdf_poisson_Q((unsigned)(n - 1), a), 1e-10);
        assert_rel_close(r.p_abandon, excess / a, 1e-10);
        assert_rel_close(r.occupancy, (a - excess) / (double)n, 1e-10);
    }
}

/* ---- brute force ------------------------------------------------------------ */

/* Figures from the uniformized tagged-customer chain. */
typedef struct brute {
    double p_wait, sl, sl_answered, sl_virtual, sl_exclude, asa;
} brute;

/*
 * Erlang A by brute force in long double. Stationary weights q_j of state
 * N + j are summed directly (tail below 1e-24); the aggregate mass of
 * tagged customers by position j then evolves as one discrete chain under
 * uniformization at rate L = N mu + (J+1) theta + theta: per step, position
 * j moves down with probability (N mu + j theta)/L, is answered from 0 with
 * N mu/L, abandons with theta/L. P(answered by T) = sum_n Poisson(L T, n)
 * P(answered within n steps). The virtual wait drops the own abandonment.
 * Independent of the library's integral formulas.
 */
static brute brute_force(double per_hour, double aht, long n, double t, double patience,
                         double s_short)
{
    enum { JMAX = 400 };
    long double lambda = (long double)per_hour / 3600.0L, mu = 1.0L / (long double)aht;
    long double theta = 1.0L / (long double)patience, nmu = (long double)n * mu;
    long double a = lambda / mu, q[JMAX], low = 0.0L, term = 1.0L, sup = 0.0L, answered = 0.0L;
    long double ans_t = 0.0L, virt_t = 0.0L, ab_s = 0.0L, wait_ans = 0.0L, z;
    int jn = 0;
    brute b;

    for (long k = n; k >= 1; k--) {
        term *= (long double)k / a;
        low += term;
    }
    q[0] = 1.0L;
    for (jn = 1; jn < JMAX; jn++) {
        q[jn] = q[jn - 1] * lambda / (nmu + jn * theta);
        if (q[jn] < 1e-24L * q[0] && nmu + jn * theta > lambda)
            break;
    }
    assert_true(jn < JMAX);
    for (int j = 0; j < jn; j++) {
        long double h = 0.0L;
        sup += q[j];
        answered += q[j] * nmu / (nmu + (j + 1) * theta);
        for (int i = 1; i <= j + 1; i++)
            h += 1.0L / (nmu + i * theta);
        wait_ans += q[j] * nmu / (nmu + (j + 1) * theta) * h;
    }
    /* Three runs of the same chain: answered by T, virtual wait <= T, abandoned by s. */
    for (int mode = 0; mode < 3; mode++) {
        long double v[JMAX], rate = nmu + (jn + 1) * theta + theta;
        long double horizon = mode == 2 ? (long double)s_short : (long double)t;
        long double lt = rate * horizon, pois = expl(-lt), absorbed = 0.0L;
        long double result = 0.0L;
        memcpy(v, q, sizeof(long double) * (size_t)jn);
        result = 0.0L; /* absorbed within 0 steps */
        for (long step = 1; (long double)step < lt + 10.0L || pois > 1e-24L; step++) {
            long double next[JMAX] = {0};
            for (int j = 0; j < jn; j++) {
                long double down = (nmu + j * theta) / rate;
                long double own = mode == 1 ? 0.0L : theta / rate;
                if (j == 0) {
                    if (mode != 2)
                        absorbed += v[0] * down;
                } else {
                    next[j - 1] += v[j] * down;
                }
                if (mode == 2)
                    absorbed += v[j] * own;
                next[j] += v[j] * (1.0L - down - own);
            }
            memcpy(v, next, sizeof(long double) * (size_t)jn);
            pois *= lt / (long double)step;
            result += pois * absorbed;
            assert_true(step < 100000);
        }
        if (mode == 0)
            ans_t = result;
        else if (mode == 1)
            virt_t = result;
        else
            ab_s = result;
    }
    z = low + sup;
    b.p_wait = (double)(sup / z);
    b.sl = (double)((low + ans_t) / z);
    b.sl_answered = (double)((low + ans_t) / (low + answered));
    b.sl_virtual = (double)((low + virt_t) / z);
    b.sl_exclude = (double)((low + ans_t) / (z - ab_s));
    b.asa = (double)(wait_ans / (low + answered));
    return b;
}

static void test_erlang_a_brute_force(void **state)
{
    /* per hour, AHT, N, T, patience, short abandon threshold */
    const double cases[][6] = {
        {50, 180, 3, 20, 90, 5},
        {10, 300, 1, 30, 60, 10},
        {150, 180, 5, 30, 60, 10},  /* A = 7.5 > N */
        {100, 120, 4, 15, 400, 3},
        {40, 600, 6, 60, 30, 20},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const double *c = cases[i];
        brute b = brute_force(c[0], c[1], (long)c[2], c[3], c[4], c[5]);
        cc_erlang_input in = queue(c[0], c[1], (long)c[2], c[3], c[4]);
        cc_erlang_result r = eval_ok(&in);
        assert_rel_close(r.p_wait, b.p_wait, 1e-12);
        assert_rel_close(r.service_level, b.sl, 1e-10);
        assert_rel_close(r.asa_s, b.asa, 1e-12);
        in.sl_definition = CC_SL_ANSWERED;
        assert_rel_close(eval_ok(&in).service_level, b.sl_answered, 1e-10);
        in.sl_definition = CC_SL_VIRTUAL;
        assert_rel_close(eval_ok(&in).service_level, b.sl_virtual, 1e-10);
        in.sl_definition = CC_SL_EXCLUDE_SHORT;
        in.short_abandon_s = c[5];
        assert_rel_close(eval_ok(&in).service_level, b.sl_exclude, 1e-10);
    }
}

/* ---- service-level definitions -------------------------------------------- */

static void test_sl_definitions_relations(void **state)
{
    cc_erlang_input in = queue(1500, 240, 95, 20, 90);
    cc_erlang_result offered, answered, shorts, none, all, virt;
    (void)state;
    offered = eval_ok(&in);
    in.sl_definition = CC_SL_ANSWERED;
    answered = eval_ok(&in);
    in.sl_definition = CC_SL_EXCLUDE_SHORT;
    in.short_abandon_s = 5;
    shorts = eval_ok(&in);
    in.short_abandon_s = 0;
    none = eval_ok(&in);
    in.short_abandon_s = 1e9;
    all = eval_ok(&in);
    in.sl_definition = CC_SL_VIRTUAL;
    virt = eval_ok(&in);

    /* answered within T / (offered - abandoned) > ... / (offered - short) > ... / offered */
    assert_true(answered.service_level > shorts.service_level);
    assert_true(shorts.service_level > offered.service_level);
    assert_rel_close(none.service_level, offered.service_level, 1e-14);
    assert_rel_close(all.service_level, answered.service_level, 1e-14);
    assert_rel_close(answered.service_level * (1 - offered.p_abandon),
                     offered.service_level, 1e-14);
    /* A customer who never abandons waits longer than an answered one. */
    assert_true(virt.asa_s > offered.asa_s);
    assert_true(virt.service_level < answered.service_level);
    /* Only the service level and (virtual) ASA depend on the definition. */
    assert_true(virt.p_wait == offered.p_wait && virt.p_abandon == offered.p_abandon);
    assert_true(shorts.asa_s == offered.asa_s);

    /* Under Erlang C every definition is the same. */
    in = queue(1500, 240, 105, 20, 0);
    offered = eval_ok(&in);
    for (int d = CC_SL_ANSWERED; d <= CC_SL_VIRTUAL; d++) {
        in.sl_definition = (cc_sl_definition)d;
        in.short_abandon_s = 7;
        virt = eval_ok(&in);
        assert_true(virt.service_level == offered.service_level);
        assert_true(virt.asa_s == offered.asa_s);
    }
}

/* ---- extremes -------------------------------------------------------------- */

/* Tiny traffic: B underflows with huge N; everything stays finite. */
static void test_tiny_traffic(void **state)
{
    const double patience[] = {0, 60};
    (void)state;
    for (int i = 0; i < 2; i++) {
        cc_erlang_input in = queue(0.6, 300, 1, 20, patience[i]); /* A = 0.05 */
        cc_erlang_result r = eval_ok(&in);
        assert_sane(&r);
        if (patience[i] == 0)
            assert_rel_close(r.p_wait, 0.05, 1e-15);
        in.agents = 100000;
        r = eval_ok(&in);
        assert_sane(&r);
        assert_true(r.p_wait == 0.0 && r.service_level == 1.0 && r.asa_s == 0.0);
        assert_true(r.p_abandon == 0.0 && r.mean_wait_s == 0.0);
        assert_rel_close(r.occupancy, 0.05 / 100000, 1e-15);
        in.agents = CC_ERLANG_MAX_AGENTS;
        in.arrivals_per_hour = CC_ERLANG_MIN_ARRIVALS_PER_HOUR;
        r = eval_ok(&in);
        assert_sane(&r);
        assert_true(r.p_wait == 0.0);
    }
}

/* 100,000 agents at A = 99,000 and A = N - 1e-4, N - 1e-6. */
static void test_large_and_saturated(void **state)
{
    const long sizes[] = {1, 10, 1000, 100000};
    (void)state;
    for (size_t i = 0; i < 4; i++) {
        double n = (double)sizes[i];
        const double gaps[] = {1e-4, 1e-6};
        for (int g = 0; g < 2; g++) {
            cc_erlang_input in = queue(n - gaps[g], 3600, sizes[i], 20, 0);
            cc_erlang_result r = eval_ok(&in);
            double a = r.traffic_erlangs; /* as rounded from the inputs */
            long double want = erlang_c_long(a, sizes[i]);
            assert_rel_close(n - a, gaps[g], 1e-4);
            assert_sane(&r);
            assert_rel_close(r.p_wait, (double)want, 1e-9);
            assert_rel_close(r.asa_s, (double)(want * 3600.0L / ((long double)n - a)), 1e-9);
            assert_true(r.service_level > 0.0 && r.service_level < 1e-3);
            /* With patience the saturated queue is tame. */
            in.patience_mean_s = 600;
            r = eval_ok(&in);
            assert_sane(&r);
            assert_true(r.p_abandon > 0.0 && r.p_abandon < 1.0);
        }
    }
}

/* A grid over sizes, loads, patience and targets: never NaN or infinity. */
static void test_never_nan(void **state)
{
    const long sizes[] = {1, 2, 17, 300, 5000, 100000, CC_ERLANG_MAX_AGENTS};
    const double rho[] = {1e-6, 0.3, 0.95, 0.999999, 1.0, 1.7, 40.0};
    const double patience[] = {0, 1e-6, 0.3, 200, 1e6, 1e12};
    const double targets[] = {0, 20, 1e5};
    (void)state;
    for (size_t i = 0; i < 7; i++)
        for (size_t j = 0; j < 7; j++)
            for (size_t k = 0; k < 6; k++)
                for (size_t l = 0; l < 3; l++)
                    for (int d = CC_SL_OFFERED; d <= CC_SL_VIRTUAL; d++) {
                        double per_hour = rho[j] * (double)sizes[i] * 3600 / 300;
                        cc_erlang_input in = queue(per_hour, 300, sizes[i], targets[l],
                                                   patience[k]);
                        cc_erlang_result r;
                        cc_status st;
                        in.sl_definition = (cc_sl_definition)d;
                        in.short_abandon_s = 10;
                        if (sizes[i] >= 5000 && d != CC_SL_OFFERED)
                            continue; /* keep the test quick; the paths are the same */
                        st = cc_erlang_eval(&in, &r, NULL);
                        if (patience[k] == 0 && rho[j] >= 1.0) {
                            assert_int_equal(st, CC_EUNSTABLE);
                            continue;
                        }
                        assert_int_equal(st, CC_OK);
                        assert_sane(&r);
                        assert_true(r.p_abandon <= r.p_wait * (1 + 1e-12));
                    }
}

/* Adding an agent never hurts: the staffing search relies on it. */
static void test_monotone_in_agents(void **state)
{
    const double patience[] = {0, 45, 600};
    (void)state;
    for (int p = 0; p < 3; p++) {
        cc_erlang_result prev = {0};
        for (long n = 1; n <= 80; n++) {
            cc_erlang_input in = queue(40 * 3600 / 300.0, 300, n, 20, patience[p]);
            cc_erlang_result r;
            if (cc_erlang_eval(&in, &r, NULL) != CC_OK) {
                assert_true(patience[p] == 0 && n <= 40);
                continue;
            }
            if (prev.agents) {
                assert_true(r.service_level >= prev.service_level);
                assert_true(r.asa_s <= prev.asa_s);
                assert_true(r.p_wait <= prev.p_wait);
                assert_true(r.p_abandon <= prev.p_abandon);
                assert_true(r.occupancy <= prev.occupancy);
            }
            prev = r;
        }
    }
}

/* ---- errors ---------------------------------------------------------------- */

static void test_unstable(void **state)
{
    cc_erlang_input in = queue(1200, 300, 100, 20, 0); /* A = N = 100 */
    cc_erlang_result r, before;
    cc_error err;
    (void)state;
    memset(&r, 0x5a, sizeof(r));
    before = r;
    assert_int_equal(cc_erlang_eval(&in, &r, &err), CC_EUNSTABLE);
    assert_int_equal(err.code, CC_EUNSTABLE);
    assert_memory_equal(&r, &before, sizeof(r));
    assert_non_null(strstr(err.message, "unstable"));
    for (const char *c = err.message; *c; c++)
        assert_false(isdigit((unsigned char)*c));
    in.arrivals_per_hour = 5000;
    assert_int_equal(cc_erlang_eval(&in, &r, NULL), CC_EUNSTABLE);
}

/* One invalid field at a time; the message names it. */
static void expect_invalid(cc_erlang_input in, const char *field)
{
    cc_erlang_result r;
    cc_error err;
    assert_int_equal(cc_erlang_eval(&in, &r, &err), CC_EINVAL);
    if (!strstr(err.message, field))
        print_error("message '%s' does not name '%s'\n", err.message, field);
    assert_non_null(strstr(err.message, field));
}

static void test_invalid_fields(void **state)
{
    const cc_erlang_input good = queue(100, 300, 10, 20, 0);
    const double bad_positive[] = {0.0, -1.0, NAN, INFINITY, -INFINITY, 1e300};
    cc_erlang_input in;
    (void)state;
    for (int i = 0; i < 6; i++) {
        in = good;
        in.arrivals_per_hour = bad_positive[i];
        expect_invalid(in, "'arrivals_per_hour'");
        in = good;
        in.aht_s = bad_positive[i];
        expect_invalid(in, "'aht_s'");
    }
    in = good;
    in.agents = 0;
    expect_invalid(in, "'agents'");
    in.agents = -5;
    expect_invalid(in, "'agents'");
    in.agents = CC_ERLANG_MAX_AGENTS + 1;
    expect_invalid(in, "'agents'");
    in = good;
    in.target_s = -1;
    expect_invalid(in, "'target_s'");
    in.target_s = NAN;
    expect_invalid(in, "'target_s'");
    in = good;
    in.patience_mean_s = -3;
    expect_invalid(in, "'patience_mean_s'");
    in.patience_mean_s = INFINITY;
    expect_invalid(in, "'patience_mean_s'");
    in.patience_mean_s = NAN;
    expect_invalid(in, "'patience_mean_s'");
    in = good;
    in.sl_definition = (cc_sl_definition)99;
    expect_invalid(in, "'sl_definition'");
    in = good;
    in.short_abandon_s = -1;
    expect_invalid(in, "'short_abandon_s'");
    /* The edges of the documented ranges are accepted. */
    in = good;
    in.arrivals_per_hour = CC_ERLANG_MAX_ARRIVALS_PER_HOUR;
    in.patience_mean_s = CC_ERLANG_MAX_SECONDS;
    in.target_s = CC_ERLANG_MAX_SECONDS;
    in.aht_s = CC_ERLANG_MAX_AHT_S;
    assert_sane((cc_erlang_result[]){eval_ok(&in)});
    in.patience_mean_s = CC_ERLANG_MIN_SECONDS;
    in.aht_s = CC_ERLANG_MIN_SECONDS;
    assert_sane((cc_erlang_result[]){eval_ok(&in)});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_table),
        cmocka_unit_test(test_pyworkforce_golden),
        cmocka_unit_test(test_workload_w1),
        cmocka_unit_test(test_workload_w2),
        cmocka_unit_test(test_mm2_closed_form),
        cmocka_unit_test(test_erlang_b_closed_form),
        cmocka_unit_test(test_erlang_c_wide_range),
        cmocka_unit_test(test_zero_target),
        cmocka_unit_test(test_mm1_closed_forms),
        cmocka_unit_test(test_long_patience_limit),
        cmocka_unit_test(test_patience_equals_aht),
        cmocka_unit_test(test_erlang_a_brute_force),
        cmocka_unit_test(test_sl_definitions_relations),
        cmocka_unit_test(test_tiny_traffic),
        cmocka_unit_test(test_large_and_saturated),
        cmocka_unit_test(test_never_nan),
        cmocka_unit_test(test_monotone_in_agents),
        cmocka_unit_test(test_unstable),
        cmocka_unit_test(test_invalid_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
