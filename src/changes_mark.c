/* changes_mark.c -- writing a comparison into the new version's document: ch:status marks and the ch:changes summary the templates read. */
#include "config.h"

#include <assert.h>
#include <string.h>

#include <libxml/tree.h>

#include "changes.h"
#include "util.h"

struct marker {
	const struct av_changes *ch;
	xmlDoc *doc;
	xmlNs *ns;
	unsigned next_id;
};

static int
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL && strcmp((const char *)n->name, name) == 0;
}

/* The first child element `name` of `parent`, as the loader reads it. */
static xmlNode *
child(xmlNode *parent, const char *name)
{
	xmlNode *n;
	for (n = parent ? parent->children : NULL; n; n = n->next)
		if (is_el(n, name))
			return n;
	return NULL;
}

/* The element of the index'th block (p or item) of a list element. */
static xmlNode *
block_node(xmlNode *list, size_t index)
{
	xmlNode *n;
	for (n = list ? list->children : NULL; n; n = n->next)
		if ((is_el(n, "p") || is_el(n, "item")) && index-- == 0)
			return n;
	return NULL;
}

static void
set(struct marker *m, xmlNode *n, const char *name, const char *value)
{
	xmlSetNsProp(n, m->ns, BAD_CAST name, BAD_CAST value);
}

/* ch:status and a ch:id unique in the document. */
static void
mark(struct marker *m, xmlNode *n, enum av_change c)
{
	char id[32];

	assert(c == AV_CHANGE_ADDED || c == AV_CHANGE_CHANGED);
	set(m, n, "status", c == AV_CHANGE_ADDED ? "added" : "changed");
	snprintf(id, sizeof id, "ch%u", ++m->next_id);
	set(m, n, "id", id);
}

/* A child element in no namespace (xmlNewChild() would give it the
 * parent's). */
static xmlNode *
plain_child(struct marker *m, xmlNode *parent, const char *name)
{
	return xmlAddChild(parent, xmlNewDocNode(m->doc, NULL, BAD_CAST name, NULL));
}

/* Inline content of the old version rebuilt in the new document.  A
 * reference to a role the new version still has stays a reference;
 * one to a role that is gone becomes that role's old name. */
static void
add_inlines(struct marker *m, xmlNode *parent, const struct av_inline *n)
{
	for (; n; n = n->next) {
		xmlNode *e;
		switch (n->kind) {
		case AV_INLINE_TEXT:
			xmlAddChild(parent, xmlNewDocText(m->doc, BAD_CAST(n->text ? n->text : "")));
			break;
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
			e = plain_child(m, parent, av_inline_kind_name(n->kind));
			add_inlines(m, e, n->first);
			break;
		case AV_INLINE_LINK:
			e = plain_child(m, parent, "link");
			xmlSetProp(e, BAD_CAST "href", BAD_CAST(n->target ? n->target : ""));
			add_inlines(m, e, n->first);
			break;
		case AV_INLINE_ROLE_REF:
			if (n->target && av_collab_role(m->ch->new, n->target)) {
				e = plain_child(m, parent, "role-ref");
				xmlSetProp(e, BAD_CAST "role", BAD_CAST n->target);
			} else {
				const char *name = n->role && n->role->name ? n->role->name : n->target;
				xmlAddChild(parent, xmlNewDocText(m->doc, BAD_CAST(name ? name : "")));
			}
			break;
		case AV_INLINE__COUNT:
		default:
			assert(!"inline kind");
		}
	}
}

/* Marks the added and changed blocks of one list, and lists the removed
 * ones under `summary` (in: the list's name). */
static void
mark_blocks(struct marker *m, xmlNode *list, const struct av_blocks_diff *d, xmlNode *summary,
    const char *in)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct av_block_change *bc = &d->v[i];
		xmlNode *n, *r;
		switch (bc->change) {
		case AV_CHANGE_SAME:
			break;
		case AV_CHANGE_ADDED:
		case AV_CHANGE_CHANGED:
			if ((n = block_node(list, bc->new_index)) != NULL)
				mark(m, n, bc->change);
			break;
		case AV_CHANGE_REMOVED:
			r = xmlNewChild(summary, m->ns, BAD_CAST "removed", NULL);
			xmlSetProp(r, BAD_CAST "in", BAD_CAST in);
			xmlSetProp(r, BAD_CAST "kind", BAD_CAST av_block_kind_name(bc->old->kind));
			add_inlines(m, r, bc->old->first);
			break;
		case AV_CHANGE__COUNT:
		default:
			assert(!"change kind");
		}
	}
}

static void
mark_role(struct marker *m, const struct av_role_change *rc, xmlNode *changes)
{
	static const struct {
		unsigned bit;
		const char *attr;
	} parts[] = {
		{ AV_PART_NAME, "name" }, { AV_PART_SUMMARY, "summary" },
		{ AV_PART_HOLDERS, "holders" }, { AV_PART_RELATIONS, "relations" },
	};
	xmlNode *node = rc->new ? (xmlNode *)rc->new->node : NULL, *entry;
	size_t k;
	int s;

	if (rc->change == AV_CHANGE_SAME)
		return;
	entry = xmlNewChild(changes, m->ns, BAD_CAST "role", NULL);
	xmlSetProp(entry, BAD_CAST "id", BAD_CAST(rc->new ? rc->new : rc->old)->id);
	switch (rc->change) {
	case AV_CHANGE_ADDED:
		xmlSetProp(entry, BAD_CAST "change", BAD_CAST "added");
		mark(m, node, AV_CHANGE_ADDED);
		break;
	case AV_CHANGE_REMOVED:
		xmlSetProp(entry, BAD_CAST "change", BAD_CAST "removed");
		xmlSetProp(entry, BAD_CAST "name", BAD_CAST(rc->old->name ? rc->old->name : rc->old->id));
		break;
	case AV_CHANGE_CHANGED:
		xmlSetProp(entry, BAD_CAST "change", BAD_CAST "changed");
		if (rc->parts & AV_PART_NAME)
			xmlSetProp(entry, BAD_CAST "name", BAD_CAST(rc->old->name ? rc->old->name : ""));
		mark(m, node, AV_CHANGE_CHANGED);
		for (k = 0; k < sizeof parts / sizeof parts[0]; k++)
			if (rc->parts & parts[k].bit)
				set(m, node, parts[k].attr, "changed");
		for (s = 0; s < AV_SECTION__COUNT; s++) {
			const char *name = av_section_name((enum av_section)s);
			mark_blocks(m, child(node, name), &rc->sections[s], entry, name);
		}
		break;
	case AV_CHANGE_SAME:
	case AV_CHANGE__COUNT:
	default:
		assert(!"role change");
	}
}

/* purpose, governance, questions. */
static void
mark_part(struct marker *m, xmlNode *root, const char *name, const struct av_blocks_diff *d,
    xmlNode *changes)
{
	xmlNode *entry;

	if (d->count[AV_CHANGE_ADDED] + d->count[AV_CHANGE_CHANGED] + d->count[AV_CHANGE_REMOVED] == 0)
		return;
	entry = xmlNewChild(changes, m->ns, BAD_CAST "part", NULL);
	xmlSetProp(entry, BAD_CAST "id", BAD_CAST name);
	mark_blocks(m, child(root, name), d, entry, name);
}

/* The title page's texts that are not the same. */
static void
mark_front(struct marker *m, xmlNode *changes)
{
	xmlNode *entry = NULL;
	int f;

	for (f = 0; f < AV_FRONT__COUNT; f++) {
		if (m->ch->front[f] == AV_CHANGE_SAME)
			continue;
		if (entry == NULL)
			entry = xmlNewChild(changes, m->ns, BAD_CAST "front", NULL);
		xmlSetProp(entry, BAD_CAST av_front_name((enum av_front)f), BAD_CAST av_change_name(m->ch->front[f]));
	}
}

void
av_changes_mark(const struct av_changes *ch, struct av_collab *c)
{
	struct marker m = { 0 };
	const struct av_event *since = av_collab_latest(ch->old);
	xmlNode *root = xmlDocGetRootElement(c->doc), *changes;
	size_t i;

	assert(c == ch->new);
	m.ch = ch;
	m.doc = c->doc;
	m.ns = xmlSearchNsByHref(c->doc, root, BAD_CAST AV_CHANGES_NS);
	if (m.ns == NULL)
		m.ns = xmlNewNs(root, BAD_CAST AV_CHANGES_NS, BAD_CAST "ch");
	changes = xmlNewChild(root, m.ns, BAD_CAST "changes", NULL);
	if (since && since->date.year != 0)
		xmlSetProp(changes, BAD_CAST "since", BAD_CAST since->date_text);
	for (i = 0; i < ch->nroles; i++)
		mark_role(&m, &ch->roles[i], changes);
	mark_front(&m, changes);
	mark_part(&m, root, "purpose", &ch->purpose, changes);
	mark_part(&m, root, "governance", &ch->governance, changes);
	mark_part(&m, root, "questions", &ch->questions, changes);
}
