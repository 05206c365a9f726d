/* deflate.c -- a whole buffer compressed to the zlib format at zlib's fastest level. */
#include "config.h"

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
	size_t done = 0;

	while (bits < 15 && ((size_t)1 << bits) < n)
		bits++;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, bits, bits - 6 > 8 ? 8 : bits - 6 > 1 ? bits - 6 : 1, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();        /* only for lack of memory */
	out->len = 0;
	/* room for the whole stream, so that one call makes it */
	out->data = av_xgrow(out->data, &out->cap, (size_t)deflateBound(&z, (uLong)n) + 1, 1);
	z.next_in = (Bytef *)(uintptr_t)in;
	for (;;) {
		int rc;
		if (z.avail_in == 0 && done < n) {
			size_t k = n - done > (1u << 30) ? (1u << 30) : n - done;
			z.avail_in = (uInt)k;
			done += k;
		}
		if (out->cap - 1 - out->len < 512)
			out->data = av_xgrow(out->data, &out->cap, out->cap + 512, 1);
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = (uInt)(out->cap - 1 - out->len > (1u << 30) ? (1u << 30) : out->cap - 1 - out->len);
		{
			uInt before = z.avail_out;
			rc = deflate(&z, done == n ? Z_FINISH : Z_NO_FLUSH);
			out->len += before - z.avail_out;
		}
		if (rc == Z_STREAM_END)
			break;
		if (rc != Z_OK && rc != Z_BUF_ERROR)
			abort();        /* a stream set up as above does not fail */
	}
	out->data[out->len] = '\0';
	deflateEnd(&z);
}
