/*
 * The scenario model outside YAML: calendar arithmetic, the derived arrays
 * (arrival volume per day, agent presence per interval with shifts, overnight
 * and time zones applied), the queries the simulator and planner use, and
 * freeing. The loader (load_entry.c and the section files it drives) fills
 * the fields and then calls cc_scenario_finalize, so the queries here trust
 * every field.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "scenario/scenario_internal.h"

/* ---- calendar -------------------------------------------------------------- */

/*
 * Days since 1970-01-01 in the proleptic Gregorian calendar, by eras of
 * 400 years (H. Hinnant, "chrono-compatible low-level date algorithms").
 */
long cc_days_from_civil(int year, int month, int day)
{
    long y = (long)year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void cc_civil_from_days(long z, int *year, int *month, int *day)
{
    long era, doe, yoe, y, doy, mp, d, m;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int cc_weekday_of_days(long z)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    long w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static int days_in_month(int year, int month)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : dim[month - 1];
}

int cc_parse_iso_date(const char *text, long *days)
{
    int i, year, month, day;

    if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return -1;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return -1;
    year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    month = (text[5] - '0') * 10 + (text[6] - '0');
    day = (text[8] - '0') * 10 + (text[9] - '0');
    if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return -1;
    *days = cc_days_from_civil(year, month, day);
    return 0;
}

static long start_days(const cc_scenario *s)
{
    long z = 0;
    if (cc_parse_iso_date(s->start_date, &z) != 0)
        return 0;
    return z;
}

int cc_scenario_weekday(const cc_scenario *s, int day)
{
    long w = ((long)s->start_weekday + day) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Writes YYYY-MM-DD and a NUL into buf (11 bytes); years wrap at 10000. */
static void format_iso(int y, int m, int d, char *buf)
{
    unsigned uy = (unsigned)(y < 0 ? 0 : y) % 10000u;
    buf[0] = (char)('0' + uy / 1000);
    buf[1] = (char)('0' + uy / 100 % 10);
    buf[2] = (char)('0' + uy / 10 % 10);
    buf[3] = (char)('0' + uy % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + (unsigned)m / 10 % 10);
    buf[6] = (char)('0' + (unsigned)m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + (unsigned)d / 10 % 10);
    buf[9] = (char)('0' + (unsigned)d % 10);
    buf[10] = '\0';
}

void cc_format_iso_date(long days, char *buf)
{
    int y, m, d;
    cc_civil_from_days(days, &y, &m, &d);
    format_iso(y, m, d, buf);
}

void cc_scenario_date(const cc_scenario *s, int day, char *buf)
{
    cc_format_iso_date(start_days(s) + day, buf);
}

/* ---- names ----------------------------------------------------------------- */

const char *cc_scenario_method_name(cc_scenario_method m)
{
    switch (m) {
    case CC_METHOD_ERLANG_C: return "erlang-c";
    case CC_METHOD_ERLANG_A: return "erlang-a";
    case CC_METHOD_SIMULATION: return "simulation";
    }
    return "?";
}

/* ---- lookups --------------------------------------------------------------- */

int cc_scenario_channel_index(const cc_scenario *s, const char *name)
{
    int i;
    for (i = 0; i < s->n_channels; i++)
        if (!strcmp(s->channels[i].name, name))
            return i;
    return -1;
}

int cc_scenario_team_index(const cc_scenario *s, const char *name)
{
    int i;
    for (i = 0; i < s->n_teams; i++)
        if (!strcmp(s->teams[i].name, name))
            return i;
    return -1;
}

int cc_scenario_profile_index(const cc_scenario *s, const char *name)
{
    int i;
    for (i = 0; i < s->n_profiles; i++)
        if (!strcmp(s->profiles[i].name, name))
            return i;
    return -1;
}

/* ---- queries --------------------------------------------------------------- */

double cc_scenario_channel_rate_gross(const cc_scenario *s, int ch, int interval)
{
    const cc_channel *c;
    int day, slot;

    if (ch < 0 || ch >= s->n_channels || interval < 0 || interval >= s->n_intervals)
        return 0.0;
    c = &s->channels[ch];
    day = interval / s->intervals_per_day;
    slot = interval % s->intervals_per_day;
    if (c->forecast_volume)
        return c->forecast_volume[interval] * c->day_multiplier[day] / s->interval_s;
    return c->day_volume[day] *
           s->profiles[c->profile_of_weekday[cc_scenario_weekday(s, day)]].weights[slot] /
           s->interval_s;
}

double cc_scenario_channel_rate(const cc_scenario *s, int ch, int interval)
{
    int day;
    if (ch < 0 || ch >= s->n_channels || interval < 0 || interval >= s->n_intervals)
        return 0.0;
    day = interval / s->intervals_per_day;
    return cc_scenario_channel_rate_gross(s, ch, interval) *
           (1.0 - s->channels[ch].day_deflection[day]);
}

double cc_scenario_channel_volume(const cc_scenario *s, int ch, int interval)
{
    return cc_scenario_channel_rate(s, ch, interval) * s->interval_s;
}

double cc_scenario_team_agents(const cc_scenario *s, int team, int interval)
{
    if (team < 0 || team >= s->n_teams || interval < 0 || interval >= s->n_intervals)
        return 0.0;
    return s->teams[team].agents_per_interval[interval];
}

double cc_scenario_team_shrinkage(const cc_scenario *s, int team)
{
    if (team < 0 || team >= s->n_teams)
        return 0.0;
    return s->teams[team].shrinkage;
}

double cc_scenario_team_paid_hours(const cc_scenario *s, int team)
{
    const cc_team *t;
    double h = 0.0;
    int i;

    if (team < 0 || team >= s->n_teams)
        return 0.0;
    t = &s->teams[team];
    for (i = 0; i < t->n_spans; i++)
        h += t->spans[i].agents * (t->spans[i].end_s - t->spans[i].start_s) / 3600.0;
    return h;
}

int cc_scenario_team_serves(const cc_scenario *s, int team, int ch)
{
    const cc_channel *c;
    int i;

    if (team < 0 || team >= s->n_teams || ch < 0 || ch >= s->n_channels)
        return 0;
    if (s->teams[team].proficiency[ch] <= 0.0)
        return 0;
    c = &s->channels[ch];
    for (i = 0; i < c->n_route_teams; i++)
        if (c->route_teams[i] == team)
            return 1;
    for (i = 0; i < c->n_overflow; i++)
        if (c->overflow_teams[i] == team)
            return 1;
    return 0;
}

double cc_scenario_containment(const cc_scenario *s, int bot, double t_s)
{
    const cc_chatbot *b;
    double f;

    if (bot < 0 || bot >= s->n_chatbots)
        return 0.0;
    b = &s->chatbots[bot];
    if (b->ramp_length_s <= 0.0 || t_s <= b->ramp_start_s)
        return b->containment_from;
    if (t_s >= b->ramp_start_s + b->ramp_length_s)
        return b->containment_to;
    f = (t_s - b->ramp_start_s) / b->ramp_length_s;
    return b->containment_from + f * (b->containment_to - b->containment_from);
}

double cc_scenario_stretch(const cc_scenario *s, int ch, int sessions)
{
    const cc_channel *c;

    if (ch < 0 || ch >= s->n_channels || sessions <= 1)
        return 1.0;
    c = &s->channels[ch];
    if (c->n_stretch > 0)
        return c->stretch[(sessions <= c->n_stretch ? sessions : c->n_stretch) - 1];
    return 1.0 + c->stretch_per_session * (sessions - 1);
}

/* ---- derived arrays -------------------------------------------------------- */

static void derive_channel_days(cc_scenario *s, int ch)
{
    cc_channel *c = &s->channels[ch];
    int d, k;

    c->day_volume = cc_xcalloc((size_t)s->days, sizeof(double));
    c->day_deflection = cc_xcalloc((size_t)s->days, sizeof(double));
    c->day_multiplier = cc_xcalloc((size_t)s->days, sizeof(double));
    for (d = 0; d < s->days; d++) {
        double season = 1.0, defl = c->deflection;
        for (k = 0; k < s->n_seasons; k++) {
            const cc_season *se = &s->seasons[k];
            if (d < se->first_day || d > se->last_day)
                continue;
            if (se->multiplier[ch] >= 0.0)
                season = se->combine == CC_SEASON_MULTIPLY ? season * se->multiplier[ch]
                                                           : se->multiplier[ch];
            if (se->deflection[ch] >= 0.0)
                defl = se->deflection[ch];
        }
        if (c->forecast_volume) {
            /* the forecast has the weekly pattern: season and multiplier only */
            double sum = 0.0;
            int i;
            for (i = 0; i < s->intervals_per_day; i++)
                sum += c->forecast_volume[(size_t)d * s->intervals_per_day + i];
            c->day_multiplier[d] = season * c->forecast_multiplier;
            c->day_volume[d] = sum * c->day_multiplier[d];
        } else {
            c->day_multiplier[d] = c->weekday[cc_scenario_weekday(s, d)] * season;
            c->day_volume[d] = c->volume_per_day * c->day_multiplier[d];
        }
        c->day_deflection[d] = defl;
    }
}

static void add_span(cc_team *t, int *cap, double a, double b, int agents, int shift)
{
    if (b <= a || agents <= 0)
        return;
    if (t->n_spans == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        t->spans = cc_xrealloc(t->spans, (size_t)*cap * sizeof(*t->spans));
    }
    t->spans[t->n_spans].start_s = a;
    t->spans[t->n_spans].end_s = b;
    t->spans[t->n_spans].agents = agents;
    t->spans[t->n_spans].shift = shift;
    t->n_spans++;
}

static int span_cmp(const void *pa, const void *pb)
{
    const cc_span *a = pa, *b = pb;
    if (a->start_s != b->start_s)
        return a->start_s < b->start_s ? -1 : 1;
    if (a->shift != b->shift)
        return a->shift < b->shift ? -1 : 1;
    return 0;
}

/*
 * A shift starting on team-local day L (the calendar date start + L) at
 * local time start_s begins at scenario time L x 86400 + start_s - (team
 * offset - scenario offset). L runs a few days either side of the horizon
 * so overnight shifts and offsets of up to +-28 h are caught, then each
 * occurrence is clipped to [0, horizon).
 */
static void derive_team_spans(cc_scenario *s, cc_team *t)
{
    int cap = 0, k, L, i;
    double shift_by = t->utc_offset_s - s->utc_offset_s;

    if (t->staffing == CC_STAFF_FLAT) {
        add_span(t, &cap, 0.0, s->horizon_s, t->flat_agents, -1);
    } else {
        for (k = 0; k < t->n_shifts; k++) {
            const cc_shift *sh = &t->shifts[k];
            for (L = -3; L <= s->days + 2; L++) {
                double a, b;
                if (!(sh->days & (1u << cc_scenario_weekday(s, L))) || L < sh->first_day ||
                    L > sh->last_day)
                    continue;
                a = (double)L * 86400.0 + sh->start_s - shift_by;
                b = a + sh->length_s;
                if (a < 0.0)
                    a = 0.0;
                if (b > s->horizon_s)
                    b = s->horizon_s;
                add_span(t, &cap, a, b, sh->agents, k);
            }
        }
        if (t->n_spans > 1)
            qsort(t->spans, (size_t)t->n_spans, sizeof(*t->spans), span_cmp);
    }
    t->agents_per_interval = cc_xcalloc((size_t)s->n_intervals, sizeof(double));
    for (i = 0; i < t->n_spans; i++) {
        const cc_span *sp = &t->spans[i];
        int first = (int)floor(sp->start_s / s->interval_s);
        int j;
        for (j = first; j < s->n_intervals; j++) {
            double lo = j * s->interval_s, hi = lo + s->interval_s;
            double a = sp->start_s > lo ? sp->start_s : lo;
            double b = sp->end_s < hi ? sp->end_s : hi;
            if (lo >= sp->end_s)
                break;
            if (b > a)
                t->agents_per_interval[j] += sp->agents * (b - a) / s->interval_s;
        }
    }
}

static int priority_cmp_ctx_rank(const cc_scenario *s, int a, int b)
{
    if (s->channels[a].priority != s->channels[b].priority)
        return s->channels[a].priority - s->channels[b].priority;
    return a - b;
}

static void derive_priority_order(cc_scenario *s)
{
    int i, j;

    s->priority_order = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(int));
    for (i = 0; i < s->n_channels; i++)
        s->priority_order[i] = i;
    /* Insertion sort: at most CC_MAX_CHANNELS entries. */
    for (i = 1; i < s->n_channels; i++) {
        int v = s->priority_order[i];
        for (j = i; j > 0 && priority_cmp_ctx_rank(s, s->priority_order[j - 1], v) > 0; j--)
            s->priority_order[j] = s->priority_order[j - 1];
        s->priority_order[j] = v;
    }
}

static void interval_label(const cc_scenario *s, int interval, char *buf, size_t size)
{
    char date[11];
    int slot = interval % s->intervals_per_day;
    int minutes = (int)(slot * s->interval_s / 60.0);
    cc_scenario_date(s, interval / s->intervals_per_day, date);
    snprintf(buf, size, "%s %02d:%02d", date, minutes / 60, minutes % 60);
}

/*
 * Warns about arrivals that no agent can take: for live channels the
 * intervals with expected arrivals and no serving agent on duty, for
 * deferred channels a horizon without any serving agent.
 */
static void coverage_warnings(const cc_scenario *s, cc_diag_list *diags)
{
    unsigned char *covered = cc_xcalloc((size_t)s->n_intervals, 1);
    int ch, t, i;

    for (ch = 0; ch < s->n_channels; ch++) {
        const cc_channel *c = &s->channels[ch];
        int n_open = 0, n_bad = 0, first_bad = -1, any = 0;

        memset(covered, 0, (size_t)s->n_intervals);
        for (t = 0; t < s->n_teams; t++) {
            if (!cc_scenario_team_serves(s, t, ch))
                continue;
            for (i = 0; i < s->n_intervals; i++)
                if (s->teams[t].agents_per_interval[i] > 0.0) {
                    covered[i] = 1;
                    any = 1;
                }
        }
        if (cc_channel_kind_deferred(c->kind)) {
            if (!any && (c->volume_per_day > 0.0 || c->backlog > 0))
                cc_diag_add(diags, CC_DIAG_WARNING, CC_OK, c->line, c->col,
                            "channels.%s: no agent who can serve it is on duty at any time "
                            "in the horizon; its contacts are never answered",
                            c->name);
            continue;
        }
        for (i = 0; i < s->n_intervals; i++) {
            if (cc_scenario_channel_rate(s, ch, i) <= 0.0)
                continue;
            n_open++;
            if (!covered[i]) {
                n_bad++;
                if (first_bad < 0)
                    first_bad = i;
            }
        }
        if (n_bad > 0) {
            char when[32];
            interval_label(s, first_bad, when, sizeof(when));
            cc_diag_add(diags, CC_DIAG_WARNING, CC_OK, c->line, c->col,
                        "channels.%s: %d of %d intervals with arrivals have no agent on duty "
                        "who can serve them (first at %s); those contacts wait%s",
                        c->name, n_bad, n_open, when,
                        c->patience.kind != CC_DIST_NONE ? " or abandon" : "");
        }
    }
    free(covered);
}

void cc_scenario_finalize(cc_scenario *s, cc_diag_list *diags)
{
    int i;

    for (i = 0; i < s->n_channels; i++)
        derive_channel_days(s, i);
    for (i = 0; i < s->n_teams; i++)
        derive_team_spans(s, &s->teams[i]);
    derive_priority_order(s);
    coverage_warnings(s, diags);
}

/* ---- freeing --------------------------------------------------------------- */

void cc_dist_release(cc_dist *d)
{
    if (!d)
        return;
    free(d->values_s);
    memset(d, 0, sizeof(*d));
}

static void channel_release(cc_channel *c)
{
    free(c->name);
    free(c->day_volume);
    free(c->day_deflection);
    free(c->day_multiplier);
    free(c->forecast_volume);
    free(c->forecast_path);
    cc_dist_release(&c->handle_time);
    cc_dist_release(&c->wrap_up);
    cc_dist_release(&c->patience);
    cc_dist_release(&c->retry_delay);
    free(c->stretch);
    free(c->transfers);
    free(c->route_teams);
    free(c->overflow_teams);
    free(c->overflow_after_s);
}

static void team_release(cc_team *t)
{
    int i;

    free(t->name);
    free(t->proficiency);
    free(t->max_concurrency);
    for (i = 0; i < t->n_shifts; i++)
        free(t->shifts[i].name);
    free(t->shifts);
    free(t->spans);
    free(t->agents_per_interval);
    for (i = 0; i < t->n_shrinkage; i++)
        free(t->shrinkage_names[i]);
    free(t->shrinkage_names);
    free(t->shrinkage_values);
}

void cc_scenario_free(cc_scenario *s)
{
    int i, j;

    if (!s)
        return;
    free(s->name);
    free(s->description);
    free(s->currency);
    free(s->source_path);
    free(s->source_text);
    for (i = 0; i < s->n_profiles; i++) {
        free(s->profiles[i].name);
        free(s->profiles[i].weights);
    }
    free(s->profiles);
    for (i = 0; i < s->n_channels; i++)
        channel_release(&s->channels[i]);
    free(s->channels);
    for (i = 0; i < s->n_seasons; i++) {
        free(s->seasons[i].name);
        free(s->seasons[i].multiplier);
        free(s->seasons[i].deflection);
    }
    free(s->seasons);
    for (i = 0; i < s->n_chatbots; i++) {
        free(s->chatbots[i].name);
        free(s->chatbots[i].fronts);
        cc_dist_release(&s->chatbots[i].time_in_bot);
        cc_dist_release(&s->chatbots[i].bounce_delay);
    }
    free(s->chatbots);
    for (i = 0; i < s->n_teams; i++)
        team_release(&s->teams[i]);
    free(s->teams);
    free(s->priority_order);
    free(s->plan.headcount);
    for (i = 0; s->plan.shift_rules && i < s->n_teams; i++) {
        for (j = 0; j < s->plan.n_shift_rules[i]; j++)
            free(s->plan.shift_rules[i][j].name);
        free(s->plan.shift_rules[i]);
    }
    free(s->plan.shift_rules);
    free(s->plan.n_shift_rules);
    for (i = 0; i < s->plan.n_options; i++) {
        cc_option *o = &s->plan.options[i];
        free(o->name);
        free(o->description);
        for (j = 0; j < o->n_set; j++) {
            free(o->set[j].path);
            free(o->set[j].value);
        }
        free(o->set);
    }
    free(s->plan.options);
    for (i = 0; i < s->n_overrides; i++) {
        free(s->overrides[i].path);
        free(s->overrides[i].value);
    }
    free(s->overrides);
    free(s);
}
