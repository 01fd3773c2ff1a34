#!/bin/sh
# Runs every unit-test binary given as an argument, then every CLI test script
# in tests/cli/, and prints one closing line "tests: N passed, N failed,
# N skipped".
# Environment: CCSIM (path of the built binary), VALGRIND=1 to run the unit
# tests under valgrind, CCSIM_NO_CLI=1 to run only the binaries given,
# CCSIM_CLI_DIR to take the scripts from another folder (tests/mpi),
# TEST_JOBS to run that many tests at once (default: the cores); the report
# comes in the usual order whatever finishes first.
#
# A CLI script prints TAP-style lines, "ok N - what" or "not ok N - what", and
# exits 0 when every check passed. A check it cannot run is "ok N - # SKIP
# reason". A script passes when it exits 0, prints at least one check and no
# "not ok"; it counts as skipped when every check it printed is a SKIP.
passed=0
failed=0
skipped=0
failures=""
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# ---- run: every test writes its log and exit code under $dir ------------------
# One line per test: kind (unit or cli), then its path.
: >"$dir/list"
for t in "$@"; do
    printf 'unit %s\n' "$t" >>"$dir/list"
done
if [ "${CCSIM_NO_CLI:-0}" != 1 ]; then
    for s in "${CCSIM_CLI_DIR:-tests/cli}"/t*.sh; do
        [ -f "$s" ] && printf 'cli %s\n' "$s" >>"$dir/list"
    done
fi
export dir
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
# shellcheck disable=SC2016
xargs -P "$jobs" -L 1 sh -c '
    kind=$0 t=$1 name=$(basename "$1")
    if [ "$kind" = unit ] && [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
            "$t" >"$dir/$name.log" 2>&1
    elif [ "$kind" = unit ]; then
        "$t" >"$dir/$name.log" 2>&1
    else
        sh "$t" >"$dir/$name.log" 2>&1
    fi
    echo $? >"$dir/$name.rc"' <"$dir/list"

# ---- report, in order -------------------------------------------------------------
while read -r kind t; do
    name=$(basename "$t")
    log="$dir/$name.log"
    rc=$(cat "$dir/$name.rc" 2>/dev/null || echo 127)
    if [ "$kind" = unit ]; then
        if [ "$rc" -eq 0 ]; then
            passed=$((passed + 1))
            echo "ok    $name ($(grep -c '^\[       OK \]' "$log") cases)"
        else
            failed=$((failed + 1))
            failures="$failures $name"
            echo "FAIL  $name"
            sed 's/^/      /' "$log"
        fi
        continue
    fi
    # Counts: checks passed (ok, not SKIP), skipped (ok # SKIP), failed (not ok).
    set -- $(awk '
        /^ok [0-9]+( -)? *# *[Ss][Kk][Ii][Pp]/ { skip++; next }
        /^ok / { ok++ }
        /^not ok / { bad++ }
        END { printf "%d %d %d\n", ok, skip, bad }' "$log")
    ok=$1 skip=$2 bad=$3
    if [ "$rc" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$ok" -eq 0 ] && [ "$skip" -gt 0 ]; then
        skipped=$((skipped + 1))
        reason=$(sed -n 's/^ok [0-9][0-9]*\( -\)\{0,1\} *# *[Ss][Kk][Ii][Pp] *//p' "$log" | head -n 1)
        echo "skip  $name ($reason)"
    elif [ "$rc" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$ok" -gt 0 ]; then
        passed=$((passed + 1))
        if [ "$skip" -gt 0 ]; then
            echo "ok    $name ($ok checks, $skip skipped)"
        else
            echo "ok    $name ($ok checks)"
        fi
    else
        failed=$((failed + 1))
        failures="$failures $name"
        if [ "$rc" -eq 0 ] && [ "$bad" -eq 0 ]; then
            echo "FAIL  $name (no checks ran)"
        elif [ "$rc" -eq 0 ]; then
            echo "FAIL  $name (exit 0, but $bad checks failed)"
        else
            echo "FAIL  $name"
        fi
        sed 's/^/      /' "$log"
    fi
done <"$dir/list"
[ -n "$failures" ] && echo "failed:$failures"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
