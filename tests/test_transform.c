/* test_transform.c -- the XSLT stage: the default templates' FO for the fixtures, template diagnostics, safety, custom sets, normalisation. */
#include "config.h"

#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "hyphenate.h"
#include "model.h"
#include "palette.h"
#include "transform.h"
#include "util.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define D_NS "urn:ansvar:diagram"
#define SHY "\xc2\xad"

static const char *const langs[] = { "sv", "nb", "nn" };
#define NLANGS 3

/*
 * Helpers.
 */

static struct av_templates *
load_set(const char *rel)
{
	struct av_diags d = {0};
	char *dir = th_src(rel);
	struct av_templates *t = av_templates_load(dir, &d);
	char *msgs = av_diags_format(&d);

	cr_assert_not_null(t, "template set %s loads:\n%s", dir, msgs);
	cr_assert_eq(d.n, 0, "loading %s reports nothing:\n%s", dir, msgs);
	free(msgs);
	free(dir);
	av_diags_free(&d);
	return t;
}

static char *
fixture(const char *lang)
{
	char *rel = av_xasprintf("tests/templates/%s.xml", lang);
	char *path = th_src(rel);
	free(rel);
	return path;
}

/* A collaboration as the render stage hands it over: loaded and checked
 * by the model without errors, its document normalised.  *logo, when
 * asked for, gets the logo's absolute path (or NULL; caller frees). */
static struct av_collab *
load_model(const char *path, char **logo)
{
	struct av_diags d = {0};
	struct av_collab *c = av_collab_load(path, &d);
	char *msgs = av_diags_format(&d);

	cr_assert(c != NULL && d.nerrors == 0, "%s loads without errors:\n%s", path, msgs);
	av_collab_colour_parties(c);
	av_transform_hyphenate_words(c->doc);
	if (logo)
		*logo = c->logo_path ? realpath(c->logo_path, NULL) : NULL;
	free(msgs);
	av_diags_free(&d);
	return c;
}

static xmlDoc *
parse_string(const char *xml)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "test.xml", NULL, XML_PARSE_NONET);
	cr_assert_not_null(doc);
	return doc;
}

/* Transforms, asserting success without diagnostics. */
static xmlDoc *
transform_ok(const struct av_templates *t, enum av_stylesheet which, xmlDoc *collab,
    const struct av_transform_params *p)
{
	struct av_diags d = {0};
	xmlDoc *fo = av_transform(t, which, collab, p, &d);
	char *msgs = av_diags_format(&d);

	cr_assert_not_null(fo, "the transformation succeeds:\n%s", msgs);
	cr_assert_eq(d.n, 0, "the transformation reports nothing:\n%s", msgs);
	free(msgs);
	av_diags_free(&d);
	return fo;
}

static xmlXPathObjectPtr
xp(xmlDoc *doc, xmlNode *at, const char *expr)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r;

	xmlXPathRegisterNs(x, BAD_CAST "fo", BAD_CAST FO_NS);
	xmlXPathRegisterNs(x, BAD_CAST "d", BAD_CAST D_NS);
	xmlXPathRegisterNs(x, BAD_CAST "ax", BAD_CAST "urn:ansvar:fo");
	xmlXPathRegisterNs(x, BAD_CAST "fox", BAD_CAST "http://xmlgraphics.apache.org/fop/extensions");
	xmlXPathRegisterNs(x, BAD_CAST "xmp", BAD_CAST "http://ns.adobe.com/xap/1.0/");
	xmlXPathRegisterNs(x, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
	if (at)
		x->node = at;
	r = xmlXPathEvalExpression(BAD_CAST expr, x);
	xmlXPathFreeContext(x);
	cr_assert_not_null(r, "XPath %s evaluates", expr);
	return r;
}

static int
xp_count(xmlDoc *doc, xmlNode *at, const char *fmt, ...) AV_PRINTF(3, 4);
static int
xp_count(xmlDoc *doc, xmlNode *at, const char *fmt, ...)
{
	struct av_buf b = {0};
	va_list ap;
	xmlXPathObjectPtr r;
	int n;

	va_start(ap, fmt);
	av_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	r = xp(doc, at, b.data);
	n = r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(r);
	av_buf_free(&b);
	return n;
}

static char *
xp_string(xmlDoc *doc, xmlNode *at, const char *fmt, ...) AV_PRINTF(3, 4);
static char *
xp_string(xmlDoc *doc, xmlNode *at, const char *fmt, ...)
{
	struct av_buf b = {0};
	va_list ap;
	xmlXPathObjectPtr r;
	xmlChar *s;
	char *out;

	av_buf_adds(&b, "string(");
	va_start(ap, fmt);
	av_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	av_buf_adds(&b, ")");
	r = xp(doc, at, b.data);
	s = xmlXPathCastToString(r);
	out = av_xstrdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(r);
	av_buf_free(&b);
	return out;
}

/* The nodes an expression selects, copied into a NULL-terminated array. */
static xmlNode **
xp_nodes(xmlDoc *doc, xmlNode *at, const char *expr, int *n)
{
	xmlXPathObjectPtr r = xp(doc, at, expr);
	int i, k = r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlNode **v = av_xcalloc((size_t)k + 1, sizeof *v);

	for (i = 0; i < k; i++)
		v[i] = r->nodesetval->nodeTab[i];
	xmlXPathFreeObject(r);
	if (n)
		*n = k;
	return v;
}

static char *
attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = av_xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* A language's file of labels in the default set. */
static xmlDoc *
i18n(const char *lang)
{
	char *rel = av_xasprintf("templates/i18n/%s.xml", lang);
	char *path = th_src(rel);
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);

	cr_assert_not_null(doc, "%s parses", path);
	free(path);
	free(rel);
	return doc;
}

/* A label of a language. */
static char *
label(const char *lang, const char *key)
{
	xmlDoc *doc = i18n(lang);
	char *s = xp_string(doc, NULL, "/i18n/label[@key = '%s']", key);

	cr_assert(s[0] != '\0', "i18n/%s.xml has the label %s", lang, key);
	xmlFreeDoc(doc);
	return s;
}

/* Every text of the FO's flows (not headers and footers), in order. */
static void
flow_text(xmlNode *n, struct av_buf *b, int in_flow)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && in_flow) {
			av_buf_adds(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			int flow = in_flow || xmlStrEqual(n->name, BAD_CAST "flow");
			flow_text(n->children, b, flow);
			if (flow)
				av_buf_addc(b, ' ');
		}
	}
}

/* A readable dump of an FO tree: one element per line with its
 * attributes, texts quoted on their own lines.  The source directory is
 * written as SRCDIR so that dumps do not depend on the checkout. */
static void
dump_node(xmlNode *n, int depth, struct av_buf *b)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			const char *p;
			av_buf_printf(b, "%*s\"", depth * 2, "");
			for (p = (const char *)n->content; *p; p++) {
				if (*p == '\n')
					av_buf_adds(b, "\\n");
				else if (*p == '"' || *p == '\\')
					av_buf_printf(b, "\\%c", *p);
				else
					av_buf_addc(b, *p);
			}
			av_buf_adds(b, "\"\n");
		} else if (n->type == XML_ELEMENT_NODE) {
			xmlAttr *a;
			av_buf_printf(b, "%*s", depth * 2, "");
			if (n->ns && n->ns->prefix)
				av_buf_printf(b, "%s:", n->ns->prefix);
			av_buf_adds(b, (const char *)n->name);
			for (a = n->properties; a; a = a->next) {
				xmlChar *v = xmlNodeGetContent((xmlNode *)a);
				av_buf_adds(b, " ");
				if (a->ns && a->ns->prefix)
					av_buf_printf(b, "%s:", a->ns->prefix);
				av_buf_printf(b, "%s=\"%s\"", a->name, v);
				xmlFree(v);
			}
			av_buf_addc(b, '\n');
			dump_node(n->children, depth + 1, b);
		}
	}
}

/* `s` with the source directory written as SRCDIR, in the form given and
 * with links resolved (as the template stage gives paths).  Frees `s`. */
static char *
hide_srcdir(char *s)
{
	char *real = realpath(th_srcdir(), NULL);
	char *a = th_replace(s, real ? real : th_srcdir(), "SRCDIR");
	char *b = th_replace(a, th_srcdir(), "SRCDIR");

	free(real);
	free(a);
	free(s);
	return b;
}

static char *
dump(xmlDoc *fo)
{
	struct av_buf b = {0};

	dump_node(xmlDocGetRootElement(fo), 0, &b);
	return hide_srcdir(av_buf_take(&b));
}

static void
expect_file(const char *rel, const char *actual)
{
	char *path = th_src(rel);
	cr_expect(th_matches_file(path, actual), "%s matches", rel);
	free(path);
}

/* A fixture's document and handouts, as the render stage makes them. */
struct rendered {
	struct av_collab *model;
	xmlDoc *collab;         /* the model's document */
	xmlDoc *document;
	char *logo;
};

static void
render(struct rendered *r, const struct av_templates *t, const char *lang)
{
	char *path = fixture(lang);
	struct av_transform_params p = {0};

	r->model = load_model(path, &r->logo);
	r->collab = r->model->doc;
	p.logo = r->logo;
	r->document = transform_ok(t, AV_STYLE_DOCUMENT, r->collab, &p);
	free(path);
}

static void
unrender(struct rendered *r)
{
	av_collab_free(r->model);
	xmlFreeDoc(r->document);
	free(r->logo);
}

/* Runs a check on each fixture's document, made with the default set. */
static void
each_fixture(void (*check)(const struct av_templates *t, struct rendered *r, const char *lang))
{
	struct av_templates *t = load_set("templates");
	size_t i;

	for (i = 0; i < NLANGS; i++) {
		struct rendered r;
		render(&r, t, langs[i]);
		check(t, &r, langs[i]);
		unrender(&r);
	}
	av_templates_free(t);
}

/*
 * The default templates on the fixtures.
 */

TestSuite(transform, .fini = av_hyph_shutdown);

/* The whole FO of each fixture's document and handouts, against the
 * expected dumps beside the fixtures (make regen rewrites them). */
static void
check_fixtures_match_expected_dumps(const struct av_templates *t, struct rendered *r, const char *lang)
{
	struct av_buf all = {0};
	xmlNode **roles;
	char *s, *rel;
	int k;

	s = dump(r->document);
	rel = av_xasprintf("tests/templates/%s.document.dump", lang);
	expect_file(rel, s);
	free(rel);
	free(s);

	roles = xp_nodes(r->collab, NULL, "/collaboration/role", NULL);
	for (k = 0; roles[k]; k++) {
		struct av_transform_params p = {0};
		xmlDoc *fo;
		char *id = attr(roles[k], "id");
		p.role = id;
		fo = transform_ok(t, AV_STYLE_HANDOUT, r->collab, &p);
		s = dump(fo);
		av_buf_printf(&all, "=== handout %s\n%s", id, s);
		free(s);
		xmlFreeDoc(fo);
		free(id);
	}
	free(roles);
	rel = av_xasprintf("tests/templates/%s.handouts.dump", lang);
	expect_file(rel, all.data);
	free(rel);
	av_buf_free(&all);
}

Test(transform, fixtures_match_expected_dumps)
{
	each_fixture(check_fixtures_match_expected_dumps);
}

/* Appends the visible text pieces of an input element: its text nodes,
 * and the name of each role it refers to. */
static void
add_pieces(xmlDoc *collab, xmlNode *n, char ***v, size_t *nv, size_t *cap)
{
	for (; n != NULL; n = n->next) {
		char *piece = NULL;
		if (n->type == XML_TEXT_NODE) {
			/* (th_in_order ignores white space.) */
			piece = av_xstrdup((const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "role-ref")) {
			char *id = attr(n, "role");
			piece = xp_string(collab, NULL, "normalize-space(//role[@id = '%s']/name)", id);
			free(id);
		} else if (n->type == XML_ELEMENT_NODE) {
			add_pieces(collab, n->children, v, nv, cap);
		}
		if (piece && strspn(piece, " \t\n") == strlen(piece)) {
			free(piece);
			piece = NULL;
		}
		if (piece) {
			*v = av_xgrow(*v, cap, *nv + 2, sizeof **v);
			(*v)[(*nv)++] = piece;
			(*v)[*nv] = NULL;
		}
	}
}

/* The visible text pieces of a collaboration in reading order: title
 * block, purpose, each role (name, summary, sections, holders),
 * governance, questions, history.  NULL-terminated; free with
 * av_strv_free(). */
static char **
reading_order(xmlDoc *collab)
{
	static const char *const groups[] = {
		"/collaboration/title | /collaboration/subtitle | /collaboration/issuer | /collaboration/purpose",
		"/collaboration/role/*[self::name or self::summary or self::responsibilities or "
		    "self::expectations or self::authority or self::latitude or self::holder]",
		"/collaboration/governance | /collaboration/questions",
		"/collaboration/history/revised",
	};
	char **pieces = NULL;
	size_t np = 0, cap = 0, g;

	for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		xmlNode **nodes = xp_nodes(collab, NULL, groups[g], NULL);
		int k;
		for (k = 0; nodes[k]; k++)
			add_pieces(collab, nodes[k]->children, &pieces, &np, &cap);
		free(nodes);
	}
	cr_assert_gt(np, 40, "the fixture has text");
	return pieces;
}

/* Every piece of text of the input appears in the FO, in reading order. */
static void
check_every_text_in_order(const struct av_templates *t, struct rendered *r, const char *lang)
{
	struct av_buf text = {0};
	char **pieces = reading_order(r->collab);
	const char *missing = NULL;

	flow_text(xmlDocGetRootElement(r->document), &text, 0);
	cr_expect(th_in_order(text.data, (const char *const *)pieces, &missing),
	    "%s: every text of the input is in the FO in order; missing: %s", lang, missing);
	av_buf_free(&text);
	av_strv_free(pieces);
}

Test(transform, every_text_in_order)
{
	each_fixture(check_every_text_in_order);
}

/* Bookmarks: one per part present, and one per role under "Roles". */
static void
check_bookmarks_are_parts_and_roles(const struct av_templates *t, struct rendered *r, const char *lang)
{
	struct av_buf want = {0}, got = {0};
	xmlNode **roles, **marks;
	char *s;
	int k;

	av_buf_adds(&want, "_purpose|_organisation|");
	roles = xp_nodes(r->collab, NULL, "/collaboration/role", NULL);
	s = attr(roles[0], "id");
	av_buf_printf(&want, "%s[", s);
	free(s);
	for (k = 0; roles[k]; k++) {
		s = attr(roles[k], "id");
		av_buf_printf(&want, "%s|", s);
		free(s);
	}
	av_buf_adds(&want, "]|_governance|_questions|_history|");

	marks = xp_nodes(r->document, NULL, "/fo:root/fo:bookmark-tree/fo:bookmark", NULL);
	for (k = 0; marks[k]; k++) {
		xmlNode **sub = xp_nodes(r->document, marks[k], "fo:bookmark", NULL);
		int j;
		s = attr(marks[k], "internal-destination");
		av_buf_adds(&got, s);
		free(s);
		if (sub[0]) {
			av_buf_addc(&got, '[');
			for (j = 0; sub[j]; j++) {
				s = attr(sub[j], "internal-destination");
				av_buf_printf(&got, "%s|", s);
				free(s);
			}
			av_buf_addc(&got, ']');
		}
		av_buf_addc(&got, '|');
		free(sub);
	}
	cr_expect_str_eq(got.data, want.data, "%s: bookmarks", lang);
	s = label(lang, "roles");
	cr_expect_eq(xp_count(r->document, NULL,
	    "/fo:root/fo:bookmark-tree/fo:bookmark[fo:bookmark][fo:bookmark-title = '%s']", s), 1,
	    "%s: the roles' bookmark is titled %s", lang, s);
	free(s);
	cr_expect_eq(xp_count(r->document, NULL, "//fo:bookmark-title[contains(., '" SHY "')]"), 0,
	    "%s: no soft hyphen in a bookmark title", lang);
	free(roles);
	free(marks);
	av_buf_free(&want);
	av_buf_free(&got);
}

Test(transform, bookmarks_are_parts_and_roles)
{
	each_fixture(check_bookmarks_are_parts_and_roles);
}

/* Every role has exactly one id (its charter, a new page but the first);
 * every internal link points at an id; each role gets one link per
 * role-ref, per relation on either side, and two from its row of the
 * contents (the first role two more: the row of the part "Roles"). */
static void
check_ids_and_internal_links(const struct av_templates *t, struct rendered *r, const char *lang)
{
	xmlNode **roles, **links;
	int k;

	links = xp_nodes(r->document, NULL, "//@internal-destination | //@ref-id", NULL);
	for (k = 0; links[k]; k++) {
		char *id = (char *)xmlNodeGetContent(links[k]);
		cr_expect_eq(xp_count(r->document, NULL, "//fo:*[@id = '%s']", id), 1,
		    "%s: the link target %s exists once", lang, id);
		xmlFree(id);
	}
	free(links);
	roles = xp_nodes(r->collab, NULL, "/collaboration/role", NULL);
	for (k = 0; roles[k]; k++) {
		char *id = attr(roles[k], "id");
		int refs = xp_count(r->collab, NULL, "//role-ref[@role = '%s']", id);
		int rels = xp_count(r->collab, NULL,
		    "//role[@id = '%s']/*[@role] | //role/*[@role = '%s']", id, id);
		cr_expect_eq(xp_count(r->document, NULL, "//fo:flow//fo:*[@id = '%s']", id), 1,
		    "%s: %s has a charter", lang, id);
		cr_expect_eq(xp_count(r->document, NULL, "//fo:flow//fo:*[@id = '%s'][@break-before = 'page']", id),
		    k > 0, "%s: the charter of %s starts a page", lang, id);
		cr_expect_eq(xp_count(r->document, NULL, "//fo:flow//fo:basic-link[@internal-destination = '%s']", id),
		    refs + rels + (k == 0 ? 4 : 2),
		    "%s: links to %s: %d role-refs, %d relations, %d in the contents",
		    lang, id, refs, rels, k == 0 ? 4 : 2);
		free(id);
	}
	free(roles);
}

Test(transform, ids_and_internal_links)
{
	each_fixture(check_ids_and_internal_links);
}

/* The section headings of each charter are exactly the sections the role
 * has, in the language's words; a role lacking one shows no heading. */
static void
check_sections_only_where_present(const struct av_templates *t, struct rendered *r, const char *lang)
{
	static const char *const sections[] = { "responsibilities", "expectations", "authority", "latitude" };
	size_t s;
	xmlNode **roles;
	int k, lacking = 0;

	roles = xp_nodes(r->collab, NULL, "/collaboration/role", NULL);
	for (k = 0; roles[k]; k++) {
		char *id = attr(roles[k], "id");
		for (s = 0; s < 4; s++) {
			char *heading = label(lang, sections[s]);
			int has = xp_count(r->collab, roles[k], "%s[item | p]", sections[s]) > 0;
			int shown = xp_count(r->document, NULL,
			    "//fo:block[@id = '%s']//fo:block[. = '%s']", id, heading);
			cr_expect_eq(shown, has, "%s: %s shows %s %s", lang, id, heading, has ? "once" : "not at all");
			lacking += !has;
			free(heading);
		}
		free(id);
	}
	cr_expect_gt(lacking, 0, "%s: the fixture has roles lacking a section", lang);
	free(roles);
}

Test(transform, sections_only_where_present)
{
	each_fixture(check_sections_only_where_present);
}

/* Headings carry their structure tags for the tagged PDF: the title H1,
 * parts and roles H2, the headings of a charter H3; in a handout the
 * role's name is the H1. */
static void
check_headings_are_tagged(const struct av_templates *t, struct rendered *r, const char *lang)
{
	int nroles = xp_count(r->collab, NULL, "/collaboration/role");
	int nparts = 1 + 1 + xp_count(r->collab, NULL, "/collaboration/*[self::purpose or self::governance or "
	    "self::questions or self::history]");
	struct av_transform_params p = {0};
	xmlDoc *fo;
	char *s, *title;

	cr_expect_eq(xp_count(r->document, NULL, "//fo:block[@role = 'H1']"), 1, "%s: one H1", lang);
	s = xp_string(r->document, NULL, "//fo:block[@role = 'H1']");
	title = xp_string(r->collab, NULL, "normalize-space(/collaboration/title)");
	cr_expect_str_eq(s, title, "%s: the title", lang);
	free(s);
	free(title);
	cr_expect_eq(xp_count(r->document, NULL, "//fo:block[@role = 'H2']"), nparts + nroles,
	    "%s: an H2 for the contents, the organisation, each part and each role", lang);
	cr_expect_eq(xp_count(r->document, NULL, "//fo:block[@id][fo:block[@role = 'H2']]"), nroles,
	    "%s: each charter opens with its H2", lang);
	cr_expect_gt(xp_count(r->document, NULL, "//fo:block[@role = 'H3']"), nroles, "%s: H3 in the charters", lang);
	cr_expect_eq(xp_count(r->document, NULL, "//fo:block[@role][not(@role = 'H1' or @role = 'H2' or @role = 'H3')]"), 0);

	p.role = xp_string(r->collab, NULL, "/collaboration/role[1]/@id");
	fo = transform_ok(t, AV_STYLE_HANDOUT, r->collab, &p);
	cr_expect_eq(xp_count(fo, NULL, "//fo:block[@role = 'H1']"), 1, "%s handout: one H1", lang);
	cr_expect_eq(xp_count(fo, NULL, "//fo:block[@role = 'H3']"), 0, "%s handout: two levels", lang);
	cr_expect_gt(xp_count(fo, NULL, "//fo:block[@role = 'H2']"), 1, "%s handout: H2 sections", lang);
	xmlFreeDoc(fo);
	free((char *)p.role);
}

Test(transform, headings_are_tagged)
{
	each_fixture(check_headings_are_tagged);
}

/* The labels of a document are in its language: the section headings are
 * there, and no label of another language that this one lacks. */
static void
check_labels_in_the_right_language(const struct av_templates *t, struct rendered *r, const char *lang)
{
	size_t j;
	struct av_buf text = {0};
	xmlDoc *own = i18n(lang);

	flow_text(xmlDocGetRootElement(r->document), &text, 1);
	for (j = 0; j < NLANGS; j++) {
		xmlDoc *other;
		xmlNode **labels;
		int k;
		if (strcmp(langs[j], lang) == 0)
			continue;
		other = i18n(langs[j]);
		labels = xp_nodes(other, NULL, "/i18n/label | /i18n/month", NULL);
		for (k = 0; labels[k]; k++) {
			char *v = (char *)xmlNodeGetContent(labels[k]);
			char *cut = strchr(v, '{');
			if (cut)
				*cut = '\0';
			if (strlen(v) >= 5 && xp_count(own, NULL, "/i18n/*[contains(., '%s')]", v) == 0)
				cr_expect(strstr(text.data, v) == NULL, "%s document: no %s label '%s'",
				    lang, langs[j], v);
			xmlFree(v);
		}
		free(labels);
		xmlFreeDoc(other);
	}
	{
		static const char *const keys[] = { "responsibilities", "expectations", "authority",
			"latitude", "relations", "holders", "purpose", "governance", "questions", "history" };
		size_t k;
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			char *v = label(lang, keys[k]);
			cr_expect(strstr(text.data, v) != NULL, "%s document has the label '%s'", lang, v);
			free(v);
		}
	}
	xmlFreeDoc(own);
	av_buf_free(&text);
}

Test(transform, labels_in_the_right_language)
{
	each_fixture(check_labels_in_the_right_language);
}

/* Every language file has the same labels and twelve months. */
Test(transform, i18n_files_are_complete)
{
	char *keys[NLANGS];
	size_t i;

	for (i = 0; i < NLANGS; i++) {
		xmlDoc *doc = i18n(langs[i]);
		xmlNode **labels;
		struct av_buf b = {0};
		int k;
		char *hy;

		cr_expect_eq(xp_count(doc, NULL, "/i18n/month"), 12, "%s has 12 months", langs[i]);
		cr_expect_eq(xp_count(doc, NULL, "/i18n/date[contains(@pattern, '{day}')][contains(@pattern, '{month}')]"
		    "[contains(@pattern, '{year}')]"), 1, "%s has a date style", langs[i]);
		hy = xp_string(doc, NULL, "/i18n/@hyphenation");
		cr_expect_str_eq(hy, langs[i], "%s: hyphenation language", langs[i]);
		cr_expect_not_null(av_hyph_get(hy, NULL), "patterns for %s", hy);
		labels = xp_nodes(doc, NULL, "/i18n/label/@key", NULL);
		for (k = 0; labels[k]; k++) {
			char *v = (char *)xmlNodeGetContent(labels[k]);
			av_buf_printf(&b, "%s\n", v);
			xmlFree(v);
		}
		keys[i] = av_buf_take(&b);
		if (i > 0)
			cr_expect_str_eq(keys[i], keys[0], "%s has the labels of %s", langs[i], langs[0]);
		free(labels);
		free(hy);
		xmlFreeDoc(doc);
	}
	for (i = 0; i < NLANGS; i++)
		free(keys[i]);
}

/* The diagram: a node per role and an edge per relation, as SPEC §7 says. */
static void
check_diagram_matches_roles_and_relations(const struct av_templates *t, struct rendered *r, const char *lang)
{
	struct av_buf want = {0}, got = {0};
	xmlNode **n;
	int k;

	cr_expect_eq(xp_count(r->document, NULL,
	    "//fo:page-sequence[@master-reference = 'landscape']//fo:instream-foreign-object/d:diagram[@lang = '%s']",
	    lang), 1, "%s: one diagram, on the landscape page", lang);
	n = xp_nodes(r->collab, NULL, "/collaboration/role", NULL);
	for (k = 0; n[k]; k++) {
		char *id = attr(n[k], "id");
		char *kind = attr(n[k], "kind");
		char *name = xp_string(r->collab, n[k], "normalize-space(name)");
		char *party = xp_string(r->collab, n[k], "holder[1]/@party");
		xmlNode **h = xp_nodes(r->collab, n[k], "holder[normalize-space()]", NULL);
		int j;
		av_buf_printf(&want, "%s|%s|%s|%s|", id, name, kind[0] ? kind : "other", party);
		for (j = 0; h[j]; j++) {
			char *hn = xp_string(r->collab, h[j], "normalize-space(.)");
			av_buf_printf(&want, "%s%s", j ? "; " : "", hn);
			free(hn);
		}
		av_buf_addc(&want, '\n');
		free(h);
		free(id);
		free(kind);
		free(name);
		free(party);
	}
	free(n);
	n = xp_nodes(r->document, NULL, "//d:node", NULL);
	for (k = 0; n[k]; k++) {
		static const char *const a[] = { "id", "label", "kind", "party", "holders" };
		size_t j;
		for (j = 0; j < 5; j++) {
			char *v = attr(n[k], a[j]);
			av_buf_printf(&got, "%s%s", v, j < 4 ? "|" : "\n");
			free(v);
		}
	}
	free(n);
	cr_expect_str_eq(got.data, want.data, "%s: diagram nodes", lang);
	av_buf_reset(&want);
	av_buf_reset(&got);

	n = xp_nodes(r->collab, NULL, "/collaboration/role/*[@role][not(self::role-ref)]", NULL);
	for (k = 0; n[k]; k++) {
		char *from = attr(n[k]->parent, "id"), *to = attr(n[k], "role");
		av_buf_printf(&want, "%s>%s:%s\n", from, to, (const char *)n[k]->name);
		free(from);
		free(to);
	}
	free(n);
	n = xp_nodes(r->document, NULL, "//d:edge", NULL);
	for (k = 0; n[k]; k++) {
		char *from = attr(n[k], "from"), *to = attr(n[k], "to"), *type = attr(n[k], "type");
		av_buf_printf(&got, "%s>%s:%s\n", from, to, type);
		free(from);
		free(to);
		free(type);
	}
	free(n);
	cr_expect_str_eq(got.data, want.data, "%s: diagram edges", lang);

	cr_expect_eq(xp_count(r->document, NULL, "//d:party"),
	    xp_count(r->collab, NULL, "/collaboration/party"), "%s: a d:party per party", lang);
	cr_expect_eq(xp_count(r->document, NULL, "//d:party[string-length(@colour) = 7]"),
	    xp_count(r->collab, NULL, "/collaboration/party"), "%s: every party has its colour", lang);
	{
		char *alt = xp_string(r->document, NULL, "//fo:instream-foreign-object/@fox:alt-text");
		char *first = xp_string(r->collab, NULL, "normalize-space(/collaboration/role[1]/name)");
		char *reports = label(lang, "reports-to");
		reports[0] = (char)(reports[0] - 'A' + 'a');
		cr_expect(strstr(alt, first) != NULL && strstr(alt, reports) != NULL,
		    "%s: the alternative text names roles and who reports to whom: %s", lang, alt);
		cr_expect(strstr(alt, SHY) == NULL, "%s: no soft hyphen in the alternative text", lang);
		free(alt);
		free(first);
		free(reports);
	}
	av_buf_free(&want);
	av_buf_free(&got);
}

Test(transform, diagram_matches_roles_and_relations)
{
	each_fixture(check_diagram_matches_roles_and_relations);
}

/* The FO subset of SPEC §6 (with fo:declarations for the metadata), and
 * the properties of that subset. */
static const char *const subset_elements[] = {
	"root", "layout-master-set", "simple-page-master", "region-body", "region-before",
	"region-after", "page-sequence", "static-content", "flow", "block", "inline",
	"basic-link", "page-number", "page-number-citation", "page-number-citation-last",
	"list-block", "list-item", "list-item-label", "list-item-body", "table", "table-column",
	"table-header", "table-body", "table-row", "table-cell", "leader", "external-graphic",
	"instream-foreign-object", "bookmark-tree", "bookmark", "bookmark-title",
	"change-bar-begin", "change-bar-end", "declarations", NULL
};
static const char *const subset_properties[] = {
	"font-family", "font-size", "font-weight", "font-style", "color", "background-color",
	"text-align", "line-height", "space-before", "space-after", "margin-top", "margin-bottom",
	"margin-left", "margin-right", "start-indent", "end-indent", "padding", "padding-top",
	"padding-bottom", "padding-left", "padding-right", "border", "border-top", "border-bottom",
	"border-left", "border-right", "keep-with-next", "keep-together", "break-before",
	"break-after", "widows", "orphans", "hyphenate", "language", "id",
	/* what the elements themselves need */
	"master-name", "master-reference", "page-width", "page-height", "extent", "flow-name",
	"initial-page-number", "internal-destination", "external-destination", "ref-id",
	"provisional-distance-between-starts", "provisional-label-separation", "column-width",
	"leader-pattern", "leader-length", "rule-thickness", "src",
	/* beyond the list of SPEC §6, read by ansvar's formatter and FOP alike:
	 * the structure tag of a heading, the logo's size, and what keeps a
	 * handout's acknowledgement with the charter */
	"role", "content-height", "keep-with-previous", NULL
};

static int
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static void
walk_subset(xmlNode *n, const char *what)
{
	for (; n != NULL; n = n->next) {
		xmlAttr *a;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		cr_expect(n->ns && xmlStrEqual(n->ns->href, BAD_CAST FO_NS), "%s: <%s> line %ld is an FO element",
		    what, n->name, xmlGetLineNo(n));
		cr_expect(in_list(subset_elements, (const char *)n->name), "%s: fo:%s is in the subset", what, n->name);
		for (a = n->properties; a; a = a->next) {
			const char *ns = a->ns ? (const char *)a->ns->href : NULL;
			if (ns == NULL)
				cr_expect(in_list(subset_properties, (const char *)a->name),
				    "%s: %s on fo:%s is in the subset", what, a->name, n->name);
			else
				cr_expect((strcmp(ns, "http://www.w3.org/XML/1998/namespace") == 0 && xmlStrEqual(a->name, BAD_CAST "lang")) ||
				    (strcmp(ns, "http://xmlgraphics.apache.org/fop/extensions") == 0 && xmlStrEqual(a->name, BAD_CAST "alt-text")) ||
				    (strcmp(ns, "urn:ansvar:fo") == 0 && xmlStrEqual(a->name, BAD_CAST "page-label-prefix")),
				    "%s: %s:%s on fo:%s is an attribute we know", what, a->ns->prefix, a->name, n->name);
		}
		/* Foreign content: the diagram and the XMP metadata. */
		if (xmlStrEqual(n->name, BAD_CAST "instream-foreign-object") || xmlStrEqual(n->name, BAD_CAST "declarations"))
			continue;
		walk_subset(n->children, what);
	}
}

static void
check_only_the_fo_subset(const struct av_templates *t, struct rendered *r, const char *lang)
{
	struct av_transform_params p = {0};
	xmlNode **roles;
	int k;

	p.appendix = "Bilaga 3";

	walk_subset(xmlDocGetRootElement(r->document), lang);
	xmlFreeDoc(r->document);
	p.logo = r->logo;
	r->document = transform_ok(t, AV_STYLE_DOCUMENT, r->collab, &p);
	walk_subset(xmlDocGetRootElement(r->document), lang);
	roles = xp_nodes(r->collab, NULL, "/collaboration/role/@id", NULL);
	for (k = 0; roles[k]; k++) {
		struct av_transform_params hp = {0};
		xmlDoc *fo;
		char *id = (char *)xmlNodeGetContent(roles[k]);
		hp.role = id;
		fo = transform_ok(t, AV_STYLE_HANDOUT, r->collab, &hp);
		walk_subset(xmlDocGetRootElement(fo), id);
		xmlFreeDoc(fo);
		xmlFree(id);
	}
	free(roles);
}

Test(transform, only_the_fo_subset)
{
	each_fixture(check_only_the_fo_subset);
}

/* The handout of every role: its name and sections, relations without
 * links, holders, an acknowledgement with three signature lines. */
static void
check_handout_of_every_role(const struct av_templates *t, struct rendered *r, const char *lang)
{
	xmlNode **roles;
	char *ack = label(lang, "acknowledgement");
	int k;

	roles = xp_nodes(r->collab, NULL, "/collaboration/role", NULL);
	for (k = 0; roles[k]; k++) {
		struct av_transform_params p = {0};
		struct av_buf text = {0};
		xmlDoc *fo;
		char *id = attr(roles[k], "id");
		char *name = xp_string(r->collab, roles[k], "normalize-space(name)");
		int holders = xp_count(r->collab, roles[k], "holder");

		p.role = id;
		p.lang = k % 2 ? lang : NULL;
		fo = transform_ok(t, AV_STYLE_HANDOUT, r->collab, &p);
		flow_text(xmlDocGetRootElement(fo), &text, 0);
		cr_expect(strstr(text.data, name) != NULL, "%s handout shows its name", id);
		cr_expect(strstr(text.data, ack) != NULL, "%s handout has the acknowledgement", id);
		cr_expect_eq(xp_count(fo, NULL, "//fo:leader[@leader-pattern = 'rule']"), 3 + 1,
		    "%s handout: three signature lines and the party rule", id);
		cr_expect_eq(xp_count(fo, NULL, "//fo:basic-link[@internal-destination]"), 0,
		    "%s handout: no internal link", id);
		cr_expect_eq(xp_count(fo, NULL, "//fo:table-body/fo:table-row[count(fo:table-cell) = 3]"
		    "[fo:table-cell[1]/@border-left]"), holders, "%s handout: a row per holder", id);
		cr_expect_eq(xp_count(fo, NULL, "//*[@id = '_end']"), 1, "%s handout: the end block", id);
		cr_expect_eq(xp_count(fo, NULL, "//fo:page-number-citation-last[@ref-id = '_end']"), 1,
		    "%s handout: page n of m", id);
		av_buf_free(&text);
		xmlFreeDoc(fo);
		free(id);
		free(name);
	}
	free(roles);
	free(ack);
}

Test(transform, handout_of_every_role)
{
	each_fixture(check_handout_of_every_role);
}

/* A handout's acknowledgement is kept with the end of the charter: it
 * has keep-with-previous, and it follows the charter's last block --
 * the holders' table, else the relations, else the last block of the
 * last section shown -- with nothing in between (the formatter keeps it
 * with that block's last line or row: tests/fo/keep-*.fo); no other
 * element of the handout is kept with what comes before it. */
static void
expect_kept_before_ack(const struct av_templates *t, xmlDoc *collab, const char *role, const char *last_kind)
{
	struct av_transform_params p = {0};
	xmlDoc *fo;
	p.lang = "sv";
	p.role = role;
	fo = transform_ok(t, AV_STYLE_HANDOUT, collab, &p);
	/* the acknowledgement: the block with the signature table */
	cr_expect_eq(xp_count(fo, NULL, "//fo:flow/fo:block[.//fo:leader[@leader-pattern='rule']]"
	    "[@keep-with-previous='always']"
	    "/preceding-sibling::*[self::fo:block or self::fo:table or self::fo:list-block][1]"
	    "[self::fo:%s]", last_kind), 1,
	    "%s: the acknowledgement is kept with the %s before it", role, last_kind);
	cr_expect_eq(xp_count(fo, NULL, "//*[@keep-with-previous]"), 1,
	    "%s: nothing else is kept with what comes before it", role);
	xmlFreeDoc(fo);
}

Test(transform, handout_keeps_the_charters_end_with_the_acknowledgement)
{
	static const char *const xml =
	    "<collaboration id='c' version='1' xml:lang='sv'><title>T</title>"
	    "<purpose><p>Syfte.</p></purpose>"
	    "<party id='a' name='A'/>"
	    "<role id='agare' kind='owner'><name>Ägare</name>"
	    "<responsibilities><item>Ett.</item></responsibilities>"
	    "<holder party='a' title='Chef'/></role>"
	    "<role id='grupp' kind='steering'><name>Grupp</name>"
	    "<responsibilities><item>Ett.</item></responsibilities>"
	    "<reports-to role='agare'/></role>"
	    "<role id='listor' kind='member'><name>Listor</name>"
	    "<responsibilities><item>Ett.</item></responsibilities>"
	    "<latitude><p>Först.</p><item>Sist.</item><item>Allra sist.</item></latitude></role>"
	    "<role id='stycken' kind='member'><name>Stycken</name>"
	    "<responsibilities><item>Ett.</item><p>Sist.</p></responsibilities>"
	    "<authority><item>Inte sist.</item></authority>"
	    "<latitude></latitude></role>"
	    "<role id='slut' kind='member'><name>Slut</name>"
	    "<responsibilities><item>Ett.</item></responsibilities>"
	    "<expectations><p>Sist.</p></expectations></role>"
	    "</collaboration>";
	struct av_templates *t = load_set("templates");
	char *path = th_build("tests/tmp/transform-keeps.xml");
	struct av_collab *m;
	struct av_transform_params p = {0};
	xmlDoc *fo;

	th_write(path, xml);
	m = load_model(path, NULL);
	expect_kept_before_ack(t, m->doc, "agare", "table");      /* holders */
	expect_kept_before_ack(t, m->doc, "grupp", "list-block"); /* relations: reports to agare */
	expect_kept_before_ack(t, m->doc, "listor", "list-block"); /* latitude's last run of items */
	expect_kept_before_ack(t, m->doc, "stycken", "list-block"); /* authority, the last section shown */
	expect_kept_before_ack(t, m->doc, "slut", "block");         /* a paragraph */
	/* the complete document keeps none of them */
	p.lang = "sv";
	fo = transform_ok(t, AV_STYLE_DOCUMENT, m->doc, &p);
	cr_expect_eq(xp_count(fo, NULL, "//*[@keep-with-previous]"), 0, "the complete document's charters end as they are");
	xmlFreeDoc(fo);
	av_collab_free(m);
	free(path);
	av_templates_free(t);
}

Test(transform, handout_of_an_unknown_role_is_an_error)
{
	struct av_templates *t = load_set("templates");
	char *path = fixture("sv");
	struct av_collab *m = load_model(path, NULL);
	xmlDoc *collab = m->doc;
	struct av_transform_params p = {0};
	struct av_diags d = {0};
	char *msgs;

	p.role = "projektledar";
	cr_expect_null(av_transform(t, AV_STYLE_HANDOUT, collab, &p, &d));
	msgs = av_diags_format(&d);
	cr_expect_eq(d.nerrors, 1, "one error:\n%s", msgs);
	cr_expect(strstr(msgs, "no role with id 'projektledar' in collaboration 'lansutveckling'") != NULL &&
	    strstr(msgs, "projektledare") != NULL && strstr(msgs, "[template]") != NULL,
	    "the error names the id and the roles there are:\n%s", msgs);
	free(msgs);
	av_diags_free(&d);
	av_collab_free(m);
	free(path);
	av_templates_free(t);
}

Test(transform, input_that_is_no_collaboration_is_an_error)
{
	struct av_templates *t = load_set("templates");
	xmlDoc *doc = parse_string("<roles/>");
	struct av_transform_params p = {0};
	struct av_diags d = {0};
	char *msgs;
	int i;

	p.role = "x";
	for (i = 0; i < AV_STYLE_COUNT; i++)
		cr_expect_null(av_transform(t, (enum av_stylesheet)i, doc, &p, &d));
	msgs = av_diags_format(&d);
	cr_expect(d.nerrors == 2 && strstr(msgs, "the input is not a collaboration (its root element is 'roles')"),
	    "%s", msgs);
	free(msgs);
	av_diags_free(&d);
	xmlFreeDoc(doc);
	av_templates_free(t);
}

/* Parameters: lang overrides the file's language, appendix marks header
 * and page labels, logo becomes the title page's graphic. */
Test(transform, parameters)
{
	struct av_templates *t = load_set("templates");
	char *path = fixture("sv"), *logo, *s, *want;
	struct av_collab *m = load_model(path, &logo);
	xmlDoc *collab = m->doc;
	struct av_transform_params p = {0};
	xmlDoc *fo;
	struct av_diags d = {0};

	cr_assert_not_null(logo);
	cr_expect(logo[0] == '/' && strstr(logo, "/tests/templates/logo.png") != NULL, "logo path %s", logo);

	/* A logo in the file but none given: the title page shows none, and
	 * the render stage hears of it. */
	fo = av_transform(t, AV_STYLE_DOCUMENT, collab, &p, &d);
	cr_assert_not_null(fo);
	s = av_diags_format(&d);
	cr_expect(d.n == 1 && d.nwarnings == 1 && strstr(s, "no 'logo' parameter") != NULL, "a warning:\n%s", s);
	free(s);
	av_diags_free(&d);
	cr_expect_eq(xp_count(fo, NULL, "//@ax:page-label-prefix"), 0, "no page labels without an appendix");
	cr_expect_eq(xp_count(fo, NULL, "//fo:external-graphic"), 0, "no logo without the parameter");
	xmlFreeDoc(fo);

	p.lang = "nb";
	p.appendix = "Bilaga 3";
	p.logo = logo;
	fo = transform_ok(t, AV_STYLE_DOCUMENT, collab, &p);
	cr_expect_eq(xp_count(fo, NULL, "/fo:root[@xml:lang = 'nb']"), 1, "-l nb: the root's language");
	cr_expect_eq(xp_count(fo, NULL, "//fo:page-sequence[@language = 'nb'][@xml:lang = 'nb'][@hyphenate = 'true']"),
	    3, "-l nb: every page-sequence hyphenates in nb");
	s = label("nb", "expectations");
	cr_expect(xp_count(fo, NULL, "//fo:block[. = '%s']", s) > 0, "-l nb: Norwegian headings (%s)", s);
	free(s);
	cr_expect_eq(xp_count(fo, NULL, "//fo:page-sequence[@ax:page-label-prefix = 'Bilaga 3-']"), 3,
	    "the page labels of every page-sequence read Bilaga 3-n");
	cr_expect_eq(xp_count(fo, NULL, "//fo:page-sequence/fo:static-content[@flow-name = 'xsl-region-before']"
	    "[contains(., 'Bilaga 3')]"), 3, "every page's header carries the appendix label");
	want = av_xasprintf("url('%s')", logo);
	s = xp_string(fo, NULL, "//fo:external-graphic/@src");
	cr_expect_str_eq(s, want, "the logo");
	free(s);
	free(want);
	xmlFreeDoc(fo);
	av_collab_free(m);
	free(logo);
	free(path);
	av_templates_free(t);
}

/* PDF metadata from the file (never the clock), the footer, the language. */
static void
check_metadata_and_footer(const struct av_templates *t, struct rendered *r, const char *lang)
{
	char *latest, *date, *title, *want_title, *want, *page;
	xmlNode **flows;
	int n;

	latest = xp_string(r->collab, NULL, "(/collaboration/history/*)[last()]/@date");
	want = av_xasprintf("%sT00:00:00Z", latest);
	date = xp_string(r->document, NULL, "//xmp:CreateDate");
	cr_expect_str_eq(date, want, "%s: creation date from the history", lang);
	title = xp_string(r->document, NULL, "//dc:title");
	want_title = xp_string(r->collab, NULL, "translate(normalize-space(/collaboration/title), '" SHY "', '')");
	cr_expect(title[0] != '\0', "%s: a title", lang);
	cr_expect_str_eq(title, want_title, "%s: the title, without soft hyphens", lang);
	cr_expect_eq(xp_count(r->document, NULL, "/fo:root[@xml:lang = '%s']", lang), 1,
	    "%s: fo:root carries xml:lang", lang);
	/* "Sida n av m" on every page, citing a block at the very end. */
	page = label(lang, "page");
	*strchr(page, '{') = '\0';
	cr_expect_eq(xp_count(r->document, NULL, "//fo:static-content[@flow-name = 'xsl-region-after']"
	    "[contains(., '%s')][.//fo:page-number][.//fo:page-number-citation-last[@ref-id = '_end']]", page),
	    3, "%s: every page-sequence's footer says '%s' n of m", lang, page);
	{
		/* The fixtures' decisions and last revisions in each date style. */
		static const char *const stamps[][2] = {
			{ "sv", "Beslutad 12 mars 2019 av Styrgruppen för länsgemensam utveckling · Reviderad 29 november 2022" },
			{ "nb", "Vedtatt 17. januar 2023 av Styringsgruppen · Revidert 3. juni 2024" },
			{ "nn", "Vedteke 30. september 2021 av Eigarmøtet · Revidert 14. desember 2023" },
		};
		size_t k;
		for (k = 0; k < 3; k++)
			if (strcmp(stamps[k][0], lang) == 0)
				cr_expect_eq(xp_count(r->document, NULL, "//fo:static-content[@flow-name = 'xsl-region-after']"
				    "[contains(., '%s')]", stamps[k][1]), 3, "%s: the footer says %s", lang, stamps[k][1]);
	}
	flows = xp_nodes(r->document, NULL, "//fo:flow", &n);
	cr_expect_eq(xp_count(r->document, flows[n - 1], "*[last()][@id = '_end'][not(node())]"), 1,
	    "%s: the last block of the last flow is the end", lang);
	free(flows);
	free(page);
	free(latest);
	free(want);
	free(date);
	free(title);
	free(want_title);
}

Test(transform, metadata_and_footer)
{
	each_fixture(check_metadata_and_footer);
}

/* The least a collaboration can be: a title and a role with a name.
 * Parts it lacks are left out everywhere (no empty heading, bookmark,
 * contents row, stamp or creation date). */
Test(transform, minimal_collaboration)
{
	static const char xml[] =
	    "<collaboration id='c' version='1' xml:lang='nn'><title>Roller og ansvar</title>"
	    "<party id='p' name='Kommunen'/><role id='leiar'><name>Leiar</name></role></collaboration>";
	struct av_templates *t = load_set("templates");
	struct av_diags d = {0};
	struct av_collab *c = av_collab_load_buffer("minimal.xml", xml, sizeof xml - 1, &d);
	xmlDoc *collab;
	struct av_transform_params p = {0};
	xmlDoc *fo;
	char *s;

	cr_assert(c != NULL && !av_diags_has_errors(&d));
	collab = c->doc;
	av_collab_colour_parties(c);
	av_transform_hyphenate_words(collab);
	fo = transform_ok(t, AV_STYLE_DOCUMENT, collab, &p);
	cr_expect_eq(xp_count(fo, NULL, "//xmp:CreateDate | //dc:creator | //dc:description"), 0);
	s = xp_string(fo, NULL, "//dc:title");
	cr_expect_str_eq(s, "Roller og ansvar");
	free(s);
	cr_expect_eq(xp_count(fo, NULL, "//fo:bookmark"), 3, "organisation, roles, the role");
	cr_expect_eq(xp_count(fo, NULL, "//fo:flow//fo:table-row[.//fo:page-number-citation]"), 3, "the contents");
	cr_expect_eq(xp_count(fo, NULL, "//fo:flow//fo:block[@id = 'leiar'][not(.//fo:list-block)][not(.//fo:table)]"), 1,
	    "a charter with nothing but the name");
	s = xp_string(fo, NULL, "//fo:static-content[@flow-name = 'xsl-region-after']//fo:table-cell[1]");
	cr_expect_str_eq(s, "", "no stamp without a history");
	free(s);
	cr_expect_eq(xp_count(fo, NULL, "//d:node[@id = 'leiar'][@kind = 'other'][not(@party)][not(@holders)]"), 1);
	cr_expect_eq(xp_count(fo, NULL, "//d:edge"), 0);
	cr_expect_eq(xp_count(fo, NULL, "//d:party[@id = 'p'][@name = 'Kommunen'][not(@short)][@colour = '#0072b2']"), 1,
	    "a party without a short name, with the first colour of the palette");
	xmlFreeDoc(fo);
	p.role = "leiar";
	fo = transform_ok(t, AV_STYLE_HANDOUT, collab, &p);
	cr_expect_eq(xp_count(fo, NULL, "//fo:table-header"), 0, "no holders' table without holders");
	xmlFreeDoc(fo);
	av_collab_free(c);
	av_diags_free(&d);
	av_templates_free(t);
}

/* The same input and templates give the same FO, byte for byte. */
Test(transform, deterministic)
{
	struct av_templates *t = load_set("templates");
	struct rendered r;
	xmlDoc *again;
	struct av_transform_params p = {0};
	char *a, *b;

	render(&r, t, "nn");
	p.logo = r.logo;
	again = transform_ok(t, AV_STYLE_DOCUMENT, r.collab, &p);
	a = av_transform_serialise(r.document, NULL);
	b = av_transform_serialise(again, NULL);
	cr_expect_str_eq(a, b);
	cr_expect(strncmp(a, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fo:root", 47) == 0,
	    "serialised as UTF-8 FO: %.60s", a);
	free(a);
	free(b);
	xmlFreeDoc(again);
	unrender(&r);
	av_templates_free(t);
}

/* Every sample in samples/ gives its document and every handout without
 * a diagnostic, in the FO subset. */
Test(transform, samples_transform_cleanly)
{
	char *dir = th_src("samples");
	char **names = th_list(dir, ".xml");
	struct av_templates *t;
	size_t i;

	if (names[0] == NULL) {
		th_strv_free(names);
		free(dir);
		cr_skip_test("no samples/*.xml yet");
	}
	t = load_set("templates");
	for (i = 0; names[i]; i++) {
		char *path = av_path_join(dir, names[i]), *logo;
		struct av_collab *m = load_model(path, &logo);
		xmlDoc *collab = m->doc, *fo;
		struct av_transform_params p = {0};
		xmlNode **roles;
		int k;

		p.logo = logo;
		fo = transform_ok(t, AV_STYLE_DOCUMENT, collab, &p);
		walk_subset(xmlDocGetRootElement(fo), names[i]);
		cr_expect_eq(xp_count(fo, NULL, "//fo:flow//fo:block[@break-before = 'page'][@id][not(starts-with(@id, '_'))]") + 1,
		    xp_count(collab, NULL, "/collaboration/role"), "%s: a charter per role", names[i]);
		xmlFreeDoc(fo);
		free(logo);
		p.logo = NULL;
		roles = xp_nodes(collab, NULL, "/collaboration/role/@id", NULL);
		for (k = 0; roles[k]; k++) {
			char *id = (char *)xmlNodeGetContent(roles[k]);
			p.role = id;
			fo = transform_ok(t, AV_STYLE_HANDOUT, collab, &p);
			walk_subset(xmlDocGetRootElement(fo), id);
			xmlFreeDoc(fo);
			xmlFree(id);
		}
		free(roles);
		av_collab_free(m);
		free(path);
	}
	av_templates_free(t);
	th_strv_free(names);
	free(dir);
}

/*
 * Template sets: errors, messages, safety, custom sets, fingerprints.
 */

/* Loads a broken set and compares the diagnostics with CASE.diag. */
static void
expect_load_fails(const char *name)
{
	struct av_diags d = {0};
	char *rel = av_xasprintf("tests/templates-bad/%s", name);
	char *dir = th_src(rel), *out;

	cr_expect_null(av_templates_load(dir, &d), "%s does not load", name);
	cr_expect_gt(d.nerrors, 0, "%s: errors", name);
	out = hide_srcdir(av_diags_format(&d));
	free(rel);
	rel = av_xasprintf("tests/templates-bad/%s.diag", name);
	expect_file(rel, out);
	free(out);
	free(rel);
	free(dir);
	av_diags_free(&d);
}

/* Runs a loadable set's document.xsl on the sv fixture; compares the
 * diagnostics with CASE.diag (the logo parameter, if any, written as
 * LOGO); returns whether it gave FO. */
static int
run_set(const char *name, const struct av_transform_params *p)
{
	char *rel = av_xasprintf("tests/templates-bad/%s", name);
	struct av_templates *t = load_set(rel);
	char *path = fixture("sv");
	struct av_collab *m = load_model(path, NULL);
	struct av_diags d = {0};
	char *msgs, *out;
	xmlDoc *fo;

	fo = av_transform(t, AV_STYLE_DOCUMENT, m->doc, p, &d);
	msgs = av_diags_format(&d);
	if (p && p->logo) {
		out = th_replace(msgs, p->logo, "LOGO");
		free(msgs);
		msgs = out;
	}
	out = hide_srcdir(msgs);
	free(rel);
	rel = av_xasprintf("tests/templates-bad/%s.diag", name);
	expect_file(rel, out);
	cr_expect(fo == NULL || d.nerrors == 0, "%s: FO only without errors", name);
	free(out);
	free(rel);
	free(path);
	av_diags_free(&d);
	av_collab_free(m);
	av_templates_free(t);
	if (fo == NULL)
		return 0;
	xmlFreeDoc(fo);
	return 1;
}

Test(transform, broken_stylesheets_are_errors_with_lines)
{
	expect_load_fails("syntax");
	expect_load_fails("xpath");
}

/* A warning while compiling is reported, and the set still loads. */
Test(transform, warnings_while_compiling)
{
	struct av_diags d = {0};
	char *dir = th_src("tests/templates-bad/warning");
	struct av_templates *t = av_templates_load(dir, &d);
	char *out = hide_srcdir(av_diags_format(&d));

	cr_expect_not_null(t);
	cr_expect(d.nerrors == 0 && d.nwarnings > 0);
	expect_file("tests/templates-bad/warning.diag", out);
	free(out);
	free(dir);
	av_diags_free(&d);
	av_templates_free(t);
}

Test(transform, missing_sets_and_stylesheets)
{
	struct av_diags d = {0};
	char *dir = th_src("tests/templates"), *msgs;

	cr_expect_null(av_templates_load("/nonexistent/templates", &d));
	cr_expect_null(av_templates_load(dir, &d));
	msgs = av_diags_format(&d);
	cr_expect(strstr(msgs, "/nonexistent/templates: error: cannot open the template set: No such file or directory [io]") != NULL,
	    "%s", msgs);
	cr_expect(strstr(msgs, "templates: error: the template set has no document.xsl [template]") != NULL &&
	    strstr(msgs, "templates: error: the template set has no handout.xsl [template]") != NULL, "%s", msgs);
	free(msgs);
	free(dir);
	av_diags_free(&d);
}

Test(transform, messages_become_diagnostics)
{
	cr_expect(run_set("message", NULL), "messages alone do not stop the transformation");
	cr_expect(!run_set("terminate", NULL), "terminate=\"yes\" stops it");
}

Test(transform, no_network)
{
	cr_expect(!run_set("network", NULL), "document() over the network is refused");
	expect_load_fails("import-network");
}

Test(transform, no_writing)
{
	char *dir = th_tmpdir("transform-write");
	char *target = av_path_join(dir, "written.txt");
	struct av_transform_params p = {0};

	p.logo = target;
	cr_expect(!run_set("write", &p), "xsl:document is refused");
	cr_expect(!av_file_exists(target), "no file was written");
	free(target);
	free(dir);
}

Test(transform, reads_only_below_the_set)
{
	cr_expect(!run_set("outside", NULL), "document() outside the set is refused");
}

/* A custom set importing the default one: another page size, a label of
 * its own, everything else as before. */
Test(transform, custom_template_set)
{
	struct av_templates *def = load_set("templates");
	struct av_templates *t = load_set("tests/templates-custom");
	char *path = fixture("sv"), *logo;
	struct av_collab *m = load_model(path, &logo);
	xmlDoc *collab = m->doc, *fo;
	struct av_transform_params p = {0};

	p.logo = logo;
	cr_expect_str_neq(av_templates_fingerprint(t), av_templates_fingerprint(def));
	cr_expect(strstr(av_templates_dir(t), "tests/templates-custom") != NULL);
	fo = transform_ok(t, AV_STYLE_DOCUMENT, collab, &p);
	cr_expect_eq(xp_count(fo, NULL, "//fo:simple-page-master[@master-name = 'portrait']"
	    "[@page-width = '148mm'][@page-height = '210mm']"), 1, "A5 portrait");
	cr_expect_eq(xp_count(fo, NULL, "//fo:simple-page-master[@master-name = 'landscape']"
	    "[@page-width = '210mm'][@page-height = '148mm']"), 1, "A5 landscape");
	cr_expect_eq(xp_count(fo, NULL, "//fo:block[. = 'Uppdrag']"), 8, "the custom label, once per role with responsibilities");
	cr_expect_eq(xp_count(fo, NULL, "//fo:block[. = 'Ansvar']"), 0, "not the default one");
	cr_expect(xp_count(fo, NULL, "//fo:block[. = 'Förväntningar']") > 0, "the default labels otherwise");
	xmlFreeDoc(fo);
	p.role = "projektagare";
	fo = transform_ok(t, AV_STYLE_HANDOUT, collab, &p);
	cr_expect_eq(xp_count(fo, NULL, "//fo:block[. = 'Uppdrag']"), 1, "the handout too");
	xmlFreeDoc(fo);
	av_collab_free(m);
	free(path);
	free(logo);
	av_templates_free(t);
	av_templates_free(def);
}

Test(transform, fingerprint_follows_the_files)
{
	char *tmp = th_tmpdir("transform-fingerprint");
	char *src = th_src("templates");
	char *copy = av_path_join(tmp, "templates");
	struct av_templates *a, *b, *c;
	struct av_diags d = {0};
	char *fa;

	cr_assert_eq(th_sh(NULL, NULL, "cp -R '%s' '%s'", src, copy), 0);
	a = av_templates_load(copy, &d);
	b = av_templates_load(copy, &d);
	cr_assert(a && b);
	fa = av_xstrdup(av_templates_fingerprint(a));
	cr_expect_eq(strlen(fa), 64);
	cr_expect_eq(strspn(fa, "0123456789abcdef"), 64, "hex: %s", fa);
	cr_expect_str_eq(fa, av_templates_fingerprint(b), "the same files, the same fingerprint");
	cr_assert_eq(th_sh(NULL, NULL, "sed -i 's/>Befogenheter</>Mandat</' '%s/i18n/sv.xml'", copy), 0);
	c = av_templates_load(copy, &d);
	cr_assert_not_null(c);
	cr_expect_str_neq(fa, av_templates_fingerprint(c), "a changed label changes it");
	cr_expect_eq(d.n, 0);
	free(fa);
	av_templates_free(a);
	av_templates_free(b);
	av_templates_free(c);
	free(copy);
	free(src);
	free(tmp);
}

/* The fingerprint a run computes before deciding whether anything is to
 * be rendered, from the files alone, is the compiled set's: for the
 * default set and for sets importing another directory (relatively, and
 * by a file: URI); and it follows a change in the imported directory. */
static void
expect_same_fingerprints(const char *dir, const char *what)
{
	struct av_diags d = {0};
	struct av_templates *t = av_templates_load(dir, &d);
	char *fp = av_templates_fingerprint_files(dir, &d);

	cr_assert_not_null(t, "%s loads", what);
	cr_assert_not_null(fp, "%s has a fingerprint from its files", what);
	cr_expect_str_eq(fp, av_templates_fingerprint(t), "%s: the files' fingerprint is the compiled set's", what);
	cr_expect_eq(d.n, 0, "%s: no diagnostics", what);
	free(fp);
	av_templates_free(t);
	av_diags_free(&d);
}

Test(transform, fingerprint_without_compiling)
{
	char *tmp = th_tmpdir("transform-fingerprint-files");
	char *def = th_src("templates"), *custom = th_src("tests/templates-custom"), *bad = th_src("tests/templates-bad/syntax");
	char *copy = av_path_join(tmp, "templates"), *office = av_path_join(tmp, "office-set"), *before, *after, *x;
	struct av_diags d = {0};

	expect_same_fingerprints(def, "the default set");
	expect_same_fingerprints(custom, "the custom set");

	/* A set importing a copy of the default set by a file: URI. */
	cr_assert_eq(th_sh(NULL, NULL, "cp -R '%s' '%s' && mkdir '%s' && cp '%s'/custom.xsl '%s'/labels.xml '%s'/",
	    def, copy, office, custom, custom, office), 0);
	x = av_xasprintf("<?xml version=\"1.0\"?>\n<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
	    "  <xsl:import href=\"file://%s/document.xsl\"/>\n  <xsl:include href=\"custom.xsl\"/>\n"
	    "</xsl:stylesheet>\n", copy);
	th_write(before = av_path_join(office, "document.xsl"), x);
	free(before);
	free(x);
	x = av_xasprintf("<?xml version=\"1.0\"?>\n<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
	    "  <xsl:import href=\"../templates/handout.xsl\"/>\n  <xsl:include href=\"custom.xsl\"/>\n"
	    "</xsl:stylesheet>\n");
	th_write(before = av_path_join(office, "handout.xsl"), x);
	free(before);
	free(x);
	expect_same_fingerprints(office, "a set importing by a file: URI");
	before = av_templates_fingerprint_files(office, &d);
	cr_assert_eq(th_sh(NULL, NULL, "sed -i 's/>Befogenheter</>Mandat</' '%s/i18n/sv.xml'", copy), 0);
	after = av_templates_fingerprint_files(office, &d);
	cr_assert(before && after);
	cr_expect_str_neq(before, after, "a change in the imported set changes the importing set's fingerprint");
	expect_same_fingerprints(office, "the changed set");
	free(before);
	free(after);

	/* A set that does not compile still has one; a missing one has none. */
	x = av_templates_fingerprint_files(bad, &d);
	cr_expect_not_null(x, "a broken set's files have a fingerprint");
	cr_expect_eq(d.n, 0, "reading a broken set reports nothing (compiling it does)");
	free(x);
	before = av_path_join(tmp, "missing");
	cr_expect_null(av_templates_fingerprint_files(before, &d));
	cr_expect_eq(d.nerrors, 1, "a missing set is an error");
	free(before);
	av_diags_free(&d);
	free(office);
	free(copy);
	free(bad);
	free(custom);
	free(def);
	free(tmp);
}

/*
 * Normalisation.
 */

/* A set in a directory whose name has a space (libxslt reads stylesheet
 * names as URIs): it loads, transforms, and its diagnostics name the
 * files as the user knows them, not as escaped URIs. */
/* A set's labels (i18n/LANG.xml, read with document()) are parsed once
 * per loaded set and copied for each later transformation: a label
 * changed on disk after the first is not seen by the same set (its
 * fingerprint was taken before), a set loaded again sees it; with the set
 * in a directory whose name has a space (a URL with %20) as well. */
static void
expect_labels_read_once(const char *dirname)
{
	char *tmp = th_tmpdir("transform-lent"), *src = th_src("templates"), *copy = av_path_join(tmp, dirname);
	char *path = fixture("sv"), *logo;
	struct av_collab *m = load_model(path, &logo);
	struct av_transform_params p = {0};
	struct av_templates *t, *again;
	struct av_diags d = {0};
	xmlDoc *fo;
	int i;

	cr_assert_eq(th_sh(NULL, NULL, "rm -rf '%s' && cp -R '%s' '%s'", copy, src, copy), 0);
	t = av_templates_load(copy, &d);
	cr_assert_not_null(t);
	p.logo = logo;
	for (i = 0; i < 3; i++) {
		fo = transform_ok(t, AV_STYLE_DOCUMENT, m->doc, &p);
		cr_expect(xp_count(fo, NULL, "//fo:block[. = 'Befogenheter']") > 0, "%s, run %d: the label", dirname, i);
		cr_expect_eq(xp_count(fo, NULL, "//fo:block[. = 'Mandat']"), 0, "%s, run %d: the label as first read",
		    dirname, i);
		xmlFreeDoc(fo);
		if (i == 0)
			cr_assert_eq(th_sh(NULL, NULL, "sed -i 's/>Befogenheter</>Mandat</' '%s/i18n/sv.xml'", copy), 0);
	}
	again = av_templates_load(copy, &d);
	cr_assert_not_null(again);
	fo = transform_ok(again, AV_STYLE_DOCUMENT, m->doc, &p);
	cr_expect(xp_count(fo, NULL, "//fo:block[. = 'Mandat']") > 0, "%s: a set loaded again reads the new label", dirname);
	xmlFreeDoc(fo);
	cr_expect_eq(d.n, 0);
	av_templates_free(again);
	av_templates_free(t);
	av_collab_free(m);
	free(logo);
	free(path);
	free(copy);
	free(src);
	free(tmp);
}

Test(transform, labels_are_parsed_once_per_set)
{
	expect_labels_read_once("templates");
	expect_labels_read_once("my templates");
}

/* A labels file whose parse reports something is not kept: every
 * transformation parses it again and reports the same (a namespace name
 * that is no URI); and a set that strips spaces has them stripped from
 * the labels in every transformation, not only in the one that parsed
 * them (the copies are libxslt's to strip). */
Test(transform, labels_with_reports_or_stripped_spaces_the_same_every_time)
{
	char *tmp = th_tmpdir("transform-kept"), *src = th_src("templates");
	char *warn = av_path_join(tmp, "warn"), *strip = av_path_join(tmp, "strip");
	char *path = fixture("nn"), *logo;
	struct av_collab *m = load_model(path, &logo);
	struct av_transform_params p = {0};
	struct av_templates *t;
	struct av_diags d = {0};
	size_t first = 0;
	int i;

	cr_assert_eq(th_sh(NULL, NULL, "cp -R '%s' '%s' && cp -R '%s' '%s'", src, warn, src, strip), 0);
	cr_assert_eq(th_sh(NULL, NULL, "sed -i 's|<i18n xml:lang=|<i18n xmlns:q=\"a b\" xml:lang=|' '%s/i18n/nn.xml'",
	    warn), 0);
	t = av_templates_load(warn, &d);
	cr_assert_not_null(t);
	p.logo = logo;
	for (i = 0; i < 3; i++) {
		size_t n0 = d.n;
		xmlFreeDoc(av_transform(t, AV_STYLE_DOCUMENT, m->doc, &p, &d));
		if (i == 0)
			first = d.n - n0;
		cr_expect_gt(d.n - n0, 0, "run %d: the labels file's report", i);
		cr_expect_eq(d.n - n0, first, "run %d: as many reports as the first run", i);
	}
	av_templates_free(t);
	av_diags_free(&d);

	/* the labels' text nodes counted in a message: only whitespace
	 * ones, none once stripped */
	cr_assert_eq(th_sh(NULL, NULL,
	    "sed -i 's|<xsl:template match=\"/\">|<xsl:strip-space elements=\"*\"/>&<xsl:message>kept <xsl:value-of select=\"count($i18n/text())\"/></xsl:message>|' '%s/document.xsl'",
	    strip), 0);
	t = av_templates_load(strip, &d);
	cr_assert_not_null(t);
	for (i = 0; i < 3; i++) {
		struct av_diags e = {0};
		char *text;
		xmlFreeDoc(av_transform(t, AV_STYLE_DOCUMENT, m->doc, &p, &e));
		text = av_diags_format(&e);
		cr_expect(strstr(text, "kept 0") != NULL, "run %d: no space left in the labels: %s", i, text);
		free(text);
		av_diags_free(&e);
	}
	av_templates_free(t);
	av_diags_free(&d);
	av_collab_free(m);
	free(logo);
	free(path);
	free(strip);
	free(warn);
	free(src);
	free(tmp);
}

Test(transform, set_in_a_directory_with_a_space)
{
	char *tmp = th_tmpdir("transform-space");
	char *src = th_src("templates"), *good = av_path_join(tmp, "my templates"),
	    *bad = av_path_join(tmp, "broken set"), *path = fixture("sv"), *logo, *text;
	struct av_templates *t;
	struct av_collab *m = load_model(path, &logo);
	struct av_transform_params p = {0};
	struct av_diags d = {0};
	xmlDoc *fo;

	cr_assert_eq(th_sh(NULL, NULL, "cp -R '%s' '%s' && cp -R '%s' '%s'", src, good, src, bad), 0);
	t = av_templates_load(good, &d);
	text = av_diags_format(&d);
	cr_assert_not_null(t, "%s", text);
	free(text);
	p.logo = logo;
	fo = transform_ok(t, AV_STYLE_DOCUMENT, m->doc, &p);
	cr_expect(xp_count(fo, NULL, "//fo:block[. = 'Ansvar']") > 0, "labels read from the set's i18n/sv.xml");
	xmlFreeDoc(fo);
	expect_same_fingerprints(good, "a set in a directory with a space");
	av_templates_free(t);

	cr_assert_eq(th_sh(NULL, NULL, "sed -i 's|<xsl:template name=\"label\">|&<xsl:bogus/>|' '%s/common.xsl'", bad), 0);
	cr_expect_null(av_templates_load(bad, &d));
	text = av_diags_format(&d);
	cr_expect(strstr(text, "/broken set/common.xsl:") != NULL, "the file by its path: %s", text);
	cr_expect(strstr(text, "%20") == NULL, "not by its URI: %s", text);
	free(text);
	av_diags_free(&d);
	av_collab_free(m);
	free(logo);
	free(path);
	free(bad);
	free(good);
	free(src);
	free(tmp);
}

Test(transform, parties_get_the_models_colours)
{
	/* The palette's first colour is taken by 'a', so 'b' and 'c' get the
	 * next two: the same rule as the model and the diagram. */
	static const char xml[] =
	    "<collaboration id='c' version='1' xml:lang='sv'><title>T</title>"
	    "<party id='a' name='A' colour='#0072b2'/><party id='b' name='B'/><party id='c' name='C'/>"
	    "<role id='r' kind='owner'><name>R</name><holder party='b' title='T'/></role></collaboration>";
	struct av_diags d = {0};
	struct av_collab *c = av_collab_load_buffer("colours.xml", xml, sizeof xml - 1, &d);
	char *a, *b, *cc, *want_b, *want_c;

	cr_assert(c != NULL && !av_diags_has_errors(&d));
	av_collab_colour_parties(c);
	a = xp_string(c->doc, NULL, "//party[@id = 'a']/@colour");
	b = xp_string(c->doc, NULL, "//party[@id = 'b']/@colour");
	cc = xp_string(c->doc, NULL, "//party[@id = 'c']/@colour");
	want_b = av_xasprintf("#%06x", av_palette_colour(1));
	want_c = av_xasprintf("#%06x", av_palette_colour(2));
	cr_expect_str_eq(a, "#0072b2", "a colour of its own stays");
	cr_expect_str_eq(b, want_b, "the palette, skipping a colour another party has");
	cr_expect_str_eq(cc, want_c);
	free(a);
	free(b);
	free(cc);
	free(want_b);
	free(want_c);
	av_collab_free(c);
	av_diags_free(&d);
}

Test(transform, exception_words_become_soft_hyphens_except_in_names)
{
	xmlDoc *doc = parse_string(
	    "<collaboration><title>Berglund och styrgruppsmöte</title>"
	    "<role id='r'><name>Styrgruppsmöte</name>"
	    "<responsibilities><item>Kallar till <em>styrgruppsmöten</em> och STYRGRUPPSMÖTE.</item></responsibilities>"
	    "<holder party='p'>Per Berglund</holder></role>"
	    "<hyphenation><word>styr-grupps-möte</word><word>Berg-lund</word></hyphenation></collaboration>");
	char *s;

	cr_expect_eq(av_transform_hyphenate_words(doc), 2);
	s = xp_string(doc, NULL, "/collaboration/title");
	cr_expect_str_eq(s, "Berg" SHY "lund och styr" SHY "grupps" SHY "möte");
	free(s);
	s = xp_string(doc, NULL, "//role/name");
	cr_expect_str_eq(s, "Styr" SHY "grupps" SHY "möte", "in any case");
	free(s);
	s = xp_string(doc, NULL, "//item");
	cr_expect_str_eq(s, "Kallar till styrgruppsmöten och STYR" SHY "GRUPPS" SHY "MÖTE.",
	    "whole words only, also inside inline elements");
	free(s);
	s = xp_string(doc, NULL, "//holder");
	cr_expect_str_eq(s, "Per Berglund", "names of people are never hyphenated");
	free(s);
	s = xp_string(doc, NULL, "//hyphenation/word[1]");
	cr_expect_str_eq(s, "styr-grupps-möte", "the word list stays as written");
	free(s);
	xmlFreeDoc(doc);
}

Test(transform, normalising_the_fixtures)
{
	char *path = fixture("sv");
	struct av_collab *m = load_model(path, NULL);
	xmlDoc *doc = m->doc;
	char *s;

	cr_expect_eq(xp_count(doc, NULL, "/collaboration/party[not(@colour)]"), 0);
	s = xp_string(doc, NULL, "//role[@id = 'nyttoansvarig']/name");
	cr_expect(strstr(s, "verk" SHY "samhets" SHY "utvecklings" SHY "ansvarig") != NULL, "%s", s);
	free(s);
	s = xp_string(doc, NULL, "//holder[contains(., 'Berg')]");
	cr_expect_str_eq(s, "Per Berglund");
	free(s);
	av_collab_free(m);
	free(path);
}

/*
 * ansvar's own formatter typesets what the templates make.
 */

/* How a test formats FO: with ansvar, or with Apache FOP (strict, or
 * relaxed for the extension attribute of an appendix). */
enum formatter { ANSVAR_FO, FOP_STRICT, FOP_RELAXED };

/* Formats an FO document into DIR/NAME.pdf; returns what the formatter
 * reported (FOP: its error lines), but for the organisation diagram, which
 * FOP cannot draw and ansvar draws once the diagram stage has landed.
 * Caller frees. */
static char *
format_fo(xmlDoc *fo, const char *dir, const char *name, enum formatter how)
{
	char *text = av_transform_serialise(fo, NULL);
	char *fo_path = av_xasprintf("%s/%s.fo", dir, name);
	char *pdf = av_xasprintf("%s/%s.pdf", dir, name);
	char *err = NULL;
	struct av_buf kept = {0};
	const char *line, *end;

	th_write(fo_path, text);
	if (how == ANSVAR_FO)
		cr_expect_eq(th_ansvar(NULL, &err, "fo -o '%s' '%s'", pdf, fo_path), 0, "ansvar fo %s", name);
	else
		th_sh(NULL, &err, "fop -q %s -fo '%s' -pdf '%s' 2>&1 | grep -E 'SEVERE|ERROR|Exception' >&2; exit 0",
		    how == FOP_RELAXED ? "-r" : "", fo_path, pdf);
	for (line = err; line && *line; line = end) {
		end = strchr(line, '\n');
		end = end ? end + 1 : line + strlen(line);
		if (strstr(line, "urn:ansvar:diagram") == NULL &&
		    strstr(line, "intrinsic dimensions of an instream-foreign-object") == NULL)
			av_buf_add(&kept, line, (size_t)(end - line));
	}
	cr_expect(th_pdf_pages(pdf) > 0, "%s made", pdf);
	free(err);
	free(text);
	free(fo_path);
	free(pdf);
	return kept.data ? av_buf_take(&kept) : av_xstrdup("");
}

/* Each fixture's document typesets without a diagnostic: every text in
 * order in the PDF, a named destination per role, bookmarks; and every
 * handout. */
static void
check_typesets(const struct av_templates *t, struct rendered *r, const char *lang)
{
	char *tmp = th_tmpdir("transform-fo");
	char *err = format_fo(r->document, tmp, lang, ANSVAR_FO);
	char *pdf = av_xasprintf("%s/%s.pdf", tmp, lang);
	char *text = th_pdftotext(pdf), *dests = NULL;
	xmlNode **roles = xp_nodes(r->collab, NULL, "/collaboration/role", NULL);
	const char *want[2] = { NULL, NULL }, *missing = NULL;
	char **pieces;
	int k;

	cr_expect_str_eq(err, "", "%s: ansvar fo says nothing", lang);
	free(err);
	cr_assert_not_null(text, "%s: a PDF", lang);
	pieces = reading_order(r->collab);
	cr_expect(th_in_order(text, (const char *const *)pieces, &missing),
	    "%s: every text of the input is in the PDF in order; missing: %s", lang, missing);
	av_strv_free(pieces);
	th_sh(&dests, NULL, "pdfinfo -dests '%s'", pdf);
	for (k = 0; roles[k]; k++) {
		char *id = attr(roles[k], "id"), *quoted = av_xasprintf("\"%s\"", id);
		struct av_transform_params p = {0};
		xmlDoc *fo;
		char *name = xp_string(r->collab, roles[k], "normalize-space(name)");
		want[0] = name;
		cr_expect(th_in_order(text, want, NULL), "%s: %s is in the PDF", lang, name);
		cr_expect(dests && strstr(dests, quoted), "%s: the PDF has the destination %s", lang, id);
		p.role = id;
		fo = transform_ok(t, AV_STYLE_HANDOUT, r->collab, &p);
		err = format_fo(fo, tmp, id, ANSVAR_FO);
		cr_expect_str_eq(err, "", "%s: the handout of %s typesets without a word", lang, id);
		free(err);
		xmlFreeDoc(fo);
		free(name);
		free(quoted);
		free(id);
	}
	free(roles);
	free(dests);
	free(text);
	free(pdf);
	free(tmp);
}

Test(transform, typesets)
{
	each_fixture(check_typesets);
}

/*
 * Apache FOP, when installed, accepts what the templates make.
 */

Test(transform, apache_fop_renders_the_fixtures)
{
	struct av_templates *t;
	char *tmp;
	size_t i;

	if (th_sh(NULL, NULL, "command -v fop >/dev/null") != 0)
		cr_skip_test("Apache FOP is not installed (Debian: fop); not rendering with it");
	t = load_set("templates");
	tmp = th_tmpdir("transform-fop");
	for (i = 0; i < NLANGS; i++) {
		struct rendered r;
		struct av_transform_params p = {0};
		xmlDoc *fo;
		char *err, *text, *path, *last, *first;

		render(&r, t, langs[i]);
		err = format_fo(r.document, tmp, langs[i], FOP_STRICT);
		cr_expect_str_eq(err, "", "%s: FOP reports no error", langs[i]);
		free(err);
		path = av_xasprintf("%s/%s.pdf", tmp, langs[i]);
		text = th_pdftotext(path);
		last = xp_string(r.collab, NULL, "normalize-space(/collaboration/role[last()]/name)");
		{
			const char *want[] = { last, NULL };
			cr_expect(text && th_in_order(text, want, NULL), "%s: the PDF holds the last role", langs[i]);
		}
		free(text);
		free(last);
		free(path);

		first = xp_string(r.collab, NULL, "/collaboration/role[1]/@id");
		p.role = first;
		fo = transform_ok(t, AV_STYLE_HANDOUT, r.collab, &p);
		err = format_fo(fo, tmp, first, FOP_STRICT);
		cr_expect_str_eq(err, "", "%s: FOP renders the handout of %s", langs[i], first);
		free(err);
		xmlFreeDoc(fo);
		free(first);

		/* FOP knows nothing of the page labels of an appendix: it
		 * accepts the attribute only when not validating strictly. */
		if (i == 0) {
			p.role = NULL;
			p.appendix = "Bilaga 3";
			p.logo = r.logo;
			fo = transform_ok(t, AV_STYLE_DOCUMENT, r.collab, &p);
			err = format_fo(fo, tmp, "appendix", FOP_RELAXED);
			cr_expect_str_eq(err, "", "%s: FOP renders an appendix (relaxed)", langs[i]);
			free(err);
			xmlFreeDoc(fo);
		}
		unrender(&r);
	}
	free(tmp);
	av_templates_free(t);
}
