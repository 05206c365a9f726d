/* test_diagram.c -- the organisation diagram: d:diagram fixtures, layout invariants on generated charts, PDF/SVG/PNG output, FO embedding. */
#include "config.h"

#include <criterion/criterion.h>
#include <glib.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deflate.h"
#include "diagram.h"
#include "diagram_gen.h"
#include "fo.h"
#include "fonts.h"
#include "harness.h"
#include "hyphenate.h"
#include "model.h"
#include "transform.h"
#include "util.h"

#define EPS 0.01

/* The page area of the standalone PDF: A4 landscape within its margins. */
#define A4_W (AV_DG_A4_LONG - 2 * AV_DG_PAGE_MARGIN)
#define A4_H (AV_DG_A4_SHORT - 2 * AV_DG_PAGE_MARGIN)

/* Built with --enable-asan: fontconfig's one configuration per process,
 * which pango's font map keeps (tests/lsan.supp says why), and Criterion
 * 2.4's runner, in parallel, are not leaks of ours. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcriterion.so\n";
}

static void
setup(void)
{
	struct av_diags d = {0};
	cr_assert_eq(av_fonts_init(&d), 0, "fonts: %s", d.n ? d.v[0].msg : "?");
	av_diags_free(&d);
}

TestSuite(diagram, .init = setup, .timeout = 120);

/* ---- The checker: what every layout promises -------------------------- */

static double
cx(const struct av_dg_rect *r)
{
	return r->x + r->w / 2;
}

static int
rect_inside(const struct av_dg_rect *in, const struct av_dg_rect *out)
{
	return in->x >= out->x - EPS && in->y >= out->y - EPS && in->x + in->w <= out->x + out->w + EPS &&
	    in->y + in->h <= out->y + out->h + EPS;
}

static int
rects_overlap(const struct av_dg_rect *a, const struct av_dg_rect *b)
{
	return a->x < b->x + b->w - EPS && b->x < a->x + a->w - EPS && a->y < b->y + b->h - EPS &&
	    b->y < a->y + a->h - EPS;
}

static int
horizontal(const struct av_dg_seg *s)
{
	return fabs(s->y1 - s->y2) < 1e-9;
}

/* Whether a segment passes through the inside of a box (touching its
 * border is how connectors end). */
static int
seg_through(const struct av_dg_seg *s, const struct av_dg_rect *r)
{
	double x0 = fmin(s->x1, s->x2), x1 = fmax(s->x1, s->x2);
	double y0 = fmin(s->y1, s->y2), y1 = fmax(s->y1, s->y2);
	return x1 > r->x + EPS && x0 < r->x + r->w - EPS && y1 > r->y + EPS && y0 < r->y + r->h - EPS;
}

/* Two segments cross (a point inside both) or run along each other. */
static int
segs_cross(const struct av_dg_seg *a, const struct av_dg_seg *b)
{
	const struct av_dg_seg *h, *v;
	if (horizontal(a) == horizontal(b)) {
		if (horizontal(a))
			return fabs(a->y1 - b->y1) < EPS &&
			    fmin(fmax(a->x1, a->x2), fmax(b->x1, b->x2)) - fmax(fmin(a->x1, a->x2), fmin(b->x1, b->x2)) > EPS;
		return fabs(a->x1 - b->x1) < EPS &&
		    fmin(fmax(a->y1, a->y2), fmax(b->y1, b->y2)) - fmax(fmin(a->y1, a->y2), fmin(b->y1, b->y2)) > EPS;
	}
	h = horizontal(a) ? a : b;
	v = horizontal(a) ? b : a;
	return v->x1 > fmin(h->x1, h->x2) + EPS && v->x1 < fmax(h->x1, h->x2) - EPS &&
	    h->y1 > fmin(v->y1, v->y2) + EPS && h->y1 < fmax(v->y1, v->y2) - EPS;
}

static int
on_border(const struct av_dg_rect *r, double x, double y)
{
	int in_x = x >= r->x - EPS && x <= r->x + r->w + EPS, in_y = y >= r->y - EPS && y <= r->y + r->h + EPS;
	return (in_x && (fabs(y - r->y) < EPS || fabs(y - r->y - r->h) < EPS)) ||
	    (in_y && (fabs(x - r->x) < EPS || fabs(x - r->x - r->w) < EPS));
}

/* Some segment of the connector ends on the box's border. */
static int
reaches(const struct av_dg_conn *cn, const struct av_dg_rect *r)
{
	size_t k;
	for (k = 0; k < cn->nsegs; k++)
		if (on_border(r, cn->segs[k].x1, cn->segs[k].y1) || on_border(r, cn->segs[k].x2, cn->segs[k].y2))
			return 1;
	return 0;
}

/* Letters only: drops blanks, hyphens and soft hyphens. */
static char *
letters(const char *s)
{
	struct av_buf b = {0};
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		if (*u == ' ' || *u == '-')
			u++;
		else if (u[0] == 0xc2 && (u[1] == 0xad || u[1] == 0xa0))
			u += 2;
		else
			av_buf_addc(&b, (char)*u++);
	}
	av_buf_adds(&b, "");
	return av_buf_take(&b);
}

static int
is_hierarchy(enum av_dg_conn_kind k)
{
	return k == AV_DG_CONN_TREE || k == AV_DG_CONN_STACK || k == AV_DG_CONN_STAFF;
}

#define FAIL(...) do { why = av_xasprintf(__VA_ARGS__); goto out; } while (0)

/* NULL when the layout keeps every promise of SPEC §7, else the first it
 * breaks. */
static char *
check(const struct av_dg_graph *g, const struct av_dg_layout *l, double aw, double ah)
{
	char *why = NULL;
	size_t i, j, k, m;
	struct av_dg_rect all = { -EPS, -EPS, l->width + 2 * EPS, l->height + 2 * EPS };

	if (l->nboxes != g->nnodes)
		FAIL("%zu boxes for %zu roles", l->nboxes, g->nnodes);
	/* Fits its area, keeping proportions, never enlarged. */
	if (l->scale > 1 + 1e-9)
		FAIL("scale %.3f", l->scale);
	if (l->rotated ? (l->width * l->scale > ah + EPS || l->height * l->scale > aw + EPS)
	    : (l->width * l->scale > aw + EPS || l->height * l->scale > ah + EPS))
		FAIL("%.2f x %.2f pt does not fit %.2f x %.2f", l->width * l->scale, l->height * l->scale, aw, ah);
	for (i = 0; i < l->nboxes; i++) {
		const struct av_dg_box *b = &l->boxes[i];
		if (b->node != i)
			FAIL("box %zu is of node %zu", i, b->node);
		if (!rect_inside(&b->r, &all))
			FAIL("box %s outside the drawing", g->nodes[i].id);
		for (j = i + 1; j < l->nboxes; j++)
			if (rects_overlap(&b->r, &l->boxes[j].r))
				FAIL("boxes %s and %s overlap", g->nodes[i].id, g->nodes[j].id);
		for (k = 0; k < l->nlegend; k++)
			if (rects_overlap(&b->r, &l->legend[k].swatch))
				FAIL("box %s overlaps the legend", g->nodes[i].id);
	}
	/* Text inside its box; the role name complete. */
	for (i = 0; i < l->nboxes; i++) {
		const struct av_dg_box *b = &l->boxes[i];
		struct av_buf label = {0};
		char *want, *got;
		for (k = b->first_line; k < b->first_line + b->nlines; k++) {
			const struct av_dg_line *ln = &l->lines[k];
			struct av_dg_rect band = { b->r.x, b->r.y, b->r.w, b->band };
			if (ln->box != i)
				FAIL("line \"%s\" of box %s claims box %zu", ln->text, g->nodes[i].id, ln->box);
			if (!rect_inside(&ln->ink, &b->r))
				FAIL("line \"%s\" leaves box %s", ln->text, g->nodes[i].id);
			if (ln->kind == AV_DG_TEXT_PARTY && !rect_inside(&ln->ink, &band))
				FAIL("party \"%s\" leaves the band of %s", ln->text, g->nodes[i].id);
			if (ln->kind == AV_DG_TEXT_HOLDERS && strchr(ln->text, '-') &&
			    ln->text[strlen(ln->text) - 1] == '-')
				FAIL("holders hyphenated in %s: \"%s\"", g->nodes[i].id, ln->text);
			if (ln->kind == AV_DG_TEXT_LABEL)
				av_buf_adds(&label, ln->text);
		}
		want = letters(g->nodes[i].label);
		got = letters(label.data ? label.data : "");
		av_buf_free(&label);
		if (strcmp(want, got) != 0) {
			why = av_xasprintf("label of %s drawn as \"%s\"", g->nodes[i].id, got);
			free(want);
			free(got);
			goto out;
		}
		free(want);
		free(got);
	}
	for (i = 0; i < l->nlines; i++)
		if (!rect_inside(&l->lines[i].ink, &all))
			FAIL("line \"%s\" outside the drawing", l->lines[i].text);
	/* Connectors: orthogonal, through no box, joined to their boxes. */
	for (i = 0; i < l->nconns; i++) {
		const struct av_dg_conn *cn = &l->conns[i];
		if (cn->nsegs == 0)
			FAIL("connector %zu has no segments", i);
		for (k = 0; k < cn->nsegs; k++) {
			const struct av_dg_seg *s = &cn->segs[k];
			if (s->x1 != s->x2 && s->y1 != s->y2)
				FAIL("a slanted segment from %s", g->nodes[cn->from].id);
			if (s->x1 == s->x2 && s->y1 == s->y2)
				FAIL("an empty segment from %s", g->nodes[cn->from].id);
			for (j = 0; j < l->nboxes; j++)
				if (seg_through(s, &l->boxes[j].r))
					FAIL("a %s connector from %s passes through box %s", av_dg_conn_kind_name(cn->kind),
					    g->nodes[cn->from].id, g->nodes[j].id);
			for (j = 0; j < l->nlegend; j++)
				if (seg_through(s, &l->legend[j].swatch))
					FAIL("a connector from %s passes through the legend", g->nodes[cn->from].id);
		}
		if (!reaches(cn, &l->boxes[cn->from].r))
			FAIL("a %s connector does not reach %s", av_dg_conn_kind_name(cn->kind), g->nodes[cn->from].id);
		for (k = 0; k < cn->nto; k++)
			if (!reaches(cn, &l->boxes[cn->to[k]].r))
				FAIL("a connector from %s does not reach %s", g->nodes[cn->from].id, g->nodes[cn->to[k]].id);
		if (cn->kind == AV_DG_CONN_ROUTED) {
			const struct av_dg_seg *first = &cn->segs[0], *last = &cn->segs[cn->nsegs - 1];
			if (!on_border(&l->boxes[cn->from].r, first->x1, first->y1) ||
			    !on_border(&l->boxes[cn->to[0]].r, last->x2, last->y2))
				FAIL("routed %s -> %s does not run from border to border", g->nodes[cn->from].id,
				    g->nodes[cn->to[0]].id);
			if (cn->arrow != (g->edges[cn->edge].rel == AV_DG_ESCALATES_TO))
				FAIL("arrowhead on %s", av_dg_rel_name(g->edges[cn->edge].rel));
		}
		if (cn->kind == AV_DG_CONN_STAFF && !horizontal(&cn->segs[0]))
			FAIL("staff of %s not joined from the side", g->nodes[cn->from].id);
		/* Siblings in file order; parents centred over a row. */
		for (k = 1; k < cn->nto && is_hierarchy(cn->kind); k++) {
			const struct av_dg_rect *a = &l->boxes[cn->to[k - 1]].r, *b = &l->boxes[cn->to[k]].r;
			if (cn->to[k] <= cn->to[k - 1])
				FAIL("children of %s out of file order", g->nodes[cn->from].id);
			if (cn->kind == AV_DG_CONN_TREE && cx(b) <= cx(a))
				FAIL("children of %s not left to right", g->nodes[cn->from].id);
			if (cn->kind == AV_DG_CONN_STACK && (b->y < a->y - EPS || (fabs(b->y - a->y) < EPS && b->x <= a->x)))
				FAIL("stacked children of %s out of order", g->nodes[cn->from].id);
		}
		if (cn->kind == AV_DG_CONN_TREE) {
			double mid = (cx(&l->boxes[cn->to[0]].r) + cx(&l->boxes[cn->to[cn->nto - 1]].r)) / 2;
			if (fabs(cx(&l->boxes[cn->from].r) - mid) > EPS)
				FAIL("%s is not centred over its children", g->nodes[cn->from].id);
		}
	}
	/* The hierarchy's connectors never cross or run along each other. */
	for (i = 0; i < l->nconns; i++) {
		if (!is_hierarchy(l->conns[i].kind))
			continue;
		for (j = i + 1; j < l->nconns; j++) {
			if (!is_hierarchy(l->conns[j].kind))
				continue;
			for (k = 0; k < l->conns[i].nsegs; k++)
				for (m = 0; m < l->conns[j].nsegs; m++)
					if (segs_cross(&l->conns[i].segs[k], &l->conns[j].segs[m]))
						FAIL("connectors from %s and %s cross", g->nodes[l->conns[i].from].id,
						    g->nodes[l->conns[j].from].id);
		}
	}
	/* The legend names every party, by colour and by short name. */
	if (l->nlegend != g->nparties)
		FAIL("legend of %zu items for %zu parties", l->nlegend, g->nparties);
	for (i = 0; i < l->nlegend; i++) {
		const struct av_dg_legend_item *it = &l->legend[i];
		if (it->party != i)
			FAIL("legend item %zu is party %zu", i, it->party);
		if (strcmp(l->lines[it->name_line].text, g->parties[i].name) != 0)
			FAIL("legend names \"%s\" for \"%s\"", l->lines[it->name_line].text, g->parties[i].name);
		if (!rect_inside(&l->lines[it->tag_line].ink, &it->swatch))
			FAIL("short name \"%s\" leaves its swatch", l->lines[it->tag_line].text);
	}
	/* Escalation left out only where the hierarchy already leads there
	 * or another line joins the two. */
	for (i = 0; i < l->nomitted; i++) {
		const struct av_dg_edge *e = &g->edges[l->omitted[i]];
		size_t v;
		int joined = 0;
		if (e->rel != AV_DG_ESCALATES_TO)
			continue;
		for (v = e->from; v != AV_DG_NONE && v != e->to; v = l->boxes[v].parent)
			;
		for (j = 0; j < l->nconns; j++)
			for (k = 0; k < l->conns[j].nto; k++)
				if ((l->conns[j].from == e->from && l->conns[j].to[k] == e->to) ||
				    (l->conns[j].from == e->to && l->conns[j].to[k] == e->from))
					joined = 1;
		if (v != e->to && !joined)
			FAIL("escalation %s -> %s left out", g->nodes[e->from].id, g->nodes[e->to].id);
	}
out:
	return why;
}

/* Lays out, checks, lays out again: the same dump. */
static void
check_graph(const struct av_dg_graph *g, double aw, double ah, int rotate, const char *what)
{
	struct av_dg_options o = { aw, ah, rotate, 1.0, 0 };
	struct av_diags d = {0};
	struct av_dg_layout *l = av_dg_layout(g, &o, &d), *again;
	char *why = check(g, l, aw, ah), *a, *b;

	cr_expect_null(why, "%s: %s", what, why ? why : "");
	free(why);
	again = av_dg_layout(g, &o, &d);
	a = av_dg_dump(l);
	b = av_dg_dump(again);
	cr_expect_str_eq(a, b, "%s: two layouts differ", what);
	free(a);
	free(b);
	av_dg_layout_free(l);
	av_dg_layout_free(again);
	av_diags_free(&d);
}

/* ---- Fixtures ------------------------------------------------------------ */

static char *
fixture(const char *name)
{
	char *rel = av_xasprintf("tests/diagram/%s", name);
	char *p = th_src(rel);
	free(rel);
	return p;
}

/* A fixture's graph: a d:diagram document, or a collaboration through
 * the model. */
static struct av_dg_graph *
read_fixture(const char *name, struct av_diags *d)
{
	char *path = fixture(name);
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	struct av_dg_graph *g = NULL;
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && root->ns && strcmp((const char *)root->ns->href, AV_DG_NS) == 0) {
		g = av_dg_graph_read(root, name, NULL, d);
	} else if (root) {
		struct av_collab *c = av_collab_load(path, d);
		if (c && !av_diags_has_errors(d))
			g = av_dg_graph_from_collab(c, NULL);
		av_collab_free(c);
	}
	xmlFreeDoc(doc);
	free(path);
	return g;
}

/* Every tests/diagram/NAME.xml: `ansvar dump-diagram` (run beside it, so
 * messages name the file alone) prints NAME.dump and says NAME.diag; bad-*
 * fail with status 1, the others pass and keep every promise. */
Test(diagram, fixtures)
{
	char *dir = fixture(""), **names = th_list(dir, ".xml");
	size_t i;

	cr_assert_not_null(names[0]);
	for (i = 0; names[i]; i++) {
		char *base = av_xstrndup(names[i], strlen(names[i]) - 4), *out = NULL, *err = NULL;
		char *dump = av_xasprintf("%s/%s.dump", dir, base), *diag = av_xasprintf("%s/%s.diag", dir, base);
		int bad = strncmp(base, "bad-", 4) == 0;
		int rc = th_sh(&out, &err, "cd '%s' && %s '%s' dump-diagram '%s'", dir,
		    getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "", th_bin(), names[i]);

		cr_expect_eq(rc, bad ? 1 : 0, "%s: exit status %d\n%s", names[i], rc, err);
		if (!bad)
			cr_expect(th_matches_file(dump, out), "%s: layout dump differs", names[i]);
		else
			cr_expect_str_eq(out, "", "%s: a dump of bad input", names[i]);
		cr_expect(th_matches_file(diag, err), "%s: diagnostics differ", names[i]);
		if (!bad) {
			struct av_diags d = {0};
			struct av_dg_graph *g = read_fixture(names[i], &d);
			cr_assert_not_null(g, "%s", names[i]);
			check_graph(g, A4_W, A4_H, 1, names[i]);
			check_graph(g, 300, 200, 0, names[i]);      /* a small FO area */
			av_dg_graph_free(g);
			av_diags_free(&d);
		}
		free(base);
		free(out);
		free(err);
		free(dump);
		free(diag);
	}
	th_strv_free(names);
	free(dir);
}

static const struct av_dg_box *
box_of(const struct av_dg_layout *l, const char *id)
{
	size_t i = av_dg_find_node(l->g, id);
	cr_assert_neq(i, AV_DG_NONE, "no role %s", id);
	return &l->boxes[i];
}

/* A fixture laid out on the A4 page; fx_close() frees it. */
struct fx {
	struct av_diags d;
	struct av_dg_graph *g;
	struct av_dg_layout *l;
};

static void
fx_open(struct fx *f, const char *name)
{
	struct av_dg_options o = { A4_W, A4_H, 1, 1.0, 0 };
	memset(f, 0, sizeof *f);
	f->g = read_fixture(name, &f->d);
	cr_assert_not_null(f->g, "%s", name);
	f->l = av_dg_layout(f->g, &o, &f->d);
}

static void
fx_close(struct fx *f)
{
	av_dg_layout_free(f->l);
	av_dg_graph_free(f->g);
	av_diags_free(&f->d);
}

Test(diagram, staff_sit_beside_the_role_they_serve)
{
	struct fx f;
	struct av_dg_graph *g;
	struct av_dg_layout *l;
	const struct av_dg_box *lead, *ref, *jur, *eko;
	size_t i, routed = 0;

	fx_open(&f, "staff.xml");
	g = f.g;
	l = f.l;
	lead = box_of(l, "ledare");
	ref = box_of(l, "referens");
	jur = box_of(l, "juridik");
	eko = box_of(l, "ekonom");
	cr_expect_eq(ref->place, AV_DG_PLACE_STAFF);
	cr_expect_eq(eko->place, AV_DG_PLACE_STAFF);
	/* Advisers to the right (stacked), supporters to the left, level with it. */
	cr_expect_gt(ref->r.x, lead->r.x + lead->r.w);
	cr_expect_gt(jur->r.y, ref->r.y);
	cr_expect_lt(eko->r.x + eko->r.w, lead->r.x);
	cr_expect_lt(fabs(ref->r.y - lead->r.y), lead->r.h);
	cr_expect_lt(fabs(eko->r.y - lead->r.y), lead->r.h);
	/* The expert has a parent: its advice is a routed, dashed line. */
	cr_expect_eq(box_of(l, "expert")->place, AV_DG_PLACE_TREE);
	for (i = 0; i < l->nconns; i++)
		if (l->conns[i].kind == AV_DG_CONN_ROUTED) {
			routed++;
			cr_expect_eq(l->conns[i].style, AV_DG_DASHED);
		} else if (l->conns[i].kind == AV_DG_CONN_STAFF) {
			cr_expect(l->conns[i].style == (l->conns[i].to[0] == av_dg_find_node(g, "ekonom") ||
			    l->conns[i].to[0] == av_dg_find_node(g, "sekreterare") ? AV_DG_DOTTED : AV_DG_DASHED));
		}
	cr_expect_eq(routed, 1);
	fx_close(&f);
}

Test(diagram, escalation_only_where_the_hierarchy_lacks_the_line)
{
	struct fx f;
	struct av_dg_layout *l;
	size_t i, arrows = 0, thin = 0;
	char *diags;

	fx_open(&f, "dag.xml");
	l = f.l;
	diags = av_diags_format(&f.d);
	for (i = 0; i < l->nconns; i++) {
		arrows += l->conns[i].arrow;
		thin += l->conns[i].style == AV_DG_THIN;
	}
	cr_expect_eq(arrows, 1, "escalation across the tree, drawn once");
	cr_expect_eq(thin, 1, "the second member-of");
	cr_expect_eq(l->nomitted, 2, "escalation to an ancestor and the edge to itself");
	cr_expect(strstr(diags, "'skole1' reports-to itself") != NULL, "%s", diags);
	free(diags);
	fx_close(&f);
}

Test(diagram, wide_leaf_groups_stack_in_file_order)
{
	struct fx f;
	struct av_dg_layout *l;

	fx_open(&f, "stacked.xml");
	l = f.l;
	cr_expect_eq(box_of(l, "m1")->place, AV_DG_PLACE_STACKED);
	cr_expect_gt(l->nstacked, 10);
	cr_expect_geq(l->min_text, 6.0);
	fx_close(&f);
}

Test(diagram, long_names_wrap_and_hyphenate_inside_their_boxes)
{
	struct fx f;
	struct av_dg_layout *l;
	const struct av_dg_box *b;
	size_t k, lines = 0;
	char *all = av_xstrdup("");

	fx_open(&f, "hyphenation.xml");
	l = f.l;
	b = box_of(l, "ord");
	for (k = b->first_line; k < b->first_line + b->nlines; k++) {
		char *t;
		if (l->lines[k].kind != AV_DG_TEXT_LABEL)
			continue;
		lines++;
		t = av_xasprintf("%s%s|", all, l->lines[k].text);
		free(all);
		all = t;
	}
	/* The author's break points, not the patterns'. */
	cr_expect_gt(lines, 1);
	cr_expect(strstr(all, "Kvalitetssäkrings-|") == all, "%s", all);
	free(all);
	/* A holder's name stays whole. */
	b = box_of(l, "utv");
	for (k = b->first_line; k < b->first_line + b->nlines; k++)
		if (l->lines[k].kind == AV_DG_TEXT_HOLDERS && strstr(l->lines[k].text, "Karin"))
			cr_expect(strstr(l->lines[k].text, "Anna-Karin Johansson Lindqvist") != NULL, "%s", l->lines[k].text);
	fx_close(&f);
}

/* The patterns cut down to a few words break those words as the whole
 * file does. */
Test(diagram, patterns_for_given_words_break_them_as_all_patterns_do)
{
	static const char *const sv[] = { "Informationssäkerhetssamordnare", "verksamhetsutveckling",
		"Kvalitetssäkringsprocessledningsgruppsmedlemsrepresentant", "projektledare", "ändringshantering" };
	static const char *const nb[] = { "Kommunedirektørutvalet", "helsesykepleier", "styringsgruppe",
		"kommuneoverlegane" };
	const struct { const char *lang; const char *const *w; size_t n; } cases[] = {
		{ "sv", sv, 5 }, { "nb", nb, 4 }, { "nn", nb, 4 },
	};
	size_t c, i;

	for (c = 0; c < 3; c++) {
		const struct av_hyph *all = av_hyph_get(cases[c].lang, NULL);
		struct av_hyph *some = av_hyph_load_for(cases[c].lang, cases[c].w, cases[c].n, NULL);
		cr_assert_not_null(all);
		cr_assert_not_null(some);
		for (i = 0; i < cases[c].n; i++) {
			const char *w = cases[c].w[i];
			size_t len = strlen(w);
			unsigned char *a = av_xmalloc(len + 1), *b = av_xmalloc(len + 1);
			size_t na = av_hyphenate(all, w, len, a), nb2 = av_hyphenate(some, w, len, b);
			cr_expect_gt(na, 0, "%s: no breaks at all", w);
			cr_expect_eq(na, nb2, "%s", w);
			cr_expect_eq(memcmp(a, b, len + 1), 0, "%s breaks differently", w);
			free(a);
			free(b);
		}
		av_hyph_free(some);
	}
	cr_expect_null(av_hyph_load_for("de", cases[0].w, 1, NULL));
}

/* The same for every word of every sample, cut down for all at once. */
Test(diagram, patterns_for_the_samples_words_break_them_as_all_patterns_do)
{
	char *dir = th_src("samples"), **names = th_list(dir, ".xml");
	size_t f;

	for (f = 0; names[f]; f++) {
		char *path = av_path_join(dir, names[f]), *data, *p;
		struct av_diags d = {0};
		struct av_collab *c = av_collab_load(path, &d);
		const char *lang = c->lang == AV_LANG_SV ? "sv" : c->lang == AV_LANG_NB ? "nb" : "nn";
		const char **w = NULL;
		size_t n = 0, cap = 0, len, i, differ = 0;
		const struct av_hyph *all = av_hyph_get(lang, NULL);
		struct av_hyph *some;

		cr_assert_eq(av_read_file(path, (size_t)1 << 24, &data, &len), 0);
		for (p = data; *p;) {
			char *s0 = p;
			while (*p && g_unichar_isalpha(g_utf8_get_char(p)))
				p = g_utf8_next_char(p);
			if (p - s0 >= 5) {
				w = av_xgrow(w, &cap, n + 1, sizeof *w);
				w[n++] = av_xstrndup(s0, (size_t)(p - s0));
			}
			if (*p == '\0')
				break;
			if (p == s0)
				p = g_utf8_next_char(p);
		}
		some = av_hyph_load_for(lang, w, n, NULL);
		cr_assert_not_null(some);
		for (i = 0; i < n; i++) {
			size_t l = strlen(w[i]);
			unsigned char *a = av_xmalloc(l + 1), *b = av_xmalloc(l + 1);
			av_hyphenate(all, w[i], l, a);
			av_hyphenate(some, w[i], l, b);
			if (memcmp(a, b, l + 1) != 0) {
				cr_expect_fail("%s: '%s' breaks differently", names[f], w[i]);
				differ++;
			}
			free(a);
			free(b);
		}
		cr_expect_gt(n, 100, "%s: few words", names[f]);
		for (i = 0; i < n; i++)
			free((char *)w[i]);
		free(w);
		av_hyph_free(some);
		av_collab_free(c);
		av_diags_free(&d);
		free(data);
		free(path);
	}
	th_strv_free(names);
	free(dir);
}

/* ---- Generated charts ------------------------------------------------------ */

static void
check_generated(size_t n, unsigned flags, unsigned seed)
{
	struct av_dg_graph *g = dg_gen(n, flags, seed);
	char *what = av_xasprintf("%zu roles, flags %u, seed %u", n, flags, seed);
	cr_assert_eq(g->nnodes, n);
	check_graph(g, A4_W, A4_H, 1, what);
	if (n <= 100)
		check_graph(g, 480, 360, 0, what);
	free(what);
	av_dg_graph_free(g);
}

Test(diagram, generated_7)
{
	unsigned f;
	for (f = 0; f <= DG_GEN_ALL; f++)
		check_generated(7, f, 1);
}

Test(diagram, generated_40)
{
	check_generated(40, 0, 1);
	check_generated(40, DG_GEN_HOLDERS, 2);
	check_generated(40, DG_GEN_DAG | DG_GEN_HOLDERS, 3);
	check_generated(40, DG_GEN_STAFF, 4);
	check_generated(40, DG_GEN_ESCALATE, 5);
	check_generated(40, DG_GEN_ALL, 6);
}

Test(diagram, generated_100)
{
	check_generated(100, DG_GEN_HOLDERS, 1);
	check_generated(100, DG_GEN_ALL, 2);
}

Test(diagram, generated_1000, .timeout = 600)
{
	check_generated(1000, DG_GEN_ALL, 1);
}

/* SPEC §7: at least 40 roles stay legible on one A4 landscape page. */
Test(diagram, forty_roles_legible_on_a4_landscape)
{
	unsigned seed;
	for (seed = 1; seed <= 12; seed++) {
		struct av_dg_graph *g = dg_gen(40, DG_GEN_ALL, seed);
		struct av_dg_options o = { A4_W, A4_H, 0, 1.0, 0 };
		struct av_diags d = {0};
		struct av_dg_layout *l = av_dg_layout(g, &o, &d);
		char *why = check(g, l, A4_W, A4_H);
		cr_expect_null(why, "seed %u: %s", seed, why ? why : "");
		cr_expect_geq(l->min_text, 6.0, "seed %u: smallest text %.2f pt", seed, l->min_text);
		cr_expect_eq(d.nwarnings, 0, "seed %u", seed);
		free(why);
		av_dg_layout_free(l);
		av_dg_graph_free(g);
		av_diags_free(&d);
	}
}

Test(diagram, too_many_roles_for_the_area_warn)
{
	struct av_dg_graph *g = dg_gen(300, DG_GEN_HOLDERS, 1);
	struct av_dg_options o = { A4_W, A4_H, 1, 1.0, 0 };
	struct av_diags d = {0};
	struct av_dg_layout *l = av_dg_layout(g, &o, &d);
	char *msgs = av_diags_format(&d);
	cr_expect_lt(l->min_text, 6.0);
	cr_expect(strstr(msgs, "300 roles do not fit") != NULL, "%s", msgs);
	free(msgs);
	av_dg_layout_free(l);
	av_dg_graph_free(g);
	av_diags_free(&d);
}

/* ---- Output ---------------------------------------------------------------- */

static char *
run_diagram(const char *fixture_name, const char *out_name, const char *env, int *rc, char **err)
{
	char *dir = fixture(""), *tmp = th_build("tests/tmp/diagram");
	char *out = av_xasprintf("%s/%s", tmp, out_name);
	av_mkdir_p(tmp);
	*rc = th_sh(NULL, err, "cd '%s' && %s %s '%s' diagram -o '%s' '%s'", dir, env ? env : "",
	    getenv("ANSVAR_WRAPPER") ? getenv("ANSVAR_WRAPPER") : "", th_bin(), out, fixture_name);
	free(dir);
	free(tmp);
	return out;
}

static char *
slurp(const char *path, size_t *len)
{
	char *s = NULL;
	if (av_read_file(path, (size_t)1 << 30, &s, len) != 0)
		return NULL;
	return s;
}

static int
same_bytes(const char *a, const char *b)
{
	size_t la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	int same = x && y && la == lb && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

Test(diagram, pdf_is_valid_with_every_role_name_and_no_clock)
{
	static const char *const names[] = { "Styrgrupp", "Projektägare", "Projektledare", "Projektgrupp",
		"Referensgrupp", "Ekonom", "Verksamhetsutvecklare för digitalisering", "Anna Berg", "Per Ek",
		"Länets kommuner", "Region Mellanland", NULL };
	int rc;
	char *err = NULL, *pdf = run_diagram("small.xml", "small.pdf", "SOURCE_DATE_EPOCH=1369648800", &rc, &err);
	char *text, *info, *q, *out = NULL, *again;
	const char *missing = NULL;

	cr_assert_eq(rc, 0, "%s", err);
	cr_expect_str_eq(err, "");
	q = th_shquote(pdf);
	cr_expect_eq(th_sh(&out, NULL, "qpdf --check %s", q), 0, "%s", out);
	text = th_pdftotext(pdf);
	for (size_t i = 0; names[i]; i++) {
		const char *one[] = { names[i], NULL };
		cr_expect(th_in_order(text, one, &missing), "%s missing from the PDF text", names[i]);
	}
	info = th_pdfinfo(pdf);
	cr_expect(strstr(info, "Title:           Roller och ansvar") != NULL, "%s", info);
	cr_expect(strstr(info, "CreationDate:    2013-05-27T10:00:00Z") != NULL, "%s", info);
	cr_expect(strstr(info, "Tagged:          yes") != NULL, "%s", info);
	cr_expect(strstr(info, "Page size:       841.89 x 595.28 pts (A4)") != NULL, "%s", info);
	/* Without SOURCE_DATE_EPOCH and without a history there is no date. */
	free(err);
	again = run_diagram("small.xml", "small-nodate.pdf", "SOURCE_DATE_EPOCH=", &rc, &err);
	free(info);
	info = th_pdfinfo(again);
	cr_expect(strstr(info, "CreationDate") == NULL, "%s", info);
	free(again);
	free(info);
	free(text);
	free(out);
	free(q);
	free(err);
	free(pdf);
}

Test(diagram, reruns_are_byte_identical_in_every_format_and_locale)
{
	static const char *const ext[] = { "pdf", "svg", "png" };
	size_t i;
	for (i = 0; i < 3; i++) {
		int rc;
		char *err = NULL, *n1 = av_xasprintf("again1.%s", ext[i]), *n2 = av_xasprintf("again2.%s", ext[i]);
		char *n3 = av_xasprintf("again-sv.%s", ext[i]);
		char *a = run_diagram("dag.xml", n1, "SOURCE_DATE_EPOCH=1369648800", &rc, &err);
		char *b, *c;
		cr_expect_eq(rc, 0, "%s", err);
		free(err);
		b = run_diagram("dag.xml", n2, "SOURCE_DATE_EPOCH=1369648800", &rc, &err);
		free(err);
		c = run_diagram("dag.xml", n3, "LC_ALL=sv_SE.UTF-8 SOURCE_DATE_EPOCH=1369648800", &rc, &err);
		cr_expect_eq(rc, 0, "%s", err);
		cr_expect(same_bytes(a, b), "%s differs between runs", ext[i]);
		cr_expect(same_bytes(a, c), "%s differs under sv_SE.UTF-8", ext[i]);
		free(err);
		free(a);
		free(b);
		free(c);
		free(n1);
		free(n2);
		free(n3);
	}
}

Test(diagram, svg_is_well_formed_with_the_labels_as_text)
{
	int rc;
	char *err = NULL, *svg = run_diagram("tree.xml", "tree.svg", NULL, &rc, &err), *q = th_shquote(svg);
	char *out = NULL, *text;
	size_t len;
	cr_assert_eq(rc, 0, "%s", err);
	cr_expect_eq(th_sh(&out, NULL, "xmllint --noout %s", q), 0, "%s", out);
	text = slurp(svg, &len);
	cr_expect(strstr(text, ">Projektägare</text>") != NULL);
	cr_expect(strstr(text, ">Nätverk för kommunikatörer</text>") != NULL);
	cr_expect(strstr(text, "<title>Två träd</title>") != NULL);
	cr_expect(strstr(text, "Regionen: Region Mellanland") != NULL);
	free(text);
	free(out);
	free(q);
	free(err);
	free(svg);
}

static unsigned
be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

Test(diagram, png_is_valid_at_200_dpi)
{
	int rc;
	char *err = NULL, *png = run_diagram("small.xml", "small.png", NULL, &rc, &err), *q = th_shquote(png);
	unsigned char *data;
	size_t len;
	struct av_diags d = {0};
	struct av_dg_graph *g = read_fixture("small.xml", &d);
	struct av_dg_options o = { A4_W, A4_H, 1, 1.0, 0 };
	struct av_dg_layout *l = av_dg_layout(g, &o, &d);
	unsigned want_w = (unsigned)ceil((l->width * l->scale + 24) * 200 / 72);
	unsigned want_h = (unsigned)ceil((l->height * l->scale + 24) * 200 / 72);
	const unsigned char *phys;

	cr_assert_eq(rc, 0, "%s", err);
	data = (unsigned char *)slurp(png, &len);
	cr_assert_gt(len, 33);
	cr_expect_eq(memcmp(data, "\x89PNG\r\n\x1a\n", 8), 0);
	cr_expect_eq(memcmp(data + 12, "IHDR", 4), 0);
	cr_expect_eq(be32(data + 16), want_w);
	cr_expect_eq(be32(data + 20), want_h);
	phys = (const unsigned char *)memmem(data, len, "pHYs", 4);
	cr_assert_not_null(phys);
	cr_expect_eq(be32(phys + 4), 7874u, "200 dpi in pixels per metre");
	cr_expect_eq(th_sh(NULL, NULL, "pngcheck -q %s", q), 0, "pngcheck rejects the PNG");
	free(data);
	av_dg_layout_free(l);
	av_dg_graph_free(g);
	av_diags_free(&d);
	free(q);
	free(err);
	free(png);
}

struct mem_read {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t
read_mem(void *closure, unsigned char *data, unsigned int n)
{
	struct mem_read *m = closure;
	if (n > m->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, m->p, n);
	m->p += n;
	m->left -= n;
	return CAIRO_STATUS_SUCCESS;
}

/* The PNG encoder against libpng's decoder (through cairo): every pixel
 * back as it went in, for an odd size, a flat one, noise that does not
 * compress, one row of one pixel, and widths that leave 2 and 3 pixels
 * after the encoder's groups of four. */
Test(diagram, png_encoder_round_trips_every_pixel)
{
	static const int sizes[][2] = { { 37, 23 }, { 640, 480 }, { 301, 257 }, { 1, 1 }, { 6, 5 }, { 7, 3 } };
	size_t i;
	guint32 seed = 12345;
	for (i = 0; i < G_N_ELEMENTS(sizes); i++) {
		int w = sizes[i][0], h = sizes[i][1], stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w), x, y;
		unsigned char *px = calloc((size_t)stride, (size_t)h);
		struct av_buf png = {0};
		struct mem_read m;
		cairo_surface_t *back;
		int bad = 0;
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				uint32_t v;
				seed = seed * 1103515245u + 12345u;
				if (i == 1)
					v = (x / 40 + y / 30) % 3 ? 0xffffff : 0x2a6f97;        /* flat boxes */
				else if (i == 2)
					v = seed >> 8;                                          /* noise */
				else
					v = (uint32_t)(x * 7) << 16 | (uint32_t)(y * 11) << 8 | (uint32_t)((x + y) & 0xff);
				((uint32_t *)(void *)(px + (size_t)y * (size_t)stride))[x] = 0xff000000u | v;
			}
		cr_assert_eq(av_dg_png_encode(px, w, h, stride, 7874, &png), 0);
		m.p = (const unsigned char *)png.data;
		m.left = png.len;
		back = cairo_image_surface_create_from_png_stream(read_mem, &m);
		cr_assert_eq(cairo_surface_status(back), CAIRO_STATUS_SUCCESS, "%dx%d: %s", w, h,
		    cairo_status_to_string(cairo_surface_status(back)));
		cr_expect_eq(m.left, 0, "%dx%d: the decoder read it all", w, h);
		cr_assert_eq(cairo_image_surface_get_width(back), w);
		cr_assert_eq(cairo_image_surface_get_height(back), h);
		for (y = 0; y < h && !bad; y++) {
			const uint32_t *a = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
			const uint32_t *b = (const uint32_t *)(const void *)(cairo_image_surface_get_data(back) +
			    (size_t)y * (size_t)cairo_image_surface_get_stride(back));
			for (x = 0; x < w; x++)
				if ((a[x] & 0xffffff) != (b[x] & 0xffffff)) {
					cr_expect_fail("%dx%d: pixel %d,%d is %06x, was %06x", w, h, x, y, b[x] & 0xffffff,
					    a[x] & 0xffffff);
					bad = 1;
					break;
				}
		}
		if (i == 1)
			cr_expect_lt(png.len, (size_t)w * (size_t)h * 3 / 20, "flat colours compress (to under 5%%): %zu bytes", png.len);
		cairo_surface_destroy(back);
		av_buf_free(&png);
		free(px);
	}
}

/* Rows as the PNG encoder hands them over (filter byte, 3 bytes a
 * pixel): white paper, boxes in flat colours, and "letters" -- small
 * stamps of a few shapes repeated at places -- with `noise` in 256 of the
 * pixels changed at random. */
static unsigned char *
chart_rows(int w, int h, unsigned noise, guint32 seed, size_t *n)
{
	size_t rowlen = (size_t)w * 3 + 1;
	unsigned char *r = malloc(rowlen * (size_t)h + 1);
	int x, y;
	for (y = 0; y < h; y++) {
		unsigned char *row = r + (size_t)y * rowlen;
		row[0] = 0;
		for (x = 0; x < w; x++) {
			unsigned char *p = row + 1 + (size_t)x * 3;
			uint32_t v = 0xffffff;
			if ((x / 97) % 3 == 1 && (y / 41) % 2 == 1)
				v = 0xd9eaf3;                                   /* a box */
			if ((x / 97) % 3 == 1 && (y % 41) > 8 && (y % 41) < 20 && (x % 97) > 10 && (x % 97) < 86) {
				int shape = ((x % 97) / 7 + y / 41) % 5, gx = (x % 97) % 7, gy = (y % 41) - 9;
				if ((gx * 3 + gy * shape) % 4 == 0)
					v = 0x20202020u >> (shape * 2) & 0xffffff;       /* a letter's pixel */
			}
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 24) < noise)
				v = seed >> 8;
			p[0] = (unsigned char)(v >> 16);
			p[1] = (unsigned char)(v >> 8);
			p[2] = (unsigned char)v;
		}
	}
	*n = rowlen * (size_t)h;
	return r;
}

/* av_deflate_rows() (the PNG's pixels): what it writes inflates back with
 * zlib to exactly its input, for no input, one pixel, a white page, a
 * chart (more than one block), pure noise (stored blocks), rows too
 * long to match the row above (over 32 KB), and a chart with some noise;
 * it compresses a chart no worse than libdeflate but for 5%; and the
 * bytes do not depend on what the output buffer held. */
Test(diagram, png_rows_inflate_back_exactly)
{
	static const struct {
		int w, h;
		unsigned noise;
	} cases[] = { { 0, 0, 0 }, { 1, 1, 0 }, { 600, 400, 0 }, { 1500, 1100, 0 }, { 300, 200, 256 },
		{ 11000, 3, 0 }, { 11000, 4, 3 }, { 1200, 900, 6 } };
	size_t i, j, caps[] = { 0, 10, 100000, 20000000 };
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		size_t n, rowlen = (size_t)cases[i].w * 3 + 1;
		unsigned char *in = chart_rows(cases[i].w, cases[i].h, cases[i].noise, (guint32)i + 7, &n);
		unsigned char *back = malloc(n + 1);
		uLongf blen = (uLongf)n + 1;
		struct av_buf z = {0}, ref = {0};
		av_deflate_rows(in, n, rowlen, &z);
		cr_assert_eq(uncompress(back, &blen, (const Bytef *)z.data, (uLong)z.len), Z_OK,
		    "%dx%d: %zu bytes inflate", cases[i].w, cases[i].h, n);
		cr_expect(blen == n && memcmp(back, in, n) == 0, "%dx%d: the rows come back", cases[i].w, cases[i].h);
		cr_expect_eq(z.data[z.len], '\0');
		if (cases[i].noise == 256)
			cr_expect_lt(z.len, n + n / 1000 + 64, "noise is stored, not coded larger: %zu of %zu", z.len, n);
		av_deflate(in, n, &ref);
		/* (rows over 32 KB, too long to match the row above, are not
		 * a diagram's: 11000 pixels at 200 dpi are 1.4 m) */
		if (cases[i].noise < 256 && n > 100000 && rowlen <= 32768)
			cr_expect_lt(z.len, ref.len + ref.len / 20, "%dx%d: %zu bytes, libdeflate %zu",
			    cases[i].w, cases[i].h, z.len, ref.len);
		for (j = 0; j < G_N_ELEMENTS(caps); j++) {
			struct av_buf b = {0};
			if (caps[j]) {
				b.data = malloc(caps[j]);
				memset(b.data, (int)j * 37 + 1, caps[j]);
				b.cap = caps[j];
				b.len = caps[j] / 2;
			}
			av_deflate_rows(in, n, rowlen, &b);
			cr_expect(b.len == z.len && memcmp(b.data, z.data, b.len) == 0,
			    "%dx%d into a buffer of %zu: %zu bytes against %zu", cases[i].w, cases[i].h, caps[j], b.len, z.len);
			av_buf_free(&b);
		}
		av_buf_free(&ref);
		av_buf_free(&z);
		free(back);
		free(in);
	}
	{
		/* no rows at all, not even a buffer */
		struct av_buf z = {0};
		unsigned char one[1];
		uLongf blen = sizeof one;
		av_deflate_rows(NULL, 0, 0, &z);
		cr_expect_eq(uncompress(one, &blen, (const Bytef *)z.data, (uLong)z.len), Z_OK);
		cr_expect_eq(blen, 0);
		av_buf_free(&z);
	}
}

/* Rows handed to av_deflate_image() one at a time, from memory, with
 * junk written past each (as much as a row function may). */
struct mem_rows {
	const unsigned char *rows;
	size_t rowlen;
};

static void
mem_row(void *ctx, size_t r, unsigned char *dst)
{
	const struct mem_rows *m = ctx;
	memcpy(dst, m->rows + r * m->rowlen, m->rowlen);
	memset(dst + m->rowlen, 0xa5, AV_DEFLATE_ROW_SPARE);
}

/* av_deflate_image(), which makes the rows one at a time into a window
 * that slides, gives the same bytes as av_deflate_rows() over all of
 * them: for charts of a few rows and of millions of bytes (many slides),
 * noise (stored blocks, their rows made again), rows over 32 KB, none. */
Test(diagram, png_rows_made_one_at_a_time_give_the_same_bytes)
{
	static const struct {
		int w, h;
		unsigned noise;
	} cases[] = { { 0, 0, 0 }, { 1, 1, 0 }, { 5, 7, 0 }, { 1500, 1100, 0 }, { 300, 300, 256 },
		{ 11000, 9, 3 }, { 1200, 900, 6 }, { 2067, 1350, 1 } };
	size_t i;
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		size_t n;
		unsigned char *in = chart_rows(cases[i].w, cases[i].h, cases[i].noise, (guint32)i + 40, &n);
		struct mem_rows m = { in, (size_t)cases[i].w * 3 + 1 };
		struct av_buf whole = {0}, made = {0};
		av_deflate_rows(in, n, m.rowlen, &whole);
		av_deflate_image((size_t)cases[i].h, m.rowlen, mem_row, &m, &made);
		cr_expect(made.len == whole.len && memcmp(made.data, whole.data, whole.len) == 0,
		    "%dx%d: %zu bytes made a row at a time, %zu from all the rows", cases[i].w, cases[i].h, made.len,
		    whole.len);
		cr_expect_eq(made.data[made.len], '\0');
		av_buf_free(&whole);
		av_buf_free(&made);
		free(in);
	}
}

/* The Huffman codes of av_deflate_rows()'s blocks: complete (Kraft sum
 * exactly 1), within the length limit, and never longer for the more
 * frequent symbol -- also for frequencies (Fibonacci numbers) whose
 * unlimited code would be 23 bits deep. */
Test(diagram, png_rows_huffman_codes_limited_and_complete)
{
	uint32_t freq[286];
	unsigned char len[286];
	unsigned limits[] = { 15, 7, 15, 15 }, t, i, j;
	for (t = 0; t < G_N_ELEMENTS(limits); t++) {
		unsigned n = t == 1 ? 19 : 286, used = 0;
		uint64_t kraft = 0;
		uint32_t a = 1, b = 1, seed = 5;
		for (i = 0; i < n; i++) {
			if (t <= 1) {
				freq[i] = i < 24 ? a : 0;       /* 1, 1, 2, 3, 5, ... 46368 */
				if (i < 24) {
					uint32_t c = a + b;
					a = b;
					b = c;
				}
			} else if (t == 2) {
				seed = seed * 1103515245u + 12345u;
				freq[i] = (seed >> 16) % 3 ? (seed >> 20) % 200 : 0;
			} else
				freq[i] = i == 200 ? 9 : 0;     /* one symbol: still two codes */
		}
		if (t == 1)
			freq[3] = freq[5] = 0;
		av_deflate_code_lengths(freq, n, limits[t], len);
		for (i = 0; i < n; i++) {
			cr_expect_leq(len[i], limits[t], "case %u: symbol %u has %u bits", t, i, len[i]);
			cr_expect(freq[i] == 0 || len[i] > 0, "case %u: used symbol %u has no code", t, i);
			if (len[i] > 0) {
				kraft += (uint64_t)1 << (limits[t] - len[i]);
				used++;
			}
			for (j = 0; j < n; j++)
				if (freq[i] > 0 && freq[j] > freq[i])
					cr_expect_leq(len[j], len[i], "case %u: %u (%u times) longer than %u (%u times)", t, j,
					    freq[j], i, freq[i]);
		}
		cr_expect_eq(kraft, (uint64_t)1 << limits[t], "case %u: the code is complete", t);
		cr_expect_geq(used, 2, "case %u: at least two codes", t);
	}
}

/* cairo numbers its SVG elements from counters: a second render in the
 * same process must not differ from the first. */
Test(diagram, rendering_twice_in_one_process_gives_the_same_bytes)
{
	struct av_diags d = {0};
	struct av_dg_graph *g = read_fixture("staff.xml", &d);
	struct av_dg_options o = { A4_W, A4_H, 1, 1.0, 0 };
	struct av_dg_layout *l = av_dg_layout(g, &o, &d);
	struct av_dg_render_options ro = { "Titel", "2013-05-27T00:00:00Z" };
	int f;

	for (f = AV_DG_PDF; f <= AV_DG_PNG; f++) {
		struct av_buf a = {0}, b = {0};
		cr_assert_eq(av_dg_render(l, (enum av_dg_format)f, &ro, &a, &d), 0);
		cr_assert_eq(av_dg_render(l, (enum av_dg_format)f, &ro, &b, &d), 0);
		cr_expect_eq(a.len, b.len, "format %d", f);
		cr_expect(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "format %d differs", f);
		av_buf_free(&a);
		av_buf_free(&b);
	}
	av_dg_layout_free(l);
	av_dg_graph_free(g);
	av_diags_free(&d);
}

Test(diagram, bad_input_fails_with_diagnostics_and_keeps_the_old_file)
{
	int rc;
	char *err = NULL, *out = run_diagram("small.xml", "keep.pdf", NULL, &rc, &err), *before, *after;
	size_t lb, la;
	cr_assert_eq(rc, 0, "%s", err);
	before = slurp(out, &lb);
	free(err);
	free(out);
	out = run_diagram("bad-refs.xml", "keep.pdf", NULL, &rc, &err);
	cr_expect_eq(rc, 1);
	cr_expect(strstr(err, "bad-refs.xml:13: error: d:edge to='gruppen' names no role (did you mean 'grupp'?) [diagram-input]") != NULL,
	    "%s", err);
	after = slurp(out, &la);
	cr_expect(la == lb && memcmp(before, after, la) == 0, "the earlier PDF was touched");
	free(before);
	free(after);
	free(err);
	free(out);
}

Test(diagram, usage_errors)
{
	char *err = NULL;
	cr_expect_eq(th_ansvar(NULL, &err, "diagram x.xml"), 2);
	cr_expect(strstr(err, "-o FILE is required") != NULL, "%s", err);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "diagram -o out.gif x.xml"), 2);
	cr_expect(strstr(err, ".pdf, .svg or .png") != NULL, "%s", err);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "diagram -l de -o out.pdf x.xml"), 2);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "diagram -o out.pdf"), 2);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "diagram -o out.pdf a.xml b.xml"), 2);
	free(err);
}

/* Every collaboration in samples/, in every format: each role's name in
 * the PDF's text and the SVG's; a valid PNG. */
Test(diagram, samples_in_every_format)
{
	char *dir = th_src("samples"), **names = th_list(dir, ".xml"), *tmp = th_tmpdir("diagram-samples");
	size_t i, r;

	cr_assert_not_null(names[0], "no samples");
	for (i = 0; names[i]; i++) {
		char *path = av_path_join(dir, names[i]), *q = th_shquote(path);
		struct av_diags d = {0};
		struct av_collab *c = av_collab_load(path, &d);
		char *pdf = av_xasprintf("%s/%s.pdf", tmp, names[i]), *svg = av_xasprintf("%s/%s.svg", tmp, names[i]);
		char *png = av_xasprintf("%s/%s.png", tmp, names[i]), *err = NULL, *text, *svgtext;
		size_t len;

		cr_assert_not_null(c, "%s", names[i]);
		cr_expect_eq(th_ansvar(NULL, &err, "diagram -o '%s' %s", pdf, q), 0, "%s: %s", names[i], err);
		free(err);
		cr_expect_eq(th_ansvar(NULL, &err, "diagram -o '%s' %s", svg, q), 0, "%s: %s", names[i], err);
		free(err);
		cr_expect_eq(th_ansvar(NULL, &err, "diagram -o '%s' %s", png, q), 0, "%s: %s", names[i], err);
		free(err);
		text = th_pdftotext(pdf);
		svgtext = slurp(svg, &len);
		cr_assert_not_null(text);
		cr_assert_not_null(svgtext);
		for (r = 0; r < c->nroles; r++) {
			const char *one[] = { c->roles[r].name, NULL };
			const char *missing = NULL;
			cr_expect(th_in_order(text, one, &missing), "%s: '%s' missing from the PDF", names[i],
			    c->roles[r].name);
			cr_expect(th_in_order(svgtext, one, &missing), "%s: '%s' missing from the SVG", names[i],
			    c->roles[r].name);
		}
		cr_expect_eq(th_sh(NULL, NULL, "pngcheck -q '%s'", png), 0, "%s: bad PNG", names[i]);
		free(text);
		free(svgtext);
		free(pdf);
		free(svg);
		free(png);
		av_collab_free(c);
		av_diags_free(&d);
		free(q);
		free(path);
	}
	th_strv_free(names);
	free(dir);
	free(tmp);
}

Test(diagram, collaboration_input_dates_the_pdf_by_its_history)
{
	int rc;
	char *err = NULL, *pdf = run_diagram("collab.xml", "collab.pdf", "SOURCE_DATE_EPOCH=", &rc, &err), *info;
	cr_assert_eq(rc, 0, "%s", err);
	info = th_pdfinfo(pdf);
	cr_expect(strstr(info, "CreationDate:    2021-09-14T00:00:00Z") != NULL, "%s", info);
	cr_expect(strstr(info, "Title:           Roller i ett prov") != NULL, "%s", info);
	free(info);
	free(err);
	free(pdf);
	/* A collaboration with errors: its diagnostics, status 1, no file. */
	pdf = run_diagram("bad-collab.xml", "bad-collab.pdf", NULL, &rc, &err);
	cr_expect_eq(rc, 1);
	cr_expect(strstr(err, "bad-collab.xml:8:17: error: <reports-to> refers to unknown role 'styrgrup'") != NULL,
	    "%s", err);
	cr_expect_not(av_file_exists(pdf));
	free(err);
	free(pdf);
}

/* The render stage's one call gives what the command writes. */
Test(diagram, render_collab_gives_the_commands_bytes)
{
	static const enum av_dg_format f[] = { AV_DG_PDF, AV_DG_SVG, AV_DG_PNG };
	static const char *const ext[] = { "pdf", "svg", "png" };
	char *path = th_src("samples/lansprojekt.xml"), *tmp = th_tmpdir("diagram-render"), *q = th_shquote(path);
	struct av_diags d = {0};
	struct av_collab *c = av_collab_load(path, &d);
	struct av_buf outs[3] = { {0}, {0}, {0} };
	size_t i;

	unsetenv("SOURCE_DATE_EPOCH");
	cr_assert_not_null(c);
	cr_assert_eq(av_dg_render_collab(c, NULL, f, 3, outs, &d), 0);
	for (i = 0; i < 3; i++) {
		char *file = av_xasprintf("%s/lansprojekt.%s", tmp, ext[i]), *err = NULL, *bytes;
		size_t len;
		cr_expect_eq(th_ansvar(NULL, &err, "diagram -o '%s' %s", file, q), 0, "%s", err);
		bytes = slurp(file, &len);
		cr_expect(bytes && len == outs[i].len && memcmp(bytes, outs[i].data, len) == 0,
		    "%s differs from the command's", ext[i]);
		free(bytes);
		free(err);
		free(file);
		av_buf_free(&outs[i]);
	}
	av_collab_free(c);
	av_diags_free(&d);
	free(q);
	free(tmp);
	free(path);
}

static xmlNode *
find_diagram(xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		xmlNode *hit;
		if (n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, AV_DG_NS) == 0 &&
		    strcmp((const char *)n->name, "diagram") == 0)
			return n;
		if ((hit = find_diagram(n->children)) != NULL)
			return hit;
	}
	return NULL;
}

/* The standalone diagram (from the model) and the one the templates put
 * into the complete document (d:diagram) are the same chart. */
Test(diagram, standalone_and_document_diagrams_agree)
{
	char *dir = th_src("samples"), **names = th_list(dir, ".xml");
	struct av_diags d = {0};
	struct av_templates *t = av_templates_load(NULL, &d);
	struct av_dg_options o = { A4_W, A4_H, 1, 1.0, 0 };
	size_t i;

	cr_assert_not_null(t, "%s", d.n ? d.v[0].msg : "");
	for (i = 0; names[i]; i++) {
		char *path = av_path_join(dir, names[i]), *a, *b;
		struct av_collab *c = av_collab_load(path, &d);
		struct av_transform_params p = {0};
		struct av_dg_graph *g1, *g2;
		struct av_dg_layout *l1, *l2;
		xmlDoc *fo;
		xmlNode *el;

		cr_assert(c != NULL && !av_diags_has_errors(&d), "%s", names[i]);
		g1 = av_dg_graph_from_collab(c, NULL);
		av_collab_colour_parties(c);
		av_transform_hyphenate_words(c->doc);
		fo = av_transform(t, AV_STYLE_DOCUMENT, c->doc, &p, &d);
		cr_assert_not_null(fo, "%s", names[i]);
		el = find_diagram(xmlDocGetRootElement(fo));
		cr_assert_not_null(el, "%s: no d:diagram in the document", names[i]);
		g2 = av_dg_graph_read(el, names[i], NULL, &d);
		cr_assert_not_null(g2, "%s: %s", names[i], d.n ? d.v[d.n - 1].msg : "");
		l1 = av_dg_layout(g1, &o, &d);
		l2 = av_dg_layout(g2, &o, &d);
		a = av_dg_dump(l1);
		b = av_dg_dump(l2);
		cr_expect_str_eq(a, b, "%s: the two diagrams differ", names[i]);
		free(a);
		free(b);
		av_dg_layout_free(l1);
		av_dg_layout_free(l2);
		av_dg_graph_free(g1);
		av_dg_graph_free(g2);
		xmlFreeDoc(fo);
		av_collab_free(c);
		free(path);
	}
	av_templates_free(t);
	av_diags_free(&d);
	th_strv_free(names);
	free(dir);
}

/* ---- The FO handler ---------------------------------------------------------- */

static xmlDoc *
diagram_doc(const char *name)
{
	char *path = fixture(name);
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	free(path);
	cr_assert_not_null(doc);
	return doc;
}

Test(diagram, foreign_handler_fits_links_and_describes)
{
	const struct av_foreign *h = &av_diagram_foreign;
	xmlDoc *doc = diagram_doc("small.xml");
	struct av_diags d = {0};
	double w = 0, h2 = 0;
	void *obj;
	size_t i, n;
	char *alt;

	cr_expect_str_eq(h->ns, "urn:ansvar:diagram");
	obj = h->prepare(xmlDocGetRootElement(doc), "small.xml", "sv", 300, 250, &w, &h2, &d);
	cr_assert_not_null(obj);
	cr_expect_leq(w, 300 + EPS);
	cr_expect_leq(h2, 250 + EPS);
	cr_expect(fabs(w - 300) < EPS || fabs(h2 - 250) < EPS, "scaled to the area: %.2f x %.2f", w, h2);
	/* The formatter may try several sizes: no warning from any. */
	cr_expect_eq(d.nwarnings, 0, "%s", d.n ? d.v[0].msg : "");
	n = h->nlinks(obj);
	cr_expect_eq(n, 7);
	for (i = 0; i < n; i++) {
		double x, y, lw, lh;
		const char *id = h->link(obj, i, &x, &y, &lw, &lh);
		cr_expect_not_null(id);
		cr_expect(x >= -EPS && y >= -EPS && x + lw <= w + EPS && y + lh <= h2 + EPS, "link %s outside", id);
	}
	alt = h->alt_text(obj);
	cr_expect(strstr(alt, "Styrgrupp \xe2\x86\x92 Projektägare") != NULL, "%s", alt);
	cr_expect(strstr(alt, "Referensgrupp \xe2\x87\xa2 Projektledare") != NULL, "%s", alt);
	free(alt);
	h->free_obj(obj);
	xmlFreeDoc(doc);
	/* A bad element: NULL and a diagnostic with its line. */
	doc = diagram_doc("bad-refs.xml");
	obj = h->prepare(xmlDocGetRootElement(doc), "bad-refs.xml", "sv", 300, 250, &w, &h2, &d);
	cr_expect_null(obj);
	cr_expect_gt(d.nerrors, 0);
	xmlFreeDoc(doc);
	av_diags_free(&d);
}

Test(diagram, embedded_in_fo_with_links_to_the_charters)
{
	static const char fo[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xml:lang=\"sv\">\n"
	    " <fo:layout-master-set><fo:simple-page-master master-name=\"p\" page-width=\"297mm\" page-height=\"210mm\" margin=\"15mm\">"
	    "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>\n"
	    " <fo:page-sequence master-reference=\"p\"><fo:flow flow-name=\"xsl-region-body\">\n"
	    "  <fo:block><fo:instream-foreign-object content-width=\"240mm\" content-height=\"150mm\">\n"
	    "   <d:diagram xmlns:d=\"urn:ansvar:diagram\">\n"
	    "    <d:party id=\"k\" name=\"Kommunen\" short=\"K\" colour=\"#0072b2\"/>\n"
	    "    <d:node id=\"styrgrupp\" label=\"Styrgrupp\" kind=\"steering\" party=\"k\"/>\n"
	    "    <d:node id=\"projektledare\" label=\"Projektledare\" kind=\"lead\" party=\"k\" holders=\"Lisa Holm\"/>\n"
	    "    <d:edge from=\"projektledare\" to=\"styrgrupp\" type=\"reports-to\"/>\n"
	    "   </d:diagram>\n"
	    "  </fo:instream-foreign-object></fo:block>\n"
	    "  <fo:block id=\"styrgrupp\" break-before=\"page\">Styrgruppens uppdrag</fo:block>\n"
	    "  <fo:block id=\"projektledare\">Projektledarens uppdrag</fo:block>\n"
	    " </fo:flow></fo:page-sequence>\n"
	    "</fo:root>\n";
	struct av_diags d = {0};
	struct av_fo_options opt;
	struct av_buf pdf = {0};
	xmlDoc *doc = av_fo_read_memory(fo, sizeof fo - 1, "embed.fo", &d);
	char *path = th_build("tests/tmp/diagram/embed.pdf"), *q = th_shquote(path), *out = NULL, *text;
	const char *const want[] = { "Styrgrupp", "Projektledare", "Lisa Holm", "Kommunen", NULL };
	const char *missing = NULL;

	cr_assert_not_null(doc);
	av_fo_register_foreign(&av_diagram_foreign);
	av_fo_options_init(&opt);
	cr_assert_eq(av_fo_render(doc, "embed.fo", &opt, &pdf, &d), 0);
	th_write(path, "");
	cr_assert_eq(av_write_atomic(path, pdf.data, pdf.len), 0);
	cr_expect_eq(th_sh(&out, NULL, "qpdf --check %s", q), 0, "%s", out);
	free(out);
	text = th_pdftotext_page(path, 1);
	cr_expect(th_in_order(text, want, &missing), "%s missing: %s", missing, text);
	/* Each box links to its charter. */
	cr_expect_eq(th_sh(&out, NULL, "qpdf --qdf --object-streams=disable %s - | grep -a -c '/Subtype /Link'", q), 0);
	cr_expect_geq(atoi(out), 2, "%s link annotations", out);
	free(out);
	free(text);
	free(q);
	free(path);
	av_buf_free(&pdf);
	xmlFreeDoc(doc);
	av_diags_free(&d);
}

/* The measures of names and holders kept from one layout to the next
 * (a render lays a chart out for each size it is drawn at) change
 * nothing: every fixture laid out at three sizes, one after the other in
 * one process, gives the same layout as when each is measured afresh. */
Test(diagram, measures_kept_between_layouts_change_nothing)
{
	static const char *const names[] = { "collab.xml", "cycle.xml", "dag.xml", "hyphenation.xml", "small.xml",
		"stacked.xml", "staff.xml", "tree.xml" };
	static const double areas[][2] = { { A4_W, A4_H }, { 300, 420 }, { 160, 120 } };
	size_t i, k;
	for (k = 0; k < G_N_ELEMENTS(areas); k++)
		for (i = 0; i < G_N_ELEMENTS(names); i++) {
			struct av_diags d = {0};
			struct av_dg_graph *g = read_fixture(names[i], &d);
			struct av_dg_options o = { areas[k][0], areas[k][1], 1, 1.25, 1 };
			struct av_dg_layout *kept, *fresh;
			char *a, *b;
			cr_assert_not_null(g, "%s", names[i]);
			kept = av_dg_layout(g, &o, &d);
			av_dg_measures_forget();
			fresh = av_dg_layout(g, &o, &d);
			a = av_dg_dump(kept);
			b = av_dg_dump(fresh);
			cr_expect_str_eq(a, b, "%s at %gx%g: the same layout with kept measures", names[i], areas[k][0],
			    areas[k][1]);
			free(a);
			free(b);
			av_dg_layout_free(kept);
			av_dg_layout_free(fresh);
			av_dg_graph_free(g);
			av_diags_free(&d);
		}
	av_dg_measures_forget();
}
