# Shared helpers for the CLI test scripts (sourced, POSIX sh). Each check
# prints "ok N - what" or "not ok N - what"; finish prints the plan and
# returns non-zero when any check failed. run stores the exit code in $rc and
# the output in $out and $err (files), under a timeout so a hang fails.
#
# Starting a process is the expensive part of these scripts, so the helpers
# avoid it where the shell can do the work itself (no command substitution on
# the success path of ok), and JSON checks on one document share one jq.
: "${CCSIM:=build/ccsim}"
# Absolute, so checks that change directory still find the binary.
case $CCSIM in /*) ;; *) CCSIM=$PWD/$CCSIM ;; esac
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
err=$tmp/err
nl='
'
esc=$(printf '\033')

# say WORD DESCRIPTION: prints "WORD N - DESCRIPTION" on one line, whatever
# bytes the description quotes (newlines and escapes become spaces).
say() {
    case $2 in
    *"$nl"* | *"$esc"*) printf '%s %s - %s\n' "$1" "$n" "$(printf '%s' "$2" | tr '\n\033' '  ')" ;;
    *) printf '%s %s - %s\n' "$1" "$n" "$2" ;;
    esac
}

pass_() {
    n=$((n + 1))
    say ok "$1"
}

fail_() {
    n=$((n + 1))
    failed=$((failed + 1))
    say "not ok" "$1"
    if [ -s "$err" ]; then sed 's/^/#   stderr: /' "$err" | head -5; fi
}

ok() {
    jflush
    pass_ "$1"
}

not_ok() {
    jflush
    fail_ "$1"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
    desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# run ARGS...: runs ccsim; sets $rc, $out, $err.
run() {
    jflush
    timeout 20 "$CCSIM" "$@" >"$out" 2>"$err"
    rc=$?
}

# ---- JSON ---------------------------------------------------------------------
# jq definitions available to every expression:
#   num     the input if it is a number other than NaN, else an error: in
#           jq null and NaN sort below every number, so without it a missing
#           or NaN field would pass a comparison such as `(.x | num) < 1`
#   abs     absolute value of such a number (so `(.x - 1 | abs) < 1e-6`
#           fails when .x is NaN)
#   int_literal(KEY)  the document's text writes the top-level field KEY as
#           a whole number (14, not 14.0)
JQ_DEFS='
def num: if type == "number" and (isnan | not) then . else error("expected a number, got \(tojson)") end;
def abs: num | fabs;
def int_literal(k): $raw | test("\"\(k)\": *-?[0-9]+\\s*[,}]");
'

# jcheck DESCRIPTION JQ-EXPRESSION: ok when the expression, applied to the
# JSON document in $out, yields true (every output true, at least one). The
# document must be exactly one JSON value, so `jcheck DESC true` checks that
# it parses. Checks are queued and the queue is evaluated in one jq by the
# next run, ok, not_ok or finish; a script that rewrites $out without run
# calls jflush first.
jq_n=0
jq_prog=
jcheck() {
    jq_n=$((jq_n + 1))
    eval "jq_desc_$jq_n=\$1"
    jq_prog="$jq_prog${jq_prog:+,}
(try ([$2] | if length > 0 and all(. == true) then \"ok\" else \"# got \(tojson)\" end)
 catch \"# jq: \(tostring | tojson)\")"
}

jflush() {
    [ "$jq_n" -eq 0 ] && return 0
    jq -r --rawfile raw "$out" -n "$JQ_DEFS (\$raw | fromjson) | ($jq_prog)" \
        >"$tmp/jq.out" 2>"$tmp/jq.err"
    _i=0
    _total=$jq_n
    jq_n=0
    jq_prog=
    exec 3<"$tmp/jq.out"
    while [ "$_i" -lt "$_total" ]; do
        _i=$((_i + 1))
        eval "_d=\$jq_desc_$_i"
        _r=
        IFS= read -r _r <&3 || _r="# $(head -n 1 "$tmp/jq.err")"
        if [ "$_r" = ok ]; then
            pass_ "$_d"
        else
            fail_ "$_d"
            printf '%s\n' "$_r" | cut -c 1-300
        fi
    done
    exec 3<&-
}

# jget FIELD: prints the number in the top-level FIELD of $out; fails when it
# is missing or not a number.
jget() {
    jq -n -r --arg k "$1" --rawfile raw "$out" "$JQ_DEFS"' $raw | fromjson | .[$k] | num' 2>/dev/null
}

# close GOT WANT TOL: |GOT - WANT| <= TOL.
close() {
    awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= t) }'
}

# usage_error DESCRIPTION NEEDLE: the last run was a usage error: exit 2,
# nothing on stdout, exactly one line on stderr, in the house format and
# containing NEEDLE (usually the flag name).
usage_error() {
    _l1=
    _l2=
    { IFS= read -r _l1 && ! IFS= read -r _l2 && [ -z "$_l2" ]; } <"$err" && _one=1 || _one=0
    if [ "$rc" -eq 2 ] && [ ! -s "$out" ] && [ "$_one" = 1 ]; then
        case $_l1 in
        "ccsim: error: "*)
            case $_l1 in *"$2"*) ok "$1"; return ;; esac ;;
        esac
    fi
    not_ok "$1 (exit $rc, stdout $(wc -c <"$out") bytes, stderr $(wc -l <"$err") lines)"
}

finish() {
    jflush
    echo "1..$n"
    [ "$failed" -eq 0 ]
}

# has TEXT NEEDLE: TEXT contains NEEDLE (a fixed string). With
# text=$(cat FILE) it replaces a series of `grep -qF` on one file.
has() {
    case $1 in *"$2"*) return 0 ;; esac
    return 1
}
