/* cmd_render.c -- `ansvar render`: collaborations to documents, handouts and diagrams, in a batch. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "commands.h"
#include "diag.h"
#include "fonts.h"
#include "hyphenate.h"
#include "render.h"
#include "util.h"

struct run {
	struct av_renderer *r;
	struct av_render_input *in;
	size_t n;
	size_t *todo;           /* the inputs to render, in input order */
	size_t reported;        /* inputs reported so far, in input order */
	size_t rendered, uptodate, failed;
};

static enum av_job_status
job(size_t k, void *ctx, struct av_diags *d, struct av_job_finish *finish)
{
	struct run *run = ctx;
	struct av_render_input *in = &run->in[run->todo[k]];
	/* What loading found (lint warnings, errors) comes first. */
	av_diags_move(d, &in->diags);
	return av_render_input(run->r, in, d, finish);
}

static void
count(struct run *run, enum av_job_status st)
{
	switch (st) {
	case AV_JOB_DONE:
		run->rendered++;
		break;
	case AV_JOB_UP_TO_DATE:
		run->uptodate++;
		break;
	case AV_JOB_FAILED:
		run->failed++;
		break;
	default:
		abort();
	}
}

/* Reports the inputs decided before the batch (up to date, or failed
 * while checking) that come before input `upto`. */
static void
report_decided(struct run *run, size_t upto)
{
	for (; run->reported < upto; run->reported++) {
		struct av_render_input *in = &run->in[run->reported];
		av_diags_sort(&in->diags);
		av_diags_print(&in->diags, stderr);
		count(run, in->pre);
	}
}

static void
report(size_t k, enum av_job_status st, const char *diags, void *ctx)
{
	struct run *run = ctx;
	report_decided(run, run->todo[k]);
	fputs(diags, stderr);
	count(run, st);
	run->reported++;
}

static void
unreadable(const char *path, int err, void *ctx)
{
	av_diag_at(ctx, AV_D_IO, path, 0, 0, "cannot read: %s", strerror(err));
}

static int
valid_lang(const char *s)
{
	return strcmp(s, "sv") == 0 || strcmp(s, "nb") == 0 || strcmp(s, "nn") == 0 ||
	    strcmp(s, "no") == 0;
}

static int
run_render(int argc, char **argv)
{
	enum { OPT_EMIT_FO = 256, OPT_APPENDIX, OPT_CHANGES_SINCE };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "templates", required_argument, NULL, 't' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "emit-fo", no_argument, NULL, OPT_EMIT_FO },
		{ "appendix", required_argument, NULL, OPT_APPENDIX },
		{ "changes-since", required_argument, NULL, OPT_CHANGES_SINCE },
		{ NULL, 0, NULL, 0 },
	};
	struct av_render_options o = { 0 };
	struct av_batch_options bo = { 0 };
	struct av_diags setup = { 0 };
	struct run run = { 0 };
	char **files = NULL;
	const char **names = NULL;
	size_t n = 0, i, ntodo = 0;
	int ch, quiet = 0, status = AV_EXIT_INPUT;

	o.outdir = "out";
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:l:t:j:fq", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			o.outdir = optarg;
			break;
		case 'l':
			if (!valid_lang(optarg))
				return av_usage_error(&av_cmd_render, "-l takes sv, nb or nn, not '%s'", optarg);
			o.lang = strcmp(optarg, "no") == 0 ? "nb" : optarg;
			break;
		case 't':
			o.templates = optarg;
			break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end != '\0' || j < 1 || j > 256)
				return av_usage_error(&av_cmd_render, "-j takes a number of jobs from 1 to 256, not '%s'", optarg);
			bo.jobs = (int)j;
			break;
		}
		case 'f':
			o.force = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_EMIT_FO:
			o.emit_fo = 1;
			break;
		case OPT_APPENDIX:
			if (*optarg == '\0')
				return av_usage_error(&av_cmd_render, "--appendix takes a label such as \"Bilaga 3\"");
			o.appendix = optarg;
			break;
		case OPT_CHANGES_SINCE:
			if (*optarg == '\0')
				return av_usage_error(&av_cmd_render, "--changes-since takes an old version: a file or a directory");
			o.changes_since = optarg;
			break;
		case ':':
			return av_usage_error(&av_cmd_render, "option '%s' needs an argument", argv[optind - 1]);
		default:
			return av_usage_error(&av_cmd_render, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return av_usage_error(&av_cmd_render, "no INPUT given");
	if (*o.outdir == '\0')
		return av_usage_error(&av_cmd_render, "-o takes a directory");

	files = av_expand_inputs(argv + optind, argc - optind, &n, unreadable, &setup);
	if (n == 0 && setup.n == 0)
		av_diag_at(&setup, AV_D_IO, NULL, 0, 0, "no collaboration files (*.xml) in the INPUT given");
	if (av_diags_has_errors(&setup) || (run.r = av_renderer_new(&o, &setup)) == NULL)
		goto out;

	run.n = n;
	run.in = av_xcalloc(n ? n : 1, sizeof *run.in);
	run.todo = av_xcalloc(n ? n : 1, sizeof *run.todo);
	names = av_xcalloc(n ? n : 1, sizeof *names);
	for (i = 0; i < n; i++)
		run.in[i].path = av_xstrdup(files[i]);
	/* Nothing is written (not even the output directory) when the
	 * template set does not load. */
	if (av_render_prepare(run.r, run.in, n, &setup) != 0)
		goto out;
	if (av_mkdir_p(o.outdir) != 0) {
		av_diag_at(&setup, AV_D_IO, o.outdir, 0, 0, "cannot create the output directory: %s",
		    strerror(errno));
		goto out;
	}
	av_diags_print(&setup, stderr);
	av_diags_free(&setup);

	/* Only the inputs to render go to the workers; the others are
	 * reported in their place in input order. */
	for (i = 0; i < n; i++)
		if (run.in[i].pre == AV_JOB_DONE) {
			names[ntodo] = run.in[i].path;
			run.todo[ntodo++] = i;
		}
	bo.progress = !quiet && isatty(STDERR_FILENO) ? stderr : NULL;
	bo.names = names;
	if (av_batch_run(ntodo, job, report, &run, &bo) != 0) {
		av_diag_at(&setup, AV_D_INTERNAL, NULL, 0, 0, "cannot start worker processes: %s",
		    strerror(errno));
		goto out;
	}
	report_decided(&run, n);
	printf("%zu rendered, %zu up to date, %zu failed\n", run.rendered, run.uptodate, run.failed);
	fflush(stdout);
	status = run.failed ? AV_EXIT_INPUT : AV_EXIT_OK;
out:
	av_diags_print(&setup, stderr);
	av_diags_free(&setup);
	for (i = 0; run.in && i < n; i++)
		av_render_input_free(&run.in[i]);
	free(run.in);
	free(run.todo);
	free(names);
	av_renderer_free(run.r);
	av_strv_free(files);
	av_hyph_shutdown();
	av_fonts_shutdown();
	return status;
}

const struct av_command av_cmd_render = {
	.name = "render",
	.run = run_render,
	.synopsis = "render [-o DIR] [-l LANG] [-t DIR] [-j N] [-f] [-q] [--emit-fo]\n"
	    "              [--appendix LABEL] [--changes-since OLD] INPUT...",
	.summary = "render the complete document, a handout per role and the diagram",
	.help =
	    "Renders each INPUT -- a collaboration file, or a directory whose *.xml files\n"
	    "(recursively, in sorted order) are rendered -- into DIR (default: out):\n"
	    "\n"
	    "  DIR/C.pdf                    the complete document (\"Roller och ansvar\")\n"
	    "  DIR/C/ROLE.pdf               one handout per role, to sign\n"
	    "  DIR/C/organisation.pdf|.svg|.png   the organisation diagram (PNG at 200 dpi)\n"
	    "\n"
	    "where C is the collaboration's id and ROLE a role's id.  Each charter in\n"
	    "C.pdf is a named destination, so C.pdf#ROLE opens it.\n"
	    "\n"
	    "An input whose bytes, logo, template set, options and ansvar version are\n"
	    "unchanged since its last rendering into DIR (and whose outputs all exist)\n"
	    "is up to date and nothing is rewritten; modification times are not used.\n"
	    "Outputs of roles that are gone are removed.  A bad input is reported and\n"
	    "skipped; its previous outputs stay.  Every file is written whole or not at\n"
	    "all, even when the run is killed.  The run ends with one line on stdout:\n"
	    "\"N rendered, N up to date, N failed\".  On a terminal, a progress line on\n"
	    "stderr counts the inputs being rendered.\n"
	    "\n"
	    "Options:\n"
	    "  -o DIR            the output directory (default: out)\n"
	    "  -l LANG           labels, dates and hyphenation in sv, nb or nn instead of\n"
	    "                    the file's language\n"
	    "  -t DIR            another template set (document.xsl, handout.xsl, i18n/)\n"
	    "  -j N              render N collaborations at a time, in worker processes\n"
	    "                    (default: the number of processors); the same files\n"
	    "                    whatever N\n"
	    "  -f                render every input, even when up to date\n"
	    "  -q                no progress line (there is none either when stderr is\n"
	    "                    not a terminal)\n"
	    "  --emit-fo         also write the XSL-FO beside each PDF (C.fo, C/ROLE.fo);\n"
	    "                    typesetting warnings then name its lines, not the input\n"
	    "  --appendix LABEL  mark the complete document as that appendix of a steering\n"
	    "                    document: the label in every page header and the PDF page\n"
	    "                    labels (\"Bilaga 3-1\", ...)\n"
	    "  --changes-since OLD\n"
	    "                    mark what changed since OLD: an old version of the\n"
	    "                    input, or a directory of old versions (*.xml,\n"
	    "                    recursively), matched by collaboration id.  New and\n"
	    "                    changed roles, items and paragraphs get a bar in the\n"
	    "                    margin; the complete document lists what was added,\n"
	    "                    changed and removed (\"Ändringar sedan 27 maj 2013\",\n"
	    "                    the old version's latest history date).  An input\n"
	    "                    with no old version is rendered unmarked, with a\n"
	    "                    warning\n"
	    "\n"
	    "Exit status: 0 all rendered or up to date; 1 some input failed; 2 usage.\n"
	    "\n"
	    "Examples:\n"
	    "  ansvar render samverkan.xml\n"
	    "  ansvar render -o dokument --appendix \"Bilaga 3\" samverkan.xml\n"
	    "  ansvar render -j 4 -o ut samverkan/\n"
	    "  ansvar render --changes-since beslutad-2013/ -o ut samverkan/\n",
	.hidden = 0,
};
