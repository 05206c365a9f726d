/* test_hyphenate.c -- hyphenation points for Swedish and Norwegian, soft hyphens, the author's exception words. */
#include "config.h"

#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "hyphenate.h"
#include "util.h"

/* The word with "-" at every break point. */
static char *
hyphenated(const char *lang, const char *word)
{
	const struct av_hyph *h = av_hyph_get(lang, NULL);
	size_t len = strlen(word), i;
	unsigned char *br = av_xmalloc(len + 1);
	struct av_buf b = {0};

	av_hyphenate(h, word, len, br);
	for (i = 0; i < len; i++) {
		if (br[i])
			av_buf_addc(&b, '-');
		av_buf_addc(&b, word[i]);
	}
	free(br);
	return av_buf_take(&b);
}

static void
expect_breaks_within(const char *lang, const char *word, const char *must_contain)
{
	char *got = hyphenated(lang, word);
	size_t len = strlen(got);
	cr_expect(strchr(got, '-') != NULL, "%s: '%s' has break points", lang, word);
	cr_expect(got[0] != '-' && got[1] != '-' && got[2] != '-', "%s: at least 2 letters before a break: %s", lang, got);
	cr_expect(len < 4 || (got[len - 1] != '-' && got[len - 2] != '-' && got[len - 3] != '-'),
	    "%s: at least 3 letters after a break: %s", lang, got);
	if (must_contain)
		cr_expect(strstr(got, must_contain) != NULL, "%s: '%s' breaks as %s", lang, got, must_contain);
	free(got);
}

TestSuite(hyphenate, .fini = av_hyph_shutdown);

Test(hyphenate, swedish_compounds)
{
	cr_assert_not_null(av_hyph_get("sv", NULL), "hyph_sv_SE.dic is installed");
	expect_breaks_within("sv", "projektledare", "jekt-le");
	expect_breaks_within("sv", "länsstyrgruppen", NULL);
	expect_breaks_within("sv", "verksamhetsutveckling", NULL);
	expect_breaks_within("sv", "kompetensutveckling", NULL);
	expect_breaks_within("sv", "förbättringskunskap", NULL);
}

Test(hyphenate, norwegian_compounds)
{
	cr_assert_not_null(av_hyph_get("nb", NULL));
	cr_assert_not_null(av_hyph_get("nn", NULL));
	cr_assert_eq(av_hyph_get("no", NULL), av_hyph_get("nb", NULL), "'no' is read as 'nb'");
	expect_breaks_within("nb", "samhandlingsavtale", NULL);
	expect_breaks_within("nb", "gevinstansvarlig", NULL);
	expect_breaks_within("nb", "arbeidsinkludering", NULL);
	expect_breaks_within("nn", "handlingsrommet", NULL);
	expect_breaks_within("nn", "styringsgruppa", NULL);
}

Test(hyphenate, every_fragment_holds_a_vowel)
{
	/* The raw nb patterns give "styrin-gs-gruppa". */
	char *got = hyphenated("nb", "styringsgruppa");
	cr_expect_str_eq(got, "styrings-gruppa");
	free(got);
	got = hyphenated("sv", "l\xc3\xa4nsstyrgruppen");
	cr_expect_str_eq(got, "l\xc3\xa4ns-styr-grup-pen");
	free(got);
}

Test(hyphenate, upper_case_and_short_words)
{
	char *got = hyphenated("sv", "PROJEKTLEDARE");
	char *low = hyphenated("sv", "projektledare");
	cr_expect(strchr(got, '-') != NULL, "capitals hyphenate like lower case: %s", got);
	cr_expect_eq(strlen(got), strlen(low));
	free(got);
	free(low);
	got = hyphenated("sv", "roll");
	cr_expect_str_eq(got, "roll", "no break leaves fewer than 2+3 letters");
	free(got);
}

Test(hyphenate, letters_outside_the_patterns_get_no_breaks)
{
	/* Sami ŋ is not in ISO-8859-1, the patterns' character set. */
	char *got = hyphenated("nb", "guovddášŋeaivvit");
	cr_expect(strchr(got, '-') == NULL, "%s", got);
	free(got);
	cr_expect_null(av_hyph_get("de", NULL), "no patterns for other languages");
	got = hyphenated("de", "projektledare");
	cr_expect_str_eq(got, "projektledare");
	free(got);
}

Test(hyphenate, soft_hyphens_win_over_patterns)
{
	const char *w = "styr\xc2\xadgrupps\xc2\xadm\xc3\xb6te";   /* styr­grupps­möte */
	size_t len = strlen(w), i, n;
	unsigned char br[64];
	n = av_hyphenate(av_hyph_get("sv", NULL), w, len, br);
	cr_assert_eq(n, 2);
	for (i = 0; i <= len; i++)
		if (br[i])
			cr_expect(i >= 2 && (unsigned char)w[i - 1] == 0xad, "break only after a soft hyphen (at %zu)", i);
}

Test(hyphenate, exception_words_apply_in_any_case_as_whole_words)
{
	struct av_hyph_words *w = av_hyph_words_new();
	char *out;

	cr_assert_eq(av_hyph_words_add(w, "styr-grupps-möte"), 0);
	cr_assert_eq(av_hyph_words_add(w, "---"), -1, "a word needs letters");
	out = av_hyph_words_apply(w, "Nästa Styrgruppsmöte och styrgruppsmötet, styrgruppsmöte.");
	cr_expect_str_eq(out, "Nästa Styr\xc2\xadgrupps\xc2\xadmöte och styrgruppsmötet, styr\xc2\xadgrupps\xc2\xadmöte.");
	free(out);
	av_hyph_words_free(w);
}

/* ---- ansvar's pattern loader against libhyphen's ---- */

static char *
pattern_path(const char *file)
{
	const char *dir = getenv("ANSVAR_HYPHENDIR") ? getenv("ANSVAR_HYPHENDIR") : "/usr/share/hyphen";
	return av_xasprintf("%s/%s", dir, file);
}

Test(hyphenate, own_loader_builds_libhyphens_automaton)
{
	static const char *const files[] = { "hyph_sv_SE.dic", "hyph_nb_NO.dic", "hyph_nn_NO.dic" };
	size_t i;
	for (i = 0; i < 3; i++) {
		char *path = pattern_path(files[i]);
		struct av_hyph *own = av_hyph_load(path, 0), *lib = av_hyph_load(path, 1);
		cr_assert(own && lib, "%s loads", path);
		cr_expect(av_hyph_same(own, lib), "%s: the same automaton as hnj_hyphen_load()", path);
		av_hyph_free(own);
		av_hyph_free(lib);
		free(path);
	}
}

/* av_hyphenate() remembers its answers per dictionary: asked again, a word
 * gets what it got the first time, a word given as the first bytes of a
 * longer string is told apart from that string, and a dictionary with a
 * memo answers as one that has seen nothing. */
Test(hyphenate, remembered_answers_are_the_first_ones)
{
	static const char *const words[] = { "projektledare", "länsstyrgruppen", "verksamhetsutveckling",
		"kompetensutveckling", "förbättringskunskap",
		/* over the memo's 64 bytes: worked out each time */
		"verksamhetsutvecklingsansvarigverksamhetsutvecklingsansvarigstyrgrupp", NULL };
	char *path = pattern_path("hyph_sv_SE.dic");
	struct av_hyph *h = av_hyph_load(path, 0);
	size_t i, pass, cut;
	cr_assert_not_null(h, "%s loads", path);
	for (pass = 0; pass < 3; pass++)
		for (i = 0; words[i]; i++)
			for (cut = 0; cut < 2; cut++) {
				/* the whole word, then its first 7 bytes */
				size_t len = cut ? 7 : strlen(words[i]);
				struct av_hyph *fresh = av_hyph_load(path, 0);
				unsigned char a[96], b[96];
				size_t na, nb;
				cr_assert(fresh != NULL && len < sizeof a);
				memset(a, 7, sizeof a);
				memset(b, 9, sizeof b);
				na = av_hyphenate(h, words[i], len, a);
				nb = av_hyphenate(fresh, words[i], len, b);
				cr_expect(na == nb && memcmp(a, b, len + 1) == 0,
				    "pass %zu: '%.*s' breaks as from a new dictionary (%zu and %zu breaks)",
				    pass, (int)len, words[i], na, nb);
				cr_expect(a[len + 1] == 7, "'%.*s': breaks[] is written up to len only", (int)len, words[i]);
				av_hyph_free(fresh);
			}
	av_hyph_free(h);
	free(path);
}

Test(hyphenate, loaders_agree_on_small_files_and_differences_show)
{
	/* keywords, comments, a repeated pattern (the last wins), a pattern
	 * of zeros, CRLF, no newline at the end; then one digit changed */
	static const char *const text[] = {
		"ISO8859-1\r\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\n% comment\nCOMPOUNDLEFTHYPHENMIN 2\n"
		"NOHYPHEN -,'\n.ab4ba\nb1b\nb3b\nan1k\n000a0\n\n1ng\r\nst2r\n.sk4ra\nt1t",
		"ISO8859-1\r\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\n% comment\nCOMPOUNDLEFTHYPHENMIN 2\n"
		"NOHYPHEN -,'\n.ab4ba\nb1b\nb3b\nan1k\n000a0\n\n1ng\r\nst2r\n.sk5ra\nt1t",
	};
	char *tmp = th_tmpdir("hyph-small"), *p0 = av_xasprintf("%s/a.dic", tmp), *p1 = av_xasprintf("%s/b.dic", tmp);
	struct av_hyph *own0, *lib0, *own1;
	th_write(p0, text[0]);
	th_write(p1, text[1]);
	own0 = av_hyph_load(p0, 0);
	lib0 = av_hyph_load(p0, 1);
	own1 = av_hyph_load(p1, 0);
	cr_assert(own0 && lib0 && own1);
	cr_expect(av_hyph_same(own0, lib0), "the same automaton for keywords, repeats and odd lines");
	cr_expect(!av_hyph_same(own1, lib0), "one changed digit is a different automaton");
	av_hyph_free(own0);
	av_hyph_free(lib0);
	av_hyph_free(own1);
	free(p0);
	free(p1);
	free(tmp);
}

/* Every word of a word list (ISO-8859-1, one a line) gets the same break
 * points from both loaders.  Returns the number of words compared; *with
 * counts those with at least one break. */
static size_t
compare_word_list(const char *list, const char *dic, size_t step, size_t *with)
{
	char *path = pattern_path(dic), *data = NULL, *utf8, *line, *save = NULL;
	struct av_hyph *own = av_hyph_load(path, 0), *lib = av_hyph_load(path, 1);
	size_t len = 0, n = 0, differ = 0, k = 0;
	unsigned char a[256], b[256];

	*with = 0;
	cr_assert(own && lib, "%s loads", path);
	cr_assert_eq(av_read_file(list, (size_t)64 << 20, &data, &len), 0,
	    "%s is installed (Debian: wswedish, wnorwegian)", list);
	utf8 = g_convert(data, (gssize)len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
	cr_assert_not_null(utf8);
	for (line = strtok_r(utf8, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t wl = strlen(line), i;
		if (wl == 0 || wl >= sizeof a || k++ % step != 0)
			continue;
		av_hyphenate(own, line, wl, a);
		av_hyphenate(lib, line, wl, b);
		n++;
		for (i = 0; i <= wl && a[i] == b[i]; i++)
			;
		if (i <= wl && differ++ < 10)
			cr_log_error("%s: '%s' breaks differently", dic, line);
		for (i = 0; i <= wl; i++)
			if (a[i]) {
				(*with)++;
				break;
			}
	}
	cr_expect_eq(differ, 0, "%s over %s: %zu of %zu words break differently", dic, list, differ, n);
	g_free(utf8);
	free(data);
	av_hyph_free(own);
	av_hyph_free(lib);
	free(path);
	return n;
}

Test(hyphenate, same_breaks_as_libhyphen_over_word_lists, .timeout = 600)
{
	static const struct {
		const char *list, *dic;
		size_t step, min;
	} lists[] = {
		/* all of Swedish, every third word of the Norwegian lists */
		{ "/usr/share/dict/swedish", "hyph_sv_SE.dic", 1, 100000 },
		{ "/usr/share/dict/bokmaal", "hyph_nb_NO.dic", 3, 250000 },
		{ "/usr/share/dict/nynorsk", "hyph_nn_NO.dic", 3, 150000 },
	};
	size_t i;
	for (i = 0; i < 3; i++) {
		size_t with, n = compare_word_list(lists[i].list, lists[i].dic, lists[i].step, &with);
		cr_expect_geq(n, lists[i].min, "%s holds at least %zu words", lists[i].list, lists[i].min);
		cr_expect_gt(with, n / 2, "%s: most words have break points (%zu of %zu)", lists[i].list, with, n);
	}
}
