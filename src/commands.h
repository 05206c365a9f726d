/* commands.h -- the subcommands of the ansvar program, each in its own cmd_*.c. */
#ifndef AV_COMMANDS_H
#define AV_COMMANDS_H

/* Exit statuses (SPEC §4). */
#define AV_EXIT_OK 0
#define AV_EXIT_INPUT 1     /* some input had errors (or warnings under --strict) */
#define AV_EXIT_USAGE 2     /* usage error */

struct av_command {
	const char *name;
	/* argv[0] is the command name; returns an AV_EXIT_* status. */
	int (*run)(int argc, char **argv);
	const char *synopsis;   /* "check [--strict] INPUT..." */
	const char *summary;    /* one line for `ansvar --help` */
	const char *help;       /* the full text of `ansvar help NAME` */
	int hidden;             /* debugging aids, not listed in --help */
};

/* The commands (cmd_*.c). */
extern const struct av_command av_cmd_check;
extern const struct av_command av_cmd_init;
extern const struct av_command av_cmd_dump_model;

/* The command table (main.c), ending with a zeroed entry. */
extern const struct av_command *const av_commands[];

/* Prints "usage: ansvar SYNOPSIS" and a pointer to `ansvar help NAME` to
 * stderr; returns AV_EXIT_USAGE. */
int av_usage_error(const struct av_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
