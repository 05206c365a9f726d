/* harness.h -- helpers shared by the Criterion test programs: fixtures, running ansvar, expected files. */
#ifndef AV_TEST_HARNESS_H
#define AV_TEST_HARNESS_H

#include <stddef.h>

/* Directories and the program under test, from the environment make check
 * sets (Makefile.am AM_TESTS_ENVIRONMENT). */
const char *th_srcdir(void);     /* the source tree (fixtures) */
const char *th_builddir(void);   /* the build tree (scratch output) */
const char *th_bin(void);        /* the ansvar binary */

/* A path below the source tree / build tree.  Caller frees. */
char *th_src(const char *rel);
char *th_build(const char *rel);

/* Reads a file; NULL when it cannot be read.  Caller frees. */
char *th_read(const char *path);
/* Writes a file (creating its directory); aborts the test on failure. */
void th_write(const char *path, const char *text);

/* The sorted names (not paths) of the entries of `dir` ending in `suffix`;
 * NULL-terminated, free with th_strv_free(). */
char **th_list(const char *dir, const char *suffix);
void th_strv_free(char **v);

/* A fresh, empty directory below the build tree's tests/tmp/.  Caller frees. */
char *th_tmpdir(const char *name);

/* Runs a shell command line (through /bin/sh), capturing stdout and stderr
 * (either pointer may be NULL to discard).  Returns the exit status, or -1
 * when the command was killed by a signal. */
int th_sh(char **out, char **err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Runs ansvar with the given (shell-quoted) arguments, under the wrapper in
 * ANSVAR_WRAPPER (valgrind) when set; as th_sh(). */
int th_ansvar(char **out, char **err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Compares `actual` with the expected file `expected_path` (absolute, in the
 * source tree).  With ANSVAR_REGEN=1 in the environment, (re)writes the
 * expected file instead.  On a mismatch, prints a unified diff and returns
 * 0; returns 1 when they match. */
int th_matches_file(const char *expected_path, const char *actual);

/* Replaces every occurrence of `from` in `s` by `to`.  Caller frees. */
char *th_replace(const char *s, const char *from, const char *to);
/* Quotes a string for /bin/sh.  Caller frees. */
char *th_shquote(const char *s);

/* PDF inspection through poppler-utils. */
char *th_pdftotext(const char *pdf);             /* text of every page, -layout off */
char *th_pdftotext_page(const char *pdf, int page);
int th_pdf_pages(const char *pdf);               /* from pdfinfo; -1 on failure */
char *th_pdfinfo(const char *pdf);               /* the whole pdfinfo output */

/* Whether every string of the NULL-terminated list occurs in `text` in that
 * order, ignoring whitespace and hyphens on both sides (line breaks and
 * hyphenation may fall anywhere).  On failure
 * returns 0 and sets *missing to the first one not found in order. */
int th_in_order(const char *text, const char *const *items, const char **missing);
/* `s` without the whitespace and hyphens th_in_order() ignores.  Caller
 * frees. */
char *th_squeeze(const char *s);

/* Loads a collaboration (a path relative to the source directory, which
 * becomes the working directory) and fails the test when it does not load
 * or has errors.  Free with av_collab_free(). */
struct av_collab;
struct av_collab *th_load_clean(const char *rel);

#endif
