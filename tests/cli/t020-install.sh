#!/bin/sh
# make install into a staging folder puts the binary, the static library,
# the public headers, ccsim.pc and the man page in place; a program built
# with `pkg-config --cflags --libs ccsim` against them links and runs; make
# uninstall removes every file again.
. "$(dirname "$0")/lib.sh"
stage=$tmp/stage
prefix=/opt/ccsim-test
make -s --no-print-directory install DESTDIR="$stage" PREFIX="$prefix" BUILD="${BUILD:-build}" \
    >"$out" 2>"$err"
check "make install succeeds" [ $? -eq 0 ]
root=$stage$prefix
check "binary installed" [ -x "$root/bin/ccsim" ]
check "static library installed" [ -f "$root/lib/libccsim.a" ]
check "umbrella header installed" [ -f "$root/include/ccsim/cc.h" ]
check "every public header installed" \
    [ "$(ls include/*.h | wc -l)" -eq "$(ls "$root"/include/ccsim/*.h | wc -l)" ]
check "ccsim.pc installed" [ -f "$root/lib/pkgconfig/ccsim.pc" ]
check "man page installed" [ -f "$root/share/man/man1/ccsim.1" ]
check "no private header installed" [ ! -e "$root/include/ccsim/counters.h" ]

cat >"$tmp/use.c" <<'PROG'
#include <stdio.h>
#include <cc.h>
int main(void)
{
    cc_erlang_input in = {.arrivals_per_hour = 1080.0, .aht_s = 300.0, .agents = 100,
                          .target_s = 20.0};
    cc_erlang_result r;
    cc_error err = {0};
    if (cc_erlang_eval(&in, &r, &err) != CC_OK)
        return 1;
    printf("%s %.5f\n", cc_version(), r.p_wait);
    return 0;
}
PROG
flags=$(PKG_CONFIG_PATH="$root/lib/pkgconfig" pkg-config --define-variable=prefix="$root" \
    --cflags --libs ccsim 2>"$err")
check "pkg-config answers for ccsim" [ -n "$flags" ]
# A library built with sanitizers (make sanitize) links only with them.
[ -n "${CCSIM_SANITIZE:-}" ] && flags="-fsanitize=$CCSIM_SANITIZE $flags"
# shellcheck disable=SC2086
${CC:-cc} -std=c17 "$tmp/use.c" -o "$tmp/use" $flags 2>"$err"
check "a program builds against the installed library" [ -x "$tmp/use" ]
"$tmp/use" >"$out" 2>"$err"
check "and gives the Erlang C P(wait) of W1" grep -q ' 0.21694$' "$out"

make -s --no-print-directory uninstall DESTDIR="$stage" PREFIX="$prefix" BUILD="${BUILD:-build}" \
    >"$out" 2>"$err"
check "make uninstall succeeds" [ $? -eq 0 ]
check "and leaves no file behind" [ -z "$(find "$stage" -type f)" ]
finish
