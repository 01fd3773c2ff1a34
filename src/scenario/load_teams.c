/*
 * The teams section: agent groups, their skills (with proficiency), their
 * staffing (shifts on the team's own clock, or a flat headcount), shrinkage
 * and cost. Skills come first: sessions per agent and the routing rules
 * after them need to know which channels a team serves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "scenario/loader.h"

#define DAY 86400.0

/* Keys of a team, in the order of its table (end of file). */
enum { T_DESCRIPTION, T_SKILLS, T_SHIFTS, T_AGENTS, T_UTC_OFFSET, T_SHRINKAGE, T_COST,
       T_OUTSOURCED, T_MAX_CONCURRENCY };

/* ---- skills and sessions ------------------------------------------------------------ */

/*
 * `skills`: a list of channels (proficiency 1), or {channel: proficiency}
 * with proficiency within the limits of field `f`.
 */
static void load_skill_list(cc_loader *L, const cc_field *f, cc_team *t, yaml_node_t *v,
                            const char *path)
{
    cc_scenario *s = L->s;
    int any = 0;

    if (v->type == YAML_SEQUENCE_NODE) {
        yaml_node_item_t *it;
        int i = 0;
        if (cc_yw_seq_len(v) > (size_t)CC_MAX_CHANNELS) {
            cc_yw_error(&L->w, CC_EINVAL, v, path, "at most %d skills", CC_MAX_CHANNELS);
            return;
        }
        for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
            char ip[CC_YW_PATH_MAX];
            yaml_node_t *x = cc_yw_node(&L->w, *it);
            int ch;
            if (!x)
                return;
            cc_yw_index(ip, path, i);
            ch = cc_yw_ref(&L->w, x, ip, "channel", L->ch_names, s->n_channels);
            if (ch < 0)
                continue;
            if (t->proficiency[ch] > 0.0) {
                cc_yw_error(&L->w, CC_EINVAL, x, ip, "channel '%s' is listed twice",
                            s->channels[ch].name);
                continue;
            }
            t->proficiency[ch] = 1.0;
            any = 1;
        }
    } else if (v->type == YAML_MAPPING_NODE) {
        yaml_node_pair_t *p, *q;
        if (cc_yw_map_len(v) > (size_t)CC_MAX_CHANNELS) {
            cc_yw_error(&L->w, CC_EINVAL, v, path, "at most %d skills", CC_MAX_CHANNELS);
            return;
        }
        for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
            yaml_node_t *k = cc_yw_node(&L->w, p->key), *x = cc_yw_node(&L->w, p->value);
            char kp[CC_YW_PATH_MAX];
            int ch, dup = 0;
            double prof;
            if (!k || !x)
                return;
            ch = cc_yw_ref(&L->w, k, path, "channel", L->ch_names, s->n_channels);
            if (ch < 0)
                continue;
            for (q = v->data.mapping.pairs.start; q < p; q++) {
                yaml_node_t *k2 = cc_yw_node(&L->w, q->key);
                if (k2 && k2->type == YAML_SCALAR_NODE &&
                    !strcmp(cc_yw_scalar(k2), cc_yw_scalar(k)))
                    dup = 1;
            }
            if (dup) {
                cc_yw_error(&L->w, CC_EINVAL, k, path, "duplicate skill '%s'", cc_yw_scalar(k));
                continue;
            }
            cc_yw_join(kp, path, cc_yw_scalar(k));
            if (cc_yw_number(&L->w, x, kp, f->lo, f->hi, &prof)) {
                t->proficiency[ch] = prof;
                any = 1;
            }
        }
    } else {
        cc_yw_error(&L->w, CC_ESCHEMA, v, path,
                    "expected a list of channels or a mapping channel: proficiency");
        return;
    }
    if (!any && ((v->type == YAML_SEQUENCE_NODE && cc_yw_seq_len(v) == 0) ||
                 (v->type == YAML_MAPPING_NODE && cc_yw_map_len(v) == 0)))
        cc_yw_error(&L->w, CC_EINVAL, v, path, "a team needs at least one skill");
}

static int load_skills(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                       void *obj)
{
    size_t errors_before = L->w.d.n_errors;

    load_skill_list(L, f, obj, v, path);
    if (L->w.d.n_errors == errors_before)
        return 1;
    L->skills_failed = 1; /* "no team can serve" would only repeat it */
    return 0;
}

/*
 * `max_concurrency`: sessions per agent by channel, overriding the
 * channel's concurrency; without it (v NULL) every skilled channel's own.
 */
static int load_max_concurrency(cc_loader *L, const cc_field *f, yaml_node_t *v,
                                const char *path, void *obj)
{
    cc_scenario *s = L->s;
    cc_team *t = obj;
    yaml_node_pair_t *q;
    int ch;

    for (ch = 0; ch < s->n_channels; ch++)
        t->max_concurrency[ch] = t->proficiency[ch] > 0.0 ? s->channels[ch].concurrency : 0;
    if (!v)
        return 1;
    if (!cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, path, "a mapping of channel: sessions"))
        return 0;
    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = cc_yw_node(&L->w, q->key), *x = cc_yw_node(&L->w, q->value);
        char kp[CC_YW_PATH_MAX];
        const cc_channel *c;
        int mc;
        if (!k || !x)
            break;
        ch = cc_yw_ref(&L->w, k, path, "channel", L->ch_names, s->n_channels);
        if (ch < 0)
            continue;
        c = &s->channels[ch];
        cc_yw_join(kp, path, cc_yw_scalar(k));
        if (!cc_yw_int(&L->w, x, kp, (int)f->lo, (int)f->hi, &mc))
            continue;
        if (t->proficiency[ch] <= 0.0) {
            cc_yw_error(&L->w, CC_EINVAL, k, kp, "team '%s' has no skill for '%s'", t->name,
                        c->name);
        } else if (mc > 1 && c->kind != CC_CHANNEL_CHAT && c->kind != CC_CHANNEL_MESSAGING) {
            cc_yw_error(&L->w, CC_EINVAL, x, kp, "%s handles one contact at a time; must be 1",
                        cc_channel_kind_name(c->kind));
        } else if (c->n_stretch > 0 && mc > c->n_stretch) {
            cc_yw_error(&L->w, CC_EINVAL, x, kp,
                        "exceeds the %d stretch multipliers of channel '%s'", c->n_stretch,
                        c->name);
        } else {
            t->max_concurrency[ch] = mc;
        }
    }
    return 1;
}

/* ---- shifts ------------------------------------------------------------------------ */

enum { SH_NAME, SH_DAYS, SH_START, SH_END, SH_AGENTS, SH_OVERNIGHT, SH_FROM, SH_TO };

/*
 * `from` and `to` limit the days a shift starts on. A date that does not
 * parse is reported but leaves the times to be checked.
 */
static int load_from(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                     void *obj)
{
    cc_shift *sh = obj;
    long day, hd;

    if (!cc_field_parse(L, f, v, path, &day) || !L->horizon_ok)
        return 1;
    hd = cc_horizon_day(L->s, day);
    if (hd >= L->s->days) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "'%s' is after the horizon", cc_yw_scalar(v));
        return 0;
    }
    sh->first_day = (int)(hd < -3 ? -3 : hd);
    return 1;
}

static int load_to(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *obj)
{
    cc_shift *sh = obj;
    long day, hd;

    if (!cc_field_parse(L, f, v, path, &day) || !L->horizon_ok)
        return 1;
    hd = cc_horizon_day(L->s, day);
    if (hd < 0) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "'%s' is before the horizon", cc_yw_scalar(v));
        return 0;
    }
    if (hd < sh->first_day) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "'%s' is before 'from'", cc_yw_scalar(v));
        return 0;
    }
    sh->last_day = (int)(hd > L->s->days + 2 ? L->s->days + 2 : hd);
    return 1;
}

static const cc_field shift_fields[] = {
    [SH_NAME] = {"name", CC_VK_TEXT, CC_F_EARLY, .at = CC_AT(cc_shift, name),
                 .doc_default = "`shift N`", .help = "label"},
    [SH_DAYS] = {"days", CC_VK_DAYS, CC_F_EARLY, .def = 0x7f, .at = CC_AT(cc_shift, days),
                 .help = "weekdays it starts on (local); ranges may wrap (`fri-mon`)"},
    [SH_START] = {"start", CC_VK_TIME, CC_F_REQUIRED | CC_F_EARLY, .hi = DAY - 60,
                  .at = CC_AT(cc_shift, start_s), .missing = "time of day 'HH:MM'",
                  .help = "local start time"},
    /* the end waits in length_s until load_shift works the length out */
    [SH_END] = {"end", CC_VK_TIME, CC_F_REQUIRED | CC_F_EARLY, .hi = DAY,
                .at = CC_AT(cc_shift, length_s), .missing = "time of day 'HH:MM'",
                .doc_allowed = "after `start` unless `overnight`",
                .help = "local end time"},
    [SH_AGENTS] = {"agents", CC_VK_INT, CC_F_REQUIRED, .lo = 0, .hi = CC_MAX_AGENTS,
                   .at = CC_AT(cc_shift, agents), .missing = "agents working this shift",
                   .help = "agents working it"},
    [SH_OVERNIGHT] = {"overnight", CC_VK_BOOL, CC_F_EARLY, .at = CC_AT(cc_shift, overnight),
                      .help = "the shift ends the next day: `end` is then at or before `start` "
                              "(`22:00`-`06:00`)"},
    [SH_FROM] = {"from", CC_VK_DATE, .load = load_from, .doc_allowed = "not after the horizon",
                 .doc_default = "unlimited",
                 .help = "first date it starts on (temps for a peak)"},
    [SH_TO] = {"to", CC_VK_DATE, .load = load_to,
               .doc_allowed = "not before the horizon or `from`", .doc_default = "unlimited",
               .help = "last date it starts on"},
};

const cc_schema cc_schema_shift = CC_SCHEMA("teams.NAME.shifts[N]", shift_fields);

static void load_shift(cc_loader *L, cc_shift *sh, int idx, yaml_node_t *n, const char *path)
{
    char p[CC_YW_PATH_MAX];
    yaml_node_t *start, *end;
    double end_s;
    int ok;

    cc_yw_pos(n, &sh->line, &sh->col);
    cc_schema_defaults(&cc_schema_shift, sh);
    sh->first_day = -3; /* occurrences from before the horizon may run into it */
    sh->last_day = L->s->days + 2;
    if (!cc_schema_load(L, &cc_schema_shift, n, path, NULL, sh, &ok))
        return;
    if (!sh->name) {
        char label[32];
        snprintf(label, sizeof(label), "shift %d", idx + 1);
        sh->name = cc_xstrdup(label);
    }
    if (!ok)
        return;
    start = cc_field_node(L, &shift_fields[SH_START], n, path, p);
    end = cc_field_node(L, &shift_fields[SH_END], n, path, p);
    end_s = sh->length_s;
    if (sh->overnight) {
        if (end_s > sh->start_s) {
            cc_yw_error(&L->w, CC_EINVAL, end, p,
                        "an overnight shift ends the next day, so 'end' (%s) must be at or "
                        "before 'start' (%s)",
                        cc_yw_scalar(end), cc_yw_scalar(start));
            return;
        }
        sh->length_s = end_s + DAY - sh->start_s;
    } else {
        if (end_s <= sh->start_s) {
            cc_yw_error(&L->w, CC_EINVAL, end, p,
                        "ends at %s, not after the start %s; add 'overnight: true' for a shift "
                        "that ends the next day",
                        cc_yw_scalar(end), cc_yw_scalar(start));
            return;
        }
        sh->length_s = end_s - sh->start_s;
    }
}

/* ---- staffing: shifts or a flat headcount ------------------------------------------- */

/*
 * `shifts` or `agents`, exactly one: the pair is checked where `shifts`
 * comes (v NULL when absent), so `agents` after it only loads.
 */
static int load_shifts(cc_loader *L, const cc_field *f, yaml_node_t *shifts, const char *path,
                       void *obj)
{
    cc_team *t = obj;
    yaml_node_t *agents = cc_yw_map_get(&L->w, L->entry_map, "agents");
    yaml_node_item_t *it;
    char tp[CC_YW_PATH_MAX];
    size_t n_sh;
    int i = 0;

    (void)f;
    cc_yw_join(tp, "teams", t->name);
    if (shifts && agents) {
        cc_yw_error(&L->w, CC_ESCHEMA, agents, tp,
                    "give either 'shifts' or 'agents' (a flat headcount), not both");
        return 0;
    }
    if (!shifts && !agents) {
        cc_yw_error(&L->w, CC_ESCHEMA, L->entry_key, tp,
                    "missing staffing: give 'shifts' or 'agents' (a flat headcount)");
        return 0;
    }
    if (!shifts)
        return 1;
    t->staffing = CC_STAFF_SHIFTS;
    if (!cc_yw_expect(&L->w, shifts, YAML_SEQUENCE_NODE, path, "a list of shifts"))
        return 0;
    n_sh = cc_yw_seq_len(shifts);
    if (n_sh > CC_MAX_SHIFTS || L->total_shifts + (int)n_sh > CC_MAX_TOTAL_SHIFTS) {
        cc_yw_error(&L->w, CC_EINVAL, shifts, path,
                    "too many shifts (at most %d per team and %d in all)", CC_MAX_SHIFTS,
                    CC_MAX_TOTAL_SHIFTS);
        return 0;
    }
    L->total_shifts += (int)n_sh;
    t->shifts = cc_xcalloc(n_sh ? n_sh : 1, sizeof(*t->shifts));
    for (it = shifts->data.sequence.items.start; it < shifts->data.sequence.items.top;
         it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        if (!x)
            break;
        t->n_shifts = i + 1;
        cc_yw_index(ip, path, i);
        load_shift(L, &t->shifts[i], i, x, ip);
    }
    return 1;
}

static int load_agents(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                       void *obj)
{
    cc_team *t = obj;

    if (cc_yw_map_get(&L->w, L->entry_map, "shifts"))
        return 0; /* both given, reported with shifts */
    t->staffing = CC_STAFF_FLAT;
    return cc_field_value(L, f, v, path, t);
}

/* ---- shrinkage -------------------------------------------------------------------- */

static const char *const shrink_combine_names[] = {"additive", "multiplicative", NULL};

/*
 * Components {breaks: 8%, ...} with an optional `combine`, into the team's
 * arrays; each a share of at most f->hi.
 */
static void load_shrinkage_parts(cc_loader *L, const cc_field *f, cc_team *t, yaml_node_t *v,
                                 const char *path)
{
    yaml_node_pair_t *q;
    int i;

    if (cc_yw_map_len(v) > 64) {
        cc_yw_error(&L->w, CC_EINVAL, v, path, "at most 64 components");
        return;
    }
    t->shrinkage_names = cc_xcalloc(cc_yw_map_len(v) + 1, sizeof(char *));
    t->shrinkage_values = cc_xcalloc(cc_yw_map_len(v) + 1, sizeof(double));
    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = cc_yw_node(&L->w, q->key), *x = cc_yw_node(&L->w, q->value);
        char p[CC_YW_PATH_MAX], shown[64];
        int dup = 0;
        if (!k || !x)
            return;
        if (k->type != YAML_SCALAR_NODE || !cc_yw_valid_name(cc_yw_scalar(k)) ||
            cc_yw_has_nul(k)) {
            cc_yw_error(&L->w, CC_ESCHEMA, k, path, "'%s' is not a valid component name",
                        cc_yw_show(k, shown, sizeof(shown)));
            continue;
        }
        cc_yw_join(p, path, cc_yw_scalar(k));
        if (!strcmp(cc_yw_scalar(k), "combine")) {
            int e = cc_yw_enum(&L->w, x, p, shrink_combine_names);
            if (e >= 0)
                t->shrinkage_combine = (cc_shrinkage_combine)e;
            continue;
        }
        for (i = 0; i < t->n_shrinkage; i++)
            if (!strcmp(t->shrinkage_names[i], cc_yw_scalar(k)))
                dup = 1;
        if (dup) {
            cc_yw_error(&L->w, CC_EINVAL, k, path, "duplicate component '%s'", cc_yw_scalar(k));
            continue;
        }
        if (cc_yw_share(&L->w, x, p, f->hi, &t->shrinkage_values[t->n_shrinkage])) {
            t->shrinkage_names[t->n_shrinkage] = cc_xstrdup(cc_yw_scalar(k));
            t->n_shrinkage++;
        }
    }
}

/* `shrinkage`: one share, or components that add up (or multiply) below 100%. */
static int load_shrinkage(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                          void *obj)
{
    cc_team *t = obj;
    double total, x;
    int i;

    if (v->type == YAML_SCALAR_NODE) {
        if (!cc_yw_share(&L->w, v, path, f->hi, &x))
            return 0;
        t->shrinkage_names = cc_xcalloc(1, sizeof(char *));
        t->shrinkage_values = cc_xcalloc(1, sizeof(double));
        t->shrinkage_names[0] = cc_xstrdup("shrinkage");
        t->shrinkage_values[0] = x;
        t->n_shrinkage = 1;
    } else {
        if (!cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, path,
                          "a share or a mapping of components (breaks: 8%, ...)"))
            return 0;
        load_shrinkage_parts(L, f, t, v, path);
    }
    if (t->shrinkage_combine == CC_COMBINE_ADDITIVE) {
        total = 0.0;
        for (i = 0; i < t->n_shrinkage; i++)
            total += t->shrinkage_values[i];
    } else {
        double keep = 1.0;
        for (i = 0; i < t->n_shrinkage; i++)
            keep *= 1.0 - t->shrinkage_values[i];
        total = 1.0 - keep;
    }
    if (total >= 1.0 - 1e-12) {
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "adds up to %g%%; shrinkage must stay below 100%% of paid time",
                    total * 100.0);
        return 0;
    }
    t->shrinkage = total;
    return 1;
}

/* ---- the team ------------------------------------------------------------------------ */

static const cc_field cost_fields[] = {
    {"per_hour", CC_VK_NUMBER, .lo = 0, .hi = 1e6, .at = CC_AT(cc_team, cost_per_hour),
     .help = "per paid (scheduled) agent hour"},
    {"per_contact", CC_VK_NUMBER, .lo = 0, .hi = 1e6, .at = CC_AT(cc_team, cost_per_contact),
     .help = "per handled contact (vendors)"},
};

static const cc_schema cost_schema = CC_SCHEMA("teams.NAME.cost", cost_fields);

static const cc_field team_fields[] = {
    [T_DESCRIPTION] = {"description", CC_VK_NOTE, .help = "free text"},
    [T_SKILLS] = {"skills", CC_VK_CUSTOM, CC_F_REQUIRED | CC_F_EARLY, .lo = 0.1, .hi = 10,
                  .item = CC_VK_NUMBER, .load = load_skills,
                  .missing = "the channels this team serves",
                  .doc_type = "list of channels, or mapping channel: proficiency",
                  .doc_allowed = "at least one; a list means proficiency 1",
                  .help = "channels the team serves; proficiency multiplies handle time (1.2 = "
                          "20% slower)"},
    [T_SHIFTS] = {"shifts", CC_VK_LIST, CC_F_ALWAYS, .hi = CC_MAX_SHIFTS,
                  .sub = &cc_schema_shift, .load = load_shifts, .doc_type = "list of shifts",
                  .doc_allowed = CC_STR(CC_MAX_TOTAL_SHIFTS) " over all teams",
                  .doc_default = "one of `shifts`, `agents`",
                  .help = "the team's shifts (below)"},
    [T_AGENTS] = {"agents", CC_VK_INT, .lo = 0, .hi = CC_MAX_AGENTS,
                  .at = CC_AT(cc_team, flat_agents), .load = load_agents,
                  .doc_default = "one of `shifts`, `agents`",
                  .help = "a flat headcount: this many agents on duty at every moment"},
    [T_UTC_OFFSET] = {"utc_offset", CC_VK_UTC, .at = CC_AT(cc_team, utc_offset_s),
                      .doc_default = "the horizon's",
                      .help = "the team's local clock; shift times and days are local"},
    [T_SHRINKAGE] = {"shrinkage", CC_VK_CUSTOM, .hi = 1, .item = CC_VK_SHARE,
                     .load = load_shrinkage, .doc_type = "share or mapping",
                     .doc_allowed = "total below 100%; `combine`: `additive` or `multiplicative`",
                     .help = "share of paid time not available for contacts: `30%`, or "
                             "components `{breaks: 8%, meetings: 3%, combine: additive}`"},
    [T_COST] = {"cost", CC_VK_MAP, CC_F_INLINE, .sub = &cost_schema, .shorthand = "per_hour",
                .help = "cost in the scenario's currency; a bare number is `per_hour`"},
    [T_OUTSOURCED] = {"outsourced", CC_VK_BOOL, .at = CC_AT(cc_team, outsourced),
                      .help = "a vendor team"},
    [T_MAX_CONCURRENCY] = {"max_concurrency", CC_VK_CUSTOM, CC_F_EARLY | CC_F_ALWAYS, .lo = 1,
                           .hi = CC_MAX_CONCURRENCY, .item = CC_VK_INT,
                           .load = load_max_concurrency, .doc_type = "mapping channel: sessions",
                           .doc_allowed = "skilled channels only; 1 for voice, email, social; "
                                          "within a stretch list",
                           .doc_default = "the channel's `concurrency`",
                           .help = "sessions per agent of this team: `{chat: 2}`"},
};

const cc_schema cc_schema_team = CC_SCHEMA("teams.NAME", team_fields);

static void load_team(cc_loader *L, int idx, yaml_node_t *key, yaml_node_t *n)
{
    cc_team *t = &L->s->teams[idx];
    char path[CC_YW_PATH_MAX];

    cc_yw_join(path, "teams", t->name);
    cc_yw_pos(key, &t->line, &t->col);
    cc_schema_defaults(&cc_schema_team, t);
    t->utc_offset_s = L->s->utc_offset_s;
    L->entry = idx;
    L->entry_key = key;
    L->entry_map = n;
    cc_schema_load(L, &cc_schema_team, n, path, key, t, NULL);
}

int cc_load_teams(cc_loader *L, const cc_field *f, yaml_node_t *m, const char *path, void *obj)
{
    cc_scenario *s = obj;
    yaml_node_pair_t *p;
    int n, i = 0;

    (void)f;
    n = cc_yw_check_name_map(&L->w, m, path, CC_MAX_TEAMS, "teams");
    if (n == 0) {
        if (m->type == YAML_MAPPING_NODE)
            cc_yw_error(&L->w, CC_EINVAL, m, path, "no team defined; at least one is needed");
        return 0;
    }
    s->teams = cc_xcalloc((size_t)n, sizeof(*s->teams));
    L->team_names = cc_xcalloc((size_t)n, sizeof(char *));
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        const char *name = cc_yw_entry_name(&L->w, p);
        int j, dup = 0;
        for (j = 0; j < i; j++)
            if (!strcmp(s->teams[j].name, name))
                dup = 1;
        s->teams[i].name = cc_xstrdup(name);
        s->teams[i].proficiency = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1),
                                             sizeof(double));
        s->teams[i].max_concurrency = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1),
                                                 sizeof(int));
        L->team_names[i] = name[0] && !dup ? s->teams[i].name : NULL;
    }
    s->n_teams = n;
    i = 0;
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        yaml_node_t *k = cc_yw_node(&L->w, p->key), *v = cc_yw_node(&L->w, p->value);
        if (!k || !v)
            break;
        if (!L->team_names[i])
            continue;
        load_team(L, i, k, v);
    }
    return 1;
}
