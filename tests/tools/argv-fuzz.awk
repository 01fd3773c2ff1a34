# Deterministic random command lines for `ccsim erlang` and `ccsim staff`.
#
#   awk -v seed=20240611 -v cases=300 -v show=FILE -f tests/tools/argv-fuzz.awk
#
# prints a shell script of `cases` lines "fuzz_case NUMBER COMMAND ARG...",
# every argument single-quoted (an argument may hold a newline, so the script
# is meant to be sourced, not read line by line), and writes to FILE one line
# per case, "NUMBER: ARGV", with control characters escaped, for messages.
#
# Three kinds of command lines, as in a hand-written fuzz list:
#   35%  valid ones with values at the edges of the accepted ranges;
#   45%  mutations of a valid one: a value swapped for a nasty one, a flag
#        and its value dropped, a flag with a nasty value or a switch added;
#   20%  soups of random flags, switches and values.
# The generator is MINSTD (Park-Miller, multiplier 48271, modulus 2^31 - 1):
# every product stays below 2^53, so any awk's double arithmetic computes it
# exactly and the cases are the same everywhere.

function rnd() {
    state = (state * 48271) % 2147483647
    return state / 2147483647
}

# randint(A, B): a whole number from A to B inclusive.
function randint(a, b) {
    return a + int(rnd() * (b - a + 1))
}

# randrange(START, STOP, STEP): START, START + STEP, ... below STOP.
function randrange(start, stop, step) {
    return start + step * randint(0, int((stop - start + step - 1) / step) - 1)
}

# pick(LIST): a random element of the array LIST[1..LIST["n"]].
function pick(list) {
    return list[randint(1, list["n"])]
}

# set(LIST, "a b c"): fills LIST from space-separated words.
function set(list, words,    k, w, i) {
    k = split(words, w, " ")
    for (i = 1; i <= k; i++)
        list[i] = w[i]
    list["n"] = k
}

function add(list, value) {
    list[++list["n"]] = value
}

function push(value) {
    argv[++argc] = value
}

function mutate(    reps, r, op, i, j) {
    argc = 0
    for (i = 1; i <= base["n"]; i++)
        push(base[i])
    reps = randint(1, 3)
    for (r = 0; r < reps; r++) {
        op = rnd()
        # argv[1..argc]; i below is a 0-based position, as in the prose.
        if (op < 0.4 && argc > 1) {
            i = argc > 2 ? randrange(1, argc, 2) : 1
            if (i > argc - 1)
                i = argc - 1
            argv[i + 1] = pick(nasty)
        } else if (op < 0.55 && argc >= 2) {
            i = randrange(0, argc - 1, 2)
            for (j = i + 1; j + 2 <= argc; j++)
                argv[j] = argv[j + 2]
            argc -= 2
        } else if (op < 0.85) {
            push(pick(flags))
            push(pick(nasty))
        } else {
            push(pick(switches))
        }
    }
    if (rnd() < 0.5)
        push("--json")
}

# A valid command line with values at the edges of the accepted ranges.
function extreme(command,    t, order, k, i, j, x, definition) {
    argc = 0
    push("--calls-per-hour"); push(pick(x_calls))
    push("--aht"); push(pick(x_aht))
    if (command == "erlang") {
        push("--agents"); push(pick(x_agents))
    } else {
        t[1, 1] = "--service-level"; t[1, 2] = pick(x_sl)
        t[2, 1] = "--max-asa"; t[2, 2] = pick(x_asa)
        t[3, 1] = "--max-occupancy"; t[3, 2] = pick(x_occ)
        # 1 to 3 distinct targets in random order (a partial shuffle).
        order[1] = 1; order[2] = 2; order[3] = 3
        k = randint(1, 3)
        for (i = 1; i <= k; i++) {
            j = randint(i, 3)
            x = order[i]; order[i] = order[j]; order[j] = x
            push(t[order[i], 1]); push(t[order[i], 2])
        }
        if (rnd() < 0.5) {
            push("--shrinkage"); push(pick(x_shrink))
        }
    }
    push("--target-seconds"); push(pick(x_target))
    if (rnd() < 0.6) {
        push("--patience"); push(pick(x_patience))
        if (command == "staff" && rnd() < 0.5) {
            push("--max-abandon"); push(pick(x_abandon))
        }
    }
    definition = pick(x_def)
    push("--sl-definition"); push(definition)
    if (definition == "exclude-short") {
        push("--short-abandon"); push(pick(x_short))
    }
    if (rnd() < 0.7)
        push("--json")
}

function soup(    k, i) {
    argc = 0
    k = randint(0, 8)
    for (i = 0; i < k; i++)
        push(pick(anything))
}

function quote(s) {
    gsub(/'/, "'\\''", s)
    return "'" s "'"
}

# shown(S): S in double quotes with newline, tab and DEL escaped.
function shown(s,    r, i, c) {
    r = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\n") c = "\\n"
        else if (c == "\t") c = "\\t"
        else if (c == "\177") c = "\\x7f"
        else if (c == "\"" || c == "\\") c = "\\" c
        r = r c
    }
    return "\"" r "\""
}

BEGIN {
    if (seed == "" || cases == "") {
        print "usage: awk -v seed=N -v cases=N [-v show=FILE] -f argv-fuzz.awk" > "/dev/stderr"
        exit 2
    }
    state = seed % 2147483647
    if (state <= 0)
        state += 2147483646

    set(nasty, "0 -1 -0 1 14 14.5 1e3 1e400 -1e400 1e-320 5e-324 1e308 1e-9 nan NaN inf -inf 0x10")
    add(nasty, ""); add(nasty, " "); add(nasty, "\n"); add(nasty, "\t3"); add(nasty, "\177")
    add(nasty, "\303\251"); add(nasty, "%s%n%x")
    nine = ""
    for (i = 0; i < 400; i++)
        nine = nine "9"
    split("80% 150% 100% 0% 3m 1h 2d 30s 3mm 1000000 1000001 99999999999999999999", w, " ")
    for (i = 1; i in w; i++)
        add(nasty, w[i])
    add(nasty, nine)
    split("--json - -- 0.999999 1.0000001 120 1080 300 100 0.3 0.85 0.05 offered answered exclude-short virtual 5", w, " ")
    for (i = 1; i in w; i++)
        add(nasty, w[i])

    set(erlang_base, "--calls-per-hour 1080 --aht 300 --agents 100")
    set(staff_base, "--calls-per-hour 1080 --aht 300 --service-level 0.8 --target-seconds 20")
    set(flags, "--calls-per-hour --aht --agents --target-seconds --patience --sl-definition --short-abandon --service-level --max-asa --max-occupancy --max-abandon --shrinkage --bogus --ag -x")
    set(switches, "--json --json=1 --help=0 -- -")
    set(patience, "120 1e-6 1e9 3m")

    set(x_calls, "1e-9 0.001 1 200 1e6 1e12")
    set(x_aht, "1e-6 1 180 1h 1e6 1e9")
    set(x_agents, "1 2 14 100 1000 100000 1000000")
    set(x_sl, "1e-9 0.5 0.8 0.999999 1")
    set(x_asa, "1e-6 1 20 1e12")
    set(x_occ, "0.01 0.85 1")
    set(x_shrink, "0 0.3 0.999999")
    set(x_target, "0 1e-6 20 1e6 1e12")
    set(x_patience, "1e-6 1 120 1e9 1e12")
    set(x_abandon, "1e-9 0.05 1")
    set(x_def, "offered answered exclude-short virtual")
    set(x_short, "1e-6 5 1e12")

    anything["n"] = 0
    for (i = 1; i <= flags["n"]; i++) add(anything, flags[i])
    for (i = 1; i <= switches["n"]; i++) add(anything, switches[i])
    for (i = 1; i <= nasty["n"]; i++) add(anything, nasty[i])

    for (c = 1; c <= cases; c++) {
        command = rnd() < 0.5 ? "erlang" : "staff"
        delete base
        if (command == "erlang")
            for (i = 1; i <= erlang_base["n"]; i++) base[i] = erlang_base[i]
        else
            for (i = 1; i <= staff_base["n"]; i++) base[i] = staff_base[i]
        base["n"] = command == "erlang" ? erlang_base["n"] : staff_base["n"]
        if (rnd() < 0.15) {
            add(base, "--patience")
            add(base, pick(patience))
        }
        mode = rnd()
        if (mode < 0.35)
            extreme(command)
        else if (mode < 0.8)
            mutate()
        else
            soup()
        line = "fuzz_case " c " " command
        text = c ": [" shown(command)
        for (i = 1; i <= argc; i++) {
            line = line " " quote(argv[i])
            text = text ", " shown(argv[i])
        }
        print line
        if (show != "")
            print text "]" > show
    }
}
