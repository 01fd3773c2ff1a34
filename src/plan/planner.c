/*
 * The headcount planner: scenario -> contacts per channel and interval ->
 * requirement chain -> allocation to teams -> (simulation-verified staffing)
 * -> shift rosters -> weekly FTE and hiring -> simulation of the roster ->
 * plan options. Every stage is deterministic; the only parallel work is the
 * replications inside cc_replicate, whose results do not depend on threads.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_sim.h"
#include "cc_plan.h"
#include "plan/planner_internal.h"

#define CEIL_SLACK 1e-9
#define DAY_S 86400.0
#define WEEK_S (7.0 * DAY_S)
#define DEFAULT_SHIFT_S (8.0 * 3600.0) /* shift length for teams without shifts */

cc_planner_options cc_planner_options_default(void)
{
    cc_planner_options o;
    memset(&o, 0, sizeof o);
    o.shifts = 1;
    o.simulate = 1;
    o.least_cost = 1;
    o.options = 1;
    o.verify_max_rounds = 16;
    o.shift_window_s = 7200.0;
    o.shift_time_limit_s = 120.0;
    o.shift_mip_gap = 0.005;
    return o;
}

static long ceil_agents(double x)
{
    double c = ceil(x - CEIL_SLACK);
    return c > 0 ? (long)c : 0;
}

static double *dvec(size_t n)
{
    return cc_xcalloc(n ? n : 1, sizeof(double));
}

/* ---- stage 1: contacts reaching agents ----------------------------------- */

/* Adds x to dst spread over the intervals `lag` intervals after i (pro rata). */
static void add_lagged(double *dst, size_t n, size_t i, double x, double lag)
{
    double whole = floor(lag), frac = lag - whole;
    size_t j = i + (size_t)whole;
    if (x == 0.0)
        return;
    if (j < n)
        dst[j] += x * (1.0 - frac);
    if (frac > 0.0 && j + 1 < n)
        dst[j + 1] += x * frac;
}

/*
 * Forecast, deflection, bot and inbound contacts of every channel. Transfers
 * feed on the contacts of their source channel, which may itself receive
 * transfers, so they are propagated pass by pass until nothing changes (a
 * chain of n channels settles in n passes; shares below 1 make loops fade).
 */
static void build_contacts(cc_planner *p)
{
    const cc_scenario *s = p->s;
    size_t n = p->n_intervals, nc = p->n_channels;
    double dt = s->interval_s;
    double *fresh = dvec(nc * n), *fresh_work = dvec(nc * n), *fixed_in = dvec(nc * n);
    double *xfer = dvec(nc * n), *next = dvec(nc * n);

    for (size_t c = 0; c < nc; c++) {
        const cc_channel *ch = &s->channels[c];
        cc_planner_channel *pc = &p->channels[c];
        const cc_chatbot *bot = ch->chatbot >= 0 ? &s->chatbots[ch->chatbot] : NULL;
        double aht = cc_dist_mean(&ch->handle_time);

        pc->forecast = dvec(n);
        pc->deflected = dvec(n);
        pc->contained = dvec(n);
        pc->bounced = dvec(n);
        pc->inbound = dvec(n);
        pc->contacts = dvec(n);
        pc->aht_s = dvec(n);
        for (size_t i = 0; i < n; i++) {
            double gross = cc_scenario_channel_rate_gross(s, (int)c, (int)i) * dt;
            double arrive = cc_scenario_channel_rate(s, (int)c, (int)i) * dt;
            pc->forecast[i] = gross;
            pc->deflected[i] = gross > arrive ? gross - arrive : 0.0;
            if (bot) {
                double cont = cc_scenario_containment(s, ch->chatbot, ((double)i + 0.5) * dt);
                double rest = arrive * (1.0 - cont);
                pc->contained[i] = arrive * cont;
                pc->bounced[i] = rest * bot->bounce_share;
                fresh[c * n + i] = rest - pc->bounced[i];
                fresh_work[c * n + i] =
                    fresh[c * n + i] * aht * (1.0 + bot->escalation_aht_uplift);
            } else {
                fresh[c * n + i] = arrive;
                fresh_work[c * n + i] = arrive * aht;
            }
        }
        if (!cc_channel_kind_deferred(ch->kind) && ch->backlog > 0)
            fixed_in[c * n] += (double)ch->backlog;
    }
    for (size_t c = 0; c < nc; c++) {
        const cc_channel *ch = &s->channels[c];
        if (ch->chatbot >= 0) {
            const cc_chatbot *bot = &s->chatbots[ch->chatbot];
            size_t dest = bot->bounce_channel >= 0 ? (size_t)bot->bounce_channel : c;
            double lag = (cc_dist_mean(&bot->time_in_bot) + cc_dist_mean(&bot->bounce_delay)) / dt;
            for (size_t i = 0; i < n; i++)
                add_lagged(&fixed_in[dest * n], n, i, p->channels[c].bounced[i], lag);
        }
    }
    for (size_t pass = 0; pass <= nc + 1; pass++) {
        double change = 0.0;
        memset(next, 0, nc * n * sizeof(double));
        for (size_t c = 0; c < nc; c++) {
            const cc_channel *ch = &s->channels[c];
            double lag = (cc_dist_mean(&ch->handle_time) + cc_dist_mean(&ch->wrap_up)) / dt;
            for (int k = 0; k < ch->n_transfers; k++) {
                size_t dest = (size_t)ch->transfers[k].channel;
                for (size_t i = 0; i < n; i++) {
                    double from = fresh[c * n + i] + fixed_in[c * n + i] + xfer[c * n + i];
                    add_lagged(&next[dest * n], n, i, from * ch->transfers[k].share, lag);
                }
            }
        }
        for (size_t j = 0; j < nc * n; j++)
            change = fmax(change, fabs(next[j] - xfer[j]));
        memcpy(xfer, next, nc * n * sizeof(double));
        if (change < 1e-12)
            break;
    }
    for (size_t c = 0; c < nc; c++) {
        const cc_channel *ch = &s->channels[c];
        cc_planner_channel *pc = &p->channels[c];
        double aht = cc_dist_mean(&ch->handle_time);
        double aht_empty = aht;
        if (ch->chatbot >= 0)
            aht_empty *= 1.0 + s->chatbots[ch->chatbot].escalation_aht_uplift;
        for (size_t i = 0; i < n; i++) {
            pc->inbound[i] = fixed_in[c * n + i] + xfer[c * n + i];
            pc->contacts[i] = fresh[c * n + i] + pc->inbound[i];
            pc->aht_s[i] = pc->contacts[i] > 0
                               ? (fresh_work[c * n + i] + pc->inbound[i] * aht) / pc->contacts[i]
                               : aht_empty;
            if (!(pc->aht_s[i] > 0))
                pc->aht_s[i] = aht > 0 ? aht : 1.0;
        }
    }
    free(fresh);
    free(fresh_work);
    free(fixed_in);
    free(xfer);
    free(next);
}

/* ---- stage 2: which teams take a channel --------------------------------- */

/* The teams that take channel c's planned agents: its routing list, else its overflow. */
static void serving_teams(const cc_channel *ch, const int **list, int *n)
{
    if (ch->n_route_teams > 0) {
        *list = ch->route_teams;
        *n = ch->n_route_teams;
    } else {
        *list = ch->overflow_teams;
        *n = ch->n_overflow;
    }
}

static cc_status build_shares(cc_planner *p, cc_error *err)
{
    const cc_scenario *s = p->s;
    size_t n = p->n_intervals;

    for (size_t c = 0; c < p->n_channels; c++) {
        const cc_channel *ch = &s->channels[c];
        cc_planner_channel *pc = &p->channels[c];
        const int *list;
        int n_list;

        serving_teams(ch, &list, &n_list);
        if (n_list == 0)
            return cc_error_setf(err, CC_EINVAL, "channel '%s' has no team to plan for",
                                 ch->name);
        pc->share = dvec(p->n_teams * n);
        pc->shrinkage = dvec(n);
        for (size_t i = 0; i < n; i++) {
            double sum = 0.0;
            for (int k = 0; k < n_list; k++)
                sum += cc_scenario_team_agents(s, list[k], (int)i);
            for (int k = 0; k < n_list; k++) {
                double w = sum > 0 ? cc_scenario_team_agents(s, list[k], (int)i) / sum
                                   : (k == 0 ? 1.0 : 0.0);
                pc->share[(size_t)list[k] * n + i] = w;
                pc->shrinkage[i] += w * s->teams[list[k]].shrinkage;
            }
            /* Keep the share inside [0, 1) whatever the rounding above. */
            if (pc->shrinkage[i] >= 1.0)
                pc->shrinkage[i] = 0.999;
        }
    }
    return CC_OK;
}

/* ---- stage 3: the requirement chain -------------------------------------- */

/* The chain of channel c; `stretch` is room for CC_PLAN_MAX_CONCURRENCY multipliers. */
static cc_status channel_requirement(cc_planner *p, size_t c, double *stretch, cc_error *err)
{
    const cc_scenario *s = p->s;
    const cc_channel *ch = &s->channels[c];
    cc_planner_channel *pc = &p->channels[c];
    cc_plan_channel in;
    double patience = cc_dist_mean(&ch->patience);

    cc_plan_channel_init(&in);
    in.name = ch->name;
    pc->deferred = cc_channel_kind_deferred(ch->kind);
    in.kind = pc->deferred ? CC_PLAN_DEFERRED : CC_PLAN_IMMEDIATE;
    if (ch->chatbot >= 0)
        patience *= s->chatbots[ch->chatbot].escalation_patience_factor;
    in.method = s->plan.method == CC_METHOD_ERLANG_C || ch->patience.kind == CC_DIST_NONE
                    ? CC_PLAN_ERLANG_C
                    : CC_PLAN_ERLANG_A;
    in.patience_s = in.method == CC_PLAN_ERLANG_A ? patience : 0.0;
    in.n_intervals = p->n_intervals;
    in.interval_s = s->interval_s;
    in.contacts = pc->contacts;
    in.deflected = pc->deflected;
    in.contained = pc->contained;
    in.initial_backlog = pc->deferred ? (double)ch->backlog : 0.0;
    in.aht_s_by_interval = pc->aht_s;
    in.aht_s = cc_dist_mean(&ch->handle_time);
    in.wrap_s = cc_dist_mean(&ch->wrap_up);
    in.answer_within_s = ch->target.answer_within_s;
    in.service_level = ch->target.service_level;
    in.max_asa_s = ch->target.has_max_asa && !pc->deferred ? ch->target.max_asa_s : 0.0;
    /*
     * Erlang C has no abandonment (nobody hangs up), so it cannot size for a cap
     * on it; rather than borrow Erlang A under a plan that says Erlang C, the
     * plan states that the cap went unsized (abandon_unsized) and the verdicts
     * on its simulations still judge it.
     */
    in.max_abandon =
        ch->target.has_max_abandon && in.method == CC_PLAN_ERLANG_A ? ch->target.max_abandon : 0.0;
    pc->abandon_unsized = ch->target.has_max_abandon && in.method == CC_PLAN_ERLANG_C;
    in.max_occupancy = s->plan.max_occupancy;
    in.sl_definition = ch->target.sl_definition;
    in.concurrency = ch->concurrency > 0 ? ch->concurrency : 1;
    if (in.concurrency > CC_PLAN_MAX_CONCURRENCY)
        return cc_error_setf(err, CC_EINVAL,
                             "channel '%s' has concurrency %d; the planner allows up to %d",
                             ch->name, in.concurrency, CC_PLAN_MAX_CONCURRENCY);
    for (int k = 1; k <= in.concurrency; k++)
        stretch[k - 1] = cc_scenario_stretch(s, (int)c, k);
    in.stretch = stretch;
    in.shrinkage_by_interval = pc->shrinkage;
    in.shrinkage_formula = s->plan.shrinkage_method == CC_SHRINK_MULTIPLICATIVE
                               ? CC_SHRINKAGE_MULTIPLICATIVE
                               : CC_SHRINKAGE_DIVISIVE;
    in.hours_per_fte_week = p->fte_week_h;
    return cc_plan_requirement_new(&in, &pc->req, err);
}

/*
 * Channels are independent, so they are solved in parallel; each writes only
 * its own slot and the first failure in channel order is reported, so the
 * outcome does not depend on the threads.
 */
static cc_status build_requirements(cc_planner *p, cc_error *err)
{
    long nc = (long)p->n_channels;
    cc_status *st = cc_xcalloc((size_t)nc, sizeof *st), first = CC_OK;
    cc_error *errs = cc_xcalloc((size_t)nc, sizeof *errs);

#pragma omp parallel for schedule(dynamic, 1) if (nc > 1 && p->n_intervals > 2000) \
    num_threads(p->opt.threads > 0 ? p->opt.threads : omp_get_max_threads())
    for (long c = 0; c < nc; c++) {
        double stretch[CC_PLAN_MAX_CONCURRENCY];
        st[c] = channel_requirement(p, (size_t)c, stretch, &errs[c]);
    }
    for (long c = 0; c < nc && first == CC_OK; c++) {
        if (st[c] != CC_OK) {
            first = st[c];
            if (err)
                *err = errs[c];
        }
    }
    free(st);
    free(errs);
    return first;
}

/* ---- stage 4: team requirement ------------------------------------------- */

static void build_team_requirements(cc_planner *p)
{
    const cc_scenario *s = p->s;
    size_t n = p->n_intervals;

    for (size_t t = 0; t < p->n_teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        pt->required = dvec(n);
        pt->required_net = dvec(n);
        pt->analytic = cc_xcalloc(n ? n : 1, sizeof(long));
    }
    for (size_t c = 0; c < p->n_channels; c++) {
        const cc_planner_channel *pc = &p->channels[c];
        for (size_t t = 0; t < p->n_teams; t++) {
            cc_planner_team *pt = &p->teams[t];
            double f = cc_plan_team_factor(s, (int)c, (int)t), shrink = s->teams[t].shrinkage;
            for (size_t i = 0; i < n; i++) {
                double share = pc->share[t * n + i];
                double net;
                if (share <= 0)
                    continue;
                net = share * pc->req->intervals[i].net_agents * f;
                pt->required_net[i] += net;
                pt->required[i] += cc_plan_gross_up(s, net, shrink);
            }
        }
    }
    for (size_t t = 0; t < p->n_teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        for (size_t i = 0; i < n; i++) {
            pt->analytic[i] = ceil_agents(pt->required[i]);
            pt->required_hours += pt->required[i] * p->interval_h;
            pt->required_net_hours += pt->required_net[i] * p->interval_h;
        }
        /* A team the plan gives no work (overflow only) keeps what the scenario staffs. */
        if (pt->required_hours <= 0) {
            pt->fixed = 1;
            for (size_t i = 0; i < n; i++)
                pt->analytic[i] = lround(cc_scenario_team_agents(s, (int)t, (int)i));
        }
        for (size_t i = 0; i < n; i++)
            pt->analytic_hours += (double)pt->analytic[i] * p->interval_h;
    }
}

/* ---- stage 5: shift rules and rosters ------------------------------------ */

/* Weekday masks moved one day back or forward (bit 0 = Monday). */
static unsigned mask_back(unsigned m)
{
    return ((m >> 1) | ((m & 1u) << 6)) & 0x7fu;
}

static unsigned mask_fwd(unsigned m)
{
    return ((m << 1) | (m >> 6)) & 0x7fu;
}

/* Appends a copy of `tmpl` named `name` unless an identical rule exists. */
static void add_rule_as(cc_planner_team *pt, size_t *cap, const char *name,
                        const cc_shift_rule *tmpl)
{
    cc_shift_rule *r;
    if (tmpl->days_mask == 0)
        return;
    for (size_t k = 0; k < pt->n_rules; k++) {
        int same_breaks;
        r = &pt->rules[k];
        same_breaks = r->n_breaks == tmpl->n_breaks && r->max_length_s == tmpl->max_length_s &&
                      r->length_step_s == tmpl->length_step_s;
        for (int b = 0; same_breaks && b < r->n_breaks; b++)
            same_breaks = r->breaks[b].length_s == tmpl->breaks[b].length_s &&
                          r->breaks[b].paid == tmpl->breaks[b].paid &&
                          r->breaks[b].earliest_s == tmpl->breaks[b].earliest_s &&
                          r->breaks[b].latest_s == tmpl->breaks[b].latest_s &&
                          r->breaks[b].shifts_over_s == tmpl->breaks[b].shifts_over_s;
        if (r->first_start_s == tmpl->first_start_s && r->last_start_s == tmpl->last_start_s &&
            r->start_step_s == tmpl->start_step_s && r->length_s == tmpl->length_s &&
            r->days_mask == (tmpl->days_mask == 0x7fu ? 0u : tmpl->days_mask) &&
            r->break_s == tmpl->break_s && r->break_offset_s == tmpl->break_offset_s &&
            r->paid_s == tmpl->paid_s && r->min_agents == tmpl->min_agents &&
            r->max_agents == tmpl->max_agents && same_breaks)
            return;
    }
    if (pt->n_rules == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        pt->rules = cc_xrealloc(pt->rules, *cap * sizeof(*pt->rules));
        pt->rule_names = cc_xrealloc(pt->rule_names, *cap * sizeof(char *));
    }
    r = &pt->rules[pt->n_rules];
    *r = *tmpl;
    if (r->days_mask == 0x7fu)
        r->days_mask = 0;
    r->name = NULL;
    pt->rule_names[pt->n_rules] = cc_xstrdup(name);
    pt->n_rules++;
    /* Names are attached once the array stops moving (see attach_rule_names). */
}

static void add_rule(cc_planner_team *pt, size_t *cap, const char *name, double first,
                     double last, double step, double length, unsigned mask)
{
    cc_shift_rule r;
    memset(&r, 0, sizeof r);
    r.first_start_s = first;
    r.last_start_s = last;
    r.start_step_s = last > first ? step : 0.0;
    r.length_s = length;
    r.paid_s = length;
    r.days_mask = mask;
    add_rule_as(pt, cap, name, &r);
}

/*
 * A rule of plan.shift_rules moved from the team's clock onto the scenario
 * clock by `shift_by` seconds. A window of starts pushed across midnight
 * splits in two: the starts past it begin on the neighbouring weekday.
 */
static void add_scenario_rule(cc_planner_team *pt, size_t *cap, const cc_plan_shift_rule *sr,
                              double shift_by, double dt)
{
    double lo = sr->first_start_s - shift_by, hi = sr->last_start_s - shift_by;
    double step = sr->step_s > 0 ? sr->step_s : dt, last_slot = DAY_S - dt;
    unsigned mask = sr->days & 0x7fu;
    char name[CC_MAX_NAME + 32];
    cc_shift_rule r;

    while (lo < 0) {
        lo += DAY_S;
        hi += DAY_S;
        mask = mask_back(mask);
    }
    while (lo >= DAY_S) {
        lo -= DAY_S;
        hi -= DAY_S;
        mask = mask_fwd(mask);
    }
    hi = lo + floor((hi - lo) / step + CEIL_SLACK) * step; /* the last start on the step grid */
    memset(&r, 0, sizeof r);
    r.length_s = sr->length_s;
    if (sr->max_length_s > sr->length_s) { /* a range: paid hours per length, from the breaks */
        r.max_length_s = sr->max_length_s;
        r.length_step_s = sr->length_step_s;
    }
    if (sr->n_breaks == 1 && !sr->breaks[0].paid && r.max_length_s == 0.0 &&
        sr->breaks[0].after_max_s == sr->breaks[0].after_min_s &&
        sr->breaks[0].shifts_over_s == 0.0) { /* one fixed unpaid break, as before */
        r.break_s = sr->breaks[0].length_s;
        r.break_offset_s = sr->breaks[0].after_min_s;
    } else {
        r.n_breaks = sr->n_breaks;
        for (int b = 0; b < sr->n_breaks; b++) {
            r.breaks[b].length_s = sr->breaks[b].length_s;
            r.breaks[b].paid = sr->breaks[b].paid;
            r.breaks[b].earliest_s = sr->breaks[b].after_min_s;
            r.breaks[b].latest_s = sr->breaks[b].after_max_s;
            r.breaks[b].shifts_over_s = sr->breaks[b].shifts_over_s;
        }
    }
    if (r.max_length_s == 0.0) {
        r.paid_s = sr->length_s;
        for (int b = 0; b < sr->n_breaks; b++)
            if (!sr->breaks[b].paid && sr->length_s > sr->breaks[b].shifts_over_s)
                r.paid_s -= sr->breaks[b].length_s;
    }
    r.min_agents = sr->min_agents;
    r.max_agents = sr->max_agents;
    r.first_start_s = lo;
    r.last_start_s = hi <= last_slot ? hi : lo + floor((last_slot - lo) / step + CEIL_SLACK) * step;
    r.start_step_s = r.last_start_s > lo ? step : 0.0;
    r.days_mask = mask;
    add_rule_as(pt, cap, sr->name, &r);
    if (hi > last_slot) {
        r.first_start_s = lo + ceil((DAY_S - lo) / step - CEIL_SLACK) * step - DAY_S;
        r.last_start_s = hi - DAY_S;
        r.start_step_s = r.last_start_s > r.first_start_s ? step : 0.0;
        r.days_mask = mask_fwd(mask);
        snprintf(name, sizeof name, "%s (day after)", sr->name);
        add_rule_as(pt, cap, name, &r);
    }
}

static void attach_rule_names(cc_planner_team *pt)
{
    for (size_t k = 0; k < pt->n_rules; k++)
        pt->rules[k].name = pt->rule_names[k];
}

/*
 * Shift rules from the team's shifts: each shift's length and days, with
 * starts allowed every interval within +- the window of its start, all on
 * the scenario clock (a start pushed past midnight moves to the neighbouring
 * weekday). Shifts with agents are the team's patterns; when none has
 * agents every shift is a pattern. A flat team gets 8-hour shifts starting
 * at any interval. Shift times are snapped to the interval grid.
 */
static void build_rules(const cc_scenario *s, const cc_planner_options *o, cc_planner_team *pt)
{
    const cc_team *tm = &s->teams[pt->index];
    double dt = s->interval_s, last_slot = DAY_S - dt;
    double shift_by = tm->utc_offset_s - s->utc_offset_s;
    size_t cap = 0;
    int any = 0;
    char name[CC_MAX_NAME + 32];

    if (s->plan.n_shift_rules && s->plan.n_shift_rules[pt->index] > 0) {
        for (int k = 0; k < s->plan.n_shift_rules[pt->index]; k++)
            add_scenario_rule(pt, &cap, &s->plan.shift_rules[pt->index][k], shift_by, dt);
        pt->rules_given = 1;
        attach_rule_names(pt);
        return;
    }
    for (int k = 0; k < tm->n_shifts; k++)
        any |= tm->shifts[k].agents > 0;
    if (tm->staffing == CC_STAFF_FLAT || tm->n_shifts == 0) {
        add_rule(pt, &cap, "any start, 8 h", 0.0, last_slot, dt, DEFAULT_SHIFT_S, 0x7fu);
        attach_rule_names(pt);
        return;
    }
    for (int k = 0; k < tm->n_shifts; k++) {
        const cc_shift *sh = &tm->shifts[k];
        double st = sh->start_s - shift_by, lo, hi;
        double length = ceil(sh->length_s / dt - CEIL_SLACK) * dt;
        unsigned mask = sh->days & 0x7fu;

        if (any && sh->agents <= 0)
            continue;
        while (st < 0) {
            st += DAY_S;
            mask = mask_back(mask);
        }
        while (st >= DAY_S) {
            st -= DAY_S;
            mask = mask_fwd(mask);
        }
        lo = nearbyint((st - o->shift_window_s) / dt) * dt;
        hi = nearbyint((st + o->shift_window_s) / dt) * dt;
        if (length < dt)
            length = dt;
        if (lo < 0) {
            snprintf(name, sizeof name, "%s (day before)", sh->name);
            add_rule(pt, &cap, name, lo + DAY_S, last_slot, dt, length, mask_back(mask));
            lo = 0;
        }
        if (hi > last_slot) {
            if (hi - DAY_S >= 0) {
                snprintf(name, sizeof name, "%s (day after)", sh->name);
                add_rule(pt, &cap, name, 0.0, hi - DAY_S, dt, length, mask_fwd(mask));
            }
            hi = last_slot;
        }
        if (hi >= lo)
            add_rule(pt, &cap, sh->name, lo, hi, dt, length, mask);
    }
    attach_rule_names(pt);
}

static cc_status build_rosters(cc_planner *p, cc_error *err)
{
    const cc_scenario *s = p->s;
    size_t n = p->n_intervals;
    double *need = dvec(n);
    cc_status st = CC_OK;

    for (size_t t = 0; t < p->n_teams && st == CC_OK; t++) {
        cc_planner_team *pt = &p->teams[t];
        cc_shift_problem pr;
        long total = 0;

        for (size_t i = 0; i < n; i++) {
            need[i] = (double)pt->staffing[i];
            total += pt->staffing[i];
        }
        if (total == 0 || pt->n_rules == 0 || pt->fixed)
            continue;
        memset(&pr, 0, sizeof pr);
        pr.n_intervals = n;
        pr.interval_s = s->interval_s;
        pr.required = need;
        pr.first_weekday = s->start_weekday;
        pr.rules = pt->rules;
        pr.n_rules = pt->n_rules;
        pr.soft_coverage = 1;
        pr.time_limit_s = p->opt.shift_time_limit_s;
        pr.mip_gap = p->opt.shift_mip_gap;
        pr.block_days = 7;
        pr.part_time_below_s = s->plan.part_time_below_s;
        pr.part_time_max_share = s->plan.part_time_max_share;
        st = cc_plan_shifts_solve(&pr, &pt->shifts, err);
        if (st == CC_OK)
            pt->rostered_hours = pt->shifts->paid_hours;
    }
    free(need);
    return st;
}

/* Every roster as agents' weekly lines honouring plan.days_off and 11 h of rest. */
static cc_status build_agent_lines(cc_planner *p, cc_error *err)
{
    const cc_scenario *s = p->s;
    for (size_t t = 0; t < p->n_teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        cc_status st;
        if (!pt->shifts)
            continue;
        st = cc_plan_agent_lines(pt->shifts, pt->rules, pt->n_rules, (size_t)s->days,
                                 s->start_weekday, &s->plan.days_off, CC_PLAN_MIN_REST_S,
                                 &pt->agents, err);
        if (st != CC_OK)
            return st;
    }
    return CC_OK;
}

/* Paid hours of a team without a roster: its staffing, interval by interval. */
static void unrostered_hours(cc_planner *p)
{
    for (size_t t = 0; t < p->n_teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        if (pt->shifts)
            continue;
        pt->rostered_hours = 0.0;
        for (size_t i = 0; i < p->n_intervals; i++)
            pt->rostered_hours += (double)pt->staffing[i] * p->interval_h;
    }
}


/*
 * Apportions each team's agents on duty to the channels by their part of the
 * team's requirement, back in channel-equivalent agents; then the Erlang
 * service level those agents would give.
 */
static void build_rostered(cc_planner *p)
{
    const cc_scenario *s = p->s;
    size_t n = p->n_intervals;

    for (size_t c = 0; c < p->n_channels; c++) {
        cc_planner_channel *pc = &p->channels[c];
        const cc_plan_requirement *req = pc->req;
        const cc_channel *ch = &s->channels[c];
        int k = req->concurrency;

        pc->rostered = dvec(n);
        if (p->opt.shifts)
            pc->erlang_plan_sl = dvec(n);
        for (size_t i = 0; i < n; i++) {
            const cc_plan_interval *row = &req->intervals[i];
            double r = 0.0;
            long servers;
            cc_erlang_input in;
            cc_erlang_result res;

            for (size_t t = 0; t < p->n_teams; t++) {
                const cc_planner_team *pt = &p->teams[t];
                double share = pc->share[t * n + i], f, part;
                if (share <= 0 || pt->required[i] <= 0)
                    continue;
                f = cc_plan_team_factor(s, (int)c, (int)t);
                part = cc_plan_gross_up(s, share * row->net_agents * f, s->teams[t].shrinkage);
                r += (double)cc_plan_on_duty(pt, i) * (part / pt->required[i]) / f;
            }
            pc->rostered[i] = r;
            if (!pc->erlang_plan_sl)
                continue;
            pc->erlang_plan_sl[i] = NAN;
            if (pc->deferred || row->contacts <= 1e-9 || req->service_level <= 0)
                continue;
            servers = (long)floor(r * (1.0 - pc->shrinkage[i]) * k + 1e-6);
            if (servers < 1) {
                pc->erlang_plan_sl[i] = 0.0;
                continue;
            }
            memset(&in, 0, sizeof in);
            in.arrivals_per_hour = row->contacts / p->interval_h;
            in.aht_s = row->handle_s;
            in.agents = servers;
            in.target_s = ch->target.answer_within_s;
            in.patience_mean_s = req->patience_s;
            in.sl_definition = req->sl_definition;
            in.short_abandon_s = ch->target.short_abandon_s;
            if (cc_erlang_eval(&in, &res, NULL) == CC_OK)
                pc->erlang_plan_sl[i] = res.service_level;
            else
                pc->erlang_plan_sl[i] = 0.0; /* unstable: the queue grows without bound */
        }
    }
}

/* ---- stage 6: weeks and hiring ------------------------------------------- */

static double week_days(const cc_planner *p, size_t w)
{
    double left = (double)p->s->days - 7.0 * (double)w;
    return left < 7.0 ? left : 7.0;
}

/* Cost of an hour of vendor cover for team t: a vendor serving its channels, else any. */
static double vendor_rate(const cc_scenario *s, int t)
{
    double best = -1.0;
    for (int pass = 0; pass < 2 && best < 0; pass++) {
        for (int v = 0; v < s->n_teams; v++) {
            const cc_team *vt = &s->teams[v];
            int shared = pass == 1;
            if (!vt->outsourced || !(vt->cost_per_hour > 0) || v == t)
                continue;
            for (int c = 0; c < s->n_channels && !shared; c++)
                shared = s->teams[t].proficiency[c] > 0 && vt->proficiency[c] > 0;
            if (shared && (best < 0 || vt->cost_per_hour < best))
                best = vt->cost_per_hour;
        }
    }
    return best >= 0 ? best : s->teams[t].cost_per_hour;
}

static cc_status build_weeks(cc_planner *p, cc_error *err)
{
    const cc_scenario *s = p->s;
    size_t n = p->n_intervals, nw = p->n_weeks, ipd = (size_t)s->intervals_per_day;
    double a = 1.0 - pow(1.0 - s->plan.attrition_per_month, 12.0 / 52.0);
    cc_status st;

    p->weeks = cc_xcalloc(nw, sizeof *p->weeks);
    for (size_t w = 0; w < nw; w++)
        cc_scenario_date(s, (int)(7 * w), p->weeks[w].start_date);
    {
        /* cc_plan_weeks_add sums into a plain array of cc_plan_week. */
        cc_plan_week *tmp = cc_xcalloc(nw, sizeof *tmp);
        for (size_t c = 0; c < p->n_channels; c++) {
            st = cc_plan_weeks_add(p->channels[c].req, tmp, nw, err);
            if (st != CC_OK) {
                free(tmp);
                return st;
            }
        }
        for (size_t w = 0; w < nw; w++)
            p->weeks[w].req = tmp[w];
        free(tmp);
    }
    /*
     * Occupancy per week under the simulation's names: busy agents / net
     * agents on channels of one contact at a time, and open chats / capacity
     * (sessions / (net agents x k)) on channels with concurrency k > 1.
     */
    {
        double *sums = dvec(4 * nw); /* busy, net; open chats / k, net of chat channels */
        for (size_t c = 0; c < p->n_channels; c++) {
            const cc_plan_requirement *req = p->channels[c].req;
            int chat = req->concurrency > 1;
            for (size_t i = 0; i < n; i++) {
                double *x = &sums[4 * (i / ipd / 7) + (chat ? 2 : 0)];
                x[0] += req->intervals[i].workload_erlangs / (double)req->concurrency *
                        p->interval_h;
                x[1] += req->intervals[i].net_agents * p->interval_h;
            }
        }
        for (size_t w = 0; w < nw; w++) {
            const double *x = &sums[4 * w];
            p->weeks[w].occupancy = x[1] > 0 ? x[0] / x[1] : 0.0;
            p->weeks[w].open_chats = x[3] > 0 ? x[2] / x[3] : NAN;
        }
        free(sums);
    }

    for (size_t t = 0; t < p->n_teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        const cc_team *tm = &s->teams[t];
        double *need = dvec(nw);
        cc_headcount_input in;

        pt->fte_required = dvec(nw);
        pt->fte_required_net = dvec(nw);
        pt->fte_rostered = dvec(nw);
        for (size_t i = 0; i < n; i++) {
            size_t w = i / ipd / 7;
            pt->fte_required[w] += pt->required[i] * p->interval_h;
            pt->fte_required_net[w] += pt->required_net[i] * p->interval_h;
        }
        if (!pt->shifts) {
            for (size_t i = 0; i < n; i++)
                pt->fte_rostered[i / ipd / 7] += (double)pt->staffing[i] * p->interval_h;
        } else {
            for (size_t k = 0; k < pt->shifts->n_starts; k++) {
                const cc_shift_start *sh = &pt->shifts->starts[k];
                const cc_shift_rule *r = &pt->rules[sh->rule];
                double paid = (sh->paid_s > 0 ? sh->paid_s : r->paid_s > 0 ? r->paid_s : r->length_s) / 3600.0;
                long day = sh->day < 0 ? 0 : sh->day;
                size_t w = (size_t)day / 7;
                if (w >= nw)
                    w = nw - 1;
                pt->fte_rostered[w] += paid * (double)sh->agents;
            }
            /* Schedule efficiency: what the roster covers against what it pays. */
            pt->staffed_week_h = dvec(nw);
            pt->paid_week_h = dvec(nw);
            for (size_t i = 0; i < n; i++)
                pt->staffed_week_h[i / ipd / 7] += (double)pt->staffing[i] * p->interval_h;
            for (size_t w = 0; w < nw; w++) {
                pt->paid_week_h[w] = pt->fte_rostered[w];
                pt->staffed_hours += pt->staffed_week_h[w];
            }
        }
        for (size_t w = 0; w < nw; w++) {
            double basis = p->fte_week_h * week_days(p, w) / 7.0;
            pt->fte_required[w] /= basis;
            pt->fte_required_net[w] /= basis;
            pt->fte_rostered[w] /= basis;
            need[w] = pt->shifts || pt->fixed ? pt->fte_rostered[w] : pt->fte_required[w];
            p->weeks[w].fte_rostered += pt->fte_rostered[w];
            if (tm->outsourced)
                p->weeks[w].fte_vendor += need[w];
            else
                p->weeks[w].fte_inhouse += need[w];
        }

        /* Headcount today: given, or what the scenario's first week of shifts pays. */
        if (s->plan.headcount && s->plan.headcount[t] >= 0) {
            pt->headcount = (double)s->plan.headcount[t];
        } else {
            size_t first = ipd * 7 < n ? ipd * 7 : n;
            double hours = 0.0;
            for (size_t i = 0; i < first; i++)
                hours += cc_scenario_team_agents(s, (int)t, (int)i) * p->interval_h;
            pt->headcount = hours / (p->fte_week_h * (double)first / (double)(ipd * 7));
            pt->headcount_from_shifts = 1;
        }
        pt->vendor_cost_per_hour = s->plan.vendor_cost_per_hour >= 0
                                       ? s->plan.vendor_cost_per_hour
                                       : vendor_rate(s, (int)t);
        if (tm->outsourced) {
            free(need);
            continue;
        }
        memset(&in, 0, sizeof in);
        in.n_weeks = nw;
        in.required_fte = need;
        in.required_fte_net = pt->fte_required_net;
        in.hours_per_fte_week = p->fte_week_h;
        in.headcount = pt->headcount;
        in.attrition_monthly = s->plan.attrition_per_month;
        in.lead_weeks = p->lead_weeks;
        in.training_weeks = p->training_weeks;
        in.overtime_cap = s->plan.overtime_share;
        in.policy = (cc_hire_policy)p->hiring_policy;
        in.cost_per_paid_hour = tm->cost_per_hour;
        in.overtime_cost_per_hour = tm->cost_per_hour * s->plan.overtime_multiplier;
        in.vendor_cost_per_hour = pt->vendor_cost_per_hour;
        in.cost_per_hire = s->plan.cost_per_hire;
        pt->hiring = cc_xcalloc(nw, sizeof *pt->hiring);
        st = cc_plan_headcount(&in, pt->hiring, &pt->hiring_totals, err);
        free(need);
        if (st != CC_OK)
            return st;
        for (size_t w = 0; w < nw; w++) {
            cc_planner_week *pw = &p->weeks[w];
            const cc_headcount_week *hw = &pt->hiring[w];
            pw->available_fte += pt->headcount * pow(1.0 - a, (double)w);
            pw->hires_decided += hw->hires_decided;
            pw->hires_starting += hw->hires_starting;
            pw->available_after_hires += hw->available_fte;
            pw->overtime_hours += hw->overtime_hours;
            pw->vendor_hours += hw->vendor_hours;
        }
    }
    for (size_t w = 0; w < nw; w++) {
        cc_planner_week *pw = &p->weeks[w];
        pw->gap_fte = pw->fte_inhouse - pw->available_fte;
        pw->gap_pct = pw->fte_inhouse > 0 ? pw->gap_fte / pw->fte_inhouse : 0.0;
    }
    return CC_OK;
}

/* ---- stage 7: simulation of the roster ----------------------------------- */

static cc_status simulate_roster(cc_planner *p, cc_error *err)
{
    long **staff = cc_xcalloc(p->n_teams, sizeof(long *));
    cc_simmodel *m = NULL;
    cc_status st;

    for (size_t t = 0; t < p->n_teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        staff[t] = pt->shifts ? pt->shifts->coverage : pt->staffing;
    }
    st = cc_plan_model(p->s, staff, &m, err);
    if (st == CC_OK)
        st = cc_plan_replicate(p, m, 1, &p->sim, err);
    cc_simmodel_free(m);
    free(staff);
    return st;
}

/*
 * The plan's cost per week in parts (cc_plan_cost): in-house teams from the
 * roster and the hiring plan's gap cover, outsourced teams from the
 * simulation when there is one, else their paid hours at their rate.
 */
static void plan_costs(cc_planner *p)
{
    const cc_scenario *s = p->s;
    double weeks = (double)s->days / 7.0;
    cc_plan_cost *k = &p->cost;

    memset(k, 0, sizeof *k);
    for (size_t t = 0; t < p->n_teams; t++) {
        const cc_planner_team *pt = &p->teams[t];
        const cc_team *tm = &s->teams[t];
        if (pt->shifts) {
            p->staffed_hours += pt->staffed_hours;
            p->paid_hours += pt->rostered_hours;
        }
        if (tm->outsourced || !pt->hiring) {
            if (p->sim && t < p->sim->n_teams && p->sim->teams[t].cost.n > 0)
                k->vendor += p->sim->teams[t].cost.mean;
            else
                k->vendor += pt->rostered_hours * tm->cost_per_hour;
            continue;
        }
        for (size_t w = 0; w < p->n_weeks; w++) {
            const cc_headcount_week *hw = &pt->hiring[w];
            /* The hiring plan counts whole weeks; a partial week counts its days. */
            double f = week_days(p, w) / 7.0;
            double need_h = hw->required_fte * p->fte_week_h * f;
            double ot_h = hw->overtime_hours * f, vendor_h = hw->vendor_hours * f;
            double own_h = need_h - ot_h - vendor_h;
            k->inhouse += (own_h > 0 ? own_h : 0.0) * tm->cost_per_hour;
            k->overtime += ot_h * tm->cost_per_hour * s->plan.overtime_multiplier;
            k->vendor += vendor_h * pt->vendor_cost_per_hour;
            k->hiring += (double)hw->hires_starting * s->plan.cost_per_hire +
                         hw->trainees * p->fte_week_h * f * tm->cost_per_hour;
        }
    }
    if (p->sim) {
        for (size_t c = 0; c < p->sim->n_channels; c++)
            if (p->sim->channels[c].offered.n > 0)
                k->offered += p->sim->channels[c].offered.mean;
    } else {
        for (size_t c = 0; c < p->n_channels; c++)
            for (size_t i = 0; i < p->n_intervals; i++)
                k->offered += p->channels[c].forecast[i];
    }
    k->per_contact = k->offered > 0 ? (k->inhouse + k->overtime + k->vendor + k->hiring) /
                                          k->offered
                                    : 0.0;
    k->inhouse /= weeks;
    k->overtime /= weeks;
    k->vendor /= weeks;
    k->hiring /= weeks;
    k->total_per_week = k->inhouse + k->overtime + k->vendor + k->hiring;
    p->schedule_efficiency = p->paid_hours > 0 ? p->staffed_hours / p->paid_hours : NAN;
}

/* ---- stage 8: options ----------------------------------------------------- */

/* The option arrays handed to cc_plan_options_compare, owned until the comparison. */
typedef struct option_work {
    cc_option_team *teams;      /* [2 * n_teams of the option]: planned, then as written */
    cc_option_channel *chans;   /* [2 * n_channels of the option] */
    cc_plan_option planned;     /* the roster, simulated */
    cc_plan_option written;     /* the option's own staffing, simulated */
} option_work;

/*
 * Costs and verdict of simulated results `r` of option scenario `v`, and the
 * service level and risk of each channel of the base scenario `s` (matched
 * by name: an option may add or drop channels and teams; NAN when absent).
 */
static void option_from_results(const cc_scenario *s, const cc_scenario *v, const cc_results *r,
                                const char *name, cc_option_team *teams,
                                cc_option_channel *chans, cc_plan_option *opt, double *sl,
                                double *risk)
{
    for (int t = 0; t < v->n_teams; t++) {
        const cc_team_summary *x = &r->teams[t];
        teams[t].name = NULL; /* the option's scenario does not outlive this call */
        teams[t].paid_hours = x->paid_hours.n > 0 ? x->paid_hours.mean : 0.0;
        teams[t].handled_contacts = x->handled.n > 0 ? x->handled.mean : 0.0;
        teams[t].cost_per_paid_hour = v->teams[t].cost_per_hour;
        teams[t].cost_per_contact = v->teams[t].cost_per_contact;
        teams[t].fixed_cost = 0.0;
    }
    for (int c = 0; c < v->n_channels; c++) {
        const cc_target_verdict *vd = &r->channels[c].verdict;
        memset(&chans[c], 0, sizeof chans[c]);
        chans[c].service_level = NAN;
        if (vd->status == CC_TARGET_NA)
            continue;
        /*
         * The figures of the channel's verdict at its scope (its worst period's),
         * and that verdict itself, so the option's verdict is the run's verdict.
         */
        chans[c].scope_judged = 1;
        chans[c].scope_missed = vd->status == CC_TARGET_MISSES ? vd->missed : 0u;
        chans[c].service_level = vd->service_level;
        chans[c].service_level_target = vd->target.service_level;
        if (isfinite(vd->asa_s)) {
            chans[c].asa_s = vd->asa_s;
            chans[c].max_asa_s = vd->target.max_asa_s;
        }
        chans[c].abandon = vd->abandon;
        chans[c].max_abandon = vd->target.max_abandon;
    }
    for (int c = 0; c < s->n_channels; c++) {
        int j = cc_scenario_channel_index(v, s->channels[c].name);
        const cc_channel_summary *x = j >= 0 ? &r->channels[j] : NULL;
        sl[c] = x && x->service_level.n > 0 && isfinite(x->service_level.mean)
                    ? x->service_level.mean
                    : NAN;
        risk[c] = x ? x->risk : NAN;
    }
    opt->name = name;
    opt->teams = teams;
    opt->n_teams = (size_t)v->n_teams;
    opt->channels = chans;
    opt->n_channels = (size_t)v->n_channels;
    opt->weeks = (double)v->days / 7.0;
    opt->total_cost = 0.0;
    opt->offered_contacts = 0.0;
    for (int c = 0; c < v->n_channels; c++)
        if (r->channels[c].offered.n > 0)
            opt->offered_contacts += r->channels[c].offered.mean;
}

static double paid_fte(const cc_scenario *v, const cc_option_team *teams, double fte_week_h)
{
    double hours = 0.0;
    for (int t = 0; t < v->n_teams; t++)
        hours += teams[t].paid_hours;
    return hours / fte_week_h / ((double)v->days / 7.0);
}

static char *error_text(const cc_error *e)
{
    return cc_xstrdup(e->message[0] ? e->message : cc_strerror(e->code));
}

/*
 * Plans option k of the base scenario and simulates its roster, then
 * simulates the option's scenario as written, both on the plan's seed.
 * Returns 1 when the option could be evaluated (its arrays in *w).
 */
static int evaluate_option(cc_planner *p, size_t k, option_work *w)
{
    const cc_scenario *s = p->s;
    cc_planner_option *po = &p->options[k];
    const cc_option *def = &s->plan.options[k];
    cc_scenario *v = NULL;
    cc_planner *q = NULL;
    cc_planner_options sub = p->opt;
    cc_simmodel *m = NULL;
    cc_results *r = NULL;
    cc_error e;
    size_t nc = (size_t)s->n_channels;
    double weeks;
    int done = 0;

    po->name = cc_xstrdup(def->name);
    po->description = cc_xstrdup(def->description ? def->description : "");
    po->planned_sl = dvec(nc);
    po->planned_risk = dvec(nc);
    po->written_sl = dvec(nc);
    po->written_risk = dvec(nc);
    if (cc_scenario_derive_option(s, (int)k, &v, NULL, &e) != CC_OK) {
        po->error = error_text(&e);
        return 0;
    }
    sub.options = 0;
    sub.simulate = 1;
    /* Options are planned as the plan is: verified when the method or --verify says so. */
    sub.verify = p->opt.verify;
    sub.has_seed = 1;
    sub.seed = p->seed;
    sub.replications = p->replications;
    if (cc_planner_new(v, &sub, &q, &e) != CC_OK) {
        po->error = error_text(&e);
        goto out;
    }
    weeks = (double)v->days / 7.0;
    for (size_t c = 0; c < q->n_channels; c++) {
        po->fte_net += q->channels[c].req->totals.net_agent_hours;
        po->fte_gross += q->channels[c].req->totals.gross_agent_hours;
    }
    for (size_t t = 0; t < q->n_teams; t++)
        po->fte_rostered += q->teams[t].rostered_hours;
    po->fte_net /= p->fte_week_h * weeks;
    po->fte_gross /= p->fte_week_h * weeks;
    po->fte_rostered /= p->fte_week_h * weeks;
    w->teams = cc_xcalloc(2 * (size_t)v->n_teams, sizeof *w->teams);
    w->chans = cc_xcalloc(2 * (size_t)v->n_channels, sizeof *w->chans);
    option_from_results(s, v, q->sim, po->name, w->teams, w->chans, &w->planned,
                        po->planned_sl, po->planned_risk);
    /* A planned option is ranked on its whole cost, as the plan itself. */
    po->planned_cost = q->cost;
    w->planned.total_cost = q->cost.total_per_week * weeks;
    if (cc_plan_model(v, NULL, &m, &e) != CC_OK || cc_plan_replicate(p, m, 0, &r, &e) != CC_OK) {
        po->error = error_text(&e);
        goto out;
    }
    option_from_results(s, v, r, po->name, w->teams + v->n_teams, w->chans + v->n_channels,
                        &w->written, po->written_sl, po->written_risk);
    po->written_fte = paid_fte(v, w->teams + v->n_teams, p->fte_week_h);
    done = 1;
out:
    cc_results_free(r);
    cc_simmodel_free(m);
    cc_planner_free(q);
    cc_scenario_free(v);
    return done;
}

static cc_status evaluate_options(cc_planner *p, cc_error *err)
{
    size_t no = (size_t)p->s->plan.n_options, n_ok = 0;
    option_work *work = cc_xcalloc(no + 1, sizeof *work);
    cc_plan_option *planned = cc_xcalloc(no + 1, sizeof *planned);
    cc_plan_option *written = cc_xcalloc(no + 1, sizeof *written);
    cc_option_result *res = cc_xcalloc(no + 1, sizeof *res);
    size_t *ok = cc_xcalloc(no + 1, sizeof *ok);
    cc_status st = CC_OK;

    p->n_options = no;
    p->options = cc_xcalloc(no + 1, sizeof *p->options);
    p->best_planned = p->best_written = -1;
    for (size_t k = 0; k < no; k++) {
        if (evaluate_option(p, k, &work[k])) {
            planned[n_ok] = work[k].planned;
            written[n_ok] = work[k].written;
            ok[n_ok++] = k;
        }
    }
    for (int pass = 0; pass < 2 && n_ok > 0; pass++) {
        long best;
        st = cc_plan_options_compare(pass ? written : planned, n_ok, res, &best, err);
        if (st != CC_OK)
            break;
        for (size_t j = 0; j < n_ok; j++) {
            if (pass)
                p->options[ok[j]].written = res[j];
            else
                p->options[ok[j]].planned = res[j];
        }
        if (pass)
            p->best_written = best >= 0 ? (long)ok[best] : -1;
        else
            p->best_planned = best >= 0 ? (long)ok[best] : -1;
    }
    for (size_t k = 0; k < no; k++) {
        free(work[k].teams);
        free(work[k].chans);
    }
    free(work);
    free(planned);
    free(written);
    free(res);
    free(ok);
    return st;
}

/* ---- the whole plan ------------------------------------------------------- */

static cc_status check_scenario(const cc_scenario *s, const cc_planner_options *o, cc_error *err)
{
    if (s->n_intervals <= 0 || s->n_channels <= 0 || s->n_teams <= 0)
        return cc_error_setf(err, CC_EINVAL, "the scenario has no intervals, channels or teams");
    if (!(s->plan.fte_week_s > 0))
        return cc_error_setf(err, CC_EINVAL, "'plan.fte_week' is %g s; allowed: > 0",
                             s->plan.fte_week_s);
    if (!(s->plan.overtime_share >= 0) || !(s->plan.overtime_multiplier >= 0) ||
        !(s->plan.cost_per_hire >= 0))
        return cc_error_setf(err, CC_EINVAL, "'plan.overtime' or 'plan.cost_per_hire' is "
                                             "negative; allowed: >= 0");
    if (o->verify_max_rounds < 1 || !(o->shift_window_s >= 0) || !(o->shift_mip_gap >= 0) || !(o->shift_time_limit_s >= 0))
        return cc_error_setf(err, CC_EINVAL,
                             "planner options out of range (rounds >= 1, shares and times >= 0)");
    return CC_OK;
}

cc_status cc_planner_new(const cc_scenario *s, const cc_planner_options *opt, cc_planner **out,
                         cc_error *err)
{
    cc_planner_options defaults = cc_planner_options_default();
    cc_planner *p;
    cc_status st;
    int verify;

    assert(s != NULL && out != NULL);
    if (!opt)
        opt = &defaults;
    if ((st = check_scenario(s, opt, err)) != CC_OK)
        return st;
    p = cc_xcalloc(1, sizeof *p);
    p->s = s;
    p->opt = *opt;
    p->replications = opt->replications > 0 ? opt->replications : s->simulation.replications;
    if (p->replications < 1)
        p->replications = 1;
    p->seed = opt->has_seed ? opt->seed : s->simulation.seed;
    p->n_intervals = (size_t)s->n_intervals;
    p->interval_h = s->interval_s / 3600.0;
    p->fte_week_h = s->plan.fte_week_s / 3600.0;
    p->n_channels = (size_t)s->n_channels;
    p->n_teams = (size_t)s->n_teams;
    p->n_weeks = cc_plan_week_count(p->n_intervals, s->interval_s);
    p->hiring_policy = CC_HIRE_BEYOND_OVERTIME;
    p->lead_weeks = (int)ceil(s->plan.hiring_lead_s / WEEK_S - CEIL_SLACK);
    p->training_weeks = (int)ceil(s->plan.training_s / WEEK_S - CEIL_SLACK);
    p->best_planned = p->best_written = -1;
    p->channels = cc_xcalloc(p->n_channels, sizeof *p->channels);
    p->teams = cc_xcalloc(p->n_teams, sizeof *p->teams);
    for (size_t c = 0; c < p->n_channels; c++)
        p->channels[c].index = (int)c;
    for (size_t t = 0; t < p->n_teams; t++) {
        p->teams[t].index = (int)t;
        p->teams[t].outsourced = s->teams[t].outsourced;
    }

    build_contacts(p);
    if ((st = build_shares(p, err)) != CC_OK || (st = build_requirements(p, err)) != CC_OK)
        goto fail;
    build_team_requirements(p);

    verify = opt->verify > 0 || (opt->verify == 0 && s->plan.method == CC_METHOD_SIMULATION);
    if (verify) {
        if ((st = cc_plan_verify(p, err)) != CC_OK)
            goto fail;
        p->verified = 1;
    }
    for (size_t t = 0; t < p->n_teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        pt->staffing = cc_xcalloc(p->n_intervals, sizeof(long));
        memcpy(pt->staffing, pt->verified ? pt->verified : pt->analytic,
               p->n_intervals * sizeof(long));
        build_rules(s, opt, pt);
    }
    if (opt->shifts && (st = build_rosters(p, err)) != CC_OK)
        goto fail;
    if (opt->shifts && opt->simulate && opt->least_cost) {
        /* The rosters of the analytic staffing are the search's first round. */
        for (size_t t = 0; t < p->n_teams; t++)
            if (p->teams[t].shifts)
                p->search.analytic_paid_hours += p->teams[t].shifts->paid_hours;
        if ((st = cc_plan_least_cost(p, err)) != CC_OK)
            goto fail;
        for (size_t t = 0; t < p->n_teams; t++) {
            cc_planner_team *pt = &p->teams[t];
            /* What the roster was asked to cover: the floor and the agents the rows used. */
            if (pt->shifts)
                memcpy(pt->staffing, pt->shifts->needed, p->n_intervals * sizeof(long));
        }
    }
    unrostered_hours(p);
    if ((st = build_agent_lines(p, err)) != CC_OK)
        goto fail;
    build_rostered(p);
    if ((st = build_weeks(p, err)) != CC_OK)
        goto fail;
    if (opt->simulate && (st = simulate_roster(p, err)) != CC_OK)
        goto fail;
    plan_costs(p);
    if (opt->simulate && (st = cc_plan_explain_written(p, err)) != CC_OK)
        goto fail;
    if (opt->options && s->plan.n_options > 0 && (st = evaluate_options(p, err)) != CC_OK)
        goto fail;
    *out = p;
    return CC_OK;
fail:
    cc_planner_free(p);
    return st;
}

void cc_planner_free(cc_planner *p)
{
    if (!p)
        return;
    for (size_t c = 0; c < p->n_channels && p->channels; c++) {
        cc_planner_channel *pc = &p->channels[c];
        free(pc->forecast);
        free(pc->deflected);
        free(pc->contained);
        free(pc->bounced);
        free(pc->inbound);
        free(pc->contacts);
        free(pc->aht_s);
        free(pc->shrinkage);
        free(pc->share);
        cc_plan_requirement_free(pc->req);
        free(pc->rostered);
        free(pc->erlang_plan_sl);
    }
    for (size_t t = 0; t < p->n_teams && p->teams; t++) {
        cc_planner_team *pt = &p->teams[t];
        free(pt->required);
        free(pt->required_net);
        free(pt->analytic);
        free(pt->verified);
        free(pt->staffing);
        for (size_t k = 0; k < pt->n_rules; k++)
            free(pt->rule_names[k]);
        free(pt->rule_names);
        free(pt->rules);
        cc_plan_shifts_free(pt->shifts);
        free(pt->hiring);
        free(pt->fte_required);
        free(pt->fte_required_net);
        free(pt->fte_rostered);
        cc_plan_agent_lines_free(pt->agents);
        free(pt->staffed_week_h);
        free(pt->paid_week_h);
    }
    for (size_t k = 0; k < p->n_options && p->options; k++) {
        cc_planner_option *po = &p->options[k];
        free(po->name);
        free(po->description);
        free(po->error);
        free(po->planned_sl);
        free(po->planned_risk);
        free(po->written_sl);
        free(po->written_risk);
    }
    free(p->options);
    free(p->verify.analytic_sl);
    free(p->verify.verified_sl);
    cc_results_free(p->sim);
    cc_results_free(p->written);
    free(p->weeks);
    free(p->channels);
    free(p->teams);
    free(p);
}
