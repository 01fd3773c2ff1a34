/*
 * Unit tests of the history import: calendar arithmetic, timestamp layouts,
 * both CSV shapes, malformed rows with their line numbers, --strict, missing
 * columns, empty files, a daylight-saving change day under a stated zone,
 * the YAML column mapping, the holiday calendar, and a million rows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "cc_forecast.h"

static char tmp_path[64];

/* Writes `text` to a fresh temporary file; returns its path. */
static const char *write_tmp(const char *text)
{
    int fd;
    FILE *f;
    snprintf(tmp_path, sizeof(tmp_path), "/tmp/ccsim-fc-XXXXXX");
    fd = mkstemp(tmp_path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return tmp_path;
}

static void test_calendar(void **state)
{
    long d;
    int y, m, dd;
    (void)state;
    assert_int_equal(cc_fc_days_from_civil(1970, 1, 1), 0);
    /* 2000-03-01 is day 11017 (date -d 2000-03-01 +%s / 86400) */
    assert_int_equal(cc_fc_days_from_civil(2000, 3, 1), 11017);
    cc_fc_civil_from_days(11017, &y, &m, &dd);
    assert_int_equal(y * 10000 + m * 100 + dd, 20000301);
    /* 2024-03-31 was a Sunday, 1999-01-01 a Friday */
    assert_int_equal(cc_fc_weekday(cc_fc_days_from_civil(2024, 3, 31)), 6);
    assert_int_equal(cc_fc_weekday(cc_fc_days_from_civil(1999, 1, 1)), 4);
    assert_int_equal(cc_fc_parse_date("2024-02-29", &d), 0);
    assert_int_equal(cc_fc_parse_date("2023-02-29", &d), -1);
    assert_int_equal(cc_fc_parse_date("2024-13-01", &d), -1);
    assert_int_equal(cc_fc_parse_date("2024-1-01", &d), -1);
}

static cc_fc_history *import_ok(const char *text, cc_fc_import_options *o)
{
    cc_fc_history *h = NULL;
    cc_error err;
    const char *p = write_tmp(text);
    cc_status st = cc_fc_import(p, o, &h, &err);
    if (st != CC_OK)
        print_error("import failed: %s\n", err.message);
    assert_int_equal(st, CC_OK);
    unlink(p);
    return h;
}

static cc_status import_err(const char *text, cc_fc_import_options *o, cc_error *err)
{
    cc_fc_history *h = NULL;
    const char *p = write_tmp(text);
    cc_status st = cc_fc_import(p, o, &h, err);
    unlink(p);
    assert_null(h);
    return st;
}

static void test_layouts(void **state)
{
    cc_fc_import_options o;
    cc_fc_history *h;
    long day = cc_fc_days_from_civil(2024, 3, 4);
    (void)state;
    cc_fc_import_options_init(&o);
    o.time_column = "t";
    /* ISO with T and space, dd/mm/yyyy, YYYYMMDD: all 2024-03-04 at 08:xx */
    h = import_ok("t\n2024-03-04T08:05:00\n2024-03-04 08:10\n04/03/2024 08:20\n"
                  "20240304 08:29:59\n\"2024-03-04T08:45\"\n", &o);
    assert_int_equal(h->day0, day);
    assert_int_equal(h->n_days, 1);
    assert_int_equal(h->per_day, 48);
    assert_rel_close(h->series[0].y[16], 4.0, 0); /* 08:00-08:30 */
    assert_rel_close(h->series[0].y[17], 1.0, 0); /* 08:30-09:00 */
    assert_int_equal(h->rows_bad, 0);
    cc_fc_history_free(h);
    /* month first */
    o.month_first = 1;
    h = import_ok("t\n03/04/2024 08:20\n", &o);
    assert_int_equal(h->day0, day);
    cc_fc_history_free(h);
    /* epoch seconds: 1709539500 = 2024-03-04T08:05:00Z */
    cc_fc_import_options_init(&o);
    o.time_column = "t";
    o.epoch = 1;
    h = import_ok("t\n1709539500\n", &o);
    assert_int_equal(h->day0, day);
    assert_rel_close(h->series[0].y[16], 1.0, 0);
    cc_fc_history_free(h);
    /* separate date (YYMMDD) and H:MM:SS columns, tab-separated, CRLF */
    cc_fc_import_options_init(&o);
    o.time_column = "time";
    o.date_column = "date";
    h = import_ok("id\tdate\ttime\r\n1\t990101\t0:00:31\r\n2\t990101\t23:59:59\r\n", &o);
    assert_int_equal(h->day0, cc_fc_days_from_civil(1999, 1, 1));
    assert_rel_close(h->series[0].y[0], 1.0, 0);
    assert_rel_close(h->series[0].y[47], 1.0, 0);
    cc_fc_history_free(h);
}

static void test_counts_and_channels(void **state)
{
    cc_fc_import_options o;
    cc_fc_history *h;
    (void)state;
    cc_fc_import_options_init(&o);
    o.time_column = "start";
    o.count_column = "n";
    o.channel_column = "ch";
    /* 6-minute counts, out of order, decimals, summed into 30-minute bins */
    h = import_ok("start,ch,n\n2024-01-02T09:06,chat,2.5\n2024-01-01T09:00,phone,3\n"
                  "2024-01-01T09:24,phone,4\n2024-01-01T09:30,chat,1\n", &o);
    assert_int_equal(h->n_series, 2);
    assert_int_equal(h->n_days, 2);
    assert_string_equal(h->series[0].name, "chat");
    assert_string_equal(h->series[1].name, "phone");
    assert_rel_close(h->series[1].y[18], 7.0, 0);
    assert_rel_close(h->series[0].y[48 + 18], 2.5, 0);
    assert_rel_close(h->total, 10.5, 1e-12);
    cc_fc_history_free(h);
    /* --channel keeps one channel of a multi-channel file */
    o.channel = "phone";
    h = import_ok("start,ch,n\n2024-01-01T09:00,phone,3\n2024-01-01T09:00,chat,5\n", &o);
    assert_int_equal(h->n_series, 1);
    assert_rel_close(h->total, 3.0, 0);
    cc_fc_history_free(h);
}

static void test_malformed_rows(void **state)
{
    cc_fc_import_options o;
    cc_fc_history *h;
    cc_error err;
    const char *text = "t,n\n2024-01-01T09:00,1\n2024-02-30T09:00,1\nnot a time,2\n"
                       "2024-01-01T09:30,-1\n2024-01-01T10:00\n2024-01-01T25:00,1\n"
                       "2024-01-01T10:00,2\n";
    (void)state;
    cc_fc_import_options_init(&o);
    o.time_column = "t";
    o.count_column = "n";
    h = import_ok(text, &o);
    assert_int_equal(h->rows_read, 7);
    assert_int_equal(h->rows_bad, 5);
    assert_int_equal(h->n_errors, 5);
    assert_int_equal(h->errors[0].line, 3);
    assert_non_null(strstr(h->errors[0].message, "bad timestamp '2024-02-30T09:00'"));
    assert_int_equal(h->errors[1].line, 4);
    assert_int_equal(h->errors[2].line, 5);
    assert_non_null(strstr(h->errors[2].message, "bad count '-1'"));
    assert_int_equal(h->errors[3].line, 6);
    assert_non_null(strstr(h->errors[3].message, "expected 2 fields, found 1"));
    assert_int_equal(h->errors[4].line, 7);
    assert_rel_close(h->total, 3.0, 0);
    cc_fc_history_free(h);
    /* strict: the first malformed row fails with its position */
    o.strict = 1;
    assert_int_equal(import_err(text, &o, &err), CC_EINVAL);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "--strict"));
}

static void test_blank_separated_fields(void **state)
{
    cc_fc_import_options o;
    cc_fc_history *h;
    (void)state;
    cc_fc_import_options_init(&o);
    o.time_column = "time";
    o.date_column = "date";
    /* a row with blanks where a tab belongs (as in some telephone-system logs) */
    h = import_ok("pri\ttype\tdate\ttime\n0\tNW\t991026\t10:00:00\n0       NW\t991026\t10:40:00\n",
                  &o);
    assert_int_equal(h->rows_bad, 0);
    assert_int_equal(h->rows_repaired, 1);
    assert_int_equal(h->repaired_lines[0], 3);
    assert_rel_close(h->total, 2.0, 0);
    cc_fc_history_free(h);
}

static void test_errors(void **state)
{
    cc_fc_import_options o;
    cc_error err;
    (void)state;
    cc_fc_import_options_init(&o);
    o.time_column = "when";
    assert_int_equal(import_err("t,n\n2024-01-01T09:00,1\n", &o, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "--time-column: no column 'when'"));
    assert_non_null(strstr(err.message, "'t', 'n'"));
    assert_int_equal(err.line, 1);
    assert_int_equal(import_err("", &o, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "empty file"));
    o.time_column = "t";
    assert_int_equal(import_err("t,n\n", &o, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "no usable data row"));
    o.tz = "Mars/Olympus";
    assert_int_equal(import_err("t\n2024-01-01T09:00\n", &o, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "--tz"));
    o.tz = NULL;
    o.interval_min = 7;
    assert_int_equal(import_err("t\n2024-01-01T09:00\n", &o, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "--interval"));
    o.interval_min = 30;
    /* hourly counts on a half-hour grid */
    o.count_column = "n";
    assert_int_equal(import_err("t,n\n2024-01-01T06:00,1\n2024-01-01T07:00,1\n2024-01-01T08:00,1\n"
                                "2024-01-01T09:00,1\n2024-01-01T10:00,2\n2024-01-01T11:00,1\n"
                                "2024-01-01T12:00,1\n2024-01-01T13:00,1\n2024-01-01T14:00,1\n"
                                "2024-01-01T15:00,1\n2024-01-01T16:00,1\n2024-01-01T17:00,1\n",
                                &o, &err), CC_EINVAL);
    assert_non_null(strstr(err.message, "60 minutes apart"));
    o.count_column = NULL;
    {
        cc_fc_history *h = NULL;
        assert_int_equal(cc_fc_import("/nonexistent/history.csv", &o, &h, &err), CC_EIO);
    }
}

/* Europe/Berlin moved from +01:00 to +02:00 at 2024-03-31 01:00 UTC. */
static void test_dst_day(void **state)
{
    cc_fc_import_options o;
    cc_fc_history *h;
    (void)state;
    cc_fc_import_options_init(&o);
    o.time_column = "t";
    o.interval_min = 60;
    o.tz = "Europe/Berlin";
    h = import_ok("t\n2024-03-31T00:30:00Z\n2024-03-31T01:30:00Z\n2024-03-31T12:00:00+00:00\n"
                  "2024-03-31T09:00\n", &o);
    assert_int_equal(h->day0, cc_fc_days_from_civil(2024, 3, 31));
    assert_rel_close(h->series[0].y[1], 1.0, 0);  /* 00:30Z = 01:30 CET */
    assert_rel_close(h->series[0].y[2], 0.0, 0);  /* 02:00-03:00 does not exist that day */
    assert_rel_close(h->series[0].y[3], 1.0, 0);  /* 01:30Z = 03:30 CEST */
    assert_rel_close(h->series[0].y[14], 1.0, 0); /* 12:00Z = 14:00 CEST */
    assert_rel_close(h->series[0].y[9], 1.0, 0);  /* no offset: the clock as written */
    cc_fc_history_free(h);
    /* a fixed offset */
    o.tz = "-05:00";
    h = import_ok("t\n2024-03-31T12:00:00Z\n", &o);
    assert_rel_close(h->series[0].y[7], 1.0, 0);
    cc_fc_history_free(h);
}

static void test_mapping_and_calendar(void **state)
{
    cc_fc_import_options o;
    cc_fc_strings s = {0};
    cc_error err;
    const char *p;
    long *days;
    int *closed;
    size_t n;
    (void)state;
    cc_fc_import_options_init(&o);
    o.count_column = "from-flag";
    p = write_tmp("time-column: start\ncount-column: calls\ndelimiter: tab\ndates: mdy\n");
    assert_int_equal(cc_fc_read_mapping(p, &o, &s, &err), CC_OK);
    unlink(p);
    assert_string_equal(o.time_column, "start");
    assert_string_equal(o.count_column, "from-flag"); /* flags win */
    assert_int_equal(o.delimiter, '\t');
    assert_int_equal(o.month_first, 1);
    cc_fc_strings_free(&s);
    p = write_tmp("time-column: start\ntime-colum: x\n");
    assert_int_equal(cc_fc_read_mapping(p, &o, &s, &err), CC_ESCHEMA);
    unlink(p);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "unknown key 'time-colum'"));
    cc_fc_strings_free(&s);

    p = write_tmp("date,kind,name\n2024-12-25,closed,Christmas\n# comment\n2024-12-24,open\n");
    assert_int_equal(cc_fc_read_calendar(p, &days, &closed, &n, &err), CC_OK);
    unlink(p);
    assert_int_equal(n, 2);
    assert_int_equal(days[0], cc_fc_days_from_civil(2024, 12, 25));
    assert_int_equal(closed[0], 1);
    assert_int_equal(closed[1], 0);
    free(days);
    free(closed);
    /* comments may come before the header line */
    p = write_tmp("# holidays\n\ndate,kind\n2024-12-26,open\n");
    assert_int_equal(cc_fc_read_calendar(p, &days, &closed, &n, &err), CC_OK);
    unlink(p);
    assert_int_equal(n, 1);
    assert_int_equal(closed[0], 0);
    free(days);
    free(closed);
    p = write_tmp("2024-12-25\n2024-12-32,closed\n");
    assert_int_equal(cc_fc_read_calendar(p, &days, &closed, &n, &err), CC_EINVAL);
    unlink(p);
    assert_int_equal(err.line, 2);
}

/*
 * A million per-contact rows import, every one counted (a tenth of that
 * under valgrind, which would take minutes).
 */
static void test_million_rows(void **state)
{
    cc_fc_import_options o;
    cc_fc_history *h;
    cc_error err;
    char path[] = "/tmp/ccsim-fc-big-XXXXXX";
    int fd = mkstemp(path), i, rows = getenv("VALGRIND") ? 100000 : 1000000;
    FILE *f = fdopen(fd, "w");
    (void)state;
    fputs("arrival,wait,handle,outcome\n", f);
    for (i = 0; i < rows; i++) {
        int day = i / 20000, sec = (i % 20000) * 4;
        fprintf(f, "2024-01-%02dT%02d:%02d:%02d,%d,%d,%s\n", 1 + day % 28, sec / 3600,
                sec / 60 % 60, sec % 60, i % 90, 60 + i % 300, i % 7 ? "answered" : "abandoned");
    }
    fclose(f);
    cc_fc_import_options_init(&o);
    o.time_column = "arrival";
    o.wait_column = "wait";
    o.handle_column = "handle";
    o.outcome_column = "outcome";
    assert_int_equal(cc_fc_import(path, &o, &h, &err), CC_OK);
    unlink(path);
    assert_int_equal(h->rows_read, rows);
    assert_int_equal(h->rows_bad, 0);
    assert_int_equal(h->n_contacts, (size_t)rows);
    assert_rel_close(h->total, rows, 0);
    assert_int_equal(h->contacts[7].outcome, CC_FC_ABANDONED);
    assert_int_equal(h->contacts[8].outcome, CC_FC_SERVED);
    assert_rel_close(h->contacts[8].handle_s, 68.0, 0);
    cc_fc_history_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_counts_and_channels),
        cmocka_unit_test(test_malformed_rows),
        cmocka_unit_test(test_blank_separated_fields),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_dst_day),
        cmocka_unit_test(test_mapping_and_calendar),
        cmocka_unit_test(test_million_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
