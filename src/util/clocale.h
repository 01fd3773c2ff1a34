/*
 * The C locale for numbers, whatever the program chose with setlocale: the
 * library parses `1.9` and prints `1.9` (never `1,9`) so files and results
 * are the same bytes under every LC_NUMERIC. Parsers take the locale object
 * (strtod_l); writers switch their thread for the duration of one call.
 */
#ifndef CC_UTIL_CLOCALE_H
#define CC_UTIL_CLOCALE_H

#include <locale.h>

/* The "C" locale object, created once (thread-safe); (locale_t)0 if it cannot be. */
locale_t cc_c_locale(void);

/*
 * Switches the calling thread to the C locale; returns what to hand to
 * cc_locale_leave. Pairs nest.
 */
locale_t cc_locale_enter(void);

/* Gives the calling thread back the locale cc_locale_enter returned. */
void cc_locale_leave(locale_t previous);

#endif
