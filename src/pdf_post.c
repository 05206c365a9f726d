/* pdf_post.c -- a cairo PDF rewritten: /Lang and XMP metadata, /ID, figure /Alt, artifacts, compressed streams, no clock dates. */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "deflate.h"
#include "pdf_post.h"

/* qpdf would do this too, but as a C++ library for a few changed objects;
 * glib gives the MD5 and UTF-16 we need, zlib (which cairo uses) the
 * inflating of streams, deflate.c their deflating. */

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

/* The PDF being read, with where each object starts from the
 * cross-reference table cairo wrote (0 for an object not in it; offs is
 * NULL when the table is not as expected). */
struct pdf {
	const char *data;
	size_t len;
	size_t *offs;
	long size;
	/* each object's dictionary, found once (obj_dict()): state 0 not
	 * looked for, 1 found, -1 none */
	const char **ds, **de;
	signed char *dstate;
};

static void
read_xref(struct pdf *f, long at, long size)
{
	const char *p = f->data + at, *end = f->data + f->len;
	f->offs = NULL;
	f->size = 0;
	if (at <= 0 || (size_t)at + 5 > f->len || memcmp(p, "xref", 4) != 0 || size <= 0)
		return;
	f->offs = av_xcalloc((size_t)size, sizeof *f->offs);
	f->size = size;
	p += 4;
	for (;;) {
		char *e;
		long first, count, i;
		while (p < end && (*p == ' ' || *p == '\n' || *p == '\r'))
			p++;
		if (p >= end || *p == 't')      /* trailer */
			break;
		first = strtol(p, &e, 10);
		count = strtol(e, &e, 10);
		while (e < end && *e != '\n')
			e++;
		p = e + 1;
		for (i = 0; i < count && p + 20 <= end; i++, p += 20)
			if (first + i >= 0 && first + i < size && p[17] == 'n')
				f->offs[first + i] = (size_t)strtoull(p, NULL, 10);
		if (count <= 0)
			break;
	}
}

/* Finds "N 0 obj" at a line start; returns the start of its body.  By the
 * cross-reference table when it knows the object, else by searching. */
static const char *
find_obj(const struct pdf *f, long num)
{
	char pat[32];
	const char *pdf = f->data, *p = pdf, *end = pdf + f->len;
	size_t k;
	snprintf(pat, sizeof pat, "%ld 0 obj", num);
	k = strlen(pat);
	if (f->offs && num >= 0 && num < f->size && f->offs[num] > 0 && f->offs[num] + k <= f->len &&
	    memcmp(pdf + f->offs[num], pat, k) == 0)
		return pdf + f->offs[num] + k;
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
		static const char hex[] = "0123456789ABCDEF";
		av_buf_adds(out, "<FEFF");
		for (i = 0; w && i < n; i++) {
			char h[4] = { hex[w[i] >> 12], hex[w[i] >> 8 & 15], hex[w[i] >> 4 & 15], hex[w[i] & 15] };
			av_buf_add(out, h, 4);
		}
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

/* ---- Untagged content as artifacts ----
 *
 * cairo 1.16 cannot write /Artifact marked content: what is drawn outside
 * the leaf structure elements (static content, repeated table rows,
 * backgrounds and borders) is left unmarked, which a tagged PDF must not
 * have.  Each page's content stream is read (inflated when cairo
 * compressed it), every stretch of it that paints outside marked content
 * is wrapped in /Artifact BMC ... EMC (never across q/Q, never inside a
 * path or text object), and the stream is compressed into the rewritten
 * file. */

static int
is_ws(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static int
is_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
	    c == '/' || c == '%';
}

/* Skips one token at p (whitespace before it already skipped); returns
 * the end, and in *op the operator it is, if any ("" for operands). */
static const char *
skip_token(const char *p, const char *end, char op[4])
{
	op[0] = '\0';
	if (*p == '(') {
		int nest = 0;
		for (; p < end; p++) {
			if (*p == '\\')
				p++;
			else if (*p == '(')
				nest++;
			else if (*p == ')' && --nest == 0)
				return p + 1;
		}
		return end;
	}
	if (*p == '<' && p + 1 < end && p[1] == '<')
		return p + 2;
	if (*p == '>' && p + 1 < end && p[1] == '>')
		return p + 2;
	if (*p == '<') {
		const char *q = memchr(p, '>', (size_t)(end - p));
		return q ? q + 1 : end;
	}
	if (*p == '[' || *p == ']' || *p == '{' || *p == '}')
		return p + 1;
	if (*p == '%') {
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		return p;
	}
	if (*p == '/') {
		for (p++; p < end && !is_ws((unsigned char)*p) && !is_delim((unsigned char)*p); p++)
			;
		return p;
	}
	{
		const char *s = p;
		size_t n;
		for (; p < end && !is_ws((unsigned char)*p) && !is_delim((unsigned char)*p); p++)
			;
		n = (size_t)(p - s);
		if (p == s)
			return p + 1;   /* a stray delimiter */
		if ((g_ascii_isalpha(*s) || *s == '\'' || *s == '"') && n < 4) {
			memcpy(op, s, n);
			op[n] = '\0';
		}
		return p;
	}
}

static int
op_in(const char *op, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(op, *set) == 0)
			return 1;
	return 0;
}

/* Rewrites a content stream; returns 0, or -1 when it is not laid out
 * as expected (it is then left as it is). */
static int
wrap_artifacts(const char *in, size_t n, struct av_buf *out, int *changed)
{
	static const char *const starts[] = { "m", "re", "BT", "BI", "Do", "sh", NULL };
	const char *p = in, *end = in + n, *inst = NULL, *copied = in;
	int depth = 0, art = 0, text = 0;
	char op[4];

	*changed = 0;
	while (p < end) {
		const char *tok;
		while (p < end && is_ws((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		tok = p;
		if (inst == NULL)
			inst = tok;
		p = skip_token(p, end, op);
		if (op[0] == '\0')
			continue;
		/* an operator ends the instruction that began at inst */
		if (strcmp(op, "BDC") == 0 || strcmp(op, "BMC") == 0 || strcmp(op, "q") == 0 || strcmp(op, "Q") == 0) {
			if (art) {
				if (text)
					return -1;
				av_buf_add(out, copied, (size_t)(inst - copied));
				av_buf_adds(out, "EMC\n");
				copied = inst;
				art = 0;
			}
			if (op[0] == 'B')
				depth++;
		} else if (strcmp(op, "EMC") == 0) {
			if (depth == 0)
				return -1;
			depth--;
		} else if (depth == 0 && !art && op_in(op, starts)) {
			av_buf_add(out, copied, (size_t)(inst - copied));
			av_buf_adds(out, "/Artifact BMC\n");
			copied = inst;
			art = 1;
			*changed = 1;
		}
		if (strcmp(op, "BT") == 0)
			text = 1;
		else if (strcmp(op, "ET") == 0)
			text = 0;
		else if (strcmp(op, "ID") == 0) {
			/* inline image data up to EI between white space */
			for (p++; p + 2 < end && !(is_ws((unsigned char)p[-1]) && p[0] == 'E' && p[1] == 'I' &&
			    is_ws((unsigned char)p[2])); p++)
				;
			p = p + 2 < end ? p + 2 : end;
		}
		inst = NULL;
	}
	if (depth != 0)
		return -1;
	av_buf_add(out, copied, (size_t)(end - copied));
	if (art)
		av_buf_adds(out, "\nEMC\n");
	return 0;
}

static int
inflate_all(const char *in, size_t n, struct av_buf *out)
{
	z_stream z;
	char chunk[65536];
	int rc;
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return -1;
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	do {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof chunk;
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END) {
			inflateEnd(&z);
			return -1;
		}
		av_buf_add(out, chunk, sizeof chunk - z.avail_out);
	} while (rc != Z_STREAM_END && z.avail_in > 0);
	inflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}

/* Where `key` (a whole name: "/Length", not "/Length1") is in [ds, de). */
static const char *
dict_key(const char *ds, const char *de, const char *key)
{
	size_t k = strlen(key);
	const char *p = ds;
	while ((p = memmem(p, (size_t)(de - p), key, k)) != NULL) {
		if (p + k < de && (is_ws((unsigned char)p[k]) || is_delim((unsigned char)p[k])))
			return p;
		p += k;
	}
	return NULL;
}

/* The integer value of `key` in a dictionary, following one indirect
 * reference; -1 when absent. */
static long
dict_value(const struct pdf *f, const char *ds, const char *de, const char *key)
{
	const char *k = dict_key(ds, de, key);
	char *e;
	long v, gen;
	if (k == NULL)
		return -1;
	k += strlen(key);
	v = strtol(k, &e, 10);
	if (e == k)
		return -1;
	gen = strtol(e, &e, 10);
	while (*e == ' ')
		e++;
	if (gen == 0 && *e == 'R') {
		const char *ob = find_obj(f, v);
		if (ob == NULL)
			return -1;
		return strtol(ob, NULL, 10);
	}
	return v;
}

/* The dictionary an object starts with: the bytes between << and >>.
 * Returns -1 when the object is not a dictionary (or a stream). */
static int
obj_dict(const struct pdf *f, long num, const char **ds, const char **de)
{
	const char *ob, *end = f->data + f->len;
	int rc = -1;

	if (f->dstate && num >= 0 && num < f->size && f->dstate[num] != 0) {
		*ds = f->ds[num];
		*de = f->de[num];
		return f->dstate[num] > 0 ? 0 : -1;
	}
	if ((ob = find_obj(f, num)) != NULL) {
		while (ob < end && is_ws((unsigned char)*ob))
			ob++;
		if (ob + 1 < end && ob[0] == '<' && ob[1] == '<')
			rc = dict_span(ob, end, ds, de);
	}
	if (f->dstate && num >= 0 && num < f->size) {
		f->dstate[num] = rc == 0 ? 1 : -1;
		f->ds[num] = rc == 0 ? *ds : NULL;
		f->de[num] = rc == 0 ? *de : NULL;
	}
	return rc;
}

/* The data of the stream whose dictionary ends at `de` (its >>); NULL when
 * the object has no stream or its length is wrong. */
static const char *
stream_data(const struct pdf *f, const char *ds, const char *de, size_t *len)
{
	const char *end = f->data + f->len, *p = de + 2;
	long n;
	while (p < end && is_ws((unsigned char)*p))
		p++;
	if ((size_t)(end - p) < 7 || memcmp(p, "stream", 6) != 0)
		return NULL;
	p += 6;
	if (*p == '\r')
		p++;
	if (*p != '\n')
		return NULL;
	p++;
	n = dict_value(f, ds, de, "/Length");
	if (n < 0 || n > end - p)
		return NULL;
	*len = (size_t)n;
	return p;
}

/* Writes object `num` as a compressed stream: its dictionary without
 * /Length and /Filter, then the new ones, the data compressed by
 * av_deflate(). */
static void
put_stream(struct av_buf *o, long num, const char *ds, const char *de, const char *data, size_t n)
{
	static const char *const drop[] = { "/Length", "/Filter", NULL };
	struct av_buf z = {0};
	const char *p = ds;
	int i;

	av_buf_printf(o, "%ld 0 obj\n<<", num);
	while (p < de) {
		const char *next = NULL, *k;
		for (i = 0; drop[i]; i++)
			if ((k = dict_key(p, de, drop[i])) != NULL && (next == NULL || k < next))
				next = k;
		if (next == NULL) {
			av_buf_add(o, p, (size_t)(de - p));
			break;
		}
		av_buf_add(o, p, (size_t)(next - p));
		/* the key and its value: a name, or a number with "0 R" */
		p = next + 1;
		while (p < de && !is_ws((unsigned char)*p) && !is_delim((unsigned char)*p))
			p++;
		while (p < de && is_ws((unsigned char)*p))
			p++;
		if (p < de && *p == '/') {
			for (p++; p < de && !is_ws((unsigned char)*p) && !is_delim((unsigned char)*p); p++)
				;
		} else {
			char *e;
			strtol(p, &e, 10);
			p = e;
			while (p < de && *p == ' ')
				p++;
			if (g_ascii_isdigit(*p)) {
				strtol(p, &e, 10);
				while (*e == ' ')
					e++;
				if (*e == 'R')
					p = e + 1;
			}
		}
	}
	av_deflate(data, n, &z);
	av_buf_printf(o, "   /Length %zu\n   /Filter /FlateDecode\n>>\nstream\n", z.len);
	av_buf_add(o, z.data, z.len);
	av_buf_adds(o, "\nendstream\nendobj\n");
	av_buf_free(&z);
}

/* The objects that change, by number (NULL for one kept as it is). */
struct rewrite {
	struct av_buf **obj;
	long size;              /* entries of obj */
};

static struct av_buf *
replace(struct rewrite *rw, long num)
{
	if (rw->obj[num] == NULL)
		rw->obj[num] = av_xcalloc(1, sizeof **rw->obj);
	av_buf_reset(rw->obj[num]);
	return rw->obj[num];
}

/* The pages' content streams with their untagged content marked. */
static int
mark_artifacts(const struct pdf *f, struct rewrite *rw)
{
	long num;
	for (num = 1; num < f->size; num++) {
		const char *os, *oe, *c, *cs, *ce, *st, *t;
		struct av_buf raw = {0}, wrapped = {0};
		size_t clen;
		long cnum;
		int changed;
		if (obj_dict(f, num, &os, &oe) != 0 ||
		    (t = memmem(os, (size_t)(oe - os), "/Type /Page", 11)) == NULL || t[11] == 's')
			continue;
		c = dict_key(os, oe, "/Contents");
		if (c == NULL)
			continue;
		cnum = strtol(c + 9, NULL, 10);
		if (cnum <= 0 || cnum >= f->size || obj_dict(f, cnum, &cs, &ce) != 0 ||
		    (st = stream_data(f, cs, ce, &clen)) == NULL)
			return -1;
		if (dict_key(cs, ce, "/Filter") != NULL) {
			if (memmem(cs, (size_t)(ce - cs), "/FlateDecode", 12) == NULL)
				continue;       /* not cairo's: left as it is */
			if (inflate_all(st, clen, &raw) != 0)
				return -1;
		} else {
			av_buf_add(&raw, st, clen);
		}
		/* unchanged, it is compressed with the other streams */
		if (wrap_artifacts(raw.data ? raw.data : "", raw.len, &wrapped, &changed) == 0 && changed)
			put_stream(replace(rw, cnum), cnum, cs, ce, wrapped.data, wrapped.len);
		av_buf_free(&raw);
		av_buf_free(&wrapped);
	}
	return 0;
}

/* Whether a /FlateDecode stream's data is a zlib stream that starts with
 * a stored block: deflated at level 0, not compressed (the program has
 * cairo's deflate streams store: cairo_deflate.c). */
static int
stored_zlib(const char *ds, const char *de, const char *st, size_t n)
{
	const char *f = dict_key(ds, de, "/Filter");
	const unsigned char *u = (const unsigned char *)st;
	return f != NULL && strncmp(f, "/Filter /FlateDecode", 20) == 0 && dict_key(ds, de, "/DecodeParms") == NULL &&
	    n >= 3 && u[0] == 0x78 && u[1] == 0x01 && ((u[2] >> 1) & 3) == 0;
}

/* Every other stream cairo left uncompressed (its content streams, when
 * told to: see av_fonts_init(); character maps) or only stored (its font
 * subsets and images: cairo_deflate.c), compressed. */
static int
compress_streams(const struct pdf *f, struct rewrite *rw)
{
	long num;
	for (num = 1; num < f->size; num++) {
		const char *ds, *de, *st;
		size_t n;
		if (rw->obj[num] != NULL || obj_dict(f, num, &ds, &de) != 0 ||
		    (st = stream_data(f, ds, de, &n)) == NULL)
			continue;
		if (dict_key(ds, de, "/Filter") == NULL) {
			put_stream(replace(rw, num), num, ds, de, st, n);
		} else if (stored_zlib(ds, de, st, n)) {
			struct av_buf raw = {0};
			int rc = inflate_all(st, n, &raw);
			if (rc == 0)
				put_stream(replace(rw, num), num, ds, de, raw.data ? raw.data : "", raw.len);
			av_buf_free(&raw);
			if (rc != 0)
				return -1;
		}
	}
	return 0;
}

/* Whether the table's offset of object `num` is where it starts. */
static int
at_obj(const struct pdf *f, long num)
{
	char pat[32];
	int k = snprintf(pat, sizeof pat, "%ld 0 obj", num);
	return f->offs[num] + (size_t)k <= f->len && memcmp(f->data + f->offs[num], pat, (size_t)k) == 0;
}

/* Appends a cross-reference entry: ten digits of offset, generation, kind. */
static void
xref_entry(struct av_buf *o, size_t off, int in_use)
{
	char e[21];
	int i;
	for (i = 9; i >= 0; i--, off /= 10)
		e[i] = (char)('0' + off % 10);
	memcpy(e + 10, in_use ? " 00000 n \n" : " 65535 f \n", 10);
	av_buf_add(o, e, 20);
}

static int
cmp_offset(const void *a, const void *b, void *offs)
{
	size_t x = ((const size_t *)offs)[*(const long *)a], y = ((const size_t *)offs)[*(const long *)b];
	return x < y ? -1 : x > y;
}

int
av_pdf_post(struct av_buf *pdf, const struct av_pdf_post *o, char **err)
{
	struct pdf f = { 0 };
	const char *data = pdf->data, *sx, *tr, *ds, *de;
	long size, root, info, prevxref, num, xmp_num, *order = NULL, norder = 0, i;
	struct rewrite rw = { 0 };
	struct av_buf out = {0}, *cat;
	size_t *offs = NULL, xref;
	char *xmp;
	GChecksum *md5;
	guint8 digest[16];
	gsize dlen = sizeof digest;
	int rc = -1;

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
	if (size <= 0 || root <= 0 || root >= size || info >= size || prevxref <= 0 || (size_t)prevxref >= pdf->len) {
		*err = av_xstrdup("trailer without /Size, /Root or startxref");
		return -1;
	}
	f.data = data;
	f.len = pdf->len;
	read_xref(&f, prevxref, size);
	f.ds = av_xcalloc((size_t)size, sizeof *f.ds);
	f.de = av_xcalloc((size_t)size, sizeof *f.de);
	f.dstate = av_xcalloc((size_t)size, 1);
	/* every object where the table says, in the order of the file */
	order = av_xcalloc((size_t)size, sizeof *order);
	for (num = 1; f.offs && num < size; num++) {
		if (f.offs[num] == 0)
			continue;
		if (f.offs[num] >= (size_t)prevxref || !at_obj(&f, num))
			break;
		order[norder++] = num;
	}
	if (f.offs == NULL || num < size || norder == 0) {
		*err = av_xstrdup("the cross-reference table is not as cairo writes it");
		goto out;
	}
	qsort_r(order, (size_t)norder, sizeof *order, cmp_offset, f.offs);
	if (obj_dict(&f, root, &ds, &de) != 0) {
		*err = av_xstrdup("catalog object not found");
		goto out;
	}
	rw.size = size + 1;
	rw.obj = av_xcalloc((size_t)rw.size, sizeof *rw.obj);
	/* cairo writes the clock as CreationDate when none was set */
	if (o->strip_dates && info > 0) {
		const char *is, *ie;
		if (obj_dict(&f, info, &is, &ie) == 0) {
			blank_entry((char *)is, (char *)ie, "/CreationDate");
			blank_entry((char *)is, (char *)ie, "/ModDate");
		}
	}
	if (o->mark_artifacts && mark_artifacts(&f, &rw) != 0) {
		*err = av_xstrdup("a page's content stream cannot be read");
		goto out;
	}
	if (compress_streams(&f, &rw) != 0) {
		*err = av_xstrdup("an embedded font or image cannot be read");
		goto out;
	}
	/* figure alternative texts: cairo numbers structure elements in
	 * tagging order */
	if (o->nfigure_alt > 0) {
		size_t fig = 0;
		for (num = 1; num < size && fig < o->nfigure_alt; num++) {
			const char *os, *oe;
			if (obj_dict(&f, num, &os, &oe) != 0)
				continue;
			if (memmem(os, (size_t)(oe - os), "/Type /StructElem", 17) == NULL ||
			    memmem(os, (size_t)(oe - os), "/S /Figure", 10) == NULL)
				continue;
			if (o->figure_alt[fig] != NULL) {
				struct av_buf *b = replace(&rw, num);
				av_buf_printf(b, "%ld 0 obj\n<<", num);
				av_buf_add(b, os, (size_t)(oe - os));
				av_buf_adds(b, "   /Alt ");
				av_pdf_text_string(b, o->figure_alt[fig]);
				av_buf_adds(b, "\n>>\nendobj\n");
			}
			fig++;
		}
	}
	/* XMP metadata, a new object */
	xmp = xmp_packet(&o->meta);
	xmp_num = size;
	av_buf_printf(replace(&rw, xmp_num), "%ld 0 obj\n<< /Type /Metadata /Subtype /XML /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
	    xmp_num, strlen(xmp), xmp);
	free(xmp);
	/* the catalog, with the language and the metadata */
	cat = replace(&rw, root);
	av_buf_printf(cat, "%ld 0 obj\n<<", root);
	av_buf_add(cat, ds, (size_t)(de - ds));
	if (o->meta.lang && *o->meta.lang && dict_key(ds, de, "/Lang") == NULL) {
		av_buf_adds(cat, "   /Lang ");
		av_pdf_text_string(cat, o->meta.lang);
		av_buf_adds(cat, "\n");
	}
	av_buf_printf(cat, "   /Metadata %ld 0 R\n", xmp_num);
	if (dict_key(ds, de, "/ViewerPreferences") == NULL && o->meta.title)
		av_buf_adds(cat, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
	av_buf_adds(cat, ">>\nendobj\n");

	/* the file again: cairo's header, every object as it was or
	 * rewritten, the new ones, a new table */
	offs = av_xcalloc((size_t)rw.size, sizeof *offs);
	av_buf_add(&out, data, f.offs[order[0]]);
	for (i = 0; i < norder; i++) {
		size_t s = f.offs[order[i]], e = i + 1 < norder ? f.offs[order[i + 1]] : (size_t)prevxref;
		offs[order[i]] = out.len;
		if (rw.obj[order[i]] != NULL)
			av_buf_add(&out, rw.obj[order[i]]->data, rw.obj[order[i]]->len);
		else
			av_buf_add(&out, data + s, e - s);
	}
	offs[xmp_num] = out.len;
	av_buf_add(&out, rw.obj[xmp_num]->data, rw.obj[xmp_num]->len);

	/* /ID from the content */
	md5 = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(md5, (const guchar *)out.data, (gssize)out.len);
	g_checksum_get_digest(md5, digest, &dlen);
	g_checksum_free(md5);

	xref = out.len;
	av_buf_printf(&out, "xref\n0 %ld\n", rw.size);
	xref_entry(&out, 0, 0);
	for (num = 1; num < rw.size; num++)
		xref_entry(&out, offs[num], offs[num] > 0);
	av_buf_printf(&out, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", rw.size, root);
	if (info > 0)
		av_buf_printf(&out, "   /Info %ld 0 R\n", info);
	av_buf_adds(&out, "   /ID [<");
	for (i = 0; i < 16; i++)
		av_buf_printf(&out, "%02x", digest[i]);
	av_buf_adds(&out, "> <");
	for (i = 0; i < 16; i++)
		av_buf_printf(&out, "%02x", digest[i]);
	av_buf_printf(&out, ">]\n>>\nstartxref\n%zu\n%%%%EOF\n", xref);
	av_buf_free(pdf);
	*pdf = out;
	memset(&out, 0, sizeof out);
	rc = 0;
out:
	for (num = 0; rw.obj && num < rw.size; num++)
		if (rw.obj[num]) {
			av_buf_free(rw.obj[num]);
			free(rw.obj[num]);
		}
	free(rw.obj);
	free(offs);
	free(order);
	free(f.offs);
	free(f.ds);
	free(f.de);
	free(f.dstate);
	av_buf_free(&out);
	return rc;
}
