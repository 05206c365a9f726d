/* load.c -- reading a collaboration file safely and building the model from it. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "load.h"
#include "model.h"
#include "palette.h"
#include "util.h"

/*
 * Untrusted input is read in two passes.  The first (prescan) looks at the
 * bytes only: size, encoding, NUL bytes, UTF-8, and the shape of the markup
 * -- it refuses a document type declaration (and with it every entity
 * declaration and external DTD) before libxml2 sees the file, and bounds
 * the nesting depth and the number of attributes per element (libxml2
 * 2.9 checks duplicate attributes in quadratic time).  It also records
 * where every start tag begins: libxml2 keeps no columns.  Only then does
 * libxml2 parse, with no network, no DTD loading and no entity
 * substitution, reporting through a structured error handler of its own
 * parser context.
 */

/* Where one element starts: the byte offset of its '<' and line:column. */
struct elemloc {
	size_t off;
	struct av_loc loc;
};

/* The location of every element of the document, in document order, and
 * a map from xmlNode to its entry. */
struct locmap {
	struct elemloc *v;
	size_t n, cap;
	GHashTable *by_node;
};

/* A cursor that turns byte offsets into line:column (columns count
 * characters; CR LF and lone CR end a line as in XML). */
struct cursor {
	const char *s;
	size_t len, pos;
	int line, col;
};

static void
cursor_init(struct cursor *cu, const char *s, size_t len)
{
	cu->s = s;
	cu->len = len;
	cu->pos = 0;
	cu->line = 1;
	cu->col = 1;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		cu->pos = 3;
}

static void
cursor_to(struct cursor *cu, size_t to)
{
	const unsigned char *s = (const unsigned char *)cu->s;

	if (to > cu->len)
		to = cu->len;
	while (cu->pos < to) {
		unsigned char ch = s[cu->pos++];
		if (ch == '\n') {
			cu->line++;
			cu->col = 1;
		} else if (ch == '\r') {
			if (cu->pos < cu->len && s[cu->pos] == '\n')
				cu->pos++;
			cu->line++;
			cu->col = 1;
		} else if ((ch & 0xc0) != 0x80) {
			cu->col++;
		}
	}
}

static struct av_loc
cursor_loc(struct cursor *cu, const char *file, size_t off)
{
	struct av_loc loc;
	cursor_to(cu, off);
	loc.file = file;
	loc.line = cu->line;
	loc.col = cu->col;
	return loc;
}

static int
starts(const char *s, size_t len, size_t i, const char *prefix)
{
	size_t n = strlen(prefix);
	return i + n <= len && memcmp(s + i, prefix, n) == 0;
}

/* The offset just past the first `needle` at or after i, or len + 1. */
static size_t
skip_past(const char *s, size_t len, size_t i, const char *needle)
{
	size_t n = strlen(needle);
	const char *hit = i < len ? memmem(s + i, len - i, needle, n) : NULL;
	return hit ? (size_t)(hit - s) + n : len + 1;
}

/* The name of the tag starting at s[i] ('<' excluded), for messages. */
static char *
tag_name(const char *s, size_t len, size_t i)
{
	size_t j = i;
	while (j < len && j - i < 40 && strchr(" \t\r\n/>[", s[j]) == NULL)
		j++;
	return av_xstrndup(s + i, j - i);
}

/* The encoding named in the XML declaration, if any.  Caller frees. */
static char *
declared_encoding(const char *s, size_t len, size_t start, size_t *at)
{
	size_t end, i;
	const char *p;

	if (!starts(s, len, start, "<?xml") || start + 5 >= len ||
	    strchr(" \t\r\n", s[start + 5]) == NULL)
		return NULL;
	end = skip_past(s, len, start, "?>");
	if (end > len)
		return NULL;
	p = memmem(s + start, end - start, "encoding", 8);
	if (p == NULL)
		return NULL;
	i = (size_t)(p - s) + 8;
	while (i < end && strchr(" \t\r\n=", s[i]))
		i++;
	if (i < end && (s[i] == '"' || s[i] == '\'')) {
		char q = s[i];
		size_t j = ++i;
		while (j < end && s[j] != q)
			j++;
		*at = (size_t)(p - s);
		return av_xstrndup(s + i, j - i);
	}
	return NULL;
}

static int
is_utf8_name(const char *enc)
{
	return g_ascii_strcasecmp(enc, "UTF-8") == 0 || g_ascii_strcasecmp(enc, "UTF8") == 0 ||
	    g_ascii_strcasecmp(enc, "US-ASCII") == 0 || g_ascii_strcasecmp(enc, "ASCII") == 0;
}

/* The byte-level checks and the markup walk.  Returns 0 when libxml2 may
 * parse the bytes, -1 after recording why not. */
static int
prescan(const char *file, const char *s, size_t len, struct locmap *map, struct av_diags *d)
{
	struct cursor cu;
	struct av_loc loc;
	const unsigned char *u = (const unsigned char *)s;
	const char *nul;
	size_t i, bad, at;
	char *enc, *name;
	int depth = 0;

	cursor_init(&cu, s, len);
	if ((len >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe))) ||
	    (len >= 4 && ((u[0] == 0 && u[1] == '<') || (u[0] == '<' && u[1] == 0)))) {
		av_diag_at(d, AV_D_XML_ENCODING, file, 1, 1,
		    "the file is in UTF-16 (or UTF-32); ansvar reads UTF-8 only: save it as UTF-8");
		return -1;
	}
	if ((nul = memchr(s, '\0', len)) != NULL) {
		loc = cursor_loc(&cu, file, (size_t)(nul - s));
		av_diag(d, AV_D_XML_SYNTAX, &loc,
		    "NUL byte in the file: XML text cannot contain one (is the file damaged?)");
		return -1;
	}
	if (!av_valid_utf8(s, len, &bad)) {
		loc = cursor_loc(&cu, file, bad);
		av_diag(d, AV_D_XML_ENCODING, &loc,
		    "invalid UTF-8 (byte 0x%02X): ansvar reads UTF-8 only; save the file as UTF-8",
		    u[bad]);
		return -1;
	}
	if ((enc = declared_encoding(s, len, cu.pos, &at)) != NULL) {
		if (!is_utf8_name(enc)) {
			loc = cursor_loc(&cu, file, at);
			av_diag(d, AV_D_XML_ENCODING, &loc,
			    "encoding '%s' is not supported: ansvar reads UTF-8 only; save the file "
			    "as UTF-8 and declare encoding=\"UTF-8\"", enc);
			free(enc);
			return -1;
		}
		free(enc);
	}

	for (i = cu.pos; i < len; ) {
		const char *lt = memchr(s + i, '<', len - i);
		size_t j, nattr;
		char quote;

		if (lt == NULL)
			break;
		i = (size_t)(lt - s);
		if (starts(s, len, i, "<!--")) {
			i = skip_past(s, len, i + 4, "-->");
			continue;
		}
		if (starts(s, len, i, "<![CDATA[")) {
			i = skip_past(s, len, i + 9, "]]>");
			continue;
		}
		if (starts(s, len, i, "<?")) {
			i = skip_past(s, len, i + 2, "?>");
			continue;
		}
		if (starts(s, len, i, "<!")) {
			loc = cursor_loc(&cu, file, i);
			name = tag_name(s, len, i + 2);
			if (strcmp(name, "DOCTYPE") == 0)
				av_diag(d, AV_D_XML_DTD, &loc,
				    "document type declaration (<!DOCTYPE>) refused: ansvar loads no DTD "
				    "and accepts no entity declarations; remove it");
			else
				av_diag(d, AV_D_XML_DTD, &loc,
				    "markup declaration <!%s> refused: ansvar accepts no DTD content", name);
			free(name);
			return -1;
		}
		if (starts(s, len, i, "</")) {
			depth--;
			i = skip_past(s, len, i + 2, ">");
			continue;
		}
		/* A start tag: find its end outside quoted values; each
		 * attribute has exactly one '=' outside quotes.  Malformed
		 * markup is left to libxml2 to report. */
		quote = 0;
		nattr = 0;
		for (j = i + 1; j < len; j++) {
			char ch = s[j];
			if (quote) {
				if (ch == quote)
					quote = 0;
			} else if (ch == '"' || ch == '\'') {
				quote = ch;
			} else if (ch == '=') {
				nattr++;
			} else if (ch == '>' || ch == '<') {
				break;
			}
		}
		if (j >= len || s[j] != '>')
			return 0;
		loc = cursor_loc(&cu, file, i);
		if (map->n >= AV_MAX_ELEMENTS) {
			av_diag(d, AV_D_LIMIT, &loc,
			    "more than %d elements: the file is over ansvar's limit", AV_MAX_ELEMENTS);
			return -1;
		}
		if (nattr > AV_MAX_ATTRIBUTES) {
			name = tag_name(s, len, i + 1);
			av_diag(d, AV_D_LIMIT, &loc,
			    "<%s> has %zu attributes: more than the limit of %d", name, nattr,
			    AV_MAX_ATTRIBUTES);
			free(name);
			return -1;
		}
		if (s[j - 1] != '/' && ++depth > AV_MAX_DEPTH) {
			name = tag_name(s, len, i + 1);
			av_diag(d, AV_D_XML_DEPTH, &loc,
			    "elements nested more than %d deep (at <%s>): over ansvar's limit",
			    AV_MAX_DEPTH, name);
			free(name);
			return -1;
		}
		map->v = av_xgrow(map->v, &map->cap, map->n + 1, sizeof *map->v);
		map->v[map->n].off = i;
		map->v[map->n].loc = loc;
		map->n++;
		i = j + 1;
	}
	return 0;
}

/* The state of one parse, reached from libxml2's context (_private). */
struct parse {
	const char *file;
	struct av_diags *d;
	int reported;
};

/* libxml2's structured error handler for this parse: the first error
 * becomes a diagnostic (later ones follow from it), in our words for the
 * common cases. */
static void
parse_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = user;
	struct parse *p = ctxt->_private;
	struct av_loc loc = { p->file, e->line, e->int2 };
	int at_end;
	char *msg;

	if (e->level == XML_ERR_WARNING || p->reported)
		return;
	p->reported = 1;
	at_end = ctxt->input != NULL && ctxt->input->cur >= ctxt->input->end;
	switch (e->code) {
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		av_diag(p->d, AV_D_XML_ENTITY, &loc,
		    "entity reference '&%s;' refused: only &amp; &lt; &gt; &quot; &apos; and "
		    "character references (&#160;) are allowed", e->str1 ? e->str1 : "");
		return;
	case XML_ERR_DOCUMENT_EMPTY:
		av_diag(p->d, AV_D_XML_SYNTAX, &loc, "the file holds no XML (is it empty?)");
		return;
	case XML_ERR_TAG_NOT_FINISHED:
		av_diag(p->d, AV_D_XML_SYNTAX, &loc,
		    "the file ends inside <%s> (opened at line %d): is it truncated?",
		    e->str1 ? e->str1 : "?", e->int1);
		return;
	case XML_ERR_TAG_NAME_MISMATCH:
		av_diag(p->d, AV_D_XML_SYNTAX, &loc, "</%s> does not close <%s> (opened at line %d)",
		    e->str2 ? e->str2 : "?", e->str1 ? e->str1 : "?", e->int1);
		return;
	case XML_ERR_DOCUMENT_END:
		av_diag(p->d, AV_D_XML_SYNTAX, &loc,
		    "content after the end of the root element: a file holds one <collaboration>");
		return;
	default:
		break;
	}
	msg = av_xstrdup(e->message ? e->message : "unknown error");
	g_strstrip(msg);
	if (at_end)
		av_diag(p->d, AV_D_XML_SYNTAX, &loc,
		    "the file ends unexpectedly (is it truncated?): %s", msg);
	else
		av_diag(p->d, AV_D_XML_SYNTAX, &loc, "not well-formed XML: %s", msg);
	free(msg);
}

/* No network, no DTD, no entity substitution (none of XML_PARSE_NOENT,
 * DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE); CDATA merged into text. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

static xmlDoc *
parse(const char *file, const char *bytes, size_t len, struct av_diags *d)
{
	struct parse p = { file, d, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;

	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		av_diag_at(d, AV_D_INTERNAL, file, 0, 0, "cannot create an XML parser");
		return NULL;
	}
	ctxt->_private = &p;
	ctxt->sax->serror = parse_error;
	doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, file, NULL, PARSE_OPTIONS);
	if (doc != NULL && !ctxt->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && !p.reported)
		av_diag_at(d, AV_D_XML_SYNTAX, file, 0, 0, "not well-formed XML");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* The element after `n` in document order below `root`, or NULL. */
static xmlNode *
next_element(xmlNode *n, xmlNode *root)
{
	if (n->children) {
		n = n->children;
	} else {
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			return NULL;
		n = n->next;
	}
	/* Skip what is not an element, climbing out of finished subtrees. */
	while (n->type != XML_ELEMENT_NODE) {
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			return NULL;
		n = n->next;
	}
	return n;
}

/* Pairs the elements of the document, in document order, with the start
 * tags the prescan found: the same sequence, since no entity expands and
 * nothing is included.  Should the counts ever differ, every element gets
 * libxml2's line and no column instead. */
static void
map_nodes(struct locmap *map, xmlNode *root, const char *file)
{
	xmlNode *n;
	size_t count = 0, k = 0;

	for (n = root; n; n = next_element(n, root))
		count++;
	if (count != map->n) {
		map->v = av_xgrow(map->v, &map->cap, count, sizeof *map->v);
		for (n = root; n; n = next_element(n, root), k++) {
			map->v[k].off = (size_t)-1;
			map->v[k].loc.file = file;
			map->v[k].loc.line = (int)xmlGetLineNo(n);
			map->v[k].loc.col = 0;
		}
		map->n = count;
	}
	for (n = root, k = 0; n; n = next_element(n, root), k++)
		g_hash_table_insert(map->by_node, n, &map->v[k]);
}

struct av_loc
av_load_loc(const struct av_collab *c, const xmlNode *el)
{
	const struct av_loc *l = av_collab_node_loc(c, el);
	struct av_loc none = { c->path, 0, 0 };
	return l ? *l : none;
}

const struct av_loc *
av_collab_node_loc(const struct av_collab *c, const xmlNode *node)
{
	const struct locmap *map = c->locs;
	const struct elemloc *e;

	if (map == NULL || node == NULL)
		return NULL;
	e = g_hash_table_lookup(map->by_node, node);
	return e ? &e->loc : NULL;
}

static int
cmp_loc(const void *key, const void *elem)
{
	const struct av_loc *k = key;
	const struct elemloc *e = elem;
	if (k->line != e->loc.line)
		return k->line < e->loc.line ? -1 : 1;
	if (k->col != e->loc.col)
		return k->col < e->loc.col ? -1 : 1;
	return 0;
}

void
av_load_attr_loc(const struct av_collab *c, const struct av_loc *el, const char *name,
    struct av_loc *out)
{
	const struct locmap *map = c->locs;
	const struct elemloc *e;
	struct cursor cu;
	size_t i, n = strlen(name);
	char quote;

	*out = *el;
	if (map == NULL || el->col == 0 ||
	    (e = bsearch(el, map->v, map->n, sizeof *map->v, cmp_loc)) == NULL ||
	    e->off == (size_t)-1)
		return;
	/* Walk the start tag: '<', the name, then attributes. */
	i = e->off + 1;
	while (i < c->len && strchr(" \t\r\n/>", c->bytes[i]) == NULL)
		i++;
	for (;;) {
		size_t start;
		while (i < c->len && strchr(" \t\r\n", c->bytes[i]))
			i++;
		if (i >= c->len || c->bytes[i] == '>' || c->bytes[i] == '/')
			return;
		start = i;
		while (i < c->len && strchr(" \t\r\n=>", c->bytes[i]) == NULL)
			i++;
		if (i - start == n && memcmp(c->bytes + start, name, n) == 0) {
			cu.s = c->bytes;
			cu.len = c->len;
			cu.pos = e->off;
			cu.line = e->loc.line;
			cu.col = e->loc.col;
			*out = cursor_loc(&cu, el->file, start);
			return;
		}
		while (i < c->len && c->bytes[i] != '"' && c->bytes[i] != '\'' && c->bytes[i] != '>')
			i++;
		if (i >= c->len || c->bytes[i] == '>')
			return;
		quote = c->bytes[i++];
		while (i < c->len && c->bytes[i] != quote)
			i++;
		i++;
	}
}

void
av_load_free_locs(void *p)
{
	struct locmap *map = p;
	if (map == NULL)
		return;
	if (map->by_node)
		g_hash_table_destroy(map->by_node);
	free(map->v);
	free(map);
}

/* ---- Building the model ---- */

static int
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Appends `s` to `b` with whitespace collapsed; *space says whether `b`
 * ends in a space (or is at the start, where space is dropped). */
static void
add_collapsed(struct av_buf *b, const char *s, int *space)
{
	for (; *s; s++) {
		if (is_space((unsigned char)*s)) {
			if (!*space)
				av_buf_addc(b, ' ');
			*space = 1;
		} else {
			av_buf_addc(b, *s);
			*space = 0;
		}
	}
}

static char *
collapse(const char *s)
{
	struct av_buf b = {0};
	int space = 1;
	add_collapsed(&b, s, &space);
	if (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return av_buf_take(&b);
}

/* The text directly inside an element, collapsed; child elements (which
 * the schema check reports) are left out. */
static char *
plain_text(const xmlNode *el)
{
	struct av_buf b = {0};
	const xmlNode *n;
	char *s;
	for (n = el->children; n; n = n->next)
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			av_buf_adds(&b, (const char *)n->content);
	s = collapse(b.data ? b.data : "");
	av_buf_free(&b);
	return s;
}

/* An attribute without namespace; NULL when absent.  Caller frees. */
static char *
attr(const xmlNode *el, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
	char *s = av_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* The same, whitespace-collapsed: an attribute holding text. */
static char *
attr_text(const xmlNode *el, const char *name)
{
	char *v = attr(el, name), *t;
	if (v == NULL)
		return NULL;
	t = collapse(v);
	free(v);
	return t;
}

static struct av_inline *
new_inline(enum av_inline_kind kind, struct av_loc loc)
{
	struct av_inline *in = av_xcalloc(1, sizeof *in);
	in->kind = kind;
	in->loc = loc;
	return in;
}

/* The inline nodes for the children of `el`. */
static struct av_inline *
build_inlines(struct av_collab *c, const xmlNode *el)
{
	struct av_inline *first = NULL, **tail = &first, *in, *last = NULL;
	struct av_loc here = av_load_loc(c, el);
	const xmlNode *n;

	for (n = el->children; n; n = n->next) {
		in = NULL;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *t = n->content ? (const char *)n->content : "";
			if (last && last->kind == AV_INLINE_TEXT) {
				/* Text split by a comment is one text. */
				char *joined = av_xasprintf("%s%s", last->text, t);
				free(last->text);
				last->text = joined;
				continue;
			}
			in = new_inline(AV_INLINE_TEXT, here);
			in->text = av_xstrdup(t);
		} else if (is_el(n, "em") || is_el(n, "strong") || is_el(n, "link")) {
			enum av_inline_kind k = is_el(n, "em") ? AV_INLINE_EM :
			    is_el(n, "strong") ? AV_INLINE_STRONG : AV_INLINE_LINK;
			in = new_inline(k, av_load_loc(c, n));
			if (k == AV_INLINE_LINK)
				in->target = attr(n, "href");
			in->first = build_inlines(c, n);
		} else if (is_el(n, "role-ref")) {
			in = new_inline(AV_INLINE_ROLE_REF, av_load_loc(c, n));
			in->target = attr(n, "role");
		}
		if (in) {
			*tail = in;
			tail = &in->next;
			last = in;
		}
	}
	return first;
}

/* Collapses whitespace across a list of inline nodes as running text:
 * runs become one space, also across element boundaries; none at the
 * start or the end; text nodes left empty are removed. */
struct ws {
	int space;                  /* the text so far ends in a space (or is empty) */
	struct av_inline **last;    /* the link to the last text node, if nothing followed it */
};

static void
collapse_list(struct av_inline **link, struct ws *w)
{
	struct av_inline *in;

	while ((in = *link) != NULL) {
		switch (in->kind) {
		case AV_INLINE_TEXT: {
			struct av_buf b = {0};
			add_collapsed(&b, in->text, &w->space);
			free(in->text);
			in->text = av_buf_take(&b);
			if (in->text[0] == '\0') {
				*link = in->next;
				in->next = NULL;
				av_inlines_free(in);
				continue;
			}
			w->last = link;
			break;
		}
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
		case AV_INLINE_LINK:
			collapse_list(&in->first, w);
			break;
		case AV_INLINE_ROLE_REF:
			w->space = 0;
			w->last = NULL;
			break;
		case AV_INLINE__COUNT:
		default:
			assert(!"inline kind");
		}
		link = &in->next;
	}
}

static struct av_inline *
inline_content(struct av_collab *c, const xmlNode *el)
{
	struct av_inline *first = build_inlines(c, el), *last;
	struct ws w = { 1, NULL };
	size_t n;

	collapse_list(&first, &w);
	if (w.last && (last = *w.last) != NULL && (n = strlen(last->text)) > 0 &&
	    last->text[n - 1] == ' ') {
		last->text[n - 1] = '\0';
		if (n == 1) {
			*w.last = last->next;
			last->next = NULL;
			av_inlines_free(last);
		}
	}
	return first;
}

static void
build_blocks(struct av_collab *c, const xmlNode *el, struct av_blocks *out)
{
	const xmlNode *n;
	size_t cap = 0;

	out->present = 1;
	out->loc = av_load_loc(c, el);
	for (n = el->children; n; n = n->next) {
		struct av_block *blk;
		if (!is_el(n, "p") && !is_el(n, "item"))
			continue;
		out->v = av_xgrow(out->v, &cap, out->n + 1, sizeof *out->v);
		blk = &out->v[out->n++];
		blk->kind = is_el(n, "p") ? AV_BLOCK_P : AV_BLOCK_ITEM;
		blk->loc = av_load_loc(c, n);
		blk->first = inline_content(c, n);
	}
}

static void
build_event(struct av_collab *c, const xmlNode *el, struct av_event *ev, int with_text)
{
	ev->loc = av_load_loc(c, el);
	ev->date_text = attr(el, "date");
	ev->by = attr_text(el, "by");
	if (with_text)
		ev->text = inline_content(c, el);
}

static void
build_history(struct av_collab *c, const xmlNode *el)
{
	struct av_history *h = &c->history;
	const xmlNode *n;
	size_t cap = 0;

	h->present = 1;
	h->loc = av_load_loc(c, el);
	for (n = el->children; n; n = n->next) {
		if (is_el(n, "decided") && !h->has_decided) {
			h->has_decided = 1;
			build_event(c, n, &h->decided, 0);
		} else if (is_el(n, "revised")) {
			h->revised = av_xgrow(h->revised, &cap, h->nrevised + 1, sizeof *h->revised);
			memset(&h->revised[h->nrevised], 0, sizeof *h->revised);
			build_event(c, n, &h->revised[h->nrevised++], 1);
		}
	}
}

static int
parse_colour(const char *s, unsigned *rgb)
{
	size_t i;
	if (s == NULL || s[0] != '#' || strlen(s) != 7)
		return -1;
	for (i = 1; i < 7; i++)
		if (!g_ascii_isxdigit(s[i]))
			return -1;
	*rgb = (unsigned)strtoul(s + 1, NULL, 16);
	return 0;
}

static void
build_party(struct av_collab *c, const xmlNode *el, struct av_party *p)
{
	p->loc = av_load_loc(c, el);
	p->id = attr(el, "id");
	p->name = attr_text(el, "name");
	p->short_name = attr_text(el, "short");
	p->colour_written = attr(el, "colour");
	p->colour_given = parse_colour(p->colour_written, &p->colour) == 0;
}

static void
build_role(struct av_collab *c, const xmlNode *el, struct av_role *r)
{
	const xmlNode *n;
	size_t hcap = 0, rcap = 0;
	char *kind;
	int k;

	r->loc = av_load_loc(c, el);
	r->node = el;
	r->id = attr(el, "id");
	r->kind = AV_KIND_OTHER;
	if ((kind = attr(el, "kind")) != NULL) {
		r->kind_given = 1;
		if ((k = av_role_kind_parse(kind)) >= 0)
			r->kind = (enum av_role_kind)k;
		free(kind);
	}
	for (n = el->children; n; n = n->next) {
		int rel, sec;
		if (n->type != XML_ELEMENT_NODE || n->ns != NULL)
			continue;
		if (is_el(n, "name") && r->name == NULL) {
			r->name = plain_text(n);
		} else if (is_el(n, "summary") && !r->has_summary) {
			r->has_summary = 1;
			r->summary = inline_content(c, n);
		} else if ((sec = av_section_parse((const char *)n->name)) >= 0) {
			if (!r->sections[sec].present)
				build_blocks(c, n, &r->sections[sec]);
		} else if (is_el(n, "holder")) {
			struct av_holder *h;
			r->holders = av_xgrow(r->holders, &hcap, r->nholders + 1, sizeof *r->holders);
			h = &r->holders[r->nholders++];
			memset(h, 0, sizeof *h);
			h->loc = av_load_loc(c, n);
			h->party_id = attr(n, "party");
			h->title = attr_text(n, "title");
			h->name = plain_text(n);
			if (h->name[0] == '\0') {
				free(h->name);
				h->name = NULL;
			}
		} else if ((rel = av_rel_type_parse((const char *)n->name)) >= 0) {
			struct av_relation *rl;
			r->relations = av_xgrow(r->relations, &rcap, r->nrelations + 1,
			    sizeof *r->relations);
			rl = &r->relations[r->nrelations++];
			memset(rl, 0, sizeof *rl);
			rl->type = (enum av_rel_type)rel;
			rl->loc = av_load_loc(c, n);
			rl->target_id = attr(n, "role");
		}
	}
}

/* Parties without a colour of their own get the palette's colours in
 * file order, skipping those another party was given explicitly while
 * the palette has unused ones left. */
static void
assign_palette(struct av_collab *c)
{
	size_t i, j, next = 0, n = av_palette_size();

	for (i = 0; i < c->nparties; i++) {
		struct av_party *p = &c->parties[i];
		int taken;
		if (p->colour_given)
			continue;
		do {
			p->colour = av_palette_colour(next++);
			taken = 0;
			for (j = 0; next <= n && j < c->nparties; j++)
				if (c->parties[j].colour_given && c->parties[j].colour == p->colour)
					taken = 1;
		} while (taken);
	}
}

static size_t
count_children(const xmlNode *el, const char *name)
{
	const xmlNode *n;
	size_t k = 0;
	for (n = el->children; n; n = n->next)
		if (is_el(n, name))
			k++;
	return k;
}

/* Builds the model from c->doc, whatever the schema check found: unknown
 * elements are skipped, missing parts stay NULL. */
static void
build(struct av_collab *c)
{
	xmlNode *root = xmlDocGetRootElement(c->doc), *n;
	size_t nroles, nparties, wcap = 0;
	xmlChar *lang;
	char *version;
	int l;

	c->loc = av_load_loc(c, root);
	nroles = count_children(root, "role");
	nparties = count_children(root, "party");
	if (!is_el(root, "collaboration"))
		return;
	c->id = attr(root, "id");
	if ((version = attr(root, "version")) != NULL) {
		c->version = strcmp(version, "1") == 0 ? 1 : 0;
		free(version);
	}
	lang = xmlGetNsProp(root, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	c->lang_written = av_xstrdup((const char *)lang);
	xmlFree(lang);
	c->lang = (l = av_lang_parse(c->lang_written)) >= 0 ? (enum av_lang)l : AV_LANG_SV;

	c->roles = av_xcalloc(nroles, sizeof *c->roles);
	c->parties = av_xcalloc(nparties, sizeof *c->parties);
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns != NULL)
			continue;
		if (is_el(n, "title") && c->title == NULL) {
			c->title = plain_text(n);
			c->title_loc = av_load_loc(c, n);
		} else if (is_el(n, "subtitle") && c->subtitle == NULL) {
			c->subtitle = plain_text(n);
		} else if (is_el(n, "issuer") && c->issuer == NULL) {
			c->issuer = plain_text(n);
		} else if (is_el(n, "logo") && c->logo_src == NULL) {
			c->logo_loc = av_load_loc(c, n);
			c->logo_src = attr(n, "src");
		} else if (is_el(n, "purpose") && !c->purpose.present) {
			build_blocks(c, n, &c->purpose);
		} else if (is_el(n, "history") && !c->history.present) {
			build_history(c, n);
		} else if (is_el(n, "party")) {
			c->parties[c->nparties].index = c->nparties;
			build_party(c, n, &c->parties[c->nparties++]);
		} else if (is_el(n, "role")) {
			c->roles[c->nroles].index = c->nroles;
			build_role(c, n, &c->roles[c->nroles++]);
		} else if (is_el(n, "governance") && !c->governance.present) {
			build_blocks(c, n, &c->governance);
		} else if (is_el(n, "questions") && !c->questions.present) {
			build_blocks(c, n, &c->questions);
		} else if (is_el(n, "hyphenation") && c->nwords == 0) {
			xmlNode *w;
			for (w = n->children; w; w = w->next) {
				if (!is_el(w, "word"))
					continue;
				c->words = av_xgrow(c->words, &wcap, c->nwords + 1, sizeof *c->words);
				c->words[c->nwords].text = plain_text(w);
				c->words[c->nwords++].loc = av_load_loc(c, w);
			}
		}
	}
	assign_palette(c);
}

/* The limits on roles and parties, checked before any work per role. */
static int
check_counts(struct av_collab *c, struct av_diags *d)
{
	xmlNode *root = xmlDocGetRootElement(c->doc);
	size_t nroles = count_children(root, "role"), nparties = count_children(root, "party");
	struct av_loc loc = av_load_loc(c, root);

	if (nroles > AV_MAX_ROLES) {
		av_diag(d, AV_D_LIMIT, &loc, "%zu roles: more than ansvar's limit of %d",
		    nroles, AV_MAX_ROLES);
		return -1;
	}
	if (nparties > AV_MAX_PARTIES) {
		av_diag(d, AV_D_LIMIT, &loc, "%zu parties: more than ansvar's limit of %d",
		    nparties, AV_MAX_PARTIES);
		return -1;
	}
	return 0;
}

static void
hash_input(struct av_collab *c)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, (const guchar *)c->bytes, (gssize)c->len);
	snprintf(c->sha256, sizeof c->sha256, "%s", g_checksum_get_string(ck));
	g_checksum_free(ck);
}

/* Takes ownership of `bytes` (NUL-terminated, `len` long).  `checked`:
 * NULL, or the digest of bytes already loaded without errors. */
static struct av_collab *
load(const char *name, char *bytes, size_t len, const char *checked, struct av_diags *d)
{
	struct av_collab *c = av_xcalloc(1, sizeof *c);
	struct locmap *map = av_xcalloc(1, sizeof *map);
	int again;

	c->path = av_xstrdup(name);
	c->bytes = bytes;
	c->len = len;
	hash_input(c);
	/* the same bytes as checked: the schema's verdict is known */
	again = checked != NULL && strcmp(c->sha256, checked) == 0;
	c->locs = map;
	map->by_node = g_hash_table_new(g_direct_hash, g_direct_equal);
	if (len > AV_MAX_INPUT_BYTES) {
		av_diag_at(d, AV_D_LIMIT, c->path, 0, 0,
		    "the file is %zu bytes: larger than ansvar's limit of %u bytes (10 MB)",
		    len, AV_MAX_INPUT_BYTES);
		goto err;
	}
	if (prescan(c->path, bytes, len, map, d) != 0)
		goto err;
	xmlInitParser();
	if ((c->doc = parse(c->path, bytes, len, d)) == NULL)
		goto err;
	map_nodes(map, xmlDocGetRootElement(c->doc), c->path);
	if (check_counts(c, d) != 0 || (!again && av_schema_explain(c, d) < 0))
		goto err;
	build(c);
	av_validate(c, d);
	if (!again && !av_diags_has_errors(d) && av_schema_validate(c, d) != 0)
		goto err;
	return c;
err:
	av_collab_free(c);
	return NULL;
}

static struct av_collab *
load_file(const char *path, const char *checked, struct av_diags *d)
{
	char *bytes;
	size_t len;

	if (av_read_file(path, AV_MAX_INPUT_BYTES, &bytes, &len) != 0) {
		if (errno == EFBIG)
			av_diag_at(d, AV_D_LIMIT, path, 0, 0,
			    "the file is larger than ansvar's limit of %u bytes (10 MB)",
			    AV_MAX_INPUT_BYTES);
		else
			av_diag_at(d, AV_D_IO, path, 0, 0, "cannot read: %s", av_read_error(errno));
		return NULL;
	}
	return load(path, bytes, len, checked, d);
}

struct av_collab *
av_collab_load(const char *path, struct av_diags *d)
{
	return load_file(path, NULL, d);
}

struct av_collab *
av_collab_load_again(const char *path, const char *sha256, struct av_diags *d)
{
	return load_file(path, sha256, d);
}

struct av_collab *
av_collab_load_buffer(const char *name, const char *bytes, size_t len, struct av_diags *d)
{
	return load(name, av_xstrndup(bytes, len), len, NULL, d);
}
