/* fo.h -- the XSL-FO formatter: an FO document (SPEC section 6) in, a PDF out. */
#ifndef AV_FO_H
#define AV_FO_H

#include <libxml/tree.h>
#include <time.h>

#include "diag.h"
#include "foreign.h"
#include "util.h"

/*
 * Usage, once per process: av_fonts_init(), then any number of
 * av_fo_render() calls (fonts and hyphenation patterns are loaded once and
 * shared; nothing else survives a call but what an av_fo_cache passed in
 * the options keeps).  Not thread-safe; a batch may fork worker processes
 * after av_fonts_init().
 *
 * Extension attributes read from the FO (FOP ignores them):
 *   ax:page-label-prefix on fo:page-sequence (xmlns:ax="urn:ansvar:fo"):
 *     the PDF page labels of that sequence are PREFIX followed by the page
 *     number ("Bilaga 3-" gives "Bilaga 3-1", "Bilaga 3-2", ...).
 *   fox:alt-text (xmlns:fox="http://xmlgraphics.apache.org/fop/extensions")
 *     on fo:instream-foreign-object and fo:external-graphic: the figure's
 *     alternative text in the tagged PDF.
 * Metadata, read as FOP reads it: fo:declarations / x:xmpmeta
 * (adobe:ns:meta/) / rdf:RDF / rdf:Description holding dc:title,
 * dc:creator, dc:description, pdf:Keywords and xmp:CreateDate.  The PDF
 * creator is "ansvar VERSION".  The document language is fo:root's
 * xml:lang (or language).  The `role` property of a block names its
 * structure tag ("H1".."H6", "P", ...; a role that is not a standard PDF
 * structure type gives a warning and is ignored).
 */

#define AV_FO_NO_DATE ((time_t)-1)

/* Pages in one document: beyond it av_fo_render() fails with a LIMIT
 * error (documented in ansvar(1), LIMITS).  A collaboration at the input
 * limits (model.h) stays well under it. */
#define AV_FO_MAX_PAGES 10000

struct av_fo_options {
	/* The PDF creation date; AV_FO_NO_DATE for none given.  Precedence:
	 * this, then SOURCE_DATE_EPOCH, then the FO's xmp:CreateDate; with no
	 * date at all the PDF has no CreationDate. */
	time_t creation_date;
	/* Directory against which relative external-graphic paths resolve;
	 * NULL: the FO file's directory. */
	const char *base_dir;
	/* Shaped text to reuse and to add to (see av_fo_cache_new()); NULL:
	 * the render keeps its own for its passes. */
	struct av_fo_cache *cache;
};

/* A cache of shaped text for several renders in a row (the documents of
 * one collaboration set the same charters): each paragraph is measured and
 * each line shaped once, for any number of passes and documents; the
 * output is the same as without it.  Bounded in memory (128 MB).  Not
 * thread-safe.  Free with av_fo_cache_free() after the last render that
 * used it. */
struct av_fo_cache;
struct av_fo_cache *av_fo_cache_new(void);
void av_fo_cache_free(struct av_fo_cache *c);

/* Parses an ISO 8601 date as XMP writes it ("2013-05-27",
 * "2013-05-27T10:00:00Z", "2013-05-27T10:00:00+02:00") into seconds since
 * the epoch.  Returns 0 or -1. */
int av_fo_parse_date(const char *s, long long *out);

/* Fills in the defaults (no date, base directory from the file name). */
void av_fo_options_init(struct av_fo_options *o);

/* Reads an FO file safely (no network, no DTD, no entities, bounded depth
 * and size).  Returns the document (caller frees with xmlFreeDoc()) or NULL
 * after recording an error with its line. */
xmlDoc *av_fo_read(const char *path, struct av_diags *d);
/* The same from memory; `name` names it in diagnostics. */
xmlDoc *av_fo_read_memory(const char *data, size_t len, const char *name, struct av_diags *d);

/* Formats `fo` into a PDF appended to `pdf` (an empty buffer the caller
 * owns and frees).  `file` names the document in diagnostics and is the
 * base for relative image paths.  The document is not modified and stays
 * the caller's.  Returns 0, or -1 after recording errors in `d` (then
 * `pdf` is left empty).  Warnings never stop the output. */
int av_fo_render(xmlDoc *fo, const char *file, const struct av_fo_options *opt,
    struct av_buf *pdf, struct av_diags *d);

/* Reads `in` and writes the PDF to `out` atomically (nothing is written on
 * error).  `opt` may be NULL for the defaults. */
int av_fo_render_file(const char *in, const char *out, const struct av_fo_options *opt,
    struct av_diags *d);

/* Text dumps of the intermediate stages, for tests: the formatting-object
 * tree with computed properties, or the laid-out pages with every line
 * and box at its position (pt, from the page's top-left corner). */
enum av_fo_dump {
	AV_FO_DUMP_TREE,
	AV_FO_DUMP_LAYOUT
};
int av_fo_dump(xmlDoc *fo, const char *file, const struct av_fo_options *opt,
    enum av_fo_dump what, struct av_buf *out, struct av_diags *d);

/* Registers the handler for the namespace h->ns of instream-foreign-object
 * children (process-wide; a later registration for the same namespace
 * replaces the earlier one).  The handler must outlive every render;
 * register before rendering.  At most 16 namespaces. */
void av_fo_register_foreign(const struct av_foreign *h);
/* The handler for a namespace, or NULL. */
const struct av_foreign *av_fo_foreign_handler(const char *ns);

#endif
