/* changes_old.c -- the old versions `render --changes-since` compares with: found by collaboration id, loaded when needed. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlreader.h>

#include "changes.h"
#include "util.h"

struct old_file {
	char *id;
	char *path;
	int shared;             /* another file has the same id */
};

struct av_old_versions {
	char *path;             /* as given */
	struct old_file *v;
	size_t n, cap;
};

static void
ignore_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/*
 * The collaboration id of a file, read from its root element alone: the
 * rest is parsed only for the old versions that are used.  The same
 * parser options as the loader (no network, no DTD, no entity
 * substitution), and a file with a document type declaration anywhere is
 * refused outright, as the loader refuses it.  NULL, with the reason in
 * *why, when the file is not a collaboration.
 */
static char *
sniff_id(const char *path, const char **why)
{
	char *bytes = NULL, *id = NULL;
	size_t len;
	xmlTextReaderPtr r;

	if (av_read_file(path, AV_MAX_INPUT_BYTES, &bytes, &len) != 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (memmem(bytes, len, "<!DOCTYPE", 9) || memmem(bytes, len, "<!ENTITY", 8)) {
		*why = "it has a document type declaration";
		free(bytes);
		return NULL;
	}
	*why = "its root element is not a collaboration with an id";
	r = xmlReaderForMemory(bytes, (int)len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (r != NULL) {
		xmlTextReaderSetStructuredErrorHandler(r, ignore_error, NULL);
		while (xmlTextReaderRead(r) == 1) {
			if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
				continue;
			if (xmlTextReaderConstNamespaceUri(r) == NULL &&
			    strcmp((const char *)xmlTextReaderConstLocalName(r), "collaboration") == 0) {
				xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST "id");
				if (v && av_valid_id((const char *)v))
					id = av_xstrdup((const char *)v);
				xmlFree(v);
			}
			break;
		}
		xmlFreeTextReader(r);
	}
	free(bytes);
	return id;
}

static int
cmp_file(const void *a, const void *b)
{
	const struct old_file *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->path, y->path);
}

static void
unreadable(const char *path, int err, void *ctx)
{
	av_diag_at(ctx, AV_D_CHANGES, path, 0, 0, "cannot read (--changes-since): %s", strerror(err));
}

struct av_old_versions *
av_old_versions_open(const char *path, struct av_diags *d)
{
	struct av_old_versions *o;
	struct stat st;
	char **files;
	size_t n, i;

	if (stat(path, &st) != 0) {
		av_diag_at(d, AV_D_IO, path, 0, 0, "cannot read the old version (--changes-since): %s",
		    strerror(errno));
		return NULL;
	}
	o = av_xcalloc(1, sizeof *o);
	o->path = av_xstrdup(path);
	if (S_ISDIR(st.st_mode)) {
		files = av_list_files(path, ".xml", &n, unreadable, d);
		if (n == 0)
			av_diag_at(d, AV_D_CHANGES, path, 0, 0,
			    "no collaboration files (*.xml) here (--changes-since): nothing is marked as changed");
	} else {
		files = av_xcalloc(2, sizeof *files);
		files[0] = av_xstrdup(path);
		n = 1;
	}
	for (i = 0; i < n; i++) {
		const char *why;
		char *id = sniff_id(files[i], &why);
		struct old_file *f;
		if (id == NULL) {
			av_diag_at(d, AV_D_CHANGES, files[i], 0, 0, "not used as an old version (--changes-since): %s",
			    why);
			continue;
		}
		o->v = av_xgrow(o->v, &o->cap, o->n + 1, sizeof *o->v);
		f = &o->v[o->n++];
		f->id = id;
		f->path = av_xstrdup(files[i]);
		f->shared = 0;
	}
	av_strv_free(files);
	qsort(o->v, o->n, sizeof *o->v, cmp_file);
	for (i = 0; i + 1 < o->n; i++)
		if (strcmp(o->v[i].id, o->v[i + 1].id) == 0)
			o->v[i].shared = o->v[i + 1].shared = 1;
	return o;
}

void
av_old_versions_free(struct av_old_versions *o)
{
	size_t i;
	if (o == NULL)
		return;
	for (i = 0; i < o->n; i++) {
		free(o->v[i].id);
		free(o->v[i].path);
	}
	free(o->v);
	free(o->path);
	free(o);
}

/* The first file with the id, or NULL. */
static const struct old_file *
lookup(const struct av_old_versions *o, const char *id)
{
	size_t lo = 0, hi = o->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(o->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < o->n && strcmp(o->v[lo].id, id) == 0 ? &o->v[lo] : NULL;
}

const char *
av_old_versions_find(const struct av_old_versions *o, const char *id)
{
	const struct old_file *f = id ? lookup(o, id) : NULL;
	return f && !f->shared ? f->path : NULL;
}

void
av_old_versions_key(const struct av_old_versions *o, const char *id, struct av_key *k)
{
	const struct old_file *f = id ? lookup(o, id) : NULL;

	if (f == NULL)
		av_key_adds(k, "changes-since", "none");
	else if (f->shared)
		av_key_adds(k, "changes-since", "ambiguous");
	else
		av_key_add_file(k, "changes-since", f->path);
}

int
av_old_versions_apply(const struct av_old_versions *o, struct av_collab *c, struct av_diags *d)
{
	const struct old_file *f = lookup(o, c->id);
	struct av_diags od = { 0 };
	struct av_collab *old;
	struct av_changes *ch;
	int rc = 0;

	if (f == NULL) {
		av_diag(d, AV_D_CHANGES, &c->loc,
		    "no old version of collaboration '%s' in %s (--changes-since); rendered without change marks",
		    c->id, o->path);
		return 0;
	}
	if (f->shared) {
		av_diag(d, AV_D_CHANGES, &c->loc,
		    "more than one old version of collaboration '%s' in %s (--changes-since): %s, %s; rendered without "
		    "change marks", c->id, o->path, f[0].path, f[1].path);
		return 0;
	}
	old = av_collab_load(f->path, &od);
	if (old == NULL || av_diags_has_errors(&od)) {
		size_t i;
		for (i = 0; i < od.n && av_diag_severity(od.v[i].code) != AV_SEV_ERROR; i++)
			;
		if (i < od.n)
			av_diag_at(d, AV_D_CHANGES, od.v[i].file, od.v[i].line, od.v[i].col,
			    "not usable as the old version of '%s' (--changes-since): %s; rendered without change marks",
			    c->id, od.v[i].msg);
		else
			av_diag_at(d, AV_D_CHANGES, f->path, 0, 0,
			    "not usable as the old version of '%s' (--changes-since); rendered without change marks", c->id);
		rc = -1;
		goto out;
	}
	ch = av_changes_diff(old, c);
	av_changes_mark(ch, c);
	av_changes_free(ch);
out:
	av_collab_free(old);
	av_diags_free(&od);
	return rc;
}
