/* render_runs.c -- running ansvar render in scratch directories and looking at what it wrote, for the render and batch tests. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "render_runs.h"
#include "util.h"

/* Runs ansvar in `dir` with environment assignments `env` (may be "")
 * and arguments, as th_ansvar(). */
int
ansvar_in(const char *dir, const char *env, char **out, char **err, const char *fmt, ...)
{
	struct av_buf b = {0};
	va_list ap;
	char *q = th_shquote(dir);
	const char *wrapper = getenv("ANSVAR_WRAPPER");
	int rc;

	av_buf_printf(&b, "cd %s && env %s %s '%s' ", q, env, wrapper ? wrapper : "", th_bin());
	va_start(ap, fmt);
	av_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rc = th_sh(out, err, "%s", b.data);
	av_buf_free(&b);
	free(q);
	return rc;
}

/* Runs `ansvar render -q ARGS` in `dir` with `env`, expecting exit 0 and
 * the summary line `want` (without its newline). */
void
render_ok(const char *dir, const char *env, const char *want, const char *fmt, ...)
{
	struct av_buf args = {0};
	va_list ap;
	char *out = NULL, *err = NULL, *line = av_xasprintf("%s\n", want);

	va_start(ap, fmt);
	av_buf_vprintf(&args, fmt, ap);
	va_end(ap);
	cr_assert_eq(ansvar_in(dir, env, &out, &err, "render -q %s", args.data), 0, "render %s: exit 0:\n%s",
	    args.data, err);
	cr_expect_str_eq(out, line, "render %s: '%s', not '%s'", args.data, want, out);
	free(line);
	free(out);
	free(err);
	av_buf_free(&args);
}

/* A fresh directory holding copies of source-tree files. */
char *
workdir(const char *name, const char *const *files)
{
	char *rel = av_xasprintf("render/%s", name), *dir = th_tmpdir(rel);
	free(rel);
	for (; *files; files++) {
		char *src = th_src(*files);
		cr_assert_eq(th_sh(NULL, NULL, "cp '%s' '%s/'", src, dir), 0, "copy %s", src);
		free(src);
	}
	return dir;
}

/* Every file below `dir` with its inode and modification time. */
char *
snapshot(const char *dir)
{
	char *out = NULL, *q = th_shquote(dir);
	cr_assert_eq(th_sh(&out, NULL, "cd %s && find . -type f -printf '%%p %%i %%T@\\n' | LC_ALL=C sort", q), 0);
	free(q);
	return out;
}

char *
read_in(const char *dir, const char *name)
{
	char *p = av_path_join(dir, name), *s = th_read(p);
	cr_assert_not_null(s, "%s reads", p);
	free(p);
	return s;
}

void
write_in(const char *dir, const char *name, const char *text)
{
	char *p = av_path_join(dir, name);
	th_write(p, text);
	free(p);
}

/* Replaces the first `from` in a file by `to`. */
void
edit(const char *dir, const char *name, const char *from, const char *to)
{
	char *s = read_in(dir, name), *hit = strstr(s, from), *t;
	cr_assert_not_null(hit, "%s holds %s", name, from);
	t = av_xasprintf("%.*s%s%s", (int)(hit - s), s, to, hit + strlen(from));
	write_in(dir, name, t);
	free(s);
	free(t);
}

/* The lines of a snapshot whose path contains `part`. */
char *
lines_with(const char *snap, const char *part)
{
	struct av_buf b = {0};
	const char *line = snap;
	av_buf_adds(&b, "");
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line + 1) : strlen(line);
		char *l = av_xstrndup(line, len);
		if (strstr(l, part))
			av_buf_adds(&b, l);
		free(l);
		line += len;
	}
	return av_buf_take(&b);
}

int
same_lines(const char *before, const char *after, const char *part)
{
	char *b = lines_with(before, part), *a = lines_with(after, part);
	int same = strcmp(a, b) == 0 && *b != '\0';
	free(a);
	free(b);
	return same;
}
