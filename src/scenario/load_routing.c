/*
 * The routing section: channel priorities, which teams serve a channel in
 * which order, and overflow to other teams after a wait; then the checks
 * across channels and teams that only make sense once every section is
 * loaded (a channel nobody can serve, a skilled team left out of a route).
 * Without explicit routes, every skilled team serves a channel in file order.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "scenario/loader.h"

#define DAY 86400.0

static int team_listed(const int *list, int n, int team)
{
    int i;
    for (i = 0; i < n; i++)
        if (list[i] == team)
            return 1;
    return 0;
}

/* ---- overflow -------------------------------------------------------------------- */

/* One overflow entry being loaded. */
typedef struct overflow_entry {
    int team;                     /* team index, -1 until valid */
    double after_s;               /* wait before overflowing, seconds */
} overflow_entry;

/* The overflow team must have the skill, and be listed once. */
static int check_overflow_team(cc_loader *L, const cc_field *f, yaml_node_t *v,
                               const char *path, void *obj)
{
    cc_scenario *s = L->s;
    const cc_channel *c = &s->channels[L->entry];
    overflow_entry *o = obj;
    const cc_team *t = &s->teams[o->team];

    (void)f;
    if (t->proficiency[L->entry] <= 0.0)
        cc_yw_error(&L->w, CC_EINVAL, v, path,
                    "team '%s' has no skill for '%s'; add it to teams.%s.skills", t->name,
                    c->name, t->name);
    else if (team_listed(c->overflow_teams, c->n_overflow, o->team))
        cc_yw_error(&L->w, CC_EINVAL, v, path, "team '%s' is listed twice", t->name);
    else
        return 1;
    o->team = -1;
    return 0;
}

static const cc_field overflow_fields[] = {
    {"team", CC_VK_TEAM, CC_F_REQUIRED, .at = CC_AT(overflow_entry, team),
     .check = check_overflow_team, .missing = "the team that takes the overflow",
     .doc_allowed = "with the skill", .doc_default = "required with `overflow`",
     .help = "the team that takes the channel's contacts that waited `after`"},
    {"after", CC_VK_DURATION, CC_F_REQUIRED, .lo = 0, .hi = 30 * DAY,
     .at = CC_AT(overflow_entry, after_s), .missing = "the wait before overflowing, e.g. 60s",
     .doc_default = "required with `overflow`", .help = "the wait before overflowing"},
};

static const cc_schema overflow_schema =
    CC_SCHEMA("routing.channels.NAME.overflow", overflow_fields);

static void load_overflow_one(cc_loader *L, cc_channel *c, yaml_node_t *v, const char *path)
{
    overflow_entry o = {-1, 0.0};
    int ok;

    if (!cc_schema_load(L, &overflow_schema, v, path, NULL, &o, &ok) || !ok)
        return;
    c->overflow_teams = cc_xrealloc(c->overflow_teams, (size_t)(c->n_overflow + 1) * sizeof(int));
    c->overflow_after_s = cc_xrealloc(c->overflow_after_s,
                                      (size_t)(c->n_overflow + 1) * sizeof(double));
    c->overflow_teams[c->n_overflow] = o.team;
    c->overflow_after_s[c->n_overflow] = o.after_s;
    c->n_overflow++;
}

/* `overflow`: one {team, after}, or a list of them. */
static int load_overflow(cc_loader *L, const cc_field *f, yaml_node_t *x, const char *path,
                         void *obj)
{
    cc_channel *c = obj;
    yaml_node_item_t *it;
    int i = 0;

    (void)f;
    if (x->type != YAML_SEQUENCE_NODE) {
        load_overflow_one(L, c, x, path);
        return 1;
    }
    if (cc_yw_seq_len(x) > (size_t)CC_MAX_TEAMS) {
        cc_yw_error(&L->w, CC_EINVAL, x, path, "at most %d overflow teams", CC_MAX_TEAMS);
        return 0;
    }
    for (it = x->data.sequence.items.start; it < x->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *o = cc_yw_node(&L->w, *it);
        if (!o)
            break;
        cc_yw_index(ip, path, i);
        load_overflow_one(L, c, o, ip);
    }
    return 1;
}

/* ---- routes ----------------------------------------------------------------------- */

/* `teams`: the teams serving the channel, in preference order, each skilled and listed once. */
static int load_route_teams(cc_loader *L, const cc_field *f, yaml_node_t *x, const char *path,
                            void *obj)
{
    cc_scenario *s = L->s;
    cc_channel *c = obj;
    int ch = L->entry, i = 0;
    yaml_node_item_t *it;

    (void)f;
    L->route_given[ch] = 1;
    if (!cc_yw_expect(&L->w, x, YAML_SEQUENCE_NODE, path, "a list of teams in preference order"))
        return 0;
    if (cc_yw_seq_len(x) > (size_t)CC_MAX_TEAMS) {
        cc_yw_error(&L->w, CC_EINVAL, x, path, "at most %d teams", CC_MAX_TEAMS);
        return 0;
    }
    c->route_teams = cc_xcalloc(cc_yw_seq_len(x) ? cc_yw_seq_len(x) : 1, sizeof(int));
    for (it = x->data.sequence.items.start; it < x->data.sequence.items.top; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *o = cc_yw_node(&L->w, *it);
        int team;
        if (!o)
            break;
        cc_yw_index(ip, path, i);
        team = cc_yw_ref(&L->w, o, ip, "team", L->team_names, s->n_teams);
        if (team < 0)
            continue;
        if (s->teams[team].proficiency[ch] <= 0.0) {
            cc_yw_error(&L->w, CC_EINVAL, o, ip,
                        "team '%s' has no skill for '%s'; add it to teams.%s.skills",
                        s->teams[team].name, c->name, s->teams[team].name);
            continue;
        }
        if (team_listed(c->route_teams, c->n_route_teams, team)) {
            cc_yw_error(&L->w, CC_EINVAL, o, ip, "team '%s' is listed twice",
                        s->teams[team].name);
            continue;
        }
        if (team_listed(c->overflow_teams, c->n_overflow, team)) {
            cc_yw_error(&L->w, CC_EINVAL, o, ip,
                        "team '%s' is also an overflow team of '%s'; list it in one place",
                        s->teams[team].name, c->name);
            continue;
        }
        c->route_teams[c->n_route_teams++] = team;
    }
    return 1;
}

static const cc_field route_fields[] = {
    {"teams", CC_VK_CUSTOM, .load = load_route_teams, .doc_type = "list of teams",
     .doc_allowed = "teams with the skill, each once, none also an overflow team",
     .doc_default = "every skilled team not used as overflow, in file order",
     .help = "teams serving the channel, in preference order"},
    {"overflow", CC_VK_CUSTOM, CC_F_EARLY | CC_F_INLINE, .sub = &overflow_schema,
     .load = load_overflow, .doc_type = "mapping or list", .doc_default = "none",
     .help = "teams that take the channel's contacts after a wait: `{team: vendor, after: 60s}` "
             "or a list of them"},
};

const cc_schema cc_schema_route = CC_SCHEMA("routing.channels.NAME", route_fields);

/* `routing.channels`: {channel: {teams, overflow}}, each channel once. */
static int load_routes(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                       void *obj)
{
    cc_scenario *s = obj;
    yaml_node_pair_t *q;

    (void)f;
    if (!cc_yw_expect(&L->w, v, YAML_MAPPING_NODE, path,
                      "a mapping of channel: {teams, overflow}"))
        return 0;
    for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
        yaml_node_t *k = cc_yw_node(&L->w, q->key), *x = cc_yw_node(&L->w, q->value);
        char p[CC_YW_PATH_MAX];
        yaml_node_pair_t *q2;
        int ch, dup = 0;
        if (!k || !x)
            break;
        ch = cc_yw_ref(&L->w, k, path, "channel", L->ch_names, s->n_channels);
        if (ch < 0)
            continue;
        for (q2 = v->data.mapping.pairs.start; q2 < q; q2++) {
            yaml_node_t *k2 = cc_yw_node(&L->w, q2->key);
            if (k2 && k2->type == YAML_SCALAR_NODE && !strcmp(cc_yw_scalar(k2), cc_yw_scalar(k)))
                dup = 1;
        }
        if (dup) {
            cc_yw_error(&L->w, CC_EINVAL, k, path, "duplicate channel '%s'", cc_yw_scalar(k));
            continue;
        }
        cc_yw_join(p, path, cc_yw_scalar(k));
        L->entry = ch;
        cc_schema_load(L, &cc_schema_route, x, p, NULL, &s->channels[ch], NULL);
    }
    return 1;
}

/* ---- routing ------------------------------------------------------------------------ */

/* `priority`: channels from the highest priority, each once; ranks go into their priority. */
static int load_priority(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                         void *obj)
{
    cc_scenario *s = obj;
    yaml_node_item_t *it;
    int i = 0, rank = 0;

    (void)f;
    if (!cc_yw_expect(&L->w, v, YAML_SEQUENCE_NODE, path,
                      "a list of channels, highest priority first"))
        return 0;
    for (it = v->data.sequence.items.start;
         it < v->data.sequence.items.top && i < 4 * CC_MAX_CHANNELS; it++, i++) {
        char ip[CC_YW_PATH_MAX];
        yaml_node_t *x = cc_yw_node(&L->w, *it);
        int ch;
        if (!x)
            break;
        cc_yw_index(ip, path, i);
        ch = cc_yw_ref(&L->w, x, ip, "channel", L->ch_names, s->n_channels);
        if (ch < 0)
            continue;
        if (s->channels[ch].priority >= 0) {
            cc_yw_error(&L->w, CC_EINVAL, x, ip, "channel '%s' is listed twice",
                        s->channels[ch].name);
            continue;
        }
        s->channels[ch].priority = rank++;
    }
    return 1;
}

static const char *const chat_policy_names[] = {"fill", "spread", NULL};

static const cc_field routing_fields[] = {
    {"priority", CC_VK_CUSTOM, .load = load_priority, .doc_type = "list of channels",
     .doc_allowed = "each once",
     .doc_default = "unlisted channels follow by kind: voice, chat, messaging, social, email, "
                    "then file order",
     .help = "channels from the highest priority; a free agent takes the most urgent waiting "
             "contact it is skilled for"},
    {"chat_assignment", CC_VK_ENUM, .names = chat_policy_names,
     .at = CC_AT(cc_scenario, chat_assignment),
     .help = "which agent gets a new chat or message: `fill` (the agent with most open sessions "
             "below its limit, freeing whole agents for calls) or `spread` (fewest open "
             "sessions)"},
    {"strict_priority", CC_VK_BOOL, .def = 1, .at = CC_AT(cc_scenario, strict_priority),
     .help = "an agent skilled for a higher-priority channel that has contacts waiting takes no "
             "new lower-priority sessions"},
    {"channels", CC_VK_NAMES, .sub = &cc_schema_route, .load = load_routes,
     .doc_type = "mapping channel: route", .doc_default = "none",
     .help = "the route of each channel (below)"},
};

const cc_schema cc_schema_routing = CC_SCHEMA("routing", routing_fields);

/* Order of channels not named in routing.priority. */
static int kind_rank(cc_channel_kind k)
{
    switch (k) {
    case CC_CHANNEL_VOICE: return 0;
    case CC_CHANNEL_CHAT: return 1;
    case CC_CHANNEL_MESSAGING: return 2;
    case CC_CHANNEL_SOCIAL: return 3;
    case CC_CHANNEL_EMAIL: return 4;
    }
    return 5;
}

int cc_load_routing(cc_loader *L, const cc_field *f, yaml_node_t *r, const char *path, void *obj)
{
    cc_scenario *s = obj;
    int ch, t, kr, rank = 0;

    (void)f;
    cc_schema_defaults(&cc_schema_routing, s);
    L->route_given = cc_xcalloc((size_t)(s->n_channels ? s->n_channels : 1), sizeof(int));
    for (ch = 0; ch < s->n_channels; ch++)
        s->channels[ch].priority = -1;
    if (r)
        cc_schema_load(L, &cc_schema_routing, r, path, NULL, s, NULL);

    /* Channels not named in routing.priority follow, by kind then file order. */
    for (ch = 0; ch < s->n_channels; ch++)
        if (s->channels[ch].priority >= 0)
            rank++;
    for (kr = 0; kr <= 5; kr++)
        for (ch = 0; ch < s->n_channels; ch++)
            if (s->channels[ch].priority < 0 && kind_rank(s->channels[ch].kind) == kr)
                s->channels[ch].priority = rank++;

    /* Default routes: every skilled team not used as overflow, in file order. */
    for (ch = 0; ch < s->n_channels; ch++) {
        cc_channel *c = &s->channels[ch];
        if (L->route_given[ch])
            continue;
        free(c->route_teams);
        c->route_teams = cc_xcalloc((size_t)(s->n_teams ? s->n_teams : 1), sizeof(int));
        c->n_route_teams = 0;
        for (t = 0; t < s->n_teams; t++)
            if (s->teams[t].proficiency[ch] > 0.0 &&
                !team_listed(c->overflow_teams, c->n_overflow, t))
                c->route_teams[c->n_route_teams++] = t;
    }
    return 1;
}

/* ---- checks across sections ---------------------------------------------------------- */

void cc_load_cross_checks(cc_loader *L)
{
    cc_scenario *s = L->s;
    int ch, t;

    for (ch = 0; ch < s->n_channels; ch++) {
        cc_channel *c = &s->channels[ch];
        int skilled = 0;
        if (!L->ch_names || !L->ch_names[ch])
            continue;
        for (t = 0; t < s->n_teams; t++)
            if (s->teams[t].proficiency[ch] > 0.0)
                skilled = 1;
        if (!skilled && s->n_teams > 0 && !L->skills_failed) {
            cc_diag_add(&L->w.d, CC_DIAG_ERROR, CC_EINVAL, c->line, c->col,
                        "channels.%s: no team can serve this channel; add '%s' to a team's "
                        "skills",
                        c->name, c->name);
            continue;
        }
        if (L->route_given && L->route_given[ch]) {
            for (t = 0; t < s->n_teams; t++)
                if (s->teams[t].proficiency[ch] > 0.0 &&
                    !team_listed(c->route_teams, c->n_route_teams, t) &&
                    !team_listed(c->overflow_teams, c->n_overflow, t))
                    cc_diag_add(&L->w.d, CC_DIAG_WARNING, CC_OK, s->teams[t].line,
                                s->teams[t].col,
                                "teams.%s: skilled for '%s' but not listed in "
                                "routing.channels.%s; it takes no '%s' contacts",
                                s->teams[t].name, c->name, c->name, c->name);
            if (c->n_route_teams == 0 && c->n_overflow == 0)
                cc_diag_add(&L->w.d, CC_DIAG_ERROR, CC_EINVAL, c->line, c->col,
                            "channels.%s: routing lists no team for this channel", c->name);
        }
    }
}
