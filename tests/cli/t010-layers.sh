#!/bin/sh
# make check-layers: passes on the tree as it is, and fails on each kind of
# planted violation (an include against the arrows, a call against the
# arrows, an export without the cc_ prefix, a cycle of calls between files).
. "$(dirname "$0")/lib.sh"
lib=${BUILD:-build}/libccsim.a
cc=${CC:-cc}

sh tests/check-layers.sh "$lib" . >"$out" 2>"$err"
rc=$?
check "the tree passes" [ "$rc" -eq 0 ]
check "the pass line counts the stages" grep -q 'in 9 stages' "$out"

# A copy of the sources to plant violations in.
plant=$tmp/tree
mkdir -p "$plant"
cp -R src include "$plant"/

sed -i '1i #include "report/svg_chart.h"' "$plant/src/engine/rng.c"
sh tests/check-layers.sh "$lib" "$plant" >"$out" 2>"$err"
rc=$?
check "an engine file including a report header fails" [ "$rc" -eq 1 ]
check "  and names the file, line and header" \
    grep -q 'src/engine/rng.c:1: engine must not include .report/svg_chart.h.' "$out"
sed -i '1d' "$plant/src/engine/rng.c"

sed -i '1i #include "cc_sim.h"' "$plant/src/scenario/query.c"
sh tests/check-layers.sh "$lib" "$plant" >"$out" 2>"$err"
rc=$?
check "the scenario stage including the engine's header fails" [ "$rc" -eq 1 ]
sed -i '1d' "$plant/src/scenario/query.c"

sed -i '1i #include "cc_plan.h"' "$plant/include/cc_erlang.h"
sh tests/check-layers.sh "$lib" "$plant" >"$out" 2>"$err"
rc=$?
check "a public analytics header including the plan header fails" [ "$rc" -eq 1 ]
sed -i '1d' "$plant/include/cc_erlang.h"

sh tests/check-layers.sh "$lib" "$plant" >"$out" 2>"$err"
rc=$?
check "the copy passes again once cleaned" [ "$rc" -eq 0 ]

# Objects planted in a copy of the library.
objs=$tmp/objs
mkdir -p "$objs"
planted_lib() { # name of a copy of the library with the given objects added
    cp "$lib" "$objs/lib.a" && ar rc "$objs/lib.a" "$@" && echo "$objs/lib.a"
}

printf 'int stray_helper(void);\nint stray_helper(void) { return 1; }\n' >"$plant/src/util/stray.c"
$cc -c "$plant/src/util/stray.c" -o "$objs/stray.o"
sh tests/check-layers.sh "$(planted_lib "$objs/stray.o")" "$plant" >"$out" 2>"$err"
rc=$?
check "an export without the cc_ prefix fails" [ "$rc" -eq 1 ]
check "  and names the symbol" grep -q 'without the cc_ prefix: stray.o: stray_helper' "$out"
rm -f "$plant/src/util/stray.c"

printf 'char *cc_report_plan_html(const void *p);\nvoid *cc_engine_peek(void);\nvoid *cc_engine_peek(void) { return cc_report_plan_html(0); }\n' \
    >"$plant/src/engine/peek.c"
$cc -c "$plant/src/engine/peek.c" -o "$objs/peek.o"
sh tests/check-layers.sh "$(planted_lib "$objs/peek.o")" "$plant" >"$out" 2>"$err"
rc=$?
check "the engine calling the report writer fails" [ "$rc" -eq 1 ]
check "  and names caller, symbol and callee" \
    grep -q 'peek.o (engine) calls cc_report_plan_html of plan_report.o (report)' "$out"
rm -f "$plant/src/engine/peek.c"

printf 'int cc_ping_b(int);\nint cc_ping_a(int n);\nint cc_ping_a(int n) { return n ? cc_ping_b(n - 1) : 0; }\n' >"$plant/src/util/ping_a.c"
printf 'int cc_ping_a(int);\nint cc_ping_b(int n);\nint cc_ping_b(int n) { return n ? cc_ping_a(n - 1) : 1; }\n' >"$plant/src/util/ping_b.c"
$cc -c "$plant/src/util/ping_a.c" -o "$objs/ping_a.o"
$cc -c "$plant/src/util/ping_b.c" -o "$objs/ping_b.o"
sh tests/check-layers.sh "$(planted_lib "$objs/ping_a.o" "$objs/ping_b.o")" "$plant" >"$out" 2>"$err"
rc=$?
check "two files calling each other fail" [ "$rc" -eq 1 ]
check "  as a cycle" grep -q 'form a cycle' "$out"

finish
