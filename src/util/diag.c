/*
 * Diagnostics list: every problem found in one input, errors and warnings,
 * with 1-based positions. The list grows geometrically and stops keeping
 * messages after CC_DIAG_MAX, so a hostile input cannot fill memory with
 * error text; the counters still say how many problems there were.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "cc_diag.h"

void cc_diag_list_init(cc_diag_list *list)
{
    memset(list, 0, sizeof(*list));
}

void cc_diag_list_release(cc_diag_list *list)
{
    size_t i;

    if (!list)
        return;
    for (i = 0; i < list->n; i++)
        free(list->items[i].message);
    free(list->items);
    free(list->path);
    cc_diag_list_init(list);
}

void cc_diag_list_set_path(cc_diag_list *list, const char *path)
{
    if (!list)
        return;
    free(list->path);
    list->path = cc_xstrdup(path ? path : "<string>");
}

void cc_diag_add(cc_diag_list *list, cc_diag_level level, cc_status code, int line, int col,
                 const char *fmt, ...)
{
    va_list ap;
    char buf[1024];
    cc_diag *d;

    if (!list)
        return;
    if (level == CC_DIAG_ERROR)
        list->n_errors++;
    else
        list->n_warnings++;
    if (list->n >= CC_DIAG_MAX) {
        list->dropped++;
        return;
    }
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 16;
        list->items = cc_xrealloc(list->items, list->cap * sizeof(*list->items));
    }
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    d = &list->items[list->n++];
    d->level = level;
    d->code = code;
    d->line = line;
    d->col = col;
    d->message = cc_xstrdup(buf);
}

static int pos_before(const cc_diag *a, const cc_diag *b)
{
    return a->line < b->line || (a->line == b->line && a->col < b->col);
}

void cc_diag_list_sort(cc_diag_list *list)
{
    size_t i, j;

    if (!list)
        return;
    /* Insertion sort: stable, and the list holds at most CC_DIAG_MAX entries. */
    for (i = 1; i < list->n; i++) {
        cc_diag v = list->items[i];
        for (j = i; j > 0 && pos_before(&v, &list->items[j - 1]); j--)
            list->items[j] = list->items[j - 1];
        list->items[j] = v;
    }
}

char *cc_text_printable(char *s)
{
    unsigned char *p;
    for (p = (unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            p[0] = p[1] = '?';
            p++;
        }
    }
    return s;
}

char *cc_diag_format(const cc_diag_list *list, size_t i, char *buf, size_t size)
{
    const cc_diag *d;
    const char *path;
    const char *level;

    if (!size)
        return buf;
    buf[0] = '\0';
    if (!list || i >= list->n)
        return buf;
    d = &list->items[i];
    path = list->path ? list->path : "<string>";
    level = d->level == CC_DIAG_ERROR ? "error" : "warning";
    if (d->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s: %s", path, d->line, d->col, level, d->message);
    else
        snprintf(buf, size, "%s: %s: %s", path, level, d->message);
    return cc_text_printable(buf);
}
