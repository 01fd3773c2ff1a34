/*
 * Private interface between the YAML loader (loader.h) and the model
 * code (query.c): calendar arithmetic and the step that derives per-day
 * and per-interval arrays from a scenario whose fields are all resolved.
 */
#ifndef CC_SCENARIO_PRIV_H
#define CC_SCENARIO_PRIV_H

#include "cc_scenario.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
long cc_days_from_civil(int year, int month, int day);

/* Inverse of cc_days_from_civil. */
void cc_civil_from_days(long z, int *year, int *month, int *day);

/* Writes the ISO date (YYYY-MM-DD, 11 bytes with the NUL) of a day count. */
void cc_format_iso_date(long days, char *buf);

/* Weekday (0 = Monday) of a day count from cc_days_from_civil. */
int cc_weekday_of_days(long z);

/*
 * Parses a strict ISO date YYYY-MM-DD (a real calendar day, years
 * 1900..2999) into a day count. Returns 0 on success, -1 otherwise.
 */
int cc_parse_iso_date(const char *text, long *days);

/*
 * Computes the derived arrays (channel day volumes and deflections, team
 * spans and agents per interval, priority order) and appends coverage
 * warnings to `diags`. Requires every field to be valid.
 */
void cc_scenario_finalize(cc_scenario *s, cc_diag_list *diags);

/* Frees a distribution's owned arrays and resets it to CC_DIST_NONE. */
void cc_dist_release(cc_dist *d);

#endif
