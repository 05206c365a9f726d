/* diagram_dump.c -- the diagram layout as text: a dump for tests and the fallback alternative text. */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"

const char *
av_dg_place_name(enum av_dg_place p)
{
	switch (p) {
	case AV_DG_PLACE_TREE:
		return "tree";
	case AV_DG_PLACE_STACKED:
		return "stacked";
	case AV_DG_PLACE_STAFF:
		return "staff";
	}
	assert(!"place");
	return "?";
}

const char *
av_dg_style_name(enum av_dg_style s)
{
	switch (s) {
	case AV_DG_SOLID:
		return "solid";
	case AV_DG_THIN:
		return "thin";
	case AV_DG_DASHED:
		return "dashed";
	case AV_DG_DOTTED:
		return "dotted";
	case AV_DG_DASH_DOT:
		return "dash-dot";
	}
	assert(!"style");
	return "?";
}

const char *
av_dg_conn_kind_name(enum av_dg_conn_kind k)
{
	switch (k) {
	case AV_DG_CONN_TREE:
		return "tree";
	case AV_DG_CONN_STACK:
		return "stack";
	case AV_DG_CONN_STAFF:
		return "staff";
	case AV_DG_CONN_ROUTED:
		return "routed";
	}
	assert(!"connector kind");
	return "?";
}

static const char *
text_kind_name(enum av_dg_text k)
{
	switch (k) {
	case AV_DG_TEXT_LABEL:
		return "label";
	case AV_DG_TEXT_HOLDERS:
		return "holders";
	case AV_DG_TEXT_PARTY:
		return "party";
	case AV_DG_TEXT_LEGEND:
		return "legend";
	}
	assert(!"text kind");
	return "?";
}

/* Coordinates in pt with two decimals; "-0.00" written as "0.00". */
static void
num(struct av_buf *b, double v)
{
	if (v > -0.005 && v < 0.005)
		v = 0;
	av_buf_printf(b, "%.2f", v);
}

static void
point(struct av_buf *b, double x, double y, double s)
{
	num(b, x * s);
	av_buf_addc(b, ',');
	num(b, y * s);
}

static void
rect(struct av_buf *b, const struct av_dg_rect *r, double s)
{
	av_buf_adds(b, "at ");
	point(b, r->x, r->y, s);
	av_buf_adds(b, " size ");
	num(b, r->w * s);
	av_buf_addc(b, 'x');
	num(b, r->h * s);
}

static void
dump_line(struct av_buf *b, const struct av_dg_layout *l, size_t i)
{
	const struct av_dg_line *ln = &l->lines[i];
	double s = l->scale;
	av_buf_printf(b, "  %s \"%s\" ", text_kind_name(ln->kind), ln->text);
	num(b, ln->size * s);
	av_buf_adds(b, "pt ");
	rect(b, &ln->r, s);
	av_buf_adds(b, " ink ");
	rect(b, &ln->ink, s);
	av_buf_adds(b, " baseline ");
	num(b, ln->baseline * s);
	av_buf_addc(b, '\n');
}

char *
av_dg_dump(const struct av_dg_layout *l)
{
	const struct av_dg_graph *g = l->g;
	struct av_buf b = {0};
	double s = l->scale;
	size_t i, k;

	av_buf_printf(&b, "diagram roles %zu parties %zu edges %zu scale %.4f size ", g->nnodes, g->nparties,
	    g->nedges, s);
	num(&b, l->width * s);
	av_buf_addc(&b, 'x');
	num(&b, l->height * s);
	av_buf_adds(&b, " smallest-text ");
	num(&b, l->min_text);
	av_buf_printf(&b, "%s stacked %zu\n", l->rotated ? " rotated" : "", l->nstacked);
	for (i = 0; i < l->nboxes; i++) {
		const struct av_dg_box *bx = &l->boxes[i];
		const struct av_dg_node *n = &g->nodes[bx->node];
		av_buf_printf(&b, "box %s %s %s depth %zu parent %s party %s ", n->id, av_dg_place_name(bx->place),
		    av_dg_kind_name(n->kind), bx->depth,
		    bx->parent == AV_DG_NONE ? "-" : g->nodes[l->boxes[bx->parent].node].id,
		    n->party == AV_DG_NONE ? "-" : g->parties[n->party].id);
		rect(&b, &bx->r, s);
		av_buf_adds(&b, " band ");
		num(&b, bx->band * s);
		av_buf_addc(&b, '\n');
		for (k = bx->first_line; k < bx->first_line + bx->nlines; k++)
			dump_line(&b, l, k);
	}
	for (i = 0; i < l->nconns; i++) {
		const struct av_dg_conn *cn = &l->conns[i];
		av_buf_printf(&b, "conn %s %s%s %s ->", av_dg_conn_kind_name(cn->kind), av_dg_style_name(cn->style),
		    cn->arrow ? " arrow" : "", g->nodes[cn->from].id);
		for (k = 0; k < cn->nto; k++)
			av_buf_printf(&b, " %s", g->nodes[cn->to[k]].id);
		if (cn->edge != AV_DG_NONE)
			av_buf_printf(&b, " (%s)", av_dg_rel_name(g->edges[cn->edge].rel));
		av_buf_addc(&b, '\n');
		for (k = 0; k < cn->nsegs; k++) {
			av_buf_adds(&b, "  seg ");
			point(&b, cn->segs[k].x1, cn->segs[k].y1, s);
			av_buf_adds(&b, " ");
			point(&b, cn->segs[k].x2, cn->segs[k].y2, s);
			av_buf_addc(&b, '\n');
		}
	}
	for (i = 0; i < l->nlegend; i++) {
		const struct av_dg_legend_item *it = &l->legend[i];
		av_buf_printf(&b, "legend %s swatch ", g->parties[it->party].id);
		rect(&b, &it->swatch, s);
		av_buf_printf(&b, " colour #%06x\n", g->parties[it->party].colour);
		dump_line(&b, l, it->tag_line);
		dump_line(&b, l, it->name_line);
	}
	for (i = 0; i < l->nomitted; i++) {
		const struct av_dg_edge *e = &g->edges[l->omitted[i]];
		av_buf_printf(&b, "omitted %s %s %s\n", g->nodes[e->from].id, av_dg_rel_name(e->rel),
		    g->nodes[e->to].id);
	}
	return av_buf_take(&b);
}

char *
av_dg_alt_text(const struct av_dg_layout *l)
{
	const struct av_dg_graph *g = l->g;
	struct av_buf b = {0};
	unsigned char *named = av_xcalloc(g->nnodes + 1, 1);
	size_t i, k;

	/* Hierarchy top-down ("A → B, C"), then staff and other relations
	 * from the role that holds them ("A ⇢ B"); roles in no relation by
	 * themselves. */
	for (i = 0; i < l->nconns; i++) {
		const struct av_dg_conn *cn = &l->conns[i];
		int down = cn->kind == AV_DG_CONN_TREE || cn->kind == AV_DG_CONN_STACK ||
		    (cn->kind == AV_DG_CONN_ROUTED && (g->edges[cn->edge].rel == AV_DG_REPORTS_TO ||
		    g->edges[cn->edge].rel == AV_DG_MEMBER_OF));
		if (b.len > 0)
			av_buf_adds(&b, "; ");
		if (cn->kind == AV_DG_CONN_STAFF) {
			for (k = 0; k < cn->nto; k++) {
				if (k > 0)
					av_buf_adds(&b, "; ");
				av_buf_printf(&b, "%s \xe2\x87\xa2 %s", g->nodes[cn->to[k]].label, g->nodes[cn->from].label);
				named[cn->to[k]] = 1;
			}
			named[cn->from] = 1;
			continue;
		}
		if (down && cn->kind == AV_DG_CONN_ROUTED) {
			av_buf_printf(&b, "%s \xe2\x86\x92 %s", g->nodes[cn->to[0]].label, g->nodes[cn->from].label);
		} else if (down) {
			av_buf_printf(&b, "%s \xe2\x86\x92 ", g->nodes[cn->from].label);
			for (k = 0; k < cn->nto; k++)
				av_buf_printf(&b, "%s%s", k > 0 ? ", " : "", g->nodes[cn->to[k]].label);
		} else {
			av_buf_printf(&b, "%s \xe2\x87\xa2 %s", g->nodes[cn->from].label, g->nodes[cn->to[0]].label);
		}
		named[cn->from] = 1;
		for (k = 0; k < cn->nto; k++)
			named[cn->to[k]] = 1;
	}
	for (i = 0; i < g->nnodes; i++)
		if (!named[i]) {
			if (b.len > 0)
				av_buf_adds(&b, "; ");
			av_buf_adds(&b, g->nodes[i].label);
		}
	free(named);
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}
