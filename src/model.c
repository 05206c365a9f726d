/* model.c -- the collaboration model: names of its kinds, lookups, freeing, and the text dump. */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "load.h"
#include "model.h"
#include "util.h"

static const char *const kind_names[AV_KIND__COUNT] = {
	[AV_KIND_OWNER] = "owner",
	[AV_KIND_STEERING] = "steering",
	[AV_KIND_MANAGEMENT] = "management",
	[AV_KIND_LEAD] = "lead",
	[AV_KIND_TEAM] = "team",
	[AV_KIND_MEMBER] = "member",
	[AV_KIND_REFERENCE] = "reference",
	[AV_KIND_BENEFITS] = "benefits",
	[AV_KIND_OTHER] = "other",
};

static const char *const rel_names[AV_REL__COUNT] = {
	[AV_REL_REPORTS_TO] = "reports-to",
	[AV_REL_ADVISES] = "advises",
	[AV_REL_SUPPORTS] = "supports",
	[AV_REL_MEMBER_OF] = "member-of",
	[AV_REL_ESCALATES_TO] = "escalates-to",
};

static const char *const lang_names[AV_LANG__COUNT] = {
	[AV_LANG_SV] = "sv",
	[AV_LANG_NB] = "nb",
	[AV_LANG_NN] = "nn",
};

static const char *const section_names[AV_SECTION__COUNT] = {
	[AV_SECTION_RESPONSIBILITIES] = "responsibilities",
	[AV_SECTION_EXPECTATIONS] = "expectations",
	[AV_SECTION_AUTHORITY] = "authority",
	[AV_SECTION_LATITUDE] = "latitude",
};

static const char *const inline_names[AV_INLINE__COUNT] = {
	[AV_INLINE_TEXT] = "text",
	[AV_INLINE_EM] = "em",
	[AV_INLINE_STRONG] = "strong",
	[AV_INLINE_ROLE_REF] = "role-ref",
	[AV_INLINE_LINK] = "link",
};

static const char *const block_names[AV_BLOCK__COUNT] = {
	[AV_BLOCK_P] = "p",
	[AV_BLOCK_ITEM] = "item",
};

#define NAME(table, v) ((size_t)(v) < sizeof table / sizeof table[0] ? table[v] : "?")

const char *av_role_kind_name(enum av_role_kind k) { return NAME(kind_names, k); }
const char *av_rel_type_name(enum av_rel_type t) { return NAME(rel_names, t); }
const char *av_lang_name(enum av_lang l) { return NAME(lang_names, l); }
const char *av_section_name(enum av_section s) { return NAME(section_names, s); }
const char *av_inline_kind_name(enum av_inline_kind k) { return NAME(inline_names, k); }
const char *av_block_kind_name(enum av_block_kind k) { return NAME(block_names, k); }

static int
lookup(const char *const *table, size_t n, const char *name)
{
	size_t i;
	if (name == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(table[i], name) == 0)
			return (int)i;
	return -1;
}

int av_role_kind_parse(const char *name) { return lookup(kind_names, AV_KIND__COUNT, name); }
int av_rel_type_parse(const char *name) { return lookup(rel_names, AV_REL__COUNT, name); }
int av_section_parse(const char *name) { return lookup(section_names, AV_SECTION__COUNT, name); }

int
av_lang_parse(const char *name)
{
	if (name && strcmp(name, "no") == 0)
		return AV_LANG_NB;
	return lookup(lang_names, AV_LANG__COUNT, name);
}

/* ---- Lookups ---- */

static int
cmp_role_key(const void *key, const void *elem)
{
	return strcmp(key, (*(struct av_role *const *)elem)->id);
}

static int
cmp_party_key(const void *key, const void *elem)
{
	return strcmp(key, (*(struct av_party *const *)elem)->id);
}

const struct av_role *
av_collab_role(const struct av_collab *c, const char *id)
{
	struct av_role **r;
	if (id == NULL || c->roles_by_id == NULL)
		return NULL;
	r = bsearch(id, c->roles_by_id, c->nroles_by_id, sizeof *r, cmp_role_key);
	return r ? *r : NULL;
}

const struct av_party *
av_collab_party(const struct av_collab *c, const char *id)
{
	struct av_party **p;
	if (id == NULL || c->parties_by_id == NULL)
		return NULL;
	p = bsearch(id, c->parties_by_id, c->nparties_by_id, sizeof *p, cmp_party_key);
	return p ? *p : NULL;
}

const struct av_event *
av_collab_latest(const struct av_collab *c)
{
	if (c->history.nrevised)
		return &c->history.revised[c->history.nrevised - 1];
	if (c->history.has_decided)
		return &c->history.decided;
	return NULL;
}

static void
add_inline_text(struct av_buf *b, const struct av_inline *in)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case AV_INLINE_TEXT:
			av_buf_adds(b, in->text);
			break;
		case AV_INLINE_ROLE_REF:
			av_buf_adds(b, in->role && in->role->name ? in->role->name :
			    in->target ? in->target : "");
			break;
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
		case AV_INLINE_LINK:
			add_inline_text(b, in->first);
			break;
		case AV_INLINE__COUNT:
		default:
			assert(!"inline kind");
		}
	}
}

char *
av_inline_text(const struct av_inline *first)
{
	struct av_buf b = {0};
	add_inline_text(&b, first);
	return av_buf_take(&b);
}

/* ---- Freeing ---- */

void
av_inlines_free(struct av_inline *in)
{
	while (in) {
		struct av_inline *next = in->next;
		free(in->text);
		free(in->target);
		av_inlines_free(in->first);
		free(in);
		in = next;
	}
}

static void
free_blocks(struct av_blocks *bl)
{
	size_t i;
	for (i = 0; i < bl->n; i++)
		av_inlines_free(bl->v[i].first);
	free(bl->v);
}

static void
free_event(struct av_event *ev)
{
	free(ev->date_text);
	free(ev->by);
	av_inlines_free(ev->text);
}

static void
free_role(struct av_role *r)
{
	size_t j;

	free(r->id);
	free(r->name);
	av_inlines_free(r->summary);
	for (j = 0; j < AV_SECTION__COUNT; j++)
		free_blocks(&r->sections[j]);
	for (j = 0; j < r->nholders; j++) {
		free(r->holders[j].party_id);
		free(r->holders[j].title);
		free(r->holders[j].name);
	}
	free(r->holders);
	for (j = 0; j < r->nrelations; j++)
		free(r->relations[j].target_id);
	free(r->relations);
}

void
av_collab_free(struct av_collab *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nroles; i++)
		free_role(&c->roles[i]);
	free(c->roles);
	for (i = 0; i < c->nparties; i++) {
		free(c->parties[i].id);
		free(c->parties[i].name);
		free(c->parties[i].short_name);
		free(c->parties[i].colour_written);
	}
	free(c->parties);
	free_event(&c->history.decided);
	for (i = 0; i < c->history.nrevised; i++)
		free_event(&c->history.revised[i]);
	free(c->history.revised);
	free_blocks(&c->purpose);
	free_blocks(&c->governance);
	free_blocks(&c->questions);
	for (i = 0; i < c->nwords; i++)
		free(c->words[i].text);
	free(c->words);
	free(c->roles_by_id);
	free(c->parties_by_id);
	av_load_free_locs(c->locs);
	if (c->doc)
		xmlFreeDoc(c->doc);
	free(c->id);
	free(c->lang_written);
	free(c->title);
	free(c->subtitle);
	free(c->issuer);
	free(c->logo_src);
	free(c->logo_path);
	free(c->bytes);
	free(c->path);
	free(c);
}

/* ---- The dump ---- */

static void
indent(struct av_buf *b, int depth)
{
	int i;
	for (i = 0; i < depth; i++)
		av_buf_adds(b, "  ");
}

/* A string in double quotes with \, " and control characters escaped;
 * (none) for NULL. */
static void
quoted(struct av_buf *b, const char *s)
{
	if (s == NULL) {
		av_buf_adds(b, "(none)");
		return;
	}
	av_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			av_buf_printf(b, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			av_buf_printf(b, "\\x%02x", ch);
		else
			av_buf_addc(b, (char)ch);
	}
	av_buf_addc(b, '"');
}

static void
at(struct av_buf *b, const struct av_loc *loc)
{
	av_buf_printf(b, " @%d:%d\n", loc->line, loc->col);
}

static void
dump_inlines(struct av_buf *b, const struct av_inline *in, int depth)
{
	for (; in; in = in->next) {
		indent(b, depth);
		av_buf_adds(b, av_inline_kind_name(in->kind));
		switch (in->kind) {
		case AV_INLINE_TEXT:
			av_buf_addc(b, ' ');
			quoted(b, in->text);
			av_buf_addc(b, '\n');
			break;
		case AV_INLINE_ROLE_REF:
			av_buf_printf(b, " %s -> ", in->target ? in->target : "(none)");
			quoted(b, in->role ? in->role->name : NULL);
			at(b, &in->loc);
			break;
		case AV_INLINE_LINK:
			av_buf_adds(b, " href=");
			quoted(b, in->target);
			at(b, &in->loc);
			break;
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
			at(b, &in->loc);
			break;
		case AV_INLINE__COUNT:
		default:
			assert(!"inline kind");
		}
		dump_inlines(b, in->first, depth + 1);
	}
}

static void
dump_blocks(struct av_buf *b, const char *name, const struct av_blocks *bl, int depth)
{
	size_t i;
	if (!bl->present)
		return;
	indent(b, depth);
	av_buf_adds(b, name);
	at(b, &bl->loc);
	for (i = 0; i < bl->n; i++) {
		indent(b, depth + 1);
		av_buf_adds(b, av_block_kind_name(bl->v[i].kind));
		at(b, &bl->v[i].loc);
		dump_inlines(b, bl->v[i].first, depth + 2);
	}
}

static void
dump_field(struct av_buf *b, int depth, const char *name, const char *value)
{
	if (value == NULL)
		return;
	indent(b, depth);
	av_buf_printf(b, "%s ", name);
	quoted(b, value);
	av_buf_addc(b, '\n');
}

static void
dump_event(struct av_buf *b, const char *name, const struct av_event *ev)
{
	indent(b, 2);
	av_buf_printf(b, "%s %s", name, ev->date_text ? ev->date_text : "(none)");
	if (ev->date.year == 0)
		av_buf_adds(b, " (invalid)");
	if (ev->by) {
		av_buf_adds(b, " by ");
		quoted(b, ev->by);
	}
	at(b, &ev->loc);
	dump_inlines(b, ev->text, 3);
}

static void
dump_role(struct av_buf *b, const struct av_role *r)
{
	size_t i;

	av_buf_printf(b, "  role %s kind=%s%s", r->id ? r->id : "(none)",
	    av_role_kind_name(r->kind), r->kind_given ? "" : " (default)");
	at(b, &r->loc);
	dump_field(b, 2, "name", r->name);
	if (r->has_summary) {
		indent(b, 2);
		av_buf_adds(b, "summary\n");
		dump_inlines(b, r->summary, 3);
	}
	for (i = 0; i < AV_SECTION__COUNT; i++)
		dump_blocks(b, av_section_name((enum av_section)i), &r->sections[i], 2);
	for (i = 0; i < r->nholders; i++) {
		const struct av_holder *h = &r->holders[i];
		av_buf_printf(b, "    holder party=%s -> ", h->party_id ? h->party_id : "(none)");
		quoted(b, h->party ? h->party->name : NULL);
		av_buf_adds(b, " title=");
		quoted(b, h->title);
		av_buf_adds(b, " name=");
		quoted(b, h->name);
		at(b, &h->loc);
	}
	for (i = 0; i < r->nrelations; i++) {
		const struct av_relation *rl = &r->relations[i];
		av_buf_printf(b, "    %s %s -> ", av_rel_type_name(rl->type),
		    rl->target_id ? rl->target_id : "(none)");
		quoted(b, rl->target ? rl->target->name : NULL);
		at(b, &rl->loc);
	}
}

char *
av_collab_dump(const struct av_collab *c)
{
	struct av_buf b = {0};
	size_t i;

	av_buf_printf(&b, "collaboration %s version=%d lang=%s (written %s)",
	    c->id ? c->id : "(none)", c->version, av_lang_name(c->lang),
	    c->lang_written ? c->lang_written : "(none)");
	at(&b, &c->loc);
	av_buf_printf(&b, "  input %zu bytes sha256=%s\n", c->len, c->sha256);
	dump_field(&b, 1, "title", c->title);
	dump_field(&b, 1, "subtitle", c->subtitle);
	dump_field(&b, 1, "issuer", c->issuer);
	if (c->logo_src) {
		av_buf_adds(&b, "  logo src=");
		quoted(&b, c->logo_src);
		av_buf_adds(&b, " path=");
		quoted(&b, c->logo_path);
		at(&b, &c->logo_loc);
	}
	dump_blocks(&b, "purpose", &c->purpose, 1);
	if (c->history.present) {
		av_buf_adds(&b, "  history");
		at(&b, &c->history.loc);
		if (c->history.has_decided)
			dump_event(&b, "decided", &c->history.decided);
		for (i = 0; i < c->history.nrevised; i++)
			dump_event(&b, "revised", &c->history.revised[i]);
	}
	for (i = 0; i < c->nparties; i++) {
		const struct av_party *p = &c->parties[i];
		av_buf_printf(&b, "  party %s colour=#%06x (%s)", p->id ? p->id : "(none)",
		    p->colour, p->colour_given ? "given" : "palette");
		at(&b, &p->loc);
		dump_field(&b, 2, "name", p->name);
		dump_field(&b, 2, "short", p->short_name);
	}
	for (i = 0; i < c->nroles; i++)
		dump_role(&b, &c->roles[i]);
	dump_blocks(&b, "governance", &c->governance, 1);
	dump_blocks(&b, "questions", &c->questions, 1);
	for (i = 0; i < c->nwords; i++) {
		av_buf_adds(&b, "  hyphenation word ");
		quoted(&b, c->words[i].text);
		at(&b, &c->words[i].loc);
	}
	return av_buf_take(&b);
}

static int
cmp_use(const void *a, const void *b)
{
	const struct av_id_use *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->file, y->file);
}

void
av_duplicate_ids(struct av_id_use *uses, size_t n)
{
	size_t i, j, k, end;

	if (n == 0)
		return;
	qsort(uses, n, sizeof *uses, cmp_use);
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && strcmp(uses[end].id, uses[i].id) == 0; end++)
			;
		if (end - i < 2)
			continue;
		for (j = i; j < end; j++) {
			struct av_buf others = {0};
			for (k = i; k < end; k++)
				if (k != j)
					av_buf_printf(&others, "%s%s", others.len ? ", " : "", uses[k].file);
			av_diag_at(uses[j].d, AV_D_DUPLICATE_COLLAB, uses[j].file, uses[j].line, uses[j].col,
			    "collaboration id '%s' is also used by %s: their outputs would overwrite "
			    "each other", uses[j].id, others.data);
			uses[j].duplicate = 1;
			av_buf_free(&others);
		}
	}
}

void
av_collab_colour_parties(struct av_collab *c)
{
	xmlNode *root = xmlDocGetRootElement(c->doc), *n;

	for (n = root ? root->children : NULL; n; n = n->next) {
		xmlChar *id;
		const struct av_party *p;
		if (n->type != XML_ELEMENT_NODE || n->ns != NULL ||
		    !xmlStrEqual(n->name, BAD_CAST "party") || xmlHasProp(n, BAD_CAST "colour"))
			continue;
		id = xmlGetProp(n, BAD_CAST "id");
		if (id && (p = av_collab_party(c, (const char *)id)) != NULL) {
			char hex[8];
			snprintf(hex, sizeof hex, "#%06x", p->colour & 0xffffffu);
			xmlSetProp(n, BAD_CAST "colour", BAD_CAST hex);
		}
		xmlFree(id);
	}
}
