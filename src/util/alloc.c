/*
 * Allocation wrappers that abort on exhaustion with a message naming the size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

static void out_of_memory(size_t size)
{
    fprintf(stderr, "ccsim: out of memory allocating %zu bytes\n", size);
    abort();
}

void *cc_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *cc_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *cc_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

char *cc_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = cc_xmalloc(n);
    memcpy(p, s, n);
    return p;
}
