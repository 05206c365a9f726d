/* xml_read.h -- reading untrusted XML other than a collaboration (an FO document, a bare d:diagram) safely. */
#ifndef AV_XML_READ_H
#define AV_XML_READ_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

/*
 * Parses `len` bytes of untrusted XML (SPEC §8) with no network access and
 * no DTD: a document type declaration is refused where it starts, before
 * any declaration inside it is read, so no entity is ever declared, loaded
 * or expanded.  Elements nested more than `max_depth` deep are refused
 * where the first such element starts.  The first problem becomes the one
 * diagnostic recorded: XML_DTD, XML_DEPTH, or the caller's `syntax` code
 * ("not well-formed XML: ...", libxml2's words) at its line and column.
 * The collaboration loader (load.c) has its own, stricter reader.
 *
 * Returns the document (the caller frees it with xmlFreeDoc()) or NULL.
 * `name` names the input in diagnostics and is the document's URL.
 */
xmlDoc *av_xml_read(const char *data, size_t len, const char *name, int max_depth,
    enum av_diag_code syntax, struct av_diags *d);

#endif
