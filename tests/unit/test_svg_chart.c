/*
 * Tests of the SVG chart writer: byte-stable output, escaped labels, hover
 * titles for every point, gaps for missing values and the target line.
 */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "report/svg_chart.h"

static char *render_lines(size_t *len)
{
    static const char *const labels[] = {"08:00", "08:30", "09:00", "09:30"};
    double req[] = {10, 12, NAN, 9}, sched[] = {11, 12, 14, 9};
    double lo[] = {9, 11, 13, 8}, hi[] = {12, 13, 15, 10};
    cc_chart_series s[2] = {
        {"required <net>", req, NULL, NULL, "#d62728", 1, 0},
        {"scheduled & \"rounded\"", sched, lo, hi, "#1f77b4", 0, 1},
    };
    cc_chart_frame f = {"c1", "Agents by interval", "agents", labels, 4, NAN, NAN, 11.0, "floor",
                     0, 0, "%.1f"};
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    assert_non_null(out);
    cc_chart_lines(out, &f, s, 2);
    fclose(out);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
        n++;
    return n;
}

static void test_lines_stable_escaped_with_hover(void **state)
{
    size_t n1, n2;
    char *a = render_lines(&n1), *b = render_lines(&n2);
    (void)state;
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_int_equal(count(a, "<svg"), 1);
    assert_int_equal(count(a, "</svg>"), 1);
    assert_non_null(strstr(a, "required &lt;net&gt;"));
    assert_non_null(strstr(a, "scheduled &amp; &quot;rounded&quot;"));
    assert_null(strstr(a, "<net>"));
    /* One hover column per point plus the target's title. */
    assert_int_equal(count(a, "<title>"), 5);
    assert_non_null(strstr(a, "required &lt;net&gt;: n/a"));
    assert_non_null(strstr(a, "scheduled &amp; &quot;rounded&quot;: 14.0 [13.0, 15.0]"));
    assert_non_null(strstr(a, "class=\"target\""));
    assert_int_equal(count(a, "<polygon"), 1);
    /* The gap restarts the step path with a move. */
    assert_int_equal(count(a, "d=\"M"), 2);
    assert_non_null(strstr(a, "M64.0"));
    assert_null(strstr(a, "nan"));
    free(a);
    free(b);
}

static void test_bars_and_heatmap(void **state)
{
    static const char *const weeks[] = {"W1", "W2"};
    static const char *const days[] = {"Mon", "Tue", "Wed"};
    double need[] = {40, 55}, have[] = {45, 50};
    double net[] = {1, -2, 0, 3, NAN, -1};
    cc_chart_series s[2] = {{"required", need, NULL, NULL, "#d62728", 0, 0},
                         {"available", have, NULL, NULL, "#2ca02c", 0, 0}};
    cc_chart_frame f = {"b1", "FTE", "FTE", weeks, 2, NAN, NAN, NAN, NULL, 0, 0, "%.1f"};
    char *buf = NULL;
    size_t len;
    FILE *out = open_memstream(&buf, &len);
    (void)state;
    cc_chart_bars(out, &f, s, 2);
    cc_chart_heatmap(out, "h1", "Net staffing", weeks, 2, days, 3, net, 1, 0.0, "%+.1f");
    fclose(out);
    assert_int_equal(count(buf, "<svg"), 2);
    assert_int_equal(count(buf, "class=\"bar\""), 4);
    assert_non_null(strstr(buf, "W2 — available: 50.0"));
    /* Two legend swatches and six heatmap cells. */
    assert_int_equal(count(buf, "<rect x="), 2 + 6);
    assert_non_null(strstr(buf, "W1 Tue: -2.0"));
    assert_non_null(strstr(buf, "W2 Tue: n/a"));
    assert_non_null(strstr(buf, "#dddddd"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_stable_escaped_with_hover),
        cmocka_unit_test(test_bars_and_heatmap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
