/* libc_numbers.c -- cairo's numbers formatted without glibc's multi-precision printf.
 *
 * cairo 1.16 writes every number of a PDF or SVG through _cairo_dtostr(),
 * which calls snprintf() with "%f", "%.18f" or "%.*f" (twice for numbers
 * below 0.1, and for every 0); its integers go through "%d" and "%ld",
 * its offsets, hex strings and escapes through "%010ld", "%04x", "%03o".
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
 * "%.18f" and the like, "%.*f" (the precision from the arguments); "%d",
 * "%ld", "%u", "%lu", and with zeros to a width (its PDFs' cross-reference
 * offsets "%010ld", hex strings "%04x", "%02x", "%04X", octal escapes
 * "%03o", glyph indices "%0*x").  Anything else is glibc's. */
struct number_format {
	char conv;              /* 'f', 'd', 'u', 'x', 'X' or 'o' */
	int prec;               /* f: digits after the point; -1: from the arguments */
	int width;              /* integers: zeros to this width; -1: from the arguments */
	int lng;                /* integers: long */
};

/* A '*' (-1: from the arguments) or one or two digits at *p, stepped
 * over; -2 when neither is there. */
static int
star_or_digits(const char **p)
{
	int v = 0, n = 0;
	if (**p == '*') {
		(*p)++;
		return -1;
	}
	while (n < 2 && (*p)[n] >= '0' && (*p)[n] <= '9')
		v = v * 10 + ((*p)[n++] - '0');
	*p += n;
	return n > 0 ? v : -2;
}

/* Whether fmt is one of those (filling f). */
static int
number_format(const char *fmt, struct number_format *f)
{
	const char *p = fmt + 1;

	if (fmt[0] != '%')
		return 0;
	f->prec = 6;
	f->width = 0;
	f->lng = 0;
	if (*p == '0') {
		/* zeros to a width: integers only */
		p++;
		f->width = star_or_digits(&p);
		if (f->width < -1 || f->width > AV_PAD_MAX_WIDTH)
			return 0;
	} else if (*p == '.') {
		/* a precision: "%f" only */
		p++;
		f->prec = star_or_digits(&p);
		f->conv = 'f';
		return f->prec >= -1 && p[0] == 'f' && p[1] == '\0';
	}
	if (*p == 'l') {
		f->lng = 1;
		p++;
	}
	f->conv = *p;
	if (p[0] == '\0' || p[1] != '\0')
		return 0;
	if (f->conv == 'f')
		return !f->lng && f->width == 0;
	return f->conv == 'd' || f->conv == 'u' || f->conv == 'x' || f->conv == 'X' || f->conv == 'o';
}

/* The number written, or -1 for glibc to write it. */
static int
write_number(char *s, size_t maxlen, const struct number_format *f, va_list ap)
{
	int width = f->width, base;
	unsigned long long magnitude;
	int neg = 0;

	if (f->conv == 'f') {
		int prec = f->prec < 0 ? va_arg(ap, int) : f->prec;
		return av_format_fixed(s, maxlen, va_arg(ap, double), prec);
	}
	if (width < 0 && (width = va_arg(ap, int)) < 0)
		return -1;      /* a negative width pads on the right: glibc's */
	if (f->conv == 'd') {
		long v = f->lng ? va_arg(ap, long) : va_arg(ap, int);
		neg = v < 0;
		magnitude = neg ? 0UL - (unsigned long)v : (unsigned long)v;
	} else
		magnitude = f->lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
	base = f->conv == 'o' ? 8 : f->conv == 'x' || f->conv == 'X' ? 16 : 10;
	return av_format_padded(s, maxlen, magnitude, neg, base, f->conv == 'X', width);
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
	struct number_format f;
	va_list ap;
	int n;

	va_start(ap, fmt);
	/* maxlen > slen is the overflow glibc aborts on: left to it. */
	if (number_format(fmt, &f) && maxlen <= slen && fast_allowed()) {
		va_list aq;
		va_copy(aq, ap);
		n = write_number(s, maxlen, &f, aq);
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
