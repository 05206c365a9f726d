/* fuzz.c -- the set-up the libFuzzer targets share (fuzz.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "diagram.h"
#include "fo.h"
#include "fonts.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct av_diags d = { 0 };

	/* An uninstalled build: templates/ and fonts/ of the source tree. */
	setenv("ANSVAR_DATADIR", FUZZ_SRCDIR, 0);
	/* No date from the environment: every run formats alike. */
	unsetenv("SOURCE_DATE_EPOCH");
	if (av_fonts_init(&d) != 0) {
		av_diags_print(&d, stderr);
		abort();
	}
	av_fo_register_foreign(&av_diagram_foreign);
	av_diags_free(&d);
	return 0;
}
