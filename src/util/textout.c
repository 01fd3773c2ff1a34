/*
 * JSON numbers and CSV fields written the one way every writer uses (see
 * textout.h).
 */
#include <math.h>
#include <string.h>

#include "util/textout.h"

json_t *cc_json_number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static int needs_quotes(const char *text)
{
    size_t n = strlen(text);
    if (n > 0 && (text[0] == ' ' || text[n - 1] == ' '))
        return 1;
    return strpbrk(text, ",\"\r\n") != NULL;
}

void cc_csv_field(FILE *out, const char *text)
{
    const char *p;
    if (!needs_quotes(text)) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}
