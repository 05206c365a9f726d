/* palette.h -- the default party colours: a colour-blind-safe palette (Okabe and Ito). */
#ifndef AV_PALETTE_H
#define AV_PALETTE_H

#include <stddef.h>

/* The colour (0xRRGGBB) for the i-th party that has no colour of its own
 * (counting from 0 in file order); the palette repeats after its 8
 * colours. */
unsigned av_palette_colour(size_t i);
/* Number of distinct colours before the palette repeats. */
size_t av_palette_size(void);
/* A colour's light tint for filling a box behind dark text: the colour
 * mixed with white, `strength` of the colour (0..1). */
unsigned av_palette_tint(unsigned rgb, double strength);

#endif
