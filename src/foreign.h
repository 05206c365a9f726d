/* foreign.h -- the interface between the FO formatter and what it draws for fo:instream-foreign-object. */
#ifndef AV_FOREIGN_H
#define AV_FOREIGN_H

#include <cairo.h>
#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"

/*
 * The FO formatter draws the child element of an fo:instream-foreign-object
 * through the handler registered for that element's namespace (cairo's
 * habit: a table of function pointers).  The organisation diagram
 * (urn:ansvar:diagram, SPEC §7) is one such handler.  All sizes in pt.
 */
struct av_foreign {
	const char *ns;         /* namespace URI of the element handled */

	/* Reads `el` (in file `file`, for diagnostics) and prepares it for an
	 * area of at most max_w x max_h, keeping its proportions; sets *w and
	 * *h to the size it takes (each <= its maximum).  `lang` is the
	 * language in force (may be NULL).  Returns an object owned by the
	 * caller (freed with free_obj), or NULL after recording diagnostics. */
	void *(*prepare)(xmlNode *el, const char *file, const char *lang,
	    double max_w, double max_h, double *w, double *h, struct av_diags *d);

	/* Draws the object with its top-left corner at the user-space origin
	 * of `cr`. */
	void (*draw)(void *obj, cairo_t *cr);

	/* Areas that link to an id in the document: their number, and the
	 * i-th one's target id and rectangle relative to the top-left corner.
	 * The formatter makes them links when the id exists. */
	size_t (*nlinks)(void *obj);
	const char *(*link)(void *obj, size_t i, double *x, double *y,
	    double *w, double *h);

	/* Alternative text for the figure when the FO gives none.  Caller
	 * frees. */
	char *(*alt_text)(void *obj);

	void (*free_obj)(void *obj);
};

#endif
