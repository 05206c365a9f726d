/* cmd_diagram.c -- `ansvar diagram`: the organisation diagram alone as PDF, SVG or PNG; and the hidden `dump-diagram`. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "diagram.h"
#include "fonts.h"
#include "hyphenate.h"
#include "model.h"
#include "util.h"
#include "xml_read.h"

#define DIAGRAM_MAX_INPUT (32u << 20)   /* bytes */

/* ---- Reading the input ------------------------------------------------- */

static int
is_diagram(const xmlNode *root)
{
	return root->ns != NULL && strcmp((const char *)root->ns->href, AV_DG_NS) == 0 &&
	    strcmp((const char *)root->name, "diagram") == 0;
}

/* The graph of INPUT: a bare d:diagram document (read safely: no network,
 * no DTD, no entities, bounded depth), or a collaboration, loaded and
 * checked by the model as `ansvar check` does (any error stops here; a
 * file that does not name the diagram's namespace goes to the model
 * directly, so it gets the same diagnostics as from check).  *date gets
 * the collaboration's latest history date. */
static struct av_dg_graph *
load_graph(const char *file, const char *lang, char **date, struct av_diags *d)
{
	char *data = NULL;
	size_t len = 0, bad;
	xmlDoc *doc = NULL;
	xmlNode *root;
	struct av_dg_graph *g = NULL;
	struct av_collab *c;

	*date = NULL;
	if (av_read_file(file, DIAGRAM_MAX_INPUT, &data, &len) != 0) {
		if (errno == EFBIG)
			av_diag_at(d, AV_D_LIMIT, file, 0, 0, "larger than %u MB", DIAGRAM_MAX_INPUT >> 20);
		else
			av_diag_at(d, AV_D_IO, file, 0, 0, "cannot read: %s", av_read_error(errno));
		return NULL;
	}
	if (memmem(data, len, AV_DG_NS, strlen(AV_DG_NS)) != NULL) {
		if (!av_valid_utf8(data, len, &bad)) {
			/* Report the line of the first bad byte. */
			size_t i;
			int line = 1;
			for (i = 0; i < bad; i++)
				line += data[i] == '\n';
			av_diag_at(d, AV_D_XML_ENCODING, file, line, 0, "invalid UTF-8 (byte offset %zu)", bad);
			goto out;
		}
		if ((doc = av_xml_read(data, len, file, AV_MAX_DEPTH, AV_D_XML_SYNTAX, d)) == NULL)
			goto out;
		root = xmlDocGetRootElement(doc);
		if (root != NULL && is_diagram(root)) {
			g = av_dg_graph_read(root, file, lang, d);
			goto out;
		}
	}
	c = av_collab_load_buffer(file, data, len, d);
	if (c != NULL && !av_diags_has_errors(d)) {
		g = av_dg_graph_from_collab(c, lang);
		*date = av_dg_collab_date(c);
	}
	av_collab_free(c);
out:
	xmlFreeDoc(doc);
	free(data);
	return g;
}

static int
valid_lang(const char *s)
{
	return strcmp(s, "sv") == 0 || strcmp(s, "nb") == 0 || strcmp(s, "nn") == 0 || strcmp(s, "no") == 0;
}


static int
finish(struct av_diags *d, int rc)
{
	/* What is loaded once per process, freed for leak checkers. */
	av_fonts_shutdown();
	av_hyph_shutdown();
	av_diags_sort(d);
	av_diags_print(d, stderr);
	if (rc == AV_EXIT_OK && av_diags_has_errors(d))
		rc = AV_EXIT_INPUT;
	av_diags_free(d);
	return rc;
}

/* ---- ansvar diagram ----------------------------------------------------- */

extern const struct av_command av_cmd_diagram, av_cmd_dump_diagram;

static const struct option diagram_opts[] = {
	{ "lang", required_argument, NULL, 'l' },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};

static int
run_diagram(int argc, char **argv)
{
	struct av_diags d = {0};
	const char *lang = NULL, *output = NULL;
	struct av_dg_options o = { AV_DG_A4_LONG - 2 * AV_DG_PAGE_MARGIN, AV_DG_A4_SHORT - 2 * AV_DG_PAGE_MARGIN, 1, 1.0, 0 };
	struct av_dg_render_options ro = { NULL, NULL };
	struct av_dg_graph *g = NULL;
	struct av_dg_layout *l = NULL;
	struct av_buf out = {0};
	enum av_dg_format fmt;
	char *date = NULL, *input_date = NULL;
	int c, rc = AV_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":l:o:", diagram_opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (!valid_lang(optarg))
				return av_usage_error(&av_cmd_diagram, "-l %s: the language is sv, nb or nn", optarg);
			lang = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case ':':
			return av_usage_error(&av_cmd_diagram, "option %s needs an argument", argv[optind - 1]);
		default:
			return av_usage_error(&av_cmd_diagram, "unknown option %s", argv[optind - 1]);
		}
	}
	if (output == NULL)
		return av_usage_error(&av_cmd_diagram, "-o FILE is required");
	if (av_dg_format_from_path(output, &fmt) != 0)
		return av_usage_error(&av_cmd_diagram, "%s: the output file ends in .pdf, .svg or .png", output);
	if (optind != argc - 1)
		return av_usage_error(&av_cmd_diagram, optind == argc ? "no INPUT" : "one INPUT only");

	if ((g = load_graph(argv[optind], lang, &input_date, &d)) == NULL) {
		rc = AV_EXIT_INPUT;
		goto out;
	}
	if (av_fonts_init(&d) != 0) {
		rc = AV_EXIT_INPUT;
		goto out;
	}
	l = av_dg_layout(g, &o, &d);
	date = av_dg_creation_date(input_date, &d);
	ro.title = g->title;
	ro.creation_date = date;
	if (av_dg_render(l, fmt, &ro, &out, &d) != 0) {
		rc = AV_EXIT_INPUT;
		goto out;
	}
	if (av_write_atomic(output, out.data, out.len) != 0) {
		av_diag_at(&d, AV_D_IO, output, 0, 0, "cannot write: %s", strerror(errno));
		rc = AV_EXIT_INPUT;
	}
out:
	av_buf_free(&out);
	av_dg_layout_free(l);
	av_dg_graph_free(g);
	free(date);
	free(input_date);
	return finish(&d, rc);
}

const struct av_command av_cmd_diagram = {
	"diagram",
	run_diagram,
	"diagram [-l LANG] -o FILE.pdf|FILE.svg|FILE.png INPUT",
	"write the organisation diagram as PDF, SVG or PNG",
	"Draws the organisation diagram of INPUT (a collaboration file, or a bare\n"
	"d:diagram document) as an org chart: the hierarchy top-down, advisory and\n"
	"support roles beside the role they serve, parties by colour and short name\n"
	"with a legend.  The format follows the output file's extension.\n"
	"\n"
	"  -o FILE   the file to write (.pdf: an A4 page, turned to suit the chart;\n"
	"            .svg: the chart's own size; .png: the same at 200 dpi)\n"
	"  -l LANG   hyphenate role names as sv, nb or nn (default: the input's)\n"
	"\n"
	"The PDF's creation date is SOURCE_DATE_EPOCH when set, else the\n"
	"collaboration's latest history date; the same input gives the same bytes.\n",
	0,
};

/* ---- ansvar dump-diagram (hidden) ---------------------------------------- */

static const struct option dump_opts[] = {
	{ "lang", required_argument, NULL, 'l' },
	{ "area", required_argument, NULL, 'a' },
	{ "alt", no_argument, NULL, 't' },
	{ "png", required_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
};

static int
run_dump(int argc, char **argv)
{
	struct av_diags d = {0};
	const char *lang = NULL;
	struct av_dg_options o = { AV_DG_A4_LONG - 2 * AV_DG_PAGE_MARGIN, AV_DG_A4_SHORT - 2 * AV_DG_PAGE_MARGIN, 1, 1.0, 0 };
	struct av_dg_graph *g = NULL;
	struct av_dg_layout *l = NULL;
	char *text = NULL, *input_date = NULL;
	const char *png = NULL;
	int c, alt = 0, rc = AV_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":l:", dump_opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (!valid_lang(optarg))
				return av_usage_error(&av_cmd_dump_diagram, "-l %s: the language is sv, nb or nn", optarg);
			lang = optarg;
			break;
		case 'a': {
			char *end;
			o.area_w = strtod(optarg, &end);
			if (*end != 'x' || o.area_w <= 0 || (o.area_h = strtod(end + 1, &end)) <= 0 || *end != '\0')
				return av_usage_error(&av_cmd_dump_diagram, "--area %s: give WIDTHxHEIGHT in pt", optarg);
			o.rotate = 0;
			break;
		}
		case 't':
			alt = 1;
			break;
		case 'p':
			png = optarg;
			break;
		case ':':
			return av_usage_error(&av_cmd_dump_diagram, "option %s needs an argument", argv[optind - 1]);
		default:
			return av_usage_error(&av_cmd_dump_diagram, "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return av_usage_error(&av_cmd_dump_diagram, optind == argc ? "no INPUT" : "one INPUT only");
	if ((g = load_graph(argv[optind], lang, &input_date, &d)) == NULL || av_fonts_init(&d) != 0) {
		rc = AV_EXIT_INPUT;
		goto out;
	}
	l = av_dg_layout(g, &o, &d);
	text = alt ? av_dg_alt_text(l) : av_dg_dump(l);
	fputs(text, stdout);
	if (png != NULL) {
		struct av_buf b = {0};
		if (av_dg_render(l, AV_DG_PNG, NULL, &b, &d) != 0 || av_write_atomic(png, b.data, b.len) != 0)
			rc = AV_EXIT_INPUT;
		av_buf_free(&b);
	}
	if (alt)
		putchar('\n');
out:
	free(text);
	free(input_date);
	av_dg_layout_free(l);
	av_dg_graph_free(g);
	return finish(&d, rc);
}

const struct av_command av_cmd_dump_diagram = {
	"dump-diagram",
	run_dump,
	"dump-diagram [-l LANG] [--area WxH] [--alt] [--png FILE] INPUT",
	"print the diagram's layout as text (for tests)",
	"Prints the layout of INPUT's organisation diagram as text, in pt: every\n"
	"box with its text lines, every connector's segments with their style,\n"
	"the legend, and the relations not drawn.  INPUT is a collaboration file\n"
	"or a bare d:diagram document.\n"
	"\n"
	"  --area WxH  lay out for an area of W x H pt (default: an A4 page\n"
	"              within its margins, either way round)\n"
	"  --alt       print the fallback alternative text instead\n"
	"  --png FILE  also draw that layout into FILE\n"
	"  -l LANG     hyphenate as sv, nb or nn\n",
	1,
};
