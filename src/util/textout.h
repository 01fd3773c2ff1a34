/*
 * One rule each for the two text formats every writer shares: numbers in
 * JSON (non-finite values become null, never NaN or Infinity, which JSON
 * does not have) and fields in CSV (RFC 4180 quoting, applied only when a
 * field needs it, so plain names stay as they are).
 */
#ifndef CC_UTIL_TEXTOUT_H
#define CC_UTIL_TEXTOUT_H

#include <stdio.h>

#include <jansson.h>

/* A JSON number for v, or null when v is NaN or infinite. New reference. */
json_t *cc_json_number(double v);

/*
 * Writes `text` as one CSV field (no separator): as it is, or between double
 * quotes with inner quotes doubled when it holds a comma, a quote, a line
 * break or a leading or trailing space. Text a spreadsheet would run as a
 * formula (starting with = + - @, tab or carriage return, and not a number)
 * is quoted with a leading apostrophe: "'=1+2".
 */
void cc_csv_field(FILE *out, const char *text);

#endif
