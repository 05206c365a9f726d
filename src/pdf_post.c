/* pdf_post.c -- incremental update of a cairo PDF: catalog with /Lang and XMP metadata, /ID, figure /Alt, no clock dates. */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_post.h"

/* qpdf would do this too, but as a C++ library for a few appended objects;
 * glib gives the MD5 and UTF-16 we need. */

static const char *
memrstr(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	while (n >= k) {
		if (memcmp(hay + n - k, needle, k) == 0)
			return hay + n - k;
		n--;
	}
	return NULL;
}

/* The integer after `key` in [p, end), or -1. */
static long
dict_int(const char *p, const char *end, const char *key)
{
	size_t k = strlen(key);
	for (; p + k < end; p++)
		if (memcmp(p, key, k) == 0 && (p[k] == ' ' || p[k] == '\n' || p[k] == '\r')) {
			char *e;
			long v = strtol(p + k, &e, 10);
			return e == p + k ? -1 : v;
		}
	return -1;
}

/* Finds "N 0 obj" at a line start; returns the start of its body. */
static const char *
find_obj(const char *pdf, size_t len, long num)
{
	char pat[32];
	const char *p = pdf, *end = pdf + len;
	size_t k;
	snprintf(pat, sizeof pat, "%ld 0 obj", num);
	k = strlen(pat);
	while ((p = memmem(p, (size_t)(end - p), pat, k)) != NULL) {
		if (p == pdf || p[-1] == '\n' || p[-1] == '\r')
			return p + k;
		p += k;
	}
	return NULL;
}

/* The outermost << ... >> starting at or after p: sets *ds, *de to the
 * bytes between the delimiters. */
static int
dict_span(const char *p, const char *end, const char **ds, const char **de)
{
	int depth = 0;
	while (p < end && *p != '<')
		p++;
	if (p + 1 >= end || p[1] != '<')
		return -1;
	*ds = p + 2;
	for (; p + 1 < end; p++) {
		if (*p == '(') {
			/* skip a literal string */
			int nest = 1;
			for (p++; p < end && nest > 0; p++) {
				if (*p == '\\')
					p++;
				else if (*p == '(')
					nest++;
				else if (*p == ')')
					nest--;
			}
			p--;
		} else if (p[0] == '<' && p[1] == '<') {
			depth++;
			p++;
		} else if (p[0] == '>' && p[1] == '>') {
			if (--depth == 0) {
				*de = p;
				return 0;
			}
			p++;
		}
	}
	return -1;
}

void
av_pdf_text_string(struct av_buf *out, const char *s)
{
	const unsigned char *u;
	int plain = 1;
	for (u = (const unsigned char *)s; *u; u++)
		if (*u < 0x20 || *u > 0x7e || *u == '(' || *u == ')' || *u == '\\')
			plain = 0;
	if (plain) {
		av_buf_printf(out, "(%s)", s);
		return;
	}
	{
		glong n = 0, i;
		gunichar2 *w = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
		av_buf_adds(out, "<FEFF");
		for (i = 0; w && i < n; i++)
			av_buf_printf(out, "%04X", (unsigned)w[i]);
		av_buf_addc(out, '>');
		g_free(w);
	}
}

void
av_pdf_iso_date(long long t, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
xml_escaped(struct av_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': av_buf_adds(b, "&lt;"); break;
		case '>': av_buf_adds(b, "&gt;"); break;
		case '&': av_buf_adds(b, "&amp;"); break;
		case '"': av_buf_adds(b, "&quot;"); break;
		default: av_buf_addc(b, *s);
		}
	}
}

static void
xmp_simple(struct av_buf *b, const char *tag, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	av_buf_printf(b, "   <%s>", tag);
	xml_escaped(b, v);
	av_buf_printf(b, "</%s>\n", tag);
}

static void
xmp_alt(struct av_buf *b, const char *tag, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	av_buf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
	xml_escaped(b, v);
	av_buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", tag);
}

static char *
xmp_packet(const struct av_pdf_meta *m)
{
	struct av_buf b = {0};
	av_buf_adds(&b, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n");
	xmp_alt(&b, "dc:title", m->title);
	if (m->author && *m->author) {
		av_buf_adds(&b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_escaped(&b, m->author);
		av_buf_adds(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	xmp_alt(&b, "dc:description", m->subject);
	if (m->lang && *m->lang) {
		av_buf_adds(&b, "   <dc:language><rdf:Bag><rdf:li>");
		xml_escaped(&b, m->lang);
		av_buf_adds(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	xmp_simple(&b, "pdf:Keywords", m->keywords);
	xmp_simple(&b, "pdf:Producer", m->producer);
	xmp_simple(&b, "xmp:CreatorTool", m->creator_tool);
	xmp_simple(&b, "xmp:CreateDate", m->create_date);
	xmp_simple(&b, "xmp:ModifyDate", m->create_date);
	xmp_simple(&b, "xmp:MetadataDate", m->create_date);
	av_buf_adds(&b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
	return av_buf_take(&b);
}

/* Overwrites "/Key (...)" with spaces inside [p, end). */
static void
blank_entry(char *p, char *end, const char *key)
{
	size_t k = strlen(key);
	char *q;
	while ((q = memmem(p, (size_t)(end - p), key, k)) != NULL) {
		char *s = q + k;
		while (s < end && *s == ' ')
			s++;
		if (s < end && *s == '(') {
			char *e = memchr(s, ')', (size_t)(end - s));
			if (e == NULL)
				return;
			memset(q, ' ', (size_t)(e - q + 1));
			p = e + 1;
		} else {
			p = q + k;
		}
	}
}

struct newobj {
	long num;
	size_t off;
};

int
av_pdf_post(struct av_buf *pdf, const struct av_pdf_post *o, char **err)
{
	const char *data = pdf->data, *end = pdf->data + pdf->len, *sx, *tr, *ds, *de, *cat;
	long size, root, info, prevxref;
	struct av_buf add = {0};
	struct newobj *objs = NULL;
	size_t nobjs = 0, objcap = 0, i, base = pdf->len;
	char *xmp;
	GChecksum *md5;
	guint8 digest[16];
	gsize dlen = sizeof digest;
	long xmp_num;

	*err = NULL;
	if (pdf->len < 32 || memcmp(data, "%PDF-", 5) != 0) {
		*err = av_xstrdup("not a PDF");
		return -1;
	}
	sx = memrstr(data, pdf->len, "startxref");
	tr = memrstr(data, pdf->len, "trailer");
	if (sx == NULL || tr == NULL || tr > sx) {
		*err = av_xstrdup("no classic trailer (cross-reference streams are not handled)");
		return -1;
	}
	prevxref = strtol(sx + 9, NULL, 10);
	size = dict_int(tr, sx, "/Size");
	root = dict_int(tr, sx, "/Root");
	info = dict_int(tr, sx, "/Info");
	if (size <= 0 || root <= 0 || prevxref <= 0) {
		*err = av_xstrdup("trailer without /Size, /Root or startxref");
		return -1;
	}
	cat = find_obj(data, pdf->len, root);
	if (cat == NULL || dict_span(cat, end, &ds, &de) != 0) {
		*err = av_xstrdup("catalog object not found");
		return -1;
	}
	/* cairo writes the clock as CreationDate when none was set */
	if (o->strip_dates && info > 0) {
		const char *io = find_obj(data, pdf->len, info);
		const char *is, *ie;
		if (io && dict_span(io, end, &is, &ie) == 0) {
			blank_entry((char *)is, (char *)ie, "/CreationDate");
			blank_entry((char *)is, (char *)ie, "/ModDate");
		}
	}

	av_buf_adds(&add, "\n");
	/* figure alternative texts: cairo numbers structure elements in
	 * tagging order */
	if (o->nfigure_alt > 0) {
		long num;
		size_t fig = 0;
		for (num = 1; num < size && fig < o->nfigure_alt; num++) {
			const char *ob = find_obj(data, pdf->len, num), *os, *oe;
			if (ob == NULL || dict_span(ob, end, &os, &oe) != 0)
				continue;
			if (memmem(os, (size_t)(oe - os), "/Type /StructElem", 17) == NULL ||
			    memmem(os, (size_t)(oe - os), "/S /Figure", 10) == NULL)
				continue;
			if (o->figure_alt[fig] != NULL) {
				objs = av_xgrow(objs, &objcap, nobjs + 1, sizeof *objs);
				objs[nobjs].num = num;
				objs[nobjs].off = base + add.len;
				nobjs++;
				av_buf_printf(&add, "%ld 0 obj\n<<", num);
				av_buf_add(&add, os, (size_t)(oe - os));
				av_buf_adds(&add, "   /Alt ");
				av_pdf_text_string(&add, o->figure_alt[fig]);
				av_buf_adds(&add, "\n>>\nendobj\n");
			}
			fig++;
		}
	}
	/* XMP metadata */
	xmp = xmp_packet(&o->meta);
	xmp_num = size;
	objs = av_xgrow(objs, &objcap, nobjs + 1, sizeof *objs);
	objs[nobjs].num = xmp_num;
	objs[nobjs].off = base + add.len;
	nobjs++;
	av_buf_printf(&add, "%ld 0 obj\n<< /Type /Metadata /Subtype /XML /Length %zu >>\nstream\n", xmp_num, strlen(xmp));
	av_buf_adds(&add, xmp);
	av_buf_adds(&add, "\nendstream\nendobj\n");
	free(xmp);
	/* the catalog again, with the language and the metadata */
	objs = av_xgrow(objs, &objcap, nobjs + 1, sizeof *objs);
	objs[nobjs].num = root;
	objs[nobjs].off = base + add.len;
	nobjs++;
	av_buf_printf(&add, "%ld 0 obj\n<<", root);
	av_buf_add(&add, ds, (size_t)(de - ds));
	if (o->meta.lang && *o->meta.lang && memmem(ds, (size_t)(de - ds), "/Lang", 5) == NULL) {
		av_buf_adds(&add, "   /Lang ");
		av_pdf_text_string(&add, o->meta.lang);
		av_buf_adds(&add, "\n");
	}
	av_buf_printf(&add, "   /Metadata %ld 0 R\n", xmp_num);
	if (memmem(ds, (size_t)(de - ds), "/ViewerPreferences", 18) == NULL && o->meta.title)
		av_buf_adds(&add, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
	av_buf_adds(&add, ">>\nendobj\n");

	/* /ID from the content */
	md5 = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(md5, (const guchar *)pdf->data, (gssize)pdf->len);
	g_checksum_update(md5, (const guchar *)add.data, (gssize)add.len);
	g_checksum_get_digest(md5, digest, &dlen);
	g_checksum_free(md5);

	/* cross-reference section, one subsection per object, in order */
	{
		size_t xref = base + add.len, j;
		for (i = 1; i < nobjs; i++)
			for (j = i; j > 0 && objs[j - 1].num > objs[j].num; j--) {
				struct newobj t = objs[j];
				objs[j] = objs[j - 1];
				objs[j - 1] = t;
			}
		av_buf_adds(&add, "xref\n");
		for (i = 0; i < nobjs; i++)
			av_buf_printf(&add, "%ld 1\n%010zu 00000 n \n", objs[i].num, objs[i].off);
		av_buf_printf(&add, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size + 1, root);
		if (info > 0)
			av_buf_printf(&add, "   /Info %ld 0 R\n", info);
		av_buf_adds(&add, "   /ID [<");
		for (i = 0; i < 16; i++)
			av_buf_printf(&add, "%02x", digest[i]);
		av_buf_adds(&add, "> <");
		for (i = 0; i < 16; i++)
			av_buf_printf(&add, "%02x", digest[i]);
		av_buf_printf(&add, ">]\n   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prevxref, xref);
	}
	av_buf_add(pdf, add.data, add.len);
	av_buf_free(&add);
	free(objs);
	return 0;
}
