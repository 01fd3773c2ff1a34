/*
 * How result files state a channel's verdict (cc_channel_verdict, at the
 * scope of its target by cc_scope_attainment), shared by summary.json and
 * the sweep's JSON so both say it the same way.
 */
#ifndef CC_REPORT_VERDICT_TEXT_H
#define CC_REPORT_VERDICT_TEXT_H

#include <jansson.h>

#include "cc_results.h"

/*
 * Sets o's "meets_target" to true, false, or null when there is no verdict
 * (nothing presented, or no period with enough traffic to judge). A channel
 * that does not meet its target also says why: "misses" lists the keys of
 * its target that broke ("service_level", "max_asa_s", "max_abandon",
 * "max_risk") and "verdict" says it in words ("misses: abandon 6.1% > 5%",
 * "misses at day scope: SL 65.2% < 80%" when judged at a scope other than
 * the horizon, "n/a: no contacts presented"). A channel that meets gets meets_target
 * only. For a verdict at a scope (cc_channel_summary.verdict) the figures
 * are the worst period's; cc_scope_verdict_json names it.
 */
void cc_verdict_json(json_t *o, const cc_target_verdict *v);

/*
 * Adds the scenario target's judging to a "target" object: "scope"
 * ("interval", "day", "week", "horizon") and, when given, "max_risk".
 */
void cc_target_judging_json(json_t *tg, const cc_target *t);

/*
 * A new object stating channel x's verdict at the scope of its target:
 *   {"scope": "day", "max_risk": 0.1 or null, "status": "meets" | "misses" |
 *    "n/a", "reasons": "SL 72.4% < 80%" ("" when it meets),
 *    "worst_period": "day 2026-03-03" or null, "worst_period_risk": 0.4 or
 *    null, "periods": 30, "periods_judged": 30, "periods_missed": 2,
 *    "attainment": {"intervals": 0.71, "days": 0.7, "weeks": 1,
 *                   "horizon": "meets"}}
 * periods_missed counts the judged periods that fail (pooled figures miss,
 * or risk above max_risk); an attainment share is the share of judged
 * periods of that scope whose pooled figures meet, null when none is
 * judged; "horizon" is the status of the horizon's pooled figures
 * (cc_channel_verdict, max_risk aside). s dates the periods.
 */
json_t *cc_scope_verdict_json(const cc_scenario *s, const cc_channel_summary *x);

#endif
