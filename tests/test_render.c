/* test_render.c -- `ansvar render` as a user runs it: every output of the samples and fixtures, their text, links, bookmarks, labels, metadata; reruns, options, batches. */
#include "config.h"

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <criterion/parameterized.h>
#include <fcntl.h>
#include <glib.h>
#include <math.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "hyphenate.h"
#include "model.h"
#include "pdf_links.h"
#include "pdfcheck.h"
#include "render_runs.h"
#include "util.h"

/*
 * The inputs every check runs on: the samples a user sees first and the
 * template fixtures (one per language).  `file` is below the source tree.
 */
struct input {
	char name[32];          /* names the expected files tests/render/NAME.* */
	char file[64];
};

static struct input inputs[] = {
	{ "lansprojekt", "samples/lansprojekt.xml" },
	{ "ungdomslos", "samples/ungdomslos.xml" },
	{ "legevakt", "samples/legevakt.xml" },
	{ "templates-sv", "tests/templates/sv.xml" },
	{ "templates-nb", "tests/templates/nb.xml" },
	{ "templates-nn", "tests/templates/nn.xml" },
};
#define NINPUTS (sizeof inputs / sizeof inputs[0])

static const char *const langs[] = { "sv", "nb", "nn" };
#define NLANGS 3

/* Where the default templates put the page body: the header ends 21 mm
 * below the top edge and the body starts at 27 mm; the footer starts
 * 23 mm above the bottom edge and the body ends at 29 mm.  Text between
 * the cuts is the body. */
#define MM (72.0 / 25.4)
#define BODY_TOP (24 * MM)
#define BODY_BOTTOM (26 * MM)

/*
 * Rendering.  Each input is rendered once per test run, by whichever test
 * needs it first (tests run in parallel processes; a lock file serialises
 * them), into tests/tmp/render/cache/NAME; the exit status and output of
 * that run are kept beside it for the tests to check.
 */

struct run {
	int rc;
	char *out, *err;
	char *dir;              /* the output directory */
};

/* Criterion 2.4's runner leaks 48 bytes when tests run in parallel (not
 * this program's doing): LeakSanitizer, in --enable-asan builds, is told
 * so through its hook for default suppressions.  ansvar itself, which
 * the tests run, gets no suppression. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libcriterion.so\n";
}

static char *
cache_root(void)
{
	return th_build("tests/tmp/render/cache");
}

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	char *root = cache_root();
	(void)set;
	th_sh(NULL, NULL, "rm -rf '%s'", root);
	free(root);
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	free(r->dir);
	memset(r, 0, sizeof *r);
}

static void
render_cached(const struct input *in, struct run *r)
{
	char *root = cache_root(), *lock = av_path_join(root, ".lock");
	char *donename = av_xasprintf("%s.done", in->name), *done = av_path_join(root, donename);
	char *src = th_src(in->file), *q = th_shquote(src), *text;
	int fd;

	memset(r, 0, sizeof *r);
	r->dir = av_path_join(root, in->name);
	av_mkdir_p(root);
	fd = open(lock, O_CREAT | O_RDWR, 0644);
	cr_assert(fd >= 0 && flock(fd, LOCK_EX) == 0, "lock %s", lock);
	if (!av_file_exists(done)) {
		struct av_buf b = {0};
		r->rc = th_ansvar(&r->out, &r->err, "render -q -o '%s' %s", r->dir, q);
		av_buf_printf(&b, "%d\n%s%c%s", r->rc, r->out, '\1', r->err);
		th_write(done, b.data);
		av_buf_free(&b);
	} else {
		char *sep;
		text = th_read(done);
		cr_assert_not_null(text);
		r->rc = atoi(text);
		sep = strchr(text, '\1');
		cr_assert_not_null(sep);
		r->out = av_xstrndup(strchr(text, '\n') + 1, (size_t)(sep - strchr(text, '\n') - 1));
		r->err = av_xstrdup(sep + 1);
		free(text);
	}
	flock(fd, LOCK_UN);
	close(fd);
	free(root);
	free(lock);
	free(donename);
	free(done);
	free(src);
	free(q);
}

/*
 * The input, read with the model as ansvar reads it.
 */

static struct av_collab *
load(const char *path)
{
	struct av_diags d = {0};
	struct av_collab *c = av_collab_load(path, &d);
	char *msgs = av_diags_format(&d);
	cr_assert(c != NULL && d.nerrors == 0, "%s loads without errors:\n%s", path, msgs);
	free(msgs);
	av_diags_free(&d);
	return c;
}

/* A growable NULL-terminated list of strings. */
struct strs {
	char **v;
	size_t n, cap;
};

static void
strs_add(struct strs *s, char *owned)
{
	if (owned == NULL)
		return;
	if (owned[strspn(owned, " \t\n")] == '\0') {
		free(owned);
		return;
	}
	s->v = av_xgrow(s->v, &s->cap, s->n + 2, sizeof *s->v);
	s->v[s->n++] = owned;
	s->v[s->n] = NULL;
}

static void
strs_free(struct strs *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Inline content as pieces of text: the text of each link is a piece of
 * its own, since the document prints the address after it. */
static void
add_pieces(struct strs *s, const struct av_inline *n, struct av_buf *cur)
{
	for (; n; n = n->next) {
		switch (n->kind) {
		case AV_INLINE_TEXT:
			av_buf_adds(cur, n->text);
			break;
		case AV_INLINE_ROLE_REF:
			av_buf_adds(cur, n->role ? n->role->name : n->target);
			break;
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
			add_pieces(s, n->first, cur);
			break;
		case AV_INLINE_LINK:
			strs_add(s, av_buf_take(cur));
			strs_add(s, av_inline_text(n->first));
			break;
		default:
			cr_assert_fail("inline kind %d", (int)n->kind);
		}
	}
}

static void
add_inlines(struct strs *s, const struct av_inline *first)
{
	struct av_buf cur = {0};
	add_pieces(s, first, &cur);
	strs_add(s, av_buf_take(&cur));
}

static void
add_blocks(struct strs *s, const struct av_blocks *b)
{
	size_t i;
	for (i = 0; i < b->n; i++)
		add_inlines(s, b->v[i].first);
}

/* A role's texts as its charter shows them: name, summary, the four
 * sections, the holders' names. */
static void
add_role(struct strs *s, const struct av_role *r)
{
	size_t i;
	strs_add(s, av_xstrdup(r->name));
	if (r->summary)
		add_inlines(s, r->summary);
	for (i = 0; i < AV_SECTION__COUNT; i++)
		add_blocks(s, &r->sections[i]);
	for (i = 0; i < r->nholders; i++)
		strs_add(s, av_xstrdup(r->holders[i].name));
}

/* Every text of the input in the order the complete document shows it. */
static char **
document_texts(const struct av_collab *c, struct strs *s)
{
	size_t i;
	strs_add(s, av_xstrdup(c->title));
	strs_add(s, av_xstrdup(c->subtitle));
	strs_add(s, av_xstrdup(c->issuer));
	add_blocks(s, &c->purpose);
	for (i = 0; i < c->nroles; i++)
		add_role(s, &c->roles[i]);
	add_blocks(s, &c->governance);
	add_blocks(s, &c->questions);
	for (i = 0; i < c->history.nrevised; i++)
		add_inlines(s, c->history.revised[i].text);
	cr_assert_gt(s->n, 30, "%s has text", c->path);
	return s->v;
}

/* Calls fn for every inline node of the input (depth first, in document
 * order), with the block it stands in and the named destination of the
 * part of the complete document that shows it ("_purpose", a role id,
 * "_governance", ...). */
typedef void (*inline_fn)(const struct av_inline *n, const struct av_inline *block, const char *area,
    void *ctx);

static void
walk_inlines(const struct av_inline *n, const struct av_inline *block, const char *area, inline_fn fn,
    void *ctx)
{
	for (; n; n = n->next) {
		fn(n, block, area, ctx);
		walk_inlines(n->first, block, area, fn, ctx);
	}
}

static void
walk_blocks(const struct av_blocks *b, const char *area, inline_fn fn, void *ctx)
{
	size_t i;
	for (i = 0; i < b->n; i++)
		walk_inlines(b->v[i].first, b->v[i].first, area, fn, ctx);
}

static void
walk_collab(const struct av_collab *c, inline_fn fn, void *ctx)
{
	size_t i, j;
	walk_blocks(&c->purpose, "_purpose", fn, ctx);
	for (i = 0; i < c->nroles; i++) {
		const struct av_role *r = &c->roles[i];
		walk_inlines(r->summary, r->summary, r->id, fn, ctx);
		for (j = 0; j < AV_SECTION__COUNT; j++)
			walk_blocks(&r->sections[j], r->id, fn, ctx);
	}
	walk_blocks(&c->governance, "_governance", fn, ctx);
	walk_blocks(&c->questions, "_questions", fn, ctx);
	for (i = 0; i < c->history.nrevised; i++)
		walk_inlines(c->history.revised[i].text, c->history.revised[i].text, "_history", fn, ctx);
}

/*
 * Labels of the template set.
 */

static xmlDoc *
i18n(const char *lang)
{
	char *rel = av_xasprintf("templates/i18n/%s.xml", lang), *path = th_src(rel);
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	cr_assert_not_null(doc, "%s parses", path);
	free(rel);
	free(path);
	return doc;
}

static char *
xp_string(xmlDoc *doc, const char *expr)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, x);
	char *s;
	cr_assert_not_null(r, "XPath %s", expr);
	s = av_xstrdup(r->type == XPATH_STRING ? (const char *)r->stringval : "");
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	return s;
}

/* The label `key` of a language (empty when there is none).  Caller frees. */
static char *
label(const char *lang, const char *key)
{
	xmlDoc *doc = i18n(lang);
	char *expr = av_xasprintf("string(/i18n/label[@key = '%s'])", key);
	char *s = xp_string(doc, expr);
	free(expr);
	xmlFreeDoc(doc);
	return s;
}

/* "Sida 3 av 14" in the language. */
static char *
page_of(const char *lang, int page, int pages)
{
	char *l = label(lang, "page"), n[16], m[16], *a, *b;
	snprintf(n, sizeof n, "%d", page);
	snprintf(m, sizeof m, "%d", pages);
	a = th_replace(l, "{page}", n);
	b = th_replace(a, "{pages}", m);
	free(l);
	free(a);
	return b;
}

/* A date as the language writes it ("27 maj 2013", "27. mai 2013"). */
static char *
date_in(const char *lang, const struct av_date *d)
{
	xmlDoc *doc = i18n(lang);
	char *expr = av_xasprintf("string(/i18n/month[%d])", d->month), *month = xp_string(doc, expr);
	char *pattern = xp_string(doc, "string(/i18n/date/@pattern)"), num[16], *a, *b, *c;
	snprintf(num, sizeof num, "%d", d->day);
	a = th_replace(pattern, "{day}", num);
	b = th_replace(a, "{month}", month);
	snprintf(num, sizeof num, "%d", d->year);
	c = th_replace(b, "{year}", num);
	free(expr);
	free(month);
	free(pattern);
	free(a);
	free(b);
	xmlFreeDoc(doc);
	return c;
}

/* Whether `text` (squeezed) contains `s` (squeezed). */
static int
has_text(const char *text, const char *s)
{
	const char *one[2] = { s, NULL };
	return th_in_order(text, one, NULL);
}

/* Whether `text` (squeezed) starts with `s` (squeezed). */
static int
starts_with_text(const char *text, const char *s)
{
	char *a = th_squeeze(text), *b = th_squeeze(s);
	int ok = strncmp(a, b, strlen(b)) == 0;
	free(a);
	free(b);
	return ok;
}

/* The body text of pages from..to (header and footer cut off). */
static char *
body_text(struct pc_pdf *p, int from, int to)
{
	struct av_buf b = {0};
	int i;
	av_buf_adds(&b, "");
	for (i = from; i <= to; i++) {
		double w, h;
		char *t;
		pc_page_size(p, i, &w, &h);
		t = pc_text_between(p, i, BODY_TOP, h - BODY_BOTTOM);
		av_buf_adds(&b, t);
		free(t);
	}
	return av_buf_take(&b);
}

/*
 * Everything a check needs about one input and its rendering.
 */
struct ctx {
	const struct input *in;
	struct run run;
	struct av_collab *c;
	const char *lang;       /* the document's language */
	char *doc_path;         /* DIR/C.pdf */
	struct pc_pdf *doc;
};

static void
ctx_open(struct ctx *x, const struct input *in)
{
	char *src = th_src(in->file), *rel;
	memset(x, 0, sizeof *x);
	x->in = in;
	render_cached(in, &x->run);
	cr_assert_eq(x->run.rc, 0, "%s: render exits 0:\n%s", in->name, x->run.err);
	x->c = load(src);
	x->lang = av_lang_name(x->c->lang);
	rel = av_xasprintf("%s.pdf", x->c->id);
	x->doc_path = av_path_join(x->run.dir, rel);
	x->doc = pc_open(x->doc_path);
	cr_assert_not_null(x->doc, "%s opens", x->doc_path);
	free(rel);
	free(src);
}

static void
ctx_close(struct ctx *x)
{
	pc_close(x->doc);
	av_collab_free(x->c);
	free(x->doc_path);
	run_free(&x->run);
}

static char *
handout_path(const struct ctx *x, const struct av_role *r)
{
	char *rel = av_xasprintf("%s/%s.pdf", x->c->id, r->id), *p = av_path_join(x->run.dir, rel);
	free(rel);
	return p;
}

/* The page a role's charter starts on: its named destination. */
static int
charter_page(const struct ctx *x, const struct av_role *r)
{
	return pc_dest_page(x->doc, r->id);
}

#define PARAMS(test) \
	ParameterizedTestParameters(render, test) \
	{ \
		return cr_make_param_array(struct input, inputs, NINPUTS); \
	}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a directory, sorted, one a line. */
static char *
listing(const char *dir)
{
	char *q = th_shquote(dir), *out = NULL;
	cr_assert_eq(th_sh(&out, NULL, "ls -A %s | LC_ALL=C sort", q), 0, "list %s", dir);
	free(q);
	return out;
}

/* Exit 0, the summary line, and exactly the files SPEC section 4 lists. */
PARAMS(outputs)
ParameterizedTest(struct input *in, render, outputs)
{
	struct ctx x;
	struct av_buf want = {0};
	struct strs names = {0};
	char *sub, *got;
	size_t i;

	ctx_open(&x, in);
	cr_expect_str_eq(x.run.out, "1 rendered, 0 up to date, 0 failed\n", "%s: the summary line", in->name);
	/* (The fixtures lack sections on purpose: lint warnings.) */
	if (strncmp(in->file, "samples/", 8) == 0)
		cr_expect_str_eq(x.run.err, "", "%s: nothing on stderr", in->name);
	else
		cr_expect(strstr(x.run.err, " error: ") == NULL, "%s: no errors:\n%s", in->name, x.run.err);

	for (i = 0; i < x.c->nroles; i++)
		strs_add(&names, av_xasprintf("%s.pdf", x.c->roles[i].id));
	strs_add(&names, av_xstrdup("organisation.pdf"));
	strs_add(&names, av_xstrdup("organisation.png"));
	strs_add(&names, av_xstrdup("organisation.svg"));
	qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (i = 0; i < names.n; i++)
		av_buf_printf(&want, "%s\n", names.v[i]);
	sub = av_path_join(x.run.dir, x.c->id);
	got = listing(sub);
	cr_expect_str_eq(got, want.data, "%s: the files in %s", in->name, sub);
	free(got);
	av_buf_reset(&want);
	av_buf_printf(&want, ".ansvar\n%s\n%s.pdf\n", x.c->id, x.c->id);
	got = listing(x.run.dir);
	cr_expect_str_eq(got, want.data, "%s: the files in %s", in->name, x.run.dir);
	free(got);
	free(sub);
	strs_free(&names);
	av_buf_free(&want);
	ctx_close(&x);
}

/* Every text of the input is in the complete document, in order, and the
 * charters come in the order of the roles, each on its own page headed by
 * the role's name. */
PARAMS(text_in_order)
ParameterizedTest(struct input *in, render, text_in_order)
{
	struct ctx x;
	struct strs s = {0};
	const char *missing = NULL;
	char *text;
	size_t i;
	int pages, prev = 0;

	ctx_open(&x, in);
	pages = pc_pages(x.doc);
	text = body_text(x.doc, 1, pages);
	cr_expect(th_in_order(text, (const char *const *)document_texts(x.c, &s), &missing),
	    "%s: every text of the input is in the complete document, in order; not found in order: %s",
	    in->name, missing);
	free(text);
	for (i = 0; i < x.c->nroles; i++) {
		const struct av_role *r = &x.c->roles[i];
		int page = charter_page(&x, r);
		cr_expect_gt(page, prev, "%s: the charter of %s (page %d) comes after the one before (page %d)",
		    in->name, r->id, page, prev);
		if (page > 0) {
			double w, h;
			pc_page_size(x.doc, page, &w, &h);
			text = body_text(x.doc, page, page);
			cr_expect(starts_with_text(text, r->name), "%s: page %d starts with the heading %s:\n%s",
			    in->name, page, r->name, text);
			cr_expect_lt(w, h, "%s: the charter of %s is on a portrait page", in->name, r->id);
			free(text);
			prev = page;
		}
	}
	strs_free(&s);
	ctx_close(&x);
}

/* Each handout: its role's texts in order after the collaboration's title
 * and the role's name, the acknowledgement naming the role; the page
 * counts of every output as in tests/render/NAME.pages. */
PARAMS(handouts)
ParameterizedTest(struct input *in, render, handouts)
{
	struct ctx x;
	struct av_buf pages = {0};
	char *expected, *rel;
	size_t i;

	ctx_open(&x, in);
	av_buf_printf(&pages, "%s.pdf %d\n", x.c->id, pc_pages(x.doc));
	for (i = 0; i < x.c->nroles; i++) {
		const struct av_role *r = &x.c->roles[i];
		char *path = handout_path(&x, r), *text, *tmpl, *fill;
		struct pc_pdf *p = pc_open(path);
		struct strs s = {0};
		const char *missing = NULL;

		cr_assert_not_null(p, "%s opens", path);
		strs_add(&s, av_xstrdup(x.c->title));
		add_role(&s, r);
		tmpl = label(x.lang, "acknowledgement-text");
		fill = th_replace(tmpl, "{role}", r->name);
		strs_add(&s, fill);
		free(tmpl);
		text = body_text(p, 1, pc_pages(p));
		cr_expect(th_in_order(text, (const char *const *)s.v, &missing),
		    "%s: the handout of %s has its texts in order; not found in order: %s", in->name, r->id,
		    missing);
		/* Nothing of the other roles' charters. */
		{
			size_t j;
			for (j = 0; j < x.c->nroles; j++) {
				const struct av_role *o = &x.c->roles[j];
				char *sum = o->summary ? av_inline_text(o->summary) : NULL;
				if (j != i && sum && strlen(sum) > 20)
					cr_expect(!has_text(text, sum), "%s: the handout of %s holds no summary of %s",
					    in->name, r->id, o->id);
				free(sum);
			}
		}
		av_buf_printf(&pages, "%s/%s.pdf %d\n", x.c->id, r->id, pc_pages(p));
		free(text);
		strs_free(&s);
		pc_close(p);
		free(path);
	}
	{
		char *path = av_xasprintf("%s/%s/organisation.pdf", x.run.dir, x.c->id);
		struct pc_pdf *p = pc_open(path);
		cr_assert_not_null(p, "%s opens", path);
		av_buf_printf(&pages, "%s/organisation.pdf %d\n", x.c->id, pc_pages(p));
		pc_close(p);
		free(path);
	}
	rel = av_xasprintf("tests/render/%s.pages", in->name);
	expected = th_src(rel);
	cr_expect(th_matches_file(expected, pages.data), "%s: page counts as in %s", in->name, rel);
	free(rel);
	free(expected);
	av_buf_free(&pages);
	ctx_close(&x);
}

/* The parts the complete document has, in order, as label keys. */
static size_t
parts(const struct av_collab *c, const char **keys)
{
	size_t n = 0;
	if (c->purpose.present)
		keys[n++] = "purpose";
	keys[n++] = "organisation";
	keys[n++] = "roles";
	if (c->governance.present)
		keys[n++] = "governance";
	if (c->questions.present)
		keys[n++] = "questions";
	if (c->history.present)
		keys[n++] = "history";
	return n;
}

/* Bookmarks: the parts at the top level, the roles under "Roles"; each
 * goes to the page holding its heading. */
PARAMS(bookmarks)
ParameterizedTest(struct input *in, render, bookmarks)
{
	struct ctx x;
	const char *keys[8];
	size_t nkeys, n, i, k = 0, r;
	struct pc_bookmark *b;

	ctx_open(&x, in);
	nkeys = parts(x.c, keys);
	b = pc_outline(x.doc, &n);
	cr_expect_eq(n, nkeys + x.c->nroles, "%s: %zu bookmarks: the parts and the roles (got %zu)", in->name,
	    nkeys + x.c->nroles, n);
	for (i = 0; i < nkeys && k < n; i++) {
		char *want = label(x.lang, keys[i]), *text;
		cr_expect_str_eq(b[k].title, want, "%s: bookmark %zu is the part %s", in->name, k, want);
		cr_expect_eq(b[k].depth, 0, "%s: %s at the top level", in->name, want);
		if (strcmp(keys[i], "roles") == 0) {
			cr_expect_eq(b[k].page, x.c->nroles ? charter_page(&x, &x.c->roles[0]) : 0,
			    "%s: Roles goes to the first charter", in->name);
			for (r = 0; r < x.c->nroles && k + 1 < n; r++) {
				const struct av_role *role = &x.c->roles[r];
				k++;
				cr_expect_str_eq(b[k].title, role->name, "%s: the bookmark of %s", in->name, role->id);
				cr_expect_eq(b[k].depth, 1, "%s: %s under Roles", in->name, role->id);
				cr_expect_eq(b[k].page, charter_page(&x, role), "%s: the bookmark of %s goes to its charter",
				    in->name, role->id);
				text = body_text(x.doc, b[k].page, b[k].page);
				cr_expect(starts_with_text(text, role->name), "%s: page %d is headed %s", in->name,
				    b[k].page, role->name);
				free(text);
			}
		} else {
			cr_assert_gt(b[k].page, 0, "%s: the bookmark %s goes to a page", in->name, want);
			text = body_text(x.doc, b[k].page, b[k].page);
			cr_expect(has_text(text, want), "%s: page %d holds the heading %s", in->name, b[k].page, want);
			free(text);
			if (strcmp(keys[i], "organisation") == 0) {
				double w, h;
				pc_page_size(x.doc, b[k].page, &w, &h);
				cr_expect_gt(w, h, "%s: the diagram page is landscape", in->name);
			}
		}
		free(want);
		k++;
	}
	pc_outline_free(b, n);
	ctx_close(&x);
}

/* Every role id is a named destination at its charter; the only other
 * names are the parts' (starting with "_"). */
PARAMS(destinations)
ParameterizedTest(struct input *in, render, destinations)
{
	struct ctx x;
	char **names;
	size_t i, j;

	ctx_open(&x, in);
	names = pc_dest_names(x.doc);
	for (i = 0; i < x.c->nroles; i++) {
		const struct av_role *r = &x.c->roles[i];
		int page = pc_dest_page(x.doc, r->id), found = 0;
		char *text;
		cr_expect_gt(page, 0, "%s: a named destination %s", in->name, r->id);
		if (page <= 0)
			continue;
		text = body_text(x.doc, page, page);
		cr_expect(starts_with_text(text, r->name), "%s: %s.pdf#%s opens the page headed %s", in->name,
		    x.c->id, r->id, r->name);
		free(text);
		for (j = 0; names[j]; j++)
			found |= strcmp(names[j], r->id) == 0;
		cr_expect(found, "%s: %s among the destination names", in->name, r->id);
	}
	for (j = 0; names[j]; j++)
		cr_expect(names[j][0] == '_' || av_collab_role(x.c, names[j]) != NULL,
		    "%s: the destination %s is a role or a part", in->name, names[j]);
	pc_strv_free(names);
	ctx_close(&x);
}

/* The text before node `target` in a block, since the block's start or
 * the last link before it (the document prints a link's address after
 * it), into `b`; 1 when the target was reached. */
static int
text_before(const struct av_inline *n, const struct av_inline *target, struct av_buf *b)
{
	for (; n; n = n->next) {
		if (n == target)
			return 1;
		switch (n->kind) {
		case AV_INLINE_TEXT:
			av_buf_adds(b, n->text);
			break;
		case AV_INLINE_ROLE_REF:
			av_buf_adds(b, n->role ? n->role->name : n->target);
			break;
		case AV_INLINE_EM:
		case AV_INLINE_STRONG:
			if (text_before(n->first, target, b))
				return 1;
			break;
		case AV_INLINE_LINK:
			if (text_before(n->first, target, b))
				return 1;
			av_buf_reset(b);
			break;
		default:
			cr_assert_fail("inline kind %d", (int)n->kind);
		}
	}
	return 0;
}

/* The squeezed body text of every page, one after the other, and where
 * each page starts in it. */
struct pages_text {
	char *all;
	size_t *start;          /* start[p] for page p (1-based); start[n + 1] = end */
	int n;
};

static void
pages_text(struct pc_pdf *p, struct pages_text *t)
{
	struct av_buf b = {0};
	int i;
	t->n = pc_pages(p);
	t->start = av_xcalloc((size_t)t->n + 2, sizeof *t->start);
	av_buf_adds(&b, "");
	for (i = 1; i <= t->n; i++) {
		char *body = body_text(p, i, i), *sq = th_squeeze(body);
		t->start[i] = b.len;
		av_buf_adds(&b, sq);
		free(body);
		free(sq);
	}
	t->start[t->n + 1] = b.len;
	t->all = av_buf_take(&b);
}

/* The page of an offset into pages_text.all. */
static int
page_at(const struct pages_text *t, size_t off)
{
	int i;
	for (i = 1; i <= t->n; i++)
		if (off < t->start[i + 1])
			return i;
	return t->n;
}

struct refs {
	struct ctx *x;
	struct pages_text *pt;
	/* role-refs and links found, with their pages */
	struct ref {
		const struct av_inline *n;
		int page;
	} *v;
	size_t n, cap;
};

static void
find_ref(const struct av_inline *n, const struct av_inline *block, const char *area, void *ctx)
{
	struct refs *r = ctx;
	struct av_buf before = {0};
	char *shown, *sq_before, *sq, *hit = NULL;
	int from;

	if (n->kind != AV_INLINE_ROLE_REF && n->kind != AV_INLINE_LINK)
		return;
	av_buf_adds(&before, "");
	cr_assert(text_before(block, n, &before), "the node is in its block");
	shown = n->kind == AV_INLINE_ROLE_REF ? av_xstrdup(n->role->name) : av_inline_text(n->first);
	sq_before = th_squeeze(before.data);
	av_buf_adds(&before, shown);
	sq = th_squeeze(before.data);
	/* Looked for from the page of the part that shows it on. */
	from = pc_dest_page(r->x->doc, area);
	cr_expect_gt(from, 0, "%s: a destination %s", r->x->in->name, area);
	if (from > 0)
		hit = strstr(r->pt->all + r->pt->start[from], sq);
	cr_expect_not_null(hit, "%s: the text up to %s:%d:%d is in the document from page %d on: %s",
	    r->x->in->name, n->loc.file, n->loc.line, n->loc.col, from, before.data);
	if (hit) {
		r->v = av_xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
		r->v[r->n].n = n;
		r->v[r->n].page = page_at(r->pt, (size_t)(hit - r->pt->all) + strlen(sq_before));
		r->n++;
	}
	free(shown);
	free(sq_before);
	free(sq);
	av_buf_free(&before);
}

/* The squeezed text under a link. */
static char *
link_text(struct pc_pdf *p, int page, const struct pc_link *l)
{
	char *t = pc_text_in(p, page, l->x1, l->y1, l->x2, l->y2), *s = th_squeeze(t);
	free(t);
	return s;
}

/*
 * Links in the complete document: every internal link goes to a page of
 * it; every role-ref of the input is a link on its page to that role's
 * charter; each box of the diagram links to its role's charter; every link
 * href is a URI link over its text.  (cairo 1.16 writes links to later
 * pages without a destination: src/pdf_links.h.)
 */
PARAMS(links)
ParameterizedTest(struct input *in, render, links)
{
	struct ctx x;
	struct pages_text pt = {0};
	struct refs refs = {0};
	size_t i, j;
	int page;

	ctx_open(&x, in);
	pages_text(x.doc, &pt);
	refs.x = &x;
	refs.pt = &pt;
	walk_collab(x.c, find_ref, &refs);

	for (page = 1; page <= pt.n; page++) {
		size_t n;
		struct pc_link *l = pc_links(x.doc, page, &n);
		for (i = 0; i < n; i++) {
			cr_expect(l[i].kind != PC_LINK_OTHER, "%s: link %zu on page %d is a link to a page or a URI",
			    in->name, i, page);
			if (l[i].kind == PC_LINK_INTERNAL)
				cr_expect(l[i].dest_page >= 1 && l[i].dest_page <= pt.n,
				    "%s: link %zu on page %d (to %s) goes to a page of the document, not %d", in->name, i,
				    page, l[i].dest_name ? l[i].dest_name : "a page", l[i].dest_page);
		}
		pc_links_free(l, n);
	}

	/* Role references and external links, page by page. */
	for (i = 0; i < refs.n; i++) {
		const struct av_inline *n = refs.v[i].n;
		size_t nl, matched = 0, k;
		struct pc_link *l;
		char *want, *t;
		int pages[2] = { refs.v[i].page, refs.v[i].page + 1 };

		t = n->kind == AV_INLINE_ROLE_REF ? av_xstrdup(n->role->name) : av_inline_text(n->first);
		want = th_squeeze(t);
		free(t);
		/* (A reference at the very end of a page may be on the next.) */
		for (k = 0; k < 2 && matched == 0; k++) {
			l = pc_links(x.doc, pages[k], &nl);
			for (j = 0; j < nl; j++) {
				int names;
				t = link_text(x.doc, pages[k], &l[j]);
				names = *t && strstr(want, t) != NULL;
				if (names && n->kind == AV_INLINE_ROLE_REF && l[j].kind == PC_LINK_INTERNAL &&
				    l[j].dest_page == charter_page(&x, n->role))
					matched++;
				else if (names && n->kind == AV_INLINE_LINK && l[j].kind == PC_LINK_URI &&
				    strcmp(l[j].uri, n->target) == 0)
					matched++;
				free(t);
			}
			pc_links_free(l, nl);
		}
		cr_expect_gt(matched, 0, "%s: %s:%d:%d (%s %s) is a link on page %d", in->name, n->loc.file,
		    n->loc.line, n->loc.col, n->kind == AV_INLINE_LINK ? "link to" : "role-ref", n->target,
		    refs.v[i].page);
		free(want);
	}

	/* The diagram's boxes. */
	page = pc_dest_page(x.doc, "_organisation");
	cr_assert_gt(page, 0, "%s: the organisation page", in->name);
	{
		size_t nl, *hits = av_xcalloc(x.c->nroles + 1, sizeof *hits);
		struct pc_link *l = pc_links(x.doc, page, &nl);
		cr_expect_eq(nl, x.c->nroles, "%s: one link per box on the diagram page (%zu roles, %zu links)",
		    in->name, x.c->nroles, nl);
		for (j = 0; j < nl; j++) {
			char *t = link_text(x.doc, page, &l[j]);
			size_t r, named = 0;
			const struct av_role *role = NULL;
			/* The box holding one role's name (the longest match, as
			 * one name may hold another). */
			for (r = 0; r < x.c->nroles; r++) {
				char *sq = th_squeeze(x.c->roles[r].name);
				if (strstr(t, sq) && strlen(sq) > named) {
					named = strlen(sq);
					role = &x.c->roles[r];
				}
				free(sq);
			}
			cr_expect_not_null(role, "%s: the link box %zu holds a role name: %s", in->name, j, t);
			if (role) {
				hits[role->index]++;
				cr_expect_eq(l[j].dest_page, charter_page(&x, role),
				    "%s: the box of %s links to its charter (page %d, not %d)", in->name, role->id,
				    charter_page(&x, role), l[j].dest_page);
			}
			free(t);
		}
		for (j = 0; j < x.c->nroles; j++)
			cr_expect_eq(hits[j], 1, "%s: one box links %s", in->name, x.c->roles[j].id);
		pc_links_free(l, nl);
		free(hits);
	}

	free(refs.v);
	free(pt.all);
	free(pt.start);
	ctx_close(&x);
}

/*
 * Hyphenation as the PDF shows it: a line ending in a hyphen right after
 * letters, the next line starting with a lower-case letter, and the two
 * parts joined a word of the input.
 */
struct hbreak {
	char *word;             /* as in the text */
	size_t at;              /* byte offset of the break in word */
};

static char *
lower(const char *s)
{
	return g_utf8_strdown(s, -1);
}

/* Every lower-cased word of the input's texts. */
static GHashTable *
input_words(const struct av_collab *c)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	struct strs s = {0};
	size_t i;
	document_texts(c, &s);
	for (i = 0; i < s.n; i++) {
		const char *p = s.v[i];
		while (*p) {
			const char *q = p;
			while (*q && g_unichar_isalpha(g_utf8_get_char(q)))
				q = g_utf8_next_char(q);
			if (q > p) {
				char *w = g_strndup(p, (gsize)(q - p)), *l = lower(w);
				g_hash_table_add(h, l);
				g_free(w);
				p = q;
			} else {
				p = g_utf8_next_char(p);
			}
		}
	}
	strs_free(&s);
	return h;
}

static size_t
hyphen_breaks(const char *text, GHashTable *words, struct hbreak **out)
{
	struct hbreak *v = NULL;
	size_t n = 0, cap = 0;
	const char *line = text;

	while (line && *line) {
		const char *end = strchr(line, '\n'), *next, *a, *b;
		if (end == NULL)
			break;
		next = end + 1;
		/* "…word-\nrest…" */
		if (end - line >= 3 && end[-1] == '-') {
			const char *stop = end - 1;
			a = stop;
			while (a > line) {
				const char *prev = g_utf8_find_prev_char(line, a);
				if (prev == NULL || !g_unichar_isalpha(g_utf8_get_char(prev)))
					break;
				a = prev;
			}
			b = next;
			while (*b && g_unichar_isalpha(g_utf8_get_char(b)))
				b = g_utf8_next_char(b);
			if (a < stop && b > next && g_unichar_islower(g_utf8_get_char(next))) {
				char *w = av_xasprintf("%.*s%.*s", (int)(stop - a), a, (int)(b - next), next);
				char *l = lower(w);
				if (g_hash_table_contains(words, l)) {
					v = av_xgrow(v, &cap, n + 1, sizeof *v);
					v[n].word = w;
					v[n].at = (size_t)(stop - a);
					n++;
				} else {
					free(w);
				}
				g_free(l);
			}
		}
		line = next;
	}
	*out = v;
	return n;
}

static void
hbreaks_free(struct hbreak *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].word);
	free(v);
}

/* Whether the language's patterns (or the input's exception words, which
 * win) allow a break at `at` in `word`. */
static int
break_allowed(const struct av_collab *c, const char *lang, const char *word, size_t at)
{
	char *l = lower(word);
	size_t i, len = strlen(l);
	unsigned char *br;
	int ok = 0;

	for (i = 0; i < c->nwords; i++) {
		char *plain = th_replace(c->words[i].text, "-", ""), *pl = lower(plain);
		if (strcmp(pl, l) == 0) {
			/* The offset in the word written with hyphens. */
			const char *w = c->words[i].text;
			size_t k = 0, letters = 0;
			for (; w[k] && letters < at; k++)
				if (w[k] != '-')
					letters++;
			ok = w[k] == '-';
			free(plain);
			g_free(pl);
			g_free(l);
			return ok;
		}
		free(plain);
		g_free(pl);
	}
	br = av_xcalloc(len + 1, 1);
	if (av_hyph_get(lang, NULL) != NULL) {
		av_hyphenate(av_hyph_get(lang, NULL), l, len, br);
		ok = at <= len && br[at];
	}
	free(br);
	g_free(l);
	return ok;
}

/* Checks that every break in `text` is allowed in `lang` and touches no
 * holder's name; returns the number of breaks. */
static size_t
check_breaks(const struct av_collab *c, const char *text, const char *lang, const char *what)
{
	GHashTable *words = input_words(c);
	struct hbreak *v;
	size_t n = hyphen_breaks(text, words, &v), i, j;

	for (i = 0; i < n; i++) {
		cr_expect(break_allowed(c, lang, v[i].word, v[i].at), "%s: %.*s-%s breaks where %s allows it",
		    what, (int)v[i].at, v[i].word, v[i].word + v[i].at, lang);
		for (j = 0; j < c->nroles; j++) {
			size_t h;
			for (h = 0; h < c->roles[j].nholders; h++)
				if (c->roles[j].holders[h].name)
					cr_expect(strstr(c->roles[j].holders[h].name, v[i].word) == NULL,
					    "%s: the name %s is not hyphenated", what, c->roles[j].holders[h].name);
		}
	}
	hbreaks_free(v, n);
	g_hash_table_destroy(words);
	return n;
}

/* No label of another language that this one lacks (unless the input's
 * own text has it: a Swedish file rendered with -l nb keeps its Swedish
 * text). */
static void
check_no_foreign_labels(const struct av_collab *c, const char *text, const char *lang, const char *what)
{
	size_t j;
	xmlDoc *own = i18n(lang);
	struct strs s = {0};
	struct av_buf input = {0};

	document_texts(c, &s);
	for (j = 0; j < s.n; j++)
		av_buf_printf(&input, "%s\n", s.v[j]);
	strs_free(&s);
	for (j = 0; j < NLANGS; j++) {
		xmlDoc *other;
		xmlXPathContextPtr xc;
		xmlXPathObjectPtr r;
		int k;
		if (strcmp(langs[j], lang) == 0)
			continue;
		other = i18n(langs[j]);
		xc = xmlXPathNewContext(other);
		r = xmlXPathEvalExpression(BAD_CAST "/i18n/label | /i18n/month", xc);
		for (k = 0; r && r->nodesetval && k < r->nodesetval->nodeNr; k++) {
			char *v = (char *)xmlNodeGetContent(r->nodesetval->nodeTab[k]), *cut = strchr(v, '{');
			if (cut)
				*cut = '\0';
			g_strstrip(v);
			if (strlen(v) >= 5) {
				char *expr = av_xasprintf("string(count(/i18n/*[contains(., '%s')]))", v);
				char *in_own = xp_string(own, expr);
				if (atoi(in_own) == 0 && strstr(input.data, v) == NULL)
					cr_expect(strstr(text, v) == NULL, "%s (%s): no %s label '%s'", what, lang, langs[j], v);
				free(in_own);
				free(expr);
			}
			xmlFree(v);
		}
		xmlXPathFreeObject(r);
		xmlXPathFreeContext(xc);
		xmlFreeDoc(other);
	}
	av_buf_free(&input);
	xmlFreeDoc(own);
}

/* No label of another language, this one's section headings, the decision
 * date in its style. */
static void
check_labels(const struct av_collab *c, const char *text, const char *lang, const char *what)
{
	check_no_foreign_labels(c, text, lang, what);
	{
		static const char *const keys[] = { "responsibilities", "expectations", "authority", "latitude" };
		size_t k;
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			char *v = label(lang, keys[k]);
			cr_expect(strstr(text, v) != NULL, "%s has the %s heading '%s'", what, lang, v);
			free(v);
		}
	}
	if (c->history.has_decided) {
		char *d = date_in(lang, &c->history.decided.date);
		cr_expect(has_text(text, d), "%s: the decision date as %s writes it: %s", what, lang, d);
		free(d);
	}
}

/* "Sida n av m" in the footer of every page. */
static void
check_page_numbers(struct pc_pdf *p, const char *lang, const char *what)
{
	int i, n = pc_pages(p);
	for (i = 1; i <= n; i++) {
		double w, h;
		char *foot, *want = page_of(lang, i, n);
		pc_page_size(p, i, &w, &h);
		foot = pc_text_between(p, i, h - BODY_BOTTOM, h);
		cr_expect(has_text(foot, want), "%s page %d: the footer says '%s':\n%s", what, i, want, foot);
		free(foot);
		free(want);
	}
}

/* The acknowledgement to sign is not alone on its page: the end of the
 * charter goes with it -- of a role with holders, the last holder's row
 * under the table's header (its column heading holder-title, a word no
 * acknowledgement label has). */
static void
check_ack_not_alone(struct pc_pdf *p, const struct av_role *r, const char *lang, const char *ack,
    const char *path)
{
	char *title = label(lang, "holder-title");
	int page, found = 0;
	for (page = 1; page <= pc_pages(p) && !found; page++) {
		char *t = pc_text(p, page);
		if (t && strstr(t, ack) != NULL) {
			found = 1;
			if (r->nholders > 0)
				cr_expect(strstr(t, title) != NULL,
				    "%s: the acknowledgement's page %d has the holders' table ('%s') too", path, page, title);
		}
		free(t);
	}
	cr_expect(found, "%s: a page with the acknowledgement", path);
	free(title);
}

/* Labels in the document's language everywhere, page numbers on every
 * page, hyphenation by the language's patterns. */
PARAMS(language)
ParameterizedTest(struct input *in, render, language)
{
	struct ctx x;
	char *text = NULL;
	size_t i;

	ctx_open(&x, in);
	text = pc_text_all(x.doc);
	check_labels(x.c, text, x.lang, x.doc_path);
	check_page_numbers(x.doc, x.lang, x.doc_path);
	check_breaks(x.c, text, x.lang, x.doc_path);
	free(text);
	for (i = 0; i < x.c->nroles; i++) {
		char *path = handout_path(&x, &x.c->roles[i]);
		struct pc_pdf *p = pc_open(path);
		char *ack = label(x.lang, "acknowledgement");
		cr_assert_not_null(p);
		text = pc_text_all(p);
		check_no_foreign_labels(x.c, text, x.lang, path);
		check_page_numbers(p, x.lang, path);
		check_breaks(x.c, text, x.lang, path);
		cr_expect(strstr(text, ack) != NULL, "%s: the heading %s", path, ack);
		check_ack_not_alone(p, &x.c->roles[i], x.lang, ack, path);
		free(ack);
		free(text);
		pc_close(p);
		free(path);
	}
	ctx_close(&x);
}

/* The creation date a rendering must carry: SOURCE_DATE_EPOCH (`sde`,
 * when not NULL), else midnight UTC of the latest history date. */
static time_t
expected_date(const struct av_collab *c, const char *sde)
{
	const struct av_event *e = av_collab_latest(c);
	GDateTime *t;
	time_t r;
	if (sde)
		return (time_t)atoll(sde);
	if (e == NULL)
		return (time_t)-1;
	t = g_date_time_new_utc(e->date.year, e->date.month, e->date.day, 0, 0, 0);
	r = (time_t)g_date_time_to_unix(t);
	g_date_time_unref(t);
	return r;
}

/* qpdf finds nothing wrong; every font is embedded; the metadata and the
 * document language. */
static void
check_pdf(const char *path, const char *title, const char *author, const char *lang, time_t date)
{
	struct pc_pdf *p = pc_open(path);
	struct pc_meta m;
	char **fonts, *q = th_shquote(path), *out = NULL, *l;
	size_t not_embedded, nf;

	cr_assert_not_null(p, "%s opens", path);
	cr_expect_eq(th_sh(&out, NULL, "qpdf --check %s 2>&1", q), 0, "%s: qpdf --check:\n%s", path, out);
	cr_expect(out && strstr(out, "WARNING") == NULL, "%s: qpdf warns:\n%s", path, out);
	fonts = pc_fonts(p, &not_embedded);
	for (nf = 0; fonts[nf]; nf++)
		;
	cr_expect_gt(nf, 0, "%s uses fonts", path);
	cr_expect_eq(not_embedded, 0, "%s: every font embedded", path);
	pc_meta(p, &m);
	cr_expect(m.title && strcmp(m.title, title) == 0, "%s: title '%s', not '%s'", path, title, m.title);
	if (author)
		cr_expect(m.author && strcmp(m.author, author) == 0, "%s: author '%s', not '%s'", path, author,
		    m.author);
	cr_expect(m.creator && strcmp(m.creator, "ansvar " PACKAGE_VERSION) == 0, "%s: creator %s", path,
	    m.creator);
	cr_expect_eq(m.created, date, "%s: created %lld, not %lld", path, (long long)date, (long long)m.created);
	if (lang) {
		l = pc_lang(path);
		cr_expect(l && strcmp(l, lang) == 0, "%s: /Lang (%s), not %s", path, lang, l);
		free(l);
	}
	pc_meta_free(&m);
	pc_strv_free(fonts);
	free(out);
	free(q);
	pc_close(p);
}

static void
check_pdfs(const struct ctx *x, const char *dir, const char *sde)
{
	time_t date = expected_date(x->c, sde);
	char *path = av_xasprintf("%s/%s.pdf", dir, x->c->id);
	size_t i;

	check_pdf(path, x->c->title, x->c->issuer, x->lang, date);
	if (x->c->subtitle) {
		struct pc_pdf *p = pc_open(path);
		struct pc_meta m;
		cr_assert_not_null(p);
		pc_meta(p, &m);
		cr_expect(m.subject && strcmp(m.subject, x->c->subtitle) == 0, "%s: subject '%s', not '%s'", path,
		    x->c->subtitle, m.subject);
		pc_meta_free(&m);
		pc_close(p);
	}
	free(path);
	for (i = 0; i < x->c->nroles; i++) {
		char *title = av_xasprintf("%s – %s", x->c->roles[i].name, x->c->title);
		path = av_xasprintf("%s/%s/%s.pdf", dir, x->c->id, x->c->roles[i].id);
		check_pdf(path, title, x->c->issuer, x->lang, date);
		free(path);
		free(title);
	}
	path = av_xasprintf("%s/%s/organisation.pdf", dir, x->c->id);
	check_pdf(path, x->c->title, NULL, NULL, date);
	free(path);
}

/* Every PDF: qpdf --check, fonts, metadata, language. */
PARAMS(pdf)
ParameterizedTest(struct input *in, render, pdf)
{
	struct ctx x;
	ctx_open(&x, in);
	check_pdfs(&x, x.run.dir, NULL);
	ctx_close(&x);
}

/* Big-endian 32-bit number. */
static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* The diagram: a PNG at 200 dpi the size of the PDF page, an SVG that is
 * well-formed XML with every role's name as text, the PDF with every name. */
PARAMS(diagram)
ParameterizedTest(struct input *in, render, diagram)
{
	struct ctx x;
	char *png, *svg, *pdf, *data = NULL, *text;
	size_t len = 0, i;
	unsigned long w = 0, h = 0, ppm = 0;
	double pw, ph;
	struct pc_pdf *p;
	xmlDoc *doc;

	ctx_open(&x, in);
	png = av_xasprintf("%s/%s/organisation.png", x.run.dir, x.c->id);
	svg = av_xasprintf("%s/%s/organisation.svg", x.run.dir, x.c->id);
	pdf = av_xasprintf("%s/%s/organisation.pdf", x.run.dir, x.c->id);

	cr_assert_eq(av_read_file(png, 1 << 26, &data, &len), 0, "%s reads", png);
	cr_assert(len > 33 && memcmp(data, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) == 0, "%s is a PNG", png);
	w = be32((unsigned char *)data + 16);
	h = be32((unsigned char *)data + 20);
	/* pHYs: pixels per metre in x and y, unit 1 (metre). */
	for (i = 8; i + 12 <= len;) {
		unsigned long clen = be32((unsigned char *)data + i);
		if (memcmp(data + i + 4, "pHYs", 4) == 0 && clen == 9 && i + 21 <= len) {
			ppm = be32((unsigned char *)data + i + 8);
			cr_expect_eq(be32((unsigned char *)data + i + 12), ppm, "%s: square pixels", png);
			cr_expect_eq(data[i + 16], 1, "%s: pHYs in metres", png);
		}
		i += 12 + clen;
	}
	cr_expect_eq(ppm, 7874, "%s: 200 dpi is 7874 pixels per metre (got %lu)", png, ppm);
	{
		char *q = th_shquote(png), *out = NULL;
		cr_expect_eq(th_sh(&out, NULL, "pngcheck -q %s", q), 0, "pngcheck %s: %s", png, out);
		free(out);
		free(q);
	}
	p = pc_open(pdf);
	cr_assert_not_null(p);
	cr_expect_eq(pc_pages(p), 1, "%s: one page", pdf);
	pc_page_size(p, 1, &pw, &ph);
	cr_expect(pw > ph && fabs(pw - 841.89) < 1 && fabs(ph - 595.28) < 1, "%s: A4 landscape, not %.1fx%.1f",
	    pdf, pw, ph);
	text = pc_text_all(p);
	for (i = 0; i < x.c->nroles; i++)
		cr_expect(has_text(text, x.c->roles[i].name), "%s shows %s", pdf, x.c->roles[i].name);
	free(text);
	pc_close(p);

	doc = xmlReadFile(svg, NULL, XML_PARSE_NONET);
	cr_assert_not_null(doc, "%s is well-formed XML", svg);
	{
		/* The PNG is the SVG's drawing at 200 dpi (diagram.h). */
		xmlNode *root = xmlDocGetRootElement(doc);
		xmlChar *sw = xmlGetProp(root, BAD_CAST "width"), *sh = xmlGetProp(root, BAD_CAST "height");
		double sx = sw ? atof((char *)sw) : 0, sy = sh ? atof((char *)sh) : 0;
		cr_expect(sw && strstr((char *)sw, "pt") && sh && strstr((char *)sh, "pt"), "%s: size in pt", svg);
		cr_expect(labs((long)w - lround(sx / 72 * 200)) <= 1 && labs((long)h - lround(sy / 72 * 200)) <= 1,
		    "%s: %lux%lu pixels, the SVG's %.1fx%.1f pt at 200 dpi", png, w, h, sx, sy);
		xmlFree(sw);
		xmlFree(sh);
	}
	{
		xmlXPathContextPtr xc = xmlXPathNewContext(doc);
		xmlXPathObjectPtr r;
		struct av_buf all = {0};
		int k;
		xmlXPathRegisterNs(xc, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
		r = xmlXPathEvalExpression(BAD_CAST "//s:text", xc);
		cr_assert(r && r->nodesetval && r->nodesetval->nodeNr > 0, "%s has text elements", svg);
		av_buf_adds(&all, "");
		for (k = 0; k < r->nodesetval->nodeNr; k++) {
			xmlChar *t = xmlNodeGetContent(r->nodesetval->nodeTab[k]);
			av_buf_printf(&all, "%s\n", (const char *)t);
			xmlFree(t);
		}
		for (i = 0; i < x.c->nroles; i++) {
			char *line = av_xasprintf("\n%s\n", x.c->roles[i].name), *hay = av_xasprintf("\n%s", all.data);
			cr_expect(strstr(hay, line) != NULL, "%s: a text element holds the name %s", svg,
			    x.c->roles[i].name);
			free(line);
			free(hay);
		}
		av_buf_free(&all);
		xmlXPathFreeObject(r);
		xmlXPathFreeContext(xc);
	}
	xmlFreeDoc(doc);
	free(data);
	free(png);
	free(svg);
	free(pdf);
	ctx_close(&x);
}

/*
 * Options, reruns and batches, each in a directory of its own below
 * tests/tmp/render/.
 */

/* A locale with a decimal comma (cairo 1.16 pitfall): sv_SE.UTF-8 from
 * the system, else compiled into the build tree with localedef.  Returns
 * the environment assignments that select it.  Caller frees. */
static char *
swedish_locale(void)
{
	char *out = NULL, *env = av_xstrdup("LC_ALL=sv_SE.UTF-8");
	th_sh(&out, NULL, "LC_ALL=sv_SE.UTF-8 locale decimal_point 2>/dev/null");
	if (out == NULL || strcmp(out, ",\n") != 0) {
		char *dir = th_build("tests/tmp/locale");
		free(env);
		free(out);
		out = NULL;
		th_sh(NULL, NULL, "mkdir -p '%s' && localedef -i sv_SE -f UTF-8 '%s/sv_SE.UTF-8'", dir, dir);
		env = av_xasprintf("LOCPATH='%s' LC_ALL=sv_SE.UTF-8", dir);
		th_sh(&out, NULL, "env %s locale decimal_point 2>/dev/null", env);
		free(dir);
	}
	cr_assert(out && strcmp(out, ",\n") == 0, "a decimal-comma locale (sv_SE.UTF-8) for the test: %s", out);
	free(out);
	return env;
}

/* The same samples give the same bytes: -j 1 and -j 2, under sv_SE.UTF-8,
 * into another directory, forced over the old outputs, with cairo's
 * numbers written by glibc; each the same as one input rendered alone;
 * with cairo compressing its fonts, the same once uncompressed. */
Test(render, reproducible, .timeout = 600)
{
	char *a = th_tmpdir("render/repro-a"), *b = th_tmpdir("render/repro-b"), *samples = th_src("samples");
	char *sv = swedish_locale(), *diff = NULL;
	struct run one;
	size_t i;

	render_ok(a, "", "3 rendered, 0 up to date, 0 failed", "-j 1 -o . '%s'", samples);
	render_ok(b, sv, "3 rendered, 0 up to date, 0 failed", "-j 2 -f -o . '%s'", samples);
	cr_expect_eq(th_sh(&diff, NULL, "diff -r '%s' '%s'", a, b), 0, "-j 1 and -j 2 under %s: the same files:\n%s",
	    sv, diff);
	free(diff);
	render_ok(a, sv, "3 rendered, 0 up to date, 0 failed", "-f -o . '%s'", samples);
	cr_expect_eq(th_sh(&diff, NULL, "diff -r '%s' '%s'", a, b), 0, "-f over the outputs: the same files:\n%s", diff);
	free(diff);
	/* cairo's numbers by glibc's printf instead of numfmt.c (libc_numbers.c) */
	render_ok(b, "ANSVAR_LIBC_PRINTF=1", "3 rendered, 0 up to date, 0 failed", "-f -o . '%s'", samples);
	cr_expect_eq(th_sh(&diff, NULL, "diff -r '%s' '%s'", a, b), 0, "numbers by glibc: the same files:\n%s", diff);
	free(diff);
#if defined(__GLIBC__) && defined(__x86_64__)
	cr_expect_eq(th_sh(NULL, NULL, "nm -D --defined-only '%s' | grep -qw __snprintf_chk", th_bin()), 0,
	    "the program formats cairo's numbers itself (defines __snprintf_chk)");
#endif
	/* cairo's fonts compressed by cairo (cairo_deflate.c): other bytes in
	 * the PDFs' font streams, the same PDFs once uncompressed (but for
	 * the /ID, a digest of the bytes), the same other files */
	render_ok(b, "ANSVAR_CAIRO_DEFLATE=1", "3 rendered, 0 up to date, 0 failed", "-f -o . '%s'", samples);
	cr_expect_neq(th_sh(NULL, NULL, "cmp -s '%s/lansprojekt.pdf' '%s/lansprojekt.pdf'", a, b), 0,
	    "cairo's own compression: other bytes");
	{
		/* the fonts compressed all the same: the file within a few per cent */
		struct stat sa, sb;
		char *pa = av_path_join(a, "lansprojekt/lansstyrgrupp.pdf");
		char *pb = av_path_join(b, "lansprojekt/lansstyrgrupp.pdf");
		cr_assert(stat(pa, &sa) == 0 && stat(pb, &sb) == 0);
		cr_expect(sa.st_size < sb.st_size * 103 / 100, "%s: %lld bytes, with cairo's compression %lld", pa,
		    (long long)sa.st_size, (long long)sb.st_size);
		free(pa);
		free(pb);
	}
	cr_expect_eq(th_sh(&diff, NULL,
	    "cd '%s' && for f in $(find . -type f ! -path './.ansvar/*'); do case $f in "
	    "*.pdf) qpdf --qdf --object-streams=disable --static-id \"$f\" - | grep -av '^  /ID \\[' >/tmp/$$.a; "
	    "qpdf --qdf --object-streams=disable --static-id '%s'/\"$f\" - | grep -av '^  /ID \\[' >/tmp/$$.b; "
	    "cmp /tmp/$$.a /tmp/$$.b || { rm -f /tmp/$$.a /tmp/$$.b; exit 1; } ;; "
	    "*) cmp \"$f\" '%s'/\"$f\" || exit 1 ;; esac; done; rm -f /tmp/$$.a /tmp/$$.b", a, b, b), 0,
	    "fonts compressed by cairo: the same documents:\n%s", diff);
	free(diff);
	for (i = 0; i < 3; i++) {
		struct av_buf cmd = {0};
		render_cached(&inputs[i], &one);
		av_buf_printf(&cmd, "cd '%s' && for f in $(find . -type f ! -path './.ansvar/*'); do cmp \"$f\" '%s'/\"$f\" || exit 1; done",
		    one.dir, a);
		cr_expect_eq(th_sh(&diff, NULL, "%s", cmd.data), 0, "%s alone and in a batch: the same files:\n%s",
		    inputs[i].name, diff);
		free(diff);
		av_buf_free(&cmd);
		run_free(&one);
	}
	free(sv);
	free(samples);
	free(a);
	free(b);
}

/* -l nb on the Swedish sample: Norwegian labels and dates, Norwegian
 * hyphenation, /Lang nb; -l is part of what up to date means. */
Test(render, language_option, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png", NULL };
	char *dir = workdir("lang", files), *sv_dir = NULL, *path, *text;
	struct av_collab *c;
	struct pc_pdf *p;
	size_t nb_breaks, i;
	struct run sv;

	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-l nb -o out lansprojekt.xml");
	path = av_path_join(dir, "lansprojekt.xml");
	c = load(path);
	free(path);
	path = av_path_join(dir, "out/lansprojekt.pdf");
	p = pc_open(path);
	cr_assert_not_null(p);
	text = pc_text_all(p);
	check_labels(c, text, "nb", path);
	check_page_numbers(p, "nb", path);
	nb_breaks = check_breaks(c, text, "nb", path);
	cr_expect_gt(nb_breaks, 0, "the nb rendering hyphenates somewhere");
	{
		char *l = pc_lang(path);
		cr_expect(l && strcmp(l, "nb") == 0, "-l nb: /Lang (nb), not %s", l);
		free(l);
	}
	/* The Swedish rendering breaks some word where Norwegian patterns
	 * would not, or the other way round: the patterns changed. */
	render_cached(&inputs[0], &sv);
	sv_dir = av_xasprintf("%s/lansprojekt.pdf", sv.dir);
	{
		struct pc_pdf *q = pc_open(sv_dir);
		char *svtext = pc_text_all(q);
		GHashTable *words = input_words(c);
		struct hbreak *v;
		size_t n, differ = 0;
		n = hyphen_breaks(text, words, &v);
		for (i = 0; i < n; i++)
			differ += !break_allowed(c, "sv", v[i].word, v[i].at);
		hbreaks_free(v, n);
		n = hyphen_breaks(svtext, words, &v);
		for (i = 0; i < n; i++)
			differ += !break_allowed(c, "nb", v[i].word, v[i].at);
		hbreaks_free(v, n);
		cr_expect_gt(differ, 0, "some break is allowed by one language's patterns and not the other's");
		g_hash_table_destroy(words);
		free(svtext);
		pc_close(q);
	}
	free(text);
	pc_close(p);
	for (i = 0; i < c->nroles; i++) {
		char *rel = av_xasprintf("out/lansprojekt/%s.pdf", c->roles[i].id);
		char *hp = av_path_join(dir, rel);
		struct pc_pdf *h = pc_open(hp);
		cr_assert_not_null(h);
		text = pc_text_all(h);
		check_no_foreign_labels(c, text, "nb", hp);
		check_page_numbers(h, "nb", hp);
		free(text);
		pc_close(h);
		free(hp);
		free(rel);
	}
	render_ok(dir, "", "0 rendered, 1 up to date, 0 failed", "-l nb -o out lansprojekt.xml");
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	run_free(&sv);
	free(sv_dir);
	free(path);
	av_collab_free(c);
	free(dir);
}

/* --appendix: the page labels "Bilaga 3-1", ... and the label in every
 * page's header; the handouts are not the appendix. */
Test(render, appendix, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png", NULL };
	char *dir = workdir("appendix", files), *out = NULL, *err = NULL, *path;
	struct pc_pdf *p;
	int i, n;

	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "--appendix 'Bilaga 3' -o out lansprojekt.xml");
	path = av_path_join(dir, "out/lansprojekt.pdf");
	p = pc_open(path);
	cr_assert_not_null(p);
	n = pc_pages(p);
	for (i = 1; i <= n; i++) {
		char *l = pc_label(p, i), want[32], *head;
		snprintf(want, sizeof want, "Bilaga 3-%d", i);
		cr_expect(l && strcmp(l, want) == 0, "page %d: the label %s, not %s", i, want, l);
		head = pc_text_between(p, i, 0, BODY_TOP);
		cr_expect(strstr(head, "Bilaga 3") != NULL, "page %d: Bilaga 3 in the header: %s", i, head);
		free(head);
		free(l);
	}
	pc_close(p);
	free(path);
	path = av_path_join(dir, "out/lansprojekt/projektagare.pdf");
	p = pc_open(path);
	cr_assert_not_null(p);
	{
		char *t = pc_text_all(p), *l = pc_label(p, 1);
		cr_expect(strstr(t, "Bilaga") == NULL, "the handout is not the appendix");
		cr_expect(l == NULL || strstr(l, "Bilaga") == NULL, "the handout's page labels: %s", l);
		free(t);
		free(l);
	}
	pc_close(p);
	free(path);
	free(out);
	free(err);
	free(dir);
}

/* Whether two PDFs have the same pages with the same text. */
static void
expect_same_text(const char *a, const char *b)
{
	struct pc_pdf *p = pc_open(a), *q = pc_open(b);
	int i;
	cr_assert(p && q, "%s and %s open", a, b);
	cr_expect_eq(pc_pages(p), pc_pages(q), "%s and %s: the same number of pages", a, b);
	for (i = 1; i <= pc_pages(p) && i <= pc_pages(q); i++) {
		char *s = pc_text(p, i), *t = pc_text(q, i);
		cr_expect_str_eq(s, t, "%s and %s: page %d has the same text", a, b, i);
		free(s);
		free(t);
	}
	pc_close(p);
	pc_close(q);
}

/* --emit-fo: C.fo and C/ROLE.fo beside the PDFs; `ansvar fo` turns each
 * into a PDF with the same text. */
Test(render, emit_fo, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png", NULL };
	char *dir = workdir("emit-fo", files), *err = NULL, *path;
	struct av_collab *c;
	size_t i;

	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "--emit-fo -o out lansprojekt.xml");
	path = av_path_join(dir, "lansprojekt.xml");
	c = load(path);
	free(path);
	for (i = 0; i <= c->nroles; i++) {
		const char *name = i < c->nroles ? c->roles[i].id : NULL;
		char *base = name ? av_xasprintf("out/lansprojekt/%s", name) : av_xstrdup("out/lansprojekt");
		char *fo = av_xasprintf("%s/%s.fo", dir, base), *pdf = av_xasprintf("%s/%s.pdf", dir, base);
		char *again = av_xasprintf("%s/%s.again.pdf", dir, base);
		cr_expect(av_file_exists(fo), "%s written", fo);
		cr_expect_eq(ansvar_in(dir, "", NULL, &err, "fo -o '%s' '%s'", again, fo), 0, "ansvar fo %s: %s", fo, err);
		cr_expect_str_eq(err, "", "ansvar fo %s reports nothing", fo);
		free(err);
		expect_same_text(pdf, again);
		free(base);
		free(fo);
		free(pdf);
		free(again);
	}
	cr_expect(!av_file_exists(path = av_path_join(dir, "out/lansprojekt/organisation.fo")),
	    "the diagram has no FO of its own");
	free(path);
	av_collab_free(c);
	free(dir);
}

/* A warning of the typesetting (a letter no shipped font has, in a role's
 * name: in the complete document and in that role's handout): once, about
 * the input, when the FO is not written; with --emit-fo, about each FO
 * file and its line, which are there to look at. */
Test(render, typesetting_warnings_name_what_exists, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png", NULL };
	char *dir = workdir("typesetting-warnings", files), *out = NULL, *err = NULL, *p;
	int n = 0;

	edit(dir, "lansprojekt.xml", "<name>Projekt\xc3\xa4gare</name>", "<name>Projekt\xc3\xa4gare \xe6\xbc\xa2</name>");
	cr_assert_eq(ansvar_in(dir, "", &out, &err, "render -o out lansprojekt.xml"), 0, "%s", err);
	cr_expect_str_eq(out, "1 rendered, 0 up to date, 0 failed\n");
	cr_expect_str_eq(err, "lansprojekt.xml: warning: no glyph for U+6F22 '\xe6\xbc\xa2' in font 'sans-serif' [no-glyph]\n",
	    "once, about the input: %s", err);
	free(out);
	free(err);
	cr_assert_eq(ansvar_in(dir, "", &out, &err, "render -f --emit-fo -o out lansprojekt.xml"), 0, "%s", err);
	for (p = err; (p = strstr(p, "warning: no glyph for U+6F22")) != NULL; p++)
		n++;
	cr_expect(n >= 2, "in the document and the handout: %s", err);
	cr_expect(strstr(err, "out/lansprojekt.fo:") != NULL && strstr(err, "out/lansprojekt/projektagare.fo:") != NULL,
	    "each FO by file and line: %s", err);
	p = av_path_join(dir, "out/lansprojekt/projektagare.fo");
	cr_expect(av_file_exists(p), "and the files are there");
	free(p);
	free(out);
	free(err);
	free(dir);
}

/* -t with the custom set in tests/templates-custom: its page size (A5)
 * and its label; a broken set: an error naming file and line, exit 1,
 * nothing written. */
Test(render, template_sets, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png", NULL };
	char *dir = workdir("templates", files), *custom = th_src("tests/templates-custom");
	char *bad = th_src("tests/templates-bad/syntax"), *out = NULL, *err = NULL, *path, *text, *got;
	struct pc_pdf *p;
	int i;

	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-t '%s' -o out lansprojekt.xml", custom);
	path = av_path_join(dir, "out/lansprojekt.pdf");
	p = pc_open(path);
	cr_assert_not_null(p);
	for (i = 1; i <= pc_pages(p); i++) {
		double w, h;
		pc_page_size(p, i, &w, &h);
		if (w > h) {
			double t = w;
			w = h;
			h = t;
		}
		cr_expect(fabs(w - 148 * MM) < 0.5 && fabs(h - 210 * MM) < 0.5, "page %d: A5, not %.1fx%.1f pt", i, w, h);
	}
	text = pc_text_all(p);
	cr_expect(strstr(text, "\nUppdrag\n") != NULL, "the custom label Uppdrag heads the responsibilities");
	cr_expect(strstr(text, "\nAnsvar\n") == NULL, "the default label Ansvar is gone");
	free(text);
	pc_close(p);
	free(path);
	path = av_path_join(dir, "out/lansprojekt/projektagare.pdf");
	p = pc_open(path);
	cr_assert_not_null(p);
	{
		double w, h;
		pc_page_size(p, 1, &w, &h);
		cr_expect(fabs(w - 148 * MM) < 0.5 && fabs(h - 210 * MM) < 0.5, "the handout on A5");
	}
	pc_close(p);
	free(path);

	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -t '%s' -o bad-out lansprojekt.xml", bad), 1,
	    "a broken set: exit 1");
	{
		/* The set's files are named as they resolve (symbolic links and
		 * "..", as in make distcheck's build tree, resolved). */
		char *real = realpath(th_srcdir(), NULL), *a = th_replace(err, real ? real : th_srcdir(), "SRCDIR");
		got = th_replace(a, th_srcdir(), "SRCDIR");
		free(a);
		free(real);
	}
	{
		char *exp = th_src("tests/render/broken-templates.diag");
		cr_expect(th_matches_file(exp, got), "the diagnostics of a broken set (file:line)");
		free(exp);
	}
	path = av_path_join(dir, "bad-out");
	cr_expect(!av_file_exists(path), "a broken set writes nothing, not even the directory");
	free(path);
	free(got);
	free(out);
	free(err);
	free(bad);
	free(custom);
	free(dir);
}

/* Up to date: same bytes, options, templates and version rewrite nothing
 * (mtimes are not trusted either way); any change renders again. */
Test(render, up_to_date, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png", NULL };
	char *dir = workdir("up-to-date", files), *before, *after, *logo, *path, *text;
	struct pc_pdf *p;


	/* The first run renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	before = snapshot(dir);
	/* A second run is up to date. */
	render_ok(dir, "", "0 rendered, 1 up to date, 0 failed", "-o out lansprojekt.xml");
	after = snapshot(dir);
	cr_expect_str_eq(after, before, "an up-to-date run rewrites nothing (inodes and mtimes)");
	free(after);
	cr_assert_eq(th_sh(NULL, NULL, "touch -d '2030-01-01' '%s/lansprojekt.xml' '%s/lansprojekt-logo.png'", dir, dir), 0);
	/* A newer mtime with the same bytes is up to date. */
	render_ok(dir, "", "0 rendered, 1 up to date, 0 failed", "-o out lansprojekt.xml");
	after = snapshot(dir);
	free(before);
	before = th_replace(after, "", "");
	free(after);

	/* -f renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-f -o out lansprojekt.xml");
	after = snapshot(dir);
	cr_expect_str_neq(after, before, "-f rewrites the outputs");
	free(after);
	free(before);
	{
		struct run orig;
		char *cmp = NULL;
		render_cached(&inputs[0], &orig);
		cr_expect_eq(th_sh(&cmp, NULL, "cmp '%s/lansprojekt.pdf' '%s/out/lansprojekt.pdf'", orig.dir, dir), 0,
		    "-f: the same bytes: %s", cmp);
		free(cmp);
		run_free(&orig);
	}

	/* Another -l renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-l nb -o out lansprojekt.xml");
	/* The same -l again is up to date. */
	render_ok(dir, "", "0 rendered, 1 up to date, 0 failed", "-l nb -o out lansprojekt.xml");
	/* Another --appendix renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "--appendix 'Bilaga 2' -o out lansprojekt.xml");
	/* Back to the defaults renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");

	/* The logo: other bytes under the same name. */
	logo = th_src("tests/templates/logo.png");
	cr_assert_eq(th_sh(NULL, NULL, "cp '%s' '%s/lansprojekt-logo.png'", logo, dir), 0);
	free(logo);
	/* A changed logo renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	/* Then it is up to date. */
	render_ok(dir, "", "0 rendered, 1 up to date, 0 failed", "-o out lansprojekt.xml");

	/* The input. */
	edit(dir, "lansprojekt.xml", "Styr de länsgemensamma arbetena", "Leder de länsgemensamma arbetena");
	/* A changed input renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	path = av_path_join(dir, "out/lansprojekt.pdf");
	p = pc_open(path);
	cr_assert_not_null(p);
	text = pc_text_all(p);
	cr_expect(strstr(text, "Leder de länsgemensamma arbetena") != NULL, "the change is in the document");
	free(text);
	pc_close(p);
	free(path);

	/* SOURCE_DATE_EPOCH is part of the key. */
	render_ok(dir, "SOURCE_DATE_EPOCH=1700000000", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	/* An output removed by hand is made again. */
	path = av_path_join(dir, "out/lansprojekt/organisation.svg");
	cr_assert_eq(unlink(path), 0);
	/* A missing output renders. */
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	cr_expect(av_file_exists(path), "the missing output is back");
	free(path);
	free(dir);
}

/* SOURCE_DATE_EPOCH, when set, is every PDF's creation date. */
Test(render, source_date_epoch, .timeout = 300)
{
	char *dir = th_tmpdir("render/sde"), *src = th_src(inputs[0].file);
	struct ctx x;

	render_ok(dir, "SOURCE_DATE_EPOCH=1700000000", "1 rendered, 0 up to date, 0 failed", "-o . '%s'", src);
	ctx_open(&x, &inputs[0]);
	check_pdfs(&x, dir, "1700000000");
	ctx_close(&x);
	free(src);
	free(dir);
}

/* Removes a role from a collaboration file, with the relations to it, and
 * writes its role-refs as plain text. */
static void
remove_role(const char *path, const char *id)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlXPathContextPtr xc;
	xmlXPathObjectPtr r;
	char *expr;
	int k;

	cr_assert_not_null(doc);
	xc = xmlXPathNewContext(doc);
	expr = av_xasprintf("//role[@id = '%s'] | //*[@role = '%s' and not(self::role-ref)]", id, id);
	r = xmlXPathEvalExpression(BAD_CAST expr, xc);
	for (k = 0; r->nodesetval && k < r->nodesetval->nodeNr; k++) {
		xmlUnlinkNode(r->nodesetval->nodeTab[k]);
		xmlFreeNode(r->nodesetval->nodeTab[k]);
	}
	xmlXPathFreeObject(r);
	free(expr);
	expr = av_xasprintf("//role-ref[@role = '%s']", id);
	r = xmlXPathEvalExpression(BAD_CAST expr, xc);
	for (k = 0; r->nodesetval && k < r->nodesetval->nodeNr; k++) {
		xmlNode *t = xmlNewText(BAD_CAST "the removed role");
		xmlReplaceNode(r->nodesetval->nodeTab[k], t);
		xmlFreeNode(r->nodesetval->nodeTab[k]);
	}
	xmlXPathFreeObject(r);
	free(expr);
	xmlXPathFreeContext(xc);
	cr_assert_neq(xmlSaveFile(path, doc), -1);
	xmlFreeDoc(doc);
}

/* A role removed from the input: its handout goes on the next run, and
 * nothing else does. */
Test(render, role_removed, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png", NULL };
	char *dir = workdir("role-removed", files), *before, *after, *path;

	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	write_in(dir, "out/lansprojekt/notes.txt", "the coordinator's notes\n");
	write_in(dir, "out/notes.txt", "more notes\n");
	before = snapshot(dir);
	path = av_path_join(dir, "lansprojekt.xml");
	remove_role(path, "processtod");
	free(path);
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out lansprojekt.xml");
	after = snapshot(dir);
	cr_expect(strstr(before, "./out/lansprojekt/processtod.pdf ") != NULL);
	cr_expect(strstr(after, "./out/lansprojekt/processtod.pdf ") == NULL, "the removed role's handout is gone");
	{
		/* Every other file is still there. */
		char *b = th_replace(before, "", ""), *line, *save = NULL;
		for (line = strtok_r(b, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *name = av_xstrndup(line, strcspn(line, " ")), *key = av_xasprintf("%s ", name);
			if (strstr(name, "processtod") == NULL)
				cr_expect(strstr(after, key) != NULL, "%s stays", name);
			free(key);
			free(name);
		}
		free(b);
	}
	path = av_path_join(dir, "out/lansprojekt/notes.txt");
	{
		char *t = th_read(path);
		cr_expect(t && strcmp(t, "the coordinator's notes\n") == 0, "a file of the user's in DIR/C stays as it was");
		free(t);
	}
	free(path);
	free(before);
	free(after);
	free(dir);
}

/* A bad file among good ones: the others are rendered, the bad one is
 * reported with FILE:LINE:COL and its previous outputs stay; exit 1. */
Test(render, bad_among_good, .timeout = 300)
{
	static const char *const files[] = { "samples/lansprojekt.xml", "samples/lansprojekt-logo.png",
		"samples/ungdomslos.xml", "samples/legevakt.xml", NULL };
	char *dir = workdir("bad-among-good", files), *out = NULL, *err = NULL, *before, *after, *b, *a;

	render_ok(dir, "", "3 rendered, 0 up to date, 0 failed", "-j 2 -o out .");
	before = snapshot(dir);
	/* legevakt.xml breaks; ungdomslos.xml changes; a new file is bad. */
	edit(dir, "legevakt.xml", "<name>", "<nmae>");
	edit(dir, "legevakt.xml", "</name>", "</nmae>");
	edit(dir, "ungdomslos.xml", "<title>", "<title>Endret: ");
	write_in(dir, "new.xml", "<collaboration id=\"new\" version=\"1\" xml:lang=\"sv\">\n"
	    "  <title>Ny</title>\n  <role id=\"a\" kind=\"owner\"><name>A</name></role>\n"
	    "  <role id=\"b\"><name>B</name><reports-to role=\"c\"/></role>\n</collaboration>\n");
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -j 2 -o out ."), 1, "exit 1");
	cr_expect_str_eq(out, "1 rendered, 1 up to date, 2 failed\n");
	{
		char *exp = th_src("tests/render/bad-among-good.diag");
		cr_expect(th_matches_file(exp, err), "the bad files' diagnostics with FILE:LINE:COL");
		free(exp);
	}
	after = snapshot(dir);
	b = lines_with(before, "out/legevakt");
	a = lines_with(after, "out/legevakt");
	cr_expect_str_eq(a, b, "the bad file's previous outputs are untouched");
	free(a);
	free(b);
	a = lines_with(after, "out/new");
	cr_expect_str_eq(a, "", "nothing for a bad file never rendered");
	free(a);
	cr_expect(strstr(after, "./out/ungdomslos.pdf ") != NULL);
	free(before);
	free(after);
	free(out);
	free(err);
	free(dir);
}

/* Two inputs with one collaboration id: both fail, each message names the
 * other with its place, nothing is written for them; also when one of
 * them was rendered (up to date) before. */
Test(render, duplicate_ids, .timeout = 300)
{
	static const char *const files[] = { "samples/ungdomslos.xml", NULL };
	char *dir = workdir("duplicate", files), *out = NULL, *err = NULL, *exp;

	cr_assert_eq(th_sh(NULL, NULL, "cd '%s' && mkdir -p b && cp ungdomslos.xml b/kopi.xml", dir), 0);
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -o out ungdomslos.xml b"), 1, "exit 1");
	cr_expect_str_eq(out, "0 rendered, 0 up to date, 2 failed\n");
	exp = th_src("tests/render/duplicate.diag");
	cr_expect(th_matches_file(exp, err), "both reported, each naming the other");
	free(exp);
	free(out);
	free(err);
	{
		char *p = av_path_join(dir, "out/ungdomslos.pdf");
		cr_expect(!av_file_exists(p), "nothing written for a shared id");
		free(p);
	}
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out ungdomslos.xml");
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -o out ungdomslos.xml b"), 1, "exit 1");
	cr_expect_str_eq(out, "0 rendered, 0 up to date, 2 failed\n");
	exp = th_src("tests/render/duplicate-up-to-date.diag");
	cr_expect(th_matches_file(exp, err), "both reported with their places, though one was up to date");
	free(exp);
	free(out);
	free(err);
	free(dir);
}

/*
 * The rewriting of placeholder links (src/pdf_links.c) on its own.
 */

Test(pdf_links, placeholder_to_named_destination)
{
	static const char before[] =
	    "13 0 obj\n<< /Type /Annot\n   /Subtype /Link\n   /Rect [ 10 270 60 290 ]\n"
	    "   /A <<\n      /Type /Action\n      /S /URI\n      /URI (ansvar-dest:projektledare)\n   >>\n"
	    "   /BS << /W 0 >>>>\nendobj\n"
	    "14 0 obj\n<< /Type /Annot\n   /A <<\n      /Type /Action\n      /S /URI\n"
	    "      /URI (https://example.se)\n   >>\n>>\nendobj\n"
	    "15 0 obj\n(/URI (ansvar-dest:x) in a string, no action)\nendobj\n";
	struct av_buf b = {0};
	const char *d;

	av_buf_adds(&b, before);
	cr_expect_eq(av_pdf_resolve_links(&b), 1, "one placeholder action");
	cr_expect_eq(b.len, strlen(before), "no byte offset changes");
	d = strstr(b.data, "/Dest (projektledare)");
	cr_assert_not_null(d, "the link goes to the named destination:\n%s", b.data);
	cr_expect(strncmp(d + strlen("/Dest (projektledare)"), "     ", 5) == 0, "padded with spaces");
	cr_expect(strstr(b.data, "/BS << /W 0 >>>>\nendobj\n14 0 obj") != NULL, "the rest of the annotation stays");
	cr_expect(strstr(b.data, "/URI (https://example.se)") != NULL, "a real URI stays");
	cr_expect(strstr(b.data, "(/URI (ansvar-dest:x) in a string, no action)") != NULL,
	    "a marker outside an action stays");
	av_buf_free(&b);

	cr_expect(av_pdf_placeholder_ok("projektledare"));
	cr_expect(av_pdf_placeholder_ok("_organisation"));
	cr_expect(!av_pdf_placeholder_ok(""));
	cr_expect(!av_pdf_placeholder_ok("a b"));
	cr_expect(!av_pdf_placeholder_ok("a(b"));
	cr_expect(!av_pdf_placeholder_ok("\xc3\xa5"));
}
