/* test_fo.c -- the XSL-FO formatter: conformance fixtures (layout dumps, diagnostics, PDF checks), links, citations, keeps, foreign objects, FOP. */
#include "config.h"

#include <criterion/criterion.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "fonts.h"
#include "harness.h"
#include "hyphenate.h"
#include "util.h"

static char *
fixture(const char *name)
{
	char *rel = av_xasprintf("tests/fo/%s", name);
	char *p = th_src(rel);
	free(rel);
	return p;
}

/* Renders tests/fo/NAME.fo with the command (run in the fixture
 * directory so messages name the file alone); returns the PDF path. */
static char *
render(const char *name, const char *env, int *rc, char **err)
{
	char *dir = fixture(""), *out = th_build("tests/tmp/fo");
	/* Criterion runs tests in parallel: each test its own file, as two
	 * tests render the same fixture */
	char *pdf = av_xasprintf("%s/%s-%s.pdf", out, criterion_current_test->name, name);
	av_mkdir_p(out);
	remove(pdf);
	*rc = th_sh(NULL, err, "cd '%s' && %s '%s' fo -o '%s' '%s.fo'", dir,
	    getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "", th_bin(), pdf, name);
	(void)env;
	free(dir);
	free(out);
	return pdf;
}

/* The texts of the dump's lines, in order. */
static char **
dump_lines(const char *dump, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	const char *p = dump;
	*n = 0;
	while ((p = strstr(p, "line ")) != NULL) {
		const char *q = strchr(p, '"'), *e;
		if (q == NULL)
			break;
		e = strchr(q + 1, '\n');
		while (e && e > q && e[-1] != '"')
			e--;
		if (e == NULL || e <= q + 1)
			break;
		v = av_xgrow(v, &cap, *n + 2, sizeof *v);
		v[(*n)++] = av_xstrndup(q + 1, (size_t)(e - q - 2));
		p = e;
	}
	v = av_xgrow(v, &cap, *n + 1, sizeof *v);
	v[*n] = NULL;
	return v;
}

/* Every line and box of the dump lies inside the area of its page it
 * belongs to (body, before, after). */
static void
check_inside(const char *name, const char *dump)
{
	char **lines = g_strsplit(dump, "\n", -1), **l;
	double ax = 0, ay = 0, aw = 0, ah = 0;
	for (l = lines; *l; l++) {
		const char *s = *l;
		double x, y, w, h;
		char what[32];
		while (*s == ' ')
			s++;
		if (sscanf(s, "%31s %lf,%lf %lfx%lf", what, &x, &y, &w, &h) != 5)
			continue;
		if (strcmp(what, "body") == 0 || strcmp(what, "before") == 0 || strcmp(what, "after") == 0) {
			ax = x;
			ay = y;
			aw = w;
			ah = h;
			continue;
		}
		if (strcmp(what, "line") != 0 && strcmp(what, "row") != 0 && strcmp(what, "header-row") != 0 &&
		    strcmp(what, "foreign") != 0)
			continue;
		cr_expect(x >= ax - 0.01 && x + w <= ax + aw + 0.01,
		    "%s: '%s' lies outside its area horizontally (%.2f..%.2f)", name, s, ax, ax + aw);
		cr_expect(y >= ay - 0.01 && y + h <= ay + ah + 0.01,
		    "%s: '%s' lies outside its area vertically (%.2f..%.2f)", name, s, ay, ay + ah);
	}
	g_strfreev(lines);
}

/* No page ends with an item that must be kept with the next (a heading,
 * a widow or orphan line, a kept-together block), unless the page is
 * forced to end there by a break. */
static void
check_keeps(const char *name, const char *dump)
{
	char **lines = g_strsplit(dump, "\n", -1);
	size_t i, last = (size_t)-1;
	for (i = 0; lines[i]; i++) {
		if (strncmp(lines[i], "page ", 5) == 0 || lines[i][0] == '\0' || strncmp(lines[i], "  before", 8) == 0 ||
		    strncmp(lines[i], "  after", 7) == 0) {
			if (last != (size_t)-1 && lines[i][0] != '\0' && strncmp(lines[i], "page ", 5) == 0)
				cr_expect(strstr(lines[last], "keep=1000") == NULL && strstr(lines[last], "keep=999") == NULL,
				    "%s: a page ends with an item kept with the next: %s", name, lines[last]);
			last = (size_t)-1;
			if (strncmp(lines[i], "  before", 8) == 0 || strncmp(lines[i], "  after", 7) == 0) {
				/* skip the static content up to the next page */
				while (lines[i + 1] && strncmp(lines[i + 1], "page ", 5) != 0)
					i++;
			}
			continue;
		}
		if (strncmp(lines[i], "    ", 4) == 0 && lines[i][4] != ' ')
			last = i;
	}
	g_strfreev(lines);
}

static int
count_pages(const char *dump)
{
	int n = 0;
	const char *p = dump;
	if (strncmp(p, "page ", 5) == 0)
		n++;
	while ((p = strstr(p, "\npage ")) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Text shown outside marked content in the page content streams of a
 * `qpdf --qdf` dump (one operator or a few per line): what is neither in
 * a structure element nor an artifact. */
static int
untagged_text(const char *qdf)
{
	char **lines = g_strsplit(qdf ? qdf : "", "\n", -1), **l;
	int depth = 0, in_stream = 0, bad = 0;
	for (l = lines; *l; l++) {
		char **tok, **t;
		if (strncmp(*l, "%% Contents for page", 20) == 0) {
			in_stream = 1;
			depth = 0;
			continue;
		}
		if (strcmp(*l, "endstream") == 0) {
			in_stream = 0;
			continue;
		}
		if (!in_stream)
			continue;
		tok = g_strsplit_set(*l, " \t", -1);
		for (t = tok; *t; t++) {
			size_t n = strlen(*t);
			if (strcmp(*t, "BDC") == 0 || strcmp(*t, "BMC") == 0)
				depth++;
			else if (strcmp(*t, "EMC") == 0)
				depth--;
			else if (depth == 0 && n >= 2 && (strcmp(*t + n - 2, "Tj") == 0 || strcmp(*t + n - 2, "TJ") == 0))
				bad++;
		}
		g_strfreev(tok);
	}
	g_strfreev(lines);
	return bad;
}

static char *qdf(const char *pdf);

/* Built with --enable-asan: fontconfig's one configuration per process
 * is not a leak of ours (tests/lsan.supp says why), in this process and
 * in the ansvar it starts. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static void
suite_init(void)
{
	char *supp = av_xasprintf("suppressions=%s/tests/lsan.supp:print_suppressions=0", th_srcdir());
	setenv("LSAN_OPTIONS", supp, 1);
	free(supp);
}

TestSuite(fo, .timeout = 120, .init = suite_init);

Test(fo, conformance, .timeout = 1800)
{
	char *dir = fixture("");
	char **names = th_list(dir, ".fo"), **n;
	cr_assert_not_null(names[0], "fixtures in tests/fo");
	for (n = names; *n; n++) {
		char *base = av_xstrndup(*n, strlen(*n) - 3);
		char *out = NULL, *err = NULL, *exp_dump, *exp_diag, *pdf, *perr = NULL;
		int rc, prc, bad = strncmp(base, "bad-", 4) == 0;

		rc = th_sh(&out, &err, "cd '%s' && %s '%s' fo --dump=layout '%s' 2>&1 >/dev/null | grep -v '^Fontconfig' >&2; "
		    "%s '%s' fo --dump=layout '%s' 2>/dev/null", dir, getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "",
		    th_bin(), *n, getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "", th_bin(), *n);
		exp_dump = av_xasprintf("%s/%s.dump", dir, base);
		exp_diag = av_xasprintf("%s/%s.diag", dir, base);
		cr_expect(th_matches_file(exp_diag, err), "%s: diagnostics as in %s.diag", *n, base);
		if (bad) {
			cr_expect_neq(rc, 0, "%s: malformed FO is an error", *n);
			pdf = render(base, NULL, &prc, &perr);
			cr_expect_eq(prc, 1, "%s: exit status 1", *n);
			cr_expect(!av_file_exists(pdf), "%s: no output file for malformed FO", *n);
			cr_expect(strstr(perr, "error:") != NULL && strstr(perr, ".fo:") != NULL, "%s: error with its line: %s", *n, perr);
		} else {
			size_t nl, i;
			char **lines, *text, *q, *qout = NULL, *fonts = NULL;
			const char *missing = NULL;
			cr_expect_eq(rc, 0, "%s: dumps", *n);
			cr_expect(th_matches_file(exp_dump, out), "%s: layout as in %s.dump", *n, base);
			check_inside(*n, out);
			check_keeps(*n, out);
			pdf = render(base, NULL, &prc, &perr);
			cr_expect_eq(prc, 0, "%s: renders: %s", *n, perr);
			cr_expect_eq(th_pdf_pages(pdf), count_pages(out), "%s: page count of the PDF and the layout", *n);
			text = th_pdftotext(pdf);
			lines = dump_lines(out, &nl);
			/* every line's text is in the PDF (reading order of
			 * tables and static content is pdftotext's own); an
			 * object's placeholder splits a line */
			for (i = 0; i < nl; i++) {
				/* U+2603 has no glyph in unsupported.fo */
				char *t = th_replace(lines[i], "\xe2\x98\x83", "[obj]");
				char **parts = g_strsplit(t, "[obj]", -1), **pt;
				free(t);
				for (pt = parts; *pt; pt++) {
					const char *one[2] = { *pt, NULL };
					cr_expect(text && th_in_order(text, one, &missing), "%s: PDF text lacks '%s'", *n, *pt);
				}
				g_strfreev(parts);
			}
			q = th_shquote(pdf);
			{
				char *d = qdf(pdf);
				cr_expect_eq(untagged_text(d), 0, "%s: all text is in the structure or an artifact", *n);
				free(d);
			}
			cr_expect_eq(th_sh(&qout, NULL, "qpdf --check %s", q), 0, "%s: qpdf --check: %s", *n, qout);
			cr_expect(qout && strstr(qout, "WARNING") == NULL, "%s: qpdf warnings: %s", *n, qout);
			th_sh(&fonts, NULL, "pdffonts %s | tail -n +3 | awk '{print $(NF-4)}' | sort -u", q);
			cr_expect(fonts && (fonts[0] == '\0' || strcmp(fonts, "yes\n") == 0), "%s: every font embedded", *n);
			free(fonts);
			free(qout);
			free(q);
			free(text);
			av_strv_free(lines);
		}
		free(perr);
		free(pdf);
		free(exp_dump);
		free(exp_diag);
		free(out);
		free(err);
		free(base);
	}
	th_strv_free(names);
	free(dir);
}

static char *
qdf(const char *pdf)
{
	char *out = NULL, *q = th_shquote(pdf);
	/* NUL bytes of binary streams would end the string early */
	th_sh(&out, NULL, "qpdf --qdf --object-streams=disable %s - | tr -d '\\000'", q);
	free(q);
	return out;
}

static size_t
occurrences(const char *s, const char *what)
{
	size_t n = 0;
	while (s && (s = strstr(s, what)) != NULL) {
		n++;
		s++;
	}
	return n;
}

Test(fo, links_destinations_bookmarks_metadata)
{
	int rc;
	char *err = NULL, *pdf, *q, *info;
	unsetenv("SOURCE_DATE_EPOCH");
	pdf = render("links", NULL, &rc, &err);
	cr_assert_eq(rc, 0, "%s", err);
	q = qdf(pdf);
	cr_assert_not_null(q);
	cr_expect_geq(occurrences(q, "/Subtype /Link"), 3, "internal and external link annotations");
	cr_expect(strstr(q, "/URI (https://example.org/it's)") != NULL, "external link with a quote: %s", q);
	cr_expect(strstr(q, "(projektledare)") != NULL && strstr(q, "(projektagare)") != NULL &&
	    strstr(q, "(ansvar)") != NULL, "named destinations for the ids");
	cr_expect(strstr(q, "/Outlines") != NULL && strstr(q, "/Title (Ansvar)") != NULL, "nested bookmarks");
	cr_expect(strstr(q, "/Lang (sv)") != NULL, "document language");
	cr_expect(strstr(q, "/S /H1") != NULL && strstr(q, "/S /H2") != NULL && strstr(q, "/S /P") != NULL &&
	    strstr(q, "/S /Link") != NULL, "structure tags from role and blocks");
	cr_expect(strstr(q, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Roller och ansvar") != NULL, "XMP title");
	cr_expect(strstr(q, "/ID [") != NULL, "/ID in the trailer");
	info = th_pdfinfo(pdf);
	cr_expect(strstr(info, "Title:           Roller och ansvar") != NULL, "%s", info);
	cr_expect(strstr(info, "Author:          L\xc3\xa4nsstyrgruppen") != NULL, "%s", info);
	cr_expect(strstr(info, "Subject:         L\xc3\xa4nsgemensamma") != NULL, "%s", info);
	cr_expect(strstr(info, "Keywords:        roller, ansvar") != NULL, "%s", info);
	cr_expect(strstr(info, "Creator:         ansvar " PACKAGE_VERSION) != NULL, "%s", info);
	cr_expect(strstr(info, "CreationDate:    2013-05-27T00:00:00Z") != NULL, "%s", info);
	cr_expect(strstr(info, "Tagged:          yes") != NULL, "%s", info);
	free(info);
	free(q);
	free(pdf);
	free(err);
}

Test(fo, no_clock_date_and_source_date_epoch)
{
	int rc;
	char *err = NULL, *pdf, *info, *q;
	unsetenv("SOURCE_DATE_EPOCH");
	pdf = render("blocks", NULL, &rc, &err);
	info = th_pdfinfo(pdf);
	cr_expect(strstr(info, "CreationDate") == NULL, "no date in the FO: none in the PDF: %s", info);
	q = qdf(pdf);
	cr_expect(strstr(q, "/CreationDate") == NULL && strstr(q, "/ModDate") == NULL, "no clock date left");
	free(q);
	free(info);
	free(pdf);
	free(err);
	setenv("SOURCE_DATE_EPOCH", "1300000000", 1);
	pdf = render("links", NULL, &rc, &err);
	info = th_pdfinfo(pdf);
	cr_expect(strstr(info, "CreationDate:    2011-03-13T07:06:40Z") != NULL, "SOURCE_DATE_EPOCH wins: %s", info);
	unsetenv("SOURCE_DATE_EPOCH");
	free(info);
	free(pdf);
	free(err);
}

Test(fo, byte_identical_and_decimal_comma_locale)
{
	static const char *const names[] = { "links", "tables", "page-numbers", "graphics", NULL };
	const char *const *n;
	char *dir = fixture(""), *tmp = th_tmpdir("fo-identical");
	for (n = names; *n; n++) {
		char *a = NULL, *b = NULL, *c = NULL;
		int r1 = th_sh(NULL, NULL, "cd '%s' && %s '%s' fo -o '%s/%s-1.pdf' %s.fo", dir,
		    getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "", th_bin(), tmp, *n, *n);
		int r2 = th_sh(NULL, NULL, "cd '%s' && %s '%s' fo -o '%s/%s-2.pdf' %s.fo", dir,
		    getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "", th_bin(), tmp, *n, *n);
		int r3 = th_sh(NULL, NULL, "cd '%s' && LC_ALL=sv_SE.UTF-8 %s '%s' fo -o '%s/%s-3.pdf' %s.fo", dir,
		    getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "", th_bin(), tmp, *n, *n);
		cr_expect(r1 == 0 && r2 == 0 && r3 == 0, "%s renders", *n);
		th_sh(&a, NULL, "cmp '%s/%s-1.pdf' '%s/%s-2.pdf' && echo same", tmp, *n, tmp, *n);
		th_sh(&b, NULL, "cmp '%s/%s-1.pdf' '%s/%s-3.pdf' && echo same", tmp, *n, tmp, *n);
		th_sh(&c, NULL, "qpdf --check '%s/%s-3.pdf' >/dev/null && echo ok", tmp, *n);
		cr_expect(a && strstr(a, "same"), "%s: a rerun gives the same bytes", *n);
		cr_expect(b && strstr(b, "same"), "%s: LC_ALL=sv_SE.UTF-8 gives the same bytes", *n);
		cr_expect(c && strstr(c, "ok"), "%s: valid under sv_SE", *n);
		free(a);
		free(b);
		free(c);
	}
	free(tmp);
	free(dir);
}

Test(fo, page_number_citations_and_labels)
{
	int rc, pages, i;
	char *err = NULL, *pdf, *q;
	pdf = render("page-numbers", NULL, &rc, &err);
	cr_assert_eq(rc, 0, "%s", err);
	pages = th_pdf_pages(pdf);
	cr_assert_geq(pages, 4);
	/* the first sequence starts at page 3 and ends two pages before the end */
	for (i = 1; i <= pages - 2; i++) {
		char *t = th_pdftotext_page(pdf, i);
		char *want = av_xasprintf("Sida %d av %d", i + 2, pages);
		cr_expect(strstr(t, want) != NULL, "page %d reads '%s': %s", i, want, t);
		free(want);
		free(t);
	}
	{
		char *t = th_pdftotext_page(pdf, pages);
		char *want = av_xasprintf("hänvisar till sidan %d och sidan ii", pages);
		cr_expect(strstr(t, want) != NULL, "citation and roman page number: %s", t);
		cr_expect(strstr(t, "Bilaga 3 – sida ii") != NULL, "%s", t);
		free(want);
		free(t);
	}
	q = qdf(pdf);
	cr_expect(strstr(q, "/PageLabels") != NULL && strstr(q, "(Bilaga 3-i)") != NULL && strstr(q, "(Bilaga 3-ii)") != NULL &&
	    strstr(q, "/St 3") != NULL, "page labels, with the appendix prefix");
	free(q);
	free(pdf);
	free(err);
}

Test(fo, heading_kept_and_headers_repeated)
{
	char *out = NULL, *dir = fixture("");
	const char *h, *next, *p;
	th_sh(&out, NULL, "cd '%s' && '%s' fo --dump=layout keeps.fo 2>/dev/null", dir, th_bin());
	h = strstr(out, "\"Rubrik som aldrig st\xc3\xa5r sist\"");
	cr_assert_not_null(h);
	next = strchr(h, '\n') + 1;
	cr_expect(strncmp(next, "    line", 8) == 0, "the heading is followed on its page by text: %.60s", next);
	free(out);
	out = NULL;
	th_sh(&out, NULL, "cd '%s' && '%s' fo --dump=layout tables.fo 2>/dev/null", dir, th_bin());
	/* every page with body rows of the first table starts them with the header row */
	for (p = out; (p = strstr(p, "\npage ")) != NULL || p == NULL; ) {
		const char *row, *end;
		if (p == NULL)
			break;
		p++;
		end = strstr(p, "\npage ");
		row = strstr(p, " row ");
		if (row && (end == NULL || row < end) && strstr(p, "Rad ") && strstr(p, "Rad ") < (end ? end : p + strlen(p))) {
			const char *hdr = strstr(p, "header-row");
			cr_expect(hdr && hdr < row, "a continued table page repeats its header row");
		}
	}
	free(out);
	free(dir);
}

/* ---- foreign objects through a test handler ---- */

struct boxes {
	int n;
	double w, h;
	char *target;
};

static void *
boxes_prepare(xmlNode *el, const char *file, const char *lang, double max_w, double max_h, double *w,
    double *h, struct av_diags *d)
{
	struct boxes *b = av_xcalloc(1, sizeof *b);
	xmlChar *n = xmlGetProp(el, (const xmlChar *)"n"), *t = xmlGetProp(el, (const xmlChar *)"target");
	double s;
	(void)file; (void)lang; (void)d;
	b->n = n ? atoi((const char *)n) : 1;
	b->target = t ? av_xstrdup((const char *)t) : NULL;
	xmlFree(n);
	xmlFree(t);
	/* 4:3, as large as allowed */
	s = fmin(max_w / 400, max_h / 300);
	b->w = *w = 400 * s;
	b->h = *h = 300 * s;
	return b;
}

static void
boxes_draw(void *obj, cairo_t *cr)
{
	struct boxes *b = obj;
	int i;
	for (i = 0; i < b->n; i++) {
		cairo_rectangle(cr, i * b->w / b->n + 2, 2, b->w / b->n - 4, b->h - 4);
		cairo_set_source_rgb(cr, 0, 0.45, 0.7);
		cairo_fill(cr);
	}
}

static size_t boxes_nlinks(void *obj) { return ((struct boxes *)obj)->target ? 1 : 0; }

static const char *
boxes_link(void *obj, size_t i, double *x, double *y, double *w, double *h)
{
	struct boxes *b = obj;
	(void)i;
	*x = 2;
	*y = 2;
	*w = b->w / b->n - 4;
	*h = b->h - 4;
	return b->target;
}

static char *boxes_alt(void *obj) { return av_xasprintf("%d boxes", ((struct boxes *)obj)->n); }

static void
boxes_free(void *obj)
{
	struct boxes *b = obj;
	free(b->target);
	free(b);
}

static const struct av_foreign boxes_handler = {
	"urn:ansvar:test", boxes_prepare, boxes_draw, boxes_nlinks, boxes_link, boxes_alt, boxes_free
};

Test(fo, foreign_objects)
{
	char *path = fixture("foreign.fo"), *out, *q, *diags;
	struct av_diags d = {0};
	struct av_buf pdf = {0}, dump = {0};
	struct av_fo_options o;
	xmlDoc *doc;

	cr_assert_eq(av_fonts_init(&d), 0);
	av_fo_register_foreign(&boxes_handler);
	av_fo_options_init(&o);
	doc = av_fo_read(path, &d);
	cr_assert_not_null(doc);
	cr_assert_eq(av_fo_dump(doc, path, &o, AV_FO_DUMP_LAYOUT, &dump, &d), 0);
	/* the first object takes the full width (4:3), the second its content-width */
	cr_expect(strstr(dump.data, "foreign 56.69,") != NULL, "%s", dump.data);
	cr_expect(strstr(dump.data, "481.89x361.42") != NULL, "scaled to the width: %s", dump.data);
	cr_expect(strstr(dump.data, "113.39x85.04") != NULL, "content-width honoured: %s", dump.data);
	av_diags_free(&d);
	cr_assert_eq(av_fo_render(doc, path, &o, &pdf, &d), 0);
	diags = av_diags_format(&d);
	cr_expect(strstr(diags, "no handler for foreign objects of namespace 'urn:okand'") != NULL, "%s", diags);
	cr_expect(strstr(diags, "urn:ansvar:test") == NULL, "%s", diags);
	out = th_build("tests/tmp/fo/foreign-inproc.pdf");
	{
		char *dir = th_build("tests/tmp/fo");
		av_mkdir_p(dir);
		free(dir);
	}
	cr_assert_eq(av_write_atomic(out, pdf.data, pdf.len), 0);
	q = qdf(out);
	cr_expect(strstr(q, "/S /Figure") != NULL, "figures tagged");
	cr_expect(strstr(q, "/Alt (Organisationsbild)") != NULL, "fox:alt-text as /Alt");
	cr_expect(strstr(q, "/Alt (2 boxes)") != NULL, "the handler's alt text otherwise");
	cr_expect_eq(occurrences(q, "/Subtype /Link"), 1, "only the link area whose id exists");
	free(q);
	free(diags);
	free(out);
	av_buf_free(&pdf);
	av_buf_free(&dump);
	av_diags_free(&d);
	xmlFreeDoc(doc);
	free(path);
	av_hyph_shutdown();
	av_fonts_shutdown();
}

static int
cmp_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words of a text (letters and digits; hyphenation joined), sorted:
 * FOP and ansvar hyphenate, draw leaders and order table cells for
 * pdftotext differently, but the same words must be on the pages. */
static char *
words(const char *s)
{
	struct av_buf b = {0};
	const char *p;
	char **v;
	size_t i;
	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isalnum(c)) {
			char u[8];
			av_buf_add(&b, u, (size_t)g_unichar_to_utf8(c, u));
		} else if (c == '-' && p[1] == '\n') {
			p++;            /* a hyphenated word goes on on the next line */
		} else if (b.len && b.data[b.len - 1] != ' ') {
			av_buf_addc(&b, ' ');
		}
	}
	if (b.data == NULL)
		av_buf_adds(&b, "");
	v = g_strsplit(g_strstrip(b.data), " ", -1);
	qsort(v, g_strv_length(v), sizeof *v, cmp_words);
	av_buf_reset(&b);
	for (i = 0; v[i]; i++) {
		av_buf_adds(&b, v[i]);
		av_buf_addc(&b, '\n');
	}
	g_strfreev(v);
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

/* FOP set up with the fonts ansvar ships, under the same family names. */
static void
write_fop_config(const char *tmp)
{
	static const struct {
		const char *file, *style, *weight;
		int serif;
	} faces[] = {
		{ "OpenSans-Regular.ttf", "normal", "normal", 0 }, { "OpenSans-Italic.ttf", "italic", "normal", 0 },
		{ "OpenSans-Bold.ttf", "normal", "bold", 0 }, { "OpenSans-BoldItalic.ttf", "italic", "bold", 0 },
		{ "OpenSans-Semibold.ttf", "normal", "600", 0 }, { "OpenSans-SemiboldItalic.ttf", "italic", "600", 0 },
		{ "NotoSerif-Regular.ttf", "normal", "normal", 1 }, { "NotoSerif-Italic.ttf", "italic", "normal", 1 },
		{ "NotoSerif-Bold.ttf", "normal", "bold", 1 }, { "NotoSerif-BoldItalic.ttf", "italic", "bold", 1 },
	};
	struct av_buf b = {0};
	size_t i;
	char *path = av_xasprintf("%s/fop.xconf", tmp);
	const char *data = getenv("ANSVAR_DATADIR") ? getenv("ANSVAR_DATADIR") : th_srcdir();
	av_buf_printf(&b, "<?xml version=\"1.0\"?>\n<fop version=\"1.0\">\n<font-base>%s/fonts/</font-base>\n"
	    "<renderers><renderer mime=\"application/pdf\"><fonts>\n", data);
	for (i = 0; i < sizeof faces / sizeof faces[0]; i++) {
		const char *const *fam;
		static const char *const sans[] = { "sans-serif", "Open Sans", "Helvetica", "Arial", NULL };
		static const char *const serif[] = { "serif", "Noto Serif", "Times", "Times New Roman", NULL };
		av_buf_printf(&b, "<font kerning=\"yes\" embed-url=\"%s\">", faces[i].file);
		for (fam = faces[i].serif ? serif : sans; *fam; fam++)
			av_buf_printf(&b, "<font-triplet name=\"%s\" style=\"%s\" weight=\"%s\"/>", *fam, faces[i].style,
			    faces[i].weight);
		av_buf_adds(&b, "</font>\n");
	}
	av_buf_adds(&b, "</fonts></renderer></renderers>\n</fop>\n");
	th_write(path, b.data);
	av_buf_free(&b);
	free(path);
}

/* Letters and digits alone, in reading order. */
static char *
words_joined(const char *s)
{
	struct av_buf b = {0};
	const char *p;
	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isalnum(c)) {
			char u[8];
			av_buf_add(&b, u, (size_t)g_unichar_to_utf8(c, u));
		}
	}
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

/* A Java start per fixture: minutes on a loaded machine, hence the time. */
Test(fo, same_pages_and_text_as_fop, .timeout = 1800)
{
	char *dir = fixture(""), **names, **n, *tmp;
	if (th_sh(NULL, NULL, "command -v fop >/dev/null") != 0) {
		cr_log_info("fop is not installed (Debian: fop); skipping the comparison with Apache FOP");
		fprintf(stderr, "SKIP: fop is not installed; the comparison with Apache FOP did not run\n");
		cr_skip_test("fop not installed");
	}
	tmp = th_tmpdir("fo-fop");
	write_fop_config(tmp);
	names = th_list(dir, ".fo");
	for (n = names; *n; n++) {
		char *base = av_xstrndup(*n, strlen(*n) - 3), *a = NULL, *b = NULL, *ta, *tb, *la, *lb;
		int rc;
		/* malformed input, foreign objects FOP cannot draw, glyphs it lacks */
		if (strncmp(base, "bad-", 4) == 0 || strcmp(base, "foreign") == 0 || strcmp(base, "unsupported") == 0) {
			free(base);
			continue;
		}
		/* -r: FOP's strict validation rejects attributes of other
		 * namespaces such as ax:page-label-prefix */
		rc = th_sh(NULL, NULL, "cd '%s' && fop -r -q -c '%s/fop.xconf' -fo %s.fo -pdf '%s/%s-fop.pdf' >/dev/null 2>&1",
		    dir, tmp, base, tmp, base);
		cr_expect_eq(rc, 0, "%s: FOP renders it", *n);
		th_sh(NULL, NULL, "cd '%s' && '%s' fo -o '%s/%s.pdf' %s.fo 2>/dev/null", dir, th_bin(), tmp, base, base);
		a = av_xasprintf("%s/%s-fop.pdf", tmp, base);
		b = av_xasprintf("%s/%s.pdf", tmp, base);
		cr_expect_eq(th_pdf_pages(a), th_pdf_pages(b), "%s: FOP and ansvar give the same page count", *n);
		ta = th_pdftotext(a);
		tb = th_pdftotext(b);
		la = words(ta ? ta : "");
		lb = words(tb ? tb : "");
		if (strcmp(la, lb) != 0) {
			/* words broken differently (long words, URLs): then the
			 * letters in order must agree */
			free(la);
			free(lb);
			la = words_joined(ta ? ta : "");
			lb = words_joined(tb ? tb : "");
		}
		cr_expect_str_eq(la, lb, "%s: same text as FOP", *n);
		free(la);
		free(lb);
		free(ta);
		free(tb);
		free(a);
		free(b);
		free(base);
	}
	th_strv_free(names);
	free(tmp);
	free(dir);
}

Test(fo, table_rows_break_between_pages)
{
	int rc;
	char *err = NULL, *pdf, *p1, *p2, *out = NULL, *dir = fixture("");
	const char *s;
	pdf = render("table-breaks", NULL, &rc, &err);
	cr_assert_eq(rc, 0, "%s", err);
	cr_assert_eq(th_pdf_pages(pdf), 2);
	p1 = th_pdftotext_page(pdf, 1);
	p2 = th_pdftotext_page(pdf, 2);
	/* the long row starts on page 1 and ends on page 2 */
	cr_expect(strstr(p1, "Styrgruppen prioriterar") != NULL, "%s", p1);
	cr_expect(strstr(p2, "registratorer inom en vecka") != NULL, "%s", p2);
	cr_expect(strstr(p1, "registratorer") == NULL, "the end of the row is not on page 1: %s", p1);
	/* the header on both pages, the footer below the table's part on each */
	cr_expect(strstr(p1, "Roll") && strstr(p2, "Roll"), "header row repeated");
	cr_expect(strstr(p1, "Forts\xc3\xa4tter") && strstr(p2, "Forts\xc3\xa4tter"), "footer row repeated");
	/* the row kept together is whole on page 2 */
	cr_expect(strstr(p1, "Den h\xc3\xa4r raden") == NULL && strstr(p2, "rapporterar till styrgruppen") != NULL,
	    "the kept row moves whole: %s", p2);
	/* cells spanning rows take the height of their rows */
	th_sh(&out, NULL, "cd '%s' && '%s' fo --dump=layout table-breaks.fo 2>/dev/null", dir, th_bin());
	s = strstr(out, "rows=3");
	cr_expect(s && strstr(out, "70.87x47.40 rows=3"), "a cell over three rows of 15.80pt: %s", out);
	cr_expect(strstr(out, "row 28.35,43.65 240.94x36.90 part") != NULL, "the rest of the broken row: %s", out);
	/* collapsed borders: half of a 0.5pt border inside the cell (2pt
	 * padding + 0.25); separate: all of it (2 + 0.5) */
	cr_expect(strstr(out, "cell 28.35,155.65 56.69x15.30\n        line 30.60,157.90") != NULL, "collapsed: %s", out);
	cr_expect(strstr(out, "cell 99.21,192.95 85.04x15.80\n        line 101.71,195.45") != NULL, "separate: %s", out);
	free(out);
	free(dir);
	free(p1);
	free(p2);
	free(pdf);
	free(err);
}

/* The structure tree with its text, as poppler reads it. */
static char *
struct_text(const char *pdf)
{
	char *out = NULL, *q = th_shquote(pdf);
	th_sh(&out, NULL, "pdfinfo -struct-text %s", q);
	free(q);
	return out ? out : av_xstrdup("");
}

Test(fo, tagged_structure_across_pages)
{
	int rc;
	char *err = NULL, *pdf, *st, *d, **lines, **l;
	size_t found = 0;

	/* a paragraph across a page break is one P element */
	pdf = render("widows-orphans", NULL, &rc, &err);
	cr_assert_eq(rc, 0, "%s", err);
	st = struct_text(pdf);
	lines = g_strsplit(st, "\n", -1);
	for (l = lines; *l; l++)
		if (strstr(*l, "\"\xc3\x84nnu ett stycke med tre")) {
			/* the P holding it, and all the text under that P */
			char **p = l, **q;
			struct av_buf all = {0};
			size_t ind;
			while (p > lines && strstr(*p, "P (block)") == NULL)
				p--;
			ind = strspn(*p, " ");
			for (q = p + 1; *q && strspn(*q, " ") > ind; q++)
				av_buf_adds(&all, *q);
			found++;
			cr_expect(all.data && strstr(all.data, "l\xc3\xa4nsstyrgruppen f\xc3\xb6ljer den") != NULL,
			    "the paragraph's text from the next page is in the same element: %s", all.data);
			av_buf_free(&all);
		}
	cr_expect_eq(found, 1, "one element for the paragraph across pages: %s", st);
	g_strfreev(lines);
	free(st);
	free(pdf);
	free(err);
	err = NULL;

	/* repeated header rows are not rows of the table again */
	pdf = render("tables", NULL, &rc, &err);
	cr_assert_eq(rc, 0, "%s", err);
	st = struct_text(pdf);
	/* ... and a row broken across pages is two rows, each with all its
	 * cells (row 33 goes on to page 3) */
	cr_expect_eq(occurrences(st, " TR\n"), 43, "1 header row, 39 + 1 + 2 body rows (%zu)", occurrences(st, " TR\n"));
	{
		char **sl = g_strsplit(st, "\n", -1), **r;
		size_t rows = 0, bad = 0;
		for (r = sl; *r; r++) {
			size_t cells = 0, ind = strspn(*r, " ");
			char **c;
			if (strcmp(*r + ind, "TR") != 0)
				continue;
			for (c = r + 1; *c && strspn(*c, " ") > ind; c++)
				if (strspn(*c, " ") == ind + 2 && (strcmp(*c + ind + 2, "TD") == 0 || strcmp(*c + ind + 2, "TH") == 0))
					cells++;
			rows++;
			/* three cells in the first table, two or one (spanned) in the second */
			if (rows <= 41 && cells != 3)
				bad++;
		}
		cr_expect_eq(bad, 0, "every row of the first table has its three cells: %s", st);
		g_strfreev(sl);
	}
	cr_expect_eq(occurrences(st, "\"Innehavare\""), 1, "the header's text once in the structure");
	free(st);
	free(pdf);
	free(err);
	err = NULL;

	/* static content: an artifact, not in the structure */
	pdf = render("page-numbers", NULL, &rc, &err);
	cr_assert_eq(rc, 0, "%s", err);
	st = struct_text(pdf);
	d = qdf(pdf);
	cr_expect(strstr(st, "Sida") == NULL, "headers and footers are not in the structure: %s", st);
	cr_expect(strstr(d, "/Artifact BMC") != NULL, "they are artifacts");
	cr_expect_eq(untagged_text(d), 0, "nothing left untagged");
	free(d);
	free(st);
	free(pdf);
	free(err);
	err = NULL;

	/* a paragraph with links: its text in the structure, each link's text
	 * in its Link element */
	pdf = render("links", NULL, &rc, &err);
	st = struct_text(pdf);
	cr_expect(strstr(st, "\"Se \"") != NULL, "%s", st);
	lines = g_strsplit(st, "\n", -1);
	found = 0;
	for (l = lines; l[0] && l[1] && l[2]; l++)
		if (strstr(l[0], "Link (inline)") && strstr(l[1], "Object ") && strstr(l[2], "\"webbplatsen\""))
			found++;
	cr_expect_eq(found, 1, "the link's text is the Link element's: %s", st);
	g_strfreev(lines);
	free(st);
	free(pdf);
	free(err);
}

/* Lays out an FO document given as text; returns the layout dump (or
 * NULL) and the diagnostics in *diags. */
static char *
dump_string(const char *fo, char **diags)
{
	struct av_diags d = {0};
	struct av_buf out = {0};
	struct av_fo_options o;
	xmlDoc *doc;
	char *res = NULL;
	cr_assert_eq(av_fonts_init(&d), 0);
	av_fo_options_init(&o);
	doc = av_fo_read_memory(fo, strlen(fo), "t.fo", &d);
	if (doc && av_fo_dump(doc, "t.fo", &o, AV_FO_DUMP_LAYOUT, &out, &d) == 0)
		res = av_buf_take(&out);
	av_buf_free(&out);
	*diags = av_diags_format(&d);
	av_diags_free(&d);
	xmlFreeDoc(doc);
	return res;
}

#define FO_HEAD "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\"><fo:layout-master-set>\n" \
	"<fo:simple-page-master master-name=\"a\" page-width=\"100mm\" page-height=\"60mm\"><fo:region-body/></fo:simple-page-master>\n" \
	"<fo:simple-page-master master-name=\"b\" page-width=\"150mm\" page-height=\"60mm\"><fo:region-body/></fo:simple-page-master>\n"
#define FO_FLOW(n) "<fo:flow flow-name=\"xsl-region-body\">" n "</fo:flow></fo:page-sequence></fo:root>\n"
#define BLOCKS8 "<fo:block break-after=\"page\">1</fo:block><fo:block break-after=\"page\">2</fo:block>" \
	"<fo:block break-after=\"page\">3</fo:block><fo:block>4</fo:block>"

Test(fo, page_sequence_masters)
{
	char *diags = NULL, *dump;

	/* the references in turn; when none is left, the last goes on */
	dump = dump_string(FO_HEAD "<fo:page-sequence-master master-name=\"s\">\n"
	    "<fo:single-page-master-reference master-reference=\"a\"/>\n"
	    "<fo:repeatable-page-master-reference master-reference=\"a\" maximum-repeats=\"2\"/>\n"
	    "</fo:page-sequence-master></fo:layout-master-set>\n"
	    "<fo:page-sequence master-reference=\"s\">" FO_FLOW(BLOCKS8), &diags);
	cr_assert_not_null(dump, "%s", diags);
	cr_expect_eq(count_pages(dump), 4);
	cr_expect(strstr(diags, "t.fo:4: warning: fo:page-sequence-master 's' has no page master left for page 4;") != NULL,
	    "%s", diags);
	cr_expect_eq(occurrences(diags, "warning"), 1, "one warning: %s", diags);
	free(dump);
	free(diags);

	/* masters of different widths: one warning with the sequence's line */
	dump = dump_string(FO_HEAD "<fo:page-sequence-master master-name=\"s\">\n"
	    "<fo:repeatable-page-master-alternatives>\n"
	    "<fo:conditional-page-master-reference page-position=\"first\" master-reference=\"a\"/>\n"
	    "<fo:conditional-page-master-reference page-position=\"rest\" master-reference=\"b\"/>\n"
	    "</fo:repeatable-page-master-alternatives></fo:page-sequence-master></fo:layout-master-set>\n"
	    "<fo:page-sequence master-reference=\"s\">" FO_FLOW(BLOCKS8), &diags);
	cr_assert_not_null(dump, "%s", diags);
	cr_expect(strstr(dump, "page 1 \"1\" master=a") && strstr(dump, "page 2 \"2\" master=b") &&
	    strstr(dump, "page 4 \"4\" master=b"), "%s", dump);
	cr_expect(strstr(diags, "t.fo:9: warning: page masters of different body widths in one fo:page-sequence") != NULL,
	    "%s", diags);
	cr_expect_eq(occurrences(diags, "warning"), 1, "one warning: %s", diags);
	free(dump);
	free(diags);

	/* a reference to no master is an error with its line */
	dump = dump_string(FO_HEAD "<fo:page-sequence-master master-name=\"s\">\n"
	    "<fo:repeatable-page-master-alternatives>\n"
	    "<fo:conditional-page-master-reference master-reference=\"aa\"/>\n"
	    "</fo:repeatable-page-master-alternatives></fo:page-sequence-master></fo:layout-master-set>\n"
	    "<fo:page-sequence master-reference=\"s\">" FO_FLOW(BLOCKS8), &diags);
	cr_expect_null(dump);
	cr_expect(strstr(diags, "t.fo:6: error: master-reference 'aa' names no page master; did you mean 'a'?") != NULL,
	    "%s", diags);
	free(dump);
	free(diags);
	av_hyph_shutdown();
	av_fonts_shutdown();
}

Test(fo, table_footer_omitted_at_break)
{
	char *diags = NULL, *dump, *fo;
	struct av_buf rows = {0};
	int i;
	for (i = 1; i <= 24; i++)
		av_buf_printf(&rows, "<fo:table-row><fo:table-cell><fo:block>Rad %d</fo:block></fo:table-cell></fo:table-row>\n", i);
	fo = av_xasprintf(FO_HEAD "</fo:layout-master-set>\n<fo:page-sequence master-reference=\"a\">"
	    "<fo:flow flow-name=\"xsl-region-body\"><fo:table table-omit-footer-at-break=\"true\">"
	    "<fo:table-header><fo:table-row><fo:table-cell><fo:block>Rubrik</fo:block></fo:table-cell></fo:table-row></fo:table-header>"
	    "<fo:table-footer><fo:table-row><fo:table-cell><fo:block>Summa</fo:block></fo:table-cell></fo:table-row></fo:table-footer>"
	    "<fo:table-body>%s</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>\n", rows.data);
	dump = dump_string(fo, &diags);
	cr_assert_not_null(dump, "%s", diags);
	cr_expect_geq(count_pages(dump), 3, "%s", dump);
	cr_expect_eq(occurrences(dump, "footer-row"), 1, "the footer only below the last row: %s", dump);
	cr_expect_eq(occurrences(dump, "header-row"), (size_t)count_pages(dump), "the header on every page: %s", dump);
	cr_expect(strstr(strstr(dump, "\"Rad 24\""), "footer-row") != NULL, "after the last row");
	free(dump);
	free(diags);
	free(fo);
	av_buf_free(&rows);
	av_hyph_shutdown();
	av_fonts_shutdown();
}

/* Ids that land on an item already made: an inline's id on its line, and
 * ids at the end of a flow with no item after them on the last item.
 * Each appears once, with nothing else beside it, and a citation of
 * each finds its page. */
Test(fo, inline_and_trailing_ids)
{
	char *diags = NULL, *dump;
	dump = dump_string(FO_HEAD "</fo:layout-master-set>\n<fo:page-sequence master-reference=\"a\">"
	    FO_FLOW("<fo:block>Ett <fo:inline id=\"i1\">stycke</fo:inline> med <fo:inline id=\"i2\">tv\xc3\xa5</fo:inline>"
		" id.</fo:block>"
		"<fo:block break-before=\"page\">Sidan <fo:page-number-citation ref-id=\"i2\"/>,"
		" <fo:page-number-citation ref-id=\"t1\"/>, <fo:page-number-citation ref-id=\"t2\"/>."
		"<fo:block>Slut.</fo:block><fo:inline id=\"t1\"/><fo:inline id=\"t2\"/></fo:block>"),
	    &diags);
	cr_assert_not_null(dump, "%s", diags);
	cr_expect_eq(occurrences(dump, " #"), 4, "four ids, no stray ones: %s", dump);
	cr_expect_eq(occurrences(dump, " #i1 #i2"), 1, "both inline ids on the one line: %s", dump);
	cr_expect_eq(occurrences(dump, " #t1 #t2"), 1, "the trailing ids on the last item: %s", dump);
	cr_expect(strstr(dump, "\"Sidan 1, 2, 2.\"") != NULL, "the citations: %s", dump);
	cr_expect_eq(occurrences(diags, "warning"), 0, "%s", diags);
	free(dump);
	free(diags);
	av_hyph_shutdown();
	av_fonts_shutdown();
}
