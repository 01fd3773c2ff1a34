/* ccsim erlang and ccsim staff: analytic figures without a scenario. */
#include "cli.h"

int cmd_erlang(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("'erlang' is not available yet");
    return CLI_USAGE;
}

int cmd_staff(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("'staff' is not available yet");
    return CLI_USAGE;
}
