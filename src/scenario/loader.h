/*
 * Private interface of the scenario loader's files: the state of one load
 * (cc_loader), and the section loaders that the top-level table of
 * load_entry.c calls, each file holding the schema table of its section and
 * the rules across fields that the table cannot state.
 *
 *   yaml_walk.c       generic YAML walker: nodes, diagnostics, typed scalars
 *   schema.c          the table-driven engine and distributions
 *   schema_doc.c      the README key tables printed from the schema
 *   load_calendar.c   horizon, profiles, seasons
 *   load_channels.c   channels and their sub-maps
 *   load_forecast.c   a channel's volume read from a forecast.csv
 *   load_chatbots.c   chatbots
 *   load_teams.c      teams, shifts, shrinkage
 *   load_routing.c    routing, and the checks across channels and teams
 *   load_plan.c       simulation and plan (shift rules, overtime, options)
 *   override.c        --set overrides and plan options patched into the document
 *   load_entry.c      parsing, the top level, the public entry points
 *   planned_source.c  a loaded scenario written back as YAML with new staffing
 */
#ifndef CC_SCENARIO_LOADER_H
#define CC_SCENARIO_LOADER_H

#include <stdio.h>

#include "cc_scenario.h"
#include "scenario/schema.h"
#include "scenario/yaml_walk.h"

#define CC_MAX_PROFILES 256      /* named profiles */
#define CC_MAX_CHATBOTS 64       /* chatbots */
#define CC_MAX_TOTAL_SHIFTS 16384 /* shifts over all teams */

/* The state of one load. */
struct cc_loader {
    cc_yw w;                      /* the document, diagnostics and visit budget */
    cc_scenario *s;               /* the scenario being built, owned until handed out */
    int horizon_ok;               /* 1 when days and interval are known to be valid */
    int derived;                  /* 1 when loading a plan option variant */
    const char **ch_names;        /* [n_channels] names for lookups (borrowed) */
    const char **team_names;      /* [n_teams] */
    const char **bot_names;       /* [n_chatbots] */
    const char **profile_names;   /* [n_profiles] */
    int skills_failed;            /* 1 when some team's skills had errors */
    int *route_given;             /* [n_channels] 1 when routing.channels.X.teams is given */
    int total_shifts;             /* shifts of the teams loaded so far */
    int entry;                    /* index of the channel, bot or team being loaded */
    yaml_node_t *entry_key;       /* its key, where a missing key is reported */
    yaml_node_t *entry_map;       /* its mapping, for rules across its keys */
    int kind_ok;                  /* 1 when the current channel's kind is valid */
};

/*
 * Section loaders: `load` hooks of the top-level table (cc_field_fn), with
 * `obj` the scenario. Each fills its part of L->s and reports its problems.
 */
int cc_load_horizon(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                    void *obj);
int cc_load_profiles(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                     void *obj);
int cc_load_seasons(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                    void *obj);
int cc_load_channels(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                     void *obj);
int cc_load_chatbots(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                     void *obj);
int cc_load_teams(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *obj);
int cc_load_routing(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                    void *obj);
int cc_load_simulation(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path,
                       void *obj);
int cc_load_plan(cc_loader *L, const cc_field *f, yaml_node_t *v, const char *path, void *obj);

/* After all sections: channels no team serves, skilled teams left out of explicit routes. */
void cc_load_cross_checks(cc_loader *L);

/*
 * A profile given by name or inline body at `path` (an inline one is added
 * as profile `inline_name`): its index, or -1 after reporting.
 */
int cc_load_profile_ref(cc_loader *L, yaml_node_t *v, const char *path, const char *inline_name);

/*
 * Channel c's volume from a forecast.csv (load_forecast.c): `file` is
 * resolved against the scenario file's folder, and the rows of channel
 * `want` (NULL: the channel's own name, or the only channel of the file)
 * fill c->forecast_volume for every interval of the horizon; c->forecast_path
 * keeps the file opened. Returns 1, or 0 after reporting the file's
 * FILE:LINE:COL at node v.
 */
int cc_load_forecast_volume(cc_loader *L, yaml_node_t *v, const char *path, cc_channel *c,
                            const char *file, const char *want);

/* Horizon day index of an absolute day count. */
long cc_horizon_day(const cc_scenario *s, long abs_days);

/*
 * A duration distribution at `path`: a bare duration (exponential with that
 * mean), `none` when allow_none, or {dist, mean, cv | sd, values}. Returns 1
 * when valid; *out is filled (and owns its values) only then.
 */
int cc_load_dist(cc_loader *L, yaml_node_t *n, const char *path, int allow_none, cc_dist *out);

/* ---- overrides (override.c) ---- */

/*
 * Sets the value at ov->path of the document to ov->value (YAML text),
 * rewriting scalar short forms into their mappings on the way. Returns 1,
 * or 0 after reporting.
 */
int cc_override_apply(cc_loader *L, const cc_override *ov);

/* Applies plan.options[option].set of the document itself; 0 after reporting. */
int cc_override_apply_option(cc_loader *L, int option);

/* ---- the scenario with new staffing (planned_source.c) ---- */

/*
 * Writes scenario `s` as YAML text to `out`: its source text with the
 * overrides of its load (s->overrides, then plan option s->option_index
 * when >= 0) applied as the loader applies them, `plan.options` removed,
 * and, for every team t with shifts[t] != NULL, the team's `shifts` or
 * `agents` replaced (in place) by a `shifts` list of the n_shifts[t]
 * entries of shifts[t] in order. Of each entry it writes name, days (the
 * weekday mask), start_s and length_s (whole minutes on the team's clock;
 * past midnight it writes `overnight: true`), agents, and first_day and
 * last_day as the dates `from` and `to` (horizon days of the team's
 * dates: first_day in -3 .. days-1, last_day in max(0, first_day) ..
 * days+2). Teams with shifts[t] NULL are written as the source has them.
 * `comment` (may be NULL) comes first, each line written as "# LINE".
 * Comments of the source are not kept (libyaml drops them); the output is
 * the same bytes for the same arguments.
 * exceptions: CC_EINVAL (an entry the loader would refuse, more than
 *             CC_MAX_SHIFTS for a team or CC_MAX_TOTAL_SHIFTS in all with
 *             the teams kept as written, an override that no longer
 *             applies), CC_ESYNTAX (the source no longer parses), CC_EIO.
 */
cc_status cc_scenario_write_restaffed(FILE *out, const cc_scenario *s, const char *comment,
                                      const cc_shift *const *shifts, const int *n_shifts,
                                      cc_error *err);

/* ---- section tables (documented in scenarios/README.md) ---- */

extern const cc_schema cc_schema_top;
extern const cc_schema cc_schema_horizon;
extern const cc_schema cc_schema_profile;
extern const cc_schema cc_schema_channel;
extern const cc_schema cc_schema_profile_days;
extern const cc_schema cc_schema_target;
extern const cc_schema cc_schema_dist;
extern const cc_schema cc_schema_season;
extern const cc_schema cc_schema_chatbot;
extern const cc_schema cc_schema_team;
extern const cc_schema cc_schema_shift;
extern const cc_schema cc_schema_routing;
extern const cc_schema cc_schema_route;
extern const cc_schema cc_schema_simulation;
extern const cc_schema cc_schema_plan;
extern const cc_schema cc_schema_shift_rule;
extern const cc_schema cc_schema_option;

#endif
