/*
 * summary.json: the resolved scenario with its fingerprint, and every
 * channel and team figure as {mean, half_width, ci_low, ci_high, n} with the
 * per-replication values of the headline metrics, so that compare can pair
 * runs made on the same random numbers, and each channel's verdict at the
 * scope of its target with its attainment at every scope
 * (cc_scope_attainment over cc_channel_verdict). Numbers are printed with 17 significant digits
 * (exact round trip); undefined values are null.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/alloc.h"
#include "util/textout.h"
#include "cc_report.h"
#include "cc_version.h"
#include "util/sha256.h"
#include "report/verdict_text.h"

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(17))


/* ---- resolved scenario --------------------------------------------------- */

static json_t *dist_json(const cc_dist *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(cc_dist_name(d->kind)));
    if (d->kind == CC_DIST_NONE)
        return o;
    json_object_set_new(o, "mean_s", cc_json_number(cc_dist_mean(d)));
    if (d->kind == CC_DIST_LOGNORMAL || d->kind == CC_DIST_GAMMA)
        json_object_set_new(o, "cv", cc_json_number(d->cv));
    if (d->kind == CC_DIST_EMPIRICAL) {
        json_t *a = json_array();
        size_t i;
        for (i = 0; i < d->n_values; i++)
            json_array_append_new(a, cc_json_number(d->values_s[i]));
        json_object_set_new(o, "values_s", a);
    }
    return o;
}

static json_t *team_names(const cc_scenario *s, const int *idx, int n)
{
    json_t *a = json_array();
    int i;
    for (i = 0; i < n; i++)
        json_array_append_new(a, json_string(s->teams[idx[i]].name));
    return a;
}

static json_t *channel_resolved(const cc_scenario *s, int c)
{
    const cc_channel *ch = &s->channels[c];
    json_t *o = json_object(), *vol = json_object(), *wd = json_array(), *tg = json_object();
    json_t *routing = json_object(), *overflow = json_array(), *transfers = json_array();
    int k;

    json_object_set_new(o, "name", json_string(ch->name));
    json_object_set_new(o, "kind", json_string(cc_channel_kind_name(ch->kind)));
    json_object_set_new(vol, "per_day", cc_json_number(ch->volume_per_day));
    for (k = 0; k < CC_WEEKDAYS; k++)
        json_array_append_new(wd, cc_json_number(ch->weekday[k]));
    json_object_set_new(vol, "weekday", wd);
    wd = json_array();
    for (k = 0; k < CC_WEEKDAYS; k++)
        json_array_append_new(wd, json_string(s->profiles[ch->profile_of_weekday[k]].name));
    json_object_set_new(vol, "profile", wd);
    json_object_set_new(vol, "deflection", cc_json_number(ch->deflection));
    json_object_set_new(vol, "uncertainty_cv", cc_json_number(ch->uncertainty_cv));
    json_object_set_new(vol, "backlog", json_integer(ch->backlog));
    json_object_set_new(o, "volume", vol);
    json_object_set_new(o, "handle_time", dist_json(&ch->handle_time));
    json_object_set_new(o, "wrap_up", dist_json(&ch->wrap_up));
    json_object_set_new(o, "patience", dist_json(&ch->patience));
    json_object_set_new(tg, "answer_within_s", cc_json_number(ch->target.answer_within_s));
    json_object_set_new(tg, "service_level", cc_json_number(ch->target.service_level));
    if (ch->target.has_max_asa)
        json_object_set_new(tg, "max_asa_s", cc_json_number(ch->target.max_asa_s));
    if (ch->target.has_max_abandon)
        json_object_set_new(tg, "max_abandon", cc_json_number(ch->target.max_abandon));
    cc_target_judging_json(tg, &ch->target);
    json_object_set_new(o, "target", tg);
    json_object_set_new(o, "concurrency", json_integer(ch->concurrency));
    wd = json_array();
    for (k = 1; k <= ch->concurrency; k++)
        json_array_append_new(wd, cc_json_number(cc_scenario_stretch(s, c, k)));
    json_object_set_new(o, "stretch", wd);
    json_object_set_new(o, "chatbot", ch->chatbot >= 0 ? json_string(s->chatbots[ch->chatbot].name) : json_null());
    json_object_set_new(o, "retry_share", cc_json_number(ch->retry_share));
    json_object_set_new(o, "retry_delay", dist_json(&ch->retry_delay));
    json_object_set_new(o, "retry_channel", json_string(s->channels[ch->retry_channel >= 0 ? ch->retry_channel : c].name));
    for (k = 0; k < ch->n_transfers; k++) {
        json_t *t = json_object();
        json_object_set_new(t, "channel", json_string(s->channels[ch->transfers[k].channel].name));
        json_object_set_new(t, "share", cc_json_number(ch->transfers[k].share));
        json_array_append_new(transfers, t);
    }
    json_object_set_new(o, "transfers", transfers);
    json_object_set_new(routing, "priority", json_integer(ch->priority));
    json_object_set_new(routing, "teams", team_names(s, ch->route_teams, ch->n_route_teams));
    for (k = 0; k < ch->n_overflow; k++) {
        json_t *t = json_object();
        json_object_set_new(t, "team", json_string(s->teams[ch->overflow_teams[k]].name));
        json_object_set_new(t, "after_s", cc_json_number(ch->overflow_after_s[k]));
        json_array_append_new(overflow, t);
    }
    json_object_set_new(routing, "overflow", overflow);
    json_object_set_new(o, "routing", routing);
    return o;
}

static json_t *team_resolved(const cc_scenario *s, int t)
{
    const cc_team *tm = &s->teams[t];
    json_t *o = json_object(), *skills = json_object(), *shrink = json_object();
    int c, k;

    json_object_set_new(o, "name", json_string(tm->name));
    for (c = 0; c < s->n_channels; c++)
        if (tm->proficiency[c] > 0.0)
            json_object_set_new(skills, s->channels[c].name, cc_json_number(tm->proficiency[c]));
    json_object_set_new(o, "skills", skills);
    json_object_set_new(o, "utc_offset_s", cc_json_number(tm->utc_offset_s));
    if (tm->staffing == CC_STAFF_FLAT) {
        json_object_set_new(o, "agents", json_integer(tm->flat_agents));
    } else {
        json_t *shifts = json_array();
        for (k = 0; k < tm->n_shifts; k++) {
            const cc_shift *sh = &tm->shifts[k];
            json_t *so = json_object(), *days = json_array();
            int d;
            json_object_set_new(so, "name", json_string(sh->name));
            for (d = 0; d < CC_WEEKDAYS; d++)
                if (sh->days & (1u << d))
                    json_array_append_new(days, json_integer(d));
            json_object_set_new(so, "days", days);
            json_object_set_new(so, "start_s", cc_json_number(sh->start_s));
            json_object_set_new(so, "length_s", cc_json_number(sh->length_s));
            json_object_set_new(so, "agents", json_integer(sh->agents));
            json_array_append_new(shifts, so);
        }
        json_object_set_new(o, "shifts", shifts);
    }
    for (k = 0; k < tm->n_shrinkage; k++)
        json_object_set_new(shrink, tm->shrinkage_names[k], cc_json_number(tm->shrinkage_values[k]));
    json_object_set_new(shrink, "combine", json_string(tm->shrinkage_combine == CC_COMBINE_ADDITIVE
                                           ? "additive" : "multiplicative"));
    json_object_set_new(shrink, "total", cc_json_number(tm->shrinkage));
    json_object_set_new(o, "shrinkage", shrink);
    json_object_set_new(o, "cost_per_hour", cc_json_number(tm->cost_per_hour));
    json_object_set_new(o, "cost_per_contact", cc_json_number(tm->cost_per_contact));
    json_object_set_new(o, "outsourced", json_boolean(tm->outsourced));
    return o;
}

static json_t *scenario_resolved(const cc_scenario *s)
{
    json_t *o = json_object(), *hz = json_object(), *chs = json_array(), *tms = json_array();
    json_t *seasons = json_array(), *bots = json_array(), *sim = json_object();
    json_t *plan = json_object();
    int i, c;

    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(hz, "start", json_string(s->start_date));
    json_object_set_new(hz, "days", json_integer(s->days));
    json_object_set_new(hz, "interval_s", cc_json_number(s->interval_s));
    json_object_set_new(hz, "utc_offset_s", cc_json_number(s->utc_offset_s));
    json_object_set_new(o, "horizon", hz);
    for (c = 0; c < s->n_channels; c++)
        json_array_append_new(chs, channel_resolved(s, c));
    json_object_set_new(o, "channels", chs);
    for (i = 0; i < s->n_seasons; i++) {
        const cc_season *se = &s->seasons[i];
        json_t *so = json_object(), *mult = json_object();
        json_object_set_new(so, "name", json_string(se->name));
        json_object_set_new(so, "from", json_string(se->from));
        json_object_set_new(so, "to", json_string(se->to));
        for (c = 0; c < s->n_channels; c++)
            json_object_set_new(mult, s->channels[c].name, cc_json_number(se->multiplier[c]));
        json_object_set_new(so, "multiplier", mult);
        json_array_append_new(seasons, so);
    }
    json_object_set_new(o, "seasons", seasons);
    for (i = 0; i < s->n_chatbots; i++) {
        const cc_chatbot *b = &s->chatbots[i];
        json_t *bo = json_object(), *fr = json_array();
        json_object_set_new(bo, "name", json_string(b->name));
        for (c = 0; c < b->n_fronts; c++)
            json_array_append_new(fr, json_string(s->channels[b->fronts[c]].name));
        json_object_set_new(bo, "fronts", fr);
        json_object_set_new(bo, "time_in_bot", dist_json(&b->time_in_bot));
        json_object_set_new(bo, "containment_from", cc_json_number(b->containment_from));
        json_object_set_new(bo, "containment_to", cc_json_number(b->containment_to));
        json_object_set_new(bo, "ramp_start_s", cc_json_number(b->ramp_start_s));
        json_object_set_new(bo, "ramp_length_s", cc_json_number(b->ramp_length_s));
        json_object_set_new(bo, "escalation_aht_uplift", cc_json_number(b->escalation_aht_uplift));
        json_object_set_new(bo, "escalation_patience_factor", cc_json_number(b->escalation_patience_factor));
        json_object_set_new(bo, "bounce_share", cc_json_number(b->bounce_share));
        json_object_set_new(bo, "bounce_delay", dist_json(&b->bounce_delay));
        json_array_append_new(bots, bo);
    }
    json_object_set_new(o, "chatbots", bots);
    for (i = 0; i < s->n_teams; i++)
        json_array_append_new(tms, team_resolved(s, i));
    json_object_set_new(o, "teams", tms);
    json_object_set_new(o, "chat_assignment", json_string(s->chat_assignment == CC_CHAT_FILL ? "fill" : "spread"));
    json_object_set_new(o, "strict_priority", json_boolean(s->strict_priority));
    json_object_set_new(sim, "replications", json_integer(s->simulation.replications));
    json_object_set_new(sim, "seed", json_integer((json_int_t)s->simulation.seed));
    json_object_set_new(sim, "warmup_s", cc_json_number(s->simulation.warmup_s));
    json_object_set_new(sim, "max_arrivals", json_integer(s->simulation.max_arrivals));
    json_object_set_new(o, "simulation", sim);
    json_object_set_new(plan, "method", json_string(cc_scenario_method_name(s->plan.method)));
    json_object_set_new(plan, "shrinkage_method", json_string(s->plan.shrinkage_method == CC_SHRINK_DIVISIVE
                                                  ? "divisive" : "multiplicative"));
    json_object_set_new(plan, "fte_week_s", cc_json_number(s->plan.fte_week_s));
    json_object_set_new(plan, "max_occupancy", cc_json_number(s->plan.max_occupancy));
    json_object_set_new(plan, "attrition_per_month", cc_json_number(s->plan.attrition_per_month));
    json_object_set_new(plan, "hiring_lead_s", cc_json_number(s->plan.hiring_lead_s));
    json_object_set_new(plan, "training_s", cc_json_number(s->plan.training_s));
    json_object_set_new(o, "plan", plan);
    return o;
}

char *cc_scenario_resolved_json(const cc_scenario *s)
{
    json_t *o = scenario_resolved(s);
    char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17));
    json_decref(o);
    if (!text)
        text = cc_xstrdup("{}");
    return text;
}

void cc_scenario_fingerprint(const cc_scenario *s, char hex[65])
{
    char *text = cc_scenario_resolved_json(s);
    cc_sha256_hex(text, strlen(text), hex);
    free(text);
}

/* ---- results ---------------------------------------------------------------- */

static double ratio(double a, double b)
{
    return b > 0.0 ? a / b : NAN;
}

/* {mean, half_width, ci_low, ci_high, n[, per_replication]} of an estimate. */
static json_t *estimate_json(const cc_estimate *e, const double *per_rep, long reps)
{
    json_t *o = json_object();
    json_object_set_new(o, "mean", cc_json_number(e->n > 0 ? e->mean : NAN));
    json_object_set_new(o, "half_width", cc_json_number(e->n > 0 ? e->half_width : NAN));
    json_object_set_new(o, "ci_low", cc_json_number(e->n > 0 ? e->mean - e->half_width : NAN));
    json_object_set_new(o, "ci_high", cc_json_number(e->n > 0 ? e->mean + e->half_width : NAN));
    json_object_set_new(o, "n", json_integer(e->n));
    if (per_rep) {
        json_t *a = json_array();
        long r;
        for (r = 0; r < reps; r++)
            json_array_append_new(a, cc_json_number(per_rep[r]));
        json_object_set_new(o, "per_replication", a);
    }
    return o;
}

enum channel_metric { M_SL, M_ASA, M_P_ABANDON, M_ANSWERED, M_ABANDONED };

static double channel_metric(const cc_rep_channel *x, enum channel_metric m)
{
    switch (m) {
    case M_SL: return ratio(x->answered_in_target, x->presented - x->sl_excluded);
    case M_ASA: return ratio(x->wait_answered_s, x->answered);
    case M_P_ABANDON: return ratio(x->abandoned, x->presented);
    case M_ANSWERED: return x->answered;
    case M_ABANDONED: return x->abandoned;
    }
    return NAN;
}

static json_t *channel_with_reps(const cc_results *r, size_t c, const cc_estimate *e,
                                 enum channel_metric m, double *tmp)
{
    long k;
    for (k = 0; k < r->replications; k++)
        tmp[k] = channel_metric(&r->rep_channels[(size_t)k * r->n_channels + c], m);
    return estimate_json(e, tmp, r->replications);
}

/*
 * The service level of the counts summed over replications (the figure
 * verdicts judge) with its 95% interval by linearisation: replication r's
 * value is R + (a_r - R b_r) / mean(b), a_r answered within target, b_r
 * presented, whose mean is R exactly and whose Student-t interval is the
 * delta-method interval of the ratio; paired differences of these values
 * are the linearised differences of two ratios.
 */
static json_t *pooled_sl(const cc_results *r, size_t c, double *tmp)
{
    double a = 0.0, b = 0.0, ratio_all, mean_b;
    cc_estimate e;
    long k;

    for (k = 0; k < r->replications; k++) {
        const cc_rep_channel *x = &r->rep_channels[(size_t)k * r->n_channels + c];
        a += x->answered_in_target;
        b += x->presented;
    }
    if (!(b > 0.0) || r->replications < 1)
        return json_null();
    ratio_all = a / b;
    mean_b = b / (double)r->replications;
    for (k = 0; k < r->replications; k++) {
        const cc_rep_channel *x = &r->rep_channels[(size_t)k * r->n_channels + c];
        tmp[k] = ratio_all + (x->answered_in_target - ratio_all * x->presented) / mean_b;
    }
    e = cc_estimate_of(tmp, (size_t)r->replications, 1);
    e.mean = ratio_all; /* exact, not the sum's rounding */
    return estimate_json(&e, tmp, r->replications);
}

static json_t *channel_results(const cc_scenario *s, const cc_results *r, size_t c, double *tmp)
{
    const cc_channel_summary *cs = &r->channels[c];
    const cc_channel *ch = &s->channels[c];
    json_t *o = json_object(), *tg = json_object();

    json_object_set_new(o, "kind", json_string(cc_channel_kind_name(ch->kind)));
    json_object_set_new(tg, "answer_within_s", cc_json_number(ch->target.answer_within_s));
    json_object_set_new(tg, "service_level", cc_json_number(ch->target.service_level));
    if (ch->target.has_max_asa)
        json_object_set_new(tg, "max_asa_s", cc_json_number(ch->target.max_asa_s));
    if (ch->target.has_max_abandon)
        json_object_set_new(tg, "max_abandon", cc_json_number(ch->target.max_abandon));
    cc_target_judging_json(tg, &ch->target);
    json_object_set_new(o, "target", tg);
    json_object_set_new(o, "offered", estimate_json(&cs->offered, NULL, 0));
    json_object_set_new(o, "deflected", estimate_json(&cs->deflected, NULL, 0));
    json_object_set_new(o, "contained", estimate_json(&cs->contained, NULL, 0));
    json_object_set_new(o, "presented", estimate_json(&cs->presented, NULL, 0));
    json_object_set_new(o, "answered", channel_with_reps(r, c, &cs->answered, M_ANSWERED, tmp));
    json_object_set_new(o, "abandoned", channel_with_reps(r, c, &cs->abandoned, M_ABANDONED, tmp));
    json_object_set_new(o, "waiting_end", estimate_json(&cs->waiting_end, NULL, 0));
    {
        /* What is left at the end, as the run table and report.html say it. */
        cc_backlog_end b;
        cc_report_backlog_end(r, c, &b);
        json_object_set_new(o, "oldest_waiting_s",
                            isfinite(b.oldest_s) ? cc_json_number(b.oldest_s) : json_null());
        json_object_set_new(o, "overloaded", json_boolean(b.overloaded));
    }
    json_object_set_new(o, "service_level", channel_with_reps(r, c, &cs->service_level, M_SL, tmp));
    json_object_set_new(o, "service_level_pooled", pooled_sl(r, c, tmp));
    json_object_set_new(o, "asa_s", channel_with_reps(r, c, &cs->asa_s, M_ASA, tmp));
    json_object_set_new(o, "mean_wait_s", estimate_json(&cs->mean_wait_s, NULL, 0));
    json_object_set_new(o, "p_wait", estimate_json(&cs->p_wait, NULL, 0));
    json_object_set_new(o, "p_abandon", channel_with_reps(r, c, &cs->p_abandon, M_P_ABANDON, tmp));
    json_object_set_new(o, "aht_s", estimate_json(&cs->aht_s, NULL, 0));
    json_object_set_new(o, "acw_s", estimate_json(&cs->acw_s, NULL, 0));
    json_object_set_new(o, "bot_time_s", estimate_json(&cs->bot_time_s, NULL, 0));
    json_object_set_new(o, "containment", estimate_json(&cs->containment, NULL, 0));
    json_object_set_new(o, "mean_queue", estimate_json(&cs->mean_queue, NULL, 0));
    json_object_set_new(o, "max_queue", estimate_json(&cs->max_queue, NULL, 0));
    json_object_set_new(o, "wait_p50_s", estimate_json(&cs->wait_p50_s, NULL, 0));
    json_object_set_new(o, "wait_p90_s", estimate_json(&cs->wait_p90_s, NULL, 0));
    json_object_set_new(o, "wait_p99_s", estimate_json(&cs->wait_p99_s, NULL, 0));
    json_object_set_new(o, "risk_miss_target", cc_json_number(cs->risk));
    json_object_set_new(o, "risk_intervals", estimate_json(&cs->risk_intervals, NULL, 0));
    json_object_set_new(o, "risk_days", estimate_json(&cs->risk_days, NULL, 0));
    cc_verdict_json(o, &cs->verdict);
    json_object_set_new(o, "scope_verdict", cc_scope_verdict_json(s, cs));
    return o;
}

static json_t *team_results(const cc_scenario *s, const cc_results *r, size_t t, double *tmp)
{
    const cc_team_summary *ts = &r->teams[t];
    json_t *o = json_object();
    double weeks = (double)s->days / 7.0;
    cc_estimate per_week;
    long k;

    json_object_set_new(o, "outsourced", json_boolean(s->teams[t].outsourced));
    for (k = 0; k < r->replications; k++) {
        const cc_rep_team *x = &r->rep_teams[(size_t)k * r->n_teams + t];
        tmp[k] = ratio(x->busy_s, x->present_s);
    }
    json_object_set_new(o, "occupancy", estimate_json(&ts->occupancy, tmp, r->replications));
    json_object_set_new(o, "utilisation", estimate_json(&ts->utilisation, NULL, 0));
    if (ts->holding_chat.n > 0) {
        /* Chat occupancy under both its meanings, each named (definitions). */
        json_object_set_new(o, "agents_holding_chat", estimate_json(&ts->holding_chat, NULL, 0));
        json_object_set_new(o, "open_chats_per_capacity",
                            estimate_json(&ts->open_chats, NULL, 0));
    }
    json_object_set_new(o, "agent_hours", estimate_json(&ts->agent_hours, NULL, 0));
    json_object_set_new(o, "paid_hours", estimate_json(&ts->paid_hours, NULL, 0));
    json_object_set_new(o, "handled", estimate_json(&ts->handled, NULL, 0));
    for (k = 0; k < r->replications; k++)
        tmp[k] = r->rep_teams[(size_t)k * r->n_teams + t].cost;
    json_object_set_new(o, "cost", estimate_json(&ts->cost, tmp, r->replications));
    per_week = ts->cost;
    per_week.mean /= weeks;
    per_week.half_width /= weeks;
    json_object_set_new(o, "cost_per_week", estimate_json(&per_week, NULL, 0));
    return o;
}

/* Totals over channels and teams, estimated across replications. */
static json_t *totals(const cc_scenario *s, const cc_results *r, double *tmp, double weeks)
{
    json_t *o = json_object();
    cc_estimate e;
    long k;
    size_t c, t;
    double *handled = cc_xcalloc((size_t)r->replications, sizeof(double));

    for (k = 0; k < r->replications; k++) {
        double off = 0, ans = 0;
        for (c = 0; c < r->n_channels; c++) {
            const cc_rep_channel *x = &r->rep_channels[(size_t)k * r->n_channels + c];
            off += x->offered;
            ans += x->answered;
        }
        tmp[k] = off;
        handled[k] = ans;
    }
    e = cc_estimate_of(tmp, (size_t)r->replications, 1);
    json_object_set_new(o, "offered", estimate_json(&e, NULL, 0));
    e = cc_estimate_of(handled, (size_t)r->replications, 1);
    json_object_set_new(o, "answered", estimate_json(&e, NULL, 0));
    for (k = 0; k < r->replications; k++) {
        double cost = 0;
        for (t = 0; t < r->n_teams; t++)
            cost += r->rep_teams[(size_t)k * r->n_teams + t].cost;
        tmp[k] = cost;
        handled[k] = ratio(cost, handled[k]);
    }
    e = cc_estimate_of(tmp, (size_t)r->replications, 1);
    json_object_set_new(o, "cost", estimate_json(&e, tmp, r->replications));
    e.mean /= weeks;
    e.half_width /= weeks;
    json_object_set_new(o, "cost_per_week", estimate_json(&e, NULL, 0));
    e = cc_estimate_of(handled, (size_t)r->replications, 1);
    json_object_set_new(o, "cost_per_contact", estimate_json(&e, handled, r->replications));
    free(handled);
    /* Paid FTE of the staffing as simulated: paid hours per week / hours of one FTE. */
    {
        double paid = 0.0;
        for (t = 0; t < r->n_teams; t++)
            paid += r->teams[t].paid_hours.n > 0 ? r->teams[t].paid_hours.mean : 0.0;
        json_object_set_new(o, "paid_hours", cc_json_number(paid));
        if (weeks > 0.0 && s->plan.fte_week_s > 0.0)
            json_object_set_new(o, "fte_paid",
                                cc_json_number(paid / weeks / (s->plan.fte_week_s / 3600.0)));
    }
    json_object_set_new(o, "currency", json_string(s->currency ? s->currency : ""));
    return o;
}

cc_status cc_report_summary_json(FILE *out, const cc_scenario *s, const cc_results *r,
                                 const char *plan_json, const cc_run_meta *meta,
                                 cc_error *err)
{
    json_t *doc = json_object(), *sc = json_object(), *chs = json_object(), *tms = json_object();
    double *tmp = cc_xcalloc((size_t)(r->replications > 0 ? r->replications : 1), sizeof(double));
    char hex[65];
    size_t i;
    cc_status st = CC_OK;

    json_object_set_new(doc, "schema_version", json_integer(1));
    json_object_set_new(doc, "ccsim_version", json_string(cc_version()));
    /* What produced it, so compare never mixes a run with a plan. */
    json_object_set_new(doc, "kind", json_string(plan_json ? "plan" : "run"));
    json_object_set_new(sc, "name", json_string(s->name));
    json_object_set_new(sc, "file", json_string(s->source_path ? s->source_path : ""));
    cc_scenario_fingerprint(s, hex);
    json_object_set_new(sc, "sha256", json_string(hex));
    json_object_set_new(sc, "resolved", scenario_resolved(s));
    json_object_set_new(doc, "scenario", sc);
    json_object_set_new(doc, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(doc, "replications", json_integer(r->replications));
    json_object_set_new(doc, "definitions",
        json_string("service_level = answered within target / presented to agents "
                    "(offered less deflected and bot-contained; abandoned count as missed; "
                    "pending contacts and the carried-in initial backlog left out); "
                    "asa_s = mean wait of answered contacts (first response for email and "
                    "social); p_abandon = abandoned / presented; occupancy = busy agent time / "
                    "available agent time; for teams serving chat with concurrency, "
                    "agents_holding_chat = agents holding at least one chat / available agents "
                    "and open_chats_per_capacity = open chats / (available agents x chats per "
                    "agent), the plan's occupancy of chat sessions; utilisation = open chats / "
                    "chat slots of agents holding chats; 95% Student-t intervals across "
                    "replications; "
                    "risk_miss_target = share of replications missing the channel target"));
    for (i = 0; i < r->n_channels; i++)
        json_object_set_new(chs, s->channels[i].name, channel_results(s, r, i, tmp));
    json_object_set_new(doc, "channels", chs);
    for (i = 0; i < r->n_teams; i++)
        json_object_set_new(tms, s->teams[i].name, team_results(s, r, i, tmp));
    json_object_set_new(doc, "teams", tms);
    json_object_set_new(doc, "totals", totals(s, r, tmp, (double)s->days / 7.0));
    json_object_set_new(doc, "model_events", json_integer((json_int_t)r->model_events));
    if (plan_json) {
        json_error_t jerr;
        json_t *plan = json_loads(plan_json, 0, &jerr);
        if (!plan) {
            st = cc_error_setf(err, CC_EINVAL, "plan section is not JSON: %s", jerr.text);
            goto out;
        }
        json_object_set_new(doc, "plan", plan);
    }
    if (meta) {
        json_t *m = json_object();
        json_object_set_new(m, "timestamp", json_string(meta->timestamp ? meta->timestamp : ""));
        json_object_set_new(m, "host", json_string(meta->host ? meta->host : ""));
        json_object_set_new(m, "wall_s", cc_json_number(meta->wall_s));
        json_object_set_new(m, "threads", json_integer(meta->threads));
        json_object_set_new(doc, "meta", m);
    }
    if (json_dumpf(doc, out, DUMP_FLAGS) != 0 || fputc('\n', out) == EOF)
        st = cc_error_setf(err, CC_EIO, "cannot write the summary");
out:
    json_decref(doc);
    free(tmp);
    return st;
}
