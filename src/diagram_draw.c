/* diagram_draw.c -- drawing the diagram's layout over any cairo surface, and writing it as PDF, SVG or PNG. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "deflate.h"
#include "diagram.h"
#include "diagram_priv.h"
#include "fonts.h"
#include "model.h"
#include "palette.h"
#include "pdf_post.h"

#define INK 0x1a1a1a            /* role names, legend */
#define INK_SOFT 0x3d3d3d       /* holders */
#define BORDER 0x4a4a4a
#define LINE 0x505050           /* connectors */
#define LINE_THIN 0x6e6e6e
#define NO_PARTY_FILL 0xf3f3f3
#define RADIUS 3.0
#define ARROW_LEN 6.0
#define ARROW_HALF 2.6
#define OUT_MARGIN 12.0         /* pt around the drawing in SVG and PNG */

static void
rgb(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* Relative luminance (sRGB, ITU-R BT.709 weights, linearised). */
static double
luminance(unsigned c)
{
	double v[3];
	int i;
	for (i = 0; i < 3; i++) {
		double s = ((c >> (16 - 8 * i)) & 0xff) / 255.0;
		v[i] = s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* Text on a colour band: black or white, whichever contrasts more. */
static unsigned
on_colour(unsigned c)
{
	double l = luminance(c);
	return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? INK : 0xffffff;
}

static void
rounded(cairo_t *cr, double x, double y, double w, double h, double r, int bottom)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	if (bottom) {
		cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
		cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	} else {
		cairo_line_to(cr, x + w, y + h);
		cairo_line_to(cr, x, y + h);
	}
	cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

static double
border_width(enum av_dg_kind k)
{
	switch (k) {
	case AV_DG_OWNER:
	case AV_DG_STEERING:
		return 1.6;
	case AV_DG_MANAGEMENT:
	case AV_DG_LEAD:
		return 1.1;
	case AV_DG_TEAM:
	case AV_DG_MEMBER:
	case AV_DG_REFERENCE:
	case AV_DG_BENEFITS:
	case AV_DG_OTHER:
		return 0.7;
	case AV_DG_KIND__COUNT:
		break;
	}
	assert(!"kind");
	return 0.7;
}

static double
fill_strength(enum av_dg_kind k)
{
	/* Groups that advise from outside the line are a shade lighter. */
	return k == AV_DG_REFERENCE || k == AV_DG_BENEFITS ? 0.08 : 0.15;
}

static void
draw_band(cairo_t *cr, double x, double y, double w, double h, unsigned colour, int whole)
{
	rgb(cr, colour);
	rounded(cr, x, y, w, h, RADIUS, whole);
	cairo_fill(cr);
}

static void
draw_box(const struct av_dg_layout *l, cairo_t *cr, const struct av_dg_box *b)
{
	const struct av_dg_node *n = &l->g->nodes[b->node];
	const struct av_dg_rect *r = &b->r;
	double bw = border_width(n->kind);
	unsigned fill = NO_PARTY_FILL;

	if (n->party != AV_DG_NONE)
		fill = av_palette_tint(l->g->parties[n->party].colour, fill_strength(n->kind));
	rgb(cr, fill);
	rounded(cr, r->x, r->y, r->w, r->h, RADIUS, 1);
	cairo_fill(cr);
	if (b->band > 0)
		draw_band(cr, r->x, r->y, r->w, b->band, l->g->parties[n->party].colour, 0);
	rgb(cr, BORDER);
	cairo_set_line_width(cr, bw);
	rounded(cr, r->x + bw / 2, r->y + bw / 2, r->w - bw, r->h - bw, RADIUS - bw / 2, 1);
	cairo_stroke(cr);
}

static void
style(cairo_t *cr, enum av_dg_style s)
{
	static const double dash[] = { 4.0, 2.5 };
	static const double dot[] = { 0.01, 2.4 };
	static const double dashdot[] = { 6.0, 2.0, 1.0, 2.0 };

	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	switch (s) {
	case AV_DG_SOLID:
		rgb(cr, LINE);
		cairo_set_line_width(cr, 1.0);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
		cairo_set_dash(cr, NULL, 0, 0);
		return;
	case AV_DG_THIN:
		rgb(cr, LINE_THIN);
		cairo_set_line_width(cr, 0.7);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
		cairo_set_dash(cr, NULL, 0, 0);
		return;
	case AV_DG_DASHED:
		rgb(cr, LINE);
		cairo_set_line_width(cr, 0.9);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_set_dash(cr, dash, 2, 0);
		return;
	case AV_DG_DOTTED:
		rgb(cr, LINE);
		cairo_set_line_width(cr, 1.3);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, dot, 2, 0);
		return;
	case AV_DG_DASH_DOT:
		rgb(cr, LINE);
		cairo_set_line_width(cr, 0.9);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_set_dash(cr, dashdot, 4, 0);
		return;
	}
	assert(!"style");
}

/* A connector as one path per run of joined segments, so corners join. */
static void
draw_conn(cairo_t *cr, const struct av_dg_conn *cn)
{
	size_t k;
	double ex = 0, ey = 0;

	style(cr, cn->style);
	for (k = 0; k < cn->nsegs; k++) {
		const struct av_dg_seg *s = &cn->segs[k];
		double x2 = s->x2, y2 = s->y2;
		if (cn->arrow && k + 1 == cn->nsegs) {
			/* Stop short of the arrowhead's tip. */
			double len = fabs(s->x2 - s->x1) + fabs(s->y2 - s->y1);
			double t = len > ARROW_LEN ? (len - ARROW_LEN + 0.5) / len : 0;
			x2 = s->x1 + (s->x2 - s->x1) * t;
			y2 = s->y1 + (s->y2 - s->y1) * t;
		}
		if (k == 0 || s->x1 != ex || s->y1 != ey)
			cairo_move_to(cr, s->x1, s->y1);
		cairo_line_to(cr, x2, y2);
		ex = s->x2;
		ey = s->y2;
	}
	cairo_stroke(cr);
	if (cn->arrow && cn->nsegs > 0) {
		const struct av_dg_seg *s = &cn->segs[cn->nsegs - 1];
		double dx = s->x2 - s->x1, dy = s->y2 - s->y1, len = hypot(dx, dy);
		if (len > 0) {
			dx /= len;
			dy /= len;
			cairo_set_dash(cr, NULL, 0, 0);
			cairo_move_to(cr, s->x2, s->y2);
			cairo_line_to(cr, s->x2 - dx * ARROW_LEN - dy * ARROW_HALF, s->y2 - dy * ARROW_LEN + dx * ARROW_HALF);
			cairo_line_to(cr, s->x2 - dx * ARROW_LEN + dy * ARROW_HALF, s->y2 - dy * ARROW_LEN - dx * ARROW_HALF);
			cairo_close_path(cr);
			cairo_fill(cr);
		}
	}
}

static void
draw_line(const struct av_dg_layout *l, cairo_t *cr, size_t i, unsigned colour)
{
	PangoLayout *pl;
	PangoLayoutLine *line = av_dg_line_layout(l, i, &pl);
	rgb(cr, colour);
	cairo_move_to(cr, l->lines[i].r.x, l->lines[i].baseline);
	pango_cairo_show_layout_line(cr, line);
}

static unsigned
line_colour(const struct av_dg_layout *l, const struct av_dg_line *ln, size_t i)
{
	size_t k;
	switch (ln->kind) {
	case AV_DG_TEXT_LABEL:
	case AV_DG_TEXT_LEGEND:
		return INK;
	case AV_DG_TEXT_HOLDERS:
		return INK_SOFT;
	case AV_DG_TEXT_PARTY:
		if (ln->box != AV_DG_NONE)
			return on_colour(l->g->parties[l->g->nodes[l->boxes[ln->box].node].party].colour);
		for (k = 0; k < l->nlegend; k++)
			if (l->legend[k].tag_line == i)
				return on_colour(l->g->parties[l->legend[k].party].colour);
		return INK;
	}
	assert(!"text kind");
	return INK;
}

void
av_dg_draw(const struct av_dg_layout *l, cairo_t *cr)
{
	size_t i;

	cairo_save(cr);
	cairo_scale(cr, l->scale, l->scale);
	av_fonts_prepare_cairo(cr);
	/* Connectors first: boxes cover their ends. */
	for (i = 0; i < l->nconns; i++)
		draw_conn(cr, &l->conns[i]);
	cairo_set_dash(cr, NULL, 0, 0);
	for (i = 0; i < l->nboxes; i++)
		draw_box(l, cr, &l->boxes[i]);
	for (i = 0; i < l->nlegend; i++) {
		const struct av_dg_rect *s = &l->legend[i].swatch;
		draw_band(cr, s->x, s->y, s->w, s->h, l->g->parties[l->legend[i].party].colour, 1);
	}
	for (i = 0; i < l->nlines; i++)
		draw_line(l, cr, i, line_colour(l, &l->lines[i], i));
	cairo_restore(cr);
}

/* ---- Output ---------------------------------------------------------- */

int
av_dg_format_from_path(const char *path, enum av_dg_format *f)
{
	const char *dot = strrchr(path, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return -1;
	if (strcasecmp(dot, ".pdf") == 0)
		*f = AV_DG_PDF;
	else if (strcasecmp(dot, ".svg") == 0)
		*f = AV_DG_SVG;
	else if (strcasecmp(dot, ".png") == 0)
		*f = AV_DG_PNG;
	else
		return -1;
	return 0;
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	av_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static int
cairo_failed(cairo_status_t st, const char *what, struct av_diags *d)
{
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	av_diag(d, AV_D_INTERNAL, NULL, "cairo cannot write the %s: %s", what, cairo_status_to_string(st));
	return -1;
}

static int
render_pdf(const struct av_dg_layout *l, const struct av_dg_render_options *o, struct av_buf *out,
    struct av_diags *d)
{
	double pw = l->rotated ? AV_DG_A4_SHORT : AV_DG_A4_LONG;
	double ph = l->rotated ? AV_DG_A4_LONG : AV_DG_A4_SHORT;
	struct av_buf pdf = {0};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &pdf, pw, ph);
	cairo_t *cr = cairo_create(s);
	cairo_status_t st;
	const char *date = o && o->creation_date ? o->creation_date : NULL;
	char creator[64], producer[96], *alt, *err = NULL;
	const char *alts[1];
	struct av_pdf_post post;
	int rc = -1;

	snprintf(creator, sizeof creator, "%s %s", PACKAGE_NAME, PACKAGE_VERSION);
	snprintf(producer, sizeof producer, "cairo %s (https://cairographics.org)", cairo_version_string());
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
	if (o && o->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, o->title);
	if (date) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
	/* One figure, centred in the page's margins. */
	cairo_tag_begin(cr, "Document", NULL);
	cairo_tag_begin(cr, "Figure", NULL);
	cairo_translate(cr, (pw - l->width * l->scale) / 2, (ph - l->height * l->scale) / 2);
	av_dg_draw(l, cr);
	cairo_tag_end(cr, "Figure");
	cairo_tag_end(cr, "Document");
	cairo_show_page(cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (cairo_failed(st, "PDF", d) != 0)
		goto out;

	/* What cairo 1.16 cannot write: the language, XMP, /ID, the figure's
	 * alternative text; and no date from the clock. */
	alt = av_dg_alt_text(l);
	alts[0] = alt;
	memset(&post, 0, sizeof post);
	post.meta.title = o ? o->title : NULL;
	post.meta.creator_tool = creator;
	post.meta.producer = producer;
	post.meta.create_date = date;
	post.meta.lang = l->g->lang;
	post.figure_alt = alts;
	post.nfigure_alt = 1;
	post.strip_dates = date == NULL;
	if (av_pdf_post(&pdf, &post, &err) != 0) {
		av_diag(d, AV_D_INTERNAL, NULL, "cannot finish the PDF: %s", err);
		free(err);
	} else {
		av_buf_add(out, pdf.data, pdf.len);
		rc = 0;
	}
	free(alt);
out:
	av_buf_free(&pdf);
	return rc;
}

static void
xml_escape(struct av_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			av_buf_adds(b, "&lt;");
			break;
		case '>':
			av_buf_adds(b, "&gt;");
			break;
		case '&':
			av_buf_adds(b, "&amp;");
			break;
		case '"':
			av_buf_adds(b, "&quot;");
			break;
		default:
			av_buf_addc(b, *s);
		}
	}
}

/* cairo draws glyphs as shapes: a title and an invisible text layer (one
 * text element per box's role name and holders) make the SVG searchable
 * and readable by screen readers and tests. */
static void
svg_text_layer(const struct av_dg_layout *l, const struct av_dg_render_options *o, struct av_buf *svg)
{
	struct av_buf head = {0}, tail = {0}, res = {0};
	char *open = strstr(svg->data, "<svg"), *gt, *end;
	size_t i, k;

	if (open == NULL || (gt = strchr(open, '>')) == NULL || (end = strstr(gt, "</svg>")) == NULL)
		return;
	if (o && o->title) {
		av_buf_adds(&head, "\n<title>");
		xml_escape(&head, o->title);
		av_buf_adds(&head, "</title>");
	}
	av_buf_printf(&tail, "<g fill-opacity=\"0\" font-family=\"Open Sans, sans-serif\" transform=\"translate(%.2f,%.2f) scale(%.6f)\">\n",
	    OUT_MARGIN, OUT_MARGIN, l->scale);
	for (i = 0; i < l->nboxes; i++) {
		const struct av_dg_box *b = &l->boxes[i];
		const struct av_dg_node *n = &l->g->nodes[b->node];
		for (k = b->first_line; k < b->first_line + b->nlines; k++) {
			const struct av_dg_line *ln = &l->lines[k];
			if (ln->kind != AV_DG_TEXT_LABEL)
				continue;
			av_buf_printf(&tail, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\">", b->r.x + 2,
			    ln->baseline, ln->size);
			xml_escape(&tail, n->label);
			av_buf_adds(&tail, "</text>\n");
			break;
		}
		for (k = b->first_line; k < b->first_line + b->nlines; k++) {
			const struct av_dg_line *ln = &l->lines[k];
			size_t h;
			if (ln->kind != AV_DG_TEXT_HOLDERS || n->nholders == 0)
				continue;
			av_buf_printf(&tail, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\">", b->r.x + 2,
			    ln->baseline, ln->size);
			for (h = 0; h < n->nholders; h++) {
				if (h > 0)
					av_buf_adds(&tail, ", ");
				xml_escape(&tail, n->holders[h]);
			}
			av_buf_adds(&tail, "</text>\n");
			break;
		}
	}
	for (i = 0; i < l->nlegend; i++) {
		const struct av_dg_line *ln = &l->lines[l->legend[i].name_line];
		const struct av_dg_party *p = &l->g->parties[l->legend[i].party];
		av_buf_printf(&tail, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\">", ln->r.x, ln->baseline, ln->size);
		xml_escape(&tail, p->short_name);
		av_buf_adds(&tail, ": ");
		xml_escape(&tail, p->name);
		av_buf_adds(&tail, "</text>\n");
	}
	av_buf_adds(&tail, "</g>\n");
	av_buf_add(&res, svg->data, (size_t)(gt + 1 - svg->data));
	if (head.data)
		av_buf_adds(&res, head.data);
	av_buf_add(&res, gt + 1, (size_t)(end - (gt + 1)));
	av_buf_adds(&res, tail.data);
	av_buf_adds(&res, end);
	av_buf_free(svg);
	*svg = res;
	av_buf_free(&head);
	av_buf_free(&tail);
}

/* cairo names the page's group "surfaceN" after a process-wide counter of
 * surfaces: a second drawing in one process would differ from the first.
 * Renumbers every surfaceN in order of first appearance from 1. */
static void
svg_renumber_surfaces(struct av_buf *svg)
{
	struct av_buf out = {0};
	unsigned long seen[64];
	size_t nseen = 0;
	const char *p = svg->data, *hit;

	while ((hit = strstr(p, "surface")) != NULL) {
		const char *q = hit + 7;
		unsigned long n = 0;
		size_t k;
		if (*q < '0' || *q > '9') {
			av_buf_add(&out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		while (*q >= '0' && *q <= '9')
			n = n * 10 + (unsigned long)(*q++ - '0');
		for (k = 0; k < nseen && seen[k] != n; k++)
			;
		if (k == nseen && nseen < sizeof seen / sizeof seen[0])
			seen[nseen++] = n;
		av_buf_add(&out, p, (size_t)(hit - p));
		av_buf_printf(&out, "surface%zu", k + 1);
		p = q;
	}
	av_buf_adds(&out, p);
	av_buf_free(svg);
	*svg = out;
}

static int
render_svg(const struct av_dg_layout *l, const struct av_dg_render_options *o, struct av_buf *out,
    struct av_diags *d)
{
	struct av_buf svg = {0};
	double w = l->width * l->scale + 2 * OUT_MARGIN, h = l->height * l->scale + 2 * OUT_MARGIN;
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_buf, &svg, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_status_t st;

	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	cairo_translate(cr, OUT_MARGIN, OUT_MARGIN);
	av_dg_draw(l, cr);
	cairo_show_page(cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (cairo_failed(st, "SVG", d) != 0 || svg.data == NULL) {
		av_buf_free(&svg);
		return -1;
	}
	svg_renumber_surfaces(&svg);
	svg_text_layer(l, o, &svg);
	av_buf_add(out, svg.data, svg.len);
	av_buf_free(&svg);
	return 0;
}

/* The PNG: 8-bit RGB rows, unfiltered, deflated as they are made by
 * matching the pixel left and the row above (deflate_rows.c), in the
 * chunks PNG names (signature, IHDR, pHYs, IDAT, IEND, each with its
 * CRC).  cairo's own writer compresses hard and tries every row filter
 * (about 120 ms for an A4 page at 200 dpi here); libpng at zlib's fastest
 * level took 5 to 15 ms a diagram, most of it in zlib, and libpng cannot
 * be handed a stream compressed elsewhere.  Flat colours and thin lines
 * compress almost as well unfiltered. */
static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
png_chunk(struct av_buf *out, const char type[4], const unsigned char *data, size_t len)
{
	unsigned char b[8];
	uLong crc = crc32(0L, (const Bytef *)type, 4);
	put_be32(b, (uint32_t)len);
	memcpy(b + 4, type, 4);
	av_buf_add(out, b, 8);
	if (len > 0) {
		av_buf_add(out, data, len);
		crc = crc32_z(crc, data, len);
	}
	put_be32(b, (uint32_t)crc);
	av_buf_add(out, b, 4);
}

/* A row of cairo's pixels (0x00RRGGBB words, in the machine's byte
 * order) as PNG's red, green, blue bytes, writing up to 4 bytes past
 * them (within AV_DEFLATE_ROW_SPARE).  Four pixels at a time by one byte
 * shuffle where the processor has SSSE3 (nearly all x86-64 ones: 2.6
 * instructions a pixel become under 1); the bytes are the same either
 * way. */
static void
rgb_row_plain(const uint32_t *px, int w, unsigned char *q)
{
	int x;
	for (x = 0; x < w; x++, q += 3) {
		uint32_t v = px[x];
		q[0] = (unsigned char)(v >> 16);
		q[1] = (unsigned char)(v >> 8);
		q[2] = (unsigned char)v;
	}
}

#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("ssse3"))) static void
rgb_row_ssse3(const uint32_t *px, int w, unsigned char *q)
{
	const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
	int x = 0;
	for (; x + 4 <= w; x += 4, q += 12)
		_mm_storeu_si128((__m128i *)(void *)q,
		    _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(px + x)), order));
	rgb_row_plain(px + x, w - x, q);
}

static void
rgb_row(const uint32_t *px, int w, unsigned char *q)
{
	if (__builtin_cpu_supports("ssse3"))
		rgb_row_ssse3(px, w, q);
	else
		rgb_row_plain(px, w, q);
}
#else
#define rgb_row rgb_row_plain
#endif

/* Row r of the PNG: filter type 0 (none), then red, green, blue. */
struct png_rows {
	const unsigned char *data;
	int w, stride;
};

static void
png_row(void *ctx, size_t r, unsigned char *dst)
{
	const struct png_rows *pr = ctx;
	dst[0] = 0;
	rgb_row((const uint32_t *)(const void *)(pr->data + r * (size_t)pr->stride), pr->w, dst + 1);
}

int
av_dg_png_encode(const unsigned char *data, int w, int h, int stride, unsigned ppm, struct av_buf *out)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	/* a PNG's IDAT chunks each hold at most 2^31 - 1 bytes; readers
	 * are happiest with pieces of a size they buffer anyway */
	enum { IDAT_PIECE = 1 << 20 };
	unsigned char ihdr[13], phys[9];
	struct png_rows pr;
	size_t off;
	struct av_buf z = {0};

	if (w <= 0 || h <= 0 || (size_t)w > (SIZE_MAX - 1) / 4 || (size_t)h > (SIZE_MAX - 1) / ((size_t)w * 3 + 1))
		return -1;
	pr.data = data;
	pr.w = w;
	pr.stride = stride;
	av_deflate_image((size_t)h, (size_t)w * 3 + 1, png_row, &pr, &z);

	put_be32(ihdr, (uint32_t)w);
	put_be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;            /* bits per sample */
	ihdr[9] = 2;            /* truecolour */
	ihdr[10] = 0;           /* deflate */
	ihdr[11] = 0;           /* adaptive filtering (each row says which) */
	ihdr[12] = 0;           /* not interlaced */
	put_be32(phys, ppm);
	put_be32(phys + 4, ppm);
	phys[8] = 1;            /* per metre */
	av_buf_add(out, signature, sizeof signature);
	png_chunk(out, "IHDR", ihdr, sizeof ihdr);
	png_chunk(out, "pHYs", phys, sizeof phys);
	for (off = 0; off < z.len; off += IDAT_PIECE)
		png_chunk(out, "IDAT", (const unsigned char *)z.data + off, z.len - off < IDAT_PIECE ? z.len - off : IDAT_PIECE);
	png_chunk(out, "IEND", NULL, 0);
	av_buf_free(&z);
	return 0;
}

/* Drawn on pixels of our own, filled white: cairo would clear a new
 * surface to black, then the white be painted over it. */
static int
render_png(const struct av_dg_layout *l, struct av_buf *out, struct av_diags *d)
{
	double k = AV_DG_PNG_DPI / 72.0;
	int w = (int)ceil((l->width * l->scale + 2 * OUT_MARGIN) * k);
	int h = (int)ceil((l->height * l->scale + 2 * OUT_MARGIN) * k);
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	unsigned char *px;
	cairo_surface_t *img;
	cairo_t *cr;
	cairo_status_t st;
	int rc = -1;

	if (stride <= 0 || h <= 0 || (size_t)h > SIZE_MAX / (size_t)stride) {
		av_diag(d, AV_D_INTERNAL, NULL, "the diagram is too large for a PNG (%d x %d pixels)", w, h);
		return -1;
	}
	px = av_xmalloc((size_t)stride * (size_t)h);
	memset(px, 0xff, (size_t)stride * (size_t)h);
	img = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, w, h, stride);
	cr = cairo_create(img);
	cairo_scale(cr, k, k);
	cairo_translate(cr, OUT_MARGIN, OUT_MARGIN);
	av_dg_draw(l, cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	if (cairo_failed(st, "PNG", d) == 0) {
		rc = av_dg_png_encode(px, w, h, stride, (unsigned)(AV_DG_PNG_DPI / 0.0254 + 0.5), out);
		if (rc != 0)
			av_diag(d, AV_D_INTERNAL, NULL, "the diagram is too large for a PNG (%d x %d pixels)", w, h);
	}
	cairo_surface_destroy(img);
	free(px);
	return rc;
}

int
av_dg_render(const struct av_dg_layout *l, enum av_dg_format f,
    const struct av_dg_render_options *o, struct av_buf *out, struct av_diags *d)
{
	switch (f) {
	case AV_DG_PDF:
		return render_pdf(l, o, out, d);
	case AV_DG_SVG:
		return render_svg(l, o, out, d);
	case AV_DG_PNG:
		return render_png(l, out, d);
	}
	assert(!"format");
	return -1;
}

char *
av_dg_creation_date(const char *date, struct av_diags *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde != '\0') {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0 && v < 253402300800LL) {
			time_t t = (time_t)v;
			struct tm tm;
			char buf[32];
			gmtime_r(&t, &tm);
			strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
			return av_xstrdup(buf);
		}
		av_diag(d, AV_D_DIAGRAM, NULL, "SOURCE_DATE_EPOCH='%s' is not a number of seconds; ignored", sde);
	}
	if (date != NULL)
		return av_xasprintf("%sT00:00:00Z", date);
	return NULL;
}

int
av_dg_render_collab(const struct av_collab *c, const char *lang, const enum av_dg_format *formats,
    size_t nformats, struct av_buf *outs, struct av_diags *d)
{
	struct av_dg_options o = { AV_DG_A4_LONG - 2 * AV_DG_PAGE_MARGIN, AV_DG_A4_SHORT - 2 * AV_DG_PAGE_MARGIN,
		1, 1.0, 0 };
	struct av_dg_graph *g = av_dg_graph_from_collab(c, lang);
	struct av_dg_layout *l = av_dg_layout(g, &o, d);
	char *date = av_dg_collab_date(c), *stamp = av_dg_creation_date(date, d);
	struct av_dg_render_options ro;
	size_t i;
	int rc = 0;

	ro.title = c->title;
	ro.creation_date = stamp;
	for (i = 0; i < nformats && rc == 0; i++)
		rc = av_dg_render(l, formats[i], &ro, &outs[i], d);
	free(stamp);
	free(date);
	av_dg_layout_free(l);
	av_dg_graph_free(g);
	return rc;
}
