/* fo_int.h -- the formatter's internal types: formatting-object tree, laid-out items, pages. */
#ifndef AV_FO_INT_H
#define AV_FO_INT_H

#include <libxml/tree.h>
#include <pango/pangocairo.h>
#include <stdint.h>

#include "ansvar.h"
#include "diag.h"
#include "fo.h"
#include "util.h"

/* ---- The formatting-object tree (fo_parse.c, fo_props.c) ---- */

enum fo_kind {
	FO_ROOT,
	FO_LAYOUT_MASTER_SET,
	FO_SIMPLE_PAGE_MASTER,
	FO_PAGE_SEQUENCE_MASTER,
	FO_SINGLE_PAGE_MASTER_REFERENCE,
	FO_REPEATABLE_PAGE_MASTER_REFERENCE,
	FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES,
	FO_CONDITIONAL_PAGE_MASTER_REFERENCE,
	FO_REGION_BODY,
	FO_REGION_BEFORE,
	FO_REGION_AFTER,
	FO_DECLARATIONS,
	FO_PAGE_SEQUENCE,
	FO_STATIC_CONTENT,
	FO_FLOW,
	FO_BLOCK,
	FO_BLOCK_CONTAINER,
	FO_INLINE,
	FO_WRAPPER,             /* fo:wrapper and unknown elements: content in place */
	FO_BASIC_LINK,
	FO_PAGE_NUMBER,
	FO_PAGE_NUMBER_CITATION,
	FO_PAGE_NUMBER_CITATION_LAST,
	FO_LIST_BLOCK,
	FO_LIST_ITEM,
	FO_LIST_ITEM_LABEL,
	FO_LIST_ITEM_BODY,
	FO_TABLE,
	FO_TABLE_COLUMN,
	FO_TABLE_HEADER,
	FO_TABLE_BODY,
	FO_TABLE_FOOTER,
	FO_TABLE_ROW,
	FO_TABLE_CELL,
	FO_LEADER,
	FO_EXTERNAL_GRAPHIC,
	FO_INSTREAM,
	FO_BOOKMARK_TREE,
	FO_BOOKMARK,
	FO_BOOKMARK_TITLE,
	FO_CHANGE_BAR_BEGIN,
	FO_CHANGE_BAR_END,
	FO_IGNORED,             /* outside the subset and not rendered (markers) */
	FO_TEXT                 /* character data */
};

enum { SIDE_BEFORE, SIDE_AFTER, SIDE_START, SIDE_END };   /* top, bottom, left, right */
enum fo_align { ALIGN_START, ALIGN_CENTER, ALIGN_END, ALIGN_JUSTIFY };
enum fo_break { BRK_AUTO, BRK_PAGE, BRK_ODD, BRK_EVEN };
enum fo_leader { LEADER_SPACE, LEADER_RULE, LEADER_DOTS };
enum fo_border { BORDER_NONE, BORDER_SOLID, BORDER_DASHED, BORDER_DOTTED, BORDER_DOUBLE };

#define KEEP_ALWAYS 1000

/* Computed property values of one element.  Lengths in pt.  Strings point
 * into the tree's string pool. */
struct fo_props {
	/* inherited */
	const char *font_family;
	double font_size;
	int font_weight;                /* 100..900 */
	int italic;
	uint32_t color;                 /* 0xRRGGBB */
	enum fo_align text_align, text_align_last;
	double line_height;             /* computed, pt */
	double line_height_factor;      /* > 0: a number, inherited as such */
	int hyphenate;
	const char *lang;
	int widows, orphans;
	double start_indent, end_indent;
	int end_is_label_end;           /* end-indent="label-end()" */
	double text_indent;
	int keep_together;
	uint32_t cb_color;              /* change bars */
	double cb_offset, cb_width;
	int cb_placement_end;
	enum fo_leader leader_pattern;
	double rule_thickness;
	int underline;
	int border_separate;            /* border-collapse="separate" (else collapse) */
	const char *alt_text;           /* fox:alt-text */
	/* not inherited */
	double space_before, space_after;
	double padding[4];
	double border_w[4];
	enum fo_border border_style[4];
	uint32_t border_color[4];
	int has_background;
	uint32_t background;
	int keep_with_next, keep_with_previous;
	enum fo_break break_before, break_after;
	double baseline_shift;          /* pt, positive up; font_size already reduced */
	int display_align;              /* 0 before, 1 center, 2 after */
	double width, height;           /* < 0: auto */
	double content_width, content_height;  /* < 0: auto; -2: scale-to-fit */
	int scale_nonuniform;
	double leader_length;           /* < 0: fill the line */
	double pdbs, pls;               /* provisional-distance-between-starts, -label-separation */
	int columns_spanned, rows_spanned;
	const char *id;
	const char *role;
};

struct fo_node {
	enum fo_kind kind;
	struct fo_node *parent, *first, *last, *next;
	struct av_loc loc;
	xmlNode *xml;                   /* the element (for foreign objects and attributes) */
	struct fo_props *p;             /* NULL for text: use the parent's */
	char *text;                     /* FO_TEXT: the characters, whitespace collapsed */
	const char *name;               /* local name (for dumps and messages) */
	/* attributes that are not formatting properties */
	const char *master_name, *master_reference, *flow_name, *region_name;
	const char *ref_id, *internal_dest, *external_dest, *src, *format;
	const char *label_prefix;       /* ax:page-label-prefix */
	const char *change_bar_class;
	int initial_page_number;        /* 0: auto; -1 auto-odd; -2 auto-even */
	int force_page_count;           /* 0 auto, 1 even, 2 odd, 3 end-on-even, 4 end-on-odd, 5 no-force */
	double page_w, page_h, margin[4], extent;
	int starting_state_hide;        /* bookmark: starting-state="hide"; table: omit header at break */
	int omit_footer;                /* table-omit-footer-at-break="true" */
	/* page-sequence-master references */
	int maximum_repeats;            /* -1: no limit */
	enum { POS_ANY, POS_FIRST, POS_LAST, POS_REST, POS_ONLY } page_position;
	enum { PARITY_ANY, PARITY_ODD, PARITY_EVEN } odd_or_even;
	enum { BLANK_ANY, BLANK_YES, BLANK_NO } blank_or_not_blank;
	const struct fo_node *master;   /* the simple page master referred to */
	int column_number;
	double column_width;            /* >0 fixed pt; <0: -proportion; 0 auto */
	double column_percent;          /* > 0: percent of table width */
};

/* Document metadata read from fo:declarations (FOP's XMP convention). */
struct fo_meta {
	const char *title, *author, *subject, *keywords, *create_date;
};

struct fo_tree {
	struct fo_node *root;
	const char *file;               /* the input's name (owned) */
	struct fo_meta meta;
	const char *lang;               /* document language from fo:root */
	GStringChunk *strings;          /* the string pool */
	GHashTable *warned;             /* names already reported unsupported */
	GHashTable *ids;                /* id -> struct fo_node * */
};

/* fo_parse.c: builds the tree from an FO document.  Records errors for
 * malformed FO and returns NULL; warnings for what is outside the subset. */
struct fo_tree *av_fo_tree_build(xmlDoc *doc, const char *file, struct av_diags *d);
void av_fo_tree_free(struct fo_tree *t);
void av_fo_tree_dump(const struct fo_tree *t, struct av_buf *out);
const char *av_fo_intern(struct fo_tree *t, const char *s);
void av_fo_unsupported(struct fo_tree *t, struct av_diags *d, const struct av_loc *loc,
    const char *what, const char *name);
int av_fo_is_block_level(const struct fo_node *n);

/* fo_props.c: computes the properties of an element from its attributes
 * and its parent's properties.  `ref_w` is unknown here; percentages of
 * widths are resolved against `pct_base`. */
void av_fo_props_root(struct fo_props *p);
void av_fo_props_compute(struct fo_tree *t, struct fo_node *n, const struct fo_props *parent,
    double pct_base, struct av_diags *d);
/* Parses a length ("12pt", "2.5mm", "1.2em", "50%") against font size and
 * percentage base; returns 0 and sets *out, or -1. */
int av_fo_length(const char *s, double font_size, double pct_base, double *out);
int av_fo_color(const char *s, uint32_t *out);

/* ---- Layout (fo_layout.c) ---- */

/* A run of characters in a paragraph with the same properties. */
struct fo_span {
	size_t start, end;              /* bytes of the paragraph text */
	const struct fo_props *p;
	const struct fo_node *node;     /* the element the characters belong to */
	const struct fo_node *link;     /* enclosing fo:basic-link, if any */
	/* inline objects (one U+FFFC): leader, graphic, foreign object */
	const struct fo_node *object;
	double obj_w, obj_h;
	cairo_surface_t *image;         /* external graphic (owned by the image cache) */
	void *foreign;                  /* prepared foreign object (owned) */
	const struct av_foreign *handler;
};

struct fo_para {
	char *text;
	size_t len;
	struct fo_span *spans;
	size_t nspans;
	int refs;
};

enum fo_item_kind {
	IT_LINE,        /* a line of text */
	IT_SPACE,       /* space-before/after: discarded at a page break */
	IT_EDGE,        /* padding and border of a block, or empty height */
	IT_ROW,         /* a table row */
	IT_FOREIGN      /* a block-level foreign object sized at pagination */
};

struct fo_deco;
struct fo_struct;

struct fo_line {
	struct fo_para *para;
	size_t start, end;              /* bytes of para->text */
	int hyphen;                     /* draw a hyphen at the end */
	int justify;
	double width;                   /* natural width */
	double baseline;                /* from the top of the line */
	double avail;                   /* the width of the line's area */
	double xoff;                    /* start of the text from the item's x */
	double fill;                    /* width of each leader that fills the line */
};

struct fo_cell {
	double x, w;                    /* border box (x from the region's left edge) */
	double inset[4];                /* border and padding inside the box, per side */
	const struct fo_props *p;
	const struct fo_node *node;
	struct fo_vlist *items;         /* content, positioned from the content box top */
	double content_h;
	int rows;                       /* number-rows-spanned */
	double span_h;                  /* height of the rows it spans (rows > 1) */
	int collapse;                   /* borders centred on the cell's edges */
	struct fo_struct *st;
};

struct fo_row {
	struct fo_cell *cells;
	size_t ncells;
	int header, footer;             /* a table-header or table-footer row */
	int splittable;                 /* may break between the lines of its cells */
	size_t table;                   /* index into the vlist's tables */
};

struct fo_item {
	enum fo_item_kind kind;
	double x, w, h;                 /* x and width of the area; height */
	double y;                       /* position within a cell (cell lists only) */
	int nobreak_after;              /* keep strength of the boundary after this item */
	enum fo_break break_before;
	struct fo_deco *deco;           /* innermost enclosing decorated block */
	struct fo_struct *st;           /* innermost structure element */
	const struct fo_node *node;
	const struct fo_node **ids;     /* elements whose id starts here */
	size_t nids;
	struct fo_vlist *overlay;       /* list-item label drawn beside this item (owned) */
	union {
		struct fo_line line;
		struct fo_row row;
		struct {
			void *obj;              /* borrowed from the layout context */
			const struct av_foreign *handler;
			double max_w, max_h;    /* from the FO, < 0 when not given */
			double ow, oh;          /* prepared size */
		} foreign;
	} u;
};

/* A block that draws a background, borders or a change bar across the
 * items first..last (inclusive). */
struct fo_deco {
	const struct fo_props *p;
	const struct fo_node *node;
	double x, w;                    /* border box */
	size_t first, last;
	int change_bar;
};

/* An element of the PDF structure tree (Document, P, H1, L, LI, Table...). */
struct fo_struct {
	struct fo_struct *parent;
	const char *tag;
	const char *alt;                /* Figure alternative text (owned by the tree/pool) */
	int depth;
	/* found before drawing (fo_draw.c) */
	long first_page, last_page;     /* pages with its content; -1: none */
	int nkids;                      /* child elements */
	int links;                      /* a line of it holds a link */
};

struct fo_table {
	size_t header_first, header_n;  /* header rows in the vlist */
	size_t footer_first, footer_n;  /* footer rows in the vlist */
	size_t last_body;               /* the last body row; (size_t)-1 for none */
	double footer_h;
	int repeat, repeat_footer;      /* at each page break */
};

struct fo_vlist {
	struct fo_item *v;
	size_t n, cap;
	struct fo_deco **decos;
	size_t ndecos, decocap;
	struct fo_table *tables;
	size_t ntables, tablecap;
};

/* Resolves the text of page-number and citations during layout. */
struct fo_resolver {
	/* Returns the text for a page-number (node) or a citation; NULL when
	 * not yet known. */
	const char *(*text)(void *ctx, const struct fo_node *n);
	void *ctx;
};

/* ---- Shaped text kept for reuse (fo_cache.c) ---- */

/* A paragraph shaped on one line: x[i] is the position of byte i of its
 * text (len + 1 entries), la pango's attributes of its characters, and
 * kind[i] where a line may end by the text alone (spaces, soft hyphens,
 * hyphenation patterns; len + 1 entries of fo_layout.c's break kinds). */
struct fo_measure {
	size_t len;
	double *x;
	PangoLogAttr *la;
	int nattrs;
	unsigned char *kind;
};

void av_fo_measure_free(struct fo_measure *m);

/* A font's vertical metrics and the width of its hyphen, in pt. */
struct fo_metrics {
	double ascent, descent, hyphen;
};

/* The fonts measured so far: "LANG|font key" -> struct fo_metrics (keys
 * and values malloc'd; the table owns what is inserted). */
GHashTable *av_fo_cache_metrics(struct av_fo_cache *c);

/* Strings compared by address in cache keys (font keys, languages):
 * interned for the cache's lifetime. */
const char *av_fo_cache_intern(struct av_fo_cache *c, const char *s);
/* The pango context of a language (NULL: none), owned by the cache, so
 * that every layout it keeps was made in the same one. */
PangoContext *av_fo_cache_context(struct av_fo_cache *c, const char *lang);
/* A paragraph measured before (owned by the cache), or NULL. */
const struct fo_measure *av_fo_cache_measure(struct av_fo_cache *c, GBytes *key);
/* Keeps `m` and returns 1 (the cache then owns it); returns 0 when the
 * cache is full (`m` stays the caller's). */
int av_fo_cache_put_measure(struct av_fo_cache *c, GBytes *key, struct fo_measure *m);
/* A line laid out before (owned by the cache: take a reference to keep
 * it), or NULL. */
PangoLayout *av_fo_cache_line(struct av_fo_cache *c, GBytes *key);
/* Keeps a reference to `lay` (unless the cache is full). */
void av_fo_cache_put_line(struct av_fo_cache *c, GBytes *key, PangoLayout *lay);

/* A block-level foreign object prepared for one size, kept for the later
 * passes of the document with the diagnostics its preparation gave. */
struct fo_foreign_prep {
	const struct fo_node *node;
	const struct av_foreign *handler;
	double max_w, max_h;
	void *obj;                      /* owned; NULL when it failed */
	double w, h;
	struct av_diags diags;
};

struct fo_layout_ctx {
	struct fo_tree *tree;
	struct av_diags *d;
	PangoContext *pango;            /* the cache's, for the document's language */
	struct av_fo_cache *cache;      /* the options' cache, or the document's own */
	int own_cache;
	const char *lang;               /* the document's language, interned in the cache */
	GHashTable *fontkey_of;         /* props -> font key interned in the cache */
	struct av_buf key;              /* scratch for cache keys */
	struct fo_foreign_prep *preps;  /* foreign objects prepared so far */
	size_t npreps, prepcap;
	struct fo_resolver res;
	const struct av_fo_options *opt;
	GHashTable *fonts;              /* font key -> PangoFontDescription */
	GHashTable *font_of;            /* props -> PangoFontDescription (of `fonts`) */
	GHashTable *metrics_of;         /* props -> struct fo_metrics (of `metrics`) */
	GHashTable *images;             /* path -> cairo_surface_t */
	GHashTable *glyph_warned;       /* code points reported without glyph (per pass) */
	GHashTable *role_warned;        /* roles reported as no structure type (per pass) */
	const char *basedir;            /* for relative image paths */
	double body_h;                  /* height of the current region body */
	struct fo_struct **structs;     /* every structure element, owned */
	size_t nstructs, structcap;
	struct fo_struct *doc_struct;
	int flow_has_refs;              /* the flow uses page-number or citations */
	int static_mode;                /* laying out static content */
	GHashTable *metrics;            /* "LANG|font key" -> struct fo_metrics (the cache's) */
	GHashTable *cb_open;            /* change-bar class -> open change bar */
	GHashTable *used_refs;          /* node -> text used for it in this pass */
};

void av_fo_layout_init(struct fo_layout_ctx *c, struct fo_tree *t, const struct av_fo_options *opt,
    struct av_diags *d);
void av_fo_layout_fini(struct fo_layout_ctx *c);
/* Lays out the children of a flow or static-content into `out` for an
 * area `w` wide. */
void av_fo_layout_flow(struct fo_layout_ctx *c, const struct fo_node *flow, double w,
    struct fo_vlist *out);
void av_fo_vlist_free(struct fo_vlist *l);
/* Positions the items of a list one below the other (item->y), spaces
 * resolved, leading and trailing ones dropped; returns the height. */
double av_fo_stack(struct fo_vlist *l);
/* A new structure element (owned by the context). */
struct fo_struct *av_fo_struct_new(struct fo_layout_ctx *c, struct fo_struct *parent, const char *tag);
/* The text of a paragraph line (for dumps and messages).  Caller frees. */
char *av_fo_line_text(const struct fo_line *l);
/* A PangoLayout of one line, ready to draw. */
PangoLayout *av_fo_line_layout(struct fo_layout_ctx *c, const struct fo_line *l);
PangoFontDescription *av_fo_font(struct fo_layout_ctx *c, const struct fo_props *p);

/* ---- Pagination (fo_paginate.c) ---- */

/* The part of a table row on one page, when the row is broken between
 * the lines of its cells: each cell shows its content from from[c] to
 * to[c] (from its content box's top). */
struct fo_slice {
	double *from, *to;
	double h;
};

struct fo_place {
	size_t item;                    /* index in the page's vlist */
	double y;                       /* top, from the region body's top */
	double h;                       /* height taken on the page */
	struct fo_slice *slice;         /* a part of a row (owned), or NULL */
	int repeat;                     /* a repeated table header or footer row */
};

struct fo_region {
	double x, y, w, h;              /* on the page, from its top-left corner */
};

struct fo_page {
	const struct fo_node *seq, *master;
	const struct fo_node *spec;     /* the page-sequence-master reference it came from */
	int first, blank;               /* the first page of its sequence; a page forced blank */
	size_t seq_index;               /* which page sequence */
	int number;                     /* the printed page number */
	char *label;                    /* formatted number */
	double w, h;
	struct fo_region body, before, after;
	struct fo_place *pl;
	size_t npl, plcap;
	struct fo_vlist *flow;          /* the sequence's flow (not owned) */
	struct fo_vlist before_items, after_items;  /* static content, owned */
};

struct fo_doc {
	struct fo_page *pages;
	size_t npages, pagecap;
	struct fo_vlist **flows;        /* one per page sequence, owned */
	size_t nflows, flowcap;
	GHashTable *id_page;            /* id -> page index + 1 (GINT_TO_POINTER) */
	GHashTable *id_y;               /* id -> double* y on its page (from page top) */
	GHashTable *seq_last;           /* page-sequence id... -> last page index + 1 */
};

/* Lays out and paginates every page sequence (repeating when page-number
 * citations change the text).  Returns 0 or -1 with an error recorded. */
int av_fo_paginate(struct fo_layout_ctx *c, struct fo_doc *doc);
void av_fo_doc_free(struct fo_doc *doc);
void av_fo_doc_dump(struct fo_layout_ctx *c, const struct fo_doc *doc, struct av_buf *out);

/* ---- Drawing (fo_draw.c) ---- */

/* Draws every page into `pdf`; `date` is the creation date for cairo
 * (NULL: none).  Hands back the Figure alternative texts in tagging order
 * (*alts, the array, and *owned, strings made by handlers: caller frees
 * both arrays and the owned strings). */
int av_fo_draw(struct fo_layout_ctx *c, const struct fo_doc *doc, struct av_buf *pdf, const char *date,
    const char ***alts, size_t *nalts, char ***owned, size_t *nowned);

#endif
