/* load.h -- what the files of the loading stage (load.c, schema.c, validate.c) share; not for other stages. */
#ifndef AV_LOAD_H
#define AV_LOAD_H

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"

/* Where attribute `name` (as written, e.g. "xml:lang") of the element at
 * location `el` starts, found in the input bytes; `el` itself when it
 * cannot be found.  Writes into *out. */
void av_load_attr_loc(const struct av_collab *c, const struct av_loc *el,
    const char *name, struct av_loc *out);

/* The element's location, or a location naming only the file. */
struct av_loc av_load_loc(const struct av_collab *c, const xmlNode *el);

/* Checks c->doc against the format's structure as the schema
 * (templates/collaboration.rng) states it, with explanations for the usual
 * mistakes: unknown or misplaced elements and attributes ("did you mean"),
 * missing and repeated ones, enumerated values.  Returns the number of
 * errors recorded.  -1 (with an internal diagnostic) when the schema cannot
 * be loaded. */
int av_schema_explain(const struct av_collab *c, struct av_diags *d);

/* Validates c->doc with the RELAX NG schema itself (libxml2) and records
 * each violation as a `schema` error.  The last line of defence: used when
 * every other check passed, so whatever they miss is still caught. */
int av_schema_validate(const struct av_collab *c, struct av_diags *d);

/* The checks a schema cannot make, on the built model: id syntax and
 * uniqueness, the reserved role id, references, cycles, dates and their
 * order, the logo, link targets, hyphenation words.  Resolves the
 * references (sets the role and party pointers). */
void av_validate(struct av_collab *c, struct av_diags *d);

/* Frees a list of inline nodes (model.c). */
void av_inlines_free(struct av_inline *first);

/* Frees the location map kept in av_collab.locs (load.c). */
void av_load_free_locs(void *locs);

#endif
