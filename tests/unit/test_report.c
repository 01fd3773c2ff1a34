/*
 * Tests of the result writers on a real scenario: summary.json structure,
 * fingerprint and per-replication values; intervals.csv shape and number
 * format; report.html structure (one SVG per chart, definitions, no network
 * reference, no undefined numbers); all byte-stable for a fixed seed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "test_util.h"
#include "cc_sim.h"
#include "cc_report.h"

typedef struct fixture {
    cc_scenario *s;
    cc_results *r;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));
    cc_simmodel *m = NULL;
    cc_run_options opt = cc_run_options_default();
    cc_error err;

    if (cc_scenario_load_file("scenarios/ecommerce-week.yaml", &f->s, NULL, &err) != CC_OK)
        return -1;
    if (cc_simmodel_from_scenario(f->s, &m, &err) != CC_OK)
        return -1;
    opt.replications = 3;
    opt.seed = 11;
    opt.threads = 1;
    if (cc_replicate(m, &opt, &f->r, &err) != CC_OK)
        return -1;
    cc_simmodel_free(m);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    cc_results_free(f->r);
    cc_scenario_free(f->s);
    free(f);
    return 0;
}

typedef cc_status (*render_fn)(FILE *, const fixture *, cc_error *);

static char *render(render_fn fn, const fixture *f, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    cc_error err;
    assert_non_null(out);
    assert_int_equal(fn(out, f, &err), CC_OK);
    fclose(out);
    return buf;
}

static cc_status r_summary(FILE *out, const fixture *f, cc_error *err)
{
    return cc_report_summary_json(out, f->s, f->r, NULL, NULL, err);
}

static cc_status r_csv(FILE *out, const fixture *f, cc_error *err)
{
    return cc_report_intervals_csv(out, f->s, f->r, err);
}

static cc_status r_html(FILE *out, const fixture *f, cc_error *err)
{
    return cc_report_html(out, f->s, f->r, "<section id=\"extra\">plan here</section>", err);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
        n++;
    return n;
}

static void test_summary_json(void **state)
{
    const fixture *f = *state;
    size_t n1, n2, i;
    char *a = render(r_summary, f, &n1), *b = render(r_summary, f, &n2);
    json_error_t jerr;
    json_t *doc = json_loads(a, 0, &jerr), *chs, *sl, *reps;
    const char *sha;

    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_non_null(doc);
    assert_null(json_object_get(doc, "meta"));
    sha = json_string_value(json_object_get(json_object_get(doc, "scenario"), "sha256"));
    assert_non_null(sha);
    assert_int_equal(strlen(sha), 64);
    assert_int_equal(json_integer_value(json_object_get(doc, "replications")), 3);
    chs = json_object_get(doc, "channels");
    assert_int_equal(json_object_size(chs), (size_t)f->s->n_channels);
    for (i = 0; i < (size_t)f->s->n_channels; i++) {
        json_t *ch = json_object_get(chs, f->s->channels[i].name);
        double mean, lo, hi, sum = 0.0;
        size_t k;
        assert_non_null(ch);
        sl = json_object_get(ch, "service_level");
        reps = json_object_get(sl, "per_replication");
        assert_int_equal(json_array_size(reps), 3);
        mean = json_number_value(json_object_get(sl, "mean"));
        lo = json_number_value(json_object_get(sl, "ci_low"));
        hi = json_number_value(json_object_get(sl, "ci_high"));
        assert_true(lo <= mean && mean <= hi);
        for (k = 0; k < 3; k++)
            sum += json_number_value(json_array_get(reps, k));
        /* The mean is the mean of the per-replication values. */
        assert_rel_close(mean, sum / 3.0, 1e-12);
        assert_rel_close(json_number_value(json_object_get(sl, "mean")),
                         f->r->channels[i].service_level.mean, 0.0);
    }
    assert_non_null(json_object_get(json_object_get(doc, "totals"), "cost_per_week"));
    json_decref(doc);
    free(a);
    free(b);
}

static void test_fingerprint_tracks_the_scenario(void **state)
{
    const fixture *f = *state;
    char h1[65], h2[65];
    cc_scenario *other = NULL;
    char key[] = "channels.chat.concurrency", value[] = "2";
    cc_override ov = {key, value};
    char *text;
    size_t len;
    FILE *fp = fopen("scenarios/ecommerce-week.yaml", "rb");
    cc_error err;

    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    len = (size_t)ftell(fp);
    rewind(fp);
    text = malloc(len + 1);
    assert_int_equal(fread(text, 1, len, fp), len);
    fclose(fp);
    cc_scenario_fingerprint(f->s, h1);
    assert_int_equal(cc_scenario_load_with_overrides(text, len, "x.yaml", &ov, 1, &other, NULL,
                                                     &err), CC_OK);
    cc_scenario_fingerprint(other, h2);
    assert_string_not_equal(h1, h2);
    cc_scenario_free(other);
    free(text);
}

static void test_intervals_csv(void **state)
{
    const fixture *f = *state;
    size_t len, rows;
    char *csv = render(r_csv, f, &len);
    char *second = strchr(csv, '\n') + 1;

    rows = count(csv, "\n");
    assert_int_equal(rows, 1 + (size_t)f->s->n_intervals * (size_t)f->s->n_channels);
    assert_true(strncmp(csv, "date,interval_start,channel,", 28) == 0);
    assert_true(strncmp(second, "2026-03-02,00:00,", 17) == 0);
    assert_non_null(strstr(csv, ",sl_frac,"));
    assert_null(strstr(csv, "nan"));
    assert_null(strstr(csv, "inf"));
    free(csv);
}

static void test_report_html(void **state)
{
    const fixture *f = *state;
    size_t n1, n2;
    char *a = render(r_html, f, &n1), *b = render(r_html, f, &n2);

    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_true(strncmp(a, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(a, "</html>"));
    assert_int_equal(count(a, "<svg"), count(a, "</svg>"));
    /* volume + staffing + one SL chart and one heatmap per channel + occupancy */
    assert_int_equal(count(a, "<svg class=\"chart\""), 3 + 2 * (size_t)f->s->n_channels);
    assert_non_null(strstr(a, "<section id=\"extra\">plan here</section>"));
    assert_non_null(strstr(a, "Service level (SL)"));
    assert_non_null(strstr(a, "ASA"));
    assert_non_null(strstr(a, "Shrinkage"));
    assert_non_null(strstr(a, "FTE"));
    assert_non_null(strstr(a, "<title>"));
    assert_null(strstr(a, "nan"));
    assert_null(strstr(a, "src=\"http"));
    assert_null(strstr(a, "href=\"http"));
    free(a);
    free(b);
}

/*
 * What is left at the end, on crafted results of one channel over two days
 * of hourly intervals: a queue that grows all along is overload; the daily
 * backlog of deferred work (the same every evening) is not; the oldest open
 * contact dates from its arrival interval.
 */
static void test_backlog_end(void **state)
{
    enum { N = 48 };
    cc_channel_summary ch;
    cc_interval_channel iv[N];
    cc_results r;
    cc_backlog_end b;
    size_t i;
    (void)state;

    memset(&ch, 0, sizeof ch);
    memset(iv, 0, sizeof iv);
    memset(&r, 0, sizeof r);
    r.n_channels = 1;
    r.n_intervals = N;
    r.interval_s = 3600.0;
    r.replications = 2;
    r.channels = &ch;
    r.intervals = iv;
    /* 100 presented an hour, 50 answered: the queue grows by 50 an hour. */
    ch.presented = (cc_estimate){100.0 * N, 0.0, 2};
    ch.waiting_end = (cc_estimate){50.0 * N, 0.0, 2};
    for (i = 0; i < N; i++) {
        iv[i].backlog_end = (cc_estimate){50.0 * (double)(i + 1), 0.0, 2};
        iv[i].pooled.presented = 200.0;
        iv[i].pooled.answered = i < N / 2 ? 200.0 : 0.0; /* the second day's all open */
    }
    cc_report_backlog_end(&r, 0, &b);
    assert_true(b.overloaded);
    assert_rel_close(b.waiting, 2400.0, 1e-12);
    assert_rel_close(b.oldest_s, 24.0 * 3600.0, 1e-12); /* opened at the second day's start */

    /* Evening backlog of 300, cleared every morning: no overload. */
    for (i = 0; i < N; i++) {
        iv[i].backlog_end.mean = i % 24 >= 18 ? 300.0 : 0.0;
        iv[i].pooled.answered = iv[i].pooled.presented;
    }
    iv[N - 1].pooled.answered = 0.0; /* the last hour's arrivals wait */
    ch.waiting_end.mean = 300.0;
    cc_report_backlog_end(&r, 0, &b);
    assert_false(b.overloaded);
    assert_rel_close(b.oldest_s, 3600.0, 1e-12);

    /* Nothing waiting: no age. */
    ch.waiting_end.mean = 0.0;
    cc_report_backlog_end(&r, 0, &b);
    assert_false(b.overloaded);
    assert_true(isnan(b.oldest_s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backlog_end),
        cmocka_unit_test(test_summary_json),
        cmocka_unit_test(test_fingerprint_tracks_the_scenario),
        cmocka_unit_test(test_intervals_csv),
        cmocka_unit_test(test_report_html),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
