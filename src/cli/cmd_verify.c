/*
 * ccsim verify: runs the simulation engine on single-queue cases where
 * theory is exact (Erlang C, Erlang A) and prints simulated value with its
 * confidence interval next to theory, plus Little's law and conservation of
 * contacts. Intervals are family-wise (Bonferroni) so that a correct engine
 * passes at the fixed default seed with room to spare, and a wrong one
 * fails: exit 1 when any check disagrees.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <jansson.h>

#include "cc_sim.h"
#include "cli.h"
#include "options.h"

/* One single-queue case: exponential arrivals, handle times and patience. */
struct vcase {
    const char *name;        /* label */
    double rate_per_s;       /* arrivals per second */
    double aht_s;            /* mean handle time, seconds */
    long agents;             /* N */
    double patience_s;       /* mean patience, seconds; 0 = Erlang C */
    double target_s;         /* answer-within T, seconds */
    double horizon_s;        /* arrivals after the warm-up, seconds */
    double warmup_s;         /* warm-up, seconds */
};

static const struct vcase cases[] = {
    {"W1: Erlang C, N = 100, A = 90", 0.3, 300.0, 100, 0.0, 20.0, 200000.0, 6000.0},
    {"Erlang C near saturation, N = 100, A = 95", 95.0 / 300.0, 300.0, 100, 0.0, 20.0,
     400000.0, 15000.0},
    {"Erlang C, small team, N = 2, A = 1.6", 1.6 / 60.0, 60.0, 2, 0.0, 30.0, 300000.0, 3000.0},
    {"W2: Erlang A, N = 100, A = 90, patience 120 s", 0.3, 300.0, 100, 120.0, 20.0, 200000.0,
     6000.0},
    {"Erlang A overloaded, N = 50, A = 60, patience 90 s", 0.2, 300.0, 50, 90.0, 30.0,
     200000.0, 6000.0},
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))
#define FAMILY_MISS 0.01 /* 99% family-wise */

/* Per-replication statistics compared with theory. */
enum metric { M_P_WAIT, M_SL, M_ASA, M_MEAN_WAIT, M_P_ABANDON, N_METRICS };

static const char *const metric_keys[N_METRICS] = {"p_wait", "service_level", "asa_seconds",
                                                   "mean_wait_seconds", "p_abandon"};

static double metric_value(enum metric k, const cc_rep_channel *x)
{
    switch (k) {
    case M_P_WAIT: return x->queued / x->presented;
    case M_SL: return x->answered_in_target / (x->presented - x->sl_excluded);
    case M_ASA: return x->wait_answered_s / x->answered;
    case M_MEAN_WAIT: return (x->wait_answered_s + x->wait_abandoned_s) / x->presented;
    case M_P_ABANDON: return x->abandoned / x->presented;
    default: return NAN;
    }
}

static double theory_value(enum metric k, const cc_erlang_result *t)
{
    switch (k) {
    case M_P_WAIT: return t->p_wait;
    case M_SL: return t->service_level;
    case M_ASA: return t->asa_s;
    case M_MEAN_WAIT: return t->mean_wait_s;
    case M_P_ABANDON: return t->p_abandon;
    default: return NAN;
    }
}

/* Erlang A cases check every metric; Erlang C ones the first three. */
static int n_metrics(const struct vcase *c)
{
    return c->patience_s > 0.0 ? N_METRICS : 3;
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
            "Runs the simulation engine on single-queue cases where queueing theory is\n"
            "exact - Erlang C (M/M/N) and Erlang A (M/M/N+M) at several loads - and\n"
            "prints the simulated value with its confidence interval next to theory for\n"
            "P(wait), service level, ASA, mean wait and P(abandon); then Little's law\n"
            "(time-average queue = arrival rate x mean wait, within 1%%) and the\n"
            "conservation of contacts (offered = answered + abandoned + waiting, exactly).\n"
            "\n"
            "Each case runs K replications with a warm-up; arrivals stop at the horizon\n"
            "and the queue drains. Intervals are Student-t at 99%% family-wise confidence\n"
            "(Bonferroni over all comparisons), so a correct engine fails a comparison\n"
            "with probability below 1%% for any seed.\n"
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
    int ok;               /* theory inside the interval */
};

/* Mean and t half width of f over the replications of channel 0. */
static void mean_hw(const cc_results *res, enum metric k, double tq, double *mean, double *hw)
{
    long r, n = res->replications;
    double sum = 0.0, ss = 0.0;
    for (r = 0; r < n; r++)
        sum += metric_value(k, &res->rep_channels[r * res->n_channels]);
    *mean = sum / (double)n;
    for (r = 0; r < n; r++) {
        double d = metric_value(k, &res->rep_channels[r * res->n_channels]) - *mean;
        ss += d * d;
    }
    *hw = tq * sqrt(ss / (double)(n - 1) / (double)n);
}

/* Little's law: mean queue length against arrival rate x mean wait. */
static int little(const cc_results *res, double *l, double *lw)
{
    long r, n = res->replications;
    double a = 0.0, b = 0.0;
    for (r = 0; r < n; r++) {
        const cc_rep_channel *x = &res->rep_channels[r * res->n_channels];
        a += x->queue_area_s / x->duration_s;
        b += (x->wait_answered_s + x->wait_abandoned_s) / x->duration_s;
    }
    *l = a / (double)n;
    *lw = b / (double)n;
    return fabs(*l - *lw) <= 0.01 * fabs(*l) + 1e-9;
}

/* Conservation in every replication; returns how many hold exactly. */
static long conserved(const cc_results *res)
{
    long r, ok = 0;
    for (r = 0; r < res->replications; r++) {
        const cc_rep_channel *x = &res->rep_channels[r * res->n_channels];
        ok += x->offered == x->deflected + x->contained + x->bounced + x->in_bot_end +
                                x->presented &&
              x->presented == x->answered + x->abandoned + x->waiting_end;
    }
    return ok;
}

int cmd_verify(int argc, char **argv)
{
    struct verify_args a;
    struct check checks[N_CASES][N_METRICS];
    double lit_l[N_CASES], lit_lw[N_CASES];
    int lit_ok[N_CASES];
    long cons[N_CASES];
    cc_erlang_result theory[N_CASES];
    size_t i;
    int k, comparisons = 0, failures = 0, rc;
    double tq;
    json_t *doc = NULL, *jcases = NULL;

    rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? CLI_OK : rc;
    for (i = 0; i < N_CASES; i++)
        comparisons += n_metrics(&cases[i]);
    tq = gsl_cdf_tdist_Pinv(1.0 - FAMILY_MISS / (2.0 * comparisons), (double)(a.replications - 1));

    for (i = 0; i < N_CASES; i++) {
        const struct vcase *vc = &cases[i];
        cc_erlang_input in;
        cc_run_options opt = cc_run_options_default();
        cc_results *res = NULL;
        cc_simmodel *m;
        cc_error err;
        cc_status st;

        memset(&in, 0, sizeof in);
        in.arrivals_per_hour = vc->rate_per_s * 3600.0;
        in.aht_s = vc->aht_s;
        in.agents = vc->agents;
        in.target_s = vc->target_s;
        in.patience_mean_s = vc->patience_s;
        in.sl_definition = CC_SL_OFFERED;
        if ((st = cc_erlang_eval(&in, &theory[i], &err)) != CC_OK) {
            cli_print_error(&err);
            return CLI_BUG;
        }
        m = cc_simmodel_single_queue(vc->rate_per_s, vc->aht_s,
                                     vc->agents + a.offset_agents > 1
                                         ? vc->agents + a.offset_agents
                                         : 1,
                                     vc->patience_s, vc->target_s,
                                     vc->warmup_s + vc->horizon_s, 0);
        m->warmup_s = vc->warmup_s;
        m->drain = 1;
        opt.replications = a.replications;
        opt.seed = (uint64_t)a.seed + (uint64_t)i * 1000003u;
        opt.threads = (int)a.threads;
        opt.interval_stats = 0;
        st = cc_replicate(m, &opt, &res, &err);
        cc_simmodel_free(m);
        if (st != CC_OK) {
            cli_print_error(&err);
            return cli_exit_for(st);
        }
        for (k = 0; k < n_metrics(vc); k++) {
            struct check *c = &checks[i][k];
            c->key = metric_keys[k];
            mean_hw(res, (enum metric)k, tq, &c->simulated, &c->half_width);
            c->theory = theory_value((enum metric)k, &theory[i]);
            c->ok = fabs(c->simulated - c->theory) <= c->half_width;
            failures += !c->ok;
        }
        lit_ok[i] = little(res, &lit_l[i], &lit_lw[i]);
        cons[i] = conserved(res);
        failures += !lit_ok[i] + (cons[i] != a.replications);
        cc_results_free(res);
    }

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
            json_object_set_new(jc, "traffic_erlangs", json_real(theory[i].traffic_erlangs));
            json_object_set_new(jc, "patience_mean_seconds", json_real(cases[i].patience_s));
            json_object_set_new(jc, "target_seconds", json_real(cases[i].target_s));
            for (k = 0; k < n_metrics(&cases[i]); k++) {
                const struct check *c = &checks[i][k];
                json_t *x = json_object();
                json_object_set_new(x, "metric", json_string(c->key));
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
        static const char *const labels[N_METRICS] = {"P(wait)", "service level", "ASA (s)",
                                                      "mean wait (s)", "P(abandon)"};
        printf("ccsim verify: %ld replications per case, seed %ld; intervals are 99%% "
               "family-wise\n(Student t, Bonferroni over %d comparisons)\n",
               a.replications, a.seed, comparisons);
        if (a.offset_agents)
            printf("simulating %+ld agent(s) against theory's staffing\n", a.offset_agents);
        for (i = 0; i < N_CASES; i++) {
            printf("\n%s\n", cases[i].name);
            printf("  %-22s %-24s %-12s\n", "metric", "simulated", "theory");
            for (k = 0; k < n_metrics(&cases[i]); k++) {
                const struct check *c = &checks[i][k];
                char sim[64];
                snprintf(sim, sizeof sim, "%.5g +- %.2g", c->simulated, c->half_width);
                printf("  %-22s %-24s %-12.5g %s\n", labels[k], sim, c->theory,
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
