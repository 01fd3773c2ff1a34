/*
 * The reference workloads W1-W3 as ready-made engine models, shared by the
 * benchmark and the tests so that both use one definition. Not part of the
 * public API.
 */
#ifndef CC_ENGINE_WORKLOADS_H
#define CC_ENGINE_WORKLOADS_H

#include "cc_sim.h"

/*
 * The reference workloads of bench/WORKLOADS.md: 1 = W1 (M/M/100, 0.3/s,
 * AHT 300 s), 2 = W2 (W1 with Exp(120 s) patience), 3 = W3 (phone, chat with
 * concurrency 3, email; teams of 60 and 30), each stopping after
 * n_arrivals and draining. Returns NULL for another `which`.
 */
cc_simmodel *cc_simmodel_workload(int which, long n_arrivals);

#endif
