/*
 * Option costing: what an in-house, outsourced or hybrid staffing option
 * costs per week and per handled contact, whether it meets every channel's
 * targets (by cc_channel_verdict, the rule run and sweep use), and which
 * option is the cheapest one that does. Costs are summed from paid hours,
 * per-contact vendor prices and fixed fees, unless the option brings its
 * total (a planned roster's cost with overtime, vendor cover and hires).
 */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "cc_plan.h"
#include "cc_results.h"

static const char *option_name(const cc_plan_option *opt)
{
    return opt->name != NULL ? opt->name : "";
}

static int nonneg(double x)
{
    return isfinite(x) && x >= 0;
}

/*
 * The channel's verdict from the one rule: its attained ratios are the
 * pooled figures of one presented (and one answered) contact, judged with
 * no sampling tolerance (figures given without their counts are taken as
 * exact); a NaN service level is nothing presented.
 */
static cc_target_verdict channel_verdict(const cc_option_channel *ch)
{
    cc_sim_target tg;
    cc_pooled x;

    memset(&tg, 0, sizeof tg);
    memset(&x, 0, sizeof x);
    tg.service_level = ch->service_level_target;
    tg.max_asa_s = ch->max_asa_s;
    tg.max_abandon = ch->max_abandon;
    if (!isnan(ch->service_level)) {
        x.presented = 1.0;
        x.in_target = ch->service_level;
        x.answered = 1.0;
        x.wait_answered_s = ch->asa_s;
        x.abandoned = ch->abandon;
    }
    return cc_exact_verdict(&tg, &x);
}

cc_status cc_plan_option_cost(const cc_plan_option *opt, cc_option_result *res, cc_error *err)
{
    int have_sl = 0;
    size_t judged = 0;

    assert(opt != NULL && res != NULL);
    if (!(opt->weeks > 0) || !isfinite(opt->weeks))
        return cc_error_setf(err, CC_EINVAL, "option '%s' lasts %g weeks; allowed: > 0",
                             option_name(opt), opt->weeks);
    if ((opt->n_teams > 0 && opt->teams == NULL) ||
        (opt->n_channels > 0 && opt->channels == NULL))
        return cc_error_setf(err, CC_EINVAL, "option '%s' has no team or channel array",
                             option_name(opt));
    memset(res, 0, sizeof *res);
    for (size_t k = 0; k < opt->n_teams; k++) {
        const cc_option_team *tm = &opt->teams[k];
        if (!nonneg(tm->paid_hours) || !nonneg(tm->handled_contacts) ||
            !nonneg(tm->cost_per_paid_hour) || !nonneg(tm->cost_per_contact) ||
            !nonneg(tm->fixed_cost))
            return cc_error_setf(err, CC_EINVAL,
                                 "team %zu '%s' of option '%s' has a negative or non-finite "
                                 "hour, contact or cost figure",
                                 k, tm->name != NULL ? tm->name : "", option_name(opt));
        res->paid_hours += tm->paid_hours;
        res->handled_contacts += tm->handled_contacts;
        res->cost_total += tm->paid_hours * tm->cost_per_paid_hour +
                           tm->handled_contacts * tm->cost_per_contact + tm->fixed_cost;
    }
    if (opt->total_cost > 0) {
        if (!isfinite(opt->total_cost))
            return cc_error_setf(err, CC_EINVAL, "option '%s' has a non-finite cost",
                                 option_name(opt));
        res->cost_total = opt->total_cost;
    }
    res->cost_per_week = res->cost_total / opt->weeks;
    if (opt->offered_contacts > 0)
        res->cost_per_contact = res->cost_total / opt->offered_contacts;
    else
        res->cost_per_contact =
            res->handled_contacts > 0 ? res->cost_total / res->handled_contacts : 0.0;

    for (size_t c = 0; c < opt->n_channels; c++) {
        const cc_option_channel *ch = &opt->channels[c];
        cc_target_verdict v = channel_verdict(ch);
        if (v.status == CC_TARGET_NA)
            continue;
        judged++;
        if (ch->service_level_target > 0) {
            double margin = ch->service_level - ch->service_level_target;
            if (!have_sl || margin < res->worst_sl_margin)
                res->worst_sl_margin = margin;
            have_sl = 1;
        }
        /* The verdict at the target's scope, when given, is the one run and plan print. */
        if (ch->scope_judged)
            v.missed = ch->scope_missed;
        res->n_targets_missed += (size_t)((v.missed & CC_MISS_SL) != 0) +
                                 (size_t)((v.missed & CC_MISS_ASA) != 0) +
                                 (size_t)((v.missed & CC_MISS_ABANDON) != 0) +
                                 (size_t)((v.missed & CC_MISS_RISK) != 0);
    }
    res->meets_targets = judged > 0 && res->n_targets_missed == 0;
    return CC_OK;
}

cc_status cc_plan_options_compare(const cc_plan_option *opts, size_t n,
                                  cc_option_result *results, long *best, cc_error *err)
{
    long cheapest = -1;
    cc_status st;

    assert(results != NULL);
    if (n == 0 || opts == NULL)
        return cc_error_setf(err, CC_EINVAL, "no options to compare");
    for (size_t k = 0; k < n; k++) {
        if ((st = cc_plan_option_cost(&opts[k], &results[k], err)) != CC_OK)
            return st;
        if (results[k].meets_targets &&
            (cheapest < 0 || results[k].cost_per_week < results[cheapest].cost_per_week))
            cheapest = (long)k;
    }
    for (size_t k = 0; k < n; k++) {
        results[k].delta_cost_per_week = results[k].cost_per_week - results[0].cost_per_week;
        results[k].delta_cost_per_contact =
            results[k].cost_per_contact - results[0].cost_per_contact;
        results[k].cheapest = (long)k == cheapest;
    }
    if (best != NULL)
        *best = cheapest;
    return CC_OK;
}
