/* test_changes.c -- what changed between two versions: the word similarity, the comparison of the fixture pairs and of small cases, the marks written for the templates. */
#include "config.h"

#include <criterion/criterion.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "diag.h"
#include "harness.h"
#include "model.h"
#include "util.h"

/* The fixture pairs: tests/changes/old/LANG.xml and new/LANG.xml. */
static const char *const langs[] = { "sv", "nb" };
#define NLANGS (sizeof langs / sizeof langs[0])

/* Loads `rel` (relative to the source tree, which becomes the working
 * directory, so that paths in dumps are stable), asserting no errors. */
static struct av_collab *
load_clean(const char *rel)
{
	struct av_diags d = {0};
	struct av_collab *c;
	char *msgs;

	cr_assert_eq(chdir(th_srcdir()), 0);
	c = av_collab_load(rel, &d);
	msgs = av_diags_format(&d);
	cr_assert_not_null(c, "%s did not load:\n%s", rel, msgs);
	cr_assert_eq(d.nerrors, 0, "%s has errors:\n%s", rel, msgs);
	free(msgs);
	av_diags_free(&d);
	return c;
}

/* A collaboration from text: `roles` (role elements) inside a minimal
 * collaboration. */
static struct av_collab *
load_text(const char *name, const char *roles)
{
	struct av_diags d = {0};
	char *xml = av_xasprintf("<collaboration id=\"t\" version=\"1\" xml:lang=\"sv\">"
	    "<title>T</title>"
	    "<history><decided date=\"2020-01-15\" by=\"X\"/></history>"
	    "<party id=\"p\" name=\"P\"/>%s</collaboration>", roles);
	struct av_collab *c = av_collab_load_buffer(name, xml, strlen(xml), &d);
	char *msgs = av_diags_format(&d);

	cr_assert_not_null(c, "%s did not load:\n%s", name, msgs);
	cr_assert_eq(d.nerrors, 0, "%s has errors:\n%s\n%s", name, msgs, xml);
	free(msgs);
	free(xml);
	av_diags_free(&d);
	return c;
}

/* A role with one responsibilities section holding `items` (item and p
 * elements). */
static char *
role(const char *id, const char *name, const char *items)
{
	return av_xasprintf("<role id=\"%s\"><name>%s</name><responsibilities>%s</responsibilities>"
	    "<holder party=\"p\" title=\"T\">N</holder></role>", id, name, items);
}

/* The comparison of two texts given as roles. */
struct pair {
	struct av_collab *old, *new;
	struct av_changes *ch;
};

static void
compare(struct pair *p, const char *old_roles, const char *new_roles)
{
	p->old = load_text("old.xml", old_roles);
	p->new = load_text("new.xml", new_roles);
	p->ch = av_changes_diff(p->old, p->new);
}

static void
pair_free(struct pair *p)
{
	av_changes_free(p->ch);
	av_collab_free(p->old);
	av_collab_free(p->new);
}

/* The changes of the first role's responsibilities, as "same changed
 * added removed" letters in the comparison's order. */
static char *
letters(const struct av_changes *ch)
{
	static const char l[] = { 's', 'c', 'a', 'r' };
	const struct av_blocks_diff *d = &ch->roles[0].sections[AV_SECTION_RESPONSIBILITIES];
	char *s = av_xcalloc(d->n + 1, 1);
	size_t i;
	for (i = 0; i < d->n; i++) {
		switch (d->v[i].change) {
		case AV_CHANGE_SAME: s[i] = l[0]; break;
		case AV_CHANGE_CHANGED: s[i] = l[1]; break;
		case AV_CHANGE_ADDED: s[i] = l[2]; break;
		case AV_CHANGE_REMOVED: s[i] = l[3]; break;
		case AV_CHANGE__COUNT:
		default: cr_assert_fail("change kind");
		}
	}
	return s;
}

/* Compares the blocks `old_items` with `new_items` in one role and
 * expects the letters `want`. */
static void
expect_blocks(const char *old_items, const char *new_items, const char *want, const char *why)
{
	char *a = role("r", "R", old_items), *b = role("r", "R", new_items), *got;
	struct pair p;

	compare(&p, a, b);
	got = letters(p.ch);
	cr_expect_str_eq(got, want, "%s: %s, not %s", why, want, got);
	free(got);
	pair_free(&p);
	free(a);
	free(b);
}

Test(changes, similarity)
{
	/* The same words, whatever the case and punctuation. */
	cr_expect_float_eq(av_changes_similarity("Följer upp planen.", "följer upp planen"), 1.0, 1e-9);
	cr_expect_float_eq(av_changes_similarity("", ""), 1.0, 1e-9);
	cr_expect_float_eq(av_changes_similarity("ord", ""), 0.0, 1e-9);
	/* 9 words kept of 9 and 11: 18/20. */
	cr_expect_float_eq(av_changes_similarity("Ansvarar för att projektet når sina mål inom budget.",
	    "Ansvarar för att projektet når sina mål inom budget och tidplan."), 18.0 / 20.0, 1e-9);
	/* Inflected forms are the same word. */
	cr_expect_float_eq(av_changes_similarity("Godkänner budget", "godkänner budgeten"), 1.0, 1e-9);
	cr_expect_float_eq(av_changes_similarity("projekten", "projektet"), 1.0, 1e-9);
	/* Short words are not stemmed: "för" is not "före". */
	cr_expect_float_eq(av_changes_similarity("för", "före"), 0.0, 1e-9);
	/* Nor are words that only begin alike. */
	cr_expect_float_eq(av_changes_similarity("samverkan", "samordning"), 0.0, 1e-9);
	/* Order counts: the common subsequence, not the common set. */
	cr_expect_float_eq(av_changes_similarity("a b c d", "d c b a"), 2.0 / 8.0, 1e-9);
	/* Two different items of one section share little. */
	cr_expect_lt(av_changes_similarity("Fastställer projektplanen och följer upp den varje kvartal.",
	    "Prioriterar mellan delprojekten när resurserna inte räcker till."), AV_CHANGES_THRESHOLD);
	/* Letters beyond ASCII are folded as letters. */
	cr_expect_float_eq(av_changes_similarity("ÅTERRAPPORTERING ÖVER ÄRENDEN", "återrapportering över ärenden"),
	    1.0, 1e-9);
}

Test(changes, blocks)
{
	expect_blocks("<item>Ett.</item><item>Två.</item>", "<item>Ett.</item><item>Två.</item>", "ss",
	    "unchanged");
	expect_blocks("<item>Ett.</item><item>Två.</item>", "<item>Två.</item><item>Ett.</item>", "ss",
	    "a reordered list is the same");
	expect_blocks("<item>Följer upp planen varje månad.</item>",
	    "<item>Följer upp planen varje vecka.</item>", "c", "a reworded item is changed");
	expect_blocks("<item>Följer upp planen.</item>", "<item>Följer upp <em>planen</em>.</item>", "c",
	    "new markup is a change");
	expect_blocks("<item>Se <link href=\"https://a.example\">sidan</link>.</item>",
	    "<item>Se <link href=\"https://b.example\">sidan</link>.</item>", "c", "another link target is a change");
	expect_blocks("<item>Ett.</item>", "<p>Ett.</p>", "c", "an item that became a paragraph is changed");
	expect_blocks("<item>Ett.</item>", "<item>Ett.</item><item>Beslutar om budgeten.</item>", "sa",
	    "a new item is added");
	expect_blocks("<item>Ett.</item><item>Beslutar om budgeten.</item>", "<item>Ett.</item>", "sr",
	    "a dropped item is removed");
	expect_blocks("<item>Beslutar om budgeten för året.</item>",
	    "<item>Rapporterar till styrgruppen varje kvartal.</item>", "ar",
	    "an unrelated item replacing another is added and removed");
	/* Two old items, each reworded: each pairs with its own new wording,
	 * not with the other's, though both are above the threshold. */
	expect_blocks("<item>Följer upp projektets budget och tidplan varje månad.</item>"
	    "<item>Följer upp projektets risker och tidplan varje månad.</item>",
	    "<item>Följer upp projektets risker och tidplan varje vecka.</item>"
	    "<item>Följer upp projektets budget och tidplan varje vecka.</item>", "cc",
	    "rewordings pair with their own");
	{
		char *a = role("r", "R", "<item>Följer upp projektets budget och tidplan varje månad.</item>"
		    "<item>Följer upp projektets risker och tidplan varje månad.</item>");
		char *b = role("r", "R", "<item>Följer upp projektets risker och tidplan varje vecka.</item>"
		    "<item>Följer upp projektets budget och tidplan varje vecka.</item>");
		struct pair p;
		const struct av_blocks_diff *d;
		compare(&p, a, b);
		d = &p.ch->roles[0].sections[AV_SECTION_RESPONSIBILITIES];
		cr_expect_eq(d->v[0].old_index, 1, "the first new item is the second old one reworded");
		cr_expect_eq(d->v[1].old_index, 0, "the second new item is the first old one reworded");
		pair_free(&p);
		free(a);
		free(b);
	}
	/* Two identical old items and one new: one same, one removed. */
	expect_blocks("<item>Ett.</item><item>Ett.</item>", "<item>Ett.</item>", "sr", "duplicates pair once");
}

/* What makes a role changed, and what does not. */
Test(changes, roles)
{
	char *old_roles = av_xasprintf("%s%s%s",
	    "<role id=\"a\"><name>A</name><responsibilities><item>Gör det som <role-ref role=\"b\"/> ber om.</item>"
	    "</responsibilities><holder party=\"p\" title=\"T\">N</holder><holder party=\"p\" title=\"U\">M</holder>"
	    "<reports-to role=\"b\"/><escalates-to role=\"b\"/></role>",
	    "<role id=\"b\"><name>B</name><responsibilities><item>Leder.</item></responsibilities>"
	    "<holder party=\"p\" title=\"T\">O</holder></role>",
	    "<role id=\"c\"><name>C</name><responsibilities><item>Stöder.</item></responsibilities>"
	    "<holder party=\"p\" title=\"T\">P</holder><supports role=\"b\"/></role>");
	/* a: holders and relations reordered, and b renamed, which changes
	 * the name its reference shows but not a's text: a is the same.  b:
	 * renamed.  c: removed.  d: added. */
	char *new_roles = av_xasprintf("%s%s%s",
	    "<role id=\"a\"><name>A</name><responsibilities><item>Gör det som <role-ref role=\"b\"/> ber om.</item>"
	    "</responsibilities><holder party=\"p\" title=\"U\">M</holder><holder party=\"p\" title=\"T\">N</holder>"
	    "<escalates-to role=\"b\"/><reports-to role=\"b\"/></role>",
	    "<role id=\"b\"><name>Bee</name><responsibilities><item>Leder.</item></responsibilities>"
	    "<holder party=\"p\" title=\"T\">O</holder></role>",
	    "<role id=\"d\"><name>D</name><responsibilities><item>Stöder.</item></responsibilities>"
	    "<holder party=\"p\" title=\"T\">P</holder><supports role=\"b\"/></role>");
	struct pair p;

	compare(&p, old_roles, new_roles);
	cr_assert_eq(p.ch->nroles, 4);
	cr_expect_eq(p.ch->roles[0].change, AV_CHANGE_SAME, "a is the same");
	cr_expect_eq(p.ch->roles[1].change, AV_CHANGE_CHANGED, "b is changed");
	cr_expect_eq(p.ch->roles[1].parts, AV_PART_NAME, "b: only its name");
	cr_expect_eq(p.ch->roles[2].change, AV_CHANGE_ADDED, "d is added");
	cr_expect_str_eq(p.ch->roles[2].new->id, "d");
	cr_expect_eq(p.ch->roles[3].change, AV_CHANGE_REMOVED, "c is removed, after the new roles");
	cr_expect_str_eq(p.ch->roles[3].old->id, "c");
	cr_expect_eq(p.ch->count[AV_CHANGE_SAME], 1);
	cr_expect_eq(p.ch->count[AV_CHANGE_CHANGED], 1);
	cr_expect_eq(p.ch->count[AV_CHANGE_ADDED], 1);
	cr_expect_eq(p.ch->count[AV_CHANGE_REMOVED], 1);
	cr_expect(av_changes_any(p.ch));
	pair_free(&p);

	/* Holders: another person; relations: another target; summary. */
	{
		static const struct {
			const char *old, *new;
			unsigned parts;
		} cases[] = {
			{ "<holder party=\"p\" title=\"T\">N</holder>", "<holder party=\"p\" title=\"T\">M</holder>",
			  AV_PART_HOLDERS },
			{ "<holder party=\"p\" title=\"T\">N</holder>", "<holder party=\"p\" title=\"T2\">N</holder>",
			  AV_PART_HOLDERS },
			{ "<holder party=\"p\" title=\"T\">N</holder><reports-to role=\"z\"/>",
			  "<holder party=\"p\" title=\"T\">N</holder><advises role=\"z\"/>", AV_PART_RELATIONS },
			{ "<holder party=\"p\" title=\"T\">N</holder>",
			  "<holder party=\"p\" title=\"T\">N</holder><reports-to role=\"z\"/>", AV_PART_RELATIONS },
		};
		size_t i;
		for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			char *o = av_xasprintf("<role id=\"r\"><name>R</name><summary>S.</summary>%s</role>"
			    "<role id=\"z\"><name>Z</name><holder party=\"p\" title=\"T\">Q</holder></role>", cases[i].old);
			char *n = av_xasprintf("<role id=\"r\"><name>R</name><summary>S.</summary>%s</role>"
			    "<role id=\"z\"><name>Z</name><holder party=\"p\" title=\"T\">Q</holder></role>", cases[i].new);
			compare(&p, o, n);
			cr_expect_eq(p.ch->roles[0].parts, cases[i].parts, "case %zu: parts %u, not %u", i,
			    cases[i].parts, p.ch->roles[0].parts);
			pair_free(&p);
			free(o);
			free(n);
		}
		compare(&p, "<role id=\"r\"><name>R</name><summary>S.</summary><holder party=\"p\" title=\"T\"/></role>",
		    "<role id=\"r\"><name>R</name><summary>Annat.</summary><holder party=\"p\" title=\"T\"/></role>");
		cr_expect_eq(p.ch->roles[0].parts, AV_PART_SUMMARY, "a new summary");
		pair_free(&p);
		compare(&p, "<role id=\"r\" kind=\"team\"><name>R</name><holder party=\"p\" title=\"T\"/></role>",
		    "<role id=\"r\" kind=\"member\"><name>R</name><holder party=\"p\" title=\"T\"/></role>");
		cr_expect_eq(p.ch->roles[0].change, AV_CHANGE_SAME, "the kind is not compared");
		cr_expect(!av_changes_any(p.ch), "nothing changed");
		pair_free(&p);
	}
	free(old_roles);
	free(new_roles);
}

/* A fixture pair loaded and compared, with the path of its expected
 * file tests/changes/LANG.EXT. */
struct fixture {
	struct av_collab *old, *new;
	struct av_changes *ch;
	char *expected;
};

static void
fixture_open(struct fixture *f, const char *lang, const char *ext)
{
	char *old_rel = av_xasprintf("tests/changes/old/%s.xml", lang);
	char *new_rel = av_xasprintf("tests/changes/new/%s.xml", lang);
	char *exp_rel = av_xasprintf("tests/changes/%s.%s", lang, ext);

	f->old = load_clean(old_rel);
	f->new = load_clean(new_rel);
	f->ch = av_changes_diff(f->old, f->new);
	f->expected = th_src(exp_rel);
	free(exp_rel);
	free(old_rel);
	free(new_rel);
}

static void
fixture_close(struct fixture *f)
{
	av_changes_free(f->ch);
	av_collab_free(f->old);
	av_collab_free(f->new);
	free(f->expected);
}

/* The fixture pairs, compared: tests/changes/LANG.dump. */
Test(changes, fixture_dumps)
{
	size_t i;
	for (i = 0; i < NLANGS; i++) {
		struct fixture f;
		char *dump;

		fixture_open(&f, langs[i], "dump");
		dump = av_changes_dump(f.ch);
		cr_expect(th_matches_file(f.expected, dump), "comparison of the %s pair differs", langs[i]);
		free(dump);
		fixture_close(&f);
	}
}

/* The marks in a document: each marked element with its line, then the
 * ch:changes element as XML. */
static void
dump_marks(struct av_buf *b, const struct av_collab *c, xmlNode *n)
{
	for (; n; n = n->next) {
		xmlAttr *a;
		int any = 0;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && strcmp((const char *)n->ns->href, AV_CHANGES_NS) == 0) {
			xmlBuffer *xb = xmlBufferCreate();
			xmlNodeDump(xb, c->doc, n, 0, 1);
			av_buf_printf(b, "%s\n", (const char *)xmlBufferContent(xb));
			xmlBufferFree(xb);
			continue;
		}
		for (a = n->properties; a; a = a->next) {
			xmlChar *v;
			if (a->ns == NULL || strcmp((const char *)a->ns->href, AV_CHANGES_NS) != 0)
				continue;
			if (!any) {
				const struct av_loc *l = av_collab_node_loc(c, n);
				av_buf_printf(b, "%d:%d %s", l ? l->line : 0, l ? l->col : 0, (const char *)n->name);
				any = 1;
			}
			v = xmlNodeGetContent((xmlNode *)a);
			av_buf_printf(b, " ch:%s=%s", (const char *)a->name, (const char *)v);
			xmlFree(v);
		}
		if (any)
			av_buf_addc(b, '\n');
		dump_marks(b, c, n->children);
	}
}

/* The fixture pairs' marks: tests/changes/LANG.marks. */
Test(changes, marks)
{
	size_t i;
	for (i = 0; i < NLANGS; i++) {
		struct fixture f;
		struct av_buf b = {0};

		fixture_open(&f, langs[i], "marks");
		av_changes_mark(f.ch, f.new);
		/* The marks stand alone: the old version's text was copied. */
		av_changes_free(f.ch);
		av_collab_free(f.old);
		f.ch = NULL;
		f.old = NULL;
		av_buf_adds(&b, "");
		dump_marks(&b, f.new, xmlDocGetRootElement(f.new->doc));
		cr_expect(th_matches_file(f.expected, b.data), "marks of the %s pair differ", langs[i]);
		av_buf_free(&b);
		fixture_close(&f);
	}
}

/* A version compared with itself: nothing is marked, and ch:changes is
 * empty but present (the document then says nothing changed). */
Test(changes, same_version)
{
	struct av_collab *a = load_clean("tests/changes/new/sv.xml"), *b = load_clean("tests/changes/new/sv.xml");
	struct av_changes *ch = av_changes_diff(a, b);
	struct av_buf m = {0};

	cr_expect(!av_changes_any(ch));
	cr_expect_eq(ch->count[AV_CHANGE_SAME], b->nroles);
	av_changes_mark(ch, b);
	av_buf_adds(&m, "");
	dump_marks(&m, b, xmlDocGetRootElement(b->doc));
	cr_expect_str_eq(m.data, "<ch:changes since=\"2015-02-10\"/>\n");
	av_buf_free(&m);
	av_changes_free(ch);
	av_collab_free(a);
	av_collab_free(b);
}

/* An old version with no history: ch:changes has no date. */
Test(changes, undated)
{
	struct pair p;
	const char *r = "<role id=\"r\"><name>R</name><holder party=\"p\" title=\"T\"/></role>";
	char *xml = av_xasprintf("<collaboration id=\"t\" version=\"1\" xml:lang=\"sv\"><title>T</title>"
	    "<party id=\"p\" name=\"P\"/>%s</collaboration>", r);
	struct av_diags d = {0};
	struct av_buf m = {0};

	p.old = av_collab_load_buffer("old.xml", xml, strlen(xml), &d);
	cr_assert_not_null(p.old);
	cr_assert_eq(d.nerrors, 0);
	p.new = load_text("new.xml", r);
	p.ch = av_changes_diff(p.old, p.new);
	av_changes_mark(p.ch, p.new);
	av_buf_adds(&m, "");
	dump_marks(&m, p.new, xmlDocGetRootElement(p.new->doc));
	cr_expect_str_eq(m.data, "<ch:changes/>\n");
	av_buf_free(&m);
	pair_free(&p);
	av_diags_free(&d);
	free(xml);
}
