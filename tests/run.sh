#!/bin/sh
# Runs every unit-test binary given as an argument, then every CLI test script
# in tests/cli/, and prints one closing line "N passed, N failed".
# Environment: CCSIM (path of the built binary), VALGRIND=1 to run the unit
# tests under valgrind.
passed=0
failed=0
failures=""
log=$(mktemp)
for t in "$@"; do
    name=$(basename "$t")
    if [ "${VALGRIND:-0}" = 1 ]; then
        cmd="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 $t"
    else
        cmd="$t"
    fi
    if $cmd >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "ok    $name ($(grep -c '^\[       OK \]' "$log") cases)"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        echo "FAIL  $name"
        sed 's/^/      /' "$log"
    fi
done
for s in tests/cli/t*.sh; do
    [ -f "$s" ] || continue
    name=$(basename "$s")
    if sh "$s" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "ok    $name ($(grep -c '^ok ' "$log") checks)"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        echo "FAIL  $name"
        sed 's/^/      /' "$log"
    fi
done
rm -f "$log"
[ -n "$failures" ] && echo "failed:$failures"
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
