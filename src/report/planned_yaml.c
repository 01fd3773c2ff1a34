/*
 * planned.yaml: the plan's scenario with each rostered team's staffing
 * replaced by its roster written as scenario shifts, so that `ccsim run
 * planned.yaml` simulates exactly the agents on duty the roster gives. A
 * scenario shift has no breaks, so a rostered shift becomes one scenario
 * shift per stretch between its breaks (paid or unpaid: both are off the
 * phones). The stretches are moved onto the team's clock, then each run of
 * dates with the same start, length and agents is one entry: a weekday
 * list between `from` and `to`. The YAML itself is the scenario stage's
 * (cc_scenario_write_restaffed).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_report.h"
#include "cc_version.h"
#include "scenario/loader.h"
#include "util/clocale.h"

#define DAY_S 86400L
#define FIRST_DAY (-3) /* earliest team-local day a scenario shift can start on */

/* ---- roster pieces ----------------------------------------------------------- */

/* One stretch on duty of a roster start: the whole shift, or a part between breaks. */
typedef struct piece {
    size_t rule;     /* index into the team's rules */
    int n_parts;     /* stretches of the shift: 1 without breaks */
    int part;        /* which of them, 1 .. n_parts */
    long start;      /* start, seconds after midnight on the team's clock */
    long length;     /* seconds on duty */
    long day;        /* team-local horizon day it starts on */
    long agents;     /* agents */
} piece;

static int piece_cmp(const void *pa, const void *pb)
{
    const piece *a = pa, *b = pb;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    if (a->n_parts != b->n_parts)
        return a->n_parts - b->n_parts;
    if (a->part != b->part)
        return a->part - b->part;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->length != b->length)
        return a->length < b->length ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return 0;
}

/* 1 when two pieces differ at most in their day and agents: one group of entries. */
static int same_group(const piece *a, const piece *b)
{
    return a->rule == b->rule && a->n_parts == b->n_parts && a->part == b->part &&
           a->start == b->start && a->length == b->length;
}

static long floor_div(long a, long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Whole intervals of x seconds, as the roster counts them. */
static long intervals_of(double x, double interval_s)
{
    return lround(x / interval_s);
}

/*
 * Appends the piece [a, a + len) in scenario seconds from the horizon
 * start, moved onto the team's clock by shift_by seconds; a piece that does
 * not reach into the horizon is left out (the simulation clips shifts to
 * it). CC_EINVAL when the team's clock cannot state it in minutes.
 */
static cc_status add_piece(const cc_scenario *s, int team, piece **v, size_t *n, size_t *cap,
                           long a, long len, long shift_by, const piece *what, cc_error *err)
{
    long local, day;
    piece *pc;

    if (len <= 0 || a + len <= 0 || (double)a >= s->horizon_s)
        return CC_OK;
    local = a + shift_by;
    day = floor_div(local, DAY_S);
    if (local % 60 != 0 || len % 60 != 0)
        return cc_error_setf(err, CC_EINVAL,
                             "team '%s': a rostered shift does not start on a whole minute of the "
                             "team's clock (utc_offset), so it cannot be written as a scenario "
                             "shift",
                             s->teams[team].name);
    if (day < FIRST_DAY || day > (long)s->days + 2 || len > DAY_S)
        return cc_error_setf(err, CC_EINVAL,
                             "team '%s': a rostered shift (day %ld, %ld s long) is outside what "
                             "scenario shifts can state",
                             s->teams[team].name, day, len);
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *v = cc_xrealloc(*v, *cap * sizeof(**v));
    }
    pc = &(*v)[(*n)++];
    *pc = *what;
    pc->start = local - day * DAY_S;
    pc->length = len;
    pc->day = day;
    return CC_OK;
}

/*
 * Which intervals of a shift of `len` intervals are on duty: on[k] = 0 for
 * the intervals of its breaks. A start carries its length and breaks; one
 * without a length (an older roster) takes its rule's length and single
 * unpaid break. Returns the length in intervals (at most `max`).
 */
static long duty_mask(const cc_shift_start *ss, const cc_shift_rule *r, double dt,
                      unsigned char *on, long max)
{
    long len = intervals_of(ss->length_s > 0 ? ss->length_s : r->length_s, dt), k;
    int b;

    if (len > max)
        len = max;
    for (k = 0; k < len; k++)
        on[k] = 1;
    for (b = 0; b < (ss->length_s > 0 ? ss->n_breaks : 1) && b < CC_SHIFT_MAX_BREAKS; b++) {
        double off = ss->length_s > 0 ? ss->breaks[b].offset_s : r->break_offset_s;
        double blen = ss->length_s > 0 ? ss->breaks[b].length_s : r->break_s;
        long from = intervals_of(off, dt), to = from + intervals_of(blen, dt);
        for (k = from < 0 ? 0 : from; k < to && k < len; k++)
            on[k] = 0;
    }
    return len;
}

/*
 * The roster of team t cut into pieces on the team's clock, sorted by
 * (rule, parts, part, start, length, day). Interval counts follow the
 * roster's: start, length and breaks in whole intervals.
 */
static cc_status roster_pieces(const cc_planner *p, int t, piece **out, size_t *n_out,
                               cc_error *err)
{
    const cc_scenario *s = p->s;
    const cc_planner_team *pt = &p->teams[t];
    const cc_shift_plan *sp = pt->shifts;
    double dt = s->interval_s;
    long step = lround(dt), shift_by = lround(s->teams[t].utc_offset_s - s->utc_offset_s);
    long max = 2 * DAY_S / step + 1;
    unsigned char *on = cc_xcalloc((size_t)max, 1);
    piece *v = NULL;
    size_t n = 0, cap = 0, j;
    cc_status st = CC_OK;

    if ((double)shift_by != s->teams[t].utc_offset_s - s->utc_offset_s)
        st = cc_error_setf(err, CC_EINVAL,
                           "team '%s': its utc_offset is not a whole number of seconds from "
                           "the horizon's",
                           s->teams[t].name);
    for (j = 0; j < sp->n_starts && st == CC_OK; j++) {
        const cc_shift_start *ss = &sp->starts[j];
        long base = ss->day * DAY_S + intervals_of(ss->start_s, dt) * step, k, k0;
        long len = duty_mask(ss, &pt->rules[ss->rule], dt, on, max);
        piece what;

        memset(&what, 0, sizeof(what));
        what.rule = ss->rule;
        what.agents = ss->agents;
        for (k = 0; k < len; k++)
            what.n_parts += on[k] && (k == 0 || !on[k - 1]);
        for (k = 0; k < len && st == CC_OK; k++) {
            if (!on[k] || (k > 0 && on[k - 1]))
                continue;
            for (k0 = k; k < len && on[k]; k++)
                ;
            what.part++;
            st = add_piece(s, t, &v, &n, &cap, base + k0 * step, (k - k0) * step, shift_by, &what,
                           err);
        }
    }
    free(on);
    if (st != CC_OK) {
        free(v);
        return st;
    }
    if (n > 1)
        qsort(v, n, sizeof(*v), piece_cmp);
    *out = v;
    *n_out = n;
    return CC_OK;
}

/* ---- compression into shift entries ------------------------------------------- */

/* A shift entry under construction, with what it came from (for names and order). */
typedef struct entry {
    cc_shift sh;     /* the entry (name set last) */
    size_t rule;     /* rule index */
    int n_parts;     /* stretches of the rostered shift */
    int part;        /* which of them, 1 .. n_parts */
} entry;

typedef struct entry_list {
    entry *v;
    size_t n, cap;
} entry_list;

/*
 * Covers exactly the days k with in[k] (k = 0..n-1, day k + FIRST_DAY,
 * weekday wd[k]) by entries "weekdays M between days a and b": from each
 * first uncovered day, the entry reaches as far as no day between a and b
 * outside the set shares a weekday with M. Each entry is passed to `emit`
 * (when not NULL); returns the number of entries.
 */
static size_t cover_days(const unsigned char *in, const int *wd, size_t n,
                         void (*emit)(void *ctx, unsigned mask, long a, long b), void *ctx)
{
    size_t k = 0, count = 0;

    while (k < n) {
        unsigned m = 0, forbid = 0, best_m = 0;
        size_t j, best = k;
        if (!in[k]) {
            k++;
            continue;
        }
        for (j = k; j < n; j++) {
            unsigned bit = 1u << wd[j];
            if (in[j])
                m |= bit;
            else
                forbid |= bit;
            if (m & forbid)
                break;
            if (in[j]) {
                best = j;
                best_m = m;
            }
        }
        if (emit)
            emit(ctx, best_m, (long)k + FIRST_DAY, (long)best + FIRST_DAY);
        count++;
        k = best + 1;
    }
    return count;
}

/* What emit_entry needs to fill an entry. */
typedef struct emit_ctx {
    const cc_scenario *s;
    entry_list *out;
    const piece *key;   /* rule, part, start and length of the group */
    long agents;        /* agents of the entries */
} emit_ctx;

/*
 * One entry. `from` must not be after the horizon and `to` not before it:
 * entries wholly before day 0 end on day 0 instead, wholly after the last
 * day start on it instead; both are within 4 days, so of other weekdays
 * than the mask's, and select the same days.
 */
static void emit_entry(void *vctx, unsigned mask, long a, long b)
{
    emit_ctx *c = vctx;
    entry *e;

    if (c->out->n == c->out->cap) {
        c->out->cap = c->out->cap ? 2 * c->out->cap : 32;
        c->out->v = cc_xrealloc(c->out->v, c->out->cap * sizeof(*c->out->v));
    }
    e = &c->out->v[c->out->n++];
    memset(e, 0, sizeof(*e));
    e->rule = c->key->rule;
    e->n_parts = c->key->n_parts;
    e->part = c->key->part;
    e->sh.days = mask;
    e->sh.start_s = (double)c->key->start;
    e->sh.length_s = (double)c->key->length;
    e->sh.overnight = c->key->start + c->key->length > DAY_S;
    e->sh.agents = c->agents > CC_MAX_AGENTS ? CC_MAX_AGENTS + 1 : (int)c->agents;
    e->sh.first_day = (int)(a < c->s->days ? a : c->s->days - 1);
    e->sh.last_day = (int)(b >= 0 ? b : 0);
}

/* Distinct positive values of agents[0..n-1], ascending; returns their count. */
static size_t distinct_values(const long *agents, size_t n, long *vals)
{
    size_t k, m = 0, i;
    for (k = 0; k < n; k++) {
        if (agents[k] <= 0)
            continue;
        for (i = 0; i < m && vals[i] < agents[k]; i++)
            ;
        if (i < m && vals[i] == agents[k])
            continue;
        memmove(vals + i + 1, vals + i, (m - i) * sizeof(*vals));
        vals[i] = agents[k];
        m++;
    }
    return m;
}

/*
 * Entries of one group (same rule, part, start and length) with agents[k]
 * on day k + FIRST_DAY. Two ways, the one with fewer entries kept (direct
 * on a tie): direct, an entry set per distinct count; or layered, counts
 * stacked, layer j adding vals[j] - vals[j-1] agents on the days with at
 * least vals[j].
 */
static void group_entries(const cc_scenario *s, const piece *key, const long *agents,
                          const int *wd, size_t n, entry_list *out)
{
    long *vals = cc_xcalloc(n + 1, sizeof(*vals));
    unsigned char *in = cc_xcalloc(n + 1, 1);
    size_t m = distinct_values(agents, n, vals), j, k, direct = 0, layered = 0;
    int use_layers;
    emit_ctx c;

    for (j = 0; j < m; j++) {
        for (k = 0; k < n; k++)
            in[k] = agents[k] == vals[j];
        direct += cover_days(in, wd, n, NULL, NULL);
        for (k = 0; k < n; k++)
            in[k] = agents[k] >= vals[j];
        layered += cover_days(in, wd, n, NULL, NULL);
    }
    use_layers = layered < direct;
    c.s = s;
    c.out = out;
    c.key = key;
    for (j = 0; j < m; j++) {
        for (k = 0; k < n; k++)
            in[k] = use_layers ? agents[k] >= vals[j] : agents[k] == vals[j];
        c.agents = use_layers && j > 0 ? vals[j] - vals[j - 1] : vals[j];
        cover_days(in, wd, n, emit_entry, &c);
    }
    free(in);
    free(vals);
}

/* Order of the written shifts: by first date, start, then the rest for a total order. */
static int entry_cmp(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    if (a->sh.first_day != b->sh.first_day)
        return a->sh.first_day < b->sh.first_day ? -1 : 1;
    if (a->sh.start_s != b->sh.start_s)
        return a->sh.start_s < b->sh.start_s ? -1 : 1;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    if (a->n_parts != b->n_parts)
        return a->n_parts - b->n_parts;
    if (a->part != b->part)
        return a->part - b->part;
    if (a->sh.length_s != b->sh.length_s)
        return a->sh.length_s < b->sh.length_s ? -1 : 1;
    if (a->sh.last_day != b->sh.last_day)
        return a->sh.last_day < b->sh.last_day ? -1 : 1;
    if (a->sh.days != b->sh.days)
        return a->sh.days < b->sh.days ? -1 : 1;
    return a->sh.agents - b->sh.agents;
}

/* "RULE", "RULE (before break)", "RULE (after break)", or "RULE (part 2 of 3)". */
static char *entry_name(const cc_planner_team *pt, const entry *e)
{
    char rule[CC_MAX_NAME + 16], part[48] = "", buf[CC_MAX_NAME + 80];

    if (e->rule < pt->n_rules && pt->rule_names && pt->rule_names[e->rule])
        snprintf(rule, sizeof(rule), "%s", pt->rule_names[e->rule]);
    else
        snprintf(rule, sizeof(rule), "rule %zu", e->rule + 1);
    if (e->n_parts == 2)
        snprintf(part, sizeof(part), e->part == 1 ? " (before break)" : " (after break)");
    else if (e->n_parts > 2)
        snprintf(part, sizeof(part), " (part %d of %d)", e->part, e->n_parts);
    snprintf(buf, sizeof(buf), "%s%s", rule, part);
    return cc_xstrdup(buf);
}

/* The roster of team t as scenario shifts; *out (n_out entries) is freed with free_shifts. */
static cc_status team_shifts(const cc_planner *p, int t, cc_shift **out, int *n_out,
                             cc_error *err)
{
    const cc_scenario *s = p->s;
    size_t n_days = (size_t)s->days + 2 - FIRST_DAY + 1, i = 0, j, k;
    piece *pcs = NULL;
    size_t n_pcs = 0;
    long *agents;
    int *wd;
    entry_list el = {NULL, 0, 0};
    cc_shift *sh;
    cc_status st = roster_pieces(p, t, &pcs, &n_pcs, err);

    if (st != CC_OK)
        return st;
    agents = cc_xcalloc(n_days, sizeof(*agents));
    wd = cc_xcalloc(n_days, sizeof(*wd));
    for (k = 0; k < n_days; k++)
        wd[k] = cc_scenario_weekday(s, (int)k + FIRST_DAY);
    while (i < n_pcs) {
        for (k = 0; k < n_days; k++)
            agents[k] = 0;
        for (j = i; j < n_pcs && same_group(&pcs[j], &pcs[i]); j++)
            agents[pcs[j].day - FIRST_DAY] += pcs[j].agents;
        group_entries(s, &pcs[i], agents, wd, n_days, &el);
        i = j;
    }
    if (el.n > 1)
        qsort(el.v, el.n, sizeof(*el.v), entry_cmp);
    sh = cc_xcalloc(el.n ? el.n : 1, sizeof(*sh));
    for (k = 0; k < el.n; k++) {
        sh[k] = el.v[k].sh;
        sh[k].name = entry_name(&p->teams[t], &el.v[k]);
    }
    *out = sh;
    *n_out = (int)el.n;
    if (el.n > (size_t)CC_MAX_SHIFTS)
        st = cc_error_setf(err, CC_EINVAL,
                           "the roster of team '%s' needs %zu scenario shifts; a team holds at "
                           "most %d, so planned.yaml cannot state it",
                           s->teams[t].name, el.n, CC_MAX_SHIFTS);
    free(el.v);
    free(wd);
    free(agents);
    free(pcs);
    return st;
}

static void free_shifts(cc_shift *sh, int n)
{
    int k;
    for (k = 0; sh && k < n; k++)
        free(sh[k].name);
    free(sh);
}

/* ---- the file ----------------------------------------------------------------------- */

/* The comment at the top of planned.yaml; the caller frees it. */
static char *header_text(const cc_planner *p)
{
    const cc_scenario *s = p->s;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    int t, any;

    if (!f)
        return cc_xstrdup("");
    fprintf(f, "planned.yaml: scenario '%s' with the plan's roster as its staffing.\n", s->name);
    fprintf(f, "Generated by ccsim %s plan from %s; run it with\n", cc_version(),
            s->source_path ? s->source_path : "<string>");
    fputs("  ccsim run planned.yaml\n", f);
    for (t = 0; t < s->n_overrides; t++)
        fprintf(f, "Override applied as at the plan: %s=%s\n", s->overrides[t].path,
                s->overrides[t].value);
    if (s->option_index >= 0 && s->option_index < s->plan.n_options)
        fprintf(f, "Plan option applied as at the plan: '%s'\n",
                s->plan.options[s->option_index].name);
    fputs("Rostered (shifts replaced):", f);
    for (t = 0, any = 0; t < s->n_teams; t++)
        if (p->teams[t].shifts) {
            fprintf(f, " %s", s->teams[t].name);
            any = 1;
        }
    fputs(any ? "\n" : " none\n", f);
    fputs("As written (no roster):", f);
    for (t = 0, any = 0; t < s->n_teams; t++)
        if (!p->teams[t].shifts) {
            fprintf(f, " %s", s->teams[t].name);
            any = 1;
        }
    fputs(any ? "\n" : " none\n", f);
    fputs("Shift times and the dates from/to are on each team's clock (utc_offset). Scenario\n"
          "shifts have no breaks: a rostered shift with breaks (paid or unpaid, both off the\n"
          "phones) is written as one shift per stretch between them, so the agents on duty\n"
          "equal the roster's coverage; the paid time of paid breaks is not in these shifts.\n"
          "plan.options are left out: their overrides name positions in the old shift lists.\n"
          "Comments of the source file are not kept.\n",
          f);
    if (fclose(f) != 0 || !text) {
        free(text);
        return cc_xstrdup("");
    }
    return text;
}

static cc_status report_planned_yaml_in_c_locale(FILE *out, const cc_planner *p, cc_error *err)
{
    const cc_scenario *s = p->s;
    cc_shift **shifts = cc_xcalloc((size_t)s->n_teams + 1, sizeof(*shifts));
    int *n_shifts = cc_xcalloc((size_t)s->n_teams + 1, sizeof(*n_shifts));
    cc_status st = CC_OK;
    char *header = NULL;
    int t;

    for (t = 0; t < s->n_teams && st == CC_OK; t++)
        if (p->teams[t].shifts)
            st = team_shifts(p, t, &shifts[t], &n_shifts[t], err);
    if (st == CC_OK) {
        header = header_text(p);
        st = cc_scenario_write_restaffed(out, s, header, (const cc_shift *const *)shifts,
                                         n_shifts, err);
    }
    for (t = 0; t < s->n_teams; t++)
        free_shifts(shifts[t], n_shifts[t]);
    free(header);
    free(n_shifts);
    free(shifts);
    return st;
}

cc_status cc_report_planned_yaml(FILE *out, const cc_planner *p, cc_error *err)
{
    /* '.' decimals whatever LC_NUMERIC the program set (util/clocale.h). */
    locale_t prev = cc_locale_enter();
    cc_status st = report_planned_yaml_in_c_locale(out, p, err);
    cc_locale_leave(prev);
    return st;
}
