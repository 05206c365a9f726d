/* fuzz_load.c -- libFuzzer target: a collaboration file through the loader, the checks, lint and the model dump. */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "model.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct av_diags d = { 0 };
	struct av_collab *c;
	char *text;

	/* What `ansvar check` does, then `dump-model`. */
	c = av_collab_load_buffer(FUZZ_NAME, (const char *)data, size, &d);
	if (c != NULL) {
		if (!av_diags_has_errors(&d))
			av_lint(c, &d);
		text = av_collab_dump(c);
		free(text);
	}
	av_diags_sort(&d);
	text = av_diags_format(&d);
	free(text);
	av_collab_free(c);
	av_diags_free(&d);
	return 0;
}
