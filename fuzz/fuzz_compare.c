/*
 * libFuzzer harness for compare's JSON: the input is written to a file and
 * compared, as the new summary and as the baseline, with a real
 * summary.json (tests/data/compare/base.json, run from the repository
 * root), with the statistical and the exact tolerance. Any crash, leak or
 * sanitizer report is a bug in the comparison.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "cc_compare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BASE "tests/data/compare/base.json"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    FILE *f;
    int k;

    snprintf(path, sizeof path, "/tmp/ccsim-fuzz-compare-%ld.json", (long)getpid());
    if (!(f = fopen(path, "wb")))
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    for (k = 0; k < 4; k++) {
        cc_compare_options opt = {0};
        cc_compare_report *rep = NULL;
        cc_error err;
        if (k & 2)
            (void)cc_tolerance_parse("exact", &opt.default_tolerance);
        if (cc_compare_files(k & 1 ? BASE : path, k & 1 ? path : BASE, &opt, &rep, &err) ==
            CC_OK)
            cc_compare_report_free(rep);
        cc_compare_options_release(&opt);
    }
    unlink(path);
    return 0;
}
