/* pdf_post.h -- what cairo 1.16 cannot write into a PDF, added in a rewrite of its file: /Lang, XMP metadata, /ID, figure /Alt texts, artifacts. */
#ifndef AV_PDF_POST_H
#define AV_PDF_POST_H

#include <stddef.h>

#include "util.h"

/*
 * Works on a PDF as cairo 1.16 writes it (classic cross-reference table,
 * uncompressed dictionaries).  The file is written again, object by object
 * in cairo's order: a new catalog, an XMP metadata stream, changed
 * structure elements, page content streams with their untagged content
 * marked as artifacts, every stream cairo left uncompressed compressed,
 * and a new cross-reference table with /ID, so the result passes
 * `qpdf --check`.  Every other object keeps its bytes.  The /ID is an MD5
 * of the content: the same input gives the same bytes.
 */

struct av_pdf_meta {
	const char *title;          /* dc:title */
	const char *author;         /* dc:creator */
	const char *subject;        /* dc:description */
	const char *keywords;       /* pdf:Keywords */
	const char *creator_tool;   /* xmp:CreatorTool, e.g. "ansvar 0.1.0" */
	const char *producer;       /* pdf:Producer (cairo's /Producer) */
	const char *create_date;    /* "YYYY-MM-DDThh:mm:ssZ" or NULL */
	const char *lang;           /* BCP 47, e.g. "sv"; NULL for none */
};

struct av_pdf_post {
	struct av_pdf_meta meta;
	/* /Alt of the i-th structure element of type Figure, in the order the
	 * figures were tagged (NULL entries are skipped). */
	const char *const *figure_alt;
	size_t nfigure_alt;
	/* Blank any /CreationDate and /ModDate cairo wrote (it writes the
	 * clock when no date was set); meant for meta.create_date == NULL. */
	int strip_dates;
	/* Mark what the pages paint outside marked content (untagged) as
	 * /Artifact in their content streams. */
	int mark_artifacts;
};

/* Rewrites `pdf` in place.  Returns 0, or -1 with *err set to a message
 * (caller frees) when the PDF is not laid out as expected; `pdf` is then
 * unchanged. */
int av_pdf_post(struct av_buf *pdf, const struct av_pdf_post *opt, char **err);

/* Appends a PDF text string: (ASCII) or <FEFF...> UTF-16BE hex. */
void av_pdf_text_string(struct av_buf *out, const char *utf8);

/* Formats seconds since the epoch as "YYYY-MM-DDThh:mm:ssZ" (UTC) into
 * buf (at least 21 bytes). */
void av_pdf_iso_date(long long t, char *buf);

#endif
