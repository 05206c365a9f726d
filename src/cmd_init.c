/* cmd_init.c -- `ansvar init`: writes a starter collaboration in the chosen language. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "model.h"
#include "util.h"

/* The starter files are data: templates/init/LANG.xml. */
#define STARTER_LIMIT (1024 * 1024)

static int
run_init(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct av_diags d = {0};
	const char *out = NULL, *langname = "sv";
	char *path = NULL, *rel, *bytes = NULL;
	size_t len;
	int ch, lang, status = AV_EXIT_INPUT;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":l:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			langname = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case ':':
			return av_usage_error(&av_cmd_init, "option '%s' needs an argument",
			    argv[optind - 1]);
		default:
			return av_usage_error(&av_cmd_init, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return av_usage_error(&av_cmd_init, "unexpected argument '%s'", argv[optind]);
	if ((lang = av_lang_parse(langname)) < 0)
		return av_usage_error(&av_cmd_init, "unknown language '%s': use sv, nb or nn",
		    langname);

	rel = av_xasprintf("templates/init/%s.xml", av_lang_name((enum av_lang)lang));
	path = av_path_join(av_datadir(), rel);
	free(rel);
	if (av_read_file(path, STARTER_LIMIT, &bytes, &len) != 0) {
		av_diag_at(&d, AV_D_IO, path, 0, 0, "cannot read the starter file: %s",
		    strerror(errno));
		goto out;
	}
	if (out == NULL) {
		if (fwrite(bytes, 1, len, stdout) != len || fflush(stdout) != 0) {
			av_diag_at(&d, AV_D_IO, NULL, 0, 0, "cannot write to standard output: %s",
			    strerror(errno));
			goto out;
		}
	} else if (av_file_exists(out)) {
		av_diag_at(&d, AV_D_IO, out, 0, 0,
		    "exists already: ansvar init never overwrites a file (choose another name)");
		goto out;
	} else if (av_write_atomic(out, bytes, len) != 0) {
		av_diag_at(&d, AV_D_IO, out, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	status = AV_EXIT_OK;
out:
	av_diags_print(&d, stderr);
	av_diags_free(&d);
	free(bytes);
	free(path);
	return status;
}

const struct av_command av_cmd_init = {
	.name = "init",
	.run = run_init,
	.synopsis = "init [-l LANG] [-o FILE]",
	.summary = "write a starter collaboration to fill in",
	.help =
	    "Writes a starter collaboration file with the usual roles of a joint\n"
	    "project or service -- owner, steering group, operational management,\n"
	    "project leader, project group, member, reference group -- their\n"
	    "relations, a way to escalate, a governance text and questions for\n"
	    "reflection.  Each role holds placeholder items, worded as instructions,\n"
	    "to replace with your own.  The file passes `ansvar check` as it is.\n"
	    "\n"
	    "Options:\n"
	    "  -l, --lang LANG     sv (default), nb or nn (no means nb)\n"
	    "  -o, --output FILE   write FILE (never overwritten) instead of standard output\n"
	    "\n"
	    "Examples:\n"
	    "  ansvar init -o samverkan.xml\n"
	    "  ansvar init -l nn -o samarbeid.xml\n",
	.hidden = 0,
};
