/*
 * Event calendar storage (the heap operations are inline in calendar.h).
 * Growth doubles the array, so the number of reallocations over a run is
 * logarithmic in the largest number of pending events.
 */
#include <stdlib.h>

#include "util/alloc.h"
#include "engine/event_heap.h"

/* Four spare slots: the last node's tournament may read up to index cap + 3. */
#define SPARE 4

static void fill_sentinels(cc_event *h, size_t from, size_t to)
{
    size_t i;
    for (i = from; i < to; i++)
        cc_calendar_set_sentinel(&h[i]);
}

void cc_calendar_init(cc_calendar *c, size_t cap)
{
    if (cap < 16)
        cap = 16;
    c->heap = cc_xmalloc((cap + SPARE) * sizeof(*c->heap));
    fill_sentinels(c->heap, 0, cap + SPARE);
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
    fill_sentinels(c->heap, 0, c->n);
    c->n = 0;
    c->seq = 0;
}

void cc_calendar_grow(cc_calendar *c)
{
    size_t old = c->cap;
    c->cap *= 2;
    c->heap = cc_xrealloc(c->heap, (c->cap + SPARE) * sizeof(*c->heap));
    fill_sentinels(c->heap, old + SPARE, c->cap + SPARE);
}
