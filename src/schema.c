/* schema.c -- the RELAX NG schema of the format: loaded once, read for clear messages, and validated against. */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "load.h"
#include "util.h"

/*
 * The schema (templates/collaboration.rng) is the one statement of the
 * format's structure.  libxml2 validates with it, but its messages are
 * terse and cascade.  So the schema is also read here into a table --
 * for every element: the attributes it takes (required or not, and the
 * values of enumerated ones) and the children it takes (how few, how
 * many) -- and the document is first walked against that table, which
 * can say "unknown element <reports_to> in <role>; did you mean
 * <reports-to>?".  When that walk and the model's own checks find
 * nothing, libxml2's validation runs as the last word, so nothing the
 * table misses goes unreported.
 */

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define MANY INT_MAX

struct sattr {
	char *name;             /* as written: "id", "xml:lang" */
	int required;
	char **values;          /* enumerated values, NULL-terminated, or NULL */
};

struct skid {
	char *name;
	int min, max;           /* max MANY: unbounded */
};

/* What one element allows (or, while reading, what one pattern adds). */
struct selem {
	char *name;
	struct sattr *attrs;
	size_t nattrs, capattrs;
	struct skid *kids;
	size_t nkids, capkids;
	int text;
};

static struct {
	xmlRelaxNGPtr rng;
	struct selem *elems;
	size_t nelems, cap;
	char *root;
	char *error;            /* why the schema cannot be used */
} schema;
static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void
selem_clear(struct selem *e)
{
	size_t i;
	for (i = 0; i < e->nattrs; i++) {
		free(e->attrs[i].name);
		av_strv_free(e->attrs[i].values);
	}
	free(e->attrs);
	for (i = 0; i < e->nkids; i++)
		free(e->kids[i].name);
	free(e->kids);
	free(e->name);
	memset(e, 0, sizeof *e);
}

static struct skid *
find_kid(const struct selem *e, const char *name)
{
	size_t i;
	for (i = 0; i < e->nkids; i++)
		if (strcmp(e->kids[i].name, name) == 0)
			return &e->kids[i];
	return NULL;
}

static struct sattr *
find_attr(const struct selem *e, const char *name)
{
	size_t i;
	for (i = 0; i < e->nattrs; i++)
		if (strcmp(e->attrs[i].name, name) == 0)
			return &e->attrs[i];
	return NULL;
}

static const struct selem *
find_elem(const char *name)
{
	size_t i;
	for (i = 0; i < schema.nelems; i++)
		if (strcmp(schema.elems[i].name, name) == 0)
			return &schema.elems[i];
	return NULL;
}

static int
add_counts(int a, int b)
{
	return (a == MANY || b == MANY || a > MANY - b) ? MANY : a + b;
}

static void
add_kid(struct selem *e, const char *name, int min, int max)
{
	e->kids = av_xgrow(e->kids, &e->capkids, e->nkids + 1, sizeof *e->kids);
	e->kids[e->nkids].name = av_xstrdup(name);
	e->kids[e->nkids].min = min;
	e->kids[e->nkids].max = max;
	e->nkids++;
}

static void
add_attr(struct selem *e, const char *name, int required, char **values)
{
	e->attrs = av_xgrow(e->attrs, &e->capattrs, e->nattrs + 1, sizeof *e->attrs);
	e->attrs[e->nattrs].name = av_xstrdup(name);
	e->attrs[e->nattrs].required = required;
	e->attrs[e->nattrs].values = values;
	e->nattrs++;
}

static char **
strv_copy(char **v)
{
	char **out;
	size_t n = 0, i;
	if (v == NULL)
		return NULL;
	while (v[n])
		n++;
	out = av_xcalloc(n + 1, sizeof *out);
	for (i = 0; i < n; i++)
		out[i] = av_xstrdup(v[i]);
	return out;
}

/* a, then b. */
static void
merge_seq(struct selem *a, const struct selem *b)
{
	size_t i;
	struct skid *k;
	struct sattr *t;

	for (i = 0; i < b->nkids; i++) {
		if ((k = find_kid(a, b->kids[i].name)) != NULL) {
			k->min = add_counts(k->min, b->kids[i].min);
			k->max = add_counts(k->max, b->kids[i].max);
		} else {
			add_kid(a, b->kids[i].name, b->kids[i].min, b->kids[i].max);
		}
	}
	for (i = 0; i < b->nattrs; i++) {
		if ((t = find_attr(a, b->attrs[i].name)) != NULL)
			t->required |= b->attrs[i].required;
		else
			add_attr(a, b->attrs[i].name, b->attrs[i].required,
			    strv_copy(b->attrs[i].values));
	}
	a->text |= b->text;
}

/* a or b. */
static void
merge_choice(struct selem *a, const struct selem *b)
{
	size_t i;
	struct skid *k;
	struct sattr *t;

	for (i = 0; i < a->nkids; i++)
		if (find_kid(b, a->kids[i].name) == NULL)
			a->kids[i].min = 0;
	for (i = 0; i < a->nattrs; i++)
		if (find_attr(b, a->attrs[i].name) == NULL)
			a->attrs[i].required = 0;
	for (i = 0; i < b->nkids; i++) {
		if ((k = find_kid(a, b->kids[i].name)) != NULL) {
			if (b->kids[i].min < k->min)
				k->min = b->kids[i].min;
			if (b->kids[i].max > k->max)
				k->max = b->kids[i].max;
		} else {
			add_kid(a, b->kids[i].name, 0, b->kids[i].max);
		}
	}
	for (i = 0; i < b->nattrs; i++) {
		if ((t = find_attr(a, b->attrs[i].name)) != NULL)
			t->required &= b->attrs[i].required;
		else
			add_attr(a, b->attrs[i].name, 0, strv_copy(b->attrs[i].values));
	}
	a->text |= b->text;
}

static void
make_optional(struct selem *e)
{
	size_t i;
	for (i = 0; i < e->nkids; i++)
		e->kids[i].min = 0;
	for (i = 0; i < e->nattrs; i++)
		e->attrs[i].required = 0;
}

static void
make_repeatable(struct selem *e)
{
	size_t i;
	for (i = 0; i < e->nkids; i++)
		if (e->kids[i].max > 0)
			e->kids[i].max = MANY;
}

static int
is_rng(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	    (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static char *
rng_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;
	if (v == NULL)
		return NULL;
	s = av_xstrdup((const char *)v);
	xmlFree(v);
	g_strstrip(s);
	return s;
}

/* Reading the schema into the table. */
struct reader {
	xmlNode *grammar;
	xmlNode **queue;            /* element patterns still to read */
	size_t nqueue, capqueue;
	int depth;
};

static void summarise(struct reader *r, xmlNode *pat, struct selem *out);

static void
summarise_children(struct reader *r, xmlNode *pat, struct selem *out)
{
	xmlNode *n;
	for (n = pat->children; n; n = n->next)
		if (is_rng(n, NULL))
			summarise(r, n, out);
}

static xmlNode *
find_define(struct reader *r, const char *name)
{
	xmlNode *n;
	for (n = r->grammar->children; n; n = n->next) {
		char *dn;
		int hit;
		if (!is_rng(n, "define"))
			continue;
		dn = rng_attr(n, "name");
		hit = dn && strcmp(dn, name) == 0;
		free(dn);
		if (hit)
			return n;
	}
	return NULL;
}

/* The enumerated values of an attribute pattern's content, or NULL. */
static char **
attr_values(xmlNode *pat)
{
	xmlNode *n, *v;
	char **out;
	size_t cap = 0, k = 0;

	out = NULL;
	for (n = pat->children; n; n = n->next) {
		if (is_rng(n, "value")) {
			v = n;
			out = av_xgrow(out, &cap, k + 2, sizeof *out);
			out[k++] = (char *)xmlNodeGetContent(v);
		} else if (is_rng(n, "choice")) {
			for (v = n->children; v; v = v->next) {
				if (!is_rng(v, "value"))
					continue;
				out = av_xgrow(out, &cap, k + 2, sizeof *out);
				out[k++] = (char *)xmlNodeGetContent(v);
			}
		}
	}
	if (out == NULL)
		return NULL;
	out[k] = NULL;
	/* Copy into malloc'd strings: the values came from xmlMalloc. */
	for (k = 0; out[k]; k++) {
		char *s = av_xstrdup(out[k]);
		xmlFree(out[k]);
		out[k] = s;
	}
	return out;
}

static void
summarise(struct reader *r, xmlNode *pat, struct selem *out)
{
	const char *kind = (const char *)pat->name;
	struct selem tmp = {0}, alt;
	xmlNode *n;
	char *name;

	if (++r->depth > 100) {
		schema.error = av_xstrdup("patterns nested too deep");
		goto out;
	}
	if (strcmp(kind, "element") == 0) {
		if ((name = rng_attr(pat, "name")) == NULL) {
			schema.error = av_xstrdup("an <element> without a name attribute");
			goto out;
		}
		add_kid(out, name, 1, 1);
		free(name);
		r->queue = av_xgrow(r->queue, &r->capqueue, r->nqueue + 1, sizeof *r->queue);
		r->queue[r->nqueue++] = pat;
	} else if (strcmp(kind, "attribute") == 0) {
		if ((name = rng_attr(pat, "name")) == NULL) {
			schema.error = av_xstrdup("an <attribute> without a name attribute");
			goto out;
		}
		add_attr(out, name, 1, attr_values(pat));
		free(name);
	} else if (strcmp(kind, "text") == 0 || strcmp(kind, "data") == 0 ||
	    strcmp(kind, "value") == 0 || strcmp(kind, "list") == 0) {
		out->text = 1;
	} else if (strcmp(kind, "empty") == 0 || strcmp(kind, "notAllowed") == 0) {
		/* nothing */
	} else if (strcmp(kind, "group") == 0 || strcmp(kind, "interleave") == 0) {
		summarise_children(r, pat, out);
	} else if (strcmp(kind, "mixed") == 0) {
		out->text = 1;
		summarise_children(r, pat, out);
	} else if (strcmp(kind, "optional") == 0 || strcmp(kind, "zeroOrMore") == 0 ||
	    strcmp(kind, "oneOrMore") == 0) {
		summarise_children(r, pat, &tmp);
		if (strcmp(kind, "oneOrMore") != 0)
			make_optional(&tmp);
		if (strcmp(kind, "optional") != 0)
			make_repeatable(&tmp);
		merge_seq(out, &tmp);
	} else if (strcmp(kind, "choice") == 0) {
		int first = 1;
		for (n = pat->children; n; n = n->next) {
			if (!is_rng(n, NULL))
				continue;
			memset(&alt, 0, sizeof alt);
			summarise(r, n, &alt);
			if (first)
				merge_seq(&tmp, &alt);
			else
				merge_choice(&tmp, &alt);
			first = 0;
			selem_clear(&alt);
		}
		merge_seq(out, &tmp);
	} else if (strcmp(kind, "ref") == 0) {
		xmlNode *def;
		name = rng_attr(pat, "name");
		def = name ? find_define(r, name) : NULL;
		if (def == NULL)
			schema.error = av_xasprintf("no <define> named '%s'", name ? name : "");
		else
			summarise_children(r, def, out);
		free(name);
	} else {
		schema.error = av_xasprintf("the pattern <%s> is not understood by ansvar", kind);
	}
out:
	selem_clear(&tmp);
	r->depth--;
}

static void
read_table(xmlDoc *doc)
{
	struct reader r = {0};
	struct selem start = {0};
	xmlNode *n;
	size_t i;

	r.grammar = xmlDocGetRootElement(doc);
	if (r.grammar == NULL || !is_rng(r.grammar, "grammar")) {
		schema.error = av_xstrdup("the root element is not a RELAX NG <grammar>");
		return;
	}
	for (n = r.grammar->children; n; n = n->next)
		if (is_rng(n, "start"))
			summarise_children(&r, n, &start);
	if (start.nkids != 1 && schema.error == NULL)
		schema.error = av_xstrdup("<start> does not name one root element");
	else if (schema.error == NULL)
		schema.root = av_xstrdup(start.kids[0].name);
	selem_clear(&start);
	for (i = 0; i < r.nqueue && schema.error == NULL; i++) {
		struct selem e = {0};
		char *name = rng_attr(r.queue[i], "name");
		if (find_elem(name) != NULL) {
			free(name);
			continue;
		}
		summarise_children(&r, r.queue[i], &e);
		e.name = name;
		schema.elems = av_xgrow(schema.elems, &schema.cap, schema.nelems + 1,
		    sizeof *schema.elems);
		schema.elems[schema.nelems++] = e;
	}
	free(r.queue);
}

static void
schema_parse_error(void *user, xmlErrorPtr e)
{
	(void)user;
	if (e->level != XML_ERR_WARNING && schema.error == NULL) {
		schema.error = av_xasprintf("line %d: %s", e->line, e->message ? e->message : "");
		g_strstrip(schema.error);
	}
}

static void
load_schema(void)
{
	char *path = av_path_join(av_datadir(), "templates/collaboration.rng");
	xmlParserCtxtPtr pctxt;
	xmlRelaxNGParserCtxtPtr rctxt;
	xmlDoc *doc;

	xmlInitParser();
	if ((pctxt = xmlNewParserCtxt()) == NULL) {
		schema.error = av_xstrdup("cannot create an XML parser");
		goto out;
	}
	pctxt->sax->serror = schema_parse_error;
	doc = xmlCtxtReadFile(pctxt, path, NULL, XML_PARSE_NONET);
	xmlFreeParserCtxt(pctxt);
	if (doc == NULL) {
		if (schema.error == NULL)
			schema.error = av_xstrdup("cannot read it");
		goto out;
	}
	read_table(doc);
	if (schema.error == NULL) {
		rctxt = xmlRelaxNGNewDocParserCtxt(doc);
		xmlRelaxNGSetParserStructuredErrors(rctxt, schema_parse_error, NULL);
		schema.rng = xmlRelaxNGParse(rctxt);
		xmlRelaxNGFreeParserCtxt(rctxt);
		if (schema.rng == NULL && schema.error == NULL)
			schema.error = av_xstrdup("libxml2 cannot compile it");
	}
	xmlFreeDoc(doc);
out:
	if (schema.error) {
		char *e = av_xasprintf("cannot use the schema %s: %s", path, schema.error);
		free(schema.error);
		schema.error = e;
	}
	free(path);
}

static int
schema_ready(const struct av_collab *c, struct av_diags *d)
{
	pthread_once(&schema_once, load_schema);
	if (schema.error) {
		av_diag_at(d, AV_D_INTERNAL, c->path, 0, 0, "%s", schema.error);
		return -1;
	}
	return 0;
}

/* ---- Explaining what does not fit ---- */

struct explain {
	const struct av_collab *c;
	struct av_diags *d;
	int nerr;
};

/* The name of an attribute or element as written in the format:
 * "xml:lang", "x:foo" for other namespaces.  Caller frees. */
static char *
qname(const xmlNs *ns, const xmlChar *local)
{
	if (ns == NULL)
		return av_xstrdup((const char *)local);
	if (ns->href && strcmp((const char *)ns->href, (const char *)XML_XML_NAMESPACE) == 0)
		return av_xasprintf("xml:%s", local);
	if (ns->prefix)
		return av_xasprintf("%s:%s", ns->prefix, local);
	return av_xasprintf("{%s}%s", ns->href ? (const char *)ns->href : "", local);
}

static void
report(struct explain *x, enum av_diag_code code, const struct av_loc *loc, const char *fmt, ...)
    AV_PRINTF(4, 5);

static void
report(struct explain *x, enum av_diag_code code, const struct av_loc *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	av_vdiag(x->d, code, loc, fmt, ap);
	va_end(ap);
	x->nerr++;
}

/* "did you mean 'x'?" -- or nothing. */
static const char *
closest(const char *word, char *const *cands, size_t n)
{
	return av_closest(word, (const char *const *)cands, n);
}

static char **
kid_names(const struct selem *e)
{
	char **v = av_xcalloc(e->nkids + 1, sizeof *v);
	size_t i;
	for (i = 0; i < e->nkids; i++)
		v[i] = e->kids[i].name;
	return v;
}

static char **
attr_names(const struct selem *e)
{
	char **v = av_xcalloc(e->nattrs + 1, sizeof *v);
	size_t i;
	for (i = 0; i < e->nattrs; i++)
		v[i] = e->attrs[i].name;
	return v;
}

/* "a, b, c" from a NULL-terminated list, each in the given quotes. */
static char *
join(char *const *v, const char *open, const char *close)
{
	struct av_buf b = {0};
	size_t i;
	for (i = 0; v[i]; i++)
		av_buf_printf(&b, "%s%s%s%s", i ? ", " : "", open, v[i], close);
	return av_buf_take(&b);
}

/* The elements whose content allows `name`: "<purpose>, <questions>". */
static char *
parents_of(const char *name)
{
	struct av_buf b = {0};
	size_t i;
	for (i = 0; i < schema.nelems; i++)
		if (find_kid(&schema.elems[i], name))
			av_buf_printf(&b, "%s<%s>", b.len ? ", " : "", schema.elems[i].name);
	return av_buf_take(&b);
}

static void
explain_attrs(struct explain *x, const xmlNode *el, const struct selem *def,
    const struct av_loc *where)
{
	const xmlAttr *a;
	char **names = attr_names(def);
	size_t i;

	for (a = el->properties; a; a = a->next) {
		char *name = qname(a->ns, a->name), *value;
		const struct sattr *t = find_attr(def, name);
		struct av_loc at;

		av_load_attr_loc(x->c, where, name, &at);
		if (t == NULL) {
			const char *near = closest(name, names, def->nattrs);
			char *allowed = join(names, "'", "'");
			if (near)
				report(x, AV_D_UNKNOWN_ATTRIBUTE, &at,
				    "unknown attribute '%s' on <%s>; did you mean '%s'?",
				    name, el->name, near);
			else if (def->nattrs)
				report(x, AV_D_UNKNOWN_ATTRIBUTE, &at,
				    "unknown attribute '%s' on <%s> (it takes %s)", name, el->name,
				    allowed);
			else
				report(x, AV_D_UNKNOWN_ATTRIBUTE, &at,
				    "unknown attribute '%s': <%s> takes no attributes", name, el->name);
			free(allowed);
			free(name);
			continue;
		}
		value = (char *)xmlNodeGetContent((const xmlNode *)a);
		if (t->values && value) {
			size_t nv = 0;
			int ok = 0;
			while (t->values[nv]) {
				if (strcmp(t->values[nv], value) == 0)
					ok = 1;
				nv++;
			}
			if (!ok) {
				const char *near = closest(value, t->values, nv);
				char *list = join(t->values, "", "");
				char *hint = near ? av_xasprintf("; did you mean '%s'?", near) : av_xstrdup("");
				if (strcmp(name, "xml:lang") == 0)
					report(x, AV_D_BAD_LANG, &at,
					    "xml:lang='%s' is not a language ansvar writes: use sv, nb or nn "
					    "(no is read as nb)%s", value, hint);
				else if (strcmp(name, "version") == 0)
					report(x, AV_D_BAD_VERSION, &at,
					    "version='%s' is not supported: this ansvar reads version %s",
					    value, list);
				else
					report(x, AV_D_BAD_VALUE, &at,
					    "%s='%s' on <%s> is not one of %s%s", name, value, el->name,
					    list, hint);
				free(hint);
				free(list);
			}
		}
		xmlFree(value);
		free(name);
	}
	for (i = 0; i < def->nattrs; i++) {
		const xmlAttr *found = NULL;
		if (!def->attrs[i].required)
			continue;
		for (a = el->properties; a && !found; a = a->next) {
			char *name = qname(a->ns, a->name);
			if (strcmp(name, def->attrs[i].name) == 0)
				found = a;
			free(name);
		}
		if (!found)
			report(x, AV_D_MISSING_ATTRIBUTE, where,
			    "<%s> lacks the required attribute '%s'", el->name, def->attrs[i].name);
	}
	free(names);
}

static void explain_element(struct explain *x, const xmlNode *el, const struct selem *def);

static void
explain_child(struct explain *x, const xmlNode *el, const struct selem *def,
    const xmlNode *n, int *counts)
{
	struct av_loc at = av_load_loc(x->c, n);
	char *name = qname(n->ns, n->name);
	const struct skid *k;
	const struct selem *kdef;

	if (n->ns != NULL) {
		report(x, AV_D_UNKNOWN_ELEMENT, &at,
		    "element <%s> is in the namespace '%s': the format uses no namespace",
		    name, n->ns->href ? (const char *)n->ns->href : "");
	} else if ((k = find_kid(def, name)) == NULL) {
		char **names = kid_names(def);
		const char *near = closest(name, names, def->nkids);
		if (find_elem(name) != NULL) {
			char *where = parents_of(name);
			if (near)
				report(x, AV_D_UNKNOWN_ELEMENT, &at,
				    "<%s> is not allowed in <%s>; did you mean <%s>?",
				    name, el->name, near);
			else
				report(x, AV_D_UNKNOWN_ELEMENT, &at,
				    "<%s> is not allowed in <%s> (it belongs in %s)",
				    name, el->name, where);
			free(where);
		} else if (near) {
			report(x, AV_D_UNKNOWN_ELEMENT, &at,
			    "unknown element <%s> in <%s>; did you mean <%s>?", name, el->name, near);
		} else {
			report(x, AV_D_UNKNOWN_ELEMENT, &at, "unknown element <%s> in <%s>",
			    name, el->name);
		}
		free(names);
	} else {
		int *count = &counts[k - def->kids];
		if (++*count > k->max) {
			if (k->max == 1)
				report(x, AV_D_SCHEMA, &at, "<%s> may hold only one <%s>",
				    el->name, name);
			else
				report(x, AV_D_SCHEMA, &at, "<%s> may hold at most %d <%s>",
				    el->name, k->max, name);
		}
		if ((kdef = find_elem(name)) != NULL)
			explain_element(x, n, kdef);
	}
	free(name);
}

static void
explain_element(struct explain *x, const xmlNode *el, const struct selem *def)
{
	struct av_loc where = av_load_loc(x->c, el);
	int *counts = av_xcalloc(def->nkids + 1, sizeof *counts);
	int text_reported = 0;
	const xmlNode *n;
	size_t i;

	explain_attrs(x, el, def, &where);
	for (n = el->children; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			explain_child(x, el, def, n, counts);
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    !def->text && !text_reported && !xmlIsBlankNode(n)) {
			report(x, AV_D_SCHEMA, &where, "text is not allowed directly in <%s>",
			    el->name);
			text_reported = 1;
		}
	}
	for (i = 0; i < def->nkids; i++) {
		if (counts[i] >= def->kids[i].min)
			continue;
		if (def->kids[i].min == 1)
			report(x, AV_D_MISSING_ELEMENT, &where, "<%s> has no <%s>",
			    el->name, def->kids[i].name);
		else
			report(x, AV_D_MISSING_ELEMENT, &where, "<%s> needs at least %d <%s>",
			    el->name, def->kids[i].min, def->kids[i].name);
	}
	free(counts);
}

int
av_schema_explain(const struct av_collab *c, struct av_diags *d)
{
	struct explain x = { c, d, 0 };
	const xmlNode *root = xmlDocGetRootElement(c->doc);
	char *name;

	if (schema_ready(c, d) != 0)
		return -1;
	name = qname(root->ns, root->name);
	if (strcmp(name, schema.root) != 0) {
		struct av_loc at = av_load_loc(c, root);
		report(&x, AV_D_UNKNOWN_ELEMENT, &at,
		    "the root element is <%s>: a collaboration file starts with <%s>", name,
		    schema.root);
	} else {
		explain_element(&x, root, find_elem(schema.root));
	}
	free(name);
	return x.nerr;
}

/* ---- libxml2's own validation ---- */

struct validation {
	const struct av_collab *c;
	struct av_diags *d;
};

static void
validation_error(void *user, xmlErrorPtr e)
{
	struct validation *v = user;
	struct av_loc at = { v->c->path, e->line, 0 };
	char *msg;

	if (e->node && ((xmlNode *)e->node)->type == XML_ELEMENT_NODE)
		at = av_load_loc(v->c, e->node);
	msg = av_xstrdup(e->message ? e->message : "does not match the schema");
	g_strstrip(msg);
	av_diag(v->d, AV_D_SCHEMA, &at, "%s", msg);
	free(msg);
}

int
av_schema_validate(const struct av_collab *c, struct av_diags *d)
{
	struct validation v = { c, d };
	xmlRelaxNGValidCtxtPtr vctxt;

	if (schema_ready(c, d) != 0)
		return -1;
	if ((vctxt = xmlRelaxNGNewValidCtxt(schema.rng)) == NULL) {
		av_diag_at(d, AV_D_INTERNAL, c->path, 0, 0, "cannot create a RELAX NG validator");
		return -1;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, validation_error, &v);
	xmlRelaxNGValidateDoc(vctxt, c->doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	return 0;
}
