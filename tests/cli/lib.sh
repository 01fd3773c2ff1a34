# Shared helpers for the CLI test scripts (sourced, POSIX sh). Each check
# prints "ok N - what" or "not ok N - what"; finish prints the plan and
# returns non-zero when any check failed. run stores the exit code in $rc and
# the output in $out and $err (files), under a timeout so a hang fails.
: "${CCSIM:=build/ccsim}"
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
err=$tmp/err

# A description on one line, whatever bytes it quotes.
oneline() {
    printf '%s' "$1" | tr '\n\033' '  '
}

ok() {
    n=$((n + 1))
    echo "ok $n - $(oneline "$1")"
}

not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $(oneline "$1")"
    if [ -s "$err" ]; then sed 's/^/#   stderr: /' "$err" | head -5; fi
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
    desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# run ARGS...: runs ccsim; sets $rc, $out, $err.
run() {
    timeout 20 "$CCSIM" "$@" >"$out" 2>"$err"
    rc=$?
}

# jcheck DESCRIPTION PYTHON-EXPRESSION: evaluates the expression with the
# JSON in $out parsed as `d` (and `keys`, its key list in order).
jcheck() {
    desc=$1
    if python3 -c '
import json, math, sys
d = json.load(open(sys.argv[1]))
keys = list(d.keys())
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$out" "$2" 2>>"$err"; then ok "$desc"; else not_ok "$desc"; fi
}

# close GOT WANT TOL: |GOT - WANT| <= TOL.
close() {
    awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= t) }'
}

# usage_error DESCRIPTION NEEDLE: the last run was a usage error: exit 2,
# nothing on stdout, exactly one line on stderr, in the house format and
# containing NEEDLE (usually the flag name).
usage_error() {
    if [ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ "$(wc -l <"$err")" -eq 1 ] &&
        grep -q '^ccsim: error: ' "$err" && grep -qF -e "$2" "$err"; then
        ok "$1"
    else
        not_ok "$1 (exit $rc, stdout $(wc -c <"$out") bytes, stderr $(wc -l <"$err") lines)"
    fi
}

finish() {
    echo "1..$n"
    [ "$failed" -eq 0 ]
}
