/*
 * Parsing of the values users type: numbers, durations and shares. The CLI
 * and the scenario loader both go through these, so `30s`, `5m` and `35%`
 * mean the same everywhere. Every parser rejects empty text, trailing
 * garbage, NaN, infinities and overflow.
 */
#ifndef CC_UNITS_H
#define CC_UNITS_H

#include <stddef.h>

#include "cc_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parses a finite decimal number that fills the whole of `text` (leading and
 * trailing blanks allowed). Returns CC_OK and sets *out, or CC_EINVAL.
 */
cc_status cc_parse_number(const char *text, double *out);

/*
 * Parses a non-negative integer that fills `text` and is at most `max`.
 * Returns CC_OK or CC_EINVAL (fractions, signs, overflow, garbage).
 */
cc_status cc_parse_count(const char *text, long max, long *out);

/*
 * Parses a duration into seconds: plain seconds (`180`, `2.5`) or a number
 * with one unit suffix `s`, `m`, `h`, `d` (`30s`, `5m`, `4h`, `2d`).
 * Negative values are rejected. Returns CC_OK or CC_EINVAL.
 */
cc_status cc_parse_duration(const char *text, double *out_s);

/*
 * Parses a share: a fraction (`0.35`) or a percentage (`35%`), returned as a
 * fraction. The range is not checked here beyond finiteness and sign.
 * Returns CC_OK or CC_EINVAL.
 */
cc_status cc_parse_share(const char *text, double *out);

/*
 * Formats a duration for people, in the unit that reads: seconds below two
 * minutes ("8.3 s", "30 s"), minutes below an hour ("5 min", "12.5 min"),
 * hours from there ("4 h", "5.7 h"); one decimal at most, none when whole.
 * NaN or a negative value gives "-". Writes at most cap bytes into buf
 * (32 are always enough) and returns buf.
 */
char *cc_format_duration(double seconds, char *buf, size_t cap);

/*
 * A service-level target as people say it: "80% in 30 s", "80% in 4 h".
 * Writes at most cap bytes into buf (48 are always enough) and returns buf.
 */
char *cc_format_target(double service_level, double answer_within_s, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
