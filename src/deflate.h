/* deflate.h -- a whole buffer compressed to the zlib format, fast. */
#ifndef AV_DEFLATE_H
#define AV_DEFLATE_H

#include <stddef.h>

#include "util.h"

/* Replaces the content of `out` with `in` compressed as one zlib stream
 * (RFC 1950: what a PDF /FlateDecode stream and a PNG's IDAT hold), by
 * libdeflate: the same bytes for the same input, whatever `out` held.
 * out->data stays NUL-terminated.  Aborts only when memory runs out, as
 * av_xmalloc() does. */
void av_deflate(const void *in, size_t n, struct av_buf *out);

#endif
