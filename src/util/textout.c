/*
 * JSON numbers and CSV fields written the one way every writer uses (see
 * textout.h).
 */
#include <math.h>
#include <string.h>

#include "cc_units.h"
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

/*
 * A spreadsheet reads a cell starting with = + - @ (or a tab or carriage
 * return before one) as a formula, unless the cell is a number: such text
 * gets a leading apostrophe, the OWASP rule for CSV injection.
 */
static int formula_like(const char *text)
{
    double v;
    if (!strchr("=+-@\t\r", text[0]) || !text[0])
        return 0;
    return cc_parse_number(text, &v) != CC_OK;
}

void cc_csv_field(FILE *out, const char *text)
{
    const char *p;
    int formula = formula_like(text);
    if (!formula && !needs_quotes(text)) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}
