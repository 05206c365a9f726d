/* fuzz_deflate.c -- libFuzzer target: an image's rows compressed by av_deflate_rows() and inflated back by zlib; made one at a time, the same bytes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"
#include "fuzz.h"

struct rows {
	const uint8_t *data;
	size_t rowlen;
};

static void
fuzz_row(void *ctx, size_t r, unsigned char *dst)
{
	const struct rows *x = ctx;
	memcpy(dst, x->data + r * x->rowlen, x->rowlen);
	memset(dst + x->rowlen, 0xa5, AV_DEFLATE_ROW_SPARE);
}

/* The first two bytes give the row length (what decides the distance of
 * the row-above match; 0 for none), the rest are the rows.  What comes
 * back from zlib must be exactly the rows, and av_deflate_image() must
 * give the same bytes for the whole rows: anything else aborts. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct av_buf z = { 0 };
	unsigned char *back;
	uLongf blen;
	size_t rowlen, n;
	int rc;

	if (size < 2)
		return 0;
	rowlen = (size_t)data[0] << 8 | data[1];
	data += 2;
	n = size - 2;
	av_deflate_rows(data, n, rowlen, &z);
	back = malloc(n + 1);
	blen = (uLongf)n + 1;
	rc = uncompress(back, &blen, (const Bytef *)z.data, (uLong)z.len);
	if (rc != Z_OK || blen != n || memcmp(back, data, n) != 0) {
		fprintf(stderr, "fuzz_deflate: %zu bytes (rows of %zu) did not come back: zlib %d, %lu bytes\n", n,
		    rowlen, rc, (unsigned long)blen);
		abort();
	}
	free(back);
	/* whole rows, made one at a time: the same bytes */
	if (rowlen > 0 && n / rowlen > 0) {
		struct rows r = { data, rowlen };
		struct av_buf whole = { 0 }, made = { 0 };
		av_deflate_rows(data, n / rowlen * rowlen, rowlen, &whole);
		av_deflate_image(n / rowlen, rowlen, fuzz_row, &r, &made);
		if (made.len != whole.len || memcmp(made.data, whole.data, whole.len) != 0) {
			fprintf(stderr, "fuzz_deflate: %zu rows of %zu made one at a time: other bytes\n", n / rowlen,
			    rowlen);
			abort();
		}
		av_buf_free(&whole);
		av_buf_free(&made);
	}
	av_buf_free(&z);
	return 0;
}
