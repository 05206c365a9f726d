/* test_util.c -- the shared pieces: buffers, atomic files, input expansion, names, diagnostics, the command line. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "fonts.h"
#include "harness.h"
#include "numfmt.h"
#include "util.h"

Test(util, buffer_grows_and_formats)
{
	struct av_buf b = {0};
	int i;
	for (i = 0; i < 1000; i++)
		av_buf_printf(&b, "%d,", i);
	cr_assert_eq(strncmp(b.data, "0,1,2,", 6), 0);
	cr_assert_eq(b.len, strlen(b.data));
	cr_assert(strstr(b.data, ",999,") != NULL);
	av_buf_free(&b);
}

Test(util, edit_distance_and_closest_name)
{
	const char *const roles[] = { "styrgrupp", "projektledare", "projektgrupp", "referensgrupp" };
	cr_assert_eq(av_edit_distance("styrgrup", "styrgrupp"), 1);
	cr_assert_eq(av_edit_distance("", "abc"), 3);
	cr_assert_eq(av_edit_distance("tilte", "title"), 1);      /* a swap is one edit */
	cr_assert_eq(av_edit_distance("kitten", "sitting"), 3);
	cr_assert_str_eq(av_closest("styrgrup", roles, 4), "styrgrupp");
	cr_assert_str_eq(av_closest("projektgrup", roles, 4), "projektgrupp");
	cr_assert_null(av_closest("ekonomi", roles, 4));
}

Test(util, id_syntax)
{
	cr_assert(av_valid_id("projektledare"));
	cr_assert(av_valid_id("0a_b-c"));
	cr_assert_not(av_valid_id(""));
	cr_assert_not(av_valid_id("-a"));
	cr_assert_not(av_valid_id("Styrgrupp"));
	cr_assert_not(av_valid_id("../etc"));
	cr_assert_not(av_valid_id("a/b"));
	cr_assert(av_valid_id("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));  /* 64 */
	cr_assert_not(av_valid_id("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")); /* 65 */
}

Test(util, utf8_validation)
{
	size_t off = 99;
	cr_assert(av_valid_utf8("Projektägare ŋ ŧ", strlen("Projektägare ŋ ŧ"), &off));
	cr_assert_not(av_valid_utf8("ab\xc3(", 4, &off));
	cr_assert_eq(off, 2);
	cr_assert_not(av_valid_utf8("\xed\xa0\x80", 3, &off));   /* surrogate */
	cr_assert_not(av_valid_utf8("\xc0\xaf", 2, &off));       /* overlong */
	cr_assert_not(av_valid_utf8("abc\xe2\x82", 5, &off));    /* truncated */
	cr_assert_eq(off, 3);
}

/* Temporary files in dir (th_list() leaves out names with a dot). */
static size_t
temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".avtmp-") != NULL;
	closedir(d);
	return n;
}

Test(util, atomic_write_replaces_whole_file)
{
	char *dir = th_tmpdir("atomic");
	char *path = av_path_join(dir, "x.pdf"), *got, *leftover;
	char **names;

	cr_assert_eq(av_write_atomic(path, "first", 5), 0);
	cr_assert_eq(av_write_atomic(path, "second", 6), 0);
	got = th_read(path);
	cr_assert_str_eq(got, "second");
	names = th_list(dir, "");
	cr_assert_str_eq(names[0], "x.pdf");
	cr_assert_null(names[1]);
	th_strv_free(names);
	cr_assert_eq(temporaries(dir), 0, "no temporary file is left behind");

	/* A temporary file of a writer that died is removed by the next run. */
	leftover = av_path_join(dir, ".x.pdf.avtmp-999999999-abcdef");
	th_write(leftover, "half");
	av_clean_temporaries(dir);
	cr_assert_not(av_file_exists(leftover));
	cr_assert(av_file_exists(path));
	/* Writing into a directory that does not exist fails and leaves nothing. */
	free(path);
	path = av_path_join(dir, "nope/x.pdf");
	cr_assert_eq(av_write_atomic(path, "x", 1), -1);
	free(leftover);
	free(got);
	free(path);
	free(dir);
}

/* Files written together: all in place, or -- when one cannot be
 * written -- the group's earlier files keep their old content, and no
 * temporary file is left.  More files than one group (64) holds. */
Test(util, atomic_write_of_many_files)
{
	char *dir = th_tmpdir("atomic-many"), **names, *got;
	struct av_file_write f[70];
	char *paths[70], data[70][16];
	size_t i, failed = 99, n;

	for (i = 0; i < 70; i++) {
		paths[i] = av_xasprintf("%s/f%02zu.pdf", dir, i);
		snprintf(data[i], sizeof data[i], "new %zu", i);
		th_write(paths[i], "old");
		f[i].path = paths[i];
		f[i].data = data[i];
		f[i].len = strlen(data[i]);
	}
	cr_assert_eq(av_write_atomic_files(f, 70, &failed), 0);
	for (i = 0; i < 70; i++) {
		got = th_read(paths[i]);
		cr_expect_str_eq(got, data[i]);
		free(got);
	}
	names = th_list(dir, "");
	for (n = 0; names[n]; n++)
		;
	cr_expect_eq(n, 70);
	th_strv_free(names);
	cr_expect_eq(temporaries(dir), 0, "no temporary file is left behind");

	/* the third of a group cannot be written: the first two keep theirs */
	for (i = 0; i < 3; i++)
		th_write(paths[i], "old");
	free(paths[2]);
	paths[2] = av_xasprintf("%s/nope/f02.pdf", dir);
	f[2].path = paths[2];
	cr_assert_eq(av_write_atomic_files(f, 3, &failed), -1);
	cr_expect_eq(failed, 2);
	for (i = 0; i < 2; i++) {
		got = th_read(paths[i]);
		cr_expect_str_eq(got, "old", "f%02zu was not replaced", i);
		free(got);
	}
	cr_expect_eq(temporaries(dir), 0, "no temporary file is left behind");
	for (i = 0; i < 70; i++)
		free(paths[i]);
	free(dir);
}

static void
ignore_report(const char *path, int err, void *ctx)
{
	(void)path; (void)err; (void)ctx;
}

Test(util, inputs_expand_directories_recursively_in_sorted_order)
{
	char *dir = th_tmpdir("expand"), *p;
	char *args[2];
	char **v;
	size_t n;

	p = av_path_join(dir, "b.xml"); th_write(p, "x"); free(p);
	p = av_path_join(dir, "a/z.xml"); th_write(p, "x"); free(p);
	p = av_path_join(dir, "a/notes.txt"); th_write(p, "x"); free(p);
	p = av_path_join(dir, "c.xml"); th_write(p, "x"); free(p);
	args[0] = dir;
	args[1] = "single.xml";
	v = av_expand_inputs(args, 2, &n, ignore_report, NULL);
	cr_assert_eq(n, 4);
	cr_assert(strstr(v[0], "/a/z.xml") != NULL);
	cr_assert(strstr(v[1], "/b.xml") != NULL);
	cr_assert(strstr(v[2], "/c.xml") != NULL);
	cr_assert_str_eq(v[3], "single.xml");
	cr_assert_null(v[4]);
	av_strv_free(v);
	free(dir);
}

Test(diag, format_and_severity)
{
	struct av_diags d = {0};
	struct av_loc loc = { "x.xml", 12, 5 };
	char *s;

	av_diag(&d, AV_D_LINT_NO_OWNER, &loc, "no role of kind 'owner'");
	av_diag_at(&d, AV_D_UNKNOWN_REF, "x.xml", 3, 9, "unknown role '%s'; did you mean '%s'?", "styrgrup", "styrgrupp");
	av_diag(&d, AV_D_IO, NULL, "cannot write out/x.pdf");
	cr_assert_eq(av_diags_worst(&d, 0), AV_SEV_ERROR);
	av_diags_sort(&d);
	s = av_diags_format(&d);
	cr_assert(strncmp(s, "ansvar: error: cannot write out/x.pdf [io]\n",
	    strlen("ansvar: error: cannot write out/x.pdf [io]\n")) == 0, "%s", s);
	cr_assert(strstr(s, "x.xml:3:9: error: unknown role 'styrgrup'; did you mean 'styrgrupp'? [unknown-reference]\n") != NULL);
	cr_assert(strstr(s, "x.xml:12:5: warning: no role of kind 'owner' [no-owner]\n") != NULL);
	cr_assert(strstr(s, "x.xml:3:9") < strstr(s, "x.xml:12:5"), "sorted by line");
	free(s);
	av_diags_free(&d);

	av_diag_at(&d, AV_D_LINT_SAME_NAME, "y.xml", 1, 1, "w");
	cr_assert_eq(av_diags_worst(&d, 0), AV_SEV_WARNING);
	cr_assert_eq(av_diags_worst(&d, 1), AV_SEV_ERROR, "--strict turns warnings into failure");
	av_diags_free(&d);
}

Test(cli, help_version_and_usage_errors)
{
	char *out = NULL, *err = NULL;

	cr_assert_eq(th_ansvar(&out, &err, "--version"), 0);
	cr_assert_str_eq(out, "ansvar " PACKAGE_VERSION "\n");
	free(out); free(err);

	cr_assert_eq(th_ansvar(&out, &err, "--help"), 0);
	cr_assert(strstr(out, "usage: ansvar COMMAND") != NULL);
	free(out); free(err);

	cr_assert_eq(th_ansvar(&out, &err, "frobnicate"), 2);
	cr_assert(strstr(err, "no command 'frobnicate'") != NULL);
	free(out); free(err);

	cr_assert_eq(th_ansvar(&out, &err, " "), 2, "no command at all is a usage error");
	free(out); free(err);
}

/* The shipped fonts, and only they, are what pango sees. */
Test(fonts, shipped_fonts_cover_nordic_and_sami_letters)
{
	struct av_diags d = {0};
	PangoContext *ctx;
	PangoLayout *layout;
	PangoLayoutIter *it;
	const char *text = "ÅÄÖåäö ÆØæø ÁČĐŊŠŦŽÏ áčđŋšŧžï";
	int unknown = 0;

	cr_assert_eq(av_fonts_init(&d), 0, "fonts load from ANSVAR_DATADIR/fonts");
	ctx = av_fonts_context("sv");
	layout = pango_layout_new(ctx);
	pango_layout_set_text(layout, text, -1);
	it = pango_layout_get_iter(layout);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		PangoFontDescription *fd;
		char *family;
		int i;
		if (run == NULL)
			continue;
		fd = pango_font_describe(run->item->analysis.font);
		family = av_xstrdup(pango_font_description_get_family(fd));
		cr_expect_str_eq(family, "Open Sans", "default face is the shipped sans, not %s", family);
		for (i = 0; i < run->glyphs->num_glyphs; i++)
			if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
				unknown++;
		free(family);
		pango_font_description_free(fd);
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	cr_assert_eq(unknown, 0, "every Nordic and Sami letter has a glyph");

	/* "serif" maps to the shipped serif; an unknown family to the sans. */
	{
		const char *fams[][2] = { { "serif", "Noto Serif" }, { "sans-serif", "Open Sans" },
		    { "No Such Family", "Open Sans" } };
		size_t k;
		for (k = 0; k < 3; k++) {
			PangoFontDescription *want = pango_font_description_from_string(fams[k][0]);
			PangoFont *f = pango_font_map_load_font(av_fonts_map(), ctx, want);
			PangoFontDescription *got = pango_font_describe(f);
			cr_expect_str_eq(pango_font_description_get_family(got), fams[k][1], "%s", fams[k][0]);
			pango_font_description_free(got);
			pango_font_description_free(want);
			g_object_unref(f);
		}
	}
	g_object_unref(layout);
	g_object_unref(ctx);
	av_fonts_shutdown();
	av_diags_free(&d);
}

#include "palette.h"

Test(palette, default_colours_are_distinct_and_tints_lighten)
{
	size_t i, j;
	cr_assert_eq(av_palette_size(), 8);
	for (i = 0; i < av_palette_size(); i++)
		for (j = i + 1; j < av_palette_size(); j++)
			cr_expect_neq(av_palette_colour(i), av_palette_colour(j));
	cr_expect_eq(av_palette_colour(0), 0x0072b2);
	cr_expect_eq(av_palette_colour(8), av_palette_colour(0), "repeats");
	cr_expect_eq(av_palette_tint(0x0072b2, 1.0), 0x0072b2);
	cr_expect_eq(av_palette_tint(0x0072b2, 0.0), 0xffffff);
	cr_expect_eq(av_palette_tint(0x000000, 0.5), 0x808080);
}

/* av_format_fixed() against glibc's printf itself (the tests are not
 * linked with libc_numbers.c): the same characters and the same return
 * value for every precision, over numbers of every magnitude it takes,
 * exact binary ties, decimal near-ties, subnormals, zeros of both signs,
 * and buffers too small. */
static void
expect_fixed_as_glibc(double d, int prec, size_t size)
{
	char mine[64], ref[64];
	int a, b;
	memset(mine, 'x', sizeof mine);
	memset(ref, 'x', sizeof ref);
	a = av_format_fixed(mine, size, d, prec);
	b = snprintf(ref, size, "%.*f", prec, d);
	cr_assert_eq(a, b, "%a with %d digits: length %d, glibc %d", d, prec, a, b);
	cr_assert_eq(memcmp(mine, ref, sizeof mine), 0, "%a with %d digits into %zu bytes: \"%.*s\", glibc \"%.*s\"",
	    d, prec, size, (int)size, mine, (int)size, ref);
}

Test(util, fixed_point_numbers_as_glibc_writes_them)
{
	static const double special[] = {
		0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-7, 5e-7, -5e-7, 0.0000005, 0.1, 0.05,
		0.25, 1.0 / 3, 2.0 / 3, 841.889764, 595.275591, 1e15, 123456789.123456789,
		9.2233720368547748e18, 4.9406564584124654e-324, 2.2250738585072014e-308,
		0.9999995, 0.99999949999999, 9.9999995, 99.5, 1e-18, 5e-19, 1.5e-18, 0.1 + 0.2,
	};
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	size_t i;
	int p;

	for (i = 0; i < sizeof special / sizeof special[0]; i++)
		for (p = 0; p <= AV_FIXED_MAX_PREC; p++) {
			expect_fixed_as_glibc(special[i], p, 64);
			expect_fixed_as_glibc(-special[i], p, 64);
		}
	/* exact ties at every precision: k + 1/2 of the last digit, where
	 * that is a binary fraction */
	for (p = 0; p <= 6; p++)
		for (i = 0; i < 2000; i++) {
			double d = ((double)i + 0.5) / (p == 0 ? 1 : 1 << p);
			expect_fixed_as_glibc(d, p, 64);
			expect_fixed_as_glibc(d, 6, 64);
		}
	/* random doubles from 2^-80 to 2^63 and random subnormals (xorshift) */
	for (i = 0; i < 40000; i++) {
		uint64_t bits;
		double d;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (i % 10 == 9)
			bits = x & 0x800fffffffffffffULL;
		else
			bits = (x & 0x800fffffffffffffULL) | (uint64_t)(1023 - 80 + (x >> 52) % 143) << 52;
		memcpy(&d, &bits, sizeof d);
		expect_fixed_as_glibc(d, (int)(i % (AV_FIXED_MAX_PREC + 1)), 64);
		if (i % 7 == 0)
			expect_fixed_as_glibc(d, 6, 64);
	}
	/* cut short as snprintf cuts: NUL-terminated, full length returned */
	expect_fixed_as_glibc(-123.456, 3, 0);
	expect_fixed_as_glibc(-123.456, 3, 1);
	expect_fixed_as_glibc(-123.456, 3, 5);
	expect_fixed_as_glibc(-123.456, 3, 8);
	expect_fixed_as_glibc(-123.456, 3, 9);
	/* what it leaves to printf */
	{
		char b[64];
		cr_assert_eq(av_format_fixed(b, sizeof b, 1.0 / 0.0, 6), -1);
		cr_assert_eq(av_format_fixed(b, sizeof b, 0.0 / 0.0, 6), -1);
		cr_assert_eq(av_format_fixed(b, sizeof b, 9223372036854775808.0, 6), -1);
		cr_assert_eq(av_format_fixed(b, sizeof b, 1.0, AV_FIXED_MAX_PREC + 1), -1);
		cr_assert_eq(av_format_fixed(b, sizeof b, 1.0, -1), -1);
	}
}

static void
expect_integer_as_glibc(long long v)
{
	char mine[32], ref[32];
	int a = av_format_integer(mine, sizeof mine, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
	int b = snprintf(ref, sizeof ref, "%lld", v);
	cr_assert_eq(a, b, "%lld: length %d, glibc %d", v, a, b);
	cr_assert_str_eq(mine, ref);
}

Test(util, integers_as_glibc_writes_them)
{
	uint64_t x = 0x2545f4914f6cdd1dULL;
	char b[8];
	int i;
	expect_integer_as_glibc(0);
	expect_integer_as_glibc(-1);
	expect_integer_as_glibc(9);
	expect_integer_as_glibc(10);
	expect_integer_as_glibc(INT32_MIN);
	expect_integer_as_glibc(INT64_MIN);
	expect_integer_as_glibc(INT64_MAX);
	for (i = 0; i < 10000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		expect_integer_as_glibc((long long)(x >> (x % 64)));
		expect_integer_as_glibc(-(long long)(x >> (1 + x % 63)));
	}
	cr_assert_eq(av_format_integer(b, sizeof b, 18446744073709551615ULL, 0), 20);
	cr_assert_str_eq(b, "1844674");
	cr_assert_eq(av_format_integer(b, 0, 5, 1), 2);
}

/* Zero-padded integers in bases 8, 10 and 16 (cairo's "%010ld" offsets,
 * "%04x" and "%02x" hex strings, "%04X", "%03o" escapes, "%0*x" glyph
 * indices) as glibc's snprintf writes them, negative numbers and numbers
 * wider than the width included; a short buffer is cut as snprintf cuts. */
Test(util, padded_integers_as_glibc_writes_them)
{
	static const int widths[] = { 0, 1, 2, 3, 4, 10, 21, AV_PAD_MAX_WIDTH };
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	char mine[64], ref[64];
	size_t w;
	int i;
	for (i = 0; i < 3000; i++) {
		long long v;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v = (long long)(x >> (x % 64));
		if (i % 3 == 1)
			v = -v;
		if (i < 40)
			v = i - 20;
		for (w = 0; w < G_N_ELEMENTS(widths); w++) {
			int wd = widths[w], a, b;
			unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			a = av_format_padded(mine, sizeof mine, m, v < 0, 10, 0, wd);
			b = snprintf(ref, sizeof ref, "%0*lld", wd, v);
			cr_assert(a == b && strcmp(mine, ref) == 0, "%%0%dlld of %lld: '%s', glibc '%s'", wd, v, mine, ref);
			a = av_format_padded(mine, sizeof mine, (unsigned long long)v, 0, 16, 0, wd);
			b = snprintf(ref, sizeof ref, "%0*llx", wd, (unsigned long long)v);
			cr_assert(a == b && strcmp(mine, ref) == 0, "%%0%dllx of %llx: '%s', glibc '%s'", wd, v, mine, ref);
			a = av_format_padded(mine, sizeof mine, (unsigned)v, 0, 16, 1, wd);
			b = snprintf(ref, sizeof ref, "%0*X", wd, (unsigned)v);
			cr_assert(a == b && strcmp(mine, ref) == 0, "%%0%dX of %X: '%s', glibc '%s'", wd, (unsigned)v, mine, ref);
			a = av_format_padded(mine, sizeof mine, (unsigned long long)v, 0, 8, 0, wd);
			b = snprintf(ref, sizeof ref, "%0*llo", wd, (unsigned long long)v);
			cr_assert(a == b && strcmp(mine, ref) == 0, "%%0%dllo of %llo: '%s', glibc '%s'", wd, v, mine, ref);
		}
	}
	{
		volatile size_t cut = 5;       /* (so the compiler does not warn of the cut) */
		cr_assert_eq(av_format_padded(mine, cut, 255, 1, 10, 0, 10), snprintf(ref, cut, "%010lld", -255LL));
		cr_assert_str_eq(mine, ref);
	}
	cr_assert_eq(av_format_padded(mine, sizeof mine, 1, 0, 2, 0, 0), -1, "base 2 is glibc's");
	cr_assert_eq(av_format_padded(mine, sizeof mine, 1, 0, 10, 0, AV_PAD_MAX_WIDTH + 1), -1);
	cr_assert_eq(av_format_padded(mine, sizeof mine, 1, 0, 10, 0, -1), -1);
}
