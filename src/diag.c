/* diag.c -- the diagnostics table, recording, ordering and printing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

static const struct {
	enum av_severity sev;
	const char *name;
} table[AV_D__COUNT] = {
#define AV_DIAG(name, sev, tag) [AV_D_##name] = { AV_SEV_##sev, tag },
#include "diag_codes.h"
#undef AV_DIAG
};

enum av_severity
av_diag_severity(enum av_diag_code code)
{
	return code < AV_D__COUNT ? table[code].sev : AV_SEV_ERROR;
}

const char *
av_diag_name(enum av_diag_code code)
{
	return code < AV_D__COUNT ? table[code].name : "?";
}

void
av_vdiag(struct av_diags *d, enum av_diag_code code, const struct av_loc *loc,
    const char *fmt, va_list ap)
{
	struct av_diag *e;
	struct av_buf b = {0};

	d->v = av_xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	e = &d->v[d->n++];
	e->code = code;
	e->file = loc ? av_xstrdup(loc->file) : NULL;
	e->line = loc ? loc->line : 0;
	e->col = loc ? loc->col : 0;
	av_buf_vprintf(&b, fmt, ap);
	e->msg = av_buf_take(&b);
	if (av_diag_severity(code) == AV_SEV_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
}

void
av_diag(struct av_diags *d, enum av_diag_code code, const struct av_loc *loc,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	av_vdiag(d, code, loc, fmt, ap);
	va_end(ap);
}

void
av_diag_at(struct av_diags *d, enum av_diag_code code, const char *file,
    int line, int col, const char *fmt, ...)
{
	struct av_loc loc = { file, line, col };
	va_list ap;
	va_start(ap, fmt);
	av_vdiag(d, code, &loc, fmt, ap);
	va_end(ap);
}

void
av_diags_move(struct av_diags *dst, struct av_diags *src)
{
	size_t i;
	dst->v = av_xgrow(dst->v, &dst->cap, dst->n + src->n, sizeof *dst->v);
	for (i = 0; i < src->n; i++)
		dst->v[dst->n++] = src->v[i];
	dst->nerrors += src->nerrors;
	dst->nwarnings += src->nwarnings;
	free(src->v);
	memset(src, 0, sizeof *src);
}

void
av_diags_copy(struct av_diags *dst, const struct av_diags *src)
{
	size_t i;
	dst->v = av_xgrow(dst->v, &dst->cap, dst->n + src->n, sizeof *dst->v);
	for (i = 0; i < src->n; i++) {
		struct av_diag *c = &dst->v[dst->n++];
		*c = src->v[i];
		c->file = src->v[i].file ? av_xstrdup(src->v[i].file) : NULL;
		c->msg = av_xstrdup(src->v[i].msg);
	}
	dst->nerrors += src->nerrors;
	dst->nwarnings += src->nwarnings;
}

static int
cmp_diag(const struct av_diag *a, const struct av_diag *b)
{
	int c;
	if (a->file != b->file) {
		if (a->file == NULL)
			return -1;
		if (b->file == NULL)
			return 1;
		if ((c = strcmp(a->file, b->file)) != 0)
			return c;
	}
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void
av_diags_sort(struct av_diags *d)
{
	size_t i, j;
	/* Insertion sort: stable, and lists are short and nearly sorted. */
	for (i = 1; i < d->n; i++) {
		struct av_diag t = d->v[i];
		for (j = i; j > 0 && cmp_diag(&d->v[j - 1], &t) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
}

enum av_severity
av_diags_worst(const struct av_diags *d, int strict)
{
	if (d->nerrors)
		return AV_SEV_ERROR;
	if (d->nwarnings)
		return strict ? AV_SEV_ERROR : AV_SEV_WARNING;
	return AV_SEV_NONE;
}

int
av_diags_has_errors(const struct av_diags *d)
{
	return d->nerrors > 0;
}

static void
format_one(struct av_buf *b, const struct av_diag *e)
{
	const char *sev = av_diag_severity(e->code) == AV_SEV_ERROR ? "error" : "warning";

	if (e->file && e->line > 0 && e->col > 0)
		av_buf_printf(b, "%s:%d:%d: ", e->file, e->line, e->col);
	else if (e->file && e->line > 0)
		av_buf_printf(b, "%s:%d: ", e->file, e->line);
	else if (e->file)
		av_buf_printf(b, "%s: ", e->file);
	else
		av_buf_adds(b, "ansvar: ");
	av_buf_printf(b, "%s: %s [%s]\n", sev, e->msg, av_diag_name(e->code));
}

char *
av_diags_format(const struct av_diags *d)
{
	struct av_buf b = {0};
	size_t i;
	for (i = 0; i < d->n; i++)
		format_one(&b, &d->v[i]);
	return av_buf_take(&b);
}

void
av_diags_print(const struct av_diags *d, FILE *fp)
{
	char *s = av_diags_format(d);
	fputs(s, fp);
	fflush(fp);
	free(s);
}

void
av_diags_free(struct av_diags *d)
{
	size_t i;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}
