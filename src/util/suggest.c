/*
 * Did-you-mean by edit distance (Levenshtein, one row of the dynamic
 * programme kept). Only short distances matter for suggestions, so words
 * longer than CC_SUGGEST_MAX_LEN are never compared.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "cc_diag.h"
#include "util/suggest.h"

size_t cc_edit_distance(const char *a, const char *b, int fold_case)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[CC_SUGGEST_MAX_LEN + 1];

    if (la > CC_SUGGEST_MAX_LEN || lb > CC_SUGGEST_MAX_LEN)
        return SIZE_MAX;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j];
            int ca = (unsigned char)a[i - 1], cb = (unsigned char)b[j - 1];
            size_t best;
            if (fold_case) {
                ca = tolower(ca);
                cb = tolower(cb);
            }
            best = diag + (ca != cb);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/*
 * The first candidate at the smallest distance from `word`, when that
 * distance is at most `limit`; `prefix_near` counts a candidate beginning
 * with `word` as one edit away.
 */
static const char *nearest(const char *word, const char *const *cands, size_t n, int fold_case,
                           int prefix_near, size_t limit)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX, i, len = strlen(word);

    for (i = 0; i < n; i++) {
        size_t d;
        if (!cands[i])
            continue;
        d = cc_edit_distance(word, cands[i], fold_case);
        if (prefix_near && !strncmp(cands[i], word, len))
            d = 1;
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best_d <= limit ? best : NULL;
}

const char *cc_suggest_key(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word), limit = len / 3 < 2 ? 2 : len / 3;

    /* never "suggest" a word by replacing all of it */
    if (limit >= len)
        limit = len ? len - 1 : 0;
    if (!len)
        return NULL;
    return nearest(word, cands, n, 1, 0, limit);
}

const char *cc_suggest_flag(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word);

    if (!len)
        return NULL;
    return nearest(word, cands, n, 0, 1, len / 3 > 1 ? len / 3 : 1);
}
