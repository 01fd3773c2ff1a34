/*
 * Simulation engine benchmark (bench/WORKLOADS.md): model events per second
 * on W1-W3 (1,000,000 arrivals, one replication, one thread, all statistics
 * on), the W1/W2 figures against their exact values (one run, then the mean
 * of 20 replications with its confidence interval), the speed-up of
 * replications from 1 to 2 threads, and a year of half-hours on 5 channels
 * with 20 replications on 2 threads. Each measurement runs in a forked child
 * so its peak memory (ru_maxrss) is its own; the parent never starts OpenMP.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cc_results.h"
#include "cc_sim.h"
#include "engine/workloads.h"

#define N_ARRIVALS 1000000L
#define REPEATS 5

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What a child reports back through its pipe. */
struct report {
    double cpu_s;           /* user + system CPU time of the child, seconds */
    double run_s;           /* median time of the event loop, seconds */
    double whole_s;         /* median time including model build, workspace and reset */
    double events;          /* model events of one run */
    double fig[12];         /* workload figures */
    double extra[4];        /* scenario-specific numbers */
    int ok;                 /* 1 when the child completed */
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return v[n / 2];
}

/* ---- W1-W3: single thread ---------------------------------------------- */

static void child_workload(int which, struct report *rep)
{
    double runs[REPEATS], wholes[REPEATS];
    int k;
    for (k = 0; k < REPEATS; k++) {
        double t0 = now_s(), t1, t2;
        cc_simmodel *m = cc_simmodel_workload(which, N_ARRIVALS);
        cc_sim_options so = {1};
        cc_sim *s = NULL;
        const cc_rep_channel *r;
        size_t c;
        if (cc_sim_new(m, &so, &s, NULL) != CC_OK)
            return;
        cc_sim_reset(s, 20240501, (uint64_t)k);
        t1 = now_s();
        cc_sim_run(s);
        t2 = now_s();
        runs[k] = t2 - t1;
        wholes[k] = t2 - t0;
        rep->events = (double)cc_sim_model_events(s);
        r = cc_sim_rep_channels(s);
        if (k == 0) {
            for (c = 0; c < m->n_channels && c < 3; c++) {
                const cc_rep_channel *x = &r[c];
                rep->fig[4 * c + 0] = x->queued / x->presented;
                rep->fig[4 * c + 1] = (x->wait_answered_s + x->wait_abandoned_s) / x->presented;
                rep->fig[4 * c + 2] = x->answered_in_target / x->presented;
                rep->fig[4 * c + 3] = which == 3 ? x->max_queue : x->abandoned / x->presented;
                if (which == 3)
                    rep->extra[c] = x->answered;
            }
        }
        cc_sim_free(s);
        cc_simmodel_free(m);
    }
    rep->run_s = median(runs, REPEATS);
    rep->whole_s = median(wholes, REPEATS);
    rep->ok = 1;
}

/* ---- replications: W1 x 8 on 1 and 2 threads --------------------------- */

static void child_replications(int threads, struct report *rep)
{
    cc_simmodel *m = cc_simmodel_workload(1, 1000000);
    cc_run_options opt = cc_run_options_default();
    cc_results *res = NULL;
    double t0;
    opt.replications = 8;
    opt.threads = threads;
    opt.seed = 99;
    t0 = now_s();
    if (cc_replicate(m, &opt, &res, NULL) != CC_OK)
        return;
    rep->whole_s = now_s() - t0;
    rep->events = (double)res->model_events;
    rep->fig[0] = res->channels[0].p_wait.mean;
    cc_results_free(res);
    cc_simmodel_free(m);
    rep->ok = 1;
}

/* ---- accuracy: W1 and W2, 20 replications of 1M arrivals ----------------- */

static void child_accuracy(int which, struct report *rep)
{
    cc_simmodel *m = cc_simmodel_workload(which, N_ARRIVALS);
    cc_run_options opt = cc_run_options_default();
    cc_results *res = NULL;
    const cc_channel_summary *c;
    double t0 = now_s();
    opt.replications = 20;
    opt.threads = 2;
    opt.seed = 12345;
    opt.interval_stats = 0;
    if (cc_replicate(m, &opt, &res, NULL) != CC_OK)
        return;
    rep->whole_s = now_s() - t0;
    c = &res->channels[0];
    rep->fig[0] = c->p_wait.mean;
    rep->fig[1] = c->p_wait.half_width;
    rep->fig[2] = c->mean_wait_s.mean;
    rep->fig[3] = c->mean_wait_s.half_width;
    rep->fig[4] = c->service_level.mean;
    rep->fig[5] = c->service_level.half_width;
    rep->fig[6] = c->p_abandon.mean;
    rep->fig[7] = c->p_abandon.half_width;
    cc_results_free(res);
    cc_simmodel_free(m);
    rep->ok = 1;
}

/* ---- a year, 5 channels ------------------------------------------------- */

/* Weekday multipliers Monday..Sunday; the horizon starts on a Monday. */
static const double weekday[7] = {1.18, 1.08, 1.02, 1.0, 0.96, 0.62, 0.48};

/* Intraday weight of half-hour i (0..47): a day hump from 7:00 to 22:00. */
static double intraday(int i)
{
    double h = (i + 0.5) / 2.0;
    if (h < 7.0 || h > 22.0)
        return 0.08;
    return 0.08 + sin(M_PI * (h - 7.0) / 15.0) * (1.0 + 0.25 * sin(M_PI * (h - 7.0) / 7.5));
}

/* Seasonal multiplier of day d: Black Friday week x2.4, six weeks before Christmas x1.6. */
static double season(int d)
{
    if (d >= 329 && d < 336)
        return 2.4;
    if (d >= 316 && d < 358)
        return 1.6;
    return 1.0 + 0.1 * sin(2.0 * M_PI * d / 365.0);
}

/* Agents for a workload of `a` erlangs: square-root staffing, then shrinkage. */
static int staff_for(double a, double shrinkage)
{
    double n = a > 0.0 ? ceil(a + 1.5 * sqrt(a) + 1.0) : 0.0;
    return (int)ceil(n / (1.0 - shrinkage));
}

static void set_exp(cc_dist *d, double mean)
{
    d->kind = CC_DIST_EXPONENTIAL;
    d->mean_s = mean;
}

static cc_simmodel *year_model(void)
{
    /* contacts per day and AHT per channel */
    static const double per_day[5] = {12000.0, 4000.0, 2500.0, 3000.0, 900.0};
    static const double aht[5] = {300.0, 600.0, 900.0, 480.0, 360.0};
    const int days = 365, ipd = 48;
    cc_simmodel *m = cc_simmodel_new((size_t)(days * ipd), 5, 4);
    double wsum = 0.0;
    int i, d, c;

    m->interval_s = 1800.0;
    m->intervals_per_day = (size_t)ipd;
    m->chat_policy = CC_CHAT_FILL;
    for (i = 0; i < ipd; i++)
        wsum += intraday(i);
    m->channels[0].kind = CC_CHANNEL_VOICE;
    m->channels[1].kind = CC_CHANNEL_CHAT;
    m->channels[2].kind = CC_CHANNEL_MESSAGING;
    m->channels[3].kind = CC_CHANNEL_EMAIL;
    m->channels[4].kind = CC_CHANNEL_SOCIAL;
    for (c = 0; c < 5; c++) {
        cc_sim_channel *ch = &m->channels[c];
        snprintf(ch->name, sizeof ch->name, "%s", cc_channel_kind_name(ch->kind));
        ch->handle.kind = CC_DIST_LOGNORMAL;
        ch->handle.mean_s = aht[c];
        ch->handle.cv = 0.8;
        ch->forecast_cv = 0.08;
    }
    set_exp(&m->channels[0].patience, 180.0);
    set_exp(&m->channels[0].wrapup, 30.0);
    m->channels[0].priority = 4;
    m->channels[0].target = (cc_sim_target){20.0, 0.8, 30.0, 0.05, CC_SL_OFFERED, 0.0};
    m->channels[0].retrial = (cc_sim_repeat){0.3, {CC_DIST_EXPONENTIAL, 900.0, 0, NULL, 0}, 0};
    set_exp(&m->channels[1].patience, 240.0);
    m->channels[1].concurrency = 3;
    m->channels[1].stretch[2] = 1.15;
    m->channels[1].stretch[3] = 1.35;
    m->channels[1].priority = 3;
    m->channels[1].target = (cc_sim_target){60.0, 0.8, 0, 0, CC_SL_OFFERED, 0.0};
    m->channels[1].bot.enabled = 1;
    set_exp(&m->channels[1].bot.time, 60.0);
    m->channels[1].bot.handle_factor = 1.25;
    m->channels[1].bot.patience_factor = 0.8;
    set_exp(&m->channels[2].patience, 1800.0);
    m->channels[2].concurrency = 4;
    m->channels[2].priority = 2;
    m->channels[2].target = (cc_sim_target){300.0, 0.8, 0, 0, CC_SL_OFFERED, 0.0};
    m->channels[3].priority = 1;
    m->channels[3].target = (cc_sim_target){14400.0, 0.9, 0, 0, CC_SL_OFFERED, 0.0};
    m->channels[3].initial_backlog = 200;
    m->channels[4].priority = 1;
    m->channels[4].target = (cc_sim_target){3600.0, 0.9, 0, 0, CC_SL_OFFERED, 0.0};
    /* teams: voice, digital (chat, messaging, social), back office (email, social), vendor */
    m->teams[0].skills[0] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[1].skills[1] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[1].skills[2] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[1].skills[4] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[2].skills[3] = (cc_sim_skill){1.0, 0, 0.0, 0};
    m->teams[2].skills[4] = (cc_sim_skill){1.1, 1, 0.0, 0};
    m->teams[3].skills[0] = (cc_sim_skill){1.2, 1, 60.0, 0};
    m->teams[3].outsourced = 1;
    m->teams[3].cost_per_contact = 5.0;
    m->teams[0].cost_per_hour = 32.0;
    m->teams[1].cost_per_hour = 30.0;
    m->teams[2].cost_per_hour = 28.0;
    for (d = 0; d < days; d++) {
        for (i = 0; i < ipd; i++) {
            size_t k = (size_t)(d * ipd + i);
            double f = weekday[d % 7] * season(d) * intraday(i) / wsum / m->interval_s;
            double load[5];
            for (c = 0; c < 5; c++) {
                m->channels[c].arrival_rate[k] = per_day[c] * f;
                load[c] = m->channels[c].arrival_rate[k] * aht[c];
            }
            m->channels[1].bot.containment[k] = 0.2 + 0.2 * fmin(1.0, d / 56.0);
            m->channels[0].deflection[k] = 0.05;
            load[1] *= (1.0 - m->channels[1].bot.containment[k]) * 1.25 * 1.35 / 3.0;
            load[2] *= 1.0 / 4.0;
            m->teams[0].agents[k] = staff_for(load[0], 0.3);
            m->teams[1].agents[k] = staff_for(load[1] + load[2] + 0.5 * load[4], 0.3);
            /* deferred work: the day's email and half its social posts, 8:00-20:00 */
            m->teams[2].agents[k] =
                i >= 16 && i < 40
                    ? (int)ceil(1.15 * 2.0 * weekday[d % 7] * season(d) *
                                (per_day[3] * aht[3] + 0.5 * per_day[4] * aht[4]) / 86400.0 /
                                (1.0 - 0.25))
                    : 0;
            m->teams[3].agents[k] = season(d) > 1.5 ? 20 : 5;
            m->teams[0].shrinkage[k] = 0.3;
            m->teams[1].shrinkage[k] = 0.3;
            m->teams[2].shrinkage[k] = 0.25;
        }
    }
    return m;
}

static void child_year(struct report *rep)
{
    cc_simmodel *m = year_model();
    cc_run_options opt = cc_run_options_default();
    cc_results *res = NULL;
    double t0 = now_s();
    opt.replications = 20;
    opt.threads = 2;
    opt.seed = 7;
    if (cc_replicate(m, &opt, &res, NULL) != CC_OK)
        return;
    rep->whole_s = now_s() - t0;
    rep->events = (double)res->model_events;
    rep->fig[0] = res->channels[0].service_level.mean;
    rep->fig[1] = res->channels[0].service_level.half_width;
    rep->fig[2] = res->channels[0].risk_days.mean;
    rep->fig[3] = res->channels[1].service_level.mean;
    rep->fig[4] = res->channels[3].service_level.mean;
    rep->fig[5] = res->channels[0].offered.mean;
    rep->fig[6] = res->teams[0].occupancy.mean;
    cc_results_free(res);
    cc_simmodel_free(m);
    rep->ok = 1;
}

/* ---- fork harness ------------------------------------------------------- */

/* Runs job(arg) in a child; returns its report and its peak RSS in MiB. */
static struct report in_child(void (*job)(int, struct report *), int arg, double *peak_mib)
{
    struct report rep;
    int fd[2];
    pid_t pid;
    memset(&rep, 0, sizeof rep);
    *peak_mib = NAN;
    if (pipe(fd) != 0)
        return rep;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct report r;
        ssize_t w;
        close(fd[0]);
        memset(&r, 0, sizeof r);
        gsl_set_error_handler_off();
        job(arg, &r);
        w = write(fd[1], &r, sizeof r);
        _exit(w == (ssize_t)sizeof r ? 0 : 1);
    }
    close(fd[1]);
    if (pid > 0) {
        struct rusage ru;
        int status;
        ssize_t n = read(fd[0], &rep, sizeof rep);
        if (n != (ssize_t)sizeof rep)
            memset(&rep, 0, sizeof rep);
        if (wait4(pid, &status, 0, &ru) == pid) {
            *peak_mib = (double)ru.ru_maxrss / 1024.0;
            rep.cpu_s = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
                        (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
        }
    }
    close(fd[0]);
    return rep;
}

/* The 1-minute load average, to judge whether the figures were disturbed. */
static const char *load_average(void)
{
    static char buf[64];
    FILE *f = fopen("/proc/loadavg", "r");
    buf[0] = '\0';
    if (f) {
        if (!fgets(buf, sizeof buf, f))
            buf[0] = '\0';
        fclose(f);
    }
    buf[strcspn(buf, " \n")] = '\0';
    return buf[0] ? buf : "unknown";
}

static void job_workload(int which, struct report *r) { child_workload(which, r); }
static void job_reps(int threads, struct report *r) { child_replications(threads, r); }
static void job_accuracy(int which, struct report *r) { child_accuracy(which, r); }
static void job_year(int unused, struct report *r)
{
    (void)unused;
    child_year(r);
}

int main(void)
{
    static const char *const peers[3] = {
        "SimPy 249 k, Ciw 66 k, Cimba 10.8 M, hand-tuned 16-22 M",
        "SimPy 156 k, Ciw 53 k, Cimba 9.3 M, hand-tuned 14-21 M",
        "SimPy 319 k, Cimba -, hand-tuned 14-18 M",
    };
    struct report w[3], r1, r2, yr, acc[2];
    double peak[3], p1, p2, py, pa;
    int k, fails = 0;

    printf("ccsim engine benchmark (bench/WORKLOADS.md): %ld arrivals, one replication,\n"
           "one thread, all statistics on; model events = arrivals + completions +\n"
           "abandonments; median of %d runs; peak memory of a child process per row\n\n",
           N_ARRIVALS, REPEATS);
    printf("load average when starting: %s\n", load_average());
    printf("%-4s %10s %8s %10s %12s %9s   %s\n", "", "events", "loop s", "M ev/s", "M ev/s whole",
           "peak MiB", "peers on one core (WORKLOADS.md)");
    for (k = 0; k < 3; k++) {
        w[k] = in_child(job_workload, k + 1, &peak[k]);
        if (!w[k].ok) {
            printf("W%d   failed\n", k + 1);
            fails++;
            continue;
        }
        printf("W%-3d %10.0f %8.3f %10.2f %12.2f %9.1f   %s\n", k + 1, w[k].events, w[k].run_s,
               w[k].events / w[k].run_s / 1e6, w[k].events / w[k].whole_s / 1e6, peak[k],
               peers[k]);
    }
    printf("target: >= 10 M model events/s on each (aim 15 M)\n\n");
    if (w[0].ok)
        printf("W1 simulated vs exact (Erlang C): P(wait) %.5f vs 0.21694, ASA %.4f s vs "
               "6.5082 s,\n    SL20 %.5f vs 0.88862\n",
               w[0].fig[0], w[0].fig[1], w[0].fig[2]);
    if (w[1].ok)
        printf("W2 simulated vs exact (Erlang A): P(wait) %.5f vs 0.12988, P(abandon) %.5f vs "
               "0.01235,\n    mean wait %.4f s vs 1.4824 s, SL20 %.5f vs 0.96685\n",
               w[1].fig[0], w[1].fig[3], w[1].fig[1], w[1].fig[2]);
    if (w[2].ok)
        printf("W3 simulated (reference mean of 20 seeds +- sd of one run):\n"
               "    phone ASA %.3f s (4.78 +- 0.25), SL20 %.4f (0.9199 +- 0.0033), max queue %.0f\n"
               "    chat ASA %.3f s (0.084 +- 0.010), SL60 %.5f (0.99994), max queue %.0f\n"
               "    email ASA %.1f s (43.7 +- 2.3), SL1h %.4f (1.0000), max queue %.0f\n"
               "    answered %.0f / %.0f / %.0f (about 2/3, 1/5, 2/15 of N)\n",
               w[2].fig[1], w[2].fig[2], w[2].fig[3], w[2].fig[5], w[2].fig[6], w[2].fig[7],
               w[2].fig[9], w[2].fig[10], w[2].fig[11], w[2].extra[0], w[2].extra[1],
               w[2].extra[2]);

    for (k = 0; k < 2; k++)
        acc[k] = in_child(job_accuracy, k + 1, &pa);
    if (acc[0].ok && acc[1].ok) {
        printf("\nW1 and W2, mean of 20 replications x 1M arrivals, 95%% CI (2 threads, %.1f s "
               "and %.1f s):\n"
               "    W1 P(wait) %.5f +- %.5f (exact 0.21694), mean wait %.4f +- %.4f s (6.5082),\n"
               "       SL20 %.5f +- %.5f (0.88862)\n"
               "    W2 P(wait) %.5f +- %.5f (exact 0.12988), P(abandon) %.5f +- %.5f (0.01235),\n"
               "       mean wait %.4f +- %.4f s (1.4824), SL20 %.5f +- %.5f (0.96685)\n",
               acc[0].whole_s, acc[1].whole_s, acc[0].fig[0], acc[0].fig[1], acc[0].fig[2],
               acc[0].fig[3], acc[0].fig[4], acc[0].fig[5], acc[1].fig[0], acc[1].fig[1],
               acc[1].fig[6], acc[1].fig[7], acc[1].fig[2], acc[1].fig[3], acc[1].fig[4],
               acc[1].fig[5]);
    } else {
        printf("\naccuracy runs: failed\n");
        fails++;
    }

    r1 = in_child(job_reps, 1, &p1);
    r2 = in_child(job_reps, 2, &p2);
    if (r1.ok && r2.ok) {
        printf("\nreplications (W1, 8 x 1,000,000 arrivals): 1 thread %.2f s, 2 threads %.2f s: "
               "speed-up %.2fx\n    (target >= 1.8x; identical results: %s; CPU %.2f s and "
               "%.2f s, so the\n    2-thread run had %.2f cores on average)\n",
               r1.whole_s, r2.whole_s, r1.whole_s / r2.whole_s,
               r1.fig[0] == r2.fig[0] ? "yes" : "NO", r1.cpu_s, r2.cpu_s,
               r2.cpu_s / r2.whole_s);
    } else {
        printf("\nreplications: failed\n");
        fails++;
    }

    yr = in_child(job_year, 0, &py);
    if (yr.ok) {
        printf("\nyear, 5 channels, 17,520 half-hours, 20 replications, 2 threads:\n"
               "    %.1f s (target < 60 s; CPU %.1f s, %.2f cores on average), peak %.0f MiB "
               "(target < 200),\n    %.0f M model events,\n"
               "    voice SL %.3f +- %.3f, days missing target %.1f%%, chat SL %.3f, email SL "
               "%.3f,\n    voice offered %.0f a year, voice team occupancy %.3f\n",
               yr.whole_s, yr.cpu_s, yr.cpu_s / yr.whole_s, py, yr.events / 1e6, yr.fig[0], yr.fig[1], 100.0 * yr.fig[2],
               yr.fig[3], yr.fig[4], yr.fig[5], yr.fig[6]);
    } else {
        printf("\nyear-long scenario: failed\n");
        fails++;
    }
    return fails ? 1 : 0;
}
