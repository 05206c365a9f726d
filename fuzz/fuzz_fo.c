/* fuzz_fo.c -- libFuzzer target: an XSL-FO document parsed and typeset into a PDF in memory. */
#include "config.h"

#include <stdlib.h>

#include "fo.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct av_diags d = { 0 };
	struct av_fo_options opt;
	struct av_buf pdf = { 0 };
	xmlDoc *doc;

	doc = av_fo_read_memory((const char *)data, size, "fuzz.fo", &d);
	if (doc != NULL) {
		av_fo_options_init(&opt);
		opt.base_dir = ".";
		opt.creation_date = 0;
		/* What `ansvar fo` writes, including the diagrams a d:diagram
		 * holds (the handler LLVMFuzzerInitialize() registered). */
		av_fo_render(doc, "fuzz.fo", &opt, &pdf, &d);
		xmlFreeDoc(doc);
	}
	av_buf_free(&pdf);
	av_diags_free(&d);
	return 0;
}
