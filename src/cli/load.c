/*
 * Loading scenarios for the commands that simulate or plan: read the file,
 * apply --set overrides, print every problem as FILE:LINE:COL on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_scenario.h"
#include "cli.h"
#include "options.h"

char *cli_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!fp)
        return NULL;
    for (;;) {
        size_t got;
        if (n + 4096 + 1 > cap) {
            char *grown;
            cap = cap ? 2 * cap : 65536;
            grown = realloc(buf, cap);
            if (!grown) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        free(buf);
        fclose(fp);
        return NULL;
    }
    fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
}

void cli_print_diags(const cc_diag_list *d)
{
    char line[1400];
    size_t i;
    for (i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", cc_diag_format(d, i, line, sizeof(line)));
    if (d->dropped)
        fprintf(stderr, "%s: %zu more problems not shown\n", d->path ? d->path : "", d->dropped);
}

/*
 * Loads the scenario with the --set overrides applied. Prints every problem;
 * returns 0 or the exit code.
 */
int cli_load_scenario(const char *path, const cc_override *sets, size_t n_sets,
                      cc_scenario **out)
{
    cc_diag_list diags;
    cc_error err;
    cc_status st;
    char *text;
    size_t len = 0;

    text = cli_read_file(path, &len);
    if (!text) {
        cli_errorf("cannot read '%s': %s", path, strerror(errno ? errno : EIO));
        return CLI_IO;
    }
    cc_diag_list_init(&diags);
    cc_diag_list_set_path(&diags, path);
    st = cc_scenario_load_with_overrides(text, len, path, sets, n_sets, out, &diags, &err);
    free(text);
    cc_diag_list_sort(&diags);
    cli_print_diags(&diags);
    if (st != CC_OK && diags.n_errors == 0)
        cli_print_error(&err);
    cc_diag_list_release(&diags);
    return st == CC_OK ? CLI_OK : cli_exit_for(st);
}


int cli_parse_set(char *arg, struct cc_override *sets, size_t *n_sets, size_t max)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return cli_flag_errorf("set", "'%s' is not KEY=VALUE, e.g. channels.chat.concurrency=2",
                               arg);
    if (*n_sets == max)
        return cli_flag_errorf("set", "at most %zu overrides", max);
    *eq = '\0';
    sets[*n_sets].path = arg;
    sets[*n_sets].value = eq + 1;
    (*n_sets)++;
    return 0;
}
