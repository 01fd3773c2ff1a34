/*
 * From history to scenario: import of contact-centre exports (interval
 * counts or one row per contact, CSV), forecasting of interval volumes with
 * a method chosen per series by rolling-origin backtest, and fitting of the
 * scenario's distributions (handle time, wrap-up, patience under censoring).
 *
 *   cc_fc_history *h;  cc_fc_import(path, &opt, &h, &err);
 *   cc_fc_result *r;   cc_fc_forecast(h, &fopt, &r, &err);  cc_fc_write_csv(out, r, &err);
 *   cc_fc_fit *f;      cc_fc_fit_history(h, &fitopt, &f, &err); cc_fc_write_fit_yaml(out, f, &err);
 *   cc_fc_fit_free(f); cc_fc_result_free(r); cc_fc_history_free(h);
 *
 * Every object returned through an `out` pointer belongs to the caller and
 * is freed by its own _free function (which accepts NULL).
 */
#ifndef CC_FORECAST_H
#define CC_FORECAST_H

#include <stddef.h>
#include <stdio.h>

#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Row problems kept with their line numbers; later ones are only counted. */
#define CC_FC_MAX_ROW_ERRORS 10

/* How the history file is read. Column names are matched exactly. */
typedef struct cc_fc_import_options {
    const char *time_column;     /* arrival or interval start; required */
    const char *date_column;     /* date in its own column (time_column holds the time of day), or NULL */
    const char *count_column;    /* set: interval counts; NULL: one row per contact */
    const char *channel_column;  /* channel of each row, or NULL */
    const char *channel;         /* name of the single channel when channel_column is NULL ("contacts") */
    const char *wait_column;     /* queue wait, seconds or H:MM:SS, or NULL */
    const char *handle_column;   /* handle (talk) time, or NULL */
    const char *wrap_column;     /* after-contact work, or NULL */
    const char *outcome_column;  /* served / abandoned / other, or NULL */
    const char *agent_column;    /* agent who served the contact, or NULL */
    const char *tz;              /* stated zone: "UTC", "+02:00" or an IANA name; NULL = clock as written */
    int month_first;             /* 1: dates like 03/04/2024 are mm/dd/yyyy; 0: dd/mm/yyyy */
    int epoch;                   /* 1: the time column holds seconds since 1970-01-01 UTC */
    char delimiter;              /* field separator; 0 = detect from the header line */
    int strict;                  /* 1: the first malformed row stops the import */
    int interval_min;            /* length of the interval grid, minutes (divides 1440); 0 = 30 */
} cc_fc_import_options;

/* Sets the defaults: channel "contacts", 30-minute grid, day first. */
void cc_fc_import_options_init(cc_fc_import_options *opt);

/* A malformed row and why. */
typedef struct cc_fc_row_error {
    long line;                   /* 1-based line of the file */
    char message[160];           /* what is wrong with the row */
} cc_fc_row_error;

/* Outcome of one contact. */
enum { CC_FC_OTHER = 0, CC_FC_SERVED = 1, CC_FC_ABANDONED = 2 };

/* One contact of a per-contact log (only what the fitters use). */
typedef struct cc_fc_contact {
    long long arrival_s;         /* local wall-clock seconds since 1970-01-01 */
    int agent;                   /* agent index, -1 when none */
    int series;                  /* index into cc_fc_history.series */
    int outcome;                 /* CC_FC_SERVED, CC_FC_ABANDONED or CC_FC_OTHER */
    double wait_s;               /* queue wait, seconds; NAN when absent */
    double handle_s;             /* handle time, seconds; NAN when absent */
    double wrap_s;               /* wrap-up, seconds; NAN when absent */
} cc_fc_contact;

/* The arrivals of one channel on the interval grid. */
typedef struct cc_fc_series {
    char name[64];               /* channel */
    double *y;                   /* [n_days * per_day] contacts per interval */
} cc_fc_series;

/* An imported history: counts on a grid of whole local days. */
typedef struct cc_fc_history {
    int interval_min;            /* grid interval, minutes */
    int per_day;                 /* intervals per day, 1440 / interval_min */
    long day0;                   /* first day, days since 1970-01-01 (local calendar) */
    int n_days;                  /* days from the first to the last with data */
    unsigned char *observed;     /* [n_days] 1 when the file has any row on the day */
    size_t n_series;             /* channels */
    cc_fc_series *series;        /* [n_series] */
    int per_contact;             /* 1: rows were contacts; 0: interval counts */
    size_t n_contacts;           /* contacts kept for fitting */
    cc_fc_contact *contacts;     /* [n_contacts], NULL for counts */
    int has_wait, has_handle, has_wrap, has_outcome, has_agent; /* optional columns read */
    int n_agents;                /* distinct agents named in the agent column */
    long rows_read;              /* data rows in the file (header excluded) */
    long rows_bad;               /* malformed rows skipped */
    long rows_repaired;          /* rows with blanks where a tab belongs, split and kept */
    long repaired_lines[CC_FC_MAX_ROW_ERRORS]; /* the first of them, 1-based lines */
    size_t n_errors;             /* kept entries of errors[] */
    cc_fc_row_error errors[CC_FC_MAX_ROW_ERRORS]; /* the first malformed rows */
    double total;                /* contacts over all series */
} cc_fc_history;

/*
 * Reads a CSV (or tab-separated) history with libcsv. Malformed rows (too
 * few fields, bad timestamp, bad number) are counted and the first
 * CC_FC_MAX_ROW_ERRORS kept with their line numbers; with opt->strict the
 * first one fails the import with its position in `err`.
 * exceptions: CC_EIO (unreadable), CC_EINVAL (missing column, empty file,
 * no usable row, bad option, a strict row error; position in err).
 */
cc_status cc_fc_import(const char *path, const cc_fc_import_options *opt, cc_fc_history **out,
                       cc_error *err);

/* Frees a history. Accepts NULL. */
void cc_fc_history_free(cc_fc_history *h);

/*
 * Column mapping from a small YAML file: a flat mapping whose keys are the
 * import flags without dashes (time-column, date-column, count-column,
 * channel-column, channel, wait-column, handle-column, wrap-column,
 * outcome-column, agent-column, tz, dates: dmy|mdy, epoch: true|false, delimiter,
 * strict: true|false). Keys set here fill only the fields still NULL/0 in
 * `opt`, so flags given on the command line win. The strings live in
 * *strings, freed by cc_fc_strings_free. exceptions: CC_EIO, CC_ESYNTAX,
 * CC_ESCHEMA (unknown key, with its position).
 */
typedef struct cc_fc_strings {
    char **items;                /* owned copies */
    size_t n;                    /* entries */
} cc_fc_strings;

cc_status cc_fc_read_mapping(const char *path, cc_fc_import_options *opt, cc_fc_strings *strings,
                             cc_error *err);
void cc_fc_strings_free(cc_fc_strings *s);

/*
 * Holiday calendar: one date a line, "YYYY-MM-DD[,closed|open[,name]]"
 * (a header line "date,..." and # comments allowed). *days and *closed are
 * allocated arrays of *n entries the caller frees with free().
 * exceptions: CC_EIO, CC_EINVAL (bad line, with its number).
 */
cc_status cc_fc_read_calendar(const char *path, long **days, int **closed, size_t *n,
                              cc_error *err);

/* ---- calendar helpers ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
long cc_fc_days_from_civil(int y, int m, int d);

/* The date of a day number. */
void cc_fc_civil_from_days(long days, int *y, int *m, int *d);

/* Weekday of a day number, 0 = Monday .. 6 = Sunday. */
int cc_fc_weekday(long days);

/* Parses YYYY-MM-DD into a day number; returns 0 on success, -1 otherwise. */
int cc_fc_parse_date(const char *text, long *days);

/* ---- forecasting ---- */

/* The candidate methods, in the order they are reported. */
typedef enum cc_fc_method {
    CC_FC_SNAIVE = 0,            /* seasonal naive: the same interval one week before */
    CC_FC_MEANK,                 /* mean of the last k same weekdays */
    CC_FC_PROFILE,               /* level with trend x weekday x day of month x intraday profile */
    CC_FC_HOLT_WINTERS,          /* double-seasonal exponential smoothing (Taylor 2003) */
    CC_FC_PROFILE_YEARLY,        /* the profile model with last year's level change instead of
                                    the trend; needs CC_FC_YEARLY_MIN_DAYS of history */
    CC_FC_COMBINED,              /* mean of the profile and Holt-Winters forecasts */
    CC_FC_N_METHODS
} cc_fc_method;

/* History (days) that profile-yearly needs: a year and four weeks. */
#define CC_FC_YEARLY_MIN_DAYS (364 + 28)

/* Short name of a method ("seasonal-naive", ...). */
const char *cc_fc_method_name(cc_fc_method m);

/*
 * Lead weeks whose bands are measured by their own backtest: a forecast day
 * in week w (1-based) of the forecast uses week min(w, this) 's band.
 */
#define CC_FC_MAX_LEAD_WEEKS 4

/* What to forecast and how to choose. */
typedef struct cc_fc_options {
    long from_day;               /* first forecast day (days since 1970-01-01); history before it is used */
    int days;                    /* days to forecast, 1..366 */
    int k;                       /* same weekdays averaged by the mean-of-k method; 0 = 4 */
    int backtest_origins;        /* rolling origins (weeks before from_day); 0 = 4 */
    int method;                  /* force a method, or -1 to choose by backtest */
    const long *special_days;    /* [n_special] days of the holiday calendar (days since 1970-01-01) */
    const int *special_closed;   /* [n_special] 1 when the centre is closed that day */
    size_t n_special;            /* entries of the calendar */
} cc_fc_options;

/* Defaults: k 4, 4 origins, method chosen, no calendar. */
void cc_fc_options_init(cc_fc_options *opt);

/* The forecast of one channel. */
typedef struct cc_fc_channel {
    char name[64];               /* channel */
    int chosen;                  /* cc_fc_method picked (or forced) */
    int n_origins;               /* backtest origins that could be scored */
    double wape_daily[CC_FC_N_METHODS];    /* backtest WAPE of daily totals, per method (NAN = not run) */
    double wape_interval[CC_FC_N_METHODS]; /* backtest WAPE per interval, per method */
    double cv_daily;             /* day-level error CV beyond Poisson implied by the backtest */
    double z10, z90;             /* standardised backtest error quantiles used for the bands */
    int n_lead_weeks;            /* lead weeks with their own band (1..CC_FC_MAX_LEAD_WEEKS) */
    double cv_lead[CC_FC_MAX_LEAD_WEEKS];  /* cv_daily at lead week w+1 (never below week w's) */
    double z10_lead[CC_FC_MAX_LEAD_WEEKS]; /* z10, z90 at lead week w+1 (never narrower) */
    double z90_lead[CC_FC_MAX_LEAD_WEEKS];
    int lead_origins[CC_FC_MAX_LEAD_WEEKS]; /* backtest origins behind each lead week (0: the
                                               week before's figures carried over) */
    double *mean;                /* [days * per_day] forecast contacts */
    double *p10, *p90;           /* [days * per_day] prediction interval */
    int bt_days;                 /* days of the last backtest window kept for the report */
    double *bt_actual;           /* [bt_days] daily actuals of the backtest windows, NAN when missing */
    double *bt_forecast;         /* [bt_days] daily forecasts of the chosen method */
    long bt_day0;                /* first day of bt_actual */
    double *weekday_share;       /* [7 * per_day] intraday profile per weekday (Mon first) */
    double weekday_mean[7];      /* mean daily volume per weekday over the recent weeks */
    size_t n_special_found;      /* special (low) days detected in the history */
    size_t n_special_open;       /* open calendar days in the history */
    double special_ratio;        /* their mean volume over their weekday's median (1 if none);
                                    applied to open calendar days ahead */
} cc_fc_channel;

/* A forecast of every channel. */
typedef struct cc_fc_result {
    long from_day;               /* first forecast day */
    int days;                    /* forecast days */
    int interval_min;            /* grid interval, minutes */
    int per_day;                 /* intervals per day */
    size_t n_channels;           /* channels */
    cc_fc_channel *channels;     /* [n_channels] */
    const cc_fc_history *history;/* the history it was made from (borrowed, must outlive the result) */
} cc_fc_result;

/*
 * Forecasts opt->days days from opt->from_day for every series of `h`,
 * fitting on the days strictly before from_day. Each method is backtested
 * from up to opt->backtest_origins weekly origins; the method with the
 * lowest interval WAPE is chosen. exceptions: CC_EINVAL (no history before
 * from_day, bad days), CC_ENUMERIC.
 */
cc_status cc_fc_forecast(const cc_fc_history *h, const cc_fc_options *opt, cc_fc_result **out,
                         cc_error *err);

/* Frees a forecast. Accepts NULL. */
void cc_fc_result_free(cc_fc_result *r);

/*
 * Forecast of one series, for benchmarks and tests: y holds n_train days of
 * per_day intervals (observed[d] 0 marks a missing day) starting on day0
 * (days since 1970-01-01); writes the h days after them into out[h * per_day].
 * closed[n_train + h] (or NULL: days without data) marks closed days, in
 * the history and ahead: forecast days closed get 0, and the next open day
 * carries the history's after-closure effect.
 */
void cc_fc_method_forecast(cc_fc_method m, const double *y, const unsigned char *observed,
                           const unsigned char *closed, int n_train, int per_day, long day0,
                           int h, int k, double *out);

/*
 * Writes forecast.csv: date,interval_start,channel,contacts,contacts_p10,
 * contacts_p90, one row per date x interval x channel. exceptions: CC_EIO.
 */
cc_status cc_fc_write_csv(FILE *out, const cc_fc_result *r, cc_error *err);

/* Writes the backtest table (method, WAPE daily, WAPE interval) as text. */
void cc_fc_write_backtest_text(FILE *out, const cc_fc_result *r);

/* ---- fitting ---- */

/* A fitted positive distribution. */
typedef struct cc_fc_dist_fit {
    size_t n;                    /* observations used */
    double mean_s;               /* sample mean, seconds */
    double sd_s;                 /* sample standard deviation, seconds */
    double lognormal_mu;         /* MLE of log-scale mean */
    double lognormal_sigma;      /* MLE of log-scale sd */
    double lognormal_ks;         /* Kolmogorov-Smirnov distance of the lognormal fit */
    double gamma_shape;          /* MLE shape */
    double gamma_scale_s;        /* MLE scale, seconds */
    double gamma_ks;             /* KS distance of the gamma fit */
    double loglik_lognormal;     /* log-likelihood of the lognormal fit */
    double loglik_gamma;         /* log-likelihood of the gamma fit */
    const char *best;            /* "lognormal" or "gamma", by likelihood */
    double short_share;          /* share of values below the fit's lower cut-off */
} cc_fc_dist_fit;

/* Patience from waits of served (censored) and abandoned (observed) contacts. */
typedef struct cc_fc_patience_fit {
    size_t n_abandoned;          /* abandonments after a wait > 0 */
    size_t n_censored;           /* served after a wait > 0 */
    double km_median_s;          /* Kaplan-Meier median, seconds (NAN when the curve stays above 0.5) */
    double exp_mean_s;           /* exponential MLE under censoring: total exposure / abandonments */
    double lognormal_mu;         /* censored lognormal MLE, log-seconds */
    double lognormal_sigma;      /* censored lognormal MLE */
    double lognormal_mean_s;     /* its mean, seconds */
    size_t n_km;                 /* points of the Kaplan-Meier curve */
    double *km_t;                /* [n_km] event times, seconds */
    double *km_s;                /* [n_km] survival just after each time */
} cc_fc_patience_fit;

/* Options of the fit. */
typedef struct cc_fc_fit_options {
    double min_handle_s;         /* handle times below this are left out of the fit (0 = keep all > 0) */
    cc_fc_options forecast;      /* the backtest that sets the uncertainty; from_day = day after the history */
} cc_fc_fit_options;

/* Per-channel fit. */
typedef struct cc_fc_channel_fit {
    char name[64];               /* channel */
    double daily_mean;           /* mean daily volume over the last eight weeks (special days out) */
    double weekday_mult[7];      /* multiplier per weekday, Mon first (mean 1 over open days) */
    int profile_group[7];        /* weekday whose profile each weekday uses (groups of alike days) */
    double *profile;             /* [7 * per_day] intraday shares per weekday */
    double cv;                   /* forecast uncertainty beyond Poisson */
    double wape_daily;           /* backtest WAPE of the chosen method, daily */
    const char *method;          /* the chosen forecast method */
    double peak_per_hour;        /* busiest interval's mean arrival rate, per hour */
    /* (cv, wape_daily and method come from the backtest of a forecast of the next week) */
    cc_fc_dist_fit handle;       /* handle time (n 0 when absent) */
    cc_fc_dist_fit wrap;         /* wrap-up (n 0 when absent) */
    cc_fc_patience_fit patience; /* patience (counts 0 when absent) */
    double served_within_20s;    /* share of served+abandoned answered within 20 s, NAN when absent */
    double special_ratio;        /* open calendar days' volume over their weekday's (1 if none) */
    double month_factor[12];     /* mean daily volume per month over the year's mean (0: no data) */
} cc_fc_channel_fit;

/* The fit of a history. */
typedef struct cc_fc_fit {
    int has_staffing;            /* 1: staffing[] estimated from the agent column */
    double staffing[7][24];      /* mean agents serving per weekday (Mon first) and hour, fractional */
    double history_sl;           /* history: answered within 20 s / offered to the queue, NAN */
    double history_abandon;      /* history: abandoned after a wait / offered to the queue, NAN */
    double history_daily;        /* history: mean contacts per observed day */
    int interval_min;            /* grid interval */
    int per_day;                 /* intervals per day */
    long next_day;               /* first day after the history */
    int has_months;              /* 1: a year or more of history, month_factor set */
    size_t n_seasons;            /* calendar days within the week after the history */
    long season_day[7];          /* those days */
    int season_closed[7];        /* 1 when closed */
    size_t n_channels;           /* channels */
    cc_fc_channel_fit *channels; /* [n_channels] */
} cc_fc_fit;

/* Defaults for cc_fc_fit_options. */
void cc_fc_fit_options_init(cc_fc_fit_options *opt);

/*
 * Fits volume, profiles, uncertainty and (per-contact logs) handle time,
 * wrap-up and patience. exceptions: CC_EINVAL, CC_ENUMERIC.
 */
cc_status cc_fc_fit_history(const cc_fc_history *h, const cc_fc_fit_options *opt, cc_fc_fit **out,
                            cc_error *err);

/* Frees a fit. Accepts NULL. */
void cc_fc_fit_free(cc_fc_fit *f);

/* Fits lognormal and gamma by maximum likelihood to x[n] (> 0). */
void cc_fc_fit_positive(const double *x, size_t n, cc_fc_dist_fit *out);

/*
 * Kaplan-Meier and parametric fits of patience: t[n] waits, event[n] 1 for
 * an abandonment, 0 for a censored (served) wait. The fit owns km_t/km_s;
 * release them with cc_fc_patience_release.
 */
void cc_fc_fit_patience(const double *t, const unsigned char *event, size_t n,
                        cc_fc_patience_fit *out);
void cc_fc_patience_release(cc_fc_patience_fit *p);

/* Writes fit.yaml (a scenario that validates and runs) / fit.json. exceptions: CC_EIO. */
cc_status cc_fc_write_fit_yaml(FILE *out, const cc_fc_fit *f, const char *name, cc_error *err);
cc_status cc_fc_write_fit_json(FILE *out, const cc_fc_fit *f, cc_error *err);

#ifdef __cplusplus
}
#endif

#endif
