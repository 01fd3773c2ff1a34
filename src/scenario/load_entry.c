/*
 * The scenario loader's entry points: read the file, parse it with
 * libyaml's document API (one document, at most 16 MiB), apply overrides
 * and a plan option to the document, walk the top-level table, then derive
 * the per-day and per-interval arrays. Every problem of the file is
 * collected, sorted by position, and the first error returned; each plan
 * option of a valid base is loaded again to check it too.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/alloc.h"
#include "scenario/loader.h"
#include "scenario/scenario_internal.h"

#define MAX_INPUT_BYTES (16L << 20) /* largest scenario file accepted */

/* ---- parsing ------------------------------------------------------------------------ */

static void line_col_of_offset(const char *text, size_t len, size_t off, int *line, int *col)
{
    size_t i;
    *line = 1;
    *col = 1;
    for (i = 0; i < off && i < len; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static void syntax_error(cc_loader *L, yaml_parser_t *parser, const char *text, size_t len)
{
    int line = (int)(parser->problem_mark.line + 1), col = (int)(parser->problem_mark.column + 1);
    const char *problem = parser->problem ? parser->problem : "invalid YAML";

    if (parser->error == YAML_READER_ERROR) {
        line_col_of_offset(text, len, parser->problem_offset, &line, &col);
        cc_diag_add(&L->w.d, CC_DIAG_ERROR, CC_ESYNTAX, line, col, "syntax error: %s", problem);
    } else if (parser->error == YAML_MEMORY_ERROR) {
        cc_diag_add(&L->w.d, CC_DIAG_ERROR, CC_ENOMEM, 0, 0, "out of memory while parsing");
    } else if (parser->context) {
        cc_diag_add(&L->w.d, CC_DIAG_ERROR, CC_ESYNTAX, line, col, "syntax error: %s (%s at %d:%d)",
                    problem, parser->context, (int)parser->context_mark.line + 1,
                    (int)parser->context_mark.column + 1);
    } else {
        cc_diag_add(&L->w.d, CC_DIAG_ERROR, CC_ESYNTAX, line, col, "syntax error: %s", problem);
    }
}

/* ---- the top level ----------------------------------------------------------------- */

static int load_version(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                        void *obj)
{
    int ver;

    (void)obj;
    if (!cc_field_parse(L, f, v, path, &ver))
        return 0;
    if (ver == 1)
        return 1;
    cc_yw_error(&L->w, CC_EINVAL, v, path, "only version 1 is supported, got %d", ver);
    return 0;
}

/*
 * The scenario name names the results folder (results/NAME/run): 1 to 64
 * ASCII letters, digits, spaces, `_`, `-` or `.`, starting with a letter or
 * digit, so it is one path component and never `..`, absolute or hidden.
 */
static int scenario_name_ok(const char *t)
{
    size_t n = strlen(t), i;
    if (n < 1 || n > CC_MAX_NAME || !isalnum((unsigned char)t[0]) || t[n - 1] == ' ')
        return 0;
    for (i = 0; i < n; i++)
        if (!isalnum((unsigned char)t[i]) && !strchr(" _-.", t[i]))
            return 0;
    return 1;
}

static int check_name(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                      void *obj)
{
    const cc_scenario *s = obj;
    char shown[64];
    (void)f;
    if (scenario_name_ok(s->name))
        return 1;
    cc_yw_error(&L->w, CC_EINVAL, v, path,
                "'%s' is not a scenario name: it names the results folder, so it needs 1 to %d "
                "letters, digits, spaces, '_', '-' or '.', starting with a letter or digit",
                cc_yw_show(v, shown, sizeof(shown)), CC_MAX_NAME);
    return 0;
}

static const cc_field top_fields[] = {
    {"version", CC_VK_INT, CC_F_OWN_DOC, .lo = 0, .hi = INT_MAX, .def = 1, .load = load_version,
     .doc_allowed = "`1`", .help = "format version"},
    {"name", CC_VK_TEXT, .at = CC_AT(cc_scenario, name), .check = check_name,
     .doc_allowed = "1 to 64 letters, digits, spaces, `_`, `-`, `.`; starts with a letter or digit",
     .doc_default = "the file name without `.yaml` (other characters become `_`)",
     .help = "scenario name, used for the results folder"},
    {"description", CC_VK_TEXT, .at = CC_AT(cc_scenario, description), .help = "free text"},
    {"currency", CC_VK_TEXT, .at = CC_AT(cc_scenario, currency),
     .help = "label printed with costs (`EUR`, `USD`)"},
    {"horizon", CC_VK_MAP, CC_F_REQUIRED | CC_F_ALWAYS, .sub = &cc_schema_horizon,
     .load = cc_load_horizon, .missing = "start date, days, interval",
     .help = "the period simulated"},
    {"profiles", CC_VK_NAMES, CC_F_ALWAYS, .hi = CC_MAX_PROFILES, .sub = &cc_schema_profile,
     .load = cc_load_profiles, .doc_default = "`flat` only",
     .help = "named intraday profiles"},
    {"channels", CC_VK_NAMES, CC_F_REQUIRED, .lo = 1, .hi = CC_MAX_CHANNELS,
     .sub = &cc_schema_channel, .load = cc_load_channels, .missing = "at least one channel",
     .help = "the channels, by name"},
    {"seasons", CC_VK_LIST, .hi = CC_MAX_SEASONS, .sub = &cc_schema_season,
     .load = cc_load_seasons, .doc_type = "list of date ranges", .doc_default = "none",
     .help = "the seasonal calendar, a list"},
    {"chatbots", CC_VK_NAMES, .hi = CC_MAX_CHATBOTS, .sub = &cc_schema_chatbot,
     .load = cc_load_chatbots, .doc_default = "none",
     .help = "bots in front of channels, by name"},
    {"teams", CC_VK_NAMES, CC_F_REQUIRED, .lo = 1, .hi = CC_MAX_TEAMS, .sub = &cc_schema_team,
     .load = cc_load_teams, .missing = "at least one team of agents",
     .help = "the agent groups, by name"},
    {"routing", CC_VK_MAP, CC_F_ALWAYS, .sub = &cc_schema_routing, .load = cc_load_routing,
     .help = "priorities, routes, overflow"},
    {"simulation", CC_VK_MAP, CC_F_ALWAYS, .sub = &cc_schema_simulation,
     .load = cc_load_simulation, .help = "replications, seed, warm-up"},
    {"plan", CC_VK_MAP, CC_F_ALWAYS, .sub = &cc_schema_plan, .load = cc_load_plan,
     .help = "planner settings and options to compare"},
};

const cc_schema cc_schema_top = CC_SCHEMA("top level", top_fields);

static char *default_name(const char *label)
{
    const char *base = strrchr(label, '/');
    char *name = cc_xstrdup(base ? base + 1 : label);
    char *dot = strrchr(name, '.');
    size_t i;
    if (dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml")))
        *dot = '\0';
    /* The same rule as a written name: other bytes become '_'. */
    for (i = 0; name[i]; i++)
        if (!isalnum((unsigned char)name[i]) && !(i > 0 && strchr(" _-.", name[i])))
            name[i] = '_';
    if (i > CC_MAX_NAME)
        name[CC_MAX_NAME] = '\0';
    if (!name[0]) {
        free(name);
        name = cc_xstrdup("scenario");
    }
    return name;
}

static void walk(cc_loader *L, yaml_node_t *root, const char *label)
{
    cc_scenario *s = L->s;

    if (!cc_schema_load(L, &cc_schema_top, root, "", NULL, s, NULL))
        return;
    if (!s->name || !s->name[0]) {
        free(s->name);
        s->name = default_name(label);
    }
    cc_load_cross_checks(L);
}

/* ---- loading -------------------------------------------------------------------------- */

static void loader_release(cc_loader *L)
{
    free(L->ch_names);
    free(L->team_names);
    free(L->bot_names);
    free(L->profile_names);
    free(L->route_given);
    cc_diag_list_release(&L->w.d);
}

/* Appends `src` to `dst` with a message prefix; identical warnings are skipped. */
static void merge_diags(cc_diag_list *dst, const cc_diag_list *src, const char *prefix,
                        const cc_diag_list *skip_same)
{
    size_t i, j;
    if (!dst)
        return;
    for (i = 0; i < src->n; i++) {
        const cc_diag *d = &src->items[i];
        int dup = 0;
        if (skip_same && d->level == CC_DIAG_WARNING)
            for (j = 0; j < skip_same->n && !dup; j++)
                dup = skip_same->items[j].line == d->line && skip_same->items[j].col == d->col &&
                      !strcmp(skip_same->items[j].message, d->message);
        if (!dup)
            cc_diag_add(dst, d->level, d->code, d->line, d->col, "%s%s", prefix, d->message);
    }
    /* Problems the source counted but did not keep still count. */
    if (src->dropped) {
        size_t kept_errors = 0, kept_warnings = 0;
        for (i = 0; i < src->n; i++) {
            if (src->items[i].level == CC_DIAG_ERROR)
                kept_errors++;
            else
                kept_warnings++;
        }
        dst->n_errors += src->n_errors - kept_errors;
        dst->n_warnings += src->n_warnings - kept_warnings;
        dst->dropped += src->dropped;
    }
}

static cc_status first_error(const cc_diag_list *d, cc_error *err)
{
    size_t i;
    for (i = 0; i < d->n; i++)
        if (d->items[i].level == CC_DIAG_ERROR) {
            const cc_diag *x = &d->items[i];
            cc_error_set_at(err, x->code, d->path ? d->path : "", x->line, x->col, "%s",
                            x->message);
            return x->code;
        }
    if (d->n_errors) {
        cc_error_set_at(err, CC_EINVAL, d->path ? d->path : "", 0, 0, "invalid scenario");
        return CC_EINVAL;
    }
    return CC_OK;
}

static cc_status load_internal(const char *text, size_t len, const char *label,
                               const cc_override *ov, size_t n_ov, int option,
                               cc_scenario **out, cc_diag_list *diags, cc_error *err);

static void validate_options(const cc_scenario *s, cc_diag_list *dst, const cc_diag_list *base)
{
    int i;
    for (i = 0; i < s->plan.n_options; i++) {
        cc_diag_list od;
        cc_scenario *v = NULL;
        char prefix[160];
        cc_diag_list_init(&od);
        load_internal(s->source_text, s->source_len, s->source_path, s->overrides,
                      (size_t)s->n_overrides, i, &v, &od, NULL);
        snprintf(prefix, sizeof(prefix), "in option '%.100s': ",
                 s->plan.options[i].name ? s->plan.options[i].name : "?");
        merge_diags(dst, &od, prefix, base);
        cc_scenario_free(v);
        cc_diag_list_release(&od);
    }
}

static cc_status load_internal(const char *text, size_t len, const char *label,
                               const cc_override *ov, size_t n_ov, int option,
                               cc_scenario **out, cc_diag_list *diags, cc_error *err)
{
    cc_loader L;
    yaml_parser_t parser;
    yaml_node_t *root;
    cc_status st;
    size_t i;

    memset(&L, 0, sizeof(L));
    cc_diag_list_init(&L.w.d);
    cc_diag_list_set_path(&L.w.d, label);
    L.derived = option >= 0;
    cc_error_clear(err);

    if (len > (size_t)MAX_INPUT_BYTES) {
        cc_diag_add(&L.w.d, CC_DIAG_ERROR, CC_EINVAL, 0, 0,
                    "scenario too large (%zu bytes; at most %ld)", len, MAX_INPUT_BYTES);
        goto out_report;
    }
    {
        int dl, dc;
        if (!cc_yw_depth_ok(text, len, CC_YW_MAX_DEPTH, &dl, &dc)) {
            cc_diag_add(&L.w.d, CC_DIAG_ERROR, CC_ESYNTAX, dl, dc,
                        "lists and mappings nest more than %d deep here; a scenario needs "
                        "far fewer levels",
                        CC_YW_MAX_DEPTH);
            goto out_report;
        }
    }
    if (!yaml_parser_initialize(&parser)) {
        cc_diag_add(&L.w.d, CC_DIAG_ERROR, CC_ENOMEM, 0, 0, "out of memory");
        goto out_report;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &L.w.doc)) {
        syntax_error(&L, &parser, text, len);
        yaml_parser_delete(&parser);
        goto out_report;
    }
    {
        yaml_document_t extra;
        if (yaml_document_get_root_node(&L.w.doc)) {
            if (!yaml_parser_load(&parser, &extra)) {
                syntax_error(&L, &parser, text, len);
            } else {
                yaml_node_t *r2 = yaml_document_get_root_node(&extra);
                if (r2)
                    cc_diag_add(&L.w.d, CC_DIAG_ERROR, CC_ESYNTAX, (int)r2->start_mark.line + 1,
                                (int)r2->start_mark.column + 1,
                                "a scenario file holds one YAML document; found a second one");
                yaml_document_delete(&extra);
            }
        }
    }
    yaml_parser_delete(&parser);
    if (L.w.d.n_errors)
        goto out_doc;

    root = yaml_document_get_root_node(&L.w.doc);
    if (!root || cc_yw_is_null(root)) {
        cc_diag_add(&L.w.d, CC_DIAG_ERROR, CC_ESCHEMA, 1, 1,
                    "empty scenario: expected a mapping with 'horizon', 'channels' and 'teams'");
        goto out_doc;
    }
    for (i = 0; i < n_ov; i++) {
        int dl, dc;
        if (ov[i].value && !cc_yw_depth_ok(ov[i].value, strlen(ov[i].value), CC_YW_MAX_DEPTH,
                                           &dl, &dc)) {
            char where[CC_YW_PATH_MAX];
            snprintf(where, sizeof(where), "override '%s'", ov[i].path ? ov[i].path : "");
            cc_yw_error(&L.w, CC_ESYNTAX, NULL, where,
                        "the value nests lists and mappings more than %d deep (column %d)",
                        CC_YW_MAX_DEPTH, dc);
            continue;
        }
        cc_override_apply(&L, &ov[i]);
    }
    if (option >= 0)
        cc_override_apply_option(&L, option);
    if (L.w.d.n_errors)
        goto out_doc;
    root = yaml_document_get_root_node(&L.w.doc);
    if (root->type != YAML_MAPPING_NODE) {
        cc_yw_error(&L.w, CC_ESCHEMA, root, "",
                    "expected a mapping with 'horizon', 'channels' and 'teams' at the top, got %s",
                    cc_yw_type_name(root));
        goto out_doc;
    }
    L.s = cc_xcalloc(1, sizeof(cc_scenario));
    L.s->option_index = option;
    if (n_ov > 0) {
        L.s->overrides = cc_xcalloc(n_ov, sizeof(*L.s->overrides));
        for (i = 0; i < n_ov; i++) {
            L.s->overrides[i].path = cc_xstrdup(ov[i].path ? ov[i].path : "");
            L.s->overrides[i].value = cc_xstrdup(ov[i].value ? ov[i].value : "");
        }
        L.s->n_overrides = (int)n_ov;
    }
    L.s->source_path = cc_xstrdup(label);
    L.s->source_text = cc_xmalloc(len + 1);
    memcpy(L.s->source_text, text, len);
    L.s->source_text[len] = '\0';
    L.s->source_len = len;
    walk(&L, root, label);
    if (!L.s->description)
        L.s->description = cc_xstrdup("");
    if (!L.s->currency)
        L.s->currency = cc_xstrdup("");
    if (!L.w.d.n_errors)
        cc_scenario_finalize(L.s, &L.w.d);

out_doc:
    yaml_document_delete(&L.w.doc);
out_report:
    cc_diag_list_sort(&L.w.d);
    if (!L.w.d.n_errors && L.s && option < 0 && L.s->plan.n_options > 0)
        validate_options(L.s, &L.w.d, &L.w.d);
    st = first_error(&L.w.d, err);
    if (diags) {
        if (!diags->path)
            cc_diag_list_set_path(diags, label);
        merge_diags(diags, &L.w.d, "", NULL);
    }
    if (st == CC_OK) {
        *out = L.s;
    } else {
        cc_scenario_free(L.s);
    }
    L.s = NULL;
    loader_release(&L);
    return st;
}

/* ---- entry points ------------------------------------------------------------------------ */

cc_status cc_scenario_load_string(const char *text, size_t len, const char *name,
                                  cc_scenario **out, cc_diag_list *diags, cc_error *err)
{
    return load_internal(text ? text : "", text ? len : 0, name ? name : "<string>", NULL, 0, -1,
                         out, diags, err);
}

cc_status cc_scenario_load_with_overrides(const char *text, size_t len, const char *name,
                                          const cc_override *ov, size_t n, cc_scenario **out,
                                          cc_diag_list *diags, cc_error *err)
{
    return load_internal(text ? text : "", text ? len : 0, name ? name : "<string>", ov, n, -1,
                         out, diags, err);
}

cc_status cc_scenario_derive_option(const cc_scenario *base, int option, cc_scenario **out,
                                    cc_diag_list *diags, cc_error *err)
{
    if (!base || option < 0 || option >= base->plan.n_options)
        return cc_error_setf(err, CC_EINVAL, "no plan option %d (the scenario has %d)", option,
                             base ? base->plan.n_options : 0);
    return load_internal(base->source_text, base->source_len, base->source_path, base->overrides,
                         (size_t)base->n_overrides, option, out, diags, err);
}

cc_status cc_scenario_load_file_with_overrides(const char *path, const cc_override *ov,
                                               size_t n, cc_scenario **out,
                                               cc_diag_list *diags, cc_error *err)
{
    FILE *f;
    char *buf;
    size_t len = 0, cap = 65536;
    cc_status st;
    int e;

    f = fopen(path, "rb");
    if (!f) {
        e = errno;
        goto out_io;
    }
    buf = cc_xmalloc(cap);
    for (;;) {
        size_t got;
        if (len == cap) {
            if (cap > (size_t)MAX_INPUT_BYTES)
                break; /* load_internal rejects the oversized text */
            cap *= 2;
            buf = cc_xrealloc(buf, cap);
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        e = errno;
        fclose(f);
        free(buf);
        goto out_io;
    }
    fclose(f);
    st = load_internal(buf, len, path, ov, n, -1, out, diags, err);
    free(buf);
    return st;

out_io:
    if (diags) {
        if (!diags->path)
            cc_diag_list_set_path(diags, path);
        cc_diag_add(diags, CC_DIAG_ERROR, CC_EIO, 0, 0, "cannot read: %s", strerror(e));
    }
    return cc_error_set_at(err, CC_EIO, path, 0, 0, "cannot read: %s", strerror(e));
}

cc_status cc_scenario_load_file(const char *path, cc_scenario **out, cc_diag_list *diags,
                                cc_error *err)
{
    return cc_scenario_load_file_with_overrides(path, NULL, 0, out, diags, err);
}
