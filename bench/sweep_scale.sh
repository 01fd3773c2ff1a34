#!/bin/sh
# Scale-out benchmark (make bench-scale): a 48-point x 10-replication sweep
# of the e-commerce week (480 tasks) with 1 thread, 2 threads and, when the
# binary is built with MPI=1 and mpirun exists, mpirun -np 2. Prints the
# wall time (best of REPEAT runs), the speed-up and efficiency against one
# thread, and the time each way adds per task: (workers x wall - 1-thread
# wall) / tasks, and what MPI adds per task against threads. Checks the
# three give byte-identical sweep.json.
set -u
CCSIM=${CCSIM:-build/ccsim}
REPEAT=${REPEAT:-3}
S=${SCENARIO:-scenarios/ecommerce-week.yaml}
V="--vary teams.tier1.shifts[0].agents=24,26,28,30,32,34,36,38,40,42,44,46"
V="$V --vary channels.chat.volume.per_day=2000,2400,2800,3200"
R="--replications 10"
TASKS=480
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best() { # label, command...: best wall time in seconds of REPEAT runs
    label=$1
    shift
    b=
    i=0
    while [ $i -lt "$REPEAT" ]; do
        s=$(date +%s.%N)
        "$@" >/dev/null 2>"$tmp/err" || { echo "$label failed:" >&2; cat "$tmp/err" >&2; exit 1; }
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
        i=$((i + 1))
    done
    echo "$b"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
t1=$(best "1 thread" "$CCSIM" sweep $S $V $R --threads 1 --out "$tmp/t1")
t2=$(best "2 threads" "$CCSIM" sweep $S $V $R --threads 2 --out "$tmp/t2")
printf '%-26s %9s %9s %11s %14s\n' "48 x 10 sweep ($TASKS tasks)" "wall s" speed-up efficiency "added ms/task"
printf '%-26s %9.2f %9s %11s %14s\n' "1 thread" "$t1" 1.00 100% -
row() { # label, wall, workers
    awk -v l="$1" -v t="$2" -v w="$3" -v t1="$t1" -v n="$TASKS" 'BEGIN {
        printf "%-26s %9.2f %9.2f %10.0f%% %14.2f\n", l, t, t1 / t, 100 * t1 / t / w, 1000 * (w * t - t1) / n }'
}
row "2 threads" "$t2" 2
cmp -s "$tmp/t1/sweep.json" "$tmp/t2/sweep.json" || echo "DIFFERENT: 2 threads" >&2
if command -v mpirun >/dev/null 2>&1 && ldd "$CCSIM" 2>/dev/null | grep -q libmpi; then
    tm=$(best "mpirun -np 2" mpirun --allow-run-as-root --oversubscribe -np 2 "$CCSIM" sweep $S $V $R \
        --out "$tmp/m2")
    row "mpirun -np 2" "$tm" 2
    awk -v tm="$tm" -v t2="$t2" -v n="$TASKS" 'BEGIN {
        printf "MPI against 2 threads: %+.2f ms per task (2 x wall difference / tasks)\n", 2000 * (tm - t2) / n }'
    cmp -s "$tmp/t1/sweep.json" "$tmp/m2/sweep.json" || echo "DIFFERENT: mpirun -np 2" >&2
else
    echo "mpirun -np 2: skipped (build with make MPI=1 and install openmpi-bin)"
fi
echo "machine: $(nproc) cores; load average before: $load, after: $(cut -d' ' -f1-3 /proc/loadavg)"
