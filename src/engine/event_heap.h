/*
 * Event calendar: a 4-ary min-heap of small inline event records keyed on
 * (time, insertion sequence), so events due at the same time pop in the
 * order they were scheduled (git's prio-queue rule). The hot operations are
 * inline for the engine; the array grows geometrically and is never shrunk,
 * so a steady-state run allocates nothing.
 */
#ifndef CC_CALENDAR_H
#define CC_CALENDAR_H

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One scheduled event (24 bytes). */
typedef struct cc_event {
    double t;          /* due time, seconds */
    uint64_t key;      /* insertion sequence << 8 | kind: orders ties by insertion */
    uint32_t idx;      /* subject: contact slot, agent, channel (per kind) */
    uint32_t gen;      /* generation of the subject when scheduled (stale-timer check) */
} cc_event;

typedef struct cc_calendar {
    cc_event *heap;    /* heap[0] is the earliest; heap[n .. cap + 3] are sentinels */
    size_t n;          /* events scheduled */
    size_t cap;        /* events that fit before the array grows */
    uint64_t seq;      /* next insertion sequence number */
} cc_calendar;

#define CC_EVENT_KIND(e) ((unsigned)((e)->key & 0xffu))

/* Prepares an empty calendar with room for `cap` events (at least 16). */
void cc_calendar_init(cc_calendar *c, size_t cap);

/* Frees the records. Accepts NULL. */
void cc_calendar_release(cc_calendar *c);

/* Empties the calendar and restarts the sequence; keeps the memory. */
void cc_calendar_clear(cc_calendar *c);

/* Doubles the capacity (out of line: rare). */
void cc_calendar_grow(cc_calendar *c);

/* 128-bit keys make (time, sequence) one comparison: cmp + sbb, no branch. */
__extension__ typedef unsigned __int128 cc_u128;

/*
 * Whether a is due before b. Times are >= +0.0, whose IEEE-754 bit patterns
 * order like the values, so (time bits, key) compares as one 128-bit
 * integer. Heap order is data-dependent: a branchy comparison would
 * mispredict about half the time.
 */
static inline int cc_event_before(const cc_event *a, const cc_event *b)
{
    uint64_t ta, tb;
    memcpy(&ta, &a->t, sizeof ta);
    memcpy(&tb, &b->t, sizeof tb);
    return (((cc_u128)ta << 64) | a->key) < (((cc_u128)tb << 64) | b->key);
}

/*
 * Fills the hole at slot i with `e`, bottom-up (Wegener): the hole first
 * descends along the earliest children to a leaf, then `e` rises to its
 * place. Popped and rescheduled events usually belong near the leaves, so
 * this saves the unpredictable "stop here?" test of a top-down sift.
 */
static inline void cc_calendar_sift_down(cc_calendar *c, size_t i, cc_event e)
{
    cc_event *h = c->heap;
    size_t n = c->n;
    size_t top = i;
    for (;;) {
        size_t f = 4 * i + 1, m, x, y;
        if (f >= n)
            break;
        /*
         * A tournament over the four children: two independent pairs. Slots
         * from n on hold sentinels that lose every comparison, so a node with
         * fewer than four children needs no special case.
         */
        x = f + (size_t)cc_event_before(&h[f + 1], &h[f]);
        y = f + 2 + (size_t)cc_event_before(&h[f + 3], &h[f + 2]);
        m = cc_event_before(&h[y], &h[x]) ? y : x;
        h[i] = h[m];
        i = m;
    }
    while (i > top) {
        size_t p = (i - 1) >> 2;
        if (!cc_event_before(&e, &h[p]))
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = e;
}

/* The key of an event scheduled with sequence number `seq`. */
static inline uint64_t cc_event_key(uint64_t seq, unsigned kind)
{
    return (seq << 8) | kind;
}

/*
 * Schedules an event with an explicit key (cc_event_key): for callers that
 * share one sequence counter between several calendars.
 */
static inline void cc_calendar_push_key(cc_calendar *c, double t, uint64_t key, uint32_t idx,
                                        uint32_t gen)
{
    cc_event e;
    size_t i;
    if (c->n == c->cap)
        cc_calendar_grow(c);
    assert(t >= 0.0);
    e.t = t + 0.0; /* -0.0 would sort after every time */
    e.key = key;
    e.idx = idx;
    e.gen = gen;
    i = c->n++;
    while (i > 0) {
        size_t p = (i - 1) >> 2;
        if (!cc_event_before(&e, &c->heap[p]))
            break;
        c->heap[i] = c->heap[p];
        i = p;
    }
    c->heap[i] = e;
}

/* As cc_calendar_replace_top with an explicit key. */
static inline void cc_calendar_replace_top_key(cc_calendar *c, double t, uint64_t key,
                                               uint32_t idx, uint32_t gen)
{
    cc_event e;
    assert(c->n > 0);
    assert(!(t < c->heap[0].t));
    e.t = t + 0.0;
    e.key = key;
    e.idx = idx;
    e.gen = gen;
    cc_calendar_sift_down(c, 0, e);
}

/* Schedules an event of `kind` (< 256) at time t >= 0. */
static inline void cc_calendar_push(cc_calendar *c, double t, unsigned kind, uint32_t idx,
                                    uint32_t gen)
{
    assert(kind < 256);
    cc_calendar_push_key(c, t, cc_event_key(c->seq++, kind), idx, gen);
}

/* An unused slot: after every real event (t = +inf, largest key). */
static inline void cc_calendar_set_sentinel(cc_event *e)
{
    e->t = HUGE_VAL;
    e->key = UINT64_MAX;
    e->idx = 0;
    e->gen = 0;
}

/* Removes the earliest event; the calendar must not be empty. */
static inline void cc_calendar_pop(cc_calendar *c)
{
    cc_event e;
    assert(c->n > 0);
    e = c->heap[--c->n];
    cc_calendar_set_sentinel(&c->heap[c->n]);
    if (c->n > 0)
        cc_calendar_sift_down(c, 0, e);
}

/*
 * Replaces the earliest event by a new one (pop and push in one sift): the
 * engine's common case of an event that schedules its successor. The new
 * event must not be earlier than the one it replaces.
 */
static inline void cc_calendar_replace_top(cc_calendar *c, double t, unsigned kind,
                                           uint32_t idx, uint32_t gen)
{
    assert(kind < 256);
    cc_calendar_replace_top_key(c, t, cc_event_key(c->seq++, kind), idx, gen);
}

#endif
