/*
 * ccsim: contact-center capacity simulator and planner, public API.
 *
 * Conventions for every cc_* function:
 * - Errors travel as a cc_status return value; detail goes into a caller-
 *   provided `cc_error *err` (last parameter, may be NULL). The library never
 *   prints, never exits and never reads the environment. The one exception is
 *   running out of memory, which prints one line and aborts.
 * - `const T *` parameters are borrowed for the duration of the call.
 * - Every pointer a function returns states who frees it and with what; every
 *   cc_*_free accepts NULL.
 * - Time is in seconds (double) everywhere; shares are fractions in [0, 1].
 */
#ifndef CC_H
#define CC_H

#include "cc_status.h"
#include "cc_erlang.h"
#include "cc_units.h"
#include "cc_version.h"

#endif
