/* main.c -- the ansvar program: finds the command and runs it. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_MIMALLOC
#include <mimalloc.h>
#endif

#include "commands.h"

const struct av_command *const av_commands[] = {
	&av_cmd_render,
	&av_cmd_check,
	&av_cmd_diagram,
	&av_cmd_fo,
	&av_cmd_init,
	&av_cmd_dump_model,
	&av_cmd_dump_diagram,
	NULL
};

static const struct av_command *
find_command(const char *name)
{
	size_t i;
	for (i = 0; av_commands[i]; i++)
		if (strcmp(av_commands[i]->name, name) == 0)
			return av_commands[i];
	return NULL;
}

static void
print_help(FILE *fp)
{
	size_t i;
	fputs("usage: ansvar COMMAND [OPTION]... [ARG]...\n"
	    "\n"
	    "Turns one XML description of a collaboration into print-ready role\n"
	    "charters and an organisation diagram, in Swedish or Norwegian.\n"
	    "\n"
	    "Commands:\n", fp);
	for (i = 0; av_commands[i]; i++)
		if (!av_commands[i]->hidden)
			fprintf(fp, "  %-10s %s\n", av_commands[i]->name, av_commands[i]->summary);
	fputs("\n"
	    "  ansvar help COMMAND   the options of one command\n"
	    "  ansvar --version      the version\n"
	    "\n"
	    "Exit status: 0 success; 1 some input had errors; 2 usage error.\n"
	    "See ansvar(1) for the file format and every diagnostic.\n", fp);
}

static void
print_command_help(const struct av_command *c)
{
	printf("usage: ansvar %s\n\n%s", c->synopsis, c->help);
}

int
av_usage_error(const struct av_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("ansvar: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: ansvar %s\n(see 'ansvar help %s')\n", cmd->synopsis, cmd->name);
	return AV_EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	const struct av_command *c;

	/* Characters from the environment, numbers always as in C: cairo 1.16
	 * writes PDF numbers with the locale's decimal separator otherwise. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
#ifdef HAVE_MIMALLOC
	/* mimalloc gives freed memory back to the system after 100 ms; a
	 * batch frees and allocates the same megabytes (a diagram's pixels, a
	 * PDF's buffers) every collaboration, and faulting them in again took
	 * a tenth of its time.  After a second idle it goes back. */
	if (getenv("MIMALLOC_DECOMMIT_DELAY") == NULL && getenv("MIMALLOC_RESET_DELAY") == NULL)
		mi_option_set(mi_option_decommit_delay, 1000);
#endif

	if (argc < 2) {
		print_help(stderr);
		return AV_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_help(stdout);
		return AV_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("ansvar %s\n", PACKAGE_VERSION);
		return AV_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc == 2) {
			print_help(stdout);
			return AV_EXIT_OK;
		}
		if ((c = find_command(argv[2])) == NULL) {
			fprintf(stderr, "ansvar: no command '%s' (see 'ansvar --help')\n", argv[2]);
			return AV_EXIT_USAGE;
		}
		print_command_help(c);
		return AV_EXIT_OK;
	}
	if ((c = find_command(argv[1])) == NULL) {
		fprintf(stderr, "ansvar: no command '%s' (see 'ansvar --help')\n", argv[1]);
		return AV_EXIT_USAGE;
	}
	if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
		print_command_help(c);
		return AV_EXIT_OK;
	}
	return c->run(argc - 1, argv + 1);
}
