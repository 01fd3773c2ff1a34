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
           "mean-last-k, profile-trend, holt-winters (Taylor 2003), combined (reported).\n"
           "\n"
           "Writes DIR/forecast.csv (date,interval_start,channel,contacts,contacts_p10,\n"
           "contacts_p90) and DIR/report.html.\n"
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
    enum { OPT_FROM = CLI_OPT_BASE, OPT_DAYS, OPT_OUT, OPT_HOLIDAYS, OPT_METHOD, OPT_ORIGINS,
           OPT_K, OPT_HELP };
    static const struct option longopts[] = {
        {"from", required_argument, NULL, OPT_FROM},
        {"days", required_argument, NULL, OPT_DAYS},
        {"out", required_argument, NULL, OPT_OUT},
        {"holidays", required_argument, NULL, OPT_HOLIDAYS},
        {"method", required_argument, NULL, OPT_METHOD},
        {"origins", required_argument, NULL, OPT_ORIGINS},
        {"k", required_argument, NULL, OPT_K},
        {"help", no_argument, NULL, OPT_HELP},
        HISTORY_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    static const char *const methods[] = {"seasonal-naive", "mean-last-k", "profile-trend",
                                          "holt-winters", "combined", NULL};
    struct cli_history hist;
    cc_fc_options fopt;
    cc_fc_history *h = NULL;
    cc_fc_result *r = NULL;
    long *hol_days = NULL, v;
    int *hol_closed = NULL, c, rc = CLI_OK, have_from = 0;
    size_t n_hol = 0;
    const char *out_dir = "results/forecast", *holidays = NULL, *path;
    cc_error err;
    struct fc_ctx ctx;

    cli_history_init(&hist);
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
        case OPT_OUT: out_dir = optarg; break;
        case OPT_HOLIDAYS: holidays = optarg; break;
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
        case ':': return cli_flag_errorf(argv[optind - 1] + 2, "missing value");
        default:
            rc = cli_history_option(&hist, c, optarg);
            if (rc == -1) {
                cli_errorf("unknown option '%s'; run 'ccsim forecast --help'", argv[optind - 1]);
                return CLI_USAGE;
            }
            if (rc)
                return rc;
        }
    }
    if (argc - optind != 1) {
        cli_errorf("expected one history file; run 'ccsim forecast --help'");
        return CLI_USAGE;
    }
    path = argv[optind];
    if (!have_from)
        return cli_flag_missing("from", "the first forecast day, YYYY-MM-DD");
    if (holidays && cc_fc_read_calendar(holidays, &hol_days, &hol_closed, &n_hol, &err)) {
        cli_print_error(&err);
        return cli_exit_for(err.code);
    }
    fopt.special_days = hol_days;
    fopt.special_closed = hol_closed;
    fopt.n_special = n_hol;
    if ((rc = cli_history_import(&hist, path, &h)))
        goto out;
    if (cc_fc_forecast(h, &fopt, &r, &err)) {
        cli_print_error(&err);
        rc = cli_exit_for(err.code);
        goto out;
    }
    if (cc_mkdir_p(out_dir, &err)) {
        cli_print_error(&err);
        rc = CLI_IO;
        goto out;
    }
    ctx.r = r;
    ctx.source = path;
    if ((rc = cli_write_atomic(out_dir, "forecast.csv", w_csv, &ctx)) ||
        (rc = cli_write_atomic(out_dir, "report.html", w_html, &ctx)))
        goto out;
    printf("read %ld rows of %s (%ld malformed), %d days, %zu channel%s\n", h->rows_read, path,
           h->rows_bad, h->n_days, h->n_series, h->n_series == 1 ? "" : "s");
    cc_fc_write_backtest_text(stdout, r);
    printf("wrote %s/forecast.csv and %s/report.html\n", out_dir, out_dir);
    rc = cli_finish_stdout();
out:
    cc_fc_result_free(r);
    cc_fc_history_free(h);
    cli_history_release(&hist);
    free(hol_days);
    free(hol_closed);
    return rc;
}
