/* deflate.h -- a whole buffer compressed to the zlib format, fast; an image's rows faster. */
#ifndef AV_DEFLATE_H
#define AV_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Replaces the content of `out` with `in` compressed as one zlib stream
 * (RFC 1950: what a PDF /FlateDecode stream and a PNG's IDAT hold), by
 * libdeflate: the same bytes for the same input, whatever `out` held.
 * out->data stays NUL-terminated.  Aborts only when memory runs out, as
 * av_xmalloc() does. */
void av_deflate(const void *in, size_t n, struct av_buf *out);

/* The same for an image's rows, `rowlen` bytes each (a PNG's filter
 * byte and its pixels' bytes, 3 a pixel): matches are looked for one
 * pixel to the left and one row up first (deflate_rows.c), which is
 * much faster than av_deflate() on images that are mostly runs. */
void av_deflate_rows(const void *rows, size_t n, size_t rowlen, struct av_buf *out);

/* The bytes a row function may write past a row's end. */
#define AV_DEFLATE_ROW_SPARE 16

/* The same bytes as av_deflate_rows() gives for the `nrows` rows of
 * `rowlen` bytes that row(ctx, r, dst) writes at dst (it may write up to
 * AV_DEFLATE_ROW_SPARE bytes more), without holding them all: they are
 * made in order into a window of a few hundred kilobytes, which stays in
 * the processor's cache (a diagram's rows are up to 8 MB), and again
 * only for a block stored as it is.  Aborts, as on lack of memory, when
 * nrows * rowlen does not fit a size_t. */
void av_deflate_image(size_t nrows, size_t rowlen, void (*row)(void *ctx, size_t r, unsigned char *dst),
    void *ctx, struct av_buf *out);

/* The lengths of a Huffman code for `n` (at most 286) symbols with these
 * frequencies (their sum below 2^21, at most 2^limit of them not 0), none
 * longer than `limit` bits (7 to 15): 0 for a symbol not used; the rarer
 * a symbol, the longer its code.  av_deflate_rows()'s blocks use it;
 * declared here for its test. */
void av_deflate_code_lengths(const uint32_t *freq, unsigned n, unsigned limit, unsigned char *len);

#endif
