/*
 * The words and JSON fields that state a channel's verdict. At the horizon
 * scope the service level's own miss keeps the terminal's short "below
 * target" (the row already shows the horizon's SL and target); broken caps
 * are spelled out everywhere. At any other scope the figures are the worst
 * period's, not the row's, so every clause is spelled out and the scope
 * named: "misses at day scope: SL 65.2% < 80%". Also what a channel leaves
 * waiting at the end of the horizon, and whether its queue grows without
 * bound (overload), which the run table, report.html and summary.json state.
 */
#include <math.h>
#include <stdio.h>

#include "util/textout.h"
#include "cc_report.h"
#include "report/verdict_text.h"

char *cc_report_verdict_note(const cc_target_verdict *v, char *buf, size_t cap)
{
    cc_target_verdict caps = *v;
    char why[160];

    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (v->status == CC_TARGET_NA) {
        snprintf(buf, cap, "  n/a: %s", cc_target_reasons(v, why, sizeof why));
        return buf;
    }
    if (v->status != CC_TARGET_MISSES)
        return buf;
    if (v->judging.scope != CC_SCOPE_HORIZON) {
        snprintf(buf, cap, "  misses at %s scope: %s", cc_target_scope_name(v->judging.scope),
                 cc_target_reasons(v, why, sizeof why));
        return buf;
    }
    caps.missed &= ~CC_MISS_SL;
    if (!caps.missed)
        snprintf(buf, cap, "  below target");
    else
        snprintf(buf, cap, "%smisses: %s", v->missed & CC_MISS_SL ? "  below target; " : "  ",
                 cc_target_reasons(&caps, why, sizeof why));
    return buf;
}

void cc_verdict_json(json_t *o, const cc_target_verdict *v)
{
    char why[160], text[200];
    json_t *keys;

    if (v->status == CC_TARGET_MEETS) {
        json_object_set_new(o, "meets_target", json_true());
        return;
    }
    cc_target_reasons(v, why, sizeof why);
    if (v->status == CC_TARGET_MISSES && v->judging.scope != CC_SCOPE_HORIZON)
        snprintf(text, sizeof text, "misses at %s scope: %s",
                 cc_target_scope_name(v->judging.scope), why);
    else
        snprintf(text, sizeof text, "%s: %s", cc_target_status_name(v->status), why);
    if (v->status == CC_TARGET_NA) {
        json_object_set_new(o, "meets_target", json_null());
        json_object_set_new(o, "verdict", json_string(text));
        return;
    }
    json_object_set_new(o, "meets_target", json_false());
    keys = json_array();
    if (v->missed & CC_MISS_SL)
        json_array_append_new(keys, json_string("service_level"));
    if (v->missed & CC_MISS_ASA)
        json_array_append_new(keys, json_string("max_asa_s"));
    if (v->missed & CC_MISS_ABANDON)
        json_array_append_new(keys, json_string("max_abandon"));
    if (v->missed & CC_MISS_RISK)
        json_array_append_new(keys, json_string("max_risk"));
    json_object_set_new(o, "misses", keys);
    json_object_set_new(o, "verdict", json_string(text));
}

void cc_target_judging_json(json_t *tg, const cc_target *t)
{
    json_object_set_new(tg, "scope", json_string(cc_target_scope_name(t->scope)));
    if (t->has_max_risk)
        json_object_set_new(tg, "max_risk", cc_json_number(t->max_risk));
}

/* The share of judged periods meeting at a scope, or null when none is judged. */
static json_t *share_json(const cc_attainment *a)
{
    return a->judged > 0 ? cc_json_number(a->share_met) : json_null();
}

json_t *cc_scope_verdict_json(const cc_scenario *s, const cc_channel_summary *x)
{
    const cc_attainment *a = &x->at[x->judging.scope], *h = &x->at[CC_SCOPE_HORIZON];
    json_t *o = json_object(), *att = json_object();
    cc_target_status horizon_status = h->judged == 0 ? CC_TARGET_NA
                                      : h->met ? CC_TARGET_MEETS
                                               : CC_TARGET_MISSES;
    char why[200], name[64];

    json_object_set_new(o, "scope", json_string(cc_target_scope_name(x->judging.scope)));
    json_object_set_new(o, "max_risk", x->judging.has_max_risk
                                           ? cc_json_number(x->judging.max_risk)
                                           : json_null());
    json_object_set_new(o, "status", json_string(cc_target_status_name(a->verdict.status)));
    json_object_set_new(o, "reasons",
                        json_string(cc_target_reasons(&a->verdict, why, sizeof why)));
    if (a->worst >= 0) {
        cc_target_period_name(s, x->judging.scope, a->worst, name, sizeof name);
        json_object_set_new(o, "worst_period", json_string(name));
        json_object_set_new(o, "worst_period_risk", cc_json_number(a->verdict.risk));
    } else {
        json_object_set_new(o, "worst_period", json_null());
        json_object_set_new(o, "worst_period_risk", json_null());
    }
    json_object_set_new(o, "periods", json_integer(a->periods));
    json_object_set_new(o, "periods_judged", json_integer(a->judged));
    json_object_set_new(o, "periods_missed", json_integer(a->failed));
    json_object_set_new(att, "intervals", share_json(&x->at[CC_SCOPE_INTERVAL]));
    json_object_set_new(att, "days", share_json(&x->at[CC_SCOPE_DAY]));
    json_object_set_new(att, "weeks", share_json(&x->at[CC_SCOPE_WEEK]));
    json_object_set_new(att, "horizon", json_string(cc_target_status_name(horizon_status)));
    json_object_set_new(o, "attainment", att);
    return o;
}

/* ---- what is left waiting at the end ---------------------------------------- */

/* Contacts of interval i still open at the end, summed over replications. */
static double open_of(const cc_interval_channel *x)
{
    double v = x->pooled.presented - x->pooled.answered - x->pooled.abandoned;
    return v > 0.0 ? v : 0.0;
}

void cc_report_backlog_end(const cc_results *r, size_t c, cc_backlog_end *out)
{
    const cc_channel_summary *x = &r->channels[c];
    size_t n = r->n_intervals, i, per_day, back;
    double reps = r->replications > 0 ? (double)r->replications : 1.0;
    double end, earlier, day_presented;

    out->waiting = x->waiting_end.n > 0 ? x->waiting_end.mean : 0.0;
    out->oldest_s = NAN;
    out->overloaded = 0;
    if (!r->intervals || n == 0 || !(r->interval_s > 0.0))
        return;
    /* The oldest open contact: counts are by arrival interval. */
    if (out->waiting >= 0.5)
        for (i = 0; i < n; i++)
            if (open_of(&r->intervals[i * r->n_channels + c]) / reps >= 0.5) {
                out->oldest_s = (double)(n - i) * r->interval_s;
                break;
            }
    per_day = (size_t)(86400.0 / r->interval_s + 0.5);
    if (per_day == 0)
        per_day = 1;
    /* The largest backlog of the first half of the horizon: every weekday and time of day. */
    back = n / 2;
    if (back == 0)
        return;
    earlier = 0.0;
    for (i = 0; i < back; i++) {
        double b = r->intervals[i * r->n_channels + c].backlog_end.mean;
        if (isfinite(b) && b > earlier)
            earlier = b;
    }
    end = r->intervals[(n - 1) * r->n_channels + c].backlog_end.mean;
    day_presented = (x->presented.n > 0 ? x->presented.mean : 0.0) * (double)per_day / (double)n;
    if (!isfinite(end))
        return;
    out->overloaded = end > 0.5 * day_presented && end > 1.5 * earlier && end >= 10.0;
}
