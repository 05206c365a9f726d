/* harness.c -- helpers shared by the Criterion test programs. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <unistd.h>

#include "harness.h"
#include "model.h"
#include "util.h"

static const char *
env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

const char *th_srcdir(void) { return env_or("ANSVAR_SRCDIR", "."); }
const char *th_builddir(void) { return env_or("ANSVAR_BUILDDIR", "."); }
const char *th_bin(void) { return env_or("ANSVAR_BIN", "./ansvar"); }

char *th_src(const char *rel) { return av_path_join(th_srcdir(), rel); }
char *th_build(const char *rel) { return av_path_join(th_builddir(), rel); }

char *
th_read(const char *path)
{
	char *s;
	size_t n;
	if (av_read_file(path, (size_t)1 << 31, &s, &n) != 0)
		return NULL;
	return s;
}

void
th_write(const char *path, const char *text)
{
	char *dir = av_dirname(path);
	FILE *fp;
	if (av_mkdir_p(dir) != 0 || (fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "harness: cannot write %s: %s\n", path, strerror(errno));
		abort();
	}
	fputs(text, fp);
	if (fclose(fp) != 0)
		abort();
	free(dir);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
th_list(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0, ls = strlen(suffix);

	v = av_xgrow(v, &cap, 1, sizeof *v);
	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			size_t l = strlen(e->d_name);
			if (e->d_name[0] == '.' || l < ls || strcmp(e->d_name + l - ls, suffix) != 0)
				continue;
			v = av_xgrow(v, &cap, n + 2, sizeof *v);
			v[n++] = av_xstrdup(e->d_name);
		}
		closedir(d);
	}
	v[n] = NULL;
	qsort(v, n, sizeof *v, cmp_str);
	return v;
}

void
th_strv_free(char **v)
{
	av_strv_free(v);
}

char *
th_tmpdir(const char *name)
{
	char *rel = av_xasprintf("tests/tmp/%s", name);
	char *dir = th_build(rel);
	free(rel);
	th_sh(NULL, NULL, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
	return dir;
}

static char *
slurp_fd(int fd)
{
	struct av_buf b = {0};
	char chunk[8192];
	ssize_t r;
	while ((r = read(fd, chunk, sizeof chunk)) > 0 || (r == -1 && errno == EINTR))
		if (r > 0)
			av_buf_add(&b, chunk, (size_t)r);
	return av_buf_take(&b);
}

static int
run_cmdline(char **out, char **err, const char *cmd)
{
	char *ofile = th_build("tests/tmp/.stdout.XXXXXX");
	char *efile = th_build("tests/tmp/.stderr.XXXXXX");
	char *line;
	char *tmp = th_build("tests/tmp");
	int ofd, efd, status;

	av_mkdir_p(tmp);
	free(tmp);
	ofd = mkstemp(ofile);
	efd = mkstemp(efile);
	if (ofd == -1 || efd == -1)
		abort();
	line = av_xasprintf("(%s) >'%s' 2>'%s' </dev/null", cmd, ofile, efile);
	status = system(line);
	free(line);
	lseek(ofd, 0, SEEK_SET);
	lseek(efd, 0, SEEK_SET);
	if (out)
		*out = slurp_fd(ofd);
	if (err)
		*err = slurp_fd(efd);
	close(ofd);
	close(efd);
	unlink(ofile);
	unlink(efile);
	free(ofile);
	free(efile);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int
th_sh(char **out, char **err, const char *fmt, ...)
{
	va_list ap;
	struct av_buf b = {0};
	int rc;
	va_start(ap, fmt);
	av_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rc = run_cmdline(out, err, b.data);
	av_buf_free(&b);
	return rc;
}

int
th_ansvar(char **out, char **err, const char *fmt, ...)
{
	va_list ap;
	struct av_buf b = {0};
	int rc;
	av_buf_printf(&b, "%s '%s' ", env_or("ANSVAR_WRAPPER", ""), th_bin());
	va_start(ap, fmt);
	av_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rc = run_cmdline(out, err, b.data);
	av_buf_free(&b);
	return rc;
}

int
th_matches_file(const char *expected_path, const char *actual)
{
	char *expected;
	const char *regen = getenv("ANSVAR_REGEN");
	int ok;

	if (regen && strcmp(regen, "1") == 0) {
		th_write(expected_path, actual);
		return 1;
	}
	expected = th_read(expected_path);
	ok = expected != NULL && strcmp(expected, actual) == 0;
	if (!ok) {
		char *got = th_build("tests/tmp/actual.txt");
		th_write(got, actual);
		if (expected == NULL)
			fprintf(stderr, "missing expected file %s (make regen writes it)\n", expected_path);
		else
			th_sh(NULL, NULL, "diff -u '%s' '%s' >&2 || true; diff -u '%s' '%s' | head -80 1>&2",
			    expected_path, got, expected_path, got);
		free(got);
	}
	free(expected);
	return ok;
}

char *
th_replace(const char *s, const char *from, const char *to)
{
	struct av_buf b = {0};
	size_t lf = strlen(from);
	const char *p;
	if (lf == 0)
		return av_xstrdup(s);
	while ((p = strstr(s, from)) != NULL) {
		av_buf_add(&b, s, (size_t)(p - s));
		av_buf_adds(&b, to);
		s = p + lf;
	}
	av_buf_adds(&b, s);
	return av_buf_take(&b);
}

char *
th_shquote(const char *s)
{
	struct av_buf b = {0};
	av_buf_addc(&b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			av_buf_adds(&b, "'\\''");
		else
			av_buf_addc(&b, *s);
	}
	av_buf_addc(&b, '\'');
	return av_buf_take(&b);
}

char *
th_pdftotext(const char *pdf)
{
	char *out = NULL, *q = th_shquote(pdf);
	if (th_sh(&out, NULL, "pdftotext -enc UTF-8 %s -", q) != 0) {
		free(out);
		out = NULL;
	}
	free(q);
	return out;
}

char *
th_pdftotext_page(const char *pdf, int page)
{
	char *out = NULL, *q = th_shquote(pdf);
	if (th_sh(&out, NULL, "pdftotext -enc UTF-8 -f %d -l %d %s -", page, page, q) != 0) {
		free(out);
		out = NULL;
	}
	free(q);
	return out;
}

char *
th_pdfinfo(const char *pdf)
{
	char *out = NULL, *q = th_shquote(pdf);
	if (th_sh(&out, NULL, "pdfinfo -isodates %s", q) != 0) {
		free(out);
		out = NULL;
	}
	free(q);
	return out;
}

int
th_pdf_pages(const char *pdf)
{
	char *info = th_pdfinfo(pdf), *p;
	int n = -1;
	if (info && (p = strstr(info, "\nPages:")) != NULL)
		n = atoi(p + 7);
	free(info);
	return n;
}

/* Drops whitespace and hyphens (ASCII, soft U+00AD, U+2010), so text
 * matches across line breaks and hyphenation points wherever the
 * typesetter put them. */
char *
th_squeeze(const char *s)
{
	struct av_buf b = {0};
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		if (*u == ' ' || *u == '\n' || *u == '\t' || *u == '\r' || *u == '\f' || *u == '-') {
			u++;
		} else if (u[0] == 0xc2 && (u[1] == 0xad || u[1] == 0xa0)) {
			u += 2;
		} else if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x90 || u[2] == 0x91)) {
			u += 3;
		} else {
			av_buf_addc(&b, (char)*u++);
		}
	}
	if (b.data == NULL)
		av_buf_adds(&b, "");
	return av_buf_take(&b);
}

int
th_in_order(const char *text, const char *const *items, const char **missing)
{
	char *t = th_squeeze(text);
	const char *pos = t;
	int ok = 1;
	for (; *items; items++) {
		char *want = th_squeeze(*items);
		const char *hit = strstr(pos, want);
		free(want);
		if (hit == NULL) {
			if (missing)
				*missing = *items;
			ok = 0;
			break;
		}
		pos = hit;
	}
	free(t);
	return ok;
}

struct av_collab *
th_load_clean(const char *rel)
{
	struct av_diags d = {0};
	struct av_collab *c;
	char *msgs;

	cr_assert_eq(chdir(th_srcdir()), 0);
	c = av_collab_load(rel, &d);
	msgs = av_diags_format(&d);
	cr_assert_not_null(c, "%s did not load:\n%s", rel, msgs);
	cr_assert_eq(d.nerrors, 0, "%s has errors:\n%s", rel, msgs);
	free(msgs);
	av_diags_free(&d);
	return c;
}
