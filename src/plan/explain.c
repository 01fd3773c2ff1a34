/*
 * A plan explained: against the staffing written in the scenario (simulated
 * on the plan's seed, costed on the same basis), and interval by interval:
 * finding an interval from its start time, and printing the chain behind
 * each number (contacts, requirement, allocation to teams, roster) so a
 * planner can redo it by hand.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "plan/planner_internal.h"
#include "util/clocale.h"

cc_status cc_planner_interval_at(const cc_scenario *s, const char *when, long *interval,
                                 cc_error *err)
{
    char date[11], first[11], last[11];
    int hh, mm, day = -1;
    double t, q;

    assert(s != NULL && when != NULL && interval != NULL);
    if (strlen(when) != 16 || (when[10] != ' ' && when[10] != 'T') || when[13] != ':' ||
        when[4] != '-' || when[7] != '-')
        goto malformed;
    for (int k = 0; k < 16; k++)
        if (k != 4 && k != 7 && k != 10 && k != 13 && !isdigit((unsigned char)when[k]))
            goto malformed;
    memcpy(date, when, 10);
    date[10] = '\0';
    hh = (when[11] - '0') * 10 + (when[12] - '0');
    mm = (when[14] - '0') * 10 + (when[15] - '0');
    if (hh > 23 || mm > 59)
        goto malformed;
    for (int d = 0; d < s->days && day < 0; d++) {
        char buf[11];
        cc_scenario_date(s, d, buf);
        if (!strcmp(buf, date))
            day = d;
    }
    cc_scenario_date(s, 0, first);
    cc_scenario_date(s, s->days - 1, last);
    if (day < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "'%s' is outside the horizon; allowed: dates from %s to %s", when,
                             first, last);
    t = (double)(hh * 3600 + mm * 60);
    q = t / s->interval_s;
    if (fabs(q - nearbyint(q)) > 1e-9) {
        long k = (long)floor(q);
        long sec = (long)((double)k * s->interval_s);
        return cc_error_setf(err, CC_EINVAL,
                             "'%s' is not the start of an interval; intervals are %g minutes, "
                             "the one containing it starts at %s %02ld:%02ld",
                             when, s->interval_s / 60.0, date, sec / 3600, (sec / 60) % 60);
    }
    *interval = (long)day * s->intervals_per_day + (long)nearbyint(q);
    return CC_OK;
malformed:
    return cc_error_setf(err, CC_EINVAL,
                         "'%s' is not a date and time; allowed: 'YYYY-MM-DD HH:MM' on the "
                         "scenario clock",
                         when);
}

/* Per week: in-house paid hours x rate, outsourced teams as the simulation billed them. */
static double roster_cost(const cc_scenario *s, const cc_results *r, double *paid_hours)
{
    double weeks = (double)s->days / 7.0, cost = 0.0, hours = 0.0;
    for (int t = 0; t < s->n_teams && (size_t)t < r->n_teams; t++) {
        const cc_team_summary *x = &r->teams[t];
        double h = x->paid_hours.n > 0 ? x->paid_hours.mean : 0.0;
        hours += h;
        if (s->teams[t].outsourced)
            cost += x->cost.n > 0 ? x->cost.mean : h * s->teams[t].cost_per_hour;
        else
            cost += h * s->teams[t].cost_per_hour;
    }
    *paid_hours = hours / weeks;
    return cost / weeks;
}

cc_status cc_plan_explain_written(cc_planner *p, cc_error *err)
{
    cc_simmodel *m = NULL;
    cc_status st;

    assert(p != NULL);
    cc_results_free(p->written);
    p->written = NULL;
    if ((st = cc_plan_model(p->s, NULL, &m, err)) == CC_OK)
        st = cc_plan_replicate(p, m, 0, &p->written, err);
    cc_simmodel_free(m);
    if (st != CC_OK)
        return st;
    p->written_roster_cost = roster_cost(p->s, p->written, &p->written_paid_hours);
    /* The plan's in-house teams at their rostered (paid) hours, vendors as billed. */
    p->roster_cost = 0.0;
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_team *tm = &p->s->teams[t];
        const cc_team_summary *x = p->sim && t < p->sim->n_teams ? &p->sim->teams[t] : NULL;
        if (tm->outsourced && x && x->cost.n > 0)
            p->roster_cost += x->cost.mean;
        else
            p->roster_cost += p->teams[t].rostered_hours * tm->cost_per_hour;
    }
    p->roster_cost /= (double)p->s->days / 7.0;
    p->written_meets = 1;
    for (size_t c = 0; c < p->written->n_channels; c++)
        if (p->written->channels[c].verdict.status == CC_TARGET_MISSES)
            p->written_meets = 0;
    return CC_OK;
}

static void explain_contacts(const cc_planner *p, size_t c, size_t i, FILE *out)
{
    const cc_scenario *s = p->s;
    const cc_channel *ch = &s->channels[c];
    const cc_planner_channel *pc = &p->channels[c];

    fprintf(out, "forecast       : %.3f fresh contacts before deflection\n", pc->forecast[i]);
    fprintf(out, "deflected      : %.3f (share %.4f)\n", pc->deflected[i],
            pc->forecast[i] > 0 ? pc->deflected[i] / pc->forecast[i] : 0.0);
    if (ch->chatbot >= 0) {
        const cc_chatbot *bot = &s->chatbots[ch->chatbot];
        double arrive = pc->forecast[i] - pc->deflected[i];
        fprintf(out,
                "bot '%s'%*s: containment %.4f of %.3f = %.3f contained; bounce-back %.4f of "
                "the rest = %.3f; escalated handle time x %.4f, patience x %.4f\n",
                bot->name, (int)(6 > strlen(bot->name) ? 6 - strlen(bot->name) : 0), "",
                arrive > 0 ? pc->contained[i] / arrive : 0.0, arrive, pc->contained[i],
                bot->bounce_share, pc->bounced[i], 1.0 + bot->escalation_aht_uplift,
                bot->escalation_patience_factor);
    }
    fprintf(out, "inbound        : %.3f (transfers in, bounce-backs, backlog at the start)\n",
            pc->inbound[i]);
    fprintf(out, "reach agents   : %.3f - %.3f - %.3f - %.3f + %.3f = %.3f contacts\n",
            pc->forecast[i], pc->deflected[i], pc->contained[i], pc->bounced[i], pc->inbound[i],
            pc->contacts[i]);
}

static void explain_allocation(const cc_planner *p, size_t c, size_t i, FILE *out)
{
    const cc_scenario *s = p->s;
    const cc_planner_channel *pc = &p->channels[c];
    const cc_plan_interval *row = &pc->req->intervals[i];
    size_t n = p->n_intervals;

    fprintf(out, "teams          : share by agents the scenario has on duty (all to the "
                 "first routed team when none is)\n");
    for (size_t t = 0; t < p->n_teams; t++) {
        double share = pc->share[t * n + i], f, net;
        const cc_team *tm = &s->teams[t];
        if (share <= 0)
            continue;
        f = cc_plan_team_factor(s, (int)c, (int)t);
        net = share * row->net_agents * f;
        fprintf(out,
                "  %-12s : %.4f x %.3f net x %.4f (proficiency, concurrency) = %.3f net -> "
                "%s %.4f) = %.3f gross (team shrinkage)\n",
                tm->name, share, row->net_agents, f, net,
                s->plan.shrinkage_method == CC_SHRINK_MULTIPLICATIVE ? "x (1 +" : "/ (1 -",
                tm->shrinkage, cc_plan_gross_up(s, net, tm->shrinkage));
    }
}

static void explain_teams(const cc_planner *p, size_t i, FILE *out)
{
    fprintf(out, "team totals in this interval (every channel):\n");
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        if (pt->required[i] <= 0 && cc_plan_on_duty(pt, i) == 0)
            continue;
        fprintf(out, "  %-12s : %.3f net, %.3f gross -> ceil = %ld agents", p->s->teams[t].name,
                pt->required_net[i], pt->required[i], pt->analytic[i]);
        if (pt->verified)
            fprintf(out, "; simulation-verified %ld", pt->verified[i]);
        if (pt->shifts)
            fprintf(out, "; rostered %ld (net staffing %+ld)", pt->shifts->coverage[i],
                    pt->shifts->coverage[i] - pt->staffing[i]);
        fputc('\n', out);
    }
}

static cc_status planner_explain_in_c_locale(const cc_planner *p, int channel, long interval, FILE *out,
                             cc_error *err)
{
    const cc_scenario *s;
    char date[11];
    long ipd, sec;
    cc_status st;

    assert(p != NULL && out != NULL);
    s = p->s;
    if (interval < 0 || (size_t)interval >= p->n_intervals)
        return cc_error_setf(err, CC_EINVAL, "interval %ld is outside the horizon (0 to %zu)",
                             interval, p->n_intervals - 1);
    if (channel < -1 || channel >= (int)p->n_channels)
        return cc_error_setf(err, CC_EINVAL, "channel %d does not exist", channel);
    ipd = s->intervals_per_day;
    cc_scenario_date(s, (int)(interval / ipd), date);
    sec = (long)((double)(interval % ipd) * s->interval_s);
    for (size_t c = 0; c < p->n_channels; c++) {
        if (channel >= 0 && (size_t)channel != c)
            continue;
        fprintf(out, "== %s %02ld:%02ld, channel '%s' (%s) ==\n", date, sec / 3600,
                (sec / 60) % 60, s->channels[c].name, cc_channel_kind_name(s->channels[c].kind));
        explain_contacts(p, c, (size_t)interval, out);
        st = cc_plan_requirement_explain(p->channels[c].req, (size_t)interval, out, err);
        if (st != CC_OK)
            return st;
        explain_allocation(p, c, (size_t)interval, out);
        fputc('\n', out);
    }
    explain_teams(p, (size_t)interval, out);
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write the explanation");
    return CC_OK;
}

cc_status cc_planner_explain(const cc_planner *p, int channel, long interval, FILE *out,
                             cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = planner_explain_in_c_locale(p, channel, interval, out, err);
    cc_locale_leave(prev);
    return st;
}
