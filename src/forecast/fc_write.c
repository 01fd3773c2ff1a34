/*
 * Text outputs of the forecast stage: forecast.csv (one row per date x
 * interval x channel, ISO dates, HH:MM starts, '.' decimals whatever the
 * locale, since numbers go through %.*f with LC_NUMERIC left at "C" by the
 * program) and the backtest table the CLI prints.
 */
#include <math.h>
#include <stdio.h>

#include "forecast/fc_internal.h"
#include "util/textout.h"

cc_status cc_fc_write_csv(FILE *out, const cc_fc_result *r, cc_error *err)
{
    int d, i;
    size_t c;
    fputs("date,interval_start,channel,contacts,contacts_p10,contacts_p90\n", out);
    for (d = 0; d < r->days; d++) {
        int y, mo, dd;
        cc_fc_civil_from_days(r->from_day + d, &y, &mo, &dd);
        for (i = 0; i < r->per_day; i++) {
            int min = i * r->interval_min;
            for (c = 0; c < r->n_channels; c++) {
                const cc_fc_channel *ch = &r->channels[c];
                size_t k = (size_t)d * r->per_day + i;
                fprintf(out, "%04d-%02d-%02d,%02d:%02d,", y, mo, dd, min / 60, min % 60);
                cc_csv_field(out, ch->name);
                fprintf(out, ",%.3f,%.3f,%.3f\n", ch->mean[k], ch->p10[k], ch->p90[k]);
            }
        }
    }
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "writing forecast.csv failed");
    return CC_OK;
}

void cc_fc_write_backtest_text(FILE *out, const cc_fc_result *r)
{
    size_t c;
    int m;
    for (c = 0; c < r->n_channels; c++) {
        const cc_fc_channel *ch = &r->channels[c];
        fprintf(out, "channel %s: backtest from %d weekly origin%s, one-week lead\n", ch->name,
                ch->n_origins, ch->n_origins == 1 ? "" : "s");
        fprintf(out, "  %-16s %12s %14s\n", "method", "WAPE daily", "WAPE interval");
        for (m = 0; m < CC_FC_N_METHODS; m++) {
            fprintf(out, "  %-16s", cc_fc_method_name((cc_fc_method)m));
            if (isnan(ch->wape_daily[m]))
                fprintf(out, " %12s %14s", "-", "-");
            else
                fprintf(out, " %11.1f%% %13.1f%%", 100 * ch->wape_daily[m],
                        100 * ch->wape_interval[m]);
            fprintf(out, "%s\n", m == ch->chosen ? "  <- chosen" : "");
        }
        fprintf(out, "  uncertainty: daily CV beyond Poisson %.3f; %zu special day%s set aside\n",
                ch->cv_daily, ch->n_special_found, ch->n_special_found == 1 ? "" : "s");
        if (ch->n_lead_weeks > 1) {
            int w;
            fprintf(out, "  band by lead week (daily CV; error quantiles z10..z90; origins):");
            for (w = 0; w < ch->n_lead_weeks; w++)
                fprintf(out, "%s %d: %.3f; %.2f..%.2f; %d%s", w ? "," : "", w + 1, ch->cv_lead[w],
                        ch->z10_lead[w], ch->z90_lead[w], ch->lead_origins[w],
                        w && !ch->lead_origins[w] ? " (week before's)" : "");
            fprintf(out, "\n");
        }
    }
}
