/* deflate.c -- a whole buffer compressed to the zlib format by ISA-L's igzip, in one call. */
#include "config.h"

#include <isa-l/igzip_lib.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "deflate.h"

/* Why ISA-L: over the diagrams of generated collaborations (0.8 to 8 MB
 * of pixel rows each) its level 1 took 0.6 to 2.4 ms where zlib's level
 * 1 took 5 to 15 ms, the PNGs 5 % larger; libdeflate's level 1 was
 * slower than zlib's, its level 2 a sixth faster.  Over the PDFs' content
 * streams and character maps (a few kilobytes each) it took under half
 * zlib's instructions (zlib's level 1 with windows cut to the stream),
 * and the PDFs came out a little smaller.
 *
 * One stateless call with room for the whole stream: igzip's streaming
 * interface gives other bytes for other amounts of output room per call,
 * and an earlier use of it, row by row, did not always repeat its bytes
 * (2 to 17 PNGs of a 1000-collaboration batch differed between runs).
 * One call over the whole input, with its state, its level buffer and
 * the bytes after the input filled with garbage first, gave the same
 * bytes 200 times out of 200, and a batch the same 1000 PNGs three times
 * (see pdf_post/deflate_same_bytes_whatever_the_buffer in
 * tests/test_pdf_post.c). */
void
av_deflate(const void *in, size_t n, struct av_buf *out)
{
	struct isal_zstream z;
	size_t room, lbsize = ISAL_DEF_LVL1_DEFAULT;
	unsigned char *lb;

	if (n > UINT32_MAX / 2)
		abort();        /* igzip counts in 32 bits; nothing of ours is that large */
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
