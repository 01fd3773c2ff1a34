/*
 * ccsim validate: loads a scenario, prints every problem of the file as
 * FILE:LINE:COL: error|warning: MESSAGE on stderr, and on success a short
 * summary of what the scenario describes on stdout (channels with weekly
 * volume, peak rate and target; teams with hours and cost; the seasonal
 * calendar; bots; plan options). Exit 0 when valid, 2 when not.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cc_diag.h"
#include "cc_scenario.h"
#include "cli.h"
#include "options.h"

#define MAX_SETS 64

static void validate_help(void)
{
    printf("usage: ccsim validate [--quiet] [--json] [--set KEY=VALUE]... [--option NAME] "
           "SCENARIO.yaml\n"
           "\n"
           "Checks a scenario and prints a summary of what it describes: per channel the\n"
           "average weekly volume after deflection, the peak interval rate and the target;\n"
           "per team the skills, scheduled hours and cost per week; the seasonal calendar.\n"
           "\n"
           "Every problem of the file is reported in one run, on stderr, as\n"
           "  FILE:LINE:COL: error: KEY.PATH: what is wrong (what is allowed)\n"
           "  FILE:LINE:COL: warning: KEY.PATH: what looks unintended\n"
           "Warnings do not fail the check. The key reference is scenarios/README.md.\n"
           "\n"
           "options:\n"
           "  --quiet           print no summary, only problems\n"
           "  --json            print one JSON document: valid, errors, warnings and the\n"
           "                    summary (problems still go to stderr too)\n"
           "  --set KEY=VALUE   override a key before validation (YAML value), e.g.\n"
           "                    --set channels.chat.concurrency=2 (repeatable)\n"
           "  --option NAME     validate and summarise the variant of plan option NAME\n"
           "  --help            show this help\n"
           "\n"
           "Exit codes: 0 valid, 2 invalid scenario or usage error, 3 file not readable.\n");
}

static void print_diags(const cc_diag_list *d)
{
    char line[1400];
    size_t i;

    for (i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", cc_diag_format(d, i, line, sizeof(line)));
    if (d->dropped)
        fprintf(stderr, "%s: %zu more problems not shown\n", d->path ? d->path : "",
                d->dropped);
}

static void format_duration(double s, char *buf, size_t size)
{
    if (s >= 86400 && fmod(s, 3600) == 0 && fmod(s, 86400) == 0)
        snprintf(buf, size, "%gd", s / 86400);
    else if (s >= 3600 && fmod(s, 60) == 0)
        snprintf(buf, size, "%gh", s / 3600);
    else if (s >= 60)
        snprintf(buf, size, "%gm", s / 60);
    else
        snprintf(buf, size, "%gs", s);
}

static void format_offset(double s, char *buf, size_t size)
{
    long m = lround(fabs(s) / 60.0);
    snprintf(buf, size, "UTC%c%02ld:%02ld", s < 0 ? '-' : '+', m / 60, m % 60);
}

static void print_channels(const cc_scenario *s)
{
    int ch, i;

    printf("\nchannels (%d)%*s%-9s %10s %6s %9s  %-16s  %s\n", s->n_channels, 8, "", "kind",
           "week vol", "defl", "peak/h", "peak at", "target");
    for (ch = 0; ch < s->n_channels; ch++) {
        const cc_channel *c = &s->channels[ch];
        double total = 0.0, gross = 0.0, peak = 0.0, tw;
        int peak_i = 0;
        char when[32], date[11], within[32], extra[96] = "";
        for (i = 0; i < s->n_intervals; i++) {
            double r = cc_scenario_channel_rate(s, ch, i);
            total += r * s->interval_s;
            gross += cc_scenario_channel_rate_gross(s, ch, i) * s->interval_s;
            if (r > peak) {
                peak = r;
                peak_i = i;
            }
        }
        cc_scenario_date(s, peak_i / s->intervals_per_day, date);
        tw = (peak_i % s->intervals_per_day) * s->interval_s / 60.0;
        snprintf(when, sizeof(when), "%s %02d:%02d", date, (int)tw / 60, (int)tw % 60);
        format_duration(c->target.answer_within_s, within, sizeof(within));
        if (c->target.has_max_abandon)
            snprintf(extra, sizeof(extra), ", abandon <= %g%%", c->target.max_abandon * 100.0);
        if (c->target.has_max_asa) {
            char asa[32];
            size_t used = strlen(extra);
            format_duration(c->target.max_asa_s, asa, sizeof(asa));
            snprintf(extra + used, sizeof(extra) - used, ", ASA <= %s", asa);
        }
        printf("  %-18s %-9s %10.0f %5.1f%% %9.1f  %-16s  %g%% %s %s%s\n", c->name,
               cc_channel_kind_name(c->kind), total * 7.0 / s->days,
               gross > 0 ? 100.0 * (1.0 - total / gross) : 0.0, peak * 3600.0,
               peak > 0 ? when : "-", c->target.service_level * 100.0,
               cc_channel_kind_deferred(c->kind) ? "first response in" : "in", within, extra);
    }
}

static void print_teams(const cc_scenario *s)
{
    int t, ch;

    printf("\nteams (%d)\n", s->n_teams);
    for (t = 0; t < s->n_teams; t++) {
        const cc_team *tm = &s->teams[t];
        double hours = cc_scenario_team_paid_hours(s, t) * 7.0 / s->days;
        char skills[512] = "", off[32];
        size_t used = 0;
        for (ch = 0; ch < s->n_channels && used + 2 < sizeof(skills); ch++) {
            int w;
            if (tm->proficiency[ch] <= 0.0)
                continue;
            if (tm->proficiency[ch] != 1.0)
                w = snprintf(skills + used, sizeof(skills) - used, "%s%s x%g", used ? ", " : "",
                             s->channels[ch].name, tm->proficiency[ch]);
            else
                w = snprintf(skills + used, sizeof(skills) - used, "%s%s", used ? ", " : "",
                             s->channels[ch].name);
            if (w < 0)
                break;
            used += (size_t)w;
            if (used >= sizeof(skills))
                used = sizeof(skills) - 1;
        }
        format_offset(tm->utc_offset_s, off, sizeof(off));
        printf("  %-18s%s skills: %s\n", tm->name, tm->outsourced ? " (outsourced)" : "",
               skills);
        if (tm->staffing == CC_STAFF_FLAT)
            printf("  %-18s %d agents around the clock, %s\n", "", tm->flat_agents, off);
        else
            printf("  %-18s %d shifts, %s\n", "", tm->n_shifts, off);
        printf("  %-18s %.1f scheduled hours/week, shrinkage %.1f%%, cost %.0f%s%s/week", "",
               hours, tm->shrinkage * 100.0, hours * tm->cost_per_hour,
               s->currency[0] ? " " : "", s->currency);
        if (tm->cost_per_contact > 0.0)
            printf(" + %g%s%s per handled contact", tm->cost_per_contact,
                   s->currency[0] ? " " : "", s->currency);
        printf("\n");
    }
}

static void print_calendar(const cc_scenario *s)
{
    int i, ch;

    printf("\nseasonal calendar (%d)\n", s->n_seasons);
    if (s->n_seasons == 0)
        printf("  (none: weekday multipliers only)\n");
    for (i = 0; i < s->n_seasons; i++) {
        const cc_season *se = &s->seasons[i];
        char what[512] = "";
        size_t used = 0;
        int uniform = 1;
        for (ch = 1; ch < s->n_channels; ch++)
            if (se->multiplier[ch] != se->multiplier[0])
                uniform = 0;
        if (uniform && s->n_channels > 0 && se->multiplier[0] >= 0.0) {
            used = (size_t)snprintf(what, sizeof(what), "x%g all channels", se->multiplier[0]);
        } else {
            for (ch = 0; ch < s->n_channels && used + 2 < sizeof(what); ch++) {
                int w;
                if (se->multiplier[ch] < 0.0)
                    continue;
                w = snprintf(what + used, sizeof(what) - used, "%s%s x%g", used ? ", " : "",
                             s->channels[ch].name, se->multiplier[ch]);
                if (w < 0)
                    break;
                used += (size_t)w;
                if (used >= sizeof(what))
                    used = sizeof(what) - 1;
            }
        }
        for (ch = 0; ch < s->n_channels && used + 2 < sizeof(what); ch++) {
            int w;
            if (se->deflection[ch] < 0.0)
                continue;
            w = snprintf(what + used, sizeof(what) - used, "%s%s deflection %g%%",
                         used ? ", " : "", s->channels[ch].name, se->deflection[ch] * 100.0);
            if (w < 0)
                break;
            used += (size_t)w;
            if (used >= sizeof(what))
                used = sizeof(what) - 1;
        }
        printf("  %-28s %s..%s  %s%s\n", se->name, se->from, se->to, what,
               se->combine == CC_SEASON_MULTIPLY ? " (multiplies)" : "");
    }
}

static void print_bots_and_plan(const cc_scenario *s)
{
    int i, j;

    if (s->n_chatbots) {
        printf("\nchatbots (%d)\n", s->n_chatbots);
        for (i = 0; i < s->n_chatbots; i++) {
            const cc_chatbot *b = &s->chatbots[i];
            printf("  %-18s fronts", b->name);
            for (j = 0; j < b->n_fronts; j++)
                printf("%s %s", j ? "," : "", s->channels[b->fronts[j]].name);
            if (b->ramp_length_s > 0.0) {
                char over[32];
                format_duration(b->ramp_length_s, over, sizeof(over));
                printf("; containment %g%% -> %g%% over %s", b->containment_from * 100.0,
                       b->containment_to * 100.0, over);
            } else {
                printf("; containment %g%%", b->containment_from * 100.0);
            }
            printf(", escalation +%g%% handle time", b->escalation_aht_uplift * 100.0);
            if (b->bounce_share > 0.0)
                printf(", %g%% bounce back", b->bounce_share * 100.0);
            printf("\n");
        }
    }
    printf("\nplan: %s, %s shrinkage, FTE week %gh, max occupancy %g%%\n",
           cc_scenario_method_name(s->plan.method),
           s->plan.shrinkage_method == CC_SHRINK_DIVISIVE ? "divisive" : "multiplicative",
           s->plan.fte_week_s / 3600.0, s->plan.max_occupancy * 100.0);
    for (i = 0; i < s->plan.n_options; i++)
        printf("  option %-22s %d override%s%s%s\n", s->plan.options[i].name,
               s->plan.options[i].n_set, s->plan.options[i].n_set == 1 ? "" : "s",
               s->plan.options[i].description[0] ? ": " : "", s->plan.options[i].description);
    printf("simulation: %d replications, seed %llu", s->simulation.replications,
           (unsigned long long)s->simulation.seed);
    if (s->simulation.max_arrivals > 0)
        printf(", stop after %ld arrivals", s->simulation.max_arrivals);
    if (s->simulation.drain)
        printf(", drain");
    printf("\n");
}

static void print_summary(const cc_scenario *s)
{
    char last[11], off[32];

    cc_scenario_date(s, s->days - 1, last);
    format_offset(s->utc_offset_s, off, sizeof(off));
    printf("scenario %s%s%s%s\n", s->name, s->option_index >= 0 ? " (option '" : "",
           s->option_index >= 0 ? s->plan.options[s->option_index].name : "",
           s->option_index >= 0 ? "')" : "");
    printf("horizon: %s..%s (%d day%s), %g-minute intervals, %s\n", s->start_date, last, s->days,
           s->days == 1 ? "" : "s", s->interval_s / 60.0, off);
    print_channels(s);
    print_teams(s);
    print_calendar(s);
    print_bots_and_plan(s);
}

/* Weekly volume after deflection and the peak arrival rate of one channel. */
static void channel_figures(const cc_scenario *s, int ch, double *week, double *peak_per_h)
{
    double total = 0.0, peak = 0.0;
    int i;
    for (i = 0; i < s->n_intervals; i++) {
        double r = cc_scenario_channel_rate(s, ch, i);
        total += r * s->interval_s;
        if (r > peak)
            peak = r;
    }
    *week = total * 7.0 / s->days;
    *peak_per_h = peak * 3600.0;
}

static json_t *diags_json(const cc_diag_list *d, cc_diag_level level)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; i < d->n; i++) {
        if (d->items[i].level != level)
            continue;
        json_array_append_new(arr, json_pack("{s:i, s:i, s:s}", "line", d->items[i].line, "col",
                                             d->items[i].col, "message", d->items[i].message));
    }
    return arr;
}

/* One JSON document: validity, problems and (when valid) the summary figures. */
static int print_json(const cc_diag_list *d, const cc_scenario *s, const char *path)
{
    json_t *root = json_object(), *chans, *teams;
    char *text;
    int i;

    json_object_set_new(root, "file", json_string(path));
    json_object_set_new(root, "valid", json_boolean(s != NULL));
    json_object_set_new(root, "errors", diags_json(d, CC_DIAG_ERROR));
    json_object_set_new(root, "warnings", diags_json(d, CC_DIAG_WARNING));
    if (s) {
        json_object_set_new(root, "scenario", json_string(s->name));
        json_object_set_new(root, "option",
                            s->option_index >= 0
                                ? json_string(s->plan.options[s->option_index].name)
                                : json_null());
        json_object_set_new(root, "start_date", json_string(s->start_date));
        json_object_set_new(root, "days", json_integer(s->days));
        json_object_set_new(root, "interval_s", json_real(s->interval_s));
        chans = json_array();
        for (i = 0; i < s->n_channels; i++) {
            const cc_channel *c = &s->channels[i];
            double week, peak;
            channel_figures(s, i, &week, &peak);
            json_array_append_new(
                chans, json_pack("{s:s, s:s, s:f, s:f, s:f, s:f}", "name", c->name, "kind",
                                 cc_channel_kind_name(c->kind), "weekly_volume", week,
                                 "peak_per_hour", peak, "answer_within_s",
                                 c->target.answer_within_s, "service_level",
                                 c->target.service_level));
        }
        json_object_set_new(root, "channels", chans);
        teams = json_array();
        for (i = 0; i < s->n_teams; i++) {
            const cc_team *t = &s->teams[i];
            double hours = cc_scenario_team_paid_hours(s, i) * 7.0 / s->days;
            json_array_append_new(
                teams, json_pack("{s:s, s:b, s:f, s:f, s:f, s:f}", "name", t->name, "outsourced",
                                 t->outsourced, "hours_per_week", hours, "shrinkage",
                                 t->shrinkage, "cost_per_week", hours * t->cost_per_hour,
                                 "cost_per_contact", t->cost_per_contact));
        }
        json_object_set_new(root, "teams", teams);
    }
    text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (!text)
        return CLI_BUG;
    printf("%s\n", text);
    free(text);
    return 0;
}

int cmd_validate(int argc, char **argv)
{
    enum { OPT_QUIET = CLI_OPT_BASE, OPT_JSON, OPT_SET, OPT_OPTION, OPT_HELP };
    static const struct option longopts[] = {
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"json", no_argument, NULL, OPT_JSON},
        {"set", required_argument, NULL, OPT_SET},
        {"option", required_argument, NULL, OPT_OPTION},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    cc_override sets[MAX_SETS];
    size_t n_sets = 0;
    const char *path = NULL, *option = NULL;
    int quiet = 0, json = 0, c, rc;
    struct cli_parser p;
    cc_diag_list d;
    cc_scenario *s = NULL, *v = NULL;
    cc_error err;
    cc_status st;

    cli_parser_init(&p, "validate", longopts, argc, argv);
    cli_parser_repeatable(&p, OPT_SET);
    cli_parser_positional(&p, 64); /* counted below, to say "one at a time" */
    while ((c = cli_parser_next(&p)) != -1) {
        switch (c) {
        case OPT_HELP:
            validate_help();
            return fflush(stdout) ? CLI_IO : CLI_OK;
        case OPT_QUIET: quiet = 1; break;
        case OPT_JSON: json = 1; break;
        case OPT_OPTION: option = p.value; break;
        case OPT_SET:
            if ((rc = cli_parse_set((char *)p.value, sets, &n_sets, MAX_SETS)))
                return rc;
            break;
        default: return CLI_USAGE; /* the parser printed the problem */
        }
    }
    if (argc - p.first_positional > 1) {
        cli_errorf("validate: one scenario at a time; got '%s' and '%s'",
                   argv[p.first_positional], argv[p.first_positional + 1]);
        return CLI_USAGE;
    }
    if (p.first_positional < argc)
        path = argv[p.first_positional];
    if (!path) {
        cli_errorf("validate: missing SCENARIO.yaml; run 'ccsim validate --help'");
        return CLI_USAGE;
    }

    cc_diag_list_init(&d);
    cc_diag_list_set_path(&d, path);
    cc_error_clear(&err);
    st = cc_scenario_load_file_with_overrides(path, sets, n_sets, &s, &d, &err);
    if (st == CC_OK && option) {
        int k, found = -1;
        for (k = 0; k < s->plan.n_options; k++)
            if (!strcmp(s->plan.options[k].name, option))
                found = k;
        if (found < 0) {
            cc_diag_add(&d, CC_DIAG_ERROR, CC_EINVAL, 0, 0,
                        "plan.options: no option named '%s' (the scenario has %d)", option,
                        s->plan.n_options);
            st = CC_EINVAL;
        } else {
            cc_diag_list od;
            cc_diag_list_init(&od);
            cc_diag_list_set_path(&od, path);
            st = cc_scenario_derive_option(s, found, &v, &od, &err);
            if (st != CC_OK) {
                size_t k2;
                for (k2 = 0; k2 < od.n; k2++)
                    cc_diag_add(&d, od.items[k2].level, od.items[k2].code, od.items[k2].line,
                                od.items[k2].col, "%s", od.items[k2].message);
            }
            cc_diag_list_release(&od);
        }
    }
    print_diags(&d);
    if (json && st != CC_EIO && print_json(&d, st == CC_OK ? (v ? v : s) : NULL, path))
        st = CC_ENUMERIC;
    if (st != CC_OK) {
        fprintf(stderr, "ccsim: error: %s: %zu error%s, %zu warning%s\n", path, d.n_errors,
                d.n_errors == 1 ? "" : "s", d.n_warnings, d.n_warnings == 1 ? "" : "s");
        rc = cli_exit_for(st);
        if (fflush(stdout))
            rc = CLI_IO;
    } else {
        if (!quiet && !json)
            print_summary(v ? v : s);
        rc = fflush(stdout) ? CLI_IO : CLI_OK;
    }
    cc_scenario_free(v);
    cc_scenario_free(s);
    cc_diag_list_release(&d);
    return rc;
}
