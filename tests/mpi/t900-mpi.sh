#!/bin/sh
# The MPI build (make test-mpi): run, sweep and plan under
# mpirun --oversubscribe -np 2 and -np 3 give byte-identical results to one
# process (outside meta), as do 3 shards merged; a worker failing its task
# or crashing ends the job with exit 3, and a rank killed with SIGKILL ends
# it with mpirun's non-zero exit; none leaves a result folder.
set -u
. tests/cli/lib.sh
S=scenarios/ecommerce-week.yaml
V="--vary teams.tier1.shifts[0].agents=30,34 --vary channels.chat.volume.per_day=2000,2600,3200"
R="--replications 3 --seed 5"
MPIRUN="mpirun --allow-run-as-root --oversubscribe"

same_sweep() {
    cmp -s "$tmp/sw/sweep.json" "$1/sweep.json" && cmp -s "$tmp/sw/sweep.csv" "$1/sweep.csv" &&
        cmp -s "$tmp/sw/sweep.html" "$1/sweep.html"
}

run sweep $S $V $R --threads 1 --out "$tmp/sw"
check "sweep, one process, one thread" [ "$rc" -eq 0 ]
for np in 2 3; do
    $MPIRUN -np $np "$CCSIM" sweep $S $V $R --out "$tmp/sw$np" >"$out" 2>"$err"
    check "mpirun -np $np sweep: exit 0" [ $? -eq 0 ]
    check "mpirun -np $np sweep is byte-identical to one process" same_sweep "$tmp/sw$np"
done
for k in 1 2 3; do
    "$CCSIM" sweep $S $V $R --shard $k/3 --out "$tmp/parts/$k.ccshard" >"$out" 2>"$err" ||
        not_ok "sweep shard $k/3"
done
run merge "$tmp/swm" "$tmp/parts/1.ccshard" "$tmp/parts/2.ccshard" "$tmp/parts/3.ccshard"
check "3 shards merged are byte-identical to mpirun -np 3" same_sweep "$tmp/swm"

run run $S --replications 4 --seed 9 --out "$tmp/r"
check "run, one process" [ "$rc" -eq 0 ]
for np in 2 3; do
    $MPIRUN -np $np "$CCSIM" run $S --replications 4 --seed 9 --out "$tmp/r$np" >"$out" 2>"$err"
    check "mpirun -np $np run: exit 0" [ $? -eq 0 ]
    check "mpirun -np $np run: summary.json, intervals.csv, report.html byte-identical" \
        sh -c "cmp -s '$tmp/r/summary.json' '$tmp/r$np/summary.json' &&
               cmp -s '$tmp/r/intervals.csv' '$tmp/r$np/intervals.csv' &&
               cmp -s '$tmp/r/report.html' '$tmp/r$np/report.html'"
done

# plan: its simulations go through the same task farm.
timeout 120 "$CCSIM" plan $S --out "$tmp/p" >"$out" 2>"$err"
check "plan, one process" [ $? -eq 0 ]
for np in 2 3; do
    timeout 120 $MPIRUN -np $np "$CCSIM" plan $S --out "$tmp/p$np" >"$out" 2>"$err"
    check "mpirun -np $np plan: exit 0" [ $? -eq 0 ]
    plan_same=1
    for f in "$tmp"/p/*; do
        cmp -s "$f" "$tmp/p$np/${f##*/}" || plan_same=0
    done
    check "mpirun -np $np plan: every file byte-identical" [ "$plan_same" = 1 ]
done

# A worker that fails its task (fault injection): exit 3, the rank named, nothing written.
$MPIRUN -np 3 -x CCSIM_MPI_FAIL_TASK=2 "$CCSIM" sweep $S $V $R --out "$tmp/failed" >"$out" 2>"$err"
check "a failing worker ends the job with exit 3" [ $? -eq 3 ]
check "the message names the failed rank" grep -q "ccsim: error: MPI rank 1 failed: task 2 failed" "$err"
check "a failing worker leaves no result folder" [ ! -e "$tmp/failed" ]

# A worker that dies mid-run: crashed (SIGSEGV, caught) the job ends with
# exit 3; killed (SIGKILL, which nothing can catch) mpirun ends it with the
# signal's status. Either way no result folder.
kill_worker() { # signal, output folder; sets krc and victim
    $MPIRUN -np 3 "$CCSIM" sweep $S --vary channels.chat.volume.per_day=2000,2100,2200,2300,2400,2500 \
        --replications 40 --out "$2" >"$tmp/kill.out" 2>"$tmp/kill.err" &
    job=$!
    victim=
    i=0
    while [ -z "$victim" ] && [ $i -lt 100 ]; do
        # the ranks are mpirun's children; rank 1 is a worker
        for p in $(pgrep -x ccsim -P "$job"); do
            if { tr '\0' '\n' <"/proc/$p/environ"; } 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1'; then
                victim=$p
            fi
        done
        [ -n "$victim" ] || sleep 0.1
        i=$((i + 1))
    done
    sleep 1
    [ -n "$victim" ] && kill "-$1" "$victim"
    wait $job
    krc=$?
}
kill_worker SEGV "$tmp/crashed"
crashed_ok() { [ -n "$victim" ] && [ "$krc" -eq 3 ]; }
check "a crashed worker ends the job with exit 3 (got $krc)" crashed_ok
check "the crash is reported" grep -q "an MPI worker rank died on a fatal signal" "$tmp/kill.err"
check "a crashed worker leaves no result folder" [ ! -e "$tmp/crashed/sweep.json" ]
kill_worker KILL "$tmp/killed"
killed_ok() { [ -n "$victim" ] && [ "$krc" -ne 0 ]; }
check "a killed rank ends the job with a non-zero exit (got $krc)" killed_ok
check "a killed rank leaves no result folder" [ ! -e "$tmp/killed/sweep.json" ]
finish
