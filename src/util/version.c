/* Reports the library version, so the CLI can print what it really linked. */
#include "cc_version.h"

const char *cc_version(void)
{
    return CC_VERSION_STRING;
}
