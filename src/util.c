/* util.c -- allocation, growable buffers, atomic files, input expansion, name matching. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <pthread.h>
#include <unistd.h>

#include "util.h"

static void
oom(size_t n)
{
	fprintf(stderr, "ansvar: out of memory (%zu bytes)\n", n);
	abort();
}

void *
av_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

void *
av_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
av_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

void *
av_xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			oom(SIZE_MAX);
		c *= 2;
	}
	p = av_xrealloc(p, c * size);
	*cap = c;
	return p;
}

char *
av_xstrdup(const char *s)
{
	return s ? av_xstrndup(s, strlen(s)) : NULL;
}

char *
av_xstrndup(const char *s, size_t n)
{
	char *p = av_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
av_xasprintf(const char *fmt, ...)
{
	struct av_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	av_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return av_buf_take(&b);
}

void
av_buf_reserve(struct av_buf *b, size_t need)
{
	b->data = av_xgrow(b->data, &b->cap, need, 1);
}

void
av_buf_adds(struct av_buf *b, const char *s)
{
	av_buf_add(b, s, strlen(s));
}

void
av_buf_addc(struct av_buf *b, char c)
{
	av_buf_add(b, &c, 1);
}

void
av_buf_vprintf(struct av_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	b->data = av_xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
av_buf_printf(struct av_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	av_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
av_buf_reset(struct av_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *
av_buf_take(struct av_buf *b)
{
	char *p = b->data ? b->data : av_xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
av_buf_free(struct av_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
av_read_file(const char *path, size_t limit, char **out, size_t *len)
{
	struct stat st;
	struct av_buf b = {0};
	char chunk[65536];
	ssize_t r;
	int fd, saved;

	*out = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (it is then
	 * refused as not a regular file). */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto err;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto err;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto err;
	}
	if ((size_t)st.st_size > limit) {
		errno = EFBIG;
		goto err;
	}
	for (;;) {
		r = read(fd, chunk, sizeof chunk);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			goto err;
		}
		if (r == 0)
			break;
		av_buf_add(&b, chunk, (size_t)r);
		if (b.len > limit) {
			errno = EFBIG;
			goto err;
		}
	}
	close(fd);
	if (b.data == NULL)
		av_buf_add(&b, "", 0);
	*len = b.len;
	*out = av_buf_take(&b);
	return 0;
err:
	saved = errno;
	close(fd);
	av_buf_free(&b);
	errno = saved;
	return -1;
}

static mode_t file_mode = 0644;
static pthread_once_t file_mode_once = PTHREAD_ONCE_INIT;

/* umask() can only be read by setting it; do that once, before any thread
 * of ours writes files. */
static void
read_umask(void)
{
	mode_t m = umask(022);
	umask(m);
	file_mode = 0666 & ~m;
}

/* Temporary files are named ".NAME.avtmp-PID-XXXXXX" beside their target. */
#define TMP_MARK ".avtmp-"

/* The test hook of util.h: whether this call is the ANSVAR_TEST_KILL_AT-th
 * of this process. */
static int
test_kill_point(void)
{
	static long at = -1, calls;
	if (at == -1) {
		const char *s = getenv("ANSVAR_TEST_KILL_AT");
		at = s && *s ? strtol(s, NULL, 10) : 0;
	}
	return at > 0 && ++calls == at;
}

int
av_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

const char *
av_read_error(int err)
{
	return err == EINVAL ? "not a regular file (a pipe, a device or a socket)" : strerror(err);
}

/* Files written together are flushed together: writeback of each is
 * started as soon as it is written (sync_file_range), and only then is
 * each fsync()ed, so the journal commits one fsync() makes cover the
 * files after it, whose fsync() then finds little left to wait for.
 * Flushing each file before writing the next made a commit per file:
 * about 5% of a batch's time with two workers.  (dpkg flushes its files
 * the same way.)  At most this many files are open at once. */
#define WRITE_GROUP 64

/* Writes f[0..n) (a group) as described in util.h; on failure *failed is
 * the file that failed and the group's files not yet renamed are gone. */
static int
write_group(const struct av_file_write *f, size_t n, size_t *failed)
{
	char *tmp[WRITE_GROUP];
	int fd[WRITE_GROUP];
	size_t i, j;
	int saved;

	for (i = 0; i < n; i++) {
		tmp[i] = NULL;
		fd[i] = -1;
	}
	pthread_once(&file_mode_once, read_umask);
	for (i = 0; i < n; i++) {
		char *dir = av_dirname(f[i].path);
		const char *base = strrchr(f[i].path, '/');
		base = base ? base + 1 : f[i].path;
		tmp[i] = av_xasprintf("%s/.%s" TMP_MARK "%ld-XXXXXX", dir, base, (long)getpid());
		free(dir);
		if ((fd[i] = mkstemp(tmp[i])) == -1) {
			free(tmp[i]);
			tmp[i] = NULL;
			goto fail;
		}
		if (test_kill_point()) {
			/* Half a temporary file, then kill -9 of the whole batch. */
			ssize_t half = write(fd[i], f[i].data, f[i].len / 2);
			(void)half;
			kill(0, SIGKILL);
		}
		if (av_write_all(fd[i], f[i].data, f[i].len) != 0 || fchmod(fd[i], file_mode) == -1)
			goto fail;
#ifdef SYNC_FILE_RANGE_WRITE
		/* only a head start: fsync() below reports any error */
		(void)sync_file_range(fd[i], 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	}
	for (i = 0; i < n; i++) {
		if (fsync(fd[i]) == -1)
			goto fail;
		if (close(fd[i]) == -1) {
			fd[i] = -1;
			goto fail;
		}
		fd[i] = -1;
	}
	for (i = 0; i < n; i++) {
		if (rename(tmp[i], f[i].path) == -1)
			goto fail;
		free(tmp[i]);
		tmp[i] = NULL;
	}
	return 0;
fail:
	saved = errno;
	*failed = i;
	for (j = 0; j < n; j++) {
		if (fd[j] != -1)
			close(fd[j]);
		if (tmp[j] != NULL)
			unlink(tmp[j]);
		free(tmp[j]);
	}
	errno = saved;
	return -1;
}

int
av_write_atomic_files(const struct av_file_write *f, size_t n, size_t *failed)
{
	size_t i, k;
	for (i = 0; i < n; i += k) {
		k = n - i < WRITE_GROUP ? n - i : WRITE_GROUP;
		if (write_group(f + i, k, failed) != 0) {
			*failed += i;
			return -1;
		}
	}
	return 0;
}

int
av_write_atomic(const char *path, const void *data, size_t len)
{
	struct av_file_write f = { path, data, len };
	size_t failed;
	return av_write_atomic_files(&f, 1, &failed);
}

/* Whether the process that wrote a temporary file still runs: it exists
 * and is not a zombie (the workers of a batch killed a moment ago may not
 * have been reaped yet when the next run starts). */
static int
writer_running(long pid)
{
	char path[64], buf[512];
	const char *paren;
	ssize_t n;
	int fd;

	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		return 0;
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	/* "PID (COMMAND) STATE ...": the command may hold anything. */
	if ((paren = strrchr(buf, ')')) == NULL || paren[1] != ' ')
		return 1;
	return paren[2] != 'Z' && paren[2] != 'X';
}

void
av_clean_temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *m;
		char *end, *path;
		long pid;

		if (e->d_name[0] != '.' || (m = strstr(e->d_name, TMP_MARK)) == NULL)
			continue;
		pid = strtol(m + strlen(TMP_MARK), &end, 10);
		if (end == m + strlen(TMP_MARK) || *end != '-' || pid <= 0)
			continue;
		/* Leave the files of a writer that is still running. */
		if (pid != (long)getpid() && writer_running(pid))
			continue;
		path = av_path_join(dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

int
av_mkdir_p(const char *path)
{
	char *p = av_xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) == -1 && errno != EEXIST) {
				rc = -1;
				break;
			}
			if (!av_is_dir(p)) {
				errno = ENOTDIR;
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

enum av_png_probe
av_png_probe(const char *path, unsigned *w, unsigned *h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char head[24];
	struct stat st;
	ssize_t r;
	int fd, saved;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return AV_PNG_UNREADABLE;
	if (fstat(fd, &st) == -1 || S_ISDIR(st.st_mode)) {
		saved = S_ISDIR(st.st_mode) ? EISDIR : errno;
		close(fd);
		errno = saved;
		return AV_PNG_UNREADABLE;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return AV_PNG_NOT_FILE;
	}
	r = read(fd, head, sizeof head);
	close(fd);
	/* The signature, then the IHDR chunk: length 13, type, width, height. */
	if (r != (ssize_t)sizeof head || memcmp(head, sig, 8) != 0 || memcmp(head + 12, "IHDR", 4) != 0)
		return AV_PNG_NOT_PNG;
	*w = (unsigned)head[16] << 24 | (unsigned)head[17] << 16 | (unsigned)head[18] << 8 | head[19];
	*h = (unsigned)head[20] << 24 | (unsigned)head[21] << 16 | (unsigned)head[22] << 8 | head[23];
	return *w > 0 && *h > 0 ? AV_PNG_OK : AV_PNG_NOT_PNG;
}

int
av_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
av_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

char *
av_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	if (la == 0)
		return av_xstrdup(b);
	if (a[la - 1] == '/')
		return av_xasprintf("%s%s", a, b);
	return av_xasprintf("%s/%s", a, b);
}

char *
av_dirname(const char *path)
{
	const char *s = strrchr(path, '/');
	if (s == NULL)
		return av_xstrdup(".");
	if (s == path)
		return av_xstrdup("/");
	return av_xstrndup(path, (size_t)(s - path));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct strv {
	char **v;
	size_t n, cap;
};

static void
strv_push(struct strv *sv, char *s)
{
	sv->v = av_xgrow(sv->v, &sv->cap, sv->n + 2, sizeof *sv->v);
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

/* Whether `name` ends in `suffix` (NULL: any name). */
static int
has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), ns;
	if (suffix == NULL)
		return 1;
	ns = strlen(suffix);
	return n > ns && strcmp(name + n - ns, suffix) == 0;
}

static void
walk(const char *dir, const char *suffix, struct strv *out, int depth,
    void (*report)(const char *, int, void *), void *ctx)
{
	DIR *d;
	struct dirent *e;
	struct strv names = {0};
	size_t i;

	if (depth > 64) {
		if (report)
			report(dir, ELOOP, ctx);
		return;
	}
	if ((d = opendir(dir)) == NULL) {
		if (report)
			report(dir, errno, ctx);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		strv_push(&names, av_path_join(dir, e->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (i = 0; i < names.n; i++) {
		struct stat st;
		if (lstat(names.v[i], &st) == -1) {
			if (report)
				report(names.v[i], errno, ctx);
			free(names.v[i]);
		} else if (S_ISDIR(st.st_mode)) {
			walk(names.v[i], suffix, out, depth + 1, report, ctx);
			free(names.v[i]);
		} else if (has_suffix(names.v[i], suffix) && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
			strv_push(out, names.v[i]);
		} else {
			free(names.v[i]);
		}
	}
	free(names.v);
}

char **
av_expand_inputs(char *const *inputs, int ninputs, size_t *n,
    void (*report)(const char *path, int err, void *ctx), void *ctx)
{
	struct strv out = {0};
	int i;

	for (i = 0; i < ninputs; i++) {
		if (av_is_dir(inputs[i])) {
			struct strv sub = {0};
			size_t j;
			walk(inputs[i], ".xml", &sub, 0, report, ctx);
			for (j = 0; j < sub.n; j++)
				strv_push(&out, sub.v[j]);
			free(sub.v);
		} else {
			strv_push(&out, av_xstrdup(inputs[i]));
		}
	}
	if (out.v == NULL) {
		out.v = av_xcalloc(1, sizeof *out.v);
	}
	*n = out.n;
	return out.v;
}

char **
av_list_files(const char *dir, const char *suffix, size_t *n,
    void (*report)(const char *path, int err, void *ctx), void *ctx)
{
	struct strv out = {0};

	walk(dir, suffix, &out, 0, report, ctx);
	if (out.v == NULL)
		out.v = av_xcalloc(1, sizeof *out.v);
	*n = out.n;
	return out.v;
}

void
av_strv_free(char **v)
{
	char **p;
	if (v == NULL)
		return;
	for (p = v; *p; p++)
		free(*p);
	free(v);
}

static char datadir[PATH_MAX];
static pthread_once_t datadir_once = PTHREAD_ONCE_INIT;

static void
find_datadir(void)
{
	const char *env = getenv("ANSVAR_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env) {
		snprintf(datadir, sizeof datadir, "%s", env);
		return;
	}
	/* An uninstalled build in the source tree: templates/ beside the binary. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash, *probe;
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			probe = av_xasprintf("%s/templates/collaboration.rng", exe);
			if (av_file_exists(probe)) {
				snprintf(datadir, sizeof datadir, "%s", exe);
				free(probe);
				return;
			}
			free(probe);
		}
	}
	snprintf(datadir, sizeof datadir, "%s", PKGDATADIR);
}

const char *
av_datadir(void)
{
	pthread_once(&datadir_once, find_datadir);
	return datadir;
}

const char *
av_hyphendir(void)
{
	const char *env = getenv("ANSVAR_HYPHENDIR");
	return env && *env ? env : HYPHENDIR;
}

size_t
av_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d;
	size_t *prev2, *prev, *row, *t;

	/* Three rows of the Damerau-Levenshtein table (optimal string
	 * alignment): two neighbours swapped count as one edit. */
	prev2 = av_xcalloc(lb + 1, sizeof *prev2);
	prev = av_xmalloc((lb + 1) * sizeof *prev);
	row = av_xmalloc((lb + 1) * sizeof *row);
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	d = prev[lb];
	free(prev2);
	free(prev);
	free(row);
	return d;
}

const char *
av_closest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, i, len = strlen(word), limit;

	/* Up to a third of the word may be wrong, and at least 1, at most 4 edits. */
	limit = len / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 4)
		limit = 4;
	for (i = 0; i < n; i++) {
		size_t d;
		if (cands[i] == NULL)
			continue;
		d = av_edit_distance(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

int
av_valid_id(const char *s)
{
	size_t i;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; s[i]; i++) {
		char c = s[i];
		if (i >= 64)
			return 0;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

int
av_valid_utf8(const char *str, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n, k;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07;
		} else
			goto bad;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += n + 1;
	}
	return 1;
bad:
	if (bad_offset)
		*bad_offset = i;
	return 0;
}
