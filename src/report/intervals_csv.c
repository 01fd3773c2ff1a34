/*
 * intervals.csv: tidy rows (date x interval x channel) with units in the
 * column names. Written with the C locale's '.' decimals; an undefined value
 * (no contacts in that interval) is an empty field. Counts are means per
 * replication of contacts arriving in the interval after the warm-up (as in
 * summary.json); sl_frac is the pooled service level (sum of in-target over
 * sum of its denominator across replications), and the count columns at the
 * end let a reader pool intervals again: sl = answered_in_target /
 * (presented - sl_excluded).
 */
#include <math.h>
#include <stdio.h>

#include "cc_report.h"
#include "util/clocale.h"
#include "util/textout.h"

static void field(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, ",%.10g", v);
    else
        fputs(",", out);
}

static void estimate_fields(FILE *out, const cc_estimate *e, int with_ci)
{
    field(out, e->n > 0 ? e->mean : NAN);
    if (with_ci) {
        field(out, e->n > 1 ? e->mean - e->half_width : NAN);
        field(out, e->n > 1 ? e->mean + e->half_width : NAN);
    }
}

/* Writes a channel or team name as a CSV field after a separator. */
static void name_field(FILE *out, const char *name)
{
    fputc(',', out);
    cc_csv_field(out, name);
}

static cc_status write_rows(FILE *out, const cc_scenario *s, const cc_results *r, cc_error *err);

cc_status cc_report_intervals_csv(FILE *out, const cc_scenario *s, const cc_results *r,
                                  cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = write_rows(out, s, r, err);
    cc_locale_leave(prev);
    return st;
}

static cc_status write_rows(FILE *out, const cc_scenario *s, const cc_results *r, cc_error *err)
{
    int i, c;

    if (!r->intervals)
        return cc_error_setf(err, CC_EINVAL, "the run kept no per-interval statistics");
    fputs("date,interval_start,channel,forecast_contacts,offered,offered_ci_low,offered_ci_high,"
          "deflected,contained,answered,abandoned,sl_frac,sl_ci_low,sl_ci_high,target_sl_frac,"
          "asa_s,asa_ci_low,asa_ci_high,aht_s,abandon_frac,backlog_end,wait_p50_s,wait_p90_s,"
          "wait_p99_s,risk_frac,below_target,presented,answered_in_target,short_abandoned,"
          "pending,sl_excluded\n",
          out);
    for (i = 0; i < s->n_intervals && (size_t)i < r->n_intervals; i++) {
        char date[16];
        int minute = (int)lround(fmod((double)i * s->interval_s, 86400.0) / 60.0);
        cc_scenario_date(s, i / s->intervals_per_day, date);
        for (c = 0; c < s->n_channels && (size_t)c < r->n_channels; c++) {
            const cc_interval_channel *x = &r->intervals[(size_t)i * r->n_channels + (size_t)c];
            const cc_channel *ch = &s->channels[c];
            int below = x->service_level.n > 0 && x->service_level.mean < ch->target.service_level;
            fprintf(out, "%s,%02d:%02d", date, minute / 60, minute % 60);
            name_field(out, ch->name);
            field(out, cc_scenario_channel_rate_gross(s, c, i) * s->interval_s);
            estimate_fields(out, &x->offered, 1);
            estimate_fields(out, &x->deflected, 0);
            estimate_fields(out, &x->contained, 0);
            estimate_fields(out, &x->answered, 0);
            estimate_fields(out, &x->abandoned, 0);
            estimate_fields(out, &x->service_level, 1);
            field(out, ch->target.service_level);
            estimate_fields(out, &x->asa_s, 1);
            estimate_fields(out, &x->aht_s, 0);
            estimate_fields(out, &x->p_abandon, 0);
            estimate_fields(out, &x->backlog_end, 0);
            field(out, x->wait_p50_s);
            field(out, x->wait_p90_s);
            field(out, x->wait_p99_s);
            field(out, x->risk);
            fprintf(out, ",%d", below);
            estimate_fields(out, &x->presented, 0);
            estimate_fields(out, &x->in_target, 0);
            estimate_fields(out, &x->short_abandoned, 0);
            estimate_fields(out, &x->pending, 0);
            field(out, x->pooled.excluded / (double)r->replications);
            fputc('\n', out);
        }
    }
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write the interval table");
    return CC_OK;
}
