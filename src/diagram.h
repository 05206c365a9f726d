/* diagram.h -- the organisation diagram: its graph, the org-chart layout, drawing to PDF, SVG and PNG. */
#ifndef AV_DIAGRAM_H
#define AV_DIAGRAM_H

#include <cairo.h>
#include <libxml/tree.h>
#include <stddef.h>

#include "ansvar.h"
#include "diag.h"
#include "foreign.h"
#include "hyphenate.h"
#include "util.h"

/*
 * Three stages, each testable on its own (SPEC §7):
 *
 *   graph   roles (nodes), relations (edges) and parties, built through
 *           av_dg_add_*() or read from a <d:diagram> element;
 *   layout  an org chart in "design units" (1 unit = 1 pt at scale 1):
 *           boxes, text lines, connector segments and the legend, with the
 *           scale that fits it into an area;
 *   draw    one drawing path over any cairo context; av_dg_render() puts
 *           it on a PDF, SVG or PNG surface.
 *
 * The namespace of the <d:diagram> element, and the FO handler for it
 * (register it with the FO formatter; see foreign.h).
 */
#define AV_DG_NS "urn:ansvar:diagram"
extern const struct av_foreign av_diagram_foreign;

#define AV_DG_NONE ((size_t)-1)

/* Kinds of role (SPEC §3), in that order. */
enum av_dg_kind {
	AV_DG_OWNER,
	AV_DG_STEERING,
	AV_DG_MANAGEMENT,
	AV_DG_LEAD,
	AV_DG_TEAM,
	AV_DG_MEMBER,
	AV_DG_REFERENCE,
	AV_DG_BENEFITS,
	AV_DG_OTHER,
	AV_DG_KIND__COUNT
};
const char *av_dg_kind_name(enum av_dg_kind k);
/* Returns 0 and sets *k when `s` names a kind. */
int av_dg_kind_parse(const char *s, enum av_dg_kind *k);

/* Relations: an edge from A to B means "A reports to / is a member of /
 * advises / supports / escalates to B". */
enum av_dg_rel {
	AV_DG_REPORTS_TO,
	AV_DG_MEMBER_OF,
	AV_DG_ADVISES,
	AV_DG_SUPPORTS,
	AV_DG_ESCALATES_TO,
	AV_DG_REL__COUNT
};
const char *av_dg_rel_name(enum av_dg_rel r);    /* "reports-to", ... */
int av_dg_rel_parse(const char *s, enum av_dg_rel *r);

struct av_dg_party {
	char *id, *name, *short_name;   /* owned; short_name is never NULL (the name when not given) */
	unsigned colour;                /* 0xRRGGBB */
	struct av_loc loc;
};

struct av_dg_node {
	char *id, *label;               /* owned */
	enum av_dg_kind kind;
	size_t party;                   /* index into parties, or AV_DG_NONE */
	char **holders;                 /* owned, nholders names */
	size_t nholders, holders_cap;
	struct av_loc loc;
};

struct av_dg_edge {
	size_t from, to;                /* node indices */
	enum av_dg_rel rel;
	struct av_loc loc;
};

struct av_dg_graph {
	char *lang;                     /* hyphenation language ("sv", "nb", "nn"); may be NULL */
	char *title;                    /* may be NULL */
	char *file;                     /* the input's path: what every loc.file points at; may be NULL */
	struct av_dg_party *parties;
	size_t nparties, parties_cap;
	struct av_dg_node *nodes;
	size_t nnodes, nodes_cap;
	struct av_dg_edge *edges;
	size_t nedges, edges_cap;
	size_t ncolourless;             /* parties given a palette colour so far */
	struct av_hyph_words *words;    /* the author's exception words (owned); may be NULL */
};

/* Limits on one diagram (a LIMIT diagnostic beyond them). */
#define AV_DG_MAX_NODES 5000
#define AV_DG_MAX_EDGES 50000
/* Relations drawn as lines routed around the boxes (those the hierarchy
 * and staff positions do not show): routing costs a search around every
 * box and line so far, so beyond this many the rest are left out with a
 * DIAGRAM warning. */
#define AV_DG_MAX_ROUTED 500

/* A new, empty graph; `lang`, `title` and `file` are copied (each may be
 * NULL).  Free with av_dg_graph_free(). */
struct av_dg_graph *av_dg_graph_new(const char *lang, const char *title, const char *file);
void av_dg_graph_free(struct av_dg_graph *g);

/* Adders copy their strings and return the new element's index.  They do
 * not check for duplicates (av_dg_find_*() first): the model and the XML
 * reader validate.  `colour` is "#rrggbb" (the caller has checked it) or
 * NULL for the next palette colour; `short_name` NULL means the name.
 * `loc` may be NULL; its file is not copied (see struct av_dg_graph). */
size_t av_dg_add_party(struct av_dg_graph *g, const char *id, const char *name,
    const char *short_name, const char *colour, const struct av_loc *loc);
size_t av_dg_add_node(struct av_dg_graph *g, const char *id, const char *label,
    enum av_dg_kind kind, size_t party, const struct av_loc *loc);
void av_dg_add_holder(struct av_dg_graph *g, size_t node, const char *name);
size_t av_dg_add_edge(struct av_dg_graph *g, size_t from, size_t to, enum av_dg_rel rel,
    const struct av_loc *loc);
/* Adds an author's hyphenation word ("styr-grupps-möte"); -1 when it holds
 * no letters. */
int av_dg_add_word(struct av_dg_graph *g, const char *hyphenated);
size_t av_dg_find_node(const struct av_dg_graph *g, const char *id);
size_t av_dg_find_party(const struct av_dg_graph *g, const char *id);
/* Checks "#rrggbb"; sets *rgb. */
int av_dg_parse_colour(const char *s, unsigned *rgb);

/*
 * Reads a <d:diagram> element (namespace AV_DG_NS):
 *
 *   <d:diagram xmlns:d="urn:ansvar:diagram" lang="sv" title="...">
 *     <d:party id="..." name="..." short="..." colour="#rrggbb"/>   short, colour optional
 *     <d:node id="..." label="..." kind="owner" party="..." holders="Anna Berg; Per Ek"/>
 *                                            kind, party, holders optional
 *     <d:edge from="..." to="..." type="reports-to"/>
 *     <d:word>styr-grupps-möte</d:word>       optional: the author's hyphenation
 *   </d:diagram>
 *
 * lang and title are optional.  holders: names separated by ";" (blanks
 * around each name are dropped, empty names ignored).  Parties come before
 * the nodes that name them; edges may name any node.  `lang` (may be NULL)
 * overrides the element's.  Problems are DIAGRAM_INPUT errors with the
 * line of the element; returns NULL when there was any.  `file` names the
 * input in diagnostics (copied).
 */
struct av_dg_graph *av_dg_graph_read(xmlNode *el, const char *file, const char *lang,
    struct av_diags *d);

/* The graph of a loaded, error-free collaboration (model.h): each role a
 * node (label: its name; party: its first holder's; holders: the names of
 * those given by name), each relation an edge, the
 * parties with their colours (a party without one takes the palette's
 * next, as in the documents' diagram), the author's hyphenation words; language and title the collaboration's (`lang`, when not NULL,
 * overrides the language).  Node and party indices are the model's role
 * and party indices.  Free with av_dg_graph_free(). */
struct av_collab;
struct av_dg_graph *av_dg_graph_from_collab(const struct av_collab *c, const char *lang);

/* The collaboration's latest history date (decided or revised) as
 * "YYYY-MM-DD", or NULL when it has none.  Caller frees. */
char *av_dg_collab_date(const struct av_collab *c);

/* ---- Layout ---------------------------------------------------------- */

struct av_dg_rect {
	double x, y, w, h;
};

/* Where a box sits. */
enum av_dg_place {
	AV_DG_PLACE_TREE,       /* in the tidy tree, under its first reports-to/member-of parent */
	AV_DG_PLACE_STACKED,    /* one of a group of leaves stacked in a column under their parent */
	AV_DG_PLACE_STAFF       /* beside the role it advises or supports */
};
const char *av_dg_place_name(enum av_dg_place p);

enum av_dg_text {
	AV_DG_TEXT_LABEL,       /* the role name (wrapped, hyphenated) */
	AV_DG_TEXT_HOLDERS,     /* holders' names (never hyphenated) */
	AV_DG_TEXT_PARTY,       /* the party's short name in the box's colour band or a legend swatch */
	AV_DG_TEXT_LEGEND       /* a party's name in the legend */
};

/* One line of text as drawn. */
struct av_dg_line {
	char *text;             /* owned; soft hyphens dropped, "-" where a line ends at one */
	enum av_dg_text kind;
	double size;            /* font size, design units */
	struct av_dg_rect r;    /* the line's logical rectangle (without trailing blanks) */
	struct av_dg_rect ink;  /* where its glyphs mark the page: what must stay inside the box */
	double baseline;        /* y of its baseline */
	size_t box;             /* its box, or AV_DG_NONE (legend) */
};

struct av_dg_box {
	size_t node;            /* the role */
	enum av_dg_place place;
	struct av_dg_rect r;
	double band;            /* height of the party colour band at the top (0: no party) */
	size_t parent;          /* box of the hierarchy parent (tree, stacked) or of the role
	                         * served (staff); AV_DG_NONE for a root */
	size_t depth;           /* level in the hierarchy (0 for roots; a staff box has its role's) */
	size_t first_line, nlines;   /* its text lines in lines[] */
};

enum av_dg_style {
	AV_DG_SOLID,            /* the hierarchy */
	AV_DG_THIN,             /* a further reports-to/member-of parent */
	AV_DG_DASHED,           /* advises */
	AV_DG_DOTTED,           /* supports */
	AV_DG_DASH_DOT          /* escalates-to, with an arrowhead at the target */
};
const char *av_dg_style_name(enum av_dg_style s);

enum av_dg_conn_kind {
	AV_DG_CONN_TREE,        /* parent -> its children in a row: trunk, bus, drops */
	AV_DG_CONN_STACK,       /* parent -> its stacked leaves: a spine with ticks */
	AV_DG_CONN_STAFF,       /* role -> staff boxes on one side */
	AV_DG_CONN_ROUTED       /* any other edge, routed around the boxes after layout */
};
const char *av_dg_conn_kind_name(enum av_dg_conn_kind k);

struct av_dg_seg {
	double x1, y1, x2, y2;  /* horizontal or vertical */
};

struct av_dg_conn {
	enum av_dg_conn_kind kind;
	enum av_dg_style style;
	size_t from;            /* TREE, STACK, STAFF: the parent / served box; ROUTED: the edge's from */
	size_t *to;             /* owned: children / staff boxes (in order); ROUTED: one box, the edge's to */
	size_t nto;
	struct av_dg_seg *segs; /* owned */
	size_t nsegs;
	int arrow;              /* an arrowhead at (x2, y2) of the last segment */
	size_t edge;            /* ROUTED: the graph edge; else AV_DG_NONE */
};

/* One party in the legend: a swatch (the colour band, with the short
 * name in it) and the party's name beside it. */
struct av_dg_legend_item {
	size_t party;
	struct av_dg_rect swatch;
	size_t tag_line, name_line;     /* indices into lines[] */
};

struct av_dg_layout_priv;

struct av_dg_layout {
	const struct av_dg_graph *g;    /* not owned: must outlive the layout */
	double scale;           /* design units -> pt */
	double width, height;   /* size of the drawing, design units (origin at 0,0) */
	double min_text;        /* smallest text after scaling, pt */
	int rotated;            /* chose the area turned a quarter (opts.rotate) */
	size_t nstacked;        /* boxes stacked in columns */
	struct av_dg_box *boxes;        /* one per node, in node order */
	size_t nboxes;
	struct av_dg_line *lines;
	size_t nlines;
	struct av_dg_conn *conns;
	size_t nconns;
	struct av_dg_legend_item *legend;
	size_t nlegend;
	size_t *omitted;        /* edges not drawn: escalation the hierarchy already shows,
	                         * duplicates, edges from a role to itself */
	size_t nomitted;
	struct av_dg_layout_priv *priv;
};

struct av_dg_options {
	double area_w, area_h;  /* pt: the drawing is scaled to fit */
	int rotate;             /* may also use the area turned a quarter (a page that can be
	                         * landscape or portrait): layout->rotated says which fits best */
	double max_scale;       /* never enlarge beyond this (0: 1.0) */
	int quiet;              /* no warning when text falls under 6 pt (an FO area:
	                         * the formatter may try several sizes) */
};

/* A4 in pt and the margin the standalone page keeps. */
#define AV_DG_A4_LONG 841.89
#define AV_DG_A4_SHORT 595.28
#define AV_DG_PAGE_MARGIN 36.0

/* Lays out the graph as an org chart fitting the area.  Needs the fonts
 * (av_fonts_init()).  Records warnings in `d` (a role that is its own
 * parent, a hierarchy cycle, text below 6 pt).  Never fails (an empty
 * graph gives an empty layout).  The graph must outlive the layout; free
 * with av_dg_layout_free(). */
struct av_dg_layout *av_dg_layout(const struct av_dg_graph *g, const struct av_dg_options *o,
    struct av_diags *d);
void av_dg_layout_free(struct av_dg_layout *l);

/* A text dump of the layout in pt (scaled), for tests and
 * `ansvar dump-diagram`.  Caller frees. */
char *av_dg_dump(const struct av_dg_layout *l);

/* Layouts keep the measures of role names and holders (the shaping of
 * their text) in the process for the next layout of the same names (a
 * render lays a chart out for each size it is drawn at; at most 4096 of
 * each are kept).  This drops them all: `render` does after each
 * collaboration.  Like pango, layouts are for one thread. */
void av_dg_measures_forget(void);

/* Fallback alternative text: the roles and who reports to whom, using the
 * labels and arrows only ("Styrgrupp → Projektägare, Projektledare; ...").
 * Caller frees. */
char *av_dg_alt_text(const struct av_dg_layout *l);

/* ---- Drawing --------------------------------------------------------- */

/* Draws the layout with its top-left corner at the user-space origin of
 * `cr`, scaled by l->scale.  Leaves the cairo state as it found it. */
void av_dg_draw(const struct av_dg_layout *l, cairo_t *cr);

enum av_dg_format {
	AV_DG_PDF,              /* an A4 page (turned to suit), the drawing centred */
	AV_DG_SVG,              /* the drawing's own size plus a margin */
	AV_DG_PNG               /* the same at 200 dpi */
};
/* The format named by a file name's extension (.pdf, .svg, .png, any case). */
int av_dg_format_from_path(const char *path, enum av_dg_format *f);

#define AV_DG_PNG_DPI 200.0

/* Appends to `out` a PNG (8-bit RGB, not interlaced) of w x h pixels of a
 * CAIRO_FORMAT_RGB24 image (`data`, rows `stride` bytes apart) at `ppm`
 * pixels per metre.  -1 (out as it was) when it is too large for one. */
int av_dg_png_encode(const unsigned char *data, int w, int h, int stride, unsigned ppm, struct av_buf *out);

struct av_dg_render_options {
	const char *title;          /* PDF title and SVG <title>; may be NULL */
	const char *creation_date;  /* PDF creation date "YYYY-MM-DDThh:mm:ssZ"; NULL: none */
};

/* The PDF creation date, "YYYY-MM-DDThh:mm:ssZ": SOURCE_DATE_EPOCH when
 * set (a warning when it is not a number of seconds), else `date`
 * ("YYYY-MM-DD", e.g. av_dg_collab_date()) at midnight UTC, else NULL --
 * never the clock.  Caller frees. */
char *av_dg_creation_date(const char *date, struct av_diags *d);

/* What `ansvar diagram` does, for the render stage: the diagram of a
 * loaded, error-free collaboration laid out for the A4 page, rendered in
 * each of `formats` into outs[i] (appended; the caller owns the buffers),
 * with the collaboration's title and av_dg_creation_date() of its history.
 * Needs the fonts (av_fonts_init()).  `lang` as for
 * av_dg_graph_from_collab().  Returns -1 after a diagnostic when a format
 * cannot be written. */
int av_dg_render_collab(const struct av_collab *c, const char *lang, const enum av_dg_format *formats,
    size_t nformats, struct av_buf *outs, struct av_diags *d);

/* Renders the layout into `out` (appended) in format `f`.  For PDF the
 * layout should have been made for the A4 page area (AV_DG_A4_* minus
 * margins, rotate allowed).  Returns -1 with a diagnostic when cairo
 * fails or the PNG would be too large. */
int av_dg_render(const struct av_dg_layout *l, enum av_dg_format f,
    const struct av_dg_render_options *o, struct av_buf *out, struct av_diags *d);

#endif
