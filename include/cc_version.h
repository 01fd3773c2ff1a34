/* Version of the ccsim library and command line. */
#ifndef CC_VERSION_H
#define CC_VERSION_H

#define CC_VERSION_STRING "0.1.0"

/* Returns CC_VERSION_STRING of the library actually linked. */
const char *cc_version(void);

#endif
