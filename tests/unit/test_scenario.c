/*
 * Scenario loader tests: shipped scenarios load cleanly; each fixture in
 * tests/data/scenarios/invalid fails with exactly the one error (line:col,
 * message) its first line states; warning fixtures warn as stated; and
 * valid/full.yaml puts every capability of the scenario language
 * (scenarios/README.md) into the model with the values checked here, each
 * worked out by hand beside it.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#include "cc_scenario.h"

#define DATA "tests/data/scenarios/"

/* ---- helpers ----------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists DIR/ *.yaml, sorted; returns the count (caller frees names and array). */
static size_t list_yaml(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".yaml")) {
            names = realloc(names, (n + 1) * sizeof(*names));
            names[n] = malloc(strlen(dir) + len + 2);
            sprintf(names[n], "%s/%s", dir, e->d_name);
            n++;
        }
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof(*names), cmp_str);
    *out = names;
    return n;
}

static void free_list(char **names, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Reads the header `# WORD LINE:COL "FRAGMENT" -- ...` of a fixture. */
static void read_header(const char *path, const char *word, int *line, int *col, char *frag,
                        size_t size)
{
    FILE *f = fopen(path, "r");
    char buf[512];
    char *q1, *q2;
    size_t wl = strlen(word);

    assert_non_null(f);
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    if (strncmp(buf, "# ", 2) || strncmp(buf + 2, word, wl) ||
        sscanf(buf + 2 + wl, " %d:%d", line, col) != 2)
        fail_msg("%s: first line is not '# %s LINE:COL \"FRAGMENT\"'", path, word);
    q1 = strchr(buf, '"');
    q2 = q1 ? strchr(q1 + 1, '"') : NULL;
    if (!q1 || !q2 || (size_t)(q2 - q1) > size)
        fail_msg("%s: header has no quoted fragment", path);
    memcpy(frag, q1 + 1, (size_t)(q2 - q1 - 1));
    frag[q2 - q1 - 1] = '\0';
}

static cc_scenario *load_ok(const char *path)
{
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_error err;
    cc_status st;
    size_t i;

    cc_diag_list_init(&d);
    st = cc_scenario_load_file(path, &s, &d, &err);
    for (i = 0; i < d.n; i++) {
        char line[1400];
        print_message("%s\n", cc_diag_format(&d, i, line, sizeof(line)));
    }
    if (st != CC_OK)
        fail_msg("%s: load failed: %s", path, err.message);
    cc_diag_list_release(&d);
    return s;
}

static cc_scenario *load_text(const char *text, cc_diag_list *d, cc_status *st)
{
    cc_scenario *s = NULL;
    *st = cc_scenario_load_string(text, strlen(text), "test.yaml", &s, d, NULL);
    return s;
}

static int has_diag(const cc_diag_list *d, cc_diag_level level, const char *frag)
{
    size_t i;
    for (i = 0; i < d->n; i++)
        if (d->items[i].level == level && strstr(d->items[i].message, frag))
            return 1;
    return 0;
}

/* ---- shipped scenarios --------------------------------------------------------- */

static void check_dir_loads_cleanly(const char *dir, size_t min_files)
{
    char **names;
    size_t n = list_yaml(dir, &names), i;

    assert_true(n >= min_files);
    for (i = 0; i < n; i++) {
        cc_diag_list d;
        cc_scenario *s = NULL;
        cc_status st;
        cc_diag_list_init(&d);
        st = cc_scenario_load_file(names[i], &s, &d, NULL);
        if (st != CC_OK || d.n_warnings != 0) {
            char line[1400];
            size_t k;
            for (k = 0; k < d.n; k++)
                print_message("%s\n", cc_diag_format(&d, k, line, sizeof(line)));
            fail_msg("%s: status %d, %zu warnings", names[i], st, d.n_warnings);
        }
        /* every plan option must derive cleanly too */
        for (int o = 0; o < s->plan.n_options; o++) {
            cc_scenario *v = NULL;
            assert_int_equal(cc_scenario_derive_option(s, o, &v, NULL, NULL), CC_OK);
            assert_int_equal(v->option_index, o);
            cc_scenario_free(v);
        }
        cc_scenario_free(s);
        cc_diag_list_release(&d);
    }
    free_list(names, n);
}

static void test_shipped_scenarios_load(void **state)
{
    (void)state;
    check_dir_loads_cleanly("scenarios", 6);
    check_dir_loads_cleanly("scenarios/bench", 3);
}

/* ---- invalid and warning fixtures ------------------------------------------------- */

static void test_invalid_fixtures(void **state)
{
    char **names;
    size_t n = list_yaml(DATA "invalid", &names), i;

    (void)state;
    assert_true(n >= 40);
    for (i = 0; i < n; i++) {
        cc_diag_list d;
        cc_scenario *s = NULL;
        cc_error err;
        cc_status st;
        int line, col;
        char frag[256];
        size_t k, errors = 0, match = 0;

        read_header(names[i], "expect", &line, &col, frag, sizeof(frag));
        cc_diag_list_init(&d);
        st = cc_scenario_load_file(names[i], &s, &d, &err);
        if (st == CC_OK)
            fail_msg("%s: loaded, expected an error at %d:%d", names[i], line, col);
        assert_null(s);
        for (k = 0; k < d.n; k++) {
            if (d.items[k].level != CC_DIAG_ERROR)
                continue;
            errors++;
            if (d.items[k].line == line && d.items[k].col == col &&
                strstr(d.items[k].message, frag))
                match++;
        }
        if (errors != 1 || match != 1) {
            char text[1400];
            for (k = 0; k < d.n; k++)
                print_message("%s\n", cc_diag_format(&d, k, text, sizeof(text)));
            fail_msg("%s: want exactly one error at %d:%d containing \"%s\"", names[i], line,
                     col, frag);
        }
        /* the first error is also in err, with its position */
        assert_int_equal(err.line, line);
        assert_int_equal(err.col, col);
        assert_int_equal(err.code, st);
        assert_true(st == CC_ESYNTAX || st == CC_ESCHEMA || st == CC_EINVAL);
        cc_diag_list_release(&d);
    }
    free_list(names, n);
}

static void test_warning_fixtures(void **state)
{
    char **names;
    size_t n = list_yaml(DATA "warn", &names), i;

    (void)state;
    assert_true(n >= 4);
    for (i = 0; i < n; i++) {
        cc_diag_list d;
        cc_scenario *s = NULL;
        int line, col, found = 0;
        char frag[256];
        size_t k;

        read_header(names[i], "warn", &line, &col, frag, sizeof(frag));
        cc_diag_list_init(&d);
        if (cc_scenario_load_file(names[i], &s, &d, NULL) != CC_OK)
            fail_msg("%s: a warning must not fail the load", names[i]);
        assert_int_equal(d.n_errors, 0);
        for (k = 0; k < d.n; k++)
            if (d.items[k].level == CC_DIAG_WARNING && d.items[k].line == line &&
                d.items[k].col == col && strstr(d.items[k].message, frag))
                found = 1;
        if (!found)
            fail_msg("%s: no warning at %d:%d containing \"%s\"", names[i], line, col, frag);
        cc_scenario_free(s);
        cc_diag_list_release(&d);
    }
    free_list(names, n);
}

/* All problems of a file come out of one run, in line order. */
static void test_all_errors_in_one_run(void **state)
{
    static const char text[] =
        "horizon: {start: 2026-03-02, days: 400, interval: 30m}\n" /* 1:36 days */
        "channels:\n"
        "  phone:\n"
        "    kind: voice\n"
        "    volume: -1\n"                                         /* 5:13 */
        "    handle_time: 5m\n"
        "    concurrency: 0\n"                                     /* 7:18 */
        "teams:\n"
        "  t1:\n"
        "    skills: [phone, fax]\n"                               /* 10:21 */
        "    agents: 3\n"
        "    colour: blue\n";                                      /* 12:5 */
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    static const int want[][2] = {{1, 36}, {5, 13}, {7, 18}, {10, 21}, {12, 5}};
    size_t k;

    (void)state;
    cc_diag_list_init(&d);
    s = load_text(text, &d, &st);
    assert_null(s);
    assert_int_equal(st, CC_EINVAL); /* the first in line order: days out of range */
    assert_int_equal(d.n_errors, 5);
    for (k = 0; k < 5; k++) {
        assert_int_equal(d.items[k].line, want[k][0]);
        assert_int_equal(d.items[k].col, want[k][1]);
    }
    assert_non_null(strstr(d.items[4].message, "teams.t1: unknown key 'colour'"));
    cc_diag_list_release(&d);
}

/* ---- the full model ------------------------------------------------------------------ */

static void test_full_model(void **state)
{
    cc_scenario *s = load_ok(DATA "valid/full.yaml");
    const cc_channel *ph, *t2, *chat, *wa, *em, *so;
    const cc_team *day, *bo, *ve;
    const cc_chatbot *b;
    int phone, tier2, ch, whatsapp, email, social, d;

    (void)state;
    /* identity and horizon */
    assert_string_equal(s->name, "full-model");
    assert_string_equal(s->currency, "EUR");
    assert_string_equal(s->start_date, "2026-03-02");
    assert_int_equal(s->start_weekday, 0);
    assert_int_equal(s->days, 14);
    assert_abs_close(s->interval_s, 1800.0, 0);
    assert_int_equal(s->intervals_per_day, 48);
    assert_int_equal(s->n_intervals, 14 * 48);
    assert_abs_close(s->horizon_s, 14 * 86400.0, 0);
    assert_abs_close(s->utc_offset_s, 3600.0, 0);
    assert_int_equal(s->option_index, -1);

    /* channels in file order */
    assert_int_equal(s->n_channels, 6);
    phone = cc_scenario_channel_index(s, "phone");
    tier2 = cc_scenario_channel_index(s, "tier2");
    ch = cc_scenario_channel_index(s, "chat");
    whatsapp = cc_scenario_channel_index(s, "whatsapp");
    email = cc_scenario_channel_index(s, "email");
    social = cc_scenario_channel_index(s, "social");
    assert_int_equal(phone, 0);
    assert_int_equal(social, 5);
    assert_int_equal(cc_scenario_channel_index(s, "fax"), -1);
    ph = &s->channels[phone];
    t2 = &s->channels[tier2];
    chat = &s->channels[ch];
    wa = &s->channels[whatsapp];
    em = &s->channels[email];
    so = &s->channels[social];
    assert_int_equal(ph->kind, CC_CHANNEL_VOICE);
    assert_int_equal(chat->kind, CC_CHANNEL_CHAT);
    assert_int_equal(wa->kind, CC_CHANNEL_MESSAGING);
    assert_int_equal(em->kind, CC_CHANNEL_EMAIL);
    assert_int_equal(so->kind, CC_CHANNEL_SOCIAL);

    /* volume, weekday, profiles, uncertainty, deflection, backlog */
    assert_abs_close(ph->volume_per_day, 1000.0, 0);
    assert_abs_close(ph->weekday[0], 1.5, 0);
    assert_abs_close(ph->weekday[1], 1.0, 0);
    assert_abs_close(ph->weekday[5], 0.5, 0);
    assert_abs_close(ph->weekday[6], 0.0, 0);
    assert_int_equal(ph->profile_of_weekday[0], cc_scenario_profile_index(s, "business"));
    assert_int_equal(ph->profile_of_weekday[5], cc_scenario_profile_index(s, "halfhour"));
    assert_int_equal(ph->profile_of_weekday[6], cc_scenario_profile_index(s, "business"));
    assert_abs_close(ph->uncertainty_cv, 0.1, 0);
    assert_int_equal(ph->uncertainty_dist, CC_DIST_GAMMA);
    assert_abs_close(wa->uncertainty_cv, 0.2, 0);
    assert_int_equal(wa->uncertainty_dist, CC_DIST_LOGNORMAL);
    assert_abs_close(ph->deflection, 0.10, 1e-15);
    assert_int_equal(ph->backlog, 25);
    assert_abs_close(chat->volume_per_day, 1000.0, 1e-9);   /* 7000 per week / 7 */
    assert_abs_close(wa->volume_per_day, 240.0, 1e-9);      /* 10 per hour x 24 */
    assert_int_equal(t2->profile_of_weekday[0], cc_scenario_profile_index(s, "flat"));

    /* day volumes: weekday x season (promo x2 from day 7, flash x1.5 on day 8) */
    assert_abs_close(ph->day_volume[0], 1500.0, 1e-9);      /* Monday 1.5 */
    assert_abs_close(ph->day_volume[1], 1000.0, 1e-9);
    assert_abs_close(ph->day_volume[5], 500.0, 1e-9);       /* Saturday 0.5 */
    assert_abs_close(ph->day_volume[6], 0.0, 0);            /* Sunday 0 */
    assert_abs_close(ph->day_volume[7], 3000.0, 1e-9);      /* Monday 1.5 x promo 2 */
    assert_abs_close(ph->day_volume[8], 3000.0, 1e-9);      /* promo 2 x flash 1.5 */
    assert_abs_close(ph->day_deflection[6], 0.10, 1e-15);
    assert_abs_close(ph->day_deflection[7], 0.20, 1e-15);   /* season override */
    assert_abs_close(chat->day_volume[0], 500.0, 1e-9);     /* chat launch x0.5, clipped */
    assert_abs_close(chat->day_volume[1], 500.0, 1e-9);
    assert_abs_close(chat->day_volume[2], 1000.0, 1e-9);
    assert_abs_close(chat->day_volume[7], 2000.0, 1e-9);
    assert_abs_close(chat->day_deflection[7], 0.0, 0);      /* override was phone only */

    /* rates: volume x intraday share (5% per half hour) x (1 - deflection) / 1800 s */
    assert_rel_close(cc_scenario_channel_rate(s, phone, 16), 1500 * 0.05 * 0.9 / 1800, 1e-12);
    assert_rel_close(cc_scenario_channel_rate_gross(s, phone, 16), 1500 * 0.05 / 1800, 1e-12);
    assert_abs_close(cc_scenario_channel_rate(s, phone, 15), 0.0, 0);
    assert_rel_close(cc_scenario_channel_rate(s, phone, 5 * 48 + 16), 500 * 0.05 * 0.9 / 1800,
                     1e-12); /* Saturday, halfhour profile */
    assert_rel_close(cc_scenario_channel_rate(s, phone, 7 * 48 + 20), 3000 * 0.05 * 0.8 / 1800,
                     1e-12);
    assert_rel_close(cc_scenario_channel_volume(s, phone, 16), 1500 * 0.05 * 0.9, 1e-12);
    assert_abs_close(cc_scenario_channel_rate(s, phone, -1), 0.0, 0);
    assert_abs_close(cc_scenario_channel_rate(s, phone, 14 * 48), 0.0, 0);
    assert_abs_close(cc_scenario_channel_rate(s, 99, 0), 0.0, 0);

    /* distributions */
    assert_int_equal(ph->handle_time.kind, CC_DIST_LOGNORMAL);
    assert_abs_close(ph->handle_time.mean_s, 300.0, 0);
    assert_abs_close(ph->handle_time.cv, 0.5, 0);
    assert_int_equal(ph->wrap_up.kind, CC_DIST_DETERMINISTIC);
    assert_abs_close(ph->wrap_up.mean_s, 30.0, 0);
    assert_abs_close(ph->wrap_up.cv, 0.0, 0);
    assert_int_equal(ph->patience.kind, CC_DIST_GAMMA);
    assert_abs_close(ph->patience.mean_s, 120.0, 0);
    assert_abs_close(ph->patience.cv, 0.8, 0);
    assert_int_equal(chat->handle_time.kind, CC_DIST_GAMMA);
    assert_abs_close(chat->handle_time.cv, 0.5, 1e-15);     /* sd 4m / mean 8m */
    assert_int_equal(chat->patience.kind, CC_DIST_EXPONENTIAL); /* bare duration */
    assert_abs_close(chat->patience.mean_s, 180.0, 0);
    assert_abs_close(chat->patience.cv, 1.0, 0);
    assert_int_equal(em->patience.kind, CC_DIST_NONE);
    assert_int_equal(t2->patience.kind, CC_DIST_NONE);      /* default: wait forever */
    assert_int_equal(t2->wrap_up.kind, CC_DIST_NONE);
    /* empirical 240, 360, 480, 600 s: mean 420, sd sqrt(18000) */
    assert_int_equal(t2->handle_time.kind, CC_DIST_EMPIRICAL);
    assert_int_equal(t2->handle_time.n_values, 4);
    assert_abs_close(t2->handle_time.values_s[1], 360.0, 0);
    assert_abs_close(t2->handle_time.mean_s, 420.0, 1e-12);
    assert_rel_close(t2->handle_time.cv, sqrt(18000.0) / 420.0, 1e-12);
    assert_abs_close(cc_dist_mean(&t2->handle_time), 420.0, 1e-12);
    assert_abs_close(cc_dist_mean(&em->patience), 0.0, 0);

    /* targets: explicit, and the seeds' defaults by kind */
    assert_abs_close(ph->target.answer_within_s, 20.0, 0);
    assert_abs_close(ph->target.service_level, 0.85, 1e-15);
    assert_true(ph->target.has_max_asa);
    assert_abs_close(ph->target.max_asa_s, 15.0, 0);
    assert_true(ph->target.has_max_abandon);
    assert_abs_close(ph->target.max_abandon, 0.04, 1e-15);
    assert_int_equal(ph->target.sl_definition, CC_SL_EXCLUDE_SHORT);
    assert_abs_close(ph->target.short_abandon_s, 10.0, 0);
    assert_abs_close(t2->target.answer_within_s, 60.0, 0);
    assert_abs_close(t2->target.service_level, 0.80, 1e-15);
    assert_false(t2->target.has_max_asa);
    assert_abs_close(chat->target.answer_within_s, 60.0, 0);      /* chat < 1 min */
    assert_abs_close(wa->target.answer_within_s, 300.0, 0);       /* WhatsApp < 5 min */
    assert_abs_close(em->target.answer_within_s, 4 * 3600.0, 0);  /* email < 4 h */
    assert_abs_close(so->target.answer_within_s, 3600.0, 0);      /* social < 1 h */
    assert_int_equal(em->target.sl_definition, CC_SL_OFFERED);

    /* concurrency and stretch */
    assert_int_equal(ph->concurrency, 1);
    assert_int_equal(chat->concurrency, 3);
    assert_int_equal(chat->n_stretch, 3);
    assert_abs_close(cc_scenario_stretch(s, ch, 1), 1.0, 0);
    assert_abs_close(cc_scenario_stretch(s, ch, 2), 1.2, 1e-15);
    assert_abs_close(cc_scenario_stretch(s, ch, 3), 1.5, 1e-15);
    assert_int_equal(wa->concurrency, 4);
    assert_int_equal(wa->n_stretch, 0);
    assert_abs_close(wa->stretch_per_session, 0.10, 1e-15);
    assert_abs_close(cc_scenario_stretch(s, whatsapp, 3), 1.2, 1e-12); /* 1 + 0.1 x 2 */

    /* repeats and transfers */
    assert_abs_close(ph->retry_share, 0.30, 1e-15);
    assert_int_equal(ph->retry_delay.kind, CC_DIST_EXPONENTIAL);
    assert_abs_close(ph->retry_delay.mean_s, 900.0, 0);
    assert_int_equal(ph->retry_channel, email);
    assert_int_equal(chat->retry_channel, ch);             /* default: same channel */
    assert_int_equal(ph->n_transfers, 2);
    assert_int_equal(ph->transfers[0].channel, tier2);
    assert_abs_close(ph->transfers[0].share, 0.05, 1e-15);
    assert_int_equal(ph->transfers[1].channel, email);

    /* seasonal calendar */
    assert_int_equal(s->n_seasons, 3);
    assert_string_equal(s->seasons[0].name, "promo week");
    assert_string_equal(s->seasons[0].from, "2026-03-09");
    assert_int_equal(s->seasons[0].first_day, 7);
    assert_int_equal(s->seasons[0].last_day, 13);
    assert_abs_close(s->seasons[0].multiplier[email], 2.0, 0);
    assert_abs_close(s->seasons[0].deflection[phone], 0.2, 1e-15);
    assert_true(s->seasons[0].deflection[email] < 0);
    assert_int_equal(s->seasons[1].first_day, 8);
    assert_int_equal(s->seasons[1].last_day, 8);
    assert_int_equal(s->seasons[1].combine, CC_SEASON_MULTIPLY);
    assert_int_equal(s->seasons[2].first_day, 0);
    assert_int_equal(s->seasons[2].last_day, 1);
    assert_string_equal(s->seasons[2].from, "2026-02-20");
    assert_true(s->seasons[2].multiplier[phone] < 0);      /* only chat is named */

    /* chatbot */
    assert_int_equal(s->n_chatbots, 1);
    b = &s->chatbots[0];
    assert_int_equal(b->n_fronts, 2);
    assert_int_equal(b->fronts[0], ch);
    assert_int_equal(b->fronts[1], whatsapp);
    assert_int_equal(chat->chatbot, 0);
    assert_int_equal(wa->chatbot, 0);
    assert_int_equal(ph->chatbot, -1);
    assert_int_equal(b->time_in_bot.kind, CC_DIST_LOGNORMAL);
    assert_abs_close(b->time_in_bot.mean_s, 90.0, 0);
    assert_abs_close(b->ramp_start_s, 2 * 86400.0, 0);     /* 2026-03-04 is day 2 */
    assert_abs_close(b->ramp_length_s, 7 * 86400.0, 0);
    assert_abs_close(cc_scenario_containment(s, 0, 0.0), 0.20, 1e-15);
    assert_abs_close(cc_scenario_containment(s, 0, 2 * 86400.0 + 3.5 * 86400.0), 0.30, 1e-12);
    assert_abs_close(cc_scenario_containment(s, 0, 13 * 86400.0), 0.40, 1e-15);
    assert_abs_close(b->escalation_aht_uplift, 0.25, 1e-15);
    assert_abs_close(b->escalation_patience_factor, 0.8, 1e-15);
    assert_abs_close(b->bounce_share, 0.10, 1e-15);
    assert_abs_close(b->bounce_delay.mean_s, 3600.0, 0);
    assert_int_equal(b->bounce_channel, phone);

    /* teams: skills, proficiency, concurrency override */
    assert_int_equal(s->n_teams, 3);
    day = &s->teams[cc_scenario_team_index(s, "day")];
    bo = &s->teams[cc_scenario_team_index(s, "backoffice")];
    ve = &s->teams[cc_scenario_team_index(s, "vendor")];
    assert_abs_close(day->proficiency[ch], 1.2, 1e-15);
    assert_abs_close(day->proficiency[email], 0.0, 0);
    assert_abs_close(bo->proficiency[tier2], 1.0, 0);
    assert_int_equal(day->max_concurrency[ch], 2);          /* override */
    assert_int_equal(day->max_concurrency[whatsapp], 4);    /* the channel's */
    assert_int_equal(day->max_concurrency[email], 0);       /* not skilled */

    /* shrinkage: multiplicative 1 - 0.9 x 0.95 x 0.95; flat 20% */
    assert_int_equal(day->n_shrinkage, 3);
    assert_string_equal(day->shrinkage_names[1], "meetings");
    assert_int_equal(day->shrinkage_combine, CC_COMBINE_MULTIPLICATIVE);
    assert_rel_close(cc_scenario_team_shrinkage(s, 0), 1.0 - 0.9 * 0.95 * 0.95, 1e-12);
    assert_abs_close(bo->shrinkage, 0.20, 1e-15);
    assert_abs_close(ve->shrinkage, 0.0, 0);

    /* cost and outsourcing */
    assert_abs_close(day->cost_per_hour, 25.0, 0);
    assert_abs_close(bo->cost_per_hour, 30.0, 0);
    assert_abs_close(ve->cost_per_contact, 3.5, 0);
    assert_abs_close(ve->cost_per_hour, 0.0, 0);
    assert_true(ve->outsourced);
    assert_false(day->outsourced);

    /* staffing: shifts, partial intervals, overnight, date limits, flat, time zones */
    assert_int_equal(day->staffing, CC_STAFF_SHIFTS);
    assert_int_equal(day->n_shifts, 4);
    assert_int_equal(day->shifts[0].days, 0x1f);
    assert_abs_close(day->shifts[0].start_s, 8 * 3600.0, 0);
    assert_abs_close(day->shifts[0].length_s, 10 * 3600.0, 0);
    assert_true(day->shifts[3].overnight);
    assert_abs_close(day->shifts[3].length_s, 8 * 3600.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 15), 0.0, 0);          /* Mon 07:30 */
    assert_abs_close(cc_scenario_team_agents(s, 0, 16), 10.0, 0);         /* Mon 08:00 */
    assert_abs_close(cc_scenario_team_agents(s, 0, 35), 10.0, 0);         /* Mon 17:30 */
    assert_abs_close(cc_scenario_team_agents(s, 0, 36), 0.0, 0);          /* Mon 18:00 */
    d = 5 * 48; /* Saturday */
    assert_abs_close(cc_scenario_team_agents(s, 0, d + 15), 1.5, 1e-12);  /* 3 from 07:45 */
    assert_abs_close(cc_scenario_team_agents(s, 0, d + 24), 3.5, 1e-12);  /* 3 to 12:15, 4 after */
    assert_abs_close(cc_scenario_team_agents(s, 0, d + 40), 2.0, 1e-12);  /* 4 to 20:15 */
    /* the night shift runs only from Thursday 5 and Friday 6 March */
    assert_abs_close(cc_scenario_team_agents(s, 0, 2 * 48 + 44), 0.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 3 * 48 + 44), 2.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 4 * 48 + 5), 2.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 5 * 48 + 2), 2.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 6 * 48 + 2), 0.0, 0);
    assert_int_equal(bo->staffing, CC_STAFF_FLAT);
    assert_int_equal(bo->flat_agents, 3);
    assert_abs_close(bo->utc_offset_s, 5.5 * 3600.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 1, 0), 3.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 1, 14 * 48 - 1), 3.0, 0);
    /* vendor 09:00-17:00 at UTC-5 is 15:00-23:00 on the UTC+1 scenario clock */
    assert_abs_close(ve->utc_offset_s, -5 * 3600.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 2, 29), 0.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 2, 30), 6.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 2, 45), 6.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 2, 46), 0.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 2, 5 * 48 + 30), 0.0, 0); /* Saturday */
    /* paid hours: early 10 x 10 h x 10 days + weekend-am 3 x 4.5 h x 4 + late 4 x 8 h x 4
       + night 2 x 8 h x 2; flat 3 x 24 h x 14; vendor 6 x 8 h x 10 */
    assert_abs_close(cc_scenario_team_paid_hours(s, 0), 1000 + 54 + 128 + 32, 1e-9);
    assert_abs_close(cc_scenario_team_paid_hours(s, 1), 1008.0, 1e-9);
    assert_abs_close(cc_scenario_team_paid_hours(s, 2), 480.0, 1e-9);

    /* routing */
    assert_int_equal(s->chat_assignment, CC_CHAT_SPREAD);
    assert_false(s->strict_priority);
    /* phone, tier2 as listed; then by kind: chat, messaging, social, email */
    assert_int_equal(s->priority_order[0], phone);
    assert_int_equal(s->priority_order[1], tier2);
    assert_int_equal(s->priority_order[2], ch);
    assert_int_equal(s->priority_order[3], whatsapp);
    assert_int_equal(s->priority_order[4], social);
    assert_int_equal(s->priority_order[5], email);
    assert_int_equal(ph->priority, 0);
    assert_int_equal(em->priority, 5);
    assert_int_equal(ph->n_route_teams, 1);
    assert_int_equal(ph->route_teams[0], 0);
    assert_int_equal(ph->n_overflow, 1);
    assert_int_equal(ph->overflow_teams[0], 2);
    assert_abs_close(ph->overflow_after_s[0], 45.0, 0);
    assert_int_equal(t2->n_route_teams, 2);
    assert_int_equal(t2->route_teams[0], 1);
    assert_int_equal(t2->route_teams[1], 0);
    assert_int_equal(chat->n_route_teams, 1);               /* default: skilled teams */
    assert_true(cc_scenario_team_serves(s, 2, phone));
    assert_false(cc_scenario_team_serves(s, 2, ch));
    assert_false(cc_scenario_team_serves(s, 0, email));
    assert_true(cc_scenario_team_serves(s, 1, email));

    /* simulation and plan */
    assert_int_equal(s->simulation.replications, 7);
    assert_int_equal(s->simulation.seed, 99);
    assert_abs_close(s->simulation.warmup_s, 3600.0, 0);
    assert_int_equal(s->simulation.max_arrivals, 5000);
    assert_true(s->simulation.drain);
    assert_int_equal(s->plan.method, CC_METHOD_SIMULATION);
    assert_int_equal(s->plan.shrinkage_method, CC_SHRINK_MULTIPLICATIVE);
    assert_abs_close(s->plan.fte_week_s, 40 * 3600.0, 0);
    assert_abs_close(s->plan.max_occupancy, 0.9, 1e-15);
    assert_int_equal(s->plan.headcount[0], 25);
    assert_int_equal(s->plan.headcount[1], -1);
    assert_int_equal(s->plan.headcount[2], 8);
    assert_abs_close(s->plan.attrition_per_month, 0.025, 1e-15);
    assert_abs_close(s->plan.hiring_lead_s, 30 * 86400.0, 0);
    assert_abs_close(s->plan.training_s, 14 * 86400.0, 0);
    assert_int_equal(s->plan.n_options, 2);
    assert_string_equal(s->plan.options[0].name, "more vendor");
    assert_string_equal(s->plan.options[0].description,
                        "the vendor doubles and takes calls sooner");
    assert_int_equal(s->plan.options[0].n_set, 2);
    assert_string_equal(s->plan.options[0].set[0].path, "teams.vendor.shifts.0.agents");
    assert_string_equal(s->plan.options[0].set[0].value, "12");
    assert_string_equal(s->plan.options[1].description, "");
    cc_scenario_free(s);
}

/* ---- defaults ---------------------------------------------------------------------- */

static void test_defaults(void **state)
{
    static const char text[] = "horizon: {start: 2026-03-04}\n"
                               "channels:\n"
                               "  c: {kind: chat, volume: 480, handle_time: 5m}\n"
                               "  e: {kind: email, volume: 10, handle_time: 5m}\n"
                               "  s: {kind: social, volume: 10, handle_time: 5m}\n"
                               "  m: {kind: messaging, volume: 10, handle_time: 5m}\n"
                               "  v: {kind: voice, volume: 10, handle_time: 5m}\n"
                               "teams:\n"
                               "  t: {skills: [c, e, s, m, v], agents: 5}\n";
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    int i;

    (void)state;
    cc_diag_list_init(&d);
    s = load_text(text, &d, &st);
    assert_int_equal(st, CC_OK);
    assert_int_equal(d.n_warnings, 0);
    assert_string_equal(s->name, "test");                 /* from "test.yaml" */
    assert_string_equal(s->description, "");
    assert_string_equal(s->currency, "");
    assert_int_equal(s->days, 7);
    assert_abs_close(s->interval_s, 1800.0, 0);
    assert_abs_close(s->utc_offset_s, 0.0, 0);
    assert_int_equal(s->start_weekday, 2);                /* 2026-03-04 is a Wednesday */
    for (i = 0; i < s->n_channels; i++) {
        const cc_channel *c = &s->channels[i];
        assert_abs_close(c->target.service_level, 0.8, 1e-15);
        assert_int_equal(c->concurrency, 1);
        assert_abs_close(c->deflection, 0.0, 0);
        assert_int_equal(c->backlog, 0);
        assert_int_equal(c->patience.kind, CC_DIST_NONE);
        assert_int_equal(c->wrap_up.kind, CC_DIST_NONE);
        assert_int_equal(c->chatbot, -1);
        assert_int_equal(c->n_transfers, 0);
        assert_abs_close(c->retry_share, 0.0, 0);
        assert_abs_close(c->uncertainty_cv, 0.0, 0);
        assert_abs_close(c->weekday[3], 1.0, 0);
        assert_int_equal(c->profile_of_weekday[0], cc_scenario_profile_index(s, "flat"));
        assert_int_equal(c->handle_time.kind, CC_DIST_EXPONENTIAL);
    }
    /* first-response targets from the seeds: chat 1 min, email 4 h, social 1 h,
       WhatsApp 5 min, phone 30 s */
    assert_abs_close(s->channels[0].target.answer_within_s, 60.0, 0);
    assert_abs_close(s->channels[1].target.answer_within_s, 14400.0, 0);
    assert_abs_close(s->channels[2].target.answer_within_s, 3600.0, 0);
    assert_abs_close(s->channels[3].target.answer_within_s, 300.0, 0);
    assert_abs_close(s->channels[4].target.answer_within_s, 30.0, 0);
    /* flat profile: 480 a day is 10 per half hour */
    assert_rel_close(cc_scenario_channel_volume(s, 0, 7), 10.0, 1e-12);
    /* default priority by kind: voice, chat, messaging, social, email */
    assert_int_equal(s->priority_order[0], 4);
    assert_int_equal(s->priority_order[1], 0);
    assert_int_equal(s->priority_order[2], 3);
    assert_int_equal(s->priority_order[3], 2);
    assert_int_equal(s->priority_order[4], 1);
    assert_int_equal(s->chat_assignment, CC_CHAT_FILL);
    assert_true(s->strict_priority);
    assert_abs_close(s->teams[0].utc_offset_s, 0.0, 0);
    assert_abs_close(s->teams[0].shrinkage, 0.0, 0);
    assert_int_equal(s->teams[0].shrinkage_combine, CC_COMBINE_ADDITIVE);
    assert_int_equal(s->simulation.replications, 10);
    assert_int_equal(s->simulation.seed, 1);
    assert_abs_close(s->simulation.warmup_s, 0.0, 0);
    assert_int_equal(s->simulation.max_arrivals, 0);
    assert_false(s->simulation.drain);
    assert_int_equal(s->plan.method, CC_METHOD_ERLANG_C);
    assert_int_equal(s->plan.shrinkage_method, CC_SHRINK_DIVISIVE);
    assert_abs_close(s->plan.fte_week_s, 37.5 * 3600.0, 0);
    assert_abs_close(s->plan.max_occupancy, 0.85, 1e-15);
    assert_int_equal(s->plan.headcount[0], -1);
    assert_int_equal(s->plan.n_options, 0);
    /* no shift rules: the planner derives them; overtime 10% at 1.5x; vendor from a team */
    assert_int_equal(s->plan.n_shift_rules[0], 0);
    assert_null(s->plan.shift_rules[0]);
    assert_abs_close(s->plan.overtime_share, 0.10, 1e-15);
    assert_abs_close(s->plan.overtime_multiplier, 1.5, 0);
    assert_true(s->plan.vendor_cost_per_hour < 0);
    assert_abs_close(s->plan.cost_per_hire, 0.0, 0);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
}

/*
 * plan.shift_rules, plan.overtime, plan.vendor_cost_per_hour and
 * plan.cost_per_hire: every field of a rule as written, and the defaults of
 * the optional ones (step = the interval, break mid-shift on the grid).
 */
static void test_plan_shift_rules_and_costs(void **state)
{
    static const char text[] =
        "horizon: {start: 2026-03-02, days: 7, interval: 15m}\n"
        "channels:\n"
        "  chat: {kind: chat, volume: 100, handle_time: 5m, concurrency: 2}\n"
        "teams:\n"
        "  a: {skills: [chat], agents: 4}\n"
        "  b: {skills: [chat], agents: 2}\n"
        "plan:\n"
        "  shift_rules:\n"
        "    b:\n"
        "      - {name: early, start: \"06:00-09:30\", step: 30m, length: 9h,\n"
        "         unpaid_break: 45m, break_after: 4h, days: mon-fri, min_agents: 1,\n"
        "         max_agents: 40}\n"
        "      - {start: \"18:00\", length: 4h, unpaid_break: 30m, days: [sat, sun]}\n"
        "      - {start: any, length: 6h}\n"
        "  overtime: {max_share: 15%, cost_multiplier: 1.25}\n"
        "  vendor_cost_per_hour: 42.5\n"
        "  cost_per_hire: 3000\n";
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    const cc_plan_shift_rule *r;

    (void)state;
    cc_diag_list_init(&d);
    s = load_text(text, &d, &st);
    assert_int_equal(st, CC_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(s->plan.n_shift_rules[0], 0); /* team a keeps the derived rules */
    assert_int_equal(s->plan.n_shift_rules[1], 3);
    r = &s->plan.shift_rules[1][0];
    assert_string_equal(r->name, "early");
    assert_abs_close(r->first_start_s, 6 * 3600.0, 0);
    assert_abs_close(r->last_start_s, 9.5 * 3600.0, 0);
    assert_abs_close(r->step_s, 1800.0, 0);
    assert_abs_close(r->length_s, 9 * 3600.0, 0);
    assert_abs_close(r->break_s, 2700.0, 0);
    assert_abs_close(r->break_after_s, 4 * 3600.0, 0);
    assert_int_equal(r->days, 0x1fu); /* mon-fri = bits 0..4 */
    assert_int_equal(r->min_agents, 1);
    assert_int_equal(r->max_agents, 40);
    assert_int_equal(r->line, 10);
    assert_int_equal(r->col, 9);
    r = &s->plan.shift_rules[1][1];
    assert_string_equal(r->name, "rule 2");
    assert_abs_close(r->first_start_s, 18 * 3600.0, 0);
    assert_abs_close(r->last_start_s, 18 * 3600.0, 0);
    assert_abs_close(r->step_s, 900.0, 0); /* default: the 15-minute interval */
    assert_int_equal(r->days, 0x60u);      /* sat, sun */
    /* mid-shift on the grid: floor((4 h - 30 m) / 2 / 15 m) x 15 m = 1 h 45 m */
    assert_abs_close(r->break_after_s, 6300.0, 0);
    assert_int_equal(r->max_agents, 0);
    r = &s->plan.shift_rules[1][2];
    assert_abs_close(r->first_start_s, 0.0, 0);
    assert_abs_close(r->last_start_s, 86400.0 - 900.0, 0); /* 'any': every interval */
    assert_int_equal(r->days, 0x7fu);
    assert_abs_close(r->break_s, 0.0, 0);
    assert_abs_close(s->plan.overtime_share, 0.15, 1e-15);
    assert_abs_close(s->plan.overtime_multiplier, 1.25, 0);
    assert_abs_close(s->plan.vendor_cost_per_hour, 42.5, 0);
    assert_abs_close(s->plan.cost_per_hire, 3000.0, 0);
    cc_scenario_free(s);
    cc_diag_list_release(&d);

    /* the bare-share form of overtime keeps the default multiplier */
    {
        static const char t2[] =
            "horizon: {start: 2026-03-02, days: 7}\n"
            "channels: {chat: {kind: chat, volume: 100, handle_time: 5m}}\n"
            "teams: {a: {skills: [chat], agents: 4}}\n"
            "plan: {overtime: 5%}\n";
        cc_diag_list_init(&d);
        s = load_text(t2, &d, &st);
        assert_int_equal(st, CC_OK);
        assert_abs_close(s->plan.overtime_share, 0.05, 1e-15);
        assert_abs_close(s->plan.overtime_multiplier, 1.5, 0);
        cc_scenario_free(s);
        cc_diag_list_release(&d);
    }
}

/* ---- units --------------------------------------------------------------------------- */

/* Loads a one-channel scenario whose phone channel gets the given extra lines. */
static cc_scenario *load_phone(const char *extra, cc_status *st, cc_diag_list *d)
{
    char text[2048];
    snprintf(text, sizeof(text),
             "horizon: {start: 2026-03-02, days: 7, interval: 60m}\n"
             "channels:\n"
             "  phone:\n"
             "    kind: voice\n"
             "    volume: 100\n"
             "%s"
             "teams:\n"
             "  t: {skills: [phone], agents: 2}\n",
             extra);
    return load_text(text, d, st);
}

static void test_units(void **state)
{
    static const struct {
        const char *yaml;
        double handle_s, deflection, answer_s;
    } cases[] = {
        {"    handle_time: 300\n    deflection: 0.35\n", 300, 0.35, 30},
        {"    handle_time: 300s\n    deflection: 35%\n", 300, 0.35, 30},
        {"    handle_time: 5m\n    deflection: \"35%\"\n", 300, 0.35, 30},
        {"    handle_time: 0.1h\n    deflection: 0%\n", 360, 0.0, 30},
        {"    handle_time: {mean: 2.5m}\n    target: {answer_within: 1m}\n", 150, 0.0, 60},
        {"    handle_time: {dist: deterministic, mean: 1d}\n    target: {answer_within: 2h}\n",
         86400, 0.0, 7200},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cc_diag_list d;
        cc_status st;
        cc_scenario *s;
        cc_diag_list_init(&d);
        s = load_phone(cases[i].yaml, &st, &d);
        if (st != CC_OK)
            fail_msg("case %zu: %s", i, d.n ? d.items[0].message : "?");
        assert_abs_close(s->channels[0].handle_time.mean_s, cases[i].handle_s, 1e-9);
        assert_abs_close(s->channels[0].deflection, cases[i].deflection, 1e-15);
        assert_abs_close(s->channels[0].target.answer_within_s, cases[i].answer_s, 0);
        cc_scenario_free(s);
        cc_diag_list_release(&d);
    }
}

/* UTC offsets in every accepted spelling; hours per FTE week with units. */
static void test_offsets_and_fte(void **state)
{
    static const struct {
        const char *text;
        double seconds;
    } offsets[] = {{"\"+08:00\"", 28800}, {"\"-05:30\"", -19800}, {"+8h", 28800},
                   {"-330m", -19800},     {"UTC+1h", 3600},     {"0", 0}};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        char text[512];
        cc_diag_list d;
        cc_status st;
        cc_scenario *s;
        snprintf(text, sizeof(text),
                 "horizon: {start: 2026-03-02, days: 1, interval: 60m}\n"
                 "channels: {e: {kind: email, volume: 10, handle_time: 5m}}\n"
                 "teams: {t: {skills: [e], agents: 1, utc_offset: %s}}\n"
                 "plan: {fte_week: 2400m}\n",
                 offsets[i].text);
        cc_diag_list_init(&d);
        s = load_text(text, &d, &st);
        if (st != CC_OK)
            fail_msg("offset %s: %s", offsets[i].text, d.items[0].message);
        assert_abs_close(s->teams[0].utc_offset_s, offsets[i].seconds, 0);
        assert_abs_close(s->plan.fte_week_s, 40 * 3600.0, 0);
        cc_scenario_free(s);
        cc_diag_list_release(&d);
    }
}

/* A team five hours ahead whose Monday shift starts on the scenario's Sunday. */
static void test_time_zone_shift_crosses_midnight(void **state)
{
    static const char text[] =
        "horizon: {start: 2026-03-02, days: 7, interval: 60m, utc_offset: \"+00:00\"}\n"
        "channels: {e: {kind: email, volume: 10, handle_time: 5m}}\n"
        "teams:\n"
        "  east:\n"
        "    skills: [e]\n"
        "    utc_offset: \"+05:00\"\n"
        "    shifts: [{days: mon, start: \"02:00\", end: \"10:00\", agents: 4}]\n";
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    int i;
    double sum = 0;

    (void)state;
    cc_diag_list_init(&d);
    s = load_text(text, &d, &st);
    assert_int_equal(st, CC_OK);
    /* local Monday 02:00-10:00 at UTC+5 is Sunday 21:00 to Monday 05:00 UTC: the
       first week's occurrence is clipped to Monday 00:00-05:00, and the next
       Monday's starts on the last horizon day (Sunday 8 March) at 21:00 */
    assert_abs_close(cc_scenario_team_agents(s, 0, 0), 4.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 4), 4.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 5), 0.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 6 * 24 + 20), 0.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 6 * 24 + 21), 4.0, 0);
    assert_abs_close(cc_scenario_team_agents(s, 0, 6 * 24 + 23), 4.0, 0);
    for (i = 0; i < s->n_intervals; i++)
        sum += cc_scenario_team_agents(s, 0, i);
    assert_abs_close(sum, 4.0 * (5 + 3), 1e-9);
    assert_int_equal(s->teams[0].n_spans, 2);
    assert_abs_close(s->teams[0].spans[1].start_s, 6 * 86400.0 + 21 * 3600.0, 0);
    assert_abs_close(s->teams[0].spans[1].end_s, 7 * 86400.0, 0);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
}

/* Dates across a leap day and a year end; weekdays from the start date. */
static void test_calendar(void **state)
{
    static const char leap[] = "horizon: {start: 2024-02-27, days: 5}\n"
                               "channels: {e: {kind: email, volume: 1, handle_time: 1m}}\n"
                               "teams: {t: {skills: [e], agents: 1}}\n";
    static const char *const want[] = {"2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01",
                                       "2024-03-02"};
    cc_diag_list d;
    cc_status st;
    cc_scenario *s;
    char buf[11];
    int i;

    (void)state;
    cc_diag_list_init(&d);
    s = load_text(leap, &d, &st);
    assert_int_equal(st, CC_OK);
    for (i = 0; i < 5; i++) {
        cc_scenario_date(s, i, buf);
        assert_string_equal(buf, want[i]);
    }
    assert_int_equal(s->start_weekday, 1);            /* 2024-02-27 was a Tuesday */
    assert_int_equal(cc_scenario_weekday(s, 2), 3);   /* the leap day, a Thursday */
    assert_int_equal(cc_scenario_weekday(s, -2), 6);  /* 2024-02-25, a Sunday */
    cc_scenario_date(s, 308, buf);                    /* 2024 has 366 days */
    assert_string_equal(buf, "2024-12-31");
    cc_scenario_date(s, 309, buf);
    assert_string_equal(buf, "2025-01-01");
    cc_scenario_free(s);
    cc_diag_list_release(&d);
}

/* ---- overrides and options ------------------------------------------------------------ */

static void test_overrides(void **state)
{
    static const char text[] = "horizon: {start: 2026-03-02, days: 7}\n"
                               "channels:\n"
                               "  chat: {kind: chat, volume: 100, handle_time: 5m, "
                               "concurrency: 2}\n"
                               "teams:\n"
                               "  t: {skills: [chat], shifts: [{start: \"08:00\", end: "
                               "\"16:00\", agents: 3}]}\n";
    cc_override ov[3];
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_status st;

    (void)state;
    ov[0].path = (char *)"channels.chat.concurrency";
    ov[0].value = (char *)"3";
    ov[1].path = (char *)"teams.t.shifts[0].agents";
    ov[1].value = (char *)"7";
    ov[2].path = (char *)"channels.chat.deflection"; /* a key the file lacks is added */
    ov[2].value = (char *)"25%";
    cc_diag_list_init(&d);
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 3, &s, &d, NULL);
    assert_int_equal(st, CC_OK);
    assert_int_equal(s->channels[0].concurrency, 3);
    assert_int_equal(s->teams[0].shifts[0].agents, 7);
    assert_abs_close(s->channels[0].deflection, 0.25, 1e-15);
    assert_int_equal(s->n_overrides, 3);
    cc_scenario_free(s);
    s = NULL;

    /* an unknown path names the missing key and suggests one */
    ov[0].path = (char *)"channels.caht.concurrency";
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 1, &s, &d, NULL);
    assert_int_equal(st, CC_EINVAL);
    assert_null(s);
    assert_true(has_diag(&d, CC_DIAG_ERROR, "no 'caht' here (did you mean 'chat'?)"));
    cc_diag_list_release(&d);

    /* a bad value is validated like the file itself */
    cc_diag_list_init(&d);
    ov[0].path = (char *)"channels.chat.concurrency";
    ov[0].value = (char *)"0";
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 1, &s, &d, NULL);
    assert_int_equal(st, CC_EINVAL);
    assert_true(has_diag(&d, CC_DIAG_ERROR, "channels.chat.concurrency: must be a whole number"));
    cc_diag_list_release(&d);

    /* a list index past the end */
    cc_diag_list_init(&d);
    ov[0].path = (char *)"teams.t.shifts.3.agents";
    ov[0].value = (char *)"1";
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 1, &s, &d, NULL);
    assert_int_equal(st, CC_EINVAL);
    assert_true(has_diag(&d, CC_DIAG_ERROR, "'3' is not an index of a list of 1"));
    cc_diag_list_release(&d);
}

/*
 * A path reaching below a scalar shorthand rewrites it into its mapping
 * form: `volume: 100` is {per_day: 100}, a bare duration {mean: ...}, a bare
 * cost {per_hour: ...}. Paths below a value with no mapping form still fail.
 */
static void test_overrides_below_shorthands(void **state)
{
    static const char text[] = "horizon: {start: 2026-03-02, days: 7}\n"
                               "channels:\n"
                               "  chat: {kind: chat, volume: 100, handle_time: 5m, "
                               "concurrency: 2}\n"
                               "  phone: {kind: voice, volume: 700, handle_time: 4m, "
                               "patience: none}\n"
                               "teams:\n"
                               "  t: {skills: [chat, phone], agents: 3, cost: 30}\n"
                               "plan: {overtime: 5%}\n";
    cc_override ov[6];
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_status st;

    (void)state;
    ov[0].path = (char *)"channels.chat.volume.per_day";
    ov[0].value = (char *)"2600";
    ov[1].path = (char *)"channels.chat.handle_time.dist";
    ov[1].value = (char *)"lognormal";
    ov[2].path = (char *)"channels.chat.handle_time.cv";
    ov[2].value = (char *)"0.5";
    ov[3].path = (char *)"teams.t.cost.per_contact";
    ov[3].value = (char *)"2";
    ov[4].path = (char *)"channels.phone.volume.per_hour"; /* replaces per_day, not beside it */
    ov[4].value = (char *)"10";
    ov[5].path = (char *)"plan.overtime.cost_multiplier";
    ov[5].value = (char *)"2";
    cc_diag_list_init(&d);
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 6, &s, &d, NULL);
    assert_int_equal(st, CC_OK);
    assert_int_equal(d.n, 0);
    assert_abs_close(s->channels[0].volume_per_day, 2600.0, 0);
    /* the mean stays 5 m from the scalar; dist and cv are the new keys */
    assert_int_equal(s->channels[0].handle_time.kind, CC_DIST_LOGNORMAL);
    assert_abs_close(s->channels[0].handle_time.mean_s, 300.0, 0);
    assert_abs_close(s->channels[0].handle_time.cv, 0.5, 0);
    assert_abs_close(s->teams[0].cost_per_hour, 30.0, 0);
    assert_abs_close(s->teams[0].cost_per_contact, 2.0, 0);
    assert_abs_close(s->channels[1].volume_per_day, 240.0, 1e-12); /* 10 an hour */
    assert_abs_close(s->plan.overtime_share, 0.05, 1e-15);
    assert_abs_close(s->plan.overtime_multiplier, 2.0, 0);
    cc_scenario_free(s);
    s = NULL;
    cc_diag_list_release(&d);

    /* the same path on the mapping form sets the same value */
    cc_diag_list_init(&d);
    ov[0].path = (char *)"channels.chat.volume";
    ov[0].value = (char *)"{per_day: 2600}";
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 1, &s, &d, NULL);
    assert_int_equal(st, CC_OK);
    assert_abs_close(s->channels[0].volume_per_day, 2600.0, 0);
    cc_scenario_free(s);
    s = NULL;
    cc_diag_list_release(&d);

    /* 'patience: none' has no mapping form: no customers-wait-forever mean to keep */
    cc_diag_list_init(&d);
    ov[0].path = (char *)"channels.phone.patience.mean";
    ov[0].value = (char *)"2m";
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 1, &s, &d, NULL);
    assert_int_equal(st, CC_EINVAL);
    assert_null(s);
    assert_true(has_diag(&d, CC_DIAG_ERROR, "'patience' is a value with no mapping form, it "
                                            "has no 'mean'; set 'patience' itself"));
    cc_diag_list_release(&d);

    /* nor has a kind */
    cc_diag_list_init(&d);
    ov[0].path = (char *)"channels.chat.kind.per_day";
    ov[0].value = (char *)"1";
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 1, &s, &d, NULL);
    assert_int_equal(st, CC_EINVAL);
    assert_true(has_diag(&d, CC_DIAG_ERROR, "'kind' is a value with no mapping form"));
    cc_diag_list_release(&d);

    /* a key the mapping form does not have is reported by the loader, at the key */
    cc_diag_list_init(&d);
    ov[0].path = (char *)"channels.chat.volume.per_dya";
    ov[0].value = (char *)"1";
    st = cc_scenario_load_with_overrides(text, strlen(text), "t.yaml", ov, 1, &s, &d, NULL);
    assert_int_equal(st, CC_ESCHEMA);
    assert_true(has_diag(&d, CC_DIAG_ERROR, "unknown key 'per_dya' (did you mean 'per_day'?)"));
    cc_diag_list_release(&d);
}

static void test_options_derive(void **state)
{
    cc_scenario *s = load_ok(DATA "valid/full.yaml"), *v = NULL;
    int vendor = cc_scenario_team_index(s, "vendor");
    cc_error err;

    (void)state;
    assert_int_equal(cc_scenario_derive_option(s, 0, &v, NULL, &err), CC_OK);
    assert_int_equal(v->option_index, 0);
    assert_int_equal(v->teams[vendor].shifts[0].agents, 12);
    assert_abs_close(v->channels[0].overflow_after_s[0], 20.0, 0);
    assert_abs_close(cc_scenario_team_paid_hours(v, vendor), 960.0, 1e-9);
    assert_int_equal(s->teams[vendor].shifts[0].agents, 6);   /* the base is unchanged */
    cc_scenario_free(v);
    assert_int_equal(cc_scenario_derive_option(s, 1, &v, NULL, &err), CC_OK);
    assert_int_equal(v->channels[cc_scenario_channel_index(v, "chat")].concurrency, 2);
    cc_scenario_free(v);
    v = NULL;
    assert_int_equal(cc_scenario_derive_option(s, 2, &v, NULL, &err), CC_EINVAL);
    assert_null(v);
    cc_scenario_free(s);
}

/* ---- robustness ---------------------------------------------------------------------- */

static void test_file_errors(void **state)
{
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_error err;

    (void)state;
    cc_diag_list_init(&d);
    assert_int_equal(cc_scenario_load_file(DATA "no-such-file.yaml", &s, &d, &err), CC_EIO);
    assert_null(s);
    assert_int_equal(d.n_errors, 1);
    assert_non_null(strstr(err.message, "cannot read"));
    assert_string_equal(err.path, DATA "no-such-file.yaml");
    cc_diag_list_release(&d);
    /* NULL diagnostics and error are allowed */
    assert_int_equal(cc_scenario_load_string("[", 1, NULL, &s, NULL, NULL), CC_ESYNTAX);
    cc_scenario_free(NULL);
    cc_diag_list_release(NULL);
}

/*
 * An alias bomb: nine levels of nine aliases are 9^9 nodes when expanded.
 * libyaml shares aliased nodes, and the loader's visit budget stops a walk
 * over them; the load must fail cleanly rather than hang or exhaust memory.
 */
static void test_alias_bomb(void **state)
{
    char text[4096];
    size_t used = 0;
    int level, k;
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_status st;

    (void)state;
    used += (size_t)snprintf(text + used, sizeof(text) - used,
                             "horizon: {start: 2026-03-02, days: 1, interval: 60m}\n"
                             "profiles:\n  p:\n    hourly: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                             "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
    used += (size_t)snprintf(text + used, sizeof(text) - used, "seasons:\n");
    for (level = 1; level <= 9; level++) {
        used += (size_t)snprintf(text + used, sizeof(text) - used,
                                 "  - {date: 2026-03-02, multiplier: 1, name: &a%d [", level);
        for (k = 0; k < 9; k++)
            used += (size_t)snprintf(text + used, sizeof(text) - used, "%s*a%d", k ? ", " : "",
                                     level - 1);
        used += (size_t)snprintf(text + used, sizeof(text) - used, "]}\n");
    }
    snprintf(text + used, sizeof(text) - used,
             "channels: {e: {kind: email, volume: 10, handle_time: 5m}}\n"
             "teams: {t: {skills: [e], agents: 1}}\n"
             "plan: {options: [{name: x, set: {description: *a9}}]}\n");
    cc_diag_list_init(&d);
    st = cc_scenario_load_string(text, strlen(text), "bomb.yaml", &s, &d, NULL);
    assert_int_not_equal(st, CC_OK);
    assert_null(s);
    assert_true(d.n_errors >= 1);
    cc_diag_list_release(&d);
}

/*
 * A wide alias bomb that the schema does walk: 64 channels share one
 * empirical list of 100,000 values, 6.4 million value visits in all. The
 * visit budget (4 million) stops the load with a message.
 */
static void test_visit_budget(void **state)
{
    size_t cap = 1u << 20, used = 0;
    char *text = malloc(cap);
    int i;
    cc_diag_list d;
    cc_scenario *s = NULL;

    (void)state;
    used += (size_t)sprintf(text, "horizon: {start: 2026-03-02, days: 1}\n"
                                  "profiles: {p: {description: &v [");
    for (i = 0; i < CC_MAX_EMPIRICAL; i++)
        used += (size_t)sprintf(text + used, "%s1", i ? "," : "");
    used += (size_t)sprintf(text + used, "]}}\nchannels:\n");
    for (i = 0; i < CC_MAX_CHANNELS; i++)
        used += (size_t)sprintf(text + used,
                                "  c%d: {kind: email, volume: 1, handle_time: "
                                "{dist: empirical, values: *v}}\n",
                                i);
    used += (size_t)sprintf(text + used, "teams: {t: {skills: [c0], agents: 1}}\n");
    assert_true(used < cap);
    cc_diag_list_init(&d);
    assert_int_equal(cc_scenario_load_string(text, used, NULL, &s, &d, NULL), CC_EINVAL);
    assert_null(s);
    assert_true(has_diag(&d, CC_DIAG_ERROR, "document too complex"));
    cc_diag_list_release(&d);
    free(text);
}

/* Self-referencing anchors and deep nesting fail cleanly. */
static void test_recursive_and_deep(void **state)
{
    static const char cyclic[] = "horizon: &h {start: 2026-03-02, loop: *h}\n";
    char deep[20000];
    cc_diag_list d;
    cc_scenario *s = NULL;
    size_t i, n = 0;

    (void)state;
    cc_diag_list_init(&d);
    assert_int_not_equal(cc_scenario_load_string(cyclic, strlen(cyclic), NULL, &s, &d, NULL),
                         CC_OK);
    assert_null(s);
    cc_diag_list_release(&d);
    n += (size_t)snprintf(deep, sizeof(deep), "channels: ");
    for (i = 0; i < 5000; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    cc_diag_list_init(&d);
    assert_int_not_equal(cc_scenario_load_string(deep, n, NULL, &s, &d, NULL), CC_OK);
    assert_null(s);
    cc_diag_list_release(&d);
}

/*
 * Inputs that once crashed or hung the loader under the fuzzer: each must
 * give the status and first diagnostic line stated here (NULL: it loads,
 * and so do its options). Every fixture of the folder needs an entry, and
 * every entry its fixture.
 */
static const struct fuzz_case {
    const char *file;             /* under tests/data/scenarios/fuzz/ */
    cc_status status;             /* what the load returns */
    const char *first;            /* first diagnostic as cc_diag_format writes it, or NULL */
} fuzz_cases[] = {
    {"alias-self.yaml", CC_ESCHEMA,
     DATA "fuzz/alias-self.yaml:1:33: error: horizon: unknown key 'loop' (allowed: start, days, "
          "interval or utc_offset)"},
    {"deep-flow.yaml", CC_ESYNTAX,
     DATA "fuzz/deep-flow.yaml:1:74: error: lists and mappings nest more than 64 deep here; a "
          "scenario needs far fewer levels"},
    {"huge-numbers.yaml", CC_ESCHEMA,
     DATA "fuzz/huge-numbers.yaml:1:36: error: horizon.days: expected a whole number, got "
          "'1e400'"},
    {"invalid-utf8.yaml", CC_ESYNTAX,
     DATA "fuzz/invalid-utf8.yaml:2:37: error: syntax error: invalid leading UTF-8 octet"},
    {"nul-in-scalar.yaml", CC_ESCHEMA,
     DATA "fuzz/nul-in-scalar.yaml:1:7: error: name: expected text, got text with a NUL byte"},
    {"option-cycle.yaml", CC_EINVAL,
     DATA "fuzz/option-cycle.yaml:5:86: error: in option 'x': set: '' is not a key path like "
          "'teams.vendor.agents'"},
    {"option-cycle2.yaml", CC_ESCHEMA,
     DATA "fuzz/option-cycle2.yaml:3:3: error: in option 'x': channels.phone.profile: unknown key "
          "'phone' (allowed: default, weekdays, weekend, mon, tue, wed, thu, fri, sat or sun)"},
    {"override-into-scalar.yaml", CC_EINVAL,
     DATA "fuzz/override-into-scalar.yaml:8:23: error: in option 'b': set: 'teams.t.skills.7': "
          "'7' is not an index of a list of 1"},
    /* an option's set adding nodes moved the key node it reported at (use after free) */
    {"option-set-moves-nodes.yaml", CC_ESCHEMA,
     DATA "fuzz/option-set-moves-nodes.yaml: error: in option 'a': channels.phone.volume: "
          "unknown key 'per_daplan' (allowed: per_day, per_week, per_hour, forecast, channel or "
          "multiplier)"},
};

static void test_fuzz_regressions(void **state)
{
    const size_t n_cases = sizeof(fuzz_cases) / sizeof(fuzz_cases[0]);
    char **names;
    size_t n = list_yaml(DATA "fuzz", &names), i, k;

    (void)state;
    assert_int_equal(n, n_cases); /* a fixture without an entry, or an entry without its file */
    for (i = 0; i < n; i++) {
        const struct fuzz_case *c = NULL;
        cc_diag_list d;
        cc_scenario *s = NULL;
        cc_status st;
        char line[1400];

        for (k = 0; k < n_cases && !c; k++)
            if (!strcmp(strrchr(names[i], '/') + 1, fuzz_cases[k].file))
                c = &fuzz_cases[k];
        if (!c)
            fail_msg("%s: no expectation in fuzz_cases", names[i]);
        cc_diag_list_init(&d);
        st = cc_scenario_load_file(names[i], &s, &d, NULL);
        if (st != c->status || (c->first ? d.n == 0 || strcmp(cc_diag_format(&d, 0, line,
                                                                               sizeof(line)),
                                                               c->first)
                                         : d.n_errors != 0)) {
            for (k = 0; k < d.n; k++)
                print_message("%s\n", cc_diag_format(&d, k, line, sizeof(line)));
            fail_msg("%s: status %d, want %d, first line \"%s\"", names[i], st, c->status,
                     c->first ? c->first : "(none)");
        }
        if (st == CC_OK) {
            int o;
            assert_non_null(s);
            for (o = 0; o < s->plan.n_options; o++) {
                cc_scenario *v = NULL;
                assert_int_equal(cc_scenario_derive_option(s, o, &v, NULL, NULL), CC_OK);
                cc_scenario_free(v);
            }
        } else {
            assert_null(s);
        }
        cc_scenario_free(s);
        cc_diag_list_release(&d);
    }
    free_list(names, n);
}

/* Diagnostics are kept up to CC_DIAG_MAX and counted beyond. */
static void test_diag_cap(void **state)
{
    char *text = malloc(64 * 1024);
    size_t used = 0;
    int i;
    cc_diag_list d;
    cc_scenario *s = NULL;

    (void)state;
    used += (size_t)sprintf(text, "horizon: {start: 2026-03-02}\n");
    for (i = 0; i < 300; i++)
        used += (size_t)sprintf(text + used, "bogus%d: 1\n", i);
    cc_diag_list_init(&d);
    assert_int_equal(cc_scenario_load_string(text, used, NULL, &s, &d, NULL), CC_ESCHEMA);
    assert_int_equal(d.n, CC_DIAG_MAX);
    assert_true(d.n_errors >= 300);
    assert_true(d.dropped > 0);
    cc_diag_list_release(&d);
    free(text);
}

static void test_diag_format(void **state)
{
    cc_diag_list d;
    char buf[256];

    (void)state;
    cc_diag_list_init(&d);
    cc_diag_list_set_path(&d, "x.yaml");
    cc_diag_add(&d, CC_DIAG_WARNING, CC_OK, 3, 7, "a.b: looks %s", "odd");
    cc_diag_add(&d, CC_DIAG_ERROR, CC_EINVAL, 0, 0, "whole file");
    cc_diag_add(&d, CC_DIAG_ERROR, CC_EINVAL, 2, 1, "earlier");
    cc_diag_list_sort(&d);
    assert_string_equal(cc_diag_format(&d, 0, buf, sizeof(buf)), "x.yaml: error: whole file");
    assert_string_equal(cc_diag_format(&d, 1, buf, sizeof(buf)), "x.yaml:2:1: error: earlier");
    assert_string_equal(cc_diag_format(&d, 2, buf, sizeof(buf)),
                        "x.yaml:3:7: warning: a.b: looks odd");
    assert_string_equal(cc_diag_format(&d, 9, buf, sizeof(buf)), "");
    assert_int_equal(d.n_errors, 2);
    assert_int_equal(d.n_warnings, 1);
    cc_diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_scenarios_load),
        cmocka_unit_test(test_invalid_fixtures),
        cmocka_unit_test(test_warning_fixtures),
        cmocka_unit_test(test_all_errors_in_one_run),
        cmocka_unit_test(test_full_model),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_offsets_and_fte),
        cmocka_unit_test(test_time_zone_shift_crosses_midnight),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_overrides_below_shorthands),
        cmocka_unit_test(test_plan_shift_rules_and_costs),
        cmocka_unit_test(test_options_derive),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_alias_bomb),
        cmocka_unit_test(test_visit_budget),
        cmocka_unit_test(test_recursive_and_deep),
        cmocka_unit_test(test_fuzz_regressions),
        cmocka_unit_test(test_diag_cap),
        cmocka_unit_test(test_diag_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
