/* util.h -- allocation, growable buffers, files, paths and names shared by all stages. */
#ifndef AV_UTIL_H
#define AV_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ansvar.h"

/* Allocation: these never return NULL; they abort on exhaustion. */
void *av_xmalloc(size_t n);
void *av_xcalloc(size_t nmemb, size_t size);
void *av_xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of `size` bytes so that it holds at least
 * `need` elements; returns the (possibly moved) array. */
void *av_xgrow(void *p, size_t *cap, size_t need, size_t size);
char *av_xstrdup(const char *s);          /* NULL in, NULL out */
char *av_xstrndup(const char *s, size_t n);
char *av_xasprintf(const char *fmt, ...) AV_PRINTF(1, 2);

/* A growable byte buffer, always NUL-terminated.  Zero-initialise it
 * (struct av_buf b = {0}); free the bytes with av_buf_free() or take them
 * with av_buf_take() (the caller then owns them and frees with free()). */
struct av_buf {
	char *data;
	size_t len;
	size_t cap;
};
/* Room for `need` bytes in all (the slow path of av_buf_add()). */
void av_buf_reserve(struct av_buf *b, size_t need);
/* Appends n bytes (inline: cairo hands its PDF output over a few bytes
 * at a time, some 80 000 calls a collaboration). */
static inline void
av_buf_add(struct av_buf *b, const void *p, size_t n)
{
	if (b->cap < b->len + n + 1)
		av_buf_reserve(b, b->len + n + 1);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}
void av_buf_adds(struct av_buf *b, const char *s);
void av_buf_addc(struct av_buf *b, char c);
void av_buf_printf(struct av_buf *b, const char *fmt, ...) AV_PRINTF(2, 3);
void av_buf_vprintf(struct av_buf *b, const char *fmt, va_list ap);
void av_buf_reset(struct av_buf *b);
char *av_buf_take(struct av_buf *b);
void av_buf_free(struct av_buf *b);

/* Reads a whole file into *out (NUL-terminated, caller frees) and its
 * length into *len.  Fails when the file cannot be read, is not a regular
 * file, or is larger than `limit` bytes (errno EFBIG).  errno says why. */
int av_read_file(const char *path, size_t limit, char **out, size_t *len);
/* Writes all `n` bytes to `fd`, again after EINTR.  0, or -1 with errno. */
int av_write_all(int fd, const void *p, size_t n);
/* Why av_read_file() failed, in words, from its errno ("not a regular
 * file" for a FIFO, a device or a socket, which it refuses with EINVAL). */
const char *av_read_error(int err);

/* Writes `len` bytes to `path` atomically: into a temporary file in the same
 * directory, flushed to disk, then renamed over `path`.  A failure or a
 * kill leaves the previous file (if any) untouched and no temporary file
 * behind (other than one killed mid-write, which av_clean_temporaries()
 * removes).  errno says why on failure.
 * Test hook: with ANSVAR_TEST_KILL_AT=N in the environment, a process's
 * N-th call writes half of its temporary file and then sends SIGKILL to
 * its process group (the kill tests of tests/test_batch_render.c run
 * ansvar in a group of its own); unset or 0, nothing happens. */
int av_write_atomic(const char *path, const void *data, size_t len);
/* Several files written as av_write_atomic() writes one, faster: all are
 * written and flushed before any is renamed (in order, in groups of 64).
 * On failure, *failed is the index of the file that failed; the files
 * before its group are in place, it and the rest of its group are not
 * (their previous versions stay), the files after it are not written.
 * The test hook counts each file as a call. */
struct av_file_write {
	const char *path;
	const void *data;
	size_t len;
};
int av_write_atomic_files(const struct av_file_write *f, size_t n, size_t *failed);
/* Removes temporary files left in `dir` by av_write_atomic() calls that
 * were killed. */
void av_clean_temporaries(const char *dir);
/* Creates a directory and its parents (mode 0777 & ~umask). */
int av_mkdir_p(const char *path);

/* What av_png_probe() found in a file. */
enum av_png_probe {
	AV_PNG_OK,              /* a PNG: *w, *h set from its header */
	AV_PNG_UNREADABLE,      /* cannot be opened, or a directory: errno says why */
	AV_PNG_NOT_FILE,        /* a device, FIFO or socket: never opened for reading */
	AV_PNG_NOT_PNG          /* no PNG signature and header */
};
/* Reads the signature and header of the PNG at `path` without decoding it
 * and without blocking (a FIFO or a terminal is refused, not read). */
enum av_png_probe av_png_probe(const char *path, unsigned *w, unsigned *h);
/* Images (the logo, FO external graphics) larger than this many pixels
 * are refused before they are decoded: a small PNG file can hold a huge,
 * well-compressed image (documented in ansvar(1), LIMITS). */
#define AV_MAX_IMAGE_PIXELS 40000000.0

int av_is_dir(const char *path);
int av_file_exists(const char *path);
/* Joins two path parts with one '/'.  Caller frees. */
char *av_path_join(const char *a, const char *b);
/* The directory part of a path ("." when there is none).  Caller frees. */
char *av_dirname(const char *path);

/* Expands command-line INPUTs: a file stands for itself; a directory for
 * its *.xml files, recursively, in byte order of their paths.  Unreadable
 * entries are reported through the callback.  Returns a NULL-terminated
 * array the caller frees with av_strv_free(); *n receives the count. */
char **av_expand_inputs(char *const *inputs, int ninputs, size_t *n,
    void (*report)(const char *path, int err, void *ctx), void *ctx);
/* The files below `dir` (recursively, skipping names that start with a
 * dot) whose names end in `suffix` (NULL: all), in byte order of their
 * paths, as av_expand_inputs() returns them. */
char **av_list_files(const char *dir, const char *suffix, size_t *n,
    void (*report)(const char *path, int err, void *ctx), void *ctx);
void av_strv_free(char **v);

/* The data directory: templates/ and fonts/ live below it.  Order: the
 * ANSVAR_DATADIR environment variable; the directory of the running
 * executable when it holds templates/ (an uninstalled build in the source
 * tree); the compiled-in PKGDATADIR.  Returns a static string. */
const char *av_datadir(void);
/* The hyphenation pattern directory (ANSVAR_HYPHENDIR or HYPHENDIR). */
const char *av_hyphendir(void);

/* Edit distance between two UTF-8 strings (by bytes, case-sensitive):
 * insertions, deletions, substitutions, and swaps of two neighbours. */
size_t av_edit_distance(const char *a, const char *b);
/* Of the n candidates, the one closest to `word` when it is close enough to
 * be a plausible misspelling, else NULL.  Returns one of the candidates. */
const char *av_closest(const char *word, const char *const *cands, size_t n);

/* Checks the id syntax [a-z0-9][a-z0-9_-]{0,63}. */
int av_valid_id(const char *s);

/* Validates UTF-8; on failure returns 0 and sets *bad_offset to the offset
 * of the first bad byte. */
int av_valid_utf8(const char *s, size_t len, size_t *bad_offset);

#endif
