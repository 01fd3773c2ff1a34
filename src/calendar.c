/*
 * Event calendar storage (the heap operations are inline in calendar.h).
 * Growth doubles the array, so the number of reallocations over a run is
 * logarithmic in the largest number of pending events.
 */
#include <stdlib.h>

#include "alloc.h"
#include "calendar.h"

void cc_calendar_init(cc_calendar *c, size_t cap)
{
    if (cap < 16)
        cap = 16;
    c->heap = cc_xmalloc(cap * sizeof(*c->heap));
    c->cap = cap;
    c->n = 0;
    c->seq = 0;
}

void cc_calendar_release(cc_calendar *c)
{
    if (!c)
        return;
    free(c->heap);
    c->heap = NULL;
    c->n = c->cap = 0;
}

void cc_calendar_clear(cc_calendar *c)
{
    c->n = 0;
    c->seq = 0;
}

void cc_calendar_grow(cc_calendar *c)
{
    c->cap *= 2;
    c->heap = cc_xrealloc(c->heap, c->cap * sizeof(*c->heap));
}
