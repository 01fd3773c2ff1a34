/*
 * Private declarations shared by the files of the forecast stage: timestamp
 * parsing, the methods' building blocks and small numeric helpers.
 */
#ifndef CC_FC_INTERNAL_H
#define CC_FC_INTERNAL_H

#include <stddef.h>

#include "cc_forecast.h"

/* A parsed timestamp: local wall-clock seconds since 1970-01-01 00:00. */
typedef struct cc_fc_stamp {
    long long local_s;           /* seconds since the epoch on the local calendar */
    int has_zone;                /* the text carried Z or an offset (or was epoch seconds) */
    int offset_s;                /* that offset, seconds east of UTC */
} cc_fc_stamp;

/* A stated time zone: a fixed offset or a zone of the system database. */
typedef struct cc_fc_zone {
    int set;                     /* 0: the clock as written */
    int fixed;                   /* 1: fixed offset */
    int offset_s;                /* fixed offset, seconds east of UTC */
    char name[128];              /* IANA name when not fixed */
} cc_fc_zone;

/*
 * Parses a stated zone ("UTC", "Z", "+02:00", "-0500", "Europe/Berlin").
 * Returns 0, or -1 when it is neither an offset nor a zone of the database.
 */
int cc_fc_zone_parse(const char *text, cc_fc_zone *z);

/*
 * Converts a stamp to the local wall clock of `z`: stamps with an offset
 * (or epoch seconds) are moved to the zone, stamps without one are taken as
 * written. `env_saved` is managed by cc_fc_zone_begin/end around a batch.
 */
long long cc_fc_zone_local(const cc_fc_zone *z, const cc_fc_stamp *st);
void cc_fc_zone_begin(const cc_fc_zone *z, char **env_saved);
void cc_fc_zone_end(const cc_fc_zone *z, char *env_saved);

/*
 * Parses a date ("2024-03-31", "2024/03/31", "31/03/2024", "31.03.2024",
 * "20240331", "990101"); month_first swaps the slash form to mm/dd/yyyy.
 * Returns the pointer past the date, or NULL.
 */
const char *cc_fc_parse_date_part(const char *s, int month_first, long *days);

/*
 * Parses a time of day "H:MM[:SS[.fff]]" with an optional zone suffix.
 * Returns the pointer past it, or NULL.
 */
const char *cc_fc_parse_time_part(const char *s, double *sec_of_day, int *has_zone, int *offset_s);

/* A full timestamp: "DATE[T| ]TIME[ZONE]" or a date alone. Returns 0 or -1. */
int cc_fc_parse_stamp(const char *s, int month_first, cc_fc_stamp *out);

/* Seconds since the epoch (UTC), as a stamp with zone +00:00. Returns 0 or -1. */
int cc_fc_parse_epoch(const char *s, cc_fc_stamp *out);

/* A duration: seconds ("95", "95.5") or "H:MM:SS" / "M:SS". Returns 0 or -1 (NAN for empty). */
int cc_fc_parse_duration(const char *s, double *out);

/* ---- numeric helpers ---- */

/* Sorts and returns the q-quantile (0..1) of x[n] (sorted in place), linear interpolation. */
double cc_fc_quantile(double *x, size_t n, double q);

/* Median of x[n] (x is reordered). */
double cc_fc_median(double *x, size_t n);

/* Total of day d of a series laid out per_day values a day (y[d * per_day + i]). */
double cc_fc_day_total(const double *y, int d, int per_day);

/* ---- methods ---- */

/*
 * Double-seasonal Holt-Winters forecast (fc_holt_winters.c). Returns 0, or
 * -1 (out untouched) when fewer than three weeks of training are available.
 */
int cc_fc_holt_winters(const double *y, const unsigned char *observed, int n_train, int per_day,
                       int h, double *out);

#endif
