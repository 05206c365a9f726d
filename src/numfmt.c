/* numfmt.c -- numbers as printf's "%.Nf", "%d" and "%04x" write them: exactly, with 128-bit integers. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "numfmt.h"

static const uint64_t pow10[AV_FIXED_MAX_PREC + 1] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
	10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
};

/* The digits of v in `base` (8, 10 or 16; capitals when `upper`) at t,
 * at least `width` of them (zeros before); returns the end. */
static char *
put_digits(char *t, unsigned long long v, unsigned base, int upper, int width)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[22];
	int n = 0;
	do {
		digits[n++] = digit[v % base];
		v /= base;
	} while (v != 0);
	for (; width > n; width--)
		*t++ = '0';
	while (n > 0)
		*t++ = digits[--n];
	return t;
}

/* text[0..len) into buf as snprintf leaves it: cut to size - 1 and
 * NUL-terminated when size > 0; the whole length returned. */
static int
put_text(char *buf, size_t size, const char *text, size_t len)
{
	if (size > 0) {
		size_t k = len < size ? len : size - 1;
		memcpy(buf, text, k);
		buf[k] = '\0';
	}
	return (int)len;
}

/* A double is m * 2^e with m < 2^53.  Below 2^63, m * 10^prec * 2^e
 * rounded to an integer q is the number's digits; m * 10^18 < 2^113 and,
 * for e >= 0 (then e <= 10), q < 2^123: every step fits 128 bits. */
int
av_format_fixed(char *buf, size_t size, double d, int prec)
{
	unsigned __int128 n, q;
	uint64_t bits, m, ip, fp;
	int e, neg, i;
	char tmp[1 + 20 + 1 + AV_FIXED_MAX_PREC];
	char *t = tmp;

	if (prec < 0 || prec > AV_FIXED_MAX_PREC)
		return -1;
	memcpy(&bits, &d, sizeof bits);
	neg = (int)(bits >> 63);
	e = (int)((bits >> 52) & 0x7ff);
	m = bits & ((1ULL << 52) - 1);
	if (e == 0x7ff || e >= 1023 + 63)
		return -1;              /* infinite, NaN or too large */
	if (e == 0) {
		e = -1074;              /* subnormal (or zero) */
	} else {
		m |= 1ULL << 52;
		e -= 1075;
	}
	n = (unsigned __int128)m * pow10[prec];
	if (e >= 0) {
		q = n << e;
	} else if (-e >= 128) {
		q = 0;                  /* below 2^-75 * 10^18: rounds to 0 */
	} else {
		int s = -e;
		unsigned __int128 r, half;
		q = n >> s;
		r = n - (q << s);
		half = (unsigned __int128)1 << (s - 1);
		if (r > half || (r == half && (q & 1)))
			q++;
	}
	ip = (uint64_t)(q / pow10[prec]);
	fp = (uint64_t)(q % pow10[prec]);

	if (neg)
		*t++ = '-';
	t = put_digits(t, ip, 10, 0, 0);
	if (prec > 0) {
		*t++ = '.';
		for (i = prec - 1; i >= 0; i--) {
			t[i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		t += prec;
	}
	return put_text(buf, size, tmp, (size_t)(t - tmp));
}

int
av_format_integer(char *buf, size_t size, unsigned long long magnitude, int neg)
{
	return av_format_padded(buf, size, magnitude, neg, 10, 0, 0);
}

int
av_format_padded(char *buf, size_t size, unsigned long long magnitude, int neg, int base, int upper,
    int width)
{
	char tmp[1 + AV_PAD_MAX_WIDTH + 22], *t = tmp;

	if ((base != 8 && base != 10 && base != 16) || width < 0 || width > AV_PAD_MAX_WIDTH)
		return -1;
	if (neg)
		*t++ = '-';
	/* zeros after the sign, to the width */
	t = put_digits(t, magnitude, (unsigned)base, upper, width - (neg ? 1 : 0));
	return put_text(buf, size, tmp, (size_t)(t - tmp));
}
