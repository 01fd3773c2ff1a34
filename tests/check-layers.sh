#!/bin/sh
# The pipeline's one-way arrows, checked: which stage may include (and call)
# which, and that every symbol the library exports starts with cc_.
#
#   sh tests/check-layers.sh [LIBRARY.a] [SOURCE-ROOT]
#
# SOURCE-ROOT (default .) holds src/ and include/. Each file under src/STAGE/
# may include only public headers and private headers of the stages its
# stage is allowed to use; the library's objects may call only functions
# defined by allowed stages; calls between files of the library form no
# cycle; exported symbols carry the cc_ prefix. Prints one line per
# violation and exits 1 when there is any.
set -u
lib=${1:-build/libccsim.a}
root=${2:-.}
status=0
fail() {
    echo "check-layers: $*"
    status=1
}

# Stages in pipeline order and what each may use (itself included).
allowed() {
    case $1 in
    util) echo "util" ;;
    scenario) echo "util scenario" ;;
    analytics) echo "util analytics" ;;
    engine) echo "util scenario engine" ;;
    stats) echo "util scenario engine stats" ;;
    plan) echo "util scenario analytics engine stats plan" ;;
    forecast) echo "util forecast" ;;
    report) echo "util scenario analytics stats plan forecast report" ;;
    tools) echo "util scenario analytics engine stats plan forecast report tools" ;;
    cli) echo "util scenario analytics engine stats plan forecast report tools cli" ;;
    *) echo "" ;;
    esac
}

# Stage of a public header.
public_stage() {
    case $1 in
    cc_types.h | cc_status.h | cc_diag.h | cc_units.h | cc_version.h) echo util ;;
    cc_scenario.h) echo scenario ;;
    cc_erlang.h) echo analytics ;;
    cc_sim.h) echo engine ;;
    cc_results.h | cc_tasks.h) echo stats ;;
    cc_plan.h) echo plan ;;
    cc_forecast.h) echo forecast ;;
    cc_report.h) echo report ;;
    cc_compare.h | cc_sweep.h | cc_shard.h) echo tools ;;
    cc.h) echo cli ;;
    *) echo unknown ;;
    esac
}

may_use() { # stage other
    case " $(allowed "$1") " in
    *" $2 "*) return 0 ;;
    *) return 1 ;;
    esac
}

# ---- includes ----------------------------------------------------------------
# One awk pass over every source and header (a process per include line
# made this the slow part of the check).
tables() { # "stage allowed..." lines, then "header stage" lines
    for st in util scenario analytics engine stats plan forecast report tools cli; do
        echo "S $st $(allowed "$st")"
    done
    for h in cc_types.h cc_status.h cc_diag.h cc_units.h cc_version.h cc_scenario.h \
        cc_erlang.h cc_sim.h cc_results.h cc_tasks.h cc_plan.h cc_forecast.h cc_report.h cc_compare.h \
        cc_sweep.h cc_shard.h cc.h; do
        echo "H $h $(public_stage "$h")"
    done
}
files=$(ls "$root"/src/*/*.c "$root"/src/*/*.h "$root"/include/*.h 2>/dev/null)
# shellcheck disable=SC2086
if ! { tables; echo "--"; } | awk -v root="$root" '
    function base(path) { sub(/.*\//, "", path); return path }
    NR == FNR && $1 == "S" { for (i = 3; i <= NF; i++) ok[$2 " " $i] = 1; stages[$2] = 1; next }
    NR == FNR && $1 == "H" { pub[$2] = $3; next }
    NR == FNR { next }
    FNR == 1 {
        if (index(FILENAME, root "/include/") == 1)
            stage = (base(FILENAME) in pub) ? pub[base(FILENAME)] : "unknown"
        else { d = FILENAME; sub(/\/[^\/]*$/, "", d); stage = base(d) }
        if (!(stage in stages)) {
            print "check-layers: " FILENAME ": folder \047" stage "\047 is not a stage of the pipeline"
            bad = 1; nextfile
        }
    }
    /^[ \t]*#[ \t]*include[ \t]*"/ {
        inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
        if (inc ~ /^cc.*\.h$/) other = (inc in pub) ? pub[inc] : "unknown"
        else if (inc ~ /\//) { other = inc; sub(/\/.*/, "", other) }
        else other = stage
        if (other == "unknown") {
            print "check-layers: " FILENAME ":" FNR ": \047" inc "\047 is not a known header"; bad = 1
        } else if (!((stage " " other) in ok)) {
            print "check-layers: " FILENAME ":" FNR ": " stage " must not include \047" inc "\047 (" other ")"; bad = 1
        }
    }
    END { exit bad }' - $files; then
    status=1
fi

# ---- symbols -----------------------------------------------------------------
if [ ! -f "$lib" ]; then
    fail "library '$lib' not found (run make first)"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Object basename -> stage, from the sources.
for f in "$root"/src/*/*.c; do
    s=$(basename "$(dirname "$f")")
    [ "$s" = cli ] && continue
    echo "$(basename "$f" .c).o $s"
done | sort >"$tmp/stage_of"
dups=$(awk '{print $1}' "$tmp/stage_of" | uniq -d)
[ -n "$dups" ] && fail "object names used by two stages: $dups"

# nm -A prints "LIB:MEMBER:VALUE TYPE SYMBOL" (no value when undefined).
nm -A "$lib" 2>/dev/null | sed 's/^[^:]*:\([^:]*\):/\1 /' >"$tmp/nm"
awk 'NF == 4 { print $1, $3, $4 } NF == 3 { print $1, $2, $3 }' "$tmp/nm" >"$tmp/syms"

# Symbols the compiler adds under sanitizers (__odr_asan.*, __asan_*, module
# constructors _sub_I_*/_sub_D_*) are not the library's API.
awk '$2 ~ /^[TDBRCGSVW]$/ && $3 !~ /^cc_/ && $3 !~ /^(__odr_asan|__asan|__ubsan|_sub_[ID]_)/ { print $1 ": " $3 }' "$tmp/syms" >"$tmp/unprefixed"
while read -r l; do fail "exported without the cc_ prefix: $l"; done <"$tmp/unprefixed"

# Who defines what; then each call into another object, as a stage arrow and
# as an edge of the call graph between objects.
awk '$2 ~ /^[TDBRCGSVW]$/ { print $3, $1 }' "$tmp/syms" | sort -u >"$tmp/defs"
awk '$2 == "U" { print $3, $1 }' "$tmp/syms" | sort -u >"$tmp/uses"
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $3, $1 }' | sort -u >"$tmp/calls"
for st in util scenario analytics engine stats plan forecast report tools; do
    for o in $(allowed "$st"); do echo "$st $o"; done
done >"$tmp/arrows"
awk 'FILENAME == ARGV[1] { stage[$1] = $2; next }
     FILENAME == ARGV[2] { ok[$1 " " $2] = 1; next }
     { fs = stage[$1]; ts = stage[$2]
       if (fs != "" && ts != "" && !((fs " " ts) in ok))
           print "check-layers: " $1 " (" fs ") calls " $3 " of " $2 " (" ts ")" }' \
    "$tmp/stage_of" "$tmp/arrows" "$tmp/calls" >"$tmp/bad_calls"
if [ -s "$tmp/bad_calls" ]; then
    cat "$tmp/bad_calls"
    status=1
fi
awk '{ print $1, $2 }' "$tmp/calls" | sort -u >"$tmp/edges"
if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/cycle"; then
    fail "calls between files form a cycle: $(tr '\n' ' ' <"$tmp/cycle")"
fi

if [ "$status" = 0 ]; then
    echo "check-layers: ok ($(wc -l <"$tmp/stage_of") files in $(cut -d' ' -f2 "$tmp/stage_of" | sort -u | wc -l) stages, $(wc -l <"$tmp/edges") calls between files, every export cc_-prefixed)"
fi
exit $status
