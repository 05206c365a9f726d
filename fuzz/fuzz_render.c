/* fuzz_render.c -- libFuzzer target: the whole render of one collaboration, in memory: transform, typeset, diagram. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "diagram.h"
#include "fo.h"
#include "fuzz.h"
#include "model.h"
#include "transform.h"

/* Handouts typeset per input: the complete document holds every charter
 * already; more handouts would only repeat the same paths, slower. */
#define MAX_HANDOUTS 3

/* The default template set, loaded by the first input (as a render run
 * loads it once before its inputs). */
static struct av_templates *templates;

static void
load_templates(void)
{
	struct av_diags d = { 0 };

	if ((templates = av_templates_load(NULL, &d)) == NULL) {
		av_diags_print(&d, stderr);
		abort();
	}
	av_diags_free(&d);
}

/* One stylesheet applied and its FO typeset, as render.c does. */
static void
typeset(struct av_collab *c, enum av_stylesheet which, const struct av_transform_params *p,
    struct av_diags *d)
{
	struct av_fo_options opt;
	struct av_buf pdf = { 0 };
	xmlDoc *fo;

	if ((fo = av_transform(templates, which, c->doc, p, d)) == NULL)
		return;
	av_fo_options_init(&opt);
	opt.base_dir = ".";
	opt.creation_date = 0;
	av_fo_render(fo, "fuzz.fo", &opt, &pdf, d);
	xmlFreeDoc(fo);
	av_buf_free(&pdf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum av_dg_format formats[] = { AV_DG_PDF, AV_DG_SVG, AV_DG_PNG };
	struct av_buf outs[3] = { { 0 } };
	struct av_transform_params p = { 0 };
	struct av_diags d = { 0 };
	struct av_collab *c;
	char abs[PATH_MAX];
	size_t i;

	if (templates == NULL)
		load_templates();
	c = av_collab_load_buffer(FUZZ_NAME, (const char *)data, size, &d);
	if (c == NULL || av_diags_has_errors(&d))
		goto out;
	av_lint(c, &d);
	/* The steps of render.c's av_render_input(), without the files. */
	av_collab_colour_parties(c);
	av_transform_hyphenate_words(c->doc);
	p.lang = av_lang_name(c->lang);
	if (c->logo_path)
		p.logo = realpath(c->logo_path, abs) ? abs : c->logo_path;
	typeset(c, AV_STYLE_DOCUMENT, &p, &d);
	for (i = 0; i < c->nroles && i < MAX_HANDOUTS; i++) {
		p.role = c->roles[i].id;
		typeset(c, AV_STYLE_HANDOUT, &p, &d);
	}
	av_dg_render_collab(c, p.lang, formats, 3, outs, &d);
	for (i = 0; i < 3; i++)
		av_buf_free(&outs[i]);
out:
	av_collab_free(c);
	av_diags_free(&d);
	return 0;
}
