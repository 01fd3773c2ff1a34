/*
 * agents.csv: the weekly agent lines a team lead publishes, one row per
 * team, week and agent, with the shift ("HH:MM-HH:MM", scenario clock) or
 * "off" under each weekday. A night shift starting the evening before the
 * horizon is shown in a week 0 row of the agent who works it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_report.h"
#include "util/alloc.h"
#include "util/textout.h"
#include "util/clocale.h"

static const char *const weekday_col[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* "HH:MM" of a time of day in seconds (taken modulo one day). */
static void clock_time(double s, char buf[6])
{
    long minutes = lround(fmod(s, 86400.0) / 60.0) % (24 * 60);
    if (minutes < 0)
        minutes += 24 * 60;
    snprintf(buf, 6, "%02ld:%02ld", minutes / 60, minutes % 60);
}

/* Time on site of a start: its own, else (starts built by hand) its rule's. */
static double length_of(const cc_planner_team *pt, const cc_shift_start *st)
{
    return st->length_s > 0.0 ? st->length_s : pt->rules[st->rule].length_s;
}

/* Paid hours of one shift of a start: its own, else its rule's (less the legacy break). */
static double paid_h_of(const cc_planner_team *pt, const cc_shift_start *st)
{
    const cc_shift_rule *r = &pt->rules[st->rule];
    if (st->paid_s > 0.0)
        return st->paid_s / 3600.0;
    return (r->paid_s > 0.0 ? r->paid_s : length_of(pt, st) - r->break_s) / 3600.0;
}

/* "HH:MM-HH:MM" of start j of the team. */
static void shift_label(const cc_planner_team *pt, long j, char buf[12])
{
    const cc_shift_start *st = &pt->shifts->starts[j];
    char t0[6], t1[6];
    clock_time(st->start_s, t0);
    clock_time(st->start_s + length_of(pt, st), t1);
    snprintf(buf, 12, "%s-%s", t0, t1);
}

/* The lines must belong to the team's roster and the scenario's horizon. */
static cc_status check_lines(const cc_planner *p, int t, const cc_agent_lines *L, cc_error *err)
{
    const cc_planner_team *pt = &p->teams[t];
    const cc_shift_plan *sp = pt->shifts;
    const char *name = p->s->teams[t].name;

    if (sp == NULL)
        return cc_error_setf(err, CC_EINVAL, "agent lines given for team '%s', which has no roster",
                             name);
    if (L->n_days != (size_t)p->s->days || L->n_weeks != (L->n_days + 6) / 7)
        return cc_error_setf(err, CC_EINVAL,
                             "agent lines of team '%s' span %zu days; the horizon has %d", name,
                             L->n_days, p->s->days);
    if (L->first_weekday != p->s->start_weekday)
        return cc_error_setf(err, CC_EINVAL,
                             "agent lines of team '%s' start on weekday %d; the horizon on %d",
                             name, L->first_weekday, p->s->start_weekday);
    for (size_t a = 0; a < L->n_agents; a++) {
        for (size_t d = 0; d < L->n_days; d++) {
            long j = L->shift[a * L->n_days + d];
            if (j >= 0 && ((size_t)j >= sp->n_starts || sp->starts[j].day != (long)d))
                return cc_error_setf(err, CC_EINVAL,
                                     "agent lines of team '%s' name start %ld on day %zu, which "
                                     "is not in its roster",
                                     name, j, d);
        }
        if (L->eve[a] >= 0 &&
            ((size_t)L->eve[a] >= sp->n_starts || sp->starts[L->eve[a]].day != -1))
            return cc_error_setf(err, CC_EINVAL,
                                 "agent lines of team '%s' name start %ld the day before the "
                                 "horizon, which is not in its roster",
                                 name, L->eve[a]);
    }
    return CC_OK;
}

/* The agent's id, TEAM-001 for agent 0 of team TEAM, then the team. */
static void agent_cell(FILE *out, const cc_scenario *s, int t, size_t a)
{
    const char *team = s->teams[t].name;
    size_t cap = strlen(team) + 32;
    char *id = cc_xmalloc(cap);
    snprintf(id, cap, "%s-%03zu", team, a + 1);
    cc_csv_field(out, id);
    fputc(',', out);
    cc_csv_field(out, team);
    free(id);
}

/* Week 0 rows: the day -1 starts and who works them. */
static void eve_rows(FILE *out, const cc_planner *p, int t, const cc_agent_lines *L)
{
    const cc_planner_team *pt = &p->teams[t];
    int eve_weekday = (L->first_weekday + 6) % 7;
    char date[16];

    cc_scenario_date(p->s, -7, date);
    for (size_t a = 0; a < L->n_agents; a++) {
        long j = L->eve[a];
        char label[12];
        if (j < 0)
            continue;
        shift_label(pt, j, label);
        agent_cell(out, p->s, t, a);
        fprintf(out, ",0,%s", date);
        for (int wd = 0; wd < 7; wd++)
            fprintf(out, ",%s", wd == eve_weekday ? label : "");
        fprintf(out, ",1,%.6g\n", paid_h_of(pt, &pt->shifts->starts[j]));
    }
}

static cc_status report_agents_csv_in_c_locale(FILE *out, const cc_planner *p,
                               const cc_agent_lines *const *lines, cc_error *err)
{
    const cc_scenario *s = p->s;
    cc_status st;

    /* every team's lines checked before anything is written */
    for (int t = 0; lines != NULL && t < s->n_teams; t++)
        if (lines[t] != NULL && (st = check_lines(p, t, lines[t], err)) != CC_OK)
            return st;
    fputs("agent,team,week,week_start", out);
    for (int wd = 0; wd < 7; wd++)
        fprintf(out, ",%s", weekday_col[wd]);
    fputs(",days_worked,paid_h\n", out);
    if (lines == NULL)
        goto out_check;
    for (int t = 0; t < s->n_teams; t++) {
        const cc_agent_lines *L = lines[t];
        const cc_planner_team *pt = &p->teams[t];
        if (L == NULL)
            continue;
        eve_rows(out, p, t, L);
        for (size_t w = 0; w < L->n_weeks; w++) {
            char date[16];
            cc_scenario_date(s, (int)(7 * w), date);
            for (size_t a = 0; a < L->n_agents; a++) {
                agent_cell(out, s, t, a);
                fprintf(out, ",%zu,%s", w + 1, date);
                for (int wd = 0; wd < 7; wd++) {
                    /* the day of week w falling on weekday wd */
                    size_t d = 7 * w + (size_t)((wd - L->first_weekday + 7) % 7);
                    long j;
                    char label[12];
                    if (d >= L->n_days) {
                        fputc(',', out);
                        continue;
                    }
                    j = L->shift[a * L->n_days + d];
                    if (j < 0) {
                        fputs(",off", out);
                        continue;
                    }
                    shift_label(pt, j, label);
                    fprintf(out, ",%s", label);
                }
                fprintf(out, ",%d,%.6g\n", L->days_worked[a * L->n_weeks + w],
                        L->paid_h[a * L->n_weeks + w]);
            }
        }
    }
out_check:
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write agents.csv");
    return CC_OK;
}

cc_status cc_report_agents_csv(FILE *out, const cc_planner *p,
                               const cc_agent_lines *const *lines, cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = report_agents_csv_in_c_locale(out, p, lines, err);
    cc_locale_leave(prev);
    return st;
}
