/* test_hyphenate.c -- hyphenation points for Swedish and Norwegian, soft hyphens, the author's exception words. */
#include "config.h"

#include <criterion/criterion.h>
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
