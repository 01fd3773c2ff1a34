/*
 * Interval requirements for one channel: the chain workload -> Erlang
 * requirement -> occupancy cap -> shrinkage -> scheduled agents -> FTE, per
 * interval, with its explanation as text, and the sum into weeks. Identical
 * Erlang inputs within a channel are solved once (a hash table keyed on the
 * exact bits of the arrival rate and handle time), which is what makes a year
 * of intervals cheap: forecasts repeat the same few profiles.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_plan.h"

/* Rounded figures are ceil(x - CEIL_SLACK) so 20 + 1e-12 stays 20. */
#define CEIL_SLACK 1e-9

/*
 * Arrival rates below this (one contact in 114 years) are no work: profile
 * arithmetic leaves such crumbs, and no staffing search should run on them.
 */
#define MIN_RATE_PER_HOUR 1e-6

static long ceil_agents(double x)
{
    double c = ceil(x - CEIL_SLACK);
    return c > 0 ? (long)c : 0;
}

void cc_plan_channel_init(cc_plan_channel *ch)
{
    assert(ch != NULL);
    memset(ch, 0, sizeof *ch);
    ch->kind = CC_PLAN_IMMEDIATE;
    ch->method = CC_PLAN_ERLANG_C;
    ch->interval_s = 1800.0;
    ch->answer_within_s = 20.0;
    ch->service_level = 0.8;
    ch->sl_definition = CC_SL_OFFERED;
    ch->concurrency = 1;
    ch->shrinkage_formula = CC_SHRINKAGE_DIVISIVE;
    ch->hours_per_fte_week = 40.0;
}

/* ---- input checks ------------------------------------------------------- */

static int is_share(double x, int allow_one)
{
    return isfinite(x) && x >= 0.0 && (allow_one ? x <= 1.0 : x < 1.0);
}

static const char *channel_name(const cc_plan_channel *ch)
{
    return ch->name != NULL ? ch->name : "";
}

static cc_status check_series(const cc_plan_channel *ch, const double *v, const char *field,
                              double lo, int lo_open, cc_error *err)
{
    if (v == NULL)
        return CC_OK;
    for (size_t i = 0; i < ch->n_intervals; i++) {
        if (!isfinite(v[i]) || v[i] < lo || (lo_open && v[i] == lo))
            return cc_error_setf(err, CC_EINVAL,
                                 "'%s' of channel '%s' is %g in interval %zu; allowed: a finite "
                                 "number %s %g",
                                 field, channel_name(ch), v[i], i, lo_open ? ">" : ">=", lo);
    }
    return CC_OK;
}

static cc_status check_channel(const cc_plan_channel *ch, cc_error *err)
{
    const char *name = channel_name(ch);
    cc_status st;

    if (ch->n_intervals == 0 || ch->contacts == NULL)
        return cc_error_setf(err, CC_EINVAL, "channel '%s' has no intervals", name);
    if (!isfinite(ch->interval_s) || ch->interval_s <= 0)
        return cc_error_setf(err, CC_EINVAL, "'interval_s' of channel '%s' is %g; allowed: > 0",
                             name, ch->interval_s);
    if (ch->kind != CC_PLAN_IMMEDIATE && ch->kind != CC_PLAN_DEFERRED)
        return cc_error_setf(err, CC_EINVAL, "unknown kind %d of channel '%s'", (int)ch->kind,
                             name);
    if (ch->method != CC_PLAN_ERLANG_C && ch->method != CC_PLAN_ERLANG_A)
        return cc_error_setf(err, CC_EINVAL, "unknown method %d of channel '%s'",
                             (int)ch->method, name);
    if ((st = check_series(ch, ch->contacts, "contacts", 0.0, 0, err)) != CC_OK ||
        (st = check_series(ch, ch->deflected, "deflected", 0.0, 0, err)) != CC_OK ||
        (st = check_series(ch, ch->contained, "contained", 0.0, 0, err)) != CC_OK ||
        (st = check_series(ch, ch->aht_s_by_interval, "aht_s", 0.0, 1, err)) != CC_OK ||
        (st = check_series(ch, ch->wrap_s_by_interval, "wrap_s", 0.0, 0, err)) != CC_OK ||
        (st = check_series(ch, ch->shrinkage_by_interval, "shrinkage", 0.0, 0, err)) != CC_OK)
        return st;
    if (ch->shrinkage_by_interval != NULL) {
        for (size_t i = 0; i < ch->n_intervals; i++)
            if (!is_share(ch->shrinkage_by_interval[i], 0))
                return cc_error_setf(err, CC_EINVAL,
                                     "'shrinkage' of channel '%s' is %g in interval %zu; "
                                     "allowed: [0, 1)",
                                     name, ch->shrinkage_by_interval[i], i);
    }
    if (ch->aht_s_by_interval == NULL && (!isfinite(ch->aht_s) || ch->aht_s <= 0))
        return cc_error_setf(err, CC_EINVAL, "'aht_s' of channel '%s' is %g; allowed: > 0",
                             name, ch->aht_s);
    if (ch->wrap_s_by_interval == NULL && (!isfinite(ch->wrap_s) || ch->wrap_s < 0))
        return cc_error_setf(err, CC_EINVAL, "'wrap_s' of channel '%s' is %g; allowed: >= 0",
                             name, ch->wrap_s);
    if (!isfinite(ch->patience_s) || ch->patience_s < 0)
        return cc_error_setf(err, CC_EINVAL, "'patience_s' of channel '%s' is %g; allowed: >= 0",
                             name, ch->patience_s);
    if (!isfinite(ch->answer_within_s) || ch->answer_within_s < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "'answer_within_s' of channel '%s' is %g; allowed: >= 0", name,
                             ch->answer_within_s);
    if (!is_share(ch->service_level, 1) || !is_share(ch->max_abandon, 1) ||
        !is_share(ch->max_occupancy, 1))
        return cc_error_setf(err, CC_EINVAL,
                             "a share of channel '%s' (service_level %g, max_abandon %g, "
                             "max_occupancy %g) is outside [0, 1]",
                             name, ch->service_level, ch->max_abandon, ch->max_occupancy);
    if (!isfinite(ch->max_asa_s) || ch->max_asa_s < 0)
        return cc_error_setf(err, CC_EINVAL, "'max_asa_s' of channel '%s' is %g; allowed: >= 0",
                             name, ch->max_asa_s);
    if (!is_share(ch->shrinkage, 0))
        return cc_error_setf(err, CC_EINVAL, "'shrinkage' of channel '%s' is %g; allowed: [0, 1)",
                             name, ch->shrinkage);
    if (ch->shrinkage_formula != CC_SHRINKAGE_DIVISIVE &&
        ch->shrinkage_formula != CC_SHRINKAGE_MULTIPLICATIVE)
        return cc_error_setf(err, CC_EINVAL, "unknown shrinkage formula %d of channel '%s'",
                             (int)ch->shrinkage_formula, name);
    if (!isfinite(ch->hours_per_fte_week) || ch->hours_per_fte_week <= 0)
        return cc_error_setf(err, CC_EINVAL,
                             "'hours_per_fte_week' of channel '%s' is %g; allowed: > 0", name,
                             ch->hours_per_fte_week);
    if (ch->concurrency < 1 || ch->concurrency > CC_PLAN_MAX_CONCURRENCY)
        return cc_error_setf(err, CC_EINVAL,
                             "'concurrency' of channel '%s' is %d; allowed: 1 to %d", name,
                             ch->concurrency, CC_PLAN_MAX_CONCURRENCY);
    if (!isfinite(ch->concurrency_overhead) || ch->concurrency_overhead < 0)
        return cc_error_setf(err, CC_EINVAL,
                             "'concurrency_overhead' of channel '%s' is %g; allowed: >= 0", name,
                             ch->concurrency_overhead);
    if (ch->stretch != NULL) {
        for (int j = 0; j < ch->concurrency; j++)
            if (!isfinite(ch->stretch[j]) || ch->stretch[j] <= 0)
                return cc_error_setf(err, CC_EINVAL,
                                     "'stretch' of channel '%s' is %g with %d sessions; "
                                     "allowed: > 0",
                                     name, ch->stretch[j], j + 1);
    }

    if (ch->kind == CC_PLAN_DEFERRED) {
        if (ch->answer_within_s <= 0)
            return cc_error_setf(err, CC_EINVAL,
                                 "deferred channel '%s' needs 'answer_within_s' > 0 (the "
                                 "response window)",
                                 name);
        if (ch->concurrency != 1)
            return cc_error_setf(err, CC_EINVAL,
                                 "deferred channel '%s' has concurrency %d; allowed: 1", name,
                                 ch->concurrency);
        if (!isfinite(ch->initial_backlog) || ch->initial_backlog < 0)
            return cc_error_setf(err, CC_EINVAL,
                                 "'initial_backlog' of channel '%s' is %g; allowed: >= 0", name,
                                 ch->initial_backlog);
        return CC_OK;
    }
    if (ch->service_level <= 0 && ch->max_asa_s <= 0 && ch->max_abandon <= 0)
        return cc_error_setf(err, CC_EINVAL,
                             "channel '%s' has no service target; give 'service_level', "
                             "'max_asa_s' or 'max_abandon'",
                             name);
    if (ch->max_abandon > 0 && (ch->method != CC_PLAN_ERLANG_A || ch->patience_s <= 0))
        return cc_error_setf(err, CC_EINVAL,
                             "'max_abandon' of channel '%s' needs method erlang-a and "
                             "'patience_s' > 0",
                             name);
    return CC_OK;
}

/* ---- solve cache -------------------------------------------------------- */

/*
 * Open addressing over the exact bits of (arrivals per hour, handle time);
 * an entry holds the row that first solved the key, whose figures are copied.
 */
typedef struct solve_cache {
    size_t mask;        /* capacity - 1, capacity a power of two */
    uint64_t *key_rate; /* bits of arrivals per hour */
    uint64_t *key_handle; /* bits of handle seconds */
    size_t *row;        /* solving row + 1; 0 = empty slot */
} solve_cache;

static uint64_t double_bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

/* splitmix64 finaliser: spreads nearby doubles over the table. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void cache_init(solve_cache *c, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    c->mask = cap - 1;
    c->key_rate = cc_xmalloc(cap * sizeof *c->key_rate);
    c->key_handle = cc_xmalloc(cap * sizeof *c->key_handle);
    c->row = cc_xcalloc(cap, sizeof *c->row);
}

static void cache_release(solve_cache *c)
{
    free(c->key_rate);
    free(c->key_handle);
    free(c->row);
}

/*
 * Returns the slot for (rate, handle): either holding that key (row != 0) or
 * the empty slot where it belongs. The table never fills: capacity >= 2n.
 */
static size_t cache_slot(const solve_cache *c, double rate, double handle)
{
    uint64_t kr = double_bits(rate), kh = double_bits(handle);
    size_t s = (size_t)mix64(kr ^ mix64(kh)) & c->mask;
    while (c->row[s] != 0 && (c->key_rate[s] != kr || c->key_handle[s] != kh))
        s = (s + 1) & c->mask;
    c->key_rate[s] = kr;
    c->key_handle[s] = kh;
    return s;
}

/* ---- one interval -------------------------------------------------------- */

static double series_at(const double *v, double scalar, size_t i)
{
    return v != NULL ? v[i] : scalar;
}

static double full_stretch(const cc_plan_channel *ch)
{
    int k = ch->concurrency;
    if (ch->stretch != NULL)
        return ch->stretch[k - 1];
    return 1.0 + ch->concurrency_overhead * (double)(k - 1);
}

/* Erlang requirement and occupancy cap for one arrival rate and handle time. */
static cc_status solve_servers(const cc_plan_channel *ch, size_t index, double rate,
                               double handle_s, cc_plan_interval *row, int *cap_binding,
                               cc_error *err)
{
    cc_erlang_input in;
    cc_staff_targets tg;
    cc_staff_result res;
    cc_error local;
    cc_status st;

    memset(&in, 0, sizeof in);
    in.arrivals_per_hour = rate;
    in.aht_s = handle_s;
    in.agents = 1;
    in.target_s = ch->answer_within_s;
    in.patience_mean_s = ch->method == CC_PLAN_ERLANG_A ? ch->patience_s : 0.0;
    in.sl_definition = ch->sl_definition;
    memset(&tg, 0, sizeof tg);
    tg.service_level = ch->service_level;
    tg.max_asa_s = ch->max_asa_s;
    tg.max_abandon = ch->max_abandon;

    cc_error_clear(&local);
    st = cc_staff_solve(&in, &tg, &res, &local);
    if (st != CC_OK)
        return cc_error_setf(err, st, "channel '%s' interval %zu: %s", channel_name(ch), index,
                             local.message);
    row->erlang_servers = res.agents;
    row->erlang = res.figures;
    row->capped_servers = res.agents;
    row->capped = res.figures;
    *cap_binding = 0;
    if (ch->max_occupancy > 0 && res.figures.occupancy > ch->max_occupancy) {
        tg.max_occupancy = ch->max_occupancy;
        st = cc_staff_solve(&in, &tg, &res, &local);
        if (st != CC_OK)
            return cc_error_setf(err, st, "channel '%s' interval %zu: %s", channel_name(ch),
                                 index, local.message);
        row->capped_servers = res.agents;
        row->capped = res.figures;
        *cap_binding = 1;
    }
    return CC_OK;
}

/* Fills the shrinkage, rounding and FTE stages from row->net_agents. */
static void finish_row(const cc_plan_channel *ch, size_t i, cc_plan_interval *row)
{
    double s = series_at(ch->shrinkage_by_interval, ch->shrinkage, i);
    double hours = ch->interval_s / 3600.0;

    row->net_agents_rounded = ceil_agents(row->net_agents);
    row->shrinkage = s;
    row->gross_divisive = cc_shrinkage_divisive(row->net_agents, s);
    row->gross_multiplicative = cc_shrinkage_multiplicative(row->net_agents, s);
    row->gross_agents = ch->shrinkage_formula == CC_SHRINKAGE_DIVISIVE
                            ? row->gross_divisive
                            : row->gross_multiplicative;
    row->scheduled_agents = ceil_agents(row->gross_agents);
    row->fte_net = row->net_agents * hours / ch->hours_per_fte_week;
    row->fte_gross = row->gross_agents * hours / ch->hours_per_fte_week;
    row->fte_scheduled = (double)row->scheduled_agents * hours / ch->hours_per_fte_week;
}

static void fill_inputs(const cc_plan_channel *ch, size_t i, double stretch, cc_plan_interval *row)
{
    row->contacts = ch->contacts[i];
    row->deflected = ch->deflected != NULL ? ch->deflected[i] : 0.0;
    row->contained = ch->contained != NULL ? ch->contained[i] : 0.0;
    row->aht_s = series_at(ch->aht_s_by_interval, ch->aht_s, i);
    row->wrap_s = series_at(ch->wrap_s_by_interval, ch->wrap_s, i);
    row->stretch = stretch;
    row->handle_s = row->aht_s * stretch + row->wrap_s;
    row->workload_erlangs = row->contacts * row->handle_s / ch->interval_s;
}

static cc_status plan_immediate(const cc_plan_channel *ch, cc_plan_requirement *req,
                                cc_error *err)
{
    double stretch = full_stretch(ch);
    solve_cache cache;
    cc_status st = CC_OK;

    cache_init(&cache, ch->n_intervals);
    for (size_t i = 0; i < ch->n_intervals; i++) {
        cc_plan_interval *row = &req->intervals[i];
        double rate;
        size_t slot;
        int binding = 0;

        fill_inputs(ch, i, stretch, row);
        if (row->contacts * 3600.0 / ch->interval_s < MIN_RATE_PER_HOUR) {
            row->flags |= CC_PLAN_F_ZERO;
            finish_row(ch, i, row);
            continue;
        }
        rate = row->contacts * 3600.0 / ch->interval_s;
        slot = cache_slot(&cache, rate, row->handle_s);
        if (cache.row[slot] != 0) {
            const cc_plan_interval *from = &req->intervals[cache.row[slot] - 1];
            row->erlang_servers = from->erlang_servers;
            row->erlang = from->erlang;
            row->capped_servers = from->capped_servers;
            row->capped = from->capped;
            binding = (from->flags & CC_PLAN_F_CAP_BINDING) != 0;
            row->flags |= CC_PLAN_F_CACHED;
            req->totals.n_cached++;
        } else {
            st = solve_servers(ch, i, rate, row->handle_s, row, &binding, err);
            if (st != CC_OK)
                goto out_release_cache;
            cache.row[slot] = i + 1;
            req->totals.n_solves++;
        }
        if (binding) {
            row->flags |= CC_PLAN_F_CAP_BINDING;
            req->totals.n_cap_binding++;
        }
        row->net_agents = (double)row->capped_servers / (double)ch->concurrency;
        finish_row(ch, i, row);
    }
out_release_cache:
    cache_release(&cache);
    return st;
}

/*
 * Weight of interval i - j in the window ending at the end of interval i:
 * the share of interval i - j inside the last `periods` interval lengths.
 */
static double window_weight(double periods, size_t j)
{
    double w = periods - (double)j;
    return w >= 1.0 ? 1.0 : (w > 0.0 ? w : 0.0);
}

/* Work (seconds) arriving in interval i, the initial backlog counted in interval 0. */
static double interval_work(const cc_plan_requirement *req, size_t i)
{
    const cc_plan_interval *row = &req->intervals[i];
    double work = row->contacts * row->handle_s;
    if (i == 0)
        work += req->initial_backlog * row->handle_s;
    return work;
}

static void plan_deferred(const cc_plan_channel *ch, cc_plan_requirement *req)
{
    double window = ch->answer_within_s;
    double periods = window / ch->interval_s;
    size_t span = (size_t)ceil(periods);
    double cap = ch->max_occupancy > 0 ? ch->max_occupancy : 1.0;

    for (size_t i = 0; i < ch->n_intervals; i++)
        fill_inputs(ch, i, 1.0, &req->intervals[i]);
    req->intervals[0].workload_erlangs = interval_work(req, 0) / ch->interval_s;
    for (size_t i = 0; i < ch->n_intervals; i++) {
        cc_plan_interval *row = &req->intervals[i];
        double work = 0.0;
        for (size_t j = 0; j < span && j <= i; j++)
            work += window_weight(periods, j) * interval_work(req, i - j);
        row->window_erlangs = work / window;
        if (row->window_erlangs <= 0)
            row->flags |= CC_PLAN_F_ZERO;
        row->net_agents = row->window_erlangs / cap;
        if (ch->max_occupancy > 0 && ch->max_occupancy < 1 && row->window_erlangs > 0) {
            row->flags |= CC_PLAN_F_CAP_BINDING;
            req->totals.n_cap_binding++;
        }
        finish_row(ch, i, row);
    }
}

static void sum_totals(cc_plan_requirement *req)
{
    cc_plan_totals *t = &req->totals;
    double hours = req->interval_s / 3600.0;
    for (size_t i = 0; i < req->n_intervals; i++) {
        const cc_plan_interval *row = &req->intervals[i];
        t->contacts += row->contacts;
        t->deflected += row->deflected;
        t->contained += row->contained;
        t->workload_hours += row->workload_erlangs * hours;
        t->net_agent_hours += row->net_agents * hours;
        t->gross_agent_hours += row->gross_agents * hours;
        t->scheduled_agent_hours += (double)row->scheduled_agents * hours;
        if (row->scheduled_agents > t->peak_scheduled)
            t->peak_scheduled = row->scheduled_agents;
    }
    t->fte_net = t->net_agent_hours / req->hours_per_fte_week;
    t->fte_gross = t->gross_agent_hours / req->hours_per_fte_week;
    t->fte_scheduled = t->scheduled_agent_hours / req->hours_per_fte_week;
}

cc_status cc_plan_requirement_new(const cc_plan_channel *ch, cc_plan_requirement **out,
                                  cc_error *err)
{
    cc_plan_requirement *req;
    cc_status st;

    assert(ch != NULL && out != NULL);
    if ((st = check_channel(ch, err)) != CC_OK)
        return st;

    req = cc_xcalloc(1, sizeof *req);
    req->name = cc_xstrdup(channel_name(ch));
    req->kind = ch->kind;
    req->method = ch->method;
    req->interval_s = ch->interval_s;
    req->n_intervals = ch->n_intervals;
    req->intervals = cc_xcalloc(ch->n_intervals, sizeof *req->intervals);
    req->concurrency = ch->concurrency;
    req->answer_within_s = ch->answer_within_s;
    req->service_level = ch->service_level;
    req->max_asa_s = ch->max_asa_s;
    req->max_abandon = ch->max_abandon;
    req->max_occupancy = ch->max_occupancy;
    req->patience_s = ch->method == CC_PLAN_ERLANG_A ? ch->patience_s : 0.0;
    req->sl_definition = ch->sl_definition;
    req->initial_backlog = ch->kind == CC_PLAN_DEFERRED ? ch->initial_backlog : 0.0;
    req->shrinkage_formula = ch->shrinkage_formula;
    req->hours_per_fte_week = ch->hours_per_fte_week;

    if (ch->kind == CC_PLAN_DEFERRED) {
        plan_deferred(ch, req);
    } else if ((st = plan_immediate(ch, req, err)) != CC_OK) {
        cc_plan_requirement_free(req);
        return st;
    }
    sum_totals(req);
    *out = req;
    return CC_OK;
}

void cc_plan_requirement_free(cc_plan_requirement *req)
{
    if (req == NULL)
        return;
    free(req->name);
    free(req->intervals);
    free(req);
}

/* ---- explain ------------------------------------------------------------ */

static const char *method_name(const cc_plan_requirement *req)
{
    if (req->kind == CC_PLAN_DEFERRED)
        return "rolling response window";
    if (req->method == CC_PLAN_ERLANG_A && req->patience_s > 0)
        return "Erlang A";
    return "Erlang C";
}

static void explain_targets(const cc_plan_requirement *req, FILE *out)
{
    fprintf(out, "targets        :");
    if (req->service_level > 0)
        fprintf(out, " SL %.4f within %.1f s;", req->service_level, req->answer_within_s);
    if (req->max_asa_s > 0)
        fprintf(out, " ASA <= %.1f s;", req->max_asa_s);
    if (req->max_abandon > 0)
        fprintf(out, " abandon <= %.4f (patience %.1f s);", req->max_abandon, req->patience_s);
    if (req->max_occupancy > 0)
        fprintf(out, " occupancy cap %.4f", req->max_occupancy);
    else
        fprintf(out, " no occupancy cap");
    fputc('\n', out);
}

static void explain_figures(const cc_plan_requirement *req, const cc_erlang_result *r, FILE *out)
{
    /* Servers are sessions under concurrency: the figure is the run's open chats ÷ capacity. */
    fprintf(out, "SL %.4f, ASA %.1f s, %s %.4f", r->service_level, r->asa_s,
            req->concurrency > 1 ? "open chats ÷ capacity" : "occupancy", r->occupancy);
    if (req->method == CC_PLAN_ERLANG_A && req->patience_s > 0)
        fprintf(out, ", abandon %.4f", r->p_abandon);
}

/* Shows what one server fewer than the Erlang requirement gives, and what it misses. */
static void explain_one_fewer(const cc_plan_requirement *req, const cc_plan_interval *row,
                              FILE *out)
{
    const char *unit = req->concurrency > 1 ? "sessions" : "agents";
    cc_erlang_input in;
    cc_erlang_result r;

    memset(&in, 0, sizeof in);
    in.arrivals_per_hour = row->contacts * 3600.0 / req->interval_s;
    in.aht_s = row->handle_s;
    in.agents = row->erlang_servers - 1;
    in.target_s = req->answer_within_s;
    in.patience_mean_s = req->patience_s;
    in.sl_definition = req->sl_definition;
    if (in.agents < 1)
        return;
    fprintf(out, "  one fewer    : %ld %s -> ", in.agents, unit);
    if (cc_erlang_eval(&in, &r, NULL) != CC_OK) {
        fprintf(out, "unstable (load %.3f >= %ld)\n", row->workload_erlangs, in.agents);
        return;
    }
    explain_figures(req, &r, out);
    fprintf(out, "; misses");
    if (req->service_level > 0 && r.service_level < req->service_level)
        fprintf(out, " SL %.4f < %.4f", r.service_level, req->service_level);
    if (req->max_asa_s > 0 && r.asa_s > req->max_asa_s)
        fprintf(out, " ASA %.1f s > %.1f s", r.asa_s, req->max_asa_s);
    if (req->max_abandon > 0 && r.p_abandon > req->max_abandon)
        fprintf(out, " abandon %.4f > %.4f", r.p_abandon, req->max_abandon);
    fputc('\n', out);
}

static void explain_immediate(const cc_plan_requirement *req, const cc_plan_interval *row,
                              FILE *out)
{
    const char *unit = req->concurrency > 1 ? "sessions" : "agents";

    if (row->flags & CC_PLAN_F_ZERO) {
        fprintf(out, "%-15s: no contacts, 0 %s\n", method_name(req), unit);
        return;
    }
    fprintf(out, "%-15s: %ld %s -> ", method_name(req), row->erlang_servers, unit);
    explain_figures(req, &row->erlang, out);
    fprintf(out, "%s\n", (row->flags & CC_PLAN_F_CACHED) ? " (same inputs as an earlier interval)"
                                                        : "");
    explain_one_fewer(req, row, out);
    if (req->max_occupancy <= 0) {
        fprintf(out, "occupancy cap  : none -> %ld %s\n", row->capped_servers, unit);
    } else if (row->flags & CC_PLAN_F_CAP_BINDING) {
        fprintf(out, "occupancy cap  : %.4f binding (%.4f > cap%s) -> %ld %s -> ",
                req->max_occupancy, row->erlang.occupancy,
                req->concurrency > 1 ? ", on open chats ÷ capacity" : "", row->capped_servers,
                unit);
        explain_figures(req, &row->capped, out);
        fputc('\n', out);
    } else {
        fprintf(out, "occupancy cap  : %.4f not binding (%.4f <= cap%s) -> %ld %s\n",
                req->max_occupancy, row->erlang.occupancy,
                req->concurrency > 1 ? ", on open chats ÷ capacity" : "", row->capped_servers,
                unit);
    }
    if (req->concurrency > 1)
        fprintf(out, "net agents     : %ld sessions / concurrency %d = %.3f agents (rounded %ld)\n",
                row->capped_servers, req->concurrency, row->net_agents, row->net_agents_rounded);
    else
        fprintf(out, "net agents     : %.3f agents (rounded %ld)\n", row->net_agents,
                row->net_agents_rounded);
}

static void explain_deferred(const cc_plan_requirement *req, size_t index,
                             const cc_plan_interval *row, FILE *out)
{
    double periods = req->answer_within_s / req->interval_s;
    size_t span = (size_t)ceil(periods), first, j;
    double work = 0.0;

    for (j = 0; j < span && j <= index; j++)
        work += window_weight(periods, j) * interval_work(req, index - j);
    first = index + 1 - j;
    fprintf(out, "window         : work arriving in the last %.1f s (intervals %zu-%zu",
            req->answer_within_s, first, index);
    if (periods != floor(periods) && index + 1 >= span)
        fprintf(out, ", interval %zu weighted %.4f", first, window_weight(periods, span - 1));
    fprintf(out, ") = %.1f s / %.1f s = %.3f erlangs\n", work, req->answer_within_s,
            row->window_erlangs);
    if (req->max_occupancy > 0)
        fprintf(out, "occupancy cap  : %.3f erlangs / %.4f = %.3f agents (rounded %ld)\n",
                row->window_erlangs, req->max_occupancy, row->net_agents,
                row->net_agents_rounded);
    else
        fprintf(out, "occupancy cap  : none -> %.3f agents (rounded %ld)\n", row->net_agents,
                row->net_agents_rounded);
    fprintf(out, "net agents     : %.3f agents (rounded %ld)\n", row->net_agents,
            row->net_agents_rounded);
}

static void explain_to(const cc_plan_requirement *req, size_t index, FILE *out)
{
    const cc_plan_interval *row = &req->intervals[index];
    double start = (double)index * req->interval_s;
    long day = (long)floor(start / 86400.0);
    long sec = (long)floor(start - (double)day * 86400.0);
    int div = req->shrinkage_formula == CC_SHRINKAGE_DIVISIVE;
    double hours = req->interval_s / 3600.0;

    fprintf(out, "channel '%s', interval %zu of %zu (day %ld %02ld:%02ld, %.0f s)\n", req->name,
            index, req->n_intervals, day, sec / 3600, (sec % 3600) / 60, req->interval_s);
    fprintf(out, "method         : %s; shrinkage formula: %s\n", method_name(req),
            div ? "divisive" : "multiplicative");
    if (req->kind == CC_PLAN_IMMEDIATE)
        explain_targets(req, out);
    fprintf(out, "contacts       : %.3f reach agents (%.3f deflected, %.3f contained by bot, %.3f "
                 "forecast)\n",
            row->contacts, row->deflected, row->contained,
            row->contacts + row->deflected + row->contained);
    if (index == 0 && req->initial_backlog > 0)
        fprintf(out, "backlog        : %.3f contacts open at the start, counted as work of this "
                     "interval\n",
                req->initial_backlog);
    fprintf(out, "handle time    : %.1f s AHT x %.4f stretch + %.1f s wrap-up = %.1f s\n",
            row->aht_s, row->stretch, row->wrap_s, row->handle_s);
    fprintf(out, "workload       : %.3f contacts x %.1f s / %.0f s = %.3f erlangs\n",
            row->contacts + (index == 0 ? req->initial_backlog : 0.0), row->handle_s,
            req->interval_s, row->workload_erlangs);
    if (req->kind == CC_PLAN_IMMEDIATE)
        explain_immediate(req, row, out);
    else
        explain_deferred(req, index, row, out);
    fprintf(out, "shrinkage      : %.4f of paid time\n", row->shrinkage);
    fprintf(out, "  divisive     : %.3f / (1 - %.4f) = %.3f agents%s\n", row->net_agents,
            row->shrinkage, row->gross_divisive, div ? " (used)" : "");
    fprintf(out, "  multiplicative: %.3f x (1 + %.4f) = %.3f agents%s\n", row->net_agents,
            row->shrinkage, row->gross_multiplicative, div ? "" : " (used)");
    fprintf(out, "scheduled      : ceil(%.3f) = %ld agents\n", row->gross_agents,
            row->scheduled_agents);
    fprintf(out, "FTE            : %ld agents x %.4f h / %.1f h = %.4f FTE-weeks (net %.4f, gross "
                 "%.4f)\n",
            row->scheduled_agents, hours, req->hours_per_fte_week, row->fte_scheduled,
            row->fte_net, row->fte_gross);
}

cc_status cc_plan_requirement_explain(const cc_plan_requirement *req, size_t index, FILE *out,
                                      cc_error *err)
{
    assert(req != NULL && out != NULL);
    if (index >= req->n_intervals)
        return cc_error_setf(err, CC_EINVAL,
                             "interval %zu is out of range; channel '%s' has intervals 0 to %zu",
                             index, req->name, req->n_intervals - 1);
    explain_to(req, index, out);
    if (ferror(out))
        return cc_error_setf(err, CC_EIO, "cannot write the explanation of interval %zu", index);
    return CC_OK;
}

char *cc_plan_requirement_explain_string(const cc_plan_requirement *req, size_t index,
                                         cc_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    cc_status st;

    assert(req != NULL);
    mem = open_memstream(&buf, &len);
    if (mem == NULL) {
        cc_error_setf(err, CC_EIO, "cannot open a memory stream");
        return NULL;
    }
    st = cc_plan_requirement_explain(req, index, mem, err);
    if (fclose(mem) != 0 && st == CC_OK)
        st = cc_error_setf(err, CC_EIO, "cannot write the explanation of interval %zu", index);
    if (st != CC_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* ---- weeks --------------------------------------------------------------- */

size_t cc_plan_week_count(size_t n_intervals, double interval_s)
{
    double days = (double)n_intervals * interval_s / 86400.0;
    size_t n = (size_t)ceil(days / 7.0 - 1e-12);
    return n > 0 ? n : 1;
}

static void week_derive(cc_plan_week *w)
{
    double basis = w->hours_per_fte_week * w->days / 7.0;
    w->fte_net = w->net_agent_hours / basis;
    w->fte_gross = w->gross_agent_hours / basis;
    w->fte_scheduled = w->scheduled_agent_hours / basis;
    w->occupancy = w->net_agent_hours > 0 ? w->workload_hours / w->net_agent_hours : 0.0;
}

cc_status cc_plan_weeks_add(const cc_plan_requirement *req, cc_plan_week *weeks, size_t n_weeks,
                            cc_error *err)
{
    size_t need = cc_plan_week_count(req->n_intervals, req->interval_s);
    double hours = req->interval_s / 3600.0;
    double horizon_days = (double)req->n_intervals * req->interval_s / 86400.0;

    assert(weeks != NULL);
    if (n_weeks < need)
        return cc_error_setf(err, CC_EINVAL,
                             "channel '%s' spans %zu weeks; only %zu week rows were given",
                             req->name, need, n_weeks);
    for (size_t w = 0; w < need; w++) {
        if (weeks[w].hours_per_fte_week != 0 &&
            weeks[w].hours_per_fte_week != req->hours_per_fte_week)
            return cc_error_setf(err, CC_EINVAL,
                                 "channel '%s' counts %g hours per FTE week; the weeks were "
                                 "built with %g",
                                 req->name, req->hours_per_fte_week, weeks[w].hours_per_fte_week);
    }
    for (size_t w = 0; w < need; w++) {
        double days = horizon_days - 7.0 * (double)w;
        days = days > 7.0 ? 7.0 : days;
        if (days > weeks[w].days)
            weeks[w].days = days;
        weeks[w].hours_per_fte_week = req->hours_per_fte_week;
    }
    for (size_t i = 0; i < req->n_intervals; i++) {
        const cc_plan_interval *row = &req->intervals[i];
        size_t w = (size_t)floor((double)i * req->interval_s / (7.0 * 86400.0));
        assert(w < need);
        weeks[w].contacts += row->contacts;
        /*
         * Chat workload is in sessions; an agent holds k of them, so in agent
         * terms the same work is 1/k as much.
         */
        weeks[w].workload_hours += row->workload_erlangs * hours / (double)req->concurrency;
        weeks[w].net_agent_hours += row->net_agents * hours;
        weeks[w].gross_agent_hours += row->gross_agents * hours;
        weeks[w].scheduled_agent_hours += (double)row->scheduled_agents * hours;
    }
    for (size_t w = 0; w < need; w++)
        week_derive(&weeks[w]);
    return CC_OK;
}
