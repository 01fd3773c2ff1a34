/*
 * Allocation wrappers: out of memory prints one line and aborts, which keeps
 * every other error path about user input (see cc.h).
 */
#ifndef CC_ALLOC_H
#define CC_ALLOC_H

#include <stddef.h>

void *cc_xmalloc(size_t size);
void *cc_xcalloc(size_t count, size_t size);
void *cc_xrealloc(void *ptr, size_t size);
char *cc_xstrdup(const char *s);

#endif
