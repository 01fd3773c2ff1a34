/*
 * Analytics benchmark: Erlang C and Erlang A evaluations per second across
 * queue sizes, and minimum-staffing solves for a year of half-hour intervals
 * (targets: Erlang C at 100,000 agents under 1 ms; 17,520 solves under 1 s).
 * Single thread; each figure is the best of three timed runs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cc_erlang.h"

#define INTERVALS (48 * 365)
#define RUNS 3

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Keeps results observable so the calls cannot be optimised away. */
static volatile double sink;

static void die(const char *what, const cc_error *err)
{
    fprintf(stderr, "bench_erlang: %s: %s\n", what, err->message);
    exit(1);
}

/*
 * Seconds per evaluation of one queue, best of RUNS; the target moves by a
 * nanosecond per call so no two calls are identical.
 */
static double eval_seconds(cc_erlang_input in, long calls)
{
    double best = INFINITY;
    for (int run = 0; run < RUNS; run++) {
        double t0 = now_s(), acc = 0.0;
        for (long i = 0; i < calls; i++) {
            cc_erlang_result r;
            cc_error err;
            in.target_s = 20.0 + 1e-9 * (double)i;
            if (cc_erlang_eval(&in, &r, &err) != CC_OK)
                die("evaluation failed", &err);
            acc += r.service_level;
        }
        sink = acc;
        if (now_s() - t0 < best)
            best = now_s() - t0;
    }
    return best / (double)calls;
}

/*
 * Calls per hour for half-hour k of the year: closed 22:00-07:00 at a floor
 * of 20/h, a late-morning and an early-evening peak, weekdays busier than
 * weekends, and a slow seasonal swell; range about 20 to 600 per hour.
 */
static double volume(int k)
{
    int day = k / 48, slot = k % 48;
    double h = slot / 2.0;
    static const double weekday[7] = {1.0, 0.92, 0.88, 0.9, 0.85, 0.55, 0.4};
    double shape = exp(-(h - 11) * (h - 11) / 5.0) + 0.75 * exp(-(h - 18) * (h - 18) / 4.0);
    double season = 1.0 + 0.25 * sin(2.0 * M_PI * day / 365.0);
    double v = 20.0 + 460.0 * shape * weekday[day % 7] * season;
    return v;
}

/* Seconds for one solve per interval of the year, best of RUNS; *agents gets the total. */
static double year_seconds(double patience, long *agents)
{
    double best = INFINITY;
    for (int run = 0; run < RUNS; run++) {
        double t0 = now_s();
        long total = 0;
        for (int k = 0; k < INTERVALS; k++) {
            cc_erlang_input in = {0};
            cc_staff_targets t = {.service_level = 0.8};
            cc_staff_result out;
            cc_error err;
            in.arrivals_per_hour = volume(k);
            in.aht_s = 300;
            in.target_s = 20;
            in.patience_mean_s = patience;
            if (cc_staff_solve(&in, &t, &out, &err) != CC_OK)
                die("staffing failed", &err);
            total += out.agents;
        }
        if (now_s() - t0 < best)
            best = now_s() - t0;
        *agents = total;
    }
    return best;
}

static void eval_row(const char *model, long agents, double rho, double patience, long calls)
{
    cc_erlang_input in = {0};
    double per;
    in.arrivals_per_hour = rho * (double)agents * 3600.0 / 300.0;
    in.aht_s = 300;
    in.agents = agents;
    in.patience_mean_s = patience;
    per = eval_seconds(in, calls);
    printf("%-9s %9ld %7.2f %10s %14.0f %12.2f\n", model, agents, rho,
           patience > 0 ? "120 s" : "-", 1.0 / per, per * 1e6);
}

int main(void)
{
    double lo = INFINITY, hi = 0;
    long agents_c, agents_a;
    double secs_c, secs_a;

    for (int k = 0; k < INTERVALS; k++) {
        lo = fmin(lo, volume(k));
        hi = fmax(hi, volume(k));
    }
    printf("erlang benchmark (single thread, best of %d runs)\n\n", RUNS);
    printf("%-9s %9s %7s %10s %14s %12s\n", "model", "agents", "load", "patience", "evals/s",
           "us/eval");
    eval_row("erlang-c", 10, 0.9, 0, 400000);
    eval_row("erlang-c", 1000, 0.9, 0, 100000);
    eval_row("erlang-c", 100000, 0.9, 0, 2000);
    eval_row("erlang-c", 100000, 0.5, 0, 500);
    eval_row("erlang-a", 10, 0.9, 120, 50000);
    eval_row("erlang-a", 1000, 0.9, 120, 20000);
    eval_row("erlang-a", 100000, 0.9, 120, 2000);

    secs_c = year_seconds(0, &agents_c);
    secs_a = year_seconds(120, &agents_a);
    printf("\nstaffing: %d half-hour intervals, %.0f-%.0f calls/h, AHT 300 s, 80%% in 20 s\n",
           INTERVALS, lo, hi);
    printf("%-9s %10s %10s %12s %14s\n", "model", "solves", "seconds", "solves/s",
           "agent-slots");
    printf("%-9s %10d %10.3f %12.0f %14ld\n", "erlang-c", INTERVALS, secs_c, INTERVALS / secs_c,
           agents_c);
    printf("%-9s %10d %10.3f %12.0f %14ld\n", "erlang-a", INTERVALS, secs_a, INTERVALS / secs_a,
           agents_a);
    return 0;
}
