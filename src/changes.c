/* changes.c -- comparing two versions of a collaboration: roles by id, items and paragraphs by content and word similarity. */
#include "config.h"

#include <assert.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "util.h"

/*
 * Inline content in two forms: a key that is equal exactly when the
 * content is (text, markup, role references by id, link targets), and
 * plain words for the similarity of two different ones.
 */
static void
inline_key(struct av_buf *b, const struct av_inline *n)
{
	for (; n; n = n->next) {
		switch (n->kind) {
		case AV_INLINE_TEXT:
			av_buf_adds(b, n->text ? n->text : "");
			break;
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
			av_buf_printf(b, "\1%s\2", av_inline_kind_name(n->kind));
			inline_key(b, n->first);
			av_buf_adds(b, "\3");
			break;
		case AV_INLINE_ROLE_REF:
			av_buf_printf(b, "\1role-ref\2%s\3", n->target ? n->target : "");
			break;
		case AV_INLINE_LINK:
			av_buf_printf(b, "\1link %s\2", n->target ? n->target : "");
			inline_key(b, n->first);
			av_buf_adds(b, "\3");
			break;
		case AV_INLINE__COUNT:
		default:
			assert(!"inline kind");
		}
	}
}

/* The words of inline content: a role reference stands for its role's id,
 * which stays the same when the role is renamed. */
static void
inline_words(struct av_buf *b, const struct av_inline *n)
{
	for (; n; n = n->next) {
		switch (n->kind) {
		case AV_INLINE_TEXT:
			av_buf_adds(b, n->text ? n->text : "");
			break;
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
		case AV_INLINE_LINK:
			inline_words(b, n->first);
			break;
		case AV_INLINE_ROLE_REF:
			av_buf_printf(b, " %s ", n->target ? n->target : "");
			break;
		case AV_INLINE__COUNT:
		default:
			assert(!"inline kind");
		}
	}
}

static char *
block_key(const struct av_block *blk)
{
	struct av_buf b = { 0 };
	av_buf_printf(&b, "%s\2", av_block_kind_name(blk->kind));
	inline_key(&b, blk->first);
	return av_buf_take(&b);
}

static char *
block_words(const struct av_block *blk)
{
	struct av_buf b = { 0 };
	av_buf_adds(&b, "");
	inline_words(&b, blk->first);
	return av_buf_take(&b);
}

/* Two case-folded words are the same word when they are equal, or share
 * their first four or more letters and differ after that in at most two
 * letters each: the endings of Nordic inflection (definite -en/-et,
 * plural -ar/-er, genitive -s). */
static int
same_word(const char *a, const char *b)
{
	const char *pa = a, *pb = b;
	glong common = 0;

	if (strcmp(a, b) == 0)
		return 1;
	while (*pa && *pb) {
		gunichar ca = g_utf8_get_char(pa), cb = g_utf8_get_char(pb);
		if (ca != cb)
			break;
		common++;
		pa = g_utf8_next_char(pa);
		pb = g_utf8_next_char(pb);
	}
	return common >= 4 && g_utf8_strlen(pa, -1) <= 2 && g_utf8_strlen(pb, -1) <= 2;
}

double
av_changes_similarity(const char *a, const char *b)
{
	gchar **wa = g_str_tokenize_and_fold(a ? a : "", NULL, NULL);
	gchar **wb = g_str_tokenize_and_fold(b ? b : "", NULL, NULL);
	size_t na = g_strv_length(wa), nb = g_strv_length(wb), i, j;
	size_t *prev, *cur;
	double sim;

	if (na == 0 || nb == 0) {
		sim = na == nb ? 1.0 : 0.0;
		goto out;
	}
	/* The longest common subsequence of words, one row at a time. */
	prev = av_xcalloc(nb + 1, sizeof *prev);
	cur = av_xcalloc(nb + 1, sizeof *cur);
	for (i = 1; i <= na; i++) {
		size_t *t;
		for (j = 1; j <= nb; j++) {
			if (same_word(wa[i - 1], wb[j - 1]))
				cur[j] = prev[j - 1] + 1;
			else
				cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	sim = 2.0 * (double)prev[nb] / (double)(na + nb);
	free(prev);
	free(cur);
out:
	g_strfreev(wa);
	g_strfreev(wb);
	return sim;
}

/* A candidate pair of an old and a new block with different content. */
struct pair {
	size_t i, j;
	double sim;
};

static int
cmp_pair(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;
	size_t da = a->i > a->j ? a->i - a->j : a->j - a->i;
	size_t db = b->i > b->j ? b->i - b->j : b->j - b->i;
	if (a->sim != b->sim)
		return a->sim > b->sim ? -1 : 1;
	if (da != db)
		return da < db ? -1 : 1;
	if (a->j != b->j)
		return a->j < b->j ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * Pairs the blocks of two lists.  Blocks with the same content pair first
 * (in order, so a list merely reordered is the same).  The rest pair
 * greedily, most similar first, from AV_CHANGES_THRESHOLD on; equal
 * similarities go to the pair closest in position.  Greedy rather than an
 * optimal assignment: the lists are short, a rewording stays far more
 * similar to its old wording than to any other item, and the result is
 * easy to predict.
 */
static void
diff_blocks(const struct av_blocks *old, const struct av_blocks *new, struct av_blocks_diff *out)
{
	size_t no = old ? old->n : 0, nn = new ? new->n : 0, i, j, k, np = 0;
	char **okey = av_xcalloc(no + 1, sizeof *okey), **nkey = av_xcalloc(nn + 1, sizeof *nkey);
	size_t *match_new = av_xcalloc(nn + 1, sizeof *match_new); /* old index + 1 */
	size_t *match_old = av_xcalloc(no + 1, sizeof *match_old); /* new index + 1 */
	double *sim = av_xcalloc(nn + 1, sizeof *sim);
	struct pair *pairs = NULL;

	for (i = 0; i < no; i++)
		okey[i] = block_key(&old->v[i]);
	for (j = 0; j < nn; j++)
		nkey[j] = block_key(&new->v[j]);
	for (j = 0; j < nn; j++) {
		for (i = 0; i < no; i++) {
			if (!match_old[i] && strcmp(okey[i], nkey[j]) == 0) {
				match_old[i] = j + 1;
				match_new[j] = i + 1;
				sim[j] = 1.0;
				break;
			}
		}
	}
	if (nn > 0 && no > 0) {
		char **owords = av_xcalloc(no, sizeof *owords);
		pairs = av_xcalloc(no * nn, sizeof *pairs);
		for (i = 0; i < no; i++)
			if (!match_old[i])
				owords[i] = block_words(&old->v[i]);
		for (j = 0; j < nn; j++) {
			char *w;
			if (match_new[j])
				continue;
			w = block_words(&new->v[j]);
			for (i = 0; i < no; i++) {
				double s;
				if (match_old[i])
					continue;
				s = av_changes_similarity(owords[i], w);
				if (s >= AV_CHANGES_THRESHOLD) {
					pairs[np].i = i;
					pairs[np].j = j;
					pairs[np].sim = s;
					np++;
				}
			}
			free(w);
		}
		for (i = 0; i < no; i++)
			free(owords[i]);
		free(owords);
		qsort(pairs, np, sizeof *pairs, cmp_pair);
		for (k = 0; k < np; k++) {
			if (match_old[pairs[k].i] || match_new[pairs[k].j])
				continue;
			match_old[pairs[k].i] = pairs[k].j + 1;
			match_new[pairs[k].j] = pairs[k].i + 1;
			sim[pairs[k].j] = pairs[k].sim;
		}
	}

	memset(out, 0, sizeof *out);
	out->v = av_xcalloc(nn + no + 1, sizeof *out->v);
	for (j = 0; j < nn; j++) {
		struct av_block_change *bc = &out->v[out->n++];
		bc->new = &new->v[j];
		bc->new_index = j;
		if (match_new[j]) {
			i = match_new[j] - 1;
			bc->old = &old->v[i];
			bc->old_index = i;
			bc->change = strcmp(okey[i], nkey[j]) == 0 ? AV_CHANGE_SAME : AV_CHANGE_CHANGED;
			bc->similarity = sim[j];
		} else {
			bc->change = AV_CHANGE_ADDED;
			bc->old_index = (size_t)-1;
		}
		out->count[bc->change]++;
	}
	for (i = 0; i < no; i++) {
		struct av_block_change *bc;
		if (match_old[i])
			continue;
		bc = &out->v[out->n++];
		bc->change = AV_CHANGE_REMOVED;
		bc->old = &old->v[i];
		bc->old_index = i;
		bc->new_index = (size_t)-1;
		out->count[AV_CHANGE_REMOVED]++;
	}
	for (i = 0; i < no; i++)
		free(okey[i]);
	for (j = 0; j < nn; j++)
		free(nkey[j]);
	free(okey);
	free(nkey);
	free(match_new);
	free(match_old);
	free(sim);
	free(pairs);
}

static int
blocks_differ(const struct av_blocks_diff *d)
{
	return d->count[AV_CHANGE_ADDED] + d->count[AV_CHANGE_CHANGED] + d->count[AV_CHANGE_REMOVED] > 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Two lists of strings, each sorted, compared as multisets; frees them. */
static int
lists_differ(char **a, size_t na, char **b, size_t nb)
{
	size_t i;
	int differ = na != nb;

	qsort(a, na, sizeof *a, cmp_str);
	qsort(b, nb, sizeof *b, cmp_str);
	for (i = 0; !differ && i < na; i++)
		differ = strcmp(a[i], b[i]) != 0;
	for (i = 0; i < na; i++)
		free(a[i]);
	for (i = 0; i < nb; i++)
		free(b[i]);
	free(a);
	free(b);
	return differ;
}

static char **
holder_keys(const struct av_role *r)
{
	char **v = av_xcalloc(r->nholders + 1, sizeof *v);
	size_t i;
	for (i = 0; i < r->nholders; i++) {
		const struct av_holder *h = &r->holders[i];
		v[i] = av_xasprintf("%s\1%s\1%s\1%s", h->party_id ? h->party_id : "",
		    h->party && h->party->name ? h->party->name : "", h->title ? h->title : "",
		    h->name ? h->name : "");
	}
	return v;
}

/* The relations a role's charter lists: its own, and those of other
 * roles to it ("reported to by"). */
static char **
relation_keys(const struct av_collab *c, const struct av_role *r, size_t *n)
{
	char **v = NULL;
	size_t cap = 0, i, j;

	*n = 0;
	for (i = 0; i < r->nrelations; i++) {
		v = av_xgrow(v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = av_xasprintf("to\1%s\1%s", av_rel_type_name(r->relations[i].type),
		    r->relations[i].target_id ? r->relations[i].target_id : "");
	}
	for (i = 0; i < c->nroles; i++) {
		const struct av_role *o = &c->roles[i];
		for (j = 0; j < o->nrelations; j++) {
			if (!o->relations[j].target_id || !r->id || strcmp(o->relations[j].target_id, r->id) != 0)
				continue;
			v = av_xgrow(v, &cap, *n + 1, sizeof *v);
			v[(*n)++] = av_xasprintf("from\1%s\1%s", av_rel_type_name(o->relations[j].type),
			    o->id ? o->id : "");
		}
	}
	if (v == NULL)
		v = av_xcalloc(1, sizeof *v);
	return v;
}

static int
summaries_differ(const struct av_role *a, const struct av_role *b)
{
	struct av_buf ka = { 0 }, kb = { 0 };
	int differ;
	av_buf_adds(&ka, "");
	av_buf_adds(&kb, "");
	inline_key(&ka, a->has_summary ? a->summary : NULL);
	inline_key(&kb, b->has_summary ? b->summary : NULL);
	differ = strcmp(ka.data, kb.data) != 0;
	av_buf_free(&ka);
	av_buf_free(&kb);
	return differ;
}

static int
strings_differ(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* A text of the title page: absent and empty are the same. */
static enum av_change
text_change(const char *old, const char *new)
{
	if (!strings_differ(old, new))
		return AV_CHANGE_SAME;
	if (old == NULL || *old == '\0')
		return AV_CHANGE_ADDED;
	return new == NULL || *new == '\0' ? AV_CHANGE_REMOVED : AV_CHANGE_CHANGED;
}

static void
diff_role(const struct av_changes *ch, const struct av_role *old, const struct av_role *new,
    struct av_role_change *rc)
{
	char **ro, **rn;
	size_t nro, nrn;
	int s;

	rc->old = old;
	rc->new = new;
	if (strings_differ(old->name, new->name))
		rc->parts |= AV_PART_NAME;
	if (summaries_differ(old, new))
		rc->parts |= AV_PART_SUMMARY;
	for (s = 0; s < AV_SECTION__COUNT; s++) {
		diff_blocks(&old->sections[s], &new->sections[s], &rc->sections[s]);
		if (blocks_differ(&rc->sections[s]))
			rc->parts |= AV_PART_SECTIONS;
	}
	if (lists_differ(holder_keys(old), old->nholders, holder_keys(new), new->nholders))
		rc->parts |= AV_PART_HOLDERS;
	ro = relation_keys(ch->old, old, &nro);
	rn = relation_keys(ch->new, new, &nrn);
	if (lists_differ(ro, nro, rn, nrn))
		rc->parts |= AV_PART_RELATIONS;
	rc->change = rc->parts ? AV_CHANGE_CHANGED : AV_CHANGE_SAME;
}

struct av_changes *
av_changes_diff(const struct av_collab *old, const struct av_collab *new)
{
	struct av_changes *ch = av_xcalloc(1, sizeof *ch);
	size_t i;

	ch->old = old;
	ch->new = new;
	ch->roles = av_xcalloc(new->nroles + old->nroles + 1, sizeof *ch->roles);
	for (i = 0; i < new->nroles; i++) {
		const struct av_role *r = &new->roles[i];
		const struct av_role *o = r->id ? av_collab_role(old, r->id) : NULL;
		struct av_role_change *rc = &ch->roles[ch->nroles++];
		if (o == NULL) {
			rc->change = AV_CHANGE_ADDED;
			rc->new = r;
		} else {
			diff_role(ch, o, r, rc);
		}
		ch->count[rc->change]++;
	}
	for (i = 0; i < old->nroles; i++) {
		const struct av_role *o = &old->roles[i];
		struct av_role_change *rc;
		if (o->id && av_collab_role(new, o->id))
			continue;
		rc = &ch->roles[ch->nroles++];
		rc->change = AV_CHANGE_REMOVED;
		rc->old = o;
		ch->count[AV_CHANGE_REMOVED]++;
	}
	ch->front[AV_FRONT_TITLE] = text_change(old->title, new->title);
	ch->front[AV_FRONT_SUBTITLE] = text_change(old->subtitle, new->subtitle);
	ch->front[AV_FRONT_ISSUER] = text_change(old->issuer, new->issuer);
	diff_blocks(&old->purpose, &new->purpose, &ch->purpose);
	diff_blocks(&old->governance, &new->governance, &ch->governance);
	diff_blocks(&old->questions, &new->questions, &ch->questions);
	return ch;
}

static void
free_blocks_diff(struct av_blocks_diff *d)
{
	free(d->v);
}

void
av_changes_free(struct av_changes *ch)
{
	size_t i;
	int s;

	if (ch == NULL)
		return;
	for (i = 0; i < ch->nroles; i++)
		for (s = 0; s < AV_SECTION__COUNT; s++)
			free_blocks_diff(&ch->roles[i].sections[s]);
	free(ch->roles);
	free_blocks_diff(&ch->purpose);
	free_blocks_diff(&ch->governance);
	free_blocks_diff(&ch->questions);
	free(ch);
}

static int
front_differs(const struct av_changes *ch)
{
	int f;
	for (f = 0; f < AV_FRONT__COUNT; f++)
		if (ch->front[f] != AV_CHANGE_SAME)
			return 1;
	return 0;
}

int
av_changes_any(const struct av_changes *ch)
{
	return ch->count[AV_CHANGE_ADDED] + ch->count[AV_CHANGE_CHANGED] + ch->count[AV_CHANGE_REMOVED] > 0 ||
	    front_differs(ch) || blocks_differ(&ch->purpose) || blocks_differ(&ch->governance) ||
	    blocks_differ(&ch->questions);
}

/* The dump. */

const char *
av_change_name(enum av_change c)
{
	switch (c) {
	case AV_CHANGE_SAME:
		return "same";
	case AV_CHANGE_ADDED:
		return "added";
	case AV_CHANGE_CHANGED:
		return "changed";
	case AV_CHANGE_REMOVED:
		return "removed";
	case AV_CHANGE__COUNT:
	default:
		assert(!"change kind");
		return "?";
	}
}

const char *
av_front_name(enum av_front f)
{
	switch (f) {
	case AV_FRONT_TITLE:
		return "title";
	case AV_FRONT_SUBTITLE:
		return "subtitle";
	case AV_FRONT_ISSUER:
		return "issuer";
	case AV_FRONT__COUNT:
	default:
		assert(!"title page text");
		return "?";
	}
}

static void
dump_text(struct av_buf *b, const struct av_inline *first)
{
	char *t = av_inline_text(first);
	av_buf_printf(b, " \"%s\"", t);
	free(t);
}

static void
dump_blocks(struct av_buf *b, const char *indent, const char *name, const struct av_blocks_diff *d,
    int always)
{
	size_t i;

	if (d->n == 0 || (!always && !blocks_differ(d)))
		return;
	av_buf_printf(b, "%s%s\n", indent, name);
	for (i = 0; i < d->n; i++) {
		const struct av_block_change *bc = &d->v[i];
		av_buf_printf(b, "%s  %s %s", indent, av_change_name(bc->change),
		    av_block_kind_name((bc->new ? bc->new : bc->old)->kind));
		if (bc->new)
			av_buf_printf(b, " %d:%d", bc->new->loc.line, bc->new->loc.col);
		if (bc->old)
			av_buf_printf(b, " <- %d:%d", bc->old->loc.line, bc->old->loc.col);
		if (bc->change == AV_CHANGE_CHANGED)
			av_buf_printf(b, " %.2f", bc->similarity);
		if (bc->change != AV_CHANGE_SAME)
			dump_text(b, (bc->new ? bc->new : bc->old)->first);
		av_buf_addc(b, '\n');
	}
}

char *
av_changes_dump(const struct av_changes *ch)
{
	static const struct {
		unsigned bit;
		const char *name;
	} parts[] = {
		{ AV_PART_NAME, "name" }, { AV_PART_SUMMARY, "summary" }, { AV_PART_SECTIONS, "sections" },
		{ AV_PART_HOLDERS, "holders" }, { AV_PART_RELATIONS, "relations" },
	};
	const struct av_event *since = av_collab_latest(ch->old);
	struct av_buf b = { 0 };
	size_t i, k;
	int s;

	av_buf_printf(&b, "changes %s -> %s since %s\n", ch->old->path, ch->new->path,
	    since ? since->date_text : "(no history)");
	av_buf_printf(&b, "roles: %zu same, %zu added, %zu changed, %zu removed\n",
	    ch->count[AV_CHANGE_SAME], ch->count[AV_CHANGE_ADDED], ch->count[AV_CHANGE_CHANGED],
	    ch->count[AV_CHANGE_REMOVED]);
	for (i = 0; i < ch->nroles; i++) {
		const struct av_role_change *rc = &ch->roles[i];
		const struct av_role *r = rc->new ? rc->new : rc->old;
		av_buf_printf(&b, "role %s %s", r->id, av_change_name(rc->change));
		if (rc->new)
			av_buf_printf(&b, " %d:%d", rc->new->loc.line, rc->new->loc.col);
		if (rc->old)
			av_buf_printf(&b, " <- %d:%d", rc->old->loc.line, rc->old->loc.col);
		for (k = 0; k < sizeof parts / sizeof parts[0]; k++)
			if (rc->parts & parts[k].bit)
				av_buf_printf(&b, " %s", parts[k].name);
		if (rc->change == AV_CHANGE_REMOVED || (rc->parts & AV_PART_NAME))
			av_buf_printf(&b, " \"%s\"", rc->old->name ? rc->old->name : "");
		av_buf_addc(&b, '\n');
		if (rc->change == AV_CHANGE_CHANGED)
			for (s = 0; s < AV_SECTION__COUNT; s++)
				dump_blocks(&b, "  ", av_section_name((enum av_section)s), &rc->sections[s], 1);
	}
	if (front_differs(ch)) {
		int f;
		av_buf_adds(&b, "front");
		for (f = 0; f < AV_FRONT__COUNT; f++)
			if (ch->front[f] != AV_CHANGE_SAME)
				av_buf_printf(&b, " %s", av_front_name((enum av_front)f));
		av_buf_addc(&b, '\n');
	}
	dump_blocks(&b, "", "purpose", &ch->purpose, 0);
	dump_blocks(&b, "", "governance", &ch->governance, 0);
	dump_blocks(&b, "", "questions", &ch->questions, 0);
	return av_buf_take(&b);
}
