/* libc_numbers.c -- cairo's numbers formatted without glibc's multi-precision printf.
 *
 * cairo 1.16 writes every number of a PDF or SVG through _cairo_dtostr(),
 * which calls snprintf() with "%f", "%.18f" or "%.*f" (twice for numbers
 * below 0.1, and for every 0); its integers go through "%d" and "%ld".
 * Debian builds cairo with _FORTIFY_SOURCE, so the calls reach
 * __snprintf_chk(), an interface of glibc's ABI (LSB Core).  glibc
 * formats each double with multi-precision arithmetic, some 2000
 * instructions a number, and a collaboration's PDFs and SVG have some
 * 28000 of them: 6 % of a batch's instructions.
 *
 * The executable defines __snprintf_chk, as mimalloc defines malloc: the
 * dynamic linker binds cairo's calls (and every other library's) to this
 * one.  Those formats alone (for the f ones a finite number below 2^63)
 * are written by numfmt.c, exactly as glibc writes them (tests/test_util.c
 * compares the two); everything else, and everything when
 * ANSVAR_LIBC_PRINTF is set, goes to glibc's __vsnprintf_chk with the
 * same arguments and checks (tests/test_render.c renders the samples both
 * ways and compares the bytes).
 *
 * Only in the program (ansvar_SOURCES), not in libansvar.a: the tests
 * compare numfmt.c with the real glibc. */
#include "config.h"

#include <fenv.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

#if defined(__GLIBC__) && defined(__x86_64__)

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);

/* The conversions cairo uses, written here: "%f" (precision 6),
 * "%.18f" and the like (their digits), "%.*f" (FMT_STAR: from the
 * arguments), "%d", "%ld", "%u", "%lu"; FMT_OTHER for anything else. */
enum { FMT_OTHER = -1, FMT_STAR = -2, FMT_INT = -3, FMT_LONG = -4, FMT_UINT = -5, FMT_ULONG = -6 };

static int
number_format(const char *fmt)
{
	int p, l = 0;
	if (fmt[0] != '%')
		return FMT_OTHER;
	if (fmt[1] == 'l')
		l = 1;
	if (fmt[1 + l] == 'd' && fmt[2 + l] == '\0')
		return l ? FMT_LONG : FMT_INT;
	if (fmt[1 + l] == 'u' && fmt[2 + l] == '\0')
		return l ? FMT_ULONG : FMT_UINT;
	if (l)
		return FMT_OTHER;
	if (fmt[1] == 'f' && fmt[2] == '\0')
		return 6;
	if (fmt[1] != '.')
		return FMT_OTHER;
	if (fmt[2] == '*')
		return fmt[3] == 'f' && fmt[4] == '\0' ? FMT_STAR : FMT_OTHER;
	if (fmt[2] < '0' || fmt[2] > '9')
		return FMT_OTHER;
	p = fmt[2] - '0';
	if (fmt[3] >= '0' && fmt[3] <= '9') {
		p = p * 10 + (fmt[3] - '0');
		fmt++;
	}
	return fmt[3] == 'f' && fmt[4] == '\0' ? p : FMT_OTHER;
}

/* The number written, or -1 for glibc to write it. */
static int
write_number(char *s, size_t maxlen, int f, va_list ap)
{
	switch (f) {
	case FMT_INT:
	case FMT_LONG: {
		long v = f == FMT_INT ? va_arg(ap, int) : va_arg(ap, long);
		return av_format_integer(s, maxlen, v < 0 ? 0UL - (unsigned long)v : (unsigned long)v, v < 0);
	}
	case FMT_UINT:
	case FMT_ULONG:
		return av_format_integer(s, maxlen, f == FMT_UINT ? va_arg(ap, unsigned) : va_arg(ap, unsigned long), 0);
	case FMT_STAR: {
		int prec = va_arg(ap, int);
		return av_format_fixed(s, maxlen, va_arg(ap, double), prec);
	}
	default:
		return av_format_fixed(s, maxlen, va_arg(ap, double), f);
	}
}

/* Whether the fast path may run: numbers as in C (main() keeps
 * LC_NUMERIC=C, but a library could change it), rounding to nearest. */
static int
fast_allowed(void)
{
	static int off = -1;
	const char *dp;
	if (off < 0)
		off = getenv("ANSVAR_LIBC_PRINTF") != NULL;
	if (off)
		return 0;
	/* what printf reads (localeconv() would fill a whole struct) */
	dp = nl_langinfo(RADIXCHAR);
	return dp[0] == '.' && dp[1] == '\0' && fegetround() == FE_TONEAREST;
}

int
__snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
	va_list ap;
	int f, n;

	va_start(ap, fmt);
	f = number_format(fmt);
	/* maxlen > slen is the overflow glibc aborts on: left to it. */
	if (f != FMT_OTHER && maxlen <= slen && fast_allowed()) {
		va_list aq;
		va_copy(aq, ap);
		n = write_number(s, maxlen, f, aq);
		va_end(aq);
		if (n >= 0) {
			va_end(ap);
			return n;
		}
	}
	n = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
	va_end(ap);
	return n;
}

#endif
