/* fo_paginate.c -- page masters and regions, flowing items into pages (keeps, breaks, widows, header rows), static content, page-number citations. */
#include "config.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fo_int.h"

#define EPS 0.01
#define MAX_PASSES 4

struct pag {
	struct fo_layout_ctx *L;
	struct fo_doc *doc;
	GHashTable *first_label;        /* id -> label of its first page (previous pass) */
	GHashTable *last_label;         /* id -> label of its last page */
	GHashTable *pn_label;           /* page-number node -> label */
	const struct fo_page *current;  /* the page whose static content is laid out */
	GHashTable *warned;
	const struct fo_node *over;     /* the page sequence that went past AV_FO_MAX_PAGES */
};

/* ---- Page numbers ---- */

static void
roman(struct av_buf *b, int n, int upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
		  { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };
	size_t i;
	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		while (n >= r[i].v) {
			const char *s;
			for (s = r[i].s; *s; s++)
				av_buf_addc(b, upper ? (char)g_ascii_toupper(*s) : *s);
			n -= r[i].v;
		}
}

/* The page number in the sequence's format ("1", "01", "i", "I", "a", "A"). */
static char *
format_number(const char *fmt, int n)
{
	struct av_buf b = {0};
	if (fmt == NULL || *fmt == '\0' || strcmp(fmt, "1") == 0) {
		av_buf_printf(&b, "%d", n);
	} else if (fmt[0] == 'i' || fmt[0] == 'I') {
		if (n > 0 && n < 4000)
			roman(&b, n, fmt[0] == 'I');
		else
			av_buf_printf(&b, "%d", n);
	} else if (fmt[0] == 'a' || fmt[0] == 'A') {
		char s[16];
		int k = 15;
		s[k] = '\0';
		while (n > 0 && k > 0) {
			n--;
			s[--k] = (char)(fmt[0] + n % 26);
			n /= 26;
		}
		av_buf_adds(&b, s + k);
	} else if (fmt[0] == '0') {
		av_buf_printf(&b, "%0*d", (int)strlen(fmt), n);
	} else {
		av_buf_printf(&b, "%d", n);
	}
	return av_buf_take(&b);
}

static const char *
resolve_text(void *ctx, const struct fo_node *n)
{
	struct pag *P = ctx;
	const char *id = n->ref_id;
	switch (n->kind) {
	case FO_PAGE_NUMBER:
		if (P->current)
			return P->current->label;
		return g_hash_table_lookup(P->pn_label, n);
	case FO_PAGE_NUMBER_CITATION:
	case FO_PAGE_NUMBER_CITATION_LAST:
		if (id == NULL || !g_hash_table_contains(P->L->tree->ids, id)) {
			if (!g_hash_table_contains(P->warned, n)) {
				g_hash_table_add(P->warned, (gpointer)n);
				av_diag(P->L->d, AV_D_FO_LINK, &n->loc, "page-number citation of unknown id '%s'",
				    id ? id : "");
			}
			return "?";
		}
		return g_hash_table_lookup(n->kind == FO_PAGE_NUMBER_CITATION ? P->first_label : P->last_label, id);
	default:
		assert(!"not a page-number element");
		return NULL;
	}
}

/* ---- Pages ---- */

/* Chooses the page master of each page of a sequence: its simple page
 * master, or what its page-sequence-master's references give in turn. */
struct msel {
	struct pag *P;
	const struct fo_node *seq;
	const struct fo_node *cur;      /* the reference in use; NULL before the first */
	int used;                       /* pages it has given */
	int npages;                     /* pages of the sequence so far */
	double width;                   /* body width the flow is set at; 0 unset */
	int warned_width, warned_left, warned_none;
};

static int
is_spec(const struct fo_node *n)
{
	return n->kind == FO_SINGLE_PAGE_MASTER_REFERENCE || n->kind == FO_REPEATABLE_PAGE_MASTER_REFERENCE ||
	    n->kind == FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES;
}

/* The master of an alternatives element for a page: the first
 * conditional reference whose conditions it meets, or NULL. */
static const struct fo_node *
alternative(const struct fo_node *alts, int number, int first, int last, int blank)
{
	const struct fo_node *c;
	for (c = alts->first; c; c = c->next) {
		int pos;
		if (c->kind != FO_CONDITIONAL_PAGE_MASTER_REFERENCE)
			continue;
		switch (c->page_position) {
		case POS_ANY: pos = 1; break;
		case POS_FIRST: pos = first; break;
		case POS_LAST: pos = last; break;
		case POS_REST: pos = !first && !last; break;
		case POS_ONLY: pos = first && last; break;
		default: assert(!"unknown page-position"); pos = 0;
		}
		if (pos && (c->odd_or_even == PARITY_ANY || (c->odd_or_even == PARITY_ODD) == (number % 2 != 0)) &&
		    (c->blank_or_not_blank == BLANK_ANY || (c->blank_or_not_blank == BLANK_YES) == (blank != 0)))
			return c->master;
	}
	return NULL;
}

static const struct fo_node *
spec_master(struct msel *ms, const struct fo_node *spec, int number, int first, int last, int blank)
{
	const struct fo_node *m;
	if (spec->kind != FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES)
		return spec->master;
	m = alternative(spec, number, first, last, blank);
	if (m == NULL) {
		const struct fo_node *c;
		if (!ms->warned_none++)
			av_diag(ms->P->L->d, AV_D_FO_BAD_VALUE, &spec->loc,
			    "no fo:conditional-page-master-reference fits page %d; the first one is used", number);
		for (c = spec->first; c && c->kind != FO_CONDITIONAL_PAGE_MASTER_REFERENCE; c = c->next)
			;
		m = c->master;
	}
	return m;
}

/* The master of the next page; *spec receives the reference it came from. */
static const struct fo_node *
pick_master(struct msel *ms, int number, int blank, const struct fo_node **spec)
{
	const struct fo_node *sm = ms->seq->master, *n;
	int first = ms->npages == 0;
	*spec = NULL;
	if (sm->kind == FO_SIMPLE_PAGE_MASTER) {
		ms->npages++;
		return sm;
	}
	if (ms->cur == NULL) {
		for (n = sm->first; n && !is_spec(n); n = n->next)
			;
		ms->cur = n;
		ms->used = 0;
	}
	while (ms->cur->maximum_repeats >= 0 && ms->used >= ms->cur->maximum_repeats) {
		for (n = ms->cur->next; n && !is_spec(n); n = n->next)
			;
		if (n == NULL) {
			if (!ms->warned_left++)
				av_diag(ms->P->L->d, AV_D_FO_BAD_VALUE, &sm->loc,
				    "fo:page-sequence-master '%s' has no page master left for page %d; its last one goes on",
				    sm->master_name, number);
			break;
		}
		ms->cur = n;
		ms->used = 0;
	}
	ms->used++;
	ms->npages++;
	*spec = ms->cur;
	return spec_master(ms, ms->cur, number, first, 0, blank);
}

/* The page's size and regions from its master. */
static void
set_master(struct fo_page *pg, const struct fo_node *master)
{
	const struct fo_node *r;
	double ml = master->margin[SIDE_START], mr = master->margin[SIDE_END];
	double mt = master->margin[SIDE_BEFORE], mb = master->margin[SIDE_AFTER];

	pg->master = master;
	memset(&pg->body, 0, sizeof pg->body);
	memset(&pg->before, 0, sizeof pg->before);
	memset(&pg->after, 0, sizeof pg->after);
	pg->w = master->page_w;
	pg->h = master->page_h;
	for (r = master->first; r; r = r->next) {
		switch (r->kind) {
		case FO_REGION_BODY:
			pg->body.x = ml + r->margin[SIDE_START];
			pg->body.y = mt + r->margin[SIDE_BEFORE];
			pg->body.w = pg->w - ml - mr - r->margin[SIDE_START] - r->margin[SIDE_END];
			pg->body.h = pg->h - mt - mb - r->margin[SIDE_BEFORE] - r->margin[SIDE_AFTER];
			break;
		case FO_REGION_BEFORE:
			pg->before.x = ml;
			pg->before.y = mt;
			pg->before.w = pg->w - ml - mr;
			pg->before.h = r->extent;
			break;
		case FO_REGION_AFTER:
			pg->after.x = ml;
			pg->after.y = pg->h - mb - r->extent;
			pg->after.w = pg->w - ml - mr;
			pg->after.h = r->extent;
			break;
		default:
			break;
		}
	}
	if (pg->body.w < 1)
		pg->body.w = 1;
	if (pg->body.h < 1)
		pg->body.h = 1;
}

/* The next page of a sequence, with the master its page-sequence-master
 * gives it. */
static struct fo_page *
new_page(struct msel *ms, size_t seqi, int number, struct fo_vlist *flow, int blank)
{
	struct fo_doc *doc = ms->P->doc;
	struct fo_page *pg;
	const struct fo_node *spec, *master;
	int first = ms->npages == 0;

	if (doc->npages >= AV_FO_MAX_PAGES && ms->P->over == NULL)
		ms->P->over = ms->seq;
	master = pick_master(ms, number, blank, &spec);
	doc->pages = av_xgrow(doc->pages, &doc->pagecap, doc->npages + 1, sizeof *doc->pages);
	pg = &doc->pages[doc->npages++];
	memset(pg, 0, sizeof *pg);
	pg->seq = ms->seq;
	pg->spec = spec;
	pg->first = first;
	pg->blank = blank;
	pg->seq_index = seqi;
	pg->number = number;
	pg->label = format_number(ms->seq->format, number);
	pg->flow = flow;
	set_master(pg, master);
	if (ms->width > 0 && fabs(pg->body.w - ms->width) > 0.5 && !ms->warned_width++)
		av_diag(ms->P->L->d, AV_D_FO_UNSUPPORTED, &ms->seq->loc,
		    "page masters of different body widths in one fo:page-sequence: its flow is set at %.1fpt, "
		    "the first page's width", ms->width);
	return pg;
}

/* The last page of a sequence takes the master for a last page (page-position
 * "last" or "only") when its content fits that master's body. */
static void
last_page_master(struct fo_page *pg)
{
	const struct fo_node *m;
	double bottom = 0;
	size_t k;
	if (pg->spec == NULL || pg->spec->kind != FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES)
		return;
	m = alternative(pg->spec, pg->number, pg->first, 1, pg->blank);
	if (m == NULL || m == pg->master)
		return;
	for (k = 0; k < pg->npl; k++)
		if (pg->pl[k].y + pg->pl[k].h > bottom)
			bottom = pg->pl[k].y + pg->pl[k].h;
	{
		struct fo_page probe = *pg;
		set_master(&probe, m);
		if (bottom > probe.body.h + EPS || fabs(probe.body.w - pg->body.w) > 0.5)
			return;
	}
	set_master(pg, m);
}

static struct fo_place *
place(struct fo_page *pg, size_t item, double y, double h)
{
	struct fo_place *pl;
	pg->pl = av_xgrow(pg->pl, &pg->plcap, pg->npl + 1, sizeof *pg->pl);
	pl = &pg->pl[pg->npl++];
	memset(pl, 0, sizeof *pl);
	pl->item = item;
	pl->y = y;
	pl->h = h;
	return pl;
}

static void
drop_places(struct fo_page *pg, size_t keep)
{
	while (pg->npl > keep) {
		struct fo_slice *s = pg->pl[--pg->npl].slice;
		if (s) {
			free(s->from);
			free(s->to);
			free(s);
		}
	}
}

/* Sizes a block-level foreign object for the space it gets.  What was
 * prepared for the same size (in an earlier pass, or for an earlier try on
 * this page) is used again, with the diagnostics it gave; the items only
 * borrow the objects, which the layout context owns. */
static void
prepare_foreign(struct pag *P, struct fo_item *it, double avail_h)
{
	struct fo_layout_ctx *L = P->L;
	xmlNode *el;
	const struct fo_node *n = it->node;
	double mw = it->u.foreign.max_w > 0 ? it->u.foreign.max_w : it->w;
	double mh = it->u.foreign.max_h > 0 ? it->u.foreign.max_h : avail_h;
	struct fo_foreign_prep *pr = NULL;
	size_t i;

	if (mw > it->w)
		mw = it->w;
	for (i = 0; i < L->npreps && pr == NULL; i++)
		if (L->preps[i].node == n && L->preps[i].max_w == mw && L->preps[i].max_h == mh)
			pr = &L->preps[i];
	if (pr == NULL) {
		for (el = n->xml->children; el && el->type != XML_ELEMENT_NODE; el = el->next)
			;
		L->preps = av_xgrow(L->preps, &L->prepcap, L->npreps + 1, sizeof *L->preps);
		pr = &L->preps[L->npreps++];
		memset(pr, 0, sizeof *pr);
		pr->node = n;
		pr->handler = it->u.foreign.handler;
		pr->max_w = mw;
		pr->max_h = mh;
		pr->obj = pr->handler->prepare(el, L->tree->file, n->p->lang, mw, mh, &pr->w, &pr->h, &pr->diags);
		if (pr->obj == NULL)
			pr->w = pr->h = 0;
	}
	av_diags_copy(L->d, &pr->diags);
	it->u.foreign.obj = pr->obj;
	it->u.foreign.ow = pr->w;
	it->u.foreign.oh = pr->h;
	it->h = pr->h;
}

/* ---- Rows broken across pages ---- */

static double
cell_pad(const struct fo_cell *ce)
{
	return ce->inset[SIDE_BEFORE] + ce->inset[SIDE_AFTER];
}

/* The height of what is left of a row whose cells resume at from[]. */
static double
row_rest(const struct fo_item *it, const double *from)
{
	double h = 0;
	size_t c;
	for (c = 0; c < it->u.row.ncells; c++) {
		const struct fo_cell *ce = &it->u.row.cells[c];
		double ch = ce->content_h - from[c];
		if (ch < 0)
			ch = 0;
		if (ch + cell_pad(ce) > h)
			h = ch + cell_pad(ce);
	}
	return h;
}

static struct fo_slice *
new_slice(size_t ncells)
{
	struct fo_slice *s = av_xcalloc(1, sizeof *s);
	s->from = av_xcalloc(ncells + 1, sizeof *s->from);
	s->to = av_xcalloc(ncells + 1, sizeof *s->to);
	return s;
}

/* The rest of a row from from[] to its end. */
static struct fo_slice *
rest_slice(const struct fo_item *it, const double *from)
{
	struct fo_slice *s = new_slice(it->u.row.ncells);
	size_t c;
	for (c = 0; c < it->u.row.ncells; c++) {
		s->from[c] = from[c];
		s->to[c] = it->u.row.cells[c].content_h;
	}
	s->h = row_rest(it, from);
	return s;
}

/* Whether a row that a keep holds together may still be broken: it is
 * taller than a whole page body, so keeping it together would cut it off
 * (a keep is a preference the formatter relaxes when it cannot be met, as
 * for blocks).  Not a header or footer row, nor one with cells spanning
 * rows. */
static int
must_break(const struct fo_item *it, double rest, double body_h)
{
	size_t c;
	if (it->kind != IT_ROW || it->u.row.header || it->u.row.footer || rest <= body_h + EPS)
		return 0;
	for (c = 0; c < it->u.row.ncells; c++)
		if (it->u.row.cells[c].rows > 1)
			return 0;
	return 1;
}

/* Breaks a row whose cells resume at from[] to fit `avail`: each cell
 * shows its items up to the last boundary that fits and that no keep
 * (widows, orphans, keep-together) forbids, unless `force` (must_break());
 * next[] gets where each cell resumes on the next page.  NULL when no cell
 * can show anything. */
static struct fo_slice *
split_row(const struct fo_item *it, const double *from, double avail, int force, double *next)
{
	struct fo_slice *s = new_slice(it->u.row.ncells);
	size_t c, k;
	int progress = 0;
	for (c = 0; c < it->u.row.ncells; c++) {
		const struct fo_cell *ce = &it->u.row.cells[c];
		const struct fo_vlist *v = ce->items;
		double room = avail - cell_pad(ce), to = from[c], nx = from[c];
		size_t last = (size_t)-1;
		s->from[c] = from[c];
		for (k = 0; k < v->n; k++)
			if (v->v[k].kind != IT_SPACE)
				last = k;
		for (k = 0; k < v->n && room > 0; k++) {
			const struct fo_item *ci = &v->v[k];
			double bottom = ci->y + ci->h;
			if (ci->kind == IT_SPACE || ci->y < from[c] - EPS)
				continue;
			if (bottom - from[c] > room + EPS)
				break;
			if (k == last) {
				to = nx = ce->content_h;
			} else if (ci->nobreak_after == 0 || force) {
				size_t j;
				to = bottom;
				/* the next part starts at the next item; spaces go */
				for (j = k + 1; j < v->n && v->v[j].kind == IT_SPACE; j++)
					;
				nx = j < v->n ? v->v[j].y : ce->content_h;
			}
		}
		if (to > s->from[c] + EPS)
			progress = 1;
		s->to[c] = to;
		if (to - s->from[c] + cell_pad(ce) > s->h)
			s->h = to - s->from[c] + cell_pad(ce);
		next[c] = nx;           /* may be from[]: read last */
	}
	if (!progress) {
		free(s->from);
		free(s->to);
		free(s);
		return NULL;
	}
	return s;
}

/* Places the rest of the row broken on the previous page. */
static void
place_rest(struct fo_place *pl, const struct fo_item *it, size_t *resume, double **resume_from)
{
	pl->slice = rest_slice(it, *resume_from);
	free(*resume_from);
	*resume_from = NULL;
	*resume = (size_t)-1;
}

/* Flows the items of one page sequence into pages. */
static void
paginate_seq(struct pag *P, struct msel *ms, size_t seqi, struct fo_vlist *v, int *number)
{
	size_t i = 0, n = v->n;
	int started_any = 0;
	char *table_seen = av_xcalloc(v->ntables + 1, 1);
	size_t resume = (size_t)-1;     /* a row broken on the previous page */
	double *resume_from = NULL;

	while (i < n || !started_any) {
		struct fo_page *pg;
		double y = 0, pending = 0, body_h;
		size_t first_pl, k;
		int overflow = 0;

		/* leading spaces are discarded at a page break */
		while (i < n && v->v[i].kind == IT_SPACE)
			i++;
		if (i < n && started_any && (v->v[i].break_before == BRK_ODD || v->v[i].break_before == BRK_EVEN)) {
			int want_odd = v->v[i].break_before == BRK_ODD;
			if ((*number % 2 == 1) != want_odd) {
				new_page(ms, seqi, (*number)++, v, 1);
			}
		}
		pg = new_page(ms, seqi, (*number)++, v, 0);
		started_any = 1;
		body_h = pg->body.h;
		P->L->body_h = body_h;
		/* a table continued from the previous page repeats its header rows */
		if (i < n && v->v[i].kind == IT_ROW && !v->v[i].u.row.header) {
			const struct fo_table *t = &v->tables[v->v[i].u.row.table];
			if (t->repeat && t->header_n > 0 && table_seen[v->v[i].u.row.table]) {
				for (k = t->header_first; k < t->header_first + t->header_n; k++) {
					place(pg, k, y, v->v[k].h)->repeat = 1;
					y += v->v[k].h;
				}
			}
		}
		first_pl = pg->npl;
		for (; i < n; i++) {
			struct fo_item *it = &v->v[i];
			double h = it->h, reserve = 0;
			struct fo_place *pl;
			if (it->kind == IT_SPACE) {
				if (pg->npl > first_pl)
					pending = it->h > pending ? it->h : pending;
				continue;
			}
			if (it->break_before != BRK_AUTO && pg->npl > first_pl && resume != i)
				break;
			if (it->kind == IT_FOREIGN) {
				double avail = body_h - y - pending;
				prepare_foreign(P, it, body_h);
				if (it->h > avail + EPS && pg->npl > first_pl) {
					double full = it->h;
					if (avail >= 0.6 * full) {
						prepare_foreign(P, it, avail);
					}
				}
				h = it->h;
			}
			if (resume == i)
				h = row_rest(it, resume_from);
			if (it->kind == IT_ROW && !it->u.row.header && !it->u.row.footer) {
				/* room for the footer repeated below a row the table goes on after */
				const struct fo_table *t = &v->tables[it->u.row.table];
				if (t->footer_n > 0 && t->repeat_footer && i != t->last_body)
					reserve = t->footer_h;
			}
			if (y + pending + h + reserve > body_h + EPS) {
				double *next;
				struct fo_slice *s;
				int force = pg->npl == first_pl && must_break(it, h, body_h - reserve);
				if (it->kind != IT_ROW || (!it->u.row.splittable && !force)) {
					overflow = 1;
					break;
				}
				/* break the row between the lines of its cells */
				next = av_xcalloc(it->u.row.ncells + 1, sizeof *next);
				s = split_row(it, resume == i ? resume_from : next, body_h - y - pending - reserve,
				    force, next);
				if (s == NULL) {
					free(next);
					overflow = 1;
					break;
				}
				y += pending;
				pending = 0;
				pl = place(pg, i, y, s->h);
				pl->slice = s;
				y += s->h;
				table_seen[it->u.row.table] = 1;
				free(resume_from);
				resume_from = next;
				resume = i;
				break;          /* the row goes on at the top of the next page */
			}
			y += pending;
			pending = 0;
			pl = place(pg, i, y, h);
			if (resume == i)
				place_rest(pl, it, &resume, &resume_from);
			if (it->kind == IT_ROW)
				table_seen[it->u.row.table] = 1;
			y += h;
		}
		if (overflow) {
			/* choose where to break: the last boundary the keeps allow,
			 * else the weakest keep; nothing placed: force the item in */
			size_t best = (size_t)-1, p;
			int best_strength = 1 << 30;
			for (p = pg->npl; p-- > first_pl; ) {
				size_t it_idx = pg->pl[p].item;
				int s = v->v[it_idx].nobreak_after;
				if (pg->pl[p].slice && resume == it_idx)
					s = 0;  /* the part of a row before its break */
				if (s < best_strength) {
					best_strength = s;
					best = p;
					if (s == 0)
						break;
				}
			}
			if (pg->npl == first_pl) {
				/* one item taller than the page */
				struct fo_item *it = &v->v[i];
				struct fo_place *pl;
				double h = resume == i ? row_rest(it, resume_from) : it->h;
				av_diag(P->L->d, AV_D_FO_OVERFLOW, it->node ? &it->node->loc : NULL,
				    "content %.1fpt high does not fit the %.1fpt page body; it is cut off",
				    h, body_h);
				pl = place(pg, i, y, h);
				if (resume == i)
					place_rest(pl, it, &resume, &resume_from);
				i++;
			} else if (best != (size_t)-1) {
				size_t keep_upto = pg->pl[best].item;
				/* drop placements after the chosen boundary */
				drop_places(pg, best + 1);
				i = keep_upto + 1;
			}
		}
		/* a table going on after this page: its footer below its last row */
		if (pg->npl > first_pl) {
			const struct fo_place *last = &pg->pl[pg->npl - 1];
			const struct fo_item *li = &v->v[last->item];
			if (li->kind == IT_ROW && !li->u.row.header && !li->u.row.footer) {
				const struct fo_table *t = &v->tables[li->u.row.table];
				if (t->footer_n > 0 && t->repeat_footer && (last->item != t->last_body || resume == last->item)) {
					double fy = last->y + last->h;
					for (k = t->footer_first; k < t->footer_first + t->footer_n; k++) {
						place(pg, k, fy, v->v[k].h)->repeat = 1;
						fy += v->v[k].h;
					}
				}
			}
		}
		if (i >= n || P->over)
			break;
	}
	free(resume_from);
	free(table_seen);
}

/* ---- Id pages ---- */

static void
note_node(struct pag *P, const struct fo_node *n, size_t page)
{
	const struct fo_node *a;
	for (a = n; a; a = a->parent) {
		if (a->p && a->p->id) {
			gpointer v = GSIZE_TO_POINTER(page + 1);
			if (!g_hash_table_contains(P->doc->id_page, a->p->id))
				g_hash_table_insert(P->doc->id_page, (gpointer)a->p->id, v);
			g_hash_table_insert(P->doc->seq_last, (gpointer)a->p->id, v);
		}
	}
}

static void
note_items(struct pag *P, const struct fo_vlist *v, size_t idx, size_t page, double y_page,
    const struct fo_slice *slice)
{
	const struct fo_item *it = &v->v[idx];
	size_t j, k;
	for (j = 0; j < it->nids; j++) {
		const char *id = it->ids[j]->p->id;
		if (!g_hash_table_contains(P->doc->id_page, id)) {
			double *yy = av_xmalloc(sizeof *yy);
			*yy = y_page;
			g_hash_table_insert(P->doc->id_page, (gpointer)id, GSIZE_TO_POINTER(page + 1));
			g_hash_table_insert(P->doc->id_y, (gpointer)id, yy);
		}
		note_node(P, it->ids[j], page);
	}
	if (it->node)
		note_node(P, it->node, page);
	if (it->kind == IT_LINE) {
		const struct fo_para *pp = it->u.line.para;
		for (k = 0; k < pp->nspans; k++)
			if (pp->spans[k].node->kind == FO_PAGE_NUMBER && pp->spans[k].start >= it->u.line.start &&
			    pp->spans[k].start < it->u.line.end)
				g_hash_table_replace(P->pn_label, (gpointer)pp->spans[k].node,
				    g_strdup(P->doc->pages[page].label));
	}
	if (it->kind == IT_ROW)
		for (j = 0; j < it->u.row.ncells; j++) {
			const struct fo_vlist *cv = it->u.row.cells[j].items;
			for (k = 0; k < cv->n; k++) {
				double cy = cv->v[k].y;
				if (slice && (cy < slice->from[j] - EPS || cy >= slice->to[j] - EPS))
					continue;
				note_items(P, cv, k, page, y_page + cy - (slice ? slice->from[j] : 0), NULL);
			}
		}
	if (it->overlay)
		for (k = 0; k < it->overlay->n; k++)
			note_items(P, it->overlay, k, page, y_page, NULL);
}

static void
free_pages(struct fo_doc *doc)
{
	size_t i;
	for (i = 0; i < doc->npages; i++) {
		free(doc->pages[i].label);
		drop_places(&doc->pages[i], 0);
		free(doc->pages[i].pl);
		av_fo_vlist_free(&doc->pages[i].before_items);
		av_fo_vlist_free(&doc->pages[i].after_items);
	}
	free(doc->pages);
	doc->pages = NULL;
	doc->npages = doc->pagecap = 0;
	for (i = 0; i < doc->nflows; i++) {
		av_fo_vlist_free(doc->flows[i]);
		free(doc->flows[i]);
	}
	free(doc->flows);
	doc->flows = NULL;
	doc->nflows = doc->flowcap = 0;
	if (doc->id_page) {
		g_hash_table_destroy(doc->id_page);
		g_hash_table_destroy(doc->id_y);
		g_hash_table_destroy(doc->seq_last);
	}
	doc->id_page = doc->id_y = doc->seq_last = NULL;
}

void
av_fo_doc_free(struct fo_doc *doc)
{
	free_pages(doc);
}

static void
add_blank(struct msel *ms, size_t seqi, struct fo_vlist *v, int *number)
{
	new_page(ms, seqi, (*number)++, v, 1);
}

static int
one_pass(struct pag *P)
{
	struct fo_layout_ctx *L = P->L;
	struct fo_doc *doc = P->doc;
	const struct fo_node *seq, *next;
	size_t seqi = 0, i, k;
	int number = 1;

	free_pages(doc);
	doc->id_page = g_hash_table_new(g_str_hash, g_str_equal);
	doc->id_y = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free);
	doc->seq_last = g_hash_table_new(g_str_hash, g_str_equal);
	g_hash_table_remove_all(L->used_refs);
	L->flow_has_refs = 0;

	for (seq = L->tree->root->first; seq; seq = seq->next) {
		const struct fo_node *flow = NULL, *c, *spec;
		struct fo_vlist *v;
		size_t first_page = doc->npages;
		double bw;
		struct fo_page probe;
		struct msel ms, copy;

		if (seq->kind != FO_PAGE_SEQUENCE)
			continue;
		assert(seq->master != NULL);
		memset(&ms, 0, sizeof ms);
		ms.P = P;
		ms.seq = seq;
		for (c = seq->first; c; c = c->next)
			if (c->kind == FO_FLOW)
				flow = c;
		if (seq->initial_page_number > 0)
			number = seq->initial_page_number;
		else if (seq->initial_page_number == -1 && number % 2 == 0)
			number++;
		else if (seq->initial_page_number == -2 && number % 2 == 1)
			number++;
		/* the body width from the first page's master */
		copy = ms;
		copy.warned_none = copy.warned_left = 1;
		memset(&probe, 0, sizeof probe);
		set_master(&probe, pick_master(&copy, number, 0, &spec));
		bw = probe.body.w;
		ms.width = bw;
		L->body_h = probe.body.h;
		v = av_xcalloc(1, sizeof *v);
		doc->flows = av_xgrow(doc->flows, &doc->flowcap, doc->nflows + 1, sizeof *doc->flows);
		doc->flows[doc->nflows++] = v;
		L->static_mode = 0;
		P->current = NULL;
		av_fo_layout_flow(L, flow, bw, v);
		paginate_seq(P, &ms, seqi, v, &number);
		if (P->over)
			return -1;
		/* the master for the last page goes to the last page with content
		 * (as FOP does), not to a blank page forced after it */
		if (doc->npages > first_page)
			last_page_master(&doc->pages[doc->npages - 1]);
		/* force-page-count */
		{
			int count = (int)(doc->npages - first_page);
			int last = number - 1;
			int fpc = seq->force_page_count;
			for (next = seq->next; next && next->kind != FO_PAGE_SEQUENCE; next = next->next)
				;
			if (fpc == 0 && next) {
				/* auto: end on the page before the next sequence's first
				 * page number, odd after even and even after odd */
				int want_odd_next = next->initial_page_number == -1 ? 1 : next->initial_page_number == -2 ? 0 :
				    next->initial_page_number > 0 ? next->initial_page_number % 2 : -1;
				if (want_odd_next >= 0 && (number % 2 == 1) != want_odd_next)
					add_blank(&ms, seqi, v, &number);
			} else if ((fpc == 1 && count % 2 == 1) || (fpc == 2 && count % 2 == 0) ||
			    (fpc == 3 && last % 2 == 1) || (fpc == 4 && last % 2 == 0)) {
				add_blank(&ms, seqi, v, &number);
			}
		}
		for (i = first_page; i < doc->npages; i++)
			for (k = 0; k < doc->pages[i].npl; k++)
				if (!doc->pages[i].pl[k].repeat)
					note_items(P, v, doc->pages[i].pl[k].item, i, doc->pages[i].body.y + doc->pages[i].pl[k].y,
					    doc->pages[i].pl[k].slice);
		if (seq->p->id) {
			g_hash_table_insert(doc->seq_last, (gpointer)seq->p->id, GSIZE_TO_POINTER(doc->npages));
			if (!g_hash_table_contains(doc->id_page, seq->p->id) && doc->npages > first_page)
				g_hash_table_insert(doc->id_page, (gpointer)seq->p->id, GSIZE_TO_POINTER(first_page + 1));
		}
		seqi++;
	}
	if (L->tree->root->p->id && doc->npages) {
		g_hash_table_insert(doc->seq_last, (gpointer)L->tree->root->p->id, GSIZE_TO_POINTER(doc->npages));
		if (!g_hash_table_contains(doc->id_page, L->tree->root->p->id))
			g_hash_table_insert(doc->id_page, (gpointer)L->tree->root->p->id, GSIZE_TO_POINTER(1));
	}
	return 0;
}

/* Labels of every id from this pass; returns whether a citation used in
 * the flow now reads differently. */
static int
update_labels(struct pag *P)
{
	GHashTableIter it;
	gpointer key, val;
	int changed = 0;

	g_hash_table_remove_all(P->first_label);
	g_hash_table_remove_all(P->last_label);
	g_hash_table_iter_init(&it, P->doc->id_page);
	while (g_hash_table_iter_next(&it, &key, &val))
		g_hash_table_insert(P->first_label, key,
		    g_strdup(P->doc->pages[GPOINTER_TO_SIZE(val) - 1].label));
	g_hash_table_iter_init(&it, P->doc->seq_last);
	while (g_hash_table_iter_next(&it, &key, &val))
		g_hash_table_insert(P->last_label, key,
		    g_strdup(P->doc->pages[GPOINTER_TO_SIZE(val) - 1].label));
	g_hash_table_iter_init(&it, P->L->used_refs);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		const char *now = resolve_text(P, key);
		if (now == NULL || strcmp(now, val) != 0)
			changed = 1;
	}
	return changed;
}

static void
layout_static(struct pag *P, struct fo_page *pg)
{
	const struct fo_node *c, *r;
	P->current = pg;
	P->L->static_mode = 1;
	for (c = pg->seq->first; c; c = c->next) {
		if (c->kind != FO_STATIC_CONTENT || c->flow_name == NULL)
			continue;
		for (r = pg->master->first; r; r = r->next) {
			if ((r->kind != FO_REGION_BEFORE && r->kind != FO_REGION_AFTER) || strcmp(r->region_name, c->flow_name) != 0)
				continue;
			if (r->kind == FO_REGION_BEFORE)
				av_fo_layout_flow(P->L, c, pg->before.w, &pg->before_items);
			else
				av_fo_layout_flow(P->L, c, pg->after.w, &pg->after_items);
		}
	}
	P->L->static_mode = 0;
	P->current = NULL;
}

/* Whether a simple page master has a region before or after named `name`. */
static int
has_region(const struct fo_node *master, const char *name)
{
	const struct fo_node *r;
	for (r = master->first; r; r = r->next)
		if ((r->kind == FO_REGION_BEFORE || r->kind == FO_REGION_AFTER) && strcmp(r->region_name, name) == 0)
			return 1;
	return 0;
}

/* ... or any of the masters a page-sequence-master names. */
static int
any_region(const struct fo_node *m, const char *name)
{
	const struct fo_node *r, *c;
	if (m->kind == FO_SIMPLE_PAGE_MASTER)
		return has_region(m, name);
	for (r = m->first; r; r = r->next) {
		if (r->master && has_region(r->master, name))
			return 1;
		for (c = r->first; c; c = c->next)
			if (c->master && has_region(c->master, name))
				return 1;
	}
	return 0;
}

static void
warn_unused_static(struct pag *P)
{
	const struct fo_node *seq, *c;
	for (seq = P->L->tree->root->first; seq; seq = seq->next) {
		if (seq->kind != FO_PAGE_SEQUENCE)
			continue;
		for (c = seq->first; c; c = c->next) {
			if (c->kind != FO_STATIC_CONTENT || c->flow_name == NULL)
				continue;
			if (!any_region(seq->master, c->flow_name) && strcmp(c->flow_name, "xsl-footnote-separator") != 0)
				av_diag(P->L->d, AV_D_FO_BAD_VALUE,
				    &c->loc, "fo:static-content for '%s': the page master '%s' has no such region; not shown",
				    c->flow_name, seq->master->master_name);
		}
	}
}

int
av_fo_paginate(struct fo_layout_ctx *L, struct fo_doc *doc)
{
	struct pag P;
	int pass;
	size_t i;
	struct av_diags quiet = {0}, *real = L->d;
	int rc = 0;

	memset(&P, 0, sizeof P);
	P.L = L;
	P.doc = doc;
	P.first_label = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	P.last_label = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	P.pn_label = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	P.warned = g_hash_table_new(g_direct_hash, g_direct_equal);
	L->res.text = resolve_text;
	L->res.ctx = &P;
	L->doc_struct = av_fo_struct_new(L, NULL, "Document");
	for (pass = 0; pass < MAX_PASSES; pass++) {
		int changed;
		/* diagnostics of the last pass only */
		av_diags_free(&quiet);
		L->d = &quiet;
		g_hash_table_remove_all(L->glyph_warned);
		g_hash_table_remove_all(L->role_warned);
		if (one_pass(&P) != 0)
			break;
		changed = update_labels(&P);
		if (!L->flow_has_refs || !changed)
			break;
	}
	L->d = real;
	av_diags_move(real, &quiet);
	if (P.over) {
		av_diag(real, AV_D_LIMIT, &P.over->loc,
		    "the document runs to more than %d pages (in this fo:page-sequence): over ansvar's limit",
		    AV_FO_MAX_PAGES);
		rc = -1;
		goto out;
	}
	warn_unused_static(&P);
	for (i = 0; i < doc->npages; i++)
		layout_static(&P, &doc->pages[i]);
out:
	L->res.text = NULL;
	L->res.ctx = NULL;
	g_hash_table_destroy(P.first_label);
	g_hash_table_destroy(P.last_label);
	g_hash_table_destroy(P.pn_label);
	g_hash_table_destroy(P.warned);
	return rc;
}

/* ---- Dump ---- */

static void
fmt(struct av_buf *o, double v)
{
	char s[G_ASCII_DTOSTR_BUF_SIZE];
	av_buf_adds(o, g_ascii_formatd(s, sizeof s, "%.2f", fabs(v) < 0.005 ? 0 : v));
}

static void
box(struct av_buf *o, const char *what, double x, double y, double w, double h)
{
	av_buf_printf(o, "%s ", what);
	fmt(o, x);
	av_buf_addc(o, ',');
	fmt(o, y);
	av_buf_addc(o, ' ');
	fmt(o, w);
	av_buf_addc(o, 'x');
	fmt(o, h);
}

static void dump_list(struct fo_layout_ctx *L, const struct fo_vlist *v, const struct fo_place *pl,
    size_t npl, double ox, double oy, int depth, struct av_buf *o);

static void
indent(struct av_buf *o, int depth)
{
	int d;
	for (d = 0; d < depth; d++)
		av_buf_adds(o, "  ");
}

/* One item at y; `pl` is its placement on a page (NULL inside cells and
 * labels). */
static void
dump_item(struct fo_layout_ctx *L, const struct fo_vlist *v, size_t idx, double ox, double y, int depth,
    const struct fo_place *pl, struct av_buf *o)
{
	const struct fo_item *it = &v->v[idx];
	const struct fo_slice *sl = pl ? pl->slice : NULL;
	size_t j, k;
	if (it->kind == IT_SPACE || (it->kind == IT_EDGE && it->h == 0 && it->nids == 0 && it->overlay == NULL))
		return;
	indent(o, depth);
	switch (it->kind) {
	case IT_LINE: {
		char *t = av_fo_line_text(&it->u.line);
		box(o, "line", ox + it->x + it->u.line.xoff, y, it->u.line.width, it->h);
		av_buf_printf(o, " \"%s\"", t);
		if (it->u.line.justify)
			av_buf_adds(o, " justified");
		free(t);
		break;
	}
	case IT_ROW:
		box(o, it->u.row.header ? "header-row" : it->u.row.footer ? "footer-row" : "row", ox + it->x, y, it->w,
		    sl ? sl->h : it->h);
		if (sl)
			av_buf_adds(o, " part");
		if (pl && pl->repeat)
			av_buf_adds(o, " repeated");
		break;
	case IT_FOREIGN:
		box(o, "foreign", ox + it->x, y, it->u.foreign.ow, it->u.foreign.oh);
		break;
	case IT_EDGE:
		box(o, "edge", ox + it->x, y, it->w, it->h);
		break;
	case IT_SPACE:
		break;
	default:
		assert(!"unknown item kind");
	}
	for (j = 0; j < it->nids && !(pl && pl->repeat); j++)
		av_buf_printf(o, " #%s", it->ids[j]->p->id);
	if (it->nobreak_after)
		av_buf_printf(o, " keep=%d", it->nobreak_after);
	av_buf_addc(o, '\n');
	if (it->overlay)
		dump_list(L, it->overlay, NULL, 0, ox, y, depth + 1, o);
	if (it->kind == IT_ROW)
		for (j = 0; j < it->u.row.ncells; j++) {
			const struct fo_cell *ce = &it->u.row.cells[j];
			double top = y + ce->inset[SIDE_BEFORE];
			indent(o, depth + 1);
			box(o, "cell", ox + ce->x, y, ce->w, sl ? sl->h : ce->rows > 1 ? ce->span_h : it->h);
			if (ce->rows > 1)
				av_buf_printf(o, " rows=%d", ce->rows);
			av_buf_addc(o, '\n');
			for (k = 0; k < ce->items->n; k++) {
				double cy = ce->items->v[k].y;
				if (sl && (cy < sl->from[j] - EPS || cy >= sl->to[j] - EPS))
					continue;
				dump_item(L, ce->items, k, ox, top + cy - (sl ? sl->from[j] : 0), depth + 2, NULL, o);
			}
		}
}

static void
dump_list(struct fo_layout_ctx *L, const struct fo_vlist *v, const struct fo_place *pl, size_t npl,
    double ox, double oy, int depth, struct av_buf *o)
{
	size_t i;
	if (pl) {
		for (i = 0; i < npl; i++)
			dump_item(L, v, pl[i].item, ox, oy + pl[i].y, depth, &pl[i], o);
	} else {
		for (i = 0; i < v->n; i++)
			dump_item(L, v, i, ox, oy + v->v[i].y, depth, NULL, o);
	}
}

void
av_fo_doc_dump(struct fo_layout_ctx *L, const struct fo_doc *doc, struct av_buf *o)
{
	size_t i;
	for (i = 0; i < doc->npages; i++) {
		const struct fo_page *pg = &doc->pages[i];
		av_buf_printf(o, "page %zu \"%s\" master=%s ", i + 1, pg->label, pg->master->master_name);
		fmt(o, pg->w);
		av_buf_addc(o, 'x');
		fmt(o, pg->h);
		av_buf_addc(o, '\n');
		av_buf_adds(o, "  ");
		box(o, "body", pg->body.x, pg->body.y, pg->body.w, pg->body.h);
		av_buf_addc(o, '\n');
		dump_list(L, pg->flow, pg->pl, pg->npl, pg->body.x, pg->body.y, 2, o);
		if (pg->before_items.n) {
			av_buf_adds(o, "  ");
			box(o, "before", pg->before.x, pg->before.y, pg->before.w, pg->before.h);
			av_buf_addc(o, '\n');
			av_fo_stack((struct fo_vlist *)&pg->before_items);
			dump_list(L, &pg->before_items, NULL, 0, pg->before.x, pg->before.y, 2, o);
		}
		if (pg->after_items.n) {
			av_buf_adds(o, "  ");
			box(o, "after", pg->after.x, pg->after.y, pg->after.w, pg->after.h);
			av_buf_addc(o, '\n');
			av_fo_stack((struct fo_vlist *)&pg->after_items);
			dump_list(L, &pg->after_items, NULL, 0, pg->after.x, pg->after.y, 2, o);
		}
	}
}
