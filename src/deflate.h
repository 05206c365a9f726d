/* deflate.h -- a whole buffer compressed to the zlib format, fast. */
#ifndef AV_DEFLATE_H
#define AV_DEFLATE_H

#include <stddef.h>

#include "util.h"

/* Replaces the content of `out` with `in` compressed as one zlib stream
 * (RFC 1950: what a PDF /FlateDecode stream and a PNG's IDAT hold), at a
 * level chosen for speed.  With ISA-L (configure --with-isal) its igzip
 * does the work, else zlib at level 1; both give the same bytes on every
 * run of one build (ISA-L's may differ between processors of different
 * instruction sets, which decode alike).  out->data stays NUL-terminated.
 * Aborts only when memory runs out, as av_xmalloc() does. */
void av_deflate(const void *in, size_t n, struct av_buf *out);

/* The library doing it, for `ansvar --version`: "ISA-L 2.30.0" or
 * "zlib 1.2.13". */
const char *av_deflate_library(void);

#endif
