/*
 * The words and JSON fields that state a channel's verdict. The service
 * level's own miss keeps the terminal's short "below target" (the row
 * already shows SL and target); broken caps are spelled out everywhere.
 */
#include <stdio.h>

#include "cc_report.h"
#include "report/verdict_text.h"

char *cc_report_verdict_note(const cc_target_verdict *v, char *buf, size_t cap)
{
    cc_target_verdict caps = *v;
    char why[160];

    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (v->status == CC_TARGET_NA) {
        snprintf(buf, cap, "  n/a: %s", cc_target_reasons(v, why, sizeof why));
        return buf;
    }
    if (v->status != CC_TARGET_MISSES)
        return buf;
    caps.missed &= ~CC_MISS_SL;
    if (!caps.missed)
        snprintf(buf, cap, "  below target");
    else
        snprintf(buf, cap, "%smisses: %s", v->missed & CC_MISS_SL ? "  below target; " : "  ",
                 cc_target_reasons(&caps, why, sizeof why));
    return buf;
}

void cc_verdict_json(json_t *o, const cc_target_verdict *v)
{
    char why[160], text[176];
    json_t *keys;

    if (v->status == CC_TARGET_MEETS) {
        json_object_set_new(o, "meets_target", json_true());
        return;
    }
    cc_target_reasons(v, why, sizeof why);
    snprintf(text, sizeof text, "%s: %s", cc_target_status_name(v->status), why);
    if (v->status == CC_TARGET_NA) {
        json_object_set_new(o, "meets_target", json_null());
        json_object_set_new(o, "verdict", json_string(text));
        return;
    }
    json_object_set_new(o, "meets_target", json_false());
    keys = json_array();
    if (v->missed & CC_MISS_SL)
        json_array_append_new(keys, json_string("service_level"));
    if (v->missed & CC_MISS_ASA)
        json_array_append_new(keys, json_string("max_asa_s"));
    if (v->missed & CC_MISS_ABANDON)
        json_array_append_new(keys, json_string("max_abandon"));
    json_object_set_new(o, "misses", keys);
    json_object_set_new(o, "verdict", json_string(text));
}
