/*
 * ccsim run SCENARIO: simulate a scenario over its horizon with independent
 * replications, print a summary table per channel and team, and write
 * summary.json and intervals.csv under results/<scenario>/run/ (or --out DIR),
 * each atomically.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic_write.h"
#include "cc_sim.h"
#include "cc_report.h"
#include "cc_scenario.h"
#include "cc_units.h"
#include "cli.h"
#include "options.h"
#include "result_set.h"
#include "tasks_cli.h"

#define MAX_SETS 64

static void run_help(void)
{
    printf("usage: ccsim run SCENARIO.yaml [options]\n"
           "\n"
           "Simulates the scenario and writes summary.json, intervals.csv and report.html to\n"
           "results/<scenario>/run/ (or --out DIR). Replication r uses random streams derived\n"
           "from (seed, r), so the same seed gives identical files for any --threads.\n"
           "\n"
           "options:\n"
           "  --replications K   independent replications (default: the scenario's)\n"
           "  --seed S           base seed, 0..2^63 (default: the scenario's)\n"
           "  --threads T        worker threads (default: all cores)\n"
           "  --shard K/N        compute only shard K of N of the replications into a shard\n"
           "                     file (--out FILE; default results/<scenario>/shards/\n"
           "                     run-K-of-N.ccshard); 'ccsim merge' joins the N shards\n"
           "  --out DIR          output folder (default: results/<scenario name>/run)\n"
           "  --set KEY=VALUE    override a scenario key (YAML value; missing parent\n"
           "                     sections are created), repeatable\n"
           "  --scale WHAT=F     multiply the scenario's volume or handle time: volume=1.3,\n"
           "                     aht=0.9, chat.volume=1.5 (one channel), repeatable\n"
           "  --option NAME      simulate one of the scenario's plan options (plan.options)\n"
           "  --json             print summary.json on stdout instead of the tables\n"
           "  --meta             add run facts (time, host, wall time, threads) to summary.json\n"
           "  --no-limits        run even when the estimate exceeds the event or memory limit\n"
           "  --help             show this help\n"
           "\n"
           "Service level = answered within the target time / contacts presented to agents\n"
           "(abandoned count as missed; contacts still pending at the end and the initial\n"
           "backlog, work carried in, are left out); ASA = mean wait of answered contacts;\n"
           "intervals are 95%% Student-t confidence intervals across replications.\n");
}

static void fmt_estimate(char *buf, size_t cap, const cc_estimate *e, double scale,
                         const char *format)
{
    if (e->n <= 0 || !isfinite(e->mean)) {
        snprintf(buf, cap, "-");
        return;
    }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(buf, cap, format, e->mean * scale, e->half_width * scale);
#pragma GCC diagnostic pop
}

/* Judged days that missed the target; 0 without a judged day. */
static long days_missed(const cc_channel_summary *x)
{
    const cc_attainment *d = &x->at[CC_SCOPE_DAY];
    return d->judged > 0 ? d->judged - d->met : 0;
}

/*
 * The first lines after the title: how many channels meet their targets at
 * their scope, which miss, the days that miss even where the horizon meets,
 * and any queue that grows without bound. A run whose days fail says so
 * before any table.
 */
static void print_headline(const cc_scenario *s, const cc_results *r,
                           const cc_backlog_end *backlog)
{
    size_t c, meets = 0, misses = 0, na = 0, day_miss = 0, over = 0;
    const char *bad = cli_colour(stdout, CLI_COLOUR_BAD), *reset = cli_colour(stdout, CLI_COLOUR_RESET);

    for (c = 0; c < r->n_channels; c++) {
        cc_target_status st = r->channels[c].verdict.status;
        meets += st == CC_TARGET_MEETS;
        misses += st == CC_TARGET_MISSES;
        na += st == CC_TARGET_NA;
        day_miss += days_missed(&r->channels[c]) > 0;
        over += backlog[c].overloaded;
    }
    printf("Verdict: %zu of %zu channels meet every target and cap at their scope", meets,
           r->n_channels);
    if (misses) {
        printf("; %s%zu miss%s:", bad, misses, reset);
        for (c = 0; c < r->n_channels; c++)
            if (r->channels[c].verdict.status == CC_TARGET_MISSES)
                printf(" %s", s->channels[c].name);
    }
    if (na)
        printf("; %zu without a verdict", na);
    printf(".\n");
    if (day_miss) {
        const char *sep = "";
        printf("Days missing the target:");
        for (c = 0; c < r->n_channels; c++) {
            const cc_attainment *d = &r->channels[c].at[CC_SCOPE_DAY];
            if (days_missed(&r->channels[c]) == 0)
                continue;
            printf("%s %s %ld of %ld (%.0f%%)", sep, s->channels[c].name, d->judged - d->met,
                   d->judged, 100.0 * (double)(d->judged - d->met) / (double)d->judged);
            sep = ",";
        }
        printf("%s\n", meets && misses == 0 ? " — although every horizon target is met." : ".");
    }
    if (over) {
        for (c = 0; c < r->n_channels; c++)
            if (backlog[c].overloaded)
                printf("%sOverload on %s%s: the queue grows without bound; %.0f contacts still "
                       "waiting at the end.\n",
                       bad, s->channels[c].name, reset, backlog[c].waiting);
    }
}

/* Prints the run's tables; returns 0, or CLI_BUG when out of memory (after saying so). */
static int print_tables(const cc_scenario *s, const cc_results *r, const char *dir)
{
    size_t c, t;
    char sl[48], asa[48], ab[48], occ[48], off[48], ans[48], cont[48], defl[48], tgt[48];
    char days[24];
    const char *cur = s->currency ? s->currency : "";
    cc_backlog_end *backlog = calloc(r->n_channels ? r->n_channels : 1, sizeof *backlog);
    int any_backlog = 0;
    double weeks = (double)s->days / 7.0;

    if (!backlog) {
        cli_errorf("out of memory");
        return CLI_BUG;
    }
    for (c = 0; c < r->n_channels; c++) {
        cc_report_backlog_end(r, c, &backlog[c]);
        any_backlog |= backlog[c].waiting >= 0.5;
    }
    printf("%s: %ld replications, seed %llu, %d days of %g-minute intervals\n", s->name,
           r->replications, (unsigned long long)r->seed, s->days, s->interval_s / 60.0);
    print_headline(s, r, backlog);
    printf("\n%-14s %-9s %16s %9s %9s %9s %9s %14s %13s %9s %7s %8s %5s\n", "channel", "kind",
           "offered", "deflected", "bot-cont.", "answered", "abandoned", "SL", "target", "ASA",
           "abandon", "days met", "risk");
    for (c = 0; c < r->n_channels; c++) {
        const cc_channel_summary *x = &r->channels[c];
        const cc_channel *ch = &s->channels[c];
        const cc_attainment *d = &x->at[CC_SCOPE_DAY];
        char why[200];
        int miss = x->verdict.status == CC_TARGET_MISSES;
        fmt_estimate(off, sizeof(off), &x->offered, 1.0, "%.0f ± %.0f");
        fmt_estimate(defl, sizeof(defl), &x->deflected, 1.0, "%.0f");
        fmt_estimate(cont, sizeof(cont), &x->contained, 1.0, "%.0f");
        fmt_estimate(ans, sizeof(ans), &x->answered, 1.0, "%.0f");
        fmt_estimate(sl, sizeof(sl), &x->service_level, 100.0, "%.1f%% ± %.1f");
        if (x->asa_s.n > 0 && isfinite(x->asa_s.mean))
            cc_format_duration(x->asa_s.mean, asa, sizeof asa);
        else
            snprintf(asa, sizeof asa, "-");
        fmt_estimate(ab, sizeof(ab), &x->p_abandon, 100.0, "%.1f%%");
        cc_format_target(ch->target.service_level, ch->target.answer_within_s, tgt, sizeof tgt);
        if (d->judged > 0)
            snprintf(days, sizeof days, "%.0f%%", 100.0 * d->share_met);
        else
            snprintf(days, sizeof days, "-");
        cc_report_verdict_note(&x->verdict, why, sizeof why);
        printf("%-14s %-9s %16s %9s %9s %9s %9.0f %14s %13s %9s %7s %8s %4.0f%%%s%s%s\n",
               ch->name, cc_channel_kind_name(ch->kind), off, defl, cont, ans,
               x->abandoned.n > 0 ? x->abandoned.mean : 0.0, sl, tgt, asa, ab, days,
               100.0 * x->risk, miss ? cli_colour(stdout, CLI_COLOUR_BAD) : "", why,
               miss ? cli_colour(stdout, CLI_COLOUR_RESET) : "");
    }
    printf("(risk = share of replications whose whole-horizon figures miss the target; "
           "days met = share of judged days whose pooled figures meet it)\n");
    if (any_backlog) {
        printf("\nLeft waiting at the end of the horizon:\n");
        for (c = 0; c < r->n_channels; c++) {
            char age[32];
            if (backlog[c].waiting < 0.5)
                continue;
            printf("%-14s %9.0f contacts", s->channels[c].name, backlog[c].waiting);
            if (isfinite(backlog[c].oldest_s))
                printf(", oldest arrived %s before the end",
                       cc_format_duration(backlog[c].oldest_s, age, sizeof age));
            printf("%s\n", backlog[c].overloaded ? "  OVERLOAD: the queue grows without bound"
                                                 : "");
        }
    }
    printf("\nTargets, judged at each channel's scope (target.scope):\n");
    for (c = 0; c < r->n_channels; c++) {
        char line[400];
        printf("%-14s %s\n", s->channels[c].name,
               cc_target_attainment_line(s, &r->channels[c], line, sizeof line));
    }
    printf("(risk = share of replications in which the period misses on that replication's "
           "own counts;\n a period is judged with %g+ contacts presented per replication on "
           "average, the horizon with any)\n", CC_JUDGE_MIN_CONTACTS);
    printf("\n%-14s %16s %12s %12s %16s %16s\n", "team", "occupancy", "paid hours", "handled",
           "cost/horizon", "cost/week");
    for (t = 0; t < r->n_teams; t++) {
        const cc_team_summary *x = &r->teams[t];
        fmt_estimate(occ, sizeof(occ), &x->occupancy, 100.0, "%.1f%% ± %.1f");
        printf("%-14s %16s %12.0f %12.0f %12.0f %-3s %12.0f %-3s%s\n", s->teams[t].name, occ,
               x->paid_hours.mean, x->handled.mean, x->cost.mean, cur,
               weeks > 0 ? x->cost.mean / weeks : 0.0, cur,
               s->teams[t].outsourced ? "  (vendor)" : "");
    }
    {
        double cost = 0.0, answered = 0.0;
        for (t = 0; t < r->n_teams; t++)
            cost += r->teams[t].cost.mean;
        for (c = 0; c < r->n_channels; c++)
            answered += r->channels[c].answered.n > 0 ? r->channels[c].answered.mean : 0.0;
        printf("%-14s %16s %12s %12s %12.0f %-3s %12.0f %-3s  %.2f %s per answered contact\n",
               "total", "", "", "", cost, cur, weeks > 0 ? cost / weeks : 0.0, cur,
               answered > 0 ? cost / answered : 0.0, cur);
    }
    /* Chat occupancy has two meanings; both are shown, each under its own name. */
    for (t = 0; t < r->n_teams && r->teams[t].holding_chat.n == 0; t++)
        ;
    if (t < r->n_teams) {
        printf("\n%-14s %24s %24s\n", "chat team", "agents holding ≥ 1 chat",
               "open chats ÷ capacity");
        for (t = 0; t < r->n_teams; t++) {
            const cc_team_summary *x = &r->teams[t];
            char held[64], open[64];
            if (x->holding_chat.n == 0)
                continue;
            fmt_estimate(held, sizeof(held), &x->holding_chat, 100.0, "%.1f%% ± %.1f");
            fmt_estimate(open, sizeof(open), &x->open_chats, 100.0, "%.1f%% ± %.1f");
            printf("%-14s %24s %24s\n", s->teams[t].name, held, open);
        }
        printf("(capacity = available agents × chats per agent; occupancy above: agents "
               "holding any contact)\n");
    }
    free(backlog);
    if (dir)
        printf("\nwrote %s/summary.json, intervals.csv and report.html\n", dir);
    return 0;
}

struct summary_ctx {
    const cc_scenario *s;
    const cc_results *r;
    const cc_run_meta *meta;
};

static cc_status write_summary(FILE *out, const void *ctx, cc_error *err)
{
    const struct summary_ctx *c = ctx;
    return cc_report_summary_json(out, c->s, c->r, NULL, c->meta, err);
}

static cc_status write_html(FILE *out, const void *ctx, cc_error *err)
{
    const struct summary_ctx *c = ctx;
    return cc_report_html(out, c->s, c->r, NULL, err);
}

static cc_status write_intervals(FILE *out, const void *ctx, cc_error *err)
{
    const struct summary_ctx *c = ctx;
    return cc_report_intervals_csv(out, c->s, c->r, err);
}

static cc_status keep_results(void *ctx, size_t point, cc_results *res, cc_error *err)
{
    (void)point;
    (void)err;
    *(cc_results **)ctx = res;
    return CC_OK;
}

/* The index of the scenario's plan option called `name`, or -1 after printing the choices. */
static int option_index(const cc_scenario *s, const char *name)
{
    int i;
    char q[200];
    for (i = 0; i < s->plan.n_options; i++)
        if (!strcmp(s->plan.options[i].name, name))
            return i;
    cli_quote(name, q, sizeof q);
    if (s->plan.n_options == 0) {
        cli_flag_errorf("option", "'%s': the scenario has no plan options", q);
        return -1;
    }
    fprintf(stderr, "ccsim: error: --option: '%s' is not one of the scenario's plan options; "
                    "allowed:", q);
    for (i = 0; i < s->plan.n_options; i++)
        fprintf(stderr, "%s '%s'", i ? "," : "", s->plan.options[i].name);
    fputc('\n', stderr);
    return -1;
}

int cmd_run(int argc, char **argv)
{
    enum { OPT_REPS = CLI_OPT_BASE, OPT_SEED, OPT_THREADS, OPT_OUT, OPT_JSON, OPT_SET,
           OPT_SCALE, OPT_OPTION, OPT_META, OPT_SHARD, OPT_HELP, OPT_NO_LIMITS };
    static const struct option longopts[] = {
        {"replications", required_argument, NULL, OPT_REPS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"out", required_argument, NULL, OPT_OUT},
        {"json", no_argument, NULL, OPT_JSON},
        {"set", required_argument, NULL, OPT_SET},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"option", required_argument, NULL, OPT_OPTION},
        {"meta", no_argument, NULL, OPT_META},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"no-limits", no_argument, NULL, OPT_NO_LIMITS},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    cc_override sets[MAX_SETS];
    struct cli_scale_text scale_text[MAX_SETS];
    size_t n_sets = 0, n_scales = 0, si;
    unsigned char split[MAX_SETS] = {0}; /* sets[i] split an argument of argv in place */
    long reps = 0, seed = -1, threads = 0;
    const char *out_dir = NULL, *scenario_path = NULL, *option_name = NULL;
    int json = 0, with_meta = 0, no_limits = 0, c, rc;
    char notes[1024];
    cc_scenario *s = NULL;
    cc_simmodel *model = NULL;
    cc_results *res = NULL;
    cc_run_options opt;
    cc_error err;
    struct cli_results out_set = {.lock_fd = -1};
    const char *dir = out_set.dir;
    struct cli_meta_buf meta_buf;
    struct timespec t0, t1;
    cc_run_meta meta;
    struct summary_ctx ctx;
    struct cli_progress progress;
    struct cli_tasks ct = {"run", NULL, NULL, NULL, NULL, NULL, argc, argv};
    cc_task_job job;
    const cc_simmodel *one;
    int shard_written = 0;
    long shard_k, shard_n;
    struct cli_parser p;

    cli_parser_init(&p, "run", longopts, argc, argv);
    cli_parser_repeatable(&p, OPT_SET);
    cli_parser_repeatable(&p, OPT_SCALE);
    cli_parser_positional(&p, 1);
    while ((c = cli_parser_next(&p)) != -1) {
        switch (c) {
        case OPT_REPS:
            if ((rc = cli_parse_count("replications", p.value, 1, 100000, &reps)))
                return rc;
            break;
        case OPT_SEED:
            if ((rc = cli_parse_count("seed", p.value, 0, 0x7fffffffffffffffL, &seed)))
                return rc;
            break;
        case OPT_THREADS:
            if ((rc = cli_parse_count("threads", p.value, 1, 1024, &threads)))
                return rc;
            ct.threads = p.value;
            break;
        case OPT_OUT:
            out_dir = p.value;
            ct.out = p.value;
            break;
        case OPT_JSON: json = 1; break;
        case OPT_META: with_meta = 1; break;
        case OPT_NO_LIMITS: no_limits = 1; break;
        case OPT_OPTION: option_name = p.value; break;
        case OPT_SHARD:
            if ((rc = cli_parse_shard(p.value, &shard_k, &shard_n)))
                return rc;
            ct.shard = p.value;
            break;
        case OPT_SET:
            if ((rc = cli_parse_set((char *)p.value, sets, &n_sets, MAX_SETS)))
                return rc;
            split[n_sets - 1] = 1;
            break;
        case OPT_SCALE:
            if (n_sets == MAX_SETS)
                return cli_flag_errorf("scale", "at most %d overrides and scales", MAX_SETS);
            if ((rc = cli_parse_scale(p.value, &scale_text[n_scales], &sets[n_sets])))
                return rc;
            n_scales++;
            n_sets++;
            break;
        case OPT_HELP: run_help(); return cli_finish_stdout();
        default: return CLI_USAGE; /* the parser printed the problem */
        }
    }
    if (argc - p.first_positional != 1) {
        cli_errorf("expected one scenario file; run 'ccsim run --help'");
        return CLI_USAGE;
    }
    scenario_path = argv[p.first_positional];
    if ((rc = cli_load_scenario(scenario_path, sets, n_sets, &s)))
        return rc;
    /* --set's arguments as given again: a shard file records the command's arguments. */
    for (si = 0; si < n_sets; si++)
        if (split[si])
            ((char *)sets[si].value)[-1] = '=';
    if (option_name) {
        /* Simulate one of the scenario's plan options: its overrides on top of the file's. */
        cc_scenario *v = NULL;
        int k = option_index(s, option_name);
        if (k < 0) {
            rc = CLI_USAGE;
            goto out;
        }
        if (cc_scenario_derive_option(s, k, &v, NULL, &err) != CC_OK) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            goto out;
        }
        cc_scenario_free(s);
        s = v;
    }
    if (cc_simmodel_from_scenario(s, &model, &err) != CC_OK) {
        cli_print_error(&err);
        rc = CLI_USAGE;
        goto out;
    }
    if (cli_merge_out())
        out_dir = cli_merge_out();
    if ((!ct.shard || cli_merge_out()) &&
        (rc = cli_results_begin(&out_set, out_dir, s->name, "run")))
        goto out;
    opt = cc_run_options_default();
    opt.replications = reps ? reps : s->simulation.replications;
    opt.seed = seed >= 0 ? (uint64_t)seed : s->simulation.seed;
    opt.threads = (int)threads;
    opt.no_limits = no_limits;
    opt.interval_stats = 1;
    opt.interval_percentiles = 1;
    cli_progress_init(&progress, "replications");
    opt.progress = cli_progress_update;
    opt.progress_ctx = &progress;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* The replications are tasks: run here, as one shard, or merged from shards. */
    one = model;
    job.models = &one;
    job.n_points = 1;
    job.opt = opt;
    ct.scenario_path = scenario_path;
    ct.scenario_name = s->name;
    rc = cli_tasks_execute(&ct, &job, keep_results, &res, &shard_written);
    cli_progress_done(&progress);
    if (rc || shard_written)
        goto out;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (cc_results_limit_notes(model, res, notes, sizeof(notes)))
        for (char *line = strtok(notes, "\n"); line; line = strtok(NULL, "\n"))
            fprintf(stderr, "ccsim: warning: %s\n", line);

    cli_meta_fill(&meta_buf, &meta, &t0, &t1, opt.threads);
    ctx.s = s;
    ctx.r = res;
    ctx.meta = with_meta ? &meta : NULL;
    if ((rc = cli_results_write(&out_set, "summary.json", write_summary, &ctx)) ||
        (rc = cli_results_write(&out_set, "intervals.csv", write_intervals, &ctx)) ||
        (rc = cli_results_write(&out_set, "report.html", write_html, &ctx)) ||
        (rc = cli_results_commit(&out_set)))
        goto out;
    if (json) {
        if (cc_report_summary_json(stdout, s, res, NULL, ctx.meta, &err) != CC_OK) {
            cli_print_error(&err);
            rc = CLI_IO;
            goto out;
        }
    } else if ((rc = print_tables(s, res, dir))) {
        goto out;
    }
    rc = cli_finish_stdout();
out:
    cli_results_abort(&out_set);
    cc_results_free(res);
    cc_simmodel_free(model);
    cc_scenario_free(s);
    return rc;
}
