/* test_changes.c -- what changed between two versions: the word similarity, the comparison, the marks, and render --changes-since (the list of changes, the bars in the FO and on the page, up-to-date keys, warnings). */
#include "config.h"

#include <cairo.h>
#include <criterion/criterion.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poppler.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "diag.h"
#include "harness.h"
#include "model.h"
#include "pdfcheck.h"
#include "util.h"

/* The fixture pairs: tests/changes/old/LANG.xml and new/LANG.xml. */
static const char *const langs[] = { "sv", "nb" };
#define NLANGS (sizeof langs / sizeof langs[0])

/* Loads `rel` (relative to the source tree, which becomes the working
 * directory, so that paths in dumps are stable), asserting no errors. */

/* A collaboration from text: the title page `front` (title, subtitle,
 * issuer elements) and `roles` (role elements) inside a minimal
 * collaboration. */
static struct av_collab *
load_doc(const char *name, const char *front, const char *roles)
{
	struct av_diags d = {0};
	char *xml = av_xasprintf("<collaboration id=\"t\" version=\"1\" xml:lang=\"sv\">%s"
	    "<history><decided date=\"2020-01-15\" by=\"X\"/></history>"
	    "<party id=\"p\" name=\"P\"/>%s</collaboration>", front, roles);
	struct av_collab *c = av_collab_load_buffer(name, xml, strlen(xml), &d);
	char *msgs = av_diags_format(&d);

	cr_assert_not_null(c, "%s did not load:\n%s", name, msgs);
	cr_assert_eq(d.nerrors, 0, "%s has errors:\n%s\n%s", name, msgs, xml);
	free(msgs);
	free(xml);
	av_diags_free(&d);
	return c;
}

/* `roles` under the title T. */
static struct av_collab *
load_text(const char *name, const char *roles)
{
	return load_doc(name, "<title>T</title>", roles);
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
	 * renamed, and supported by d instead of c (its charter lists the
	 * relations of other roles to it).  c: removed.  d: added. */
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
	cr_expect_eq(p.ch->roles[1].parts, AV_PART_NAME | AV_PART_RELATIONS, "b: its name and who supports it");
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

	f->old = th_load_clean(old_rel);
	f->new = th_load_clean(new_rel);
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
	struct av_collab *a = th_load_clean("tests/changes/new/sv.xml"), *b = th_load_clean("tests/changes/new/sv.xml");
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

/* The title page's texts: each one that differs is in ch:front, as added,
 * changed or removed; white space alone is no change. */
Test(changes, front)
{
	enum { S = AV_CHANGE_SAME, A = AV_CHANGE_ADDED, C = AV_CHANGE_CHANGED, R = AV_CHANGE_REMOVED };
	static const char role_r[] = "<role id=\"r\"><name>R</name><holder party=\"p\" title=\"T\"/></role>";
	static const struct {
		const char *old, *new;
		int front[AV_FRONT__COUNT];     /* title, subtitle, issuer */
		const char *marks;
	} cases[] = {
		{ "<title>Roller och ansvar</title><subtitle>Länets arbeten</subtitle>",
		  "<title>Roller och\n   ansvar </title><subtitle>Länets  arbeten</subtitle>", { S, S, S },
		  "<ch:changes since=\"2020-01-15\"/>\n" },
		{ "<title>Roller och ansvar</title><subtitle>Länets arbeten</subtitle>",
		  "<title>Roller och uppdrag</title><issuer>Styrgruppen</issuer>", { C, R, A },
		  "<ch:changes since=\"2020-01-15\">\n"
		  "  <ch:front title=\"changed\" subtitle=\"removed\" issuer=\"added\"/>\n</ch:changes>\n" },
		{ "<title>T</title><issuer>Styrgruppen</issuer>", "<title>T</title><issuer>Ledningsgruppen</issuer>",
		  { S, S, C },
		  "<ch:changes since=\"2020-01-15\">\n  <ch:front issuer=\"changed\"/>\n</ch:changes>\n" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pair p;
		struct av_buf m = {0};
		int f, any = 0;

		p.old = load_doc("old.xml", cases[i].old, role_r);
		p.new = load_doc("new.xml", cases[i].new, role_r);
		p.ch = av_changes_diff(p.old, p.new);
		for (f = 0; f < AV_FRONT__COUNT; f++) {
			cr_expect_eq((int)p.ch->front[f], cases[i].front[f], "case %zu: %s %s, not %s", i,
			    av_front_name((enum av_front)f), av_change_name((enum av_change)cases[i].front[f]),
			    av_change_name(p.ch->front[f]));
			any |= cases[i].front[f] != S;
		}
		cr_expect_eq(av_changes_any(p.ch), any, "case %zu: any change", i);
		av_changes_mark(p.ch, p.new);
		av_buf_adds(&m, "");
		dump_marks(&m, p.new, xmlDocGetRootElement(p.new->doc));
		cr_expect_str_eq(m.data, cases[i].marks, "case %zu: marks", i);
		av_buf_free(&m);
		pair_free(&p);
	}
}

/*
 * `ansvar render --changes-since` as a user runs it, each test in a
 * directory of its own below tests/tmp/changes/.
 */

/* Runs ansvar in `dir` with arguments, as th_ansvar(). */
static int
ansvar_in(const char *dir, char **out, char **err, const char *fmt, ...) AV_PRINTF(4, 5);
static int
ansvar_in(const char *dir, char **out, char **err, const char *fmt, ...)
{
	struct av_buf b = {0};
	va_list ap;
	char *q = th_shquote(dir);
	const char *wrapper = getenv("ANSVAR_WRAPPER");
	int rc;

	av_buf_printf(&b, "cd %s && %s '%s' ", q, wrapper ? wrapper : "", th_bin());
	va_start(ap, fmt);
	av_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rc = th_sh(out, err, "%s", b.data);
	av_buf_free(&b);
	free(q);
	return rc;
}

/* A fresh directory tests/tmp/changes/NAME holding new/ and old/, copies
 * of the fixtures. */
static char *
workdir(const char *name)
{
	char *rel = av_xasprintf("changes/%s", name), *dir = th_tmpdir(rel), *src = th_src("tests/changes");
	cr_assert_eq(th_sh(NULL, NULL, "cp -R '%s/new' '%s/old' '%s/'", src, src, dir), 0);
	free(src);
	free(rel);
	return dir;
}

/* Renders in `dir` expecting exit 0, the summary line `want` and no
 * diagnostics. */
static void
render_ok(const char *dir, const char *want, const char *args)
{
	char *out = NULL, *err = NULL, *line = av_xasprintf("%s\n", want);
	cr_assert_eq(ansvar_in(dir, &out, &err, "render -q %s", args), 0, "render %s: exit 0:\n%s", args, err);
	cr_expect_str_eq(out, line, "render %s: '%s', not '%s'", args, want, out);
	cr_expect_str_eq(err, "", "render %s: no diagnostics", args);
	free(line);
	free(out);
	free(err);
}

/* The text of a PDF below `dir`, every page. */
static char *
pdf_text(const char *dir, const char *rel)
{
	char *path = av_path_join(dir, rel), *text;
	struct pc_pdf *p = pc_open(path);
	cr_assert_not_null(p, "%s opens", path);
	text = pc_text_all(p);
	pc_close(p);
	free(path);
	return text;
}

static void
expect_in_order(const char *text, const char *const *items, const char *what)
{
	const char *missing = NULL;
	cr_expect(th_in_order(text, items, &missing), "%s: '%s' not found in order in:\n%s", what, missing, text);
}

/* Both fixtures rendered against the directory of old versions: the
 * complete document lists the changes in its language, dated from the
 * old version's latest revision, in the contents and the bookmarks. */
Test(changes_render, section, .timeout = 300)
{
	static const char *const sv[] = {
		"Senast reviderad 10 februari 2015",
		"Ändringar sedan 27 maj 2013",
		"Nya och ändrade roller, punkter och stycken har ett streck i marginalen.",
		"Nya roller", "Kommunikatör (sida 8)",
		"Ändrade roller",
		"Projektägare (sida 5)", "Ansvar (1 ny punkt, 1 ändrad punkt); Befogenheter (1 borttagen punkt)",
		"Borttaget ur Befogenheter: ”Godkänner skriftligt att projektet lämnas över till förvaltningen efter "
		"samråd med Referensgrupp.”",
		"Arbetsgrupp (sida 7)", "Namn (tidigare Projektgrupp); Förväntningar (1 borttagen punkt); "
		"Handlingsutrymme (1 ändrat stycke)",
		"Borttaget ur Förväntningar: ”Håller Projektledare underrättad om hinder i arbetet.”",
		"Borttagna roller", "Referensgrupp",
		"Övriga delar", "Titelsidan (undertitel)", "Frågor att reflektera över (1 ny punkt)",
		"Innehåll", "Ändringar sedan 27 maj 2013", "1", "Organisation",
		NULL
	};
	static const char *const nb[] = {
		"Endringer siden 14. juni 2016",
		"Nye og endrede roller, punkter og avsnitt er merket med en strek i margen.",
		"Nye roller", "Koordinator (side 6)",
		"Endrede roller", "Leder for barnevernvakten (side 4)",
		"Sammendrag; Forhold til andre roller; Hvem har rollen",
		"Vaktteam (side 5)", "Ansvar (1 nytt punkt, 1 endret punkt)",
		"Fjernede roller", "Fagråd",
		"Andre deler", "Tittelsiden (utgiver)", "Styring og konfliktløsning (1 nytt avsnitt)",
		"Innhold", "Endringer siden 14. juni 2016",
		NULL
	};
	char *dir = workdir("section"), *text, *path;
	struct pc_pdf *p;
	struct pc_bookmark *bm;
	size_t n, i;
	int found = 0;

	render_ok(dir, "2 rendered, 0 up to date, 0 failed", "--changes-since old -o out new");
	text = pdf_text(dir, "out/revision-sv.pdf");
	expect_in_order(text, sv, "revision-sv.pdf");
	free(text);
	text = pdf_text(dir, "out/revisjon-nb.pdf");
	expect_in_order(text, nb, "revisjon-nb.pdf");
	free(text);

	path = av_path_join(dir, "out/revision-sv.pdf");
	p = pc_open(path);
	bm = pc_outline(p, &n);
	for (i = 0; i < n; i++)
		if (strcmp(bm[i].title, "Ändringar sedan 27 maj 2013") == 0 && bm[i].depth == 0 && bm[i].page == 1)
			found = 1;
	cr_expect(found, "a bookmark for the changes, to page 1");
	pc_outline_free(bm, n);
	pc_close(p);
	free(path);
	free(dir);
}

/* Nynorsk labels, through -l nn. */
Test(changes_render, nynorsk, .timeout = 300)
{
	static const char *const nn[] = {
		"Endringar sidan 27. mai 2013", "Nye og endra roller, punkt og avsnitt er merkte med ein strek i margen.",
		"Nye roller", "Kommunikatör (side 8)", "Endra roller", "Projektägare (side 5)",
		"Ansvar (1 nytt punkt, 1 endra punkt); Mynde (1 fjerna punkt)", "Fjerna frå Mynde: «Godkänner",
		"Namn (tidlegare Projektgrupp)", "Fjerna roller", "Andre delar", "Tittelsida (undertittel)", NULL
	};
	char *dir = workdir("nynorsk"), *text;

	render_ok(dir, "1 rendered, 0 up to date, 0 failed", "-l nn --changes-since old/sv.xml -o out new/sv.xml");
	text = pdf_text(dir, "out/revision-sv.pdf");
	expect_in_order(text, nn, "revision-sv.pdf in nn");
	free(text);
	text = pdf_text(dir, "out/revision-sv/projektagare.pdf");
	cr_expect(strstr(text, "Streken i margen viser kva som er nytt eller endra sidan 27. mai 2013.") != NULL,
	    "the handout's note in nn:\n%s", text);
	free(text);
	free(dir);
}

/*
 * The change bars in the FO: the text between each fo:change-bar-begin
 * and its end, one line per bar ("CLASS: text"), in document order.
 */
struct bar {
	char *cls;
	struct av_buf text;
	int open;
};

struct bars {
	struct bar *v;
	size_t n, cap;
};

static void
collect_bars(xmlNode *n, struct bars *b)
{
	static const char fo[] = "http://www.w3.org/1999/XSL/Format";
	size_t i;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			for (i = 0; i < b->n; i++)
				if (b->v[i].open)
					av_buf_adds(&b->v[i].text, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, fo) == 0 &&
		    strcmp((const char *)n->name, "change-bar-begin") == 0) {
			xmlChar *c = xmlGetProp(n, BAD_CAST "change-bar-class");
			b->v = av_xgrow(b->v, &b->cap, b->n + 1, sizeof *b->v);
			memset(&b->v[b->n], 0, sizeof b->v[b->n]);
			b->v[b->n].cls = av_xstrdup((const char *)c);
			av_buf_adds(&b->v[b->n].text, "");
			b->v[b->n++].open = 1;
			xmlFree(c);
		} else if (n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, fo) == 0 &&
		    strcmp((const char *)n->name, "change-bar-end") == 0) {
			xmlChar *c = xmlGetProp(n, BAD_CAST "change-bar-class");
			for (i = 0; i < b->n; i++)
				if (b->v[i].open && strcmp(b->v[i].cls, (const char *)c) == 0)
					b->v[i].open = 0;
			xmlFree(c);
		} else if (n->type == XML_ELEMENT_NODE && !(n->ns && strcmp((const char *)n->ns->href, fo) == 0 &&
		    (strcmp((const char *)n->name, "static-content") == 0 ||
		    strcmp((const char *)n->name, "declarations") == 0 ||
		    strcmp((const char *)n->name, "bookmark-tree") == 0))) {
			/* blocks apart */
			for (i = 0; i < b->n; i++)
				if (b->v[i].open)
					av_buf_addc(&b->v[i].text, ' ');
			collect_bars(n->children, b);
		}
	}
}

/* The bars of an FO file as text; *unclosed gets the number of bars
 * without an end. */
static char *
fo_bars(const char *dir, const char *rel, int *unclosed)
{
	char *path = av_path_join(dir, rel);
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	struct bars b = {0};
	struct av_buf out = {0};
	size_t i;

	cr_assert_not_null(doc, "%s parses", path);
	collect_bars(xmlDocGetRootElement(doc), &b);
	*unclosed = 0;
	av_buf_adds(&out, "");
	for (i = 0; i < b.n; i++) {
		/* soft hyphens (U+00AD) out, white space collapsed */
		char *plain = th_replace(b.v[i].text.data, "\xc2\xad", ""), *c;
		int space = 1;
		av_buf_printf(&out, "%s:", b.v[i].cls);
		for (c = plain; *c; c++) {
			if (*c == ' ' || *c == '\t' || *c == '\n') {
				space = 1;
				continue;
			}
			if (space)
				av_buf_addc(&out, ' ');
			space = 0;
			av_buf_addc(&out, *c);
		}
		av_buf_addc(&out, '\n');
		free(plain);
		*unclosed += b.v[i].open;
		free(b.v[i].cls);
		av_buf_free(&b.v[i].text);
	}
	free(b.v);
	xmlFreeDoc(doc);
	free(path);
	return av_buf_take(&out);
}

/* Whether some bar holds `text`. */
static int
in_a_bar(const char *bars, const char *text)
{
	return strstr(bars, text) != NULL;
}

/* The FO of the complete document and of every handout: a bar around each
 * new and changed item and paragraph, a renamed role's name and a new
 * role's whole charter, and around nothing else (tests/changes/LANG.bars:
 * every bar of the document, then of each handout that has any). */
Test(changes_render, bars_in_fo, .timeout = 300)
{
	static const struct {
		const char *lang, *doc;
		const char *marked[4], *unmarked[4];
	} cases[] = {
		{ "sv", "revision-sv",
		  { "Ansvarar för att projektet når sina mål inom budget och tidplan.",
		    "Rapporterar varje kvartal till styrgruppen om hur projektet går.",
		    "Tar fram en plan för hur arbetet ska kommuniceras.", "Arbetsgrupp" },
		  { "Fastställer projektplanen", "Ser till att linjeorganisationen",
		    "Beslutar om projektets inriktning", "Planerar, leder och följer upp" } },
		{ "nb", "revisjon-nb",
		  { "Vurderer alle meldinger som kommer inn utenfor kontortid.",
		    "Varsler barneverntjenesten i barnets kommune neste morgen.",
		    "Leder den daglige driften av vakten og har personalansvaret.", "Maria Haugen" },
		  { "Vedtar budsjettet", "Dokumenterer alle utrykninger", "Sørger for at vakten",
		    "Uenighet mellom kommunene" } },
	};
	char *dir = workdir("bars-in-fo");
	size_t i, k;

	render_ok(dir, "2 rendered, 0 up to date, 0 failed", "--emit-fo --changes-since old -o out new");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *rel = av_xasprintf("out/%s.fo", cases[i].doc), *outdir = av_xasprintf("out/%s", cases[i].doc);
		char *exp_rel = av_xasprintf("tests/changes/%s.bars", cases[i].lang), *expected = th_src(exp_rel);
		char *absdir = av_path_join(dir, outdir), **fos = th_list(absdir, ".fo");
		struct av_buf all = {0};
		int unclosed;
		char *bars = fo_bars(dir, rel, &unclosed);

		cr_expect_eq(unclosed, 0, "%s: every bar ends", rel);
		for (k = 0; k < 4; k++) {
			cr_expect(in_a_bar(bars, cases[i].marked[k]), "%s: '%s' has a bar", rel, cases[i].marked[k]);
			cr_expect(!in_a_bar(bars, cases[i].unmarked[k]), "%s: '%s' has no bar", rel, cases[i].unmarked[k]);
		}
		av_buf_printf(&all, "%s.fo\n%s", cases[i].doc, bars);
		free(bars);
		for (k = 0; fos[k]; k++) {
			char *hrel = av_xasprintf("%s/%s", outdir, fos[k]);
			char *h = fo_bars(dir, hrel, &unclosed);
			cr_expect_eq(unclosed, 0, "%s: every bar ends", hrel);
			if (h[0])
				av_buf_printf(&all, "%s\n%s", fos[k], h);
			free(h);
			free(hrel);
		}
		cr_expect(th_matches_file(expected, all.data), "the change bars of %s differ", cases[i].doc);
		av_buf_free(&all);
		th_strv_free(fos);
		free(absdir);
		free(expected);
		free(exp_rel);
		free(rel);
		free(outdir);
	}
	free(dir);
}

/*
 * The bars on the page: a page drawn with poppler, the text's positions
 * from poppler's layout, and the strip of the left margin where the
 * default templates put the bars (5 mm left of the 25 mm margin, 2 pt
 * wide): 17 to 23 mm from the left edge.
 */
#define MM (72.0 / 25.4)
#define STRIP_X1 (17 * MM)
#define STRIP_X2 (23 * MM)
#define SCALE 2.0

struct page {
	cairo_surface_t *img;
	int w, h, stride;
	unsigned char *px;
	gchar *text;
	PopplerRectangle *rects;
	guint nrects;
};

static void
page_open(struct page *pg, const char *dir, const char *rel, int number)
{
	char *path = av_path_join(dir, rel), *abs = realpath(path, NULL);
	gchar *uri = g_filename_to_uri(abs, NULL, NULL);
	PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, NULL);
	PopplerPage *p;
	double w, h;
	cairo_t *cr;

	cr_assert_not_null(doc, "%s opens", path);
	p = poppler_document_get_page(doc, number - 1);
	cr_assert_not_null(p, "%s has page %d", path, number);
	poppler_page_get_size(p, &w, &h);
	pg->w = (int)(w * SCALE);
	pg->h = (int)(h * SCALE);
	pg->img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pg->w, pg->h);
	cr = cairo_create(pg->img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, SCALE, SCALE);
	poppler_page_render(p, cr);
	cairo_destroy(cr);
	cairo_surface_flush(pg->img);
	pg->px = cairo_image_surface_get_data(pg->img);
	pg->stride = cairo_image_surface_get_stride(pg->img);
	pg->text = poppler_page_get_text(p);
	cr_assert(poppler_page_get_text_layout(p, &pg->rects, &pg->nrects));
	g_object_unref(p);
	g_object_unref(doc);
	g_free(uri);
	free(abs);
	free(path);
}

static void
page_close(struct page *pg)
{
	cairo_surface_destroy(pg->img);
	g_free(pg->text);
	g_free(pg->rects);
}

/* The vertical extent (points from the top) of the first line of the page
 * text that starts with `text`. */
static void
line_of(const struct page *pg, const char *text, double *top, double *bottom)
{
	const char *hit = strstr(pg->text, text);
	glong k;
	cr_assert_not_null(hit, "the page holds '%s':\n%s", text, pg->text);
	k = g_utf8_pointer_to_offset(pg->text, hit);
	cr_assert_lt((guint)k, pg->nrects);
	*top = pg->rects[k].y1;
	*bottom = pg->rects[k].y2;
}

/* The pixels of the margin strip between `top` and `bottom` (points) that
 * are not white, and how many of those are the bar's colour (#1d4e6e). */
static void
strip_ink(const struct page *pg, double top, double bottom, int *ink, int *bar)
{
	int x, y;
	*ink = *bar = 0;
	for (y = (int)(top * SCALE); y < (int)(bottom * SCALE) && y < pg->h; y++) {
		for (x = (int)(STRIP_X1 * SCALE); x < (int)(STRIP_X2 * SCALE); x++) {
			uint32_t v = *(uint32_t *)(pg->px + (size_t)y * (size_t)pg->stride + (size_t)x * 4) & 0xffffff;
			if (v != 0xffffff)
				(*ink)++;
			if (v == 0x1d4e6e)
				(*bar)++;
		}
	}
}

/* Expects a bar beside the line starting with `text` (or none). */
static void
expect_bar(const struct page *pg, const char *text, int want, const char *what)
{
	double top, bottom;
	int ink, bar, rows;
	line_of(pg, text, &top, &bottom);
	strip_ink(pg, top + 1, bottom - 1, &ink, &bar);
	/* The bar is 2 pt wide: at SCALE 2, two or more whole columns of its
	 * colour beside the line (the edges smoothed), and nothing else. */
	rows = (int)((bottom - 1) * SCALE) - (int)((top + 1) * SCALE);
	if (want)
		cr_expect(bar >= 2 * rows && ink <= 6 * rows,
		    "%s: a bar in the bar's colour beside '%s' (%d of %d pixels in %d rows)", what, text, bar, ink, rows);
	else
		cr_expect_eq(ink, 0, "%s: nothing in the margin beside '%s' (%d pixels)", what, text, ink);
}

/* Expects no ink in the margin strip of a page's body. */
static void
expect_clean_margin(const struct page *pg, const char *what)
{
	int ink, bar;
	strip_ink(pg, 27 * MM, (297 - 29) * MM, &ink, &bar);
	cr_expect_eq(ink, 0, "%s: nothing in the margin (%d pixels)", what, ink);
}

Test(changes_render, bars_drawn, .timeout = 300)
{
	char *dir = workdir("bars-drawn"), *path, *text;
	struct page pg;
	struct pc_pdf *p;
	int owner, steering;

	render_ok(dir, "1 rendered, 0 up to date, 0 failed", "--changes-since old -o out new/sv.xml");
	path = av_path_join(dir, "out/revision-sv.pdf");
	p = pc_open(path);
	owner = pc_dest_page(p, "projektagare");
	steering = pc_dest_page(p, "styrgrupp");
	pc_close(p);
	free(path);
	cr_assert(owner > 0 && steering > 0);

	/* The changed role's page: bars beside the reworded and the new
	 * item, not beside the unchanged ones. */
	page_open(&pg, dir, "out/revision-sv.pdf", owner);
	expect_bar(&pg, "Ansvarar för att projektet", 1, "the reworded item");
	expect_bar(&pg, "Rapporterar varje kvartal", 1, "the new item");
	expect_bar(&pg, "Ser till att linjeorganisationen", 0, "an unchanged item");
	expect_bar(&pg, "Beslutar om projektets inriktning", 0, "an unchanged item");
	expect_bar(&pg, "Projektägare", 0, "the name of a role not renamed");
	page_close(&pg);
	/* The unchanged role's page: nothing in the margin. */
	page_open(&pg, dir, "out/revision-sv.pdf", steering);
	expect_clean_margin(&pg, "the unchanged role");
	page_close(&pg);
	/* The first page: the sentence saying what the bars mean has one. */
	page_open(&pg, dir, "out/revision-sv.pdf", 1);
	expect_bar(&pg, "Nya och ändrade roller", 1, "the explanation");
	expect_bar(&pg, "Kommunerna och regionen planerar", 0, "the unchanged purpose");
	page_close(&pg);

	/* Handouts: the changed role's has its bars and says what they mean
	 * in its footer; the unchanged role's has neither. */
	page_open(&pg, dir, "out/revision-sv/projektagare.pdf", 1);
	expect_bar(&pg, "Ansvarar för att projektet", 1, "the handout's reworded item");
	expect_bar(&pg, "Ser till att linjeorganisationen", 0, "the handout's unchanged item");
	page_close(&pg);
	text = pdf_text(dir, "out/revision-sv/projektagare.pdf");
	cr_expect(strstr(text, "Strecket i marginalen visar vad som är nytt eller ändrat sedan 27 maj 2013.") != NULL,
	    "the handout says what the bars mean:\n%s", text);
	free(text);
	page_open(&pg, dir, "out/revision-sv/styrgrupp.pdf", 1);
	expect_clean_margin(&pg, "the unchanged role's handout");
	page_close(&pg);
	text = pdf_text(dir, "out/revision-sv/styrgrupp.pdf");
	cr_expect(strstr(text, "Strecket i marginalen") == NULL, "the unchanged role's handout has no note");
	free(text);
	/* The new role's handout: a bar beside everything. */
	page_open(&pg, dir, "out/revision-sv/kommunikator.pdf", 1);
	expect_bar(&pg, "Kommunikatör\n", 1, "the new role's name");
	expect_bar(&pg, "Väljer kanaler", 1, "the new role's last paragraph");
	page_close(&pg);
	free(dir);
}

/* The old version is part of what makes outputs up to date. */
Test(changes_render, up_to_date, .timeout = 300)
{
	char *dir = workdir("up-to-date"), *path, *s, *t;

	render_ok(dir, "1 rendered, 0 up to date, 0 failed", "--changes-since old -o out new/sv.xml");
	render_ok(dir, "0 rendered, 1 up to date, 0 failed", "--changes-since old -o out new/sv.xml");
	/* Another old version renders. */
	path = av_path_join(dir, "old/sv.xml");
	s = th_read(path);
	t = th_replace(s, "Leder arbetet på uppdrag", "Styr arbetet på uppdrag");
	th_write(path, t);
	free(t);
	render_ok(dir, "1 rendered, 0 up to date, 0 failed", "--changes-since old -o out new/sv.xml");
	render_ok(dir, "0 rendered, 1 up to date, 0 failed", "--changes-since old -o out new/sv.xml");
	t = pdf_text(dir, "out/revision-sv.pdf");
	free(s);
	s = th_squeeze(t);
	cr_expect(strstr(s, "Styrgrupp(sida4)Sammanfattning") != NULL, "the new comparison is in the document:\n%s", t);
	free(s);
	free(t);
	/* Without the option renders, and then with it again. */
	render_ok(dir, "1 rendered, 0 up to date, 0 failed", "-o out new/sv.xml");
	t = pdf_text(dir, "out/revision-sv.pdf");
	cr_expect(strstr(t, "Ändringar sedan") == NULL, "no changes listed without --changes-since");
	free(t);
	render_ok(dir, "1 rendered, 0 up to date, 0 failed", "--changes-since old/sv.xml -o out new/sv.xml");
	/* The same old version named as a file or found in a directory is
	 * the same. */
	render_ok(dir, "0 rendered, 1 up to date, 0 failed", "--changes-since old -o out new/sv.xml");
	free(path);
	free(dir);
}

/* The same input and old version give the same bytes. */
Test(changes_render, reproducible, .timeout = 300)
{
	char *dir = workdir("reproducible"), *diff = NULL;

	render_ok(dir, "2 rendered, 0 up to date, 0 failed", "--emit-fo --changes-since old -o a new");
	render_ok(dir, "2 rendered, 0 up to date, 0 failed", "-j 1 --emit-fo --changes-since old -o b new");
	cr_expect_eq(th_sh(&diff, NULL, "cd '%s' && diff -r -x .ansvar a b", dir), 0, "the same outputs:\n%s", diff);
	free(diff);
	free(dir);
}

/* What a user is told: an input with no old version, an id with two,
 * an old version that does not load, a file that is not a collaboration
 * (tests/changes/warnings.diag); those render without marks.  A missing
 * OLD is an error; an empty value a usage error. */
Test(changes_render, warnings, .timeout = 300)
{
	char *dir = workdir("warnings"), *out = NULL, *err = NULL, *expected, *t;

	/* Two old versions of revisjon-nb, one old version of revision-sv
	 * that does not load, and a stray file. */
	cr_assert_eq(th_sh(NULL, NULL, "cd '%s' && mkdir -p more && cp old/nb.xml more/nb-2016.xml && "
	    "cp old/nb.xml more/nb-copy.xml && sed 's/id=\"projektledare\"/id=\"styrgrupp\"/' old/sv.xml > more/sv.xml && "
	    "printf '<notes/>\\n' > more/notes.xml && mkdir -p none && cp new/sv.xml third.xml && "
	    "sed -i 's/revision-sv/tredje/' third.xml", dir), 0);
	cr_expect_eq(ansvar_in(dir, &out, &err, "render -q --changes-since more -o out new third.xml"), 0,
	    "warnings only: exit 0:\n%s", err);
	cr_expect_str_eq(out, "3 rendered, 0 up to date, 0 failed\n");
	expected = th_src("tests/changes/warnings.diag");
	cr_expect(th_matches_file(expected, err), "the warnings differ");
	free(expected);
	t = pdf_text(dir, "out/revision-sv.pdf");
	cr_expect(strstr(t, "Ändringar sedan") == NULL, "no changes listed without a usable old version");
	free(t);
	free(out);
	free(err);
	/* Again: what was rendered without an old version it could not load
	 * is not up to date (what it lacked may be there next time); the
	 * others are. */
	cr_expect_eq(ansvar_in(dir, &out, &err, "render -q --changes-since more -o out new third.xml"), 0);
	cr_expect_str_eq(out, "1 rendered, 2 up to date, 0 failed\n");
	cr_expect(strstr(err, "not usable as the old version of 'revision-sv'") != NULL, "warned again:\n%s", err);
	free(out);
	free(err);

	cr_expect_eq(ansvar_in(dir, &out, &err, "render -q --changes-since missing -o out new"), 1);
	cr_expect(strstr(err, "missing: error: cannot read the old version (--changes-since): No such file or directory")
	    != NULL, "a missing OLD: %s", err);
	free(out);
	free(err);
	cr_expect_eq(ansvar_in(dir, &out, &err, "render -q --changes-since '' -o out new"), 2);
	cr_expect(strstr(err, "--changes-since takes an old version") != NULL, "an empty OLD: %s", err);
	free(out);
	free(err);
	free(dir);
}

/* A version compared with itself says that nothing changed and marks
 * nothing; a custom template set (importing the default) works as well. */
Test(changes_render, unchanged_and_custom, .timeout = 300)
{
	char *dir = workdir("unchanged"), *t, *templates = th_src("tests/templates-custom"), *args;
	struct page pg;

	render_ok(dir, "1 rendered, 0 up to date, 0 failed", "--changes-since new/sv.xml -o out new/sv.xml");
	t = pdf_text(dir, "out/revision-sv.pdf");
	cr_expect(strstr(t, "Ändringar sedan 10 februari 2015") != NULL, "dated from the compared version");
	cr_expect(strstr(t, "Rollbeskrivningarna är oförändrade.") != NULL, "nothing changed:\n%s", t);
	cr_expect(strstr(t, "Nya roller") == NULL);
	free(t);
	page_open(&pg, dir, "out/revision-sv.pdf", 1);
	expect_clean_margin(&pg, "nothing changed");
	page_close(&pg);

	args = av_xasprintf("-t '%s' --changes-since old -o custom new/nb.xml", templates);
	render_ok(dir, "1 rendered, 0 up to date, 0 failed", args);
	t = pdf_text(dir, "custom/revisjon-nb.pdf");
	cr_expect(strstr(t, "Endringer siden 14. juni 2016") != NULL, "the custom set lists the changes:\n%s", t);
	free(t);
	free(args);
	free(templates);
	free(dir);
}
