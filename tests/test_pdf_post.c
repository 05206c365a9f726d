/* test_pdf_post.c -- the rewrite after cairo: /Lang, XMP, /ID, /Alt, dates, artifacts, compressed streams; valid for qpdf, deterministic. */
#include "config.h"

#include <cairo-pdf.h>
#include <criterion/criterion.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"
#include "harness.h"
#include "pdf_post.h"
#include "util.h"

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	av_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A small tagged PDF with two figures, as cairo writes it. */
static void
make_pdf(struct av_buf *b, const char *date)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, b, 200, 200);
	cairo_t *cr = cairo_create(s);
	int i;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Roller och ansvar");
	if (date)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_tag_begin(cr, "Document", NULL);
	for (i = 0; i < 2; i++) {
		cairo_tag_begin(cr, "Figure", NULL);
		cairo_rectangle(cr, 10 + 50 * i, 10, 40, 40);
		cairo_fill(cr);
		cairo_tag_end(cr, "Figure");
	}
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

static char *
write_tmp(const char *name, const struct av_buf *b)
{
	char *rel = av_xasprintf("tests/tmp/pdf_post/%s", name), *p = th_build(rel);
	char *dir = av_dirname(p);
	free(rel);
	av_mkdir_p(dir);
	free(dir);
	cr_assert_eq(av_write_atomic(p, b->data, b->len), 0);
	return p;
}

Test(pdf_post, catalog_xmp_id_alt)
{
	struct av_buf b = {0};
	struct av_pdf_post o;
	static const char *const alts[] = { "Organisationsbild", "Diagram \xc3\xb6ver roller" };
	char *err = NULL, *path, *out = NULL, *q = NULL;

	make_pdf(&b, "2013-05-27T00:00:00Z");
	memset(&o, 0, sizeof o);
	o.meta.title = "Roller och ansvar";
	o.meta.author = "L\xc3\xa4nsstyrgruppen";
	o.meta.lang = "sv";
	o.meta.create_date = "2013-05-27T00:00:00Z";
	o.meta.creator_tool = "ansvar test";
	o.figure_alt = alts;
	o.nfigure_alt = 2;
	cr_assert_eq(av_pdf_post(&b, &o, &err), 0, "%s", err ? err : "");
	path = write_tmp("post.pdf", &b);
	q = th_shquote(path);
	cr_expect_eq(th_sh(&out, NULL, "qpdf --check %s", q), 0, "%s", out);
	cr_expect(strstr(out, "WARNING") == NULL, "%s", out);
	free(out);
	th_sh(&out, NULL, "qpdf --qdf --object-streams=disable %s - | tr -d '\\000'", q);
	cr_expect(strstr(out, "/Lang (sv)") != NULL);
	cr_expect(strstr(out, "/Type /Metadata") != NULL && strstr(out, "<xmp:CreateDate>2013-05-27T00:00:00Z") != NULL);
	cr_expect(strstr(out, "<dc:creator><rdf:Seq><rdf:li>L\xc3\xa4nsstyrgruppen") != NULL);
	cr_expect(strstr(out, "/Alt (Organisationsbild)") != NULL);
	cr_expect(strstr(out, "/Alt <feff00440069") != NULL, "non-ASCII text as UTF-16");
	cr_expect(strstr(out, "/ID [") != NULL);
	free(out);
	free(q);
	free(path);
	av_buf_free(&b);
}

Test(pdf_post, deterministic_and_no_clock_date)
{
	struct av_buf a = {0}, b = {0};
	struct av_pdf_post o;
	char *err = NULL;
	make_pdf(&a, NULL);
	cr_assert(memmem(a.data, a.len, "/CreationDate (D:", 17) != NULL, "cairo 1.16 writes the clock by default");
	memset(&o, 0, sizeof o);
	o.strip_dates = 1;
	cr_assert_eq(av_pdf_post(&a, &o, &err), 0);
	cr_expect(memmem(a.data, a.len, "/CreationDate", 13) == NULL, "the clock date is gone");
	/* a second run, a second later at worst, gives the same bytes */
	make_pdf(&b, NULL);
	cr_assert_eq(av_pdf_post(&b, &o, &err), 0);
	cr_expect(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "same bytes");
	av_buf_free(&a);
	av_buf_free(&b);
}

Test(pdf_post, refuses_what_it_does_not_understand)
{
	struct av_buf b = {0};
	struct av_pdf_post o;
	char *err = NULL;
	memset(&o, 0, sizeof o);
	av_buf_adds(&b, "%PDF-1.5\nnot really a pdf at all, no trailer here\n");
	cr_expect_eq(av_pdf_post(&b, &o, &err), -1);
	cr_expect_not_null(err);
	cr_expect(strstr(b.data, "not really") != NULL && b.len < 60, "left unchanged");
	free(err);
	av_buf_free(&b);
}

Test(pdf_post, text_strings)
{
	struct av_buf b = {0};
	av_pdf_text_string(&b, "plain");
	av_pdf_text_string(&b, "(x)");
	av_pdf_text_string(&b, "\xc3\xa5");
	cr_expect_str_eq(b.data, "(plain)<FEFF002800780029><FEFF00E5>");
	av_buf_free(&b);
}

/* Two pages, each with a header and a rule outside the structure
 * (Document is not a leaf), then a tagged paragraph; with `raw`, cairo
 * told to leave its streams uncompressed (as av_fonts_init() does). */
static void
make_artifact_pdf(struct av_buf *b, int raw)
{
	cairo_surface_t *s;
	cairo_t *cr;
	int page;

	if (raw)
		setenv("CAIRO_DEBUG_PDF", "1", 1);
	s = cairo_pdf_surface_create_for_stream(to_buf, b, 200, 200);
	if (raw)
		unsetenv("CAIRO_DEBUG_PDF");
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", NULL);
	for (page = 0; page < 2; page++) {
		cairo_move_to(cr, 10, 20);
		cairo_show_text(cr, "Sidhuvud");
		cairo_rectangle(cr, 10, 25, 100, 1);
		cairo_fill(cr);
		cairo_tag_begin(cr, "P", NULL);
		cairo_move_to(cr, 10, 60);
		cairo_show_text(cr, "Stycke");
		cairo_tag_end(cr, "P");
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

Test(pdf_post, untagged_content_becomes_artifacts)
{
	struct av_buf b = {0};
	struct av_pdf_post o;
	char *err = NULL, *path, *out = NULL, *q;
	const char *art, *p, *h;
	int page;

	make_artifact_pdf(&b, 0);
	memset(&o, 0, sizeof o);
	o.mark_artifacts = 1;
	cr_assert_eq(av_pdf_post(&b, &o, &err), 0, "%s", err);
	path = write_tmp("artifacts.pdf", &b);
	q = th_shquote(path);
	cr_expect_eq(th_sh(&out, NULL, "qpdf --check %s", q), 0, "%s", out);
	free(out);
	out = NULL;
	th_sh(&out, NULL, "qpdf --qdf --object-streams=disable %s - | tr -d '\\000'", q);
	cr_assert_not_null(out);
	/* page 1 and page 2: the header text and the rule in an artifact,
	 * the paragraph still in its marked content */
	for (p = out, page = 0; page < 2; page++) {
		art = strstr(p, "/Artifact BMC");
		h = strstr(p, "(Sidhuvud)Tj");
		cr_assert(art && h && art < h, "page %d: the header is inside an artifact", page + 1);
		cr_expect(strstr(art, " re") && strstr(art, " re") < strstr(art, "EMC"), "the rule too");
		p = strstr(h, "/P << /MCID");
		cr_assert_not_null(p, "the paragraph stays tagged");
		cr_expect(strstr(p, "(Stycke)Tj") != NULL);
	}
	free(out);
	free(q);
	free(path);
	av_buf_free(&b);
}

/* cairo told to leave its streams uncompressed (as av_fonts_init() does):
 * each stream comes out compressed, the page content with its artifacts
 * marked, and every object once (a rewrite, not an update). */
Test(pdf_post, uncompressed_streams_compressed_once)
{
	struct av_buf b = {0};
	struct av_pdf_post o;
	char *err = NULL, *path, *out = NULL, *q, *qdf = NULL;
	const char *p;
	int streams = 0, flate = 0;
	long num;

	make_artifact_pdf(&b, 1);
	cr_assert(memmem(b.data, b.len, "(Stycke)Tj", 10) != NULL, "cairo wrote the page content uncompressed");

	memset(&o, 0, sizeof o);
	o.mark_artifacts = 1;
	cr_assert_eq(av_pdf_post(&b, &o, &err), 0, "%s", err);
	cr_expect(memmem(b.data, b.len, "(Stycke)Tj", 10) == NULL, "no stream is left uncompressed");
	cr_expect(memmem(b.data, b.len, "/Prev", 5) == NULL, "not an incremental update");
	for (p = b.data; (p = memmem(p, b.len - (size_t)(p - b.data), "\nstream\n", 8)) != NULL; p += 8)
		streams++;
	for (p = b.data; (p = memmem(p, b.len - (size_t)(p - b.data), "/Filter /FlateDecode", 20)) != NULL; p += 20)
		flate++;
	cr_expect_eq(streams, flate + 1, "every stream but the XMP metadata compressed (%d streams, %d compressed)",
	    streams, flate);
	/* each object defined once */
	for (num = 1; num < 100; num++) {
		char pat[32];
		int n = 0;
		snprintf(pat, sizeof pat, "\n%ld 0 obj", num);
		for (p = b.data; (p = memmem(p, b.len - (size_t)(p - b.data), pat, strlen(pat))) != NULL; p++)
			n++;
		cr_expect(n <= 1, "object %ld written %d times", num, n);
	}
	path = write_tmp("uncompressed.pdf", &b);
	q = th_shquote(path);
	cr_expect_eq(th_sh(&out, NULL, "qpdf --check %s", q), 0, "%s", out);
	cr_expect(strstr(out, "WARNING") == NULL, "%s", out);
	th_sh(&qdf, NULL, "qpdf --qdf --object-streams=disable %s - | tr -d '\\000'", q);
	cr_assert_not_null(qdf);
	p = strstr(qdf, "/Artifact BMC");
	cr_expect(p && strstr(p, " re") && strstr(p, " re") < strstr(p, "EMC"), "the rule is an artifact");
	cr_expect(strstr(qdf, "/P << /MCID") && strstr(qdf, "(Stycke)Tj"), "the paragraph stays tagged");
	free(qdf);
	free(out);
	free(q);
	free(path);
	av_buf_free(&b);
}

/* The number of streams holding a zlib stream that starts with a stored
 * block (deflated at level 0). */
static int
stored_streams(const struct av_buf *b)
{
	const char *p = b->data;
	int n = 0;
	while ((p = memmem(p, b->len - (size_t)(p - b->data), "stream\n", 7)) != NULL) {
		const unsigned char *u = (const unsigned char *)p + 7;
		p += 7;
		if ((size_t)((const char *)u - b->data) + 3 <= b->len && u[0] == 0x78 && u[1] == 0x01 && ((u[2] >> 1) & 3) == 0)
			n++;
	}
	return n;
}

/* With the program's deflateInit_ (cairo_deflate.c, linked into this
 * test too) cairo stores its font subsets instead of compressing them;
 * av_pdf_post() compresses them: none stays stored, the file is valid
 * and smaller, and its text is there. */
Test(pdf_post, stored_font_subsets_compressed)
{
	struct av_buf b = {0};
	struct av_pdf_post o;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &b, 500, 200);
	cairo_t *cr = cairo_create(s);
	char *err = NULL, *path, *out = NULL, *q;
	size_t before;

	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 14);
	cairo_move_to(cr, 20, 50);
	cairo_show_text(cr, "Styrgruppen beslutar om mål och budget");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	cr_assert_gt(stored_streams(&b), 0, "cairo stored its font subset (deflateInit_ at level 0)");
	before = b.len;

	memset(&o, 0, sizeof o);
	cr_assert_eq(av_pdf_post(&b, &o, &err), 0, "%s", err);
	cr_expect_eq(stored_streams(&b), 0, "no stream left stored");
	cr_expect_lt(b.len, before, "compressed: %zu bytes, %zu before", b.len, before);
	path = write_tmp("stored-fonts.pdf", &b);
	q = th_shquote(path);
	cr_expect_eq(th_sh(&out, NULL, "qpdf --check %s", q), 0, "%s", out);
	free(out);
	out = th_pdftotext(path);
	cr_expect(out && strstr(out, "Styrgruppen beslutar om mål och budget"), "the text: %s", out);
	free(out);
	free(q);
	free(path);
	av_buf_free(&b);
}

/* av_deflate() (the PDFs' streams) gives the same
 * bytes for the same input whatever the buffer it is handed already
 * holds (a deflater may cut its blocks by the room each call has),
 * whatever lies after the input and in the memory it is given, and the
 * bytes inflate back with zlib. */
Test(pdf_post, deflate_same_bytes_whatever_the_buffer)
{
	static const size_t sizes[] = { 0, 1, 358, 1023, 70000, 3000000 };
	size_t i, j, caps[] = { 0, 100, 1000, 600000, 5000000 };
	guint32 seed = 99;
	for (i = 0; i < G_N_ELEMENTS(sizes); i++) {
		size_t n = sizes[i];
		unsigned char *in = malloc(n + 64), *back = malloc(n + 1);
		struct av_buf first = {0};
		uLongf blen = (uLongf)n + 1;
		for (j = 0; j < n; j++) {
			/* mostly runs, some noise */
			seed = seed * 1103515245u + 12345u;
			in[j] = (seed >> 24) < 40 ? (unsigned char)(seed >> 16) : (unsigned char)(j / 700);
		}
		memset(in + n, 0, 64);
		av_deflate(in, n, &first);
		cr_assert_eq(uncompress(back, &blen, (const Bytef *)first.data, (uLong)first.len), Z_OK,
		    "%zu bytes inflate", n);
		cr_expect(blen == n && memcmp(back, in, n) == 0, "%zu bytes come back", n);
		for (j = 0; j < G_N_ELEMENTS(caps); j++) {
			struct av_buf b = {0};
			void *dirty = malloc(1 << 20);
			memset(dirty, (int)(j * 53 + 1), 1 << 20);
			free(dirty);
			memset(in + n, (int)(j * 29 + 7), 64);
			if (caps[j]) {
				b.data = malloc(caps[j]);
				memset(b.data, (int)j * 37, caps[j]);
				b.cap = caps[j];
				b.len = caps[j] / 2;
			}
			av_deflate(in, n, &b);
			cr_expect(b.len == first.len && memcmp(b.data, first.data, b.len) == 0,
			    "%zu bytes into a buffer of %zu: %zu bytes against %zu", n, caps[j], b.len, first.len);
			av_buf_free(&b);
		}
		av_buf_free(&first);
		free(in);
		free(back);
	}
}
