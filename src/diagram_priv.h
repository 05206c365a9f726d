/* diagram_priv.h -- what the diagram's layout hands its drawing code (internal to diagram_*.c). */
#ifndef AV_DIAGRAM_PRIV_H
#define AV_DIAGRAM_PRIV_H

#include <pango/pangocairo.h>

#include "diagram.h"

/* The pango line that line i of the layout was measured with, and its
 * layout (*layout; owned by the diagram layout): drawing it gives exactly
 * the measured text. */
PangoLayoutLine *av_dg_line_layout(const struct av_dg_layout *l, size_t i, PangoLayout **layout);

#endif
