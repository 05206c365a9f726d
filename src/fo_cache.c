/* fo_cache.c -- text shaped once: paragraphs measured and lines laid out, kept across passes and documents. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fo_int.h"
#include "fonts.h"

/*
 * Shaping with pango and HarfBuzz is most of what the formatter spends:
 * every paragraph is shaped once to measure it, every line once more to
 * draw it.  The same text comes back many times: in the second pass of a
 * document that cites its own pages, in the page headers and footers, and
 * in the handouts of a collaboration, which set the charters of its
 * complete document again.  The cache keeps what the shaping gave, keyed
 * by everything it depended on (the text, each span's font, colour, rise,
 * underline and inline object size, the language of the context), so a
 * hit gives exactly what shaping again would have.
 *
 * Its size is bounded: past AV_FO_CACHE_BYTES nothing more is kept (what
 * is kept stays valid); everything goes with av_fo_cache_free().
 */

#define AV_FO_CACHE_BYTES ((size_t)128 << 20)

struct av_fo_cache {
	GHashTable *measures;           /* key (GBytes) -> struct fo_measure */
	GHashTable *lines;              /* key (GBytes) -> PangoLayout */
	GStringChunk *strings;          /* interned strings: font keys, languages */
	GHashTable *contexts;           /* language ("" for none) -> PangoContext */
	GHashTable *metrics;            /* "LANG|font key" -> struct fo_metrics */
	size_t bytes;                   /* an estimate of what the entries take */
};

void
av_fo_measure_free(struct fo_measure *m)
{
	if (m == NULL)
		return;
	free(m->x);
	free(m->la);
	free(m->kind);
	free(m);
}

struct av_fo_cache *
av_fo_cache_new(void)
{
	struct av_fo_cache *c = av_xcalloc(1, sizeof *c);
	c->measures = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref,
	    (GDestroyNotify)av_fo_measure_free);
	c->lines = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, g_object_unref);
	c->strings = g_string_chunk_new(1024);
	c->contexts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
	c->metrics = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
	return c;
}

void
av_fo_cache_free(struct av_fo_cache *c)
{
	if (c == NULL)
		return;
	g_hash_table_destroy(c->measures);
	g_hash_table_destroy(c->lines);
	g_hash_table_destroy(c->contexts);
	g_hash_table_destroy(c->metrics);
	g_string_chunk_free(c->strings);
	free(c);
}

const char *
av_fo_cache_intern(struct av_fo_cache *c, const char *s)
{
	return s ? g_string_chunk_insert_const(c->strings, s) : NULL;
}

PangoContext *
av_fo_cache_context(struct av_fo_cache *c, const char *lang)
{
	PangoContext *ctx = g_hash_table_lookup(c->contexts, lang ? lang : "");
	if (ctx == NULL) {
		ctx = av_fonts_context(lang);
		g_hash_table_insert(c->contexts, g_strdup(lang ? lang : ""), ctx);
	}
	return ctx;
}

GHashTable *
av_fo_cache_metrics(struct av_fo_cache *c)
{
	return c->metrics;
}

const struct fo_measure *
av_fo_cache_measure(struct av_fo_cache *c, GBytes *key)
{
	return g_hash_table_lookup(c->measures, key);
}

int
av_fo_cache_put_measure(struct av_fo_cache *c, GBytes *key, struct fo_measure *m)
{
	size_t size = (m->len + 1) * (sizeof *m->x + 1) + (size_t)m->nattrs * sizeof *m->la +
	    g_bytes_get_size(key) + 64;
	if (c->bytes + size > AV_FO_CACHE_BYTES || g_hash_table_contains(c->measures, key))
		return 0;
	c->bytes += size;
	g_hash_table_insert(c->measures, g_bytes_ref(key), m);
	return 1;
}

PangoLayout *
av_fo_cache_line(struct av_fo_cache *c, GBytes *key)
{
	return g_hash_table_lookup(c->lines, key);
}

void
av_fo_cache_put_line(struct av_fo_cache *c, GBytes *key, PangoLayout *lay)
{
	/* a shaped line: its glyphs (about 20 bytes each) and pango's own
	 * structures around them */
	size_t size = g_bytes_get_size(key) * 24 + 1024;
	if (c->bytes + size > AV_FO_CACHE_BYTES || g_hash_table_contains(c->lines, key))
		return;
	c->bytes += size;
	g_hash_table_insert(c->lines, g_bytes_ref(key), g_object_ref(lay));
}
