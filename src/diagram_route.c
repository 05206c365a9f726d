/* diagram_route.c -- orthogonal routing of the diagram's secondary connectors around the boxes: A* over a sparse grid. */
#include "config.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diagram_route.h"

/*
 * The grid's lines run beside every box (MARGIN outside each side),
 * through its ports (a quarter in from each end of the top and bottom, the
 * middle of each side) and along the window's edges.  Every box has grid
 * lines crossing its inside both ways, so a grid edge that enters a box
 * has an end inside it: marking the nodes inside boxes blocks them all.
 * A* searches that grid for the path of least cost: length, plus a
 * penalty per bend, per crossing of a connector already drawn, and for
 * running along one.  The search stays in a window around the two boxes
 * and widens it when that finds no way.
 */

#define MARGIN 5.0              /* grid lines beside boxes; port stubs */
#define CLEAR 0.5               /* a node this close to a box is in it */
#define BEND 20.0
#define PORT_REUSE 80.0
#define EPS 1e-6

/* What a route pays besides its length.  In a chart of many boxes
 * crossings and shared tracks cannot be avoided, and a search that tries
 * hard to avoid them opens most of the grid: there the heuristic is
 * weighted (weighted A*: a path within that factor of the cheapest, found
 * far sooner). */
struct costs {
	double cross;           /* per connector crossed */
	double along, along_per;        /* running along a connector: once, per unit */
	double weight;          /* of the heuristic */
};
static const struct costs small_chart = { 25.0, 400.0, 4.0, 1.0 };
static const struct costs large_chart = { 3.0, 20.0, 0.3, 3.0 };
#define LARGE_CHART 200         /* boxes */

void
av_dg_router_init(struct av_dg_router *r, const struct av_dg_rect *boxes, size_t nboxes)
{
	size_t i;
	memset(r, 0, sizeof *r);
	r->boxes = boxes;
	r->nboxes = nboxes;
	r->port_used = av_xcalloc(nboxes * AV_DG_PORT__COUNT + 1, 1);
	r->minx = r->miny = HUGE_VAL;
	r->maxx = r->maxy = -HUGE_VAL;
	for (i = 0; i < nboxes; i++) {
		r->minx = fmin(r->minx, boxes[i].x);
		r->miny = fmin(r->miny, boxes[i].y);
		r->maxx = fmax(r->maxx, boxes[i].x + boxes[i].w);
		r->maxy = fmax(r->maxy, boxes[i].y + boxes[i].h);
	}
}

void
av_dg_router_add_seg(struct av_dg_router *r, const struct av_dg_seg *s)
{
	r->segs = av_xgrow(r->segs, &r->segs_cap, r->nsegs + 1, sizeof *r->segs);
	r->segs[r->nsegs++] = *s;
	r->minx = fmin(r->minx, fmin(s->x1, s->x2));
	r->maxx = fmax(r->maxx, fmax(s->x1, s->x2));
	r->miny = fmin(r->miny, fmin(s->y1, s->y2));
	r->maxy = fmax(r->maxy, fmax(s->y1, s->y2));
}

void
av_dg_router_take_port(struct av_dg_router *r, size_t box, enum av_dg_port p)
{
	r->port_used[box * AV_DG_PORT__COUNT + p] = 1;
}

void
av_dg_router_free(struct av_dg_router *r)
{
	free(r->segs);
	free(r->port_used);
	free(r->tab);
	memset(r, 0, sizeof *r);
}

/* ---- States reached ---- */

static void
tab_clear(struct av_dg_router *r)
{
	size_t i;
	if (r->tab == NULL) {
		r->tab_cap = 4096;
		r->tab = av_xmalloc(r->tab_cap * sizeof *r->tab);
	}
	for (i = 0; i < r->tab_cap; i++)
		r->tab[i].state = (size_t)-1;
	r->tab_n = 0;
}

static size_t
tab_hash(size_t state, size_t cap)
{
	unsigned long long h = (unsigned long long)state * 0x9e3779b97f4a7c15ULL;
	return (size_t)(h >> 20) & (cap - 1);
}

/* The entry of `state`, added (unreached, not done) when new. */
static struct av_dg_state *
tab_get(struct av_dg_router *r, size_t state)
{
	size_t i;
	if (2 * (r->tab_n + 1) > r->tab_cap) {
		struct av_dg_state *old = r->tab;
		size_t oldcap = r->tab_cap, k;
		r->tab_cap *= 2;
		r->tab = av_xmalloc(r->tab_cap * sizeof *r->tab);
		for (k = 0; k < r->tab_cap; k++)
			r->tab[k].state = (size_t)-1;
		for (k = 0; k < oldcap; k++) {
			if (old[k].state == (size_t)-1)
				continue;
			for (i = tab_hash(old[k].state, r->tab_cap); r->tab[i].state != (size_t)-1;
			    i = (i + 1) & (r->tab_cap - 1))
				;
			r->tab[i] = old[k];
		}
		free(old);
	}
	for (i = tab_hash(state, r->tab_cap); r->tab[i].state != (size_t)-1; i = (i + 1) & (r->tab_cap - 1))
		if (r->tab[i].state == state)
			return &r->tab[i];
	r->tab[i].state = state;
	r->tab[i].g = HUGE_VAL;
	r->tab[i].prev = (size_t)-1;
	r->tab[i].done = 0;
	r->tab_n++;
	return &r->tab[i];
}

/* Directions of travel. */
enum { PX, NX, PY, NY };

/* A port's point on the border, its stub's end outside, and the
 * direction out of the box. */
static void
port_geometry(const struct av_dg_rect *b, enum av_dg_port p, double *x, double *y,
    double *sx, double *sy, int *out)
{
	switch (p) {
	case AV_DG_PORT_TOP_L:
	case AV_DG_PORT_TOP_R:
		*x = b->x + (p == AV_DG_PORT_TOP_L ? b->w / 4 : 3 * b->w / 4);
		*y = b->y;
		*sx = *x;
		*sy = *y - MARGIN;
		*out = NY;
		return;
	case AV_DG_PORT_BOTTOM_L:
	case AV_DG_PORT_BOTTOM_R:
		*x = b->x + (p == AV_DG_PORT_BOTTOM_L ? b->w / 4 : 3 * b->w / 4);
		*y = b->y + b->h;
		*sx = *x;
		*sy = *y + MARGIN;
		*out = PY;
		return;
	case AV_DG_PORT_LEFT:
	case AV_DG_PORT_RIGHT:
		*x = p == AV_DG_PORT_LEFT ? b->x : b->x + b->w;
		*y = b->y + b->h / 2;
		*sx = *x + (p == AV_DG_PORT_LEFT ? -MARGIN : MARGIN);
		*sy = *y;
		*out = p == AV_DG_PORT_LEFT ? NX : PX;
		return;
	case AV_DG_PORT__COUNT:
		break;
	}
	assert(!"port");
}

struct grid {
	double *xs, *ys;
	size_t nx, ny, xcap, ycap;
	unsigned char *inside;  /* per node */
	unsigned char *occ;     /* per node: a connector passes or ends here */
	unsigned short *hx;     /* per node: crossings on the edge to (i+1, j) */
	unsigned short *vx;     /* per node: crossings on the edge to (i, j+1) */
	unsigned char *hal, *val;       /* per node: a connector runs along that edge */
	double weight;          /* of the heuristic */
};

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void
add_line(double **v, size_t *n, size_t *cap, double x, double lo, double hi)
{
	if (x < lo - EPS || x > hi + EPS)
		return;
	*v = av_xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = x;
}

static size_t
uniq(double *v, size_t n)
{
	size_t i, k = 0;
	qsort(v, n, sizeof *v, cmp_double);
	for (i = 0; i < n; i++)
		if (k == 0 || v[i] - v[k - 1] > EPS)
			v[k++] = v[i];
	return k;
}

/* First index with v[i] >= x - EPS. */
static size_t
lower(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid] < x - EPS)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of x among v, or (size_t)-1. */
static size_t
find(const double *v, size_t n, double x)
{
	size_t i = lower(v, n, x);
	return i < n && fabs(v[i] - x) <= EPS ? i : (size_t)-1;
}

/* The node at column i, row j of grid gr. */
#define AT(i, j) ((j) * gr->nx + (i))

static int
overlaps(const struct av_dg_rect *b, double x0, double y0, double x1, double y1)
{
	return b->x < x1 && b->x + b->w > x0 && b->y < y1 && b->y + b->h > y0;
}

static void
grid_build(struct grid *gr, const struct av_dg_router *r, double x0, double y0, double x1, double y1)
{
	size_t i, j, k, n;

	memset(gr, 0, sizeof *gr);
	add_line(&gr->xs, &gr->nx, &gr->xcap, x0, x0, x1);
	add_line(&gr->xs, &gr->nx, &gr->xcap, x1, x0, x1);
	add_line(&gr->ys, &gr->ny, &gr->ycap, y0, y0, y1);
	add_line(&gr->ys, &gr->ny, &gr->ycap, y1, y0, y1);
	for (k = 0; k < r->nboxes; k++) {
		const struct av_dg_rect *b = &r->boxes[k];
		if (!overlaps(b, x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN))
			continue;
		add_line(&gr->xs, &gr->nx, &gr->xcap, b->x - MARGIN, x0, x1);
		add_line(&gr->xs, &gr->nx, &gr->xcap, b->x + b->w / 4, x0, x1);
		add_line(&gr->xs, &gr->nx, &gr->xcap, b->x + 3 * b->w / 4, x0, x1);
		add_line(&gr->xs, &gr->nx, &gr->xcap, b->x + b->w + MARGIN, x0, x1);
		add_line(&gr->ys, &gr->ny, &gr->ycap, b->y - MARGIN, y0, y1);
		add_line(&gr->ys, &gr->ny, &gr->ycap, b->y + b->h / 2, y0, y1);
		add_line(&gr->ys, &gr->ny, &gr->ycap, b->y + b->h + MARGIN, y0, y1);
	}
	gr->nx = uniq(gr->xs, gr->nx);
	gr->ny = uniq(gr->ys, gr->ny);
	n = gr->nx * gr->ny + 1;
	gr->inside = av_xcalloc(n, 1);
	gr->occ = av_xcalloc(n, 1);
	gr->hx = av_xcalloc(n, sizeof *gr->hx);
	gr->vx = av_xcalloc(n, sizeof *gr->vx);
	gr->hal = av_xcalloc(n, 1);
	gr->val = av_xcalloc(n, 1);
	for (k = 0; k < r->nboxes; k++) {
		const struct av_dg_rect *b = &r->boxes[k];
		size_t i0, i1, j0, j1;
		if (!overlaps(b, x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN))
			continue;
		i0 = lower(gr->xs, gr->nx, b->x - CLEAR + 2 * EPS);
		i1 = lower(gr->xs, gr->nx, b->x + b->w + CLEAR);
		j0 = lower(gr->ys, gr->ny, b->y - CLEAR + 2 * EPS);
		j1 = lower(gr->ys, gr->ny, b->y + b->h + CLEAR);
		for (j = j0; j < j1; j++)
			for (i = i0; i < i1; i++)
				gr->inside[AT(i, j)] = 1;
	}
	/* Connectors already drawn: crossings and runs along them. */
	for (k = 0; k < r->nsegs; k++) {
		const struct av_dg_seg *s = &r->segs[k];
		if (fabs(s->x1 - s->x2) <= EPS) {
			double x = s->x1, ya = fmin(s->y1, s->y2), yb = fmax(s->y1, s->y2);
			size_t on = find(gr->xs, gr->nx, x), ja = lower(gr->ys, gr->ny, ya), jb;
			if (x < x0 - EPS || x > x1 + EPS)
				continue;
			jb = lower(gr->ys, gr->ny, yb + 2 * EPS);
			if (on != (size_t)-1) {
				for (j = ja; j < jb; j++) {
					gr->occ[AT(on, j)] = 1;
					if (j + 1 < jb)
						gr->val[AT(on, j)] = 1;
				}
			} else {
				i = lower(gr->xs, gr->nx, x);
				if (i == 0 || i >= gr->nx)
					continue;
				for (j = ja; j < jb; j++)
					gr->hx[AT(i - 1, j)]++;
			}
		} else {
			double y = s->y1, xa = fmin(s->x1, s->x2), xb = fmax(s->x1, s->x2);
			size_t on = find(gr->ys, gr->ny, y), ia = lower(gr->xs, gr->nx, xa), ib;
			if (y < y0 - EPS || y > y1 + EPS)
				continue;
			ib = lower(gr->xs, gr->nx, xb + 2 * EPS);
			if (on != (size_t)-1) {
				for (i = ia; i < ib; i++) {
					gr->occ[AT(i, on)] = 1;
					if (i + 1 < ib)
						gr->hal[AT(i, on)] = 1;
				}
			} else {
				j = lower(gr->ys, gr->ny, y);
				if (j == 0 || j >= gr->ny)
					continue;
				for (i = ia; i < ib; i++)
					gr->vx[AT(i, j - 1)]++;
			}
		}
	}
}

static void
grid_free(struct grid *gr)
{
	free(gr->xs);
	free(gr->ys);
	free(gr->inside);
	free(gr->occ);
	free(gr->hx);
	free(gr->vx);
	free(gr->hal);
	free(gr->val);
}

/* A binary heap of states by f; among equal f the one nearer the goal
 * first (so that A* follows one of many equally short paths instead of
 * opening all of them), then by state number (the same result however
 * the heap got there). */
struct heap {
	struct hitem {
		double f, h;
		size_t state;
	} *v;
	size_t n, cap;
};

static int
before(const struct hitem *a, const struct hitem *b)
{
	if (a->f != b->f)
		return a->f < b->f;
	if (a->h != b->h)
		return a->h < b->h;
	return a->state < b->state;
}

static void
heap_push(struct heap *hp, double f, double h, size_t state)
{
	struct hitem it;
	size_t i;
	it.f = f;
	it.h = h;
	it.state = state;
	hp->v = av_xgrow(hp->v, &hp->cap, hp->n + 1, sizeof *hp->v);
	i = hp->n++;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!before(&it, &hp->v[p]))
			break;
		hp->v[i] = hp->v[p];
		i = p;
	}
	hp->v[i] = it;
}

static struct hitem
heap_pop(struct heap *hp)
{
	struct hitem top = hp->v[0], last = hp->v[--hp->n];
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		const struct hitem *pick = &last;
		if (l < hp->n && before(&hp->v[l], pick)) {
			m = l;
			pick = &hp->v[l];
		}
		if (l + 1 < hp->n && before(&hp->v[l + 1], pick))
			m = l + 1;
		if (m == i)
			break;
		hp->v[i] = hp->v[m];
		i = m;
	}
	if (hp->n > 0)
		hp->v[i] = last;
	return top;
}

struct end {
	enum av_dg_port port;
	double px, py;          /* on the border */
	size_t node;            /* the stub's end on the grid */
	int dir;                /* out of the box */
	double extra;           /* the stub and port penalty */
};

static size_t
ends(const struct av_dg_router *r, const struct grid *gr, size_t box, struct end *e)
{
	size_t n = 0;
	int p;
	for (p = 0; p < AV_DG_PORT__COUNT; p++) {
		double sx, sy;
		size_t i, j;
		port_geometry(&r->boxes[box], (enum av_dg_port)p, &e[n].px, &e[n].py, &sx, &sy, &e[n].dir);
		i = find(gr->xs, gr->nx, sx);
		j = find(gr->ys, gr->ny, sy);
		if (i == (size_t)-1 || j == (size_t)-1 || gr->inside[AT(i, j)])
			continue;
		e[n].port = (enum av_dg_port)p;
		e[n].node = AT(i, j);
		e[n].extra = MARGIN + (r->port_used[box * AV_DG_PORT__COUNT + p] ? PORT_REUSE : 0);
		n++;
	}
	return n;
}

static int
opposite(int d)
{
	return d ^ 1;
}

/* Manhattan distance to the nearest end, with its stub: never more than
 * the cost still to pay, so A* finds the cheapest path (times the
 * weight). */
static double
heuristic_of(const struct grid *gr, const struct end *dst, size_t ndst, size_t node)
{
	double x = gr->xs[node % gr->nx], y = gr->ys[node / gr->nx], h = HUGE_VAL;
	size_t k;
	for (k = 0; k < ndst; k++) {
		size_t d = dst[k].node;
		h = fmin(h, fabs(x - gr->xs[d % gr->nx]) + fabs(y - gr->ys[d / gr->nx]) + dst[k].extra);
	}
	return gr->weight * h;
}

/* One search in the window; NULL when it finds no way. */
static struct av_dg_seg *
search(struct av_dg_router *r, size_t from, size_t to, double x0, double y0, double x1, double y1,
    size_t *nout)
{
	struct grid grid, *gr;
	struct end src[AV_DG_PORT__COUNT], dst[AV_DG_PORT__COUNT];
	size_t nsrc, ndst, nstates, k, best_state = (size_t)-1, best_dst = 0;
	double best = HUGE_VAL;
	const struct costs *co = r->nboxes <= LARGE_CHART ? &small_chart : &large_chart;
	struct heap h = {0};
	struct av_dg_seg *segs = NULL;
	size_t nsegs = 0;

	grid_build(&grid, r, x0, y0, x1, y1);
	gr = &grid;
	gr->weight = co->weight;
	nsrc = ends(r, gr, from, src);
	ndst = ends(r, gr, to, dst);
	if (nsrc == 0 || ndst == 0)
		goto out;
	nstates = gr->nx * gr->ny * 4;
	tab_clear(r);

	for (k = 0; k < nsrc; k++) {
		size_t s = src[k].node * 4 + (size_t)src[k].dir;
		struct av_dg_state *st = tab_get(r, s);
		if (src[k].extra < st->g) {
			double hh = heuristic_of(gr, dst, ndst, src[k].node);
			st->g = src[k].extra;
			st->prev = (size_t)-1;
			heap_push(&h, st->g + hh, hh, s);
		}
	}
	/* The goal is one more state, reached from each end's stub: the
	 * search stops when it comes off the heap. */
	while (h.n > 0) {
		struct hitem it = heap_pop(&h);
		size_t s = it.state, node, i, j;
		struct av_dg_state *cur, *next;
		double gs;
		int dir, nd;
		if (s == nstates)
			break;          /* the goal: best_state holds the way in */
		node = s / 4;
		i = node % gr->nx;
		j = node / gr->nx;
		dir = (int)(s % 4);
		cur = tab_get(r, s);
		if (cur->done)
			continue;       /* stale: expanded already */
		cur->done = 1;
		gs = cur->g;
		for (k = 0; k < ndst; k++) {
			int in = opposite(dst[k].dir);
			double cost;
			if (dst[k].node != node || dir == opposite(in))
				continue;       /* elsewhere, or would turn back on itself */
			cost = gs + dst[k].extra + (dir == in ? 0 : BEND);
			if (cost < best) {
				best = cost;
				best_state = s;
				best_dst = k;
				heap_push(&h, cost, 0, nstates);
			}
		}
		for (nd = 0; nd < 4; nd++) {
			size_t ni = i, nj = j, nn, ns;
			double len, cost;
			if (nd == opposite(dir))
				continue;
			switch (nd) {
			case PX:
				if (i + 1 >= gr->nx)
					continue;
				ni = i + 1;
				break;
			case NX:
				if (i == 0)
					continue;
				ni = i - 1;
				break;
			case PY:
				if (j + 1 >= gr->ny)
					continue;
				nj = j + 1;
				break;
			default:
				if (j == 0)
					continue;
				nj = j - 1;
				break;
			}
			nn = AT(ni, nj);
			if (gr->inside[nn])
				continue;
			len = fabs(gr->xs[ni] - gr->xs[i]) + fabs(gr->ys[nj] - gr->ys[j]);
			cost = gs + len + (nd != dir ? BEND : 0);
			if (nd == PX || nd == NX) {
				size_t e = AT(ni < i ? ni : i, j);
				cost += co->cross * gr->hx[e] + (gr->hal[e] ? co->along + len * co->along_per : 0);
			} else {
				size_t e = AT(i, nj < j ? nj : j);
				cost += co->cross * gr->vx[e] + (gr->val[e] ? co->along + len * co->along_per : 0);
			}
			if (gr->occ[nn])
				cost += co->cross;
			ns = nn * 4 + (size_t)nd;
			next = tab_get(r, ns);
			if (!next->done && cost < next->g - EPS) {
				double hh = heuristic_of(gr, dst, ndst, nn);
				next->g = cost;
				next->prev = s;
				heap_push(&h, cost + hh, hh, ns);
			}
		}
	}
	if (best_state == (size_t)-1)
		goto out;
	/* Back from the end: the points of the path, then segments. */
	{
		size_t npts = 0, cap = 0, s;
		double *pts = NULL;
		pts = av_xgrow(pts, &cap, 2, 2 * sizeof *pts);
		pts[0] = dst[best_dst].px;
		pts[1] = dst[best_dst].py;
		npts = 1;
		for (s = best_state; s != (size_t)-1; s = tab_get(r, s)->prev) {
			size_t node = s / 4;
			pts = av_xgrow(pts, &cap, npts + 2, 2 * sizeof *pts);
			pts[2 * npts] = gr->xs[node % gr->nx];
			pts[2 * npts + 1] = gr->ys[node / gr->nx];
			npts++;
			if (tab_get(r, s)->prev == (size_t)-1) {
				for (k = 0; k < nsrc; k++)
					if (src[k].node == node && (size_t)src[k].dir == s % 4)
						break;
				assert(k < nsrc);
				pts = av_xgrow(pts, &cap, npts + 2, 2 * sizeof *pts);
				pts[2 * npts] = src[k].px;
				pts[2 * npts + 1] = src[k].py;
				npts++;
				r->port_used[from * AV_DG_PORT__COUNT + src[k].port] = 1;
			}
		}
		r->port_used[to * AV_DG_PORT__COUNT + dst[best_dst].port] = 1;
		/* pts runs from the target back to the source: reverse it
		 * into segments, merging straight runs. */
		segs = av_xmalloc(npts * sizeof *segs);
		for (k = npts - 1; k > 0; k--) {
			double ax = pts[2 * k], ay = pts[2 * k + 1], bx = pts[2 * k - 2], by = pts[2 * k - 1];
			if (fabs(ax - bx) <= EPS && fabs(ay - by) <= EPS)
				continue;
			if (nsegs > 0) {
				struct av_dg_seg *last = &segs[nsegs - 1];
				int lastv = fabs(last->x1 - last->x2) <= EPS, thisv = fabs(ax - bx) <= EPS;
				if (lastv == thisv) {
					last->x2 = bx;
					last->y2 = by;
					continue;
				}
			}
			segs[nsegs].x1 = ax;
			segs[nsegs].y1 = ay;
			segs[nsegs].x2 = bx;
			segs[nsegs].y2 = by;
			nsegs++;
		}
		free(pts);
		for (k = 0; k < nsegs; k++)
			av_dg_router_add_seg(r, &segs[k]);
	}
out:
	free(h.v);
	grid_free(&grid);
	*nout = nsegs;
	return segs;
}

struct av_dg_seg *
av_dg_route(struct av_dg_router *r, size_t from, size_t to, size_t *n)
{
	const struct av_dg_rect *a = &r->boxes[from], *b = &r->boxes[to];
	static const double grow[] = { 40, 160, -1 };
	size_t t;

	*n = 0;
	for (t = 0; t < sizeof grow / sizeof grow[0]; t++) {
		double x0, y0, x1, y1;
		struct av_dg_seg *s;
		if (grow[t] < 0) {
			/* The whole drawing with a free ring around it. */
			x0 = r->minx - 4 * MARGIN;
			y0 = r->miny - 4 * MARGIN;
			x1 = r->maxx + 4 * MARGIN;
			y1 = r->maxy + 4 * MARGIN;
		} else {
			x0 = fmin(a->x, b->x) - grow[t];
			y0 = fmin(a->y, b->y) - grow[t];
			x1 = fmax(a->x + a->w, b->x + b->w) + grow[t];
			y1 = fmax(a->y + a->h, b->y + b->h) + grow[t];
		}
		s = search(r, from, to, x0, y0, x1, y1, n);
		if (s != NULL)
			return s;
	}
	return NULL;
}
