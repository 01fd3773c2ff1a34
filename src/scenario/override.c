/*
 * The override patcher: --set KEY=VALUE, sweep values and plan options
 * change the parsed document before the schema walks it, so an override is
 * validated exactly like the file and its errors name the key path. A path
 * reaching below a scalar short form (`volume: 2500`, a bare duration...)
 * first rewrites the scalar into its mapping. Nodes an override adds have
 * no position (CC_YW_NO_LINE): their problems are reported without line:col.
 *
 * An override whose value is "*F" scales instead (--scale): the volume of
 * channels.NAME (or of every channel, channels.*) or its handle time is
 * multiplied by F where it is written, so the result is validated, saved in
 * summary.json and re-applied to planned.yaml like any other override.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/alloc.h"
#include "util/suggest.h"
#include "cc_units.h"
#include "scenario/loader.h"

#define MAX_OVERRIDE_NODES 10000 /* nodes copied from one override value */

/* Copies node `id` of `src` (and its children) into L->doc; returns the new id or 0. */
static int copy_node(cc_loader *L, yaml_document_t *src, int id, int depth, long *budget)
{
    yaml_node_t *n = yaml_document_get_node(src, id);
    int nid = 0;

    if (!n || depth > 32 || --*budget < 0)
        return 0;
    if (n->type == YAML_SCALAR_NODE) {
        nid = yaml_document_add_scalar(&L->w.doc, NULL, n->data.scalar.value,
                                       (int)n->data.scalar.length, n->data.scalar.style);
    } else if (n->type == YAML_SEQUENCE_NODE) {
        size_t i, len = cc_yw_seq_len(n);
        nid = yaml_document_add_sequence(&L->w.doc, NULL, YAML_FLOW_SEQUENCE_STYLE);
        for (i = 0; nid && i < len; i++) {
            int c = copy_node(L, src, n->data.sequence.items.start[i], depth + 1, budget);
            n = yaml_document_get_node(src, id);
            if (!c || !yaml_document_append_sequence_item(&L->w.doc, nid, c))
                return 0;
        }
    } else if (n->type == YAML_MAPPING_NODE) {
        size_t i, len = cc_yw_map_len(n);
        nid = yaml_document_add_mapping(&L->w.doc, NULL, YAML_FLOW_MAPPING_STYLE);
        for (i = 0; nid && i < len; i++) {
            int k, v;
            n = yaml_document_get_node(src, id);
            k = copy_node(L, src, n->data.mapping.pairs.start[i].key, depth + 1, budget);
            n = yaml_document_get_node(src, id);
            v = copy_node(L, src, n->data.mapping.pairs.start[i].value, depth + 1, budget);
            if (!k || !v || !yaml_document_append_mapping_pair(&L->w.doc, nid, k, v))
                return 0;
        }
    }
    if (nid) {
        yaml_node_t *m = yaml_document_get_node(&L->w.doc, nid);
        m->start_mark.line = CC_YW_NO_LINE;
        m->end_mark.line = CC_YW_NO_LINE;
    }
    return nid;
}

/* Splits "a.b[2].c" into components; returns the count or -1. */
static int split_path(const char *path, char comps[][CC_MAX_NAME + 1], int max)
{
    int n = 0;
    const char *p = path;

    while (*p) {
        size_t len = 0;
        if (n == max)
            return -1;
        if (*p == '[') {
            p++;
            while (*p && *p != ']' && len < CC_MAX_NAME)
                comps[n][len++] = *p++;
            if (*p != ']')
                return -1;
            p++;
        } else {
            while (*p && *p != '.' && *p != '[' && len < CC_MAX_NAME)
                comps[n][len++] = *p++;
        }
        comps[n][len] = '\0';
        if (len == 0)
            return -1;
        n++;
        if (*p == '.') {
            p++;
            if (!*p)
                return -1;
        } else if (*p && *p != '[') {
            return -1;
        }
    }
    return n;
}

/*
 * Scalar shorthands with an equivalent mapping: `volume: 2500` is
 * `volume: {per_day: 2500}`, a bare duration is `{mean: ...}` (exponential),
 * and so on. An override reaching below one of them rewrites the scalar into
 * its mapping first. `exclusive`: the mapping's keys are alternatives, so
 * setting another key drops the shorthand's value instead of keeping both.
 */
typedef struct shorthand {
    const char *at[3]; /* path pattern; "*" matches any name */
    const char *key;   /* key the scalar stands for */
    int exclusive;     /* 1: keys are alternatives (give exactly one) */
} shorthand;

static const shorthand shorthands[] = {
    {{"channels", "*", "volume"}, "per_day", 1},
    {{"channels", "*", "handle_time"}, "mean", 0},
    {{"channels", "*", "wrap_up"}, "mean", 0},
    {{"channels", "*", "patience"}, "mean", 0},
    {{"channels", "*", "uncertainty"}, "cv", 0},
    {{"channels", "*", "stretch"}, "per_extra_session", 1},
    {{"chatbots", "*", "time_in_bot"}, "mean", 0},
    {{"teams", "*", "cost"}, "per_hour", 0},
    {{"teams", "*", "shrinkage"}, "shrinkage", 0},
    {{"plan", "overtime", NULL}, "max_share", 0},
};

/* The shorthand for the scalar at comps[0..n-1] holding `text`, or NULL. */
static const shorthand *find_shorthand(char comps[][CC_MAX_NAME + 1], int n, const char *text)
{
    static const shorthand nested[] = {
        {{"channels", "*", "retry"}, "mean", 0},       /* channels.X.retry.delay */
        {{"chatbots", "*", "bounce_back"}, "mean", 0}, /* chatbots.X.bounce_back.delay */
    };
    size_t k;
    int j;

    if (!strcmp(text, "none") || !strcmp(text, "~") || !strcmp(text, "null") || !text[0])
        return NULL; /* "no patience" has no mapping form */
    for (k = 0; k < sizeof shorthands / sizeof shorthands[0]; k++) {
        const shorthand *h = &shorthands[k];
        int len = h->at[2] ? 3 : 2;
        if (n != len)
            continue;
        for (j = 0; j < len && (!strcmp(h->at[j], "*") || !strcmp(h->at[j], comps[j])); j++)
            ;
        if (j == len)
            return h;
    }
    for (k = 0; n == 4 && !strcmp(comps[3], "delay") && k < sizeof nested / sizeof nested[0]; k++)
        if (!strcmp(nested[k].at[0], comps[0]) && !strcmp(nested[k].at[2], comps[2]))
            return &nested[k];
    return NULL;
}

/*
 * Rewrites scalar node `id` (the value at comps[0..n-1]) into its mapping
 * form for setting key `next`; returns the mapping's id, or 0 when the
 * scalar is no shorthand.
 */
static int expand_shorthand(cc_loader *L, char comps[][CC_MAX_NAME + 1], int n, int id,
                            const char *next)
{
    yaml_node_t *sn = yaml_document_get_node(&L->w.doc, id);
    const shorthand *h = find_shorthand(comps, n, cc_yw_scalar(sn));
    yaml_mark_t mark = sn->start_mark;
    int mid, kid;

    if (!h)
        return 0;
    mid = yaml_document_add_mapping(&L->w.doc, NULL, YAML_FLOW_MAPPING_STYLE);
    if (!mid)
        return 0;
    yaml_document_get_node(&L->w.doc, mid)->start_mark = mark;
    if (h->exclusive && strcmp(next, h->key))
        return mid;
    kid = yaml_document_add_scalar(&L->w.doc, NULL, (const yaml_char_t *)h->key, -1,
                                   YAML_PLAIN_SCALAR_STYLE);
    if (!kid || !yaml_document_append_mapping_pair(&L->w.doc, mid, kid, id))
        return 0;
    yaml_document_get_node(&L->w.doc, kid)->start_mark = mark;
    return mid;
}

/*
 * Replaces the value at dotted `path` by node `value_id` (adding the last
 * key when its mapping lacks it). `at` locates error messages.
 */
static int apply_override(cc_loader *L, const char *path, int value_id, yaml_node_t *at,
                          const char *label)
{
    char comps[16][CC_MAX_NAME + 1];
    int n = split_path(path, comps, 16), i, cur = 1;

    if (n <= 0) {
        cc_yw_error(&L->w, CC_EINVAL, at, label,
                    "'%s' is not a key path like 'teams.vendor.agents'", path);
        return 0;
    }
    if (!yaml_document_get_root_node(&L->w.doc)) {
        cc_yw_error(&L->w, CC_EINVAL, at, label, "the scenario is empty");
        return 0;
    }
    for (i = 0; i < n; i++) {
        yaml_node_t *node = yaml_document_get_node(&L->w.doc, cur);
        int last = i == n - 1;
        if (node->type == YAML_MAPPING_NODE) {
            yaml_node_pair_t *p;
            int found = 0;
            const char *cands[64];
            int nc = 0;
            for (p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
                yaml_node_t *k = yaml_document_get_node(&L->w.doc, p->key);
                if (k && k->type == YAML_SCALAR_NODE) {
                    if (!strcmp(cc_yw_scalar(k), comps[i])) {
                        yaml_node_t *val = yaml_document_get_node(&L->w.doc, p->value);
                        found = 1;
                        if (last) {
                            p->value = value_id;
                        } else if (val && val->type == YAML_SCALAR_NODE) {
                            /* adding nodes may move the node array: find the pair again */
                            size_t pi = (size_t)(p - node->data.mapping.pairs.start);
                            int mid = expand_shorthand(L, comps, i + 1, p->value, comps[i + 1]);
                            node = yaml_document_get_node(&L->w.doc, cur);
                            if (mid)
                                node->data.mapping.pairs.start[pi].value = mid;
                            cur = node->data.mapping.pairs.start[pi].value;
                        } else {
                            cur = p->value;
                        }
                        break;
                    }
                    if (nc < 64)
                        cands[nc++] = cc_yw_scalar(k);
                }
            }
            if (found)
                continue;
            if (last) {
                int kid = yaml_document_add_scalar(&L->w.doc, NULL, (const yaml_char_t *)comps[i],
                                                   -1, YAML_PLAIN_SCALAR_STYLE);
                yaml_node_t *vn, *kn;
                if (!kid || !yaml_document_append_mapping_pair(&L->w.doc, cur, kid, value_id)) {
                    cc_yw_error(&L->w, CC_EINVAL, at, label, "cannot set '%s'", path);
                    return 0;
                }
                kn = yaml_document_get_node(&L->w.doc, kid);
                vn = yaml_document_get_node(&L->w.doc, value_id);
                kn->start_mark = vn->start_mark;
                continue;
            }
            {
                const char *hint = cc_suggest_key(comps[i], cands, (size_t)nc);
                int kid, mid;
                if (hint) {
                    /* Close to a key that exists: a typo, not a section to create. */
                    cc_yw_error(&L->w, CC_EINVAL, at, label,
                                "'%s': the scenario has no '%s' here (did you mean '%s'?)", path,
                                comps[i], hint);
                    return 0;
                }
                /*
                 * A missing parent section (`plan.method` in a file without
                 * `plan:`) is created empty; the schema then checks its name
                 * and contents like any written section.
                 */
                kid = yaml_document_add_scalar(&L->w.doc, NULL, (const yaml_char_t *)comps[i], -1,
                                               YAML_PLAIN_SCALAR_STYLE);
                mid = kid ? yaml_document_add_mapping(&L->w.doc, NULL, YAML_BLOCK_MAPPING_STYLE)
                          : 0;
                if (!mid || !yaml_document_append_mapping_pair(&L->w.doc, cur, kid, mid)) {
                    cc_yw_error(&L->w, CC_EINVAL, at, label, "cannot set '%s'", path);
                    return 0;
                }
                yaml_document_get_node(&L->w.doc, kid)->start_mark.line = CC_YW_NO_LINE;
                yaml_document_get_node(&L->w.doc, mid)->start_mark.line = CC_YW_NO_LINE;
                cur = mid;
                continue;
            }
        } else if (node->type == YAML_SEQUENCE_NODE) {
            long idx;
            if (cc_parse_count(comps[i], LONG_MAX, &idx) != CC_OK ||
                (size_t)idx >= cc_yw_seq_len(node)) {
                cc_yw_error(&L->w, CC_EINVAL, at, label,
                            "'%s': '%s' is not an index of a list of %zu", path, comps[i],
                            cc_yw_seq_len(node));
                return 0;
            }
            if (last) {
                node->data.sequence.items.start[idx] = value_id;
            } else {
                yaml_node_t *val =
                    yaml_document_get_node(&L->w.doc, node->data.sequence.items.start[idx]);
                int mid = val && val->type == YAML_SCALAR_NODE
                              ? expand_shorthand(L, comps, i + 1,
                                                 node->data.sequence.items.start[idx], comps[i + 1])
                              : 0;
                node = yaml_document_get_node(&L->w.doc, cur);
                if (mid)
                    node->data.sequence.items.start[idx] = mid;
                cur = node->data.sequence.items.start[idx];
            }
        } else {
            cc_yw_error(&L->w, CC_EINVAL, at, label,
                        "'%s': '%s' is a value with no mapping form, it has no '%s'; set '%s' "
                        "itself",
                        path, i ? comps[i - 1] : "", comps[i], i ? comps[i - 1] : "");
            return 0;
        }
    }
    return 1;
}

/* ---- scaling ------------------------------------------------------------- */

/* Replaces the value of pair `pi` of mapping `map_id` by a new plain scalar. */
static int set_pair_number(cc_loader *L, int map_id, size_t pi, double v)
{
    char text[64];
    int id;
    yaml_node_t *map;
    snprintf(text, sizeof(text), "%.15g", v);
    id = yaml_document_add_scalar(&L->w.doc, NULL, (const yaml_char_t *)text, -1,
                                  YAML_PLAIN_SCALAR_STYLE);
    if (!id)
        return 0;
    yaml_document_get_node(&L->w.doc, id)->start_mark.line = CC_YW_NO_LINE;
    map = yaml_document_get_node(&L->w.doc, map_id);
    map->data.mapping.pairs.start[pi].value = id;
    return 1;
}

/*
 * Multiplies the scalar value of pair `pi` of mapping `map_id` by f: a count
 * when `duration` is 0, else a duration (written back in seconds).
 */
static int scale_pair(cc_loader *L, int map_id, size_t pi, double f, int duration,
                      const char *path)
{
    yaml_node_t *map = yaml_document_get_node(&L->w.doc, map_id);
    yaml_node_t *v = yaml_document_get_node(&L->w.doc, map->data.mapping.pairs.start[pi].value);
    double x;

    if (v && v->type == YAML_SEQUENCE_NODE && duration) {
        /* An empirical distribution's values: each one scaled. */
        size_t i, n = cc_yw_seq_len(v);
        int seq = map->data.mapping.pairs.start[pi].value;
        for (i = 0; i < n; i++) {
            char text[64];
            int id;
            yaml_node_t *item = yaml_document_get_node(
                &L->w.doc, yaml_document_get_node(&L->w.doc, seq)->data.sequence.items.start[i]);
            if (!item || item->type != YAML_SCALAR_NODE ||
                cc_parse_duration(cc_yw_scalar(item), &x) != CC_OK) {
                cc_yw_error(&L->w, CC_EINVAL, item, path, "cannot scale: not a duration");
                return 0;
            }
            snprintf(text, sizeof(text), "%.15g", x * f);
            id = yaml_document_add_scalar(&L->w.doc, NULL, (const yaml_char_t *)text, -1,
                                          YAML_PLAIN_SCALAR_STYLE);
            if (!id)
                return 0;
            yaml_document_get_node(&L->w.doc, seq)->data.sequence.items.start[i] = id;
        }
        return 1;
    }
    if (!v || v->type != YAML_SCALAR_NODE ||
        (duration ? cc_parse_duration(cc_yw_scalar(v), &x)
                  : cc_parse_number(cc_yw_scalar(v), &x)) != CC_OK) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "cannot scale: not a %s",
                    duration ? "duration" : "number");
        return 0;
    }
    return set_pair_number(L, map_id, pi, x * f);
}

/*
 * Scales `what` ("volume" or "handle_time") of the channel whose pair is
 * `pi` in the channels mapping: a bare value, or the keys of its mapping
 * that carry an amount (per_day, per_week, per_hour; mean, sd, values).
 */
static int scale_channel(cc_loader *L, int channels_id, size_t pi, const char *what, double f)
{
    static const char *const volume_keys[] = {"per_day", "per_week", "per_hour", "multiplier"};
    static const char *const time_keys[] = {"mean", "sd", "values", NULL};
    int duration = !strcmp(what, "handle_time");
    const char *const *keys = duration ? time_keys : volume_keys;
    yaml_node_t *chs = yaml_document_get_node(&L->w.doc, channels_id);
    yaml_node_t *name = yaml_document_get_node(&L->w.doc, chs->data.mapping.pairs.start[pi].key);
    int ch_id = chs->data.mapping.pairs.start[pi].value;
    yaml_node_t *ch = yaml_document_get_node(&L->w.doc, ch_id);
    char path[CC_YW_PATH_MAX];
    size_t i, k, n;

    snprintf(path, sizeof(path), "channels.%s.%s", name ? cc_yw_scalar(name) : "?", what);
    if (!ch || ch->type != YAML_MAPPING_NODE) {
        cc_yw_error(&L->w, CC_EINVAL, ch, path, "cannot scale: the channel is not a mapping");
        return 0;
    }
    n = cc_yw_map_len(ch);
    for (i = 0; i < n; i++) {
        yaml_node_t *key = yaml_document_get_node(
            &L->w.doc, yaml_document_get_node(&L->w.doc, ch_id)->data.mapping.pairs.start[i].key);
        yaml_node_t *val;
        int val_id;
        if (!key || key->type != YAML_SCALAR_NODE || strcmp(cc_yw_scalar(key), what) != 0)
            continue;
        val_id = yaml_document_get_node(&L->w.doc, ch_id)->data.mapping.pairs.start[i].value;
        val = yaml_document_get_node(&L->w.doc, val_id);
        if (val && val->type == YAML_MAPPING_NODE) {
            size_t m = cc_yw_map_len(val), j;
            /* a forecast volume without a multiplier yet: the scale becomes one */
            if (!duration && cc_yw_map_get(&L->w, val, "forecast") &&
                !cc_yw_map_get(&L->w, val, "multiplier")) {
                char sub[CC_YW_PATH_MAX], num[32];
                cc_override ov;
                snprintf(sub, sizeof(sub), "%.200s.multiplier", path);
                snprintf(num, sizeof(num), "%.17g", f);
                ov.path = sub;
                ov.value = num;
                return cc_override_apply(L, &ov);
            }
            for (j = 0; j < m; j++) {
                yaml_node_t *vk = yaml_document_get_node(
                    &L->w.doc,
                    yaml_document_get_node(&L->w.doc, val_id)->data.mapping.pairs.start[j].key);
                char sub[CC_YW_PATH_MAX];
                for (k = 0; k < 4 && keys[k]; k++)
                    if (vk && vk->type == YAML_SCALAR_NODE && !strcmp(cc_yw_scalar(vk), keys[k]))
                        break;
                if (k == 4 || !keys[k])
                    continue;
                snprintf(sub, sizeof(sub), "%.200s.%.12s", path, keys[k]);
                if (!scale_pair(L, val_id, j, f, duration, sub))
                    return 0;
            }
            return 1;
        }
        return scale_pair(L, ch_id, i, f, duration, path);
    }
    cc_yw_error(&L->w, CC_EINVAL, ch, path, "cannot scale: the channel has no '%s'", what);
    return 0;
}

/* Applies "channels.NAME.WHAT" or "channels.*.WHAT" = "*F". */
static int apply_scale(cc_loader *L, const cc_override *ov, const char *label)
{
    char comps[16][CC_MAX_NAME + 1];
    int n = split_path(ov->path, comps, 16), channels_id = 0, done = 0;
    yaml_node_t *root = yaml_document_get_root_node(&L->w.doc), *chs;
    yaml_node_pair_t *p;
    double f;
    size_t i, len;

    if (cc_parse_number(ov->value + 1, &f) != CC_OK || !(f >= 0.0) || f > 1000.0) {
        cc_yw_error(&L->w, CC_EINVAL, NULL, label,
                    "'%s': '%s' is not a factor; allowed: a number from 0 to 1000", ov->path,
                    ov->value + 1);
        return 0;
    }
    if (n != 3 || strcmp(comps[0], "channels") != 0 ||
        (strcmp(comps[2], "volume") != 0 && strcmp(comps[2], "handle_time") != 0)) {
        cc_yw_error(&L->w, CC_EINVAL, NULL, label,
                    "cannot scale '%s'; allowed: channels.NAME.volume, channels.NAME.handle_time "
                    "(NAME or * for every channel)", ov->path);
        return 0;
    }
    chs = root ? cc_yw_map_get(&L->w, root, "channels") : NULL;
    if (!chs || chs->type != YAML_MAPPING_NODE) {
        cc_yw_error(&L->w, CC_EINVAL, NULL, label, "the scenario has no channels to scale");
        return 0;
    }
    for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++)
        if (yaml_document_get_node(&L->w.doc, p->value) == chs)
            channels_id = p->value;
    len = cc_yw_map_len(chs);
    for (i = 0; i < len; i++) {
        yaml_node_t *key = yaml_document_get_node(
            &L->w.doc,
            yaml_document_get_node(&L->w.doc, channels_id)->data.mapping.pairs.start[i].key);
        if (strcmp(comps[1], "*") != 0 &&
            (!key || key->type != YAML_SCALAR_NODE || strcmp(cc_yw_scalar(key), comps[1]) != 0))
            continue;
        if (!scale_channel(L, channels_id, i, comps[2], f))
            return 0;
        done++;
    }
    if (!done) {
        const char *cands[64];
        int nc = 0;
        const char *hint;
        for (p = chs->data.mapping.pairs.start; p < chs->data.mapping.pairs.top && nc < 64; p++) {
            yaml_node_t *k = yaml_document_get_node(&L->w.doc, p->key);
            if (k && k->type == YAML_SCALAR_NODE)
                cands[nc++] = cc_yw_scalar(k);
        }
        hint = cc_suggest_key(comps[1], cands, (size_t)nc);
        cc_yw_error(&L->w, CC_EINVAL, NULL, label, "no channel '%s' to scale%s%s%s", comps[1],
                    hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
        return 0;
    }
    return 1;
}

int cc_override_apply(cc_loader *L, const cc_override *ov)
{
    yaml_parser_t parser;
    yaml_document_t vdoc;
    char label[CC_YW_PATH_MAX];
    int id = 0, ok = 0;
    long budget = MAX_OVERRIDE_NODES;
    const char *value = ov->value ? ov->value : "";

    /* The messages name the key path; the label only says where it comes from. */
    snprintf(label, sizeof(label), "override");
    if (!ov->path) {
        cc_yw_error(&L->w, CC_EINVAL, NULL, label, "no key path");
        return 0;
    }
    if (value[0] == '*') /* "*F" is not YAML (an alias needs a name): a scale */
        return apply_scale(L, ov, label);
    if (!yaml_parser_initialize(&parser))
        return 0;
    yaml_parser_set_input_string(&parser, (const unsigned char *)value, strlen(value));
    if (!yaml_parser_load(&parser, &vdoc)) {
        cc_yw_error(&L->w, CC_ESYNTAX, NULL, label, "'%s': value '%s' is not valid YAML: %s",
                    ov->path, value,
                    parser.problem ? parser.problem : "parse error");
        yaml_parser_delete(&parser);
        return 0;
    }
    if (yaml_document_get_root_node(&vdoc))
        id = copy_node(L, &vdoc, 1, 0, &budget);
    else
        id = yaml_document_add_scalar(&L->w.doc, NULL, (const yaml_char_t *)"", 0,
                                      YAML_PLAIN_SCALAR_STYLE);
    if (id) {
        yaml_node_t *n = yaml_document_get_node(&L->w.doc, id);
        n->start_mark.line = CC_YW_NO_LINE;
        ok = apply_override(L, ov->path, id, NULL, label);
    } else {
        cc_yw_error(&L->w, CC_EINVAL, NULL, label, "'%s': value too large", ov->path);
    }
    yaml_document_delete(&vdoc);
    yaml_parser_delete(&parser);
    return ok;
}

int cc_override_apply_option(cc_loader *L, int option)
{
    yaml_node_t *root = yaml_document_get_root_node(&L->w.doc), *plan, *opts, *o, *set;
    yaml_node_pair_t *p;
    int n, i, ok = 1;
    int *paths, *values;

    plan = cc_yw_map_get(&L->w, root, "plan");
    opts = cc_yw_map_get(&L->w, plan, "options");
    if (!opts || opts->type != YAML_SEQUENCE_NODE || option < 0 ||
        (size_t)option >= cc_yw_seq_len(opts)) {
        cc_yw_error(&L->w, CC_EINVAL, NULL, "plan.options", "no option %d", option);
        return 0;
    }
    o = cc_yw_node(&L->w, opts->data.sequence.items.start[option]);
    set = cc_yw_map_get(&L->w, o, "set");
    if (!set || set->type != YAML_MAPPING_NODE)
        return 0;
    /* Collect first: applying may add nodes and move the pair arrays. */
    n = (int)cc_yw_map_len(set);
    paths = cc_xcalloc((size_t)n + 1, sizeof(int));
    values = cc_xcalloc((size_t)n + 1, sizeof(int));
    for (i = 0, p = set->data.mapping.pairs.start; i < n; i++, p++) {
        paths[i] = p->key;
        values[i] = p->value;
    }
    for (i = 0; i < n; i++) {
        yaml_node_t *k = yaml_document_get_node(&L->w.doc, paths[i]);
        char path[CC_YW_PATH_MAX];
        if (!k || k->type != YAML_SCALAR_NODE)
            continue;
        snprintf(path, sizeof(path), "%s", cc_yw_scalar(k));
        if (!strncmp(path, "plan.options", 12))
            continue;
        {
            /* Adding nodes may move the node array: report at a copy of the key's position. */
            yaml_node_t at = *k;
            ok &= apply_override(L, path, values[i], &at, "set");
        }
    }
    free(paths);
    free(values);
    return ok;
}
