/*
 * ccsim verify: builds scenarios where queueing theory is exact (Erlang C
 * and A, Pollaczek-Khinchine, Cobham's priority classes, a containing
 * chatbot, Erlang Chat in both stretch modes, a shift change), loads them with the scenario loader and runs them through the
 * whole engine, and prints simulated value with its confidence interval next
 * to theory, plus Little's law and conservation of contacts. Intervals are
 * family-wise (Bonferroni) so that a correct engine passes at the fixed
 * default seed with room to spare, and a wrong one fails: exit 1 when any
 * check disagrees.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <jansson.h>

#include "cc_sim.h"
#include "cli.h"
#include "options.h"

/*
 * The families of cases, each with its exact theory: Erlang C (M/M/N) and
 * Erlang A (M/M/N+M); Pollaczek-Khinchine for one agent with deterministic
 * or gamma handle times (M/D/1, M/G/1: P(wait) = rho, ASA = lambda E[S^2] /
 * (2 (1 - rho))); Cobham's non-preemptive priority classes on M/M/N (every
 * class waits with the Erlang C probability; class k's ASA is C / (N mu (1 -
 * s_{k-1}) (1 - s_k)), s_k the load of classes 1..k over N); and a chatbot
 * containing a share p in front of an Erlang C queue (the agents see
 * Poisson arrivals at (1 - p) lambda); and Erlang Chat, one agent holding
 * up to 3 chats whose rate follows the open chats (stretch.mode dynamic):
 * the birth-death chain with completion rate n mu / s_n (n <= 3), 3 mu / s_3
 * beyond; the same agent with the stretch fixed when a chat starts
 * (stretch.mode at_start): the chain whose state counts the open chats by
 * the multiplier they started with, plus the queue (chat_at_start); and a
 * shift change, N1 agents 00:00-12:00 and N2 agents 12:00-24:00 every day
 * at a constant rate: each half day, 3 h after the change, is the Erlang C
 * queue of its staffing, judged on its own interval rows (a small team, so
 * that one agent more or fewer moves every figure well past its interval).
 */
enum family { F_ERLANG, F_PK, F_PRIORITY, F_BOT, F_CHAT, F_CHAT_START, F_SHIFT };

/* Erlang Chat's multipliers with 1, 2, 3 open chats. */
static const double chat_stretch[4] = {1.0, 1.0, 1.25, 1.6};

/* One case: built as a scenario, loaded and simulated like any other. */
struct vcase {
    const char *name;        /* label */
    enum family family;
    double rate_per_s;       /* arrivals per second (each class for F_PRIORITY) */
    double aht_s;            /* mean handle time, seconds */
    double cv;               /* handle-time cv: 1 exponential, 0 deterministic, else gamma */
    long agents;             /* N */
    double patience_s;       /* mean patience, seconds; 0 = none */
    double target_s;         /* answer-within T, seconds */
    double share;            /* F_PRIORITY: class 1's share of the arrivals; F_BOT: containment */
    int days;                /* horizon, days (arrivals stop at its end, the queue drains) */
    double warmup_s;         /* warm-up, seconds */
    long agents2;            /* F_SHIFT: agents of the 12:00-24:00 shift */
};

static const struct vcase cases[] = {
    {"W1: Erlang C, N = 100, A = 90", F_ERLANG, 0.3, 300.0, 1.0, 100, 0.0, 20.0, 0, 3, 6000.0, 0},
    {"Erlang C near saturation, N = 100, A = 95", F_ERLANG, 95.0 / 300.0, 300.0, 1.0, 100, 0.0,
     20.0, 0, 5, 15000.0, 0},
    {"Erlang C, small team, N = 2, A = 1.6", F_ERLANG, 1.6 / 60.0, 60.0, 1.0, 2, 0.0, 30.0, 0,
     4, 3000.0, 0},
    {"W2: Erlang A, N = 100, A = 90, patience 120 s", F_ERLANG, 0.3, 300.0, 1.0, 100, 120.0,
     20.0, 0, 3, 6000.0, 0},
    {"Erlang A overloaded, N = 50, A = 60, patience 90 s", F_ERLANG, 0.2, 300.0, 1.0, 50, 90.0,
     30.0, 0, 3, 6000.0, 0},
    {"M/D/1, rho = 0.8 (Pollaczek-Khinchine)", F_PK, 0.8 / 120.0, 120.0, 0.0, 1, 0.0, 60.0, 0,
     3, 6000.0, 0},
    {"M/G/1, gamma cv 0.5, rho = 0.7 (Pollaczek-Khinchine)", F_PK, 0.7 / 120.0, 120.0, 0.5, 1,
     0.0, 60.0, 0, 3, 6000.0, 0},
    {"Two priority classes, N = 20, A = 17 (Cobham)", F_PRIORITY, 17.0 / 180.0, 180.0, 1.0, 20,
     0.0, 20.0, 0.4, 3, 6000.0, 0},
    {"Chatbot containing 30% before Erlang C, N = 30, A = 25", F_BOT, 25.0 / 0.7 / 240.0, 240.0,
     1.0, 30, 0.0, 20.0, 0.3, 2, 6000.0, 0},
    {"Erlang Chat, 1 agent, 3 chats, dynamic stretch 1/1.25/1.6", F_CHAT, 1.0 / 200.0, 300.0,
     1.0, 1, 0.0, 60.0, 0, 4, 20000.0, 0},
    {"Chat, 1 agent, 3 chats, stretch 1/1.25/1.6 fixed at the start", F_CHAT_START, 1.0 / 200.0,
     300.0, 1.0, 1, 0.0, 60.0, 0, 8, 20000.0, 0},
    {"Shift change at 12:00, N = 12 then 10, A = 8 (Erlang C per half day)", F_SHIFT,
     8.0 / 300.0, 300.0, 1.0, 12, 0.0, 20.0, 0, 6, 0.0, 10},
};

/*
 * The hours of the day judged for each shift of F_SHIFT: from 3 h after its
 * start (the queue forgets the other staffing within about an hour) to 1 h
 * before its end (so that no judged contact waits into the other staffing).
 */
static const int shift_hours[2][2] = {{3, 11}, {15, 23}};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))
#define MAX_CHECKS 6
#define FAMILY_MISS 0.01 /* 99% family-wise */

/* Per-replication statistics compared with theory. */
enum metric { M_P_WAIT, M_SL, M_ASA, M_MEAN_WAIT, M_P_ABANDON, M_CONTAIN, N_METRICS };

static const char *const metric_keys[N_METRICS] = {"p_wait",           "service_level",
                                                   "asa_seconds",      "mean_wait_seconds",
                                                   "p_abandon",        "containment"};

static double metric_value(enum metric k, const cc_rep_channel *x)
{
    switch (k) {
    case M_P_WAIT: return x->queued / x->presented;
    case M_SL: return x->answered_in_target / (x->presented - x->sl_excluded);
    case M_ASA: return x->wait_answered_s / x->answered;
    case M_MEAN_WAIT: return (x->wait_answered_s + x->wait_abandoned_s) / x->presented;
    case M_P_ABANDON: return x->abandoned / x->presented;
    case M_CONTAIN: return x->contained / x->bot_entered;
    default: return NAN;
    }
}

/*
 * What one check compares: a metric of a channel against its exact value,
 * over the whole run or (F_SHIFT) over the judged hours of one shift.
 */
struct expect {
    int channel;
    enum metric metric;
    double theory;
    int shift;               /* 0: the whole run; 1, 2: that shift's judged interval rows */
};

/* Erlang C or A figures of one queue. */
static int erlang(double rate_per_s, double aht_s, long agents, double patience_s,
                  double target_s, cc_erlang_result *out)
{
    cc_erlang_input in;
    cc_error err;
    memset(&in, 0, sizeof in);
    in.arrivals_per_hour = rate_per_s * 3600.0;
    in.aht_s = aht_s;
    in.agents = agents;
    in.target_s = target_s;
    in.patience_mean_s = patience_s;
    in.sl_definition = CC_SL_OFFERED;
    if (cc_erlang_eval(&in, out, &err) != CC_OK) {
        cli_print_error(&err);
        return -1;
    }
    return 0;
}

/*
 * One agent holding up to 3 chats, each chat's handle time Exp(mu) stretched
 * by chat_stretch[n] for the n chats open when it starts (stretch.mode
 * at_start), Poisson arrivals at lam, no abandonment: the continuous-time
 * chain on (a1, a2, a3, q), a_j the open chats that started with j open and
 * q the queue (q > 0 only with 3 open; a queued chat starts with 3 open). A
 * level-j chat completes at rate mu / s_j. The stationary law, solved by
 * Gauss-Seidel on the queue truncated at CHAT_Q (the tail decays as
 * (lam s_3 / (3 mu))^q), gives P(wait) = P(3 open) by PASTA and the mean
 * queue Lq. Returns 0, or -1 (printed) if the iteration does not settle.
 */
#define CHAT_Q 200
#define CHAT_COMPS 20 /* (a1, a2, a3) with a1 + a2 + a3 <= 3 */

static int chat_at_start(double lam, double mu, double *p_wait, double *lq)
{
    int comp[CHAT_COMPS][3], id[4][4][4], nc = 0, base[CHAT_COMPS], n_states = 0;
    int *to, *head, *next, n_tr = 0, ok = 0;
    double *rate, *out, *pi;
    long sweep;

    for (int a = 0; a <= 3; a++)
        for (int b = 0; a + b <= 3; b++)
            for (int c = 0; a + b + c <= 3; c++) {
                comp[nc][0] = a, comp[nc][1] = b, comp[nc][2] = c;
                id[a][b][c] = nc++;
            }
    for (int k = 0; k < nc; k++) { /* states of composition k: q = 0, or 0..CHAT_Q with 3 open */
        base[k] = n_states;
        n_states += comp[k][0] + comp[k][1] + comp[k][2] == 3 ? CHAT_Q + 1 : 1;
    }
    /* Transitions kept by destination (Gauss-Seidel sums the inflow of each state). */
    to = malloc(sizeof(int) * (size_t)n_states * 8);
    rate = malloc(sizeof(double) * (size_t)n_states * 8);
    next = malloc(sizeof(int) * (size_t)n_states * 8);
    head = malloc(sizeof(int) * (size_t)n_states);
    out = calloc((size_t)n_states, sizeof(double));
    pi = malloc(sizeof(double) * (size_t)n_states);
    if (!to || !rate || !next || !head || !out || !pi)
        goto done;
    for (int s = 0; s < n_states; s++)
        head[s] = -1;
#define ADD_TR(from, dest, r)                                                                  \
    do {                                                                                       \
        to[n_tr] = (from);                                                                     \
        rate[n_tr] = (r);                                                                      \
        next[n_tr] = head[dest];                                                               \
        head[dest] = n_tr++;                                                                   \
        out[from] += (r);                                                                      \
    } while (0)
    for (int k = 0; k < nc; k++) {
        int a[3] = {comp[k][0], comp[k][1], comp[k][2]}, open = a[0] + a[1] + a[2];
        int q_max = open == 3 ? CHAT_Q : 0;
        for (int q = 0; q <= q_max; q++) {
            int s = base[k] + q;
            if (open < 3) { /* an arrival starts with open + 1 open */
                int b[3] = {a[0], a[1], a[2]};
                b[open]++;
                ADD_TR(s, base[id[b[0]][b[1]][b[2]]], lam);
            } else if (q < CHAT_Q) {
                ADD_TR(s, s + 1, lam);
            }
            for (int j = 0; j < 3; j++) {
                int b[3] = {a[0], a[1], a[2]};
                double r = a[j] * mu / chat_stretch[j + 1];
                if (a[j] == 0)
                    continue;
                b[j]--;
                if (q > 0) { /* the next queued chat starts with 3 open */
                    b[2]++;
                    ADD_TR(s, base[id[b[0]][b[1]][b[2]]] + q - 1, r);
                } else {
                    ADD_TR(s, base[id[b[0]][b[1]][b[2]]], r);
                }
            }
        }
    }
#undef ADD_TR
    for (int s = 0; s < n_states; s++)
        pi[s] = 1.0 / n_states;
    for (sweep = 0; sweep < 200000 && !ok; sweep++) {
        double z = 0.0, change = 0.0;
        for (int s = 0; s < n_states; s++) {
            double in = 0.0, v;
            for (int t = head[s]; t >= 0; t = next[t])
                in += pi[to[t]] * rate[t];
            v = in / out[s];
            if (v > 1e-30 && fabs(v - pi[s]) / v > change) /* the far tail never matters */
                change = fabs(v - pi[s]) / v;
            pi[s] = v;
        }
        for (int s = 0; s < n_states; s++)
            z += pi[s];
        for (int s = 0; s < n_states; s++)
            pi[s] /= z;
        ok = change < 1e-13;
    }
    *p_wait = *lq = 0.0;
    for (int k = 0; k < nc; k++)
        if (comp[k][0] + comp[k][1] + comp[k][2] == 3)
            for (int q = 0; q <= CHAT_Q; q++) {
                *p_wait += pi[base[k] + q];
                *lq += q * pi[base[k] + q];
            }
done:
    if (!ok)
        cli_errorf("the chain of the fixed-at-start chat case did not settle");
    free(to);
    free(rate);
    free(next);
    free(head);
    free(out);
    free(pi);
    return ok ? 0 : -1;
}

/* The exact values a case is checked against; returns how many, or -1. */
static int theory_of(const struct vcase *c, struct expect *e, double *traffic)
{
    cc_erlang_result r;
    int n = 0;
    switch (c->family) {
    case F_ERLANG:
        if (erlang(c->rate_per_s, c->aht_s, c->agents, c->patience_s, c->target_s, &r))
            return -1;
        *traffic = r.traffic_erlangs;
        e[n++] = (struct expect){0, M_P_WAIT, r.p_wait, 0};
        e[n++] = (struct expect){0, M_SL, r.service_level, 0};
        e[n++] = (struct expect){0, M_ASA, r.asa_s, 0};
        if (c->patience_s > 0.0) {
            e[n++] = (struct expect){0, M_MEAN_WAIT, r.mean_wait_s, 0};
            e[n++] = (struct expect){0, M_P_ABANDON, r.p_abandon, 0};
        }
        return n;
    case F_PK: {
        double rho = c->rate_per_s * c->aht_s;
        double es2 = c->aht_s * c->aht_s * (1.0 + c->cv * c->cv);
        *traffic = rho;
        e[n++] = (struct expect){0, M_P_WAIT, rho, 0};
        e[n++] = (struct expect){0, M_ASA, c->rate_per_s * es2 / (2.0 * (1.0 - rho)), 0};
        return n;
    }
    case F_PRIORITY: {
        double lam = c->rate_per_s, mu_n = (double)c->agents / c->aht_s;
        double s1 = c->share * lam / mu_n, s2 = lam / mu_n;
        if (erlang(lam, c->aht_s, c->agents, 0.0, c->target_s, &r))
            return -1;
        *traffic = r.traffic_erlangs;
        e[n++] = (struct expect){0, M_P_WAIT, r.p_wait, 0};
        e[n++] = (struct expect){0, M_ASA, r.p_wait / (mu_n * (1.0 - s1)), 0};
        e[n++] = (struct expect){1, M_P_WAIT, r.p_wait, 0};
        e[n++] = (struct expect){1, M_ASA, r.p_wait / (mu_n * (1.0 - s1) * (1.0 - s2)), 0};
        return n;
    }
    case F_CHAT: {
        double w = 1.0, z = 0.0, p_wait = 0.0, lq = 0.0, mu = 1.0 / c->aht_s;
        int k;
        for (k = 0; k < 400; k++) { /* state k has weight w; the tail beyond is negligible */
            int open = k + 1 <= 3 ? k + 1 : 3; /* chats open with k + 1 in the system */
            double rate = open * mu / chat_stretch[open];
            z += w;
            p_wait += k >= 3 ? w : 0.0;
            lq += k > 3 ? (k - 3) * w : 0.0;
            w *= c->rate_per_s / rate;
        }
        *traffic = c->rate_per_s * c->aht_s;
        e[n++] = (struct expect){0, M_P_WAIT, p_wait / z, 0};
        e[n++] = (struct expect){0, M_ASA, lq / z / c->rate_per_s, 0};
        return n;
    }
    case F_CHAT_START: {
        double p_wait, lq;
        if (chat_at_start(c->rate_per_s, 1.0 / c->aht_s, &p_wait, &lq))
            return -1;
        *traffic = c->rate_per_s * c->aht_s;
        e[n++] = (struct expect){0, M_P_WAIT, p_wait, 0};
        e[n++] = (struct expect){0, M_ASA, lq / c->rate_per_s, 0};
        return n;
    }
    case F_SHIFT:
        for (int sh = 1; sh <= 2; sh++) {
            if (erlang(c->rate_per_s, c->aht_s, sh == 1 ? c->agents : c->agents2, 0.0,
                       c->target_s, &r))
                return -1;
            e[n++] = (struct expect){0, M_SL, r.service_level, sh};
            e[n++] = (struct expect){0, M_ASA, r.asa_s, sh};
        }
        *traffic = r.traffic_erlangs;
        return n;
    case F_BOT:
        if (erlang(c->rate_per_s * (1.0 - c->share), c->aht_s, c->agents, 0.0, c->target_s, &r))
            return -1;
        *traffic = r.traffic_erlangs;
        e[n++] = (struct expect){0, M_CONTAIN, c->share, 0};
        e[n++] = (struct expect){0, M_P_WAIT, r.p_wait, 0};
        e[n++] = (struct expect){0, M_SL, r.service_level, 0};
        e[n++] = (struct expect){0, M_ASA, r.asa_s, 0};
        return n;
    }
    return -1;
}

/* One channel of a case as scenario YAML. */
static void channel_yaml(char *buf, size_t cap, const char *name, double per_hour,
                         const struct vcase *c)
{
    char handle[96], patience[64];
    if (c->cv == 1.0)
        snprintf(handle, sizeof handle, "{dist: exponential, mean: %.17gs}", c->aht_s);
    else if (c->cv == 0.0)
        snprintf(handle, sizeof handle, "{dist: deterministic, mean: %.17gs}", c->aht_s);
    else
        snprintf(handle, sizeof handle, "{dist: gamma, mean: %.17gs, cv: %.17g}", c->aht_s,
                 c->cv);
    if (c->patience_s > 0.0)
        snprintf(patience, sizeof patience, "{dist: exponential, mean: %.17gs}", c->patience_s);
    else
        snprintf(patience, sizeof patience, "none");
    snprintf(buf, cap,
             "  %s:\n    kind: voice\n    volume: {per_hour: %.17g}\n    handle_time: %s\n"
             "    patience: %s\n    target: {answer_within: %.17gs, service_level: 80%%}\n",
             name, per_hour, handle, patience, c->target_s);
}

/*
 * The case as a scenario: one team of N + offset agents on duty around the
 * clock, arrivals over `days`, then a drain. Loaded by the scenario loader
 * and mapped to the engine's model like any user's file.
 */
static int case_scenario(const struct vcase *c, long offset, cc_scenario **out)
{
    char text[4096], ch0[512], ch1[512] = "", extra[256] = "", staff[256];
    double per_hour = c->rate_per_s * 3600.0;
    long agents = c->agents + offset > 0 ? c->agents + offset : 0;
    cc_diag_list d;
    cc_error err;
    int ok;

    if (c->family == F_SHIFT) /* the staffing changes at 12:00 and back at midnight */
        snprintf(staff, sizeof staff,
                 "shifts: [{start: '00:00', end: '12:00', agents: %ld}, "
                 "{start: '12:00', end: '24:00', agents: %ld}]",
                 agents, c->agents2 + offset > 0 ? c->agents2 + offset : 0);
    else
        snprintf(staff, sizeof staff, "agents: %ld", agents);
    if (c->family == F_CHAT || c->family == F_CHAT_START) {
        snprintf(ch0, sizeof ch0,
                 "  calls:\n    kind: chat\n    volume: {per_hour: %.17g}\n"
                 "    handle_time: {dist: exponential, mean: %.17gs}\n    patience: none\n"
                 "    concurrency: 3\n"
                 "    stretch: {multipliers: [%g, %g, %g], mode: %s}\n"
                 "    target: {answer_within: %.17gs, service_level: 80%%}\n",
                 per_hour, c->aht_s, chat_stretch[1], chat_stretch[2], chat_stretch[3],
                 c->family == F_CHAT ? "dynamic" : "at_start", c->target_s);
    } else if (c->family == F_PRIORITY) {
        channel_yaml(ch0, sizeof ch0, "high", per_hour * c->share, c);
        channel_yaml(ch1, sizeof ch1, "low", per_hour * (1.0 - c->share), c);
        snprintf(extra, sizeof extra, "routing: {priority: [high, low]}\n");
    } else {
        channel_yaml(ch0, sizeof ch0, "calls", per_hour, c);
        if (c->family == F_BOT)
            snprintf(extra, sizeof extra,
                     "chatbots:\n  bot:\n    fronts: [calls]\n"
                     "    time_in_bot: {dist: deterministic, mean: 30s}\n"
                     "    containment: %.17g\n",
                     c->share);
    }
    snprintf(text, sizeof text,
             "version: 1\nname: verify\n"
             "horizon: {start: 2026-01-05, days: %d, interval: 60m}\n"
             "channels:\n%s%s%s"
             "teams:\n  agents: {skills: [%s], %s}\n"
             "simulation: {warmup: %.17gs, drain: true}\n",
             c->days, ch0, ch1, extra, c->family == F_PRIORITY ? "high, low" : "calls", staff,
             c->warmup_s);
    cc_diag_list_init(&d);
    ok = cc_scenario_load_string(text, strlen(text), "verify.yaml", out, &d, &err) == CC_OK;
    if (!ok) {
        size_t i;
        char line[1024];
        for (i = 0; i < d.n; i++)
            cli_errorf("%s", cc_diag_format(&d, i, line, sizeof line));
    }
    cc_diag_list_release(&d);
    return ok ? 0 : -1;
}

struct verify_args {
    long replications;
    long seed;
    long threads;
    long offset_agents;   /* simulated agents minus those theory assumes */
    int json;
};

enum { OPT_REPS = CLI_OPT_BASE, OPT_SEED, OPT_THREADS, OPT_OFFSET, OPT_JSON, OPT_HELP };

static const struct option verify_options[] = {
    {"replications", required_argument, NULL, OPT_REPS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"offset-agents", required_argument, NULL, OPT_OFFSET},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static void verify_usage(FILE *out)
{
    fprintf(out,
            "usage: ccsim verify [--replications K] [--seed S] [--threads T]\n"
            "                    [--offset-agents D] [--json]\n"
            "\n"
            "Builds scenarios where queueing theory is exact - Erlang C (M/M/N) and\n"
            "Erlang A (M/M/N+M) at several loads, M/D/1 and M/G/1 (Pollaczek-Khinchine),\n"
            "two non-preemptive priority classes (Cobham), a chatbot containing a share\n"
            "before an Erlang C queue, one chat agent whose chats slow down with the\n"
            "chats open now (Erlang Chat, stretch.mode dynamic, against its birth-death\n"
            "chain) or with the chats open when each started (stretch.mode at_start,\n"
            "against the exact chain of open chats by their start level), and a shift\n"
            "change (12 agents 00:00-12:00, 10 agents 12:00-24:00, each half day judged\n"
            "on its own interval rows from 3 h after the change against Erlang C) -\n"
            "loads them like any scenario file, runs them\n"
            "through the whole engine and prints the simulated value with its confidence\n"
            "interval next to theory for P(wait), service level, ASA, mean wait,\n"
            "P(abandon) and containment; then Little's law (time-average queue = arrival\n"
            "rate x mean wait, within 1%%) and the conservation of contacts (offered =\n"
            "answered + abandoned + waiting, exactly). One agent more or fewer than\n"
            "theory assumes fails every staffing check at the default replications.\n"
            "\n"
            "Each case runs K replications with a warm-up; arrivals stop at the horizon\n"
            "and the queue drains. Intervals are Student-t at 99%% family-wise confidence\n"
            "(Bonferroni over all comparisons), so a correct engine fails a comparison\n"
            "with probability below 1%% for any seed. The default run takes about a\n"
            "second on two cores.\n"
            "\n"
            "options:\n"
            "  --replications K   replications per case, 2..10000 (default 20)\n"
            "  --seed S           base seed, 0..2^62 (default 1)\n"
            "  --threads T        threads, 0 = all cores (default 0); results do not\n"
            "                     depend on it\n"
            "  --offset-agents D  simulate D more (negative: fewer) agents than theory\n"
            "                     assumes, -5..5 (default 0): shows that the checks catch\n"
            "                     a model that is off by one agent (expect exit 1)\n"
            "  --json             print one JSON document instead of the table\n"
            "\n"
            "Exit codes: 0 every check agrees, 1 a check disagrees, 2 usage error.\n");
}

static int parse_args(int argc, char **argv, struct verify_args *a)
{
    struct cli_parser p;
    int val;
    a->replications = 20;
    a->seed = 1;
    a->threads = 0;
    a->offset_agents = 0;
    a->json = 0;
    cli_parser_init(&p, "verify", verify_options, argc, argv);
    while ((val = cli_parser_next(&p)) != -1) {
        int rc = 0;
        switch (val) {
        case CLI_OPT_ERROR:
            return CLI_USAGE;
        case OPT_HELP:
            verify_usage(stdout);
            return -1;
        case OPT_REPS:
            rc = cli_parse_count("replications", p.value, 2, 10000, &a->replications);
            break;
        case OPT_SEED:
            rc = cli_parse_count("seed", p.value, 0, 4611686018427387904L, &a->seed);
            break;
        case OPT_THREADS:
            rc = cli_parse_count("threads", p.value, 0, 1024, &a->threads);
            break;
        case OPT_OFFSET: {
            double d;
            struct cli_range r = {-5.0, 5.0, 0, 0};
            rc = cli_parse_number("offset-agents", p.value, r, &d);
            if (!rc && d != floor(d))
                rc = cli_flag_errorf("offset-agents", "'%s' is not a whole number; allowed: "
                                     "-5..5", p.value);
            a->offset_agents = (long)d;
            break;
        }
        case OPT_JSON:
            a->json = 1;
            break;
        default:
            return CLI_USAGE;
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Outcome of one comparison. */
struct check {
    const char *key;      /* JSON name */
    double simulated;     /* mean over replications */
    double half_width;    /* family-wise half width */
    double theory;        /* exact value */
    int channel;          /* which channel of the case */
    int shift;            /* F_SHIFT: which shift's judged hours (1, 2); 0 = the whole run */
    int ok;               /* theory inside the interval */
};

/* Mean and t half width of v[0..n-1], one value per replication. */
static void mean_hw(const double *v, long n, double tq, double *mean, double *hw)
{
    long r;
    double sum = 0.0, ss = 0.0;
    for (r = 0; r < n; r++)
        sum += v[r];
    *mean = sum / (double)n;
    for (r = 0; r < n; r++)
        ss += (v[r] - *mean) * (v[r] - *mean);
    *hw = tq * sqrt(ss / (double)(n - 1) / (double)n);
}

/* The service level or ASA of one replication's interval rows in shift sh's judged hours. */
static double shift_value(const cc_results *one, enum metric k, int sh)
{
    cc_pooled p = {0};
    size_t i;
    for (i = 0; i < one->n_intervals; i++) {
        int hour = (int)(i % 24);
        const cc_pooled *x = &one->intervals[i * one->n_channels].pooled;
        if (hour < shift_hours[sh - 1][0] || hour >= shift_hours[sh - 1][1])
            continue;
        p.presented += x->presented;
        p.in_target += x->in_target;
        p.excluded += x->excluded;
        p.answered += x->answered;
        p.wait_answered_s += x->wait_answered_s;
    }
    return k == M_SL ? p.in_target / (p.presented - p.excluded) : p.wait_answered_s / p.answered;
}

/*
 * Runs case model m: K replications in one call, or for F_SHIFT one call per
 * replication (seeds seed, seed + 1, ...), whose interval rows are then that
 * replication's own. Keeps each replication's value of check k in
 * vals[k * K + r] and its channel totals in reps[r * n_channels + c] (*reps
 * is new; free it). Returns CC_OK or the error of a run.
 */
static cc_status run_case(const struct vcase *vc, const cc_simmodel *m, const cc_run_options *o,
                          const struct expect *e, int n_checks, double *vals,
                          cc_rep_channel **reps, cc_error *err)
{
    cc_run_options opt = *o;
    cc_results *res = NULL;
    cc_status st = CC_OK;
    long r, R = o->replications, calls = vc->family == F_SHIFT ? R : 1;
    size_t nc = m->n_channels;
    int k;

    *reps = calloc((size_t)R * nc, sizeof(cc_rep_channel));
    if (!*reps)
        return cc_error_setf(err, CC_ENOMEM, "out of memory for %ld replications", R);
    if (vc->family == F_SHIFT) {
        opt.replications = 1;
        opt.interval_stats = 1;
    }
    for (long call = 0; call < calls && st == CC_OK; call++) {
        long first = vc->family == F_SHIFT ? call : 0, n = opt.replications;
        opt.seed = o->seed + (uint64_t)first;
        if ((st = cc_replicate(m, &opt, &res, err)) != CC_OK)
            break;
        memcpy(&(*reps)[(size_t)first * nc], res->rep_channels,
               (size_t)n * nc * sizeof(cc_rep_channel));
        for (k = 0; k < n_checks; k++)
            for (r = 0; r < n; r++)
                vals[k * R + first + r] =
                    vc->family == F_SHIFT
                        ? shift_value(res, e[k].metric, e[k].shift)
                        : metric_value(e[k].metric, &res->rep_channels[r * nc + e[k].channel]);
        cc_results_free(res);
        res = NULL;
    }
    if (st != CC_OK) {
        free(*reps);
        *reps = NULL;
    }
    return st;
}

/*
 * Little's law over the measured window, all channels together: mean queue
 * length against arrival rate x mean wait (the queue drains after the
 * window, so where it is stable the two agree within 1%).
 */
static int little(const cc_rep_channel *reps, long n, size_t nc, double *l, double *lw)
{
    long r;
    double a = 0.0, b = 0.0;
    size_t c;
    for (r = 0; r < n; r++)
        for (c = 0; c < nc; c++) {
            const cc_rep_channel *x = &reps[(size_t)r * nc + c];
            a += x->queue_area_s / x->duration_s;
            b += (x->wait_answered_s + x->wait_abandoned_s) / x->duration_s;
        }
    *l = a / (double)n;
    *lw = b / (double)n;
    return fabs(*l - *lw) <= 0.01 * fabs(*l) + 1e-9;
}

/* Conservation in every replication and channel; returns how many replications hold exactly. */
static long conserved(const cc_rep_channel *reps, long n, size_t nc)
{
    long r, ok = 0;
    size_t c;
    for (r = 0; r < n; r++) {
        int all = 1;
        for (c = 0; c < nc; c++) {
            const cc_rep_channel *x = &reps[(size_t)r * nc + c];
            all &= x->offered == x->deflected + x->contained + x->bounced + x->in_bot_end +
                                     x->presented &&
                   x->presented == x->answered + x->abandoned + x->waiting_end;
        }
        ok += all;
    }
    return ok;
}

int cmd_verify(int argc, char **argv)
{
    struct verify_args a;
    struct expect expects[N_CASES][MAX_CHECKS];
    struct check checks[N_CASES][MAX_CHECKS];
    int n_checks[N_CASES];
    double lit_l[N_CASES], lit_lw[N_CASES], traffic[N_CASES];
    int lit_ok[N_CASES];
    long cons[N_CASES];
    size_t i;
    int k, comparisons = 0, failures = 0, rc;
    double tq, *vals;
    json_t *doc = NULL, *jcases = NULL;

    rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? CLI_OK : rc;
    for (i = 0; i < N_CASES; i++) {
        if ((n_checks[i] = theory_of(&cases[i], expects[i], &traffic[i])) < 0)
            return CLI_BUG;
        comparisons += n_checks[i];
    }
    tq = gsl_cdf_tdist_Pinv(1.0 - FAMILY_MISS / (2.0 * comparisons), (double)(a.replications - 1));

    vals = malloc(sizeof(double) * MAX_CHECKS * (size_t)a.replications);
    if (!vals) {
        cli_errorf("out of memory for %ld replications", a.replications);
        return CLI_BUG;
    }
    for (i = 0; i < N_CASES; i++) {
        const struct vcase *vc = &cases[i];
        cc_run_options opt = cc_run_options_default();
        cc_rep_channel *reps = NULL;
        cc_scenario *s = NULL;
        cc_simmodel *m = NULL;
        cc_error err;
        cc_status st;
        size_t nc;

        if (case_scenario(vc, a.offset_agents, &s)) {
            free(vals);
            return CLI_BUG;
        }
        st = cc_simmodel_from_scenario(s, &m, &err);
        cc_scenario_free(s);
        if (st != CC_OK) {
            cli_print_error(&err);
            free(vals);
            return CLI_BUG;
        }
        opt.replications = a.replications;
        opt.seed = (uint64_t)a.seed + (uint64_t)i * 1000003u;
        opt.threads = (int)a.threads;
        opt.interval_stats = 0;
        nc = m->n_channels;
        st = run_case(vc, m, &opt, expects[i], n_checks[i], vals, &reps, &err);
        cc_simmodel_free(m);
        if (st != CC_OK) {
            cli_print_error(&err);
            free(vals);
            return cli_exit_for(st);
        }
        for (k = 0; k < n_checks[i]; k++) {
            struct check *c = &checks[i][k];
            const struct expect *e = &expects[i][k];
            c->key = metric_keys[e->metric];
            c->channel = e->channel;
            c->shift = e->shift;
            mean_hw(&vals[k * a.replications], a.replications, tq, &c->simulated,
                    &c->half_width);
            c->theory = e->theory;
            c->ok = fabs(c->simulated - c->theory) <= c->half_width;
            failures += !c->ok;
        }
        lit_ok[i] = little(reps, a.replications, nc, &lit_l[i], &lit_lw[i]);
        cons[i] = conserved(reps, a.replications, nc);
        failures += !lit_ok[i] + (cons[i] != a.replications);
        free(reps);
    }
    free(vals);

    if (a.json) {
        char *text;
        doc = json_object();
        jcases = json_array();
        json_object_set_new(doc, "replications", json_integer(a.replications));
        json_object_set_new(doc, "seed", json_integer(a.seed));
        json_object_set_new(doc, "family_confidence", json_real(1.0 - FAMILY_MISS));
        json_object_set_new(doc, "comparisons", json_integer(comparisons));
        json_object_set_new(doc, "offset_agents", json_integer(a.offset_agents));
        for (i = 0; i < N_CASES; i++) {
            json_t *jc = json_object(), *jchecks = json_array();
            json_object_set_new(jc, "name", json_string(cases[i].name));
            json_object_set_new(jc, "agents", json_integer(cases[i].agents));
            json_object_set_new(jc, "traffic_erlangs", json_real(traffic[i]));
            json_object_set_new(jc, "patience_mean_seconds", json_real(cases[i].patience_s));
            json_object_set_new(jc, "target_seconds", json_real(cases[i].target_s));
            for (k = 0; k < n_checks[i]; k++) {
                const struct check *c = &checks[i][k];
                json_t *x = json_object();
                json_object_set_new(x, "metric", json_string(c->key));
                if (cases[i].family == F_PRIORITY)
                    json_object_set_new(x, "class", json_integer(c->channel + 1));
                if (c->shift) {
                    char hours[16];
                    snprintf(hours, sizeof hours, "%02d:00-%02d:00",
                             shift_hours[c->shift - 1][0], shift_hours[c->shift - 1][1]);
                    json_object_set_new(x, "hours", json_string(hours));
                    json_object_set_new(
                        x, "agents", json_integer(c->shift == 1 ? cases[i].agents : cases[i].agents2));
                }
                json_object_set_new(x, "simulated", json_real(c->simulated));
                json_object_set_new(x, "half_width", json_real(c->half_width));
                json_object_set_new(x, "theory", json_real(c->theory));
                json_object_set_new(x, "ok", json_boolean(c->ok));
                json_array_append_new(jchecks, x);
            }
            json_object_set_new(jc, "checks", jchecks);
            json_object_set_new(jc, "little_queue_length", json_real(lit_l[i]));
            json_object_set_new(jc, "little_rate_times_wait", json_real(lit_lw[i]));
            json_object_set_new(jc, "little_ok", json_boolean(lit_ok[i]));
            json_object_set_new(jc, "conservation_ok",
                                json_boolean(cons[i] == a.replications));
            json_array_append_new(jcases, jc);
        }
        json_object_set_new(doc, "cases", jcases);
        json_object_set_new(doc, "ok", json_boolean(failures == 0));
        text = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        json_decref(doc);
        if (!text) {
            cli_errorf("cannot format the JSON output");
            return CLI_BUG;
        }
        fputs(text, stdout);
        fputc('\n', stdout);
        free(text);
    } else {
        static const char *const labels[N_METRICS] = {"P(wait)",       "service level",
                                                      "ASA (s)",       "mean wait (s)",
                                                      "P(abandon)",    "containment"};
        printf("ccsim verify: %ld replications per case, seed %ld; intervals are 99%% "
               "family-wise\n(Student t, Bonferroni over %d comparisons)\n",
               a.replications, a.seed, comparisons);
        if (a.offset_agents)
            printf("simulating %+ld agent(s) against theory's staffing\n", a.offset_agents);
        for (i = 0; i < N_CASES; i++) {
            printf("\n%s\n", cases[i].name);
            printf("  %-22s %-24s %-12s\n", "metric", "simulated", "theory");
            for (k = 0; k < n_checks[i]; k++) {
                const struct check *c = &checks[i][k];
                const struct expect *e = &expects[i][k];
                char sim[64], label[40];
                snprintf(sim, sizeof sim, "%.5g +- %.2g", c->simulated, c->half_width);
                if (cases[i].family == F_PRIORITY)
                    snprintf(label, sizeof label, "%s, class %d", labels[e->metric],
                             c->channel + 1);
                else if (c->shift)
                    snprintf(label, sizeof label, "%s, %02d-%02d h", labels[e->metric],
                             shift_hours[c->shift - 1][0], shift_hours[c->shift - 1][1]);
                else
                    snprintf(label, sizeof label, "%s", labels[e->metric]);
                printf("  %-22s %-24s %-12.5g %s\n", label, sim, c->theory,
                       c->ok ? "ok" : "DISAGREES");
            }
            printf("  %-22s L = %.5g, lambda W = %.5g (%.3f%%) %s\n", "Little's law", lit_l[i],
                   lit_lw[i], lit_l[i] > 0 ? 100.0 * fabs(lit_l[i] - lit_lw[i]) / lit_l[i] : 0.0,
                   lit_ok[i] ? "ok" : "DISAGREES");
            printf("  %-22s exact in %ld of %ld replications %s\n", "conservation", cons[i],
                   a.replications, cons[i] == a.replications ? "ok" : "DISAGREES");
        }
        if (failures)
            printf("\n%d check(s) disagree with theory\n", failures);
        else
            printf("\nevery check agrees with theory\n");
    }
    rc = cli_finish_stdout();
    if (rc)
        return rc;
    return failures ? CLI_CHECK : CLI_OK;
}
