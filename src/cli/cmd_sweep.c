/*
 * ccsim sweep SCENARIO --vary KEY=V1,V2 [--vary ...]: the grid of what-ifs.
 * Every point is validated before any is simulated, so a bad key or value
 * fails fast with nothing written; every point is simulated with the same
 * seed (common random numbers) and the outcome is one comparison table plus
 * sweep.csv, sweep.json and sweep.html, written atomically.
 */
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "cc_sim.h"
#include "cc_sweep.h"
#include "cli.h"
#include "options.h"
#include "result_set.h"
#include "tasks_cli.h"

static void sweep_help(void)
{
    printf("usage: ccsim sweep SCENARIO.yaml --vary KEY=V1,V2,... [--vary ...] [options]\n"
           "\n"
           "Simulates every combination of the varied keys (the first --vary changes\n"
           "slowest) with the same random numbers, and prints one comparison table:\n"
           "service level per channel, FTE, cost per week and per contact.\n"
           "Keys are scenario paths, e.g.\n"
           "  --vary channels.chat.volume.per_day=2000,2600,3200\n"
           "  --vary chatbots.assistant.containment=20%%,35%%,50%%\n"
           "  --vary teams.vendor.agents=0,10,20\n"
           "Values are YAML; a list value is written in brackets: --vary KEY=[a,b],[a].\n"
           "\n"
           "options:\n"
           "  --vary KEY=V1,V2,...  one axis of the grid (repeatable, at most %d)\n"
           "  --replications K      replications per point (default: the scenario's)\n"
           "  --seed S              base seed, shared by every point (default: the scenario's)\n"
           "  --set KEY=VALUE       override a scenario key for every point (YAML value;\n"
           "                        missing parent sections are created), repeatable\n"
           "  --scale WHAT=F        multiply every point's volume or handle time, a varied\n"
           "                        one too: volume=1.3, aht=0.9, chat.volume=1.5 (one\n"
           "                        channel), repeatable\n"
           "  --threads T           worker threads: every (point, replication) is a task\n"
           "                        and threads take them in turn (default: all cores)\n"
           "  --shard K/N           compute only shard K of N of the tasks and write them\n"
           "                        to a shard file (--out FILE; default\n"
           "                        results/<scenario>/shards/sweep-K-of-N.ccshard);\n"
           "                        'ccsim merge' joins the N shards\n"
           "  --out DIR             output folder (default: results/<scenario>/sweep)\n"
           "  --plan[=KIND]         also plan every point: FTE, cost per week and verdict of\n"
           "                        its planned roster. KIND analytic (default; the Erlang\n"
           "                        staffing rostered and simulated, about a second a point)\n"
           "                        or search (ccsim plan's least-cost search by simulation,\n"
           "                        seconds to tens of seconds a point)\n"
           "  --json                print sweep.json on stdout instead of the table\n"
           "  --no-limits           simulate even when a point's estimate exceeds the event\n"
           "                        or memory limit (otherwise exit 2 before simulating)\n"
           "  --help                show this help\n"
           "\n"
           "Under 'mpirun -np N' (a build with MPI=1) the tasks are spread over the ranks;\n"
           "the results are identical whatever the threads, ranks or shards.\n"
           "\n"
           "Exit codes: 0 ok, 2 bad key, value or option (nothing is run), 3 I/O error or\n"
           "a failed MPI rank.\n",
           CC_SWEEP_MAX_AXES);
}

struct sweep_ctx {
    const cc_sweep *sweep;
    const cc_sweep_row *rows;
    long n;
    const cc_scenario *base;
    uint64_t seed;
    long reps;
};

static cc_status w_csv(FILE *out, const void *ctx, cc_error *err)
{
    const struct sweep_ctx *c = ctx;
    return cc_sweep_write_csv(out, c->sweep, c->rows, c->n, c->base, err);
}

static cc_status w_json(FILE *out, const void *ctx, cc_error *err)
{
    const struct sweep_ctx *c = ctx;
    return cc_sweep_write_json(out, c->sweep, c->rows, c->n, c->base, c->seed, c->reps, err);
}

static cc_status w_html(FILE *out, const void *ctx, cc_error *err)
{
    const struct sweep_ctx *c = ctx;
    return cc_sweep_write_html(out, c->sweep, c->rows, c->n, c->base, err);
}

static void print_table(const cc_sweep_row *rows, long n, const cc_scenario *base)
{
    size_t width = 5;
    long i;
    int c;

    for (i = 0; i < n; i++)
        if (strlen(rows[i].label) > width)
            width = strlen(rows[i].label);
    int planned = n > 0 && rows[0].planned != CC_SWEEP_PLAN_NONE;
    printf("%4s %-*s", "#", (int)width, "point");
    for (c = 0; c < base->n_channels; c++)
        printf(" %14.14s", base->channels[c].name);
    printf(planned ? " %8s %12s %10s  %-8s" : " %8s %12s %10s  %s", "FTE", "cost/week",
           "cost/cont", "targets");
    if (planned)
        printf(" %9s %12s  %s", "plan FTE", "plan cost/wk", "plan verdict");
    printf("\n");
    for (i = 0; i < n; i++) {
        int missed = 0;
        printf("%4ld %-*s", rows[i].index + 1, (int)width, rows[i].label);
        for (c = 0; c < rows[i].n_channels; c++) {
            char cell[32];
            int miss = rows[i].channels[c].verdict.status == CC_TARGET_MISSES;
            if (rows[i].channels[c].verdict.status == CC_TARGET_NA)
                snprintf(cell, sizeof(cell), "n/a");
            else
                snprintf(cell, sizeof(cell), "%.1f%%%s",
                         100.0 * rows[i].channels[c].service_level, miss ? "!" : "");
            printf(" %14s", cell);
            missed |= miss;
        }
        printf(planned ? " %8.1f %12.0f %10.2f  %-8s" : " %8.1f %12.0f %10.2f  %s", rows[i].fte,
               rows[i].cost_per_week, rows[i].cost_per_contact,
               rows[i].meets_all ? "all met" : missed ? "missed" : "n/a");
        if (planned)
            printf(" %9.1f %12.0f  %s%s%s", rows[i].plan_fte, rows[i].plan_cost_per_week,
                   cc_target_status_name(rows[i].plan_verdict), rows[i].plan_note[0] ? " - " : "",
                   rows[i].plan_note);
        printf("\n");
    }
    printf("('!' marks a channel missing its target at its scope (target.scope): service level,\n"
           " max ASA, max abandon or max risk; sweep.json says which)\n");
    if (planned)
        printf("(FTE and cost/week: the staffing as the scenario writes it; plan columns: the %s\n"
               " plan of each point, its rostered FTE, total cost per week and whether its\n"
               " simulated roster meets every target)\n", cc_sweep_plan_kind_name(rows[0].planned));
}

/* Turns each point's results into its row as the task farm hands them over. */
struct fill_ctx {
    const cc_sweep *sweep;
    cc_scenario **points;
    cc_sweep_row *rows;
};

static cc_status fill_row(void *ctx, size_t point, cc_results *res, cc_error *err)
{
    struct fill_ctx *f = ctx;
    (void)err;
    cc_sweep_row_fill(&f->rows[point], f->sweep, (long)point, f->points[point], res);
    cc_results_free(res);
    return CC_OK;
}

/* The progress bar counts points: the farm reports tasks, in task order. */
struct point_progress {
    struct cli_progress *bar;
    long replications;
};

static void progress_points(void *ctx, long done, long total)
{
    struct point_progress *pp = ctx;
    if (done % pp->replications == 0)
        cli_progress_update(pp->bar, done / pp->replications, total / pp->replications);
}

/* The most --set and --scale arguments of one sweep. */
#define SWEEP_MAX_SETS 64

int cmd_sweep(int argc, char **argv)
{
    enum { OPT_VARY = CLI_OPT_BASE, OPT_REPS, OPT_SEED, OPT_THREADS, OPT_OUT, OPT_JSON,
           OPT_SHARD, OPT_PLAN, OPT_SET, OPT_SCALE, OPT_NO_LIMITS, OPT_HELP };
    static const struct option longopts[] = {
        {"vary", required_argument, NULL, OPT_VARY},
        {"replications", required_argument, NULL, OPT_REPS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"out", required_argument, NULL, OPT_OUT},
        {"json", no_argument, NULL, OPT_JSON},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"plan", optional_argument, NULL, OPT_PLAN},
        {"set", required_argument, NULL, OPT_SET},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"no-limits", no_argument, NULL, OPT_NO_LIMITS},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    cc_sweep sweep = {0};
    cc_scenario *base = NULL, **points = NULL;
    cc_sweep_row *rows = NULL;
    long reps = 0, seed = -1, threads = 0, n = 0, i;
    const char *out_dir = NULL, *path;
    char *text = NULL;
    struct cli_results out_set = {.lock_fd = -1};
    const char *dir = out_set.dir;
    size_t len = 0;
    int json = 0, no_limits = 0, c, rc = CLI_USAGE;
    struct cli_progress progress;
    cc_error err;
    struct sweep_ctx ctx;
    struct cli_tasks ct = {"sweep", NULL, NULL, NULL, NULL, NULL, argc, argv};
    cc_simmodel **models = NULL;
    cc_task_job job;
    struct fill_ctx fill;
    struct point_progress point_progress;
    int shard_written = 0;
    long shard_k, shard_n;
    cc_sweep_plan_kind plan_kind = CC_SWEEP_PLAN_NONE;
    /*
     * A point's overrides: the --set values, then its axes (which win over a
     * --set of the same key), then the --scale factors (which multiply what
     * the point holds, a varied volume too).
     */
    cc_override ov[2 * SWEEP_MAX_SETS + CC_SWEEP_MAX_AXES], scales[SWEEP_MAX_SETS];
    struct cli_scale_text scale_text[SWEEP_MAX_SETS];
    unsigned char split[SWEEP_MAX_SETS] = {0}; /* ov[i] split an argument of argv in place */
    size_t n_sets = 0, n_scales = 0, si;
    struct cli_parser p;

    cli_parser_init(&p, "sweep", longopts, argc, argv);
    cli_parser_repeatable(&p, OPT_VARY);
    cli_parser_repeatable(&p, OPT_SET);
    cli_parser_repeatable(&p, OPT_SCALE);
    cli_parser_positional(&p, 1);
    while ((c = cli_parser_next(&p)) != -1) {
        const char *val = p.value;
        switch (c) {
        case OPT_VARY:
            if (cc_sweep_add_axis(&sweep, val, &err) != CC_OK) {
                cli_flag_errorf("vary", "%s", err.message);
                goto out;
            }
            break;
        case OPT_REPS:
            if (cli_parse_count("replications", val, 1, 100000, &reps))
                goto out;
            break;
        case OPT_SEED:
            if (cli_parse_count("seed", val, 0, 0x7fffffffffffffffL, &seed))
                goto out;
            break;
        case OPT_THREADS:
            if (cli_parse_count("threads", val, 1, 1024, &threads))
                goto out;
            ct.threads = val;
            break;
        case OPT_SHARD:
            if (cli_parse_shard(val, &shard_k, &shard_n))
                goto out;
            ct.shard = val;
            break;
        case OPT_OUT:
            out_dir = val;
            ct.out = val;
            break;
        case OPT_PLAN:
            if (!val || !strcmp(val, "analytic")) {
                plan_kind = CC_SWEEP_PLAN_ANALYTIC;
            } else if (!strcmp(val, "search")) {
                plan_kind = CC_SWEEP_PLAN_SEARCH;
            } else {
                cli_flag_errorf("plan", "expected analytic or search, got '%s'", val);
                goto out;
            }
            break;
        case OPT_SET:
            if (cli_parse_set((char *)val, ov, &n_sets, SWEEP_MAX_SETS))
                goto out;
            split[n_sets - 1] = 1;
            break;
        case OPT_SCALE:
            if (n_scales == SWEEP_MAX_SETS) {
                cli_flag_errorf("scale", "at most %d scales", SWEEP_MAX_SETS);
                goto out;
            }
            if (cli_parse_scale(val, &scale_text[n_scales], &scales[n_scales]))
                goto out;
            n_scales++;
            break;
        case OPT_JSON: json = 1; break;
        case OPT_NO_LIMITS: no_limits = 1; break;
        case OPT_HELP:
            sweep_help();
            rc = cli_finish_stdout();
            goto out;
        default: goto out; /* the parser printed the problem */
        }
    }
    if (argc - p.first_positional != 1) {
        cli_errorf("expected one scenario file; run 'ccsim sweep --help'");
        goto out;
    }
    if (sweep.n_axes == 0) {
        cli_flag_missing("vary", "KEY=V1,V2,... (at least one)");
        goto out;
    }
    path = argv[p.first_positional];
    memcpy(ov + n_sets, scales, n_scales * sizeof(*scales));
    if ((rc = cli_load_scenario(path, ov, n_sets + n_scales, &base)))
        goto out;

    rc = CLI_USAGE;
    text = cli_read_file(path, &len);
    if (!text) {
        cli_errorf("cannot read '%s'", path);
        rc = CLI_IO;
        goto out;
    }

    /* Validate every point first: a typo in the last value must not cost a long run. */
    n = cc_sweep_n_points(&sweep);
    points = calloc((size_t)n, sizeof(*points));
    rows = calloc((size_t)n, sizeof(*rows));
    if (!points || !rows) {
        cli_errorf("out of memory for %ld points", n);
        rc = CLI_BUG;
        goto out;
    }
    for (i = 0; i < n; i++) {
        cc_diag_list diags;
        cc_status st;
        cc_sweep_point(&sweep, i, ov + n_sets);
        memcpy(ov + n_sets + sweep.n_axes, scales, n_scales * sizeof(*scales));
        cc_diag_list_init(&diags);
        cc_diag_list_set_path(&diags, path);
        st = cc_scenario_load_with_overrides(text, len, path, ov,
                                             n_sets + (size_t)sweep.n_axes + n_scales,
                                             &points[i], &diags, &err);
        if (st != CC_OK) {
            char label[512];
            cc_diag_list_sort(&diags);
            cli_print_diags(&diags);
            cc_sweep_point_label(&sweep, i, label, sizeof(label));
            cli_flag_errorf("vary", "point %ld (%s) is not a valid scenario (see above)", i,
                            label);
            cc_diag_list_release(&diags);
            goto out;
        }
        cc_diag_list_release(&diags);
        if (points[i]->n_channels != base->n_channels) {
            cli_flag_errorf("vary", "point %ld changes the set of channels; sweeps compare "
                            "the same channels", i);
            goto out;
        }
    }

    /* --set's arguments as given again: a shard file records the command's arguments. */
    for (si = 0; si < n_sets; si++)
        if (split[si])
            ((char *)ov[si].value)[-1] = '=';

    /* Every (point, replication) is one task; the points' models make one job. */
    models = calloc((size_t)n, sizeof(*models));
    if (!models) {
        cli_errorf("out of memory for %ld points", n);
        rc = CLI_BUG;
        goto out;
    }
    for (i = 0; i < n; i++) {
        if (cc_simmodel_from_scenario(points[i], &models[i], &err) != CC_OK) {
            cli_print_error(&err);
            rc = CLI_USAGE;
            goto out;
        }
    }
    job.models = (const cc_simmodel *const *)models;
    job.n_points = (size_t)n;
    job.opt = cc_run_options_default();
    job.opt.replications = reps ? reps : base->simulation.replications;
    job.opt.seed = seed >= 0 ? (uint64_t)seed : base->simulation.seed;
    job.opt.threads = (int)threads;
    job.opt.interval_stats = 0;
    job.opt.no_limits = no_limits;
    /* Every point's simulation, and its plan's (per-interval percentiles), within the limits. */
    for (i = 0; i < n; i++) {
        cc_run_options planned = job.opt;
        planned.interval_stats = planned.interval_percentiles = 1;
        if ((rc = cli_check_limits(models[i], &job.opt)) ||
            (plan_kind != CC_SWEEP_PLAN_NONE && (rc = cli_check_limits(models[i], &planned))))
            goto out;
    }
    ct.scenario_path = path;
    ct.scenario_name = base->name;
    if (cli_merge_out())
        out_dir = cli_merge_out();
    if (!ct.shard || cli_merge_out()) {
        if ((rc = cli_results_begin(&out_set, out_dir, base->name, "sweep")))
            goto out;
    }
    cli_progress_init(&progress, "points");
    point_progress.bar = &progress;
    point_progress.replications = job.opt.replications;
    job.opt.progress = progress_points;
    job.opt.progress_ctx = &point_progress;
    fill.sweep = &sweep;
    fill.points = points;
    fill.rows = rows;
    rc = cli_tasks_execute(&ct, &job, fill_row, &fill, &shard_written);
    cli_progress_done(&progress);
    if (rc || shard_written)
        goto out;
    if (plan_kind != CC_SWEEP_PLAN_NONE) {
        /* One plan per point, in point order; its simulations use the task farm. */
        cli_progress_init(&progress, "plans");
        for (i = 0; i < n; i++) {
            if (cc_sweep_plan_point(&rows[i], points[i], plan_kind, job.opt.replications,
                                    job.opt.seed, (int)threads, no_limits, &err) != CC_OK) {
                cli_progress_done(&progress);
                cli_print_error(&err);
                rc = cli_exit_for(err.code);
                goto out;
            }
            cli_progress_update(&progress, i + 1, n);
        }
        cli_progress_done(&progress);
    }

    ctx.sweep = &sweep;
    ctx.rows = rows;
    ctx.n = n;
    ctx.base = base;
    ctx.seed = seed >= 0 ? (uint64_t)seed : base->simulation.seed;
    ctx.reps = reps ? reps : base->simulation.replications;
    if ((rc = cli_results_write(&out_set, "sweep.csv", w_csv, &ctx)) ||
        (rc = cli_results_write(&out_set, "sweep.json", w_json, &ctx)) ||
        (rc = cli_results_write(&out_set, "sweep.html", w_html, &ctx)) ||
        (rc = cli_results_commit(&out_set)))
        goto out;
    if (json) {
        if (w_json(stdout, &ctx, &err) != CC_OK) {
            cli_print_error(&err);
            rc = CLI_IO;
            goto out;
        }
    } else {
        print_table(rows, n, base);
        printf("wrote %s/sweep.csv, sweep.json and sweep.html\n", dir);
    }
    rc = cli_finish_stdout();
out:
    cli_results_abort(&out_set);
    for (i = 0; models && i < n; i++)
        cc_simmodel_free(models[i]);
    free(models);
    for (i = 0; points && i < n; i++)
        cc_scenario_free(points[i]);
    for (i = 0; rows && i < n; i++)
        cc_sweep_row_release(&rows[i]);
    free(points);
    free(rows);
    free(text);
    cc_scenario_free(base);
    cc_sweep_release(&sweep);
    return rc;
}
