/* cmd_fo.c -- the `ansvar fo` command: one XSL-FO file to PDF. */
#include "config.h"

#include <getopt.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diagram.h"
#include "fo.h"
#include "fonts.h"
#include "hyphenate.h"

static int run_fo(int argc, char **argv);

const struct av_command av_cmd_fo = {
	"fo", run_fo,
	"fo -o FILE.pdf FILE.fo",
	"typeset an XSL-FO file into a PDF",
	"Formats FILE.fo, an XSL-FO document in the subset ansvar supports (see\n"
	"ansvar(1)), into a PDF with embedded fonts, bookmarks, links, tags and\n"
	"metadata.  The PDF is written atomically: on error no file is written.\n"
	"\n"
	"Options:\n"
	"  -o FILE.pdf       the PDF to write (required)\n"
	"  --date=DATE       creation date YYYY-MM-DD[Thh:mm:ssZ]; otherwise\n"
	"                    SOURCE_DATE_EPOCH, else the FO's xmp:CreateDate,\n"
	"                    else none (never the clock)\n"
	"\n"
	"Elements or properties outside the subset give a warning with their line\n"
	"and the nearest rendering.  Exit status: 0 written (perhaps with\n"
	"warnings); 1 errors in the FO; 2 usage error.\n",
	0
};

static int
run_fo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "date", required_argument, NULL, 'D' },
		{ "dump", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *dump = NULL;
	struct av_fo_options opt;
	struct av_diags d = {0};
	int c, rc;
	long long date;

	av_fo_options_init(&opt);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'D':
			if (av_fo_parse_date(optarg, &date) != 0)
				return av_usage_error(&av_cmd_fo, "--date wants YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, not '%s'", optarg);
			opt.creation_date = (time_t)date;
			break;
		case 'd':
			dump = optarg;
			if (strcmp(dump, "tree") != 0 && strcmp(dump, "layout") != 0)
				return av_usage_error(&av_cmd_fo, "--dump wants tree or layout");
			break;
		default:
			return av_usage_error(&av_cmd_fo, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return av_usage_error(&av_cmd_fo, optind == argc ? "no FO file given" : "one FO file at a time");
	/* The diagram in the complete document's FO (render --emit-fo). */
	av_fo_register_foreign(&av_diagram_foreign);
	if (dump) {
		/* hidden: the intermediate stages as text, for tests */
		xmlDoc *doc = av_fo_read(argv[optind], &d);
		struct av_buf b = {0};
		rc = -1;
		if (doc) {
			rc = av_fo_dump(doc, argv[optind], &opt,
			    strcmp(dump, "tree") == 0 ? AV_FO_DUMP_TREE : AV_FO_DUMP_LAYOUT, &b, &d);
			if (rc == 0 && b.data)
				fputs(b.data, stdout);
			xmlFreeDoc(doc);
		}
		av_buf_free(&b);
	} else {
		if (out == NULL)
			return av_usage_error(&av_cmd_fo, "-o FILE.pdf is required");
		rc = av_fo_render_file(argv[optind], out, &opt, &d);
	}
	av_diags_print(&d, stderr);
	/* free what is loaded once per process, for leak checkers */
	av_fonts_shutdown();
	av_hyph_shutdown();
	rc = rc != 0 || av_diags_has_errors(&d) ? AV_EXIT_INPUT : AV_EXIT_OK;
	av_diags_free(&d);
	return rc;
}
