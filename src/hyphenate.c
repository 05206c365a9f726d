/* hyphenate.c -- where words may be hyphenated: libhyphen patterns for sv/nb/nn and the author's exception words. */
#include "config.h"

#include <glib.h>
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate.h"
#include "util.h"

/* libhyphen already implements Liang's patterns with compound minimums, and
 * Debian ships the sv and no pattern files for it; what is ours is the
 * conversion to the files' ISO-8859-1 and the exception words. */

struct av_hyph {
	HyphenDict *dict;
	int latin1;             /* the file's character set is ISO-8859-1 */
};

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
	struct av_hyph h;
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
		loaded[i].h.dict = hnj_hyphen_load(path);
		if (loaded[i].h.dict == NULL)
			no_patterns(d, path, i);
		else
			loaded[i].h.latin1 = !loaded[i].h.dict->utf8;
		free(path);
	}
	return loaded[i].h.dict ? &loaded[i].h : NULL;
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
	h = av_xcalloc(1, sizeof *h);
	h->dict = dict;
	h->latin1 = !dict->utf8;
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
av_hyph_free(struct av_hyph *h)
{
	if (h == NULL)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

void
av_hyph_shutdown(void)
{
	size_t i;
	for (i = 0; i < NFILES; i++) {
		if (loaded[i].h.dict == NULL)
			continue;
		hnj_hyphen_free(loaded[i].h.dict);
		loaded[i].h.dict = NULL;
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

size_t
av_hyphenate(const struct av_hyph *h, const char *word, size_t len,
    unsigned char *breaks)
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
