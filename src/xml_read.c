/* xml_read.c -- reading untrusted XML other than a collaboration (an FO document, a bare d:diagram) safely. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "util.h"
#include "xml_read.h"

/* The state of one parse, reached from libxml2's context (_private). */
struct xread {
	const char *name;
	struct av_diags *d;
	enum av_diag_code syntax;
	int max_depth;
	int reported;           /* a diagnostic was recorded: nothing more */
	int refused;            /* the parse was stopped: no document */
};

static void
refuse(xmlParserCtxtPtr ctxt)
{
	struct xread *r = ctxt->_private;
	r->reported = r->refused = 1;
	xmlStopParser(ctxt);
}

/* Called where <!DOCTYPE ...> has been read up to its internal subset:
 * reports where the declaration starts. */
static void
on_doctype(void *user, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = user;
	struct xread *r = ctxt->_private;
	const xmlChar *base = ctxt->input->base, *cur = ctxt->input->cur, *p = cur, *q;
	int line = xmlSAX2GetLineNumber(ctxt), col = 1;

	while (p > base && !(p[0] == '<' && p[1] == '!'))
		p--;
	for (q = p; q < cur; q++)
		line -= *q == '\n';
	for (q = p; q > base && q[-1] != '\n'; q--)
		col += (q[-1] & 0xc0) != 0x80;
	if (!r->reported)
		av_diag_at(r->d, AV_D_XML_DTD, r->name, line, col,
		    "document type declaration (<!DOCTYPE>) refused: ansvar loads no DTD and "
		    "accepts no entity declarations; remove it");
	refuse(ctxt);
}

static void
on_start(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
    int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = user;
	struct xread *r = ctxt->_private;

	/* ctxt->nameNr counts the open ancestors of this element. */
	if (ctxt->nameNr + 1 > r->max_depth) {
		if (!r->reported)
			av_diag_at(r->d, AV_D_XML_DEPTH, r->name, xmlSAX2GetLineNumber(ctxt),
			    xmlSAX2GetColumnNumber(ctxt),
			    "elements nested more than %d deep (at <%s%s%s>): over ansvar's limit",
			    r->max_depth, prefix ? (const char *)prefix : "", prefix ? ":" : "",
			    (const char *)localname);
		refuse(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctxt, localname, prefix, uri, nns, ns, nattrs, ndefaulted, attrs);
}

static void
on_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = user;
	struct xread *r = ctxt->_private;
	char *msg;

	if (e->level < XML_ERR_ERROR || r->reported)
		return;
	r->reported = 1;
	/* one line: libxml2 continues some messages on a second */
	msg = g_strstrip(g_strdelimit(g_strdup(e->message ? e->message : "not well-formed"), "\n", ' '));
	av_diag_at(r->d, r->syntax, r->name, e->line, e->int2, "not well-formed XML: %s", msg);
	g_free(msg);
}

xmlDoc *
av_xml_read(const char *data, size_t len, const char *name, int max_depth,
    enum av_diag_code syntax, struct av_diags *d)
{
	struct xread r = { name, d, syntax, max_depth, 0, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;
	const char *nul;

	if (len > 0x7fffffff) {
		av_diag_at(d, AV_D_LIMIT, name, 0, 0, "larger than 2 GB");
		return NULL;
	}
	if ((nul = memchr(data, '\0', len)) != NULL) {
		/* libxml2 would say "premature end of data" */
		const char *p, *bol = data;
		int line = 1, col = 1;
		for (p = data; p < nul; p++)
			if (*p == '\n') {
				line++;
				bol = p + 1;
			}
		for (p = bol; p < nul; p++)
			col += (*p & 0xc0) != 0x80;
		av_diag_at(d, syntax, name, line, col,
		    "NUL byte in the file: XML text cannot contain one (is the file damaged?)");
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		abort();
	ctxt->_private = &r;
	ctxt->sax->serror = on_error;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->startElementNs = on_start;
	/* No network, no DTD loading or attribute defaults, no entity
	 * substitution, no XInclude, libxml2's own size limits kept (no
	 * XML_PARSE_HUGE). */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (doc != NULL && (r.refused || !ctxt->wellFormed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && !r.reported)
		av_diag_at(d, syntax, name, ctxt->input ? ctxt->input->line : 0, 0, "not well-formed XML");
	xmlFreeParserCtxt(ctxt);
	return doc;
}
