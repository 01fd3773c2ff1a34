/*
 * Unit tests of the value parsers every input goes through: numbers, counts,
 * durations with unit suffixes and shares as fractions or percentages,
 * including the inputs strtod alone would let through (nan, inf, hex,
 * overflow, trailing garbage).
 */
#include <math.h>
#include <stddef.h>

#include "test_util.h"
#include "cc_units.h"

/* Sentinel that a failed parse must leave in place. */
#define UNTOUCHED 12345.678

static void number_ok(const char *text, double want)
{
    double v = UNTOUCHED;
    if (cc_parse_number(text, &v) != CC_OK)
        print_error("cc_parse_number(\"%s\") failed\n", text);
    assert_int_equal(cc_parse_number(text, &v), CC_OK);
    assert_rel_close(v, want, 0.0);
}

static void number_bad(const char *text)
{
    double v = UNTOUCHED;
    if (cc_parse_number(text, &v) != CC_EINVAL)
        print_error("cc_parse_number(\"%s\") accepted (%g)\n", text, v);
    assert_int_equal(cc_parse_number(text, &v), CC_EINVAL);
    assert_true(v == UNTOUCHED);
}

static void test_numbers(void **state)
{
    (void)state;
    number_ok("0", 0.0);
    number_ok("42", 42.0);
    number_ok("-3.25", -3.25);
    number_ok("+7", 7.0);
    number_ok(".5", 0.5);
    number_ok("5.", 5.0);
    number_ok("1e3", 1000.0);
    number_ok("2.5E-2", 0.025);
    number_ok("  12.5\t", 12.5);
    number_ok("1e308", 1e308);
    number_ok("1e-400", 0.0); /* underflow to zero is accepted */

    number_bad("");
    number_bad("   ");
    number_bad("abc");
    number_bad("12abc");
    number_bad("12 34");
    number_bad("1.2.3");
    number_bad("nan");
    number_bad("NaN");
    number_bad("inf");
    number_bad("-infinity");
    number_bad("0x10");
    number_bad("1e400");
    number_bad("-1e400");
    number_bad("1e");
    number_bad("e5");
    number_bad(".");
    number_bad("+");
    number_bad("--1");
    assert_int_equal(cc_parse_number(NULL, &(double){0}), CC_EINVAL);
}

static void test_counts(void **state)
{
    long v = -1;
    (void)state;
    assert_int_equal(cc_parse_count("0", 10, &v), CC_OK);
    assert_int_equal(v, 0);
    assert_int_equal(cc_parse_count(" 250 ", 1000, &v), CC_OK);
    assert_int_equal(v, 250);
    assert_int_equal(cc_parse_count("+8", 10, &v), CC_OK);
    assert_int_equal(v, 8);
    assert_int_equal(cc_parse_count("1000", 1000, &v), CC_OK);
    assert_int_equal(v, 1000);

    v = 77;
    assert_int_equal(cc_parse_count("1001", 1000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count("-1", 1000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count("1.5", 1000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count("1e3", 1000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count("", 1000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count("+", 1000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count("12x", 1000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count("99999999999999999999999", 1000000, &v), CC_EINVAL);
    assert_int_equal(cc_parse_count(NULL, 10, &v), CC_EINVAL);
    assert_int_equal(v, 77);
}

static void duration_ok(const char *text, double want)
{
    double v = UNTOUCHED;
    if (cc_parse_duration(text, &v) != CC_OK)
        print_error("cc_parse_duration(\"%s\") failed\n", text);
    assert_int_equal(cc_parse_duration(text, &v), CC_OK);
    assert_rel_close(v, want, 1e-15);
}

static void duration_bad(const char *text)
{
    double v = UNTOUCHED;
    if (cc_parse_duration(text, &v) != CC_EINVAL)
        print_error("cc_parse_duration(\"%s\") accepted (%g)\n", text, v);
    assert_int_equal(cc_parse_duration(text, &v), CC_EINVAL);
    assert_true(v == UNTOUCHED);
}

static void test_durations(void **state)
{
    (void)state;
    duration_ok("180", 180.0);
    duration_ok("2.5", 2.5);
    duration_ok("30s", 30.0);
    duration_ok("5m", 300.0);
    duration_ok("4h", 14400.0);
    duration_ok("2d", 172800.0);
    duration_ok("1.5h", 5400.0);
    duration_ok("0", 0.0);
    duration_ok(" 90s ", 90.0);
    duration_ok("1e-3s", 1e-3);

    duration_bad("");
    duration_bad("s");
    duration_bad("m");
    duration_bad("-5");
    duration_bad("-5m");
    duration_bad("5x");
    duration_bad("5mm");
    duration_bad("5ms");
    duration_bad("5 minutes");
    duration_bad("m5");
    duration_bad("nan");
    duration_bad("infs");
    duration_bad("1e400");
    duration_bad("1e308d"); /* finite number, infinite seconds */
    duration_bad("0x1Ah");
    assert_int_equal(cc_parse_duration(NULL, &(double){0}), CC_EINVAL);
}

static void test_shares(void **state)
{
    double v = UNTOUCHED;
    (void)state;
    assert_int_equal(cc_parse_share("0.35", &v), CC_OK);
    assert_rel_close(v, 0.35, 0.0);
    assert_int_equal(cc_parse_share("35%", &v), CC_OK);
    assert_rel_close(v, 0.35, 1e-15);
    assert_int_equal(cc_parse_share("12.5%", &v), CC_OK);
    assert_rel_close(v, 0.125, 1e-15);
    assert_int_equal(cc_parse_share("0", &v), CC_OK);
    assert_true(v == 0.0);
    /* Range beyond [0, 1] is the caller's check. */
    assert_int_equal(cc_parse_share("150%", &v), CC_OK);
    assert_rel_close(v, 1.5, 1e-15);

    v = UNTOUCHED;
    assert_int_equal(cc_parse_share("", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("%", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("-0.1", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("-5%", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("35%%", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("0.3x", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("nan%", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("inf", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share("1e400%", &v), CC_EINVAL);
    assert_int_equal(cc_parse_share(NULL, &v), CC_EINVAL);
    assert_true(v == UNTOUCHED);
}

/* Durations for people: the unit that reads, one decimal at most, none when whole. */
static void test_format_duration(void **state)
{
    char b[32];
    (void)state;
    assert_string_equal(cc_format_duration(8.34, b, sizeof b), "8.3 s");
    assert_string_equal(cc_format_duration(30, b, sizeof b), "30 s");
    assert_string_equal(cc_format_duration(119.9, b, sizeof b), "119.9 s");
    assert_string_equal(cc_format_duration(120, b, sizeof b), "2 min");
    assert_string_equal(cc_format_duration(750, b, sizeof b), "12.5 min");
    assert_string_equal(cc_format_duration(3600, b, sizeof b), "1 h");
    assert_string_equal(cc_format_duration(20391.6, b, sizeof b), "5.7 h");
    assert_string_equal(cc_format_duration(14400, b, sizeof b), "4 h");
    assert_string_equal(cc_format_duration(NAN, b, sizeof b), "-");
    assert_string_equal(cc_format_duration(-1, b, sizeof b), "-");
    assert_string_equal(cc_format_target(0.8, 14400, b, sizeof b), "80% in 4 h");
    assert_string_equal(cc_format_target(0.85, 20, b, sizeof b), "85% in 20 s");
    assert_string_equal(cc_format_target(0.925, 300, b, sizeof b), "92.5% in 5 min");
    /* A short buffer is cut, never overrun. */
    assert_string_equal(cc_format_target(0.8, 14400, b, 4), "80%");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_shares),
        cmocka_unit_test(test_format_duration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
