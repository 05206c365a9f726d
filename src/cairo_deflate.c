/* cairo_deflate.c -- cairo's deflate streams stored, not compressed: av_pdf_post() compresses them.
 *
 * cairo 1.16 compresses every font subset (and image) it embeds in a PDF
 * with zlib at its default level, through deflateInit() -- and gives no
 * way to change that.  That was 8% of a batch's instructions, for some
 * 7 KB per font.  The executable defines deflateInit_ (zlib's ABI: what
 * the deflateInit() macro calls), as libc_numbers.c defines
 * __snprintf_chk, so cairo's calls reach this one: the default level
 * becomes 0, stored blocks, and av_pdf_post() -- which every PDF cairo
 * makes here goes through -- compresses those streams with libdeflate
 * with the rest (deflate.c): 3% fewer instructions for a batch, the PDFs
 * 0.3% larger.  Any other level, and every call when
 * ANSVAR_CAIRO_DEFLATE is set, is zlib's own (deflateInit2_ with the
 * parameters deflateInit_ passes).  cairo is the only library here that
 * calls deflateInit(); libpng, libxml2 and glib call deflateInit2().
 *
 * Only in the program (ansvar_SOURCES), not in libansvar.a. */
#include "config.h"

#include <stdlib.h>
#include <zlib.h>

int
deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	static int off = -1;
	if (off < 0)
		off = getenv("ANSVAR_CAIRO_DEFLATE") != NULL;
	if (level == Z_DEFAULT_COMPRESSION && !off)
		/* stored: no matches are looked for, so the smallest hash */
		return deflateInit2_(strm, 0, Z_DEFLATED, MAX_WBITS, 1, Z_DEFAULT_STRATEGY, version, stream_size);
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
