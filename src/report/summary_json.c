/*
 * summary.json: the resolved scenario with its fingerprint, and every
 * channel and team figure as {mean, half_width, ci_low, ci_high, n} with the
 * per-replication values of the headline metrics, so that compare can pair
 * runs made on the same random numbers. Numbers are printed with 17
 * significant digits (exact round trip); undefined values are null.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/alloc.h"
#include "cc_report.h"
#include "cc_version.h"
#include "util/sha256.h"

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(17))

static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static void set(json_t *obj, const char *key, json_t *value)
{
    json_object_set_new(obj, key, value);
}

/* ---- resolved scenario --------------------------------------------------- */

static json_t *dist_json(const cc_dist *d)
{
    json_t *o = json_object();
    set(o, "kind", json_string(cc_dist_name(d->kind)));
    if (d->kind == CC_DIST_NONE)
        return o;
    set(o, "mean_s", jnum(cc_dist_mean(d)));
    if (d->kind == CC_DIST_LOGNORMAL || d->kind == CC_DIST_GAMMA)
        set(o, "cv", jnum(d->cv));
    if (d->kind == CC_DIST_EMPIRICAL) {
        json_t *a = json_array();
        size_t i;
        for (i = 0; i < d->n_values; i++)
            json_array_append_new(a, jnum(d->values_s[i]));
        set(o, "values_s", a);
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

    set(o, "name", json_string(ch->name));
    set(o, "kind", json_string(cc_channel_kind_name(ch->kind)));
    set(vol, "per_day", jnum(ch->volume_per_day));
    for (k = 0; k < CC_WEEKDAYS; k++)
        json_array_append_new(wd, jnum(ch->weekday[k]));
    set(vol, "weekday", wd);
    wd = json_array();
    for (k = 0; k < CC_WEEKDAYS; k++)
        json_array_append_new(wd, json_string(s->profiles[ch->profile_of_weekday[k]].name));
    set(vol, "profile", wd);
    set(vol, "deflection", jnum(ch->deflection));
    set(vol, "uncertainty_cv", jnum(ch->uncertainty_cv));
    set(vol, "backlog", json_integer(ch->backlog));
    set(o, "volume", vol);
    set(o, "handle_time", dist_json(&ch->handle_time));
    set(o, "wrap_up", dist_json(&ch->wrap_up));
    set(o, "patience", dist_json(&ch->patience));
    set(tg, "answer_within_s", jnum(ch->target.answer_within_s));
    set(tg, "service_level", jnum(ch->target.service_level));
    if (ch->target.has_max_asa)
        set(tg, "max_asa_s", jnum(ch->target.max_asa_s));
    if (ch->target.has_max_abandon)
        set(tg, "max_abandon", jnum(ch->target.max_abandon));
    set(o, "target", tg);
    set(o, "concurrency", json_integer(ch->concurrency));
    wd = json_array();
    for (k = 1; k <= ch->concurrency; k++)
        json_array_append_new(wd, jnum(cc_scenario_stretch(s, c, k)));
    set(o, "stretch", wd);
    set(o, "chatbot", ch->chatbot >= 0 ? json_string(s->chatbots[ch->chatbot].name) : json_null());
    set(o, "retry_share", jnum(ch->retry_share));
    set(o, "retry_delay", dist_json(&ch->retry_delay));
    set(o, "retry_channel", json_string(s->channels[ch->retry_channel >= 0 ? ch->retry_channel : c].name));
    for (k = 0; k < ch->n_transfers; k++) {
        json_t *t = json_object();
        set(t, "channel", json_string(s->channels[ch->transfers[k].channel].name));
        set(t, "share", jnum(ch->transfers[k].share));
        json_array_append_new(transfers, t);
    }
    set(o, "transfers", transfers);
    set(routing, "priority", json_integer(ch->priority));
    set(routing, "teams", team_names(s, ch->route_teams, ch->n_route_teams));
    for (k = 0; k < ch->n_overflow; k++) {
        json_t *t = json_object();
        set(t, "team", json_string(s->teams[ch->overflow_teams[k]].name));
        set(t, "after_s", jnum(ch->overflow_after_s[k]));
        json_array_append_new(overflow, t);
    }
    set(routing, "overflow", overflow);
    set(o, "routing", routing);
    return o;
}

static json_t *team_resolved(const cc_scenario *s, int t)
{
    const cc_team *tm = &s->teams[t];
    json_t *o = json_object(), *skills = json_object(), *shrink = json_object();
    int c, k;

    set(o, "name", json_string(tm->name));
    for (c = 0; c < s->n_channels; c++)
        if (tm->proficiency[c] > 0.0)
            set(skills, s->channels[c].name, jnum(tm->proficiency[c]));
    set(o, "skills", skills);
    set(o, "utc_offset_s", jnum(tm->utc_offset_s));
    if (tm->staffing == CC_STAFF_FLAT) {
        set(o, "agents", json_integer(tm->flat_agents));
    } else {
        json_t *shifts = json_array();
        for (k = 0; k < tm->n_shifts; k++) {
            const cc_shift *sh = &tm->shifts[k];
            json_t *so = json_object(), *days = json_array();
            int d;
            set(so, "name", json_string(sh->name));
            for (d = 0; d < CC_WEEKDAYS; d++)
                if (sh->days & (1u << d))
                    json_array_append_new(days, json_integer(d));
            set(so, "days", days);
            set(so, "start_s", jnum(sh->start_s));
            set(so, "length_s", jnum(sh->length_s));
            set(so, "agents", json_integer(sh->agents));
            json_array_append_new(shifts, so);
        }
        set(o, "shifts", shifts);
    }
    for (k = 0; k < tm->n_shrinkage; k++)
        set(shrink, tm->shrinkage_names[k], jnum(tm->shrinkage_values[k]));
    set(shrink, "combine", json_string(tm->shrinkage_combine == CC_COMBINE_ADDITIVE
                                           ? "additive" : "multiplicative"));
    set(shrink, "total", jnum(tm->shrinkage));
    set(o, "shrinkage", shrink);
    set(o, "cost_per_hour", jnum(tm->cost_per_hour));
    set(o, "cost_per_contact", jnum(tm->cost_per_contact));
    set(o, "outsourced", json_boolean(tm->outsourced));
    return o;
}

static json_t *scenario_resolved(const cc_scenario *s)
{
    json_t *o = json_object(), *hz = json_object(), *chs = json_array(), *tms = json_array();
    json_t *seasons = json_array(), *bots = json_array(), *sim = json_object();
    json_t *plan = json_object();
    int i, c;

    set(o, "name", json_string(s->name));
    set(hz, "start", json_string(s->start_date));
    set(hz, "days", json_integer(s->days));
    set(hz, "interval_s", jnum(s->interval_s));
    set(hz, "utc_offset_s", jnum(s->utc_offset_s));
    set(o, "horizon", hz);
    for (c = 0; c < s->n_channels; c++)
        json_array_append_new(chs, channel_resolved(s, c));
    set(o, "channels", chs);
    for (i = 0; i < s->n_seasons; i++) {
        const cc_season *se = &s->seasons[i];
        json_t *so = json_object(), *mult = json_object();
        set(so, "name", json_string(se->name));
        set(so, "from", json_string(se->from));
        set(so, "to", json_string(se->to));
        for (c = 0; c < s->n_channels; c++)
            set(mult, s->channels[c].name, jnum(se->multiplier[c]));
        set(so, "multiplier", mult);
        json_array_append_new(seasons, so);
    }
    set(o, "seasons", seasons);
    for (i = 0; i < s->n_chatbots; i++) {
        const cc_chatbot *b = &s->chatbots[i];
        json_t *bo = json_object(), *fr = json_array();
        set(bo, "name", json_string(b->name));
        for (c = 0; c < b->n_fronts; c++)
            json_array_append_new(fr, json_string(s->channels[b->fronts[c]].name));
        set(bo, "fronts", fr);
        set(bo, "time_in_bot", dist_json(&b->time_in_bot));
        set(bo, "containment_from", jnum(b->containment_from));
        set(bo, "containment_to", jnum(b->containment_to));
        set(bo, "ramp_start_s", jnum(b->ramp_start_s));
        set(bo, "ramp_length_s", jnum(b->ramp_length_s));
        set(bo, "escalation_aht_uplift", jnum(b->escalation_aht_uplift));
        set(bo, "escalation_patience_factor", jnum(b->escalation_patience_factor));
        set(bo, "bounce_share", jnum(b->bounce_share));
        set(bo, "bounce_delay", dist_json(&b->bounce_delay));
        json_array_append_new(bots, bo);
    }
    set(o, "chatbots", bots);
    for (i = 0; i < s->n_teams; i++)
        json_array_append_new(tms, team_resolved(s, i));
    set(o, "teams", tms);
    set(o, "chat_assignment", json_string(s->chat_assignment == CC_CHAT_FILL ? "fill" : "spread"));
    set(o, "strict_priority", json_boolean(s->strict_priority));
    set(sim, "replications", json_integer(s->simulation.replications));
    set(sim, "seed", json_integer((json_int_t)s->simulation.seed));
    set(sim, "warmup_s", jnum(s->simulation.warmup_s));
    set(sim, "max_arrivals", json_integer(s->simulation.max_arrivals));
    set(o, "simulation", sim);
    set(plan, "method", json_string(cc_scenario_method_name(s->plan.method)));
    set(plan, "shrinkage_method", json_string(s->plan.shrinkage_method == CC_SHRINK_DIVISIVE
                                                  ? "divisive" : "multiplicative"));
    set(plan, "fte_week_s", jnum(s->plan.fte_week_s));
    set(plan, "max_occupancy", jnum(s->plan.max_occupancy));
    set(plan, "attrition_per_month", jnum(s->plan.attrition_per_month));
    set(plan, "hiring_lead_s", jnum(s->plan.hiring_lead_s));
    set(plan, "training_s", jnum(s->plan.training_s));
    set(o, "plan", plan);
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
    set(o, "mean", jnum(e->n > 0 ? e->mean : NAN));
    set(o, "half_width", jnum(e->n > 0 ? e->half_width : NAN));
    set(o, "ci_low", jnum(e->n > 0 ? e->mean - e->half_width : NAN));
    set(o, "ci_high", jnum(e->n > 0 ? e->mean + e->half_width : NAN));
    set(o, "n", json_integer(e->n));
    if (per_rep) {
        json_t *a = json_array();
        long r;
        for (r = 0; r < reps; r++)
            json_array_append_new(a, jnum(per_rep[r]));
        set(o, "per_replication", a);
    }
    return o;
}

enum channel_metric { M_SL, M_ASA, M_P_ABANDON, M_ANSWERED, M_ABANDONED };

static double channel_metric(const cc_rep_channel *x, enum channel_metric m)
{
    switch (m) {
    case M_SL: return ratio(x->answered_in_target, x->presented);
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

static json_t *channel_results(const cc_scenario *s, const cc_results *r, size_t c, double *tmp)
{
    const cc_channel_summary *cs = &r->channels[c];
    const cc_channel *ch = &s->channels[c];
    json_t *o = json_object(), *tg = json_object();

    set(o, "kind", json_string(cc_channel_kind_name(ch->kind)));
    set(tg, "answer_within_s", jnum(ch->target.answer_within_s));
    set(tg, "service_level", jnum(ch->target.service_level));
    if (ch->target.has_max_asa)
        set(tg, "max_asa_s", jnum(ch->target.max_asa_s));
    if (ch->target.has_max_abandon)
        set(tg, "max_abandon", jnum(ch->target.max_abandon));
    set(o, "target", tg);
    set(o, "offered", estimate_json(&cs->offered, NULL, 0));
    set(o, "deflected", estimate_json(&cs->deflected, NULL, 0));
    set(o, "contained", estimate_json(&cs->contained, NULL, 0));
    set(o, "presented", estimate_json(&cs->presented, NULL, 0));
    set(o, "answered", channel_with_reps(r, c, &cs->answered, M_ANSWERED, tmp));
    set(o, "abandoned", channel_with_reps(r, c, &cs->abandoned, M_ABANDONED, tmp));
    set(o, "waiting_end", estimate_json(&cs->waiting_end, NULL, 0));
    set(o, "service_level", channel_with_reps(r, c, &cs->service_level, M_SL, tmp));
    set(o, "asa_s", channel_with_reps(r, c, &cs->asa_s, M_ASA, tmp));
    set(o, "mean_wait_s", estimate_json(&cs->mean_wait_s, NULL, 0));
    set(o, "p_wait", estimate_json(&cs->p_wait, NULL, 0));
    set(o, "p_abandon", channel_with_reps(r, c, &cs->p_abandon, M_P_ABANDON, tmp));
    set(o, "aht_s", estimate_json(&cs->aht_s, NULL, 0));
    set(o, "acw_s", estimate_json(&cs->acw_s, NULL, 0));
    set(o, "bot_time_s", estimate_json(&cs->bot_time_s, NULL, 0));
    set(o, "containment", estimate_json(&cs->containment, NULL, 0));
    set(o, "mean_queue", estimate_json(&cs->mean_queue, NULL, 0));
    set(o, "max_queue", estimate_json(&cs->max_queue, NULL, 0));
    set(o, "wait_p50_s", estimate_json(&cs->wait_p50_s, NULL, 0));
    set(o, "wait_p90_s", estimate_json(&cs->wait_p90_s, NULL, 0));
    set(o, "wait_p99_s", estimate_json(&cs->wait_p99_s, NULL, 0));
    set(o, "risk_miss_target", jnum(cs->risk));
    set(o, "risk_intervals", estimate_json(&cs->risk_intervals, NULL, 0));
    set(o, "risk_days", estimate_json(&cs->risk_days, NULL, 0));
    set(o, "meets_target", json_boolean(cs->service_level.n > 0 &&
                                        cs->service_level.mean >= ch->target.service_level));
    return o;
}

static json_t *team_results(const cc_scenario *s, const cc_results *r, size_t t, double *tmp)
{
    const cc_team_summary *ts = &r->teams[t];
    json_t *o = json_object();
    double weeks = (double)s->days / 7.0;
    cc_estimate per_week;
    long k;

    set(o, "outsourced", json_boolean(s->teams[t].outsourced));
    for (k = 0; k < r->replications; k++) {
        const cc_rep_team *x = &r->rep_teams[(size_t)k * r->n_teams + t];
        tmp[k] = ratio(x->busy_s, x->present_s);
    }
    set(o, "occupancy", estimate_json(&ts->occupancy, tmp, r->replications));
    set(o, "utilisation", estimate_json(&ts->utilisation, NULL, 0));
    set(o, "agent_hours", estimate_json(&ts->agent_hours, NULL, 0));
    set(o, "paid_hours", estimate_json(&ts->paid_hours, NULL, 0));
    set(o, "handled", estimate_json(&ts->handled, NULL, 0));
    for (k = 0; k < r->replications; k++)
        tmp[k] = r->rep_teams[(size_t)k * r->n_teams + t].cost;
    set(o, "cost", estimate_json(&ts->cost, tmp, r->replications));
    per_week = ts->cost;
    per_week.mean /= weeks;
    per_week.half_width /= weeks;
    set(o, "cost_per_week", estimate_json(&per_week, NULL, 0));
    return o;
}

/* Totals over channels and teams, estimated across replications. */
static json_t *totals(const cc_results *r, double *tmp, double weeks)
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
    set(o, "offered", estimate_json(&e, NULL, 0));
    e = cc_estimate_of(handled, (size_t)r->replications, 1);
    set(o, "answered", estimate_json(&e, NULL, 0));
    for (k = 0; k < r->replications; k++) {
        double cost = 0;
        for (t = 0; t < r->n_teams; t++)
            cost += r->rep_teams[(size_t)k * r->n_teams + t].cost;
        tmp[k] = cost;
        handled[k] = ratio(cost, handled[k]);
    }
    e = cc_estimate_of(tmp, (size_t)r->replications, 1);
    set(o, "cost", estimate_json(&e, tmp, r->replications));
    e.mean /= weeks;
    e.half_width /= weeks;
    set(o, "cost_per_week", estimate_json(&e, NULL, 0));
    e = cc_estimate_of(handled, (size_t)r->replications, 1);
    set(o, "cost_per_contact", estimate_json(&e, handled, r->replications));
    free(handled);
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

    set(doc, "schema_version", json_integer(1));
    set(doc, "ccsim_version", json_string(cc_version()));
    set(sc, "name", json_string(s->name));
    set(sc, "file", json_string(s->source_path ? s->source_path : ""));
    cc_scenario_fingerprint(s, hex);
    set(sc, "sha256", json_string(hex));
    set(sc, "resolved", scenario_resolved(s));
    set(doc, "scenario", sc);
    set(doc, "seed", json_integer((json_int_t)r->seed));
    set(doc, "replications", json_integer(r->replications));
    set(doc, "definitions",
        json_string("service_level = answered within target / presented to agents "
                    "(offered less deflected and bot-contained; abandoned count as missed); "
                    "asa_s = mean wait of answered contacts (first response for email and "
                    "social); p_abandon = abandoned / presented; occupancy = busy agent time / "
                    "available agent time; 95% Student-t intervals across replications; "
                    "risk_miss_target = share of replications missing the channel target"));
    for (i = 0; i < r->n_channels; i++)
        set(chs, s->channels[i].name, channel_results(s, r, i, tmp));
    set(doc, "channels", chs);
    for (i = 0; i < r->n_teams; i++)
        set(tms, s->teams[i].name, team_results(s, r, i, tmp));
    set(doc, "teams", tms);
    set(doc, "totals", totals(r, tmp, (double)s->days / 7.0));
    set(doc, "model_events", json_integer((json_int_t)r->model_events));
    if (plan_json) {
        json_error_t jerr;
        json_t *plan = json_loads(plan_json, 0, &jerr);
        if (!plan) {
            st = cc_error_setf(err, CC_EINVAL, "plan section is not JSON: %s", jerr.text);
            goto out;
        }
        set(doc, "plan", plan);
    }
    if (meta) {
        json_t *m = json_object();
        set(m, "timestamp", json_string(meta->timestamp ? meta->timestamp : ""));
        set(m, "host", json_string(meta->host ? meta->host : ""));
        set(m, "wall_s", jnum(meta->wall_s));
        set(m, "threads", json_integer(meta->threads));
        set(doc, "meta", m);
    }
    if (json_dumpf(doc, out, DUMP_FLAGS) != 0 || fputc('\n', out) == EOF)
        st = cc_error_setf(err, CC_EIO, "cannot write the summary");
out:
    json_decref(doc);
    free(tmp);
    return st;
}
