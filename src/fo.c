/* fo.c -- the formatter's entry points: options, foreign-object handlers, FO to PDF, stage dumps. */
#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fo_int.h"
#include "fonts.h"
#include "pdf_post.h"

#define MAX_HANDLERS 16

static const struct av_foreign *handlers[MAX_HANDLERS];
static size_t nhandlers;

void
av_fo_options_init(struct av_fo_options *o)
{
	memset(o, 0, sizeof *o);
	o->creation_date = AV_FO_NO_DATE;
}

void
av_fo_register_foreign(const struct av_foreign *h)
{
	size_t i;
	for (i = 0; i < nhandlers; i++)
		if (strcmp(handlers[i]->ns, h->ns) == 0) {
			handlers[i] = h;
			return;
		}
	if (nhandlers < MAX_HANDLERS)
		handlers[nhandlers++] = h;
}

const struct av_foreign *
av_fo_foreign_handler(const char *ns)
{
	size_t i;
	for (i = 0; ns && i < nhandlers; i++)
		if (strcmp(handlers[i]->ns, ns) == 0)
			return handlers[i];
	return NULL;
}

int
av_fo_parse_date(const char *s, long long *out)
{
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
	struct tm tm;
	long long off = 0;
	const char *z;
	if (s == NULL || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	z = s + 10;
	if (*z == 'T') {
		int m = 0;
		if (sscanf(z, "T%2d:%2d%n", &h, &mi, &m) != 2)
			return -1;
		z += m;
		if (*z == ':') {
			if (sscanf(z, ":%2d%n", &se, &m) != 1)
				return -1;
			z += m;
			if (*z == '.')
				for (z++; *z >= '0' && *z <= '9'; z++)
					;
		}
		if (*z == '+' || *z == '-') {
			int oh, om;
			if (sscanf(z + 1, "%2d:%2d", &oh, &om) != 2)
				return -1;
			off = (oh * 3600LL + om * 60) * (*z == '+' ? 1 : -1);
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*out = (long long)timegm(&tm) - off;
	return 0;
}

/* The creation date: the option, SOURCE_DATE_EPOCH, the FO's
 * xmp:CreateDate, or none (never the clock). */
static int
creation_date(const struct av_fo_options *opt, const struct fo_tree *t, struct av_diags *d, char *buf)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long v;
	if (opt && opt->creation_date != AV_FO_NO_DATE) {
		av_pdf_iso_date((long long)opt->creation_date, buf);
		return 1;
	}
	if (sde && *sde) {
		char *end;
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (*end == '\0' && errno == 0 && v >= 0 && v < 253402300800LL) {
			av_pdf_iso_date(v, buf);
			return 1;
		}
		av_diag_at(d, AV_D_USAGE, NULL, 0, 0, "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds; ignored", sde);
	}
	if (t->meta.create_date) {
		if (av_fo_parse_date(t->meta.create_date, &v) == 0) {
			av_pdf_iso_date(v, buf);
			return 1;
		}
		av_diag_at(d, AV_D_FO_BAD_VALUE, t->file, 0, 0, "xmp:CreateDate \"%s\" is not a date; ignored",
		    t->meta.create_date);
	}
	return 0;
}

static int
run(xmlDoc *fo, const char *file, const struct av_fo_options *opt, int dump, enum av_fo_dump what,
    struct av_buf *out, struct av_diags *d)
{
	struct fo_tree *t;
	struct fo_layout_ctx L;
	struct fo_doc doc;
	char *dir = NULL;
	int rc = -1;

	if (av_fonts_init(d) != 0)
		return -1;
	t = av_fo_tree_build(fo, file, d);
	if (t == NULL)
		return -1;
	if (dump && what == AV_FO_DUMP_TREE) {
		av_fo_tree_dump(t, out);
		av_fo_tree_free(t);
		return 0;
	}
	av_fo_layout_init(&L, t, opt, d);
	dir = opt && opt->base_dir ? av_xstrdup(opt->base_dir) : av_dirname(t->file);
	L.basedir = dir;
	memset(&doc, 0, sizeof doc);
	if (av_fo_paginate(&L, &doc) != 0 || doc.npages == 0)
		goto out;
	if (dump) {
		av_fo_doc_dump(&L, &doc, out);
		rc = 0;
	} else {
		char date[32];
		int has_date = creation_date(opt, t, d, date);
		const char **alts = NULL;
		char **owned = NULL, *err = NULL, producer[96];
		size_t nalts = 0, nowned = 0, i;
		struct av_pdf_post post;
		char creator[64];

		rc = av_fo_draw(&L, &doc, out, has_date ? date : NULL, &alts, &nalts, &owned, &nowned);
		if (rc == 0) {
			memset(&post, 0, sizeof post);
			snprintf(creator, sizeof creator, "ansvar %s", PACKAGE_VERSION);
			snprintf(producer, sizeof producer, "cairo %s (https://cairographics.org)", cairo_version_string());
			post.meta.title = t->meta.title;
			post.meta.author = t->meta.author;
			post.meta.subject = t->meta.subject;
			post.meta.keywords = t->meta.keywords;
			post.meta.creator_tool = creator;
			post.meta.producer = producer;
			post.meta.create_date = has_date ? date : NULL;
			post.meta.lang = t->lang;
			post.figure_alt = alts;
			post.nfigure_alt = nalts;
			post.strip_dates = !has_date;
			post.mark_artifacts = 1;
			if (av_pdf_post(out, &post, &err) != 0) {
				av_diag_at(d, AV_D_INTERNAL, t->file, 0, 0, "cannot finish the PDF: %s", err);
				free(err);
				rc = -1;
			}
		}
		for (i = 0; i < nowned; i++)
			free(owned[i]);
		free(owned);
		free(alts);
	}
out:
	if (rc != 0)
		av_buf_reset(out);
	av_fo_doc_free(&doc);
	av_fo_layout_fini(&L);
	av_fo_tree_free(t);
	free(dir);
	return rc;
}

int
av_fo_render(xmlDoc *fo, const char *file, const struct av_fo_options *opt, struct av_buf *pdf,
    struct av_diags *d)
{
	return run(fo, file, opt, 0, AV_FO_DUMP_TREE, pdf, d);
}

int
av_fo_dump(xmlDoc *fo, const char *file, const struct av_fo_options *opt, enum av_fo_dump what,
    struct av_buf *out, struct av_diags *d)
{
	return run(fo, file, opt, 1, what, out, d);
}

int
av_fo_render_file(const char *in, const char *out, const struct av_fo_options *opt, struct av_diags *d)
{
	xmlDoc *doc = av_fo_read(in, d);
	struct av_buf pdf = {0};
	int rc = -1;
	if (doc == NULL)
		return -1;
	if (av_fo_render(doc, in, opt, &pdf, d) == 0) {
		if (av_write_atomic(out, pdf.data, pdf.len) != 0)
			av_diag_at(d, AV_D_IO, out, 0, 0, "cannot write: %s", strerror(errno));
		else
			rc = 0;
	}
	av_buf_free(&pdf);
	xmlFreeDoc(doc);
	return rc;
}
