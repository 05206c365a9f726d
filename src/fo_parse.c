/* fo_parse.c -- reads an XSL-FO document safely and builds the formatting-object tree with computed properties. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "fo_int.h"
#include "xml_read.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define AX_NS "urn:ansvar:fo"
#define MAX_DEPTH 200
#define MAX_FO_BYTES ((size_t)64 << 20)

static const struct {
	const char *name;
	enum fo_kind kind;
} elements[] = {
	{ "root", FO_ROOT },
	{ "layout-master-set", FO_LAYOUT_MASTER_SET },
	{ "simple-page-master", FO_SIMPLE_PAGE_MASTER },
	{ "page-sequence-master", FO_PAGE_SEQUENCE_MASTER },
	{ "single-page-master-reference", FO_SINGLE_PAGE_MASTER_REFERENCE },
	{ "repeatable-page-master-reference", FO_REPEATABLE_PAGE_MASTER_REFERENCE },
	{ "repeatable-page-master-alternatives", FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES },
	{ "conditional-page-master-reference", FO_CONDITIONAL_PAGE_MASTER_REFERENCE },
	{ "region-body", FO_REGION_BODY },
	{ "region-before", FO_REGION_BEFORE },
	{ "region-after", FO_REGION_AFTER },
	{ "declarations", FO_DECLARATIONS },
	{ "page-sequence", FO_PAGE_SEQUENCE },
	{ "static-content", FO_STATIC_CONTENT },
	{ "flow", FO_FLOW },
	{ "block", FO_BLOCK },
	{ "block-container", FO_BLOCK_CONTAINER },
	{ "inline", FO_INLINE },
	{ "wrapper", FO_WRAPPER },
	{ "basic-link", FO_BASIC_LINK },
	{ "page-number", FO_PAGE_NUMBER },
	{ "page-number-citation", FO_PAGE_NUMBER_CITATION },
	{ "page-number-citation-last", FO_PAGE_NUMBER_CITATION_LAST },
	{ "list-block", FO_LIST_BLOCK },
	{ "list-item", FO_LIST_ITEM },
	{ "list-item-label", FO_LIST_ITEM_LABEL },
	{ "list-item-body", FO_LIST_ITEM_BODY },
	{ "table", FO_TABLE },
	{ "table-column", FO_TABLE_COLUMN },
	{ "table-header", FO_TABLE_HEADER },
	{ "table-body", FO_TABLE_BODY },
	{ "table-footer", FO_TABLE_FOOTER },
	{ "table-row", FO_TABLE_ROW },
	{ "table-cell", FO_TABLE_CELL },
	{ "leader", FO_LEADER },
	{ "external-graphic", FO_EXTERNAL_GRAPHIC },
	{ "instream-foreign-object", FO_INSTREAM },
	{ "bookmark-tree", FO_BOOKMARK_TREE },
	{ "bookmark", FO_BOOKMARK },
	{ "bookmark-title", FO_BOOKMARK_TITLE },
	{ "change-bar-begin", FO_CHANGE_BAR_BEGIN },
	{ "change-bar-end", FO_CHANGE_BAR_END },
};

struct bctx {
	struct fo_tree *t;
	struct av_diags *d;
	struct fo_props root_props;
	const struct fo_node *lms;      /* layout-master-set */
	double pct;                     /* width percentages refer to */
	int in_bookmarks;
};

const char *
av_fo_intern(struct fo_tree *t, const char *s)
{
	return s ? g_string_chunk_insert_const(t->strings, s) : NULL;
}

void
av_fo_unsupported(struct fo_tree *t, struct av_diags *d, const struct av_loc *loc,
    const char *what, const char *name)
{
	char *key = g_strconcat(what, " ", name, NULL);
	if (g_hash_table_contains(t->warned, key)) {
		g_free(key);
		return;
	}
	g_hash_table_add(t->warned, key);
	av_diag(d, AV_D_FO_UNSUPPORTED, loc, "%s '%s' is outside the supported XSL-FO subset; %s",
	    what, name, strcmp(what, "property") == 0 ? "ignored" : "its content is rendered in place");
}

int
av_fo_is_block_level(const struct fo_node *n)
{
	switch (n->kind) {
	case FO_BLOCK:
	case FO_BLOCK_CONTAINER:
	case FO_LIST_BLOCK:
	case FO_TABLE:
		return 1;
	case FO_WRAPPER: {
		const struct fo_node *c;
		for (c = n->first; c; c = c->next)
			if (av_fo_is_block_level(c))
				return 1;
		return 0;
	}
	default:
		return 0;
	}
}

/* ---- Reading ---- */

xmlDoc *
av_fo_read_memory(const char *data, size_t len, const char *name, struct av_diags *d)
{
	if (len > (size_t)MAX_FO_BYTES) {
		av_diag_at(d, AV_D_LIMIT, name, 0, 0, "the FO document is larger than 64 MiB");
		return NULL;
	}
	return av_xml_read(data, len, name, MAX_DEPTH, AV_D_FO_SYNTAX, d);
}

xmlDoc *
av_fo_read(const char *path, struct av_diags *d)
{
	char *data;
	size_t len;
	xmlDoc *doc;
	if (av_read_file(path, MAX_FO_BYTES, &data, &len) != 0) {
		if (errno == EFBIG)
			av_diag_at(d, AV_D_LIMIT, path, 0, 0, "the FO document is larger than 64 MiB");
		else
			av_diag_at(d, AV_D_IO, path, 0, 0, "cannot read: %s", av_read_error(errno));
		return NULL;
	}
	doc = av_fo_read_memory(data, len, path, d);
	free(data);
	return doc;
}

/* ---- Building ---- */

static int
is_fo(const xmlNode *x)
{
	return x->ns && x->ns->href && strcmp((const char *)x->ns->href, FO_NS) == 0;
}

static const char *
attr(struct bctx *b, xmlNode *x, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(x, (const xmlChar *)name);
	const char *s;
	char *t;
	if (v == NULL)
		return NULL;
	t = g_strstrip(g_strdup((const char *)v));
	s = av_fo_intern(b->t, t);
	g_free(t);
	xmlFree(v);
	return s;
}

static struct fo_node *
new_node(struct bctx *b, enum fo_kind kind, xmlNode *x, struct fo_node *parent)
{
	struct fo_node *n = av_xcalloc(1, sizeof *n);
	n->kind = kind;
	n->xml = x;
	n->parent = parent;
	n->loc.file = b->t->file;
	n->loc.line = x ? (int)xmlGetLineNo(x) : 0;
	if (n->loc.line < 0)
		n->loc.line = 0;
	if (parent == NULL)
		b->t->root = n;
	else {
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

/* Collapses runs of XML whitespace into one space. */
static char *
collapse(const char *s)
{
	struct av_buf out = {0};
	int space = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space)
			av_buf_addc(&out, ' ');
		space = 0;
		av_buf_addc(&out, *s);
	}
	if (space)
		av_buf_addc(&out, ' ');
	if (out.data == NULL)
		av_buf_adds(&out, "");
	return av_buf_take(&out);
}

static int
accepts_text(enum fo_kind k)
{
	switch (k) {
	case FO_BLOCK:
	case FO_INLINE:
	case FO_WRAPPER:
	case FO_BASIC_LINK:
	case FO_LEADER:
	case FO_BOOKMARK_TITLE:
	case FO_FLOW:
	case FO_STATIC_CONTENT:
	case FO_LIST_ITEM_LABEL:
	case FO_LIST_ITEM_BODY:
	case FO_TABLE_CELL:
	case FO_BLOCK_CONTAINER:
		return 1;
	default:
		return 0;
	}
}

static void read_structural(struct bctx *b, struct fo_node *n);
static const struct fo_node *find_master(const struct fo_node *lms, const char *name, int sequences);
static void build_children(struct bctx *b, xmlNode *x, struct fo_node *n, int depth);
static void read_metadata(struct bctx *b, xmlNode *decl);

static void
build_element(struct bctx *b, xmlNode *x, struct fo_node *parent, int depth)
{
	enum fo_kind kind = FO_WRAPPER;
	const char *name = (const char *)x->name;
	struct fo_node *n;
	size_t i;
	int known = 0;

	if (!is_fo(x)) {
		struct av_loc loc = { b->t->file, (int)xmlGetLineNo(x), 0 };
		char *q = x->ns && x->ns->prefix ? g_strconcat((const char *)x->ns->prefix, ":", name, NULL)
		    : g_strdup(name);
		av_diag(b->d, AV_D_FO_UNSUPPORTED, &loc,
		    "element '%s' of another namespace outside fo:instream-foreign-object is ignored", q);
		g_free(q);
		return;
	}
	for (i = 0; i < sizeof elements / sizeof elements[0]; i++)
		if (strcmp(elements[i].name, name) == 0) {
			kind = elements[i].kind;
			known = 1;
			break;
		}
	if (!known) {
		struct av_loc loc = { b->t->file, (int)xmlGetLineNo(x), 0 };
		if (strcmp(name, "marker") == 0 || strcmp(name, "retrieve-marker") == 0 ||
		    strcmp(name, "region-start") == 0 || strcmp(name, "region-end") == 0 ||
		    strcmp(name, "title") == 0 ||
		    strcmp(name, "retrieve-table-marker") == 0) {
			char *k = g_strconcat("element ", name, NULL);
			kind = FO_IGNORED;
			if (!g_hash_table_contains(b->t->warned, k)) {
				g_hash_table_add(b->t->warned, k);
				av_diag(b->d, AV_D_FO_UNSUPPORTED, &loc,
				    "element 'fo:%s' is outside the supported XSL-FO subset; not rendered", name);
			} else
				g_free(k);
		} else {
			av_fo_unsupported(b->t, b->d, &loc, "element", name);
		}
	}
	if (depth > MAX_DEPTH) {
		struct av_loc loc = { b->t->file, (int)xmlGetLineNo(x), 0 };
		av_diag(b->d, AV_D_XML_DEPTH, &loc, "elements nested deeper than %d levels", MAX_DEPTH);
		return;
	}
	if (kind == FO_DECLARATIONS) {
		read_metadata(b, x);
		return;
	}
	n = new_node(b, kind, x, parent);
	n->name = av_fo_intern(b->t, name);
	n->p = av_xmalloc(sizeof *n->p);
	if (kind == FO_IGNORED)
		*n->p = parent ? *parent->p : b->root_props;
	else
		av_fo_props_compute(b->t, n, parent ? parent->p : &b->root_props, b->pct, b->d);
	read_structural(b, n);
	if (n->p->id) {
		if (g_hash_table_contains(b->t->ids, n->p->id))
			av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "id '%s' is used twice; links go to the first",
			    n->p->id);
		else
			g_hash_table_insert(b->t->ids, (gpointer)n->p->id, n);
	}
	if (kind == FO_INSTREAM || kind == FO_IGNORED)
		return;         /* the child element belongs to its handler */
	if (kind == FO_PAGE_SEQUENCE) {
		/* widths in the flow refer to the body region's width */
		const struct fo_node *m;
		double w = 0;
		const char *ref = n->master_reference;
		const struct fo_node *sm = ref ? find_master(b->lms, ref, 1) : NULL;
		if (sm && sm->kind == FO_PAGE_SEQUENCE_MASTER) {
			/* the first page master it names */
			const struct fo_node *r = sm->first;
			while (r && r->kind != FO_SINGLE_PAGE_MASTER_REFERENCE && r->kind != FO_REPEATABLE_PAGE_MASTER_REFERENCE &&
			    r->kind != FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES)
				r = r->next;
			if (r && r->kind == FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES)
				for (r = r->first; r && r->kind != FO_CONDITIONAL_PAGE_MASTER_REFERENCE; r = r->next)
					;
			ref = r ? r->master_reference : NULL;
		}
		for (m = b->lms ? b->lms->first : NULL; m; m = m->next)
			if (m->kind == FO_SIMPLE_PAGE_MASTER && m->master_name && ref &&
			    strcmp(m->master_name, ref) == 0) {
				const struct fo_node *r;
				w = m->page_w - m->margin[SIDE_START] - m->margin[SIDE_END];
				for (r = m->first; r; r = r->next)
					if (r->kind == FO_REGION_BODY)
						w -= r->margin[SIDE_START] + r->margin[SIDE_END];
			}
		if (w > 0)
			b->pct = w;
	}
	build_children(b, x, n, depth + 1);
	if (kind == FO_LAYOUT_MASTER_SET)
		b->lms = n;
}

static void
build_children(struct bctx *b, xmlNode *x, struct fo_node *n, int depth)
{
	xmlNode *c;
	for (c = x->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			build_element(b, c, n, depth);
		} else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			const char *q;
			struct fo_node *t;
			for (q = s; *q && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'); q++)
				;
			if (!accepts_text(n->kind)) {
				if (*q) {
					struct av_loc loc = { b->t->file, (int)xmlGetLineNo(c), 0 };
					av_diag(b->d, AV_D_FO_STRUCTURE, &loc,
					    "text is not allowed directly in fo:%s", n->name);
				}
				continue;
			}
			t = new_node(b, FO_TEXT, c, n);
			t->text = collapse(s);
			t->name = "#text";
		}
	}
}

static double
length_attr(struct bctx *b, struct fo_node *n, const char *name, double pct, double dflt)
{
	const char *v = attr(b, n->xml, name);
	double x;
	if (v == NULL || strcmp(v, "auto") == 0 || strcmp(v, "indefinite") == 0)
		return dflt;
	if (av_fo_length(v, n->p->font_size, pct, &x) == 0)
		return x;
	av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "%s=\"%s\" is not a length; using the default",
	    name, v);
	return dflt;
}

static void
read_structural(struct bctx *b, struct fo_node *n)
{
	const char *v;
	xmlChar *ax;

	switch (n->kind) {
	case FO_SIMPLE_PAGE_MASTER:
		n->master_name = attr(b, n->xml, "master-name");
		n->page_w = length_attr(b, n, "page-width", 0, 595.276);
		n->page_h = length_attr(b, n, "page-height", 0, 841.89);
		break;
	case FO_REGION_BODY:
	case FO_REGION_BEFORE:
	case FO_REGION_AFTER:
		n->region_name = attr(b, n->xml, "region-name");
		if (n->region_name == NULL)
			n->region_name = n->kind == FO_REGION_BODY ? "xsl-region-body"
			    : n->kind == FO_REGION_BEFORE ? "xsl-region-before" : "xsl-region-after";
		n->extent = length_attr(b, n, "extent", 0, 0);
		break;
	case FO_PAGE_SEQUENCE:
		n->master_reference = attr(b, n->xml, "master-reference");
		n->format = attr(b, n->xml, "format");
		v = attr(b, n->xml, "initial-page-number");
		if (v == NULL || strcmp(v, "auto") == 0)
			n->initial_page_number = 0;
		else if (strcmp(v, "auto-odd") == 0)
			n->initial_page_number = -1;
		else if (strcmp(v, "auto-even") == 0)
			n->initial_page_number = -2;
		else if (atoi(v) > 0)
			n->initial_page_number = atoi(v);
		else
			av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "initial-page-number=\"%s\" is not understood", v);
		v = attr(b, n->xml, "force-page-count");
		n->force_page_count = 0;
		if (v) {
			static const char *const fpc[] = { "auto", "even", "odd", "end-on-even", "end-on-odd", "no-force" };
			int i;
			for (i = 0; i < 6; i++)
				if (strcmp(v, fpc[i]) == 0)
					n->force_page_count = i;
		}
		ax = xmlGetNsProp(n->xml, (const xmlChar *)"page-label-prefix", (const xmlChar *)AX_NS);
		if (ax) {
			n->label_prefix = av_fo_intern(b->t, (const char *)ax);
			xmlFree(ax);
		}
		break;
	case FO_PAGE_SEQUENCE_MASTER:
		n->master_name = attr(b, n->xml, "master-name");
		break;
	case FO_SINGLE_PAGE_MASTER_REFERENCE:
	case FO_REPEATABLE_PAGE_MASTER_REFERENCE:
	case FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
	case FO_CONDITIONAL_PAGE_MASTER_REFERENCE:
		n->master_reference = attr(b, n->xml, "master-reference");
		n->maximum_repeats = n->kind == FO_SINGLE_PAGE_MASTER_REFERENCE ? 1 : -1;
		v = attr(b, n->xml, "maximum-repeats");
		if (v && strcmp(v, "no-limit") != 0) {
			n->maximum_repeats = atoi(v);
			if (n->maximum_repeats < 0 || !g_ascii_isdigit(v[0])) {
				av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "maximum-repeats=\"%s\" is not understood; no limit", v);
				n->maximum_repeats = -1;
			}
		}
		v = attr(b, n->xml, "page-position");
		n->page_position = !v || strcmp(v, "any") == 0 ? POS_ANY : strcmp(v, "first") == 0 ? POS_FIRST :
		    strcmp(v, "last") == 0 ? POS_LAST : strcmp(v, "rest") == 0 ? POS_REST : strcmp(v, "only") == 0 ? POS_ONLY :
		    (av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "page-position=\"%s\" is not understood; any", v), POS_ANY);
		v = attr(b, n->xml, "odd-or-even");
		n->odd_or_even = !v || strcmp(v, "any") == 0 ? PARITY_ANY : strcmp(v, "odd") == 0 ? PARITY_ODD :
		    strcmp(v, "even") == 0 ? PARITY_EVEN :
		    (av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "odd-or-even=\"%s\" is not understood; any", v), PARITY_ANY);
		v = attr(b, n->xml, "blank-or-not-blank");
		n->blank_or_not_blank = !v || strcmp(v, "any") == 0 ? BLANK_ANY : strcmp(v, "blank") == 0 ? BLANK_YES :
		    strcmp(v, "not-blank") == 0 ? BLANK_NO :
		    (av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "blank-or-not-blank=\"%s\" is not understood; any", v), BLANK_ANY);
		break;
	case FO_FLOW:
	case FO_STATIC_CONTENT:
		n->flow_name = attr(b, n->xml, "flow-name");
		break;
	case FO_BASIC_LINK:
		n->internal_dest = attr(b, n->xml, "internal-destination");
		n->external_dest = attr(b, n->xml, "external-destination");
		break;
	case FO_BOOKMARK:
		n->internal_dest = attr(b, n->xml, "internal-destination");
		n->external_dest = attr(b, n->xml, "external-destination");
		v = attr(b, n->xml, "starting-state");
		n->starting_state_hide = v && strcmp(v, "hide") == 0;
		break;
	case FO_PAGE_NUMBER_CITATION:
	case FO_PAGE_NUMBER_CITATION_LAST:
		n->ref_id = attr(b, n->xml, "ref-id");
		break;
	case FO_EXTERNAL_GRAPHIC:
		n->src = attr(b, n->xml, "src");
		break;
	case FO_TABLE_COLUMN:
		v = attr(b, n->xml, "column-width");
		if (v == NULL || strcmp(v, "auto") == 0)
			n->column_width = 0;
		else if (strncmp(v, "proportional-column-width(", 26) == 0)
			n->column_width = -g_ascii_strtod(v + 26, NULL);
		else if (v[strlen(v) - 1] == '%')
			n->column_percent = g_ascii_strtod(v, NULL);
		else if (av_fo_length(v, n->p->font_size, b->pct, &n->column_width) != 0) {
			av_diag(b->d, AV_D_FO_BAD_VALUE, &n->loc, "column-width=\"%s\" is not understood", v);
			n->column_width = 0;
		}
		v = attr(b, n->xml, "number-columns-repeated");
		n->column_number = v ? atoi(v) : 1;
		if (n->column_number < 1 || n->column_number > 1000)
			n->column_number = 1;
		break;
	case FO_TABLE:
		v = attr(b, n->xml, "table-omit-header-at-break");
		n->starting_state_hide = v && strcmp(v, "true") == 0;
		v = attr(b, n->xml, "table-omit-footer-at-break");
		n->omit_footer = v && strcmp(v, "true") == 0;
		break;
	case FO_CHANGE_BAR_BEGIN:
	case FO_CHANGE_BAR_END:
		n->change_bar_class = attr(b, n->xml, "change-bar-class");
		break;
	default:
		break;
	}
}

/* ---- Metadata: fo:declarations/x:xmpmeta as FOP reads it ---- */

static char *
rdf_text(xmlNode *el)
{
	/* rdf:Alt / rdf:Seq / rdf:Bag hold rdf:li items: the first (title) or all joined. */
	xmlNode *c, *li;
	struct av_buf b = {0};
	char *t;
	for (c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (li = c->children; li; li = li->next) {
			xmlChar *s;
			if (li->type != XML_ELEMENT_NODE)
				continue;
			s = xmlNodeGetContent(li);
			if (b.len)
				av_buf_adds(&b, ", ");
			av_buf_adds(&b, g_strstrip((char *)s));
			xmlFree(s);
		}
	}
	if (b.data)
		return av_buf_take(&b);
	t = (char *)xmlNodeGetContent(el);
	b.data = NULL;
	av_buf_adds(&b, g_strstrip(t));
	xmlFree(t);
	return av_buf_take(&b);
}

static void
meta_field(struct bctx *b, const char *ns, const char *name, const char *value)
{
	struct fo_meta *m = &b->t->meta;
	const char *v = av_fo_intern(b->t, value);
	if (strcmp(ns, "http://purl.org/dc/elements/1.1/") == 0) {
		if (strcmp(name, "title") == 0)
			m->title = v;
		else if (strcmp(name, "creator") == 0)
			m->author = v;
		else if (strcmp(name, "description") == 0)
			m->subject = v;
	} else if (strcmp(ns, "http://ns.adobe.com/pdf/1.3/") == 0) {
		if (strcmp(name, "Keywords") == 0)
			m->keywords = v;
	} else if (strcmp(ns, "http://ns.adobe.com/xap/1.0/") == 0) {
		if (strcmp(name, "CreateDate") == 0)
			m->create_date = v;
	}
}

static void
read_description(struct bctx *b, xmlNode *desc)
{
	xmlNode *c;
	xmlAttr *a;
	for (a = desc->properties; a; a = a->next)
		if (a->ns) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			meta_field(b, (const char *)a->ns->href, (const char *)a->name, (const char *)v);
			xmlFree(v);
		}
	for (c = desc->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns) {
			char *t = rdf_text(c);
			meta_field(b, (const char *)c->ns->href, (const char *)c->name, t);
			free(t);
		}
}

static void
find_descriptions(struct bctx *b, xmlNode *x, int depth)
{
	xmlNode *c;
	if (depth > 8)
		return;
	for (c = x->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns && strcmp((const char *)c->ns->href, "http://www.w3.org/1999/02/22-rdf-syntax-ns#") == 0 &&
		    strcmp((const char *)c->name, "Description") == 0)
			read_description(b, c);
		else
			find_descriptions(b, c, depth + 1);
	}
}

static void
read_metadata(struct bctx *b, xmlNode *decl)
{
	xmlNode *c;
	for (c = decl->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns && strcmp((const char *)c->ns->href, "adobe:ns:meta/") == 0 &&
		    strcmp((const char *)c->name, "xmpmeta") == 0) {
			find_descriptions(b, c, 0);
		} else if (is_fo(c) && strcmp((const char *)c->name, "color-profile") == 0) {
			;
		} else {
			struct av_loc loc = { b->t->file, (int)xmlGetLineNo(c), 0 };
			av_fo_unsupported(b->t, b->d, &loc, "declaration", (const char *)c->name);
		}
	}
}

/* ---- Validation of the required structure ---- */

/* The page master named `name`: a simple one, or (when `sequences`) a
 * page-sequence-master too. */
static const struct fo_node *
find_master(const struct fo_node *lms, const char *name, int sequences)
{
	const struct fo_node *m;
	for (m = lms ? lms->first : NULL; m; m = m->next)
		if ((m->kind == FO_SIMPLE_PAGE_MASTER || (sequences && m->kind == FO_PAGE_SEQUENCE_MASTER)) &&
		    m->master_name && strcmp(m->master_name, name) == 0)
			return m;
	return NULL;
}

/* Reports a master-reference that names no page master, with the nearest
 * name when one is close. */
static void
no_master(struct bctx *b, const struct fo_node *lms, const struct fo_node *n, int sequences)
{
	const char *cands[64], *close;
	const struct fo_node *m;
	size_t nc = 0;
	for (m = lms->first; m && nc < 64; m = m->next)
		if ((m->kind == FO_SIMPLE_PAGE_MASTER || (sequences && m->kind == FO_PAGE_SEQUENCE_MASTER)) &&
		    m->master_name)
			cands[nc++] = m->master_name;
	close = av_closest(n->master_reference, cands, nc);
	if (close)
		av_diag(b->d, AV_D_FO_STRUCTURE, &n->loc, "master-reference '%s' names no page master; did you mean '%s'?",
		    n->master_reference, close);
	else
		av_diag(b->d, AV_D_FO_STRUCTURE, &n->loc, "master-reference '%s' names no page master",
		    n->master_reference);
}

/* The simple masters a page-sequence-master's references name. */
static int
validate_sequence_master(struct bctx *b, const struct fo_node *lms, struct fo_node *sm)
{
	struct fo_node *r, *c;
	int ok = 1, n = 0;
	for (r = sm->first; r; r = r->next) {
		struct fo_node *refs[2] = { r, NULL };
		size_t k;
		if (r->kind == FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES) {
			int alts = 0;
			for (c = r->first; c; c = c->next)
				if (c->kind == FO_CONDITIONAL_PAGE_MASTER_REFERENCE) {
					refs[0] = c;
					alts++;
					if (c->master_reference == NULL || (c->master = find_master(lms, c->master_reference, 0)) == NULL) {
						if (c->master_reference)
							no_master(b, lms, c, 0);
						else
							av_diag(b->d, AV_D_FO_STRUCTURE, &c->loc, "fo:%s has no master-reference", c->name);
						ok = 0;
					}
				}
			if (alts == 0) {
				av_diag(b->d, AV_D_FO_STRUCTURE, &r->loc, "fo:%s has no fo:conditional-page-master-reference",
				    r->name);
				ok = 0;
			}
			n++;
			continue;
		}
		if (r->kind != FO_SINGLE_PAGE_MASTER_REFERENCE && r->kind != FO_REPEATABLE_PAGE_MASTER_REFERENCE)
			continue;
		n++;
		for (k = 0; refs[k]; k++)
			if (refs[k]->master_reference == NULL ||
			    (refs[k]->master = find_master(lms, refs[k]->master_reference, 0)) == NULL) {
				if (refs[k]->master_reference)
					no_master(b, lms, refs[k], 0);
				else
					av_diag(b->d, AV_D_FO_STRUCTURE, &refs[k]->loc, "fo:%s has no master-reference",
					    refs[k]->name);
				ok = 0;
			}
	}
	if (n == 0) {
		av_diag(b->d, AV_D_FO_STRUCTURE, &sm->loc, "fo:page-sequence-master '%s' refers to no page master",
		    sm->master_name ? sm->master_name : "");
		ok = 0;
	}
	return ok;
}

static int
validate(struct bctx *b)
{
	struct fo_node *root = b->t->root, *n, *lms = NULL, *m;
	int nseq = 0, ok = 1;

	for (n = root->first; n; n = n->next)
		if (n->kind == FO_LAYOUT_MASTER_SET)
			lms = n;
	if (lms == NULL) {
		av_diag(b->d, AV_D_FO_STRUCTURE, &root->loc, "fo:root has no fo:layout-master-set");
		return 0;
	}
	for (m = lms->first; m; m = m->next) {
		const struct fo_node *r;
		int body = 0;
		if (m->kind == FO_PAGE_SEQUENCE_MASTER && !validate_sequence_master(b, lms, m))
			ok = 0;
		if (m->kind != FO_SIMPLE_PAGE_MASTER)
			continue;
		if (m->master_name == NULL) {
			av_diag(b->d, AV_D_FO_STRUCTURE, &m->loc, "fo:simple-page-master has no master-name");
			ok = 0;
		}
		for (r = m->first; r; r = r->next)
			body |= r->kind == FO_REGION_BODY;
		if (!body) {
			av_diag(b->d, AV_D_FO_STRUCTURE, &m->loc, "fo:simple-page-master '%s' has no fo:region-body",
			    m->master_name ? m->master_name : "");
			ok = 0;
		}
	}
	for (n = root->first; n; n = n->next) {
		const struct fo_node *c, *master;
		int flows = 0;
		if (n->kind != FO_PAGE_SEQUENCE)
			continue;
		nseq++;
		if (n->master_reference == NULL) {
			av_diag(b->d, AV_D_FO_STRUCTURE, &n->loc, "fo:page-sequence has no master-reference");
			ok = 0;
			continue;
		}
		master = find_master(lms, n->master_reference, 1);
		if (master == NULL) {
			no_master(b, lms, n, 1);
			ok = 0;
			continue;
		}
		n->master = master;     /* simple, or a page-sequence-master */
		n->master_name = master->master_name;
		for (c = n->first; c; c = c->next)
			if (c->kind == FO_FLOW)
				flows++;
		if (flows != 1) {
			av_diag(b->d, AV_D_FO_STRUCTURE, &n->loc, "fo:page-sequence needs exactly one fo:flow (has %d)",
			    flows);
			ok = 0;
		}
	}
	if (nseq == 0) {
		av_diag(b->d, AV_D_FO_STRUCTURE, &root->loc, "fo:root has no fo:page-sequence");
		ok = 0;
	}
	return ok;
}

struct fo_tree *
av_fo_tree_build(xmlDoc *doc, const char *file, struct av_diags *d)
{
	struct bctx b;
	xmlNode *x = xmlDocGetRootElement(doc);
	struct fo_tree *t = av_xcalloc(1, sizeof *t);
	size_t before = d->nerrors;

	t->strings = g_string_chunk_new(4096);
	t->warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	t->ids = g_hash_table_new(g_str_hash, g_str_equal);
	t->file = av_fo_intern(t, file ? file : "-");
	memset(&b, 0, sizeof b);
	b.t = t;
	b.d = d;
	b.pct = 595.276 - 144;
	av_fo_props_root(&b.root_props);

	if (x == NULL || !is_fo(x) || strcmp((const char *)x->name, "root") != 0) {
		av_diag_at(d, AV_D_FO_STRUCTURE, t->file, x ? (int)xmlGetLineNo(x) : 0, 0,
		    "the document element is not fo:root (namespace %s)", FO_NS);
		goto err;
	}
	build_element(&b, x, NULL, 0);
	t->root = b.t->root;
	if (t->root == NULL)
		goto err;
	t->lang = t->root->p->lang;
	if (!validate(&b) || d->nerrors > before)
		goto err;
	return t;
err:
	av_fo_tree_free(t);
	return NULL;
}

static void
free_node(struct fo_node *n)
{
	while (n) {
		struct fo_node *next = n->next;
		free_node(n->first);
		free(n->p);
		free(n->text);
		free(n);
		n = next;
	}
}

void
av_fo_tree_free(struct fo_tree *t)
{
	if (t == NULL)
		return;
	free_node(t->root);
	g_hash_table_destroy(t->warned);
	g_hash_table_destroy(t->ids);
	g_string_chunk_free(t->strings);
	free(t);
}

/* ---- Dump ---- */

static void
num(struct av_buf *o, const char *name, double v)
{
	char s[G_ASCII_DTOSTR_BUF_SIZE];
	av_buf_printf(o, " %s=%s", name, g_ascii_formatd(s, sizeof s, "%.2f", v));
}

static void
dump_node(const struct fo_node *n, const struct fo_props *parent, int depth, struct av_buf *o)
{
	static const char *const align[] = { "start", "center", "end", "justify" };
	const struct fo_node *c;
	const struct fo_props *p = n->p;
	int i;

	for (i = 0; i < depth; i++)
		av_buf_adds(o, "  ");
	if (n->kind == FO_TEXT) {
		av_buf_printf(o, "\"%s\"\n", n->text);
		return;
	}
	av_buf_printf(o, "%s@%d", n->name, n->loc.line);
	if (p->id)
		av_buf_printf(o, " id=%s", p->id);
	if (!parent || strcmp(p->font_family, parent->font_family) != 0 || p->font_size != parent->font_size ||
	    p->font_weight != parent->font_weight || p->italic != parent->italic) {
		char s[G_ASCII_DTOSTR_BUF_SIZE];
		av_buf_printf(o, " font=%s/%s/%d%s", p->font_family,
		    g_ascii_formatd(s, sizeof s, "%.2f", p->font_size), p->font_weight, p->italic ? "/italic" : "");
	}
	if (!parent || p->line_height != parent->line_height)
		num(o, "lh", p->line_height);
	if (!parent || p->start_indent != parent->start_indent)
		num(o, "start", p->start_indent);
	if (!parent || p->end_indent != parent->end_indent || p->end_is_label_end != parent->end_is_label_end)
		num(o, p->end_is_label_end ? "end(label-end)" : "end", p->end_indent);
	if (p->space_before)
		num(o, "sb", p->space_before);
	if (p->space_after)
		num(o, "sa", p->space_after);
	if (!parent || p->text_align != parent->text_align)
		av_buf_printf(o, " align=%s", align[p->text_align]);
	if (!parent || p->color != parent->color)
		av_buf_printf(o, " color=#%06x", (unsigned)p->color);
	if (p->has_background)
		av_buf_printf(o, " bg=#%06x", (unsigned)p->background);
	for (i = 0; i < 4; i++)
		if (p->padding[i] || p->border_w[i]) {
			char a[G_ASCII_DTOSTR_BUF_SIZE], bb[G_ASCII_DTOSTR_BUF_SIZE];
			av_buf_printf(o, " side%d=%s/%s", i, g_ascii_formatd(a, sizeof a, "%.2f", p->padding[i]),
			    g_ascii_formatd(bb, sizeof bb, "%.2f", p->border_w[i]));
		}
	if (p->keep_with_next)
		av_buf_printf(o, " kwn=%d", p->keep_with_next);
	if (p->keep_with_previous)
		av_buf_printf(o, " kwp=%d", p->keep_with_previous);
	if (!parent || p->keep_together != parent->keep_together)
		av_buf_printf(o, " kt=%d", p->keep_together);
	if (p->break_before)
		av_buf_printf(o, " bb=%d", p->break_before);
	if (p->break_after)
		av_buf_printf(o, " ba=%d", p->break_after);
	if (!parent || p->hyphenate != parent->hyphenate)
		av_buf_printf(o, " hyph=%d", p->hyphenate);
	if ((!parent && p->lang) || (parent && p->lang != parent->lang))
		av_buf_printf(o, " lang=%s", p->lang ? p->lang : "none");
	if (!parent || p->widows != parent->widows || p->orphans != parent->orphans)
		av_buf_printf(o, " wo=%d/%d", p->widows, p->orphans);
	if (p->role)
		av_buf_printf(o, " role=%s", p->role);
	if (n->master_name)
		av_buf_printf(o, " master=%s", n->master_name);
	if (n->kind == FO_SIMPLE_PAGE_MASTER) {
		num(o, "w", n->page_w);
		num(o, "h", n->page_h);
	}
	if (n->kind == FO_SIMPLE_PAGE_MASTER || n->kind == FO_REGION_BODY)
		for (i = 0; i < 4; i++)
			num(o, i == 0 ? "mt" : i == 1 ? "mb" : i == 2 ? "ml" : "mr", n->margin[i]);
	if (n->extent)
		num(o, "extent", n->extent);
	if (n->ref_id)
		av_buf_printf(o, " ref=%s", n->ref_id);
	if (n->internal_dest)
		av_buf_printf(o, " dest=%s", n->internal_dest);
	if (n->external_dest)
		av_buf_printf(o, " uri=%s", n->external_dest);
	if (n->label_prefix)
		av_buf_printf(o, " label-prefix=\"%s\"", n->label_prefix);
	av_buf_addc(o, '\n');
	for (c = n->first; c; c = c->next)
		dump_node(c, p, depth + 1, o);
}

void
av_fo_tree_dump(const struct fo_tree *t, struct av_buf *o)
{
	const struct fo_meta *m = &t->meta;
	if (m->title)
		av_buf_printf(o, "meta title=\"%s\"\n", m->title);
	if (m->author)
		av_buf_printf(o, "meta author=\"%s\"\n", m->author);
	if (m->subject)
		av_buf_printf(o, "meta subject=\"%s\"\n", m->subject);
	if (m->keywords)
		av_buf_printf(o, "meta keywords=\"%s\"\n", m->keywords);
	if (m->create_date)
		av_buf_printf(o, "meta date=\"%s\"\n", m->create_date);
	dump_node(t->root, NULL, 0, o);
}
