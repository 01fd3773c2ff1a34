/*
 * Shift plan: how many agents start on each allowed shift template (a rule
 * at one start time and one length) on each day so that coverage meets the
 * requirement at the fewest paid hours, as an integer programme solved with
 * GLPK (see "solving" below for the stages). Long horizons are cut into
 * blocks of days solved in order; a shift that runs past the end of a block
 * is fixed coverage for the next one.
 *
 * Breaks with a window are placed implicitly (Bechtold & Jacobs 1990,
 * Management Science 36(11); compared with the explicit model in Aykin 2000,
 * EJOR 125): one integer variable per break kind and start interval, not one
 * per shift and placement. The explicit model multiplies the templates by
 * the placements of every break: the benchmark rules (35 starts x 11
 * lengths, a 5-placement break on 6 of them) grow from 385 to 1,225
 * variables a day, and a second windowed break multiplies again; the
 * implicit one adds about 40 break variables a day. A break kind (length,
 * pay, window offsets) has windows of one width, so windows never nest out
 * of order (no "extraordinary overlap") and the breaks can be handed out
 * first-window-first exactly when, at every interval t, the breaks started
 * by t lie between the shifts whose window closed by t and those whose
 * window opened by t. A backlog column per interval (shifts still waiting
 * for their break) keeps these rows sparse. The hand-out is done after the
 * solve; the breaks of one shift have disjoint windows, so each kind is
 * handed out on its own.
 */
#include <assert.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_plan.h"
#include "plan/planner_internal.h"
#include "plan/roster_solve.h"

#define DAY_S 86400.0
#define CEIL_SLACK 1e-9
#define DEFAULT_UNDER_PENALTY 100.0

/* A break of a template, in intervals after the shift start. */
typedef struct tmpl_break {
    size_t from;        /* earliest start (the start when fixed) */
    size_t len;         /* length */
    int paid;           /* 1: paid */
    long cls;           /* break kind placed by the programme; -1 = fixed start */
} tmpl_break;

/* One expanded template: a rule at one start time and one length, in whole intervals. */
typedef struct shift_template {
    size_t rule;        /* index into problem->rules */
    double start_s;     /* start, seconds after midnight */
    size_t start;       /* start offset from midnight, intervals */
    size_t length;      /* length, intervals */
    double paid_h;      /* paid hours */
    unsigned days_mask; /* weekdays allowed, bit 0 = Monday */
    size_t group;       /* index of (rule, start): its lengths share min/max agents */
    int multi;          /* 1: the rule has several lengths (min/max are rows, not bounds) */
    double lo;          /* minimum agents per start and day */
    double hi;          /* maximum agents per start and day, 0 = none */
    int part_time;      /* 1: shorter than the part-time threshold */
    int n_brk;          /* breaks, by start */
    tmpl_break brk[CC_SHIFT_MAX_BREAKS];
} shift_template;

/* A break kind placed by the programme: breaks of equal length, pay and window. */
typedef struct break_class {
    size_t len;         /* length, intervals */
    size_t e;           /* earliest start after the shift start, intervals */
    size_t w;           /* window width: latest - earliest, intervals, >= 1 */
    int paid;           /* 1: paid */
} break_class;

/* The expanded rules. */
typedef struct template_set {
    shift_template *t;  /* templates by rule, start, length */
    size_t n;
    break_class *cls;   /* break kinds */
    size_t n_cls;
} template_set;

/* Whole number of intervals in `x` seconds, or -1 when it is not whole. */
static long whole_intervals(double x, double interval_s)
{
    double q = x / interval_s, r = nearbyint(q);
    if (!isfinite(q) || fabs(q - r) > 1e-9 || r < 0)
        return -1;
    return (long)r;
}

static const char *rule_name(const cc_shift_rule *r)
{
    return r->name != NULL ? r->name : "";
}

/* ---- rules -------------------------------------------------------------- */

static double longest(const cc_shift_rule *r)
{
    return r->max_length_s > r->length_s ? r->max_length_s : r->length_s;
}

static double length_step(const cc_shift_rule *r, double interval_s)
{
    if (r->length_step_s > 0)
        return r->length_step_s;
    return r->start_step_s > 0 ? r->start_step_s : interval_s;
}

/* The breaks of rule r as a list (the legacy break folded in). */
static int rule_breaks(const cc_shift_rule *r, cc_shift_break out[CC_SHIFT_MAX_BREAKS])
{
    if (r->n_breaks > 0) {
        memcpy(out, r->breaks, (size_t)r->n_breaks * sizeof *out);
        return r->n_breaks;
    }
    if (r->break_s > 0) {
        memset(out, 0, sizeof *out);
        out[0].length_s = r->break_s;
        out[0].earliest_s = out[0].latest_s = r->break_offset_s;
        return 1;
    }
    return 0;
}

/* Checks the breaks a shift of `len` seconds of rule r gets: inside it and apart. */
static cc_status check_breaks_of_length(const cc_shift_rule *r, size_t k, double len,
                                        const cc_shift_break *b, int nb, cc_error *err)
{
    const char *name = rule_name(r);
    for (int i = 0; i < nb; i++) {
        if (!(len > b[i].shifts_over_s))
            continue;
        if (!(b[i].latest_s + b[i].length_s < len))
            return cc_error_setf(err, CC_EINVAL,
                                 "shift rule %zu '%s': break %d (%g s, starting %g s to %g s "
                                 "after the start) does not fit a %g s shift with work after "
                                 "it",
                                 k, name, i + 1, b[i].length_s, b[i].earliest_s, b[i].latest_s,
                                 len);
        for (int j = 0; j < nb; j++) {
            if (j == i || !(len > b[j].shifts_over_s) || b[j].earliest_s < b[i].earliest_s)
                continue;
            if (j < i && b[j].earliest_s == b[i].earliest_s)
                continue; /* the pair is checked once, from its first break */
            if (b[i].latest_s + b[i].length_s > b[j].earliest_s)
                return cc_error_setf(err, CC_EINVAL,
                                     "shift rule %zu '%s': breaks %d and %d of a %g s shift "
                                     "may overlap; a break's window plus its length must end "
                                     "before the next break's window opens",
                                     k, name, i + 1, j + 1, len);
        }
    }
    return CC_OK;
}

static cc_status check_rule(const cc_shift_rule *r, size_t k, double interval_s, cc_error *err)
{
    const char *name = rule_name(r);
    cc_shift_break b[CC_SHIFT_MAX_BREAKS];
    double top = longest(r), step = length_step(r, interval_s);
    int nb;
    cc_status st;

    if (!(r->first_start_s >= 0 && r->first_start_s < DAY_S) ||
        !(r->last_start_s >= r->first_start_s && r->last_start_s < DAY_S))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' starts from %g s to %g s; allowed: 0 <= first "
                             "<= last < 86400",
                             k, name, r->first_start_s, r->last_start_s);
    if (!(r->start_step_s >= 0) ||
        (r->start_step_s == 0 && r->last_start_s != r->first_start_s))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has start step %g s; allowed: > 0 when the "
                             "last start differs from the first",
                             k, name, r->start_step_s);
    if (!(r->length_s > 0) || !(top <= 7 * DAY_S) || !(r->max_length_s >= 0) ||
        !(r->length_step_s >= 0))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' is %g s to %g s long; allowed: (0, 7 days]",
                             k, name, r->length_s, top);
    if (r->n_breaks < 0 || r->n_breaks > CC_SHIFT_MAX_BREAKS ||
        (r->n_breaks > 0 && r->break_s != 0))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has %d breaks and a legacy break of %g s; "
                             "allowed: 0 to %d breaks, or the legacy break alone",
                             k, name, r->n_breaks, r->break_s, CC_SHIFT_MAX_BREAKS);
    if (!(r->break_s >= 0) || !(r->break_offset_s >= 0))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has a break of %g s at %g s; allowed: inside "
                             "the shift and shorter than it",
                             k, name, r->break_s, r->break_offset_s);
    if (whole_intervals(r->first_start_s, interval_s) < 0 ||
        whole_intervals(r->last_start_s, interval_s) < 0 ||
        whole_intervals(r->start_step_s, interval_s) < 0 ||
        whole_intervals(r->length_s, interval_s) < 0 || whole_intervals(top, interval_s) < 0 ||
        whole_intervals(step, interval_s) <= 0 ||
        whole_intervals(r->break_offset_s, interval_s) < 0 ||
        whole_intervals(r->break_s, interval_s) < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has a start, step, length or break that is not "
                             "a whole number of %g s intervals",
                             k, name, interval_s);
    if (whole_intervals(top - r->length_s, step) < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s': lengths %g s to %g s are not whole steps of "
                             "%g s apart",
                             k, name, r->length_s, top, step);
    if (!isfinite(r->paid_s) || r->paid_s < 0 || (r->paid_s > 0 && top != r->length_s))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' pays %g s; allowed: >= 0, and 0 (worked out "
                             "from the breaks) with a range of lengths",
                             k, name, r->paid_s);
    nb = rule_breaks(r, b);
    for (int i = 0; i < nb; i++)
        if (!(b[i].length_s > 0) || !(b[i].earliest_s >= 0) ||
            !(b[i].latest_s >= b[i].earliest_s) || !(b[i].shifts_over_s >= 0) ||
            whole_intervals(b[i].length_s, interval_s) < 0 ||
            whole_intervals(b[i].earliest_s, interval_s) < 0 ||
            whole_intervals(b[i].latest_s, interval_s) < 0)
            return cc_error_setf(err, CC_EINVAL,
                                 "shift rule %zu '%s': break %d is %g s long from %g s to %g s "
                                 "after the start; allowed: > 0, 0 <= earliest <= latest, whole "
                                 "intervals of %g s",
                                 k, name, i + 1, b[i].length_s, b[i].earliest_s, b[i].latest_s,
                                 interval_s);
    for (double len = r->length_s; len <= top + 1e-6; len += step) {
        double unpaid = 0.0;
        if ((st = check_breaks_of_length(r, k, len, b, nb, err)) != CC_OK)
            return st;
        for (int i = 0; i < nb; i++)
            if (len > b[i].shifts_over_s && !b[i].paid)
                unpaid += b[i].length_s;
        if (!((r->paid_s > 0 ? r->paid_s : len - unpaid) > 0))
            return cc_error_setf(err, CC_EINVAL, "shift rule %zu '%s' pays %g s; allowed: > 0",
                                 k, name, r->paid_s > 0 ? r->paid_s : len - unpaid);
    }
    if (r->min_agents < 0 || r->max_agents < 0 ||
        (r->max_agents > 0 && r->max_agents < r->min_agents))
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' allows %ld to %ld agents; allowed: 0 <= min <= "
                             "max (max 0 = no limit)",
                             k, name, r->min_agents, r->max_agents);
    if (r->days_mask > 0x7fu)
        return cc_error_setf(err, CC_EINVAL,
                             "shift rule %zu '%s' has days mask 0x%x; allowed: bits 0 (Monday) "
                             "to 6 (Sunday)",
                             k, name, r->days_mask);
    return CC_OK;
}

static cc_status check_problem(const cc_shift_problem *p, cc_error *err)
{
    long per_day;
    cc_status st;

    if (!(p->interval_s > 0) || (per_day = whole_intervals(DAY_S, p->interval_s)) <= 0)
        return cc_error_setf(err, CC_EINVAL,
                             "interval of %g s does not divide a day into whole intervals",
                             p->interval_s);
    if (p->n_intervals == 0 || p->required == NULL || p->n_intervals % (size_t)per_day != 0)
        return cc_error_setf(err, CC_EINVAL,
                             "the shift plan needs whole days of intervals; got %zu intervals of "
                             "%g s",
                             p->n_intervals, p->interval_s);
    for (size_t i = 0; i < p->n_intervals; i++)
        if (!isfinite(p->required[i]) || p->required[i] < 0)
            return cc_error_setf(err, CC_EINVAL,
                                 "requirement of interval %zu is %g; allowed: >= 0", i,
                                 p->required[i]);
    if (p->first_weekday < 0 || p->first_weekday > 6)
        return cc_error_setf(err, CC_EINVAL, "'first_weekday' is %d; allowed: 0 (Monday) to 6",
                             p->first_weekday);
    if (p->n_rules == 0 || p->rules == NULL)
        return cc_error_setf(err, CC_EINVAL, "the shift plan needs at least one shift rule");
    if (!(p->under_penalty >= 0) || !isfinite(p->under_penalty) || !(p->time_limit_s >= 0) ||
        !(p->mip_gap >= 0) || p->block_days < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "under_penalty %g, time_limit_s %g, mip_gap %g and block_days %d "
                             "must not be negative",
                             p->under_penalty, p->time_limit_s, p->mip_gap, p->block_days);
    if (!(p->part_time_below_s >= 0) || !isfinite(p->part_time_below_s) ||
        !(p->part_time_max_share >= 0 && p->part_time_max_share <= 1))
        return cc_error_setf(err, CC_EINVAL,
                             "part-time threshold %g s and share %g; allowed: threshold >= 0, "
                             "share in [0, 1]",
                             p->part_time_below_s, p->part_time_max_share);
    for (size_t k = 0; k < p->n_rules; k++)
        if ((st = check_rule(&p->rules[k], k, p->interval_s, err)) != CC_OK)
            return st;
    return CC_OK;
}

/* The kind of a windowed break, added when new. */
static long class_of(template_set *ts, size_t *cap, size_t len, size_t e, size_t w, int paid)
{
    for (size_t c = 0; c < ts->n_cls; c++)
        if (ts->cls[c].len == len && ts->cls[c].e == e && ts->cls[c].w == w &&
            ts->cls[c].paid == paid)
            return (long)c;
    if (ts->n_cls == *cap) {
        *cap = *cap ? 2 * *cap : 4;
        ts->cls = cc_xrealloc(ts->cls, *cap * sizeof *ts->cls);
    }
    ts->cls[ts->n_cls] = (break_class){len, e, w, paid};
    return (long)ts->n_cls++;
}

/* The breaks of a shift of `len` intervals of rule r, sorted by start; returns unpaid seconds. */
static double template_breaks(const cc_shift_rule *r, double dt, size_t len,
                              template_set *ts, size_t *cls_cap, shift_template *t)
{
    cc_shift_break b[CC_SHIFT_MAX_BREAKS];
    int nb = rule_breaks(r, b);
    double unpaid = 0.0;

    t->n_brk = 0;
    for (int i = 0; i < nb; i++) {
        tmpl_break *x;
        size_t e, l;
        if (!((double)len * dt > b[i].shifts_over_s))
            continue;
        e = (size_t)whole_intervals(b[i].earliest_s, dt);
        l = (size_t)whole_intervals(b[i].latest_s, dt);
        x = &t->brk[t->n_brk++];
        x->from = e;
        x->len = (size_t)whole_intervals(b[i].length_s, dt);
        x->paid = b[i].paid != 0;
        x->cls = l > e ? class_of(ts, cls_cap, x->len, e, l - e, x->paid) : -1;
        if (!x->paid)
            unpaid += b[i].length_s;
    }
    for (int i = 1; i < t->n_brk; i++) /* insertion sort: at most CC_SHIFT_MAX_BREAKS */
        for (int j = i; j > 0 && t->brk[j].from < t->brk[j - 1].from; j--) {
            tmpl_break tmp = t->brk[j];
            t->brk[j] = t->brk[j - 1];
            t->brk[j - 1] = tmp;
        }
    return unpaid;
}

static void expand_templates(const cc_shift_problem *p, template_set *ts)
{
    size_t cap = 16, cls_cap = 0, group = 0;
    double dt = p->interval_s;

    memset(ts, 0, sizeof *ts);
    ts->t = cc_xmalloc(cap * sizeof *ts->t);
    for (size_t k = 0; k < p->n_rules; k++) {
        const cc_shift_rule *r = &p->rules[k];
        long first = whole_intervals(r->first_start_s, dt);
        long last = whole_intervals(r->last_start_s, dt);
        long step = whole_intervals(r->start_step_s, dt);
        long l0 = whole_intervals(r->length_s, dt), l1 = whole_intervals(longest(r), dt);
        long lstep = whole_intervals(length_step(r, dt), dt);
        for (long s = first; s <= last; s += step > 0 ? step : 1, group++) {
            for (long len = l0; len <= l1; len += lstep) {
                shift_template *t;
                double unpaid;
                if (ts->n == cap) {
                    cap *= 2;
                    ts->t = cc_xrealloc(ts->t, cap * sizeof *ts->t);
                }
                t = &ts->t[ts->n++];
                t->rule = k;
                t->start = (size_t)s;
                t->start_s = (double)s * dt;
                t->length = (size_t)len;
                t->group = group;
                t->multi = l1 > l0;
                unpaid = template_breaks(r, dt, (size_t)len, ts, &cls_cap, t);
                t->paid_h = (r->paid_s > 0 ? r->paid_s : (double)len * dt - unpaid) / 3600.0;
                t->days_mask = r->days_mask != 0 ? r->days_mask : 0x7fu;
                t->lo = (double)r->min_agents;
                t->hi = (double)r->max_agents;
                t->part_time = (double)len * dt < p->part_time_below_s - 1e-6;
            }
            if (step <= 0)
                break;
        }
    }
}

/* Break starts of one agent, intervals after the shift start, in the template's break order. */
typedef struct placement {
    size_t from[CC_SHIFT_MAX_BREAKS];
} placement;

/* 1 when an agent of template t with breaks at `pl` is on duty k intervals after the start. */
static int on_duty(const shift_template *t, const placement *pl, size_t k)
{
    for (int b = 0; b < t->n_brk; b++)
        if (k >= pl->from[b] && k < pl->from[b] + t->brk[b].len)
            return 0;
    return 1;
}

/* 1 when some placement of the breaks leaves an agent of t on duty at offset k. */
static int may_be_on_duty(const shift_template *t, const break_class *cls, size_t k)
{
    for (int b = 0; b < t->n_brk; b++) {
        const tmpl_break *x = &t->brk[b];
        size_t w = x->cls >= 0 ? cls[x->cls].w : 0;
        if (k >= x->from + w && k < x->from + x->len) /* inside every placement */
            return 0;
    }
    return 1;
}

/* The placement with every break at its earliest start (the fixed starts). */
static void earliest(const shift_template *t, placement *pl)
{
    for (int b = 0; b < t->n_brk; b++)
        pl->from[b] = t->brk[b].from;
}

/* ---- one block ---------------------------------------------------------- */

/* A variable of a block: a template on a day. */
typedef struct block_var {
    long day;       /* day of the horizon, negative = before it */
    size_t tmpl;    /* template index */
} block_var;

/* The break variables of one kind in a block: starts tau0 .. tau0 + n - 1 (absolute intervals). */
typedef struct class_span {
    long tau0;      /* first break start */
    size_t n;       /* break starts spanned, 0 = no shift of the block has this kind */
    int *w_col;     /* column of the breaks starting at tau0 + k, 0 = none */
} class_span;

/* The programme of one block: rows for intervals [i0, i_end), kept starts before day d1. */
typedef struct block_model {
    size_t i0, i_end;       /* intervals with coverage rows (block plus look-ahead) */
    long d0, d1;            /* the block's own days [d0, d1); starts on days < d1 are kept */
    size_t n_vars;          /* shift variables */
    block_var *vars;        /* the shift variables */
    int *row_of;            /* row (1-based) of interval i0 + k, 0 = no row */
    size_t n_rows;          /* coverage rows */
    class_span *spans;      /* [n_cls] break variables */
    size_t n_break_vars;    /* break variables */
    size_t own0, own_end;   /* the block's own intervals (service columns live there) */
    int *z_col;             /* [own interval] first service column (1-based), 0 = none */
    size_t *z_n;            /* [own interval] service columns: agents above the floor */
} block_model;

/* First interval of template t on `day`, counted from interval 0 of day 0 (may be negative). */
static long shift_base(size_t per_day, long day, const shift_template *t)
{
    return day * (long)per_day + (long)t->start;
}

static void add_start(cc_shift_plan *plan, size_t *cap, long day, const shift_template *t,
                      const placement *pl, double dt, long agents)
{
    cc_shift_start *s;

    if (plan->n_starts == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        plan->starts = cc_xrealloc(plan->starts, *cap * sizeof *plan->starts);
    }
    s = &plan->starts[plan->n_starts++];
    memset(s, 0, sizeof *s);
    s->day = day;
    s->rule = t->rule;
    s->start_s = t->start_s;
    s->agents = agents;
    s->length_s = (double)t->length * dt;
    s->paid_s = t->paid_h * 3600.0;
    s->n_breaks = t->n_brk;
    for (int b = 0; b < t->n_brk; b++) {
        s->breaks[b].offset_s = (double)pl->from[b] * dt;
        s->breaks[b].length_s = (double)t->brk[b].len * dt;
        s->breaks[b].paid = t->brk[b].paid;
    }
}

/* Adds the duty intervals of `agents` starting on template t on `day` to coverage. */
static void cover(cc_shift_plan *plan, size_t per_day, long day, const shift_template *t,
                  const placement *pl, long agents)
{
    long base = shift_base(per_day, day, t);
    for (size_t k = 0; k < t->length; k++) {
        long i = base + (long)k;
        if (i >= 0 && i < (long)plan->n_intervals && on_duty(t, pl, k))
            plan->coverage[i] += agents;
    }
}

static void describe_interval(const cc_shift_problem *p, size_t i, char *buf, size_t len)
{
    double start = (double)i * p->interval_s;
    long day = (long)floor(start / DAY_S), sec = (long)(start - (double)day * DAY_S);
    snprintf(buf, len, "interval %zu (day %ld %02ld:%02ld)", i, day, sec / 3600,
             (sec % 3600) / 60);
}

/* Days a shift can reach past its start day, so the look-ahead a block needs. */
static size_t reach_days(const template_set *ts, size_t per_day)
{
    size_t reach = 0;
    for (size_t t = 0; t < ts->n; t++) {
        size_t r = (ts->t[t].start + ts->t[t].length - 1) / per_day;
        if (r > reach)
            reach = r;
    }
    return reach;
}

/*
 * Agents above the floor that count in interval i: the steps up to the last
 * with a gain in some measure (0 without service rows).
 */
static size_t service_steps(const cc_shift_problem *p, size_t i)
{
    const cc_shift_service *sv = p->service;
    size_t last = 0;
    if (!sv)
        return 0;
    for (size_t m = 0; m < sv->n_measures; m++) {
        const double *g = &sv->gain[(m * p->n_intervals + i) * sv->steps];
        for (size_t k = sv->steps; k > last; k--) {
            if (g[k - 1] > 1e-12) {
                last = k;
                break;
            }
        }
    }
    return last;
}

static void build_model(const cc_shift_problem *p, const template_set *ts, size_t d0, size_t d1,
                        const cc_shift_plan *plan, block_model *m)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    size_t days = p->n_intervals / per_day;
    size_t la = reach_days(ts, per_day);
    size_t d_end = d1 + la < days ? d1 + la : days;
    long first_day = d0 == 0 ? -(long)la : (long)d0;

    memset(m, 0, sizeof *m);
    m->i0 = d0 * per_day;
    m->i_end = d_end * per_day;
    m->d0 = (long)d0;
    m->d1 = (long)d1;
    m->row_of = cc_xcalloc(m->i_end - m->i0, sizeof *m->row_of);
    m->own0 = d0 * per_day;
    m->own_end = d1 * per_day;
    for (size_t i = m->i0; i < m->i_end; i++)
        if (plan->needed[i] > plan->coverage[i] ||
            (i < m->own_end && service_steps(p, i) > 0))
            m->row_of[i - m->i0] = (int)++m->n_rows;
    m->vars = cc_xmalloc(((size_t)((long)d_end - first_day) * ts->n + 1) * sizeof *m->vars);
    for (long d = first_day; d < (long)d_end; d++) {
        unsigned wd = (unsigned)(((d + p->first_weekday) % 7 + 7) % 7);
        for (size_t t = 0; t < ts->n; t++) {
            if (!(ts->t[t].days_mask & (1u << wd)))
                continue;
            /* Days before the horizon only for shifts reaching into it. */
            if (d < 0 && shift_base(per_day, d, &ts->t[t]) + (long)ts->t[t].length <= 0)
                continue;
            m->vars[m->n_vars].day = d;
            m->vars[m->n_vars].tmpl = t;
            m->n_vars++;
        }
    }
    m->spans = cc_xcalloc(ts->n_cls + 1, sizeof *m->spans);
}

static void free_model(block_model *m, size_t n_cls)
{
    for (size_t c = 0; c < n_cls; c++)
        free(m->spans[c].w_col);
    free(m->spans);
    free(m->vars);
    free(m->row_of);
    free(m->z_col);
    free(m->z_n);
}

/* Under hard coverage, names the first interval no allowed shift can reach. */
static cc_status check_reachable(const cc_shift_problem *p, const template_set *ts,
                                 const block_model *m, const cc_shift_plan *plan, cc_error *err)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    char *covered = cc_xcalloc(m->i_end - m->i0, 1);
    cc_status st = CC_OK;

    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &ts->t[m->vars[v].tmpl];
        long base = shift_base(per_day, m->vars[v].day, t);
        for (size_t k = 0; k < t->length; k++) {
            long i = base + (long)k;
            if (i >= (long)m->i0 && i < (long)m->i_end && may_be_on_duty(t, ts->cls, k))
                covered[i - (long)m->i0] = 1;
        }
    }
    for (size_t i = m->i0; i < m->i_end; i++)
        if (m->row_of[i - m->i0] && !covered[i - m->i0]) {
            char where[64];
            describe_interval(p, i, where, sizeof where);
            st = cc_error_setf(err, CC_EINFEASIBLE,
                               "%s needs %ld agents but no allowed shift covers it; allow soft "
                               "coverage or add a shift rule",
                               where, plan->needed[i] - plan->coverage[i]);
            break;
        }
    free(covered);
    return st;
}

/* ---- the programme of a block -------------------------------------------- */

/* The constraint matrix as (row, column, value) triplets, 1-based as GLPK wants. */
typedef struct triplets {
    size_t n, cap;
    int *ia, *ja;
    double *ar;
} triplets;

static void put(triplets *x, int row, int col, double v)
{
    if (x->n + 1 >= x->cap) {
        x->cap = x->cap ? 2 * x->cap : 1024;
        x->ia = cc_xrealloc(x->ia, x->cap * sizeof *x->ia);
        x->ja = cc_xrealloc(x->ja, x->cap * sizeof *x->ja);
        x->ar = cc_xrealloc(x->ar, x->cap * sizeof *x->ar);
    }
    x->n++;
    x->ia[x->n] = row;
    x->ja[x->n] = col;
    x->ar[x->n] = v;
}

static int new_row(glp_prob *lp, int type, double lb, double ub)
{
    int r = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, r, type, lb, ub);
    return r;
}

static int new_col(glp_prob *lp, int kind, double obj)
{
    int c = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, c, kind);
    glp_set_col_bnds(lp, c, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp, c, obj);
    return c;
}

/* The coverage row of absolute interval i, 0 when it has none. */
static int row_at(const block_model *m, long i)
{
    if (i < (long)m->i0 || i >= (long)m->i_end)
        return 0;
    return m->row_of[i - (long)m->i0];
}

/* The ordinal of kind c among template t's breaks, -1 when t has none of it. */
static int break_of_class(const shift_template *t, size_t c)
{
    for (int b = 0; b < t->n_brk; b++)
        if (t->brk[b].cls == (long)c)
            return b;
    return -1;
}

/*
 * Break variables and linking rows of kind c. With a = the first start of a
 * shift's window and W its width, the shift takes one break starting in
 * [a, a + W]. Per break start tau: w = breaks starting at tau; q = shifts
 * whose window has opened and who have no break yet (the backlog):
 *   q[tau] = q[tau - 1] + (shifts with a = tau) - w[tau]          (balance)
 *   q[tau] <= shifts with tau - W < a <= tau                       (deadline)
 * so every shift gets a break inside its window, first window first.
 */
static void add_break_kind(const shift_template *tm, const break_class *k, size_t c,
                           size_t per_day, block_model *m, glp_prob *lp, triplets *x)
{
    class_span *sp = &m->spans[c];
    long amin = LONG_MAX, amax = LONG_MIN;
    int *bal, *cap, *q;
    char *covered, *open;

    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &tm[m->vars[v].tmpl];
        int b = break_of_class(t, c);
        long a;
        if (b < 0)
            continue;
        a = shift_base(per_day, m->vars[v].day, t) + (long)t->brk[b].from;
        amin = a < amin ? a : amin;
        amax = a > amax ? a : amax;
    }
    if (amin > amax)
        return;
    sp->tau0 = amin;
    sp->n = (size_t)(amax - amin) + k->w + 1;
    sp->w_col = cc_xcalloc(sp->n, sizeof *sp->w_col);
    bal = cc_xcalloc(sp->n, sizeof *bal);
    cap = cc_xcalloc(sp->n, sizeof *cap);
    q = cc_xcalloc(sp->n, sizeof *q);
    covered = cc_xcalloc(sp->n, 1);
    open = cc_xcalloc(sp->n, 1);
    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &tm[m->vars[v].tmpl];
        int b = break_of_class(t, c);
        size_t a;
        if (b < 0)
            continue;
        a = (size_t)(shift_base(per_day, m->vars[v].day, t) + (long)t->brk[b].from - amin);
        for (size_t j = 0; j <= k->w; j++)
            covered[a + j] = 1;
        for (size_t j = 0; j < k->w; j++)
            open[a + j] = 1;
    }
    for (size_t j = 0; j < sp->n; j++) {
        if (!covered[j])
            continue;
        sp->w_col[j] = new_col(lp, GLP_IV, 0.0);
        m->n_break_vars++;
        for (size_t o = 0; o < k->len; o++) {
            int r = row_at(m, sp->tau0 + (long)(j + o));
            if (r)
                put(x, r, sp->w_col[j], -1.0);
        }
        if (open[j]) {
            q[j] = new_col(lp, GLP_CV, 0.0);
            cap[j] = new_row(lp, GLP_UP, 0.0, 0.0);
            put(x, cap[j], q[j], 1.0);
        }
        bal[j] = new_row(lp, GLP_FX, 0.0, 0.0);
        put(x, bal[j], sp->w_col[j], 1.0);
        if (q[j])
            put(x, bal[j], q[j], 1.0);
        if (j > 0 && q[j - 1])
            put(x, bal[j], q[j - 1], -1.0);
    }
    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &tm[m->vars[v].tmpl];
        int b = break_of_class(t, c);
        size_t a;
        if (b < 0)
            continue;
        a = (size_t)(shift_base(per_day, m->vars[v].day, t) + (long)t->brk[b].from - amin);
        put(x, bal[a], (int)v + 1, -1.0);
        for (size_t j = 0; j < k->w; j++)
            put(x, cap[a + j], (int)v + 1, -1.0);
    }
    free(bal);
    free(cap);
    free(q);
    free(covered);
    free(open);
}

/* Min/max agents of a start shared by the lengths of a rule: one row per start and day. */
static void add_group_rows(const shift_template *tm, const block_model *m, glp_prob *lp,
                           triplets *x)
{
    size_t v = 0;
    while (v < m->n_vars) {
        const shift_template *t = &tm[m->vars[v].tmpl];
        size_t end = v + 1;
        double lo = m->vars[v].day < 0 ? 0.0 : t->lo;
        int r;
        while (end < m->n_vars && m->vars[end].day == m->vars[v].day &&
               tm[m->vars[end].tmpl].group == t->group)
            end++;
        if (t->multi && (lo > 0 || t->hi > 0)) {
            r = t->hi > 0 ? new_row(lp, t->hi > lo ? GLP_DB : GLP_FX, lo, t->hi)
                          : new_row(lp, GLP_LO, lo, 0.0);
            for (size_t u = v; u < end; u++)
                put(x, r, (int)u + 1, 1.0);
        }
        v = end;
    }
}

/*
 * The part-time share of each 7-day week the block's own days touch:
 * part-time <= share x all, over the week's starts kept so far and the
 * block's own variables of that week.
 */
static void add_part_time_rows(const cc_shift_problem *p, const shift_template *tm,
                               const block_model *m, const cc_shift_plan *plan, glp_prob *lp,
                               triplets *x)
{
    double share = p->part_time_max_share;

    if (!(p->part_time_below_s > 0) || share >= 1.0)
        return;
    for (long w = m->d0 / 7; w * 7 < m->d1; w++) {
        long from = w * 7 > m->d0 ? w * 7 : m->d0, to = w * 7 + 7 < m->d1 ? w * 7 + 7 : m->d1;
        double fixed_all = 0.0, fixed_pt = 0.0;
        int r = 0;
        for (size_t s = 0; s < plan->n_starts; s++) {
            const cc_shift_start *st = &plan->starts[s];
            if (st->day < w * 7 || st->day >= from)
                continue;
            fixed_all += (double)st->agents;
            if (st->length_s < p->part_time_below_s - 1e-6)
                fixed_pt += (double)st->agents;
        }
        for (size_t v = 0; v < m->n_vars; v++) {
            const shift_template *t = &tm[m->vars[v].tmpl];
            if (m->vars[v].day < from || m->vars[v].day >= to)
                continue;
            if (r == 0)
                r = new_row(lp, GLP_UP, 0.0, share * fixed_all - fixed_pt);
            put(x, r, (int)v + 1, t->part_time ? 1.0 - share : -share);
        }
    }
}

/*
 * Service columns and rows (cc_shift_service): in each of the block's own
 * intervals, one column in [0, 1] per agent above the floor, taken off the
 * interval's coverage row (coverage - sum z >= floor); then every service
 * row lying in the block, with a shortfall column at its penalty.
 */
#define SERVICE_TOKEN_COST 1e-5 /* paid hours per service column, times its step */

static void add_service(const cc_shift_problem *p, block_model *m, glp_prob *lp, triplets *x)
{
    const cc_shift_service *sv = p->service;
    size_t own = m->own_end - m->own0;
    if (!sv)
        return;
    m->z_col = cc_xcalloc(own ? own : 1, sizeof *m->z_col);
    m->z_n = cc_xcalloc(own ? own : 1, sizeof *m->z_n);
    for (size_t i = m->own0; i < m->own_end; i++) {
        size_t n = service_steps(p, i);
        int r = row_at(m, (long)i);
        if (n == 0 || !r)
            continue;
        m->z_n[i - m->own0] = n;
        for (size_t k = 0; k < n; k++) {
            /* A token cost, so the plan's `needed` counts only the agents the rows use. */
            int col = new_col(lp, GLP_CV, SERVICE_TOKEN_COST * (double)(k + 1));
            glp_set_col_bnds(lp, col, GLP_DB, 0.0, 1.0);
            if (k == 0)
                m->z_col[i - m->own0] = col;
            put(x, r, col, -1.0);
        }
    }
    for (size_t q = 0; q < sv->n_rows; q++) {
        const cc_service_row *sr = &sv->rows[q];
        int row;
        if (sr->first < m->own0 || sr->last >= m->own_end || sr->first > sr->last ||
            !(sr->need > 0))
            continue;
        row = new_row(lp, GLP_LO, sr->need, 0.0);
        for (size_t i = sr->first; i <= sr->last; i++) {
            const double *g = &sv->gain[(sr->measure * p->n_intervals + i) * sv->steps];
            int col = m->z_col[i - m->own0];
            for (size_t k = 0; col && k < m->z_n[i - m->own0]; k++)
                if (g[k] > 1e-12)
                    put(x, row, col + (int)k, g[k]);
        }
        if (sr->penalty > 0)
            put(x, row, new_col(lp, GLP_CV, sr->penalty), 1.0);
    }
}

/* After a block's solve: the floor plus the service agents its rows used. */
static void record_service_need(const cc_shift_problem *p, const block_model *m,
                                const double *val, cc_shift_plan *plan)
{
    if (!p->service || !m->z_col)
        return;
    for (size_t i = m->own0; i < m->own_end; i++) {
        int col = m->z_col[i - m->own0];
        double used = 0.0;
        for (size_t k = 0; col && k < m->z_n[i - m->own0]; k++)
            used += val[col + (int)k];
        plan->needed[i] += (long)ceil(used - 1e-6);
    }
}

static glp_prob *build_lp(const cc_shift_problem *p, const template_set *ts, block_model *m,
                          const cc_shift_plan *plan)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    double hours = p->interval_s / 3600.0;
    double penalty = p->under_penalty > 0 ? p->under_penalty : DEFAULT_UNDER_PENALTY;
    glp_prob *lp = glp_create_prob();
    triplets x = {0};

    glp_set_obj_dir(lp, GLP_MIN);
    if (m->n_rows > 0)
        glp_add_rows(lp, (int)m->n_rows);
    for (size_t i = m->i0; i < m->i_end; i++) {
        int r = m->row_of[i - m->i0];
        if (r)
            glp_set_row_bnds(lp, r, GLP_LO, (double)(plan->needed[i] - plan->coverage[i]), 0.0);
    }
    if (m->n_vars > 0)
        glp_add_cols(lp, (int)m->n_vars);
    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &ts->t[m->vars[v].tmpl];
        int col = (int)v + 1;
        long base = shift_base(per_day, m->vars[v].day, t);
        /* The minimum applies inside the horizon; carried-in night shifts are optional. */
        double lo = m->vars[v].day < 0 || t->multi ? 0.0 : t->lo;
        double hi = t->multi ? 0.0 : t->hi;
        placement pl;
        glp_set_col_kind(lp, col, GLP_IV);
        if (hi > 0)
            glp_set_col_bnds(lp, col, hi > lo ? GLP_DB : GLP_FX, lo, hi);
        else
            glp_set_col_bnds(lp, col, GLP_LO, lo, 0.0);
        glp_set_obj_coef(lp, col, t->paid_h);
        /* Off for fixed breaks; the break variables take windowed ones off. */
        earliest(t, &pl);
        for (size_t k = 0; k < t->length; k++) {
            int r = row_at(m, base + (long)k);
            int fixed_off = 0;
            for (int b = 0; b < t->n_brk; b++)
                fixed_off |= t->brk[b].cls < 0 && k >= pl.from[b] &&
                             k < pl.from[b] + t->brk[b].len;
            if (r && !fixed_off)
                put(&x, r, col, 1.0);
        }
    }
    if (p->soft_coverage) {
        for (size_t r = 1; r <= m->n_rows; r++) {
            int col = new_col(lp, GLP_CV, penalty * hours);
            put(&x, (int)r, col, 1.0);
        }
    }
    for (size_t c = 0; c < ts->n_cls; c++)
        add_break_kind(ts->t, &ts->cls[c], c, per_day, m, lp, &x);
    add_group_rows(ts->t, m, lp, &x);
    add_part_time_rows(p, ts->t, m, plan, lp, &x);
    add_service(p, m, lp, &x);
    glp_load_matrix(lp, (int)x.n, x.ia, x.ja, x.ar);
    free(x.ia);
    free(x.ja);
    free(x.ar);
    return lp;
}

/* ---- the solution of a block -------------------------------------------- */

/* One shift variable waiting for breaks of one kind: its window opens at a. */
typedef struct waiting {
    long a;         /* first break start of the window, absolute interval */
    size_t v;       /* shift variable */
} waiting;

static int cmp_waiting(const void *x, const void *y)
{
    const waiting *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

/*
 * Hands out the breaks of every windowed kind, first window first: slot
 * (j, b) of variable v (agent j, break b) gets its start in
 * from[off[v] + j * n_brk + b], intervals after the shift start.
 */
static cc_status hand_out_breaks(const cc_shift_problem *p, const template_set *ts,
                                 const block_model *m, const double *val, const long *x,
                                 const size_t *off, size_t *from, cc_error *err)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    waiting *wl = cc_xmalloc((m->n_vars + 1) * sizeof *wl);
    cc_status st = CC_OK;

    for (size_t c = 0; c < ts->n_cls && st == CC_OK; c++) {
        const class_span *sp = &m->spans[c];
        size_t n = 0, j = 0;
        long left = 0; /* breaks left at start sp->tau0 + j */
        if (sp->n == 0)
            continue;
        for (size_t v = 0; v < m->n_vars; v++) {
            const shift_template *t = &ts->t[m->vars[v].tmpl];
            int b = break_of_class(t, c);
            if (b < 0 || x[v] == 0)
                continue;
            wl[n].a = shift_base(per_day, m->vars[v].day, t) + (long)t->brk[b].from;
            wl[n].v = v;
            n++;
        }
        qsort(wl, n, sizeof *wl, cmp_waiting);
        for (size_t q = 0; q < n && st == CC_OK; q++) {
            const shift_template *t = &ts->t[m->vars[wl[q].v].tmpl];
            int b = break_of_class(t, c);
            for (long a = 0; a < x[wl[q].v]; a++) {
                long tau;
                while (left == 0 && j < sp->n) {
                    left = sp->w_col[j] ? lround(val[sp->w_col[j]]) : 0;
                    if (left == 0)
                        j++;
                }
                tau = sp->tau0 + (long)j;
                if (left == 0 || tau < wl[q].a || tau > wl[q].a + (long)ts->cls[c].w) {
                    st = cc_error_setf(err, CC_ENUMERIC,
                                       "the breaks of the integer programme cannot be handed "
                                       "out to its shifts (kind %zu)",
                                       c);
                    break;
                }
                from[off[wl[q].v] + (size_t)a * (size_t)t->n_brk + (size_t)b] =
                    (size_t)(tau - shift_base(per_day, m->vars[wl[q].v].day, t));
                if (--left == 0)
                    j++;
            }
        }
    }
    free(wl);
    return st;
}

/*
 * Keeps the block's own starts: each variable's agents grouped by their
 * break starts (consecutive agents, since every kind is handed out in
 * order), each group one entry of the plan and its coverage.
 */
static cc_status keep_starts(const cc_shift_problem *p, const template_set *ts,
                             const block_model *m, const double *val, cc_shift_plan *plan,
                             size_t *starts_cap, cc_error *err)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    long *x = cc_xmalloc((m->n_vars + 1) * sizeof *x);
    size_t *off = cc_xmalloc((m->n_vars + 1) * sizeof *off), total = 0;
    size_t *from;
    cc_status st;

    for (size_t v = 0; v < m->n_vars; v++) {
        x[v] = lround(val[v + 1]);
        if (x[v] < 0)
            x[v] = 0;
        off[v] = total;
        total += (size_t)x[v] * (size_t)ts->t[m->vars[v].tmpl].n_brk;
    }
    from = cc_xmalloc((total + 1) * sizeof *from);
    for (size_t v = 0; v < m->n_vars; v++) {
        const shift_template *t = &ts->t[m->vars[v].tmpl];
        for (long a = 0; a < x[v]; a++)
            for (int b = 0; b < t->n_brk; b++)
                from[off[v] + (size_t)a * (size_t)t->n_brk + (size_t)b] = t->brk[b].from;
    }
    st = hand_out_breaks(p, ts, m, val, x, off, from, err);
    for (size_t v = 0; v < m->n_vars && st == CC_OK; v++) {
        const shift_template *t = &ts->t[m->vars[v].tmpl];
        size_t nb = (size_t)t->n_brk;
        long a = 0;
        if (x[v] == 0 || m->vars[v].day >= m->d1)
            continue;
        while (a < x[v]) {
            const size_t *f = &from[off[v] + (size_t)a * nb];
            long end = a + 1;
            placement pl;
            while (end < x[v] && (nb == 0 || !memcmp(&from[off[v] + (size_t)end * nb], f,
                                                      nb * sizeof *f)))
                end++;
            memcpy(pl.from, f, nb * sizeof *f);
            add_start(plan, starts_cap, m->vars[v].day, t, &pl, p->interval_s, end - a);
            cover(plan, per_day, m->vars[v].day, t, &pl, end - a);
            a = end;
        }
    }
    free(from);
    free(off);
    free(x);
    return st;
}

static cc_status solve_block(const cc_shift_problem *p, const template_set *ts, size_t d0,
                             size_t d1, cc_shift_plan *plan, size_t *starts_cap, cc_error *err)
{
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    block_model m;
    glp_prob *lp;
    double *val;
    long *x_at;
    int proven;
    cc_status st = CC_OK;

    build_model(p, ts, d0, d1, plan, &m);
    plan->n_variables += m.n_vars;
    plan->n_blocks++;

    if (m.n_rows == 0) {
        /* Nothing to cover: without minimum agents no start is optimal. */
        int forced = 0;
        for (size_t v = 0; v < m.n_vars; v++)
            forced |= ts->t[m.vars[v].tmpl].lo > 0 && m.vars[v].day >= 0;
        if (!forced) {
            plan->n_blocks_optimal++;
            goto out_free_model;
        }
    }
    if (!p->soft_coverage && (st = check_reachable(p, ts, &m, plan, err)) != CC_OK)
        goto out_free_model;

    lp = build_lp(p, ts, &m, plan);
    plan->n_break_variables += m.n_break_vars;
    plan->n_rows += (size_t)glp_get_num_rows(lp);
    val = cc_xmalloc(((size_t)glp_get_num_cols(lp) + 1) * sizeof *val);
    x_at = cc_xmalloc((m.n_vars + 1) * sizeof *x_at);
    for (size_t v = 0; v < m.n_vars; v++)
        x_at[v + 1] = shift_base(per_day, m.vars[v].day, &ts->t[m.vars[v].tmpl]);
    st = cc_roster_solve_programme(p, lp, (int)m.n_vars, x_at, val, &proven, d0, d1, err);
    free(x_at);
    if (st == CC_OK) {
        plan->n_blocks_optimal += proven != 0;
        record_service_need(p, &m, val, plan);
        st = keep_starts(p, ts, &m, val, plan, starts_cap, err);
    }
    free(val);
    glp_delete_prob(lp);
out_free_model:
    free_model(&m, ts->n_cls);
    return st;
}

/* ---- API ---------------------------------------------------------------- */

cc_status cc_plan_shifts_solve(const cc_shift_problem *p, cc_shift_plan **out, cc_error *err)
{
    template_set ts;
    size_t per_day, days, block, starts_cap = 0;
    double hours;
    cc_shift_plan *plan;
    cc_status st;

    assert(p != NULL && out != NULL);
    if ((st = check_problem(p, err)) != CC_OK)
        return st;
    per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    days = p->n_intervals / per_day;
    block = p->block_days > 0 ? (size_t)p->block_days : days;
    hours = p->interval_s / 3600.0;

    plan = cc_xcalloc(1, sizeof *plan);
    plan->n_intervals = p->n_intervals;
    plan->needed = cc_xmalloc(p->n_intervals * sizeof *plan->needed);
    plan->coverage = cc_xcalloc(p->n_intervals, sizeof *plan->coverage);
    for (size_t i = 0; i < p->n_intervals; i++) {
        double c = ceil(p->required[i] - CEIL_SLACK);
        plan->needed[i] = c > 0 ? (long)c : 0;
    }
    expand_templates(p, &ts);

    for (size_t d0 = 0; d0 < days; d0 += block) {
        size_t d1 = d0 + block < days ? d0 + block : days;
        st = solve_block(p, &ts, d0, d1, plan, &starts_cap, err);
        if (st != CC_OK)
            goto out_fail;
    }

    for (size_t s = 0; s < plan->n_starts; s++) {
        const cc_shift_start *x = &plan->starts[s];
        plan->n_shifts += x->agents;
        plan->paid_hours += (double)x->agents * x->paid_s / 3600.0;
        if (x->length_s < p->part_time_below_s - 1e-6)
            plan->n_part_time += x->agents;
    }
    for (size_t i = 0; i < p->n_intervals; i++) {
        long diff = plan->coverage[i] - plan->needed[i];
        if (diff > 0)
            plan->over_agent_hours += (double)diff * hours;
        else if (diff < 0) {
            plan->under_agent_hours += (double)-diff * hours;
            plan->n_under_intervals++;
        }
    }
    plan->optimal = plan->n_blocks_optimal == plan->n_blocks;
    free(ts.t);
    free(ts.cls);
    *out = plan;
    return CC_OK;

out_fail:
    free(ts.t);
    free(ts.cls);
    cc_plan_shifts_free(plan);
    return st;
}

void cc_plan_shifts_reach(const cc_shift_problem *p, unsigned char *reach)
{
    template_set ts;
    size_t per_day = (size_t)whole_intervals(DAY_S, p->interval_s);
    long days = (long)(p->n_intervals / per_day), n = (long)p->n_intervals;

    memset(reach, 0, p->n_intervals);
    expand_templates(p, &ts);
    for (long d = -(long)reach_days(&ts, per_day); d < days; d++) {
        unsigned wd = (unsigned)(((d + p->first_weekday) % 7 + 7) % 7);
        for (size_t t = 0; t < ts.n; t++) {
            const shift_template *tm = &ts.t[t];
            long base = shift_base(per_day, d, tm);
            if (!(tm->days_mask & (1u << wd)))
                continue;
            for (size_t k = 0; k < tm->length; k++)
                if (base + (long)k >= 0 && base + (long)k < n && may_be_on_duty(tm, ts.cls, k))
                    reach[base + (long)k] = 1;
        }
    }
    free(ts.t);
    free(ts.cls);
}

void cc_plan_shifts_free(cc_shift_plan *plan)
{
    if (plan == NULL)
        return;
    free(plan->needed);
    free(plan->coverage);
    free(plan->starts);
    free(plan);
}
