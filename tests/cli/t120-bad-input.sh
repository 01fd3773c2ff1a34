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
# 300 command lines from a fixed seed: valid ones with values at the edges of
# the accepted ranges, mutations of valid ones (a value swapped for a nasty
# one, a flag dropped, duplicated or added) and random soups.
# Asserts: exit 0, 1 or 2; no signal; done within 5 s; stdout free of nan and
# inf; stdout empty unless exit 0; exactly one stderr line on exit 2; valid
# JSON when --json succeeded.
python3 - "$CCSIM" <<'EOF'
import json, random, re, subprocess, sys

ccsim = sys.argv[1]
rng = random.Random(20240611)
nasty = ["0", "-1", "-0", "1", "14", "14.5", "1e3", "1e400", "-1e400", "1e-320", "5e-324",
         "1e308", "1e-9", "nan", "NaN", "inf", "-inf", "0x10", "", " ", "\n", "\t3",
         "\x7f", "\u00e9", "%s%n%x", "80%", "150%", "100%", "0%", "3m", "1h", "2d", "30s",
         "3mm", "1000000", "1000001", "99999999999999999999", "9" * 400, "--json", "-", "--",
         "0.999999", "1.0000001", "120", "1080", "300", "100", "0.3", "0.85", "0.05",
         "offered", "answered", "exclude-short", "virtual", "5"]
erlang_base = ["--calls-per-hour", "1080", "--aht", "300", "--agents", "100"]
staff_base = ["--calls-per-hour", "1080", "--aht", "300", "--service-level", "0.8",
              "--target-seconds", "20"]
flags = ["--calls-per-hour", "--aht", "--agents", "--target-seconds", "--patience",
         "--sl-definition", "--short-abandon", "--service-level", "--max-asa",
         "--max-occupancy", "--max-abandon", "--shrinkage", "--bogus", "--ag", "-x"]
switches = ["--json", "--json=1", "--help=0", "--", "-"]

def mutate(base):
    argv = list(base)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        if op < 0.4 and len(argv) > 1:
            i = rng.randrange(1, len(argv), 2) if len(argv) > 2 else 1
            argv[min(i, len(argv) - 1)] = rng.choice(nasty)
        elif op < 0.55 and len(argv) >= 2:
            i = rng.randrange(0, len(argv) - 1, 2)
            del argv[i:i + 2]
        elif op < 0.85:
            argv += [rng.choice(flags), rng.choice(nasty)]
        else:
            argv.append(rng.choice(switches))
    if rng.random() < 0.5:
        argv.append("--json")
    return argv

def extreme(command):
    """A valid command line with values at the edges of the accepted ranges."""
    pick = rng.choice
    argv = ["--calls-per-hour", pick(["1e-9", "0.001", "1", "200", "1e6", "1e12"]),
            "--aht", pick(["1e-6", "1", "180", "1h", "1e6", "1e9"])]
    if command == "erlang":
        argv += ["--agents", pick(["1", "2", "14", "100", "1000", "100000", "1000000"])]
    else:
        targets = [["--service-level", pick(["1e-9", "0.5", "0.8", "0.999999", "1"])],
                   ["--max-asa", pick(["1e-6", "1", "20", "1e12"])],
                   ["--max-occupancy", pick(["0.01", "0.85", "1"])]]
        for t in rng.sample(targets, rng.randint(1, 3)):
            argv += t
        if rng.random() < 0.5:
            argv += ["--shrinkage", pick(["0", "0.3", "0.999999"])]
    argv += ["--target-seconds", pick(["0", "1e-6", "20", "1e6", "1e12"])]
    if rng.random() < 0.6:
        argv += ["--patience", pick(["1e-6", "1", "120", "1e9", "1e12"])]
        if command == "staff" and rng.random() < 0.5:
            argv += ["--max-abandon", pick(["1e-9", "0.05", "1"])]
    definition = pick(["offered", "answered", "exclude-short", "virtual"])
    argv += ["--sl-definition", definition]
    if definition == "exclude-short":
        argv += ["--short-abandon", pick(["1e-6", "5", "1e12"])]
    if rng.random() < 0.7:
        argv.append("--json")
    return argv

def soup():
    argv = []
    for _ in range(rng.randint(0, 8)):
        argv.append(rng.choice(flags + switches + nasty))
    return argv

failures = 0
bad_number = re.compile(r"\b(nan|inf|infinity)\b", re.I)
for case in range(1, 301):
    command = rng.choice(["erlang", "staff"])
    base = erlang_base if command == "erlang" else staff_base
    if rng.random() < 0.15:
        base = base + ["--patience", rng.choice(["120", "1e-6", "1e9", "3m"])]
    mode = rng.random()
    if mode < 0.35:
        argv = [command] + extreme(command)
    elif mode < 0.8:
        argv = [command] + mutate(base)
    else:
        argv = [command] + soup()
    problem = None
    try:
        p = subprocess.run([ccsim] + argv, capture_output=True, timeout=5)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0:
            problem = "killed by signal %d" % -p.returncode
        elif p.returncode not in (0, 1, 2):
            problem = "exit %d" % p.returncode
        elif bad_number.search(out):
            problem = "nan or inf on stdout"
        elif p.returncode != 0 and out:
            problem = "output on stdout with exit %d" % p.returncode
        elif p.returncode == 2 and err.count("\n") != 1:
            problem = "%d stderr lines on a usage error" % err.count("\n")
        elif p.returncode == 0 and "--json" in argv and "--help" not in " ".join(argv):
            try:
                json.loads(out)
            except ValueError:
                problem = "invalid JSON"
    except subprocess.TimeoutExpired:
        problem = "no answer within 5 s"
    if problem:
        failures += 1
        print("#   fuzz case %d: %s: %r" % (case, problem, argv))
sys.exit(1 if failures else 0)
EOF
check "random-argv fuzz (300 cases, seed 20240611)" test $? -eq 0

finish
