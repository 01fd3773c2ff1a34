/*
 * Tests of planned.yaml (cc_report_planned_yaml): the plan's scenario with
 * the roster as its staffing loads back without a diagnostic and puts on
 * duty, team by team and interval by interval, exactly the roster's
 * coverage (scenario query and engine model both), through unpaid breaks,
 * night shifts from the evening before the horizon and team clocks apart
 * from the scenario's; teams without a roster keep their staffing; the
 * overrides of the load and a plan option carry over and plan.options go;
 * hand-made rosters pin the compression to exact lines and the limits to
 * CC_EINVAL; two writes give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_plan.h"
#include "cc_report.h"
#include "cc_sim.h"
#include "cc_version.h"
#include "test_util.h"

/* ---- helpers -------------------------------------------------------------- */

/*
 * Loads `yaml`; fails on any error, and with `strict` on any warning too
 * (a planned file from a clean source is as clean).
 */
static cc_scenario *load(const char *yaml, size_t len, const char *name, const cc_override *ov,
                         size_t n_ov, int strict)
{
    cc_scenario *s = NULL;
    cc_diag_list d;
    cc_error err;
    cc_status st;

    cc_diag_list_init(&d);
    st = cc_scenario_load_with_overrides(yaml, len, name, ov, n_ov, &s, &d, &err);
    if (st != CC_OK)
        print_error("load %s: %s (line %d)\n%s\n", name, err.message, err.line, yaml);
    assert_int_equal(st, CC_OK);
    if (d.n_errors || (strict && d.n_warnings))
        print_error("%s: %s\n", name, d.n ? d.items[0].message : "?");
    assert_int_equal(d.n_errors, 0);
    if (strict)
        assert_int_equal(d.n_warnings, 0);
    cc_diag_list_release(&d);
    return s;
}

static cc_planner *plan(const cc_scenario *s)
{
    cc_planner_options o = cc_planner_options_default();
    cc_planner *p = NULL;
    cc_error err;
    cc_status st;

    o.shifts = 1;
    o.simulate = 0;
    o.options = 0;
    o.verify = -1;
    st = cc_planner_new(s, &o, &p, &err);
    if (st != CC_OK)
        print_error("plan: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    return p;
}

/* planned.yaml of `p` in memory; *len gets its length. The caller frees it. */
static char *write_planned(const cc_planner *p, size_t *len)
{
    char *text = NULL;
    size_t size = 0;
    cc_error err;
    cc_status st;
    FILE *f = open_memstream(&text, &size);

    assert_non_null(f);
    st = cc_report_planned_yaml(f, p, &err);
    if (st != CC_OK)
        print_error("planned.yaml: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    assert_int_equal(fclose(f), 0);
    *len = size;
    return text;
}

/*
 * Agents on duty of team t in `planned` against `want` (NULL: the team's
 * agents in `orig`), by the scenario query and by the engine model.
 */
static void check_on_duty(const cc_scenario *orig, const cc_scenario *planned, int t,
                          const long *want)
{
    cc_simmodel *m = NULL;
    cc_error err;
    int i;

    assert_int_equal(cc_simmodel_from_scenario(planned, &m, &err), CC_OK);
    assert_int_equal(planned->n_intervals, orig->n_intervals);
    for (i = 0; i < planned->n_intervals; i++) {
        double w = want ? (double)want[i] : cc_scenario_team_agents(orig, t, i);
        if (cc_scenario_team_agents(planned, t, i) != w)
            print_error("team %s interval %d: %g on duty, want %g\n", orig->teams[t].name, i,
                        cc_scenario_team_agents(planned, t, i), w);
        assert_true(cc_scenario_team_agents(planned, t, i) == w);
        assert_int_equal(m->teams[t].agents[i], (int)w);
    }
    cc_simmodel_free(m);
}

/* ---- a planned scenario ---------------------------------------------------- */

/*
 * Four teams on one voice queue, scenario clock +01:00. `local` has a day
 * rule with an unpaid break and a night rule over midnight; `remote` is on
 * -05:00 with an early rule and a late one with a break that crosses its
 * own midnight; `flat` is a flat headcount the plan rosters (its `agents`
 * becomes `shifts`); `vendor` only takes overflow, so the plan gives it no
 * roster and it keeps `agents: 7`. The option's overrides name shift
 * positions.
 */
static const char *const base_yaml =
    "version: 1\n"
    "name: planned-test\n"
    "# a comment the planned file does not keep\n"
    "horizon: {start: 2026-03-02, days: 7, interval: 1h, utc_offset: \"+01:00\"}\n"
    "profiles:\n"
    "  allday: {hourly: [1, 1, 1, 1, 1, 1, 2, 4, 6, 8, 8, 8, 8, 8, 7, 7, 6, 5, 5, 4, 3, 2, 2,"
    " 1]}\n"
    "channels:\n"
    "  phone:\n"
    "    kind: voice\n"
    "    volume: 3000\n"
    "    weekday: {sat: 0.6, sun: 0.5}\n"
    "    profile: allday\n"
    "    handle_time: 240s\n"
    "    target: {answer_within: 20s, service_level: 80%}\n"
    "teams:\n"
    "  local:\n"
    "    skills: [phone]\n"
    "    shifts:\n"
    "      - {name: day, days: daily, start: \"08:00\", end: \"17:00\", agents: 20}\n"
    "      - {name: night, days: daily, start: \"22:00\", end: \"06:00\", overnight: true,"
    " agents: 4}\n"
    "  remote:\n"
    "    skills: [phone]\n"
    "    utc_offset: \"-05:00\"\n"
    "    shifts:\n"
    "      - {name: early, days: daily, start: \"02:00\", end: \"10:00\", agents: 10}\n"
    "      - {name: late, days: daily, start: \"18:00\", end: \"02:00\", overnight: true,"
    " agents: 3}\n"
    "  flat:\n"
    "    skills: [phone]\n"
    "    agents: 5\n"
    "  vendor:\n"
    "    skills: [phone]\n"
    "    agents: 7\n"
    "routing:\n"
    "  channels:\n"
    "    phone: {teams: [local, remote, flat], overflow: {team: vendor, after: 60s}}\n"
    "plan:\n"
    "  shift_rules:\n"
    "    local:\n"
    "      - {name: day, start: \"07:00-10:00\", length: 9h, unpaid_break: 1h, break_after: 4h}\n"
    "      - {name: night, start: \"21:00-23:00\", length: 8h}\n"
    "    remote:\n"
    "      - {name: early, start: \"01:00-04:00\", length: 8h}\n"
    "      - {name: late, start: \"17:00-19:00\", length: 9h, unpaid_break: 1h}\n"
    "  options:\n"
    "    - name: bigger vendor\n"
    "      set: {teams.vendor.agents: 9, teams.local.shifts.0.agents: 30}\n";

enum { LOCAL, REMOTE, FLAT, VENDOR };

static char volume_path[] = "channels.phone.volume", volume_value[] = "3300";
static const cc_override volume_override = {volume_path, volume_value};

static void test_planned_puts_the_roster_on_duty(void **state)
{
    cc_scenario *s = load(base_yaml, strlen(base_yaml), "base.yaml", &volume_override, 1, 1);
    cc_planner *p = plan(s);
    cc_scenario *planned;
    char *text, want_ver[64];
    size_t len, k;
    int t, night_before = 0, broken = 0;
    (void)state;

    /* the roster has what the file must state: breaks, a start before day 0, a night shift */
    for (t = LOCAL; t <= REMOTE; t++) {
        const cc_planner_team *pt = &p->teams[t];
        assert_non_null(pt->shifts);
        for (k = 0; k < pt->shifts->n_starts; k++) {
            const cc_shift_start *st = &pt->shifts->starts[k];
            night_before |= st->day < 0;
            broken |= st->n_breaks > 0 || pt->rules[st->rule].break_s > 0;
        }
    }
    assert_true(night_before);
    assert_true(broken);
    assert_non_null(p->teams[FLAT].shifts);
    assert_null(p->teams[VENDOR].shifts);

    text = write_planned(p, &len);
    assert_int_equal(strlen(text), len);
    snprintf(want_ver, sizeof(want_ver), "ccsim %s plan from base.yaml", CC_VERSION_STRING);
    assert_true(!strncmp(text, "# planned.yaml: ", 16));
    assert_non_null(strstr(text, want_ver));
    assert_non_null(strstr(text, "\n#   ccsim run planned.yaml\n"));
    assert_non_null(strstr(text, "channels.phone.volume=3300"));
    assert_non_null(strstr(text, "overnight: true"));
    assert_non_null(strstr(text, "(before break)"));
    assert_non_null(strstr(text, "from: 2026-03-01")); /* the evening before the horizon */
    assert_null(strstr(text, "a comment the planned file"));
    assert_null(strstr(text, "options:"));
    assert_null(strstr(text, "\n---"));

    planned = load(text, len, "planned.yaml", NULL, 0, 1);
    /* Renamed, so its runs get their own results folder. */
    assert_string_equal(planned->name, "planned-test-planned");
    assert_int_equal(planned->n_teams, 4);
    assert_int_equal(planned->plan.n_options, 0);
    assert_int_equal(s->plan.n_options, 1);
    /* the override of the load is in the file, not to be given again */
    assert_abs_close(planned->channels[0].volume_per_day, 3300.0, 0);
    assert_int_equal(planned->n_overrides, 0);
    assert_abs_close(planned->teams[REMOTE].utc_offset_s, -5 * 3600.0, 0);
    for (t = LOCAL; t <= FLAT; t++) {
        assert_int_equal(planned->teams[t].staffing, CC_STAFF_SHIFTS);
        check_on_duty(s, planned, t, p->teams[t].shifts->coverage);
    }
    assert_int_equal(planned->teams[VENDOR].staffing, CC_STAFF_FLAT);
    assert_int_equal(planned->teams[VENDOR].flat_agents, 7);
    check_on_duty(s, planned, VENDOR, NULL);
    /* plan.shift_rules stay, so the planned scenario plans again the same way */
    assert_int_equal(planned->plan.n_shift_rules[LOCAL], 2);

    cc_scenario_free(planned);
    free(text);
    cc_planner_free(p);
    cc_scenario_free(s);
}

/* The same plan written twice, and planned again from a fresh load: the same bytes. */
static void test_same_bytes(void **state)
{
    cc_scenario *s = load(base_yaml, strlen(base_yaml), "base.yaml", &volume_override, 1, 1);
    cc_scenario *s2 = load(base_yaml, strlen(base_yaml), "base.yaml", &volume_override, 1, 1);
    cc_planner *p = plan(s), *p2 = plan(s2);
    size_t n1, n2, n3;
    char *a = write_planned(p, &n1), *b = write_planned(p, &n2), *c = write_planned(p2, &n3);
    (void)state;

    assert_int_equal(n1, n2);
    assert_int_equal(n1, n3);
    assert_memory_equal(a, b, n1);
    assert_memory_equal(a, c, n1);
    free(a);
    free(b);
    free(c);
    cc_planner_free(p);
    cc_planner_free(p2);
    cc_scenario_free(s);
    cc_scenario_free(s2);
}

/* A plan option's scenario: its overrides are in the file, the roster still on duty. */
static void test_option_scenario(void **state)
{
    cc_scenario *s = load(base_yaml, strlen(base_yaml), "base.yaml", NULL, 0, 1), *v = NULL;
    cc_scenario *planned;
    cc_planner *p;
    cc_error err;
    size_t len;
    char *text;
    int t;
    (void)state;

    assert_int_equal(cc_scenario_derive_option(s, 0, &v, NULL, &err), CC_OK);
    p = plan(v);
    text = write_planned(p, &len);
    assert_non_null(strstr(text, "Plan option applied as at the plan: 'bigger vendor'"));
    planned = load(text, len, "planned.yaml", NULL, 0, 1);
    assert_int_equal(planned->option_index, -1);
    assert_int_equal(planned->plan.n_options, 0);
    assert_int_equal(planned->teams[VENDOR].flat_agents, 9);
    assert_abs_close(planned->channels[0].volume_per_day, 3000.0, 0);
    for (t = LOCAL; t <= FLAT; t++)
        check_on_duty(v, planned, t, p->teams[t].shifts->coverage);
    check_on_duty(v, planned, VENDOR, NULL);
    cc_scenario_free(planned);
    free(text);
    cc_planner_free(p);
    cc_scenario_free(v);
    cc_scenario_free(s);
}

/* ---- hand-made rosters ---------------------------------------------------------- */

/*
 * Four weeks from Monday 2026-03-02 on the scenario clock +00:00. `east`
 * is ten hours ahead, so its evening starts fall on the next local date.
 */
static const char *const hand_yaml =
    "version: 1\n"
    "name: hand\n"
    "horizon: {start: 2026-03-02, days: 28, interval: 1h}\n"
    "channels:\n"
    "  phone: {kind: voice, volume: 1000, handle_time: 240s}\n"
    "teams:\n"
    "  home:\n"
    "    skills: [phone]\n"
    "    agents: 10\n"
    "    cost: 20\n"
    "  east:\n"
    "    skills: [phone]\n"
    "    utc_offset: \"+10:00\"\n"
    "    shifts: [{days: daily, start: \"09:00\", end: \"17:00\", agents: 3}]\n";

/* A plan made by hand: only what the writer reads. */
#define HAND_STARTS 4608 /* starts per team: past the 4096 shifts a team may hold */
typedef struct hand_plan {
    cc_planner p;
    cc_planner_team teams[16];
    cc_shift_plan sp[16];
    cc_shift_start starts[16][HAND_STARTS];
    cc_shift_rule rules[2];
    char *names[2];
} hand_plan;

static hand_plan *hand_new(const cc_scenario *s)
{
    static char day[] = "day", night[] = "night";
    hand_plan *h = calloc(1, sizeof(*h));
    int t;

    assert_non_null(h);
    assert_true(s->n_teams <= 16);
    h->p.s = s;
    h->p.n_teams = (size_t)s->n_teams;
    h->p.n_intervals = (size_t)s->n_intervals;
    h->p.teams = h->teams;
    /* day: 9 h with an unpaid hour after 4 h; night: 8 h */
    h->rules[0].length_s = 9 * 3600.0;
    h->rules[0].break_offset_s = 4 * 3600.0;
    h->rules[0].break_s = 3600.0;
    h->rules[1].length_s = 8 * 3600.0;
    h->names[0] = day;
    h->names[1] = night;
    for (t = 0; t < s->n_teams; t++) {
        h->teams[t].index = t;
        h->teams[t].rules = h->rules;
        h->teams[t].rule_names = h->names;
        h->teams[t].n_rules = 2;
        h->sp[t].n_intervals = (size_t)s->n_intervals;
        h->sp[t].starts = h->starts[t];
    }
    return h;
}

/*
 * Adds a start of `agents` on `day` at `hour` (scenario clock) of rule
 * `rule`, with the rule's length and break written into the start as the
 * roster does; `legacy` leaves them out (length_s 0: the rule's apply).
 */
static cc_shift_start *hand_add(hand_plan *h, int t, long day, size_t rule, double hour,
                                long agents, int legacy)
{
    cc_shift_plan *sp = &h->sp[t];
    cc_shift_start *st = &sp->starts[sp->n_starts];
    const cc_shift_rule *r = &h->rules[rule];

    assert_true(sp->n_starts < HAND_STARTS);
    memset(st, 0, sizeof(*st));
    st->day = day;
    st->rule = rule;
    st->start_s = hour * 3600.0;
    st->agents = agents;
    if (!legacy) {
        st->length_s = r->length_s;
        st->paid_s = r->length_s - r->break_s;
        if (r->break_s > 0) {
            st->n_breaks = 1;
            st->breaks[0].offset_s = r->break_offset_s;
            st->breaks[0].length_s = r->break_s;
        }
    }
    sp->n_starts++;
    h->teams[t].shifts = sp;
    return st;
}

/* Agents on duty per hour from the starts, laid out independently of the writer. */
static long *hand_coverage(const hand_plan *h, int t)
{
    const cc_shift_plan *sp = &h->sp[t];
    long n = h->p.s->n_intervals, *cover = calloc((size_t)n, sizeof(*cover));
    size_t k;

    assert_non_null(cover);
    for (k = 0; k < sp->n_starts; k++) {
        const cc_shift_start *st = &sp->starts[k];
        const cc_shift_rule *r = &h->rules[st->rule];
        double len = st->length_s > 0 ? st->length_s : r->length_s, off[4], blen[4];
        long base = st->day * 24 + (long)(st->start_s / 3600.0), j;
        int nb = st->length_s > 0 ? st->n_breaks : r->break_s > 0, b;
        for (b = 0; b < nb; b++) {
            off[b] = st->length_s > 0 ? st->breaks[b].offset_s : r->break_offset_s;
            blen[b] = st->length_s > 0 ? st->breaks[b].length_s : r->break_s;
        }
        for (j = 0; j < (long)(len / 3600.0); j++) {
            long i = base + j;
            int on_break = 0;
            for (b = 0; b < nb; b++)
                on_break |= j * 3600.0 >= off[b] && j * 3600.0 < off[b] + blen[b];
            if (i >= 0 && i < n && !on_break)
                cover[i] += st->agents;
        }
    }
    return cover;
}

/*
 * Weekdays and weekends of four weeks are one entry each per part of the
 * day shift (direct and layered tie at two: direct is kept; the weekend
 * starts are legacy ones, without length and breaks of their own); the
 * night shift of the evening before the horizon runs to day 0 on Sundays
 * only; a start of `east` on the last evening falls on the local date
 * after the horizon and is stated from the last day on its weekday; a
 * start that ends before the horizon is left out; weekdays of weeks 1 and
 * 3 are two entries (one would also start in week 2); a shift with a paid
 * and an unpaid break is three shifts.
 */
static void test_hand_roster_lines(void **state)
{
    cc_scenario *s = load(hand_yaml, strlen(hand_yaml), "hand.yaml", NULL, 0, 0), *planned;
    hand_plan *h = hand_new(s);
    cc_shift_start *br;
    long *cover;
    size_t len;
    char *text;
    int d, t;
    static const char *const home =
        "  home:\n"
        "    skills: [phone]\n"
        "    shifts:\n"
        "    - {name: night, days: sun, start: \"22:00\", end: \"06:00\", agents: 3, overnight: "
        "true, from: 2026-03-01, to: 2026-03-02}\n"
        "    - {name: day (before break), days: mon-fri, start: \"09:00\", end: \"13:00\", "
        "agents: 10, from: 2026-03-02, to: 2026-03-27}\n"
        "    - {name: day (after break), days: mon-fri, start: \"14:00\", end: \"18:00\", agents: "
        "10, from: 2026-03-02, to: 2026-03-27}\n"
        "    - {name: day (before break), days: sat-sun, start: \"09:00\", end: \"13:00\", "
        "agents: 4, from: 2026-03-07, to: 2026-03-29}\n"
        "    - {name: day (after break), days: sat-sun, start: \"14:00\", end: \"18:00\", agents: "
        "4, from: 2026-03-07, to: 2026-03-29}\n"
        "    cost: 20\n";
    static const char *const east =
        "    shifts:\n"
        "    - {name: night, days: mon, start: \"10:00\", end: \"18:00\", agents: 5, from: "
        "2026-03-02, to: 2026-03-02}\n"
        "    - {name: night, days: mon-fri, start: \"14:00\", end: \"22:00\", agents: 1, from: "
        "2026-03-02, to: 2026-03-06}\n"
        "    - {name: day (part 1 of 3), days: thu, start: \"10:00\", end: \"12:00\", agents: 6, "
        "from: 2026-03-05, to: 2026-03-05}\n"
        "    - {name: day (part 2 of 3), days: thu, start: \"13:00\", end: \"15:00\", agents: 6, "
        "from: 2026-03-05, to: 2026-03-05}\n"
        "    - {name: day (part 3 of 3), days: thu, start: \"16:00\", end: \"19:00\", agents: 6, "
        "from: 2026-03-05, to: 2026-03-05}\n"
        "    - {name: night, days: mon-fri, start: \"14:00\", end: \"22:00\", agents: 1, from: "
        "2026-03-16, to: 2026-03-20}\n"
        "    - {name: night, days: mon, start: \"06:00\", end: \"14:00\", agents: 2, from: "
        "2026-03-29, to: 2026-03-30}\n";
    (void)state;

    hand_add(h, 0, -1, 1, 22, 3, 0);
    for (d = 0; d < 28; d++)
        hand_add(h, 0, d, 0, 9, d % 7 < 5 ? 10 : 4, d % 7 >= 5);
    /* scenario 02:00-10:00 on 03-01 (local 12:00-20:00) never reaches the horizon */
    hand_add(h, 1, -1, 1, 2, 9, 0);
    hand_add(h, 1, 0, 1, 0, 5, 0);   /* local 10:00 on 03-02 */
    hand_add(h, 1, 27, 1, 20, 2, 0); /* local 06:00 on 03-30, the day after the horizon */
    /* weekdays of weeks 1 and 3 only: Mondays between them are off, so two entries */
    for (d = 0; d < 21; d++)
        if (d % 7 < 5 && d / 7 != 1)
            hand_add(h, 1, d, 1, 4, 1, 0);
    /* local 10:00 on Thursday 03-05, 9 h: a paid hour off after 2 h, an unpaid one after 5 h */
    br = hand_add(h, 1, 3, 0, 0, 6, 0);
    br->n_breaks = 2;
    br->breaks[0].offset_s = 2 * 3600.0;
    br->breaks[0].length_s = 3600.0;
    br->breaks[0].paid = 1;
    br->breaks[1].offset_s = 5 * 3600.0;
    br->breaks[1].length_s = 3600.0;
    text = write_planned(&h->p, &len);
    assert_non_null(strstr(text, home));
    assert_non_null(strstr(text, east));
    planned = load(text, len, "planned.yaml", NULL, 0, 0);
    for (t = 0; t < 2; t++) {
        cover = hand_coverage(h, t);
        check_on_duty(s, planned, t, cover);
        free(cover);
    }
    cc_scenario_free(planned);
    free(text);
    free(h);
    cc_scenario_free(s);
}

/*
 * A roster the scenario cannot hold: a different count every day at every
 * hour is 672 shifts for one team (over 512), and 9 teams of 460 are over
 * 4096 in all. Nothing is written.
 */
static void test_limits(void **state)
{
    static const char *const many_yaml =
        "version: 1\n"
        "horizon: {start: 2026-03-02, days: 200, interval: 1h}\n"
        "channels:\n"
        "  phone: {kind: voice, volume: 1000, handle_time: 240s}\n"
        "teams:\n"
        "  t0: {skills: [phone], agents: 1}\n"
        "  t1: {skills: [phone], agents: 1}\n"
        "  t2: {skills: [phone], agents: 1}\n"
        "  t3: {skills: [phone], agents: 1}\n"
        "  t4: {skills: [phone], agents: 1}\n"
        "  t5: {skills: [phone], agents: 1}\n"
        "  t6: {skills: [phone], agents: 1}\n"
        "  t7: {skills: [phone], agents: 1}\n"
        "  t8: {skills: [phone], agents: 1}\n";
    cc_scenario *s = load(many_yaml, strlen(many_yaml), "many.yaml", NULL, 0, 0);
    hand_plan *h = hand_new(s);
    cc_error err;
    char *text = NULL;
    size_t size = 0;
    FILE *f;
    int d, hr, t;
    (void)state;

    h->rules[1].length_s = 3600.0;
    for (d = 0; d < 180; d++)
        for (hr = 0; hr < 24; hr++)
            hand_add(h, 0, d, 1, hr, d + 1, 0);
    f = open_memstream(&text, &size);
    assert_int_equal(cc_report_planned_yaml(f, &h->p, &err), CC_EINVAL);
    fclose(f);
    assert_int_equal(size, 0);
    assert_non_null(strstr(err.message, "'t0'"));
    assert_non_null(strstr(err.message, "4320"));
    assert_non_null(strstr(err.message, "4096"));
    free(text);

    free(h);
    h = hand_new(s);
    h->rules[1].length_s = 3600.0;
    for (t = 0; t < 9; t++)
        for (d = 0; d < 80; d++)
            for (hr = 0; hr < 23; hr++)
                hand_add(h, t, d, 1, hr, d + 1, 0);
    text = NULL;
    f = open_memstream(&text, &size);
    assert_int_equal(cc_report_planned_yaml(f, &h->p, &err), CC_EINVAL);
    fclose(f);
    assert_int_equal(size, 0);
    assert_non_null(strstr(err.message, "16560"));
    assert_non_null(strstr(err.message, "16384"));
    free(text);
    free(h);
    cc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_planned_puts_the_roster_on_duty),
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_option_scenario),
        cmocka_unit_test(test_hand_roster_lines),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
