#!/bin/sh
# A command's results appear together or not at all: a failed write (file
# size limit), a run killed with SIGKILL and a second writer never leave a
# mixed folder; stale staging folders are removed by the next run; a bad
# --out or an unsafe scenario name is refused before any simulation.
. "$(dirname "$0")/lib.sh"
scenario=scenarios/single-queue-erlang.yaml
dest=$tmp/res

run run "$scenario" --replications 2 --seed 1 --out "$dest"
check "a first run writes its set" [ "$rc" -eq 0 ] && [ -s "$dest/summary.json" ] &&
    [ -s "$dest/intervals.csv" ] && [ -s "$dest/report.html" ]
check "  marked as ccsim results" [ -f "$dest/.ccsim-results" ]
check "  with no staging folder left" [ -z "$(ls -A "$tmp" | grep partial)" ]
cp "$dest/summary.json" "$tmp/first-summary.json"
cp "$dest/intervals.csv" "$tmp/first-intervals.csv"

# A write that fails part-way (file size limit, as on a full disk).
(
    trap '' XFSZ
    ulimit -f 40
    timeout 20 "$CCSIM" run "$scenario" --replications 2 --seed 2 --out "$dest" >"$out" 2>"$err"
    echo $? >"$tmp/rc"
)
rc=$(cat "$tmp/rc")
check "a run that cannot write its files fails with exit 3" [ "$rc" -eq 3 ]
check "  and leaves the previous summary.json" cmp -s "$dest/summary.json" "$tmp/first-summary.json"
check "  and the previous intervals.csv" cmp -s "$dest/intervals.csv" "$tmp/first-intervals.csv"
check "  and no staging folder" [ -z "$(ls -A "$tmp" | grep partial)" ]

# A run killed while it computes: the folder is untouched, the staging
# folder it left is removed by the next writer.
"$CCSIM" run scenarios/ecommerce-week.yaml --replications 200 --out "$dest" >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && [ -z "$(ls -A "$tmp" | grep partial)" ]; do
    sleep 0.05
    i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "a killed run leaves the previous set whole" cmp -s "$dest/summary.json" "$tmp/first-summary.json"
check "  (its staging folder stays until the next run)" [ -n "$(ls -A "$tmp" | grep partial)" ]
run run "$scenario" --replications 2 --seed 3 --out "$dest"
check "the next run succeeds" [ "$rc" -eq 0 ]
if cmp -s "$dest/summary.json" "$tmp/first-summary.json"; then not_ok "  replaces the whole set"; else ok "  replaces the whole set"; fi
check "  and removes the stale staging folder" [ -z "$(ls -A "$tmp" | grep partial)" ]

# Two writers of one folder: the second is refused while the first holds it.
if command -v flock >/dev/null 2>&1; then
    flock "$tmp/.res.lock" sleep 3 &
    holder=$!
    sleep 0.5
    run run "$scenario" --replications 2 --out "$dest"
    check "a second writer of the same folder is refused (exit 3)" [ "$rc" -eq 3 ]
    check "  naming the folder" grep -q "another ccsim is writing '$dest'" "$err"
    wait $holder
else
    ok "# SKIP flock(1) not installed"
fi

# Bad destinations, found before simulating.
: >"$tmp/a-file"
run run scenarios/ecommerce-week.yaml --replications 500 --out "$tmp/a-file"
usage_error "--out naming a file is refused at once" "--out"
mkdir -p "$tmp/mine"
echo keep >"$tmp/mine/notes.txt"
run run "$scenario" --replications 2 --out "$tmp/mine"
usage_error "--out naming a folder of other files is refused" "not ccsim results"
check "  and the files stay" grep -q keep "$tmp/mine/notes.txt"
run run "$scenario" --replications 2 --out .
usage_error "--out . is refused" "--out"
long=$tmp/$(printf '%05000d' 0)
run run "$scenario" --replications 2 --out "$long"
usage_error "--out longer than the limit is refused, not truncated" "bytes long"

# A scenario name that is not one folder name cannot steer the results.
mkdir -p "$tmp/cwd"
for name in '../../escape' '..' '/abs' 'a/b'; do
    (cd "$tmp/cwd" && timeout 20 "$CCSIM" run "$OLDPWD/$scenario" --replications 2 \
        --set "name=$name" >"$out" 2>"$err")
    rc=$?
    check "scenario name '$name' is refused without --out (exit 2)" [ "$rc" -eq 2 ]
done
check "  and nothing was written outside the folder" [ -z "$(ls -A "$tmp/cwd")" ] &&
    [ ! -e "$tmp/escape" ] && [ ! -e "$(dirname "$tmp")/escape" ]

finish
