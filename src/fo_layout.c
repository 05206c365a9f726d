/* fo_layout.c -- lays out blocks, lines (total-fit over pango widths, hyphenation), lists and tables into item lists. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fo_int.h"
#include "fonts.h"
#include "hyphenate.h"

#define OBJ_CHAR "\xef\xbf\xbc"         /* U+FFFC, stands for an inline object */
#define SOFT_HYPHEN 0x00ad

/* Where block-level content goes and what it inherits from its container. */
struct area {
	struct fo_vlist *out;
	double xref, wref;              /* the reference area, x from the region's left edge */
	double label_end_x;             /* right edge of a list-item label's content */
	struct fo_struct *st;
	struct fo_deco *deco;
	int pending_keep;
	enum fo_break pending_break;
	const struct fo_node **ids;     /* ids waiting for the next item */
	size_t nids, idcap;
};

/* A paragraph being collected. */
struct pbuild {
	struct av_buf text;
	struct fo_span *spans;
	size_t nspans, cap;
	struct {
		size_t off;
		const struct fo_node *node;
		int kind;               /* 0 id, 1 change-bar-begin, 2 change-bar-end */
	} *marks;
	size_t nmarks, markcap;
	int has_content;
};

struct cb_open {
	struct fo_vlist *list;
	size_t first;
	const struct fo_node *node;
};

static void blocks_of(struct fo_layout_ctx *L, const struct fo_node *parent, struct area *a);
static void block(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a);

/* ---- Fonts ---- */

static char *
font_key(const struct fo_props *p)
{
	char s[G_ASCII_DTOSTR_BUF_SIZE];
	return g_strdup_printf("%s|%d|%d|%s", p->font_family, p->font_weight, p->italic,
	    g_ascii_formatd(s, sizeof s, "%.3f", p->font_size));
}

PangoFontDescription *
av_fo_font(struct fo_layout_ctx *L, const struct fo_props *p)
{
	PangoFontDescription *fd = g_hash_table_lookup(L->font_of, p);
	char *key;
	if (fd)
		return fd;      /* the same properties again: no key to build */
	key = font_key(p);
	fd = g_hash_table_lookup(L->fonts, key);
	if (fd == NULL) {
		fd = pango_font_description_new();
		pango_font_description_set_family(fd, p->font_family);
		pango_font_description_set_weight(fd, (PangoWeight)p->font_weight);
		pango_font_description_set_style(fd, p->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
		pango_font_description_set_absolute_size(fd, p->font_size * PANGO_SCALE);
		g_hash_table_insert(L->fonts, key, fd);
	} else
		g_free(key);
	g_hash_table_insert(L->font_of, (gpointer)p, fd);
	return fd;
}

/* The font key of a span's properties, interned in the cache: the same
 * address for the same font in every document the cache serves. */
static const char *
font_id(struct fo_layout_ctx *L, const struct fo_props *p)
{
	const char *id = g_hash_table_lookup(L->fontkey_of, p);
	if (id == NULL) {
		char *key = font_key(p);
		id = av_fo_cache_intern(L->cache, key);
		g_free(key);
		g_hash_table_insert(L->fontkey_of, (gpointer)p, (gpointer)id);
	}
	return id;
}

static const struct fo_metrics *
metrics(struct fo_layout_ctx *L, const struct fo_props *p)
{
	struct fo_metrics *m = g_hash_table_lookup(L->metrics_of, p);
	char *key;
	if (m)
		return m;
	/* measured in an earlier document of the cache, or now */
	key = g_strdup_printf("%s|%s", L->lang, font_id(L, p));
	m = g_hash_table_lookup(L->metrics, key);
	if (m == NULL) {
		PangoFontDescription *fd = av_fo_font(L, p);
		PangoFontMetrics *pm = pango_context_get_metrics(L->pango, fd, NULL);
		PangoLayout *lay = pango_layout_new(L->pango);
		PangoRectangle r;
		m = av_xmalloc(sizeof *m);
		m->ascent = pango_font_metrics_get_ascent(pm) / (double)PANGO_SCALE;
		m->descent = pango_font_metrics_get_descent(pm) / (double)PANGO_SCALE;
		pango_font_metrics_unref(pm);
		pango_layout_set_font_description(lay, fd);
		pango_layout_set_text(lay, "-", 1);
		pango_layout_get_extents(lay, NULL, &r);
		m->hyphen = r.width / (double)PANGO_SCALE;
		g_object_unref(lay);
		g_hash_table_insert(L->metrics, key, m);
	} else
		g_free(key);
	g_hash_table_insert(L->metrics_of, (gpointer)p, m);
	return m;
}

/* ---- Context ---- */

static void
unref_surface(gpointer s)
{
	if (s)
		cairo_surface_destroy(s);
}

void
av_fo_layout_init(struct fo_layout_ctx *L, struct fo_tree *t, const struct av_fo_options *opt,
    struct av_diags *d)
{
	memset(L, 0, sizeof *L);
	L->tree = t;
	L->d = d;
	L->opt = opt;
	if (opt && opt->cache) {
		L->cache = opt->cache;
	} else {
		L->cache = av_fo_cache_new();
		L->own_cache = 1;
	}
	L->pango = g_object_ref(av_fo_cache_context(L->cache, t->lang));
	L->lang = av_fo_cache_intern(L->cache, t->lang ? t->lang : "");
	L->fontkey_of = g_hash_table_new(g_direct_hash, g_direct_equal);
	L->metrics = av_fo_cache_metrics(L->cache);
	L->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)pango_font_description_free);
	L->font_of = g_hash_table_new(g_direct_hash, g_direct_equal);
	L->metrics_of = g_hash_table_new(g_direct_hash, g_direct_equal);
	L->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, unref_surface);
	L->glyph_warned = g_hash_table_new(g_direct_hash, g_direct_equal);
	L->role_warned = g_hash_table_new(g_str_hash, g_str_equal);
	L->cb_open = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
	L->used_refs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
}

void
av_fo_layout_fini(struct fo_layout_ctx *L)
{
	size_t i;
	for (i = 0; i < L->nstructs; i++)
		free(L->structs[i]);
	free(L->structs);
	g_hash_table_destroy(L->fonts);
	g_hash_table_destroy(L->font_of);
	g_hash_table_destroy(L->metrics_of);
	g_hash_table_destroy(L->images);
	g_hash_table_destroy(L->glyph_warned);
	g_hash_table_destroy(L->role_warned);
	g_hash_table_destroy(L->cb_open);
	g_hash_table_destroy(L->used_refs);
	if (L->pango)
		g_object_unref(L->pango);
	g_hash_table_destroy(L->fontkey_of);
	av_buf_free(&L->key);
	for (i = 0; i < L->npreps; i++) {
		if (L->preps[i].obj)
			L->preps[i].handler->free_obj(L->preps[i].obj);
		av_diags_free(&L->preps[i].diags);
	}
	free(L->preps);
	if (L->own_cache)
		av_fo_cache_free(L->cache);
	memset(L, 0, sizeof *L);
}

struct fo_struct *
av_fo_struct_new(struct fo_layout_ctx *L, struct fo_struct *parent, const char *tag)
{
	struct fo_struct *s = av_xcalloc(1, sizeof *s);
	s->parent = parent;
	s->tag = tag;
	s->depth = parent ? parent->depth + 1 : 0;
	L->structs = av_xgrow(L->structs, &L->structcap, L->nstructs + 1, sizeof *L->structs);
	L->structs[L->nstructs++] = s;
	return s;
}

/* ---- Item lists ---- */

static void
para_unref(struct fo_para *p)
{
	size_t i;
	if (p == NULL || --p->refs > 0)
		return;
	for (i = 0; i < p->nspans; i++)
		if (p->spans[i].foreign && p->spans[i].handler)
			p->spans[i].handler->free_obj(p->spans[i].foreign);
	free(p->spans);
	free(p->text);
	free(p);
}

void
av_fo_vlist_free(struct fo_vlist *l)
{
	size_t i, j;
	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		struct fo_item *it = &l->v[i];
		free(it->ids);
		if (it->overlay) {
			av_fo_vlist_free(it->overlay);
			free(it->overlay);
		}
		switch (it->kind) {
		case IT_LINE:
			para_unref(it->u.line.para);
			break;
		case IT_ROW:
			for (j = 0; j < it->u.row.ncells; j++) {
				av_fo_vlist_free(it->u.row.cells[j].items);
				free(it->u.row.cells[j].items);
			}
			free(it->u.row.cells);
			break;
		case IT_FOREIGN:        /* the object is the layout context's */
			break;
		case IT_SPACE:
		case IT_EDGE:
			break;
		default:
			assert(!"unknown item kind");
		}
	}
	free(l->v);
	for (i = 0; i < l->ndecos; i++)
		free(l->decos[i]);
	free(l->decos);
	free(l->tables);
	memset(l, 0, sizeof *l);
}

static struct fo_item *
append(struct area *a, enum fo_item_kind kind, double h, const struct fo_node *node)
{
	struct fo_vlist *l = a->out;
	struct fo_item *it;

	if (kind == IT_SPACE) {
		if (h <= 0)
			return NULL;
		if (l->n > 0 && l->v[l->n - 1].kind == IT_SPACE) {
			it = &l->v[l->n - 1];
			if (h > it->h)
				it->h = h;
			return it;
		}
	}
	/* A keep binds the boundary before the last item; when that is a
	 * space (which is never placed: a page may break before it or
	 * after it), the boundary before the space too -- so a
	 * keep-with-previous, or a keep-with-next whose own space-after is
	 * zero, holds across the space after the previous block. */
	if (l->n > 0 && a->pending_keep > l->v[l->n - 1].nobreak_after)
		l->v[l->n - 1].nobreak_after = a->pending_keep;
	if (l->n > 1 && l->v[l->n - 1].kind == IT_SPACE && a->pending_keep > l->v[l->n - 2].nobreak_after)
		l->v[l->n - 2].nobreak_after = a->pending_keep;
	l->v = av_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->h = h;
	it->x = a->xref;
	it->w = a->wref;
	it->node = node;
	it->deco = a->deco;
	it->st = a->st;
	if (kind != IT_SPACE) {
		it->break_before = a->pending_break;
		a->pending_break = BRK_AUTO;
		a->pending_keep = 0;
		if (a->nids) {
			it->ids = a->ids;
			it->nids = a->nids;
			a->ids = NULL;
			a->nids = a->idcap = 0;
		}
	}
	return it;
}

static void
add_id(struct area *a, const struct fo_node *n)
{
	a->ids = av_xgrow(a->ids, &a->idcap, a->nids + 1, sizeof *a->ids);
	a->ids[a->nids++] = n;
}

/* An id added to an item already made: its array holds exactly nids. */
static void
item_add_id(struct fo_item *it, const struct fo_node *n)
{
	it->ids = av_xrealloc(it->ids, (it->nids + 1) * sizeof *it->ids);
	it->ids[it->nids++] = n;
}

/* Ids left without a following item go to the last item of the list. */
static void
flush_ids(struct area *a)
{
	struct fo_vlist *l = a->out;
	struct fo_item *it;
	size_t i;
	if (a->nids == 0)
		return;
	if (l->n == 0) {
		append(a, IT_EDGE, 0, NULL);
		return;
	}
	it = &l->v[l->n - 1];
	for (i = 0; i < a->nids; i++)
		item_add_id(it, a->ids[i]);
	free(a->ids);
	a->ids = NULL;
	a->nids = a->idcap = 0;
}

static struct fo_deco *
new_deco(struct fo_vlist *l, const struct fo_props *p, const struct fo_node *n, double x, double w)
{
	struct fo_deco *dc = av_xcalloc(1, sizeof *dc);
	dc->p = p;
	dc->node = n;
	dc->x = x;
	dc->w = w;
	dc->first = l->n;
	dc->last = (size_t)-1;
	l->decos = av_xgrow(l->decos, &l->decocap, l->ndecos + 1, sizeof *l->decos);
	l->decos[l->ndecos++] = dc;
	return dc;
}

static int
has_deco(const struct fo_props *p)
{
	int s;
	if (p->has_background)
		return 1;
	for (s = 0; s < 4; s++)
		if (p->border_w[s] > 0)
			return 1;
	return 0;
}

/* Positions the items of a list one below the other (spaces between
 * items resolved, leading and trailing spaces dropped); returns the height. */
double
av_fo_stack(struct fo_vlist *l)
{
	double y = 0, pending = 0;
	size_t i;
	int started = 0;
	for (i = 0; i < l->n; i++) {
		struct fo_item *it = &l->v[i];
		if (it->kind == IT_SPACE) {
			it->y = y;
			if (started)
				pending = it->h > pending ? it->h : pending;
			continue;
		}
		y += pending;
		pending = 0;
		started = 1;
		it->y = y;
		y += it->h;
	}
	return y;
}

/* ---- Images ---- */

/* The resolution of a PNG from its pHYs chunk, else 0. */
static double
png_dpi(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char h[8], c[8], data[9];
	double dpi = 0;
	int guard = 0;
	if (fp == NULL)
		return 0;
	if (fread(h, 1, 8, fp) != 8)
		goto out;
	while (guard++ < 64 && fread(c, 1, 8, fp) == 8) {
		unsigned long len = (unsigned long)c[0] << 24 | c[1] << 16 | c[2] << 8 | c[3];
		if (memcmp(c + 4, "IDAT", 4) == 0 || len > (1ul << 30))
			break;
		if (memcmp(c + 4, "pHYs", 4) == 0 && len == 9) {
			if (fread(data, 1, 9, fp) == 9 && data[8] == 1) {
				unsigned long ppm = (unsigned long)data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3];
				dpi = ppm * 0.0254;
			}
			break;
		}
		if (fseek(fp, (long)len + 4, SEEK_CUR) != 0)
			break;
	}
out:
	fclose(fp);
	return dpi > 10 && dpi < 10000 ? dpi : 0;
}

static char *
image_path(struct fo_layout_ctx *L, const char *src)
{
	char *s = g_strdup(src), *p = s, *path;
	size_t n;
	if (strncmp(p, "url(", 4) == 0) {
		p += 4;
		n = strlen(p);
		if (n && p[n - 1] == ')')
			p[--n] = '\0';
	}
	if (*p == '\'' || *p == '"') {
		p++;
		n = strlen(p);
		if (n)
			p[n - 1] = '\0';
	}
	if (strncmp(p, "file://", 7) == 0)
		p += 7;
	if (*p == '/' || L->basedir == NULL)
		path = g_strdup(p);
	else
		path = g_build_filename(L->basedir, p, NULL);
	g_free(s);
	return path;
}

/* Loads (once) a PNG; *iw, *ih its intrinsic size in pt. */
static cairo_surface_t *
load_image(struct fo_layout_ctx *L, const struct fo_node *n, double *iw, double *ih)
{
	char *path;
	cairo_surface_t *s;
	double dpi;
	if (n->src == NULL) {
		av_diag(L->d, AV_D_FO_IMAGE, &n->loc, "fo:external-graphic without src");
		return NULL;
	}
	path = image_path(L, n->src);
	if (!g_hash_table_lookup_extended(L->images, path, NULL, (gpointer *)&s)) {
		unsigned w = 0, h = 0;
		enum av_png_probe probe = AV_PNG_NOT_PNG;
		s = NULL;
		if (strstr(path, "://")) {
			av_diag(L->d, AV_D_FO_IMAGE, &n->loc, "image '%s' is not a local file; not loaded", n->src);
		} else if ((probe = av_png_probe(path, &w, &h)) != AV_PNG_OK) {
			/* Checked before cairo reads it: cairo would wait on a FIFO or
			 * a terminal, and calls anything not PNG "out of memory". */
			av_diag(L->d, AV_D_FO_IMAGE, &n->loc, "image '%s' cannot be read as PNG: %s", n->src,
			    probe == AV_PNG_UNREADABLE ? strerror(errno) :
			    probe == AV_PNG_NOT_FILE ? "not a regular file" : "not a PNG image");
		} else if ((double)w * h > AV_MAX_IMAGE_PIXELS) {
			av_diag(L->d, AV_D_FO_IMAGE, &n->loc, "image '%s' is %u x %u pixels: over ansvar's limit "
			    "of %.0f million pixels; not shown", n->src, w, h, AV_MAX_IMAGE_PIXELS / 1e6);
		} else {
			s = cairo_image_surface_create_from_png(path);
			if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
				av_diag(L->d, AV_D_FO_IMAGE, &n->loc, "image '%s' cannot be read as PNG: %s",
				    n->src, cairo_status_to_string(cairo_surface_status(s)));
				cairo_surface_destroy(s);
				s = NULL;
			} else {
				dpi = png_dpi(path);
				/* remember the resolution with the surface */
				cairo_surface_set_fallback_resolution(s, dpi > 0 ? dpi : 72, dpi > 0 ? dpi : 72);
			}
		}
		g_hash_table_insert(L->images, g_strdup(path), s);
	}
	g_free(path);
	if (s) {
		double xr, yr;
		cairo_surface_get_fallback_resolution(s, &xr, &yr);
		*iw = cairo_image_surface_get_width(s) * 72.0 / xr;
		*ih = cairo_image_surface_get_height(s) * 72.0 / yr;
	}
	return s;
}

/* The size an object takes: content-width/height, scaling, then fitting
 * the available width and page height. */
static void
object_size(const struct fo_props *p, double iw, double ih, double avail_w, double avail_h,
    double *w, double *h)
{
	double cw = p->content_width, ch = p->content_height, sx, sy;
	double boxw = p->width > 0 ? p->width : avail_w, boxh = p->height > 0 ? p->height : avail_h;
	if (iw <= 0 || ih <= 0) {
		*w = *h = 0;
		return;
	}
	sx = cw > 0 ? cw / iw : cw == -2 ? boxw / iw : -1;
	sy = ch > 0 ? ch / ih : ch == -2 ? boxh / ih : -1;
	if (cw == -2 && ch == -2) {
		sx = sy = fmin(sx, sy);
	} else if (!p->scale_nonuniform) {
		if (sx < 0 && sy < 0)
			sx = sy = 1;
		else if (sx < 0)
			sx = sy;
		else if (sy < 0)
			sy = sx;
		else
			sx = sy = fmin(sx, sy);
	} else {
		if (sx < 0)
			sx = 1;
		if (sy < 0)
			sy = 1;
	}
	*w = iw * sx;
	*h = ih * sy;
	if (*w > avail_w && avail_w > 0) {
		*h *= avail_w / *w;
		*w = avail_w;
	}
	if (*h > avail_h && avail_h > 0) {
		*w *= avail_h / *h;
		*h = avail_h;
	}
}

/* ---- Collecting paragraphs ---- */

static struct fo_span *
add_span(struct pbuild *pb, const struct fo_props *p, const struct fo_node *node,
    const struct fo_node *link, const char *text)
{
	struct fo_span *sp;
	size_t len = strlen(text);
	if (len == 0)
		return NULL;
	/* one space between words, none at the start */
	if (text[0] == ' ' && (pb->text.len == 0 || pb->text.data[pb->text.len - 1] == ' ')) {
		text++;
		len--;
		if (len == 0)
			return NULL;
	}
	if (pb->nspans > 0) {
		sp = &pb->spans[pb->nspans - 1];
		if (sp->p == p && sp->node == node && sp->link == link && sp->object == NULL &&
		    sp->end == pb->text.len) {
			av_buf_add(&pb->text, text, len);
			sp->end = pb->text.len;
			pb->has_content |= strcmp(text, " ") != 0;
			return sp;
		}
	}
	pb->spans = av_xgrow(pb->spans, &pb->cap, pb->nspans + 1, sizeof *pb->spans);
	sp = &pb->spans[pb->nspans++];
	memset(sp, 0, sizeof *sp);
	sp->p = p;
	sp->node = node;
	sp->link = link;
	sp->start = pb->text.len;
	av_buf_add(&pb->text, text, len);
	sp->end = pb->text.len;
	pb->has_content |= strcmp(text, " ") != 0;
	return sp;
}

static void
add_mark(struct pbuild *pb, const struct fo_node *n, int kind)
{
	pb->marks = av_xgrow(pb->marks, &pb->markcap, pb->nmarks + 1, sizeof *pb->marks);
	pb->marks[pb->nmarks].off = pb->text.len;
	pb->marks[pb->nmarks].node = n;
	pb->marks[pb->nmarks].kind = kind;
	pb->nmarks++;
}

static const char *
resolve(struct fo_layout_ctx *L, const struct fo_node *n)
{
	const char *s = L->res.text ? L->res.text(L->res.ctx, n) : NULL;
	if (!L->static_mode)
		L->flow_has_refs = 1;
	if (s == NULL)
		s = "0";
	if (!L->static_mode)
		g_hash_table_replace(L->used_refs, (gpointer)n, g_strdup(s));
	return s;
}

static void flush_para(struct fo_layout_ctx *L, struct pbuild *pb, const struct fo_node *blk, struct area *a,
    int *first_para);

static void
inline_content(struct fo_layout_ctx *L, const struct fo_node *parent, const struct fo_node *blk,
    const struct fo_node *link, struct pbuild *pb, struct area *a, int *first_para)
{
	const struct fo_node *c;
	for (c = parent->first; c; c = c->next) {
		struct fo_span *sp;
		switch (c->kind) {
		case FO_TEXT:
			add_span(pb, parent->p, parent, link, c->text);
			break;
		case FO_INLINE:
		case FO_BASIC_LINK:
		case FO_WRAPPER:
		case FO_BOOKMARK_TITLE:
			if (c->kind == FO_WRAPPER && av_fo_is_block_level(c)) {
				flush_para(L, pb, blk, a, first_para);
				block(L, c, a);
				break;
			}
			if (c->p->id)
				add_mark(pb, c, 0);
			inline_content(L, c, blk, c->kind == FO_BASIC_LINK ? c : link, pb, a, first_para);
			break;
		case FO_PAGE_NUMBER:
		case FO_PAGE_NUMBER_CITATION:
		case FO_PAGE_NUMBER_CITATION_LAST:
			if (c->p->id)
				add_mark(pb, c, 0);
			sp = add_span(pb, c->p, c, link, resolve(L, c));
			break;
		case FO_LEADER:
		case FO_EXTERNAL_GRAPHIC:
		case FO_INSTREAM: {
			double w = 0, h = 0, iw = 0, ih = 0;
			cairo_surface_t *img = NULL;
			void *obj = NULL;
			const struct av_foreign *hd = NULL;
			if (c->p->id)
				add_mark(pb, c, 0);
			if (c->kind == FO_LEADER) {
				w = c->p->leader_length;
				h = c->p->leader_pattern == LEADER_RULE ? c->p->rule_thickness : 0;
			} else if (c->kind == FO_EXTERNAL_GRAPHIC) {
				img = load_image(L, c, &iw, &ih);
				if (img == NULL)
					break;
				object_size(c->p, iw, ih, blk ? a->wref : 0, L->body_h, &w, &h);
			} else {
				xmlNode *el;
				for (el = c->xml->children; el && el->type != XML_ELEMENT_NODE; el = el->next)
					;
				if (el == NULL)
					break;
				hd = el->ns ? av_fo_foreign_handler((const char *)el->ns->href) : NULL;
				if (hd == NULL) {
					av_diag(L->d, AV_D_FO_UNSUPPORTED, &c->loc,
					    "no handler for foreign objects of namespace '%s'; not drawn",
					    el->ns ? (const char *)el->ns->href : "");
					break;
				}
				obj = hd->prepare(el, L->tree->file, c->p->lang,
				    c->p->content_width > 0 ? c->p->content_width : c->p->width > 0 ? c->p->width : a->wref,
				    c->p->content_height > 0 ? c->p->content_height : c->p->height > 0 ? c->p->height : L->body_h,
				    &w, &h, L->d);
				if (obj == NULL)
					break;
			}
			/* an object is its own span */
			pb->spans = av_xgrow(pb->spans, &pb->cap, pb->nspans + 1, sizeof *pb->spans);
			sp = &pb->spans[pb->nspans++];
			memset(sp, 0, sizeof *sp);
			sp->p = c->p;
			sp->node = c;
			sp->link = link;
			sp->object = c;
			sp->obj_w = w;
			sp->obj_h = h;
			sp->image = img;
			sp->foreign = obj;
			sp->handler = hd;
			sp->start = pb->text.len;
			av_buf_adds(&pb->text, OBJ_CHAR);
			sp->end = pb->text.len;
			pb->has_content = 1;
			break;
		}
		case FO_CHANGE_BAR_BEGIN:
			add_mark(pb, c, 1);
			break;
		case FO_CHANGE_BAR_END:
			add_mark(pb, c, 2);
			break;
		case FO_IGNORED:
			break;
		default:
			if (av_fo_is_block_level(c) || c->kind == FO_LIST_ITEM || c->kind == FO_TABLE_ROW) {
				flush_para(L, pb, blk, a, first_para);
				block(L, c, a);
			} else {
				inline_content(L, c, blk, link, pb, a, first_para);
			}
			break;
		}
	}
}

/* ---- Line breaking ---- */

enum { BR_NONE, BR_SPACE, BR_HYPHEN, BR_CHAR, BR_END };

struct brk {
	size_t pos;                     /* the line ends before this byte */
	int kind;
};

/* Appends the bytes of a value to a cache key. */
#define KEY(k, v) av_buf_add((k), &(v), sizeof (v))

/* What pango is told of the spans of pp->text[s, e): into `al` as
 * attributes (when not NULL), and into `key` as the bytes a cache entry is
 * keyed by (when not NULL) -- one walk, so that the two cannot differ. */
static void
span_walk(struct fo_layout_ctx *L, const struct fo_para *pp, size_t s, size_t e, double fill, int extend_last,
    PangoAttrList *al, struct av_buf *key)
{
	size_t i;
	for (i = 0; i < pp->nspans; i++) {
		const struct fo_span *sp = &pp->spans[i];
		size_t a0, a1;
		PangoAttribute *at;
		double w = 0;
		if (sp->end <= s || sp->start >= e)
			continue;
		a0 = (sp->start > s ? sp->start : s) - s;
		a1 = (sp->end < e ? sp->end : e) - s;
		if (extend_last && sp->end >= e)
			a1 = G_MAXUINT;
		if (sp->object) {
			w = sp->obj_w;
			if (sp->object->kind == FO_LEADER && w < 0)
				w = fill;
		}
		if (key) {
			const char *font = font_id(L, sp->p);
			KEY(key, a0);
			KEY(key, a1);
			KEY(key, font);
			KEY(key, sp->p->color);
			KEY(key, sp->p->baseline_shift);
			KEY(key, sp->p->underline);
			if (sp->object) {
				KEY(key, w);
				KEY(key, sp->obj_h);
			}
		}
		if (al == NULL)
			continue;
#define ADD(attr) do { at = (attr); at->start_index = (guint)a0; at->end_index = (guint)a1; \
	pango_attr_list_insert(al, at); } while (0)
		ADD(pango_attr_font_desc_new(av_fo_font(L, sp->p)));
		if (sp->p->color != 0)
			ADD(pango_attr_foreground_new((guint16)((sp->p->color >> 16 & 0xff) * 257),
			    (guint16)((sp->p->color >> 8 & 0xff) * 257), (guint16)((sp->p->color & 0xff) * 257)));
		if (sp->p->baseline_shift != 0)
			ADD(pango_attr_rise_new((int)lround(sp->p->baseline_shift * PANGO_SCALE)));
		if (sp->p->underline)
			ADD(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
		if (sp->object) {
			PangoRectangle r;
			r.x = 0;
			r.width = (int)lround(w * PANGO_SCALE);
			r.height = (int)lround(sp->obj_h * PANGO_SCALE);
			r.y = -r.height;
			ADD(pango_attr_shape_new(&r, &r));
		}
#undef ADD
	}
}

static PangoAttrList *
span_attrs(struct fo_layout_ctx *L, const struct fo_para *pp, size_t s, size_t e, double fill, int extend_last)
{
	PangoAttrList *al = pango_attr_list_new();
	span_walk(L, pp, s, e, fill, extend_last, al, NULL);
	return al;
}

/* Starts a cache key in L->key: what it is for, the document's language
 * and the text. */
static void
key_begin(struct fo_layout_ctx *L, char what, const char *text, size_t len)
{
	av_buf_reset(&L->key);
	av_buf_addc(&L->key, what);
	KEY(&L->key, L->lang);
	KEY(&L->key, len);
	av_buf_add(&L->key, text, len);
}

static PangoLayout *
make_layout(struct fo_layout_ctx *L, const struct fo_para *pp, size_t s, size_t e, const char *append,
    double fill)
{
	PangoLayout *lay = pango_layout_new(L->pango);
	PangoAttrList *al;
	if (append) {
		char *t = g_strconcat("", NULL);
		g_free(t);
		t = av_xasprintf("%.*s%s", (int)(e - s), pp->text + s, append);
		pango_layout_set_text(lay, t, -1);
		free(t);
	} else {
		pango_layout_set_text(lay, pp->text + s, (int)(e - s));
	}
	al = span_attrs(L, pp, s, e, fill, append != NULL);
	pango_layout_set_attributes(lay, al);
	pango_attr_list_unref(al);
	pango_layout_set_single_paragraph_mode(lay, TRUE);
	return lay;
}

/* Does the line break at `pos` follow a soft hyphen (to drop it)? */
static size_t
trim_soft_hyphen(const char *text, size_t pos)
{
	if (pos >= 2 && (unsigned char)text[pos - 2] == 0xc2 && (unsigned char)text[pos - 1] == 0xad)
		return pos - 2;
	return pos;
}

/* The end of the text a line shows (trailing spaces and the soft hyphen
 * it breaks at are not drawn), its layout's width (-1: not justified),
 * and in L->key the line cache's key of its layout. */
static size_t
line_key(struct fo_layout_ctx *L, const struct fo_line *l, int *width)
{
	size_t e = l->end;
	if (l->hyphen)
		e = trim_soft_hyphen(l->para->text, e);
	while (e > l->start && l->para->text[e - 1] == ' ')
		e--;
	*width = l->justify ? (int)floor((l->avail - l->xoff) * PANGO_SCALE) + 64 : -1;
	key_begin(L, 'l', l->para->text + l->start, e - l->start);
	KEY(&L->key, l->hyphen);
	KEY(&L->key, *width);
	span_walk(L, l->para, l->start, e, l->fill, l->hyphen, NULL, &L->key);
	return e;
}

/* `lay` kept in the line cache under the key line_key() left in L->key. */
static void
put_line(struct fo_layout_ctx *L, PangoLayout *lay)
{
	GBytes *key = g_bytes_new(L->key.data, L->key.len);
	av_fo_cache_put_line(L->cache, key, lay);
	g_bytes_unref(key);
}

/* A line that shows its whole paragraph as measured -- from the first
 * byte to the last, no hyphen, not justified, no leader stretched -- has
 * the layout measure() shaped: it goes into the line cache, and drawing
 * the line shapes nothing again.  (Headings, table cells, labels and short
 * items are such lines.)  Takes the caller's reference to `lay`. */
static void
offer_line_layout(struct fo_layout_ctx *L, const struct fo_line *l, PangoLayout *lay)
{
	const struct fo_para *pp = l->para;
	size_t k;
	int width, same = l->start == 0 && !l->hyphen && !l->justify;
	/* a stretched leader is as wide as the line makes it */
	for (k = 0; k < pp->nspans && same && l->fill != 0; k++)
		same = !(pp->spans[k].object && pp->spans[k].object->kind == FO_LEADER && pp->spans[k].obj_w < 0);
	if (same && line_key(L, l, &width) == pp->len)
		put_line(L, lay);
	g_object_unref(lay);
}

PangoLayout *
av_fo_line_layout(struct fo_layout_ctx *L, const struct fo_line *l)
{
	int width;
	size_t e = line_key(L, l, &width);
	/* the same line with the same spans, shaped before */
	GBytes *key = g_bytes_new_static(L->key.data, L->key.len);
	PangoLayout *lay = av_fo_cache_line(L->cache, key);

	g_bytes_unref(key);
	if (lay != NULL)
		return g_object_ref(lay);
	lay = make_layout(L, l->para, l->start, e, l->hyphen ? "-" : NULL, l->fill);
	if (l->justify) {
		pango_layout_set_width(lay, width);
		pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_justify(lay, TRUE);
		pango_layout_set_justify_last_line(lay, TRUE);
		if (pango_layout_get_line_count(lay) > 1) {
			pango_layout_set_justify(lay, FALSE);
			pango_layout_set_width(lay, -1);
		}
	}
	put_line(L, lay);
	return lay;
}

char *
av_fo_line_text(const struct fo_line *l)
{
	struct av_buf b = {0};
	size_t e = l->hyphen ? trim_soft_hyphen(l->para->text, l->end) : l->end;
	const char *p;
	while (e > l->start && l->para->text[e - 1] == ' ')
		e--;
	for (p = l->para->text + l->start; p < l->para->text + e; p = g_utf8_next_char(p)) {
		gunichar ch = g_utf8_get_char(p);
		if (ch == SOFT_HYPHEN)
			continue;
		if (ch == 0xfffc)
			av_buf_adds(&b, "[obj]");
		else
			av_buf_add(&b, p, (size_t)(g_utf8_next_char(p) - p));
	}
	if (l->hyphen)
		av_buf_addc(&b, '-');
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

static const struct fo_span *
span_at(const struct fo_para *pp, size_t pos)
{
	size_t lo = 0, hi = pp->nspans;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (pp->spans[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pp->nspans ? &pp->spans[lo] : pp->nspans ? &pp->spans[pp->nspans - 1] : NULL;
}

/* Warns (once a pass) of each character the fonts have no glyph for;
 * returns the number of characters without one. */
static size_t
check_glyphs(struct fo_layout_ctx *L, const struct fo_para *pp, PangoLayout *lay)
{
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	size_t missing = 0;
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		int i;
		if (run == NULL)
			continue;
		for (i = 0; i < run->glyphs->num_glyphs; i++) {
			if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
				size_t off = (size_t)run->item->offset + (size_t)run->glyphs->log_clusters[i];
				gunichar ch = g_utf8_get_char(pp->text + off);
				const struct fo_span *sp = span_at(pp, off);
				char buf[8] = {0};
				if (ch == SOFT_HYPHEN || ch == 0xfffc)
					continue;
				missing++;
				if (g_hash_table_contains(L->glyph_warned, GUINT_TO_POINTER(ch)))
					continue;
				g_hash_table_add(L->glyph_warned, GUINT_TO_POINTER(ch));
				g_unichar_to_utf8(ch, buf);
				av_diag(L->d, AV_D_FO_NO_GLYPH, sp ? &sp->node->loc : NULL,
				    "no glyph for U+%04X '%s' in font '%s'", (unsigned)ch, buf,
				    sp ? sp->p->font_family : "");
			}
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	return missing;
}

/* x[i]: the x position of byte i of the paragraph laid out on one line. */
static double *
positions(const struct fo_para *pp, PangoLayout *lay)
{
	double *x = av_xcalloc(pp->len + 1, sizeof *x);
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	int *widths = NULL;
	size_t wcap = 0, i;
	double pos = 0;
	char *seen = av_xcalloc(pp->len + 1, 1);

	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		const char *p, *start;
		int k = 0, nchars;
		if (run == NULL)
			continue;
		start = pp->text + run->item->offset;
		nchars = run->item->num_chars;
		widths = av_xgrow(widths, &wcap, (size_t)nchars + 1, sizeof *widths);
		pango_glyph_item_get_logical_widths(run, pp->text, widths);
		for (p = start; k < nchars; p = g_utf8_next_char(p), k++) {
			size_t off = (size_t)(p - pp->text);
			x[off] = pos;
			seen[off] = 1;
			pos += widths[k] / (double)PANGO_SCALE;
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	x[pp->len] = pos;
	seen[pp->len] = 1;
	/* bytes inside characters take their character's position */
	for (i = 1; i <= pp->len; i++)
		if (!seen[i])
			x[i] = x[i - 1];
	free(seen);
	free(widths);
	return x;
}

static int
is_word_char(gunichar c)
{
	return g_unichar_isalpha(c) || c == SOFT_HYPHEN;
}

/* Where a line may end by the text alone: after spaces and soft hyphens
 * (as pango's attributes say) and at the hyphenation points of the
 * patterns.  len + 1 entries, BR_NONE where none. */
static unsigned char *
break_kinds(const struct fo_para *pp, const PangoLogAttr *la, int nattrs)
{
	unsigned char *kind = av_xcalloc(pp->len + 1, 1);
	const char *p, *prev = NULL;
	int ci = 0;
	size_t i;

	for (p = pp->text; ci < nattrs; prev = p, p = g_utf8_next_char(p), ci++) {
		size_t off = (size_t)(p - pp->text);
		if (off >= pp->len)
			break;
		if (ci > 0 && la[ci].is_line_break) {
			const struct fo_span *sp = span_at(pp, off);
			if (g_utf8_get_char(prev) == SOFT_HYPHEN)
				kind[off] = sp && sp->p->hyphenate ? BR_HYPHEN : BR_NONE;
			else
				kind[off] = BR_SPACE;
		}
	}
	/* hyphenation points from the patterns */
	for (p = pp->text; *p; ) {
		const char *w = p;
		const struct fo_span *sp;
		size_t len;
		if (!is_word_char(g_utf8_get_char(p))) {
			p = g_utf8_next_char(p);
			continue;
		}
		while (*p && is_word_char(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		len = (size_t)(p - w);
		sp = span_at(pp, (size_t)(w - pp->text));
		if (sp && sp->p->hyphenate && len >= 5) {
			const struct av_hyph *h = av_hyph_get(sp->p->lang, NULL);
			const struct fo_span *last = span_at(pp, (size_t)(p - pp->text) - 1);
			if (h && last && last->p->hyphenate) {
				unsigned char *br = av_xmalloc(len + 1);
				av_hyphenate(h, w, len, br);
				for (i = 1; i < len; i++)
					if (br[i])
						kind[(size_t)(w - pp->text) + i] = BR_HYPHEN;
				free(br);
			}
		}
	}
	return kind;
}

/* Every place a line `width` wide may end, in order. */
static struct brk *
break_points(const struct fo_para *pp, const struct fo_measure *m, double width, size_t *nout)
{
	const PangoLogAttr *la = m->la;
	const double *x = m->x;
	int nattrs = m->nattrs;
	unsigned char *kind = g_memdup2(m->kind, pp->len + 1);
	size_t *charoff = av_xmalloc(((size_t)nattrs + 1) * sizeof *charoff);
	const char *p;
	int ci = 0;
	size_t i, n = 0, cap = 0;
	struct brk *b = NULL;

	for (p = pp->text; ci < nattrs; p = g_utf8_next_char(p), ci++) {
		charoff[ci] = (size_t)(p - pp->text);
		if (charoff[ci] >= pp->len)
			break;
	}
	/* a stretch that cannot fit any line may break anywhere */
	{
		size_t start = 0;
		for (i = 1; i <= pp->len; i++) {
			if (i < pp->len && kind[i] == BR_NONE)
				continue;
			if (x[i] - x[start] > width + 0.01) {
				int k;
				for (k = 1; k < nattrs; k++) {
					size_t off = charoff[k];
					if (off <= start || off >= i)
						continue;
					if (la[k].is_cursor_position && pp->text[off] != ' ' && kind[off] == BR_NONE)
						kind[off] = BR_CHAR;
				}
			}
			start = i;
			while (start < pp->len && pp->text[start] == ' ')
				start++;
		}
	}
	for (i = 1; i <= pp->len; i++) {
		if (i < pp->len && kind[i] == BR_NONE)
			continue;
		b = av_xgrow(b, &cap, n + 1, sizeof *b);
		b[n].pos = i;
		b[n].kind = i == pp->len ? BR_END : kind[i];
		n++;
	}
	g_free(kind);
	free(charoff);
	*nout = n;
	return b;
}

struct dp {
	double cost;
	ssize_t prev;                   /* index of the previous break, -1 for the start */
	int hyphens;                    /* consecutive hyphenated lines ending here */
};

/* Total-fit line breaking (Knuth and Plass) over the paragraph's measured
 * widths: for ragged text it minimises the sum of squared gaps, for
 * justified text the demerits of stretched spaces; hyphens cost extra,
 * consecutive ones more.  Returns the chosen breaks in order. */
static size_t *
total_fit(const struct fo_para *pp, const double *x, const struct brk *b, size_t nb, double width,
    double indent, enum fo_align align, double space_w, const struct fo_metrics *m, size_t *nlines)
{
	struct dp *dp = av_xmalloc(nb * sizeof *dp);
	size_t i, j, *out, n = 0;
	double hyph_pen = (0.08 * width) * (0.08 * width) + 200;

	for (i = 0; i < nb; i++) {
		size_t end = b[i].pos;
		double best = DBL_MAX;
		ssize_t bestj = -2;
		int besth = 0;
		if (b[i].kind == BR_HYPHEN)
			end = trim_soft_hyphen(pp->text, end);
		while (end > 0 && pp->text[end - 1] == ' ')
			end--;
		for (j = i + 1; j-- > 0; ) {
			/* the line from after break j-1 (or the start) to break i */
			ssize_t pj = (ssize_t)j - 1;
			size_t start = pj < 0 ? 0 : b[pj].pos;
			double w, cost, gap, avail;
			int last = b[i].kind == BR_END, nsp = 0;
			size_t k;
			while (start < pp->len && pp->text[start] == ' ')
				start++;
			if (pj >= 0 && dp[pj].cost == DBL_MAX)
				goto next;
			avail = width - (pj < 0 ? indent : 0);
			w = (end > start ? x[end] - x[start] : 0) + (b[i].kind == BR_HYPHEN ? m->hyphen : 0);
			if (w > avail + 0.001) {
				/* too long: only when nothing else is possible */
				if (bestj != -2 && best < 1e15)
					break;
				cost = 1e15 + (w - avail) * 1e6;
			} else {
				gap = avail - w;
				if (last && align != ALIGN_CENTER) {
					cost = 0;
				} else if (align == ALIGN_JUSTIFY && !last) {
					double r;
					for (k = start; k < end; k++)
						nsp += pp->text[k] == ' ';
					/* TeX's badness and demerits; a lone word spread
					 * over the line only as a last resort */
					r = nsp ? gap / (nsp * space_w * 0.75) : 0;
					cost = 100 * r * r * r;
					cost = (10 + cost) * (10 + cost);
					if (nsp == 0 && gap > 0.01)
						cost = 1e13;
				} else {
					cost = gap * gap;
				}
				if (b[i].kind == BR_HYPHEN)
					cost += hyph_pen * (pj >= 0 && dp[pj].hyphens ? 3 : 1);
				if (b[i].kind == BR_CHAR)
					cost += 1e9;
			}
			cost += pj >= 0 ? dp[pj].cost : 0;
			if (cost < best) {
				best = cost;
				bestj = pj;
				besth = b[i].kind == BR_HYPHEN ? (pj >= 0 ? dp[pj].hyphens : 0) + 1 : 0;
			}
			if (w > avail + 0.001 && best < 1e15)
				break;
		next:
			;
		}
		dp[i].cost = best;
		dp[i].prev = bestj == -2 ? (ssize_t)i - 1 : bestj;
		dp[i].hyphens = besth;
	}
	/* walk back from the end */
	for (i = nb - 1, n = 1; dp[i].prev >= 0; i = (size_t)dp[i].prev)
		n++;
	out = av_xmalloc(n * sizeof *out);
	j = n;
	for (i = nb - 1; ; i = (size_t)dp[i].prev) {
		out[--j] = i;
		if (dp[i].prev < 0)
			break;
	}
	free(dp);
	*nlines = n;
	return out;
}

/* The height and baseline of a line from the spans on it and the block's strut. */
static void
line_box(struct fo_layout_ctx *L, const struct fo_para *pp, size_t s, size_t e, const struct fo_props *bp,
    double *h, double *baseline)
{
	const struct fo_metrics *m = metrics(L, bp);
	double top = (bp->line_height - (m->ascent + m->descent)) / 2 + m->ascent;
	double bottom = bp->line_height - top;
	size_t i;
	for (i = 0; i < pp->nspans; i++) {
		const struct fo_span *sp = &pp->spans[i];
		double t, bo;
		if (sp->end <= s || sp->start >= e)
			continue;
		if (sp->object) {
			t = sp->obj_h + sp->p->baseline_shift;
			bo = -sp->p->baseline_shift;
		} else {
			const struct fo_metrics *sm = metrics(L, sp->p);
			t = (sp->p->line_height - (sm->ascent + sm->descent)) / 2 + sm->ascent + sp->p->baseline_shift;
			bo = sp->p->line_height - t + 2 * sp->p->baseline_shift;
			bo = sp->p->line_height - (t - sp->p->baseline_shift) - sp->p->baseline_shift;
		}
		if (t > top)
			top = t;
		if (bo > bottom)
			bottom = bo;
	}
	*h = top + bottom;
	*baseline = top;
}

static void
close_change_bar(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a, size_t last)
{
	const char *cls = n->change_bar_class ? n->change_bar_class : "";
	struct cb_open *o = g_hash_table_lookup(L->cb_open, cls);
	struct fo_deco *dc;
	const struct fo_props *p;
	if (o == NULL) {
		av_diag(L->d, AV_D_FO_BAD_VALUE, &n->loc, "fo:change-bar-end for class '%s' without a beginning", cls);
		return;
	}
	if (o->list == a->out && o->first <= last && last != (size_t)-1) {
		p = o->node->p;
		dc = new_deco(a->out, p, o->node,
		    p->cb_placement_end ? a->xref + a->wref + p->cb_offset : a->xref - p->cb_offset - p->cb_width,
		    p->cb_width);
		dc->first = o->first;
		dc->last = last;
		dc->change_bar = 1;
	}
	g_hash_table_remove(L->cb_open, cls);
}

static void
open_change_bar(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a, size_t first)
{
	struct cb_open *o = av_xcalloc(1, sizeof *o);
	o->list = a->out;
	o->first = first;
	o->node = n;
	g_hash_table_replace(L->cb_open, g_strdup(n->change_bar_class ? n->change_bar_class : ""), o);
}

/* The paragraph shaped on one line: measured before with the same text
 * and spans, or shaped now and kept.  A paragraph with characters the
 * fonts lack is not kept (each pass warns of them), nor one the full cache
 * refuses: then *own is set and the caller frees it. */
static const struct fo_measure *
measure(struct fo_layout_ctx *L, const struct fo_para *pp, struct fo_measure **own, PangoLayout **shaped)
{
	const struct fo_measure *hit;
	struct fo_measure *m;
	PangoLayout *lay;
	PangoAttrList *al;
	const PangoLogAttr *la;
	GBytes *key;
	size_t i;

	*own = NULL;
	*shaped = NULL;
	key_begin(L, 'p', pp->text, pp->len);
	span_walk(L, pp, 0, pp->len, 0, 0, NULL, &L->key);
	/* and what the hyphenation of each span depends on */
	for (i = 0; i < pp->nspans; i++) {
		const char *lang = av_fo_cache_intern(L->cache, pp->spans[i].p->lang);
		KEY(&L->key, pp->spans[i].p->hyphenate);
		KEY(&L->key, lang);
	}
	key = g_bytes_new_static(L->key.data, L->key.len);
	if ((hit = av_fo_cache_measure(L->cache, key)) != NULL) {
		g_bytes_unref(key);
		return hit;
	}
	g_bytes_unref(key);

	lay = pango_layout_new(L->pango);
	pango_layout_set_text(lay, pp->text, (int)pp->len);
	pango_layout_set_single_paragraph_mode(lay, TRUE);
	al = span_attrs(L, pp, 0, pp->len, 0, 0);
	pango_layout_set_attributes(lay, al);
	pango_attr_list_unref(al);
	m = av_xcalloc(1, sizeof *m);
	m->len = pp->len;
	i = check_glyphs(L, pp, lay);
	m->x = positions(pp, lay);
	la = pango_layout_get_log_attrs_readonly(lay, &m->nattrs);
	m->la = av_xmalloc(((size_t)m->nattrs + 1) * sizeof *m->la);
	memcpy(m->la, la, (size_t)m->nattrs * sizeof *m->la);
	m->kind = break_kinds(pp, m->la, m->nattrs);
	key = g_bytes_new(L->key.data, L->key.len);
	if (i > 0 || !av_fo_cache_put_measure(L->cache, key, m))
		*own = m;
	g_bytes_unref(key);
	if (i == 0)
		*shaped = lay;
	else
		g_object_unref(lay);
	return m;
}

static void
flush_para(struct fo_layout_ctx *L, struct pbuild *pb, const struct fo_node *blk, struct area *a,
    int *first_para)
{
	const struct fo_props *bp = blk->p;
	struct fo_para *pp;
	const struct fo_measure *ms;
	struct fo_measure *own;
	PangoLayout *shaped;
	const double *x;
	double cx, cw, indent;
	struct brk *b;
	size_t nb, nlines, *lines, i, first_item, mk;
	const struct fo_metrics *m;

	cx = a->xref + bp->start_indent;
	cw = (bp->end_is_label_end ? a->label_end_x : a->xref + a->wref - bp->end_indent) - cx;
	if (cw < 1)
		cw = 1;
	/* drop the trailing space */
	while (pb->text.len > 0 && pb->text.data[pb->text.len - 1] == ' ') {
		pb->text.len--;
		pb->text.data[pb->text.len] = '\0';
		if (pb->nspans && pb->spans[pb->nspans - 1].end > pb->text.len)
			pb->spans[pb->nspans - 1].end = pb->text.len;
		if (pb->nspans && pb->spans[pb->nspans - 1].end <= pb->spans[pb->nspans - 1].start)
			pb->nspans--;
	}
	if (!pb->has_content || pb->text.len == 0) {
		for (mk = 0; mk < pb->nmarks; mk++) {
			if (pb->marks[mk].kind == 0)
				add_id(a, pb->marks[mk].node);
			else if (pb->marks[mk].kind == 1)
				open_change_bar(L, pb->marks[mk].node, a, a->out->n);
			else
				close_change_bar(L, pb->marks[mk].node, a, a->out->n ? a->out->n - 1 : (size_t)-1);
		}
		goto reset;
	}
	pp = av_xcalloc(1, sizeof *pp);
	pp->refs = 1;
	pp->len = pb->text.len;
	pp->text = av_buf_take(&pb->text);
	pp->spans = pb->spans;
	pp->nspans = pb->nspans;
	pb->spans = NULL;
	pb->nspans = pb->cap = 0;

	ms = measure(L, pp, &own, &shaped);
	x = ms->x;
	indent = *first_para ? bp->text_indent : 0;
	b = break_points(pp, ms, cw - (indent > 0 ? indent : 0), &nb);
	m = metrics(L, bp);
	{
		const struct fo_metrics *sm = metrics(L, bp);
		double space_w = bp->font_size * 0.26;
		(void)sm;
		lines = total_fit(pp, x, b, nb, cw, indent, bp->text_align, space_w, m, &nlines);
	}
	first_item = a->out->n;
	{
		size_t start = 0;
		size_t li;
		for (li = 0; li < nlines; li++) {
			const struct brk *br = &b[lines[li]];
			struct fo_item *it;
			struct fo_line *l;
			double h, base, w, avail;
			size_t end = br->pos, e2;
			int last = li + 1 == nlines, nfill = 0;
			enum fo_align al2 = last ? (bp->text_align == ALIGN_JUSTIFY ? bp->text_align_last : bp->text_align)
			    : bp->text_align;
			size_t k;
			while (start < pp->len && pp->text[start] == ' ')
				start++;
			e2 = br->kind == BR_HYPHEN ? trim_soft_hyphen(pp->text, end) : end;
			while (e2 > start && pp->text[e2 - 1] == ' ')
				e2--;
			line_box(L, pp, start, end, bp, &h, &base);
			it = append(a, IT_LINE, h, blk);
			it->x = cx;
			it->w = cw;
			l = &it->u.line;
			pp->refs++;
			l->para = pp;
			l->start = start;
			l->end = end;
			l->hyphen = br->kind == BR_HYPHEN;
			w = (e2 > start ? x[e2] - x[start] : 0) + (l->hyphen ? m->hyphen : 0);
			l->baseline = base;
			avail = cw - (li == 0 ? indent : 0);
			l->avail = cw;
			l->xoff = li == 0 ? indent : 0;
			for (k = 0; k < pp->nspans; k++)
				if (pp->spans[k].object && pp->spans[k].object->kind == FO_LEADER && pp->spans[k].obj_w < 0 &&
				    pp->spans[k].start >= start && pp->spans[k].start < end)
					nfill++;
			if (nfill) {
				l->fill = (avail - w) / nfill;
				if (l->fill < 0)
					l->fill = 0;
				w += l->fill * nfill;
			}
			l->width = w;
			if (al2 == ALIGN_CENTER)
				l->xoff += (avail - w) / 2;
			else if (al2 == ALIGN_END)
				l->xoff += avail - w;
			else if (al2 == ALIGN_JUSTIFY && !last && w < avail)
				l->justify = 1;
			if (w > avail + 0.5)
				av_diag(L->d, AV_D_FO_OVERFLOW, &blk->loc,
				    "content %.1fpt wider than its %.1fpt line", w - avail, avail);
			start = end;
		}
	}
	if (shaped != NULL) {
		if (nlines == 1)
			offer_line_layout(L, &a->out->v[first_item].u.line, shaped);
		else
			g_object_unref(shaped);
	}
	/* ids, change bars at their lines */
	for (mk = 0; mk < pb->nmarks; mk++) {
		size_t off = pb->marks[mk].off, li;
		for (li = first_item; li + 1 < a->out->n; li++)
			if (a->out->v[li].kind == IT_LINE && a->out->v[li].u.line.end > off)
				break;
		if (pb->marks[mk].kind == 0) {
			item_add_id(&a->out->v[li], pb->marks[mk].node);
		} else if (pb->marks[mk].kind == 1) {
			open_change_bar(L, pb->marks[mk].node, a, li);
		} else {
			close_change_bar(L, pb->marks[mk].node, a, li);
		}
	}
	/* widows and orphans */
	for (i = 0; i < nlines; i++) {
		struct fo_item *it = &a->out->v[first_item + i];
		if (i + 1 < (size_t)bp->orphans || nlines - (i + 1) < (size_t)bp->widows)
			if (i + 1 < nlines && it->nobreak_after < KEEP_ALWAYS)
				it->nobreak_after = KEEP_ALWAYS - 1;
	}
	*first_para = 0;
	av_fo_measure_free(own);
	free(b);
	free(lines);
	para_unref(pp);
	pp = NULL;
	(void)pp;
reset:
	av_buf_reset(&pb->text);
	free(pb->spans);
	pb->spans = NULL;
	pb->nspans = pb->cap = 0;
	pb->nmarks = 0;
	pb->has_content = 0;
}

/* ---- Blocks ---- */

/* The standard structure types a role may name (PDF 1.7 section 14.8.4,
 * as cairo 1.16 accepts them; cairo fails the whole PDF on any other). */
static const char *const struct_types[] = {
	"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
	"NonStruct", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
	"Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
	"BibEntry", "Code", "Figure", "Formula", "Form", NULL
};

static const char *
struct_tag(struct fo_layout_ctx *L, const struct fo_node *n)
{
	const char *r = n->p->role;
	if (r && *r) {
		/* FOP's convention: role names the structure type */
		const char *const *t;
		for (t = struct_types; *t; t++)
			if (strcmp(*t, r) == 0)
				return r;
		if (!g_hash_table_contains(L->role_warned, r)) {
			g_hash_table_add(L->role_warned, (gpointer)r);
			av_diag(L->d, AV_D_FO_BAD_VALUE, &n->loc,
			    "role=\"%s\" is not a standard PDF structure type (such as H1, P, Figure); ignored", r);
		}
	}
	switch (n->kind) {
	case FO_BLOCK: {
		const struct fo_node *c;
		for (c = n->first; c; c = c->next)
			if (c->kind != FO_TEXT ? !av_fo_is_block_level(c) : strcmp(c->text, " ") != 0)
				return "P";
		return "Div";
	}
	case FO_LIST_BLOCK:
		return "L";
	case FO_TABLE:
		return "Table";
	default:
		return "Div";
	}
}

/* Opens a block: space before, break, keep with previous, border and padding before. */
static void
block_open_edge(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a, double bx, double bw,
    double edge, struct fo_deco **dc, size_t *first)
{
	const struct fo_props *p = n->p;
	struct fo_item *sp;
	if (p->break_before != BRK_AUTO)
		a->pending_break = p->break_before;
	if (p->keep_with_previous && a->out->n > 0 && p->keep_with_previous > a->pending_keep)
		a->pending_keep = p->keep_with_previous;
	sp = append(a, IT_SPACE, p->space_before, n);
	(void)sp;
	if (p->keep_with_previous)
		a->pending_keep = p->keep_with_previous > a->pending_keep ? p->keep_with_previous : a->pending_keep;
	if (p->id)
		add_id(a, n);
	*first = a->out->n;
	*dc = NULL;
	if (has_deco(p)) {
		*dc = new_deco(a->out, p, n, bx, bw);
		a->deco = *dc;
	}
	if (edge > 0)
		append(a, IT_EDGE, edge, n);
	(void)L;
}

static void
block_open(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a, double bx, double bw,
    struct fo_deco **dc, size_t *first)
{
	block_open_edge(L, n, a, bx, bw, n->p->border_w[SIDE_BEFORE] + n->p->padding[SIDE_BEFORE], dc, first);
}

static void
block_close_edge(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a, struct fo_deco *dc,
    struct fo_deco *outer, size_t first, double edge)
{
	const struct fo_props *p = n->p;
	size_t i;
	if (edge > 0)
		append(a, IT_EDGE, edge, n);
	if (a->nids && a->out->n == first)
		append(a, IT_EDGE, 0, n);
	if (dc) {
		if (a->out->n == dc->first)
			append(a, IT_EDGE, 0, n);
		dc->last = a->out->n - 1;
	}
	a->deco = outer;
	if (p->keep_together)
		for (i = first; i + 1 < a->out->n; i++)
			if (a->out->v[i].nobreak_after < p->keep_together)
				a->out->v[i].nobreak_after = p->keep_together;
	if (p->keep_with_next)
		a->pending_keep = p->keep_with_next > a->pending_keep ? p->keep_with_next : a->pending_keep;
	append(a, IT_SPACE, p->space_after, n);
	if (p->break_after != BRK_AUTO)
		a->pending_break = p->break_after;
	(void)L;
}

static void
block_close(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a, struct fo_deco *dc,
    struct fo_deco *outer, size_t first)
{
	block_close_edge(L, n, a, dc, outer, first, n->p->border_w[SIDE_AFTER] + n->p->padding[SIDE_AFTER]);
}

static struct fo_vlist *
new_vlist(void)
{
	return av_xcalloc(1, sizeof(struct fo_vlist));
}

static void
list_block(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a)
{
	const struct fo_node *item, *c;
	for (item = n->first; item; item = item->next) {
		const struct fo_node *label = NULL, *body = NULL;
		struct fo_struct *li_st, *outer_st = a->st;
		struct fo_deco *dc, *outer = a->deco;
		size_t first, body_first;
		struct area la;
		struct fo_vlist *lv;
		double lh;
		double bx = a->xref + item->p->start_indent;

		if (item->kind == FO_IGNORED)
			continue;
		if (item->kind != FO_LIST_ITEM) {
			block(L, item, a);
			continue;
		}
		for (c = item->first; c; c = c->next) {
			if (c->kind == FO_LIST_ITEM_LABEL && !label)
				label = c;
			else if (c->kind == FO_LIST_ITEM_BODY && !body)
				body = c;
		}
		block_open(L, item, a, bx - item->p->padding[SIDE_START] - item->p->border_w[SIDE_START],
		    a->xref + a->wref - item->p->end_indent + item->p->padding[SIDE_END] + item->p->border_w[SIDE_END] -
		    (bx - item->p->padding[SIDE_START] - item->p->border_w[SIDE_START]), &dc, &first);
		li_st = av_fo_struct_new(L, outer_st, "LI");
		a->st = li_st;
		/* the label in its own list, drawn beside the body's first item */
		lv = new_vlist();
		memset(&la, 0, sizeof la);
		la.out = lv;
		la.xref = a->xref;
		la.wref = a->wref;
		la.label_end_x = bx + n->p->pdbs - n->p->pls;
		la.st = av_fo_struct_new(L, li_st, "Lbl");
		if (label)
			blocks_of(L, label, &la);
		flush_ids(&la);
		lh = av_fo_stack(lv);
		body_first = a->out->n;
		if (body) {
			struct fo_struct *bs = av_fo_struct_new(L, li_st, "LBody");
			a->st = bs;
			blocks_of(L, body, a);
		}
		a->st = li_st;
		/* the label goes with the body's first non-space item */
		while (body_first < a->out->n && a->out->v[body_first].kind == IT_SPACE)
			body_first++;
		if (body_first >= a->out->n)
			append(a, IT_EDGE, 0, item);
		if (lv->n) {
			struct fo_item *it = &a->out->v[body_first];
			double y = 0;
			size_t k;
			it->overlay = lv;
			/* keep the body's items beside the label together */
			for (k = body_first; k + 1 < a->out->n && y + a->out->v[k].h < lh - 0.01; k++) {
				y += a->out->v[k].h;
				if (a->out->v[k].nobreak_after < KEEP_ALWAYS)
					a->out->v[k].nobreak_after = KEEP_ALWAYS;
			}
			if (lh > y + a->out->v[k].h && k + 1 == a->out->n && a->out->v[k].h < lh) {
				/* a label taller than the body */
				append(a, IT_EDGE, lh - y - a->out->v[k].h, item);
			}
		} else {
			av_fo_vlist_free(lv);
			free(lv);
		}
		a->st = outer_st;
		block_close(L, item, a, dc, outer, first);
	}
}

static void
table_rows_of(const struct fo_node *group, const struct fo_node ***rows, size_t *n, size_t *cap)
{
	const struct fo_node *r;
	for (r = group->first; r; r = r->next) {
		if (r->kind == FO_TABLE_ROW || r->kind == FO_TABLE_CELL) {
			*rows = av_xgrow(*rows, cap, *n + 1, sizeof **rows);
			(*rows)[(*n)++] = r;
		}
	}
}

/* The cells of a row (a table-row's children, or a lone cell put
 * directly in a body). */
static const struct fo_node *
first_cell(const struct fo_node *row)
{
	return row->kind == FO_TABLE_ROW ? row->first : row;
}

static const struct fo_node *
next_cell(const struct fo_node *row, const struct fo_node *cell)
{
	return row->kind == FO_TABLE_ROW ? cell->next : NULL;
}

/* Lays out one cell at columns col..col+span-1. */
static void
table_cell(struct fo_layout_ctx *L, const struct fo_node *cell, struct fo_cell *ce, double cx, double cwid,
    int collapse, struct fo_struct *tr, int header)
{
	const struct fo_props *cp = cell->p;
	struct area ca;
	int s;
	memset(ce, 0, sizeof *ce);
	ce->x = cx;
	ce->w = cwid;
	ce->p = cp;
	ce->node = cell;
	ce->rows = cp->rows_spanned;
	ce->collapse = collapse;
	/* collapsed borders lie half inside the cell, half in its neighbour */
	for (s = 0; s < 4; s++)
		ce->inset[s] = (collapse ? cp->border_w[s] / 2 : cp->border_w[s]) + cp->padding[s];
	ce->st = av_fo_struct_new(L, tr, header ? "TH" : "TD");
	ce->items = new_vlist();
	memset(&ca, 0, sizeof ca);
	ca.out = ce->items;
	ca.xref = cx + ce->inset[SIDE_START];
	ca.wref = cwid - ce->inset[SIDE_START] - ce->inset[SIDE_END];
	if (ca.wref < 1)
		ca.wref = 1;
	ca.st = ce->st;
	if (cp->id)
		add_id(&ca, cell);
	blocks_of(L, cell, &ca);
	flush_ids(&ca);
	free(ca.ids);
	ce->content_h = av_fo_stack(ce->items);
}

static double
cell_height(const struct fo_cell *ce)
{
	double h = ce->content_h + ce->inset[SIDE_BEFORE] + ce->inset[SIDE_AFTER];
	return ce->p->height > h ? ce->p->height : h;
}

static void
table(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a)
{
	const struct fo_node *c, *header = NULL, *footer = NULL;
	const struct fo_props *p = n->p;
	double *colw = NULL, tx, tw, fixed = 0, prop = 0;
	size_t ncols = 0, colcap = 0, i, k, tindex;
	struct fo_deco *dc = NULL, *outer = a->deco;
	struct fo_struct *tst, *outer_st = a->st;
	size_t first, first_row;
	const struct fo_node **rows = NULL;
	size_t nrows = 0, rowcap = 0, nheader, nbody;
	double *props = NULL;
	size_t pcap = 0;
	int *busy = NULL;               /* rows a column is still taken by a cell from above */
	int collapse = !p->border_separate;
	struct fo_table *tab;

	tx = a->xref + p->start_indent;
	tw = p->width > 0 ? p->width : a->xref + a->wref - p->end_indent - tx;
	/* columns */
	for (c = n->first; c; c = c->next) {
		int r;
		if (c->kind != FO_TABLE_COLUMN)
			continue;
		for (r = 0; r < c->column_number; r++) {
			colw = av_xgrow(colw, &colcap, ncols + 1, sizeof *colw);
			props = av_xgrow(props, &pcap, ncols + 1, sizeof *props);
			props[ncols] = 0;
			if (c->column_width > 0) {
				colw[ncols] = c->column_width;
				fixed += c->column_width;
			} else if (c->column_percent > 0) {
				colw[ncols] = tw * c->column_percent / 100;
				fixed += colw[ncols];
			} else {
				props[ncols] = c->column_width < 0 ? -c->column_width : 1;
				prop += props[ncols];
				colw[ncols] = 0;
			}
			ncols++;
		}
	}
	for (c = n->first; c; c = c->next) {
		if (c->kind == FO_TABLE_HEADER && !header)
			header = c;
		else if (c->kind == FO_TABLE_FOOTER && !footer)
			footer = c;
	}
	if (header)
		table_rows_of(header, &rows, &nrows, &rowcap);
	nheader = nrows;
	for (c = n->first; c; c = c->next)
		if (c->kind == FO_TABLE_BODY)
			table_rows_of(c, &rows, &nrows, &rowcap);
	nbody = nrows - nheader;
	if (footer)
		table_rows_of(footer, &rows, &nrows, &rowcap);
	/* columns implied by the widest row (with the cells spanning into it) */
	{
		size_t *taken = NULL, tcap = 0, ntaken = 0;
		for (i = 0; i < nrows; i++) {
			size_t cols = 0, j;
			for (c = first_cell(rows[i]); c; c = next_cell(rows[i], c)) {
				if (c->kind != FO_TABLE_CELL)
					continue;
				while (cols < ntaken && taken[cols] > 0)
					cols++;
				for (j = 0; j < (size_t)c->p->columns_spanned; j++, cols++) {
					taken = av_xgrow(taken, &tcap, cols + 1, sizeof *taken);
					while (ntaken <= cols)
						taken[ntaken++] = 0;
					if (c->p->rows_spanned > 1)
						taken[cols] = (size_t)c->p->rows_spanned;
				}
			}
			if (cols < ntaken)
				cols = ntaken;
			while (ncols < cols) {
				colw = av_xgrow(colw, &colcap, ncols + 1, sizeof *colw);
				props = av_xgrow(props, &pcap, ncols + 1, sizeof *props);
				colw[ncols] = 0;
				props[ncols] = 1;
				prop += 1;
				ncols++;
			}
			for (j = 0; j < ntaken; j++)
				if (taken[j] > 0)
					taken[j]--;
		}
		free(taken);
	}
	for (i = 0; i < ncols; i++)
		if (props[i] > 0)
			colw[i] = tw > fixed ? (tw - fixed) * props[i] / prop : 0;
	if (prop == 0 && fixed > 0 && p->width <= 0)
		tw = fixed;

	/* open the table: collapsed, its border is centred on the grid's
	 * outer lines (half of it outside) and its padding does not apply */
	if (collapse)
		block_open_edge(L, n, a, tx - p->border_w[SIDE_START] / 2,
		    tw + (p->border_w[SIDE_START] + p->border_w[SIDE_END]) / 2, p->border_w[SIDE_BEFORE] / 2, &dc, &first);
	else
		block_open(L, n, a, tx - p->padding[SIDE_START] - p->border_w[SIDE_START],
		    tw + p->padding[SIDE_START] + p->border_w[SIDE_START] + p->padding[SIDE_END] + p->border_w[SIDE_END],
		    &dc, &first);
	tst = av_fo_struct_new(L, outer_st, "Table");
	a->st = tst;
	a->out->tables = av_xgrow(a->out->tables, &a->out->tablecap, a->out->ntables + 1, sizeof *a->out->tables);
	tindex = a->out->ntables++;
	tab = &a->out->tables[tindex];
	memset(tab, 0, sizeof *tab);
	tab->header_first = a->out->n;
	tab->repeat = !n->starting_state_hide;
	tab->repeat_footer = !n->omit_footer;

	busy = av_xcalloc(ncols + 1, sizeof *busy);
	first_row = a->out->n;
	for (i = 0; i < nrows; i++) {
		const struct fo_node *row = rows[i];
		int is_header = i < nheader, is_footer = i >= nheader + nbody;
		struct fo_struct *tr = av_fo_struct_new(L, tst, "TR");
		struct fo_item *it;
		struct fo_cell *cells = NULL;
		size_t ncells = 0, ccap = 0, col = 0;
		double rh = row->kind == FO_TABLE_ROW && row->p->height > 0 ? row->p->height : 0;
		const struct fo_node *cell;

		for (cell = first_cell(row); cell; cell = next_cell(row, cell)) {
			double cx, cwid;
			size_t span;
			if (cell->kind != FO_TABLE_CELL)
				continue;
			while (col < ncols && busy[col] > 0)
				col++;
			if (col >= ncols)
				break;
			span = (size_t)cell->p->columns_spanned;
			if (col + span > ncols)
				span = ncols - col;
			cx = tx;
			for (k = 0; k < col; k++)
				cx += colw[k];
			cwid = 0;
			for (k = col; k < col + span; k++)
				cwid += colw[k];
			cells = av_xgrow(cells, &ccap, ncells + 1, sizeof *cells);
			table_cell(L, cell, &cells[ncells], cx, cwid, collapse, tr, is_header);
			if (cells[ncells].rows > 1) {
				/* a cell spanning rows: its columns are taken below, and
				 * it does not size this row alone */
				for (k = col; k < col + span; k++)
					busy[k] = cells[ncells].rows;
			} else if (cell_height(&cells[ncells]) > rh) {
				rh = cell_height(&cells[ncells]);
			}
			ncells++;
			col += span;
		}
		for (k = 0; k < ncols; k++)
			if (busy[k] > 0)
				busy[k]--;
		it = append(a, IT_ROW, rh, row);
		it->x = tx;
		it->w = tw;
		it->st = tr;
		it->u.row.cells = cells;
		it->u.row.ncells = ncells;
		it->u.row.header = is_header;
		it->u.row.footer = is_footer;
		it->u.row.table = tindex;
		it->u.row.splittable = !is_header && !is_footer && row->p->keep_together == 0;
		if (row->p->id)
			add_id(a, row);
		if (is_header) {
			a->out->tables[tindex].header_n++;
			/* a header row never ends a page */
			it->nobreak_after = KEEP_ALWAYS;
		}
		if (is_footer) {
			if (a->out->tables[tindex].footer_n++ == 0)
				a->out->tables[tindex].footer_first = a->out->n - 1;
			a->out->tables[tindex].footer_h += rh;
		}
		if (row->p->keep_with_next && row->p->keep_with_next > it->nobreak_after)
			it->nobreak_after = row->p->keep_with_next;
		if (row->p->keep_with_previous && a->out->n >= 2 &&
		    a->out->v[a->out->n - 2].nobreak_after < row->p->keep_with_previous)
			a->out->v[a->out->n - 2].nobreak_after = row->p->keep_with_previous;
	}
	/* cells spanning rows: their rows stay together, and the last of them
	 * grows when the cell needs more height than they have */
	for (i = first_row; i < a->out->n; i++) {
		struct fo_item *it = &a->out->v[i];
		for (k = 0; it->kind == IT_ROW && k < it->u.row.ncells; k++) {
			struct fo_cell *ce = &it->u.row.cells[k];
			size_t last = i + (size_t)ce->rows - 1, j;
			double h = 0;
			if (ce->rows <= 1)
				continue;
			if (last >= a->out->n)
				last = a->out->n - 1;
			for (j = i; j <= last; j++) {
				if (j < last && a->out->v[j].nobreak_after < KEEP_ALWAYS)
					a->out->v[j].nobreak_after = KEEP_ALWAYS;
				a->out->v[j].u.row.splittable = 0;
				h += a->out->v[j].h;
			}
			if (cell_height(ce) > h) {
				a->out->v[last].h += cell_height(ce) - h;
				h = cell_height(ce);
			}
			ce->span_h = h;
		}
	}
	tab = &a->out->tables[tindex];
	tab->last_body = nbody > 0 ? first_row + nheader + nbody - 1 : (size_t)-1;
	if (nbody > 0 && tab->footer_n > 0) {
		/* the footer goes with the last body row */
		a->out->v[first_row + nheader + nbody - 1].nobreak_after = KEEP_ALWAYS;
		for (k = tab->footer_first; k + 1 < tab->footer_first + tab->footer_n; k++)
			a->out->v[k].nobreak_after = KEEP_ALWAYS;
	}
	if (nrows == nheader && nheader > 0)
		a->out->v[a->out->n - 1].nobreak_after = 0;
	a->st = outer_st;
	if (collapse)
		block_close_edge(L, n, a, dc, outer, first, p->border_w[SIDE_AFTER] / 2);
	else
		block_close(L, n, a, dc, outer, first);
	free(colw);
	free(props);
	free(rows);
	free(busy);
}

/* A block whose only content is one foreign object: sized at pagination. */
static const struct fo_node *
sole_foreign(const struct fo_node *n)
{
	const struct fo_node *c, *obj = NULL;
	for (c = n->first; c; c = c->next) {
		if (c->kind == FO_TEXT && strcmp(c->text, " ") == 0)
			continue;
		if (c->kind != FO_INSTREAM || obj)
			return NULL;
		obj = c;
	}
	return obj;
}

static void
foreign_block(struct fo_layout_ctx *L, const struct fo_node *n, const struct fo_node *obj, struct area *a)
{
	xmlNode *el;
	const struct av_foreign *hd;
	struct fo_item *it;
	struct fo_struct *fig;
	double cx = a->xref + n->p->start_indent;
	double cw = a->xref + a->wref - n->p->end_indent - cx;

	for (el = obj->xml->children; el && el->type != XML_ELEMENT_NODE; el = el->next)
		;
	hd = el && el->ns ? av_fo_foreign_handler((const char *)el->ns->href) : NULL;
	if (el == NULL)
		return;
	if (hd == NULL) {
		av_diag(L->d, AV_D_FO_UNSUPPORTED, &obj->loc,
		    "no handler for foreign objects of namespace '%s'; not drawn",
		    el->ns ? (const char *)el->ns->href : "");
		return;
	}
	fig = av_fo_struct_new(L, a->st, "Figure");
	fig->alt = obj->p->alt_text;
	it = append(a, IT_FOREIGN, 0, obj);
	it->x = cx;
	it->w = cw;
	it->st = fig;
	it->u.foreign.handler = hd;
	it->u.foreign.max_w = obj->p->content_width > 0 ? obj->p->content_width : obj->p->width > 0 ? obj->p->width : -1;
	it->u.foreign.max_h = obj->p->content_height > 0 ? obj->p->content_height :
	    obj->p->height > 0 ? obj->p->height : -1;
	if (obj->p->id)
		add_id(a, obj);
	(void)L;
}

static void
block(struct fo_layout_ctx *L, const struct fo_node *n, struct area *a)
{
	struct fo_deco *dc, *outer = a->deco;
	struct fo_struct *outer_st = a->st;
	size_t first;
	const struct fo_props *p = n->p;
	const struct fo_node *obj;
	double bx, bw;

	switch (n->kind) {
	case FO_LIST_BLOCK: {
		bx = a->xref + p->start_indent - p->padding[SIDE_START] - p->border_w[SIDE_START];
		bw = a->xref + a->wref - p->end_indent + p->padding[SIDE_END] + p->border_w[SIDE_END] - bx;
		block_open(L, n, a, bx, bw, &dc, &first);
		a->st = av_fo_struct_new(L, outer_st, struct_tag(L, n));
		list_block(L, n, a);
		a->st = outer_st;
		block_close(L, n, a, dc, outer, first);
		return;
	}
	case FO_TABLE:
		table(L, n, a);
		return;
	case FO_IGNORED:
	case FO_TABLE_COLUMN:
		return;
	case FO_CHANGE_BAR_BEGIN:
		open_change_bar(L, n, a, a->out->n);
		return;
	case FO_CHANGE_BAR_END:
		close_change_bar(L, n, a, a->out->n ? a->out->n - 1 : (size_t)-1);
		return;
	default:
		break;
	}
	bx = a->xref + p->start_indent - p->padding[SIDE_START] - p->border_w[SIDE_START];
	bw = (p->end_is_label_end ? a->label_end_x : a->xref + a->wref - p->end_indent) + p->padding[SIDE_END] +
	    p->border_w[SIDE_END] - bx;
	if (n->kind == FO_BLOCK_CONTAINER && p->width > 0)
		bw = p->width + p->padding[SIDE_START] + p->border_w[SIDE_START] + p->padding[SIDE_END] +
		    p->border_w[SIDE_END];
	block_open(L, n, a, bx, bw, &dc, &first);
	a->st = av_fo_struct_new(L, outer_st, struct_tag(L, n));
	if ((obj = sole_foreign(n)) != NULL)
		foreign_block(L, n, obj, a);
	else
		blocks_of(L, n, a);
	a->st = outer_st;
	block_close(L, n, a, dc, outer, first);
}

/* The content of a block-level container: paragraphs and nested blocks. */
static void
blocks_of(struct fo_layout_ctx *L, const struct fo_node *parent, struct area *a)
{
	struct pbuild pb;
	int first_para = 1;
	memset(&pb, 0, sizeof pb);
	inline_content(L, parent, parent, NULL, &pb, a, &first_para);
	flush_para(L, &pb, parent, a, &first_para);
	av_buf_free(&pb.text);
	free(pb.spans);
	free(pb.marks);
}

void
av_fo_layout_flow(struct fo_layout_ctx *L, const struct fo_node *flow, double w, struct fo_vlist *out)
{
	struct area a;
	memset(&a, 0, sizeof a);
	a.out = out;
	a.xref = 0;
	a.wref = w;
	a.st = L->static_mode ? NULL : L->doc_struct;
	blocks_of(L, flow, &a);
	flush_ids(&a);
	free(a.ids);
	if (!L->static_mode) {
		GHashTableIter gi;
		gpointer k, v;
		g_hash_table_iter_init(&gi, L->cb_open);
		while (g_hash_table_iter_next(&gi, &k, &v)) {
			struct cb_open *o = v;
			if (o->list == out && out->n > o->first) {
				struct fo_deco *dc = new_deco(out, o->node->p, o->node, -o->node->p->cb_offset - o->node->p->cb_width,
				    o->node->p->cb_width);
				dc->first = o->first;
				dc->last = out->n - 1;
				dc->change_bar = 1;
			}
			g_hash_table_iter_remove(&gi);
		}
	}
}
