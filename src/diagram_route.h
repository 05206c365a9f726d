/* diagram_route.h -- orthogonal routing of the diagram's secondary connectors around the boxes (internal to diagram_*.c). */
#ifndef AV_DIAGRAM_ROUTE_H
#define AV_DIAGRAM_ROUTE_H

#include "diagram.h"

/* Ports on a box's border where routed connectors may end. */
enum av_dg_port {
	AV_DG_PORT_TOP_L,       /* top side, a quarter in from the left */
	AV_DG_PORT_TOP_R,
	AV_DG_PORT_BOTTOM_L,
	AV_DG_PORT_BOTTOM_R,
	AV_DG_PORT_LEFT,        /* middle of the left side */
	AV_DG_PORT_RIGHT,
	AV_DG_PORT__COUNT
};

/* What the router works on: the boxes, the connectors already drawn (to
 * cross as few as possible and never run along them), and which ports
 * are taken (nboxes * AV_DG_PORT__COUNT flags, updated as it routes). */
struct av_dg_router {
	const struct av_dg_rect *boxes;
	size_t nboxes;
	struct av_dg_seg *segs;         /* owned; grows with each route */
	size_t nsegs, segs_cap;
	unsigned char *port_used;       /* owned */
	double minx, miny, maxx, maxy;  /* the drawing so far */
	/* The search's states reached, by state number (an open-addressing
	 * table: a search touches few of the grid's states, and arrays over
	 * them all cost a page fault per state touched); reused from route
	 * to route. */
	struct av_dg_state {
		size_t state;           /* (size_t)-1: empty */
		double g;               /* cost so far */
		size_t prev;            /* the state before, (size_t)-1 at a start */
		int done;               /* expanded */
	} *tab;
	size_t tab_cap, tab_n;
};

void av_dg_router_init(struct av_dg_router *r, const struct av_dg_rect *boxes, size_t nboxes);
void av_dg_router_add_seg(struct av_dg_router *r, const struct av_dg_seg *s);
void av_dg_router_take_port(struct av_dg_router *r, size_t box, enum av_dg_port p);
/* Routes from box `from` to box `to`: an orthogonal path between two ports
 * that passes through no box, with few bends and crossings.  Returns the
 * segments (caller frees) and their number in *n, the first starting on
 * `from`'s border and the last ending on `to`'s; NULL when there is no way
 * (not expected: the drawing is open around its edge). */
struct av_dg_seg *av_dg_route(struct av_dg_router *r, size_t from, size_t to, size_t *n);
void av_dg_router_free(struct av_dg_router *r);

#endif
