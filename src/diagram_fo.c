/* diagram_fo.c -- the FO formatter's handler for d:diagram inside fo:instream-foreign-object. */
#include "config.h"

#include <stdlib.h>

#include "diagram.h"

struct obj {
	struct av_dg_graph *g;
	struct av_dg_layout *l;
};

static void *
prepare(xmlNode *el, const char *file, const char *lang, double max_w, double max_h,
    double *w, double *h, struct av_diags *d)
{
	/* A small chart may grow to fill more of its page, but not so far
	 * that its names outgrow the headings around it (10 pt role names
	 * become at most 12.5 pt). */
	struct av_dg_options o = { max_w, max_h, 0, 1.25, 1 };
	struct obj *ob;
	struct av_dg_graph *g;
	char *elang = (char *)xmlGetNoNsProp(el, (const xmlChar *)"lang");

	/* The element's own lang wins over the language in force around it. */
	g = av_dg_graph_read(el, file, elang ? NULL : lang, d);
	xmlFree(elang);
	if (g == NULL)
		return NULL;
	ob = av_xcalloc(1, sizeof *ob);
	ob->g = g;
	ob->l = av_dg_layout(g, &o, d);
	*w = ob->l->width * ob->l->scale;
	*h = ob->l->height * ob->l->scale;
	return ob;
}

static void
draw(void *p, cairo_t *cr)
{
	struct obj *ob = p;
	av_dg_draw(ob->l, cr);
}

static size_t
nlinks(void *p)
{
	struct obj *ob = p;
	return ob->l->nboxes;
}

static const char *
link(void *p, size_t i, double *x, double *y, double *w, double *h)
{
	struct obj *ob = p;
	const struct av_dg_box *b = &ob->l->boxes[i];
	double s = ob->l->scale;
	*x = b->r.x * s;
	*y = b->r.y * s;
	*w = b->r.w * s;
	*h = b->r.h * s;
	return ob->g->nodes[b->node].id;
}

static char *
alt_text(void *p)
{
	struct obj *ob = p;
	return av_dg_alt_text(ob->l);
}

static void
free_obj(void *p)
{
	struct obj *ob = p;
	if (ob == NULL)
		return;
	av_dg_layout_free(ob->l);
	av_dg_graph_free(ob->g);
	free(ob);
}

const struct av_foreign av_diagram_foreign = {
	AV_DG_NS,
	prepare,
	draw,
	nlinks,
	link,
	alt_text,
	free_obj,
};
