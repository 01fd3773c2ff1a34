/*
 * ccsim entry point: global options and the subcommand table. Each
 * subcommand lives in its own cmd_*.c, parses its own options and calls the
 * library through the public headers only.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cc_tasks.h"
#include "cli.h"
#include "tasks_cli.h"

static const struct cli_command commands[] = {
    {"erlang", cmd_erlang, "Erlang C / Erlang A figures for one staffing level"},
    {"staff", cmd_staff, "minimum agents meeting service targets"},
    {"validate", cmd_validate, "check a scenario and summarise what it describes"},
    {"run", cmd_run, "simulate a scenario and write results"},
    {"plan", cmd_plan, "headcount plan: requirement, shifts, FTE, hiring, options"},
    {"sweep", cmd_sweep, "simulate a grid of what-ifs and compare them"},
    {"compare", cmd_compare, "compare results with a baseline, metric by metric"},
    {"verify", cmd_verify, "check the simulator against Erlang C/A theory"},
    {"merge", cmd_merge, "join the shard files of a run or sweep into its results"},
    {"forecast", cmd_forecast, "forecast contacts per interval from a history export"},
    {"fit", cmd_fit, "fit volumes, handle time and patience from history into a scenario"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Messages quote paths and values from the command line: no control characters reach stderr. */
void cli_errorf(const char *fmt, ...)
{
    char msg[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, "ccsim: error: %s\n", cc_text_printable(msg));
}

void cli_print_error(const cc_error *err)
{
    if (err->path[0] && err->line > 0)
        cli_errorf("%s:%d:%d: %s", err->path, err->line, err->col, err->message);
    else if (err->path[0])
        cli_errorf("%s: %s", err->path, err->message);
    else
        cli_errorf("%s", err->message[0] ? err->message : cc_strerror(err->code));
}

int cli_exit_for(cc_status code)
{
    switch (code) {
    case CC_OK: return CLI_OK;
    case CC_EUNSTABLE:
    case CC_ENOCONV:
    case CC_EINFEASIBLE: return CLI_CHECK;
    case CC_EIO: return CLI_IO;
    case CC_ENOMEM:
    case CC_ENUMERIC: return CLI_BUG;
    case CC_ESYNTAX:
    case CC_ESCHEMA:
    case CC_EINVAL: return CLI_USAGE;
    }
    return CLI_BUG;
}

static void usage(FILE *out)
{
    size_t i;
    fprintf(out, "usage: ccsim [--version] [--help] COMMAND [ARGS]\n\n"
                 "Contact-center capacity simulator and planner.\n\ncommands:\n");
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'ccsim COMMAND --help' for the options of a command.\n"
                 "Exit codes: 0 ok, 1 a check failed, 2 usage or input error, 3 I/O error.\n");
}

/*
 * A worker rank that crashes (a fatal signal it can catch: segmentation
 * fault, bus error, abort on out of memory, termination) says so and exits
 * with 3, which mpirun passes on as the job's status. SIGKILL cannot be
 * caught: mpirun then reports the signal itself (exit 137).
 */
static void worker_died(int sig)
{
    static const char msg[] = "ccsim: error: an MPI worker rank died on a fatal signal\n";
    (void)sig;
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing more can be done in a signal handler */
    }
    _exit(CLI_IO);
}

static void worker_fatal_signals(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTERM};
    struct sigaction sa;
    size_t i;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = worker_died;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

static int dispatch(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("ccsim %s\n", cc_version());
        return CLI_OK;
    }
    for (i = 0; i < N_COMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    cli_errorf("unknown command '%s'; run 'ccsim --help' for the list", argv[1]);
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    int rc;

    /* GSL's default handler aborts; the library checks every status itself. */
    gsl_set_error_handler_off();

    /*
     * Under mpirun (a build with MPI=1) every rank but 0 serves rank 0's
     * tasks. MPI starts only under a launcher (Open MPI's mpirun, PMI/PMIx
     * such as Slurm's srun): a plain start would pay for a singleton MPI.
     */
    if (cc_mpi_built() && (getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") ||
                           getenv("PMIX_RANK")) &&
        cc_mpi_init(&argc, &argv) > 0) {
        /* Fault injection for tests/mpi: this worker fails the given task. */
        const char *fail = getenv("CCSIM_MPI_FAIL_TASK");
        worker_fatal_signals();
        if (fail)
            cc_mpi_inject_failure(strtol(fail, NULL, 10));
        rc = cc_mpi_serve();
        cc_mpi_finish(rc);
        return rc;
    }
    rc = dispatch(argc, argv);
    cc_mpi_finish(rc);
    return rc;
}
