/* lint.c -- the guidance's advice on roles and responsibility, as warnings (errors under --strict). */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "model.h"
#include "util.h"

/* A name folded for comparison: composed and case-folded.  Caller frees
 * with g_free. */
static char *
fold(const char *s)
{
	char *n = g_utf8_normalize(s, -1, G_NORMALIZE_DEFAULT_COMPOSE);
	char *f = g_utf8_casefold(n ? n : s, -1);
	g_free(n);
	return f;
}

static int
has_blocks(const struct av_blocks *b)
{
	return b->present && b->n > 0;
}

struct folded {
	char *key;
	size_t index;
};

static int
cmp_folded(const void *a, const void *b)
{
	const struct folded *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->index < y->index ? -1 : 1);
}

static int
cmp_folded_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct folded *)elem)->key);
}

/* The same person (by name, in any case) holding an owner role and a
 * lead role: the owners' holders sorted by folded name, each lead
 * holder looked up among them. */
static void
lint_owner_is_lead(const struct av_collab *c, struct av_diags *d)
{
	struct folded *owners = NULL;
	size_t cap = 0, n = 0, i, k;

	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		if (r->kind != AV_KIND_OWNER)
			continue;
		for (k = 0; k < r->nholders; k++) {
			if (r->holders[k].name == NULL)
				continue;
			owners = av_xgrow(owners, &cap, n + 1, sizeof *owners);
			owners[n].key = fold(r->holders[k].name);
			owners[n++].index = i;
		}
	}
	if (n > 0)
		qsort(owners, n, sizeof *owners, cmp_folded);
	for (i = 0; n > 0 && i < c->nroles; i++) {
		const struct av_role *lead = &c->roles[i];
		if (lead->kind != AV_KIND_LEAD)
			continue;
		for (k = 0; k < lead->nholders; k++) {
			const struct av_holder *h = &lead->holders[k];
			const struct folded *hit;
			char *key;
			if (h->name == NULL)
				continue;
			key = fold(h->name);
			hit = bsearch(key, owners, n, sizeof *owners, cmp_folded_key);
			/* The first owner role in file order holding that name. */
			while (hit && hit > owners && strcmp(hit[-1].key, key) == 0)
				hit--;
			if (hit)
				av_diag(d, AV_D_LINT_OWNER_IS_LEAD, &h->loc,
				    "%s holds both the owner role '%s' and the lead role '%s': keep "
				    "a clear line between owning the work and leading it", h->name,
				    c->roles[hit->index].id, lead->id);
			g_free(key);
		}
	}
	for (i = 0; i < n; i++)
		g_free(owners[i].key);
	free(owners);
}

static void
lint_kinds(const struct av_collab *c, struct av_diags *d)
{
	size_t i, nowner = 0, nlead = 0;

	for (i = 0; i < c->nroles; i++) {
		nowner += c->roles[i].kind == AV_KIND_OWNER;
		nlead += c->roles[i].kind == AV_KIND_LEAD;
	}
	if (nowner == 0)
		av_diag(d, AV_D_LINT_NO_OWNER, &c->loc,
		    "no role has kind=\"owner\": a collaboration needs a clear owner");
	if (nlead == 0)
		av_diag(d, AV_D_LINT_NO_LEAD, &c->loc,
		    "no role has kind=\"lead\": a collaboration needs a clear leader of the "
		    "operational work");

	lint_owner_is_lead(c, d);
}

static void
lint_sections(const struct av_collab *c, struct av_diags *d)
{
	size_t i, k;

	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		const char *missing[AV_SECTION__COUNT];
		size_t n = 0;
		struct av_buf b = {0};

		for (k = 0; k < AV_SECTION__COUNT; k++)
			if (!has_blocks(&r->sections[k]))
				missing[n++] = av_section_name((enum av_section)k);
		if (n == 0)
			continue;
		for (k = 0; k < n; k++)
			av_buf_printf(&b, "%s<%s>", k == 0 ? "" : k + 1 == n ? " and " : ", ", missing[k]);
		av_diag(d, AV_D_LINT_MISSING_SECTION, &r->loc,
		    "role '%s' lacks %s: describe each role's responsibilities, expectations, "
		    "authority and latitude", r->id ? r->id : "", b.data);
		av_buf_free(&b);
	}
}

static void
lint_relations(const struct av_collab *c, struct av_diags *d)
{
	unsigned char *related = av_xcalloc(c->nroles + 1, 1);
	size_t i, j;
	int escalation = 0;

	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		for (j = 0; j < r->nrelations; j++) {
			const struct av_relation *rl = &r->relations[j];
			if (rl->type == AV_REL_ESCALATES_TO)
				escalation = 1;
			if (rl->target == NULL)
				continue;
			if (rl->target == r) {
				/* reports-to and member-of to itself is a cycle, an error. */
				if (rl->type != AV_REL_REPORTS_TO && rl->type != AV_REL_MEMBER_OF)
					av_diag(d, AV_D_LINT_SELF_RELATION, &rl->loc,
					    "role '%s' has <%s> to itself", r->id,
					    av_rel_type_name(rl->type));
				continue;
			}
			related[i] = 1;
			related[rl->target->index] = 1;
		}
	}
	for (i = 0; i < c->nroles; i++)
		if (!related[i])
			av_diag(d, AV_D_LINT_UNRELATED, &c->roles[i].loc,
			    "role '%s' has no relation to any other role (reports-to, advises, "
			    "supports, member-of, escalates-to, or another role's relation to it)",
			    c->roles[i].id ? c->roles[i].id : "");
	if (!escalation && !has_blocks(&c->governance))
		av_diag(d, AV_D_LINT_NO_ESCALATION, &c->loc,
		    "no <escalates-to> and no <governance>: say how priorities and conflicts "
		    "are resolved");
	free(related);
}

/* Roles of the same name (in any case): sorted by folded name, each one
 * after the first of its group is reported. */
static void
lint_names(const struct av_collab *c, struct av_diags *d)
{
	struct folded *v = av_xcalloc(c->nroles + 1, sizeof *v);
	size_t i, n = 0, first = 0;

	for (i = 0; i < c->nroles; i++) {
		if (c->roles[i].name == NULL || c->roles[i].name[0] == '\0')
			continue;
		v[n].key = fold(c->roles[i].name);
		v[n++].index = i;
	}
	qsort(v, n, sizeof *v, cmp_folded);
	for (i = 0; i < n; i++) {
		const struct av_role *r, *r0;
		if (i == 0 || strcmp(v[i].key, v[i - 1].key) != 0) {
			first = i;
			continue;
		}
		r = &c->roles[v[i].index];
		r0 = &c->roles[v[first].index];
		av_diag(d, AV_D_LINT_SAME_NAME, &r->loc,
		    "roles '%s' and '%s' (line %d) have the same name '%s'",
		    r->id ? r->id : "", r0->id ? r0->id : "", r0->loc.line, r->name);
	}
	for (i = 0; i < n; i++)
		g_free(v[i].key);
	free(v);
}

void
av_lint(const struct av_collab *c, struct av_diags *d)
{
	lint_kinds(c, d);
	lint_sections(c, d);
	lint_relations(c, d);
	lint_names(c, d);
}

struct av_collab *
av_collab_check(const char *path, struct av_diags *d)
{
	struct av_diags own = {0};
	struct av_collab *c = av_collab_load(path, &own);

	if (c != NULL && !av_diags_has_errors(&own))
		av_lint(c, &own);
	av_diags_move(d, &own);
	return c;
}
