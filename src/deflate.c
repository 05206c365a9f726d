/* deflate.c -- a whole buffer compressed to the zlib format, fast: ISA-L's igzip, else zlib at level 1. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_ISAL
#include <isa-l/igzip_lib.h>
#else
#include <zlib.h>
#endif

#include "deflate.h"

/* Why two libraries: the 200 dpi PNG of a diagram is several megabytes of
 * pixels, and deflating it was the largest single cost of a batch.  Over
 * the diagrams of 10 generated collaborations (39 MB of rows) zlib's
 * fastest level took 7.3 ms a diagram, libdeflate's 9.7 ms, ISA-L's level 1
 * 1.1 ms, for a file 6 % larger than zlib's (Debian 12, tests/bench/).
 * ISA-L is packaged by Debian (libisal-dev) but not everywhere, so zlib
 * stays the fallback. */

#ifdef HAVE_ISAL

/* Room for the whole stream: stored blocks (5 bytes per 64 KB) when
 * nothing compresses, the zlib header and trailer, and ISA-L's largest
 * block header, with a wide margin.  igzip's output for a given input
 * depends on how much room each call has, so the stream is made in one
 * call: a buffer grown part-way gave different bytes from one run (or
 * one buffer's history) to the next. */
#define BOUND(n) ((n) + (n) / 8 + 4096)

void
av_deflate(const void *in, size_t n, struct av_buf *out)
{
	struct isal_zstream *z = av_xmalloc(sizeof *z);
	size_t lbsize = n < 65536 ? ISAL_DEF_LVL1_SMALL : ISAL_DEF_LVL1_DEFAULT;
	unsigned char *lb = av_xmalloc(lbsize);
	size_t done = 0;

	isal_deflate_init(z);
	z->gzip_flag = IGZIP_ZLIB;
	z->level = 1;
	z->level_buf = lb;
	z->level_buf_size = (uint32_t)lbsize;
	z->end_of_stream = 1;
	z->flush = NO_FLUSH;
	/* the input in pieces a uint32_t can count */
	z->next_in = (uint8_t *)(uintptr_t)in;
	z->avail_in = 0;
	out->len = 0;
	out->data = av_xgrow(out->data, &out->cap, BOUND(n), 1);
	for (;;) {
		if (z->avail_in == 0 && done < n) {
			size_t k = n - done > (1u << 30) ? (1u << 30) : n - done;
			z->avail_in = (uint32_t)k;
			done += k;
			z->end_of_stream = done == n;
		}
		if (out->cap - 1 - out->len < 512)
			out->data = av_xgrow(out->data, &out->cap, out->cap + 512, 1);
		z->next_out = (uint8_t *)out->data + out->len;
		z->avail_out = (uint32_t)(out->cap - 1 - out->len > (1u << 30) ? (1u << 30) : out->cap - 1 - out->len);
		{
			uint32_t before = z->avail_out;
			if (isal_deflate(z) != COMP_OK)
				abort();        /* only a wrong argument: none is */
			out->len += before - z->avail_out;
		}
		if (z->internal_state.state == ZSTATE_END)
			break;
	}
	out->data[out->len] = '\0';
	free(lb);
	free(z);
}

#else

/* A window no larger than the input compresses it the same, and zlib
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
	if (deflateInit2(&z, 1, Z_DEFLATED, bits, bits - 6 > 1 ? bits - 6 : 1, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();        /* only for lack of memory */
	out->len = 0;
	out->data = av_xgrow(out->data, &out->cap, n / 8 + 1024, 1);
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

#endif
