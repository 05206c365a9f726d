/* fonts.c -- the shipped fonts behind a private fontconfig configuration, and pango contexts over them. */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>

#include "fonts.h"
#include "util.h"

static PangoFontMap *fontmap;

int
av_fonts_init(struct av_diags *d)
{
	char *dir, *conf;
	FcConfig *config;
	FcFontSet *set;
	int rc = -1;

	if (fontmap != NULL)
		return 0;
	/* cairo's PDF surfaces write their content streams uncompressed (the
	 * variable is read when a surface is made): av_pdf_post() marks
	 * artifacts in them and compresses every stream once, instead of
	 * inflating what cairo deflated and deflating it again. */
	setenv("CAIRO_DEBUG_PDF", "1", 1);
	dir = av_path_join(av_datadir(), "fonts");
	conf = av_path_join(dir, "fonts.conf");
	config = NULL;
	if (!av_file_exists(conf)) {
		/* Say it once, clearly, before fontconfig prints its own message. */
		av_diag_at(d, AV_D_IO, dir, 0, 0,
		    "the shipped fonts are missing here: install ansvar, or set ANSVAR_DATADIR "
		    "to the directory holding fonts/ and templates/");
		goto out;
	}
	config = FcConfigCreate();
	if (!FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcTrue)) {
		av_diag_at(d, AV_D_IO, conf, 0, 0, "cannot load the font configuration");
		goto out;
	}
	if (!FcConfigAppFontAddDir(config, (const FcChar8 *)dir)) {
		av_diag_at(d, AV_D_IO, dir, 0, 0, "cannot read the fonts directory");
		goto out;
	}
	set = FcConfigGetFonts(config, FcSetApplication);
	if (set == NULL || set->nfont == 0) {
		av_diag_at(d, AV_D_IO, dir, 0, 0, "no fonts found");
		goto out;
	}
	/* pango starts a thread running FcInit() for fontconfig's default
	 * configuration (every font of the machine: 40-70 ms here) and waits
	 * for it before its first layout, although this font map never uses
	 * it.  Made current first, ours is what FcInit() finds: nothing left
	 * to load, and no system font can slip in through the default. */
	FcConfigSetCurrent(config);
	fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (fontmap == NULL) {
		av_diag_at(d, AV_D_INTERNAL, NULL, 0, 0, "pango has no FreeType font map");
		goto out;
	}
	/* The font map takes its own reference; ours is dropped below. */
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fontmap), config);
	/* Resolution in points: 1 pango unit of font size = 1 pt = 1 cairo unit. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fontmap), 72.0);
	rc = 0;
out:
	if (config != NULL)
		FcConfigDestroy(config);
	config = NULL;
	free(dir);
	free(conf);
	return rc;
}

PangoFontMap *
av_fonts_map(void)
{
	return fontmap;
}

static cairo_font_options_t *
font_options(void)
{
	cairo_font_options_t *o = cairo_font_options_create();
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
	return o;
}

PangoContext *
av_fonts_context(const char *lang)
{
	PangoContext *ctx = pango_font_map_create_context(fontmap);
	cairo_font_options_t *o = font_options();
	PangoFontDescription *fd;

	pango_cairo_context_set_font_options(ctx, o);
	cairo_font_options_destroy(o);

	pango_context_set_round_glyph_positions(ctx, FALSE);
	/* pango's own default family is serif; ours is the humanist sans. */
	fd = pango_font_description_from_string("sans-serif 10");
	pango_context_set_font_description(ctx, fd);
	pango_font_description_free(fd);
	if (lang != NULL)
		pango_context_set_language(ctx, pango_language_from_string(lang));
	return ctx;
}

void
av_fonts_prepare_cairo(cairo_t *cr)
{
	cairo_font_options_t *o = font_options();
	cairo_set_font_options(cr, o);
	cairo_font_options_destroy(o);
}

void
av_fonts_shutdown(void)
{
	if (fontmap != NULL) {
		g_object_unref(fontmap);
		fontmap = NULL;
	}
}
