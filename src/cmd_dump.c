/* cmd_dump.c -- `ansvar dump-model` (hidden): prints the loaded model as text, for tests and debugging. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "diag.h"
#include "model.h"

static int
run_dump(int argc, char **argv)
{
	struct av_diags d = {0};
	struct av_collab *c;
	int status;

	if (argc != 2 || argv[1][0] == '-')
		return av_usage_error(&av_cmd_dump_model, "expected one FILE");
	c = av_collab_load(argv[1], &d);
	av_diags_sort(&d);
	av_diags_print(&d, stderr);
	if (c != NULL) {
		char *dump = av_collab_dump(c);
		fputs(dump, stdout);
		free(dump);
	}
	status = c == NULL || av_diags_has_errors(&d) ? AV_EXIT_INPUT : AV_EXIT_OK;
	av_collab_free(c);
	av_diags_free(&d);
	return status;
}

const struct av_command av_cmd_dump_model = {
	.name = "dump-model",
	.run = run_dump,
	.synopsis = "dump-model FILE",
	.summary = "print the loaded model of a collaboration (debugging)",
	.help =
	    "Loads FILE as `ansvar check` does (without lint) and prints the model\n"
	    "ansvar builds from it, one node per line with its line:column.  Meant for\n"
	    "tests and debugging; the output format may change.\n",
	.hidden = 1,
};
