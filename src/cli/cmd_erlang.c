/*
 * ccsim erlang and ccsim staff: Erlang C / Erlang A figures for one queue at
 * one staffing level, and the least staffing meeting service targets with
 * both shrinkage formulas. Everything is validated before anything is
 * computed, and nothing reaches stdout until every figure is known to be
 * finite, so a failed run leaves stdout empty.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "cc_units.h"
#include "options.h"

enum {
    OPT_CALLS = CLI_OPT_BASE,
    OPT_AHT,
    OPT_AGENTS,
    OPT_TARGET,
    OPT_PATIENCE,
    OPT_SL_DEFINITION,
    OPT_SHORT_ABANDON,
    OPT_SERVICE_LEVEL,
    OPT_MAX_ASA,
    OPT_MAX_OCCUPANCY,
    OPT_MAX_ABANDON,
    OPT_SHRINKAGE,
    OPT_CONCURRENCY,
    OPT_STRETCH,
    OPT_WITHIN,
    OPT_JSON,
    OPT_HELP,
};

#define DEFAULT_TARGET_S 20.0

/* Largest --concurrency: sessions one agent holds at once (as plan's limit). */
#define MAX_CONCURRENCY 32

/* The ranges the analytics accept (cc_erlang.h), checked here to name the flag. */
static const struct cli_range rate_range = {CC_ERLANG_MIN_ARRIVALS_PER_HOUR,
                                            CC_ERLANG_MAX_ARRIVALS_PER_HOUR, 0, 0};
static const struct cli_range aht_range = {CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_AHT_S, 0, 0};
static const struct cli_range patience_range = {CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_SECONDS,
                                                0, 0};
static const struct cli_range time_range = {0.0, CC_ERLANG_MAX_SECONDS, 0, 0};       /* [0, max] */
static const struct cli_range positive_time = {0.0, CC_ERLANG_MAX_SECONDS, 1, 0};    /* (0, max] */
static const struct cli_range share_positive = {0.0, 1.0, 1, 0};  /* (0, 1] */
static const struct cli_range share_below_one = {0.0, 1.0, 0, 1}; /* [0, 1) */

/* --sl-definition names, in the order of sl_values. */
static const char *const sl_names[] = {"offered", "answered", "exclude-short", "virtual",
                                       NULL};
static const cc_sl_definition sl_values[] = {CC_SL_OFFERED, CC_SL_ANSWERED,
                                             CC_SL_EXCLUDE_SHORT, CC_SL_VIRTUAL};

static const struct option erlang_options[] = {
    {"calls-per-hour", required_argument, NULL, OPT_CALLS},
    {"aht", required_argument, NULL, OPT_AHT},
    {"agents", required_argument, NULL, OPT_AGENTS},
    {"target-seconds", required_argument, NULL, OPT_TARGET},
    {"patience", required_argument, NULL, OPT_PATIENCE},
    {"sl-definition", required_argument, NULL, OPT_SL_DEFINITION},
    {"short-abandon", required_argument, NULL, OPT_SHORT_ABANDON},
    {"concurrency", required_argument, NULL, OPT_CONCURRENCY},
    {"stretch", required_argument, NULL, OPT_STRETCH},
    {"within", required_argument, NULL, OPT_WITHIN},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static const struct option staff_options[] = {
    {"calls-per-hour", required_argument, NULL, OPT_CALLS},
    {"aht", required_argument, NULL, OPT_AHT},
    {"service-level", required_argument, NULL, OPT_SERVICE_LEVEL},
    {"target-seconds", required_argument, NULL, OPT_TARGET},
    {"max-asa", required_argument, NULL, OPT_MAX_ASA},
    {"max-occupancy", required_argument, NULL, OPT_MAX_OCCUPANCY},
    {"max-abandon", required_argument, NULL, OPT_MAX_ABANDON},
    {"shrinkage", required_argument, NULL, OPT_SHRINKAGE},
    {"patience", required_argument, NULL, OPT_PATIENCE},
    {"sl-definition", required_argument, NULL, OPT_SL_DEFINITION},
    {"short-abandon", required_argument, NULL, OPT_SHORT_ABANDON},
    {"concurrency", required_argument, NULL, OPT_CONCURRENCY},
    {"stretch", required_argument, NULL, OPT_STRETCH},
    {"within", required_argument, NULL, OPT_WITHIN},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

#define DEFINITIONS_HELP                                                                 \
    "Definitions:\n"                                                                     \
    "  offered load     calls per hour x AHT / 3600, in erlangs\n"                       \
    "  service level    contacts answered within T / all contacts offered\n"             \
    "                   (abandoned contacts count as missed)\n"                          \
    "  ASA              mean wait of answered contacts\n"                                \
    "  mean wait        mean time in queue over all offered contacts, abandoned\n"       \
    "                   ones up to their abandonment (equals ASA under Erlang C)\n"      \
    "  occupancy        busy agent time / agent time (load / agents under\n"             \
    "                   Erlang C, carried load / agents under Erlang A)\n"               \
    "  --sl-definition  offered (the above, default); answered: answered within T /\n"  \
    "                   answered; exclude-short: answered within T / (offered -\n"      \
    "                   abandoned within --short-abandon); virtual: P(V <= T) and\n"     \
    "                   ASA = E[V], V the wait of a customer who never abandons\n"       \
    "                   (the convention of CCmath's Erlang X calculators)\n"             \
    "\n"                                                                                 \
    "Durations: plain seconds or with a unit: 180, 180s, 3m, 1h, 2d.\n"                  \
    "Shares: a fraction or a percentage: 0.8, 80%%.\n"                                    \
    "Options are long only, written in full, each at most once.\n"                       \
    "Exit codes: 0 ok, 1 check failed (%s), 2 usage or input error.\n"

/* Help lines for the inputs both commands take, with the ranges the analytics accept. */
static void help_rates(void)
{
    printf("  --calls-per-hour R        offered contacts per hour, %g to %g\n"
           "  --aht DURATION            mean handle time, %g s to %g s\n",
           CC_ERLANG_MIN_ARRIVALS_PER_HOUR, CC_ERLANG_MAX_ARRIVALS_PER_HOUR,
           CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_AHT_S);
}

static void help_kinds(void)
{
    printf("  --concurrency K           chat: sessions one agent holds at once, 1 to %d; the\n"
           "                            queue's servers are then sessions (agents x K)\n"
           "  --stretch SHARE           handle-time increase per extra open session, as\n"
           "                            if every agent held K (15%%: x1.3 at K = 3)\n"
           "  --within DURATION         deferred work (email, social) answered within a\n"
           "                            window such as 4h: workload against capacity,\n"
           "                            without a live queue (no patience, SL or ASA)\n",
           MAX_CONCURRENCY);
}

static void help_patience(void)
{
    printf("  --patience DURATION       mean patience, %g s to %g s; without it\n"
           "                            nobody abandons\n",
           CC_ERLANG_MIN_SECONDS, CC_ERLANG_MAX_SECONDS);
}

static void erlang_help(void)
{
    printf("usage: ccsim erlang --calls-per-hour R --aht DURATION --agents N\n"
           "                    [--target-seconds DURATION] [--patience DURATION]\n"
           "                    [--sl-definition offered|answered|exclude-short|virtual]\n"
           "                    [--short-abandon DURATION] [--concurrency K [--stretch S]]\n"
           "                    [--within DURATION] [--json]\n"
           "\n"
           "Erlang C (M/M/N) figures for one queue and one staffing level; Erlang A\n"
           "(M/M/N+M) when --patience gives the mean of exponential patience.\n"
           "\n");
    help_rates();
    printf("  --agents N                agents, a whole number from 1 to %ld\n"
           "  --target-seconds DURATION service-level threshold T, >= 0 (default 20 s)\n",
           CC_ERLANG_MAX_AGENTS);
    help_patience();
    help_kinds();
    printf(           "  --sl-definition NAME      how the service level counts (default offered)\n"
           "  --short-abandon DURATION  abandons within this are ignored, > 0; needed\n"
           "                            by and only allowed with exclude-short\n"
           "  --json                    print one JSON object instead of a table\n"
           "  --help                    print this help\n"
           "\n"
           "JSON fields: model (erlang-c or erlang-a), sl_definition, traffic_erlangs,\n"
           "agents, p_wait, service_level, target_seconds, asa_seconds,\n"
           "mean_wait_seconds, occupancy, and with --patience p_abandon.\n"
           "\n" DEFINITIONS_HELP,
           "unstable queue: load >= agents without --patience");
}

static void staff_help(void)
{
    printf("usage: ccsim staff --calls-per-hour R --aht DURATION\n"
           "                   [--service-level SHARE] [--target-seconds DURATION]\n"
           "                   [--max-asa DURATION] [--max-occupancy SHARE]\n"
           "                   [--max-abandon SHARE] [--shrinkage SHARE]\n"
           "                   [--patience DURATION] [--sl-definition NAME]\n"
           "                   [--short-abandon DURATION] [--concurrency K [--stretch S]]\n"
           "                   [--within DURATION] [--json]\n"
           "\n"
           "The least number of agents meeting every target given (at least one), by\n"
           "Erlang C, or Erlang A with --patience.\n"
           "\n");
    help_rates();
    printf("  --service-level SHARE     service level to reach at T, in (0, 1]\n"
           "  --target-seconds DURATION service-level threshold T, >= 0 (default 20 s)\n"
           "  --max-asa DURATION        ASA at most this, > 0\n"
           "  --max-occupancy SHARE     occupancy at most this, in (0, 1]\n"
           "  --max-abandon SHARE       P(abandon) at most this, in (0, 1]; needs --patience\n"
           "  --shrinkage SHARE         share of paid time not available, in [0, 1)\n");
    help_patience();
    help_kinds();
    printf(           "  --sl-definition NAME      offered (default), answered, exclude-short, virtual\n"
           "  --short-abandon DURATION  threshold for exclude-short, > 0\n"
           "  --json                    print one JSON object instead of a table\n"
           "  --help                    print this help\n"
           "\n"
           "Shrinkage is reported by both formulas, which differ (30%%: x1.43 against\n"
           "x1.30):\n"
           "  scheduled agents         agents / (1 - shrinkage), the industry formula;\n"
           "                           also rounded up\n"
           "  workload formula agents  (R x AHT / 3600) x (1 + shrinkage), the guide's\n"
           "                           formula: load, not the Erlang requirement\n"
           "\n"
           "JSON fields: model, sl_definition, agents, service_level, target_seconds,\n"
           "asa_seconds, occupancy, traffic_erlangs, p_wait, mean_wait_seconds, with\n"
           "--patience p_abandon, with --shrinkage shrinkage, scheduled_agents,\n"
           "scheduled_agents_rounded, workload_formula_agents; then targets.\n"
           "\n" DEFINITIONS_HELP,
           "no staffing meets the targets");
}

/* ---- shared queue options ----------------------------------------------- */

/* The queue both commands describe, as read from the command line. */
struct queue_args {
    cc_erlang_input in;   /* what the library evaluates */
    long concurrency;     /* sessions per agent (chat), 1 by default */
    double stretch;       /* handle-time increase per extra open session, share */
    double within_s;      /* deferred work: response window, seconds; 0 = a live queue */
    int sl_choice;        /* index into sl_names */
    int json;             /* 1 for --json */
};

static void queue_args_init(struct queue_args *q)
{
    memset(q, 0, sizeof(*q));
    q->in.target_s = DEFAULT_TARGET_S;
    q->in.sl_definition = CC_SL_OFFERED;
    q->sl_choice = 0;
    q->concurrency = 1;
}

/*
 * Handle time of a session when every agent holds `concurrency` of them:
 * AHT x (1 + stretch x (K - 1)), the conservative full-concurrency stretch
 * the planner uses.
 */
static double session_handle_s(const struct queue_args *q)
{
    return q->in.aht_s * (1.0 + q->stretch * (double)(q->concurrency - 1));
}

/* Parses an option both commands share: 0, CLI_USAGE, or -1 if not one of them. */
static int queue_option(int val, const char *value, struct queue_args *q)
{
    switch (val) {
    case OPT_CALLS:
        return cli_parse_number("calls-per-hour", value, rate_range, &q->in.arrivals_per_hour);
    case OPT_AHT:
        return cli_parse_duration("aht", value, aht_range, &q->in.aht_s);
    case OPT_TARGET:
        return cli_parse_duration("target-seconds", value, time_range, &q->in.target_s);
    case OPT_PATIENCE:
        return cli_parse_duration("patience", value, patience_range, &q->in.patience_mean_s);
    case OPT_SHORT_ABANDON:
        return cli_parse_duration("short-abandon", value, positive_time, &q->in.short_abandon_s);
    case OPT_SL_DEFINITION:
        if (cli_parse_choice("sl-definition", value, sl_names, &q->sl_choice))
            return CLI_USAGE;
        q->in.sl_definition = sl_values[q->sl_choice];
        return 0;
    case OPT_CONCURRENCY:
        return cli_parse_count("concurrency", value, 1, MAX_CONCURRENCY, &q->concurrency);
    case OPT_STRETCH:
        return cli_parse_share("stretch", value, (struct cli_range){0.0, 10.0, 0, 0},
                               &q->stretch);
    case OPT_WITHIN:
        return cli_parse_duration("within", value, positive_time, &q->within_s);
    case OPT_JSON:
        q->json = 1;
        return 0;
    default:
        return -1;
    }
}

/* Checks what single options cannot: presence and combinations. */
static int queue_check(const struct cli_parser *p, const struct queue_args *q)
{
    if (!cli_parser_given(p, OPT_CALLS))
        return cli_flag_missing("calls-per-hour", "offered contacts per hour, a number");
    if (!cli_parser_given(p, OPT_AHT))
        return cli_flag_missing("aht", "the mean handle time, a duration (180, 180s, 3m)");
    if (q->in.sl_definition == CC_SL_EXCLUDE_SHORT && !cli_parser_given(p, OPT_SHORT_ABANDON))
        return cli_flag_errorf("sl-definition",
                               "exclude-short needs --short-abandon; allowed: "
                               "--sl-definition exclude-short --short-abandon DURATION");
    if (q->in.sl_definition != CC_SL_EXCLUDE_SHORT && cli_parser_given(p, OPT_SHORT_ABANDON))
        return cli_flag_errorf("short-abandon", "only applies to the exclude-short service "
                               "level; allowed: with --sl-definition exclude-short");
    if (cli_parser_given(p, OPT_STRETCH) && q->concurrency < 2)
        return cli_flag_errorf("stretch", "only applies with --concurrency 2 or more");
    if (cli_parser_given(p, OPT_WITHIN)) {
        /* Deferred work has no live queue: no patience, sessions or seconds-level target. */
        static const struct { int val; const char *name; } live[] = {
            {OPT_PATIENCE, "patience"}, {OPT_CONCURRENCY, "concurrency"},
            {OPT_TARGET, "target-seconds"}, {OPT_SL_DEFINITION, "sl-definition"},
            {OPT_SERVICE_LEVEL, "service-level"}, {OPT_MAX_ASA, "max-asa"},
            {OPT_MAX_ABANDON, "max-abandon"}};
        size_t i;
        for (i = 0; i < sizeof live / sizeof live[0]; i++)
            if (cli_parser_given(p, live[i].val))
                return cli_flag_errorf("within", "deferred work (email, social) has no live "
                                       "queue, so --%s does not apply; allowed: --within with "
                                       "--calls-per-hour, --aht and --agents (erlang) or "
                                       "--max-occupancy and --shrinkage (staff)",
                                       live[i].name);
    }
    return 0;
}

/* ---- output ---------------------------------------------------------------- */

/*
 * Names the first figure that is not finite, or returns NULL. Printed numbers
 * must never be nan or inf; such a figure is a library defect, not user input.
 */
static const char *first_non_finite(const cc_erlang_result *r)
{
    if (!isfinite(r->traffic_erlangs)) return "traffic_erlangs";
    if (!isfinite(r->p_wait)) return "p_wait";
    if (!isfinite(r->service_level)) return "service_level";
    if (!isfinite(r->asa_s)) return "asa_seconds";
    if (!isfinite(r->mean_wait_s)) return "mean_wait_seconds";
    if (!isfinite(r->occupancy)) return "occupancy";
    if (!isfinite(r->p_abandon)) return "p_abandon";
    return NULL;
}

static int internal_error(const char *what)
{
    cli_errorf("internal error: %s; please report it with the command line", what);
    return CLI_BUG;
}

static int non_finite_error(const char *figure)
{
    cli_errorf("internal error: figure '%s' is not finite; please report it with the "
               "command line", figure);
    return CLI_BUG;
}

/* Adds a number to a JSON object; -1 if it is not finite (jansson refuses those). */
static int put_real(json_t *obj, const char *key, double v)
{
    json_t *j = json_real(v);
    return j && !json_object_set_new(obj, key, j) ? 0 : -1;
}

static int put_int(json_t *obj, const char *key, long v)
{
    json_t *j = json_integer((json_int_t)v);
    return j && !json_object_set_new(obj, key, j) ? 0 : -1;
}

static int put_str(json_t *obj, const char *key, const char *v)
{
    json_t *j = json_string(v);
    return j && !json_object_set_new(obj, key, j) ? 0 : -1;
}

/*
 * Prints `obj` as the one JSON document on stdout and releases it; when
 * building it failed (`bad`), releases it and reports that instead. The text
 * is built whole first, so a failure cannot leave half a document behind.
 */
static int emit_json(json_t *obj, int bad)
{
    char *text;
    if (bad) {
        json_decref(obj);
        return internal_error("cannot build the JSON output");
    }
    text = json_dumps(obj, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(obj);
    if (!text)
        return internal_error("cannot format the JSON output");
    fputs(text, stdout);
    fputc('\n', stdout);
    free(text);
    return cli_finish_stdout();
}

static const char *model_name(const cc_erlang_input *in)
{
    return in->patience_mean_s > 0.0 ? "erlang-a" : "erlang-c";
}

/* Describes what the service level counts, for the human table. */
static void sl_unit(const struct queue_args *q, char *buf, size_t size)
{
    double t = q->in.target_s;
    switch (q->in.sl_definition) {
    case CC_SL_ANSWERED:
        snprintf(buf, size, "answered within %g s / answered", t);
        break;
    case CC_SL_EXCLUDE_SHORT:
        snprintf(buf, size, "answered within %g s / (offered - abandoned within %g s)", t,
                 q->in.short_abandon_s);
        break;
    case CC_SL_VIRTUAL:
        snprintf(buf, size, "P(virtual wait <= %g s)", t);
        break;
    case CC_SL_OFFERED:
    default:
        snprintf(buf, size, "answered within %g s / offered", t);
        break;
    }
}

static void row(const char *label, const char *value, const char *unit)
{
    if (*unit)
        printf("  %-26s %12s  %s\n", label, value, unit);
    else
        printf("  %-26s %12s\n", label, value);
}

/* A row whose value is printed with `decimals` digits after the point. */
static void row_num(const char *label, int decimals, double v, const char *unit)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%.*f", decimals, v);
    row(label, buf, unit);
}

/* The rows both commands print for a queue at one staffing level. */
static void print_figures(const struct queue_args *q, const cc_erlang_result *r)
{
    char sl[128];
    int virtual_sl = q->in.sl_definition == CC_SL_VIRTUAL;

    sl_unit(q, sl, sizeof(sl));
    row_num("offered load", 4, r->traffic_erlangs, "erlangs");
    row_num("P(wait)", 5, r->p_wait, "share of contacts that wait");
    row_num("service level", 5, r->service_level, sl);
    row_num("ASA", 3, r->asa_s,
            virtual_sl ? "s, mean virtual wait (customer who never abandons)"
                       : "s, mean wait of answered contacts");
    row_num("mean wait", 3, r->mean_wait_s, "s, over all offered contacts");
    row_num("occupancy", 5, r->occupancy, "busy agent time / agent time");
    if (q->in.patience_mean_s > 0.0)
        row_num("P(abandon)", 5, r->p_abandon, "share of contacts that abandon");
}

static void print_model_line(const struct queue_args *q, const char *what)
{
    char aht[32], pat[48] = "";
    snprintf(aht, sizeof(aht), "%g", q->in.aht_s);
    if (q->in.patience_mean_s > 0.0)
        snprintf(pat, sizeof(pat), ", mean patience %g s", q->in.patience_mean_s);
    printf("%s, %s: %g contacts/h, AHT %s s%s\n",
           q->in.patience_mean_s > 0.0 ? "Erlang A (M/M/N+M)" : "Erlang C (M/M/N)", what,
           q->in.arrivals_per_hour, aht, pat);
}

/* Adds the figures of a queue in the documented key order. */
static int put_queue_json(json_t *o, const struct queue_args *q)
{
    int bad = put_str(o, "model", model_name(&q->in));
    bad |= put_str(o, "sl_definition", sl_names[q->sl_choice]);
    if (q->in.sl_definition == CC_SL_EXCLUDE_SHORT)
        bad |= put_real(o, "short_abandon_seconds", q->in.short_abandon_s);
    return bad;
}

/* ---- ccsim erlang ---------------------------------------------------------- */

static int erlang_unstable(const struct queue_args *q)
{
    double load = q->in.arrivals_per_hour * q->in.aht_s / 3600.0;
    char need[32];

    if (load + 1.0 < (double)CC_ERLANG_MAX_AGENTS)
        snprintf(need, sizeof(need), "%.0f", ceil(load) + 1.0);
    else
        snprintf(need, sizeof(need), "more than %ld", CC_ERLANG_MAX_AGENTS);
    cli_errorf("unstable queue: offered load %.6g erlangs >= %ld agents, so the queue "
               "grows without bound; use at least %s agents (--agents), or give "
               "--patience for customers who abandon",
               load, q->in.agents, need);
    return CLI_CHECK;
}

static int put_concurrency_json(json_t *o, const struct queue_args *q, long sessions);

static int erlang_json(const struct queue_args *q, const cc_erlang_result *r, long agents)
{
    json_t *o = json_object();
    int bad;

    if (!o)
        return internal_error("cannot build the JSON output");
    bad = put_queue_json(o, q);
    bad |= put_real(o, "traffic_erlangs", r->traffic_erlangs);
    bad |= put_int(o, "agents", agents);
    bad |= put_concurrency_json(o, q, r->agents);
    bad |= put_real(o, "p_wait", r->p_wait);
    bad |= put_real(o, "service_level", r->service_level);
    bad |= put_real(o, "target_seconds", q->in.target_s);
    bad |= put_real(o, "asa_seconds", r->asa_s);
    bad |= put_real(o, "mean_wait_seconds", r->mean_wait_s);
    bad |= put_real(o, "occupancy", r->occupancy);
    if (q->in.patience_mean_s > 0.0)
        bad |= put_real(o, "p_abandon", r->p_abandon);
    return emit_json(o, bad);
}

/* The chat line under the model line: sessions per agent and the stretched handle time. */
static void print_concurrency_line(const struct queue_args *q)
{
    if (q->concurrency > 1)
        printf("chat: %ld sessions per agent; handle time per session %g s (AHT x (1 + %g x "
               "%ld)), so the servers below are sessions\n",
               q->concurrency, session_handle_s(q), q->stretch, q->concurrency - 1);
}

static int put_concurrency_json(json_t *o, const struct queue_args *q, long sessions)
{
    int bad = 0;
    if (q->concurrency > 1) {
        bad |= put_int(o, "concurrency", q->concurrency);
        bad |= put_real(o, "stretch_per_session", q->stretch);
        bad |= put_real(o, "session_handle_seconds", session_handle_s(q));
        bad |= put_int(o, "sessions", sessions);
    }
    return bad;
}

/*
 * Deferred work (email, social) at `agents`: the workload R x AHT / 3600
 * against the agents' capacity. A steady flow is answered within the window
 * exactly when capacity exceeds the workload (the window only absorbs
 * variation within it; plan a day's pattern with ccsim plan); otherwise the
 * backlog grows by the difference. Fills *load and *occupancy.
 */
static void deferred_figures(const struct queue_args *q, double agents, double *load,
                             double *occupancy)
{
    *load = q->in.arrivals_per_hour * q->in.aht_s / 3600.0;
    *occupancy = agents > 0.0 ? *load / agents : 0.0;
}

/*
 * The JSON object of a deferred-work answer, begun with the model and the
 * window; NULL when it cannot be made. `bad` is set when a field failed.
 */
static json_t *deferred_json(const struct queue_args *q, int *bad)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    *bad = put_str(o, "model", "deferred");
    *bad |= put_real(o, "within_seconds", q->within_s);
    return o;
}

static int erlang_deferred(const struct queue_args *q)
{
    double load, occ, agents = (double)q->in.agents;
    double growth = q->in.arrivals_per_hour - agents * 3600.0 / q->in.aht_s;
    char w[32];
    int rc;

    deferred_figures(q, agents, &load, &occ);
    if (q->json) {
        int bad;
        json_t *o = deferred_json(q, &bad);
        if (!o)
            return internal_error("cannot build the JSON output");
        bad |= put_int(o, "agents", q->in.agents);
        bad |= put_real(o, "traffic_erlangs", load);
        bad |= put_real(o, "occupancy", occ);
        bad |= json_object_set_new(o, "answered_within", json_boolean(load < agents));
        bad |= put_real(o, "backlog_growth_per_hour", growth > 0.0 ? growth : 0.0);
        if ((rc = emit_json(o, bad)) != CLI_OK)
            return bad ? rc : CLI_IO;
        return load < agents ? CLI_OK : CLI_CHECK;
    }
    cc_format_duration(q->within_s, w, sizeof w);
    printf("Deferred work (email, social), one staffing level: %g contacts/h, AHT %g s, "
           "answer within %s\n", q->in.arrivals_per_hour, q->in.aht_s, w);
    row_num("agents", 0, agents, "");
    row_num("workload", 4, load, "erlangs: contacts/h x AHT / 3600");
    row_num("occupancy", 5, occ, "workload / agents");
    if (load < agents)
        row("answered within the window", "yes", "capacity exceeds the workload");
    else
        row_num("backlog growth", 1, growth, "contacts per hour: never answered in time");
    if (cli_finish_stdout() != CLI_OK)
        return CLI_IO;
    return load < agents ? CLI_OK : CLI_CHECK;
}

int cmd_erlang(int argc, char **argv)
{
    struct cli_parser p;
    struct queue_args q, servers;
    long agents;
    cc_erlang_result r;
    cc_error err;
    cc_status st;
    const char *bad;
    int c, rc;

    queue_args_init(&q);
    cli_parser_init(&p, "erlang", erlang_options, argc, argv);
    while ((c = cli_parser_next(&p)) != -1) {
        if (c == CLI_OPT_ERROR)
            return CLI_USAGE;
        if (c == OPT_HELP) {
            erlang_help();
            return cli_finish_stdout();
        }
        if (c == OPT_AGENTS)
            rc = cli_parse_count("agents", p.value, 1, CC_ERLANG_MAX_AGENTS, &q.in.agents);
        else
            rc = queue_option(c, p.value, &q);
        if (rc)
            return CLI_USAGE;
    }
    if ((rc = queue_check(&p, &q)) != 0)
        return rc;
    if (!cli_parser_given(&p, OPT_AGENTS)) {
        char allowed[64];
        snprintf(allowed, sizeof(allowed), "a whole number from 1 to %ld",
                 CC_ERLANG_MAX_AGENTS);
        return cli_flag_missing("agents", allowed);
    }
    if (q.within_s > 0.0)
        return erlang_deferred(&q);
    agents = q.in.agents;
    servers = q;
    if (q.concurrency > 1) {
        /* Chat: the queue's servers are sessions, each with the stretched handle time. */
        if (agents > CC_ERLANG_MAX_AGENTS / q.concurrency)
            return cli_flag_errorf("agents", "%ld agents x %ld sessions is more than %ld "
                                   "servers; allowed: fewer agents or sessions", agents,
                                   q.concurrency, CC_ERLANG_MAX_AGENTS);
        servers.in.agents = agents * q.concurrency;
        servers.in.aht_s = session_handle_s(&q);
    }

    cc_error_clear(&err);
    st = cc_erlang_eval(&servers.in, &r, &err);
    if (st == CC_EUNSTABLE && !(q.in.patience_mean_s > 0.0))
        return erlang_unstable(&servers);
    if (st != CC_OK) {
        cli_print_error(&err);
        return cli_exit_for(st);
    }
    if ((bad = first_non_finite(&r)) != NULL)
        return non_finite_error(bad);

    if (q.json)
        return erlang_json(&q, &r, agents);
    print_model_line(&q, "one staffing level");
    print_concurrency_line(&q);
    row_num("agents", 0, (double)agents, "");
    if (q.concurrency > 1)
        row_num("sessions", 0, (double)r.agents, "agents x concurrency: the servers");
    print_figures(&q, &r);
    return cli_finish_stdout();
}

/* ---- ccsim staff ----------------------------------------------------------- */

/*
 * Rounds up, forgiving a last-bit error: 14 / (1 - 0.3) is 20 in decimal but
 * may come out a few ulps above 20 in binary, and must not become 21.
 */
static double ceil_forgiving(double x)
{
    double r = round(x);
    if (fabs(x - r) <= 1e-9 * fmax(1.0, fabs(x)))
        return r;
    return ceil(x);
}

/* What ccsim staff computes beyond the queue figures. */
struct staff_args {
    cc_staff_targets targets;   /* targets given; 0 = not a target */
    double shrinkage;           /* share of paid time unavailable, [0, 1) */
    int has_shrinkage;          /* 1 when --shrinkage was given */
};

static int put_targets_json(json_t *o, const struct queue_args *q,
                            const struct staff_args *s)
{
    json_t *t = json_object();
    int bad = 0;

    if (!t)
        return -1;
    if (s->targets.service_level > 0.0) {
        bad |= put_real(t, "service_level", s->targets.service_level);
        bad |= put_real(t, "target_seconds", q->in.target_s);
    }
    if (s->targets.max_asa_s > 0.0)
        bad |= put_real(t, "max_asa_seconds", s->targets.max_asa_s);
    if (s->targets.max_occupancy > 0.0)
        bad |= put_real(t, "max_occupancy", s->targets.max_occupancy);
    if (s->targets.max_abandon > 0.0)
        bad |= put_real(t, "max_abandon", s->targets.max_abandon);
    if (json_object_set_new(o, "targets", t))
        return -1;
    return bad;
}

static int staff_json(const struct queue_args *q, const struct staff_args *s,
                      const cc_staff_result *res, long sessions)
{
    const cc_erlang_result *r = &res->figures;
    json_t *o = json_object();
    int bad;

    if (!o)
        return internal_error("cannot build the JSON output");
    bad = put_queue_json(o, q);
    bad |= put_int(o, "agents", res->agents);
    bad |= put_concurrency_json(o, q, sessions);
    bad |= put_real(o, "service_level", r->service_level);
    bad |= put_real(o, "target_seconds", q->in.target_s);
    bad |= put_real(o, "asa_seconds", r->asa_s);
    bad |= put_real(o, "occupancy", r->occupancy);
    bad |= put_real(o, "traffic_erlangs", r->traffic_erlangs);
    bad |= put_real(o, "p_wait", r->p_wait);
    bad |= put_real(o, "mean_wait_seconds", r->mean_wait_s);
    if (q->in.patience_mean_s > 0.0)
        bad |= put_real(o, "p_abandon", r->p_abandon);
    if (s->has_shrinkage) {
        double scheduled = cc_shrinkage_divisive((double)res->agents, s->shrinkage);
        bad |= put_real(o, "shrinkage", s->shrinkage);
        bad |= put_real(o, "scheduled_agents", scheduled);
        bad |= put_int(o, "scheduled_agents_rounded", (long)ceil_forgiving(scheduled));
        bad |= put_real(o, "workload_formula_agents",
                        cc_shrinkage_multiplicative(r->traffic_erlangs / (double)q->concurrency, s->shrinkage));
    }
    bad |= put_targets_json(o, q, s);
    return emit_json(o, bad);
}

static void staff_table(const struct queue_args *q, const struct staff_args *s,
                        const cc_staff_result *res, long sessions)
{
    const cc_erlang_result *r = &res->figures;
    char unit[160];

    print_model_line(q, "least staffing meeting the targets");
    if (s->targets.service_level > 0.0) {
        snprintf(unit, sizeof(unit), "target: service level >= %g at %g s",
                 s->targets.service_level, q->in.target_s);
        printf("  %s\n", unit);
    }
    if (s->targets.max_asa_s > 0.0)
        printf("  target: ASA <= %g s\n", s->targets.max_asa_s);
    if (s->targets.max_occupancy > 0.0)
        printf("  target: occupancy <= %g\n", s->targets.max_occupancy);
    if (s->targets.max_abandon > 0.0)
        printf("  target: P(abandon) <= %g\n", s->targets.max_abandon);
    print_concurrency_line(q);
    if (q->concurrency > 1)
        row_num("sessions required", 0, (double)sessions, "servers of the queue");
    row_num("agents required", 0, (double)res->agents,
            q->concurrency > 1 ? "sessions / concurrency, rounded up; net, before shrinkage"
                               : "net agents, before shrinkage");
    print_figures(q, r);
    if (s->has_shrinkage) {
        double scheduled = cc_shrinkage_divisive((double)res->agents, s->shrinkage);
        double workload = cc_shrinkage_multiplicative(r->traffic_erlangs / (double)q->concurrency, s->shrinkage);
        printf("shrinkage %g%%, by both formulas (they differ):\n", s->shrinkage * 100.0);
        snprintf(unit, sizeof(unit), "agents / (1 - shrinkage), industry formula");
        row_num("scheduled agents", 4, scheduled, unit);
        row_num("scheduled agents, rounded", 0, ceil_forgiving(scheduled),
                "rounded up");
        row_num("workload formula agents", 4, workload,
                "load x (1 + shrinkage), the guide's formula (no queueing)");
    }
}

/* Deferred work: agents = workload / max occupancy (1 without a cap), then shrinkage. */
static int staff_deferred(const struct queue_args *q, const struct staff_args *s)
{
    double cap = s->targets.max_occupancy > 0.0 ? s->targets.max_occupancy : 1.0;
    double load, occ, need, agents;
    char w[32];

    deferred_figures(q, 1.0, &load, &occ);
    need = load / cap;
    agents = ceil_forgiving(need);
    if (agents < 1.0)
        agents = 1.0;
    if (q->json) {
        int bad;
        json_t *o = deferred_json(q, &bad);
        if (!o)
            return internal_error("cannot build the JSON output");
        bad |= put_real(o, "traffic_erlangs", load);
        bad |= put_real(o, "agents_fractional", need);
        bad |= put_int(o, "agents", (long)agents);
        bad |= put_real(o, "occupancy", load / agents);
        if (s->has_shrinkage) {
            double scheduled = cc_shrinkage_divisive(agents, s->shrinkage);
            bad |= put_real(o, "shrinkage", s->shrinkage);
            bad |= put_real(o, "scheduled_agents", scheduled);
            bad |= put_int(o, "scheduled_agents_rounded", (long)ceil_forgiving(scheduled));
        }
        return emit_json(o, bad);
    }
    cc_format_duration(q->within_s, w, sizeof w);
    printf("Deferred work (email, social), least staffing answering within %s: %g "
           "contacts/h, AHT %g s\n", w, q->in.arrivals_per_hour, q->in.aht_s);
    if (s->targets.max_occupancy > 0.0)
        printf("  target: occupancy <= %g\n", s->targets.max_occupancy);
    row_num("workload", 4, load, "erlangs: contacts/h x AHT / 3600");
    row_num("agents required", 0, agents, "workload / max occupancy, rounded up");
    row_num("occupancy", 5, load / agents, "workload / agents");
    printf("  (a steady flow is answered within the window when capacity exceeds the workload;\n"
           "   the window absorbs peaks within it: plan a day's pattern with ccsim plan)\n");
    if (s->has_shrinkage) {
        double scheduled = cc_shrinkage_divisive(agents, s->shrinkage);
        row_num("scheduled agents", 4, scheduled, "agents / (1 - shrinkage)");
        row_num("scheduled agents, rounded", 0, ceil_forgiving(scheduled), "rounded up");
    }
    return cli_finish_stdout();
}

int cmd_staff(int argc, char **argv)
{
    struct cli_parser p;
    struct queue_args q, servers;
    long sessions;
    struct staff_args s;
    cc_staff_result res;
    cc_error err;
    cc_status st;
    const char *bad;
    int c, rc;

    queue_args_init(&q);
    memset(&s, 0, sizeof(s));
    cli_parser_init(&p, "staff", staff_options, argc, argv);
    while ((c = cli_parser_next(&p)) != -1) {
        if (c == CLI_OPT_ERROR)
            return CLI_USAGE;
        switch (c) {
        case OPT_HELP:
            staff_help();
            return cli_finish_stdout();
        case OPT_SERVICE_LEVEL:
            rc = cli_parse_share("service-level", p.value, share_positive,
                                 &s.targets.service_level);
            break;
        case OPT_MAX_ASA:
            rc = cli_parse_duration("max-asa", p.value, positive_time, &s.targets.max_asa_s);
            break;
        case OPT_MAX_OCCUPANCY:
            rc = cli_parse_share("max-occupancy", p.value, share_positive,
                                 &s.targets.max_occupancy);
            break;
        case OPT_MAX_ABANDON:
            rc = cli_parse_share("max-abandon", p.value, share_positive,
                                 &s.targets.max_abandon);
            break;
        case OPT_SHRINKAGE:
            rc = cli_parse_share("shrinkage", p.value, share_below_one, &s.shrinkage);
            s.has_shrinkage = 1;
            break;
        default:
            rc = queue_option(c, p.value, &q);
            break;
        }
        if (rc)
            return CLI_USAGE;
    }
    if ((rc = queue_check(&p, &q)) != 0)
        return rc;
    if (q.within_s > 0.0)
        return staff_deferred(&q, &s);
    if (!cli_parser_given(&p, OPT_SERVICE_LEVEL) && !cli_parser_given(&p, OPT_MAX_ASA) &&
        !cli_parser_given(&p, OPT_MAX_OCCUPANCY) && !cli_parser_given(&p, OPT_MAX_ABANDON))
        return cli_flag_errorf("service-level", "no target given; allowed: at least one of "
                               "--service-level, --max-asa, --max-occupancy, --max-abandon");
    if (s.targets.max_abandon > 0.0 && !(q.in.patience_mean_s > 0.0))
        return cli_flag_errorf("max-abandon", "needs --patience, since without patience "
                               "nobody abandons; allowed: with --patience DURATION");

    servers = q;
    if (q.concurrency > 1)
        servers.in.aht_s = session_handle_s(&q); /* the queue's servers are sessions */
    cc_error_clear(&err);
    st = cc_staff_solve(&servers.in, &s.targets, &res, &err);
    if (st != CC_OK) {
        cli_print_error(&err);
        return cli_exit_for(st);
    }
    if ((bad = first_non_finite(&res.figures)) != NULL)
        return non_finite_error(bad);
    sessions = res.agents;
    /* Chat: agents hold `concurrency` sessions each; shrinkage applies to agents. */
    res.agents = (sessions + q.concurrency - 1) / q.concurrency;

    if (q.json)
        return staff_json(&q, &s, &res, sessions);
    staff_table(&q, &s, &res, sessions);
    return cli_finish_stdout();
}
