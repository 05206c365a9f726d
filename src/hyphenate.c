/* hyphenate.c -- where words may be hyphenated: libhyphen patterns for sv/nb/nn and the author's exception words. */
#include "config.h"

#include <fcntl.h>
#include <glib.h>
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hyphenate.h"
#include "util.h"

/* libhyphen implements Liang's patterns with compound minimums, and Debian
 * ships the sv and no pattern files for it; what is ours is the conversion
 * to the files' ISO-8859-1, the exception words, and the loader below.
 *
 * Why a loader of our own: hnj_hyphen_load() builds its automaton through
 * a chained hash of strdup'ed keys, grows every transition array by
 * realloc and hashes every suffix of every state again for the fallback
 * links -- 43 ms for sv and 133 ms for nb/nn per process, more than the
 * rest of a one-page render.  load_patterns() builds the very same
 * HyphenDict (the same states in the same order, the same transitions,
 * fallbacks, matches and minimums, the same implicit first level for
 * hyphens and apostrophes) as a trie in flat arrays, in about a third of
 * the time and a quarter of the page faults; words are still hyphenated by
 * libhyphen's hnj_hyphen_hyphenate3().
 * av_hyph_same() and the word-list test in tests/test_hyphenate.c check
 * the equivalence.  A file using what the loader does not reproduce
 * (NEXTLEVEL, non-standard "/" replacements, NUL bytes, lines longer than
 * libhyphen's buffers) is left to hnj_hyphen_load(). */

struct av_hyph {
	HyphenDict *dict;
	int latin1;             /* the file's character set is ISO-8859-1 */
	int own;                /* built by load_patterns(): free with free_own() */
	struct memo *memo;      /* av_hyphenate()'s answers */
};

/* av_hyphenate()'s answers, by the word's bytes: a struct answer each. */
struct memo {
	GHashTable *words;
	GMutex lock;
};

struct answer {
	size_t count;
	unsigned char breaks[];         /* [0..len] */
};

/* Words remembered per dictionary at most: a batch's vocabulary is some
 * thousands; beyond this the memo starts again.  Longer words than
 * MEMO_WORD_MAX bytes (a long compound is some 40) are not remembered, so
 * the memo stays under a few megabytes whatever the text. */
#define MEMO_MAX 50000
#define MEMO_WORD_MAX 64

/* One level of the automaton as load_patterns() allocates it: the dict
 * (first, so a HyphenDict pointer is also a pointer to this), and one
 * mapping holding its states, transitions and strings. */
struct own_level {
	HyphenDict d;
	void *arena;
	size_t arena_len;
};

/* The automaton of one level while it is built: a trie of the pattern
 * words, its nodes indexed by state number.  A state's number is the one
 * libhyphen gives it -- hnj_hyphen_load_line() numbers a new word's state
 * first, then its new prefixes from the longest down -- so the numbers of
 * a word's new states are reserved together and the trie is filled in
 * place.  The arrays are sized from the file at once (its letters bound
 * the states) in one mapping, of which only what is used is touched; the
 * finished level gets a mapping of its exact size, populated in one
 * system call: page faults were much of libhyphen's time. */
struct builder {
	void *arena;
	size_t arena_len;
	struct bnode {          /* a state while it is built: one cache line at most */
		int first, last, next;  /* children, in the order made */
		int fallback;
		int match;      /* offset in `strings` + 1; 0 for none */
		int ntrans;
		char ch;        /* the letter leading into the state */
	} *nd;
	int *queue;
	size_t n, cap;
	char *strings;
	size_t slen, scap;
	int full;               /* `strings` ran out of room */
	long nohyphen;          /* offset in `strings`, -1 for none */
	int nohyphenl;
	int lhmin, rhmin, clhmin, crhmin;
};

static int
bchild(const struct builder *b, int state, char ch)
{
	int c;
	for (c = b->nd[state].first; c >= 0; c = b->nd[c].next)
		if (b->nd[c].ch == ch)
			return c;
	return -1;
}

static void
bstring(struct builder *b, const char *s, size_t n)
{
	if (b->slen + n > b->scap) {
		b->full = 1;
		return;
	}
	memcpy(b->strings + b->slen, s, n);
	b->slen += n;
}

/* Room for `cap` states besides state 0, the empty key, and `scap` bytes
 * of strings.  Returns -1 when no memory can be mapped. */
static int
bbegin(struct builder *b, size_t cap, size_t scap)
{
	size_t off = 0;
	char *base;
	memset(b, 0, sizeof *b);
	b->cap = cap + 1;
	b->scap = scap;
#define PLACE(field, bytes) do { b->field = (void *)(size_t)off; \
	off += ((bytes) + 15) & ~(size_t)15; } while (0)
	PLACE(nd, b->cap * sizeof *b->nd);
	PLACE(queue, b->cap * sizeof *b->queue);
	PLACE(strings, scap);
#undef PLACE
	b->arena_len = off;
	b->arena = mmap(NULL, off, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b->arena == MAP_FAILED)
		return -1;
	base = b->arena;
	b->nd = (void *)(base + (size_t)b->nd);
	b->queue = (void *)(base + (size_t)b->queue);
	b->strings = base + (size_t)b->strings;
	b->nohyphen = -1;
	b->n = 1;
	b->nd[0].first = b->nd[0].last = b->nd[0].next = b->nd[0].fallback = -1;
	return 0;
}

static void
bdone(struct builder *b)
{
	if (b->arena && b->arena != MAP_FAILED)
		munmap(b->arena, b->arena_len);
	b->arena = NULL;
}

/* hnj_hyphen_load_line() for one line as fgets() gives it (NUL-terminated,
 * with its newline if it has one, shorter than MAX_CHARS, no '/'). */
static void
bline(struct builder *b, const char *buf)
{
	char pattern[MAX_CHARS + 1], word[MAX_CHARS];
	int i, j = 0, d, c, state, base;

	if (strncmp(buf, "LEFTHYPHENMIN", 13) == 0) {
		b->lhmin = atoi(buf + 13);
		return;
	} else if (strncmp(buf, "RIGHTHYPHENMIN", 14) == 0) {
		b->rhmin = atoi(buf + 14);
		return;
	} else if (strncmp(buf, "COMPOUNDLEFTHYPHENMIN", 21) == 0) {
		b->clhmin = atoi(buf + 21);
		return;
	} else if (strncmp(buf, "COMPOUNDRIGHTHYPHENMIN", 22) == 0) {
		b->crhmin = atoi(buf + 22);
		return;
	} else if (strncmp(buf, "NOHYPHEN", 8) == 0) {
		/* the value with its last byte (the newline) cut, commas as
		 * separators: NUL-separated, nohyphenl counting the commas */
		const char *sp = buf + 8;
		char *nh, *e;
		while (*sp == ' ' || *sp == '\t')
			sp++;
		b->nohyphen = (long)b->slen;
		b->nohyphenl = 0;
		bstring(b, sp, strlen(sp) + 1);
		nh = b->strings + b->nohyphen;
		e = nh + strlen(nh) - 1;
		if (e >= nh) {
			*e = '\0';
			for (e = e - 1; e > nh; e--)
				if (*e == ',') {
					b->nohyphenl++;
					*e = '\0';
				}
		}
		return;
	}
	/* letters into the word, digits into the pattern between them */
	pattern[0] = '0';
	for (i = 0; (unsigned char)buf[i] > (unsigned char)' '; i++) {
		if (buf[i] >= '0' && buf[i] <= '9') {
			pattern[j] = buf[i];
		} else {
			word[j] = buf[i];
			pattern[++j] = '0';
		}
	}
	pattern[j + 1] = '\0';
	for (i = 0; pattern[i] == '0'; i++)
		;
	/* the longest prefix there is, then the new states: the one at
	 * depth d numbered base + (j - 1 - d) */
	state = 0;
	for (d = 0; d < j && (c = bchild(b, state, word[d])) >= 0; d++)
		state = c;
	base = (int)b->n;
	if (b->n + (size_t)(j - d) > b->cap) {
		b->full = 1;
		return;
	}
	b->n += (size_t)(j - d);
	for (; d < j; d++) {
		int k = base + (j - 1 - d);
		struct bnode *nk = &b->nd[k], *ns = &b->nd[state];
		nk->first = nk->last = nk->next = -1;
		nk->ch = word[d];
		if (ns->last >= 0)
			b->nd[ns->last].next = k;
		else
			ns->first = k;
		ns->last = k;
		ns->ntrans++;
		state = k;
	}
	b->nd[state].match = (int)b->slen + 1;
	bstring(b, pattern + i, strlen(pattern + i) + 1);
}

/* Fallback links (the longest proper suffix of a state's key that is a
 * state: Aho and Corasick's failure function, computed breadth first),
 * then the finished HyphenDict of one level. */
static HyphenDict *
bfinish(struct builder *b, const char *cset)
{
	struct own_level *o;
	HyphenDict *d;
	size_t n = b->n, i, head = 0, tail = 0, k, len;
	int *queue = b->queue;
	HyphenState *st;
	HyphenTrans *trans;
	char *strings;
	void *arena;
	int c;

	if (b->full) {
		bdone(b);
		return NULL;
	}
	queue[tail++] = 0;
	while (head < tail) {
		int v = queue[head++];
		for (c = b->nd[v].first; c >= 0; c = b->nd[c].next) {
			int f = b->nd[v].fallback, g = -1;
			while (f >= 0 && (g = bchild(b, f, b->nd[c].ch)) < 0)
				f = b->nd[f].fallback;
			b->nd[c].fallback = f < 0 ? 0 : g;
			queue[tail++] = c;
		}
	}
	/* the finished level in a mapping of its exact size */
	len = (n * sizeof *st + n * sizeof *trans + b->slen + 15) & ~(size_t)15;
	arena = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (arena == MAP_FAILED) {
		bdone(b);
		return NULL;
	}
	st = arena;
	trans = (HyphenTrans *)(st + n);
	strings = (char *)(trans + n);
	memcpy(strings, b->strings, b->slen);
	for (i = 0, k = 0; i < n; i++) {
		const struct bnode *bn = &b->nd[i];
		HyphenState *hs = &st[i];
		hs->match = bn->match ? strings + bn->match - 1 : NULL;
		hs->repl = NULL;
		hs->replindex = 0;
		hs->replcut = 0;
		hs->fallback_state = bn->fallback;
		hs->num_trans = bn->ntrans;
		hs->trans = bn->ntrans ? trans + k : NULL;
		for (c = bn->first; c >= 0; c = b->nd[c].next, k++) {
			trans[k].ch = b->nd[c].ch;
			trans[k].new_state = c;
		}
	}
	o = av_xcalloc(1, sizeof *o);
	d = &o->d;
	o->arena = arena;
	o->arena_len = len;
	d->states = st;
	d->num_states = (int)n;
	d->lhmin = (char)b->lhmin;
	d->rhmin = (char)b->rhmin;
	d->clhmin = (char)b->clhmin;
	d->crhmin = (char)b->crhmin;
	d->nohyphen = b->nohyphen >= 0 ? strings + b->nohyphen : NULL;
	d->nohyphenl = b->nohyphenl;
	snprintf(d->cset, sizeof d->cset, "%s", cset);
	d->utf8 = strcmp(d->cset, "UTF-8") == 0;
	bdone(b);
	return d;
}

static void
free_own(HyphenDict *d)
{
	while (d) {
		struct own_level *o = (struct own_level *)d;
		HyphenDict *next = d->nextlevel;
		munmap(o->arena, o->arena_len);
		free(o);
		d = next;
	}
}

/* Builds the automaton hnj_hyphen_load() would build from `data`; NULL when
 * the file uses what only libhyphen's loader handles. */
static HyphenDict *
load_patterns(const char *data, size_t len)
{
	struct builder b;
	char cset[MAX_NAME], buf[MAX_CHARS];
	const char *p = data, *end = data + len;
	HyphenDict *patterns, *first;
	size_t n, i;

	if (memchr(data, '\0', len) != NULL || memchr(data, '/', len) != NULL)
		return NULL;
	/* the charset line, as fgets(cset, MAX_NAME) reads it */
	n = (size_t)((memchr(p, '\n', len) ? (const char *)memchr(p, '\n', len) + 1 : end) - p);
	if (n > MAX_NAME - 1)
		return NULL;
	memset(cset, 0, sizeof cset);
	memcpy(cset, p, n);
	for (i = 0; i < MAX_NAME; i++)
		if (cset[i] == '\r' || cset[i] == '\n')
			cset[i] = '\0';
	p += n;
	/* the letters of the patterns bound the states; the strings (the
	 * digits of each pattern and a NUL) fit in the file's size */
	for (i = (size_t)(p - data), n = 0; i < len; i++)
		n += (unsigned char)data[i] > ' ' && (data[i] < '0' || data[i] > '9');
	if (bbegin(&b, n, len + 16) != 0)
		return NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl + 1 : end) - p);
		if (n > MAX_CHARS - 1 || (n == MAX_CHARS - 1 && nl == NULL)) {
			bdone(&b);
			return NULL;
		}
		memcpy(buf, p, n);
		buf[n] = '\0';
		p += n;
		if (strncmp(buf, "NEXTLEVEL", 9) == 0) {
			bdone(&b);
			return NULL;
		}
		if (buf[0] != '%')
			bline(&b, buf);
	}
	if ((patterns = bfinish(&b, cset)) == NULL)
		return NULL;
	/* the implicit first level: no breaks at hyphens and apostrophes */
	if (bbegin(&b, 16, 64) != 0) {
		free_own(patterns);
		return NULL;
	}
	if (!patterns->utf8) {
		bline(&b, "NOHYPHEN ',-\n");
	} else {
		bline(&b, "NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n");
	}
	bline(&b, "1-1\n");
	bline(&b, "1'1\n");
	if (patterns->utf8) {
		bline(&b, "1\xe2\x80\x93" "1\n");
		bline(&b, "1\xe2\x80\x99" "1\n");
	}
	if ((first = bfinish(&b, cset)) == NULL) {
		free_own(patterns);
		return NULL;
	}
	first->nextlevel = patterns;
	first->lhmin = patterns->lhmin;
	first->rhmin = patterns->rhmin;
	first->clhmin = patterns->clhmin ? patterns->clhmin : patterns->lhmin ? patterns->lhmin : 3;
	first->crhmin = patterns->crhmin ? patterns->crhmin : patterns->rhmin ? patterns->rhmin : 3;
	return first;
}

static struct av_hyph *
hyph_new(HyphenDict *d, int own)
{
	struct av_hyph *h = av_xcalloc(1, sizeof *h);
	h->dict = d;
	h->own = own;
	h->latin1 = !d->utf8;
	h->memo = av_xmalloc(sizeof *h->memo);
	h->memo->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
	g_mutex_init(&h->memo->lock);
	return h;
}

struct av_hyph *
av_hyph_load(const char *path, int with_libhyphen)
{
	HyphenDict *d = NULL;
	int own = 0;
	if (!with_libhyphen) {
		/* mapped whole, read once */
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		struct stat st;
		void *map;
		if (fd < 0)
			return NULL;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size < (16 << 20)) {
			map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
			if (map != MAP_FAILED) {
				d = load_patterns(map, (size_t)st.st_size);
				own = d != NULL;
				munmap(map, (size_t)st.st_size);
			}
		}
		close(fd);
	}
	if (d == NULL && (d = hnj_hyphen_load(path)) == NULL)
		return NULL;
	return hyph_new(d, own);
}

void
av_hyph_free(struct av_hyph *h)
{
	if (h == NULL)
		return;
	if (h->own)
		free_own(h->dict);
	else
		hnj_hyphen_free(h->dict);
	g_hash_table_destroy(h->memo->words);
	g_mutex_clear(&h->memo->lock);
	free(h->memo);
	free(h);
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int
same_level(const HyphenDict *a, const HyphenDict *b)
{
	int i, k, m;
	if (a->lhmin != b->lhmin || a->rhmin != b->rhmin || a->clhmin != b->clhmin ||
	    a->crhmin != b->crhmin || a->nohyphenl != b->nohyphenl || a->num_states != b->num_states ||
	    a->utf8 != b->utf8 || strcmp(a->cset, b->cset) != 0 || (a->nohyphen == NULL) != (b->nohyphen == NULL))
		return 0;
	if (a->nohyphen) {
		/* nohyphenl + 1 NUL-separated items */
		const char *p = a->nohyphen, *q = b->nohyphen;
		for (i = 0; i <= a->nohyphenl; i++, p += strlen(p) + 1, q += strlen(q) + 1)
			if (strcmp(p, q) != 0)
				return 0;
	}
	for (i = 0; i < a->num_states; i++) {
		const HyphenState *s = &a->states[i], *t = &b->states[i];
		if (!same_str(s->match, t->match) || !same_str(s->repl, t->repl) ||
		    s->fallback_state != t->fallback_state || s->num_trans != t->num_trans)
			return 0;
		for (k = 0; k < s->num_trans; k++) {
			for (m = 0; m < t->num_trans; m++)
				if (s->trans[k].ch == t->trans[m].ch && s->trans[k].new_state == t->trans[m].new_state)
					break;
			if (m == t->num_trans)
				return 0;
		}
	}
	return 1;
}

int
av_hyph_same(const struct av_hyph *a, const struct av_hyph *b)
{
	const HyphenDict *x = a->dict, *y = b->dict;
	int level;
	for (level = 0; level < 2 && (x || y); level++) {
		if (x == NULL || y == NULL || !same_level(x, y))
			return 0;
		x = x->nextlevel;
		y = y->nextlevel;
	}
	return x == NULL && y == NULL;
}

static const struct {
	const char *lang, *file;
} files[] = {
	{ "sv", "hyph_sv_SE.dic" },
	{ "nb", "hyph_nb_NO.dic" },
	{ "nn", "hyph_nn_NO.dic" },
};
#define NFILES (sizeof files / sizeof files[0])

static struct {
	int tried;
	struct av_hyph *h;
} loaded[NFILES];

/* The index in files[] of a language, or NFILES. */
static size_t
file_of(const char *lang)
{
	size_t i, n;
	if (lang == NULL)
		return NFILES;
	n = strcspn(lang, "-_");
	if (n == 2 && g_ascii_strncasecmp(lang, "no", 2) == 0)
		lang = "nb";
	for (i = 0; i < NFILES; i++)
		if (strlen(files[i].lang) == n && g_ascii_strncasecmp(lang, files[i].lang, n) == 0)
			break;
	return i;
}

static void
no_patterns(struct av_diags *d, const char *path, size_t i)
{
	if (d)
		av_diag_at(d, AV_D_IO, path, 0, 0,
		    "cannot load hyphenation patterns for '%s' (Debian: hyphen-sv, hyphen-no); text will not be hyphenated",
		    files[i].lang);
}

const struct av_hyph *
av_hyph_get(const char *lang, struct av_diags *d)
{
	size_t i = file_of(lang);
	char *path;

	if (i == NFILES)
		return NULL;
	if (!loaded[i].tried) {
		loaded[i].tried = 1;
		path = av_path_join(av_hyphendir(), files[i].file);
		loaded[i].h = av_hyph_load(path, 0);
		if (loaded[i].h == NULL)
			no_patterns(d, path, i);
		free(path);
	}
	return loaded[i].h;
}

const struct av_hyph *
av_hyph_loaded(const char *lang)
{
	size_t i = file_of(lang);
	return i < NFILES && loaded[i].tried ? loaded[i].h : NULL;
}

/* libhyphen runs a word through an automaton whose states are the
 * prefixes of all patterns, applying the digits of each pattern it
 * completes.  For a given word the states it can reach are the prefixes
 * that occur in the word; so the patterns that occur in the word, plus one
 * state (a pattern of that prefix without digits, which changes no break)
 * for each other prefix that occurs, give the same breaks. */
#define MAX_PATTERN 64

struct av_hyph *
av_hyph_load_for(const char *lang, const char *const *words, size_t nwords, struct av_diags *d)
{
	size_t i = file_of(lang), k, len;
	struct av_buf keep = {0};
	char *path, *data = NULL, *line, *end;
	GHashTable *subs = NULL, *states = NULL, *kept = NULL;
	GHashTableIter it;
	gpointer key;
	HyphenDict *dict = NULL;
	struct av_hyph *h = NULL;
	int latin1;
	FILE *f;

	if (i == NFILES)
		return NULL;
	path = av_path_join(av_hyphendir(), files[i].file);
	if (av_read_file(path, (size_t)16 << 20, &data, &len) != 0) {
		no_patterns(d, path, i);
		goto out;
	}
	latin1 = strncmp(data, "UTF-8", 5) != 0;
	/* Every substring of ".word." (lower case, in the file's character
	 * set) up to the longest pattern. */
	subs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	states = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	kept = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (k = 0; k < nwords; k++) {
		char *low = g_utf8_strdown(words[k], -1);
		struct av_buf w = {0};
		const char *p;
		size_t a, b;
		av_buf_addc(&w, '.');
		for (p = low; *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);
			if (latin1 && c <= 0xff)
				av_buf_addc(&w, (char)(unsigned char)c);
			else if (!latin1)
				av_buf_add(&w, p, (size_t)(g_utf8_next_char(p) - p));
		}
		av_buf_addc(&w, '.');
		for (a = 0; a < w.len; a++)
			for (b = a + 1; b <= w.len && b - a <= MAX_PATTERN; b++)
				g_hash_table_add(subs, g_strndup(w.data + a, b - a));
		av_buf_free(&w);
		g_free(low);
	}
	/* The charset line and the directives; the patterns that occur; the
	 * longest prefix that occurs of each other pattern, as a state. */
	for (line = data; line < data + len; line = end + 1) {
		char letters[MAX_PATTERN + 1];
		size_t n = 0, m;
		const char *q;
		end = memchr(line, '\n', (size_t)(data + len - line));
		if (end == NULL)
			end = data + len;
		if (line == data || (line[0] >= 'A' && line[0] <= 'Z')) {
			av_buf_add(&keep, line, (size_t)(end - line));
			av_buf_addc(&keep, '\n');
			continue;
		}
		for (q = line; q < end && *q != '/' && *q != '\r' && *q != ' ' && *q != '\t'; q++) {
			if (*q >= '0' && *q <= '9')
				continue;
			if (n == MAX_PATTERN)
				break;
			letters[n++] = *q;
		}
		if (n == 0)
			continue;
		for (m = n; m > 0; m--) {
			letters[m] = '\0';
			if (g_hash_table_contains(subs, letters))
				break;
		}
		if (m == n) {
			av_buf_add(&keep, line, (size_t)(end - line));
			av_buf_addc(&keep, '\n');
			g_hash_table_add(kept, g_strndup(letters, n));
		} else if (m > 0) {
			g_hash_table_add(states, g_strndup(letters, m));
		}
	}
	/* A state that is a pattern kept already must not replace its digits. */
	g_hash_table_iter_init(&it, states);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		if (g_hash_table_contains(kept, key))
			continue;
		av_buf_adds(&keep, key);
		av_buf_addc(&keep, '\n');
	}
	if ((f = fmemopen(keep.data, keep.len, "r")) != NULL) {
		dict = hnj_hyphen_load_file(f);
		fclose(f);
	}
	if (dict == NULL)
		goto out;
	h = hyph_new(dict, 0);
out:
	if (subs)
		g_hash_table_destroy(subs);
	if (states)
		g_hash_table_destroy(states);
	if (kept)
		g_hash_table_destroy(kept);
	av_buf_free(&keep);
	free(data);
	free(path);
	return h;
}

void
av_hyph_shutdown(void)
{
	size_t i;
	for (i = 0; i < NFILES; i++) {
		av_hyph_free(loaded[i].h);
		loaded[i].h = NULL;
		loaded[i].tried = 0;
	}
}

#define SOFT_HYPHEN 0x00ad

static int
is_vowel(gunichar c)
{
	c = g_unichar_tolower(c);
	return strchr("aeiouy", (int)(c < 0x80 ? c : 1)) != NULL ||
	    (c >= 0xe0 && c <= 0xff && c != 0xe7 && c != 0xf0 && c != 0xf1 && c != 0xf7 && c != 0xfe);
}

/* Every syllable holds a vowel: a fragment between two break points that
 * has none (the Norwegian patterns give "styrin-gs-gruppa") is joined to
 * the fragment before it ("styrings-gruppa"), or after it at the start. */
static size_t
drop_vowelless(const char *word, size_t len, unsigned char *breaks, size_t count)
{
	size_t start = 0, i;

	for (i = 1; i <= len; i++) {
		const char *p;
		int vowel = 0;
		if (i < len && !breaks[i])
			continue;
		for (p = word + start; p < word + i; p = g_utf8_next_char(p))
			if (is_vowel(g_utf8_get_char(p)))
				vowel = 1;
		if (!vowel && count > 0) {
			if (start > 0) {
				breaks[start] = 0;
				count--;
			} else if (i < len) {
				breaks[i] = 0;
				count--;
				continue;       /* the first fragment grows */
			}
		}
		start = i;
	}
	return count;
}

static size_t
hyphenate(const struct av_hyph *h, const char *word, size_t len, unsigned char *breaks)
{
	const char *p, *end = word + len;
	size_t nchars = 0, k, count = 0;
	size_t *offs = NULL;   /* byte offset of each character */
	char *lower = NULL, *hyph = NULL;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int soft = 0, ok = 1;

	memset(breaks, 0, len + 1);
	if (!g_utf8_validate(word, (gssize)len, NULL))
		return 0;
	for (p = word; p < end; p = g_utf8_next_char(p)) {
		if (g_utf8_get_char(p) == SOFT_HYPHEN) {
			const char *next = g_utf8_next_char(p);
			soft = 1;
			if (next < end && p > word) {
				breaks[next - word] = 1;
				count++;
			}
		}
		nchars++;
	}
	if (soft || h == NULL || nchars < AV_HYPH_LEFTMIN + AV_HYPH_RIGHTMIN)
		return count;

	/* Lower-case, one byte per character in the patterns' charset. */
	offs = av_xmalloc((nchars + 1) * sizeof *offs);
	lower = av_xmalloc(nchars + 1);
	for (p = word, k = 0; p < end; p = g_utf8_next_char(p), k++) {
		gunichar c = g_unichar_tolower(g_utf8_get_char(p));
		offs[k] = (size_t)(p - word);
		if (!g_unichar_isalpha(c) || (h->latin1 && c > 0xff)) {
			ok = 0;
			break;
		}
		lower[k] = (char)(unsigned char)c;
	}
	if (!ok || !h->latin1)   /* every Debian sv/no file is ISO-8859-1 */
		goto out;
	offs[nchars] = len;
	lower[nchars] = '\0';
	hyph = av_xcalloc(nchars + 5, 1);
	if (hnj_hyphen_hyphenate3(h->dict, lower, (int)nchars, hyph, NULL, &rep, &pos, &cut,
	    AV_HYPH_LEFTMIN, AV_HYPH_RIGHTMIN, AV_HYPH_LEFTMIN, AV_HYPH_RIGHTMIN) != 0)
		goto out;
	/* hyph[k] odd: a break after character k.  Non-standard breaks (a
	 * replacement such as Norwegian "buss-stasjon") are skipped rather
	 * than drawn wrongly. */
	for (k = 0; k + 1 < nchars; k++) {
		if (!(hyph[k] & 1) || (rep && rep[k]))
			continue;
		if (k + 1 < AV_HYPH_LEFTMIN || nchars - (k + 1) < AV_HYPH_RIGHTMIN)
			continue;
		breaks[offs[k + 1]] = 1;
		count++;
	}
	count = drop_vowelless(word, len, breaks, count);
out:
	if (rep) {
		for (k = 0; k < nchars; k++)
			free(rep[k]);
		free(rep);
	}
	free(pos);
	free(cut);
	free(hyph);
	free(lower);
	free(offs);
	return count;
}

/* The patterns are walked once per word and dictionary: the same words
 * come back in every paragraph, handout and collaboration of a run (the
 * walk was about 1% of a batch's time).  The memo is keyed by the word's
 * bytes; a word with a NUL in it is not remembered. */
size_t
av_hyphenate(const struct av_hyph *h, const char *word, size_t len,
    unsigned char *breaks)
{
	struct memo *m;
	const struct answer *hit;
	struct answer *e;
	char key[MEMO_WORD_MAX + 1];    /* the lookup's key: copied only to be kept */
	size_t count;

	if (h == NULL || len > MEMO_WORD_MAX || memchr(word, '\0', len) != NULL)
		return hyphenate(h, word, len, breaks);
	m = h->memo;
	memcpy(key, word, len);
	key[len] = '\0';
	g_mutex_lock(&m->lock);
	hit = g_hash_table_lookup(m->words, key);
	if (hit != NULL) {
		memcpy(breaks, hit->breaks, len + 1);
		count = hit->count;
		g_mutex_unlock(&m->lock);
		return count;
	}
	g_mutex_unlock(&m->lock);
	count = hyphenate(h, word, len, breaks);
	e = av_xmalloc(sizeof *e + len + 1);
	e->count = count;
	memcpy(e->breaks, breaks, len + 1);
	g_mutex_lock(&m->lock);
	if (g_hash_table_size(m->words) >= MEMO_MAX)
		g_hash_table_remove_all(m->words);
	g_hash_table_replace(m->words, g_strndup(word, len), e);
	g_mutex_unlock(&m->lock);
	return count;
}

/* Exception words: a hash table from the case-folded word without hyphens
 * to the character indices after which it may break. */
struct av_hyph_words {
	GHashTable *table;      /* char * -> GArray of guint */
};

static void
free_array(gpointer p)
{
	g_array_free(p, TRUE);
}

struct av_hyph_words *
av_hyph_words_new(void)
{
	struct av_hyph_words *w = av_xcalloc(1, sizeof *w);
	w->table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_array);
	return w;
}

int
av_hyph_words_add(struct av_hyph_words *w, const char *hyphenated)
{
	struct av_buf plain = {0};
	GArray *at = g_array_new(FALSE, FALSE, sizeof(guint));
	const char *p;
	guint n = 0;
	char *key;

	if (!g_utf8_validate(hyphenated, -1, NULL))
		goto err;
	for (p = hyphenated; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '-' || c == SOFT_HYPHEN || c == 0x2010) {
			if (n > 0)
				g_array_append_val(at, n);
			continue;
		}
		if (g_unichar_isspace(c))
			continue;
		av_buf_add(&plain, p, (size_t)(g_utf8_next_char(p) - p));
		n++;
	}
	if (n == 0)
		goto err;
	key = g_utf8_casefold(plain.data, (gssize)plain.len);
	g_hash_table_replace(w->table, key, at);
	av_buf_free(&plain);
	return 0;
err:
	av_buf_free(&plain);
	g_array_free(at, TRUE);
	return -1;
}

char *
av_hyph_words_apply(const struct av_hyph_words *w, const char *text)
{
	struct av_buf out = {0};
	const char *p = text, *start;

	if (w == NULL || g_hash_table_size(w->table) == 0 || !g_utf8_validate(text, -1, NULL))
		return av_xstrdup(text);
	while (*p) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isalpha(c)) {
			const char *next = g_utf8_next_char(p);
			av_buf_add(&out, p, (size_t)(next - p));
			p = next;
			continue;
		}
		/* A whole word: a run of letters (and soft hyphens already there). */
		start = p;
		while (*p && (g_unichar_isalpha(g_utf8_get_char(p)) || g_utf8_get_char(p) == SOFT_HYPHEN))
			p = g_utf8_next_char(p);
		{
			char *fold = g_utf8_casefold(start, p - start);
			GArray *at = g_hash_table_lookup(w->table, fold);
			g_free(fold);
			if (at == NULL || g_strstr_len(start, p - start, "\xc2\xad") != NULL) {
				/* Not an exception word, or one with the author's own
				 * soft hyphens already: keep it as written. */
				av_buf_add(&out, start, (size_t)(p - start));
			} else {
				const char *q = start;
				guint k = 0, j = 0;
				while (q < p) {
					const char *next = g_utf8_next_char(q);
					av_buf_add(&out, q, (size_t)(next - q));
					k++;
					if (j < at->len && g_array_index(at, guint, j) == k) {
						av_buf_adds(&out, "\xc2\xad");
						j++;
					}
					q = next;
				}
			}
		}
	}
	return av_buf_take(&out);
}

void
av_hyph_words_free(struct av_hyph_words *w)
{
	if (w == NULL)
		return;
	g_hash_table_destroy(w->table);
	free(w);
}
