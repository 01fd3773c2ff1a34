/*
 * Tests of what-if grid expansion: value splitting with brackets and quotes,
 * point order (first axis slowest), labels, and rejected specifications.
 */
#include <string.h>

#include "test_util.h"
#include "cc_sweep.h"

static void test_grid_expansion_order(void **state)
{
    cc_sweep s = {0};
    cc_override ov[2];
    cc_error err;
    char label[256];
    (void)state;

    assert_int_equal(cc_sweep_n_points(&s), 1);
    assert_int_equal(cc_sweep_add_axis(&s, "channels.chat.volume.per_day=2000, 2600,3200", &err),
                     CC_OK);
    assert_int_equal(cc_sweep_add_axis(&s, "chatbots.bot.containment=20%,35%,50%", &err), CC_OK);
    assert_int_equal(cc_sweep_n_points(&s), 9);
    cc_sweep_point(&s, 0, ov);
    assert_string_equal(ov[0].path, "channels.chat.volume.per_day");
    assert_string_equal(ov[0].value, "2000");
    assert_string_equal(ov[1].value, "20%");
    cc_sweep_point(&s, 5, ov);
    assert_string_equal(ov[0].value, "2600");
    assert_string_equal(ov[1].value, "50%");
    cc_sweep_point(&s, 8, ov);
    assert_string_equal(ov[0].value, "3200");
    assert_string_equal(ov[1].value, "50%");
    cc_sweep_point_label(&s, 5, label, sizeof(label));
    assert_string_equal(label, "channels.chat.volume.per_day=2600 chatbots.bot.containment=50%");
    cc_sweep_release(&s);
    assert_int_equal(s.n_axes, 0);
}

static void test_brackets_and_quotes(void **state)
{
    cc_sweep s = {0};
    cc_override ov[1];
    cc_error err;
    (void)state;
    assert_int_equal(cc_sweep_add_axis(&s, "routing.chat=[tier1, vendor],[tier1],\"a,b\"", &err),
                     CC_OK);
    assert_int_equal(cc_sweep_n_points(&s), 3);
    cc_sweep_point(&s, 0, ov);
    assert_string_equal(ov[0].value, "[tier1, vendor]");
    cc_sweep_point(&s, 2, ov);
    assert_string_equal(ov[0].value, "\"a,b\"");
    cc_sweep_release(&s);
}

static void test_rejected_specs(void **state)
{
    cc_sweep s = {0};
    cc_error err;
    (void)state;
    assert_int_equal(cc_sweep_add_axis(&s, "novalue", &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "no '='"));
    assert_int_equal(cc_sweep_add_axis(&s, "=1,2", &err), CC_EINVAL);
    assert_int_equal(cc_sweep_add_axis(&s, "a.b=1,,2", &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "empty value"));
    assert_int_equal(cc_sweep_add_axis(&s, "a.b=[1,2", &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "unclosed bracket"));
    assert_int_equal(cc_sweep_add_axis(&s, "a.b=1,2", &err), CC_OK);
    assert_int_equal(cc_sweep_add_axis(&s, "a.b=3", &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "twice"));
    assert_int_equal(cc_sweep_add_axis(&s, "c=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,"
                                           "21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,"
                                           "39,40,41,42,43,44,45,46,47,48,49,50", &err), CC_OK);
    {
        /* 2 x 50 x 101 points exceed the limit of 10,000. */
        char spec[1024] = "d=0";
        int i;
        for (i = 1; i <= 100; i++)
            snprintf(spec + strlen(spec), sizeof(spec) - strlen(spec), ",%d", i);
        assert_int_equal(cc_sweep_add_axis(&s, spec, &err), CC_EINVAL);
    }
    assert_non_null(strstr(err.message, "points"));
    assert_int_equal(cc_sweep_n_points(&s), 100);
    cc_sweep_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_expansion_order),
        cmocka_unit_test(test_brackets_and_quotes),
        cmocka_unit_test(test_rejected_specs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
