/* test_batch_render.c -- batches as an office runs them after a revision: parallel equals serial, reruns that rewrite nothing, one change re-renders one collaboration, -f, kill -9 mid-batch, the progress line. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "collab_gen.h"
#include "harness.h"
#include "pdfcheck.h"
#include "render_runs.h"
#include "util.h"

/* Criterion's runner leaks when tests run in parallel (see test_render.c). */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libcriterion.so\n";
}

/*
 * Generated collaborations (tests/collab_gen.c): DIR/in/gNN.xml.
 */

static const char *const gen_langs[] = { "sv", "nb", "nn" };

/* Writes DIR/in/gNN.xml: `roles` roles, the language by `i`, the text by
 * `seed`. */
static void
gen_write(const char *dir, size_t i, size_t roles, unsigned seed)
{
	char *id = av_xasprintf("g%02zu", i), *name = av_xasprintf("in/%s.xml", id);
	char *xml = cg_collab(id, roles, gen_langs[i % 3], seed);
	write_in(dir, name, xml);
	free(xml);
	free(name);
	free(id);
}

/* A fresh tests/tmp/render/NAME with `n` generated inputs of 5 to 12 roles. */
static char *
gen_dir(const char *name, size_t n)
{
	static const char *const none[] = { NULL };
	char *dir = workdir(name, none);
	size_t i;
	for (i = 0; i < n; i++)
		gen_write(dir, i, 5 + (i * 3) % 8, (unsigned)i + 1);
	return dir;
}

/* The number of files below `dir` a killed writer left ("*.avtmp-*"). */
static int
temporaries(const char *dir)
{
	char *out = NULL;
	int n;
	cr_assert_eq(th_sh(&out, NULL, "find '%s' -name '.*.avtmp-*' | wc -l", dir), 0);
	n = atoi(out);
	free(out);
	return n;
}

/* Parallel equals serial: the samples, the template fixtures (one per
 * language) and generated collaborations of 5 to 20 roles give the same
 * files, byte for byte and stamps included, with -j 1, -j 2 and -j 4. */
Test(batch_render, parallel_equals_serial, .timeout = 900)
{
	char *dir = gen_dir("batch-parallel", 0), *samples = th_src("samples"), *diff = NULL;
	char *fx = th_src("tests/templates");
	static const size_t roles[] = { 5, 9, 14, 20 };
	size_t i;

	for (i = 0; i < 4; i++)
		gen_write(dir, i, roles[i], 100 + (unsigned)i);
	render_ok(dir, "", "10 rendered, 0 up to date, 0 failed", "-j 1 -o a '%s' '%s/sv.xml' '%s/nb.xml' '%s/nn.xml' in",
	    samples, fx, fx, fx);
	render_ok(dir, "", "10 rendered, 0 up to date, 0 failed", "-j 2 -o b '%s' '%s/sv.xml' '%s/nb.xml' '%s/nn.xml' in",
	    samples, fx, fx, fx);
	render_ok(dir, "", "10 rendered, 0 up to date, 0 failed", "-j 4 -o c '%s' '%s/sv.xml' '%s/nb.xml' '%s/nn.xml' in",
	    samples, fx, fx, fx);
	cr_expect_eq(th_sh(&diff, NULL, "cd '%s' && diff -r a b", dir), 0, "-j 1 and -j 2: the same files:\n%s", diff);
	free(diff);
	cr_expect_eq(th_sh(&diff, NULL, "cd '%s' && diff -r a c", dir), 0, "-j 1 and -j 4: the same files:\n%s", diff);
	free(diff);
	{
		/* Every output is there: 10 documents, a handout per role and
		 * three diagram files each. */
		char *out = NULL;
		cr_assert_eq(th_sh(&out, NULL, "cd '%s/a' && ls *.pdf | wc -l && ls g03/*.pdf | wc -l && ls g03/organisation.*",
		    dir), 0);
		cr_expect_str_eq(out, "10\n21\ng03/organisation.pdf\ng03/organisation.png\ng03/organisation.svg\n",
		    "outputs: %s", out);
		free(out);
	}
	free(fx);
	free(samples);
	free(dir);
}

/* A second run rewrites nothing (inodes and mtimes of every file, the
 * stamps included, unchanged) and says so, with -j 2 and -j 1; -f
 * rewrites every output with the same bytes. */
Test(batch_render, rerun_rewrites_nothing, .timeout = 600)
{
	char *dir = gen_dir("batch-rerun", 6), *before, *after, *out = NULL, *err = NULL, *diff = NULL;

	render_ok(dir, "", "6 rendered, 0 up to date, 0 failed", "-j 2 -o out in");
	before = snapshot(dir);
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -j 2 -o out in"), 0);
	cr_expect_str_eq(out, "0 rendered, 6 up to date, 0 failed\n");
	cr_expect_str_eq(err, "", "an up-to-date run reports nothing else");
	free(out);
	free(err);
	render_ok(dir, "", "0 rendered, 6 up to date, 0 failed", "-j 1 -o out in");
	after = snapshot(dir);
	cr_expect_str_eq(after, before, "up-to-date runs rewrite nothing (inodes and mtimes)");
	free(after);

	cr_assert_eq(th_sh(NULL, NULL, "cd '%s' && cp -a out before-f", dir), 0);
	render_ok(dir, "", "6 rendered, 0 up to date, 0 failed", "-f -j 2 -o out in");
	cr_expect_eq(th_sh(&diff, NULL, "cd '%s' && diff -r before-f out", dir), 0, "-f: the same bytes:\n%s", diff);
	free(diff);
	after = snapshot(dir);
	{
		/* Every output has a new inode: it was written again. */
		char *b = lines_with(before, "./out/"), *a = lines_with(after, "./out/"), *line, *save = NULL;
		size_t n = 0;
		for (line = strtok_r(b, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *path = av_xstrndup(line, strcspn(line, " ") + 1);
			char *mine = lines_with(a, path), *old = av_xasprintf("%s\n", line);
			if (strstr(path, "/.ansvar/") == NULL) {
				cr_expect(*mine != '\0' && strcmp(mine, old) != 0, "-f rewrote %s", path);
				n++;
			}
			free(old);
			free(mine);
			free(path);
		}
		cr_expect_gt(n, 60, "outputs looked at: %zu", n);
		free(a);
		free(b);
	}
	free(after);
	free(before);
	free(dir);
}

/* One changed input re-renders that collaboration alone; a role removed
 * from another takes its handout with it, and only that file: every file
 * of the four others keeps its inode and mtime, a file of the user's in
 * the output directory stays. */
Test(batch_render, one_change_renders_one, .timeout = 600)
{
	char *dir = gen_dir("batch-one-change", 6), *before, *after;

	render_ok(dir, "", "6 rendered, 0 up to date, 0 failed", "-j 2 -o out in");
	write_in(dir, "out/g02/notes.txt", "the coordinator's notes\n");
	before = snapshot(dir);
	/* g01: other text, the same roles; g02: its last role removed (the
	 * generator makes the same file without it). */
	gen_write(dir, 1, 5 + 3, 77);
	gen_write(dir, 2, 5 + 6 - 1, 3);
	render_ok(dir, "", "2 rendered, 4 up to date, 0 failed", "-j 2 -o out in");
	after = snapshot(dir);

	cr_expect(strstr(before, "./out/g02/medlem-10.pdf ") != NULL);
	cr_expect(strstr(after, "./out/g02/medlem-10.pdf ") == NULL, "the removed role's handout is gone");
	{
		static const char *const others[] = { "./out/g00", "./out/g03", "./out/g04", "./out/g05", NULL };
		const char *const *o;
		for (o = others; *o; o++)
			cr_expect(same_lines(before, after, *o), "%s: untouched", *o);
		cr_expect(strstr(after, "./out/g01/ledare.pdf ") && !same_lines(before, after, "./out/g01/ledare.pdf "),
		    "the changed collaboration was rendered");
		cr_expect(strstr(after, "./out/g02/ledare.pdf ") && !same_lines(before, after, "./out/g02/ledare.pdf "),
		    "the one that lost a role was rendered");
		cr_expect(same_lines(before, after, "./out/g02/notes.txt "), "a file of the user's stays as it was");
	}
	{
		/* Two stamps changed, four are the same. */
		char *sb = lines_with(before, "/.ansvar/"), *sa = lines_with(after, "/.ansvar/"), *line, *save = NULL;
		size_t same = 0;
		for (line = strtok_r(sb, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *l = av_xasprintf("%s\n", line);
			same += strstr(sa, l) != NULL;
			free(l);
		}
		cr_expect_eq(same, 4, "the stamps of the four unchanged collaborations are untouched (%zu)", same);
		free(sa);
		free(sb);
	}
	free(before);
	free(after);
	free(dir);
}

/* An up-to-date run does not compile the template set (the warning a set
 * gives when it compiles is not repeated); a set broken after the outputs
 * were made is reported, and nothing is written; a missing set is an
 * error, up to date or not. */
Test(batch_render, template_set_only_when_needed, .timeout = 600)
{
	char *dir = gen_dir("batch-templates", 3), *tpl = th_src("templates"), *out = NULL, *err = NULL;
	char *before, *after;

	cr_assert_eq(th_sh(NULL, NULL, "cd '%s' && cp -R '%s' set && sed -i '1s/version=\"1.0\"/version=\"1.1\"/' set/document.xsl",
	    dir, tpl), 0);
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -t set -o out in"), 0);
	cr_expect_str_eq(out, "3 rendered, 0 up to date, 0 failed\n");
	cr_expect(strstr(err, "set/document.xsl:1:") && strstr(err, "warning: Unsupported version '1.1'"),
	    "compiling the set warns: %s", err);
	free(out);
	free(err);
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -t set -o out in"), 0);
	cr_expect_str_eq(out, "0 rendered, 3 up to date, 0 failed\n");
	cr_expect_str_eq(err, "", "an up-to-date run does not compile the set");
	free(out);
	free(err);

	before = snapshot(dir);
	cr_assert_eq(th_sh(NULL, NULL, "cd '%s' && sed -i 's|</xsl:stylesheet>|<xsl:template|' set/common.xsl", dir), 0);
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -t set -o out in"), 1, "a broken set: exit 1");
	cr_expect_str_eq(out, "", "no summary: nothing was rendered or checked");
	cr_expect(strstr(err, "set/common.xsl:") && strstr(err, "error:"), "the broken file is named: %s", err);
	free(out);
	free(err);
	after = snapshot(dir);
	cr_expect(same_lines(before, after, "./out/"), "a broken set writes nothing");
	free(after);
	free(before);

	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -t missing -o out in"), 1);
	cr_expect(strstr(err, "missing: error: cannot open the template set") != NULL, "%s", err);
	free(out);
	free(err);
	free(tpl);
	free(dir);
}

/* A stamp is data in DIR that anyone may have changed: an id in it that is
 * not an id makes the stamp worthless (the input is rendered again) and
 * never names a directory outside DIR. */
Test(batch_render, stamps_name_nothing_outside, .timeout = 300)
{
	char *dir = gen_dir("batch-stamps", 1), *out = NULL, *stamp, *text, *bad;

	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out in");
	cr_assert_eq(th_sh(&out, NULL, "cd '%s' && ls out/.ansvar/", dir), 0);
	out[strcspn(out, "\n")] = '\0';
	stamp = av_xasprintf("out/.ansvar/%s", out);
	text = read_in(dir, stamp);
	bad = th_replace(text, "\nid g00\n", "\nid ../outside\n");
	cr_assert_str_neq(bad, text);
	write_in(dir, stamp, bad);
	/* A temporary file of a writer long gone, where the id would lead. */
	write_in(dir, "outside/.x.pdf.avtmp-4190000-AAAAAA", "left by someone else\n");
	render_ok(dir, "", "1 rendered, 0 up to date, 0 failed", "-o out in");
	free(bad);
	free(text);
	text = av_path_join(dir, "outside/.x.pdf.avtmp-4190000-AAAAAA");
	cr_expect(av_file_exists(text), "nothing outside DIR is touched");
	free(text);
	bad = read_in(dir, stamp);
	cr_expect(strstr(bad, "\nid g00\n") != NULL, "the stamp is written again: %s", bad);
	render_ok(dir, "", "0 rendered, 1 up to date, 0 failed", "-o out in");
	free(bad);
	free(stamp);
	free(out);
	free(dir);
}

/*
 * kill -9 in the middle of a batch.
 */

/* Starts `ansvar render -q -j 2 -o OUT in` in `dir` in a process group of
 * its own, with `env` (assignments, may be ""); returns its pid (= the
 * group's id). */
static pid_t
start_group(const char *dir, const char *env, const char *outdir)
{
	const char *wrapper = getenv("ANSVAR_WRAPPER");
	char *cmd = av_xasprintf("cd '%s' && exec env %s %s '%s' render -q -j 2 -o '%s' in >/dev/null 2>&1", dir, env,
	    wrapper ? wrapper : "", th_bin(), outdir);
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		setpgid(0, 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	free(cmd);
	return pid;
}

/* Whether two files exist and have the same bytes. */
static int
same_bytes(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	size_t lx, ly;
	int same = av_read_file(a, (size_t)1 << 28, &x, &lx) == 0 && av_read_file(b, (size_t)1 << 28, &y, &ly) == 0 &&
	    lx == ly && memcmp(x, y, lx) == 0;
	free(x);
	free(y);
	return same;
}

/* After a kill: every output is the complete file of the old or of the
 * new rendering (the same bytes as in `ref1` or `ref2`), or absent, and
 * every PDF opens.  Returns the number of outputs of the new rendering
 * already in place. */
static int
check_old_or_new(const char *out, const char *ref1, const char *ref2, const char *what)
{
	char *list = NULL, *line, *save = NULL;
	int news = 0;

	cr_assert_eq(th_sh(&list, NULL, "cd '%s' && find . -type f ! -name '.*.avtmp-*' | sort", out), 0);
	for (line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = av_path_join(out, line), *p1 = av_path_join(ref1, line), *p2 = av_path_join(ref2, line);
		int same1 = same_bytes(p, p1), same2 = same_bytes(p, p2);
		cr_expect(same1 || same2, "%s: %s is the old or the new complete file", what, line);
		news += same2 && !same1;
		if (strlen(line) > 4 && strcmp(line + strlen(line) - 4, ".pdf") == 0) {
			struct pc_pdf *pdf = pc_open(p);
			cr_expect(pdf && pc_pages(pdf) > 0, "%s: %s opens", what, line);
			if (pdf)
				pc_close(pdf);
		}
		free(p);
		free(p1);
		free(p2);
	}
	free(list);
	return news;
}

/* After a kill, the next run finishes the work: exit 0, every input
 * rendered or up to date, no temporary file left, and the output
 * directory exactly what an uninterrupted run makes (stamps included). */
static void
check_next_run(const char *dir, const char *outdir, const char *ref2, const char *what)
{
	char *out = NULL, *err = NULL, *diff = NULL, *o = av_path_join(dir, outdir);
	int r = -1, u = -1, f = -1;

	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -j 2 -o '%s' in", outdir), 0, "%s: the next run: %s", what,
	    err);
	cr_expect(out && sscanf(out, "%d rendered, %d up to date, %d failed", &r, &u, &f) == 3 && r + u == 5 && f == 0,
	    "%s: the next run renders what is left: %s", what, out);
	cr_expect_eq(temporaries(o), 0, "%s: no temporary file after the next run", what);
	cr_expect_eq(th_sh(&diff, NULL, "diff -r '%s' '%s'", o, ref2), 0, "%s: the outputs are the right ones:\n%s", what,
	    diff);
	free(diff);
	free(out);
	free(err);
	free(o);
}

/* Five collaborations rendered, then revised (new text; one loses a
 * role) and rendered again with -j 2, killed with SIGKILL (the whole
 * process group) half-way through the N-th file a process writes
 * (ANSVAR_TEST_KILL_AT; the two workers start with collaborations of 5
 * and 8 roles, whose files are the document, the handouts, the three
 * diagram files and the stamp: N = 1 the first document, 7 a diagram or
 * a handout, 10 and 13 a stamp or a diagram, 20 a worker's second
 * collaboration) and at moments in time. */
Test(batch_render, kill_9, .timeout = 1200)
{
	static const int points[] = { 1, 7, 10, 13, 20 };
	static const int millis[] = { 300, 900 };
	char *dir = gen_dir("batch-kill", 5), *ref1, *ref2;
	size_t i, n;
	int news = 0, kills = 0;

	render_ok(dir, "", "5 rendered, 0 up to date, 0 failed", "-j 2 -o ref1 in");
	/* The revision. */
	for (i = 0; i < 5; i++)
		gen_write(dir, i, 5 + (i * 3) % 8 - (i == 3), (unsigned)i + 50);
	render_ok(dir, "", "5 rendered, 0 up to date, 0 failed", "-j 2 -o ref2 in");
	ref1 = av_path_join(dir, "ref1");
	ref2 = av_path_join(dir, "ref2");

	n = sizeof points / sizeof points[0] + sizeof millis / sizeof millis[0];
	for (i = 0; i < n; i++) {
		char *outdir = av_xasprintf("k%zu", i), *o = av_path_join(dir, outdir), *what, *env;
		int st;
		pid_t pid;

		cr_assert_eq(th_sh(NULL, NULL, "cp -a '%s' '%s'", ref1, o), 0);
		if (i < sizeof points / sizeof points[0]) {
			what = av_xasprintf("killed at the file %d a process writes", points[i]);
			env = av_xasprintf("ANSVAR_TEST_KILL_AT=%d", points[i]);
			pid = start_group(dir, env, outdir);
		} else {
			struct timespec t;
			int ms = millis[i - sizeof points / sizeof points[0]];
			what = av_xasprintf("killed after %d ms", ms);
			env = av_xstrdup("");
			pid = start_group(dir, env, outdir);
			t.tv_sec = ms / 1000;
			t.tv_nsec = (long)(ms % 1000) * 1000000L;
			nanosleep(&t, NULL);
			kill(-pid, SIGKILL);
		}
		while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
			;
		if (i < sizeof points / sizeof points[0])
			cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "%s: the run was killed", what);
		kills += WIFSIGNALED(st);
		news += check_old_or_new(o, ref1, ref2, what);
		check_next_run(dir, outdir, ref2, what);
		free(what);
		free(env);
		free(o);
		free(outdir);
	}
	cr_expect_gt(news, 0, "some kill came after new outputs were in place");
	cr_expect_geq(kills, (int)(sizeof points / sizeof points[0]));
	free(ref1);
	free(ref2);
	free(dir);
}

/*
 * The progress line: on a terminal, on stderr; never with -q or when
 * stderr is not a terminal.
 */

/* Runs `ansvar render ARGS` in `dir` with stderr on a pseudo-terminal
 * and stdout into a file; returns what the terminal got (with the line
 * discipline's \r\n for \n) and, in *out, stdout. */
static char *
render_on_terminal(const char *dir, char **out, const char *args)
{
	const char *wrapper = getenv("ANSVAR_WRAPPER");
	char *cmd = av_xasprintf("cd '%s' && exec %s '%s' render %s >out.txt", dir, wrapper ? wrapper : "", th_bin(), args);
	struct av_buf b = {0};
	int master, st;
	pid_t pid = forkpty(&master, NULL, NULL, NULL);
	char chunk[4096];
	ssize_t r;

	cr_assert_neq(pid, -1, "forkpty: %s", strerror(errno));
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	av_buf_adds(&b, "");
	/* Read until the child closes the terminal (EIO on Linux). */
	while ((r = read(master, chunk, sizeof chunk)) > 0 || (r == -1 && errno == EINTR))
		if (r > 0)
			av_buf_add(&b, chunk, (size_t)r);
	close(master);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	*out = read_in(dir, "out.txt");
	free(cmd);
	return av_buf_take(&b);
}

Test(batch_render, progress_on_terminals_only, .timeout = 600)
{
	char *dir = gen_dir("batch-progress", 3), *out = NULL, *err = NULL, *tty;

	/* Not a terminal: nothing but the summary, -q or not. */
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -j 2 -o a in"), 0);
	cr_expect_str_eq(out, "3 rendered, 0 up to date, 0 failed\n");
	cr_expect_str_eq(err, "", "no progress when stderr is not a terminal");
	free(out);
	free(err);
	cr_expect_eq(ansvar_in(dir, "", &out, &err, "render -q -j 2 -o b in"), 0);
	cr_expect_str_eq(out, "3 rendered, 0 up to date, 0 failed\n");
	cr_expect_str_eq(err, "");
	free(out);
	free(err);

	/* A terminal: a progress line on stderr, rewritten in place (carriage
	 * return, erase to the end of the line) and cleared at the end; the
	 * summary on stdout. */
	tty = render_on_terminal(dir, &out, "-j 2 -o c in");
	cr_expect_str_eq(out, "3 rendered, 0 up to date, 0 failed\n");
	free(out);
	cr_expect(strstr(tty, "\r\033[K[0/3] in/g00.xml") != NULL, "the progress line names the first input: %s", tty);
	/* every line counts what is done and names an input the run waits
	 * for (which one shows after the first depends on how the two
	 * workers' results arrive) */
	{
		const char *p = tty;
		int lines = 0;
		while ((p = strstr(p, "\r\033[K[")) != NULL) {
			unsigned done = 9, k = 9;
			p += 4;
			cr_expect(sscanf(p, "[%u/3] in/g0%u.xml", &done, &k) == 2 && done < 3 && k < 3,
			    "a progress line [done/3] in/g0K.xml: %.30s", p);
			lines++;
		}
		cr_expect(lines >= 1, "progress lines: %s", tty);
	}
	cr_expect(strlen(tty) >= 4 && strcmp(tty + strlen(tty) - 4, "\r\033[K") == 0, "cleared at the end: %s", tty);
	cr_expect(strchr(tty, '\n') == NULL, "nothing but the progress line: %s", tty);
	free(tty);

	/* -q: nothing on the terminal. */
	tty = render_on_terminal(dir, &out, "-q -f -j 2 -o c in");
	cr_expect_str_eq(out, "3 rendered, 0 up to date, 0 failed\n");
	cr_expect_str_eq(tty, "", "-q: no progress on a terminal");
	free(out);
	free(tty);

	/* Up to date: nothing to show. */
	tty = render_on_terminal(dir, &out, "-j 2 -o c in");
	cr_expect_str_eq(out, "0 rendered, 3 up to date, 0 failed\n");
	cr_expect_str_eq(tty, "");
	free(out);
	free(tty);

	/* A failure on a terminal: the progress line is erased before the
	 * diagnostic, which stands on a line of its own. */
	write_in(dir, "in/g01.xml", "<collaboration id=\"g01\" version=\"1\" xml:lang=\"sv\">\n  <title>T</title>\n"
	    "  <role id=\"a\" kind=\"owner\"><name>A</name><reports-to role=\"b\"/></role>\n</collaboration>\n");
	tty = render_on_terminal(dir, &out, "-f -j 2 -o c in");
	cr_expect_str_eq(out, "2 rendered, 0 up to date, 1 failed\n");
	cr_expect(strstr(tty, "\r\033[Kin/g01.xml:3:") != NULL, "the diagnostic after an erased progress line: %s", tty);
	cr_expect(strstr(tty, "error:") != NULL);
	free(out);
	free(tty);
	free(dir);
}
