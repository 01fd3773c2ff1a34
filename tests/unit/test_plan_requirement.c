/*
 * Tests of the interval requirement chain: agreement with cc_staff_solve
 * interval by interval, both shrinkage formulas, concurrency, deferred
 * channels, the occupancy cap, the explain text, weekly sums and input errors.
 * Reference values are computed by hand (arithmetic in the comments) or by an
 * independent Erlang C written here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "test_util.h"

/* Independent Erlang C service level: B recurrence, C = N B / (N - A (1 - B)). */
static double ref_sl(double a, long n, double t, double aht)
{
    double b = 1.0, c;
    for (long k = 1; k <= n; k++)
        b = a * b / ((double)k + a * b);
    c = (double)n * b / ((double)n - a * (1.0 - b));
    return 1.0 - c * exp(-((double)n - a) * t / aht);
}

static long ref_servers(double a, double t, double aht, double sl)
{
    long n = (long)floor(a) + 1;
    while (ref_sl(a, n, t, aht) < sl)
        n++;
    return n;
}

static cc_plan_requirement *plan_ok(const cc_plan_channel *ch)
{
    cc_plan_requirement *req = NULL;
    cc_error err;
    cc_status st = cc_plan_requirement_new(ch, &req, &err);
    if (st != CC_OK)
        print_error("cc_plan_requirement_new: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    assert_non_null(req);
    return req;
}

static void test_matches_staff_solve(void **state)
{
    /* High-entropy volumes, including a zero and repeats (cache hits). */
    static const double contacts[12] = {0, 3.7, 41.25, 118.6, 233.9, 233.9,
                                        187.35, 96.4, 41.25, 12.05, 0, 501.8};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.name = "voice";
    ch.n_intervals = 12;
    ch.interval_s = 1800;
    ch.contacts = contacts;
    ch.aht_s = 287.5;
    ch.wrap_s = 12.5;
    ch.answer_within_s = 20;
    ch.service_level = 0.8;
    ch.shrinkage = 0.3;
    req = plan_ok(&ch);

    for (size_t i = 0; i < 12; i++) {
        const cc_plan_interval *row = &req->intervals[i];
        cc_erlang_input in;
        cc_staff_targets tg;
        cc_staff_result res;

        if (contacts[i] == 0) {
            assert_true(row->flags & CC_PLAN_F_ZERO);
            assert_int_equal(row->scheduled_agents, 0);
            assert_abs_close(row->net_agents, 0.0, 0.0);
            continue;
        }
        memset(&in, 0, sizeof in);
        memset(&tg, 0, sizeof tg);
        in.arrivals_per_hour = contacts[i] * 2.0;
        in.aht_s = 300.0;
        in.target_s = 20;
        tg.service_level = 0.8;
        assert_int_equal(cc_staff_solve(&in, &tg, &res, NULL), CC_OK);
        assert_int_equal(row->erlang_servers, res.agents);
        assert_rel_close(row->erlang.service_level, res.figures.service_level, 1e-12);
        assert_rel_close(row->workload_erlangs, contacts[i] * 300.0 / 1800.0, 1e-12);
        assert_rel_close(row->handle_s, 300.0, 1e-12);
        /* Fractional gross = N / 0.7; scheduled is its ceiling. */
        assert_rel_close(row->gross_agents, (double)res.agents / 0.7, 1e-12);
        assert_int_equal(row->scheduled_agents, (long)ceil((double)res.agents / 0.7 - 1e-9));
        /* FTE contribution: agents x 0.5 h / 40 h. */
        assert_rel_close(row->fte_scheduled, (double)row->scheduled_agents * 0.5 / 40.0, 1e-12);
    }
    /* 12 intervals: two zero, two pairs of repeats -> 8 solves, 2 cached. */
    assert_int_equal(req->totals.n_solves, 8);
    assert_int_equal(req->totals.n_cached, 2);
    assert_true(req->intervals[5].flags & CC_PLAN_F_CACHED);
    assert_int_equal(req->intervals[5].erlang_servers, req->intervals[4].erlang_servers);
    cc_plan_requirement_free(req);
}

static void test_erlang_a_matches_staff_solve(void **state)
{
    static const double contacts[3] = {77.3, 150.2, 311.9};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.n_intervals = 3;
    ch.contacts = contacts;
    ch.method = CC_PLAN_ERLANG_A;
    ch.aht_s = 243.0;
    ch.patience_s = 95.0;
    ch.answer_within_s = 30;
    ch.service_level = 0.85;
    ch.max_abandon = 0.04;
    req = plan_ok(&ch);
    for (size_t i = 0; i < 3; i++) {
        cc_erlang_input in;
        cc_staff_targets tg;
        cc_staff_result res;
        memset(&in, 0, sizeof in);
        memset(&tg, 0, sizeof tg);
        in.arrivals_per_hour = contacts[i] * 2.0;
        in.aht_s = 243.0;
        in.target_s = 30;
        in.patience_mean_s = 95.0;
        tg.service_level = 0.85;
        tg.max_abandon = 0.04;
        assert_int_equal(cc_staff_solve(&in, &tg, &res, NULL), CC_OK);
        assert_int_equal(req->intervals[i].erlang_servers, res.agents);
        assert_rel_close(req->intervals[i].erlang.p_abandon, res.figures.p_abandon, 1e-12);
        assert_true(req->intervals[i].erlang.p_abandon > 0);
        assert_true(req->intervals[i].erlang.p_abandon <= 0.04);
        assert_true(req->intervals[i].erlang.service_level >= 0.85);
    }
    assert_rel_close(req->patience_s, 95.0, 0);
    cc_plan_requirement_free(req);
}

static void test_shrinkage_formulas(void **state)
{
    /* 30% shrinkage: divisive x 1/0.7 = x1.4286, multiplicative x1.30 (README.md, "Shrinkage: both formulas"). */
    static const double contacts[1] = {250.0};
    cc_plan_channel ch;
    cc_plan_requirement *div, *mul;
    long n;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.n_intervals = 1;
    ch.contacts = contacts;
    ch.aht_s = 180.0;
    ch.shrinkage = 0.30;
    div = plan_ok(&ch);
    ch.shrinkage_formula = CC_SHRINKAGE_MULTIPLICATIVE;
    mul = plan_ok(&ch);

    /* 250 contacts x 180 s / 1800 s = 25 erlangs. */
    assert_rel_close(div->intervals[0].workload_erlangs, 25.0, 1e-12);
    n = div->intervals[0].erlang_servers;
    assert_int_equal(n, ref_servers(25.0, 20.0, 180.0, 0.8));
    assert_rel_close(div->intervals[0].gross_divisive / (double)n, 1.0 / 0.7, 1e-12);
    assert_rel_close(div->intervals[0].gross_multiplicative / (double)n, 1.30, 1e-12);
    assert_rel_close(div->intervals[0].gross_divisive / (double)n, 1.4286, 1e-4);
    assert_rel_close(div->intervals[0].gross_agents, div->intervals[0].gross_divisive, 0);
    assert_rel_close(mul->intervals[0].gross_agents, mul->intervals[0].gross_multiplicative, 0);
    /* Both rows carry both figures whichever formula is used. */
    assert_rel_close(mul->intervals[0].gross_divisive, div->intervals[0].gross_divisive, 0);
    assert_int_equal(div->intervals[0].scheduled_agents, (long)ceil((double)n / 0.7 - 1e-9));
    assert_int_equal(mul->intervals[0].scheduled_agents, (long)ceil((double)n * 1.3 - 1e-9));
    assert_true(div->intervals[0].scheduled_agents > mul->intervals[0].scheduled_agents);
    cc_plan_requirement_free(div);
    cc_plan_requirement_free(mul);
}

static void test_shrinkage_exact_twenty(void **state)
{
    /* Deferred channel giving exactly 20 net agents: 20 x 1.3 = 26, 20 / 0.7 = 28.571 -> 29. */
    static const double contacts[1] = {100.0};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.kind = CC_PLAN_DEFERRED;
    ch.n_intervals = 1;
    ch.interval_s = 1800;
    ch.contacts = contacts;
    ch.aht_s = 360.0;
    ch.answer_within_s = 1800;  /* window = one interval: 100 x 360 / 1800 = 20 erlangs */
    ch.shrinkage = 0.3;
    req = plan_ok(&ch);
    assert_rel_close(req->intervals[0].net_agents, 20.0, 1e-12);
    assert_rel_close(req->intervals[0].gross_multiplicative, 26.0, 1e-12);
    assert_rel_close(req->intervals[0].gross_divisive, 28.571428571428573, 1e-12);
    assert_int_equal(req->intervals[0].scheduled_agents, 29);
    cc_plan_requirement_free(req);
}

static void test_concurrency(void **state)
{
    /*
     * 300 chats/h, AHT 600 s, k = 3: 50 session-erlangs. Erlang C, SL 0.8 in
     * 60 s: 56 sessions (SL 0.8302; 55 gives 0.7668, independent Erlang C in
     * Python), agents = ceil(56 / 3) = 19.
     */
    static const double contacts[1] = {300.0};
    static const double stretch[3] = {1.0, 1.1, 1.25};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.n_intervals = 1;
    ch.interval_s = 3600;
    ch.contacts = contacts;
    ch.aht_s = 600.0;
    ch.answer_within_s = 60;
    ch.concurrency = 3;
    req = plan_ok(&ch);
    assert_rel_close(req->intervals[0].workload_erlangs, 50.0, 1e-12);
    assert_int_equal(req->intervals[0].erlang_servers, ref_servers(50.0, 60.0, 600.0, 0.8));
    assert_int_equal(req->intervals[0].erlang_servers, 56);
    assert_rel_close(req->intervals[0].net_agents, 56.0 / 3.0, 1e-12);
    assert_int_equal(req->intervals[0].net_agents_rounded, 19);
    /*
     * Weekly occupancy counts chat work in agents: 50 session-erlangs over one
     * hour on 56/3 agents holding 3 sessions each is 50 / 56 = 0.893, not
     * 50 / 18.67 = 2.68.
     */
    {
        cc_plan_week week;
        cc_error err;
        memset(&week, 0, sizeof week);
        assert_int_equal(cc_plan_weeks_add(req, &week, 1, &err), CC_OK);
        assert_rel_close(week.occupancy, 50.0 / 56.0, 1e-12);
    }
    cc_plan_requirement_free(req);

    /* Stretch vector: handle 600 x 1.25 = 750 s, 62.5 erlangs -> 69 sessions, 23 agents. */
    ch.stretch = stretch;
    req = plan_ok(&ch);
    assert_rel_close(req->intervals[0].handle_s, 750.0, 1e-12);
    assert_int_equal(req->intervals[0].erlang_servers, ref_servers(62.5, 60.0, 750.0, 0.8));
    assert_int_equal(req->intervals[0].erlang_servers, 69);
    assert_int_equal(req->intervals[0].net_agents_rounded, 23);
    cc_plan_requirement_free(req);

    /* Overhead 15% per extra session: 600 x (1 + 0.15 x 2) = 780 s -> 72 sessions, 24 agents. */
    ch.stretch = NULL;
    ch.concurrency_overhead = 0.15;
    req = plan_ok(&ch);
    assert_rel_close(req->intervals[0].stretch, 1.3, 1e-12);
    assert_int_equal(req->intervals[0].erlang_servers, 72);
    assert_int_equal(req->intervals[0].net_agents_rounded, 24);
    cc_plan_requirement_free(req);
}

static void test_deferred_window(void **state)
{
    /*
     * Contacts {4, 8, 2, 10}, AHT 450 s: work {1800, 3600, 900, 4500} s.
     * Window 4500 s = 2.5 intervals of 1800 s, weights 1, 1, 0.5:
     *   i=0: 1800 / 4500 = 0.4
     *   i=1: (3600 + 1800) / 4500 = 1.2   (window cut at the horizon start)
     *   i=2: (900 + 3600 + 0.5 x 1800) / 4500 = 1.2
     *   i=3: (4500 + 900 + 0.5 x 3600) / 4500 = 1.6
     * Cap 0.8: net = window / 0.8; shrinkage 0.2 divisive: gross = net / 0.8.
     */
    static const double contacts[4] = {4, 8, 2, 10};
    static const double want[4] = {0.4, 1.2, 1.2, 1.6};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.name = "email";
    ch.kind = CC_PLAN_DEFERRED;
    ch.n_intervals = 4;
    ch.interval_s = 1800;
    ch.contacts = contacts;
    ch.aht_s = 450.0;
    ch.answer_within_s = 4500;
    ch.max_occupancy = 0.8;
    ch.shrinkage = 0.2;
    req = plan_ok(&ch);
    for (size_t i = 0; i < 4; i++) {
        assert_rel_close(req->intervals[i].window_erlangs, want[i], 1e-12);
        assert_rel_close(req->intervals[i].net_agents, want[i] / 0.8, 1e-12);
        assert_rel_close(req->intervals[i].gross_agents, want[i] / 0.8 / 0.8, 1e-12);
    }
    /* 1.6 / 0.64 = 2.5 -> 3 scheduled; 1.2 / 0.64 = 1.875 -> 2. */
    assert_int_equal(req->intervals[3].scheduled_agents, 3);
    assert_int_equal(req->intervals[2].scheduled_agents, 2);
    cc_plan_requirement_free(req);

    /* A window shorter than an interval gives the interval's own workload: 4500 / 1800. */
    ch.answer_within_s = 900;
    ch.max_occupancy = 0;
    req = plan_ok(&ch);
    assert_rel_close(req->intervals[3].window_erlangs, 2.5, 1e-12);
    assert_rel_close(req->intervals[3].window_erlangs, req->intervals[3].workload_erlangs, 1e-12);
    cc_plan_requirement_free(req);

    /* Initial backlog 20 contacts x 450 s = 9000 s more in interval 0: (1800 + 9000) / 4500. */
    ch.answer_within_s = 4500;
    ch.initial_backlog = 20;
    req = plan_ok(&ch);
    assert_rel_close(req->intervals[0].window_erlangs, 2.4, 1e-12);
    assert_rel_close(req->intervals[1].window_erlangs, (3600.0 + 10800.0) / 4500.0, 1e-12);
    assert_rel_close(req->intervals[3].window_erlangs, 1.6, 1e-12);
    cc_plan_requirement_free(req);
}

static void test_deferred_four_hours(void **state)
{
    /* Email 4 h window, 30-min intervals, 10 contacts x 360 s each interval: steady 2.0 agents. */
    double contacts[16];
    cc_plan_channel ch;
    cc_plan_requirement *req;
    (void)state;

    for (size_t i = 0; i < 16; i++)
        contacts[i] = 10;
    cc_plan_channel_init(&ch);
    ch.kind = CC_PLAN_DEFERRED;
    ch.n_intervals = 16;
    ch.contacts = contacts;
    ch.aht_s = 360.0;
    ch.answer_within_s = 14400;
    req = plan_ok(&ch);
    assert_rel_close(req->intervals[0].window_erlangs, 0.25, 1e-12);
    assert_rel_close(req->intervals[3].window_erlangs, 1.0, 1e-12);
    assert_rel_close(req->intervals[7].window_erlangs, 2.0, 1e-12);
    assert_rel_close(req->intervals[15].window_erlangs, 2.0, 1e-12);
    assert_int_equal(req->intervals[15].scheduled_agents, 2);
    cc_plan_requirement_free(req);
}

static void test_occupancy_cap(void **state)
{
    /*
     * 2000 calls/h x 180 s = 100 erlangs; SL 0.8 in 20 s needs 107 agents
     * (occupancy 0.9346, independent Erlang C); a cap of 0.85 needs
     * ceil(100 / 0.85) = ceil(117.65) = 118.
     */
    static const double contacts[2] = {1000.0, 10.0};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.n_intervals = 2;
    ch.contacts = contacts;
    ch.aht_s = 180.0;
    ch.max_occupancy = 0.85;
    req = plan_ok(&ch);
    assert_int_equal(req->intervals[0].erlang_servers, ref_servers(100.0, 20, 180, 0.8));
    assert_int_equal(req->intervals[0].erlang_servers, 107);
    assert_true(req->intervals[0].flags & CC_PLAN_F_CAP_BINDING);
    assert_int_equal(req->intervals[0].capped_servers, 118);
    assert_true(req->intervals[0].capped.occupancy <= 0.85);
    assert_rel_close(req->intervals[0].net_agents, 118.0, 0);
    /* 10 calls per half hour is 1 erlang: occupancy far below the cap. */
    assert_false(req->intervals[1].flags & CC_PLAN_F_CAP_BINDING);
    assert_int_equal(req->intervals[1].capped_servers, req->intervals[1].erlang_servers);
    assert_int_equal(req->totals.n_cap_binding, 1);
    cc_plan_requirement_free(req);
}

static void assert_contains(const char *text, const char *fmt, ...)
{
    char needle[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(needle, sizeof needle, fmt, ap);
    va_end(ap);
    if (strstr(text, needle) == NULL) {
        print_error("explain text lacks '%s':\n%s\n", needle, text);
        fail();
    }
}

static void test_explain(void **state)
{
    static const double contacts[3] = {0.0, 0.0, 412.6};
    static const double deflected[3] = {0.0, 0.0, 31.4};
    static const double contained[3] = {0.0, 0.0, 55.9};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    const cc_plan_interval *row;
    char *text;
    cc_error err;
    FILE *f;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.name = "chat";
    ch.n_intervals = 3;
    ch.contacts = contacts;
    ch.deflected = deflected;
    ch.contained = contained;
    ch.aht_s = 412.0;
    ch.wrap_s = 33.0;
    ch.answer_within_s = 45;
    ch.concurrency = 2;
    ch.concurrency_overhead = 0.2;
    ch.max_occupancy = 0.8;
    ch.shrinkage = 0.35;
    req = plan_ok(&ch);
    row = &req->intervals[2];
    text = cc_plan_requirement_explain_string(req, 2, &err);
    assert_non_null(text);

    assert_contains(text, "channel 'chat', interval 2 of 3 (day 0 01:00, 1800 s)");
    assert_contains(text, "%.3f reach agents", row->contacts);
    assert_contains(text, "%.3f deflected", row->deflected);
    assert_contains(text, "%.3f contained by bot", row->contained);
    assert_contains(text, "%.1f s AHT x %.4f stretch + %.1f s wrap-up = %.1f s", row->aht_s,
                    row->stretch, row->wrap_s, row->handle_s);
    assert_contains(text, "= %.3f erlangs", row->workload_erlangs);
    /* Under concurrency the Erlang figure is named as the run names it. */
    assert_contains(text, "%ld sessions -> SL %.4f, ASA %.1f s, open chats ÷ capacity %.4f",
                    row->erlang_servers, row->erlang.service_level, row->erlang.asa_s,
                    row->erlang.occupancy);
    /* One session fewer misses the only service target, the SL. */
    assert_contains(text, "one fewer    : %ld sessions -> SL", row->erlang_servers - 1);
    assert_contains(text, "; misses SL");
    assert_contains(text, "%ld sessions / concurrency 2 = %.3f agents (rounded %ld)",
                    row->capped_servers, row->net_agents, row->net_agents_rounded);
    assert_contains(text, "(1 - %.4f) = %.3f agents (used)", row->shrinkage, row->gross_divisive);
    assert_contains(text, "(1 + %.4f) = %.3f", row->shrinkage, row->gross_multiplicative);
    assert_contains(text, "ceil(%.3f) = %ld agents", row->gross_agents, row->scheduled_agents);
    assert_contains(text, "= %.4f FTE-weeks (net %.4f, gross %.4f)", row->fte_scheduled,
                    row->fte_net, row->fte_gross);
    assert_contains(text, "shrinkage formula: divisive");
    /* Whether the cap bound depends on the solve; the text says which. */
    assert_contains(text, (row->flags & CC_PLAN_F_CAP_BINDING) ? "binding" : "not binding");
    free(text);

    /* A zero interval says so; out-of-range indices are errors. */
    text = cc_plan_requirement_explain_string(req, 0, &err);
    assert_non_null(text);
    assert_contains(text, "no contacts, 0 sessions");
    free(text);
    assert_null(cc_plan_requirement_explain_string(req, 3, &err));
    assert_int_equal(err.code, CC_EINVAL);
    assert_non_null(strstr(err.message, "out of range"));

    f = tmpfile();
    assert_non_null(f);
    assert_int_equal(cc_plan_requirement_explain(req, 2, f, &err), CC_OK);
    assert_true(ftell(f) > 200);
    fclose(f);
    cc_plan_requirement_free(req);
}

static void test_explain_deferred(void **state)
{
    static const double contacts[4] = {4, 8, 2, 10};
    cc_plan_channel ch;
    cc_plan_requirement *req;
    char *text;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.name = "email";
    ch.kind = CC_PLAN_DEFERRED;
    ch.n_intervals = 4;
    ch.contacts = contacts;
    ch.aht_s = 450.0;
    ch.answer_within_s = 4500;
    ch.max_occupancy = 0.8;
    ch.shrinkage = 0.2;
    ch.shrinkage_formula = CC_SHRINKAGE_MULTIPLICATIVE;
    req = plan_ok(&ch);
    text = cc_plan_requirement_explain_string(req, 3, NULL);
    assert_non_null(text);
    /* (4500 + 900 + 0.5 x 3600) = 7200 s over 4500 s = 1.6; / 0.8 = 2.0; x 1.2 = 2.4 -> 3. */
    assert_contains(text, "intervals 1-3, interval 1 weighted 0.5000) = 7200.0 s / 4500.0 s = "
                          "1.600 erlangs");
    assert_contains(text, "1.600 erlangs / 0.8000 = 2.000 agents (rounded 2)");
    assert_contains(text, "2.000 x (1 + 0.2000) = 2.400 agents (used)");
    assert_contains(text, "ceil(2.400) = 3 agents");
    assert_contains(text, "shrinkage formula: multiplicative");
    free(text);
    cc_plan_requirement_free(req);
}

static void test_weeks(void **state)
{
    /*
     * 9 days of hourly intervals, one contact per hour, deferred with a
     * one-hour window and AHT 3600 s: exactly 1 net agent every hour. With
     * shrinkage 0.5, gross 2. Week 0: 168 agent-hours / 40 = 4.2 FTE net;
     * week 1 has 2 days: 48 / (40 x 2/7) = 4.2 as well (prorated).
     */
    double contacts[216];
    cc_plan_channel ch;
    cc_plan_requirement *req;
    cc_plan_week weeks[2];
    cc_error err;
    (void)state;

    for (size_t i = 0; i < 216; i++)
        contacts[i] = 1.0;
    cc_plan_channel_init(&ch);
    ch.kind = CC_PLAN_DEFERRED;
    ch.n_intervals = 216;
    ch.interval_s = 3600;
    ch.contacts = contacts;
    ch.aht_s = 3600;
    ch.answer_within_s = 3600;
    ch.shrinkage = 0.5;
    req = plan_ok(&ch);
    assert_int_equal(cc_plan_week_count(216, 3600), 2);
    memset(weeks, 0, sizeof weeks);
    assert_int_equal(cc_plan_weeks_add(req, weeks, 2, &err), CC_OK);
    assert_rel_close(weeks[0].days, 7.0, 0);
    assert_rel_close(weeks[1].days, 2.0, 1e-12);
    assert_rel_close(weeks[0].fte_net, 4.2, 1e-12);
    assert_rel_close(weeks[0].fte_gross, 8.4, 1e-12);
    assert_rel_close(weeks[1].fte_net, 4.2, 1e-12);
    assert_rel_close(weeks[1].contacts, 48.0, 0);
    assert_rel_close(weeks[0].occupancy, 1.0, 1e-12);
    /* A second channel adds up. */
    assert_int_equal(cc_plan_weeks_add(req, weeks, 2, &err), CC_OK);
    assert_rel_close(weeks[0].fte_net, 8.4, 1e-12);
    /* Too few rows, or a different FTE basis, are errors. */
    assert_int_equal(cc_plan_weeks_add(req, weeks, 1, &err), CC_EINVAL);
    req->hours_per_fte_week = 37.5;
    assert_int_equal(cc_plan_weeks_add(req, weeks, 2, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "37.5"));
    cc_plan_requirement_free(req);
}

static void test_input_errors(void **state)
{
    double contacts[2] = {10, -1};
    cc_plan_channel ch;
    cc_plan_requirement *req = NULL;
    cc_error err;
    (void)state;

    cc_plan_channel_init(&ch);
    ch.name = "voice";
    ch.n_intervals = 2;
    ch.contacts = contacts;
    ch.aht_s = 200;
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    assert_null(req);
    assert_non_null(strstr(err.message, "interval 1"));
    contacts[1] = 5;

    ch.service_level = 0;
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "no service target"));
    ch.service_level = 0.8;

    ch.max_abandon = 0.05; /* needs Erlang A with patience */
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "max_abandon"));
    ch.max_abandon = 0;

    ch.shrinkage = 1.0;
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    ch.shrinkage = 0.3;

    ch.concurrency = 0;
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    ch.concurrency = 1;

    ch.aht_s = 0;
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    ch.aht_s = 200;

    ch.kind = CC_PLAN_DEFERRED;
    ch.answer_within_s = 0;
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "response window"));
    ch.answer_within_s = 3600;
    ch.concurrency = 2;
    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_EINVAL);
    ch.concurrency = 1;

    assert_int_equal(cc_plan_requirement_new(&ch, &req, &err), CC_OK);
    cc_plan_requirement_free(req);
    cc_plan_requirement_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_staff_solve),
        cmocka_unit_test(test_erlang_a_matches_staff_solve),
        cmocka_unit_test(test_shrinkage_formulas),
        cmocka_unit_test(test_shrinkage_exact_twenty),
        cmocka_unit_test(test_concurrency),
        cmocka_unit_test(test_deferred_window),
        cmocka_unit_test(test_deferred_four_hours),
        cmocka_unit_test(test_occupancy_cap),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_explain_deferred),
        cmocka_unit_test(test_weeks),
        cmocka_unit_test(test_input_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
