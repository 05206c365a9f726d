/* test_hostile.c -- untrusted input (SPEC §8): each hostile case run as a user runs it, under resource limits and without network, its diagnostics and the files it leaves compared with tests/hostile/. */
#include "config.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

#include "fo.h"
#include "harness.h"
#include "model.h"
#include "util.h"

/*
 * Every case runs one ansvar command in a sandbox of its own below
 * tests/tmp/hostile/NAME: the input in in/, the outputs asked for in out/,
 * and HOME, TMPDIR and XDG_CACHE_HOME pointing into the sandbox too.  The
 * child process runs
 *
 *   - with RLIMIT_CPU (a runaway is killed, and the test fails: a bound,
 *     not a timing assertion), RLIMIT_AS (memory; not under ASan or
 *     valgrind, which reserve address space of their own) and RLIMIT_FSIZE;
 *   - without network: a seccomp filter kills it (SIGSYS) if it ever opens
 *     an IPv4 or IPv6 socket;
 *
 * and afterwards the test compares its output (stderr, then stdout) with
 * tests/hostile/NAME.diag and every file in the sandbox but the input with
 * tests/hostile/NAME.files.  Nothing may appear outside out/ except
 * fontconfig's cache of the shipped fonts (fonts/fonts.conf puts it in the
 * user's cache directory by design).
 */

#if defined(__SANITIZE_ADDRESS__)
#define TH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TH_ASAN 1
#endif
#endif
#ifndef TH_ASAN
#define TH_ASAN 0
#endif

#define CPU_SECONDS 60                  /* per command, without instrumentation */
#define MEMORY_BYTES ((rlim_t)2 << 30)  /* address space */
#define FILE_BYTES ((rlim_t)256 << 20)  /* largest file it may write */
#define HUGE_BYTES ((size_t)100 << 20)  /* the 100 MB input */

/* Criterion 2.4's runner leaks 48 bytes when tests run in parallel (not
 * this program's doing): LeakSanitizer, in --enable-asan builds, is told
 * so through its hook for default suppressions.  ansvar itself, which
 * the tests run, gets no suppression. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libcriterion.so\n";
}

/* ---- The sandbox ---- */

#if defined(__linux__) && defined(__x86_64__)
#define TH_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__linux__) && defined(__aarch64__)
#define TH_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

/* Kills the calling process with SIGSYS when it opens an IPv4 or IPv6
 * socket.  Returns 0, or -1 where seccomp is not available. */
static int
forbid_network(void)
{
#ifdef TH_AUDIT_ARCH
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TH_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* the domain: the low half of the first argument (little-endian) */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET6, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	};
	struct sock_fprog prog = { (unsigned short)(sizeof f / sizeof f[0]), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
		return -1;
	return 0;
#else
	return -1;
#endif
}

static void
set_limit(int what, rlim_t v)
{
	struct rlimit rl = { v, v };
	if (setrlimit(what, &rl) != 0)
		_exit(125);
}

struct outcome {
	int status;             /* exit status, or -1 */
	int sig;                /* the signal that ended it, or 0 */
	char *text;             /* stderr, then stdout */
	char *files;            /* what the sandbox holds afterwards */
};

/* Runs `ansvar ARGS...` in the sandbox `box` (NULL-terminated args). */
static void
run_in(const char *box, const char *const *args, struct outcome *o)
{
	const char *wrapper = getenv("ANSVAR_WRAPPER");
	int slow = TH_ASAN || (wrapper && *wrapper);
	char *errpath = av_path_join(box, "stderr.txt"), *outpath = av_path_join(box, "stdout.txt");
	char *errtext, *outtext;
	int status;
	pid_t pid;

	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		const char *argv[32];
		char *home = av_path_join(box, "home"), *cache = av_path_join(box, "cache");
		char *tmp = av_path_join(box, "tmp");
		size_t n = 0, i;
		int efd, ofd, nfd;

		if (chdir(box) != 0)
			_exit(125);
		efd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		ofd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		nfd = open("/dev/null", O_RDONLY);
		if (efd == -1 || ofd == -1 || nfd == -1 || dup2(nfd, 0) == -1 || dup2(ofd, 1) == -1 ||
		    dup2(efd, 2) == -1)
			_exit(125);
		setenv("HOME", home, 1);
		setenv("XDG_CACHE_HOME", cache, 1);
		setenv("TMPDIR", tmp, 1);
		unsetenv("SOURCE_DATE_EPOCH");
		set_limit(RLIMIT_CPU, (rlim_t)CPU_SECONDS * (slow ? 10 : 1));
		if (!slow)
			set_limit(RLIMIT_AS, MEMORY_BYTES);
		set_limit(RLIMIT_FSIZE, FILE_BYTES);
		if (forbid_network() != 0)
			_exit(124);
		if (wrapper && *wrapper) {
			/* valgrind and its options: through the shell, as th_ansvar() does */
			argv[n++] = "/bin/sh";
			argv[n++] = "-c";
			argv[n++] = "exec $ANSVAR_WRAPPER \"$@\"";
			argv[n++] = "sh";
		}
		argv[n++] = th_bin();
		for (i = 0; args[i] && n < 31; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		cr_assert_eq(errno, EINTR);
	o->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	o->sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	cr_assert_neq(o->status, 124, "seccomp is not available: cannot run without network");
	cr_assert_neq(o->status, 125, "the sandbox could not be set up");
	errtext = th_read(errpath);
	outtext = th_read(outpath);
	o->text = av_xasprintf("%s%s", errtext ? errtext : "", outtext ? outtext : "");
	unlink(errpath);
	unlink(outpath);
	free(errtext);
	free(outtext);
	free(errpath);
	free(outpath);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry below `dir` (relative to the sandbox, directories with a
 * trailing '/'), sorted, skipping in/; the font cache and the stamps (named
 * by a hash of the input's absolute path) named generically. */
static void
list_tree(const char *root, const char *rel, char ***v, size_t *n, size_t *cap)
{
	char *path = *rel ? av_path_join(root, rel) : av_xstrdup(root);
	DIR *d = opendir(path);
	struct dirent *e;

	cr_assert_not_null(d, "%s", path);
	while ((e = readdir(d)) != NULL) {
		char *sub, *full, *entry;
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = *rel ? av_xasprintf("%s/%s", rel, e->d_name) : av_xstrdup(e->d_name);
		full = av_path_join(root, sub);
		cr_assert_eq(lstat(full, &st), 0);
		if (strcmp(sub, "in") == 0) {
			entry = NULL;
		} else if (strcmp(rel, "cache/fontconfig") == 0) {
			entry = av_xstrdup("cache/fontconfig/* (fontconfig's cache of the shipped fonts)");
		} else if (strcmp(rel, "out/.ansvar") == 0 && strstr(e->d_name, ".stamp")) {
			entry = av_xstrdup("out/.ansvar/HASH.stamp");
		} else if (S_ISDIR(st.st_mode)) {
			entry = av_xasprintf("%s/", sub);
			list_tree(root, sub, v, n, cap);
		} else {
			entry = av_xasprintf("%s (%s)", sub, S_ISREG(st.st_mode) ?
			    (st.st_size > 0 ? "file" : "empty file") : "not a regular file");
		}
		if (entry != NULL) {
			*v = av_xgrow(*v, cap, *n + 1, sizeof **v);
			(*v)[(*n)++] = entry;
		}
		free(full);
		free(sub);
	}
	closedir(d);
	free(path);
}

static char *
list_sandbox(const char *box)
{
	char **v = NULL;
	size_t n = 0, cap = 0, i;
	struct av_buf b = {0};

	list_tree(box, "", &v, &n, &cap);
	if (n > 0)
		qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++) {
		/* the font cache once, however many files fontconfig wrote */
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0) {
			av_buf_adds(&b, v[i]);
			av_buf_addc(&b, '\n');
		}
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	av_buf_adds(&b, "");
	return av_buf_take(&b);
}

/* A fresh sandbox for case `name`; *in gets its input directory. */
static char *
sandbox(const char *name, char **in)
{
	char *rel = av_xasprintf("hostile/%s", name);
	char *box = th_tmpdir(rel);
	static const char *const dirs[] = { "in", "out", "home", "cache", "tmp" };
	size_t i;

	*in = NULL;
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char *d = av_path_join(box, dirs[i]);
		cr_assert_eq(av_mkdir_p(d), 0);
		if (i == 0)
			*in = d;
		else
			free(d);
	}
	free(rel);
	return box;
}

static void
write_bytes(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	cr_assert_not_null(fp, "%s", path);
	cr_assert_eq(fwrite(data, 1, len, fp), len);
	cr_assert_eq(fclose(fp), 0);
}

static void
copy_fixture(const char *rel, const char *dir)
{
	char *src = th_src(rel), *base = strrchr(src, '/') + 1;
	char *dst = av_path_join(dir, base);
	char *data;
	size_t len;

	cr_assert_eq(av_read_file(src, (size_t)1 << 30, &data, &len), 0, "%s", src);
	write_bytes(dst, data, len);
	free(data);
	free(dst);
	free(src);
}

/* Compares the outcome with the case's expected files and status. */
static void
expect_outcome(const char *name, const struct outcome *o, int status)
{
	char *rel = av_xasprintf("tests/hostile/%s.diag", name), *path = th_src(rel);

	cr_expect_eq(o->sig, 0, "%s: killed by signal %d (%s)%s", name, o->sig, strsignal(o->sig),
	    o->sig == SIGSYS ? ": it opened a network socket" :
	    o->sig == SIGXCPU || o->sig == SIGKILL ? ": over its CPU limit" : "");
	cr_expect_eq(o->status, status, "%s: exit status %d, expected %d:\n%s", name, o->status,
	    status, o->text);
	cr_expect(th_matches_file(path, o->text), "%s: diagnostics differ from %s", name, rel);
	free(path);
	free(rel);
	rel = av_xasprintf("tests/hostile/%s.files", name);
	path = th_src(rel);
	cr_expect(th_matches_file(path, o->files), "%s: the files left differ from %s", name, rel);
	free(path);
	free(rel);
}

/* ---- Inputs made here (too big, too many or too binary to commit) ---- */

typedef void (*maker)(const char *path);

static const char *const role_body =
    "<responsibilities><item>Leder arbetet.</item></responsibilities>"
    "<expectations><item>Deltar.</item></expectations>"
    "<authority><item>Beslutar.</item></authority>"
    "<latitude><p>Prioriterar.</p></latitude>";

/* `head`, then `open` 200,000 times, as many `close`, then `tail`. */
static void
make_nested(const char *path, const char *head, const char *open, const char *close,
    const char *tail)
{
	struct av_buf b = {0};
	size_t i;
	av_buf_adds(&b, head);
	for (i = 0; i < 200000; i++)
		av_buf_adds(&b, open);
	for (i = 0; i < 200000; i++)
		av_buf_adds(&b, close);
	av_buf_adds(&b, tail);
	write_bytes(path, b.data, b.len);
	av_buf_free(&b);
}

static void
make_deep(const char *path)
{
	make_nested(path, "<collaboration id=\"djup\" version=\"1\" xml:lang=\"sv\">\n<purpose>\n",
	    "<p>", "</p>", "\n</purpose>\n</collaboration>\n");
}

static void
make_deep_fo(const char *path)
{
	make_nested(path, "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">\n",
	    "<fo:block>", "</fo:block>", "\n</fo:root>\n");
}

static void
make_deep_diagram(const char *path)
{
	make_nested(path, "<d:diagram xmlns:d=\"urn:ansvar:diagram\">\n", "<d:node>", "</d:node>",
	    "\n</d:diagram>\n");
}

/* 100 MB of a well-formed collaboration: one long purpose. */
static void
make_huge(const char *path)
{
	static const char head[] = "<collaboration id=\"stor\" version=\"1\" xml:lang=\"sv\">\n"
	    "<title>Stor</title>\n<purpose>\n";
	static const char tail[] = "</purpose>\n</collaboration>\n";
	char line[1024];
	FILE *fp = fopen(path, "wb");
	size_t len = 0;

	cr_assert_not_null(fp);
	memset(line, 'a', sizeof line);
	memcpy(line, "<p>", 3);
	memcpy(line + sizeof line - 5, "</p>\n", 5);
	fputs(head, fp);
	len += sizeof head - 1;
	while (len + sizeof line + sizeof tail <= HUGE_BYTES) {
		fwrite(line, 1, sizeof line, fp);
		len += sizeof line;
	}
	for (; len + sizeof tail - 1 < HUGE_BYTES; len++)
		fputc('\n', fp);
	fputs(tail, fp);
	cr_assert_eq(fclose(fp), 0);
}

/* `n` roles: unrelated, in one reports-to cycle, or in a tree where each
 * also escalates to three others (more lines to route around the boxes
 * than a diagram draws). */
enum roles_shape { ROLES_UNRELATED, ROLES_CYCLE, ROLES_DENSE };

static void
make_roles(const char *path, size_t n, enum roles_shape shape)
{
	struct av_buf b = {0};
	size_t i;
	av_buf_adds(&b, "<collaboration id=\"manga\" version=\"1\" xml:lang=\"sv\">\n<title>Många roller</title>\n");
	for (i = 0; i < n; i++) {
		av_buf_printf(&b, "<role id=\"r%zu\"><name>Roll %zu</name>%s", i, i, role_body);
		if (shape == ROLES_CYCLE)
			av_buf_printf(&b, "<reports-to role=\"r%zu\"/>", (i + 1) % n);
		if (shape == ROLES_DENSE && i > 0)
			av_buf_printf(&b, "<reports-to role=\"r%zu\"/>", (i - 1) / 3);
		if (shape == ROLES_DENSE)
			av_buf_printf(&b, "<escalates-to role=\"r%zu\"/><escalates-to role=\"r%zu\"/>"
			    "<escalates-to role=\"r%zu\"/>", (i * 7 + 1) % n, (i * 13 + 5) % n,
			    (i * 31 + 11) % n);
		av_buf_adds(&b, "</role>\n");
	}
	av_buf_adds(&b, "</collaboration>\n");
	write_bytes(path, b.data, b.len);
	av_buf_free(&b);
}

static void make_10000_roles(const char *path) { make_roles(path, 10000, ROLES_UNRELATED); }
static void make_cycle_500(const char *path) { make_roles(path, 500, ROLES_CYCLE); }
static void make_many_relations(const char *path) { make_roles(path, 300, ROLES_DENSE); }

static void
make_self_report(const char *path)
{
	char *s = av_xasprintf("<collaboration id=\"sjalv\" version=\"1\" xml:lang=\"sv\">\n"
	    "<title>Själv</title>\n"
	    "<role id=\"a\" kind=\"owner\"><name>Ägare</name>%s<reports-to role=\"a\"/></role>\n"
	    "<role id=\"b\" kind=\"lead\"><name>Ledare</name>%s<member-of role=\"b\"/></role>\n"
	    "</collaboration>\n", role_body, role_body);
	write_bytes(path, s, strlen(s));
	free(s);
}

/* A 5000-letter word in a role's name (the diagram box), an item and the
 * title: it must be broken, never run past the margin. */
static void
make_long_word(const char *path)
{
	struct av_buf w = {0}, b = {0};
	size_t i;
	for (i = 0; i < 5000; i++)
		av_buf_addc(&w, "ansvarig"[i % 8]);
	av_buf_printf(&b, "<collaboration id=\"langt\" version=\"1\" xml:lang=\"sv\">\n"
	    "<title>%s</title>\n"
	    "<governance><p>Styrgruppen avgör.</p></governance>\n"
	    "<role id=\"a\" kind=\"owner\"><name>%s</name>"
	    "<responsibilities><item>Leder %s arbetet.</item></responsibilities>"
	    "<expectations><item>Deltar.</item></expectations>"
	    "<authority><item>Beslutar.</item></authority>"
	    "<latitude><p>Prioriterar.</p></latitude></role>\n"
	    "<role id=\"b\" kind=\"lead\"><name>Ledare</name>%s<reports-to role=\"a\"/></role>\n"
	    "</collaboration>\n", w.data, w.data, w.data, role_body);
	write_bytes(path, b.data, b.len);
	av_buf_free(&b);
	av_buf_free(&w);
}

/* Byte sequences that are not UTF-8, one per line of a role name. */
static void
make_bad_utf8(const char *path, const char *bytes)
{
	char *s = av_xasprintf("<collaboration id=\"utf\" version=\"1\" xml:lang=\"sv\">\n"
	    "<title>Roller</title>\n<role id=\"a\"><name>Pro%sjekt</name></role>\n</collaboration>\n", bytes);
	write_bytes(path, s, strlen(s));
	free(s);
}
static void make_overlong(const char *path) { make_bad_utf8(path, "\xc0\xaf"); }
static void make_surrogate(const char *path) { make_bad_utf8(path, "\xed\xa0\x80"); }
static void make_beyond_unicode(const char *path) { make_bad_utf8(path, "\xf4\x90\x80\x80"); }
static void make_truncated_utf8(const char *path) { make_bad_utf8(path, "\xe2\x82"); }

static const char fo_head[] =
    "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">\n"
    "<fo:layout-master-set><fo:simple-page-master master-name=\"a4\" page-width=\"210mm\" "
    "page-height=\"297mm\" margin=\"20mm\"><fo:region-body/></fo:simple-page-master>"
    "</fo:layout-master-set>\n"
    "<fo:page-sequence master-reference=\"a4\"><fo:flow flow-name=\"xsl-region-body\">\n";
static const char fo_tail[] = "</fo:flow></fo:page-sequence></fo:root>\n";

static void
make_pages(const char *path, size_t n)
{
	struct av_buf b = {0};
	size_t i;
	av_buf_adds(&b, fo_head);
	for (i = 1; i <= n; i++)
		av_buf_printf(&b, "<fo:block break-before=\"page\">Sida %zu</fo:block>\n", i);
	av_buf_adds(&b, fo_tail);
	write_bytes(path, b.data, b.len);
	av_buf_free(&b);
}
static void make_pages_at_limit(const char *path) { make_pages(path, AV_FO_MAX_PAGES); }
static void make_pages_over_limit(const char *path) { make_pages(path, AV_FO_MAX_PAGES + 1); }

static void
make_table(const char *path)
{
	struct av_buf b = {0};
	size_t i;
	av_buf_adds(&b, fo_head);
	av_buf_adds(&b, "<fo:table><fo:table-column column-width=\"40mm\"/>"
	    "<fo:table-column column-width=\"120mm\"/><fo:table-body>\n");
	for (i = 1; i <= 10000; i++)
		av_buf_printf(&b, "<fo:table-row><fo:table-cell><fo:block>Rad %zu</fo:block></fo:table-cell>"
		    "<fo:table-cell><fo:block>Ansvar och befogenheter</fo:block></fo:table-cell>"
		    "</fo:table-row>\n", i);
	av_buf_adds(&b, "</fo:table-body></fo:table>\n");
	av_buf_adds(&b, fo_tail);
	write_bytes(path, b.data, b.len);
	av_buf_free(&b);
}

static void
make_nul_fo(const char *path)
{
	static const char text[] = "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">\n"
	    "<fo:layout-master-set/>\0\n</fo:root>\n";
	write_bytes(path, text, sizeof text - 1);
}

static void
make_bad_utf8_fo(const char *path)
{
	static const char text[] = "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">\n"
	    "<fo:layout-master-set/>\n<!-- Projekt\xe4gare -->\n</fo:root>\n";
	write_bytes(path, text, sizeof text - 1);
}

/* A collaboration whose logo is `src`, beside what make_logo_* puts there. */
static void
write_logo_collab(const char *path, const char *src)
{
	char *s = av_xasprintf("<collaboration id=\"logo\" version=\"1\" xml:lang=\"sv\">\n"
	    "<title>Logotyp</title>\n<logo src=\"%s\"/>\n"
	    "<role id=\"a\" kind=\"owner\"><name>Ägare</name>%s</role>\n</collaboration>\n",
	    src, role_body);
	write_bytes(path, s, strlen(s));
	free(s);
}

static void
make_logo_dir(const char *path)
{
	char *dir = av_dirname(path), *sub = av_path_join(dir, "bilder");
	cr_assert_eq(av_mkdir_p(sub), 0);
	write_logo_collab(path, "bilder");
	free(sub);
	free(dir);
}

static void
make_logo_fifo(const char *path)
{
	char *dir = av_dirname(path), *fifo = av_path_join(dir, "logo.png");
	cr_assert_eq(mkfifo(fifo, 0644), 0, "%s", strerror(errno));
	write_logo_collab(path, "logo.png");
	free(fifo);
	free(dir);
}

/* The input itself a FIFO: refused as not a regular file, at once. */
static void
make_input_fifo(const char *path)
{
	cr_assert_eq(mkfifo(path, 0644), 0, "%s", strerror(errno));
}

static void
make_logo_device(const char *path)
{
	/* far enough up to reach / from any sandbox */
	write_logo_collab(path, "../../../../../../../../../../../../../../../../../../../../dev/zero");
}

/* A PNG header claiming 20000 x 20000 pixels: refused before decoding. */
static void
make_logo_bomb(const char *path)
{
	static const unsigned char png[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
		0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 6, 0, 0, 0,
		0x2f, 0x5e, 0x7f, 0x26,
	};
	char *dir = av_dirname(path), *logo = av_path_join(dir, "logo.png");
	write_bytes(logo, png, sizeof png);
	write_logo_collab(path, "logo.png");
	free(logo);
	free(dir);
}

/* An FO whose external graphics are a URL, a device, a directory, a file
 * that is not PNG, a PNG bomb and a missing file: each a warning, none
 * read but the header of the bomb; the PDF is written without them. */
static void
make_fo_images(const char *path)
{
	static const char *const srcs[] = {
		"https://example.se/logo.png", "/dev/zero", "url(/etc)", "file:///etc/passwd",
		"bomb.png", "saknas.png",
	};
	char *dir = av_dirname(path), *bomb = av_path_join(dir, "bomb.xml");
	struct av_buf b = {0};
	size_t i;

	/* the PNG bomb of the logo case, as bomb.png beside the FO */
	make_logo_bomb(bomb);
	unlink(bomb);
	{
		char *from = av_path_join(dir, "logo.png"), *to = av_path_join(dir, "bomb.png");
		cr_assert_eq(rename(from, to), 0);
		free(from);
		free(to);
	}
	av_buf_adds(&b, fo_head);
	for (i = 0; i < sizeof srcs / sizeof srcs[0]; i++)
		av_buf_printf(&b, "<fo:block>Bild %zu: <fo:external-graphic src=\"%s\"/></fo:block>\n",
		    i + 1, srcs[i]);
	av_buf_adds(&b, fo_tail);
	write_bytes(path, b.data, b.len);
	av_buf_free(&b);
	free(bomb);
	free(dir);
}

/* ---- The cases ---- */

enum command { RENDER, CHECK, FO, DIAGRAM };

struct hcase {
	const char *name;       /* tests/hostile/NAME.diag and .files */
	enum command cmd;
	const char *input;      /* file name below in/ */
	const char *fixture;    /* copied into in/ from the source tree, or NULL */
	const char *extra;      /* a second fixture file copied beside it, or NULL */
	maker make;             /* or made here */
	int status;             /* the exit status expected */
};

static const struct hcase cases[] = {
	/* External entities, DTDs, entity expansion: refused before parsing. */
	{ "external-entity", RENDER, "external-entity.xml", "tests/check/external-entity.xml", NULL, NULL, 1 },
	{ "external-dtd", RENDER, "external-dtd.xml", "tests/check/external-dtd.xml", NULL, NULL, 1 },
	{ "entity-bomb", RENDER, "entity-bomb.xml", "tests/check/entity-bomb.xml", NULL, NULL, 1 },
	{ "undeclared-entity", RENDER, "undeclared-entity.xml", "tests/check/undeclared-entity.xml", NULL, NULL, 1 },
	{ "fo-entity-bomb", FO, "entity-bomb.fo", "tests/hostile/entity-bomb.fo", NULL, NULL, 1 },
	{ "fo-external-entity", FO, "external-entity.fo", "tests/hostile/external-entity.fo", NULL, NULL, 1 },
	{ "diagram-entity-bomb", DIAGRAM, "diagram-entity-bomb.xml", "tests/hostile/diagram-entity-bomb.xml", NULL, NULL, 1 },
	{ "xinclude", RENDER, "xinclude.xml", "tests/hostile/xinclude.xml", NULL, NULL, 1 },
	/* Nesting 200,000 deep. */
	{ "deep", RENDER, "deep.xml", NULL, NULL, make_deep, 1 },
	{ "fo-deep", FO, "deep.fo", NULL, NULL, make_deep_fo, 1 },
	{ "diagram-deep", DIAGRAM, "deep.xml", NULL, NULL, make_deep_diagram, 1 },
	/* Bytes that are not XML text. */
	{ "invalid-utf8", RENDER, "invalid-utf8.xml", "tests/check/invalid-utf8.xml", NULL, NULL, 1 },
	{ "overlong-utf8", CHECK, "overlong.xml", NULL, NULL, make_overlong, 1 },
	{ "surrogate-utf8", CHECK, "surrogate.xml", NULL, NULL, make_surrogate, 1 },
	{ "beyond-unicode", CHECK, "beyond.xml", NULL, NULL, make_beyond_unicode, 1 },
	{ "truncated-utf8", CHECK, "truncated.xml", NULL, NULL, make_truncated_utf8, 1 },
	{ "utf16", RENDER, "utf16.xml", "tests/check/utf16.xml", NULL, NULL, 1 },
	{ "nul-byte", RENDER, "nul-byte.xml", "tests/check/nul-byte.xml", NULL, NULL, 1 },
	{ "fo-nul-byte", FO, "nul.fo", NULL, NULL, make_nul_fo, 1 },
	{ "fo-invalid-utf8", FO, "utf8.fo", NULL, NULL, make_bad_utf8_fo, 1 },
	/* Ids that would make paths. */
	{ "id-parent", RENDER, "id-parent.xml", "tests/hostile/id-parent.xml", NULL, NULL, 1 },
	{ "id-absolute", RENDER, "id-absolute.xml", "tests/hostile/id-absolute.xml", NULL, NULL, 1 },
	{ "role-ids", RENDER, "role-ids.xml", "tests/hostile/role-ids.xml", NULL, NULL, 1 },
	{ "reserved-id", RENDER, "reserved-id.xml", "tests/check/reserved-id.xml", NULL, NULL, 1 },
	{ "device-name", RENDER, "device-name.xml", "tests/check/device-name.xml", NULL, NULL, 0 },
	/* The logo: never fetched, never read unless a regular PNG file. */
	{ "logo-url", RENDER, "logo-url.xml", "tests/check/logo-url.xml", NULL, NULL, 1 },
	{ "logo-absolute", RENDER, "logo-absolute.xml", "tests/check/logo-absolute.xml", NULL, NULL, 1 },
	{ "logo-missing", RENDER, "logo-missing.xml", "tests/check/logo-missing.xml", NULL, NULL, 1 },
	{ "logo-not-png", RENDER, "logo-not-png.xml", "tests/check/logo-not-png.xml", "tests/check/not-a-png.png", NULL, 1 },
	{ "logo-directory", RENDER, "logo.xml", NULL, NULL, make_logo_dir, 1 },
	{ "logo-fifo", RENDER, "logo.xml", NULL, NULL, make_logo_fifo, 1 },
	{ "logo-device", RENDER, "logo.xml", NULL, NULL, make_logo_device, 1 },
	{ "logo-bomb", RENDER, "logo.xml", NULL, NULL, make_logo_bomb, 1 },
	{ "fo-images", FO, "bilder.fo", NULL, NULL, make_fo_images, 0 },
	/* Inputs that are not there, or not files. */
	{ "missing-input", RENDER, "saknas.xml", NULL, NULL, NULL, 1 },
	{ "url-input", CHECK, "https://example.se/samverkan.xml", NULL, NULL, NULL, 1 },
	{ "fifo-input", RENDER, "ror.xml", NULL, NULL, make_input_fifo, 1 },
	/* Sizes and shapes: limits, or bounded work. */
	{ "huge", RENDER, "stor.xml", NULL, NULL, make_huge, 1 },
	{ "fo-huge", FO, "stor.fo", NULL, NULL, make_huge, 1 },
	{ "diagram-huge", DIAGRAM, "stor.xml", NULL, NULL, make_huge, 1 },
	{ "roles-10000", RENDER, "roller.xml", NULL, NULL, make_10000_roles, 1 },
	{ "diagram-many-relations", DIAGRAM, "tat.xml", NULL, NULL, make_many_relations, 0 },
	{ "diagram-self-relation", DIAGRAM, "lint-self-relation.xml", "tests/check/lint-self-relation.xml", NULL, NULL, 0 },
	{ "cycle-500", CHECK, "cykel.xml", NULL, NULL, make_cycle_500, 1 },
	{ "self-report", RENDER, "sjalv.xml", NULL, NULL, make_self_report, 1 },
	{ "self-relation", CHECK, "lint-self-relation.xml", "tests/check/lint-self-relation.xml", NULL, NULL, 0 },
	{ "long-word", RENDER, "langt.xml", NULL, NULL, make_long_word, 0 },
	{ "fo-pages-at-limit", FO, "sidor.fo", NULL, NULL, make_pages_at_limit, 0 },
	{ "fo-pages-over-limit", FO, "sidor.fo", NULL, NULL, make_pages_over_limit, 1 },
	{ "fo-table-10000-rows", FO, "tabell.fo", NULL, NULL, make_table, 0 },
};

/* Every word pdftotext finds on every page of `pdf` stays within `margin`
 * pt of the page's edges; returns how many letters of the long word (only
 * the letters of "ansvarig", and hyphens) were seen. */
static size_t
words_within(const char *pdf, double margin)
{
	char *html = NULL, *q = th_shquote(pdf);
	const char *p;
	double pw = 0, ph = 0;
	size_t letters = 0;

	cr_assert_eq(th_sh(&html, NULL, "pdftotext -bbox %s -", q), 0, "%s", pdf);
	for (p = html; (p = strchr(p, '<')) != NULL; p++) {
		double x0, y0, x1, y1;
		int used;
		if (sscanf(p, "<page width=\"%lf\" height=\"%lf\"", &pw, &ph) == 2)
			continue;
		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%n",
		    &x0, &y0, &x1, &y1, &used) != 4)
			continue;
		cr_expect(x0 >= margin - 0.5 && x1 <= pw - margin + 0.5 && y0 >= -0.5 && y1 <= ph + 0.5,
		    "%s: a word at x %.1f..%.1f, y %.1f..%.1f on a %.1f x %.1f page passes the %.1f pt "
		    "margin: %.60s", pdf, x0, x1, y0, y1, pw, ph, margin, p + used);
		/* a piece of the long word: its letters only, then perhaps a
		 * hyphen (or a soft hyphen, as pango's text of a break), up to
		 * the end of the word element */
		{
			const char *w = p + used;
			size_t k = strspn(w, "ansvrig");
			if (k > 0 && (strncmp(w + k, "<", 1) == 0 || strncmp(w + k, "-<", 2) == 0 ||
			    strncmp(w + k, "\xc2\xad<", 3) == 0))
				letters += k;
		}
	}
	free(html);
	free(q);
	return letters;
}

/* The 5000-letter word is broken in the complete document, the handout and
 * the diagram, never past the margin (25 mm in the templates' pages, 36 pt
 * around the standalone diagram). */
static void
expect_within_margins(const char *box)
{
	static const struct {
		const char *file;
		double margin;
	} pdfs[] = {
		{ "out/langt.pdf", 25 * 72 / 25.4 },
		{ "out/langt/a.pdf", 25 * 72 / 25.4 },
		{ "out/langt/organisation.pdf", 36 },
	};
	size_t i;

	for (i = 0; i < sizeof pdfs / sizeof pdfs[0]; i++) {
		char *pdf = av_path_join(box, pdfs[i].file);
		size_t letters = words_within(pdf, pdfs[i].margin);
		cr_expect_geq(letters, 5000, "%s: the long word is not all there (%zu letters)",
		    pdfs[i].file, letters);
		free(pdf);
	}
}

/* Runs one case; the sandbox stays for the checks that follow. */
static char *
run_case(const struct hcase *c, struct outcome *o)
{
	char *in, *box = sandbox(c->name, &in);
	/* a URL stands for itself; anything else is a file below in/ */
	char *input = strstr(c->input, "://") ? av_xstrdup(c->input) : av_xasprintf("in/%s", c->input);
	const char *args[12];
	size_t n = 0;

	if (c->fixture)
		copy_fixture(c->fixture, in);
	if (c->extra)
		copy_fixture(c->extra, in);
	if (c->make) {
		char *path = av_path_join(in, c->input);
		c->make(path);
		free(path);
	}
	switch (c->cmd) {
	case RENDER:
		args[n++] = "render";
		args[n++] = "-q";
		args[n++] = "-j";
		args[n++] = "1";
		args[n++] = "-o";
		args[n++] = "out";
		break;
	case CHECK:
		args[n++] = "check";
		break;
	case FO:
		args[n++] = "fo";
		args[n++] = "-o";
		args[n++] = "out/fo.pdf";
		break;
	case DIAGRAM:
		args[n++] = "diagram";
		args[n++] = "-o";
		args[n++] = "out/diagram.svg";
		break;
	default:
		cr_assert_fail("unknown command");
	}
	args[n++] = input;
	args[n] = NULL;
	run_in(box, args, o);
	o->files = list_sandbox(box);
	if (c->make == make_huge) {
		/* 100 MB: not kept */
		char *path = av_path_join(in, c->input);
		unlink(path);
		free(path);
	}
	free(input);
	free(in);
	return box;
}

static void
free_outcome(struct outcome *o)
{
	free(o->text);
	free(o->files);
}

/* The sandbox itself: a process that opens an internet socket dies. */
Test(hostile, the_sandbox_has_no_network)
{
	int status;
	pid_t pid = fork();

	cr_assert_neq(pid, -1);
	if (pid == 0) {
		if (forbid_network() != 0)
			_exit(124);
		/* a local socket is allowed, an internet one never */
		if (socket(AF_UNIX, SOCK_STREAM, 0) == -1)
			_exit(1);
		socket(AF_INET, SOCK_STREAM, 0);
		_exit(0);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert_neq(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 124, "seccomp is not available");
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS,
	    "the child was not killed for opening a socket (status %d)", status);
}

/* Criterion runs each parameter in a fresh process of this program, where
 * the case table's pointers may differ (PIE): it passes an index. */
#define NCASES (sizeof cases / sizeof cases[0])

ParameterizedTestParameters(hostile, cases)
{
	size_t *v = cr_malloc(NCASES * sizeof *v), i;
	for (i = 0; i < NCASES; i++)
		v[i] = i;
	return cr_make_param_array(size_t, v, NCASES);
}

ParameterizedTest(size_t *index, hostile, cases, .timeout = 900)
{
	const struct hcase *c = &cases[*index];
	struct outcome o;
	char *box = run_case(c, &o);

	expect_outcome(c->name, &o, c->status);
	/* Where the typesetter ran, all of it is there. */
	if (strcmp(c->name, "fo-pages-at-limit") == 0) {
		char *pdf = av_path_join(box, "out/fo.pdf"), *last;
		cr_expect_eq(th_pdf_pages(pdf), AV_FO_MAX_PAGES);
		last = th_pdftotext_page(pdf, AV_FO_MAX_PAGES);
		cr_expect(strstr(last, "Sida 10000") != NULL, "last page: %s", last);
		free(last);
		free(pdf);
	}
	if (strcmp(c->name, "fo-table-10000-rows") == 0) {
		char *pdf = av_path_join(box, "out/fo.pdf"), *last;
		int pages = th_pdf_pages(pdf);
		cr_expect_gt(pages, 100);
		last = th_pdftotext_page(pdf, pages);
		cr_expect(strstr(last, "Rad 10000") != NULL, "last page: %s", last);
		free(last);
		free(pdf);
	}
	if (strcmp(c->name, "long-word") == 0)
		expect_within_margins(box);
	free_outcome(&o);
	free(box);
}
