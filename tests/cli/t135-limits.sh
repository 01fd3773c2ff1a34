#!/bin/sh
# The up-front events and memory estimate of `plan` and `sweep`, as for
# `run`: a command whose simulations would exceed the limits exits 2 before
# simulating, with the estimate, the limit and the --no-limits flag named,
# and writes nothing; with --no-limits it simulates (checked by letting it
# start under a CPU-time limit: it is killed while simulating, not refused).
. "$(dirname "$0")/lib.sh"

# One day of W1 at 2,000 calls an hour: 1.9e5 events a replication, so
# 100,000 replications are 1.9e10 events, above the 1e10 limit.
day='--set horizon.days=1 --set channels.calls.volume.per_hour=2000 --replications 100000'
q=scenarios/single-queue-erlang.yaml

# refused DESCRIPTION FOLDER: exit 2, the run's message and note, nothing written.
refused() {
    check "$1 exits 2 before simulating" [ "$rc" -eq 2 ]
    check "  with the run's estimate and limit" grep -q \
        "the run would process about 1.9e+10 events (100000 replications of 1.9e+05); the limit is 1e+10" "$err"
    check "  naming --no-limits" grep -q -- "--no-limits runs past the event and memory limits" "$err"
    check "  writing nothing" [ ! -e "$2" ]
}

# started ARGS...: runs ccsim with ARGS under a 1 s CPU-time limit; sets $rc.
started() {
    (ulimit -c 0; ulimit -t 1; exec "$CCSIM" "$@") >"$out" 2>"$err"
    rc=$?
}

# simulated DESCRIPTION: the command was killed at the CPU limit while
# simulating (SIGXCPU, or SIGKILL where the soft limit is the hard one).
simulated() {
    check "$1 with --no-limits simulates (still running after 1 CPU-second)" \
        [ "$rc" -gt 128 ]
    check "  and is not refused" sh -c '! grep -q "would process" "$1"' sh "$err"
}

# shellcheck disable=SC2086
run plan $q $day --out "$tmp/p1"
refused "plan above the event limit" "$tmp/p1"
# shellcheck disable=SC2086
started plan $q $day --no-limits --threads 1 --out "$tmp/p2"
simulated "plan"

vary='--vary channels.calls.volume.per_hour=100,2000'
# shellcheck disable=SC2086
run sweep $q $day $vary --out "$tmp/s1"
refused "sweep with a point above the event limit" "$tmp/s1"
# shellcheck disable=SC2086
run sweep $q $day $vary --plan --out "$tmp/s1"
refused "sweep --plan with a point above the event limit" "$tmp/s1"
# shellcheck disable=SC2086
started sweep $q $day $vary --no-limits --threads 1 --out "$tmp/s2"
simulated "sweep"

run plan --help
check "plan --help documents --no-limits" grep -q -- "--no-limits" "$out"
run sweep --help
check "sweep --help documents --no-limits" grep -q -- "--no-limits" "$out"

finish
