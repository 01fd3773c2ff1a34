/*
 * Random streams and samplers: splitmix64 and stream keys against known
 * values, the taus2 state seeding against an independent implementation of
 * the recurrence, stream independence and reproducibility, and the
 * distributions against their laws (chi-square over equiprobable bins,
 * moments with 5-sigma bounds at fixed seeds).
 */
#include <math.h>
#include <stdlib.h>

#include "engine/rng.h"
#include "test_util.h"

static void test_splitmix64_known_values(void **state)
{
    /* Vigna's splitmix64.c seeded with 0; also reproduced in Python. */
    uint64_t s = 0;
    (void)state;
    assert_true(cc_splitmix64(&s) == 0xe220a8397b1dcdafULL);
    assert_true(cc_splitmix64(&s) == 0x6e789e6aa1b965f4ULL);
    assert_true(cc_splitmix64(&s) == 0x06c45d188009454fULL);
}

static void test_stream_keys(void **state)
{
    uint64_t seen[1000];
    size_t n = 0, i, j;
    uint64_t r, k;
    (void)state;
    /* values from an independent Python transcription of cc_rng_stream_key */
    assert_true(cc_rng_stream_key(1, 0, 0) == 0xb18a02f46d8d86c3ULL);
    assert_true(cc_rng_stream_key(42, 7, 3) == 0xa554b11c986a27adULL);
    for (r = 0; r < 100; r++)
        for (k = 0; k < 10; k++)
            seen[n++] = cc_rng_stream_key(7, r, k);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            assert_true(seen[i] != seen[j]);
    assert_true(cc_rng_stream_key(7, 1, 0) != cc_rng_stream_key(8, 1, 0));
}

/* L'Ecuyer's three-component Tausworthe step as GSL's taus2 defines it. */
static uint32_t taus_step(uint32_t s, int a, int b, uint32_t c, int d)
{
    return ((s & c) << d) ^ (((s << a) ^ s) >> b);
}

static void test_taus2_seeding_matches_recurrence(void **state)
{
    cc_stream st;
    uint64_t key = cc_rng_stream_key(42, 7, 3), sm = key;
    uint32_t s1 = (uint32_t)cc_splitmix64(&sm), s2 = (uint32_t)cc_splitmix64(&sm),
             s3 = (uint32_t)cc_splitmix64(&sm);
    int i;
    (void)state;
    if (s1 < 2)
        s1 += 2;
    if (s2 < 8)
        s2 += 8;
    if (s3 < 16)
        s3 += 16;
    cc_stream_init(&st);
    cc_stream_seed(&st, key);
    for (i = 0; i < 8 + 1000; i++) {
        uint32_t want;
        s1 = taus_step(s1, 13, 19, 4294967294u, 12);
        s2 = taus_step(s2, 2, 25, 4294967288u, 4);
        s3 = taus_step(s3, 3, 11, 4294967280u, 17);
        want = s1 ^ s2 ^ s3;
        if (i >= 8)
            assert_int_equal(cc_stream_u32(&st), want);
    }
    cc_stream_release(&st);
}

static void test_golden_sequence(void **state)
{
    /* Outputs 1, 2, 3 and 1000 for key(42, 7, 3), from the Python reference. */
    cc_stream st;
    int i;
    uint32_t last = 0;
    (void)state;
    cc_stream_init(&st);
    cc_stream_seed(&st, cc_rng_stream_key(42, 7, 3));
    assert_int_equal(cc_stream_u32(&st), 3009572434u);
    assert_int_equal(cc_stream_u32(&st), 4208590083u);
    assert_int_equal(cc_stream_u32(&st), 3206692172u);
    for (i = 3; i < 1000; i++)
        last = cc_stream_u32(&st);
    assert_int_equal(last, 4072328883u);
    cc_stream_release(&st);
}

static void test_reseed_reproduces_and_streams_differ(void **state)
{
    cc_stream a, b;
    uint32_t first[64];
    int i, same = 0;
    (void)state;
    cc_stream_init(&a);
    cc_stream_init(&b);
    cc_stream_seed(&a, 99);
    for (i = 0; i < 64; i++)
        first[i] = cc_stream_u32(&a);
    cc_stream_seed(&a, 99);
    cc_stream_seed(&b, 100);
    for (i = 0; i < 64; i++) {
        assert_int_equal(cc_stream_u32(&a), first[i]);
        same += cc_stream_u32(&b) == first[i];
    }
    assert_true(same < 2);
    cc_stream_release(&a);
    cc_stream_release(&b);
    cc_stream_release(NULL);
}

static void test_uniform_open_interval(void **state)
{
    cc_stream st;
    int i;
    double lo = 1.0, hi = 0.0, sum = 0.0;
    (void)state;
    cc_stream_init(&st);
    cc_stream_seed(&st, 5);
    for (i = 0; i < 100000; i++) {
        double u = cc_stream_uniform(&st);
        assert_true(u > 0.0 && u < 1.0);
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
        sum += u;
    }
    assert_true(lo < 1e-4 && hi > 1.0 - 1e-4);
    /* mean 1/2, sd of the mean sqrt(1/12/n) = 9.1e-4; 5 sigma */
    assert_abs_close(sum / 100000, 0.5, 5 * 9.13e-4);
    cc_stream_release(&st);
}

/*
 * Chi-square of 400k Exp(1) draws over 64 equiprobable bins (edges
 * -ln(1 - k/64)); 63 degrees of freedom, P(chi2 > 130) ~ 1e-6. The tail
 * beyond the ziggurat's base (7.697) has probability 4.54e-4 and is checked
 * on its own within 5 sigma.
 */
static void test_exponential_ziggurat_law(void **state)
{
    enum { N = 400000, B = 64 };
    cc_stream st;
    cc_zig z;
    long count[B] = {0}, tail = 0;
    double chi2 = 0.0, sum = 0.0, sum2 = 0.0, mean, var, e_tail, sd_tail;
    int i;
    (void)state;
    cc_zig_init(&z);
    cc_stream_init(&st);
    cc_stream_seed(&st, cc_rng_stream_key(2024, 0, 0));
    for (i = 0; i < N; i++) {
        double x = cc_stream_exp1(&st, &z);
        int b;
        assert_true(x >= 0.0 && isfinite(x));
        b = (int)floor(-expm1(-x) * B); /* CDF 1 - e^-x scaled to the bin */
        if (b >= B)
            b = B - 1;
        count[b]++;
        tail += x > 7.697117470131487;
        sum += x;
        sum2 += x * x;
    }
    for (i = 0; i < B; i++) {
        double e = (double)N / B;
        chi2 += (count[i] - e) * (count[i] - e) / e;
    }
    assert_true(chi2 < 130.0);
    mean = sum / N;
    var = sum2 / N - mean * mean;
    assert_abs_close(mean, 1.0, 5.0 / sqrt((double)N));
    /* Var of the sample variance of Exp(1) is (mu4 - 1)/n = 8/n */
    assert_abs_close(var, 1.0, 5.0 * sqrt(8.0 / N));
    e_tail = N * exp(-7.697117470131487);
    sd_tail = sqrt(e_tail);
    assert_abs_close((double)tail, e_tail, 5 * sd_tail);
    cc_stream_release(&st);
}

/* Mean and cv of n draws from d; both checked within tolerance. */
static void check_mean_cv(const cc_dist *d, double want_mean, double want_cv, double rtol)
{
    cc_stream st;
    cc_zig z;
    double sum = 0.0, sum2 = 0.0, mean, sd;
    int i, n = 200000;
    cc_zig_init(&z);
    cc_stream_init(&st);
    cc_stream_seed(&st, cc_rng_stream_key(77, 1, (uint64_t)d->kind));
    for (i = 0; i < n; i++) {
        double x = cc_dist_sample(d, &st, &z);
        assert_true(x >= 0.0);
        sum += x;
        sum2 += x * x;
    }
    mean = sum / n;
    sd = sqrt(sum2 / n - mean * mean);
    assert_rel_close(mean, want_mean, rtol);
    if (want_cv > 0)
        assert_rel_close(sd / mean, want_cv, 3 * rtol);
    else
        assert_abs_close(sd, 0.0, 1e-9);
    cc_stream_release(&st);
}

static void test_distribution_moments(void **state)
{
    cc_dist d = {CC_DIST_EXPONENTIAL, 300.0, 0.0, NULL, 0};
    (void)state;
    /* sd of the mean / mean = cv / sqrt(n): 0.0022 (cv 1), 0.0011 (cv 0.5) */
    check_mean_cv(&d, 300.0, 1.0, 0.012);
    d.kind = CC_DIST_LOGNORMAL;
    d.cv = 0.5;
    check_mean_cv(&d, 300.0, 0.5, 0.006);
    d.kind = CC_DIST_GAMMA;
    d.mean_s = 45.0;
    d.cv = 0.7;
    check_mean_cv(&d, 45.0, 0.7, 0.009);
    d.kind = CC_DIST_DETERMINISTIC;
    d.mean_s = 12.5;
    check_mean_cv(&d, 12.5, 0.0, 1e-12);
}

static void test_empirical_and_none(void **state)
{
    double values[3] = {10.0, 20.0, 60.0};
    cc_dist d = {CC_DIST_EMPIRICAL, 0.0, 0.0, values, 3};
    cc_dist none = {CC_DIST_NONE, 5.0, 0.0, NULL, 0};
    cc_stream st;
    cc_zig z;
    long n10 = 0, n20 = 0, n60 = 0;
    int i, n = 30000;
    (void)state;
    cc_zig_init(&z);
    cc_stream_init(&st);
    cc_stream_seed(&st, 3);
    for (i = 0; i < n; i++) {
        double x = cc_dist_sample(&d, &st, &z);
        n10 += x == 10.0;
        n20 += x == 20.0;
        n60 += x == 60.0;
    }
    assert_int_equal(n10 + n20 + n60, n);
    /* binomial sd sqrt(n p (1-p)) = 81.6; 5 sigma */
    assert_abs_close((double)n10, n / 3.0, 410);
    assert_abs_close((double)n60, n / 3.0, 410);
    assert_true(cc_dist_sample(&none, &st, &z) == 0.0);
    cc_stream_release(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_splitmix64_known_values),
        cmocka_unit_test(test_stream_keys),
        cmocka_unit_test(test_taus2_seeding_matches_recurrence),
        cmocka_unit_test(test_golden_sequence),
        cmocka_unit_test(test_reseed_reproduces_and_streams_differ),
        cmocka_unit_test(test_uniform_open_interval),
        cmocka_unit_test(test_exponential_ziggurat_law),
        cmocka_unit_test(test_distribution_moments),
        cmocka_unit_test(test_empirical_and_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
