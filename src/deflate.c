/* deflate.c -- a whole buffer compressed to the zlib format by libdeflate, in one call. */
#include "config.h"

#include <libdeflate.h>
#include <stdlib.h>

#include "deflate.h"

/* Why libdeflate: the PDFs' streams (content, character maps, the font
 * subsets cairo is made to store: cairo_deflate.c) are compressed whole,
 * in memory, which is what libdeflate does (it has no streaming
 * interface).  Over the streams of 9 PDFs (110 streams, 476 KB) its
 * level 2 took 3.3 ms where zlib's level 1 took 8.4 ms (with windows cut
 * to each stream) and made them 3% smaller.  Its level 1 is faster
 * still: over a 19-role collaboration's 198 streams (882 KB, half of it
 * font subsets) 3.5 ms against level 2's 5.3 ms, for 1.5% more bytes
 * (0.4% more over all its files); higher levels cost more for little.
 * The diagram's PNG rows, mostly runs, go to av_deflate_rows()
 * (deflate_rows.c), a sixth of libdeflate's time on them.
 *
 * Not ISA-L's igzip, though it was five times as fast on pixels: in
 * this program, now and then a whole run's outputs (every worker's)
 * came out as other, valid, bytes, with streaming calls and with one
 * stateless call alike, and outputs must repeat byte for byte.  Its
 * implementations are picked by the processor's features at run time
 * and need not agree; libdeflate's picks only its checksums, and its
 * output is the same for the same input and level (for one version of
 * it: a new version may compress differently, and would make nothing
 * up to date only if the program's version changed too -- the stamps
 * record ansvar's version, not libdeflate's).
 *
 * The compressor (a few hundred kilobytes of tables) is kept per thread. */
#define LEVEL 1

static _Thread_local struct libdeflate_compressor *compressor;

void
av_deflate(const void *in, size_t n, struct av_buf *out)
{
	size_t room, len;

	if (compressor == NULL && (compressor = libdeflate_alloc_compressor(LEVEL)) == NULL)
		abort();        /* only for lack of memory */
	room = libdeflate_zlib_compress_bound(compressor, n);
	out->data = av_xgrow(out->data, &out->cap, room + 1, 1);
	len = libdeflate_zlib_compress(compressor, in, n, out->data, room);
	if (len == 0)
		abort();        /* the bound was given */
	out->len = len;
	out->data[out->len] = '\0';
}
