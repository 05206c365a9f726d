/* fo_draw.c -- draws laid-out pages with cairo into a PDF: text, boxes, images, foreign objects, structure tags, links, destinations, bookmarks. */
#include "config.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fo_int.h"
#include "pdf_links.h"
#include "fonts.h"

struct draw {
	struct fo_layout_ctx *L;
	const struct fo_doc *doc;
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct fo_struct *open[128];   /* the structure elements open, outermost first */
	int nopen;
	const char **alts;                   /* alternative text of each Figure, in order */
	size_t nalts, altcap;
	char **owned_alts;
	size_t nowned, ownedcap;
	size_t page;
	int tagged;                          /* the current content is inside structure */
	GHashTable *page_images;             /* images already drawn on this page */
	struct fo_struct *span;              /* the Span holding the lines of span_of on this page */
	const struct fo_struct *span_of;
	size_t span_page;
};

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	av_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Numbers in attribute strings: C locale always (cairo 1.16 pitfall). */
static const char *
num(char *buf, double v)
{
	return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", v);
}

/* A string attribute value: quotes and backslashes escaped. */
static void
quoted(struct av_buf *b, const char *s)
{
	av_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			av_buf_addc(b, '\\');
		av_buf_addc(b, *s);
	}
	av_buf_addc(b, '\'');
}

static void
set_rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, (c >> 16 & 0xff) / 255.0, (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* ---- Structure ---- */

static void
close_to(struct draw *D, int depth)
{
	while (D->nopen > depth) {
		D->nopen--;
		cairo_tag_end(D->cr, D->open[D->nopen]->tag);
	}
}

/* Makes `st` (and its ancestors) the open structure elements. */
static void
enter(struct draw *D, const struct fo_struct *st)
{
	const struct fo_struct *path[128];
	int n = 0, common = 0, i;
	const struct fo_struct *s;
	for (s = st; s && n < 128; s = s->parent)
		path[n++] = s;
	/* path[n-1] is the outermost */
	while (common < D->nopen && common < n && D->open[common] == path[n - 1 - common])
		common++;
	close_to(D, common);
	for (i = n - 1 - common; i >= 0; i--) {
		const struct fo_struct *e = path[i];
		cairo_tag_begin(D->cr, e->tag, NULL);
		D->open[D->nopen++] = e;
		if (strcmp(e->tag, "Figure") == 0) {
			D->alts = av_xgrow(D->alts, &D->altcap, D->nalts + 1, sizeof *D->alts);
			D->alts[D->nalts++] = e->alt;
		}
	}
}

/* ---- Links and destinations ---- */

static int
target(struct draw *D, const char *id, size_t *page, double *y)
{
	gpointer v;
	double *yy;
	if (!g_hash_table_lookup_extended(D->doc->id_page, id, NULL, &v))
		return -1;
	*page = GPOINTER_TO_SIZE(v);
	yy = g_hash_table_lookup(D->doc->id_y, id);
	*y = yy ? *yy : 0;
	return 0;
}

/* The attributes of a link annotation over x, y, w, h to the link's
 * target (or to the id `dest`): 0, or -1 when there is none (a link to an
 * id that does not exist is reported). */
static int
link_attrs(struct draw *D, const struct fo_node *link, const char *dest, double x, double y, double w,
    double h, struct av_buf *a)
{
	char b1[G_ASCII_DTOSTR_BUF_SIZE], b2[G_ASCII_DTOSTR_BUF_SIZE], b3[G_ASCII_DTOSTR_BUF_SIZE],
	    b4[G_ASCII_DTOSTR_BUF_SIZE];
	size_t page;
	double ty;
	const char *uri = link ? link->external_dest : NULL;
	if (link && link->internal_dest)
		dest = link->internal_dest;
	if (w <= 0 || h <= 0)
		return -1;
	if (dest) {
		if (target(D, dest, &page, &ty) != 0) {
			if (link)
				av_diag(D->L->d, AV_D_FO_LINK, &link->loc, "link to id '%s', which does not exist", dest);
			return -1;
		}
		if (page > D->page + 1 && av_pdf_placeholder_ok(dest)) {
			/* cairo 1.16 cannot link to a later page: pdf_links.h */
			char *ph = av_xasprintf(AV_PDF_DEST_URI "%s", dest);
			av_buf_printf(a, "rect=[%s %s %s %s] uri=", num(b1, x), num(b2, y), num(b3, w), num(b4, h));
			quoted(a, ph);
			free(ph);
		} else {
			av_buf_printf(a, "rect=[%s %s %s %s] page=%zu pos=[0 %s]", num(b1, x), num(b2, y), num(b3, w),
			    num(b4, h), page, num(b1, ty));
		}
	} else if (uri && *uri) {
		char *u = g_strdup(uri);
		size_t n = strlen(u);
		char *p = u;
		/* url('...') as FO writes it */
		if (strncmp(p, "url(", 4) == 0 && n > 5 && u[n - 1] == ')') {
			u[n - 1] = '\0';
			p += 4;
			if ((*p == '\'' || *p == '"') && strlen(p) >= 2) {
				p[strlen(p) - 1] = '\0';
				p++;
			}
		}
		av_buf_printf(a, "rect=[%s %s %s %s] uri=", num(b1, x), num(b2, y), num(b3, w), num(b4, h));
		quoted(a, p);
		g_free(u);
	} else {
		return -1;
	}
	return 0;
}

/* A link annotation over an area.  cairo makes a Link structure element
 * for it, a child of the element open (cairo 1.16 damages the file for a
 * link outside any structure element: the Document one is always open). */
static void
link_rect(struct draw *D, const struct fo_node *link, const char *dest, double x, double y, double w,
    double h)
{
	struct av_buf a = {0};
	if (link_attrs(D, link, dest, x, y, w, h, &a) == 0) {
		cairo_tag_begin(D->cr, CAIRO_TAG_LINK, a.data);
		cairo_tag_end(D->cr, CAIRO_TAG_LINK);
	}
	av_buf_free(&a);
}

static void
destinations(struct draw *D, const struct fo_item *it, double x, double y)
{
	size_t i;
	for (i = 0; i < it->nids; i++) {
		struct av_buf a = {0};
		char b1[G_ASCII_DTOSTR_BUF_SIZE], b2[G_ASCII_DTOSTR_BUF_SIZE];
		size_t page;
		double ty;
		const char *id = it->ids[i]->p->id;
		/* only where the id first appears */
		if (target(D, id, &page, &ty) != 0 || page != D->page + 1)
			continue;
		av_buf_adds(&a, "name=");
		quoted(&a, id);
		av_buf_printf(&a, " x=%s y=%s", num(b1, x), num(b2, y));
		cairo_tag_begin(D->cr, CAIRO_TAG_DEST, a.data);
		cairo_tag_end(D->cr, CAIRO_TAG_DEST);
		av_buf_free(&a);
	}
}

/* ---- Boxes ---- */

static void
border_line(cairo_t *cr, enum fo_border st, double w, uint32_t col, double x0, double y0, double x1, double y1)
{
	double dash[2];
	if (st == BORDER_NONE || w <= 0)
		return;
	set_rgb(cr, col);
	cairo_set_line_width(cr, st == BORDER_DOUBLE ? w / 3 : w);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	if (st == BORDER_DASHED) {
		dash[0] = 3 * w;
		dash[1] = 2 * w;
		cairo_set_dash(cr, dash, 2, 0);
	} else if (st == BORDER_DOTTED) {
		dash[0] = 0;
		dash[1] = 2 * w;
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, dash, 2, 0);
	}
	if (st == BORDER_DOUBLE) {
		double dx = x0 == x1 ? w / 3 : 0, dy = y0 == y1 ? w / 3 : 0;
		cairo_move_to(cr, x0 - dx, y0 - dy);
		cairo_line_to(cr, x1 - dx, y1 - dy);
		cairo_move_to(cr, x0 + dx, y0 + dy);
		cairo_line_to(cr, x1 + dx, y1 + dy);
	} else {
		cairo_move_to(cr, x0, y0);
		cairo_line_to(cr, x1, y1);
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

/* Background and borders of a border box; `top`/`bottom` say whether the
 * box starts and ends here (borders at a page break are left open).
 * Borders lie inside the box, or are centred on its edges when `centred`
 * (the collapsed border model of tables: a neighbour's border falls on
 * the same line instead of beside it). */
static void
draw_box(cairo_t *cr, const struct fo_props *p, double x, double y, double w, double h, int top, int bottom,
    int centred)
{
	const double *bw = p->border_w;
	double in[4];
	int s;
	for (s = 0; s < 4; s++)
		in[s] = centred ? 0 : bw[s] / 2;
	if (p->has_background) {
		set_rgb(cr, p->background);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill(cr);
	}
	if (top)
		border_line(cr, p->border_style[SIDE_BEFORE], bw[SIDE_BEFORE], p->border_color[SIDE_BEFORE],
		    x - (centred ? bw[SIDE_START] / 2 : 0), y + in[SIDE_BEFORE],
		    x + w + (centred ? bw[SIDE_END] / 2 : 0), y + in[SIDE_BEFORE]);
	if (bottom)
		border_line(cr, p->border_style[SIDE_AFTER], bw[SIDE_AFTER], p->border_color[SIDE_AFTER],
		    x - (centred ? bw[SIDE_START] / 2 : 0), y + h - in[SIDE_AFTER],
		    x + w + (centred ? bw[SIDE_END] / 2 : 0), y + h - in[SIDE_AFTER]);
	border_line(cr, p->border_style[SIDE_START], bw[SIDE_START], p->border_color[SIDE_START],
	    x + in[SIDE_START], y, x + in[SIDE_START], y + h);
	border_line(cr, p->border_style[SIDE_END], bw[SIDE_END], p->border_color[SIDE_END],
	    x + w - in[SIDE_END], y, x + w - in[SIDE_END], y + h);
}

/* Draws the decorations of list `v` over the items placed at ys[i] (NaN
 * when not on this page), hs[i] high (NULL: their own heights). */
static void
draw_decos(struct draw *D, const struct fo_vlist *v, const double *ys, const double *hs, double ox, double oy)
{
	size_t k, i;
	for (k = 0; k < v->ndecos; k++) {
		const struct fo_deco *dc = v->decos[k];
		double top = INFINITY, bottom = -INFINITY;
		int has_first = 0, has_last = 0;
		if (dc->last == (size_t)-1 || dc->last < dc->first)
			continue;
		for (i = dc->first; i <= dc->last && i < v->n; i++) {
			if (isnan(ys[i]) || v->v[i].kind == IT_SPACE)
				continue;
			if (dc->change_bar && v->v[i].kind != IT_LINE && v->v[i].kind != IT_ROW &&
			    v->v[i].kind != IT_FOREIGN)
				continue;
			if (ys[i] < top)
				top = ys[i];
			if (ys[i] + (hs ? hs[i] : v->v[i].h) > bottom)
				bottom = ys[i] + (hs ? hs[i] : v->v[i].h);
			has_first |= i == dc->first;
			has_last |= i == dc->last;
		}
		if (top > bottom)
			continue;
		if (dc->change_bar) {
			set_rgb(D->cr, dc->p->cb_color);
			cairo_rectangle(D->cr, ox + dc->x, oy + top, dc->w, bottom - top);
			cairo_fill(D->cr);
		} else {
			draw_box(D->cr, dc->p, ox + dc->x, oy + top, dc->w, bottom - top, has_first, has_last, 0);
		}
	}
}

static void draw_list(struct draw *D, const struct fo_vlist *v, const double *ys, double ox, double oy);

static void
draw_objects(struct draw *D, const struct fo_item *it, PangoLayout *lay, double x, double y)
{
	const struct fo_line *l = &it->u.line;
	const struct fo_para *pp = l->para;
	cairo_t *cr = D->cr;
	size_t i;
	for (i = 0; i < pp->nspans; i++) {
		const struct fo_span *sp = &pp->spans[i];
		PangoRectangle r;
		double ox, w, base = y + l->baseline - sp->p->baseline_shift;
		if (!sp->object || sp->start < l->start || sp->start >= l->end)
			continue;
		pango_layout_index_to_pos(lay, (int)(sp->start - l->start), &r);
		ox = x + r.x / (double)PANGO_SCALE;
		w = r.width / (double)PANGO_SCALE;
		switch (sp->object->kind) {
		case FO_LEADER:
			set_rgb(cr, sp->p->color);
			if (sp->p->leader_pattern == LEADER_RULE) {
				cairo_set_line_width(cr, sp->p->rule_thickness);
				cairo_move_to(cr, ox, base - sp->p->rule_thickness / 2);
				cairo_line_to(cr, ox + w, base - sp->p->rule_thickness / 2);
				cairo_stroke(cr);
			} else if (sp->p->leader_pattern == LEADER_DOTS) {
				double step = sp->p->font_size * 0.4, d;
				for (d = ox + step / 2; d + 0.5 < ox + w; d += step) {
					cairo_arc(cr, d, base - 0.6, sp->p->font_size * 0.06, 0, 2 * M_PI);
					cairo_fill(cr);
				}
			}
			break;
		case FO_EXTERNAL_GRAPHIC:
			if (sp->image) {
				cairo_surface_t *img = sp->image;
				double sx = sp->obj_w / cairo_image_surface_get_width(img);
				double sy = sp->obj_h / cairo_image_surface_get_height(img);
				/* cairo 1.16 lists an image drawn twice on a page twice
				 * in the page's resources: draw a copy the second time */
				if (g_hash_table_contains(D->page_images, img)) {
					cairo_t *c2;
					img = cairo_surface_create_similar_image(sp->image, cairo_image_surface_get_format(sp->image),
					    cairo_image_surface_get_width(sp->image), cairo_image_surface_get_height(sp->image));
					c2 = cairo_create(img);
					cairo_set_source_surface(c2, sp->image, 0, 0);
					cairo_paint(c2);
					cairo_destroy(c2);
				} else {
					g_hash_table_add(D->page_images, img);
					cairo_surface_reference(img);
				}
				cairo_save(cr);
				cairo_translate(cr, ox, base - sp->obj_h);
				cairo_scale(cr, sx, sy);
				cairo_set_source_surface(cr, img, 0, 0);
				cairo_paint(cr);
				cairo_restore(cr);
				cairo_surface_destroy(img);
			}
			break;
		case FO_INSTREAM:
			if (sp->foreign) {
				cairo_save(cr);
				cairo_translate(cr, ox, base - sp->obj_h);
				sp->handler->draw(sp->foreign, cr);
				cairo_restore(cr);
			}
			break;
		default:
			break;
		}
	}
}

/* A line of an element that holds nothing but such lines on one page
 * (a leaf of the structure tree, the only kind whose content cairo 1.16
 * marks): the layout at once, then a link annotation over each link. */
static void
draw_plain_line(struct draw *D, const struct fo_item *it, PangoLayout *lay, double x, double y)
{
	const struct fo_line *l = &it->u.line;
	int lay_base = pango_layout_get_baseline(lay);
	cairo_set_source_rgb(D->cr, 0, 0, 0);
	cairo_move_to(D->cr, x, y + l->baseline - lay_base / (double)PANGO_SCALE);
	pango_cairo_show_layout(D->cr, lay);
}

/* The span a run of the line's layout shows (the appended hyphen
 * belongs to the line's last span). */
static const struct fo_span *
run_span(const struct fo_line *l, size_t laylen, const PangoLayoutRun *run)
{
	size_t off = (size_t)run->item->offset, end = l->end;
	const struct fo_para *pp = l->para;
	size_t i;
	if (off >= laylen - (l->hyphen ? 1 : 0) && laylen > 0)
		off = end > l->start ? end - l->start - 1 : 0;
	off += l->start;
	for (i = 0; i < pp->nspans; i++)
		if (pp->spans[i].start <= off && off < pp->spans[i].end)
			return &pp->spans[i];
	return pp->nspans ? &pp->spans[pp->nspans - 1] : NULL;
}

/* A line of an element with other elements in it, or across pages: its
 * text in leaf elements of its own -- each stretch of it in a Span, the
 * text of each link in a Link element with the link's annotation -- so
 * that all of it is tagged and the element stays a parent. */
/* A stretch of a line drawn in one leaf element. */
struct group {
	const struct fo_node *link;
	double x0, x1;
	int annot;                      /* the link has a target: an annotation */
};

/* Opens the leaf element of a stretch: a Span, or the Link element cairo
 * makes for a link annotation (the stretch's text is then the link's). */
static void
begin_group(struct draw *D, const struct fo_item *it, struct group *g, double y)
{
	struct av_buf a = {0};
	g->annot = g->link && link_attrs(D, g->link, NULL, g->x0, y, g->x1 - g->x0, it->h, &a) == 0;
	cairo_tag_begin(D->cr, g->annot ? CAIRO_TAG_LINK : "Span", g->annot ? a.data : NULL);
	av_buf_free(&a);
}

static void
draw_line_runs(struct draw *D, const struct fo_item *it, PangoLayout *lay, double x, double y)
{
	const struct fo_line *l = &it->u.line;
	const char *text = pango_layout_get_text(lay);
	size_t laylen = strlen(text), ng = 0, gcap = 0, gi = 0;
	double oy = y + l->baseline - pango_layout_get_baseline(lay) / (double)PANGO_SCALE;
	PangoLayoutIter *iter;
	struct group *g = NULL;
	int pass, open = 0;

	/* first the stretches and their extents, then the drawing */
	for (pass = 0; pass < 2; pass++) {
		iter = pango_layout_get_iter(lay);
		do {
			PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
			const struct fo_span *sp;
			const struct fo_node *link;
			PangoRectangle r;
			double rx, base;
			if (run == NULL)
				continue;       /* the end of a line */
			sp = run_span(l, laylen, run);
			link = sp ? sp->link : NULL;
			pango_layout_iter_get_run_extents(iter, NULL, &r);
			rx = x + r.x / (double)PANGO_SCALE;
			if (pass == 0) {
				if (ng == 0 || g[ng - 1].link != link) {
					g = av_xgrow(g, &gcap, ng + 1, sizeof *g);
					g[ng].link = link;
					g[ng].x0 = rx;
					ng++;
				}
				g[ng - 1].x1 = rx + r.width / (double)PANGO_SCALE;
				continue;
			}
			if (open && link != g[gi].link) {
				cairo_tag_end(D->cr, g[gi].annot ? CAIRO_TAG_LINK : "Span");
				open = 0;
				gi++;
			}
			if (!open) {
				begin_group(D, it, &g[gi], y);
				open = 1;
			}
			base = oy + pango_layout_iter_get_baseline(iter) / (double)PANGO_SCALE -
			    (sp ? sp->p->baseline_shift : 0);
			set_rgb(D->cr, sp ? sp->p->color : 0);
			cairo_move_to(D->cr, rx, base);
			pango_cairo_show_glyph_item(D->cr, text, run);
			if (sp && sp->p->underline) {
				cairo_rectangle(D->cr, rx, base + sp->p->font_size * 0.1, r.width / (double)PANGO_SCALE,
				    sp->p->font_size * 0.05);
				cairo_fill(D->cr);
			}
		} while (pango_layout_iter_next_run(iter));
		pango_layout_iter_free(iter);
	}
	if (open)
		cairo_tag_end(D->cr, g[gi].annot ? CAIRO_TAG_LINK : "Span");
	free(g);
}

static void
draw_line(struct draw *D, const struct fo_item *it, double ox, double y)
{
	const struct fo_line *l = &it->u.line;
	PangoLayout *lay = av_fo_line_layout(D->L, l);
	double x = ox + it->x + l->xoff;
	const struct fo_para *pp = l->para;
	const struct fo_struct *st = it->st;
	size_t i;

	if (D->tagged && st && (st->nkids > 0 || st->first_page != st->last_page || st->links)) {
		int links = 0;
		for (i = 0; i < pp->nspans && !links; i++)
			links = pp->spans[i].link && pp->spans[i].end > l->start && pp->spans[i].start < l->end;
		if (links) {
			draw_line_runs(D, it, lay, x, y);
		} else {
			/* the element's lines on this page in one Span */
			if (D->span == NULL || D->span_of != st || D->span_page != D->page) {
				D->span = av_fo_struct_new(D->L, (struct fo_struct *)st, "Span");
				D->span->first_page = D->span->last_page = (long)D->page;
				D->span_of = st;
				D->span_page = D->page;
			}
			enter(D, D->span);
			draw_plain_line(D, it, lay, x, y);
		}
		draw_objects(D, it, lay, x, y);
		g_object_unref(lay);
		return;
	}
	draw_plain_line(D, it, lay, x, y);
	draw_objects(D, it, lay, x, y);
	/* links over their spans */
	for (i = 0; i < pp->nspans; i++) {
		const struct fo_span *sp = &pp->spans[i];
		size_t s, e;
		PangoRectangle r0, r1;
		if (!sp->link || sp->end <= l->start || sp->start >= l->end)
			continue;
		s = sp->start > l->start ? sp->start : l->start;
		e = sp->end < l->end ? sp->end : l->end;
		/* merge with the following spans of the same link */
		while (i + 1 < pp->nspans && pp->spans[i + 1].link == sp->link && pp->spans[i + 1].start < l->end) {
			i++;
			e = pp->spans[i].end < l->end ? pp->spans[i].end : l->end;
		}
		while (e > s && pp->text[e - 1] == ' ')
			e--;
		if (e <= s)
			continue;
		pango_layout_index_to_pos(lay, (int)(s - l->start), &r0);
		if (e - l->start >= (size_t)strlen(pango_layout_get_text(lay)))
			pango_layout_index_to_pos(lay, (int)strlen(pango_layout_get_text(lay)), &r1);
		else
			pango_layout_index_to_pos(lay, (int)(e - l->start), &r1);
		{
			double x0 = x + r0.x / (double)PANGO_SCALE, x1 = x + r1.x / (double)PANGO_SCALE;
			if (e >= l->end && (e - l->start) >= strlen(pango_layout_get_text(lay))) {
				PangoRectangle ink, logical;
				pango_layout_get_extents(lay, &ink, &logical);
				x1 = x + logical.width / (double)PANGO_SCALE;
			}
			link_rect(D, sp->link, NULL, x0, y, x1 - x0, it->h);
		}
	}
	g_object_unref(lay);
}

static void
draw_foreign(struct draw *D, const struct fo_item *it, double ox, double y)
{
	const void *obj = it->u.foreign.obj;
	const struct av_foreign *h = it->u.foreign.handler;
	double x = ox + it->x;
	size_t i, n;
	if (obj == NULL)
		return;
	if (it->node->parent && it->node->parent->p->text_align == ALIGN_CENTER)
		x += (it->w - it->u.foreign.ow) / 2;
	else if (it->node->parent && it->node->parent->p->text_align == ALIGN_END)
		x += it->w - it->u.foreign.ow;
	cairo_save(D->cr);
	cairo_translate(D->cr, x, y);
	h->draw((void *)obj, D->cr);
	cairo_restore(D->cr);
	if (it->st && it->st->alt == NULL && h->alt_text) {
		/* the handler's text stands in for a missing fox:alt-text */
		char *alt = h->alt_text((void *)obj);
		if (alt && D->nalts > 0 && D->alts[D->nalts - 1] == NULL) {
			D->owned_alts = av_xgrow(D->owned_alts, &D->ownedcap, D->nowned + 1, sizeof *D->owned_alts);
			D->owned_alts[D->nowned++] = alt;
			D->alts[D->nalts - 1] = alt;
		} else
			free(alt);
	}
	n = h->nlinks ? h->nlinks((void *)obj) : 0;
	/* the links beside the figure in the structure, which keeps the
	 * figure a leaf whose drawing is tagged */
	if (n > 0 && D->tagged && it->st)
		close_to(D, it->st->depth);
	for (i = 0; i < n; i++) {
		double lx, ly, lw, lh;
		const char *id = h->link((void *)obj, i, &lx, &ly, &lw, &lh);
		size_t page;
		double ty;
		if (id == NULL || target(D, id, &page, &ty) != 0)
			continue;
		link_rect(D, NULL, id, x + lx, y + ly, lw, lh);
	}
}

/* The cells of a row at y: all of each, or the part `sl` shows. */
static void
draw_row(struct draw *D, const struct fo_item *it, const struct fo_slice *sl, double ox, double y)
{
	double rh = sl ? sl->h : it->h;
	size_t j, k;
	if (it->node && it->node->kind == FO_TABLE_ROW && it->node->p->has_background) {
		const struct fo_props *rp = it->node->p;
		set_rgb(D->cr, rp->background);
		cairo_rectangle(D->cr, ox + it->x, y, it->w, rh);
		cairo_fill(D->cr);
	}
	for (j = 0; j < it->u.row.ncells; j++) {
		const struct fo_cell *ce = &it->u.row.cells[j];
		double ch = sl ? rh : ce->rows > 1 ? ce->span_h : rh;
		double cy, inner, *ys, from = sl ? sl->from[j] : 0, to = sl ? sl->to[j] : INFINITY;
		if (D->tagged)
			enter(D, ce->st);
		draw_box(D->cr, ce->p, ox + ce->x, y, ce->w, ch, 1, 1, ce->collapse);
		cy = y + ce->inset[SIDE_BEFORE];
		inner = ch - ce->inset[SIDE_BEFORE] - ce->inset[SIDE_AFTER];
		if (sl == NULL && ce->p->display_align == 1)
			cy += (inner - ce->content_h) / 2;
		else if (sl == NULL && ce->p->display_align == 2)
			cy += inner - ce->content_h;
		ys = av_xmalloc((ce->items->n + 1) * sizeof *ys);
		for (k = 0; k < ce->items->n; k++) {
			double iy = ce->items->v[k].y;
			ys[k] = iy < from - 0.01 || iy >= to - 0.01 ? NAN : iy - from;
		}
		draw_list(D, ce->items, ys, ox, cy);
		free(ys);
	}
}

static void
draw_item(struct draw *D, const struct fo_vlist *v, size_t idx, double ox, double y, const struct fo_place *pl)
{
	const struct fo_item *it = &v->v[idx];
	if (it->overlay) {
		double *ys = av_xmalloc((it->overlay->n + 1) * sizeof *ys);
		size_t k;
		for (k = 0; k < it->overlay->n; k++)
			ys[k] = it->overlay->v[k].y;
		draw_list(D, it->overlay, ys, ox, y);
		free(ys);
	}
	if (it->kind != IT_SPACE && it->st && D->tagged && !(D->span && D->span->parent == it->st &&
	    D->nopen > 0 && D->open[D->nopen - 1] == D->span))
		enter(D, it->st);
	if (D->tagged)
		destinations(D, it, ox + it->x, y);
	switch (it->kind) {
	case IT_LINE:
		draw_line(D, it, ox, y);
		break;
	case IT_ROW:
		draw_row(D, it, pl ? pl->slice : NULL, ox, y);
		break;
	case IT_FOREIGN:
		draw_foreign(D, it, ox, y);
		break;
	case IT_SPACE:
	case IT_EDGE:
		break;
	default:
		assert(!"unknown item kind");
	}
}

static void
draw_list(struct draw *D, const struct fo_vlist *v, const double *ys, double ox, double oy)
{
	size_t i;
	draw_decos(D, v, ys, NULL, ox, oy);
	for (i = 0; i < v->n; i++)
		if (!isnan(ys[i]))
			draw_item(D, v, i, ox, oy + ys[i], NULL);
}

static void
draw_static(struct draw *D, const struct fo_vlist *v, const struct fo_region *r)
{
	double *ys;
	size_t i;
	if (v->n == 0)
		return;
	av_fo_stack((struct fo_vlist *)v);
	ys = av_xmalloc((v->n + 1) * sizeof *ys);
	for (i = 0; i < v->n; i++)
		ys[i] = v->v[i].y;
	D->tagged = 0;
	draw_list(D, v, ys, r->x, r->y);
	D->tagged = 1;
	free(ys);
}

static void
draw_page(struct draw *D, const struct fo_page *pg)
{
	const struct fo_vlist *v = pg->flow;
	double *ys = av_xmalloc((v->n + 1) * sizeof *ys), *hs = av_xmalloc((v->n + 1) * sizeof *hs);
	size_t i;
	for (i = 0; i < v->n; i++) {
		ys[i] = NAN;
		hs[i] = v->v[i].h;
	}
	draw_static(D, &pg->before_items, &pg->before);
	draw_static(D, &pg->after_items, &pg->after);
	D->tagged = 1;
	/* decorations first, under the content; then the items in order */
	for (i = 0; i < pg->npl; i++) {
		ys[pg->pl[i].item] = pg->pl[i].y;
		hs[pg->pl[i].item] = pg->pl[i].h;
	}
	draw_decos(D, v, ys, hs, pg->body.x, pg->body.y);
	for (i = 0; i < pg->npl; i++) {
		/* a repeated header or footer row is drawn outside the structure */
		D->tagged = !pg->pl[i].repeat;
		draw_item(D, v, pg->pl[i].item, pg->body.x, pg->body.y + pg->pl[i].y, &pg->pl[i]);
	}
	D->tagged = 1;
	/* the elements that end on this page; those going on stay open, so
	 * that a paragraph, list or table across pages is one element.  A
	 * table row broken across pages is closed, and its part on the next
	 * page is a row of its own (cells, each whole in the grid): cairo
	 * cannot open a cell again once it has gone on to the next one. */
	for (i = 0; i < (size_t)D->nopen; i++)
		if (D->open[i]->last_page <= (long)D->page || strcmp(D->open[i]->tag, "TR") == 0)
			break;
	close_to(D, (int)i);
	free(ys);
	free(hs);
}

/* ---- What the structure elements hold ---- */

static void
note_struct(struct fo_struct *st, long page)
{
	for (; st; st = st->parent) {
		if (st->first_page < 0 || page < st->first_page)
			st->first_page = page;
		if (page > st->last_page)
			st->last_page = page;
	}
}

static void
note_list(const struct fo_vlist *v, long page)
{
	size_t i;
	for (i = 0; i < v->n; i++) {
		const struct fo_item *it = &v->v[i];
		size_t c;
		if (it->overlay)
			note_list(it->overlay, page);
		if (it->kind == IT_SPACE || it->st == NULL)
			continue;
		note_struct(it->st, page);
		if (it->kind == IT_LINE)
			for (c = 0; c < it->u.line.para->nspans; c++) {
				const struct fo_span *sp = &it->u.line.para->spans[c];
				if (sp->link && sp->end > it->u.line.start && sp->start < it->u.line.end)
					it->st->links = 1;
			}
		if (it->kind == IT_ROW)
			for (c = 0; c < it->u.row.ncells; c++) {
				note_struct(it->u.row.cells[c].st, page);
				note_list(it->u.row.cells[c].items, page);
			}
	}
}

/* Which pages each structure element has content on, and whether it has
 * child elements: cairo 1.16 marks the content of leaf elements only, so
 * the lines of an element that is not a leaf are drawn in leaves of their
 * own (draw_line_runs()). */
static void
note_structs(struct fo_layout_ctx *L, const struct fo_doc *doc)
{
	size_t i, k;
	for (i = 0; i < L->nstructs; i++) {
		L->structs[i]->first_page = L->structs[i]->last_page = -1;
		L->structs[i]->nkids = 0;
		L->structs[i]->links = 0;
	}
	for (i = 0; i < L->nstructs; i++)
		if (L->structs[i]->parent)
			L->structs[i]->parent->nkids++;
	for (i = 0; i < doc->npages; i++) {
		const struct fo_page *pg = &doc->pages[i];
		for (k = 0; k < pg->npl; k++) {
			const struct fo_item *it = &pg->flow->v[pg->pl[k].item];
			struct fo_vlist one;
			if (pg->pl[k].repeat)
				continue;
			/* a row's cells are noted whole: a row broken across
			 * pages has its cells on both */
			memset(&one, 0, sizeof one);
			one.v = (struct fo_item *)it;
			one.n = 1;
			note_list(&one, (long)i);
		}
	}
	if (L->doc_struct)
		note_struct(L->doc_struct, (long)doc->npages - 1);
}


/* ---- Bookmarks ---- */

static char *
plain_text(const struct fo_node *n)
{
	struct av_buf b = {0};
	const struct fo_node *c;
	for (c = n->first; c; c = c->next) {
		if (c->kind == FO_TEXT)
			av_buf_adds(&b, c->text);
		else {
			char *t = plain_text(c);
			av_buf_adds(&b, t);
			free(t);
		}
	}
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

static void
bookmarks(struct draw *D, const struct fo_node *parent, int parent_id)
{
	const struct fo_node *b, *c;
	for (b = parent->first; b; b = b->next) {
		char *title = NULL;
		struct av_buf a = {0};
		char b1[G_ASCII_DTOSTR_BUF_SIZE];
		size_t page;
		double y;
		int id;
		if (b->kind != FO_BOOKMARK)
			continue;
		for (c = b->first; c; c = c->next)
			if (c->kind == FO_BOOKMARK_TITLE && title == NULL)
				title = plain_text(c);
		if (title == NULL)
			title = av_xstrdup("");
		g_strstrip(title);
		if (b->internal_dest && target(D, b->internal_dest, &page, &y) == 0) {
			av_buf_printf(&a, "page=%zu pos=[0 %s]", page, num(b1, y));
		} else if (b->external_dest) {
			av_buf_adds(&a, "uri=");
			quoted(&a, b->external_dest);
		} else {
			if (b->internal_dest)
				av_diag(D->L->d, AV_D_FO_LINK, &b->loc, "bookmark to id '%s', which does not exist",
				    b->internal_dest);
			av_buf_adds(&a, "page=1");
		}
		id = cairo_pdf_surface_add_outline(D->surface, parent_id, title, a.data,
		    b->starting_state_hide ? 0 : CAIRO_PDF_OUTLINE_FLAG_OPEN);
		av_buf_free(&a);
		free(title);
		bookmarks(D, b, id);
	}
}

/* ---- The document ---- */

int
av_fo_draw(struct fo_layout_ctx *L, const struct fo_doc *doc, struct av_buf *pdf, const char *date,
    const char ***alts, size_t *nalts, char ***owned, size_t *nowned)
{
	struct draw D;
	const struct fo_meta *m = &L->tree->meta;
	const struct fo_node *n;
	size_t i;
	cairo_status_t st;
	char creator[64];

	memset(&D, 0, sizeof D);
	D.L = L;
	D.doc = doc;
	D.surface = cairo_pdf_surface_create_for_stream(write_buf, pdf, doc->pages[0].w, doc->pages[0].h);
	if (m->title)
		cairo_pdf_surface_set_metadata(D.surface, CAIRO_PDF_METADATA_TITLE, m->title);
	if (m->author)
		cairo_pdf_surface_set_metadata(D.surface, CAIRO_PDF_METADATA_AUTHOR, m->author);
	if (m->subject)
		cairo_pdf_surface_set_metadata(D.surface, CAIRO_PDF_METADATA_SUBJECT, m->subject);
	if (m->keywords)
		cairo_pdf_surface_set_metadata(D.surface, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
	snprintf(creator, sizeof creator, "ansvar %s", PACKAGE_VERSION);
	cairo_pdf_surface_set_metadata(D.surface, CAIRO_PDF_METADATA_CREATOR, creator);
	if (date) {
		cairo_pdf_surface_set_metadata(D.surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(D.surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
	D.cr = cairo_create(D.surface);
	av_fonts_prepare_cairo(D.cr);
	note_structs(L, doc);
	for (i = 0; i < doc->npages; i++) {
		const struct fo_page *pg = &doc->pages[i];
		char *label = pg->seq->label_prefix ? g_strconcat(pg->seq->label_prefix, pg->label, NULL)
		    : g_strdup(pg->label);
		D.page = i;
		cairo_pdf_surface_set_size(D.surface, pg->w, pg->h);
		cairo_pdf_surface_set_page_label(D.surface, label);
		g_free(label);
		D.page_images = g_hash_table_new(g_direct_hash, g_direct_equal);
		draw_page(&D, pg);
		cairo_show_page(D.cr);
		g_hash_table_destroy(D.page_images);
	}
	for (n = L->tree->root->first; n; n = n->next)
		if (n->kind == FO_BOOKMARK_TREE)
			bookmarks(&D, n, CAIRO_PDF_OUTLINE_ROOT);
	cairo_destroy(D.cr);
	cairo_surface_finish(D.surface);
	st = cairo_surface_status(D.surface);
	cairo_surface_destroy(D.surface);
	av_pdf_resolve_links(pdf);
	*alts = D.alts;
	*nalts = D.nalts;
	*owned = D.owned_alts;
	*nowned = D.nowned;
	if (st != CAIRO_STATUS_SUCCESS) {
		av_diag_at(L->d, AV_D_INTERNAL, L->tree->file, 0, 0, "cairo cannot write the PDF: %s",
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
