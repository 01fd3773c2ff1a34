#!/bin/sh
# Tasks, shards and merge: a sweep and a run give byte-identical results with
# 1 or 2 threads and split into 1, 2, 3 or 7 shards merged again (shards
# given in any order); merge refuses a missing, duplicated, foreign or
# damaged shard with exit 2 naming it, and writes nothing then.
set -u
. tests/cli/lib.sh
S=scenarios/ecommerce-week.yaml
V="--vary teams.tier1.shifts[0].agents=30,34 --vary channels.chat.volume.per_day=2000,2600"
R="--replications 2 --seed 11"

same_sweep() { # dir: identical to the single-process sweep
    cmp -s "$tmp/sw1/sweep.json" "$1/sweep.json" && cmp -s "$tmp/sw1/sweep.csv" "$1/sweep.csv" &&
        cmp -s "$tmp/sw1/sweep.html" "$1/sweep.html"
}

run sweep $S $V $R --threads 1 --out "$tmp/sw1"
check "sweep, one thread" [ "$rc" -eq 0 ]
run sweep $S $V $R --threads 2 --out "$tmp/sw2"
check "sweep with two threads is byte-identical to one thread" same_sweep "$tmp/sw2"

for N in 1 2 3 7; do
    k=1
    parts=
    while [ "$k" -le "$N" ]; do
        "$CCSIM" sweep $S $V $R --shard "$k/$N" --out "$tmp/p$N/$k.ccshard" >"$out" 2>"$err" ||
            not_ok "shard $k/$N"
        # given in reverse order: merge sorts them by shard number
        parts="$tmp/p$N/$k.ccshard $parts"
        k=$((k + 1))
    done
    run merge "$tmp/m$N" $parts
    check "sweep as $N shards merged: exit 0" [ "$rc" -eq 0 ]
    check "sweep as $N shards merged is byte-identical to one process" same_sweep "$tmp/m$N"
done

# run: the replications are the tasks.
run run $S --replications 5 --seed 3 --threads 1 --out "$tmp/r1"
check "run, one thread" [ "$rc" -eq 0 ]
for N in 1 2 3 7; do
    k=1
    parts=
    while [ "$k" -le "$N" ]; do
        "$CCSIM" run $S --replications 5 --seed 3 --shard "$k/$N" --threads 2 \
            --out "$tmp/rp$N/$k.ccshard" >"$out" 2>"$err" || not_ok "run shard $k/$N"
        parts="$tmp/rp$N/$k.ccshard $parts"
        k=$((k + 1))
    done
    run merge "$tmp/rm$N" $parts
    check "run as $N shards merged: exit 0" [ "$rc" -eq 0 ]
    check "run as $N shards: summary.json, intervals.csv and report.html byte-identical" \
        sh -c "cmp -s '$tmp/r1/summary.json' '$tmp/rm$N/summary.json' &&
               cmp -s '$tmp/r1/intervals.csv' '$tmp/rm$N/intervals.csv' &&
               cmp -s '$tmp/r1/report.html' '$tmp/rm$N/report.html'"
done
check "7 shards of 5 replications: two shards hold no task, and still merge" \
    grep -q '"first_task":0,"end_task":0' "$tmp/rp7/1.ccshard"

# --set and --scale in a shard's arguments: merge applies them as the single process does.
W="--set channels.chat.volume.per_day=2500 --scale volume=1.1 --replications 3 --seed 3"
run run $S $W --out "$tmp/ws1"
check "run with --set and --scale: exit 0" [ "$rc" -eq 0 ]
"$CCSIM" run $S $W --shard 1/2 --out "$tmp/ws/1.ccshard" >"$out" 2>"$err" || not_ok "--set shard 1/2"
"$CCSIM" run $S $W --shard 2/2 --out "$tmp/ws/2.ccshard" >"$out" 2>"$err" || not_ok "--set shard 2/2"
run merge "$tmp/wsm" "$tmp/ws/1.ccshard" "$tmp/ws/2.ccshard"
check "shards with --set and --scale merged: exit 0" [ "$rc" -eq 0 ]
check "shards with --set and --scale merged: summary.json byte-identical" \
    cmp -s "$tmp/ws1/summary.json" "$tmp/wsm/summary.json"
"$CCSIM" run $S --replications 3 --seed 3 --out "$tmp/ws0" >"$out" 2>"$err" || not_ok "plain run"
check "  and the overrides applied (differs from the same run without them)" \
    sh -c "! cmp -s '$tmp/ws0/summary.json' '$tmp/ws1/summary.json'"

# sweep --set and --scale: applied to every point, kept through shards and merge.
X="--vary channels.chat.volume.per_day=2000,2600 --replications 2 --seed 3"
run sweep $S $X --out "$tmp/xs0"
check "sweep without --set: exit 0" [ "$rc" -eq 0 ]
run sweep $S $X --scale aht=1.2 --set simulation.warmup=1h --out "$tmp/xs1"
check "sweep with --set and --scale: exit 0" [ "$rc" -eq 0 ]
check "  every point changed" sh -c "! cmp -s '$tmp/xs0/sweep.csv' '$tmp/xs1/sweep.csv'"
"$CCSIM" sweep $S $X --set simulation.warmup=1h --scale aht=1.2 --shard 1/2 \
    --out "$tmp/xs/1.ccshard" >"$out" 2>"$err" || not_ok "sweep --set shard 1/2"
"$CCSIM" sweep $S $X --set simulation.warmup=1h --scale aht=1.2 --shard 2/2 \
    --out "$tmp/xs/2.ccshard" >"$out" 2>"$err" || not_ok "sweep --set shard 2/2"
run merge "$tmp/xsm" "$tmp/xs/1.ccshard" "$tmp/xs/2.ccshard"
check "sweep shards with --set and --scale merged: byte-identical" \
    sh -c "[ $rc -eq 0 ] && cmp -s '$tmp/xs1/sweep.json' '$tmp/xsm/sweep.json'"
"$CCSIM" sweep $S --vary channels.chat.volume.per_day=2000 --scale chat.volume=2 --replications 1 \
    --seed 3 --out "$tmp/xq1" >"$out" 2>"$err" || not_ok "sweep --scale chat.volume=2"
"$CCSIM" sweep $S --vary channels.chat.volume.per_day=4000 --replications 1 --seed 3 \
    --out "$tmp/xq2" >"$out" 2>"$err" || not_ok "sweep per_day=4000"
check "sweep --scale multiplies a varied volume: 2000 x 2 simulates as 4000" \
    sh -c "sed 1d '$tmp/xq1/sweep.csv' | cut -d, -f3- >'$tmp/xq1.c' &&
           sed 1d '$tmp/xq2/sweep.csv' | cut -d, -f3- >'$tmp/xq2.c' && cmp -s '$tmp/xq1.c' '$tmp/xq2.c'"
run sweep $S $X --scale speed=2
usage_error "sweep --scale of an unknown quantity: exit 2 naming the flag" "--scale:"
run sweep $S $X --seed 4
usage_error "sweep --seed twice: exit 2" "--seed: given more than once"

# refusals
run merge "$tmp/x1" "$tmp/p3/1.ccshard" "$tmp/p3/3.ccshard"
usage_error "missing shard: exit 2" "shard 2/3 is missing"
check "nothing written for a missing shard" [ ! -e "$tmp/x1" ]
run merge "$tmp/x2" "$tmp/p3/1.ccshard" "$tmp/p3/2.ccshard" "$tmp/p3/2.ccshard" "$tmp/p3/3.ccshard"
usage_error "duplicated shard: exit 2 naming it" "are both shard 2/3"
run merge "$tmp/x3" "$tmp/p3/1.ccshard" "$tmp/p2/2.ccshard" "$tmp/p3/3.ccshard"
usage_error "shard of another split: exit 2 naming it" "p2/2.ccshard' belongs to another job"
"$CCSIM" sweep $S $V --replications 2 --seed 12 --shard 2/3 --out "$tmp/seed12.ccshard" >/dev/null 2>&1
run merge "$tmp/x4" "$tmp/p3/1.ccshard" "$tmp/seed12.ccshard" "$tmp/p3/3.ccshard"
usage_error "shard of another seed: exit 2 naming the field" "(different seed)"
run merge "$tmp/x5" "$tmp/p3/1.ccshard" "$tmp/rp3/2.ccshard" "$tmp/p3/3.ccshard"
usage_error "shard of another command: exit 2" "rp3/2.ccshard' belongs to another job"
head -c 2000 "$tmp/p3/2.ccshard" >"$tmp/trunc.ccshard"
run merge "$tmp/x6" "$tmp/p3/1.ccshard" "$tmp/trunc.ccshard" "$tmp/p3/3.ccshard"
usage_error "truncated shard: exit 2 naming it" "trunc.ccshard' is truncated"
check "nothing written for a truncated shard" [ ! -e "$tmp/x6/sweep.json" ]
{ head -n 2 "$tmp/p3/2.ccshard"; printf '\004\000\000\000\000\000\000\000\000\000\000\000\200\000\000\000'; } \
    >"$tmp/huge.ccshard"
run merge "$tmp/x9" "$tmp/p3/1.ccshard" "$tmp/huge.ccshard" "$tmp/p3/3.ccshard"
usage_error "a record said to be larger than the file: exit 2, no allocation" "huge.ccshard' is truncated"
printf 'not a shard\n' >"$tmp/junk"
run merge "$tmp/x7" "$tmp/junk"
usage_error "not a shard file: exit 2" "is not a ccsim shard file"
run sweep $S $V --shard 4/3
usage_error "--shard K > N: exit 2 naming the flag" "--shard"
run run $S --shard 0/2
usage_error "--shard 0/2: exit 2 naming the flag" "--shard"
run merge "$tmp/x8"
usage_error "merge without shards: exit 2" "at least one shard"
finish
