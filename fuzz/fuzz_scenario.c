/*
 * libFuzzer harness for the scenario loader: every input is loaded as YAML
 * text; when it loads, each plan option is derived too, and an override is
 * applied, so the override and option paths are fuzzed along with the
 * walker. Any crash, leak, hang or sanitizer report is a bug in the loader.
 */
#include <stddef.h>
#include <stdint.h>

#include "cc_scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cc_diag_list d;
    cc_scenario *s = NULL;
    cc_error err;
    int i;

    cc_diag_list_init(&d);
    if (cc_scenario_load_string((const char *)data, size, "fuzz.yaml", &s, &d, &err) == CC_OK) {
        for (i = 0; i < s->plan.n_options && i < 4; i++) {
            cc_scenario *v = NULL;
            if (cc_scenario_derive_option(s, i, &v, &d, &err) == CC_OK)
                cc_scenario_free(v);
        }
        if (s->n_channels > 0) {
            cc_override ov;
            cc_scenario *v = NULL;
            char path[128];
            int n = 0;
            const char *p = "channels.";
            while (*p && n < 64)
                path[n++] = *p++;
            for (p = s->channels[0].name; *p && n < 120; p++)
                path[n++] = *p;
            p = ".deflection";
            while (*p && n < 127)
                path[n++] = *p++;
            path[n] = '\0';
            ov.path = path;
            /* a valid value half the time, a mapping the walker must reject otherwise */
            ov.value = (char *)((size & 1) ? "5%" : "{a: [1, *b]}");
            if (cc_scenario_load_with_overrides((const char *)data, size, "fuzz.yaml", &ov, 1,
                                                &v, &d, &err) == CC_OK)
                cc_scenario_free(v);
        }
        for (i = 0; i < s->n_channels; i++)
            (void)cc_scenario_channel_rate(s, i, s->n_intervals - 1);
        cc_scenario_free(s);
    }
    cc_diag_list_release(&d);
    return 0;
}
