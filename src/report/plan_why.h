/* The plan's explanation as JSON for summary.json (plan_why.c). */
#ifndef CC_REPORT_PLAN_WHY_H
#define CC_REPORT_PLAN_WHY_H

#include <jansson.h>

#include "cc_plan.h"

/* plan.why: teams' covered and paid hours beside the staffing as written,
 * roster costs, each channel's verdict at its scope planned and as written;
 * NULL when the plan was not simulated. The caller owns the reference. */
json_t *cc_report_plan_why_json(const cc_planner *p);

#endif
