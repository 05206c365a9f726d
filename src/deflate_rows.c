/* deflate_rows.c -- an image's rows compressed to the zlib format, matching the pixel to the left and the row above first. */
#include "config.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deflate.h"

/*
 * Why not libdeflate here, as for the PDFs' streams: a diagram's PNG is
 * mostly runs (white paper, flat box fills) and libdeflate's match finder
 * enters every byte of every match into its hash tables, about 26
 * instructions a byte even for one colour (8 MB of white took 11 ms at
 * its level 2, its level 1 twice that); a diagram's rows were 18% of a
 * batch's instructions.  zlib's Z_RLE strategy skips the hashing but
 * only matches one byte back: to it a box's fill, three different bytes
 * a pixel, is no run (and zlib spends as long per symbol).
 * No Debian library finds matches the way pixels repeat, so this file
 * does, and writes the deflate blocks (RFC 1951) itself:
 *
 *   - at each position the candidates are the pixel to the left (a run)
 *     and the row above (what repeats down a box), then, for what those
 *     did not cover well, one earlier position with the same 4 bytes (a
 *     letter drawn again);
 *   - the longest match wins (on a tie the one tried first), greedily;
 *     only the positions a search starts at enter the hash table, so a
 *     run costs a comparison of its bytes and nothing per byte besides;
 *   - each block of tokens gets its own Huffman codes (length-limited to
 *     15 bits), or is stored when that would be smaller.
 *
 * On a generated collaboration's diagram (8.4 MB of rows) this takes a
 * sixth of libdeflate's instructions (39 M against 231 M) and under half
 * its time (4.7 against 12.2 ms), and the file is 3% smaller; on the four
 * of tests/bench/batch-instructions.sh the PNGs are 2-4% smaller.  The
 * output depends only on the input: not on the buffer it is written to,
 * the machine, or a library's version.
 */

enum {
	WINDOW = 32768,
	MIN_MATCH = 3,
	MAX_MATCH = 258,
	HASH_BITS = 15,
	GOOD_ENOUGH = 16,       /* a run or row match this long is not bettered by the hash */
	BLOCK_TOKENS = 1 << 15,
	LITLEN_SYMS = 286,
	DIST_SYMS = 30,
	CLEN_SYMS = 19,
	MAX_BITS = 15,
	MAX_CLEN_BITS = 7,
	END_OF_BLOCK = 256,
};

/* A token is a literal byte (< 256) or a match: MATCH | distance << 9 | (length - 3). */
#define MATCH 0x100u

static const unsigned short len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
};
static const unsigned char len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
};
static const unsigned short dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
};
static const unsigned char dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
};
/* the order the code length code's lengths are written in */
static const unsigned char clen_order[CLEN_SYMS] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
};

static unsigned
len_code(unsigned len)
{
	unsigned v = len - 3, l;
	if (len == MAX_MATCH)
		return 28;
	if (v < 8)
		return v;
	l = 31u - (unsigned)__builtin_clz(v);
	return 4 * (l - 1) + ((v >> (l - 2)) & 3);
}

static unsigned
dist_code(unsigned dist)
{
	unsigned v = dist - 1, l;
	if (v < 2)
		return v;
	l = 31u - (unsigned)__builtin_clz(v);
	return 2 * l + ((v >> (l - 1)) & 1);
}

/* The number of equal bytes at a and b, at most max. */
static size_t
match_len(const unsigned char *a, const unsigned char *b, size_t max)
{
	size_t n = 0;
	while (n + 8 <= max) {
		uint64_t x, y;
		memcpy(&x, a + n, 8);
		memcpy(&y, b + n, 8);
		if (x != y)
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			return n + ((size_t)__builtin_clzll(x ^ y) >> 3);
#else
			return n + ((size_t)__builtin_ctzll(x ^ y) >> 3);
#endif
		n += 8;
	}
	while (n < max && a[n] == b[n])
		n++;
	return n;
}

/* ---- Huffman code lengths ---- */

struct sym {
	uint32_t freq;
	unsigned short sym;
};

static int
cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	if (x->freq != y->freq)
		return x->freq < y->freq ? -1 : 1;
	return (x->sym > y->sym) - (x->sym < y->sym);
}

/* deflate.h: the code is complete, and at least two symbols get a
 * length (inflaters want a complete code, or for distances a single code
 * of one bit). */
void
av_deflate_code_lengths(const uint32_t *freq, unsigned n, unsigned limit, unsigned char *len)
{
	struct sym s[LITLEN_SYMS];
	uint32_t w[2 * LITLEN_SYMS];    /* weights: leaves 0..m-1, then internal nodes */
	unsigned short parent[2 * LITLEN_SYMS];
	unsigned char depth[2 * LITLEN_SYMS];
	unsigned count[32] = {0};
	unsigned m = 0, i, leaf, node, next, l, k;

	memset(len, 0, n);
	for (i = 0; i < n; i++)
		if (freq[i] > 0) {
			s[m].freq = freq[i];
			s[m].sym = (unsigned short)i;
			m++;
		}
	if (m < 2) {
		/* one used symbol (or none): it and a neighbour, one bit each */
		unsigned a = m == 1 ? s[0].sym : 0;
		len[a] = 1;
		len[a == 0 ? 1 : a - 1] = 1;
		return;
	}
	qsort(s, m, sizeof *s, cmp_sym);

	/* The two-queue construction: leaves sorted by weight, internal
	 * nodes made in order of weight; always join the two lightest. */
	for (i = 0; i < m; i++)
		w[i] = s[i].freq;
	leaf = 0;
	node = m;
	for (next = m; next < 2 * m - 1; next++) {
		unsigned pick[2];
		for (k = 0; k < 2; k++) {
			if (leaf < m && (node >= next || w[leaf] <= w[node]))
				pick[k] = leaf++;
			else
				pick[k] = node++;
		}
		w[next] = w[pick[0]] + w[pick[1]];
		parent[pick[0]] = (unsigned short)next;
		parent[pick[1]] = (unsigned short)next;
	}
	/* A leaf at depth d needs frequencies summing to the Fibonacci
	 * number F(d + 2) or more: below 2^21 (deflate.h), no leaf is deeper
	 * than 29, and count[] holds them all.  (A block's sum is at most
	 * 2^15 + 1: depth 21 at most.) */
	depth[2 * m - 2] = 0;
	for (i = 2 * m - 2; i-- > 0;)
		depth[i] = (unsigned char)(depth[parent[i]] + 1);
	for (i = 0; i < m; i++)
		count[depth[i]]++;

	/* Too long: move pairs of the deepest leaves up (JPEG's Annex K.3
	 * adjustment), keeping the code complete. */
	for (l = 31; l > limit; l--)
		while (count[l] > 0) {
			unsigned j = l - 2;
			while (count[j] == 0)
				j--;
			count[l] -= 2;
			count[l - 1] += 1;
			count[j + 1] += 2;
			count[j] -= 1;
		}

	/* The rarest symbols get the longest codes. */
	i = 0;
	for (l = limit; l >= 1; l--)
		for (k = 0; k < count[l]; k++)
			len[s[i++].sym] = (unsigned char)l;
}

/* Canonical codes for these lengths, bit-reversed for writing LSB first. */
static void
canonical_codes(const unsigned char *len, unsigned n, unsigned short *code)
{
	unsigned count[MAX_BITS + 1] = {0}, next[MAX_BITS + 1], c = 0, i, l;

	for (i = 0; i < n; i++)
		count[len[i]]++;
	count[0] = 0;
	for (l = 1; l <= MAX_BITS; l++) {
		c = (c + count[l - 1]) << 1;
		next[l] = c;
	}
	for (i = 0; i < n; i++) {
		unsigned v, r = 0, b;
		if (len[i] == 0) {
			code[i] = 0;
			continue;
		}
		v = next[len[i]]++;
		for (b = 0; b < len[i]; b++)
			r |= ((v >> b) & 1u) << (len[i] - 1 - b);
		code[i] = (unsigned short)r;
	}
}

/* ---- writing bits ---- */

struct bits {
	unsigned char *p;
	uint64_t acc;
	unsigned n;
};

static inline void
put(struct bits *b, uint32_t v, unsigned k)
{
	b->acc |= (uint64_t)v << b->n;
	b->n += k;
	if (b->n >= 32) {
		uint32_t lo = (uint32_t)b->acc;
		unsigned char q[4] = { (unsigned char)lo, (unsigned char)(lo >> 8), (unsigned char)(lo >> 16),
			(unsigned char)(lo >> 24) };
		memcpy(b->p, q, 4);
		b->p += 4;
		b->acc >>= 32;
		b->n -= 32;
	}
}

/* To the next byte boundary. */
static void
align(struct bits *b)
{
	while (b->n > 0) {
		*b->p++ = (unsigned char)b->acc;
		b->acc >>= 8;
		b->n = b->n >= 8 ? b->n - 8 : 0;
	}
	b->acc = 0;
}

/* ---- blocks ---- */

struct block {
	uint32_t ll_freq[LITLEN_SYMS], d_freq[DIST_SYMS];
	unsigned char ll_len[LITLEN_SYMS], d_len[DIST_SYMS];
	unsigned short ll_code[LITLEN_SYMS], d_code[DIST_SYMS];
	/* the lengths of both codes, run-length coded: symbol, extra value */
	unsigned char rle[LITLEN_SYMS + DIST_SYMS][2];
	unsigned nrle, hlit, hdist, hclen;
	uint32_t c_freq[CLEN_SYMS];
	unsigned char c_len[CLEN_SYMS];
	unsigned short c_code[CLEN_SYMS];
};

static void
rle_put(struct block *k, unsigned sym, unsigned extra)
{
	k->rle[k->nrle][0] = (unsigned char)sym;
	k->rle[k->nrle][1] = (unsigned char)extra;
	k->nrle++;
	k->c_freq[sym]++;
}

static void
rle_lengths(struct block *k)
{
	unsigned char all[LITLEN_SYMS + DIST_SYMS];
	unsigned n = k->hlit + k->hdist, i = 0;

	memcpy(all, k->ll_len, k->hlit);
	memcpy(all + k->hlit, k->d_len, k->hdist);
	k->nrle = 0;
	memset(k->c_freq, 0, sizeof k->c_freq);
	while (i < n) {
		unsigned v = all[i], run = 1;
		while (i + run < n && all[i + run] == v)
			run++;
		if (v == 0 && run >= 3) {
			/* 17: 3 to 10 zeros; 18: 11 to 138 */
			unsigned r = run > 138 ? 138 : run;
			if (r >= 11)
				rle_put(k, 18, r - 11);
			else
				rle_put(k, 17, r - 3);
			i += r;
		} else if (v != 0 && run >= 4) {
			/* the length, then 16: it 3 to 6 times more, as often as fits */
			unsigned rest = run - 1;
			rle_put(k, v, 0);
			while (rest >= 3) {
				unsigned r = rest > 6 ? 6 : rest;
				rle_put(k, 16, r - 3);
				rest -= r;
			}
			i += run - rest;
		} else {
			rle_put(k, v, 0);
			i++;
		}
	}
}

static const unsigned char rle_extra_bits[CLEN_SYMS] = { [16] = 2, [17] = 3, [18] = 7 };

/* Codes for the tokens; returns the block's size in bits. */
static uint64_t
plan_block(struct block *k, const uint32_t *tok, size_t ntok)
{
	uint64_t bits = 3 + 5 + 5 + 4;
	size_t i;

	memset(k->ll_freq, 0, sizeof k->ll_freq);
	memset(k->d_freq, 0, sizeof k->d_freq);
	for (i = 0; i < ntok; i++) {
		uint32_t t = tok[i];
		if (t < MATCH)
			k->ll_freq[t]++;
		else {
			k->ll_freq[257 + len_code((t & 0xff) + 3)]++;
			k->d_freq[dist_code(t >> 9)]++;
		}
	}
	k->ll_freq[END_OF_BLOCK]++;
	av_deflate_code_lengths(k->ll_freq, LITLEN_SYMS, MAX_BITS, k->ll_len);
	av_deflate_code_lengths(k->d_freq, DIST_SYMS, MAX_BITS, k->d_len);
	for (k->hlit = LITLEN_SYMS; k->hlit > 257 && k->ll_len[k->hlit - 1] == 0; k->hlit--)
		;
	for (k->hdist = DIST_SYMS; k->hdist > 1 && k->d_len[k->hdist - 1] == 0; k->hdist--)
		;
	rle_lengths(k);
	av_deflate_code_lengths(k->c_freq, CLEN_SYMS, MAX_CLEN_BITS, k->c_len);
	for (k->hclen = CLEN_SYMS; k->hclen > 4 && k->c_len[clen_order[k->hclen - 1]] == 0; k->hclen--)
		;
	canonical_codes(k->ll_len, LITLEN_SYMS, k->ll_code);
	canonical_codes(k->d_len, DIST_SYMS, k->d_code);
	canonical_codes(k->c_len, CLEN_SYMS, k->c_code);

	bits += 3 * (uint64_t)k->hclen;
	for (i = 0; i < CLEN_SYMS; i++)
		bits += (uint64_t)k->c_freq[i] * (k->c_len[i] + rle_extra_bits[i]);
	for (i = 0; i < LITLEN_SYMS; i++)
		bits += (uint64_t)k->ll_freq[i] * (k->ll_len[i] + (i > 256 ? len_extra[i - 257] : 0));
	for (i = 0; i < DIST_SYMS; i++)
		bits += (uint64_t)k->d_freq[i] * (k->d_len[i] + dist_extra[i]);
	return bits;
}

static void
write_dynamic(struct bits *b, const struct block *k, const uint32_t *tok, size_t ntok, int final)
{
	size_t i;

	put(b, (final ? 1u : 0u) | 2u << 1, 3);
	put(b, k->hlit - 257, 5);
	put(b, k->hdist - 1, 5);
	put(b, k->hclen - 4, 4);
	for (i = 0; i < k->hclen; i++)
		put(b, k->c_len[clen_order[i]], 3);
	for (i = 0; i < k->nrle; i++) {
		unsigned sym = k->rle[i][0];
		put(b, k->c_code[sym], k->c_len[sym]);
		if (rle_extra_bits[sym])
			put(b, k->rle[i][1], rle_extra_bits[sym]);
	}
	for (i = 0; i < ntok; i++) {
		uint32_t t = tok[i];
		if (t < MATCH)
			put(b, k->ll_code[t], k->ll_len[t]);
		else {
			unsigned len = (t & 0xff) + 3, dist = t >> 9;
			unsigned lc = len_code(len), dc = dist_code(dist);
			put(b, k->ll_code[257 + lc] | (uint32_t)(len - len_base[lc]) << k->ll_len[257 + lc],
			    k->ll_len[257 + lc] + len_extra[lc]);
			put(b, k->d_code[dc] | (uint32_t)(dist - dist_base[dc]) << k->d_len[dc], k->d_len[dc] + dist_extra[dc]);
		}
	}
	put(b, k->ll_code[END_OF_BLOCK], k->ll_len[END_OF_BLOCK]);
}

/* ---- where the bytes come from ---- */

/* All of them in memory (av_deflate_rows()), or an image's rows made one
 * at a time (av_deflate_image()) into a window that slides: the bytes
 * [base, end) of the stream are at buf, at least the 32 KB a match may
 * reach back behind the current position and a match's length ahead. */
struct source {
	size_t n, rowlen;
	const unsigned char *mem;       /* all the bytes, or NULL */
	void (*row)(void *ctx, size_t r, unsigned char *dst);
	void *ctx;
	unsigned char *buf;
	size_t cap, base, end, next_row;
	uint32_t adler;                 /* of the bytes made so far */
};

enum { FILL_AHEAD = 1 << 16 };

/* Rows made until FILL_AHEAD bytes past i are (or all of them):
 * compress() asks when fewer than a match's length are left. */
static void
fill(struct source *s, size_t i)
{
	while (s->end < s->n && s->end - i < FILL_AHEAD) {
		unsigned char *dst;
		if (s->end - s->base + s->rowlen + AV_DEFLATE_ROW_SPARE > s->cap) {
			/* keep what lies within reach behind i */
			size_t keep = i > WINDOW ? i - WINDOW : 0;
			memmove(s->buf, s->buf + (keep - s->base), s->end - keep);
			s->base = keep;
		}
		dst = s->buf + (s->end - s->base);
		s->row(s->ctx, s->next_row++, dst);
		s->adler = libdeflate_adler32(s->adler, dst, s->rowlen);
		s->end += s->rowlen;
	}
}

/* The bytes [pos, pos + len) at dst, wherever they are now. */
static void
copy_bytes(const struct source *s, size_t pos, size_t len, unsigned char *dst)
{
	unsigned char *row;

	if (s->mem != NULL) {
		if (len > 0)
			memcpy(dst, s->mem + pos, len);
		return;
	}
	/* made again: a stored block may begin before the window */
	row = av_xmalloc(s->rowlen + AV_DEFLATE_ROW_SPARE);
	while (len > 0) {
		size_t r = pos / s->rowlen, off = pos % s->rowlen, m = s->rowlen - off;
		if (m > len)
			m = len;
		s->row(s->ctx, r, row);
		memcpy(dst, row + off, m);
		dst += m;
		pos += m;
		len -= m;
	}
	free(row);
}

static void
write_stored(struct bits *b, const struct source *src, size_t pos, size_t n, int final)
{
	do {
		size_t m = n > 65535 ? 65535 : n;
		int last = final && m == n;
		put(b, last ? 1u : 0u, 3);
		align(b);
		b->p[0] = (unsigned char)m;
		b->p[1] = (unsigned char)(m >> 8);
		b->p[2] = (unsigned char)~m;
		b->p[3] = (unsigned char)(~m >> 8);
		copy_bytes(src, pos, m, b->p + 4);
		b->p += 4 + m;
		pos += m;
		n -= m;
	} while (n > 0);
}

/* The tokens of the bytes [start, end), as one dynamic block or stored
 * ones, whichever is smaller, with the room it needs made in `out` first
 * (b->p points into it). */
static void
write_block(struct bits *b, struct av_buf *out, struct block *k, const uint32_t *tok, size_t ntok,
    const struct source *src, size_t start, size_t end, int final)
{
	uint64_t dyn = plan_block(k, tok, ntok);
	size_t n = end - start, used = (size_t)(b->p - (unsigned char *)out->data);
	uint64_t stored = ((uint64_t)n + 5 * (n / 65535 + 1)) * 8 + 7;
	uint64_t need = (dyn <= stored ? dyn : stored) / 8 + 16;

	/* and for the checksum after the last block, and a NUL */
	out->data = av_xgrow(out->data, &out->cap, used + (size_t)need + 4 + 1, 1);
	b->p = (unsigned char *)out->data + used;
	if (dyn <= stored)
		write_dynamic(b, k, tok, ntok, final);
	else
		write_stored(b, src, start, n, final);
}

static void
compress(struct source *src, struct av_buf *out)
{
	uint32_t *hash = av_xcalloc((size_t)1 << HASH_BITS, sizeof *hash);
	uint32_t *tok = av_xmalloc(BLOCK_TOKENS * sizeof *tok);
	struct block *k = av_xmalloc(sizeof *k);
	size_t n = src->n, up = src->rowlen > 0 && src->rowlen <= WINDOW ? src->rowlen : 0;
	size_t i = 0, start = 0, ntok = 0;
	struct bits b;

	out->data = av_xgrow(out->data, &out->cap, 2 + 1, 1);
	b.p = (unsigned char *)out->data;
	b.p[0] = 0x78;          /* deflate, 32 KB window */
	b.p[1] = 0x01;          /* the fastest level; the header's check */
	b.p += 2;
	b.acc = 0;
	b.n = 0;

	do {
		size_t max = n - i > MAX_MATCH ? MAX_MATCH : n - i, best = 0, dist = 0;
		const unsigned char *p;

		if (src->end - i < MAX_MATCH && src->end < n)
			fill(src, i);
		/* the window holds [i - WINDOW, i + max): every match below */
		p = src->buf + (i - src->base);
		if (max >= MIN_MATCH) {
			if (i >= 3)
				best = match_len(p, p - 3, max), dist = 3;
			if (best < max && up && i >= up) {
				size_t l = match_len(p, p - up, max);
				if (l > best)
					best = l, dist = up;
			}
			if (best < GOOD_ENOUGH && max >= 4) {
				/* the 4 bytes in the same order on every machine */
				uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
				    (uint32_t)p[3] << 24;
				uint32_t h = (v * 0x9E3779B1u) >> (32 - HASH_BITS), c, d;
				c = hash[h];
				hash[h] = (uint32_t)i;
				/* positions are kept modulo 2^32; whatever the
				 * table holds, a match is checked byte by byte */
				d = (uint32_t)i - c;
				if (d > 0 && d <= WINDOW && d <= i && d != 3 && d != up) {
					size_t l = match_len(p, p - d, max);
					if (l > best)
						best = l, dist = d;
				}
			}
		}
		if (best >= MIN_MATCH) {
			tok[ntok++] = MATCH | (uint32_t)dist << 9 | (uint32_t)(best - 3);
			i += best;
		} else if (i < n) {
			tok[ntok++] = p[0];
			i++;
		}
		if (ntok == BLOCK_TOKENS || i == n) {
			write_block(&b, out, k, tok, ntok, src, start, i, i == n);
			start = i;
			ntok = 0;
		}
	} while (i < n);
	align(&b);
	b.p[0] = (unsigned char)(src->adler >> 24);
	b.p[1] = (unsigned char)(src->adler >> 16);
	b.p[2] = (unsigned char)(src->adler >> 8);
	b.p[3] = (unsigned char)src->adler;
	b.p += 4;
	out->len = (size_t)(b.p - (unsigned char *)out->data);
	out->data[out->len] = '\0';
	free(k);
	free(tok);
	free(hash);
}

void
av_deflate_rows(const void *rows, size_t n, size_t rowlen, struct av_buf *out)
{
	static const unsigned char none[1];
	struct source src = {0};

	src.n = n;
	src.rowlen = rowlen;
	src.mem = n > 0 ? rows : none;
	src.buf = (unsigned char *)(uintptr_t)src.mem;  /* only read */
	src.end = n;
	src.adler = n > 0 ? libdeflate_adler32(1, rows, n) : 1;
	compress(&src, out);
}

void
av_deflate_image(size_t nrows, size_t rowlen, void (*row)(void *ctx, size_t r, unsigned char *dst), void *ctx,
    struct av_buf *out)
{
	struct source src = {0};

	/* (the caller's rows fit its memory; these sizes cannot overflow
	 * for them, and are refused when they would) */
	if ((rowlen > 0 && nrows > SIZE_MAX / rowlen) || rowlen > SIZE_MAX / 8)
		abort();
	src.n = nrows * rowlen;
	src.rowlen = rowlen;
	src.row = row;
	src.ctx = ctx;
	/* a match's reach behind, what is made ahead, a row more each side
	 * and what a row may write past itself -- twice that, so the window
	 * slides (one memmove) once every hundred kilobytes or so */
	src.cap = 2 * (WINDOW + FILL_AHEAD + MAX_MATCH + 2 * rowlen + AV_DEFLATE_ROW_SPARE);
	src.buf = av_xmalloc(src.cap);
	src.adler = 1;
	compress(&src, out);
	free(src.buf);
}
