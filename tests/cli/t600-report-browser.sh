#!/bin/sh
# The HTML report in a real browser: headless Chromium loads report.html from
# disk, logs no console error, lays out every chart with a non-empty box, and
# a screenshot is saved under results/ for review. Skipped when Chromium is
# not installed (.ci/run installs it): the script then prints one TAP-style
# "ok 1 - # SKIP reason" line and exits 0, which tests/run.sh reports as
# skipped, not passed.
set -u
CCSIM=${CCSIM:-build/ccsim}
if [ "${CCSIM_SKIP_BROWSER:-0}" = 1 ]; then
    echo "ok 1 - # SKIP browser checks run in the plain build only"
    exit 0
fi
if ! command -v chromium >/dev/null 2>&1; then
    echo "ok 1 - # SKIP chromium not installed (apt-get install chromium)"
    exit 0
fi
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=1; fi; }

browse() { # output file, extra chromium arguments..., URL
    out=$1; shift
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
        --virtual-time-budget=10000 "$@" >"$out" 2>"$out.log"
}

for job in run:ecommerce-week run:holiday-season plan:outsourcing plan:holiday-season; do
    cmd=${job%%:*}
    scenario=${job#*:}
    dir="$tmp/$cmd-$scenario"
    # A plan's report is the same page whatever found the roster: the analytic one is quick.
    extra=
    [ "$cmd" = plan ] && extra=--analytic
    "$CCSIM" $cmd "scenarios/$scenario.yaml" --replications 3 $extra --out "$dir" >/dev/null 2>&1
    scenario="$cmd $scenario"
    ok "$scenario: report written" "[ -s '$dir/report.html' ]"
    ok "$scenario: no external resource referenced" \
        "! grep -Eq '(src|href)=\"(https?:)?//' '$dir/report.html'"
    browse "$tmp/dom.html" --dump-dom "file://$(cd "$dir" && pwd)/report.html"
    total=$(sed -n 's/.*data-charts-total="\([0-9]*\)".*/\1/p' "$tmp/dom.html" | head -1)
    drawn=$(sed -n 's/.*data-charts-drawn="\([0-9]*\)".*/\1/p' "$tmp/dom.html" | head -1)
    ok "$scenario: page loaded and charts counted (${drawn:-?} of ${total:-?})" "[ -n '$total' ] && [ '$total' -gt 5 ]"
    ok "$scenario: every chart drawn" "[ '${drawn:-0}' = '${total:-x}' ]"
    ok "$scenario: no console message or script error" \
        "! grep -E 'CONSOLE|Uncaught' '$tmp/dom.html.log' | grep -q ."
    mkdir -p results/screenshots
    browse "$tmp/shot.out" --hide-scrollbars --window-size=1280,2400 \
        --screenshot="$(pwd)/results/screenshots/$cmd-${scenario#* }-report.png" \
        "file://$(cd "$dir" && pwd)/report.html"
    ok "$scenario: screenshot saved" "[ -s 'results/screenshots/$cmd-${scenario#* }-report.png' ]"
done
exit $failed
