/*
 * roster.csv: the plan's shifts as a team lead publishes them, one row per
 * day, team and shift start with the number of agents starting, the end,
 * the paid hours and the breaks (paid or unpaid, both off the phones).
 * Times are on the scenario clock.
 */
#include <math.h>
#include <stdio.h>

#include "cc_report.h"
#include "util/textout.h"
#include "util/clocale.h"

/* "HH:MM" of a time of day in seconds (taken modulo one day). */
static void clock_time(double s, char buf[6])
{
    long minutes = lround(fmod(s, 86400.0) / 60.0) % (24 * 60);
    if (minutes < 0)
        minutes += 24 * 60;
    snprintf(buf, 6, "%02ld:%02ld", minutes / 60, minutes % 60);
}

static cc_status report_roster_csv_in_c_locale(FILE *out, const cc_planner *p, cc_error *err)
{
    const cc_scenario *s = p->s;
    int t;

    fputs("date,team,shift_start,shift_end,agents,ends_next_day,paid_h,breaks,rule\n", out);
    for (t = 0; t < s->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        const cc_shift_plan *sp = pt->shifts;
        size_t j;
        if (!sp)
            continue;
        for (j = 0; j < sp->n_starts; j++) {
            const cc_shift_start *st = &sp->starts[j];
            const cc_shift_rule *r = &pt->rules[st->rule];
            double len = st->length_s > 0 ? st->length_s : r->length_s;
            double paid = st->paid_s > 0 ? st->paid_s
                          : r->paid_s > 0 ? r->paid_s
                                          : r->length_s - r->break_s;
            double end = st->start_s + len;
            char date[16], t0[6], t1[6];
            cc_scenario_date(s, (int)st->day, date);
            clock_time(st->start_s, t0);
            clock_time(end, t1);
            fprintf(out, "%s,", date);
            cc_csv_field(out, s->teams[t].name);
            fprintf(out, ",%s,%s,%ld,%d,%.4g,", t0, t1, st->agents, end >= 86400.0 ? 1 : 0,
                    paid / 3600.0);
            /* Breaks in time order, "HH:MM-HH:MM", paid ones marked, ';' between. */
            for (int b = 0; b < st->n_breaks; b++) {
                char b0[6], b1[6];
                clock_time(st->start_s + st->breaks[b].offset_s, b0);
                clock_time(st->start_s + st->breaks[b].offset_s + st->breaks[b].length_s, b1);
                fprintf(out, "%s%s-%s%s", b ? ";" : "", b0, b1, st->breaks[b].paid ? " paid" : "");
            }
            if (st->n_breaks == 0 && st->length_s <= 0 && r->break_s > 0.0) {
                char b0[6], b1[6];
                clock_time(st->start_s + r->break_offset_s, b0);
                clock_time(st->start_s + r->break_offset_s + r->break_s, b1);
                fprintf(out, "%s-%s", b0, b1);
            }
            fputc(',', out);
            cc_csv_field(out, pt->rule_names[st->rule] ? pt->rule_names[st->rule] : "");
            fputc('\n', out);
        }
    }
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write roster.csv");
    return CC_OK;
}

cc_status cc_report_roster_csv(FILE *out, const cc_planner *p, cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = report_roster_csv_in_c_locale(out, p, err);
    cc_locale_leave(prev);
    return st;
}
