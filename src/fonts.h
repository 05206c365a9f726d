/* fonts.h -- the shipped fonts behind a private fontconfig configuration, and pango contexts over them. */
#ifndef AV_FONTS_H
#define AV_FONTS_H

#include <pango/pangocairo.h>

#include "diag.h"

/* Loads fonts/fonts.conf and every font in the data directory's fonts/
 * into a private fontconfig configuration (no system fonts), once per
 * process.  Returns 0, or -1 with a diagnostic when the fonts cannot be
 * loaded.  Not thread-safe: call it before starting threads (worker
 * processes forked afterwards share the loaded fonts).  It also sets
 * CAIRO_DEBUG_PDF in the environment, so that cairo leaves PDF content
 * streams for av_pdf_post() to compress (pdf_post.h). */
int av_fonts_init(struct av_diags *d);

/* The font map over the shipped fonts (owned by this module; valid after a
 * successful av_fonts_init()). */
PangoFontMap *av_fonts_map(void);

/* A new pango context for layout that gives the same metrics on every
 * surface (PDF, SVG, PNG): unhinted metrics, unrounded glyph positions,
 * language `lang` (BCP 47, e.g. "sv"; may be NULL), font "sans-serif 10".  Caller unrefs with
 * g_object_unref(). */
PangoContext *av_fonts_context(const char *lang);

/* Applies the same font options to a cairo context before drawing layouts
 * made with av_fonts_context(), so drawing matches the measured metrics. */
void av_fonts_prepare_cairo(cairo_t *cr);

/* Frees the font map and configuration (for leak checkers). */
void av_fonts_shutdown(void);

#endif
