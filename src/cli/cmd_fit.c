/*
 * ccsim fit HISTORY.csv: imports a history and writes DIR/fit.yaml (a
 * scenario with the fitted volumes, profiles, uncertainty, handle time,
 * wrap-up and patience) and DIR/fit.json (the fitted figures).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "cc_forecast.h"
#include "cli.h"
#include "history_opts.h"
#include "options.h"

static void fit_help(void)
{
    printf("usage: ccsim fit HISTORY.csv --time-column NAME [options] [--out DIR]\n"
           "\n"
           "Fits a scenario to a history: daily volume by weekday and intraday profiles\n"
           "(from next week's forecast by the backtest's method), forecast uncertainty\n"
           "(day-level CV beyond Poisson from the backtest), and from a per-contact log\n"
           "handle time and wrap-up (lognormal and gamma by maximum likelihood, the\n"
           "likelier one used, Kolmogorov-Smirnov distances reported) and patience from\n"
           "the waits of abandoned (observed) and served (censored) contacts: Kaplan-Meier\n"
           "median, exponential and lognormal fits.\n"
           "\n"
           "Writes DIR/fit.yaml (a scenario: ccsim validate/run take it as it is) and\n"
           "DIR/fit.json.\n"
           "\n"
           "fit:\n"
           "  --out DIR          output folder (default results/fit)\n"
           "  --min-handle D     leave handle times below D out of the fit (default 0)\n"
           "  --holidays FILE    calendar of special and closed days (see forecast)\n"
           "\n" HISTORY_HELP
           "\n"
           "Exit codes: 0 ok, 2 usage or input error, 3 I/O error.\n");
}

struct fit_ctx {
    const cc_fc_fit *f;
    const char *name;
};

static cc_status w_yaml(FILE *out, const void *ctx, cc_error *err)
{
    const struct fit_ctx *c = ctx;
    return cc_fc_write_fit_yaml(out, c->f, c->name, err);
}

static cc_status w_json(FILE *out, const void *ctx, cc_error *err)
{
    return cc_fc_write_fit_json(out, ((const struct fit_ctx *)ctx)->f, err);
}

int cmd_fit(int argc, char **argv)
{
    enum { OPT_MIN_HANDLE = CLI_OPT_BASE, OPT_HELP };
    static const struct option longopts[] = {
        HISTORY_OUT_LONGOPT,
        {"min-handle", required_argument, NULL, OPT_MIN_HANDLE},
        HISTORY_HOLIDAYS_LONGOPT,
        {"help", no_argument, NULL, OPT_HELP},
        HISTORY_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    struct cli_history hist;
    cc_fc_fit_options fopt;
    cc_fc_fit *f = NULL;
    int c, rc = CLI_OK;
    size_t i;
    const char *base;
    char name[128];
    cc_error err;
    struct fit_ctx ctx;

    cli_history_init(&hist, "fit", "results/fit");
    cc_fc_fit_options_init(&fopt);
    opterr = 0;
    optind = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_MIN_HANDLE: {
            struct cli_range r = {0, 86400, 0, 0};
            if ((rc = cli_parse_duration("min-handle", optarg, r, &fopt.min_handle_s)))
                return rc;
            break;
        }
        case OPT_HELP: fit_help(); return CLI_OK;
        default:
            if ((rc = cli_history_other(&hist, c, argv)))
                return rc;
        }
    }
    if ((rc = cli_history_path(&hist, argc, argv)))
        return rc;
    if ((rc = cli_history_load(&hist)))
        goto out;
    fopt.forecast.special_days = hist.hol_days;
    fopt.forecast.special_closed = hist.hol_closed;
    fopt.forecast.n_special = hist.n_hol;
    if (cc_fc_fit_history(hist.history, &fopt, &f, &err)) {
        cli_print_error(&err);
        rc = cli_exit_for(err.code);
        goto out;
    }
    if ((rc = cli_history_make_out_dir(&hist)))
        goto out;
    base = strrchr(hist.path, '/') ? strrchr(hist.path, '/') + 1 : hist.path;
    snprintf(name, sizeof(name), "%s", base);
    if (strchr(name, '.'))
        *strchr(name, '.') = '\0';
    ctx.f = f;
    ctx.name = name;
    if ((rc = cli_write_atomic(hist.out_dir, "fit.yaml", w_yaml, &ctx)) ||
        (rc = cli_write_atomic(hist.out_dir, "fit.json", w_json, &ctx)))
        goto out;
    cli_history_print_read(&hist);
    for (i = 0; i < f->n_channels; i++) {
        const cc_fc_channel_fit *ch = &f->channels[i];
        printf("channel %s: %.1f contacts/day (method %s, uncertainty cv %.3f)\n", ch->name,
               ch->daily_mean, ch->method, ch->cv);
        if (ch->handle.n >= 2)
            printf("  handle time: %zu values, mean %.1f s; lognormal mu %.4f sigma %.4f (KS "
                   "%.3f); gamma shape %.3f (KS %.3f); %s used\n",
                   ch->handle.n, ch->handle.mean_s, ch->handle.lognormal_mu,
                   ch->handle.lognormal_sigma, ch->handle.lognormal_ks, ch->handle.gamma_shape,
                   ch->handle.gamma_ks, ch->handle.best);
        if (ch->wrap.n >= 2)
            printf("  wrap-up: %zu values, mean %.1f s\n", ch->wrap.n, ch->wrap.mean_s);
        if (!isnan(ch->patience.exp_mean_s))
            printf("  patience: %zu abandoned, %zu censored; Kaplan-Meier median %.1f s; "
                   "exponential mean %.1f s; lognormal mean %.1f s\n",
                   ch->patience.n_abandoned, ch->patience.n_censored, ch->patience.km_median_s,
                   ch->patience.exp_mean_s, ch->patience.lognormal_mean_s);
    }
    if (!isnan(f->history_sl))
        printf("history: %.1f contacts a day; %.1f%% answered within 20 s, %.1f%% abandoned "
               "(of those offered to the queue)\n",
               f->history_daily, 100 * f->history_sl, 100 * f->history_abandon);
    if (f->has_staffing)
        printf("staffing: the agents serving per weekday and hour, as shifts in fit.yaml\n");
    printf("wrote %s/fit.yaml and %s/fit.json\n", hist.out_dir, hist.out_dir);
    rc = cli_finish_stdout();
out:
    cc_fc_fit_free(f);
    cli_history_release(&hist);
    return rc;
}
