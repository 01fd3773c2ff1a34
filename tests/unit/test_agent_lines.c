/*
 * Tests of the weekly agent lines: the fewest agents against Baker's
 * days-off bound, every line checked by an independent checker (days off,
 * their runs with wrap-around, one shift per day, rest, every shift worked
 * exactly once), a partial last week, night shifts and the evening before
 * the horizon, agents added when rest leaves no other way, agents.csv, and
 * input errors.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "cc_report.h"
#include "test_util.h"

#define H 3600.0
#define REST CC_PLAN_MIN_REST_S

/* ---- building rosters --------------------------------------------------------- */

/* Rules used by the tests: day 09-17, early 06-14, late 14-23 (1 h break), night 22-06. */
static const cc_shift_rule test_rules[4] = {
    {.name = "day", .first_start_s = 9 * H, .last_start_s = 9 * H, .length_s = 8 * H},
    {.name = "early", .first_start_s = 6 * H, .last_start_s = 6 * H, .length_s = 8 * H},
    {.name = "late", .first_start_s = 14 * H, .last_start_s = 14 * H, .length_s = 9 * H,
     .break_offset_s = 4 * H, .break_s = 1 * H},
    {.name = "night", .first_start_s = 22 * H, .last_start_s = 22 * H, .length_s = 8 * H},
};
enum { R_DAY, R_EARLY, R_LATE, R_NIGHT };

typedef struct roster {
    cc_shift_plan plan;
    cc_shift_start starts[4096];
} roster;

static void roster_init(roster *r)
{
    memset(r, 0, sizeof *r);
    r->plan.starts = r->starts;
}

static void add_start(roster *r, long day, int rule, long agents)
{
    cc_shift_start *st;
    if (agents <= 0)
        return;
    assert_true(r->plan.n_starts < sizeof r->starts / sizeof r->starts[0]);
    st = &r->starts[r->plan.n_starts++];
    st->day = day;
    st->rule = (size_t)rule;
    st->start_s = test_rules[rule].first_start_s;
    st->agents = agents;
    r->plan.n_shifts += agents;
}

static cc_agent_lines *lines_ok(const roster *r, size_t n_days, int first_weekday,
                                const cc_days_off_rule *rule, double rest)
{
    cc_agent_lines *L = NULL;
    cc_error err;
    cc_status st = cc_plan_agent_lines(&r->plan, test_rules, 4, n_days, first_weekday, rule,
                                       rest, &L, &err);
    if (st != CC_OK)
        print_error("cc_plan_agent_lines: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    assert_non_null(L);
    return L;
}

/* ---- the independent checker ------------------------------------------------------- */

/* A start's time on site and paid time: its own when set, else its rule's. */
static double start_len(const cc_shift_start *st)
{
    return st->length_s > 0 ? st->length_s : test_rules[st->rule].length_s;
}

static double start_paid_h(const cc_shift_start *st)
{
    if (st->paid_s > 0)
        return st->paid_s / H;
    return (start_len(st) - test_rules[st->rule].break_s) / H;
}

/* Days off expected in a week of len days (the documented proration). */
static int expected_off(int days_off, int len)
{
    int k;
    if (len == 7)
        return days_off;
    k = (int)floor(days_off * len / 7.0 + 0.5);
    return k > len - 1 ? len - 1 : k;
}

/* 1 when `off` (bits of a week of len days) holds a run of k days, wrapping when len == 7. */
static int has_run(unsigned off, int len, int k)
{
    if (k == 0)
        return 1;
    for (int s = 0; s < (len == 7 ? 7 : len - k + 1); s++) {
        int ok = 1;
        for (int i = 0; i < k && ok; i++)
            ok = off >> ((s + i) % len) & 1u;
        if (ok)
            return 1;
    }
    return 0;
}

typedef struct span {
    double t0, t1;
} span;

static int cmp_span(const void *a, const void *b)
{
    double x = ((const span *)a)->t0, y = ((const span *)b)->t0;
    return x < y ? -1 : x > y;
}

/*
 * Checks every rule of the lines against the roster; returns the number of
 * agent-weeks whose days without shift are not one run (surplus days apart
 * from the pattern), for reporting.
 */
static long check_lines(const roster *r, const cc_agent_lines *L, size_t n_days,
                        const cc_days_off_rule *rule, double rest)
{
    const cc_shift_plan *p = &r->plan;
    long *worked = calloc(p->n_starts + 1, sizeof *worked);
    span *sp = malloc((n_days + 2) * sizeof *sp);
    long scattered = 0;

    assert_int_equal(L->n_days, n_days);
    assert_int_equal(L->n_weeks, (n_days + 6) / 7);
    for (size_t a = 0; a < L->n_agents; a++) {
        size_t n_sp = 0;
        if (L->eve[a] >= 0) {
            const cc_shift_start *st = &p->starts[L->eve[a]];
            assert_true((size_t)L->eve[a] < p->n_starts);
            assert_int_equal(st->day, -1);
            worked[L->eve[a]]++;
            sp[n_sp].t0 = -86400.0 + st->start_s;
            sp[n_sp].t1 = sp[n_sp].t0 + start_len(st);
            n_sp++;
        }
        for (size_t d = 0; d < n_days; d++) {
            long j = L->shift[a * n_days + d];
            const cc_shift_start *st;
            if (j < 0)
                continue;
            assert_true((size_t)j < p->n_starts);
            st = &p->starts[j];
            /* one shift per day, on the day it starts */
            assert_int_equal(st->day, (long)d);
            worked[j]++;
            sp[n_sp].t0 = 86400.0 * (double)d + st->start_s;
            sp[n_sp].t1 = sp[n_sp].t0 + start_len(st);
            n_sp++;
        }
        /* rest between consecutive shifts, however many days apart */
        qsort(sp, n_sp, sizeof *sp, cmp_span);
        for (size_t i = 1; i < n_sp; i++)
            if (!(sp[i].t0 - sp[i - 1].t1 >= rest - 1e-6)) {
                print_error("agent %zu rests %g s before the shift at %g s\n", a,
                            sp[i].t0 - sp[i - 1].t1, sp[i].t0);
                fail();
            }
        /* the week's days off */
        for (size_t w = 0; w < L->n_weeks; w++) {
            int len = (int)(n_days - 7 * w < 7 ? n_days - 7 * w : 7);
            int k = expected_off(rule->days_off, len), days = 0;
            unsigned off = 0, mask = L->off_mask[a * L->n_weeks + w];
            double paid = 0;
            for (int i = 0; i < len; i++) {
                long j = L->shift[a * n_days + 7 * w + (size_t)i];
                if (j < 0) {
                    off |= 1u << i;
                    continue;
                }
                days++;
                paid += start_paid_h(&p->starts[j]);
            }
            assert_int_equal(L->week_days[w], len);
            assert_int_equal(L->week_days_off[w], k);
            assert_true(days <= len - k);
            assert_int_equal(L->days_worked[a * L->n_weeks + w], days);
            assert_abs_close(L->paid_h[a * L->n_weeks + w], paid, 1e-9);
            /* the pattern: days without shift, k or more of them, one run when asked */
            assert_int_equal(mask & ~off, 0);
            if (days > 0) {
                if (rule->consecutive) {
                    assert_true(__builtin_popcount(mask) >= k);
                    assert_true(has_run(mask, len, __builtin_popcount(mask)));
                } else {
                    assert_int_equal(__builtin_popcount(mask), k);
                }
            }
            if (rule->consecutive)
                assert_true(has_run(off, len, k));
            if (days > 0 && __builtin_popcount(off) > k &&
                !has_run(off, len, __builtin_popcount(off)))
                scattered++;
        }
    }
    /* every rostered shift worked by exactly one agent */
    for (size_t j = 0; j < p->n_starts; j++)
        if (worked[j] != p->starts[j].agents) {
            print_error("start %zu (day %ld) worked by %ld agents, rostered %ld\n", j,
                        p->starts[j].day, worked[j], p->starts[j].agents);
            fail();
        }
    /* headcounts */
    for (size_t w = 0; w < L->n_weeks; w++) {
        long hc = 0;
        for (size_t a = 0; a < L->n_agents; a++)
            hc += L->days_worked[a * L->n_weeks + w] > 0;
        assert_int_equal(L->headcount[w], hc);
        assert_true(L->headcount[w] >= L->min_headcount[w]);
        assert_true(L->headcount[w] <= L->min_headcount[w] + L->extra[w]);
    }
    free(worked);
    free(sp);
    return scattered;
}

/* ---- Baker's bound -------------------------------------------------------------------- */

/*
 * Fewest agents with 2 consecutive days off (cyclic) covering n[0..6]:
 * max(W1, W2, W3), W1 = max n, W2 = ceil(sum n / 5), W3 = max over j of
 * ceil((n_j + n_j+1 + n_j+3 + n_j+5) / 3) (Baker 1974). W3: the off pairs of
 * days j, j+1, j+3, j+5 touch every one of the 7 patterns, j+5 twice... so
 * 4H - (n_j + n_j+1 + n_j+3 + n_j+5) >= off-days on them >= H. Checked
 * against brute force in Python over 4000 random weeks before use.
 */
static long baker(const long n[7])
{
    long w1 = 0, sum = 0, w3 = 0;
    for (int j = 0; j < 7; j++) {
        long s4 = n[j] + n[(j + 1) % 7] + n[(j + 3) % 7] + n[(j + 5) % 7];
        w1 = n[j] > w1 ? n[j] : w1;
        sum += n[j];
        w3 = (s4 + 2) / 3 > w3 ? (s4 + 2) / 3 : w3;
    }
    sum = (sum + 4) / 5;
    return w1 > sum ? (w1 > w3 ? w1 : w3) : (sum > w3 ? sum : w3);
}

static cc_agent_lines *day_week(const long n[7], const cc_days_off_rule *rule, roster *r)
{
    roster_init(r);
    for (int d = 0; d < 7; d++)
        add_start(r, d, R_DAY, n[d]);
    return lines_ok(r, 7, 0, rule, REST);
}

/* (a) Known minima: each of Baker's three bounds binding once. */
static void test_baker_bounds_by_hand(void **state)
{
    static const struct {
        long n[7];
        long want;
    } cases[] = {
        {{5, 5, 5, 5, 5, 5, 5}, 7},  /* W2: 35 shifts / 5 days */
        {{8, 3, 3, 3, 3, 3, 3}, 8},  /* W1: Monday's 8 */
        /* W3: W1 = W2 = 5, but the pair Mon-Tue with Thu and Sat (2 + 4 + 5 + 5 = 16)
           ... j = 5: Sat, Sun, Tue, Thu = 5 + 5 + 4 + 5 = 19 -> ceil(19 / 3) = 7 */
        {{2, 4, 1, 5, 2, 5, 5}, 7},
    };
    cc_days_off_rule rule = {2, 1};
    roster r;
    (void)state;

    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        cc_agent_lines *L = day_week(cases[c].n, &rule, &r);
        assert_int_equal(baker(cases[c].n), cases[c].want);
        assert_int_equal(L->min_headcount[0], cases[c].want);
        assert_int_equal(L->headcount[0], cases[c].want);
        assert_int_equal(L->extra[0], 0);
        assert_int_equal(L->n_agents, (size_t)cases[c].want);
        check_lines(&r, L, 7, &rule, REST);
        cc_plan_agent_lines_free(L);
    }
}

/* (a) Random weeks: the programme's headcount equals Baker's bound every time. */
static void test_baker_random_weeks(void **state)
{
    cc_days_off_rule rule = {2, 1};
    unsigned long seed = 12345;
    roster r;
    (void)state;

    for (int trial = 0; trial < 150; trial++) {
        long n[7];
        cc_agent_lines *L;
        for (int d = 0; d < 7; d++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            n[d] = (long)((seed >> 33) % 9);
        }
        L = day_week(n, &rule, &r);
        if (L->min_headcount[0] != baker(n))
            print_error("week %ld %ld %ld %ld %ld %ld %ld: %ld agents, Baker %ld\n", n[0], n[1],
                        n[2], n[3], n[4], n[5], n[6], L->min_headcount[0], baker(n));
        assert_int_equal(L->min_headcount[0], baker(n));
        assert_int_equal(L->headcount[0], baker(n));
        check_lines(&r, L, 7, &rule, REST);
        cc_plan_agent_lines_free(L);
    }
}

/* Non-consecutive days off: max(max n, ceil(sum n / (7 - k))) suffices. */
static void test_days_off_not_consecutive(void **state)
{
    cc_days_off_rule rule = {2, 0};
    long n[7] = {2, 4, 1, 5, 2, 5, 5};
    roster r;
    cc_agent_lines *L;
    (void)state;

    L = day_week(n, &rule, &r);
    /* W3 no longer applies: ceil(24 / 5) = 5 = max n */
    assert_int_equal(L->min_headcount[0], 5);
    assert_int_equal(L->headcount[0], 5);
    check_lines(&r, L, 7, &rule, REST);
    cc_plan_agent_lines_free(L);

    rule.days_off = 3;
    L = day_week(n, &rule, &r);
    assert_int_equal(L->min_headcount[0], 6); /* ceil(24 / 4) */
    check_lines(&r, L, 7, &rule, REST);
    cc_plan_agent_lines_free(L);
}

/* (b) Wrap-around: no work on Sunday and Monday, so every agent is off Sunday-Monday. */
static void test_days_off_wrap_sunday_monday(void **state)
{
    cc_days_off_rule rule = {2, 1};
    long n[7] = {0, 4, 4, 4, 4, 4, 0};
    roster r;
    cc_agent_lines *L;
    (void)state;

    L = day_week(n, &rule, &r);
    assert_int_equal(L->headcount[0], 4);
    for (size_t a = 0; a < L->n_agents; a++)
        assert_int_equal(L->off_mask[a], (1u << 0) | (1u << 6));
    check_lines(&r, L, 7, &rule, REST);
    cc_plan_agent_lines_free(L);

    /* the checker itself refuses a non-wrapping reading of Sunday + Monday */
    assert_false(has_run((1u << 0) | (1u << 6), 5, 2));
    assert_true(has_run((1u << 0) | (1u << 6), 7, 2));
    assert_false(has_run((1u << 0) | (1u << 2), 7, 2));
}

/*
 * (b) A Monday-Friday team with slack (Monday needs all 3 agents, the other
 * weekdays 2): the agents' days off join the closed weekend, so every
 * agent's days without shift form one run.
 */
static void test_days_off_join_closed_days(void **state)
{
    cc_days_off_rule rule = {2, 1};
    long n[7] = {3, 2, 2, 2, 2, 0, 0};
    roster r;
    cc_agent_lines *L;
    (void)state;

    for (int week_start = 0; week_start < 7; week_start++) {
        /* the same week seen from each weekday: day d is weekday (week_start + d) % 7 */
        roster_init(&r);
        for (int d = 0; d < 7; d++)
            add_start(&r, d, R_DAY, n[(week_start + d) % 7]);
        L = lines_ok(&r, 7, week_start, &rule, REST);
        assert_int_equal(L->headcount[0], 3);
        for (size_t a = 0; a < L->n_agents; a++) {
            unsigned off = 0;
            for (int d = 0; d < 7; d++)
                if (L->shift[a * 7 + (size_t)d] < 0)
                    off |= 1u << d;
            if (!has_run(off, 7, __builtin_popcount(off)))
                print_error("agent %zu: days off 0x%x are not one run\n", a, off);
            assert_true(has_run(off, 7, __builtin_popcount(off)));
        }
        check_lines(&r, L, 7, &rule, REST);
        cc_plan_agent_lines_free(L);
    }
}

/* (b) Several weeks: agents keep their pattern while the demand does not change. */
static void test_patterns_kept_across_weeks(void **state)
{
    cc_days_off_rule rule = {2, 1};
    static const long n[7] = {6, 6, 5, 5, 6, 3, 2};
    roster r;
    cc_agent_lines *L;
    (void)state;

    roster_init(&r);
    for (int w = 0; w < 4; w++)
        for (int d = 0; d < 7; d++) {
            add_start(&r, 7 * w + d, R_EARLY, (n[d] + 1) / 2);
            add_start(&r, 7 * w + d, R_LATE, n[d] / 2);
        }
    L = lines_ok(&r, 28, 0, &rule, REST);
    check_lines(&r, L, 28, &rule, REST);
    for (size_t w = 1; w < 4; w++) {
        assert_int_equal(L->min_headcount[w], L->min_headcount[0]);
        for (size_t a = 0; a < L->n_agents; a++)
            assert_int_equal(L->off_mask[a * 4 + w], L->off_mask[a * 4]);
    }
    cc_plan_agent_lines_free(L);
}

/* (d) Ten days: a full week, then 3 days with 1 day off (2 x 3 / 7 rounded). */
static void test_partial_last_week(void **state)
{
    cc_days_off_rule rule = {2, 1};
    roster r;
    cc_agent_lines *L;
    (void)state;

    roster_init(&r);
    for (int d = 0; d < 10; d++) {
        add_start(&r, d, R_EARLY, 3);
        add_start(&r, d, R_LATE, 2);
    }
    L = lines_ok(&r, 10, 3, &rule, REST);
    assert_int_equal(L->n_weeks, 2);
    assert_int_equal(L->week_days[1], 3);
    assert_int_equal(L->week_days_off[1], 1);
    /* week 0: ceil(35 / 5) = 7; week 1: 15 shifts, each agent works <= 2 of 3 days */
    assert_int_equal(L->min_headcount[0], 7);
    assert_int_equal(L->min_headcount[1], 8);
    check_lines(&r, L, 10, &rule, REST);
    for (size_t a = 0; a < L->n_agents; a++)
        assert_true(L->days_worked[a * 2 + 1] <= 2);
    cc_plan_agent_lines_free(L);

    /* the proration table of the documentation, 2 days off */
    for (int len = 1; len <= 7; len++) {
        static const int table[7] = {0, 1, 1, 1, 1, 2, 2};
        assert_int_equal(expected_off(2, len), table[len - 1]);
    }
}

/* (e) Night shifts crossing midnight, and night shifts starting the day before. */
static void test_night_shifts_and_day_before(void **state)
{
    cc_days_off_rule rule = {2, 1};
    roster r;
    cc_agent_lines *L;
    long eve_agents = 0;
    (void)state;

    roster_init(&r);
    add_start(&r, -1, R_NIGHT, 2);
    for (int d = 0; d < 14; d++) {
        add_start(&r, d, R_EARLY, 3 + d % 3);
        add_start(&r, d, R_DAY, 2);
        add_start(&r, d, R_LATE, 3 - d % 2);
        add_start(&r, d, R_NIGHT, 2);
    }
    L = lines_ok(&r, 14, 0, &rule, REST);
    check_lines(&r, L, 14, &rule, REST);
    for (size_t a = 0; a < L->n_agents; a++)
        if (L->eve[a] >= 0) {
            long j = L->shift[a * 14 + 0];
            eve_agents++;
            /* a night ending at 06:00 leaves day 0 only from 17:00 on */
            assert_true(j < 0 || r.starts[j].start_s >= 17 * H);
        }
    assert_int_equal(eve_agents, 2);
    /* the evening before counts in no week */
    for (size_t w = 0; w < 2; w++) {
        long sum = 0, want = 0;
        for (size_t a = 0; a < L->n_agents; a++)
            sum += L->days_worked[a * 2 + w];
        for (size_t j = 0; j < r.plan.n_starts; j++)
            if (r.starts[j].day >= 7 * (long)w && r.starts[j].day < 7 * (long)w + 7)
                want += r.starts[j].agents;
        assert_int_equal(sum, want);
    }
    cc_plan_agent_lines_free(L);
}

/* (e) Rest that the days-off programme cannot see: agents are added, and say so. */
static void test_rest_adds_agents(void **state)
{
    cc_days_off_rule none = {0, 1}, two = {2, 1};
    roster r;
    cc_agent_lines *L;
    (void)state;

    /* nights on day 0, earlies on day 1: nobody may work both */
    roster_init(&r);
    add_start(&r, 0, R_NIGHT, 3);
    add_start(&r, 1, R_EARLY, 3);
    L = lines_ok(&r, 2, 0, &none, REST);
    assert_int_equal(L->min_headcount[0], 3);
    assert_int_equal(L->extra[0], 3);
    assert_int_equal(L->headcount[0], 6);
    check_lines(&r, L, 2, &none, REST);
    cc_plan_agent_lines_free(L);

    /* with no rest asked the same roster needs only 3 */
    L = lines_ok(&r, 2, 0, &none, 0.0);
    assert_int_equal(L->headcount[0], 3);
    assert_int_equal(L->extra[0], 0);
    check_lines(&r, L, 2, &none, 0.0);
    cc_plan_agent_lines_free(L);

    /*
     * Two shifts a day, 3 agents by the days-off bound (ceil(14 / 5)); Monday
     * has two lates, Tuesday two earlies: the Monday agents must be off on
     * Tuesday, so a fourth agent is needed.
     */
    roster_init(&r);
    add_start(&r, 0, R_LATE, 2);
    add_start(&r, 1, R_EARLY, 2);
    for (int d = 2; d < 7; d++)
        add_start(&r, d, R_DAY, 2);
    L = lines_ok(&r, 7, 0, &two, REST);
    assert_int_equal(L->min_headcount[0], 3);
    assert_true(L->headcount[0] >= 4);
    check_lines(&r, L, 7, &two, REST);
    cc_plan_agent_lines_free(L);
}

/*
 * (e) The weekly programme sees rest between neighbouring days: Monday's
 * night (ends 06:00 Tuesday) and Tuesday's early (06:00) cannot be one
 * agent's, so the 2 agents the 7 shifts need work Sat-Mon and Tue-Fri
 * (runs wrap round the week), and nobody has to be added.
 */
static void test_programme_sees_rest(void **state)
{
    cc_days_off_rule rule = {2, 1};
    roster r;
    cc_agent_lines *L;
    (void)state;

    roster_init(&r);
    add_start(&r, 0, R_NIGHT, 1);
    add_start(&r, 1, R_EARLY, 1);
    for (int d = 2; d < 7; d++)
        add_start(&r, d, R_DAY, 1);
    L = lines_ok(&r, 7, 0, &rule, REST);
    assert_int_equal(L->min_headcount[0], 2);
    assert_int_equal(L->headcount[0], 2);
    assert_int_equal(L->extra[0], 0);
    check_lines(&r, L, 7, &rule, REST);
    cc_plan_agent_lines_free(L);
}

/*
 * (e) When rest leaves a day short, an agent whose run of days off is
 * longer than 2 gives up the day at the run's end before anyone is added
 * (a week found by search: 4 agents suffice, 5 without this step).
 */
static void test_long_run_gives_a_day(void **state)
{
    /* per day: day, early, late, night shifts */
    static const int week[7][4] = {{0, 0, 1, 0}, {0, 1, 2, 1}, {0, 1, 1, 0}, {0, 2, 0, 0},
                                   {0, 2, 1, 0}, {1, 1, 0, 1}, {2, 0, 0, 0}};
    cc_days_off_rule rule = {2, 1};
    roster r;
    cc_agent_lines *L;
    (void)state;

    roster_init(&r);
    for (int d = 0; d < 7; d++)
        for (int k = 0; k < 4; k++)
            add_start(&r, d, k, week[d][k]);
    L = lines_ok(&r, 7, 0, &rule, REST);
    assert_int_equal(L->min_headcount[0], 4);
    assert_int_equal(L->headcount[0], 4);
    assert_int_equal(L->extra[0], 0);
    check_lines(&r, L, 7, &rule, REST);
    cc_plan_agent_lines_free(L);
}

/* (e) The look-ahead: lates before a day of earlies go to agents off the next day. */
static void test_lates_go_to_agents_off_next_day(void **state)
{
    cc_days_off_rule rule = {2, 1};
    roster r;
    cc_agent_lines *L;
    (void)state;

    /*
     * 5 shifts every day: 7 agents, exactly one per pattern, nobody spare.
     * Thursday has one late (ends 23:00, rested at 10:00), Friday only
     * earlies (06:00). Of Thursday's 5 agents only the one off Friday and
     * Saturday may take the late; agents kept on their start times would
     * give it to another, which the look-ahead must avoid.
     */
    roster_init(&r);
    for (int d = 0; d < 7; d++) {
        if (d == 3) {
            add_start(&r, d, R_LATE, 1);
            add_start(&r, d, R_DAY, 4);
        } else if (d == 4) {
            add_start(&r, d, R_EARLY, 5);
        } else {
            add_start(&r, d, R_DAY, 5);
        }
    }
    L = lines_ok(&r, 7, 0, &rule, REST);
    assert_int_equal(L->min_headcount[0], 7);
    assert_int_equal(L->extra[0], 0);
    assert_int_equal(L->headcount[0], 7);
    check_lines(&r, L, 7, &rule, REST);
    cc_plan_agent_lines_free(L);
}

/*
 * Starts carrying their own length and paid time (rules with a range of
 * lengths): a 12 h day shift (09:00-21:00, 11 h paid) leaves the next
 * day's 06:00 early to someone else, which the 8 h rule length would not.
 */
static void test_start_lengths(void **state)
{
    cc_days_off_rule none = {0, 1};
    roster r;
    cc_agent_lines *L;
    (void)state;

    roster_init(&r);
    add_start(&r, 0, R_DAY, 1);
    r.starts[0].length_s = 12 * H;
    r.starts[0].paid_s = 11 * H;
    add_start(&r, 1, R_EARLY, 1);
    L = lines_ok(&r, 2, 0, &none, REST);
    assert_int_equal(L->min_headcount[0], 1);
    assert_int_equal(L->headcount[0], 2);
    assert_int_equal(L->extra[0], 1);
    check_lines(&r, L, 2, &none, REST);
    for (size_t a = 0; a < L->n_agents; a++)
        if (L->shift[a * 2] == 0)
            assert_abs_close(L->paid_h[a], 11.0, 1e-12);
    cc_plan_agent_lines_free(L);

    /* at the rule's 8 h one agent does both */
    r.starts[0].length_s = 0;
    r.starts[0].paid_s = 0;
    L = lines_ok(&r, 2, 0, &none, REST);
    assert_int_equal(L->headcount[0], 1);
    check_lines(&r, L, 2, &none, REST);
    cc_plan_agent_lines_free(L);
}

/* Bigger: four weeks with every kind of shift, non-consecutive and consecutive. */
static void test_mixed_month(void **state)
{
    roster r;
    unsigned long seed = 99;
    (void)state;

    for (int consecutive = 0; consecutive <= 1; consecutive++) {
        cc_days_off_rule rule = {2, consecutive};
        cc_agent_lines *L;
        roster_init(&r);
        add_start(&r, -1, R_NIGHT, 3);
        for (int d = 0; d < 31; d++)
            for (int k = 0; k < 4; k++) {
                seed = seed * 6364136223846793005ul + 1442695040888963407ul;
                add_start(&r, d, k, 1 + (long)((seed >> 33) % (k == R_NIGHT ? 3 : 8)));
            }
        L = lines_ok(&r, 31, 5, &rule, REST);
        check_lines(&r, L, 31, &rule, REST);
        cc_plan_agent_lines_free(L);
    }
}

/* ---- agents.csv ----------------------------------------------------------------------- */

static char *csv_of(const cc_planner *p, const cc_agent_lines *const *lines)
{
    char *text = NULL;
    size_t size = 0;
    cc_error err;
    FILE *f = open_memstream(&text, &size);
    assert_int_equal(cc_report_agents_csv(f, p, lines, &err), CC_OK);
    fclose(f);
    return text;
}

static void test_agents_csv(void **state)
{
    cc_days_off_rule rule = {2, 1};
    cc_scenario s;
    cc_team team;
    cc_planner p;
    cc_planner_team pt;
    roster r;
    cc_agent_lines *L;
    const cc_agent_lines *lines[1];
    char team_name[] = "Sales, EU";
    char *text, *line, *save = NULL;
    size_t rows = 0, eve_rows = 0;
    long cells = 0;
    (void)state;

    /* 10 days from Wednesday 2025-01-08 */
    roster_init(&r);
    add_start(&r, -1, R_NIGHT, 1);
    for (int d = 0; d < 10; d++) {
        add_start(&r, d, R_EARLY, 2);
        add_start(&r, d, R_NIGHT, 1);
    }
    L = lines_ok(&r, 10, 2, &rule, REST);
    memset(&s, 0, sizeof s);
    memset(&team, 0, sizeof team);
    memset(&p, 0, sizeof p);
    memset(&pt, 0, sizeof pt);
    strcpy(s.start_date, "2025-01-08");
    s.start_weekday = 2;
    s.days = 10;
    team.name = team_name;
    s.teams = &team;
    s.n_teams = 1;
    pt.shifts = &r.plan;
    pt.rules = (cc_shift_rule *)test_rules;
    pt.n_rules = 4;
    p.s = &s;
    p.n_teams = 1;
    p.teams = &pt;
    lines[0] = L;

    text = csv_of(&p, lines);
    line = strtok_r(text, "\n", &save);
    assert_string_equal(line, "agent,team,week,week_start,mon,tue,wed,thu,fri,sat,sun,"
                              "days_worked,paid_h");
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *f[16], *q = line;
        int nf = 0;
        /* the team name is quoted twice: "Sales, EU-00N","Sales, EU" */
        assert_true(strncmp(line, "\"Sales, EU-0", 12) == 0);
        q = strstr(line, "\"Sales, EU\",") + strlen("\"Sales, EU\",");
        for (char *t = strsep(&q, ","); t != NULL && nf < 16; t = strsep(&q, ","))
            f[nf++] = t;
        assert_int_equal(nf, 11); /* week, week_start, 7 days, days_worked, paid_h */
        rows++;
        if (strcmp(f[0], "0") == 0) {
            /* the evening before: Tuesday 2025-01-07, in the week from 2025-01-01 */
            eve_rows++;
            assert_string_equal(f[1], "2025-01-01");
            assert_string_equal(f[3], "22:00-06:00");
            cells++;
            continue;
        }
        if (strcmp(f[0], "1") == 0)
            assert_string_equal(f[1], "2025-01-08");
        else {
            assert_string_equal(f[0], "2");
            assert_string_equal(f[1], "2025-01-15");
            /* Wed 15, Thu 16, Fri 17 only: Mon, Tue, Sat, Sun are outside the horizon */
            assert_string_equal(f[2], "");
            assert_string_equal(f[3], "");
            assert_string_equal(f[7], "");
            assert_string_equal(f[8], "");
        }
        for (int i = 2; i < 9; i++)
            if (strcmp(f[i], "off") != 0 && f[i][0] != '\0') {
                assert_true(strcmp(f[i], "06:00-14:00") == 0 || strcmp(f[i], "22:00-06:00") == 0);
                cells++;
            }
    }
    assert_int_equal(eve_rows, 1);
    assert_int_equal(rows, 1 + 2 * L->n_agents);
    assert_int_equal(cells, r.plan.n_shifts);
    free(text);

    /* no lines: the header only */
    text = csv_of(&p, NULL);
    assert_string_equal(text, "agent,team,week,week_start,mon,tue,wed,thu,fri,sat,sun,"
                              "days_worked,paid_h\n");
    free(text);

    /* lines of another horizon or weekday are refused, before anything is written */
    {
        cc_error err;
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        s.days = 11;
        assert_int_equal(cc_report_agents_csv(f, &p, lines, &err), CC_EINVAL);
        s.days = 10;
        s.start_weekday = 3;
        assert_int_equal(cc_report_agents_csv(f, &p, lines, &err), CC_EINVAL);
        fclose(f);
        assert_int_equal(len, 0);
        free(buf);
    }
    cc_plan_agent_lines_free(L);
}

/* ---- errors --------------------------------------------------------------------------- */

static void expect_einval(const cc_shift_plan *plan, size_t n_rules, size_t n_days, int wd,
                          const cc_days_off_rule *rule, double rest, const char *what)
{
    cc_agent_lines *sentinel = (cc_agent_lines *)&sentinel, *L = sentinel;
    cc_error err;
    cc_status st = cc_plan_agent_lines(plan, test_rules, n_rules, n_days, wd, rule, rest, &L,
                                       &err);
    if (st != CC_EINVAL)
        print_error("%s: got status %d\n", what, (int)st);
    assert_int_equal(st, CC_EINVAL);
    assert_ptr_equal(L, sentinel);
    assert_true(strlen(err.message) > 0);
}

static void test_bad_input(void **state)
{
    cc_days_off_rule ok = {2, 1}, bad;
    cc_shift_rule zero_len[1] = {{.name = "zero", .length_s = 0}};
    cc_agent_lines *L = NULL;
    cc_error err;
    roster r;
    (void)state;

    roster_init(&r);
    add_start(&r, 0, R_DAY, 2);
    expect_einval(NULL, 4, 7, 0, &ok, REST, "no plan");
    expect_einval(&r.plan, 4, 0, 0, &ok, REST, "no days");
    expect_einval(&r.plan, 4, 7, 7, &ok, REST, "weekday 7");
    expect_einval(&r.plan, 4, 7, -1, &ok, REST, "weekday -1");
    bad = ok, bad.days_off = 7;
    expect_einval(&r.plan, 4, 7, 0, &bad, REST, "7 days off");
    bad = ok, bad.days_off = -1;
    expect_einval(&r.plan, 4, 7, 0, &bad, REST, "-1 days off");
    bad = ok, bad.consecutive = 2;
    expect_einval(&r.plan, 4, 7, 0, &bad, REST, "consecutive 2");
    expect_einval(&r.plan, 4, 7, 0, &ok, -1.0, "negative rest");
    expect_einval(&r.plan, 4, 7, 0, &ok, NAN, "NaN rest");
    r.starts[0].rule = 4;
    expect_einval(&r.plan, 4, 7, 0, &ok, REST, "rule out of range");
    r.starts[0].rule = R_DAY;
    r.starts[0].day = -2;
    expect_einval(&r.plan, 4, 7, 0, &ok, REST, "day -2");
    r.starts[0].day = 7;
    expect_einval(&r.plan, 4, 7, 0, &ok, REST, "day past the horizon");
    r.starts[0].day = 0;
    r.starts[0].start_s = 86400.0;
    expect_einval(&r.plan, 4, 7, 0, &ok, REST, "start at 24:00");
    r.starts[0].start_s = 9 * H;
    r.starts[0].agents = -1;
    expect_einval(&r.plan, 4, 7, 0, &ok, REST, "negative agents");
    r.starts[0].agents = 2000000;
    expect_einval(&r.plan, 4, 7, 0, &ok, REST, "too many shifts");
    r.starts[0].agents = 2;
    expect_einval(&r.plan, 0, 7, 0, &ok, REST, "no rules");
    assert_int_equal(cc_plan_agent_lines(&r.plan, zero_len, 1, 7, 0, &ok, REST, &L, &err),
                     CC_EINVAL);
    assert_null(L);
    assert_int_equal(cc_plan_agent_lines(&r.plan, test_rules, 4, 7, 0, &ok, REST, NULL, &err),
                     CC_EINVAL);

    /* the same roster is fine; NULL rule = 2 consecutive days off */
    L = lines_ok(&r, 7, 0, NULL, REST);
    assert_int_equal(L->week_days_off[0], 2);
    assert_int_equal(L->headcount[0], 2);
    cc_plan_agent_lines_free(L);
    cc_plan_agent_lines_free(NULL);

    /* an empty roster gives no agents */
    roster_init(&r);
    L = lines_ok(&r, 3, 0, &ok, REST);
    assert_int_equal(L->n_agents, 0);
    assert_int_equal(L->headcount[0], 0);
    assert_int_equal(L->week_days_off[0], 1); /* 2 x 3 / 7 = 0.86 -> 1 */
    cc_plan_agent_lines_free(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baker_bounds_by_hand),
        cmocka_unit_test(test_baker_random_weeks),
        cmocka_unit_test(test_days_off_not_consecutive),
        cmocka_unit_test(test_days_off_wrap_sunday_monday),
        cmocka_unit_test(test_days_off_join_closed_days),
        cmocka_unit_test(test_patterns_kept_across_weeks),
        cmocka_unit_test(test_partial_last_week),
        cmocka_unit_test(test_night_shifts_and_day_before),
        cmocka_unit_test(test_rest_adds_agents),
        cmocka_unit_test(test_programme_sees_rest),
        cmocka_unit_test(test_long_run_gives_a_day),
        cmocka_unit_test(test_lates_go_to_agents_off_next_day),
        cmocka_unit_test(test_start_lengths),
        cmocka_unit_test(test_mixed_month),
        cmocka_unit_test(test_agents_csv),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
