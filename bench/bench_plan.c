/*
 * Planner benchmark: the analytic requirement for a year of half-hour
 * intervals on five channels (target: under 1 s), with forecasts built the
 * way a scenario builds them (day volume x weekday x season x intraday
 * profile) and with every interval distinct (no reuse), and the shift
 * integer programme for one week and for a year solved week by week.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_plan.h"

#define PER_DAY 48
#define DAYS 365
#define N (PER_DAY * DAYS)
#define N_CHANNELS 5

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Intraday weight of half-hour k: open 07:00-21:00, peaks late morning and early evening. */
static double intraday(int k)
{
    double h = k / 2.0;
    if (h < 7 || h >= 21)
        return 0.0;
    return 0.6 + exp(-(h - 11) * (h - 11) / 6.0) + 0.7 * exp(-(h - 18) * (h - 18) / 4.0);
}

/* Weekday multiplier, day 0 a Monday. */
static double weekday(int d)
{
    static const double m[7] = {1.25, 1.1, 1.0, 1.0, 0.95, 0.6, 0.45};
    return m[d % 7];
}

/* Season: a handful of multipliers over date ranges, as a scenario calendar gives. */
static double season(int d)
{
    if (d >= 326 && d < 333)
        return 2.4; /* Black Friday week */
    if (d >= 312 && d < 358)
        return 1.6; /* six weeks before Christmas */
    if (d >= 180 && d < 240)
        return 0.85; /* summer */
    return 1.0;
}

/* Fills contacts per interval; `smooth` adds a day-by-day trend so no two days repeat. */
static void forecast(double *c, double day_volume, int smooth)
{
    double sum = 0;
    for (int k = 0; k < PER_DAY; k++)
        sum += intraday(k);
    for (int d = 0; d < DAYS; d++) {
        double trend = smooth ? 1.0 + 0.3 * sin(d / 58.0) + d * 1e-4 : 1.0;
        double day = day_volume * weekday(d) * season(d) * trend;
        for (int k = 0; k < PER_DAY; k++)
            c[d * PER_DAY + k] = day * intraday(k) / sum;
    }
}

static void channel_setup(cc_plan_channel ch[N_CHANNELS], double *const c[N_CHANNELS])
{
    static const double stretch[2] = {1.0, 1.15};
    for (int k = 0; k < N_CHANNELS; k++) {
        cc_plan_channel_init(&ch[k]);
        ch[k].n_intervals = N;
        ch[k].interval_s = 1800;
        ch[k].contacts = c[k];
        ch[k].shrinkage = 0.32;
        ch[k].max_occupancy = 0.88;
    }
    ch[0].name = "voice";
    ch[0].aht_s = 320;
    ch[0].wrap_s = 25;
    ch[0].answer_within_s = 30;
    ch[1].name = "voice-vip";
    ch[1].method = CC_PLAN_ERLANG_A;
    ch[1].aht_s = 410;
    ch[1].patience_s = 150;
    ch[1].answer_within_s = 20;
    ch[1].service_level = 0.9;
    ch[1].max_abandon = 0.03;
    ch[2].name = "chat";
    ch[2].aht_s = 600;
    ch[2].answer_within_s = 60;
    ch[2].concurrency = 3;
    ch[2].concurrency_overhead = 0.15;
    ch[3].name = "whatsapp";
    ch[3].aht_s = 480;
    ch[3].answer_within_s = 300;
    ch[3].concurrency = 2;
    ch[3].stretch = stretch;
    ch[4].name = "email";
    ch[4].kind = CC_PLAN_DEFERRED;
    ch[4].aht_s = 360;
    ch[4].answer_within_s = 4 * 3600;
}

typedef struct year_run {
    double best_s;          /* fastest of the repeats, seconds */
    size_t solves;          /* Erlang searches */
    size_t cached;          /* intervals served from the cache */
    double fte;             /* scheduled FTE-weeks over all channels */
} year_run;

static int run_year(int smooth, int repeats, year_run *out, cc_plan_requirement **keep)
{
    static const double volume[N_CHANNELS] = {9000, 1400, 5200, 2600, 3100};
    double *c[N_CHANNELS];
    cc_plan_channel ch[N_CHANNELS];
    int rc = 0;

    for (int k = 0; k < N_CHANNELS; k++) {
        c[k] = malloc(N * sizeof *c[k]);
        if (c[k] == NULL)
            return 1;
        forecast(c[k], volume[k], smooth);
    }
    channel_setup(ch, c);
    out->best_s = INFINITY;
    for (int r = 0; r < repeats && rc == 0; r++) {
        double t0 = now_s(), t;
        out->solves = out->cached = 0;
        out->fte = 0;
        for (int k = 0; k < N_CHANNELS; k++) {
            cc_plan_requirement *req;
            cc_error err;
            if (cc_plan_requirement_new(&ch[k], &req, &err) != CC_OK) {
                fprintf(stderr, "bench_plan: %s\n", err.message);
                rc = 1;
                break;
            }
            out->solves += req->totals.n_solves;
            out->cached += req->totals.n_cached;
            out->fte += req->totals.fte_scheduled;
            if (keep != NULL && k == 0 && r == 0)
                *keep = req;
            else
                cc_plan_requirement_free(req);
        }
        t = now_s() - t0;
        if (t < out->best_s)
            out->best_s = t;
    }
    for (int k = 0; k < N_CHANNELS; k++)
        free(c[k]);
    return rc;
}

static void shift_rules(cc_shift_rule r[3])
{
    memset(r, 0, 3 * sizeof *r);
    r[0].name = "full-time 8h";
    r[0].first_start_s = 6 * 3600;
    r[0].last_start_s = 14 * 3600;
    r[0].start_step_s = 1800;
    r[0].length_s = 8.5 * 3600;
    r[0].break_offset_s = 4 * 3600;
    r[0].break_s = 1800;
    r[1].name = "part-time 6h";
    r[1].first_start_s = 6 * 3600;
    r[1].last_start_s = 16 * 3600;
    r[1].start_step_s = 1800;
    r[1].length_s = 6 * 3600;
    r[2].name = "part-time 4h";
    r[2].first_start_s = 10 * 3600;
    r[2].last_start_s = 18 * 3600;
    r[2].start_step_s = 1800;
    r[2].length_s = 4 * 3600;
}

static int run_shifts(const cc_plan_requirement *voice, size_t days, int block_days,
                      double time_limit_s, double *secs, cc_shift_plan **out)
{
    cc_shift_rule rules[3];
    cc_shift_problem p;
    double *need = malloc(days * PER_DAY * sizeof *need);
    cc_error err;
    double t0;
    cc_status st;

    if (need == NULL)
        return 1;
    for (size_t i = 0; i < days * PER_DAY; i++)
        need[i] = voice->intervals[i].gross_agents;
    shift_rules(rules);
    memset(&p, 0, sizeof p);
    p.n_intervals = days * PER_DAY;
    p.interval_s = 1800;
    p.required = need;
    p.rules = rules;
    p.n_rules = 3;
    p.soft_coverage = 1;
    p.block_days = block_days;
    p.time_limit_s = time_limit_s;
    t0 = now_s();
    st = cc_plan_shifts_solve(&p, out, &err);
    *secs = now_s() - t0;
    free(need);
    if (st != CC_OK) {
        fprintf(stderr, "bench_plan: %s\n", err.message);
        return 1;
    }
    return 0;
}

static void row(const char *what, long size, const char *unit, double secs, double per,
                const char *per_unit, const char *target, const char *verdict)
{
    printf("%-46s %10ld %-10s %7.3f s %8.2f %-2s %7s %s\n", what, size, unit, secs, per, per_unit,
           target, verdict);
}

static void info(const char *what, double value, const char *unit)
{
    printf("%-46s %10.0f %s\n", what, value, unit);
}

int main(void)
{
    year_run real, distinct;
    cc_plan_requirement *voice = NULL;
    cc_shift_plan *week = NULL, *year = NULL;
    double week_s, year_s;

    if (run_year(0, 5, &real, &voice) || run_year(1, 3, &distinct, NULL))
        return 1;
    if (run_shifts(voice, 7, 0, 0, &week_s, &week) ||
        run_shifts(voice, 364, 7, 10, &year_s, &year))
        return 1;

    printf("plan benchmark (single thread; best of repeated runs for the requirement)\n");
    printf("%-46s %10s %-10s %9s %11s %7s\n", "workload", "size", "unit", "time", "per unit",
           "target");
    row("requirement, year x 5 channels, scenario-like", N * N_CHANNELS, "intervals",
        real.best_s, real.best_s * 1e6 / (N * N_CHANNELS), "us", "< 1 s",
        real.best_s < 1.0 ? "ok" : "MISSED");
    info("  Erlang searches run", (double)real.solves, "searches");
    info("  intervals reusing an identical search", (double)real.cached, "intervals");
    row("requirement, year x 5 channels, all distinct", N * N_CHANNELS, "intervals",
        distinct.best_s, distinct.best_s * 1e6 / (N * N_CHANNELS), "us", "< 1 s",
        distinct.best_s < 1.0 ? "ok" : "MISSED");
    info("  Erlang searches run", (double)distinct.solves, "searches");
    row("shift IP, one week, 55 starts a day", (long)week->n_variables, "variables", week_s,
        week_s * 1e3, "ms", "< 1 s", week_s < 1.0 ? "ok" : "MISSED");
    info(week->optimal ? "  paid hours (proven optimal)" : "  paid hours (not proven optimal)",
         week->paid_hours, "hours");
    row("shift IP, 52 weeks solved week by week", (long)year->n_blocks, "weeks", year_s,
        year_s * 1e3 / (double)year->n_blocks, "ms", "", "");
    info("  weeks proven optimal", (double)year->n_blocks_optimal, "weeks");
    info("  integer variables", (double)year->n_variables, "variables");
    info("  paid hours", year->paid_hours, "hours");
    info("  over-covered", year->over_agent_hours, "agent-h");
    info("  under-covered", year->under_agent_hours, "agent-h");

    cc_plan_shifts_free(week);
    cc_plan_shifts_free(year);
    cc_plan_requirement_free(voice);
    return 0;
}
