/*
 * Tasks (cc_tasks.h): shard ranges cover every task once; a job of several
 * points gives each point the results cc_replicate gives it alone, for any
 * thread count; records folded from a split computation give the same
 * results; a merge refuses a task out of order or a record of the wrong
 * size; a model survives its wire format (the replications of the copy are
 * the original's).
 */
#include <stdlib.h>
#include <string.h>

#include "cc_results.h"
#include "cc_sim.h"
#include "cc_tasks.h"
#include "stats/model_wire.h"
#include "test_sim_fixtures.h"
#include "test_util.h"

static void test_shard_ranges(void **state)
{
    long n_tasks[] = {0, 1, 4, 7, 480, 1000003}, shards[] = {1, 2, 3, 7, 480, 1000};
    size_t a, b;
    (void)state;
    for (a = 0; a < sizeof n_tasks / sizeof *n_tasks; a++) {
        for (b = 0; b < sizeof shards / sizeof *shards; b++) {
            long expect = 0, k, first, end, T = n_tasks[a], N = shards[b];
            for (k = 1; k <= N; k++) {
                cc_task_shard(T, k, N, &first, &end);
                assert_int_equal(first, expect);
                assert_true(end >= first);
                /* balanced: sizes differ by at most one */
                assert_true(end - first == T / N || end - first == T / N + 1);
                expect = end;
            }
            assert_int_equal(expect, T);
        }
    }
}

/* Results of a job, one per point. */
struct collect {
    cc_results *res[4];
    size_t next;
};

static cc_status collect(void *ctx, size_t point, cc_results *res, cc_error *err)
{
    struct collect *c = ctx;
    (void)err;
    assert_int_equal(point, c->next);
    c->res[c->next++] = res;
    return CC_OK;
}

static cc_task_job three_points(cc_simmodel **m, int threads)
{
    cc_task_job job;
    size_t i;
    m[0] = rich_model(0);
    m[1] = rich_model(0);
    m[2] = rich_model(1);
    for (i = 0; i < m[1]->n_intervals; i++)
        m[1]->teams[0].agents[i] += 2; /* another staffing: other results */
    job.models = (const cc_simmodel *const *)m;
    job.n_points = 3;
    job.opt = cc_run_options_default();
    job.opt.replications = 5;
    job.opt.seed = 77;
    job.opt.threads = threads;
    return job;
}

static void test_job_matches_replicate(void **state)
{
    cc_simmodel *m[3];
    cc_task_job job = three_points(m, 2);
    struct collect one = {{0}, 0}, two = {{0}, 0};
    cc_error err;
    size_t p;
    (void)state;
    assert_int_equal(cc_tasks_run(&job, collect, &two, &err), CC_OK);
    job.opt.threads = 1;
    assert_int_equal(cc_tasks_run(&job, collect, &one, &err), CC_OK);
    assert_int_equal(one.next, 3);
    for (p = 0; p < 3; p++) {
        cc_results *alone = NULL;
        assert_int_equal(cc_replicate(m[p], &job.opt, &alone, &err), CC_OK);
        cc_test_assert_results_identical(alone, one.res[p]);
        cc_test_assert_results_identical(alone, two.res[p]);
        cc_results_free(alone);
    }
    /* the points differ: the job did not hand one point's results to another */
    assert_true(one.res[0]->channels[0].answered.mean != one.res[1]->channels[0].answered.mean);
    for (p = 0; p < 3; p++) {
        cc_results_free(one.res[p]);
        cc_results_free(two.res[p]);
        cc_simmodel_free(m[p]);
    }
}

/* Records kept as a shard file would keep them. */
struct store {
    unsigned char *rec[15];
    size_t size[15];
    long n;
};

static cc_status keep(void *ctx, long task, const void *rec, size_t size, cc_error *err)
{
    struct store *s = ctx;
    (void)err;
    assert_int_equal(task, s->n);
    s->rec[s->n] = malloc(size);
    memcpy(s->rec[s->n], rec, size);
    s->size[s->n++] = size;
    return CC_OK;
}

static void test_split_records_merge_to_the_same(void **state)
{
    cc_simmodel *m[3];
    cc_task_job job = three_points(m, 2);
    struct store st = {{0}, {0}, 0};
    struct collect whole = {{0}, 0}, merged = {{0}, 0};
    cc_task_merge *tm;
    cc_error err;
    long k, t, first, end;
    size_t p;
    (void)state;
    assert_int_equal(cc_task_count(&job), 15);
    /* three shards, computed separately, stored in task order */
    for (k = 1; k <= 3; k++) {
        cc_task_shard(15, k, 3, &first, &end);
        assert_int_equal(cc_tasks_compute(&job, first, end, keep, &st, &err), CC_OK);
    }
    assert_int_equal(st.n, 15);
    tm = cc_task_merge_new(&job, collect, &merged);
    /* out of order: refused */
    assert_int_equal(cc_task_merge_add(tm, 1, st.rec[1], st.size[1], &err), CC_EINVAL);
    /* wrong size: refused */
    assert_int_equal(cc_task_merge_add(tm, 0, st.rec[0], st.size[0] - 8, &err), CC_EINVAL);
    for (t = 0; t < 15; t++)
        assert_int_equal(cc_task_merge_add(tm, t, st.rec[t], st.size[t], &err), CC_OK);
    assert_int_equal(cc_task_merge_done(tm), 15);
    cc_task_merge_free(tm);
    assert_int_equal(cc_tasks_run(&job, collect, &whole, &err), CC_OK);
    for (p = 0; p < 3; p++) {
        cc_test_assert_results_identical(whole.res[p], merged.res[p]);
        cc_results_free(whole.res[p]);
        cc_results_free(merged.res[p]);
        cc_simmodel_free(m[p]);
    }
    for (t = 0; t < 15; t++)
        free(st.rec[t]);
}

static void test_model_wire_round_trip(void **state)
{
    cc_simmodel *m = rich_model(0), *copy = NULL;
    cc_wire w = {0};
    cc_wire_reader r;
    cc_results *a = NULL, *b = NULL;
    cc_run_options opt = cc_run_options_default();
    cc_error err;
    double values[3] = {30.0, 60.0, 240.0};
    (void)state;
    /* an empirical distribution and a transfer delay: arrays beyond the interval ones */
    m->channels[1].handle.kind = CC_DIST_EMPIRICAL;
    m->channels[1].handle.values_s = malloc(sizeof values);
    memcpy(m->channels[1].handle.values_s, values, sizeof values);
    m->channels[1].handle.n_values = 3;
    cc_simmodel_to_wire(&w, m);
    r.data = w.data;
    r.len = w.len;
    r.pos = 0;
    assert_int_equal(cc_simmodel_from_wire(&r, &copy, &err), CC_OK);
    assert_int_equal(r.pos, w.len);
    assert_memory_equal(copy->channels[1].handle.values_s, values, sizeof values);
    assert_ptr_not_equal(copy->channels[0].arrival_rate, m->channels[0].arrival_rate);
    opt.replications = 3;
    opt.threads = 1;
    assert_int_equal(cc_replicate(m, &opt, &a, &err), CC_OK);
    assert_int_equal(cc_replicate(copy, &opt, &b, &err), CC_OK);
    cc_test_assert_results_identical(a, b);
    /* truncated bytes: refused, nothing leaked */
    r.len = w.len / 2;
    r.pos = 0;
    assert_int_equal(cc_simmodel_from_wire(&r, &copy, &err), CC_EINVAL);
    r.len = 7;
    r.pos = 0;
    assert_int_equal(cc_simmodel_from_wire(&r, &copy, &err), CC_EINVAL);
    cc_results_free(a);
    cc_results_free(b);
    cc_simmodel_free(copy);
    cc_simmodel_free(m);
    cc_wire_release(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shard_ranges),
        cmocka_unit_test(test_job_matches_replicate),
        cmocka_unit_test(test_split_records_merge_to_the_same),
        cmocka_unit_test(test_model_wire_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
