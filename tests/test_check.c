/* test_check.c -- validation and lint: each fixture beside its expected diagnostics, the limits, and the check/init commands. */
#include "config.h"

#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "harness.h"
#include "load.h"
#include "model.h"
#include "util.h"

/* What `ansvar check NAME` prints for one file, run in `dir`. */
static char *
check_output(const char *dir, const char *name, struct av_diags *keep)
{
	struct av_diags d = {0};
	struct av_collab *c;
	char *out;

	cr_assert_eq(chdir(dir), 0, "%s", dir);
	c = av_collab_check(name, &d);
	av_diags_sort(&d);
	out = av_diags_format(&d);
	av_collab_free(c);
	if (keep)
		av_diags_move(keep, &d);
	av_diags_free(&d);
	return out;
}

static int
has_code(const struct av_diags *d, enum av_diag_code code)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		if (d->v[i].code == code)
			return 1;
	return 0;
}

Test(check, fixtures_give_their_diagnostics)
{
	char *dir = th_src("tests/check");
	char **names = th_list(dir, ".xml");
	struct av_buf all = {0};
	size_t i;
	int k;

	cr_assert_not_null(names[0]);
	for (i = 0; names[i]; i++) {
		char *base = av_xstrndup(names[i], strlen(names[i]) - 4);
		char *rel = av_xasprintf("tests/check/%s.diag", base);
		char *expected = th_src(rel);
		char *out = check_output(dir, names[i], NULL);
		const char *kind = strncmp(base, "lint-", 5) == 0 ? base + 5 : base;

		cr_expect(th_matches_file(expected, out), "diagnostics of %s differ", names[i]);
		if (strcmp(base, "clean") == 0)
			cr_expect_str_eq(out, "", "clean.xml must give no diagnostic");
		else
			cr_expect(out[0] != '\0', "%s gives no diagnostic", names[i]);
		/* A fixture named after a diagnostic gives that diagnostic. */
		for (k = 0; k < AV_D__COUNT; k++) {
			char *tag;
			if (strcmp(kind, av_diag_name((enum av_diag_code)k)) != 0)
				continue;
			tag = av_xasprintf("[%s]", kind);
			cr_expect(strstr(out, tag) != NULL, "%s does not give %s", names[i], tag);
			free(tag);
		}
		av_buf_adds(&all, out);
		free(out);
		free(expected);
		free(rel);
		free(base);
	}

	/* Every diagnostic of loading, validating and lint has a fixture
	 * (limit and duplicate-collaboration: tests below). */
	{
		static const char *const names_needed[] = {
			"xml-syntax", "encoding", "dtd", "entity", "depth", "schema",
			"unknown-element", "unknown-attribute", "missing-element",
			"missing-attribute", "bad-value", "bad-id", "duplicate-id", "reserved-id",
			"unknown-reference", "cycle", "bad-date", "date-order", "bad-language",
			"bad-version", "bad-logo", "limit", "no-owner", "no-lead", "owner-is-lead",
			"missing-section", "no-escalation", "same-name", "unrelated-role",
			"self-relation", NULL
		};
		const char *const *n;
		for (n = names_needed; *n; n++) {
			char *tag = av_xasprintf("[%s]", *n);
			cr_expect(strstr(all.data, tag) != NULL, "no fixture gives %s", tag);
			free(tag);
		}
	}
	av_buf_free(&all);
	th_strv_free(names);
	free(dir);
}

/* The schema is the format: wherever libxml2's RELAX NG validation (run
 * here on its own) rejects a file, ansvar reports an error; wherever
 * ansvar reports a structural error, the schema rejects the file too; the
 * samples and starter files are valid. */
static int
rng_valid(xmlRelaxNGPtr rng, const char *path, int *parsed)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	xmlRelaxNGValidCtxtPtr v;
	int rc;

	*parsed = doc != NULL && doc->intSubset == NULL;
	if (!*parsed) {
		xmlFreeDoc(doc);
		return 0;
	}
	v = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(v, NULL, NULL);
	rc = xmlRelaxNGValidateDoc(v, doc);
	xmlRelaxNGFreeValidCtxt(v);
	xmlFreeDoc(doc);
	return rc == 0;
}

static void
silent(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

Test(check, schema_and_checks_agree)
{
	static const enum av_diag_code structural[] = {
		AV_D_SCHEMA, AV_D_UNKNOWN_ELEMENT, AV_D_UNKNOWN_ATTRIBUTE, AV_D_MISSING_ELEMENT,
		AV_D_MISSING_ATTRIBUTE, AV_D_BAD_LANG, AV_D_BAD_VERSION, AV_D_BAD_ID,
	};
	static const char *const dirs[] = { "tests/check", "samples", "templates/init", NULL };
	char *rngpath = th_src("templates/collaboration.rng");
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr rng;
	const char *const *dir;
	size_t i, k;

	xmlSetStructuredErrorFunc(NULL, silent);
	pc = xmlRelaxNGNewParserCtxt(rngpath);
	rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	cr_assert_not_null(rng);
	for (dir = dirs; *dir; dir++) {
		char *abs = th_src(*dir);
		char **names = th_list(abs, ".xml");
		for (i = 0; names[i]; i++) {
			struct av_diags d = {0};
			int parsed, valid, structural_error = 0;
			char *out = check_output(abs, names[i], &d);

			valid = rng_valid(rng, names[i], &parsed);
			for (k = 0; k < sizeof structural / sizeof structural[0]; k++)
				structural_error |= has_code(&d, structural[k]);
			if (parsed && !valid)
				cr_expect(d.nerrors > 0, "%s/%s: the schema rejects it, ansvar does not",
				    *dir, names[i]);
			if (parsed && structural_error)
				cr_expect(!valid, "%s/%s: ansvar reports a schema error the schema "
				    "does not:\n%s", *dir, names[i], out);
			if (strcmp(*dir, "tests/check") != 0)
				cr_expect(parsed && valid, "%s/%s is not valid by the schema",
				    *dir, names[i]);
			free(out);
			av_diags_free(&d);
		}
		th_strv_free(names);
		free(abs);
	}
	xmlRelaxNGFree(rng);
	free(rngpath);
}

/* libxml2's own validation, the last line of defence, reports each
 * violation as a `schema` error at the element concerned. */
Test(check, schema_validation_reports_with_locations)
{
	struct av_diags d = {0}, v = {0};
	struct av_collab *c;
	char *out;

	cr_assert_eq(chdir(th_srcdir()), 0);
	c = av_collab_load("tests/check/unknown-element.xml", &d);
	cr_assert_not_null(c);
	cr_assert(d.nerrors > 0);
	cr_assert_eq(av_schema_validate(c, &v), 0);
	out = av_diags_format(&v);
	cr_expect(v.nerrors > 0, "the schema rejects the file");
	cr_expect(strstr(out, "tests/check/unknown-element.xml:5:5: error: Element role has extra "
	    "content: responsibility [schema]\n") != NULL, "%s", out);
	free(out);
	av_collab_free(c);
	av_diags_free(&d);
	av_diags_free(&v);
}

/* ---- Limits, with inputs made here rather than committed ---- */

static char *
load_buffer_diags(const char *name, const char *bytes, size_t len, int *loaded)
{
	struct av_diags d = {0};
	struct av_collab *c = av_collab_load_buffer(name, bytes, len, &d);
	char *out;

	*loaded = c != NULL;
	av_diags_sort(&d);
	out = av_diags_format(&d);
	av_collab_free(c);
	av_diags_free(&d);
	return out;
}

Test(check, too_large_file)
{
	char *dir = th_tmpdir("large");
	char *path = av_path_join(dir, "large.xml");
	FILE *fp = fopen(path, "w");
	char *out;
	size_t n;
	int loaded;

	cr_assert_not_null(fp);
	fputs("<collaboration id=\"stor\" version=\"1\" xml:lang=\"sv\"><title>", fp);
	for (n = 60; n <= AV_MAX_INPUT_BYTES; n += 10)
		fputs("ansvar och", fp);
	fputs("</title></collaboration>\n", fp);
	fclose(fp);
	out = check_output(dir, "large.xml", NULL);
	cr_expect_str_eq(out, "large.xml: error: the file is larger than ansvar's limit of "
	    "10485760 bytes (10 MB) [limit]\n");
	free(out);

	/* The same limit for bytes in memory. */
	{
		char *big = av_xmalloc(AV_MAX_INPUT_BYTES + 1);
		memset(big, ' ', AV_MAX_INPUT_BYTES + 1);
		out = load_buffer_diags("big.xml", big, AV_MAX_INPUT_BYTES + 1, &loaded);
		cr_expect_not(loaded);
		cr_expect_str_eq(out, "big.xml: error: the file is 10485761 bytes: larger than "
		    "ansvar's limit of 10485760 bytes (10 MB) [limit]\n");
		free(out);
		free(big);
	}
	free(path);
	free(dir);
}

/* Loading `b` as `name` is refused with exactly `expected`. */
static void
expect_refused(const char *name, const struct av_buf *b, const char *expected)
{
	int loaded;
	char *out = load_buffer_diags(name, b->data, b->len, &loaded);
	cr_expect_not(loaded, "%s loaded", name);
	cr_expect_str_eq(out, expected);
	free(out);
}

Test(check, very_deep_nesting_is_refused)
{
	struct av_buf b = {0};
	size_t i;

	av_buf_adds(&b, "<collaboration id=\"djup\" version=\"1\" xml:lang=\"sv\">\n");
	for (i = 0; i < 200000; i++)
		av_buf_adds(&b, "<p>");
	for (i = 0; i < 200000; i++)
		av_buf_adds(&b, "</p>");
	av_buf_adds(&b, "</collaboration>\n");
	/* The 65th element: the root and 63 <p> before it. */
	expect_refused("djup.xml", &b, "djup.xml:2:190: error: elements nested more than 64 "
	    "deep (at <p>): over ansvar's limit [depth]\n");
	av_buf_free(&b);
}

Test(check, too_many_roles_and_elements)
{
	struct av_buf b = {0};
	size_t i;

	av_buf_adds(&b, "<collaboration id=\"manga\" version=\"1\" xml:lang=\"sv\"><title>T</title>\n");
	for (i = 0; i <= AV_MAX_ROLES; i++)
		av_buf_printf(&b, "<role id=\"r%zu\"><name>R%zu</name></role>\n", i, i);
	av_buf_adds(&b, "</collaboration>\n");
	expect_refused("roller.xml", &b,
	    "roller.xml:1:1: error: 2001 roles: more than ansvar's limit of 2000 [limit]\n");

	av_buf_reset(&b);
	av_buf_adds(&b, "<collaboration id=\"manga\" version=\"1\" xml:lang=\"sv\"><title>T</title>\n");
	for (i = 0; i <= AV_MAX_PARTIES; i++)
		av_buf_printf(&b, "<party id=\"p%zu\" name=\"P\"/>\n", i);
	av_buf_adds(&b, "</collaboration>\n");
	expect_refused("parter.xml", &b,
	    "parter.xml:1:1: error: 2001 parties: more than ansvar's limit of 2000 [limit]\n");

	av_buf_reset(&b);
	av_buf_adds(&b, "<collaboration id=\"manga\" version=\"1\" xml:lang=\"sv\"><purpose>\n");
	for (i = 0; i < AV_MAX_ELEMENTS; i++)
		av_buf_adds(&b, "<p/>");
	av_buf_adds(&b, "</purpose></collaboration>\n");
	/* The 200001st element: the root, <purpose> and 199999 <p/>. */
	expect_refused("element.xml", &b, "element.xml:2:799993: error: more than 200000 "
	    "elements: the file is over ansvar's limit [limit]\n");
	av_buf_free(&b);
}

/* Finding the closest id is a pass over every id: a file full of unknown
 * references still gets each reported, but suggestions for the first 100
 * only, so checking it stays fast. */
Test(check, suggestions_are_bounded)
{
	struct av_buf b = {0};
	struct av_diags d = {0};
	struct av_collab *c;
	char *out;
	const char *p;
	size_t i, nsuggested = 0;

	av_buf_adds(&b, "<collaboration id=\"manga\" version=\"1\" xml:lang=\"sv\"><title>T</title>\n"
	    "<role id=\"styrgrupp\"><name>S</name>\n");
	for (i = 0; i < 150; i++)
		av_buf_adds(&b, "<advises role=\"styrgrup\"/>\n");
	av_buf_adds(&b, "</role></collaboration>\n");
	c = av_collab_load_buffer("forslag.xml", b.data, b.len, &d);
	cr_assert_not_null(c);
	cr_expect_eq(d.nerrors, 150);
	out = av_diags_format(&d);
	for (p = out; (p = strstr(p, "did you mean 'styrgrupp'?")) != NULL; p++)
		nsuggested++;
	cr_expect_eq(nsuggested, 100);
	free(out);
	av_collab_free(c);
	av_diags_free(&d);
	av_buf_free(&b);
}

/* ---- The commands ---- */

static char *
fixture(const char *name)
{
	char *rel = av_xasprintf("tests/check/%s", name);
	char *path = th_src(rel);
	char *q = th_shquote(path);
	free(rel);
	free(path);
	return q;
}

Test(cli, exit_statuses)
{
	char *clean = fixture("clean.xml"), *cycle = fixture("cycle.xml");
	char *lint = fixture("lint-no-owner.xml"), *err = NULL;

	cr_expect_eq(th_ansvar(NULL, &err, "check %s", clean), 0);
	cr_expect_str_eq(err, "", "a clean file prints nothing");
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "check %s", cycle), 1);
	cr_expect(strstr(err, "cycle.xml:8:5: error: reports-to and member-of form a cycle") != NULL,
	    "%s", err);
	free(err);

	/* Warnings: success, unless --strict. */
	cr_expect_eq(th_ansvar(NULL, &err, "check %s", lint), 0);
	cr_expect(strstr(err, "warning: no role has kind=\"owner\"") != NULL, "%s", err);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "check --strict %s", lint), 1);
	cr_expect(strstr(err, "warning: no role has kind=\"owner\"") != NULL, "%s", err);
	free(err);
	cr_expect_eq(th_ansvar(NULL, NULL, "check %s --strict", clean), 0);

	/* Usage errors. */
	cr_expect_eq(th_ansvar(NULL, &err, "check"), 2);
	cr_expect(strstr(err, "no INPUT given") && strstr(err, "usage: ansvar check [--strict] INPUT..."),
	    "%s", err);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "check --strikt %s", clean), 2);
	cr_expect(strstr(err, "unknown option '--strikt'") != NULL, "%s", err);
	free(err);

	/* An input that does not exist. */
	cr_expect_eq(th_ansvar(NULL, &err, "check /nonexistent/samverkan.xml"), 1);
	cr_expect_str_eq(err, "/nonexistent/samverkan.xml: error: cannot read: No such file or "
	    "directory [io]\n");
	free(err);
	free(clean);
	free(cycle);
	free(lint);
}

static void
write_collab(const char *dir, const char *rel, const char *id, const char *extra)
{
	char *path = av_path_join(dir, rel);
	char *text = av_xasprintf("<collaboration id=\"%s\" version=\"1\" xml:lang=\"sv\">\n"
	    "  <title>T</title>\n  <role id=\"a\" kind=\"owner\"><name>A</name>%s</role>\n"
	    "</collaboration>\n", id, extra);
	th_write(path, text);
	free(text);
	free(path);
}

Test(cli, directories_recursively_in_sorted_order)
{
	char *dir = th_tmpdir("tree"), *q = th_shquote(dir), *err = NULL, *expected;

	write_collab(dir, "z.xml", "z", "<x/>");
	write_collab(dir, "b/c.xml", "c", "<x/>");
	write_collab(dir, "a/y.xml", "y", "<x/>");
	write_collab(dir, "a/b.xml", "b", "<x/>");
	write_collab(dir, "a/notes.txt", "n", "<x/>");
	cr_expect_eq(th_ansvar(NULL, &err, "check %s", q), 1);
	expected = av_xasprintf(
	    "%1$s/a/b.xml:3:43: error: unknown element <x> in <role> [unknown-element]\n"
	    "%1$s/a/y.xml:3:43: error: unknown element <x> in <role> [unknown-element]\n"
	    "%1$s/b/c.xml:3:43: error: unknown element <x> in <role> [unknown-element]\n"
	    "%1$s/z.xml:3:43: error: unknown element <x> in <role> [unknown-element]\n"
	    "ansvar: checked 4 files: 4 with problems, 4 errors, 0 warnings\n", dir);
	cr_expect_str_eq(err, expected);
	free(expected);
	free(err);

	/* An empty directory holds nothing to check. */
	free(dir);
	dir = th_tmpdir("empty");
	free(q);
	q = th_shquote(dir);
	cr_expect_eq(th_ansvar(NULL, &err, "check %s", q), 1);
	cr_expect_str_eq(err, "ansvar: error: no collaboration files (*.xml) in the INPUT given [io]\n");
	free(err);
	free(q);
	free(dir);
}

Test(cli, same_collaboration_id_in_two_inputs)
{
	char *dir = th_tmpdir("dupid"), *q = th_shquote(dir), *err = NULL, *expected;

	write_collab(dir, "a.xml", "samverkan", "");
	write_collab(dir, "b.xml", "samverkan", "");
	write_collab(dir, "c.xml", "annan", "");
	cr_expect_eq(th_ansvar(NULL, &err, "check %1$s/a.xml %1$s/b.xml %1$s/c.xml", q), 1);
	expected = av_xasprintf(
	    "%1$s/a.xml:1:1: error: collaboration id 'samverkan' is also used by %1$s/b.xml: "
	    "their outputs would overwrite each other [duplicate-collaboration]\n", dir);
	cr_expect(strstr(err, expected) != NULL, "%s", err);
	free(expected);
	expected = av_xasprintf(
	    "%1$s/b.xml:1:1: error: collaboration id 'samverkan' is also used by %1$s/a.xml: "
	    "their outputs would overwrite each other [duplicate-collaboration]\n", dir);
	cr_expect(strstr(err, expected) != NULL, "%s", err);
	cr_expect(strstr(err, "c.xml:1:1: error") == NULL, "%s", err);
	free(expected);
	free(err);
	free(q);
	free(dir);
}

Test(cli, init_in_each_language_passes_check)
{
	static const char *const langs[] = { "sv", "nb", "nn" };
	char *dir = th_tmpdir("init");
	size_t i;

	for (i = 0; i < 3; i++) {
		char *file = av_xasprintf("%s/%s.xml", dir, langs[i]), *q = th_shquote(file);
		char *rel = av_xasprintf("templates/init/%s.xml", langs[i]);
		char *tpl = th_src(rel), *expected = th_read(tpl), *got, *out = NULL, *err = NULL;
		struct av_diags d = {0};
		struct av_collab *c;

		cr_expect_eq(th_ansvar(NULL, &err, "init -l %s -o %s", langs[i], q), 0, "%s", err);
		free(err);
		got = th_read(file);
		cr_assert_not_null(got);
		cr_expect_str_eq(got, expected);
		cr_expect_eq(th_ansvar(NULL, &err, "check --strict %s", q), 0, "%s", langs[i]);
		cr_expect_str_eq(err, "", "%s", err);
		free(err);

		/* The usual roles, in the language asked for. */
		c = av_collab_load(file, &d);
		cr_assert_not_null(c);
		cr_expect_str_eq(av_lang_name(c->lang), langs[i]);
		{
			static const enum av_role_kind kinds[] = {
				AV_KIND_OWNER, AV_KIND_STEERING, AV_KIND_MANAGEMENT, AV_KIND_LEAD,
				AV_KIND_TEAM, AV_KIND_MEMBER, AV_KIND_REFERENCE
			};
			size_t k, r;
			for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
				int found = 0;
				for (r = 0; r < c->nroles; r++)
					found |= c->roles[r].kind == kinds[k];
				cr_expect(found, "%s: no %s role", langs[i], av_role_kind_name(kinds[k]));
			}
		}
		av_collab_free(c);
		av_diags_free(&d);

		/* Without -o: the same text on standard output. */
		cr_expect_eq(th_ansvar(&out, NULL, "init --lang %s", langs[i]), 0);
		cr_expect_str_eq(out, expected);
		free(out);
		free(got);
		free(expected);
		free(tpl);
		free(rel);
		free(q);
		free(file);
	}
	free(dir);
}

Test(cli, init_defaults_and_refusals)
{
	char *dir = th_tmpdir("init2"), *file = av_path_join(dir, "samverkan.xml");
	char *q = th_shquote(file), *out = NULL, *err = NULL, *sv = th_src("templates/init/sv.xml");
	char *nb = th_src("templates/init/nb.xml"), *svtext = th_read(sv), *nbtext = th_read(nb);
	char *got, *expected;

	cr_expect_eq(th_ansvar(&out, NULL, "init"), 0);
	cr_expect_str_eq(out, svtext, "Swedish by default");
	free(out);
	cr_expect_eq(th_ansvar(&out, NULL, "init -l no"), 0);
	cr_expect_str_eq(out, nbtext, "no is read as nb");
	free(out);

	/* Never overwrites. */
	th_write(file, "my own work\n");
	cr_expect_eq(th_ansvar(NULL, &err, "init -o %s", q), 1);
	expected = av_xasprintf("%s: error: exists already: ansvar init never overwrites a file "
	    "(choose another name) [io]\n", file);
	cr_expect_str_eq(err, expected);
	free(expected);
	free(err);
	got = th_read(file);
	cr_expect_str_eq(got, "my own work\n");
	free(got);

	cr_expect_eq(th_ansvar(NULL, &err, "init -l de"), 2);
	cr_expect(strstr(err, "unknown language 'de': use sv, nb or nn") != NULL, "%s", err);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "init extra"), 2);
	cr_expect(strstr(err, "unexpected argument 'extra'") != NULL, "%s", err);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "init -o"), 2);
	cr_expect(strstr(err, "option '-o' needs an argument") != NULL, "%s", err);
	free(err);
	free(svtext);
	free(nbtext);
	free(sv);
	free(nb);
	free(q);
	free(file);
	free(dir);
}

Test(cli, help_texts)
{
	char *out = NULL;

	cr_expect_eq(th_ansvar(&out, NULL, "help check"), 0);
	cr_expect(strstr(out, "usage: ansvar check [--strict] INPUT...") != NULL, "%s", out);
	cr_expect(strstr(out, "--strict") != NULL && strstr(out, "Exit status") != NULL, "%s", out);
	free(out);
	cr_expect_eq(th_ansvar(&out, NULL, "check --help"), 0);
	cr_expect(strstr(out, "usage: ansvar check [--strict] INPUT...") != NULL, "%s", out);
	free(out);
	cr_expect_eq(th_ansvar(&out, NULL, "help init"), 0);
	cr_expect(strstr(out, "usage: ansvar init [-l LANG] [-o FILE]") != NULL, "%s", out);
	cr_expect(strstr(out, "-l, --lang LANG") != NULL && strstr(out, "never overwritten") != NULL,
	    "%s", out);
	free(out);
	cr_expect_eq(th_ansvar(&out, NULL, "--help"), 0);
	cr_expect(strstr(out, "  check ") != NULL && strstr(out, "  init ") != NULL, "%s", out);
	cr_expect(strstr(out, "dump-model") == NULL, "hidden commands are not listed:\n%s", out);
	free(out);
	cr_expect_eq(th_ansvar(&out, NULL, "help dump-model"), 0);
	cr_expect(strstr(out, "usage: ansvar dump-model FILE") != NULL, "%s", out);
	free(out);
}

Test(cli, dump_model)
{
	char *out = NULL, *err = NULL, *expected_path = th_src("tests/model/legevakt.dump");
	char *expected = th_read(expected_path), *src = th_shquote(th_srcdir());
	const char *wrapper = getenv("ANSVAR_WRAPPER");

	cr_expect_eq(th_sh(&out, &err, "cd %s && %s '%s' dump-model samples/legevakt.xml", src,
	    wrapper ? wrapper : "", th_bin()), 0, "%s", err);
	cr_expect_str_eq(out, expected, "dump-model prints the model dump");
	free(out);
	free(err);
	cr_expect_eq(th_ansvar(NULL, &err, "dump-model"), 2);
	free(err);
	free(expected);
	free(expected_path);
	free(src);
}
