/*
 * Event calendar: pop order, tie-breaking by insertion order (the
 * determinism rule), replace-top, explicit keys shared between calendars,
 * growth, and a random stress against a sorted reference.
 */
#include <stdlib.h>

#include "engine/event_heap.h"
#include "test_util.h"

/* Pops everything, recording idx in order. */
static size_t drain(cc_calendar *c, uint32_t *out, size_t max)
{
    size_t n = 0;
    while (c->n > 0 && n < max) {
        out[n++] = c->heap[0].idx;
        cc_calendar_pop(c);
    }
    return n;
}

static void test_pops_in_time_order(void **state)
{
    cc_calendar c;
    uint32_t got[8];
    const double times[] = {5.0, 1.0, 4.0, 2.0, 3.0, 0.5, 7.25, 6.0};
    const uint32_t want[] = {5, 1, 3, 4, 2, 0, 7, 6};
    size_t i;
    (void)state;
    cc_calendar_init(&c, 4);
    for (i = 0; i < 8; i++)
        cc_calendar_push(&c, times[i], 1, (uint32_t)i, 0);
    assert_int_equal(drain(&c, got, 8), 8);
    for (i = 0; i < 8; i++)
        assert_int_equal(got[i], want[i]);
    cc_calendar_release(&c);
}

static void test_ties_pop_in_insertion_order(void **state)
{
    cc_calendar c;
    uint32_t got[40];
    size_t i;
    (void)state;
    cc_calendar_init(&c, 16);
    /* 20 events at t = 1 and 20 at t = 2, interleaved, different kinds */
    for (i = 0; i < 40; i++)
        cc_calendar_push(&c, i % 2 ? 2.0 : 1.0, (unsigned)(7 - i % 7), (uint32_t)i, 0);
    assert_int_equal(drain(&c, got, 40), 40);
    for (i = 0; i < 20; i++) {
        assert_int_equal(got[i], 2 * i);          /* the t = 1 events, as inserted */
        assert_int_equal(got[20 + i], 2 * i + 1); /* then the t = 2 events */
    }
    cc_calendar_release(&c);
}

static void test_zero_and_negative_zero_tie(void **state)
{
    cc_calendar c;
    uint32_t got[3];
    (void)state;
    cc_calendar_init(&c, 16);
    cc_calendar_push(&c, 0.0, 1, 10, 0);
    cc_calendar_push(&c, -0.0, 1, 11, 0); /* must tie with +0.0, not sort last */
    cc_calendar_push(&c, 1e-300, 1, 12, 0);
    assert_int_equal(drain(&c, got, 3), 3);
    assert_int_equal(got[0], 10);
    assert_int_equal(got[1], 11);
    assert_int_equal(got[2], 12);
    cc_calendar_release(&c);
}

static void test_replace_top(void **state)
{
    cc_calendar c;
    uint32_t got[4];
    (void)state;
    cc_calendar_init(&c, 16);
    cc_calendar_push(&c, 1.0, 1, 1, 0);
    cc_calendar_push(&c, 3.0, 1, 3, 0);
    cc_calendar_push(&c, 5.0, 1, 5, 0);
    /* the event at 1.0 schedules its successor at 4.0 */
    cc_calendar_replace_top(&c, 4.0, 2, 4, 9);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.heap[0].idx, 3);
    /* a successor at the same time as the new top pops after it */
    cc_calendar_replace_top(&c, 4.0, 2, 40, 0);
    assert_int_equal(drain(&c, got, 4), 3);
    assert_int_equal(got[0], 4);
    assert_int_equal(got[1], 40);
    assert_int_equal(got[2], 5);
    cc_calendar_release(&c);
}

static void test_event_fields_kept(void **state)
{
    cc_calendar c;
    (void)state;
    cc_calendar_init(&c, 16);
    cc_calendar_push(&c, 2.5, 7, 123456, 0xdeadbeefu);
    assert_true(c.heap[0].t == 2.5);
    assert_int_equal(CC_EVENT_KIND(&c.heap[0]), 7);
    assert_int_equal(c.heap[0].idx, 123456);
    assert_int_equal(c.heap[0].gen, 0xdeadbeefu);
    cc_calendar_release(&c);
}

/* Two calendars sharing one sequence counter keep a global insertion order. */
static void test_shared_keys_across_calendars(void **state)
{
    cc_calendar a, b;
    uint64_t seq = 0;
    (void)state;
    cc_calendar_init(&a, 16);
    cc_calendar_init(&b, 16);
    cc_calendar_push_key(&b, 1.0, cc_event_key(seq++, 1), 0, 0);
    cc_calendar_push_key(&a, 1.0, cc_event_key(seq++, 2), 1, 0);
    assert_true(cc_event_before(&b.heap[0], &a.heap[0]));
    assert_false(cc_event_before(&a.heap[0], &b.heap[0]));
    cc_calendar_replace_top_key(&b, 1.0, cc_event_key(seq++, 1), 2, 0);
    assert_true(cc_event_before(&a.heap[0], &b.heap[0]));
    cc_calendar_release(&a);
    cc_calendar_release(&b);
}

typedef struct ref_ev {
    double t;
    uint32_t id;
} ref_ev;

static int cmp_ref(const void *x, const void *y)
{
    const ref_ev *a = x, *b = y;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * Random pushes, pops and replace-tops (times on a coarse grid so ties are
 * common) against a sorted array; ids are insertion numbers, so the
 * reference order is (t, id).
 */
static void test_random_against_reference(void **state)
{
    cc_calendar c;
    ref_ev *ref = malloc(2000 * sizeof(*ref));
    size_t nref = 0, step;
    uint32_t id = 0;
    uint64_t x = 12345;
    double now = 0.0;
    (void)state;
    cc_calendar_init(&c, 1); /* forces many growths */
    for (step = 0; step < 60000; step++) {
        unsigned r;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        r = (unsigned)(x % 10);
        if (nref > 0 && r < 4) {
            size_t k, m = 0;
            for (k = 1; k < nref; k++)
                if (cmp_ref(&ref[k], &ref[m]) < 0)
                    m = k;
            assert_true(c.heap[0].t == ref[m].t);
            assert_int_equal(c.heap[0].idx, ref[m].id);
            now = ref[m].t;
            if (r == 0) {
                double t = now + (double)((x >> 20) % 8);
                cc_calendar_replace_top(&c, t, 1, id, 0);
                ref[m].t = t;
                ref[m].id = id++;
            } else {
                cc_calendar_pop(&c);
                ref[m] = ref[--nref];
            }
        } else if (nref < 2000) {
            double t = now + (double)((x >> 20) % 8);
            cc_calendar_push(&c, t, 1, id, 0);
            ref[nref].t = t;
            ref[nref].id = id++;
            nref++;
        }
        assert_int_equal(c.n, nref);
    }
    cc_calendar_release(&c);
    free(ref);
}

static void test_clear_restarts_sequence(void **state)
{
    cc_calendar c;
    (void)state;
    cc_calendar_init(&c, 16);
    cc_calendar_push(&c, 1.0, 1, 0, 0);
    cc_calendar_clear(&c);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.seq, 0);
    cc_calendar_push(&c, 1.0, 3, 0, 0);
    assert_int_equal(c.heap[0].key, cc_event_key(0, 3));
    cc_calendar_release(&c);
    cc_calendar_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pops_in_time_order),
        cmocka_unit_test(test_ties_pop_in_insertion_order),
        cmocka_unit_test(test_zero_and_negative_zero_tie),
        cmocka_unit_test(test_replace_top),
        cmocka_unit_test(test_event_fields_kept),
        cmocka_unit_test(test_shared_keys_across_calendars),
        cmocka_unit_test(test_random_against_reference),
        cmocka_unit_test(test_clear_restarts_sequence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
