/* cmd_check.c -- `ansvar check`: validates collaboration files and gives the guidance's warnings. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "model.h"
#include "util.h"

/* Where a collaboration id was used, to find the same id in two inputs. */
struct use {
	char *id;
	char *file;
	int line, col;
};

static int
cmp_use(const void *a, const void *b)
{
	const struct use *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->file, y->file);
}

/* Two inputs of one run with the same id would write the same output
 * files: an error for each of them, naming the others. */
static void
check_duplicates(struct use *uses, size_t n, struct av_diags *d)
{
	size_t i, j, k, end;

	if (n == 0)
		return;
	qsort(uses, n, sizeof *uses, cmp_use);
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && strcmp(uses[end].id, uses[i].id) == 0; end++)
			;
		if (end - i < 2)
			continue;
		for (j = i; j < end; j++) {
			struct av_buf others = {0};
			for (k = i; k < end; k++)
				if (k != j)
					av_buf_printf(&others, "%s%s", others.len ? ", " : "", uses[k].file);
			av_diag_at(d, AV_D_DUPLICATE_COLLAB, uses[j].file, uses[j].line, uses[j].col,
			    "collaboration id '%s' is also used by %s: their outputs would overwrite "
			    "each other", uses[j].id, others.data);
			av_buf_free(&others);
		}
	}
}

static void
unreadable(const char *path, int err, void *ctx)
{
	av_diag_at(ctx, AV_D_IO, path, 0, 0, "cannot read: %s", strerror(err));
}

static int
run_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct av_diags all = {0};
	struct use *uses = NULL;
	size_t nfiles, nuses = 0, cap = 0, i, nbad = 0;
	char **files;
	int strict = 0, ch, status;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			strict = 1;
			break;
		default:
			return av_usage_error(&av_cmd_check, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return av_usage_error(&av_cmd_check, "no INPUT given");

	files = av_expand_inputs(argv + optind, argc - optind, &nfiles, unreadable, &all);
	if (nfiles == 0 && all.n == 0)
		av_diag_at(&all, AV_D_IO, NULL, 0, 0, "no collaboration files (*.xml) in the INPUT given");
	for (i = 0; i < nfiles; i++) {
		struct av_diags one = {0};
		struct av_collab *c = av_collab_check(files[i], &one);

		if (c != NULL && c->id != NULL) {
			uses = av_xgrow(uses, &cap, nuses + 1, sizeof *uses);
			uses[nuses].id = av_xstrdup(c->id);
			uses[nuses].file = av_xstrdup(files[i]);
			uses[nuses].line = c->loc.line;
			uses[nuses].col = c->loc.col;
			nuses++;
		}
		if (av_diags_worst(&one, strict) == AV_SEV_ERROR)
			nbad++;
		av_diags_move(&all, &one);
		av_collab_free(c);
	}
	check_duplicates(uses, nuses, &all);

	av_diags_sort(&all);
	av_diags_print(&all, stderr);
	if (nfiles > 1)
		fprintf(stderr, "ansvar: checked %zu files: %zu with problems, %zu errors, %zu warnings\n",
		    nfiles, nbad, all.nerrors, all.nwarnings);
	status = av_diags_worst(&all, strict) == AV_SEV_ERROR ? AV_EXIT_INPUT : AV_EXIT_OK;

	for (i = 0; i < nuses; i++) {
		free(uses[i].id);
		free(uses[i].file);
	}
	free(uses);
	av_strv_free(files);
	av_diags_free(&all);
	return status;
}

const struct av_command av_cmd_check = {
	.name = "check",
	.run = run_check,
	.synopsis = "check [--strict] INPUT...",
	.summary = "validate collaboration files and give the guidance's warnings",
	.help =
	    "Checks each INPUT -- a collaboration file, or a directory whose *.xml files\n"
	    "(recursively, in sorted order) are checked -- against the format: the\n"
	    "schema, references between roles and parties, cycles in reports-to and\n"
	    "member-of, ids, dates, language, logo.  A file without errors is then\n"
	    "linted against the guidance: an owner and a lead role, all four sections\n"
	    "per role, a way to resolve conflicts, and so on.  Two inputs with the same\n"
	    "collaboration id are an error for both.\n"
	    "\n"
	    "Every problem is printed to standard error as FILE:LINE:COL: error|warning:\n"
	    "message [name], sorted by file and line; after more than one file, a line\n"
	    "of totals.\n"
	    "\n"
	    "Options:\n"
	    "  --strict   treat warnings as errors (exit status 1)\n"
	    "\n"
	    "Exit status: 0 no errors; 1 errors (or warnings under --strict); 2 usage.\n"
	    "\n"
	    "Examples:\n"
	    "  ansvar check samyrke.xml\n"
	    "  ansvar check --strict samverkan/\n",
	.hidden = 0,
};
