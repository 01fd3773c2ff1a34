/*
 * What one replication records, for the statistics stage to read: the raw
 * per-interval counters of each channel and team, and wait histograms whose
 * bins come from the bits of the double (a shift and a mask, no log).
 */
#ifndef CC_ENGINE_COUNTERS_H
#define CC_ENGINE_COUNTERS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cc_sim.h"

/*
 * Wait histograms. Bin 0 holds waits of exactly 0 (answered at once), bin 1
 * waits in (0, 2^EMIN), then 2^SUB linear sub-bins per octave from 2^EMIN up
 * to 2^EMAX, and a last bin for longer waits. The totals use 16 sub-bins per
 * octave from ~1 ms to ~48 days (6% wide); per-interval histograms use 4
 * from 0.125 s to 72 h (25% wide, interpolated), to bound memory.
 */
#define CC_HT_SUB 4
#define CC_HT_EMIN (-10)
#define CC_HT_EMAX 22
#define CC_HT_BINS (((CC_HT_EMAX) - (CC_HT_EMIN)) * (1 << CC_HT_SUB) + 3)

#define CC_HI_SUB 2
#define CC_HI_EMIN (-3)
#define CC_HI_EMAX 18
#define CC_HI_BINS (((CC_HI_EMAX) - (CC_HI_EMIN)) * (1 << CC_HI_SUB) + 3)

/* Bin of wait w >= 0 in a histogram with (sub, emin, bins). */
static inline unsigned cc_hist_bin(double w, int sub, int emin, unsigned bins)
{
    uint64_t b;
    long e, idx;
    if (!(w > 0))
        return 0;
    memcpy(&b, &w, sizeof b);
    e = (long)(b >> 52) - 1023;
    if (e < emin)
        return 1;
    idx = (e - emin) * (1L << sub) + (long)((b >> (52 - sub)) & ((1u << sub) - 1)) + 2;
    return idx < (long)bins - 1 ? (unsigned)idx : bins - 1;
}

/* Lower edge of bin j (j >= 1) of a histogram with (sub, emin). */
double cc_hist_edge(unsigned j, int sub, int emin);

/*
 * The p-quantile (0 < p < 1) of the waits in a histogram of `bins` counts,
 * interpolating linearly inside a bin; NaN when the histogram is empty. The
 * last bin has no upper edge: its lower edge is returned.
 */
double cc_hist_quantile(const uint32_t *h, unsigned bins, int sub, int emin, double p);

/*
 * One channel in one interval of one replication (by arrival interval),
 * counting only contacts that arrive after the warm-up, like the totals.
 */
typedef struct cc_ival_ch {
    uint32_t offered;       /* arrivals, incl. deflected */
    uint32_t deflected;     /* deflected */
    uint32_t contained;     /* resolved by the bot */
    uint32_t bounced;       /* left the bot to return later */
    uint32_t presented;     /* reached the queue */
    uint32_t queued;        /* presented and not answered at once */
    uint32_t answered;      /* answered */
    uint32_t in_target;     /* answered within the target time */
    uint32_t abandoned;     /* abandoned */
    uint32_t short_abandoned; /* abandoned within target.short_abandon_s */
    uint32_t sl_excluded;   /* presented but outside the service level's denominator: by
                               target.definition, or pending at the end (cc_rep_channel) */
    uint32_t pending;       /* still waiting at the end with their target time not passed */
    uint32_t backlog_end;   /* queue length at the interval's end (clock interval) */
    double wait_ans_s;      /* sum of waits of answered contacts, seconds */
    double wait_ab_s;       /* sum of waits of abandoned contacts, seconds */
    double handle_s;        /* sum of handle times of answered contacts, seconds */
} cc_ival_ch;

/* One team in one clock interval of one replication. */
typedef struct cc_ival_team {
    double present_s;       /* agent-seconds present */
    double busy_s;          /* agent-seconds busy */
    double chat_cap_s;      /* chat session slot-seconds */
    double chat_sess_s;     /* chat session-seconds */
    double paid_s;          /* scheduled agent-seconds within the run */
    uint32_t handled;       /* contacts completed */
} cc_ival_team;

#endif
