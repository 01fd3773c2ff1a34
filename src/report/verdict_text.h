/*
 * How result files state a channel's verdict (cc_channel_verdict), shared by
 * summary.json and the sweep's JSON so both say it the same way.
 */
#ifndef CC_REPORT_VERDICT_TEXT_H
#define CC_REPORT_VERDICT_TEXT_H

#include <jansson.h>

#include "cc_results.h"

/*
 * Sets o's "meets_target" to true, false, or null when nothing was
 * presented. A channel that does not meet its target also says why:
 * "misses" lists the keys of its target that broke ("service_level",
 * "max_asa_s", "max_abandon") and "verdict" says it in words ("misses:
 * abandon 6.1% > 5%", "n/a: no contacts presented"). A channel that meets
 * gets meets_target only.
 */
void cc_verdict_json(json_t *o, const cc_target_verdict *v);

#endif
