/* transform.c -- the XSLT stage: compiles a template set with libxslt and applies it to collaborations, giving XSL-FO. */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "hyphenate.h"
#include "palette.h"
#include "transform.h"
#include "util.h"

/* libxslt does the work: XSLT 1.0, compiled once per set, with its own
 * security framework (xsltSecurityPrefs) and loader hook
 * (xsltSetLoaderFunc).  What is ours: routing its reports into
 * diagnostics, the read check, the fingerprint and the normalisations. */

static const char *const style_files[AV_STYLE_COUNT] = {
	"document.xsl",
	"handout.xsl",
};

/* Template files are data we trust to be what they say (the user chose the
 * set), yet they are parsed as strictly as input: no network, no DTD, no
 * entity substitution. */
#define SAFE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)
#define UNSAFE_PARSE_OPTIONS (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | \
	XML_PARSE_DTDATTR | XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE | XML_PARSE_HUGE)

/* A template file larger than this is not hashed but refused. */
#define MAX_TEMPLATE_FILE ((size_t)64 << 20)

struct av_templates {
	char *dir;                              /* realpath of the set */
	xsltStylesheetPtr style[AV_STYLE_COUNT];
	char *file[AV_STYLE_COUNT];             /* each one's path, for diagnostics */
	char **roots;                           /* directories of its stylesheets */
	size_t nroots, caproots;
	xsltSecurityPrefsPtr sec;               /* per-transform preferences */
	char fingerprint[65];
	struct kept *kept;                      /* documents read with document(), kept */
};

/* What the templates read with document() -- the labels of a language,
 * some 200 elements -- was parsed again by each of a collaboration's 14
 * transformations (half a million instructions each time).  The first
 * parse of each file that reported nothing is kept as it came from the
 * parser, never handed to libxslt; each later load of the same URI by
 * the same set gets a copy of it (a fraction of a parse), which libxslt
 * then treats as it treats a document it parsed: strips its spaces for
 * the stylesheet at hand, indexes it, marks it, frees it.  A file whose
 * parse reported something is parsed (and reported) every time. */
struct kept {
	pthread_mutex_t mu;
	struct kept_doc {
		xmlChar *uri;           /* as libxslt asked for it */
		xmlDoc *doc;
	} *v;
	size_t n, cap;
};

/*
 * Reports.  libxslt reports an error as a context line ("runtime error:
 * file F line N element E\n", printed by xsltPrintErrorContext) followed by
 * the message, and an xsl:message as its bare text, all through one
 * printf-like callback; libxml2 reports parse and XPath errors through a
 * structured callback.  Both land here and become diagnostics.
 */
struct capture {
	struct av_diags *d;
	const struct av_templates *t;   /* for the read check (NULL while compiling) */
	xsltTransformContextPtr ctxt;   /* NULL while compiling */
	const char *file;               /* the stylesheet, when a report names no file */

	/* The context line of the libxslt report being received. */
	int have_where;
	enum av_diag_code where_code;
	char *where_file;
	int where_line;

	struct av_buf text;             /* the report's text so far */
	int is_message;                 /* it comes from xsl:message */
	char *msg_file;
	int msg_line;

	/* The last xsl:message, recorded once it is known whether it ended
	 * the transformation. */
	char *held, *held_file;
	int held_line;

	/* libxml2's detail (an XPath or I/O error without a place), added to
	 * the libxslt report that follows it. */
	struct av_buf detail;
	int parse_failed;               /* libxml2 reported a parse error */
	int refused;                    /* the last report was a refusal */

	/* The handlers in force before, restored afterwards. */
	xmlGenericErrorFunc old_xslt;
	void *old_xslt_ctx;
	xmlStructuredErrorFunc old_structured;
	void *old_structured_ctx;
	xmlGenericErrorFunc old_generic;
	void *old_generic_ctx;
};

/* A report's text on one line: runs of white space become one space, none
 * at either end (nor a trailing colon). */
static char *
tidy(const char *s)
{
	char *t = av_xstrdup(s ? s : ""), *out = t;
	const char *p;
	int space = 0;

	for (p = t; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
			space = out > t;
			continue;
		}
		if (space)
			*out++ = ' ';
		space = 0;
		*out++ = *p;
	}
	while (out > t && out[-1] == ':')
		out--;
	*out = '\0';
	return t;
}

/* libxslt's words for what the security preferences refuse, in ours; the
 * report it adds after each ("... rights for X denied") is dropped. */
static const struct {
	const char *prefix;     /* libxslt's, before the file */
	const char *before, *after;     /* ours, around the file */
} refusals[] = {
	{ "Network file read for ", "reading ", " over the network is not allowed" },
	{ "Local file read for ", "reading ", " is not allowed: a template reads only files below its own directory" },
	{ "File write for ", "writing ", " is not allowed: templates do not write files" },
	{ "Directory creation for ", "creating the directory ", " is not allowed: templates do not write files" },
	{ "Network file write for ", "writing ", " over the network is not allowed" },
};

/* Our wording of a refusal, or NULL when `msg` is none.  Caller frees. */
static char *
refusal(const char *msg)
{
	size_t i, n;

	for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
		n = strlen(refusals[i].prefix);
		if (strncmp(msg, refusals[i].prefix, n) == 0 && strlen(msg) > n + 8 &&
		    strcmp(msg + strlen(msg) - 8, " refused") == 0) {
			char *what = av_xstrndup(msg + n, strlen(msg) - n - 8);
			char *s = av_xasprintf("%s%s%s", refusals[i].before, what, refusals[i].after);
			free(what);
			return s;
		}
	}
	return NULL;
}

static int
repeats_refusal(const char *msg)
{
	const char *p = strstr(msg, " rights for ");
	return p != NULL && strlen(p) > 7 && strcmp(msg + strlen(msg) - 7, " denied") == 0;
}

static void
flush_held(struct capture *c, enum av_diag_code code)
{
	if (c->held == NULL)
		return;
	av_diag_at(c->d, code, c->held_file, c->held_line, 0, "%s", c->held);
	free(c->held);
	free(c->held_file);
	c->held = c->held_file = NULL;
}

/* One report is complete: record it. */
static void
flush_text(struct capture *c)
{
	char *msg = tidy(c->text.data), *ours;
	int refused = 0;

	if ((ours = refusal(msg)) != NULL) {
		free(msg);
		msg = ours;
		refused = 1;
	}
	if (c->detail.len > 0) {
		char *detail = tidy(c->detail.data);
		char *both = av_xasprintf("%s: %s", msg, detail);
		free(msg);
		free(detail);
		msg = both;
		av_buf_reset(&c->detail);
	}
	if (c->is_message) {
		/* A message ends the transformation only if it was the last. */
		flush_held(c, AV_D_TEMPLATE_MESSAGE);
		c->held = msg;
		c->held_file = c->msg_file;
		c->held_line = c->msg_line;
		c->msg_file = NULL;
		msg = NULL;
	} else if (!(c->refused && repeats_refusal(msg)) && !(c->parse_failed && c->where_file == NULL)) {
		/* (After a parse error, a report naming no file only repeats
		 * that the file did not parse.) */
		av_diag_at(c->d, c->have_where ? c->where_code : AV_D_TEMPLATE,
		    c->where_file ? c->where_file : c->file, c->where_line, 0, "%s", msg);
	}
	c->refused = refused;
	free(msg);
	free(c->where_file);
	free(c->msg_file);
	c->where_file = c->msg_file = NULL;
	c->have_where = c->is_message = 0;
	c->where_line = 0;
	av_buf_reset(&c->text);
}

static char *local_file(const char *uri);

/* A file libxml2 or libxslt names by its URI (escaped: "with%20space"),
 * as the user knows it: the path.  Caller frees. */
static char *
shown_file(const char *uri)
{
	char *path;
	if (uri == NULL)
		return NULL;
	path = local_file(uri);
	return path ? path : av_xstrdup(uri);
}

/* xsltPrintErrorContext's line: its format tells which arguments it has. */
static int
context_line(struct capture *c, const char *fmt, va_list ap)
{
	const char *type, *file = NULL;
	int line = 0;

	if (strcmp(fmt, "%s: file %s line %d element %s\n") == 0 ||
	    strcmp(fmt, "%s: file %s line %d\n") == 0) {
		type = va_arg(ap, const char *);
		file = va_arg(ap, const char *);
		line = va_arg(ap, int);
	} else if (strcmp(fmt, "%s: file %s element %s\n") == 0 ||
	    strcmp(fmt, "%s: file %s\n") == 0) {
		type = va_arg(ap, const char *);
		file = va_arg(ap, const char *);
	} else if (strcmp(fmt, "%s: element %s\n") == 0 || strcmp(fmt, "%s\n") == 0) {
		type = va_arg(ap, const char *);
	} else {
		return 0;
	}
	if (type == NULL || (strcmp(type, "error") != 0 && strcmp(type, "runtime error") != 0 &&
	    strcmp(type, "compilation error") != 0 && strcmp(type, "compilation warning") != 0))
		return 0;
	if (c->text.len > 0)
		flush_text(c);
	c->have_where = 1;
	c->where_code = strcmp(type, "compilation warning") == 0 ? AV_D_TEMPLATE_WARNING : AV_D_TEMPLATE;
	free(c->where_file);
	c->where_file = shown_file(file);
	c->where_line = line;
	return 1;
}

/* Whether the instruction libxslt is running is an xsl:message. */
static xmlNodePtr
running_message(const struct capture *c)
{
	xmlNodePtr inst = c->ctxt ? c->ctxt->inst : NULL;

	if (inst == NULL || inst->type != XML_ELEMENT_NODE || inst->ns == NULL ||
	    !xmlStrEqual(inst->ns->href, XSLT_NAMESPACE) ||
	    !xmlStrEqual(inst->name, (const xmlChar *)"message"))
		return NULL;
	return inst;
}

/* libxslt's printf-like reports (xsltSetGenericErrorFunc while compiling,
 * xsltSetTransformErrorFunc while transforming). */
static void AV_PRINTF(2, 3)
xslt_report(void *ctx, const char *fmt, ...)
{
	struct capture *c = ctx;
	va_list ap;
	int where;

	va_start(ap, fmt);
	where = context_line(c, fmt, ap);
	va_end(ap);
	if (where)
		return;
	if (c->text.len == 0 && !c->have_where) {
		xmlNodePtr inst = running_message(c);
		if (inst != NULL) {
			c->is_message = 1;
			free(c->msg_file);
			c->msg_file = inst->doc ? shown_file((const char *)inst->doc->URL) : NULL;
			c->msg_line = (int)xmlGetLineNo(inst);
		}
	}
	va_start(ap, fmt);
	av_buf_vprintf(&c->text, fmt, ap);
	va_end(ap);
	if (c->text.len > 0 && c->text.data[c->text.len - 1] == '\n')
		flush_text(c);
}

/* libxml2's structured reports: parse errors of stylesheets and label
 * files, XPath errors. */
static void
xml_report(void *ctx, xmlErrorPtr e)
{
	struct capture *c = ctx;
	char *msg;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	msg = tidy(e->message);
	if (e->domain == XML_FROM_XPATH && e->str1 != NULL) {
		char *with = av_xasprintf("%s in '%s'", msg, e->str1);
		free(msg);
		msg = with;
	} else if (e->domain == XML_FROM_IO && e->str1 != NULL && strstr(msg, e->str1) == NULL) {
		char *with = av_xasprintf("%s: %s", msg, e->str1);
		free(msg);
		msg = with;
	}
	if (e->file != NULL && e->line > 0) {
		char *file = shown_file(e->file);
		if (e->level >= XML_ERR_ERROR)
			c->parse_failed = 1;
		av_diag_at(c->d, e->level == XML_ERR_WARNING ? AV_D_TEMPLATE_WARNING : AV_D_TEMPLATE,
		    file, e->line, e->int2, "%s", msg);
		free(file);
	} else {
		/* No place of its own: libxslt's report follows with one. */
		if (c->detail.len > 0)
			av_buf_adds(&c->detail, "; ");
		av_buf_adds(&c->detail, msg);
	}
	free(msg);
}

/* libxml2's unstructured reports (rare outside the parser). */
static void AV_PRINTF(2, 3)
xml_generic_report(void *ctx, const char *fmt, ...)
{
	struct capture *c = ctx;
	va_list ap;

	va_start(ap, fmt);
	av_buf_vprintf(&c->detail, fmt, ap);
	va_end(ap);
}

static void
capture_begin(struct capture *c)
{
	c->old_xslt = xsltGenericError;
	c->old_xslt_ctx = xsltGenericErrorContext;
	c->old_structured = xmlStructuredError;
	c->old_structured_ctx = xmlStructuredErrorContext;
	c->old_generic = xmlGenericError;
	c->old_generic_ctx = xmlGenericErrorContext;
	xsltSetGenericErrorFunc(c, xslt_report);
	xmlSetStructuredErrorFunc(c, xml_report);
	xmlSetGenericErrorFunc(c, xml_generic_report);
}

/* Restores the handlers and records what is still pending; `stopped`:
 * the transformation was ended by the last xsl:message. */
static void
capture_end(struct capture *c, int stopped)
{
	xsltSetGenericErrorFunc(c->old_xslt_ctx, c->old_xslt);
	xmlSetStructuredErrorFunc(c->old_structured_ctx, c->old_structured);
	xmlSetGenericErrorFunc(c->old_generic_ctx, c->old_generic);
	if (c->text.len > 0)
		flush_text(c);
	if (c->detail.len > 0) {
		char *detail = tidy(c->detail.data);
		av_diag_at(c->d, AV_D_TEMPLATE, c->file, 0, 0, "%s", detail);
		free(detail);
	}
	flush_held(c, stopped ? AV_D_TEMPLATE : AV_D_TEMPLATE_MESSAGE);
	free(c->where_file);
	free(c->msg_file);
	av_buf_free(&c->text);
	av_buf_free(&c->detail);
}

/*
 * Safety.
 */

static xsltDocLoaderFunc libxslt_loader;

/* The kept documents of the set the transformation `ctxt` belongs to. */
static struct kept *
kept_of(void *ctxt)
{
	const struct capture *c = ctxt ? ((xsltTransformContextPtr)ctxt)->_private : NULL;
	return c != NULL && c->t != NULL ? c->t->kept : NULL;
}

/* The document kept for `uri`, or NULL (the caller holds the lock). */
static xmlDocPtr
kept_doc(const struct kept *k, const xmlChar *uri)
{
	size_t i;
	for (i = 0; i < k->n; i++)
		if (xmlStrEqual(k->v[i].uri, uri))
			return k->v[i].doc;
	return NULL;
}

/* A copy of the document kept for `uri`, or NULL. */
static xmlDocPtr
copy_kept(struct kept *k, const xmlChar *uri)
{
	xmlDocPtr doc, copy = NULL;

	pthread_mutex_lock(&k->mu);
	if ((doc = kept_doc(k, uri)) != NULL)
		copy = xmlCopyDoc(doc, 1);
	pthread_mutex_unlock(&k->mu);
	return copy;
}

/* `doc`, just parsed for `uri` without a report, kept as a copy. */
static void
keep(struct kept *k, const xmlChar *uri, xmlDocPtr doc)
{
	xmlDocPtr copy;

	pthread_mutex_lock(&k->mu);
	if (kept_doc(k, uri) == NULL && (copy = xmlCopyDoc(doc, 1)) != NULL) {
		k->v = av_xgrow(k->v, &k->cap, k->n + 1, sizeof *k->v);
		k->v[k->n].uri = xmlStrdup(uri);
		k->v[k->n++].doc = copy;
	}
	pthread_mutex_unlock(&k->mu);
}

/* What the transformation has reported so far (its diagnostics, libxml2's
 * pending detail, a parse failure), to see whether a parse added to it. */
static size_t
reported(void *ctxt)
{
	const struct capture *c = ((xsltTransformContextPtr)ctxt)->_private;
	return c->d->n + c->detail.len + (size_t)c->parse_failed;
}

/* Everything libxslt parses (stylesheets, imports, document()) goes
 * through here: its parse options lose what reaches outside the file.
 * What document() reads comes from the set's kept copy when there is one
 * (struct kept). */
static xmlDocPtr
safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	struct kept *k = type == XSLT_LOAD_DOCUMENT ? kept_of(ctxt) : NULL;
	xmlDocPtr doc;
	size_t before = 0;

	options &= ~UNSAFE_PARSE_OPTIONS;
	options |= SAFE_PARSE_OPTIONS;
	if (k != NULL) {
		if ((doc = copy_kept(k, uri)) != NULL)
			return doc;
		before = reported(ctxt);
	}
	doc = libxslt_loader(uri, dict, options, ctxt, type);
	if (doc != NULL && k != NULL && reported(ctxt) == before)
		keep(k, uri, doc);
	return doc;
}

static xsltSecurityPrefsPtr
new_prefs(xsltSecurityCheck read_file)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();

	if (sec == NULL)
		abort();
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	if (read_file)
		xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, read_file);
	return sec;
}

/* Process-wide settings, once: the loader, and preferences for what
 * happens outside a transformation (loading stylesheets and imports). */
static void
init_libxslt(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	xsltInit();
	libxslt_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(safe_loader);
	xsltSetDefaultSecurityPrefs(new_prefs(NULL));
}

/* The absolute, resolved form of a path that may not exist yet (its
 * directory must).  NULL when it cannot be resolved.  Caller frees. */
static char *
resolve(const char *path)
{
	char *real = realpath(path, NULL), *dir, *dirreal;
	const char *base;

	if (real != NULL || errno != ENOENT)
		return real;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return NULL;
	dir = av_dirname(path);
	dirreal = realpath(dir, NULL);
	free(dir);
	if (dirreal == NULL)
		return NULL;
	real = av_path_join(dirreal, base);
	free(dirreal);
	return real;
}

static int
below(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0' || strcmp(dir, "/") == 0);
}

/* document() may read below the directories of the set's stylesheets. */
static int
allowed_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *path)
{
	const struct capture *c = ctxt ? ctxt->_private : NULL;
	char *real;
	size_t i;
	int ok = 0;

	(void)sec;
	if (c == NULL || c->t == NULL || path == NULL || (real = resolve(path)) == NULL)
		return 0;
	for (i = 0; i < c->t->nroots && !ok; i++)
		ok = below(real, c->t->roots[i]);
	free(real);
	return ok;
}

/*
 * Loading a set.
 */

/* Appends `s` (owned by the call) to a NULL-terminated list unless the
 * list holds it.  Returns whether it was appended. */
static int
add_unique(char ***v, size_t *n, size_t *cap, char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0) {
			free(s);
			return 0;
		}
	*v = av_xgrow(*v, cap, *n + 2, sizeof **v);
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
	return 1;
}

/* Adds a directory (resolved; owned by the call) unless it is listed. */
static void
add_dir(struct av_templates *t, char *real)
{
	add_unique(&t->roots, &t->nroots, &t->caproots, real);
}

static void
add_root(struct av_templates *t, const xmlChar *url)
{
	xmlURIPtr uri;
	char *dir;

	if (url == NULL || (uri = xmlParseURI((const char *)url)) == NULL)
		return;
	if (uri->path != NULL && (uri->scheme == NULL || strcmp(uri->scheme, "file") == 0)) {
		dir = av_dirname(uri->path);
		add_dir(t, realpath(dir, NULL));
		free(dir);
	}
	xmlFreeURI(uri);
}

/* The directories of a stylesheet, its includes and its imports. */
static void
collect_roots(struct av_templates *t, xsltStylesheetPtr s)
{
	xsltDocumentPtr inc;
	xsltStylesheetPtr imp;

	if (s->doc != NULL)
		add_root(t, s->doc->URL);
	for (inc = s->docList; inc != NULL; inc = inc->next)
		if (inc->doc != NULL)
			add_root(t, inc->doc->URL);
	for (imp = s->imports; imp != NULL; imp = imp->next)
		collect_roots(t, imp);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, and without directories below another one of the list. */
static void
tidy_roots(struct av_templates *t)
{
	size_t i, j, n = 0;

	qsort(t->roots, t->nroots, sizeof *t->roots, cmp_str);
	for (i = 0; i < t->nroots; i++) {
		int inner = 0;
		for (j = 0; j < n && !inner; j++)
			inner = below(t->roots[i], t->roots[j]);
		if (inner)
			free(t->roots[i]);
		else
			t->roots[n++] = t->roots[i];
	}
	t->nroots = n;
	t->roots[n] = NULL;
}

struct unreadable {
	struct av_diags *d;
	int failed;
};

static void
report_unreadable(const char *path, int err, void *ctx)
{
	struct unreadable *u = ctx;
	av_diag_at(u->d, AV_D_IO, path, 0, 0, "cannot read the template set: %s", strerror(err));
	u->failed = 1;
}

/* SHA-256 over each directory's files: relative name, size, contents. */
static int
fingerprint(struct av_templates *t, struct av_diags *d)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	struct unreadable u = { d, 0 };
	size_t i, j, n;

	for (i = 0; i < t->nroots; i++) {
		char **files = av_list_files(t->roots[i], NULL, &n, report_unreadable, &u);
		char head[64];
		snprintf(head, sizeof head, "directory %zu", i);
		g_checksum_update(sum, (const guchar *)head, (gssize)strlen(head) + 1);
		for (j = 0; j < n; j++) {
			const char *rel = files[j] + strlen(t->roots[i]) + 1;
			char *data, size[32];
			size_t len;
			if (av_read_file(files[j], MAX_TEMPLATE_FILE, &data, &len) != 0) {
				report_unreadable(files[j], errno, &u);
				continue;
			}
			snprintf(size, sizeof size, "%zu", len);
			g_checksum_update(sum, (const guchar *)rel, (gssize)strlen(rel) + 1);
			g_checksum_update(sum, (const guchar *)size, (gssize)strlen(size) + 1);
			g_checksum_update(sum, (const guchar *)data, (gssize)len);
			free(data);
		}
		av_strv_free(files);
	}
	snprintf(t->fingerprint, sizeof t->fingerprint, "%s", g_checksum_get_string(sum));
	g_checksum_free(sum);
	return u.failed ? -1 : 0;
}

/*
 * The set's directories without compiling it: the stylesheets are read as
 * libxslt reads them (safe_loader's options) and every top-level
 * xsl:import and xsl:include is followed, its href resolved against the
 * element's base URI as libxslt resolves it.  A file that does not parse
 * adds its directory only (compiling it will report it).  Only local files
 * are followed; libxslt's loader refuses the others.
 */

#define MAX_SCAN_DEPTH 64

struct scan {
	char **seen;                    /* resolved paths already read */
	size_t nseen, cap;
};

/* The local file an import's resolved URI names, as libxml2's loader
 * opens it (a path, or a file: URI); NULL for any other scheme.  Caller
 * frees. */
static char *
local_file(const char *uri)
{
	xmlURIPtr parsed;
	char *path = NULL;

	if (strncmp(uri, "file://", 7) == 0) {
		char *u = xmlURIUnescapeString(uri + 7 + (strncmp(uri + 7, "localhost/", 10) == 0 ? 9 : 0), 0, NULL);
		path = u ? av_xstrdup(u) : NULL;
		xmlFree(u);
		return path;
	}
	/* a path that is no URI (a space in it) as it is; a URI's path
	 * unescaped, as libxml2 opens it */
	if ((parsed = xmlParseURI(uri)) == NULL || (parsed->scheme == NULL && parsed->path == NULL))
		path = av_xstrdup(uri);
	else if ((parsed->scheme == NULL || strcmp(parsed->scheme, "file") == 0) && parsed->path != NULL)
		path = av_xstrdup(parsed->path);
	xmlFreeURI(parsed);
	return path;
}

static void
scan_stylesheet(struct av_templates *t, struct scan *s, const char *path, int depth)
{
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;
	xmlNode *root, *n;
	char *real, *data;
	size_t len;

	if (depth > MAX_SCAN_DEPTH || (real = realpath(path, NULL)) == NULL ||
	    !add_unique(&s->seen, &s->nseen, &s->cap, real))
		return;
	add_dir(t, av_dirname(real));
	if (av_read_file(real, MAX_TEMPLATE_FILE, &data, &len) != 0)
		return;
	if (len > INT_MAX || (ctxt = xmlNewParserCtxt()) == NULL) {
		free(data);
		return;
	}
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, real, NULL,
	    SAFE_PARSE_OPTIONS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlFreeParserCtxt(ctxt);
	free(data);
	if (doc == NULL)
		return;
	root = xmlDocGetRootElement(doc);
	for (n = root ? root->children : NULL; n != NULL; n = n->next) {
		xmlChar *href, *base, *uri;
		char *file;

		if (n->type != XML_ELEMENT_NODE || n->ns == NULL ||
		    !xmlStrEqual(n->ns->href, XSLT_NAMESPACE) ||
		    !(xmlStrEqual(n->name, BAD_CAST "import") || xmlStrEqual(n->name, BAD_CAST "include")))
			continue;
		if ((href = xmlGetNsProp(n, BAD_CAST "href", NULL)) == NULL)
			continue;
		base = xmlNodeGetBase(doc, n);
		uri = xmlBuildURI(href, base);
		if (uri != NULL && (file = local_file((const char *)uri)) != NULL) {
			scan_stylesheet(t, s, file, depth + 1);
			free(file);
		}
		xmlFree(uri);
		xmlFree(base);
		xmlFree(href);
	}
	xmlFreeDoc(doc);
}

/* Adds the set's own directory and the directories its two stylesheets
 * read. */
static void
scan_roots(struct av_templates *t)
{
	struct scan s = { 0 };
	size_t i;

	add_dir(t, av_xstrdup(t->dir));
	for (i = 0; i < AV_STYLE_COUNT; i++) {
		char *path = av_path_join(t->dir, style_files[i]);
		scan_stylesheet(t, &s, path, 0);
		free(path);
	}
	for (i = 0; i < s.nseen; i++)
		free(s.seen[i]);
	free(s.seen);
}

static xsltStylesheetPtr
compile(const char *path, struct av_diags *d)
{
	struct capture c = {0};
	size_t errors = d->nerrors;
	xsltStylesheetPtr style;

	xmlChar *uri = xmlPathToURI((const xmlChar *)path);

	c.d = d;
	c.file = path;
	capture_begin(&c);
	/* by its URI: libxslt's read check parses the name as one, and a
	 * path with a space in it is no URI */
	style = xsltParseStylesheetFile(uri ? uri : (const xmlChar *)path);
	capture_end(&c, 0);
	xmlFree(uri);
	if (style == NULL && d->nerrors == errors)
		av_diag_at(d, AV_D_TEMPLATE, path, 0, 0, "the stylesheet cannot be compiled");
	if (style != NULL && d->nerrors > errors) {
		xsltFreeStylesheet(style);
		style = NULL;
	}
	return style;
}

struct av_templates *
av_templates_load(const char *dir, struct av_diags *d)
{
	struct av_templates *t = av_xcalloc(1, sizeof *t);
	char *given = dir ? av_xstrdup(dir) : av_path_join(av_datadir(), "templates");
	int failed = 0;
	size_t i;

	t->dir = realpath(given, NULL);
	if (t->dir == NULL || !av_is_dir(t->dir)) {
		av_diag_at(d, AV_D_IO, given, 0, 0, "cannot open the template set: %s",
		    t->dir ? strerror(ENOTDIR) : strerror(errno));
		goto err;
	}
	init_libxslt();
	for (i = 0; i < AV_STYLE_COUNT; i++) {
		char *path = av_path_join(t->dir, style_files[i]);
		if (!av_file_exists(path)) {
			av_diag_at(d, AV_D_TEMPLATE, t->dir, 0, 0, "the template set has no %s", style_files[i]);
			failed = 1;
		} else if ((t->style[i] = compile(path, d)) == NULL) {
			failed = 1;
		} else {
			collect_roots(t, t->style[i]);
		}
		t->file[i] = path;
	}
	if (failed)
		goto err;
	/* The directories the fingerprint covers are those a set's files name
	 * (what av_templates_fingerprint_files() finds) and those libxslt
	 * loaded (the same, unless the two resolve an href differently: then
	 * the fingerprints differ and outputs are never taken as up to date). */
	scan_roots(t);
	tidy_roots(t);
	t->sec = new_prefs(allowed_read);
	t->kept = av_xcalloc(1, sizeof *t->kept);
	pthread_mutex_init(&t->kept->mu, NULL);
	if (fingerprint(t, d) != 0)
		goto err;
	free(given);
	return t;
err:
	free(given);
	av_templates_free(t);
	return NULL;
}

char *
av_templates_fingerprint_files(const char *dir, struct av_diags *d)
{
	struct av_templates *t = av_xcalloc(1, sizeof *t);
	char *given = dir ? av_xstrdup(dir) : av_path_join(av_datadir(), "templates"), *fp = NULL;

	t->dir = realpath(given, NULL);
	if (t->dir == NULL || !av_is_dir(t->dir)) {
		av_diag_at(d, AV_D_IO, given, 0, 0, "cannot open the template set: %s",
		    t->dir ? strerror(ENOTDIR) : strerror(errno));
		goto out;
	}
	scan_roots(t);
	tidy_roots(t);
	if (fingerprint(t, d) == 0)
		fp = av_xstrdup(t->fingerprint);
out:
	free(given);
	av_templates_free(t);
	return fp;
}

void
av_templates_free(struct av_templates *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < AV_STYLE_COUNT; i++) {
		if (t->style[i] != NULL)
			xsltFreeStylesheet(t->style[i]);
		free(t->file[i]);
	}
	if (t->sec != NULL)
		xsltFreeSecurityPrefs(t->sec);
	if (t->kept != NULL) {
		for (i = 0; i < t->kept->n; i++) {
			xmlFree(t->kept->v[i].uri);
			xmlFreeDoc(t->kept->v[i].doc);
		}
		free(t->kept->v);
		pthread_mutex_destroy(&t->kept->mu);
		free(t->kept);
	}
	for (i = 0; i < t->nroots; i++)
		free(t->roots[i]);
	free(t->roots);
	free(t->dir);
	free(t);
}

const char *
av_templates_dir(const struct av_templates *t)
{
	return t->dir;
}

const char *
av_templates_fingerprint(const struct av_templates *t)
{
	return t->fingerprint;
}

/*
 * Applying a stylesheet.
 */

xmlDoc *
av_transform(const struct av_templates *t, enum av_stylesheet which,
    xmlDoc *collab, const struct av_transform_params *p, struct av_diags *d)
{
	static const char *const names[] = { "lang", "role", "appendix", "logo" };
	const char *values[4] = { NULL, NULL, NULL, NULL };
	const char *params[2 * 4 + 1];
	xsltStylesheetPtr style = t->style[which];
	xsltTransformContextPtr ctxt;
	struct capture c = {0};
	size_t errors = d->nerrors, i, np = 0;
	xmlDoc *res = NULL;
	int stopped;

	c.d = d;
	c.t = t;
	c.file = t->file[which];
	if ((ctxt = xsltNewTransformContext(style, collab)) == NULL) {
		av_diag_at(d, AV_D_INTERNAL, c.file, 0, 0, "libxslt cannot start a transformation");
		return NULL;
	}
	c.ctxt = ctxt;
	ctxt->_private = &c;
	xsltSetCtxtSecurityPrefs(t->sec, ctxt);
	xsltSetTransformErrorFunc(ctxt, &c, xslt_report);
	xsltSetCtxtParseOptions(ctxt, SAFE_PARSE_OPTIONS);
	if (p != NULL) {
		values[0] = p->lang;
		values[1] = p->role;
		values[2] = p->appendix;
		values[3] = p->logo;
	}
	for (i = 0; i < 4; i++)
		if (values[i] != NULL) {
			params[np++] = names[i];
			params[np++] = values[i];
		}
	params[np] = NULL;

	capture_begin(&c);
	if (xsltQuoteUserParams(ctxt, params) == 0)
		res = xsltApplyStylesheetUser(style, collab, NULL, NULL, NULL, ctxt);
	stopped = ctxt->state == XSLT_STATE_STOPPED;
	if (res != NULL && ctxt->state != XSLT_STATE_OK) {
		xmlFreeDoc(res);
		res = NULL;
	}
	capture_end(&c, stopped);
	xsltFreeTransformContext(ctxt);
	if (res == NULL && d->nerrors == errors)
		av_diag_at(d, AV_D_TEMPLATE, c.file, 0, 0, "the transformation failed");
	if (res != NULL && d->nerrors > errors) {
		xmlFreeDoc(res);
		res = NULL;
	}
	return res;
}

char *
av_transform_serialise(xmlDoc *fo, size_t *len)
{
	xmlChar *mem = NULL;
	int size = 0;
	char *out;

	xmlDocDumpMemoryEnc(fo, &mem, &size, "UTF-8");
	if (mem == NULL)
		abort();        /* only out of memory */
	out = av_xstrndup((const char *)mem, (size_t)size);
	xmlFree(mem);
	if (len)
		*len = (size_t)size;
	return out;
}

/*
 * Normalisations.
 */

static int
is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Every text node below `n`, except people's names and the word list. */
static void
apply_words(xmlNode *n, const struct av_hyph_words *w)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			xmlChar *text = xmlNodeGetContent(n);
			char *with = av_hyph_words_apply(w, (const char *)text);
			if (strcmp(with, (const char *)text) != 0)
				xmlNodeSetContent(n, (const xmlChar *)with);
			free(with);
			xmlFree(text);
		} else if (n->type == XML_ELEMENT_NODE && !is_element(n, "holder") &&
		    !is_element(n, "hyphenation")) {
			apply_words(n->children, w);
		}
	}
}

size_t
av_transform_hyphenate_words(xmlDoc *collab)
{
	xmlNode *root = xmlDocGetRootElement(collab), *n, *word;
	struct av_hyph_words *w = av_hyph_words_new();
	size_t count = 0;

	for (n = root ? root->children : NULL; n != NULL; n = n->next) {
		if (!is_element(n, "hyphenation"))
			continue;
		for (word = n->children; word != NULL; word = word->next) {
			xmlChar *text;
			if (!is_element(word, "word"))
				continue;
			text = xmlNodeGetContent(word);
			if (text != NULL && av_hyph_words_add(w, (const char *)text) == 0)
				count++;
			xmlFree(text);
		}
	}
	if (count > 0)
		apply_words(root, w);
	av_hyph_words_free(w);
	return count;
}
