/* transform.h -- the XSLT stage: a compiled template set turns a collaboration into XSL-FO. */
#ifndef AV_TRANSFORM_H
#define AV_TRANSFORM_H

#include <libxml/tree.h>

#include "diag.h"

/*
 * A template set is a directory (SPEC §5): document.xsl (the complete
 * document), handout.xsl (one role), the stylesheets they import, and the
 * labels of each language in i18n/sv.xml, i18n/nb.xml, i18n/nn.xml.  A set
 * may import stylesheets of another set (a custom set importing the
 * installed default and overriding a few variables, attribute sets or
 * labels); the directories of all its stylesheets count as the set's.
 *
 * av_templates_load() compiles both stylesheets once; av_transform() then
 * applies them to any number of collaborations.  The render stage, per
 * collaboration:
 *
 *	c = av_collab_load(path, d);            (model.h; stop on errors)
 *	av_collab_colour_parties(c);            (model.h)
 *	av_transform_hyphenate_words(c->doc);
 *	p.logo = c->logo_path ? realpath(c->logo_path, NULL) : NULL;
 *	fo = av_transform(t, AV_STYLE_DOCUMENT, c->doc, &p, d);
 *	for each role: p.role = id; av_transform(t, AV_STYLE_HANDOUT, ...);
 *
 * Safety (SPEC §8).  Stylesheets may not write files, create directories
 * or use the network; document() reads only files below the directories
 * of the set's stylesheets; everything libxslt parses is parsed without
 * network access, DTD loading or entity substitution.  A refused read or
 * write is a TEMPLATE error.
 *
 * Diagnostics.  Nothing is printed: libxml2 and libxslt errors become
 * TEMPLATE errors (or TEMPLATE_WARNING warnings) at the stylesheet's file
 * and line; xsl:message becomes a TEMPLATE_MESSAGE warning at the
 * message's line, and xsl:message terminate="yes" a TEMPLATE error.
 *
 * Processes and threads.  Loading installs process-wide libxslt settings
 * (a document loader and default security preferences) and is not
 * thread-safe: load in the main thread before starting threads or forking
 * workers.  A loaded set may be used by one thread at a time; a forked
 * worker uses its own copy freely, so load once, then fork.
 */

struct av_templates;

/* The two stylesheets of a set. */
enum av_stylesheet {
	AV_STYLE_DOCUMENT,      /* document.xsl: the complete document */
	AV_STYLE_HANDOUT        /* handout.xsl: one role's handout */
};
#define AV_STYLE_COUNT 2

/* Stylesheet parameters of one transform.  Strings are UTF-8, borrowed;
 * NULL leaves a parameter unset.  None carries the date or time. */
struct av_transform_params {
	const char *lang;       /* "sv", "nb", "nn" ("no" = nb); NULL: the file's xml:lang */
	const char *role;       /* the handout's role id (required for AV_STYLE_HANDOUT) */
	const char *appendix;   /* "Bilaga 3": page header and PDF page labels "Bilaga 3-1", ... */
	const char *logo;       /* the logo for fo:external-graphic, as an absolute path
	                         * (realpath() of av_collab.logo_path), so the FO
	                         * works wherever it is written */
};

/* Loads and compiles the template set in `dir` (NULL: av_datadir()/templates).
 * Returns NULL after recording diagnostics in `d` (a missing directory or
 * stylesheet, a stylesheet that does not parse or compile: FILE:LINE).
 * Free with av_templates_free(). */
struct av_templates *av_templates_load(const char *dir, struct av_diags *d);
void av_templates_free(struct av_templates *t);

/* The set's directory (absolute, symbolic links resolved).  Owned by `t`. */
const char *av_templates_dir(const struct av_templates *t);

/* A fingerprint of the set for up-to-date checks: SHA-256 (64 lower-case
 * hex digits) over every file below the set's directories (names and
 * contents, in sorted order).  Any change to a stylesheet or label file
 * changes it.  Owned by `t`. */
const char *av_templates_fingerprint(const struct av_templates *t);

/* The same fingerprint of the set in `dir` (NULL: the default) without
 * compiling it: the directories are found by reading the stylesheets'
 * xsl:import and xsl:include elements as libxslt resolves them.  Cheap
 * (the files are read, parsed, hashed), so a run can tell whether
 * outputs are up to date before it loads anything.  Returns the 64 hex
 * digits (caller frees), or NULL after recording diagnostics (the set
 * cannot be opened or a file cannot be read).  A set that does not
 * compile still has a fingerprint: av_templates_load() reports it. */
char *av_templates_fingerprint_files(const char *dir, struct av_diags *d);

/* Applies one stylesheet of `t` to a collaboration.  `collab` is not
 * modified (prepare it first as above).  Returns
 * the XSL-FO document (caller frees with xmlFreeDoc()), or NULL after
 * recording at least one error in `d`.  Warnings (xsl:message) may be recorded either
 * way. */
xmlDoc *av_transform(const struct av_templates *t, enum av_stylesheet which,
    xmlDoc *collab, const struct av_transform_params *p, struct av_diags *d);

/* Serialises an FO document as UTF-8 XML, unindented (indentation would
 * add spaces between inline elements).  Caller frees; *len gets the
 * length. */
char *av_transform_serialise(xmlDoc *fo, size_t *len);

/* What the render stage does to a loaded (and validated) collaboration
 * before av_transform(), besides av_collab_colour_parties(): applies the author's exception words (<hyphenation><word>) to the text:
 * every text node except people's names (the text of <holder>) and the
 * hyphenation list itself gets soft hyphens (U+00AD) at the author's break
 * points wherever an exception word occurs (av_hyph_words_apply()).
 * Changes `collab` in place; returns the number of exception words read. */
size_t av_transform_hyphenate_words(xmlDoc *collab);

#endif
