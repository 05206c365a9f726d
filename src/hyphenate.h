/* hyphenate.h -- where words may be hyphenated: libhyphen patterns for sv/nb/nn and the author's exception words. */
#ifndef AV_HYPHENATE_H
#define AV_HYPHENATE_H

#include <stddef.h>

#include "diag.h"

/* Break-point minimums: at least 2 letters before a hyphen and 3 after
 * (hyph_sv_SE.dic alone would allow a 1-letter fragment). */
#define AV_HYPH_LEFTMIN 2
#define AV_HYPH_RIGHTMIN 3

struct av_hyph;   /* the patterns of one language */

/* The patterns for a language ("sv", "nb", "nn"; "no" means "nb"; a region
 * suffix such as "sv-SE" is ignored).  Loaded once per process and kept
 * until av_hyph_shutdown(); the caller does not free them.  Returns NULL
 * when there are no patterns for the language; when the pattern file is
 * missing, also records a warning in `d` (if not NULL).  Not thread-safe:
 * load before starting threads. */
const struct av_hyph *av_hyph_get(const char *lang, struct av_diags *d);

/* The patterns av_hyph_get() has loaded for the language, without
 * loading them: NULL when it has not (or there are none). */
const struct av_hyph *av_hyph_loaded(const char *lang);
/* Loads one pattern file (libhyphen's format) on its own, outside the
 * per-language cache of av_hyph_get(): with ansvar's loader, which builds
 * the automaton hnj_hyphen_load() would build in a fraction of its time
 * (what av_hyph_get() uses), or with hnj_hyphen_load() itself when
 * `with_libhyphen` is set.  The caller frees the result with
 * av_hyph_free().  NULL when the file cannot be read or parsed. */
struct av_hyph *av_hyph_load(const char *path, int with_libhyphen);
void av_hyph_free(struct av_hyph *h);

/* 1 when two loaded pattern sets are the same automaton (both levels:
 * every state's match, transitions and fallback, the minimums, the
 * NOHYPHEN list), else 0.  For tests comparing the two loaders. */
int av_hyph_same(const struct av_hyph *a, const struct av_hyph *b);

/* The patterns for a language cut down to those that can match inside the
 * given words (UTF-8, letters only): av_hyphenate() breaks those words
 * exactly where the full patterns would, and loading them takes a
 * fraction of the time (a small job that hyphenates a few known words need
 * not parse the whole file).  Other words may get fewer breaks.  NULL as
 * av_hyph_get() (no patterns for the language; a warning in `d` when the
 * file is missing).  Free with av_hyph_free(). */
struct av_hyph *av_hyph_load_for(const char *lang, const char *const *words, size_t nwords,
    struct av_diags *d);

/* Finds the break points of one word (UTF-8, `len` bytes, letters only or
 * with soft hyphens U+00AD).  Sets breaks[i] = 1 when a line may end with a
 * hyphen before byte i of the word, else 0; `breaks` has len + 1 entries.
 * A word holding soft hyphens breaks only after them, whatever the
 * patterns say.  Words with letters outside the patterns' character set
 * get no pattern breaks.  Returns the number of break points. */
size_t av_hyphenate(const struct av_hyph *h, const char *word, size_t len,
    unsigned char *breaks);

/* The author's exception words (<hyphenation><word>styr-grupps-möte</word>):
 * wherever such a word occurs, in any case, it breaks only where the author
 * put hyphens.  Zero-initialise or use av_hyph_words_new(). */
struct av_hyph_words;
struct av_hyph_words *av_hyph_words_new(void);
/* Adds one word written with hyphens at its break points.  Returns -1 when
 * it holds no letters. */
int av_hyph_words_add(struct av_hyph_words *w, const char *hyphenated);
/* Returns a copy of `text` (UTF-8) in which every occurrence of an
 * exception word, as a whole word and in any case, carries soft hyphens
 * (U+00AD) at the author's break points.  Caller frees. */
char *av_hyph_words_apply(const struct av_hyph_words *w, const char *text);
void av_hyph_words_free(struct av_hyph_words *w);

/* Frees every loaded pattern set (for leak checkers). */
void av_hyph_shutdown(void);

#endif
