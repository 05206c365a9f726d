/* deflate.c -- a whole buffer compressed to the zlib format at zlib's fastest level. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"

/* Why zlib and level 1: over the diagrams' pixel rows of 10 generated
 * collaborations (39 MB), zlib's level 1 took 7.3 ms a diagram,
 * libdeflate's level 1 9.7 ms; ISA-L's igzip (Debian's libisal-dev) took
 * 1.1 ms, but in this program its output for the same input was not
 * always the same bytes (2 to 17 of the 1000 PNGs of a batch differed
 * from one run to the next, valid streams all; the cause was not found),
 * and outputs must repeat byte for byte.
 *
 * A window no larger than the input compresses it the same, and zlib
 * need not set up (and clear) the 256 KB of its full window and hash
 * table for a stream of a few kilobytes. */
void
av_deflate(const void *in, size_t n, struct av_buf *out)
{
	z_stream z;
	int bits = 9;

	if (n > UINT_MAX)
		abort();        /* zlib counts in uInt; no stream of ours is that large */
	while (bits < 15 && ((size_t)1 << bits) < n)
		bits++;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, bits, bits - 6 > 8 ? 8 : bits - 6 > 1 ? bits - 6 : 1, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();        /* only for lack of memory */
	/* room for the whole stream: one call makes it */
	out->data = av_xgrow(out->data, &out->cap, (size_t)deflateBound(&z, (uLong)n) + 1, 1);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out->data;
	z.avail_out = (uInt)(out->cap - 1 > UINT_MAX ? UINT_MAX : out->cap - 1);
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();        /* the bound was given */
	out->len = (size_t)z.total_out;
	out->data[out->len] = '\0';
	deflateEnd(&z);
}
