/*
 * A loaded scenario written back as YAML with new staffing: the source text
 * parsed again, the overrides of its load (and its plan option) patched in
 * exactly as the loader did, the staffing of the chosen teams replaced by
 * shift lists, plan.options dropped, and the document emitted by libyaml.
 * Changed mappings are copied rather than edited in place, so a node the
 * source shares through an alias keeps its other uses unchanged.
 */
#include <math.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/alloc.h"
#include "scenario/loader.h"

#define DAY 86400.0

/* ---- document helpers ---------------------------------------------------- */

/* 1 when node `id` is a scalar holding exactly `text`. */
static int scalar_is(yaml_document_t *doc, int id, const char *text)
{
    yaml_node_t *n = yaml_document_get_node(doc, id);
    return n && n->type == YAML_SCALAR_NODE && !strcmp((const char *)n->data.scalar.value, text);
}

/* Index of the first pair of mapping `map` whose key is `key`, or -1. */
static long pair_index(yaml_document_t *doc, int map, const char *key)
{
    yaml_node_t *m = yaml_document_get_node(doc, map);
    long i, n;

    if (!m || m->type != YAML_MAPPING_NODE)
        return -1;
    n = (long)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
    for (i = 0; i < n; i++) {
        m = yaml_document_get_node(doc, map);
        if (scalar_is(doc, m->data.mapping.pairs.start[i].key, key))
            return i;
    }
    return -1;
}

/* The value id of pair `i` of mapping `map`. */
static int pair_value(yaml_document_t *doc, int map, long i)
{
    return yaml_document_get_node(doc, map)->data.mapping.pairs.start[i].value;
}

static void set_pair_value(yaml_document_t *doc, int map, long i, int value)
{
    yaml_document_get_node(doc, map)->data.mapping.pairs.start[i].value = value;
}

static int add_scalar(yaml_document_t *doc, const char *text, yaml_scalar_style_t style)
{
    return yaml_document_add_scalar(doc, NULL, (const yaml_char_t *)text, -1, style);
}

/* Appends key: value (a new scalar key) to mapping `map`; 0 when out of memory. */
static int add_pair(yaml_document_t *doc, int map, const char *key, int value)
{
    int k = add_scalar(doc, key, YAML_PLAIN_SCALAR_STYLE);
    return k && value && yaml_document_append_mapping_pair(doc, map, k, value);
}

static int add_text_pair(yaml_document_t *doc, int map, const char *key, const char *text,
                         yaml_scalar_style_t style)
{
    return add_pair(doc, map, key, add_scalar(doc, text, style));
}

/*
 * A copy of mapping `map` (same style, pairs sharing their nodes) without
 * the pairs keyed `drop` (NULL = none). When `staffing` is nonzero, the
 * first pair keyed `shifts` or `agents` becomes shifts: `staffing` and the
 * others are dropped; with neither, shifts is appended. Returns the new id,
 * or 0 when out of memory.
 */
static int copy_map(yaml_document_t *doc, int map, const char *drop, int staffing)
{
    yaml_node_t *m = yaml_document_get_node(doc, map);
    yaml_mapping_style_t style = m->data.mapping.style;
    long i, n = (long)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
    int id = yaml_document_add_mapping(doc, m->tag, style), placed = 0;

    for (i = 0; id && i < n; i++) {
        yaml_node_pair_t p = yaml_document_get_node(doc, map)->data.mapping.pairs.start[i];
        if (drop && scalar_is(doc, p.key, drop))
            continue;
        if (staffing && (scalar_is(doc, p.key, "shifts") || scalar_is(doc, p.key, "agents"))) {
            if (!placed && !add_pair(doc, id, "shifts", staffing))
                return 0;
            placed = 1;
            continue;
        }
        if (!yaml_document_append_mapping_pair(doc, id, p.key, p.value))
            return 0;
    }
    if (id && staffing && !placed && !add_pair(doc, id, "shifts", staffing))
        return 0;
    return id;
}

/* ---- shifts ---------------------------------------------------------------- */

/* "HH:MM" of whole seconds after midnight, 0 .. 86400 ("24:00"). */
static void clock_text(long s, char buf[8])
{
    unsigned long u = s < 0 ? 0ul : (unsigned long)s > 86400ul ? 86400ul : (unsigned long)s;
    snprintf(buf, 8, "%02lu:%02lu", u / 3600, u % 3600 / 60);
}

/*
 * Weekdays of `mask` as the scenario writes them: "daily", a run "mon-fri"
 * (runs may wrap: "sat-mon"), or several runs as a flow list.
 */
static int add_days(yaml_document_t *doc, unsigned mask)
{
    static const char *const wd[CC_WEEKDAYS] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    char runs[CC_WEEKDAYS][8];
    int n = 0, d, seq;

    if ((mask & 0x7fu) == 0x7fu)
        return add_scalar(doc, "daily", YAML_PLAIN_SCALAR_STYLE);
    for (d = 0; d < CC_WEEKDAYS; d++) {
        int e = d, len = 1;
        if (!(mask & (1u << d)) || (mask & (1u << ((d + 6) % 7))))
            continue; /* not the first day of a run */
        while (mask & (1u << ((e + 1) % 7)) && len < CC_WEEKDAYS) {
            e = (e + 1) % 7;
            len++;
        }
        if (len == 1)
            snprintf(runs[n++], sizeof(runs[0]), "%s", wd[d]);
        else
            snprintf(runs[n++], sizeof(runs[0]), "%s-%s", wd[d], wd[e]);
    }
    if (n == 1)
        return add_scalar(doc, runs[0], YAML_PLAIN_SCALAR_STYLE);
    seq = yaml_document_add_sequence(doc, NULL, YAML_FLOW_SEQUENCE_STYLE);
    for (d = 0; seq && d < n; d++) {
        int item = add_scalar(doc, runs[d], YAML_PLAIN_SCALAR_STYLE);
        if (!item || !yaml_document_append_sequence_item(doc, seq, item))
            return 0;
    }
    return seq;
}

/* One shift as a flow mapping {name, days, start, end, agents, overnight, from, to}. */
static int add_shift(yaml_document_t *doc, const cc_scenario *s, const cc_shift *sh)
{
    long start = lround(sh->start_s), end = start + lround(sh->length_s);
    int overnight = end > (long)DAY, id;
    char t0[8], t1[8], num[24], d0[16], d1[16];

    id = yaml_document_add_mapping(doc, NULL, YAML_FLOW_MAPPING_STYLE);
    clock_text(start, t0);
    clock_text(overnight ? end - (long)DAY : end, t1);
    snprintf(num, sizeof(num), "%d", sh->agents);
    cc_scenario_date(s, sh->first_day, d0);
    cc_scenario_date(s, sh->last_day, d1);
    if (!id || !add_text_pair(doc, id, "name", sh->name ? sh->name : "", YAML_ANY_SCALAR_STYLE) ||
        !add_pair(doc, id, "days", add_days(doc, sh->days)) ||
        !add_text_pair(doc, id, "start", t0, YAML_DOUBLE_QUOTED_SCALAR_STYLE) ||
        !add_text_pair(doc, id, "end", t1, YAML_DOUBLE_QUOTED_SCALAR_STYLE) ||
        !add_text_pair(doc, id, "agents", num, YAML_PLAIN_SCALAR_STYLE) ||
        (overnight && !add_text_pair(doc, id, "overnight", "true", YAML_PLAIN_SCALAR_STYLE)) ||
        !add_text_pair(doc, id, "from", d0, YAML_PLAIN_SCALAR_STYLE) ||
        !add_text_pair(doc, id, "to", d1, YAML_PLAIN_SCALAR_STYLE))
        return 0;
    return id;
}

static int add_shift_list(yaml_document_t *doc, const cc_scenario *s, const cc_shift *sh, int n)
{
    int seq = yaml_document_add_sequence(doc, NULL, YAML_BLOCK_SEQUENCE_STYLE), k;
    for (k = 0; seq && k < n; k++) {
        int item = add_shift(doc, s, &sh[k]);
        if (!item || !yaml_document_append_sequence_item(doc, seq, item))
            return 0;
    }
    return seq;
}

/* 1 when x is a whole number of minutes within [lo, hi] seconds. */
static int whole_minutes(double x, double lo, double hi)
{
    double r = nearbyint(x);
    return fabs(x - r) < 1e-6 && fmod(r, 60.0) == 0.0 && r >= lo && r <= hi;
}

/* Checks the new shift lists against what the loader accepts; CC_EINVAL says why. */
static cc_status check_shifts(const cc_scenario *s, const cc_shift *const *shifts,
                              const int *n_shifts, cc_error *err)
{
    long total = 0;
    int t, k;

    for (t = 0; t < s->n_teams; t++) {
        const char *team = s->teams[t].name;
        if (!shifts[t]) {
            total += s->teams[t].staffing == CC_STAFF_SHIFTS ? s->teams[t].n_shifts : 0;
            continue;
        }
        if (n_shifts[t] < 0 || n_shifts[t] > CC_MAX_SHIFTS)
            return cc_error_setf(err, CC_EINVAL,
                                 "team '%s' needs %d shifts to write its roster; a scenario team "
                                 "holds at most %d",
                                 team, n_shifts[t], CC_MAX_SHIFTS);
        total += n_shifts[t];
        for (k = 0; k < n_shifts[t]; k++) {
            const cc_shift *sh = &shifts[t][k];
            if (!whole_minutes(sh->start_s, 0.0, DAY - 60.0) ||
                !whole_minutes(sh->length_s, 60.0, DAY))
                return cc_error_setf(err, CC_EINVAL,
                                     "team '%s': shift %d (start %g s, length %g s) is not whole "
                                     "minutes within a day on the team's clock",
                                     team, k + 1, sh->start_s, sh->length_s);
            if (sh->agents < 0 || sh->agents > CC_MAX_AGENTS)
                return cc_error_setf(err, CC_EINVAL,
                                     "team '%s': shift %d has %d agents (0 to %d allowed)", team,
                                     k + 1, sh->agents, CC_MAX_AGENTS);
            if ((sh->days & 0x7fu) == 0 || sh->days > 0x7fu)
                return cc_error_setf(err, CC_EINVAL, "team '%s': shift %d starts on no weekday",
                                     team, k + 1);
            if (sh->first_day < -3 || sh->first_day >= s->days || sh->last_day < 0 ||
                sh->last_day < sh->first_day || sh->last_day > s->days + 2)
                return cc_error_setf(err, CC_EINVAL,
                                     "team '%s': shift %d starts on days %d..%d, which 'from' "
                                     "and 'to' cannot state (from before day %d, to from day 0 "
                                     "to day %d)",
                                     team, k + 1, sh->first_day, sh->last_day, s->days,
                                     s->days + 2);
        }
    }
    if (total > CC_MAX_TOTAL_SHIFTS)
        return cc_error_setf(err, CC_EINVAL,
                             "the planned scenario needs %ld shifts over all teams; a scenario "
                             "holds at most %d",
                             total, CC_MAX_TOTAL_SHIFTS);
    return CC_OK;
}

/* ---- the document ---------------------------------------------------------- */

/* The first error of a patch, as the loader words it. */
static cc_status patch_error(const cc_diag_list *d, cc_error *err)
{
    size_t i;
    for (i = 0; i < d->n; i++)
        if (d->items[i].level == CC_DIAG_ERROR)
            return cc_error_setf(err, CC_EINVAL, "cannot apply the scenario's overrides again: %s",
                                 d->items[i].message);
    return cc_error_setf(err, CC_EINVAL, "cannot apply the scenario's overrides again");
}

/*
 * Replaces the staffing of the teams with new shifts and drops plan.options
 * in document `doc`. Returns CC_OK, or CC_EINVAL when the document lacks a
 * team of `s` (it was changed since the load).
 */
static cc_status restaff(yaml_document_t *doc, const cc_scenario *s,
                         const cc_shift *const *shifts, const int *n_shifts, cc_error *err)
{
    const int root = 1;
    long ti = pair_index(doc, root, "teams"), pi = pair_index(doc, root, "plan");
    int teams, t;

    if (ti < 0)
        return cc_error_setf(err, CC_EINVAL, "the scenario's text has no 'teams'");
    teams = copy_map(doc, pair_value(doc, root, ti), NULL, 0);
    if (!teams)
        return cc_error_setf(err, CC_ENOMEM, "out of memory building the planned scenario");
    set_pair_value(doc, root, ti, teams);
    for (t = 0; t < s->n_teams; t++) {
        long k;
        int list, team;
        if (!shifts[t])
            continue;
        k = pair_index(doc, teams, s->teams[t].name);
        if (k < 0 || yaml_document_get_node(doc, pair_value(doc, teams, k))->type !=
                         YAML_MAPPING_NODE)
            return cc_error_setf(err, CC_EINVAL, "the scenario's text has no team '%s'",
                                 s->teams[t].name);
        list = add_shift_list(doc, s, shifts[t], n_shifts[t]);
        team = list ? copy_map(doc, pair_value(doc, teams, k), NULL, list) : 0;
        if (!team)
            return cc_error_setf(err, CC_ENOMEM, "out of memory building the planned scenario");
        set_pair_value(doc, teams, k, team);
    }
    if (pi >= 0 && yaml_document_get_node(doc, pair_value(doc, root, pi))->type ==
                       YAML_MAPPING_NODE) {
        int plan = copy_map(doc, pair_value(doc, root, pi), "options", 0);
        if (!plan)
            return cc_error_setf(err, CC_ENOMEM, "out of memory building the planned scenario");
        set_pair_value(doc, root, pi, plan);
    }
    return CC_OK;
}

/* Writes `comment` as "# " lines ("#" for an empty line). */
static void write_comment(FILE *out, const char *comment)
{
    const char *p = comment;
    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len)
            fprintf(out, "# %.*s\n", (int)len, p);
        else
            fputs("#\n", out);
        p = e ? e + 1 : p + len;
    }
}

cc_status cc_scenario_write_restaffed(FILE *out, const cc_scenario *s, const char *comment,
                                      const cc_shift *const *shifts, const int *n_shifts,
                                      cc_error *err)
{
    cc_loader L;
    yaml_parser_t parser;
    yaml_emitter_t em;
    yaml_node_t *root;
    cc_status st;
    int i, have_doc = 0, ok;

    if ((st = check_shifts(s, shifts, n_shifts, err)) != CC_OK)
        return st;
    memset(&L, 0, sizeof(L));
    cc_diag_list_init(&L.w.d);
    if (!yaml_parser_initialize(&parser)) {
        st = cc_error_setf(err, CC_ENOMEM, "out of memory parsing the scenario");
        goto out_release;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)s->source_text, s->source_len);
    ok = yaml_parser_load(&parser, &L.w.doc);
    yaml_parser_delete(&parser);
    if (!ok) {
        st = cc_error_setf(err, CC_ESYNTAX, "the scenario's text no longer parses");
        goto out_release;
    }
    have_doc = 1;
    root = yaml_document_get_root_node(&L.w.doc);
    if (!root) {
        st = cc_error_setf(err, CC_EINVAL, "the scenario's text is empty");
        goto out_release;
    }
    for (i = 0; i < s->n_overrides; i++)
        cc_override_apply(&L, &s->overrides[i]);
    if (s->option_index >= 0)
        cc_override_apply_option(&L, s->option_index);
    /*
     * A run of the planned scenario gets its own results folder (NAME-planned)
     * rather than replacing the runs of the scenario it came from.
     */
    {
        char value[96], key[] = "name";
        size_t len = strlen(s->name), k;
        int plain = len > 0 && len <= 48;
        for (k = 0; k < len && plain; k++)
            plain = isalnum((unsigned char)s->name[k]) || strchr("_-.", s->name[k]) != NULL;
        if (plain) {
            cc_override rename = {key, value};
            snprintf(value, sizeof value, "\"%s-planned\"", s->name);
            cc_override_apply(&L, &rename);
        }
    }
    /*
     * planned.yaml lives in another folder: a forecast volume names its file
     * by absolute path there (plain characters only; others keep the text).
     */
    for (i = 0; i < s->n_channels; i++) {
        const cc_channel *c = &s->channels[i];
        char *abs = c->forecast_path ? realpath(c->forecast_path, NULL) : NULL;
        if (abs && !strpbrk(abs, "\"\\\n")) {
            char key[CC_MAX_NAME + 40], *value = cc_xmalloc(strlen(abs) + 3);
            cc_override moved = {key, value};
            snprintf(key, sizeof key, "channels.%s.volume.forecast", c->name);
            sprintf(value, "\"%s\"", abs);
            cc_override_apply(&L, &moved);
            free(value);
        }
        free(abs);
    }
    if (L.w.d.n_errors) {
        st = patch_error(&L.w.d, err);
        goto out_release;
    }
    root = yaml_document_get_root_node(&L.w.doc);
    if (root->type != YAML_MAPPING_NODE) {
        st = cc_error_setf(err, CC_EINVAL, "the scenario's text is not a mapping");
        goto out_release;
    }
    if ((st = restaff(&L.w.doc, s, shifts, n_shifts, err)) != CC_OK)
        goto out_release;

    /* No "---" or "..." around the one document. */
    L.w.doc.start_implicit = 1;
    L.w.doc.end_implicit = 1;
    write_comment(out, comment);
    if (!yaml_emitter_initialize(&em)) {
        st = cc_error_setf(err, CC_ENOMEM, "out of memory writing the planned scenario");
        goto out_release;
    }
    yaml_emitter_set_output_file(&em, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, -1);
    yaml_emitter_set_indent(&em, 2);
    yaml_emitter_set_break(&em, YAML_LN_BREAK);
    ok = yaml_emitter_open(&em);
    if (ok) {
        have_doc = 0; /* yaml_emitter_dump frees it, even when it fails */
        ok = yaml_emitter_dump(&em, &L.w.doc) && yaml_emitter_close(&em) &&
             yaml_emitter_flush(&em);
    }
    if (!ok)
        st = cc_error_setf(err, em.error == YAML_WRITER_ERROR ? CC_EIO : CC_EINVAL,
                           "cannot write the planned scenario: %s",
                           em.problem ? em.problem : "emitter error");
    else if (ferror(out))
        st = cc_error_setf(err, CC_EIO, "cannot write the planned scenario");
    yaml_emitter_delete(&em);

out_release:
    if (have_doc)
        yaml_document_delete(&L.w.doc);
    cc_diag_list_release(&L.w.d);
    return st;
}
