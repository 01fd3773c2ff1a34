/*
 * The C locale for numbers (see clocale.h): one newlocale object shared by
 * every thread, and uselocale around the writers, which affects only the
 * calling thread and restores what the program had.
 */
#include <pthread.h>

#include "util/clocale.h"

static locale_t c_loc;
static pthread_once_t c_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

locale_t cc_c_locale(void)
{
    pthread_once(&c_once, make_c_locale);
    return c_loc;
}

locale_t cc_locale_enter(void)
{
    locale_t c = cc_c_locale();
    return c ? uselocale(c) : (locale_t)0;
}

void cc_locale_leave(locale_t previous)
{
    if (previous)
        uselocale(previous);
}
