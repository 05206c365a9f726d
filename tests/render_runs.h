/* render_runs.h -- running ansvar render in scratch directories and looking at what it wrote, for the render and batch tests. */
#ifndef AV_TEST_RENDER_RUNS_H
#define AV_TEST_RENDER_RUNS_H

#include "ansvar.h"

/* Runs ansvar (under ANSVAR_WRAPPER when set) in `dir` with the
 * environment assignments `env` (may be "") and the given (shell-quoted)
 * arguments; as th_sh(). */
int ansvar_in(const char *dir, const char *env, char **out, char **err, const char *fmt, ...)
    AV_PRINTF(5, 6);

/* Runs `ansvar render -q ARGS` in `dir` with `env`, asserting exit 0 and
 * expecting the summary line `want` (without its newline). */
void render_ok(const char *dir, const char *env, const char *want, const char *fmt, ...) AV_PRINTF(4, 5);

/* A fresh directory tests/tmp/render/NAME below the build tree holding
 * copies of the source-tree files `files` (NULL-terminated).  Caller
 * frees. */
char *workdir(const char *name, const char *const *files);

/* Every file below `dir`, one line each: "./PATH INODE MTIME", sorted.
 * Caller frees. */
char *snapshot(const char *dir);

/* The lines of a snapshot whose path contains `part`.  Caller frees. */
char *lines_with(const char *snap, const char *part);

/* Whether two snapshots have the same lines whose path contains `part`,
 * and there are some. */
int same_lines(const char *before, const char *after, const char *part);

/* Reads (asserting it can) / writes the file `name` below `dir`. */
char *read_in(const char *dir, const char *name);
void write_in(const char *dir, const char *name, const char *text);

/* Replaces the first `from` in the file `name` below `dir` by `to`
 * (asserting there is one). */
void edit(const char *dir, const char *name, const char *from, const char *to);

#endif
