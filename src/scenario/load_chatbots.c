/*
 * The chatbots section: bots in front of channels. A contact on a fronted
 * channel spends time_in_bot, then is contained, bounces back later, or
 * escalates to the agent queue. Containment may ramp linearly between two
 * shares; its start must lie in the horizon, so that check waits for a
 * valid horizon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "scenario/loader.h"

#define DAY 86400.0

/* ---- containment ------------------------------------------------------------------- */

enum { R_FROM, R_TO, R_START, R_OVER };

static const cc_field ramp_fields[] = {
    [R_FROM] = {"from", CC_VK_SHARE, .hi = 1, .doc_default = "required in a ramp",
                .help = "containment at the ramp start"},
    [R_TO] = {"to", CC_VK_SHARE, .hi = 1, .doc_default = "required in a ramp",
              .help = "containment at and after the ramp end"},
    [R_START] = {"start", CC_VK_DATE, .doc_allowed = "in the horizon",
                 .doc_default = "the horizon start", .help = "first day of the ramp"},
    [R_OVER] = {"over", CC_VK_DURATION, .lo = 0, .hi = 3650 * DAY,
                .doc_default = "required in a ramp", .help = "length of the ramp"},
};

static const cc_schema ramp_schema = CC_SCHEMA("chatbots.NAME.containment", ramp_fields);

static void load_ramp(cc_loader *L, cc_chatbot *b, yaml_node_t *v, const char *path)
{
    cc_scenario *s = L->s;
    char q[CC_YW_PATH_MAX];
    yaml_node_t *x;

    if (!(x = cc_yw_map_get(&L->w, v, "from")) || !cc_yw_map_get(&L->w, v, "to") ||
        !cc_yw_map_get(&L->w, v, "over")) {
        cc_yw_error(&L->w, CC_ESCHEMA, v, path,
                    "a containment ramp needs 'from', 'to' and 'over' (and optionally 'start')");
    } else {
        cc_yw_join(q, path, "from");
        cc_field_parse(L, &ramp_fields[R_FROM], x, q, &b->containment_from);
        x = cc_field_node(L, &ramp_fields[R_TO], v, path, q);
        cc_field_parse(L, &ramp_fields[R_TO], x, q, &b->containment_to);
        x = cc_field_node(L, &ramp_fields[R_OVER], v, path, q);
        cc_field_parse(L, &ramp_fields[R_OVER], x, q, &b->ramp_length_s);
    }
    if ((x = cc_field_node(L, &ramp_fields[R_START], v, path, q))) {
        long day;
        if (cc_field_parse(L, &ramp_fields[R_START], x, q, &day) && L->horizon_ok) {
            long hd = cc_horizon_day(s, day);
            if (hd < 0 || hd >= s->days) {
                char last[11];
                cc_scenario_date(s, s->days - 1, last);
                cc_yw_error(&L->w, CC_EINVAL, x, q, "'%s' is outside the horizon %s..%s",
                            cc_yw_scalar(x), s->start_date, last);
            } else {
                b->ramp_start_s = hd * DAY;
            }
        }
    }
}

/* `containment`: one share, or a ramp {from, to, over, start}. */
static int load_containment(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                            void *obj)
{
    cc_chatbot *b = obj;

    if (v->type == YAML_SCALAR_NODE) {
        if (!cc_field_parse(L, &ramp_fields[R_FROM], v, path, &b->containment_from))
            return 0;
        b->containment_to = b->containment_from;
        return 1;
    }
    if (cc_schema_keys(L, f->sub, v, path))
        load_ramp(L, b, v, path);
    return 1;
}

/* ---- fronts ------------------------------------------------------------------------ */

/* `fronts`: a channel or a list of them, each fronted by at most one bot. */
static int load_fronts(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                       void *obj)
{
    cc_scenario *s = L->s;
    cc_chatbot *b = obj;
    yaml_node_t *one[1];
    yaml_node_t **items = one;
    size_t n = 1, i;

    (void)f;
    if (v->type == YAML_SEQUENCE_NODE) {
        n = cc_yw_seq_len(v);
        if (n == 0 || n > (size_t)CC_MAX_CHANNELS) {
            cc_yw_error(&L->w, CC_EINVAL, v, path, "must name 1 to %d channels", CC_MAX_CHANNELS);
            return 0;
        }
        items = cc_xcalloc(n, sizeof(*items));
        for (i = 0; i < n; i++)
            if (!(items[i] = cc_yw_node(&L->w, v->data.sequence.items.start[i]))) {
                free(items);
                return 0;
            }
    } else {
        one[0] = v;
    }
    b->fronts = cc_xcalloc(n, sizeof(int));
    for (i = 0; i < n; i++) {
        char ip[CC_YW_PATH_MAX];
        int ch;
        if (v->type == YAML_SEQUENCE_NODE)
            cc_yw_index(ip, path, (long)i);
        else
            snprintf(ip, sizeof(ip), "%s", path);
        ch = cc_yw_ref(&L->w, items[i], ip, "channel", L->ch_names, s->n_channels);
        if (ch < 0)
            continue;
        if (s->channels[ch].chatbot >= 0) {
            cc_yw_error(&L->w, CC_EINVAL, items[i], ip,
                        "channel '%s' is already fronted by chatbot '%s'", s->channels[ch].name,
                        s->chatbots[s->channels[ch].chatbot].name);
            continue;
        }
        s->channels[ch].chatbot = L->entry;
        b->fronts[b->n_fronts++] = ch;
    }
    if (items != one)
        free(items);
    return 1;
}

/* ---- the bot ------------------------------------------------------------------------- */

static const cc_field escalation_fields[] = {
    {"handle_time_uplift", CC_VK_SHARE, .hi = 5, .at = CC_AT(cc_chatbot, escalation_aht_uplift),
     .help = "extra handle time of escalated contacts (+15-40% is typical)"},
    {"patience_factor", CC_VK_NUMBER, .lo = 0.01, .hi = 10, .def = 1,
     .at = CC_AT(cc_chatbot, escalation_patience_factor),
     .help = "patience multiplier of escalated contacts"},
};

static const cc_schema escalation_schema =
    CC_SCHEMA("chatbots.NAME.escalation", escalation_fields);

static const cc_field bounce_fields[] = {
    {"share", CC_VK_SHARE, CC_F_REQUIRED, .hi = 1, .at = CC_AT(cc_chatbot, bounce_share),
     .missing = "of the contacts not contained", .doc_default = "required with `bounce_back`",
     .help = "share of the contacts not contained that come back later"},
    {"delay", CC_VK_DIST, CC_F_REQUIRED, .at = CC_AT(cc_chatbot, bounce_delay),
     .missing = "time before the customer comes back",
     .doc_default = "required with `bounce_back`", .help = "time before they come back"},
    {"channel", CC_VK_CHANNEL, .def = -1, .at = CC_AT(cc_chatbot, bounce_channel),
     .doc_default = "the channel they came from", .help = "channel they come back on"},
};

static const cc_schema bounce_schema = CC_SCHEMA("chatbots.NAME.bounce_back", bounce_fields);

static const cc_field bot_fields[] = {
    {"fronts", CC_VK_CUSTOM, CC_F_REQUIRED, .load = load_fronts,
     .missing = "the channels the bot answers first", .doc_type = "channel or list of channels",
     .doc_allowed = "a channel has at most one bot",
     .help = "the channels whose contacts meet the bot first"},
    {"time_in_bot", CC_VK_DIST, CC_F_REQUIRED, .at = CC_AT(cc_chatbot, time_in_bot),
     .missing = "e.g. {dist: lognormal, mean: 2m, cv: 0.8}", .help = "time spent with the bot"},
    {"containment", CC_VK_CUSTOM, CC_F_REQUIRED | CC_F_INLINE, .hi = 1, .sub = &ramp_schema,
     .load = load_containment, .missing = "share resolved by the bot, or {from, to, over}",
     .doc_type = "share or mapping", .doc_allowed = "0 to 100%, or a ramp (below)",
     .help = "share resolved by the bot, or a linear ramp `{from: 20%, to: 40%, over: 56d, "
             "start: 2026-04-06}`"},
    {"escalation", CC_VK_MAP, CC_F_INLINE, .sub = &escalation_schema,
     .help = "how escalated contacts differ"},
    {"bounce_back", CC_VK_MAP, CC_F_INLINE, .sub = &bounce_schema,
     .help = "contacts not contained that leave and come back as new contacts"},
    {"description", CC_VK_NOTE, .help = "free text"},
};

const cc_schema cc_schema_chatbot = CC_SCHEMA("chatbots.NAME", bot_fields);

static void load_chatbot(cc_loader *L, int idx, yaml_node_t *key, yaml_node_t *n)
{
    cc_chatbot *b = &L->s->chatbots[idx];
    char path[CC_YW_PATH_MAX];

    cc_yw_join(path, "chatbots", b->name);
    cc_yw_pos(key, &b->line, &b->col);
    cc_schema_defaults(&cc_schema_chatbot, b);
    L->entry = idx;
    cc_schema_load(L, &cc_schema_chatbot, n, path, key, b, NULL);
}

int cc_load_chatbots(cc_loader *L, const cc_field *f, yaml_node_t *m, const char *path,
                     void *obj)
{
    cc_scenario *s = obj;
    yaml_node_pair_t *p;
    int n, i = 0;

    (void)f;
    n = cc_yw_check_name_map(&L->w, m, path, CC_MAX_CHATBOTS, "chatbots");
    if (n == 0)
        return 0;
    s->chatbots = cc_xcalloc((size_t)n, sizeof(*s->chatbots));
    L->bot_names = cc_xcalloc((size_t)n, sizeof(char *));
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        const char *name = cc_yw_entry_name(&L->w, p);
        s->chatbots[i].name = cc_xstrdup(name);
        cc_schema_defaults(&cc_schema_chatbot, &s->chatbots[i]);
        L->bot_names[i] = s->chatbots[i].name;
    }
    s->n_chatbots = n;
    i = 0;
    for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++, i++) {
        yaml_node_t *k = cc_yw_node(&L->w, p->key), *v = cc_yw_node(&L->w, p->value);
        int j, dup = 0;
        if (!k || !v)
            break;
        for (j = 0; j < i; j++)
            if (!strcmp(s->chatbots[j].name, s->chatbots[i].name))
                dup = 1;
        if (!s->chatbots[i].name[0] || dup)
            continue;
        load_chatbot(L, i, k, v);
    }
    return 1;
}
