/* fuzz_deflate.c -- libFuzzer target: an image's rows compressed by av_deflate_rows() and inflated back by zlib. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"
#include "fuzz.h"

/* The first two bytes give the row length (what decides the distance of
 * the row-above match; 0 for none), the rest are the rows.  What comes
 * back from zlib must be exactly the rows: anything else aborts. */
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
	av_buf_free(&z);
	return 0;
}
