/*
 * The engine's flat input (cc_simmodel): allocation with neutral defaults,
 * release, and validation. Validation is the one place that rejects
 * inconsistent input, so the engine can assert instead of checking.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_sim.h"

cc_simmodel *cc_simmodel_new(size_t n_intervals, size_t n_channels, size_t n_teams)
{
    cc_simmodel *m = cc_xcalloc(1, sizeof(*m));
    size_t c, t, k;

    m->n_intervals = n_intervals;
    m->interval_s = 1800.0;
    m->intervals_per_day = 48;
    m->strict_priority = 1;
    m->n_channels = n_channels;
    m->n_teams = n_teams;
    m->channels = cc_xcalloc(n_channels ? n_channels : 1, sizeof(*m->channels));
    m->teams = cc_xcalloc(n_teams ? n_teams : 1, sizeof(*m->teams));
    for (c = 0; c < n_channels; c++) {
        cc_sim_channel *ch = &m->channels[c];
        snprintf(ch->name, sizeof ch->name, "channel%zu", c + 1);
        ch->arrival_rate = cc_xcalloc(n_intervals ? n_intervals : 1, sizeof(double));
        ch->deflection = cc_xcalloc(n_intervals ? n_intervals : 1, sizeof(double));
        ch->bot.containment = cc_xcalloc(n_intervals ? n_intervals : 1, sizeof(double));
        ch->bot.handle_factor = 1.0;
        ch->bot.patience_factor = 1.0;
        ch->bot.bounce.channel = (int)c;
        ch->retrial.channel = (int)c;
        for (k = 0; k < CC_SIM_MAX_TRANSFERS; k++)
            ch->transfers[k].channel = (int)c;
        ch->concurrency = 1;
        for (k = 0; k <= CC_SIM_MAX_CONCURRENCY; k++)
            ch->stretch[k] = 1.0;
    }
    for (t = 0; t < n_teams; t++) {
        cc_sim_team *tm = &m->teams[t];
        snprintf(tm->name, sizeof tm->name, "team%zu", t + 1);
        tm->agents = cc_xcalloc(n_intervals ? n_intervals : 1, sizeof(int));
        tm->shrinkage = cc_xcalloc(n_intervals ? n_intervals : 1, sizeof(double));
        tm->skills = cc_xcalloc(n_channels ? n_channels : 1, sizeof(cc_sim_skill));
    }
    return m;
}

static void dist_release(cc_dist *d)
{
    free(d->values_s);
    d->values_s = NULL;
    d->n_values = 0;
}

void cc_simmodel_free(cc_simmodel *m)
{
    size_t c, t, k;
    if (!m)
        return;
    for (c = 0; c < m->n_channels; c++) {
        cc_sim_channel *ch = &m->channels[c];
        free(ch->arrival_rate);
        free(ch->deflection);
        free(ch->arrival_times_s);
        free(ch->bot.containment);
        dist_release(&ch->handle);
        dist_release(&ch->wrapup);
        dist_release(&ch->patience);
        dist_release(&ch->bot.time);
        dist_release(&ch->bot.bounce.delay);
        dist_release(&ch->retrial.delay);
        /* all slots: a caller may have filled delays beyond n_transfers */
        for (k = 0; k < CC_SIM_MAX_TRANSFERS; k++)
            dist_release(&ch->transfers[k].delay);
    }
    for (t = 0; t < m->n_teams; t++) {
        free(m->teams[t].agents);
        free(m->teams[t].shrinkage);
        free(m->teams[t].skills);
    }
    free(m->channels);
    free(m->teams);
    free(m);
}

/* ---- validation --------------------------------------------------------- */

static int is_share(double x)
{
    return isfinite(x) && x >= 0.0 && x <= 1.0;
}

static cc_status check_dist(const cc_dist *d, const char *what, const char *owner,
                            cc_error *err)
{
    size_t i;
    switch (d->kind) {
    case CC_DIST_NONE:
        return CC_OK;
    case CC_DIST_EXPONENTIAL:
    case CC_DIST_DETERMINISTIC:
        if (!(isfinite(d->mean_s) && d->mean_s >= 0.0))
            return cc_error_setf(err, CC_EINVAL, "%s of '%s' needs a finite mean >= 0, got %g",
                                 what, owner, d->mean_s);
        return CC_OK;
    case CC_DIST_LOGNORMAL:
    case CC_DIST_GAMMA:
        if (!(isfinite(d->mean_s) && d->mean_s > 0.0))
            return cc_error_setf(err, CC_EINVAL, "%s of '%s' needs a finite mean > 0, got %g",
                                 what, owner, d->mean_s);
        if (!(isfinite(d->cv) && d->cv > 0.0 && d->cv <= 100.0))
            return cc_error_setf(err, CC_EINVAL, "%s of '%s' needs a cv in (0, 100], got %g",
                                 what, owner, d->cv);
        return CC_OK;
    case CC_DIST_EMPIRICAL:
        if (!d->values_s || d->n_values == 0)
            return cc_error_setf(err, CC_EINVAL, "%s of '%s' has no empirical values", what,
                                 owner);
        for (i = 0; i < d->n_values; i++)
            if (!(isfinite(d->values_s[i]) && d->values_s[i] >= 0.0))
                return cc_error_setf(err, CC_EINVAL,
                                     "%s of '%s': empirical value %zu is %g, not a duration",
                                     what, owner, i + 1, d->values_s[i]);
        return CC_OK;
    }
    return cc_error_setf(err, CC_EINVAL, "%s of '%s' has an unknown distribution", what, owner);
}

static cc_status check_repeat(const cc_simmodel *m, const cc_sim_repeat *r, const char *what,
                              const char *owner, cc_error *err)
{
    if (!is_share(r->share))
        return cc_error_setf(err, CC_EINVAL, "%s share of '%s' must be in [0, 1], got %g", what,
                             owner, r->share);
    if (r->share > 0.0 && (r->channel < 0 || (size_t)r->channel >= m->n_channels))
        return cc_error_setf(err, CC_EINVAL, "%s channel of '%s' is %d, not a channel index",
                             what, owner, r->channel);
    return check_dist(&r->delay, what, owner, err);
}

static cc_status check_channel(const cc_simmodel *m, const cc_sim_channel *ch, cc_error *err)
{
    const char *nm = ch->name;
    int live = ch->kind == CC_CHANNEL_VOICE || ch->kind == CC_CHANNEL_CHAT ||
               ch->kind == CC_CHANNEL_MESSAGING;
    int sess = ch->kind == CC_CHANNEL_CHAT || ch->kind == CC_CHANNEL_MESSAGING;
    size_t i;
    int k;
    double share_sum;
    cc_status st;

    if ((unsigned)ch->kind > CC_CHANNEL_SOCIAL)
        return cc_error_setf(err, CC_EINVAL, "channel '%s' has an unknown kind", nm);
    for (i = 0; i < m->n_intervals; i++) {
        if (!(isfinite(ch->arrival_rate[i]) && ch->arrival_rate[i] >= 0.0))
            return cc_error_setf(err, CC_EINVAL,
                                 "arrival rate of '%s' in interval %zu is %g, not a rate >= 0",
                                 nm, i + 1, ch->arrival_rate[i]);
        if (!is_share(ch->deflection[i]))
            return cc_error_setf(err, CC_EINVAL,
                                 "deflection of '%s' in interval %zu must be in [0, 1], got %g",
                                 nm, i + 1, ch->deflection[i]);
        if (ch->bot.enabled && !is_share(ch->bot.containment[i]))
            return cc_error_setf(err, CC_EINVAL,
                                 "bot containment of '%s' in interval %zu must be in [0, 1], got %g",
                                 nm, i + 1, ch->bot.containment[i]);
    }
    if (!(isfinite(ch->forecast_cv) && ch->forecast_cv >= 0.0 && ch->forecast_cv <= 10.0))
        return cc_error_setf(err, CC_EINVAL, "forecast cv of '%s' must be in [0, 10], got %g",
                             nm, ch->forecast_cv);
    if (ch->initial_backlog < 0 || ch->initial_backlog > 100000000)
        return cc_error_setf(err, CC_EINVAL, "initial backlog of '%s' must be 0 to 10^8, got %ld",
                             nm, ch->initial_backlog);
    if (ch->n_arrival_times > 0) {
        if (!ch->arrival_times_s)
            return cc_error_setf(err, CC_EINVAL, "arrival trace of '%s' is missing", nm);
        for (i = 0; i < ch->n_arrival_times; i++)
            if (!(isfinite(ch->arrival_times_s[i]) && ch->arrival_times_s[i] >= 0.0) ||
                (i > 0 && ch->arrival_times_s[i] < ch->arrival_times_s[i - 1]))
                return cc_error_setf(err, CC_EINVAL,
                                     "arrival trace of '%s' must be ascending times >= 0 "
                                     "(entry %zu)", nm, i + 1);
    }
    if (ch->handle.kind == CC_DIST_NONE)
        return cc_error_setf(err, CC_EINVAL, "channel '%s' has no handle-time distribution",
                             nm);
    if ((st = check_dist(&ch->handle, "handle time", nm, err)) != CC_OK ||
        (st = check_dist(&ch->wrapup, "wrap-up", nm, err)) != CC_OK ||
        (st = check_dist(&ch->patience, "patience", nm, err)) != CC_OK)
        return st;
    if (!live && ch->patience.kind != CC_DIST_NONE)
        return cc_error_setf(err, CC_EINVAL,
                             "channel '%s' is %s: deferred work has no patience", nm,
                             cc_channel_kind_name(ch->kind));
    if (ch->concurrency < 1 || ch->concurrency > CC_SIM_MAX_CONCURRENCY)
        return cc_error_setf(err, CC_EINVAL, "concurrency of '%s' must be 1..%d, got %d", nm,
                             CC_SIM_MAX_CONCURRENCY, ch->concurrency);
    if (!sess && ch->concurrency != 1)
        return cc_error_setf(err, CC_EINVAL,
                             "channel '%s' is %s: only chat and messaging take concurrency",
                             nm, cc_channel_kind_name(ch->kind));
    for (k = 0; k <= CC_SIM_MAX_CONCURRENCY; k++)
        if (!(isfinite(ch->stretch[k]) && ch->stretch[k] >= 0.0))
            return cc_error_setf(err, CC_EINVAL, "stretch %d of '%s' must be >= 0", k, nm);
    if (!(isfinite(ch->target.answer_within_s) && ch->target.answer_within_s >= 0.0))
        return cc_error_setf(err, CC_EINVAL, "answer-within of '%s' must be >= 0", nm);
    if (!is_share(ch->target.service_level) || !is_share(ch->target.max_abandon))
        return cc_error_setf(err, CC_EINVAL, "service-level and abandon goals of '%s' are "
                             "shares in [0, 1]", nm);
    if (!(isfinite(ch->target.max_asa_s) && ch->target.max_asa_s >= 0.0))
        return cc_error_setf(err, CC_EINVAL, "max ASA of '%s' must be >= 0", nm);
    if (ch->bot.enabled) {
        if ((st = check_dist(&ch->bot.time, "bot time", nm, err)) != CC_OK)
            return st;
        if (!(isfinite(ch->bot.handle_factor) && ch->bot.handle_factor > 0.0) ||
            !(isfinite(ch->bot.patience_factor) && ch->bot.patience_factor > 0.0))
            return cc_error_setf(err, CC_EINVAL, "bot factors of '%s' must be > 0", nm);
        if ((st = check_repeat(m, &ch->bot.bounce, "bot bounce", nm, err)) != CC_OK)
            return st;
    }
    if ((st = check_repeat(m, &ch->retrial, "retrial", nm, err)) != CC_OK)
        return st;
    if (ch->n_transfers < 0 || ch->n_transfers > CC_SIM_MAX_TRANSFERS)
        return cc_error_setf(err, CC_EINVAL, "channel '%s' has %d transfer targets; 0 to %d "
                             "are allowed", nm, ch->n_transfers, CC_SIM_MAX_TRANSFERS);
    share_sum = 0.0;
    for (k = 0; k < ch->n_transfers; k++) {
        if ((st = check_repeat(m, &ch->transfers[k], "transfer", nm, err)) != CC_OK)
            return st;
        share_sum += ch->transfers[k].share;
    }
    /* the tolerance admits shares like 0.7 + 0.2 + 0.1 that round above 1 */
    if (share_sum > 1.0 + 1e-9)
        return cc_error_setf(err, CC_EINVAL, "transfer shares of '%s' add up to %g; at most 1",
                             nm, share_sum);
    if (ch->retrial.share > 0.0 && !live)
        return cc_error_setf(err, CC_EINVAL, "channel '%s' has retrials but no abandonment", nm);
    return CC_OK;
}

static cc_status check_team(const cc_simmodel *m, const cc_sim_team *tm, cc_error *err)
{
    size_t i, c;
    for (i = 0; i < m->n_intervals; i++) {
        if (tm->agents[i] < 0 || tm->agents[i] > 10000000)
            return cc_error_setf(err, CC_EINVAL, "team '%s' has %d agents in interval %zu",
                                 tm->name, tm->agents[i], i + 1);
        if (!(isfinite(tm->shrinkage[i]) && tm->shrinkage[i] >= 0.0 && tm->shrinkage[i] < 1.0))
            return cc_error_setf(err, CC_EINVAL,
                                 "shrinkage of '%s' in interval %zu must be in [0, 1), got %g",
                                 tm->name, i + 1, tm->shrinkage[i]);
    }
    for (c = 0; c < m->n_channels; c++) {
        const cc_sim_skill *sk = &tm->skills[c];
        if (!(isfinite(sk->proficiency) && sk->proficiency >= 0.0))
            return cc_error_setf(err, CC_EINVAL, "proficiency of '%s' for '%s' must be >= 0",
                                 tm->name, m->channels[c].name);
        if (!(isfinite(sk->overflow_s) && sk->overflow_s >= 0.0))
            return cc_error_setf(err, CC_EINVAL, "overflow threshold of '%s' for '%s' must be "
                                 ">= 0", tm->name, m->channels[c].name);
        if (sk->max_concurrency < 0 || sk->max_concurrency > CC_SIM_MAX_CONCURRENCY)
            return cc_error_setf(err, CC_EINVAL, "max concurrency of '%s' for '%s' must be "
                                 "0..%d, got %d", tm->name, m->channels[c].name,
                                 CC_SIM_MAX_CONCURRENCY, sk->max_concurrency);
        if (sk->max_concurrency > 1 && m->channels[c].kind != CC_CHANNEL_CHAT &&
            m->channels[c].kind != CC_CHANNEL_MESSAGING)
            return cc_error_setf(err, CC_EINVAL, "max concurrency of '%s' for '%s': %s handles "
                                 "one contact at a time", tm->name, m->channels[c].name,
                                 cc_channel_kind_name(m->channels[c].kind));
    }
    if (!(isfinite(tm->cost_per_hour) && isfinite(tm->cost_per_contact)))
        return cc_error_setf(err, CC_EINVAL, "costs of '%s' must be finite", tm->name);
    return CC_OK;
}

cc_status cc_simmodel_validate(const cc_simmodel *m, cc_error *err)
{
    size_t c, t;
    long agents = 0;
    cc_status st;

    if (!m)
        return cc_error_setf(err, CC_EINVAL, "no model");
    if (m->n_intervals < 1 || m->n_intervals > 10000000)
        return cc_error_setf(err, CC_EINVAL, "the horizon needs 1 to 10^7 intervals, got %zu",
                             m->n_intervals);
    if (!(isfinite(m->interval_s) && m->interval_s > 0.0) ||
        !isfinite(m->interval_s * (double)m->n_intervals))
        return cc_error_setf(err, CC_EINVAL, "interval length must be > 0 seconds, got %g",
                             m->interval_s);
    if (m->intervals_per_day < 1)
        return cc_error_setf(err, CC_EINVAL, "intervals per day must be >= 1");
    if (!(isfinite(m->warmup_s) && m->warmup_s >= 0.0))
        return cc_error_setf(err, CC_EINVAL, "warm-up must be >= 0 seconds");
    if (m->max_arrivals < 0)
        return cc_error_setf(err, CC_EINVAL, "max arrivals must be >= 0");
    if (!(isfinite(m->drain_limit_s) && m->drain_limit_s >= 0.0))
        return cc_error_setf(err, CC_EINVAL, "drain limit must be >= 0 seconds");
    if (m->max_attempts < 0 || m->max_attempts > 65535)
        return cc_error_setf(err, CC_EINVAL, "max attempts must be 0 to 65535, got %d",
                             m->max_attempts);
    if (m->max_transfers < 0 || m->max_transfers > 65535)
        return cc_error_setf(err, CC_EINVAL, "max transfers must be 0 to 65535, got %d",
                             m->max_transfers);
    if (m->chat_policy != CC_CHAT_FILL && m->chat_policy != CC_CHAT_SPREAD)
        return cc_error_setf(err, CC_EINVAL, "unknown chat assignment policy");
    if (m->strict_priority != 0 && m->strict_priority != 1)
        return cc_error_setf(err, CC_EINVAL, "strict priority must be 0 or 1, got %d",
                             m->strict_priority);
    if (m->n_channels < 1 || m->n_channels > 1000)
        return cc_error_setf(err, CC_EINVAL, "a model needs 1 to 1000 channels, got %zu",
                             m->n_channels);
    if (m->n_teams > 1000)
        return cc_error_setf(err, CC_EINVAL, "a model takes at most 1000 teams, got %zu",
                             m->n_teams);
    for (c = 0; c < m->n_channels; c++)
        if ((st = check_channel(m, &m->channels[c], err)) != CC_OK)
            return st;
    for (t = 0; t < m->n_teams; t++) {
        size_t i;
        int most = 0;
        if ((st = check_team(m, &m->teams[t], err)) != CC_OK)
            return st;
        for (i = 0; i < m->n_intervals; i++)
            most = m->teams[t].agents[i] > most ? m->teams[t].agents[i] : most;
        agents += most;
    }
    /* agents are indexed with 32-bit integers */
    if (agents > 10000000L)
        return cc_error_setf(err, CC_EINVAL, "the teams need %ld agents at their peaks; at most "
                             "10^7 are allowed", agents);
    return CC_OK;
}
