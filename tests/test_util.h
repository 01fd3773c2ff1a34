/*
 * Helpers shared by the cmocka unit tests. cmocka 1.1.5 (Debian 12) has no
 * double assertion, so relative and absolute tolerance checks live here and
 * print got/want/tolerance when they fail.
 */
#ifndef CC_TEST_UTIL_H
#define CC_TEST_UTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

static inline void cc_test_rel_close(double got, double want, double rtol, const char *expr,
                                     const char *file, int line)
{
    double scale = fabs(want) > 0 ? fabs(want) : 1.0;
    if (!(fabs(got - want) <= rtol * scale)) {
        print_error("%s: got %.17g want %.17g rel.err %.3g > %.3g\n", expr, got, want,
                    fabs(got - want) / scale, rtol);
        _fail(file, line);
    }
}

static inline void cc_test_abs_close(double got, double want, double atol, const char *expr,
                                     const char *file, int line)
{
    if (!(fabs(got - want) <= atol)) {
        print_error("%s: got %.17g want %.17g abs.err %.3g > %.3g\n", expr, got, want,
                    fabs(got - want), atol);
        _fail(file, line);
    }
}

/* Fails unless |got - want| <= rtol * |want| (or <= rtol when want is 0). */
#define assert_rel_close(got, want, rtol) \
    cc_test_rel_close((got), (want), (rtol), #got, __FILE__, __LINE__)

/* Fails unless |got - want| <= atol. */
#define assert_abs_close(got, want, atol) \
    cc_test_abs_close((got), (want), (atol), #got, __FILE__, __LINE__)

#endif
