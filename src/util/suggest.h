/*
 * Did-you-mean: the edit distance between two words and the candidate
 * nearest to a misspelt word. One implementation serves the scenario loader
 * (keys, names, values) and the command line (flags); the two differ only in
 * how near a candidate must be, as stated on each function.
 */
#ifndef CC_UTIL_SUGGEST_H
#define CC_UTIL_SUGGEST_H

#include <stddef.h>

/* Words longer than this have no distance (cc_edit_distance returns SIZE_MAX). */
#define CC_SUGGEST_MAX_LEN 64

/*
 * Levenshtein distance between `a` and `b`: the fewest single-byte
 * insertions, deletions and substitutions turning one into the other.
 * Letters are compared ignoring ASCII case when `fold_case` is 1. Returns
 * SIZE_MAX when either word is longer than CC_SUGGEST_MAX_LEN bytes.
 */
size_t cc_edit_distance(const char *a, const char *b, int fold_case);

/*
 * The candidate nearest to a misspelt scenario key, name or value, or NULL
 * when none is near: letters compare in any case, and the distance may be
 * up to a third of the word's length (at least 2) but must stay below the
 * length itself. The first of equally near candidates wins; NULL entries of
 * `cands` (n of them) are skipped. The result points into `cands`.
 */
const char *cc_suggest_key(const char *word, const char *const *cands, size_t n);

/* cc_suggest_flag, for command-line flags, is public: include/cc_diag.h. */

#endif
