/*
 * Scenario schema tests: the key tables of scenarios/README.md are the
 * schema's own (every key, type, allowed values, default and meaning, in
 * both directions, checked by a comparison that is itself tested on broken
 * copies); the defaults a minimal scenario loads with are the ones the
 * tables state; the tables are well formed; and the one did-you-mean serves
 * both the loader and the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#include "cc_scenario.h"
#include "scenario/schema.h"
#include "util/suggest.h"
/* The program declares cc_suggest_flag itself; including both lets the compiler compare. */
#include "cli/options.h"

#define README "scenarios/README.md"
#define MARKER "<!-- schema: "

/* ---- README comparison ----------------------------------------------------------- */

/* Problems found by check_readme, one message each. */
typedef struct problems {
    char msg[64][400];            /* the first 64 messages */
    int n;                        /* how many were found */
} problems;

__attribute__((format(printf, 2, 3))) static void problem(problems *p, const char *fmt, ...)
{
    va_list ap;
    if (p->n < 64) {
        va_start(ap, fmt);
        vsnprintf(p->msg[p->n], sizeof(p->msg[0]), fmt, ap);
        va_end(ap);
    }
    p->n++;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    buf = malloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

/* The lines of `text` (modified in place), NULL-terminated; the caller frees the array. */
static char **split_lines(char *text, size_t *n)
{
    char **lines = NULL;
    size_t count = 0;
    char *p = text;

    for (;;) {
        char *nl = strchr(p, '\n');
        lines = realloc(lines, (count + 2) * sizeof(*lines));
        lines[count++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    lines[count] = NULL;
    *n = count;
    return lines;
}

/* Splits a table row "| a | b \| c |" into at most `max` trimmed cells; returns the count. */
static int cells(const char *row, char out[][300], int max)
{
    int n = 0;
    size_t used = 0;
    const char *p = row;

    if (*p != '|')
        return 0;
    for (p++; *p && n < max; p++) {
        if (*p == '\\' && p[1] == '|') {
            if (used + 1 < sizeof(out[0]))
                out[n][used++] = '|';
            p++;
        } else if (*p == '|') {
            while (used > 0 && out[n][used - 1] == ' ')
                used--;
            out[n][used] = '\0';
            n++;
            used = 0;
            while (p[1] == ' ')
                p++;
        } else if (used + 1 < sizeof(out[0]) && !(used == 0 && *p == ' ')) {
            out[n][used++] = *p;
        }
    }
    return n;
}

static const char *const columns[] = {"key", "type", "allowed", "default", "meaning"};

/* Compares one README table (rows[0..n_rows-1], header included) with the schema's. */
static void check_table(const cc_schema *t, char **rows, size_t n_rows, problems *p)
{
    char *want_text = cc_schema_markdown(t);
    size_t n_want, i, j;
    char **want = split_lines(want_text, &n_want);
    char a[5][300], b[5][300];

    if (n_want > 0 && want[n_want - 1][0] == '\0')
        n_want--; /* the text ends with a newline */
    if (n_rows < 2 || strcmp(rows[0], want[0]) || strcmp(rows[1], want[1]))
        problem(p, "'%s': the table header is not \"%s\"", t->name, want[0]);
    for (i = 2; i < n_want; i++) {
        cells(want[i], b, 5);
        for (j = 2; j < n_rows; j++)
            if (cells(rows[j], a, 5) == 5 && !strcmp(a[0], b[0]))
                break;
        if (j == n_rows) {
            problem(p, "'%s': key %s is in the schema but not in the README", t->name, b[0]);
            continue;
        }
        for (int c = 1; c < 5; c++)
            if (strcmp(a[c], b[c]))
                problem(p, "'%s': key %s: %s is \"%s\" in the README, \"%s\" in the schema",
                        t->name, b[0], columns[c], a[c], b[c]);
        if (j != i)
            problem(p, "'%s': key %s is row %zu in the README, %zu in the schema", t->name, b[0],
                    j - 1, i - 1);
        if (strcmp(rows[j], want[i]) && p->n == 0)
            problem(p, "'%s': key %s: the row is written differently: \"%s\"", t->name, b[0],
                    want[i]);
    }
    for (j = 2; j < n_rows; j++) {
        int found = 0;
        if (cells(rows[j], a, 5) != 5) {
            problem(p, "'%s': \"%s\" is not a row of five cells", t->name, rows[j]);
            continue;
        }
        for (i = 2; i < n_want && !found; i++)
            found = cells(want[i], b, 5) == 5 && !strcmp(a[0], b[0]);
        if (!found)
            problem(p, "'%s': key %s is in the README but not in the schema", t->name, a[0]);
    }
    free(want);
    free(want_text);
}

/*
 * Checks every table of the README that follows a "<!-- schema: NAME -->"
 * line against the schema table NAME, and that each documented schema table
 * has exactly one such table.
 */
static void check_readme(const char *readme, problems *p)
{
    char *text = strdup(readme);
    size_t n, i, k;
    char **lines = split_lines(text, &n);
    int seen[64] = {0};

    memset(p, 0, sizeof(*p));
    for (i = 0; i < n; i++) {
        char name[128];
        const cc_schema *t;
        size_t len = strlen(lines[i]), first;
        if (strncmp(lines[i], MARKER, strlen(MARKER)) || len < strlen(MARKER) + 4 ||
            strcmp(lines[i] + len - 4, " -->"))
            continue;
        snprintf(name, sizeof(name), "%.*s", (int)(len - strlen(MARKER) - 4),
                 lines[i] + strlen(MARKER));
        t = cc_schema_find(name);
        if (!t) {
            problem(p, "line %zu: '%s' is not a schema table", i + 1, name);
            continue;
        }
        for (k = 0; cc_schema_documented[k] != t; k++)
            ;
        if (seen[k]++)
            problem(p, "line %zu: '%s' is documented twice", i + 1, name);
        first = i + 1;
        while (i + 1 < n && lines[i + 1][0] == '|')
            i++;
        check_table(t, lines + first, i + 1 - first, p);
    }
    for (k = 0; cc_schema_documented[k]; k++)
        if (!seen[k])
            problem(p, "schema table '%s' has no table in the README (a line \"%s%s -->\")",
                    cc_schema_documented[k]->name, MARKER, cc_schema_documented[k]->name);
    free(lines);
    free(text);
}

static void print_problems(const problems *p)
{
    int i;
    for (i = 0; i < p->n && i < 64; i++)
        print_message("%s\n", p->msg[i]);
}

static void test_readme_matches_schema(void **state)
{
    char *readme = read_file(README);
    problems p;

    (void)state;
    check_readme(readme, &p);
    if (p.n) {
        print_problems(&p);
        fail_msg("%s differs from the schema in %d places", README, p.n);
    }
    free(readme);
}

/* Replaces the first `from` in `text` by `to`; the result is a new string. */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    char *out;

    assert_non_null(at);
    out = malloc(strlen(text) + strlen(to) + 1);
    memcpy(out, text, (size_t)(at - text));
    strcpy(out + (at - text), to);
    strcat(out, at + strlen(from));
    return out;
}

static int has_problem(const problems *p, const char *frag)
{
    int i;
    for (i = 0; i < p->n && i < 64; i++)
        if (strstr(p->msg[i], frag))
            return 1;
    return 0;
}

/* The comparison finds each kind of difference, in both directions. */
static void test_readme_check_finds_differences(void **state)
{
    static const struct {
        const char *from, *to, *want;
    } cases[] = {
        {"| `days` | whole number | 1 to 366 | `7` |", "| `days` | whole number | 1 to 366 | `8` |",
         "'horizon': key `days`: default is \"`8`\" in the README, \"`7`\" in the schema"},
        {"| `days` | whole number | 1 to 366 |", "| `days` | whole number | 1 to 365 |",
         "key `days`: allowed is \"1 to 365\""},
        {"| `days` | whole number |", "| `days` | number |", "key `days`: type is \"number\""},
        {"| `short_abandon` | duration | 0s to 1h | `5s` | threshold for `exclude-short` |\n", "",
         "key `short_abandon` is in the schema but not in the README"},
        {"| `drain` |", "| `flush` | boolean | `true`, `false` | `false` | x |\n| `drain` |",
         "key `flush` is in the README but not in the schema"},
        {MARKER "routing -->\n", "", "schema table 'routing' has no table in the README"},
        {MARKER "simulation -->", MARKER "simulations -->", "'simulations' is not a schema table"},
    };
    char *readme = read_file(README);
    problems p;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *broken = replaced(readme, cases[i].from, cases[i].to);
        check_readme(broken, &p);
        if (!has_problem(&p, cases[i].want)) {
            print_problems(&p);
            fail_msg("case %zu: no problem \"%s\"", i, cases[i].want);
        }
        free(broken);
    }
    free(readme);
}

/* ---- the tables themselves ---------------------------------------------------------- */

static void test_tables_well_formed(void **state)
{
    int k, i, j;

    (void)state;
    for (k = 0; cc_schema_documented[k]; k++) {
        const cc_schema *t = cc_schema_documented[k];
        assert_ptr_equal(cc_schema_find(t->name), t);
        assert_true(t->n_fields > 0 && t->n_fields <= 64);
        for (i = 0; i < t->n_fields; i++) {
            const cc_field *f = &t->fields[i];
            char *md;
            for (j = 0; j < i; j++)
                if (!strcmp(t->fields[j].key, f->key))
                    fail_msg("'%s': key '%s' twice", t->name, f->key);
            if (!f->help || !f->help[0])
                fail_msg("'%s': key '%s' has no help text", t->name, f->key);
            if (f->kind == CC_VK_CUSTOM && !f->doc_type)
                fail_msg("'%s': key '%s' says nothing of its type", t->name, f->key);
            if (f->kind == CC_VK_ENUM)
                assert_non_null(f->names);
            if ((f->kind == CC_VK_MAP || (f->flags & CC_F_INLINE)) && !f->sub)
                fail_msg("'%s': key '%s' has no table for its keys", t->name, f->key);
            if (f->shorthand)
                assert_non_null(cc_schema_field(f->sub, f->shorthand));
            if ((f->flags & CC_F_ALWAYS) && !f->load)
                fail_msg("'%s': key '%s' is loaded always but has no load hook", t->name,
                         f->key);
            md = cc_schema_markdown(t);
            assert_non_null(strstr(md, f->key));
            free(md);
        }
    }
}

/*
 * Compares the values a loaded struct holds with the defaults of table `t`:
 * numeric fields with a place and a default the table states (not one
 * worked out by code, which doc_default describes).
 */
static void check_defaults(const cc_schema *t, void *obj)
{
    int i;

    for (i = 0; i < t->n_fields; i++) {
        const cc_field *f = &t->fields[i];
        double got;
        void *p;

        if (f->flags & CC_F_REQUIRED)
            continue; /* given in the scenario */
        if (f->kind == CC_VK_MAP && f->sub) {
            check_defaults(f->sub, f->at ? cc_field_ptr(f, obj) : obj);
            continue;
        }
        if (!f->at || f->doc_default)
            continue;
        p = cc_field_ptr(f, obj);
        switch (f->kind) {
        case CC_VK_INT:
        case CC_VK_BOOL: got = *(int *)p; break;
        case CC_VK_ENUM: got = *(int *)p - (f->values ? f->values[0] : 0); break;
        case CC_VK_LONG: got = (double)*(long *)p; break;
        case CC_VK_U64: got = (double)*(uint64_t *)p; break;
        case CC_VK_NUMBER:
        case CC_VK_DURATION:
        case CC_VK_SHARE:
        case CC_VK_UTC: got = *(double *)p; break;
        case CC_VK_DAYS: got = *(unsigned *)p; break;
        default: continue;
        }
        if (got != f->def)
            fail_msg("'%s': key '%s' loads as %g by default, the table says %g", t->name, f->key,
                     got, f->def);
    }
}

/* A scenario that leaves every key with a default out loads with the defaults the tables state. */
static void test_defaults_as_documented(void **state)
{
    static const char text[] =
        "horizon: {start: 2026-03-02}\n"
        "channels:\n"
        "  c: {kind: chat, volume: 10, handle_time: 5m}\n"
        "chatbots:\n"
        "  b: {fronts: c, time_in_bot: 1m, containment: 10%}\n"
        "teams:\n"
        "  t: {skills: [c], shifts: [{start: \"08:00\", end: \"16:00\", agents: 1}]}\n";
    cc_scenario *s = NULL;
    cc_diag_list d;

    (void)state;
    cc_diag_list_init(&d);
    assert_int_equal(cc_scenario_load_string(text, strlen(text), "d.yaml", &s, &d, NULL), CC_OK);
    assert_int_equal(d.n_errors, 0);
    check_defaults(cc_schema_find("horizon"), s);
    check_defaults(cc_schema_find("channels.NAME"), &s->channels[0]);
    check_defaults(cc_schema_find("chatbots.NAME"), &s->chatbots[0]);
    check_defaults(cc_schema_find("teams.NAME"), &s->teams[0]);
    check_defaults(cc_schema_find("teams.NAME.shifts[N]"), &s->teams[0].shifts[0]);
    check_defaults(cc_schema_find("routing"), s);
    check_defaults(cc_schema_find("simulation"), &s->simulation);
    check_defaults(cc_schema_find("plan"), &s->plan);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
}

/* ---- did you mean ---------------------------------------------------------------------- */

static void test_did_you_mean(void **state)
{
    static const char *const keys[] = {"handle_time", "wrap_up", NULL, "per_day", "kind"};
    static const char *const flags[] = {"agents", "agents-max", "seed", "out"};

    (void)state;
    assert_int_equal(cc_edit_distance("kitten", "sitting", 0), 3); /* the textbook pair */
    assert_int_equal(cc_edit_distance("", "abc", 0), 3);
    assert_int_equal(cc_edit_distance("Kind", "kind", 0), 1);
    assert_int_equal(cc_edit_distance("Kind", "kind", 1), 0);
    {
        char long_word[CC_SUGGEST_MAX_LEN + 2];
        memset(long_word, 'x', sizeof(long_word) - 1);
        long_word[sizeof(long_word) - 1] = '\0';
        assert_true(cc_edit_distance("x", long_word, 0) == SIZE_MAX);
        long_word[CC_SUGGEST_MAX_LEN] = '\0';
        assert_int_equal(cc_edit_distance("x", long_word, 0), CC_SUGGEST_MAX_LEN - 1);
    }

    /* keys: any case, a third of the length (at least 2), never the whole word */
    assert_string_equal(cc_suggest_key("handle_tim", keys, 5), "handle_time");
    assert_string_equal(cc_suggest_key("PER_DAY", keys, 5), "per_day");
    assert_string_equal(cc_suggest_key("kidn", keys, 5), "kind");
    assert_null(cc_suggest_key("ab", keys, 5));
    assert_null(cc_suggest_key("colour", keys, 5));
    assert_null(cc_suggest_key("", keys, 5));

    /* flags: case matters, a flag the word begins is one edit away */
    assert_string_equal(cc_suggest_flag("agnets", flags, 4), "agents");
    assert_string_equal(cc_suggest_flag("agents-m", flags, 4), "agents-max");
    assert_string_equal(cc_suggest_flag("o", flags, 4), "out");
    assert_null(cc_suggest_flag("SEED", flags, 4));
    assert_null(cc_suggest_flag("x", flags, 4));
    assert_null(cc_suggest_flag("", flags, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readme_matches_schema),
        cmocka_unit_test(test_readme_check_finds_differences),
        cmocka_unit_test(test_tables_well_formed),
        cmocka_unit_test(test_defaults_as_documented),
        cmocka_unit_test(test_did_you_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
