/* pdf_links.h -- links to later pages, which cairo 1.16 cannot write: a placeholder URI while drawing, a named destination after. */
#ifndef AV_PDF_LINKS_H
#define AV_PDF_LINKS_H

#include <stddef.h>

#include "util.h"

/*
 * cairo 1.16 writes a page's link annotations when the page ends, and a
 * link to a page not yet drawn then gets no destination at all (page=N)
 * or breaks the file (dest='NAME').  So the formatter draws a link to a
 * later page as a link to the URI "ansvar-dest:ID", and once cairo has
 * finished, av_pdf_resolve_links() turns each such action into /Dest (ID),
 * the named destination the formatter gave the id, in place and padded
 * with spaces, so that no byte offset changes.
 */

#define AV_PDF_DEST_URI "ansvar-dest:"

/* Whether an id can travel as a placeholder: printable ASCII other than
 * parentheses, backslash, quotes and space (every XML name of the
 * templates; others keep cairo's page links). */
int av_pdf_placeholder_ok(const char *id);

/* Rewrites every placeholder link action in a PDF as cairo 1.16 writes it
 * (uncompressed annotation dictionaries).  Returns the number rewritten. */
size_t av_pdf_resolve_links(struct av_buf *pdf);

#endif
