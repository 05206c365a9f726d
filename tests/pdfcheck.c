/* pdfcheck.c -- what tests ask of a PDF, read through poppler-glib (and qpdf for the catalog's /Lang). */
#include "config.h"

#include <glib.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pdfcheck.h"
#include "util.h"

struct pc_pdf {
	PopplerDocument *doc;
};

/* A g_malloc'ed string as a malloc'ed one (NULL stays NULL). */
static char *
own(gchar *s)
{
	char *r = s ? av_xstrdup(s) : NULL;
	g_free(s);
	return r;
}

struct pc_pdf *
pc_open(const char *path)
{
	GError *err = NULL;
	char *abs = realpath(path, NULL);
	gchar *uri = abs ? g_filename_to_uri(abs, NULL, &err) : NULL;
	PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err) : NULL;
	struct pc_pdf *p = NULL;

	if (doc == NULL) {
		fprintf(stderr, "pdfcheck: cannot open %s: %s\n", path,
		    err ? err->message : "no such file");
	} else {
		p = av_xcalloc(1, sizeof *p);
		p->doc = doc;
	}
	if (err)
		g_error_free(err);
	g_free(uri);
	free(abs);
	return p;
}

void
pc_close(struct pc_pdf *p)
{
	if (p == NULL)
		return;
	g_object_unref(p->doc);
	free(p);
}

int
pc_pages(struct pc_pdf *p)
{
	return poppler_document_get_n_pages(p->doc);
}

/* Page `page` (from 1); NULL when out of range.  Unref it. */
static PopplerPage *
get_page(struct pc_pdf *p, int page)
{
	if (page < 1 || page > pc_pages(p))
		return NULL;
	return poppler_document_get_page(p->doc, page - 1);
}

void
pc_page_size(struct pc_pdf *p, int page, double *w, double *h)
{
	PopplerPage *pg = get_page(p, page);
	*w = *h = 0;
	if (pg) {
		poppler_page_get_size(pg, w, h);
		g_object_unref(pg);
	}
}

char *
pc_text(struct pc_pdf *p, int page)
{
	PopplerPage *pg = get_page(p, page);
	char *s = NULL;
	if (pg) {
		s = own(poppler_page_get_text(pg));
		g_object_unref(pg);
	}
	return s ? s : av_xstrdup("");
}

char *
pc_text_in(struct pc_pdf *p, int page, double x1, double y1, double x2, double y2)
{
	PopplerPage *pg = get_page(p, page);
	PopplerRectangle *r = NULL;
	guint nr = 0, k = 0;
	struct av_buf b = {0};
	gchar *text, *c;

	if (pg == NULL)
		return av_xstrdup("");
	/* The layout has one rectangle per character of the page's text. */
	text = poppler_page_get_text(pg);
	if (text && poppler_page_get_text_layout(pg, &r, &nr)) {
		for (c = text; *c && k < nr; c = g_utf8_next_char(c), k++) {
			double mx = (r[k].x1 + r[k].x2) / 2, my = (r[k].y1 + r[k].y2) / 2;
			if ((*c == '\n' && x1 <= 0) || (mx >= x1 && mx <= x2 && my >= y1 && my <= y2))
				av_buf_add(&b, c, (size_t)(g_utf8_next_char(c) - c));
		}
	}
	g_free(r);
	g_free(text);
	g_object_unref(pg);
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

char *
pc_text_between(struct pc_pdf *p, int page, double top, double bottom)
{
	double w, h;
	pc_page_size(p, page, &w, &h);
	return pc_text_in(p, page, 0, top, w, bottom);
}

char *
pc_text_all(struct pc_pdf *p)
{
	struct av_buf b = {0};
	int i, n = pc_pages(p);
	for (i = 1; i <= n; i++) {
		char *t = pc_text(p, i);
		av_buf_adds(&b, t);
		av_buf_addc(&b, '\n');
		free(t);
	}
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

char *
pc_label(struct pc_pdf *p, int page)
{
	PopplerPage *pg = get_page(p, page);
	char *s = NULL;
	if (pg) {
		s = own(poppler_page_get_label(pg));
		g_object_unref(pg);
	}
	return s;
}

/* The page a destination points at (named ones looked up); 0 when none. */
static int
dest_page(struct pc_pdf *p, const PopplerDest *d)
{
	int page = 0;
	if (d == NULL)
		return 0;
	if (d->type == POPPLER_DEST_NAMED) {
		PopplerDest *r = poppler_document_find_dest(p->doc, d->named_dest);
		if (r) {
			page = r->type == POPPLER_DEST_NAMED ? 0 : r->page_num;
			poppler_dest_free(r);
		}
	} else if (d->type != POPPLER_DEST_UNKNOWN) {
		page = d->page_num;
	}
	return page;
}

struct outline {
	struct pc_bookmark *v;
	size_t n, cap;
};

static void
walk_outline(struct pc_pdf *p, PopplerIndexIter *it, int depth, struct outline *o)
{
	do {
		PopplerAction *a = poppler_index_iter_get_action(it);
		PopplerIndexIter *child;
		struct pc_bookmark *b;

		o->v = av_xgrow(o->v, &o->cap, o->n + 1, sizeof *o->v);
		b = &o->v[o->n++];
		b->title = av_xstrdup(a && a->any.title ? a->any.title : "");
		b->depth = depth;
		b->page = a && a->type == POPPLER_ACTION_GOTO_DEST ? dest_page(p, a->goto_dest.dest) : 0;
		if (a)
			poppler_action_free(a);
		child = poppler_index_iter_get_child(it);
		if (child) {
			walk_outline(p, child, depth + 1, o);
			poppler_index_iter_free(child);
		}
	} while (poppler_index_iter_next(it));
}

struct pc_bookmark *
pc_outline(struct pc_pdf *p, size_t *n)
{
	PopplerIndexIter *it = poppler_index_iter_new(p->doc);
	struct outline o = {0};
	if (it) {
		walk_outline(p, it, 0, &o);
		poppler_index_iter_free(it);
	}
	*n = o.n;
	return o.v;
}

void
pc_outline_free(struct pc_bookmark *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].title);
	free(v);
}

struct pc_link *
pc_links(struct pc_pdf *p, int page, size_t *n)
{
	PopplerPage *pg = get_page(p, page);
	struct pc_link *v = NULL;
	size_t cap = 0;
	GList *map, *l;
	double w, h;

	*n = 0;
	if (pg == NULL)
		return NULL;
	poppler_page_get_size(pg, &w, &h);
	map = poppler_page_get_link_mapping(pg);
	for (l = map; l; l = l->next) {
		PopplerLinkMapping *m = l->data;
		PopplerAction *a = m->action;
		struct pc_link *k;

		v = av_xgrow(v, &cap, *n + 1, sizeof *v);
		k = &v[(*n)++];
		memset(k, 0, sizeof *k);
		/* Link areas come in PDF space (origin bottom-left). */
		k->x1 = m->area.x1;
		k->x2 = m->area.x2;
		k->y1 = h - m->area.y2;
		k->y2 = h - m->area.y1;
		if (a && a->type == POPPLER_ACTION_GOTO_DEST) {
			k->kind = PC_LINK_INTERNAL;
			k->dest_page = dest_page(p, a->goto_dest.dest);
			if (a->goto_dest.dest && a->goto_dest.dest->type == POPPLER_DEST_NAMED)
				k->dest_name = av_xstrdup(a->goto_dest.dest->named_dest);
		} else if (a && a->type == POPPLER_ACTION_URI) {
			k->kind = PC_LINK_URI;
			k->uri = av_xstrdup(a->uri.uri ? a->uri.uri : "");
		} else {
			k->kind = PC_LINK_OTHER;
		}
	}
	/* In the order they stand on the page (poppler lists them in
	 * reverse). */
	if (*n > 1) {
		size_t i;
		for (i = 0; i < *n / 2; i++) {
			struct pc_link t = v[i];
			v[i] = v[*n - 1 - i];
			v[*n - 1 - i] = t;
		}
	}
	poppler_page_free_link_mapping(map);
	g_object_unref(pg);
	return v;
}

void
pc_links_free(struct pc_link *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(v[i].dest_name);
		free(v[i].uri);
	}
	free(v);
}

int
pc_dest_page(struct pc_pdf *p, const char *name)
{
	PopplerDest d = { 0 };
	d.type = POPPLER_DEST_NAMED;
	d.named_dest = (gchar *)name;
	return dest_page(p, &d);
}

struct names {
	char **v;
	size_t n, cap;
};

static gboolean
add_name(gpointer key, gpointer value, gpointer data)
{
	struct names *s = data;
	(void)value;
	/* Keys are names as poppler_document_find_dest() takes them (plain
	 * for names without NUL bytes or backslashes, such as ids). */
	s->v = av_xgrow(s->v, &s->cap, s->n + 2, sizeof *s->v);
	s->v[s->n++] = av_xstrdup(key);
	s->v[s->n] = NULL;
	return FALSE;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
pc_dest_names(struct pc_pdf *p)
{
	GTree *t = poppler_document_create_dests_tree(p->doc);
	struct names s = {0};

	s.v = av_xgrow(s.v, &s.cap, 1, sizeof *s.v);
	s.v[0] = NULL;
	if (t) {
		g_tree_foreach(t, add_name, &s);
		g_tree_destroy(t);
	}
	qsort(s.v, s.n, sizeof *s.v, cmp_str);
	return s.v;
}

void
pc_strv_free(char **v)
{
	av_strv_free(v);
}

void
pc_meta(struct pc_pdf *p, struct pc_meta *m)
{
	m->title = own(poppler_document_get_title(p->doc));
	m->author = own(poppler_document_get_author(p->doc));
	m->subject = own(poppler_document_get_subject(p->doc));
	m->creator = own(poppler_document_get_creator(p->doc));
	m->producer = own(poppler_document_get_producer(p->doc));
	m->created = poppler_document_get_creation_date(p->doc);
}

void
pc_meta_free(struct pc_meta *m)
{
	free(m->title);
	free(m->author);
	free(m->subject);
	free(m->creator);
	free(m->producer);
	memset(m, 0, sizeof *m);
}

char **
pc_fonts(struct pc_pdf *p, size_t *not_embedded)
{
	PopplerFontInfo *fi = poppler_font_info_new(p->doc);
	PopplerFontsIter *it = NULL;
	struct names s = {0};

	*not_embedded = 0;
	s.v = av_xgrow(s.v, &s.cap, 1, sizeof *s.v);
	s.v[0] = NULL;
	/* One scan over every page. */
	if (poppler_font_info_scan(fi, pc_pages(p), &it) && it) {
		do {
			const char *name = poppler_fonts_iter_get_name(it);
			s.v = av_xgrow(s.v, &s.cap, s.n + 2, sizeof *s.v);
			s.v[s.n++] = av_xstrdup(name ? name : "(unnamed)");
			s.v[s.n] = NULL;
			if (!poppler_fonts_iter_is_embedded(it))
				(*not_embedded)++;
		} while (poppler_fonts_iter_next(it));
		poppler_fonts_iter_free(it);
	}
	g_object_unref(fi);
	qsort(s.v, s.n, sizeof *s.v, cmp_str);
	return s.v;
}

/* The value of "/Key (value)" in a dictionary as qpdf shows it; NULL when
 * absent or not a plain string. */
static char *
dict_string(const char *dict, const char *key)
{
	const char *p = strstr(dict, key), *end;
	if (p == NULL)
		return NULL;
	p += strlen(key);
	while (*p == ' ')
		p++;
	if (*p != '(' || (end = strchr(p, ')')) == NULL)
		return NULL;
	return av_xasprintf("%.*s", (int)(end - p - 1), p + 1);
}

char *
pc_lang(const char *path)
{
	char *q = th_shquote(path), *trailer = NULL, *catalog = NULL, *lang = NULL;
	const char *root;
	int num, gen;

	if (th_sh(&trailer, NULL, "qpdf --show-object=trailer %s", q) == 0 &&
	    (root = strstr(trailer, "/Root ")) != NULL &&
	    sscanf(root, "/Root %d %d R", &num, &gen) == 2 &&
	    th_sh(&catalog, NULL, "qpdf --show-object=%d,%d %s", num, gen, q) == 0)
		lang = dict_string(catalog, "/Lang");
	free(trailer);
	free(catalog);
	free(q);
	return lang;
}
