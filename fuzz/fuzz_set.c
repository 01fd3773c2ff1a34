/*
 * libFuzzer harness for --set: the input is split at its first two newlines
 * into up to three KEY=VALUE overrides, applied to a small valid scenario
 * through cc_scenario_load_with_overrides, the path ccsim run --set takes.
 * When the result loads, its model is built too. Any crash, hang, leak or
 * sanitizer report is a bug in the override path or the loader.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cc_scenario.h"
#include "cc_sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] =
    "version: 1\n"
    "name: fuzz-set\n"
    "horizon: {start: 2026-01-05, days: 2, interval: 30m}\n"
    "channels:\n"
    "  phone:\n"
    "    kind: voice\n"
    "    volume: 500\n"
    "    handle_time: {dist: lognormal, mean: 5m, cv: 0.7}\n"
    "    patience: {dist: exponential, mean: 2m}\n"
    "    retry: {share: 30%, delay: 10m}\n"
    "    transfer: {share: 5%, channel: email}\n"
    "  email:\n"
    "    kind: email\n"
    "    volume: 100\n"
    "    handle_time: 8m\n"
    "teams:\n"
    "  t1:\n"
    "    skills: [phone, email]\n"
    "    shifts: [{start: \"08:00\", end: \"17:00\", agents: 12}]\n"
    "simulation: {replications: 2}\n"
    "plan:\n"
    "  options:\n"
    "    - {name: more, set: {\"teams.t1.shifts[0].agents\": 14}}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *line = text, *next;
    cc_override ov[3];
    int n = 0;
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_error err;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    while (line && n < 3) {
        char *eq;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        eq = strchr(line, '=');
        if (eq) {
            *eq = '\0';
            ov[n].path = line;
            ov[n].value = eq + 1;
            n++;
        }
        line = next;
    }
    cc_diag_list_init(&d);
    if (cc_scenario_load_with_overrides(base, sizeof base - 1, "fuzz.yaml", ov, (size_t)n, &s,
                                        &d, &err) == CC_OK) {
        cc_simmodel *m = NULL;
        if (cc_simmodel_from_scenario(s, &m, &err) == CC_OK) {
            double ev, bytes;
            cc_simmodel_estimate(m, 1, &ev, &bytes);
            cc_simmodel_free(m);
        }
        cc_scenario_free(s);
    }
    cc_diag_list_release(&d);
    free(text);
    return 0;
}
