/* pdf_links.c -- links to later pages, which cairo 1.16 cannot write: a placeholder URI while drawing, a named destination after. */
#include "config.h"

#include <string.h>

#include "pdf_links.h"

int
av_pdf_placeholder_ok(const char *id)
{
	const unsigned char *p = (const unsigned char *)id;
	if (*p == '\0')
		return 0;
	for (; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("()\\'\"<>[]{}/%#", *p))
			return 0;
	return 1;
}

/* The last occurrence of `needle` in [from, to). */
static char *
last_in(char *from, char *to, const char *needle)
{
	size_t n = strlen(needle);
	char *p;
	for (p = to - n; p >= from; p--)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

size_t
av_pdf_resolve_links(struct av_buf *pdf)
{
	static const char marker[] = "/URI (" AV_PDF_DEST_URI;
	char *p = pdf->data, *end = pdf->data + pdf->len;
	size_t done = 0;

	while (p && p < end) {
		char *hit = memmem(p, (size_t)(end - p), marker, sizeof marker - 1);
		char *id, *close, *a, *dict_end, *w;
		size_t idlen, span;

		if (hit == NULL)
			break;
		p = hit + sizeof marker - 1;
		id = p;
		close = memchr(id, ')', (size_t)(end - id));
		/* The action dictionary around it: "/A << ... /S /URI /URI (...) >>". */
		a = last_in(hit - 80 > pdf->data ? hit - 80 : pdf->data, hit, "/A <<");
		if (close == NULL || a == NULL || last_in(a, hit, "/S /URI") == NULL)
			continue;
		dict_end = memmem(close, (size_t)(end - close), ">>", 2);
		if (dict_end == NULL || dict_end - close > 16)
			continue;
		dict_end += 2;
		idlen = (size_t)(close - id);
		span = (size_t)(dict_end - a);
		if (idlen + 8 > span)
			continue;
		/* "/Dest (ID)" and spaces to the old length. */
		w = a;
		memcpy(w, "/Dest (", 7);
		memmove(w + 7, id, idlen);
		w[7 + idlen] = ')';
		memset(w + 8 + idlen, ' ', span - 8 - idlen);
		p = dict_end;
		done++;
	}
	return done;
}
