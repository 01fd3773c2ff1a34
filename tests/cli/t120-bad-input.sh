#!/bin/sh
# Bad input to ccsim erlang and ccsim staff: every rejected flag value or
# combination exits 2 with nothing on stdout and exactly one line on stderr
# naming the flag. Then a bounded, deterministic random-argv fuzz: exit codes
# only 0, 1 or 2, no signal, no hang, never nan or inf on stdout.
set -u
. tests/cli/lib.sh

E="erlang --calls-per-hour 200 --aht 180"
S="staff --calls-per-hour 200 --aht 180"

# bad NEEDLE ARGS...: ccsim ARGS is a usage error mentioning NEEDLE.
bad() {
    needle=$1
    shift
    run "$@"
    usage_error "rejects: $*" "$needle"
}

# ---- missing required flags -------------------------------------------------------
bad --agents $E
bad --calls-per-hour erlang --aht 180 --agents 14
bad --aht erlang --calls-per-hour 200 --agents 14
bad --calls-per-hour erlang
bad --calls-per-hour staff --aht 180 --service-level 0.8
bad --aht staff --calls-per-hour 200 --service-level 0.8
bad --service-level $S
bad --service-level $S --shrinkage 0.3

# ---- --agents: a whole number from 1 -----------------------------------------------
for v in 0 -1 -0 14.5 1e3 14.0 0x10 ' ' '' abc 14abc 99999999999999999999 1000001 nan inf; do
    bad --agents $E --agents "$v"
done

# ---- numbers: negative, zero, garbage, NaN, inf, overflow ------------------------------
for v in 0 -200 -0 abc 200x 200/h nan NaN inf -inf infinity 1e400 -1e400 0x1p3 '' ' ' 1e 1..2 +-1; do
    bad --calls-per-hour erlang --aht 180 --agents 14 --calls-per-hour "$v"
done

# --calls-per-hour was already given in $E: the duplicate is what is reported.
bad "given more than once" $E --agents 14 --calls-per-hour 300
bad "given more than once" $E --agents 14 --json --json
bad "given more than once" $S --service-level 0.8 --shrinkage 0.3 --shrinkage 0.2

# ---- durations ---------------------------------------------------------------------------
for v in 0 0s -180 -3m 3x 3mm m 1e400 nan inf '' 3m20s 1h30; do
    bad --aht erlang --calls-per-hour 200 --agents 14 --aht "$v"
done
for v in -1 -0.5s 20x nan inf 1e400 ''; do
    bad --target-seconds $E --agents 14 --target-seconds "$v"
done
for v in 0 -120 nan inf 2x ''; do
    bad --patience $E --agents 14 --patience "$v"
done

# ---- shares --------------------------------------------------------------------------------
for v in 0 0% -0.8 1.2 120% 80%% 80 nan inf 1e400 abc '' %; do
    bad --service-level $S --service-level "$v"
done
for v in 1 100% 1.5 -0.1 -10% nan inf abc; do
    bad --shrinkage $S --service-level 0.8 --shrinkage "$v"
done
for v in 0 1.01 101% -0.5 nan abc; do
    bad --max-occupancy $S --max-occupancy "$v"
done
for v in 0 1.5 -0.05 nan abc; do
    bad --max-abandon $S --patience 120 --max-abandon "$v"
done
for v in 0 -10 nan abc; do
    bad --max-asa $S --max-asa "$v"
done

# ---- combinations ------------------------------------------------------------------------
bad --max-abandon $S --max-abandon 0.05
bad --max-abandon $S --service-level 0.8 --max-abandon 5%
bad --sl-definition $E --agents 14 --sl-definition exclude-short
bad --short-abandon $E --agents 14 --short-abandon 5
bad --short-abandon $E --agents 14 --sl-definition answered --short-abandon 5
bad --sl-definition $E --agents 14 --sl-definition bogus
bad --sl-definition $E --agents 14 --sl-definition ''
# The ranges the analytics accept (cc_erlang.h) are checked on the flag.
bad --calls-per-hour erlang --calls-per-hour 1e300 --aht 1e300 --agents 14
bad --calls-per-hour erlang --calls-per-hour 1e-300 --aht 180 --agents 14
bad --calls-per-hour erlang --calls-per-hour 1.1e12 --aht 180 --agents 14
bad --aht erlang --calls-per-hour 200 --aht 1e-7 --agents 14
bad --aht erlang --calls-per-hour 200 --aht 1e10 --agents 14
bad --patience $E --agents 14 --patience 1e-7
bad --target-seconds $E --agents 14 --target-seconds 1e13

# ---- option syntax ---------------------------------------------------------------------------
bad --bogus $E --agents 14 --bogus
bad "did you mean --agents" $E --agnets 14
bad "--ag" $E --ag 14
bad "full name --agents" $E --ag 14
bad "full name --target-seconds" $E --agents 14 --target
bad "--ma" $S --ma 3
bad "did you mean --help" $E -h
bad --json $E --agents 14 --json=yes
bad --help $E --agents 14 --help=1
bad "missing value" $E --agents
bad --agents $E --agents=
bad "-x" $E --agents 14 -x
bad "-agents" $E -agents 14
bad "'garbage'" $E --agents 14 garbage
bad "'14'" $E --agents 14 14
bad "'x'" $E --agents 14 -- x
bad --agents staff --calls-per-hour 200 --aht 180 --service-level 0.8 --agents 14
bad --shrinkage erlang --calls-per-hour 200 --aht 180 --agents 14 --shrinkage 0.3

# A value with a newline or escape character is quoted, keeping the message on one line.
bad --agents $E --agents "$(printf '1\n4')"
bad --aht erlang --calls-per-hour 200 --agents 14 --aht "$(printf '\033[31m')"
# A huge value is cut in the message, not echoed whole.
long=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "9" }')
run erlang --calls-per-hour 200 --aht 180 --agents "$long"
usage_error "rejects a 5000-digit --agents" --agents
check "a 5000-digit value is shortened in the message" test "$(wc -c <"$err")" -lt 400

# Unknown command and bare ccsim.
run frobnicate
check "unknown command: exit 2, nothing on stdout" test "$rc" -eq 2 -a ! -s "$out"

# Errors win over --help only when they come first; --help alone succeeds.
run $E --help --bogus
check "--help before an error: help, exit 0" test "$rc" -eq 0 -a -s "$out"

# ---- deterministic random-argv fuzz -----------------------------------------------------------
# 300 command lines from a fixed seed (tests/tools/argv-fuzz.awk): valid ones
# with values at the edges of the accepted ranges, mutations of valid ones (a
# value swapped for a nasty one, a flag dropped, duplicated or added) and
# random soups.
# Asserts: exit 0, 1 or 2; no signal; done within 5 s; stdout free of nan and
# inf; stdout empty unless exit 0; exactly one stderr line on exit 2; valid
# JSON when --json succeeded.
mkdir "$tmp/fuzz"
# fuzz_case NUMBER ARGS...: runs ccsim ARGS, keeps stdout and stderr, and
# appends "NUMBER EXIT-CODE WANT-JSON" to the index (WANT-JSON is 1 when an
# argument is --json and none mentions --help).
fuzz_case() {
    fz=$1
    shift
    timeout 5 "$CCSIM" "$@" >"$tmp/fuzz/$fz.out" 2>"$tmp/fuzz/$fz.err"
    fz_rc=$?
    fz_json=0
    for fz_arg in "$@"; do
        case $fz_arg in
        --json) fz_json=1 ;;
        esac
    done
    for fz_arg in "$@"; do
        case $fz_arg in
        *--help*) fz_json=0 ;;
        esac
    done
    echo "$fz $fz_rc $fz_json" >>"$tmp/fuzz/index"
}
fuzz_seed=20240611
fuzz_cases=300
awk -v seed=$fuzz_seed -v cases=$fuzz_cases -v show="$tmp/fuzz/argv" \
    -f tests/tools/argv-fuzz.awk >"$tmp/fuzz/cases.sh" &&
    . "$tmp/fuzz/cases.sh"
# One awk reads every case back: it prints a line per problem, and lists the
# successful --json cases whose stdout must parse.
awk -v dir="$tmp/fuzz" -v want="$fuzz_cases" '
function slurp(f,    old, rec, text, k) {
    old = RS
    RS = "\001"
    text = ""
    k = 0
    while ((getline rec < f) > 0)
        text = text (k++ ? RS : "") rec
    close(f)
    RS = old
    nonempty = k > 0
    return text
}
BEGIN {
    while ((getline line < (dir "/argv")) > 0) {
        split(line, w, ":")
        argv[w[1]] = substr(line, length(w[1]) + 3)
    }
    while ((getline line < (dir "/index")) > 0) {
        split(line, f, " ")
        code[f[1]] = f[2]
        wants_json[f[1]] = f[3]
    }
    for (c = 1; c <= want; c++) {
        if (!(c in code)) {
            print "#   fuzz case " c ": did not run"
            continue
        }
        rc = code[c]
        json = wants_json[c]
        out = slurp(dir "/" c ".out")
        out_nonempty = nonempty
        err = slurp(dir "/" c ".err")
        lines = gsub(/\n/, "\n", err)
        problem = ""
        if (rc == 124)
            problem = "no answer within 5 s"
        else if (rc > 128)
            problem = "killed by signal " (rc - 128)
        else if (rc != 0 && rc != 1 && rc != 2)
            problem = "exit " rc
        else if (tolower(out) ~ /(^|[^a-z0-9_])(nan|inf|infinity)([^a-z0-9_]|$)/)
            problem = "nan or inf on stdout"
        else if (rc != 0 && out_nonempty)
            problem = "output on stdout with exit " rc
        else if (rc == 2 && lines != 1)
            problem = lines " stderr lines on a usage error"
        else if (rc == 0 && json)
            print c > (dir "/json")
        if (problem != "")
            print "#   fuzz case " c ": " problem ": " argv[c]
    }
}' >"$tmp/fuzz/problems"
# The successful --json outputs, all in one jq: it names those that do not
# parse as exactly one JSON value.
set --
if [ -f "$tmp/fuzz/json" ]; then
    while read -r fz; do
        set -- "$@" --rawfile "c$fz" "$tmp/fuzz/$fz.out"
    done <"$tmp/fuzz/json"
fi
if jq -n -r "$@" '$ARGS.named | to_entries[] | select(.value | try (fromjson | false) catch true)
    | .key[1:]' >"$tmp/fuzz/badjson"; then
    while read -r fz; do
        sed -n "s/^$fz: /#   fuzz case $fz: invalid JSON: /p" "$tmp/fuzz/argv"
    done <"$tmp/fuzz/badjson" >>"$tmp/fuzz/problems"
else
    echo "#   fuzz: jq failed" >>"$tmp/fuzz/problems"
fi
cat "$tmp/fuzz/problems"
check "random-argv fuzz ($fuzz_cases cases, seed $fuzz_seed)" test ! -s "$tmp/fuzz/problems"

finish
