/* diagram_graph.c -- the diagram's graph of roles, relations and parties, and reading it from a d:diagram element. */
#include "config.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "model.h"
#include "palette.h"

static const char *const kind_names[AV_DG_KIND__COUNT] = {
	[AV_DG_OWNER] = "owner",
	[AV_DG_STEERING] = "steering",
	[AV_DG_MANAGEMENT] = "management",
	[AV_DG_LEAD] = "lead",
	[AV_DG_TEAM] = "team",
	[AV_DG_MEMBER] = "member",
	[AV_DG_REFERENCE] = "reference",
	[AV_DG_BENEFITS] = "benefits",
	[AV_DG_OTHER] = "other",
};

static const char *const rel_names[AV_DG_REL__COUNT] = {
	[AV_DG_REPORTS_TO] = "reports-to",
	[AV_DG_MEMBER_OF] = "member-of",
	[AV_DG_ADVISES] = "advises",
	[AV_DG_SUPPORTS] = "supports",
	[AV_DG_ESCALATES_TO] = "escalates-to",
};

const char *
av_dg_kind_name(enum av_dg_kind k)
{
	assert(k < AV_DG_KIND__COUNT);
	return kind_names[k];
}

int
av_dg_kind_parse(const char *s, enum av_dg_kind *k)
{
	int i;
	for (i = 0; i < AV_DG_KIND__COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum av_dg_kind)i;
			return 0;
		}
	return -1;
}

const char *
av_dg_rel_name(enum av_dg_rel r)
{
	assert(r < AV_DG_REL__COUNT);
	return rel_names[r];
}

int
av_dg_rel_parse(const char *s, enum av_dg_rel *r)
{
	int i;
	for (i = 0; i < AV_DG_REL__COUNT; i++)
		if (strcmp(s, rel_names[i]) == 0) {
			*r = (enum av_dg_rel)i;
			return 0;
		}
	return -1;
}

struct av_dg_graph *
av_dg_graph_new(const char *lang, const char *title, const char *file)
{
	struct av_dg_graph *g = av_xcalloc(1, sizeof *g);
	g->lang = av_xstrdup(lang);
	g->title = av_xstrdup(title);
	g->file = av_xstrdup(file);
	return g;
}

void
av_dg_graph_free(struct av_dg_graph *g)
{
	size_t i, j;

	if (g == NULL)
		return;
	for (i = 0; i < g->nparties; i++) {
		free(g->parties[i].id);
		free(g->parties[i].name);
		free(g->parties[i].short_name);
	}
	for (i = 0; i < g->nnodes; i++) {
		free(g->nodes[i].id);
		free(g->nodes[i].label);
		for (j = 0; j < g->nodes[i].nholders; j++)
			free(g->nodes[i].holders[j]);
		free(g->nodes[i].holders);
	}
	free(g->parties);
	free(g->nodes);
	free(g->edges);
	av_hyph_words_free(g->words);
	free(g->lang);
	free(g->title);
	free(g->file);
	free(g);
}

int
av_dg_parse_colour(const char *s, unsigned *rgb)
{
	unsigned v = 0;
	int i;

	if (s == NULL || s[0] != '#' || strlen(s) != 7)
		return -1;
	for (i = 1; i < 7; i++) {
		char c = s[i];
		int digit;
		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | (unsigned)digit;
	}
	*rgb = v;
	return 0;
}

static struct av_loc
loc_or_none(const struct av_loc *loc)
{
	struct av_loc none = { NULL, 0, 0 };
	return loc ? *loc : none;
}

size_t
av_dg_add_party(struct av_dg_graph *g, const char *id, const char *name,
    const char *short_name, const char *colour, const struct av_loc *loc)
{
	struct av_dg_party *p;
	unsigned rgb;

	g->parties = av_xgrow(g->parties, &g->parties_cap, g->nparties + 1, sizeof *g->parties);
	p = &g->parties[g->nparties];
	p->id = av_xstrdup(id);
	p->name = av_xstrdup(name ? name : id);
	p->short_name = av_xstrdup(short_name && *short_name ? short_name : p->name);
	if (colour != NULL && av_dg_parse_colour(colour, &rgb) == 0)
		p->colour = rgb;
	else
		p->colour = av_palette_colour(g->ncolourless++);
	p->loc = loc_or_none(loc);
	return g->nparties++;
}

size_t
av_dg_add_node(struct av_dg_graph *g, const char *id, const char *label,
    enum av_dg_kind kind, size_t party, const struct av_loc *loc)
{
	struct av_dg_node *n;

	assert(kind < AV_DG_KIND__COUNT);
	assert(party == AV_DG_NONE || party < g->nparties);
	g->nodes = av_xgrow(g->nodes, &g->nodes_cap, g->nnodes + 1, sizeof *g->nodes);
	n = &g->nodes[g->nnodes];
	memset(n, 0, sizeof *n);
	n->id = av_xstrdup(id);
	n->label = av_xstrdup(label ? label : id);
	n->kind = kind;
	n->party = party;
	n->loc = loc_or_none(loc);
	return g->nnodes++;
}

void
av_dg_add_holder(struct av_dg_graph *g, size_t node, const char *name)
{
	struct av_dg_node *n;

	assert(node < g->nnodes);
	n = &g->nodes[node];
	n->holders = av_xgrow(n->holders, &n->holders_cap, n->nholders + 1, sizeof *n->holders);
	n->holders[n->nholders++] = av_xstrdup(name);
}

size_t
av_dg_add_edge(struct av_dg_graph *g, size_t from, size_t to, enum av_dg_rel rel,
    const struct av_loc *loc)
{
	struct av_dg_edge *e;

	assert(from < g->nnodes && to < g->nnodes && rel < AV_DG_REL__COUNT);
	g->edges = av_xgrow(g->edges, &g->edges_cap, g->nedges + 1, sizeof *g->edges);
	e = &g->edges[g->nedges];
	e->from = from;
	e->to = to;
	e->rel = rel;
	e->loc = loc_or_none(loc);
	return g->nedges++;
}

int
av_dg_add_word(struct av_dg_graph *g, const char *hyphenated)
{
	if (g->words == NULL)
		g->words = av_hyph_words_new();
	return av_hyph_words_add(g->words, hyphenated);
}

size_t
av_dg_find_node(const struct av_dg_graph *g, const char *id)
{
	size_t i;
	for (i = 0; i < g->nnodes; i++)
		if (strcmp(g->nodes[i].id, id) == 0)
			return i;
	return AV_DG_NONE;
}

size_t
av_dg_find_party(const struct av_dg_graph *g, const char *id)
{
	size_t i;
	for (i = 0; i < g->nparties; i++)
		if (strcmp(g->parties[i].id, id) == 0)
			return i;
	return AV_DG_NONE;
}

/* ---- Reading <d:diagram> ---------------------------------------------- */

struct reader {
	struct av_dg_graph *g;
	struct av_diags *d;
	size_t errors;
};

static int
in_ns(const xmlNode *n)
{
	return n->ns != NULL && strcmp((const char *)n->ns->href, AV_DG_NS) == 0;
}

static struct av_loc
where(const struct reader *r, const xmlNode *n)
{
	struct av_loc loc = { r->g->file, (int)xmlGetLineNo(n), 0 };
	if (loc.line < 0)
		loc.line = 0;
	return loc;
}

static void AV_PRINTF(3, 4)
fail(struct reader *r, const xmlNode *n, const char *fmt, ...)
{
	struct av_loc loc = where(r, n);
	va_list ap;
	va_start(ap, fmt);
	av_vdiag(r->d, AV_D_DIAGRAM_INPUT, &loc, fmt, ap);
	va_end(ap);
	r->errors++;
}

/* An attribute without namespace (caller frees), or NULL. */
static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s = av_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Complains about attributes (without namespace) not in `allowed`;
 * attributes in other namespaces belong to others and are ignored. */
static void
check_attrs(struct reader *r, const xmlNode *n, const char *const *allowed, size_t nallowed)
{
	const xmlAttr *a;
	size_t i;

	for (a = n->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name, *near;
		if (a->ns != NULL)
			continue;
		for (i = 0; i < nallowed; i++)
			if (strcmp(name, allowed[i]) == 0)
				break;
		if (i < nallowed)
			continue;
		near = av_closest(name, allowed, nallowed);
		if (near)
			fail(r, n, "unknown attribute '%s' on d:%s (did you mean '%s'?)", name,
			    (const char *)n->name, near);
		else
			fail(r, n, "unknown attribute '%s' on d:%s", name, (const char *)n->name);
	}
}

static char *
required(struct reader *r, const xmlNode *n, const char *name)
{
	char *v = attr(n, name);
	if (v == NULL)
		fail(r, n, "d:%s lacks the attribute '%s'", (const char *)n->name, name);
	return v;
}

/* Strips blanks at both ends in place. */
static char *
trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static const char **
node_ids(const struct av_dg_graph *g)
{
	const char **v = av_xmalloc((g->nnodes + 1) * sizeof *v);
	size_t i;
	for (i = 0; i < g->nnodes; i++)
		v[i] = g->nodes[i].id;
	return v;
}

static void
read_party(struct reader *r, xmlNode *n)
{
	static const char *const allowed[] = { "id", "name", "short", "colour" };
	char *id = required(r, n, "id"), *name = required(r, n, "name");
	char *sname = attr(n, "short"), *colour = attr(n, "colour");
	unsigned rgb;
	struct av_loc loc;

	check_attrs(r, n, allowed, 4);
	if (id == NULL || name == NULL)
		goto out;
	if (!av_valid_id(id)) {
		fail(r, n, "party id '%s' is not of the form [a-z0-9][a-z0-9_-]{0,63}", id);
		goto out;
	}
	if (av_dg_find_party(r->g, id) != AV_DG_NONE) {
		fail(r, n, "a second party with the id '%s'", id);
		goto out;
	}
	if (colour != NULL && av_dg_parse_colour(colour, &rgb) != 0) {
		fail(r, n, "colour '%s' of party '%s' is not of the form #rrggbb", colour, id);
		goto out;
	}
	loc = where(r, n);
	av_dg_add_party(r->g, id, trim(name), sname ? trim(sname) : NULL, colour, &loc);
out:
	free(id);
	free(name);
	free(sname);
	free(colour);
}

static void
read_node(struct reader *r, xmlNode *n)
{
	static const char *const allowed[] = { "id", "label", "kind", "party", "holders" };
	char *id = required(r, n, "id"), *label = required(r, n, "label");
	char *kind = attr(n, "kind"), *party = attr(n, "party"), *holders = attr(n, "holders");
	enum av_dg_kind k = AV_DG_OTHER;
	size_t p = AV_DG_NONE, node;
	struct av_loc loc;

	check_attrs(r, n, allowed, 5);
	if (id == NULL || label == NULL)
		goto out;
	if (!av_valid_id(id)) {
		fail(r, n, "role id '%s' is not of the form [a-z0-9][a-z0-9_-]{0,63}", id);
		goto out;
	}
	if (av_dg_find_node(r->g, id) != AV_DG_NONE) {
		fail(r, n, "a second role with the id '%s'", id);
		goto out;
	}
	if (*trim(label) == '\0') {
		fail(r, n, "role '%s' has an empty label", id);
		goto out;
	}
	if (kind != NULL && av_dg_kind_parse(kind, &k) != 0) {
		const char *near = av_closest(kind, kind_names, AV_DG_KIND__COUNT);
		if (near)
			fail(r, n, "unknown kind '%s' (did you mean '%s'?)", kind, near);
		else
			fail(r, n, "unknown kind '%s'", kind);
		goto out;
	}
	if (party != NULL && (p = av_dg_find_party(r->g, party)) == AV_DG_NONE) {
		const char **ids = av_xmalloc((r->g->nparties + 1) * sizeof *ids);
		const char *near;
		size_t i;
		for (i = 0; i < r->g->nparties; i++)
			ids[i] = r->g->parties[i].id;
		near = av_closest(party, ids, r->g->nparties);
		if (near)
			fail(r, n, "role '%s' names the unknown party '%s' (did you mean '%s'?)", id, party, near);
		else
			fail(r, n, "role '%s' names the unknown party '%s' (parties come before the roles that name them)",
			    id, party);
		free(ids);
		goto out;
	}
	if (r->g->nnodes >= AV_DG_MAX_NODES) {
		struct av_loc l = where(r, n);
		if (r->g->nnodes == AV_DG_MAX_NODES)
			av_diag(r->d, AV_D_LIMIT, &l, "more than %d roles in one diagram", AV_DG_MAX_NODES);
		r->errors++;
		goto out;
	}
	loc = where(r, n);
	node = av_dg_add_node(r->g, id, label, k, p, &loc);
	if (holders != NULL) {
		char *s = holders, *semi;
		for (;;) {
			semi = strchr(s, ';');
			if (semi)
				*semi = '\0';
			if (*trim(s) != '\0')
				av_dg_add_holder(r->g, node, trim(s));
			if (semi == NULL)
				break;
			s = semi + 1;
		}
	}
out:
	free(id);
	free(label);
	free(kind);
	free(party);
	free(holders);
}

static size_t
resolve(struct reader *r, xmlNode *n, const char *which, const char *id, const char **ids)
{
	size_t i = av_dg_find_node(r->g, id);
	const char *near;

	if (i != AV_DG_NONE)
		return i;
	near = av_closest(id, ids, r->g->nnodes);
	if (near)
		fail(r, n, "d:edge %s='%s' names no role (did you mean '%s'?)", which, id, near);
	else
		fail(r, n, "d:edge %s='%s' names no role", which, id);
	return AV_DG_NONE;
}

static void
read_edge(struct reader *r, xmlNode *n, const char **ids)
{
	static const char *const allowed[] = { "from", "to", "type" };
	char *from = required(r, n, "from"), *to = required(r, n, "to"), *type = required(r, n, "type");
	size_t f = AV_DG_NONE, t = AV_DG_NONE;
	enum av_dg_rel rel;
	struct av_loc loc;

	check_attrs(r, n, allowed, 3);
	if (from)
		f = resolve(r, n, "from", from, ids);
	if (to)
		t = resolve(r, n, "to", to, ids);
	if (type && av_dg_rel_parse(type, &rel) != 0) {
		const char *near = av_closest(type, rel_names, AV_DG_REL__COUNT);
		if (near)
			fail(r, n, "unknown relation type '%s' (did you mean '%s'?)", type, near);
		else
			fail(r, n, "unknown relation type '%s' (one of reports-to, member-of, advises, supports, escalates-to)",
			    type);
		goto out;
	}
	if (f == AV_DG_NONE || t == AV_DG_NONE || type == NULL)
		goto out;
	if (r->g->nedges >= AV_DG_MAX_EDGES) {
		struct av_loc l = where(r, n);
		if (r->g->nedges == AV_DG_MAX_EDGES)
			av_diag(r->d, AV_D_LIMIT, &l, "more than %d relations in one diagram", AV_DG_MAX_EDGES);
		r->errors++;
		goto out;
	}
	loc = where(r, n);
	av_dg_add_edge(r->g, f, t, rel, &loc);
out:
	free(from);
	free(to);
	free(type);
}

static void
read_word(struct reader *r, xmlNode *n)
{
	xmlChar *text = xmlNodeGetContent(n);
	if (text == NULL || av_dg_add_word(r->g, (const char *)text) != 0)
		fail(r, n, "d:word holds no letters");
	xmlFree(text);
}

static int
is_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

struct av_dg_graph *
av_dg_graph_read(xmlNode *el, const char *file, const char *lang, struct av_diags *d)
{
	static const char *const allowed[] = { "lang", "title" };
	static const char *const elements[] = { "party", "node", "edge", "word" };
	struct reader r = { NULL, d, 0 };
	char *elang, *title;
	const char **ids;
	xmlNode *c;
	int pass;

	elang = attr(el, "lang");
	title = attr(el, "title");
	r.g = av_dg_graph_new(lang ? lang : elang, title, file);
	free(elang);
	free(title);
	if (el->type != XML_ELEMENT_NODE || !in_ns(el) || strcmp((const char *)el->name, "diagram") != 0) {
		fail(&r, el, "expected a d:diagram element in the namespace %s", AV_DG_NS);
		goto out;
	}
	check_attrs(&r, el, allowed, 2);
	/* Parties and nodes first, so that edges may name any node. */
	for (pass = 0; pass < 2; pass++) {
		ids = pass == 1 ? node_ids(r.g) : NULL;
		for (c = el->children; c != NULL; c = c->next) {
			const char *name = (const char *)c->name;
			if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
				if (pass == 0 && !is_blank(c->content))
					fail(&r, c, "text directly inside d:diagram");
				continue;
			}
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (c->ns != NULL && !in_ns(c))
				continue;       /* another vocabulary's: not ours to judge */
			if (c->ns == NULL) {
				if (pass == 0)
					fail(&r, c, "element '%s' has no namespace (expected d:party, d:node, d:edge or d:word in %s)",
					    name, AV_DG_NS);
				continue;
			}
			if (strcmp(name, "edge") == 0) {
				if (pass == 1)
					read_edge(&r, c, ids);
			} else if (pass == 1) {
				continue;
			} else if (strcmp(name, "party") == 0) {
				read_party(&r, c);
			} else if (strcmp(name, "node") == 0) {
				read_node(&r, c);
			} else if (strcmp(name, "word") == 0) {
				read_word(&r, c);
			} else {
				const char *near = av_closest(name, elements, 4);
				if (near)
					fail(&r, c, "unknown element d:%s (did you mean d:%s?)", name, near);
				else
					fail(&r, c, "unknown element d:%s", name);
			}
		}
		free(ids);
	}
out:
	if (r.errors > 0) {
		av_dg_graph_free(r.g);
		return NULL;
	}
	return r.g;
}

/* ---- From the collaboration model ------------------------------------ */

static enum av_dg_kind
kind_of(enum av_role_kind k)
{
	switch (k) {
	case AV_KIND_OWNER:
		return AV_DG_OWNER;
	case AV_KIND_STEERING:
		return AV_DG_STEERING;
	case AV_KIND_MANAGEMENT:
		return AV_DG_MANAGEMENT;
	case AV_KIND_LEAD:
		return AV_DG_LEAD;
	case AV_KIND_TEAM:
		return AV_DG_TEAM;
	case AV_KIND_MEMBER:
		return AV_DG_MEMBER;
	case AV_KIND_REFERENCE:
		return AV_DG_REFERENCE;
	case AV_KIND_BENEFITS:
		return AV_DG_BENEFITS;
	case AV_KIND_OTHER:
		return AV_DG_OTHER;
	case AV_KIND__COUNT:
		break;
	}
	assert(!"role kind");
	return AV_DG_OTHER;
}

static enum av_dg_rel
rel_of(enum av_rel_type t)
{
	switch (t) {
	case AV_REL_REPORTS_TO:
		return AV_DG_REPORTS_TO;
	case AV_REL_ADVISES:
		return AV_DG_ADVISES;
	case AV_REL_SUPPORTS:
		return AV_DG_SUPPORTS;
	case AV_REL_MEMBER_OF:
		return AV_DG_MEMBER_OF;
	case AV_REL_ESCALATES_TO:
		return AV_DG_ESCALATES_TO;
	case AV_REL__COUNT:
		break;
	}
	assert(!"relation type");
	return AV_DG_REPORTS_TO;
}

static const char *
lang_name(enum av_lang l)
{
	switch (l) {
	case AV_LANG_SV:
		return "sv";
	case AV_LANG_NB:
		return "nb";
	case AV_LANG_NN:
		return "nn";
	case AV_LANG__COUNT:
		break;
	}
	assert(!"language");
	return "sv";
}

struct av_dg_graph *
av_dg_graph_from_collab(const struct av_collab *c, const char *lang)
{
	struct av_dg_graph *g = av_dg_graph_new(lang ? lang : lang_name(c->lang), c->title, c->path);
	size_t i, k;

	for (i = 0; i < c->nparties; i++) {
		const struct av_party *p = &c->parties[i];
		char colour[8];
		/* The model's colour, given or from the palette, as the
		 * documents' diagram gets it (av_collab_colour_parties()). */
		snprintf(colour, sizeof colour, "#%06x", p->colour & 0xffffffu);
		av_dg_add_party(g, p->id, p->name, p->short_name, colour, &p->loc);
	}
	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		size_t party = AV_DG_NONE;
		for (k = 0; k < r->nholders; k++)
			if (r->holders[k].party != NULL) {
				party = r->holders[k].party->index;
				break;
			}
		av_dg_add_node(g, r->id, r->name, kind_of(r->kind), party, &r->loc);
		/* The people: a holder given by title alone is not named in
		 * the chart (as in the documents' diagram). */
		for (k = 0; k < r->nholders; k++)
			if (r->holders[k].name != NULL && *r->holders[k].name != '\0')
				av_dg_add_holder(g, i, r->holders[k].name);
	}
	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		for (k = 0; k < r->nrelations; k++)
			if (r->relations[k].target != NULL)
				av_dg_add_edge(g, i, r->relations[k].target->index, rel_of(r->relations[k].type),
				    &r->relations[k].loc);
	}
	for (i = 0; i < c->nwords; i++)
		av_dg_add_word(g, c->words[i].text);
	/* Every location names the graph's copy of the path: the model (and
	 * its path) may be freed before the layout reports anything. */
	for (i = 0; i < g->nparties; i++)
		g->parties[i].loc.file = g->file;
	for (i = 0; i < g->nnodes; i++)
		g->nodes[i].loc.file = g->file;
	for (i = 0; i < g->nedges; i++)
		g->edges[i].loc.file = g->file;
	return g;
}

static int
date_after(const struct av_date *a, const struct av_date *b)
{
	if (a->year != b->year)
		return a->year > b->year;
	if (a->month != b->month)
		return a->month > b->month;
	return a->day > b->day;
}

char *
av_dg_collab_date(const struct av_collab *c)
{
	const struct av_date *latest = NULL;
	size_t i;

	if (!c->history.present)
		return NULL;
	if (c->history.has_decided && c->history.decided.date.year > 0)
		latest = &c->history.decided.date;
	for (i = 0; i < c->history.nrevised; i++) {
		const struct av_date *d = &c->history.revised[i].date;
		if (d->year > 0 && (latest == NULL || date_after(d, latest)))
			latest = d;
	}
	if (latest == NULL)
		return NULL;
	return av_xasprintf("%04d-%02d-%02d", latest->year, latest->month, latest->day);
}
