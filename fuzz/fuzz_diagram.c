/* fuzz_diagram.c -- libFuzzer target: the organisation diagram of a collaboration (or a bare d:diagram) laid out, dumped and drawn. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "fo.h"
#include "fuzz.h"
#include "model.h"

/* The graph, as `ansvar diagram` reads its input: a d:diagram document,
 * else a collaboration without errors. */
static struct av_dg_graph *
read_graph(const uint8_t *data, size_t size, struct av_diags *d)
{
	struct av_dg_graph *g = NULL;
	struct av_collab *c;
	xmlDoc *doc;
	xmlNode *root;

	if (memmem(data, size, AV_DG_NS, strlen(AV_DG_NS)) != NULL) {
		doc = av_fo_read_memory((const char *)data, size, FUZZ_NAME, d);
		if (doc == NULL)
			return NULL;
		root = xmlDocGetRootElement(doc);
		if (root != NULL && root->ns != NULL &&
		    strcmp((const char *)root->ns->href, AV_DG_NS) == 0 &&
		    strcmp((const char *)root->name, "diagram") == 0)
			g = av_dg_graph_read(root, FUZZ_NAME, NULL, d);
		xmlFreeDoc(doc);
		return g;
	}
	c = av_collab_load_buffer(FUZZ_NAME, (const char *)data, size, d);
	if (c != NULL && !av_diags_has_errors(d))
		g = av_dg_graph_from_collab(c, NULL);
	av_collab_free(c);
	return g;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum av_dg_format formats[] = { AV_DG_PDF, AV_DG_SVG, AV_DG_PNG };
	struct av_diags d = { 0 };
	struct av_dg_options lo = { 0 };
	struct av_dg_render_options ro = { 0 };
	struct av_dg_graph *g;
	struct av_dg_layout *l;
	struct av_buf out = { 0 };
	char *text;
	size_t i;

	if ((g = read_graph(data, size, &d)) == NULL)
		goto out;
	/* The standalone page (what `ansvar diagram` and render lay out). */
	lo.area_w = AV_DG_A4_LONG - 2 * AV_DG_PAGE_MARGIN;
	lo.area_h = AV_DG_A4_SHORT - 2 * AV_DG_PAGE_MARGIN;
	lo.rotate = 1;
	l = av_dg_layout(g, &lo, &d);
	text = av_dg_dump(l);
	free(text);
	text = av_dg_alt_text(l);
	free(text);
	ro.title = g->title;
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		av_dg_render(l, formats[i], &ro, &out, &d);
		av_buf_reset(&out);
	}
	av_dg_layout_free(l);
	av_dg_graph_free(g);
out:
	av_buf_free(&out);
	av_diags_free(&d);
	return 0;
}
