/* numfmt.h -- numbers as printf's "%.Nf", "%d" and "%04x" write them, without printf's cost. */
#ifndef AV_NUMFMT_H
#define AV_NUMFMT_H

#include <stddef.h>

/* The largest precision av_format_fixed() takes. */
#define AV_FIXED_MAX_PREC 18

/* Writes `d` into buf as snprintf(buf, size, "%.*f", prec, d) does in the
 * C locale and round-to-nearest: the exact decimal value rounded to
 * `prec` digits, ties to even, a '-' for every negative value and -0.
 * Returns the length of the whole text (what snprintf returns), or -1 for
 * what it leaves to printf: prec outside 0..AV_FIXED_MAX_PREC, infinities,
 * NaN, magnitudes of 2^63 and more.  glibc formats every number through
 * multi-precision arithmetic (some 2000 instructions a number); cairo
 * writes tens of thousands of numbers per collaboration (libc_numbers.c). */
int av_format_fixed(char *buf, size_t size, double d, int prec);

/* Writes a '-' when `neg`, then the decimal digits of `magnitude`, as
 * snprintf does with "%d", "%ld", "%u" or "%lu" (returns the whole
 * length; the caller passes the magnitude of a negative value, for
 * LONG_MIN too). */
int av_format_integer(char *buf, size_t size, unsigned long long magnitude, int neg);

/* The widest zero padding av_format_padded() takes. */
#define AV_PAD_MAX_WIDTH 40

/* The same in base 8, 10 or 16 (digits above 9 in capitals when
 * `upper`), padded with zeros after any '-' to `width` characters in all,
 * as snprintf does with "%0Nd", "%0Nlx", "%0NX", "%0No" and the like
 * (width 0: no padding).  Returns -1 for another base or a width outside
 * 0..AV_PAD_MAX_WIDTH. */
int av_format_padded(char *buf, size_t size, unsigned long long magnitude, int neg, int base, int upper,
    int width);

#endif
