/*
 * Tests of atomic output files: a committed file appears whole, an aborted
 * one leaves the previous content and no temporary file behind.
 */
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "test_util.h"
#include "cli/atomic_write.h"

static char dir[] = "/tmp/ccsim-atomic-XXXXXX";

static int count_entries(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void read_all(const char *path, char *buf, size_t cap)
{
    FILE *fp = fopen(path, "r");
    size_t n;
    assert_non_null(fp);
    n = fread(buf, 1, cap - 1, fp);
    buf[n] = '\0';
    fclose(fp);
}

static void test_commit_then_abort_keeps_old_content(void **state)
{
    char path[512], buf[64];
    cc_atomic_file f;
    cc_error err;
    (void)state;

    snprintf(path, sizeof(path), "%s/sub/dir/out.json", dir);
    snprintf(buf, sizeof(buf), "%s/sub/dir", dir);
    assert_int_equal(cc_mkdir_p(buf, &err), CC_OK);
    assert_int_equal(cc_mkdir_p(buf, &err), CC_OK); /* idempotent */

    assert_int_equal(cc_atomic_open(&f, path, &err), CC_OK);
    fputs("first", f.fp);
    assert_int_equal(cc_atomic_commit(&f, &err), CC_OK);
    read_all(path, buf, sizeof(buf));
    assert_string_equal(buf, "first");

    assert_int_equal(cc_atomic_open(&f, path, &err), CC_OK);
    fputs("second, half-writ", f.fp);
    cc_atomic_abort(&f);
    read_all(path, buf, sizeof(buf));
    assert_string_equal(buf, "first");
    snprintf(buf, sizeof(buf), "%s/sub/dir", dir);
    assert_int_equal(count_entries(buf), 1);
}

static void test_unwritable_directory_fails_cleanly(void **state)
{
    cc_atomic_file f;
    cc_error err;
    char path[512];
    (void)state;

    snprintf(path, sizeof(path), "%s/missing/out.csv", dir);
    assert_int_equal(cc_atomic_open(&f, path, &err), CC_EIO);
    assert_non_null(strstr(err.message, "out.csv"));
    snprintf(path, sizeof(path), "%s/sub/dir/out.json/x", dir);
    assert_int_equal(cc_mkdir_p(path, &err), CC_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_then_abort_keeps_old_content),
        cmocka_unit_test(test_unwritable_directory_fails_cleanly),
    };
    int rc;
    if (!mkdtemp(dir))
        return 1;
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            rc = rc ? rc : 1;
    }
    return rc;
}
