/*
 * ccsim forecast HISTORY.csv: imports a history, forecasts each channel from
 * --from for --days days with the method its rolling-origin backtest picks,
 * prints the backtest table and writes DIR/forecast.csv and DIR/report.html.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "cc_forecast.h"
#include "cc_report.h"
#include "cli.h"
#include "history_opts.h"
#include "options.h"

static void forecast_help(void)
{
    printf("usage: ccsim forecast HISTORY.csv --time-column NAME [--count-column NAME]\n"
           "                      [--channel NAME] [--interval 30m] --from YYYY-MM-DD\n"
           "                      [--days N] [--out DIR] [options]\n"
           "\n"
           "Forecasts contacts per interval from a history of interval counts or of one\n"
           "row per contact. Only rows strictly before --from are used. Each channel's\n"
           "method is chosen by rolling-origin backtest: from each of the last weeks\n"
           "before --from, every method forecasts the following week from the history\n"
           "before it; the lowest WAPE per interval wins. Methods: seasonal-naive,\n"
           "mean-last-k, profile-trend, holt-winters (Taylor 2003), profile-yearly (with a\n"
           "year and four weeks of history), combined (reported).\n"
           "\n"
           "Writes DIR/forecast.csv (date,interval_start,channel,contacts,contacts_p10,\n"
           "contacts_p90) and DIR/report.html. The band p10..p90 comes from the chosen\n"
           "method's backtest errors at the same lead (week 1 to 4, then week 4's). A\n"
           "scenario channel reads the file with volume: {forecast: forecast.csv}.\n"
           "\n"
           "forecast:\n"
           "  --from DATE        first forecast day (required)\n"
           "  --days N           days to forecast, 1 to 366 (default 7)\n"
           "  --out DIR          output folder (default results/forecast)\n"
           "  --holidays FILE    calendar: YYYY-MM-DD[,closed|open[,name]] a line; closed\n"
           "                     days are forecast 0, special days are left out of fitting\n"
           "  --method NAME      use this method instead of the backtest's choice\n"
           "  --origins N        backtest origins, weeks (default 4)\n"
           "  --k N              same weekdays averaged by mean-last-k (default 4)\n"
           "\n" HISTORY_HELP
           "\n"
           "Exit codes: 0 ok, 2 usage or input error, 3 I/O error.\n");
}

struct fc_ctx {
    const cc_fc_result *r;
    const char *source;
};

static cc_status w_csv(FILE *out, const void *ctx, cc_error *err)
{
    return cc_fc_write_csv(out, ((const struct fc_ctx *)ctx)->r, err);
}

static cc_status w_html(FILE *out, const void *ctx, cc_error *err)
{
    const struct fc_ctx *c = ctx;
    return cc_report_forecast_html(out, c->r, c->source, err);
}

int cmd_forecast(int argc, char **argv)
{
    enum { OPT_FROM = CLI_OPT_BASE, OPT_DAYS, OPT_METHOD, OPT_ORIGINS, OPT_K, OPT_HELP };
    static const struct option longopts[] = {
        {"from", required_argument, NULL, OPT_FROM},
        {"days", required_argument, NULL, OPT_DAYS},
        HISTORY_OUT_LONGOPT,
        HISTORY_HOLIDAYS_LONGOPT,
        {"method", required_argument, NULL, OPT_METHOD},
        {"origins", required_argument, NULL, OPT_ORIGINS},
        {"k", required_argument, NULL, OPT_K},
        {"help", no_argument, NULL, OPT_HELP},
        HISTORY_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    static const char *const methods[] = {"seasonal-naive", "mean-last-k", "profile-trend",
                                          "holt-winters", "profile-yearly", "combined", NULL};
    struct cli_history hist;
    cc_fc_options fopt;
    cc_fc_result *r = NULL;
    long v;
    int c, rc = CLI_OK, have_from = 0;
    cc_error err;
    struct fc_ctx ctx;

    cli_history_init(&hist, "forecast", "results/forecast");
    cc_fc_options_init(&fopt);
    fopt.days = 7;
    opterr = 0;
    optind = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_FROM:
            if (cc_fc_parse_date(optarg, &fopt.from_day))
                return cli_flag_errorf("from", "'%s' is not a date; allowed: YYYY-MM-DD", optarg);
            have_from = 1;
            break;
        case OPT_DAYS:
            if ((rc = cli_parse_count("days", optarg, 1, 366, &v)))
                return rc;
            fopt.days = (int)v;
            break;
        case OPT_METHOD:
            if ((rc = cli_parse_choice("method", optarg, methods, &fopt.method)))
                return rc;
            break;
        case OPT_ORIGINS:
            if ((rc = cli_parse_count("origins", optarg, 1, 52, &v)))
                return rc;
            fopt.backtest_origins = (int)v;
            break;
        case OPT_K:
            if ((rc = cli_parse_count("k", optarg, 1, 52, &v)))
                return rc;
            fopt.k = (int)v;
            break;
        case OPT_HELP: forecast_help(); return CLI_OK;
        default:
            if ((rc = cli_history_other(&hist, c, argv)))
                return rc;
        }
    }
    if ((rc = cli_history_path(&hist, argc, argv)))
        return rc;
    if (!have_from)
        return cli_flag_missing("from", "the first forecast day, YYYY-MM-DD");
    if ((rc = cli_history_load(&hist)))
        goto out;
    fopt.special_days = hist.hol_days;
    fopt.special_closed = hist.hol_closed;
    fopt.n_special = hist.n_hol;
    if (cc_fc_forecast(hist.history, &fopt, &r, &err)) {
        cli_print_error(&err);
        rc = cli_exit_for(err.code);
        goto out;
    }
    if ((rc = cli_history_make_out_dir(&hist)))
        goto out;
    ctx.r = r;
    ctx.source = hist.path;
    if ((rc = cli_write_atomic(hist.out_dir, "forecast.csv", w_csv, &ctx)) ||
        (rc = cli_write_atomic(hist.out_dir, "report.html", w_html, &ctx)))
        goto out;
    cli_history_print_read(&hist);
    cc_fc_write_backtest_text(stdout, r);
    printf("wrote %s/forecast.csv and %s/report.html\n", hist.out_dir, hist.out_dir);
    rc = cli_finish_stdout();
out:
    cc_fc_result_free(r);
    cli_history_release(&hist);
    return rc;
}
