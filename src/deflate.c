/* deflate.c -- a whole buffer compressed to the zlib format: zlib's fastest level, or ISA-L's. */
#include "config.h"

#include <isa-l/igzip_lib.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"

/* Why zlib and level 1 for the streams of a PDF: they are small (a few
 * kilobytes), zlib's default level made the files 1 % smaller for a
 * sixth more of the post-processing's time, and zlib is what cairo and
 * every PDF reader use.
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

/* Why ISA-L for megabytes of pixels: over the diagrams of generated
 * collaborations (0.8 to 8 MB of rows each) its level 1 took 0.6 to
 * 2.4 ms where zlib's level 1 took 5 to 15 ms, for files 5 % larger;
 * libdeflate's level 1 was slower than zlib's, its level 2 a sixth
 * faster.  It is called once, stateless, with room for the whole stream:
 * igzip's streaming interface gives other bytes for other amounts of
 * output room per call, and an earlier use of it row by row did not
 * always repeat its bytes (2 to 17 PNGs of a 1000-collaboration batch
 * differed between runs).  One call over the whole input, its level
 * buffer and state filled with garbage first, gave the same bytes 200
 * times out of 200 (and see pdf_post/deflate_same_bytes_whatever_the_buffer
 * in tests/test_pdf_post.c). */
void
av_deflate_large(const void *in, size_t n, struct av_buf *out)
{
	struct isal_zstream z;
	size_t room, lbsize = ISAL_DEF_LVL1_DEFAULT;
	unsigned char *lb;

	if (n > UINT32_MAX / 2)
		abort();        /* igzip counts in 32 bits; no image of ours is that large */
	room = (size_t)compressBound((uLong)n) + 64;    /* more than stored blocks take */
	out->data = av_xgrow(out->data, &out->cap, room + 1, 1);
	lb = av_xmalloc(lbsize);
	isal_deflate_stateless_init(&z);
	z.level = 1;
	z.level_buf = lb;
	z.level_buf_size = (uint32_t)lbsize;
	z.gzip_flag = IGZIP_ZLIB;
	z.end_of_stream = 1;
	z.flush = NO_FLUSH;
	z.next_in = (uint8_t *)(uintptr_t)in;
	z.avail_in = (uint32_t)n;
	z.next_out = (uint8_t *)out->data;
	z.avail_out = (uint32_t)room;
	if (isal_deflate_stateless(&z) != COMP_OK)
		abort();        /* the room was given */
	out->len = (size_t)z.total_out;
	out->data[out->len] = '\0';
	free(lb);
}
