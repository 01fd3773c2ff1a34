/*
 * Weekly headcount plan: productive FTE against required FTE week by week,
 * with attrition, hires decided lead_weeks before they start and productive
 * training_weeks after, and overtime then a vendor covering what is left.
 * Everything is expected values in plain arithmetic a planner can redo in a
 * spreadsheet; hires are whole people, headcount is fractional FTE.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_plan.h"

/* A shortfall smaller than this is rounding, not a reason to hire. */
#define FTE_SLACK 1e-9

static cc_status check_input(const cc_headcount_input *in, cc_error *err)
{
    if (in->n_weeks == 0 || in->required_fte == NULL)
        return cc_error_setf(err, CC_EINVAL, "the headcount plan needs at least one week");
    for (size_t w = 0; w < in->n_weeks; w++) {
        if (!isfinite(in->required_fte[w]) || in->required_fte[w] < 0)
            return cc_error_setf(err, CC_EINVAL,
                                 "required FTE of week %zu is %g; allowed: >= 0", w,
                                 in->required_fte[w]);
        if (in->required_fte_net != NULL &&
            (!isfinite(in->required_fte_net[w]) || in->required_fte_net[w] < 0))
            return cc_error_setf(err, CC_EINVAL,
                                 "required net FTE of week %zu is %g; allowed: >= 0", w,
                                 in->required_fte_net[w]);
    }
    if (!isfinite(in->hours_per_fte_week) || in->hours_per_fte_week <= 0)
        return cc_error_setf(err, CC_EINVAL, "'hours_per_fte_week' is %g; allowed: > 0",
                             in->hours_per_fte_week);
    if (!isfinite(in->headcount) || in->headcount < 0)
        return cc_error_setf(err, CC_EINVAL, "'headcount' is %g; allowed: >= 0", in->headcount);
    if (!isfinite(in->attrition_monthly) || in->attrition_monthly < 0 ||
        in->attrition_monthly >= 1)
        return cc_error_setf(err, CC_EINVAL, "'attrition_monthly' is %g; allowed: [0, 1)",
                             in->attrition_monthly);
    if (in->lead_weeks < 0 || in->training_weeks < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "'lead_weeks' %d and 'training_weeks' %d must not be negative",
                             in->lead_weeks, in->training_weeks);
    if (!isfinite(in->overtime_cap) || in->overtime_cap < 0)
        return cc_error_setf(err, CC_EINVAL, "'overtime_cap' is %g; allowed: >= 0",
                             in->overtime_cap);
    if (in->policy != CC_HIRE_TO_REQUIRED && in->policy != CC_HIRE_BEYOND_OVERTIME)
        return cc_error_setf(err, CC_EINVAL, "unknown hire policy %d", (int)in->policy);
    if (!(in->cost_per_paid_hour >= 0) || !(in->overtime_cost_per_hour >= 0) ||
        !(in->vendor_cost_per_hour >= 0) || !(in->cost_per_hire >= 0) ||
        !isfinite(in->cost_per_paid_hour + in->overtime_cost_per_hour +
                  in->vendor_cost_per_hour + in->cost_per_hire))
        return cc_error_setf(err, CC_EINVAL, "costs must be finite and not negative");
    return CC_OK;
}

cc_status cc_plan_headcount(const cc_headcount_input *in, cc_headcount_week *weeks,
                             cc_headcount_totals *totals, cc_error *err)
{
    size_t n, lead, train, first;
    double a, hours;
    long *starts;
    cc_headcount_totals t;
    cc_status st;

    assert(in != NULL && weeks != NULL);
    if ((st = check_input(in, err)) != CC_OK)
        return st;
    n = in->n_weeks;
    lead = (size_t)in->lead_weeks;
    train = (size_t)in->training_weeks;
    first = lead + train;
    hours = in->hours_per_fte_week;
    a = 1.0 - pow(1.0 - in->attrition_monthly, 12.0 / 52.0);
    starts = cc_xcalloc(n, sizeof *starts);
    memset(weeks, 0, n * sizeof *weeks);
    memset(&t, 0, sizeof t);
    t.weekly_attrition = a;
    t.first_hire_week = first;

    /* Pass 1: productive FTE and hires, week by week. */
    for (size_t w = 0; w < n; w++) {
        cc_headcount_week *row = &weeks[w];
        double base = w == 0 ? in->headcount : weeks[w - 1].available_fte - weeks[w - 1].leavers;
        double target = in->required_fte[w];

        if (in->policy == CC_HIRE_BEYOND_OVERTIME)
            target /= 1.0 + in->overtime_cap;
        if (w >= first && base < target - FTE_SLACK) {
            starts[w - train] = (long)ceil(target - base - FTE_SLACK);
            base += (double)starts[w - train];
        }
        row->required_fte = in->required_fte[w];
        row->required_fte_net = in->required_fte_net != NULL ? in->required_fte_net[w] : 0.0;
        row->available_fte = base;
        row->leavers = base * a;
    }

    /* Pass 2: trainees, decisions, gap cover and costs. */
    for (size_t w = 0; w < n; w++) {
        cc_headcount_week *row = &weeks[w];
        double gap_hours;

        for (size_t s = w + 1 > train ? w + 1 - train : 0; s <= w && train > 0; s++)
            row->trainees += (double)starts[s];
        row->hires_starting = starts[w];
        row->hires_decided = w + lead < n ? starts[w + lead] : 0;
        row->gap_fte = row->required_fte - row->available_fte;
        row->gap_pct = row->required_fte > 0 ? row->gap_fte / row->required_fte : 0.0;
        gap_hours = row->gap_fte > FTE_SLACK ? row->gap_fte * hours : 0.0;
        row->overtime_hours = fmin(gap_hours, in->overtime_cap * row->available_fte * hours);
        row->vendor_hours = gap_hours - row->overtime_hours;
        row->cost_inhouse = (row->available_fte + row->trainees) * hours * in->cost_per_paid_hour;
        row->cost_overtime = row->overtime_hours * in->overtime_cost_per_hour;
        row->cost_vendor = row->vendor_hours * in->vendor_cost_per_hour;
        row->cost_hiring = (double)row->hires_starting * in->cost_per_hire;
        row->cost_total = row->cost_inhouse + row->cost_overtime + row->cost_vendor +
                          row->cost_hiring;

        t.hires += row->hires_starting;
        if (row->gap_fte > FTE_SLACK)
            t.weeks_short++;
        t.overtime_hours += row->overtime_hours;
        t.vendor_hours += row->vendor_hours;
        t.cost_total += row->cost_total;
    }
    free(starts);
    if (totals != NULL)
        *totals = t;
    return CC_OK;
}
